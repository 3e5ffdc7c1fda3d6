"""Overblik: retention figures against the IPS benchmark."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match import retention
from oto_match.services import placements as placement_service
from oto_match.ui import common

st.title("Overblik")
actor = common.require_actor()
figures = placement_service.retention_figures(common.db(), actor, common.today())
c1, c2, c3, c4 = st.columns(4)
c1.metric("Aktive forløb", figures.active)
c2.metric("Median timer ved start", common.fmt_number(figures.median_hours_start))
c3.metric("Median timer nu", common.fmt_number(figures.median_hours_now))
c4.metric("Antal timeforøgelser", figures.hour_increases)
st.subheader("Stadig i forløb efter …")
if not any(m.eligible for m in figures.milestones):
    st.info("Ingen forløb er gamle nok endnu til at tælle med. Tallene kommer, når forløb har kørt i 4 uger.")
else:
    frame = pd.DataFrame(
        {
            "Efter": [m.label for m in figures.milestones],
            "Andel": [m.share or 0 for m in figures.milestones],
            "Forløb": [f"{m.still_active} af {m.eligible}" for m in figures.milestones],
        }
    )
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Efter:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Andel:Q", title="Stadig i forløb", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            tooltip=["Forløb"],
        )
    )
    line = (
        alt.Chart(pd.DataFrame({"Andel": [retention.IPS_BENCHMARK_13_WEEKS]}))
        .mark_rule(color="red", strokeDash=[4, 4])
        .encode(y="Andel:Q")
    )
    st.altair_chart(bars + line, width="stretch")
    st.caption(
        "Rød linje: IPS Grow's britiske benchmark, 65 % stadig i arbejde efter 13 uger. "
        "Et forløb tæller først med, når det er startet mindst så længe siden."
    )
    shares = [f"{s:.0%}".replace("%", " %") for s in frame["Andel"]]
    st.dataframe(frame.assign(Andel=shares), hide_index=True, width="stretch")
