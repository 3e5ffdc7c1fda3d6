"""Storage: the DuckDB connection, migrations and every SQL statement of the project."""

from oto_match.storage.db import Database, migrate, open_database

__all__ = ["Database", "migrate", "open_database"]
