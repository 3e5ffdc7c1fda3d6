"""Signed-in sessions: what keeps a person signed in across a browser reload, and what ends it.

Rules in plain words:
- Signing in (password or single sign-on) starts a session: a random token goes to the browser (a cookie), the
  database keeps only the token's SHA-256, so a copy of the database cannot be used to sign in.
- A session ends after `config.session_timeout_minutes()` (default 30) minutes without activity, and after
  MAX_SESSION_HOURS whatever happens; then the person signs in again.
- A session is checked against the account every time it is resumed: a disabled account is refused at once.
- Signing out deletes the session (audited).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import datetime, timedelta

from oto_match import config
from oto_match.access import User
from oto_match.errors import PermissionDeniedError
from oto_match.services import accounts
from oto_match.storage import audit
from oto_match.storage import sessions as sessions_sql
from oto_match.storage.db import Database
from oto_match.storage.sessions import SessionRow

MAX_SESSION_HOURS = 12
METHODS = ("password", "sso")


def idle_message(minutes: int | None = None) -> str:
    n = config.session_timeout_minutes() if minutes is None else minutes
    return f"Du er logget ud, fordi OTO Match ikke har været brugt i {n} minutter. Log ind igen."


def is_idle(last_activity: datetime, now: datetime, minutes: int | None = None) -> bool:
    """Whether a session last used at `last_activity` has been idle too long at `now`."""
    n = config.session_timeout_minutes() if minutes is None else minutes
    return now - last_activity >= timedelta(minutes=n)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Database, user: User, method: str, now: datetime | None = None) -> str:
    """A new session for a user who has just signed in; returns the token for the browser's cookie."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    at, token = now or datetime.now(), secrets.token_urlsafe(32)
    row = SessionRow(_hash(token), user.username, method, at, at, at + timedelta(hours=MAX_SESSION_HOURS))
    with db.transaction() as cur:
        sessions_sql.delete_ended(cur, at - timedelta(minutes=config.session_timeout_minutes()), at)
        sessions_sql.insert_session(cur, row)
    return token


def resume_session(db: Database, token: str, now: datetime | None = None) -> tuple[User, str] | None:
    """(user, how they signed in) of a session that is still running, marked used now; None for a token that is
    not (or no longer) a session. A session idle too long or past its end is ended and refused with a Danish message."""
    at = now or datetime.now()
    with db.transaction() as cur:
        row = sessions_sql.get_session(cur, _hash(token))
        if row is None:
            return None
        ended = is_idle(row.last_seen, at) or at >= row.expires_at
        if ended:
            sessions_sql.delete_session(cur, row.token_hash)
        else:
            sessions_sql.touch_session(cur, row.token_hash, at)
    if ended:
        raise PermissionDeniedError(idle_message())
    user = accounts.user_for_username(db, row.username)  # refuses a disabled account
    return (replace(user, must_change_password=False) if row.method == "sso" else user), row.method


def touch_session(db: Database, token: str, now: datetime | None = None) -> None:
    """Mark the session used now (the page calls this at most once a minute)."""
    with db.transaction() as cur:
        sessions_sql.touch_session(cur, _hash(token), now or datetime.now())


def end_session(db: Database, token: str | None, user: User | None, why: str = "log ud",
                now: datetime | None = None) -> None:  # fmt: skip
    """Sign out: the session is deleted and the sign-out audited (`why`: 'log ud' or 'inaktivitet')."""
    at = now or datetime.now()
    with db.transaction() as cur:
        if token:
            sessions_sql.delete_session(cur, _hash(token))
        if user is not None:
            audit.log(cur, user.staff_id, "sign_out", "user", user.username or user.staff_id, why, at=at)


def current_user(db: Database, user: User, method: str) -> User:
    """The signed-in user as the account is now (a leader may have disabled it meanwhile: refused)."""
    fresh = accounts.user_for_username(db, user.username)
    return replace(fresh, must_change_password=False) if method == "sso" else fresh
