"""Sign-in before anything: local accounts, the municipality's single sign-on, sessions and signing out.

`gate(db)` runs before the navigation is built. Until someone is signed in (and has changed a one-time password)
it draws the sign-in and stops the script, so no page and no data is ever shown to a stranger.

- A session survives a browser reload: its random token is kept in a cookie (SameSite=Strict, set by a small
  script through st.html) and, hashed, in
  the database (services/sessions.py), and is read again with st.context.cookies on the next load.
- A session ends after config.session_timeout_minutes() without activity (a Danish message says so), when the
  account is disabled, and with "Log ud".
- Single sign-on: when .streamlit/secrets.toml has an [auth] section, "Log ind med kommunens login" runs
  Streamlit's OIDC (st.login); the identity maps to a user with accounts.user_for_oidc (subject, then e-mail).
  Only an identity the provider issued within the last few minutes signs in by itself (right after the provider
  sent the person back); later, the person goes through the provider again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import streamlit as st

from oto_match import access
from oto_match.access import User
from oto_match.errors import OtoMatchError, PermissionDeniedError
from oto_match.services import accounts, sessions
from oto_match.storage.db import Database
from oto_match.ui import state

TOUCH_EVERY = timedelta(seconds=60)  # how often a running session is marked used in the database
SSO_FRESH = timedelta(minutes=5)  # an identity issued this recently is a sign-in that just happened
TITLE = "Log ind"


def gate(db: Database) -> User:
    """The signed-in user; until there is one, draw the sign-in (or the password change) and stop."""
    now = datetime.now()
    user = _signed_in(db, now)
    _cookie_script()
    if user is None:
        _only_page(lambda: _sign_in_page(db), TITLE)
    assert user is not None
    _sidebar(db, user)
    if user.must_change_password:
        _only_page(lambda: _change_password_page(db, user), "Skift adgangskode")
    return user


def _only_page(draw: Callable[[], None], title: str) -> None:
    """Draw the one page there is before sign-in and stop. It is a navigation of its own (hidden), so the
    browser forgets the pages of a session that has just ended."""

    def log_ind() -> None:
        draw()

    st.navigation([st.Page(log_ind, title=title, url_path="log-ind", default=True)], position="hidden").run()
    st.stop()


def _signed_in(db: Database, now: datetime) -> User | None:
    """Who is signed in: from this browser session, else a session resumed from the cookie, else single sign-on."""
    user = state.signed_in_user()
    if user is not None:
        return _still_signed_in(db, user, now)
    token = _cookie()
    if token and not st.session_state.get(state.CLEAR_COOKIE):
        try:
            resumed = sessions.resume_session(db, token, now)
        except PermissionDeniedError as e:
            st.session_state[state.SIGN_IN_NOTICE] = e.message
            st.session_state[state.CLEAR_COOKIE] = True
            resumed = None
        if resumed is not None:
            state.sign_in(st.session_state, resumed[0], resumed[1], token, now)
            return resumed[0]
    return _by_single_sign_on(db, now) if sso_configured() else None


def _cookie() -> str | None:
    """The session token the browser sent when this page was loaded (AppTest has no real cookies)."""
    value = st.context.cookies.get(state.SESSION_COOKIE)
    return value if isinstance(value, str) and value else None


def _still_signed_in(db: Database, user: User, now: datetime) -> User | None:
    """The user of this browser session, unless idle too long or disabled meanwhile (then signed out)."""
    method = st.session_state.get(state.SIGN_IN_METHOD, "password")
    last = st.session_state.get(state.LAST_ACTIVITY) or now
    if sessions.is_idle(last, now):
        _end(db, user, "inaktivitet", sessions.idle_message())
        return None
    try:
        user = sessions.current_user(db, user, method)
    except OtoMatchError as e:
        _end(db, user, "konto spærret", e.message)
        return None
    st.session_state[state.USER] = user
    st.session_state[state.LAST_ACTIVITY] = now
    token = st.session_state.get(state.SESSION_TOKEN)
    if token and now - st.session_state.get(state.SESSION_TOUCHED, now) >= TOUCH_EVERY:
        sessions.touch_session(db, token, now)
        st.session_state[state.SESSION_TOUCHED] = now
    return user


def _end(db: Database, user: User | None, why: str, notice: str | None = None) -> None:
    """End the session here and in the database; the cookie goes on the next drawing."""
    sessions.end_session(db, st.session_state.get(state.SESSION_TOKEN), user, why)
    state.forget_sign_in(st.session_state)
    st.session_state[state.CLEAR_COOKIE] = True
    if notice:
        st.session_state[state.SIGN_IN_NOTICE] = notice


def sign_out(db: Database) -> None:
    """'Log ud': the session ends; after single sign-on Streamlit's identity cookie goes too."""
    method = st.session_state.get(state.SIGN_IN_METHOD)
    _end(db, state.signed_in_user(), "log ud", "Du er logget ud.")
    if method == "sso":
        st.logout()
    st.rerun()


def _cookie_script() -> None:
    """Keep the browser's cookie in step with the session: set while signed in, removed after signing out."""
    token = st.session_state.get(state.SESSION_TOKEN)
    if st.session_state.get(state.CLEAR_COOKIE) and not token:
        value, max_age = "", 0
    elif token and st.session_state.get(state.USER) is not None:
        value, max_age = token, sessions.MAX_SESSION_HOURS * 3600
    else:
        return
    script = (
        "<script>(() => {const secure = location.protocol === 'https:' ? '; Secure' : '';"
        f"document.cookie = '{state.SESSION_COOKIE}={value}; Max-Age={max_age}; Path=/; SameSite=Strict' + secure;"
        "})();</script>"
    )
    st.html(script, unsafe_allow_javascript=True)  # the token is ours (secrets.token_urlsafe), never user input


def _sign_in_page(db: Database) -> None:
    st.title(TITLE)
    notice = st.session_state.pop(state.SIGN_IN_NOTICE, None)
    if notice:
        st.warning(notice)
    st.info("Hvem er du? Log ind for at bruge OTO Match.")
    if sso_configured():
        _single_sign_on_button()
    with st.form("sign_in"):
        username = st.text_input("Brugernavn", autocomplete="username")
        password = st.text_input("Adgangskode", type="password", autocomplete="current-password")
        pressed = st.form_submit_button("Log ind", type="primary")
    if pressed:
        try:
            user = accounts.sign_in(db, username, password)
        except OtoMatchError as e:
            st.error(e.message)
            return
        _start(db, user, "password")


def _start(db: Database, user: User, method: str) -> None:
    now = datetime.now()
    token = sessions.start_session(db, user, method, now)
    st.session_state.pop(state.CLEAR_COOKIE, None)
    state.sign_in(st.session_state, user, method, token, now)
    st.rerun()


def _change_password_page(db: Database, user: User) -> None:
    st.title("Skift adgangskode")
    st.info(f"Du er logget ind med en engangsadgangskode. Vælg din egen adgangskode (mindst "
            f"{accounts.MIN_PASSWORD_LENGTH} tegn), før du går videre.")  # fmt: skip
    with st.form("change_password"):
        old = st.text_input("Nuværende adgangskode", type="password", autocomplete="current-password")
        new = st.text_input("Ny adgangskode", type="password", autocomplete="new-password")
        again = st.text_input("Gentag ny adgangskode", type="password", autocomplete="new-password")
        pressed = st.form_submit_button("Skift adgangskode", type="primary")
    if not pressed:
        return
    if new != again:
        st.error("De to nye adgangskoder er ikke ens.")
        return
    try:
        changed = accounts.change_password(db, user, old, new)
    except OtoMatchError as e:
        st.error(e.message)
        return
    st.session_state[state.USER] = changed
    st.rerun()


def _sidebar(db: Database, user: User) -> None:
    with st.sidebar:
        st.markdown("### OTO Match")
        team = access.team_label(user.team_id)
        st.markdown(f"Logget ind som **{user.name}**  \n{team[:1].upper()}{team[1:]} · "
                    f"{access.ROLE_LABELS.get(user.role, user.role)}")  # fmt: skip
        if st.button("Log ud", icon=":material/logout:", key="sign_out"):
            sign_out(db)


# --- Single sign-on (Streamlit's OIDC, configured in .streamlit/secrets.toml [auth]) ------------------------


def sso_configured() -> bool:
    """Whether .streamlit/secrets.toml (or the configured secrets files) has an [auth] section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error types for that
        return False


def _identity() -> dict[str, Any]:
    try:
        return st.user.to_dict() if st.user.is_logged_in else {}
    except Exception:  # Authlib missing or [auth] incomplete: single sign-on is not usable, say so below
        return {}


def _fresh(identity: dict[str, Any], now: datetime) -> bool:
    issued = identity.get("iat")
    return isinstance(issued, int | float) and now - datetime.fromtimestamp(issued) <= SSO_FRESH


def _by_single_sign_on(db: Database, now: datetime) -> User | None:
    """The user the identity provider just sent back, or None (a refusal is kept for the sign-in page)."""
    identity = _identity()
    if not identity or st.session_state.get(state.SSO_REFUSED) or not _fresh(identity, now):
        return None
    try:
        user = accounts.user_for_oidc(db, [str(identity.get("sub") or ""), str(identity.get("email") or "")])
    except PermissionDeniedError as e:
        st.session_state[state.SSO_REFUSED] = e.message
        return None
    token = sessions.start_session(db, user, "sso", now)
    state.sign_in(st.session_state, user, "sso", token, now)
    st.session_state.pop(state.CLEAR_COOKIE, None)
    return user


def _single_sign_on_button() -> None:
    refused = st.session_state.get(state.SSO_REFUSED)
    if refused:
        st.error(refused)
        if st.button("Log ud af kommunens login"):
            st.session_state.pop(state.SSO_REFUSED, None)
            st.logout()
        return
    if st.button("Log ind med kommunens login", type="primary", icon=":material/badge:"):
        st.login()
    st.caption("Eller log ind med en lokal konto:")
