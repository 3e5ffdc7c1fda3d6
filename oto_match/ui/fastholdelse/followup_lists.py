"""Mine opfølgninger and Teamets opfølgninger: open follow-ups, overdue (red) first, a page at a time."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from oto_match import followups as cadence
from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import followups as followup_service
from oto_match.services.followups import DueFollowUp
from oto_match.services.paging import Page
from oto_match.storage.placement_lists import FollowUpWhere
from oto_match.ui import common, downloads
from oto_match.ui.fastholdelse import keys
from oto_match.ui.lists import clicked_row, page_number, page_picker


def followup_table(page: Page[DueFollowUp], empty: str, page_key: str) -> None:
    """One page of follow-ups, counted ("Viser 1–50 af 19.275 opfølgninger") with a page number below; a row
    clicked opens its placement under 'Forløb'."""
    if not page.rows:
        st.success(empty)
        return
    items = page.rows
    frame = pd.DataFrame(
        {
            "Frist": [common.fmt_date(f.due_date) + (" · forfalden" if f.overdue else "") for f in items],
            "Borger": [f.citizen_name for f in items],
            "Virksomhed": [f.employer_name for f in items],
            "Type": [vocab.FOLLOWUP_CALENDAR_TITLES.get(f.kind, "Opfølgning") for f in items],
            "Hvem deltager": [vocab.FOLLOWUP_PARTICIPANTS[f.with_whom] for f in items],
        }
    )
    key = f"{keys.FOLLOWUP_TABLES}_{page_key}_{st.session_state.get(keys.SELECTED_PLACEMENT)}"
    st.caption("Klik på en række for at åbne forløbet. Rød: forfalden.")
    opened = partial(open_clicked, key, [f.placement_id for f in items], [f.citizen_name for f in items])
    st.dataframe(common.red_rows(frame, [f.overdue for f in items]), hide_index=True, width="stretch", key=key,
                 on_select=opened, selection_mode=["single-row", "single-cell"],
                 column_config={"Frist": st.column_config.Column(width=150)})  # fmt: skip
    page_picker(page_key, page.page, page.pages, page.size, page.matching, "opfølgninger")


def open_clicked(key: str, placement_ids: list[str], citizen_names: list[str]) -> None:
    """A row clicked (a cell of it, or its tick box, as in the other lists): its placement opens under 'Forløb'
    (run before the page, so the tab can be switched), and a toast says so."""
    row = clicked_row(st.session_state[key].selection)
    if row is not None and row < len(placement_ids):
        st.session_state[keys.SELECTED_PLACEMENT] = placement_ids[row]
        st.session_state[keys.PAGE_TABS] = "Forløb"
        st.toast(f"Forløbet for {common.plain(citizen_names[row])} er åbnet under 'Forløb'.",
                 icon=":material/arrow_downward:")  # fmt: skip


def my_followups(actor: Staff) -> None:
    today = common.today()
    where = FollowUpWhere(staff_id=actor.staff_id, due_by=cadence.end_of_week(today))
    mine = followup_service.followup_page(common.db(), actor, today, where, page_number(keys.MY_FOLLOWUPS_PAGE))
    st.caption("Opfølgninger i forløb, hvor du er i makkerparret: forfaldne (røde) først, derefter resten af ugen.")
    none = "Du har ingen forfaldne opfølgninger eller opfølgninger resten af ugen."
    followup_table(mine, none, keys.MY_FOLLOWUPS_PAGE)
    st.download_button(
        "Hent mine opfølgninger til Outlook (.ics)",
        lambda: followup_service.calendar(common.db(), actor, today),
        file_name="oto-opfoelgninger.ics",
        mime="text/calendar",
    )
    downloads.followups(actor, where, "mine-opfoelgninger.xlsx", key="followups.mine.xlsx")


def team_followups(actor: Staff) -> None:
    where = FollowUpWhere(team_id=actor.team_id)
    items = followup_service.followup_page(common.db(), actor, common.today(), where,
                                           page_number(keys.TEAM_FOLLOWUPS_PAGE))  # fmt: skip
    followup_table(items, "Teamet har ingen åbne opfølgninger.", keys.TEAM_FOLLOWUPS_PAGE)
    downloads.followups(actor, where, "teamets-opfoelgninger.xlsx", key="followups.team.xlsx")
