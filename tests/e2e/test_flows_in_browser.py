"""The quick visit form ('Log besøg' on Virksomheder), clicked through in a real browser against the real app.

The ranking and Fastholdelse checks that stood here are part of the journeys (test_journey_team_meeting.py,
test_journey_followup.py), which follow them to the end and look in the database."""

from __future__ import annotations

from tests.e2e.conftest import choose_actor, select_option


def test_a_consultant_logs_a_visit_in_the_quick_form(page: object, app_url: str) -> None:
    choose_actor(page, app_url)
    page.get_by_role("tab", name="Log besøg").click()  # type: ignore[attr-defined]
    select_option(page, "Virksomhed", "(")
    page.get_by_text("1. kop te: lære virksomheden at kende").click()  # type: ignore[attr-defined]
    page.get_by_label("Noter").fill("Nysgerrig første snak om deres hverdag")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Gem besøg").click()  # type: ignore[attr-defined]
    page.get_by_text("Besøget er gemt").first.wait_for()  # type: ignore[attr-defined]
