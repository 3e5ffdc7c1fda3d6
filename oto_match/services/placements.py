"""Placements and fastholdelse: the agreement, the follow-up calendar, hours over time, ending and release."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from oto_match import followups as cadence
from oto_match import records, retention, schemes, vocab
from oto_match.calendar_export import CalendarItem, initials, to_ics
from oto_match.domain import ContactPerson, FollowUp, Placement, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, RuleError, ValidationError
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.storage.placements import HoursChange
from oto_match.storage.rows import Cursor
from oto_match.validation import parse_windows_text


def _schedule(cur: Cursor, p: Placement) -> None:
    for planned in cadence.initial_schedule(p.start_date, p.placement_type):
        placement_sql.save_followup(cur, FollowUp(f"{p.placement_id}-{planned.key}", p.placement_id, planned.due_date,
                                                  planned.kind, planned.with_whom))  # fmt: skip


def create_placement(db: Database, actor: Staff, p: Placement) -> Placement:
    """Save a new placement with its hours at start and its follow-up schedule; the citizen's status follows."""
    p = replace(p, placement_id=p.placement_id or new_id("P"))
    if p.planned_end_date is None:
        p = replace(p, planned_end_date=schemes.default_end(p.placement_type, p.benefit_group, p.start_date))
    problems = records.placement_problems(p)
    if p.hours_week is None:
        problems += [FieldProblem("hours_week", "aftalte timer pr. uge mangler")]
    if problems:
        raise ValidationError(problems)
    with db.transaction() as cur:
        if citizen_sql.get_citizen(cur, p.citizen_id) is None:
            raise ValidationError.single("citizen_id", f"borgeren '{p.citizen_id}' findes ikke")
        if employer_sql.get_employer(cur, p.employer_id) is None:
            raise ValidationError.single("employer_id", f"virksomheden '{p.employer_id}' findes ikke")
        placement_sql.save_placement(cur, p)
        placement_sql.add_hours(
            cur, HoursChange(p.placement_id, p.start_date, float(p.hours_week or 0), actor.staff_id, "start")
        )
        _schedule(cur, p)
        citizen_sql.set_status(cur, p.citizen_id, schemes.STATUS_BY_PLACEMENT_TYPE[p.placement_type])
        audit.log(cur, actor.staff_id, "placement", "citizen", p.citizen_id, f"forløb {p.placement_id} oprettet")
    return p


def record_agreement(
    db: Database, actor: Staff, placement_id: str, citizen_accepted: bool, employer_accepted: bool
) -> Placement:
    """The consultant records that citizen and employer accepted; only both make the agreement 'agreed'."""
    with db.transaction() as cur:
        p = _get(cur, placement_id)
        p = replace(p, citizen_accepted=citizen_accepted, employer_accepted=employer_accepted)
        placement_sql.save_placement(cur, p, ("placement_id", "citizen_accepted", "employer_accepted"))
        audit.log(
            cur,
            actor.staff_id,
            "agreement",
            "citizen",
            p.citizen_id,
            f"borger {citizen_accepted}, virksomhed {employer_accepted}",
        )
    return p


def set_contact(db: Database, actor: Staff, placement_id: str, contact_id: str | None) -> Placement:
    """The employer's contact person for this placement (must belong to the placement's employer)."""
    with db.transaction() as cur:
        p = _get(cur, placement_id)
        if contact_id and contact_id not in {c.contact_id for c in employer_sql.contacts_of(cur, p.employer_id)}:
            raise ValidationError.single("contact_id", "kontaktpersonen hører ikke til forløbets virksomhed")
        p = replace(p, contact_id=contact_id)
        placement_sql.save_placement(cur, p, ("placement_id", "contact_id"))
        audit.log(cur, actor.staff_id, "update", "citizen", p.citizen_id, f"{placement_id}: kontaktperson")
    return p


def employer_contacts(db: Database, employer_id: str) -> list[ContactPerson]:
    with db.transaction() as cur:
        return employer_sql.contacts_of(cur, employer_id)


def _get(cur: Cursor, placement_id: str) -> Placement:
    p = placement_sql.get_placement(cur, placement_id)
    if p is None:
        raise NotFoundError(f"Forløbet {placement_id} findes ikke")
    return p


@dataclass(frozen=True)
class FollowUpLog:
    """What happened at a follow-up, and what changed."""

    when: date
    with_whom: str
    outcome: str
    notes: str = ""
    new_hours: float | None = None
    add_strains: tuple[str, ...] = ()
    remove_strains: tuple[str, ...] = ()
    new_schedule: str | None = None
    initiated_by: str = "team"


def _validate_log(log: FollowUpLog, p: Placement, today: date) -> None:
    problems = []
    if log.outcome not in vocab.FOLLOWUP_OUTCOMES:
        problems.append(FieldProblem("outcome", f"ukendt forløb '{log.outcome}'"))
    if log.with_whom not in vocab.FOLLOWUP_WITH:
        problems.append(FieldProblem("with", f"ukendt '{log.with_whom}'"))
    if log.when > today:
        problems.append(FieldProblem("done_date", "en opfølgning kan ikke logges i fremtiden"))
    if log.when < p.start_date:
        problems.append(FieldProblem("done_date", "ligger før forløbets start"))
    if log.new_hours is not None and not 0 <= log.new_hours <= 60:
        problems.append(FieldProblem("hours_week", "skal ligge mellem 0 og 60"))
    if problems:
        raise ValidationError(problems)


def log_followup(db: Database, actor: Staff, placement_id: str, followup_id: str | None, log: FollowUpLog,
                 today: date) -> FollowUp:  # fmt: skip
    """Log a follow-up (scheduled, or an extra contact when `followup_id` is None) with its changes."""
    schedule_text = parse_windows_text(log.new_schedule) if log.new_schedule else None
    with db.transaction() as cur:
        p = _get(cur, placement_id)
        if p.status != "active":
            raise RuleError("Forløbet er afsluttet; opfølgninger logges på aktive forløb")
        _validate_log(log, p, today)
        if followup_id:
            planned = placement_sql.get_followup(cur, followup_id)
            if planned is None or planned.placement_id != placement_id or not planned.is_open:
                raise RuleError("Opfølgningen findes ikke eller er allerede logget")
            done = replace(planned, status="done", done_date=log.when, done_by=actor.staff_id, outcome=log.outcome,
                           notes=log.notes.strip(), with_whom=log.with_whom)  # fmt: skip
        else:
            done = FollowUp(new_id("F"), placement_id, log.when, "ad_hoc", log.with_whom, "done", log.when,
                            actor.staff_id, log.outcome, log.notes.strip(), log.initiated_by)  # fmt: skip
        placement_sql.save_followup(cur, done)
        _apply_changes(cur, actor, p, log, schedule_text)
        _plan_next(cur, p, log)
        audit.log(cur, actor.staff_id, "followup", "citizen", p.citizen_id, f"{placement_id}: {log.outcome}")
    return done


def _apply_changes(cur: Cursor, actor: Staff, p: Placement, log: FollowUpLog, schedule_text: str | None) -> None:
    changed = p
    if log.new_hours is not None and log.new_hours != p.hours_week:
        placement_sql.add_hours(
            cur, HoursChange(p.placement_id, log.when, log.new_hours, actor.staff_id, log.notes[:80])
        )
        changed = replace(changed, hours_week=log.new_hours)
    if log.add_strains or log.remove_strains:
        kept = [s for s in p.agreed_strains if s not in log.remove_strains]
        changed = replace(changed, agreed_strains=tuple(dict.fromkeys([*kept, *log.add_strains])))
    if schedule_text is not None:
        changed = replace(changed, schedule=schedule_text)
    if changed != p:
        placement_sql.save_placement(cur, changed, ("placement_id", "hours_week", "agreed_strains", "schedule"))


def _plan_next(cur: Cursor, p: Placement, log: FollowUpLog) -> None:
    """A concern pulls the next follow-up forward; the open-ended cadence gets its next step when needed."""
    scheduled = [f for f in placement_sql.followups_of(cur, p.placement_id) if f.kind == "scheduled"]
    open_ones = [f for f in scheduled if f.is_open]
    if not open_ones:
        keys = [f.followup_id.rsplit("-s", 1)[-1] for f in scheduled]
        indices = [int(k) for k in keys if k.isdigit()]
        planned = cadence.next_in_cadence(p.start_date, max(indices, default=-1))
        nxt = FollowUp(
            f"{p.placement_id}-{planned.key}", p.placement_id, planned.due_date, planned.kind, planned.with_whom
        )
        placement_sql.save_followup(cur, nxt)
        open_ones = [nxt]
    if log.outcome == "concern":
        first = min(open_ones, key=lambda f: f.due_date)
        placement_sql.save_followup(cur, replace(first, due_date=cadence.pulled_forward(first.due_date, log.when)))


def end_placement(db: Database, actor: Staff, placement_id: str, end: date, reason: str, note: str = "",
                  learned_strains: tuple[str, ...] = ()) -> Placement:  # fmt: skip
    """End with a reason; open follow-ups are cancelled; what was learned can be added to the citizen's profile."""
    if reason not in vocab.END_REASONS:
        raise ValidationError.single("end_reason", f"vælg en årsag ({', '.join(vocab.END_REASONS)})")
    with db.transaction() as cur:
        p = _get(cur, placement_id)
        if p.status == "ended":
            raise RuleError("Forløbet er allerede afsluttet")
        if end < p.start_date:
            raise ValidationError.single("end_date", "ligger før forløbets start")
        ended = replace(p, status="ended", end_date=end, end_reason=reason, end_note=note.strip())
        placement_sql.save_placement(cur, ended, ("placement_id", "status", "end_date", "end_reason", "end_note"))
        placement_sql.cancel_open_followups(cur, placement_id)
        citizen = citizen_sql.get_citizen(cur, p.citizen_id)
        if citizen:
            spare = tuple(dict.fromkeys([*citizen.spare_strains, *learned_strains]))
            status = schemes.status_after_end(reason)
            citizen_sql.save_citizen(cur, replace(citizen, spare_strains=spare, status=status),
                                     ("citizen_id", "spare_strains", "status"))  # fmt: skip
        audit.log(cur, actor.staff_id, "placement_end", "citizen", p.citizen_id, f"{placement_id}: {reason}")
    return ended


def release(db: Database, actor: Staff, placement_id: str, when: date) -> Placement:
    """The team releases the person: they carry the job without the team; open follow-ups stop."""
    with db.transaction() as cur:
        p = _get(cur, placement_id)
        released = replace(p, released_on=when, released_by=actor.staff_id)
        placement_sql.save_placement(cur, released, ("placement_id", "released_on", "released_by"))
        placement_sql.cancel_open_followups(cur, placement_id)
        audit.log(cur, actor.staff_id, "release", "citizen", p.citizen_id, placement_id)
    return released


@dataclass(frozen=True)
class DueFollowUp:
    followup_id: str
    placement_id: str
    citizen_id: str
    employer_id: str
    citizen_name: str
    employer_name: str
    due_date: date
    kind: str
    with_whom: str
    overdue: bool


def due_followups(db: Database, actor: Staff, today: date, due_by: date | None = None, staff_id: str | None = None,
                  team_id: str | None = None) -> list[DueFollowUp]:  # fmt: skip
    """Open follow-ups (of a makkerpar member or a team), overdue first, then by date; optionally due by a date."""
    with db.transaction() as cur:
        rows = placement_sql.open_followups_of_staff(cur, staff_id, team_id, due_by)
    items = [
        DueFollowUp(str(r["followup_id"]), str(r["placement_id"]), str(r["citizen_id"]), str(r["employer_id"]),
                    str(r["citizen_name"]), str(r["employer_name"]), r["due_date"], str(r["kind"]),  # type: ignore[arg-type]
                    str(r["with_whom"]), r["due_date"] < today)  # type: ignore[operator]
        for r in rows
    ]  # fmt: skip
    return sorted(items, key=lambda f: (not f.overdue, f.due_date, f.followup_id))


def calendar(db: Database, actor: Staff, today: date) -> bytes:
    """The acting consultant's open follow-ups as .ics: initials and employer only, no health details."""
    items = [
        CalendarItem(f.followup_id, f.due_date, f.kind, f.with_whom, initials(f.citizen_name), f.employer_name)
        for f in due_followups(db, actor, today, staff_id=actor.staff_id)
    ]  # fmt: skip
    return to_ics(items, datetime.combine(today, datetime.min.time()))


def retention_figures(db: Database, today: date) -> retention.RetentionFigures:
    with db.transaction() as cur:
        placements = placement_sql.list_placements(cur)
        history: dict[str, list[tuple[date, float]]] = {}
        for h in placement_sql.hours_history(cur):
            history.setdefault(h.placement_id, []).append((h.effective_date, h.hours_week))
    return retention.retention(placements, history, today)


@dataclass(frozen=True)
class PlacementView:
    placement: Placement
    followups: list[FollowUp]
    hours: list[HoursChange]
    warnings: list[schemes.Warning]
    citizen_name: str
    employer_name: str


def placement_view(db: Database, actor: Staff, placement_id: str, today: date) -> PlacementView:
    with db.transaction() as cur:
        p = _get(cur, placement_id)
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
) -> list[tuple[Placement, str, str]]:
    """(placement, citizen name, employer name) for a team (or all) and a status (or all)."""
    with db.transaction() as cur:
        return placement_sql.placements_with_names(cur, team_id, status)
