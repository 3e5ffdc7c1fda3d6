"""Overblik's figures (services/overview.py) on a small hand-made database: what each figure counts, the period and
team filters, and that a team member sees their own team's figures only, whatever they ask for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from oto_match.access import Role, User
from oto_match.domain import Citizen, Employer, FollowUp, JobOpening, Placement, Staff, Visit
from oto_match.errors import PermissionDeniedError, ValidationError
from oto_match.services import overview as overview_service
from oto_match.services.overview import Overview, Period
from oto_match.services.setup import init_database
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database

TODAY = date(2026, 11, 24)
LEADER = User("S9", "Lene Leder", "gellerup", "team_leader", role=Role.LEADER, username="lene")
ANNE = User("S1", "Anne Virksomhed", "gellerup", "employer_consultant", role=Role.TEAM, username="anne")
LIS = User("S3", "Lis Viby", "viby", "employer_consultant", role=Role.TEAM, username="lis")
EMMA = User("S5", "Emma Elev", "gellerup", "employer_consultant", role=Role.EMPLOYER_ONLY, username="emma")


def _world(path: Path) -> Database:
    """Gellerup: Anne (virksomhedskonsulent) owns E1 (rengøring), Bo (jobkonsulent), Mia (virksomhedskonsulent, no
    contacts); Viby: Lis owns E2 (køkken). E3 was merged into E1. Placements: C1 (Gellerup) in praktik at E1 from
    1 June; C2 (Viby) in fleksjob at E2 from 15 July to 31 August."""
    db, _ = init_database(path)
    with db.transaction() as cur:
        for s in (Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant"),
                  Staff("S2", "Bo Job", "gellerup", "job_consultant"),
                  Staff("S3", "Lis Viby", "viby", "employer_consultant"),
                  Staff("S4", "Mia Nul", "gellerup", "employer_consultant"),
                  Staff("S5", "Emma Elev", "gellerup", "employer_consultant"),
                  Staff("S9", "Lene Leder", "gellerup", "team_leader", is_leader=True)):  # fmt: skip
            staff_sql.save_staff(cur, s)
        employer_sql.save_employer(cur, Employer("E1", "Rent & Co", "8220", industry="rengøring", owner_staff_id="S1"))
        employer_sql.save_employer(cur, Employer("E2", "Kantinen", "8260", industry="køkken", owner_staff_id="S3"))
        employer_sql.save_employer(cur, Employer("E3", "Rent og Co", "8220", owner_staff_id="S1", merged_into="E1"))
        employer_sql.insert_visits(cur, [
            Visit("V1", "E1", "S1", date(2026, 3, 10), "in_person_workplace", cup=1),
            Visit("V2", "E1", "S1", date(2026, 5, 5), "in_person_elsewhere", cup=2),
            Visit("V3", "E1", "S2", date(2026, 5, 6), "phone"),
            Visit("V4", "E2", "S3", date(2026, 4, 20), "phone", cup=1),
            Visit("V5", "E3", "S1", date(2026, 2, 1), "phone", cup=3),  # merged employer: not in the pipeline
            Visit("V6", "E1", "S1", date(2025, 1, 1), "in_person_workplace", cup=1),  # before the period
        ])  # fmt: skip
        for job_id, employer, kind, team, created in (
            ("J1", "E1", "internship", "gellerup", "2026-02-01"), ("J2", "E1", "ordinary", "gellerup", "2026-03-01"),
            ("J3", "E2", "flex_job", "viby", "2026-04-01"), ("J4", "E2", "ordinary", "viby", "2024-01-01"),
        ):  # fmt: skip
            job_sql.save_job(cur, JobOpening(job_id, employer, "Job", kind, team_id=team))
            cur.execute("UPDATE job_openings SET created_at = ?::TIMESTAMP WHERE job_id = ?", [created, job_id])
        citizen_sql.save_citizen(cur, Citizen("C1", "Fatima Ali", team_id="gellerup", status="internship"))
        citizen_sql.save_citizen(cur, Citizen("C2", "Viggo Vibysen", team_id="viby"))
        citizen_sql.save_citizen(cur, Citizen("C3", "Carl Gellerup", team_id="gellerup"))
        placement_sql.insert_placements(cur, [
            Placement("P1", "C1", "E1", "internship", date(2026, 6, 1)),
            Placement("P2", "C2", "E2", "flex_job", date(2026, 7, 15), status="ended", end_date=date(2026, 8, 31),
                      end_reason="health"),
        ], None)  # fmt: skip
        placement_sql.insert_followups(cur, [
            FollowUp("F1", "P1", date(2026, 7, 1), "scheduled", "citizen", "done", date(2026, 7, 1), "S1", "thriving"),
            FollowUp("F2", "P1", date(2026, 8, 1), "scheduled", "citizen", "done", date(2026, 8, 5), "S1", "thriving"),
            FollowUp("F3", "P1", date(2026, 9, 1), "scheduled", "both"),  # open and past: overdue
            FollowUp("F4", "P1", date(2026, 12, 15), "scheduled", "both"),  # not due yet
            FollowUp("F5", "P1", date(2026, 10, 1), "scheduled", "both", "cancelled"),
            FollowUp("F6", "P2", date(2026, 8, 10), "scheduled", "employer", "done", date(2026, 8, 9), "S3", "concern"),
        ], None)  # fmt: skip
    return db


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = _world(tmp_path_factory.mktemp("overview") / "overview.duckdb")
    yield db
    db.close()


def _stages(o: Overview) -> dict[tuple[str, str], int]:
    return {(f"{r.month:%Y-%m}", r.stage): r.employers for r in o.stages}


def _by_month(rows: list[object], kind: str, count: str) -> dict[tuple[str, str], int]:
    return {(f"{r.month:%Y-%m}", getattr(r, kind)): getattr(r, count) for r in rows}  # type: ignore[attr-defined]


def test_the_default_period_is_the_last_twelve_months_up_to_today() -> None:
    assert overview_service.default_period(TODAY) == Period(date(2025, 12, 1), TODAY)


def test_the_pipeline_counts_each_employer_at_its_stage_at_each_month_end(world: Database) -> None:
    stages = _stages(overview_service.overview(world, LEADER, TODAY))
    assert ("2026-02", "cup3") not in stages  # the merged employer is left out
    assert stages[("2026-03", "cup1")] == 1
    assert stages[("2026-04", "cup1")] == 2
    assert stages[("2026-05", "cup1")] == 1 and stages[("2026-05", "cup2")] == 1
    assert stages[("2026-06", "partner")] == 1 and stages[("2026-06", "cup1")] == 1
    assert stages[("2026-11", "partner")] == 2 and len([k for k in stages if k[0] == "2026-11"]) == 1
    assert not any(stage == "none" for _, stage in stages)


def test_contacts_count_face_to_face_per_person_in_the_period_and_include_a_consultant_with_none(world: Database
                                                                                                ) -> None:  # fmt: skip
    rows = {c.name: (c.contacts, c.in_person) for c in overview_service.overview(world, LEADER, TODAY).contacts}
    assert rows == {"Anne Virksomhed": (3, 2), "Bo Job": (1, 0), "Lis Viby": (1, 0), "Mia Nul": (0, 0),
                    "Emma Elev": (0, 0)}  # fmt: skip


def test_job_openings_are_counted_by_industry_and_type_in_the_period(world: Database) -> None:
    jobs = {(j.industry, j.job_type): j.jobs for j in overview_service.overview(world, LEADER, TODAY).jobs}
    assert jobs == {("rengøring", "internship"): 1, ("rengøring", "ordinary"): 1, ("køkken", "flex_job"): 1}


def test_industries_beyond_the_top_are_summed_as_other_industries() -> None:
    rows = [overview_service.JobCount(name, "ordinary", n) for name, n in (("a", 5), ("b", 3), ("c", 2), ("", 1))]
    grouped = {(j.industry, j.job_type): j.jobs for j in overview_service.group_industries(rows, 2)}
    assert grouped == {("a", "ordinary"): 5, ("b", "ordinary"): 3, (overview_service.OTHER_INDUSTRIES, "ordinary"): 3}


def test_citizens_in_placements_are_counted_on_each_month_end_and_statuses_as_they_are_today(world: Database
                                                                                             ) -> None:  # fmt: skip
    o = overview_service.overview(world, LEADER, TODAY)
    assert o.placements is not None and o.statuses is not None
    months = _by_month(list(o.placements), "placement_type", "citizens")
    assert months[("2026-06", "internship")] == 1 and ("2026-05", "internship") not in months
    assert months[("2026-08", "flex_job")] == 1  # ended on the month's last day: still in it that day
    assert ("2026-09", "flex_job") not in months and months[("2026-11", "internship")] == 1
    assert {s.status: s.citizens for s in o.statuses} == {"unemployed": 2, "internship": 1}


def test_follow_ups_are_on_time_when_done_on_or_before_the_due_date(world: Database) -> None:
    o = overview_service.overview(world, LEADER, TODAY)
    assert o.followups is not None
    assert _by_month(list(o.followups), "timeliness", "followups") == {
        ("2026-07", "on_time"): 1, ("2026-08", "late"): 1, ("2026-08", "on_time"): 1, ("2026-09", "overdue"): 1,
    }  # fmt: skip


def test_retention_counts_placements_started_in_the_period_at_4_13_and_26_weeks(world: Database) -> None:
    everything = overview_service.overview(world, LEADER, TODAY).retention
    assert everything is not None
    assert [(m.label, m.still_active, m.eligible) for m in everything.milestones] == [
        ("4 uger", 2, 2), ("13 uger", 1, 2), ("26 uger", 0, 0)]  # fmt: skip
    from_july = overview_service.overview(world, LEADER, TODAY, period=Period(date(2026, 7, 1), TODAY)).retention
    assert from_july is not None
    assert [(m.still_active, m.eligible) for m in from_july.milestones][:2] == [(1, 1), (0, 1)]


def test_the_period_filter_narrows_every_figure(world: Database) -> None:
    o = overview_service.overview(world, LEADER, TODAY, period=Period(date(2026, 3, 1), date(2026, 4, 30)))
    assert {f"{r.month:%Y-%m}" for r in o.stages} == {"2026-03", "2026-04"}
    assert {c.name: c.contacts for c in o.contacts if c.contacts} == {"Lis Viby": 1, "Anne Virksomhed": 1}
    assert {(j.industry, j.job_type) for j in o.jobs} == {("rengøring", "ordinary"), ("køkken", "flex_job")}
    assert o.placements == [] and o.followups == []


def test_a_leader_may_choose_one_team(world: Database) -> None:
    o = overview_service.overview(world, LEADER, TODAY, team_id="viby")
    assert o.team_id == "viby"
    assert {c.name for c in o.contacts} == {"Lis Viby"}
    assert _stages(o)[("2026-11", "partner")] == 1
    assert {j.industry for j in o.jobs} == {"køkken"}
    assert o.statuses is not None and {s.status: s.citizens for s in o.statuses} == {"unemployed": 1}
    assert o.followups is not None and [f.timeliness for f in o.followups] == ["on_time"]


def test_a_team_member_sees_their_own_team_and_is_refused_another_even_when_asking(world: Database) -> None:
    own = overview_service.overview(world, LIS, TODAY)
    assert own.team_id == "viby" and {c.name for c in own.contacts} == {"Lis Viby"}
    assert own.statuses is not None and sum(s.citizens for s in own.statuses) == 1
    with pytest.raises(PermissionDeniedError, match="Viby"):
        overview_service.overview(world, LIS, TODAY, team_id="gellerup")
    assert overview_service.team_choices(world, LIS) == ["viby"]
    assert overview_service.team_choices(world, LEADER)[0] is None


def test_a_user_who_may_not_read_citizens_gets_the_employer_figures_only(world: Database) -> None:
    o = overview_service.overview(world, EMMA, TODAY)
    assert o.team_id == "gellerup" and o.stages and o.contacts
    assert o.placements is None and o.statuses is None and o.retention is None and o.followups is None


def test_a_period_that_ends_before_it_starts_is_refused_naming_the_field(world: Database) -> None:
    with pytest.raises(ValidationError, match="Fra"):
        overview_service.overview(world, ANNE, TODAY, period=Period(date(2026, 5, 1), date(2026, 4, 1)))


def test_a_period_is_counted_up_to_today_at_the_latest(world: Database) -> None:
    o = overview_service.overview(world, LEADER, TODAY, period=Period(date(2026, 10, 1), date(2027, 3, 31)))
    assert o.period == Period(date(2026, 10, 1), TODAY)
    assert {f"{r.month:%Y-%m}" for r in o.stages} == {"2026-10", "2026-11"}


def test_reading_the_figures_writes_no_audit_row(world: Database) -> None:
    count = "SELECT count(*) FROM audit_log"
    before = world.cursor().execute(count).fetchall()[0][0]
    overview_service.overview(world, ANNE, TODAY)
    assert world.cursor().execute(count).fetchall()[0][0] == before
