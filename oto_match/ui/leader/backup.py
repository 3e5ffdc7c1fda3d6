"""A backup from the leader's page: a consistent snapshot into a new dated folder under the backup root."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from oto_match import config
from oto_match.access import Action, User, refusal
from oto_match.errors import OtoMatchError
from oto_match.services import backup as backup_service
from oto_match.ui import common


def backup(user: User) -> None:
    root = config.backup_root()
    st.write(f"Sikkerhedskopier lægges i en ny mappe med dato og klokkeslæt under `{root}` "
             "(sæt `OTO_BACKUP_DIR` for et andet sted). Filerne kan kun læses af den bruger, appen kører som.")
    if not st.button("Tag sikkerhedskopi nu", icon=":material/backup:", type="primary"):
        return
    if (reason := refusal(user, Action.ADMINISTER_USERS)) is not None:
        st.error(reason)
        return
    folder = root / f"oto-backup-{datetime.now():%Y-%m-%d_%H%M%S}"
    with st.status("Tager sikkerhedskopi …", expanded=True) as status:
        st.write("Kopierer databasen (et sammenhængende øjebliksbillede) …")
        try:
            manifest = backup_service.backup(common.db(), user, folder)
        except OtoMatchError as e:
            status.update(label="Sikkerhedskopien mislykkedes", state="error")
            st.error(e.message)
            return
        st.write(f"Kontrolsum (SHA-256): `{manifest.sha256[:16]}…`")
        status.update(label="Sikkerhedskopien er taget", state="complete")
    st.success(f"Sikkerhedskopi i {folder}: {sum(manifest.rows.values()):,} rækker i {len(manifest.rows)} tabeller."
               .replace(",", "."))  # fmt: skip
