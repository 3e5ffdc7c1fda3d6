"""Jobåbninger & match: job intake, the ranking with reasons, and the team's joint decision."""

from __future__ import annotations

import streamlit as st

from oto_match.services import jobs as job_service
from oto_match.ui import common
from oto_match.ui.jobs import candidates, card, decision, intake, keys, meeting, table

st.title("Jobåbninger & match")
actor = common.require_actor()
names = table.employer_names()
handed_over = intake.take_handoff(names)
tab_jobs, tab_new = st.tabs(["Jobåbninger", "Ny jobåbning"], default="Ny jobåbning" if handed_over else None)
with tab_new:
    intake.new_job_form(actor, names)
intake.handoff_hint(names)
with tab_jobs:
    show_all = st.toggle("Vis også besatte og lukkede", value=False)
    jobs = common.attempt(lambda: job_service.list_jobs(common.db(), None if show_all else "open")) or []
    if not jobs:
        st.info("Der er ingen åbne jobåbninger. Opret en under 'Ny jobåbning' eller fra en virksomhed.")
        st.stop()
    labels = table.job_labels(jobs, names)
    if st.session_state.get(keys.SELECTED_JOB) not in labels:
        st.session_state.pop(keys.SELECTED_JOB, None)  # e.g. a job just marked filled while only open ones show
        table.jobs_overview(jobs, names)
    job_id = st.selectbox(
        "Jobåbning",
        list(labels),
        format_func=lambda i: labels[i],
        key=keys.SELECTED_JOB,
        index=None,
        placeholder="Vælg en jobåbning",
    )
    job = next((j for j in jobs if j.job_id == job_id), None)
    if job is None:
        st.stop()
    card.job_card(job, names.get(job.employer_id, job.employer_id))
    with st.expander("Ret jobåbningen"):
        intake.change_job_form(actor, names, job)
    mine_only = st.toggle(f"Kun borgere i mit team ({actor.team_id.capitalize()})", value=True)
    ranking = meeting.current_ranking(actor, job, mine_only, refresh=st.button("Opdatér rangering"))
    if ranking:
        meet, decide, listed = st.tabs(["Teammøde: rangering", "Teamets beslutning", "Kandidatliste"])
        with meet:
            meeting.meeting_view(ranking, actor)
        with decide:
            decision.decision_form(ranking, actor)
        with listed:
            candidates.candidate_list(job.job_id, actor)
