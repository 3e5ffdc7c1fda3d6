"""The ranking engine: one job against many citizens, column by column (no Streamlit).

The rules are those of `matching_rules.py` (one readable function per criterion); this module
applies them to whole NumPy columns so a job can be ranked against a national register in
milliseconds. The readable functions then explain only the citizens a person is shown (services/matching.py).
Ordering lives here too; near misses in `near_misses.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from oto_match import near_misses, scoring, travel
from oto_match.citizen_columns import (
    FAIL,
    MODE_BIT,
    NO_END,
    NO_START,
    PASS,
    SPAN_HIGH,
    SPAN_LOW,
    STRAIN_BIT,
    UNKNOWN,
    CitizenColumns,
    CitizenInputs,
    Trips,
    language_status,
    prepare,
    prepare_inputs,
    required_status,
    strain_mask,
)
from oto_match.domain import Citizen
from oto_match.matching_rules import CRITERIA, Assessment, JobContext, assess, says_no
from oto_match.near_misses import near_miss as near_miss  # the ranking's near misses, kept in their own module
from oto_match.timewindows import DAY

__all__ = [
    "FAIL", "MODE_BIT", "NO_END", "NO_START", "PASS", "SPAN_HIGH", "SPAN_LOW", "STRAIN_BIT", "UNKNOWN",
    "CitizenColumns", "CitizenInputs", "JobContext", "Ranking", "Trips", "near_miss", "prepare", "prepare_inputs",
    "rank", "rank_loop", "strain_mask",
]  # fmt: skip
STATUS_NAMES = ("pass", "unknown", "fail")
VERDICTS = ("eligible", "uncertain", "excluded")


def _route_km(cols: CitizenColumns, at: tuple[float, float]) -> np.ndarray:
    """Route km per trip (NaN when unknown), computed once per distinct postcode centre."""
    per_place = np.append(travel.route_km((cols.places[:, 0], cols.places[:, 1]), at), np.nan)
    return np.asarray(per_place[cols.trips.place], dtype=np.float64)  # index -1 picks the NaN


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


def _room(spans: np.ndarray, start: int, end: int) -> np.ndarray:
    """Per distinct availability, the most travel time (minutes at each end) with which the working period from
    `start` to `end` still lies inside one of its spans of that day ((2, K, A) starts and ends); negative when none
    holds it. A citizen's period fits if their travel margin is at most this."""
    starts, ends = spans[0].astype(np.int32), spans[1].astype(np.int32)
    return np.asarray(np.minimum(start - starts, ends - end).max(axis=0), dtype=np.int32)


def _schedule(ctx: JobContext, cols: CitizenColumns, trip_minutes: np.ndarray) -> np.ndarray:
    """Every working period plus the travel time at its real start and end lies inside one availability span."""
    n = len(cols)
    if not ctx.periods:
        return np.full(n, PASS, dtype=np.int8)
    margin = near_misses.travel_margins(trip_minutes)[cols.trip]
    ok = np.ones(n, dtype=bool)
    for p in ctx.periods:
        day, start = divmod(p.start, DAY)
        ok &= margin <= _room(cols.avail[day], start, start + p.minutes)[cols.pattern]
    status = np.multiply(~ok, FAIL, dtype=np.int8)
    status[ok & np.isnan(trip_minutes)[cols.trip]] = UNKNOWN  # fits only if the trip takes no time: unknown
    status[cols.no_avail] = UNKNOWN
    return status


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
        out[4] = required_status(cols.licence)
    if job.job_type == "flex_job":
        out[5] = required_status(cols.flex)
    if job.danish_level_required:
        out[6] = language_status(cols.danish, job.danish_level_required)
    out[7, _said_no(ctx, cols)] = FAIL
    return out, trip_minutes[cols.trip]


def _said_no(ctx: JobContext, cols: CitizenColumns) -> np.ndarray:
    """Indices of the citizens with a 'not interested' phrase that matches the job (only those rows are read)."""
    job, phrases = ctx.job, cols.phrases
    matched = [j for j, p in enumerate(phrases.values) if says_no(p, job.title, ctx.employer.industry, job.description)]
    return phrases.citizens_saying(matched)


def verdicts(statuses: np.ndarray) -> np.ndarray:
    """0 eligible (all pass), 1 uncertain (none fail, some unknown), 2 excluded (any fail)."""
    return np.asarray(np.maximum.reduce(statuses, axis=0), dtype=np.int8)


def _text_similarity(
    ctx: JobContext, cols: CitizenColumns, field: str, rows: np.ndarray, job_vector: scoring.TextVectors
) -> np.ndarray:
    """Text fit (scoring.text_fraction) of each citizen's text against the job, computed per distinct text."""
    unique, index = cols.texts[field]
    present = np.zeros(len(unique), dtype=bool)
    present[index[rows]] = True
    fraction = scoring.text_fraction(cols.text_matrix[field].cosines(job_vector), np.zeros(len(unique)))
    open_ = np.flatnonzero(present & (fraction < 1))  # only there can a title match add anything
    if len(open_):
        fraction[open_] = np.maximum(fraction[open_], scoring.title_fits(ctx.job.title, [unique[i] for i in open_]))
    return np.asarray(fraction[index[rows]], dtype=np.float64)


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
    near_miss: np.ndarray  # per citizen: excluded, and 'Kunne passe, hvis …' has a change to name

    def citizen_id(self, i: int) -> str:
        return str(self.cols.ids[i])

    def assessment(self, i: int, citizen: Citizen | None = None) -> Assessment:
        """The readable checks for citizen i (same rules, with reasons in Danish); `citizen` is the stored
        citizen when the columns came from storage."""
        if citizen is None:
            assert self.cols.citizens is not None, "columns read from storage: pass the stored citizen"
            citizen = self.cols.citizens[i]
        return assess(self.ctx, citizen)

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
    misses = near_misses.near_miss_mask(ctx, cols, statuses, minutes)
    return Ranking(ctx, cols, statuses, minutes, verdict, tenths, order, misses)


def _score_tenths(ctx: JobContext, cols: CitizenColumns, rows: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """(4 × len(rows)) points in tenths per score component (scoring.SCORE_COMPONENTS) for the given citizens."""
    if not len(rows):
        return np.zeros((len(scoring.SCORE_COMPONENTS), 0), dtype=np.int16)
    job = ctx.job
    target = job.hours_max_week if job.hours_max_week is not None else job.hours_min_week
    job_vector = scoring.text_vectors([ctx.text])
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
