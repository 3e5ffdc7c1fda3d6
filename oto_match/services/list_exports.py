"""Lists with citizens in them, downloaded as a file (Excel): every row of the list, not one page, of the citizens
the actor sees — and, as with a CSV export, one audit row per citizen in the file ('eksporterede')."""

from __future__ import annotations

from datetime import date

from oto_match.domain import Staff
from oto_match.services import followups as followup_service
from oto_match.services import guard
from oto_match.services.followups import DueFollowUp
from oto_match.storage import audit
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.storage.jobs import Candidate, CandidateEvent
from oto_match.storage.placement_lists import FollowUpWhere
from oto_match.storage.rows import Cursor

EVERY_ROW = 10_000_000  # one page as long as any list: the whole list


def followups_for_download(db: Database, actor: Staff, today: date, where: FollowUpWhere) -> list[DueFollowUp]:
    """Every open follow-up the list on Fastholdelse shows a page of (same filter, same order)."""
    rows = followup_service.followup_page(db, actor, today, where, 1, EVERY_ROW).rows
    with db.transaction() as cur:
        _log_export(cur, actor, [f.citizen_id for f in rows], "opfølgninger (Excel)")
    return rows


def candidates_for_download(db: Database, actor: Staff, job_id: str
                            ) -> list[tuple[Candidate, list[CandidateEvent]]]:  # fmt: skip
    """A job's candidate list as the page shows it (the citizens the actor sees, with their history)."""
    with db.transaction() as cur:
        shown = guard.keep_visible(cur, actor, job_sql.candidates_for_job(cur, job_id))
        _log_export(cur, actor, [c.citizen_id for c in shown], "kandidatliste (Excel)")
        return [(c, job_sql.events_for(cur, job_id, c.citizen_id)) for c in shown]


def _log_export(cur: Cursor, actor: Staff, citizen_ids: list[str], what: str) -> None:
    """One 'export' row per citizen in the file (each once)."""
    audit.log_each(cur, actor.staff_id, "export", "citizen", [(c, what) for c in dict.fromkeys(citizen_ids)])
