"""Borgere: profiles (functional restrictions, wishes, consent), the jobs that fit, and the access log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.services import citizens as citizen_service
from oto_match.services import staff as staff_service
from oto_match.ui import common, state
from oto_match.ui.citizens import MINE_ONLY, PAGE, SEARCH, SELECTED_CITIZEN, access, fits, form, profile

st.title("Borgere")
actor = common.require_actor()
staff = staff_service.list_staff(common.db())
teams = [t.team_id for t in staff_service.list_teams(common.db())]
name_of = {s.staff_id: s.name for s in staff}
handoff = state.take(state.OpenCitizen)
if handoff:
    st.session_state[SELECTED_CITIZEN] = handoff.citizen_id
tab_list, tab_new = st.tabs(["Borgere", "Ny borger"])
with tab_new:
    form.new_citizen_form(actor, staff, teams)
with tab_list:
    mine_only = st.toggle(f"Kun mit team ({actor.team_id.capitalize()})", value=True, key=MINE_ONLY)
    people = citizen_service.list_citizens(common.db(), actor, actor.team_id if mine_only else None)
    if not people:
        st.info("Ingen borgere her endnu. Opret en under 'Ny borger' eller importér citizens.csv.")
        st.stop()
    search = st.text_input("Søg på navn", key=SEARCH)
    shown = [c for c in people if search.lower() in c.name.lower()]
    st.dataframe(
        pd.DataFrame(
            {
                "Navn": [c.name for c in shown],
                "Status": [vocab.CITIZEN_STATUSES[c.status] for c in shown],
                "Makkerpar": [
                    f"{name_of.get(c.partner1_id or '', '–')} / {name_of.get(c.partner2_id or '', '–')}" for c in shown
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    ids = [c.citizen_id for c in shown]
    label = common.unique_labels({c.citizen_id: c.name for c in shown})
    if st.session_state.get(SELECTED_CITIZEN) not in (None, *ids):
        ids.append(st.session_state[SELECTED_CITIZEN])  # just created, or handed over: shown even if filtered out
    chosen = st.selectbox(
        "Åbn borger", ids, index=None, format_func=lambda i: label.get(i, i), placeholder="Vælg en borger",
        key=SELECTED_CITIZEN,
    )  # fmt: skip
    state.show_flash(PAGE)
    citizen = common.attempt(lambda: citizen_service.get_citizen(common.db(), actor, str(chosen))) if chosen else None
    if citizen:
        profile.profile_view(citizen, name_of)
        t1, t2, t3, t4 = st.tabs(["Job der passer", "Redigér", "Adgangslog", "Kopi af data"])
        with t1:
            fits.matching_jobs(actor, citizen.citizen_id)
        with t2:
            form.edit_form(actor, staff, teams, citizen)
        with t3:
            access.audit_view(actor, citizen.citizen_id)
        with t4:
            access.data_copy(actor, citizen.citizen_id)
