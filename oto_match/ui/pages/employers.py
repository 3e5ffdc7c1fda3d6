"""Virksomheder: the register, the pipeline, my next steps, the visit log, duplicates and activity."""

from __future__ import annotations

import streamlit as st

from oto_match.services import employers as employer_service
from oto_match.services import staff as staff_service
from oto_match.ui import common
from oto_match.ui import employer_detail as detail
from oto_match.ui import employer_views as views

st.title("Virksomheder")
actor = common.require_actor()
rows = common.attempt(lambda: employer_service.employer_rows(common.db(), common.today())) or []
staff = common.attempt(lambda: staff_service.list_staff(common.db())) or []
options = common.unique_labels({r.employer.employer_id: f"{r.employer.name} ({r.employer.postcode})" for r in rows})
views.after_visit_saved(actor)

tabs = st.tabs(
    ["Register", "Pipeline", "Mine næste skridt", "Log besøg", "Ny virksomhed", "Dubletter", "Min aktivitet"]
)
with tabs[0]:
    if not rows:
        st.info("Der er ingen virksomheder endnu. Opret en under 'Ny virksomhed' eller importér employers.csv.")
    else:
        shown = employer_service.filter_rows(rows, views.filters(rows, staff), common.today())
        st.caption(f"{len(shown)} af {len(rows)} virksomheder")
        views.register_table(shown)
        choice = st.selectbox(
            "Åbn virksomhed",
            [r.employer.employer_id for r in shown],
            index=None,
            format_func=lambda i: options[i],
            placeholder="Vælg en virksomhed",
            key=views.SELECTED,
        )
        if choice:
            detail.employer_view(choice, actor, options)
with tabs[1]:
    views.pipeline_board(rows)
with tabs[2]:
    views.next_steps(rows, actor)
with tabs[3]:
    views.visit_form("visit_global", options, actor)
with tabs[4]:
    detail.new_employer_form(actor)
with tabs[5]:
    detail.duplicates_tab(actor)
with tabs[6]:
    detail.activity_tab(actor)
