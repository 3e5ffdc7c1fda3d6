"""Job intake: one typed input (JobIntake) and one door (save_job / write_jobs) for every job opening.

The intake form, CSV import and the command line all come through here, so a job is accepted or
refused by the same rules and written the same way wherever it comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from oto_match import audit_detail as audit_text
from oto_match import records, vocab
from oto_match import validation as v
from oto_match.domain import Employer, JobOpening, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, ValidationError
from oto_match.services.paging import Page, read_page
from oto_match.storage import audit
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.jobs import JobLine
from oto_match.storage.rows import Cursor
from oto_match.timewindows import TimeWindowError, normalise_windows

JOBS_PAGE_SIZE = 50  # jobs per page of the jobs table (and offered at once in its picker)
# A job's weekly hours: at least 1 (a job of 0 hours would "fit" every citizen) and at most 60.
HOURS_MIN, HOURS_MAX = 1.0, 60.0


def _name(field: str, line: int | None) -> str:
    """How a message names another field: the column code in a file, the Danish label in a form."""
    return field if line is not None else vocab.field_label(field)


def _strains(codes: tuple[str, ...], line: int | None) -> str:
    return ", ".join(codes) if line is not None else vocab.strain_labels(codes)


@dataclass(frozen=True)
class JobIntake:
    """A job opening as the intake form (or a line of jobs.csv) gives it, before it is saved.

    `version` is the version the form was opened on: 0 for a new job, None for an import (the file
    is the authority). `job_id` empty means "give it an id" (a form gives one per form instance, so a
    form sent twice creates one job).

    Strains: `strains_assessed` False means nobody has looked at what the job demands yet (ranking
    then treats the strains as unknown, never as "none"); `no_strains` is the consultant saying
    "assessed, and none" (the form's 'Ingen belastninger', a file's `none`). See _strain_problems.
    """

    job_id: str | None
    employer_id: str
    title: str
    job_type: str
    description: str = ""
    hours_min_week: float | None = None
    hours_max_week: float | None = None
    schedule: str = ""
    postcode: str | None = None
    strains: tuple[str, ...] = ()
    strains_assessed: bool = True
    no_strains: bool = False
    removable_strains: tuple[str, ...] = ()
    danish_level_required: int = 0
    driving_required: bool = False
    start_date: date | None = None
    positions: int = 1
    deadline: date | None = None
    status: str = "open"
    version: int | None = 0
    file_columns: tuple[str, ...] = ()  # an import: the columns the file has (only these change a stored job)

    @classmethod
    def of(cls, job: JobOpening) -> JobIntake:
        """The intake that saves `job` as it is, at its version (a change form before anything is typed)."""
        shared = {f.name for f in fields(cls)} & {f.name for f in fields(job)}
        return cls(**{n: getattr(job, n) for n in shared}, no_strains=job.strains_assessed and not job.strains)

    def problems(self, line: int | None = None) -> list[FieldProblem]:
        """Every problem at once, each tied to its field (and to the file's line, for an import)."""
        found: list[tuple[str, str]] = []
        found += _text_problems(self)
        found += _code_problems(self, line)
        found += _strain_problems(self, line)
        found += _hours_problems(self.hours_min_week, self.hours_max_week, line)
        found += _date_problems(self, line)
        if self.positions < 1:
            found.append(("positions", "skal være mindst 1"))
        return [FieldProblem(field, message, line) for field, message in found]

    def job(self, job_id: str, team_id: str | None) -> JobOpening:
        """The job opening to store (texts stripped, working hours in canonical form). Call after problems()."""
        skip = ("version", "file_columns", "no_strains")
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}
        values |= {"job_id": job_id, "team_id": team_id, "title": self.title.strip(),
                   "strains_assessed": self.strains_assessed or bool(self.strains) or self.no_strains,
                   "description": self.description.strip(), "schedule": normalise_windows(self.schedule),
                   "postcode": (self.postcode or "").strip() or None}  # fmt: skip
        return JobOpening(**values, version=self.version or 0)


def _text_problems(i: JobIntake) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    checks = [
        ("employer_id", v.parse_id, i.employer_id),
        ("title", v.parse_name, i.title),
        ("description", v.parse_text, i.description),
        ("postcode", v.parse_postcode, i.postcode or ""),
    ]
    if i.job_id:
        checks.insert(0, ("job_id", v.parse_id, i.job_id))
    for field, parse, value in checks:
        try:
            parse(value)
        except ValueError as e:
            found.append((field, str(e)))
    try:
        normalise_windows(i.schedule)
    except TimeWindowError as e:
        found.append(("schedule", f"{e} (fx 'man-fre 09:00-12:00'; tom = aftales)"))
    return found


def _code_problems(i: JobIntake, line: int | None) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if i.job_type not in vocab.JOB_TYPES:
        found.append(("job_type", f"ukendt jobtype '{i.job_type}' (gyldige: {', '.join(vocab.JOB_TYPES)})"))
    if i.status not in vocab.JOB_STATUSES:
        found.append(("status", f"ukendt status '{i.status}' (gyldige: {', '.join(vocab.JOB_STATUSES)})"))
    if i.danish_level_required not in vocab.DANISH_LEVELS:
        found.append(("danish_level_required", f"{i.danish_level_required} skal ligge mellem 0 og 3"))
    for field in ("strains", "removable_strains"):
        unknown = [s for s in getattr(i, field) if s not in vocab.STRAINS]
        if unknown:
            found.append((field, f"ukendt belastning '{', '.join(unknown)}' (gyldige: {', '.join(vocab.STRAINS)})"))
    not_involved = tuple(s for s in i.removable_strains if s in vocab.STRAINS and s not in i.strains)
    if not_involved:
        found.append(("removable_strains", f"{_strains(not_involved, line)} står ikke under {_name('strains', line)} "
                      "(kun belastninger jobbet har, kan fjernes)"))  # fmt: skip
    return found


def _strain_problems(i: JobIntake, line: int | None) -> list[tuple[str, str]]:
    """Strains not assessed are not "no strains".

    | what was said                                   | form                  | file (jobs.csv)         |
    |-------------------------------------------------|-----------------------|-------------------------|
    | one or more strains                             | assessed: those       | assessed: those         |
    | 'Ingen belastninger' / `none` / `ingen`         | assessed: none        | assessed: none          |
    | nothing                                         | refused: must choose  | not yet assessed        |
    | 'Ingen belastninger' / `none` and strains       | refused               | refused                 |

    A form (version not None) must say which, so every job taken in from now on is assessed; a file
    and rows from before may leave it open, and ranking then says the strains are unknown.
    """
    if i.no_strains and i.strains:
        if line is None:
            return [("strains", "sæt enten hak i 'Ingen belastninger' eller vælg belastninger, ikke begge")]
        return [("strains", f"'none' kan ikke stå sammen med belastninger ({', '.join(i.strains)}); "
                            "skriv enten none eller belastningerne")]  # fmt: skip
    if i.version is not None and not (i.strains_assessed or i.strains or i.no_strains):
        return [("strains", "jobbets belastninger skal vurderes: vælg jobbets belastninger, "
                            "eller sæt hak i 'Ingen belastninger'")]  # fmt: skip
    return []


def _hours_problems(low: float | None, high: float | None, line: int | None) -> list[tuple[str, str]]:
    """At least HOURS_MIN and at most HOURS_MAX hours a week, and the minimum not above the maximum."""
    found: list[tuple[str, str]] = []
    for field, hours in (("hours_min_week", low), ("hours_max_week", high)):
        if hours is not None and hours < HOURS_MIN:
            found.append((field, f"skal være mindst {HOURS_MIN:g} (et job med 0 timer ville passe til alle)"))
        elif hours is not None and hours > HOURS_MAX:
            found.append((field, f"{hours:g} er for mange; højst {HOURS_MAX:g} timer om ugen"))
    if low is not None and high is not None and high < low:
        found.append(("hours_max_week", f"må ikke være mindre end {_name('hours_min_week', line)}"))
    return found


def _date_problems(i: JobIntake, line: int | None) -> list[tuple[str, str]]:
    found = [(f, p) for f in ("start_date", "deadline") if (d := getattr(i, f)) and (p := v.date_problem(d))]
    if i.deadline and i.start_date and i.deadline > i.start_date:
        found.append(("deadline", f"ligger efter {_name('start_date', line)}"))
    return found


def intake_from_row(raw: Mapping[str, str | None], line: int | None = None) -> JobIntake:
    """A line of jobs.csv as a JobIntake (an import: the file is the authority), checked as the form is."""
    specs = records.JOB_SPECS + [s for s in records.JOB_OPTIONAL_SPECS if s.name in raw]
    values = v.parse_fields(specs, raw, line)
    cell: records.JobStrains = values.pop("strains")  # the cell says whether they are assessed, too
    columns = (*raw, "strains_assessed") if "strains" in raw else tuple(raw)
    intake = JobIntake(**values, strains=cell.strains, strains_assessed=cell.assessed, no_strains=cell.said_none,
                       version=None, file_columns=columns)  # fmt: skip
    problems = intake.problems(line)
    if problems:
        raise ValidationError(problems)
    return intake


def save_job(db: Database, actor: Staff, intake: JobIntake) -> JobOpening:
    """Create or change one job opening (one transaction); returns the job as it is now stored."""
    problems = intake.problems()
    if problems:
        raise ValidationError(problems)
    with db.transaction() as cur:
        job_id = _write(cur, actor, intake, _Context(cur, actor))[0]
        saved = job_sql.get_job(cur, job_id)
    assert saved is not None
    return saved


def write_jobs(cur: Cursor, actor: Staff, intakes: list[JobIntake]) -> int:
    """Write many jobs through the same rules (CSV import: a batch; a form is a batch of one).

    Returns how many were new. Every input is checked first; nothing is written if one is invalid.
    """
    problems = [p for i in intakes for p in i.problems()]
    if problems:
        raise ValidationError(problems)
    context = _Context(cur, actor)
    return sum(1 for intake in intakes if _write(cur, actor, intake, context)[1])


class _Context:
    """What a batch looks up once: employers, staff, the jobs that exist already."""

    def __init__(self, cur: Cursor, actor: Staff):
        self.cur = cur
        self.employers: dict[str, Employer | None] = {}
        actor_row = staff_sql.get_staff(cur, actor.staff_id)
        self.created_by = actor_row.staff_id if actor_row else None  # the CLI's system user is not staff
        self.actor_team = actor_row.team_id if actor_row else None

    def employer(self, employer_id: str) -> Employer:
        """The job's employer: it must exist and not be merged into another."""
        if employer_id not in self.employers:
            self.employers[employer_id] = employer_sql.get_employer(self.cur, employer_id)
        employer = self.employers[employer_id]
        if employer is None:
            raise ValidationError.single("employer_id", f"virksomheden '{employer_id}' findes ikke")
        if employer.merged_into:
            kept = employer_sql.get_employer(self.cur, employer.merged_into)
            raise ValidationError.single("employer_id", f"{employer.name} er flettet ind i "
                                         f"{kept.name if kept else employer.merged_into}; vælg den")  # fmt: skip
        return employer

    def team_of(self, employer: Employer) -> str | None:
        """A new job belongs to the team of who took it in; from a file, to the employer's consultant's team."""
        if self.actor_team:
            return self.actor_team
        owner = staff_sql.get_staff(self.cur, employer.owner_staff_id) if employer.owner_staff_id else None
        return owner.team_id if owner else None


def _write(cur: Cursor, actor: Staff, intake: JobIntake, context: _Context) -> tuple[str, bool]:
    """Write one checked job; returns (job id, whether it is new)."""
    employer = context.employer(intake.employer_id)
    job_id = intake.job_id or new_id("J")
    current = job_sql.get_job(cur, job_id) if intake.version != 0 else None
    if intake.version is None and current is not None:  # an import changes what the file says, nothing else
        columns = tuple(c for c in job_sql.FORM_JOB_COLUMNS if c in intake.file_columns or c == "job_id")
    elif intake.version:
        columns = job_sql.FORM_JOB_COLUMNS
    else:
        columns = job_sql.ALL_JOB_COLUMNS
    is_new = current is None and not intake.version
    job = intake.job(job_id, context.team_of(employer) if is_new else None)
    job_sql.write_job(cur, job, columns, intake.version, actor.staff_id, f"Jobåbningen '{(current or job).title}'",
                      created_by=context.created_by if is_new else None)  # fmt: skip
    fields = [c for c in columns if c != "job_id"]
    detail = audit_text.describe_records(current, job, fields, audit_text.JOB_CODES)  # field, old → new
    audit.log(cur, actor.staff_id, "create" if is_new else "update", "job", job_id, detail)
    return job_id, is_new


def get_job(db: Database, job_id: str) -> JobOpening:
    with db.transaction() as cur:
        job = job_sql.get_job(cur, job_id)
    if job is None:
        raise NotFoundError(f"Jobåbningen {job_id} findes ikke")
    return job


def list_jobs(db: Database, status: str | None = "open") -> list[JobOpening]:
    """Every job with `status` (None: any), newest first (tests and tools; a page reads job_page)."""
    with db.transaction() as cur:
        return job_sql.list_jobs(cur, status)


def job_page(db: Database, status: str | None = "open", search: str = "", page: int = 1,
             size: int = JOBS_PAGE_SIZE) -> Page[JobLine]:  # fmt: skip
    """Page `page` of the jobs with `status` (None: any) whose title or employer's name contains `search`,
    newest first, with their employers' names (filtered, counted and paged in the database)."""
    with db.transaction() as cur:
        return read_page(lambda offset, limit: job_sql.job_lines(cur, status, search, offset, limit), page, size)


def job_line(db: Database, job_id: str) -> JobLine:
    """One job with its employer's name (the job chosen on the jobs page)."""
    with db.transaction() as cur:
        line = job_sql.job_line(cur, job_id)
    if line is None:
        raise NotFoundError(f"Jobåbningen {job_id} findes ikke")
    return line
