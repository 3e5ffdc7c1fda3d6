"""The citizen's right of access (GDPR art. 15): a copy of everything stored about one citizen.

`export_citizen` gathers, in one transaction after the access check, the citizen record (profile and skånehensyn),
placements with their follow-ups and hours history, candidate entries with their events and notes, the team
decisions whose stored ranking showed the citizen (only the citizen's own card or line, never anyone else's),
temporary access grants on the citizen and the audit rows about the citizen. The export itself is audited once.
`to_json` gives a machine-readable copy, `to_html` a Danish summary the citizen can be handed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from oto_match.access import Action, TemporaryAccess
from oto_match.domain import Citizen, FollowUp, Placement, Staff
from oto_match.errors import NotFoundError
from oto_match.services import guard
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import audit
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import gdpr as gdpr_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.audit import AuditRow
from oto_match.storage.db import Database
from oto_match.storage.jobs import Candidate, CandidateEvent, Decision, Note
from oto_match.storage.placements import HoursChange
from oto_match.storage.rows import Cursor
from oto_match.vocab import field_label

AUDIT_LIMIT = 1_000_000


@dataclass(frozen=True)
class DecisionPart:
    """The citizen's part of a stored team decision: the job, when, why, and the citizen's own card or line."""

    decision_id: str
    job_id: str
    decided_at: datetime
    decided_by: str
    reason: str
    card: dict[str, Any]


@dataclass(frozen=True)
class CitizenExport:
    """Everything stored about one citizen, plus the names needed to show it (staff, employers, jobs)."""

    exported_at: datetime
    citizen: Citizen
    placements: list[Placement]
    followups: list[FollowUp]
    hours: list[HoursChange]
    candidates: list[Candidate]
    events: list[CandidateEvent]
    notes: list[Note]
    decisions: list[DecisionPart]
    grants: list[TemporaryAccess]
    audit_rows: list[AuditRow]
    staff_names: dict[str, str] = field(default_factory=dict)
    employer_names: dict[str, str] = field(default_factory=dict)
    job_titles: dict[str, tuple[str, str]] = field(default_factory=dict)


def _decision_parts(decisions: list[Decision], citizen_id: str) -> list[DecisionPart]:
    """Keep only decisions whose snapshot really lists the citizen, and of each only the citizen's entry."""
    parts = []
    for d in decisions:
        try:
            shown = json.loads(d.ranking_json or "{}").get("candidates", [])
        except (ValueError, AttributeError):
            continue
        own = [c for c in shown if isinstance(c, dict) and str(c.get("citizen_id")) == citizen_id]
        if own:
            parts.append(DecisionPart(d.decision_id, d.job_id, d.decided_at, d.decided_by, d.reason, own[0]))
    return parts


def _gather(cur: Cursor, citizen: Citizen, now: datetime) -> CitizenExport:
    cid = citizen.citizen_id
    placements = placement_sql.placements_of_citizen(cur, cid)
    followups = [f for p in placements for f in placement_sql.followups_of(cur, p.placement_id)]
    hours = [h for p in placements for h in placement_sql.hours_history(cur, p.placement_id)]
    candidates = gdpr_sql.candidates_of_citizen(cur, cid)
    decisions = _decision_parts(gdpr_sql.decisions_mentioning(cur, cid), cid)
    rows = [replace(r, citizen_ids=None) for r in audit.search(cur, citizen_id=cid, limit=AUDIT_LIMIT)]
    job_ids = sorted({c.job_id for c in candidates} | {d.job_id for d in decisions}
                     | {p.job_id for p in placements if p.job_id})  # fmt: skip
    return CitizenExport(
        now, citizen, placements, followups, hours, candidates, gdpr_sql.events_of_citizen(cur, cid),
        gdpr_sql.notes_of_citizen(cur, cid), decisions, accounts_sql.grants_for_citizen(cur, cid), rows,
        gdpr_sql.staff_names(cur), gdpr_sql.employer_names(cur, sorted({p.employer_id for p in placements})),
        gdpr_sql.job_titles(cur, job_ids),
    )  # fmt: skip


def export_citizen(db: Database, actor: Staff, citizen_id: str) -> CitizenExport:
    """Everything stored about the citizen (refused unless the actor may read the citizen); audited once as an
    export ("indsigt: kopi af alle data"), and that row is part of the copy."""
    with db.transaction() as cur:
        guard.require_citizen(cur, actor, Action.READ_CITIZEN, citizen_id)
        citizen = citizen_sql.get_citizen(cur, citizen_id)
        if citizen is None:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        audit.log(cur, actor.staff_id, "export", "citizen", citizen_id, "indsigt: kopi af alle data")
        return _gather(cur, citizen, datetime.now())


def _danish(record: dict[str, Any]) -> dict[str, Any]:
    """A record's field codes as Danish labels (a label two fields share keeps its code in brackets)."""
    labels = [field_label(k) for k in record]
    return {
        (label if labels.count(label) == 1 else f"{label} ({code})"): value
        for (code, value), label in zip(record.items(), labels, strict=True)
    }


def _records(items: list[Any]) -> list[dict[str, Any]]:
    return [_danish(asdict(x)) for x in items]


def to_json(export: CitizenExport) -> str:
    """The copy as JSON: one section per kind of data, field names in Danish, codes and dates as stored."""
    payload = {
        "udtrukket": export.exported_at,
        "borger": _danish(asdict(export.citizen)),
        "forløb": _records(export.placements),
        "opfølgninger": _records(export.followups),
        "timehistorik": _records(export.hours),
        "kandidatlister": _records(export.candidates),
        "kandidathændelser": _records(export.events),
        "kandidatnoter": _records(export.notes),
        "teambeslutninger": _records(export.decisions),
        "midlertidige_adgange": _records(export.grants),
        "adgangslog": _records(export.audit_rows),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=_plain)


def _plain(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def to_html(export: CitizenExport) -> str:
    """The Danish summary a citizen can be handed (see gdpr_html.py)."""
    from oto_match.services.gdpr_html import render

    return render(export)
