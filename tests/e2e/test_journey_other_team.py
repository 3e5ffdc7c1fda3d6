"""Journey d, in a real browser: a member of another team (Viby) signs in through the municipality's single sign-on
(a local OpenID Connect provider) and finds no Gellerup citizen anywhere: not by searching, not in any list, picker,
ranking, employer timeline or chart, on any page or tab, nor by an address with a citizen's id (the app has no such
address: it shows the list, not the citizen). Screenshots: screenshots/journeys/other-team/.

This subsumes the former test_isolation_in_browser.py (every page, every tab), and reads more: a table's accessible
copy and every tab's text (hidden or not) are in the text checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (
    Steps,
    _free_port,
    add_sso_user,
    choose,
    open_page,
    read_database,
    running_app,
    screen_text,
    settle,
    sso_secrets,
    through_the_provider,
)

# address -> title of every page a team member has ('' is the first page, Virksomheder)
PAGES = {"": "Virksomheder", "job": "Jobåbninger & match", "borgere": "Borgere", "fastholdelse": "Fastholdelse",
         "overblik": "Overblik"}  # fmt: skip
JOURNEY_CITIZENS = ("Mustafa Mohamud", "Gitte Said")  # in journeys b and c, both of team Gellerup


def gellerup_citizens(db: Path) -> tuple[set[str], dict[str, str]]:
    """The names only Gellerup citizens have (a Viby citizen may share a name), and their ids by name."""
    from oto_match.storage import citizens as citizen_sql

    with read_database(db) as cur:
        citizens = citizen_sql.list_citizens(cur)
    elsewhere = {c.name for c in citizens if c.team_id != "gellerup"}
    ids = {c.name: c.citizen_id for c in citizens if c.team_id == "gellerup" and c.name not in elsewhere}
    return set(ids), ids


def switch_off(page: Any, label: str) -> None:
    """Turn off the toggle labelled `label` (its label takes the click)."""
    switch = page.get_by_role("switch", name=label)
    assert switch.is_checked()
    page.get_by_text(label, exact=True).click()
    settle(page)
    assert not switch.is_checked()


class Watch:
    """Checks the screen for any of `names` after each step, and saves the step's screenshot."""

    def __init__(self, page: Any, names: set[str]) -> None:
        self.page, self.names, self.shot = page, names, Steps(page, "other-team")

    def __call__(self, where: str, screenshot: bool = True) -> None:
        settle(self.page)
        shown = screen_text(self.page)
        leaked = sorted(n for n in self.names if n in shown)
        if screenshot:
            self.shot(where)
        assert not leaked, f"{where}: a Viby user sees Gellerup citizens {leaked[:5]}"


def every_page_and_tab(page: Any, url: str, watch: Watch) -> None:
    """Every page; the text read holds every tab of it (Streamlit draws the hidden tabs too; none is drawn only
    when opened), so no tab needs a click."""
    for path, title in PAGES.items():
        open_page(page, url, path, title)
        assert page.get_by_role("tab").count() > 1 or path == "overblik"  # the hidden tabs are there to read
        watch(path or "virksomheder")


def search_and_pickers(page: Any, url: str, watch: Watch, ids: dict[str, str]) -> None:
    open_page(page, url, "borgere", "Borgere")
    switch_off(page, "Kun mit team (Viby)")  # every team the user may see
    watch("borgere-all-teams")
    for name in JOURNEY_CITIZENS:
        search = page.get_by_label("Søg på navn")
        search.fill(name.split()[0])
        search.press("Enter")
        watch(f"borgere-search-{name.split()[0].lower()}")
        page.get_by_role("combobox", name="Åbn borger").click()
        watch(f"borgere-picker-{name.split()[0].lower()}")
        page.keyboard.press("Escape")
    page.goto(f"{url}/borgere?borger={ids[JOURNEY_CITIZENS[0]]}")  # no such address: the list, not the citizen
    page.get_by_role("heading", name="Borgere", exact=True).wait_for()
    watch("borgere-address-with-an-id")
    open_page(page, url, "fastholdelse", "Fastholdelse")
    page.get_by_role("tab", name="Forløb", exact=True).click()
    switch_off(page, "Kun mit team (Viby)")
    search = page.get_by_label("Søg forløb (borger eller virksomhed)")
    search.fill("Mustafa")
    search.press("Enter")
    watch("fastholdelse-search-forloeb")
    page.get_by_role("tab", name="Nyt forløb").click()
    page.get_by_label("Find borger (navn)").fill("Mustafa")
    page.get_by_label("Find borger (navn)").press("Enter")
    watch("fastholdelse-new-placement-picker")


def the_ranking_and_the_employer(page: Any, url: str, watch: Watch) -> None:
    open_page(page, url, "job", "Jobåbninger & match")
    choose(page, page.get_by_role("combobox", name="Jobåbning"), "Caféassistent — Café Sammen (åben)")
    switch_off(page, "Kun borgere i mit team (Viby)")  # rank every citizen I may see
    watch("job-ranking-all-teams")
    page.get_by_role("tab", name="Teamets beslutning").click()
    page.get_by_role("combobox", name="Teamet foreslår").click()
    watch("job-decision-picker")
    page.keyboard.press("Escape")
    open_page(page, url, "", "Virksomheder")  # the first page: its address is the app's
    search = page.get_by_label("Søg (navn, adresse, CVR, P-nr.)")
    search.fill("Netto Brabrand")  # where a Gellerup citizen has a placement
    search.press("Enter")
    choose(page, page.get_by_role("combobox", name="Åbn virksomhed"), "Netto Brabrand (8220)")
    page.get_by_role("heading", name="Netto Brabrand").wait_for()
    watch("employer-timeline")


@pytest.fixture
def sso_journey_db(journey_db: Path) -> Path:
    add_sso_user(journey_db, "Sara Single", "viby", "sara")
    return journey_db


def test_a_viby_user_signed_in_by_single_sign_on_finds_no_gellerup_citizen(
    journey_page: Any, sso_journey_db: Path, oidc_issuer: str, tmp_path: Path
) -> None:
    names, ids = gellerup_citizens(sso_journey_db)
    assert set(JOURNEY_CITIZENS) <= names
    page, port = journey_page, _free_port()
    watch = Watch(page, names)
    with running_app(sso_journey_db, sso_secrets(tmp_path, oidc_issuer, port), port) as url, watch.shot.on_failure():
        through_the_provider(page, url, "sara")
        page.get_by_text("Sara Single").first.wait_for()
        watch("signed-in-by-single-sign-on")
        search_and_pickers(page, url, watch, ids)
        the_ranking_and_the_employer(page, url, watch)
        every_page_and_tab(page, url, watch)
