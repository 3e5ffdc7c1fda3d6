"""Log opfølgning: what happened at a follow-up (planned, or an extra contact) and what changed."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from oto_match import vocab
from oto_match.domain import FollowUp, Placement, Staff
from oto_match.errors import OtoMatchError
from oto_match.placement_inputs import INITIATED_BY, FollowUpLog
from oto_match.services import followups as followup_service
from oto_match.ui import common, feedback
from oto_match.ui.dates import EARLIEST, LATEST
from oto_match.ui.fastholdelse import keys

EXTRA_CONTACT = ""
INITIATED_LABELS = {"team": "teamet", "citizen": "borgeren", "employer": "virksomheden"}


def followup_form(actor: Staff, p: Placement, open_ones: list[FollowUp]) -> None:
    """The form keeps what was typed when the save is refused; after a save it opens fresh, on this tab, with
    what was saved confirmed below the button."""
    titles = vocab.FOLLOWUP_CALENDAR_TITLES
    options = {f.followup_id: f"{common.fmt_date(f.due_date)} {titles[f.kind]}" for f in open_ones}
    options[EXTRA_CONTACT] = "Ekstra kontakt (uden for planen)"
    versions = {f.followup_id: f.version for f in open_ones}
    with st.form(keys.of(p, "followup")):
        which = st.selectbox("Hvilken opfølgning", list(options), format_func=common.label_of(options))
        c1, c2, c3 = st.columns(3)
        when = c1.date_input("Dato", common.today(), EARLIEST, LATEST, format="DD-MM-YYYY")
        with_whom = c2.selectbox("Hvem deltog", list(vocab.FOLLOWUP_PARTICIPANTS), index=2,
                                 format_func=lambda w: vocab.FOLLOWUP_PARTICIPANTS[w].capitalize())  # fmt: skip
        outcome = c3.selectbox(
            "Hvordan går det?", list(vocab.FOLLOWUP_OUTCOMES), format_func=common.label_of(vocab.FOLLOWUP_OUTCOMES)
        )
        initiated = st.selectbox("Hvem tog kontakt?", list(INITIATED_BY), format_func=common.label_of(INITIATED_LABELS))
        notes = st.text_area("Noter", height=68)
        st.markdown("**Ændringer** (valgfrit)")
        c4, c5 = st.columns(2)
        hours = c4.number_input(
            "Nye timer pr. uge",
            min_value=0.0,
            max_value=60.0,
            value=None,
            step=0.5,
            format=common.HOURS_FORMAT,
            placeholder=f"nu {common.fmt_number(p.hours_week, '?')}",
        )
        schedule = c5.text_input("Nye arbejdstider", placeholder=schedule_hint(p))
        add = common.strain_select("Nye skånehensyn (også på borgerens profil)")
        remove = common.strain_select("Skånehensyn der ikke længere gælder", options=p.agreed_strains)
        submitted = st.form_submit_button("Gem opfølgning", type="primary")
    feedback.show_saved(keys.FOLLOWUP_SAVED)  # below the button the user just pressed
    if not submitted:
        return
    log = FollowUpLog(when, with_whom or "", outcome or "", notes, hours, tuple(add), tuple(remove), schedule,
                      initiated or "")  # fmt: skip
    done = attempt_logged(lambda: followup_service.log_followup(
        common.db(), actor, p.placement_id, which or None, log, common.today(),
        placement_version=p.version, followup_version=versions.get(which or "", 0),
    ))  # fmt: skip
    if done:
        feedback.saved(keys.FOLLOWUP_SAVED, saved_message(p, done, log))
        st.rerun()


def schedule_hint(p: Placement) -> str:
    """The placeholder of 'Nye arbejdstider': the working times as they are now (as 'nu 7' for the hours)."""
    return f"nu {p.schedule}" if p.schedule else "fx man,ons 09:00-12:00"


def attempt_logged(save: Callable[[], FollowUp]) -> FollowUp | None:
    """Save; a refusal shows right below 'Gem opfølgning' (one line per field) and as a toast, because the rerun
    can leave the message below the fold where the user would think nothing happened."""
    try:
        return save()
    except OtoMatchError as e:
        st.error(common.error_markdown(e))
        st.toast(f"Opfølgningen er ikke gemt: {common.plain(e.message)}", icon=":material/error:")
        return None


def saved_message(p: Placement, done: FollowUp, log: FollowUpLog) -> str:
    """What was saved, in words: the day, who took part, how it went and what changed."""
    said = [
        f"Opfølgningen er gemt: {common.fmt_date(done.done_date or log.when)} med "
        f"{vocab.FOLLOWUP_PARTICIPANTS[done.with_whom]}, {vocab.FOLLOWUP_OUTCOMES[log.outcome]}."
    ]
    if log.new_hours is not None and log.new_hours != p.hours_week:
        said.append(f"Timer pr. uge: {common.fmt_number(p.hours_week)} → {common.fmt_number(log.new_hours)}.")
    if log.new_schedule is not None and log.new_schedule != p.schedule:
        said.append(f"Arbejdstider: {common.plain(p.schedule) or '–'} → {common.plain(log.new_schedule)}.")
    if log.add_strains:
        said.append(f"Nye skånehensyn: {vocab.strain_labels(log.add_strains)} (også på borgerens profil).")
    if log.remove_strains:
        said.append(f"Gælder ikke længere: {vocab.strain_labels(log.remove_strains)} (også rettet på profilen).")
    if done.outcome == "concern":
        said.append("Der er en opfølgning inden for en uge; de planlagte opfølgninger ligger fast.")
    return " ".join(said)
