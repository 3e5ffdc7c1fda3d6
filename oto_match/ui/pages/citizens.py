"""Borgere: profiles (functional restrictions, wishes, consent), the jobs that fit, and the access log."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.services import citizens as citizen_service
from oto_match.services import staff as staff_service
from oto_match.ui import common, state
from oto_match.ui.citizens import (
    CITIZEN_TABS,
    MINE_ONLY,
    PAGE_TABS,
    PROFILE_TABS,
    SELECTED_CITIZEN,
    access,
    fits,
    form,
    listing,
    profile,
)

st.title("Borgere")
actor = common.require_actor()
staff = staff_service.list_staff(common.db())
teams = [t.team_id for t in staff_service.list_teams(common.db())]
name_of = {s.staff_id: s.name for s in staff}
handoff = state.take(state.OpenCitizen)
if handoff:
    st.session_state[SELECTED_CITIZEN] = handoff.citizen_id
    st.session_state[PAGE_TABS] = CITIZEN_TABS[0]
tab_list, tab_new = st.tabs(CITIZEN_TABS, key=PAGE_TABS, on_change="rerun")  # the tab stays after a save
with tab_new:
    form.new_citizen_form(actor, staff, teams)
with tab_list:
    mine_only = st.toggle(f"Kun mit team ({vocab.team_name(actor.team_id)})", value=True, key=MINE_ONLY)
    chosen = listing.citizen_list(actor, actor.team_id if mine_only else None, name_of)
    citizen = common.attempt(lambda: citizen_service.get_citizen(common.db(), actor, str(chosen))) if chosen else None
    if citizen:
        profile.profile_view(citizen, name_of)
        t1, t2, t3, t4 = st.tabs(["Job der passer", "Redigér", "Adgangslog", "Kopi af data"], key=PROFILE_TABS,
                                 on_change="rerun")  # fmt: skip
        with t1:
            fits.matching_jobs(actor, citizen.citizen_id)
        with t2:
            form.edit_form(actor, staff, teams, citizen)
        with t3:
            access.audit_view(actor, citizen.citizen_id)
        with t4:
            access.data_copy(actor, citizen.citizen_id)
