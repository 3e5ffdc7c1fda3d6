"""Every page starts against the demo database without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import start


@pytest.mark.parametrize(
    "page, title",
    [("employers", "Virksomheder"), ("jobs", "Jobåbninger & match"), ("citizens", "Borgere"),
     ("fastholdelse", "Fastholdelse"), ("overview", "Overblik")],
)  # fmt: skip
def test_every_page_renders(app_db: Path, page: str, title: str) -> None:
    at = start(page)  # fails on any exception
    assert at.title[0].value == title


def test_without_an_actor_the_app_asks_who_you_are(app_db: Path) -> None:
    at = start(actor=None)
    assert any("Hvem er du?" in i.value for i in at.info)


def test_the_employer_list_shows_demo_employers(app_db: Path) -> None:
    at = start("employers")
    assert len(at.dataframe) >= 1 and len(at.dataframe[0].value) >= 50


def test_a_database_held_by_another_process_is_one_clear_sentence(app_db: Path) -> None:
    import subprocess
    import sys

    code = f"import duckdb, sys; c = duckdb.connect({str(app_db)!r}); print('ready', flush=True); sys.stdin.read()"
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        at = start(actor=None)
        assert any("er i brug af proces" in e.value and str(holder.pid) in e.value for e in at.error)
    finally:
        holder.communicate("", timeout=10)
