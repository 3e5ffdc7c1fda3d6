"""Helpers shared by the table modules: dataclass rows in and out, errors wrapped.

Table and column names come from constants in the table modules, never from user input.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar

import duckdb

from oto_match.errors import DatabaseBusyError, DuplicateRecordError, StaleRecordError, StorageError

T = TypeVar("T")
Cursor = duckdb.DuckDBPyConnection


# Writes to these tables change what a ranking reads; a cached ranking input is keyed by the data version.
RANKING_TABLES = ("citizens", "citizen_availability", "employers", "job_openings")
_RANKING_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?:" + "|".join(RANKING_TABLES) + r")\b",
    re.IGNORECASE,
)
_writes = threading.local()


def begin_tracking() -> None:
    """A transaction starts: nothing it wrote yet changes a ranking."""
    _writes.ranking_input = False


def wrote_ranking_input() -> bool:
    """Whether this thread's transaction wrote to a table a ranking reads."""
    return bool(getattr(_writes, "ranking_input", False))


BUSY_MESSAGE = "En kollega gemte det samme i samme øjeblik. Intet er gemt: prøv igen."


def is_write_conflict(error: duckdb.Error) -> bool:
    """Two transactions changed the same row at once (DuckDB's optimistic concurrency)."""
    return isinstance(error, duckdb.TransactionException) or "conflict" in str(error).lower()


def execute(cur: Cursor, sql: str, params: Sequence[Any] | None = None) -> Cursor:
    """Run one statement; a database error becomes a project error (never a database's own words)."""
    if _RANKING_WRITE.match(sql):
        _writes.ranking_input = True
    try:
        return cur.execute(sql, params or [])
    except duckdb.ConstraintException as e:
        raise StorageError("Ændringen bryder en regel i databasen og er ikke gemt.") from e
    except duckdb.Error as e:
        if is_write_conflict(e):
            raise DatabaseBusyError(BUSY_MESSAGE) from e
        raise StorageError("Databasen kunne ikke udføre handlingen; intet er gemt.") from e


def _clean(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def fetch_all(cur: Cursor, cls: type[T], sql: str, params: Sequence[Any] | None = None) -> list[T]:
    """Run a query and build one `cls` per row from the columns whose names match its fields."""
    result = execute(cur, sql, params)
    names = [d[0] for d in result.description]
    wanted = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    out = []
    for row in result.fetchall():
        values = {n: _clean(v) for n, v in zip(names, row, strict=True) if n in wanted}
        out.append(cls(**values))
    return out


def fetch_one(cur: Cursor, cls: type[T], sql: str, params: Sequence[Any] | None = None) -> T | None:
    rows = fetch_all(cur, cls, sql, params)
    return rows[0] if rows else None


def fetch_dicts(cur: Cursor, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    result = execute(cur, sql, params)
    names = [d[0] for d in result.description]
    return [{n: _clean(v) for n, v in zip(names, row, strict=True)} for row in result.fetchall()]


def scalar(cur: Cursor, sql: str, params: Sequence[Any] | None = None) -> Any:
    rows = execute(cur, sql, params).fetchall()
    return rows[0][0] if rows else None


def upsert(cur: Cursor, table: str, key_table: str | None, key: str, values: dict[str, Any]) -> bool:
    """Insert the row, or update it by its key. Returns True when it was new.

    Entities that others reference get their id in `key_table` first (see migration 0001).
    """
    exists = scalar(cur, f"SELECT count(*) FROM {table} WHERE {key} = ?", [values[key]])
    if key_table:
        execute(cur, f"INSERT OR IGNORE INTO {key_table} ({key}) VALUES (?)", [values[key]])
    columns = list(values)
    if exists:
        assignments = ", ".join(f"{c} = ?" for c in columns if c != key)
        params = [values[c] for c in columns if c != key] + [values[key]]
        execute(cur, f"UPDATE {table} SET {assignments} WHERE {key} = ?", params)
        return False
    placeholders = ", ".join("?" for _ in columns)
    execute(cur, f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", [values[c] for c in columns])
    return True


def as_values(obj: Any, columns: Sequence[str]) -> dict[str, Any]:
    """The given attributes of a dataclass as a column -> value dict (tuples become lists)."""
    out = {}
    for c in columns:
        value = getattr(obj, c)
        out[c] = list(value) if isinstance(value, tuple) else value
    return out


def _who_and_when(cur: Cursor, table: str, key: str, key_value: Any) -> tuple[bool, str | None, datetime | None]:
    """(exists, name of who saved it last, when) of one row, for a refused save's message."""
    rows = execute(
        cur,
        f"SELECT coalesce(s.name, t.changed_by), t.changed_at FROM {table} t"
        f" LEFT JOIN staff s ON s.staff_id = t.changed_by WHERE t.{key} = ?",
        [key_value],
    ).fetchall()
    if not rows:
        return False, None, None
    return True, rows[0][0], rows[0][1]


def save_versioned(
    cur: Cursor,
    table: str,
    key_table: str | None,
    key: str,
    values: dict[str, Any],
    expected_version: int | None,
    actor_id: str | None,
    what: str,
    fields_changed_since: Sequence[str] = (),
) -> int:
    """Write one row and return its new version; never overwrite a change the user did not see.

    - `expected_version` 0: a new record. If the id exists already (a form sent twice), nothing is
      written and DuplicateRecordError says who saved it.
    - `expected_version` N > 0: update only if the row is still at version N (the version the form
      was opened on); otherwise nothing is written and StaleRecordError names who changed it and when.
    - `expected_version` None: insert or overwrite by id (an import: the file is the authority).
    Every write bumps `version` and records `changed_at` and `changed_by`.
    """
    now = datetime.now()
    stamped = {**values, "changed_at": now, "changed_by": actor_id}
    columns = [c for c in stamped if c != key]
    if expected_version is not None and expected_version > 0:
        assignments = ", ".join(f"{c} = ?" for c in columns)
        params = [stamped[c] for c in columns] + [values[key], expected_version]
        done = execute(
            cur,
            f"UPDATE {table} SET {assignments}, version = version + 1 WHERE {key} = ? AND version = ?"
            " RETURNING version",
            params,
        ).fetchall()
        if done:
            return int(done[0][0])
        exists, by, at = _who_and_when(cur, table, key, values[key])
        raise StaleRecordError(what, by, at, tuple(fields_changed_since), exists=exists)
    exists, by, at = _who_and_when(cur, table, key, values[key])
    if exists and expected_version == 0:
        raise DuplicateRecordError(what, by, at)
    if exists:
        assignments = ", ".join(f"{c} = ?" for c in columns)
        done = execute(
            cur,
            f"UPDATE {table} SET {assignments}, version = version + 1 WHERE {key} = ? RETURNING version",
            [stamped[c] for c in columns] + [values[key]],
        ).fetchall()
        return int(done[0][0])
    if key_table:
        execute(cur, f"INSERT OR IGNORE INTO {key_table} ({key}) VALUES (?)", [values[key]])
    names = list(stamped)
    placeholders = ", ".join("?" for _ in names)
    execute(cur, f"INSERT INTO {table} ({', '.join(names)}, version) VALUES ({placeholders}, 1)",
            [stamped[c] for c in names])  # fmt: skip
    return 1
