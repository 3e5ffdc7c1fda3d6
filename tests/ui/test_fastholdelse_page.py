"""AppTest of the Fastholdelse page: logging a follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oto_match.followups import extra_after_concern
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from tests.ui.conftest import by_label, start


def _placement_with_open_followup(path: Path) -> tuple[str, str, int]:
    db = Database(path)
    try:
        pid, fid = (
            db.cursor()
            .execute(
                "SELECT p.placement_id, min(f.followup_id) FROM placements p JOIN followups f USING (placement_id)"
                " JOIN citizens c USING (citizen_id) WHERE p.status = 'active' AND f.status = 'open'"
                " AND c.team_id = 'gellerup' GROUP BY ALL ORDER BY 1 LIMIT 1"
            )
            .fetchall()[0]
        )
        done = db.cursor().execute("SELECT count(*) FROM followups WHERE status = 'done'").fetchall()[0][0]
        return pid, fid, done
    finally:
        db.close()


def test_logging_a_follow_up_saves_it_and_changes_the_hours(app_db: Path) -> None:
    pid, _, done_before = _placement_with_open_followup(app_db)
    at = start("fastholdelse")
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    assert not at.exception
    by_label(at.selectbox, "Hvordan går det?").set_value("adjust")
    by_label(at.text_area, "Noter").input("Aftalt en time mere")
    by_label(at.number_input, "Nye timer pr. uge").set_value(7.0)
    by_label(at.button, "Gem opfølgning").click()
    at.run()
    assert not at.exception
    assert any("Opfølgningen er gemt" in s.value for s in at.success), [e.value for e in at.error]
    db = Database(app_db)
    try:
        assert (
            db.cursor().execute("SELECT count(*) FROM followups WHERE status = 'done'").fetchall()[0][0]
            == done_before + 1
        )
        hours = db.cursor().execute("SELECT hours_week FROM placements WHERE placement_id = ?", [pid]).fetchall()
        assert hours == [(7.0,)]
    finally:
        db.close()


def test_a_concern_with_a_new_skaanehensyn_reaches_the_profile_and_adds_a_look_within_a_week(app_db: Path) -> None:
    pid, _, _ = _placement_with_open_followup(app_db)
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            expected = extra_after_concern(date.today(), "citizen", placement_sql.followups_of(cur, pid))
    finally:
        db.close()
    at = start("fastholdelse")
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    by_label(at.selectbox, "Hvilken opfølgning").set_value("")  # an extra contact, outside the plan
    by_label(at.selectbox, "Hvem deltog").set_value("citizen")
    by_label(at.selectbox, "Hvordan går det?").set_value("concern")
    by_label(at.multiselect, "Nye skånehensyn (også på borgerens profil)").set_value(["cold"])
    by_label(at.button, "Gem opfølgning").click()
    at.run()
    assert not at.exception
    shown = [s.value for s in at.success]
    assert any("borgerens profil" in s and "inden for en uge" in s for s in shown), [e.value for e in at.error]
    db = Database(app_db)
    try:
        strains = db.cursor().execute("SELECT c.spare_strains FROM citizens c JOIN placements p USING (citizen_id)"
                                      " WHERE p.placement_id = ?", [pid]).fetchall()[0][0]  # fmt: skip
        extra = db.cursor().execute("SELECT due_date, with_whom FROM followups WHERE placement_id = ?"
                                    " AND kind = 'ad_hoc' AND status = 'open'", [pid]).fetchall()  # fmt: skip
    finally:
        db.close()
    assert "cold" in strains
    assert extra == ([(expected, "citizen")] if expected else [])  # none if one is due within the week anyway


def test_my_follow_ups_list_and_calendar_download(app_db: Path) -> None:
    at = start("fastholdelse")
    assert not at.exception
    assert any(b.label.startswith("Hent mine opfølgninger") for b in at.get("download_button"))


def test_the_overview_shows_retention_figures(app_db: Path) -> None:
    at = start("overview")
    assert [m.label for m in at.metric][:2] == ["Aktive forløb", "Median timer ved start"]


def test_an_invalid_schedule_in_the_follow_up_form_is_a_danish_message_not_a_traceback(app_db: Path) -> None:
    pid, _, done_before = _placement_with_open_followup(app_db)
    at = start("fastholdelse")
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    by_label(at.text_input, "Nye arbejdstider").input("man 25:00-26:00")
    by_label(at.button, "Gem opfølgning").click()
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("Nye arbejdstider:") and "klokkeslæt" in e for e in errors), errors
    assert by_label(at.text_input, "Nye arbejdstider").value == "man 25:00-26:00"  # what was typed stays
    db = Database(app_db)
    try:
        done = db.cursor().execute("SELECT count(*) FROM followups WHERE status = 'done'").fetchall()[0][0]
        assert done == done_before
    finally:
        db.close()


def test_an_invalid_schedule_in_the_new_placement_form_is_a_danish_message_not_a_traceback(app_db: Path) -> None:
    db = Database(app_db)
    try:
        before = db.cursor().execute("SELECT count(*) FROM placements").fetchall()[0][0]
        citizen_id = db.cursor().execute("SELECT min(citizen_id) FROM citizens WHERE team_id = 'gellerup'"
                                         " AND status = 'unemployed'").fetchall()[0][0]  # fmt: skip
    finally:
        db.close()
    at = start("fastholdelse")
    by_label(at.selectbox, "Borger *").set_value(citizen_id)
    by_label(at.selectbox, "Virksomhed * (tom = jobåbningens)").set_value("E00001")
    by_label(at.number_input, "Aftalte timer/uge *").set_value(5.0)
    by_label(at.text_input, "Arbejdstider").input("man 25:00-26:00")
    by_label(at.button, "Opret forløb").click()
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("Arbejdstider:") and "klokkeslæt" in e for e in errors), errors
    db = Database(app_db)
    try:
        assert db.cursor().execute("SELECT count(*) FROM placements").fetchall()[0][0] == before
    finally:
        db.close()


def test_a_new_placement_from_the_form_gets_the_citizens_makkerpar_and_plan(app_db: Path) -> None:
    db = Database(app_db)
    try:
        citizen_id, p1 = db.cursor().execute("SELECT citizen_id, partner1_id FROM citizens WHERE team_id = 'gellerup'"
                                             " AND status = 'unemployed' ORDER BY 1 LIMIT 1").fetchall()[0]  # fmt: skip
    finally:
        db.close()
    at = start("fastholdelse")
    by_label(at.selectbox, "Borger *").set_value(citizen_id)
    by_label(at.selectbox, "Virksomhed * (tom = jobåbningens)").set_value("E00001")
    by_label(at.number_input, "Aftalte timer/uge *").set_value(5.0)
    by_label(at.text_input, "Arbejdstider").input("man,ons 9:00-12:00")
    by_label(at.button, "Opret forløb").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Forløbet er oprettet med opfølgningsplan" in s.value for s in at.success)
    db = Database(app_db)
    try:
        rows = db.cursor().execute("SELECT partner1_id, schedule, (SELECT count(*) FROM followups f WHERE"
                                   " f.placement_id = p.placement_id) FROM placements p WHERE citizen_id = ?"
                                   " AND employer_id = 'E00001'", [citizen_id]).fetchall()  # fmt: skip
    finally:
        db.close()
    assert rows == [(p1, "man,ons 09:00-12:00", 8)]


def test_the_follow_up_lists_download_as_excel_with_danish_headers_real_dates_and_an_audit_row_per_citizen(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from python_calamine import CalamineWorkbook

    from oto_match import spreadsheets
    from oto_match.ui import downloads

    built: dict[str, bytes] = {}
    shown = downloads.xlsx_download

    def building(label: str, headers: list[str], rows: Any, file_name: str, key: str) -> None:
        """The button as the page makes it, and the file a click would give."""
        built[file_name] = spreadsheets.write_xlsx(headers, rows() if callable(rows) else rows, "Test")
        shown(label, headers, rows, file_name, key)

    monkeypatch.setattr(downloads, "xlsx_download", building)
    at = start("fastholdelse")
    assert not at.exception
    assert [b.label for b in at.get("download_button")].count("Hent som Excel") == 2
    with CalamineWorkbook.from_filelike(io.BytesIO(built["teamets-opfoelgninger.xlsx"])) as workbook:
        cells = workbook.get_sheet_by_index(0).to_python()
    assert cells[0] == ["Frist", "Forfalden", "Borger", "Virksomhed", "Type", "Med"]
    assert len(cells) > 1 and all(isinstance(row[0], date) for row in cells[1:])
    db = Database(app_db)
    try:
        logged = db.cursor().execute("SELECT count(DISTINCT entity_id) FROM audit_log WHERE action = 'export'"
                                     " AND detail = 'opfølgninger (Excel)'").fetchall()[0][0]  # fmt: skip
    finally:
        db.close()
    assert 0 < logged <= len(cells) - 1  # one per citizen in the file (a citizen may have several follow-ups)


def _hours_now(path: Path, pid: str) -> float:
    db = Database(path)
    try:
        sql = "SELECT hours_week FROM placements WHERE placement_id = ?"
        return float(db.cursor().execute(sql, [pid]).fetchall()[0][0])
    finally:
        db.close()


def _log_follow_up(at: object, hours: float, when: date | None = None) -> None:
    if when:
        by_label(at.date_input, "Dato").set_value(when)  # type: ignore[attr-defined]
    by_label(at.selectbox, "Hvordan går det?").set_value("adjust")  # type: ignore[attr-defined]
    by_label(at.text_area, "Noter").input("Aftalt en time mere")  # type: ignore[attr-defined]
    by_label(at.number_input, "Nye timer pr. uge").set_value(hours)  # type: ignore[attr-defined]
    by_label(at.multiselect, "Nye skånehensyn (også på borgerens profil)").set_value(["cold"])  # type: ignore[attr-defined]
    by_label(at.button, "Gem opfølgning").click()  # type: ignore[attr-defined]
    at.run()  # type: ignore[attr-defined]


def test_a_saved_follow_up_is_confirmed_below_the_form_and_the_user_stays_on_the_tab(app_db: Path) -> None:
    from oto_match.ui.fastholdelse import keys

    pid, _, _ = _placement_with_open_followup(app_db)
    at = start("fastholdelse")
    at.session_state[keys.PAGE_TABS] = "Forløb"
    at.session_state[f"{keys.PLACEMENT_TABS}_{pid}"] = "Log opfølgning"
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    _log_follow_up(at, _hours_now(app_db, pid) + 1)
    assert not at.exception and not at.error, [e.value for e in at.error]
    said = [s.value for s in at.success]
    assert any("Opfølgningen er gemt" in s and "Timer pr. uge" in s and "kulde" in s for s in said), said
    assert any("Opfølgningen er gemt" in t.value for t in at.toast)
    assert at.session_state[keys.PAGE_TABS] == "Forløb"
    assert at.session_state[f"{keys.PLACEMENT_TABS}_{pid}"] == "Log opfølgning"
    assert by_label(at.selectbox, "Forløb").value == pid  # the placement stays open
    at.run()  # the next action: the message is gone
    assert not any("Opfølgningen er gemt" in s.value for s in at.success)


def test_the_timeline_shows_the_day_a_follow_up_was_done_and_what_changed_at_it(app_db: Path) -> None:
    from datetime import timedelta

    from oto_match.ui.common import fmt_date

    pid, _, _ = _placement_with_open_followup(app_db)
    done_on = date.today() - timedelta(days=1)
    at = start("fastholdelse")
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    hours = _hours_now(app_db, pid) + 1
    _log_follow_up(at, hours, done_on)
    assert not at.exception and not at.error, [e.value for e in at.error]
    lines = [m.value for m in at.markdown]
    done = [m for m in lines if "gennemført" in m and f"**{fmt_date(done_on)}**" in m]
    assert done and "justering" in done[0] and "med borger og arbejdsgiver" in done[0], lines
    changes = [c.value for c in at.caption if "Ændret:" in c.value]
    assert any("Timer/uge:" in c and f"→ {hours:g}" in c and "kulde" in c for c in changes), changes
    assert not any("begge" in m for m in lines)


def test_the_follow_up_lists_say_who_takes_part_in_words(app_db: Path) -> None:
    at = start("fastholdelse")
    table = next(d.value for d in at.dataframe if "Hvem deltager" in d.value.columns)
    assert set(table["Hvem deltager"]) <= {"borgeren", "arbejdsgiveren", "borger og arbejdsgiver"}


def test_a_click_on_a_cell_of_teamets_opfoelgninger_opens_the_placement_under_forloeb(app_db: Path) -> None:
    from oto_match.ui.fastholdelse import keys
    from tests.ui.test_long_lists import click_cell

    at = start("fastholdelse")
    table = [d for d in at.dataframe if "Hvem deltager" in d.value.columns][-1]  # Teamets opfølgninger
    citizen, employer = table.value["Borger"][2], table.value["Virksomhed"][2]
    click_cell(at, table, 2, "Virksomhed")
    assert not at.exception
    assert at.session_state[keys.PAGE_TABS] == "Forløb"
    assert [h.value for h in at.subheader] == [f"{citizen} hos {employer}"]
    assert [t.value for t in at.toast] == [f"Forløbet for {citizen} er åbnet under 'Forløb'."]


def test_after_new_working_times_are_saved_the_form_shows_them_and_the_toast_names_them(app_db: Path) -> None:
    pid, _, _ = _placement_with_open_followup(app_db)
    at = start("fastholdelse")
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    by_label(at.text_input, "Nye arbejdstider").input("man,ons 09:00-12:00")
    by_label(at.button, "Gem opfølgning").click()
    at.run()
    by_label(at.text_input, "Nye arbejdstider").input("man,ons,fre 09:00-12:00")
    by_label(at.button, "Gem opfølgning").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    field = by_label(at.text_input, "Nye arbejdstider")
    assert field.value == "" and field.placeholder == "nu man,ons,fre 09:00-12:00"  # the placement as it is now
    change = "Arbejdstider: man,ons 09:00-12:00 → man,ons,fre 09:00-12:00."
    assert any(change in s.value for s in at.success), [s.value for s in at.success]
    assert any(change in t.value for t in at.toast), [t.value for t in at.toast]


def test_a_refused_follow_up_is_said_right_below_the_button_and_in_a_toast(app_db: Path) -> None:
    pid, _, _ = _placement_with_open_followup(app_db)
    at = start("fastholdelse")
    by_label(at.selectbox, "Forløb").set_value(pid)
    at.run()
    by_label(at.text_input, "Nye arbejdstider").input("man,ons 25:00-12:00")
    by_label(at.button, "Gem opfølgning").click()
    at.run()
    assert not at.exception
    tab = next(t for t in at.tabs if t.label == "Log opfølgning")
    after_form = [type(e).__name__ for e in tab.children.values()][-1]
    assert after_form == "Error" and tab.error[0].value.startswith("Nye arbejdstider:")
    assert [t.value for t in at.toast] == [f"Opfølgningen er ikke gemt: {tab.error[0].value}"]
