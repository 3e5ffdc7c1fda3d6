"""Fixtures: real DuckDB databases in temporary folders, never mocks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oto_match.domain import Staff
from oto_match.services.setup import init_database
from oto_match.storage.db import Database

TODAY = date(2026, 11, 24)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database with the three teams and two staff members."""
    from oto_match.storage import staff as staff_sql

    database, _ = init_database(tmp_path / "test.duckdb")
    with database.transaction() as cur:
        staff_sql.save_staff(cur, Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant"))
        staff_sql.save_staff(cur, Staff("S2", "Bo Job", "gellerup", "job_consultant"))
        staff_sql.save_staff(cur, Staff("S3", "Lis Viby", "viby", "employer_consultant"))
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database file built once per test session (tests copy it before writing)."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    database, _ = init_database(path, demo=True, today=TODAY)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_path: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database."""
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    database = Database(copy)
    yield database
    database.close()


@pytest.fixture
def actor() -> Staff:
    """A leader (every team): the tests of a use case's rules are not about access (tests/test_isolation.py is)."""
    return Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant", is_leader=True)


def build_placement_world(path: Path) -> Database:
    """A migrated database with staff S1-S3, an employer (E1), a job there (J1) and a citizen (C1, team
    gellerup, makkerpar S1 + S2, unemployed): what a new placement needs."""
    from oto_match.domain import Citizen, Employer, JobOpening
    from oto_match.storage import citizens as citizen_sql
    from oto_match.storage import employers as employer_sql
    from oto_match.storage import jobs as job_sql
    from oto_match.storage import staff as staff_sql

    database, _ = init_database(path)
    with database.transaction() as cur:
        for s in (Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant"),
                  Staff("S2", "Bo Job", "gellerup", "job_consultant"),
                  Staff("S3", "Lis Viby", "viby", "employer_consultant")):  # fmt: skip
            staff_sql.save_staff(cur, s)
        employer_sql.save_employer(cur, Employer("E1", "Kantinen Vest", "8220"))
        job_sql.save_job(cur, JobOpening("J1", "E1", "Køkkenhjælp", "internship"))
        citizen_sql.save_citizen(cur, Citizen("C1", "Fatima Ali", spare_strains=("heavy_lifting",),
                                              team_id="gellerup", partner1_id="S1", partner2_id="S2"))  # fmt: skip
    return database


@pytest.fixture
def placement_world(tmp_path: Path) -> Iterator[Database]:
    database = build_placement_world(tmp_path / "world.duckdb")
    yield database
    database.close()


# --- What the run did in the browser, in the log (CI shows the journeys by name); here, not in tests/e2e, so the
# hooks also run in the controlling process when pytest-xdist spreads the tests over two processes.

_BROWSER_RESULTS: list[tuple[str, str, float]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "tests/e2e/" in report.nodeid and (report.when == "call" or report.outcome != "passed"):
        _BROWSER_RESULTS.append((report.nodeid.split("/")[-1], report.outcome, report.duration))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _BROWSER_RESULTS:
        return
    terminalreporter.section("in the browser (Chromium)")
    for name, outcome, seconds in _BROWSER_RESULTS:
        terminalreporter.write_line(f"{outcome:8} {seconds:5.1f} s  {name}")
    terminalreporter.write_line("screenshots: screenshots/journeys/ and screenshots/pages/")
