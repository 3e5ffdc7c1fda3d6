"""Which citizens a list may show, as a SQL condition: the database filters and counts what the actor sees
(access.Scope, worked out by services/guard.scope_of), so a page never loads rows only to drop them."""

from __future__ import annotations

from oto_match.access import Scope


def visible_sql(scope: Scope, team_column: str, citizen_column: str) -> tuple[str, list[object]]:
    """The condition (and its parameters) that a row's citizen is in `scope`: every team, one of its teams,
    or one of the single citizens opened by a midlertidig adgang. Column names come from the callers' SQL."""
    if scope.all_teams:
        return "TRUE", []
    sql = f"(list_contains(?::VARCHAR[], {team_column}) OR list_contains(?::VARCHAR[], {citizen_column}))"
    return sql, [sorted(scope.teams), sorted(scope.citizen_ids)]
