"""Time windows: `DAYS HH:MM-HH:MM`, several separated by `;`.

DAYS is a range (`man-fre`) or a list (`man,ons,fre`) of man tir ons tor fre lør søn.
Example: `man-fre 08:00-13:30; lør 10:00-12:00`. A window may not cross midnight
(split a night shift in two). Windows are normalised: per day, overlapping or touching
windows are merged, and the text is written back in one canonical form so that an
export re-imports to identical data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oto_match.vocab import WEEKDAYS

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True, order=True)
class Window:
    day: int  # 0 = mandag
    start: int  # minutes after midnight
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


class TimeWindowError(ValueError):
    """The text is not a valid list of time windows; the message says why, in Danish."""


def _parse_time(text: str) -> int:
    m = _TIME.match(text.strip())
    if not m:
        raise TimeWindowError(f"'{text.strip()}' er ikke et klokkeslæt som HH:MM")
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise TimeWindowError(f"'{text.strip()}' er ikke et gyldigt klokkeslæt")
    return hours * 60 + minutes


def _parse_days(text: str) -> list[int]:
    text = text.strip().lower()
    if "-" in text and "," not in text:
        first, _, last = text.partition("-")
        if first not in WEEKDAYS or last not in WEEKDAYS:
            raise TimeWindowError(f"ukendt dag i '{text}' (brug man tir ons tor fre lør søn)")
        a, b = WEEKDAYS.index(first), WEEKDAYS.index(last)
        if b < a:
            raise TimeWindowError(f"dagsintervallet '{text}' går baglæns")
        return list(range(a, b + 1))
    days = []
    for part in text.split(","):
        part = part.strip()
        if part not in WEEKDAYS:
            raise TimeWindowError(f"ukendt dag '{part}' (brug man tir ons tor fre lør søn)")
        days.append(WEEKDAYS.index(part))
    return days


def parse_windows(text: str | None) -> tuple[Window, ...]:
    """Parse time-window text into merged windows sorted by day and time; empty text gives ()."""
    if text is None or not text.strip():
        return ()
    windows: list[Window] = []
    for chunk in text.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        parts = chunk.split()
        if len(parts) != 2 or "-" not in parts[1]:
            raise TimeWindowError(f"'{chunk}' skal have formen DAGE HH:MM-HH:MM, fx 'man-fre 08:00-12:00'")
        start_text, _, end_text = parts[1].partition("-")
        start, end = _parse_time(start_text), _parse_time(end_text)
        if end <= start:
            raise TimeWindowError(f"i '{chunk}' slutter tidsrummet før det begynder (over midnat: del det op)")
        windows.extend(Window(day, start, end) for day in _parse_days(parts[0]))
    return merge_windows(windows)


def merge_windows(windows: list[Window] | tuple[Window, ...]) -> tuple[Window, ...]:
    """Sort windows and merge those on the same day that overlap or touch."""
    merged: list[Window] = []
    for w in sorted(windows):
        if merged and merged[-1].day == w.day and w.start <= merged[-1].end:
            last = merged.pop()
            w = Window(w.day, last.start, max(last.end, w.end))
        merged.append(w)
    return tuple(merged)


def _fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _fmt_days(days: list[int]) -> str:
    contiguous = days == list(range(days[0], days[-1] + 1))
    if contiguous and len(days) >= 3:
        return f"{WEEKDAYS[days[0]]}-{WEEKDAYS[days[-1]]}"
    return ",".join(WEEKDAYS[d] for d in days)


def format_windows(windows: tuple[Window, ...] | list[Window]) -> str:
    """Canonical text: days sharing the same hours are grouped, groups ordered by first day."""
    groups: dict[tuple[int, int], list[int]] = {}
    for w in merge_windows(list(windows)):
        groups.setdefault((w.start, w.end), []).append(w.day)
    ordered = sorted(groups.items(), key=lambda item: (item[1][0], item[0]))
    return "; ".join(f"{_fmt_days(days)} {_fmt_time(s)}-{_fmt_time(e)}" for (s, e), days in ordered)


def normalise_windows(text: str | None) -> str:
    """Parse and write back in canonical form ('' for empty)."""
    return format_windows(parse_windows(text))


def weekly_minutes(windows: tuple[Window, ...]) -> int:
    return sum(w.minutes for w in windows)


def covering_window(availability: tuple[Window, ...], day: int, start: int, end: int) -> Window | None:
    """The availability window on `day` that contains [start, end], if any."""
    for w in availability:
        if w.day == day and w.start <= start and w.end >= end:
            return w
    return None


def describe_window(w: Window) -> str:
    return f"{WEEKDAYS[w.day]} {_fmt_time(w.start)}-{_fmt_time(w.end)}"
