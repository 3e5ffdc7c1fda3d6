"""Adgangslog and Kopi af data: who saw or changed the record, and the citizen's own copy."""

from __future__ import annotations

import streamlit as st

from oto_match.domain import Staff
from oto_match.services import citizen_log, gdpr
from oto_match.ui import common
from oto_match.ui.grant_form import grant_form

LOG_WIDTHS = {"Tid": 170, "Hvem": 150, "Handling": 210}  # pixels; the details take the rest
COPY_SHOWN = "citizens_copy_shown"  # the Danish summary shown on the page: (citizen id, its HTML)


def audit_view(actor: Staff, citizen_id: str) -> None:
    """Who saw or changed the record: people by name, what they did in Danish words and the details with names
    instead of record numbers (never ids or codes)."""
    lines = common.attempt(lambda: citizen_log.readable_trail(common.db(), actor, citizen_id)) or []
    st.caption("De seneste 200 gange nogen har set eller ændret borgerens oplysninger, nyeste først. Den samme "
               "person, der ser det samme igen inden for et kvarter, står på én linje med antal gange.")
    rows = [{"Tid": when(e), "Hvem": e.who, "Handling": e.what if e.times == 1 else f"{e.what} ({e.times} gange)",
             "Detaljer": e.detail} for e in lines]  # fmt: skip
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={name: st.column_config.Column(width=w) for name, w in LOG_WIDTHS.items()},
    )
    st.caption("En leder kan se hele loggen om borgeren under Leder › Loggen ved at søge på navnet.")
    with st.expander("Midlertidig adgang for en kollega fra et andet team"):
        grant_form(actor, citizen_id, key=f"grant_{citizen_id}")


def when(e: citizen_log.LogLine) -> str:
    """'26-11-2026 10:09', or '26-11-2026 10:02–10:09' for a line that stands for repeated looks."""
    if e.first_at is None or e.first_at == e.at:
        return f"{e.at:%d-%m-%Y %H:%M}"
    return f"{e.first_at:%d-%m-%Y %H:%M}–{e.at:%H:%M}"


def data_copy(actor: Staff, citizen_id: str) -> None:
    """The citizen's right of access: everything stored about them, as a Danish summary to read on the page or
    hand over, and as machine-readable JSON (Danish field names). Each copy is logged."""
    st.caption("Borgeren har ret til at se og få en kopi af alt, vi har registreret. Hver kopi står i loggen.")
    c1, c2, c3 = st.columns(3)
    if c1.button("Vis oversigten her", key=f"{COPY_SHOWN}_{citizen_id}"):
        summary = common.attempt(lambda: gdpr.to_html(gdpr.export_citizen(common.db(), actor, citizen_id)))
        st.session_state[COPY_SHOWN] = (citizen_id, summary)
    c2.download_button(
        "Hent oversigten til borgeren (HTML)",
        lambda: gdpr.to_html(gdpr.export_citizen(common.db(), actor, citizen_id)),
        file_name=f"borgerdata-{citizen_id}.html",
        mime="text/html",
    )
    c3.download_button(
        "Hent alle data, maskinlæsbart (JSON)",
        lambda: gdpr.to_json(gdpr.export_citizen(common.db(), actor, citizen_id)),
        file_name=f"borgerdata-{citizen_id}.json",
        mime="application/json",
    )
    shown = st.session_state.get(COPY_SHOWN)
    if shown and shown[0] == citizen_id and shown[1]:
        with st.container(border=True):
            st.html(shown[1])
