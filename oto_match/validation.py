"""Field parsers and record validation. Every problem names its field, in Danish.

The same specs serve CSV import and the app's forms, so a value is accepted or rejected
in the same way wherever it comes from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from oto_match import postcodes, vocab
from oto_match.errors import FieldProblem, ValidationError
from oto_match.timewindows import TimeWindowError, normalise_windows

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
_PHONE = re.compile(r"\+?[0-9 ()\-]{8,20}")
_INTEGER = re.compile(r"-?\d+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_EIGHT_DIGITS = re.compile(r"\d{8}")
_TEN_DIGITS = re.compile(r"\d{10}")
_ID = re.compile(r"[A-Za-z0-9_.\-]{1,40}")


def cvr_is_valid(cvr: str) -> bool:
    """A CVR number is 8 digits whose weighted sum (weights 2,7,6,5,4,3,2,1) is divisible by 11."""
    if not _EIGHT_DIGITS.fullmatch(cvr):
        return False
    return sum(int(d) * w for d, w in zip(cvr, CVR_WEIGHTS, strict=True)) % 11 == 0


# Length limits: a name fits on a card; a free text is at most a long note.
NAME_MAX = 200
TEXT_MAX = 5000
# Dates the team can mean: nothing before 2000 or after 2100 (1900 and 9999 are typing slips).
DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)
_LINE_BREAKS = {"\n", "\r", "\t"}


def text_problem(value: str, max_length: int = TEXT_MAX, multiline: bool = True) -> str | None:
    """Why a text cannot be saved, or None: too long, or holding control or invisible characters.

    Invisible characters (zero-width spaces, right-to-left overrides, NUL …) make two names look
    the same while they differ, or make a name look like another; they are refused, not removed,
    so nobody's text is changed behind their back.
    """
    if len(value) > max_length:
        return f"er {len(value)} tegn; højst {max_length}"
    if value.isprintable():  # the common case, checked at C speed
        return None
    for ch in value:
        category = unicodedata.category(ch)
        if ch in _LINE_BREAKS:
            if not multiline:
                return "må ikke indeholde linjeskift"
            continue
        if category in ("Cc", "Cf", "Co", "Cs") or category == "Zl" or category == "Zp":
            return f"indeholder et usynligt tegn eller kontroltegn (U+{ord(ch):04X}); skriv teksten igen"
    return None


def clean_text(value: str, max_length: int = TEXT_MAX, multiline: bool = True) -> str:
    """A free text, stripped; raises ValueError with a Danish reason when it cannot be saved."""
    value = value.strip()
    problem = text_problem(value, max_length, multiline)
    if problem:
        raise ValueError(problem)
    return value


def parse_text(value: str) -> str:
    return clean_text(value)


def parse_name(value: str) -> str:
    """A required name or title: one line, at most NAME_MAX characters."""
    value = clean_text(value, NAME_MAX, multiline=False)
    if not value:
        raise ValueError("mangler")
    return value


def parse_email(value: str) -> str:
    value = clean_text(value, NAME_MAX, multiline=False)
    if value and not _EMAIL.fullmatch(value):
        raise ValueError(f"'{value}' er ikke en e-mailadresse (fx navn@firma.dk)")
    return value


def parse_phone(value: str) -> str:
    value = clean_text(value, 40, multiline=False)
    if value and (not _PHONE.fullmatch(value) or sum(ch.isdigit() for ch in value) < 8):
        raise ValueError(f"'{value}' er ikke et telefonnummer (mindst 8 cifre, fx 12 34 56 78)")
    return value


def date_problem(value: date) -> str | None:
    """A date outside DATE_MIN..DATE_MAX is a typing slip."""
    if not DATE_MIN <= value <= DATE_MAX:
        return f"{value:%d-%m-%Y} ligger uden for {DATE_MIN:%Y}–{DATE_MAX:%Y}"
    return None


def parse_optional_int(low: int, high: int) -> Callable[[str], int | None]:
    def parse(value: str) -> int | None:
        value = value.strip()
        if not value:
            return None
        if not _INTEGER.fullmatch(value):
            raise ValueError(f"'{value}' er ikke et heltal")
        number = int(value)
        if not low <= number <= high:
            raise ValueError(f"{number} skal ligge mellem {low} og {high}")
        return number

    return parse


def parse_optional_float(low: float, high: float) -> Callable[[str], float | None]:
    def parse(value: str) -> float | None:
        value = value.strip().replace(",", ".")
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"'{value}' er ikke et tal") from None
        if not low <= number <= high:
            raise ValueError(f"{value} skal ligge mellem {low:g} og {high:g}")
        return number

    return parse


def parse_optional_bool(value: str) -> bool | None:
    word = value.strip().lower()
    if not word:
        return None
    if word in vocab.TRUE_WORDS:
        return True
    if word in vocab.FALSE_WORDS:
        return False
    raise ValueError(f"'{value.strip()}' skal være yes/no (eller ja/nej)")


def parse_bool_default_false(value: str) -> bool:
    return bool(parse_optional_bool(value))


def parse_code_list(codes: Mapping[str, str], what: str) -> Callable[[str], tuple[str, ...]]:
    def parse(value: str) -> tuple[str, ...]:
        items: list[str] = []
        for raw in value.split(";"):
            item = raw.strip()
            if not item:
                continue
            if item not in codes:
                raise ValueError(f"ukendt {what} '{item}' (gyldige: {', '.join(codes)})")
            if item not in items:
                items.append(item)
        return tuple(items)

    return parse


def parse_code(codes: Mapping[Any, str], what: str, default: str | None = None) -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        value = value.strip()
        if not value:
            if default is not None:
                return default
            raise ValueError(f"{what} mangler")
        if value not in codes:
            raise ValueError(f"ukendt {what} '{value}' (gyldige: {', '.join(map(str, codes))})")
        return value

    return parse


def parse_postcode(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not _FOUR_DIGITS.fullmatch(value):
        raise ValueError(f"'{value}' er ikke et postnummer med 4 cifre")
    if not postcodes.is_known(value):
        raise ValueError(f"{value} er ikke et kendt dansk postnummer")
    return value


def parse_cvr(value: str) -> str | None:
    value = value.strip().replace(" ", "")
    if not value:
        return None
    if not _EIGHT_DIGITS.fullmatch(value):
        raise ValueError(f"'{value}' skal være 8 cifre")
    if not cvr_is_valid(value):
        raise ValueError(f"{value} består ikke modulus 11-kontrollen (tastefejl?)")
    return value


def parse_pnumber(value: str) -> str | None:
    value = value.strip().replace(" ", "")
    if not value:
        return None
    if not _TEN_DIGITS.fullmatch(value):
        raise ValueError(f"'{value}' skal være 10 cifre")
    return value


def parse_windows_text(value: str) -> str:
    try:
        return normalise_windows(value)
    except TimeWindowError as e:
        raise ValueError(str(e)) from None


def parse_danish_level(value: str) -> int | None:
    return parse_optional_int(0, 3)(value)


def parse_optional_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' er ikke en dato som ÅÅÅÅ-MM-DD") from None
    problem = date_problem(parsed)
    if problem:
        raise ValueError(problem)
    return parsed


def parse_id(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("mangler")
    if not _ID.fullmatch(value):
        raise ValueError(f"'{value}' må kun indeholde bogstaver a-z, tal, '-', '_' og '.' (højst 40 tegn)")
    return value


def parse_optional_id(value: str) -> str | None:
    return parse_id(value) if value.strip() else None


def parse_required_text(value: str) -> str:
    return parse_name(value)


def parse_gender(value: str) -> str | None:
    value = value.strip().lower()
    if not value:
        return None
    by_label = {label: code for code, label in vocab.GENDERS.items()}
    if value in vocab.GENDERS:
        return value
    if value in by_label:
        return by_label[value]
    raise ValueError(f"ukendt køn '{value}' (gyldige: {', '.join(vocab.GENDERS)})")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    parse: Callable[[str], Any]


def parse_fields(specs: list[FieldSpec], raw: Mapping[str, str | None], line: int | None = None) -> dict[str, Any]:
    """Parse every field of `raw` by its spec; raise ValidationError listing every bad field."""
    [values], problems = parse_rows(specs, [raw], [line])
    if problems or values is None:
        raise ValidationError([problem for _, problem in problems])
    return values


def parse_rows(
    specs: Sequence[FieldSpec], raws: Sequence[Mapping[str, str | None]], lines: Sequence[int | None]
) -> tuple[list[dict[str, Any] | None], list[tuple[int, FieldProblem]]]:
    """Every row (a mapping of column -> cell) parsed by the specs: per row its values (None when a field of it is
    invalid), and every problem with the position of its row (see `parse_columns`)."""
    parsed = parse_columns(specs, {spec.name: column_of(raws, spec.name) for spec in specs}, lines)
    names = list(parsed.values)
    if not names:
        return [{} for _ in lines], parsed.problems
    per_row = enumerate(zip(*parsed.values.values(), strict=True))
    rows = [None if i in parsed.bad else dict(zip(names, values, strict=True)) for i, values in per_row]
    return rows, parsed.problems


@dataclass(frozen=True)
class ParsedColumns:
    """A table parsed column by column: each spec's values (one per row; None where the cell is invalid), the
    positions of the rows with a problem, and every problem with the position of its row, in row order and,
    within a row, in spec order."""

    values: dict[str, list[Any]]
    bad: set[int]
    problems: list[tuple[int, FieldProblem]]


def parse_columns(
    specs: Sequence[FieldSpec], columns: Mapping[str, Sequence[str]], lines: Sequence[int | None]
) -> ParsedColumns:
    """A table given column by column (a column it lacks reads as empty cells), parsed by the specs.

    A spec's parser runs once per distinct text of its column, not once per row (a parser is pure and returns an
    immutable value, so every row with the same text gets the same value or problem).
    """
    values: dict[str, list[Any]] = {}
    failed: list[tuple[int, int, FieldProblem]] = []  # (row, spec, problem)
    for order, spec in enumerate(specs):
        texts = columns.get(spec.name) or [""] * len(lines)
        parsed, messages = _parse_distinct(spec.parse, texts)
        values[spec.name] = list(map(parsed.get, texts))  # equal texts share one value: later passes stay small
        if messages:
            failed += [(i, order, FieldProblem(spec.name, messages[t], lines[i]))
                       for i, t in enumerate(texts) if t in messages]  # fmt: skip
    failed.sort(key=lambda f: (f[0], f[1]))
    return ParsedColumns(values, {i for i, _, _ in failed}, [(i, problem) for i, _, problem in failed])


def column_of(raws: Sequence[Mapping[str, str | None]], name: str) -> list[str]:
    """One column's cells as texts (a missing cell is ''), taken at C speed when every row has it as text."""
    try:
        cells: list[Any] = list(map(itemgetter(name), raws))
    except KeyError:
        cells = [raw.get(name) for raw in raws]
    if set(map(type, cells)) <= {str}:
        return cells
    return ["" if cell is None else str(cell) for cell in cells]


def _parse_distinct(parse: Callable[[str], Any], texts: Sequence[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The parsed value of each distinct text, and the problem of each that cannot be parsed."""
    parsed: dict[str, Any] = {}
    messages: dict[str, str] = {}
    for text in set(texts):  # a set is built faster than a dict; the parsers are pure, so order does not matter
        try:
            parsed[text] = parse(text)
        except ValueError as e:
            messages[text] = str(e)
    return parsed, messages


def require(condition: bool, field: str, message: str, line: int | None = None) -> list[FieldProblem]:
    return [] if condition else [FieldProblem(field, message, line)]
