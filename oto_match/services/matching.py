"""When a job comes in: the ranking, the team's decision and the candidate list."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from oto_match import matching, scoring
from oto_match.domain import Citizen, Employer, JobOpening, Staff, new_id
from oto_match.errors import NotFoundError, RuleError, ValidationError
from oto_match.matching_rules import RULE_VERSION, Check, job_context
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.storage.jobs import Candidate, CandidateEvent, CandidateNote
from oto_match.storage.rows import Cursor

# Which state may follow which on a job's candidate list.
CANDIDATE_FLOW: dict[str, tuple[str, ...]] = {
    "proposed": ("citizen_agreed", "declined"),
    "citizen_agreed": ("presented", "declined"),
    "presented": ("interview", "got_job", "not_chosen", "declined"),
    "interview": ("got_job", "not_chosen", "declined"),
    "got_job": (),
    "not_chosen": (),
    "declined": (),
}


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


def _load_job(cur: object, job_id: str) -> tuple[JobOpening, Employer]:
    job = job_sql.get_job(cur, job_id)  # type: ignore[arg-type]
    if job is None:
        raise NotFoundError(f"Jobåbningen {job_id} findes ikke")
    employer = employer_sql.get_employer(cur, job.employer_id)  # type: ignore[arg-type]
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


@dataclass(frozen=True)
class Proposal:
    citizen_id: str
    reason: str = ""
    override_reason: str = ""


def record_decision(db: Database, actor: Staff, ranking: JobRanking, proposals: list[Proposal], reason: str) -> str:
    """The team proposes citizens for the job. Proposing someone the tool excluded needs a reason (override)."""
    if not reason.strip():
        raise ValidationError.single("reason", "skriv hvorfor teamet foreslår netop disse borgere")
    if not proposals:
        raise ValidationError.single("citizens", "vælg mindst én borger")
    verdict_of = {c.citizen.citizen_id: c.verdict for c in ranking.candidates}
    for p in proposals:
        if verdict_of.get(p.citizen_id) == "excluded" and not p.override_reason.strip():
            raise ValidationError.single(
                "override_reason", f"{p.citizen_id} er vurderet 'udelukket': skriv hvorfor I foreslår alligevel"
            )
    decision_id, now = new_id("D"), datetime.now()
    with db.transaction() as cur:
        decision = job_sql.MatchDecision(
            decision_id, ranking.job.job_id, actor.staff_id, now, reason.strip(), RULE_VERSION, snapshot(ranking)
        )
        job_sql.insert_decision(cur, decision)
        for p in proposals:
            if job_sql.get_candidate(cur, ranking.job.job_id, p.citizen_id):
                raise RuleError(f"{p.citizen_id} står allerede på kandidatlisten til dette job")
            verdict = verdict_of.get(p.citizen_id)
            override = p.override_reason.strip() or None
            job_sql.insert_candidate(cur, Candidate(ranking.job.job_id, p.citizen_id, "proposed", actor.staff_id, now,
                                                    p.reason.strip() or reason.strip(), verdict, override, False,
                                                    decision_id))  # fmt: skip
            job_sql.insert_event(cur, CandidateEvent(new_id("CE"), ranking.job.job_id, p.citizen_id, "proposed", now,
                                                     actor.staff_id, p.reason.strip()))  # fmt: skip
            audit.log(cur, actor.staff_id, "propose", "citizen", p.citizen_id, f"job {ranking.job.job_id}")
            if override:
                audit.log(cur, actor.staff_id, "override", "citizen", p.citizen_id,
                          f"job {ranking.job.job_id}: foreslået trods 'udelukket': {override}")  # fmt: skip
    return decision_id


def add_note(db: Database, actor: Staff, job_id: str, citizen_id: str, text: str) -> None:
    if not text.strip():
        raise ValidationError.single("text", "noten er tom")
    with db.transaction() as cur:
        job_sql.insert_note(
            cur, CandidateNote(new_id("N"), job_id, citizen_id, actor.staff_id, datetime.now(), text.strip())
        )
        audit.log(cur, actor.staff_id, "note", "citizen", citizen_id, f"job {job_id}")


def notes(db: Database, job_id: str) -> list[CandidateNote]:
    with db.transaction() as cur:
        return job_sql.notes_for(cur, job_id)


@dataclass(frozen=True)
class MoveResult:
    state: str
    warning: str | None
    offer_placement: bool


def move_candidate(db: Database, actor: Staff, job_id: str, citizen_id: str, state: str, note: str = "") -> MoveResult:
    """Move a candidate along the list, dated and by whom. Presenting needs the citizen's yes."""
    warning = None
    with db.transaction() as cur:
        current = job_sql.get_candidate(cur, job_id, citizen_id)
        if current is None:
            raise NotFoundError(f"{citizen_id} står ikke på kandidatlisten til {job_id}")
        if state == "presented" and not current.citizen_agreed:
            raise RuleError("Borgeren skal have sagt ja, før hun eller han præsenteres for virksomheden")
        if state not in CANDIDATE_FLOW[current.state]:
            raise RuleError(f"Kan ikke gå fra '{current.state}' til '{state}'")
        agreed = current.citizen_agreed or state == "citizen_agreed"
        job_sql.update_candidate_state(cur, job_id, citizen_id, state, agreed)
        job_sql.insert_event(
            cur, CandidateEvent(new_id("CE"), job_id, citizen_id, state, datetime.now(), actor.staff_id, note)
        )
        audit.log(cur, actor.staff_id, "candidate", "citizen", citizen_id, f"job {job_id}: {state}")
        job = job_sql.get_job(cur, job_id)
        if state == "presented" and job is not None and not _has_cup2(cur, job.employer_id):
            warning = "I har ikke set arbejdspladsen endnu (ingen 2. kop te)."
            audit.log(cur, actor.staff_id, "warning", "employer", job.employer_id, "præsenteret uden 2. kop te")
    return MoveResult(state, warning, state == "got_job")


def _has_cup2(cur: Cursor, employer_id: str) -> bool:
    facts = employer_sql.employer_facts(cur, [employer_id])
    return bool(facts.get(employer_id) and facts[employer_id].has_cup2)


def candidate_list(db: Database, job_id: str) -> list[tuple[Candidate, list[CandidateEvent]]]:
    with db.transaction() as cur:
        return [(c, job_sql.events_for(cur, job_id, c.citizen_id)) for c in job_sql.candidates_for_job(cur, job_id)]


def decisions(db: Database, job_id: str) -> list[job_sql.MatchDecision]:
    with db.transaction() as cur:
        return job_sql.decisions_for(cur, job_id)
