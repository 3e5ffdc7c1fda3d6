"""CLI: the database and its data — init, demo, import (and undo of an import) and export of CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from oto_match.cli.common import (
    EXIT_OK,
    EXPORT_ONLY_KINDS,
    IMPORT_KINDS,
    add_import_options,
    cli_actor,
    command,
    db_path,
    open_db,
    run_import,
)
from oto_match.storage.db import Database, open_database

# The demo's defaults (oto_match.demo holds the same numbers; a test checks they agree).
DEMO_CITIZENS, DEMO_EMPLOYERS, DEMO_SEED = 75, 60, 2026


def add_commands(sub: Any) -> None:
    """init, demo, import, export."""
    p = sub.add_parser("init", help="opret/migrér databasen")
    p.add_argument("--demo", action="store_true", help="fyld en tom database med demodata")
    p = sub.add_parser("demo", help="generér demodata (også i national skala)")
    p.add_argument("--citizens", type=int, default=DEMO_CITIZENS)
    p.add_argument("--employers", type=int, default=DEMO_EMPLOYERS)
    p.add_argument("--seed", type=int, default=DEMO_SEED)
    p.add_argument("--replace", action="store_true", help="slet den eksisterende databasefil først")
    sub.add_parser("demo-accounts", help="kun demo: opret demobrugerne (adgangskode demo-<brugernavn>) og vis dem")
    p = sub.add_parser("import", help="importér en CSV-fil (en indlæsning, der kan fortrydes), eller fortryd en")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="{TYPE,undo,list}")
    for kind in IMPORT_KINDS:
        k = kinds.add_parser(kind, help=f"importér {kind}.csv")
        add_import_options(k)
        k.add_argument("--team", help="citizens: læg nye borgere i dette team (gellerup, viby, tilst)")
    u = kinds.add_parser("undo", help="leder: fortryd en hel indlæsning (det oprettede fjernes, det ændrede gendannes)")
    u.add_argument("batch", metavar="INDLÆSNING", help="indlæsningens id, fx IMP-0001 (se 'import list')")
    kinds.add_parser("list", help="leder: de seneste indlæsninger")
    p = sub.add_parser("export", help="eksportér til en CSV-fil")
    p.add_argument("kind", choices=(*IMPORT_KINDS, *EXPORT_ONLY_KINDS))
    p.add_argument("file")


@command("init")
def cmd_init(args: argparse.Namespace) -> int:
    from oto_match.services.setup import init_database
    db, counts = init_database(db_path(args), demo=args.demo)
    db.close()
    if counts:
        print(f"Database klar: {db_path(args)} med demodata ({', '.join(f'{k}: {v}' for k, v in counts.items())}).")
    else:
        print(f"Database klar: {db_path(args)}.")
    return EXIT_OK


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    from oto_match.services.setup import load_demo
    path = db_path(args)
    if args.replace and path.exists():
        db = Database(path)  # fails with a clear message if another process holds the file
        db.close()
        path.unlink()
        Path(f"{path}.wal").unlink(missing_ok=True)
    from oto_match import demo

    data = demo.generate(seed=args.seed, citizens=args.citizens, employers=args.employers)
    db = open_database(path)
    counts = load_demo(db, data)
    db.close()
    print(f"Demodata genereret i {path}: " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    return EXIT_OK


@command("demo-accounts")
def cmd_demo_accounts(args: argparse.Namespace) -> int:
    """Demo only: accounts for the demo staff with known passwords, printed for `make run`. A database whose staff
    are not the demo's gets none (a real deployment never has a known password)."""
    from oto_match import demo
    from oto_match.services import accounts
    from oto_match.services import staff as staff_service

    db = open_db(args)
    try:
        have = {(s.staff_id, s.name) for s in staff_service.list_staff(db)}
        if not have or not {(s.staff_id, s.name) for s in demo.generate(citizens=0, employers=1).staff} <= have:
            print("Databasen er ikke demodatabasen: ingen demobrugere. Opret brugere med 'oto-match users add'.")
            return EXIT_OK
        for line in accounts.demo_account_lines(accounts.create_demo_accounts(db)):
            print(line)
    finally:
        db.close()
    return EXIT_OK


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    if args.kind == "undo":
        return _undo(args)
    if args.kind == "list":
        return _list_batches(args)
    return run_import(args, args.kind)


def _undo(args: argparse.Namespace) -> int:
    from oto_match.services.import_batches import undo_batch

    db = open_db(args)
    try:
        done = undo_batch(db, cli_actor(), args.batch)
    finally:
        db.close()
    print(f"Indlæsningen {done.batch_id} er fortrudt: {done.removed} rækker fjernet, {done.restored} gendannet.")
    return EXIT_OK


def _list_batches(args: argparse.Namespace) -> int:
    from oto_match.services.import_batches import list_batches

    db = open_db(args)
    try:
        lines = list_batches(db, cli_actor())
    finally:
        db.close()
    if not lines:
        print("Ingen indlæsninger endnu.")
    for line in lines:
        b = line.batch
        undone = f"; fortrudt af {line.undone_by} {b.undone_at:%d-%m-%Y %H:%M}" if b.undone_at else ""
        print(f"{b.batch_id}  {b.created_at:%d-%m-%Y %H:%M}  {line.kind_label}  {b.file_name}: {b.created_count} nye,"
              f" {b.updated_count} ændret, af {line.who}{undone}")  # fmt: skip
    return EXIT_OK


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    from oto_match.importexport import export_file
    count = export_file(open_db(args), cli_actor(), args.kind, Path(args.file))
    print(f"{count} {args.kind} skrevet til {args.file}.")
    return EXIT_OK
