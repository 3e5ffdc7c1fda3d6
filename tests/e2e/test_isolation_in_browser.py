"""Isolation in a real browser (issue 12, item 6): a Viby team member signs in and visits every page and its tabs;
no Gellerup citizen's name appears anywhere on screen."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import DEMO_ACCOUNTS, sign_in

PAGES = ("virksomheder", "job", "borgere", "fastholdelse", "overblik", "leder")


def _names_only_in_gellerup(demo_path: Path) -> set[str]:
    """The full names that only Gellerup citizens of the demo have (a Viby citizen may share a name)."""
    from oto_match.storage import citizens as citizen_sql
    from oto_match.storage.db import Database

    db = Database(demo_path, read_only=True)
    try:
        with db.transaction() as cur:
            citizens = citizen_sql.list_citizens(cur)
    finally:
        db.close()
    elsewhere = {c.name for c in citizens if c.team_id != "gellerup"}
    return {c.name for c in citizens if c.team_id == "gellerup"} - elsewhere


def _screen_text(page: object) -> str:
    """The page's text, and the text after opening each of its tabs."""
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]  # let the page finish drawing
    texts = [page.locator("body").inner_text()]  # type: ignore[attr-defined]
    tabs = page.get_by_role("tab")  # type: ignore[attr-defined]
    for i in range(tabs.count()):
        try:
            tabs.nth(i).click(timeout=3000)
        except Exception:  # a tab behind an open dialog (inert) is read with the page's text
            continue
        page.wait_for_timeout(800)  # type: ignore[attr-defined]
        texts.append(page.locator("body").inner_text())  # type: ignore[attr-defined]
    return "\n".join(texts)


def test_a_viby_user_sees_no_gellerup_citizen_on_any_page(page: object, app_url: str, demo_path: Path) -> None:
    gellerup_names = _names_only_in_gellerup(demo_path)
    assert gellerup_names
    username = next(u for label, u, role in DEMO_ACCOUNTS if label.endswith(", Viby)") and role == "team")
    sign_in(page, app_url, username, f"demo-{username}")
    for path in PAGES:
        page.goto(f"{app_url}/{path}")  # type: ignore[attr-defined]
        page.get_by_role("button", name="Log ud").wait_for()  # type: ignore[attr-defined]
        shown = _screen_text(page)
        leaked = sorted(name for name in gellerup_names if name in shown)
        assert not leaked, f"/{path} shows Gellerup citizens to a Viby user: {leaked[:5]}"
