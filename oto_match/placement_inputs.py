"""Typed inputs of the placement use cases: a new placement, a logged follow-up, a change of hours.

Each holds typed values (dates as dates, codes as their string codes, time windows as canonical text)
and lists every problem at once, each naming its field; forms build them from widget values, CSV
import from a row (adding the line number). The services in services/placements.py and
services/followups.py are the only doors that write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from oto_match import vocab
from oto_match.domain import FollowUp
from oto_match.errors import FieldProblem
from oto_match.timewindows import TimeWindowError, normalise_windows
from oto_match.validation import date_problem, text_problem

# An expectation or a note is a few sentences; a one-line field (a success criterion) fits on a card.
AGREEMENT_TEXT_MAX = 2000
NOTES_MAX = 2000
HOURS_MAX = 60.0
PLACEMENT_STATUSES = tuple(vocab.PLACEMENT_STATUSES)
INITIATED_BY = ("team", "citizen", "employer")
AGREEMENT_TEXTS = ("employer_expects", "citizen_expects", "success_employer", "success_citizen",
                   "adaptations_note", "path_to_paid")  # fmt: skip


def _canonical_windows(text: str | None) -> tuple[str, str | None]:
    """(canonical text, None) for a valid time-window text, else (the text as typed, the Danish reason)."""
    try:
        return normalise_windows(text or ""), None
    except TimeWindowError as e:
        return (text or "").strip(), str(e)


def _problem(field: str, message: str | None, line: int | None) -> list[FieldProblem]:
    return [FieldProblem(field, message, line)] if message else []


def _date_problems(field: str, value: date | None, line: int | None) -> list[FieldProblem]:
    return _problem(field, date_problem(value), line) if value is not None else []


def _codes_problems(field: str, codes: tuple[str, ...], known: dict[str, str], line: int | None) -> list[FieldProblem]:
    unknown = [c for c in codes if c not in known]
    return _problem(field, f"ukendt kode {', '.join(unknown)}" if unknown else None, line)


def _hours_problem(hours: float | None, low_exclusive: bool) -> str | None:
    if hours is None:
        return None
    if hours > HOURS_MAX or hours < 0 or (low_exclusive and hours == 0):
        return f"{hours:g} skal ligge mellem {'over ' if low_exclusive else ''}0 og {HOURS_MAX:g}"
    return None


@dataclass(frozen=True)
class NewPlacement:
    """A citizen starts at an employer: the agreement as the team made it.

    Left out, these are derived by the service: the placement id (new), the employer (the job's),
    the planned end (the scheme's normal length, schemes.default_end) and the makkerpar (the citizen's).
    An imported placement that has ended already carries its status and end fields.
    """

    citizen_id: str
    employer_id: str | None
    placement_type: str
    start_date: date
    hours_week: float | None
    job_id: str | None = None
    planned_end_date: date | None = None
    schedule: str = ""
    benefit_group: str = "other"
    employer_expects: str = ""
    citizen_expects: str = ""
    success_employer: str = ""
    success_citizen: str = ""
    adaptations_note: str = ""
    path_to_paid: str = ""
    agreed_strains: tuple[str, ...] = ()
    citizen_accepted: bool = False
    employer_accepted: bool = False
    mentor_start: date | None = None
    makkerpar: tuple[str | None, str | None] | None = None
    placement_id: str | None = None
    status: str = "active"
    end_date: date | None = None
    end_reason: str | None = None
    end_note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "schedule", _canonical_windows(self.schedule)[0])
        for name in (*AGREEMENT_TEXTS, "end_note"):
            object.__setattr__(self, name, (getattr(self, name) or "").strip())
        object.__setattr__(self, "agreed_strains", tuple(dict.fromkeys(self.agreed_strains)))

    def problems(self, line: int | None = None) -> list[FieldProblem]:
        """Every problem of the input, each naming its field."""
        out = _problem("citizen_id", "mangler" if not self.citizen_id else None, line)
        out += _problem("employer_id", "mangler (eller vælg en jobåbning)" if not (self.employer_id or self.job_id)
                        else None, line)  # fmt: skip
        out += _problem("placement_type", None if self.placement_type in vocab.JOB_TYPES
                        else f"ukendt forløbstype '{self.placement_type}'", line)  # fmt: skip
        out += _problem("benefit_group", None if self.benefit_group in vocab.BENEFIT_GROUPS
                        else f"ukendt ydelsesgruppe '{self.benefit_group}'", line)  # fmt: skip
        out += _dates_problems(self, line)
        out += _problem("hours_week", "mangler" if self.hours_week is None
                        else _hours_problem(self.hours_week, low_exclusive=True), line)  # fmt: skip
        out += _problem("schedule", _canonical_windows(self.schedule)[1], line)
        out += _codes_problems("agreed_strains", self.agreed_strains, vocab.STRAINS, line)
        for name in (*AGREEMENT_TEXTS, "end_note"):
            out += _problem(name, text_problem(getattr(self, name), AGREEMENT_TEXT_MAX), line)
        return out + _end_problems(self, line)


def _dates_problems(p: NewPlacement, line: int | None) -> list[FieldProblem]:
    out = _date_problems("start_date", p.start_date, line)
    out += _date_problems("planned_end_date", p.planned_end_date, line)
    out += _date_problems("mentor_start", p.mentor_start, line)
    if p.planned_end_date and p.planned_end_date < p.start_date:
        out += _problem("planned_end_date", "ligger før startdatoen", line)
    return out


def _end_problems(p: NewPlacement, line: int | None) -> list[FieldProblem]:
    """An ended placement says when and why; a running one has neither."""
    if p.status not in PLACEMENT_STATUSES:
        return _problem("status", f"ukendt status '{p.status}' (gyldige: {', '.join(PLACEMENT_STATUSES)})", line)
    out = _date_problems("end_date", p.end_date, line)
    if p.status == "ended":
        out += _problem("end_date", "mangler for et afsluttet forløb" if p.end_date is None else None, line)
        out += _problem("end_reason", "mangler for et afsluttet forløb" if p.end_reason is None else None, line)
    else:
        out += _problem("end_date", "kun for afsluttede forløb (status ended)" if p.end_date else None, line)
        out += _problem("end_reason", "kun for afsluttede forløb (status ended)" if p.end_reason else None, line)
    if p.end_reason is not None and p.end_reason not in vocab.END_REASONS:
        out += _problem("end_reason", f"ukendt slutårsag '{p.end_reason}'", line)
    if p.end_date and p.end_date < p.start_date:
        out += _problem("end_date", "ligger før startdatoen", line)
    return out


def contact_problems(field: str, when: date | None, with_whom: str, outcome: str | None, notes: str, today: date,
                     line: int | None = None) -> list[FieldProblem]:  # fmt: skip
    """What a logged contact must be, from the form or a file: a known outcome and party, a date that
    is neither in the future nor outside 2000-2100, and a note without control characters."""
    out = _problem("with_whom" if line is None else "with", None if with_whom in vocab.FOLLOWUP_WITH
                   else f"ukendt '{with_whom}'", line)  # fmt: skip
    if outcome is not None and outcome not in vocab.FOLLOWUP_OUTCOMES:
        out += _problem("outcome", f"ukendt forløb '{outcome}'", line)
    if when is not None:
        out += _date_problems(field, when, line)
        out += _problem(field, "en opfølgning kan ikke logges i fremtiden" if when > today else None, line)
    return out + _problem("notes", text_problem(notes, NOTES_MAX), line)


@dataclass(frozen=True)
class FollowUpLog:
    """What happened at a follow-up, and what changed (new hours, strains, working times)."""

    when: date
    with_whom: str
    outcome: str
    notes: str = ""
    new_hours: float | None = None
    add_strains: tuple[str, ...] = ()
    remove_strains: tuple[str, ...] = ()
    new_schedule: str | None = None
    initiated_by: str = "team"

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", (self.notes or "").strip())
        if self.new_schedule is not None and not self.new_schedule.strip():
            object.__setattr__(self, "new_schedule", None)
        elif self.new_schedule is not None:
            object.__setattr__(self, "new_schedule", _canonical_windows(self.new_schedule)[0])

    def problems(self, today: date) -> list[FieldProblem]:
        """Every problem of the log, each naming its field."""
        out = contact_problems("when", self.when, self.with_whom, self.outcome, self.notes, today)
        out += _problem("outcome", "mangler" if not self.outcome else None, None)
        out += _problem("initiated_by", None if self.initiated_by in INITIATED_BY
                        else f"ukendt '{self.initiated_by}'", None)  # fmt: skip
        out += _problem("new_hours", _hours_problem(self.new_hours, low_exclusive=False), None)
        out += _codes_problems("add_strains", self.add_strains, vocab.STRAINS, None)
        out += _codes_problems("remove_strains", self.remove_strains, vocab.STRAINS, None)
        if self.new_schedule:
            out += _problem("new_schedule", _canonical_windows(self.new_schedule)[1], None)
        return out


def followup_row_problems(f: FollowUp, today: date, line: int | None = None) -> list[FieldProblem]:
    """A follow-up from a file: the same rules as a logged one, and status, date and outcome agree."""
    out = contact_problems("done_date", f.done_date, f.with_whom, f.outcome, f.notes, today, line)
    out += _date_problems("due_date", f.due_date, line)
    if (f.done_date is None) != (f.outcome is None):
        out += _problem("outcome", "en gennemført opfølgning (done_date) skal have et forløb (outcome), og omvendt",
                        line)  # fmt: skip
    if (f.status == "done") != (f.done_date is not None):
        out += _problem("status", "status done kræver done_date, og done_date kræver status done", line)
    return out


class HoursUpdate(NamedTuple):
    """A placement's agreed hours from a date on (the history the Overblik counts increases in)."""

    placement_id: str
    effective_date: date
    hours_week: float
    staff_id: str | None
    note: str

    def problems(self) -> list[FieldProblem]:
        out = _date_problems("effective_date", self.effective_date, None)
        out += _problem("hours_week", _hours_problem(self.hours_week, low_exclusive=False), None)
        return out + _problem("note", text_problem(self.note, NOTES_MAX), None)
