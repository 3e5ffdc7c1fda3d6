"""Virksomheder: the register, the pipeline, my next steps, the visit log, duplicates and activity.

Every list is read a page at a time (filtered, counted and paged in the database), so the page opens
as quickly with 50,000 employers as with 60.
"""

from __future__ import annotations

import streamlit as st

from oto_match.services import staff as staff_service
from oto_match.ui import common
from oto_match.ui.employers import activity, detail, duplicates, new_employer, pipeline, register, visit_form

st.title("Virksomheder")
actor = common.require_actor()
staff = common.attempt(lambda: staff_service.list_staff(common.db())) or []

TAB = "employers.tab"  # the tab shown: it stays after a save and while filters change
tabs = st.tabs(
    ["Register", "Pipeline", "Mine næste skridt", "Log besøg", "Ny virksomhed", "Dubletter", "Min aktivitet"],
    key=TAB, on_change="rerun",
)  # fmt: skip
with tabs[0]:
    choice = register.register_tab(staff)
    if choice:
        detail.employer_view(choice, actor, staff)
with tabs[1]:
    pipeline.pipeline_board()
with tabs[2]:
    pipeline.next_steps(actor)
with tabs[3]:
    visit_form.quick_visit_form(actor)
with tabs[4]:
    new_employer.new_employer_form(actor)
with tabs[5]:
    duplicates.duplicates_tab(actor)
with tabs[6]:
    activity.activity_tab(actor)
