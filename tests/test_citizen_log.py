"""The citizen's Adgangslog in words: record numbers become the names they stand for."""

from __future__ import annotations

from oto_match.services.citizen_log import action_words, named_detail


def test_record_numbers_in_a_detail_read_as_names_or_as_what_they_are() -> None:
    names = {"S005": "Omar Bach", "E00060": "Netto Brabrand", "P000012": "hos Netto Brabrand"}
    detail = "forløb P000012 oprettet: Virksomhed: – → E00060; Makker 1: – → S005; Makker 2: – → S099"
    assert named_detail(detail, names) == (
        "forløb hos Netto Brabrand oprettet: Virksomhed: – → Netto Brabrand; Makker 1: – → Omar Bach; "
        "Makker 2: – → en medarbejder"
    )
    assert named_detail("foreslog C000013 til J000007", {}) == "foreslog en anden borger til en jobåbning"


def test_an_unknown_action_is_never_shown_as_its_code() -> None:
    assert action_words("followup") == "registrerede opfølgning"
    assert action_words("something_new") == "anden handling"
