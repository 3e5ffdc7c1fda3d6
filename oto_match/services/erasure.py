"""The citizen's right to erasure (GDPR art. 17) and the retention rule: a leader's use cases.

`erase_citizen` turns one citizen into an anonymous placeholder, in ONE transaction:
- the citizen's row stays as "Slettet borger" (team kept, status 'afsluttet i OTO', `erased_at` set) with every
  personal field emptied, so placements, follow-ups and the statistics still have their citizen;
- placements keep type, dates, hours and end reason; their free texts and agreed strains are emptied, as are the
  notes of follow-ups, hours changes, candidate entries, candidate events and candidate notes, and the reasons
  of temporary access grants, and what an import batch kept of the rows for undo (such an undo is refused);
- in every stored team decision that showed the citizen, the citizen's card is replaced by an anonymous one
  (place, how shown, verdict and score only), and the citizen's full name in the decision's reason becomes
  "slettet borger";
- the audit rows about the citizen get their detail blanked and `erased_at` set (storage/erasure.blank_audit_rows;
  the chain still verifies), and the erasure itself is logged without the erased content.
`erase_closed_cases` does the same for every closed case past the retention period (`closed_past_retention`),
or with `dry_run` only lists them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from oto_match import access
from oto_match.access import Action
from oto_match.domain import Staff
from oto_match.errors import NotFoundError, RuleError, ValidationError
from oto_match.followups import add_months
from oto_match.services import guard
from oto_match.storage import audit
from oto_match.storage import erasure as erasure_sql
from oto_match.storage.db import Database
from oto_match.storage.erasure import CaseFacts, CitizenState, StoredDecision
from oto_match.storage.rows import Cursor
from oto_match.vocab import ERASED_NAME, ERASED_TEXT, CitizenStatus

AUDIT_LIMIT = 1_000_000
# What an anonymous card in a stored ranking keeps (services/matching._shown_entry writes the full card).
KEPT_IN_CARD = ("citizen_id", "position", "shown_as", "verdict", "score")
NAME_IN_REASON = "slettet borger"  # what the citizen's name in a decision's reason becomes


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing the citizen would remove: per part (vocab.ERASURE_PARTS), how many rows hold some of it."""

    citizen_id: str
    name: str
    team_id: str | None
    counts: dict[str, int]


@dataclass(frozen=True)
class ErasureResult:
    """An erasure done: who it was (the name only for the message to the leader who erased), when, how much
    (`counts` as the plan found them; `audit_blanked`: the audit rows actually blanked, the rows from before the
    hash chain left out, see storage/erasure.blank_audit_rows)."""

    citizen_id: str
    former_name: str
    erased_at: datetime
    counts: dict[str, int]
    audit_blanked: int = 0


@dataclass(frozen=True)
class ClosedCase:
    """A closed case past the retention period: the citizen, their team, and since when nothing has happened."""

    citizen_id: str
    name: str
    team_id: str | None
    closed_since: date


@dataclass(frozen=True)
class RetentionPeriod:
    """How long a closed case is kept: years, months and days (5 years: RetentionPeriod(years=5))."""

    years: int = 0
    months: int = 0
    days: int = 0

    def cutoff(self, today: date) -> date:
        """The day `today` minus the period (a month end is clamped: 29-02 minus a year is 28-02)."""
        return add_months(today, -(12 * self.years + self.months)) - timedelta(days=self.days)

    def words(self) -> str:
        """'5 år', '18 måneder', '365 dage' (the parts that are not zero)."""
        parts = [(self.years, "år", "år"), (self.months, "måned", "måneder"), (self.days, "dag", "dage")]
        return " og ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n) or "0 dage"


_PERIOD = re.compile(r"\s*(\d{1,4})\s*(y|år|m|md|months?|måneder|d|days?|dage)\s*", re.IGNORECASE)
_UNITS = {"y": "years", "år": "years", "m": "months", "md": "months", "month": "months", "months": "months",
          "måneder": "months", "d": "days", "day": "days", "days": "days", "dage": "days"}  # fmt: skip


def parse_period(text: str) -> RetentionPeriod:
    """'5y' (years), '60m' or '60months' (months), '365d' (days); a period of nothing is refused."""
    found = _PERIOD.fullmatch(text)
    if found is None:
        raise ValidationError.single(
            "older_than", f"'{text}' er ikke en periode: skriv fx 5y (år), 60m (måneder) eller 365d (dage)"
        )
    period = RetentionPeriod(**{_UNITS[found.group(2).lower()]: int(found.group(1))})
    if period == RetentionPeriod():
        raise ValidationError.single("older_than", "perioden skal være mere end 0")
    return period


def closed_past_retention(case: CaseFacts, today: date, period: RetentionPeriod) -> bool:
    """A case is erased by the retention rule when ALL of these hold:
    - the case is closed: the citizen is 'afsluttet i OTO', or the team has released (sluppet) the citizen's
      placement and no other placement is still followed up;
    - no placement is still active and followed up (an open case is never erased);
    - something is known to have happened on the case (a citizen with no date at all is left for a person);
    - and nothing has happened for longer than the period: the latest of the citizen's last change, a
      placement's start, end, release or change, a follow-up (due, done or changed), an hours change and a
      candidate entry, step or note lies before today minus the period (exactly the period ago is kept)."""
    closed = case.status == CitizenStatus.ENDED or (case.released > 0 and case.followed == 0)
    return (closed and case.followed == 0 and case.last_activity is not None
            and case.last_activity < period.cutoff(today))  # fmt: skip


def erase_refusal(state: CitizenState | None, citizen_id: str) -> str | None:
    """Why this citizen cannot be erased now, in Danish, or None: an unknown id, a citizen erased already, or
    one still followed in an active placement (end or release the placement first, so no follow-up is left
    for a person no one can name)."""
    if state is None:
        return f"Der findes ingen borger med borger-id {citizen_id}. Intet er slettet."
    if state.erased_at is not None:
        return f"Borgerens oplysninger er allerede slettet ({state.erased_at:%d-%m-%Y kl. %H:%M}). Intet er ændret."
    if state.followed_placements:
        return (f"{state.name} er i et aktivt forløb, som teamet følger op på. Afslut eller slip forløbet først; "
                "intet er slettet.")  # fmt: skip
    return None


def _state(cur: Cursor, actor: Staff, citizen_id: str) -> CitizenState:
    """The citizen, after the access check (the role first: a team member learns nothing about the id)."""
    access.require(actor, Action.ERASE_CITIZEN_DATA)
    state = erasure_sql.citizen_state(cur, citizen_id)
    if (reason := erase_refusal(state, citizen_id)) is not None:
        raise (NotFoundError if state is None else RuleError)(reason)
    guard.require_citizen(cur, actor, Action.ERASE_CITIZEN_DATA, citizen_id)
    assert state is not None
    return state


def _counts(cur: Cursor, citizen_id: str) -> dict[str, int]:
    rows = len(audit.search(cur, citizen_id=citizen_id, limit=AUDIT_LIMIT))
    return {"profile": 1, **erasure_sql.counts(cur, citizen_id), "audit": rows}


def erasure_plan(db: Database, actor: Staff, citizen_id: str) -> ErasurePlan:
    """What erasing the citizen would remove, for the leader to confirm (logged as a view)."""
    with db.transaction() as cur:
        state = _state(cur, actor, citizen_id)
        plan = ErasurePlan(citizen_id, state.name, state.team_id, _counts(cur, citizen_id))
        audit.log(cur, actor.staff_id, "view", "citizen", citizen_id, "sletning: hvad der slettes")
        return plan


def erase_citizen(db: Database, actor: Staff, citizen_id: str, now: datetime | None = None) -> ErasureResult:
    """Erase the citizen's personal data (see the module docstring); only a leader (or the system) may."""
    at = now or datetime.now()
    with db.transaction() as cur:
        state = _state(cur, actor, citizen_id)
        counts = _counts(cur, citizen_id)
        blanked = _erase(cur, actor, {citizen_id: state.name}, at)
        summary = ", ".join(f"{n} {part}" for part, n in counts.items() if n and part != "profile") or "kun profilen"
        detail = f"borgerens personoplysninger slettet efter anmodning ({summary})"
        audit.log(cur, actor.staff_id, "erase", "citizen", citizen_id, detail, at=at)
        return ErasureResult(citizen_id, state.name, at, counts, blanked)


def _erase(cur: Cursor, actor: Staff, names: dict[str, str], at: datetime) -> int:
    """Every trace of the citizens (`names`: id -> name) blanked, in the caller's transaction; returns how many
    audit rows were blanked."""
    if not names:
        return 0
    ids = sorted(names)
    for decision in erasure_sql.decisions_showing(cur, ids):
        reason, snapshot = _anonymous_decision(decision, names)
        erasure_sql.rewrite_decision(cur, decision, reason, snapshot)
    erasure_sql.blank_candidates(cur, ids, ERASED_TEXT, at, actor.staff_id)
    erasure_sql.blank_placements(cur, ids, at, actor.staff_id)
    erasure_sql.forget_import_rows(cur, ids)
    erasure_sql.blank_citizens(cur, ids, ERASED_NAME, at, actor.staff_id)
    return erasure_sql.blank_audit_rows(cur, ids, at)


def _anonymous_decision(decision: StoredDecision, names: dict[str, str]) -> tuple[str, str]:
    """The decision's reason without the full names of the erased citizens it showed, and its snapshot with their
    cards anonymous. Only the names of the citizens among this decision's candidates are looked for (a retention
    run erasing 20,000 citizens looks for the two or three a decision showed, not all 20,000)."""
    snapshot: dict[str, Any] = json.loads(decision.ranking_json)
    shown = [str(c.get("citizen_id")) for c in snapshot.get("candidates", [])]
    snapshot["candidates"] = [
        {k: c[k] for k in KEPT_IN_CARD if k in c} | {"erased": True} if cid in names else c
        for cid, c in zip(shown, snapshot.get("candidates", []), strict=True)
    ]
    reason = without_names(decision.reason, [names[cid] for cid in shown if cid in names])
    return reason, json.dumps(snapshot, ensure_ascii=False)


def without_names(text: str, names: Collection[str]) -> str:
    """`text` with each of the full names (whole words, any case) replaced by "slettet borger", in one pass: the
    longest name first, so "Ali Hassan Jensen" goes whole rather than leaving "Jensen"."""
    wanted = sorted({n.strip() for n in names if n.strip()}, key=lambda n: (-len(n), n))
    if not wanted:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in wanted) + r")\b", re.IGNORECASE)
    return pattern.sub(NAME_IN_REASON, text)


def erase_closed_cases(db: Database, actor: Staff, older_than: RetentionPeriod | timedelta, today: date,
                       dry_run: bool = False, now: datetime | None = None,
                       only: Collection[str] | None = None) -> list[ClosedCase]:  # fmt: skip
    """Every closed case past the retention period (`closed_past_retention`), oldest first; erased in one
    transaction (each logged), or with `dry_run` only listed (the listing is logged as a view). Returns the
    cases erased (or listed).

    `only`: the citizen ids the leader was shown in the dry run and confirmed. Then only those of them that are
    STILL closed past the period are erased: a case that became closed after the list was shown is never erased
    without being shown, and one where something has happened since is kept (the caller tells the leader how
    many of the shown were erased). The CLI's `retention --dry-run` and `retention` are two separate commands,
    so there the run erases what is closed past the period when it runs (a leader re-reads its list)."""
    period = older_than if isinstance(older_than, RetentionPeriod) else RetentionPeriod(days=older_than.days)
    if period == RetentionPeriod():
        raise ValidationError.single("older_than", "perioden skal være mere end 0")
    access.require(actor, Action.ERASE_CITIZEN_DATA)
    at = now or datetime.now()
    confirmed = None if only is None else set(only)
    with db.transaction() as cur:
        found = [c for c in erasure_sql.possibly_closed_cases(cur) if closed_past_retention(c, today, period)
                 and (confirmed is None or c.citizen_id in confirmed)]  # fmt: skip
        guard.require_citizens(cur, actor, Action.ERASE_CITIZEN_DATA, [c.citizen_id for c in found])
        cases = [ClosedCase(c.citizen_id, c.name, c.team_id, c.last_activity) for c in found if c.last_activity]
        if dry_run:
            audit.log_many(cur, actor.staff_id, "view", "citizen", [c.citizen_id for c in cases],
                           f"sletning efter opbevaringsperioden ({period.words()}): vist på listen")  # fmt: skip
            return cases
        _erase(cur, actor, {c.citizen_id: c.name for c in cases}, at)
        audit.log_each(cur, actor.staff_id, "erase", "citizen", [
            (c.citizen_id, f"afsluttet sag slettet: opbevaringsperioden på {period.words()} er udløbet")
            for c in cases])  # fmt: skip
        return cases
