"""Midlertidig adgang that is valid now, for a leader to see at a glance."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import access
from oto_match.access import User
from oto_match.services import staff as staff_service
from oto_match.services import temporary_access
from oto_match.ui import common


def active_grants(user: User) -> None:
    grants = common.attempt(lambda: temporary_access.active_grants(common.db(), user))
    if grants is None:
        return
    if not grants:
        st.info("Ingen har midlertidig adgang lige nu.")
        return
    staff = {s.staff_id: s for s in staff_service.list_staff(common.db())}

    def name(staff_id: str) -> str:
        s = staff.get(staff_id)
        return f"{s.name} ({access.team_label(s.team_id)})" if s else staff_id

    st.dataframe(pd.DataFrame({
        "Medarbejder": [name(g.staff_id) for g in grants],
        "Borger": [g.citizen_id for g in grants],
        "Begrundelse": [g.reason for g in grants],
        "Givet af": [name(g.granted_by) for g in grants],
        "Fra": [f"{g.starts_at:%d-%m-%Y %H:%M}" for g in grants],
        "Udløber": [f"{g.ends_at:%d-%m-%Y %H:%M}" for g in grants],
    }), hide_index=True, width="stretch")  # fmt: skip
    st.caption("Adgangen udløber af sig selv. Hver tildeling står i loggen på borgeren.")
