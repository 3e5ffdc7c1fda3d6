"""'Min aktivitet': my employer contacts per week against the IPS reference."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match.domain import Staff
from oto_match.services import visits as visit_service
from oto_match.ui import common


def activity_tab(actor: Staff) -> None:
    weeks = common.attempt(lambda: visit_service.activity(common.db(), actor.staff_id, common.today())) or []
    frame = pd.DataFrame(
        [
            {"Uge": w.week_start, "Kontakter": w.contacts, "Heraf fremmøde": w.in_person, "Virksomheder": w.employers}
            for w in weeks
            if w.staff_id == actor.staff_id
        ]
    )
    if frame.empty or frame["Kontakter"].sum() == 0:
        st.info("Du har ingen virksomhedskontakter de sidste 12 uger. Log et besøg for at komme i gang.")
        return
    bars = alt.Chart(frame).mark_bar().encode(x=alt.X("Uge:T", title="Uge"), y=alt.Y("Heraf fremmøde:Q"))
    rule = (
        alt.Chart(pd.DataFrame({"y": [visit_service.IPS_IN_PERSON_PER_WEEK]}))
        .mark_rule(color="red", strokeDash=[4, 4])
        .encode(y="y:Q")
    )
    st.altair_chart(bars + rule, width="stretch")
    st.caption(f"Rød linje: IPS-reference, ca. {visit_service.IPS_IN_PERSON_PER_WEEK} kontakter med fremmøde pr. uge.")
    st.dataframe(frame, hide_index=True, width="stretch")
