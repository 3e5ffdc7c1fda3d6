"""Widgets of the Jobåbninger & match page: job intake, the team meeting view and the candidate list."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from oto_match import scoring, vocab
from oto_match.domain import JobOpening, Staff
from oto_match.matching_rules import CRITERION_LABELS
from oto_match.services import employers as employer_service
from oto_match.services import jobs as job_service
from oto_match.services import matching as match_service
from oto_match.services.matching import CANDIDATE_FLOW, JobRanking, RankedCandidate
from oto_match.ui import common

VERDICT_LABELS = common.VERDICT_BADGES
CARDS_PER_PAGE = 25  # candidate cards shown at first; "Vis flere" shows more
LIST_LIMIT = 100  # near misses and excluded citizens listed on the page


def job_form(actor: Staff, employers: dict[str, str], preselected: str | None) -> None:
    """Job intake: the fields of jobs.csv plus start date, positions, deadline and status."""
    ids = list(employers)
    with st.form("job_form"):
        employer_id = st.selectbox(
            "Virksomhed *",
            ids,
            index=ids.index(preselected) if preselected in ids else None,
            format_func=lambda i: employers[i],
            placeholder="Vælg virksomhed",
        )
        c1, c2 = st.columns(2)
        title = c1.text_input("Titel *")
        job_type = c2.selectbox("Jobtype", list(vocab.JOB_TYPES), format_func=common.label_of(vocab.JOB_TYPES))
        description = st.text_area("Beskrivelse (opgaver)", height=80)
        c3, c4, c5 = st.columns(3)
        hours_min = c3.number_input("Mindst timer/uge", min_value=0.0, max_value=60.0, value=None, step=1.0)
        hours_max = c4.number_input("Højst timer/uge", min_value=0.0, max_value=60.0, value=None, step=1.0)
        postcode = c5.text_input("Postnummer (tom = virksomhedens)")
        schedule = st.text_input("Arbejdstider (tom = aftales)", placeholder="man-fre 09:00-12:00")
        strains = common.strain_select("Belastninger i arbejdet")
        removable = common.strain_select("… som jobbet kan fjerne")
        c6, c7, c8, c9 = st.columns(4)
        danish = c6.selectbox(
            "Krav til dansk", list(vocab.DANISH_LEVELS), format_func=common.label_of(vocab.DANISH_LEVELS)
        )
        driving = c7.checkbox("Kørekort kræves")
        positions = c8.number_input("Antal stillinger", min_value=1, value=1, step=1)
        status = c9.selectbox("Status", list(vocab.JOB_STATUSES), format_func=common.label_of(vocab.JOB_STATUSES))
        c10, c11 = st.columns(2)
        start = c10.date_input("Startdato", value=None, format="DD-MM-YYYY")
        deadline = c11.date_input("Svarfrist", value=None, format="DD-MM-YYYY")
        if not st.form_submit_button("Gem jobåbning", type="primary"):
            return
    values = {
        "employer_id": employer_id or "",
        "title": title,
        "description": description,
        "job_type": job_type,
        "hours_min_week": "" if hours_min is None else str(hours_min),
        "hours_max_week": "" if hours_max is None else str(hours_max),
        "schedule": schedule,
        "postcode": postcode,
        "strains": ";".join(strains),
        "removable_strains": ";".join(removable),
        "danish_level_required": str(danish),
        "driving_required": "yes" if driving else "no",
    }
    extra = {
        "start_date": start,
        "deadline": deadline,
        "positions": int(positions),
        "status": status,
        "team_id": actor.team_id,
    }
    job = common.attempt(lambda: job_service.save_job(common.db(), actor, values, extra))
    if job:
        st.session_state["selected_job"] = job.job_id
        st.session_state.pop("job_form_employer", None)
        st.success(f"Jobåbningen '{job.title}' er gemt. Vælg den under Jobåbninger for at se matchet.")


def _hours_range(job: JobOpening) -> str:
    low = common.fmt_number(job.hours_min_week, "?")
    high = common.fmt_number(job.hours_max_week, "?")
    return f"{low}–{high}"


def jobs_overview(jobs: list[JobOpening], names: dict[str, str]) -> None:
    """The job openings as a table (deadline passed in red), so the team sees what is waiting for a match."""
    today_ = today()
    rows = [
        {
            "Job": j.title,
            "Virksomhed": names.get(j.employer_id, j.employer_id),
            "Type": vocab.JOB_TYPES[j.job_type],
            "Timer/uge": _hours_range(j),
            "Arbejdstider": j.schedule or "aftales",
            "Stillinger": j.positions,
            "Start": common.fmt_date(j.start_date),
            "Svarfrist": common.fmt_date(j.deadline),
            "Status": vocab.JOB_STATUSES[j.status],
        }
        for j in jobs
    ]
    overdue = [j.deadline_passed(today_) for j in jobs]
    st.caption(f"{len(jobs)} jobåbning(er). Vælg en herunder for at se teamets rangering. Rød: svarfrist overskredet.")
    st.dataframe(common.red_rows(pd.DataFrame(rows), overdue), hide_index=True, width="stretch")


def job_card(job: JobOpening, employer_name: str) -> None:
    with st.container(border=True):
        st.markdown(f"### {job.title} — {employer_name}")
        st.markdown(
            f"**{vocab.JOB_TYPES[job.job_type]}** · {_hours_range(job)} t/uge · "
            f"arbejdstider: {job.schedule or 'aftales'} · "
            f"{job.positions} stilling(er) · start {common.fmt_date(job.start_date)} · "
            f"svarfrist {common.fmt_date(job.deadline)}"
        )
        st.markdown(
            f"Belastninger: {vocab.strain_labels(job.strains) or 'ingen'}"
            f"{' (kan fjernes: ' + vocab.strain_labels(job.removable_strains) + ')' if job.removable_strains else ''}"
            f" · dansk: {vocab.DANISH_LEVELS[job.danish_level_required]}"
            f"{' · kørekort kræves' if job.driving_required else ''}"
        )
        if job.description:
            st.caption(job.description)


def _checks_markdown(c: RankedCandidate) -> str:
    return "  \n".join(
        f"**{CRITERION_LABELS[ch.criterion]}**: {common.coloured_check(ch.status, ch.detail)}" for ch in c.checks
    )


def candidate_card(c: RankedCandidate, job_id: str, actor: Staff, notes: list[str]) -> None:
    with st.container(border=True):
        band = f" · score {common.fmt_number(c.score)} ({c.band})" if c.score is not None else ""
        st.markdown(f"**{c.citizen.name}** — {VERDICT_LABELS[c.verdict]}{band}")
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
            st.caption(f"📝 {n}")
        text = st.text_input("Note til teamet", key=f"note_{job_id}_{c.citizen.citizen_id}")
        clicked = st.button("Gem note", key=f"save_note_{job_id}_{c.citizen.citizen_id}")
        if clicked and common.attempt(
            lambda: match_service.add_note(common.db(), actor, job_id, c.citizen.citizen_id, text)
        ):
            st.rerun()


def meeting_view(ranking: JobRanking, actor: Staff) -> None:
    notes: dict[str, list[str]] = {}
    for n in match_service.notes(common.db(), ranking.job.job_id):
        notes.setdefault(n.citizen_id, []).append(f"{n.text} ({n.staff_id}, {n.happened_at:%d-%m %H:%M})")
    ranked = ranking.of("eligible") + ranking.of("uncertain")
    st.markdown(f"#### Forslag ({len(ranking.of('eligible'))} passer, {len(ranking.of('uncertain'))} usikre)")
    st.caption("Værktøjet foreslår; teamet beslutter; borgeren skal selv ville.")
    if not ranked:
        st.info(
            "Ingen borgere passer eller kan passe. Se 'Kunne passe, hvis …' og tag det med tilbage til virksomheden."
        )
    shown = st.session_state.get(f"cards_{ranking.job.job_id}", CARDS_PER_PAGE)
    for c in ranked[:shown]:
        candidate_card(c, ranking.job.job_id, actor, notes.get(c.citizen.citizen_id, []))
    if len(ranked) > shown and st.button(f"Vis flere ({len(ranked) - shown} mere)", key=f"more_{ranking.job.job_id}"):
        st.session_state[f"cards_{ranking.job.job_id}"] = shown + CARDS_PER_PAGE
        st.rerun()
    misses = ranking.near_misses
    st.markdown(f"#### Kunne passe, hvis … ({len(misses)})")
    if not misses:
        st.caption("Ingen udelukkede borgere ville passe med én ændring hos virksomheden.")
    for c in misses[:LIST_LIMIT]:
        st.markdown(f"- **{c.citizen.name}**: kunne passe, hvis {c.near_miss}")
    if len(misses) > LIST_LIMIT:
        st.caption(f"… og {len(misses) - LIST_LIMIT} flere. Brug `oto-match rank` for hele listen.")
    excluded = ranking.of("excluded")
    with st.expander(f"Udelukkede borgere ({len(excluded)}) og hvorfor"):
        for c in excluded[:LIST_LIMIT]:
            fails = "; ".join(ch.detail for ch in c.checks if ch.status == "fail")
            st.markdown(f"**{c.citizen.name}**: {fails}")
        if len(excluded) > LIST_LIMIT:
            st.caption(f"… og {len(excluded) - LIST_LIMIT} flere. Brug `oto-match rank` for hele listen.")


def decision_form(ranking: JobRanking, actor: Staff) -> None:
    """Record which citizens the team proposes, by whom and why; excluded ones need an override reason."""
    by_id = {c.citizen.citizen_id: c for c in ranking.candidates}
    words = {"eligible": "passer", "uncertain": "usikker", "excluded": "udelukket"}
    labels = common.unique_labels({i: f"{c.citizen.name} ({words[c.verdict]})" for i, c in by_id.items()})
    chosen = st.multiselect(
        "Teamet foreslår", list(by_id), key=f"propose_{ranking.job.job_id}", format_func=labels.get, placeholder="Vælg"
    )
    overrides = {}
    for cid in chosen:
        if by_id[cid].verdict == "excluded":
            st.warning(
                f"{by_id[cid].citizen.name} er vurderet udelukket: "
                + "; ".join(ch.detail for ch in by_id[cid].checks if ch.status == "fail")
            )
            overrides[cid] = st.text_area(
                f"Hvorfor foreslår I {by_id[cid].citizen.name} alligevel? *", key=f"override_{ranking.job.job_id}_{cid}"
            )
    reason = st.text_area("Teamets begrundelse *", key=f"reason_{ranking.job.job_id}")
    if st.button("Gem teamets beslutning", type="primary", key=f"decide_{ranking.job.job_id}"):
        proposals = [match_service.Proposal(cid, "", overrides.get(cid, "")) for cid in chosen]
        decision = common.attempt(lambda: match_service.record_decision(common.db(), actor, ranking, proposals, reason))
        if decision:
            st.success("Beslutningen er gemt sammen med rangeringen, som den blev vist.")


def candidate_list(job_id: str, actor: Staff, names: dict[str, str]) -> None:
    entries = match_service.candidate_list(common.db(), job_id)
    if not entries:
        st.info("Ingen borgere er foreslået til dette job endnu.")
        return
    for cand, events in entries:
        with st.container(border=True):
            override = f" · ⚠ foreslået trods udelukket: {cand.override_reason}" if cand.override_reason else ""
            st.markdown(
                f"**{names.get(cand.citizen_id, cand.citizen_id)}** — {vocab.CANDIDATE_STATES[cand.state]}{override}"
            )
            st.caption(
                " → ".join(
                    f"{vocab.CANDIDATE_STATES[e.state]} ({e.happened_at:%d-%m-%Y}, {e.staff_id})" for e in events
                )
            )
            cols = st.columns(max(1, len(CANDIDATE_FLOW[cand.state])))
            for col, nxt in zip(cols, CANDIDATE_FLOW[cand.state], strict=False):
                if col.button(vocab.CANDIDATE_STATES[nxt], key=f"move_{job_id}_{cand.citizen_id}_{nxt}"):
                    result = common.attempt(
                        lambda n=nxt, c=cand: match_service.move_candidate(common.db(), actor, job_id, c.citizen_id, n)
                    )
                    if result:
                        st.session_state["move_message"] = (result.warning, result.offer_placement, cand.citizen_id)
                        st.rerun()


def employer_names() -> dict[str, str]:
    return common.unique_labels(dict(employer_service.employer_names(common.db())))


def jobs_table(jobs: list[JobOpening], names: dict[str, str]) -> dict[str, str]:
    return common.unique_labels(
        {
            j.job_id: f"{j.title} — {names.get(j.employer_id, j.employer_id)} ({vocab.JOB_STATUSES[j.status]})"
            for j in jobs
        }
    )


def today() -> date:
    return common.today()
