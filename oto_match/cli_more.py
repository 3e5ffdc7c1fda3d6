"""CLI commands of the feature areas: employers, matching, follow-ups."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from oto_match import stages
from oto_match.cli_common import (
    EXIT_INVALID,
    EXIT_OK,
    add_import_options,
    cli_actor,
    command,
    emit,
    open_db,
    run_import,
)
from oto_match.errors import OtoMatchError
from oto_match.services.employer_dedup import scan
from oto_match.services.employers import employer_rows
from oto_match.services.matching import rank_job
from oto_match.services.placements import due_followups
from oto_match.services.staff import list_staff
from oto_match.storage.db import Database


def add_commands(sub: Any) -> None:
    """Register the feature commands (employers, visits, dedupe, rank, followups, placements) on `sub`."""
    p = sub.add_parser("employers", help="list virksomheder med fase, sidste kontakt og næste skridt")
    p.add_argument("--stage", choices=stages.STAGE_ORDER)
    p.add_argument("--json", action="store_true")
    command("employers")(cmd_employers)

    _import_command(sub, "visits", "besøgslog", "importér visits.csv")

    p = sub.add_parser("dedupe", help="find sandsynlige dubletter (fletter aldrig selv)")
    p.add_argument("what", choices=["employers"])
    p.add_argument("--json", action="store_true")
    command("dedupe")(cmd_dedupe)

    p = sub.add_parser("rank", help="rangér alle aktive borgere til en jobåbning")
    p.add_argument("job_id")
    p.add_argument("--top", type=int, help="kun de N første")
    p.add_argument("--team", help="kun borgere i dette team (standard: alle aktive borgere)")
    p.add_argument("--json", action="store_true")
    command("rank")(cmd_rank)

    p = sub.add_parser("followups", help="åbne opfølgninger, forfaldne først")
    p.add_argument("--due-by", type=date.fromisoformat, help="kun dem med frist til og med DATO (ÅÅÅÅ-MM-DD)")
    p.add_argument("--consultant", help="kun forløb hvor denne medarbejder (navn eller id) er i makkerparret")
    p.add_argument("--json", action="store_true")
    command("followups")(cmd_followups)

    _import_command(sub, "placements", "forløb", "importér placements.csv (nye forløb får en opfølgningsplan)")


def _import_command(sub: Any, kind: str, help_text: str, import_help: str) -> None:
    """`oto-match KIND import FILE`: the kinds with a command of their own."""
    p = sub.add_parser(kind, help=help_text)
    kind_sub = p.add_subparsers(dest=f"{kind}_command", required=True)
    add_import_options(kind_sub.add_parser("import", help=import_help))
    command(kind)(lambda args: run_import(args, kind))


def cmd_employers(args: argparse.Namespace) -> int:
    rows = employer_rows(open_db(args), date.today())
    if args.stage:
        rows = [r for r in rows if r.stage == args.stage]
    payload = [
        {"id": r.employer.employer_id, "name": r.employer.name, "stage": r.stage,
         "last_contact": r.last_contact.isoformat() if r.last_contact else None,
         "next_step_date": r.next_step_date.isoformat() if r.next_step_date else None}
        for r in rows
    ]  # fmt: skip
    lines = [
        f"{p['id']:<14} {p['stage']:<8} {p['last_contact'] or '-':<10} {p['next_step_date'] or '-':<10} {p['name']}"
        for p in payload
    ]
    emit(args, payload, lines or ["Ingen virksomheder."])
    return EXIT_OK


def cmd_dedupe(args: argparse.Namespace) -> int:
    pairs = scan(open_db(args))
    payload = {"pairs": [{"a": p.a, "b": p.b, "score": p.score, "reasons": list(p.reasons)} for p in pairs]}
    lines = [f"{p.a} ~ {p.b}  {p.score:.0f}  {', '.join(p.reasons)}" for p in pairs] or ["Ingen sandsynlige dubletter."]
    emit(args, payload, lines)
    return EXIT_OK


def cmd_rank(args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 1:
        print("--top skal være mindst 1", file=sys.stderr)
        return EXIT_INVALID
    ranking = rank_job(open_db(args), cli_actor(), args.job_id, args.team, args.top)
    payload = {
        "job_id": ranking.job.job_id,
        "candidates": [
            {"citizen_id": c.citizen.citizen_id, "verdict": c.verdict, "score": c.score,
             "checks": [{"criterion": ch.criterion, "status": ch.status, "detail": ch.detail} for ch in c.checks]}
            for c in ranking.candidates
        ],
    }  # fmt: skip
    lines = [f"{ranking.job.title} ({ranking.job.job_id})"] + [
        f"{c.citizen.citizen_id:<14} {c.verdict:<10} {'' if c.score is None else c.score:>5}  "
        + "; ".join(ch.detail for ch in c.checks if ch.status != "pass")
        for c in ranking.candidates
    ]
    emit(args, payload, lines)
    return EXIT_OK


def _consultant_id(db: Database, name: str) -> str:
    """The one staff member whose id or name (or part of it) is `name`."""
    staff = list_staff(db)
    exact = [s for s in staff if name in (s.staff_id, s.name)]
    partial = [s for s in staff if name.lower() in s.name.lower()]
    found = exact or partial
    if len(found) != 1:
        names = ", ".join(f"{s.name} ({s.staff_id})" for s in found) or "ingen"
        raise OtoMatchError(f"--consultant '{name}' skal pege på præcis én medarbejder; fandt: {names}")
    return found[0].staff_id


def cmd_followups(args: argparse.Namespace) -> int:
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
