"""AppTest of issue 14's feedback on Virksomheder and Jobåbninger & match: a save confirms where the user acted,
the tab stays, a filter keeps the open record, a clicked row opens it, and no picker shows an id."""

from __future__ import annotations

import re
from pathlib import Path

from oto_match.ui.employers.register import TABLE
from oto_match.ui.jobs import keys
from tests.ui.conftest import by_label, start
from tests.ui.test_employers_page import _rows
from tests.ui.test_jobs_page import _job_with_candidates

RAW_ID = re.compile(r"\b[A-Z]+\d{3,}\b")


def _open(at: object, employer_id: str) -> None:
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)  # type: ignore[attr-defined]
    at.run()  # type: ignore[attr-defined]


def test_a_contact_added_is_confirmed_below_its_form_and_the_tabs_stay(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in sorted(_rows(app_db).items()) if stage == "partner")
    at = start("employers")
    _open(at, employer_id)
    at.session_state[f"employers.detail_tab_{employer_id}"] = "Kontaktpersoner"
    at.run()
    by_label(at.text_input, "Navn").input("Kim Madsen")
    by_label(at.text_input, "E-mail").input("kim@firma.dk")
    by_label(at.button, "Tilføj kontaktperson").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Kim Madsen er tilføjet som kontaktperson."]
    assert at.session_state["employers.tab"] == "Register"
    assert at.session_state[f"employers.detail_tab_{employer_id}"] == "Kontaktpersoner"
    at.run()  # the next action: the message is gone
    assert not at.success


def test_an_invalid_email_is_shown_as_typed_not_as_a_link(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in sorted(_rows(app_db).items()) if stage == "partner")
    at = start("employers")
    _open(at, employer_id)
    by_label(at.text_input, "Navn").input("Kim Madsen")
    by_label(at.text_input, "E-mail").input("kim@firma")
    by_label(at.button, "Tilføj kontaktperson").click()
    at.run()
    error = next(e.value for e in at.error if e.value.startswith("E-mail:"))
    assert "kim@\u2060firma" in error and "navn@\u2060firma.dk" in error  # the renderer makes no mailto link


def test_changing_a_filter_keeps_the_open_employer(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in sorted(_rows(app_db).items()) if stage == "partner")
    at = start("employers")
    _open(at, employer_id)
    name = at.subheader[0].value
    by_label(at.text_input, "Søg (navn, adresse, CVR, P-nr.)").input("zzz findes ikke")
    at.run()
    assert not at.exception
    assert at.subheader[0].value == name and by_label(at.selectbox, "Åbn virksomhed").value == employer_id


def test_a_register_row_clicked_opens_its_employer(app_db: Path) -> None:
    at = start("employers")
    second = at.dataframe[0].value["Virksomhed"][1]
    at.session_state[TABLE] = {"selection": {"rows": [1], "columns": []}}
    at.run()
    assert not at.exception
    assert [h.value for h in at.subheader] == [second]


def test_a_saved_visit_is_confirmed_once_below_the_form_and_the_cup_follows_the_stage(app_db: Path) -> None:
    employer_id = next(eid for eid, stage in sorted(_rows(app_db).items()) if stage == "cup1")
    at = start("employers")
    _open(at, employer_id)
    assert at.radio[0].value == 1  # the employer view's form suggests the employer's cup
    at.radio[0].set_value(2)
    next(b for b in at.button if b.label == "Gem besøg").click()
    at.run()
    assert any(s.value == "Besøget er gemt. Fase: 1. kop te → 2. kop te." for s in at.success)
    assert [t.value for t in at.toast] == ["Besøget er gemt. Fase: 1. kop te → 2. kop te."]  # seen at 1366×768 too
    assert at.radio[0].value == 2  # the next visit starts from the stage reached, not from the first cup
    at.run()
    assert not any(s.value.startswith("Besøget er gemt") for s in at.success) and not at.toast


def test_the_pipeline_says_in_words_when_no_next_step_is_planned_and_when_one_is_overdue(app_db: Path) -> None:
    at = start("employers")
    cards = " ".join(c.value for c in at.caption)
    assert "Intet næste skridt aftalt" in cards and "Næste: – –" not in cards
    assert ":red[**Overskredet:**" in cards


def test_a_job_row_clicked_opens_the_job_and_the_picker_shows_no_ids(app_db: Path) -> None:
    at = start("jobs")
    assert not [o for o in by_label(at.selectbox, "Jobåbning").options if RAW_ID.search(o)]
    title = at.dataframe[0].value["Job"][0]
    at.session_state[keys.JOBS_TABLE] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception
    assert any(m.value.startswith(f"### {title}") for m in at.markdown)
    by_label(at.button, "Tilbage til listen").click()
    at.run()
    assert "Job" in at.dataframe[0].value.columns


def test_gem_note_confirms_under_the_button_and_the_job_tab_stays(app_db: Path) -> None:
    job_id, _, _ = _job_with_candidates(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    at.session_state[keys.of(keys.JOB_TAB, job_id)] = "Teammøde: rangering"
    at.text_input(key=next(t.key for t in at.text_input if t.label == "Note til teamet")).input("Spørg hende")
    next(b for b in at.button if b.label == "Gem note").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Noten er gemt og vist ovenfor."]
    assert any("Spørg hende" in c.value for c in at.caption)
    assert at.session_state[keys.of(keys.JOB_TAB, job_id)] == "Teammøde: rangering"
