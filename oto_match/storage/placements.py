"""SQL for placements, their hours history and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from oto_match.domain import FollowUp, Placement
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_dicts, fetch_one, upsert

PLACEMENT_COLUMNS = (
    "placement_id", "citizen_id", "employer_id", "job_id", "placement_type", "start_date", "planned_end_date",
    "hours_week", "schedule", "partner1_id", "partner2_id", "contact_id", "benefit_group", "employer_expects",
    "citizen_expects", "success_employer", "success_citizen", "agreed_strains", "adaptations_note",
    "path_to_paid", "citizen_accepted", "employer_accepted", "status", "end_date", "end_reason", "end_note",
    "released_on", "released_by", "mentor_start",
)  # fmt: skip
FOLLOWUP_COLUMNS = (
    "followup_id", "placement_id", "due_date", "kind", "with_whom", "status", "done_date", "done_by", "outcome",
    "notes", "initiated_by",
)  # fmt: skip


@dataclass(frozen=True)
class HoursChange:
    placement_id: str
    effective_date: date
    hours_week: float
    staff_id: str | None
    note: str


def save_placement(cur: Cursor, p: Placement, columns: tuple[str, ...] = PLACEMENT_COLUMNS) -> bool:
    return upsert(cur, "placements", "placement_keys", "placement_id", as_values(p, columns))


def get_placement(cur: Cursor, placement_id: str) -> Placement | None:
    return fetch_one(cur, Placement, "SELECT * FROM placements WHERE placement_id = ?", [placement_id])


def list_placements(cur: Cursor, status: str | None = None) -> list[Placement]:
    sql = "SELECT * FROM placements WHERE (? IS NULL OR status = ?) ORDER BY start_date DESC, placement_id"
    return fetch_all(cur, Placement, sql, [status, status])


def placements_of_citizen(cur: Cursor, citizen_id: str) -> list[Placement]:
    sql = "SELECT * FROM placements WHERE citizen_id = ? ORDER BY start_date DESC"
    return fetch_all(cur, Placement, sql, [citizen_id])


def placements_of_employer(cur: Cursor, employer_id: str) -> list[Placement]:
    sql = "SELECT * FROM placements WHERE employer_id = ? ORDER BY start_date DESC"
    return fetch_all(cur, Placement, sql, [employer_id])


def existing_placement_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT placement_id FROM placements").fetchall()}


def save_followup(cur: Cursor, f: FollowUp) -> bool:
    return upsert(cur, "followups", None, "followup_id", as_values(f, FOLLOWUP_COLUMNS))


def cancel_open_followups(cur: Cursor, placement_id: str) -> int:
    sql = "UPDATE followups SET status = 'cancelled' WHERE placement_id = ? AND status = 'open'"
    return int(execute(cur, sql, [placement_id]).fetchall()[0][0])


def followups_of(cur: Cursor, placement_id: str) -> list[FollowUp]:
    sql = "SELECT * FROM followups WHERE placement_id = ? ORDER BY due_date, followup_id"
    return fetch_all(cur, FollowUp, sql, [placement_id])


def get_followup(cur: Cursor, followup_id: str) -> FollowUp | None:
    return fetch_one(cur, FollowUp, "SELECT * FROM followups WHERE followup_id = ?", [followup_id])


def list_followups(cur: Cursor, open_only: bool = True) -> list[FollowUp]:
    sql = "SELECT * FROM followups WHERE (status = 'open' OR NOT ?) ORDER BY due_date, followup_id"
    return fetch_all(cur, FollowUp, sql, [open_only])


def existing_followup_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT followup_id FROM followups").fetchall()}


def add_hours(cur: Cursor, h: HoursChange) -> None:
    execute(
        cur,
        "INSERT INTO placement_hours VALUES (?, ?, ?, ?, ?) ON CONFLICT (placement_id, effective_date)"
        " DO UPDATE SET hours_week = excluded.hours_week, staff_id = excluded.staff_id, note = excluded.note",
        [h.placement_id, h.effective_date, h.hours_week, h.staff_id, h.note],
    )


def hours_history(cur: Cursor, placement_id: str | None = None) -> list[HoursChange]:
    sql = "SELECT * FROM placement_hours WHERE (? IS NULL OR placement_id = ?) ORDER BY placement_id, effective_date"
    return fetch_all(cur, HoursChange, sql, [placement_id, placement_id])


def open_followups_of_staff(
    cur: Cursor, staff_id: str | None, team_id: str | None, due_by: date | None = None
) -> list[dict[str, object]]:
    """Open follow-ups of active placements, with citizen, employer and makkerpar, for one person or team
    (or all), due by a date (or any time)."""
    sql = """
        SELECT f.followup_id, f.placement_id, f.due_date, f.kind, f.with_whom, p.citizen_id, p.employer_id,
               c.name AS citizen_name, e.name AS employer_name, p.partner1_id, p.partner2_id, c.team_id
        FROM followups f JOIN placements p USING (placement_id)
        JOIN citizens c ON c.citizen_id = p.citizen_id JOIN employers e ON e.employer_id = p.employer_id
        WHERE f.status = 'open' AND p.status = 'active' AND p.released_on IS NULL
          AND (? IS NULL OR p.partner1_id = ? OR p.partner2_id = ?)
          AND (? IS NULL OR c.team_id = ?)
          AND (?::DATE IS NULL OR f.due_date <= ?::DATE)
        ORDER BY f.due_date, f.followup_id
    """
    return fetch_dicts(cur, sql, [staff_id, staff_id, staff_id, team_id, team_id, due_by, due_by])


def placements_with_names(cur: Cursor, team_id: str | None, status: str | None) -> list[tuple[Placement, str, str]]:
    """(placement, citizen name, employer name), newest start first, for one team (or all) and status (or all)."""
    sql = """
        SELECT p.*, c.name AS citizen_name, e.name AS employer_name
        FROM placements p JOIN citizens c USING (citizen_id) JOIN employers e ON e.employer_id = p.employer_id
        WHERE (? IS NULL OR c.team_id = ?) AND (? IS NULL OR p.status = ?)
        ORDER BY p.start_date DESC, p.placement_id
    """
    names = {f.name for f in fields(Placement)}
    out = []
    for row in fetch_dicts(cur, sql, [team_id, team_id, status, status]):
        placement = Placement(**{k: v for k, v in row.items() if k in names})
        out.append((placement, str(row["citizen_name"]), str(row["employer_name"])))
    return out
