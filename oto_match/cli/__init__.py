"""`oto-match`: a thin command line over the services, split by area. Errors become one clear message."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from oto_match.cli import admin, data, employers, followups, gdpr, matching, operations
from oto_match.cli.common import COMMANDS, EXIT_ERROR, EXIT_INVALID, resolve_acting_user
from oto_match.errors import OtoMatchError, ValidationError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="oto-match", description="OTO Match: job-match og virksomhedssamarbejde")
    parser.add_argument("--db", help="databasefil (standard: $OTO_DB eller data/oto.duckdb)")
    parser.add_argument("--as", dest="as_user", metavar="BRUGER",
                        help="handl som denne bruger med brugerens rettigheder (standard: systemet)")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    for area in (data, employers, matching, followups, admin, operations, gdpr):
        area.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo" and (args.citizens < 0 or args.employers < 1):
        print("--citizens skal være mindst 0 og --employers mindst 1", file=sys.stderr)
        return EXIT_INVALID
    try:
        resolve_acting_user(args)
    except OtoMatchError as e:  # an unknown or disabled user, or one without the right for this command
        print(f"Fejl: --as {args.as_user}: {e.message}", file=sys.stderr)
        return EXIT_INVALID
    try:
        return COMMANDS[args.command](args)
    except ValidationError as e:  # what was given is wrong: exit 2, as for a bad file
        print(f"Fejl: {e.message}", file=sys.stderr)
        return EXIT_INVALID
    except OtoMatchError as e:
        print(f"Fejl: {e.message}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader stopped early (`| head`): no traceback, and none at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
