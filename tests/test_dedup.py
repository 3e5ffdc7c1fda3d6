from __future__ import annotations

import pytest

from oto_match.dedup import NAME_CUTOFF, DuplicateIndex, EmployerKey, compare, normalise_name


@pytest.mark.parametrize(
    "a, b",
    [
        ("Føtex Gellerup", "føtex gellerup a/s"),
        ("Bager Hansen I/S", "BAGER HANSEN"),
        ("Café Globus ApS", "Cafe Globus"),
        ("Rent & Pænt ApS", "Rent og Pænt"),
    ],
)
def test_normalisation_makes_spelling_variants_of_one_name_alike(a: str, b: str) -> None:
    x, y = EmployerKey("1", a, "8220"), EmployerKey("2", b, "8220")
    suggestion = compare(x, y)
    assert suggestion is not None and suggestion.score >= NAME_CUTOFF


def test_legal_forms_are_removed() -> None:
    assert normalise_name("Føtex Gellerup A/S") == normalise_name("føtex gellerup") == "foetex gellerup"
    assert normalise_name("Vest Rengøring IVS") == "vest rengoering"


def test_the_same_p_number_is_a_duplicate_whatever_the_names() -> None:
    s = compare(EmployerKey("1", "Kantinen", "8220", "1012345678"), EmployerKey("2", "Madhuset", "8000", "1012345678"))
    assert s is not None and "samme P-nummer" in s.reasons


def test_two_workplaces_of_one_chain_are_siblings_not_duplicates() -> None:
    a = EmployerKey("1", "Netto Gellerup", "8220", "1000000001", "24256790")
    b = EmployerKey("2", "Netto Gellerup", "8220", "1000000002", "24256790")
    assert compare(a, b) is None


def test_genuinely_different_companies_with_similar_names_are_not_suggested() -> None:
    pairs = [
        ("Bager Hansen I/S", "Bager Jensen ApS"),
        ("Viby Kantine", "Tilst Kantine"),
        ("Rent & Pænt", "Rent & Flot"),
    ]
    for a, b in pairs:
        assert compare(EmployerKey("1", a, "8220"), EmployerKey("2", b, "8220")) is None, (a, b)


def test_the_same_name_in_another_postcode_is_not_suggested() -> None:
    assert compare(EmployerKey("1", "Føtex", "8220"), EmployerKey("2", "Føtex", "8260")) is None


def test_lookup_finds_the_existing_workplace_while_typing() -> None:
    index = DuplicateIndex([
        EmployerKey("E1", "Føtex Gellerup A/S", "8220", "1012345678"),
        EmployerKey("E2", "Netto Viby", "8260"),
        EmployerKey("E3", "Kantinen", "8000", "2000000000"),
    ])  # fmt: skip
    assert [s.b for s in index.lookup(EmployerKey("(ny)", "føtex gellerup", "8220"))] == ["E1"]
    assert [s.b for s in index.lookup(EmployerKey("(ny)", "Noget helt andet", "9000", "2000000000"))] == ["E3"]
    assert index.lookup(EmployerKey("(ny)", "Netto Viby", "8220")) == []


def test_the_scan_lists_each_likely_pair_once() -> None:
    index = DuplicateIndex([
        EmployerKey("E1", "Føtex Gellerup", "8220"),
        EmployerKey("E2", "FØTEX GELLERUP ApS", "8220"),
        EmployerKey("E3", "Netto Gellerup", "8220", "1", "24256790"),
        EmployerKey("E4", "Netto Gellerup", "8220", "2", "24256790"),
    ])  # fmt: skip
    pairs = index.scan()
    assert [(p.a, p.b) for p in pairs] == [("E1", "E2")]


def test_the_scan_in_blocks_finds_the_same_pairs_as_comparing_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    from oto_match import dedup

    names = ["Bager Hansen", "Café Globus", "Rent og Pænt", "Lager Syd", "Kantine Vest", "Netto Viby"]
    keys = [EmployerKey(f"E{i:02d}", f"{names[i % 6]}{' ApS' if i % 4 == 0 else ''}", "8220") for i in range(30)]
    monkeypatch.setattr(dedup, "SCAN_ROWS", 4)  # pairs across block boundaries must be found too
    found = {(p.a, p.b) for p in DuplicateIndex(keys).scan()}
    expected = {(x.employer_id, y.employer_id) for n, x in enumerate(keys) for y in keys[n + 1 :] if compare(x, y)}
    assert found == expected and len(expected) == 6 * 10  # each of 6 names 5 times: 10 pairs each


NETTO = "24256790"


@pytest.mark.parametrize(
    "x, y, suggested, reason",
    [
        # branches of one chain on different streets: siblings, however alike the names
        (EmployerKey("1", "Netto Aabenraa Bredgade", "6200", None, NETTO, "Bredgade 4"),
         EmployerKey("2", "Netto Aabenraa Havnegade", "6200", None, NETTO, "Havnegade 9"), False, ""),
        (EmployerKey("1", "Netto Gellerup", "8220", None, NETTO, "Gudrunsvej 10"),
         EmployerKey("2", "NETTO GELLERUP ApS", "8220", None, NETTO, "Edwin Rahrs Vej 7"), False, ""),
        # the same chain twice at one address (spelt differently): one workplace
        (EmployerKey("1", "Netto Gellerup", "8220", None, NETTO, "Gudrunsvej 10, st."),
         EmployerKey("2", "Netto City Vest", "8220", None, NETTO, "gudrunsvej 10 st"), True, "samme CVR og adresse"),
        # the same P-number: one workplace, whatever the streets
        (EmployerKey("1", "Kantinen", "8220", "1012345678", NETTO, "Bredgade 4"),
         EmployerKey("2", "Madhuset", "8000", "1012345678", NETTO, "Havnegade 9"), True, "samme P-nummer"),
        # one address unknown: the names decide
        (EmployerKey("1", "Netto Gellerup", "8220", None, NETTO, ""),
         EmployerKey("2", "NETTO GELLERUP ApS", "8220", None, NETTO, "Gudrunsvej 10"), True, "lignende navn"),
        # different P-numbers at one address: two workplaces
        (EmployerKey("1", "Netto Gellerup", "8220", "1000000001", NETTO, "Gudrunsvej 10"),
         EmployerKey("2", "Netto Gellerup", "8220", "1000000002", NETTO, "Gudrunsvej 10"), False, ""),
        # no CVR: alike names in one postcode are suggested even at different addresses
        (EmployerKey("1", "Bager Hansen", "8220", None, None, "Bredgade 4"),
         EmployerKey("2", "BAGER HANSEN I/S", "8220", None, None, "Havnegade 9"), True, "lignende navn"),
    ],
)  # fmt: skip
def test_the_duplicate_rule_table(x: EmployerKey, y: EmployerKey, suggested: bool, reason: str) -> None:
    s = compare(x, y)
    assert (s is not None) == suggested
    if s is not None:
        assert s.reasons[0].startswith(reason)
        assert DuplicateIndex([x, y]).scan() == [s]  # the scan applies the same rule
    else:
        assert DuplicateIndex([x, y]).scan() == []


def test_a_new_workplace_at_a_chains_existing_address_is_looked_up_while_typing() -> None:
    index = DuplicateIndex([EmployerKey("E1", "Netto Gellerup", "8220", None, NETTO, "Gudrunsvej 10")])
    hits = index.lookup(EmployerKey("(ny)", "Discount City Vest", "8220", None, NETTO, "Gudrunsvej 10"))
    assert [(h.b, h.codes) for h in hits] == [("E1", ("address",))]


def test_reasons_are_plain_danish_without_scores_and_each_said_once() -> None:
    x = EmployerKey("1", "Netto Gellerup", "8220", None, NETTO, "Gudrunsvej 10")
    y = EmployerKey("2", "Netto Gellerup ApS", "8220", None, NETTO, "Gudrunsvej 10")
    s = compare(x, y)
    assert s is not None
    assert s.reasons == ("samme CVR og adresse", "lignende navn i samme postnummer")
    p = compare(EmployerKey("1", "Kantinen", "8220", "1012345678", NETTO, "Bredgade 4"),
                EmployerKey("2", "Madhuset", "8000", "1012345678", NETTO, "Havnegade 9"))  # fmt: skip
    assert p is not None and p.reasons == ("samme P-nummer", "samme CVR")
