"""Imports you can take back: every import is a batch with an id (IMP-0001, …), a dry run shows what a file would
create and change field by field, and a leader can undo a whole batch in one transaction.

What a batch records, and how undo works, is in storage/import_batches.py; the import itself (and its dry run) in
importexport.import_text. This module holds the use cases a leader calls (list, undo) and the rules they apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from oto_match import access, vocab
from oto_match import audit_detail as audit_text
from oto_match.domain import ImportReport, Staff
from oto_match.errors import NotFoundError, OtoMatchError, PermissionDeniedError, RuleError
from oto_match.storage import audit
from oto_match.storage import erasure as erasure_sql
from oto_match.storage import import_batches as batch_sql
from oto_match.storage.db import Database
from oto_match.storage.import_batches import Batch, Conflict, Touched

RECENT_BATCHES = 20  # how many batches the leader's page lists
PREVIEW_MAX = 200  # records a dry run names one by one (the counts are always whole)
CONFLICTS_NAMED = 10  # records a refused undo names one by one

# Columns the app keeps for itself: never shown as a change (the version, who saved last, the ranking's bits).
BOOKKEEPING = frozenset({"version", "changed_at", "changed_by", "created_at", "created_by", "spare_strain_mask",
                         "transport_mode_mask"})  # fmt: skip
# Columns holding the id of a person, a team or a record: shown by its name.
NAMED_COLUMNS = frozenset({"partner1_id", "partner2_id", "owner_staff_id", "done_by", "staff_id", "released_by",
                           "team_id", "employer_id", "citizen_id", "job_id", "contact_id", "merged_into"})  # fmt: skip
_CODES: dict[str, Mapping[str, audit_text.Labels]] = {
    "citizens": audit_text.CITIZEN_CODES, "employers": audit_text.EMPLOYER_CODES,
    "job_openings": audit_text.JOB_CODES, "placements": audit_text.PLACEMENT_CODES,
    "followups": {"kind": vocab.FOLLOWUP_KINDS, "with_whom": vocab.FOLLOWUP_WITH, "outcome": vocab.FOLLOWUP_OUTCOMES,
                  "status": vocab.FOLLOWUP_STATUSES},
    "visits": {"form": vocab.VISIT_FORMS, "adaptations_learned": vocab.STRAINS},
    "staff": {"profession": vocab.PROFESSIONS},
}  # fmt: skip
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FieldChange:
    """One field of a record an import changes: its Danish label, the value before and after, as text."""

    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old}{audit_text.ARROW}{self.new}"


@dataclass(frozen=True)
class RecordUpdate:
    """A record an import changes, named, with each changed field."""

    label: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class BatchReport(ImportReport):
    """What an import did (or, in a dry run, would do) as a batch: its id (none in a dry run), how many records it
    creates and changes, and the first PREVIEW_MAX of each by name (a dry run)."""

    batch_id: str = ""
    created_total: int = 0
    changed_total: int = 0
    created_labels: tuple[str, ...] = ()
    updates: tuple[RecordUpdate, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        """'3 nye, 2 ændret, 95 uændret': a row of the file that matches a record as it is counts as unchanged
        (it is not written: nobody's open form goes stale)."""
        unchanged = max(0, self.updated - self.changed_total)
        return f"{self.inserted} nye, {self.changed_total} ændret, {unchanged} uændret"


@dataclass(frozen=True)
class BatchLine:
    """A batch as the leader's list shows it: who by name, what kind in Danish, whether it can still be undone."""

    batch: Batch
    kind_label: str
    who: str
    undone_by: str | None


@dataclass(frozen=True)
class UndoResult:
    batch_id: str
    removed: int
    restored: int


def _value(column: str, value: Any, names: Mapping[str, str], codes: Mapping[str, audit_text.Labels]) -> str:
    """A stored value (as JSON gives it back) as a person reads it: names for ids, labels for codes, dd-mm-yyyy."""
    if column in NAMED_COLUMNS and isinstance(value, str):
        value = names.get(value, value)
    elif isinstance(value, str) and _ISO_DAY.fullmatch(value):
        value = date.fromisoformat(value)
    elif isinstance(value, list):
        value = tuple(value)
    return audit_text.value_text(value, codes.get(column))


def field_changes(table: str, before: Mapping[str, Any], after: Mapping[str, Any],
                  names: Mapping[str, str]) -> tuple[FieldChange, ...]:  # fmt: skip
    """Every field (but the app's bookkeeping) whose value differs, with its Danish label, old -> new."""
    codes = _CODES.get(table, {})
    return tuple(
        FieldChange(vocab.field_label(column), _value(column, before.get(column), names, codes),
                    _value(column, value, names, codes))
        for column, value in after.items()
        if column not in BOOKKEEPING and before.get(column) != value
    )  # fmt: skip


def record_updates(touched: Sequence[Touched], names: Mapping[str, str]) -> tuple[RecordUpdate, ...]:
    """The changed records of a dry run, field by field."""
    return tuple(RecordUpdate(t.label, field_changes(t.table, t.before or {}, t.after or {}, names)) for t in touched)


_FILE_PROBLEM = re.compile(r"linje (?P<line>\d+), kolonne (?P<column>[^ :]+)(?: \([^)]*\))?: (?P<message>.*)",
                           re.DOTALL)  # fmt: skip


def problem_text(problem: str) -> str:
    """A problem of a file ("linje 4, kolonne postcode (Postnummer): …") as a person reads it on the page:
    "Linje 4, Postnummer: …"."""
    found = _FILE_PROBLEM.fullmatch(problem)
    if found is None:
        return problem
    return f"Linje {found['line']}, {vocab.field_label(found['column'])}: {found['message']}"


def _require_leader(actor: Staff, what: str) -> None:
    """Undoing an import (and seeing every import) is a leader's: it changes records of every team at once."""
    if not access.may_administer_users(actor):
        raise PermissionDeniedError(f"Kun en leder kan {what}.")


def list_batches(db: Database, actor: Staff, limit: int = RECENT_BATCHES) -> list[BatchLine]:
    """The most recent imports, newest first, with who made (and who undid) each."""
    _require_leader(actor, "se indlæsningerne")
    with db.transaction() as cur:
        batches = batch_sql.list_batches(cur, limit)
        people = batch_sql.names_of(cur, [p for b in batches for p in (b.created_by, b.undone_by) if p])
    return [BatchLine(b, vocab.IMPORT_KIND_LABELS.get(b.kind, b.kind), _who(b.created_by, people),
                      _who(b.undone_by, people) if b.undone_by else None) for b in batches]  # fmt: skip


def _who(staff_id: str, people: Mapping[str, str]) -> str:
    """A person by name; the command line by what it is."""
    if staff_id.startswith("cli:"):
        return f"kommandolinjen ({staff_id[4:]})"
    return people.get(staff_id, "en tidligere medarbejder")


def undo_batch(db: Database, actor: Staff, batch_id: str, now: datetime | None = None) -> UndoResult:
    """Take a whole import back in one transaction: what it created is removed, what it changed gets its values back.

    Refused (RuleError, nothing changed) when the batch was undone already, or when a later change depends on it:
    a record changed since the import (or whose kept values an erasure blanked), a record it created that others
    now point at (visits, jobs, placements, candidate lists …), or a citizen it created that a stored team
    decision shows — naming those records. The audit rows about each citizen it created and now removes are
    blanked (storage/erasure.blank_audit_rows: the chain still verifies), so the removed person's data does not
    stay in the log. Audited: one row for the batch, and one on each citizen it touched (the id only).
    """
    _require_leader(actor, "fortryde en indlæsning")
    now = now or datetime.now()
    with db.transaction() as cur:
        batch = batch_sql.get_batch(cur, batch_id)
        if batch is None:
            raise NotFoundError(f"Indlæsningen {batch_id} findes ikke.")
        if batch.undone_at is not None:
            who = _who(batch.undone_by or "", batch_sql.names_of(cur, [batch.undone_by or ""]))
            raise RuleError(f"Indlæsningen {batch_id} er allerede fortrudt (af {who} den "
                            f"{batch.undone_at:%d-%m-%Y %H:%M}).")  # fmt: skip
        found = batch_sql.conflicts(cur, batch_id, batch.kind)
        if found:
            raise RuleError(refusal(batch_id, found))
        citizens = batch_sql.citizens_of(cur, batch_id)
        removed_citizens = batch_sql.created_keys(cur, batch_id, "citizens")
        done = batch_sql.restore(cur, batch_id, batch.kind)
        erasure_sql.blank_audit_rows(cur, removed_citizens, now)  # before the undo's own rows below
        batch_sql.mark_undone(cur, batch_id, actor.staff_id, now)
        removed, restored = (sum(n[i] for n in done.values()) for i in (0, 1))
        audit.log(
            cur,
            actor.staff_id,
            "undo_import",
            "import_batch",
            batch_id,
            f"{vocab.IMPORT_KIND_LABELS.get(batch.kind, batch.kind)}: {removed} fjernet, {restored} gendannet",
        )
        audit.log_each(cur, actor.staff_id, "undo_import", "citizen", [(c, f"indlæsning {batch_id}") for c in citizens])
    try:  # the ids of removed records, once the undo has committed (see storage forget_keys); kept if that fails
        with db.transaction() as cur:
            batch_sql.forget_keys(cur, batch_id, batch.kind)
    except OtoMatchError:
        pass
    return UndoResult(batch_id, removed, restored)


def refusal(batch_id: str, conflicts: Sequence[Conflict]) -> str:
    """Why an undo is refused, naming the records (at most CONFLICTS_NAMED, then how many more)."""
    lines = [conflict_text(c) for c in conflicts[:CONFLICTS_NAMED]]
    more = len(conflicts) - len(lines)
    tail = f" … og {more} til." if more > 0 else ""
    return (f"Indlæsningen {batch_id} kan ikke fortrydes, fordi senere ændringer bygger på den: "
            + " ".join(lines) + tail + " Intet er ændret.")  # fmt: skip


def conflict_text(c: Conflict) -> str:
    """One record in the way, in Danish: "Borgeren Fatima Ali er ændret efter indlæsningen." """
    what = vocab.IMPORT_RECORD_WORDS.get(c.table, "Rækken")
    name = f"{what} {c.label}".strip()
    if c.reason == "gone":
        return f"{name} findes ikke længere."
    if c.reason == "added":
        return f"{name} er kommet til efter indlæsningen."
    if c.reason == "erased":
        return f"{name}: borgerens oplysninger er slettet efter indlæsningen."
    if c.reason == "decided":
        return f"{name} står i teamets beslutning om {c.about or 'et job'}."
    if c.reason == "referenced":
        refs = ", ".join(f"{n} {vocab.TABLE_WORDS.get(t, 'andre rækker')}" for t, n in c.references)
        return f"{name} har nu {refs}."
    return f"{name} er ændret efter indlæsningen."
