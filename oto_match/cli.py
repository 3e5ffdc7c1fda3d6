"""`oto-match`: a thin command line over the services. Errors become one clear message."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from oto_match import demo
from oto_match.config import db_path_from_env
from oto_match.domain import Staff
from oto_match.errors import OtoMatchError
from oto_match.importexport import KINDS, export_file, import_file
from oto_match.services.setup import init_database, load_demo
from oto_match.storage.db import Database, open_database

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2
Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = fn
        return fn

    return register


def cli_actor() -> Staff:
    """The command line acts as a system user, named in the audit log by the OS account."""
    return Staff(f"cli:{getpass.getuser()}", f"kommandolinje ({getpass.getuser()})", "", "system")


def db_path(args: argparse.Namespace) -> Path:
    return db_path_from_env(args.db)


def open_db(args: argparse.Namespace) -> Database:
    return open_database(db_path(args))


def emit(args: argparse.Namespace, payload: object, text_lines: Sequence[str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        for line in text_lines:
            print(line)


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


def run_import(args: argparse.Namespace, kind: str) -> int:
    db = open_db(args)
    report = import_file(db, cli_actor(), kind, Path(args.file), dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems and not args.skip_invalid:
        print(f"{len(report.problems)} fejl i {args.file}: intet er gemt.", file=sys.stderr)
        return EXIT_INVALID
    if report.dry_run:
        print(f"{report.rows} rækker kontrolleret, ingen fejl (--dry-run: intet gemt).")
        return EXIT_OK
    print(f"{kind}: {report.inserted} nye, {report.updated} opdateret, {report.skipped} sprunget over.")
    return EXIT_OK


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    return run_import(args, args.kind)


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    count = export_file(open_db(args), cli_actor(), args.kind, Path(args.file))
    print(f"{count} {args.kind} skrevet til {args.file}.")
    return EXIT_OK


def _add_import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="CSV-fil (UTF-8, komma, overskriftslinje)")
    p.add_argument("--dry-run", action="store_true", help="kontrollér kun; gem intet")
    p.add_argument("--skip-invalid", action="store_true", help="gem de gyldige rækker, spring de ugyldige over")


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
    _add_import_options(p)
    p.add_argument("--team", help="citizens: læg nye borgere i dette team (gellerup, viby, tilst)")
    p = sub.add_parser("export", help="eksportér til en CSV-fil")
    p.add_argument("kind", choices=list(KINDS))
    p.add_argument("file")
    from oto_match import cli_more

    cli_more.add_commands(sub, command, _add_import_options)
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


if __name__ == "__main__":
    sys.exit(main())
