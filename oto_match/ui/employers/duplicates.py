"""'Dubletter': the on-demand scan for likely duplicates and the manual merge."""

from __future__ import annotations

from functools import partial

import streamlit as st

from oto_match.domain import Staff
from oto_match.services import employer_dedup as dedup_service
from oto_match.services import employers as employer_service
from oto_match.ui import common, state

PAIRS = "employers.duplicate_pairs"  # the last scan's pairs (None: not scanned yet)
FLASH = "employers.duplicates"


def duplicates_tab(actor: Staff) -> None:
    st.caption(
        "Sandsynlige dubletter: samme P-nummer, eller næsten samme navn i samme postnummer. "
        "Arbejdspladser i samme kæde (samme CVR, forskellige P-numre) er søskende, ikke dubletter. "
        "Intet flettes automatisk."
    )
    state.show_flash(FLASH)
    if st.button("Søg efter dubletter nu", key="scan_duplicates"):
        st.session_state[PAIRS] = common.attempt(lambda: dedup_service.scan(common.db())) or []
    pairs = st.session_state.get(PAIRS)
    if pairs is None:
        st.info("Tryk 'Søg efter dubletter nu' for at gennemgå registret.")
        return
    if not pairs:
        st.success("Ingen sandsynlige dubletter.")
        return
    names = dict(employer_service.employer_names(common.db()))
    for n, p in enumerate(pairs):
        with st.container(border=True):
            st.markdown(
                f"**{names.get(p.a, p.a)}** ({p.a}) ~ **{names.get(p.b, p.b)}** ({p.b}) — "
                f"{p.score:.0f}: {', '.join(p.reasons)}"
            )
            keep = st.radio(
                "Behold", [p.a, p.b], format_func=lambda i: names.get(i, i), key=f"keep_{n}", horizontal=True
            )
            other = p.b if keep == p.a else p.a
            sure = st.checkbox(f"Ja, flyt alt fra {names.get(other, other)} over og flet", key=f"sure_{n}")
            if st.button("Flet", key=f"merge_{n}", disabled=not sure):
                result = common.attempt(partial(dedup_service.merge, common.db(), actor, keep, other))
                if result:
                    moved = ", ".join(f"{k}: {v}" for k, v in result.moved.items())
                    st.session_state.pop(PAIRS, None)
                    state.flash(FLASH, f"Flettet. Flyttet: {moved}.")
                    st.rerun()
