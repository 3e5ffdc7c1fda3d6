"""Job der passer: the open jobs, with each criterion's traffic light for this citizen."""

from __future__ import annotations

import streamlit as st

from oto_match.domain import Staff
from oto_match.matching_rules import CRITERION_LABELS
from oto_match.services import matching as match_service
from oto_match.ui import common


def matching_jobs(actor: Staff, citizen_id: str) -> None:
    results = common.attempt(lambda: match_service.jobs_for_citizen(common.db(), actor, citizen_id)) or []
    if not results:
        st.info("Der er ingen åbne jobåbninger lige nu.")
        return
    for job, employer, cand in results:
        label = common.VERDICT_BADGES[cand.verdict]
        score = f" · score {common.fmt_number(cand.score)} ({cand.band})" if cand.score is not None else ""
        with st.expander(f"{label} {job.title} — {employer.name}{score}"):
            st.markdown(
                "  \n".join(
                    f"**{CRITERION_LABELS[ch.criterion]}**: {common.coloured_check(ch.status, ch.detail)}"
                    for ch in cand.checks
                )
            )
            if cand.near_miss:
                st.info(f"Kunne passe, hvis {cand.near_miss}")
