"""Imports you can take back (issue 13 item 6): every import is a batch; a dry run writes nothing and lists what
would be created and changed field by field; undo restores exactly, in one transaction, and refuses (naming the
records) where a later change depends on the batch; a batch is undone once; only a leader undoes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oto_match.access import Role, User
from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.employer_inputs import VisitLog
from oto_match.errors import PermissionDeniedError, RuleError
from oto_match.importexport import KINDS, export_text, import_text
from oto_match.placement_inputs import NewPlacement
from oto_match.records import CITIZEN_COLUMNS, EMPLOYER_COLUMNS, FOLLOWUP_COLUMNS, PLACEMENT_COLUMNS
from oto_match.services import candidates, erasure, import_batches, matching, placements, visits
from oto_match.services.audit_log import verify_log
from oto_match.services.candidates import MatchDecision, Proposal
from oto_match.services.citizen_change import CitizenChange
from oto_match.services.citizens import save_citizen
from oto_match.services.import_batches import BatchReport, FieldChange
from oto_match.storage import import_batches as batch_sql
from oto_match.storage.db import Database

CITIZENS = ",".join([*CITIZEN_COLUMNS, "team_id"]) + "\n" + (
    "C1,Fatima Ali,1980,female,Somalia,8220,12,man-fre 08:30-14:00,heavy_lifting,walk,40,500,2,no,yes,køkken,,,"
    "gellerup\n"
    "C2,Jamal Nasser,,,,8210,,,,,,,,,,,,,viby\n"
)  # fmt: skip
CHANGED = (
    CITIZENS.replace("8220,12,man-fre 08:30-14:00", "8210,15,man-fre 09:00-13:00").replace(
        "Jamal Nasser", "Jamal N. Nasser"
    )
    + "C3,Ny Borger,,,,8000,,,,,,,,,,,,,tilst\n"
)
EMPLOYERS = ",".join(EMPLOYER_COLUMNS) + "\nE7,Café Globus,,,Bispehavevej 3,8220,café,\n"
TABLES = ("citizens", "citizen_availability", "citizen_keys", "employers", "employer_keys", "placements",
          "placement_keys", "followups", "placement_hours", "visits")  # fmt: skip


def rows(db: Database) -> dict[str, list[str]]:
    """Every row of the tables an import writes, as text (the audit log and the batches themselves aside)."""
    cur = db.cursor()
    return {t: sorted(map(repr, cur.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}


def exports(db: Database, actor: Staff) -> dict[str, str]:
    return {kind: export_text(db, actor, kind)[0] for kind in KINDS}


def test_a_dry_run_writes_nothing_and_lists_each_change_field_by_field(db: Database, actor: Staff) -> None:
    import_text(db, actor, "citizens", CITIZENS)
    before, files = rows(db), exports(db, actor)
    report = import_text(db, actor, "citizens", CHANGED, dry_run=True)
    assert isinstance(report, BatchReport) and report.dry_run and report.batch_id == ""
    assert (report.created_total, report.changed_total, report.created_labels) == (1, 2, ("Ny Borger",))
    changes = {u.label: u.changes for u in report.updates}
    assert FieldChange("Postnummer", "8220", "8210") in changes["Fatima Ali"]
    assert FieldChange("Maks. timer/uge", "12", "15") in changes["Fatima Ali"]
    assert changes["Jamal N. Nasser"] == (FieldChange("Navn", "Jamal Nasser", "Jamal N. Nasser"),)
    assert rows(db) == before and exports(db, actor) == files
    assert db.cursor().execute("SELECT count(*) FROM import_batches").fetchall() == [(1,)]


def test_a_dry_run_leaves_the_database_file_byte_for_byte_as_it_was(tmp_path: Path, db: Database,
                                                                     actor: Staff) -> None:  # fmt: skip
    import_text(db, actor, "citizens", CITIZENS)
    db.close()
    path = Path(db.path)
    before = path.read_bytes()
    again = Database(path)
    import_text(again, actor, "citizens", CHANGED, dry_run=True)
    again.close()
    assert path.read_bytes() == before


def test_undo_removes_what_the_batch_created_and_restores_what_it_changed_exactly(db: Database, actor: Staff) -> None:
    import_text(db, actor, "citizens", CITIZENS)
    before = rows(db)
    report = import_text(db, actor, "citizens", CHANGED)
    assert isinstance(report, BatchReport) and report.batch_id == "IMP-0002"
    assert rows(db) != before
    done = import_batches.undo_batch(db, actor, "IMP-0002")
    assert (done.removed, done.restored) == (1, 2)
    assert rows(db) == before
    undo_rows = db.cursor().execute("SELECT entity, entity_id FROM audit_log WHERE action = 'undo_import'").fetchall()
    assert ("import_batch", "IMP-0002") in undo_rows and ("citizen", "C3") in undo_rows


def test_undoing_a_placement_import_takes_back_its_follow_ups_hours_and_the_citizens_status(
    placement_world: Database, actor: Staff
) -> None:
    before = rows(placement_world)
    line = "P9,C1,E1,J1,internship,2026-11-02,,10,,,,yes,yes,active,,"
    report = import_text(placement_world, actor, "placements", ",".join(PLACEMENT_COLUMNS) + "\n" + line + "\n")
    assert report.inserted == 1 and rows(placement_world) != before
    import_batches.undo_batch(placement_world, actor, "IMP-0001")
    assert rows(placement_world) == before


def test_undo_is_refused_naming_a_record_changed_after_the_import(db: Database, actor: Staff) -> None:
    import_text(db, actor, "citizens", CITIZENS)
    save_citizen(db, actor, CitizenChange("C1", "Fatima Ali", 1, postcode="8000", given=frozenset({"postcode"})))
    before = rows(db)
    with pytest.raises(RuleError, match="Borgeren Fatima Ali er ændret efter indlæsningen") as refused:
        import_batches.undo_batch(db, actor, "IMP-0001")
    assert "C1" not in refused.value.message and "Intet er ændret" in refused.value.message
    assert rows(db) == before


def test_undo_is_refused_naming_a_created_employer_that_now_has_a_visit(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYERS)
    visits.log_visit(db, actor, VisitLog("E7", "S1", date(2026, 11, 2), "phone", 1), date(2026, 11, 24))
    with pytest.raises(RuleError, match="Virksomheden Café Globus har nu 1 besøg"):
        import_batches.undo_batch(db, actor, "IMP-0001")


def test_a_batch_is_undone_once(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYERS)
    import_batches.undo_batch(db, actor, "IMP-0001")
    with pytest.raises(RuleError, match="allerede fortrudt"):
        import_batches.undo_batch(db, actor, "IMP-0001")
    [line] = import_batches.list_batches(db, actor)
    assert line.batch.undone_at is not None and line.who == "Anne Virksomhed" and line.kind_label == "Virksomheder"


def test_only_a_leader_lists_or_undoes_imports(db: Database, actor: Staff) -> None:
    import_text(db, actor, "employers", EMPLOYERS)
    member = User("S2", "Bo Job", "gellerup", "job_consultant", role=Role.TEAM, username="bo")
    with pytest.raises(PermissionDeniedError, match="leder"):
        import_batches.undo_batch(db, member, "IMP-0001")
    with pytest.raises(PermissionDeniedError, match="leder"):
        import_batches.list_batches(db, member)
    assert db.cursor().execute("SELECT count(*) FROM employers").fetchall() == [(1,)]


def test_the_command_line_names_the_batch_shows_a_dry_run_and_undoes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "cli.duckdb")
    first, second = tmp_path / "citizens.csv", tmp_path / "changed.csv"
    first.write_text(CITIZENS, encoding="utf-8")
    second.write_text(CHANGED, encoding="utf-8")
    assert main(["--db", database, "init"]) == 0
    assert main(["--db", database, "import", "citizens", str(first)]) == 0
    assert "oto-match import undo IMP-0001" in capsys.readouterr().out
    assert main(["--db", database, "import", "citizens", str(second), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Oprettes: Ny Borger" in out and "Ændres: Fatima Ali" in out and "  Postnummer: 8220 → 8210" in out
    assert main(["--db", database, "import", "citizens", str(second)]) == 0
    assert main(["--db", database, "import", "list"]) == 0
    assert "IMP-0002" in capsys.readouterr().out
    assert main(["--db", database, "import", "undo", "IMP-0002"]) == 0
    assert "1 rækker fjernet, 2 gendannet" in capsys.readouterr().out
    assert main(["--db", database, "import", "undo", "IMP-0002"]) == 1
    assert "allerede fortrudt" in capsys.readouterr().err


SECRET = (
    ",".join([*CITIZEN_COLUMNS, "team_id"])
    + "\n"
    + ",".join(["C9", "Hemmelig Person", "1975", "female", "Chile", "8220", *[""] * 9, "køkken", "", "", "gellerup"])
    + "\n"
)


def test_undo_is_refused_naming_a_created_citizen_that_a_stored_team_decision_shows(
    placement_world: Database, actor: Staff
) -> None:
    assert import_text(placement_world, actor, "citizens", SECRET).inserted == 1
    ranking = matching.rank_job(placement_world, actor, "J1", "gellerup")
    assert "C9" in {c.citizen.citizen_id for c in ranking.candidates}
    candidates.record_decision(placement_world, actor, ranking, MatchDecision("J1", (Proposal("C1"),), "passer"))
    before = rows(placement_world)
    with pytest.raises(RuleError, match="Borgeren Hemmelig Person står i teamets beslutning om Køkkenhjælp"):
        import_batches.undo_batch(placement_world, actor, "IMP-0001")
    assert rows(placement_world) == before
    [line] = import_batches.list_batches(placement_world, actor)
    assert line.batch.undone_at is None


def test_undo_blanks_the_audit_rows_about_a_removed_citizen_and_the_chain_still_verifies(
    placement_world: Database, actor: Staff
) -> None:
    assert import_text(placement_world, actor, "citizens", SECRET).inserted == 1
    ranking = matching.rank_job(placement_world, actor, "J1", "gellerup")  # logged with the ids it showed
    assert "C9" in {c.citizen.citizen_id for c in ranking.candidates}
    import_batches.undo_batch(placement_world, actor, "IMP-0001")
    cur = placement_world.cursor()
    log = repr(cur.execute("SELECT * FROM audit_log").fetchall())
    assert "Hemmelig" not in log and "Chile" not in log
    assert cur.execute("SELECT count(*) FROM audit_log WHERE list_contains(citizen_ids, 'C9')").fetchall() == [(0,)]
    assert verify_log(placement_world, actor).broken_at is None


def test_undo_is_refused_when_an_erasure_blanked_what_the_batch_kept_and_the_batch_stays(
    placement_world: Database, actor: Staff
) -> None:
    leader = User("S1", "Anne Virksomhed", "gellerup", "team_leader", is_leader=True, role=Role.LEADER,
                  username="anne")  # fmt: skip
    p = placements.create_placement(placement_world, actor, NewPlacement("C1", "E1", "internship", date(2026, 10, 1),
                                                                         10.0, "J1"))  # fmt: skip
    first = f"{p.placement_id}-s0,{p.placement_id},2026-10-08,scheduled,both,done,2026-10-08,S1,thriving,"
    import_text(placement_world, actor, "followups", ",".join(FOLLOWUP_COLUMNS) + "\n" + first + "\n")
    version = placements.placement_view(placement_world, actor, p.placement_id, date(2026, 11, 24)).placement.version
    placements.end_placement(placement_world, actor, p.placement_id, date(2026, 11, 24), "health", version=version)
    erasure.erase_citizen(placement_world, leader, "C1")
    with pytest.raises(RuleError, match="borgerens oplysninger er slettet efter indlæsningen"):
        import_batches.undo_batch(placement_world, actor, "IMP-0001")
    [line] = import_batches.list_batches(placement_world, actor)
    assert line.batch.undone_at is None


def test_a_kept_row_that_cannot_be_put_back_rolls_the_whole_undo_back(db: Database, actor: Staff) -> None:
    import_text(db, actor, "citizens", CITIZENS)
    import_text(db, actor, "citizens", CHANGED)
    before = rows(db)
    with db.transaction() as cur:  # as an erasure leaves it, but without the conflict check in front
        cur.execute(
            "UPDATE import_batch_rows SET before_json = '{}' WHERE batch_id = 'IMP-0002' AND action = 'updated'"
        )
    with pytest.raises(RuleError, match="kunne ikke gendannes"), db.transaction() as cur:
        batch_sql.restore(cur, "IMP-0002", "citizens")
    assert rows(db) == before
