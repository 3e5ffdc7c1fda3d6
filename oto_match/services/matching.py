"""When a job comes in: the ranking with verdicts and reasons, and the snapshot stored with a decision.

The team's decision and the candidate list that follows live in services/candidates.py.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from oto_match import matching, scoring
from oto_match.domain import Citizen, Employer, JobOpening, Staff
from oto_match.errors import NotFoundError
from oto_match.matching_rules import RULE_VERSION, Check, job_context
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor


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
class JobRanking:
    job: JobOpening
    employer: Employer
    candidates: list[RankedCandidate]

    def of(self, verdict: str) -> list[RankedCandidate]:
        return [c for c in self.candidates if c.verdict == verdict]

    @property
    def near_misses(self) -> list[RankedCandidate]:
        return [c for c in self.candidates if c.near_miss]


def _load_job(cur: Cursor, job_id: str) -> tuple[JobOpening, Employer]:
    job = job_sql.get_job(cur, job_id)
    if job is None:
        raise NotFoundError(f"Jobåbningen {job_id} findes ikke")
    employer = employer_sql.get_employer(cur, job.employer_id)
    assert employer is not None
    return job, employer


def _candidates(ranking: matching.Ranking) -> list[RankedCandidate]:
    out = []
    for i in ranking.order.tolist():
        a = ranking.assessment(i)
        citizen = ranking.cols.citizens[i]
        miss = matching.near_miss(a, ranking.ctx, citizen) if a.verdict == "excluded" else None
        out.append(RankedCandidate(citizen, a.verdict, ranking.score(i), ranking.parts(i), a.checks, miss))
    return out


def rank_job(db: Database, actor: Staff, job_id: str, team_id: str | None = None, top: int | None = None) -> JobRanking:
    """Every active citizen (of `team_id`, if given) with verdict, score and reasons; logged as a view."""
    with db.transaction() as cur:
        job, employer = _load_job(cur, job_id)
        citizens = citizen_sql.list_citizens(cur, team_id, active_only=True)
        audit.log(cur, actor.staff_id, "view", "ranking", job_id, f"{len(citizens)} borgere vurderet")
        audit.log_many(
            cur, actor.staff_id, "view", "citizen", [c.citizen_id for c in citizens], f"rangering til job {job_id}"
        )
    ranking = matching.rank(job_context(job, employer), matching.prepare(citizens))
    if top is not None:
        ranking.order = ranking.order[:top]
    return JobRanking(job, employer, _candidates(ranking))


def jobs_for_citizen(db: Database, actor: Staff, citizen_id: str) -> list[tuple[JobOpening, Employer, RankedCandidate]]:
    """The reverse question: which open jobs fit this person, with the same verdicts and reasons."""
    with db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        jobs = job_sql.list_jobs(cur, "open")
        employers: dict[str, Employer] = {}
        for job in jobs:
            if job.employer_id not in employers:
                employer = employer_sql.get_employer(cur, job.employer_id)
                assert employer is not None  # a foreign key
                employers[job.employer_id] = employer
        audit.log(cur, actor.staff_id, "view", "citizen", citizen_id, "job der passer")
    cols = matching.prepare([citizen])
    results = [
        (
            job,
            employers[job.employer_id],
            _candidates(matching.rank(job_context(job, employers[job.employer_id]), cols))[0],
        )
        for job in jobs
    ]
    return sorted(results, key=lambda r: (matching.VERDICTS.index(r[2].verdict), -(r[2].score or 0), r[0].job_id))


def snapshot(ranking: JobRanking) -> str:
    """The ranking exactly as shown: inputs, rule version, scores and reasons (JSON)."""
    matching_inputs = ("postcode", "max_hours_week", "availability", "spare_strains", "transport_modes",
                       "max_commute_min", "max_walk_m", "danish_level", "driving_license", "fleksjob_visitated",
                       "wishes", "experience", "not_interested")  # fmt: skip
    return json.dumps({
        "rule_version": RULE_VERSION,
        "job": asdict(ranking.job),
        "employer": {"employer_id": ranking.employer.employer_id, "accommodations": ranking.employer.accommodations,
                     "postcode": ranking.employer.postcode},
        "candidates": [{
            "citizen_id": c.citizen.citizen_id, "verdict": c.verdict, "score": c.score,
            "components": c.parts.as_points(), "checks": [asdict(ch) for ch in c.checks], "near_miss": c.near_miss,
            "inputs": {k: getattr(c.citizen, k) for k in matching_inputs},
        } for c in ranking.candidates],
    }, ensure_ascii=False, default=str)  # fmt: skip
