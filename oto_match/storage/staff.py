"""SQL for teams and staff."""

from __future__ import annotations

from oto_match.domain import Staff, Team
from oto_match.storage.rows import Cursor, as_values, fetch_all, fetch_one, upsert

STAFF_COLUMNS = ("staff_id", "name", "team_id", "profession", "is_leader", "active")


def save_staff(cur: Cursor, staff: Staff) -> bool:
    return upsert(cur, "staff", "staff_keys", "staff_id", as_values(staff, STAFF_COLUMNS))


def list_teams(cur: Cursor) -> list[Team]:
    return fetch_all(cur, Team, "SELECT * FROM teams ORDER BY name")


def list_staff(cur: Cursor, team_id: str | None = None, active_only: bool = True) -> list[Staff]:
    sql = "SELECT * FROM staff WHERE (? IS NULL OR team_id = ?) AND (active OR NOT ?) ORDER BY name"
    return fetch_all(cur, Staff, sql, [team_id, team_id, active_only])


def get_staff(cur: Cursor, staff_id: str) -> Staff | None:
    return fetch_one(cur, Staff, "SELECT * FROM staff WHERE staff_id = ?", [staff_id])
