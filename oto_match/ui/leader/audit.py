"""The audit log for a leader: search by citizen, user and period; 'who has looked at me, and why' for one citizen.

Rows are shown with staff names and Danish action words (ACTION_WORDS), never the codes the log stores.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from oto_match.access import User
from oto_match.services import accounts
from oto_match.services import audit_log as audit_service
from oto_match.services.audit_log import AuditLine
from oto_match.ui import common
from oto_match.vocab import ACTION_WORDS

ALL_USERS = ""


def action_word(line: AuditLine) -> str:
    if line.entity == "ranking":
        return ACTION_WORDS["ranking"]
    return ACTION_WORDS.get(line.action, "anden handling")


def frame(lines: list[AuditLine]) -> pd.DataFrame:
    return pd.DataFrame({
        "Tidspunkt": [f"{line.at:%d-%m-%Y %H:%M:%S}" for line in lines],
        "Hvem": [line.staff_name for line in lines],
        "Handling": [action_word(line) for line in lines],
        "Hvad": [line.what for line in lines],
        "Detaljer": [line.detail_in_words for line in lines],
        "Borgere på skærmen": [len(line.citizen_ids) if line.citizen_ids else None for line in lines],
    })  # fmt: skip


def search(user: User) -> None:
    """The search form and its result."""
    users = common.attempt(lambda: accounts.list_users(common.db(), user)) or []
    names = {ALL_USERS: "Alle brugere"} | {u.username: f"{u.name} ({u.username})" for u in users}
    with st.form("audit_search"):
        c1, c2, c3 = st.columns(3)
        citizen = c1.text_input("Borger", placeholder="navn eller del af navnet",
                                help="Tomt: alle borgere. Passer navnet på flere, vises loggen for dem alle.")
        who = c2.selectbox("Bruger", list(names), format_func=names.__getitem__)
        period = c3.date_input("Periode", (common.today() - timedelta(days=30), common.today()), format="DD-MM-YYYY")
        pressed = st.form_submit_button("Søg i loggen", type="primary")
    if not pressed:
        return
    since, until = _period(period)
    found = common.attempt(lambda: audit_service.find_citizens(common.db(), user, citizen)) or []
    if citizen.strip() and not found:
        st.info(f"Ingen borger passer til '{common.plain(citizen.strip())}'. Prøv en del af navnet.")
        return
    if len(found) > audit_service.CITIZENS_FOUND_MAX:
        st.info(f"Mere end {audit_service.CITIZENS_FOUND_MAX} borgere passer til navnet. Skriv mere af det.")
        return
    if found:
        st.caption("Loggen for " + ", ".join(f"{c.name} ({c.team})" for c in found) + ".")
    lines = common.attempt(lambda: audit_service.audit_entries(
        common.db(), user, user=who or None, since=since, until=until,
        citizen_ids=[c.citizen_id for c in found]))  # fmt: skip
    if lines is None:
        return
    if not lines:
        st.info("Ingen rækker i loggen passer til søgningen.")
        return
    shown = "" if len(lines) < audit_service.DEFAULT_LIMIT else f" (de nyeste {audit_service.DEFAULT_LIMIT})"
    st.caption(f"{len(lines)} rækker{shown}, nyeste først. Søgningen er selv skrevet i loggen.")
    st.dataframe(frame(lines), hide_index=True, width="stretch")


def _period(period: object) -> tuple[date | None, date | None]:
    chosen = list(period) if isinstance(period, tuple | list) else [period]
    days = [d for d in chosen if isinstance(d, date)]
    if not days:
        return None, None
    return days[0], days[-1]


def citizen_report(user: User) -> None:
    """'Who has looked at me, and why' for one citizen, to hand over as a text file."""
    text = st.text_input("Find borgeren", placeholder="navn eller del af navnet", key="report_citizen")
    if not text.strip():
        return
    found = common.attempt(lambda: audit_service.find_citizens(common.db(), user, text)) or []
    if not found or len(found) > audit_service.CITIZENS_FOUND_MAX:
        st.info(f"Mere end {audit_service.CITIZENS_FOUND_MAX} borgere passer til navnet. Skriv mere af det." if found
                else f"Ingen borger passer til '{common.plain(text.strip())}'. Prøv en del af navnet.")  # fmt: skip
        return
    options = {c.citizen_id: f"{c.name} ({c.team})" for c in found}
    citizen = st.selectbox("Borger", list(options), format_func=options.__getitem__, key="report_choice")
    if not st.button("Lav oversigten") or citizen is None:
        return
    report = common.attempt(lambda: audit_service.citizen_report(common.db(), user, citizen))
    if report is None:
        return
    text = report.text()
    st.download_button("Hent som tekst", text.encode("utf-8"), file_name=f"hvem-har-set-{report.citizen_id}.txt",
                       mime="text/plain; charset=utf-8", icon=":material/download:")  # fmt: skip
    st.text(text)
