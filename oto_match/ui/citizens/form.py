"""The profile form (new citizen and Redigér): widget values straight into a CitizenChange.

The form is keyed by the citizen's id and the version it was opened on: after a save it shows the
record as it is now; after a refused save (someone else saved first) it keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from oto_match import vocab
from oto_match.domain import Citizen, Staff, new_id
from oto_match.errors import DuplicateRecordError, OtoMatchError
from oto_match.services import citizens as citizen_service
from oto_match.services.citizen_change import CitizenChange
from oto_match.ui import common, feedback
from oto_match.ui.citizens import CITIZEN_TABS, NEW_CITIZEN_ID, OPENED_CITIZEN, PAGE_TABS, SAVED, SELECTED_CITIZEN
from oto_match.ui.citizens.profile import TRI
from oto_match.ui.dates import EARLIEST, LATEST

TRIS: list[bool | None] = [None, True, False]


def new_citizen_form(actor: Staff, staff: list[Staff], teams: list[str]) -> None:
    """'Ny borger': the id is made once per form, so sending it twice creates one citizen. Created: said below
    the button, with the way to the new profile."""
    if NEW_CITIZEN_ID not in st.session_state:
        st.session_state[NEW_CITIZEN_ID] = new_id("C")
    blank = Citizen(st.session_state[NEW_CITIZEN_ID], "", team_id=actor.team_id)
    saved = _form(actor, staff, teams, blank)
    if saved:
        st.success(f"{common.plain(saved.name)} er oprettet.")  # below the button; the toast is seen anyway
        st.toast(f"{common.plain(saved.name)} er oprettet.", icon=":material/check_circle:")
        st.button(f"Åbn {saved.name}", on_click=_open_created, args=(saved.citizen_id,), type="primary",
                  key=f"open_{saved.citizen_id}")  # fmt: skip
    if st.button("Tom formular til en ny borger", key=f"reset_{blank.citizen_id}"):
        del st.session_state[NEW_CITIZEN_ID]
        st.rerun()


def _open_created(citizen_id: str) -> None:
    """A callback (it runs before the page): the new citizen opens under 'Borgere', and the next form is blank."""
    st.session_state[SELECTED_CITIZEN] = citizen_id
    st.session_state[PAGE_TABS] = CITIZEN_TABS[0]
    st.session_state.pop(NEW_CITIZEN_ID, None)


def edit_form(actor: Staff, staff: list[Staff], teams: list[str], current: Citizen) -> None:
    """'Redigér': opened on the version shown; a save shows the record as it is now, confirmed below the button."""
    opened = st.session_state.get(OPENED_CITIZEN)
    if not isinstance(opened, Citizen) or opened.citizen_id != current.citizen_id:
        opened = st.session_state[OPENED_CITIZEN] = current
    if opened.version != current.version:
        st.warning("Borgeren er ændret, siden du åbnede formularen; se profilen ovenfor.")
        if st.button("Hent den nye version (dine indtastninger forsvinder)", key=f"reload_{current.citizen_id}"):
            st.session_state[OPENED_CITIZEN] = current
            st.rerun()
    saved = _form(actor, staff, teams, opened)
    feedback.show_saved(SAVED)
    if saved:
        st.session_state[OPENED_CITIZEN] = saved
        feedback.saved(SAVED, f"{saved.name} er gemt.")
        st.rerun()


def _save(actor: Staff, change: CitizenChange) -> Citizen | None:
    """Save; say why not where the user acted, one line per field as on the other forms (a form sent twice is
    not an error)."""
    try:
        return citizen_service.save_citizen(common.db(), actor, change)
    except DuplicateRecordError as e:
        st.info(f"Borgeren er allerede gemt. {e.message}")
    except OtoMatchError as e:
        st.error(common.error_markdown(e))
    return None


def _form(actor: Staff, staff: list[Staff], teams: list[str], c: Citizen) -> Citizen | None:
    """The fields of citizens.csv plus status, makkerpar, team, own words and consent. Health only as restrictions."""
    key = f"citizen_{c.citizen_id}_{c.version}"
    with st.form(key):
        values = _fields(staff, teams, c, key)
        if not st.form_submit_button("Gem borger", type="primary"):
            return None
    return _save(actor, CitizenChange(c.citizen_id, version=c.version, **values))


def _fields(staff: list[Staff], teams: list[str], c: Citizen, key: str) -> dict[str, Any]:
    def k(name: str) -> str:
        return f"{key}_{name}"

    c1, c2, c3 = st.columns(3)
    v: dict[str, Any] = {
        "name": c1.text_input("Navn *", c.name, key=k("name")),
        "postcode": c2.text_input("Postnummer", c.postcode or "", key=k("postcode")).strip() or None,
        "status": c3.selectbox("Status i OTO", list(vocab.CITIZEN_STATUSES), key=k("status"),
                               index=list(vocab.CITIZEN_STATUSES).index(c.status),
                               format_func=common.label_of(vocab.CITIZEN_STATUSES)),
    }  # fmt: skip
    st.markdown("**Funktionsbegrænsninger og rammer** (ikke diagnoser)")
    c4, c5, c6 = st.columns(3)
    v["max_hours_week"] = common.hours_input("Maks. timer/uge", c.max_hours_week, where=c4, key=k("hours"))
    v["max_commute_min"] = c5.number_input("Maks. transporttid (min)", 0, 300, c.max_commute_min, 5, key=k("commute"))
    v["max_walk_m"] = c6.number_input("Kan gå højst (m, tom = ingen grænse)", 0, 100_000, c.max_walk_m, 100,
                                      key=k("walk"))  # fmt: skip
    v["availability"] = st.text_input("Tilgængelig (fx man-fre 08:30-14:00)", c.availability, key=k("availability"),
                                      help="Tomt betyder ukendt. Husk tider til at hente børn.")  # fmt: skip
    v["spare_strains"] = tuple(common.strain_select("Skal skånes for", c.spare_strains, key=k("spare")))
    v["transport_modes"] = tuple(st.multiselect("Transportformer", list(vocab.TRANSPORT_MODES),
                                                default=list(c.transport_modes), key=k("modes"), placeholder="Vælg",
                                                format_func=common.label_of(vocab.TRANSPORT_MODES)))  # fmt: skip
    c7, c8, c9 = st.columns(3)
    levels = [None, *vocab.DANISH_LEVELS]
    v["danish_level"] = c7.selectbox("Dansk", levels, levels.index(c.danish_level), _level, key=k("danish"))
    v["driving_license"] = c8.selectbox("Kørekort", TRIS, TRIS.index(c.driving_license), _tri, key=k("license"))
    v["fleksjob_visitated"] = c9.selectbox("Visiteret til fleksjob", TRIS, TRIS.index(c.fleksjob_visitated), _tri,
                                           key=k("flex"))  # fmt: skip
    st.markdown("**Borgerens egne ord**")
    v["own_words"] = st.text_area("Ønsker og drømme, med borgerens egne ord", c.own_words, 68, key=k("own_words"))
    v["wishes"] = st.text_input("Ønsker (arbejde, brancher)", c.wishes, key=k("wishes"))
    v["experience"] = st.text_input("Erfaring", c.experience, key=k("experience"))
    v["not_interested"] = st.text_input("Ønsker ikke", c.not_interested, key=k("not_interested"))
    c10, c11 = st.columns([3, 1])
    v["consent_note"] = c10.text_input("Borgeren har sagt ja til at blive foreslået til", c.consent_note,
                                       key=k("consent"))  # fmt: skip
    v["consent_date"] = c11.date_input("Dato for samtykke", c.consent_date, EARLIEST, LATEST, format="DD-MM-YYYY",
                                       key=k("consent_date"))  # fmt: skip
    return {**v, **_team_fields(staff, teams, c, k), **_statistics_fields(c, k)}


def _tri(value: bool | None) -> str:
    return TRI[value]


def _level(level: int | None) -> str:
    return "ikke oplyst" if level is None else vocab.DANISH_LEVELS[level]


def _team_fields(staff: list[Staff], teams: list[str], c: Citizen, k: Callable[[str], str]) -> dict[str, Any]:
    st.markdown("**Makkerpar og team**")
    name_of = {s.staff_id: s.name for s in staff}
    people = [None, *name_of, *(p for p in (c.partner1_id, c.partner2_id) if p and p not in name_of)]
    c12, c13, c14 = st.columns(3)
    team_options = [None, *teams] if c.team_id in teams or c.team_id is None else [None, *teams, c.team_id]
    return {
        "partner1_id": c12.selectbox("Makker 1", people, people.index(c.partner1_id) if c.partner1_id in people else 0,
                                     lambda i: name_of.get(i, "–"), key=k("partner1")),
        "partner2_id": c13.selectbox("Makker 2", people, people.index(c.partner2_id) if c.partner2_id in people else 0,
                                     lambda i: name_of.get(i, "–"), key=k("partner2")),
        "team_id": c14.selectbox("Team", team_options, team_options.index(c.team_id),
                                 lambda t: vocab.team_name(t), key=k("team")),
    }  # fmt: skip


def _statistics_fields(c: Citizen, k: Callable[[str], str]) -> dict[str, Any]:
    st.caption("Fødselsår, køn og oprindelsesland bruges kun til statistik og aldrig i matchningen.")
    c14, c15, c16 = st.columns(3)
    genders = [None, *vocab.GENDERS]
    return {
        "birth_year": c14.number_input("Fødselsår", 1900, 2100, c.birth_year, 1, key=k("birth_year")),
        "gender": c15.selectbox("Køn", genders, genders.index(c.gender), key=k("gender"),
                                format_func=lambda g: "ikke oplyst" if g is None else vocab.GENDERS[g]),
        "country_of_origin": c16.text_input("Oprindelsesland", c.country_of_origin or "", key=k("country")),
    }  # fmt: skip
