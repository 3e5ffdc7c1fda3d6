"""The team's decision on a job and the candidate list that follows: typed inputs and one door each.

Messages name people by name (never by id) and fields by their Danish label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from oto_match import validation as v
from oto_match import vocab
from oto_match.access import Action
from oto_match.domain import Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, RuleError, StaleRecordError, ValidationError
from oto_match.matching_rules import RULE_VERSION
from oto_match.services import guard
from oto_match.services.matching import JobRanking, snapshot
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.storage.jobs import Candidate, CandidateEvent, Note
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
# The tool's verdicts the team may only overrule with a written reason.
NEEDS_OVERRIDE = frozenset({"excluded"})
NOTE_MAX = 2000  # a note to the team is a few lines, not a report


def needs_override(verdict: str | None) -> bool:
    """Proposing someone the tool excluded needs the team's reason (an override)."""
    return verdict in NEEDS_OVERRIDE


def _text(field: str, value: str, required: str | None = None, max_length: int = v.TEXT_MAX) -> list[FieldProblem]:
    """A free text's problem (too long, invisible characters) or, when `required`, that it is empty."""
    try:
        cleaned = v.clean_text(value, max_length)
    except ValueError as e:
        return [FieldProblem(field, str(e))]
    return [FieldProblem(field, required)] if required and not cleaned else []


@dataclass(frozen=True)
class Proposal:
    citizen_id: str
    reason: str = ""
    override_reason: str = ""


@dataclass(frozen=True)
class MatchDecision:
    """The team proposes citizens for a job, with an overall reason (and one per citizen, if they like)."""

    job_id: str
    proposals: tuple[Proposal, ...]
    reason: str

    def problems(self) -> list[FieldProblem]:
        found = _text("reason", self.reason, "skriv hvorfor teamet foreslår netop disse borgere")
        if not self.proposals:
            found.append(FieldProblem("citizens", "vælg mindst én borger"))
        for p in self.proposals:
            found += _text("reason", p.reason) + _text("override_reason", p.override_reason)
        return found


@dataclass(frozen=True)
class CandidateMove:
    """Move a candidate to the next state, from the version of the list the user saw."""

    job_id: str
    citizen_id: str
    state: str
    note: str = ""
    version: int = 0

    def problems(self) -> list[FieldProblem]:
        found = _text("note", self.note, max_length=NOTE_MAX)
        if self.state not in vocab.CANDIDATE_STATES:
            found.append(FieldProblem("state", f"ukendt trin '{self.state}'"))
        return found


@dataclass(frozen=True)
class CandidateNote:
    """A note to the team about a candidate."""

    job_id: str
    citizen_id: str
    text: str

    def problems(self) -> list[FieldProblem]:
        return _text("text", self.text, "noten er tom", NOTE_MAX)


def _raise_problems(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationError(problems)


def _names(cur: Cursor, citizen_ids: list[str]) -> dict[str, str]:
    names = {}
    for cid in citizen_ids:
        citizen = citizen_sql.get_citizen(cur, cid)
        if citizen is None:
            raise NotFoundError(f"Borgeren {cid} findes ikke")
        names[cid] = citizen.name
    return names


def record_decision(db: Database, actor: Staff, ranking: JobRanking, decision: MatchDecision) -> str:
    """The team proposes citizens for the job, stored with the ranking as it was shown; one transaction.

    Proposing someone the tool excluded needs a reason (an override, logged as such). The ranking kept with the
    decision is what the team saw (services.matching.snapshot): the job's inputs, the rule version and travel
    ceiling, the counts per verdict and the citizens shown with their checks, scores and reasons.
    """
    _raise_problems(decision.problems())
    if decision.job_id != ranking.job.job_id:
        raise RuleError("Beslutningen hører til en anden jobåbning end den viste rangering")
    verdict_of = {p.citizen_id: ranking.verdict_of(p.citizen_id) for p in decision.proposals}  # the engine's
    decision_id, now, job_id = new_id("D"), datetime.now(), decision.job_id
    with db.transaction() as cur:
        guard.require_citizens(cur, actor, Action.WRITE_CITIZEN, [p.citizen_id for p in decision.proposals])
        guard.refuse_erased(cur, [p.citizen_id for p in decision.proposals])
        names = _names(cur, [p.citizen_id for p in decision.proposals])
        _raise_problems([
            FieldProblem("override_reason", f"{names[p.citizen_id]} er vurderet 'udelukket': "
                         "skriv hvorfor I foreslår alligevel")
            for p in decision.proposals
            if needs_override(verdict_of.get(p.citizen_id)) and not p.override_reason.strip()
        ])  # fmt: skip
        already = [names[p.citizen_id] for p in decision.proposals if job_sql.get_candidate(cur, job_id, p.citizen_id)]
        if already:
            raise RuleError(f"{' og '.join(already)} står allerede på kandidatlisten til dette job")
        reason = decision.reason.strip()
        job_sql.insert_decision(
            cur, job_sql.Decision(decision_id, job_id, actor.staff_id, now, reason, RULE_VERSION, snapshot(ranking))
        )
        for p in decision.proposals:
            _propose(cur, actor, decision_id, job_id, p, verdict_of.get(p.citizen_id), reason, now)
    return decision_id


def _propose(cur: Cursor, actor: Staff, decision_id: str, job_id: str, p: Proposal, verdict: str | None,
             reason: str, now: datetime) -> None:  # fmt: skip
    override = p.override_reason.strip() or None
    own_reason = p.reason.strip()
    job_sql.insert_candidate(cur, Candidate(job_id, p.citizen_id, "proposed", actor.staff_id, now,
                                            own_reason or reason, verdict, override, False, decision_id))  # fmt: skip
    job_sql.insert_event(cur, CandidateEvent(new_id("CE"), job_id, p.citizen_id, "proposed", now, actor.staff_id,
                                             own_reason))  # fmt: skip
    audit.log(cur, actor.staff_id, "propose", "citizen", p.citizen_id, f"job {job_id}")
    if override:
        audit.log(cur, actor.staff_id, "override", "citizen", p.citizen_id,
                  f"job {job_id}: foreslået trods 'udelukket': {override}")  # fmt: skip


def add_note(db: Database, actor: Staff, note: CandidateNote) -> str:
    """Save a note to the team about a candidate; returns the note's id."""
    _raise_problems(note.problems())
    note_id = new_id("N")
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.WRITE_CITIZEN, note.citizen_id)
        guard.refuse_erased(cur, [note.citizen_id])
        _names(cur, [note.citizen_id])
        job_sql.insert_note(
            cur, Note(note_id, note.job_id, note.citizen_id, actor.staff_id, datetime.now(), note.text.strip())
        )
        audit.log(cur, actor.staff_id, "note", "citizen", note.citizen_id, f"job {note.job_id}")
    return note_id


def notes(db: Database, actor: Staff, job_id: str) -> list[Note]:
    """The team's notes on the job's candidates, of the citizens the actor sees."""
    with db.transaction() as cur:
        return guard.keep_visible(cur, actor, job_sql.notes_for(cur, job_id))


@dataclass(frozen=True)
class MoveResult:
    state: str
    warning: str | None
    offer_placement: bool


def move_candidate(db: Database, actor: Staff, move: CandidateMove) -> MoveResult:
    """Move a candidate along the list, dated and by whom, from the version the user saw.

    Presenting needs the citizen's yes; a state may only follow the one before it (CANDIDATE_FLOW).
    """
    _raise_problems(move.problems())
    warning = None
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.WRITE_CITIZEN, move.citizen_id)
        guard.refuse_erased(cur, [move.citizen_id])
        current = job_sql.get_candidate(cur, move.job_id, move.citizen_id)
        if current is None:
            name = _names(cur, [move.citizen_id])[move.citizen_id]
            raise NotFoundError(f"{name} står ikke på kandidatlisten til dette job")
        what = f"{current.citizen_name} på kandidatlisten"
        if current.version != move.version:  # someone moved the candidate after the list was shown
            raise StaleRecordError(what, current.changed_by_name or None, current.changed_at, ("state",))
        _check_move(current, move.state)
        agreed = current.citizen_agreed or move.state == "citizen_agreed"
        job_sql.move_candidate(cur, current, move.state, agreed, move.version, actor.staff_id, what)
        job_sql.insert_event(cur, CandidateEvent(new_id("CE"), move.job_id, move.citizen_id, move.state,
                                                 datetime.now(), actor.staff_id, move.note.strip()))  # fmt: skip
        audit.log(cur, actor.staff_id, "candidate", "citizen", move.citizen_id, f"job {move.job_id}: {move.state}")
        job = job_sql.get_job(cur, move.job_id)
        if move.state == "presented" and job is not None and not _has_cup2(cur, job.employer_id):
            warning = "I har ikke set arbejdspladsen endnu (ingen 2. kop te)."
            audit.log(cur, actor.staff_id, "warning", "employer", job.employer_id, "præsenteret uden 2. kop te")
    return MoveResult(move.state, warning, move.state == "got_job")


def _check_move(current: Candidate, state: str) -> None:
    if state == "presented" and not current.citizen_agreed:
        raise RuleError(f"{current.citizen_name} skal have sagt ja, før hun eller han præsenteres for virksomheden")
    if state not in CANDIDATE_FLOW[current.state]:
        labels = vocab.CANDIDATE_STATES
        raise RuleError(
            f"{current.citizen_name} kan ikke gå fra '{labels[current.state]}' til '{labels.get(state, state)}'"
        )


def _has_cup2(cur: Cursor, employer_id: str) -> bool:
    facts = employer_sql.employer_facts(cur, [employer_id])
    return bool(facts.get(employer_id) and facts[employer_id].has_cup2)


def candidate_list(db: Database, actor: Staff, job_id: str) -> list[tuple[Candidate, list[CandidateEvent]]]:
    """The job's candidate list, of the citizens the actor sees; opening it is logged (one row per citizen)."""
    with db.transaction() as cur:
        shown = guard.keep_visible(cur, actor, job_sql.candidates_for_job(cur, job_id))
        audit.log_many(cur, actor.staff_id, "view", "citizen", [c.citizen_id for c in shown],
                       f"kandidatliste til job {job_id}")  # fmt: skip
        return [(c, job_sql.events_for(cur, job_id, c.citizen_id)) for c in shown]


def _citizens_in(d: job_sql.Decision) -> list[str]:
    """The citizens a stored decision names: those shown in its ranking (the proposed were shown)."""
    return [str(c["citizen_id"]) for c in json.loads(d.ranking_json or "{}").get("candidates", [])]


def decisions(db: Database, actor: Staff, job_id: str) -> list[job_sql.Decision]:
    """The job's stored decisions whose rankings hold only citizens the actor sees; each one opened is logged
    (one row per citizen in it)."""
    with db.transaction() as cur:
        if guard.scope_of(cur, actor).nothing:
            return []
        stored = job_sql.decisions_for(cur, job_id)
        named = {d.decision_id: _citizens_in(d) for d in stored}
        visible = set(guard.keep_visible(cur, actor, [c for ids in named.values() for c in ids], str))
        shown = [d for d in stored if all(c in visible for c in named[d.decision_id])]
        for d in shown:
            audit.log_many(cur, actor.staff_id, "view", "citizen", named[d.decision_id],
                           f"gemt rangering {d.decision_id} til job {job_id}")  # fmt: skip
        return shown
