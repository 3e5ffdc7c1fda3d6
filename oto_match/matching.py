"""The ranking engine: one job against many citizens, column by column (no Streamlit).

The rules are those of `matching_rules.py` (one readable function per criterion); this module
applies them to whole NumPy columns so a job can be ranked against a national register in
milliseconds, then explains each verdict with the readable functions. Near misses and
ordering live here too.
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
    phrase_matches,
)
from oto_match.timewindows import parse_windows, weekly_minutes

PASS, UNKNOWN, FAIL = 0, 1, 2
STATUS_NAMES = ("pass", "unknown", "fail")
VERDICTS = ("eligible", "uncertain", "excluded")
STRAIN_BIT = {code: 1 << i for i, code in enumerate(vocab.STRAINS)}
MODE_BIT = {code: 1 << i for i, code in enumerate(travel.MODE_ORDER)}
NO_START, NO_END = 10_000, -1  # padding that never covers a window


def strain_mask(codes: tuple[str, ...] | list[str]) -> int:
    return sum(STRAIN_BIT[c] for c in set(codes))


@dataclass
class CitizenColumns:
    """Citizens prepared once as columns; rebuilt when the citizens change."""

    citizens: list[Citizen]
    max_hours: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    modes: np.ndarray
    max_commute: np.ndarray
    max_walk: np.ndarray
    danish: np.ndarray
    license: np.ndarray
    flex: np.ndarray
    spare: np.ndarray
    avail: np.ndarray  # (N, 7, K, 2) minutes, padded
    has_avail: np.ndarray
    phrases: list[str]
    phrase_matrix: sparse.csr_matrix  # (N, P): citizen i said no to phrase j
    texts: dict[str, tuple[list[str], np.ndarray]]  # wishes/experience: unique texts, index per citizen

    def __len__(self) -> int:
        return len(self.citizens)


def _opt(values: list[float | int | None], missing: float) -> np.ndarray:
    return np.array([missing if v is None else v for v in values], dtype=np.float64)


def _tri(values: list[bool | None]) -> np.ndarray:
    return np.array([-1 if v is None else int(v) for v in values], dtype=np.int8)


def _availability(citizens: list[Citizen]) -> tuple[np.ndarray, np.ndarray]:
    parsed = [parse_windows(c.availability) for c in citizens]
    per_day = [[[(w.start, w.end) for w in ws if w.day == d] for d in range(7)] for ws in parsed]
    k = max([len(day) for days in per_day for day in days] + [1])
    avail = np.empty((len(citizens), 7, k, 2), dtype=np.int16)
    avail[..., 0], avail[..., 1] = NO_START, NO_END
    for i, days in enumerate(per_day):
        for d, windows in enumerate(days):
            for j, (s, e) in enumerate(windows):
                avail[i, d, j] = (s, e)
    return avail, np.array([bool(ws) for ws in parsed])


def _unique_texts(values: list[str]) -> tuple[list[str], np.ndarray]:
    unique: dict[str, int] = {}
    index = np.array([unique.setdefault(v.lower().strip(), len(unique)) for v in values], dtype=np.int64)
    return list(unique), index


def prepare(citizens: list[Citizen]) -> CitizenColumns:
    coords = [postcodes.coordinates(c.postcode) for c in citizens]
    phrase_ids: dict[str, int] = {}
    rows, cols = [], []
    for i, c in enumerate(citizens):
        for p in set(not_interested_phrases(c.not_interested)):
            rows.append(i)
            cols.append(phrase_ids.setdefault(p, len(phrase_ids)))
    matrix = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(citizens), max(len(phrase_ids), 1))
    )
    avail, has_avail = _availability(citizens)
    return CitizenColumns(
        citizens=citizens,
        max_hours=_opt([c.max_hours_week for c in citizens], np.nan),
        lat=_opt([xy[0] if xy else None for xy in coords], np.nan),
        lon=_opt([xy[1] if xy else None for xy in coords], np.nan),
        modes=np.array([sum(MODE_BIT[m] for m in set(c.transport_modes)) for c in citizens], dtype=np.int64),
        max_commute=_opt([c.max_commute_min for c in citizens], np.nan),
        max_walk=_opt([c.max_walk_m for c in citizens], np.inf),
        danish=np.array([-1 if c.danish_level is None else c.danish_level for c in citizens], dtype=np.int8),
        license=_tri([c.driving_license for c in citizens]),
        flex=_tri([c.fleksjob_visitated for c in citizens]),
        spare=np.array([strain_mask(c.spare_strains) for c in citizens], dtype=np.int64),
        avail=avail,
        has_avail=has_avail,
        phrases=list(phrase_ids),
        phrase_matrix=matrix,
        texts={"wishes": _unique_texts([c.wishes for c in citizens]),
               "experience": _unique_texts([c.experience for c in citizens])},
    )  # fmt: skip


def _route_km(cols: CitizenColumns, at: tuple[float, float]) -> np.ndarray:
    lat1, lon1 = np.radians(cols.lat), np.radians(cols.lon)
    lat2, lon2 = np.radians(at[0]), np.radians(at[1])
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    straight = 2 * 6371.0 * np.arcsin(np.sqrt(h))
    return np.maximum(straight * travel.DETOUR_FACTOR, travel.MIN_DISTANCE_KM)


def _commute(ctx: JobContext, cols: CitizenColumns) -> tuple[np.ndarray, np.ndarray]:
    """(status, minutes of the best mode) per citizen, by the rule in travel.py."""
    n = len(cols)
    status = np.full(n, UNKNOWN, dtype=np.int8)
    best_minutes = np.full(n, np.nan)
    if ctx.coords is None:
        return status, best_minutes
    km = _route_km(cols, ctx.coords)
    limit = cols.max_commute
    key = np.full(n, np.inf)
    fastest = np.full(n, np.inf)
    for mode in travel.MODE_ORDER:
        held = (cols.modes & MODE_BIT[mode]) != 0
        mins = km / travel.MODE_SPEEDS[mode].km_per_hour * 60 + travel.MODE_SPEEDS[mode].overhead_min
        st = np.where(mins <= limit * (1 - travel.UNCERTAINTY), PASS,
                      np.where(mins <= limit * (1 + travel.UNCERTAINTY), UNKNOWN, FAIL))  # fmt: skip
        if mode == "walk":
            st = np.where(km * 1000 > cols.max_walk, FAIL, st)
        if mode == "public":
            st = np.where((cols.max_walk < travel.PUBLIC_MIN_WALK_M) & (st != FAIL), UNKNOWN, st)
        mode_key = np.where(held, st * 1e6 + mins, np.inf)
        better = mode_key < key
        key = np.where(better, mode_key, key)
        best_minutes = np.where(better, mins, best_minutes)
        fastest = np.where(held, np.minimum(fastest, mins), fastest)
    known = ~np.isnan(km) & (cols.modes != 0)
    has_limit = ~np.isnan(limit)
    status = np.where(known & has_limit, (key // 1e6).astype(np.int8), UNKNOWN).astype(np.int8)
    best_minutes = np.where(known & has_limit, best_minutes, np.where(known, fastest, np.nan))
    return status, best_minutes


def _schedule(ctx: JobContext, cols: CitizenColumns, minutes: np.ndarray) -> np.ndarray:
    n = len(cols)
    if not ctx.windows:
        return np.full(n, PASS, dtype=np.int8)
    margin = np.where(np.isnan(minutes), 0, np.ceil(np.nan_to_num(minutes)))
    ok = np.ones(n, dtype=bool)
    for w in ctx.windows:
        starts, ends = cols.avail[:, w.day, :, 0], cols.avail[:, w.day, :, 1]
        covered = (starts <= (w.start - margin)[:, None]) & (ends >= (w.end + margin)[:, None])
        ok &= covered.any(axis=1)
    status = np.where(ok, np.where(np.isnan(minutes), UNKNOWN, PASS), FAIL)
    return np.where(cols.has_avail, status, UNKNOWN).astype(np.int8)


def _tristate(required: bool, has: np.ndarray) -> np.ndarray:
    if not required:
        return np.zeros(len(has), dtype=np.int8)
    return np.where(has == 1, PASS, np.where(has == 0, FAIL, UNKNOWN)).astype(np.int8)


def hard_statuses(ctx: JobContext, cols: CitizenColumns) -> tuple[np.ndarray, np.ndarray]:
    """(N × 8 statuses in the order of CRITERIA, best-mode minutes) for every citizen."""
    job, n = ctx.job, len(cols)
    out = np.empty((n, len(CRITERIA)), dtype=np.int8)
    if job.hours_min_week is None:
        out[:, 0] = UNKNOWN
    else:
        out[:, 0] = np.where(
            np.isnan(cols.max_hours), UNKNOWN, np.where(job.hours_min_week <= cols.max_hours, PASS, FAIL)
        )
    commute_status, minutes = _commute(ctx, cols)
    out[:, 1] = _schedule(ctx, cols, minutes)
    out[:, 2] = np.where((cols.spare & strain_mask(ctx.effective_strains)) != 0, FAIL, PASS)
    out[:, 3] = commute_status
    out[:, 4] = _tristate(job.driving_required, cols.license)
    out[:, 5] = _tristate(job.job_type == "flex_job", cols.flex)
    need = job.danish_level_required
    out[:, 6] = PASS if need == 0 else np.where(cols.danish < 0, UNKNOWN, np.where(cols.danish >= need, PASS, FAIL))
    matched = np.array([phrase_matches(p, ctx.text) for p in cols.phrases] or [False], dtype=np.int32)
    out[:, 7] = np.where(cols.phrase_matrix @ matched > 0, FAIL, PASS)
    return out, minutes


def verdicts(statuses: np.ndarray) -> np.ndarray:
    """0 eligible (all pass), 1 uncertain (none fail, some unknown), 2 excluded (any fail)."""
    return statuses.max(axis=1)


def _text_similarity(ctx: JobContext, cols: CitizenColumns, field: str, rows: np.ndarray) -> np.ndarray:
    unique, index = cols.texts[field]
    used = np.unique(index[rows])
    sims = np.zeros(len(unique))
    texts = [unique[i] for i in used]
    if any(t for t in texts):
        vectorizer = scoring.make_vectorizer()
        try:
            matrix = vectorizer.fit_transform([*texts, ctx.text])
        except ValueError:  # only empty or too-short texts
            matrix = None
        if matrix is not None:
            cos = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
            fuzzy = np.array([scoring.title_fit(ctx.job.title, t) for t in texts])
            sims[used] = np.maximum(cos, fuzzy)
    return sims[index[rows]]


@dataclass
class Ranking:
    """The result for one job: statuses, verdicts and score parts per citizen, and the order."""

    ctx: JobContext
    cols: CitizenColumns
    statuses: np.ndarray
    minutes: np.ndarray
    verdict: np.ndarray
    score_tenths: np.ndarray  # (N, 4): wishes, experience, hours, commute; 0 for excluded
    order: np.ndarray

    def assessment(self, i: int) -> Assessment:
        """The readable checks for citizen i (same rules, with reasons in Danish)."""
        return assess(self.ctx, self.cols.citizens[i])

    def score(self, i: int) -> float | None:
        return None if self.verdict[i] == FAIL else float(self.score_tenths[i].sum()) / 10

    def parts(self, i: int) -> scoring.ScoreParts:
        return scoring.ScoreParts(*(int(x) for x in self.score_tenths[i]))


def rank(ctx: JobContext, cols: CitizenColumns) -> Ranking:
    """Rank every citizen in `cols` for the job: eligible by score, then uncertain by score, then excluded."""
    statuses, minutes = hard_statuses(ctx, cols)
    verdict = verdicts(statuses)
    scored = np.flatnonzero(verdict != FAIL)
    tenths = np.zeros((len(cols), 4), dtype=np.int64)
    if len(scored):
        job = ctx.job
        target = job.hours_max_week if job.hours_max_week is not None else job.hours_min_week
        hours = np.zeros(len(scored)) if not target else np.nan_to_num(np.minimum(1.0, cols.max_hours[scored] / target))
        limit = cols.max_commute[scored]
        slack = np.nan_to_num(np.clip((limit - minutes[scored]) / limit, 0, 1))
        fractions = np.column_stack([
            _text_similarity(ctx, cols, "wishes", scored), _text_similarity(ctx, cols, "experience", scored),
            hours, slack,
        ])  # fmt: skip
        points = np.array([p for p, _ in scoring.SCORE_COMPONENTS.values()], dtype=np.float64)
        tenths[scored] = np.round(points * np.clip(fractions, 0, 1) * 10).astype(np.int64)
    total = tenths.sum(axis=1)
    ids = np.array([c.citizen_id for c in cols.citizens], dtype=object)
    fails = (statuses == FAIL).sum(axis=1)
    order = np.lexsort((ids, fails, -total, verdict))
    return Ranking(ctx, cols, statuses, minutes, verdict, tenths, order)


def rank_loop(ctx: JobContext, citizens: list[Citizen]) -> list[str]:
    """The straightforward per-citizen loop over the same rules (reference and benchmark)."""
    return [assess(ctx, c).verdict for c in citizens]


# Near misses: an excluded citizen who fails exactly one criterion, by a margin the employer
# could change. The rule per criterion, in plain words:
#   hours     the citizen can work at least half of the job's minimum hours;
#   strains   exactly one strain conflicts (the workplace might remove it);
#   schedule  the citizen is available at least as many minutes a week as the job's schedule;
#   language  the citizen is one level below the requirement.
NEAR_MISS_MIN_HOURS_SHARE = 0.5


def near_miss(a: Assessment, ctx: JobContext, citizen: Citizen) -> str | None:
    """'Kunne passe, hvis …': the change that would make an excluded citizen fit, or None."""
    failed = [ch.criterion for ch in a.checks if ch.status == "fail"]
    if len(failed) != 1:
        return None
    job = ctx.job
    match failed[0]:
        case "hours" if citizen.max_hours_week and job.hours_min_week:
            if citizen.max_hours_week >= NEAR_MISS_MIN_HOURS_SHARE * job.hours_min_week:
                return (
                    f"timetallet kan starte på {citizen.max_hours_week:g} t/uge (i stedet for {job.hours_min_week:g})"
                )
        case "strains":
            conflicts = [s for s in ctx.effective_strains if s in citizen.spare_strains]
            if len(conflicts) == 1:
                return f"arbejdspladsen kan fjerne {vocab.STRAINS[conflicts[0]]}"
        case "schedule":
            available = weekly_minutes(parse_windows(citizen.availability))
            if available >= weekly_minutes(ctx.windows):
                return f"arbejdstiden kan lægges inden for {citizen.availability}"
        case "language" if citizen.danish_level is not None:
            if job.danish_level_required - citizen.danish_level == 1:
                return f"kravet til dansk kan være {vocab.DANISH_LEVELS[citizen.danish_level]}"
    return None
