"""AppTest of the team meeting view."""

from __future__ import annotations

from pathlib import Path

from oto_match.domain import Staff
from oto_match.services import matching as match_service
from oto_match.storage.db import Database
from oto_match.vocab import field_label
from tests.ui.conftest import by_label, start

ACTOR = Staff("S006", "x", "gellerup", "employer_consultant")


def _job_with_candidates(path: Path) -> tuple[str, str, str]:
    """An open job with an eligible or uncertain Gellerup citizen, and an excluded one."""
    db = Database(path)
    try:
        for job in db.cursor().execute("SELECT job_id FROM job_openings WHERE status = 'open'").fetchall():
            ranking = match_service.rank_job(db, ACTOR, job[0], "gellerup")
            fits = ranking.of("eligible") + ranking.of("uncertain")
            if fits and ranking.of("excluded"):
                return job[0], fits[0].citizen.citizen_id, ranking.of("excluded")[0].citizen.citizen_id
    finally:
        db.close()
    raise AssertionError("the demo has no job with candidates")


def test_the_meeting_view_shows_ranked_candidates_near_misses_and_excluded_reasons(app_db: Path) -> None:
    job_id, _, _ = _job_with_candidates(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Forslag (" in text and "Kunne passe, hvis" in text
    assert any(e.label.startswith("Udelukkede borgere") for e in at.expander)
    assert "**timer**:" in text and ("✓" in text or "?" in text)


def test_proposing_an_excluded_citizen_requires_an_override_reason(app_db: Path) -> None:
    job_id, fit, excluded = _job_with_candidates(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    by_label(at.multiselect, "Teamet foreslår").set_value([fit, excluded])
    at.run()
    by_label(at.text_area, "Teamets begrundelse *").input("Passer til ønsker og timer")
    by_label(at.button, "Gem teamets beslutning").click()
    at.run()
    assert any(field_label("override_reason") in e.value for e in at.error)
    override = next(t for t in at.text_area if t.label.startswith("Hvorfor foreslår I"))
    override.input("Virksomheden vil gerne tilpasse")
    by_label(at.button, "Gem teamets beslutning").click()
    at.run()
    assert any("Beslutningen er gemt" in s.value for s in at.success)
    db = Database(app_db)
    try:
        rows = db.cursor().execute("SELECT citizen_id, override_reason FROM candidates WHERE job_id = ?", [job_id])
        assert dict(rows.fetchall()) == {fit: None, excluded: "Virksomheden vil gerne tilpasse"}
    finally:
        db.close()


def test_without_a_chosen_job_the_page_lists_the_open_jobs(app_db: Path) -> None:
    db = Database(app_db)
    try:
        titles = {r[0] for r in db.cursor().execute("SELECT title FROM job_openings WHERE status = 'open'").fetchall()}
    finally:
        db.close()
    at = start("jobs")
    assert not at.exception
    listed = set(at.dataframe[0].value["Job"])
    assert listed == titles
    by_label(at.selectbox, "Jobåbning").set_value(_job_with_candidates(app_db)[0])
    at.run()
    assert not at.dataframe or "Job" not in at.dataframe[0].value.columns
