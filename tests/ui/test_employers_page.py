"""AppTest of the Virksomheder page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from oto_match.services.employers import employer_rows
from oto_match.storage.db import Database
from tests.ui.conftest import by_label, start


def _rows(path: Path) -> dict[str, str]:
    db = Database(path)
    try:
        return {r.employer.employer_id: r.stage for r in employer_rows(db, date.today())}
    finally:
        db.close()


def test_saving_a_visit_in_the_quick_form_moves_the_stage(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in _rows(app_db).items() if stage == "none")
    at = start("employers")
    selects = [s for s in at.selectbox if s.label == "Virksomhed"]
    selects[0].set_value(employer_id)
    by_label(at.radio, "Hvilken kop te?").set_value(1)
    by_label(at.text_area, "Noter").input("Første kop: nysgerrig snak")
    by_label(at.button, "Gem besøg").click()
    at.run()
    assert not at.exception
    assert any("1. kop te" in s.value for s in at.success), [s.value for s in at.success]
    assert _rows(app_db)[employer_id] == "cup1"


def test_opening_an_employer_shows_its_view_and_timeline(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in _rows(app_db).items() if stage == "partner")
    at = start("employers")
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)
    at.run()
    assert not at.exception
    assert any("Fase:" in c.value for c in at.caption)
    assert any("Forløb startet" in m.value for m in at.markdown)


def test_the_duplicate_scan_runs_on_demand_and_lists_the_demo_duplicate(app_db: Path) -> None:
    at = start("employers")
    assert not any("lignende navn" in m.value for m in at.markdown)
    by_label(at.button, "Søg efter dubletter nu").click()
    at.run()
    assert any("lignende navn" in m.value for m in at.markdown)


def test_merging_from_the_duplicate_tab_needs_a_confirmation(app_db: Path) -> None:
    at = start("employers")
    by_label(at.button, "Søg efter dubletter nu").click()
    at.run()
    merge = by_label(at.button, "Flet")
    assert merge.disabled
    next(c for c in at.checkbox if c.label.startswith("Ja, flyt alt fra")).check()
    at.run()
    by_label(at.button, "Flet").click()
    at.run()
    assert any(s.value.startswith("Flettet. Flyttet:") for s in at.success)


def test_pausing_an_employer_shows_the_paused_state_at_once(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in _rows(app_db).items() if stage == "cup1")
    at = start("employers")
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)
    at.run()
    by_label(at.text_input, "Årsag til pause").input("Travl sæson")
    by_label(at.button, "Sæt samarbejdet på pause").click()
    at.run()
    assert not at.exception
    assert _rows(app_db)[employer_id] == "paused"
    assert any(b.label == "Genoptag samarbejdet" for b in at.button)
