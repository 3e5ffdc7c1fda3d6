"""What a ranking reads of the active citizens, as NumPy columns straight from DuckDB (no Python object per citizen
but its id, no pandas or pyarrow).

The strains to spare and the transport modes are read as the bits written with them at every save (migration
0009). Each column the engine works on per distinct value (the texts, the availability text, the commute situation:
postcode, transport modes as bits and limits) comes as codes into its distinct values: DuckDB hashes
each citizen's value (a number column), one query groups the citizens by each such column in turn (grouping sets)
and gives the distinct values with their hash, and NumPy turns each citizen's hash into the index of its value.
Should two distinct values of a column ever share a 64-bit hash (about 1 in 10**11 at 100,000 distinct values),
that column is read value by value instead, so the codes are always exact. Availability is read as the stored
stretches (citizen_availability, written at every save) of one citizen per distinct availability text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from oto_match.domain import Citizen
from oto_match.errors import StorageError
from oto_match.storage.rows import Cursor, execute, fetch_all
from oto_match.timewindows import DAY

if TYPE_CHECKING:
    from oto_match.citizen_columns import CitizenInputs

# The active citizens a ranking reads (of one team, or all when the team is NULL), in id order.
_RANKED = "FROM citizens WHERE status <> 'ended' AND (?::VARCHAR IS NULL OR team_id = ?)"
_NUMBER_COLUMNS = """citizen_id,
    coalesce(max_hours_week::DOUBLE, 'NaN'::DOUBLE) AS max_hours,
    coalesce(danish_level, -1)::TINYINT AS danish,
    (CASE WHEN driving_license IS NULL THEN -1 WHEN driving_license THEN 1 ELSE 0 END)::TINYINT AS licence,
    (CASE WHEN fleksjob_visitated IS NULL THEN -1 WHEN fleksjob_visitated THEN 1 ELSE 0 END)::TINYINT AS flex,
    spare_strain_mask AS spare"""
# The columns read as codes into their distinct values, each from one or more stored columns.
_CODED: dict[str, tuple[str, ...]] = {
    "trip": ("coalesce(postcode, '')", "transport_mode_mask", "max_commute_min::DOUBLE", "max_walk_m::DOUBLE"),
    "wishes": ("coalesce(wishes, '')",),
    "experience": ("coalesce(experience, '')",),
    "not_interested": ("coalesce(not_interested, '')",),
    "availability": ("coalesce(availability, '')",),
}
# A coded column's distinct values, one list per stored column it is read from, and their hashes.
Distinct = tuple[list[list[Any]], np.ndarray]


def _key(exprs: tuple[str, ...]) -> str:
    return f"hash({', '.join(exprs)})"


def _objects(column: Any, rows: np.ndarray) -> list[Any]:
    """The given rows of a fetched column as Python values, NULL as None (NumPy gives a column with NULLs as a masked
    array)."""
    values = np.asarray(getattr(column, "data", column), dtype=object)
    if isinstance(column, np.ma.MaskedArray):
        values[np.ma.getmaskarray(column)] = None
    return list(values[rows].tolist())


def _distinct(cur: Cursor, params: list[Any]) -> dict[str, Distinct]:
    """Per coded column, its distinct values and their hashes: one scan of the citizens, grouped by each coded
    column in turn. No Python object per distinct value but the values themselves."""
    picks = ", ".join(f"grouping({', '.join(e)}) = 0 AS in_{name}, {', '.join(e)}, {_key(e)} AS h_{name}"
                      for name, e in _CODED.items())  # fmt: skip
    sets = ", ".join(f"({', '.join(e)})" for e in _CODED.values())
    sql = f"SELECT {picks} {_RANKED} GROUP BY GROUPING SETS ({sets})"
    result = execute(cur, sql, params).fetchnumpy()
    columns = list(result.values())
    out, at = {}, 0
    for name, exprs in _CODED.items():
        mine = np.asarray(result[f"in_{name}"], dtype=bool)
        parts = [_objects(columns[at + 1 + k], mine) for k in range(len(exprs))]
        out[name] = (parts, np.asarray(result[f"h_{name}"], dtype=np.uint64)[mine])
        at += len(exprs) + 2
    return out


def _lookup(distinct: np.ndarray, hashes: np.ndarray) -> np.ndarray | None:
    """Per hash in `hashes`, the index of the equal one in `distinct` (all different, else None). The sorted hashes
    are found through a table on their top bits (hashes spread evenly, so each entry of the table leads to its
    hash in a step or two): a few passes over the citizens instead of a binary search for each."""
    order = np.argsort(distinct)
    ranked = distinct[order]
    if len(ranked) == 0 or (np.diff(ranked) == 0).any():
        return None if len(ranked) else np.zeros(len(hashes), dtype=np.int64)
    top = max(2, len(ranked).bit_length() + 2)  # about four slots per distinct hash
    shift = np.uint64(64 - top)
    per_slot = np.bincount((ranked >> shift).astype(np.int64), minlength=1 << top)
    first = np.cumsum(per_slot) - per_slot  # per slot: the index of its first hash (or of the next slot's)
    at = np.minimum(first[(hashes >> shift).astype(np.int64)], len(ranked) - 1)
    behind = np.flatnonzero(ranked[at] < hashes)
    while len(behind):  # the few whose slot holds smaller hashes before theirs: step on
        at[behind] += 1
        if at[behind].max() >= len(ranked):
            break
        behind = behind[ranked[at[behind]] < hashes[behind]]
    if len(behind) or not (ranked[at] == hashes).all():
        raise StorageError("Databasen kunne ikke læse borgerne til rangeringen.")
    return np.asarray(order[at], dtype=np.int64)


def _exact(cur: Cursor, exprs: tuple[str, ...], params: list[Any]) -> tuple[np.ndarray, list[list[Any]]]:
    """A column read value by value (when two of its distinct values share a hash): codes, values per stored column."""
    rows = execute(cur, f"SELECT {', '.join(exprs)} {_RANKED} ORDER BY citizen_id", params).fetchall()
    index: dict[Any, int] = {}
    codes = np.array([index.setdefault(row, len(index)) for row in rows], dtype=np.int64)
    return codes, [list(part) for part in zip(*index, strict=True)] if index else [[] for _ in exprs]


def _stretches(cur: Cursor, texts: list[str], params: list[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stored stretches of each distinct availability text, read from one citizen holding it (they are written
    from the text at every save, so citizens with the same text have the same): the text's index, start, end."""
    rows = execute(cur, f"""SELECT r.text, a.day * {DAY} + a.start_minute AS start, a.day * {DAY} + a.end_minute AS stop
        FROM (SELECT coalesce(availability, '') AS text, min(citizen_id) AS citizen_id {_RANKED} GROUP BY text) r
        JOIN citizen_availability a USING (citizen_id)""", params).fetchnumpy()  # fmt: skip
    index = {text: i for i, text in enumerate(texts)}
    texts_of = _objects(rows["text"], np.ones(len(rows["text"]), dtype=bool))
    owner = np.array([index[text] for text in texts_of], dtype=np.int64)
    return owner, np.asarray(rows["start"], dtype=np.int64), np.asarray(rows["stop"], dtype=np.int64)


def _nan(values: list[Any]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def ranking_inputs(cur: Cursor, team_id: str | None) -> CitizenInputs:
    """The active citizens (of `team_id`, or all) as the ranking's columns: one query for the numbers and hashes per
    citizen, one for the distinct values of the coded columns, one for the availability stretches."""
    from oto_match.citizen_columns import CitizenInputs, Coded, TripInputs

    params: list[Any] = [team_id, team_id]
    hashes = ", ".join(f"{_key(exprs)} AS h_{name}" for name, exprs in _CODED.items())
    try:
        table = cur.execute(f"SELECT {_NUMBER_COLUMNS}, {hashes} {_RANKED} ORDER BY citizen_id", params).fetchnumpy()
    except duckdb.Error as e:
        raise StorageError("Databasen kunne ikke læse borgerne til rangeringen.") from e
    codes: dict[str, np.ndarray] = {}
    parts: dict[str, list[list[Any]]] = {}
    for name, (values, distinct) in _distinct(cur, params).items():
        found = _lookup(distinct, np.asarray(table[f"h_{name}"], dtype=np.uint64))
        codes[name], parts[name] = (found, values) if found is not None else _exact(cur, _CODED[name], params)
    text = {name: Coded(codes[name], parts[name][0])
            for name in ("wishes", "experience", "not_interested", "availability")}  # fmt: skip
    postcode, modes, max_commute, max_walk = parts["trip"]
    owner, start, end = _stretches(cur, text["availability"].values, params)
    return CitizenInputs(
        ids=np.asarray(table["citizen_id"], dtype=object),
        max_hours=np.asarray(table["max_hours"], dtype=np.float64), danish=np.asarray(table["danish"], dtype=np.int8),
        licence=np.asarray(table["licence"], dtype=np.int8), flex=np.asarray(table["flex"], dtype=np.int8),
        spare=np.asarray(table["spare"], dtype=np.int64),
        trip=TripInputs(codes["trip"], postcode, np.array(modes, dtype=np.int64), _nan(max_commute), _nan(max_walk)),
        wishes=text["wishes"], experience=text["experience"], not_interested=text["not_interested"],
        availability=text["availability"], period_owner=owner, period_start=start, period_end=end,
    )  # fmt: skip


def shown_citizens(cur: Cursor, citizen_ids: list[str]) -> dict[str, Citizen]:
    """The citizens a ranking shows (a few hundred at most), by id: one query with the ids as a list parameter."""
    if not citizen_ids:
        return {}
    sql = "SELECT * FROM citizens WHERE citizen_id IN (SELECT unnest(?::VARCHAR[]))"
    return {c.citizen_id: c for c in fetch_all(cur, Citizen, sql, [citizen_ids])}
