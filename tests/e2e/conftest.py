"""Browser tests: the real app (streamlit run) on a free local port, driven by Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


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
            time.sleep(0.5)
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
           *(extra or [])]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
    except BaseException:
        proc.terminate()
        proc.wait(timeout=20)
        raise
    return url, proc


@pytest.fixture(scope="session")
def app_url(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = demo_database_with_accounts(demo_path, tmp_path_factory.mktemp("e2e") / "e2e.duckdb")
    url, proc = start_app(db)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, app_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def choose_actor(page: object, url: str, path: str = "", name_part: str = "virksomhedskonsulent") -> None:
    """Sign in with the demo account of the first staff member (a team member or leader) whose label contains
    `name_part`, then open `path`."""
    wanted = name_part.lower()
    username = next(u for label, u, role in DEMO_ACCOUNTS if wanted in label.lower() and role != "employer_only")
    sign_in(page, url, username, f"demo-{username}")
    if path:
        page.goto(f"{url}/{path}")  # type: ignore[attr-defined]  # the session's cookie keeps the user signed in
        page.get_by_role("button", name="Log ud").wait_for()  # type: ignore[attr-defined]


def sign_in(page: object, url: str, username: str, password: str) -> None:
    """Open the app and sign in through the form; returns when the app shows 'Log ud'."""
    page.goto(url)  # type: ignore[attr-defined]
    page.get_by_label("Brugernavn").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Adgangskode").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ind", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log ud").wait_for()  # type: ignore[attr-defined]


def select_option(page: object, label: str, text: str) -> None:
    """Open the select box labelled `label` and click the first option containing `text`."""
    page.get_by_role("combobox", name=label).first.click()  # type: ignore[attr-defined]
    page.get_by_role("option").filter(has_text=text).first.click()  # type: ignore[attr-defined]
