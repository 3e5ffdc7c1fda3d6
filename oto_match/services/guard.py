"""Access checks for the services, read from the database: the rules themselves are in access.py.

Every service function that reads or writes citizen data calls one of these first, inside its transaction and
before it reads (or writes) anything of the citizen it returns: `require_citizen(s)` for one or more citizens,
`require_placements` for what belongs to a placement, `scope_of` for lists and rankings (filtered, not refused).
A refusal is a PermissionDeniedError with the Danish reason; nothing is read, written or logged after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from oto_match import access
from oto_match.access import Action, CitizenRef, Scope, TemporaryAccess
from oto_match.domain import Staff
from oto_match.errors import FieldProblem, NotFoundError, PermissionDeniedError, ValidationError
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import erasure as erasure_sql
from oto_match.storage import scope as scope_sql
from oto_match.storage.rows import Cursor

T = TypeVar("T")


def _citizen_id(item: Any) -> str:
    return str(item.citizen_id)


def reaches_all(actor: Staff, action: Action = Action.READ_CITIZEN) -> bool:
    """Whether the actor may do `action` for every citizen (the system, a leader): no look-up needed."""
    return access.may(actor, action) and access.visible_teams(actor).all_teams


def _grants(cur: Cursor, actor: Staff) -> list[TemporaryAccess]:
    return accounts_sql.grants_of(cur, actor.staff_id)


def scope_of(cur: Cursor, actor: Staff, now: datetime | None = None) -> Scope:
    """Which citizens the actor sees (own team, plus citizens opened by a valid midlertidig adgang)."""
    if reaches_all(actor) or not access.may(actor, Action.READ_CITIZEN):
        return access.visible_teams(actor)
    return access.citizen_scope(actor, _grants(cur, actor), now or datetime.now())


def require_citizens(cur: Cursor, actor: Staff, action: Action, citizen_ids: Iterable[str],
                     new_teams: dict[str, str | None] | None = None, now: datetime | None = None) -> None:  # fmt: skip
    """Refuse unless the actor may do `action` for each citizen. A citizen not stored yet is judged by the
    team it is being created in (`new_teams`); an unknown citizen without one is NotFoundError."""
    access.require(actor, action)  # the role first: employer_only reads nothing
    if reaches_all(actor, action):
        return
    ids = list(dict.fromkeys(citizen_ids))
    teams = scope_sql.citizen_teams(cur, ids)
    grants: list[TemporaryAccess] | None = None
    for citizen_id in ids:
        if citizen_id in teams:
            team = teams[citizen_id]
        elif new_teams is not None and citizen_id in new_teams:
            team = new_teams[citizen_id]
        else:
            raise NotFoundError(f"Borgeren {citizen_id} findes ikke")
        if team is not None and team == actor.team_id:
            continue
        grants = _grants(cur, actor) if grants is None else grants
        access.require(actor, action, CitizenRef(citizen_id, team), grants, now or datetime.now())


def require_citizen(cur: Cursor, actor: Staff, action: Action, citizen_id: str) -> None:
    require_citizens(cur, actor, action, [citizen_id])


def require_team(actor: Staff, action: Action, team_id: str | None) -> None:
    """Refuse unless the actor may do `action` for a citizen of `team_id` (moving a citizen there)."""
    access.require(actor, action, CitizenRef("", team_id))


def require_placements(cur: Cursor, actor: Staff, action: Action, placement_ids: Sequence[str]) -> None:
    """Refuse unless the actor may do `action` for the citizen of each stored placement (unknown ones are left
    to the caller: a new placement is judged by its citizen)."""
    access.require(actor, action)
    if reaches_all(actor, action):
        return
    require_citizens(cur, actor, action, scope_sql.placement_citizens(cur, placement_ids).values())


def query_team(scope: Scope, team_id: str | None) -> str | None:
    """The team a list may be filtered by in its query: the one asked for, or — when the actor sees exactly one
    team and holds no midlertidig adgang — that team (keep_visible still has the last word)."""
    if team_id is None and not scope.all_teams and not scope.citizen_ids and len(scope.teams) == 1:
        return next(iter(scope.teams))
    return team_id


def keep_visible(cur: Cursor, actor: Staff, items: list[T], citizen_of: Callable[[T], str] = _citizen_id) -> list[T]:
    """The items whose citizen the actor sees (their order kept)."""
    scope = scope_of(cur, actor)
    if scope.all_teams:
        return items
    if scope.nothing:
        return []
    teams = scope_sql.citizen_teams(cur, [citizen_of(x) for x in items])
    return [x for x in items if scope.includes(citizen_of(x), teams.get(citizen_of(x)))]


def ranking_team(actor: Staff, team_id: str | None) -> str | None:
    """The team a ranking may show: any (or all, None) for a leader and the system; else the actor's own team,
    whatever was asked (a ranking never shows citizens opened by a grant)."""
    access.require(actor, Action.RANK_CITIZENS)
    scope = access.ranking_scope(actor)
    if scope.all_teams:
        return team_id
    if not scope.teams:
        raise PermissionDeniedError("Du er ikke med i et team, så der er ingen borgere at rangere.")
    own = next(iter(scope.teams))
    if team_id is not None and team_id != own:
        raise PermissionDeniedError(
            f"Du kan kun rangere borgerne i {access.team_label(own)}, ikke i {access.team_label(team_id)}."
        )
    return own


def require_ranking(actor: Staff, team_id: str | None) -> None:
    """Refuse showing a ranking of `team_id` (None: every team) the actor could not have made."""
    if ranking_team(actor, team_id) != team_id:
        raise PermissionDeniedError("Du kan kun se rangeringer af borgerne i dit eget team.")


def placement_citizens(cur: Cursor, placement_ids: Sequence[str]) -> dict[str, str]:
    """The citizen of each stored placement (to check or filter what belongs to a placement)."""
    return scope_sql.placement_citizens(cur, placement_ids)


ERASED_REFUSAL = ("borgerens oplysninger er slettet (GDPR), og der kan ikke skrives noget om borgeren igen; "
                  "kommer personen tilbage, så opret hende eller ham som en ny borger")  # fmt: skip


def refuse_erased(cur: Cursor, citizen_ids: Sequence[str], lines: Sequence[int | None] | None = None,
                  field: str = "citizen_id") -> None:  # fmt: skip
    """A citizen whose data was erased (GDPR) stays an anonymous placeholder for good: no form, file or step may
    write anything about the person on it again: not the citizen's own fields, not a placement's texts or agreed
    strains, not a follow-up's notes, not a candidate note or proposal. If the person comes back, the team
    creates them as a new citizen.

    Refused as a ValidationError with one problem per entry about an erased citizen, naming its file line
    (`lines`, one per id, for files) in `field`; nothing is written after it."""
    erased = erasure_sql.erased_among(cur, list(dict.fromkeys(citizen_ids)))
    if not erased:
        return
    at = list(lines) if lines is not None else [None] * len(citizen_ids)
    refused = dict.fromkeys(line for citizen_id, line in zip(citizen_ids, at, strict=True) if citizen_id in erased)
    raise ValidationError([FieldProblem(field, ERASED_REFUSAL, line) for line in refused])
