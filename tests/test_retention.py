from __future__ import annotations

from datetime import date

from oto_match.domain import Placement
from oto_match.retention import retention

TODAY = date(2026, 11, 24)


def _p(pid: str, start: date, end: date | None = None) -> Placement:
    if end is None:
        return Placement(pid, "C", "E", "flex_job", start)
    return Placement(pid, "C", "E", "flex_job", start, status="ended", end_date=end, end_reason="health")


def test_retention_figures_on_a_hand_made_set() -> None:
    placements = [
        _p("A", date(2026, 1, 1)),  # active all year
        _p("B", date(2026, 1, 1), date(2026, 1, 20)),  # ended after under 3 weeks
        _p("C", date(2026, 6, 1), date(2026, 8, 1)),  # ended after ~8.7 weeks
        _p("D", date(2026, 11, 10)),  # two weeks old: counts nowhere yet
    ]
    hours = {
        "A": [(date(2026, 1, 1), 4.0), (date(2026, 3, 1), 6.0), (date(2026, 6, 1), 8.0)],
        "B": [(date(2026, 1, 1), 10.0)],
        "C": [(date(2026, 6, 1), 5.0), (date(2026, 7, 1), 3.0)],
        "D": [(date(2026, 11, 10), 2.0)],
    }
    figures = retention(placements, hours, TODAY)
    by_label = {m.label: (m.still_active, m.eligible) for m in figures.milestones}
    assert by_label == {"4 uger": (2, 3), "13 uger": (1, 3), "6 måneder": (1, 2)}
    assert figures.milestones[1].share == 1 / 3
    assert figures.median_hours_start == 3.0  # active A (4) and D (2)
    assert figures.median_hours_now == 5.0  # A (8) and D (2)
    assert figures.hour_increases == 2  # A went up twice; C went down
    assert figures.active == 2


def test_no_placements_gives_empty_figures() -> None:
    figures = retention([], {}, TODAY)
    assert all(m.share is None for m in figures.milestones) and figures.median_hours_now is None
