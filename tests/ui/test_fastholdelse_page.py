"""AppTest of the Fastholdelse page: logging a follow-up."""

from __future__ import annotations

from pathlib import Path

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


def test_my_follow_ups_list_and_calendar_download(app_db: Path) -> None:
    at = start("fastholdelse")
    assert not at.exception
    assert any(b.label.startswith("Hent mine opfølgninger") for b in at.get("download_button"))


def test_the_overview_shows_retention_figures(app_db: Path) -> None:
    at = start("overview")
    assert [m.label for m in at.metric][:2] == ["Aktive forløb", "Median timer ved start"]
