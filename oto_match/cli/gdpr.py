"""CLI: the citizen's rights (GDPR) — `gdpr export CITIZEN_ID DIR`, the citizen's own copy of everything stored;
`gdpr erase CITIZEN_ID --yes`, the right to erasure; `retention --older-than 5y [--dry-run]`, closed cases past the
retention period erased (a leader's commands: with `--as`, only a leader may)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from oto_match.cli.common import EXIT_INVALID, EXIT_OK, cli_actor, command, open_db
from oto_match.errors import OtoMatchError, ValidationError


def add_commands(sub: Any) -> None:
    """gdpr export, gdpr erase, retention."""
    p = sub.add_parser("gdpr", help="borgerens rettigheder: kopi af alle data om en borger, eller sletning")
    gdpr = p.add_subparsers(dest="gdpr_command", required=True)
    export = gdpr.add_parser("export", help="skriv borgerens data som JSON og en dansk HTML-oversigt i en ny/tom mappe")
    export.add_argument("citizen_id")
    export.add_argument("folder")
    erase = gdpr.add_parser("erase", help="slet borgerens personoplysninger (borgeren bliver 'Slettet borger')")
    erase.add_argument("citizen_id")
    erase.add_argument("--yes", action="store_true", help="ja, slet (uden: vis kun hvad der ville blive slettet)")
    command("gdpr")(cmd_gdpr)
    p = sub.add_parser("retention", help="slet afsluttede sager, hvor intet er sket i mere end opbevaringsperioden")
    p.add_argument("--older-than", dest="older_than", required=True, metavar="PERIODE",
                   help="opbevaringsperioden: fx 5y (år), 60m (måneder) eller 365d (dage)")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="vis kun, hvad der ville blive slettet; slet intet")
    command("retention")(cmd_retention)


def _check_folder(folder: Path) -> None:
    """The folder must be new or empty (nothing is overwritten); checked before anything is read or audited."""
    if folder.exists() and not folder.is_dir():
        raise ValidationError.single("folder", f"{folder} er en fil, ikke en mappe")
    if folder.is_dir() and any(folder.iterdir()):
        raise ValidationError.single("folder", f"{folder} er ikke tom; vælg en ny mappe til borgerens data")


def _write_private(path: Path, text: str) -> None:
    """Write `text` to a new file readable and writable by the owner only (0o600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)


def cmd_gdpr(args: argparse.Namespace) -> int:
    if args.gdpr_command == "erase":
        return cmd_erase(args)
    return cmd_export(args)


def cmd_export(args: argparse.Namespace) -> int:
    from oto_match.services.gdpr import export_citizen, to_html, to_json
    from oto_match.storage.db import private_folder

    folder = Path(args.folder)
    _check_folder(folder)
    export = export_citizen(open_db(args), cli_actor(), args.citizen_id)
    json_text, html_text = to_json(export), to_html(export)
    try:
        private_folder(folder)
        written = [folder / f"borgerdata-{args.citizen_id}.{ext}" for ext in ("json", "html")]
        for path, text in zip(written, (json_text, html_text), strict=True):
            _write_private(path, text)
    except OSError as e:
        raise OtoMatchError(f"Borgerens data kunne ikke skrives i {folder}: {e.strerror}") from e
    print(f"Borgerens data skrevet (kun læsbare for dig): {written[0]} og {written[1]}")
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    """Without --yes: say what would be erased and how to go on (nothing is changed)."""
    from oto_match.services import erasure
    from oto_match.vocab import ERASURE_PARTS, team_name

    db = open_db(args)
    if not args.yes:
        plan = erasure.erasure_plan(db, cli_actor(), args.citizen_id)
        print(f"Dette ville blive slettet om {plan.name} (team {team_name(plan.team_id)}):")
        for part, n in plan.counts.items():
            if n:
                print(f"  - {ERASURE_PARTS[part]}: {n}")
        print("Borgeren bliver til 'Slettet borger'; forløb og statistik bevares. Det kan ikke fortrydes.")
        print(f"Intet er slettet. Tilføj --yes for at slette: oto-match gdpr erase {args.citizen_id} --yes",
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    result = erasure.erase_citizen(db, cli_actor(), args.citizen_id)
    print(f"Borgerens personoplysninger er slettet ({result.erased_at:%d-%m-%Y kl. %H:%M}); "
          f"borgeren står nu som 'Slettet borger'. {result.audit_blanked} rækker i loggen er blanket.")  # fmt: skip
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from datetime import date

    from oto_match.services import erasure
    from oto_match.vocab import team_name

    try:
        period = erasure.parse_period(args.older_than)
    except ValidationError as e:
        print(f"Fejl: --older-than {args.older_than}: {e.problems[0].message}", file=sys.stderr)
        return EXIT_INVALID
    cases = erasure.erase_closed_cases(open_db(args), cli_actor(), period, date.today(), dry_run=args.dry_run)
    for c in cases:
        print(f"{c.citizen_id}  {c.name}  (team {team_name(c.team_id)}, intet sket siden {c.closed_since:%d-%m-%Y})")
    if args.dry_run:
        print(f"{len(cases)} afsluttede sager er ældre end {period.words()} og ville blive slettet (--dry-run: "
              "intet er slettet).")  # fmt: skip
    else:
        print(f"{len(cases)} afsluttede sager ældre end {period.words()} er slettet.")
    return EXIT_OK
