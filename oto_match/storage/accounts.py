"""SQL for sign-in: user accounts, sign-in attempts and midlertidig adgang (migration 0007)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from oto_match.access import TemporaryAccess
from oto_match.storage.rows import Cursor, execute, fetch_all, fetch_one

ACCOUNT_COLUMNS = (
    "username", "staff_id", "role", "password_hash", "must_change_password", "disabled", "created_at", "created_by",
    "password_changed_at", "oidc_subject", "email",
)  # fmt: skip
GRANT_COLUMNS = ("grant_id", "staff_id", "citizen_id", "reason", "granted_by", "starts_at", "ends_at")
# Attempts that count towards a lock (attempts while locked, or with the right password on a disabled account, do not).
FAILED_OUTCOMES = ("wrong_password", "unknown_user")


@dataclass(frozen=True)
class Account:
    username: str
    staff_id: str
    role: str
    password_hash: str | None
    must_change_password: bool
    disabled: bool
    created_at: datetime
    created_by: str
    password_changed_at: datetime | None = None
    oidc_subject: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class AccountListing:
    """An account with its staff member, as the user list shows it."""

    username: str
    staff_id: str
    name: str
    team_id: str
    role: str
    disabled: bool
    must_change_password: bool
    created_at: datetime
    email: str | None = None
    last_sign_in: datetime | None = None
    created_by: str = ""


def insert_accounts(cur: Cursor, accounts: Sequence[Account]) -> None:
    placeholders = ", ".join("?" for _ in ACCOUNT_COLUMNS)
    sql = f"INSERT INTO user_accounts ({', '.join(ACCOUNT_COLUMNS)}) VALUES ({placeholders})"
    for account in accounts:
        execute(cur, sql, [getattr(account, c) for c in ACCOUNT_COLUMNS])


def get_account(cur: Cursor, username: str) -> Account | None:
    return fetch_one(cur, Account, "SELECT * FROM user_accounts WHERE username = ?", [username])


def account_for_staff(cur: Cursor, staff_id: str) -> Account | None:
    return fetch_one(cur, Account, "SELECT * FROM user_accounts WHERE staff_id = ?", [staff_id])


def account_for_identity(cur: Cursor, identity: str) -> Account | None:
    """The account whose single sign-on subject is `identity`, else whose e-mail is (any casing)."""
    sql = (
        "SELECT * FROM user_accounts WHERE oidc_subject = ? OR email = lower(?) ORDER BY oidc_subject = ? DESC LIMIT 1"
    )
    return fetch_one(cur, Account, sql, [identity, identity, identity])


def usernames(cur: Cursor) -> set[str]:
    return {str(r[0]) for r in execute(cur, "SELECT username FROM user_accounts").fetchall()}


def list_accounts(cur: Cursor) -> list[AccountListing]:
    sql = (
        "SELECT a.username, a.staff_id, s.name, s.team_id, a.role, a.disabled OR NOT s.active AS disabled,"
        " a.must_change_password, a.created_at, a.email, t.last_sign_in, a.created_by"
        " FROM user_accounts a JOIN staff s USING (staff_id)"
        " LEFT JOIN (SELECT username, max(attempted_at) AS last_sign_in FROM sign_in_attempts"
        "            WHERE outcome = 'ok' GROUP BY username) t USING (username)"
        " ORDER BY s.team_id, s.name, a.username"
    )
    return fetch_all(cur, AccountListing, sql)


def set_password(cur: Cursor, username: str, password_hash: str, must_change: bool, at: datetime) -> None:
    execute(
        cur,
        "UPDATE user_accounts SET password_hash = ?, must_change_password = ?, password_changed_at = ?"
        " WHERE username = ?",
        [password_hash, must_change, at, username],
    )


def set_disabled(cur: Cursor, username: str, disabled: bool) -> None:
    execute(cur, "UPDATE user_accounts SET disabled = ? WHERE username = ?", [disabled, username])


def record_attempt(cur: Cursor, username: str, at: datetime, outcome: str) -> None:
    execute(
        cur, "INSERT INTO sign_in_attempts (username, attempted_at, outcome) VALUES (?, ?, ?)", [username, at, outcome]
    )


def failures_since_success(cur: Cursor, username: str, since: datetime) -> list[datetime]:
    """The failed attempts on `username` from `since` on that came after its last successful sign-in."""
    sql = (
        "SELECT attempted_at FROM sign_in_attempts WHERE username = ? AND attempted_at >= ?"
        " AND outcome IN (?, ?)"
        " AND attempted_at > coalesce((SELECT max(attempted_at) FROM sign_in_attempts"
        "                             WHERE username = ? AND outcome = 'ok'), TIMESTAMP '1970-01-01')"
        " ORDER BY attempted_at"
    )
    rows = execute(cur, sql, [username, since, *FAILED_OUTCOMES, username]).fetchall()
    return [r[0] for r in rows]


def insert_grant(cur: Cursor, grant: TemporaryAccess) -> None:
    placeholders = ", ".join("?" for _ in GRANT_COLUMNS)
    execute(
        cur,
        f"INSERT INTO temporary_access ({', '.join(GRANT_COLUMNS)}) VALUES ({placeholders})",
        [getattr(grant, c) for c in GRANT_COLUMNS],
    )


def active_grants(
    cur: Cursor, now: datetime, staff_id: str | None = None, citizen_id: str | None = None
) -> list[TemporaryAccess]:
    """Grants valid at `now`, for one staff member and/or one citizen (None: any), the latest ending first."""
    sql = (
        f"SELECT {', '.join(GRANT_COLUMNS)} FROM temporary_access WHERE starts_at <= ? AND ends_at > ?"
        " AND (CAST(? AS VARCHAR) IS NULL OR staff_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR citizen_id = ?)"
        " ORDER BY ends_at DESC, grant_id"
    )
    return fetch_all(cur, TemporaryAccess, sql, [now, now, staff_id, staff_id, citizen_id, citizen_id])


def grants_for_citizen(cur: Cursor, citizen_id: str) -> list[TemporaryAccess]:
    """Every grant ever given for this citizen (for the citizen's own report), newest first."""
    sql = f"SELECT {', '.join(GRANT_COLUMNS)} FROM temporary_access WHERE citizen_id = ? ORDER BY starts_at DESC"
    return fetch_all(cur, TemporaryAccess, sql, [citizen_id])


def grants_of(cur: Cursor, staff_id: str) -> list[TemporaryAccess]:
    """Every grant a staff member holds or held (what access needs to explain an expired one)."""
    sql = f"SELECT {', '.join(GRANT_COLUMNS)} FROM temporary_access WHERE staff_id = ? ORDER BY ends_at DESC"
    return fetch_all(cur, TemporaryAccess, sql, [staff_id])
