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


def test_repeated_looks_by_one_person_within_a_quarter_read_as_one_line_with_a_count() -> None:
    from datetime import datetime, timedelta

    from oto_match.services.citizen_log import LogLine, one_line_per_look

    t = datetime(2026, 11, 26, 10, 30)
    looks = [LogLine(t - timedelta(minutes=m), "Anne", "så", "") for m in (0, 3, 10, 14)]  # newest first
    older = LogLine(t - timedelta(minutes=40), "Anne", "så", "")
    other = LogLine(t - timedelta(minutes=41), "Bo", "så", "")
    change = LogLine(t - timedelta(minutes=42), "Bo", "ændrede", "Status: ledig → i job")
    lines = one_line_per_look([*looks, older, other, change])
    assert [(line.who, line.what, line.times) for line in lines] == [
        ("Anne", "så", 4), ("Anne", "så", 1), ("Bo", "så", 1), ("Bo", "ændrede", 1)]
    assert lines[0].first_at == t - timedelta(minutes=14) and lines[0].at == t
