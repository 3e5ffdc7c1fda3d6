"""SQL for citizens. The column lists are this module's own; rows come back as Citizen objects.

Every write of a citizen here also writes the citizen's availability as stretches of the week
(`citizen_availability`, migration 0005), so what a ranking reads comes back as columns (ranking_inputs)
without parsing text or building an object per citizen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd

from oto_match.domain import Citizen
from oto_match.errors import StorageError
from oto_match.storage import bulk
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, save_versioned, upsert
from oto_match.timewindows import DAY, TimeWindowError, text_periods

if TYPE_CHECKING:  # the ranking's modules (and pyarrow) load only when a ranking reads its columns
    import pyarrow as pa

    from oto_match.citizen_columns import CitizenInputs, Coded

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
    return pd.DataFrame(rows, columns=["citizen_id", "day", "start_minute", "end_minute"])


def write_availability(cur: Cursor, pairs: Sequence[tuple[str, str | None]]) -> None:
    """Replace the availability stretches of the given citizens (citizen_id, availability text): two statements
    however many citizens. Called by every write of a citizen in this module, and by the demo."""
    if not pairs:
        return
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


# The active citizens a ranking reads (of one team, or all when the team is NULL), in id order.
_RANKED = "FROM citizens WHERE status <> 'ended' AND (?::VARCHAR IS NULL OR team_id = ?)"
_INPUT_COLUMNS = """citizen_id, coalesce(postcode, '') AS postcode,
    coalesce(max_hours_week::DOUBLE, 'NaN'::DOUBLE) AS max_hours,
    coalesce(max_commute_min::DOUBLE, 'NaN'::DOUBLE) AS max_commute,
    coalesce(max_walk_m::DOUBLE, 'NaN'::DOUBLE) AS max_walk,
    coalesce(danish_level, -1)::TINYINT AS danish,
    (CASE WHEN driving_license IS NULL THEN -1 WHEN driving_license THEN 1 ELSE 0 END)::TINYINT AS licence,
    (CASE WHEN fleksjob_visitated IS NULL THEN -1 WHEN fleksjob_visitated THEN 1 ELSE 0 END)::TINYINT AS flex,
    spare_strains AS spare, transport_modes AS modes,
    coalesce(wishes, '') AS wishes, coalesce(experience, '') AS experience,
    coalesce(not_interested, '') AS not_interested"""


def _arrow(cur: Cursor, sql: str, params: list[Any]) -> pa.Table:
    try:
        return cur.sql(sql, params=params).to_arrow_table()
    except duckdb.Error as e:
        raise StorageError("Databasen kunne ikke læse borgerne til rangeringen.") from e


def _coded(column: pa.ChunkedArray | pa.Array) -> Coded:
    """A text column as codes into its distinct values (Arrow's dictionary encoding: no string per row)."""
    import pyarrow.compute as pc

    from oto_match.citizen_columns import Coded

    encoded = pc.dictionary_encode(column)
    if hasattr(encoded, "combine_chunks"):  # a chunked column gives a chunked result
        encoded = encoded.combine_chunks()
    return Coded(encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary.to_pylist())


def _masks(column: pa.ChunkedArray, bit_of: dict[str, int]) -> np.ndarray:
    """A list-of-codes column as bits per citizen (codes outside `bit_of` add nothing), worked out per distinct
    code and combined with a bitwise or: no list per row in Python."""
    import pyarrow.compute as pc

    lists = column.combine_chunks()  # parent indices count from the start of the whole column
    flat, owner = pc.list_flatten(lists), pc.list_parent_indices(lists)
    coded = _coded(flat)
    bits = np.array([bit_of.get(v, 0) for v in coded.values], dtype=np.int64)[coded.codes]
    mask = np.zeros(len(column), dtype=np.int64)
    np.bitwise_or.at(mask, owner.to_numpy(zero_copy_only=False).astype(np.int64), bits)
    return mask


def ranking_inputs(cur: Cursor, team_id: str | None) -> CitizenInputs:
    """The active citizens (of `team_id`, or all) as the ranking's columns: one Arrow fetch of the profile
    columns and one of the availability stretches; no Python object per citizen except its id."""
    from oto_match.citizen_columns import MODE_BIT, STRAIN_BIT, CitizenInputs

    table = _arrow(cur, f"SELECT {_INPUT_COLUMNS} {_RANKED} ORDER BY citizen_id", [team_id, team_id])
    stretches = execute(cur, f"""SELECT r.row::BIGINT AS owner, a.day * {DAY} + a.start_minute AS start,
        a.day * {DAY} + a.end_minute AS stop FROM citizen_availability a
        JOIN (SELECT citizen_id, row_number() OVER (ORDER BY citizen_id) - 1 AS row {_RANKED}) r USING (citizen_id)
        ORDER BY owner, start""", [team_id, team_id]).fetchnumpy()  # fmt: skip

    def number(name: str, dtype: type) -> np.ndarray:
        return np.asarray(table[name].to_numpy(), dtype=dtype)

    return CitizenInputs(
        ids=table["citizen_id"].to_numpy(), postcode=_coded(table["postcode"]),
        max_hours=number("max_hours", np.float64), max_commute=number("max_commute", np.float64),
        max_walk=number("max_walk", np.float64), danish=number("danish", np.int8),
        licence=number("licence", np.int8), flex=number("flex", np.int8),
        spare=_masks(table["spare"], STRAIN_BIT), modes=_masks(table["modes"], MODE_BIT),
        wishes=_coded(table["wishes"]), experience=_coded(table["experience"]),
        not_interested=_coded(table["not_interested"]),
        period_owner=np.asarray(stretches["owner"], dtype=np.int64),
        period_start=np.asarray(stretches["start"], dtype=np.int64),
        period_end=np.asarray(stretches["stop"], dtype=np.int64),
    )  # fmt: skip
