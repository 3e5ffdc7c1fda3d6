"""Afslut / slip: ending a placement with its reason and what was learned, or releasing the citizen."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import Placement, Staff
from oto_match.services import placements as placement_service
from oto_match.ui import common, feedback
from oto_match.ui.dates import EARLIEST, LATEST
from oto_match.ui.fastholdelse import keys


def end_form(actor: Staff, p: Placement) -> None:
    st.markdown("**Afslut forløbet**")
    reason = st.selectbox(
        "Årsag", list(vocab.END_REASONS), index=None, format_func=common.label_of(vocab.END_REASONS),
        key=keys.of(p, "end_reason"), placeholder="Vælg årsag",
    )  # fmt: skip
    end = st.date_input("Slutdato", common.today(), EARLIEST, LATEST, key=keys.of(p, "end_date"), format="DD-MM-YYYY")
    note = st.text_input("Hvad lærte vi?", key=keys.of(p, "end_note"))
    learned = common.strain_select("Tilføj til borgerens skånehensyn", key=keys.of(p, "end_learned"))
    sure = st.checkbox("Ja, afslut forløbet (åbne opfølgninger aflyses)", key=keys.of(p, "end_sure"))
    if st.button("Afslut forløb", disabled=not sure, key=keys.of(p, "end")):
        ended = common.attempt(
            lambda: placement_service.end_placement(
                common.db(), actor, p.placement_id, end, reason or "", note, tuple(learned), version=p.version
            )
        )
        if ended:
            feedback.saved(keys.PLACEMENT_SAVED, "Forløbet er afsluttet; åbne opfølgninger er aflyst.")
            st.rerun()
    st.divider()
    st.markdown("**Slip borgeren** — borgeren klarer opgaverne uden teamets hjælp; opfølgningerne stopper.")
    sure_release = st.checkbox("Ja, teamet slipper borgeren i dette forløb", key=keys.of(p, "release_sure"))
    if st.button("Slip", disabled=not sure_release, key=keys.of(p, "release")):
        released = common.attempt(
            lambda: placement_service.release(common.db(), actor, p.placement_id, common.today(), version=p.version)
        )
        if released:
            feedback.saved(keys.PLACEMENT_SAVED, "Teamet har sluppet borgeren; opfølgningerne er stoppet.")
            st.rerun()
