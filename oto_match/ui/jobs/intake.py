"""Job intake: the "Ny jobåbning" form and the same form to change a job, building a JobIntake from widgets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from oto_match import vocab
from oto_match.domain import JobOpening, Staff, new_id
from oto_match.services import employers as employer_service
from oto_match.services import jobs as job_service
from oto_match.services.jobs import JobIntake
from oto_match.ui import common, state
from oto_match.ui.jobs import keys
from oto_match.ui.lists import thousands

# Wide bounds, so a typed 1900 or 61 reaches the intake's rules (which say what is wrong) instead of
# being dropped by the widget.
DATE_FLOOR, DATE_CEILING = date(1900, 1, 1), date(9999, 12, 31)
HOURS_CEILING = 168.0
NO_STRAINS = "Ingen belastninger"
JOBS_TAB, NEW_TAB = "Jobåbninger", "Ny jobåbning"
HOURS_FORMAT = "%g"  # 8 reads '8', half hours '37.5'


def take_handoff() -> bool:
    """'Opret jobåbning hos denne virksomhed' on Virksomheder: a fresh form with that employer chosen.

    True when a hand-off was taken on this run (the page then opens on the form's tab)."""
    handoff = state.take(state.JobFromEmployer)
    if handoff and common.attempt(lambda: employer_service.employer_labels(common.db(), [handoff.employer_id])):
        st.session_state[keys.FORM_EMPLOYER] = handoff.employer_id
        st.session_state[keys.NEW_JOB_ID] = new_id("J")
        return True
    return False


def handoff_hint() -> None:
    employer_id = str(st.session_state.get(keys.FORM_EMPLOYER) or "")
    label = common.attempt(lambda: employer_service.employer_labels(common.db(), [employer_id])) if employer_id else {}
    if label and employer_id in label:
        st.info(f"Udfyld jobåbningen under fanen 'Ny jobåbning': {label[employer_id]} er valgt.")


def employer_options(key: str, chosen: str | None, where: DeltaGenerator | None = None) -> dict[str, str]:
    """What a form's employer picker offers: up to CHOICES_MAX employers found by the search above the
    form (name or postcode), and the employer already chosen, so 50,000 names are never listed."""
    where = where or st.container()
    search = where.text_input("Find virksomhed (navn eller postnummer)", key=f"{key}_employer_search")
    found = common.attempt(lambda: employer_service.employer_choices(common.db(), search))
    options, matching = found or ({}, 0)
    if matching > len(options):
        where.caption(f"Viser {len(options)} af {thousands(matching)} virksomheder: skriv mere for at finde andre.")
    if chosen and chosen not in options:
        options = (common.attempt(lambda: employer_service.employer_labels(common.db(), [chosen])) or {}) | options
    return common.unique_labels(options)


def new_job_form(actor: Staff) -> None:
    """A new job; the form's id is made once per form, so sending it twice creates one job."""
    job_id = st.session_state.setdefault(keys.NEW_JOB_ID, new_id("J"))
    key, employer_id = keys.of("new_job", job_id), st.session_state.get(keys.FORM_EMPLOYER)
    intake = _inputs(key, employer_options(key, employer_id), employer_id, None, job_id)
    if st.session_state.pop(keys.JUST_CREATED, None):
        st.button(f"Se jobåbningen og teamets rangering under '{JOBS_TAB}'", icon=":material/arrow_forward:",
                  on_click=lambda: st.session_state.update({keys.TAB: JOBS_TAB}))  # fmt: skip
    state.show_flash(keys.INTAKE_SAVED)  # below the form, where the user acted
    if intake is None:
        return
    saved = common.attempt_form(lambda: job_service.save_job(common.db(), actor, intake))
    if saved:
        st.session_state[keys.NEW_JOB_ID] = new_id("J")  # the next form is a new job
        st.session_state.pop(keys.FORM_EMPLOYER, None)
        st.session_state[keys.SELECTED_JOB] = st.session_state[keys.JUST_CREATED] = saved.job_id
        state.flash(keys.INTAKE_SAVED, f"Jobåbningen '{saved.title}' er gemt og valgt under '{JOBS_TAB}'.")
        st.rerun()


def change_job_form(actor: Staff, current: JobOpening) -> None:
    """Change a job from the version the form was opened on: a change someone saved meanwhile is not
    overwritten, and what the user typed stays in the form until they choose to see the job as it is now."""
    job = opened(current)
    if job.version != current.version and st.button(
        "Vis jobåbningen, som den er nu", key=keys.of("reopen", job.job_id)
    ):
        st.session_state[keys.OPENED_JOBS].pop(job.job_id, None)
        st.rerun()
    key = keys.of("change_job", job.job_id, job.version)
    intake = _inputs(key, employer_options(key, job.employer_id), job.employer_id, job, job.job_id)
    state.show_flash(keys.JOB_CHANGED)  # below the form, where the user acted
    if intake is None:
        return
    saved = common.attempt_form(lambda: job_service.save_job(common.db(), actor, intake))
    if saved:
        st.session_state[keys.OPENED_JOBS].pop(job.job_id, None)  # the form reopens on the job as it is now
        state.flash(keys.JOB_CHANGED, f"Ændringen af '{saved.title}' er gemt.")
        st.rerun()


def opened(current: JobOpening) -> JobOpening:
    """The job as its change form was opened (the stored job, the first time the form is shown)."""
    snapshots: dict[str, JobOpening] = st.session_state.setdefault(keys.OPENED_JOBS, {})
    return snapshots.setdefault(current.job_id, current)


def _inputs(
    key: str, names: dict[str, str], employer_id: str | None, job: JobOpening | None, job_id: str
) -> JobIntake | None:
    """The form (widget keys from `key`, so each form and version has its own); the JobIntake its widgets
    say when it is sent, else None."""
    ids = list(names)
    with st.form(key, enter_to_submit=False):
        chosen = ids.index(employer_id) if employer_id in ids else None
        employer = st.selectbox("Virksomhed *", ids, index=chosen, format_func=lambda i: names[i],
                                placeholder="Vælg virksomhed", key=f"{key}_employer")  # fmt: skip
        values = _the_work(key, job) | _the_terms(key, job)
        if not st.form_submit_button("Gem ændringen" if job else "Gem jobåbning", type="primary"):
            return None
    return JobIntake(job_id=job_id, employer_id=employer or "", version=job.version if job else 0, **values)


def _the_work(key: str, job: JobOpening | None) -> dict[str, Any]:
    """What the job is: title, type, tasks, hours, place, working hours and strains."""
    c1, c2 = st.columns(2)
    title = c1.text_input("Titel *", job.title if job else "", key=f"{key}_title")
    job_type = _select(c2, "Jobtype", vocab.JOB_TYPES, job.job_type if job else None, f"{key}_type")
    description = st.text_area("Beskrivelse (opgaver)", job.description if job else "", height=80,
                               key=f"{key}_description")  # fmt: skip
    c3, c4, c5 = st.columns(3)
    hours_min = c3.number_input("Mindst timer/uge", 0.0, HOURS_CEILING, job.hours_min_week if job else None, 1.0,
                                format=HOURS_FORMAT, key=f"{key}_hours_min")  # fmt: skip
    hours_max = c4.number_input("Højst timer/uge", 0.0, HOURS_CEILING, job.hours_max_week if job else None, 1.0,
                                format=HOURS_FORMAT, key=f"{key}_hours_max")  # fmt: skip
    postcode = c5.text_input("Postnummer (tom = virksomhedens)", (job.postcode or "") if job else "",
                             key=f"{key}_postcode")  # fmt: skip
    schedule = st.text_input(f"{vocab.field_label('schedule')} (tom = aftales)", job.schedule if job else "",
                             placeholder="man-fre 09:00-12:00", key=f"{key}_schedule")  # fmt: skip
    return {"title": title, "job_type": job_type, "description": description, "hours_min_week": hours_min,
            "hours_max_week": hours_max, "postcode": postcode.strip() or None, "schedule": schedule,
            **_strains(key, job)}  # fmt: skip


def _strains(key: str, job: JobOpening | None) -> dict[str, Any]:
    """The job's strains, or a tick in 'Ingen belastninger': the consultant must say which (JobIntake's rule)."""
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    with c1:
        strains = common.strain_select("Belastninger i arbejdet *", job.strains if job else (), key=f"{key}_strains")
    none = c2.checkbox(NO_STRAINS, bool(job and job.strains_assessed and not job.strains), key=f"{key}_no_strains",
                       help="Sæt hak, når jobbets belastninger er vurderet, og der ingen er.")  # fmt: skip
    removable = common.strain_select("… som jobbet kan fjerne", job.removable_strains if job else (),
                                     key=f"{key}_removable")  # fmt: skip
    return {"strains": tuple(strains), "strains_assessed": none or bool(strains), "no_strains": none,
            "removable_strains": tuple(removable)}  # fmt: skip


def _the_terms(key: str, job: JobOpening | None) -> dict[str, Any]:
    """What the job asks and when: Danish, licence, positions, status, start and answer deadline."""
    c6, c7, c8, c9 = st.columns(4)
    danish = _select(c6, "Krav til dansk", vocab.DANISH_LEVELS, job.danish_level_required if job else None,
                     f"{key}_danish")  # fmt: skip
    driving = c7.checkbox("Kørekort kræves", job.driving_required if job else False, key=f"{key}_driving")
    positions = c8.number_input("Antal stillinger", min_value=1, value=job.positions if job else 1, step=1,
                                key=f"{key}_positions")  # fmt: skip
    status = _select(c9, "Status", vocab.JOB_STATUSES, job.status if job else None, f"{key}_status")
    c10, c11 = st.columns(2)
    start = c10.date_input("Startdato", job.start_date if job else None, DATE_FLOOR, DATE_CEILING,
                           format="DD-MM-YYYY", key=f"{key}_start")  # fmt: skip
    deadline = c11.date_input("Svarfrist", job.deadline if job else None, DATE_FLOOR, DATE_CEILING,
                              format="DD-MM-YYYY", key=f"{key}_deadline")  # fmt: skip
    return {"danish_level_required": danish, "driving_required": driving, "positions": int(positions),
            "status": status, "start_date": _day(start), "deadline": _day(deadline)}  # fmt: skip


def _select(column: DeltaGenerator, label: str, table: Mapping[Any, str], current: Any, key: str) -> Any:
    """A selectbox of codes shown by their Danish labels, on `current` (else the first)."""
    options = list(table)
    index = options.index(current) if current in options else 0
    return column.selectbox(label, options, index=index, format_func=common.label_of(dict(table)), key=key)


def _day(value: object) -> date | None:
    """A date input's value: one date, or none."""
    return value if isinstance(value, date) else None
