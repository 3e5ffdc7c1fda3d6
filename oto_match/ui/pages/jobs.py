"""Jobåbninger & match: job intake, the ranking with reasons, and the team's joint decision."""

from __future__ import annotations

import streamlit as st

from oto_match.services import citizens as citizen_service
from oto_match.services import jobs as job_service
from oto_match.services import matching as match_service
from oto_match.ui import common
from oto_match.ui import job_views as views

st.title("Jobåbninger & match")
actor = common.require_actor()
names = views.employer_names()
tab_jobs, tab_new = st.tabs(["Jobåbninger", "Ny jobåbning"])
with tab_new:
    views.job_form(actor, names, st.session_state.get("job_form_employer"))
if st.session_state.get("job_form_employer"):
    st.info("Udfyld jobåbningen under fanen 'Ny jobåbning' (virksomheden er valgt).")
with tab_jobs:
    show_all = st.toggle("Vis også besatte og lukkede", value=False)
    jobs = common.attempt(lambda: job_service.list_jobs(common.db(), None if show_all else "open")) or []
    if not jobs:
        st.info("Der er ingen åbne jobåbninger. Opret en under 'Ny jobåbning' eller fra en virksomhed.")
        st.stop()
    labels = views.jobs_table(jobs, names)
    if not st.session_state.get("selected_job"):
        views.jobs_overview(jobs, names)
    job_id = st.selectbox(
        "Jobåbning",
        list(labels),
        format_func=lambda i: labels[i],
        key="selected_job",
        index=None,
        placeholder="Vælg en jobåbning",
    )
    if not job_id:
        st.stop()
    job = next(j for j in jobs if j.job_id == job_id)
    views.job_card(job, names.get(job.employer_id, job.employer_id))
    mine_only = st.toggle(f"Kun borgere i mit team ({actor.team_id.capitalize()})", value=True)
    key = ("ranking", job_id, mine_only)
    if st.session_state.get("ranking_key") != key or st.button("Opdatér rangering"):
        st.session_state["ranking"] = common.attempt(
            lambda: match_service.rank_job(common.db(), actor, job_id, actor.team_id if mine_only else None)
        )
        st.session_state["ranking_key"] = key
    ranking = st.session_state.get("ranking")
    message = st.session_state.pop("move_message", None)
    if message and message[0]:
        st.warning(message[0])
    if message and message[1]:
        st.success("Borgeren fik jobbet. Opret forløbet under Fastholdelse, så opfølgningen starter.")
        st.session_state["placement_from_candidate"] = (job_id, message[2])
    if ranking:
        meet, decide, candidates = st.tabs(["Teammøde: rangering", "Teamets beslutning", "Kandidatliste"])
        with meet:
            views.meeting_view(ranking, actor)
        with decide:
            views.decision_form(ranking, actor)
        with candidates:
            people = {c.citizen.citizen_id: c.citizen.name for c in ranking.candidates}
            if not mine_only or len(people) < 2:
                people |= {c.citizen_id: c.name for c in citizen_service.list_citizens(common.db(), actor)}
            views.candidate_list(job_id, actor, people)
