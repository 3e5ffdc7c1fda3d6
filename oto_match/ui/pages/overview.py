"""Overblik: the team's figures as charts — employer pipeline, contacts, job openings, citizens in placements,
retention and follow-ups — for a team and a period. Which team a user may see is decided in the core
(services/overview.overview_team); each chart has a Danish caption, an empty state and its numbers."""

from __future__ import annotations

import streamlit as st

from oto_match.services import overview as overview_service
from oto_match.ui import common
from oto_match.ui.overview import citizen_charts, employer_charts
from oto_match.ui.overview.filters import filters, team_text

st.title("Overblik")
actor = common.require_actor()
chosen = filters(actor)
if chosen is None:
    st.stop()
assert chosen is not None
team_id, period = chosen
figures = common.attempt(
    lambda: overview_service.overview(common.db(), actor, common.today(), team_id=team_id, period=period)
)
if figures is None:
    st.stop()
assert figures is not None
counted = figures.period  # ends today at the latest
st.caption(f"{team_text(figures.team_id)}, {common.fmt_date(counted.start)} til {common.fmt_date(counted.end)}.")

employers_tab, citizens_tab = st.tabs(["Virksomheder og job", "Borgere og fastholdelse"])
with employers_tab:
    employer_charts.pipeline_section(figures)
    employer_charts.contacts_section(figures)
    employer_charts.jobs_section(figures)
with citizens_tab:
    if figures.retention is None:
        st.info("Din rolle giver ikke adgang til borgeroplysninger, så her er kun tallene for virksomhederne.")
    else:
        citizen_charts.placements_section(figures)
        citizen_charts.retention_section(figures)
        citizen_charts.followups_section(figures)
