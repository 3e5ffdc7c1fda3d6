"""The jobs list: a search, one page of job openings (deadline passed in red), and the job to open.

At national scale the database filters, counts and pages the jobs (services/jobs.job_page); the picker offers
the jobs of the page shown, and the job chosen before stays on offer."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import JobOpening
from oto_match.services import jobs as job_service
from oto_match.services.paging import Page
from oto_match.storage.jobs import JobLine
from oto_match.ui import common, downloads
from oto_match.ui.jobs import keys
from oto_match.ui.lists import clickable_table, page_number, page_picker, thousands

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
    clicked = jobs_overview(page) if chosen is None else None
    if chosen is None:
        downloads.jobs(status, search)
    if clicked:
        st.session_state[keys.SELECTED_JOB] = clicked
        st.rerun()  # the job opens in place of the table
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
    """'Title — Employer (status)' per job; two that read the same told apart by their dates, never by id."""
    labels = common.unique_labels(
        {x.job.job_id: f"{x.job.title} — {x.employer_name} ({vocab.JOB_STATUSES[x.job.status]})" for x in lines},
        {x.job.job_id: _dates(x.job) for x in lines},
    )
    return st.selectbox(
        "Jobåbning", list(labels), format_func=lambda i: labels[i], key=keys.SELECTED_JOB, index=None,
        placeholder="Vælg en jobåbning (søg eller bladr for andre)",
    )  # fmt: skip


def _dates(job: JobOpening) -> str:
    """What tells two jobs with the same title at the same employer apart: their start and deadline."""
    return ", ".join(f"{what} {common.fmt_date(d)}" for what, d in (("start", job.start_date),
                                                                      ("svarfrist", job.deadline)) if d)  # fmt: skip


def back_to_list() -> None:
    """'Tilbage til listen': the chosen job is closed, the table of jobs shows again."""
    st.button("Tilbage til listen", icon=":material/arrow_back:", key="jobs.back",
              on_click=lambda: st.session_state.update({keys.SELECTED_JOB: None}))  # fmt: skip


def jobs_overview(page: Page[JobLine]) -> str | None:
    """One page of job openings as a table narrow enough for 1366 px (deadline passed in red, with the word);
    a row clicked opens its job (its id, else None)."""
    if not page.rows:
        st.info("Ingen jobåbninger passer til søgningen.")
        return None
    today = common.today()
    overdue = [x.job.deadline_passed(today) for x in page.rows]
    rows = [
        {
            "Job": x.job.title,
            "Virksomhed": x.employer_name,
            "Type": vocab.JOB_TYPES[x.job.job_type],
            "Timer/uge": hours_range(x.job),
            "Belastninger": strains_summary(x.job),
            "Svarfrist": common.fmt_date(x.job.deadline) + (" · overskredet" if late else ""),
            "Status": vocab.JOB_STATUSES[x.job.status],
        }
        for x, late in zip(page.rows, overdue, strict=True)
    ]
    # pixel widths that fit the 1366 px screen beside the sidebar
    widths: dict[str, Any] = {"Job": 190, "Virksomhed": 150, "Type": 100, "Timer/uge": 70, "Belastninger": 130,
                              "Svarfrist": 150, "Status": 55}  # fmt: skip
    config = {name: st.column_config.Column(width=w) for name, w in widths.items()}
    found = f"{thousands(page.matching)} {common.plural(page.matching, 'jobåbning', 'jobåbninger')}"
    st.caption(f"{found}. Klik på en række for at se teamets rangering. "
               "Rød: svarfrist overskredet.")  # fmt: skip
    frame = common.red_rows(pd.DataFrame(rows), overdue)
    clicked = clickable_table(frame, [x.job.job_id for x in page.rows], keys.JOBS_TABLE, column_config=config)
    page_picker(keys.JOBS_PAGE, page.page, page.pages, page.size, page.matching, "jobåbninger")
    return clicked
