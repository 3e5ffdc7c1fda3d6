"""Every page as a team leader sees it, at 1366x768 and at 1920x1080: screenshots/pages/<size>/<page>.png, for a
person to look at (what is cut off, crowded, English or broken). The page must draw without an error message."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import LARGE, SCREENSHOTS, SMALL, new_page, open_page, save_screenshot, sign_in

# address -> title of every page ('' is the first page, Virksomheder); the leader (Morten Madsen) has them all
PAGES = {"": "Virksomheder", "job": "Jobåbninger & match", "borgere": "Borgere", "fastholdelse": "Fastholdelse",
         "overblik": "Overblik", "leder": "Leder"}  # fmt: skip
ERRORS = ("Der skete en fejl", "Siden findes ikke", "Traceback")


def test_every_page_is_photographed_at_both_screen_sizes(browser: Any, app_url: str) -> None:
    page = new_page(browser, SMALL)
    try:
        sign_in(page, app_url, "morten", "demo-morten")
        for path, title in PAGES.items():
            open_page(page, app_url, path, title)
            for width, height in (SMALL, LARGE):
                page.set_viewport_size({"width": width, "height": height})
                save_screenshot(page, SCREENSHOTS / "pages" / f"{width}x{height}" / f"{path or 'virksomheder'}.png")
            page.set_viewport_size({"width": SMALL[0], "height": SMALL[1]})
            shown = page.locator("body").inner_text()
            assert not [e for e in ERRORS if e in shown], f"/{path}: {shown[:300]}"
    finally:
        page.context.close()
