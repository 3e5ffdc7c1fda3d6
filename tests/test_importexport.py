from __future__ import annotations

import re
from pathlib import Path

import pytest

from oto_match.domain import Staff
from oto_match.errors import ValidationError
from oto_match.importexport import KINDS, export_text, import_text
from oto_match.records import CITIZEN_COLUMNS, EMPLOYER_COLUMNS, JOB_COLUMNS
from oto_match.services.setup import init_database
from oto_match.storage.db import Database

EMPLOYERS = (
    ",".join(EMPLOYER_COLUMNS)
    + "\n"
    + (
        "E1,Føtex Gellerup,24256790,1012345678,Gellerupvej 1,8220,detailhandel,heavy_lifting;noise\n"
        "E2,Café Globus,,,Bispehavevej 3,8220,socialøkonomisk café,\n"
    )
)
CITIZENS = (
    ",".join(CITIZEN_COLUMNS)
    + "\n"
    + (
        "C1,Fatima Ali,1980,female,Somalia,8220,12,man-fre 08:30-14:00,heavy_lifting;cold,walk;public,40,500,2,no,yes,"
        '"køkken, madlavning",rengøring i hjemmet,natarbejde\n'
        "C2,Jamal Nasser,,,,8210,,,,,,,,,,,,\n"
    )
)
JOBS = (
    ",".join(JOB_COLUMNS)
    + "\n"
    + (
        "J1,E1,Varepåfylder,Fylde varer på hylder,small_job,5,15,man-fre 07:00-11:00,,heavy_lifting;prolonged_standing,"
        "heavy_lifting,1,no\n"
    )
)


def _count(db: Database, table: str) -> int:
    return db.cursor().execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_a_valid_file_is_imported(db: Database, actor: Staff) -> None:
    report = import_text(db, actor, "employers", EMPLOYERS)
    assert (report.inserted, report.updated, report.problems) == (2, 0, [])
    assert _count(db, "employers") == 2


def test_reimporting_the_same_file_updates_instead_of_duplicating(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYERS)
    changed = EMPLOYERS.replace("Café Globus", "Café Globus Gellerup")
    report = import_text(db, actor, "employers", changed)
    assert (report.inserted, report.updated) == (0, 2)
    assert _count(db, "employers") == 2
    names = {r[0] for r in db.cursor().execute("SELECT name FROM employers").fetchall()}
    assert "Café Globus Gellerup" in names


@pytest.mark.parametrize(
    "kind, good, bad_line, expected",
    [
        ("employers", EMPLOYERS, "E3,,,,,8220,,", "linje 4, kolonne name (Navn): mangler"),
        ("employers", EMPLOYERS, "E3,X,12345678,,,8220,,", "linje 4, kolonne cvr (CVR-nummer): 12345678 består ikke modulus 11"),  # noqa: E501
        ("employers", EMPLOYERS, "E3,X,,123,,8220,,", "linje 4, kolonne pnumber (P-nummer): '123' skal være 10 cifre"),
        ("employers", EMPLOYERS, "E3,X,,,,0001,,", "linje 4, kolonne postcode (Postnummer): 0001 er ikke et kendt dansk postnummer"),  # noqa: E501
        ("employers", EMPLOYERS, "E3,X,,,,8220,,lifting", "linje 4, kolonne accommodations (Kan tilpasse): ukendt belastning 'lifting'"),  # noqa: E501
        ("employers", EMPLOYERS, "E1,Dublet,,,,8220,,", "linje 4, kolonne employer_id (Virksomhed): 'E1' står også på linje 2"),  # noqa: E501
        ("citizens", CITIZENS, "C3,X,19x0,,,,,,,,,,,,,,,", "linje 4, kolonne birth_year (Fødselsår): '19x0' er ikke et heltal"),  # noqa: E501
        ("citizens", CITIZENS, "C3,X,,,,,,mandag 08:00-12:00,,,,,,,,,,", "linje 4, kolonne availability (Tilgængelig): ukendt dag"),  # noqa: E501
        ("citizens", CITIZENS, "C3,X,,,,,,,,fly,,,,,,,,", "linje 4, kolonne transport_modes (Transportformer): ukendt transportform"),  # noqa: E501
        ("citizens", CITIZENS, "C3,X,,,,,,,,,,,7,,,,,", "linje 4, kolonne danish_level (Dansk): 7 skal ligge mellem 0 og 3"),  # noqa: E501
        ("citizens", CITIZENS, "C3,X,,,,,,,,,,,,måske,,,,", "linje 4, kolonne driving_license (Kørekort): 'måske' skal være yes/no"),  # noqa: E501
        ("citizens", CITIZENS, "C3,X,,,,,99,,,,,,,,,,,", "linje 4, kolonne max_hours_week (Maks. timer/uge): 99 skal ligge mellem 0 og 60"),  # noqa: E501
    ],
)
def test_each_kind_of_error_names_line_and_column_and_writes_nothing(
    db: Database, actor: Staff, kind: str, good: str, bad_line: str, expected: str
) -> None:
    report = import_text(db, actor, kind, good + bad_line + "\n")
    assert any(p.startswith(expected) for p in report.problems), report.problems
    assert _count(db, "employers" if kind == "employers" else "citizens") == 0


def test_a_job_pointing_at_an_unknown_employer_is_rejected(db: Database, actor: Staff) -> None:
    report = import_text(db, actor, "jobs", JOBS)
    assert report.problems == ["linje 2, kolonne employer_id (Virksomhed): 'E1' findes ikke"]


def test_cross_field_rules_of_a_job_are_checked(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYERS)
    bad = JOBS.replace(",5,15,", ",15,5,").replace("heavy_lifting,1,no", "cold,1,no")
    problems = import_text(db, actor, "jobs", bad).problems
    assert "linje 2, kolonne hours_max_week (Timer/uge til): må ikke være mindre end hours_min_week" in problems
    assert any(p.startswith("linje 2, kolonne removable_strains (Kan undværes): cold står ikke under strains") for p in problems)  # noqa: E501


def test_a_missing_column_is_reported_on_the_header_line(db: Database, actor: Staff) -> None:
    text = EMPLOYERS.replace(",accommodations", "")
    with pytest.raises(Exception, match=re.escape("linje 1, kolonne accommodations (Kan tilpasse): kolonnen mangler")):
        import_text(db, actor, "employers", text)


def test_a_semicolon_separated_file_gets_a_message_that_says_so(db: Database, actor: Staff) -> None:
    text = EMPLOYERS.replace(",", ";")
    with pytest.raises(ValidationError, match=re.escape("linje 1, kolonne employer_id (Virksomhed): overskriften er adskilt med semikolon")):  # noqa: E501
        import_text(db, actor, "employers", text)


def test_an_empty_file_says_what_the_first_line_must_be(db: Database, actor: Staff) -> None:
    with pytest.raises(ValidationError, match=re.escape("linje 1, kolonne employer_id (Virksomhed): filen er tom; første linje skal være")):  # noqa: E501
        import_text(db, actor, "employers", "")


def test_a_line_with_too_many_fields_is_reported_with_the_other_problems(db: Database, actor: Staff) -> None:
    text = EMPLOYERS + "E3,Firma, med komma,,,,8220,,\nE4,,,,,8220,,\n"
    report = import_text(db, actor, "employers", text)
    assert report.problems == [
        "linje 4, kolonne accommodations (Kan tilpasse): linjen har 1 felt(er) mere end overskriften",
        "linje 5, kolonne name (Navn): mangler",
    ]
    assert report.rows == 4 and _count(db, "employers") == 0


def test_a_byte_order_mark_and_windows_line_ends_are_read(db: Database, actor: Staff) -> None:
    report = import_text(db, actor, "employers", "\ufeff" + EMPLOYERS.replace("\n", "\r\n"))
    assert not report.problems and report.inserted == 2


def test_every_problem_of_the_file_is_reported_at_once(db: Database, actor: Staff) -> None:
    text = EMPLOYERS + "E3,,,,,8220,,\nE4,Y,,,,9,,\n"
    assert len(import_text(db, actor, "employers", text).problems) == 2


def test_skip_invalid_writes_the_valid_rows_and_reports_the_rest(db: Database, actor: Staff) -> None:
    report = import_text(db, actor, "employers", EMPLOYERS + "E3,,,,,8220,,\n", skip_invalid=True)
    assert (report.inserted, report.skipped) == (2, 1) and len(report.problems) == 1
    assert _count(db, "employers") == 2


def test_dry_run_validates_but_writes_nothing(db: Database, actor: Staff) -> None:
    report = import_text(db, actor, "employers", EMPLOYERS, dry_run=True)
    assert report.problems == [] and report.dry_run
    assert _count(db, "employers") == 0


def test_a_placement_import_creates_its_follow_up_schedule(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYERS)
    import_text(db, actor, "citizens", CITIZENS)
    header = ",".join(KINDS["placements"].columns)
    text = f"{header}\nP1,C1,E1,,flex_job,2026-01-05,,4,,other,,yes,yes,active,,\n"
    assert import_text(db, actor, "placements", text).problems == []
    assert _count(db, "followups") == 8 + 2  # first-year cadence + two fleksjob reviews
    assert _count(db, "placement_hours") == 1


@pytest.mark.parametrize("kind", list(KINDS))
def test_export_then_import_round_trips_to_identical_data(
    demo_db: Database, tmp_path: Path, actor: Staff, kind: str
) -> None:
    db, _ = init_database(tmp_path / "empty.duckdb")
    order = list(KINDS)  # in dependency order: each kind points only at kinds before it
    for name in order[: order.index(kind) + 1]:
        text, count = export_text(demo_db, actor, name)
        report = import_text(db, actor, name, text)
        assert report.problems == [], report.problems[:3]
    original, count = export_text(demo_db, actor, kind)
    copy, copy_count = export_text(db, actor, kind)
    assert count == copy_count > 0
    assert copy == original


def test_new_citizens_can_be_put_in_a_team_on_import(db: Database, actor: Staff) -> None:
    import_text(db, actor, "citizens", CITIZENS, team_id="viby")
    teams = dict(db.cursor().execute("SELECT citizen_id, team_id FROM citizens").fetchall())
    assert teams == {"C1": "viby", "C2": "viby"}
    import_text(db, actor, "citizens", CITIZENS, team_id="tilst")  # existing citizens keep their team
    assert dict(db.cursor().execute("SELECT citizen_id, team_id FROM citizens").fetchall()) == teams
    with pytest.raises(ValidationError, match="team"):
        import_text(db, actor, "citizens", CITIZENS.replace("C2,", "C3,"), team_id="aalborg")
    assert _count(db, "citizens") == 2


# --- export_file: a file that cannot be written says why in Danish and leaves no audit rows ----------------------


def _exported_with_citizens(db: Database, actor: Staff) -> int:
    import_text(db, actor, "employers", EMPLOYERS)
    import_text(db, actor, "citizens", CITIZENS)
    return _count(db, "audit_log")


@pytest.mark.parametrize("name", ["x.xlsx", "x.csv"])
def test_export_to_a_missing_folder_says_so_and_writes_no_file_and_no_audit_rows(
    db: Database, actor: Staff, tmp_path: Path, name: str
) -> None:
    from oto_match.errors import OtoMatchError
    from oto_match.importexport import export_file

    before = _exported_with_citizens(db, actor)
    target = tmp_path / "findes-ikke" / name
    with pytest.raises(OtoMatchError, match=f"Filen {name} kunne ikke skrives: mappen .*findes-ikke findes ikke"):
        export_file(db, actor, "citizens", target)
    assert not target.parent.exists() and _count(db, "audit_log") == before


def test_export_to_a_folder_or_below_a_file_says_so_and_leaves_nothing_behind(
    db: Database, actor: Staff, tmp_path: Path
) -> None:
    from oto_match.errors import OtoMatchError
    from oto_match.importexport import export_file

    before = _exported_with_citizens(db, actor)
    with pytest.raises(OtoMatchError, match="er en mappe; angiv et filnavn"):
        export_file(db, actor, "citizens", tmp_path)
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    with pytest.raises(OtoMatchError, match="en del af stien er en fil, ikke en mappe"):
        export_file(db, actor, "citizens", tmp_path / "fil" / "x.csv")
    assert _count(db, "audit_log") == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".duckdb") and ".wal" not in p.name) == [
        "fil"
    ]


def test_a_written_export_is_in_place_with_its_audit_rows_and_no_temporary_file_is_left(
    db: Database, actor: Staff, tmp_path: Path
) -> None:
    from oto_match.importexport import export_file

    before = _exported_with_citizens(db, actor)
    out = tmp_path / "ud"
    out.mkdir()
    (out / "borgere.csv").write_text("gammel", encoding="utf-8")
    assert export_file(db, actor, "citizens", out / "borgere.csv") == 2
    assert [p.name for p in out.iterdir()] == ["borgere.csv"]
    assert (out / "borgere.csv").read_text(encoding="utf-8").startswith("citizen_id,")
    assert _count(db, "audit_log") == before + 3  # one per citizen and one for the file
