"""The register: filters and the table of employers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services.employers import EmployerFilter, EmployerRow
from oto_match.ui import common

SELECTED = "employers.selected"  # the employer opened from the register


def filters(rows: list[EmployerRow], staff: list[Staff]) -> EmployerFilter:
    c1, c2, c3 = st.columns(3)
    search = c1.text_input("Søg (navn, adresse, CVR, P-nr.)")
    chosen_stages = c2.multiselect(
        "Fase", list(vocab.EMPLOYER_STAGES), format_func=common.label_of(vocab.EMPLOYER_STAGES), placeholder="Vælg"
    )
    names = {s.staff_id: s.name for s in staff}
    owners = c3.multiselect("Ejer", list(names), format_func=common.label_of(names), placeholder="Vælg")
    c4, c5, c6, c7 = st.columns(4)
    industries = c4.multiselect(
        "Branche", sorted({r.employer.industry for r in rows if r.employer.industry}), placeholder="Vælg"
    )
    postcodes = c5.multiselect("Postnummer", sorted({r.employer.postcode for r in rows}), placeholder="Vælg")
    days = c6.number_input("Ingen kontakt i mindst N dage", min_value=0, value=0, step=30)
    overdue = c7.checkbox("Kun overskredne næste skridt")
    return EmployerFilter(
        search, tuple(chosen_stages), tuple(industries), tuple(postcodes), tuple(owners), int(days) or None, overdue
    )


def register_table(rows: list[EmployerRow]) -> None:
    if not rows:
        st.info("Ingen virksomheder passer til filtrene. Ryd et filter, eller opret en ny virksomhed.")
        return
    frame = pd.DataFrame(
        {
            "Virksomhed": [r.employer.name for r in rows],
            "Postnr.": [r.employer.postcode for r in rows],
            "Branche": [r.employer.industry for r in rows],
            "Fase": [vocab.EMPLOYER_STAGES[r.stage] + (" ⚠" if r.skipped_workplace_visit else "") for r in rows],
            "Sidste kontakt": [common.fmt_date(r.last_contact) + (" · kold" if r.cold else "") for r in rows],
            "Næste skridt": [common.fmt_date(r.next_step_date) + (" · overskredet" if r.overdue else "") for r in rows],
            "Ejer": [f"{r.owner_name} ({r.owner_team})" if r.owner_name else "–" for r in rows],
            "Åbne job": [r.open_jobs for r in rows],
        }
    )
    st.dataframe(common.red_rows(frame, [r.overdue for r in rows]), hide_index=True, width="stretch")


def open_employer(shown: list[EmployerRow], options: dict[str, str]) -> str | None:
    """The employer chosen to open (its view is drawn below the register)."""
    return st.selectbox(
        "Åbn virksomhed",
        [r.employer.employer_id for r in shown],
        index=None,
        format_func=lambda i: options[i],
        placeholder="Vælg en virksomhed",
        key=SELECTED,
    )
