"""Citizens as columns for the ranking engine (no Streamlit, no database).

What a ranking reads of each citizen arrives as `CitizenInputs`: plain NumPy columns, each text column coded
into its distinct values (only those are Python strings), and availability as numbered stretches of the week.
Storage builds them straight from its tables (storage/citizens.ranking_inputs: one Arrow fetch, no object per
citizen); `inputs_from_citizens` builds the same from Citizen objects (one profile, tests). `prepare_inputs`
turns either into the engine's `CitizenColumns`, so both paths rank by the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from oto_match import postcodes, scoring, travel, vocab
from oto_match.domain import Citizen
from oto_match.matching_rules import not_interested_phrases
from oto_match.timewindows import DAY, WEEK, text_periods

PASS, UNKNOWN, FAIL = 0, 1, 2
STRAIN_BIT = {code: 1 << i for i, code in enumerate(vocab.STRAINS)}
MODE_BIT = {code: 1 << i for i, code in enumerate(travel.MODE_ORDER)}
NO_START, NO_END = 30_000, -30_000  # padding that never covers a window
# Availability is kept per weekday in minutes after that day's midnight, cut to this range: a working period
# starting that day, with up to a day of travel at each end, needs at most from -1 day to 1 + 7 + 1 days.
SPAN_LOW, SPAN_HIGH = -3000, 13000


def strain_mask(codes: Sequence[str]) -> int:
    """The strains as bits (STRAIN_BIT); a code outside the vocabulary adds nothing."""
    return sum(STRAIN_BIT.get(c, 0) for c in set(codes))


def mode_mask(codes: Sequence[str]) -> int:
    return sum(MODE_BIT.get(m, 0) for m in set(codes))


@dataclass(frozen=True)
class Coded:
    """A column as codes into its distinct values: citizen i has `values[codes[i]]`."""

    codes: np.ndarray
    values: list[str]

    @classmethod
    def of(cls, column: Sequence[str]) -> Coded:
        index: dict[str, int] = {}
        codes = np.array([index.setdefault(v, len(index)) for v in column], dtype=np.int64)
        return cls(codes, list(index))


@dataclass(frozen=True)
class CitizenInputs:
    """What a ranking reads of each citizen, as columns in citizen-id order."""

    ids: np.ndarray  # citizen ids, sorted (a stable sort then keeps id order for ties)
    postcode: Coded
    max_hours: np.ndarray  # float, NaN when not recorded
    max_commute: np.ndarray  # float minutes, NaN when not recorded
    max_walk: np.ndarray  # float metres, NaN when not recorded
    danish: np.ndarray  # level, -1 when not recorded
    licence: np.ndarray  # 1 yes, 0 no, -1 not recorded
    flex: np.ndarray  # visitated to fleksjob: 1 yes, 0 no, -1 not recorded
    spare: np.ndarray  # strains to spare as bits (strain_mask)
    modes: np.ndarray  # transport modes as bits (mode_mask)
    wishes: Coded
    experience: Coded
    not_interested: Coded
    period_owner: np.ndarray  # per availability stretch: the citizen's row
    period_start: np.ndarray  # minutes after Monday 00:00 (timewindows.Period)
    period_end: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def _flag(value: bool | None) -> int:
    return -1 if value is None else int(value)


def _opt(values: Sequence[float | int | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _stretches(people: Sequence[Citizen]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each citizen's availability stretches (timewindows.text_periods): owner row, start, end."""
    rows = [(i, p.start, p.end) for i, c in enumerate(people) for p in text_periods(c.availability)]
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy()


def inputs_from_citizens(citizens: Sequence[Citizen]) -> CitizenInputs:
    """The same columns as storage gives, from Citizen objects (availability parsed here, once)."""
    people = sorted(citizens, key=lambda c: c.citizen_id)
    owner, start, end = _stretches(people)
    return CitizenInputs(
        ids=np.array([c.citizen_id for c in people], dtype=object),
        postcode=Coded.of([c.postcode or "" for c in people]),
        max_hours=_opt([c.max_hours_week for c in people]),
        max_commute=_opt([c.max_commute_min for c in people]),
        max_walk=_opt([c.max_walk_m for c in people]),
        danish=np.array([-1 if c.danish_level is None else c.danish_level for c in people], dtype=np.int8),
        licence=np.array([_flag(c.driving_license) for c in people], dtype=np.int8),
        flex=np.array([_flag(c.fleksjob_visitated) for c in people], dtype=np.int8),
        spare=np.array([strain_mask(c.spare_strains) for c in people], dtype=np.int64),
        modes=np.array([mode_mask(c.transport_modes) for c in people], dtype=np.int64),
        wishes=Coded.of([c.wishes for c in people]),
        experience=Coded.of([c.experience for c in people]),
        not_interested=Coded.of([c.not_interested for c in people]),
        period_owner=owner,
        period_start=start,
        period_end=end,
    )


@dataclass
class Trips:
    """Distinct commute situations (home postcode, modes, limits): the commute rule runs once per situation."""

    place: np.ndarray  # index into CitizenColumns.places, -1 when unknown
    modes: np.ndarray
    max_commute: np.ndarray
    low_limit: np.ndarray  # max_commute × 0.8: below is pass
    high_limit: np.ndarray  # max_commute × 1.2: above is fail
    held: dict[str, np.ndarray]  # per mode: the citizen uses it
    public_limited: np.ndarray  # can walk less than PUBLIC_MIN_WALK_M
    no_limit: np.ndarray  # 1 where the maximum travel time is not recorded (unknown at best)
    max_walk: np.ndarray

    @classmethod
    def build(cls, place: np.ndarray, modes: np.ndarray, limits: np.ndarray, max_walk: np.ndarray) -> Trips:
        return cls(
            place=place,
            modes=modes,
            max_commute=limits,
            low_limit=limits * (1 - travel.UNCERTAINTY),
            high_limit=limits * (1 + travel.UNCERTAINTY),
            held={m: (modes & MODE_BIT[m]) != 0 for m in travel.MODE_ORDER},
            public_limited=(max_walk < travel.PUBLIC_MIN_WALK_M).astype(np.int8),
            no_limit=np.isnan(limits).astype(np.int8),
            max_walk=max_walk,
        )

    def __len__(self) -> int:
        return len(self.place)


def _trips(place: np.ndarray, modes: np.ndarray, limits: np.ndarray, max_walk: np.ndarray) -> tuple[Trips, np.ndarray]:
    """The distinct trips and, per citizen, the index of theirs (each column coded, the codes combined into one
    number: a one-dimensional unique, not a row-wise one)."""
    columns = (place, modes, np.nan_to_num(limits, nan=-1.0), np.nan_to_num(max_walk, posinf=-1.0))
    coded = [np.unique(column, return_inverse=True) for column in columns]
    key = np.zeros(len(place), dtype=np.int64)
    for values, codes in coded:
        key = key * len(values) + codes.ravel()
    unique_keys, inverse = np.unique(key, return_inverse=True)
    picks = []
    for values, _ in reversed(coded):
        picks.append(values[unique_keys % len(values)])
        unique_keys = unique_keys // len(values)
    u_walk, u_limits, u_modes, u_place = picks
    trips = Trips.build(u_place.astype(np.int64), u_modes.astype(np.int64), np.where(u_limits < 0, np.nan, u_limits),
                        np.where(u_walk < 0, np.inf, u_walk))  # fmt: skip
    return trips, inverse.ravel()


@dataclass
class CitizenColumns:
    """Citizens prepared once as columns; rebuilt when the citizens change."""

    ids: np.ndarray  # sorted by citizen id, so a stable sort keeps id order for ties
    citizens: list[Citizen] | None  # the objects, when prepared from objects (tests, one profile); else None
    max_hours: np.ndarray
    lat: np.ndarray  # per citizen (NaN when unknown): the benchmark's floor reads these; the engine uses `places`
    lon: np.ndarray
    places: np.ndarray  # (P, 2) lat, lon
    max_commute: np.ndarray
    trips: Trips
    trip: np.ndarray  # per citizen: index into trips
    hours_unknown: np.ndarray  # indices of citizens without a maximum of weekly hours
    danish: np.ndarray  # per citizen, -1 when unknown (the engine reads `danish_status`)
    danish_status: np.ndarray  # (levels, N): the language status for a job requiring each level
    license_status: np.ndarray  # the status for a job that requires a driving license
    flex_status: np.ndarray  # the status for a flex job (visitated to fleksjob)
    spare: np.ndarray
    avail: np.ndarray  # (7, 2, K, N): per weekday, window starts and ends in minutes, padded
    no_avail: np.ndarray  # indices of citizens without recorded availability (unknown)
    periods: tuple[np.ndarray, np.ndarray, np.ndarray]  # availability stretches: owner row, start, end
    phrases: list[str]
    phrase_matrix: sparse.csc_matrix  # (N, P): citizen i said no to phrase j
    texts: dict[str, tuple[list[str], np.ndarray]]  # wishes/experience: unique texts, index per citizen
    text_matrix: dict[str, sparse.csr_matrix]  # per field: one row per unique text (scoring.text_vectors)

    def __len__(self) -> int:
        return len(self.ids)


def _required_status(flags: np.ndarray) -> np.ndarray:
    """The status of a yes/no requirement per citizen: yes passes, no fails, not recorded is unknown."""
    return np.where(flags < 0, UNKNOWN, np.where(flags > 0, PASS, FAIL)).astype(np.int8)


def _danish_status(levels: np.ndarray) -> np.ndarray:
    """(levels × N): for each level a job can require, pass at or above it, fail below, unknown when not recorded."""
    required = np.arange(len(vocab.DANISH_LEVELS))[:, None]
    status = np.where(levels >= required, PASS, FAIL)
    return np.where(levels < 0, UNKNOWN, status).astype(np.int8)


def _availability(owner: np.ndarray, start: np.ndarray, end: np.ndarray, n: int) -> np.ndarray:
    """(7, 2, K, N): per weekday, the spans of the stretches that can hold a working period starting that day
    (those reaching past that day's midnight and starting before the next), in minutes after that day's
    midnight, padded. The whole week is one span on every day."""
    whole = end - start >= WEEK
    first = start // DAY
    days = np.where(whole, 7, (end - 1) // DAY - first + 1)
    stretch = np.repeat(np.arange(len(owner)), days)
    offset = np.arange(len(stretch)) - np.repeat(np.cumsum(days) - days, days)
    day = np.where(whole[stretch], offset, first[stretch] + offset)
    span_start = np.where(whole[stretch], SPAN_LOW, np.maximum(start[stretch] - day * DAY, SPAN_LOW))
    span_end = np.where(whole[stretch], SPAN_HIGH, np.minimum(end[stretch] - day * DAY, SPAN_HIGH))
    weekday, who = day % 7, owner[stretch]
    group = who * 7 + weekday
    order = np.argsort(group, kind="stable")
    sorted_group = group[order]
    group_start = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]]) if len(order) else order
    slot = np.empty(len(order), dtype=np.int64)
    slot[order] = np.arange(len(order)) - np.repeat(group_start, np.diff(np.r_[group_start, len(order)]))
    k = int(slot.max()) + 1 if len(slot) else 1
    avail = np.empty((7, 2, k, n), dtype=np.int16)
    avail[:, 0], avail[:, 1] = NO_START, NO_END
    avail[weekday, 0, slot, who] = span_start
    avail[weekday, 1, slot, who] = span_end
    return avail


def _texts(column: Coded) -> tuple[list[str], np.ndarray]:
    """Distinct texts compared in lower case without surrounding space, and the index of each citizen's."""
    unique: dict[str, int] = {}
    remap = np.array([unique.setdefault((v or "").lower().strip(), len(unique)) for v in column.values],
                     dtype=np.int64)  # fmt: skip
    return list(unique), remap[column.codes] if len(column.codes) else column.codes


def _places(column: Coded) -> tuple[np.ndarray, np.ndarray]:
    """Per citizen the index of the home postcode's centre (-1 when unknown), and the centres."""
    centres: list[tuple[float, float]] = []
    place_of = []
    for value in column.values:
        xy = postcodes.coordinates(value) if value else None
        place_of.append(-1 if xy is None else len(centres))
        if xy is not None:
            centres.append(xy)
    place = np.array(place_of, dtype=np.int64)[column.codes] if len(column.codes) else column.codes
    return place, np.array(centres, dtype=np.float64).reshape(-1, 2)


def _phrases(column: Coded, n: int) -> tuple[list[str], sparse.csc_matrix]:
    """The distinct 'not interested' phrases, and (N × P) which citizen said which (each text split once)."""
    phrase_ids: dict[str, int] = {}
    rows, cols = [], []
    for t, text in enumerate(column.values):
        for p in set(not_interested_phrases(text or "")):
            rows.append(t)
            cols.append(phrase_ids.setdefault(p, len(phrase_ids)))
    per_text = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)),
                                 shape=(max(len(column.values), 1), max(len(phrase_ids), 1)))  # fmt: skip
    matrix = per_text[column.codes] if n else sparse.csr_matrix((0, per_text.shape[1]), dtype=np.int32)
    return list(phrase_ids), sparse.csc_matrix(matrix)


def prepare_inputs(inputs: CitizenInputs, citizens: list[Citizen] | None = None) -> CitizenColumns:
    """The engine's columns from the stored columns: per distinct value, not per citizen, wherever it can."""
    n = len(inputs)
    place, places = _places(inputs.postcode)
    known = place >= 0
    lat, lon = np.full(n, np.nan), np.full(n, np.nan)
    lat[known], lon[known] = places[place[known], 0], places[place[known], 1]
    max_walk = np.where(np.isnan(inputs.max_walk), np.inf, inputs.max_walk)
    trips, trip = _trips(place, inputs.modes, inputs.max_commute, max_walk)
    phrases, phrase_matrix = _phrases(inputs.not_interested, n)
    texts = {"wishes": _texts(inputs.wishes), "experience": _texts(inputs.experience)}
    owner = inputs.period_owner
    has_avail = np.zeros(n, dtype=bool)
    has_avail[owner] = True
    return CitizenColumns(
        ids=inputs.ids, citizens=citizens, max_hours=inputs.max_hours, lat=lat, lon=lon, places=places,
        max_commute=inputs.max_commute, trips=trips, trip=trip,
        hours_unknown=np.flatnonzero(np.isnan(inputs.max_hours)), danish=inputs.danish,
        danish_status=_danish_status(inputs.danish), license_status=_required_status(inputs.licence),
        flex_status=_required_status(inputs.flex), spare=inputs.spare,
        avail=_availability(owner, inputs.period_start, inputs.period_end, n), no_avail=np.flatnonzero(~has_avail),
        periods=(owner, inputs.period_start, inputs.period_end), phrases=phrases, phrase_matrix=phrase_matrix,
        texts=texts, text_matrix={field: scoring.text_vectors(unique) for field, (unique, _) in texts.items()},
    )  # fmt: skip


def prepare(citizens: Sequence[Citizen]) -> CitizenColumns:
    """The engine's columns from Citizen objects (kept, in id order, for the readable rules)."""
    people = sorted(citizens, key=lambda c: c.citizen_id)
    return prepare_inputs(inputs_from_citizens(people), people)
