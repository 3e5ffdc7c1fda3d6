"""Job intake through its one door: the typed JobIntake and save_job."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oto_match.domain import Employer, Staff
from oto_match.errors import DuplicateRecordError, StaleRecordError, ValidationError
from oto_match.services import jobs as job_service
from oto_match.services.jobs import JobIntake
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label

INTAKE = JobIntake(
    job_id="J-form-1", employer_id="E1", title="Køkkenmedhjælper", job_type="small_job",
    description="Opvask og anretning", hours_min_week=8, hours_max_week=12, schedule="tir 10:00-12:00; man 10:00-12:00",
    strains=("heavy_lifting", "noise"), removable_strains=("heavy_lifting",), danish_level_required=1,
    start_date=date(2026, 12, 1), positions=2, deadline=date(2026, 11, 28),
)  # fmt: skip


@pytest.fixture
def kitchen(db: Database) -> Database:
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E1", "Kantinen", "8220", owner_staff_id="S3"))
        employer_sql.save_employer(cur, Employer("E2", "Gammel kantine", "8220", merged_into="E1"))
    return db


def _count(db: Database) -> int:
    return int(db.cursor().execute("SELECT count(*) FROM job_openings").fetchall()[0][0])


@pytest.mark.parametrize(
    "change, field",
    [
        ({"hours_min_week": 0, "hours_max_week": 0}, "hours_min_week"),
        ({"hours_min_week": 0, "hours_max_week": 0}, "hours_max_week"),
        ({"hours_min_week": 0}, "hours_min_week"),
        ({"hours_min_week": 20, "hours_max_week": 10}, "hours_max_week"),
        ({"hours_max_week": 61}, "hours_max_week"),
        ({"start_date": date(1900, 1, 1), "deadline": None}, "start_date"),
        ({"deadline": date(9999, 12, 31), "start_date": None}, "deadline"),
        ({"deadline": date(2026, 12, 2)}, "deadline"),
        ({"title": "x" * 5000}, "title"),
        ({"title": "\x00"}, "title"),
        ({"title": "\u200b"}, "title"),
        ({"title": "Køkken\u202ehjælper"}, "title"),
        ({"title": "  "}, "title"),
        ({"schedule": "man 25:00-26:00"}, "schedule"),
        ({"removable_strains": ("cold",)}, "removable_strains"),
        ({"positions": 0}, "positions"),
        ({"postcode": "0001"}, "postcode"),
        ({"job_type": "dream_job"}, "job_type"),
        ({"status": "maybe"}, "status"),
    ],
)
def test_an_invalid_job_is_refused_with_a_message_naming_the_field(
    kitchen: Database, actor: Staff, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        job_service.save_job(kitchen, actor, replace(INTAKE, **change))  # type: ignore[arg-type]
    assert field in refused.value.fields()
    assert f"{field_label(field)}: " in str(refused.value)
    assert _count(kitchen) == 0


def test_every_problem_of_an_intake_is_reported_at_once() -> None:
    bad = replace(INTAKE, title="", hours_min_week=0, schedule="man 25:00-26:00", deadline=date(9999, 1, 1))
    assert {p.field for p in bad.problems()} == {"title", "hours_min_week", "schedule", "deadline"}


def test_a_schedule_typo_is_a_field_problem_not_a_bare_value_error() -> None:
    (problem,) = replace(INTAKE, schedule="mandag 08-12").problems()
    assert problem.field == "schedule" and str(problem).startswith("Arbejdstider: ")


def test_a_saved_job_has_canonical_hours_the_actors_team_and_the_creator(kitchen: Database, actor: Staff) -> None:
    job = job_service.save_job(kitchen, actor, INTAKE)
    assert (job.job_id, job.schedule, job.team_id, job.version) == ("J-form-1", "man,tir 10:00-12:00", "gellerup", 1)
    assert job.postcode is None  # empty: the employer's postcode counts, as before
    created_by = kitchen.cursor().execute("SELECT created_by FROM job_openings").fetchall()
    assert created_by == [("S1",)]
    audit = kitchen.cursor().execute("SELECT action, entity, entity_id FROM audit_log").fetchall()
    assert audit == [("create", "job", "J-form-1")]


def test_a_form_without_an_id_gets_one(kitchen: Database, actor: Staff) -> None:
    job = job_service.save_job(kitchen, actor, replace(INTAKE, job_id=None))
    assert job.job_id.startswith("J-") and _count(kitchen) == 1


def test_a_form_sent_twice_creates_one_job(kitchen: Database, actor: Staff) -> None:
    job_service.save_job(kitchen, actor, INTAKE)
    with pytest.raises(DuplicateRecordError, match="Anne Virksomhed"):
        job_service.save_job(kitchen, actor, INTAKE)
    assert _count(kitchen) == 1


def test_two_people_editing_one_job_the_second_is_refused_and_the_first_change_is_kept(
    kitchen: Database, actor: Staff
) -> None:
    opened = job_service.save_job(kitchen, actor, INTAKE).version
    bo = Staff("S2", "Bo Job", "gellerup", "job_consultant")
    job_service.save_job(kitchen, actor, replace(INTAKE, positions=3, version=opened))
    with pytest.raises(StaleRecordError, match="ændret af Anne Virksomhed") as refused:
        job_service.save_job(kitchen, bo, replace(INTAKE, title="Opvasker", version=opened))
    assert "Køkkenmedhjælper" in refused.value.what
    job = job_service.get_job(kitchen, "J-form-1")
    assert (job.title, job.positions, job.version) == ("Køkkenmedhjælper", 3, 2)


def test_a_change_keeps_the_team_and_logs_what_changed(kitchen: Database, actor: Staff) -> None:
    job_service.save_job(kitchen, actor, INTAKE)
    viby = Staff("S3", "Lis Viby", "viby", "employer_consultant")
    job = job_service.save_job(kitchen, viby, replace(INTAKE, status="filled", version=1))
    assert (job.status, job.team_id) == ("filled", "gellerup")
    detail = kitchen.cursor().execute("SELECT detail FROM audit_log WHERE action = 'update'").fetchall()
    assert detail == [("Status: åben → besat",)]


@pytest.mark.parametrize(
    "employer_id, words", [("E9", "findes ikke"), ("E2", "Gammel kantine er flettet ind i Kantinen")]
)
def test_a_job_needs_an_employer_that_exists_and_is_not_merged(
    kitchen: Database, actor: Staff, employer_id: str, words: str
) -> None:
    with pytest.raises(ValidationError, match=f"{field_label('employer_id')}: .*{words}"):
        job_service.save_job(kitchen, actor, replace(INTAKE, employer_id=employer_id))
    assert _count(kitchen) == 0


def test_a_jobs_csv_line_is_checked_by_the_same_rules_and_named_by_line_and_column() -> None:
    row = {"job_id": "J1", "employer_id": "E1", "title": "Opvasker", "job_type": "small_job",
           "hours_min_week": "0", "hours_max_week": "0", "schedule": "man 25:00-26:00"}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        job_service.intake_from_row(row, 7)
    messages = [str(p) for p in refused.value.problems]
    assert any(m.startswith("linje 7, kolonne hours_min_week (Timer/uge fra): skal være mindst 1") for m in messages)
    assert any(m.startswith("linje 7, kolonne schedule (Arbejdstider): ") for m in messages)


def test_every_demo_job_obeys_the_intake_rules_and_a_couple_are_not_assessed_as_from_a_file(
    demo_db: Database,
) -> None:
    jobs = job_service.list_jobs(demo_db, None)
    # a job whose strains are not assessed came from a file (version None): a form must assess them
    intakes = [replace(JobIntake.of(j), version=None if not j.strains_assessed else j.version) for j in jobs]
    assert jobs and [p for i in intakes for p in i.problems()] == []
    not_assessed = [j for j in jobs if not j.strains_assessed]
    assert len(not_assessed) == 2 and all(j.status == "open" and j.strains == () for j in not_assessed)
