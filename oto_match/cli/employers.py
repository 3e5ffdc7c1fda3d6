"""CLI: employers — the register, the visit log import and the duplicate scan."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from oto_match import stages
from oto_match.cli.common import EXIT_OK, command, emit, import_command, open_db


def add_commands(sub: Any) -> None:
    """employers, visits import, dedupe employers."""
    p = sub.add_parser("employers", help="list virksomheder med fase, sidste kontakt og næste skridt")
    p.add_argument("--stage", choices=stages.STAGE_ORDER)
    p.add_argument("--json", action="store_true")
    command("employers")(cmd_employers)

    import_command(sub, "visits", "besøgslog", "importér visits.csv")

    p = sub.add_parser("dedupe", help="find sandsynlige dubletter (fletter aldrig selv)")
    p.add_argument("what", choices=["employers"])
    p.add_argument("--json", action="store_true")
    command("dedupe")(cmd_dedupe)


def cmd_employers(args: argparse.Namespace) -> int:
    from oto_match.services.employers import employer_rows
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
    from oto_match.services.employer_dedup import scan
    pairs = scan(open_db(args))
    payload = {"pairs": [{"a": p.a, "b": p.b, "score": p.score, "reasons": list(p.reasons)} for p in pairs]}
    lines = [f"{p.a} ~ {p.b}  {p.score:.0f}  {', '.join(p.reasons)}" for p in pairs] or ["Ingen sandsynlige dubletter."]
    emit(args, payload, lines)
    return EXIT_OK
