"""SQL for the audit log: every view and change of citizen data, with who and when."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from oto_match.domain import AuditEntry
from oto_match.storage.rows import Cursor, execute, fetch_all


def log(cur: Cursor, staff_id: str | None, action: str, entity: str, entity_id: str, detail: str = "") -> None:
    execute(
        cur,
        "INSERT INTO audit_log (happened_at, staff_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [datetime.now(), staff_id, action, entity, entity_id, detail],
    )


def log_many(
    cur: Cursor, staff_id: str | None, action: str, entity: str, entity_ids: list[str], detail: str = ""
) -> None:
    """One audit row per entity in a single statement (e.g. every citizen shown in a ranking)."""
    if not entity_ids:
        return
    frame = pd.DataFrame({"entity_id": entity_ids})
    cur.register("_audit_ids", frame)
    try:
        execute(
            cur,
            "INSERT INTO audit_log (happened_at, staff_id, action, entity, entity_id, detail)"
            " SELECT ?, ?, ?, ?, entity_id, ? FROM _audit_ids",
            [datetime.now(), staff_id, action, entity, detail],
        )
    finally:
        cur.unregister("_audit_ids")


def entries_for(cur: Cursor, entity: str, entity_id: str, limit: int = 200) -> list[AuditEntry]:
    sql = (
        "SELECT happened_at AS at, staff_id, action, entity, entity_id, detail FROM audit_log"
        " WHERE entity = ? AND entity_id = ? ORDER BY audit_id DESC LIMIT ?"
    )
    return fetch_all(cur, AuditEntry, sql, [entity, entity_id, limit])


def entries_by_action(cur: Cursor, action: str, limit: int = 500) -> list[AuditEntry]:
    sql = (
        "SELECT happened_at AS at, staff_id, action, entity, entity_id, detail FROM audit_log"
        " WHERE action = ? ORDER BY audit_id DESC LIMIT ?"
    )
    return fetch_all(cur, AuditEntry, sql, [action, limit])


def log_each(cur: Cursor, staff_id: str | None, action: str, entity: str, rows: list[tuple[str, str]]) -> None:
    """One audit row per (entity id, detail) pair, in a single statement (a batch through one door)."""
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=["entity_id", "detail"])
    cur.register("_audit_rows", frame)
    try:
        execute(
            cur,
            "INSERT INTO audit_log (happened_at, staff_id, action, entity, entity_id, detail)"
            " SELECT ?, ?, ?, ?, entity_id, detail FROM _audit_rows",
            [datetime.now(), staff_id, action, entity],
        )
    finally:
        cur.unregister("_audit_rows")
