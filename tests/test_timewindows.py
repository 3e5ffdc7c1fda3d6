from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oto_match.timewindows import (
    WEEK,
    Period,
    TimeWindowError,
    Window,
    covers,
    describe_periods,
    format_windows,
    normalise_windows,
    parse_windows,
    periods,
)
from oto_match.vocab import WEEKDAYS


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
    "text, canonical",
    [
        ("fre 22:00-02:00", "fre 22:00-02:00"),  # Friday 22:00 to Saturday 02:00
        ("fre 22:00-24:00; lør 00:00-02:00", "fre 22:00-02:00"),  # split at midnight: the same one window
        ("lør 00:00-02:00; fre 22:00-24:00", "fre 22:00-02:00"),
        ("søn 22:00-02:00", "søn 22:00-02:00"),  # wraps round to Monday 02:00
        ("søn 22:00-24:00; man 00:00-03:00", "søn 22:00-03:00"),
        ("fre 22:00-00:00", "fre 22:00-24:00"),  # ending at midnight does not cross it
        ("man-fre 22:00-06:00", "man-fre 22:00-06:00"),
        ("fre 22:00-02:00; lør 01:00-04:00", "fre 22:00-04:00"),  # overlapping across midnight: merged
        ("man-søn 00:00-24:00", "man-søn 00:00-24:00"),  # the whole week, day by day
        ("man 10:00-24:00; tir 00:00-10:00", "man 10:00-24:00; tir 00:00-10:00"),  # a whole day or more: split
        ("man 20:00-24:00; tir 00:00-24:00; ons 00:00-02:00", "man 20:00-24:00; tir 00:00-24:00; ons 00:00-02:00"),
        ("tor 23:00-01:00; man-fre 08:00-12:00", "man-fre 08:00-12:00; tor 23:00-01:00"),
    ],
)
def test_windows_may_cross_midnight_and_are_stored_in_one_canonical_form(text: str, canonical: str) -> None:
    assert normalise_windows(text) == canonical
    assert normalise_windows(canonical) == canonical


def test_a_window_across_midnight_is_one_period_from_its_real_start_to_its_real_end() -> None:
    friday_night = periods(parse_windows("fre 22:00-24:00; lør 00:00-02:00"))
    assert friday_night == (Period(4 * 1440 + 22 * 60, 5 * 1440 + 2 * 60),)
    assert periods(parse_windows("søn 22:00-02:00")) == (Period(6 * 1440 + 22 * 60, WEEK + 120),)
    assert periods(parse_windows("man-søn 00:00-24:00")) == (Period(0, WEEK),)


@pytest.mark.parametrize(
    "availability, start, end, expected",
    [
        ("fre 20:00-03:00", 4 * 1440 + 21 * 60, 5 * 1440 + 2 * 60, True),
        ("fre 20:00-24:00; lør 00:00-03:00", 4 * 1440 + 21 * 60, 5 * 1440 + 2 * 60, True),
        ("fre 20:00-24:00", 4 * 1440 + 21 * 60, 5 * 1440 + 2 * 60, False),
        ("søn 20:00-03:00", 6 * 1440 + 21 * 60, WEEK + 2 * 60, True),  # round the end of the week
        ("søn 20:00-03:00", 30, 120, True),  # Monday early morning, held by Sunday night
        ("søn 20:00-03:00", -60, 120, True),  # from Sunday 23:00 (before Monday) to Monday 02:00
        ("man-søn 00:00-24:00", -500, WEEK + 500, True),  # the whole week holds anything
        ("man-fre 08:00-14:00", 9 * 60, 12 * 60, True),
        ("man-fre 08:00-14:00", 7 * 60, 12 * 60, False),
    ],
)
def test_an_availability_covers_a_stretch_only_in_one_piece(
    availability: str, start: int, end: int, expected: bool
) -> None:
    assert covers(periods(parse_windows(availability)), start, end) is expected


@pytest.mark.parametrize(
    "text, described",
    [
        ("man-ons 07:00-12:00", "man, tir, ons 07:00-12:00"),
        ("fre 22:00-02:00; man 08:00-10:00", "man 08:00-10:00; fre 22:00-02:00"),
        ("man 20:00-24:00; tir 00:00-24:00; ons 00:00-02:00", "man 20:00-ons 02:00"),
        ("man-søn 00:00-24:00", "hele ugen"),
    ],
)
def test_periods_are_described_naming_every_day(text: str, described: str) -> None:
    assert describe_periods(periods(parse_windows(text))) == described


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("mandag 08:00-12:00", "ukendt dag"),
        ("man 8-12", "klokkeslæt som HH:MM"),
        ("man08:00-12:00", "DAGE HH:MM-HH:MM"),
        ("man 12:00-12:00", "samme klokkeslæt"),  # start == end is still an error
        ("man 00:00-00:00", "samme klokkeslæt"),
        ("man 24:00-02:00", "kun være et sluttidspunkt"),
        ("man 25:00-26:00", "gyldigt klokkeslæt"),
        ("fre-man 08:00-12:00", "baglæns"),
    ],
)
def test_bad_windows_are_rejected_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(TimeWindowError, match=fragment):
        parse_windows(text)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


chunks = st.builds(
    lambda days, start, end: f"{','.join(WEEKDAYS[d] for d in sorted(days))} {_clock(start)}-{_clock(end)}",
    st.sets(st.integers(0, 6), min_size=1, max_size=3),
    st.integers(0, 47).map(lambda q: q * 30),
    st.integers(0, 48).map(lambda q: q * 30),
).filter(lambda chunk: chunk.split()[1][:5] != chunk.split()[1][6:])
window_texts = st.lists(chunks, min_size=0, max_size=6).map("; ".join)


@given(window_texts)
def test_normalising_is_stable_and_an_export_re_imports_identically(text: str) -> None:
    canonical = normalise_windows(text)
    assert normalise_windows(canonical) == canonical  # normalise(format(parse(x))) is stable
    assert parse_windows(canonical) == parse_windows(text)  # an export re-imports to the same windows
    assert periods(parse_windows(canonical)) == periods(parse_windows(text))
