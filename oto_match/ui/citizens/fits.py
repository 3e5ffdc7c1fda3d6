"""Job der passer: the open jobs, best first, with each criterion's traffic light for this citizen.

Every open job gets its verdict and score; the page explains JOBS_SHOWN at a time ("Vis flere" adds as many) and
counts the rest, so a national register of open jobs is never rendered whole.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from oto_match.domain import Staff
from oto_match.matching_rules import CRITERION_LABELS
from oto_match.services import matching as match_service
from oto_match.services.matching import JOBS_SHOWN, JobFit
from oto_match.ui import common
from oto_match.ui.lists import and_others, thousands

# How many jobs are explained on the tab, per citizen (session state).
FITS_SHOWN = "citizen_fits_shown"
VERDICT_WORDS = {"eligible": "passer", "uncertain": "usikre", "excluded": "udelukket"}


def matching_jobs(actor: Staff, citizen_id: str) -> None:
    key = f"{FITS_SHOWN}:{citizen_id}"
    shown = int(st.session_state.get(key, JOBS_SHOWN))
    fits = common.attempt(lambda: match_service.job_fits(common.db(), actor, citizen_id, shown)) or []
    if not fits:
        st.info("Der er ingen åbne jobåbninger lige nu.")
        return
    counts = Counter(fit.verdict for fit in fits)
    st.caption(f"{thousands(len(fits))} åbne jobåbninger: "
               + ", ".join(f"{thousands(counts[v])} {w}" for v, w in VERDICT_WORDS.items()))  # fmt: skip
    for fit in fits[:shown]:
        _fit(fit)
    rest = len(fits) - shown
    if rest > 0:
        st.caption(f"… {and_others(rest)}")
        if st.button(f"Vis flere ({min(JOBS_SHOWN, rest)})", key=f"{key}:more"):
            st.session_state[key] = shown + JOBS_SHOWN
            st.rerun()


def _fit(fit: JobFit) -> None:
    label = common.VERDICT_BADGES[fit.verdict]
    score = f" · score {common.fmt_number(fit.score)} ({fit.band})" if fit.score is not None else ""
    with st.expander(f"{label} {fit.job.title} — {fit.employer.name}{score}"):
        if fit.explained is None:
            return
        st.markdown(
            "  \n".join(
                f"**{CRITERION_LABELS[ch.criterion]}**: {common.coloured_check(ch.status, ch.detail)}"
                for ch in fit.explained.checks
            )
        )
        if fit.explained.near_miss:
            st.info(f"Kunne passe, hvis {fit.explained.near_miss}")
