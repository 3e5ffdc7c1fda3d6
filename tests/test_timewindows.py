from __future__ import annotations

import pytest

from oto_match.timewindows import TimeWindowError, Window, format_windows, normalise_windows, parse_windows


def test_a_day_range_and_a_single_day_are_parsed() -> None:
    windows = parse_windows("man-fre 08:00-13:30; lør 10:00-12:00")
    assert windows[0] == Window(0, 480, 810)
    assert len(windows) == 6 and windows[-1] == Window(5, 600, 720)


def test_overlapping_windows_on_the_same_day_are_merged() -> None:
    assert parse_windows("man 08:00-10:00; man 09:30-12:00") == (Window(0, 480, 720),)


def test_the_canonical_text_groups_days_with_the_same_hours() -> None:
    assert normalise_windows("fre 08:00-12:00; man-tor 08:00-12:00; lør 10:00-11:00") == (
        "man-fre 08:00-12:00; lør 10:00-11:00"
    )
    assert normalise_windows("man,ons 09:00-12:00") == "man,ons 09:00-12:00"


def test_the_canonical_text_parses_back_to_the_same_windows() -> None:
    text = "man,tir 08:00-10:00; man 14:00-16:00; søn 07:00-08:00"
    assert parse_windows(format_windows(parse_windows(text))) == parse_windows(text)


def test_empty_text_means_no_windows() -> None:
    assert parse_windows("") == () and parse_windows(None) == () and normalise_windows("  ") == ""


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("mandag 08:00-12:00", "ukendt dag"),
        ("man 8-12", "klokkeslæt som HH:MM"),
        ("man08:00-12:00", "DAGE HH:MM-HH:MM"),
        ("man 12:00-08:00", "over midnat"),
        ("man 25:00-26:00", "gyldigt klokkeslæt"),
        ("fre-man 08:00-12:00", "baglæns"),
    ],
)
def test_bad_windows_are_rejected_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(TimeWindowError, match=fragment):
        parse_windows(text)
