"""The register: filters, one page of the table of employers, and the employer to open."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import employers as employer_service
from oto_match.services.employers import EmployerFilter, EmployerRow
from oto_match.ui import common, downloads
from oto_match.ui.lists import clickable_table, page_number, page_picker, thousands

SELECTED = "employers.selected"  # the employer opened from the register
PAGE = "employers.register_page"
TABLE = "employers.register_table"  # the table's row selection


def filters(industries: list[str], postcodes: list[str], staff: list[Staff]) -> EmployerFilter:
    c1, c2, c3 = st.columns(3)
    search = c1.text_input("Søg (navn, adresse, CVR, P-nr.)")
    chosen_stages = c2.multiselect(
        "Fase", list(vocab.EMPLOYER_STAGES), format_func=common.label_of(vocab.EMPLOYER_STAGES), placeholder="Vælg"
    )
    names = {s.staff_id: s.name for s in staff}
    owners = c3.multiselect("Ejer", list(names), format_func=common.label_of(names), placeholder="Vælg")
    c4, c5, c6, c7 = st.columns(4)
    chosen_industries = c4.multiselect("Branche", industries, placeholder="Vælg")
    chosen_postcodes = c5.multiselect("Postnummer", postcodes, placeholder="Vælg")
    days = c6.number_input("Ingen kontakt i mindst N dage", min_value=0, value=0, step=30)
    overdue = c7.checkbox("Kun overskredne næste skridt")
    return EmployerFilter(
        search, tuple(chosen_stages), tuple(chosen_industries), tuple(chosen_postcodes), tuple(owners),
        int(days) or None, overdue,
    )  # fmt: skip


def register_tab(staff: list[Staff]) -> str | None:
    """Filters, the page of employers they select, and the employer chosen to open (or None)."""
    total, industries, postcodes = employer_service.register_choices(common.db())
    if not total:
        st.info("Der er ingen virksomheder endnu. Opret en under 'Ny virksomhed' eller importér employers.csv.")
        return None
    f = filters(industries, postcodes, staff)
    page = employer_service.register(common.db(), f, common.today(), page_number(PAGE))
    st.caption(f"{thousands(page.matching)} af {thousands(total)} virksomheder")
    clicked = register_table(page.rows)
    page_picker(PAGE, page.page, page.pages, page.size, page.matching, "virksomheder")
    downloads.employers(f)
    return open_employer(page.rows, clicked)


def register_table(rows: list[EmployerRow]) -> str | None:
    """One page of employers, narrow enough for 1366 px; a row clicked opens its employer (its id, else None)."""
    if not rows:
        st.info("Ingen virksomheder passer til filtrene. Ryd et filter, eller opret en ny virksomhed.")
        return None
    skipped = " · uden 2. kop"  # presented citizens without having seen the workplace
    frame = pd.DataFrame(
        {
            "Virksomhed": [r.employer.name for r in rows],
            "Postnr.": [r.employer.postcode for r in rows],
            "Fase": [vocab.EMPLOYER_STAGES[r.stage] + (skipped if r.skipped_workplace_visit else "") for r in rows],
            "Sidste kontakt": [
                (common.fmt_date(r.last_contact) if r.last_contact else "ingen") + cold(r) for r in rows
            ],
            "Næste skridt": [common.fmt_date(r.next_step_date) + (" · overskredet" if r.overdue else "") for r in rows],
            "Ejer": [r.owner_name or "–" for r in rows],
            "Job": [r.open_jobs for r in rows],
        }
    )
    widths: dict[str, Any] = {"Virksomhed": 230, "Postnr.": 60, "Fase": 110, "Sidste kontakt": 125,
                              "Næste skridt": 165, "Ejer": 125, "Job": 40}  # fmt: skip
    config = {name: st.column_config.Column(width=w) for name, w in widths.items()}
    config["Job"] = st.column_config.Column(width=40, help="Åbne jobåbninger")
    ids = [r.employer.employer_id for r in rows]
    st.caption("Klik på en række for at åbne virksomheden. Rød: næste skridt er overskredet.")
    return clickable_table(common.red_rows(frame, [r.overdue for r in rows]), ids, TABLE,
                           [r.employer.name for r in rows], column_config=config)  # fmt: skip


def cold(r: EmployerRow) -> str:
    return " · kold" if r.cold else ""


def open_employer(shown: list[EmployerRow], clicked: str | None) -> str | None:
    """The employer chosen to open among those on the page (a row clicked, or the picker); the one opened
    stays open and on offer while filters and pages change."""
    if clicked:
        st.session_state[SELECTED] = clicked
    labels = {r.employer.employer_id: f"{r.employer.name} ({r.employer.postcode})" for r in shown}
    addresses = {r.employer.employer_id: r.employer.address for r in shown}
    opened = st.session_state.get(SELECTED)
    if opened and opened not in labels:
        row = common.attempt(lambda: employer_service.employer_row(common.db(), opened, common.today()))
        if row:
            labels = {opened: f"{row.employer.name} ({row.employer.postcode})", **labels}
            addresses[opened] = row.employer.address
        else:
            st.session_state.pop(SELECTED)
    options = common.unique_labels(labels, addresses)
    return st.selectbox(
        "Åbn virksomhed", list(options), index=None, format_func=lambda i: options[i],
        placeholder="Vælg en virksomhed, eller klik på en række", key=SELECTED,
    )  # fmt: skip
