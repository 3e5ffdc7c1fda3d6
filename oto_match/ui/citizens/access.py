"""Adgangslog and Kopi af data: who saw or changed the record, and the citizen's own copy."""

from __future__ import annotations

import streamlit as st

from oto_match.domain import Staff
from oto_match.services import citizens as citizen_service
from oto_match.services import gdpr
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
    """The citizen's right of access: everything stored about them, as a Danish summary to hand over and as JSON."""
    st.caption("Borgeren har ret til at se og få en kopi af alt, vi har registreret. Hver kopi står i loggen.")
    c1, c2 = st.columns(2)
    c1.download_button(
        "Hent oversigt til borgeren (HTML)",
        lambda: gdpr.to_html(gdpr.export_citizen(common.db(), actor, citizen_id)),
        file_name=f"borgerdata-{citizen_id}.html",
        mime="text/html",
    )
    c2.download_button(
        "Hent alle data (JSON)",
        lambda: gdpr.to_json(gdpr.export_citizen(common.db(), actor, citizen_id)),
        file_name=f"borgerdata-{citizen_id}.json",
        mime="application/json",
    )
