"""Retention figures for the Overblik page (pure).

In plain words: a placement counts for "still active after N weeks" only once it started at
least N weeks ago; it is still active after N weeks when it has not ended, or ended later than
N weeks after its start. IPS Grow's UK benchmark is 65 % beyond 13 weeks.

The pages read the figures from storage/retention.py, which works them out in the database by these same
rules (MILESTONES is passed to it); tests/test_retention.py checks that the two agree, edge cases included.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from oto_match.domain import Placement
from oto_match.followups import add_months

IPS_BENCHMARK_13_WEEKS = 0.65
MILESTONES = (("4 uger", 4, 0), ("13 uger", 13, 0), ("6 måneder", 0, 6))


@dataclass(frozen=True)
class Milestone:
    label: str
    eligible: int
    still_active: int

    @property
    def share(self) -> float | None:
        return self.still_active / self.eligible if self.eligible else None


@dataclass(frozen=True)
class RetentionFigures:
    milestones: list[Milestone]
    median_hours_start: float | None
    median_hours_now: float | None
    hour_increases: int
    active: int


def _reached(p: Placement, weeks: int, months: int) -> date:
    return add_months(p.start_date, months) + timedelta(weeks=weeks)


def retention(placements: list[Placement], hours: dict[str, list[tuple[date, float]]], today: date) -> RetentionFigures:
    """Figures over all placements; `hours` is each placement's hours history in date order."""
    milestones = []
    for label, weeks, months in MILESTONES:
        eligible = [p for p in placements if _reached(p, weeks, months) <= today]
        kept = [p for p in eligible if p.end_date is None or p.end_date >= _reached(p, weeks, months)]
        milestones.append(Milestone(label, len(eligible), len(kept)))
    active = [p for p in placements if p.status == "active"]
    starts = [hours[p.placement_id][0][1] for p in active if hours.get(p.placement_id)]
    nows = [hours[p.placement_id][-1][1] for p in active if hours.get(p.placement_id)]
    increases = sum(1 for history in hours.values() for (_, a), (_, b) in itertools.pairwise(history) if b > a)
    return RetentionFigures(
        milestones,
        statistics.median(starts) if starts else None,
        statistics.median(nows) if nows else None,
        increases,
        len(active),
    )
