"""Reads for the Fastholdelse timeline: what each logged follow-up changed, from its own row in the audit log."""

from __future__ import annotations

from oto_match.storage.rows import Cursor, execute

# A follow-up and its log row are written in the same save; their timestamps lie this close.
SAME_SAVE_SECONDS = 5


def followup_log_details(cur: Cursor, citizen_id: str, placement_id: str, prefix: str) -> dict[str, str]:
    """The audit detail of each done follow-up of the placement: the citizen's 'followup' row about the
    placement (detail starting with `prefix`) written in the same save (nearest in time, within
    SAME_SAVE_SECONDS of the follow-up's save)."""
    sql = (
        "SELECT f.followup_id, a.detail FROM followups f JOIN audit_log a ON a.action = 'followup'"
        " AND a.entity = 'citizen' AND a.entity_id = ? AND starts_with(a.detail, ?)"
        " AND abs(epoch_ms(a.happened_at) - epoch_ms(f.changed_at)) <= ?"
        " WHERE f.placement_id = ? AND f.status = 'done' AND f.changed_at IS NOT NULL"
        " QUALIFY row_number() OVER (PARTITION BY f.followup_id"
        " ORDER BY abs(epoch_ms(a.happened_at) - epoch_ms(f.changed_at)), a.audit_id) = 1"
    )
    rows = execute(cur, sql, [citizen_id, prefix, SAME_SAVE_SECONDS * 1000, placement_id]).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}
