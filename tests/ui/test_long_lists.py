"""Long lists at national scale: a page shows one page of a list and counts the rest in Danish ("Viser 1–50 af
1.214"), and a picker that could list thousands of names offers at most ~100 found by a search, keeping what is
already chosen."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from oto_match.domain import Citizen, FollowUp, JobOpening
from oto_match.services.citizen_lists import CHOICES_MAX as CITIZEN_CHOICES
from oto_match.services.citizen_lists import PAGE_SIZE as CITIZENS_PAGE
from oto_match.services.employers import CHOICES_MAX
from oto_match.services.followups import FOLLOWUPS_PAGE_SIZE
from oto_match.services.jobs import JOBS_PAGE_SIZE
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.ui import state
from oto_match.ui.citizens import LIST_PAGE, SELECTED_CITIZEN
from oto_match.ui.fastholdelse import keys as fastholdelse_keys
from oto_match.ui.jobs import keys as job_keys
from tests.ui.conftest import APP, by_label, start, user_of

EMPLOYER_SEARCH = "Find virksomhed (navn eller postnummer)"


def _count(path: Path, sql: str) -> int:
    db = Database(path)
    try:
        return int(db.cursor().execute(sql).fetchall()[0][0])
    finally:
        db.close()


def _add_employers(path: Path, n: int) -> None:
    """`n` more employers, EX00000 'Testvirksomhed 00000' onwards (one statement each table)."""
    db = Database(path)
    try:
        with db.transaction() as cur:
            ids = "SELECT 'EX' || lpad(i::VARCHAR, 5, '0') AS id, i FROM range(?) t(i)"
            cur.execute(f"INSERT INTO employer_keys SELECT id FROM ({ids})", [n])
            cur.execute(f"INSERT INTO employers (employer_id, name, postcode) SELECT id, 'Testvirksomhed '"
                        f" || lpad(i::VARCHAR, 5, '0'), '8220' FROM ({ids})", [n])  # fmt: skip
    finally:
        db.close()


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def click_cell(at: AppTest, table: Dataframe, row: int, column: str) -> None:
    """A click on one cell of a table, sent as the browser sends it (the table's selection as widget state), so
    an on_select callback runs as it does in the app; then the rerun the click causes."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = table.proto.id
    state.string_value = json.dumps({"selection": {"rows": [], "columns": [], "cells": [[row, column]]}})
    at._run(states)


def test_the_jobs_table_shows_one_page_counts_the_rest_and_a_search_narrows_it(app_db: Path) -> None:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            for i in range(JOBS_PAGE_SIZE + 10):
                job_sql.save_job(cur, JobOpening(f"JX{i:03}", "E00001", f"Ekstra job {i}", "small_job"))
    finally:
        db.close()
    total = _count(app_db, "SELECT count(*) FROM job_openings WHERE status = 'open'")
    at = start("jobs")
    assert len(at.dataframe[0].value) == JOBS_PAGE_SIZE
    assert f"Viser 1–{JOBS_PAGE_SIZE} af {total} jobåbninger" in _captions(at)
    assert len(by_label(at.selectbox, "Jobåbning").options) == JOBS_PAGE_SIZE  # the jobs on the page
    at.number_input(key=job_keys.JOBS_PAGE).set_value(2).run()
    assert len(at.dataframe[0].value) == total - JOBS_PAGE_SIZE
    at.text_input(key=job_keys.JOB_SEARCH).input("ekstra job 7").run()  # page 2 no longer exists: page 1
    assert not at.exception
    assert list(at.dataframe[0].value["Job"]) == ["Ekstra job 7"]


def test_the_job_forms_employer_picker_offers_what_a_search_finds_with_a_danish_count(app_db: Path) -> None:
    _add_employers(app_db, 1200)
    total = _count(app_db, "SELECT count(*) FROM employers WHERE merged_into IS NULL")
    at = start("jobs")
    assert len(by_label(at.selectbox, "Virksomhed *").options) == CHOICES_MAX
    assert f"Viser {CHOICES_MAX} af {total:,} virksomheder: skriv mere for at finde andre.".replace(",", ".") in (
        _captions(at)
    )
    by_label(at.text_input, EMPLOYER_SEARCH).input("testvirksomhed 01199").run()
    picker = by_label(at.selectbox, "Virksomhed *")
    assert picker.options == ["Testvirksomhed 01199 (8220)"]  # type: ignore[attr-defined]


def test_an_employer_handed_over_from_virksomheder_is_chosen_though_no_search_found_it(app_db: Path) -> None:
    _add_employers(app_db, 1200)
    at = AppTest.from_file(APP, default_timeout=30)
    state.sign_in(at.session_state, user_of("S006"))
    at.session_state[state.HANDOFF] = state.JobFromEmployer("EX01199", "S006")
    at.run()
    at.switch_page("oto_match/ui/pages/jobs.py").run()
    assert not at.exception
    assert by_label(at.selectbox, "Virksomhed *").value == "EX01199"
    assert any("Testvirksomhed 01199" in i.value for i in at.info)


def test_the_citizen_list_shows_one_page_and_counts_the_team(app_db: Path) -> None:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            for i in range(CITIZENS_PAGE + 5):
                citizen_sql.save_citizen(cur, Citizen(f"CX{i:03}", f"Åse Testborger {i:03}", team_id="gellerup"))
    finally:
        db.close()
    team = _count(app_db, "SELECT count(*) FROM citizens WHERE team_id = 'gellerup'")
    at = start("citizens")
    assert len(at.dataframe[0].value) == CITIZENS_PAGE
    assert f"Viser 1–{CITIZENS_PAGE} af {team} borgere" in _captions(at)
    at.number_input(key=LIST_PAGE).set_value(2).run()
    assert len(at.dataframe[0].value) == team - CITIZENS_PAGE
    at.selectbox(key=SELECTED_CITIZEN).set_value("CX054").run()  # on page 2 (Å sorts last)
    at.number_input(key=LIST_PAGE).set_value(1).run()  # the one opened stays on offer on page 1
    assert at.selectbox(key=SELECTED_CITIZEN).value == "CX054"
    assert any(h.value == "Åse Testborger 054" for h in at.subheader)


def test_a_click_on_a_citizens_name_opens_the_citizen_and_a_toast_says_it_is_further_down(app_db: Path) -> None:
    at = start("citizens")
    second = at.dataframe[0].value["Navn"][1]
    click_cell(at, at.dataframe[0], 1, "Navn")
    assert not at.exception
    assert [h.value for h in at.subheader] == [second]
    assert [t.value for t in at.toast] == [f"{second} er åbnet længere nede på siden."]
    at.run()  # the next action: no second toast, the citizen stays open
    assert not at.toast and [h.value for h in at.subheader] == [second]


def test_the_teams_follow_ups_are_shown_a_page_at_a_time(app_db: Path) -> None:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            (pid, start_date), *_ = cur.execute(
                "SELECT placement_id, start_date FROM placements p JOIN citizens c USING (citizen_id)"
                " WHERE p.status = 'active' AND p.released_on IS NULL AND c.team_id = 'gellerup' ORDER BY 1"
            ).fetchall()
            extra = [FollowUp(f"FX{i:03}", pid, start_date + timedelta(days=i), "ad_hoc", "citizen")
                     for i in range(FOLLOWUPS_PAGE_SIZE + 10)]  # fmt: skip
            placement_sql.insert_followups(cur, extra, None)
    finally:
        db.close()
    at = start("fastholdelse")
    team_table = at.dataframe[-1].value if len(at.dataframe) > 1 else at.dataframe[0].value
    assert len(team_table) == FOLLOWUPS_PAGE_SIZE
    assert any(
        c.startswith(f"Viser 1–{FOLLOWUPS_PAGE_SIZE} af ") and c.endswith(" opfølgninger") for c in _captions(at)
    )
    at.number_input(key=fastholdelse_keys.TEAM_FOLLOWUPS_PAGE).set_value(2).run()
    assert not at.exception


def test_the_new_placement_forms_citizen_picker_is_capped_and_keeps_the_handed_over_citizen(app_db: Path) -> None:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            for i in range(CITIZEN_CHOICES + 20):
                citizen_sql.save_citizen(cur, Citizen(f"CX{i:03}", f"Åse Testborger {i:03}", team_id="gellerup"))
            (job_id,) = cur.execute("SELECT min(job_id) FROM job_openings WHERE status = 'open'").fetchall()[0]
    finally:
        db.close()
    active = _count(app_db, "SELECT count(*) FROM citizens WHERE team_id = 'gellerup' AND status <> 'ended'")
    at = start("fastholdelse")
    assert len(by_label(at.selectbox, "Borger *").options) == CITIZEN_CHOICES
    assert f"Viser {CITIZEN_CHOICES} af {active} borgere: skriv mere for at finde andre." in _captions(at)
    by_label(at.text_input, "Find borger (navn)").input("testborger 11").run()
    assert len(by_label(at.selectbox, "Borger *").options) == 10  # 110-119
    handed = AppTest.from_file(APP, default_timeout=30)
    state.sign_in(handed.session_state, user_of("S006"))
    handed.session_state[state.HANDOFF] = state.PlacementFromCandidate(job_id, "CX119", "S006")
    handed.run()
    handed.switch_page("oto_match/ui/pages/fastholdelse.py").run()
    assert by_label(handed.selectbox, "Borger *").value == "CX119"
    assert by_label(handed.selectbox, "Jobåbning (valgfri)").value == job_id
