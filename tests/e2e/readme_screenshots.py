"""The three screenshots the README opens with: `python -m tests.e2e.readme_screenshots` (needs Chromium).

The demo data in headless Chromium at 1366×768, scaled to 80 % and reduced to 128 colours so the committed PNGs stay
small; written to docs/screenshots/.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import sync_playwright

from oto_match.services.setup import init_database
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, choose, demo_database_with_accounts, sign_in, start_app

OUT = ROOT / "docs" / "screenshots"
SIZE = {"width": 1366, "height": 768}


def save(page: Any, folder: Path, name: str) -> None:
    time.sleep(4)  # charts and tables draw after the script has run
    raw = folder / f"{name}-raw.png"
    page.screenshot(path=str(raw))
    image = Image.open(raw).convert("RGB").resize((1093, 614), Image.Resampling.LANCZOS)
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(OUT / f"{name}.png", optimize=True)


def take(browser: Any, url: str, folder: Path) -> None:
    page = browser.new_context(viewport=SIZE, locale="da-DK").new_page()
    sign_in(page, url, "anne", "demo-anne")
    page.get_by_role("tab", name="Pipeline").click()
    save(page, folder, "virksomheder-pipeline")
    page.goto(f"{url}/job")
    page.get_by_role("button", name="Log ud").wait_for()
    choose(page, page.get_by_role("combobox", name="Jobåbning"), "Caféassistent — Café Sammen (åben)")
    page.get_by_text("Forslag (").first.wait_for()
    time.sleep(2)
    page.get_by_text("Forslag (").first.scroll_into_view_if_needed()
    page.mouse.wheel(0, -120)
    save(page, folder, "job-rangering")
    page = browser.new_context(viewport=SIZE, locale="da-DK").new_page()
    sign_in(page, url, "morten", "demo-morten")
    page.goto(f"{url}/overblik")
    page.get_by_text("Virksomheder i '3 kopper te'").first.wait_for()
    save(page, folder, "overblik")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, _ = init_database(folder / "demo.duckdb", demo=True)
        db.close()
        url, proc = start_app(demo_database_with_accounts(folder / "demo.duckdb", folder / "app.duckdb"))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                take(browser, url, folder)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
