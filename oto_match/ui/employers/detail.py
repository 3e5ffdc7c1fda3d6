"""One employer's view: header, timeline, visit log, contacts, Stamdata and 'Opret jobåbning'."""

from __future__ import annotations

import streamlit as st

from oto_match import postcodes, stages, vocab
from oto_match.domain import Staff
from oto_match.employer_inputs import ContactChange
from oto_match.services import employers as employer_service
from oto_match.services.employers import EmployerDetail
from oto_match.ui import common, state
from oto_match.ui.employers import forms
from oto_match.ui.employers.master_data import edit_form, pause_controls
from oto_match.ui.employers.visit_form import visit_form
from oto_match.ui.lists import and_others, thousands

TIMELINE_ICONS = {"visit": ":material/coffee:", "job": ":material/work:", "candidate": ":material/person:",
                  "placement": ":material/handshake:"}  # fmt: skip
DETAIL_TAB = "employers.detail_tab"  # + employer id: the employer's tab shown, kept after a save
JOBS_PAGE = "oto_match/ui/pages/jobs.py"


def employer_view(employer_id: str, actor: Staff, staff: list[Staff]) -> None:
    today = common.today()
    detail = common.attempt(lambda: employer_service.employer_detail(common.db(), employer_id, today))
    if detail is None:
        return
    header(detail, actor)
    if st.button("Opret jobåbning hos denne virksomhed", key="new_job_here", icon=":material/add:"):
        state.hand_over(state.JobFromEmployer(employer_id, actor.staff_id))
        st.switch_page(JOBS_PAGE)
    tab_time, tab_visit, tab_contacts, tab_edit = st.tabs(
        ["Tidslinje", "Log besøg", "Kontaktpersoner", "Stamdata"], key=f"{DETAIL_TAB}_{employer_id}", on_change="rerun"
    )
    with tab_time:
        if not detail.timeline:
            st.info("Intet er sket endnu. Start med en 1. kop te: log den under 'Log besøg'.")
        for ev in detail.timeline:
            st.markdown(f"{TIMELINE_ICONS[ev.kind]} **{common.fmt_date(ev.when)}** {ev.title}  \n{ev.detail}")
        if detail.timeline_not_shown:
            st.caption(f"De {len(detail.timeline)} nyeste vist, {and_others(detail.timeline_not_shown)} ældre.")
    with tab_visit:
        e = detail.row.employer
        label = {employer_id: f"{e.name} ({e.postcode})"}
        visit_form(f"visit_{employer_id}", label, actor, preselected=employer_id, stage=detail.row.stage)
    with tab_contacts:
        contacts(detail, actor)
    with tab_edit:
        edit_form(actor, detail.row.employer, staff)
        pause_controls(actor, detail.row.employer)


def header(detail: EmployerDetail, actor: Staff) -> None:
    e, row, today = detail.row.employer, detail.row, common.today()
    st.subheader(e.name)
    cold = stages.is_cold(row.last_contact, today)
    cold_badge = f" :blue-badge[kold: ingen kontakt i {stages.COLD_AFTER_DAYS} dage]" if cold else ""
    st.caption(f"Fase: **{vocab.EMPLOYER_STAGES[row.stage]}**{cold_badge} — {stages.NEXT_STEP_HINTS[row.stage]}")
    if row.skipped_workplace_visit:
        st.warning("I har præsenteret borgere uden at have set arbejdspladsen (ingen 2. kop te).")
    if e.paused:
        st.info(f"Sat på pause: {e.paused_reason}")
    c1, c2, c3 = st.columns(3)
    c1.markdown(f"**Adresse**  \n{e.address or '–'}, {e.postcode} {postcodes.town(e.postcode)}")
    c1.markdown(f"**CVR** {e.cvr or '–'} · **P-nr.** {e.pnumber or '–'}")
    c2.markdown(
        f"**Branche** {e.industry or '–'} · **Størrelse** {e.size_band or '–'}"
        f"{' · socialøkonomisk' if e.social_economy else ''}"
    )
    owner = detail.owner
    c2.markdown(f"**Ejer** {owner.name} ({vocab.team_name(owner.team_id)})" if owner else "**Ejer** ingen")
    if owner and owner.team_id != actor.team_id:
        c2.info(f"{vocab.team_name(owner.team_id)} ejer relationen: spørg {owner.name}, før I tager kontakt.")
    if detail.teams_with_placements:
        teams = ", ".join(f"{vocab.team_name(t)} ({n})" for t, n in detail.teams_with_placements.items())
        c2.markdown(f"**Forløb her fra teams** {teams}")
    c3.markdown(f"**Kan tilpasse** {vocab.strain_labels(e.accommodations) or '–'}")
    c3.markdown(f"**Andre tilpasninger** {e.adaptations_note or '–'}")
    if detail.siblings:
        siblings(detail)


def siblings(detail: EmployerDetail) -> None:
    """The other workplaces under the same CVR: the count, and the first few in a list folded away."""
    with st.expander(f"Andre arbejdspladser under samme CVR ({thousands(detail.siblings_total)})"):
        st.markdown("\n".join(f"- {common.plain(s.name)}, {common.plain(s.address or '–')}, {s.postcode}"
                               for s in detail.siblings))  # fmt: skip
        if detail.siblings_not_shown:
            cvr = detail.row.employer.cvr
            st.caption(f"… {and_others(detail.siblings_not_shown)}: søg på CVR {cvr} i registret for at se dem alle.")


def contacts(detail: EmployerDetail, actor: Staff) -> None:
    for c in detail.contacts:
        st.markdown(common.plain(f"{c.name}, {c.role or '–'} · {c.phone or '–'} · {c.email or '–'}"))
    if not detail.contacts:
        st.info("Ingen kontaktpersoner endnu.")
    employer_id = detail.row.employer.employer_id
    key = f"employers.contact_{employer_id}"
    contact_id = forms.form_id(key, "K")
    with st.form(f"{key}_{contact_id}", enter_to_submit=False):
        c1, c2, c3, c4 = st.columns(4)
        name, role = c1.text_input("Navn"), c2.text_input("Rolle")
        phone, email = c3.text_input("Telefon"), c4.text_input("E-mail")
        submitted = st.form_submit_button("Tilføj kontaktperson")
    state.show_flash(key)  # below the form, where the user acted
    if not submitted:
        return
    change = ContactChange(employer_id, name, role, phone, email, contact_id=contact_id)
    saved = common.attempt_form(lambda: employer_service.save_contact(common.db(), actor, change))
    if saved:
        forms.done(key)
        state.flash(key, f"{saved.name} er tilføjet som kontaktperson.")
        st.rerun()
