"""What a click on a page's 'Hent som Excel' would download, for AppTests (the file is built only on a click,
which AppTest cannot make): every Excel button the page draws also builds its file here."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from oto_match import spreadsheets
from oto_match.ui import downloads


def record_excel_files(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """file name -> the .xlsx a click would give, for each Excel button drawn from now on."""
    built: dict[str, bytes] = {}
    shown = downloads.xlsx_download

    def building(label: str, headers: list[str], rows: object, file_name: str, key: str) -> None:
        built[file_name] = spreadsheets.write_xlsx(headers, rows() if callable(rows) else rows, "Test")
        shown(label, headers, rows, file_name, key)

    monkeypatch.setattr(downloads, "xlsx_download", building)
    return built


def first_sheet(data: bytes) -> list[list[object]]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        return workbook.get_sheet_by_index(0).to_python()
