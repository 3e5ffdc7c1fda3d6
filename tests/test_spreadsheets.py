"""Excel files: lists and exports written as .xlsx, uploads read with the same validation report as CSV."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from oto_match import spreadsheets, vocab
from oto_match.cli import main
from oto_match.domain import ImportReport, Staff
from oto_match.errors import FieldProblem, ValidationError
from oto_match.importexport import KINDS, export_file, export_text, import_file, import_text
from oto_match.records import EMPLOYER_COLUMNS
from oto_match.services.setup import init_database
from oto_match.storage.db import Database

ORDER = [name for name, kind in KINDS.items() if getattr(kind, "importable", True)]  # each after those it points at


def read_back(data: bytes) -> list[list[object]]:
    """The first sheet's cells as calamine reads them."""
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def workbook(rows: list[list[object]]) -> bytes:
    """A workbook as a person might make it in Excel: the cells as given, no formatting."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, book.add_format({"num_format": "dd-mm-yyyy"}))
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


EMPLOYER_ROWS: list[list[object]] = [
    ["E1", "Føtex Gellerup", 24256790, 1012345678, "Gellerupvej 1", 8220, "detailhandel", "heavy_lifting;noise"],
    ["E2", "Café Globus", None, None, "Bispehavevej 3", 8220, "socialøkonomisk café", None],
    ["E3", "Netto Viby", None, None, None, 8260, None, None],
    ["E4", "Kantinen Vest", None, None, None, 8210, None, None],
    ["E5", "Bageriet", None, None, None, 8000, None, None],
    ["E6", "Rema Tilst", None, None, None, 82, None, None],  # row 7 of the sheet: a postcode of two digits
    ["E7", "Lidl Brabrand", None, None, None, 8220, None, None],
]


def as_csv(rows: list[list[object]]) -> str:
    return "\n".join(",".join("" if v is None else str(v) for v in [*row]) for row in rows) + "\n"


def test_every_kind_exported_to_excel_and_imported_into_an_empty_database_gives_the_same_records(
    demo_db: Database, tmp_path: Path, actor: Staff
) -> None:
    db, _ = init_database(tmp_path / "empty.duckdb")
    for kind in ORDER:
        path = tmp_path / f"{kind}.xlsx"
        export_file(demo_db, actor, kind, path)
        report = import_file(db, actor, kind, path)
        assert report.problems == [], (kind, report.problems[:3])
        original, count = export_text(demo_db, actor, kind)
        copy, copy_count = export_text(db, actor, kind)
        assert count == copy_count > 0, kind
        assert copy == original, kind


def test_an_export_has_danish_headers_real_date_cells_and_numbers(demo_db: Database, tmp_path: Path,
                                                                   actor: Staff) -> None:  # fmt: skip
    path = tmp_path / "visits.xlsx"
    export_file(demo_db, actor, "visits", path)
    cells = read_back(path.read_bytes())
    assert cells[0] == [vocab.header_label(c) for c in KINDS["visits"].columns]
    assert cells[0][:4] == ["Besøg", "Virksomhed", "Medarbejder", "Dato"]
    dates = [row[3] for row in cells[1:]]
    assert dates and all(isinstance(d, date) for d in dates)
    cups = [row[cells[0].index("Kop te")] for row in cells[1:]]
    assert all(isinstance(c, float) for c in cups if c != "")
    xml = sheet_xml(path.read_bytes())
    assert 'state="frozen"' in xml and "<autoFilter" in xml and "<f>" not in xml


def test_dates_are_shown_as_danish_dates_and_the_header_is_bold() -> None:
    row = ["A", date(2026, 3, 4), datetime(2026, 3, 4, 9, 30)]
    data = spreadsheets.write_xlsx(["Navn", "Dato", "Tidspunkt"], [row], sheet="Test")
    assert read_back(data)[1] == row
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
    assert 'formatCode="dd\\-mm\\-yyyy"' in styles or 'formatCode="dd-mm-yyyy"' in styles
    assert "<b/>" in styles


def test_the_headers_of_every_importable_kind_are_distinct_so_an_upload_can_name_each_column() -> None:
    for name, kind in KINDS.items():
        if getattr(kind, "importable", True):
            headers = Counter(vocab.header_label(c) for c in kind.columns)
            assert [h for h, n in headers.items() if n > 1] == [], name
            assert spreadsheets.header_codes(spreadsheets.column_headers(kind.columns), kind.columns) == kind.columns


def test_a_header_met_twice_in_a_file_is_numbered() -> None:
    assert spreadsheets.column_headers(["visit_date", "when", "name"]) == ["Dato", "Dato (2)", "Navn"]


def test_a_sheet_with_danish_headers_or_codes_in_any_case_is_imported(db: Database, actor: Staff,
                                                                      tmp_path: Path) -> None:  # fmt: skip
    headers = ["employer_id", "  navn ", "CVR-nummer", "P-nummer", "adresse", "Postnummer", "BRANCHE", "Kan tilpasse"]
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(workbook([headers, *EMPLOYER_ROWS[:2]]))
    report = import_file(db, actor, "employers", path)
    assert (report.inserted, report.problems) == (2, [])
    row = db.cursor().execute("SELECT name, cvr, postcode FROM employers WHERE employer_id = 'E1'").fetchone()
    assert row == ("Føtex Gellerup", "24256790", "8220")  # numbers read as '24256790', not '24256790.0'


def test_a_bad_value_in_row_7_is_reported_as_line_7_with_the_same_message_as_the_csv_import(
    db: Database, actor: Staff, tmp_path: Path
) -> None:
    headers = [vocab.header_label(c) for c in EMPLOYER_COLUMNS]
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(workbook([headers, *EMPLOYER_ROWS]))
    report = import_file(db, actor, "employers", path)
    expected = str(FieldProblem("postcode", "'82' er ikke et postnummer med 4 cifre", 7))
    assert report.problems == [expected]
    csv_report = import_text(db, actor, "employers", as_csv([EMPLOYER_COLUMNS, *EMPLOYER_ROWS]))
    assert csv_report.problems == report.problems
    assert db.cursor().execute("SELECT count(*) FROM employers").fetchone() == (0,)


def test_empty_rows_in_the_sheet_keep_the_line_numbers_of_the_sheet(db: Database, actor: Staff,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    rows = [list(EMPLOYER_COLUMNS), EMPLOYER_ROWS[0], [None] * 8, [None] * 8, EMPLOYER_ROWS[5]]
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(workbook(rows))
    report = import_file(db, actor, "employers", path)
    assert report.problems == [str(FieldProblem("postcode", "'82' er ikke et postnummer med 4 cifre", 5))]


def test_date_cells_and_whole_numbers_are_read_as_the_csv_import_writes_them() -> None:
    data = workbook([["a", "b", "c", "d", "e"], [date(2026, 1, 31), 8.0, 7.5, True, "tekst"]])
    text = spreadsheets.xlsx_to_csv_text(data, ["a"])
    assert text == "a,b,c,d,e\n2026-01-31,8,7.5,ja,tekst\n"


def test_formula_text_is_written_as_text_and_comes_back_exactly(db: Database, actor: Staff, tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://x","klik")', "+45 12 34 56 78", "-ringede tirsdag", "@SUM(A1)", "'=allerede"]
    data = spreadsheets.write_xlsx(["Navn"], [[h] for h in hostile], sheet="Test")
    assert "<f>" not in sheet_xml(data)  # no cell is a formula
    assert [row[0] for row in read_back(data)[1:]] == hostile
    rows = [[f"E{i}", name, None, None, None, 8220, None, None] for i, name in enumerate(hostile, start=1)]
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(spreadsheets.write_xlsx(list(EMPLOYER_COLUMNS), rows, sheet="Virksomheder"))
    assert import_file(db, actor, "employers", path).problems == []
    names = [r[0] for r in db.cursor().execute("SELECT name FROM employers ORDER BY employer_id").fetchall()]
    assert names == hostile
    export_file(db, actor, "employers", tmp_path / "ud.xlsx")
    assert sorted(row[1] for row in read_back((tmp_path / "ud.xlsx").read_bytes())[1:]) == sorted(hostile)


def _broken_xlsx() -> bytes:
    return workbook([["employer_id"], ["E1"]])[:300]


def _zip_without_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hej.txt", "ikke et regneark")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, says",
    [
        (b"", "filen er tom"),
        (as_csv([EMPLOYER_COLUMNS, EMPLOYER_ROWS[0]]).encode(), "tekstfil (en CSV-fil med endelsen .xlsx?)"),
        (as_csv([EMPLOYER_COLUMNS, EMPLOYER_ROWS[0]]).encode("cp1252"), "tekstfil"),
        (_broken_xlsx(), "kan ikke læses som en Excel-projektmappe"),
        (_zip_without_a_workbook(), "kan ikke læses som en Excel-projektmappe"),
        (workbook([]), "regnearket er tomt"),
        (workbook([[None], [None], ["E1", "X"]]), "række 1 er tom"),
    ],
    ids=["empty-file", "csv-renamed", "cp1252-csv-renamed", "broken", "other-zip", "empty-workbook", "no-header"],
)
def test_a_file_that_is_not_a_readable_workbook_is_refused_saying_what_is_wrong(
    db: Database, actor: Staff, tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as caught:
        import_file(db, actor, "employers", path)
    assert says in str(caught.value)
    assert str(caught.value).startswith("Fil: ")
    assert db.cursor().execute("SELECT count(*) FROM employers").fetchone() == (0,)


def test_a_missing_column_is_reported_as_the_csv_import_reports_it(db: Database, actor: Staff,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(workbook([["Virksomhed", "Navn"], ["E1", "X"]]))
    with pytest.raises(ValidationError) as from_excel:
        import_file(db, actor, "employers", path)
    with pytest.raises(ValidationError) as from_csv:
        import_text(db, actor, "employers", "employer_id,name\nE1,X\n")
    assert str(from_excel.value) == str(from_csv.value)


@pytest.mark.parametrize("cell", ["Før\x00efter", "x" * 200_000, "Navn\u202e"], ids=["nul", "huge", "rtl-override"])
def test_hostile_cells_are_handled_as_in_a_csv_file(db: Database, actor: Staff, tmp_path: Path, cell: str) -> None:
    row = ["E1", "PLADS", None, None, None, 8220, None, None]
    data = spreadsheets.write_xlsx(list(EMPLOYER_COLUMNS), [row], "V")
    path = tmp_path / "virksomheder.xlsx"
    path.write_bytes(_with_cell_text(data, "PLADS", cell))  # Excel itself would not write 200,000 characters
    csv_text = as_csv([EMPLOYER_COLUMNS, ["E1", cell, *row[2:]]])
    assert _outcome(lambda: import_file(db, actor, "employers", path)) == _outcome(
        lambda: import_text(db, actor, "employers", csv_text))
    assert "intet er gemt" in _outcome(lambda: import_file(db, actor, "employers", path)) or "tegn" in _outcome(
        lambda: import_file(db, actor, "employers", path))
    assert db.cursor().execute("SELECT count(*) FROM employers").fetchone() == (0,)


def _outcome(run: Callable[[], ImportReport]) -> str:
    """The problems an import reports, or the error it raises."""
    try:
        return "; ".join(run().problems)
    except ValidationError as e:
        return str(e)


def _with_cell_text(data: bytes, old: str, new: str) -> bytes:
    """The workbook with a cell's text replaced in its XML."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(old.encode(), new.encode())
            out.writestr(item, content)
    return target.getvalue()


@pytest.mark.parametrize(
    "text, typed",
    [
        ("2026-03-04", date(2026, 3, 4)), ("8220", 8220), ("7.5", 7.5), ("", None), ("0800", "0800"), ("8.0", "8.0"),
        ("7.50", "7.50"), ("-0", "-0"), ("2026-13-01", "2026-13-01"), ("1234567890123456", "1234567890123456"),
        ("C000013", "C000013"), ("yes", "yes"),
    ],
)  # fmt: skip
def test_an_exported_cell_is_typed_only_where_it_reads_back_as_the_same_text(text: str, typed: object) -> None:
    assert spreadsheets.typed_cell(text) == typed
    assert type(spreadsheets.typed_cell(text)) is type(typed)


def test_a_sheet_name_excel_would_refuse_is_cleaned() -> None:
    assert spreadsheets.sheet_name("Opfølgninger: [uge 12]/team") == "Opfølgninger   uge 12  team"
    assert spreadsheets.sheet_name("x" * 40) == "x" * 31
    assert spreadsheets.sheet_name("??") == "Ark1"


def test_text_longer_than_excel_holds_is_cut_with_an_ellipsis_and_columns_get_readable_widths() -> None:
    assert len(spreadsheets.excel_text("x" * 40_000)) == spreadsheets.TEXT_LIMIT
    assert spreadsheets.excel_text(["a", "b"]) == "a, b"
    assert spreadsheets.column_widths(["Id", "Beskrivelse"], [["E1", "y" * 500]]) == [8, 60]


def test_the_cli_exports_and_imports_excel(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "demo.duckdb", str(tmp_path / "ny.duckdb")
    source.write_bytes(demo_path.read_bytes())
    for kind in ("staff", "employers"):
        assert main(["--db", str(source), "export", kind, str(tmp_path / f"{kind}.xlsx")]) == 0
    assert "skrevet til" in capsys.readouterr().out
    assert read_back((tmp_path / "employers.xlsx").read_bytes())[0][:2] == ["Virksomhed", "Navn"]
    main(["--db", target, "init"])
    for kind in ("staff", "employers"):
        assert main(["--db", target, "import", kind, str(tmp_path / f"{kind}.xlsx")]) == 0
    assert "employers: 60 nye" in capsys.readouterr().out
    broken = tmp_path / "broken.xlsx"
    broken.write_text("employer_id,name\nE1,X\n", encoding="utf-8")
    assert main(["--db", target, "import", "employers", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "Fil: filen kan ikke læses som en Excel-projektmappe" in err and "Traceback" not in err


# --- an upload too big to read is refused before calamine reads it (calamine would end the process) -------------

BOMB_READER = """
import sys
from oto_match import spreadsheets
from oto_match.errors import ValidationError
try:
    spreadsheets.xlsx_to_csv_text(open(sys.argv[1], "rb").read(), ["name", "cvr"])
except ValidationError as e:
    print(e.message)
"""


def far_cell_workbook(path: Path) -> Path:
    """5 KB: one cell at A1 and one at XFD1048576 (a used area of 17 billion cells)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "name")
    sheet.write_string(1_048_575, 16_383, "langt ude")
    book.close()
    return path


def test_a_small_file_with_a_cell_far_out_is_refused_in_danish_and_the_process_lives(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = far_cell_workbook(tmp_path / "bombe.xlsx")
    done = subprocess.run([sys.executable, "-c", BOMB_READER, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("Fil: arket fylder A1:XFD1048576 — højst 22 kolonner og 5.000.000 celler kan "
                                   "læses; slet de tomme celler langt ude i arket (eller del filen op)")  # fmt: skip


def test_a_sheet_too_long_for_its_width_is_refused_by_its_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 10)
    data = workbook([["a", "b"], [1, 2], [3, 4], [5, 6], [7, 8], [9, 10]])
    with pytest.raises(ValidationError, match="arket fylder A1:B6"):
        spreadsheets.xlsx_to_csv_text(data, ["a", "b"])


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_PART_BYTES", 1_000)
    with pytest.raises(ValidationError, match="over 200 MB, når den pakkes ud"):
        spreadsheets.xlsx_to_csv_text(workbook([["a"], [1]]), ["a"])


def test_cells_without_a_reference_are_counted_where_calamine_puts_them() -> None:
    xml = b'<sheetData><row><c/><c t="s"/><c/></row><row r="7"><c r="B7"/></row><row><c/></row></sheetData>'
    assert spreadsheets.used_area([xml[:20], xml[20:45], xml[45:]]) == (8, 3)
    assert (spreadsheets.column_number("XFD"), spreadsheets.column_letters(16_384)) == (16_384, "XFD")


def test_an_ordinary_upload_of_the_widest_allowed_sheet_still_reads() -> None:
    data = workbook([["a", *[f"ekstra {i}" for i in range(21)]], [1, *range(21)]])
    assert spreadsheets.xlsx_to_csv_text(data, ["a", "b"]).startswith("a,ekstra 0,")
