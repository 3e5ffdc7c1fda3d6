"""A pair (citizen, job) gets the same verdict, score, band and checks wherever it is seen: ranked for the
citizen's team, ranked for all teams, or on the citizen's profile ("Job der passer")."""

from __future__ import annotations

from oto_match.domain import Staff
from oto_match.services import matching as svc
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database


def _view(c: svc.RankedCandidate) -> tuple:
    return c.verdict, c.score, c.band, c.parts, c.checks, c.near_miss


def test_ranking_for_one_team_for_all_teams_and_from_the_profile_agree_for_every_pair(
    demo_db: Database, actor: Staff
) -> None:
    with demo_db.transaction() as cur:
        open_jobs = [j.job_id for j in job_sql.list_jobs(cur, "open")]
        citizens = citizen_sql.list_citizens(cur, active_only=True)
    teams = {c.team_id for c in citizens}
    everyone = {(job_id, c.citizen.citizen_id): _view(c)
                for job_id in open_jobs for c in svc.rank_job(demo_db, actor, job_id).candidates}  # fmt: skip
    per_team = {(job_id, c.citizen.citizen_id): _view(c)
                for team in teams for job_id in open_jobs
                for c in svc.rank_job(demo_db, actor, job_id, team_id=team).candidates}  # fmt: skip
    profile = {(job.job_id, c.citizen.citizen_id): _view(c)
               for citizen in citizens
               for job, _, c in svc.jobs_for_citizen(demo_db, actor, citizen.citizen_id)}  # fmt: skip
    assert open_jobs and len(everyone) == len(open_jobs) * len(citizens)
    assert per_team == everyone
    assert profile == everyone
    bands = {view[2] for view in everyone.values()}
    assert {"stærk", "mulig", "svag"} & bands  # the demo really scores some pairs
