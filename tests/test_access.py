"""access.py: every role × action × same/other team × no/valid/expired grant, as one table."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from oto_match import access
from oto_match.access import Action, CitizenRef, Role, TemporaryAccess, User
from oto_match.domain import Staff
from oto_match.errors import PermissionDeniedError

NOW = datetime(2026, 11, 24, 10, 0)
VIBY = "viby"
GELLERUP = "gellerup"


def user(role: Role, team: str = VIBY, **kw: object) -> User:
    return User("S9", "Sara Bruger", team, "job_consultant", role=role, username="sara", **kw)  # type: ignore[arg-type]


SYSTEM = Staff("cli:root", "kommandolinje (root)", "", "system")
USERS: dict[str, Staff] = {
    "team": user(Role.TEAM),
    "leader": user(Role.LEADER),
    "employer_only": user(Role.EMPLOYER_ONLY),
    "system": SYSTEM,
}
VALID = TemporaryAccess(
    "G1", "S9", "C1", "dækker for en syg kollega", "S1", NOW - timedelta(hours=1), NOW + timedelta(hours=7)
)
EXPIRED = TemporaryAccess(
    "G2", "S9", "C1", "dækker for en syg kollega", "S1", NOW - timedelta(hours=9), NOW - timedelta(hours=1)
)
SITUATIONS = (  # (citizen's team, grants) in the order of the table's columns
    (VIBY, ()), (VIBY, (VALID,)), (VIBY, (EXPIRED,)),
    (GELLERUP, ()), (GELLERUP, (VALID,)), (GELLERUP, (EXPIRED,)),
)  # fmt: skip

GRANT_STATES = ("none", "valid", "expired")
# Y = allowed, - = refused. Columns: same team (no grant, valid grant, expired grant) | other team (the same three).
TABLE: dict[tuple[str, Action], str] = {
    ("team", Action.READ_CITIZEN): "YYY -Y-",
    ("team", Action.WRITE_CITIZEN): "YYY -Y-",
    ("team", Action.RANK_CITIZENS): "YYY ---",
    ("team", Action.SEE_EMPLOYERS): "YYY YYY",
    ("team", Action.WRITE_EMPLOYERS): "YYY YYY",
    ("team", Action.GRANT_ACCESS): "YYY ---",
    ("team", Action.ADMINISTER_USERS): "--- ---",
    ("team", Action.SEE_STATISTICS): "--- ---",
    ("team", Action.READ_AUDIT_LOG): "--- ---",
    ("team", Action.ERASE_CITIZEN_DATA): "--- ---",
    ("leader", Action.READ_CITIZEN): "YYY YYY",
    ("leader", Action.WRITE_CITIZEN): "YYY YYY",
    ("leader", Action.RANK_CITIZENS): "YYY YYY",
    ("leader", Action.SEE_EMPLOYERS): "YYY YYY",
    ("leader", Action.WRITE_EMPLOYERS): "YYY YYY",
    ("leader", Action.GRANT_ACCESS): "YYY YYY",
    ("leader", Action.ADMINISTER_USERS): "YYY YYY",
    ("leader", Action.SEE_STATISTICS): "YYY YYY",
    ("leader", Action.READ_AUDIT_LOG): "YYY YYY",
    ("leader", Action.ERASE_CITIZEN_DATA): "YYY YYY",
    ("employer_only", Action.READ_CITIZEN): "--- ---",
    ("employer_only", Action.WRITE_CITIZEN): "--- ---",
    ("employer_only", Action.RANK_CITIZENS): "--- ---",
    ("employer_only", Action.SEE_EMPLOYERS): "YYY YYY",
    ("employer_only", Action.WRITE_EMPLOYERS): "YYY YYY",
    ("employer_only", Action.GRANT_ACCESS): "--- ---",
    ("employer_only", Action.ADMINISTER_USERS): "--- ---",
    ("employer_only", Action.SEE_STATISTICS): "--- ---",
    ("employer_only", Action.READ_AUDIT_LOG): "--- ---",
    ("employer_only", Action.ERASE_CITIZEN_DATA): "--- ---",
    **{("system", a): "YYY YYY" for a in Action},
}
CASES = [
    pytest.param(role, action, team, grants, marks == "Y", id=f"{role}-{action}-{team}-{GRANT_STATES[i % 3]}")
    for (role, action), row in TABLE.items()
    for i, ((team, grants), marks) in enumerate(zip(SITUATIONS, row.replace(" ", ""), strict=True))
]  # fmt: skip


def test_the_table_covers_every_role_and_action() -> None:
    assert {(r, a) for r in USERS for a in Action} == set(TABLE)


@pytest.mark.parametrize(("role", "action", "team", "grants", "allowed"), CASES)
def test_each_role_may_do_what_the_table_says(
    role: str, action: Action, team: str, grants: tuple[TemporaryAccess, ...], allowed: bool
) -> None:
    who = USERS[role]
    citizen = CitizenRef("C1", team)
    assert access.may(who, action, citizen, grants, NOW) is allowed
    if allowed:
        access.require(who, action, citizen, grants, NOW)
    else:
        with pytest.raises(PermissionDeniedError):
            access.require(who, action, citizen, grants, NOW)


def test_a_grant_for_another_citizen_or_another_person_opens_nothing() -> None:
    other_citizen = TemporaryAccess("G3", "S9", "C2", "x", "S1", NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    other_person = TemporaryAccess("G4", "S8", "C1", "x", "S1", NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    for grant in (other_citizen, other_person):
        assert not access.may_read_citizen(USERS["team"], "C1", GELLERUP, [grant], NOW)


def test_a_grant_ends_by_itself_at_its_end_time() -> None:
    assert access.may_write_citizen(USERS["team"], "C1", GELLERUP, [VALID], VALID.ends_at - timedelta(seconds=1))
    assert not access.may_write_citizen(USERS["team"], "C1", GELLERUP, [VALID], VALID.ends_at)


def test_a_refusal_says_in_danish_which_team_and_what_to_do() -> None:
    reason = access.refusal(USERS["team"], Action.READ_CITIZEN, CitizenRef("C1", GELLERUP))
    assert reason == (
        "Borgeren hører til team Gellerup, og du har adgang til team Viby. "
        "Bed en leder om midlertidig adgang, og skriv hvorfor."
    )
    expired = access.refusal(USERS["team"], Action.READ_CITIZEN, CitizenRef("C1", GELLERUP), [EXPIRED], NOW)
    assert expired == "Din midlertidige adgang til borgeren udløb 24-11-2026 kl. 09:00."
    assert access.refusal(USERS["employer_only"], Action.READ_CITIZEN) == (
        "Din rolle giver ikke adgang til borgeroplysninger."
    )


def test_a_citizen_without_a_team_is_seen_by_leaders_only() -> None:
    assert not access.may_read_citizen(USERS["team"], "C1", None, [], NOW)
    assert access.may_read_citizen(USERS["leader"], "C1", None, [], NOW)


def test_a_disabled_user_or_one_with_a_one_time_password_may_do_nothing() -> None:
    for who in (user(Role.LEADER, active=False), user(Role.LEADER, must_change_password=True)):
        for action in Action:
            assert not access.may(who, action)


def test_a_plain_staff_member_is_a_team_member_and_the_system_may_do_everything() -> None:
    staff = Staff("S2", "Bo Job", VIBY, "job_consultant")
    assert access.role_of(staff) is Role.TEAM
    assert access.role_of(Staff("S1", "Leder", VIBY, "team_leader", is_leader=True)) is Role.LEADER
    assert access.role_of(SYSTEM) is Role.SYSTEM
    assert not access.may_read_citizen(staff, "C1", GELLERUP, [], NOW)


def test_the_scopes_list_the_teams_and_the_granted_citizens_a_user_sees() -> None:
    assert access.visible_teams(USERS["leader"]).all_teams
    assert access.visible_teams(USERS["team"]).teams == {VIBY}
    assert access.visible_teams(USERS["employer_only"]).nothing
    scope = access.citizen_scope(USERS["team"], [VALID, EXPIRED], NOW)
    assert scope.includes("C1", GELLERUP) and not scope.includes("C2", GELLERUP) and scope.includes("C3", VIBY)
    ranking = access.ranking_scope(USERS["team"])
    assert ranking.teams == {VIBY} and not ranking.citizen_ids  # a grant does not add a citizen to rankings
    assert access.ranking_scope(USERS["employer_only"]).nothing


def test_the_employer_network_is_open_to_every_role() -> None:
    assert all(access.may_see_employers(u) for u in USERS.values())
    assert [r for r, u in USERS.items() if access.may_read_audit_log(u)] == ["leader", "system"]


def test_a_grant_lasts_eight_hours_unless_set_otherwise_and_at_most_a_day() -> None:
    assert access.grant_period(NOW) == (NOW, NOW + timedelta(hours=8))
    with pytest.raises(ValueError):
        access.grant_period(NOW, 25)
