"""AppTest of the Jobåbninger & match page: intake, the team meeting view, the decision and the candidate list."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from oto_match.domain import Staff
from oto_match.services import candidates as candidate_service
from oto_match.services import jobs as job_service
from oto_match.services import matching as match_service
from oto_match.services.candidates import CandidateMove, MatchDecision, Proposal
from oto_match.services.jobs import JobIntake
from oto_match.storage.db import Database
from oto_match.ui import state
from oto_match.ui.jobs import keys
from oto_match.vocab import field_label
from tests.ui.conftest import by_label, start

ACTOR = Staff("S006", "x", "gellerup", "employer_consultant")


def _job_with_candidates(path: Path) -> tuple[str, str, str]:
    """An open job with an eligible or uncertain Gellerup citizen, and an excluded one."""
    db = Database(path)
    try:
        sql = "SELECT job_id FROM job_openings WHERE status = 'open' AND strains_assessed ORDER BY job_id"
        for job in db.cursor().execute(sql).fetchall():
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


def _employer_with_name(path: Path) -> tuple[str, str]:
    db = Database(path)
    try:
        row = db.cursor().execute("SELECT employer_id, name FROM employers WHERE merged_into IS NULL LIMIT 1")
        employer_id, name = row.fetchall()[0]
        return employer_id, name
    finally:
        db.close()


def _job_count(path: Path) -> int:
    db = Database(path)
    try:
        return int(db.cursor().execute("SELECT count(*) FROM job_openings").fetchall()[0][0])
    finally:
        db.close()


def test_an_invalid_schedule_in_the_intake_form_gets_a_danish_message_naming_the_field(app_db: Path) -> None:
    employer_id, _ = _employer_with_name(app_db)
    before = _job_count(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Virksomhed *").set_value(employer_id)
    by_label(at.text_input, "Titel *").input("Opvasker")
    by_label(at.text_input, "Arbejdstider (tom = aftales)").input("man 25:00-26:00")
    by_label(at.button, "Gem jobåbning").click()
    at.run()
    assert not at.exception
    lines = [line for e in at.error for line in e.value.splitlines()]
    assert "- Arbejdstider: '25:00' er ikke et gyldigt klokkeslæt (fx 'man-fre 09:00-12:00'; tom = aftales)" in lines
    assert any(line.startswith("- Belastninger: ") for line in lines), lines  # one line per field
    assert by_label(at.text_input, "Titel *").value == "Opvasker"  # what was typed stays
    assert _job_count(app_db) == before


def test_a_new_job_is_saved_once_and_chosen(app_db: Path) -> None:
    employer_id, _ = _employer_with_name(app_db)
    before = _job_count(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Virksomhed *").set_value(employer_id)
    by_label(at.text_input, "Titel *").input("Opvasker")
    by_label(at.number_input, "Mindst timer/uge").set_value(5.0)
    by_label(at.checkbox, "Ingen belastninger").check()
    by_label(at.button, "Gem jobåbning").click()
    at.run()
    assert not at.exception
    assert any("Jobåbningen 'Opvasker' er gemt" in s.value for s in at.success)
    assert _job_count(app_db) == before + 1
    assert any(m.value.startswith("### Opvasker") for m in at.markdown)


def test_opening_a_job_from_an_employer_lands_on_the_intake_form_with_the_employer_chosen(app_db: Path) -> None:
    employer_id, name = _employer_with_name(app_db)
    at = start("employers")
    by_label(at.selectbox, "Åbn virksomhed").set_value(employer_id)
    at.run()
    by_label(at.button, "Opret jobåbning hos denne virksomhed").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Jobåbninger & match"
    assert not any("Vælg dig selv" in i.value for i in at.info)
    assert by_label(at.selectbox, "Virksomhed *").value == employer_id
    assert any(name in i.value and "Ny jobåbning" in i.value for i in at.info)


def test_a_candidate_who_got_the_job_is_handed_over_to_fastholdelse(app_db: Path) -> None:
    job_id, fit, _ = _job_with_candidates(app_db)
    db = Database(app_db)
    try:
        ranking = match_service.rank_job(db, ACTOR, job_id, "gellerup")
        candidate_service.record_decision(db, ACTOR, ranking, MatchDecision(job_id, (Proposal(fit),), "passer"))
        for version, step in enumerate(("citizen_agreed", "presented"), start=1):
            candidate_service.move_candidate(db, ACTOR, CandidateMove(job_id, fit, step, version=version))
    finally:
        db.close()
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    by_label(at.button, "fik jobbet").click()
    at.run()
    assert not at.exception
    assert any("fik jobbet. Opret forløbet under Fastholdelse" in s.value for s in at.success)
    assert at.session_state[state.HANDOFF] == state.PlacementFromCandidate(job_id, fit, "S006")
    assert any(link.label == "Opret forløbet under Fastholdelse" for link in at.get("page_link"))


def test_changing_a_job_someone_else_changed_meanwhile_is_refused_and_keeps_what_was_typed(app_db: Path) -> None:
    job_id, _, _ = _job_with_candidates(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    db = Database(app_db)
    try:
        job = job_service.get_job(db, job_id)
        colleague = Staff("S001", "x", "gellerup", "team_leader")
        job_service.save_job(db, colleague, replace(JobIntake.of(job), positions=job.positions + 1))
    finally:
        db.close()
    title = keys.of("change_job", job_id, job.version) + "_title"
    at.text_input(key=title).input("Ny titel")
    by_label(at.button, "Gem ændringen").click()
    at.run()
    assert not at.exception
    assert any("er ændret af" in e.value and "Intet er gemt" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_input(key=title).value == "Ny titel"
    by_label(at.button, "Vis jobåbningen, som den er nu").click()
    at.run()
    assert at.text_input(key=keys.of("change_job", job_id, job.version + 1) + "_title").value == job.title


def _not_assessed_job(path: Path) -> tuple[str, str]:
    db = Database(path)
    try:
        sql = "SELECT job_id, title FROM job_openings WHERE NOT strains_assessed AND status = 'open' ORDER BY job_id"
        job_id, title = db.cursor().execute(sql).fetchall()[0]
        return job_id, title
    finally:
        db.close()


def test_a_job_whose_strains_are_not_assessed_shows_the_warning_on_its_card_and_in_the_table(app_db: Path) -> None:
    job_id, title = _not_assessed_job(app_db)
    at = start("jobs")
    table = at.dataframe[0].value
    assert "ikke vurderet" in set(table.loc[table["Job"] == title, "Belastninger"])
    assert set(table["Belastninger"]) - {"ikke vurderet"}  # the assessed jobs list their strains
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    assert not at.exception
    card = [m.value for m in at.markdown if "Belastninger" in m.value]
    assert any(":orange-badge[" in m and "Belastninger ikke vurderet" in m for m in card), card


def _fill_new_job(at: AppTest, employer_id: str, strains: list[str], no_strains: bool) -> None:
    by_label(at.selectbox, "Virksomhed *").set_value(employer_id)
    by_label(at.text_input, "Titel *").input("Butiksmedhjælper")
    by_label(at.multiselect, "Belastninger i arbejdet *").set_value(strains)
    if no_strains:
        by_label(at.checkbox, "Ingen belastninger").check()
    by_label(at.button, "Gem jobåbning").click()
    at.run()


def test_the_intake_form_refuses_a_job_without_strains_or_no_strains_and_one_with_both(app_db: Path) -> None:
    employer_id, _ = _employer_with_name(app_db)
    before = _job_count(app_db)
    at = start("jobs")
    _fill_new_job(at, employer_id, [], no_strains=False)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("Belastninger: ") and "sæt hak i 'Ingen belastninger'" in e for e in errors), errors
    assert by_label(at.text_input, "Titel *").value == "Butiksmedhjælper"  # what was typed stays
    _fill_new_job(at, employer_id, ["cold"], no_strains=True)
    errors = [e.value for e in at.error]
    assert any(e.startswith("Belastninger: ") and "ikke begge" in e for e in errors), errors
    assert by_label(at.multiselect, "Belastninger i arbejdet *").value == ["cold"]
    assert _job_count(app_db) == before
    by_label(at.checkbox, "Ingen belastninger").uncheck()
    by_label(at.button, "Gem jobåbning").click()
    at.run()
    assert any("Jobåbningen 'Butiksmedhjælper' er gemt" in s.value for s in at.success)
    assert _job_count(app_db) == before + 1


def test_the_job_list_downloads_as_excel_with_every_job_the_table_lists(app_db: Path, monkeypatch: Any) -> None:
    from datetime import date

    from tests.ui.excel_files import first_sheet, record_excel_files

    files = record_excel_files(monkeypatch)
    at = start("jobs")
    assert not at.exception
    assert "Hent som Excel" in [b.label for b in at.get("download_button")]
    cells = first_sheet(files["jobaabninger.xlsx"])
    assert cells[0][:3] == ["Job", "Virksomhed", "Jobtype"]
    assert {row[0] for row in cells[1:]} == set(at.dataframe[0].value["Job"])
    deadlines = [row[cells[0].index("Svarfrist")] for row in cells[1:]]
    assert any(isinstance(d, date) for d in deadlines) and all(isinstance(d, date) or d == "" for d in deadlines)


def test_the_proposal_multiselect_offers_no_select_all(app_db: Path) -> None:
    job_id, _, _ = _job_with_candidates(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    proposes = by_label(at.multiselect, "Teamet foreslår")
    assert proposes.proto.select_all == 0  # 0 = never show "Vælg alle"


def _job_with_near_misses(path: Path) -> str:
    db = Database(path)
    try:
        sql = "SELECT job_id FROM job_openings WHERE status = 'open' AND strains_assessed ORDER BY job_id"
        for job in db.cursor().execute(sql).fetchall():
            counts = match_service.rank_job(db, ACTOR, job[0], "gellerup").counts
            if counts["near_miss"] and counts["excluded"] > counts["near_miss"]:
                return str(job[0])
    finally:
        db.close()
    raise AssertionError("the demo has no job with near misses and other excluded citizens")


def test_a_near_miss_is_listed_once_and_the_excluded_heading_counts_only_the_others(app_db: Path) -> None:
    job_id = _job_with_near_misses(app_db)
    at = start("jobs")
    by_label(at.selectbox, "Jobåbning").set_value(job_id)
    at.run()
    assert not at.exception
    near = [m.value for m in at.markdown if "kunne passe, hvis" in m.value]
    near_names = {v.split("**")[1] for v in near}
    box = next(e for e in at.expander if e.label.startswith("Udelukkede borgere"))
    excluded_names = {m.value.split("**")[1] for m in box.markdown}
    assert near_names and excluded_names and not near_names & excluded_names
    assert box.label == (f"Udelukkede borgere ({len(excluded_names)}) og hvorfor — dem, der kunne passe, står ovenfor")
    assert any(m.value == f"#### Kunne passe, hvis … ({len(near_names)})" for m in at.markdown)


def test_counts_of_jobs_and_positions_read_as_danish_singular_or_plural_without_brackets(app_db: Path) -> None:
    db = Database(app_db)
    try:
        db.cursor().execute("UPDATE job_openings SET positions = 1")
    finally:
        db.close()
    at = start("jobs")
    assert any(re.match(r"^[\d.]+ jobåbninger\. Klik", c.value) for c in at.caption), [c.value for c in at.caption]
    by_label(at.selectbox, "Jobåbning").set_value(_job_with_candidates(app_db)[0])
    at.run()
    shown = " ".join(m.value for m in at.markdown)
    assert "1 stilling ·" in shown and "(er)" not in shown
    assert not any("(er)" in c.value for c in at.caption)
