"""The candidate list: each proposed citizen's state, its dated history, and the next steps."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import candidates as candidate_service
from oto_match.services.candidates import CANDIDATE_FLOW, CandidateMove
from oto_match.storage.jobs import Candidate
from oto_match.ui import common, downloads, state
from oto_match.ui.jobs import keys

FASTHOLDELSE_PAGE = "oto_match/ui/pages/fastholdelse.py"


def candidate_list(job_id: str, actor: Staff) -> None:
    waiting = state.peek(state.PlacementFromCandidate)
    if waiting and waiting.job_id == job_id:
        st.page_link(FASTHOLDELSE_PAGE, label="Opret forløbet under Fastholdelse", icon=":material/volunteer_activism:")
    entries = candidate_service.candidate_list(common.db(), actor, job_id)
    if not entries:
        st.info("Ingen borgere er foreslået til dette job endnu.")
    for cand, events in entries:
        with st.container(border=True):
            st.markdown(f"**{cand.citizen_name}** — :blue-badge[{vocab.CANDIDATE_STATES[cand.state]}]")
            if cand.override_reason:
                st.markdown(f":orange-badge[Foreslået trods udelukket] {common.plain(cand.override_reason)}")
            st.caption(
                " → ".join(
                    f"{vocab.CANDIDATE_STATES[e.state]} ({e.happened_at:%d-%m-%Y}, {e.staff_name})" for e in events
                )
            )
            next_steps(cand, actor)
            state.show_flash(keys.of(keys.CANDIDATE_WARNING, cand.citizen_id))  # in the card, under its buttons
            state.show_flash(keys.of(keys.CANDIDATE_MOVED, cand.citizen_id))
    if entries:
        downloads.candidates(actor, job_id)


def next_steps(cand: Candidate, actor: Staff) -> None:
    """One button per state that may follow; the move is made from the version shown here."""
    following = CANDIDATE_FLOW[cand.state]
    for column, state_code in zip(st.columns(max(1, len(following))), following, strict=False):
        key = keys.of("move", cand.job_id, cand.citizen_id, cand.version, state_code)
        if column.button(vocab.CANDIDATE_STATES[state_code], key=key):
            move(cand, state_code, actor)


def move(cand: Candidate, state_code: str, actor: Staff) -> None:
    """Move the candidate; say so (and warn) after the rerun; hand a job won over to Fastholdelse."""
    step = CandidateMove(cand.job_id, cand.citizen_id, state_code, version=cand.version)
    result = common.attempt(lambda: candidate_service.move_candidate(common.db(), actor, step))
    if result is None:
        return
    if result.warning:
        state.flash(keys.of(keys.CANDIDATE_WARNING, cand.citizen_id), result.warning, "warning")
    message = f"{cand.citizen_name}: {vocab.CANDIDATE_STATES[state_code]}."
    if result.offer_placement:
        state.hand_over(state.PlacementFromCandidate(cand.job_id, cand.citizen_id, actor.staff_id))
        message = f"{cand.citizen_name} fik jobbet. Opret forløbet under Fastholdelse, så opfølgningen starter."
    state.flash(keys.of(keys.CANDIDATE_MOVED, cand.citizen_id), message)
    st.rerun()
