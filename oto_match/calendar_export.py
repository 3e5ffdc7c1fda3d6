"""Follow-ups as an .ics calendar that Outlook imports: one all-day event per follow-up.

Event texts hold citizen initials, the employer and the kind of follow-up — never health details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from oto_match import vocab


@dataclass(frozen=True)
class CalendarItem:
    followup_id: str
    due_date: date
    kind: str
    with_whom: str
    citizen_initials: str
    employer_name: str


def initials(name: str) -> str:
    """What a calendar event may say about the citizen: up to three initials, never the name or health."""
    return "".join(w[0].upper() for w in name.split())[:3]


def to_ics(items: list[CalendarItem], now: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//OTO Match//Aarhus Kommune//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "OTO opfølgninger")
    for item in items:
        event = Event()
        event.add("uid", f"{item.followup_id}@oto-match")
        event.add("dtstamp", now)
        event.add("dtstart", item.due_date)
        event.add("dtend", item.due_date + timedelta(days=1))
        title = vocab.FOLLOWUP_CALENDAR_TITLES.get(item.kind, "Opfølgning")
        event.add("summary", f"{title}: {item.citizen_initials} – {item.employer_name}")
        event.add("description", f"Med: {vocab.FOLLOWUP_WITH[item.with_whom]}. Se OTO Match for detaljer.")
        cal.add_component(event)
    return bytes(cal.to_ical())
