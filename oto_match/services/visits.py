"""The visit log and the consultants' activity figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from oto_match import vocab
from oto_match.domain import Staff, Visit, new_id
from oto_match.errors import FieldProblem, ValidationError
from oto_match.services.employers import employer_row
from oto_match.storage import audit
from oto_match.storage import employers as employer_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database

# IPS fidelity: about six face-to-face employer contacts per consultant per week.
IPS_IN_PERSON_PER_WEEK = 6


def validate_visit(visit: Visit, today: date) -> None:
    """A visit cannot lie in the future; its next step date cannot lie before the visit."""
    problems = []
    if visit.form not in vocab.VISIT_FORMS:
        problems.append(("form", f"ukendt kontaktform '{visit.form}'"))
    if visit.cup is not None and visit.cup not in vocab.CUPS:
        problems.append(("cup", "skal være 1, 2 eller 3"))
    if visit.visit_date > today:
        problems.append(("visit_date", "et besøg kan ikke ligge i fremtiden; planlæg det som næste skridt"))
    if visit.next_step_date and visit.next_step_date < visit.visit_date:
        problems.append(("next_step_date", "ligger før besøget"))
    if visit.next_step_date and not visit.next_step.strip():
        problems.append(("next_step", "skriv hvad næste skridt er"))
    if problems:
        raise ValidationError([FieldProblem(f, m) for f, m in problems])


@dataclass(frozen=True)
class LoggedVisit:
    visit: Visit
    stage_before: str
    stage_after: str
    offer_adaptations: tuple[str, ...]  # cup 2: strains learned that the employer's record lacks


def log_visit(db: Database, actor: Staff, visit: Visit, today: date) -> LoggedVisit:
    """Save a contact; say how the stage moved and which adaptations learned could be added."""
    visit = Visit(**{**visit.__dict__, "visit_id": visit.visit_id or new_id("B")})
    validate_visit(visit, today)
    before = employer_row(db, visit.employer_id, today).stage
    with db.transaction() as cur:
        if staff_sql.get_staff(cur, visit.staff_id) is None:
            raise ValidationError.single("staff_id", f"medarbejderen '{visit.staff_id}' findes ikke")
        employer_sql.save_visit(cur, visit)
        audit.log(cur, actor.staff_id, "visit", "employer", visit.employer_id, f"kop {visit.cup or '-'}")
        employer = employer_sql.get_employer(cur, visit.employer_id)
    after = employer_row(db, visit.employer_id, today).stage
    missing: tuple[str, ...] = ()
    if visit.cup == 2 and employer is not None:
        missing = tuple(s for s in visit.adaptations_learned if s not in employer.accommodations)
    return LoggedVisit(visit, before, after, missing)


@dataclass(frozen=True)
class WeekActivity:
    staff_id: str
    week_start: date
    contacts: int
    in_person: int
    employers: int


def activity(db: Database, staff_id: str | None, today: date, weeks: int = 12) -> list[WeekActivity]:
    """Per consultant and week (Monday): contacts, of which in person, and distinct employers.

    Weeks without any contact are included with zeros, so a quiet week shows as a gap.
    """
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    with db.transaction() as cur:
        rows = employer_sql.visit_counts_by_week(cur, staff_id, first_monday)
    counted = {(r["staff_id"], r["week_start"]): r for r in rows}
    people = sorted({r["staff_id"] for r in rows} | ({staff_id} if staff_id else set()))
    out = []
    for person in people:
        for n in range(weeks):
            week = first_monday + timedelta(weeks=n)
            r = counted.get((person, week))
            out.append(WeekActivity(person, week, r["contacts"] if r else 0, r["in_person"] if r else 0,
                                    r["employers"] if r else 0))  # fmt: skip
    return out
