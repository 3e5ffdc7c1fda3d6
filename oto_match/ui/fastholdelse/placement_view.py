"""One placement: the agreement (forventningsafstemning, contact person, acceptance), the timeline of
follow-ups, the hours over time, and the tabs to log a follow-up or end the placement. Every save confirms
below the button that made it, and the tab stays the one the user was on."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import Placement, Staff
from oto_match.services import placements as placement_service
from oto_match.ui import common, feedback, state
from oto_match.ui.fastholdelse import keys
from oto_match.ui.fastholdelse.ending import end_form
from oto_match.ui.fastholdelse.followup_form import followup_form
from oto_match.ui.fastholdelse.timeline import hours_chart, timeline

WARNING_STYLE = {"error": st.error, "warning": st.warning, "info": st.info}
PLACEMENT_TABS = ["Log opfølgning", "Tidslinje", "Timer over tid", "Afslut / slip"]


def agreement(actor: Staff, p: Placement) -> None:
    st.markdown(
        f"**Virksomheden forventer** {p.employer_expects or '–'}  \n"
        f"**Borgeren forventer** {p.citizen_expects or '–'}  \n"
        f"**Succes for virksomheden** {p.success_employer or '–'}  \n"
        f"**Succes for borgeren** {p.success_citizen or '–'}  \n"
        f"**Aftalte skånehensyn** {vocab.strain_labels(p.agreed_strains) or '–'}  \n"
        f"**Tilpasninger** {p.adaptations_note or '–'}  \n**Vejen til løntimer** {p.path_to_paid or '–'}"
    )
    contacts = {
        c.contact_id: f"{c.name} ({c.role or 'kontakt'}, {c.phone or '–'})"
        for c in placement_service.employer_contacts(common.db(), p.employer_id)
    }
    ids = [None, *contacts]
    contact = st.selectbox(
        "Kontaktperson hos virksomheden", ids, index=ids.index(p.contact_id) if p.contact_id in ids else 0,
        format_func=lambda i: "–" if i is None else contacts[i], key=keys.of(p, "contact"),
    )  # fmt: skip
    if contact != p.contact_id and st.button("Gem kontaktperson", key=keys.of(p, "save_contact")):
        _saved(common.attempt(
            lambda: placement_service.set_contact(common.db(), actor, p.placement_id, contact, p.version)
        ), "Kontaktpersonen er gemt.")  # fmt: skip
    c1, c2 = st.columns(2)
    citizen_ok = c1.checkbox("Borgeren har accepteret", value=p.citizen_accepted, key=keys.of(p, "acc_c"))
    employer_ok = c2.checkbox("Virksomheden har accepteret", value=p.employer_accepted, key=keys.of(p, "acc_e"))
    if st.button("Gem accept", key=keys.of(p, "save_acc")):
        _saved(common.attempt(lambda: placement_service.record_agreement(
            common.db(), actor, p.placement_id, citizen_ok, employer_ok, p.version
        )), "Accepten er gemt.")  # fmt: skip
    feedback.show_saved(keys.AGREEMENT_SAVED)


def _saved(result: Placement | None, message: str) -> None:
    """After a save the page shows the placement as it is now; the message shows below the buttons."""
    if result:
        feedback.saved(keys.AGREEMENT_SAVED, message)
        st.rerun()


def placement_details(actor: Staff, placement_id: str) -> None:
    view = common.attempt(lambda: placement_service.placement_view(common.db(), actor, placement_id, common.today()))
    if not view:
        return
    p = view.placement
    st.subheader(f"{view.citizen_name} hos {view.employer_name}")
    agreed = ":green-badge[aftalt] borger og virksomhed har accepteret" if p.agreed \
        else ":orange-badge[ikke aftalt endnu]"  # fmt: skip
    end = f"planlagt slut {common.fmt_date(p.planned_end_date)}" if p.planned_end_date else "ingen planlagt slut"
    if p.status == "ended":
        end = f"afsluttet {common.fmt_date(p.end_date)}"
    st.markdown(f"{vocab.JOB_TYPES[p.placement_type]} · start {common.fmt_date(p.start_date)} · {end} · "
                f"{common.fmt_number(p.hours_week, '?')} timer/uge · {agreed}")  # fmt: skip
    if p.released_on:
        st.info(f"Sluppet af teamet {common.fmt_date(p.released_on)}: borgeren klarer jobbet selv.")
    for w in view.warnings:
        WARNING_STYLE[w.level](w.message)
    with st.expander("Forventningsafstemning", key=f"{keys.AGREEMENT_OPEN}_{p.placement_id}", on_change="rerun"):
        agreement(actor, p)
    tab_log, tab_time, tab_hours, tab_end = st.tabs(
        PLACEMENT_TABS, key=f"{keys.PLACEMENT_TABS}_{p.placement_id}", on_change="rerun"
    )
    with tab_hours:
        hours_chart(view)
    with tab_time:
        timeline(actor, p.placement_id)
    with tab_log:
        if p.status == "active":
            followup_form(actor, p, [f for f in view.followups if f.is_open])
        else:
            ended_note(actor, p)
    with tab_end:
        if p.status == "active":
            end_form(actor, p)
        else:
            st.caption("Forløbet er afsluttet.")
        feedback.show_saved(keys.PLACEMENT_SAVED)


def ended_note(actor: Staff, p: Placement) -> None:
    reason = vocab.END_REASONS.get(p.end_reason or "", "")
    st.info(f"Forløbet er afsluttet {common.fmt_date(p.end_date)}: {reason}. {p.end_note}")
    st.caption("Borgeren står igen på matchlisten, med det lærte tilføjet til profilen.")
    if st.button("Find nye job til borgeren", key=keys.of(p, "next")):
        state.hand_over(state.OpenCitizen(p.citizen_id, actor.staff_id))
        st.switch_page("oto_match/ui/pages/citizens.py")
