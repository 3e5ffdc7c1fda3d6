"""Widgets of the Fastholdelse page: follow-up lists, the placement view, and the forms."""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from oto_match import calendar_export, schemes, vocab
from oto_match import followups as cadence
from oto_match.domain import Placement, Staff
from oto_match.services import citizens as citizen_service
from oto_match.services import employers as employer_service
from oto_match.services import jobs as job_service
from oto_match.services import placements as placement_service
from oto_match.services.placements import DueFollowUp, FollowUpLog
from oto_match.ui import common
from oto_match.validation import parse_windows_text


def followup_table(items: list[DueFollowUp], empty: str) -> None:
    if not items:
        st.success(empty)
        return
    st.dataframe(
        common.red_rows(
            pd.DataFrame(
                {
                    "Frist": [common.fmt_date(f.due_date) + (" · forfalden" if f.overdue else "") for f in items],
                    "Borger": [f.citizen_name for f in items],
                    "Virksomhed": [f.employer_name for f in items],
                    "Type": [calendar_export.KIND_LABELS.get(f.kind, f.kind) for f in items],
                    "Med": [vocab.FOLLOWUP_WITH[f.with_whom] for f in items],
                }
            ),
            [f.overdue for f in items],
        ),
        hide_index=True,
        width="stretch",
    )


def my_followups(actor: Staff) -> None:
    today = common.today()
    mine = placement_service.due_followups(
        common.db(), actor, today, due_by=cadence.end_of_week(today), staff_id=actor.staff_id
    )
    st.caption("Opfølgninger i forløb, hvor du er i makkerparret: forfaldne (røde) først, derefter resten af ugen.")
    followup_table(mine, "Du har ingen forfaldne opfølgninger eller opfølgninger resten af ugen.")
    st.download_button(
        "Hent mine opfølgninger til Outlook (.ics)",
        lambda: placement_service.calendar(common.db(), actor, today),
        file_name="oto-opfoelgninger.ics",
        mime="text/calendar",
    )


def team_followups(actor: Staff) -> None:
    items = placement_service.due_followups(common.db(), actor, common.today(), team_id=actor.team_id)
    followup_table(items, "Teamet har ingen åbne opfølgninger.")


def hours_chart(view: placement_service.PlacementView) -> None:
    if not view.hours:
        st.caption("Ingen timer registreret.")
        return
    frame = pd.DataFrame(
        {"Dato": [h.effective_date for h in view.hours], "Timer/uge": [h.hours_week for h in view.hours]}
    )
    end = view.placement.end_date or common.today()
    frame = pd.concat([frame, pd.DataFrame({"Dato": [end], "Timer/uge": [view.hours[-1].hours_week]})])
    chart = alt.Chart(frame).mark_line(interpolate="step-after", point=True).encode(x="Dato:T", y="Timer/uge:Q")
    st.altair_chart(chart, width="stretch")


def placement_details(actor: Staff, placement_id: str) -> None:
    view = common.attempt(lambda: placement_service.placement_view(common.db(), actor, placement_id, common.today()))
    if not view:
        return
    p = view.placement
    st.subheader(f"{view.citizen_name} hos {view.employer_name}")
    agreed = "✅ aftalt (borger og virksomhed har accepteret)" if p.agreed else "⏳ ikke aftalt endnu"
    st.caption(
        f"{vocab.JOB_TYPES[p.placement_type]} · start {common.fmt_date(p.start_date)} · planlagt slut "
        f"{common.fmt_date(p.planned_end_date)} · {common.fmt_number(p.hours_week, '?')} t/uge · {agreed}"
    )
    if p.released_on:
        st.info(f"Sluppet af teamet {common.fmt_date(p.released_on)}: borgeren klarer jobbet selv.")
    for w in view.warnings:
        {"error": st.error, "warning": st.warning, "info": st.info}[w.level](w.message)
    with st.expander("Forventningsafstemning"):
        st.markdown(
            f"**Virksomheden forventer** {p.employer_expects or '–'}  \n"
            f"**Borgeren forventer** {p.citizen_expects or '–'}  \n"
            f"**Succes for virksomheden** {p.success_employer or '–'}  \n"
            f"**Succes for borgeren** {p.success_citizen or '–'}  \n"
            f"**Aftalte skånehensyn** {vocab.strain_labels(p.agreed_strains) or '–'}  \n"
            f"**Tilpasninger** {p.adaptations_note or '–'}  \n**Vejen til løntimer** {p.path_to_paid or '–'}"
        )
        contacts = {
            c.contact_id: f"{c.name} ({c.role or 'kontakt'}, {c.phone or '–'})"
            for c in placement_service.employer_contacts(common.db(), p.employer_id)
        }
        ids = [None, *contacts]
        contact = st.selectbox(
            "Kontaktperson hos virksomheden",
            ids,
            index=ids.index(p.contact_id) if p.contact_id in ids else 0,
            format_func=lambda i: "–" if i is None else contacts[i],
            key=f"contact_{p.placement_id}",
        )
        if contact != p.contact_id and st.button("Gem kontaktperson", key=f"save_contact_{p.placement_id}"):
            common.attempt(lambda: placement_service.set_contact(common.db(), actor, p.placement_id, contact))
            st.rerun()
        c1, c2 = st.columns(2)
        citizen_ok = c1.checkbox("Borgeren har accepteret", value=p.citizen_accepted, key=f"acc_c_{p.placement_id}")
        employer_ok = c2.checkbox(
            "Virksomheden har accepteret", value=p.employer_accepted, key=f"acc_e_{p.placement_id}"
        )
        if st.button("Gem accept", key=f"save_acc_{p.placement_id}"):
            common.attempt(
                lambda: placement_service.record_agreement(common.db(), actor, p.placement_id, citizen_ok, employer_ok)
            )
            st.rerun()
    tab_log, tab_time, tab_hours, tab_end = st.tabs(["Log opfølgning", "Tidslinje", "Timer over tid", "Afslut / slip"])
    with tab_hours:
        hours_chart(view)
    with tab_time:
        for f in view.followups:
            mark = "🔴" if f.is_overdue(common.today()) else {"open": "⏳", "done": "✅", "cancelled": "✖"}[f.status]
            outcome = f" — {vocab.FOLLOWUP_OUTCOMES[f.outcome]}: {f.notes}" if f.outcome else ""
            st.markdown(
                f"{mark} {common.fmt_date(f.due_date)} {calendar_export.KIND_LABELS[f.kind]} "
                f"({vocab.FOLLOWUP_WITH[f.with_whom]}){outcome}"
            )
    if p.status != "active":
        with tab_log:
            reason = vocab.END_REASONS.get(p.end_reason or "", "")
            st.info(f"Forløbet er afsluttet {common.fmt_date(p.end_date)}: {reason}. {p.end_note}")
            st.caption("Borgeren står igen på matchlisten, med det lærte tilføjet til profilen.")
            if st.button("Find nye job til borgeren", key=f"next_{p.placement_id}"):
                st.session_state["selected_citizen"] = p.citizen_id
                st.switch_page("oto_match/ui/pages/citizens.py")
        return
    with tab_log:
        followup_form(actor, p, [f for f in view.followups if f.is_open])
    with tab_end:
        end_form(actor, p)


def followup_form(actor: Staff, p: Placement, open_ones: list) -> None:  # type: ignore[type-arg]
    options = {f.followup_id: f"{common.fmt_date(f.due_date)} {calendar_export.KIND_LABELS[f.kind]}" for f in open_ones}
    options[""] = "Ekstra kontakt (uden for planen)"
    with st.form(f"followup_{p.placement_id}", clear_on_submit=True):
        which = st.selectbox("Hvilken opfølgning", list(options), format_func=options.get)
        c1, c2, c3 = st.columns(3)
        when = c1.date_input("Dato", value=common.today(), max_value=common.today(), format="DD-MM-YYYY")
        with_whom = c2.selectbox(
            "Med", list(vocab.FOLLOWUP_WITH), index=2, format_func=common.label_of(vocab.FOLLOWUP_WITH)
        )
        outcome = c3.selectbox(
            "Hvordan går det?", list(vocab.FOLLOWUP_OUTCOMES), format_func=common.label_of(vocab.FOLLOWUP_OUTCOMES)
        )
        initiated = st.selectbox(
            "Hvem tog kontakt?",
            ["team", "citizen", "employer"],
            format_func={"team": "teamet", "citizen": "borgeren", "employer": "virksomheden"}.get,
        )
        notes = st.text_area("Noter", height=68)
        st.markdown("**Ændringer** (valgfrit)")
        c4, c5 = st.columns(2)
        hours = c4.number_input("Nye timer pr. uge", min_value=0.0, max_value=60.0, value=None, step=1.0)
        schedule = c5.text_input("Nye arbejdstider", placeholder="man,ons 09:00-12:00")
        add = common.strain_select("Nye skånehensyn")
        remove = common.strain_select("Skånehensyn der ikke længere gælder", options=p.agreed_strains)
        if not st.form_submit_button("Gem opfølgning", type="primary"):
            return
    log = FollowUpLog(when, with_whom, outcome, notes, hours, tuple(add), tuple(remove), schedule or None, initiated)
    done = common.attempt(
        lambda: placement_service.log_followup(common.db(), actor, p.placement_id, which or None, log, common.today())
    )
    if done:
        message = "Opfølgningen er gemt."
        if outcome == "concern":
            message += " Næste opfølgning er rykket frem til inden for en uge."
        st.session_state["followup_saved"] = message
        st.rerun()


def end_form(actor: Staff, p: Placement) -> None:
    st.markdown("**Afslut forløbet**")
    reason = st.selectbox(
        "Årsag",
        list(vocab.END_REASONS),
        index=None,
        format_func=common.label_of(vocab.END_REASONS),
        key=f"end_reason_{p.placement_id}",
        placeholder="Vælg årsag",
    )
    end = st.date_input("Slutdato", value=common.today(), key=f"end_date_{p.placement_id}", format="DD-MM-YYYY")
    note = st.text_input("Hvad lærte vi?", key=f"end_note_{p.placement_id}")
    learned = common.strain_select("Tilføj til borgerens skånehensyn", key=f"end_learned_{p.placement_id}")
    sure = st.checkbox("Ja, afslut forløbet (åbne opfølgninger aflyses)", key=f"end_sure_{p.placement_id}")
    if st.button("Afslut forløb", disabled=not sure, key=f"end_{p.placement_id}"):
        ended = common.attempt(
            lambda: placement_service.end_placement(
                common.db(), actor, p.placement_id, end, reason or "", note, tuple(learned)
            )
        )
        if ended:
            st.rerun()
    st.divider()
    st.markdown("**Slip borgeren** — borgeren klarer opgaverne uden teamets hjælp; opfølgningerne stopper.")
    sure_release = st.checkbox("Ja, teamet slipper borgeren i dette forløb", key=f"release_sure_{p.placement_id}")
    if st.button("Slip", disabled=not sure_release, key=f"release_{p.placement_id}"):
        common.attempt(lambda: placement_service.release(common.db(), actor, p.placement_id, common.today()))
        st.rerun()


def new_placement_form(actor: Staff) -> None:
    citizens = citizen_service.list_citizens(common.db(), actor, actor.team_id, active_only=True)
    employers = common.unique_labels(dict(employer_service.employer_names(common.db())))
    jobs = {j.job_id: j for j in job_service.list_jobs(common.db(), None)}
    preset_job, preset_citizen = st.session_state.get("placement_from_candidate", (None, None))
    citizen_ids = [c.citizen_id for c in citizens]
    names = common.unique_labels({c.citizen_id: c.name for c in citizens})
    with st.form("new_placement"):
        c1, c2 = st.columns(2)
        citizen_id = c1.selectbox(
            "Borger *",
            citizen_ids,
            index=citizen_ids.index(preset_citizen) if preset_citizen in citizen_ids else None,
            format_func=names.get,
            placeholder="Vælg borger",
        )
        job_ids = [None, *jobs]
        job_id = c2.selectbox(
            "Jobåbning (valgfri)",
            job_ids,
            index=job_ids.index(preset_job) if preset_job in jobs else 0,
            format_func=lambda j: "–" if j is None else f"{jobs[j].title} ({employers.get(jobs[j].employer_id, '')})",
        )
        employer_ids = list(employers)
        default_employer = jobs[preset_job].employer_id if preset_job in jobs else None
        employer_id = st.selectbox(
            "Virksomhed * (tom = jobåbningens)",
            employer_ids,
            format_func=employers.get,
            index=employer_ids.index(default_employer) if default_employer in employer_ids else None,
            placeholder="Vælg virksomhed",
        )
        c3, c4, c5 = st.columns(3)
        ptype = c3.selectbox("Type", list(vocab.JOB_TYPES), format_func=common.label_of(vocab.JOB_TYPES))
        group = c4.selectbox(
            "Ydelsesgruppe", list(vocab.BENEFIT_GROUPS), index=4, format_func=common.label_of(vocab.BENEFIT_GROUPS)
        )
        hours = c5.number_input("Aftalte timer/uge *", min_value=0.0, max_value=60.0, value=None, step=1.0)
        c6, c7, c8 = st.columns(3)
        start = c6.date_input("Start *", value=common.today(), format="DD-MM-YYYY")
        planned_end = c7.date_input("Planlagt slut (tom = ordningens normale længde)", value=None, format="DD-MM-YYYY")
        mentor = c8.date_input("Mentorstøtte fra (valgfri)", value=None, format="DD-MM-YYYY")
        schedule = st.text_input("Arbejdstider", placeholder="man,ons 09:00-12:00")
        st.markdown("**Forventningsafstemning**")
        c9, c10 = st.columns(2)
        employer_expects = c9.text_area("Virksomheden forventer", height=68)
        citizen_expects = c10.text_area("Borgeren forventer", height=68)
        success_employer = c9.text_input("Succeskriterier for virksomheden")
        success_citizen = c10.text_input("Succeskriterier for borgeren")
        agreed = common.strain_select("Aftalte skånehensyn")
        adaptations = st.text_input("Aftalte tilpasninger (fx hæve-sænkebord)")
        path = st.text_input("Hvad skal der til for at gå fra praktik til løntimer?")
        c11, c12 = st.columns(2)
        citizen_ok = c11.checkbox("Borgeren har accepteret aftalen")
        employer_ok = c12.checkbox("Virksomheden har accepteret aftalen")
        if not st.form_submit_button("Opret forløb", type="primary"):
            return
    employer_id = employer_id or (jobs[job_id].employer_id if job_id else None)
    if not citizen_id or not employer_id:
        st.error("Vælg både borger og virksomhed.")
        return
    try:
        schedule_text = parse_windows_text(schedule)
    except ValueError as e:
        st.error(f"schedule: {e}")
        return
    placement = Placement(
        "",
        citizen_id,
        employer_id,
        ptype,
        start,
        job_id=job_id,
        planned_end_date=planned_end,
        hours_week=hours,
        schedule=schedule_text,
        partner1_id=None,
        partner2_id=None,
        benefit_group=group,
        employer_expects=employer_expects,
        citizen_expects=citizen_expects,
        success_employer=success_employer,
        success_citizen=success_citizen,
        agreed_strains=tuple(agreed),
        adaptations_note=adaptations,
        path_to_paid=path,
        citizen_accepted=citizen_ok,
        employer_accepted=employer_ok,
        mentor_start=mentor,
    )
    citizen = next(c for c in citizens if c.citizen_id == citizen_id)
    placement = replace(placement, partner1_id=citizen.partner1_id, partner2_id=citizen.partner2_id)
    created = common.attempt(lambda: placement_service.create_placement(common.db(), actor, placement))
    if created:
        st.session_state.pop("placement_from_candidate", None)
        end = common.fmt_date(created.planned_end_date)
        limit = schemes.scheme_limit(created.placement_type, created.benefit_group)
        st.success(
            f"Forløbet er oprettet med opfølgningsplan. Planlagt slut: {end}" + (f" ({limit.label})." if limit else ".")
        )
