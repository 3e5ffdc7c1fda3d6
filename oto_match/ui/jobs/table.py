"""The jobs table: every job opening (deadline passed in red) and the labels to choose one by."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import JobOpening
from oto_match.services import employers as employer_service
from oto_match.ui import common

NOT_ASSESSED = "ikke vurderet"


def employer_names() -> dict[str, str]:
    return common.unique_labels(dict(employer_service.employer_names(common.db())))


def hours_range(job: JobOpening) -> str:
    return f"{common.fmt_number(job.hours_min_week, '?')}–{common.fmt_number(job.hours_max_week, '?')}"


def strains_summary(job: JobOpening) -> str:
    """The job's strains in words: 'ikke vurderet' when nobody has assessed them yet (not the same as none)."""
    if not job.strains_assessed and not job.strains:
        return NOT_ASSESSED
    return vocab.strain_labels(job.strains) or "ingen"


def job_labels(jobs: list[JobOpening], names: dict[str, str]) -> dict[str, str]:
    """'Title — Employer (status)' per job id, each distinct."""
    return common.unique_labels(
        {
            j.job_id: f"{j.title} — {names.get(j.employer_id, j.employer_id)} ({vocab.JOB_STATUSES[j.status]})"
            for j in jobs
        }
    )


def jobs_overview(jobs: list[JobOpening], names: dict[str, str]) -> None:
    """The job openings as a table (deadline passed in red), so the team sees what is waiting for a match."""
    today = common.today()
    rows = [
        {
            "Job": j.title,
            "Virksomhed": names.get(j.employer_id, j.employer_id),
            "Type": vocab.JOB_TYPES[j.job_type],
            "Timer/uge": hours_range(j),
            "Arbejdstider": j.schedule or "aftales",
            "Belastninger": strains_summary(j),
            "Stillinger": j.positions,
            "Start": common.fmt_date(j.start_date),
            "Svarfrist": common.fmt_date(j.deadline),
            "Status": vocab.JOB_STATUSES[j.status],
        }
        for j in jobs
    ]
    overdue = [j.deadline_passed(today) for j in jobs]
    st.caption(f"{len(jobs)} jobåbning(er). Vælg en herunder for at se teamets rangering. Rød: svarfrist overskredet.")
    st.dataframe(common.red_rows(pd.DataFrame(rows), overdue), hide_index=True, width="stretch")
