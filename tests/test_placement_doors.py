"""One door for a new placement: the form, placements.csv, the CLI and the demo give the same rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oto_match import followups as cadence
from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.errors import DuplicateRecordError, ValidationError
from oto_match.importexport import KINDS, import_text, write_csv
from oto_match.placement_inputs import FollowUpLog, NewPlacement
from oto_match.records import to_row
from oto_match.schemes import STATUS_BY_PLACEMENT_TYPE
from oto_match.services import followups as followup_service
from oto_match.services import placements as placement_service
from oto_match.storage.db import Database
from oto_match.vocab import field_label
from tests.conftest import build_placement_world

TODAY = date(2026, 11, 24)
START = date(2026, 9, 7)
# The placement as the "Nyt forløb" form makes it for a candidate who got job J1 (employer chosen from the job).
AS_THE_FORM_MAKES_IT = NewPlacement(
    "C1", "E1", "internship", START, 4.0, job_id="J1", schedule="man,ons 9:00-12:00", benefit_group="job_ready",
    employer_expects="Stabilt fremmøde", citizen_expects="En fast kontaktperson", success_employer="Selvstændig",
    success_citizen="Komme hver gang", adaptations_note="Hæve-sænkebord", path_to_paid="Løntimer efter 8 uger",
    agreed_strains=("heavy_lifting",), citizen_accepted=True, mentor_start=START, placement_id="P-1",
)  # fmt: skip
AUDIT_SQL = "SELECT action, entity, entity_id, detail FROM audit_log WHERE action <> 'import' ORDER BY audit_id"
IGNORED = {"changed_at", "changed_by", "staff_id"}  # who acted and when differ between entry points


def _rows(db: Database, sql: str) -> list[dict[str, Any]]:
    result = db.cursor().execute(sql)
    names = [d[0] for d in result.description]
    return [{n: v for n, v in zip(names, row, strict=True) if n not in IGNORED} for row in result.fetchall()]


def _everything(db: Database) -> dict[str, list[dict[str, Any]]]:
    return {
        "placements": _rows(db, "SELECT * FROM placements ORDER BY placement_id"),
        "hours": _rows(db, "SELECT * FROM placement_hours ORDER BY placement_id, effective_date"),
        "followups": _rows(db, "SELECT * FROM followups ORDER BY followup_id"),
        "citizen": _rows(db, "SELECT citizen_id, status, version FROM citizens"),
        "audit": _rows(db, AUDIT_SQL),
    }


def _csv(item: NewPlacement) -> str:
    columns = KINDS["placements"].columns
    return write_csv(columns, [to_row(item, columns)])


def test_the_form_the_csv_import_and_the_cli_create_the_same_placement(tmp_path: Path, actor: Staff) -> None:
    by_form = build_placement_world(tmp_path / "form.duckdb")
    placement_service.create_placement(by_form, actor, AS_THE_FORM_MAKES_IT)
    by_import = build_placement_world(tmp_path / "import.duckdb")
    assert import_text(by_import, actor, "placements", _csv(AS_THE_FORM_MAKES_IT)).problems == []
    build_placement_world(tmp_path / "cli.duckdb").close()
    (tmp_path / "placements.csv").write_text(_csv(AS_THE_FORM_MAKES_IT), encoding="utf-8")
    assert main(["--db", str(tmp_path / "cli.duckdb"), "import", "placements", str(tmp_path / "placements.csv")]) == 0
    by_cli = Database(tmp_path / "cli.duckdb")
    try:
        expected = _everything(by_form)
        assert expected["placements"][0]["partner1_id"] == "S1" and expected["placements"][0]["schedule"]
        assert len(expected["followups"]) == len(cadence.initial_schedule(START, "internship"))
        assert _everything(by_import) == expected
        assert _everything(by_cli) == expected
    finally:
        for database in (by_form, by_import, by_cli):
            database.close()


def test_an_imported_placement_reaches_its_makkerpar_and_moves_the_citizen_status(
    placement_world: Database, actor: Staff
) -> None:
    import_text(placement_world, actor, "placements", _csv(replace(AS_THE_FORM_MAKES_IT, employer_id=None)))
    for partner in ("S1", "S2"):
        mine = followup_service.due_followups(placement_world, actor, TODAY, staff_id=partner)
        assert {f.placement_id for f in mine} == {"P-1"} and mine[0].overdue
    assert followup_service.due_followups(placement_world, actor, TODAY, staff_id="S3") == []
    status = placement_world.cursor().execute("SELECT status FROM citizens WHERE citizen_id = 'C1'").fetchall()
    assert status == [("internship",)]
    employer = placement_world.cursor().execute("SELECT employer_id FROM placements").fetchall()
    assert employer == [("E1",)]  # from the job, as the form derives it


def test_an_imported_ended_placement_has_its_plan_cancelled_and_the_status_after_ending(
    placement_world: Database, actor: Staff
) -> None:
    ended = replace(AS_THE_FORM_MAKES_IT, status="ended", end_date=date(2026, 10, 1), end_reason="got_ordinary_job")
    assert import_text(placement_world, actor, "placements", _csv(ended)).problems == []
    statuses = placement_world.cursor().execute("SELECT DISTINCT status FROM followups").fetchall()
    assert statuses == [("cancelled",)]
    assert placement_world.cursor().execute("SELECT status FROM citizens").fetchall() == [("job",)]


def test_a_new_placement_form_sent_twice_creates_one_placement(placement_world: Database, actor: Staff) -> None:
    placement_service.create_placement(placement_world, actor, AS_THE_FORM_MAKES_IT)
    with pytest.raises(DuplicateRecordError, match="allerede gemt"):
        placement_service.create_placement(placement_world, actor, AS_THE_FORM_MAKES_IT)
    assert placement_world.cursor().execute("SELECT count(*) FROM placements").fetchall() == [(1,)]


def test_every_demo_placement_obeys_the_rules_of_the_one_door(demo_db: Database) -> None:
    cur = demo_db.cursor()
    placements = cur.execute(
        "SELECT p.placement_id, p.placement_type, p.start_date, p.status, p.end_reason, p.partner1_id,"
        " p.partner2_id, c.partner1_id, c.partner2_id, c.status FROM placements p JOIN citizens c USING (citizen_id)"
    ).fetchall()
    assert placements
    followup_ids = {r[0] for r in cur.execute("SELECT followup_id FROM followups").fetchall()}
    starts = dict(cur.execute("SELECT placement_id, min(effective_date) FROM placement_hours GROUP BY ALL").fetchall())
    for pid, ptype, start, status, _reason, p1, p2, c1, c2, citizen_status in placements:
        assert (p1, p2) == (c1, c2), pid  # the citizen's makkerpar
        plan = {cadence.followup_id(pid, s.key) for s in cadence.initial_schedule(start, ptype)}
        assert plan <= followup_ids, pid  # the follow-up plan and its ids
        assert starts[pid] == start  # the hours at start
        if status == "active":
            assert citizen_status == STATUS_BY_PLACEMENT_TYPE[ptype], pid
    audited = cur.execute("SELECT count(*) FROM audit_log WHERE action = 'placement'").fetchall()[0][0]
    assert audited == len(placements)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"start_date": date(9999, 1, 1)}, "start_date"),
        ({"planned_end_date": date(2026, 9, 1)}, "planned_end_date"),
        ({"hours_week": 61.0}, "hours_week"),
        ({"hours_week": None}, "hours_week"),
        ({"employer_expects": "\x00"}, "employer_expects"),
        ({"success_citizen": "x" * 2001}, "success_citizen"),
        ({"schedule": "man 25:00-26:00"}, "schedule"),
        ({"agreed_strains": ("flying",)}, "agreed_strains"),
        ({"status": "ended"}, "end_date"),
        ({"citizen_id": "C404"}, "citizen_id"),
    ],
)  # fmt: skip
def test_an_invalid_new_placement_is_refused_naming_the_field(
    placement_world: Database, actor: Staff, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        placement_service.create_placement(placement_world, actor, replace(AS_THE_FORM_MAKES_IT, **change))
    assert field in refused.value.fields() and field_label(field) in str(refused.value)
    assert placement_world.cursor().execute("SELECT count(*) FROM placements").fetchall() == [(0,)]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"when": date(9999, 1, 1)}, "when"),
        ({"when": date(2026, 11, 25)}, "when"),  # the day after today: in the future
        ({"new_hours": 61.0}, "new_hours"),
        ({"notes": "træt\x00"}, "notes"),
        ({"new_schedule": "man 25:00-26:00"}, "new_schedule"),
        ({"outcome": "great"}, "outcome"),
    ],
)  # fmt: skip
def test_an_invalid_follow_up_log_is_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    log = replace(FollowUpLog(date(2026, 11, 20), "both", "thriving"), **change)
    problems = log.problems(TODAY)
    assert field in {p.field for p in problems}
    assert all(str(p).startswith(field_label(p.field)) for p in problems)


def test_a_valid_input_has_no_problems_and_a_canonical_schedule() -> None:
    assert AS_THE_FORM_MAKES_IT.problems() == []
    assert AS_THE_FORM_MAKES_IT.schedule == "man,ons 09:00-12:00"
    assert FollowUpLog(TODAY, "both", "adjust", new_schedule=" tir 9:00-11:00 ").new_schedule == "tir 09:00-11:00"
