"""Fast loading of many rows at once (demo data, benchmarks) through a DataFrame scan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from oto_match.storage.rows import Cursor, as_values, execute, scalar

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# table -> (key table or None, key column)
KEYED = {
    "staff": ("staff_keys", "staff_id"),
    "employers": ("employer_keys", "employer_id"),
    "contact_persons": ("contact_keys", "contact_id"),
    "citizens": ("citizen_keys", "citizen_id"),
    "job_openings": ("job_keys", "job_id"),
    "placements": ("placement_keys", "placement_id"),
}


def insert_many(cur: Cursor, table: str, columns: Sequence[str], objects: Sequence[Any]) -> int:
    """Insert dataclass objects (attributes named as the columns) in one statement."""
    if not objects:
        return 0
    import pandas as pd  # loaded by the writes that need it, not by every command that imports storage

    frame = pd.DataFrame([as_values(o, columns) for o in objects], columns=list(columns))
    return insert_frame(cur, table, frame)


def insert_frame(cur: Cursor, table: str, frame: pd.DataFrame | pa.Table) -> int:
    """Insert the rows of a DataFrame or an Arrow table (its columns named as the table's) in one statement."""
    columns = frame.column_names if hasattr(frame, "column_names") else list(frame.columns)
    cur.register("_bulk_frame", frame)
    try:
        if table in KEYED:
            key_table, key = KEYED[table]
            execute(cur, f"INSERT INTO {key_table} ({key}) SELECT {key} FROM _bulk_frame")
        cols = ", ".join(columns)
        execute(cur, f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _bulk_frame")
    finally:
        cur.unregister("_bulk_frame")
    return len(frame)


def is_empty(cur: Cursor, ignore_teams: bool = False) -> bool:
    """No staff, employers or citizens yet (and no teams, unless `ignore_teams`)."""
    total = scalar(
        cur,
        "SELECT (SELECT count(*) FROM teams WHERE NOT ?) + (SELECT count(*) FROM staff)"
        " + (SELECT count(*) FROM employers) + (SELECT count(*) FROM citizens)",
        [ignore_teams],
    )
    return int(total) == 0
