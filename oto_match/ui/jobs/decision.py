"""The team's decision: which citizens the team proposes for the job, and why."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import candidates as candidate_service
from oto_match.services.candidates import MatchDecision, Proposal
from oto_match.services.matching import JobRanking
from oto_match.ui import common
from oto_match.ui.jobs import keys


def decision_form(ranking: JobRanking, actor: Staff) -> None:
    """Record which citizens the team proposes, by whom and why; some need a reason to overrule the tool."""
    job_id = ranking.job.job_id
    by_id = {c.citizen.citizen_id: c for c in ranking.candidates}
    labels = common.unique_labels({i: f"{c.citizen.name} ({vocab.VERDICTS[c.verdict]})" for i, c in by_id.items()})
    chosen = st.multiselect(
        "Teamet foreslår",
        list(by_id),
        key=keys.of("propose", job_id),
        format_func=lambda i: labels[i],
        placeholder="Vælg",
        select_all=False,  # selecting every citizen at once is never meant (Streamlit offers it by default)
        help="Vælg de borgere, teamet vil foreslå, én ad gangen.",
    )
    overrides = {}
    for cid in chosen:
        c = by_id[cid]
        if candidate_service.needs_override(c.verdict):
            st.warning(
                f"{c.citizen.name} er vurderet udelukket: "
                + "; ".join(ch.detail for ch in c.checks if ch.status == "fail")
            )
            overrides[cid] = st.text_area(
                f"Hvorfor foreslår I {c.citizen.name} alligevel? *", key=keys.of("override", job_id, cid)
            )
    reason = st.text_area("Teamets begrundelse *", key=keys.of("reason", job_id))
    if st.button("Gem teamets beslutning", type="primary", key=keys.of("decide", job_id)):
        proposals = tuple(Proposal(cid, "", overrides.get(cid, "")) for cid in chosen)
        decision = MatchDecision(job_id, proposals, reason)
        if common.attempt_form(lambda: candidate_service.record_decision(common.db(), actor, ranking, decision)):
            st.success("Beslutningen er gemt sammen med rangeringen, som den blev vist. "
                       "De foreslåede står nu på fanen 'Kandidatliste'.")  # fmt: skip
