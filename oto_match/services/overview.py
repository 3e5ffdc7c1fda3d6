"""Overblik: the figures a team and its leader look at, for one team (or every team) and a period.

Who sees what (`overview_team`): a leader picks every team or one; anyone else sees their own team, whatever
they ask for (asking for another team is refused). The citizen figures (placements, statuses, retention,
follow-ups) need the right to read citizens: a user with the role 'kun virksomheder' gets the employer figures only.

Reading these figures is not a view of a citizen record: they are counts, no citizen is named or opened, so no
audit row is written (as for the retention figures before them).

Everything is counted in the database (storage/overview.py, storage/retention.py), in one transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from oto_match import access, retention
from oto_match.access import Action
from oto_match.domain import Staff
from oto_match.errors import PermissionDeniedError, ValidationError
from oto_match.followups import add_months
from oto_match.retention import RetentionFigures
from oto_match.services import visits
from oto_match.storage import overview as overview_sql
from oto_match.storage import retention as retention_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.overview import (
    ConsultantContacts,
    FollowUpMonth,
    JobCount,
    PlacementMonth,
    StageCount,
    StatusCount,
)
from oto_match.storage.rows import Cursor

DEFAULT_MONTHS = 12
# Retention milestones of Overblik: still in the placement 4, 13 and 26 weeks after its start.
MILESTONES = (("4 uger", 4, 0), ("13 uger", 13, 0), ("26 uger", 26, 0))
# The IPS reference lines drawn on the charts.
IPS_RETENTION_13_WEEKS = retention.IPS_BENCHMARK_13_WEEKS  # 65 % still in the job after 13 weeks
IPS_IN_PERSON_PER_WEEK = visits.IPS_IN_PERSON_PER_WEEK  # face-to-face employer contacts per consultant per week
# The job-opening chart shows the industries with most openings; the rest are one bar.
TOP_INDUSTRIES = 8
OTHER_INDUSTRIES = "Andre brancher"
NO_INDUSTRY = "Branche ikke angivet"


@dataclass(frozen=True)
class Period:
    """From the first to the last day, both included."""

    start: date
    end: date

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7


@dataclass(frozen=True)
class Overview:
    """All figures of Overblik for one team (None: every team) and period. The citizen figures are None when the
    user may not read citizens."""

    team_id: str | None
    period: Period
    stages: list[StageCount]
    contacts: list[ConsultantContacts]
    jobs: list[JobCount]
    placements: list[PlacementMonth] | None
    statuses: list[StatusCount] | None
    retention: RetentionFigures | None
    followups: list[FollowUpMonth] | None


def default_period(today: date, months: int = DEFAULT_MONTHS) -> Period:
    """The last `months` months: from the first day of the month `months - 1` months ago up to today."""
    return Period(add_months(today.replace(day=1), -(months - 1)), today)


def overview_team(actor: Staff, team_id: str | None) -> str | None:
    """The team whose figures the actor sees: a leader (and the system) the one asked for, or every team (None);
    anyone else their own team — asking for another team is refused, and a user in no team sees nothing."""
    access.require(actor, Action.SEE_EMPLOYERS)
    if access.may(actor, Action.SEE_STATISTICS):
        return team_id
    if not actor.team_id:
        raise PermissionDeniedError("Du er ikke med i et team, så der er intet overblik at vise.")
    if team_id is not None and team_id != actor.team_id:
        raise PermissionDeniedError(
            f"Du kan kun se overblikket for {access.team_label(actor.team_id)}, ikke for {access.team_label(team_id)}."
        )
    return actor.team_id


def team_choices(db: Database, actor: Staff) -> list[str | None]:
    """The teams the actor may pick on Overblik: a leader every team (None) and each team; anyone else their own."""
    if not access.may(actor, Action.SEE_STATISTICS):
        return [overview_team(actor, None)]
    with db.transaction() as cur:
        return [None, *(t.team_id for t in staff_sql.list_teams(cur))]


def up_to_today(period: Period, today: date) -> Period:
    """The period as counted: it runs forwards (the first day is not after the last, else a ValidationError naming
    'Fra'), and ends today at the latest — nothing has happened after today, so a later end would only repeat
    today's figures for the months to come."""
    if period.start > period.end:
        raise ValidationError.single("period_start", "skal ligge før eller på til-datoen")
    return Period(period.start, min(period.end, today)) if period.start <= today else Period(today, today)


def overview(db: Database, actor: Staff, today: date, team_id: str | None = None,
             period: Period | None = None) -> Overview:  # fmt: skip
    """Every figure of Overblik for the team the actor may see (overview_team) and the period (default: the last
    12 months up to today). What each figure counts is written on the (private) function that reads it."""
    period = up_to_today(period or default_period(today), today)
    team = overview_team(actor, team_id)
    reads_citizens = access.may(actor, Action.READ_CITIZEN)
    with db.transaction() as cur:
        return Overview(
            team, period,
            stages=_pipeline(cur, team, period),
            contacts=_contacts(cur, team, period),
            jobs=_job_openings(cur, team, period),
            placements=_placements(cur, team, period) if reads_citizens else None,
            statuses=_statuses(cur, team) if reads_citizens else None,
            retention=_retention_of(cur, team, period, today) if reads_citizens else None,
            followups=_followups(cur, team, period, today) if reads_citizens else None,
        )  # fmt: skip


def _pipeline(cur: Cursor, team: str | None, period: Period) -> list[StageCount]:
    """The "3 kopper te" pipeline month by month: on each month's last day, how many employers were at each stage
    (1., 2., 3. kop te, samarbejde), by the stage rule (stages.derive_stage) on the visits and placements dated up
    to that day. A pause has no date in the register, so paused employers count at the stage they reached; employers
    with no contact yet and employers merged into another are left out. One team: the employers whose owner is in
    that team."""
    return overview_sql.stages_by_month(cur, team, period.start, period.end)


def _contacts(cur: Cursor, team: str | None, period: Period) -> list[ConsultantContacts]:
    """Employer contacts per person in the period (visits, calls, e-mails), and of those the face-to-face ones
    (at the workplace or elsewhere) — IPS asks for about six face-to-face contacts a week. Everyone who logged a
    contact is counted, and every active virksomhedskonsulent (with 0). One team: its members."""
    return overview_sql.contacts_by_consultant(cur, team, period.start, period.end)


def _job_openings(cur: Cursor, team: str | None, period: Period) -> list[JobCount]:
    """Job openings created in the period, by the employer's industry and the kind of job; the TOP_INDUSTRIES
    industries with most openings each, the rest together as 'Andre brancher'. One team: openings made for it."""
    rows = overview_sql.jobs_by_industry(cur, team, period.start, period.end)
    return group_industries(rows, TOP_INDUSTRIES)


def group_industries(rows: list[JobCount], top: int) -> list[JobCount]:
    """The `top` industries with most openings kept by name, the others summed as one 'Andre brancher'; an empty
    industry is 'Branche ikke angivet'."""
    totals: Counter[str] = Counter()
    for r in rows:
        totals[r.industry or NO_INDUSTRY] += r.jobs
    kept = {name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]}
    summed: Counter[tuple[str, str]] = Counter()
    for r in rows:
        name = r.industry or NO_INDUSTRY
        summed[(name if name in kept else OTHER_INDUSTRIES, r.job_type)] += r.jobs
    return [JobCount(industry, job_type, n) for (industry, job_type), n in summed.items()]


def _placements(cur: Cursor, team: str | None, period: Period) -> list[PlacementMonth]:
    """Citizens by programme status over time, as far as it is stored: OTO Match keeps no history of a citizen's
    status, so this counts, on each month's last day, the citizens with a placement going on that day (started on
    or before it, not ended before it) by the kind of placement (praktik, fleksjob, ordinært job …). A citizen with
    two kinds at once counts under both."""
    return overview_sql.placements_by_month(cur, team, period.start, period.end)


def _statuses(cur: Cursor, team: str | None) -> list[StatusCount]:
    """The citizens per programme status as registered today (ledig, i praktik, i job …) — today only: earlier
    statuses are not stored."""
    return overview_sql.statuses_now(cur, team)


def _retention_of(cur: Cursor, team: str | None, period: Period, today: date) -> RetentionFigures:
    """Of the placements started in the period, the share still going 4, 13 and 26 weeks after the start (the rule
    of retention.py: a placement counts for a milestone once it is reached by today, and is kept when it has not
    ended or ended on or after it). The IPS reference: 65 % still in the job after 13 weeks."""
    scope = access.Scope(all_teams=True) if team is None else access.Scope(False, frozenset({team}))
    return retention_sql.retention_figures(cur, scope, MILESTONES, today, (period.start, period.end))


def _followups(cur: Cursor, team: str | None, period: Period, today: date) -> list[FollowUpMonth]:
    """Follow-ups due in the period (and by today), per month of the due date: done on time (on or before the due
    date), done late (after it), or not done and past the due date. Cancelled follow-ups, and open ones not yet due,
    are not counted."""
    return overview_sql.followups_by_month(cur, team, period.start, period.end, today)
