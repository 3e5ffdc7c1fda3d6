"""Employer relationships: the register, the pipeline and the consultant's next steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oto_match import stages
from oto_match.domain import Employer
from oto_match.storage import employers as employer_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database


@dataclass(frozen=True)
class EmployerRow:
    """One line of the employer register: master data plus what is derived from its history."""

    employer: Employer
    stage: str
    skipped_workplace_visit: bool
    last_contact: date | None
    cold: bool
    next_step: str
    next_step_date: date | None
    open_jobs: int
    owner_name: str
    owner_team: str
    overdue: bool


def employer_rows(db: Database, today: date) -> list[EmployerRow]:
    """Every current employer with its derived stage, last contact, next step and cold flag."""
    with db.transaction() as cur:
        employers = employer_sql.list_employers(cur)
        facts = employer_sql.employer_facts(cur)
        staff = {s.staff_id: s for s in staff_sql.list_staff(cur, active_only=False)}
    rows = []
    for e in employers:
        f = facts[e.employer_id]
        owner = staff.get(e.owner_staff_id or "")
        rows.append(
            EmployerRow(
                employer=e,
                stage=stages.derive_stage(f.max_cup, f.has_placement, e.paused),
                skipped_workplace_visit=stages.skipped_workplace_visit(f.max_cup, f.has_cup2),
                last_contact=f.last_contact,
                cold=stages.is_cold(f.last_contact, today),
                next_step=f.next_step,
                next_step_date=f.next_step_date,
                open_jobs=f.open_jobs,
                owner_name=owner.name if owner else "",
                owner_team=owner.team_id if owner else "",
                overdue=f.next_step_date is not None and f.next_step_date < today,
            )
        )
    return rows
