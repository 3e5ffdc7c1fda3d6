"""Citizen profiles. Every view and change is written to the audit log with who and when.

One door for creating or changing a citizen: `save_citizen` (a form: a batch of one, version-checked)
and `write_citizens` (citizens.csv: many at once, one set-based write). Both validate with
CitizenChange.problems() and `references_of`, and write the same audit rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, replace
from itertools import compress
from operator import attrgetter, ne

from oto_match import audit_detail as audit_text
from oto_match.access import Action
from oto_match.domain import AuditEntry, Citizen, Staff
from oto_match.errors import DuplicateRecordError, FieldProblem, NotFoundError, StaleRecordError, ValidationError
from oto_match.services import guard
from oto_match.services.citizen_change import (
    PARTNER_FIELDS,
    PROFILE_FIELDS,
    CitizenChange,
    change_from_row,
    changes_from_columns,
    changes_from_rows,
    problems_of,
    to_citizens,
)
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import Cursor

__all__ = [
    "CitizenChange",
    "FollowOnChange",
    "apply_follow_on_changes",
    "change_from_row",
    "changes_from_columns",
    "changes_from_rows",
    "in_team",
    "save_citizen",
    "write_citizens",
]

WHAT = "Borgeren"


def get_citizen(db: Database, actor: Staff, citizen_id: str) -> Citizen:
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.READ_CITIZEN, citizen_id)
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        audit.log(cur, actor.staff_id, "view", "citizen", citizen_id)
    return citizen


@dataclass(frozen=True)
class Known:
    """The teams and staff a change may point at."""

    team_ids: AbstractSet[str]
    staff_ids: AbstractSet[str]

    @classmethod
    def load(cls, cur: Cursor) -> Known:
        teams = frozenset(t.team_id for t in staff_sql.list_teams(cur))
        return cls(teams, frozenset(s.staff_id for s in staff_sql.list_staff(cur, active_only=False)))


def references_of(changes: Sequence[CitizenChange], known: Known) -> dict[int, list[FieldProblem]]:
    """By position, the problems of the changes that point at a team or a staff member that does not exist
    (the team must exist, and each of the makkerpar must be a staff member), checked rule by rule."""
    teams = ", ".join(sorted(known.team_ids))
    rules: list[tuple[str, AbstractSet[str], Callable[[str], str]]] = [
        ("team_id", known.team_ids, lambda team: f"ukendt team '{team}' (gyldige: {teams})"),
        *((name, known.staff_ids, lambda staff: f"medarbejderen '{staff}' findes ikke") for name in PARTNER_FIELDS),
    ]
    found: dict[int, list[FieldProblem]] = {}
    for name, ids, message in rules:
        values = list(map(attrgetter(name), changes))
        for k in [k for k, value in enumerate(values) if value and value not in ids]:
            if changes[k].sets(name):
                found.setdefault(k, []).append(changes[k]._problem(name, message(values[k])))
    return found


@dataclass(frozen=True)
class _Prepared:
    change: CitizenChange
    before: Citizen | None
    after: Citizen
    changed: tuple[str, ...]  # the profile fields a change of a stored citizen changes (a new citizen: none listed)


_profile_values = attrgetter(*PROFILE_FIELDS)
_EMPTY = _profile_values(Citizen("", ""))  # what a new citizen is compared with


def changed_fields(before: Citizen | None, after: Citizen) -> tuple[str, ...]:
    """The profile fields that differ (for a new citizen: those not left empty)."""
    old = _EMPTY if before is None else _profile_values(before)
    return tuple(compress(PROFILE_FIELDS, map(ne, old, _profile_values(after))))


def audit_detail(before: Citizen | None, after: Citizen, changed: Sequence[str]) -> str:
    """Each changed field as "Label: old → new" in Danish (audit_detail.describe; a new citizen's old values
    are "–"). Health-related values are written too: they live only in the row's detail, which a GDPR
    erasure blanks."""
    changes = [(name, None if before is None else getattr(before, name), getattr(after, name)) for name in changed]
    return audit_text.describe(changes, audit_text.CITIZEN_CODES)


def _fields_of_detail(detail: str) -> list[str]:
    """The profile fields an audit row of a citizen says were changed (for the StaleRecord message)."""
    return audit_text.changed_fields(detail, PROFILE_FIELDS)


def _prepare(cur: Cursor, changes: Sequence[CitizenChange]) -> list[_Prepared]:
    """Validate every change (raising one ValidationError with all problems), then merge each with what is stored."""
    known = Known.load(cur)
    own = problems_of(changes)  # worked out column by column (and kept on each change)
    references = references_of(changes, known)
    if own or references:
        raise ValidationError([p for k, c in enumerate(changes) for p in (*c.problems(), *references.get(k, ()))])
    stored = citizen_sql.citizens_by_id(cur, [c.citizen_id for c in changes])
    prepared = []
    for change, after in zip(changes, to_citizens(changes, stored), strict=True):
        before = stored.get(change.citizen_id)
        changed = () if before is None else changed_fields(before, after)  # a new citizen: all of it is written
        prepared.append(_Prepared(change, before, after, changed))
    return prepared


def audit_details(befores: Sequence[Citizen] | None, afters: Sequence[Citizen]) -> list[str]:
    """`audit_detail` of many citizens at once (befores None: all new), worked out field by field
    (audit_detail.describe_columns): the same texts, without a loop over the fields of each citizen."""
    if not afters:
        return []
    news = list(zip(*map(_profile_values, afters), strict=True))
    olds = None if befores is None else list(zip(*map(_profile_values, befores), strict=True))
    return audit_text.describe_columns(PROFILE_FIELDS, news, olds, audit_text.CITIZEN_CODES, _EMPTY)


def _log(cur: Cursor, actor: Staff, prepared: Sequence[_Prepared]) -> None:
    new = [p for p in prepared if p.before is None]
    changed = [p for p in prepared if p.before is not None]
    details = audit_details(None, [p.after for p in new])
    rows = [(p.after.citizen_id, d) for p, d in zip(new, details, strict=True)]
    audit.log_each(cur, actor.staff_id, "create", "citizen", rows)
    details = audit_details([p.before for p in changed if p.before is not None], [p.after for p in changed])
    rows = [(p.after.citizen_id, d) for p, d in zip(changed, details, strict=True)]
    audit.log_each(cur, actor.staff_id, "update", "citizen", rows)


def _changed_since(cur: Cursor, citizen_id: str, opened: int | None) -> list[str]:
    """The fields saved by others since the form was opened at version `opened` (from the audit log)."""
    current = citizen_sql.get_citizen(cur, citizen_id)
    if current is None or not opened or current.version <= opened:
        return []
    entries = [e for e in audit.entries_for(cur, "citizen", citizen_id)
               if e.action in ("create", "update") and not audit_text.is_about_placement(e.detail)]  # fmt: skip
    names = [n for e in entries[: current.version - opened] for n in _fields_of_detail(e.detail)]
    return list(dict.fromkeys(names))


def save_citizen(db: Database, actor: Staff, change: CitizenChange) -> Citizen:
    """Create (version 0) or change one citizen from the form; returns the citizen as saved now.

    A change against a version someone else has saved since is refused (StaleRecordError names who, when
    and which fields); a create whose id exists (the form sent twice) raises DuplicateRecordError.
    """
    with db.transaction() as cur:
        _require_write(cur, actor, [change])
        guard.refuse_erased(cur, [change.citizen_id], [change.line])
        [p] = _prepare(cur, [change])
        if p.before is not None and not p.changed and p.before.version == change.version:
            return p.before
        since = _changed_since(cur, change.citizen_id, change.version)
        version = citizen_sql.save_citizen_versioned(cur, p.after, change.version, actor.staff_id, since)
        _log(cur, actor, [p])
    return replace(p.after, version=version)


def write_citizens(cur: Cursor, actor: Staff, changes: Sequence[CitizenChange]) -> int:
    """Many changes at once (citizens.csv): validate all, then one insert and one update; returns how many are new.

    Unchanged citizens are not written (their version stays, so nobody's open form goes stale).
    """
    _require_write(cur, actor, changes)
    guard.refuse_erased(cur, [c.citizen_id for c in changes], [c.line for c in changes])
    prepared = _prepare(cur, changes)
    for p in prepared:
        _check_version(p)
    new = [p for p in prepared if p.before is None]
    changed = [p for p in prepared if p.before is not None and p.changed]
    citizen_sql.insert_citizens(cur, [p.after for p in new], actor.staff_id)
    citizen_sql.update_citizens(cur, [p.after for p in changed], actor.staff_id)
    _log(cur, actor, [*new, *changed])
    return len(new)


def _require_write(cur: Cursor, actor: Staff, changes: Sequence[CitizenChange]) -> None:
    """The actor must reach each citizen as stored and the team a change puts it in (a new one: that team)."""
    if guard.reaches_all(actor, Action.WRITE_CITIZEN):
        return
    ids = [c.citizen_id for c in changes]
    guard.require_citizens(cur, actor, Action.WRITE_CITIZEN, ids, {c.citizen_id: c.team_id for c in changes})
    for team_id in dict.fromkeys(c.team_id for c in changes if c.sets("team_id")):
        guard.require_team(actor, Action.WRITE_CITIZEN, team_id)


def _check_version(p: _Prepared) -> None:
    """A batch entry with a version (not an import) follows the form's rule: never overwrite an unseen save."""
    expected = p.change.version
    if expected == 0 and p.before is not None:
        raise DuplicateRecordError(WHAT, None, None)
    if expected and (p.before is None or p.before.version != expected):
        raise StaleRecordError(WHAT, None, None, exists=p.before is not None)


@dataclass(frozen=True)
class FollowOnChange:
    """A change another use case makes to a citizen as its consequence: a placement sets the status,
    a follow-up or an ending adds (or drops) strains the citizen must be spared."""

    citizen_id: str
    status: str | None = None
    add_spare: tuple[str, ...] = ()
    drop_spare: tuple[str, ...] = ()


def apply_follow_on_changes(cur: Cursor, actor: Staff, follow_ons: Sequence[FollowOnChange]) -> None:
    """Change citizens as another use case's consequence, through the same door as the form.

    Each is made on the citizen as stored now and checked like a form's change; it bumps the version
    and writes an 'update' audit row with each field's old and new value ("Status: ledig → i praktik"), so a
    citizen form opened before is refused as stale. Several changes of one citizen become one, in order; a citizen
    left as it was is not written.
    """
    stored = citizen_sql.citizens_by_id(cur, list(dict.fromkeys(f.citizen_id for f in follow_ons)))
    wanted: dict[str, Citizen] = {}
    for f in follow_ons:
        current = wanted.get(f.citizen_id) or stored.get(f.citizen_id)
        if current is None:
            raise NotFoundError(f"Borgeren {f.citizen_id} findes ikke")
        kept = [s for s in current.spare_strains if s not in f.drop_spare]
        wanted[f.citizen_id] = replace(current, status=f.status or current.status,
                                       spare_strains=tuple(dict.fromkeys([*kept, *f.add_spare])))  # fmt: skip
    changes = []
    for citizen_id, after in wanted.items():
        before = stored[citizen_id]
        given = frozenset(n for n in ("status", "spare_strains") if getattr(before, n) != getattr(after, n))
        changes.append(CitizenChange(citizen_id, before.name, before.version, status=after.status,
                                     spare_strains=after.spare_strains, given=given))  # fmt: skip
    if any(c.given for c in changes):
        write_citizens(cur, actor, [c for c in changes if c.given])


def in_team(changes: Sequence[CitizenChange], team_id: str, new_ids: Collection[str]) -> list[CitizenChange]:
    """`import citizens --team T`: new citizens whose row names no team land in T; others keep theirs."""
    return [c.in_team(team_id) if c.citizen_id in new_ids and not c.team_id else c for c in changes]


def audit_trail(db: Database, actor: Staff, citizen_id: str) -> list[AuditEntry]:
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.READ_CITIZEN, citizen_id)
        return audit.entries_for(cur, "citizen", citizen_id)


def data_copy(db: Database, actor: Staff, citizen_id: str) -> str:
    """Everything stored about a citizen, as JSON the citizen can be given (GDPR right of access)."""
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.READ_CITIZEN, citizen_id)
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        placements = placement_sql.placements_of_citizen(cur, citizen_id)
        audit.log(cur, actor.staff_id, "export", "citizen", citizen_id, "kopi af egne data")
        trail = audit.entries_for(cur, "citizen", citizen_id, limit=10_000)
    payload = {
        "borger": asdict(citizen),
        "forløb": [asdict(p) for p in placements],
        "adgangslog": [asdict(e) for e in trail],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
