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
from oto_match.ui.citizens import LIST_PAGE, SEARCH, SELECTED_CITIZEN
from oto_match.ui.lists import page_number, page_picker


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
    if page.rows:
        citizen_table(page.rows, name_of)
    else:
        st.info("Ingen borgere passer til søgningen.")
    page_picker(LIST_PAGE, page.page, page.pages, page.size, page.matching, "borgere")
    return open_citizen(page.rows, kept)


def citizen_table(rows: list[CitizenLine], name_of: dict[str, str]) -> None:
    pairs = [f"{name_of.get(c.partner1_id or '', '–')} / {name_of.get(c.partner2_id or '', '–')}" for c in rows]
    frame = pd.DataFrame(
        {"Navn": [c.name for c in rows], "Status": [vocab.CITIZEN_STATUSES[c.status] for c in rows], "Makkerpar": pairs}
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def open_citizen(shown: list[CitizenLine], kept: list[CitizenLine]) -> str | None:
    """'Åbn borger' among the citizens on the page; one chosen before (just created, handed over, or on
    another page) stays on offer, even one the user may not see (opening it then says why)."""
    label = common.unique_labels({c.citizen_id: c.name for c in [*kept, *shown]})
    ids = list(label)
    if st.session_state.get(SELECTED_CITIZEN) not in (None, *ids):
        ids.insert(0, st.session_state[SELECTED_CITIZEN])  # not for this user to see: opening it says why
    return st.selectbox(
        "Åbn borger", ids, index=None, format_func=lambda i: label.get(i, i),
        placeholder="Vælg en borger (søg eller bladr for andre)", key=SELECTED_CITIZEN,
    )  # fmt: skip
