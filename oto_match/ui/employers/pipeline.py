"""The pipeline board (employers per stage, the most recent of each) and 'Mine næste skridt' (paged)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import employers as employer_service
from oto_match.services.employers import EmployerRow
from oto_match.ui import common
from oto_match.ui.lists import and_others, page_number, page_picker, thousands

NEXT_STEPS_PAGE = "employers.next_steps_page"


def pipeline_board() -> None:
    board = employer_service.pipeline(common.db(), common.today())
    columns = st.columns(len(board))
    for column, stage in zip(columns, board, strict=True):
        column.markdown(f"**{vocab.EMPLOYER_STAGES[stage.stage]}** ({thousands(stage.count)})")
        for r in stage.rows:
            column.caption(card_text(r))
        if stage.count > len(stage.rows):
            column.caption(f"… {and_others(stage.count - len(stage.rows))} (find dem i registret)")


def card_text(r: EmployerRow) -> str:
    """One employer on the board, in words and colour: last contact (cold), the next step (overdue in red)."""
    warn = "  \n:orange[Har ikke set arbejdspladsen]" if r.skipped_workplace_visit else ""
    cold = " :blue[kold]" if r.cold else ""
    if r.next_step or r.next_step_date:
        step = f"Næste: {common.plain(r.next_step) or 'skridt'} {common.fmt_date(r.next_step_date)}".rstrip(" –")
        step = f":red[**Overskredet:** {step.removeprefix('Næste: ')}]" if r.overdue else step
    else:
        step = "Intet næste skridt aftalt"
    last = common.fmt_date(r.last_contact) if r.last_contact else "ingen kontakt endnu"
    return f"**{common.plain(r.employer.name)}**{warn}  \nSidst: {last}{cold}  \n{step}"


def next_steps(actor: Staff) -> None:
    page = employer_service.my_next_steps(common.db(), actor.staff_id, common.today(), page_number(NEXT_STEPS_PAGE))
    mine = page.rows
    if not mine:
        st.info("Du har ingen virksomheder med et dateret næste skridt. Log et besøg og sæt et næste skridt.")
        return
    frame = pd.DataFrame(
        {
            "Dato": [common.fmt_date(r.next_step_date) for r in mine],
            "Status": ["Overskredet" if r.overdue else "kommende" for r in mine],
            "Virksomhed": [r.employer.name for r in mine],
            "Næste skridt": [r.next_step for r in mine],
            "Fase": [vocab.EMPLOYER_STAGES[r.stage] for r in mine],
            "Kold": ["kold" if r.cold else "" for r in mine],
        }
    )
    st.dataframe(common.red_rows(frame, [r.overdue for r in mine]), hide_index=True, width="stretch")
    page_picker(NEXT_STEPS_PAGE, page.page, page.pages, page.size, page.matching, "næste skridt")
