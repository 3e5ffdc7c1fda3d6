"""Helpers shared by the table modules: dataclass rows in and out, errors wrapped.

Table and column names come from constants in the table modules, never from user input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, TypeVar

import duckdb

from oto_match.errors import StorageError

T = TypeVar("T")
Cursor = duckdb.DuckDBPyConnection


def execute(cur: Cursor, sql: str, params: Sequence[Any] | None = None) -> Cursor:
    try:
        return cur.execute(sql, params or [])
    except duckdb.ConstraintException as e:
        raise StorageError(f"Ændringen bryder en regel i databasen: {e}") from e
    except duckdb.Error as e:
        raise StorageError(f"Databasefejl: {e}") from e


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
