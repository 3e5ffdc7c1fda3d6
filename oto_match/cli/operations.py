"""CLI: drift — back up the database and restore a backup."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from oto_match.cli.common import EXIT_OK, cli_actor, command, db_path, open_db


def add_commands(sub: Any) -> None:
    """backup, restore."""
    p = sub.add_parser("backup", help="skriv en sikkerhedskopi (øjebliksbillede + manifest) i en ny eller tom mappe")
    p.add_argument("folder")
    command("backup")(cmd_backup)
    p = sub.add_parser("restore", help="gendan en sikkerhedskopi i en ny eller tom database (--db)")
    p.add_argument("folder")
    command("restore")(cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from oto_match.services.backup import backup

    manifest = backup(open_db(args), cli_actor(), Path(args.folder))
    total = sum(manifest.rows.values())
    print(f"Sikkerhedskopi skrevet i {args.folder}: {total} rækker i {len(manifest.rows)} tabeller, "
          f"SHA-256 {manifest.sha256[:16]}…")  # fmt: skip
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from oto_match.services.backup import restore

    manifest = restore(db_path(args), Path(args.folder))
    print(f"Gendannet i {db_path(args)}: {sum(manifest.rows.values())} rækker fra {manifest.created_at}; "
          "rækkeantal og SHA-256 stemmer med manifestet.")
    return EXIT_OK
