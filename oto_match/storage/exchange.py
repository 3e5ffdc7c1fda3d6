"""SQL for what files carry in and out beyond each area's own tables: teams and contact persons (imported and
exported), and the kinds that are only exported — candidate lists, team decisions and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from oto_match.domain import ContactPerson, Team
from oto_match.storage import audit
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, upsert

TEAM_COLUMNS = ("team_id", "name", "neighbourhood")
CONTACT_COLUMNS = ("contact_id", "employer_id", "name", "role", "phone", "email")


@dataclass(frozen=True)
class CandidateRow:
    job_id: str
    citizen_id: str
    state: str
    proposed_by: str
    proposed_at: datetime
    decision_id: str | None = None
    reason: str = ""
    tool_verdict: str | None = None
    override_reason: str | None = None
    citizen_agreed: bool = False


@dataclass(frozen=True)
class DecisionRow:
    decision_id: str
    job_id: str
    decided_by: str
    decided_at: datetime
    reason: str
    rule_version: str
    ranking_json: str


@dataclass(frozen=True)
class AuditRow:
    audit_id: int
    happened_at: datetime
    staff_id: str | None
    action: str
    entity: str
    entity_id: str
    detail: str
    citizen_ids: tuple[str, ...] | None
    values_digest: str | None
    prev_hash: str | None
    chain_hash: str | None
    erased_at: datetime | None


def team_ids(cur: Cursor) -> set[str]:
    return {str(r[0]) for r in execute(cur, "SELECT team_id FROM teams").fetchall()}


def write_teams(cur: Cursor, teams: Sequence[Team]) -> int:
    """Insert or overwrite teams by id; returns how many were new."""
    return sum(1 for t in teams if upsert(cur, "teams", None, "team_id", as_values(t, TEAM_COLUMNS)))


def list_contacts(cur: Cursor) -> list[ContactPerson]:
    return fetch_all(cur, ContactPerson, "SELECT * FROM contact_persons ORDER BY employer_id, name, contact_id")


def contact_ids(cur: Cursor) -> set[str]:
    return {str(r[0]) for r in execute(cur, "SELECT contact_id FROM contact_persons").fetchall()}


def write_contacts(cur: Cursor, contacts: Sequence[ContactPerson], actor_id: str | None) -> int:
    """Insert or overwrite contact persons by id (an import: the file is the authority); a changed one's version
    goes up, so a form opened before is refused as stale. Returns how many were new."""
    new = 0
    for c in contacts:
        if upsert(cur, "contact_persons", "contact_keys", "contact_id", as_values(c, CONTACT_COLUMNS)):
            new += 1
        else:
            execute(cur, "UPDATE contact_persons SET version = version + 1, changed_at = ?, changed_by = ?"
                         " WHERE contact_id = ?", [datetime.now(), actor_id, c.contact_id])  # fmt: skip
    return new


def list_candidates(cur: Cursor) -> list[CandidateRow]:
    return fetch_all(cur, CandidateRow, "SELECT * FROM candidates ORDER BY job_id, proposed_at, citizen_id")


def list_decisions(cur: Cursor) -> list[DecisionRow]:
    return fetch_all(cur, DecisionRow, "SELECT * FROM match_decisions ORDER BY decided_at, decision_id")


def audit_rows(cur: Cursor) -> list[AuditRow]:
    """The whole log, oldest first (read by storage/audit.py, the one module that reads it)."""
    return [AuditRow(*row[:8], *row[8:12]) for row in audit.every_row(cur)]
