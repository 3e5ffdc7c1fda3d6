"""Widgets of the Borgere page: the profile form, the profile view and the reverse match."""

from __future__ import annotations

from datetime import date

import streamlit as st

from oto_match import vocab
from oto_match.domain import Citizen, Staff
from oto_match.matching_rules import CRITERION_LABELS
from oto_match.services import citizens as citizen_service
from oto_match.services import matching as match_service
from oto_match.ui import common

TRI = {None: "ikke oplyst", True: "ja", False: "nej"}


def _tri_text(value: bool | None) -> str:
    return {None: "", True: "yes", False: "no"}[value]


def profile_form(actor: Staff, staff: list[Staff], existing: Citizen | None) -> None:
    """The fields of citizens.csv plus status, makkerpar, team, own words and consent. Health only as restrictions."""
    c = existing or Citizen("", "", team_id=actor.team_id)
    key = c.citizen_id or "new"
    staff_ids = [s.staff_id for s in staff]
    name_of = {s.staff_id: s.name for s in staff}
    with st.form(f"citizen_{key}"):
        c1, c2, c3 = st.columns(3)
        name = c1.text_input("Navn *", c.name)
        postcode = c2.text_input("Postnummer", c.postcode or "")
        status = c3.selectbox(
            "Status i OTO",
            list(vocab.CITIZEN_STATUSES),
            index=list(vocab.CITIZEN_STATUSES).index(c.status),
            format_func=common.label_of(vocab.CITIZEN_STATUSES),
        )
        st.markdown("**Funktionsbegrænsninger og rammer** (ikke diagnoser)")
        c4, c5, c6 = st.columns(3)
        max_hours = c4.number_input("Maks. timer/uge", 0.0, 60.0, value=c.max_hours_week, step=1.0)
        max_commute = c5.number_input("Maks. transporttid (min)", 0, 300, value=c.max_commute_min, step=5)
        max_walk = c6.number_input("Kan gå højst (m, tom = ingen grænse)", 0, 100_000, value=c.max_walk_m, step=100)
        availability = st.text_input(
            "Tilgængelig (fx man-fre 08:30-14:00)",
            c.availability,
            help="Tomt betyder ukendt. Husk tider til at hente børn.",
        )
        spare = common.strain_select("Skal skånes for", c.spare_strains)
        modes = st.multiselect(
            "Transportformer",
            list(vocab.TRANSPORT_MODES),
            default=list(c.transport_modes),
            format_func=common.label_of(vocab.TRANSPORT_MODES),
            placeholder="Vælg",
        )
        c7, c8, c9 = st.columns(3)
        levels = [None, *vocab.DANISH_LEVELS]
        danish = c7.selectbox(
            "Dansk",
            levels,
            index=levels.index(c.danish_level),
            format_func=lambda lv: "ikke oplyst" if lv is None else vocab.DANISH_LEVELS[lv],
        )
        tri = [None, True, False]
        license_ = c8.selectbox("Kørekort", tri, index=tri.index(c.driving_license), format_func=TRI.get)
        flex = c9.selectbox("Visiteret til fleksjob", tri, index=tri.index(c.fleksjob_visitated), format_func=TRI.get)
        st.markdown("**Borgerens egne ord**")
        own_words = st.text_area("Ønsker og drømme, med borgerens egne ord", c.own_words, height=68)
        wishes = st.text_input("Ønsker (arbejde, brancher)", c.wishes)
        experience = st.text_input("Erfaring", c.experience)
        not_interested = st.text_input("Ønsker ikke", c.not_interested)
        c10, c11 = st.columns([3, 1])
        consent = c10.text_input("Borgeren har sagt ja til at blive foreslået til", c.consent_note)
        consent_date = c11.date_input("Dato for samtykke", value=c.consent_date, format="DD-MM-YYYY")
        st.markdown("**Makkerpar og team**")
        c12, c13 = st.columns(2)
        p1 = c12.selectbox(
            "Makker 1",
            [None, *staff_ids],
            index=([None, *staff_ids]).index(c.partner1_id) if c.partner1_id in staff_ids else 0,
            format_func=lambda i: name_of.get(i, "–"),
        )
        p2 = c13.selectbox(
            "Makker 2",
            [None, *staff_ids],
            index=([None, *staff_ids]).index(c.partner2_id) if c.partner2_id in staff_ids else 0,
            format_func=lambda i: name_of.get(i, "–"),
        )
        st.caption("Fødselsår, køn og oprindelsesland bruges kun til statistik og aldrig i matchningen.")
        c14, c15, c16 = st.columns(3)
        birth_year = c14.number_input("Fødselsår", 1900, 2100, value=c.birth_year, step=1)
        gender = c15.selectbox(
            "Køn",
            [None, *vocab.GENDERS],
            index=[None, *vocab.GENDERS].index(c.gender),
            format_func=lambda g: "ikke oplyst" if g is None else vocab.GENDERS[g],
        )
        country = c16.text_input("Oprindelsesland", c.country_of_origin or "")
        if not st.form_submit_button("Gem borger", type="primary"):
            return
    values = {
        "citizen_id": c.citizen_id,
        "name": name,
        "birth_year": "" if birth_year is None else str(birth_year),
        "gender": gender or "",
        "country_of_origin": country,
        "postcode": postcode,
        "max_hours_week": "" if max_hours is None else str(max_hours),
        "availability": availability,
        "spare_strains": ";".join(spare),
        "transport_modes": ";".join(modes),
        "max_commute_min": "" if max_commute is None else str(max_commute),
        "max_walk_m": "" if max_walk is None else str(max_walk),
        "danish_level": "" if danish is None else str(danish),
        "driving_license": _tri_text(license_),
        "fleksjob_visitated": _tri_text(flex),
        "wishes": wishes,
        "experience": experience,
        "not_interested": not_interested,
    }
    profile = {
        "status": status,
        "team_id": c.team_id or actor.team_id,
        "partner1_id": p1,
        "partner2_id": p2,
        "own_words": own_words.strip(),
        "consent_note": consent.strip(),
        "consent_date": consent_date,
    }
    saved = common.attempt(lambda: citizen_service.save_citizen(common.db(), actor, values, profile))
    if saved:
        st.session_state["selected_citizen"] = saved.citizen_id
        st.success(f"{saved.name} er gemt.")


def profile_view(c: Citizen, name_of: dict[str, str]) -> None:
    st.subheader(c.name)
    st.caption(
        f"{vocab.CITIZEN_STATUSES[c.status]} · team {str(c.team_id or '–').capitalize()} · makkerpar: "
        f"{name_of.get(c.partner1_id or '', '–')} og {name_of.get(c.partner2_id or '', '–')}"
    )
    if c.own_words:
        st.markdown(f"> {c.own_words}")
    col1, col2 = st.columns(2)
    col1.markdown(f"**Ønsker** {c.wishes or '–'}  \n**Erfaring** {c.experience or '–'}")
    col1.markdown(f"**Ønsker ikke** {c.not_interested or '–'}")
    col1.markdown(f"**Har sagt ja til at blive foreslået til** {c.consent_note or '– (ikke spurgt endnu)'}")
    hours = common.fmt_number(c.max_hours_week, "ukendt")
    walk = f"{c.max_walk_m} m" if c.max_walk_m is not None else "uden grænse"
    col2.markdown(
        f"**Timer** højst {hours} t/uge  \n**Tilgængelig** {c.availability or 'ukendt'}  \n"
        f"**Skal skånes for** {vocab.strain_labels(c.spare_strains) or 'intet registreret'}  \n"
        f"**Transport** {', '.join(vocab.TRANSPORT_MODES[m] for m in c.transport_modes) or 'ukendt'}, "
        f"højst {c.max_commute_min or '?'} min; kan gå {walk}  \n"
        f"**Dansk** {'ukendt' if c.danish_level is None else vocab.DANISH_LEVELS[c.danish_level]} · "
        f"**kørekort** {TRI[c.driving_license]} · **fleksjob-visiteret** {TRI[c.fleksjob_visitated]}"
    )


def matching_jobs(actor: Staff, citizen_id: str) -> None:
    results = common.attempt(lambda: match_service.jobs_for_citizen(common.db(), actor, citizen_id)) or []
    if not results:
        st.info("Der er ingen åbne jobåbninger lige nu.")
        return
    for job, employer, cand in results:
        label = common.VERDICT_BADGES[cand.verdict]
        score = f" · score {common.fmt_number(cand.score)} ({cand.band})" if cand.score is not None else ""
        with st.expander(f"{label} {job.title} — {employer.name}{score}"):
            st.markdown(
                "  \n".join(
                    f"**{CRITERION_LABELS[ch.criterion]}**: {common.coloured_check(ch.status, ch.detail)}"
                    for ch in cand.checks
                )
            )
            if cand.near_miss:
                st.info(f"Kunne passe, hvis {cand.near_miss}")


def audit_view(actor: Staff, citizen_id: str) -> None:
    entries = citizen_service.audit_trail(common.db(), actor, citizen_id)
    st.dataframe(
        [
            {"Tid": f"{e.at:%d-%m-%Y %H:%M}", "Hvem": e.staff_id, "Handling": e.action, "Detaljer": e.detail}
            for e in entries
        ],
        hide_index=True,
        width="stretch",
    )


def today() -> date:
    return common.today()
