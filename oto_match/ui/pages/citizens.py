"""Borgere: profiles (functional restrictions, wishes, consent), the jobs that fit, and the access log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.services import citizens as citizen_service
from oto_match.services import staff as staff_service
from oto_match.ui import citizen_views as views
from oto_match.ui import common

st.title("Borgere")
actor = common.require_actor()
staff = staff_service.list_staff(common.db())
name_of = {s.staff_id: s.name for s in staff}
tab_list, tab_new = st.tabs(["Borgere", "Ny borger"])
with tab_new:
    views.profile_form(actor, staff, None)
with tab_list:
    mine_only = st.toggle(f"Kun mit team ({actor.team_id.capitalize()})", value=True)
    people = citizen_service.list_citizens(common.db(), actor, actor.team_id if mine_only else None)
    if not people:
        st.info("Ingen borgere her endnu. Opret en under 'Ny borger' eller importér citizens.csv.")
        st.stop()
    search = st.text_input("Søg på navn")
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
    chosen = st.selectbox(
        "Åbn borger", ids, index=None, format_func=label.get, placeholder="Vælg en borger", key="selected_citizen"
    )
    if chosen:
        citizen = common.attempt(lambda: citizen_service.get_citizen(common.db(), actor, chosen))
        if citizen:
            views.profile_view(citizen, name_of)
            t1, t2, t3, t4 = st.tabs(["Job der passer", "Redigér", "Adgangslog", "Kopi af data"])
            with t1:
                views.matching_jobs(actor, chosen)
            with t2:
                views.profile_form(actor, staff, citizen)
            with t3:
                views.audit_view(actor, chosen)
            with t4:
                st.caption("Borgeren har ret til at se og få en kopi af det, vi har registreret.")
                st.download_button(
                    "Hent kopi af borgerens data (JSON)",
                    lambda: citizen_service.data_copy(common.db(), actor, chosen),
                    file_name=f"borgerdata-{chosen}.json",
                    mime="application/json",
                )
