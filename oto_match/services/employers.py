"""Employer relationships: the register, the pipeline and the consultant's next steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from oto_match import audit_detail as audit_text
from oto_match import records, stages, vocab
from oto_match.domain import ContactPerson, Employer, Placement, Staff, new_id
from oto_match.employer_inputs import AddAdaptations, ContactChange, EmployerChange, PauseChange, raise_problems
from oto_match.errors import FieldProblem, NotFoundError
from oto_match.services import employer_dedup as dedup_service
from oto_match.storage import audit
from oto_match.storage import employer_register as register_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import exchange as exchange_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor

REGISTER_PAGE_SIZE = 100  # employers per register page
NEXT_STEPS_PAGE_SIZE = 50
PIPELINE_CARDS = 25  # cards per stage on the board
CHOICES_MAX = 100  # employers offered at once in a form's picker (search for the rest)
SIBLINGS_SHOWN = 20  # other workplaces under the same CVR named on an employer ("og 1.214 andre")
TIMELINE_MAX = 50  # events shown on an employer's timeline, newest first


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
    """The register's filters; empty values filter nothing. "No contact for N days" includes employers
    never contacted."""

    search: str = ""
    stages: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()
    no_contact_days: int | None = None
    overdue_only: bool = False
    cold_only: bool = False


@dataclass(frozen=True)
class RegisterPage:
    """One page of a list of employers, and how many there are in all (for "51-100 af 1.214")."""

    rows: list[EmployerRow]
    matching: int
    page: int
    pages: int
    size: int


def _where(f: EmployerFilter) -> register_sql.RegisterWhere:
    return register_sql.RegisterWhere(
        f.search, f.stages, f.industries, f.postcodes, f.owner_ids, f.no_contact_days, f.overdue_only, f.cold_only
    )


def _rows(cur: Cursor, lines: list[register_sql.RegisterLine], today: date) -> list[EmployerRow]:
    staff = {s.staff_id: s for s in staff_sql.list_staff(cur, active_only=False)}
    return [_row(x.employer, x.facts, staff.get(x.employer.owner_staff_id or ""), today) for x in lines]


def _page(db: Database, where: register_sql.RegisterWhere, order: str, today: date, page: int, size: int
          ) -> RegisterPage:  # fmt: skip
    """Page `page` (from 1; past the end: the last page) of the employers passing `where`."""

    def lines(cur: Cursor, n: int) -> list[register_sql.RegisterLine]:
        return register_sql.register_lines(cur, where, today, stages.COLD_AFTER_DAYS, order, (n - 1) * size, size)

    with db.transaction() as cur:
        page = max(1, page)
        shown = lines(cur, page)
        if not shown and page > 1:  # the filters changed under a later page
            first = lines(cur, 1)
            page = max(1, -(-(first[0].matching if first else 0) // size))
            shown = lines(cur, page)
        matching = shown[0].matching if shown else 0
        return RegisterPage(_rows(cur, shown, today), matching, page, max(1, -(-matching // size)), size)


def register(db: Database, f: EmployerFilter, today: date, page: int = 1, size: int = REGISTER_PAGE_SIZE
             ) -> RegisterPage:  # fmt: skip
    """The register: the employers passing `f`, by name, one page at a time (filtered and paged in the database)."""
    return _page(db, _where(f), "name", today, page, size)


def employer_rows(db: Database, today: date) -> list[EmployerRow]:
    """Every current employer with its derived stage, last contact, next step and cold flag (CLI, exports)."""
    with db.transaction() as cur:
        lines = register_sql.register_lines(cur, register_sql.RegisterWhere(), today, stages.COLD_AFTER_DAYS, "name",
                                            0, None)  # fmt: skip
        return _rows(cur, lines, today)


def my_next_steps(db: Database, staff_id: str, today: date, page: int = 1, size: int = NEXT_STEPS_PAGE_SIZE
                  ) -> RegisterPage:  # fmt: skip
    """'Mine næste skridt': the consultant's employers with a dated next step, oldest first."""
    where = register_sql.RegisterWhere(owner_ids=(staff_id,), with_next_step=True)
    return _page(db, where, "next_step", today, page, size)


@dataclass(frozen=True)
class StageColumn:
    stage: str
    count: int  # employers in this stage
    rows: list[EmployerRow]  # the first `per_stage`, most recent contact first


def pipeline(db: Database, today: date, per_stage: int = PIPELINE_CARDS) -> list[StageColumn]:
    """The board: employers per stage, in stage order, most recent contact first (`per_stage` cards each)."""
    with db.transaction() as cur:
        lines = register_sql.register_lines(cur, register_sql.RegisterWhere(), today, stages.COLD_AFTER_DAYS,
                                            "recent", 0, None, per_stage=per_stage)  # fmt: skip
        rows = _rows(cur, lines, today)
    counts = {x.stage: x.matching for x in lines}
    return [StageColumn(s, counts.get(s, 0), [r for r in rows if r.stage == s]) for s in stages.STAGE_ORDER]


def register_choices(db: Database) -> tuple[int, list[str], list[str]]:
    """How many current employers there are, and the industries and postcodes the filters offer."""
    with db.transaction() as cur:
        return (register_sql.count_employers(cur), register_sql.distinct_values(cur, "industry"),
                register_sql.distinct_values(cur, "postcode"))  # fmt: skip


def employer_choices(db: Database, search: str = "", limit: int = CHOICES_MAX) -> tuple[dict[str, str], int]:
    """Employers to pick in a form: up to `limit` whose name or postcode contains `search`, as id -> "name
    (postcode)", and how many match in all."""
    with db.transaction() as cur:
        found, matching = register_sql.employer_choices(cur, search, limit)
    return {i: f"{name} ({postcode})" for i, name, postcode in found}, matching


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
    siblings: list[Employer]  # the first SIBLINGS_SHOWN other workplaces under the same CVR, by name
    siblings_total: int  # how many there are in all
    timeline: list[TimelineEvent]  # the newest TIMELINE_MAX events
    timeline_total: int
    teams_with_placements: dict[str, int]
    owner: Staff | None

    @property
    def siblings_not_shown(self) -> int:
        return self.siblings_total - len(self.siblings)

    @property
    def timeline_not_shown(self) -> int:
        return self.timeline_total - len(self.timeline)


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
    """Everything the employer view shows, read in one transaction; long lists capped with their count."""
    with db.transaction() as cur:
        row = row_of(cur, employer_id, today)
        siblings, siblings_total = employer_sql.siblings(cur, row.employer, SIBLINGS_SHOWN)
        timeline = _timeline(cur, employer_id, placement_sql.placements_of_employer(cur, employer_id), today)
        return EmployerDetail(
            row=row,
            contacts=employer_sql.contacts_of(cur, employer_id),
            siblings=siblings,
            siblings_total=siblings_total,
            timeline=timeline[:TIMELINE_MAX],
            timeline_total=len(timeline),
            teams_with_placements=employer_sql.placement_teams(cur, employer_id),
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
    stored = employer_sql.employers_by_id(cur, present)
    dedup_service.refuse_likely_duplicates(cur, [
        e for e, c in zip(employers, changes, strict=True)
        if e.employer_id not in present and not c.confirmed_not_duplicate
    ])  # fmt: skip
    bulk_new = {e.employer_id: e for e, c in zip(employers, changes, strict=True)
                if e.employer_id not in present and c.version is None}  # fmt: skip
    employer_sql.insert_employers(cur, list(bulk_new.values()), employer_sql.MASTER_COLUMNS, actor.staff_id)
    same = {e.employer_id for e, c in zip(employers, changes, strict=True)
            if c.version is None and _unchanged(stored.get(e.employer_id), e, columns)}  # fmt: skip
    for e, c in zip(employers, changes, strict=True):
        if e.employer_id not in bulk_new and e.employer_id not in same:
            written = columns if e.employer_id in present else employer_sql.MASTER_COLUMNS
            employer_sql.write_employer(cur, e, written, c.version, actor.staff_id)
    saved = [SavedEmployer(e, e.employer_id not in present) for e in employers]
    for action, created in (("create", True), ("update", False)):
        audit.log_each(cur, actor.staff_id, action, "employer", [
            (s.employer.employer_id, _detail(stored.get(s.employer.employer_id), s.employer,
                                             employer_sql.MASTER_COLUMNS if created else columns))
            for s in saved if s.created == created and s.employer.employer_id not in same
        ])  # fmt: skip
    return saved


def _unchanged(before: Employer | None, after: Employer, columns: Sequence[str]) -> bool:
    """A file row that says what the register already holds is not written (its version stays, so nobody's open
    form goes stale, and the import counts it as unchanged)."""
    return before is not None and all(getattr(before, c) == getattr(after, c) for c in columns)


def _detail(before: Any, after: Any, columns: Sequence[str]) -> str:
    """The audit detail of a change of an employer (or a contact person): field, old value → new value."""
    return audit_text.describe_records(before, after, columns, audit_text.EMPLOYER_CODES)


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


CONTACT_FIELDS = ("name", "role", "phone", "email")  # what a contact's audit row names, old -> new


def save_contact(db: Database, actor: Staff, change: ContactChange) -> ContactPerson:
    """Add a contact person, or save one from the form opened at `change.version`."""
    values, problems = change.cleaned()
    raise_problems(problems)
    contact = ContactPerson(**{**values, "contact_id": values["contact_id"] or new_id("K")}, version=change.version)
    with db.transaction() as cur:
        _existing(cur, contact.employer_id)
        before = next((c for c in employer_sql.contacts_of(cur, contact.employer_id)
                       if c.contact_id == contact.contact_id), None)  # fmt: skip
        version = employer_sql.write_contact(cur, contact, change.version, actor.staff_id)
        detail = _detail(before, contact, CONTACT_FIELDS)
        audit.log(cur, actor.staff_id, "update", "employer", contact.employer_id, f"kontakt {contact.name}: {detail}")
    return replace(contact, version=version)


def write_contacts(cur: Cursor, actor: Staff, contacts: Sequence[ContactPerson]) -> int:
    """The batch door for contact persons (contacts.csv; the file is the authority, no version check): each one
    validated as the contact form's (ContactChange), written in one set-based step (storage/exchange.py); only a
    new or changed one gets a new version and an audit row on its employer. Returns how many were new."""
    cleaned = [ContactChange(c.employer_id, c.name, c.role, c.phone, c.email, c.contact_id).cleaned()
               for c in contacts]  # fmt: skip
    raise_problems([p for _, problems in cleaned for p in problems])
    people = [ContactPerson(**{**values, "contact_id": values["contact_id"] or new_id("K")}) for values, _ in cleaned]
    new, before = exchange_sql.write_contacts(cur, people, actor.staff_id, datetime.now())
    fresh = set(new)
    audit.log_each(cur, actor.staff_id, "update", "employer", [
        (c.employer_id, f"kontakt {c.name}: {_detail(before.get(c.contact_id), c, CONTACT_FIELDS)}")
        for c in people if c.contact_id in fresh or c.contact_id in before
    ])  # fmt: skip
    return len(new)


def load_employers(cur: Cursor, actor: Staff, employers: Sequence[Employer]) -> int:
    """Many employers at once, as employers.csv brings them (the demo generator): through `write_employers`
    (every master field validated, owners checked, one audit row each), then the paused ones through
    `write_pauses`. Returns how many employers were written."""
    changes = [replace(EmployerChange.editing(e), version=None, confirmed_not_duplicate=True) for e in employers]
    saved = write_employers(cur, actor, changes)
    write_pauses(cur, actor, [PauseChange(e.employer_id, True, e.paused_reason) for e in employers if e.paused])
    return len(saved)


def write_pauses(cur: Cursor, actor: Staff, changes: Sequence[PauseChange]) -> None:
    """The batch door for pausing (no version check: the data is the authority): every change validated
    (a pause needs a reason), written in one statement, one audit row each."""
    cleaned = [c.cleaned() for c in changes]
    raise_problems([p for _, problems in cleaned for p in problems])
    rows = [(c.employer_id, c.paused, values["paused_reason"]) for c, (values, _) in zip(changes, cleaned, strict=True)]
    stored = employer_sql.employers_by_id(cur, [r[0] for r in rows])
    missing = sorted({r[0] for r in rows} - set(stored))
    raise_problems([FieldProblem("employer_id", f"virksomheden '{e}' findes ikke") for e in missing])
    employer_sql.write_pauses(cur, rows, actor.staff_id)
    for action, paused in (("pause", True), ("resume", False)):
        audit.log_each(cur, actor.staff_id, action, "employer", [
            (e, _detail(stored[e], replace(stored[e], paused=p, paused_reason=reason), employer_sql.PAUSE_COLUMNS))
            for e, p, reason in rows if p == paused
        ])  # fmt: skip


def set_paused(db: Database, actor: Staff, change: PauseChange) -> Employer:
    """Pause a relationship (a reason is required) or take it up again, from the form opened at `change.version`."""
    values, problems = change.cleaned()
    raise_problems(problems)
    with db.transaction() as cur:
        before = _existing(cur, change.employer_id)
        employer = replace(before, paused=change.paused, paused_reason=values["paused_reason"])
        expected = employer.version if change.version is None else change.version
        employer_sql.write_employer(cur, employer, employer_sql.PAUSE_COLUMNS, expected, actor.staff_id)
        action = "pause" if change.paused else "resume"
        detail = _detail(before, employer, employer_sql.PAUSE_COLUMNS)
        audit.log(cur, actor.staff_id, action, "employer", change.employer_id, detail)
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
        adapted = replace(employer, accommodations=merged, adaptations_note=note)
        employer_sql.write_employer(cur, adapted, employer_sql.ADAPTATION_COLUMNS, expected, actor.staff_id)
        detail = _detail(employer, adapted, employer_sql.ADAPTATION_COLUMNS)
        audit.log(cur, actor.staff_id, "update", "employer", change.employer_id, detail)
        return _existing(cur, change.employer_id)


def employer_labels(db: Database, employer_ids: Sequence[str]) -> dict[str, str]:
    """The label "name (postcode)" of each stored employer among `employer_ids`, as employer_choices gives them
    (the employer already chosen in a form, kept on offer beside the choices a search finds)."""
    with db.transaction() as cur:
        found = employer_sql.employers_by_id(cur, [i for i in employer_ids if i])
    return {i: f"{found[i].name} ({found[i].postcode})" for i in employer_ids if i in found}
