"""Rows <-> domain objects for CSV files and forms: the column lists and field specs.

List fields are separated by `;`, booleans are yes/no, dates ISO (ÅÅÅÅ-MM-DD).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from oto_match import validation as v
from oto_match import vocab
from oto_match.domain import Citizen, ContactPerson, FollowUp, JobOpening, Placement, Staff, Team
from oto_match.employer_inputs import ContactChange, EmployerChange, VisitLog
from oto_match.errors import FieldProblem, ValidationError
from oto_match.placement_inputs import INITIATED_BY, NewPlacement, followup_row_problems

EMPLOYER_COLUMNS = ["employer_id", "name", "cvr", "pnumber", "address", "postcode", "industry", "accommodations"]
CITIZEN_COLUMNS = [
    "citizen_id", "name", "birth_year", "gender", "country_of_origin", "postcode", "max_hours_week",
    "availability", "spare_strains", "transport_modes", "max_commute_min", "max_walk_m", "danish_level",
    "driving_license", "fleksjob_visitated", "wishes", "experience", "not_interested",
]  # fmt: skip
# Columns a citizens.csv may leave out (files in the older format): an existing citizen then keeps
# what is stored for them. `makkerpar` holds at most two staff ids separated by `;`.
CITIZEN_OPTIONAL_COLUMNS = ["team_id", "makkerpar", "status", "own_words", "consent_note", "consent_date"]
JOB_COLUMNS = [
    "job_id", "employer_id", "title", "description", "job_type", "hours_min_week", "hours_max_week",
    "schedule", "postcode", "strains", "removable_strains", "danish_level_required", "driving_required",
]  # fmt: skip
# Columns a jobs.csv may leave out (the older format): an existing job then keeps what is stored.
JOB_OPTIONAL_COLUMNS = ["start_date", "positions", "deadline", "status"]
VISIT_COLUMNS = [
    "visit_id", "employer_id", "staff_id", "visit_date", "form", "cup", "notes", "tasks_learned",
    "adaptations_learned", "next_step", "next_step_date",
]  # fmt: skip
PLACEMENT_COLUMNS = [
    "placement_id", "citizen_id", "employer_id", "job_id", "placement_type", "start_date", "planned_end_date",
    "hours_week", "schedule", "benefit_group", "agreed_strains", "citizen_accepted", "employer_accepted",
    "status", "end_date", "end_reason",
]  # fmt: skip
# What the "Nyt forløb" form says beyond the columns above; a file may leave them out (an older format).
PLACEMENT_OPTIONAL_COLUMNS = [
    "employer_expects", "citizen_expects", "success_employer", "success_citizen", "adaptations_note",
    "path_to_paid", "mentor_start", "end_note", "makkerpar",
]  # fmt: skip
FOLLOWUP_COLUMNS = [
    "followup_id", "placement_id", "due_date", "kind", "with", "status", "done_date", "done_by", "outcome", "notes",
]  # fmt: skip

STAFF_COLUMNS = ["staff_id", "name", "team_id", "profession", "is_leader", "active"]
TEAM_COLUMNS = ["team_id", "name", "neighbourhood"]
CONTACT_COLUMNS = ["contact_id", "employer_id", "name", "role", "phone", "email"]
# What an employers.csv may add (the older format leaves them out): they are written for a new employer.
EMPLOYER_OPTIONAL_COLUMNS = ["adaptations_note", "size_band", "social_economy", "owner_staff_id"]
# followups.csv: who took the contact (the older format leaves it out: the schedule).
FOLLOWUP_OPTIONAL_COLUMNS = ["initiated_by"]
# Kinds that are only exported (nothing reads them back): the candidate lists, the team decisions, the audit log.
CANDIDATE_COLUMNS = [
    "job_id", "citizen_id", "state", "decision_id", "proposed_by", "proposed_at", "reason", "tool_verdict",
    "override_reason", "citizen_agreed",
]  # fmt: skip
DECISION_COLUMNS = ["decision_id", "job_id", "decided_by", "decided_at", "reason", "rule_version", "ranking_json"]
AUDIT_COLUMNS = [
    "audit_id", "happened_at", "staff_id", "action", "entity", "entity_id", "detail", "citizen_ids",
    "values_digest", "prev_hash", "chain_hash", "erased_at",
]  # fmt: skip

FOLLOWUP_KINDS = {"scheduled": "planlagt", "statutory_review": "jobcentrets revurdering", "ad_hoc": "ekstra kontakt"}
FOLLOWUP_STATUSES = {"open": "åben", "done": "gennemført", "cancelled": "aflyst"}
PLACEMENT_STATUSES = {"active": "aktiv", "ended": "afsluttet"}

_strains = v.parse_code_list(vocab.STRAINS, "belastning")
_hours = v.parse_optional_float(0, 60)

# jobs.csv `strains`: these words (any casing) say "assessed, and the job has no strains".
NO_STRAINS_WORDS = ("none", "ingen")


@dataclass(frozen=True)
class JobStrains:
    """What a jobs.csv `strains` cell says: the strains, whether anyone assessed them, and whether it says none."""

    strains: tuple[str, ...]
    assessed: bool
    said_none: bool


def parse_job_strains(value: str) -> JobStrains:
    """jobs.csv `strains`: strains not assessed are not "no strains".

    | cell                        | means                                                    |
    |-----------------------------|----------------------------------------------------------|
    | (empty)                     | not yet assessed: ranking says the strains are unknown   |
    | `none`, `ingen` (any casing)| assessed: the job has no strains                         |
    | `cold;heavy_lifting`        | assessed: those strains                                  |
    | `none;cold`                 | refused (JobIntake: 'none' cannot stand with strains)   |
    """
    words = [w.strip() for w in value.split(";") if w.strip()]
    said_none = any(w.lower() in NO_STRAINS_WORDS for w in words)
    codes = _strains(";".join(w for w in words if w.lower() not in NO_STRAINS_WORDS))
    return JobStrains(codes, bool(words), said_none)


def job_strains_cell(job: JobOpening) -> str:
    """A job's `strains` cell: the strains, `none` when assessed and none, empty when not yet assessed."""
    if job.strains:
        return ";".join(job.strains)
    return NO_STRAINS_WORDS[0] if job.strains_assessed else ""


EMPLOYER_SPECS = [
    v.FieldSpec("employer_id", v.parse_id),
    v.FieldSpec("name", v.parse_required_text),
    v.FieldSpec("cvr", v.parse_cvr),
    v.FieldSpec("pnumber", v.parse_pnumber),
    v.FieldSpec("address", v.parse_text),
    v.FieldSpec("postcode", v.parse_postcode),
    v.FieldSpec("industry", v.parse_text),
    v.FieldSpec("accommodations", _strains),
]
CITIZEN_SPECS = [
    v.FieldSpec("citizen_id", v.parse_id),
    v.FieldSpec("name", v.parse_required_text),
    v.FieldSpec("birth_year", v.parse_optional_int(1900, 2100)),
    v.FieldSpec("gender", v.parse_gender),
    v.FieldSpec("country_of_origin", lambda s: s.strip() or None),
    v.FieldSpec("postcode", v.parse_postcode),
    v.FieldSpec("max_hours_week", _hours),
    v.FieldSpec("availability", v.parse_windows_text),
    v.FieldSpec("spare_strains", _strains),
    v.FieldSpec("transport_modes", v.parse_code_list(vocab.TRANSPORT_MODES, "transportform")),
    v.FieldSpec("max_commute_min", v.parse_optional_int(0, 300)),
    v.FieldSpec("max_walk_m", v.parse_optional_int(0, 100_000)),
    v.FieldSpec("danish_level", v.parse_danish_level),
    v.FieldSpec("driving_license", v.parse_optional_bool),
    v.FieldSpec("fleksjob_visitated", v.parse_optional_bool),
    v.FieldSpec("wishes", v.parse_text),
    v.FieldSpec("experience", v.parse_text),
    v.FieldSpec("not_interested", v.parse_text),
]
# A jobs.csv line's cells as typed values; the rules (hours, dates, texts, codes) are the intake's
# (services.jobs.JobIntake.problems), the same for the form and the file.
JOB_SPECS = [
    v.FieldSpec("job_id", v.parse_id),
    v.FieldSpec("employer_id", v.parse_id),
    v.FieldSpec("title", str),
    v.FieldSpec("description", str),
    v.FieldSpec("job_type", str.strip),
    v.FieldSpec("hours_min_week", v.parse_optional_float(float("-inf"), float("inf"))),
    v.FieldSpec("hours_max_week", v.parse_optional_float(float("-inf"), float("inf"))),
    v.FieldSpec("schedule", str),
    v.FieldSpec("postcode", lambda s: s.strip() or None),
    v.FieldSpec("strains", parse_job_strains),  # a JobStrains: services.jobs.intake_from_row unpacks it
    v.FieldSpec("removable_strains", _strains),
    v.FieldSpec("danish_level_required", lambda s: v.parse_danish_level(s) or 0),
    v.FieldSpec("driving_required", v.parse_bool_default_false),
]
JOB_OPTIONAL_SPECS = [
    v.FieldSpec("start_date", v.parse_optional_date),
    v.FieldSpec("positions", lambda s: v.parse_optional_int(-(10**9), 10**9)(s) if s.strip() else 1),
    v.FieldSpec("deadline", v.parse_optional_date),
    v.FieldSpec("status", lambda s: s.strip() or "open"),
]
VISIT_SPECS = [
    v.FieldSpec("visit_id", v.parse_id),
    v.FieldSpec("employer_id", v.parse_id),
    v.FieldSpec("staff_id", v.parse_id),
    v.FieldSpec("visit_date", lambda s: _required_date(s)),
    v.FieldSpec("form", v.parse_code(vocab.VISIT_FORMS, "kontaktform")),
    v.FieldSpec("cup", v.parse_optional_int(1, 3)),
    v.FieldSpec("notes", v.parse_text),
    v.FieldSpec("tasks_learned", v.parse_text),
    v.FieldSpec("adaptations_learned", _strains),
    v.FieldSpec("next_step", v.parse_text),
    v.FieldSpec("next_step_date", v.parse_optional_date),
]
PLACEMENT_SPECS = [
    v.FieldSpec("placement_id", v.parse_id),
    v.FieldSpec("citizen_id", v.parse_id),
    v.FieldSpec("employer_id", v.parse_optional_id),  # empty: the job's employer
    v.FieldSpec("job_id", v.parse_optional_id),
    v.FieldSpec("placement_type", v.parse_code(vocab.JOB_TYPES, "forløbstype")),
    v.FieldSpec("start_date", lambda s: _required_date(s)),
    v.FieldSpec("planned_end_date", v.parse_optional_date),
    v.FieldSpec("hours_week", _hours),
    v.FieldSpec("schedule", v.parse_windows_text),
    v.FieldSpec("benefit_group", v.parse_code(vocab.BENEFIT_GROUPS, "ydelsesgruppe", default="other")),
    v.FieldSpec("agreed_strains", _strains),
    v.FieldSpec("citizen_accepted", v.parse_bool_default_false),
    v.FieldSpec("employer_accepted", v.parse_bool_default_false),
    v.FieldSpec("status", v.parse_code(PLACEMENT_STATUSES, "status", default="active")),
    v.FieldSpec("end_date", v.parse_optional_date),
    v.FieldSpec("end_reason", lambda s: v.parse_code(vocab.END_REASONS, "slutårsag")(s) if s.strip() else None),
    *(v.FieldSpec(c, str) for c in PLACEMENT_OPTIONAL_COLUMNS if c not in ("mentor_start", "makkerpar")),
    v.FieldSpec("mentor_start", v.parse_optional_date),
    v.FieldSpec("makkerpar", lambda s: _makkerpar_pair(s)),  # empty: the citizen's makkerpar
]
_INITIATED_BY = {code: code for code in ("schedule", *INITIATED_BY)}
FOLLOWUP_SPECS = [
    v.FieldSpec("followup_id", v.parse_id),
    v.FieldSpec("placement_id", v.parse_id),
    v.FieldSpec("due_date", lambda s: _required_date(s)),
    v.FieldSpec("kind", v.parse_code(FOLLOWUP_KINDS, "opfølgningstype", default="scheduled")),
    v.FieldSpec("with", v.parse_code(vocab.FOLLOWUP_WITH, "med hvem", default="both")),
    v.FieldSpec("status", v.parse_code(FOLLOWUP_STATUSES, "status", default="open")),
    v.FieldSpec("done_date", v.parse_optional_date),
    v.FieldSpec("done_by", v.parse_optional_id),
    v.FieldSpec("outcome", lambda s: v.parse_code(vocab.FOLLOWUP_OUTCOMES, "forløb")(s) if s.strip() else None),
    v.FieldSpec("notes", v.parse_text),
    v.FieldSpec("initiated_by", lambda s: v.parse_code(_INITIATED_BY, "hvem tog kontakt", default="schedule")(s)),
]
EMPLOYER_OPTIONAL_SPECS = [
    v.FieldSpec("adaptations_note", v.parse_text),
    v.FieldSpec("size_band", v.parse_text),
    v.FieldSpec("social_economy", v.parse_bool_default_false),
    v.FieldSpec("owner_staff_id", v.parse_optional_id),
]
TEAM_SPECS = [
    v.FieldSpec("team_id", v.parse_id),
    v.FieldSpec("name", v.parse_required_text),
    v.FieldSpec("neighbourhood", v.parse_text),
]


STAFF_SPECS = [
    v.FieldSpec("staff_id", v.parse_id),
    v.FieldSpec("name", v.parse_required_text),
    v.FieldSpec("team_id", v.parse_id),
    v.FieldSpec("profession", v.parse_code(vocab.PROFESSIONS, "fag")),
    v.FieldSpec("is_leader", v.parse_bool_default_false),
    v.FieldSpec("active", lambda s: v.parse_optional_bool(s) is not False),
]


def _required_date(value: str) -> date:
    parsed = v.parse_optional_date(value)
    if parsed is None:
        raise ValueError("mangler (ÅÅÅÅ-MM-DD)")
    return parsed


def _raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationError(problems)


def employer_change_from_row(raw: Mapping[str, str | None], line: int | None = None) -> EmployerChange:
    """A row of employers.csv as the change it asks for; the file is the authority (no version, and the
    duplicate check is the on-demand scan: rows are matched by id)."""
    given = [spec for spec in EMPLOYER_OPTIONAL_SPECS if spec.name in raw]  # absent: the form's defaults
    values = v.parse_fields([*EMPLOYER_SPECS, *given], raw, line)
    _raise_if(v.require(values["postcode"] is not None, "postcode", "mangler", line))
    change = EmployerChange(**values, version=None, confirmed_not_duplicate=True)
    _raise_if(_on_line(change.problems(), line))
    return change


def _on_line(problems: list[FieldProblem], line: int | None) -> list[FieldProblem]:
    return [FieldProblem(p.field, p.message, line) for p in problems]


def _parse_makkerpar(value: str) -> tuple[str, ...]:
    ids = tuple(v.parse_id(part) for part in value.split(";") if part.strip())
    if len(ids) > 2:
        raise ValueError(f"højst to medarbejdere (adskilt med ;), ikke {len(ids)}")
    return ids


def _makkerpar_pair(value: str) -> tuple[str | None, str | None] | None:
    """placements.csv `makkerpar`: (first, second or None), or None when the cell is empty."""
    ids = _parse_makkerpar(value)
    return (ids[0], ids[1] if len(ids) > 1 else None) if ids else None


def _parse_status(value: str) -> str | None:
    return v.parse_code(vocab.CITIZEN_STATUSES, "status")(value) if value.strip() else None


CITIZEN_OPTIONAL_SPECS = [
    v.FieldSpec("team_id", v.parse_optional_id),
    v.FieldSpec("makkerpar", _parse_makkerpar),
    v.FieldSpec("status", _parse_status),
    v.FieldSpec("own_words", v.parse_text),
    v.FieldSpec("consent_note", v.parse_text),
    v.FieldSpec("consent_date", v.parse_optional_date),
]


def citizen_row(c: Citizen) -> dict[str, str]:
    """A citizen as a citizens.csv row, optional columns included."""
    row = to_row(c, [*CITIZEN_COLUMNS, *(col for col in CITIZEN_OPTIONAL_COLUMNS if col != "makkerpar")])
    row["makkerpar"] = _cell(tuple(p for p in (c.partner1_id, c.partner2_id) if p))
    return {col: row[col] for col in [*CITIZEN_COLUMNS, *CITIZEN_OPTIONAL_COLUMNS]}


def job_row(job: JobOpening) -> dict[str, str]:
    """A job as a jobs.csv row, optional columns included; `strains` says whether they were assessed."""
    row = to_row(job, [*JOB_COLUMNS, *JOB_OPTIONAL_COLUMNS])
    row["strains"] = job_strains_cell(job)
    return row


def placement_row(p: Placement) -> dict[str, str]:
    """A placement as a placements.csv row, optional columns included (the makkerpar as staff ids, `;`)."""
    row = to_row(p, [*PLACEMENT_COLUMNS, *PLACEMENT_OPTIONAL_COLUMNS])
    row["makkerpar"] = _cell(tuple(x for x in (p.partner1_id, p.partner2_id) if x))
    return row


def team_from_row(raw: Mapping[str, str | None], line: int | None = None) -> Team:
    return Team(**v.parse_fields(TEAM_SPECS, raw, line))


def contact_from_row(raw: Mapping[str, str | None], line: int | None = None) -> ContactPerson:
    """A row of contacts.csv, checked by the rules of the contact form (a name, a phone number, an e-mail)."""
    cell = {c: raw.get(c) or "" for c in CONTACT_COLUMNS}
    change = ContactChange(cell["employer_id"], cell["name"], cell["role"], cell["phone"], cell["email"],
                           cell["contact_id"])  # fmt: skip
    values, problems = change.cleaned()
    _raise_if(_on_line(problems, line))
    if not values["contact_id"]:
        _raise_if([FieldProblem("contact_id", "mangler", line)])
    return ContactPerson(**values)


def staff_from_row(raw: Mapping[str, str | None], line: int | None = None) -> Staff:
    return Staff(**v.parse_fields(STAFF_SPECS, raw, line))


def visit_log_from_row(raw: Mapping[str, str | None], line: int | None, today: date) -> VisitLog:
    """A row of visits.csv as a VisitLog, checked by the same rules as the form (no visit after `today`)."""
    values = v.parse_fields(VISIT_SPECS, raw, line)
    log = VisitLog(**values)
    _raise_if(_on_line(log.problems(today), line))
    return log


def placement_from_row(raw: Mapping[str, str | None], line: int | None = None) -> NewPlacement:
    """A row of placements.csv as the input the form makes; the service derives the makkerpar from the citizen."""
    values = v.parse_fields(PLACEMENT_SPECS, raw, line)
    placement = NewPlacement(**values)
    _raise_if(placement.problems(line))
    return placement


def followup_from_row(raw: Mapping[str, str | None], line: int | None = None, today: date | None = None) -> FollowUp:
    """A row of followups.csv, checked by the rules of a logged follow-up (nothing done after `today`)."""
    values = v.parse_fields(FOLLOWUP_SPECS, raw, line)
    values["with_whom"] = values.pop("with")
    followup = FollowUp(**values)
    _raise_if(followup_row_problems(followup, today or date.today(), line))
    return followup


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ";".join(str(x) for x in value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_row(obj: Any, columns: list[str], renames: Mapping[str, str] | None = None) -> dict[str, str]:
    """A domain object as a CSV row in the given columns (renames: column -> attribute)."""
    names = {f.name for f in fields(obj)}
    row = {}
    for column in columns:
        attr = (renames or {}).get(column, column)
        row[column] = _cell(getattr(obj, attr)) if attr in names else ""
    return row
