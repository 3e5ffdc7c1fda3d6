"""Fastholdelse: my and the team's follow-ups, placements with their timeline, hours and agreement."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.services import placements as placement_service
from oto_match.ui import common, state
from oto_match.ui.fastholdelse import keys
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
    state.show_flash(keys.PAGE)
    new_placement_form(actor)
with placements:
    c1, c2 = st.columns(2)
    mine_only = c1.toggle(f"Kun mit team ({actor.team_id.capitalize()})", value=True, key=keys.ONLY_MY_TEAM)
    show_ended = c2.toggle("Vis også afsluttede", value=False, key=keys.SHOW_ENDED)
    rows = placement_service.list_placements(
        common.db(), actor, actor.team_id if mine_only else None, None if show_ended else "active"
    )
    if not rows:
        st.info("Ingen forløb her. Opret et under 'Nyt forløb', eller når en kandidat får jobbet.")
        st.stop()
    labels = common.unique_labels(
        {
            r.placement.placement_id: f"{r.citizen_name} hos {r.employer_name} — "
            f"{vocab.JOB_TYPES[r.placement.placement_type]}, start {common.fmt_date(r.placement.start_date)}"
            + (" (afsluttet)" if r.placement.status == "ended" else "")
            for r in rows
        }
    )
    chosen = st.selectbox(
        "Forløb", list(labels), format_func=common.label_of(labels), index=None, placeholder="Vælg et forløb",
        key=keys.SELECTED_PLACEMENT,
    )  # fmt: skip
    if chosen:
        placement_details(actor, chosen)
