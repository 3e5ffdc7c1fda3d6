"""Employer relationships: the register, the pipeline and the consultant's next steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from oto_match import records, stages, vocab
from oto_match.domain import ContactPerson, Employer, Placement, Staff, new_id
from oto_match.employer_inputs import AddAdaptations, ContactChange, EmployerChange, PauseChange, raise_problems
from oto_match.errors import FieldProblem, NotFoundError
from oto_match.services import employer_dedup as dedup_service
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
    """One employer's row (for its view)."""
    with db.transaction() as cur:
        return row_of(cur, employer_id, today)


def row_of(cur: Cursor, employer_id: str, today: date) -> EmployerRow:
    """One current employer's row, inside a transaction (e.g. to see how a visit moved its stage)."""
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
    """Everything the employer view shows, read in one transaction."""
    with db.transaction() as cur:
        row = row_of(cur, employer_id, today)
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


@dataclass(frozen=True)
class SavedEmployer:
    employer: Employer
    created: bool


def save_employer(db: Database, actor: Staff, change: EmployerChange) -> Employer:
    """Create an employer, or save its master data from the form opened at `change.version`.

    A save against a newer version is refused (StaleRecordError names who and when); a new employer
    that likely duplicates an existing one is refused unless confirmed. Returns the employer as saved.
    """
    with db.transaction() as cur:
        saved = write_employers(cur, actor, [change])[0]
        return _existing(cur, saved.employer.employer_id)


def import_employers(cur: Cursor, actor: Staff, changes: Sequence[EmployerChange]) -> int:
    """employers.csv: the file speaks for its own columns only; an existing employer keeps the rest.
    Returns how many employers were new."""
    csv_columns = [c for c in records.EMPLOYER_COLUMNS if c != "employer_id"]
    return sum(1 for s in write_employers(cur, actor, changes, csv_columns) if s.created)


def write_employers(
    cur: Cursor, actor: Staff, changes: Sequence[EmployerChange], columns: Sequence[str] = employer_sql.MASTER_COLUMNS
) -> list[SavedEmployer]:
    """The one door for employer master data (forms, CSV import): validate every change, refuse likely
    duplicates that are not confirmed, write (`columns` of an existing employer; every master field of a
    new one, owned by the staff member creating it unless it names an owner) and add one audit row each.
    """
    employers, present = _prepared(cur, actor, changes)
    dedup_service.refuse_likely_duplicates(cur, [
        e for e, c in zip(employers, changes, strict=True)
        if e.employer_id not in present and not c.confirmed_not_duplicate
    ])  # fmt: skip
    bulk_new = {e.employer_id: e for e, c in zip(employers, changes, strict=True)
                if e.employer_id not in present and c.version is None}  # fmt: skip
    employer_sql.insert_employers(cur, list(bulk_new.values()), employer_sql.MASTER_COLUMNS, actor.staff_id)
    for e, c in zip(employers, changes, strict=True):
        if e.employer_id not in bulk_new:
            written = columns if e.employer_id in present else employer_sql.MASTER_COLUMNS
            employer_sql.write_employer(cur, e, written, c.version, actor.staff_id)
    saved = [SavedEmployer(e, e.employer_id not in present) for e in employers]
    audit.log_many(cur, actor.staff_id, "create", "employer", [s.employer.employer_id for s in saved if s.created])
    audit.log_many(cur, actor.staff_id, "update", "employer", [s.employer.employer_id for s in saved if not s.created])
    return saved


def _prepared(cur: Cursor, actor: Staff, changes: Sequence[EmployerChange]) -> tuple[list[Employer], set[str]]:
    """The employers the changes describe (new ids given, owners derived and checked), and which exist."""
    cleaned = [c.cleaned() for c in changes]
    raise_problems([p for _, problems in cleaned for p in problems])
    employers = [_employer(values, c) for (values, _), c in zip(cleaned, changes, strict=True)]
    present = employer_sql.present_employer_ids(cur, [e.employer_id for e in employers])
    staff_ids = _staff_ids(cur)
    creator = actor.staff_id if actor.staff_id in staff_ids else None  # the CLI's system user owns nothing
    employers = [e if e.employer_id in present or e.owner_staff_id else replace(e, owner_staff_id=creator)
                 for e in employers]  # fmt: skip
    unknown = sorted({e.owner_staff_id for e in employers if e.owner_staff_id} - staff_ids)
    raise_problems([FieldProblem("owner_staff_id", f"medarbejderen '{s}' findes ikke") for s in unknown])
    return employers, present


def _employer(values: dict[str, Any], change: EmployerChange) -> Employer:
    return Employer(**{**values, "employer_id": values["employer_id"] or new_id("E")}, version=change.version or 0)


def _staff_ids(cur: Cursor) -> set[str]:
    return {s.staff_id for s in staff_sql.list_staff(cur, active_only=False)}


def _existing(cur: Cursor, employer_id: str) -> Employer:
    employer = employer_sql.get_employer(cur, employer_id)
    if employer is None:
        raise NotFoundError(f"Virksomheden {employer_id} findes ikke")
    return employer


def save_contact(db: Database, actor: Staff, change: ContactChange) -> ContactPerson:
    """Add a contact person, or save one from the form opened at `change.version`."""
    values, problems = change.cleaned()
    raise_problems(problems)
    contact = ContactPerson(**{**values, "contact_id": values["contact_id"] or new_id("K")}, version=change.version)
    with db.transaction() as cur:
        _existing(cur, contact.employer_id)
        version = employer_sql.write_contact(cur, contact, change.version, actor.staff_id)
        audit.log(cur, actor.staff_id, "update", "employer", contact.employer_id, f"kontakt {contact.name}")
    return replace(contact, version=version)


def set_paused(db: Database, actor: Staff, change: PauseChange) -> Employer:
    """Pause a relationship (a reason is required) or take it up again."""
    values, problems = change.cleaned()
    raise_problems(problems)
    with db.transaction() as cur:
        employer = replace(_existing(cur, change.employer_id), paused=change.paused,
                           paused_reason=values["paused_reason"])  # fmt: skip
        expected = employer.version if change.version is None else change.version
        employer_sql.write_employer(cur, employer, employer_sql.PAUSE_COLUMNS, expected, actor.staff_id)
        action = "pause" if change.paused else "resume"
        audit.log(cur, actor.staff_id, action, "employer", change.employer_id, values["paused_reason"])
        return _existing(cur, change.employer_id)


def add_adaptations(db: Database, actor: Staff, change: AddAdaptations) -> Employer:
    """Add what a workplace can adapt (learned at a cup-2 visit) to its record; nothing is removed."""
    values, problems = change.cleaned()
    raise_problems(problems)
    with db.transaction() as cur:
        employer = _existing(cur, change.employer_id)
        merged = tuple(dict.fromkeys((*employer.accommodations, *values["accommodations"])))
        note = "; ".join(x for x in (employer.adaptations_note, values["adaptations_note"]) if x)
        expected = employer.version if change.version is None else change.version
        employer_sql.write_employer(
            cur, replace(employer, accommodations=merged, adaptations_note=note),
            employer_sql.ADAPTATION_COLUMNS, expected, actor.staff_id,
        )  # fmt: skip
        audit.log(cur, actor.staff_id, "update", "employer", change.employer_id, "tilpasninger tilføjet")
        return _existing(cur, change.employer_id)


def employer_names(db: Database) -> list[tuple[str, str]]:
    """(id, name) of every employer, merged ones included (for labels)."""
    with db.transaction() as cur:
        return [(e.employer_id, e.name) for e in employer_sql.list_employers(cur, include_merged=True)]
