"""Shared page helpers: the database, the signed-in user, and error display."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import streamlit as st

from oto_match import vocab
from oto_match.access import User
from oto_match.config import db_path_from_env
from oto_match.domain import Staff
from oto_match.errors import OtoMatchError
from oto_match.services.setup import init_database
from oto_match.storage.db import Database
from oto_match.ui import state

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    db, _ = init_database(path)
    return db


def db() -> Database:
    """The process's database, keyed by path so each test database gets its own."""
    return _database(str(db_path_from_env()))


def today() -> date:
    return date.today()


def actor() -> User | None:
    """The signed-in user (ui/signin.py put them in the session), or None."""
    return state.signed_in_user()


def require_actor() -> User:
    """The signed-in user; a page reached without one (it cannot be, the navigation is built after sign-in) stops."""
    who = actor()
    if who is None:
        st.info("Log ind for at bruge OTO Match.")
        st.stop()
    assert who is not None  # st.stop() does not return
    return who


def attempt(action: Callable[[], T]) -> T | None:
    """Run a service call; show an OtoMatchError as a message instead of a stack trace."""
    try:
        return action()
    except OtoMatchError as e:
        st.error(e.message)
        return None


def staff_label(s: Staff) -> str:
    return f"{s.name} ({vocab.PROFESSIONS.get(s.profession, s.profession)}, {vocab.team_name(s.team_id)})"


def strain_select(
    label: str, default: Sequence[str] = (), key: str | None = None, options: Sequence[str] | None = None
) -> list[str]:
    """A multiselect of strain codes with their Danish labels (all strains unless `options` narrows them)."""
    return st.multiselect(
        label,
        list(vocab.STRAINS if options is None else options),
        default=list(default),
        format_func=label_of(vocab.STRAINS),
        key=key,
        placeholder="Vælg",
    )


def fmt_date(d: date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "–"


HOURS_FORMAT = "%g"  # 8, not Streamlit's 8.00; half hours read 7.5


def hours_input(
    label: str, value: float | None = None, *, where: Any = st, key: str | None = None, max_value: float = 60.0
) -> float | None:
    """A field for hours per week: 0 to `max_value` in steps of one hour (halves may be typed), shown as 8 or 7.5.

    `where` is a column or container to draw in (the page by default); `value` None leaves the field empty."""
    return where.number_input(
        label, min_value=0.0, max_value=max_value, value=value, step=1.0, format=HOURS_FORMAT, key=key
    )


def fmt_number(x: float | None, missing: str = "–") -> str:
    """A number as Danes write it: decimal comma, no trailing zeros (7,5; 12)."""
    return missing if x is None else f"{x:g}".replace(".", ",")


def plural(n: int, one: str, many: str) -> str:
    """The word for `n` things in Danish: `one` for exactly 1, else `many` (1 stilling, 2 stillinger, 0 stillinger)."""
    return one if n == 1 else many


def label_of(table: dict[Any, str]) -> Callable[[Any], str]:
    return lambda code: table.get(code, str(code))


STATUS_COLOURS = {"pass": "green", "unknown": "orange", "fail": "red"}
VERDICT_BADGES = {
    "eligible": ":green-badge[passer]",
    "uncertain": ":orange-badge[usikker]",
    "excluded": ":red-badge[udelukket]",
}


def coloured_check(status: str, text: str) -> str:
    """A traffic-light line: green pass, orange unknown, red fail."""
    return f":{STATUS_COLOURS[status]}[{text}]"


STYLED_CELLS_MAX = 200_000  # pandas' Styler refuses more; big tables keep the word "overskredet" instead


def red_rows(frame: Any, flags: list[bool]) -> Any:
    """A DataFrame styled with red text on the flagged (overdue) rows (unstyled when very large)."""
    if frame.size > STYLED_CELLS_MAX or not any(flags):
        return frame
    return frame.style.apply(
        lambda row: ["color: #c0392b; font-weight: 600" if flags[row.name] else "" for _ in row], axis=1
    )


def unique_labels(labels: dict[str, str], details: dict[str, str] | None = None) -> dict[str, str]:
    """Option labels where two would read the same get told apart in words, never by id: by their detail
    (an address, a date) when it differs, else numbered '(1)', '(2)' in the order given."""
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    told = {key: f"{label} · {(details or {}).get(key) or ''}".rstrip(" ·") if counts[label] > 1 else label
            for key, label in labels.items()}  # fmt: skip
    seen: dict[str, int] = {}
    still = {label: n for label, n in Counter(told.values()).items() if n > 1}
    for key, label in told.items():
        if label in still:
            seen[label] = seen.get(label, 0) + 1
            told[key] = f"{label} ({seen[label]})"
    return told


MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#~|$]|:(?=[A-Za-z\[]))")  # a colon only where it opens :x: or :red[
NO_LINK = "\u2060"  # an invisible word joiner: the markdown renderer links e-mail addresses and URLs even when escaped


def plain(text: str) -> str:
    """Text shown as typed inside a markdown element (st.error, st.markdown): an e-mail address or a URL is no
    link, '*' no bold, ':x:' no emoji."""
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return escaped.replace("@", f"@{NO_LINK}").replace("://", f":{NO_LINK}//").replace("www.", f"www{NO_LINK}.")


def error_markdown(e: OtoMatchError) -> str:
    """An error as the user reads it: several fields one line each ('- Titel: mangler'), as typed."""
    problems = [p for p in getattr(e, "problems", []) if p.line is None]
    lines = [f"{p.label}: {plain(p.message)}" for p in problems]
    if len(lines) > 1:
        return "\n".join(f"- {line}" for line in lines)
    return lines[0] if lines else plain(e.message)


def attempt_form(action: Callable[[], T]) -> T | None:
    """attempt() for a form's save: the error below the form, one line per field, text shown as typed."""
    try:
        return action()
    except OtoMatchError as e:
        st.error(error_markdown(e))
        return None
