"""Exports that lose nothing (issue 13): every kind exported from the demo database and imported into an empty one, in
dependency order, gives identical files when exported again — and the database holds the same contact persons,
teams, makkerpar, own words, consent notes and job statuses. Candidates, decisions and the audit log are exported
(not read back), with access checked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from oto_match.access import Role, User
from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.errors import PermissionDeniedError, ValidationError
from oto_match.importexport import EXPORT_ONLY, KINDS, export_text, import_text
from oto_match.records import AUDIT_COLUMNS, CANDIDATE_COLUMNS, DECISION_COLUMNS
from oto_match.services.import_batches import BatchReport
from oto_match.services.setup import init_database
from oto_match.storage.db import Database

# What the issue found lost, as the columns that hold it.
KEPT = {
    "contact_persons": "contact_id, employer_id, name, role, phone, email",
    "teams": "team_id, name, neighbourhood",
    "citizens": "citizen_id, team_id, partner1_id, partner2_id, own_words, consent_note, consent_date, status",
    "job_openings": "job_id, status, positions, deadline, start_date",
    "placements": "placement_id, partner1_id, partner2_id",
    "employers": "employer_id, adaptations_note, size_band, social_economy, owner_staff_id",
    "followups": "followup_id, initiated_by, status",
}
TEAM_MEMBER = User("S1", "Anne Virksomhed", "gellerup", "employer_consultant", role=Role.TEAM, username="anne")


def _kept(db: Database) -> dict[str, list[tuple[object, ...]]]:
    cur = db.cursor()
    return {table: cur.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
            for table, columns in KEPT.items()}  # fmt: skip


def test_every_kind_exported_and_imported_into_an_empty_database_exports_identical_files(
    demo_db: Database, tmp_path: Path, actor: Staff
) -> None:
    files = {kind: export_text(demo_db, actor, kind)[0] for kind in KINDS}
    copy, _ = init_database(tmp_path / "copy.duckdb")
    for kind in KINDS:  # in dependency order
        report = import_text(copy, actor, kind, files[kind])
        assert report.problems == [], (kind, report.problems[:3])
    assert {kind: export_text(copy, actor, kind)[0] for kind in KINDS} == files
    assert _kept(copy) == _kept(demo_db)
    assert all(_kept(demo_db).values())
    copy.close()


def test_an_older_file_without_the_new_columns_still_imports(db: Database, actor: Staff) -> None:
    employers = "employer_id,name,cvr,pnumber,address,postcode,industry,accommodations\nE1,Kantinen,,,,8220,,\n"
    assert import_text(db, actor, "employers", employers).inserted == 1
    followups_header = "followup_id,placement_id,due_date,kind,with,status,done_date,done_by,outcome,notes\n"
    assert import_text(db, actor, "followups", followups_header).problems == []


@pytest.mark.parametrize("kind, columns", [("candidates", CANDIDATE_COLUMNS), ("decisions", DECISION_COLUMNS),
                                           ("audit", AUDIT_COLUMNS)])  # fmt: skip
def test_candidates_decisions_and_the_audit_log_are_exported_but_never_imported(
    demo_db: Database, actor: Staff, kind: str, columns: list[str]
) -> None:
    text, count = export_text(demo_db, actor, kind)
    assert text.splitlines()[0] == ",".join(columns)
    assert count == len(text.splitlines()) - 1
    assert kind in EXPORT_ONLY and kind not in KINDS
    with pytest.raises(ValidationError, match="kun eksporteres"):
        import_text(demo_db, actor, kind, text)


def test_the_audit_log_and_decisions_are_exported_by_a_leader_only(demo_db: Database) -> None:
    for kind in ("audit", "decisions"):
        with pytest.raises(PermissionDeniedError):
            export_text(demo_db, TEAM_MEMBER, kind)
    text, _ = export_text(demo_db, TEAM_MEMBER, "candidates")  # citizen data: the team's own only
    assert text.startswith("job_id,citizen_id")


def test_export_candidates_decisions_and_audit_from_the_command_line(
    tmp_path: Path, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "demo.duckdb"
    database.write_bytes(demo_path.read_bytes())
    for kind in ("candidates", "decisions", "audit"):
        target = tmp_path / f"{kind}.csv"
        assert main(["--db", str(database), "export", kind, str(target)]) == 0
        assert target.read_text(encoding="utf-8").startswith(",".join(EXPORT_ONLY[kind].columns[:2]))
    assert "skrevet til" in capsys.readouterr().out


def _contacts_file(n: int) -> str:
    lines = [f"K{i:05d},E1,Kontakt {i},leder,+45 20 00 {i // 100:02d} {i % 100:02d},k{i}@example.dk" for i in range(n)]
    return "contact_id,employer_id,name,role,phone,email\n" + "\n".join(lines) + "\n"


def test_reimporting_unchanged_contacts_changes_nothing_and_a_changed_phone_updates_one_row_fast(
    db: Database, actor: Staff
) -> None:
    assert import_text(db, actor, "employers", "employer_id,name,cvr,pnumber,address,postcode,industry,accommodations\n"
                                               "E1,Kantinen,,,,8220,,\n").inserted == 1  # fmt: skip
    assert import_text(db, actor, "contacts", _contacts_file(5000)).inserted == 5000
    versions = "SELECT contact_id, version FROM contact_persons ORDER BY contact_id"
    before, log_rows = db.cursor().execute(versions).fetchall(), _log_rows(db)
    exported, _ = export_text(db, actor, "contacts")
    started = time.perf_counter()
    again = import_text(db, actor, "contacts", exported)
    assert time.perf_counter() - started < 2.0
    assert isinstance(again, BatchReport)
    assert (again.inserted, again.created_total, again.changed_total) == (0, 0, 0)
    assert db.cursor().execute(versions).fetchall() == before
    assert _log_rows(db) == log_rows + 1  # the import's own row, none per contact
    changed = import_text(db, actor, "contacts", exported.replace("+45 20 00 00 07", "+45 30 00 00 07"))
    assert isinstance(changed, BatchReport) and (changed.created_total, changed.changed_total) == (0, 1)
    bumped = {k: v for k, v in db.cursor().execute(versions).fetchall() if v != 1}
    assert bumped == {"K00007": 2}
    found = db.cursor().execute("SELECT detail FROM audit_log WHERE entity = 'employer'"
                                " AND detail LIKE 'kontakt Kontakt 7:%' ORDER BY audit_id").fetchall()  # fmt: skip
    assert len(found) == 2 and "30 00 00 07" in found[1][0]  # created, then the phone changed


def _log_rows(db: Database) -> int:
    return int(db.cursor().execute("SELECT count(*) FROM audit_log").fetchall()[0][0])
