"""CitizenChange: what a staff member types (or a citizens.csv row says) to create or change a citizen.

Pure: no database. The form builds it from widget values, the importer from a row
(`change_from_row`); both are checked by the same `problems()`, and the service
(services/citizens.py) checks the staff and team it points at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from typing import Any

from oto_match import records, vocab
from oto_match import validation as v
from oto_match.domain import Citizen
from oto_match.errors import FieldProblem, ValidationError

# Limits of the numbers a profile may hold (the same as citizens.csv).
HOURS_MAX = 60.0
COMMUTE_MAX_MIN = 300
WALK_MAX_M = 100_000
BIRTH_YEARS = (1900, 2100)

TEXT_FIELDS = ("wishes", "experience", "not_interested", "own_words", "consent_note")
PARTNER_FIELDS = ("partner1_id", "partner2_id")
# The stored citizen fields a change sets (everything but the id).
PROFILE_FIELDS = tuple(f.name for f in fields(Citizen) if f.name not in ("citizen_id", "version"))
_profile_values = attrgetter(*PROFILE_FIELDS)  # a change's (or a citizen's) profile values, in that order
_COUNTRY = PROFILE_FIELDS.index("country_of_origin")


@dataclass(frozen=True)
class CitizenChange:
    """Create (version 0) or change (the version the form was opened on) one citizen's profile.

    `given` names the fields this change sets; None means all of them (a form). An import of a file
    without the newer columns sets only the columns it has, so an existing citizen keeps the rest.
    `version` None is an import: the file is the authority. `line` is the file line, for messages.
    """

    citizen_id: str
    name: str
    version: int | None = 0
    postcode: str | None = None
    max_hours_week: float | None = None
    availability: str = ""
    spare_strains: tuple[str, ...] = ()
    transport_modes: tuple[str, ...] = ()
    max_commute_min: int | None = None
    max_walk_m: int | None = None
    danish_level: int | None = None
    driving_license: bool | None = None
    fleksjob_visitated: bool | None = None
    wishes: str = ""
    experience: str = ""
    not_interested: str = ""
    own_words: str = ""
    consent_note: str = ""
    consent_date: date | None = None
    birth_year: int | None = None
    gender: str | None = None
    country_of_origin: str | None = None
    status: str = "unemployed"
    team_id: str | None = None
    partner1_id: str | None = None
    partner2_id: str | None = None
    given: frozenset[str] | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)
    availability_problem: str | None = field(default=None, init=False, compare=False, repr=False)
    _found: tuple[FieldProblem, ...] | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Time windows are held in their one canonical text (left as typed, with the reason, when unreadable)."""
        try:
            object.__setattr__(self, "availability", v.parse_windows_text(self.availability))
        except ValueError as e:
            object.__setattr__(self, "availability_problem", str(e))

    def sets(self, name: str) -> bool:
        return self.given is None or name in self.given

    def problems(self) -> list[FieldProblem]:
        """Every problem of the change at once, each naming its field (worked out once: the change is frozen)."""
        if self._found is None:
            problems_of([self])
        return list(self._found or ())

    def _problem(self, name: str, message: str) -> FieldProblem:
        """A file names the makkerpar column; a form names the field (Makker 1, Makker 2)."""
        if self.line is not None and name in PARTNER_FIELDS:
            name = "makkerpar"
        return FieldProblem(name, message, self.line)

    def to_citizen(self, before: Citizen | None) -> Citizen:
        """The citizen as saved: the fields this change sets, the rest as stored (or empty, when new)."""
        return to_citizens([self], {} if before is None else {self.citizen_id: before})[0]

    def in_team(self, team_id: str) -> CitizenChange:
        """The same change, also putting the citizen in `team_id`."""
        given = None if self.given is None else self.given | {"team_id"}
        return replace(self, team_id=team_id, given=given)


def to_citizens(changes: Sequence[CitizenChange], stored: Mapping[str, Citizen]) -> list[Citizen]:
    """Each change's citizen as saved, built column by column: the fields the change sets, the rest as stored
    (`stored`, by id) or empty, when new. Texts are stored without surrounding spaces; an empty country is no
    country."""
    befores = [stored.get(change.citizen_id) for change in changes]
    rows = list(map(_profile_values, changes))
    columns = [_stripped(column) for column in zip(*rows, strict=True)] or [[] for _ in PROFILE_FIELDS]
    columns[_COUNTRY] = [country or None for country in columns[_COUNTRY]]
    kept = {given: _kept_fields(given) for given in set(map(_given_of, changes))}  # a file's rows share a few
    for k, change in enumerate(changes):
        if kept[change.given]:  # the rest as stored (or empty)
            base = befores[k] or Citizen(change.citizen_id, change.name)
            for at, name in kept[change.given]:
                columns[at][k] = getattr(base, name)
    values = dict(zip(PROFILE_FIELDS, columns, strict=True))
    values["citizen_id"] = [change.citizen_id for change in changes]
    values["version"] = [0 if before is None else before.version for before in befores]
    return list(map(Citizen, *(values[name] for name in _CITIZEN_ARGS)))


_CITIZEN_ARGS = [f.name for f in fields(Citizen) if f.init]  # the order Citizen's __init__ takes them
_given_of = attrgetter("given")


def _stripped(values: Sequence[Any]) -> list[Any]:
    """A column with each text stripped of surrounding spaces (other values as they are)."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(str.strip, values))
    if any(issubclass(kind, str) for kind in kinds):
        return [value.strip() if isinstance(value, str) else value for value in values]
    return list(values)


def _kept_fields(given: frozenset[str] | None) -> tuple[tuple[int, str], ...]:
    """(position, name) of the profile fields a change setting `given` leaves as stored."""
    if given is None:
        return ()
    return tuple((at, name) for at, name in enumerate(PROFILE_FIELDS) if name not in given)


# A change's fields in the order its __init__ takes them (building many changes column by column).
_INIT_FIELDS = [f for f in fields(CitizenChange) if f.init]
_DEFAULT_STATUS = next(f.default for f in _INIT_FIELDS if f.name == "status")


def _text_check(max_length: int, multiline: bool = True) -> Any:
    return lambda value: v.text_problem(value.strip(), max_length, multiline)


def _call(parse: Any) -> Any:
    """A check from a parser: its ValueError's message, or None."""

    def check(value: Any) -> str | None:
        try:
            parse(value)
        except ValueError as e:
            return str(e)
        return None

    return check


def _within(low: float, high: float) -> Any:
    def check(value: float | None) -> str | None:
        if value is not None and not low <= value <= high:
            return f"{value:g} skal ligge mellem {low:g} og {high:g}"
        return None

    return check


def _codes(table: Mapping[Any, str], what: str) -> Any:
    def check(value: Any) -> str | None:
        items = value if isinstance(value, tuple) else (value,)
        unknown = [str(x) for x in items if x is not None and x not in table]
        return f"ukendt {what} '{', '.join(unknown)}'" if unknown else None

    return check


def _optional_id(value: str | None) -> str | None:
    return None if value is None else _call(v.parse_id)(value)


def _date_check(value: date | None) -> str | None:
    return None if value is None else v.date_problem(value)


_CHECKS: list[tuple[str, Any]] = [
    ("citizen_id", _call(v.parse_id)),
    ("name", _call(v.parse_name)),
    ("postcode", lambda value: None if value is None else _call(v.parse_postcode)(value)),
    ("max_hours_week", _within(0, HOURS_MAX)),
    ("spare_strains", _codes(vocab.STRAINS, "belastning")),
    ("transport_modes", _codes(vocab.TRANSPORT_MODES, "transportform")),
    ("max_commute_min", _within(0, COMMUTE_MAX_MIN)),
    ("max_walk_m", _within(0, WALK_MAX_M)),
    ("danish_level", _codes(vocab.DANISH_LEVELS, "niveau")),
    *[(name, _text_check(v.TEXT_MAX)) for name in TEXT_FIELDS],
    ("consent_date", _date_check),
    ("birth_year", _within(*BIRTH_YEARS)),
    ("gender", _codes(vocab.GENDERS, "køn")),
    ("country_of_origin", lambda value: None if value is None else _text_check(v.NAME_MAX, False)(value)),
    ("status", _codes(vocab.CITIZEN_STATUSES, "status")),
    ("team_id", _optional_id),
    ("partner1_id", _optional_id),
    ("partner2_id", _optional_id),
]


def problems_of(changes: Sequence[CitizenChange]) -> list[FieldProblem]:
    """Every problem of every change, change by change (each change keeps its own: `problems()`).

    Column by column: a field's check runs once per distinct value among the changes that set it (the checks
    are pure), so 100,000 citizens from one file cost one check per distinct postcode, not one per citizen.
    """
    todo = [c for c in changes if c._found is None]
    found: dict[int, list[tuple[int, str, str]]] = {}  # change -> (order, field, message)
    for given, members in _by_given(todo).items():
        checked = [(at, name, check) for at, (name, check) in enumerate(_CHECKS) if given is None or name in given]
        names = [name for _, name, _ in checked]
        columns = _columns([todo[k] for k in members], [*names, *_CROSS_FIELD_NAMES])
        for (order, name, check), values in zip(checked, columns, strict=False):
            for at, message in _check_column(check, values).items():
                found.setdefault(members[at], []).append((order, name, message))
        for at, name, message in _cross_field(*columns[len(names) :]):
            if given is None or name in given:
                found.setdefault(members[at], []).append((len(_CHECKS), name, message))
    for change in todo:
        object.__setattr__(change, "_found", ())
    for k, rows in found.items():
        rows.sort(key=lambda f: f[0])
        object.__setattr__(todo[k], "_found", tuple(todo[k]._problem(name, message) for _, name, message in rows))
    return [p for change in changes for p in change._found or ()]


def _columns(changes: list[CitizenChange], names: list[str]) -> list[list[Any]]:
    """The named attributes (two or more) of the changes, column by column (read in one pass over the changes)."""
    rows = list(map(attrgetter(*names), changes))
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in names]


_CROSS_FIELD_NAMES = ("availability_problem", "partner1_id", "partner2_id", "version")


def _cross_field(
    unreadable: list[str | None], first: list[str | None], second: list[str | None], versions: list[int | None]
) -> list[tuple[int, str, str]]:
    """(position, field, message) of the problems no single field's check sees, rule by rule: an unreadable
    availability, a makkerpar of one person twice, a negative version (columns of _CROSS_FIELD_NAMES)."""
    found = [(k, "availability", problem) for k, problem in enumerate(unreadable) if problem]
    same = "makkerparret skal være to forskellige medarbejdere"
    pairs = enumerate(zip(first, second, strict=True))
    found += [(k, "partner2_id", same) for k, (one, other) in pairs if one and one == other]
    found += [(k, "citizen_id", f"ugyldig version {n}") for k, n in enumerate(versions) if n is not None and n < 0]
    return sorted(found, key=lambda f: f[0])


def _by_given(changes: Sequence[CitizenChange]) -> dict[frozenset[str] | None, list[int]]:
    """The changes' positions grouped by the fields they set (a file's rows all set the same few)."""
    groups: dict[frozenset[str] | None, list[int]] = {}
    for k, change in enumerate(changes):
        groups.setdefault(change.given, []).append(k)
    return groups


def _check_column(check: Any, values: list[Any]) -> dict[int, str]:
    """The message of each value a check refuses, by position; the check runs once per distinct value (values of
    different types are told apart: 1, 1.0 and True are equal, but a message may show them differently)."""
    mixed = len(set(map(type, values)) - {type(None)}) > 1
    keys: list[Any] = list(zip(values, map(type, values), strict=True)) if mixed else values
    try:
        messages = {key: check(key[0] if mixed else key) for key in dict.fromkeys(keys)}
    except TypeError:  # a value that cannot be a key (a list, say): checked one by one
        return {at: message for at, value in enumerate(values) if (message := check(value))}
    refused = {key for key, message in messages.items() if message}
    return {at: messages[key] for at, key in enumerate(keys) if key in refused} if refused else {}


def change_from_row(raw: Mapping[str, str | None], line: int | None = None) -> CitizenChange:
    """A citizens.csv row as a CitizenChange; columns the file does not have are left as stored."""
    changes, problems = changes_from_rows([(line, raw)])
    if problems:
        raise ValidationError(problems)
    return changes[0]


def changes_from_rows(
    rows: Sequence[tuple[int | None, Mapping[str, str | None]]],
) -> tuple[list[CitizenChange], list[FieldProblem]]:
    """citizens.csv rows (line, row) as CitizenChanges: see `changes_from_columns`."""
    made: list[tuple[int, CitizenChange]] = []
    problems: list[tuple[int, FieldProblem]] = []
    for present, members in _by_columns([raw for _, raw in rows]).items():
        names = [*records.CITIZEN_COLUMNS, *(c for c in records.CITIZEN_OPTIONAL_COLUMNS if c in present)]
        columns = {name: v.column_of([rows[k][1] for k in members], name) for name in names}
        changes, found = _changes(columns, [rows[k][0] for k in members])
        made += [(members[at], change) for at, change in changes]
        problems += [(members[at], problem) for at, problem in found]
    return _in_order(made), _in_order(problems)


def changes_from_columns(
    columns: Mapping[str, Sequence[str]], lines: Sequence[int | None]
) -> tuple[list[CitizenChange], list[FieldProblem]]:
    """A citizens.csv file, column by column, as CitizenChanges: the change of each valid row, and every problem
    of the others, row by row. Optional columns the file does not have are left as stored.

    A row's cells are parsed by the specs of records.py (each parser once per distinct text of its column), then
    checked by the change's own rules (`problems_of`, once per distinct value).
    """
    changes, problems = _changes(columns, lines)
    return [change for _, change in changes], _in_order(problems)


def _changes(
    columns: Mapping[str, Sequence[str]], lines: Sequence[int | None]
) -> tuple[list[tuple[int, CitizenChange]], list[tuple[int, FieldProblem]]]:
    """(position, change) of each valid row, and (position, problem) of every problem."""
    specs = [*records.CITIZEN_SPECS, *(s for s in records.CITIZEN_OPTIONAL_SPECS if s.name in columns)]
    parsed = v.parse_columns(specs, columns, lines)
    rows = [at for at in range(len(lines)) if at not in parsed.bad] if parsed.bad else list(range(len(lines)))
    made = list(zip(rows, _made(parsed.values, rows, lines), strict=True))
    problems_of([change for _, change in made])
    problems = parsed.problems + [(at, p) for at, change in made for p in change._found or ()]
    problems.sort(key=lambda found: found[0])
    return [(at, change) for at, change in made if not change._found], problems


def _in_order(items: list[tuple[int, Any]]) -> list[Any]:
    return [item for _, item in sorted(items, key=lambda found: found[0])]


def _by_columns(raws: Sequence[Mapping[str, str | None]]) -> dict[frozenset[str], list[int]]:
    """The rows' positions grouped by the optional columns they have (all rows of one file have the same)."""
    groups: dict[frozenset[str], list[int]] = {}
    for k, raw in enumerate(raws):
        groups.setdefault(_optional_in(tuple(raw)), []).append(k)
    return groups


@lru_cache(maxsize=64)
def _optional_in(columns: tuple[str, ...]) -> frozenset[str]:
    return frozenset(columns) & frozenset(records.CITIZEN_OPTIONAL_COLUMNS)


def _made(values: dict[str, list[Any]], rows: list[int], lines: Sequence[int | None]) -> list[CitizenChange]:
    """The change each of the parsed rows asks for, built column by column: it sets the columns the file has; the
    makkerpar cell is the two partners; an empty status cell keeps the citizen's (new: ledig)."""
    every = len(rows) == len(lines)  # no row was refused
    taken = {name: column if every else [column[at] for at in rows] for name, column in values.items()}
    if "makkerpar" in taken:
        pairs = [(*pair, None, None)[:2] for pair in taken.pop("makkerpar")]
        taken["partner1_id"], taken["partner2_id"] = map(list, zip(*pairs, strict=True)) if pairs else ([], [])
    given = _given(tuple(taken))
    givens: Iterable[frozenset[str]] = repeat(given)
    if None in taken.get("status", ()):
        kept = _given(tuple(name for name in taken if name != "status"))
        givens = [kept if status is None else given for status in taken["status"]]
        taken["status"] = [_DEFAULT_STATUS if status is None else status for status in taken["status"]]
    columns: dict[str, Iterable[Any]] = {**taken, "version": repeat(None), "given": givens}
    columns["line"] = [lines[at] for at in rows]
    return list(map(CitizenChange, *(columns.get(f.name, repeat(f.default)) for f in _INIT_FIELDS)))


@lru_cache(maxsize=64)  # the rows of a file give the same few sets: one object each, cheap to group by
def _given(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names) - {"citizen_id"}
