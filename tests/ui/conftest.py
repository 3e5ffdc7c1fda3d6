"""AppTest fixtures: the app runs against a private copy of the demo database (with the demo accounts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oto_match.access import User
from oto_match.services import accounts
from oto_match.storage import accounts as accounts_sql
from oto_match.storage.db import Database
from oto_match.ui import state

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
_USERS: dict[str, User] = {}  # staff id -> the demo account's user (every test's copy has the same accounts)


@pytest.fixture(scope="session")
def accounts_demo_path(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database with the demo accounts (password 'demo-<username>'), built once per session."""
    path = tmp_path_factory.mktemp("demo_accounts") / "demo.duckdb"
    path.write_bytes(demo_path.read_bytes())
    db = Database(path)
    try:
        accounts.create_demo_accounts(db)
    finally:
        db.close()
    return path


@pytest.fixture
def app_db(accounts_demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "app.duckdb"
    copy.write_bytes(accounts_demo_path.read_bytes())
    monkeypatch.setenv("OTO_DB", str(copy))
    return copy


def user_of(staff_id: str) -> User:
    """The demo account's user of a staff member, as signing in would give it."""
    if staff_id not in _USERS:
        db = Database(os.environ["OTO_DB"])
        try:
            with db.transaction() as cur:
                account = accounts_sql.account_for_staff(cur, staff_id)
            assert account is not None, f"{staff_id} has no demo account"
            _USERS[staff_id] = accounts.user_for_username(db, account.username)
        finally:
            db.close()
    return _USERS[staff_id]


def start(page: str | None = None, actor: str | None = "S006") -> AppTest:
    """Run the app signed in as `actor` (S006 is a Gellerup virksomhedskonsulent in the demo), on `page`;
    actor=None: nobody is signed in."""
    at = AppTest.from_file(APP, default_timeout=30)
    if actor:
        state.sign_in(at.session_state, user_of(actor))
    at.run()
    if page:
        at.switch_page(f"oto_match/ui/pages/{page}.py")
        at.run()
    assert not at.exception, at.exception
    return at


def by_label(widgets: object, label: str) -> object:
    """The first widget of a kind (e.g. `at.selectbox`) with this label."""
    return next(w for w in widgets if w.label == label)  # type: ignore[attr-defined]
