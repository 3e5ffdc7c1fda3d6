"""SQL for job openings, candidate lists, match decisions and candidate notes.

This module owns its column lists; rows come back as the dataclasses below (or domain.JobOpening).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from oto_match.domain import JobOpening
from oto_match.errors import StaleRecordError
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_dicts, fetch_one, save_versioned

# What every jobs.csv says about a job (start, positions, deadline and status are optional columns).
# The file's `strains` cell says both `strains` and `strains_assessed` (empty: not yet assessed).
FILE_JOB_COLUMNS: tuple[str, ...] = (
    "job_id", "employer_id", "title", "description", "job_type", "hours_min_week", "hours_max_week",
    "schedule", "postcode", "strains", "strains_assessed", "removable_strains", "danish_level_required",
    "driving_required",
)  # fmt: skip
# What the intake form says as well.
FORM_JOB_COLUMNS: tuple[str, ...] = (*FILE_JOB_COLUMNS, "start_date", "positions", "deadline", "status")
# Every column a new job is written with (the demo's bulk load uses these).
ALL_JOB_COLUMNS: tuple[str, ...] = (*FORM_JOB_COLUMNS, "team_id")

JOB_TABLE, JOB_KEYS, JOB_KEY = "job_openings", "job_keys", "job_id"


@dataclass(frozen=True)
class Candidate:
    """A citizen on a job's candidate list (with the citizen's name, for messages and lists)."""

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
    version: int = 0
    changed_at: datetime | None = None
    citizen_name: str = ""
    changed_by_name: str = ""  # who moved the candidate last (staff name)


@dataclass(frozen=True)
class CandidateEvent:
    event_id: str
    job_id: str
    citizen_id: str
    state: str
    happened_at: datetime
    staff_id: str
    note: str
    staff_name: str = ""


@dataclass(frozen=True)
class Note:
    """A note on a candidate, as stored."""

    note_id: str
    job_id: str
    citizen_id: str
    staff_id: str
    happened_at: datetime
    text: str
    staff_name: str = ""


@dataclass(frozen=True)
class Decision:
    """A team decision as stored, with the ranking exactly as it was shown (JSON)."""

    decision_id: str
    job_id: str
    decided_by: str
    decided_at: datetime
    reason: str
    rule_version: str
    ranking_json: str


def write_job(
    cur: Cursor, job: JobOpening, columns: tuple[str, ...], expected_version: int | None, actor_id: str | None,
    what: str, created_by: str | None = None,
) -> int:  # fmt: skip
    """Write the given columns of a job through the versioned save; returns the new version.

    `created_by` is written only with a new row (the staff member who took the job in).
    """
    values: dict[str, Any] = as_values(job, columns)
    if created_by is not None:
        values["created_by"] = created_by
    return save_versioned(cur, JOB_TABLE, JOB_KEYS, JOB_KEY, values, expected_version, actor_id, what)


def save_job(cur: Cursor, job: JobOpening, columns: tuple[str, ...] = ALL_JOB_COLUMNS) -> bool:
    """Insert or overwrite a job as given (test fixtures and tools); True when it was new."""
    return write_job(cur, job, columns, None, None, "Jobåbningen") == 1


def get_job(cur: Cursor, job_id: str) -> JobOpening | None:
    return fetch_one(cur, JobOpening, "SELECT * FROM job_openings WHERE job_id = ?", [job_id])


def list_jobs(cur: Cursor, status: str | None = None, employer_id: str | None = None) -> list[JobOpening]:
    sql = (
        "SELECT * FROM job_openings WHERE (? IS NULL OR status = ?) AND (? IS NULL OR employer_id = ?)"
        " ORDER BY created_at DESC, job_id"
    )
    return fetch_all(cur, JobOpening, sql, [status, status, employer_id, employer_id])


@dataclass(frozen=True)
class JobLine:
    """A job opening as a list shows it: the job and its employer's name."""

    job: JobOpening
    employer_name: str


_JOB_FIELDS = tuple(f.name for f in fields(JobOpening))
_NAMED = """SELECT j.*, coalesce(e.name, j.employer_id) AS employer_name{matching}
            FROM {jobs} j LEFT JOIN employers e ON e.employer_id = j.employer_id"""


def _line(row: dict[str, Any]) -> JobLine:
    return JobLine(JobOpening(**{k: row[k] for k in _JOB_FIELDS}), str(row["employer_name"]))


def job_lines(cur: Cursor, status: str | None, search: str, offset: int, limit: int) -> tuple[list[JobLine], int]:
    """Jobs with `status` (None: any) whose title or employer's name contains `search`, newest first,
    `limit` from `offset`, and how many match in all (0 when no row is returned).

    The jobs are picked from the narrow columns; whole rows and employers' names are read for those returned."""
    conditions, params = ["(?::VARCHAR IS NULL OR status = ?)"], [status, status]
    needle = search.strip().lower()
    if needle:
        conditions.append("(contains(lower(title), ?) OR employer_id IN"
                          " (SELECT employer_id FROM employers WHERE contains(lower(name), ?)))")  # fmt: skip
        params += [needle, needle]
    picked = f"""SELECT job_id, count(*) OVER () AS matching FROM job_openings WHERE {" AND ".join(conditions)}
                 ORDER BY created_at DESC, job_id LIMIT ? OFFSET ?"""
    named = _NAMED.format(matching=", picked.matching", jobs="picked JOIN job_openings")
    sql = f"WITH picked AS ({picked}) {named} USING (job_id) ORDER BY j.created_at DESC, j.job_id"
    rows = fetch_dicts(cur, sql, [*params, limit, offset])
    return [_line(r) for r in rows], int(rows[0]["matching"]) if rows else 0


def job_line(cur: Cursor, job_id: str) -> JobLine | None:
    """One job with its employer's name."""
    rows = fetch_dicts(cur, f"{_NAMED.format(matching='', jobs='job_openings')} WHERE j.job_id = ?", [job_id])
    return _line(rows[0]) if rows else None


def existing_job_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT job_id FROM job_openings").fetchall()}


_CANDIDATES = (
    "SELECT c.*, coalesce(z.name, c.citizen_id) AS citizen_name, coalesce(s.name, c.changed_by, '')"
    " AS changed_by_name FROM candidates c LEFT JOIN citizens z ON z.citizen_id = c.citizen_id"
    " LEFT JOIN staff s ON s.staff_id = c.changed_by"
)


def get_candidate(cur: Cursor, job_id: str, citizen_id: str) -> Candidate | None:
    sql = f"{_CANDIDATES} WHERE c.job_id = ? AND c.citizen_id = ?"
    return fetch_one(cur, Candidate, sql, [job_id, citizen_id])


def candidates_for_job(cur: Cursor, job_id: str) -> list[Candidate]:
    return fetch_all(cur, Candidate, f"{_CANDIDATES} WHERE c.job_id = ? ORDER BY c.proposed_at", [job_id])


def candidates_for_employer(cur: Cursor, employer_id: str) -> list[Candidate]:
    sql = (
        f"{_CANDIDATES} JOIN job_openings j ON j.job_id = c.job_id WHERE j.employer_id = ? ORDER BY c.proposed_at DESC"
    )
    return fetch_all(cur, Candidate, sql, [employer_id])


def insert_candidate(cur: Cursor, c: Candidate) -> None:
    """A new candidate at version 1, stamped with who proposed and when."""
    execute(
        cur,
        "INSERT INTO candidates (job_id, citizen_id, state, decision_id, proposed_by, proposed_at, reason,"
        " tool_verdict, override_reason, citizen_agreed, version, changed_at, changed_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        [c.job_id, c.citizen_id, c.state, c.decision_id, c.proposed_by, c.proposed_at, c.reason,
         c.tool_verdict, c.override_reason, c.citizen_agreed, c.proposed_at, c.proposed_by],
    )  # fmt: skip


def move_candidate(
    cur: Cursor, c: Candidate, state: str, citizen_agreed: bool, expected_version: int, actor_id: str, what: str
) -> int:
    """Set a candidate's state if the row is still at `expected_version`; else StaleRecordError (who, when)."""
    done = execute(
        cur,
        "UPDATE candidates SET state = ?, citizen_agreed = ?, version = version + 1, changed_at = ?, changed_by = ?"
        " WHERE job_id = ? AND citizen_id = ? AND version = ? RETURNING version",
        [state, citizen_agreed, datetime.now(), actor_id, c.job_id, c.citizen_id, expected_version],
    ).fetchall()
    if done:
        return int(done[0][0])
    row = execute(
        cur,
        "SELECT coalesce(s.name, c.changed_by), c.changed_at FROM candidates c"
        " LEFT JOIN staff s ON s.staff_id = c.changed_by WHERE c.job_id = ? AND c.citizen_id = ?",
        [c.job_id, c.citizen_id],
    ).fetchall()
    by, at = row[0] if row else (None, None)
    raise StaleRecordError(what, by, at, ("state",), exists=bool(row))


def insert_event(cur: Cursor, e: CandidateEvent) -> None:
    execute(
        cur,
        "INSERT INTO candidate_events (event_id, job_id, citizen_id, state, happened_at, staff_id, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [e.event_id, e.job_id, e.citizen_id, e.state, e.happened_at, e.staff_id, e.note],
    )


def events_for(cur: Cursor, job_id: str, citizen_id: str | None = None) -> list[CandidateEvent]:
    sql = (
        "SELECT e.*, coalesce(s.name, e.staff_id) AS staff_name FROM candidate_events e"
        " LEFT JOIN staff s USING (staff_id) WHERE e.job_id = ? AND (? IS NULL OR e.citizen_id = ?)"
        " ORDER BY e.happened_at, e.event_id"
    )
    return fetch_all(cur, CandidateEvent, sql, [job_id, citizen_id, citizen_id])


def insert_decision(cur: Cursor, d: Decision) -> None:
    execute(
        cur,
        "INSERT INTO match_decisions (decision_id, job_id, decided_by, decided_at, reason, rule_version,"
        " ranking_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [d.decision_id, d.job_id, d.decided_by, d.decided_at, d.reason, d.rule_version, d.ranking_json],
    )


def decisions_for(cur: Cursor, job_id: str) -> list[Decision]:
    sql = "SELECT * FROM match_decisions WHERE job_id = ? ORDER BY decided_at DESC"
    return fetch_all(cur, Decision, sql, [job_id])


def get_decision(cur: Cursor, decision_id: str) -> Decision | None:
    return fetch_one(cur, Decision, "SELECT * FROM match_decisions WHERE decision_id = ?", [decision_id])


def insert_note(cur: Cursor, n: Note) -> None:
    execute(
        cur,
        "INSERT INTO candidate_notes (note_id, job_id, citizen_id, staff_id, happened_at, text)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [n.note_id, n.job_id, n.citizen_id, n.staff_id, n.happened_at, n.text],
    )


def notes_for(cur: Cursor, job_id: str) -> list[Note]:
    sql = (
        "SELECT n.*, coalesce(s.name, n.staff_id) AS staff_name FROM candidate_notes n"
        " LEFT JOIN staff s USING (staff_id) WHERE n.job_id = ? ORDER BY n.happened_at"
    )
    return fetch_all(cur, Note, sql, [job_id])
