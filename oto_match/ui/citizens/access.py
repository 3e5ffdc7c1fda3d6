"""Adgangslog and Kopi af data: who saw or changed the record, and the citizen's own copy."""

from __future__ import annotations

import streamlit as st

from oto_match.domain import Staff
from oto_match.services import citizens as citizen_service
from oto_match.ui import common
from oto_match.ui.grant_form import grant_form


def audit_view(actor: Staff, citizen_id: str) -> None:
    entries = citizen_service.audit_trail(common.db(), actor, citizen_id)
    st.dataframe(
        [
            {"Tid": f"{e.at:%d-%m-%Y %H:%M}", "Hvem": e.staff_id, "Handling": e.action, "Detaljer": e.detail}
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
