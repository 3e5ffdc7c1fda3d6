"""'Dubletter': the kept duplicate scan, 25 pairs at a time (strongest first, filtered), and the manual merge."""

from __future__ import annotations

from functools import partial

import streamlit as st

from oto_match import vocab
from oto_match.dedup import REASONS, reason_texts
from oto_match.domain import Staff
from oto_match.services import employer_dedup as dedup_service
from oto_match.services.employer_dedup import PairFilter, ScanStatus
from oto_match.storage.employers import KeptPair
from oto_match.ui import common, state
from oto_match.ui.lists import page_number, page_picker, thousands

FLASH = "employers.duplicates"
FLASH_TOAST = "employers.duplicates_toast"  # the merged pair is gone from the list: say it in a toast too
PAGE = "employers.duplicates_page"


def duplicates_tab(actor: Staff) -> None:
    st.caption(
        "Sandsynlige dubletter: samme P-nummer, samme CVR og adresse, eller næsten samme navn i samme postnummer. "
        "Arbejdspladser i samme kæde (samme CVR, forskellige P-numre eller adresser) er søskende, ikke dubletter. "
        "Intet flettes automatisk."
    )
    state.show_flash(FLASH)
    state.show_flash(FLASH_TOAST)
    status = common.attempt(lambda: dedup_service.scan_status(common.db()))
    if st.button("Søg efter dubletter nu", key="scan_duplicates"):
        with st.spinner("Gennemgår registret …"):
            status = common.attempt(lambda: dedup_service.run_scan(common.db(), actor)) or status
    if status is None:
        st.info("Tryk 'Søg efter dubletter nu' for at gennemgå registret. Resultatet gemmes til næste gang.")
        return
    describe(status)
    if status.pairs:
        pairs_list(actor)


def describe(status: ScanStatus) -> None:
    when = f"{common.fmt_date(status.computed_at.date())} kl. {status.computed_at:%H:%M}"
    pairs = "1 sandsynlig dublet" if status.pairs == 1 else f"{thousands(status.pairs)} sandsynlige dubletter"
    found = f"{pairs} blandt {thousands(status.employers)} virksomheder"
    if status.outdated:
        st.warning(f"Registret er ændret siden søgningen {when} ({found}). Søg igen for at få listen opdateret.")
    elif status.pairs:
        st.caption(f"Søgningen {when}: {found}.")
    else:
        st.success(f"Ingen sandsynlige dubletter (søgningen {when}).")


def pairs_list(actor: Staff) -> None:
    postcodes = common.attempt(lambda: dedup_service.pair_postcodes(common.db())) or []
    c1, c2 = st.columns(2)
    postcode = c1.selectbox("Postnummer", ["", *postcodes], format_func=lambda p: p or "alle", key="dup_postcode")
    reasons = {"": "alle", **REASONS}
    reason = c2.selectbox("Årsag", list(reasons), format_func=common.label_of(reasons), key="dup_reason")
    page = common.attempt(lambda: dedup_service.pair_page(common.db(), PairFilter(postcode, reason), page_number(PAGE)))
    if page is None:
        return
    if not page.pairs:
        st.info("Ingen par passer til filtrene.")
    for pair in page.pairs:
        pair_card(actor, pair)
    page_picker(PAGE, page.page, page.pages, dedup_service.PAGE_SIZE, page.matching, "par, stærkeste først")


def _reasons(p: KeptPair) -> tuple[str, ...]:
    """The pair's reasons in today's words (a scan kept from before may hold older wording, e.g. with scores)."""
    return reason_texts(tuple(p.codes), "samme CVR" in p.reasons)


def pair_card(actor: Staff, p: KeptPair) -> None:
    names = common.unique_labels({p.a_id: p.a_name, p.b_id: p.b_name}, {p.a_id: p.a_address, p.b_id: p.b_address})
    key = f"{p.a_id}_{p.b_id}"
    with st.container(border=True):
        st.markdown(
            f"**{common.plain(p.a_name)}**, {common.plain(p.a_address or '–')}, {p.a_postcode}  \n"
            f"**{common.plain(p.b_name)}**, {common.plain(p.b_address or '–')}, {p.b_postcode}  \n"
            f"Derfor ligner de hinanden: {', '.join(_reasons(p))}"
        )
        keep = st.radio("Behold", [p.a_id, p.b_id], format_func=names.__getitem__, key=f"keep_{key}", horizontal=True)
        other = p.b_id if keep == p.a_id else p.a_id
        sure = st.checkbox(f"Ja, flyt alt fra {names[other]} over og flet", key=f"sure_{key}")
        if st.button("Flet", key=f"merge_{key}", disabled=not sure):
            result = common.attempt(partial(dedup_service.merge, common.db(), actor, keep, other))
            if result:
                moved = ", ".join(f"{n} {vocab.ENTITY_WORDS.get(t, t)}" for t, n in result.moved.items() if n)
                message = f"Flettet: {names[other]} er nu en del af {names[keep]}. Flyttet: {moved or 'intet'}."
                state.flash(FLASH, message)
                state.flash(FLASH_TOAST, message, "toast")
                st.rerun()
