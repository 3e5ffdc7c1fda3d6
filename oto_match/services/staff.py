"""Teams and staff: who is acting."""

from __future__ import annotations

from oto_match.domain import Staff, Team
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database


def list_staff(db: Database, team_id: str | None = None) -> list[Staff]:
    with db.transaction() as cur:
        return staff_sql.list_staff(cur, team_id)


def list_teams(db: Database) -> list[Team]:
    with db.transaction() as cur:
        return staff_sql.list_teams(cur)
