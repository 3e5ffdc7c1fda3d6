"""When a job comes in: the ranking with verdicts and reasons, and the snapshot stored with a decision.

Verdicts, scores, near misses and the order come from the column engine (matching.py) for every citizen.
The readable rules (matching_rules.py, the reference the engine is tested against) write the Danish reasons
only for the citizens a person is shown: the cards, near misses and excluded citizens on the meeting view, the
N of `rank --top N` (everyone without --top), the one citizen of "Job der passer". Showing a ranking writes one
audit row naming the job, the user and the citizens on screen.

The citizens' columns are read from storage (storage/ranking_columns.py) and kept in the process per
database, data version and team: every committed write to citizens, their availability, employers or jobs
advances the database's data version (Database.data_version), so the next ranking after a write reads again.
The team's decision and the candidate list that follows live in services/candidates.py.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from oto_match import matching, scoring, travel
from oto_match.access import Action
from oto_match.domain import Citizen, Employer, JobOpening, Staff
from oto_match.errors import NotFoundError
from oto_match.matching_rules import RULE_VERSION, Check, job_context
from oto_match.services import guard
from oto_match.storage import audit, ranking_columns
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor

KEPT_PER_DATABASE = 4  # prepared columns kept per database (the teams and "all teams" of the current version)
_columns: weakref.WeakKeyDictionary[Database, dict[tuple[int, str | None], matching.CitizenColumns]] = (
    weakref.WeakKeyDictionary()
)
_columns_lock = threading.Lock()


def citizen_columns(db: Database, team_id: str | None) -> matching.CitizenColumns:
    """The active citizens (of `team_id`, or all) as the engine's columns, prepared once per data version."""
    key = (db.data_version, team_id)  # read before the columns: a write meanwhile only makes them newer
    with _columns_lock:
        kept = _columns.get(db, {}).get(key)
    if kept is not None:
        return kept
    with db.transaction() as cur:
        cols = matching.prepare_inputs(ranking_columns.ranking_inputs(cur, team_id))
    with _columns_lock:
        per_db = {k: v for k, v in _columns.get(db, {}).items() if k[0] == key[0]}  # older versions are stale
        per_db[key] = cols
        _columns[db] = dict(list(per_db.items())[-KEPT_PER_DATABASE:])
    return cols


@dataclass(frozen=True)
class RankedCandidate:
    citizen: Citizen
    verdict: str
    score: float | None
    parts: scoring.ScoreParts
    checks: tuple[Check, ...]
    near_miss: str | None

    @property
    def band(self) -> str | None:
        return None if self.score is None else scoring.band(self.score)


@dataclass(frozen=True)
class Screen:
    """What the meeting view shows of a ranking: the first `cards` proposals (eligible, then uncertain) as cards,
    and the first `listed` near misses and excluded citizens as lines."""

    cards: int = 25
    listed: int = 100


# The most the meeting view shows of one ranking ("Vis flere" stops there; the rest: `oto-match rank`), which
# keeps the snapshot stored with a decision under 200 kB however many citizens are ranked.
MOST_SHOWN = Screen(cards=50, listed=100)
# How a citizen was shown: a card (every check, the score and its parts), or a line in a list.
CARD, NEAR_MISS_LINE, EXCLUDED_LINE = "card", "near_miss", "excluded"


@dataclass
class JobRanking:
    """One job ranked against the active citizens (of a team): the engine's result for everyone, and the
    candidates explained in words (those shown), by their row in the engine's columns."""

    job: JobOpening
    employer: Employer
    team_id: str | None
    result: matching.Ranking
    explained: dict[int, RankedCandidate] = field(default_factory=dict)
    shown_as: dict[int, str] = field(default_factory=dict)

    @cached_property
    def position(self) -> np.ndarray:
        """Per row, its place in the order (0 first)."""
        where = np.empty(len(self.result.order), dtype=np.int64)
        where[self.result.order] = np.arange(len(self.result.order))
        return where

    def _in_order(self, rows: Sequence[int]) -> list[int]:
        return sorted(rows, key=lambda r: int(self.position[r]))

    @property
    def candidates(self) -> list[RankedCandidate]:
        """The explained candidates, in rank order."""
        return [self.explained[r] for r in self._in_order(list(self.explained))]

    def of(self, verdict: str) -> list[RankedCandidate]:
        return [c for c in self.candidates if c.verdict == verdict]

    @property
    def near_misses(self) -> list[RankedCandidate]:
        return [c for c in self.candidates if c.near_miss]

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many citizens got each verdict, and how many are near misses: counted for everyone ranked."""
        per = np.bincount(self.result.verdict, minlength=len(matching.VERDICTS))
        counts = {v: int(n) for v, n in zip(matching.VERDICTS, per, strict=True)}
        return {**counts, "near_miss": int(self.result.near_miss.sum())}

    @property
    def ranked(self) -> int:
        return len(self.result.cols)

    def rows(self, screen: Screen) -> dict[str, list[int]]:
        """The rows the screen shows, per way of showing, each in rank order."""
        order = self.result.order
        proposals = self.counts["eligible"] + self.counts["uncertain"]
        misses = order[self.result.near_miss[order]]
        return {CARD: order[: min(screen.cards, proposals)].tolist(), NEAR_MISS_LINE: misses[: screen.listed].tolist(),
                EXCLUDED_LINE: order[proposals: proposals + screen.listed].tolist()}  # fmt: skip

    def shown(self, screen: Screen, how: str) -> list[RankedCandidate]:
        """The explained candidates the screen shows one way (after `show`)."""
        return [self.explained[r] for r in self.rows(screen)[how]]

    def verdict_of(self, citizen_id: str) -> str | None:
        """The engine's verdict for any citizen ranked (shown or not); None for one not in the ranking."""
        ids = self.result.cols.ids
        i = int(np.searchsorted(ids, citizen_id))
        return matching.VERDICTS[self.result.verdict[i]] if i < len(ids) and ids[i] == citizen_id else None


def _load_job(cur: Cursor, job_id: str) -> tuple[JobOpening, Employer]:
    job = job_sql.get_job(cur, job_id)
    if job is None:
        raise NotFoundError(f"Jobåbningen {job_id} findes ikke")
    employer = employer_sql.get_employer(cur, job.employer_id)
    assert employer is not None
    return job, employer


def explain(ranking: JobRanking, rows: Sequence[int], citizens: Mapping[str, Citizen], how: str = CARD) -> list[int]:
    """Explain the given rows in words by the readable rules (checks and near miss); the engine's verdict, score
    and parts. Returns the rows shown now that had not been shown before."""
    result, new = ranking.result, []
    for r in rows:
        if r not in ranking.explained:
            citizen = citizens[result.citizen_id(r)]
            a = result.assessment(r, citizen)
            verdict = matching.VERDICTS[result.verdict[r]]
            miss = matching.near_miss(a, result.ctx, citizen) if verdict == "excluded" else None
            ranking.explained[r] = RankedCandidate(citizen, verdict, result.score(r), result.parts(r), a.checks, miss)
        if r not in ranking.shown_as:
            new.append(r)
        if ranking.shown_as.get(r) != CARD:  # a card shows the most
            ranking.shown_as[r] = how
    return new


def _show(cur: Cursor, actor: Staff, ranking: JobRanking, rows_by_how: Mapping[str, Sequence[int]]) -> None:
    """Explain what is shown (citizens read in one query) and write one audit row naming the newly shown."""
    cols = ranking.result.cols
    wanted = [r for rows in rows_by_how.values() for r in rows if r not in ranking.explained]
    if cols.citizens is not None:
        people = {c.citizen_id: c for c in (cols.citizens[r] for r in wanted)}
    else:
        people = ranking_columns.shown_citizens(cur, [str(cols.ids[r]) for r in wanted])
    new = [r for how, rows in rows_by_how.items() for r in explain(ranking, rows, people, how)]
    if new or not ranking.shown_as:
        ids = [ranking.result.citizen_id(r) for r in dict.fromkeys(new)]
        audit.log_ranking(cur, actor.staff_id, ranking.job.job_id, ids, f"rangering til job {ranking.job.job_id}")


def _rank(db: Database, job_id: str, team_id: str | None) -> JobRanking:
    with db.transaction() as cur:
        job, employer = _load_job(cur, job_id)
    result = matching.rank(job_context(job, employer), citizen_columns(db, team_id))
    return JobRanking(job, employer, team_id, result)


def rank_job(db: Database, actor: Staff, job_id: str, team_id: str | None = None, top: int | None = None) -> JobRanking:
    """Every active citizen (of `team_id`, if given) with verdict and score; the first `top` (all without it)
    explained in words and shown as cards. One audit row names the job, the user and the citizens shown.
    A team member's ranking holds their own team's citizens only (guard.ranking_team)."""
    ranking = _rank(db, job_id, guard.ranking_team(actor, team_id))
    order = ranking.result.order
    with db.transaction() as cur:
        _show(cur, actor, ranking, {CARD: (order if top is None else order[:top]).tolist()})
    return ranking


def rank_for_meeting(db: Database, actor: Staff, job_id: str, team_id: str | None, screen: Screen) -> JobRanking:
    """The ranking for the team meeting: everyone ranked, what `screen` shows explained (one audit row)."""
    ranking = _rank(db, job_id, guard.ranking_team(actor, team_id))
    show(db, actor, ranking, screen)
    return ranking


def show(db: Database, actor: Staff, ranking: JobRanking, screen: Screen) -> None:
    """Show more of a ranking ("Vis flere"): explain what the screen adds; one audit row naming those added."""
    guard.require_ranking(actor, ranking.team_id)  # a ranking the actor could not have made is not shown
    rows = ranking.rows(screen)
    if any(r not in ranking.shown_as for how_rows in rows.values() for r in how_rows) or not ranking.shown_as:
        with db.transaction() as cur:
            _show(cur, actor, ranking, rows)


# "Job der passer" explains this many open jobs at a time ("Vis flere" adds as many).
JOBS_SHOWN = 25


@dataclass(frozen=True)
class JobFit:
    """One open job for one citizen: the engine's verdict, score and parts for every job; the readable checks and
    near miss (`explained`) only for the jobs shown."""

    job: JobOpening
    employer: Employer
    verdict: str
    score: float | None
    parts: scoring.ScoreParts
    explained: RankedCandidate | None

    @property
    def band(self) -> str | None:
        return None if self.score is None else scoring.band(self.score)


def job_fits(db: Database, actor: Staff, citizen_id: str, explained: int | None = JOBS_SHOWN) -> list[JobFit]:
    """The reverse question: every open job for this person, best first (eligible, uncertain, excluded; score
    descending; job id), with the verdicts and scores of the meeting view. The first `explained` jobs (all without)
    get the readable checks and near miss. One audit row."""
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.READ_CITIZEN, citizen_id)
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        jobs = job_sql.list_jobs(cur, "open")
        employers = employer_sql.employers_by_id(cur, {job.employer_id for job in jobs})
        audit.log(cur, actor.staff_id, "view", "citizen", citizen_id, "job der passer")
    cols = matching.prepare([citizen])
    rankings = []
    for job in jobs:
        employer = employers[job.employer_id]
        rankings.append(JobRanking(job, employer, None, matching.rank(job_context(job, employer), cols)))
    rankings.sort(key=lambda r: (int(r.result.verdict[0]), -(r.result.score(0) or 0), r.job.job_id))
    fits = []
    for i, ranking in enumerate(rankings):
        if explained is None or i < explained:
            explain(ranking, [0], {citizen_id: citizen})
        result = ranking.result
        fits.append(JobFit(ranking.job, ranking.employer, matching.VERDICTS[result.verdict[0]], result.score(0),
                           result.parts(0), ranking.explained.get(0)))  # fmt: skip
    return fits


def jobs_for_citizen(db: Database, actor: Staff, citizen_id: str) -> list[tuple[JobOpening, Employer, RankedCandidate]]:
    """Every open job for this person, each explained (the command line's `jobs-for`): job_fits without a limit."""
    fits = job_fits(db, actor, citizen_id, explained=None)
    return [(fit.job, fit.employer, fit.explained) for fit in fits if fit.explained is not None]


MATCHING_INPUTS = ("postcode", "max_hours_week", "availability", "spare_strains", "transport_modes",
                   "max_commute_min", "max_walk_m", "danish_level", "driving_license", "fleksjob_visitated",
                   "wishes", "experience", "not_interested")  # fmt: skip


def _shown_entry(ranking: JobRanking, row: int) -> dict[str, Any]:
    """One citizen as shown: a card with every check, the score, its parts and the inputs the rules read; a line
    (near miss, excluded) with what the line said: the failed checks and the near miss."""
    c, how = ranking.explained[row], ranking.shown_as[row]
    entry: dict[str, Any] = {"citizen_id": c.citizen.citizen_id, "citizen_version": c.citizen.version,
                             "position": int(ranking.position[row]) + 1, "shown_as": how,
                             "verdict": c.verdict}  # fmt: skip
    if how != CARD:
        failed = [asdict(ch) for ch in c.checks if ch.status == "fail"]
        return {**entry, "checks": failed, "near_miss": c.near_miss}
    return {**entry, "score": c.score, "components": c.parts.as_points(), "checks": [asdict(ch) for ch in c.checks],
            "near_miss": c.near_miss, "inputs": {k: getattr(c.citizen, k) for k in MATCHING_INPUTS}}  # fmt: skip


def snapshot(ranking: JobRanking) -> str:
    """What the team saw, as JSON: the job's inputs, the rule version and the travel ceiling it was ranked by,
    how many citizens got each verdict, and each citizen shown with their checks, score and reasons, in rank
    order. Citizens ranked but never shown are counted, not listed: the snapshot stays small at any scale."""
    return json.dumps({
        "rule_version": RULE_VERSION,
        "travel_ceiling_min": travel.MAX_TRIP_MIN,
        "team_id": ranking.team_id,
        "ranked": ranking.ranked,
        "counts": ranking.counts,
        "job": asdict(ranking.job),
        "employer": {"employer_id": ranking.employer.employer_id, "postcode": ranking.employer.postcode,
                     "industry": ranking.employer.industry, "accommodations": ranking.employer.accommodations,
                     "adaptations_note": ranking.employer.adaptations_note},
        "candidates": [_shown_entry(ranking, r) for r in ranking._in_order(list(ranking.shown_as))],
    }, ensure_ascii=False, default=str)  # fmt: skip
