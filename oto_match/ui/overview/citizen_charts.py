"""Overblik, the citizens: in placements month by month and by status today, retention against the IPS 65 %,
and follow-ups done on time or late."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.retention import RetentionFigures
from oto_match.services import overview as overview_service
from oto_match.services.overview import Overview
from oto_match.ui import charts, common
from oto_match.ui.overview.numbers import MONTH, numbers

TIMELINESS_COLOURS = ["#2ca02c", "#ff7f0e", charts.IPS_RED]  # on time, late, overdue
JOB_TYPE_ORDER = list(vocab.JOB_TYPES.values())


def placements_section(figures: Overview) -> None:
    st.subheader("Borgere i forløb")
    if not figures.placements:
        st.info("Ingen borgere var i forløb i perioden. Opret et forløb under Fastholdelse, når en borger starter "
                "hos en arbejdsgiver.")  # fmt: skip
    else:
        rows = [[p.month, vocab.JOB_TYPES.get(p.placement_type, p.placement_type), p.citizens]
                for p in figures.placements]  # fmt: skip
        headers = [MONTH, "Forløb", "Borgere"]
        chart = (
            alt.Chart(pd.DataFrame(rows, columns=headers))
            .mark_bar()
            .encode(
                x=charts.time_x(MONTH, "month", MONTH),
                y=charts.count_y("Borgere", "Borgere"),
                color=alt.Color("Forløb:N", sort=JOB_TYPE_ORDER, legend=alt.Legend(title="Forløb", orient="bottom")),
                tooltip=[charts.time_tooltip(MONTH, "month", MONTH), "Forløb:N", alt.Tooltip("Borgere:Q", format=",d")],
            )
        )
        st.altair_chart(charts.danish(chart), width="stretch")
        st.caption("Borgere i forløb ved hver måneds udgang, efter slags forløb. Borgerens status gemmes uden "
                   "historik, så figuren bygger på forløbenes start- og slutdatoer.")  # fmt: skip
        numbers(headers, rows, "overblik-forløb.xlsx", "overview_xlsx_placements")
    statuses_now(figures)


def statuses_now(figures: Overview) -> None:
    if not figures.statuses:
        st.info("Der er ingen borgere i teamet endnu. Opret borgere under Borgere.")
        return
    rows = [[vocab.CITIZEN_STATUSES.get(s.status, s.status), s.citizens] for s in figures.statuses]
    headers = ["Status", "Borgere"]
    chart = (
        alt.Chart(pd.DataFrame(rows, columns=headers))
        .mark_bar()
        .encode(
            y=alt.Y("Status:N", sort="-x", title=None),
            x=charts.count_x("Borgere", "Borgere"),
            tooltip=["Status:N", alt.Tooltip("Borgere:Q", format=",d")],
        )
        .properties(height=charts.BAR_STEP)
    )
    st.altair_chart(charts.danish(chart), width="stretch")
    st.caption("Borgerne efter den status, de har i dag.")
    numbers(headers, rows, "overblik-status.xlsx", "overview_xlsx_statuses")


def retention_section(figures: Overview) -> None:
    st.subheader("Stadig i forløb efter …")
    r = figures.retention
    if r is None:
        return
    metrics(r)
    if not any(m.eligible for m in r.milestones):
        st.info("Ingen forløb startet i perioden er gamle nok til at tælle med endnu. Tallene kommer, når et forløb "
                "har kørt i 4 uger — vælg evt. en længere periode.")  # fmt: skip
        return
    rows = [[m.label, m.still_active, m.eligible, round(100 * (m.share or 0))] for m in r.milestones]
    headers = ["Efter", "Stadig i forløb", "Forløb der tæller med", "Andel (%)"]
    frame = pd.DataFrame({"Efter": [m.label for m in r.milestones], "Andel": [m.share or 0 for m in r.milestones],
                          "Forløb": [f"{m.still_active} af {m.eligible}" for m in r.milestones]})  # fmt: skip
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Efter:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
            y=charts.percent_y("Andel", "Stadig i forløb"),
            tooltip=["Efter:N", alt.Tooltip("Andel:Q", format=charts.PERCENT), "Forløb:N"],
        )
    )
    line = charts.reference_rule(overview_service.IPS_RETENTION_13_WEEKS, "Andel")
    st.altair_chart(charts.danish(bars + line), width="stretch")
    st.caption("Rød linje: IPS-referencen, 65 % stadig i job efter 13 uger. Tæller forløb startet i perioden, "
               "når de er mindst så gamle.")  # fmt: skip
    numbers(headers, rows, "overblik-fastholdelse.xlsx", "overview_xlsx_retention")


def metrics(r: RetentionFigures) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Aktive forløb", r.active)
    c2.metric("Median timer ved start", common.fmt_number(r.median_hours_start))
    c3.metric("Median timer nu", common.fmt_number(r.median_hours_now))
    c4.metric("Antal timeforøgelser", r.hour_increases)


def followups_section(figures: Overview) -> None:
    st.subheader("Opfølgninger til tiden")
    if not figures.followups:
        st.info("Ingen opfølgninger havde dato i perioden. De planlægges af sig selv, når et forløb oprettes under "
                "Fastholdelse.")  # fmt: skip
        return
    labels = list(vocab.FOLLOWUP_TIMELINESS.values())
    rows = [[f.month, vocab.FOLLOWUP_TIMELINESS[f.timeliness], f.followups] for f in figures.followups]
    headers = [MONTH, "Hvordan", "Opfølgninger"]
    frame = pd.DataFrame(rows, columns=headers)
    frame["rækkefølge"] = frame["Hvordan"].map(labels.index)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=charts.time_x(MONTH, "month", "Måned for opfølgningens dato"),
            y=charts.count_y("Opfølgninger", "Opfølgninger"),
            color=alt.Color(
                "Hvordan:N",
                sort=labels,
                scale=alt.Scale(domain=labels, range=TIMELINESS_COLOURS),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            order=alt.Order("rækkefølge:Q"),
            tooltip=[
                charts.time_tooltip(MONTH, "month", MONTH),
                "Hvordan:N",
                alt.Tooltip("Opfølgninger:Q", format=",d"),
            ],
        )
    )
    st.altair_chart(charts.danish(chart), width="stretch")
    st.caption("Til tiden: gjort på eller før datoen. For sent: gjort efter den. Rød: ikke gjort, og datoen er "
               "passeret. Aflyste opfølgninger tæller ikke med.")  # fmt: skip
    numbers(headers, rows, "overblik-opfølgninger.xlsx", "overview_xlsx_followups")
