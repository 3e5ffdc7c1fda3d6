"""Duplicate employers: suggestions while typing, a scan whose result is kept, and a manual merge.

The scan runs on demand (or once per change of the register, `ensure_scan`); its result is kept in the
database with the register's state it was computed for, so a page view reads 25 pairs of it instead of
scanning again. A later change of the register marks it outdated; a merge made from it keeps it current.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime

from oto_match.dedup import DuplicateIndex, DuplicateSuggestion, EmployerKey
from oto_match.domain import Employer, Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, RuleError, ValidationError
from oto_match.storage import audit
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor

PAGE_SIZE = 25  # pairs shown at a time


def _key(e: Employer | employer_sql.DedupKey) -> EmployerKey:
    return EmployerKey(e.employer_id, e.name, e.postcode, e.pnumber, e.cvr, e.address)


def _index(cur: Cursor) -> DuplicateIndex:
    return DuplicateIndex([_key(k) for k in employer_sql.dedup_keys(cur)])


def build_index(db: Database) -> DuplicateIndex:
    with db.transaction() as cur:
        return _index(cur)


def scan(db: Database) -> list[DuplicateSuggestion]:
    """Every likely duplicate pair in the register now, strongest first (computed, not kept)."""
    return build_index(db).scan()


@dataclass(frozen=True)
class ScanStatus:
    """The kept scan: when and for how many employers it ran, how many pairs, and whether the register
    has changed since (`outdated`)."""

    computed_at: datetime
    computed_by: str | None
    employers: int
    pairs: int
    seconds: float
    outdated: bool


def run_scan(db: Database, actor: Staff) -> ScanStatus:
    """Scan the register and keep the result (replacing the last one) with the state it was computed for."""
    started = time.perf_counter()
    with db.transaction() as cur:
        state, index = employer_sql.register_state(cur), _index(cur)
    pairs = index.scan()
    postcodes = {k.employer_id: k.postcode for k in index.keys}
    import pandas as pd  # only a scan writes a frame; the register and the CLI start without pandas

    frame = pd.DataFrame({
        "a_id": [p.a for p in pairs], "b_id": [p.b for p in pairs], "score": [p.score for p in pairs],
        "reasons": [list(p.reasons) for p in pairs], "codes": [list(p.codes) for p in pairs],
        "postcode_a": [postcodes[p.a] for p in pairs], "postcode_b": [postcodes[p.b] for p in pairs],
    })  # fmt: skip
    kept = employer_sql.KeptScan(new_id("D"), state, datetime.now(), actor.staff_id, len(index.keys),
                                 time.perf_counter() - started, len(pairs))  # fmt: skip
    with db.transaction() as cur:
        employer_sql.keep_scan(cur, kept, frame)
        audit.log(cur, actor.staff_id, "scan", "employer", "register", f"{len(pairs)} sandsynlige dubletter")
        outdated = state != employer_sql.register_state(cur)  # someone saved an employer while it ran
    return ScanStatus(kept.computed_at, kept.computed_by, kept.employers, kept.pairs, kept.seconds, outdated)


def _status(cur: Cursor) -> ScanStatus | None:
    kept = employer_sql.kept_scan(cur)
    if kept is None:
        return None
    outdated = kept.register_state != employer_sql.register_state(cur)
    return ScanStatus(kept.computed_at, kept.computed_by, kept.employers, kept.pairs, kept.seconds, outdated)


def scan_status(db: Database) -> ScanStatus | None:
    """The kept scan's status, or None when the register has never been scanned."""
    with db.transaction() as cur:
        return _status(cur)


def ensure_scan(db: Database, actor: Staff) -> ScanStatus:
    """The kept scan, run again only when there is none or the register has changed since (once per change)."""
    status = scan_status(db)
    return status if status is not None and not status.outdated else run_scan(db, actor)


@dataclass(frozen=True)
class PairFilter:
    postcode: str = ""  # either employer's postcode; '' = any
    reason: str = ""  # a key of dedup.REASONS; '' = any


@dataclass(frozen=True)
class PairPage:
    pairs: list[employer_sql.KeptPair]
    matching: int  # pairs that pass the filter
    page: int
    pages: int


def pair_page(db: Database, f: PairFilter, page: int = 1, size: int = PAGE_SIZE) -> PairPage:
    """One page of the kept pairs that pass `f`, strongest first (page 1 = the first `size`)."""
    with db.transaction() as cur:
        total = employer_sql.kept_pairs(cur, f.postcode, f.reason, 0, 0)[1]
        pages = max(1, -(-total // size))
        page = min(max(1, page), pages)
        pairs, _ = employer_sql.kept_pairs(cur, f.postcode, f.reason, (page - 1) * size, size)
    return PairPage(pairs, total, page, pages)


def pair_postcodes(db: Database) -> list[str]:
    """Postcodes that occur in the kept pairs (the filter's choices)."""
    with db.transaction() as cur:
        return employer_sql.kept_pair_postcodes(cur)


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
        current = _status(cur)
        moved = employer_sql.move_related(cur, merged_id, kept_id)
        employer_sql.record_merge(cur, new_id("M"), kept_id, merged_id, actor.staff_id,
                                  json.dumps({"moved": moved, "at": datetime.now().isoformat()}))  # fmt: skip
        audit.log(cur, actor.staff_id, "merge", "employer", kept_id, f"{merged_id} flettet ind: {moved}")
        fresh = current is not None and not current.outdated  # the kept list minus the merged one is current
        employer_sql.drop_kept_pairs_of(cur, merged_id, employer_sql.register_state(cur) if fresh else None)
    return MergeResult(kept_id, merged_id, moved)
