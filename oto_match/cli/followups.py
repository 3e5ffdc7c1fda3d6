"""CLI: fastholdelse — open follow-ups and the placements import."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from oto_match.cli.common import EXIT_OK, cli_actor, command, emit, import_command, open_db
from oto_match.errors import OtoMatchError
from oto_match.storage.db import Database


def add_commands(sub: Any) -> None:
    """followups, placements import."""
    p = sub.add_parser("followups", help="åbne opfølgninger, forfaldne først")
    p.add_argument("--due-by", type=date.fromisoformat, help="kun dem med frist til og med DATO (ÅÅÅÅ-MM-DD)")
    p.add_argument("--consultant", help="kun forløb hvor denne medarbejder (navn eller id) er i makkerparret")
    p.add_argument("--json", action="store_true")
    command("followups")(cmd_followups)

    import_command(sub, "placements", "forløb", "importér placements.csv (nye forløb får en opfølgningsplan)")


def _consultant_id(db: Database, name: str) -> str:
    """The one staff member whose id or name (or part of it) is `name`."""
    from oto_match.services.staff import list_staff
    staff = list_staff(db)
    exact = [s for s in staff if name in (s.staff_id, s.name)]
    partial = [s for s in staff if name.lower() in s.name.lower()]
    found = exact or partial
    if len(found) != 1:
        names = ", ".join(f"{s.name} ({s.staff_id})" for s in found) or "ingen"
        raise OtoMatchError(f"--consultant '{name}' skal pege på præcis én medarbejder; fandt: {names}")
    return found[0].staff_id


def cmd_followups(args: argparse.Namespace) -> int:
    from oto_match.services.followups import due_followups
    db = open_db(args)
    staff_id = _consultant_id(db, args.consultant) if args.consultant else None
    items = due_followups(db, cli_actor(), date.today(), due_by=args.due_by, staff_id=staff_id)
    payload = {"followups": [
        {"followup_id": f.followup_id, "placement_id": f.placement_id, "citizen_id": f.citizen_id,
         "employer_id": f.employer_id, "due_date": f.due_date.isoformat(), "with": f.with_whom, "overdue": f.overdue}
        for f in items
    ]}  # fmt: skip
    lines = [
        f"{'FORFALDEN ' if f.overdue else ''}{f.due_date.isoformat()}  {f.followup_id:<24} {f.citizen_id:<10} "
        f"{f.employer_id:<10} {f.with_whom}"
        for f in items
    ] or ["Ingen åbne opfølgninger."]
    emit(args, payload, lines)
    return EXIT_OK
