"""Signed-in sessions: a reload resumes, inactivity and signing out end them; the database file is private."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from oto_match.domain import Staff
from oto_match.errors import PermissionDeniedError
from oto_match.services import accounts, sessions
from oto_match.services.accounts import NewUser
from oto_match.storage.db import Database

NOW = datetime(2026, 11, 24, 9, 0)
SYSTEM = Staff("cli:test", "kommandolinje (test)", "", "system")


def _user(db: Database) -> accounts.User:
    return accounts.add_user(db, SYSTEM, NewUser("Bo Job", "gellerup", "team", staff_id="S2", username="bo")).user


def test_a_session_resumes_with_its_token_and_the_database_keeps_only_a_hash(db: Database) -> None:
    user = _user(db)
    token = sessions.start_session(db, user, "password", NOW)
    resumed = sessions.resume_session(db, token, NOW + timedelta(minutes=29))
    assert resumed is not None and resumed[0].staff_id == "S2" and resumed[1] == "password"
    stored = [str(r[0]) for r in db.cursor().execute("SELECT token_hash FROM user_sessions").fetchall()]
    assert token not in stored and len(stored) == 1


def test_a_session_idle_too_long_is_refused_in_danish_and_forgotten(db: Database) -> None:
    token = sessions.start_session(db, _user(db), "password", NOW)
    with pytest.raises(PermissionDeniedError, match="ikke har været brugt i 30 minutter"):
        sessions.resume_session(db, token, NOW + timedelta(minutes=30))
    assert sessions.resume_session(db, token, NOW + timedelta(minutes=31)) is None


def test_each_use_moves_the_inactivity_limit(db: Database) -> None:
    token = sessions.start_session(db, _user(db), "password", NOW)
    for minutes in (20, 40, 60):
        assert sessions.resume_session(db, token, NOW + timedelta(minutes=minutes)) is not None


def test_signing_out_deletes_the_session_and_is_logged(db: Database) -> None:
    user = _user(db)
    token = sessions.start_session(db, user, "password", NOW)
    sessions.end_session(db, token, user, "log ud", NOW)
    assert sessions.resume_session(db, token, NOW) is None
    rows = db.cursor().execute("SELECT action, detail FROM audit_log WHERE staff_id = 'S2'").fetchall()
    assert ("sign_out", "log ud") in rows


def test_a_disabled_account_cannot_resume_its_session(db: Database) -> None:
    token = sessions.start_session(db, _user(db), "password", NOW)
    accounts.disable_user(db, SYSTEM, "bo")
    with pytest.raises(PermissionDeniedError):
        sessions.resume_session(db, token, NOW)


def test_a_single_sign_on_session_never_asks_for_a_password_change(db: Database) -> None:
    user = _user(db)  # a new account must change its one-time password, but signs in by single sign-on here
    token = sessions.start_session(db, user, "sso", NOW)
    resumed = sessions.resume_session(db, token, NOW)
    assert resumed is not None and not resumed[0].must_change_password
    assert not sessions.current_user(db, user, "sso").must_change_password
    assert sessions.current_user(db, user, "password").must_change_password


def test_a_new_database_file_and_its_new_folder_are_the_owners_only(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "mappe" / "oto.duckdb"
    Database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
