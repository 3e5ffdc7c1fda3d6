"""Tidslinje and Timer over tid: each follow-up on the day it was done (or is due), who took part, how it went
and what was changed at it; the agreed hours as a step line with Danish dates."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import placement_timeline
from oto_match.services.placement_timeline import TimelineEntry
from oto_match.services.placements import PlacementView
from oto_match.ui import charts, common

STATE_COLOURS = {"done": "green", "open": "blue", "overdue": "red", "cancelled": "gray"}
OUTCOME_COLOURS = {"thriving": "green", "concern": "orange", "adjust": "blue", "ending": "red"}


def hours_chart(view: PlacementView) -> None:
    if not view.hours:
        st.caption("Ingen timer registreret.")
        return
    frame = pd.DataFrame(
        {"Dato": [h.effective_date for h in view.hours], "Timer/uge": [h.hours_week for h in view.hours]}
    )
    end = view.placement.end_date or common.today()
    frame = pd.concat([frame, pd.DataFrame({"Dato": [end], "Timer/uge": [view.hours[-1].hours_week]})])
    frame["Dato"] = pd.to_datetime(frame["Dato"])
    chart = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=charts.time_x("Dato", "day", "Dato", temporal=True),
            y=charts.number_y("Timer/uge", "Timer pr. uge"),
            tooltip=[charts.time_tooltip("Dato", "day", "Fra"), alt.Tooltip("Timer/uge:Q", title="Timer pr. uge")],
        )
    )
    st.caption("De aftalte timer pr. uge, fra start til i dag (eller slut).")
    st.altair_chart(charts.danish(chart), width="stretch")


def entry_markdown(e: TimelineEntry) -> str:
    """One line: state (word and colour), date, what kind, with whom, how it went and the note."""
    f = e.followup
    state = f":{STATE_COLOURS[e.state]}-badge[{vocab.FOLLOWUP_STATES[e.state]}]"
    title = vocab.FOLLOWUP_CALENDAR_TITLES.get(f.kind, "Opfølgning")
    line = f"{state} **{common.fmt_date(e.when)}** · {title} med {vocab.FOLLOWUP_PARTICIPANTS[f.with_whom]}"
    if f.outcome:
        line += f" · :{OUTCOME_COLOURS.get(f.outcome, 'gray')}[{vocab.FOLLOWUP_OUTCOMES[f.outcome]}]"
    if e.state == "done" and e.when != f.due_date and f.kind == "scheduled":
        line += f" (planlagt til {common.fmt_date(f.due_date)})"
    return line


def timeline(actor: Staff, placement_id: str) -> None:
    entries = common.attempt(lambda: placement_timeline.placement_timeline(
        common.db(), actor, placement_id, common.today())) or []  # fmt: skip
    if not entries:
        st.caption("Ingen opfølgninger endnu.")
        return
    for e in entries:
        with st.container(border=e.state == "overdue"):
            st.markdown(entry_markdown(e))
            said = [f"»{e.followup.notes}«" if e.followup.notes else "", f"Ændret: {e.changes}" if e.changes else "",
                    f"Registreret af {e.done_by}" if e.done_by else ""]  # fmt: skip
            if any(said):
                st.caption(" · ".join(s for s in said if s))
