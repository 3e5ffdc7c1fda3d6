"""The three daily tasks, clicked through in a real browser against the real app."""

from __future__ import annotations

from tests.e2e.conftest import choose_actor, select_option


def test_a_consultant_logs_a_visit_in_the_quick_form(page: object, app_url: str) -> None:
    choose_actor(page, app_url)
    page.get_by_role("tab", name="Log besøg").click()  # type: ignore[attr-defined]
    select_option(page, "Virksomhed", "(")
    page.get_by_text("1. kop te: lære virksomheden at kende").click()  # type: ignore[attr-defined]
    page.get_by_label("Noter").fill("Nysgerrig første snak om deres hverdag")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Gem besøg").click()  # type: ignore[attr-defined]
    page.get_by_text("Besøget er gemt").wait_for()  # type: ignore[attr-defined]


def test_the_team_sees_a_ranking_with_reasons_for_a_job(page: object, app_url: str) -> None:
    choose_actor(page, app_url, "job")
    select_option(page, "Jobåbning", "—")
    page.get_by_text("Forslag (").wait_for()  # type: ignore[attr-defined]
    page.get_by_text("Kunne passe, hvis").first.wait_for()  # type: ignore[attr-defined]
    page.screenshot(path="/tmp/oto-match-meeting.png", full_page=True)  # type: ignore[attr-defined]


def test_fastholdelse_lists_my_follow_ups_and_opens_a_placement(page: object, app_url: str) -> None:
    choose_actor(page, app_url, "fastholdelse")
    page.get_by_text("Opfølgninger i forløb, hvor du er i makkerparret").wait_for()  # type: ignore[attr-defined]
    page.get_by_role("tab", name="Forløb", exact=True).click()  # type: ignore[attr-defined]
    select_option(page, "Forløb", "hos")
    page.get_by_role("tab", name="Timer over tid").wait_for()  # type: ignore[attr-defined]
