"""The real app in a real browser."""

from __future__ import annotations

import urllib.request

from tests.e2e.conftest import choose_actor


def test_the_app_reports_healthy(app_url: str) -> None:
    with urllib.request.urlopen(f"{app_url}/_stcore/health", timeout=5) as r:
        assert r.read().decode().strip() == "ok"


def test_the_employer_list_shows_demo_data_after_choosing_who_you_are(page: object, app_url: str) -> None:
    choose_actor(page, app_url)
    page.get_by_role("heading", name="Virksomheder").wait_for()  # type: ignore[attr-defined]
    page.locator("[data-testid='stDataFrame']").first.wait_for()  # type: ignore[attr-defined]
    page.screenshot(path="/tmp/oto-employers.png")  # type: ignore[attr-defined]
