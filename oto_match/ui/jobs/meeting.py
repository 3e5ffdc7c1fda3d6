"""The team meeting view: the ranking with reasons, notes to the team, near misses and the excluded."""

from __future__ import annotations

import streamlit as st

from oto_match import scoring
from oto_match.domain import JobOpening, Staff
from oto_match.matching_rules import CRITERION_LABELS
from oto_match.services import candidates as candidate_service
from oto_match.services import matching as match_service
from oto_match.services.candidates import CandidateNote
from oto_match.services.matching import (
    CARD,
    EXCLUDED_LINE,
    MOST_SHOWN,
    NEAR_MISS_LINE,
    JobRanking,
    RankedCandidate,
    Screen,
)
from oto_match.ui import common, state
from oto_match.ui.jobs import keys

CARDS_PER_PAGE = 25  # candidate cards shown at first; "Vis flere" shows more
MAX_CARDS = MOST_SHOWN.cards  # cards on one page at most (the ranking kept with a decision stays small)
LIST_LIMIT = MOST_SHOWN.listed  # near misses and excluded citizens listed on the page


def _screen(job_id: str) -> Screen:
    """What the page shows of the job's ranking: only these citizens are explained in words."""
    return Screen(st.session_state.setdefault(keys.CARDS_SHOWN, {}).get(job_id, CARDS_PER_PAGE), LIST_LIMIT)


def current_ranking(actor: Staff, job: JobOpening, mine_only: bool, refresh: bool) -> JobRanking | None:
    """The ranking shown, kept between reruns; ranked again for another job, a changed job or on demand."""
    of = (job.job_id, job.version, mine_only)
    if refresh or st.session_state.get(keys.RANKING_OF) != of:
        team = actor.team_id if mine_only else None
        st.session_state[keys.RANKING] = common.attempt(
            lambda: match_service.rank_for_meeting(common.db(), actor, job.job_id, team, _screen(job.job_id))
        )
        st.session_state[keys.RANKING_OF] = of
    ranking: JobRanking | None = st.session_state.get(keys.RANKING)
    return ranking


def _checks_markdown(c: RankedCandidate) -> str:
    return "  \n".join(
        f"**{CRITERION_LABELS[ch.criterion]}**: {common.coloured_check(ch.status, ch.detail)}" for ch in c.checks
    )


def candidate_card(c: RankedCandidate, job_id: str, actor: Staff, notes: list[str]) -> None:
    with st.container(border=True):
        band = f" · score {common.fmt_number(c.score)} ({c.band})" if c.score is not None else ""
        st.markdown(f"**{c.citizen.name}** — {common.VERDICT_BADGES[c.verdict]}{band}")
        st.markdown(_checks_markdown(c))
        if c.citizen.consent_note:
            st.caption(f"Har sagt ja til at blive foreslået til: {c.citizen.consent_note}")
        if c.score is not None:
            with st.expander("Pointberegning"):
                for key, points in c.parts.as_points().items():
                    top, words = scoring.SCORE_COMPONENTS[key]
                    st.markdown(f"{scoring.COMPONENT_LABELS[key]}: **{common.fmt_number(points)}** af {top} — {words}")
                st.markdown(f"I alt: **{common.fmt_number(c.score)}**")
        for n in notes:
            st.caption(f":material/sticky_note_2: {n}")
        note_form(job_id, c.citizen.citizen_id, actor, len(notes))


def note_form(job_id: str, citizen_id: str, actor: Staff, count: int) -> None:
    """A note to the team; the input is new after each saved note (its key counts the notes)."""
    text = st.text_input("Note til teamet", key=keys.of("note", job_id, citizen_id, count))
    save = st.button("Gem note", key=keys.of("save_note", job_id, citizen_id, count))
    state.show_flash(keys.of(keys.NOTE_SAVED, job_id, citizen_id))  # right under the button
    if save:
        note = CandidateNote(job_id, citizen_id, text)
        if common.attempt_form(lambda: candidate_service.add_note(common.db(), actor, note)):
            state.flash(keys.of(keys.NOTE_SAVED, job_id, citizen_id), "Noten er gemt og vist ovenfor.")
            st.rerun()


def meeting_view(ranking: JobRanking, actor: Staff) -> None:
    job_id, counts = ranking.job.job_id, ranking.counts
    screen = _screen(job_id)
    common.attempt(lambda: match_service.show(common.db(), actor, ranking, screen))  # explained once, logged once
    notes: dict[str, list[str]] = {}
    for n in candidate_service.notes(common.db(), actor, job_id):
        notes.setdefault(n.citizen_id, []).append(
            f"{common.plain(n.text)} ({n.staff_name}, {n.happened_at:%d-%m-%Y %H:%M})"
        )
    proposals = counts["eligible"] + counts["uncertain"]
    st.markdown(f"#### Forslag ({counts['eligible']} passer, {counts['uncertain']} usikre)")
    st.caption("Værktøjet foreslår; teamet beslutter; borgeren skal selv ville.")
    if not proposals:
        st.info(
            "Ingen borgere passer eller kan passe. Se 'Kunne passe, hvis …' og tag det med tilbage til virksomheden."
        )
    for c in ranking.shown(screen, CARD):
        candidate_card(c, job_id, actor, notes.get(c.citizen.citizen_id, []))
    more = proposals - screen.cards
    if more > 0 and screen.cards < MAX_CARDS:
        if st.button(f"Vis flere ({more} mere)", key=keys.of("more", job_id)):
            st.session_state[keys.CARDS_SHOWN][job_id] = min(screen.cards + CARDS_PER_PAGE, MAX_CARDS)
            st.rerun()
    elif more > 0:
        st.caption(f"… og {more} flere. Brug `oto-match rank` for hele listen.")
    near_misses(ranking, screen)
    excluded(ranking, screen)


def near_misses(ranking: JobRanking, screen: Screen) -> None:
    count = ranking.counts["near_miss"]
    st.markdown(f"#### Kunne passe, hvis … ({count})")
    if not count:
        st.caption("Ingen udelukkede borgere ville passe med én ændring hos virksomheden.")
    for c in ranking.shown(screen, NEAR_MISS_LINE):
        st.markdown(f"- **{c.citizen.name}**: kunne passe, hvis {c.near_miss}")
    if count > screen.listed:
        st.caption(f"… og {count - screen.listed} flere. Brug `oto-match rank` for hele listen.")


def excluded(ranking: JobRanking, screen: Screen) -> None:
    """The excluded citizens and why; a near miss is already listed under 'Kunne passe, hvis …', so not again."""
    near = ranking.counts["near_miss"]
    count = ranking.counts["excluded"] - near
    rows = [r for r in ranking.rows(screen)[EXCLUDED_LINE] if not ranking.result.near_miss[r]]
    lines = [ranking.explained[r] for r in rows]
    heading = f"Udelukkede borgere ({count}) og hvorfor"
    if near:
        heading += " — dem, der kunne passe, står ovenfor"
    with st.expander(heading):
        if not count:
            st.caption("Alle udelukkede borgere står under 'Kunne passe, hvis …'.")
        for c in lines:
            fails = "; ".join(ch.detail for ch in c.checks if ch.status == "fail")
            st.markdown(f"**{c.citizen.name}**: {fails}")
        if count > len(lines):
            st.caption(f"… og {count - len(lines)} flere. Brug `oto-match rank` for hele listen.")
