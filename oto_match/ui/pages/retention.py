"""Fastholdelse: my and the team's follow-ups, placements with their timeline, hours and agreement."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.services import placements as placement_service
from oto_match.ui import common
from oto_match.ui import retention_views as views

st.title("Fastholdelse")
actor = common.require_actor()
if message := st.session_state.pop("followup_saved", None):
    st.success(message)
if st.session_state.get("placement_from_candidate"):
    st.info("En kandidat har fået jobbet: opret forløbet under 'Nyt forløb' (borger og job er valgt).")
mine, team, placements, new = st.tabs(["Mine opfølgninger", "Teamets opfølgninger", "Forløb", "Nyt forløb"])
with mine:
    views.my_followups(actor)
with team:
    views.team_followups(actor)
with new:
    views.new_placement_form(actor)
with placements:
    c1, c2 = st.columns(2)
    mine_only = c1.toggle(f"Kun mit team ({actor.team_id.capitalize()})", value=True)
    show_ended = c2.toggle("Vis også afsluttede", value=False)
    rows = placement_service.list_placements(
        common.db(), actor, actor.team_id if mine_only else None, None if show_ended else "active"
    )
    if not rows:
        st.info("Ingen forløb her. Opret et under 'Nyt forløb', eller når en kandidat får jobbet.")
        st.stop()
    labels = common.unique_labels(
        {
            p.placement_id: f"{name} hos {employer} — {vocab.JOB_TYPES[p.placement_type]}, "
            f"start {common.fmt_date(p.start_date)}" + (" (afsluttet)" if p.status == "ended" else "")
            for p, name, employer in rows
        }
    )
    chosen = st.selectbox(
        "Forløb",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Vælg et forløb",
        key="selected_placement",
    )
    if chosen:
        views.placement_details(actor, chosen)
