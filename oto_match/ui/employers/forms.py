"""One id per open form: the record id a new record gets, and the suffix of its widget keys.

A form sent twice carries the same id, so the service creates one record (the second is refused);
after a save the id is dropped, so the next form is empty and gets a new id.
"""

from __future__ import annotations

import streamlit as st

from oto_match.domain import new_id

FORM_IDS = "employers.form_ids"  # form key -> id of the record the open form creates


def form_id(form_key: str, prefix: str) -> str:
    ids = st.session_state.setdefault(FORM_IDS, {})
    if form_key not in ids:
        ids[form_key] = new_id(prefix)
    return str(ids[form_key])


def done(form_key: str) -> None:
    """The form's record is saved: the next form starts empty with a new id."""
    st.session_state.get(FORM_IDS, {}).pop(form_key, None)
