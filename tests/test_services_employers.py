from __future__ import annotations

from datetime import timedelta

import pytest

from oto_match.domain import Employer, JobOpening, Staff
from oto_match.employer_inputs import AddAdaptations, ContactChange, PauseChange, VisitLog
from oto_match.errors import RuleError, ValidationError
from oto_match.services import employer_dedup, employers, visits
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label
from tests.conftest import TODAY


def _employer(db: Database, eid: str, name: str = "Kantinen", owner: str = "S1") -> None:
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer(eid, name, "8220", owner_staff_id=owner))


def _visit(eid: str, cup: int | None, days_ago: int, next_in: int | None = None) -> VisitLog:
    day = TODAY - timedelta(days=days_ago)
    nxt = day + timedelta(days=next_in) if next_in is not None else None
    return VisitLog(eid, "S1", day, "in_person_workplace", cup, next_step="ring" if nxt else "", next_step_date=nxt)


def _stage(db: Database, eid: str) -> str:
    return next(r.stage for r in employers.employer_rows(db, TODAY) if r.employer.employer_id == eid)


def test_each_logged_cup_moves_the_stage(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    assert _stage(db, "E1") == "none"
    for cup, expected in [(1, "cup1"), (2, "cup2"), (3, "cup3")]:
        logged = visits.log_visit(db, actor, _visit("E1", cup, 10 - cup), TODAY)
        assert logged.stage_after == expected == _stage(db, "E1")


def test_a_placement_makes_a_partner_and_pausing_overrides_it(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    visits.log_visit(db, actor, _visit("E1", 1, 5), TODAY)
    with db.transaction() as cur:
        cur.execute("INSERT INTO citizen_keys VALUES ('C1')")
        cur.execute("INSERT INTO citizens (citizen_id, name) VALUES ('C1', 'A')")
        cur.execute("INSERT INTO placement_keys VALUES ('P1')")
        cur.execute(
            "INSERT INTO placements (placement_id, citizen_id, employer_id, placement_type, start_date)"
            " VALUES ('P1', 'C1', 'E1', 'internship', ?)",
            [TODAY],
        )
    assert _stage(db, "E1") == "partner"
    employers.set_paused(db, actor, PauseChange("E1", True, "travlt"))
    assert _stage(db, "E1") == "paused"
    employers.set_paused(db, actor, PauseChange("E1", False))
    assert _stage(db, "E1") == "partner"


def test_pausing_needs_a_reason(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    with pytest.raises(ValidationError, match=field_label("paused_reason")):
        employers.set_paused(db, actor, PauseChange("E1", True, " "))


def test_a_cup_3_without_cup_2_is_cup3_and_flagged(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    visits.log_visit(db, actor, _visit("E1", 1, 9), TODAY)
    visits.log_visit(db, actor, _visit("E1", 3, 2), TODAY)
    row = next(r for r in employers.employer_rows(db, TODAY) if r.employer.employer_id == "E1")
    assert row.stage == "cup3" and row.skipped_workplace_visit


def test_a_cup_2_visit_offers_the_adaptations_the_card_lacks(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    visit = VisitLog("E1", "S1", TODAY, "in_person_workplace", 2, adaptations_learned=("heavy_lifting", "noise"))
    logged = visits.log_visit(db, actor, visit, TODAY)
    assert logged.offer_adaptations == ("heavy_lifting", "noise")
    employers.add_adaptations(db, actor, AddAdaptations("E1", logged.offer_adaptations, "hæve-sænkebord"))
    with db.transaction() as cur:
        e = employer_sql.get_employer(cur, "E1")
    assert e is not None and e.accommodations == ("heavy_lifting", "noise") and e.adaptations_note == "hæve-sænkebord"


def test_a_visit_in_the_future_is_refused(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    with pytest.raises(ValidationError, match=field_label("visit_date")):
        visits.log_visit(db, actor, _visit("E1", 1, -3), TODAY)


def test_my_next_steps_are_mine_and_sorted_oldest_first(db: Database, actor: Staff) -> None:
    for eid, next_in in [("E1", 30), ("E2", 1), ("E3", 10)]:
        _employer(db, eid, f"Firma {eid}")
        visits.log_visit(db, actor, _visit(eid, 1, 20, next_in), TODAY)
    _employer(db, "E4", "Andens", owner="S3")
    visits.log_visit(db, actor, _visit("E4", 1, 20, 2), TODAY)
    mine = employers.my_next_steps(db, "S1", TODAY).rows
    assert [r.employer.employer_id for r in mine] == ["E2", "E3", "E1"]
    assert [r.overdue for r in mine] == [True, True, False]


def test_the_latest_visit_with_a_next_step_sets_the_next_step(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    visits.log_visit(db, actor, _visit("E1", 1, 30, 5), TODAY)
    visits.log_visit(db, actor, _visit("E1", 2, 3, 7), TODAY)
    row = employers.employer_rows(db, TODAY)[0]
    assert row.next_step_date == TODAY + timedelta(days=4)


def test_ninety_days_without_contact_is_cold(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    _employer(db, "E2", "Andet")
    visits.log_visit(db, actor, _visit("E1", 1, 90), TODAY)
    visits.log_visit(db, actor, _visit("E2", 1, 89), TODAY)
    cold = {r.employer.employer_id: r.cold for r in employers.employer_rows(db, TODAY)}
    assert cold == {"E1": True, "E2": False}


def test_filters_combine(db: Database, actor: Staff) -> None:
    _employer(db, "E1", "Kantinen Vest")
    _employer(db, "E2", "Bageriet")
    visits.log_visit(db, actor, _visit("E1", 2, 100), TODAY)

    def f(flt: employers.EmployerFilter) -> list[employers.EmployerRow]:  # filtered in the database
        return employers.register(db, flt, TODAY).rows

    assert [r.employer.employer_id for r in f(employers.EmployerFilter(search="kant"))] == ["E1"]
    assert [r.employer.employer_id for r in f(employers.EmployerFilter(stages=("none",)))] == ["E2"]
    assert len(f(employers.EmployerFilter(no_contact_days=90))) == 2  # never contacted counts


def test_a_merge_moves_every_related_row_in_one_go(db: Database, actor: Staff) -> None:
    _employer(db, "E1", "Føtex Gellerup")
    _employer(db, "E2", "FØTEX GELLERUP A/S")
    employers.save_contact(db, actor, ContactChange("E2", "Lis", "chef"))
    visits.log_visit(db, actor, _visit("E2", 1, 3), TODAY)
    visits.log_visit(db, actor, _visit("E1", 1, 4), TODAY)
    with db.transaction() as cur:
        job_sql.save_job(cur, JobOpening("J1", "E2", "Opvasker", "small_job"))

    def counts(eid: str) -> dict[str, int]:
        with db.transaction() as cur:
            return employer_sql.count_related(cur, eid)

    before_kept, before_merged = counts("E1"), counts("E2")
    result = employer_dedup.merge(db, actor, "E1", "E2")
    assert result.moved == before_merged
    assert counts("E2") == {k: 0 for k in before_merged}
    assert counts("E1") == {k: before_kept[k] + before_merged[k] for k in before_kept}
    with db.transaction() as cur:
        assert cur.execute("SELECT count(*) FROM employer_merges").fetchall() == [(1,)]
        assert [e.employer_id for e in employer_sql.list_employers(cur)] == ["E1"]
    with pytest.raises(RuleError):
        employer_dedup.merge(db, actor, "E1", "E2")


def test_the_scan_finds_the_demo_duplicate(demo_db: Database) -> None:
    pairs = employer_dedup.scan(demo_db)
    assert len(pairs) >= 1 and all(p.score >= 90 for p in pairs)


def test_weekly_activity_counts_contacts_in_person_and_employers(db: Database, actor: Staff) -> None:
    _employer(db, "E1")
    _employer(db, "E2", "Andet")
    monday = TODAY - timedelta(days=TODAY.weekday())
    for eid, form in [("E1", "in_person_workplace"), ("E1", "phone"), ("E2", "in_person_elsewhere")]:
        visits.log_visit(db, actor, VisitLog(eid, "S1", monday, form, None), TODAY)
    weeks = visits.activity(db, "S1", TODAY, weeks=4)
    assert len(weeks) == 4
    this_week = weeks[-1]
    assert (this_week.contacts, this_week.in_person, this_week.employers) == (3, 2, 2)
    assert weeks[0].contacts == 0
