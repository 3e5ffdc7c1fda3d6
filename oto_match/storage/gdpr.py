"""Reads for a citizen's right of access (services/gdpr.py): everything stored about one citizen, across jobs."""

from __future__ import annotations

from oto_match.storage.jobs import _CANDIDATES, Candidate, CandidateEvent, Decision, Note
from oto_match.storage.rows import Cursor, execute, fetch_all


def candidates_of_citizen(cur: Cursor, citizen_id: str) -> list[Candidate]:
    """Every candidate entry of the citizen, on any job, oldest first."""
    sql = f"{_CANDIDATES} WHERE c.citizen_id = ? ORDER BY c.proposed_at, c.job_id"
    return fetch_all(cur, Candidate, sql, [citizen_id])


def events_of_citizen(cur: Cursor, citizen_id: str) -> list[CandidateEvent]:
    sql = (
        "SELECT e.*, coalesce(s.name, e.staff_id) AS staff_name FROM candidate_events e"
        " LEFT JOIN staff s USING (staff_id) WHERE e.citizen_id = ? ORDER BY e.happened_at, e.event_id"
    )
    return fetch_all(cur, CandidateEvent, sql, [citizen_id])


def notes_of_citizen(cur: Cursor, citizen_id: str) -> list[Note]:
    sql = (
        "SELECT n.*, coalesce(s.name, n.staff_id) AS staff_name FROM candidate_notes n"
        " LEFT JOIN staff s USING (staff_id) WHERE n.citizen_id = ? ORDER BY n.happened_at, n.note_id"
    )
    return fetch_all(cur, Note, sql, [citizen_id])


def decisions_mentioning(cur: Cursor, citizen_id: str) -> list[Decision]:
    """Decisions whose stored snapshot contains the citizen's id somewhere (the caller parses the JSON and
    keeps only those that really list the citizen), oldest first."""
    sql = "SELECT * FROM match_decisions WHERE strpos(ranking_json, ?) > 0 ORDER BY decided_at, decision_id"
    return fetch_all(cur, Decision, sql, [citizen_id])


def staff_names(cur: Cursor) -> dict[str, str]:
    """Every staff member's name by id (also those no longer active)."""
    return {str(r[0]): str(r[1]) for r in execute(cur, "SELECT staff_id, name FROM staff").fetchall()}


def job_titles(cur: Cursor, job_ids: list[str]) -> dict[str, tuple[str, str]]:
    """(job title, employer name) per job id."""
    sql = (
        "SELECT j.job_id, j.title, coalesce(e.name, j.employer_id) FROM job_openings j"
        " LEFT JOIN employers e ON e.employer_id = j.employer_id WHERE list_contains(?, j.job_id)"
    )
    return {str(r[0]): (str(r[1]), str(r[2])) for r in execute(cur, sql, [job_ids]).fetchall()}


def employer_names(cur: Cursor, employer_ids: list[str]) -> dict[str, str]:
    sql = "SELECT employer_id, name FROM employers WHERE list_contains(?, employer_id)"
    return {str(r[0]): str(r[1]) for r in execute(cur, sql, [employer_ids]).fetchall()}


def citizen_names(cur: Cursor, citizen_ids: list[str]) -> dict[str, str]:
    sql = "SELECT citizen_id, name FROM citizens WHERE citizen_id IN (SELECT unnest(?::VARCHAR[]))"
    return {str(r[0]): str(r[1]) for r in execute(cur, sql, [citizen_ids]).fetchall()}


def placement_places(cur: Cursor, placement_ids: list[str]) -> dict[str, str]:
    """The employer's name of each placement ('forløb hos …' in the log)."""
    sql = ("SELECT p.placement_id, coalesce(e.name, p.employer_id) FROM placements p"
           " LEFT JOIN employers e ON e.employer_id = p.employer_id"
           " WHERE p.placement_id IN (SELECT unnest(?::VARCHAR[]))")  # fmt: skip
    return {str(r[0]): str(r[1]) for r in execute(cur, sql, [placement_ids]).fetchall()}


def citizens_named(cur: Cursor, text: str, limit: int) -> list[tuple[str, str, str | None]]:
    """(id, name, team) of the citizens whose name contains `text` (any case) or whose id is `text`, by name."""
    sql = ("SELECT citizen_id, name, team_id FROM citizens WHERE citizen_id = ? OR name ILIKE ?"
           " ORDER BY name, citizen_id LIMIT ?")  # fmt: skip
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [(str(r[0]), str(r[1]), r[2]) for r in execute(cur, sql, [text, like, limit]).fetchall()]
