"""Files meant for spreadsheets: formulas are neutralised on export and the text comes back exactly on import;
a file that is not UTF-8 is refused naming line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.errors import ValidationError
from oto_match.importexport import export_text, from_spreadsheet_safe, import_file, import_text, spreadsheet_safe
from oto_match.storage.db import Database

HEADER = "employer_id,name,cvr,pnumber,address,postcode,industry,accommodations"


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x.example","klik")', "+45 12 34 56 78", "-tunge løft", "@SUM(A1)", "\tfane", "'=allerede",
     "Bageriet", "", "'citat"],
)  # fmt: skip
def test_a_cell_is_made_spreadsheet_safe_and_restored_exactly(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert from_spreadsheet_safe(safe) == text


def test_a_formula_in_a_name_is_exported_as_text_and_reimported_unchanged(db: Database, actor: Staff) -> None:
    name = '=HYPERLINK("http://evil.example","Bageriet")'
    row = f'E1,"{name.replace(chr(34), chr(34) * 2)}",,,,8220,,'
    assert import_text(db, actor, "employers", f"{HEADER}\n{row}\n").inserted == 1
    exported, _ = export_text(db, actor, "employers")
    assert "'=HYPERLINK" in exported and "\n=HYPERLINK" not in exported and ",=HYPERLINK" not in exported
    import_text(db, actor, "employers", exported)
    assert export_text(db, actor, "employers")[0] == exported
    names = db.cursor().execute("SELECT name FROM employers").fetchall()
    assert names == [(name,)]


def test_a_file_that_is_not_utf8_is_refused_naming_line_and_column(
    db: Database, actor: Staff, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "employers.csv"
    path.write_bytes(f"{HEADER}\nE1,Bageriet,,,,8220,,\nE2,Købmand,,,,8220,,\n".encode("latin-1"))
    with pytest.raises(ValidationError) as caught:
        import_file(db, actor, "employers", path)
    assert str(caught.value.problems[0]).startswith("linje 3, kolonne name (Navn): teksten er ikke UTF-8")
    assert main(["--db", db.path, "import", "employers", str(path)]) == 2
