"""`oto-match`: a thin command line over the services. Errors become one clear message."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from oto_match import cli_more, demo
from oto_match.cli_common import (
    COMMANDS,
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_OK,
    add_import_options,
    cli_actor,
    command,
    db_path,
    open_db,
    run_import,
)
from oto_match.errors import OtoMatchError
from oto_match.importexport import KINDS, export_file
from oto_match.services.setup import init_database, load_demo
from oto_match.storage.db import Database, open_database


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="oto-match", description="OTO Match: job-match og virksomhedssamarbejde")
    parser.add_argument("--db", help="databasefil (standard: $OTO_DB eller data/oto.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True)
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
    cli_more.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo" and (args.citizens < 0 or args.employers < 1):
        print("--citizens skal være mindst 0 og --employers mindst 1", file=sys.stderr)
        return EXIT_INVALID
    try:
        return COMMANDS[args.command](args)
    except OtoMatchError as e:
        print(f"Fejl: {e.message}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader stopped early (`| head`): no traceback, and none at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
