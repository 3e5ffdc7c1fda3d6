"""The README documents every CLI command and every CSV column: a test fails when something is undocumented."""

from __future__ import annotations

from pathlib import Path

from oto_match.cli import build_parser
from oto_match.importexport import KINDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"oto-match [--db PATH] {name}" in README or f"oto-match {name}" in README, name


def test_every_csv_format_is_in_the_readme() -> None:
    for kind in KINDS.values():
        assert "`" + ",".join(kind.columns) + "`" in README, kind.name


def test_the_glossary_explains_the_danish_terms() -> None:
    for term in (
        "skånehensyn",
        "fleksjob",
        "makkerpar",
        "fastholdelse",
        "virksomhedspraktik",
        "løntilskud",
        "3 kopper te",
    ):
        assert f"**{term}**" in README, term
