"""Session state, named: the keys each page keeps and the typed hand-offs between pages.

A bare string key is easy to misspell and hard to find; every key lives here as a constant, and a
hand-off from one page to another is a small frozen object that says who handed what over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

# Who is acting. The sidebar widget writes WIDGET_ACTOR; the value is copied to ACTOR, which is not a
# widget key and therefore survives a page switch (Streamlit forgets a widget's key when the widget is
# not drawn, e.g. on the first run after st.switch_page).
WIDGET_ACTOR = "actor_id"
ACTOR = "acting_staff_id"


@dataclass(frozen=True)
class JobFromEmployer:
    """'Opret jobåbning hos denne virksomhed': the jobs page opens its form with this employer chosen."""

    employer_id: str
    handed_over_by: str


@dataclass(frozen=True)
class PlacementFromCandidate:
    """A candidate got the job: Fastholdelse opens 'Nyt forløb' with citizen and job chosen."""

    job_id: str
    citizen_id: str
    handed_over_by: str


@dataclass(frozen=True)
class OpenCitizen:
    """Open one citizen's profile on the Borgere page."""

    citizen_id: str
    handed_over_by: str


HANDOFF = "handoff"


def hand_over(handoff: Any) -> None:
    """Leave a hand-off for the next page to take."""
    st.session_state[HANDOFF] = handoff


def take(kind: type[Any]) -> Any | None:
    """The hand-off waiting for this page, if it is of `kind` (taken: it is used once)."""
    handoff = st.session_state.get(HANDOFF)
    if isinstance(handoff, kind):
        del st.session_state[HANDOFF]
        return handoff
    return None


def peek(kind: type[Any]) -> Any | None:
    """The waiting hand-off of `kind`, left in place."""
    handoff = st.session_state.get(HANDOFF)
    return handoff if isinstance(handoff, kind) else None


def flash(page: str, message: str, level: str = "success") -> None:
    """A message for the next run of `page` (after a save that reruns), shown once where the user acted."""
    st.session_state[f"flash_{page}"] = (level, message)


def show_flash(page: str) -> None:
    """Show and clear the waiting message of `page`, so an old message never lingers."""
    waiting = st.session_state.pop(f"flash_{page}", None)
    if waiting:
        level, message = waiting
        getattr(st, level)(message)
