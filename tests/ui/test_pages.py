"""Every page starts against the demo database without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import start


@pytest.mark.parametrize("page", ["employers", "jobs", "citizens", "retention", "overview"])
def test_every_page_renders(app_db: Path, page: str) -> None:
    at = start(page)
    assert at.title[0].value


def test_without_an_actor_the_app_asks_who_you_are(app_db: Path) -> None:
    at = start(actor=None)
    assert any("Hvem er du?" in i.value for i in at.info)


def test_the_employer_list_shows_demo_employers(app_db: Path) -> None:
    at = start("employers")
    assert len(at.dataframe) >= 1 and len(at.dataframe[0].value) >= 50
