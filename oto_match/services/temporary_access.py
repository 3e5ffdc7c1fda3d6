"""Midlertidig adgang: time-limited access for one team member to ONE citizen of another team (access.py).

Given by a leader, or by a member of the citizen's own team, with a stated reason; lasts 8 hours unless set
otherwise (config.temporary_access_hours, at most 24); audited on the citizen; ends by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oto_match import access, config
from oto_match.access import Action, CitizenRef, Role, TemporaryAccess
from oto_match.domain import Staff, new_id
from oto_match.errors import FieldProblem, NotFoundError, ValidationError
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import audit
from oto_match.storage import citizens as citizens_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database
from oto_match.validation import text_problem

REASON_MAX = 500


@dataclass(frozen=True)
class AccessGrant:
    """Give `grantee` (a username) access to `citizen_id` for `hours` hours (None: the default), because `reason`."""

    grantee: str
    citizen_id: str
    reason: str
    hours: int | None = None

    def problems(self) -> list[FieldProblem]:
        found = []
        if not self.reason.strip():
            found.append(FieldProblem("reason", "mangler: skriv hvorfor der er brug for adgangen"))
        elif problem := text_problem(self.reason.strip(), REASON_MAX, multiline=False):
            found.append(FieldProblem("reason", problem))
        if self.hours is not None and not 1 <= self.hours <= access.MAX_GRANT_HOURS:
            found.append(FieldProblem("access_hours", f"skal være mellem 1 og {access.MAX_GRANT_HOURS}"))
        if not self.grantee.strip():
            found.append(FieldProblem("grantee", "mangler"))
        return found


def grant_temporary_access(
    db: Database, actor: Staff, grant: AccessGrant, now: datetime | None = None
) -> TemporaryAccess:
    """Give the grant (see the module's rules); returns it. The grantee must be a team member of another team."""
    if problems := grant.problems():
        raise ValidationError(problems)
    at = now or datetime.now()
    with db.transaction() as cur:
        citizen = citizens_sql.get_citizen(cur, grant.citizen_id)
        # access first: whether a citizen of another team exists is itself something only a leader may learn
        access.require(actor, Action.GRANT_ACCESS, CitizenRef(grant.citizen_id, citizen.team_id if citizen else None))
        if citizen is None:
            raise NotFoundError(f"Borgeren {grant.citizen_id} findes ikke")
        account = accounts_sql.get_account(cur, grant.grantee.strip().lower())
        grantee = staff_sql.get_staff(cur, account.staff_id) if account else None
        if account is None or grantee is None or account.disabled or not grantee.active:
            raise ValidationError.single("grantee", f"'{grant.grantee}' er ikke en aktiv bruger")
        if account.role != Role.TEAM:
            raise ValidationError.single("grantee", "kun et teammedlem kan få midlertidig adgang")
        if grantee.team_id == citizen.team_id:
            raise ValidationError.single("grantee", f"{grantee.name} er i borgerens team og har adgang i forvejen")
        if account.staff_id == actor.staff_id:
            raise ValidationError.single("grantee", "du kan ikke give dig selv adgang: bed en leder")
        starts, ends = access.grant_period(at, grant.hours or config.temporary_access_hours())
        given = TemporaryAccess(new_id("G"), grantee.staff_id, citizen.citizen_id, grant.reason.strip(),
                                actor.staff_id, starts, ends)  # fmt: skip
        accounts_sql.insert_grant(cur, given)
        detail = f"midlertidig adgang til {grantee.name} til {ends:%d-%m-%Y kl. %H:%M}: {given.reason}"
        audit.log(cur, actor.staff_id, "grant", "citizen", citizen.citizen_id, detail, at=at)
    return given


def active_grants(db: Database, actor: Staff, now: datetime | None = None) -> list[TemporaryAccess]:
    """The grants valid now: every one for a leader (the leader's page lists them), else the actor's own."""
    at = now or datetime.now()
    with db.transaction() as cur:
        if access.may_administer_users(actor):
            return accounts_sql.active_grants(cur, at)
        return accounts_sql.active_grants(cur, at, staff_id=actor.staff_id)
