"""Shared pieces of the command line: exit codes, the acting user, output, the import runner."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from oto_match.config import db_path_from_env
from oto_match.domain import Staff
from oto_match.errors import ValidationError
from oto_match.storage.db import Database, open_database

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2
Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}
# What `import` and `export` take (importexport.KINDS, named here so the parser is built without loading it).
IMPORT_KINDS = ("teams", "staff", "employers", "contacts", "citizens", "jobs", "visits", "placements", "followups")
EXPORT_ONLY_KINDS = ("candidates", "decisions", "audit")  # importexport.EXPORT_ONLY: exported, never read back
# Commands that act on the whole database rather than through a service with an actor: a leader's with --as.
WHOLE_DATABASE_COMMANDS = frozenset({"init", "demo", "demo-accounts", "restore"})


def command(name: str) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = fn
        return fn

    return register


# The user named by `--as` for this run (None: the system). Set by main() before each command.
_acting: list[Staff | None] = [None]


def act_as(user: Staff | None) -> None:
    _acting[0] = user


def cli_actor() -> Staff:
    """The command line acts as the system (full access), named in the audit log by the OS account; with
    `--as USER` it acts as that user, with that user's rights (access.py)."""
    if _acting[0] is not None:
        return _acting[0]
    return Staff(f"cli:{getpass.getuser()}", f"kommandolinje ({getpass.getuser()})", "", "system")


def resolve_acting_user(args: argparse.Namespace) -> None:
    """`--as USER`: act as that account (refused for an unknown or disabled one); without it, as the system.
    The commands that act on the whole database (init, demo, demo-accounts, restore) need a leader."""
    act_as(None)
    username = getattr(args, "as_user", None)
    if username is None:
        return
    from oto_match import access
    from oto_match.access import Action
    from oto_match.services.accounts import user_for_username

    db = open_db(args)
    try:
        user = user_for_username(db, username)
    finally:
        db.close()
    if args.command in WHOLE_DATABASE_COMMANDS:
        access.require(user, Action.ADMINISTER_USERS)
    act_as(user)


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


def run_import(args: argparse.Namespace, kind: str) -> int:
    from oto_match.importexport import import_file
    from oto_match.services.import_batches import BatchReport

    db = open_db(args)
    try:
        report = import_file(
            db, cli_actor(), kind, Path(args.file), dry_run=args.dry_run, skip_invalid=args.skip_invalid,
            team_id=getattr(args, "team", None),
        )  # fmt: skip
    except ValidationError as e:  # the file as a whole (header) or an option is wrong: nothing is saved
        for field_problem in e.problems:
            print(field_problem, file=sys.stderr)
        print(f"{args.file}: intet er gemt.", file=sys.stderr)
        return EXIT_INVALID
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems and not args.skip_invalid:
        print(f"{len(report.problems)} fejl i {args.file}: intet er gemt.", file=sys.stderr)
        return EXIT_INVALID
    if report.dry_run:
        print(f"{report.rows} rækker kontrolleret, ingen fejl (--dry-run: intet gemt).")
        for line in dry_run_lines(report):
            print(line)
        return EXIT_OK
    counts = report.summary() if isinstance(report, BatchReport) else f"{report.inserted} nye, {report.updated} kendte"
    print(f"{kind}: {counts}, {report.skipped} sprunget over.")
    batch_id = getattr(report, "batch_id", "")
    if batch_id:
        print(f"Indlæsning {batch_id}. Fortryd hele indlæsningen med: oto-match import undo {batch_id}")
    return EXIT_OK


def dry_run_lines(report: Any) -> list[str]:
    """What a dry run would create and change (services/import_batches.BatchReport), field by field."""
    lines = [f"Ville oprette {report.created_total}, ændre {report.changed_total}"
             f" ({report.updated - report.changed_total} uændrede)."]  # fmt: skip
    if report.created_labels:
        more = report.created_total - len(report.created_labels)
        lines.append("Oprettes: " + ", ".join(report.created_labels) + (f" … og {more} til" if more > 0 else ""))
    for update in report.updates:
        lines.append(f"Ændres: {update.label}")
        lines += [f"  {change}" for change in update.changes]
    if report.changed_total > len(report.updates):
        lines.append(f"… og {report.changed_total - len(report.updates)} ændringer til.")
    return lines


def import_command(sub: Any, kind: str, help_text: str, import_help: str) -> None:
    """`oto-match KIND import FILE`: the kinds with a command of their own."""
    p = sub.add_parser(kind, help=help_text)
    kind_sub = p.add_subparsers(dest=f"{kind}_command", required=True)
    add_import_options(kind_sub.add_parser("import", help=import_help))
    command(kind)(lambda args: run_import(args, kind))


def add_import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="CSV-fil (UTF-8, komma, overskriftslinje)")
    p.add_argument("--dry-run", action="store_true", help="kontrollér kun; gem intet")
    p.add_argument("--skip-invalid", action="store_true", help="gem de gyldige rækker, spring de ugyldige over")
