"""Settings, read from the environment in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "oto.duckdb"
# The longest trip (minutes each way) matching accepts for anyone, whatever their own limit (travel.py).
DEFAULT_MAX_TRIP_MIN = 90


def db_path_from_env(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: an explicit override (CLI --db), else $OTO_DB, else data/oto.duckdb."""
    if override:
        return Path(override)
    env = os.environ.get("OTO_DB")
    if env:
        return Path(env)
    return DEFAULT_DB_PATH


def max_trip_minutes(env: dict[str, str] | None = None) -> int:
    """The travel ceiling in minutes each way: $OTO_MAX_TRIP_MIN (a whole number of minutes, at least 1), else 90."""
    raw = (os.environ if env is None else env).get("OTO_MAX_TRIP_MIN", "").strip()
    if not raw:
        return DEFAULT_MAX_TRIP_MIN
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"OTO_MAX_TRIP_MIN skal være et helt antal minutter, ikke '{raw}'")
    return int(raw)


# Sign-in and sessions (access.py, services/accounts.py): a session ends after this many minutes without activity;
# an account is locked for a while after this many failed sign-ins in a row within the window.
DEFAULT_SESSION_TIMEOUT_MIN = 30
DEFAULT_SIGNIN_MAX_FAILURES = 5
DEFAULT_SIGNIN_WINDOW_MIN = 15
DEFAULT_TEMP_ACCESS_HOURS = 8


def _whole_number(name: str, default: int, env: dict[str, str] | None, low: int = 1, high: int = 100_000) -> int:
    raw = (os.environ if env is None else env).get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValueError(f"{name} skal være et helt tal mellem {low} og {high}, ikke '{raw}'")
    return int(raw)


def session_timeout_minutes(env: dict[str, str] | None = None) -> int:
    """Minutes without activity before a signed-in session ends: $OTO_SESSION_TIMEOUT_MIN, else 30."""
    return _whole_number("OTO_SESSION_TIMEOUT_MIN", DEFAULT_SESSION_TIMEOUT_MIN, env)


def sign_in_limits(env: dict[str, str] | None = None) -> tuple[int, int]:
    """(failed sign-ins allowed, window in minutes): $OTO_SIGNIN_MAX_FAILURES (5) within $OTO_SIGNIN_WINDOW_MIN (15)."""
    return (
        _whole_number("OTO_SIGNIN_MAX_FAILURES", DEFAULT_SIGNIN_MAX_FAILURES, env),
        _whole_number("OTO_SIGNIN_WINDOW_MIN", DEFAULT_SIGNIN_WINDOW_MIN, env),
    )


def temporary_access_hours(env: dict[str, str] | None = None) -> int:
    """How long midlertidig adgang lasts unless the grant says otherwise: $OTO_TEMP_ACCESS_HOURS (1-24), else 8."""
    return _whole_number("OTO_TEMP_ACCESS_HOURS", DEFAULT_TEMP_ACCESS_HOURS, env, high=24)


def backup_root(env: dict[str, str] | None = None) -> Path:
    """Where the leader's page puts backups (each in a new dated folder): $OTO_BACKUP_DIR, else data/backups/."""
    raw = (os.environ if env is None else env).get("OTO_BACKUP_DIR", "").strip()
    return Path(raw) if raw else PROJECT_ROOT / "data" / "backups"
