"""Placements: creating them (the one door), the agreement, the contact person, ending and release.

Every new placement, from the form, placements.csv, the CLI or the demo, goes through
`create_placements` (a batch; `create_placement` is a batch of one). It owns every rule of a start:
the derived defaults, the hours at start, the follow-up plan, the citizen's status (through the citizen's
door, services/citizens.apply_follow_on_changes) and the audit row.
Follow-ups and the lists of them are in services/followups.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from oto_match import audit_detail as audit_text
from oto_match import followups as cadence
from oto_match import records, retention, schemes, vocab
from oto_match.access import Action
from oto_match.domain import ContactPerson, FollowUp, Placement, Staff, new_id
from oto_match.errors import DuplicateRecordError, FieldProblem, NotFoundError, RuleError, ValidationError
from oto_match.placement_inputs import AGREEMENT_TEXT_MAX, NewPlacement
from oto_match.services import citizens as citizen_service
from oto_match.services import guard
from oto_match.services.citizens import FollowOnChange
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import placement_lists as list_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import retention as retention_sql
from oto_match.storage.db import Database
from oto_match.storage.placement_lists import PlacementWhere
from oto_match.storage.placements import HoursChange, NamedPlacement
from oto_match.storage.rows import Cursor
from oto_match.validation import date_problem, text_problem

WHAT = "Forløbet"
PLACEMENT_CHOICES_MAX = 100  # placements offered at once in the page's picker (search for the rest)
# What placements.csv says about a placement it updates (the rest stays as the team wrote it).
IMPORT_COLUMNS = tuple(c for c in records.PLACEMENT_COLUMNS if c in placement_sql.PLACEMENT_COLUMNS)


@dataclass(frozen=True)
class PlacementBatch:
    created: list[Placement]
    updated: list[str]


def _reference_problems(cur: Cursor, items: Sequence[NewPlacement]) -> list[FieldProblem]:
    """Citizens, employers and jobs named must exist; an id given twice in one batch is refused."""
    problems: list[FieldProblem] = []
    for field, table in (("citizen_id", "citizens"), ("employer_id", "employers"), ("job_id", "job_openings")):
        named = [getattr(i, field) for i in items if getattr(i, field)]
        known = placement_sql.existing_ids(cur, table, placement_sql.REFERENCED[table], named)
        problems += [FieldProblem(field, f"'{v}' findes ikke") for v in dict.fromkeys(named) if v not in known]
    twice = Counter(i.placement_id for i in items if i.placement_id)
    problems += [FieldProblem("placement_id", f"'{v}' står to gange") for v, n in twice.items() if n > 1]
    return problems


def _placement(item: NewPlacement, job_employers: dict[str, str],
               makkerpar: dict[str, tuple[str | None, str | None]]) -> Placement:  # fmt: skip
    """The placement an input describes, with what was left out derived from the other records."""
    employer_id = item.employer_id or job_employers[item.job_id or ""]
    partner1, partner2 = item.makkerpar if item.makkerpar is not None else makkerpar.get(item.citizen_id, (None, None))
    planned_end = item.planned_end_date or schemes.default_end(item.placement_type, item.benefit_group,
                                                               item.start_date)  # fmt: skip
    return Placement(
        item.placement_id or new_id("P"), item.citizen_id, employer_id, item.placement_type, item.start_date,
        item.job_id, planned_end, item.hours_week, item.schedule, partner1, partner2, None, item.benefit_group,
        item.employer_expects, item.citizen_expects, item.success_employer, item.success_citizen,
        item.agreed_strains, item.adaptations_note, item.path_to_paid, item.citizen_accepted, item.employer_accepted,
        item.status, item.end_date, item.end_reason, item.end_note, mentor_start=item.mentor_start,
    )  # fmt: skip


def _plan(p: Placement) -> list[FollowUp]:
    """The follow-up plan of a new placement; an imported placement that has ended has its plan cancelled."""
    status = "open" if p.status == "active" else "cancelled"
    return [
        FollowUp(cadence.followup_id(p.placement_id, s.key), p.placement_id, s.due_date, s.kind, s.with_whom, status)
        for s in cadence.initial_schedule(p.start_date, p.placement_type)
    ]


def create_placements(cur: Cursor, actor: Staff, items: Sequence[NewPlacement],
                      update_columns: Sequence[str] = ()) -> PlacementBatch:  # fmt: skip
    """Start many placements at once (set-based writes), with every rule of a start.

    A placement gets: the employer of its job when none is named; the scheme's normal planned end when
    none is given; its citizen's makkerpar when none is given; its hours at start as the first hours row;
    the follow-up plan (followups.initial_schedule, ids placement-s0 …); the citizen's status by its type
    (or, for an ended one, by its end reason); one audit row. An id that exists already is refused
    (a form sent twice) unless `update_columns` names what an import may overwrite.
    """
    guard.require_citizens(cur, actor, Action.WRITE_CITIZEN, [i.citizen_id for i in items if i.citizen_id])
    guard.require_placements(cur, actor, Action.WRITE_CITIZEN, [i.placement_id for i in items if i.placement_id])
    stored = guard.placement_citizens(cur, [i.placement_id for i in items if i.placement_id])  # updates' citizens
    guard.refuse_erased(cur, [c for i in items for c in (i.citizen_id, stored.get(i.placement_id or "")) if c])
    problems = [problem for item in items for problem in item.problems()] + _reference_problems(cur, items)
    if problems:
        raise ValidationError(problems)
    jobs = placement_sql.employer_of_jobs(cur, [i.job_id for i in items if i.job_id and not i.employer_id])
    makkerpar = placement_sql.makkerpar_of(cur, [i.citizen_id for i in items if i.makkerpar is None])
    placements = [_placement(i, jobs, makkerpar) for i in items]
    existing = placement_sql.existing_ids(cur, "placements", "placement_id", [p.placement_id for p in placements])
    if existing and not update_columns:
        by, at = placement_sql.last_change(cur, sorted(existing)[0])
        raise DuplicateRecordError(WHAT, by, at)
    new = [p for p in placements if p.placement_id not in existing]
    _write_new(cur, actor, new)
    updated = [p for p in placements if p.placement_id in existing]
    before = {p.placement_id: _get(cur, p.placement_id) for p in updated}
    for p in updated:
        placement_sql.save_placement(cur, p, update_columns, None, actor.staff_id)
    placement_sql.cancel_open_followups(cur, [p.placement_id for p in updated if p.status == "ended"], actor.staff_id)
    audit.log_each(cur, actor.staff_id, "update", "citizen", [
        (p.citizen_id, _detail(before[p.placement_id], p, update_columns, "opdateret ved import")) for p in updated
    ])  # fmt: skip
    return PlacementBatch(new, [p.placement_id for p in updated])


def _write_new(cur: Cursor, actor: Staff, new: list[Placement]) -> None:
    staff_id = actor.staff_id if placement_sql.existing_ids(cur, "staff", "staff_id", [actor.staff_id]) else None
    placement_sql.insert_placements(cur, new, actor.staff_id)
    placement_sql.insert_hours(cur, [HoursChange(p.placement_id, p.start_date, float(p.hours_week or 0), staff_id,
                                                 "start") for p in new])  # fmt: skip
    placement_sql.insert_followups(cur, [f for p in new for f in _plan(p)], actor.staff_id)
    by_start = sorted(new, key=lambda p: (p.start_date, p.placement_id))
    citizen_service.apply_follow_on_changes(cur, actor, [
        FollowOnChange(p.citizen_id, status=schemes.citizen_status(p.placement_type, p.end_reason)) for p in by_start
    ])  # fmt: skip
    audit.log_each(cur, actor.staff_id, "placement", "citizen",
                   [(p.citizen_id, _detail(None, p, _CREATED, "oprettet")) for p in new])  # fmt: skip


_CREATED = tuple(c for c in placement_sql.PLACEMENT_COLUMNS if c not in ("placement_id", "citizen_id"))


def _detail(before: Placement | None, after: Placement, columns: Sequence[str], what: str = "") -> str:
    """A placement's row in its citizen's log: "forløb P1[ what]: field: old → new; …" (audit_detail's rule;
    the agreed strains are written too, and blanked with the row by an erasure)."""
    changes = audit_text.describe_records(before, after, columns, audit_text.PLACEMENT_CODES)
    head = f"{after.placement_id} {what}" if what else after.placement_id
    return audit_text.about_placement(head, changes)


def create_placement(db: Database, actor: Staff, item: NewPlacement) -> Placement:
    """Start one placement (the form): a batch of one, in one transaction."""
    with db.transaction() as cur:
        (created,) = create_placements(cur, actor, [item]).created
        return placement_sql.get_placement(cur, created.placement_id) or created


def import_placements(cur: Cursor, actor: Staff, items: Sequence[NewPlacement]) -> int:
    """placements.csv: new placements start through the same door; known ids get the file's columns.
    Returns how many were new."""
    return len(create_placements(cur, actor, items, update_columns=IMPORT_COLUMNS).created)


def _get(cur: Cursor, placement_id: str) -> Placement:
    p = placement_sql.get_placement(cur, placement_id)
    if p is None:
        raise NotFoundError(f"Forløbet {placement_id} findes ikke")
    return p


def _get_checked(cur: Cursor, actor: Staff, action: Action, placement_id: str) -> Placement:
    """The placement, once the actor may do `action` for its citizen (refused before anything is returned); a
    write about an erased citizen is refused (guard.refuse_erased)."""
    guard.require_placements(cur, actor, action, [placement_id])
    p = _get(cur, placement_id)
    if action != Action.READ_CITIZEN:
        guard.refuse_erased(cur, [p.citizen_id])
    return p


def _save(cur: Cursor, actor: Staff, p: Placement, columns: tuple[str, ...], version: int) -> Placement:
    """Save the changed columns if the placement is still as the form saw it; the placement as saved."""
    placement_sql.save_placement(cur, p, columns, version, actor.staff_id)
    return _get(cur, p.placement_id)


def record_agreement(db: Database, actor: Staff, placement_id: str, citizen_accepted: bool, employer_accepted: bool,
                     version: int) -> Placement:  # fmt: skip
    """The consultant records that citizen and employer accepted; only both make the agreement 'agreed'."""
    with db.transaction() as cur:
        stored = _get_checked(cur, actor, Action.WRITE_CITIZEN, placement_id)
        p = replace(stored, citizen_accepted=citizen_accepted, employer_accepted=employer_accepted)
        saved = _save(cur, actor, p, ("citizen_accepted", "employer_accepted"), version)
        audit.log(cur, actor.staff_id, "agreement", "citizen", p.citizen_id,
                  _detail(stored, p, ("citizen_accepted", "employer_accepted")))  # fmt: skip
    return saved


def set_contact(db: Database, actor: Staff, placement_id: str, contact_id: str | None, version: int) -> Placement:
    """The employer's contact person for this placement (must belong to the placement's employer)."""
    with db.transaction() as cur:
        p = _get_checked(cur, actor, Action.WRITE_CITIZEN, placement_id)
        if contact_id and contact_id not in {c.contact_id for c in employer_sql.contacts_of(cur, p.employer_id)}:
            raise ValidationError.single("contact_id", "kontaktpersonen hører ikke til forløbets virksomhed")
        saved = _save(cur, actor, replace(p, contact_id=contact_id), ("contact_id",), version)
        audit.log(cur, actor.staff_id, "update", "citizen", p.citizen_id, _detail(p, saved, ("contact_id",)))
    return saved


def employer_contacts(db: Database, employer_id: str) -> list[ContactPerson]:
    with db.transaction() as cur:
        return employer_sql.contacts_of(cur, employer_id)


def _end_problems(p: Placement, end: date, reason: str, note: str) -> list[FieldProblem]:
    problems = []
    if reason not in vocab.END_REASONS:
        problems.append(FieldProblem("end_reason", f"vælg en årsag ({', '.join(vocab.END_REASONS.values())})"))
    if problem := date_problem(end):
        problems.append(FieldProblem("end_date", problem))
    elif end < p.start_date:
        problems.append(FieldProblem("end_date", "ligger før forløbets start"))
    if problem := text_problem(note.strip(), AGREEMENT_TEXT_MAX):
        problems.append(FieldProblem("end_note", problem))
    return problems


def end_placement(db: Database, actor: Staff, placement_id: str, end: date, reason: str, note: str = "",
                  learned_strains: tuple[str, ...] = (), *, version: int) -> Placement:  # fmt: skip
    """End with a reason; open follow-ups are cancelled; the citizen's status follows the reason, and what
    was learned is added to the citizen's strains to spare (both through the citizen's door: one new
    version of the citizen, audited as a change of "Status" and "Skal skånes for")."""
    with db.transaction() as cur:
        p = _get_checked(cur, actor, Action.WRITE_CITIZEN, placement_id)
        if p.status == "ended":
            raise RuleError("Forløbet er allerede afsluttet")
        if problems := _end_problems(p, end, reason, note):
            raise ValidationError(problems)
        ended = replace(p, status="ended", end_date=end, end_reason=reason, end_note=note.strip())
        saved = _save(cur, actor, ended, ("status", "end_date", "end_reason", "end_note"), version)
        placement_sql.cancel_open_followups(cur, [placement_id], actor.staff_id)
        citizen_service.apply_follow_on_changes(cur, actor, [
            FollowOnChange(p.citizen_id, status=schemes.status_after_end(reason), add_spare=learned_strains)
        ])  # fmt: skip
        detail = _detail(p, saved, ("status", "end_date", "end_reason", "end_note"))
        audit.log(cur, actor.staff_id, "placement_end", "citizen", p.citizen_id, detail)
    return saved


def release(db: Database, actor: Staff, placement_id: str, when: date, *, version: int) -> Placement:
    """The team releases the person: they carry the job without the team; open follow-ups stop."""
    with db.transaction() as cur:
        p = _get_checked(cur, actor, Action.WRITE_CITIZEN, placement_id)
        released = replace(p, released_on=when, released_by=actor.staff_id)
        saved = _save(cur, actor, released, ("released_on", "released_by"), version)
        placement_sql.cancel_open_followups(cur, [placement_id], actor.staff_id)
        audit.log(cur, actor.staff_id, "release", "citizen", p.citizen_id,
                  _detail(p, saved, ("released_on", "released_by")))  # fmt: skip
    return saved


@dataclass(frozen=True)
class PlacementView:
    placement: Placement
    followups: list[FollowUp]
    hours: list[HoursChange]
    warnings: list[schemes.EndWarning]
    citizen_name: str
    employer_name: str


def placement_view(db: Database, actor: Staff, placement_id: str, today: date) -> PlacementView:
    with db.transaction() as cur:
        p = _get_checked(cur, actor, Action.READ_CITIZEN, placement_id)
        citizen = citizen_sql.get_citizen(cur, p.citizen_id)
        employer = employer_sql.get_employer(cur, p.employer_id)
        audit.log(cur, actor.staff_id, "view", "citizen", p.citizen_id, f"forløb {placement_id}")
        return PlacementView(
            p,
            placement_sql.followups_of(cur, placement_id),
            placement_sql.hours_history(cur, placement_id),
            schemes.end_warnings(p, today, p.mentor_start),
            citizen.name if citizen else p.citizen_id,
            employer.name if employer else p.employer_id,
        )


def list_placements(
    db: Database, actor: Staff, team_id: str | None = None, status: str | None = "active"
) -> list[NamedPlacement]:
    """Placements with citizen and employer names for a team (or all) and a status (or all), of the citizens the
    actor sees."""
    with db.transaction() as cur:
        scope = guard.scope_of(cur, actor)
        if scope.nothing:
            return []
        team_id = guard.query_team(scope, team_id)
        rows = placement_sql.placements_with_names(cur, team_id, status)
        return guard.keep_visible(cur, actor, rows, lambda r: r.placement.citizen_id)


def placement_choices(db: Database, actor: Staff, where: PlacementWhere, keep: Sequence[str] = (),
                      limit: int = PLACEMENT_CHOICES_MAX) -> tuple[list[NamedPlacement], int]:  # fmt: skip
    """Placements to pick on the page, of the citizens the actor sees: those of `keep` (the one chosen, while it
    passes the team and status asked for) first, then up to `limit` passing `where` (newest start first), and
    how many pass in all (filtered and counted in the database)."""
    with db.transaction() as cur:
        scope = guard.scope_of(cur, actor)
        if scope.nothing:
            return [], 0
        found, matching = list_sql.placement_lines(cur, scope, where, 0, limit)
        kept = list_sql.named_placements(cur, scope, where, [k for k in keep if k])
    kept_ids = {k.placement.placement_id for k in kept}
    return [*kept, *(p for p in found if p.placement.placement_id not in kept_ids)], matching


def retention_figures(db: Database, actor: Staff, today: date) -> retention.RetentionFigures:
    """The figures over the placements of the citizens the actor sees (a leader: every team; employer only: none),
    worked out in the database by storage/retention.py, which mirrors the rules of retention.retention."""
    with db.transaction() as cur:
        scope = guard.scope_of(cur, actor)
        if scope.nothing:
            return retention.retention([], {}, today)
        return retention_sql.retention_figures(cur, scope, retention.MILESTONES, today)
