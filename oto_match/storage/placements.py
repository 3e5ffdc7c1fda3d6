"""SQL for placements, their hours history and follow-ups.

A citizen a placement changes (status, strains to spare) is changed through the citizen's door
(services/citizens.apply_follow_on_changes), never here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from oto_match.domain import FollowUp, Placement
from oto_match.storage.bulk import insert_frame
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_dicts, fetch_one, save_versioned

if TYPE_CHECKING:  # pandas loads only for the writes that build frames
    import pandas as pd

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
HOURS_COLUMNS = ("placement_id", "effective_date", "hours_week", "staff_id", "note")
# Which table holds the ids a placement points at.
REFERENCED = {"citizens": "citizen_id", "employers": "employer_id", "job_openings": "job_id", "staff": "staff_id"}


@dataclass(frozen=True)
class HoursChange:
    placement_id: str
    effective_date: date
    hours_week: float
    staff_id: str | None
    note: str


@dataclass(frozen=True)
class OpenFollowUp:
    """An open follow-up of an active placement, with the names a list shows."""

    followup_id: str
    placement_id: str
    citizen_id: str
    employer_id: str
    citizen_name: str
    employer_name: str
    due_date: date
    kind: str
    with_whom: str


@dataclass(frozen=True)
class NamedPlacement:
    placement: Placement
    citizen_name: str
    employer_name: str


# --- writing ------------------------------------------------------------------------------------------


def _stamped_frame(objects: Sequence[Any], columns: Sequence[str], actor_id: str | None) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame([as_values(o, columns) for o in objects], columns=list(columns))
    frame["version"] = 1
    frame["changed_at"] = datetime.now()
    frame["changed_by"] = actor_id
    return frame


def insert_placements(cur: Cursor, placements: Sequence[Placement], actor_id: str | None) -> int:
    """New placements in one statement, each at version 1."""
    if not placements:
        return 0
    return insert_frame(cur, "placements", _stamped_frame(placements, PLACEMENT_COLUMNS, actor_id))


def save_placement(cur: Cursor, p: Placement, columns: Sequence[str], expected_version: int | None,
                   actor_id: str | None) -> int:  # fmt: skip
    """Save some columns of one placement if it is still at `expected_version` (None: the file is the authority)."""
    values = as_values(p, ["placement_id", *(c for c in columns if c != "placement_id")])
    return save_versioned(cur, "placements", "placement_keys", "placement_id", values, expected_version, actor_id,
                          "Forløbet")  # fmt: skip


def insert_followups(cur: Cursor, followups: Sequence[FollowUp], actor_id: str | None) -> int:
    if not followups:
        return 0
    return insert_frame(cur, "followups", _stamped_frame(followups, FOLLOWUP_COLUMNS, actor_id))


def upsert_followups(cur: Cursor, followups: Sequence[FollowUp], actor_id: str | None) -> int:
    """Insert new follow-ups and overwrite existing ones by id (an import: the file is the authority).
    Returns how many were new."""
    if not followups:
        return 0
    frame = _stamped_frame(followups, FOLLOWUP_COLUMNS, actor_id)
    cur.register("_followup_rows", frame)
    try:
        assignments = ", ".join(f"{c} = r.{c}" for c in (*FOLLOWUP_COLUMNS[1:], "changed_at", "changed_by"))
        execute(cur, f"UPDATE followups SET {assignments}, version = followups.version + 1 FROM _followup_rows r"
                     " WHERE followups.followup_id = r.followup_id")  # fmt: skip
        new = frame[~frame["followup_id"].isin(existing_ids(cur, "followups", "followup_id", frame["followup_id"]))]
    finally:
        cur.unregister("_followup_rows")
    return insert_frame(cur, "followups", new) if len(new) else 0


def save_followup(cur: Cursor, f: FollowUp, expected_version: int | None, actor_id: str | None) -> int:
    values = as_values(f, FOLLOWUP_COLUMNS)
    return save_versioned(cur, "followups", None, "followup_id", values, expected_version, actor_id, "Opfølgningen")


def cancel_open_followups(cur: Cursor, placement_ids: Sequence[str], actor_id: str | None) -> None:
    if placement_ids:
        execute(cur, "UPDATE followups SET status = 'cancelled', version = version + 1, changed_at = ?,"
                     " changed_by = ? WHERE status = 'open' AND list_contains(?, placement_id)",
                [datetime.now(), actor_id, list(placement_ids)])  # fmt: skip


def insert_hours(cur: Cursor, changes: Sequence[HoursChange]) -> None:
    """Hours rows; a second change on the same day replaces the first."""
    if not changes:
        return
    import pandas as pd

    frame = pd.DataFrame([as_values(h, HOURS_COLUMNS) for h in changes], columns=list(HOURS_COLUMNS))
    frame = frame.drop_duplicates(["placement_id", "effective_date"], keep="last")
    cur.register("_hours_rows", frame)
    try:
        execute(cur, f"INSERT INTO placement_hours ({', '.join(HOURS_COLUMNS)}) SELECT * FROM _hours_rows"
                     " ON CONFLICT (placement_id, effective_date) DO UPDATE SET hours_week = excluded.hours_week,"
                     " staff_id = excluded.staff_id, note = excluded.note")  # fmt: skip
    finally:
        cur.unregister("_hours_rows")


def set_current_hours(cur: Cursor, placement_ids: Sequence[str], actor_id: str | None) -> None:
    """Each placement's agreed hours become those of its latest hours row."""
    if placement_ids:
        execute(cur, "UPDATE placements SET hours_week = h.hours_week, version = placements.version + 1,"
                     " changed_at = ?, changed_by = ? FROM (SELECT placement_id, arg_max(hours_week, effective_date)"
                     " AS hours_week FROM placement_hours WHERE list_contains(?, placement_id) GROUP BY ALL) h"
                     " WHERE placements.placement_id = h.placement_id",
                [datetime.now(), actor_id, list(placement_ids)])  # fmt: skip


# --- reading ------------------------------------------------------------------------------------------


def existing_ids(cur: Cursor, table: str, key: str, ids: Sequence[str] | pd.Series) -> set[str]:
    """Which of `ids` exist in `table` (table and key from this module's constants), in one semi-join."""
    import pandas as pd

    wanted = pd.DataFrame({"id": [i for i in dict.fromkeys(ids) if i]}, dtype="object")
    if wanted.empty:
        return set()
    cur.register("_wanted_ids", wanted)
    try:
        rows = execute(cur, f"SELECT {key} FROM {table} WHERE {key} IN (SELECT id FROM _wanted_ids)").fetchall()
    finally:
        cur.unregister("_wanted_ids")
    return {r[0] for r in rows}


def makkerpar_of(cur: Cursor, citizen_ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    rows = execute(cur, "SELECT citizen_id, partner1_id, partner2_id FROM citizens WHERE list_contains(?, citizen_id)",
                   [list(dict.fromkeys(citizen_ids))]).fetchall()  # fmt: skip
    return {r[0]: (r[1], r[2]) for r in rows}


def employer_of_jobs(cur: Cursor, job_ids: Sequence[str]) -> dict[str, str]:
    rows = execute(cur, "SELECT job_id, employer_id FROM job_openings WHERE list_contains(?, job_id)",
                   [list(dict.fromkeys(job_ids))]).fetchall()  # fmt: skip
    return {r[0]: r[1] for r in rows}


def last_change(cur: Cursor, placement_id: str) -> tuple[str | None, datetime | None]:
    """Who (staff name) saved the placement last, and when."""
    rows = execute(cur, "SELECT coalesce(s.name, p.changed_by), p.changed_at FROM placements p"
                        " LEFT JOIN staff s ON s.staff_id = p.changed_by WHERE p.placement_id = ?",
                   [placement_id]).fetchall()  # fmt: skip
    return (rows[0][0], rows[0][1]) if rows else (None, None)


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


def hours_history(cur: Cursor, placement_id: str | None = None) -> list[HoursChange]:
    sql = "SELECT * FROM placement_hours WHERE (? IS NULL OR placement_id = ?) ORDER BY placement_id, effective_date"
    return fetch_all(cur, HoursChange, sql, [placement_id, placement_id])


def open_followups_of_staff(
    cur: Cursor, staff_id: str | None, team_id: str | None, due_by: date | None = None
) -> list[OpenFollowUp]:
    """Open follow-ups of active placements, with citizen and employer, for one makkerpar member or team
    (or all), due by a date (or any time)."""
    sql = """
        SELECT f.followup_id, f.placement_id, p.citizen_id, p.employer_id, c.name AS citizen_name,
               e.name AS employer_name, f.due_date, f.kind, f.with_whom
        FROM followups f JOIN placements p USING (placement_id)
        JOIN citizens c ON c.citizen_id = p.citizen_id JOIN employers e ON e.employer_id = p.employer_id
        WHERE f.status = 'open' AND p.status = 'active' AND p.released_on IS NULL
          AND (? IS NULL OR p.partner1_id = ? OR p.partner2_id = ?)
          AND (? IS NULL OR c.team_id = ?)
          AND (?::DATE IS NULL OR f.due_date <= ?::DATE)
        ORDER BY f.due_date, f.followup_id
    """
    return fetch_all(cur, OpenFollowUp, sql, [staff_id, staff_id, staff_id, team_id, team_id, due_by, due_by])


def placements_with_names(cur: Cursor, team_id: str | None, status: str | None) -> list[NamedPlacement]:
    """Placements with citizen and employer names, newest start first, for one team (or all) and status (or all)."""
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
        out.append(NamedPlacement(placement, str(row["citizen_name"]), str(row["employer_name"])))
    return out
