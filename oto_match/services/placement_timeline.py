"""The timeline of one placement on Fastholdelse: each follow-up on the day it was done (or is due), who took
part, how it went, and what was changed at it (hours, working times, skånehensyn).

What a follow-up changed is read from its own row in the citizen's log (written in the same save, see
storage/audit.followup_log_details); for follow-ups saved before the log said so, an hours change on the day the
follow-up was done is read from the hours history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from oto_match import audit_detail, vocab
from oto_match.access import Action
from oto_match.domain import FollowUp, Staff
from oto_match.services import guard
from oto_match.storage import audit
from oto_match.storage import gdpr as gdpr_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.storage.placements import HoursChange


@dataclass(frozen=True)
class TimelineEntry:
    followup: FollowUp
    when: date  # the day it was done; for one not done, the day it is due
    state: str  # done, open, overdue or cancelled
    done_by: str  # the name of the one who logged it ('' when not done)
    changes: str  # "Timer/uge: 8 → 9; Aftalte skånehensyn: – → kulde" ('' when nothing was changed)


def changes_of(detail: str) -> str:
    """The changes in a follow-up's log row: without the placement it is about and without 'Hvordan går det'
    (the timeline shows that on its own)."""
    text = detail
    if text.startswith(audit_detail.PLACEMENT_PREFIX):
        text = text.partition(audit_detail.LABEL_END)[2]
    outcome = vocab.field_label("outcome") + audit_detail.LABEL_END
    parts = [p for p in text.split(audit_detail.FIELD_SEPARATOR) if p and not p.startswith(outcome)]
    return audit_detail.FIELD_SEPARATOR.join(parts)


def hours_changed_on(hours: list[HoursChange], day: date) -> str:
    """'Timer/uge: 8 → 9' when the hours history has a change on `day` (the first row is the start, not a
    change), else ''."""
    for before, row in pairwise(hours):
        if row.effective_date == day:
            return audit_detail.change_text("hours_week", before.hours_week, row.hours_week)
    return ""


def state_of(f: FollowUp, today: date) -> str:
    """Done, cancelled, overdue (open and due before today) or open."""
    if f.status in ("done", "cancelled"):
        return f.status
    return "overdue" if f.is_overdue(today) else "open"


def timeline_entries(followups: list[FollowUp], hours: list[HoursChange], details: dict[str, str],
                     names: dict[str, str], today: date) -> list[TimelineEntry]:  # fmt: skip
    """Every follow-up in date order: a done one on the day it was done, the others on their due date."""
    entries = []
    for f in followups:
        done = f.status == "done"
        when = (f.done_date or f.due_date) if done else f.due_date
        changes = changes_of(details[f.followup_id]) if f.followup_id in details else ""
        if done and not changes:
            changes = hours_changed_on(hours, when)
        who = names.get(f.done_by or "", "en medarbejder") if done else ""
        entries.append(TimelineEntry(f, when, state_of(f, today), who, changes))
    return sorted(entries, key=lambda e: (e.when, e.followup.followup_id))


def placement_timeline(db: Database, actor: Staff, placement_id: str, today: date) -> list[TimelineEntry]:
    """The placement's follow-ups as a timeline (refused unless the actor may read its citizen)."""
    with db.transaction() as cur:
        guard.require_placements(cur, actor, Action.READ_CITIZEN, [placement_id])
        p = placement_sql.get_placement(cur, placement_id)
        if p is None:
            return []
        prefix = audit_detail.about_placement(placement_id, "x")[:-1]  # "forløb P1: "
        details = audit.followup_log_details(cur, p.citizen_id, placement_id, prefix)
        return timeline_entries(placement_sql.followups_of(cur, placement_id),
                                placement_sql.hours_history(cur, placement_id), details,
                                gdpr_sql.staff_names(cur), today)  # fmt: skip
