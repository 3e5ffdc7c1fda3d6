"""The ranking engine: one job against many citizens, column by column (no Streamlit).

The rules are those of `matching_rules.py` (one readable function per criterion); this module
applies them to whole NumPy columns so a job can be ranked against a national register in
milliseconds, then explains each verdict with the readable functions. Ordering lives here too;
near misses in `near_misses.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from oto_match import postcodes, scoring, travel, vocab
from oto_match.domain import Citizen
from oto_match.matching_rules import (
    CRITERIA,
    Assessment,
    JobContext,
    assess,
    not_interested_phrases,
    says_no,
)
from oto_match.near_misses import near_miss as near_miss  # the ranking's near misses, kept in their own module
from oto_match.timewindows import DAY, Period, text_periods

PASS, UNKNOWN, FAIL = 0, 1, 2
STATUS_NAMES = ("pass", "unknown", "fail")
VERDICTS = ("eligible", "uncertain", "excluded")
STRAIN_BIT = {code: 1 << i for i, code in enumerate(vocab.STRAINS)}
MODE_BIT = {code: 1 << i for i, code in enumerate(travel.MODE_ORDER)}
NO_START, NO_END = 30_000, -30_000  # padding that never covers a window
# Availability is kept per weekday in minutes after that day's midnight, cut to this range: a working period
# starting that day, with up to a day of travel at each end, needs at most from -1 day to 1 + 7 + 1 days.
SPAN_LOW, SPAN_HIGH = -3000, 13000


def strain_mask(codes: tuple[str, ...] | list[str]) -> int:
    return sum(STRAIN_BIT[c] for c in set(codes))


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
    """The distinct trips and, per citizen, the index of theirs."""
    key = np.column_stack([place, modes, np.nan_to_num(limits, nan=-1.0), np.nan_to_num(max_walk, posinf=-1.0)])
    unique, inverse = np.unique(key, axis=0, return_inverse=True)
    u_limits = np.where(unique[:, 2] < 0, np.nan, unique[:, 2])
    u_walk = np.where(unique[:, 3] < 0, np.inf, unique[:, 3])
    trips = Trips.build(unique[:, 0].astype(np.int64), unique[:, 1].astype(np.int64), u_limits, u_walk)
    return trips, inverse.ravel()


@dataclass
class CitizenColumns:
    """Citizens prepared once as columns; rebuilt when the citizens change."""

    citizens: list[Citizen]  # sorted by citizen_id, so a stable sort keeps id order for ties
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
    phrases: list[str]
    phrase_matrix: sparse.csc_matrix  # (N, P): citizen i said no to phrase j
    texts: dict[str, tuple[list[str], np.ndarray]]  # wishes/experience: unique texts, index per citizen
    text_matrix: dict[str, sparse.csr_matrix]  # per field: one row per unique text (scoring.text_vectors)

    def __len__(self) -> int:
        return len(self.citizens)


def _opt(values: list[float | int | None], missing: float) -> np.ndarray:
    return np.array([missing if v is None else v for v in values], dtype=np.float64)


def _required_status(values: list[bool | None]) -> np.ndarray:
    """The status of a yes/no requirement per citizen: yes passes, no fails, not recorded is unknown."""
    return np.array([UNKNOWN if v is None else (PASS if v else FAIL) for v in values], dtype=np.int8)


def _danish_status(levels: np.ndarray) -> np.ndarray:
    """(levels × N): for each level a job can require, pass at or above it, fail below, unknown when not recorded."""
    required = np.arange(len(vocab.DANISH_LEVELS))[:, None]
    status = np.where(levels >= required, PASS, FAIL)
    return np.where(levels < 0, UNKNOWN, status).astype(np.int8)


def _day_spans(stretches: tuple[Period, ...]) -> list[list[tuple[int, int]]]:
    """Per weekday, the availability periods that can hold a working period starting that day (those reaching
    past that day's midnight and starting before the next), in minutes after that day's midnight."""
    if stretches and stretches[0].whole_week:
        return [[(SPAN_LOW, SPAN_HIGH)] for _ in range(7)]
    out: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for p in stretches:
        for d in range(p.start // DAY, (p.end - 1) // DAY + 1):
            out[d % 7].append((max(p.start - d * DAY, SPAN_LOW), min(p.end - d * DAY, SPAN_HIGH)))
    return out


def _availability(citizens: list[Citizen]) -> tuple[np.ndarray, np.ndarray]:
    """(7, 2, K, N): per weekday the starts and ends of the spans (see _day_spans), padded; and who has any."""
    parsed = [text_periods(c.availability) for c in citizens]
    per_day = [_day_spans(ps) for ps in parsed]
    k = max([len(day) for days in per_day for day in days] + [1])
    avail = np.empty((7, 2, k, len(citizens)), dtype=np.int16)
    avail[:, 0], avail[:, 1] = NO_START, NO_END
    for i, days in enumerate(per_day):
        for d, spans in enumerate(days):
            for j, (s, e) in enumerate(spans):
                avail[d, 0, j, i], avail[d, 1, j, i] = s, e
    return avail, np.array([bool(ps) for ps in parsed], dtype=bool)


def _unique_texts(values: list[str]) -> tuple[list[str], np.ndarray]:
    unique: dict[str, int] = {}
    index = np.array([unique.setdefault(v.lower().strip(), len(unique)) for v in values], dtype=np.int64)
    return list(unique), index


def _places(citizens: list[Citizen]) -> tuple[np.ndarray, np.ndarray]:
    index: dict[str, int] = {}
    place = np.array(
        [index.setdefault(c.postcode, len(index)) if postcodes.coordinates(c.postcode) else -1 for c in citizens],
        dtype=np.int64,
    )
    centres = np.array([postcodes.coordinates(p) for p in index], dtype=np.float64).reshape(-1, 2)
    return place, centres


def prepare(citizens: list[Citizen]) -> CitizenColumns:
    citizens = sorted(citizens, key=lambda c: c.citizen_id)
    coords = [postcodes.coordinates(c.postcode) for c in citizens]
    place, places = _places(citizens)
    texts = {"wishes": _unique_texts([c.wishes for c in citizens]),
             "experience": _unique_texts([c.experience for c in citizens])}  # fmt: skip
    limits = _opt([c.max_commute_min for c in citizens], np.nan)
    max_walk = _opt([c.max_walk_m for c in citizens], np.inf)
    modes = np.array([sum(MODE_BIT[m] for m in set(c.transport_modes)) for c in citizens], dtype=np.int64)
    trips, trip = _trips(place, modes, limits, max_walk)
    phrase_ids: dict[str, int] = {}
    rows, cols = [], []
    for i, c in enumerate(citizens):
        for p in set(not_interested_phrases(c.not_interested)):
            rows.append(i)
            cols.append(phrase_ids.setdefault(p, len(phrase_ids)))
    matrix = sparse.csc_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(citizens), max(len(phrase_ids), 1))
    )
    avail, has_avail = _availability(citizens)
    max_hours = _opt([c.max_hours_week for c in citizens], np.nan)
    danish = np.array([-1 if c.danish_level is None else c.danish_level for c in citizens], dtype=np.int8)
    return CitizenColumns(
        citizens=citizens,
        max_hours=max_hours,
        lat=_opt([xy[0] if xy else None for xy in coords], np.nan),
        lon=_opt([xy[1] if xy else None for xy in coords], np.nan),
        places=places,
        max_commute=limits,
        trips=trips,
        trip=trip,
        hours_unknown=np.flatnonzero(np.isnan(max_hours)),
        danish=danish,
        danish_status=_danish_status(danish),
        license_status=_required_status([c.driving_license for c in citizens]),
        flex_status=_required_status([c.fleksjob_visitated for c in citizens]),
        spare=np.array([strain_mask(c.spare_strains) for c in citizens], dtype=np.int64),
        avail=avail,
        no_avail=np.flatnonzero(~has_avail),
        phrases=list(phrase_ids),
        phrase_matrix=matrix,
        texts=texts,
        text_matrix={field: scoring.text_vectors(unique) for field, (unique, _) in texts.items()},
    )  # fmt: skip


def _route_km(cols: CitizenColumns, at: tuple[float, float]) -> np.ndarray:
    """Route km per trip (NaN when unknown), computed once per distinct postcode centre."""
    per_place = np.append(travel.route_km((cols.places[:, 0], cols.places[:, 1]), at), np.nan)
    return per_place[cols.trips.place]  # index -1 picks the NaN


def _commute(ctx: JobContext, cols: CitizenColumns) -> tuple[np.ndarray, np.ndarray]:
    """(status, minutes of the best mode) per distinct trip (cols.trips), by the rule in travel.py."""
    if ctx.coords is None:
        return np.full(len(cols.trips), UNKNOWN, dtype=np.int8), np.full(len(cols.trips), np.nan)
    return _trip_commute(cols.trips, _route_km(cols, ctx.coords))


def _trip_commute(trips: Trips, km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per mode the status of travel.mode_options, then the best mode (best status, then fewest minutes)."""
    n = len(trips)
    best_key = np.full(n, np.inf)
    best_minutes = np.full(n, np.nan)
    best_status = np.full(n, UNKNOWN, dtype=np.int8)
    for mode in travel.MODE_ORDER:
        held = trips.held[mode]
        mins = travel.minutes(km, mode)
        st = (mins > trips.low_limit).astype(np.int8)
        st += mins > trips.high_limit  # 0 pass, 1 unknown, 2 fail (a missing limit compares False ...)
        np.maximum(st, trips.no_limit, out=st)  # ... and is unknown
        if mode == "walk":
            np.maximum(st, 2 * (km * 1000 > trips.max_walk), out=st)
        np.maximum(st, 2 * (mins > travel.MAX_TRIP_MIN), out=st)  # the ceiling, for everyone
        if mode == "public":
            st = np.where(st < FAIL, np.maximum(st, trips.public_limited), st)
        key = st * 1e6 + mins
        better = held & (key < best_key)
        best_key = np.where(better, key, best_key)
        best_minutes = np.where(better, mins, best_minutes)
        best_status = np.where(better, st, best_status)
    known = ~np.isnan(km) & (trips.modes != 0)
    return np.where(known, best_status, UNKNOWN).astype(np.int8), np.where(known, best_minutes, np.nan)


def _schedule(ctx: JobContext, cols: CitizenColumns, trip_minutes: np.ndarray) -> np.ndarray:
    """Every working period plus the travel time at its real start and end lies inside one availability span."""
    n = len(cols)
    if not ctx.periods:
        return np.full(n, PASS, dtype=np.int8)
    margin = _travel_margin(trip_minutes)[cols.trip]
    ok = np.ones(n, dtype=bool)
    for p in ctx.periods:
        day, start = divmod(p.start, DAY)
        need_start, need_end = np.int16(start) - margin, np.int16(start + p.minutes) + margin
        covered = np.zeros(n, dtype=bool)
        for starts, ends in zip(cols.avail[day, 0], cols.avail[day, 1], strict=True):
            covered |= (starts <= need_start) & (ends >= need_end)
        ok &= covered
    status = np.multiply(~ok, FAIL, dtype=np.int8)
    status[ok & np.isnan(trip_minutes)[cols.trip]] = UNKNOWN  # fits only if the trip takes no time: unknown
    status[cols.no_avail] = UNKNOWN
    return status


def _travel_margin(minutes: np.ndarray) -> np.ndarray:
    """Whole minutes of travel at each end of a working period (matching_rules.travel_margin): 0 when unknown,
    at most a day; int16 like the availability spans."""
    return np.ceil(np.minimum(np.nan_to_num(minutes, nan=0.0), DAY)).astype(np.int16)


def hard_statuses(ctx: JobContext, cols: CitizenColumns) -> tuple[np.ndarray, np.ndarray]:
    """(8 × N statuses, one row per criterion in the order of CRITERIA; best-mode minutes) for every citizen."""
    job, n = ctx.job, len(cols)
    out = np.zeros((len(CRITERIA), n), dtype=np.int8)  # PASS unless a rule below says otherwise
    if job.hours_min_week is None:
        out[0] = UNKNOWN
    else:
        np.multiply(cols.max_hours < job.hours_min_week, FAIL, out=out[0])
        out[0, cols.hours_unknown] = UNKNOWN
    trip_status, trip_minutes = _commute(ctx, cols)
    out[1] = _schedule(ctx, cols, trip_minutes)
    conflict = (cols.spare & strain_mask(ctx.effective_strains)) != 0
    np.multiply(conflict, FAIL, out=out[2])
    if not job.strains_assessed:  # unknown for whoever has a strain to spare and no conflict already
        out[2, (cols.spare != 0) & ~conflict] = UNKNOWN
    out[3] = trip_status[cols.trip]
    if job.driving_required:
        out[4] = cols.license_status
    if job.job_type == "flex_job":
        out[5] = cols.flex_status
    if job.danish_level_required:
        out[6] = cols.danish_status[job.danish_level_required]
    out[7, _said_no(ctx, cols)] = FAIL
    return out, trip_minutes[cols.trip]


def _said_no(ctx: JobContext, cols: CitizenColumns) -> np.ndarray:
    """Indices of the citizens with a 'not interested' phrase that matches the job (only those rows are read)."""
    job = ctx.job
    matched = [j for j, p in enumerate(cols.phrases) if says_no(p, job.title, ctx.employer.industry, job.description)]
    return cols.phrase_matrix[:, matched].indices if matched else np.empty(0, dtype=np.int64)


def verdicts(statuses: np.ndarray) -> np.ndarray:
    """0 eligible (all pass), 1 uncertain (none fail, some unknown), 2 excluded (any fail)."""
    return np.maximum.reduce(statuses, axis=0)


def _text_similarity(
    ctx: JobContext, cols: CitizenColumns, field: str, rows: np.ndarray, job_vector: np.ndarray
) -> np.ndarray:
    """Text fit (scoring.text_fraction) of each citizen's text against the job, computed per distinct text."""
    unique, index = cols.texts[field]
    present = np.zeros(len(unique), dtype=bool)
    present[index[rows]] = True
    used = np.flatnonzero(present)
    cosine = np.zeros(len(unique))
    if 2 * len(used) < len(unique):
        cosine[used] = cols.text_matrix[field][used] @ job_vector
    else:
        cosine = cols.text_matrix[field] @ job_vector
    fraction = scoring.text_fraction(cosine, np.zeros(len(unique)))
    open_ = used[fraction[used] < 1]  # only there can a title match add anything
    if len(open_):
        fraction[open_] = np.maximum(fraction[open_], scoring.title_fits(ctx.job.title, [unique[i] for i in open_]))
    return fraction[index[rows]]


@dataclass
class Ranking:
    """The result for one job: statuses, verdicts and score parts per citizen, and the order."""

    ctx: JobContext
    cols: CitizenColumns
    statuses: np.ndarray  # (8, N): one row per criterion
    minutes: np.ndarray
    verdict: np.ndarray
    score_tenths: np.ndarray  # (4, N): wishes, experience, hours, commute; 0 for excluded
    order: np.ndarray

    def assessment(self, i: int) -> Assessment:
        """The readable checks for citizen i (same rules, with reasons in Danish)."""
        return assess(self.ctx, self.cols.citizens[i])

    def score(self, i: int) -> float | None:
        return None if self.verdict[i] == FAIL else float(self.score_tenths[:, i].sum()) / 10

    def parts(self, i: int) -> scoring.ScoreParts:
        return scoring.ScoreParts(*(int(x) for x in self.score_tenths[:, i]))


def rank(ctx: JobContext, cols: CitizenColumns) -> Ranking:
    """Rank every citizen in `cols` for the job: eligible by score, then uncertain by score, then excluded."""
    statuses, minutes = hard_statuses(ctx, cols)
    verdict = verdicts(statuses)
    scored = np.flatnonzero(verdict != FAIL)
    tenths = np.zeros((len(scoring.SCORE_COMPONENTS), len(cols)), dtype=np.int16)
    scored_tenths = _score_tenths(ctx, cols, scored, minutes[scored])
    for component, row in enumerate(scored_tenths):  # one row at a time: a 1-D scatter is the fast kind
        tenths[component, scored] = row
    order = _order(verdict, scored, scored_tenths.sum(axis=0, dtype=np.int16), statuses)
    return Ranking(ctx, cols, statuses, minutes, verdict, tenths, order)


def _score_tenths(ctx: JobContext, cols: CitizenColumns, rows: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """(4 × len(rows)) points in tenths per score component (scoring.SCORE_COMPONENTS) for the given citizens."""
    if not len(rows):
        return np.zeros((len(scoring.SCORE_COMPONENTS), 0), dtype=np.int16)
    job = ctx.job
    target = job.hours_max_week if job.hours_max_week is not None else job.hours_min_week
    job_vector = scoring.dense_vector(ctx.text)
    fractions = np.vstack([
        _text_similarity(ctx, cols, "wishes", rows, job_vector),
        _text_similarity(ctx, cols, "experience", rows, job_vector),
        scoring.hours_fraction(cols.max_hours[rows], target),
        scoring.commute_fraction(cols.max_commute[rows], minutes),
    ])  # fmt: skip
    return scoring.to_tenths(fractions)


def _order(verdict: np.ndarray, scored: np.ndarray, total: np.ndarray, statuses: np.ndarray) -> np.ndarray:
    """Eligible then uncertain, each by score descending; then excluded by fewest failed criteria.

    Citizens are in id order and every step is stable, so ties keep id order.
    """
    key = verdict[scored].astype(np.int16) * 1001 + (1000 - total)
    ranked = [scored[np.argsort(key, kind="stable")]]
    fails = (statuses == FAIL).sum(axis=0, dtype=np.int8)  # at least one exactly for the excluded
    ranked += [np.flatnonzero(fails == f) for f in range(1, len(CRITERIA) + 1)]
    return np.concatenate(ranked)


def rank_loop(ctx: JobContext, citizens: list[Citizen]) -> list[str]:
    """The straightforward per-citizen loop over the same rules (reference and benchmark)."""
    return [assess(ctx, c).verdict for c in citizens]
