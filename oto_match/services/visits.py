"""The visit log and the consultants' activity figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from oto_match.domain import Staff, Visit, new_id
from oto_match.employer_inputs import VisitLog, raise_problems
from oto_match.errors import DuplicateRecordError, FieldProblem, NotFoundError
from oto_match.services.employers import row_of
from oto_match.storage import audit
from oto_match.storage import employers as employer_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor

# IPS fidelity: about six face-to-face employer contacts per consultant per week.
IPS_IN_PERSON_PER_WEEK = 6


@dataclass(frozen=True)
class LoggedVisit:
    visit: Visit
    stage_before: str
    stage_after: str
    offer_adaptations: tuple[str, ...]  # cup 2: strains learned that the employer's record lacks
    employer_version: int  # the employer's version after the visit (for "Tilføj til virksomhedens tilpasninger")


def log_visit(db: Database, actor: Staff, log: VisitLog, today: date) -> LoggedVisit:
    """Save a contact in one transaction; say how the stage moved and which adaptations learned the
    employer's record lacks (a cup-2 visit offers to add them)."""
    with db.transaction() as cur:
        before = _stage(cur, log.employer_id, today)
        visit = write_visits(cur, actor, [log], today)[0]
        after = row_of(cur, visit.employer_id, today)
    missing: tuple[str, ...] = ()
    if visit.cup == 2:
        missing = tuple(s for s in visit.adaptations_learned if s not in after.employer.accommodations)
    return LoggedVisit(visit, before, after.stage, missing, after.employer.version)


def _stage(cur: Cursor, employer_id: str, today: date) -> str:
    """The employer's stage, or '' when there is no such employer (write_visits then says so)."""
    try:
        return row_of(cur, employer_id, today).stage
    except NotFoundError:
        return ""


def import_visits(cur: Cursor, actor: Staff, logs: Sequence[VisitLog], today: date) -> int:
    """visits.csv: the same rules as the form; a visit id already saved is overwritten (the file is the
    authority). Returns how many visits were new."""
    present = employer_sql.present_visit_ids(cur, [log.visit_id for log in logs if log.visit_id])
    write_visits(cur, actor, logs, today, overwrite=True)
    return len(logs) - len(present)


def load_visits(cur: Cursor, actor: Staff, visits: Sequence[Visit], today: date) -> int:
    """Visits already described (the demo generator's history) through the same door as the form and
    visits.csv: each becomes the VisitLog that records it. Returns how many were written."""
    return len(write_visits(cur, actor, [VisitLog.recorded(v) for v in visits], today))


def write_visits(
    cur: Cursor, actor: Staff, logs: Sequence[VisitLog], today: date, overwrite: bool = False
) -> list[Visit]:
    """The one door for visits (the form is a batch of one, CSV import a batch of many): validate every
    visit against `today`, check that employer and consultant exist, write, and add one audit row each.

    A visit id already saved is refused (a form sent twice logs one visit) unless `overwrite`.
    """
    checked = [log.cleaned(today) for log in logs]
    raise_problems([p for _, problems in checked for p in problems])
    visits = [Visit(**{**values, "visit_id": values["visit_id"] or new_id("B")}) for values, _ in checked]
    raise_problems(_unknown_references(cur, visits))
    present = employer_sql.present_visit_ids(cur, [v.visit_id for v in visits])
    if present and not overwrite:
        raise DuplicateRecordError("Besøget", None, None)
    employer_sql.insert_visits(cur, [v for v in visits if v.visit_id not in present])
    for visit in visits:
        if visit.visit_id in present:
            employer_sql.update_visit(cur, visit)
    for cup in {v.cup for v in visits}:
        ids = [v.employer_id for v in visits if v.cup == cup]
        audit.log_many(cur, actor.staff_id, "visit", "employer", ids, f"kop {cup or '-'}")
    return visits


def _unknown_references(cur: Cursor, visits: Sequence[Visit]) -> list[FieldProblem]:
    employers = {v.employer_id for v in visits}
    staff = {v.staff_id for v in visits}
    known_staff = {s.staff_id for s in staff_sql.list_staff(cur, active_only=False)}
    return [
        *(FieldProblem("employer_id", f"virksomheden '{e}' findes ikke")
          for e in sorted(employers - employer_sql.present_employer_ids(cur, employers))),
        *(FieldProblem("staff_id", f"medarbejderen '{s}' findes ikke") for s in sorted(staff - known_staff)),
    ]  # fmt: skip


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
    counted = {(r.staff_id, r.week_start): r for r in rows}
    people = sorted({r.staff_id for r in rows} | ({staff_id} if staff_id else set()))
    out = []
    for person in people:
        for n in range(weeks):
            week = first_monday + timedelta(weeks=n)
            r = counted.get((person, week))
            out.append(WeekActivity(person, week, r.contacts if r else 0, r.in_person if r else 0,
                                    r.employers if r else 0))  # fmt: skip
    return out
