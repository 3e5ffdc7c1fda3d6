"""Citizens as columns for the ranking engine (no Streamlit, no database).

What a ranking reads of each citizen arrives as `CitizenInputs`: plain NumPy columns, each text column coded
into its distinct values (only those are Python strings), and availability as the stretches of the week of each
distinct availability (citizens with the same availability share its stretches). Storage builds them straight
from its tables (storage/ranking_columns.py: NumPy columns, no object per citizen but its id);
`inputs_from_citizens` builds the same from Citizen objects (one profile, tests). `prepare_inputs` turns either
into the engine's `CitizenColumns`, so both paths rank by the same code. Whatever depends on a value, not on the
citizen (text vectors, 'not interested' phrases, availability spans, postcode centres), is worked out once per
distinct value.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from oto_match import postcodes, scoring, travel, vocab
from oto_match.domain import Citizen
from oto_match.matching_rules import not_interested_phrases
from oto_match.timewindows import DAY, WEEK, TimeWindowError, text_periods

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
    values: list[Any]

    @classmethod
    def of(cls, column: Sequence[Hashable]) -> Coded:
        index: dict[Hashable, int] = {}
        codes = np.array([index.setdefault(v, len(index)) for v in column], dtype=np.int64)
        return cls(codes, list(index))


@dataclass(frozen=True)
class TripInputs:
    """The distinct commute situations and each citizen's: the commute rule runs once per situation."""

    code: np.ndarray  # per citizen: the index of their situation
    postcode: list[str]  # per situation: the home postcode ('' when not recorded)
    modes: np.ndarray  # transport modes as bits (MODE_BIT)
    max_commute: np.ndarray  # float minutes, NaN when not recorded
    max_walk: np.ndarray  # float metres, NaN when not recorded


@dataclass(frozen=True)
class CitizenInputs:
    """What a ranking reads of each citizen, as columns in citizen-id order."""

    ids: np.ndarray  # citizen ids, sorted (a stable sort then keeps id order for ties)
    max_hours: np.ndarray  # float, NaN when not recorded
    danish: np.ndarray  # level, -1 when not recorded
    licence: np.ndarray  # 1 yes, 0 no, -1 not recorded
    flex: np.ndarray  # visitated to fleksjob: 1 yes, 0 no, -1 not recorded
    spare: np.ndarray  # strains to spare as bits (strain_mask)
    trip: TripInputs
    wishes: Coded
    experience: Coded
    not_interested: Coded
    availability: Coded  # the availability texts
    period_owner: np.ndarray  # per availability stretch: the distinct availability it belongs to (availability.values)
    period_start: np.ndarray  # minutes after Monday 00:00 (timewindows.Period)
    period_end: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def _flag(value: bool | None) -> int:
    return -1 if value is None else int(value)


def _opt(values: Sequence[float | int | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _stretches(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stretches (timewindows.text_periods) of each distinct availability text: its index, start, end. A text the
    rules cannot read has none (availability unknown), as storage writes it."""
    rows = []
    for i, text in enumerate(texts):
        try:
            rows += [(i, p.start, p.end) for p in text_periods(text)]
        except TimeWindowError:
            continue
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy()


def inputs_from_citizens(citizens: Sequence[Citizen]) -> CitizenInputs:
    """The same columns as storage gives, from Citizen objects (availability parsed here, once)."""
    people = sorted(citizens, key=lambda c: c.citizen_id)
    availability = Coded.of([c.availability or "" for c in people])
    owner, start, end = _stretches(availability.values)
    trip = Coded.of([(c.postcode or "", mode_mask(c.transport_modes), c.max_commute_min, c.max_walk_m) for c in people])
    postcode, modes, limit, walk = (list(v) for v in zip(*trip.values, strict=True)) if people else ([], [], [], [])
    return CitizenInputs(
        ids=np.array([c.citizen_id for c in people], dtype=object),
        max_hours=_opt([c.max_hours_week for c in people]),
        trip=TripInputs(trip.codes, postcode, np.array(modes, dtype=np.int64), _opt(limit), _opt(walk)),
        danish=np.array([-1 if c.danish_level is None else c.danish_level for c in people], dtype=np.int8),
        licence=np.array([_flag(c.driving_license) for c in people], dtype=np.int8),
        flex=np.array([_flag(c.fleksjob_visitated) for c in people], dtype=np.int8),
        spare=np.array([strain_mask(c.spare_strains) for c in people], dtype=np.int64),
        wishes=Coded.of([c.wishes for c in people]),
        experience=Coded.of([c.experience for c in people]),
        not_interested=Coded.of([c.not_interested for c in people]),
        availability=availability,
        period_owner=owner,
        period_start=start,
        period_end=end,
    )


@dataclass
class Trips:
    """The distinct commute situations (TripInputs) as the commute rule reads them."""

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


@dataclass(frozen=True)
class Phrases:
    """The distinct 'not interested' phrases, which of the distinct texts hold each, and each citizen's text."""

    values: list[str]
    in_texts: list[np.ndarray]  # per phrase: the indices of the distinct texts that hold it
    text: np.ndarray  # per citizen: the index of their distinct text
    texts: int

    def citizens_saying(self, phrases: Sequence[int]) -> np.ndarray:
        """The rows of the citizens whose text holds any of the given phrases."""
        held = np.zeros(self.texts, dtype=bool)
        for j in phrases:
            held[self.in_texts[j]] = True
        return np.flatnonzero(held[self.text])


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
    danish: np.ndarray  # per citizen, -1 when unknown
    licence: np.ndarray  # driving licence: 1 yes, 0 no, -1 not recorded
    flex: np.ndarray  # visitated to fleksjob: 1 yes, 0 no, -1 not recorded
    spare: np.ndarray
    pattern: np.ndarray  # per citizen: the index of their distinct availability
    avail: np.ndarray  # (7, 2, K, A): per weekday, each distinct availability's window starts and ends, padded
    no_avail: np.ndarray  # indices of citizens without recorded availability (unknown)
    periods: tuple[np.ndarray, np.ndarray, np.ndarray]  # stretches of each distinct availability: its index, start, end
    phrases: Phrases
    texts: dict[str, tuple[list[str], np.ndarray]]  # wishes/experience: unique texts, index per citizen
    text_matrix: dict[str, scoring.TextVectors]  # per field: one vector per unique text

    def __len__(self) -> int:
        return len(self.ids)


def required_status(flags: np.ndarray) -> np.ndarray:
    """The status of a yes/no requirement per citizen: yes passes, no fails, not recorded is unknown."""
    return np.asarray(np.where(flags < 0, UNKNOWN, np.where(flags > 0, PASS, FAIL)), dtype=np.int8)


def language_status(levels: np.ndarray, required: int) -> np.ndarray:
    """The language status per citizen for a job requiring `required`: pass at or above it, fail below, unknown
    when not recorded."""
    return np.asarray(np.where(levels < 0, UNKNOWN, np.where(levels >= required, PASS, FAIL)), dtype=np.int8)


def _availability(owner: np.ndarray, start: np.ndarray, end: np.ndarray, n: int) -> np.ndarray:
    """(7, 2, K, n) for n owners (the distinct availabilities): per weekday, the spans of the stretches that can hold
    a working period starting that day (those reaching past that day's midnight and starting before the next), in
    minutes after that day's midnight, padded. The whole week is one span on every day."""
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


def _places(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per postcode in `values` the index of its centre (-1 when unknown), and the distinct centres (each postcode
    looked up once)."""
    centres: dict[tuple[float, float], int] = {}
    place_of: dict[str, int] = {}
    for value in dict.fromkeys(values):
        xy = postcodes.coordinates(value) if value else None
        place_of[value] = -1 if xy is None else centres.setdefault(xy, len(centres))
    place = np.array([place_of[v] for v in values], dtype=np.int64)
    return place, np.array(list(centres), dtype=np.float64).reshape(-1, 2)


def _phrases(column: Coded) -> Phrases:
    """The distinct 'not interested' phrases and which distinct texts hold each (each text split once)."""
    holders: dict[str, list[int]] = {}
    for t, text in enumerate(column.values):
        for phrase in set(not_interested_phrases(text or "")):
            holders.setdefault(phrase, []).append(t)
    in_texts = [np.array(texts, dtype=np.int64) for texts in holders.values()]
    return Phrases(list(holders), in_texts, column.codes, len(column.values))


def _patterns(inputs: CitizenInputs) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(spans per distinct availability, the citizens without any, its stretches sorted by owner)."""
    count = len(inputs.availability.values)
    order = np.argsort(inputs.period_owner, kind="stable")
    owner, start, end = inputs.period_owner[order], inputs.period_start[order], inputs.period_end[order]
    held = np.zeros(count, dtype=bool)
    held[owner] = True
    no_avail = np.flatnonzero(~held[inputs.availability.codes])
    return _availability(owner, start, end, count), no_avail, (owner, start, end)


def prepare_inputs(inputs: CitizenInputs, citizens: list[Citizen] | None = None) -> CitizenColumns:
    """The engine's columns from the stored columns: per distinct value, not per citizen, wherever it can."""
    situations, trip = inputs.trip, inputs.trip.code
    place, places = _places(situations.postcode)
    centre = np.vstack([places, [np.nan, np.nan]])[place]  # per situation; index -1 picks the NaN row
    max_walk = np.where(np.isnan(situations.max_walk), np.inf, situations.max_walk)
    trips = Trips.build(place, situations.modes, situations.max_commute, max_walk)
    texts = {"wishes": _texts(inputs.wishes), "experience": _texts(inputs.experience)}
    avail, no_avail, periods = _patterns(inputs)
    return CitizenColumns(
        ids=inputs.ids, citizens=citizens, max_hours=inputs.max_hours, lat=centre[:, 0][trip], lon=centre[:, 1][trip],
        places=places, max_commute=situations.max_commute[trip], trips=trips, trip=trip,
        hours_unknown=np.flatnonzero(np.isnan(inputs.max_hours)), danish=inputs.danish,
        licence=inputs.licence, flex=inputs.flex, spare=inputs.spare, pattern=inputs.availability.codes,
        avail=avail, no_avail=no_avail, periods=periods, phrases=_phrases(inputs.not_interested),
        texts=texts, text_matrix={field: scoring.text_vectors(unique) for field, (unique, _) in texts.items()},
    )  # fmt: skip


def prepare(citizens: Sequence[Citizen]) -> CitizenColumns:
    """The engine's columns from Citizen objects (kept, in id order, for the readable rules)."""
    people = sorted(citizens, key=lambda c: c.citizen_id)
    return prepare_inputs(inputs_from_citizens(people), people)
