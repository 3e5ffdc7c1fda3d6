"""Settings, read from the environment in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "oto.duckdb"


@dataclass(frozen=True)
class Settings:
    db_path: Path


def db_path_from_env(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: an explicit override (CLI --db), else $OTO_DB, else data/oto.duckdb."""
    if override:
        return Path(override)
    env = os.environ.get("OTO_DB")
    if env:
        return Path(env)
    return DEFAULT_DB_PATH


def load_settings(db_override: str | os.PathLike[str] | None = None) -> Settings:
    return Settings(db_path=db_path_from_env(db_override))
