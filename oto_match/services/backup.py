"""Backups: a consistent copy of the database with a manifest, and a restore that checks it.

`backup(db, actor, folder)` writes `oto-backup.duckdb` (a snapshot, readable by its owner only) and
`manifest.json` (when, by whom, the schema version, rows per table and the file's SHA-256) into a new or empty
folder. `restore(target, folder)` checks the file against the manifest, refuses to write over a database that
holds data, copies the file into place and checks the row counts again. Both can run while the app runs: the
snapshot is taken inside one read transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from oto_match import access
from oto_match.access import Action
from oto_match.domain import Staff
from oto_match.errors import OtoMatchError, ValidationError
from oto_match.storage import audit
from oto_match.storage import backup as backup_sql
from oto_match.storage.db import Database, current_version

BACKUP_FILE = "oto-backup.duckdb"
MANIFEST_FILE = "manifest.json"
# Tables whose rows mean "this database is in use": restoring over them is refused.
CONTENT_TABLES = ("staff", "employers", "citizens")


@dataclass(frozen=True)
class Manifest:
    created_at: str
    created_by: str
    schema_version: int
    file: str
    sha256: str
    rows: dict[str, int]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _empty_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ValidationError.single("folder", f"{folder} er en fil, ikke en mappe")
    if folder.exists() and any(folder.iterdir()):
        raise ValidationError.single("folder", f"{folder} er ikke tom; vælg en ny mappe til sikkerhedskopien")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as e:
        raise OtoMatchError(f"Mappen {folder} kan ikke oprettes: {e.strerror}") from e


def backup(db: Database, actor: Staff, folder: Path) -> Manifest:
    """Write a snapshot and its manifest into `folder` (new or empty); audited as a backup. Only a leader (or the
    system) may: a backup holds every citizen of every team."""
    access.require(actor, Action.ADMINISTER_USERS)
    _empty_folder(folder)
    target = folder / BACKUP_FILE
    with db.transaction() as cur:
        counts = backup_sql.row_counts(cur)
        version = current_version(cur)
        backup_sql.copy_database_to(cur, target)
    os.chmod(target, 0o600)
    manifest = Manifest(datetime.now().isoformat(timespec="seconds"), actor.staff_id, version, BACKUP_FILE,
                        sha256_of(target), counts)  # fmt: skip
    try:
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(manifest), indent=2, ensure_ascii=False), "utf-8")
    except OSError as e:
        raise OtoMatchError(f"Manifestet kunne ikke skrives i {folder}: {e.strerror}") from e
    with db.transaction() as cur:
        audit.log(cur, actor.staff_id, "backup", "database", "*", f"{folder} ({sum(counts.values())} rækker)")
    return manifest


def read_manifest(folder: Path) -> Manifest:
    try:
        raw = json.loads((folder / MANIFEST_FILE).read_text("utf-8"))
        return Manifest(**raw)
    except FileNotFoundError as e:
        raise ValidationError.single("folder", f"{folder} har ingen {MANIFEST_FILE}: er det en sikkerhedskopi?") from e
    except (ValueError, TypeError) as e:
        raise ValidationError.single("folder", f"{MANIFEST_FILE} i {folder} kan ikke læses") from e


def _refuse_non_empty(target: Path) -> None:
    if not target.exists():
        return
    probe = Database(target, read_only=True)
    try:
        with probe.transaction() as cur:
            tables = set(backup_sql.table_names(cur))
            counts = {t: n for t, n in backup_sql.row_counts(cur).items() if t in CONTENT_TABLES and t in tables}
    finally:
        probe.close()
    if any(counts.values()):
        raise ValidationError.single(
            "db", f"{target} har allerede data; en sikkerhedskopi lægges kun ind i en tom database (brug en ny fil)"
        )


def restore(target: Path, folder: Path) -> Manifest:
    """Restore the backup in `folder` into `target` (a new file or an empty database), checking the manifest."""
    manifest = read_manifest(folder)
    source = folder / manifest.file
    if not source.exists():
        raise ValidationError.single("folder", f"{source} mangler")
    if sha256_of(source) != manifest.sha256:
        raise OtoMatchError(f"{source} stemmer ikke med manifestets SHA-256: filen er ændret eller beskadiget")
    _refuse_non_empty(target)
    target.unlink(missing_ok=True)
    Path(f"{target}.wal").unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    restored = Database(target)
    try:
        with restored.transaction() as cur:
            counts = backup_sql.row_counts(cur)
    finally:
        restored.close()
    if counts != manifest.rows:
        target.unlink(missing_ok=True)
        raise OtoMatchError("Den gendannede database har ikke de rækker, manifestet lover; intet er gendannet")
    return manifest
