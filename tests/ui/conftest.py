"""AppTest fixtures: the app runs against a private copy of the demo database."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


@pytest.fixture
def app_db(demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "app.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    monkeypatch.setenv("OTO_DB", str(copy))
    return copy


def start(page: str | None = None, actor: str | None = "S006") -> AppTest:
    """Run the app as `actor` (S006 is a Gellerup virksomhedskonsulent in the demo), on `page`."""
    at = AppTest.from_file(APP, default_timeout=30)
    if actor:
        at.session_state["actor_id"] = actor
    at.run()
    if page:
        at.switch_page(f"oto_match/ui/pages/{page}.py")
        at.run()
    assert not at.exception, at.exception
    return at


def by_label(widgets: object, label: str) -> object:
    """The first widget of a kind (e.g. `at.selectbox`) with this label."""
    return next(w for w in widgets if w.label == label)  # type: ignore[attr-defined]
