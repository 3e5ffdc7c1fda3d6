"""Backups: a consistent copy with a manifest, restored only into an empty database, identical afterwards."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from oto_match.cli import main
from oto_match.errors import OtoMatchError, ValidationError
from oto_match.importexport import KINDS, export_text
from oto_match.services.backup import BACKUP_FILE, MANIFEST_FILE, backup, restore
from oto_match.storage import backup as backup_sql
from oto_match.storage.db import Database, open_database


def _all_tables(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.transaction() as cur:
        return {name: backup_sql.table_contents(cur, name) for name in backup_sql.table_names(cur)}


def test_a_restored_backup_holds_every_row_of_every_table_and_gives_identical_exports(
    demo_path: Path, tmp_path: Path
) -> None:
    from oto_match.cli.common import cli_actor

    source = Database(shutil.copy(demo_path, tmp_path / "source.duckdb"))
    before = _all_tables(source)
    manifest = backup(source, cli_actor(), tmp_path / "kopi")
    assert (tmp_path / "kopi" / BACKUP_FILE).stat().st_mode & 0o077 == 0  # readable by its owner only
    stored = json.loads((tmp_path / "kopi" / MANIFEST_FILE).read_text("utf-8"))
    assert stored["sha256"] == manifest.sha256 and stored["rows"]["citizens"] == 75
    exports = {kind: export_text(source, cli_actor(), kind)[0] for kind in KINDS}
    source.close()

    restore(tmp_path / "restored.duckdb", tmp_path / "kopi")
    restored = open_database(tmp_path / "restored.duckdb")
    after = _all_tables(restored)
    assert after == before  # every row of every table, the audit log included, as it was at the backup
    assert {kind: export_text(restored, cli_actor(), kind)[0] for kind in KINDS} == exports
    restored.close()


def test_restoring_over_a_database_with_data_is_refused_and_it_is_left_as_it_was(
    demo_path: Path, tmp_path: Path
) -> None:
    from oto_match.cli.common import cli_actor

    source = Database(shutil.copy(demo_path, tmp_path / "source.duckdb"))
    backup(source, cli_actor(), tmp_path / "kopi")
    source.close()
    in_use = shutil.copy(demo_path, tmp_path / "in_use.duckdb")
    size = os.path.getsize(in_use)
    with pytest.raises(ValidationError, match="har allerede data"):
        restore(Path(in_use), tmp_path / "kopi")
    assert os.path.getsize(in_use) == size


def test_a_changed_backup_file_is_refused_by_its_checksum(demo_path: Path, tmp_path: Path) -> None:
    from oto_match.cli.common import cli_actor

    source = Database(shutil.copy(demo_path, tmp_path / "source.duckdb"))
    backup(source, cli_actor(), tmp_path / "kopi")
    source.close()
    with (tmp_path / "kopi" / BACKUP_FILE).open("r+b") as f:
        f.seek(5000)
        f.write(b"\x00\xff")
    with pytest.raises(OtoMatchError, match="SHA-256"):
        restore(tmp_path / "new.duckdb", tmp_path / "kopi")
    assert not (tmp_path / "new.duckdb").exists()


def test_a_backup_goes_only_into_a_new_or_empty_folder(db: Database, tmp_path: Path) -> None:
    from oto_match.cli.common import cli_actor

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(ValidationError, match="ikke tom"):
        backup(db, cli_actor(), tmp_path / "full")


def test_the_command_line_backs_up_and_restores(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(shutil.copy(demo_path, tmp_path / "source.duckdb"))
    assert main(["--db", source, "backup", str(tmp_path / "kopi")]) == 0
    assert main(["--db", str(tmp_path / "new.duckdb"), "restore", str(tmp_path / "kopi")]) == 0
    assert "stemmer med manifestet" in capsys.readouterr().out
    assert main(["--db", source, "restore", str(tmp_path / "kopi")]) == 2
    assert "har allerede data" in capsys.readouterr().err
