"""The quick visit form (one screen, sensible defaults) and what it says after a save.

After a cup-2 visit it offers to add the adaptations learned to the employer's record; that save
drops the Stamdata form's snapshot, so the form then shows the new list.
"""

from __future__ import annotations

import streamlit as st

from oto_match import stages, vocab
from oto_match.domain import Staff
from oto_match.employer_inputs import AddAdaptations, VisitLog
from oto_match.services import employers as employer_service
from oto_match.services import staff as staff_service
from oto_match.services import visits as visit_service
from oto_match.services.visits import LoggedVisit
from oto_match.ui import common, state
from oto_match.ui.dates import date_field
from oto_match.ui.employers import forms
from oto_match.ui.employers.master_data import forget_opened
from oto_match.ui.lists import thousands

LOGGED = "employers.logged_visits"  # form key -> the cup-2 visit just saved there whose offer awaits an answer
LAST_STAGE = "employers.last_stage"  # form key -> the stage the visit last saved there left its employer in
SEARCH = "employers.visit_search"  # the quick form's employer search


def quick_visit_form(actor: Staff) -> None:
    """'Log besøg' for any employer: a search narrows the picker to at most CHOICES_MAX employers."""
    search = st.text_input("Find virksomhed (navn eller postnummer)", key=SEARCH)
    found = common.attempt(lambda: employer_service.employer_choices(common.db(), search))
    options, matching = found or ({}, 0)
    if matching > len(options):
        st.caption(f"Viser {len(options)} af {thousands(matching)} virksomheder: skriv mere for at finde andre.")
    visit_form("visit_global", common.unique_labels(options), actor)


def visit_form(key: str, employer_options: dict[str, str], actor: Staff, preselected: str | None = None,
               stage: str | None = None) -> None:  # fmt: skip
    """Log a contact: today, me and in person at the workplace unless changed; the cup suggested is the
    employer's stage (`stage`, or the stage the last visit logged in this form left)."""
    names = {s.staff_id: s.name for s in common.attempt(lambda: staff_service.list_staff(common.db())) or [actor]}
    visit_id = forms.form_id(key, "B")
    ids = list(employer_options)
    cups = [1, 2, 3, 0]
    suggested = stages.suggested_cup(stage or st.session_state.get(LAST_STAGE, {}).get(key))
    with st.form(f"{key}_{visit_id}", enter_to_submit=False):
        employer_id = st.selectbox(
            "Virksomhed", ids, index=ids.index(preselected) if preselected in ids else None,
            format_func=lambda i: employer_options[i], placeholder="Vælg virksomhed",
        )  # fmt: skip
        c1, c2, c3 = st.columns(3)
        when = date_field("Dato", common.today(), where=c1)
        consultant = c2.selectbox(
            "Konsulent", list(names), index=list(names).index(actor.staff_id) if actor.staff_id in names else 0,
            format_func=common.label_of(names),
        )  # fmt: skip
        form = c3.selectbox("Form", list(vocab.VISIT_FORMS), format_func=common.label_of(vocab.VISIT_FORMS))
        cup = st.radio(
            "Hvilken kop te?", cups, index=cups.index(suggested), horizontal=True,
            format_func=lambda c: vocab.CUPS.get(c, "Ingen (anden kontakt)"),
        )  # fmt: skip
        notes = st.text_area("Noter", height=80)
        tasks = st.text_area("Lært ved 2. kop: konkrete opgaver og vilkår", height=68)
        learned = common.strain_select("Lært ved 2. kop: belastninger arbejdspladsen kan fjerne")
        c4, c5 = st.columns([3, 1])
        next_text = c4.text_input("Næste skridt")
        next_date = date_field("Dato for næste skridt", where=c5)
        submitted = st.form_submit_button("Gem besøg", type="primary")
    state.show_flash(key)  # below the form, where the user acted
    state.show_flash(f"{key}_toast")  # and as a toast: below a long form it may be out of sight at 1366×768
    after_visit_saved(key, actor)
    if not submitted:
        return
    log = VisitLog(
        employer_id or "", consultant or "", when, form, cup or None, notes, tasks, tuple(learned), next_text,
        next_date, visit_id=visit_id,
    )  # fmt: skip
    logged = common.attempt_form(lambda: visit_service.log_visit(common.db(), actor, log, common.today()))
    if logged:
        saved(key, logged)
        st.rerun()


def saved(key: str, logged: LoggedVisit) -> None:
    """Say once how the stage moved; keep the offer to add adaptations until it is answered."""
    before, after = vocab.EMPLOYER_STAGES.get(logged.stage_before, "–"), vocab.EMPLOYER_STAGES[logged.stage_after]
    message = f"Besøget er gemt. Fase: {before} → {after}." if before != after else "Besøget er gemt."
    state.flash(key, message)
    state.flash(f"{key}_toast", message, "toast")
    st.session_state.setdefault(LAST_STAGE, {})[key] = logged.stage_after
    if logged.offer_adaptations:
        st.session_state.setdefault(LOGGED, {})[key] = logged
    forms.done(key)


def after_visit_saved(key: str, actor: Staff) -> None:
    """For a cup-2 visit just saved, offer to add the adaptations learned to the employer's record."""
    logged: LoggedVisit | None = st.session_state.get(LOGGED, {}).get(key)
    if not logged:
        return
    labels = vocab.strain_labels(logged.offer_adaptations)
    with st.container(border=True):
        st.warning(f"I lærte, at arbejdspladsen kan fjerne: {labels}. Skal det på virksomhedens kort?")
        add, no = st.columns([3, 1])
        if add.button("Tilføj til virksomhedens tilpasninger", key=f"{key}_add_adaptations"):
            change = AddAdaptations(logged.visit.employer_id, logged.offer_adaptations)
            if common.attempt(lambda: employer_service.add_adaptations(common.db(), actor, change)):
                forget_opened(logged.visit.employer_id)
                st.session_state[LOGGED].pop(key)
                state.flash(key, f"Tilføjet til virksomhedens tilpasninger: {labels}.")
                st.rerun()
        if no.button("Nej tak", key=f"{key}_ack"):
            st.session_state[LOGGED].pop(key)
            st.rerun()
