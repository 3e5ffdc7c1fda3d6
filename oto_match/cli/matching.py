"""CLI: matching — rank the active citizens for a job opening, and the open jobs for one citizen.

The JSON says what the app shows: verdict, checks, score, band, the score's parts in points (summing
exactly to the score), the "Kunne passe, hvis …" text and the rule version the ranking was made by.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from oto_match.cli.common import EXIT_INVALID, EXIT_OK, cli_actor, command, emit, open_db

if TYPE_CHECKING:
    from oto_match.services.matching import RankedCandidate


def add_commands(sub: Any) -> None:
    """rank, jobs-for."""
    p = sub.add_parser("rank", help="rangér alle aktive borgere til en jobåbning")
    p.add_argument("job_id")
    p.add_argument("--top", type=int, help="kun de N første")
    p.add_argument("--team", help="kun borgere i dette team (standard: alle aktive borgere)")
    p.add_argument("--json", action="store_true")
    command("rank")(cmd_rank)
    p = sub.add_parser("jobs-for", help="de åbne jobåbninger for én borger, med samme vurdering som rank")
    p.add_argument("citizen_id")
    p.add_argument("--json", action="store_true")
    command("jobs-for")(cmd_jobs_for)


def assessment(c: RankedCandidate) -> dict[str, Any]:
    """One pair's verdict, checks, score, band, parts and near miss — the same in rank and jobs-for."""
    return {
        "verdict": c.verdict,
        "score": c.score,
        "band": c.band,
        "score_parts": c.parts.as_points() if c.score is not None else None,
        "near_miss": c.near_miss,
        "checks": [{"criterion": ch.criterion, "status": ch.status, "detail": ch.detail} for ch in c.checks],
    }


def cmd_rank(args: argparse.Namespace) -> int:
    from oto_match.matching_rules import RULE_VERSION
    from oto_match.services.matching import rank_job
    from oto_match.services.staff import list_teams
    if args.top is not None and args.top < 1:
        print("--top skal være mindst 1", file=sys.stderr)
        return EXIT_INVALID
    db = open_db(args)
    if args.team is not None:
        teams = [t.team_id for t in list_teams(db)]
        if args.team not in teams:
            print(f"--team: ukendt team '{args.team}' (gyldige: {', '.join(teams)})", file=sys.stderr)
            return EXIT_INVALID
    ranking = rank_job(db, cli_actor(), args.job_id, args.team, args.top)
    payload = {
        "job_id": ranking.job.job_id,
        "rule_version": RULE_VERSION,
        "candidates": [{"citizen_id": c.citizen.citizen_id, **assessment(c)} for c in ranking.candidates],
    }
    lines = [f"{ranking.job.title} ({ranking.job.job_id})"] + [
        f"{c.citizen.citizen_id:<14} {c.verdict:<10} {'' if c.score is None else c.score:>5}  "
        + "; ".join(ch.detail for ch in c.checks if ch.status != "pass")
        for c in ranking.candidates
    ]
    emit(args, payload, lines)
    return EXIT_OK


def cmd_jobs_for(args: argparse.Namespace) -> int:
    from oto_match.matching_rules import RULE_VERSION
    from oto_match.services.matching import jobs_for_citizen
    results = jobs_for_citizen(open_db(args), cli_actor(), args.citizen_id)
    payload = {
        "citizen_id": args.citizen_id,
        "rule_version": RULE_VERSION,
        "jobs": [{"job_id": job.job_id, **assessment(c)} for job, _, c in results],
    }
    lines = [
        f"{job.job_id:<14} {c.verdict:<10} {'' if c.score is None else c.score:>5}  {job.title} — {employer.name}"
        for job, employer, c in results
    ] or ["Ingen åbne jobåbninger."]
    emit(args, payload, lines)
    return EXIT_OK
