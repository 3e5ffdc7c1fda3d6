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
