"""Who may do what: roles, teams and *midlertidig adgang*, in one place a team leader can read.

The rules, in plain words:

- Citizens belong to a team, and so does everything about a citizen: placements, follow-ups, match decisions
  and candidate lists. Employers, contact persons, visits and job openings are shared by all teams (the
  employer network).
- **team** (`team`): full work with the citizens of the user's own team, and the whole employer network.
- **leader** (`leader`): everything, in every team; also user administration, statistics, the audit log and
  erasing a citizen's data (GDPR erasure and retention).
- **employer only** (`employer_only`, e.g. a student helper): the employer pipeline and visits; no citizen data
  at all, not even with a temporary grant.
- **system** (the command line and the demo loader): everything; audited as the system.
- **Midlertidig adgang**: a team member may get time-limited access to ONE citizen of another team, with a stated
  reason (covering for a colleague). It is given by a leader or by a member of the citizen's own team (never by
  the user to themselves), lasts 8 hours unless set otherwise, is audited, and expires by itself.
- A citizen without a team is seen by leaders only (and through a grant), until a leader places them in a team.
- A disabled account, or one that has not yet changed its one-time password, may do nothing.

Everything here is pure: the acting user, the citizen's team, the grants and the time are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from oto_match.domain import Staff
from oto_match.errors import PermissionDeniedError

DEFAULT_GRANT_HOURS = 8
MAX_GRANT_HOURS = 24


class Role(StrEnum):
    TEAM = "team"
    LEADER = "leader"
    EMPLOYER_ONLY = "employer_only"
    SYSTEM = "system"


ROLE_LABELS: dict[str, str] = {
    Role.TEAM: "teammedlem",
    Role.LEADER: "leder",
    Role.EMPLOYER_ONLY: "kun virksomheder",
    Role.SYSTEM: "system",
}
# The roles an account can have (the system is not an account).
ACCOUNT_ROLES = (Role.TEAM, Role.LEADER, Role.EMPLOYER_ONLY)


class Action(StrEnum):
    READ_CITIZEN = "read_citizen"  # a citizen's profile, placements, follow-ups, decisions, candidate lists
    WRITE_CITIZEN = "write_citizen"  # create or change any of those
    RANK_CITIZENS = "rank_citizens"  # see citizens ranked for a job (only the teams the user sees)
    SEE_EMPLOYERS = "see_employers"  # employers, contacts, visits, job openings
    WRITE_EMPLOYERS = "write_employers"
    GRANT_ACCESS = "grant_access"  # give a colleague of another team midlertidig adgang to a citizen
    ADMINISTER_USERS = "administer_users"
    SEE_STATISTICS = "see_statistics"
    READ_AUDIT_LOG = "read_audit_log"
    ERASE_CITIZEN_DATA = "erase_citizen_data"  # erase a citizen's personal data (GDPR), run retention


class Reach(StrEnum):
    ALL = "all"  # every team
    OWN_TEAM = "own_team"  # the user's own team (and, for reading and writing, a citizen with a valid grant)
    NONE = "none"


_T, _L, _E = Role.TEAM, Role.LEADER, Role.EMPLOYER_ONLY
# The rule table: for each action, how far each role reaches. The system reaches everything.
RULES: dict[Action, dict[Role, Reach]] = {
    Action.READ_CITIZEN: {_T: Reach.OWN_TEAM, _L: Reach.ALL, _E: Reach.NONE},
    Action.WRITE_CITIZEN: {_T: Reach.OWN_TEAM, _L: Reach.ALL, _E: Reach.NONE},
    Action.RANK_CITIZENS: {_T: Reach.OWN_TEAM, _L: Reach.ALL, _E: Reach.NONE},
    Action.SEE_EMPLOYERS: {_T: Reach.ALL, _L: Reach.ALL, _E: Reach.ALL},
    Action.WRITE_EMPLOYERS: {_T: Reach.ALL, _L: Reach.ALL, _E: Reach.ALL},
    Action.GRANT_ACCESS: {_T: Reach.OWN_TEAM, _L: Reach.ALL, _E: Reach.NONE},
    Action.ADMINISTER_USERS: {_T: Reach.NONE, _L: Reach.ALL, _E: Reach.NONE},
    Action.SEE_STATISTICS: {_T: Reach.NONE, _L: Reach.ALL, _E: Reach.NONE},
    Action.READ_AUDIT_LOG: {_T: Reach.NONE, _L: Reach.ALL, _E: Reach.NONE},
    Action.ERASE_CITIZEN_DATA: {_T: Reach.NONE, _L: Reach.ALL, _E: Reach.NONE},
}
# A valid grant opens one citizen for these actions only (a grant is not passed on).
GRANT_OPENS = (Action.READ_CITIZEN, Action.WRITE_CITIZEN)

# What a refusal says, when the role does not reach the action at all.
_NOT_FOR_ROLE: dict[Action, str] = {
    Action.READ_CITIZEN: "Din rolle giver ikke adgang til borgeroplysninger.",
    Action.WRITE_CITIZEN: "Din rolle giver ikke adgang til at ændre borgeroplysninger.",
    Action.RANK_CITIZENS: "Din rolle giver ikke adgang til at se borgere rangeret til et job.",
    Action.SEE_EMPLOYERS: "Din rolle giver ikke adgang til virksomhederne.",
    Action.WRITE_EMPLOYERS: "Din rolle giver ikke adgang til at ændre virksomhederne.",
    Action.GRANT_ACCESS: "Din rolle giver ikke adgang til at give midlertidig adgang.",
    Action.ADMINISTER_USERS: "Kun en leder kan administrere brugere.",
    Action.SEE_STATISTICS: "Kun en leder kan se statistikken.",
    Action.READ_AUDIT_LOG: "Kun en leder kan se loggen over, hvem der har set og ændret hvad.",
    Action.ERASE_CITIZEN_DATA: "Kun en leder kan slette en borgers oplysninger.",
}


@dataclass(frozen=True)
class User(Staff):
    """A signed-in staff member: who they are (Staff) and what their account may do.

    A plain Staff (not a User) is read by `role_of`: the system actors (profession 'system') are the system,
    anyone else is a team member (a leader when is_leader), so code that still passes a Staff is limited too.
    """

    role: str = Role.TEAM
    username: str = ""
    must_change_password: bool = False


@dataclass(frozen=True)
class TemporaryAccess:
    """Midlertidig adgang: `staff_id` may work with `citizen_id` from `starts_at` until (not including) `ends_at`."""

    grant_id: str
    staff_id: str
    citizen_id: str
    reason: str
    granted_by: str
    starts_at: datetime
    ends_at: datetime

    def is_active(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


@dataclass(frozen=True)
class CitizenRef:
    """The two facts access needs about a citizen: who it is and which team it belongs to (None: no team)."""

    citizen_id: str
    team_id: str | None


@dataclass(frozen=True)
class Scope:
    """Which citizens a user sees: every team, some teams, plus single citizens opened by a grant."""

    all_teams: bool
    teams: frozenset[str] = frozenset()
    citizen_ids: frozenset[str] = field(default_factory=frozenset)

    def includes(self, citizen_id: str, team_id: str | None) -> bool:
        if self.all_teams or citizen_id in self.citizen_ids:
            return True
        return team_id is not None and team_id in self.teams

    @property
    def nothing(self) -> bool:
        return not self.all_teams and not self.teams and not self.citizen_ids


def team_label(team_id: str | None) -> str:
    """'Gellerup' for 'gellerup'; a citizen without a team says so."""
    return f"team {team_id.capitalize()}" if team_id else "intet team"


def role_of(user: Staff) -> Role:
    """The user's role; for a plain Staff see User's docstring."""
    if isinstance(user, User):
        return Role(user.role)
    if user.profession == Role.SYSTEM:
        return Role.SYSTEM
    return Role.LEADER if user.is_leader else Role.TEAM


def granted(user: Staff, citizen_id: str, grants: Sequence[TemporaryAccess], now: datetime | None) -> bool:
    """Whether the user holds a grant for this citizen that is valid now."""
    return any(
        g.staff_id == user.staff_id and g.citizen_id == citizen_id and now is not None and g.is_active(now)
        for g in grants
    )


def refusal(
    user: Staff, action: Action, citizen: CitizenRef | None = None,
    grants: Sequence[TemporaryAccess] = (), now: datetime | None = None,
) -> str | None:  # fmt: skip
    """Why the user may not do this, in Danish, or None when they may.

    Without a citizen, an action the role reaches for its own team is allowed: what the user then sees is
    limited by `citizen_scope` (a list, a ranking).
    """
    if grants and now is None:
        raise ValueError("grants need the time to be judged (now)")
    if not user.active:
        return "Din konto er spærret. Kontakt en leder."
    if isinstance(user, User) and user.must_change_password:
        return "Skift din engangsadgangskode, før du går videre."
    role = role_of(user)
    if role is Role.SYSTEM:
        return None
    reach = RULES[action][role]
    if reach is Reach.NONE:
        return _NOT_FOR_ROLE[action]
    if reach is Reach.ALL or citizen is None:
        return None
    if citizen.team_id is not None and citizen.team_id == user.team_id:
        return None
    if action in GRANT_OPENS and granted(user, citizen.citizen_id, grants, now):
        return None
    return _other_team_message(user, action, citizen, grants)


def _other_team_message(user: Staff, action: Action, citizen: CitizenRef, grants: Sequence[TemporaryAccess]) -> str:
    if action is Action.GRANT_ACCESS:
        return (f"Borgeren hører til {team_label(citizen.team_id)}: kun en leder eller et medlem af det team "
                "kan give midlertidig adgang.")  # fmt: skip
    expired = [g.ends_at for g in grants if g.staff_id == user.staff_id and g.citizen_id == citizen.citizen_id]
    if expired:
        return f"Din midlertidige adgang til borgeren udløb {max(expired):%d-%m-%Y kl. %H:%M}."
    return (f"Borgeren hører til {team_label(citizen.team_id)}, og du har adgang til {team_label(user.team_id)}. "
            "Bed en leder om midlertidig adgang, og skriv hvorfor.")  # fmt: skip


def may(
    user: Staff, action: Action, citizen: CitizenRef | None = None,
    grants: Sequence[TemporaryAccess] = (), now: datetime | None = None,
) -> bool:  # fmt: skip
    return refusal(user, action, citizen, grants, now) is None


def require(
    user: Staff, action: Action, citizen: CitizenRef | None = None,
    grants: Sequence[TemporaryAccess] = (), now: datetime | None = None,
) -> None:  # fmt: skip
    """Raise PermissionDeniedError with the Danish reason unless the user may do this."""
    reason = refusal(user, action, citizen, grants, now)
    if reason is not None:
        raise PermissionDeniedError(reason)


def may_read_citizen(
    user: Staff, citizen_id: str, citizen_team: str | None, grants: Sequence[TemporaryAccess], now: datetime
) -> bool:
    return may(user, Action.READ_CITIZEN, CitizenRef(citizen_id, citizen_team), grants, now)


def may_write_citizen(
    user: Staff, citizen_id: str, citizen_team: str | None, grants: Sequence[TemporaryAccess], now: datetime
) -> bool:
    return may(user, Action.WRITE_CITIZEN, CitizenRef(citizen_id, citizen_team), grants, now)


def may_see_employers(user: Staff) -> bool:
    return may(user, Action.SEE_EMPLOYERS)


def may_administer_users(user: Staff) -> bool:
    return may(user, Action.ADMINISTER_USERS)


def may_read_audit_log(user: Staff) -> bool:
    return may(user, Action.READ_AUDIT_LOG)


def may_see_statistics(user: Staff) -> bool:
    return may(user, Action.SEE_STATISTICS)


def _team_scope(user: Staff, action: Action) -> Scope:
    if refusal(user, action) is not None:
        return Scope(all_teams=False)
    role = role_of(user)
    if role is Role.SYSTEM or RULES[action][role] is Reach.ALL:
        return Scope(all_teams=True)
    return Scope(all_teams=False, teams=frozenset({user.team_id}) if user.team_id else frozenset())


def visible_teams(user: Staff) -> Scope:
    """The teams whose citizens the user sees: all (leader, system), their own (team), none (employer only)."""
    return _team_scope(user, Action.READ_CITIZEN)


def citizen_scope(user: Staff, grants: Sequence[TemporaryAccess], now: datetime) -> Scope:
    """visible_teams plus the single citizens the user holds a valid grant for (lists, searches, profiles)."""
    scope = visible_teams(user)
    if scope.all_teams or not may(user, Action.READ_CITIZEN):
        return scope
    opened = frozenset(g.citizen_id for g in grants if g.staff_id == user.staff_id and g.is_active(now))
    return Scope(all_teams=False, teams=scope.teams, citizen_ids=opened)


def ranking_scope(user: Staff) -> Scope:
    """The teams whose citizens a ranking shows: the user's own team unless they are a leader (no grants)."""
    return _team_scope(user, Action.RANK_CITIZENS)


def grant_period(now: datetime, hours: int = DEFAULT_GRANT_HOURS) -> tuple[datetime, datetime]:
    """A grant starts now and lasts `hours` (1 to 24) hours."""
    if not 1 <= hours <= MAX_GRANT_HOURS:
        raise ValueError(f"hours must be 1..{MAX_GRANT_HOURS}")
    return now, now + timedelta(hours=hours)
