"""Strains not assessed are not "no strains": the form, jobs.csv, export and the ranking agree."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oto_match.domain import Employer, Staff
from oto_match.errors import ValidationError
from oto_match.importexport import export_text, import_text
from oto_match.records import CITIZEN_COLUMNS, JOB_COLUMNS, JOB_OPTIONAL_COLUMNS
from oto_match.services import jobs as job_service
from oto_match.services import matching as match_service
from oto_match.services.jobs import JobIntake
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database

HEADER = ",".join(JOB_COLUMNS)
# A jobs.csv line with the `strains` and `removable_strains` cells left to fill in.
LINE = "J1,E1,Butiksmedhjælper,Fylde varer på hylder,small_job,5,12,man-fre 09:00-12:00,,{strains},{removable},1,no"
FORM = JobIntake(
    job_id="J-form", employer_id="E1", title="Butiksmedhjælper", job_type="small_job", hours_min_week=5,
    hours_max_week=12, strains=(), strains_assessed=False, no_strains=False,
)  # fmt: skip


@pytest.fixture
def shop(db: Database) -> Database:
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E1", "Føtex Gellerup", "8220", owner_staff_id="S1"))
    return db


def _jobs_csv(strains: str, removable: str = "") -> str:
    return f"{HEADER}\n{LINE.format(strains=strains, removable=removable)}\n"


@pytest.mark.parametrize(
    "cell, strains, assessed",
    [
        ("", (), False),  # empty: nobody has assessed them yet
        ("none", (), True),
        ("ingen", (), True),
        ("INGEN", (), True),
        (" None ", (), True),
        ("cold;heavy_lifting", ("cold", "heavy_lifting"), True),
        ("cold; none", None, None),  # 'none' with strains is refused, naming the column
        ("Ingen;noise", None, None),
    ],
)
def test_the_strains_cell_of_jobs_csv_says_whether_they_are_assessed(
    shop: Database, actor: Staff, cell: str, strains: tuple[str, ...] | None, assessed: bool | None
) -> None:
    report = import_text(shop, actor, "jobs", _jobs_csv(cell))
    if strains is None:
        assert report.inserted == 0 and len(report.problems) == 1
        assert report.problems[0].startswith("linje 2, kolonne strains (Belastninger): 'none' kan ikke stå sammen med belastninger")  # noqa: E501
        return
    assert report.problems == [] and report.inserted == 1
    job = job_service.get_job(shop, "J1")
    assert (job.strains, job.strains_assessed) == (strains, assessed)


def test_a_removable_strain_must_be_among_the_strains_even_when_they_are_not_assessed(
    shop: Database, actor: Staff
) -> None:
    for cell in ("", "none"):
        report = import_text(shop, actor, "jobs", _jobs_csv(cell, removable="heavy_lifting"))
        assert any(p.startswith("linje 2, kolonne removable_strains (Kan undværes): ") for p in report.problems), report.problems  # noqa: E501


def test_reimporting_a_file_can_turn_not_assessed_into_assessed_and_none(shop: Database, actor: Staff) -> None:
    import_text(shop, actor, "jobs", _jobs_csv(""))
    assert job_service.get_job(shop, "J1").strains_assessed is False
    report = import_text(shop, actor, "jobs", _jobs_csv("ingen"))
    assert report.updated == 1
    job = job_service.get_job(shop, "J1")
    assert (job.strains, job.strains_assessed, job.version) == ((), True, 2)


def test_export_import_export_of_jobs_is_identical_and_keeps_not_assessed_apart_from_none(
    shop: Database, actor: Staff
) -> None:
    cells = (("J1", "", ""), ("J2", "none", ""), ("J3", "cold;heavy_lifting", "cold"))
    lines = [LINE.format(strains=s, removable=r).replace("J1,", f"{job_id},", 1) for job_id, s, r in cells]
    assert import_text(shop, actor, "jobs", "\n".join([HEADER, *lines]) + "\n").inserted == 3
    first, count = export_text(shop, actor, "jobs")
    exported = {row.split(",")[0]: row.split(",")[9] for row in first.splitlines()[1:]}
    assert count == 3 and exported == {"J1": "", "J2": "none", "J3": "cold;heavy_lifting"}
    assert first.splitlines()[0] == ",".join([*JOB_COLUMNS, *JOB_OPTIONAL_COLUMNS])
    assert import_text(shop, actor, "jobs", first).updated == 3
    assert export_text(shop, actor, "jobs")[0] == first


@pytest.mark.parametrize(
    "choice, saved",
    [
        ({"strains": ("cold",), "strains_assessed": True}, (("cold",), True)),
        ({"strains_assessed": True, "no_strains": True}, ((), True)),
    ],
)
def test_a_form_that_chooses_strains_or_no_strains_is_stored_as_assessed(
    shop: Database, actor: Staff, choice: dict[str, object], saved: tuple[tuple[str, ...], bool]
) -> None:
    job = job_service.save_job(shop, actor, replace(FORM, **choice))  # type: ignore[arg-type]
    assert (job.strains, job.strains_assessed) == saved


@pytest.mark.parametrize(
    "choice, words",
    [
        ({}, "jobbets belastninger skal vurderes: vælg jobbets belastninger, eller sæt hak i 'Ingen belastninger'"),
        ({"strains": ("cold",), "strains_assessed": True, "no_strains": True},
         "sæt enten hak i 'Ingen belastninger' eller vælg belastninger, ikke begge"),
    ],
)  # fmt: skip
def test_a_form_with_neither_strains_nor_no_strains_or_with_both_is_refused_naming_belastninger(
    shop: Database, actor: Staff, choice: dict[str, object], words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        job_service.save_job(shop, actor, replace(FORM, **choice))  # type: ignore[arg-type]
    assert str(refused.value.problems[0]) == f"Belastninger: {words}"
    assert shop.cursor().execute("SELECT count(*) FROM job_openings").fetchall() == [(0,)]


def test_changing_a_job_whose_strains_are_not_assessed_asks_for_them(shop: Database, actor: Staff) -> None:
    import_text(shop, actor, "jobs", _jobs_csv(""))
    opened = JobIntake.of(job_service.get_job(shop, "J1"))
    with pytest.raises(ValidationError, match="Belastninger: jobbets belastninger skal vurderes"):
        job_service.save_job(shop, actor, replace(opened, positions=2))
    job = job_service.save_job(shop, actor, replace(opened, positions=2, strains_assessed=True, no_strains=True))
    assert (job.strains_assessed, job.positions, job.version) == (True, 2, 2)


# The father in the evaluation report: heart disease, 12 hours a week at low intensity.
FATHER = (
    ",".join(CITIZEN_COLUMNS) + "\n"
    "C1,Far med hjertesygdom,1975,male,Danmark,8220,12,man-fre 08:00-16:00,heavy_lifting;cold,walk;public,40,,3,"
    "no,yes,butik og kunder,butiksarbejde i hjemlandet,\n"
)  # fmt: skip


def test_the_fathers_case_a_job_imported_without_strains_is_uncertain_never_no_conflict(
    shop: Database, actor: Staff
) -> None:
    assert import_text(shop, actor, "citizens", FATHER).problems == []
    assert import_text(shop, actor, "jobs", _jobs_csv("")).problems == []
    (father,) = match_service.rank_job(shop, actor, "J1").candidates
    ((_, _, from_profile),) = match_service.jobs_for_citizen(shop, actor, "C1")
    for ranked in (father, from_profile):
        strains = next(c for c in ranked.checks if c.criterion == "strains")
        assert (ranked.verdict, strains.status) == ("uncertain", "unknown")
        assert strains.detail == "? jobbets belastninger er ikke vurderet"
        assert [c.criterion for c in ranked.checks if c.status != "pass"] == ["strains"]  # the only doubt
        assert not any("ingen konflikt" in c.detail for c in ranked.checks)
    import_text(shop, actor, "jobs", _jobs_csv("cold;heavy_lifting"))  # once assessed: the conflict shows
    (father,) = match_service.rank_job(shop, actor, "J1").candidates
    assert father.verdict == "excluded"
