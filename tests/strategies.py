"""Hypothesis strategies for citizens and jobs."""

from __future__ import annotations

from hypothesis import strategies as st

from oto_match import vocab
from oto_match.domain import Citizen, Employer, JobOpening

POSTCODES = ["8220", "8210", "8260", "8381", "8000", "8361", "9000", "0000"]
AVAILABILITY = ["", "man-fre 08:00-14:00", "man-fre 08:30-13:00", "tir,tor 09:00-13:00", "man-fre 07:00-16:00",
                "man,ons 10:00-12:00; fre 08:00-15:00", "fre 20:00-04:00", "tor 21:00-24:00; fre 00:00-03:00",
                "søn 20:00-03:00; man 06:00-14:00", "man-søn 00:00-24:00", "man-fre 00:00-24:00"]  # fmt: skip
SCHEDULES = ["", "man-fre 09:00-12:00", "tir,tor 09:30-12:30", "man-fre 07:00-11:00", "ons 10:00-11:00",
             "fre 22:00-02:00", "tor 22:00-24:00; fre 00:00-01:00", "søn 23:00-01:00", "man 00:00-24:00"]  # fmt: skip
TEXTS = ["", "køkken og madlavning", "butik, kunder", "rengøring", "lager", "kontor og computer", "cykler"]


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def subset(codes: list[str]) -> st.SearchStrategy:
    return st.lists(st.sampled_from(codes), unique=True, max_size=4).map(tuple)


citizens = st.builds(
    Citizen,
    citizen_id=st.from_regex(r"C[0-9]{1,6}", fullmatch=True),
    name=st.text(min_size=1, max_size=20),
    birth_year=optional(st.integers(1940, 2005)),
    gender=optional(st.sampled_from(list(vocab.GENDERS))),
    country_of_origin=optional(st.sampled_from(["Danmark", "Somalia", "Irak", "Syrien"])),
    postcode=optional(st.sampled_from(POSTCODES[:-1])),
    max_hours_week=optional(st.sampled_from([2.0, 5.0, 10.0, 12.0, 20.0, 37.0])),
    availability=st.sampled_from(AVAILABILITY),
    spare_strains=subset(list(vocab.STRAINS)),
    transport_modes=subset(list(vocab.TRANSPORT_MODES)),
    max_commute_min=optional(st.sampled_from([10, 20, 30, 45, 60])),
    max_walk_m=optional(st.sampled_from([200, 400, 800, 3000])),
    danish_level=optional(st.integers(0, 3)),
    driving_license=optional(st.booleans()),
    fleksjob_visitated=optional(st.booleans()),
    wishes=st.sampled_from(TEXTS),
    experience=st.sampled_from(TEXTS),
    not_interested=st.sampled_from(
        [
            "",
            "rengøring",
            "lager",
            "natarbejde, kølelager",
            "Rengøringsarbejde",
            "kontor",
            "lagerarbejde eller butik",
            "tunge løft",
        ]
    ),
)

jobs = st.builds(
    JobOpening,
    job_id=st.just("J1"),
    employer_id=st.just("E1"),
    title=st.sampled_from(
        ["Køkkenmedhjælper", "Lagermedarbejder", "Rengøringsassistent", "Kontorassistent", "Lager- og butiksmedhjælper"]
    ),
    job_type=st.sampled_from(list(vocab.JOB_TYPES)),
    description=st.sampled_from(TEXTS),
    hours_min_week=optional(st.sampled_from([2.0, 5.0, 10.0, 15.0])),
    hours_max_week=st.just(None),
    schedule=st.sampled_from(SCHEDULES),
    postcode=optional(st.sampled_from(POSTCODES[:-1])),
    strains=subset(list(vocab.STRAINS)),
    strains_assessed=st.booleans(),
    removable_strains=subset(list(vocab.STRAINS)),
    danish_level_required=st.integers(0, 3),
    driving_required=st.booleans(),
)

employers = st.builds(
    Employer, employer_id=st.just("E1"), name=st.just("Firma"), postcode=st.sampled_from(POSTCODES[:-1]),
    accommodations=subset(list(vocab.STRAINS)),
    industry=st.sampled_from(["", "rengøring", "kontor og administration", "lager og logistik"]),
)  # fmt: skip
