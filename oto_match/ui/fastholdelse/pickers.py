"""Pickers at national scale on Fastholdelse: a search narrows each list to at most ~100 choices ("Viser 100 af
4.883 forløb: skriv mere for at finde andre"), and what is already chosen stays on offer."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from oto_match import vocab
from oto_match.domain import Staff
from oto_match.services import citizen_lists
from oto_match.services import jobs as job_service
from oto_match.services import placements as placement_service
from oto_match.services.citizen_lists import CitizenWhere
from oto_match.storage.jobs import JobLine
from oto_match.storage.placement_lists import PlacementWhere
from oto_match.ui import common
from oto_match.ui.fastholdelse import keys
from oto_match.ui.lists import thousands

JOB_CHOICES_MAX = 100  # jobs offered at once in "Nyt forløb" (search for the rest)


def more_hint(where: DeltaGenerator, shown: int, matching: int, what: str) -> None:
    """Say that a search finds the rest when the picker does not offer every match."""
    if matching > shown:
        where.caption(f"Viser {thousands(shown)} af {thousands(matching)} {what}: skriv mere for at finde andre.")


def placement_picker(actor: Staff, team_id: str | None, status: str | None) -> str | None:
    """'Forløb': the placements a search finds (citizen or employer name), newest start first, and the one open
    (it stays open while the search and the toggles change); None when the team has none."""
    search = st.text_input("Søg forløb (borger eller virksomhed)", key=keys.PLACEMENT_SEARCH)
    chosen = st.session_state.get(keys.SELECTED_PLACEMENT)
    where = PlacementWhere(team_id, status, search)
    found = common.attempt(lambda: placement_service.placement_choices(common.db(), actor, where))
    rows, matching = found or ([], 0)
    if chosen and chosen not in {r.placement.placement_id for r in rows}:  # the open one stays, whatever the filters
        anywhere = PlacementWhere(None, None, "")
        kept = common.attempt(lambda: placement_service.placement_choices(common.db(), actor, anywhere, [chosen], 0))
        rows = [*(kept[0] if kept else []), *rows]
    if not rows and not search.strip():
        st.info("Ingen forløb her. Opret et under 'Nyt forløb', eller når en kandidat får jobbet.")
        return None
    labels = common.unique_labels(
        {
            r.placement.placement_id: f"{r.citizen_name} hos {r.employer_name} — "
            f"{vocab.JOB_TYPES[r.placement.placement_type]}, start {common.fmt_date(r.placement.start_date)}"
            + (" (afsluttet)" if r.placement.status == "ended" else "")
            for r in rows
        }
    )
    if chosen and chosen not in labels:
        st.session_state.pop(keys.SELECTED_PLACEMENT)  # no longer for this user to see
    more_hint(st.container(), min(len(rows), placement_service.PLACEMENT_CHOICES_MAX), matching, "forløb")
    return st.selectbox(
        "Forløb", list(labels), format_func=common.label_of(labels), index=None, key=keys.SELECTED_PLACEMENT,
        placeholder="Vælg et forløb (søg for andre)",
    )  # fmt: skip


def citizen_options(actor: Staff, where: DeltaGenerator, chosen: str | None) -> dict[str, str]:
    """Active citizens of the actor's team a search finds (by name), and the one already chosen."""
    search = where.text_input("Find borger (navn)", key=f"{keys.NEW_PLACEMENT_SEARCH}_citizen")
    asked = CitizenWhere(actor.team_id, search, active_only=True)
    found = common.attempt(lambda: citizen_lists.citizen_choices(common.db(), actor, asked, [chosen] if chosen else []))
    options, matching = found or ({}, 0)
    more_hint(where, len(options), matching, "borgere")
    return common.unique_labels(options)


def job_options(where: DeltaGenerator, chosen: str | None) -> dict[str, JobLine]:
    """Jobs (any status) a search finds (title or employer), newest first, and the one already chosen."""
    search = where.text_input("Find jobåbning (titel eller virksomhed)", key=f"{keys.NEW_PLACEMENT_SEARCH}_job")
    page = common.attempt(lambda: job_service.job_page(common.db(), None, search, 1, JOB_CHOICES_MAX))
    lines = {x.job.job_id: x for x in page.rows} if page else {}
    if chosen and chosen not in lines:
        kept = common.attempt(lambda: job_service.job_line(common.db(), chosen))
        lines = ({chosen: kept} if kept else {}) | lines
    more_hint(where, len(lines), page.matching if page else 0, "jobåbninger")
    return lines
