"""SQL for Overblik: every figure counted in the database, set-based, so 100,000 citizens and 50,000 employers are
never loaded into Python — each query returns a few hundred rows at most (months × stages, people, industries).

`team_id` None means every team; the service (services/overview.py) decides which team an actor may ask for.
What each figure counts, in plain words, is written in services/overview.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from oto_match.storage.employer_register import STAGE_SQL
from oto_match.storage.rows import Cursor, fetch_all

IN_PERSON_FORMS = ("in_person_workplace", "in_person_elsewhere")

# The months of a period: each month's first day, and the day its figures are read (its last day, or the
# period's end when that comes first). `?` = the period's first day, `?` = its last day.
MONTHS_SQL = """
    SELECT month::DATE AS month, least((month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE, ?::DATE) AS at
    FROM range(date_trunc('month', ?::DATE), ?::DATE + INTERVAL 1 DAY, INTERVAL 1 MONTH) AS r(month)"""


def _months(start: date, end: date) -> list[object]:
    return [end, start, end]


@dataclass(frozen=True)
class StageCount:
    month: date
    stage: str
    employers: int


@dataclass(frozen=True)
class ConsultantContacts:
    staff_id: str
    name: str
    team_id: str
    contacts: int
    in_person: int


@dataclass(frozen=True)
class JobCount:
    industry: str
    job_type: str
    jobs: int


@dataclass(frozen=True)
class PlacementMonth:
    month: date
    placement_type: str
    citizens: int


@dataclass(frozen=True)
class StatusCount:
    status: str
    citizens: int


@dataclass(frozen=True)
class FollowUpMonth:
    month: date
    timeliness: str  # 'on_time', 'late', 'overdue'
    followups: int


def _of_team(column: str, team_id: str | None) -> tuple[str, list[object]]:
    """The condition that `column` (a team id column of the caller's SQL) is the team; every team: no condition
    (so the database reads no team column at all)."""
    return ("TRUE", []) if team_id is None else (f"{column} = ?", [team_id])


def _team_employers(team_id: str | None) -> tuple[str, list[object]]:
    """The employers counted: not merged into another, and — for one team — owned by a member of that team."""
    if team_id is None:
        return "SELECT employer_id FROM employers WHERE merged_into IS NULL", []
    sql = """SELECT employer_id FROM employers WHERE merged_into IS NULL
             AND owner_staff_id IN (SELECT staff_id FROM staff WHERE team_id = ?)"""
    return sql, [team_id]


def _team_citizens(team_id: str | None) -> tuple[str, list[object]]:
    team, params = _of_team("team_id", team_id)
    return f"SELECT citizen_id FROM citizens WHERE {team}", params


def stages_by_month(cur: Cursor, team_id: str | None, start: date, end: date) -> list[StageCount]:
    """Per month of the period: the employers in each stage on the month's last day (stage 'none' left out),
    by the stage rule (STAGE_SQL) on the visits and placements dated up to that day."""
    employers, params = _team_employers(team_id)
    sql = f"""
        WITH e AS ({employers}),
        v AS (SELECT employer_id, min(visit_date) FILTER (WHERE cup = 1) AS d1,
                     min(visit_date) FILTER (WHERE cup = 2) AS d2, min(visit_date) FILTER (WHERE cup = 3) AS d3
              FROM visits WHERE cup IS NOT NULL AND employer_id IN (SELECT employer_id FROM e) GROUP BY employer_id),
        p AS (SELECT employer_id, min(start_date) AS dp FROM placements
              WHERE employer_id IN (SELECT employer_id FROM e) GROUP BY employer_id),
        firsts AS (SELECT employer_id, d1, d2, d3, dp FROM v FULL JOIN p USING (employer_id)),
        m AS ({MONTHS_SQL}),
        at_month AS (
            SELECT m.month, FALSE AS paused, coalesce(dp <= m.at, FALSE) AS has_placement,
                   CASE WHEN d3 <= m.at THEN 3 WHEN d2 <= m.at THEN 2 WHEN d1 <= m.at THEN 1 END AS max_cup
            FROM firsts CROSS JOIN m)
        SELECT month, {STAGE_SQL} AS stage, count(*) AS employers FROM at_month
        WHERE has_placement OR max_cup IS NOT NULL GROUP BY ALL ORDER BY month, stage"""
    return fetch_all(cur, StageCount, sql, [*params, *_months(start, end)])


def contacts_by_consultant(cur: Cursor, team_id: str | None, start: date, end: date) -> list[ConsultantContacts]:
    """Per person: employer contacts logged in the period, of which face to face. Everyone who logged one, and
    every active virksomhedskonsulent (with 0 when they logged none); one team: its members."""
    team, team_params = _of_team("s.team_id", team_id)
    sql = f"""
        WITH v AS (SELECT staff_id, count(*) AS contacts,
                          count(*) FILTER (WHERE list_contains(?::VARCHAR[], form)) AS in_person
                   FROM visits WHERE visit_date BETWEEN ? AND ? GROUP BY staff_id)
        SELECT s.staff_id, s.name, s.team_id, coalesce(v.contacts, 0) AS contacts,
               coalesce(v.in_person, 0) AS in_person
        FROM staff s LEFT JOIN v USING (staff_id)
        WHERE (v.staff_id IS NOT NULL OR (s.active AND s.profession = 'employer_consultant')) AND {team}
        ORDER BY in_person DESC, contacts DESC, s.name, s.staff_id"""
    return fetch_all(cur, ConsultantContacts, sql, [list(IN_PERSON_FORMS), start, end, *team_params])


def jobs_by_industry(cur: Cursor, team_id: str | None, start: date, end: date) -> list[JobCount]:
    """Job openings created in the period, per the employer's industry and the job's type; one team: the
    openings made for that team."""
    team, team_params = _of_team("j.team_id", team_id)
    sql = f"""
        SELECT trim(coalesce(e.industry, '')) AS industry, j.job_type, count(*) AS jobs
        FROM job_openings j LEFT JOIN employers e USING (employer_id)
        WHERE j.created_at::DATE BETWEEN ? AND ? AND {team}
        GROUP BY ALL ORDER BY jobs DESC, industry, job_type"""
    return fetch_all(cur, JobCount, sql, [start, end, *team_params])


def placements_by_month(cur: Cursor, team_id: str | None, start: date, end: date) -> list[PlacementMonth]:
    """Per month of the period and kind of placement: the citizens with a placement going on the month's last
    day (started on or before it, not ended before it)."""
    citizens, params = _team_citizens(team_id)
    sql = f"""
        WITH c AS ({citizens}), m AS ({MONTHS_SQL}),
        p AS (SELECT citizen_id, placement_type, start_date, end_date FROM placements
              WHERE citizen_id IN (SELECT citizen_id FROM c) AND start_date <= ?)
        SELECT m.month, p.placement_type, count(DISTINCT p.citizen_id) AS citizens
        FROM p JOIN m ON p.start_date <= m.at AND (p.end_date IS NULL OR p.end_date >= m.at)
        GROUP BY ALL ORDER BY month, placement_type"""
    return fetch_all(cur, PlacementMonth, sql, [*params, *_months(start, end), end])


def statuses_now(cur: Cursor, team_id: str | None) -> list[StatusCount]:
    """The citizens per programme status as stored now."""
    team, params = _of_team("team_id", team_id)
    sql = f"SELECT status, count(*) AS citizens FROM citizens WHERE {team} GROUP BY status ORDER BY 2 DESC, status"
    return fetch_all(cur, StatusCount, sql, params)


def followups_by_month(cur: Cursor, team_id: str | None, start: date, end: date, today: date) -> list[FollowUpMonth]:
    """Per month of the due date (due in the period and by today): follow-ups done on or before the due date
    ('on_time'), done after it ('late'), and still open past it ('overdue'). Cancelled ones and ones not yet
    due are not counted."""
    citizens, params = _team_citizens(team_id)
    sql = f"""
        WITH f AS (SELECT date_trunc('month', f.due_date)::DATE AS month,
                          CASE WHEN f.status = 'done' AND f.done_date <= f.due_date THEN 'on_time'
                               WHEN f.status = 'done' THEN 'late' ELSE 'overdue' END AS timeliness
                   FROM followups f JOIN placements p USING (placement_id)
                   WHERE p.citizen_id IN ({citizens}) AND f.due_date BETWEEN ? AND least(?::DATE, ?::DATE)
                     AND (f.status = 'done' OR (f.status = 'open' AND f.due_date < ?)))
        SELECT month, timeliness, count(*) AS followups FROM f GROUP BY ALL ORDER BY month, timeliness"""
    return fetch_all(cur, FollowUpMonth, sql, [*params, start, end, today, today])
