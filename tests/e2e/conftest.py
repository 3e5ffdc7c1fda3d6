"""Browser tests: the real app (streamlit run) on a free local port, driven by Debian's Chromium.

Without Chromium the browser tests skip, naming the install command; where OTO_REQUIRE_BROWSER=1 (CI: .ci/run) a
missing browser fails them instead. One browser serves the whole session; each journey starts its own server on
its own copy of the demo database and stops it in a `finally`. Screenshots land under screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
REQUIRE_BROWSER = os.environ.get("OTO_REQUIRE_BROWSER") == "1"  # CI: a missing browser is a failure
INSTALL_HINT = "make browser (as root: apt-get install chromium)"
ROW_HEIGHT, ROW_MARKER_X = 35, 16  # Streamlit's table: header and row height, the row marker's middle (px)
SMALL, LARGE = (1366, 768), (1920, 1080)  # the screens the app is made for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit stopped before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


# (staff label as the old "Hvem er du?" picker showed it, username, role) of every demo account, in the picker's
# order; filled by app_url before the app takes the database file.
DEMO_ACCOUNTS: list[tuple[str, str, str]] = []


def demo_database_with_accounts(demo_path: Path, target: Path) -> Path:
    """A copy of the demo database with the demo accounts (password 'demo-<username>')."""
    from oto_match.services import accounts
    from oto_match.storage.db import Database
    from oto_match.ui.common import staff_label

    target.write_bytes(demo_path.read_bytes())
    db = Database(target)
    try:
        accounts.create_demo_accounts(db)
        with db.transaction() as cur:
            from oto_match.storage import accounts as accounts_sql
            from oto_match.storage import staff as staff_sql

            by_staff = {a.staff_id: a for a in accounts_sql.list_accounts(cur)}
            DEMO_ACCOUNTS[:] = [(staff_label(s), by_staff[s.staff_id].username, by_staff[s.staff_id].role)
                                for s in staff_sql.list_staff(cur) if s.staff_id in by_staff]  # fmt: skip
    finally:
        db.close()
    return target


def start_app(db: Path, extra: list[str] | None = None, port: int | None = None) -> tuple[str, subprocess.Popen[bytes]]:
    """`streamlit run` on a (free) loopback port against `db`; returns (url, process) once healthy."""
    port = port or _free_port()
    env = {**os.environ, "OTO_DB": str(db)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", *(extra or [])]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
    except BaseException:
        stop(proc)
        raise
    return url, proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server (or provider) this test started, and wait until it has let go of its files."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def running_app(db: Path, extra: list[str] | None = None, port: int | None = None) -> Iterator[str]:
    """The app on its own port against `db` for the `with` block; stopped afterwards, whatever happened."""
    url, proc = start_app(db, extra, port)
    try:
        yield url
    finally:
        stop(proc)


@contextmanager
def read_database(db: Path) -> Iterator[Any]:
    """A cursor on `db`, read-only, once the server has stopped (only one process may hold the file)."""
    from oto_match.storage.db import Database

    database = Database(db, read_only=True)
    try:
        with database.transaction() as cur:
            yield cur
    finally:
        database.close()


@pytest.fixture(scope="session")
def app_url(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = demo_database_with_accounts(demo_path, tmp_path_factory.mktemp("e2e") / "e2e.duckdb")
    with running_app(db) as url:
        yield url


@pytest.fixture
def journey_db(demo_path: Path, tmp_path: Path) -> Path:
    """This journey's own copy of the demo database, with the demo accounts."""
    return demo_database_with_accounts(demo_path, tmp_path / "journey.duckdb")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        message = f"Chromium is not installed: {INSTALL_HINT}"
        if REQUIRE_BROWSER:
            pytest.fail(f"{message} (OTO_REQUIRE_BROWSER=1: the browser tests must run here)")
        pytest.skip(f"{message}; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_page(browser: Any, size: tuple[int, int] = SMALL) -> Any:
    """A fresh browser context (no cookies) with one page at `size`, in Danish."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="da-DK",
                                  accept_downloads=True)  # fmt: skip
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    return pg


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    pg = new_page(browser, (1400, 1000))
    yield pg
    pg.context.close()


@pytest.fixture
def journey_page(browser: Any) -> Iterator[Any]:
    """A page at 1366x768, the smallest screen the teams work on."""
    pg = new_page(browser)
    yield pg
    pg.context.close()


def choose_actor(page: Any, url: str, path: str = "", name_part: str = "virksomhedskonsulent") -> None:
    """Sign in with the demo account of the first staff member (a team member or leader) whose label contains
    `name_part`, then open `path`."""
    wanted = name_part.lower()
    username = next(u for label, u, role in DEMO_ACCOUNTS if wanted in label.lower() and role != "employer_only")
    sign_in(page, url, username, f"demo-{username}")
    if path:
        page.goto(f"{url}/{path}")  # the session's cookie keeps the user signed in
        page.get_by_role("button", name="Log ud").wait_for()


def sign_in(page: Any, url: str, username: str, password: str) -> None:
    """Open the app and sign in through the form; returns when the app shows 'Log ud'."""
    page.goto(url)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind", exact=True).click()
    page.get_by_role("button", name="Log ud").wait_for()


def open_page(page: Any, url: str, path: str, title: str) -> None:
    """Go to one of the app's pages by its address (the session's cookie keeps the user signed in)."""
    page.goto(f"{url}/{path}")
    page.get_by_role("heading", name=title, exact=True).wait_for()
    settle(page)


def select_option(page: Any, label: str, text: str) -> None:
    """Open the select box labelled `label` and click the first option containing `text`."""
    page.get_by_role("combobox", name=label).first.click()
    page.get_by_role("option").filter(has_text=text).first.click()


def choose(page: Any, combobox: Any, option: str | re.Pattern[str], close: bool = False) -> None:
    """Open a select box or multiselect and click `option` (exact text or a pattern); `close` the list after
    (a multiselect stays open). While a list is open the rest of the page is hidden from the accessibility tree,
    so the option is looked up on the page, not inside a form."""
    found = page.get_by_role("option", name=option, exact=True) if isinstance(option, str) else (
        page.get_by_role("option").filter(has_text=option))  # fmt: skip
    settle(page)
    for attempt in range(3):  # a rerun that lands just as the list opens closes it again: open it again
        try:
            combobox.click()
            found.first.click(timeout=5000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            settle(page)
    if close:
        page.keyboard.press("Escape")
    settle(page)


def visible_form(page: Any, button: str) -> Any:
    """The form on screen (not one in a hidden tab) whose submit button says `button`, once the script has run
    (while it runs, the form of the run before may still stand beside the new one)."""
    settle(page)
    return page.locator("[data-testid='stForm']:visible").filter(has=page.get_by_role("button", name=button)).last


def click_row(page: Any, table: Any, row: int = 0) -> None:
    """Click a row of a table (drawn on a canvas: its row marker, left of the first column), as a person does."""
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + ROW_MARKER_X, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
    settle(page)


def selected(combobox: Any) -> str:
    """What a select box shows as chosen (its input's value)."""
    return str(combobox.input_value())


def settle(page: Any) -> None:
    """Wait until Streamlit has finished running the script (its 'running' indicator is gone)."""
    page.wait_for_timeout(200)
    running = page.locator("[data-testid='stStatusWidget']")
    if running.count():
        running.first.wait_for(state="detached", timeout=30_000)


SCREEN_TEXT = """() => {
  const main = document.querySelector('[data-testid=stMain]')?.cloneNode(true);
  if (!main) return '';
  main.querySelectorAll('script, style').forEach(e => e.remove());
  return main.textContent;
}"""


def screen_text(page: Any) -> str:
    """Everything the page holds as text, tables (drawn on a canvas, with an accessible copy) and hidden tabs
    included."""
    return str(page.evaluate(SCREEN_TEXT))


def _content_height(page: Any) -> int:
    """The main area's full height once it stops growing (charts draw after the script has run)."""
    height = -1
    for _ in range(15):
        now = int(page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0"))
        if now == height:
            break
        height = now
        page.wait_for_timeout(250)
    return height


def save_screenshot(page: Any, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the window is made as tall as the content for
    the shot and set back after."""
    settle(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    tall = _content_height(page)
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(tall))})
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)


class Steps:
    """Numbered screenshots of one journey: screenshots/journeys/<journey>/NN-<step>.png (emptied first)."""

    def __init__(self, page: Any, journey: str) -> None:
        self.page, self.folder, self.count = page, SCREENSHOTS / "journeys" / journey, 0
        shutil.rmtree(self.folder, ignore_errors=True)

    def __call__(self, step: str) -> None:
        self.count += 1
        save_screenshot(self.page, self.folder / f"{self.count:02d}-{step}.png")

    @contextmanager
    def on_failure(self) -> Iterator[None]:
        """A journey that breaks leaves a screenshot of where it broke (NN-failed.png)."""
        try:
            yield
        except BaseException:
            with suppress(Exception):  # the page itself may be gone; the test's own error is what matters
                self("failed")
            raise


# --- Single sign-on through a local OpenID Connect provider (the PyPI package oidc-provider-mock) ---------------


def _wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the OpenID Connect provider stopped")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer")


@pytest.fixture(scope="session")
def oidc_issuer() -> Iterator[str]:
    """A local OpenID Connect provider for the whole session: its issuer URL (any subject may sign in)."""
    port = _free_port()
    provider = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        issuer = f"http://127.0.0.1:{port}"
        _wait_for(f"{issuer}/.well-known/openid-configuration", provider)
        yield issuer
    finally:
        stop(provider)


def add_sso_user(db_path: Path, name: str, team: str, subject: str) -> None:
    """A team member who signs in through single sign-on as `subject`."""
    from oto_match.domain import Staff
    from oto_match.services import accounts
    from oto_match.storage.db import Database

    db = Database(db_path)
    try:
        system = Staff("cli:test", "kommandolinje (test)", "", "system")
        accounts.add_user(db, system, accounts.NewUser(name, team, "team", username=subject, oidc_subject=subject,
                                                       email=f"{subject}@aarhus.example"))  # fmt: skip
    finally:
        db.close()


def sso_secrets(folder: Path, issuer: str, app_port: int) -> list[str]:
    """The `streamlit run` options pointing st.login at the provider (a secrets.toml with [auth] in `folder`)."""
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        'cookie_secret = "a-test-secret-that-is-long-enough-0123456789"\n'
        'client_id = "oto-match-test"\n'
        'client_secret = "oto-match-test-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        "utf-8",
    )
    return ["--secrets.files", str(secrets)]


def through_the_provider(page: Any, url: str, subject: str) -> None:
    """'Log ind med kommunens login', then the provider's form as `subject`."""
    page.goto(url)
    page.get_by_role("button", name="Log ind med kommunens login").click()
    page.get_by_placeholder("sub").fill(subject)
    page.get_by_role("button", name="Authorize").click()
