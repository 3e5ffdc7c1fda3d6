"""Overblik, the employer network: the "3 kopper te" pipeline by month, contacts per person against the IPS line,
and the job openings by industry and kind of job."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match import stages, vocab
from oto_match.services import overview as overview_service
from oto_match.services.overview import Overview
from oto_match.ui import charts
from oto_match.ui.overview.numbers import MONTH, numbers

STAGES_SHOWN = [s for s in stages.STAGE_ORDER if s not in ("none", "paused")]
STAGE_COLOURS = ["#c6dbef", "#6baed6", "#2171b5", "#2ca02c"]  # the cups from light to dark blue; partner green
JOB_TYPE_ORDER = list(vocab.JOB_TYPES.values())
PER_WEEK_AXIS = alt.Axis(format=charts.DECIMAL, tickCount=6)


def pipeline_section(figures: Overview) -> None:
    st.subheader("Virksomheder i '3 kopper te'")
    if not figures.stages:
        st.info("Ingen virksomheder har fået en kop te endnu i perioden. Log det første besøg under Virksomheder.")
        return
    labels = [vocab.EMPLOYER_STAGES[s] for s in STAGES_SHOWN]
    frame = pd.DataFrame({MONTH: [r.month for r in figures.stages], "Trin": [vocab.EMPLOYER_STAGES[r.stage]
                          for r in figures.stages], "Virksomheder": [r.employers for r in figures.stages]})  # fmt: skip
    frame["rækkefølge"] = frame["Trin"].map(labels.index)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=charts.time_x(MONTH, "month", MONTH),
            y=charts.count_y("Virksomheder", "Virksomheder"),
            color=alt.Color(
                "Trin:N",
                sort=labels,
                scale=alt.Scale(domain=labels, range=STAGE_COLOURS),
                legend=alt.Legend(title="Trin", orient="bottom"),
            ),
            order=alt.Order("rækkefølge:Q"),
            tooltip=[charts.time_tooltip(MONTH, "month", MONTH), "Trin:N", alt.Tooltip("Virksomheder:Q", format=",d")],
        )
    )
    st.altair_chart(charts.danish(chart), width="stretch")
    st.caption("Hvor langt virksomhederne var nået ved hver måneds udgang: flere i 2. og 3. kop te betyder flere "
               "steder, hvor borgere kan præsenteres.")  # fmt: skip
    rows = [[r.month, vocab.EMPLOYER_STAGES[r.stage], r.employers] for r in figures.stages]
    numbers([MONTH, "Trin", "Virksomheder"], rows, "overblik-virksomheder.xlsx", "overview_xlsx_stages")


def contacts_section(figures: Overview) -> None:
    st.subheader("Virksomhedskontakter pr. medarbejder")
    if not figures.contacts or not any(c.contacts for c in figures.contacts):
        st.info("Ingen virksomhedskontakter i perioden. Registrér besøg og opkald under Virksomheder → Log besøg.")
        return
    weeks = figures.period.weeks
    rows = [[c.name, vocab.team_name(c.team_id), c.contacts, c.in_person, round(c.in_person / weeks, 1)]
            for c in figures.contacts]  # fmt: skip
    headers = ["Medarbejder", "Team", "Kontakter", "Heraf med fremmøde", "Fremmøde pr. uge"]
    frame = pd.DataFrame(rows, columns=["Medarbejder", "Team", "Kontakter", "Fremmøde", "Pr_uge"])
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("Medarbejder:N", sort="-x", title=None),
            x=alt.X("Pr_uge:Q", title="Kontakter med fremmøde pr. uge", axis=PER_WEEK_AXIS),
            tooltip=[
                "Medarbejder:N",
                alt.Tooltip("Pr_uge:Q", title="Fremmøde pr. uge", format=charts.DECIMAL),
                alt.Tooltip("Kontakter:Q", format=",d"),
            ],
        )
        .properties(height=charts.BAR_STEP)
    )
    line = charts.reference_rule_x(overview_service.IPS_IN_PERSON_PER_WEEK)
    st.altair_chart(charts.danish(bars + line), width="stretch")
    st.caption("Gennemsnitligt antal kontakter med fremmøde pr. uge i perioden. Rød linje: IPS-referencen, "
               f"{overview_service.IPS_IN_PERSON_PER_WEEK} pr. uge for en virksomhedskonsulent.")  # fmt: skip
    numbers(headers, rows, "overblik-kontakter.xlsx", "overview_xlsx_contacts")


def jobs_section(figures: Overview) -> None:
    st.subheader("Jobåbninger pr. branche og jobtype")
    if not figures.jobs:
        st.info("Ingen jobåbninger er oprettet i perioden. Opret en jobåbning under Jobåbninger & match.")
        return
    rows = [[j.industry.capitalize(), vocab.JOB_TYPES.get(j.job_type, j.job_type), j.jobs] for j in figures.jobs]
    headers = ["Branche", "Jobtype", "Jobåbninger"]
    frame = pd.DataFrame(rows, columns=headers)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("Branche:N", sort="-x", title=None),
            x=charts.count_x("sum(Jobåbninger)", "Jobåbninger"),
            color=alt.Color("Jobtype:N", sort=JOB_TYPE_ORDER, legend=alt.Legend(title="Jobtype", orient="bottom")),
            tooltip=["Branche:N", "Jobtype:N", alt.Tooltip("Jobåbninger:Q", format=",d")],
        )
        .properties(height=charts.BAR_STEP)
    )
    st.altair_chart(charts.danish(chart), width="stretch")
    st.caption("Jobåbninger oprettet i perioden efter virksomhedens branche: tilbyder vi mere end rengøring og "
               "køkken?")  # fmt: skip
    numbers(headers, rows, "overblik-jobåbninger.xlsx", "overview_xlsx_jobs")
