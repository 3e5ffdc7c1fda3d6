"""Log opfølgning: what happened at a follow-up (planned, or an extra contact) and what changed."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import FollowUp, Placement, Staff
from oto_match.placement_inputs import INITIATED_BY, FollowUpLog
from oto_match.services import followups as followup_service
from oto_match.ui import common, state
from oto_match.ui.dates import EARLIEST, LATEST
from oto_match.ui.fastholdelse import keys

EXTRA_CONTACT = ""
INITIATED_LABELS = {"team": "teamet", "citizen": "borgeren", "employer": "virksomheden"}


def followup_form(actor: Staff, p: Placement, open_ones: list[FollowUp]) -> None:
    """The form keeps what was typed when the save is refused; after a save it opens fresh, on this tab."""
    state.show_flash(keys.FOLLOWUP_SAVED)
    titles = vocab.FOLLOWUP_CALENDAR_TITLES
    options = {f.followup_id: f"{common.fmt_date(f.due_date)} {titles[f.kind]}" for f in open_ones}
    options[EXTRA_CONTACT] = "Ekstra kontakt (uden for planen)"
    versions = {f.followup_id: f.version for f in open_ones}
    with st.form(keys.of(p, "followup")):
        which = st.selectbox("Hvilken opfølgning", list(options), format_func=common.label_of(options))
        c1, c2, c3 = st.columns(3)
        when = c1.date_input("Dato", common.today(), EARLIEST, LATEST, format="DD-MM-YYYY")
        with_whom = c2.selectbox(
            "Med", list(vocab.FOLLOWUP_WITH), index=2, format_func=common.label_of(vocab.FOLLOWUP_WITH)
        )
        outcome = c3.selectbox(
            "Hvordan går det?", list(vocab.FOLLOWUP_OUTCOMES), format_func=common.label_of(vocab.FOLLOWUP_OUTCOMES)
        )
        initiated = st.selectbox("Hvem tog kontakt?", list(INITIATED_BY), format_func=common.label_of(INITIATED_LABELS))
        notes = st.text_area("Noter", height=68)
        st.markdown("**Ændringer** (valgfrit)")
        c4, c5 = st.columns(2)
        hours = c4.number_input("Nye timer pr. uge", min_value=0.0, max_value=60.0, value=None, step=1.0)
        schedule = c5.text_input("Nye arbejdstider", placeholder="man,ons 09:00-12:00")
        add = common.strain_select("Nye skånehensyn (også på borgerens profil)")
        remove = common.strain_select("Skånehensyn der ikke længere gælder", options=p.agreed_strains)
        if not st.form_submit_button("Gem opfølgning", type="primary"):
            return
    log = FollowUpLog(when, with_whom or "", outcome or "", notes, hours, tuple(add), tuple(remove), schedule,
                      initiated or "")  # fmt: skip
    done = common.attempt(lambda: followup_service.log_followup(
        common.db(), actor, p.placement_id, which or None, log, common.today(),
        placement_version=p.version, followup_version=versions.get(which or "", 0),
    ))  # fmt: skip
    if done:
        message = "Opfølgningen er gemt."
        if add or remove:
            message += " Skånehensynene er også rettet på borgerens profil."
        if done.outcome == "concern":
            message += " Der er en opfølgning inden for en uge; de planlagte opfølgninger ligger fast."
        state.flash(keys.FOLLOWUP_SAVED, message)
        st.rerun()
