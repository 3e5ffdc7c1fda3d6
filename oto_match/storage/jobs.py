"""SQL for job openings, candidate lists, match decisions and candidate notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oto_match.domain import JobOpening
from oto_match.records import JOB_COLUMNS
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, upsert

ALL_JOB_COLUMNS = (*JOB_COLUMNS, "start_date", "positions", "deadline", "status", "team_id")


@dataclass(frozen=True)
class Candidate:
    job_id: str
    citizen_id: str
    state: str
    proposed_by: str
    proposed_at: datetime
    reason: str
    tool_verdict: str | None
    override_reason: str | None
    citizen_agreed: bool
    decision_id: str | None = None


@dataclass(frozen=True)
class CandidateEvent:
    event_id: str
    job_id: str
    citizen_id: str
    state: str
    happened_at: datetime
    staff_id: str
    note: str


@dataclass(frozen=True)
class CandidateNote:
    note_id: str
    job_id: str
    citizen_id: str
    staff_id: str
    happened_at: datetime
    text: str


@dataclass(frozen=True)
class MatchDecision:
    decision_id: str
    job_id: str
    decided_by: str
    decided_at: datetime
    reason: str
    rule_version: str
    ranking_json: str


def save_job(
    cur: Cursor, job: JobOpening, columns: tuple[str, ...] = ALL_JOB_COLUMNS, created_by: str | None = None
) -> bool:
    values = as_values(job, columns)
    is_new = upsert(cur, "job_openings", "job_keys", "job_id", values)
    if is_new and created_by:
        execute(cur, "UPDATE job_openings SET created_by = ? WHERE job_id = ?", [created_by, job.job_id])
    return is_new


def get_job(cur: Cursor, job_id: str) -> JobOpening | None:
    return fetch_one(cur, JobOpening, "SELECT * FROM job_openings WHERE job_id = ?", [job_id])


def list_jobs(cur: Cursor, status: str | None = None, employer_id: str | None = None) -> list[JobOpening]:
    sql = (
        "SELECT * FROM job_openings WHERE (? IS NULL OR status = ?) AND (? IS NULL OR employer_id = ?)"
        " ORDER BY created_at DESC, job_id"
    )
    return fetch_all(cur, JobOpening, sql, [status, status, employer_id, employer_id])


def existing_job_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT job_id FROM job_openings").fetchall()}


def get_candidate(cur: Cursor, job_id: str, citizen_id: str) -> Candidate | None:
    sql = "SELECT * FROM candidates WHERE job_id = ? AND citizen_id = ?"
    return fetch_one(cur, Candidate, sql, [job_id, citizen_id])


def candidates_for_job(cur: Cursor, job_id: str) -> list[Candidate]:
    return fetch_all(cur, Candidate, "SELECT * FROM candidates WHERE job_id = ? ORDER BY proposed_at", [job_id])


def candidates_for_citizen(cur: Cursor, citizen_id: str) -> list[Candidate]:
    sql = "SELECT * FROM candidates WHERE citizen_id = ? ORDER BY proposed_at DESC"
    return fetch_all(cur, Candidate, sql, [citizen_id])


def candidates_for_employer(cur: Cursor, employer_id: str) -> list[Candidate]:
    sql = (
        "SELECT c.* FROM candidates c JOIN job_openings j USING (job_id)"
        " WHERE j.employer_id = ? ORDER BY c.proposed_at DESC"
    )
    return fetch_all(cur, Candidate, sql, [employer_id])


def insert_candidate(cur: Cursor, c: Candidate) -> None:
    execute(
        cur,
        "INSERT INTO candidates (job_id, citizen_id, state, decision_id, proposed_by, proposed_at, reason,"
        " tool_verdict, override_reason, citizen_agreed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [c.job_id, c.citizen_id, c.state, c.decision_id, c.proposed_by, c.proposed_at, c.reason,
         c.tool_verdict, c.override_reason, c.citizen_agreed],
    )  # fmt: skip


def update_candidate_state(cur: Cursor, job_id: str, citizen_id: str, state: str, citizen_agreed: bool) -> None:
    execute(
        cur,
        "UPDATE candidates SET state = ?, citizen_agreed = ? WHERE job_id = ? AND citizen_id = ?",
        [state, citizen_agreed, job_id, citizen_id],
    )


def insert_event(cur: Cursor, e: CandidateEvent) -> None:
    execute(
        cur,
        "INSERT INTO candidate_events (event_id, job_id, citizen_id, state, happened_at, staff_id, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [e.event_id, e.job_id, e.citizen_id, e.state, e.happened_at, e.staff_id, e.note],
    )


def events_for(cur: Cursor, job_id: str, citizen_id: str | None = None) -> list[CandidateEvent]:
    sql = (
        "SELECT * FROM candidate_events WHERE job_id = ? AND (? IS NULL OR citizen_id = ?)"
        " ORDER BY happened_at, event_id"
    )
    return fetch_all(cur, CandidateEvent, sql, [job_id, citizen_id, citizen_id])


def insert_decision(cur: Cursor, d: MatchDecision) -> None:
    execute(
        cur,
        "INSERT INTO match_decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
        [d.decision_id, d.job_id, d.decided_by, d.decided_at, d.reason, d.rule_version, d.ranking_json],
    )


def decisions_for(cur: Cursor, job_id: str) -> list[MatchDecision]:
    sql = "SELECT * FROM match_decisions WHERE job_id = ? ORDER BY decided_at DESC"
    return fetch_all(cur, MatchDecision, sql, [job_id])


def get_decision(cur: Cursor, decision_id: str) -> MatchDecision | None:
    return fetch_one(cur, MatchDecision, "SELECT * FROM match_decisions WHERE decision_id = ?", [decision_id])


def insert_note(cur: Cursor, n: CandidateNote) -> None:
    execute(
        cur,
        "INSERT INTO candidate_notes VALUES (?, ?, ?, ?, ?, ?)",
        [n.note_id, n.job_id, n.citizen_id, n.staff_id, n.happened_at, n.text],
    )


def notes_for(cur: Cursor, job_id: str) -> list[CandidateNote]:
    sql = "SELECT * FROM candidate_notes WHERE job_id = ? ORDER BY happened_at"
    return fetch_all(cur, CandidateNote, sql, [job_id])
