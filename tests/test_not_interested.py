"""'Not interested' understands Danish compounds in the title and industry, and whole words in the description."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oto_match.domain import Citizen, Employer, JobOpening
from oto_match.matching import prepare, rank
from oto_match.matching_rules import assess, compound_stem, job_context, says_no

CLEANING = JobOpening("J1", "E1", "Rengøringsassistent", "small_job", hours_min_week=5,
                      description="Daglig rengøring af en kontorbygning")  # fmt: skip


@pytest.mark.parametrize(
    "phrase, title, industry, description, excluded",
    [
        # the cases of the issue
        ("rengøringsarbejde", "Rengøringsassistent", "", "", True),
        ("lagerarbejde", "Lager- og butiksmedhjælper", "", "", True),
        ("rengøring", "Rengøringsassistent", "", "", True),
        ("RENGØRING", "Rengøringsassistent", "", "", True),
        ("Rengøring", "RENGØRINGSASSISTENT", "", "", True),
        ("kontor", "Rengøringsassistent", "rengøring", "Daglig rengøring af en kontorbygning", False),
        # the docstring's table
        ("butiksarbejde", "Lager- og butiksmedhjælper", "", "", True),
        ("kølelager", "Lagermedarbejder, kølelager", "", "", True),
        ("lager", "Kølelagermedarbejder", "", "", True),
        ("køkken", "Køkkenmedhjælper", "", "", True),
        ("handel", "Varepåfylder", "detailhandel", "", True),
        ("kontor", "Rengøringsassistent", "rengøring", "rengøring af kontorer", True),
        ("opvask", "Køkkenmedhjælper", "", "Opvask og anretning", True),
        ("tunge løft", "Varepåfylder", "", "Der er tunge løft hver dag", True),
        ("natarbejde", "Natportier", "", "", False),
        ("chauffør", "Køkkenmedhjælper", "", "", False),
        # own cases
        ("rengøringsjob", "Hjælper til hovedrengøring", "", "", True),
        ("kontor", "Kontorassistent", "", "", True),
        ("kontor", "Rengøringsassistent", "kontor og administration", "", True),  # the workplace's industry
        ("kontor", "Rengøringsassistent", "", "Kontoret ligger i stueetagen", True),  # whole word with an ending
        ("lager", "Butiksmedhjælper", "", "Vi har et lagerrum bag butikken", False),  # not inside a word
        ("lager", "Butiksmedhjælper", "", "Varer fra lageret skal på hylderne", True),
        ("bil", "Mekaniker", "", "Cykelbilag og regnskab", False),  # a short word matches whole words only
        ("bil", "Bilpolerer", "", "", False),  # ... also in the title
        ("bil", "Mekaniker", "", "Du skal køre bil", True),
        ("tunge løft", "Varepåfylder", "", "Der er ingen tunge ting", False),
        ("kundekontakt", "Caféassistent", "", "Meget kundekontakt", True),
        ("lagerarbejde", "Køkkenmedhjælper", "kantine og køkken", "Opvask og anretning", False),
        ("", "Køkkenmedhjælper", "", "", False),
    ],
)
def test_not_interested_matches_compounds_in_title_and_industry_and_whole_words_in_the_description(
    phrase: str, title: str, industry: str, description: str, excluded: bool
) -> None:
    assert says_no(phrase, title, industry, description) is excluded


@pytest.mark.parametrize(
    "word, stem",
    [("rengøringsarbejde", "rengøring"), ("lagerarbejde", "lager"), ("butiksjob", "butik"),
     ("rengøringsopgaver", "rengøring"), ("kontor", "kontor"), ("arbejde", "arbejde"), ("natarbejde", "nat")],
)  # fmt: skip
def test_a_head_that_only_says_work_of_this_kind_is_dropped(word: str, stem: str) -> None:
    assert compound_stem(word) == stem


@pytest.mark.parametrize(
    "not_interested, title, industry, expected",
    [
        ("rengøringsarbejde", "Rengøringsassistent", "rengøring", "fail"),
        ("lagerarbejde, natarbejde", "Lager- og butiksmedhjælper", "detailhandel", "fail"),
        ("kontor", "Rengøringsassistent", "rengøring", "pass"),  # the description's 'kontorbygning' does not count
        ("kontor", "Rengøringsassistent", "kontor og administration", "fail"),
    ],
)
def test_the_wish_check_and_the_engine_agree_on_compounds(
    not_interested: str, title: str, industry: str, expected: str
) -> None:
    citizen = Citizen("C1", "A", not_interested=not_interested)
    ctx = job_context(replace(CLEANING, title=title), Employer("E1", "X", "8220", industry=industry))
    assert assess(ctx, citizen).status("wishes") == expected
    assert ("pass", "unknown", "fail")[rank(ctx, prepare([citizen])).statuses[7, 0]] == expected
