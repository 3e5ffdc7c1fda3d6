"""Logging follow-ups: validated at once, one transaction, never over a change the form did not see."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oto_match.domain import Placement, Staff
from oto_match.errors import RuleError, StaleRecordError, ValidationError
from oto_match.importexport import import_text
from oto_match.placement_inputs import FollowUpLog, HoursUpdate, NewPlacement
from oto_match.records import FOLLOWUP_COLUMNS
from oto_match.services import followups as service
from oto_match.services import placements as placement_service
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database

START = date(2026, 9, 7)
TODAY = date(2026, 11, 24)
BO = Staff("S2", "Bo Job", "gellerup", "job_consultant")


@pytest.fixture
def placement(placement_world: Database, actor: Staff) -> Placement:
    return placement_service.create_placement(placement_world, actor, NewPlacement("C1", "E1", "small_job", START, 4))


def _first_open(db: Database, pid: str) -> tuple[str, int]:
    with db.transaction() as cur:
        first = next(f for f in placement_sql.followups_of(cur, pid) if f.is_open)
    return first.followup_id, first.version


def _done_count(db: Database) -> int:
    return int(db.cursor().execute("SELECT count(*) FROM followups WHERE status = 'done'").fetchall()[0][0])


def test_an_invalid_new_schedule_is_a_danish_message_on_its_field_and_nothing_is_saved(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    fid, version = _first_open(placement_world, placement.placement_id)
    log = FollowUpLog(START + timedelta(days=7), "both", "adjust", new_hours=6, new_schedule="man 25:00-26:00")
    with pytest.raises(ValidationError) as refused:
        service.log_followup(placement_world, actor, placement.placement_id, fid, log, TODAY,
                             placement_version=placement.version, followup_version=version)  # fmt: skip
    assert refused.value.fields() == {"new_schedule"}
    assert str(refused.value).startswith("Nye arbejdstider: ") and "klokkeslæt" in str(refused.value)
    assert _done_count(placement_world) == 0


def test_every_problem_of_a_log_is_reported_at_once(placement_world: Database, actor: Staff,
                                                    placement: Placement) -> None:  # fmt: skip
    log = FollowUpLog(TODAY + timedelta(days=3), "both", "thriving", "\u202e", new_hours=70, new_schedule="fre")
    with pytest.raises(ValidationError) as refused:
        service.log_followup(placement_world, actor, placement.placement_id, None, log, TODAY,
                             placement_version=placement.version)  # fmt: skip
    assert refused.value.fields() == {"when", "notes", "new_hours", "new_schedule"}


def test_a_log_over_a_placement_changed_since_the_form_opened_is_refused_naming_who(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    placement_service.record_agreement(placement_world, BO, placement.placement_id, True, True, placement.version)
    fid, version = _first_open(placement_world, placement.placement_id)
    log = FollowUpLog(START + timedelta(days=7), "both", "adjust", new_hours=6)
    with pytest.raises(StaleRecordError, match="Bo Job"):
        service.log_followup(placement_world, actor, placement.placement_id, fid, log, TODAY,
                             placement_version=placement.version, followup_version=version)  # fmt: skip
    assert _done_count(placement_world) == 0  # one transaction: the follow-up is not half logged
    with placement_world.transaction() as cur:
        assert [h.hours_week for h in placement_sql.hours_history(cur, placement.placement_id)] == [4.0]


def test_a_follow_up_logged_by_a_colleague_meanwhile_is_not_logged_again(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    fid, version = _first_open(placement_world, placement.placement_id)
    log = FollowUpLog(START + timedelta(days=7), "both", "thriving")
    service.log_followup(placement_world, BO, placement.placement_id, fid, log, TODAY,
                         placement_version=placement.version, followup_version=version)  # fmt: skip
    with pytest.raises(RuleError, match="allerede logget"):
        service.log_followup(placement_world, actor, placement.placement_id, fid, log, TODAY,
                             placement_version=placement.version, followup_version=version)  # fmt: skip
    assert _done_count(placement_world) == 1


def test_a_follow_up_row_from_a_file_gets_the_rules_of_a_logged_one(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    future = date.today() + timedelta(days=5)
    fid = f"{placement.placement_id}-s0"
    pid = placement.placement_id
    text = (",".join(FOLLOWUP_COLUMNS) + "\n"
            + f"{fid},{pid},2026-09-14,scheduled,both,done,{future},S1,thriving,ok\n"
            + f"{fid}x,{pid},2026-09-14,ad_hoc,both,done,2026-09-14,S1,thriving,\"a\x00\"\n")  # fmt: skip
    report = import_text(placement_world, actor, "followups", text)
    assert any("linje 2, kolonne done_date (Dato)" in p and "fremtiden" in p for p in report.problems), report.problems
    assert any("linje 3, kolonne notes (Noter)" in p for p in report.problems), report.problems
    assert _done_count(placement_world) == 0


def test_a_change_of_hours_becomes_history_and_the_current_hours(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    pid = placement.placement_id
    with placement_world.transaction() as cur:
        service.record_hours(cur, actor, [HoursUpdate(pid, START + timedelta(days=30), 6.0, "S1", "flere timer")])
        assert placement_sql.get_placement(cur, pid).hours_week == 6.0  # type: ignore[union-attr]
        with pytest.raises(ValidationError, match="Timer/uge"):
            service.record_hours(cur, actor, [HoursUpdate(pid, START, 61.0, None, "")])


def _open_ones(db: Database, pid: str) -> list[tuple[str, date, str]]:
    with db.transaction() as cur:
        return [(f.kind, f.due_date, f.with_whom) for f in placement_sql.followups_of(cur, pid) if f.is_open]


def _log_planned(db: Database, actor: Staff, pid: str, followup_id: str | None, log: FollowUpLog) -> None:
    """Log as the form does: against the placement as it is now."""
    with db.transaction() as cur:
        version = placement_sql.get_placement(cur, pid).version  # type: ignore[union-attr]
    service.log_followup(db, actor, pid, followup_id, log, TODAY, placement_version=version)


def test_a_concern_before_the_twelve_month_follow_up_leaves_no_gap_in_the_cadence(
    placement_world: Database, actor: Staff
) -> None:
    start = date(2025, 11, 10)
    p = placement_service.create_placement(placement_world, actor, NewPlacement("C1", "E1", "flex_job", start, 12))
    pid = p.placement_id
    for key in range(7):  # weeks 1-4, 2, 3 and 6 months
        with placement_world.transaction() as cur:
            due = placement_sql.get_followup(cur, f"{pid}-s{key}").due_date  # type: ignore[union-attr]
        _log_planned(placement_world, actor, pid, f"{pid}-s{key}", FollowUpLog(due, "both", "thriving"))
    _log_planned(placement_world, actor, pid, None, FollowUpLog(date(2026, 10, 20), "citizen", "concern", "træt"))
    assert sorted(_open_ones(placement_world, pid), key=lambda f: f[1]) == [
        ("ad_hoc", date(2026, 10, 27), "citizen"),  # the extra look within a week, with whom the concern was raised
        ("scheduled", date(2026, 11, 10), "both"),  # the 12-month follow-up stays at 12 months
        ("statutory_review", date(2028, 5, 10), "citizen"),
        ("statutory_review", date(2030, 5, 10), "citizen"),
    ]
    with placement_world.transaction() as cur:
        (extra,) = [f for f in placement_sql.followups_of(cur, pid) if f.kind == "ad_hoc" and f.is_open]
    _log_planned(placement_world, actor, pid, extra.followup_id, FollowUpLog(date(2026, 10, 27), "citizen", "adjust"))
    _log_planned(placement_world, actor, pid, f"{pid}-s7", FollowUpLog(date(2026, 11, 10), "both", "thriving"))
    assert ("scheduled", date(2027, 2, 10), "both") in _open_ones(placement_world, pid)  # 15 months: no gap


def test_a_concern_with_a_follow_up_due_within_the_week_adds_none(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    pid = placement.placement_id
    before = _open_ones(placement_world, pid)
    assert before[0][1] == START + timedelta(days=7)
    _log_planned(placement_world, actor, pid, None, FollowUpLog(START + timedelta(days=2), "citizen", "concern"))
    assert _open_ones(placement_world, pid) == before  # the week-1 follow-up (with both) is the look again
