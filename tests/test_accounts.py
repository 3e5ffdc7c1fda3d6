"""Accounts, sign-in with lockout, single sign-on mapping, midlertidig adgang and the demo accounts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from oto_match import access, config
from oto_match.access import Action, CitizenRef, Role
from oto_match.domain import Citizen, Staff
from oto_match.errors import NotFoundError, PermissionDeniedError, ValidationError
from oto_match.services import accounts
from oto_match.services.accounts import NewUser
from oto_match.services.temporary_access import AccessGrant, active_grants, grant_temporary_access
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import citizens as citizens_sql
from oto_match.storage.db import Database

NOW = datetime(2026, 11, 24, 10, 0)
SYSTEM = Staff("cli:root", "kommandolinje (root)", "", "system")


def audit_rows(db: Database, entity: str = "user") -> list[tuple[str | None, str, str, str]]:
    sql = "SELECT staff_id, action, entity_id, detail FROM audit_log WHERE entity = ? ORDER BY audit_id"
    return db.cursor().execute(sql, [entity]).fetchall()  # type: ignore[return-value]


def add(db: Database, name: str, team: str, role: str, **kw: str) -> accounts.AddedUser:
    return accounts.add_user(db, SYSTEM, NewUser(name, team, role, **kw), now=NOW)


def signed_in(db: Database, name: str, team: str, role: str, **kw: str) -> access.User:
    added = add(db, name, team, role, **kw)
    first = accounts.sign_in(db, added.user.username, added.one_time_password, NOW)
    return accounts.change_password(db, first, added.one_time_password, "et langt nyt kodeord", NOW)


def test_a_new_user_gets_a_one_time_password_that_must_be_changed_at_first_sign_in(db: Database) -> None:
    added = add(db, "Bo Job", "gellerup", "team")
    assert added.user.username == "bo" and added.user.staff_id == "S2"  # the existing staff member of that name
    assert len(added.one_time_password) == 19
    user = accounts.sign_in(db, "Bo", added.one_time_password, NOW)
    assert user.must_change_password and not access.may(user, Action.READ_CITIZEN)
    with pytest.raises(ValidationError, match="Ny adgangskode: skal have mindst 12 tegn"):
        accounts.change_password(db, user, added.one_time_password, "kort", NOW)
    changed = accounts.change_password(db, user, added.one_time_password, "en god lang sætning", NOW)
    assert not changed.must_change_password and access.may(changed, Action.READ_CITIZEN)
    assert not accounts.sign_in(db, "bo", "en god lang sætning", NOW).must_change_password
    stored = accounts_sql.get_account(db.cursor(), "bo")
    assert stored is not None and stored.password_hash and stored.password_hash.startswith("$argon2id$")


def test_adding_a_user_without_a_staff_member_creates_one_and_refuses_what_is_wrong(db: Database) -> None:
    added = add(db, "Karen Blixen", "viby", "leader")
    assert added.user.team_id == "viby" and added.user.is_leader and added.user.staff_id.startswith("S-")
    with pytest.raises(ValidationError) as e:
        accounts.add_user(db, SYSTEM, NewUser("", "viby", "boss", username="X Y"))
    assert e.value.fields() == {"name", "role", "username"}
    with pytest.raises(ValidationError, match="allerede brugeren 'karen'"):
        add(db, "Karen Blixen", "viby", "team")
    with pytest.raises(NotFoundError):
        add(db, "Nogen", "viby", "team", staff_id="S404")


def test_only_a_leader_or_the_system_administers_users(db: Database) -> None:
    team_member = signed_in(db, "Bo Job", "gellerup", "team")
    with pytest.raises(PermissionDeniedError, match="Kun en leder kan administrere brugere"):
        accounts.add_user(db, team_member, NewUser("Lis Viby", "viby", "team"))
    leader = signed_in(db, "Anne Virksomhed", "gellerup", "leader")
    accounts.add_user(db, leader, NewUser("Lis Viby", "viby", "team"))
    assert [u.username for u in accounts.list_users(db, leader)] == ["anne", "bo", "lis"]


def test_five_wrong_passwords_lock_the_account_and_the_message_says_for_how_long(db: Database) -> None:
    added = add(db, "Bo Job", "gellerup", "team")
    for minute in range(4):
        with pytest.raises(PermissionDeniedError, match=r"^Forkert brugernavn eller adgangskode\.$"):
            accounts.sign_in(db, "bo", "forkert", NOW + timedelta(minutes=minute))
    with pytest.raises(PermissionDeniedError, match="Der er nu lukket for forsøg i 11 minutter"):
        accounts.sign_in(db, "bo", "forkert", NOW + timedelta(minutes=4))
    with pytest.raises(PermissionDeniedError, match=r"For mange forkerte forsøg\. Prøv igen om 5 minutter\."):
        accounts.sign_in(db, "bo", added.one_time_password, NOW + timedelta(minutes=10))  # even the right one
    assert accounts.sign_in(db, "bo", added.one_time_password, NOW + timedelta(minutes=15)).username == "bo"
    actions = [a for _, a, name, _ in audit_rows(db) if name == "bo"]
    assert actions == ["user_add"] + ["sign_in_failed"] * 6 + ["sign_in"]


def test_an_unknown_name_gets_the_same_answer_and_is_counted_the_same_way(db: Database) -> None:
    for minute in range(5):
        with pytest.raises(PermissionDeniedError, match="Forkert brugernavn eller adgangskode"):
            accounts.sign_in(db, "ingen", "forkert", NOW + timedelta(minutes=minute))
    with pytest.raises(PermissionDeniedError, match="For mange forkerte forsøg"):
        accounts.sign_in(db, "ingen", "forkert", NOW + timedelta(minutes=5))
    assert audit_rows(db)[0] == (None, "sign_in_failed", "ingen", "unknown_user")


def test_the_lockout_rule_counts_failures_within_the_window_only() -> None:
    window = timedelta(minutes=15)
    spread = [NOW - timedelta(minutes=m) for m in (20, 14, 10, 5, 1)]
    assert accounts.lockout_remaining(spread, NOW, 5, window) is None  # the one 20 minutes ago has left the window
    five = [NOW - timedelta(minutes=m) for m in (14, 10, 5, 1, 0)]
    assert accounts.lockout_remaining(five, NOW, 5, window) == timedelta(minutes=1)
    assert accounts.wait_text(timedelta(seconds=61)) == "2 minutter"


def test_the_lock_numbers_and_the_session_timeout_are_settings() -> None:
    assert config.sign_in_limits({}) == (5, 15) and config.session_timeout_minutes({}) == 30
    assert config.sign_in_limits({"OTO_SIGNIN_MAX_FAILURES": "3", "OTO_SIGNIN_WINDOW_MIN": "60"}) == (3, 60)
    assert config.temporary_access_hours({}) == 8
    with pytest.raises(ValueError, match="OTO_SESSION_TIMEOUT_MIN"):
        config.session_timeout_minutes({"OTO_SESSION_TIMEOUT_MIN": "nul"})


def test_a_disabled_user_cannot_sign_in_and_is_told_so_only_with_the_right_password(db: Database) -> None:
    added = add(db, "Bo Job", "gellerup", "team")
    accounts.disable_user(db, SYSTEM, "bo", NOW)
    with pytest.raises(PermissionDeniedError, match="Forkert brugernavn"):
        accounts.sign_in(db, "bo", "forkert", NOW)
    with pytest.raises(PermissionDeniedError, match="Din konto er spærret"):
        accounts.sign_in(db, "bo", added.one_time_password, NOW)
    with pytest.raises(PermissionDeniedError, match="spærret"):
        accounts.user_for_username(db, "bo")


def test_single_sign_on_maps_the_subject_or_the_e_mail_to_the_staff_member(db: Database) -> None:
    add(db, "Bo Job", "gellerup", "team", email="Bo.Job@Aarhus.dk", oidc_subject="sub-123")
    assert accounts.user_for_oidc(db, "bo.job@aarhus.dk", NOW).staff_id == "S2"
    assert accounts.user_for_oidc(db, ["sub-123", "other@aarhus.dk"], NOW).username == "bo"
    assert not accounts.user_for_oidc(db, "sub-123", NOW).must_change_password  # the provider checked the person
    with pytest.raises(PermissionDeniedError, match=r"Din kommunale konto \(x@aarhus.dk\) er ikke knyttet"):
        accounts.user_for_oidc(db, "x@aarhus.dk", NOW)
    assert [a for _, a, _, _ in audit_rows(db)][-3:] == ["sign_in", "sign_in", "sign_in_failed"]


def _citizen_in_gellerup(db: Database) -> None:
    with db.transaction() as cur:
        citizens_sql.save_citizen(cur, Citizen("C1", "Fatima Ali", team_id="gellerup"))


def test_a_team_member_of_the_citizens_team_grants_a_colleague_of_another_team_eight_hours(db: Database) -> None:
    _citizen_in_gellerup(db)
    bo = signed_in(db, "Bo Job", "gellerup", "team")
    lis = signed_in(db, "Lis Viby", "viby", "team")
    assert not access.may_read_citizen(lis, "C1", "gellerup", [], NOW)
    grant = grant_temporary_access(db, bo, AccessGrant("lis", "C1", "dækker for Bo i ferien"), NOW)
    assert grant.ends_at == NOW + timedelta(hours=8) and grant.granted_by == "S2"
    grants = accounts_sql.grants_of(db.cursor(), lis.staff_id)
    assert access.may_write_citizen(lis, "C1", "gellerup", grants, NOW + timedelta(hours=7))
    assert not access.may_write_citizen(lis, "C1", "gellerup", grants, NOW + timedelta(hours=8))
    assert [g.grant_id for g in active_grants(db, lis, NOW)] == [grant.grant_id]
    (row,) = audit_rows(db, "citizen")
    assert row[:3] == ("S2", "grant", "C1") and "dækker for Bo i ferien" in row[3]


def test_a_grant_needs_a_reason_and_cannot_be_given_by_another_team_or_to_oneself(db: Database) -> None:
    _citizen_in_gellerup(db)
    lis = signed_in(db, "Lis Viby", "viby", "team")
    leader = signed_in(db, "Anne Virksomhed", "gellerup", "leader")
    with pytest.raises(ValidationError, match="Begrundelse: mangler"):
        grant_temporary_access(db, leader, AccessGrant("lis", "C1", "  "), NOW)
    with pytest.raises(PermissionDeniedError, match="kun en leder eller et medlem af det team"):
        grant_temporary_access(db, lis, AccessGrant("lis", "C1", "jeg vil gerne"), NOW)
    with pytest.raises(ValidationError, match="kun et teammedlem"):
        grant_temporary_access(db, leader, AccessGrant("anne", "C1", "ledere har adgang"), NOW)
    assert access.may(leader, Action.GRANT_ACCESS, CitizenRef("C1", "gellerup"))


def test_a_team_member_cannot_learn_from_a_grant_whether_a_citizen_of_another_team_exists(db: Database) -> None:
    _citizen_in_gellerup(db)
    lis = signed_in(db, "Lis Viby", "viby", "team")
    signed_in(db, "Bo Job", "gellerup", "team")
    refusals = []
    for citizen_id in ("C1", "NOBODY"):
        with pytest.raises(PermissionDeniedError) as caught:
            grant_temporary_access(db, lis, AccessGrant("bo", citizen_id, "vil se"), NOW)
        refusals.append(type(caught.value))
    assert refusals == [PermissionDeniedError, PermissionDeniedError]  # never "findes ikke"


def test_demo_accounts_have_known_passwords_and_one_account_per_role(demo_db: Database) -> None:
    demo = accounts.create_demo_accounts(demo_db, now=NOW)
    by_name = {a.username: a for a in demo}
    assert len(demo) == 37 and len(by_name) == 37
    assert {a.role for a in demo} == {Role.TEAM, Role.LEADER, Role.EMPLOYER_ONLY}
    leader = next(a for a in demo if a.role == Role.LEADER)
    user = accounts.sign_in(demo_db, leader.username, leader.password, NOW)
    assert user.role == Role.LEADER and not user.must_change_password
    assert by_name["soeren"].password == "demo-soeren" and "pia.p" in by_name
    assert accounts.create_demo_accounts(demo_db, now=NOW) == demo  # run again: nothing new
    lines = accounts.demo_account_lines(demo)
    assert lines[0].startswith("Demo-brugere (kun demo)") and len(lines) == 5
    assert any("(leder)" in line and "team Viby" in line for line in lines)
