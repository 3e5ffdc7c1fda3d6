"""Time windows: `DAYS HH:MM-HH:MM`, several separated by `;`.

DAYS is a range (`man-fre`) or a list (`man,ons,fre`) of man tir ons tor fre lør søn.
Example: `man-fre 08:00-13:30; lør 10:00-12:00`.

A window may cross midnight: when the end is earlier than the start, the window ends the
next day. `fre 22:00-02:00` is Friday 22:00 to Saturday 02:00, and `søn 22:00-02:00` ends
Monday 02:00 (the week goes round). A window that starts and ends at the same time is an error.

Windows are normalised on the week as a whole: overlapping or touching windows are merged,
also across midnight, so `fre 22:00-24:00; lør 00:00-02:00` is the same as `fre 22:00-02:00`.
A stretch that lasts a day or more is written day by day, split at midnight. The text is
written back in one canonical form, so that an export re-imports to identical data.

A *period* is such a merged stretch on the week (minutes after Monday 00:00): the real start
and end of a working period or of an availability, never an artificial split at midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from oto_match.vocab import WEEKDAYS

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
DAY = 24 * 60
WEEK = 7 * DAY


@dataclass(frozen=True, order=True)
class Window:
    day: int  # 0 = mandag
    start: int  # minutes after midnight
    end: int  # minutes after the same midnight: above 24:00 when the window crosses midnight

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, order=True)
class Period:
    """A merged stretch of the week: minutes after Monday 00:00, `start` < `end` (`end` may pass the week's end)."""

    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def whole_week(self) -> bool:
        return self.minutes >= WEEK


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


def _parse_chunk(chunk: str) -> list[Window]:
    parts = chunk.split()
    if len(parts) != 2 or "-" not in parts[1]:
        raise TimeWindowError(f"'{chunk}' skal have formen DAGE HH:MM-HH:MM, fx 'man-fre 08:00-12:00'")
    start_text, _, end_text = parts[1].partition("-")
    start, end = _parse_time(start_text), _parse_time(end_text)
    if start == DAY:
        raise TimeWindowError(f"i '{chunk}' kan 24:00 kun være et sluttidspunkt (skriv 00:00 næste dag)")
    if end == start:
        raise TimeWindowError(f"i '{chunk}' begynder og slutter tidsrummet samme klokkeslæt")
    if end < start:  # crosses midnight: ends the next day
        end += DAY
    return [Window(day, start, end) for day in _parse_days(parts[0])]


@lru_cache(maxsize=65_536)  # the same few texts recur across many citizens; the result is immutable
def parse_windows(text: str | None) -> tuple[Window, ...]:
    """Parse time-window text into canonical windows sorted by day and time; empty text gives ()."""
    if text is None or not text.strip():
        return ()
    windows: list[Window] = []
    for chunk in text.split(";"):
        if chunk.strip():
            windows.extend(_parse_chunk(chunk.strip()))
    return merge_windows(windows)


@lru_cache(maxsize=65_536)
def text_periods(text: str | None) -> tuple[Period, ...]:
    """The periods of a time-window text (parse_windows, then periods)."""
    return periods(parse_windows(text))


def periods(windows: list[Window] | tuple[Window, ...]) -> tuple[Period, ...]:
    """The merged stretches of the week the windows cover (overlapping or touching ones joined, across midnight
    and across Sunday night). The whole week is one period of a week's length."""
    spans = sorted((w.day * DAY + w.start, w.day * DAY + w.end) for w in windows)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    while len(merged) > 1 and merged[-1][1] >= merged[0][0] + WEEK:  # the last one reaches round into Monday
        first = merged.pop(0)
        merged[-1][1] = max(merged[-1][1], first[1] + WEEK)
    if merged and merged[-1][1] - merged[-1][0] >= WEEK:
        return (Period(0, WEEK),)
    return tuple(Period(s, e) for s, e in merged)


def _windows_of(p: Period) -> list[Window]:
    """One window when the stretch is shorter than a day (or is exactly one calendar day), else split at midnight."""
    day, start = divmod(p.start, DAY)
    if p.minutes < DAY or (start == 0 and p.minutes == DAY):
        return [Window(day % 7, start, start + p.minutes)]
    out, at = [], p.start
    while at < p.end:
        day, start = divmod(at, DAY)
        end = min(DAY, p.end - day * DAY)
        out.append(Window(day % 7, start, end))
        at = (day + 1) * DAY
    return out


def merge_windows(windows: list[Window] | tuple[Window, ...]) -> tuple[Window, ...]:
    """The canonical windows of the same stretches: merged on the week, then written per period."""
    return tuple(sorted(w for p in periods(windows) for w in _windows_of(p)))


def _fmt_time(minutes: int) -> str:
    minutes = minutes - DAY if minutes > DAY else minutes  # the next day's clock time
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _fmt_days(days: list[int]) -> str:
    contiguous = days == list(range(days[0], days[-1] + 1))
    if contiguous and len(days) >= 3:
        return f"{WEEKDAYS[days[0]]}-{WEEKDAYS[days[-1]]}"
    return ",".join(WEEKDAYS[d] for d in days)


def _grouped(windows: tuple[Window, ...]) -> list[tuple[tuple[int, int], list[int]]]:
    """Days sharing the same hours, groups ordered by first day."""
    groups: dict[tuple[int, int], list[int]] = {}
    for w in windows:
        groups.setdefault((w.start, w.end), []).append(w.day)
    return sorted(groups.items(), key=lambda item: (item[1][0], item[0]))


def format_windows(windows: tuple[Window, ...] | list[Window]) -> str:
    """Canonical text: days sharing the same hours are grouped, groups ordered by first day."""
    ordered = _grouped(merge_windows(list(windows)))
    return "; ".join(f"{_fmt_days(days)} {_fmt_time(s)}-{_fmt_time(e)}" for (s, e), days in ordered)


@lru_cache(maxsize=65_536)  # pure: the same text always gives the same canonical text
def normalise_windows(text: str | None) -> str:
    """Parse and write back in canonical form ('' for empty)."""
    return format_windows(parse_windows(text))


def weekly_minutes(windows: tuple[Window, ...]) -> int:
    return sum(w.minutes for w in windows)


def covers(availability: tuple[Period, ...], start: int, end: int) -> bool:
    """Whether one availability period holds the whole stretch [start, end) (minutes after Monday 00:00; the
    stretch may begin before Monday or end after Sunday: the week goes round)."""
    shift = start - start % WEEK
    start, end = start - shift, end - shift
    for p in availability:
        if p.whole_week:
            return True
        if (p.start <= start and end <= p.end) or (p.start - WEEK <= start and end <= p.end - WEEK):
            return True
    return False


def describe_periods(stretches: list[Period] | tuple[Period, ...]) -> str:
    """Plain words naming every day: 'man, tir 07:00-12:00; fre 22:00-02:00'; a stretch of a day or more by its
    first and last day ('man 20:00-ons 02:00'); the whole week as 'hele ugen'."""
    parts, short = [], []
    for p in stretches:
        if p.whole_week:
            parts.append("hele ugen")
        elif p.minutes < DAY:
            short.extend(_windows_of(p))
        else:
            last_day, end = divmod(p.end, DAY)
            last_day, end = (last_day - 1, DAY) if end == 0 else (last_day, end)
            parts.append(f"{WEEKDAYS[p.start // DAY % 7]} {_fmt_time(p.start % DAY)}-"
                         f"{WEEKDAYS[last_day % 7]} {_fmt_time(end)}")  # fmt: skip
    texts = [f"{', '.join(WEEKDAYS[d] for d in days)} {_fmt_time(s)}-{_fmt_time(e)}"
             for (s, e), days in _grouped(tuple(sorted(short)))]  # fmt: skip
    return "; ".join(texts + parts)
