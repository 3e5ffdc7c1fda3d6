"""Sign-in before anything: the form, one-time passwords, inactivity and signing out (AppTest)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oto_match.services import accounts, sessions
from oto_match.services.accounts import NewUser
from oto_match.storage.db import Database
from oto_match.ui import state
from tests.ui.conftest import APP, by_label, start

SYSTEM = accounts.Staff("cli:test", "kommandolinje (test)", "", "system")


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    by_label(at.text_input, "Brugernavn").input(username)
    by_label(at.text_input, "Adgangskode").input(password)
    by_label(at.button, "Log ind").click()
    at.run()
    assert not at.exception, at.exception
    return at


def _signed_in_line(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


def test_before_sign_in_no_page_and_no_data_is_shown(app_db: Path) -> None:
    at = start(actor=None)
    assert [t.value for t in at.title] == ["Log ind"]
    assert not at.dataframe and not at.metric and not at.tabs
    assert [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]


def test_a_wrong_password_shows_the_danish_message(app_db: Path) -> None:
    at = _sign_in(start(actor=None), "amira", "forkert-adgangskode")
    assert [e.value for e in at.error] == [accounts.WRONG]
    assert [t.value for t in at.title] == ["Log ind"]


def test_the_right_password_opens_the_app_and_says_who_is_signed_in(app_db: Path) -> None:
    at = _sign_in(start(actor=None), "amira", "demo-amira")
    assert [t.value for t in at.title] == ["Virksomheder"]
    assert "Amira Sørensen" in _signed_in_line(at) and "Team Gellerup · teammedlem" in _signed_in_line(at)
    assert at.session_state[state.SESSION_TOKEN]


def test_a_one_time_password_must_be_changed_before_anything_else(app_db: Path) -> None:
    db = Database(app_db)
    try:
        added = accounts.add_user(db, SYSTEM, NewUser("Nina Ny", "viby", "team", username="nina"))
    finally:
        db.close()
    at = _sign_in(start(actor=None), "nina", added.one_time_password)
    assert [t.value for t in at.title] == ["Skift adgangskode"]
    by_label(at.text_input, "Nuværende adgangskode").input(added.one_time_password)
    by_label(at.text_input, "Ny adgangskode").input("en lang ny kode 42")
    by_label(at.text_input, "Gentag ny adgangskode").input("en lang ny kode 42")
    by_label(at.button, "Skift adgangskode").click()
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Virksomheder"]


def test_a_too_short_new_password_is_refused_in_danish(app_db: Path) -> None:
    db = Database(app_db)
    try:
        added = accounts.add_user(db, SYSTEM, NewUser("Nina Ny", "viby", "team", username="nina"))
    finally:
        db.close()
    at = _sign_in(start(actor=None), "nina", added.one_time_password)
    by_label(at.text_input, "Nuværende adgangskode").input(added.one_time_password)
    by_label(at.text_input, "Ny adgangskode").input("kort")
    by_label(at.text_input, "Gentag ny adgangskode").input("kort")
    by_label(at.button, "Skift adgangskode").click()
    at.run()
    assert any("mindst 12 tegn" in e.value for e in at.error)
    assert [t.value for t in at.title] == ["Skift adgangskode"]


def test_inactivity_ends_the_session_with_a_danish_message(app_db: Path) -> None:
    at = start("employers")
    at.session_state[state.LAST_ACTIVITY] = datetime.now() - timedelta(minutes=31)
    at.run()
    assert [t.value for t in at.title] == ["Log ind"]
    assert any("ikke har været brugt i 30 minutter" in w.value for w in at.warning)


def test_signing_out_ends_the_session_here_and_on_the_server(app_db: Path) -> None:
    at = _sign_in(start(actor=None), "amira", "demo-amira")
    token = at.session_state[state.SESSION_TOKEN]
    by_label(at.button, "Log ud").click()
    at.run()
    assert [t.value for t in at.title] == ["Log ind"]
    assert any("Du er logget ud" in w.value for w in at.warning)
    db = Database(app_db)
    try:
        assert sessions.resume_session(db, token) is None  # a reload with the old cookie does not sign in
    finally:
        db.close()


def test_a_disabled_account_is_signed_out_at_its_next_click(app_db: Path) -> None:
    at = start("employers")
    db = Database(app_db)
    try:
        accounts.disable_user(db, SYSTEM, "amira")
    finally:
        db.close()
    at.run()
    assert [t.value for t in at.title] == ["Log ind"]
    assert any("spærret" in w.value for w in at.warning)


def test_a_student_helper_finds_no_citizen_pages(app_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at = _sign_in(at, "emma", "demo-emma")
    assert [t.value for t in at.title] == ["Virksomheder"]
    assert "kun virksomheder" in _signed_in_line(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("oto_match/ui/pages/citizens.py")
