"""OTO Match: page config, "Hvem er du?" and navigation — nothing else."""

from __future__ import annotations

import streamlit as st

from oto_match.services import staff as staff_service
from oto_match.ui import common, state
from oto_match.ui.boundary import run_guarded

st.set_page_config(page_title="OTO Match", page_icon=":material/handshake:", layout="wide")

opened = common.attempt(common.db)  # e.g. the file is held by another process: one clear sentence
if opened is None:
    st.stop()
database = opened
assert database is not None

with st.sidebar:
    st.markdown("### OTO Match")
    staff = common.attempt(lambda: staff_service.list_staff(database)) or []
    if staff:
        ids = [s.staff_id for s in staff]
        by_id = {s.staff_id: s for s in staff}
        current = st.session_state.get(state.WIDGET_ACTOR) or st.session_state.get(state.ACTOR)
        if current in ids:  # a page switch forgets the widget's value: give it back
            st.session_state[state.WIDGET_ACTOR] = current
        else:
            st.session_state.pop(state.WIDGET_ACTOR, None)
        st.selectbox(
            "Hvem er du?",
            ids,
            index=None,
            format_func=lambda i: common.staff_label(by_id[i]),
            placeholder="Vælg dit navn",
            key=state.WIDGET_ACTOR,
        )
        st.session_state[state.ACTOR] = st.session_state.get(state.WIDGET_ACTOR)
    else:
        st.warning("Der er ingen medarbejdere i databasen endnu. Kør `make run` (demodata) eller importér staff.csv.")

PAGES = "oto_match/ui/pages"
navigation = st.navigation(
    [
        st.Page(
            f"{PAGES}/employers.py",
            title="Virksomheder",
            icon=":material/storefront:",
            url_path="virksomheder",
            default=True,
        ),
        st.Page(f"{PAGES}/jobs.py", title="Jobåbninger & match", icon=":material/join_inner:", url_path="job"),
        st.Page(f"{PAGES}/citizens.py", title="Borgere", icon=":material/groups:", url_path="borgere"),
        st.Page(
            f"{PAGES}/fastholdelse.py",
            title="Fastholdelse",
            icon=":material/volunteer_activism:",
            url_path="fastholdelse",
        ),
        st.Page(f"{PAGES}/overview.py", title="Overblik", icon=":material/monitoring:", url_path="overblik"),
    ]
)
run_guarded(navigation.run)
