"""SQL for citizens. The column lists are this module's own; rows come back as Citizen objects.

Every write of a citizen here also writes the citizen's availability as stretches of the week
(`citizen_availability`, migration 0005) and, in the same statement as the lists, the strains to spare and the
transport modes as bits (migration 0009), so what a ranking reads comes back as columns
(storage/ranking_columns.py) without parsing text, grouping lists or building an object per citizen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from oto_match.domain import Citizen
from oto_match.storage import bulk
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, save_versioned, upsert
from oto_match.timewindows import DAY, TimeWindowError, text_periods

if TYPE_CHECKING:  # pandas loads only for the writes that need it (a ranking reads citizens without it)
    import pandas as pd
    import pyarrow as pa

TABLE, KEY_TABLE, KEY = "citizens", "citizen_keys", "citizen_id"
PROFILE_COLUMNS = (
    "name", "birth_year", "gender", "country_of_origin", "postcode", "max_hours_week", "availability",
    "spare_strains", "transport_modes", "max_commute_min", "max_walk_m", "danish_level", "driving_license",
    "fleksjob_visitated", "wishes", "experience", "not_interested", "status", "team_id", "partner1_id",
    "partner2_id", "own_words", "consent_note", "consent_date",
)  # fmt: skip
ALL_CITIZEN_COLUMNS = (KEY, *PROFILE_COLUMNS)
LIST_COLUMNS = ("spare_strains", "transport_modes")  # VARCHAR[] columns (tuples in a Citizen)
STAMP_COLUMNS = ("version", "changed_at", "changed_by")
# The lists as bits (citizen_columns.strain_mask, mode_mask), written with them: mask column -> list column.
MASK_COLUMNS = {"spare_strain_mask": "spare_strains", "transport_mode_mask": "transport_modes"}


def _mask_of(mask_column: str) -> Callable[[Sequence[str]], int]:
    from oto_match.citizen_columns import mode_mask, strain_mask  # the engine's own bits

    return strain_mask if mask_column == "spare_strain_mask" else mode_mask


def _masks(citizen: Citizen, columns: Sequence[str]) -> dict[str, int]:
    """The masks of the lists among `columns`, as the citizen holds them."""
    return {mask: _mask_of(mask)(getattr(citizen, listed)) for mask, listed in MASK_COLUMNS.items()
            if listed in columns}  # fmt: skip


def _mask_column(mask_column: str, lists: Sequence[Sequence[str]]) -> list[int]:
    """The mask of each list, worked out once per distinct list."""
    mask = _mask_of(mask_column)
    known = {codes: mask(codes) for codes in dict.fromkeys(map(tuple, lists))}
    return [known[codes] for codes in map(tuple, lists)]


def save_citizen(cur: Cursor, citizen: Citizen, columns: tuple[str, ...] = ALL_CITIZEN_COLUMNS) -> bool:
    """Insert or overwrite the given columns, without a version check (a rule's own follow-on change)."""
    inserted = upsert(cur, TABLE, KEY_TABLE, KEY, as_values(citizen, columns) | _masks(citizen, columns))
    if "availability" in columns:
        write_availability(cur, [(citizen.citizen_id, citizen.availability)])
    return inserted


def save_citizen_versioned(
    cur: Cursor, citizen: Citizen, expected_version: int | None, actor_id: str | None, changed_since: Sequence[str]
) -> int:
    """One citizen from a form: refused if someone saved it after the form was opened (rows.save_versioned)."""
    values = as_values(citizen, ALL_CITIZEN_COLUMNS) | _masks(citizen, ALL_CITIZEN_COLUMNS)
    version = save_versioned(cur, TABLE, KEY_TABLE, KEY, values, expected_version, actor_id, "Borgeren", changed_since)
    write_availability(cur, [(citizen.citizen_id, citizen.availability)])
    return version


def get_citizen(cur: Cursor, citizen_id: str) -> Citizen | None:
    return fetch_one(cur, Citizen, "SELECT * FROM citizens WHERE citizen_id = ?", [citizen_id])


def citizens_by_id(cur: Cursor, citizen_ids: Sequence[str]) -> dict[str, Citizen]:
    """The stored citizens among `citizen_ids`, by id (one query, however many)."""
    if not citizen_ids:
        return {}
    import pandas as pd

    cur.register("_wanted_citizens", pd.DataFrame({KEY: list(citizen_ids)}))
    try:
        rows = execute(cur, f"SELECT {', '.join(_READ_COLUMNS)} FROM citizens"
                            f" WHERE {KEY} IN (SELECT {KEY} FROM _wanted_citizens)").fetchall()  # fmt: skip
    finally:
        cur.unregister("_wanted_citizens")
    return {row[0]: _citizen(row) for row in rows}


_READ_COLUMNS = (*ALL_CITIZEN_COLUMNS, "version")
_LIST_AT = [_READ_COLUMNS.index(name) for name in LIST_COLUMNS]


def _citizen(row: tuple[Any, ...]) -> Citizen:
    """A Citizen from a row of _READ_COLUMNS (lists become tuples)."""
    values = list(row)
    for at in _LIST_AT:
        values[at] = tuple(values[at] or ())
    return Citizen(**dict(zip(_READ_COLUMNS, values, strict=True)))


def _table(citizens: Sequence[Citizen], actor_id: str | None, version: int | None = None) -> pa.Table:
    """The citizens as an Arrow table of ALL_CITIZEN_COLUMNS, MASK_COLUMNS, changed_at and changed_by (and
    `version`, when given): one pass over the citizens, then column by column (no dict or DataFrame row per
    citizen; each distinct list's mask worked out once)."""
    import pyarrow as pa

    rows = list(map(_all_values, citizens))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in ALL_CITIZEN_COLUMNS]
    codes = pa.list_(pa.string())
    arrays = {name: pa.array(values, codes if name in LIST_COLUMNS else None)
              for name, values in zip(ALL_CITIZEN_COLUMNS, columns, strict=True)}  # fmt: skip
    for mask, listed in MASK_COLUMNS.items():
        arrays[mask] = pa.array(_mask_column(mask, columns[ALL_CITIZEN_COLUMNS.index(listed)]), pa.int64())
    arrays["changed_at"] = pa.repeat(pa.scalar(datetime.now(), pa.timestamp("us")), len(rows))
    arrays["changed_by"] = pa.repeat(pa.scalar(actor_id, pa.string()), len(rows))
    if version is not None:
        arrays["version"] = pa.repeat(pa.scalar(version, pa.int32()), len(rows))
    return pa.table(arrays)


_all_values = attrgetter(*ALL_CITIZEN_COLUMNS)


def insert_citizens(cur: Cursor, citizens: Sequence[Citizen], actor_id: str | None) -> int:
    """New citizens in one statement, at version 1."""
    if not citizens:
        return 0
    inserted = bulk.insert_frame(cur, TABLE, _table(citizens, actor_id, version=1))
    write_availability(cur, [(c.citizen_id, c.availability) for c in citizens])
    return inserted


def update_citizens(cur: Cursor, citizens: Sequence[Citizen], actor_id: str | None) -> int:
    """Overwrite stored citizens (matched by id) in one statement; each version goes up by one.

    The rows pass through a temporary table shaped like `citizens`, so every value gets the column's type.
    """
    if not citizens:
        return 0
    frame = _table(citizens, actor_id)
    columns = [*ALL_CITIZEN_COLUMNS, *MASK_COLUMNS, "changed_at", "changed_by"]
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
    """(citizen_id, day, start_minute, end_minute) per stretch of each availability text (see migration 0005),
    each distinct text worked out once.

    A text the rules cannot read gives no rows (availability unknown), as the readable rules treat it."""
    import numpy as np
    import pandas as pd

    ids, texts = zip(*pairs, strict=True) if pairs else ((), ())
    index = {text: at for at, text in enumerate(dict.fromkeys(texts))}
    per_text = [_stretches(text) for text in index]
    counts = np.array([len(stretches) for stretches in per_text], dtype=np.int64)
    table = np.array([s for stretches in per_text for s in stretches], dtype=np.int64).reshape(-1, 3)
    first_of_text = np.cumsum(counts) - counts
    codes = np.fromiter(map(index.__getitem__, texts), dtype=np.int64, count=len(texts))
    many = counts[codes]  # stretches per citizen
    within = np.arange(many.sum()) - np.repeat(np.cumsum(many) - many, many)
    rows = table[np.repeat(first_of_text[codes], many) + within]
    owners = np.asarray(ids, dtype=object)[np.repeat(np.arange(len(ids)), many)]
    return pd.DataFrame({"citizen_id": owners, "day": rows[:, 0], "start_minute": rows[:, 1], "end_minute": rows[:, 2]})


def _stretches(text: str | None) -> list[tuple[int, int, int]]:
    """(day, start_minute, end_minute) of each stretch of the week a text covers; none when it cannot be read."""
    try:
        periods = text_periods(text)
    except TimeWindowError:
        return []
    return [(p.start // DAY, p.start % DAY, p.end - p.start // DAY * DAY) for p in periods]


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


def fill_masks(cur: Cursor) -> None:
    """Migration 0009's step: the masks of every citizen already stored, each distinct pair of lists worked out
    once (the same bits as every save writes)."""
    import pyarrow as pa

    lists = execute(cur, "SELECT DISTINCT spare_strains, transport_modes FROM citizens").fetchall()
    if not lists:
        return
    strains, modes = ([codes or [] for codes in column] for column in zip(*lists, strict=True))
    codes = pa.list_(pa.string())
    frame = pa.table({"strains": pa.array(strains, codes), "modes": pa.array(modes, codes),
                      "strain_mask": pa.array(_mask_column("spare_strain_mask", strains), pa.int64()),
                      "mode_mask": pa.array(_mask_column("transport_mode_mask", modes), pa.int64())})  # fmt: skip
    cur.register("_citizen_masks", frame)
    try:
        execute(cur, "UPDATE citizens SET spare_strain_mask = m.strain_mask, transport_mode_mask = m.mode_mask"
                     " FROM _citizen_masks m WHERE citizens.spare_strains = m.strains"
                     " AND citizens.transport_modes = m.modes")  # fmt: skip
    finally:
        cur.unregister("_citizen_masks")


def availability_rows(cur: Cursor, citizen_id: str) -> list[tuple[int, int, int]]:
    """One citizen's stored stretches: (day, start_minute, end_minute), in order."""
    sql = "SELECT day, start_minute, end_minute FROM citizen_availability WHERE citizen_id = ? ORDER BY ALL"
    return [(int(d), int(s), int(e)) for d, s, e in execute(cur, sql, [citizen_id]).fetchall()]
