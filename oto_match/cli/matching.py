"""CLI: matching — rank the active citizens for a job opening."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from oto_match.cli.common import EXIT_INVALID, EXIT_OK, cli_actor, command, emit, open_db
from oto_match.services.matching import rank_job


def add_commands(sub: Any) -> None:
    """rank."""
    p = sub.add_parser("rank", help="rangér alle aktive borgere til en jobåbning")
    p.add_argument("job_id")
    p.add_argument("--top", type=int, help="kun de N første")
    p.add_argument("--team", help="kun borgere i dette team (standard: alle aktive borgere)")
    p.add_argument("--json", action="store_true")
    command("rank")(cmd_rank)


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
