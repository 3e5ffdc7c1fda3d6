"""Midlertidig adgang: give a colleague of another team time-limited access to one citizen, with a reason.

Used on the leader's page and on a citizen's Adgangslog tab (for the citizen's own team). Who may give it, to
whom and for how long is decided in the core (services/temporary_access.py); this form only asks.
"""

from __future__ import annotations

import streamlit as st

from oto_match import config
from oto_match.access import MAX_GRANT_HOURS
from oto_match.domain import Staff
from oto_match.services import temporary_access
from oto_match.services.temporary_access import AccessGrant
from oto_match.ui import common

CITIZEN_LABEL = "Borgerens id (den der skal gives adgang til)"


def grant_form(actor: Staff, citizen_id: str | None = None, key: str = "grant") -> None:
    """The form; `citizen_id` given: access to that citizen (the profile's own form)."""
    with st.form(key, clear_on_submit=False):
        st.markdown("**Giv en kollega fra et andet team midlertidig adgang til én borger**")
        c1, c2, c3 = st.columns([2, 2, 1])
        grantee = c1.text_input("Kollegaens brugernavn", key=f"{key}_grantee")
        citizen = citizen_id or c2.text_input(CITIZEN_LABEL, key=f"{key}_citizen")
        if citizen_id:
            c2.text_input(CITIZEN_LABEL, citizen_id, disabled=True, key=f"{key}_citizen_fixed")
        hours = c3.number_input("Timer", 1, MAX_GRANT_HOURS, config.temporary_access_hours(), key=f"{key}_hours")
        reason = st.text_input("Begrundelse (fx dækker for en kollega på ferie)", key=f"{key}_reason")
        if not st.form_submit_button("Giv adgang"):
            return
    grant = AccessGrant(grantee.strip().lower(), citizen.strip(), reason, int(hours))
    given = common.attempt(lambda: temporary_access.grant_temporary_access(common.db(), actor, grant))
    if given:
        st.success(f"{grantee} har adgang til borgeren til {given.ends_at:%d-%m-%Y kl. %H:%M}. Det står i loggen.")
