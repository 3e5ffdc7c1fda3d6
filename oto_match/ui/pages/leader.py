"""Leder: the audit log, 'who has looked at me', midlertidig adgang, users, backups and erasure — for leaders only.

The page asks access.py (not the navigation) whether the signed-in user may be here, and every service it calls
asks again.
"""

from __future__ import annotations

import streamlit as st

from oto_match.access import Action, refusal
from oto_match.ui import common
from oto_match.ui.grant_form import grant_form
from oto_match.ui.leader import audit, backup, grants, imports, privacy, users

st.title("Leder")
user = common.require_actor()
if (reason := refusal(user, Action.READ_AUDIT_LOG)) is not None:
    st.error(f"Siden er kun for ledere. {reason}")
    st.stop()

log_tab, report_tab, grants_tab, users_tab, backup_tab, privacy_tab, imports_tab = st.tabs(
    ["Loggen", "Hvem har set mig?", "Midlertidig adgang", "Brugere", "Sikkerhedskopi", "Sletning", "Indlæs fil"]
)
with log_tab:
    st.caption("Hvem har set eller ændret hvad: søg på borger, bruger og periode. Loggen gemmes i mindst seks måneder.")
    audit.search(user)
with report_tab:
    st.caption("En oversigt til borgeren over, hvem der har set eller ændret borgerens oplysninger, og hvorfor.")
    audit.citizen_report(user)
with grants_tab:
    grants.active_grants(user)
    grant_form(user)
with users_tab:
    users.users(user)
with backup_tab:
    backup.backup(user)
with privacy_tab:
    privacy.privacy(user)
with imports_tab:
    st.caption("Indlæs en fil som én indlæsning: se først, hvad den opretter og ændrer. Den kan fortrydes bagefter.")
    imports.imports(user)
