"""Mine opfølgninger and Teamets opfølgninger: open follow-ups, overdue (red) first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import followups as cadence
from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import followups as followup_service
from oto_match.services.followups import DueFollowUp
from oto_match.ui import common


def followup_table(items: list[DueFollowUp], empty: str) -> None:
    if not items:
        st.success(empty)
        return
    frame = pd.DataFrame(
        {
            "Frist": [common.fmt_date(f.due_date) + (" · forfalden" if f.overdue else "") for f in items],
            "Borger": [f.citizen_name for f in items],
            "Virksomhed": [f.employer_name for f in items],
            "Type": [vocab.FOLLOWUP_CALENDAR_TITLES.get(f.kind, f.kind) for f in items],
            "Med": [vocab.FOLLOWUP_WITH[f.with_whom] for f in items],
        }
    )
    st.dataframe(common.red_rows(frame, [f.overdue for f in items]), hide_index=True, width="stretch")


def my_followups(actor: Staff) -> None:
    today = common.today()
    mine = followup_service.due_followups(
        common.db(), actor, today, due_by=cadence.end_of_week(today), staff_id=actor.staff_id
    )
    st.caption("Opfølgninger i forløb, hvor du er i makkerparret: forfaldne (røde) først, derefter resten af ugen.")
    followup_table(mine, "Du har ingen forfaldne opfølgninger eller opfølgninger resten af ugen.")
    st.download_button(
        "Hent mine opfølgninger til Outlook (.ics)",
        lambda: followup_service.calendar(common.db(), actor, today),
        file_name="oto-opfoelgninger.ics",
        mime="text/calendar",
    )


def team_followups(actor: Staff) -> None:
    items = followup_service.due_followups(common.db(), actor, common.today(), team_id=actor.team_id)
    followup_table(items, "Teamet har ingen åbne opfølgninger.")
