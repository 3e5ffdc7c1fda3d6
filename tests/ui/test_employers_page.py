"""AppTest of the Virksomheder page."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from oto_match.domain import Employer, Staff
from oto_match.employer_inputs import EmployerChange
from oto_match.services import employers as employer_service
from oto_match.services.employers import employer_rows
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database
from oto_match.ui import state
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
    merged = [s.value for s in at.success if s.value.startswith("Flettet:")]
    assert merged and "Flyttet:" in merged[0] and not re.search(r"[A-Z]\d{5,}|_", merged[0]), merged
    assert any(t.value == merged[0] for t in at.toast)  # the pair is gone from the list: a toast says it too


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


def _employer(path: Path, employer_id: str) -> Employer:
    db = Database(path)
    try:
        with db.transaction() as cur:
            e = employer_sql.get_employer(cur, employer_id)
        assert e is not None
        return e
    finally:
        db.close()


def _cup1_employer_lacking(path: Path, strains: tuple[str, ...]) -> str:
    rows = _rows(path)
    return next(
        eid for eid, stage in sorted(rows.items())
        if stage == "cup1" and not set(strains) & set(_employer(path, eid).accommodations)
    )  # fmt: skip


def _first(widgets: object, label: str) -> Any:
    return next(w for w in widgets if w.label == label)  # type: ignore[attr-defined]


def test_adaptations_added_after_a_visit_show_in_stamdata_and_survive_its_save(app_db: Path) -> None:
    learned = ("cold", "noise")
    employer_id = _cup1_employer_lacking(app_db, learned)
    at = start("employers")
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)
    at.run()
    _first(at.radio, "Hvilken kop te?").set_value(2)  # the employer view's own visit form comes first
    _first(at.multiselect, "Lært ved 2. kop: belastninger arbejdspladsen kan fjerne").set_value(list(learned))
    _first(at.button, "Gem besøg").click()
    at.run()
    assert any("2. kop te" in s.value for s in at.success), [s.value for s in at.success]
    by_label(at.button, "Tilføj til virksomhedens tilpasninger").click()
    at.run()
    assert set(learned) <= set(_first(at.multiselect, "Belastninger arbejdspladsen kan fjerne").value)
    _first(at.text_input, "Andre tilpasninger (fx hæve-sænkebord)").input("hæve-sænkebord")
    by_label(at.button, "Gem stamdata").click()
    at.run()
    assert not at.exception and any(s.value == "Stamdata er gemt." for s in at.success)
    saved = _employer(app_db, employer_id)
    assert set(learned) <= set(saved.accommodations) and saved.adaptations_note == "hæve-sænkebord"


def test_a_stamdata_form_opened_before_a_colleagues_save_is_refused_and_keeps_what_was_typed(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in sorted(_rows(app_db).items()) if stage == "cup2")
    at = start("employers")
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)
    at.run()
    db = Database(app_db)
    try:
        colleague = Staff("S001", "", "gellerup", "team_leader")
        current = EmployerChange.editing(_employer(app_db, employer_id))
        employer_service.save_employer(db, colleague, replace(current, industry="Kollegaens branche"))
    finally:
        db.close()
    _first(at.text_input, "Andre tilpasninger (fx hæve-sænkebord)").input("hæve-sænkebord")
    by_label(at.button, "Gem stamdata").click()
    at.run()
    assert not at.exception
    assert any("er ændret af" in e.value and "Intet er gemt" in e.value for e in at.error), [e.value for e in at.error]
    assert _first(at.text_input, "Andre tilpasninger (fx hæve-sænkebord)").value == "hæve-sænkebord"
    kept = _employer(app_db, employer_id)
    assert kept.industry == "Kollegaens branche" and kept.adaptations_note != "hæve-sænkebord"


def test_opret_jobaabning_hands_the_employer_and_the_user_to_the_jobs_page(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in sorted(_rows(app_db).items()) if stage == "partner")
    at = start("employers")
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)
    at.run()
    by_label(at.button, "Opret jobåbning hos denne virksomhed").click()
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Jobåbninger & match"]
    assert not any("Hvem er du?" in i.value for i in at.info)  # the user is still signed in
    assert at.session_state[state.ACTOR] == "S006"
    waiting = at.session_state[state.HANDOFF] if state.HANDOFF in at.session_state else None  # noqa: SIM401
    assert waiting in (None, state.JobFromEmployer(employer_id, "S006"))  # None: the jobs page took it


def test_a_new_employer_like_an_existing_one_is_refused_next_to_the_form_until_confirmed(app_db: Path) -> None:
    existing = _employer(app_db, sorted(_rows(app_db))[0])
    before = len(_rows(app_db))
    at = start("employers")
    by_label(at.text_input, "Navn *").input(existing.name.upper())  # the register has no open employer: one form
    by_label(at.text_input, "Postnummer *").input(existing.postcode)
    at.run()
    assert any(existing.name in w.value for w in at.warning), [w.value for w in at.warning]
    by_label(at.button, "Opret virksomhed").click()
    at.run()
    assert any(existing.name in e.value and "bekræft" in e.value for e in at.error), [e.value for e in at.error]
    assert len(_rows(app_db)) == before
    by_label(at.checkbox, "Jeg har tjekket forslagene: opret alligevel").check()
    by_label(at.button, "Opret virksomhed").click()
    at.run()
    assert any("er oprettet med dig som ejer" in s.value for s in at.success), [s.value for s in at.success]
    assert len(_rows(app_db)) == before + 1
    assert by_label(at.text_input, "Navn *").value == ""  # the next form starts empty


def test_an_employer_with_thousands_of_siblings_names_twenty_and_counts_the_rest(app_db: Path) -> None:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            chain = [Employer(f"EK{i:05d}", f"Kædebutik {i:05d}", "8220", cvr="24256790", address=f"Vej {i}")
                     for i in range(1235)]  # fmt: skip
            employer_sql.insert_employers(cur, chain, employer_sql.MASTER_COLUMNS, "S006")
    finally:
        db.close()
    at = start("employers")
    assert any(c.value.startswith("1.295 af 1.295 virksomheder") for c in at.caption), [c.value for c in at.caption]
    by_label(at.text_input, "Søg (navn, adresse, CVR, P-nr.)").input("kædebutik")
    at.run()
    assert len(by_label(at.selectbox, "Åbn virksomhed").options) == 100  # one page, not 1.235
    by_label(at.selectbox, "Åbn virksomhed").set_value("EK00000")
    at.run()
    folded = next(e for e in at.expander if e.label.startswith("Andre arbejdspladser under samme CVR"))
    assert folded.label.endswith("(1.234)")
    listed = folded.markdown[0].value.splitlines()
    assert len(listed) == 20 and listed[-1].startswith("- Kædebutik 00020")  # a short list, not 1.234 names
    assert any("og 1.214 andre" in c.value and "24256790" in c.value for c in folded.caption)


def test_the_duplicate_list_is_kept_and_says_when_the_register_has_changed_since(app_db: Path) -> None:
    at = start("employers")
    by_label(at.button, "Søg efter dubletter nu").click()
    at.run()
    assert any("sandsynlig dublet blandt" in c.value for c in at.caption)  # the demo has one pair
    again = start("employers")  # a new session reads the kept result without scanning
    assert any("lignende navn" in m.value for m in again.markdown)
    db = Database(app_db)
    try:
        employer = _employer(app_db, sorted(_rows(app_db))[0])
        employer_service.save_employer(db, Staff("S001", "", "gellerup", "team_leader"),
                                       replace(EmployerChange.editing(employer), name="Helt nyt navn"))  # fmt: skip
    finally:
        db.close()
    at.run()
    assert any("Registret er ændret siden søgningen" in w.value for w in at.warning)


def test_a_visit_typed_for_a_future_date_is_refused_with_a_danish_message_not_saved_as_today(app_db: Path) -> None:
    from datetime import timedelta

    employer_id = next(eid for eid, stage in _rows(app_db).items() if stage == "none")
    at = start("employers")
    next(s for s in at.selectbox if s.label == "Virksomhed").set_value(employer_id)
    by_label(at.date_input, "Dato").set_value(date.today() + timedelta(days=14))
    by_label(at.radio, "Hvilken kop te?").set_value(1)
    by_label(at.button, "Gem besøg").click()
    at.run()
    assert not at.exception
    assert any("Dato:" in e.value and "fremtiden" in e.value for e in at.error), [e.value for e in at.error]
    assert _rows(app_db)[employer_id] == "none"  # nothing saved, not even as today


def test_the_employer_register_downloads_as_excel_with_danish_headers(app_db: Path, monkeypatch: Any) -> None:
    from tests.ui.excel_files import first_sheet, record_excel_files

    files = record_excel_files(monkeypatch)
    at = start("employers")
    assert not at.exception
    assert "Hent som Excel" in [b.label for b in at.get("download_button")]
    cells = first_sheet(files["virksomheder.xlsx"])
    assert cells[0][:3] == ["Virksomhed", "CVR-nummer", "P-nummer"]
    db = Database(app_db)
    try:
        assert len(cells) - 1 == len(employer_rows(db, date.today()))  # every page, not just the first
    finally:
        db.close()


def test_duplicate_reasons_read_as_plain_danish_without_scores_each_once(app_db: Path) -> None:
    at = start("employers")
    by_label(at.button, "Søg efter dubletter nu").click()
    at.run()
    db = Database(app_db)
    try:  # a scan kept from before speaks the old wording: the page words it anew from the reason codes
        old = "['lignende navn (100) i samme postnummer', 'samme CVR']"
        db.cursor().execute(f"UPDATE duplicate_pairs SET reasons = {old}")
    finally:
        db.close()
    at.run()
    lines = [m.value.split("Derfor ligner de hinanden: ")[1] for m in at.markdown if "Derfor ligner" in m.value]
    assert lines and all(not re.search(r"\(\d+\)", line) for line in lines)
    for line in lines:
        reasons = line.split(", ")
        assert len(reasons) == len(set(reasons)) and "lignende navn i samme postnummer" in reasons


def test_the_opret_alligevel_checkbox_shows_only_when_there_are_suggestions_to_check(app_db: Path) -> None:
    existing = _employer(app_db, sorted(_rows(app_db))[0])
    confirm = "Jeg har tjekket forslagene: opret alligevel"
    at = start("employers")
    assert not any(c.label == confirm for c in at.checkbox)
    by_label(at.text_input, "Navn *").input("Zyxwvu Helt Ny Virksomhed")
    by_label(at.text_input, "Postnummer *").input("8220")
    at.run()
    assert not at.warning and not any(c.label == confirm for c in at.checkbox)
    by_label(at.text_input, "Navn *").input(existing.name)
    by_label(at.text_input, "Postnummer *").input(existing.postcode)
    at.run()
    assert at.warning and any(c.label == confirm for c in at.checkbox)
