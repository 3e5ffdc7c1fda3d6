"""Widgets of the Virksomheder page: the register, the employer view and the quick visit form."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from oto_match import stages, vocab
from oto_match.domain import ContactPerson, Staff, Visit
from oto_match.services import employers as employer_service
from oto_match.services import staff as staff_service
from oto_match.services import visits as visit_service
from oto_match.services.employers import EmployerFilter, EmployerRow
from oto_match.ui import common

SELECTED = "selected_employer"


def register_table(rows: list[EmployerRow]) -> None:
    if not rows:
        st.info("Ingen virksomheder passer til filtrene. Ryd et filter, eller opret en ny virksomhed.")
        return
    frame = pd.DataFrame(
        {
            "Virksomhed": [r.employer.name for r in rows],
            "Postnr.": [r.employer.postcode for r in rows],
            "Branche": [r.employer.industry for r in rows],
            "Fase": [vocab.EMPLOYER_STAGES[r.stage] + (" ⚠" if r.skipped_workplace_visit else "") for r in rows],
            "Sidste kontakt": [common.fmt_date(r.last_contact) + (" · kold" if r.cold else "") for r in rows],
            "Næste skridt": [common.fmt_date(r.next_step_date) + (" · overskredet" if r.overdue else "") for r in rows],
            "Ejer": [f"{r.owner_name} ({r.owner_team})" if r.owner_name else "–" for r in rows],
            "Åbne job": [r.open_jobs for r in rows],
        }
    )
    st.dataframe(common.red_rows(frame, [r.overdue for r in rows]), hide_index=True, width="stretch")


def filters(rows: list[EmployerRow], staff: list[Staff]) -> EmployerFilter:
    c1, c2, c3 = st.columns(3)
    search = c1.text_input("Søg (navn, adresse, CVR, P-nr.)")
    chosen_stages = c2.multiselect(
        "Fase", list(vocab.EMPLOYER_STAGES), format_func=common.label_of(vocab.EMPLOYER_STAGES), placeholder="Vælg"
    )
    owners = c3.multiselect(
        "Ejer",
        [s.staff_id for s in staff],
        format_func=lambda i: next(s.name for s in staff if s.staff_id == i),
        placeholder="Vælg",
    )
    c4, c5, c6, c7 = st.columns(4)
    industries = c4.multiselect(
        "Branche", sorted({r.employer.industry for r in rows if r.employer.industry}), placeholder="Vælg"
    )
    postcodes = c5.multiselect("Postnummer", sorted({r.employer.postcode for r in rows}), placeholder="Vælg")
    days = c6.number_input("Ingen kontakt i mindst N dage", min_value=0, value=0, step=30)
    overdue = c7.checkbox("Kun overskredne næste skridt")
    return EmployerFilter(
        search, tuple(chosen_stages), tuple(industries), tuple(postcodes), tuple(owners), int(days) or None, overdue
    )


def pipeline_board(rows: list[EmployerRow]) -> None:
    board = employer_service.pipeline(rows)
    columns = st.columns(len(board))
    for column, (stage, cards) in zip(columns, board.items(), strict=True):
        column.markdown(f"**{vocab.EMPLOYER_STAGES[stage]}** ({len(cards)})")
        for r in cards[:25]:
            warn = " ⚠ ikke set arbejdspladsen" if r.skipped_workplace_visit else ""
            column.caption(
                f"**{r.employer.name}**{warn}  \nSidst: {common.fmt_date(r.last_contact)}{' (kold)' if r.cold else ''}"
                f"  \nNæste: {r.next_step or '–'} {common.fmt_date(r.next_step_date)}"
            )
        if len(cards) > 25:
            column.caption(f"… og {len(cards) - 25} flere")


def next_steps(rows: list[EmployerRow], actor: Staff) -> None:
    mine = employer_service.my_next_steps(rows, actor.staff_id)
    if not mine:
        st.info("Du har ingen virksomheder med et dateret næste skridt. Log et besøg og sæt et næste skridt.")
        return
    frame = pd.DataFrame(
        {
            "Dato": [common.fmt_date(r.next_step_date) for r in mine],
            "Status": ["overskredet" if r.overdue else "kommende" for r in mine],
            "Virksomhed": [r.employer.name for r in mine],
            "Næste skridt": [r.next_step for r in mine],
            "Fase": [vocab.EMPLOYER_STAGES[r.stage] for r in mine],
            "Kold": ["kold" if r.cold else "" for r in mine],
        }
    )
    st.dataframe(common.red_rows(frame, [r.overdue for r in mine]), hide_index=True, width="stretch")


def visit_form(key: str, employer_options: dict[str, str], actor: Staff, preselected: str | None = None) -> None:
    """The quick form: one screen, sensible defaults (today, me, in person at the workplace)."""
    staff = common.attempt(lambda: staff_service.list_staff(common.db())) or [actor]
    staff_ids = [s.staff_id for s in staff]
    with st.form(key, clear_on_submit=True):
        ids = list(employer_options)
        employer_id = st.selectbox(
            "Virksomhed",
            ids,
            index=ids.index(preselected) if preselected in ids else None,
            format_func=lambda i: employer_options[i],
            placeholder="Vælg virksomhed",
        )
        c1, c2, c3 = st.columns(3)
        when = c1.date_input("Dato", value=common.today(), max_value=common.today(), format="DD-MM-YYYY")
        consultant = c2.selectbox(
            "Konsulent",
            staff_ids,
            index=staff_ids.index(actor.staff_id) if actor.staff_id in staff_ids else 0,
            format_func=lambda i: next(s.name for s in staff if s.staff_id == i),
        )
        form = c3.selectbox("Form", list(vocab.VISIT_FORMS), format_func=common.label_of(vocab.VISIT_FORMS))
        cup = st.radio(
            "Hvilken kop te?",
            [1, 2, 3, 0],
            horizontal=True,
            format_func=lambda c: vocab.CUPS.get(c, "Ingen (anden kontakt)"),
        )
        notes = st.text_area("Noter", height=80)
        tasks = st.text_area("Lært ved 2. kop: konkrete opgaver og vilkår", height=68)
        learned = common.strain_select("Lært ved 2. kop: belastninger arbejdspladsen kan fjerne")
        c4, c5 = st.columns([3, 1])
        next_text = c4.text_input("Næste skridt")
        next_date = c5.date_input("Dato for næste skridt", value=None, format="DD-MM-YYYY")
        if not st.form_submit_button("Gem besøg", type="primary"):
            return
    if not employer_id:
        st.error("Vælg en virksomhed.")
        return
    visit = Visit(
        "",
        employer_id,
        consultant,
        when,
        form,
        cup or None,
        notes.strip(),
        tasks.strip(),
        tuple(learned),
        next_text.strip(),
        next_date,
    )
    logged = common.attempt(lambda: visit_service.log_visit(common.db(), actor, visit, common.today()))
    if logged:
        st.session_state["last_logged_visit"] = logged
        st.rerun()


def after_visit_saved(actor: Staff) -> None:
    """Say what changed; for a cup-2 visit, offer to add the adaptations learned to the record."""
    logged = st.session_state.get("last_logged_visit")
    if not logged:
        return
    before, after = vocab.EMPLOYER_STAGES[logged.stage_before], vocab.EMPLOYER_STAGES[logged.stage_after]
    st.success(f"Besøget er gemt. Fase: {before} → {after}." if before != after else "Besøget er gemt.")
    if logged.offer_adaptations:
        labels = vocab.strain_labels(logged.offer_adaptations)
        st.warning(f"I lærte, at arbejdspladsen kan fjerne: {labels}. Skal det på virksomhedens kort?")
        if st.button("Tilføj til virksomhedens tilpasninger", key="add_adaptations"):
            employer_service.add_accommodations(common.db(), actor, logged.visit.employer_id, logged.offer_adaptations)
            st.session_state.pop("last_logged_visit")
            st.rerun()
    if st.button("OK", key="ack_visit"):
        st.session_state.pop("last_logged_visit")
        st.rerun()


def contact_form(employer_id: str, actor: Staff) -> None:
    with st.form(f"contact_{employer_id}", clear_on_submit=True):
        c1, c2, c3, c4 = st.columns(4)
        name, role = c1.text_input("Navn"), c2.text_input("Rolle")
        phone, email = c3.text_input("Telefon"), c4.text_input("E-mail")
        if st.form_submit_button("Tilføj kontaktperson"):
            contact = ContactPerson("", employer_id, name.strip(), role.strip(), phone.strip(), email.strip())
            if common.attempt(lambda: employer_service.save_contact(common.db(), actor, contact)):
                st.rerun()


def stage_hint(stage: str) -> str:
    return {
        "none": "Næste: 1. kop te — en åben, nysgerrig samtale for at lære virksomheden at kende.",
        "cup1": "Næste: 2. kop te — mød dem på arbejdspladsen og se de konkrete opgaver.",
        "cup2": "Næste: 3. kop te — nu kan I præsentere en eller flere borgere.",
        "cup3": "Borgere er præsenteret. Et forløb gør virksomheden til samarbejdspartner.",
        "partner": "Samarbejdspartner: hold relationen varm og stå på sidelinjen.",
        "paused": "Samarbejdet er sat på pause.",
    }[stage]


def is_cold_text(last: date | None, today: date) -> str:
    return " · kold (ingen kontakt i 90 dage)" if stages.is_cold(last, today) else ""
