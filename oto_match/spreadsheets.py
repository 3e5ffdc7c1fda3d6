"""Excel (.xlsx) files: lists written with Danish headers and typed cells, uploads read into the CSV import's shape.

Writing (xlsxwriter, constant-memory mode: a row is written and let go, so 100,000 rows stay small): a bold,
frozen header row with an autofilter, dates as real date cells shown dd-mm-yyyy, numbers as numbers, and every
text written as text — a text cell is never a formula, and one that looks like a formula (=, +, -, @ …) gets
Excel's own quote prefix, so editing it in Excel keeps it text (the `'` of importexport.spreadsheet_safe, as
Excel stores it).

Reading (python-calamine: the values the file holds; a formula is never evaluated, its stored result is read):
the first sheet becomes CSV text in exactly the shape the CSV import reads, so an upload gets the same validation
report — line N is the sheet's row N, and the column is named as a CSV import names it.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import chain, islice
from typing import Any

import xlsxwriter
from python_calamine import CalamineError, CalamineWorkbook

from oto_match import vocab
from oto_match.errors import FieldProblem, OtoMatchError, ValidationError
from oto_match.importexport import FORMULA_STARTS, from_spreadsheet_safe, spreadsheet_safe

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
MAX_DATA_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
TEXT_LIMIT = 32_767  # the most characters Excel holds in one cell
_WIDTH_SAMPLE = 500  # column widths are worked out from the header and the first rows
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"-?\d{1,15}(\.\d{1,6})?")  # at most 15 digits before the point: what Excel keeps


# --- writing ---------------------------------------------------------------------------------------------------


def write_xlsx(headers: list[str], rows: Iterable[Sequence[object]], sheet: str) -> bytes:
    """A workbook of one sheet: the headers (bold, frozen, with a filter) and a row per row.

    A cell is written by what it holds: a date or date-time as a date cell, a number as a number, True/False
    as 'Ja'/'Nej', None as an empty cell, anything else as text (see `excel_text`).
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "remove_timezone": True})
    worksheet = workbook.add_worksheet(sheet_name(sheet))
    formats = _Formats(workbook)
    rest = iter(rows)
    first = [list(row) for row in islice(rest, _WIDTH_SAMPLE)]
    for column, width in enumerate(column_widths(headers, first)):
        worksheet.set_column(column, column, width)
    for column, header in enumerate(headers):
        worksheet.write_string(0, column, excel_text(header), formats.header)
    worksheet.freeze_panes(1, 0)
    last = 0
    for last, row in enumerate(chain(first, rest), start=1):
        if last > MAX_DATA_ROWS:
            workbook.close()
            raise OtoMatchError(f"Listen har flere rækker, end Excel kan rumme ({MAX_DATA_ROWS + 1:,}); "
                                "brug CSV i stedet.".replace(",", "."))  # fmt: skip
        for column, value in enumerate(row):
            _write_cell(worksheet, last, column, value, formats)
    if headers:
        worksheet.autofilter(0, 0, last, len(headers) - 1)
    workbook.close()
    return buffer.getvalue()


class _Formats:
    """The few cell formats a list needs, made once per workbook."""

    def __init__(self, workbook: Any) -> None:
        self.header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.datetime = workbook.add_format({"num_format": DATETIME_FORMAT})
        self.quoted = workbook.add_format({"quote_prefix": True})


def _write_cell(worksheet: Any, row: int, column: int, value: object, formats: _Formats) -> None:
    """One cell, typed by what it holds (a text never becomes a formula: it is written as a string)."""
    if type(value) is str and len(value) <= TEXT_LIMIT:  # the common case first
        worksheet.write_string(row, column, value, formats.quoted if value.startswith(FORMULA_STARTS) else None)
        return
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, bool):
        worksheet.write_string(row, column, "Ja" if value else "Nej")
    elif isinstance(value, datetime):
        worksheet.write_datetime(row, column, value, formats.datetime)
    elif isinstance(value, date):
        worksheet.write_datetime(row, column, value, formats.date)
    elif isinstance(value, int | float | Decimal) and _fits_a_number(value):
        worksheet.write_number(row, column, float(value) if isinstance(value, Decimal) else value)
    else:
        text = excel_text(value)
        worksheet.write_string(row, column, text, formats.quoted if _looks_like_formula(text) else None)


def _fits_a_number(value: int | float | Decimal) -> bool:
    """A number Excel shows as it is: finite, and (a whole number) at most 15 digits; else it is written as text."""
    if isinstance(value, int):
        return abs(value) < 10**15
    return math.isfinite(value)


def _looks_like_formula(text: str) -> bool:
    """Text Excel would take for a formula if someone typed it (it gets the quote prefix)."""
    return text.startswith(FORMULA_STARTS)


def excel_text(value: object) -> str:
    """What a text cell holds: the value as text (a list as 'a, b'), cut at Excel's 32,767 characters with '…'."""
    if isinstance(value, list | tuple | set | frozenset):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def column_widths(headers: list[str], rows: list[list[object]]) -> list[float]:
    """A width per column that fits its header and the longest of the first rows, between 8 and 60 characters."""
    widths = [float(len(h)) for h in headers]
    for row in rows:
        for column, value in enumerate(row[: len(widths)]):
            widths[column] = max(widths[column], float(_shown_length(value)))
    return [min(_MAX_WIDTH, max(_MIN_WIDTH, w + 2)) for w in widths]


def _shown_length(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("dd-mm-yyyy hh:mm")
    if isinstance(value, date):
        return len("dd-mm-yyyy")
    return max((len(line) for line in str(value).splitlines()), default=0)


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: without []:*?/\\, at most 31 characters, not empty."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'")
    return cleaned[:31] or "Ark1"


def kind_sheet(kind_name: str) -> str:
    """The sheet of an exported kind in Danish words: 'Virksomheder' for employers."""
    return vocab.ENTITY_WORDS.get(kind_name, kind_name).capitalize()


def csv_text_to_xlsx(text: str, sheet: str) -> bytes:
    """An exported CSV text (importexport.export_text) as a workbook: each column under its Danish header
    (vocab.header_label), each cell typed by `typed_cell`; reading the workbook back gives the same CSV rows."""
    reader = csv.reader(io.StringIO(text))
    headers = column_headers(next(reader, []))
    return write_xlsx(headers, ([typed_cell(from_spreadsheet_safe(c)) for c in row] for row in reader), sheet)


def column_headers(codes: list[str]) -> list[str]:
    """The Danish header of each column (vocab.header_label); a header met again is numbered ('Dato (2)'), so no
    two columns look alike (the kinds an upload reads have distinct headers: a test checks it)."""
    seen: Counter[str] = Counter()
    headers = []
    for code in codes:
        header = vocab.header_label(code)
        seen[header] += 1
        headers.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return headers


def typed_cell(text: str) -> object:
    """A CSV cell as Excel should hold it: an ISO date as a date, a number as a number — but only where the
    cell reads back as exactly the same text ('0800' and '7.50' stay text) — an empty cell as empty, else text."""
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if _NUMBER.fullmatch(text):
        number = float(text)
        if _csv_cell(number) == text:  # read back, the cell gives this very text ('8.0' would come back '8')
            return int(text) if number.is_integer() else number
    return text


# --- reading ---------------------------------------------------------------------------------------------------


def xlsx_to_csv_text(data: bytes, columns: list[str]) -> str:
    """The first sheet of an .xlsx upload as the CSV text the import reads.

    Row 1 is the header: a column may be named by its code (`name`) or its Danish header ('Navn'). Row N of
    the sheet is line N of the text (an empty row is an empty line, which the import skips). A date cell becomes
    an ISO date, a whole number '8' (not '8.0'), Ja/Nej cells stay words; text is made spreadsheet-safe so the
    CSV reader gives back exactly what the cell holds. A file that is not a workbook: ValidationError.
    """
    rows = _first_sheet(data, max_columns=len(columns) + EXTRA_COLUMNS)
    if not rows or not any(_csv_cell(cell) for row in rows for cell in row):
        raise ValidationError([FieldProblem("file", _EMPTY)])
    header = _trimmed([_csv_cell(cell) for cell in rows[0]])
    if not header:
        raise ValidationError([FieldProblem("file", "række 1 er tom; den skal holde kolonnernes overskrifter")])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header_codes(header, columns))
    writer.writerows(_trimmed([_csv_cell(cell) for cell in row]) for row in rows[1:])
    return buffer.getvalue()


_EMPTY = "regnearket er tomt; første række skal holde kolonnernes overskrifter og de næste en række hver"
_NOT_A_WORKBOOK = "filen kan ikke læses som en Excel-projektmappe (.xlsx)"
_DAMAGED = f"{_NOT_A_WORKBOOK}; den er måske beskadiget, beskyttet med adgangskode eller i et andet format"


def _first_sheet(data: bytes, max_columns: int = 16_384) -> list[list[Any]]:
    """The cells of the first sheet from A1, row by row; a file that is not a readable workbook says why, and
    one whose sheet is too big to read (see `check_size`) is refused before it is read."""
    if not data:
        raise ValidationError([FieldProblem("file", f"filen er tom; {_NOT_A_WORKBOOK}")])
    if not data.startswith(b"PK") and _looks_like_text(data):
        raise ValidationError([FieldProblem("file", f"{_NOT_A_WORKBOOK}: den er en tekstfil (en CSV-fil med "
                                                    "endelsen .xlsx?); gem den som CSV, eller åbn den i Excel og "
                                                    "gem som Excel-projektmappe")])  # fmt: skip
    check_size(data, max_columns)
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            if not workbook.sheet_names:
                raise ValidationError([FieldProblem("file", _EMPTY)])
            cells: list[list[Any]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
            return cells
    except (CalamineError, ValueError, OverflowError) as e:  # calamine says why in English: not shown
        raise ValidationError([FieldProblem("file", _DAMAGED)]) from e


# --- the size of an upload, before calamine reads it -------------------------------------------------------------
# calamine makes room for the sheet's whole used area (A1 to its last cell) before it reads a cell, and a Rust
# allocation that fails ends the process: a 5 KB file with one cell at A1 and one at XFD1048576 would stop the
# server. So the sheet's XML is scanned first (streamed, never held whole) and a file too big to read is refused.

EXTRA_COLUMNS = 20  # columns beyond the kind's own an upload may use (notes in a spare column)
MAX_CELLS = 5_000_000  # the used area's cells (rows x columns) read at most: ~100,000 rows of 50 columns
MAX_PART_BYTES = 200 * 1024 * 1024  # one unpacked part of the workbook (a sheet, its shared texts)
MAX_TOTAL_BYTES = 400 * 1024 * 1024  # all of the workbook unpacked
_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF = re.compile(rb"""\br=["']([A-Za-z]*)(\d*)["']""")
_SHEET = re.compile(rb"""<(?:\w+:)?sheet\b[^>]*?\b\w+:id=["']([^"']+)["']""")
_TARGET = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def check_size(data: bytes, max_columns: int) -> None:
    """Refuse a workbook calamine cannot read safely: one that unpacks to more than 200 MB a part (a zip bomb),
    or whose first sheet's used area is wider than `max_columns` or holds more than MAX_CELLS cells.
    A file that is no zip archive passes: calamine then says it is not a workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if any(i.file_size > MAX_PART_BYTES for i in infos) or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
                raise ValidationError([FieldProblem("file", "filen fylder over 200 MB, når den pakkes ud, og kan "
                                                            "ikke læses; del den op i mindre filer")])  # fmt: skip
            part = _first_sheet_part(archive)
            if part is None:
                return
            with archive.open(part) as stream:
                rows, columns = used_area(_chunks(stream))
    # NotImplementedError: zipfile's word for a compression method it cannot unpack (a refusal, not a gap of ours)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, KeyError):
        return  # not a readable zip: calamine's own check says so in Danish (_DAMAGED)
    if columns > max_columns or rows * columns > MAX_CELLS:
        area = f"A1:{column_letters(columns)}{rows}"
        raise ValidationError([FieldProblem("file", f"arket fylder {area} — højst {max_columns} kolonner og "
                                                    f"{MAX_CELLS:,} celler kan læses; slet de tomme celler langt ude "
                                                    "i arket (eller del filen op)".replace(",", "."))])  # fmt: skip


def _first_sheet_part(archive: zipfile.ZipFile) -> str | None:
    """The zip member of the workbook's first sheet (as calamine orders them: workbook.xml's <sheets>)."""
    names = set(archive.namelist())
    first = _SHEET.search(archive.read("xl/workbook.xml")) if "xl/workbook.xml" in names else None
    rels = archive.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    wanted = re.compile(rb"""\bId=["']""" + re.escape(first.group(1)) + rb"""["']""") if first else None
    for tag in _TARGET.findall(rels) if wanted else []:
        target = re.search(rb"""\bTarget=["']([^"']+)["']""", tag)
        if target and wanted and wanted.search(tag):
            name = target.group(1).decode()
            name = name.lstrip("/") if name.startswith("/") else f"xl/{name}"
            if name in names:
                return name
    sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    return sheets[0] if sheets else None


def _chunks(stream: Any, size: int = 1 << 20) -> Iterator[bytes]:
    """The stream a megabyte at a time, stopping at MAX_PART_BYTES (whatever the archive claims)."""
    read = 0
    while read < MAX_PART_BYTES and (chunk := stream.read(size)):
        read += len(chunk)
        yield chunk


def used_area(chunks: Iterable[bytes]) -> tuple[int, int]:
    """(rows, columns) from A1 to the sheet XML's last cell, as calamine sizes it: a <row>/<c> with an r="…"
    reference is where it says, one without is the next after the one before."""
    rows = columns = row = column = 0
    rest = b""
    for chunk in chunks:
        text = rest + chunk
        end = text.rfind(b">") + 1
        text, rest = text[:end], text[end:]
        for tag in _TAG.finditer(text):
            ref = _REF.search(tag.group(2))
            if tag.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                column = 0
            else:
                column = column_number(ref.group(1).decode()) if ref and ref.group(1) else column + 1
                if ref and ref.group(2):
                    row = int(ref.group(2))
                rows, columns = max(rows, row), max(columns, column)
    return rows, columns


def column_number(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA', 16384 -> 'XFD'."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


def _looks_like_text(data: bytes) -> bool:
    """The first bytes decode as UTF-8 (or Windows-1252) text without control characters: not a workbook."""
    head = data[:4096]
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text)
    return False


def _csv_cell(value: object) -> str:
    """A cell's value as the CSV import reads it."""
    if isinstance(value, str):
        return spreadsheet_safe(value)  # the CSV reader removes exactly this apostrophe again
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return "" if value is None else str(value)


def _trimmed(cells: list[str]) -> list[str]:
    """A row without its empty cells at the end (the sheet pads every row to its widest)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def header_codes(header: list[str], columns: list[str]) -> list[str]:
    """Each header cell as its column's code: the code itself, its Excel header (vocab.header_label) or its
    Danish label (vocab.field_label; not where two columns share it) — case and spaces aside. A cell that names
    none of them is kept as written (the import then says which columns are missing)."""
    label_count = Counter(_plain(vocab.field_label(c)) for c in columns)
    names: dict[str, str] = {_plain(code): code for code in columns}
    for code in columns:
        names.setdefault(_plain(vocab.header_label(code)), code)
    for code in columns:
        if label_count[_plain(vocab.field_label(code))] == 1:
            names.setdefault(_plain(vocab.field_label(code)), code)
    return [names.get(_plain(cell), cell) for cell in header]


def _plain(name: str) -> str:
    """A header as compared: without a spreadsheet apostrophe, case or extra spaces."""
    return " ".join(from_spreadsheet_safe(name).split()).casefold()
