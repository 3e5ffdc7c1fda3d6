from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from oto_match.domain import Citizen, Employer, Placement, Staff
from oto_match.errors import RuleError, ValidationError
from oto_match.placement_inputs import FollowUpLog, NewPlacement
from oto_match.services import followups as followup_service
from oto_match.services import placements as service
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label

START = date(2026, 9, 7)
TODAY = date(2026, 11, 24)


@pytest.fixture
def placement(db: Database, actor: Staff) -> Placement:
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E1", "Kantinen Vest", "8220"))
        citizen_sql.save_citizen(cur, Citizen("C1", "Fatima Ali", spare_strains=("heavy_lifting",), team_id="gellerup",
                                              partner1_id="S1", partner2_id="S2"))  # fmt: skip
    p = NewPlacement("C1", "E1", "internship", START, 4, makkerpar=("S1", "S2"), benefit_group="job_ready",
                     citizen_accepted=True)  # fmt: skip
    return service.create_placement(db, actor, p)


def _log(db: Database, actor: Staff, pid: str, fid: str | None, log: FollowUpLog, today: date = TODAY) -> None:
    """Log as the form does: against the placement as it is now."""
    with db.transaction() as cur:
        version = placement_sql.get_placement(cur, pid).version  # type: ignore[union-attr]
    followup_service.log_followup(db, actor, pid, fid, log, today, placement_version=version)


def _open(db: Database, pid: str) -> list:  # type: ignore[type-arg]
    with db.transaction() as cur:
        return [f for f in placement_sql.followups_of(cur, pid) if f.is_open]


def test_a_new_placement_gets_its_schedule_end_date_hours_and_citizen_status(
    db: Database, placement: Placement
) -> None:
    assert placement.planned_end_date == START + timedelta(weeks=4) - timedelta(days=1)
    assert len(_open(db, placement.placement_id)) == 8
    assert not placement.agreed  # the employer has not accepted yet
    with db.transaction() as cur:
        assert citizen_sql.get_citizen(cur, "C1").status == "internship"  # type: ignore[union-attr]
        assert [h.hours_week for h in placement_sql.hours_history(cur, placement.placement_id)] == [4.0]


def test_the_agreement_is_in_force_only_when_both_accepted(db: Database, actor: Staff, placement: Placement) -> None:
    agreed = service.record_agreement(db, actor, placement.placement_id, True, True, placement.version)
    assert agreed.agreed
    assert not service.record_agreement(db, actor, placement.placement_id, True, False, agreed.version).agreed


def test_logging_a_follow_up_with_new_hours_keeps_the_history(db: Database, actor: Staff, placement: Placement) -> None:
    first = _open(db, placement.placement_id)[0]
    _log(db, actor, placement.placement_id, first.followup_id,
         FollowUpLog(START + timedelta(days=7), "both", "adjust", "flere timer", new_hours=6, add_strains=("noise",)))
    _log(db, actor, placement.placement_id, None,
         FollowUpLog(START + timedelta(days=20), "employer", "thriving", new_hours=8, initiated_by="employer"))
    view = service.placement_view(db, actor, placement.placement_id, TODAY)
    assert [(h.effective_date, h.hours_week) for h in view.hours] == [
        (START, 4.0),
        (START + timedelta(days=7), 6.0),
        (START + timedelta(days=20), 8.0),
    ]
    assert view.placement.hours_week == 8 and view.placement.agreed_strains == ("noise",)
    ad_hoc = [f for f in view.followups if f.kind == "ad_hoc"]
    assert ad_hoc[0].initiated_by == "employer" and ad_hoc[0].status == "done"


def test_a_concern_adds_an_extra_follow_up_within_a_week_and_the_planned_ones_stay(
    db: Database, actor: Staff, placement: Placement
) -> None:
    open_ones = _open(db, placement.placement_id)
    for f in open_ones[:4]:  # the four weekly ones
        _log(db, actor, placement.placement_id, f.followup_id, FollowUpLog(f.due_date, "both", "thriving"))
    planned = [(f.followup_id, f.due_date) for f in _open(db, placement.placement_id)]
    assert planned[0][1] == date(2026, 11, 7)  # 2 months
    _log(db, actor, placement.placement_id, None, FollowUpLog(date(2026, 10, 10), "citizen", "concern", "træt"))
    now = _open(db, placement.placement_id)
    extra = [f for f in now if f.kind == "ad_hoc"]
    assert [(f.due_date, f.with_whom, f.status) for f in extra] == [(date(2026, 10, 17), "citizen", "open")]
    assert [(f.followup_id, f.due_date) for f in now if f.kind != "ad_hoc"] == planned


def test_the_cadence_continues_when_the_last_planned_follow_up_is_done(
    db: Database, actor: Staff, placement: Placement
) -> None:
    with db.transaction() as cur:
        for f in placement_sql.followups_of(cur, placement.placement_id)[:-1]:
            placement_sql.save_followup(cur, f.__class__(**{**f.__dict__, "status": "cancelled"}), None, "S1")
    last = _open(db, placement.placement_id)[0]
    _log(db, actor, placement.placement_id, last.followup_id, FollowUpLog(TODAY, "both", "thriving"),
         TODAY + timedelta(days=400))
    (nxt,) = _open(db, placement.placement_id)
    assert nxt.followup_id.endswith("-s8") and nxt.due_date == date(2027, 12, 7)  # 15 months


def test_ending_records_why_cancels_follow_ups_and_adds_what_was_learned(
    db: Database, actor: Staff, placement: Placement
) -> None:
    with pytest.raises(ValidationError, match=field_label("end_reason")):
        service.end_placement(db, actor, placement.placement_id, TODAY, "", version=placement.version)
    ended = service.end_placement(db, actor, placement.placement_id, TODAY, "health", "for tunge løft",
                                  learned_strains=("prolonged_standing",), version=placement.version)  # fmt: skip
    assert (ended.status, ended.end_reason, ended.end_date) == ("ended", "health", TODAY)
    assert _open(db, placement.placement_id) == []
    with db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, "C1")
    assert citizen is not None and citizen.status == "unemployed"
    assert citizen.spare_strains == ("heavy_lifting", "prolonged_standing")
    with pytest.raises(RuleError):
        _log(db, actor, placement.placement_id, None, FollowUpLog(TODAY, "both", "thriving"))


def test_release_stops_the_follow_ups(db: Database, actor: Staff, placement: Placement) -> None:
    service.release(db, actor, placement.placement_id, TODAY, version=placement.version)
    assert _open(db, placement.placement_id) == []
    assert followup_service.due_followups(db, actor, TODAY) == []


def test_my_follow_ups_are_overdue_first_and_per_makkerpar(db: Database, actor: Staff, placement: Placement) -> None:
    items = followup_service.due_followups(db, actor, TODAY, staff_id="S1")
    assert items and all(f.overdue for f in items[:3]) and items[0].due_date == START + timedelta(days=7)
    assert followup_service.due_followups(db, actor, TODAY, staff_id="S3") == []
    week = followup_service.due_followups(db, actor, TODAY, due_by=TODAY, staff_id="S2")
    assert all(f.due_date <= TODAY for f in week)


def test_the_calendar_holds_initials_and_employer_only(db: Database, actor: Staff, placement: Placement) -> None:
    cal = Calendar.from_ical(followup_service.calendar(db, actor, TODAY))
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert len(summaries) == 8 and all("FA – Kantinen Vest" in s for s in summaries)
    assert all("Fatima" not in s and "løft" not in s for s in summaries)


def test_a_follow_up_in_the_future_is_refused(db: Database, actor: Staff, placement: Placement) -> None:
    with pytest.raises(ValidationError, match=field_label("done_date")):
        _log(db, actor, placement.placement_id, None, FollowUpLog(TODAY + timedelta(days=1), "both", "thriving"))


def test_the_contact_person_must_belong_to_the_employer(db: Database, actor: Staff, placement: Placement) -> None:
    from oto_match.employer_inputs import ContactChange
    from oto_match.services import employers

    contact = employers.save_contact(db, actor, ContactChange("E1", "Lis Holm", "køkkenleder"))
    saved = service.set_contact(db, actor, placement.placement_id, contact.contact_id, placement.version)
    assert saved.contact_id == contact.contact_id
    with db.transaction() as cur:
        employer_sql.save_employer(cur, Employer("E2", "Andet", "8000"))
    other = employers.save_contact(db, actor, ContactChange("E2", "Bo"))
    with pytest.raises(ValidationError, match=field_label("contact_id")):
        service.set_contact(db, actor, placement.placement_id, other.contact_id, saved.version)
