"""Domain types: frozen dataclasses for what the team works with.

Health appears only as functional restrictions (strains to spare, walking distance,
hours), never as diagnoses. Birth year, gender and country of origin are kept for
statistics only; matching never reads them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime


def new_id(prefix: str) -> str:
    """A new record id: the kind's prefix and ten random hex digits (e.g. 'P-3f9c0a1b2d')."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@dataclass(frozen=True)
class Team:
    team_id: str
    name: str
    neighbourhood: str


@dataclass(frozen=True)
class Staff:
    staff_id: str
    name: str
    team_id: str
    profession: str
    is_leader: bool = False
    active: bool = True


@dataclass(frozen=True)
class Employer:
    """A workplace (P-enhed). `cvr` is the company it belongs to; a chain has many workplaces."""

    employer_id: str
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
    paused: bool = False
    paused_reason: str = ""
    merged_into: str | None = None
    version: int = 0  # 0: not saved yet; the stored version a form was opened on


@dataclass(frozen=True)
class ContactPerson:
    contact_id: str
    employer_id: str
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    version: int = 0  # 0: not saved yet; the stored version a form was opened on


@dataclass(frozen=True)
class Visit:
    visit_id: str
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


@dataclass(frozen=True)
class JobOpening:
    job_id: str
    employer_id: str
    title: str
    job_type: str
    description: str = ""
    hours_min_week: float | None = None
    hours_max_week: float | None = None
    schedule: str = ""
    postcode: str | None = None
    strains: tuple[str, ...] = ()
    strains_assessed: bool = True  # False: nobody has yet looked at what the job demands (empty is not "none")
    removable_strains: tuple[str, ...] = ()
    danish_level_required: int = 0
    driving_required: bool = False
    start_date: date | None = None
    positions: int = 1
    deadline: date | None = None
    status: str = "open"
    team_id: str | None = None
    version: int = 0  # 0: not saved yet; the stored version a form was opened on

    def deadline_passed(self, today: date) -> bool:
        """An open job whose answer deadline (svarfrist) lies before today."""
        return self.status == "open" and self.deadline is not None and self.deadline < today


@dataclass(frozen=True)
class Citizen:
    citizen_id: str
    name: str
    birth_year: int | None = None
    gender: str | None = None
    country_of_origin: str | None = None
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
    status: str = "unemployed"
    team_id: str | None = None
    partner1_id: str | None = None
    partner2_id: str | None = None
    own_words: str = ""
    consent_note: str = ""
    consent_date: date | None = None
    version: int = 0  # 0: not saved yet; the stored version a form was opened on

    @property
    def initials(self) -> str:
        return "".join(part[0].upper() for part in self.name.split() if part)[:3]


@dataclass(frozen=True)
class Placement:
    placement_id: str
    citizen_id: str
    employer_id: str
    placement_type: str
    start_date: date
    job_id: str | None = None
    planned_end_date: date | None = None
    hours_week: float | None = None
    schedule: str = ""
    partner1_id: str | None = None
    partner2_id: str | None = None
    contact_id: str | None = None
    benefit_group: str = "other"
    employer_expects: str = ""
    citizen_expects: str = ""
    success_employer: str = ""
    success_citizen: str = ""
    agreed_strains: tuple[str, ...] = ()
    adaptations_note: str = ""
    path_to_paid: str = ""
    citizen_accepted: bool = False
    employer_accepted: bool = False
    status: str = "active"
    end_date: date | None = None
    end_reason: str | None = None
    end_note: str = ""
    released_on: date | None = None
    released_by: str | None = None
    mentor_start: date | None = None
    version: int = 0  # 0: not saved yet; the stored version a form was opened on

    @property
    def agreed(self) -> bool:
        """An agreement is in force only when both citizen and employer have accepted it."""
        return self.citizen_accepted and self.employer_accepted


@dataclass(frozen=True)
class FollowUp:
    followup_id: str
    placement_id: str
    due_date: date
    kind: str
    with_whom: str
    status: str = "open"
    done_date: date | None = None
    done_by: str | None = None
    outcome: str | None = None
    notes: str = ""
    initiated_by: str = "schedule"
    version: int = 0  # 0: not saved yet; the stored version a form was opened on

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def is_overdue(self, today: date) -> bool:
        """Still open and due before today (red in every list, and first)."""
        return self.is_open and self.due_date < today


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    staff_id: str | None
    action: str
    entity: str
    entity_id: str
    detail: str = ""


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did."""

    kind: str
    rows: int
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False
