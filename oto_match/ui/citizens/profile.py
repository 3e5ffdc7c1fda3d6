"""The profile as it is now: restrictions, wishes in the citizen's own words, consent, makkerpar."""

from __future__ import annotations

import streamlit as st

from oto_match import vocab
from oto_match.domain import Citizen
from oto_match.ui import common

TRI = {None: "ikke oplyst", True: "ja", False: "nej"}
# The colour a status is shown in, beside its word: looking for work, in a placement or job, or out of OTO.
STATUS_COLOURS = {"unemployed": "orange", "internship": "blue", "job": "green", "flex_job": "green",
                  "education": "blue", "clarified": "gray", "ended": "gray"}  # fmt: skip


def profile_view(c: Citizen, name_of: dict[str, str]) -> None:
    st.subheader(c.name)
    pair = " og ".join(name_of[p] for p in (c.partner1_id, c.partner2_id) if p in name_of)
    st.markdown(
        f":{STATUS_COLOURS.get(c.status, 'gray')}-badge[{vocab.CITIZEN_STATUSES[c.status]}] · "
        f"Team {vocab.team_name(c.team_id)} · " + (f"makkerpar {pair}" if pair else "ingen makkerpar endnu")
    )
    if c.own_words:
        st.markdown(f"> {c.own_words}")
    col1, col2 = st.columns(2)
    col1.markdown(f"**Ønsker** {c.wishes or '–'}  \n**Erfaring** {c.experience or '–'}")
    col1.markdown(f"**Ønsker ikke** {c.not_interested or '–'}")
    col1.markdown(f"**Har sagt ja til at blive foreslået til** {c.consent_note or '– (ikke spurgt endnu)'}")
    hours = f"højst {common.fmt_number(c.max_hours_week)} t/uge" if c.max_hours_week is not None else "ukendt"
    commute = f"højst {c.max_commute_min} min" if c.max_commute_min is not None else "transporttid ukendt"
    walk = f"{c.max_walk_m} m" if c.max_walk_m is not None else "uden grænse"
    col2.markdown(
        f"**Timer** {hours}  \n**Tilgængelig** {c.availability or 'ukendt'}  \n"
        f"**Skal skånes for** {vocab.strain_labels(c.spare_strains) or 'intet registreret'}  \n"
        f"**Transport** {', '.join(vocab.TRANSPORT_MODES[m] for m in c.transport_modes) or 'ukendt'}, "
        f"{commute}; kan gå {walk}  \n"
        f"**Dansk** {'ukendt' if c.danish_level is None else vocab.DANISH_LEVELS[c.danish_level]} · "
        f"**kørekort** {TRI[c.driving_license]} · **fleksjob-visiteret** {TRI[c.fleksjob_visitated]}"
    )
