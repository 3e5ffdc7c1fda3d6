from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from oto_match.errors import DatabaseLockedError
from oto_match.storage.db import Database, current_version, lock_message, migrate, migration_files, open_database


def test_migrations_from_empty_create_every_table_and_record_the_version(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.duckdb")
    cur = db.cursor()
    latest = migration_files()[-1][0]
    assert current_version(cur) == latest
    versions = [r[0] for r in cur.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert versions == [v for v, _, _ in migration_files()]
    tables = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"employers", "citizens", "job_openings", "placements", "followups", "visits", "audit_log"} <= tables


def test_migrating_twice_applies_nothing_the_second_time(tmp_path: Path) -> None:
    db = open_database(tmp_path / "again.duckdb")
    assert migrate(db) == []


def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "tx.duckdb")
    with pytest.raises(RuntimeError), db.transaction() as cur:
        cur.execute("INSERT INTO teams VALUES ('x', 'X', 'X')")
        raise RuntimeError("boom")
    assert db.cursor().execute("SELECT count(*) FROM teams WHERE team_id = 'x'").fetchall() == [(0,)]


def test_check_constraints_guard_the_vocabularies(tmp_path: Path) -> None:
    db = open_database(tmp_path / "check.duckdb")
    cur = db.cursor()
    cur.execute("INSERT INTO citizen_keys VALUES ('c1')")
    with pytest.raises(Exception, match="CHECK"):
        cur.execute("INSERT INTO citizens (citizen_id, name, status) VALUES ('c1', 'A', 'retired')")


def test_the_lock_message_names_the_process_and_what_to_do() -> None:
    text = 'IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 4242).'
    message = lock_message("x.duckdb", text)
    assert "4242" in message and "/usr/bin/python3" in message
    assert "--db" in message and "stop" in message


def test_a_database_held_by_another_process_gives_one_clear_sentence(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    open_database(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print('ready', flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLockedError) as caught:
            Database(path)
        message = caught.value.message
        assert f"PID {holder.pid}" in message or str(holder.pid) in message
        assert "\n" not in message and "Traceback" not in message
    finally:
        holder.communicate("", timeout=10)
        time.sleep(0.1)
