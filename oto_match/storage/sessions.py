"""SQL for signed-in sessions (migration 0008): one row per session, keyed by the SHA-256 of its token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oto_match.storage.rows import Cursor, execute, fetch_one

SESSION_COLUMNS = ("token_hash", "username", "method", "created_at", "last_seen", "expires_at")


@dataclass(frozen=True)
class SessionRow:
    token_hash: str
    username: str
    method: str
    created_at: datetime
    last_seen: datetime
    expires_at: datetime


def insert_session(cur: Cursor, row: SessionRow) -> None:
    placeholders = ", ".join("?" for _ in SESSION_COLUMNS)
    execute(
        cur,
        f"INSERT INTO user_sessions ({', '.join(SESSION_COLUMNS)}) VALUES ({placeholders})",
        [getattr(row, c) for c in SESSION_COLUMNS],
    )


def get_session(cur: Cursor, token_hash: str) -> SessionRow | None:
    sql = f"SELECT {', '.join(SESSION_COLUMNS)} FROM user_sessions WHERE token_hash = ?"
    return fetch_one(cur, SessionRow, sql, [token_hash])


def touch_session(cur: Cursor, token_hash: str, at: datetime) -> None:
    execute(cur, "UPDATE user_sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?", [at, token_hash, at])


def delete_session(cur: Cursor, token_hash: str) -> None:
    execute(cur, "DELETE FROM user_sessions WHERE token_hash = ?", [token_hash])


def delete_sessions_of(cur: Cursor, username: str) -> None:
    execute(cur, "DELETE FROM user_sessions WHERE username = ?", [username])


def delete_ended(cur: Cursor, idle_before: datetime, now: datetime) -> None:
    """Forget sessions nobody can resume any more (idle too long, or past their end)."""
    execute(cur, "DELETE FROM user_sessions WHERE last_seen < ? OR expires_at <= ?", [idle_before, now])
