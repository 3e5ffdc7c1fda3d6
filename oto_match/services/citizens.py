"""Citizen profiles. Every view and change is written to the audit log with who and when."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from typing import Any

from oto_match import records, vocab
from oto_match.domain import AuditEntry, Citizen, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, ValidationError
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database

PROFILE_FIELDS = ("status", "team_id", "partner1_id", "partner2_id", "own_words", "consent_note", "consent_date")


def list_citizens(db: Database, actor: Staff, team_id: str | None = None, active_only: bool = False) -> list[Citizen]:
    """The list (names and status) — opening a record is what gets logged."""
    with db.transaction() as cur:
        return citizen_sql.list_citizens(cur, team_id, active_only)


def get_citizen(db: Database, actor: Staff, citizen_id: str) -> Citizen:
    with db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        audit.log(cur, actor.staff_id, "view", "citizen", citizen_id)
    return citizen


def _profile_problems(c: Citizen) -> list[FieldProblem]:
    problems = []
    if c.status not in vocab.CITIZEN_STATUSES:
        problems.append(FieldProblem("status", f"ukendt status '{c.status}'"))
    if c.partner1_id and c.partner1_id == c.partner2_id:
        problems.append(FieldProblem("partner2_id", "makkerparret skal være to forskellige medarbejdere"))
    return problems


def save_citizen(db: Database, actor: Staff, values: dict[str, str], profile: dict[str, Any]) -> Citizen:
    """Create or update from form values (validated like citizens.csv) plus the profile fields."""
    values = {**values, "citizen_id": values.get("citizen_id") or new_id("C")}
    citizen = replace(records.citizen_from_row(values), **profile)
    problems = _profile_problems(citizen)
    if problems:
        raise ValidationError(problems)
    with db.transaction() as cur:
        before = citizen_sql.get_citizen(cur, citizen.citizen_id)
        citizen_sql.save_citizen(cur, citizen)
        changed = [f.name for f in fields(Citizen) if before and getattr(before, f.name) != getattr(citizen, f.name)]
        action = "create" if before is None else "update"
        audit.log(cur, actor.staff_id, action, "citizen", citizen.citizen_id, ", ".join(changed))
    return citizen


def audit_trail(db: Database, actor: Staff, citizen_id: str) -> list[AuditEntry]:
    with db.transaction() as cur:
        return audit.entries_for(cur, "citizen", citizen_id)


def data_copy(db: Database, actor: Staff, citizen_id: str) -> str:
    """Everything stored about a citizen, as JSON the citizen can be given (GDPR right of access)."""
    with db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        placements = placement_sql.placements_of_citizen(cur, citizen_id)
        audit.log(cur, actor.staff_id, "export", "citizen", citizen_id, "kopi af egne data")
        trail = audit.entries_for(cur, "citizen", citizen_id, limit=10_000)
    payload = {
        "borger": asdict(citizen),
        "forløb": [asdict(p) for p in placements],
        "adgangslog": [asdict(e) for e in trail],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
