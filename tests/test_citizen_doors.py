"""Every way of creating a citizen (form, citizens.csv, the CLI) goes through the same door with the same result."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.errors import ValidationError
from oto_match.importexport import export_text, import_text
from oto_match.records import CITIZEN_COLUMNS
from oto_match.services import citizens as citizen_service
from oto_match.services.citizen_change import CitizenChange
from oto_match.services.setup import init_database
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database

HEADER = ",".join([*CITIZEN_COLUMNS, "team_id", "makkerpar", "status", "own_words", "consent_note", "consent_date"])
FATIMA_ROW = (
    "C1,Fatima Ali,1985,female,Syrien,8220,15,man-fre 08:00-12:00,heavy_lifting;cold,walk;public,30,800,2,no,yes,"
    'køkken,rengøring,nattevagter,gellerup,S1;S2,internship,"Jeg vil gerne bage",bageri,2026-10-01'
)
FATIMA = CitizenChange(
    "C1", "Fatima Ali", birth_year=1985, gender="female", country_of_origin="Syrien", postcode="8220",
    max_hours_week=15.0, availability="man-fre 08:00-12:00", spare_strains=("heavy_lifting", "cold"),
    transport_modes=("walk", "public"), max_commute_min=30, max_walk_m=800, danish_level=2, driving_license=False,
    fleksjob_visitated=True, wishes="køkken", experience="rengøring", not_interested="nattevagter",
    team_id="gellerup", partner1_id="S1", partner2_id="S2", status="internship", own_words="Jeg vil gerne bage",
    consent_note="bageri", consent_date=date(2026, 10, 1),
)  # fmt: skip


def _database(path: Path) -> Database:
    database, _ = init_database(path)
    with database.transaction() as cur:
        staff_sql.save_staff(cur, Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant"))
        staff_sql.save_staff(cur, Staff("S2", "Bo Job", "gellerup", "job_consultant"))
    return database


def _stored(database: Database) -> tuple[list[Any], list[Any]]:
    """The citizen rows and their audit entries, without who and when."""
    cur = database.cursor()
    rows = cur.execute("SELECT * EXCLUDE (changed_at, changed_by) FROM citizens ORDER BY citizen_id").fetchall()
    audit = cur.execute(
        "SELECT action, entity, entity_id, detail FROM audit_log WHERE entity = 'citizen' ORDER BY audit_id"
    ).fetchall()
    return rows, audit


def _count(database: Database) -> int:
    return int(database.cursor().execute("SELECT count(*) FROM citizens").fetchall()[0][0])


def test_a_citizen_created_by_the_form_by_citizens_csv_and_by_the_cli_is_the_same(tmp_path: Path, actor: Staff) -> None:
    by_form = _database(tmp_path / "form.duckdb")
    citizen_service.save_citizen(by_form, actor, FATIMA)
    by_import = _database(tmp_path / "import.duckdb")
    import_text(by_import, actor, "citizens", f"{HEADER}\n{FATIMA_ROW}\n")
    _database(tmp_path / "cli.duckdb").close()
    csv = tmp_path / "citizens.csv"
    csv.write_text(f"{HEADER}\n{FATIMA_ROW}\n", encoding="utf-8")
    assert main(["--db", str(tmp_path / "cli.duckdb"), "import", "citizens", str(csv)]) == 0
    by_cli = Database(tmp_path / "cli.duckdb")
    expected = _stored(by_form)
    assert expected[0] and expected[1] == [("create", "citizen", "C1", expected[1][0][3])]
    assert _stored(by_import) == expected
    assert _stored(by_cli) == expected


def test_citizens_csv_round_trips_team_makkerpar_and_status(tmp_path: Path, actor: Staff) -> None:
    first = _database(tmp_path / "first.duckdb")
    second_row = "C2,Bo Hansen,,,,8210,,,,,,,,,,,,,viby,S2,job,,,"
    import_text(first, actor, "citizens", f"{HEADER}\n{FATIMA_ROW}\n{second_row}\n")
    exported, count = export_text(first, actor, "citizens")
    assert count == 2 and exported.splitlines()[0] == HEADER
    assert ",gellerup,S1;S2,internship," in exported and ",viby,S2,job," in exported
    second = _database(tmp_path / "second.duckdb")
    import_text(second, actor, "citizens", exported)
    assert export_text(second, actor, "citizens")[0] == exported


def test_an_old_format_citizens_csv_still_imports_and_existing_citizens_keep_their_profile(
    db: Database, actor: Staff
) -> None:
    citizen_service.save_citizen(db, actor, FATIMA)
    old_format = ",".join(CITIZEN_COLUMNS) + "\nC1,Fatima Ali,,,,8220,20,,,,,,,,,,,\nC3,Ny Borger,,,,,,,,,,,,,,,,\n"
    report = import_text(db, actor, "citizens", old_format)
    assert (report.inserted, report.updated, report.problems) == (1, 1, [])
    kept = citizen_service.get_citizen(db, actor, "C1")
    assert kept.max_hours_week == 20
    assert (kept.team_id, kept.partner1_id, kept.partner2_id, kept.status) == ("gellerup", "S1", "S2", "internship")
    assert (kept.own_words, kept.consent_note, kept.consent_date) == ("Jeg vil gerne bage", "bageri", date(2026, 10, 1))
    assert citizen_service.get_citizen(db, actor, "C3").status == "unemployed"


def test_reimporting_a_file_by_id_updates_instead_of_duplicating_and_logs_only_real_changes(
    db: Database, actor: Staff
) -> None:
    text = f"{HEADER}\n{FATIMA_ROW}\n"
    import_text(db, actor, "citizens", text)
    again = import_text(db, actor, "citizens", text.replace(",internship,", ",job,"))
    assert (again.inserted, again.updated, _count(db)) == (0, 1, 1)
    trail = citizen_service.audit_trail(db, actor, "C1")
    assert [(e.action, e.detail) for e in trail] == [
        ("update", "Status: i praktik → i job"),
        ("create", trail[1].detail),
    ]
    assert citizen_service.get_citizen(db, actor, "C1").version == 2
    import_text(db, actor, "citizens", text.replace(",internship,", ",job,"))
    assert citizen_service.get_citizen(db, actor, "C1").version == 2


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("gellerup,S1;S1,,", "linje 2, kolonne makkerpar (Makkerpar): makkerparret skal være to forskellige medarbejdere"),  # noqa: E501
        ("gellerup,S1;S2;S3,,", "linje 2, kolonne makkerpar (Makkerpar): højst to medarbejdere"),
        ("gellerup,S9,,", "linje 2, kolonne makkerpar (Makkerpar): medarbejderen 'S9' findes ikke"),
        ("aalborg,,,", "linje 2, kolonne team_id (Team): ukendt team 'aalborg'"),
        ("gellerup,,retired,", "linje 2, kolonne status (Status): ukendt status 'retired'"),
    ],
)
def test_an_invalid_team_makkerpar_or_status_in_citizens_csv_names_line_and_column(
    db: Database, actor: Staff, cells: str, expected: str
) -> None:
    header = ",".join([*CITIZEN_COLUMNS, "team_id", "makkerpar", "status", "own_words"])
    report = import_text(db, actor, "citizens", f"{header}\nC1,X,,,,,,,,,,,,,,,,,{cells}\n")
    assert any(p.startswith(expected) for p in report.problems), report.problems
    assert _count(db) == 0


def test_citizens_csv_refuses_what_the_form_refuses(db: Database, actor: Staff) -> None:
    rows = "C1,\x00,,,,,,,,,,,,,,,,\nC2,\u200b,,,,,,,,,,,,,,,,\nC3,Ali\u202eilA,,,,,,,,,,,,,,,,\n"
    report = import_text(db, actor, "citizens", ",".join(CITIZEN_COLUMNS) + "\n" + rows)
    assert [p.split(":")[0] for p in report.problems] == [f"linje {n}, kolonne name (Navn)" for n in (2, 3, 4)]
    with pytest.raises(ValidationError):
        import_text(db, actor, "citizens", "citizen_id,name\nC1,X\n")  # a required column is missing


def test_new_citizens_without_a_team_land_in_the_team_given_on_import(db: Database, actor: Staff) -> None:
    text = f"{HEADER}\n{FATIMA_ROW}\nC2,Bo Hansen,,,,8210,,,,,,,,,,,,,,,,,,\n"
    import_text(db, actor, "citizens", text, team_id="viby")
    teams = dict(db.cursor().execute("SELECT citizen_id, team_id FROM citizens").fetchall())
    assert teams == {"C1": "gellerup", "C2": "viby"}
