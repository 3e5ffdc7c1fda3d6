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


def write_contacts(cur: Cursor, contacts: Sequence[ContactPerson], actor_id: str | None, at: datetime
                   ) -> tuple[list[str], dict[str, ContactPerson]]:  # fmt: skip
    """Insert or overwrite contact persons by id (an import: the file is the authority), set-based: the file's
    rows are registered once, new ones inserted, and only those whose employer, name, role, phone or e-mail
    differ from the stored row are updated, their version up (a form opened before is refused as stale); an
    unchanged one is left exactly as it is. Returns (ids of the new ones, the changed ones as they were)."""
    import pyarrow as pa

    frame = pa.table({c: pa.array([getattr(x, c) for x in contacts], pa.string()) for c in CONTACT_COLUMNS})
    cur.register("_contacts_in", frame)
    try:
        differs = " OR ".join(f"t.{c} IS DISTINCT FROM n.{c}" for c in CONTACT_COLUMNS if c != "contact_id")
        before = fetch_all(cur, ContactPerson, "SELECT t.* FROM contact_persons t JOIN _contacts_in n"
                                               f" ON t.contact_id = n.contact_id WHERE {differs}")  # fmt: skip
        new = [str(r[0]) for r in execute(cur, "SELECT contact_id FROM _contacts_in n WHERE NOT EXISTS (SELECT 1"
                                               " FROM contact_persons t WHERE t.contact_id = n.contact_id)"
                                          ).fetchall()]  # fmt: skip
        columns = ", ".join(CONTACT_COLUMNS)
        execute(cur, "INSERT OR IGNORE INTO contact_keys (contact_id) SELECT contact_id FROM _contacts_in")
        assignments = ", ".join(f"{c} = n.{c}" for c in CONTACT_COLUMNS if c != "contact_id")
        execute(cur, f"UPDATE contact_persons t SET {assignments}, version = t.version + 1, changed_at = ?,"
                     f" changed_by = ? FROM _contacts_in n WHERE t.contact_id = n.contact_id AND ({differs})",
                [at, actor_id])  # fmt: skip
        execute(cur, f"INSERT INTO contact_persons ({columns}, changed_at, changed_by) SELECT {columns}, ?, ?"
                     " FROM _contacts_in n WHERE n.contact_id IN (SELECT unnest(?::VARCHAR[]))",
                [at, actor_id, new])  # fmt: skip
    finally:
        cur.unregister("_contacts_in")
    return new, {c.contact_id: c for c in before}


def list_candidates(cur: Cursor) -> list[CandidateRow]:
    return fetch_all(cur, CandidateRow, "SELECT * FROM candidates ORDER BY job_id, proposed_at, citizen_id")


def list_decisions(cur: Cursor) -> list[DecisionRow]:
    return fetch_all(cur, DecisionRow, "SELECT * FROM match_decisions ORDER BY decided_at, decision_id")


def audit_rows(cur: Cursor) -> list[AuditRow]:
    """The whole log, oldest first (read by storage/audit.py, the one module that reads it)."""
    return [AuditRow(*row[:8], *row[8:12]) for row in audit.every_row(cur)]
