"""SQL for citizens."""

from __future__ import annotations

from oto_match.domain import Citizen
from oto_match.records import CITIZEN_COLUMNS
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, upsert

ALL_CITIZEN_COLUMNS = (
    *CITIZEN_COLUMNS, "status", "team_id", "partner1_id", "partner2_id", "own_words", "consent_note",
    "consent_date",
)  # fmt: skip


def save_citizen(cur: Cursor, citizen: Citizen, columns: tuple[str, ...] = ALL_CITIZEN_COLUMNS) -> bool:
    return upsert(cur, "citizens", "citizen_keys", "citizen_id", as_values(citizen, columns))


def get_citizen(cur: Cursor, citizen_id: str) -> Citizen | None:
    return fetch_one(cur, Citizen, "SELECT * FROM citizens WHERE citizen_id = ?", [citizen_id])


def list_citizens(cur: Cursor, team_id: str | None = None, active_only: bool = False) -> list[Citizen]:
    sql = (
        "SELECT * FROM citizens WHERE (? IS NULL OR team_id = ?) AND (status <> 'ended' OR NOT ?)"
        " ORDER BY name, citizen_id"
    )
    return fetch_all(cur, Citizen, sql, [team_id, team_id, active_only])


def existing_citizen_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT citizen_id FROM citizens").fetchall()}


def set_status(cur: Cursor, citizen_id: str, status: str) -> None:
    execute(cur, "UPDATE citizens SET status = ? WHERE citizen_id = ?", [status, citizen_id])


def set_team(cur: Cursor, citizen_ids: list[str], team_id: str) -> None:
    if citizen_ids:
        execute(cur, "UPDATE citizens SET team_id = ? WHERE list_contains(?, citizen_id)", [team_id, citizen_ids])
