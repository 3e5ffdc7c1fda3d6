"""Journey c, in a real browser: a makkerpar opens 'Mine opfølgninger', opens the overdue follow-up's placement by
clicking its row, logs the follow-up with more hours and a new skånehensyn, sees the hours chart and the next date
move, and downloads the calendar (.ics). Screenshots: screenshots/journeys/followup/."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import (
    Steps,
    choose,
    click_row,
    open_page,
    read_database,
    running_app,
    screen_text,
    settle,
    sign_in,
    visible_form,
)

CITIZEN, EMPLOYER = "Mustafa Mohamud", "Netto Brabrand"  # Omar Bach (S005) is in the makkerpar; one is overdue
NEW_STRAIN = "kulde"
CHART = "[data-testid='stVegaLiteChart']:visible, [data-testid='stArrowVegaLiteChart']:visible"


def placement_and_dates(db: Path) -> tuple[Any, date, date]:
    """The placement, its overdue follow-up's date and the date of the one after (as the demo made them)."""
    from oto_match.storage import citizens as citizen_sql
    from oto_match.storage import placements as placement_sql

    with read_database(db) as cur:
        placement = next(p for p in placement_sql.list_placements(cur, "active")
                         if citizen_sql.get_citizen(cur, p.citizen_id).name == CITIZEN)  # fmt: skip
        due = sorted(f.due_date for f in placement_sql.followups_of(cur, placement.placement_id) if f.is_open)
    assert due[0] < date.today() < due[1]
    return placement, due[0], due[1]


def my_followups(page: Any, shot: Steps, url: str, overdue: str) -> None:
    open_page(page, url, "fastholdelse", "Fastholdelse")
    table = page.locator("[data-testid='stDataFrame']:visible").first
    expect(table).to_contain_text(f"{overdue} · forfalden{CITIZEN}{EMPLOYER}")  # the table's accessible copy
    shot("my-followups-overdue")
    click_row(page, table)
    page.get_by_role("heading", name=f"{CITIZEN} hos {EMPLOYER}").wait_for()
    shot("placement-opened-from-the-row")


def log_followup(page: Any, shot: Steps, overdue: str) -> None:
    page.get_by_role("tab", name="Log opfølgning").click()
    settle(page)  # the rerun of the row click (and its toast) is done before anything is typed
    form = visible_form(page, "Gem opfølgning")
    assert overdue in form.get_by_role("combobox", name="Hvilken opfølgning").input_value()
    form.get_by_label("Noter").fill("Går godt; vil gerne have flere timer. Fryser på kølelageret.")
    form.get_by_label("Nye timer pr. uge").fill("12")
    strains = form.get_by_role("combobox", name=re.compile("Nye skånehensyn"))
    chosen = form.locator("[data-testid='stMultiSelectTagsContainer']").filter(has_text=NEW_STRAIN)
    for _ in range(3):  # a rerun landing just as the list closes can drop the choice: choose again, as a person would
        choose(page, strains, NEW_STRAIN, close=True)
        settle(page)
        if chosen.count():
            break
    expect(chosen.first).to_be_visible()
    shot("followup-filled-in")
    form.get_by_role("button", name="Gem opfølgning").click()
    page.get_by_text("Opfølgningen er gemt").first.wait_for()
    settle(page)
    assert page.get_by_role("tab", name="Log opfølgning").get_attribute("aria-selected") == "true"  # stays here
    shot("followup-saved")


def hours_and_next_date(page: Any, shot: Steps, overdue: str, next_date: str) -> None:
    page.get_by_role("tab", name="Timer over tid").click()
    settle(page)
    page.locator(CHART).first.wait_for()
    shot("hours-chart")
    page.get_by_role("tab", name="Tidslinje").click()
    settle(page)
    timeline = page.locator("[data-testid='stTabPanel']:visible, [role='tabpanel']:visible").last.inner_text()
    assert next_date in timeline, timeline
    shot("timeline-next-date")
    page.get_by_role("tab", name="Mine opfølgninger").click()
    settle(page)
    assert f"{overdue} · forfalden" not in screen_text(page)  # done: the overdue row is gone from my list
    shot("my-followups-after")


def download_calendar(page: Any, folder: Path) -> str:
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent mine opfølgninger til Outlook (.ics)").click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name.endswith(".ics")
    return target.read_text("utf-8")


def test_a_makkerpar_logs_a_followup_with_more_hours_and_a_new_strain(
    journey_page: Any, journey_db: Path, tmp_path: Path
) -> None:
    page, shot = journey_page, Steps(journey_page, "followup")
    placement, overdue, next_date = placement_and_dates(journey_db)
    with running_app(journey_db) as url, shot.on_failure():
        sign_in(page, url, "omar", "demo-omar")
        my_followups(page, shot, url, f"{overdue:%d-%m-%Y}")
        log_followup(page, shot, f"{overdue:%d-%m-%Y}")
        hours_and_next_date(page, shot, f"{overdue:%d-%m-%Y}", f"{next_date:%d-%m-%Y}")
        calendar = download_calendar(page, tmp_path)
    assert "BEGIN:VCALENDAR" in calendar and f"MM – {EMPLOYER}" in calendar  # initials only, in a calendar
    assert f"{overdue:%Y%m%d}" not in calendar and f"{next_date:%Y%m%d}" in calendar  # the next date moved on
    from oto_match.storage import citizens as citizen_sql
    from oto_match.storage import placements as placement_sql

    with read_database(journey_db) as cur:
        placement = placement_sql.get_placement(cur, placement.placement_id)
        hours = placement_sql.hours_history(cur, placement.placement_id)
        done = [f for f in placement_sql.followups_of(cur, placement.placement_id) if f.status == "done"]
        citizen = citizen_sql.get_citizen(cur, placement.citizen_id)
    assert [h.hours_week for h in hours][-1] == 12 and placement.hours_week == 12
    assert "cold" in placement.agreed_strains and "cold" in citizen.spare_strains
    assert next(f for f in done if f.due_date == overdue).done_by == "S005"  # Omar Bach logged it
