"""Stamdata: an employer's master data form, shared with 'Ny virksomhed', and pausing the relationship.

The form shows the record as it was when the form was opened (a snapshot kept in the session) and
saves against that version: a colleague's later save is never overwritten (the save is refused with
a message saying who and when, and the form keeps what was typed). After a save on this page the
snapshot is dropped, so the form shows the record as it is now.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from oto_match.domain import Employer, Staff
from oto_match.employer_inputs import SIZE_BANDS, EmployerChange, PauseChange
from oto_match.services import employers as employer_service
from oto_match.ui import common, state

OPENED = "employers.opened_record"  # employer id -> the Employer as its Stamdata form was opened
FLASH = "employers.master_data"
PAUSE_FLASH = "employers.pause"


def opened(current: Employer) -> Employer:
    """The employer as the form was opened (the current record, the first time it is shown)."""
    snapshots = st.session_state.get(OPENED, {})
    if current.employer_id not in snapshots:
        snapshots = {current.employer_id: current}  # one employer is open at a time
        st.session_state[OPENED] = snapshots
    return snapshots[current.employer_id]


def forget_opened(employer_id: str) -> None:
    """After a save on this page: the form reopens on the record as it is now."""
    st.session_state.get(OPENED, {}).pop(employer_id, None)


def master_data_inputs(prefix: str, e: Employer | None) -> EmployerChange:
    """The master data widgets, as an EmployerChange (id and version are the caller's)."""
    c1, c2 = st.columns(2)
    name = c1.text_input("Navn *", e.name if e else "", key=f"{prefix}_name")
    postcode = c2.text_input("Postnummer *", e.postcode if e else "", key=f"{prefix}_postcode")
    address = c1.text_input("Adresse", e.address if e else "", key=f"{prefix}_address")
    industry = c2.text_input("Branche", e.industry if e else "", key=f"{prefix}_industry")
    cvr = c1.text_input("CVR (8 cifre)", (e.cvr or "") if e else "", key=f"{prefix}_cvr")
    pnumber = c2.text_input("P-nummer (10 cifre)", (e.pnumber or "") if e else "", key=f"{prefix}_pnumber")
    chosen = common.strain_select(
        "Belastninger arbejdspladsen kan fjerne", e.accommodations if e else (), key=f"{prefix}_acc"
    )
    note = st.text_input(
        "Andre tilpasninger (fx hæve-sænkebord)", e.adaptations_note if e else "", key=f"{prefix}_note"
    )
    c3, c4 = st.columns(2)
    bands = ["", *SIZE_BANDS]
    size = c3.selectbox(
        "Størrelse (ansatte)", bands, index=bands.index(e.size_band) if e and e.size_band in bands else 0,
        format_func=lambda b: b or "ikke oplyst", key=f"{prefix}_size",
    )  # fmt: skip
    social = c4.checkbox("Socialøkonomisk virksomhed", e.social_economy if e else False, key=f"{prefix}_social")
    return EmployerChange(
        name=name, postcode=postcode, cvr=cvr, pnumber=pnumber, address=address, industry=industry,
        accommodations=tuple(chosen), adaptations_note=note, size_band=size, social_economy=social,
    )  # fmt: skip


def edit_form(actor: Staff, current: Employer, staff: list[Staff]) -> None:
    e = opened(current)
    prefix = f"stamdata_{e.employer_id}_v{e.version}"
    if e.version != current.version:
        st.info("Virksomheden er gemt af en anden, efter du åbnede formularen (se ovenfor).")
        if st.button("Vis den gemte version (dine indtastninger forkastes)", key=f"{prefix}_reload"):
            forget_opened(e.employer_id)
            st.rerun()
    with st.form(prefix, enter_to_submit=False):
        change = master_data_inputs(prefix, e)
        names = {s.staff_id: s.name for s in staff}
        owners = ["", *names]
        owner = st.selectbox(
            "Ejer", owners, index=owners.index(e.owner_staff_id) if e.owner_staff_id in owners else 0,
            format_func=lambda i: names.get(i, "ingen"), key=f"{prefix}_owner",
        )  # fmt: skip
        submitted = st.form_submit_button("Gem stamdata")
    state.show_flash(FLASH)  # below the form, where the user acted
    if not submitted:
        return
    change = replace(change, employer_id=e.employer_id, version=e.version, owner_staff_id=owner or None)
    if common.attempt_form(lambda: employer_service.save_employer(common.db(), actor, change)):
        forget_opened(e.employer_id)
        state.flash(FLASH, "Stamdata er gemt.")
        st.rerun()


def pause_controls(actor: Staff, e: Employer) -> None:
    if e.paused:
        resume = st.button("Genoptag samarbejdet", key=f"resume_{e.employer_id}")
        state.show_flash(PAUSE_FLASH)
        if resume:
            pause(actor, PauseChange(e.employer_id, False, version=e.version), "Samarbejdet er genoptaget.")
        return
    reason = st.text_input("Årsag til pause", key=f"pause_reason_{e.employer_id}")
    paused = st.button("Sæt samarbejdet på pause", key=f"pause_{e.employer_id}")
    state.show_flash(PAUSE_FLASH)
    if paused:
        pause(actor, PauseChange(e.employer_id, True, reason, version=e.version), "Samarbejdet er sat på pause.")


def pause(actor: Staff, change: PauseChange, done: str) -> None:
    if common.attempt_form(lambda: employer_service.set_paused(common.db(), actor, change)):
        forget_opened(change.employer_id)
        state.flash(PAUSE_FLASH, done)
        st.rerun()
