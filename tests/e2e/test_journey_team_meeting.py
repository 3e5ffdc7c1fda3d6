"""Journey b, in a real browser: the team opens a new job, sees the ranked candidates with reasons, opens an
excluded citizen's reasons, writes a note, records its decision, and moves the proposed citizen on to presented
(præsenteret). Screenshots: screenshots/journeys/team-meeting/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.e2e.conftest import Steps, choose, read_database, running_app, settle, sign_in

JOB = "Caféassistent — Café Sammen (åben)"  # a demo job nobody has proposed anyone for yet
NOTE = "Har selv spurgt til caféjob ved sidste samtale"
CARD = "xpath=ancestor::div[@data-testid='stVerticalBlock'][1]"  # a candidate's card, from its 'Gem note'
REASON = "Passer på timer og opgaver; borgeren vil gerne arbejde med mennesker"


def open_the_job(page: Any, shot: Steps) -> None:
    page.get_by_role("link", name="Jobåbninger & match").click()
    page.get_by_role("heading", name="Jobåbninger & match").wait_for()
    settle(page)
    shot("job-list")
    choose(page, page.get_by_role("combobox", name="Jobåbning"), JOB)
    page.get_by_role("heading", name=re.compile("Caféassistent — Café Sammen")).wait_for()
    page.get_by_text(re.compile(r"Forslag \(\d+ passer, \d+ usikre\)")).first.wait_for()
    shot("ranking-with-reasons")


def ranking_and_excluded(page: Any, shot: Steps) -> str:
    """The first card's citizen (the best match), after checking the ranking gives reasons."""
    first = page.get_by_role("button", name="Gem note").first.locator(CARD)
    text = first.inner_text()
    assert "passer" in text and "timer:" in text and "transport:" in text, text  # the reasons, criterion by criterion
    name = first.locator("strong").first.inner_text()
    page.get_by_text(re.compile(r"Udelukkede borgere \(\d+\) og hvorfor")).click()
    excluded = page.locator("[data-testid='stExpander']").filter(has_text="Udelukkede borgere")
    excluded.locator("strong").first.wait_for()
    assert ":" in excluded.inner_text().split("hvorfor", 1)[1]  # 'Name: the reason it fails'
    shot("excluded-and-why")
    first.get_by_label("Note til teamet").fill(NOTE)
    first.get_by_role("button", name="Gem note").click()
    settle(page)
    page.get_by_text(NOTE).first.wait_for()
    shot("note-saved")
    return name


def decide_and_present(page: Any, shot: Steps, name: str) -> None:
    page.get_by_role("tab", name="Teamets beslutning").click()
    settle(page)
    choose(page, page.get_by_role("combobox", name="Teamet foreslår"), f"{name} (passer)", close=True)
    page.get_by_label("Teamets begrundelse *").fill(REASON)
    shot("decision-filled-in")
    page.get_by_role("button", name="Gem teamets beslutning").click()
    page.get_by_text("Beslutningen er gemt").first.wait_for()
    shot("decision-saved")
    page.get_by_role("tab", name="Kandidatliste").click()
    settle(page)
    page.get_by_text(re.compile(f"{name}.*foreslået")).first.wait_for()
    page.get_by_role("button", name="borger har sagt ja").first.click()
    settle(page)
    page.get_by_role("button", name="præsenteret for virksomheden").first.click()
    settle(page)
    page.get_by_text(re.compile(f"{name}.*præsenteret for virksomheden")).first.wait_for()
    shot("candidate-presented")


def test_the_team_ranks_decides_with_a_note_and_presents_a_candidate(journey_page: Any, journey_db: Path) -> None:
    page, shot = journey_page, Steps(journey_page, "team-meeting")
    with running_app(journey_db) as url, shot.on_failure():
        sign_in(page, url, "signe", "demo-signe")
        open_the_job(page, shot)
        name = ranking_and_excluded(page, shot)
        decide_and_present(page, shot, name)
    from oto_match.storage import jobs as job_sql

    with read_database(journey_db) as cur:
        job = next(j for j in job_sql.list_jobs(cur) if j.title == "Caféassistent")
        decisions = job_sql.decisions_for(cur, job.job_id)
        candidates = job_sql.candidates_for_job(cur, job.job_id)
        notes = job_sql.notes_for(cur, job.job_id)
    assert len(decisions) == 1 and decisions[0].reason == REASON
    assert [(c.citizen_name, c.state) for c in candidates] == [(name, "presented")]
    assert [n.text for n in notes] == [NOTE]
