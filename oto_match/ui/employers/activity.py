"""'Min aktivitet': my employer contacts per week against the IPS reference."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match.domain import Staff
from oto_match.services import visits as visit_service
from oto_match.ui import charts, common


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
    bars = alt.Chart(frame).mark_bar().encode(
        x=charts.time_x("Uge", "week", "Uge"), y=charts.count_y("Heraf fremmøde", "Kontakter med fremmøde"),
        tooltip=[charts.time_tooltip("Uge", "week", "Uge"), "Kontakter", "Heraf fremmøde", "Virksomheder"],
    )  # fmt: skip
    st.altair_chart(charts.danish(bars + charts.reference_rule(visit_service.IPS_IN_PERSON_PER_WEEK)), width="stretch")
    st.caption(f"Rød linje: IPS-reference, ca. {visit_service.IPS_IN_PERSON_PER_WEEK} kontakter med fremmøde pr. uge.")
    table = frame.assign(Uge=[f"uge {w:%V} ({common.fmt_date(w)})" for w in frame["Uge"]])
    st.dataframe(table, hide_index=True, width="stretch")
