"""The employer view, the new-employer form with duplicate hints, the duplicate scan and activity."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oto_match import postcodes, vocab
from oto_match.domain import Staff
from oto_match.errors import OtoMatchError
from oto_match.services import employer_dedup as dedup_service
from oto_match.services import employers as employer_service
from oto_match.services import visits as visit_service
from oto_match.ui import common
from oto_match.ui.employer_views import contact_form, is_cold_text, stage_hint, visit_form

TIMELINE_ICONS = {"visit": "☕", "job": "📋", "candidate": "🧑", "placement": "🤝"}


def employer_view(employer_id: str, actor: Staff, employer_options: dict[str, str]) -> None:
    today = common.today()
    try:
        detail = employer_service.employer_detail(common.db(), employer_id, today)
    except OtoMatchError as e:
        st.error(e.message)
        return
    e, row = detail.row.employer, detail.row
    st.subheader(e.name)
    st.caption(
        f"Fase: **{vocab.EMPLOYER_STAGES[row.stage]}**{is_cold_text(row.last_contact, today)} — {stage_hint(row.stage)}"
    )
    if row.skipped_workplace_visit:
        st.warning("I har præsenteret borgere uden at have set arbejdspladsen (ingen 2. kop te).")
    if e.paused:
        st.info(f"Sat på pause: {e.paused_reason}")
    c1, c2, c3 = st.columns(3)
    c1.markdown(f"**Adresse**  \n{e.address or '–'}, {e.postcode} {postcodes.town(e.postcode)}")
    c1.markdown(f"**CVR** {e.cvr or '–'} · **P-nr.** {e.pnumber or '–'}")
    c2.markdown(
        f"**Branche** {e.industry or '–'} · **Størrelse** {e.size_band or '–'}"
        f"{' · socialøkonomisk' if e.social_economy else ''}"
    )
    owner = detail.owner
    c2.markdown(f"**Ejer** {owner.name} ({owner.team_id.capitalize()})" if owner else "**Ejer** ingen")
    if owner and owner.team_id != actor.team_id:
        c2.info(f"{owner.team_id.capitalize()} ejer relationen: spørg {owner.name}, før I tager kontakt.")
    if detail.teams_with_placements:
        teams = ", ".join(f"{t.capitalize()} ({n})" for t, n in detail.teams_with_placements.items())
        c2.markdown(f"**Forløb her fra teams** {teams}")
    c3.markdown(f"**Kan tilpasse** {vocab.strain_labels(e.accommodations) or '–'}")
    c3.markdown(f"**Andre tilpasninger** {e.adaptations_note or '–'}")
    if detail.siblings:
        st.markdown("**Andre arbejdspladser under samme CVR:** " + ", ".join(s.name for s in detail.siblings))

    tab_time, tab_visit, tab_contacts, tab_edit = st.tabs(["Tidslinje", "Log besøg", "Kontaktpersoner", "Stamdata"])
    with tab_time:
        if not detail.timeline:
            st.info("Intet er sket endnu. Start med en 1. kop te: log den under 'Log besøg'.")
        for ev in detail.timeline:
            st.markdown(f"{TIMELINE_ICONS[ev.kind]} **{common.fmt_date(ev.when)}** {ev.title}  \n{ev.detail}")
    with tab_visit:
        visit_form(f"visit_{employer_id}", employer_options, actor, preselected=employer_id)
    with tab_contacts:
        for c in detail.contacts:
            st.markdown(f"**{c.name}**, {c.role or '–'} · {c.phone or '–'} · {c.email or '–'}")
        if not detail.contacts:
            st.info("Ingen kontaktpersoner endnu.")
        contact_form(employer_id, actor)
    with tab_edit:
        edit_form(actor, employer_id)
        pause_controls(actor, employer_id, e.paused)
    if st.button("Opret jobåbning hos denne virksomhed", key="new_job_here"):
        st.session_state["job_form_employer"] = employer_id
        st.switch_page("oto_match/ui/pages/jobs.py")


def _master_data_inputs(prefix: str, defaults: dict[str, str]) -> dict[str, str]:
    c1, c2 = st.columns(2)
    values = {
        "name": c1.text_input("Navn *", defaults.get("name", ""), key=f"{prefix}_name"),
        "postcode": c2.text_input("Postnummer *", defaults.get("postcode", ""), key=f"{prefix}_postcode"),
        "address": c1.text_input("Adresse", defaults.get("address", ""), key=f"{prefix}_address"),
        "industry": c2.text_input("Branche", defaults.get("industry", ""), key=f"{prefix}_industry"),
        "cvr": c1.text_input("CVR (8 cifre)", defaults.get("cvr", ""), key=f"{prefix}_cvr"),
        "pnumber": c2.text_input("P-nummer (10 cifre)", defaults.get("pnumber", ""), key=f"{prefix}_pnumber"),
    }
    chosen = common.strain_select(
        "Belastninger arbejdspladsen kan fjerne",
        [s for s in defaults.get("accommodations", "").split(";") if s],
        key=f"{prefix}_acc",
    )
    values["accommodations"] = ";".join(chosen)
    return values


def edit_form(actor: Staff, employer_id: str) -> None:
    detail = employer_service.employer_detail(common.db(), employer_id, common.today())
    e = detail.row.employer
    defaults = {
        "name": e.name,
        "postcode": e.postcode,
        "address": e.address,
        "industry": e.industry,
        "cvr": e.cvr or "",
        "pnumber": e.pnumber or "",
        "accommodations": ";".join(e.accommodations),
    }
    values = _master_data_inputs(f"edit_{employer_id}", defaults)
    note = st.text_input("Andre tilpasninger (fx hæve-sænkebord)", e.adaptations_note, key=f"edit_{employer_id}_note")
    if st.button("Gem stamdata", key=f"save_{employer_id}"):
        extra = {
            "adaptations_note": note.strip(),
            "owner_staff_id": e.owner_staff_id,
            "paused": e.paused,
            "paused_reason": e.paused_reason,
            "size_band": e.size_band,
            "social_economy": e.social_economy,
        }
        if common.attempt(
            lambda: employer_service.save_employer(common.db(), actor, {**values, "employer_id": e.employer_id}, extra)
        ):
            st.success("Stamdata er gemt.")


def pause_controls(actor: Staff, employer_id: str, paused: bool) -> None:
    if paused:
        if st.button("Genoptag samarbejdet", key=f"resume_{employer_id}"):
            common.attempt(lambda: employer_service.set_paused(common.db(), actor, employer_id, False))
            st.rerun()
        return
    reason = st.text_input("Årsag til pause", key=f"pause_reason_{employer_id}")
    clicked = st.button("Sæt samarbejdet på pause", key=f"pause_{employer_id}")
    if clicked and common.attempt(lambda: employer_service.set_paused(common.db(), actor, employer_id, True, reason)):
        st.rerun()


def new_employer_form(actor: Staff) -> None:
    """While the name is typed, likely existing matches are shown before anything is saved."""
    values = _master_data_inputs("new", {})
    if values["name"].strip():
        index = st.session_state.get("dedup_index") or dedup_service.build_index(common.db())
        st.session_state["dedup_index"] = index
        hits = dedup_service.suggest(index, values["name"], values["postcode"], values["pnumber"])
        if hits:
            names = dict(employer_service.employer_names(common.db()))
            st.warning(
                "Findes virksomheden allerede? "
                + "; ".join(f"**{names.get(h.b, h.b)}** ({', '.join(h.reasons)})" for h in hits)
            )
    confirm = st.checkbox("Jeg har tjekket forslagene: opret alligevel", key="new_confirm")
    if st.button("Opret virksomhed", type="primary", key="new_save"):
        if not confirm and values["name"].strip():
            index = st.session_state.get("dedup_index") or dedup_service.build_index(common.db())
            if dedup_service.suggest(index, values["name"], values["postcode"], values["pnumber"]):
                st.error("Der er mulige dubletter. Tjek dem, og sæt flueben i 'opret alligevel'.")
                return
        extra = {"owner_staff_id": actor.staff_id}
        created = common.attempt(lambda: employer_service.save_employer(common.db(), actor, values, extra))
        if created:
            st.session_state.pop("dedup_index", None)
            st.success(f"{created.name} er oprettet med dig som ejer.")


def duplicates_tab(actor: Staff) -> None:
    st.caption(
        "Sandsynlige dubletter: samme P-nummer, eller næsten samme navn i samme postnummer. "
        "Arbejdspladser i samme kæde (samme CVR, forskellige P-numre) er søskende, ikke dubletter. "
        "Intet flettes automatisk."
    )
    if st.button("Søg efter dubletter nu", key="scan_duplicates"):
        st.session_state["duplicate_pairs"] = common.attempt(lambda: dedup_service.scan(common.db())) or []
    pairs = st.session_state.get("duplicate_pairs")
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
                result = common.attempt(lambda k=keep, o=other: dedup_service.merge(common.db(), actor, k, o))
                if result:
                    moved = ", ".join(f"{k}: {v}" for k, v in result.moved.items())
                    st.session_state.pop("duplicate_pairs", None)
                    st.success(f"Flettet. Flyttet: {moved}.")


def activity_tab(actor: Staff) -> None:
    weeks = common.attempt(lambda: visit_service.activity(common.db(), actor.staff_id, common.today())) or []
    frame = pd.DataFrame(
        [
            {"Uge": w.week_start, "Kontakter": w.contacts, "Heraf fremmøde": w.in_person, "Virksomheder": w.employers}
            for w in weeks
            if w.staff_id == actor.staff_id
        ]
    )
    if frame.empty or frame["Kontakter"].sum() == 0:
        st.info("Du har ingen virksomhedskontakter de sidste 12 uger. Log et besøg for at komme i gang.")
        return
    bars = alt.Chart(frame).mark_bar().encode(x=alt.X("Uge:T", title="Uge"), y=alt.Y("Heraf fremmøde:Q"))
    rule = (
        alt.Chart(pd.DataFrame({"y": [visit_service.IPS_IN_PERSON_PER_WEEK]}))
        .mark_rule(color="red", strokeDash=[4, 4])
        .encode(y="y:Q")
    )
    st.altair_chart(bars + rule, width="stretch")
    st.caption(f"Rød linje: IPS-reference, ca. {visit_service.IPS_IN_PERSON_PER_WEEK} kontakter med fremmøde pr. uge.")
    st.dataframe(frame, hide_index=True, width="stretch")
