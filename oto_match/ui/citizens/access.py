"""Adgangslog and Kopi af data: who saw or changed the record, and the citizen's own copy."""

from __future__ import annotations

import streamlit as st

from oto_match.domain import Staff
from oto_match.services import citizens as citizen_service
from oto_match.services import staff as staff_service
from oto_match.ui import common
from oto_match.ui.grant_form import grant_form
from oto_match.vocab import ACTION_WORDS


def audit_view(actor: Staff, citizen_id: str) -> None:
    """Who saw or changed the record: people by name, what they did in Danish words (never ids or codes)."""
    entries = citizen_service.audit_trail(common.db(), actor, citizen_id)
    names = {s.staff_id: s.name for s in staff_service.list_staff(common.db())}
    st.dataframe(
        [
            {"Tid": f"{e.at:%d-%m-%Y %H:%M}", "Hvem": names.get(e.staff_id or "", "systemet"),
             "Handling": ACTION_WORDS.get(e.action, "anden handling"), "Detaljer": e.detail}
            for e in entries
        ],
        hide_index=True,
        width="stretch",
    )
    with st.expander("Midlertidig adgang for en kollega fra et andet team"):
        grant_form(actor, citizen_id, key=f"grant_{citizen_id}")


def data_copy(actor: Staff, citizen_id: str) -> None:
    st.caption("Borgeren har ret til at se og få en kopi af det, vi har registreret.")
    st.download_button(
        "Hent kopi af borgerens data (JSON)",
        lambda: citizen_service.data_copy(common.db(), actor, citizen_id),
        file_name=f"borgerdata-{citizen_id}.json",
        mime="application/json",
    )
