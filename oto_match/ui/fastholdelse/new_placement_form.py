"""Nyt forløb: a citizen starts at an employer, with the agreement (forventningsafstemning).

Opened with citizen and job chosen when a candidate got the job (the PlacementFromCandidate hand-off).
The service derives what is left out (employer from the job, planned end, makkerpar)."""

from __future__ import annotations

import streamlit as st

from oto_match import schemes, vocab
from oto_match.domain import Placement, Staff, new_id
from oto_match.placement_inputs import NewPlacement
from oto_match.services import placements as placement_service
from oto_match.ui import common, feedback, state
from oto_match.ui.dates import EARLIEST, LATEST
from oto_match.ui.fastholdelse import keys, pickers
from oto_match.ui.jobs.intake import employer_options

DEFAULT_BENEFIT_GROUP = "other"


def _pending_id() -> str:
    """The id the open form creates: a form sent twice creates one placement (the second is refused)."""
    if keys.NEW_PLACEMENT_ID not in st.session_state:
        st.session_state[keys.NEW_PLACEMENT_ID] = new_id("P")
    return str(st.session_state[keys.NEW_PLACEMENT_ID])


def _created(created: Placement) -> None:
    """A fresh form for the next placement; the hand-off from the jobs page is used up."""
    st.session_state.pop(keys.NEW_PLACEMENT_ID, None)
    st.session_state[keys.NEW_PLACEMENT_FORM] = st.session_state.get(keys.NEW_PLACEMENT_FORM, 0) + 1
    state.take(state.PlacementFromCandidate)
    limit = schemes.scheme_limit(created.placement_type, created.benefit_group)
    end = f"Planlagt slut: {common.fmt_date(created.planned_end_date)}" if created.planned_end_date \
        else "Ingen planlagt slut"  # fmt: skip
    end += f" ({limit.label})." if limit else "."
    feedback.saved(keys.PAGE, f"Forløbet er oprettet med opfølgningsplan. {end}")
    st.session_state[keys.CREATED_PLACEMENT] = created.placement_id
    st.rerun()


def open_created() -> None:
    """'Åbn forløbet': the placement just created opens under 'Forløb' (a callback: it runs before the tabs)."""
    st.session_state[keys.SELECTED_PLACEMENT] = st.session_state.pop(keys.CREATED_PLACEMENT, None)
    st.session_state[keys.PAGE_TABS] = "Forløb"


def confirmation() -> None:
    """Below the button: what was created, and the way to it."""
    if st.session_state.get(f"flash_{keys.PAGE}"):
        feedback.show_saved(keys.PAGE)
        if st.session_state.get(keys.CREATED_PLACEMENT):
            st.button("Åbn forløbet", on_click=open_created, key=f"{keys.CREATED_PLACEMENT}_open")


def new_placement_form(actor: Staff) -> None:
    preset = state.peek(state.PlacementFromCandidate)
    preset_job, preset_citizen = (preset.job_id, preset.citizen_id) if preset else (None, None)
    s1, s2, s3 = st.columns(3)  # searches narrow each picker to at most ~100 choices
    names = pickers.citizen_options(actor, s1, preset_citizen)
    jobs = pickers.job_options(s2, preset_job)
    preset_employer = jobs[preset_job].job.employer_id if preset_job in jobs else None
    employers = employer_options(keys.NEW_PLACEMENT_SEARCH, preset_employer, s3)
    citizen_ids, job_ids, employer_ids = list(names), [None, *jobs], list(employers)
    with st.form(f"{keys.NEW_PLACEMENT_FORM}_{st.session_state.get(keys.NEW_PLACEMENT_FORM, 0)}"):
        c1, c2 = st.columns(2)
        citizen_id = c1.selectbox(
            "Borger *", citizen_ids, format_func=common.label_of(names), placeholder="Vælg borger",
            index=citizen_ids.index(preset_citizen) if preset_citizen in citizen_ids else None,
        )  # fmt: skip
        job_id = c2.selectbox(
            "Jobåbning (valgfri)", job_ids, index=job_ids.index(preset_job) if preset_job in jobs else 0,
            format_func=lambda j: "–" if j is None else f"{jobs[j].job.title} ({jobs[j].employer_name})",
        )  # fmt: skip
        employer_id = st.selectbox(
            "Virksomhed * (tom = jobåbningens)", employer_ids, format_func=common.label_of(employers),
            placeholder="Vælg virksomhed",
            index=employer_ids.index(preset_employer) if preset_employer in employer_ids else None,
        )  # fmt: skip
        c3, c4, c5 = st.columns(3)
        ptype = c3.selectbox("Type", list(vocab.JOB_TYPES), format_func=common.label_of(vocab.JOB_TYPES))
        group = c4.selectbox("Ydelsesgruppe", list(vocab.BENEFIT_GROUPS), format_func=common.label_of(
            vocab.BENEFIT_GROUPS), index=list(vocab.BENEFIT_GROUPS).index(DEFAULT_BENEFIT_GROUP))  # fmt: skip
        hours = common.hours_input("Aftalte timer/uge *", where=c5)
        c6, c7, c8 = st.columns(3)
        start = c6.date_input("Start *", common.today(), EARLIEST, LATEST, format="DD-MM-YYYY")
        planned_end = c7.date_input("Planlagt slut (tom = ordningens normale længde)", None, EARLIEST, LATEST,
                                    format="DD-MM-YYYY")  # fmt: skip
        mentor = c8.date_input("Mentorstøtte fra (valgfri)", None, EARLIEST, LATEST, format="DD-MM-YYYY")
        schedule = st.text_input("Arbejdstider", placeholder="man,ons 09:00-12:00")
        st.markdown("**Forventningsafstemning**")
        c9, c10 = st.columns(2)
        employer_expects = c9.text_area("Virksomheden forventer", height=68)
        citizen_expects = c10.text_area("Borgeren forventer", height=68)
        success_employer = c9.text_input("Succeskriterier for virksomheden")
        success_citizen = c10.text_input("Succeskriterier for borgeren")
        agreed = common.strain_select("Aftalte skånehensyn")
        adaptations = st.text_input("Aftalte tilpasninger (fx hæve-sænkebord)")
        path = st.text_input("Hvad skal der til for at gå fra praktik til løntimer?")
        c11, c12 = st.columns(2)
        citizen_ok = c11.checkbox("Borgeren har accepteret aftalen")
        employer_ok = c12.checkbox("Virksomheden har accepteret aftalen")
        submitted = st.form_submit_button("Opret forløb", type="primary")
    confirmation()
    if not submitted:
        return
    item = NewPlacement(
        citizen_id or "", employer_id, ptype, start, hours, job_id=job_id, planned_end_date=planned_end,
        schedule=schedule, benefit_group=group, employer_expects=employer_expects, citizen_expects=citizen_expects,
        success_employer=success_employer, success_citizen=success_citizen, adaptations_note=adaptations,
        path_to_paid=path, agreed_strains=tuple(agreed), citizen_accepted=citizen_ok, employer_accepted=employer_ok,
        mentor_start=mentor, placement_id=_pending_id(),
    )  # fmt: skip
    created = common.attempt(lambda: placement_service.create_placement(common.db(), actor, item))
    if created:
        _created(created)
