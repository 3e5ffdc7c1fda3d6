"""SQL for backups: a consistent copy of the whole database into a new file, and the row counts that prove it.

DuckDB's `COPY FROM DATABASE` reads inside one transaction, so the copy is a snapshot: writes that commit while it
runs are either wholly in it or wholly out of it, and nothing waiting in the write-ahead log is missed (copying the
file itself while the app runs would miss those).
"""

from __future__ import annotations

import re
from pathlib import Path

from oto_match.storage.rows import Cursor, execute

_SAFE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
BACKUP_ALIAS = "oto_backup"


def _catalog(cur: Cursor) -> str:
    name = str(execute(cur, "SELECT current_database()").fetchall()[0][0])
    if not _SAFE_NAME.fullmatch(name):  # a file name with spaces or dots: quote it
        return '"' + name.replace('"', '""') + '"'
    return name


def copy_database_to(cur: Cursor, target: Path) -> None:
    """Write a snapshot of the whole database (tables, sequences, data) into the new file `target`."""
    path = str(target).replace("'", "''")
    execute(cur, f"ATTACH '{path}' AS {BACKUP_ALIAS}")
    try:
        execute(cur, f"COPY FROM DATABASE {_catalog(cur)} TO {BACKUP_ALIAS}")
    finally:
        execute(cur, f"DETACH {BACKUP_ALIAS}")


def table_names(cur: Cursor) -> list[str]:
    """Every base table of the database, sorted."""
    rows = execute(
        cur,
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        " AND table_catalog = current_database() ORDER BY table_name",
    ).fetchall()
    return [str(r[0]) for r in rows]


def row_counts(cur: Cursor) -> dict[str, int]:
    """Rows per table (table names come from the catalog, never from input)."""
    return {name: int(execute(cur, f'SELECT count(*) FROM "{name}"').fetchall()[0][0]) for name in table_names(cur)}


def table_contents(cur: Cursor, name: str) -> list[tuple[object, ...]]:
    """Every row of one table in a fixed order (for comparing a restored copy with its original)."""
    return [tuple(r) for r in execute(cur, f'SELECT * FROM "{name}" ORDER BY ALL').fetchall()]
