"""Virksomheder: the register, the pipeline, my next steps, the visit log, duplicates and activity."""

from __future__ import annotations

import streamlit as st

from oto_match.services import employers as employer_service
from oto_match.services import staff as staff_service
from oto_match.ui import common
from oto_match.ui.employers import activity, detail, duplicates, new_employer, pipeline, register, visit_form

st.title("Virksomheder")
actor = common.require_actor()
rows = common.attempt(lambda: employer_service.employer_rows(common.db(), common.today())) or []
staff = common.attempt(lambda: staff_service.list_staff(common.db())) or []
options = common.unique_labels({r.employer.employer_id: f"{r.employer.name} ({r.employer.postcode})" for r in rows})

tabs = st.tabs(
    ["Register", "Pipeline", "Mine næste skridt", "Log besøg", "Ny virksomhed", "Dubletter", "Min aktivitet"]
)
with tabs[0]:
    if not rows:
        st.info("Der er ingen virksomheder endnu. Opret en under 'Ny virksomhed' eller importér employers.csv.")
    else:
        shown = employer_service.filter_rows(rows, register.filters(rows, staff), common.today())
        st.caption(f"{len(shown)} af {len(rows)} virksomheder")
        register.register_table(shown)
        choice = register.open_employer(shown, options)
        if choice:
            detail.employer_view(choice, actor, options, staff)
with tabs[1]:
    pipeline.pipeline_board(rows)
with tabs[2]:
    pipeline.next_steps(rows, actor)
with tabs[3]:
    visit_form.visit_form("visit_global", options, actor)
with tabs[4]:
    new_employer.new_employer_form(actor)
with tabs[5]:
    duplicates.duplicates_tab(actor)
with tabs[6]:
    activity.activity_tab(actor)
