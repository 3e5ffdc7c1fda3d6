"""Jobåbninger & match: job intake, the ranking with reasons, and the team's joint decision."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.ui import common
from oto_match.ui.jobs import candidates, card, decision, intake, keys, meeting, table

st.title("Jobåbninger & match")
actor = common.require_actor()
if intake.take_handoff():
    st.session_state[keys.TAB] = intake.NEW_TAB
tab_jobs, tab_new = st.tabs([intake.JOBS_TAB, intake.NEW_TAB], key=keys.TAB, on_change="rerun")
with tab_new:
    intake.new_job_form(actor)
intake.handoff_hint()
with tab_jobs:
    show_all = st.toggle("Vis også besatte og lukkede", value=False)
    chosen = table.job_list(show_all)
    if chosen is None:
        st.stop()
    job = chosen.job
    table.back_to_list()
    card.job_card(job, chosen.employer_name)
    with st.expander("Ret jobåbningen"):
        intake.change_job_form(actor, job)
    mine_only = st.toggle(f"Kun borgere i mit team ({vocab.team_name(actor.team_id)})", value=True)
    ranking = meeting.current_ranking(actor, job, mine_only, refresh=st.button("Opdatér rangering"))
    if ranking:
        meet, decide, listed = st.tabs(
            ["Teammøde: rangering", "Teamets beslutning", "Kandidatliste"], key=keys.of(keys.JOB_TAB, job.job_id),
            on_change="rerun",
        )  # fmt: skip
        with meet:
            meeting.meeting_view(ranking, actor)
        with decide:
            decision.decision_form(ranking, actor)
        with listed:
            candidates.candidate_list(job.job_id, actor)
