"""Duplicate employers: suggestions while typing, an on-demand scan, and a manual merge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from oto_match.dedup import DuplicateIndex, DuplicateSuggestion, EmployerKey
from oto_match.domain import Employer, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, RuleError, ValidationError
from oto_match.storage import audit
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor


def _key(e: Employer) -> EmployerKey:
    return EmployerKey(e.employer_id, e.name, e.postcode, e.pnumber, e.cvr)


def build_index(db: Database) -> DuplicateIndex:
    with db.transaction() as cur:
        return DuplicateIndex([_key(e) for e in employer_sql.list_employers(cur)])


def scan(db: Database) -> list[DuplicateSuggestion]:
    return build_index(db).scan()


@dataclass(frozen=True)
class LikelyDuplicate:
    """An existing employer a new one probably is, and why (same P-number, alike name in the postcode)."""

    employer: Employer
    reasons: tuple[str, ...]


def likely_duplicates(cur: Cursor, new: Employer) -> list[LikelyDuplicate]:
    """Existing employers `new` (not saved yet) probably duplicates: only its postcode and P-number are read."""
    if not new.name.strip():
        return []
    near = [e for e in employer_sql.employers_near(cur, new.postcode, new.pnumber) if e.employer_id != new.employer_id]
    by_id = {e.employer_id: e for e in near}
    hits = DuplicateIndex([_key(e) for e in near]).lookup(_key(new))
    return [LikelyDuplicate(by_id[h.b], h.reasons) for h in hits]


def suggestions(db: Database, name: str, postcode: str, pnumber: str | None = None) -> list[LikelyDuplicate]:
    """While a new employer is typed: the existing ones it probably is."""
    with db.transaction() as cur:
        return likely_duplicates(cur, Employer("(ny)", name, postcode.strip(), pnumber=(pnumber or "").strip() or None))


def refuse_likely_duplicates(cur: Cursor, new_employers: list[Employer]) -> None:
    """The gate for a new employer: refused (on "name", naming the likely duplicates) unless the person
    has confirmed it is not one of them. Callers pass only the new employers not confirmed."""
    problems = []
    for e in new_employers:
        found = likely_duplicates(cur, e)
        if found:
            names = "; ".join(f"{d.employer.name} ({d.employer.postcode}: {', '.join(d.reasons)})" for d in found)
            problems.append(FieldProblem(
                "name", f"ligner {names}, som findes i forvejen. Tjek forslagene, og bekræft at det er en ny virksomhed"
            ))  # fmt: skip
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class MergeResult:
    kept_id: str
    merged_id: str
    moved: dict[str, int]


def merge(db: Database, actor: Staff, kept_id: str, merged_id: str) -> MergeResult:
    """Move every related row (contacts, visits, jobs, placements) of `merged_id` to `kept_id`.

    One transaction: either everything moves or nothing. The merged record stays, marked as
    merged into the kept one, and a history row says who merged what and how much moved.
    """
    if kept_id == merged_id:
        raise RuleError("En virksomhed kan ikke flettes med sig selv")
    with db.transaction() as cur:
        kept, merged = employer_sql.get_employer(cur, kept_id), employer_sql.get_employer(cur, merged_id)
        if kept is None or merged is None:
            raise NotFoundError(f"Virksomheden {kept_id if kept is None else merged_id} findes ikke")
        if kept.merged_into or merged.merged_into:
            raise RuleError("En af virksomhederne er allerede flettet ind i en anden")
        moved = employer_sql.move_related(cur, merged_id, kept_id)
        employer_sql.record_merge(cur, new_id("M"), kept_id, merged_id, actor.staff_id,
                                  json.dumps({"moved": moved, "at": datetime.now().isoformat()}))  # fmt: skip
        audit.log(cur, actor.staff_id, "merge", "employer", kept_id, f"{merged_id} flettet ind: {moved}")
    return MergeResult(kept_id, merged_id, moved)
