"""The jobs list: a search, one page of job openings (deadline passed in red), and the job to open.

At national scale the database filters, counts and pages the jobs (services/jobs.job_page); the picker offers
the jobs of the page shown, and the job chosen before stays on offer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import JobOpening
from oto_match.services import jobs as job_service
from oto_match.services.paging import Page
from oto_match.storage.jobs import JobLine
from oto_match.ui import common
from oto_match.ui.jobs import keys
from oto_match.ui.lists import page_number, page_picker, thousands

NOT_ASSESSED = "ikke vurderet"


def hours_range(job: JobOpening) -> str:
    return f"{common.fmt_number(job.hours_min_week, '?')}–{common.fmt_number(job.hours_max_week, '?')}"


def strains_summary(job: JobOpening) -> str:
    """The job's strains in words: 'ikke vurderet' when nobody has assessed them yet (not the same as none)."""
    if not job.strains_assessed and not job.strains:
        return NOT_ASSESSED
    return vocab.strain_labels(job.strains) or "ingen"


def job_list(show_all: bool) -> JobLine | None:
    """The search, the page of jobs it finds (while none is chosen), and the job chosen (or None)."""
    status = None if show_all else "open"
    search = st.text_input("Søg jobåbning (titel eller virksomhed)", key=keys.JOB_SEARCH)
    page = common.attempt(lambda: job_service.job_page(common.db(), status, search, page_number(keys.JOBS_PAGE)))
    if page is None:
        return None
    chosen = _chosen(status)
    if not page.matching and not search.strip() and chosen is None:
        st.info("Der er ingen åbne jobåbninger. Opret en under 'Ny jobåbning' eller fra en virksomhed.")
        return None
    if chosen is None:
        jobs_overview(page)
    job_id = job_picker([*([chosen] if chosen else []), *page.rows])
    if chosen is not None and job_id == chosen.job.job_id:
        return chosen
    return common.attempt(lambda: job_service.job_line(common.db(), job_id)) if job_id else None


def _chosen(status: str | None) -> JobLine | None:
    """The job chosen before, as it is now; forgotten when it is gone or the list no longer shows its status
    (e.g. a job just marked filled while only open ones show)."""
    job_id = st.session_state.get(keys.SELECTED_JOB)
    line = common.attempt(lambda: job_service.job_line(common.db(), job_id)) if job_id else None
    if job_id and (line is None or (status is not None and line.job.status != status)):
        st.session_state.pop(keys.SELECTED_JOB, None)
        return None
    return line


def job_picker(lines: list[JobLine]) -> str | None:
    """'Title — Employer (status)' per job, each distinct."""
    labels = common.unique_labels(
        {x.job.job_id: f"{x.job.title} — {x.employer_name} ({vocab.JOB_STATUSES[x.job.status]})" for x in lines}
    )
    return st.selectbox(
        "Jobåbning", list(labels), format_func=lambda i: labels[i], key=keys.SELECTED_JOB, index=None,
        placeholder="Vælg en jobåbning (søg eller bladr for andre)",
    )  # fmt: skip


def jobs_overview(page: Page[JobLine]) -> None:
    """One page of job openings as a table (deadline passed in red), so the team sees what is waiting."""
    if not page.rows:
        st.info("Ingen jobåbninger passer til søgningen.")
        return
    today = common.today()
    rows = [
        {
            "Job": x.job.title,
            "Virksomhed": x.employer_name,
            "Type": vocab.JOB_TYPES[x.job.job_type],
            "Timer/uge": hours_range(x.job),
            "Arbejdstider": x.job.schedule or "aftales",
            "Belastninger": strains_summary(x.job),
            "Stillinger": x.job.positions,
            "Start": common.fmt_date(x.job.start_date),
            "Svarfrist": common.fmt_date(x.job.deadline),
            "Status": vocab.JOB_STATUSES[x.job.status],
        }
        for x in page.rows
    ]
    overdue = [x.job.deadline_passed(today) for x in page.rows]
    st.caption(f"{thousands(page.matching)} jobåbning(er). Vælg en herunder for at se teamets rangering. "
               "Rød: svarfrist overskredet.")  # fmt: skip
    st.dataframe(common.red_rows(pd.DataFrame(rows), overdue), hide_index=True, width="stretch")
    page_picker(keys.JOBS_PAGE, page.page, page.pages, page.size, page.matching, "jobåbninger")
