"""The one error boundary around every page: users see Danish sentences, never a traceback."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

from oto_match.errors import OtoMatchError

log = logging.getLogger("oto_match")


def reference() -> str:
    """A short reference a user can read aloud to a colleague or a leader (e.g. 'A3F9C2')."""
    return secrets.token_hex(3).upper()


def run_guarded(page: Callable[[], None]) -> None:
    """Run a page. A project error shows its Danish message; anything else shows a reference
    number and writes the traceback with that reference to the server log.

    Streamlit's own control flow (st.stop, st.rerun, st.switch_page) derives from BaseException
    and passes through untouched.
    """
    try:
        page()
    except OtoMatchError as e:
        st.error(e.message)
    except Exception:
        ref = reference()
        log.exception("Uventet fejl, reference %s", ref)
        st.error(f"Der skete en fejl (reference {ref}) — prøv igen eller kontakt en leder.")
