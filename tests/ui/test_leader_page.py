"""The leader's page: only for leaders; the audit search, 'who has looked at me', users and backups (AppTest)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oto_match.services import accounts
from oto_match.services import citizens as citizen_service
from oto_match.storage import accounts as accounts_sql
from oto_match.storage.db import Database
from oto_match.ui import state
from oto_match.ui.leader.audit import ACTION_WORDS
from tests.ui.conftest import by_label, start, user_of

LEADER_PAGE = str(Path(__file__).resolve().parents[2] / "oto_match" / "ui" / "pages" / "leader.py")


def _leader(app_db: Path, team: str = "gellerup") -> str:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            listing = accounts_sql.list_accounts(cur)
    finally:
        db.close()
    return next(a.staff_id for a in listing if a.role == "leader" and a.team_id == team)


def _a_citizen(app_db: Path) -> str:
    db = Database(app_db)
    try:
        return str(db.cursor().execute("SELECT min(citizen_id) FROM citizens").fetchone()[0])  # type: ignore[index]
    finally:
        db.close()


def test_a_team_member_opening_the_leader_page_is_refused_in_danish(app_db: Path) -> None:
    at = AppTest.from_file(LEADER_PAGE, default_timeout=30)
    state.sign_in(at.session_state, user_of("S006"))
    at.run()
    assert not at.exception
    assert any("kun for ledere" in e.value and "Kun en leder" in e.value for e in at.error)
    assert not at.tabs and not at.dataframe and not at.text_input


def test_a_team_member_finds_no_leader_page_in_the_navigation(app_db: Path) -> None:
    at = start()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("oto_match/ui/pages/leader.py")


def test_the_leader_page_searches_the_audit_log_with_names_and_danish_words(app_db: Path) -> None:
    at = start("leader", actor=_leader(app_db))
    assert [t.value for t in at.title] == ["Leder"]
    by_label(at.button, "Søg i loggen").click()
    at.run()
    assert not at.exception
    rows = at.dataframe[0].value
    assert len(rows) >= 1
    assert set(rows["Handling"]) <= set(ACTION_WORDS.values())  # words, not codes like 'user_add'
    assert "systemet (demodata)" in set(rows["Hvem"])


def test_the_audit_search_by_citizen_shows_only_that_citizen(app_db: Path) -> None:
    citizen = _a_citizen(app_db)
    db = Database(app_db)
    try:
        citizen_service.get_citizen(db, user_of(_leader(app_db)), citizen)  # a view, logged
    finally:
        db.close()
    at = start("leader", actor=_leader(app_db))
    by_label(at.text_input, "Borger").input(_citizen_name(app_db, citizen))  # found by name, never by a code
    by_label(at.button, "Søg i loggen").click()
    at.run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if "Hvad" in d.value.columns)
    assert "så" in set(shown["Handling"])
    name = _citizen_name(app_db, citizen)
    assert all(what == f"borger {name}" or what.startswith("rangering") for what in shown["Hvad"])
    assert not any(citizen in str(cell) for column in ("Hvad", "Detaljer") for cell in shown[column])


def _citizen_name(app_db: Path, citizen_id: str) -> str:
    db = Database(app_db)
    try:
        return citizen_service.get_citizen(db, user_of(_leader(app_db)), citizen_id).name
    finally:
        db.close()


def test_who_has_looked_at_me_is_a_text_to_hand_over(app_db: Path) -> None:
    citizen = _a_citizen(app_db)
    at = start("leader", actor=_leader(app_db))
    at.text_input(key="report_citizen").input(_citizen_name(app_db, citizen)).run()
    assert at.selectbox(key="report_choice").value == citizen or _citizen_name(app_db, citizen) in str(
        at.selectbox(key="report_choice").options)
    by_label(at.button, "Lav oversigten").click()
    at.run()
    assert not at.exception
    assert any("Hvem har set eller ændret dine oplysninger" in t.value for t in at.text)
    assert any(b.label == "Hent som tekst" for b in at.get("download_button"))


def test_a_new_user_gets_a_one_time_password_shown_once(app_db: Path) -> None:
    at = start("leader", actor=_leader(app_db))
    by_label(at.text_input, "Navn *").input("Nina Ny")
    by_label(at.text_input, "Brugernavn").input("nina")
    by_label(at.button, "Opret bruger").click()
    at.run()
    assert not at.exception
    password = at.code[0].value
    db = Database(app_db)
    try:
        assert accounts.sign_in(db, "nina", password).must_change_password
    finally:
        db.close()
    at.run()
    assert not at.code  # shown once


def test_a_backup_goes_into_a_new_dated_folder_readable_by_its_owner_only(
    app_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTO_BACKUP_DIR", str(tmp_path / "kopier"))
    at = start("leader", actor=_leader(app_db))
    by_label(at.button, "Tag sikkerhedskopi nu").click()
    at.run()
    assert not at.exception
    assert any("Sikkerhedskopi i" in s.value for s in at.success)
    (folder,) = (tmp_path / "kopier").iterdir()
    assert folder.name.startswith("oto-backup-")
    assert stat.S_IMODE((folder / "oto-backup.duckdb").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_leader_gives_a_colleague_of_another_team_time_limited_access_to_one_citizen(app_db: Path) -> None:
    db = Database(app_db)
    try:
        with db.transaction() as cur:
            viby = next(a for a in accounts_sql.list_accounts(cur) if a.role == "team" and a.team_id == "viby")
            gellerup_citizen = str(
                cur.execute("SELECT min(citizen_id) FROM citizens WHERE team_id = 'gellerup'").fetchall()[0][0]
            )
    finally:
        db.close()
    at = start("leader", actor=_leader(app_db))
    by_label(at.text_input, "Kollegaens brugernavn").input(viby.username)
    by_label(at.text_input, "Borgerens id (den der skal gives adgang til)").input(gellerup_citizen)
    by_label(at.text_input, "Begrundelse (fx dækker for en kollega på ferie)").input("Dækker for Anne i dag")
    by_label(at.button, "Giv adgang").click()
    at.run()
    assert not at.exception
    assert any("har adgang til borgeren til" in s.value for s in at.success), [e.value for e in at.error]
    db = Database(app_db)
    try:
        rows = db.cursor().execute("SELECT citizen_id, reason FROM temporary_access").fetchall()
    finally:
        db.close()
    assert rows == [(gellerup_citizen, "Dækker for Anne i dag")]


def _erasable(app_db: Path) -> tuple[str, str]:
    """A demo citizen without placements who is still looking for work (id, name)."""
    db = Database(app_db)
    try:
        cur = db.cursor()
        found = cur.execute(
            "SELECT citizen_id, name FROM citizens c WHERE status = 'unemployed' AND NOT EXISTS (SELECT 1 FROM"
            " placements p WHERE p.citizen_id = c.citizen_id) ORDER BY citizen_id LIMIT 1"
        ).fetchall()  # fmt: skip
        return str(found[0][0]), str(found[0][1])
    finally:
        db.close()


def test_a_leader_sees_what_will_be_erased_confirms_and_the_citizen_becomes_a_placeholder(app_db: Path) -> None:
    citizen_id, name = _erasable(app_db)
    at = start("leader", actor=_leader(app_db))
    at.text_input(key="privacy_search").input(name)
    at.run()
    at.selectbox(key="privacy_citizen").select(citizen_id)
    at.run()
    by_label(at.button, "Vis hvad der slettes").click()
    at.run()
    assert not at.exception
    assert any(f"Dette slettes om {name}" in w.value and "profilen" in w.value for w in at.warning)
    assert by_label(at.button, "Slet borgerens oplysninger").disabled  # not before the confirmation
    at.checkbox(key="privacy_sure").check()
    at.run()
    by_label(at.button, "Slet borgerens oplysninger").click()
    at.run()
    assert not at.exception
    assert any(f"{name}s oplysninger er slettet" in s.value for s in at.success), [e.value for e in at.error]
    assert citizen_id not in " ".join(s.value for s in at.success)  # people by name, never the id
    db = Database(app_db)
    try:
        stored = db.cursor().execute("SELECT name, erased_at FROM citizens WHERE citizen_id = ?", [citizen_id])
        (placeholder, erased_at) = stored.fetchone()  # type: ignore[misc]
    finally:
        db.close()
    assert placeholder == "Slettet borger" and erased_at is not None


def test_retention_shows_the_closed_old_cases_first_and_erases_them_after_the_confirmation(app_db: Path) -> None:
    db = Database(app_db)
    try:
        cur = db.cursor()
        cur.execute("UPDATE citizens SET status = 'ended', changed_at = TIMESTAMP '2015-01-01' WHERE citizen_id = ?",
                    [_erasable(app_db)[0]])  # fmt: skip
        (old_name,) = cur.execute("SELECT name FROM citizens WHERE changed_at < TIMESTAMP '2016-01-01'").fetchone()  # type: ignore[misc]
    finally:
        db.close()
    at = start("leader", actor=_leader(app_db))
    by_label(at.button, "Vis hvad der ville blive slettet").click()
    at.run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if "Intet sket siden" in d.value.columns)
    assert old_name in set(shown["Borger"]) and "01-01-2015" in set(shown["Intet sket siden"])
    delete = next(b for b in at.button if b.label.startswith("Slet ") and b.label.endswith("afsluttede sager"))
    assert delete.disabled
    at.checkbox(key="privacy_all_sure").check()
    at.run()
    next(b for b in at.button if b.label.startswith("Slet ") and b.label.endswith("afsluttede sager")).click()
    at.run()
    assert not at.exception
    assert any("afsluttede sager ældre end 5 år er slettet" in s.value for s in at.success)
    db = Database(app_db)
    try:
        names = {r[0] for r in db.cursor().execute("SELECT name FROM citizens").fetchall()}
    finally:
        db.close()
    assert old_name not in names


def test_a_leader_previews_imports_and_undoes_a_file_in_the_indlaes_fil_tab(app_db: Path) -> None:
    db = Database(app_db)
    try:
        (citizen_id, name, postcode) = db.cursor().execute(  # type: ignore[misc]
            "SELECT citizen_id, name, postcode FROM citizens ORDER BY citizen_id LIMIT 1").fetchone()  # fmt: skip
    finally:
        db.close()
    new_postcode = "8000" if postcode != "8000" else "8200"
    header = "citizen_id,name,birth_year,gender,country_of_origin,postcode,max_hours_week,availability,spare_strains,"
    header += "transport_modes,max_commute_min,max_walk_m,danish_level,driving_license,fleksjob_visitated,wishes,"
    header += "experience,not_interested"
    text = f"{header}\n{citizen_id},{name},,,,{new_postcode},,,,,,,,,,,,\nNY-1,Nina Ny,,,,8220,,,,,,,,,,,,\n"
    at = start("leader", actor=_leader(app_db))
    at.selectbox(key="imports_kind").set_value("citizens")
    at.text_area(key="imports_text").input(text)
    by_label(at.button, "Vis hvad der ændres").click()
    at.run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "Oprettes:** Nina Ny" in shown and f"Ændres: {name}" in shown and f"Postnummer: {postcode} → " in shown
    assert by_label(at.button, "Indlæs").disabled
    at.checkbox(key="imports_sure").check()
    at.run()
    by_label(at.button, "Indlæs").click()
    at.run()
    assert not at.exception
    assert any("Indlæst som IMP-" in s.value for s in at.success)
    batches = next(d.value for d in at.dataframe if "Indlæsning" in d.value.columns)
    batch_id = batches["Indlæsning"].iloc[0]
    assert batches["Indhold"].iloc[0] == "Borgere" and batches["Nye"].iloc[0] == 1
    by_label(at.button, "Fortryd").click()
    at.run()
    assert any(f"Fortryd {batch_id}?" in w.value for w in at.warning)
    by_label(at.button, "Ja, fortryd").click()
    at.run()
    assert not at.exception
    assert any(f"{batch_id} er fortrudt" in s.value for s in at.success)
    db = Database(app_db)
    try:
        assert db.cursor().execute("SELECT postcode FROM citizens WHERE citizen_id = ?", [citizen_id]).fetchone() == (
            postcode,
        )
        assert db.cursor().execute("SELECT count(*) FROM citizens WHERE citizen_id = 'NY-1'").fetchone() == (0,)
    finally:
        db.close()


def _ended_long_ago(app_db: Path, citizen_id: str) -> str:
    """The citizen's case is closed and untouched since 2015 (its name)."""
    db = Database(app_db)
    try:
        cur = db.cursor()
        cur.execute("UPDATE citizens SET status = 'ended', changed_at = TIMESTAMP '2015-01-01' WHERE citizen_id = ?",
                    [citizen_id])  # fmt: skip
        return str(cur.execute("SELECT name FROM citizens WHERE citizen_id = ?", [citizen_id]).fetchone()[0])  # type: ignore[index]
    finally:
        db.close()


def test_retention_erases_only_the_cases_the_leader_was_shown_not_one_closed_since(app_db: Path) -> None:
    db = Database(app_db)
    try:
        first, later = (str(r[0]) for r in db.cursor().execute(
            "SELECT citizen_id FROM citizens c WHERE status = 'unemployed' AND NOT EXISTS (SELECT 1 FROM placements p"
            " WHERE p.citizen_id = c.citizen_id) ORDER BY citizen_id LIMIT 2").fetchall())  # fmt: skip
    finally:
        db.close()
    shown_name = _ended_long_ago(app_db, first)
    at = start("leader", actor=_leader(app_db))
    by_label(at.button, "Vis hvad der ville blive slettet").click()
    at.run()
    shown = next(d.value for d in at.dataframe if "Intet sket siden" in d.value.columns)
    assert list(shown["Borger"]) == [shown_name]
    closed_since_name = _ended_long_ago(app_db, later)  # closed after the list was shown: the leader never saw it
    at.checkbox(key="privacy_all_sure").check()
    at.run()
    next(b for b in at.button if b.label == "Slet 1 afsluttede sager").click()
    at.run()
    assert not at.exception
    assert any("1 afsluttede sager ældre end 5 år er slettet" in s.value for s in at.success)
    db = Database(app_db)
    try:
        names = {r[0] for r in db.cursor().execute("SELECT name FROM citizens").fetchall()}
    finally:
        db.close()
    assert shown_name not in names and closed_since_name in names


def test_the_log_search_says_so_when_no_citizen_has_the_name(app_db: Path) -> None:
    at = start("leader", actor=_leader(app_db))
    by_label(at.text_input, "Borger").input("Ingen Hedder Sådan")
    by_label(at.button, "Søg i loggen").click()
    at.run()
    assert not at.exception
    assert any("Ingen borger passer til 'Ingen Hedder Sådan'" in i.value for i in at.info)
