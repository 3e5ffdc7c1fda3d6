"""CSV import and export (UTF-8, comma-separated, header row, lists separated by `;`).

An import validates every row first. If any row is invalid, nothing is written and every
problem is reported as `linje N, kolonne C (label): what is wrong` — unless `skip_invalid`, which
writes the valid rows and reports the rest. Rows are matched by id: re-importing a file
updates rows instead of duplicating them. The whole import is one transaction.
"""

from __future__ import annotations

import csv
import errno
import gc
import io
import tempfile
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from operator import methodcaller
from pathlib import Path
from typing import Any

from oto_match import access, records
from oto_match.access import Action
from oto_match.domain import ImportReport, Staff
from oto_match.errors import FieldProblem, OtoMatchError, PermissionDeniedError, ValidationError
from oto_match.services import citizens as citizen_service
from oto_match.services import employers as employer_service
from oto_match.services import followups as followup_service
from oto_match.services import guard
from oto_match.services import import_batches as batch_service
from oto_match.services import jobs as job_service
from oto_match.services import placements as placement_service
from oto_match.services import visits as visit_service
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import exchange as exchange_sql
from oto_match.storage import import_batches as batch_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor


@dataclass(frozen=True)
class Kind:
    """One importable/exportable kind of row."""

    name: str
    columns: list[str]
    parse: Callable[..., Any]
    key: str
    existing_ids: Callable[[Cursor], set[str]]
    write: Callable[[Cursor, Staff, list[Any]], int]
    export_rows: Callable[[Cursor], list[Any]]
    renames: dict[str, str] | None = None
    optional: frozenset[str] = frozenset()  # columns a file may leave out (an older format)
    to_row: Callable[[Any], dict[str, str]] | None = None  # when a row is more than the object's attributes
    # The whole file at once -> ((line, object) of each valid row, problems), when a kind's parser works column
    # by column; else `parse` row by row. Either way the same rules.
    parse_many: Callable[[CsvRows], tuple[list[tuple[int, Any]], list[FieldProblem]]] | None = None
    importable: bool = True  # False: exported only (candidates, decisions, the audit log)


def _one_by_one(save: Callable[[Cursor, Any], bool]) -> Callable[[Cursor, Staff, list[Any]], int]:
    """A batch writer from a one-row save; returns how many rows were new."""

    def write(cur: Cursor, actor: Staff, objects: list[Any]) -> int:
        return sum(1 for obj in objects if save(cur, obj))

    return write


def _all_staff_ids(cur: Cursor) -> set[str]:
    return {s.staff_id for s in staff_sql.list_staff(cur, active_only=False)}


def _export_only(name: str, columns: list[str], export_rows: Callable[[Cursor], list[Any]]) -> Kind:
    """A kind that is exported but never read back (nothing parses or writes it)."""
    return Kind(name, columns, _not_importable, "", lambda cur: set(), lambda cur, actor, rows: 0, export_rows,
                importable=False)  # fmt: skip


def _not_importable(row: Any, line: int | None = None) -> Any:
    raise ValidationError.single("kind", "denne type kan kun eksporteres")


# One entry per kind, in the order a whole database is imported (each kind points only at kinds before it);
# each kind's writer is the door its area's service owns.
KINDS: dict[str, Kind] = {}
KINDS["teams"] = Kind(
    "teams", records.TEAM_COLUMNS, records.team_from_row, "team_id", exchange_sql.team_ids,
    lambda cur, actor, teams: exchange_sql.write_teams(cur, teams), staff_sql.list_teams,
)  # fmt: skip
KINDS["staff"] = Kind(
    "staff", records.STAFF_COLUMNS, records.staff_from_row, "staff_id", _all_staff_ids,
    _one_by_one(staff_sql.save_staff), lambda cur: staff_sql.list_staff(cur, active_only=False),
)  # fmt: skip
KINDS["employers"] = Kind(  # the optional columns are written for a new employer (an existing one keeps its own)
    "employers", [*records.EMPLOYER_COLUMNS, *records.EMPLOYER_OPTIONAL_COLUMNS], records.employer_change_from_row,
    "employer_id", employer_sql.existing_employer_ids, employer_service.import_employers,
    lambda cur: employer_sql.list_employers(cur, include_merged=True),
    optional=frozenset(records.EMPLOYER_OPTIONAL_COLUMNS),
)  # fmt: skip
KINDS["contacts"] = Kind(
    "contacts", records.CONTACT_COLUMNS, records.contact_from_row, "contact_id", exchange_sql.contact_ids,
    employer_service.write_contacts, exchange_sql.list_contacts,
)  # fmt: skip
KINDS["citizens"] = Kind(
    "citizens", [*records.CITIZEN_COLUMNS, *records.CITIZEN_OPTIONAL_COLUMNS], citizen_service.change_from_row,
    "citizen_id", citizen_sql.existing_citizen_ids, citizen_service.write_citizens, citizen_sql.list_citizens,
    optional=frozenset(records.CITIZEN_OPTIONAL_COLUMNS), to_row=records.citizen_row,
    parse_many=lambda rows: _with_lines(citizen_service.changes_from_columns(rows.columns, rows.lines)),
)  # fmt: skip
KINDS["jobs"] = Kind(
    "jobs", [*records.JOB_COLUMNS, *records.JOB_OPTIONAL_COLUMNS], job_service.intake_from_row, "job_id",
    job_sql.existing_job_ids, job_service.write_jobs, job_sql.list_jobs,
    optional=frozenset(records.JOB_OPTIONAL_COLUMNS), to_row=records.job_row,  # `strains`: none / empty
)  # fmt: skip
KINDS["visits"] = Kind(  # a visit may not lie after the day of the import (the form's rule)
    "visits", records.VISIT_COLUMNS, lambda row, line: records.visit_log_from_row(row, line, date.today()),
    "visit_id", employer_sql.existing_visit_ids,
    lambda cur, actor, logs: visit_service.import_visits(cur, actor, logs, date.today()), employer_sql.list_visits,
)  # fmt: skip
KINDS["placements"] = Kind(  # a new placement starts through the form's door (makkerpar, status, plan)
    "placements", [*records.PLACEMENT_COLUMNS, *records.PLACEMENT_OPTIONAL_COLUMNS], records.placement_from_row,
    "placement_id", placement_sql.existing_placement_ids, placement_service.import_placements,
    placement_sql.list_placements, optional=frozenset(records.PLACEMENT_OPTIONAL_COLUMNS),
    to_row=records.placement_row,
)  # fmt: skip
KINDS["followups"] = Kind(  # a follow-up may not be done after the day of the import (the form's rule)
    "followups", [*records.FOLLOWUP_COLUMNS, *records.FOLLOWUP_OPTIONAL_COLUMNS],
    lambda row, line: records.followup_from_row(row, line, date.today()), "followup_id",
    placement_sql.existing_followup_ids,
    lambda cur, actor, rows: followup_service.import_followups(cur, actor, rows, date.today()),
    lambda cur: placement_sql.list_followups(cur, open_only=False), {"with": "with_whom"},
    optional=frozenset(records.FOLLOWUP_OPTIONAL_COLUMNS),
)  # fmt: skip
# Exported only: the candidate lists (citizen data: each team its own), team decisions and the audit log (leaders).
EXPORT_ONLY: dict[str, Kind] = {
    "candidates": _export_only("candidates", records.CANDIDATE_COLUMNS, exchange_sql.list_candidates),
    "decisions": _export_only("decisions", records.DECISION_COLUMNS, exchange_sql.list_decisions),
    "audit": _export_only("audit", records.AUDIT_COLUMNS, exchange_sql.audit_rows),
}


# The kinds that are citizen data: a team sees its own citizens' rows, employer_only none.
CITIZEN_KINDS = ("citizens", "placements", "followups", "candidates")


def _citizen_of(cur: Cursor, kind_name: str, rows: list[Any]) -> Callable[[Any], str]:
    """How to find the citizen of a row of a citizen kind (a follow-up: through its placement)."""
    if kind_name == "followups":
        by_placement = guard.placement_citizens(cur, [f.placement_id for f in rows])
        return lambda f: by_placement.get(f.placement_id, "")
    return lambda row: str(row.citizen_id)


def _require_kind(actor: Staff, kind_name: str, action: Action) -> None:
    """Citizen kinds need the citizen right (each row is checked by the kind's writer or filtered on export);
    staff.csv needs a leader; employers, jobs and visits are the shared employer network."""
    if kind_name in CITIZEN_KINDS:
        access.require(actor, action)
    elif kind_name in ("staff", "teams"):
        access.require(actor, Action.ADMINISTER_USERS)
    elif kind_name == "audit":
        access.require(actor, Action.READ_AUDIT_LOG)
    elif kind_name == "decisions":
        _require_decisions(actor)
    else:
        access.require(actor, Action.WRITE_EMPLOYERS if action is Action.WRITE_CITIZEN else Action.SEE_EMPLOYERS)


def _require_decisions(actor: Staff) -> None:
    """A team decision keeps the ranking as it was shown, with citizens of every team it ranked: only someone who
    sees every team's citizens (a leader) may export the decisions."""
    if not guard.reaches_all(actor, Action.READ_CITIZEN):
        raise PermissionDeniedError("Kun en leder kan eksportere teambeslutninger: de viser borgere fra alle teams.")


def kind_named(name: str) -> Kind:
    found = KINDS.get(name) or EXPORT_ONLY.get(name)
    if found is None:
        raise OtoMatchError(f"Ukendt type '{name}'. Gyldige: {', '.join([*KINDS, *EXPORT_ONLY])}")
    return found


def _require_importable(kind: Kind) -> None:
    if not kind.importable:
        raise ValidationError.single("kind", f"'{kind.name}' kan kun eksporteres, ikke indlæses")


class _References:
    """Ids a row points at must exist (in the database or earlier in the import); each set is read once."""

    def __init__(self, cur: Cursor) -> None:
        self.cur = cur
        self.known: dict[str, set[str]] = {}

    def ids(self, name: str, loader: Callable[[Cursor], set[str]]) -> set[str]:
        if name not in self.known:
            self.known[name] = loader(self.cur)
        return self.known[name]

    def of_each(self, kind: str, parsed: list[tuple[int, Any]]) -> list[list[FieldProblem]]:
        """The problems of each (line, object)."""
        if kind == "citizens":  # the citizen service's rule, with the ids read once per import
            teams = self.ids("teams", lambda c: {t.team_id for t in staff_sql.list_teams(c)})
            known = citizen_service.Known(teams, self.ids("staff", _all_staff_ids))
            found = citizen_service.references_of([obj for _, obj in parsed], known)
            return [found.get(k, []) for k in range(len(parsed))]
        return [self.problems(kind, obj, line) for line, obj in parsed]

    def problems(self, kind: str, obj: Any, line: int) -> list[FieldProblem]:
        return [
            FieldProblem(column, f"'{value}' findes ikke", line)
            for column, value, name, loader in _reference_checks(kind, obj)
            if value is not None and value not in self.ids(name, loader)
        ]


def _reference_checks(kind: str, obj: Any) -> list[tuple[str, str | None, str, Callable[[Cursor], set[str]]]]:
    """(column, id in it, which ids, how to read them) of each reference a row of `kind` holds."""
    checks: list[tuple[str, str | None, str, Callable[[Cursor], set[str]]]] = []
    if kind == "staff":
        checks.append(("team_id", obj.team_id, "teams", lambda c: {t.team_id for t in staff_sql.list_teams(c)}))
    if kind == "employers" and getattr(obj, "owner_staff_id", None):
        checks.append(("owner_staff_id", obj.owner_staff_id, "staff", _all_staff_ids))
    if kind in ("jobs", "visits", "placements", "contacts"):
        checks.append(("employer_id", obj.employer_id, "employers", employer_sql.existing_employer_ids))
    if kind == "visits":
        checks.append(("staff_id", obj.staff_id, "staff", _all_staff_ids))
    if kind == "placements":
        checks.append(("citizen_id", obj.citizen_id, "citizens", citizen_sql.existing_citizen_ids))
        checks.append(("job_id", obj.job_id, "jobs", job_sql.existing_job_ids))
        checks += [("makkerpar", p, "staff", _all_staff_ids) for p in (obj.makkerpar or ()) if p]
    if kind == "followups":
        checks.append(("placement_id", obj.placement_id, "placements", placement_sql.existing_placement_ids))
        checks.append(("done_by", obj.done_by, "staff", _all_staff_ids))
    return checks


def _parse_all(kind: Kind, rows: CsvRows) -> tuple[list[tuple[int, Any]], list[FieldProblem]]:
    """(line, object) of each row that parses, and the problems of the others."""
    if kind.parse_many is not None:
        return kind.parse_many(rows)
    parsed: list[tuple[int, Any]] = []
    problems: list[FieldProblem] = []
    for line, row in rows.each():
        try:
            parsed.append((line, kind.parse(row, line)))
        except ValidationError as e:
            problems += e.problems
    return parsed, problems


def _with_lines(result: tuple[list[Any], list[FieldProblem]]) -> tuple[list[tuple[int, Any]], list[FieldProblem]]:
    """Objects that know their own line, as (line, object)."""
    objects, problems = result
    return [(obj.line, obj) for obj in objects], problems


@dataclass(frozen=True)
class CsvRows:
    """The data rows of a file: each row's line number, and the cells column by column (each row as wide as the
    header; a column named twice holds the last of them, as a row read as a dict would)."""

    header: list[str]
    lines: list[int]
    columns: dict[str, list[str]]

    def each(self) -> list[tuple[int, dict[str, str]]]:
        """(line number, row) of each row."""
        names = list(self.columns)
        rows = zip(*self.columns.values(), strict=True)
        return [(line, dict(zip(names, cells, strict=True))) for line, cells in zip(self.lines, rows, strict=True)]


def read_rows(text: str, columns: list[str], optional: Collection[str] = ()) -> tuple[CsvRows, list[FieldProblem]]:
    """The data rows, and the lines that cannot be read as rows.

    The header must hold every expected column but the `optional` ones (else nothing can be read:
    ValidationError); a row holds only the columns of the header. A line with more fields than the
    header is a problem of that line, reported with the others.
    """
    reader = csv.reader(io.StringIO(text))
    header = _next_row(reader, columns[0], []) or []
    _check_header(header, columns, optional)
    width = len(header)
    lines: list[int] = []
    by_column: list[list[str]] = [[] for _ in header]
    problems = []
    while (cells := _next_row(reader, header[-1], None)) is not None:
        if len(cells) > width:
            extra = f"linjen har {len(cells) - width} felt(er) mere end overskriften"
            problems.append(FieldProblem(header[-1], extra, reader.line_num))
            continue
        if not (cells and cells[0].strip()) and not "".join(cells).strip():  # empty, or only commas and spaces
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        lines.append(reader.line_num)
        deque(map(list.append, by_column, cells), maxlen=0)  # each cell onto its column while fresh in memory
    if any(mark in text for mark in _CELL_STARTS_WITH_APOSTROPHE):
        by_column = [_from_safe_column(column) for column in by_column]
    return CsvRows(header, lines, dict(zip(header, by_column, strict=True))), problems


# What the text holds where a cell begins with an apostrophe: the quote after a comma or a line break, possibly
# inside the cell's quotes (a file without any of these has no such cell; one with them is looked at column by column).
_CELL_STARTS_WITH_APOSTROPHE = tuple(f"{before}{quote}'" for before in (",", "\n", "\r") for quote in ("", '"'))


def _from_safe_column(column: list[str]) -> list[str]:
    """from_spreadsheet_safe of each cell of a column (looked at cell by cell only where one begins with "'")."""
    if not any(map(methodcaller("startswith", "'"), column)):
        return column
    return list(map(from_spreadsheet_safe, column))


def _next_row(reader: Any, column: str, end: list[str] | None) -> list[str] | None:
    """The next row, or `end`; a line the CSV reader cannot read at all stops the import, naming the line."""
    try:
        row: list[str] = next(reader)
        return row
    except StopIteration:
        return end
    except csv.Error as e:
        raise ValidationError([FieldProblem(column, _unreadable(str(e)), max(1, reader.line_num))]) from e


def _unreadable(reason: str) -> str:
    """The CSV reader's reason in Danish."""
    if "field larger than field limit" in reason:
        return f"et felt er længere end {csv.field_size_limit():,} tegn; intet er gemt".replace(",", ".")
    if "NUL" in reason:
        return "linjen indeholder et NUL-tegn (filen er ikke en tekstfil?); intet er gemt"
    return "linjen kan ikke læses som CSV (et anførselstegn mangler?); intet er gemt"


def _check_header(header: list[str], columns: list[str], optional: Collection[str] = ()) -> None:
    """An empty file, a semicolon-separated file (Danish Excel's default) or a missing column stops the import."""
    if not header:
        first_line = ",".join(columns)
        raise ValidationError([FieldProblem(columns[0], f"filen er tom; første linje skal være {first_line}", 1)])
    if len(header) == 1 and ";" in header[0]:
        raise ValidationError([FieldProblem(
            columns[0], "overskriften er adskilt med semikolon; filen skal være kommasepareret "
            "(i Excel: Gem som 'CSV UTF-8 (kommasepareret)')", 1,
        )])  # fmt: skip
    missing = [c for c in columns if c not in header and c not in optional]
    if missing:
        raise ValidationError([FieldProblem(c, "kolonnen mangler i overskriftslinjen", 1) for c in missing])


def _check_team(cur: Cursor, kind_name: str, team_id: str | None) -> None:
    """`--team` applies to citizens only, and must name an existing team."""
    if team_id is None:
        return
    if kind_name != "citizens":
        raise ValidationError.single("team", "gælder kun ved import af citizens")
    teams = [t.team_id for t in staff_sql.list_teams(cur)]
    if team_id not in teams:
        raise ValidationError.single("team", f"ukendt team '{team_id}' (gyldige: {', '.join(teams)})")


def import_text(
    db: Database,
    actor: Staff,
    kind_name: str,
    text: str,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    team_id: str | None = None,
    file_name: str = "",
) -> ImportReport:
    """Validate every row, then write all (or, with skip_invalid, the valid ones) in one transaction, as a batch
    that can be undone (services/import_batches.py); the report names the batch.

    `team_id` (citizens only) puts new citizens in that team; existing citizens keep theirs. A `dry_run` does the
    same and then rolls it all back: its report says what would be created and what changed, field by field.
    """
    with _collector_paused():  # until the import's own objects are gone, not just until its transaction ends
        try:
            return _import_text(db, actor, kind_name, text, dry_run, skip_invalid, team_id, file_name)
        except _RolledBack as done:
            return done.report


class _RolledBack(Exception):
    """Raised inside a dry run's transaction once its report is made, so that nothing it wrote is kept."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


def _import_text(
    db: Database, actor: Staff, kind_name: str, text: str, dry_run: bool, skip_invalid: bool, team_id: str | None,
    file_name: str = "",
) -> ImportReport:  # fmt: skip
    kind = kind_named(kind_name)
    _require_importable(kind)
    _require_kind(actor, kind_name, Action.WRITE_CITIZEN)
    valid: list[Any] = []
    seen: dict[str, int] = {}
    with db.transaction() as cur:
        _check_team(cur, kind_name, team_id)
        rows, problems = read_rows(text.lstrip("\ufeff"), kind.columns, kind.optional)
        total = len(rows.lines) + len(problems)
        parsed, found = _parse_all(kind, rows)
        references = _References(cur)
        for (line, obj), row_problems in zip(parsed, references.of_each(kind_name, parsed), strict=True):
            key = getattr(obj, kind.key)
            if key in seen:
                row_problems.append(FieldProblem(kind.key, f"'{key}' står også på linje {seen[key]}", line))
            seen.setdefault(key, line)
            if row_problems:
                found += row_problems
                continue
            valid.append(obj)
            references.ids(kind_name, kind.existing_ids).add(key)  # read once, not once per row
        problems += sorted(found, key=lambda p: p.line or 0)  # row by row, each row's problems in their order
        messages = [str(p) for p in problems]
        bad_lines = len({p.line for p in problems})
        if problems and not skip_invalid:
            return ImportReport(kind_name, total, skipped=bad_lines, problems=messages, dry_run=dry_run)
        if team_id:  # citizens only (_check_team): new citizens whose row names no team land in it
            new_ids = {getattr(o, kind.key) for o in valid} - kind.existing_ids(cur)
            valid = citizen_service.in_team(valid, team_id, new_ids)
        batch = _Batch(cur, kind_name, valid, file_name or f"{kind_name}.csv", actor)
        inserted = kind.write(cur, actor, valid)
        created, changed = batch.done()
        report = batch_service.BatchReport(
            kind_name, total, inserted, len(valid) - inserted, bad_lines, messages, dry_run,
            batch_id="" if dry_run else batch.batch_id, created_total=created, changed_total=changed,
        )  # fmt: skip
        audit.log(cur, actor.staff_id, "import", kind_name, batch.batch_id,
                  f"{report.summary()} (indlæsning {batch.batch_id})")  # fmt: skip
        if dry_run:
            raise _RolledBack(batch.preview(report))
    return report


class _Batch:
    """The batch an import writes: the rows it touches are copied before the write and marked after it
    (storage/import_batches.py, set-based), so that it can be shown (a dry run) and undone."""

    def __init__(self, cur: Cursor, kind_name: str, objects: list[Any], file_name: str, actor: Staff) -> None:
        self.cur, self.kind_name = cur, kind_name
        sources = {fp.source for fp in batch_sql.FOOTPRINTS[kind_name]}
        self.scopes = {source: [str(getattr(o, source)) for o in objects] for source in sources}
        self.batch_id = batch_sql.next_batch_id(cur)
        batch_sql.insert_batch(cur, self.batch_id, kind_name, file_name, actor.staff_id, datetime.now())
        batch_sql.record_before(cur, self.batch_id, kind_name, self.scopes)

    def done(self) -> tuple[int, int]:
        """(created, changed) records of the kind's own table."""
        return batch_sql.record_after(self.cur, self.batch_id, self.kind_name, self.scopes)

    def preview(self, report: batch_service.BatchReport) -> batch_service.BatchReport:
        """The report with the first records created and changed, by name, the changes field by field."""
        limit = batch_service.PREVIEW_MAX
        created = batch_sql.touched(self.cur, self.batch_id, self.kind_name, "created", limit)
        changed = batch_sql.touched(self.cur, self.batch_id, self.kind_name, "updated", limit)
        ids = [
            str(v) for t in changed for row in (t.before, t.after) for v in (row or {}).values() if isinstance(v, str)
        ]
        names = batch_sql.names_of(self.cur, ids)
        updates = batch_service.record_updates(changed, names)
        return replace(report, created_labels=tuple(t.label for t in created), updates=updates)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """An import builds millions of small objects that hold no reference cycles, and Python's cycle collector
    would walk them all again each time they have grown by a quarter (seconds at 100,000 rows); it is paused for
    the import and left as it was found. Resumed while those objects still live, its first pass would walk them
    all once more (0.1 s at 100,000 rows), so it resumes after the import has let go of them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_file(db: Database, actor: Staff, kind_name: str, path: Path, **options: Any) -> ImportReport:
    options.setdefault("file_name", path.name)  # the batch names the file it came from
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise OtoMatchError(f"Kan ikke læse {path}: {e.strerror or e}") from e
    if path.suffix.lower() == ".xlsx":  # Excel: the first sheet read as the same CSV rows (same report)
        from oto_match import spreadsheets

        return import_text(db, actor, kind_name, spreadsheets.xlsx_to_csv_text(raw, kind_named(kind_name).columns),
                           **options)  # fmt: skip
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValidationError([_not_utf8(raw, e.start, kind_named(kind_name).columns)]) from e
    return import_text(db, actor, kind_name, text, **options)


def _not_utf8(raw: bytes, at: int, columns: list[str]) -> FieldProblem:
    """Where a file stops being UTF-8 (Danish Excel's 'CSV' is often Windows-1252), as line and column."""
    before = raw[:at].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().split(",")
    index = before.rsplit("\n", 1)[-1].count(",")
    column = header[index] if index < len(header) and line > 1 else columns[0]
    return FieldProblem(column, f"teksten er ikke UTF-8 (byte {at}); gem filen som 'CSV UTF-8 (kommasepareret)'", line)


# A cell a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or a leading tab or carriage return) is
# written with a leading apostrophe, which Excel shows as text; reading the file back removes exactly that apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(cell: str) -> bool:
    """A formula start, possibly behind apostrophes (so a text that already begins "'=" also comes back exactly)."""
    return cell.lstrip("'").startswith(FORMULA_STARTS)


def spreadsheet_safe(cell: str) -> str:
    """The cell as written to a file meant for spreadsheets: formulas are neutralised."""
    return f"'{cell}" if _looks_like_formula(cell) else cell


def from_spreadsheet_safe(cell: str) -> str:
    """The cell as it was before spreadsheet_safe (one apostrophe before a formula start is removed)."""
    return cell[1:] if cell.startswith("'") and _looks_like_formula(cell) else cell


def export_text(db: Database, actor: Staff, kind_name: str) -> tuple[str, int]:
    """The rows of a kind as CSV; citizen kinds hold only the citizens the actor sees, and every citizen in the
    file gets an audit row of its own."""
    with db.transaction() as cur:
        text, count, log_export = _export(cur, actor, kind_name)
        log_export(cur)
    return text, count


def _export(cur: Cursor, actor: Staff, kind_name: str) -> tuple[str, int, Callable[[Cursor], None]]:
    """The CSV text of a kind as the actor may see it, its row count, and the step that writes its audit rows."""
    kind = kind_named(kind_name)
    _require_kind(actor, kind_name, Action.READ_CITIZEN)
    objects = kind.export_rows(cur)
    exported: dict[str, None] = {}
    if kind_name in CITIZEN_KINDS:
        citizen_of = _citizen_of(cur, kind_name, objects)
        objects = guard.keep_visible(cur, actor, objects, citizen_of)
        exported = dict.fromkeys(map(citizen_of, objects))

    def log_export(cur: Cursor) -> None:
        if kind_name in CITIZEN_KINDS:
            audit.log_each(cur, actor.staff_id, "export", "citizen", [(c, f"eksport af {kind_name}") for c in exported])
        if kind_name == "citizens":
            audit.log(cur, actor.staff_id, "export", "citizens", "*", f"{len(objects)} borgere")

    to_row = kind.to_row or (lambda o: records.to_row(o, kind.columns, kind.renames))
    return write_csv(kind.columns, (to_row(o) for o in objects)), len(objects), log_export


def write_csv(columns: list[str], rows: Iterable[dict[str, str]]) -> str:
    """CSV text of the rows; every cell spreadsheet-safe (see FORMULA_STARTS)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def export_file(db: Database, actor: Staff, kind_name: str, path: Path) -> int:
    """The kind written to `path` (.xlsx: a workbook with Danish headers, else CSV). The file is made beside the
    target and moved into place in the transaction that writes the audit rows: a file that cannot be written
    leaves no audit rows, and audit rows that cannot be written leave no file."""
    with db.transaction() as cur:
        text, count, log_export = _export(cur, actor, kind_name)
    if path.suffix.lower() == ".xlsx":  # Excel: Danish headers, dates and numbers as typed cells
        from oto_match import spreadsheets

        data = spreadsheets.csv_text_to_xlsx(text, spreadsheets.kind_sheet(kind_name))
    else:
        data = text.encode("utf-8")
    temporary, moved = _write_beside(path, data), False
    try:
        with db.transaction() as cur:
            log_export(cur)
            temporary.replace(path)
            moved = True
    except OSError as e:
        raise OtoMatchError(_not_written(path, e)) from e
    except BaseException:
        if moved:  # the audit rows were not committed: neither is the file
            path.unlink(missing_ok=True)
        raise
    finally:
        temporary.unlink(missing_ok=True)
    return count


def _write_beside(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file in the target's folder (so moving it into place is one rename)."""
    if path.is_dir():
        raise OtoMatchError(f"Filen kunne ikke skrives: {path} er en mappe; angiv et filnavn, fx {path / 'liste.csv'}")
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as f:
            f.write(data)
    except OSError as e:
        raise OtoMatchError(_not_written(path, e)) from e
    return Path(f.name)


def _not_written(path: Path, e: OSError) -> str:
    """Why the file could not be written, in one Danish sentence naming the folder."""
    folder = path.parent
    if not folder.exists():
        return f"Filen {path.name} kunne ikke skrives: mappen {folder} findes ikke"
    reason = _OS_REASONS.get(e.errno or 0, e.strerror or str(e))
    return f"Filen {path.name} kunne ikke skrives i mappen {folder}: {reason}"


_OS_REASONS = {errno.EACCES: "du har ikke lov til at skrive der", errno.EPERM: "du har ikke lov til at skrive der",
               errno.EROFS: "mappen er skrivebeskyttet", errno.ENOSPC: "disken er fuld",
               errno.ENOTDIR: "en del af stien er en fil, ikke en mappe"}  # fmt: skip
