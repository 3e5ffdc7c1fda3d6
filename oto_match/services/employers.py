"""Employer relationships: the register, the pipeline and the consultant's next steps."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from oto_match import records, stages, vocab
from oto_match.domain import ContactPerson, Employer, Placement, Staff, new_id
from oto_match.errors import NotFoundError, ValidationError
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor


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


def _row(e: Employer, f: employer_sql.EmployerFacts, owner: Staff | None, today: date) -> EmployerRow:
    return EmployerRow(
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
        overdue=stages.next_step_overdue(f.next_step_date, today),
    )


def employer_rows(db: Database, today: date) -> list[EmployerRow]:
    """Every current employer with its derived stage, last contact, next step and cold flag."""
    with db.transaction() as cur:
        employers = employer_sql.list_employers(cur)
        facts = employer_sql.employer_facts(cur)
        staff = {s.staff_id: s for s in staff_sql.list_staff(cur, active_only=False)}
    return [_row(e, facts[e.employer_id], staff.get(e.owner_staff_id or ""), today) for e in employers]


def employer_row(db: Database, employer_id: str, today: date) -> EmployerRow:
    """One employer's row (for its view, or to see how a visit moved its stage)."""
    with db.transaction() as cur:
        employer = employer_sql.get_employer(cur, employer_id)
        if employer is None or employer.merged_into:
            raise NotFoundError(f"Virksomheden {employer_id} findes ikke")
        facts = employer_sql.employer_facts(cur, [employer_id])[employer_id]
        owner = staff_sql.get_staff(cur, employer.owner_staff_id or "")
    return _row(employer, facts, owner, today)


@dataclass(frozen=True)
class EmployerFilter:
    """The register's filters; empty values filter nothing."""

    search: str = ""
    stages: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()
    no_contact_days: int | None = None
    overdue_only: bool = False
    cold_only: bool = False


def filter_rows(rows: list[EmployerRow], f: EmployerFilter, today: date) -> list[EmployerRow]:
    """Apply the register's filters. "No contact for N days" includes employers never contacted."""
    needle = f.search.strip().lower()
    out = []
    for r in rows:
        e = r.employer
        if needle and needle not in f"{e.name} {e.address} {e.cvr or ''} {e.pnumber or ''}".lower():
            continue
        if (f.stages and r.stage not in f.stages) or (f.industries and e.industry not in f.industries):
            continue
        if (f.postcodes and e.postcode not in f.postcodes) or (f.owner_ids and e.owner_staff_id not in f.owner_ids):
            continue
        if f.no_contact_days is not None and r.last_contact and (today - r.last_contact).days < f.no_contact_days:
            continue
        if (f.overdue_only and not r.overdue) or (f.cold_only and not r.cold):
            continue
        out.append(r)
    return out


def my_next_steps(rows: list[EmployerRow], staff_id: str) -> list[EmployerRow]:
    """'Mine næste skridt': the consultant's employers with a dated next step, oldest first."""
    mine = [r for r in rows if r.employer.owner_staff_id == staff_id and r.next_step_date is not None]
    return sorted(mine, key=lambda r: stages.next_step_sort_key(r.next_step_date, r.employer.name))


def pipeline(rows: list[EmployerRow]) -> dict[str, list[EmployerRow]]:
    """The board: employers per stage, in stage order, most recent contact first."""
    board: dict[str, list[EmployerRow]] = {s: [] for s in stages.STAGE_ORDER}
    for r in rows:
        board[r.stage].append(r)
    for cards in board.values():
        cards.sort(key=lambda r: r.last_contact or date.min, reverse=True)
    return board


@dataclass(frozen=True)
class TimelineEvent:
    when: date
    kind: str  # visit, job, candidate, placement
    title: str
    detail: str = ""


@dataclass(frozen=True)
class EmployerDetail:
    row: EmployerRow
    contacts: list[ContactPerson]
    siblings: list[Employer]
    timeline: list[TimelineEvent]
    teams_with_placements: dict[str, int]
    owner: Staff | None


def _timeline(cur: Cursor, employer_id: str, placements: list[Placement], today: date) -> list[TimelineEvent]:
    events = [
        TimelineEvent(v.visit_date, "visit", f"{vocab.CUPS.get(v.cup or 0, 'Kontakt')} ({vocab.VISIT_FORMS[v.form]})",
                      " · ".join(x for x in (v.notes, v.tasks_learned, v.next_step and f"Næste: {v.next_step}") if x))
        for v in employer_sql.visits_of(cur, employer_id)
    ]  # fmt: skip
    jobs = job_sql.list_jobs(cur, employer_id=employer_id)
    titles = {j.job_id: j.title for j in jobs}
    events += [
        TimelineEvent(j.start_date or today, "job", f"Jobåbning: {j.title}",
                      f"{vocab.JOB_TYPES[j.job_type]}, {vocab.JOB_STATUSES[j.status]}")
        for j in jobs
    ]  # fmt: skip
    events += [
        TimelineEvent(c.proposed_at.date(), "candidate", f"Kandidat til {titles.get(c.job_id, c.job_id)}",
                      vocab.CANDIDATE_STATES[c.state])
        for c in job_sql.candidates_for_employer(cur, employer_id)
    ]  # fmt: skip
    events += [
        TimelineEvent(p.start_date, "placement", f"Forløb startet: {vocab.JOB_TYPES[p.placement_type]}",
                      "afsluttet" if p.status == "ended" else "aktivt")
        for p in placements
    ]  # fmt: skip
    return sorted(events, key=lambda e: e.when, reverse=True)


def employer_detail(db: Database, employer_id: str, today: date) -> EmployerDetail:
    row = employer_row(db, employer_id, today)
    with db.transaction() as cur:
        placements = placement_sql.placements_of_employer(cur, employer_id)
        teams: dict[str, int] = {}
        for p in placements:
            citizen = citizen_sql.get_citizen(cur, p.citizen_id)
            team = (citizen.team_id if citizen else None) or "uden team"
            teams[team] = teams.get(team, 0) + 1
        return EmployerDetail(
            row=row,
            contacts=employer_sql.contacts_of(cur, employer_id),
            siblings=employer_sql.siblings(cur, row.employer),
            timeline=_timeline(cur, employer_id, placements, today),
            teams_with_placements=teams,
            owner=staff_sql.get_staff(cur, row.employer.owner_staff_id or ""),
        )


def save_employer(db: Database, actor: Staff, values: dict[str, str], extra: dict[str, Any]) -> Employer:
    """Create or update an employer from form values (validated like employers.csv) plus extra fields."""
    values = {**values, "employer_id": values.get("employer_id") or new_id("E")}
    employer = records.employer_from_row(values)
    employer = replace(employer, **extra)
    with db.transaction() as cur:
        is_new = employer_sql.save_employer(cur, employer)
        audit.log(cur, actor.staff_id, "create" if is_new else "update", "employer", employer.employer_id)
    return employer


def save_contact(db: Database, actor: Staff, contact: ContactPerson) -> ContactPerson:
    if not contact.name.strip():
        raise ValidationError.single("name", "kontaktpersonens navn mangler")
    if contact.email and "@" not in contact.email:
        raise ValidationError.single("email", f"'{contact.email}' ligner ikke en e-mailadresse")
    contact = replace(contact, contact_id=contact.contact_id or new_id("K"))
    with db.transaction() as cur:
        employer_sql.save_contact(cur, contact)
        audit.log(cur, actor.staff_id, "update", "employer", contact.employer_id, f"kontakt {contact.name}")
    return contact


def set_paused(db: Database, actor: Staff, employer_id: str, paused: bool, reason: str = "") -> Employer:
    """Pause a relationship (a reason is required) or take it up again."""
    if paused and not reason.strip():
        raise ValidationError.single("paused_reason", "skriv hvorfor samarbejdet sættes på pause")
    with db.transaction() as cur:
        employer = employer_sql.get_employer(cur, employer_id)
        if employer is None:
            raise NotFoundError(f"Virksomheden {employer_id} findes ikke")
        employer = replace(employer, paused=paused, paused_reason=reason.strip() if paused else "")
        employer_sql.save_employer(cur, employer, ("employer_id", "paused", "paused_reason"))
        audit.log(cur, actor.staff_id, "pause" if paused else "resume", "employer", employer_id, reason)
    return employer


def add_accommodations(db: Database, actor: Staff, employer_id: str, strains: tuple[str, ...], note: str = "") -> None:
    """Add what a workplace can adapt (learned at a cup-2 visit) to its record."""
    with db.transaction() as cur:
        employer = employer_sql.get_employer(cur, employer_id)
        if employer is None:
            raise NotFoundError(f"Virksomheden {employer_id} findes ikke")
        merged = tuple(dict.fromkeys((*employer.accommodations, *strains)))
        text = "; ".join(x for x in (employer.adaptations_note, note.strip()) if x)
        employer_sql.save_employer(
            cur, replace(employer, accommodations=merged, adaptations_note=text),
            ("employer_id", "accommodations", "adaptations_note"),
        )  # fmt: skip
        audit.log(cur, actor.staff_id, "update", "employer", employer_id, "tilpasninger tilføjet")


def employer_names(db: Database) -> list[tuple[str, str]]:
    """(id, name) of every employer, merged ones included (for labels)."""
    with db.transaction() as cur:
        return [(e.employer_id, e.name) for e in employer_sql.list_employers(cur, include_merged=True)]
