"""CLI: the citizen's rights (GDPR) — `gdpr export CITIZEN_ID DIR`, the citizen's own copy of everything stored."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from oto_match.cli.common import EXIT_OK, cli_actor, command, open_db
from oto_match.errors import OtoMatchError, ValidationError


def add_commands(sub: Any) -> None:
    """gdpr export."""
    p = sub.add_parser("gdpr", help="borgerens rettigheder: kopi af alle data om en borger")
    gdpr = p.add_subparsers(dest="gdpr_command", required=True)
    export = gdpr.add_parser("export", help="skriv borgerens data som JSON og en dansk HTML-oversigt i en ny/tom mappe")
    export.add_argument("citizen_id")
    export.add_argument("folder")
    command("gdpr")(cmd_gdpr)


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
