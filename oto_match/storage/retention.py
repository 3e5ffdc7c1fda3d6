"""The retention figures of Overblik and Fastholdelse, worked out in the database (at national scale the
placements and their hours are never loaded into Python).

The rules live in oto_match/retention.py (MILESTONES, and `retention`, the readable reference): a placement
counts for a milestone once the milestone is reached (oto_match.followups.add_months, then weeks: DuckDB adds
months clamped to the month's last day the same way), and is kept when it has not ended or ended on or after
it; the medians are over the active placements' first and latest hours; an increase is an hours row above the
one before. tests/test_retention.py checks that these queries and the rule agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oto_match.access import Scope
from oto_match.retention import Milestone, RetentionFigures
from oto_match.storage.rows import Cursor, fetch_dicts
from oto_match.storage.visibility import visible_sql


def _seen(scope: Scope, started: tuple[date, date] | None = None) -> tuple[str, list[object]]:
    """The placements whose citizen is in `scope` (no look-up of citizens when every team is seen); with
    `started` (first, last day) only those that started in that period."""
    period_params: list[object] = [*started] if started else []
    period = "start_date BETWEEN ? AND ?" if started else "TRUE"
    if scope.all_teams:
        return f"SELECT placement_id, start_date, end_date, status FROM placements WHERE {period}", period_params
    visible, params = visible_sql(scope, "team_id", "citizen_id")
    sql = (f"SELECT placement_id, start_date, end_date, status FROM placements WHERE {period}"
           f" AND citizen_id IN (SELECT citizen_id FROM citizens WHERE {visible})")  # fmt: skip
    return sql, [*period_params, *params]


def retention_figures(cur: Cursor, scope: Scope, milestones: Sequence[tuple[str, int, int]], today: date,
                      started: tuple[date, date] | None = None) -> RetentionFigures:  # fmt: skip
    """The figures (retention.retention's) over the placements whose citizen is in `scope`; `milestones` are
    (label, weeks, months) as retention.MILESTONES; `started` (first, last day): only placements started then."""
    seen, params = _seen(scope, started)
    reached = f"""
        WITH seen AS ({seen}),
        marks AS (SELECT unnest(?::INTEGER[]) AS i, unnest(?::INTEGER[]) AS weeks, unnest(?::INTEGER[]) AS months),
        reached AS (SELECT m.i, (s.start_date + to_months(m.months) + to_weeks(m.weeks))::DATE AS reached, s.end_date
                    FROM seen s CROSS JOIN marks m)
        SELECT i, count(*) FILTER (WHERE reached <= ?::DATE) AS eligible,
               count(*) FILTER (WHERE reached <= ?::DATE AND (end_date IS NULL OR end_date >= reached)) AS kept
        FROM reached GROUP BY i"""
    marks_params = [list(range(len(milestones))), [w for _, w, _ in milestones], [m for _, _, m in milestones]]
    counts = {r["i"]: (int(r["eligible"]), int(r["kept"])) for r in
              fetch_dicts(cur, reached, [*params, *marks_params, today, today])}  # fmt: skip
    marks = [Milestone(label, *counts.get(i, (0, 0))) for i, (label, _, _) in enumerate(milestones)]
    hours = f"""
        WITH seen AS ({seen}),
        h AS (SELECT placement_id, hours_week,
                     hours_week > lag(hours_week) OVER (PARTITION BY placement_id ORDER BY effective_date) AS up
              FROM placement_hours WHERE placement_id IN (SELECT placement_id FROM seen)),
        ends AS (SELECT placement_id, arg_min(hours_week, effective_date) AS first_hours,
                        arg_max(hours_week, effective_date) AS last_hours
                 FROM placement_hours WHERE placement_id IN (SELECT placement_id FROM seen WHERE status = 'active')
                 GROUP BY placement_id)
        SELECT (SELECT median(first_hours) FROM ends) AS start, (SELECT median(last_hours) FROM ends) AS now,
               (SELECT count(*) FROM h WHERE up) AS increases,
               (SELECT count(*) FROM seen WHERE status = 'active') AS active"""
    (row,) = fetch_dicts(cur, hours, params)
    return RetentionFigures(marks, row["start"], row["now"], int(row["increases"]), int(row["active"]))
