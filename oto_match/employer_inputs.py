"""What a person does with an employer, as typed inputs that check themselves.

Each input is a frozen dataclass named after the action (`EmployerChange`, `ContactChange`,
`VisitLog`, `AddAdaptations`, `PauseChange`). `problems()` returns every problem at once, each
tied to its field code; the form shows the field's Danish label, CSV import adds "linje N, kolonne C (label)".
Forms build these straight from widget values, CSV import builds them from a row (records.py);
both hand them to the same service in `services/employers.py` or `services/visits.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from oto_match import validation as v
from oto_match import vocab
from oto_match.domain import Employer, Visit
from oto_match.errors import FieldProblem, ValidationError

SIZE_BANDS = ("1-9", "10-49", "50-249", "250+")  # employees at the workplace
NEXT_STEP_MAX = 500  # a next step is one line: "ring til Lis tirsdag om praktikken"

Check = tuple[str, Callable[[Any], Any], Any]  # field code, parser (raises ValueError), raw value


def run_checks(checks: Sequence[Check]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Each field's cleaned value, and every field's problem (a parser raises ValueError with the reason)."""
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for field, parse, raw in checks:
        try:
            values[field] = parse(raw)
        except ValueError as e:
            problems.append(FieldProblem(field, str(e)))
    return values, problems


def raise_problems(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationError(problems)


def one_line(max_length: int) -> Callable[[str], str]:
    """An optional single-line text of at most `max_length` characters."""
    return lambda s: v.clean_text(s or "", max_length, multiline=False)


def _note(value: str) -> str:
    return v.clean_text(value or "", v.TEXT_MAX, multiline=True)


def _codes(codes: dict[str, str], what: str) -> Callable[[Sequence[str]], tuple[str, ...]]:
    def parse(values: Sequence[str]) -> tuple[str, ...]:
        unknown = [c for c in values if c not in codes]
        if unknown:
            raise ValueError(f"ukendt {what} '{unknown[0]}'")
        return tuple(dict.fromkeys(values))

    return parse


_strains = _codes(vocab.STRAINS, "belastning")


def _required_id(what: str) -> Callable[[str | None], str]:
    def parse(value: str | None) -> str:
        if not (value or "").strip():
            raise ValueError(f"vælg {what}")
        return v.parse_id(value or "")

    return parse


def _optional_id(value: str | None) -> str | None:
    return v.parse_optional_id(value or "")


def _size_band(value: str) -> str:
    if value and value not in SIZE_BANDS:
        raise ValueError(f"ukendt størrelse '{value}' (gyldige: {', '.join(SIZE_BANDS)})")
    return value


def _postcode(value: str) -> str:
    parsed = v.parse_postcode(value or "")
    if parsed is None:
        raise ValueError("mangler")
    return parsed


@dataclass(frozen=True)
class EmployerChange:
    """Create an employer or change its master data ("Ny virksomhed", "Stamdata", employers.csv).

    `employer_id` empty: a new employer gets a new id. `version`: the version the form was opened
    on (0 = new; None = the file is the authority, as in an import). A new employer that likely
    duplicates an existing one is refused unless `confirmed_not_duplicate`.
    """

    name: str
    postcode: str
    cvr: str | None = None
    pnumber: str | None = None
    address: str = ""
    industry: str = ""
    accommodations: tuple[str, ...] = ()
    adaptations_note: str = ""
    size_band: str = ""
    social_economy: bool = False
    owner_staff_id: str | None = None
    employer_id: str | None = None
    version: int | None = 0
    confirmed_not_duplicate: bool = False

    @classmethod
    def editing(cls, e: Employer) -> EmployerChange:
        """A change to `e` as its form opens: every master field as saved, at the version it was read."""
        return cls(
            name=e.name, postcode=e.postcode, cvr=e.cvr, pnumber=e.pnumber, address=e.address, industry=e.industry,
            accommodations=e.accommodations, adaptations_note=e.adaptations_note, size_band=e.size_band,
            social_economy=e.social_economy, owner_staff_id=e.owner_staff_id, employer_id=e.employer_id,
            version=e.version,
        )  # fmt: skip

    def cleaned(self) -> tuple[dict[str, Any], list[FieldProblem]]:
        """The master data as they will be saved (trimmed, CVR without spaces), and every problem."""
        return run_checks([
            ("employer_id", _optional_id, self.employer_id),
            ("name", v.parse_name, self.name),
            ("postcode", _postcode, self.postcode),
            ("cvr", v.parse_cvr, self.cvr or ""),
            ("pnumber", v.parse_pnumber, self.pnumber or ""),
            ("address", one_line(v.NAME_MAX), self.address),
            ("industry", one_line(v.NAME_MAX), self.industry),
            ("accommodations", _strains, self.accommodations),
            ("adaptations_note", _note, self.adaptations_note),
            ("size_band", _size_band, self.size_band),
            ("social_economy", bool, self.social_economy),
            ("owner_staff_id", _optional_id, self.owner_staff_id),
        ])  # fmt: skip

    def problems(self) -> list[FieldProblem]:
        return self.cleaned()[1]


@dataclass(frozen=True)
class ContactChange:
    """Add or change a contact person at an employer. `contact_id` empty: a new contact."""

    employer_id: str
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    contact_id: str = ""
    version: int = 0

    def cleaned(self) -> tuple[dict[str, Any], list[FieldProblem]]:
        return run_checks([
            ("employer_id", _required_id("en virksomhed"), self.employer_id),
            ("contact_id", _optional_id, self.contact_id),
            ("name", v.parse_name, self.name),
            ("role", one_line(v.NAME_MAX), self.role),
            ("phone", v.parse_phone, self.phone),
            ("email", v.parse_email, self.email),
        ])  # fmt: skip

    def problems(self) -> list[FieldProblem]:
        return self.cleaned()[1]


def _date_in_range(value: date | None) -> date | None:
    problem = v.date_problem(value) if value is not None else None
    if problem:
        raise ValueError(problem)
    return value


@dataclass(frozen=True)
class VisitLog:
    """Log a contact with an employer (a cup of tea, a phone call). `visit_id` empty: a new id.

    Rules: the visit date lies within the sensible range and not after `today` (a future contact is
    a next step, not a visit); a next step date lies within range and not before the visit, and a
    dated next step says what the step is.
    """

    employer_id: str
    staff_id: str
    visit_date: date
    form: str
    cup: int | None = None
    notes: str = ""
    tasks_learned: str = ""
    adaptations_learned: tuple[str, ...] = ()
    next_step: str = ""
    next_step_date: date | None = None
    visit_id: str = ""

    @classmethod
    def recorded(cls, visit: Visit) -> VisitLog:
        """A visit already described (the demo generator's history) as the log that records it."""
        return cls(
            visit.employer_id, visit.staff_id, visit.visit_date, visit.form, visit.cup, visit.notes,
            visit.tasks_learned, tuple(visit.adaptations_learned), visit.next_step, visit.next_step_date,
            visit.visit_id,
        )  # fmt: skip

    def cleaned(self, today: date) -> tuple[dict[str, Any], list[FieldProblem]]:
        values, problems = run_checks([
            ("visit_id", lambda s: v.parse_optional_id(s) or "", self.visit_id),
            ("employer_id", _required_id("en virksomhed"), self.employer_id),
            ("staff_id", _required_id("en medarbejder"), self.staff_id),
            ("visit_date", _date_in_range, self.visit_date),
            ("form", v.parse_code(vocab.VISIT_FORMS, "kontaktform"), self.form),
            ("cup", _cup, self.cup),
            ("notes", _note, self.notes),
            ("tasks_learned", _note, self.tasks_learned),
            ("adaptations_learned", _strains, self.adaptations_learned),
            ("next_step", one_line(NEXT_STEP_MAX), self.next_step),
            ("next_step_date", _date_in_range, self.next_step_date),
        ])  # fmt: skip
        return values, problems + self._order_problems(today, values)

    def _order_problems(self, today: date, values: dict[str, Any]) -> list[FieldProblem]:
        problems = v.require(
            "visit_date" not in values or self.visit_date <= today,
            "visit_date", "et besøg kan ikke ligge i fremtiden; planlæg det som næste skridt",
        )  # fmt: skip
        if self.next_step_date is not None and "next_step_date" in values and "visit_date" in values:
            problems += v.require(self.next_step_date >= self.visit_date, "next_step_date", "ligger før besøget")
        if self.next_step_date is not None and values.get("next_step") == "":
            problems += v.require(False, "next_step", "skriv hvad næste skridt er")
        if self.next_step_date is None and values.get("next_step"):  # a step without a date is never reminded of
            problems += v.require(False, "next_step_date", "sæt en dato, så skridtet kommer på 'Mine næste skridt'")
        return problems

    def problems(self, today: date) -> list[FieldProblem]:
        return self.cleaned(today)[1]


def _cup(value: int | None) -> int | None:
    if value is not None and value not in vocab.CUPS:
        raise ValueError("skal være 1, 2 eller 3 (eller ingen)")
    return value


@dataclass(frozen=True)
class AddAdaptations:
    """Add what a workplace can adapt (learned at a cup-2 visit) to its record.

    Adding never removes anything, so `version` None adds to the record as it is now; a version
    refuses the change if someone saved the record after that version.
    """

    employer_id: str
    strains: tuple[str, ...] = ()
    note: str = ""
    version: int | None = None

    def cleaned(self) -> tuple[dict[str, Any], list[FieldProblem]]:
        values, problems = run_checks([
            ("employer_id", _required_id("en virksomhed"), self.employer_id),
            ("accommodations", _strains, self.strains),
            ("adaptations_note", _note, self.note),
        ])  # fmt: skip
        if not problems and not values["accommodations"] and not values["adaptations_note"]:
            problems.append(FieldProblem("accommodations", "vælg mindst én belastning eller skriv en tilpasning"))
        return values, problems

    def problems(self) -> list[FieldProblem]:
        return self.cleaned()[1]


@dataclass(frozen=True)
class PauseChange:
    """Pause a relationship (a reason is required) or take it up again."""

    employer_id: str
    paused: bool
    reason: str = ""
    version: int | None = None

    def cleaned(self) -> tuple[dict[str, Any], list[FieldProblem]]:
        values, problems = run_checks([
            ("employer_id", _required_id("en virksomhed"), self.employer_id),
            ("paused_reason", one_line(NEXT_STEP_MAX), self.reason if self.paused else ""),
        ])  # fmt: skip
        if self.paused and values.get("paused_reason") == "":
            problems.append(FieldProblem("paused_reason", "skriv hvorfor samarbejdet sættes på pause"))
        return values, problems

    def problems(self) -> list[FieldProblem]:
        return self.cleaned()[1]
