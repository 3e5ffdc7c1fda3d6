"""Follow-ups: logging one (with its changes to the placement), follow-ups from a file, changes of hours,
the lists (Mine opfølgninger, the team's) and the Outlook calendar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from oto_match import audit_detail as audit_text
from oto_match import followups as cadence
from oto_match import vocab
from oto_match.access import Action
from oto_match.calendar_export import CalendarItem, initials, to_ics
from oto_match.domain import FollowUp, Placement, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, RuleError, ValidationError
from oto_match.placement_inputs import FollowUpLog, HoursUpdate, followup_row_problems
from oto_match.services import citizens as citizen_service
from oto_match.services import guard
from oto_match.services.citizens import FollowOnChange
from oto_match.services.paging import Page, read_page
from oto_match.storage import audit
from oto_match.storage import placement_lists as list_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.storage.placement_lists import FollowUpWhere
from oto_match.storage.placements import HoursChange, OpenFollowUp
from oto_match.storage.rows import Cursor

FOLLOWUPS_PAGE_SIZE = 50  # follow-ups per page of the lists on Fastholdelse


def _get(cur: Cursor, placement_id: str) -> Placement:
    p = placement_sql.get_placement(cur, placement_id)
    if p is None:
        raise NotFoundError(f"Forløbet {placement_id} findes ikke")
    return p


def _done(cur: Cursor, actor: Staff, p: Placement, followup_id: str | None, log: FollowUpLog) -> FollowUp:
    """The planned follow-up as done, or (without an id) an extra contact outside the plan."""
    if not followup_id:
        return FollowUp(new_id("F"), p.placement_id, log.when, "ad_hoc", log.with_whom, "done", log.when,
                        actor.staff_id, log.outcome, log.notes, log.initiated_by)  # fmt: skip
    planned = placement_sql.get_followup(cur, followup_id)
    if planned is None or planned.placement_id != p.placement_id or not planned.is_open:
        raise RuleError("Opfølgningen findes ikke eller er allerede logget")
    return replace(planned, status="done", done_date=log.when, done_by=actor.staff_id, outcome=log.outcome,
                   notes=log.notes, with_whom=log.with_whom)  # fmt: skip


def log_followup(db: Database, actor: Staff, placement_id: str, followup_id: str | None, log: FollowUpLog,
                 today: date, *, placement_version: int, followup_version: int = 0) -> FollowUp:  # fmt: skip
    """Log a follow-up (a planned one, or an extra contact when `followup_id` is None) with its changes
    (to the placement; a skånehensyn to the citizen's profile too), in one transaction. The versions are
    those the form was opened on: a follow-up or placement saved by someone else since is not
    overwritten (`followup_version` 0: the follow-up as it is now)."""
    with db.transaction() as cur:
        guard.require_placements(cur, actor, Action.WRITE_CITIZEN, [placement_id])
        p = _get(cur, placement_id)
        guard.refuse_erased(cur, [p.citizen_id])
        if p.status != "active":
            raise RuleError("Forløbet er afsluttet; opfølgninger logges på aktive forløb")
        problems = log.problems(today)
        if log.when < p.start_date:
            problems.append(FieldProblem("when", "ligger før forløbets start"))
        if problems:
            raise ValidationError(problems)
        done = _done(cur, actor, p, followup_id, log)
        placement_sql.save_followup(cur, done, (followup_version or done.version) if followup_id else 0,
                                    actor.staff_id)  # fmt: skip
        changed = _apply_changes(cur, actor, p, log, placement_version)
        _strains_to_profile(cur, actor, p, log)
        _plan_next(cur, actor, p, log)
        audit.log(cur, actor.staff_id, "followup", "citizen", p.citizen_id, _detail(p, changed, log))
        return placement_sql.get_followup(cur, done.followup_id) or done


def _strains_to_profile(cur: Cursor, actor: Staff, p: Placement, log: FollowUpLog) -> None:
    """A skånehensyn added or dropped at a follow-up is the citizen's as well as the placement's: it goes
    to the citizen's strains to spare through the citizen's door (a new version, audited as a change
    of "Skal skånes for"), so every later ranking respects it."""
    if log.add_strains or log.remove_strains:
        change = FollowOnChange(p.citizen_id, add_spare=log.add_strains, drop_spare=log.remove_strains)
        citizen_service.apply_follow_on_changes(cur, actor, [change])


def _detail(before: Placement, after: Placement, log: FollowUpLog) -> str:
    """The follow-up's row in the citizen's log: "forløb P1: Hvordan går det: trives; Timer/uge: 10 → 15; …"
    (the placement's changes as field, old value → new value; agreed strains too, blanked by an erasure)."""
    outcome = f"{vocab.field_label('outcome')}: {audit_text.value_text(log.outcome, vocab.FOLLOWUP_OUTCOMES)}"
    changes = audit_text.describe_records(before, after, CHANGED_AT_FOLLOWUP, audit_text.PLACEMENT_CODES)
    text = audit_text.FIELD_SEPARATOR.join(filter(None, (outcome, changes)))
    return audit_text.about_placement(before.placement_id, text)


CHANGED_AT_FOLLOWUP = ("hours_week", "agreed_strains", "schedule")


def _apply_changes(cur: Cursor, actor: Staff, p: Placement, log: FollowUpLog, version: int) -> Placement:
    """New hours (a history row too), strains agreed or dropped, new working times; the placement as changed."""
    changed = p
    if log.new_hours is not None and log.new_hours != p.hours_week:
        changed = replace(changed, hours_week=log.new_hours)
    if log.add_strains or log.remove_strains:
        kept = [s for s in p.agreed_strains if s not in log.remove_strains]
        changed = replace(changed, agreed_strains=tuple(dict.fromkeys([*kept, *log.add_strains])))
    if log.new_schedule is not None:
        changed = replace(changed, schedule=log.new_schedule)
    if changed == p:
        return p
    placement_sql.save_placement(cur, changed, CHANGED_AT_FOLLOWUP, version, actor.staff_id)
    if changed.hours_week != p.hours_week:
        placement_sql.insert_hours(cur, [HoursChange(p.placement_id, log.when, float(changed.hours_week or 0),
                                                     actor.staff_id, log.notes[:80])])  # fmt: skip
    return changed


def _plan_next(cur: Cursor, actor: Staff, p: Placement, log: FollowUpLog) -> None:
    """The open-ended cadence gets its next step when none is open; a concern adds an extra follow-up
    within a week (followups.extra_after_concern) and moves nothing that is planned."""
    scheduled = [f for f in placement_sql.followups_of(cur, p.placement_id) if f.kind == "scheduled"]
    if not any(f.is_open for f in scheduled):
        indices = [i for f in scheduled if (i := cadence.cadence_index(f.followup_id)) is not None]
        planned = cadence.next_in_cadence(p.start_date, max(indices, default=-1))
        nxt = FollowUp(cadence.followup_id(p.placement_id, planned.key), p.placement_id, planned.due_date,
                       planned.kind, planned.with_whom)  # fmt: skip
        placement_sql.save_followup(cur, nxt, 0, actor.staff_id)
    if log.outcome != "concern":
        return
    due = cadence.extra_after_concern(log.when, log.with_whom, placement_sql.followups_of(cur, p.placement_id))
    if due is not None:
        extra = FollowUp(new_id("F"), p.placement_id, due, "ad_hoc", log.with_whom, initiated_by="team")
        placement_sql.save_followup(cur, extra, 0, actor.staff_id)


def import_followups(cur: Cursor, actor: Staff, items: Sequence[FollowUp], today: date | None = None) -> int:
    """followups.csv (and the demo's history): follow-ups as the file says them, by id, after the same
    checks a logged follow-up gets. Returns how many were new."""
    guard.require_placements(cur, actor, Action.WRITE_CITIZEN, [f.placement_id for f in items])
    citizen_of = guard.placement_citizens(cur, [f.placement_id for f in items])
    guard.refuse_erased(cur, [citizen_of.get(f.placement_id, "") for f in items], field="placement_id")
    problems = [p for f in items for p in followup_row_problems(f, today or date.today())]
    if problems:
        raise ValidationError(problems)
    return placement_sql.upsert_followups(cur, items, actor.staff_id)


def record_hours(cur: Cursor, actor: Staff, changes: Sequence[HoursUpdate]) -> None:
    """Changes of agreed hours (the demo's history): history rows, and each placement's current hours."""
    guard.require_placements(cur, actor, Action.WRITE_CITIZEN, [c.placement_id for c in changes])
    citizen_of = guard.placement_citizens(cur, [c.placement_id for c in changes])
    guard.refuse_erased(cur, [citizen_of.get(c.placement_id, "") for c in changes], field="placement_id")
    problems = [p for change in changes for p in change.problems()]
    if problems:
        raise ValidationError(problems)
    placement_sql.insert_hours(cur, [HoursChange(*change) for change in changes])
    placement_sql.set_current_hours(cur, list(dict.fromkeys(c.placement_id for c in changes)), actor.staff_id)


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

    @classmethod
    def of(cls, f: OpenFollowUp, today: date) -> DueFollowUp:
        return cls(**{x.name: getattr(f, x.name) for x in fields(OpenFollowUp)}, overdue=f.due_date < today)


def due_followups(db: Database, actor: Staff, today: date, due_by: date | None = None, staff_id: str | None = None,
                  team_id: str | None = None) -> list[DueFollowUp]:  # fmt: skip
    """Open follow-ups (of a makkerpar member or a team), overdue first, then by date; optionally due by a date."""
    with db.transaction() as cur:
        scope = guard.scope_of(cur, actor)
        if scope.nothing:
            return []
        team_id = guard.query_team(scope, team_id)
        rows = guard.keep_visible(cur, actor, placement_sql.open_followups_of_staff(cur, staff_id, team_id, due_by))
    items = [DueFollowUp.of(r, today) for r in rows]
    return sorted(items, key=lambda f: (not f.overdue, f.due_date, f.followup_id))


def followup_page(db: Database, actor: Staff, today: date, where: FollowUpWhere, page: int = 1,
                  size: int = FOLLOWUPS_PAGE_SIZE) -> Page[DueFollowUp]:  # fmt: skip
    """One page of the open follow-ups passing `where` of the citizens the actor sees, overdue first, then by
    date (due_followups' order; filtered, counted and paged in the database: the lists on Fastholdelse)."""
    with db.transaction() as cur:
        scope = guard.scope_of(cur, actor)
        if scope.nothing:
            return Page([], 0, 1, 1, size)
        found = read_page(lambda offset, limit: list_sql.open_followup_lines(cur, scope, where, offset, limit),
                          page, size)  # fmt: skip
    return Page([DueFollowUp.of(r, today) for r in found.rows], found.matching, found.page, found.pages, size)


def calendar(db: Database, actor: Staff, today: date) -> bytes:
    """The acting consultant's open follow-ups as .ics: initials and employer only, no health details."""
    due = due_followups(db, actor, today, staff_id=actor.staff_id)
    items = [
        CalendarItem(f.followup_id, f.due_date, f.kind, f.with_whom, initials(f.citizen_name), f.employer_name)
        for f in due
    ]  # fmt: skip
    with db.transaction() as cur:  # an export: one audit row per citizen in it
        audit.log_each(cur, actor.staff_id, "export", "citizen",
                       [(c, "kalender (.ics)") for c in dict.fromkeys(f.citizen_id for f in due)])  # fmt: skip
    return to_ics(items, datetime.combine(today, datetime.min.time()))
