from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar

from oto_match import vocab
from oto_match.calendar_export import CalendarItem, to_ics


def test_the_ics_parses_back_with_one_event_per_follow_up_and_no_health_words() -> None:
    items = [
        CalendarItem("P1-s0", date(2026, 12, 1), "scheduled", "both", "FA", "Kantinen Vest"),
        CalendarItem("P2-r0", date(2027, 6, 1), "statutory_review", "citizen", "JN", "Føtex Gellerup"),
    ]
    cal = Calendar.from_ical(to_ics(items, datetime(2026, 11, 24, 8, 0)))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    assert str(events[0]["summary"]) == "Opfølgning: FA – Kantinen Vest"
    assert events[0].decoded("dtstart") == date(2026, 12, 1)
    assert str(events[1]["uid"]) == "P2-r0@oto-match"
    text = " ".join(f"{e['summary']} {e['description']}" for e in events).lower()
    for word in [*vocab.STRAINS.values(), "diagnose", "ptsd", "smerter", "helbred"]:
        assert word.lower() not in text


def test_an_event_names_the_citizen_by_at_most_three_initials() -> None:
    from oto_match.calendar_export import initials

    assert initials("Fatima Ali") == "FA"
    assert initials("  amina  bint  hassan warsame ") == "ABH"
