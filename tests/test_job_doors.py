"""One door for a job opening: the form's service call, CSV import and the CLI give the same job."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oto_match.cli import main
from oto_match.domain import Employer, Staff
from oto_match.importexport import import_text
from oto_match.records import JOB_COLUMNS, JOB_OPTIONAL_COLUMNS
from oto_match.services import jobs as job_service
from oto_match.services.jobs import JobIntake
from oto_match.services.setup import init_database
from oto_match.storage import employers as employer_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database

ANNE = Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant")
# Who did it and when differs by door by nature; everything else must not.
WHO_AND_WHEN = {"created_by", "created_at", "changed_at", "changed_by"}

FORM = JobIntake(
    job_id="J1", employer_id="E1", title="Køkkenmedhjælper", job_type="small_job", description="Opvask og anretning",
    hours_min_week=8, hours_max_week=12, schedule="tir 10:00-12:00; man 10:00-12:00", postcode=None,
    strains=("heavy_lifting", "noise"), removable_strains=("heavy_lifting",), danish_level_required=1,
    driving_required=False, start_date=date(2026, 12, 1), positions=2, deadline=date(2026, 11, 28), status="open",
)  # fmt: skip
CSV = (
    ",".join([*JOB_COLUMNS, *JOB_OPTIONAL_COLUMNS]) + "\n"
    "J1,E1,Køkkenmedhjælper,Opvask og anretning,small_job,8,12,tir 10:00-12:00; man 10:00-12:00,,"
    "heavy_lifting;noise,heavy_lifting,1,no,2026-12-01,2,2026-11-28,open\n"
)


def _database(path: Path) -> Database:
    """A database with Anne (Gellerup) and her employer."""
    db, _ = init_database(path)
    with db.transaction() as cur:
        staff_sql.save_staff(cur, ANNE)
        employer_sql.save_employer(cur, Employer("E1", "Kantinen", "8220", owner_staff_id="S1"))
    return db


def _what_was_stored(path: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    db = Database(path)
    try:
        cur = db.cursor()
        result = cur.execute("SELECT * FROM job_openings ORDER BY job_id")
        names = [d[0] for d in result.description]
        rows = [{n: v for n, v in zip(names, r, strict=True) if n not in WHO_AND_WHEN} for r in result.fetchall()]
        audit = cur.execute(
            "SELECT action, entity, entity_id, detail FROM audit_log WHERE entity = 'job' ORDER BY audit_id"
        ).fetchall()
        return rows, audit
    finally:
        db.close()


def _through_the_form(path: Path) -> None:
    db = _database(path)
    job_service.save_job(db, ANNE, FORM)
    db.close()


def _through_csv_import(path: Path) -> None:
    db = _database(path)
    report = import_text(db, ANNE, "jobs", CSV)
    assert report.problems == [] and report.inserted == 1
    db.close()


def _through_the_cli(path: Path) -> None:
    _database(path).close()
    file = path.with_suffix(".csv")
    file.write_text(CSV, encoding="utf-8")
    assert main(["--db", str(path), "import", "jobs", str(file)]) == 0


def test_a_job_created_through_the_form_csv_import_and_the_cli_is_stored_identically(tmp_path: Path) -> None:
    stored = []
    for door in (_through_the_form, _through_csv_import, _through_the_cli):
        path = tmp_path / f"{door.__name__}.duckdb"
        door(path)
        stored.append(_what_was_stored(path))
    (rows, audit), *others = stored
    assert rows[0]["schedule"] == "man,tir 10:00-12:00" and rows[0]["team_id"] == "gellerup"
    assert rows[0]["version"] == 1 and [a[:3] for a in audit] == [("create", "job", "J1")]
    assert audit[0][3].startswith("Virksomhed: – → E1; Titel: – → Køkkenmedhjælper; ")
    assert "; Startdato: – → 01-12-2026; " in audit[0][3] and audit[0][3].endswith("; Team: – → gellerup")
    for other in others:
        assert other == (rows, audit)


def test_a_jobs_file_in_the_older_format_changes_only_what_it_says(tmp_path: Path) -> None:
    db = _database(tmp_path / "old.duckdb")
    job_service.save_job(db, ANNE, FORM)
    old_format = ",".join(JOB_COLUMNS) + "\n" + CSV.splitlines()[1].rsplit(",", 4)[0].replace(",8,12,", ",6,12,")
    report = import_text(db, ANNE, "jobs", old_format + "\n")
    assert report.problems == [] and report.updated == 1
    job = job_service.get_job(db, "J1")
    assert (job.hours_min_week, job.start_date, job.positions, job.version) == (6, date(2026, 12, 1), 2, 2)
    db.close()


@pytest.mark.parametrize(
    "cells, column",
    [(",0,0,", "hours_min_week"), (",8,61,", "hours_max_week")],
)
def test_an_imported_job_gets_the_forms_hour_rules(tmp_path: Path, cells: str, column: str) -> None:
    db = _database(tmp_path / "rules.duckdb")
    report = import_text(db, ANNE, "jobs", CSV.replace(",8,12,", cells))
    assert any(p.startswith(f"linje 2, kolonne {column}") for p in report.problems), report.problems
    db.close()
