"""The Fastholdelse timeline: a follow-up on the day it was done, with what was changed at it."""

from __future__ import annotations

from datetime import date

from oto_match.domain import FollowUp
from oto_match.services.placement_timeline import changes_of, hours_changed_on, state_of, timeline_entries
from oto_match.storage.placements import HoursChange

TODAY = date(2026, 6, 15)


def _f(fid: str, due: date, status: str = "open", done: date | None = None) -> FollowUp:
    return FollowUp(fid, "P1", due, "scheduled", "both", status, done, "S1" if done else None)


def test_the_changes_of_a_log_row_leave_out_the_placement_and_how_it_went() -> None:
    detail = "forløb P1: Hvordan går det: justering; Timer/uge: 8 → 9; Aftalte skånehensyn: – → kulde"
    assert changes_of(detail) == "Timer/uge: 8 → 9; Aftalte skånehensyn: – → kulde"
    assert changes_of("forløb P1: Hvordan går det: trives") == ""


def test_an_hours_change_on_the_day_is_read_from_the_history_but_the_start_is_no_change() -> None:
    hours = [HoursChange("P1", date(2026, 5, 1), 8, None, ""), HoursChange("P1", date(2026, 6, 1), 9.5, None, "")]
    assert hours_changed_on(hours, date(2026, 6, 1)) == "Timer/uge: 8 → 9,5"
    assert hours_changed_on(hours, date(2026, 5, 1)) == ""


def test_a_done_follow_up_stands_on_the_day_it_was_done_and_the_others_on_their_due_date() -> None:
    late = _f("F1", date(2026, 5, 10), "done", date(2026, 5, 20))
    due = _f("F2", date(2026, 5, 15))
    nxt = _f("F3", date(2026, 7, 1))
    entries = timeline_entries([late, due, nxt], [], {"F1": "forløb P1: Timer/uge: 8 → 9"}, {"S1": "Anne"}, TODAY)
    assert [(e.followup.followup_id, e.when, e.state) for e in entries] == [
        ("F2", date(2026, 5, 15), "overdue"), ("F1", date(2026, 5, 20), "done"), ("F3", date(2026, 7, 1), "open"),
    ]  # fmt: skip
    assert entries[1].changes == "Timer/uge: 8 → 9" and entries[1].done_by == "Anne"


def test_a_cancelled_follow_up_is_cancelled_not_overdue() -> None:
    assert state_of(_f("F1", date(2026, 1, 1), "cancelled"), TODAY) == "cancelled"
