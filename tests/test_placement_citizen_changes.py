"""What the placements area changes about a citizen goes through the citizen's door: a skånehensyn learned at a
follow-up or an ending reaches the profile (and so every ranking), and a citizen form opened before is refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from oto_match.domain import Citizen, JobOpening, Placement, Staff
from oto_match.errors import StaleRecordError
from oto_match.placement_inputs import FollowUpLog, NewPlacement
from oto_match.services import citizens as citizen_service
from oto_match.services import followups as followup_service
from oto_match.services import matching as match_service
from oto_match.services import placements as placement_service
from oto_match.services.citizen_change import PROFILE_FIELDS, CitizenChange
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage.db import Database
from oto_match.vocab import field_label

START = date(2026, 9, 7)
TODAY = date(2026, 11, 24)
BO = Staff("S2", "Bo Job", "gellerup", "job_consultant")
HEAVY_JOB = JobOpening("J2", "E1", "Lagermedhjælper", "internship", strains=("heavy_lifting", "noise"))
QUIET_JOB = JobOpening("J3", "E1", "Kontorhjælp", "internship", strains=("noise",))


@pytest.fixture
def placement(placement_world: Database, actor: Staff) -> Placement:
    """C1 (who must be spared heavy lifting) in a placement; C2 (spared nothing yet) in another."""
    with placement_world.transaction() as cur:
        citizen_sql.save_citizen(cur, Citizen("C2", "Karim Said", team_id="gellerup", partner1_id="S1",
                                              partner2_id="S2"))  # fmt: skip
        job_sql.save_job(cur, HEAVY_JOB)
        job_sql.save_job(cur, QUIET_JOB)
    placement_service.create_placement(placement_world, actor, NewPlacement("C1", "E1", "internship", START, 4))
    return placement_service.create_placement(placement_world, actor, NewPlacement("C2", "E1", "internship", START, 4))


def _citizen(db: Database, citizen_id: str = "C2") -> Citizen:
    with db.transaction() as cur:
        found = citizen_sql.get_citizen(cur, citizen_id)
    assert found is not None
    return found


def _log(db: Database, actor: Staff, p: Placement, log: FollowUpLog) -> None:
    """An extra contact logged from the form, opened on the placement as it is now."""
    version = placement_service.placement_view(db, actor, p.placement_id, TODAY).placement.version
    followup_service.log_followup(db, actor, p.placement_id, None, log, TODAY, placement_version=version)


def _strains_check(db: Database, actor: Staff, job_id: str, citizen_id: str = "C2") -> tuple[str, str]:
    """(verdict, strains status) of the pair, as 'Job der passer' shows it."""
    (found,) = [r for job, _e, r in match_service.jobs_for_citizen(db, actor, citizen_id) if job.job_id == job_id]
    return found.verdict, next(c.status for c in found.checks if c.criterion == "strains")


def _form_of(c: Citizen, **values: Any) -> CitizenChange:
    """What the citizen form sends for `c` (opened at its version) with `values` changed."""
    return CitizenChange(c.citizen_id, version=c.version, **{**{f: getattr(c, f) for f in PROFILE_FIELDS}, **values})


def test_a_skaanehensyn_added_at_a_follow_up_reaches_the_profile_and_every_later_ranking(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    assert _strains_check(placement_world, actor, "J2")[1] == "pass"
    _log(placement_world, actor, placement, FollowUpLog(TODAY, "both", "adjust", "ondt i ryggen",
                                                        add_strains=("heavy_lifting",)))  # fmt: skip
    citizen = _citizen(placement_world)
    assert citizen.spare_strains == ("heavy_lifting",)
    view = placement_service.placement_view(placement_world, actor, placement.placement_id, TODAY)
    assert view.placement.agreed_strains == ("heavy_lifting",)
    assert _strains_check(placement_world, actor, "J2") == ("excluded", "fail")
    assert _strains_check(placement_world, actor, "J3")[1] == "pass"
    ranked = {c.citizen.citizen_id: c for c in match_service.rank_job(placement_world, actor, "J2").candidates}
    strains = next(c for c in ranked["C2"].checks if c.criterion == "strains")
    assert ranked["C2"].verdict == "excluded" and strains.status == "fail" and "tunge løft" in strains.detail
    updates = [e for e in citizen_service.audit_trail(placement_world, actor, "C2") if e.action == "update"]
    assert updates[0].detail == "Skal skånes for: – → tunge løft"


def test_a_skaanehensyn_dropped_at_a_follow_up_leaves_the_profile_too(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    _log(placement_world, actor, placement, FollowUpLog(TODAY - timedelta(days=7), "both", "adjust",
                                                        add_strains=("heavy_lifting", "noise")))  # fmt: skip
    assert _strains_check(placement_world, actor, "J3")[1] == "fail"
    _log(placement_world, actor, placement, FollowUpLog(TODAY, "both", "thriving", remove_strains=("noise",)))
    assert _citizen(placement_world).spare_strains == ("heavy_lifting",)
    assert _strains_check(placement_world, actor, "J3")[1] == "pass"


def test_a_follow_up_that_changes_no_skaanehensyn_leaves_the_citizen_at_its_version(
    placement_world: Database, actor: Staff, placement: Placement
) -> None:
    before = _citizen(placement_world, "C1")
    (c1_placement,) = [n.placement for n in placement_service.list_placements(placement_world, actor)
                       if n.placement.citizen_id == "C1"]  # fmt: skip
    _log(placement_world, actor, c1_placement, FollowUpLog(TODAY, "both", "adjust", add_strains=("heavy_lifting",)))
    _log(placement_world, actor, c1_placement, FollowUpLog(TODAY, "both", "thriving", new_hours=6))
    assert _citizen(placement_world, "C1").version == before.version  # heavy lifting was on the profile already


@pytest.mark.parametrize(
    "act, fields",
    [
        (lambda db, p: _log(db, BO, p, FollowUpLog(TODAY, "citizen", "adjust", add_strains=("noise",))),
         ("spare_strains",)),
        (lambda db, p: placement_service.end_placement(db, BO, p.placement_id, TODAY, "health", "for meget støj",
                                                       ("noise",), version=p.version), ("spare_strains", "status")),
        (lambda db, p: placement_service.create_placement(db, BO, NewPlacement("C2", "E1", "wage_subsidy",
                                                                               TODAY, 10)), ("status",)),
    ],
    ids=["a skånehensyn at a follow-up", "an ending with what was learned", "a new placement moving the status"],
)  # fmt: skip
def test_a_citizen_form_opened_before_a_change_from_fastholdelse_is_refused_naming_who_and_what(
    placement_world: Database, actor: Staff, placement: Placement, act: Any, fields: tuple[str, ...]
) -> None:
    opened = citizen_service.get_citizen(placement_world, actor, "C2")
    act(placement_world, placement)
    now = _citizen(placement_world)
    assert now.version == opened.version + 1  # one change of the citizen, however many fields
    with pytest.raises(StaleRecordError) as refused:
        citizen_service.save_citizen(placement_world, actor, _form_of(opened, wishes="køkken"))
    message = str(refused.value)
    assert "Bo Job" in message and all(field_label(f) in message for f in fields), message
    assert _citizen(placement_world) == now  # nothing overwritten
    update = next(e for e in citizen_service.audit_trail(placement_world, actor, "C2") if e.action == "update")
    assert [line.split(": ")[0] for line in update.detail.split("; ")] == [field_label(f) for f in fields]
    assert " → " in update.detail and update.staff_id == "S2"
