"""SQL for the audit log: every view and change of citizen data, with who and when.

The log is append-only and a hash chain: this module only ever INSERTs into audit_log and SELECTs from it
(tests/test_audit_chain.py reads every statement under storage/ to check that). Each row keeps
- `values_digest` = sha256 of its own values (id, time, who, action, entity, id, detail, citizens shown),
- `prev_hash` = the chain hash of the row before it, and
- `chain_hash` = sha256(prev_hash + values_digest),
so deleting or altering a row breaks the chain at that row (`verify_chain` names it). The digest is kept apart so
a GDPR erasure may blank a row's values (marking `erased_at`) and the chain still verifies. Rows written before
migration 0007 have no hashes; the first chained row starts from a digest of all of them ("legacy:…").
Deleting the newest rows leaves no gap to find: note the last chain hash `verify_chain` reports, and compare.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any

import duckdb

from oto_match.domain import AuditEntry
from oto_match.errors import DatabaseBusyError, StorageError
from oto_match.storage.rows import BUSY_MESSAGE, Cursor, execute, fetch_all

_COLUMNS = "audit_id, happened_at, staff_id, action, entity, entity_id, detail, citizen_ids"
_CHAIN_COLUMNS = f"{_COLUMNS}, values_digest, prev_hash, chain_hash"


@dataclass(frozen=True)
class NewRow:
    """One audit row to append (the chain columns are worked out by `append`)."""

    staff_id: str | None
    action: str
    entity: str
    entity_id: str
    detail: str = ""
    citizen_ids: tuple[str, ...] | None = None


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def values_digest(
    audit_id: int, at: datetime, staff_id: str | None, action: str, entity: str, entity_id: str, detail: str,
    citizen_ids: Sequence[str] | None,
) -> str:  # fmt: skip
    """sha256 of the row's values as one JSON array (unambiguous: a missing staff id is not an empty one)."""
    values = [audit_id, at.isoformat(" ", "microseconds"), staff_id, action, entity, entity_id, detail,
              None if citizen_ids is None else list(citizen_ids)]  # fmt: skip
    return hashlib.sha256(_JSON.encode(values).encode()).hexdigest()


def chain_hash(prev_hash: str, digest: str) -> str:
    return hashlib.sha256((prev_hash + digest).encode()).hexdigest()


def _digests(ids: Sequence[int], at: datetime, rows: Sequence[NewRow]) -> list[str]:
    """`values_digest` of each new row (the same JSON text, byte for byte), built from pieces: the values rows
    share are encoded once per batch, a row's own texts with the JSON encoder's string escaping."""
    text, quoted = _JSON.encode, encode_basestring
    when = text(at.isoformat(" ", "microseconds"))
    shared: dict[tuple[str | None, str, str], str] = {}
    digests = []
    sha256 = hashlib.sha256
    for audit_id, r in zip(ids, rows, strict=True):
        same = (r.staff_id, r.action, r.entity)
        middle = shared.get(same)
        if middle is None:
            middle = shared[same] = f",{when},{text(r.staff_id)},{text(r.action)},{text(r.entity)},"
        shown = "null" if r.citizen_ids is None else text(list(r.citizen_ids))
        values = f"[{int(audit_id)!r}{middle}{quoted(r.entity_id)},{quoted(r.detail)},{shown}]"
        digests.append(sha256(values.encode()).hexdigest())
    return digests


def _links(prev: str, digests: Sequence[str]) -> tuple[list[str], list[str]]:
    """The prev_hash and chain_hash of each row, from the head `prev` (chain_hash, in one pass)."""
    prevs, links = [], []
    sha256 = hashlib.sha256
    for digest in digests:
        prevs.append(prev)
        prev = sha256((prev + digest).encode()).hexdigest()
        links.append(prev)
    return prevs, links


def _row_digest(row: tuple[Any, ...]) -> str:
    """The digest of a row read back as (_COLUMNS, ...)."""
    return values_digest(*row[:8])


def _legacy_start(cur: Cursor) -> str:
    """Where the chain starts on a log that has rows from before it: a digest of all those rows, in order."""
    digest = hashlib.sha256()
    for row in _rows(cur, "WHERE chain_hash IS NULL"):
        digest.update((_row_digest(row) + "\n").encode())
    return "legacy:" + digest.hexdigest()


def _head(cur: Cursor) -> str:
    """The chain hash the next row links to: '' for an empty log."""
    found = execute(cur, "SELECT chain_hash FROM audit_log ORDER BY audit_id DESC LIMIT 1").fetchall()
    if not found:
        return ""
    return str(found[0][0]) if found[0][0] is not None else _legacy_start(cur)


def append(cur: Cursor, rows: Sequence[NewRow], at: datetime | None = None) -> None:
    """Append rows to the chain, in order, in one INSERT. Two transactions appending at the same moment cannot
    both link to the same row (a unique index): the later one is refused with 'try again'."""
    if not rows:
        return
    at = at or datetime.now()
    ids = sorted(int(r[0]) for r in execute(cur, "SELECT nextval('audit_seq') FROM range(?)", [len(rows)]).fetchall())
    digests = _digests(ids, at, rows)
    prevs, links = _links(_head(cur), digests)
    columns: dict[str, list[Any]] = {
        "audit_id": ids, "happened_at": [at] * len(rows), "staff_id": [r.staff_id for r in rows],
        "action": [r.action for r in rows], "entity": [r.entity for r in rows],
        "entity_id": [r.entity_id for r in rows], "detail": [r.detail for r in rows],
        "citizen_ids": [None if r.citizen_ids is None else list(r.citizen_ids) for r in rows],
        "values_digest": digests, "prev_hash": prevs, "chain_hash": links,
    }  # fmt: skip
    try:
        if len(rows) == 1:
            execute(cur, f"INSERT INTO audit_log ({_CHAIN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [values[0] for values in columns.values()])  # fmt: skip
            return
        import pandas as pd  # only for a batch: a ranking shown writes one row without loading pandas

        # object columns: DuckDB reads the Python values as they are (no Arrow copy of every detail text first)

        frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})
        cur.register("_audit_new", frame)
        try:
            execute(cur, f"INSERT INTO audit_log ({_CHAIN_COLUMNS}) SELECT {_CHAIN_COLUMNS} FROM _audit_new")
        finally:
            cur.unregister("_audit_new")
    except StorageError as e:
        if isinstance(e.__cause__, duckdb.ConstraintException):  # another transaction linked to the same row
            raise DatabaseBusyError(BUSY_MESSAGE) from e
        raise


def log(
    cur: Cursor, staff_id: str | None, action: str, entity: str, entity_id: str, detail: str = "",
    at: datetime | None = None,
) -> None:  # fmt: skip
    append(cur, [NewRow(staff_id, action, entity, entity_id, detail)], at)


def log_many(
    cur: Cursor, staff_id: str | None, action: str, entity: str, entity_ids: list[str], detail: str = ""
) -> None:
    """One audit row per entity in a single statement (e.g. every citizen shown in a ranking)."""
    append(cur, [NewRow(staff_id, action, entity, entity_id, detail) for entity_id in entity_ids])


def log_ranking(cur: Cursor, staff_id: str | None, job_id: str, citizen_ids: list[str], detail: str) -> None:
    """One row for a ranking shown: the job, the user, and the citizens on screen (in `citizen_ids`, so each
    citizen's own log finds it), however many citizens were ranked."""
    append(cur, [NewRow(staff_id, "view", "ranking", job_id, detail, tuple(citizen_ids))])


def entries_for(cur: Cursor, entity: str, entity_id: str, limit: int = 200) -> list[AuditEntry]:
    """The entries about one record; for a citizen also the rankings that showed them."""
    sql = (
        "SELECT happened_at AS at, staff_id, action, entity, entity_id, detail FROM audit_log"
        " WHERE (entity = ? AND entity_id = ?) OR (? = 'citizen' AND list_contains(citizen_ids, ?))"
        " ORDER BY audit_id DESC LIMIT ?"
    )
    return fetch_all(cur, AuditEntry, sql, [entity, entity_id, entity, entity_id, limit])


def entries_by_action(cur: Cursor, action: str, limit: int = 500) -> list[AuditEntry]:
    sql = (
        "SELECT happened_at AS at, staff_id, action, entity, entity_id, detail FROM audit_log"
        " WHERE action = ? ORDER BY audit_id DESC LIMIT ?"
    )
    return fetch_all(cur, AuditEntry, sql, [action, limit])


def log_each(cur: Cursor, staff_id: str | None, action: str, entity: str, rows: list[tuple[str, str]]) -> None:
    """One audit row per (entity id, detail) pair, in a single statement (a batch through one door)."""
    append(cur, [NewRow(staff_id, action, entity, entity_id, detail) for entity_id, detail in rows])


def _rows(cur: Cursor, where: str = "", batch: int = 10_000) -> Iterator[tuple[Any, ...]]:
    """Every row (with its chain columns and erased_at), oldest first, read in batches."""
    result = execute(cur, f"SELECT {_CHAIN_COLUMNS}, erased_at FROM audit_log {where} ORDER BY audit_id")
    while chunk := result.fetchmany(batch):
        yield from chunk


# A follow-up and its log row are written in the same save; their timestamps lie this close.
SAME_SAVE_SECONDS = 5


def followup_log_details(cur: Cursor, citizen_id: str, placement_id: str, prefix: str) -> dict[str, str]:
    """For the Fastholdelse timeline: the audit detail of each done follow-up of the placement — the citizen's
    'followup' row about the placement (detail starting with `prefix`) written in the same save (nearest in time,
    within SAME_SAVE_SECONDS of the follow-up's save)."""
    sql = (
        "SELECT f.followup_id, a.detail FROM followups f JOIN audit_log a ON a.action = 'followup'"
        " AND a.entity = 'citizen' AND a.entity_id = ? AND starts_with(a.detail, ?)"
        " AND abs(epoch_ms(a.happened_at) - epoch_ms(f.changed_at)) <= ?"
        " WHERE f.placement_id = ? AND f.status = 'done' AND f.changed_at IS NOT NULL"
        " QUALIFY row_number() OVER (PARTITION BY f.followup_id"
        " ORDER BY abs(epoch_ms(a.happened_at) - epoch_ms(f.changed_at)), a.audit_id) = 1"
    )
    rows = execute(cur, sql, [citizen_id, prefix, SAME_SAVE_SECONDS * 1000, placement_id]).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def every_row(cur: Cursor) -> list[tuple[Any, ...]]:
    """Every row as `oto-match export audit` writes it: audit_id, happened_at, staff_id, action, entity, entity_id,
    detail, citizen_ids, values_digest, prev_hash, chain_hash, erased_at; oldest first."""
    return list(_rows(cur))


@dataclass(frozen=True)
class ChainCheck:
    """What `verify_chain` found: how many rows, the first broken one (None: whole) and why, the last hash."""

    rows: int
    broken_at: int | None = None
    problem: str = ""
    last_hash: str = ""


def _row_problem(row: tuple[Any, ...], expected_prev: str, previous_id: int | None) -> str | None:
    """Why this chained row does not fit, in Danish, or None."""
    digest, prev, link, erased_at = row[8], row[9], row[10], row[11]
    if link is None or digest is None or prev is None:
        return "rækken har intet fingeraftryk (skrevet uden om loggen)"
    if erased_at is None and _row_digest(row) != digest:
        return "rækkens indhold er ændret"
    if prev != expected_prev:
        if str(prev).startswith("legacy:") or expected_prev.startswith("legacy:"):
            return "de ældre rækker fra før kæden (migration 0007) er ændret eller slettet"
        before = f"række {previous_id}" if previous_id is not None else "loggens start"
        return f"rækken hænger ikke sammen med {before}: en række imellem er slettet, eller {before} er ændret"
    if chain_hash(prev, digest) != link:
        return "rækkens kædehash er ændret"
    return None


def verify_chain(cur: Cursor) -> ChainCheck:
    """Walk the log oldest first and report the first row that breaks the chain."""
    legacy, legacy_rows = hashlib.sha256(), 0
    count, expected, previous_id, chained = 0, "", None, False
    for row in _rows(cur):
        count += 1
        if not chained and row[10] is None:  # a row from before the chain: it counts in the chain's start
            legacy.update((_row_digest(row) + "\n").encode())
            legacy_rows, previous_id = legacy_rows + 1, int(row[0])
            continue
        if not chained:
            chained, expected = True, ("legacy:" + legacy.hexdigest()) if legacy_rows else ""
        problem = _row_problem(row, expected, previous_id)
        if problem is not None:
            return ChainCheck(count, int(row[0]), problem, expected)
        expected, previous_id = str(row[10]), int(row[0])
    return ChainCheck(count, None, "", expected)


@dataclass(frozen=True)
class AuditRow:
    """One row of the log as a search shows it."""

    audit_id: int
    at: datetime
    staff_id: str | None
    action: str
    entity: str
    entity_id: str
    detail: str = ""
    citizen_ids: tuple[str, ...] | None = None


def search(
    cur: Cursor, citizen_id: str | None = None, staff_id: str | None = None, since: datetime | None = None,
    until: datetime | None = None, limit: int = 500, citizen_ids: Sequence[str] = (),
) -> list[AuditRow]:  # fmt: skip
    """The newest rows first: about one citizen, or any of `citizen_ids` (their record, or a ranking that showed
    them), by one staff member, from `since` and before `until`."""
    ids = [*([citizen_id] if citizen_id else []), *citizen_ids] or None
    sql = (
        f"SELECT {_COLUMNS}, happened_at AS at FROM audit_log"
        " WHERE (CAST(? AS VARCHAR[]) IS NULL OR (entity = 'citizen' AND list_contains(?::VARCHAR[], entity_id))"
        "        OR list_has_any(coalesce(citizen_ids, []), ?::VARCHAR[]))"
        " AND (CAST(? AS VARCHAR) IS NULL OR staff_id = ?)"
        " AND (CAST(? AS TIMESTAMP) IS NULL OR happened_at >= ?) AND (CAST(? AS TIMESTAMP) IS NULL OR happened_at < ?)"
        " ORDER BY audit_id DESC LIMIT ?"
    )
    params = [ids, ids, ids, staff_id, staff_id, since, since, until, until, limit]
    return fetch_all(cur, AuditRow, sql, params)
