"""SQL for citizens. The column lists are this module's own; rows come back as Citizen objects.

Every write of a citizen here also writes the citizen's availability as stretches of the week
(`citizen_availability`, migration 0005), so what a ranking reads comes back as columns
(storage/ranking_columns.py) without parsing text or building an object per citizen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from oto_match.domain import Citizen
from oto_match.storage import bulk
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, save_versioned, upsert
from oto_match.timewindows import DAY, TimeWindowError, text_periods

if TYPE_CHECKING:  # pandas loads only for the writes that need it (a ranking reads citizens without it)
    import pandas as pd

TABLE, KEY_TABLE, KEY = "citizens", "citizen_keys", "citizen_id"
PROFILE_COLUMNS = (
    "name", "birth_year", "gender", "country_of_origin", "postcode", "max_hours_week", "availability",
    "spare_strains", "transport_modes", "max_commute_min", "max_walk_m", "danish_level", "driving_license",
    "fleksjob_visitated", "wishes", "experience", "not_interested", "status", "team_id", "partner1_id",
    "partner2_id", "own_words", "consent_note", "consent_date",
)  # fmt: skip
ALL_CITIZEN_COLUMNS = (KEY, *PROFILE_COLUMNS)
STAMP_COLUMNS = ("version", "changed_at", "changed_by")


def save_citizen(cur: Cursor, citizen: Citizen, columns: tuple[str, ...] = ALL_CITIZEN_COLUMNS) -> bool:
    """Insert or overwrite the given columns, without a version check (a rule's own follow-on change)."""
    inserted = upsert(cur, TABLE, KEY_TABLE, KEY, as_values(citizen, columns))
    if "availability" in columns:
        write_availability(cur, [(citizen.citizen_id, citizen.availability)])
    return inserted


def save_citizen_versioned(
    cur: Cursor, citizen: Citizen, expected_version: int | None, actor_id: str | None, changed_since: Sequence[str]
) -> int:
    """One citizen from a form: refused if someone saved it after the form was opened (rows.save_versioned)."""
    values = as_values(citizen, ALL_CITIZEN_COLUMNS)
    version = save_versioned(cur, TABLE, KEY_TABLE, KEY, values, expected_version, actor_id, "Borgeren", changed_since)
    write_availability(cur, [(citizen.citizen_id, citizen.availability)])
    return version


def get_citizen(cur: Cursor, citizen_id: str) -> Citizen | None:
    return fetch_one(cur, Citizen, "SELECT * FROM citizens WHERE citizen_id = ?", [citizen_id])


def citizens_by_id(cur: Cursor, citizen_ids: Sequence[str]) -> dict[str, Citizen]:
    """The stored citizens among `citizen_ids`, by id (one query, however many)."""
    if not citizen_ids:
        return {}
    rows = fetch_all(cur, Citizen, "SELECT * FROM citizens WHERE list_contains(?, citizen_id)", [list(citizen_ids)])
    return {c.citizen_id: c for c in rows}


def _frame(citizens: Sequence[Citizen], actor_id: str | None) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame([as_values(c, ALL_CITIZEN_COLUMNS) for c in citizens], columns=list(ALL_CITIZEN_COLUMNS))
    frame["changed_at"] = datetime.now()
    frame["changed_by"] = actor_id
    return frame


def insert_citizens(cur: Cursor, citizens: Sequence[Citizen], actor_id: str | None) -> int:
    """New citizens in one statement, at version 1."""
    if not citizens:
        return 0
    frame = _frame(citizens, actor_id)
    frame["version"] = 1
    inserted = bulk.insert_frame(cur, TABLE, frame)
    write_availability(cur, [(c.citizen_id, c.availability) for c in citizens])
    return inserted


def update_citizens(cur: Cursor, citizens: Sequence[Citizen], actor_id: str | None) -> int:
    """Overwrite stored citizens (matched by id) in one statement; each version goes up by one.

    The rows pass through a temporary table shaped like `citizens`, so every value gets the column's type.
    """
    if not citizens:
        return 0
    frame = _frame(citizens, actor_id)
    columns = [*ALL_CITIZEN_COLUMNS, "changed_at", "changed_by"]
    cur.register("_citizen_frame", frame)
    try:
        execute(cur, "CREATE OR REPLACE TEMP TABLE _citizen_update AS SELECT * FROM citizens LIMIT 0")
        execute(
            cur, f"INSERT INTO _citizen_update ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _citizen_frame"
        )
        assignments = ", ".join(f"{c} = u.{c}" for c in columns if c != KEY)
        execute(
            cur,
            f"UPDATE citizens SET {assignments}, version = citizens.version + 1"
            " FROM _citizen_update u WHERE citizens.citizen_id = u.citizen_id",
        )
        execute(cur, "DROP TABLE _citizen_update")
    finally:
        cur.unregister("_citizen_frame")
    write_availability(cur, [(c.citizen_id, c.availability) for c in citizens])
    return len(frame)


def list_citizens(cur: Cursor, team_id: str | None = None, active_only: bool = False) -> list[Citizen]:
    sql = (
        "SELECT * FROM citizens WHERE (? IS NULL OR team_id = ?) AND (status <> 'ended' OR NOT ?)"
        " ORDER BY name, citizen_id"
    )
    return fetch_all(cur, Citizen, sql, [team_id, team_id, active_only])


def existing_citizen_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT citizen_id FROM citizens").fetchall()}


def set_status(cur: Cursor, citizen_id: str, status: str) -> None:
    execute(cur, "UPDATE citizens SET status = ? WHERE citizen_id = ?", [status, citizen_id])


def set_team(cur: Cursor, citizen_ids: list[str], team_id: str) -> None:
    if citizen_ids:
        execute(cur, "UPDATE citizens SET team_id = ? WHERE list_contains(?, citizen_id)", [team_id, citizen_ids])


def _stretch_rows(pairs: Sequence[tuple[str, str | None]]) -> pd.DataFrame:
    """(citizen_id, day, start_minute, end_minute) per stretch of each availability text (see migration 0005).

    A text the rules cannot read gives no rows (availability unknown), as the readable rules treat it."""
    rows = []
    for citizen_id, text in pairs:
        try:
            stretches = text_periods(text)
        except TimeWindowError:
            stretches = ()
        rows += [(citizen_id, p.start // DAY, p.start % DAY, p.end - p.start // DAY * DAY) for p in stretches]
    import pandas as pd

    return pd.DataFrame(rows, columns=["citizen_id", "day", "start_minute", "end_minute"])


def write_availability(cur: Cursor, pairs: Sequence[tuple[str, str | None]]) -> None:
    """Replace the availability stretches of the given citizens (citizen_id, availability text): two statements
    however many citizens. Called by every write of a citizen in this module, and by the demo."""
    if not pairs:
        return
    import pandas as pd

    ids = pd.DataFrame({"citizen_id": [citizen_id for citizen_id, _ in pairs]})
    rows = _stretch_rows(pairs)
    cur.register("_availability_ids", ids)
    cur.register("_availability_rows", rows)
    try:
        execute(cur, "DELETE FROM citizen_availability WHERE citizen_id IN (SELECT citizen_id FROM _availability_ids)")
        execute(cur, "INSERT INTO citizen_availability SELECT citizen_id, day, start_minute, end_minute"
                     " FROM _availability_rows")  # fmt: skip
    finally:
        cur.unregister("_availability_ids")
        cur.unregister("_availability_rows")


def fill_availability(cur: Cursor) -> None:
    """Migration 0005's step: the availability stretches of every citizen already stored."""
    write_availability(cur, execute(cur, "SELECT citizen_id, availability FROM citizens").fetchall())


def availability_rows(cur: Cursor, citizen_id: str) -> list[tuple[int, int, int]]:
    """One citizen's stored stretches: (day, start_minute, end_minute), in order."""
    sql = "SELECT day, start_minute, end_minute FROM citizen_availability WHERE citizen_id = ? ORDER BY ALL"
    return [(int(d), int(s), int(e)) for d, s, e in execute(cur, sql, [citizen_id]).fetchall()]
