from __future__ import annotations

from datetime import date, timedelta

import pytest

from oto_match.access import Scope
from oto_match.domain import Citizen, Employer, Placement, Staff
from oto_match.retention import MILESTONES, RetentionFigures, retention
from oto_match.services import placements as placement_service
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import retention as retention_sql
from oto_match.storage.db import Database
from oto_match.storage.placements import HoursChange
from oto_match.storage.rows import Cursor

TODAY = date(2026, 11, 24)


def _p(pid: str, start: date, end: date | None = None, citizen: str = "C") -> Placement:
    if end is None:
        return Placement(pid, citizen, "E", "flex_job", start)
    return Placement(pid, citizen, "E", "flex_job", start, status="ended", end_date=end, end_reason="health")


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


# --- the figures worked out in the database (storage/retention.py) agree with the rule above -------------------

EVERY_TEAM = Scope(all_teams=True)


def _rule(cur: Cursor, scope: Scope, today: date) -> RetentionFigures:
    """The readable rule over what the scope sees, read from the database the plain way."""
    teams = dict(cur.execute("SELECT citizen_id, team_id FROM citizens").fetchall())
    seen = [p for p in placement_sql.list_placements(cur) if scope.includes(p.citizen_id, teams.get(p.citizen_id))]
    ids = {p.placement_id for p in seen}
    history: dict[str, list[tuple[date, float]]] = {}
    for h in placement_sql.hours_history(cur):
        if h.placement_id in ids:
            history.setdefault(h.placement_id, []).append((h.effective_date, h.hours_week))
    return retention(seen, history, today)


def _agree(sql: RetentionFigures, rule: RetentionFigures) -> None:
    assert sql.milestones == rule.milestones
    assert (sql.hour_increases, sql.active) == (rule.hour_increases, rule.active)
    assert sql.median_hours_start == pytest.approx(rule.median_hours_start)
    assert sql.median_hours_now == pytest.approx(rule.median_hours_now)


@pytest.fixture
def edge_cases(db: Database) -> Database:
    """Placements on the edges of the rule: month ends (31 Aug + 6 months = 28 Feb), a milestone reached exactly
    today, an end on the very day of a milestone, the day before it, hours that go down and up again."""
    placements = [
        _p("A", date(2026, 1, 1)),
        _p("B", date(2026, 1, 1), date(2026, 1, 20)),
        _p("C", date(2026, 6, 1), date(2026, 8, 1)),
        _p("D", date(2026, 11, 10)),
        _p("E", date(2026, 5, 31)),  # 6 months: 30 Nov, not yet on TODAY
        _p("F", date(2025, 8, 31), date(2026, 2, 28)),  # ends on the day 6 months are reached: kept
        _p("G", date(2025, 8, 31), date(2026, 2, 27)),  # ends the day before: not kept
        _p("H", TODAY - timedelta(weeks=13)),  # 13 weeks reached exactly today
        _p("I", TODAY - timedelta(weeks=4), TODAY - timedelta(weeks=4) + timedelta(weeks=4, days=-1)),
        _p("V", date(2026, 3, 1), citizen="V"),  # another team's
    ]
    hours = {
        "A": [(date(2026, 1, 1), 4.0), (date(2026, 3, 1), 6.0), (date(2026, 6, 1), 8.0)],
        "B": [(date(2026, 1, 1), 10.0)],
        "C": [(date(2026, 6, 1), 5.0), (date(2026, 7, 1), 3.0), (date(2026, 7, 15), 4.0)],
        "D": [(date(2026, 11, 10), 2.0)],
        "E": [(date(2026, 5, 31), 7.5)],
        "H": [(TODAY - timedelta(weeks=13), 9.0), (TODAY - timedelta(weeks=2), 12.0)],
        "V": [(date(2026, 3, 1), 20.0), (date(2026, 4, 1), 25.0)],
    }
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E", "Kantinen", "8220"))
        citizen_sql.save_citizen(cur, Citizen("C", "Fatima Ali", team_id="gellerup"))
        citizen_sql.save_citizen(cur, Citizen("V", "Vibeke Holm", team_id="viby"))
        placement_sql.insert_placements(cur, placements, None)
        placement_sql.insert_hours(cur, [HoursChange(pid, d, h, None, "") for pid, rows in hours.items()
                                         for d, h in rows])  # fmt: skip
    return db


@pytest.mark.parametrize(
    "scope",
    [EVERY_TEAM, Scope(False, frozenset({"gellerup"})), Scope(False, frozenset({"viby"})),
     Scope(False, frozenset(), frozenset({"V"})), Scope(False)],
)  # fmt: skip
def test_the_figures_from_the_database_agree_with_the_rule_on_the_edge_cases(
    edge_cases: Database, scope: Scope
) -> None:
    with edge_cases.transaction() as cur:
        _agree(retention_sql.retention_figures(cur, scope, MILESTONES, TODAY), _rule(cur, scope, TODAY))


def test_the_edge_cases_count_as_the_rule_says(edge_cases: Database) -> None:
    with edge_cases.transaction() as cur:
        figures = retention_sql.retention_figures(cur, Scope(False, frozenset({"gellerup"})), MILESTONES, TODAY)
    by_label = {m.label: (m.still_active, m.eligible) for m in figures.milestones}
    assert by_label["6 måneder"] == (2, 4)  # A and F kept; B and G not; E not yet counted
    assert by_label["13 uger"][1] == 7  # A, B, C, E, F, G and H (reached today); not D or I


@pytest.mark.parametrize("days_later", [0, 200])
def test_the_figures_from_the_database_agree_with_the_rule_on_the_demo(demo_db: Database, days_later: int) -> None:
    today = TODAY + timedelta(days=days_later)
    with demo_db.transaction() as cur:
        for scope in (EVERY_TEAM, Scope(False, frozenset({"gellerup"})), Scope(False, frozenset({"tilst"}))):
            _agree(retention_sql.retention_figures(cur, scope, MILESTONES, today), _rule(cur, scope, today))


def test_the_overview_figures_are_the_actors_teams(demo_db: Database) -> None:
    leader = Staff("S1", "Leder", "gellerup", "employer_consultant", is_leader=True)
    member = Staff("S6", "Konsulent", "gellerup", "employer_consultant")
    everyone, mine = (placement_service.retention_figures(demo_db, who, TODAY) for who in (leader, member))
    with demo_db.transaction() as cur:
        _agree(mine, _rule(cur, Scope(False, frozenset({"gellerup"})), TODAY))
    assert 0 < mine.active < everyone.active
