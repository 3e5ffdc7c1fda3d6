"""Session state, named: the keys each page keeps and the typed hand-offs between pages.

A bare string key is easy to misspell and hard to find; every key lives here as a constant, and a
hand-off from one page to another is a small frozen object that says who handed what over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import streamlit as st

from oto_match.access import User

# --- Sign-in (ui/signin.py) -------------------------------------------------------------------------------
# Who is acting: the signed-in access.User (a Staff), put there by sign_in() only. ACTOR mirrors the staff id.
USER = "signed_in_user"
ACTOR = "acting_staff_id"
SIGN_IN_METHOD = "sign_in_method"  # 'password' or 'sso'
SESSION_TOKEN = "session_token"  # the server-side session's token, also in the browser's cookie SESSION_COOKIE
LAST_ACTIVITY = "last_activity"  # when the person last did something (a datetime): idle too long -> signed out
SESSION_TOUCHED = "session_touched"  # when the server-side session was last marked used
SIGN_IN_NOTICE = "sign_in_notice"  # why the person must sign in (again), shown once on the sign-in form
CLEAR_COOKIE = "clear_session_cookie"  # the browser's cookie is to be removed on the next run
SSO_REFUSED = "sso_refused"  # the identity provider's person is no user here: the Danish refusal
SESSION_COOKIE = "oto_session"
_SIGN_IN_KEYS = (USER, ACTOR, SIGN_IN_METHOD, SESSION_TOKEN, LAST_ACTIVITY, SESSION_TOUCHED)


def sign_in(session: Any, user: User, method: str = "password", token: str | None = None,
            now: datetime | None = None) -> None:  # fmt: skip
    """Mark `user` as signed in in this browser session (`session`: st.session_state, or an AppTest's)."""
    at = now or datetime.now()
    session[USER] = user
    session[ACTOR] = user.staff_id
    session[SIGN_IN_METHOD] = method
    session[LAST_ACTIVITY] = at
    session[SESSION_TOUCHED] = at
    if token is not None:
        session[SESSION_TOKEN] = token


def forget_sign_in(session: Any, keep_token: bool = False) -> None:
    """Nobody is signed in any more in this browser session (the session's token kept when asked)."""
    for key in _SIGN_IN_KEYS:
        if key != SESSION_TOKEN or not keep_token:
            session.pop(key, None)


def signed_in_user() -> User | None:
    user = st.session_state.get(USER)
    return user if isinstance(user, User) else None


@dataclass(frozen=True)
class JobFromEmployer:
    """'Opret jobåbning hos denne virksomhed': the jobs page opens its form with this employer chosen."""

    employer_id: str
    handed_over_by: str


@dataclass(frozen=True)
class PlacementFromCandidate:
    """A candidate got the job: Fastholdelse opens 'Nyt forløb' with citizen and job chosen."""

    job_id: str
    citizen_id: str
    handed_over_by: str


@dataclass(frozen=True)
class OpenCitizen:
    """Open one citizen's profile on the Borgere page."""

    citizen_id: str
    handed_over_by: str


HANDOFF = "handoff"


def hand_over(handoff: Any) -> None:
    """Leave a hand-off for the next page to take."""
    st.session_state[HANDOFF] = handoff


def take(kind: type[Any]) -> Any | None:
    """The hand-off waiting for this page, if it is of `kind` (taken: it is used once)."""
    handoff = st.session_state.get(HANDOFF)
    if isinstance(handoff, kind):
        del st.session_state[HANDOFF]
        return handoff
    return None


def peek(kind: type[Any]) -> Any | None:
    """The waiting hand-off of `kind`, left in place."""
    handoff = st.session_state.get(HANDOFF)
    return handoff if isinstance(handoff, kind) else None


def flash(page: str, message: str, level: str = "success") -> None:
    """A message for the next run of `page` (after a save that reruns), shown once where the user acted."""
    st.session_state[f"flash_{page}"] = (level, message)


def show_flash(page: str) -> None:
    """Show and clear the waiting message of `page`, so an old message never lingers."""
    waiting = st.session_state.pop(f"flash_{page}", None)
    if waiting:
        level, message = waiting
        getattr(st, level)(message)
