"""'Ny virksomhed': while the name is typed, existing employers it probably is are shown.

The rule (a likely duplicate is refused unless the person confirms it is a new workplace) is the
service's; this form only shows the suggestions and passes the confirmation on.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from oto_match.domain import Staff
from oto_match.services import employer_dedup as dedup_service
from oto_match.services import employers as employer_service
from oto_match.ui import common, state
from oto_match.ui.employers import forms
from oto_match.ui.employers.master_data import master_data_inputs

FORM = "employers.new"


def new_employer_form(actor: Staff) -> None:
    employer_id = forms.form_id(FORM, "E")
    prefix = f"new_{employer_id}"
    change = master_data_inputs(prefix, None)
    confirm = False  # asked only when there are suggestions to check
    if change.name.strip():
        hits = common.attempt(
            lambda: dedup_service.suggestions(common.db(), change.name, change.postcode, change.pnumber)
        )  # fmt: skip
        if hits:
            st.warning(
                "Findes virksomheden allerede? "
                + "; ".join(f"**{common.plain(h.employer.name)}** ({', '.join(h.reasons)})" for h in hits)
            )
            confirm = st.checkbox("Jeg har tjekket forslagene: opret alligevel", key=f"{prefix}_confirm")
    create = st.button("Opret virksomhed", type="primary", key=f"{prefix}_save")
    state.show_flash(FORM)  # below the button, where the user acted
    if not create:
        return
    change = replace(change, employer_id=employer_id, version=0, confirmed_not_duplicate=confirm)
    created = common.attempt_form(lambda: employer_service.save_employer(common.db(), actor, change))
    if created:
        forms.done(FORM)
        owner = " med dig som ejer" if created.owner_staff_id == actor.staff_id else ""
        state.flash(FORM, f"{created.name} er oprettet{owner}.")
        st.rerun()
