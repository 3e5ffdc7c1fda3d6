"""Borgere: the profile form says what is wrong in Danish, a form sent twice creates one citizen, and a form
opened before a colleague's save is refused without losing either person's work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from oto_match.domain import Citizen, Staff
from oto_match.services import citizens as citizen_service
from oto_match.services.citizen_change import PROFILE_FIELDS, CitizenChange
from oto_match.storage.db import Database
from oto_match.ui.citizens import NEW_CITIZEN_ID, SELECTED_CITIZEN
from tests.ui.conftest import start

COLLEAGUE = Staff("S007", "S007", "gellerup", "job_consultant")  # a Gellerup colleague in the demo


def _submit(at: AppTest, form_key: str) -> None:
    next(b for b in at.button if b.label == "Gem borger" and b.form_id == form_key).click().run()


def _new_form(at: AppTest) -> str:
    return f"citizen_{at.session_state[NEW_CITIZEN_ID]}_0"


def _count(app_db: Path, name: str) -> int:
    database = Database(app_db)
    try:
        return int(database.cursor().execute("SELECT count(*) FROM citizens WHERE name = ?", [name]).fetchall()[0][0])
    finally:
        database.close()


def test_an_invalid_availability_shows_a_danish_message_naming_the_field(app_db: Path) -> None:
    at = start("citizens")
    form = _new_form(at)
    at.text_input(key=f"{form}_name").input("Ny Borger")
    at.text_input(key=f"{form}_availability").input("man 25:00-26:00")
    _submit(at, form)
    assert not at.exception
    assert any("Tilgængelig" in e.value and "klokkeslæt" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_input(key=f"{form}_availability").value == "man 25:00-26:00"  # what was typed stays
    assert _count(app_db, "Ny Borger") == 0


def test_a_new_citizen_form_sent_twice_creates_one_citizen(app_db: Path) -> None:
    at = start("citizens")
    form = _new_form(at)
    at.text_input(key=f"{form}_name").input("Dobbelt Klik")
    _submit(at, form)
    assert any("Dobbelt Klik er oprettet" in s.value for s in at.success)
    _submit(at, form)
    assert not at.exception and not at.error
    assert any("allerede gemt" in i.value for i in at.info)
    assert _count(app_db, "Dobbelt Klik") == 1


def _as_change(c: Citizen, **values: Any) -> CitizenChange:
    """What a colleague's form sends for `c` with `values` changed."""
    return CitizenChange(c.citizen_id, version=c.version, **{**{f: getattr(c, f) for f in PROFILE_FIELDS}, **values})


def test_a_form_opened_before_a_colleagues_save_is_refused_and_keeps_what_was_typed(app_db: Path) -> None:
    database = Database(app_db)
    sql = "SELECT citizen_id FROM citizens WHERE team_id = 'gellerup' AND status <> 'ended' ORDER BY name LIMIT 1"
    citizen_id = database.cursor().execute(sql).fetchall()[0][0]
    colleague = database.cursor().execute("SELECT name FROM staff WHERE staff_id = 'S007'").fetchall()[0][0]
    at = start("citizens")
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()
    opened = citizen_service.get_citizen(database, COLLEAGUE, citizen_id)
    form = f"citizen_{opened.citizen_id}_{opened.version}"
    at.text_input(key=f"{form}_experience").input("lager og pakning")
    citizen_service.save_citizen(database, COLLEAGUE, _as_change(opened, wishes="bageri"))
    database.close()
    _submit(at, form)
    assert not at.exception
    refused = [e.value for e in at.error]
    assert any(f"ændret af {colleague}" in e and "Ønsker" in e for e in refused), refused
    assert at.text_input(key=f"{form}_experience").value == "lager og pakning"
    database = Database(app_db)
    now = citizen_service.get_citizen(database, COLLEAGUE, citizen_id)
    database.close()
    assert now.wishes == "bageri" and now.experience == opened.experience and now.version == opened.version + 1
    at.button(key=f"reload_{citizen_id}").click().run()
    current = f"citizen_{citizen_id}_{opened.version + 1}"
    assert at.text_input(key=f"{current}_wishes").value == "bageri"
    at.text_input(key=f"{current}_experience").input("lager og pakning")
    _submit(at, current)
    assert any("er gemt" in s.value for s in at.success)
    saved = f"citizen_{citizen_id}_{opened.version + 2}"  # the form shows the record as it is now
    assert at.text_input(key=f"{saved}_experience").value == "lager og pakning"


def test_job_der_passer_shows_the_first_jobs_and_counts_the_rest(app_db: Path) -> None:
    from oto_match.domain import JobOpening
    from oto_match.services.matching import JOBS_SHOWN
    from oto_match.storage import jobs as job_sql
    from oto_match.ui.common import VERDICT_BADGES

    database = Database(app_db)
    try:
        with database.transaction() as cur:  # more open jobs than one screen holds
            employer_id = str(cur.execute("SELECT min(employer_id) FROM employers").fetchall()[0][0])
            for i in range(JOBS_SHOWN):
                job_sql.save_job(cur, JobOpening(f"JX{i:03}", employer_id, f"Ekstra job {i}", "small_job"))
            open_jobs = int(cur.execute("SELECT count(*) FROM job_openings WHERE status = 'open'").fetchall()[0][0])
            active = "SELECT min(citizen_id) FROM citizens WHERE status <> 'ended'"
            citizen_id = str(cur.execute(active).fetchall()[0][0])
    finally:
        database.close()
    assert open_jobs > JOBS_SHOWN
    at = start("citizens")
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()
    assert not at.exception

    def job_cards() -> int:
        return sum(1 for e in at.expander if any(e.label.startswith(b) for b in VERDICT_BADGES.values()))

    assert job_cards() == min(JOBS_SHOWN, open_jobs)
    assert any(f"{open_jobs} åbne jobåbninger" in c.value for c in at.caption)
    assert any(f"og {open_jobs - JOBS_SHOWN} andre" in c.value for c in at.caption)
    next(b for b in at.button if b.label.startswith("Vis flere")).click().run()
    assert job_cards() == min(2 * JOBS_SHOWN, open_jobs)


def test_the_adgangslog_names_people_and_says_what_they_did_in_danish(app_db: Path) -> None:
    import re

    from oto_match.vocab import ACTION_WORDS

    database = Database(app_db)
    sql = "SELECT citizen_id FROM citizens WHERE team_id = 'gellerup' AND status <> 'ended' ORDER BY name LIMIT 1"
    citizen_id = database.cursor().execute(sql).fetchall()[0][0]
    database.close()
    at = start("citizens")
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()  # opening the profile is itself logged
    assert not at.exception
    log = next(d.value for d in at.dataframe if "Handling" in d.value.columns)
    assert len(log) >= 1
    assert set(log["Handling"]) <= set(ACTION_WORDS.values()) | {"anden handling"}
    assert not any(re.fullmatch(r"S\d+", str(who)) for who in log["Hvem"])
    assert any("Leder › Loggen" in c.value for c in at.caption)
    assert not any(citizen_id in c.value for c in at.caption)


def _gellerup_citizen(app_db: Path) -> str:
    database = Database(app_db)
    try:
        sql = "SELECT citizen_id FROM citizens WHERE team_id = 'gellerup' AND status <> 'ended' ORDER BY name LIMIT 1"
        return str(database.cursor().execute(sql).fetchall()[0][0])
    finally:
        database.close()


def test_a_saved_profile_is_confirmed_below_the_form_and_the_user_stays_on_redigér(app_db: Path) -> None:
    from oto_match.ui.citizens import PROFILE_TABS

    citizen_id = _gellerup_citizen(app_db)
    at = start("citizens")
    at.session_state[PROFILE_TABS] = "Redigér"
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()
    opened = next(b.form_id for b in at.button if b.label == "Gem borger" and citizen_id in b.form_id)
    at.text_input(key=f"{opened}_experience").input("lager og pakning")
    _submit(at, opened)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("er gemt" in s.value for s in at.success)
    assert any("er gemt" in t.value for t in at.toast)
    assert at.session_state[PROFILE_TABS] == "Redigér"
    assert at.selectbox(key=SELECTED_CITIZEN).value == citizen_id
    at.run()  # the next action: the old message is gone
    assert not any("er gemt" in s.value for s in at.success)


def test_the_adgangslog_shows_no_record_numbers_or_codes(app_db: Path) -> None:
    import re

    citizen_id = _gellerup_citizen(app_db)
    at = start("citizens")
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()
    opened = next(b.form_id for b in at.button if b.label == "Gem borger" and citizen_id in b.form_id)
    at.selectbox(key=f"{opened}_partner1").set_value("S007")  # a change naming a colleague by id in the log
    _submit(at, opened)
    assert not at.exception and not at.error, [e.value for e in at.error]
    log = next(d.value for d in at.dataframe if "Handling" in d.value.columns)
    text = " ".join(str(v) for v in log.to_numpy().ravel())
    assert "ændrede" in set(log["Handling"]) and "så" in set(log["Handling"])
    assert not re.search(r"\b[A-Z]{1,2}\d{3,}\b", text), text
    assert not re.search(r"\b(view|update|followup|concern|[a-z]+_[a-z_]+)\b", text), text
    assert "Makker 1" in text


def test_the_profile_shows_status_in_words_and_colour_and_no_record_number(app_db: Path) -> None:
    citizen_id = _gellerup_citizen(app_db)
    at = start("citizens")
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()
    head = next(m.value for m in at.markdown if "-badge[" in m.value and "Team Gellerup" in m.value)
    assert citizen_id not in head and "makkerpar" in head
    assert not any(citizen_id in c.value for c in at.caption if "Lederen" not in c.value)


def test_form_errors_are_one_line_per_field_as_on_the_employer_and_job_forms(app_db: Path) -> None:
    at = start("citizens")
    form = _new_form(at)
    at.text_input(key=f"{form}_availability").input("man 25:00-12:00")
    _submit(at, form)
    assert not at.exception
    [error] = [e.value for e in at.error]
    lines = error.splitlines()
    assert len(lines) == 2 and lines[0] == "- Navn: mangler", lines
    assert lines[1].startswith("- Tilgængelig:") and "klokkeslæt" in lines[1], lines


def test_a_saved_profile_is_said_once_below_the_form_and_once_in_a_toast(app_db: Path) -> None:
    from oto_match.ui.citizens import PROFILE_TABS

    citizen_id = _gellerup_citizen(app_db)
    at = start("citizens")
    at.session_state[PROFILE_TABS] = "Redigér"
    at.selectbox(key=SELECTED_CITIZEN).set_value(citizen_id).run()
    opened = next(b.form_id for b in at.button if b.label == "Gem borger" and citizen_id in b.form_id)
    at.text_input(key=f"{opened}_experience").input("lager og pakning")
    _submit(at, opened)
    assert len([s for s in at.success if "er gemt" in s.value]) == 1
    assert len([t for t in at.toast if "er gemt" in t.value]) == 1
