"""One door per employer use case: typed inputs, versioned saves, and the same result from every entry point."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from oto_match.cli import main as cli_main
from oto_match.domain import Employer, Staff
from oto_match.employer_inputs import AddAdaptations, ContactChange, EmployerChange, VisitLog
from oto_match.errors import DuplicateRecordError, StaleRecordError, ValidationError
from oto_match.importexport import KINDS, import_text
from oto_match.services import employer_dedup, employers, visits
from oto_match.services.setup import init_database
from oto_match.storage import employers as employer_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label

TODAY = date.today()  # the CSV importer checks visits against the real day
BO = Staff("S2", "Bo Job", "gellerup", "job_consultant")
KANTINEN = EmployerChange(
    name="Kantinen Vest", postcode="8220", cvr="24256790", pnumber="1012345678", address="Gellerupvej 1",
    industry="kantine", accommodations=("heavy_lifting", "noise"), employer_id="E1",
)  # fmt: skip
CUP_2 = VisitLog(
    "E1", "S1", TODAY - timedelta(days=10), "in_person_workplace", 2, "Så køkkenet", "opvask og anretning",
    ("heavy_lifting", "cold"), "ring til Lis", TODAY + timedelta(days=5), visit_id="V1",
)  # fmt: skip


def _employer(db: Database, employer_id: str = "E1") -> Employer:
    with db.transaction() as cur:
        e = employer_sql.get_employer(cur, employer_id)
    assert e is not None
    return e


def test_adaptations_added_after_a_cup_2_visit_survive_a_save_of_the_master_data(db: Database, actor: Staff) -> None:
    employers.save_employer(db, actor, replace(KANTINEN, accommodations=()))
    opened_before = _employer(db)  # a Stamdata form opened before the visit
    learned = VisitLog("E1", "S1", TODAY, "in_person_workplace", 2, adaptations_learned=("heavy_lifting", "noise"))
    logged = visits.log_visit(db, actor, learned, TODAY)
    assert logged.offer_adaptations == ("heavy_lifting", "noise")
    employers.add_adaptations(db, actor, AddAdaptations("E1", logged.offer_adaptations))
    shown = _employer(db)  # the form after a save on the page shows the record as it is now
    assert shown.accommodations == ("heavy_lifting", "noise") and shown.version == opened_before.version + 1
    saved = employers.save_employer(
        db, actor, replace(EmployerChange.editing(shown), adaptations_note="hæve-sænkebord")
    )
    assert saved.accommodations == ("heavy_lifting", "noise") and saved.adaptations_note == "hæve-sænkebord"
    stale = replace(EmployerChange.editing(opened_before), adaptations_note="noget andet")
    with pytest.raises(StaleRecordError, match="er ændret af Anne Virksomhed"):
        employers.save_employer(db, actor, stale)
    assert _employer(db) == saved


def test_of_two_people_on_one_employer_the_later_save_of_an_older_form_is_refused(db: Database, actor: Staff) -> None:
    employers.save_employer(db, actor, KANTINEN)
    form_a = form_b = EmployerChange.editing(_employer(db))
    employers.save_employer(db, actor, replace(form_a, name="Kantinen Vest ApS"))
    with pytest.raises(StaleRecordError) as refused:
        employers.save_employer(db, BO, replace(form_b, industry="catering"))
    assert "Anne Virksomhed" in refused.value.message and "dine indtastninger står stadig" in refused.value.message
    assert (_employer(db).name, _employer(db).industry) == ("Kantinen Vest ApS", "kantine")
    employers.save_employer(db, BO, replace(EmployerChange.editing(_employer(db)), industry="catering"))
    assert (_employer(db).name, _employer(db).industry) == ("Kantinen Vest ApS", "catering")


@pytest.mark.parametrize(
    "make, field",
    [
        (lambda: replace(KANTINEN, name="K" * 5000), "name"),
        (lambda: replace(KANTINEN, name="\x00"), "name"),
        (lambda: replace(KANTINEN, name="Kantinen\u200b"), "name"),
        (lambda: replace(KANTINEN, name="\u202eKantinen"), "name"),
        (lambda: replace(KANTINEN, address="Vej 1\u200b"), "address"),
        (lambda: replace(KANTINEN, cvr="12345678"), "cvr"),
        (lambda: replace(KANTINEN, size_band="kæmpe"), "size_band"),
        (lambda: ContactChange("E1", "Lene Holm", email="lene.holm@"), "email"),
        (lambda: ContactChange("E1", "\x00"), "name"),
        (lambda: ContactChange("E1", "L" * 5000), "name"),
        (lambda: ContactChange("E1", "Lene", phone="12"), "phone"),
        (lambda: replace(CUP_2, visit_date=date(2035, 1, 1), next_step_date=None), "visit_date"),
        (lambda: replace(CUP_2, visit_date=date(9999, 12, 31), next_step_date=None), "visit_date"),
        (lambda: replace(CUP_2, next_step_date=CUP_2.visit_date - timedelta(days=1)), "next_step_date"),
        (lambda: replace(CUP_2, next_step_date=date(9999, 1, 1)), "next_step_date"),
        (lambda: replace(CUP_2, notes="x\x00"), "notes"),
        (lambda: replace(CUP_2, next_step=""), "next_step"),
        (lambda: replace(CUP_2, cup=4), "cup"),
    ],
)
def test_an_invalid_value_is_refused_with_a_message_naming_the_field(
    db: Database, actor: Staff, make: Any, field: str
) -> None:
    employers.save_employer(db, actor, replace(KANTINEN, employer_id="E1"))
    given = make()
    problems = given.problems(TODAY) if isinstance(given, VisitLog) else given.problems()
    assert field in {p.field for p in problems}
    with pytest.raises(ValidationError, match=field_label(field)) as refused:
        if isinstance(given, VisitLog):
            visits.log_visit(db, actor, given, TODAY)
        elif isinstance(given, ContactChange):
            employers.save_contact(db, actor, given)
        else:
            employers.save_employer(db, actor, replace(given, employer_id="E2"))
    assert field in refused.value.fields()


def test_every_problem_of_an_input_is_reported_at_once() -> None:
    change = EmployerChange(name="", postcode="12", cvr="1", pnumber="2")
    assert {p.field for p in change.problems()} == {"name", "postcode", "cvr", "pnumber"}


def test_a_likely_duplicate_is_refused_by_name_unless_confirmed(db: Database, actor: Staff) -> None:
    employers.save_employer(db, actor, EmployerChange("Føtex Gellerup", "8220", employer_id="E1"))
    twin = EmployerChange("FØTEX GELLERUP A/S", "8220")
    with pytest.raises(ValidationError, match="Føtex Gellerup") as refused:
        employers.save_employer(db, actor, twin)
    assert refused.value.fields() == {"name"}
    created = employers.save_employer(db, actor, replace(twin, confirmed_not_duplicate=True))
    assert created.owner_staff_id == "S1" and created.version == 1
    hints = employer_dedup.suggestions(db, "føtex gellerup", "8220")
    assert {h.employer.employer_id for h in hints} == {"E1", created.employer_id}


def test_a_form_sent_twice_creates_one_employer_one_contact_and_one_visit(db: Database, actor: Staff) -> None:
    employers.save_employer(db, actor, KANTINEN)
    with pytest.raises(DuplicateRecordError):
        employers.save_employer(db, actor, KANTINEN)
    contact = ContactChange("E1", "Lis Holm", "køkkenleder", contact_id="K-1")
    employers.save_contact(db, actor, contact)
    with pytest.raises(DuplicateRecordError):
        employers.save_contact(db, actor, contact)
    visits.log_visit(db, actor, CUP_2, TODAY)
    with pytest.raises(DuplicateRecordError):
        visits.log_visit(db, actor, CUP_2, TODAY)
    counts = (
        db.cursor()
        .execute(
            "SELECT (SELECT count(*) FROM employers), (SELECT count(*) FROM contact_persons),"
            " (SELECT count(*) FROM visits)"
        )
        .fetchall()
    )
    assert counts == [(1, 1, 1)]


def test_a_visit_is_logged_in_one_transaction_and_says_how_the_stage_moved(db: Database, actor: Staff) -> None:
    employers.save_employer(db, actor, KANTINEN)
    with pytest.raises(ValidationError, match="medarbejderen 'S9' findes ikke"):
        visits.log_visit(db, actor, replace(CUP_2, staff_id="S9"), TODAY)
    assert db.cursor().execute("SELECT count(*) FROM audit_log WHERE action = 'visit'").fetchall() == [(0,)]
    logged = visits.log_visit(db, actor, CUP_2, TODAY)
    assert (logged.stage_before, logged.stage_after) == ("none", "cup2")
    assert logged.offer_adaptations == ("cold",)  # heavy_lifting is on the record already


def test_a_merged_employer_cannot_be_saved_from_a_form_opened_before_the_merge(db: Database, actor: Staff) -> None:
    employers.save_employer(db, actor, EmployerChange("Føtex Gellerup", "8220", employer_id="E1"))
    employers.save_employer(db, actor, EmployerChange("Føtex Gellerup A/S", "8220", employer_id="E2",
                                                      confirmed_not_duplicate=True))  # fmt: skip
    opened = EmployerChange.editing(_employer(db, "E2"))
    employer_dedup.merge(db, actor, "E1", "E2")
    with pytest.raises(StaleRecordError):
        employers.save_employer(db, actor, replace(opened, industry="detail"))


# --- every entry point: the form's service call, CSV import and the command line ---

EMPLOYER_CSV = ",".join(KINDS["employers"].columns) + (
    "\nE1,Kantinen Vest,24256790,1012345678,Gellerupvej 1,8220,kantine,heavy_lifting;noise\n"
)
VISIT_CSV = ",".join(KINDS["visits"].columns) + (
    f"\nV1,E1,S1,{CUP_2.visit_date},in_person_workplace,2,Så køkkenet,opvask og anretning,heavy_lifting;cold,"
    f"ring til Lis,{CUP_2.next_step_date}\n"
)


def _fresh(path: Path) -> Database:
    database, _ = init_database(path)
    with database.transaction() as cur:
        staff_sql.save_staff(cur, Staff("S1", "Anne Virksomhed", "gellerup", "employer_consultant"))
    return database


def _what_was_written(path: Path) -> tuple[list[Any], list[Any], list[Any]]:
    """Rows and audit entries, without who saved them and when (the actors differ)."""
    database = Database(path)
    try:
        cur = database.cursor()
        rows = cur.execute("SELECT * EXCLUDE (changed_at, changed_by, created_at) FROM employers").fetchall()
        visit_rows = cur.execute("SELECT * EXCLUDE (created_at) FROM visits").fetchall()
        audit = cur.execute(
            "SELECT action, entity, entity_id, detail FROM audit_log WHERE entity = 'employer' ORDER BY audit_id"
        ).fetchall()
        return rows, visit_rows, audit
    finally:
        database.close()


def test_the_form_csv_import_and_the_command_line_write_the_same_employer_and_visit(
    tmp_path: Path, actor: Staff
) -> None:
    by_form = _fresh(tmp_path / "form.duckdb")
    employers.save_employer(by_form, actor, KANTINEN)
    visits.log_visit(by_form, actor, CUP_2, TODAY)
    by_form.close()
    by_import = _fresh(tmp_path / "import.duckdb")
    assert import_text(by_import, actor, "employers", EMPLOYER_CSV).problems == []
    assert import_text(by_import, actor, "visits", VISIT_CSV).problems == []
    by_import.close()
    _fresh(tmp_path / "cli.duckdb").close()
    (tmp_path / "employers.csv").write_text(EMPLOYER_CSV, encoding="utf-8")
    (tmp_path / "visits.csv").write_text(VISIT_CSV, encoding="utf-8")
    cli_db = str(tmp_path / "cli.duckdb")
    assert cli_main(["--db", cli_db, "import", "employers", str(tmp_path / "employers.csv")]) == 0
    assert cli_main(["--db", cli_db, "import", "visits", str(tmp_path / "visits.csv")]) == 0

    form, imported, cli = (_what_was_written(tmp_path / f"{n}.duckdb") for n in ("form", "import", "cli"))
    assert form == imported
    created = ("Navn: – → Kantinen Vest; CVR-nummer: – → 24256790; P-nummer: – → 1012345678; Adresse: – → "
               "Gellerupvej 1; Postnummer: – → 8220; Branche: – → kantine; Kan tilpasse: – → tunge løft, støj; "
               "Ansvarlig: – → S1")  # fmt: skip
    assert form[2] == [("create", "employer", "E1", created), ("visit", "employer", "E1", "kop 2")]
    # The creator owns a new employer; the command line acts as a system user, who owns nothing.
    owner = employer_sql.ALL_EMPLOYER_COLUMNS.index("owner_staff_id")
    assert form[0][0][owner] == "S1" and cli[0][0][owner] is None
    assert [r[:owner] + r[owner + 1 :] for r in cli[0]] == [r[:owner] + r[owner + 1 :] for r in form[0]]
    assert cli[1] == form[1] and cli[2][1:] == form[2][1:]
    assert cli[2][0] == ("create", "employer", "E1", created.removesuffix("; Ansvarlig: – → S1"))  # owns nothing


def test_the_visits_file_refuses_a_visit_in_year_9999_and_one_in_the_future(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYER_CSV)
    future = TODAY + timedelta(days=3)
    text = ",".join(KINDS["visits"].columns) + (
        "\nV1,E1,S1,9999-12-31,phone,1,,,,,\n"
        f"V2,E1,S1,{future},phone,1,,,,,\n"
        f"V3,E1,S1,{TODAY},phone,1,,,,ring,{TODAY - timedelta(days=1)}\n"
        f"V4,E1,S1,{TODAY},phone,1,\u202enote,,,,\n"
    )
    report = import_text(db, actor, "visits", text)
    assert report.problems == [
        "linje 2, kolonne visit_date (Dato): 31-12-9999 ligger uden for 2000–2100",
        "linje 3, kolonne visit_date (Dato): et besøg kan ikke ligge i fremtiden; planlæg det som næste skridt",
        "linje 4, kolonne next_step_date (Dato for næste skridt): ligger før besøget",
        "linje 5, kolonne notes (Noter): indeholder et usynligt tegn eller kontroltegn (U+202E); skriv teksten igen",
    ]
    assert db.cursor().execute("SELECT count(*) FROM visits").fetchall() == [(0,)]


def test_the_employers_file_refuses_invisible_characters_in_a_name(db: Database, actor: Staff) -> None:
    header = ",".join(KINDS["employers"].columns)
    text = f"{header}\nE1,\x00,,,,8220,,\nE2,Kantinen\u200b,,,,8220,,\nE3,\u202eKantinen,,,,8220,,\n"
    report = import_text(db, actor, "employers", text)
    assert [p.split(":")[0] for p in report.problems] == [f"linje {n}, kolonne name (Navn)" for n in (2, 3, 4)]


def test_a_next_step_needs_both_what_and_when_so_it_reaches_mine_naeste_skridt() -> None:
    today = date(2026, 11, 26)
    without_date = VisitLog("E1", "S1", today, "phone", next_step="Ringe tilbage")
    without_text = VisitLog("E1", "S1", today, "phone", next_step_date=today + timedelta(days=7))
    both = VisitLog("E1", "S1", today, "phone", next_step="Ringe tilbage", next_step_date=today + timedelta(days=7))
    assert [(p.field, p.message) for p in without_date.problems(today)] == [
        ("next_step_date", "sæt en dato, så skridtet kommer på 'Mine næste skridt'")]
    assert [p.field for p in without_text.problems(today)] == ["next_step"]
    assert both.problems(today) == []
