"""Fastholdelse: my and the team's follow-ups, placements with their timeline, hours and agreement."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.ui import common, state
from oto_match.ui.fastholdelse import keys, pickers
from oto_match.ui.fastholdelse.followup_lists import my_followups, team_followups
from oto_match.ui.fastholdelse.new_placement_form import new_placement_form
from oto_match.ui.fastholdelse.placement_view import placement_details

TABS = ["Mine opfølgninger", "Teamets opfølgninger", "Forløb", "Nyt forløb"]

st.title("Fastholdelse")
actor = common.require_actor()
if state.peek(state.PlacementFromCandidate):
    st.info("En kandidat har fået jobbet: opret forløbet under 'Nyt forløb' (borger og job er valgt).")
mine, team, placements, new = st.tabs(TABS, key=keys.PAGE_TABS, on_change="rerun")
with mine:
    my_followups(actor)
with team:
    team_followups(actor)
with new:
    new_placement_form(actor)
with placements:
    c1, c2 = st.columns(2)
    mine_only = c1.toggle(f"Kun mit team ({vocab.team_name(actor.team_id)})", value=True, key=keys.ONLY_MY_TEAM)
    show_ended = c2.toggle("Vis også afsluttede", value=False, key=keys.SHOW_ENDED)
    chosen = pickers.placement_picker(actor, actor.team_id if mine_only else None, None if show_ended else "active")
    if chosen:
        placement_details(actor, chosen)
