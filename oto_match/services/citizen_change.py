"""CitizenChange: what a staff member types (or a citizens.csv row says) to create or change a citizen.

Pure: no database. The form builds it from widget values, the importer from a row
(`change_from_row`); both are checked by the same `problems()`, and the service
(services/citizens.py) checks the staff and team it points at.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
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
            found = tuple(self._problem(name, message) for name, message in self._messages() if self.sets(name))
            object.__setattr__(self, "_found", found)
        return list(self._found or ())

    def _problem(self, name: str, message: str) -> FieldProblem:
        """A file names the makkerpar column; a form names the field (Makker 1, Makker 2)."""
        if self.line is not None and name in PARTNER_FIELDS:
            name = "makkerpar"
        return FieldProblem(name, message, self.line)

    def _messages(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for name, check in _CHECKS:
            message = check(getattr(self, name))
            if message:
                found.append((name, message))
        if self.availability_problem:
            found.append(("availability", self.availability_problem))
        if self.partner1_id and self.partner1_id == self.partner2_id:
            found.append(("partner2_id", "makkerparret skal være to forskellige medarbejdere"))
        if self.version is not None and self.version < 0:
            found.append(("citizen_id", f"ugyldig version {self.version}"))
        return found

    def to_citizen(self, before: Citizen | None) -> Citizen:
        """The citizen as saved: the fields this change sets, the rest as stored (or empty, when new)."""
        base = before or Citizen(self.citizen_id, self.name)
        values = {name: _cleaned(name, getattr(self, name)) for name in PROFILE_FIELDS if self.sets(name)}
        return replace(base, **values)

    def in_team(self, team_id: str) -> CitizenChange:
        """The same change, also putting the citizen in `team_id`."""
        given = None if self.given is None else self.given | {"team_id"}
        return replace(self, team_id=team_id, given=given)


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


def _cleaned(name: str, value: Any) -> Any:
    """Texts are stored without surrounding spaces; an empty country is no country."""
    if name == "country_of_origin":
        return (value or "").strip() or None
    return value.strip() if isinstance(value, str) else value


def change_from_row(raw: Mapping[str, str | None], line: int | None = None) -> CitizenChange:
    """A citizens.csv row as a CitizenChange; columns the file does not have are left as stored."""
    problems: list[FieldProblem] = []
    values: dict[str, Any] = {}
    for specs in (records.CITIZEN_SPECS, [s for s in records.CITIZEN_OPTIONAL_SPECS if s.name in raw]):
        try:
            values.update(v.parse_fields(specs, raw, line))
        except ValidationError as e:
            problems += e.problems
    if problems:
        raise ValidationError(problems)
    if "makkerpar" in values:
        pair = values.pop("makkerpar")
        values["partner1_id"], values["partner2_id"] = (*pair, None, None)[:2]
    if values.get("status", "") is None:
        del values["status"]  # an empty status cell: the citizen keeps theirs (new: ledig)
    change = CitizenChange(**values, version=None, given=_given(values), line=line)
    found = change.problems()
    if found:
        raise ValidationError(found)
    return change


def _given(values: Collection[str]) -> frozenset[str]:
    return frozenset(values) - {"citizen_id"}
