"""The DuckDB connection, transactions and migrations.

One connection per process (DuckDB allows one process to hold a file for writing); each
thread works through its own cursor, as DuckDB requires. Every duckdb.Error leaving this
package is re-raised as a StorageError (or DatabaseLockedError) with `from e`.
"""

from __future__ import annotations

import importlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path

import duckdb

from oto_match.errors import DatabaseBusyError, DatabaseLockedError, StorageError
from oto_match.storage.rows import BUSY_MESSAGE, begin_tracking, is_write_conflict, wrote_ranking_input

# What a migration's SQL cannot do (text parsed by the Python rules), run in the migration's transaction right
# after its SQL: version -> "module:function" taking the cursor.
PYTHON_STEPS = {5: "oto_match.storage.citizens:fill_availability", 9: "oto_match.storage.citizens:fill_masks"}
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.+?) \(PID (?P<pid>\d+)\)")


def lock_message(path: Path | str, error_text: str) -> str:
    """One sentence: which process holds the database file and what to do about it."""
    m = _LOCK_HOLDER.search(error_text)
    holder = f"proces {m.group('pid')} ({m.group('exe')})" if m else "en anden proces"
    return (
        f"Databasen {path} er i brug af {holder}: stop den (fx den kørende app med Ctrl+C) "
        f"eller brug en anden databasefil med --db eller OTO_DB."
    )


class Database:
    """The process's connection to one database file (or ':memory:')."""

    def __init__(self, path: Path | str, read_only: bool = False):
        self.path = str(path)
        new_file = self.path != ":memory:" and not Path(self.path).exists()
        if self.path != ":memory:":
            private_folder(Path(self.path).parent)
        try:
            self._conn = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise DatabaseLockedError(lock_message(self.path, str(e))) from e
            raise StorageError(f"Databasen {self.path} kunne ikke åbnes: {e}") from e
        except duckdb.Error as e:
            raise StorageError(f"Databasen {self.path} kunne ikke åbnes: {e}") from e
        if new_file:  # the database holds health information: readable by its owner only
            for created in (Path(self.path), Path(f"{self.path}.wal")):
                with suppress(FileNotFoundError):
                    os.chmod(created, 0o600)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._units = threading.Lock()  # one unit of work at a time in this process (see transaction)
        self._data_version = 0

    @property
    def data_version(self) -> int:
        """Advances with every committed write to citizens, their availability, employers or job openings.

        Only this process can write the file (DuckDB holds it for one process), so a counter in the
        process is exact: a cache of ranking inputs keyed by it is never stale.
        """
        return self._data_version

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the shared connection."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                cur = self._conn.cursor()
            self._local.cursor = cur
        return cur

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A unit of work: everything inside commits together or not at all.

        Units of work run one at a time in the process (the app serves every session from one process, and
        only one process can hold the file). DuckDB would otherwise let two overlapping units that touch the
        same rows — two people saving one citizen, or any two writers appending to the audit chain — both
        run and then abort one at commit; taken in turn, the second simply sees the first's commit (and a
        versioned save then says who changed what). Units are short; a long read that writes nothing can
        use `snapshot()` instead and does not wait.
        """
        if not self._units.acquire(timeout=UNIT_WAIT_SECONDS):
            raise DatabaseBusyError("Databasen er optaget af en anden handling lige nu. Intet er gemt: prøv igen.")
        try:
            with self._unit() as cur:
                yield cur
        finally:
            self._units.release()

    @contextmanager
    def snapshot(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read of one consistent state that writes nothing and waits for no unit of work."""
        cur = self.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
        except duckdb.Error as e:
            raise StorageError("Databasen kunne ikke læses lige nu; prøv igen.") from e
        try:
            yield cur
        finally:
            _rollback_quietly(cur)

    @contextmanager
    def _unit(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.cursor()
        begin_tracking()
        try:
            cur.execute("BEGIN TRANSACTION")
        except duckdb.Error as e:
            raise StorageError("Kunne ikke starte en transaktion; prøv igen.") from e
        try:
            yield cur
        except BaseException:
            _rollback_quietly(cur)
            raise
        try:
            cur.execute("COMMIT")
        except duckdb.Error as e:
            _rollback_quietly(cur)
            if is_write_conflict(e):
                raise DatabaseBusyError(BUSY_MESSAGE) from e
            raise StorageError("Ændringen kunne ikke gemmes; intet er gemt. Prøv igen.") from e
        if wrote_ranking_input():
            with self._lock:
                self._data_version += 1

    def close(self) -> None:
        self._conn.close()


# How long a unit of work waits for the one before it before saying "try again".
UNIT_WAIT_SECONDS = 30


def private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) readable by the owner only (0o700); an existing folder is left as is."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    for created in missing:
        with suppress(OSError):
            os.chmod(created, 0o700)


def _rollback_quietly(cur: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is open; a transaction DuckDB already aborted has nothing left to undo."""
    with suppress(duckdb.Error):
        cur.execute("ROLLBACK")


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration, in order."""
    found = []
    folder = resources.files("oto_match.storage").joinpath("migrations")
    for entry in folder.iterdir():
        m = re.fullmatch(r"(\d{4})_(.+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def current_version(cur: duckdb.DuckDBPyConnection) -> int:
    exists = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchall()[0]
    if not exists or not exists[0]:
        return 0
    row = cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0]
    return int(row[0]) if row else 0


def migrate(db: Database) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    cur = db.cursor()
    try:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
    except duckdb.Error as e:
        raise StorageError(f"Kunne ikke oprette schema_version: {e}") from e
    applied: list[int] = []
    done = {int(r[0]) for r in cur.execute("SELECT version FROM schema_version").fetchall()}
    for version, name, sql in migration_files():
        if version in done:  # by number, not by the highest: a migration numbered below one applied still runs
            continue
        try:
            with db.transaction() as tx:
                tx.execute(sql)
                if version in PYTHON_STEPS:
                    module, _, function = PYTHON_STEPS[version].partition(":")
                    getattr(importlib.import_module(module), function)(tx)
                tx.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
        except duckdb.Error as e:
            raise StorageError(f"Migration {version:04d}_{name} fejlede: {e}") from e
        applied.append(version)
    return applied


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at `path`."""
    db = Database(path)
    migrate(db)
    return db
