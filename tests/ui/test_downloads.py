"""The "Hent som Excel" file is built after the page has run (Streamlit's deferred download), outside the pages'
error boundary: a failure still reaches the user in Danish, as a workbook that says why."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable

import pytest
from python_calamine import CalamineWorkbook

from oto_match import spreadsheets
from oto_match.errors import DatabaseBusyError, OtoMatchError
from oto_match.ui import downloads


def cells(data: bytes, sheet: str = "Fejl") -> list[list[object]]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        assert workbook.sheet_names == [sheet]
        return list(map(list, workbook.get_sheet_by_index(0).to_python()))


def failing(error: Exception) -> Callable[[], bytes]:
    def build() -> bytes:
        raise error

    return build


def test_a_project_error_while_building_the_file_gives_a_workbook_with_its_danish_message() -> None:
    data = downloads.guarded(failing(OtoMatchError("Databasen er optaget lige nu; prøv igen om lidt.")))()
    assert cells(data) == [["Listen kunne ikke hentes"], ["Databasen er optaget lige nu; prøv igen om lidt."]]


def test_a_busy_database_while_building_the_file_is_said_in_danish() -> None:
    data = downloads.guarded(failing(DatabaseBusyError("Databasen er optaget")))()
    assert cells(data)[1] == ["Databasen er optaget"]


def test_any_other_error_gives_a_reference_in_the_file_and_the_traceback_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="oto_match"):
        data = downloads.guarded(failing(PermissionError(13, "Permission denied")))()
    message = str(cells(data)[1][0])
    ref = re.fullmatch(r"Der skete en fejl \(reference ([0-9A-F]{6})\) — prøv igen eller kontakt en leder\.", message)
    assert ref, message
    assert f"reference {ref.group(1)}" in caplog.text and "PermissionError" in caplog.text


def test_a_list_that_builds_is_returned_unchanged() -> None:
    def build() -> bytes:
        return spreadsheets.write_xlsx(["Navn"], [["Anne"]], "Liste")

    assert cells(downloads.guarded(build)(), "Liste") == [["Navn"], ["Anne"]]
