"""The job card: what the job is, at a glance."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import JobOpening
from oto_match.ui import common
from oto_match.ui.jobs.table import NOT_ASSESSED, hours_range, strains_summary


def job_card(job: JobOpening, employer_name: str) -> None:
    removable = vocab.strain_labels(job.removable_strains)
    positions = f"{job.positions} {common.plural(job.positions, 'stilling', 'stillinger')}"
    with st.container(border=True):
        st.markdown(f"### {job.title} — {employer_name}")
        st.markdown(
            f"**{vocab.JOB_TYPES[job.job_type]}** · {hours_range(job)} t/uge · "
            f"arbejdstider: {job.schedule or 'aftales'} · "
            f"{positions} · start {common.fmt_date(job.start_date)} · "
            f"svarfrist {common.fmt_date(job.deadline)}"
        )
        st.markdown(
            f"{_strains(job)}{' (kan fjernes: ' + removable + ')' if removable else ''}"
            f" · dansk: {vocab.DANISH_LEVELS[job.danish_level_required]}"
            f"{' · kørekort kræves' if job.driving_required else ''}"
        )
        if job.description:
            st.caption(job.description)


def _strains(job: JobOpening) -> str:
    """'Belastninger: …', or the warning (orange) that nobody has assessed them: unknown is not none."""
    summary = strains_summary(job)
    if summary == NOT_ASSESSED:
        return f":orange-badge[:material/warning: Belastninger {NOT_ASSESSED}]"
    return f"Belastninger: {summary}" if job.strains else "Ingen belastninger"
