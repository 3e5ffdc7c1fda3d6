"""Journey a, in a real browser: the virksomhedskonsulent finds an employer by typing part of its name, logs a
cup-2 visit that learns an adaptation, adds it to the workplace, edits the master data (the adaptation is still
there), then creates a job opening from the employer. Screenshots: screenshots/journeys/employer/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.e2e.conftest import Steps, choose, read_database, running_app, selected, settle, sign_in, visible_form

EMPLOYER, LABEL = "Tilst Planteskole", "Tilst Planteskole (8381)"  # owned by Anne Hansen (Gellerup)
LEARNED = "tunge løft"
NEW_ADDRESS = "Planteskolevej 7"
JOB_TITLE = "Gartnermedhjælper, drivhus"


def find_and_open(page: Any, shot: Steps) -> None:
    search = page.get_by_label("Søg (navn, adresse, CVR, P-nr.)")
    search.fill("planteskol")
    search.press("Enter")
    page.get_by_text("1 af 60 virksomheder").first.wait_for()
    shot("found-by-part-of-the-name")
    choose(page, page.get_by_role("combobox", name="Åbn virksomhed"), LABEL)
    page.get_by_role("heading", name=EMPLOYER).wait_for()
    page.get_by_role("tab", name="Stamdata").wait_for()  # the employer's own tabs are drawn
    shot("employer-opened")


def log_cup_two_visit(page: Any, shot: Steps) -> None:
    page.get_by_role("tab", name="Log besøg").nth(1).click()  # the employer's tab, not the page's quick form
    form = visible_form(page, "Gem besøg")
    assert selected(form.get_by_role("combobox", name="Virksomhed")) == LABEL  # the visit is for this employer
    form.get_by_text("2. kop te", exact=False).first.click()
    form.get_by_label("Noter").fill("Så drivhuset og pakkeriet; de kan tage de tunge løft fra")
    choose(page, form.get_by_role("combobox", name=re.compile("Lært ved 2. kop: belastninger")), LEARNED, close=True)
    shot("cup-two-visit-filled-in")
    form.get_by_role("button", name="Gem besøg").click()
    page.get_by_text("Besøget er gemt").first.wait_for()
    page.get_by_text(f"I lærte, at arbejdspladsen kan fjerne: {LEARNED}").first.wait_for()
    shot("visit-saved-offers-the-adaptation")
    page.get_by_role("button", name="Tilføj til virksomhedens tilpasninger").click()
    page.get_by_text(f"Tilføjet til virksomhedens tilpasninger: {LEARNED}").first.wait_for()
    shot("adaptation-added")


def edit_master_data(page: Any, shot: Steps) -> None:
    page.get_by_role("tab", name="Stamdata").click()
    form = visible_form(page, "Gem stamdata")
    form.get_by_text(LEARNED).wait_for()  # the form shows the record as it is now, the new adaptation included
    form.get_by_label("Adresse").fill(NEW_ADDRESS)
    shot("master-data-edited")
    form.get_by_role("button", name="Gem stamdata").click()
    page.get_by_text("Stamdata er gemt").first.wait_for()
    page.get_by_text(f"{NEW_ADDRESS}, 8381").first.wait_for()
    kan_tilpasse = page.get_by_text("Kan tilpasse").first.locator("xpath=..")
    assert LEARNED in kan_tilpasse.inner_text()
    shot("master-data-saved-adaptation-kept")


def create_job(page: Any, shot: Steps) -> None:
    page.get_by_role("button", name="Opret jobåbning hos denne virksomhed").click()
    page.get_by_role("heading", name="Jobåbninger & match").wait_for()
    form = visible_form(page, "Gem jobåbning")
    assert selected(form.get_by_role("combobox", name="Virksomhed *")) == LABEL  # the employer is chosen
    form.get_by_label("Titel *").fill(JOB_TITLE)
    form.get_by_label("Mindst timer/uge").fill("8")
    form.get_by_label("Højst timer/uge").fill("15")
    choose(page, form.get_by_role("combobox", name="Belastninger i arbejdet *"), "meget gang", close=True)
    shot("job-opening-filled-in")
    form.get_by_role("button", name="Gem jobåbning").click()
    page.get_by_text(f"Jobåbningen '{JOB_TITLE}' er gemt").first.wait_for()
    settle(page)
    shot("job-opening-saved")


def test_a_consultant_logs_a_cup_two_visit_keeps_the_adaptation_and_opens_a_job(
    journey_page: Any, journey_db: Path
) -> None:
    page, shot = journey_page, Steps(journey_page, "employer")
    with running_app(journey_db) as url, shot.on_failure():
        sign_in(page, url, "anne", "demo-anne")
        find_and_open(page, shot)
        log_cup_two_visit(page, shot)
        edit_master_data(page, shot)
        create_job(page, shot)
    from oto_match.storage import employers as employer_sql
    from oto_match.storage import jobs as job_sql

    with read_database(journey_db) as cur:
        employer = next(e for e in employer_sql.list_employers(cur) if e.name == EMPLOYER)
        visits = employer_sql.visits_of(cur, employer.employer_id)
        jobs = job_sql.list_jobs(cur, employer_id=employer.employer_id)
    assert "heavy_lifting" in employer.accommodations and "prolonged_sitting" in employer.accommodations
    assert employer.address == NEW_ADDRESS
    assert any(v.cup == 2 and "heavy_lifting" in v.adaptations_learned and v.staff_id == "S007" for v in visits)
    new_job = next(j for j in jobs if j.title == JOB_TITLE)
    assert (new_job.hours_min_week, new_job.hours_max_week, new_job.strains) == (8, 15, ("much_walking",))
