"""CLI: the database and its data — init, demo, import and export of CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from oto_match import demo
from oto_match.cli.common import EXIT_OK, add_import_options, cli_actor, command, db_path, open_db, run_import
from oto_match.importexport import KINDS, export_file
from oto_match.services.setup import init_database, load_demo
from oto_match.storage.db import Database, open_database


def add_commands(sub: Any) -> None:
    """init, demo, import, export."""
    p = sub.add_parser("init", help="opret/migrér databasen")
    p.add_argument("--demo", action="store_true", help="fyld en tom database med demodata")
    p = sub.add_parser("demo", help="generér demodata (også i national skala)")
    p.add_argument("--citizens", type=int, default=demo.DEFAULT_CITIZENS)
    p.add_argument("--employers", type=int, default=demo.DEFAULT_EMPLOYERS)
    p.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)
    p.add_argument("--replace", action="store_true", help="slet den eksisterende databasefil først")
    p = sub.add_parser("import", help="importér en CSV-fil")
    p.add_argument("kind", choices=list(KINDS))
    add_import_options(p)
    p.add_argument("--team", help="citizens: læg nye borgere i dette team (gellerup, viby, tilst)")
    p = sub.add_parser("export", help="eksportér til en CSV-fil")
    p.add_argument("kind", choices=list(KINDS))
    p.add_argument("file")


@command("init")
def cmd_init(args: argparse.Namespace) -> int:
    db, counts = init_database(db_path(args), demo=args.demo)
    db.close()
    if counts:
        print(f"Database klar: {db_path(args)} med demodata ({', '.join(f'{k}: {v}' for k, v in counts.items())}).")
    else:
        print(f"Database klar: {db_path(args)}.")
    return EXIT_OK


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    path = db_path(args)
    if args.replace and path.exists():
        db = Database(path)  # fails with a clear message if another process holds the file
        db.close()
        path.unlink()
        Path(f"{path}.wal").unlink(missing_ok=True)
    data = demo.generate(seed=args.seed, citizens=args.citizens, employers=args.employers)
    db = open_database(path)
    counts = load_demo(db, data)
    db.close()
    print(f"Demodata genereret i {path}: " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    return EXIT_OK


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    return run_import(args, args.kind)


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    count = export_file(open_db(args), cli_actor(), args.kind, Path(args.file))
    print(f"{count} {args.kind} skrevet til {args.file}.")
    return EXIT_OK
