"""Virksomheder: the employer register."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.services import employers as employer_service
from oto_match.ui import common

st.title("Virksomheder")
common.require_actor()
rows = common.attempt(lambda: employer_service.employer_rows(common.db(), common.today())) or []
if not rows:
    st.info("Der er ingen virksomheder endnu. Importér employers.csv med `oto-match import employers FIL`.")
    st.stop()

table = pd.DataFrame(
    {
        "Virksomhed": [r.employer.name for r in rows],
        "Postnr.": [r.employer.postcode for r in rows],
        "Branche": [r.employer.industry for r in rows],
        "Fase": [vocab.EMPLOYER_STAGES[r.stage] for r in rows],
        "Sidste kontakt": [r.last_contact for r in rows],
        "Næste skridt": [r.next_step_date for r in rows],
        "Ejer": [r.owner_name for r in rows],
    }
)
st.dataframe(table, hide_index=True, width="stretch")
