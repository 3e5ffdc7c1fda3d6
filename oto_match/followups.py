"""Fastholdelse: the follow-up cadence and the scheme rules, as tables the team can read."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from oto_match.domain import FollowUp


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CadenceStep:
    label: str
    weeks: int = 0
    months: int = 0
    with_whom: str = "both"

    def due(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(weeks=self.weeks)


# The follow-up cadence after a start, in plain words: weekly during the first four weeks
# (IPS: weekly in person in the first month), then at 2, 3, 6 and 12 months, then every three
# months for as long as the team has not released the person (follow-along has no time limit).
FIRST_YEAR_CADENCE: tuple[CadenceStep, ...] = (
    CadenceStep("uge 1", weeks=1),
    CadenceStep("uge 2", weeks=2),
    CadenceStep("uge 3", weeks=3),
    CadenceStep("uge 4", weeks=4),
    CadenceStep("2 måneder", months=2),
    CadenceStep("3 måneder", months=3),
    CadenceStep("6 måneder", months=6),
    CadenceStep("12 måneder", months=12),
)
MONTHS_BETWEEN_LATER_FOLLOWUPS = 3

# The jobcentre's statutory fleksjob reviews (a fleksjob is granted for 5 years at a time):
# a review every 2½ years, and a status assessment before 4½ years.
FLEX_JOB_REVIEWS: tuple[CadenceStep, ...] = (
    CadenceStep("jobcentrets revurdering (2½ år)", months=30, with_whom="citizen"),
    CadenceStep("statusvurdering før 4½ år", months=54, with_whom="citizen"),
)

# A `concern` adds an extra follow-up no later than this many days after the contact.
CONCERN_FOLLOWUP_DAYS = 7


def cadence_step(index: int) -> CadenceStep:
    """Step `index` (0-based) of the open-ended cadence: the first-year table, then every 3 months."""
    if index < len(FIRST_YEAR_CADENCE):
        return FIRST_YEAR_CADENCE[index]
    months = 12 + MONTHS_BETWEEN_LATER_FOLLOWUPS * (index - len(FIRST_YEAR_CADENCE) + 1)
    return CadenceStep(f"{months} måneder", months=months)


@dataclass(frozen=True)
class PlannedFollowUp:
    key: str  # stable within a placement: s0, s1, … for the cadence, r0, r1 for reviews
    due_date: date
    kind: str
    with_whom: str
    label: str


def initial_schedule(start: date, placement_type: str) -> list[PlannedFollowUp]:
    """Follow-ups created with a placement: the first-year cadence, plus fleksjob reviews."""
    planned = [
        PlannedFollowUp(f"s{i}", step.due(start), "scheduled", step.with_whom, step.label)
        for i, step in enumerate(FIRST_YEAR_CADENCE)
    ]
    if placement_type == "flex_job":
        planned += [
            PlannedFollowUp(f"r{i}", step.due(start), "statutory_review", step.with_whom, step.label)
            for i, step in enumerate(FLEX_JOB_REVIEWS)
        ]
    return planned


def followup_id(placement_id: str, key: str) -> str:
    """A planned follow-up's id: the placement's id and the step's key (P-1-s0, P-1-r1): stable on re-import."""
    return f"{placement_id}-{key}"


def cadence_index(followup_id_: str) -> int | None:
    """The cadence step of a scheduled follow-up's id (P-1-s3 -> 3), or None for another id."""
    key = followup_id_.rsplit("-s", 1)[-1]
    return int(key) if "-s" in followup_id_ and key.isdigit() else None


def next_in_cadence(start: date, last_index: int) -> PlannedFollowUp:
    """The cadence step after `last_index`, created when the last open scheduled one is done."""
    index = last_index + 1
    step = cadence_step(index)
    return PlannedFollowUp(f"s{index}", step.due(start), "scheduled", step.with_whom, step.label)


def end_of_week(today: date) -> date:
    """'Mine opfølgninger' shows every overdue follow-up and those due by this week's Sunday."""
    return today + timedelta(days=6 - today.weekday())


def extra_after_concern(contact: date, with_whom: str, followups: Iterable[FollowUp]) -> date | None:
    """After a `concern`, the team looks again within a week: the due date of an EXTRA follow-up, or None.

    The planned cadence is never moved: every scheduled follow-up and review stays where it is, so
    there is no gap after a concern. The extra one is with the same party as the contact (kind
    ad_hoc) and due a week after the contact, unless an open follow-up with that party (or with
    both) already falls within that week; then that one is the look again, and none is added.

    | contact    | logged with | open follow-ups (due, with)    | extra follow-up                   |
    |------------|-------------|--------------------------------|-----------------------------------|
    | 10-10-2026 | citizen     | 07-11-2026 both                | 17-10-2026 (the 2 months stays)   |
    | 10-10-2026 | citizen     | none                           | 17-10-2026                        |
    | 10-10-2026 | citizen     | 14-10-2026 both                | none: one is due within the week  |
    | 10-10-2026 | citizen     | 17-10-2026 citizen             | none: due on the last day         |
    | 10-10-2026 | citizen     | 14-10-2026 employer            | 17-10-2026: not with the citizen  |
    | 10-10-2026 | both        | 14-10-2026 citizen             | 17-10-2026: not with both         |
    | 10-10-2026 | citizen     | 01-10-2026 both (overdue)      | 17-10-2026: overdue is not a look |
    | 10-10-2026 | citizen     | 14-10-2026 both, cancelled     | 17-10-2026                        |
    """
    last = contact + timedelta(days=CONCERN_FOLLOWUP_DAYS)
    covered = any(f.is_open and contact <= f.due_date <= last and f.with_whom in (with_whom, "both") for f in followups)
    return None if covered else last
