"""User administration for a leader: the users, a new user (its one-time password shown once), disable, reset."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import access, vocab
from oto_match.access import ACCOUNT_ROLES, User
from oto_match.errors import OtoMatchError
from oto_match.services import accounts
from oto_match.services import staff as staff_service
from oto_match.storage.accounts import AccountListing
from oto_match.ui import common, state

PAGE = "leader_users"


def _frame(users: list[AccountListing]) -> pd.DataFrame:
    return pd.DataFrame({
        "Brugernavn": [u.username for u in users],
        "Navn": [u.name for u in users],
        "Team": [vocab.team_name(u.team_id) for u in users],
        "Rolle": [access.ROLE_LABELS.get(u.role, u.role) for u in users],
        "Status": ["spærret" if u.disabled else "skal skifte adgangskode" if u.must_change_password else "aktiv"
                   for u in users],
        "Sidst logget ind": [common.fmt_date(u.last_sign_in.date()) if u.last_sign_in else "–" for u in users],
        "E-mail (single sign-on)": [u.email or "" for u in users],
    })  # fmt: skip


def _show_password(username: str, password: str) -> None:
    st.success(f"Engangsadgangskoden til **{username}** vises kun nu. Giv den videre personligt; den skal skiftes "
               "ved første login.")  # fmt: skip
    st.code(password, language=None)


def users(user: User) -> None:
    state.show_flash(PAGE)
    listing = common.attempt(lambda: accounts.list_users(common.db(), user))
    if listing is None:
        return
    st.dataframe(_frame(listing), hide_index=True, width="stretch")
    left, right = st.columns(2)
    with left:
        _add_user(user)
    with right:
        _change_user(user, [u for u in listing if u.staff_id != user.staff_id])


def _add_user(user: User) -> None:
    teams = {t.team_id: t.name for t in staff_service.list_teams(common.db())}
    with st.form("add_user", clear_on_submit=True):
        st.markdown("**Opret bruger**")
        name = st.text_input("Navn *")
        team = st.selectbox("Team *", list(teams), format_func=teams.__getitem__)
        role = st.selectbox("Rolle *", list(ACCOUNT_ROLES), format_func=lambda r: access.ROLE_LABELS[r])
        username = st.text_input("Brugernavn", help="Tomt: fornavnet med små bogstaver")
        email = st.text_input("E-mail hos kommunens login", help="Til single sign-on; kan være tom")
        pressed = st.form_submit_button("Opret bruger", type="primary")
    if not pressed:
        return
    new = accounts.NewUser(name, team or "", str(role), username=username.strip() or None, email=email.strip() or None)
    added = common.attempt(lambda: accounts.add_user(common.db(), user, new))
    if added is not None:
        _show_password(added.user.username, added.one_time_password)


def _change_user(user: User, others: list[AccountListing]) -> None:
    st.markdown("**Spær bruger eller giv ny adgangskode**")
    if not others:
        st.caption("Der er ingen andre brugere.")
        return
    names = {u.username: f"{u.name} ({u.username}){' — spærret' if u.disabled else ''}" for u in others}
    chosen = st.selectbox("Bruger", list(names), format_func=names.__getitem__, key="leader_user")
    c1, c2 = st.columns(2)
    if c1.button("Ny engangsadgangskode", key="reset_password") and chosen:
        password = common.attempt(lambda: accounts.reset_password(common.db(), user, chosen))
        if password is not None:
            _show_password(chosen, password)
    if c2.button("Spær bruger", key="disable_user") and chosen:
        try:
            accounts.disable_user(common.db(), user, chosen)
        except OtoMatchError as e:
            st.error(e.message)
            return
        state.flash(PAGE, f"{names[chosen]} er spærret og kan ikke længere logge ind.")
        st.rerun()
