"""The pipeline board (employers per stage) and 'Mine næste skridt'."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import employers as employer_service
from oto_match.services.employers import EmployerRow
from oto_match.ui import common

CARDS_PER_STAGE = 25


def pipeline_board(rows: list[EmployerRow]) -> None:
    board = employer_service.pipeline(rows)
    columns = st.columns(len(board))
    for column, (stage, cards) in zip(columns, board.items(), strict=True):
        column.markdown(f"**{vocab.EMPLOYER_STAGES[stage]}** ({len(cards)})")
        for r in cards[:CARDS_PER_STAGE]:
            warn = " ⚠ ikke set arbejdspladsen" if r.skipped_workplace_visit else ""
            column.caption(
                f"**{r.employer.name}**{warn}  \nSidst: {common.fmt_date(r.last_contact)}{' (kold)' if r.cold else ''}"
                f"  \nNæste: {r.next_step or '–'} {common.fmt_date(r.next_step_date)}"
            )
        if len(cards) > CARDS_PER_STAGE:
            column.caption(f"… og {len(cards) - CARDS_PER_STAGE} flere")


def next_steps(rows: list[EmployerRow], actor: Staff) -> None:
    mine = employer_service.my_next_steps(rows, actor.staff_id)
    if not mine:
        st.info("Du har ingen virksomheder med et dateret næste skridt. Log et besøg og sæt et næste skridt.")
        return
    frame = pd.DataFrame(
        {
            "Dato": [common.fmt_date(r.next_step_date) for r in mine],
            "Status": ["overskredet" if r.overdue else "kommende" for r in mine],
            "Virksomhed": [r.employer.name for r in mine],
            "Næste skridt": [r.next_step for r in mine],
            "Fase": [vocab.EMPLOYER_STAGES[r.stage] for r in mine],
            "Kold": ["kold" if r.cold else "" for r in mine],
        }
    )
    st.dataframe(common.red_rows(frame, [r.overdue for r in mine]), hide_index=True, width="stretch")
