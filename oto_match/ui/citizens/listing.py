"""The Borgere list at national scale: a search, one page of citizens (counted "Viser 1–50 af 36.467"),
and the citizen to open among those on the page (the one opened before stays on offer)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import citizen_lists
from oto_match.services.citizen_lists import CitizenLine, CitizenWhere
from oto_match.ui import common
from oto_match.ui.citizens import LIST_PAGE, LIST_TABLE, SEARCH, SELECTED_CITIZEN
from oto_match.ui.lists import clickable_table, page_number, page_picker


def citizen_list(actor: Staff, team_id: str | None, name_of: dict[str, str]) -> str | None:
    """The search, the page of citizens it finds, and the citizen chosen to open (or None)."""
    search = st.text_input("Søg på navn", key=SEARCH)
    chosen = st.session_state.get(SELECTED_CITIZEN)
    page, kept = citizen_lists.citizen_page(
        common.db(), actor, CitizenWhere(team_id, search), page_number(LIST_PAGE), keep=[chosen] if chosen else []
    )  # fmt: skip
    if not page.matching and not search.strip() and not kept:
        st.info("Ingen borgere her endnu. Opret en under 'Ny borger' eller importér citizens.csv.")
        st.stop()
    clicked = citizen_table(page.rows, name_of, team_id is None) if page.rows else None
    if not page.rows:
        st.info("Ingen borgere passer til søgningen.")
    page_picker(LIST_PAGE, page.page, page.pages, page.size, page.matching, "borgere")
    return open_citizen(page.rows, kept, name_of, clicked)


def makkerpar(c: CitizenLine, name_of: dict[str, str]) -> str:
    return f"{name_of.get(c.partner1_id or '', '–')} og {name_of.get(c.partner2_id or '', '–')}"


def citizen_table(rows: list[CitizenLine], name_of: dict[str, str], with_team: bool) -> str | None:
    """One page of citizens, narrow enough for 1366 px; a row clicked opens its citizen (its id, else None)."""
    columns = {"Navn": [c.name for c in rows], "Status": [vocab.CITIZEN_STATUSES[c.status] for c in rows],
               "Makkerpar": [makkerpar(c, name_of) for c in rows]}  # fmt: skip
    if with_team:
        columns["Team"] = [vocab.team_name(c.team_id) for c in rows]
    config = {"Navn": st.column_config.Column(width=190), "Status": st.column_config.Column(width=330),
              "Makkerpar": st.column_config.Column(width=260)}  # fmt: skip  # the longest status fits at 1366 px
    st.caption("Klik på en række for at åbne borgeren.")
    key = f"{LIST_TABLE}_{st.session_state.get(SELECTED_CITIZEN)}"  # a fresh table (no old selection) per citizen
    return clickable_table(
        pd.DataFrame(columns), [c.citizen_id for c in rows], key, [c.name for c in rows], column_config=config
    )


def open_citizen(shown: list[CitizenLine], kept: list[CitizenLine], name_of: dict[str, str],
                 clicked: str | None) -> str | None:  # fmt: skip
    """'Åbn borger' among the citizens on the page (a row clicked, or the picker); one chosen before (just
    created, handed over, or on another page) stays on offer, even one the user may not see (opening it then
    says why). Two citizens of the same name are told apart by their makkerpar, never by an id."""
    if clicked:
        st.session_state[SELECTED_CITIZEN] = clicked
    lines = [*kept, *shown]
    label = common.unique_labels({c.citizen_id: c.name for c in lines},
                                 {c.citizen_id: f"makkerpar {makkerpar(c, name_of)}" for c in lines})  # fmt: skip
    ids = list(label)
    if st.session_state.get(SELECTED_CITIZEN) not in (None, *ids):
        ids.insert(0, st.session_state[SELECTED_CITIZEN])  # not for this user to see: opening it says why
    return st.selectbox(
        "Åbn borger", ids, index=None, format_func=lambda i: label.get(i, "en borger fra et andet team"),
        placeholder="Vælg en borger, eller klik på en række", key=SELECTED_CITIZEN,
    )  # fmt: skip
