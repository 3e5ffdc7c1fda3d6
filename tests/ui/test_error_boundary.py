"""The one error boundary: a user sees a Danish sentence or a reference number, never a traceback."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from oto_match.errors import StaleRecordError
from oto_match.ui import common
from tests.ui.conftest import start

PAGES = ["employers", "jobs", "citizens", "overview"]


def _explode() -> None:
    raise RuntimeError("intern fejl med en hemmelig detalje")


@pytest.mark.parametrize("page", PAGES)
def test_an_unexpected_error_in_a_page_shows_a_reference_and_logs_the_traceback(
    app_db: Path, page: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(common, "require_actor", _explode)
    with caplog.at_level(logging.ERROR, logger="oto_match"):
        at = start(page)
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    found = re.search(r"Der skete en fejl \(reference ([0-9A-F]{6})\) — prøv igen eller kontakt en leder", shown)
    assert found, shown
    assert "hemmelig" not in shown and "Traceback" not in shown
    logged = [r for r in caplog.records if found.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None


def test_a_project_error_escaping_a_page_shows_its_danish_message(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stale() -> None:
        raise StaleRecordError("Borgeren", "Bo Job", None, ("status",))

    monkeypatch.setattr(common, "require_actor", stale)
    at = start("citizens")
    assert not at.exception
    assert any("Borgeren er ændret af Bo Job (Status)" in e.value for e in at.error)
