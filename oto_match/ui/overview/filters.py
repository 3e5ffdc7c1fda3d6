"""Overblik's filters: the team (the core offers the teams the user may pick) and the period (from–to)."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.access import User
from oto_match.services import overview as overview_service
from oto_match.services.overview import Period
from oto_match.ui import common
from oto_match.ui.dates import EARLIEST, LATEST

ALL_TEAMS = "Alle teams"
TEAM_KEY, START_KEY, END_KEY = "overview_team", "overview_start", "overview_end"


def team_text(team_id: str | None) -> str:
    return ALL_TEAMS if team_id is None else vocab.team_name(team_id)


def filters(actor: User) -> tuple[str | None, Period] | None:
    """The team and period chosen (None when the user may see no overview; the reason is shown)."""
    choices = common.attempt(lambda: overview_service.team_choices(common.db(), actor))
    if not choices:
        return None
    default = overview_service.default_period(common.today())
    c1, c2, c3 = st.columns([2, 1, 1])
    team = c1.selectbox("Team", choices, format_func=team_text, key=TEAM_KEY)
    start = c2.date_input(vocab.field_label("period_start"), default.start, EARLIEST, LATEST, format="DD-MM-YYYY",
                          key=START_KEY)  # fmt: skip
    end = c3.date_input(vocab.field_label("period_end"), default.end, EARLIEST, LATEST, format="DD-MM-YYYY",
                        key=END_KEY)  # fmt: skip
    return team, Period(start or default.start, end or default.end)
