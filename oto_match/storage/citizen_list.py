"""The citizen lists the pages show at national scale: filtered, counted and paged in the database, reading
only the columns a list shows (name, status, team, makkerpar), never every citizen's whole profile."""

from __future__ import annotations

from dataclasses import dataclass, fields

from oto_match.access import Scope
from oto_match.storage.rows import Cursor, fetch_dicts
from oto_match.storage.visibility import visible_sql


@dataclass(frozen=True)
class CitizenLine:
    """A citizen as a list shows it."""

    citizen_id: str
    name: str
    status: str
    team_id: str | None
    partner1_id: str | None
    partner2_id: str | None


_COLUMNS = ", ".join(f.name for f in fields(CitizenLine))


@dataclass(frozen=True)
class CitizenWhere:
    """The filters of a citizen list; empty values filter nothing."""

    team_id: str | None = None
    search: str = ""  # part of the name (any case)
    active_only: bool = False  # leave out citizens whose course has ended


def citizen_lines(cur: Cursor, scope: Scope, where: CitizenWhere, offset: int, limit: int
                  ) -> tuple[list[CitizenLine], int]:  # fmt: skip
    """The citizens in `scope` passing `where`, by name, `limit` from `offset`, and how many pass in all
    (0 when no row is returned)."""
    visible, params = visible_sql(scope, "team_id", "citizen_id")
    needle = where.search.strip().lower()
    sql = f"""SELECT {_COLUMNS}, count(*) OVER () AS matching FROM citizens
              WHERE {visible} AND (?::VARCHAR IS NULL OR team_id = ?) AND (status <> 'ended' OR NOT ?)
                AND (? = '' OR contains(lower(name), ?))
              ORDER BY name, citizen_id LIMIT ? OFFSET ?"""
    rows = fetch_dicts(cur, sql, [*params, where.team_id, where.team_id, where.active_only, needle, needle,
                                  limit, offset])  # fmt: skip
    matching = int(rows[0]["matching"]) if rows else 0
    return [CitizenLine(**{k: v for k, v in r.items() if k != "matching"}) for r in rows], matching


def citizen_lines_by_id(cur: Cursor, scope: Scope, citizen_ids: list[str]) -> list[CitizenLine]:
    """The citizens among `citizen_ids` in `scope` (e.g. the one chosen, kept on offer beside a page)."""
    visible, params = visible_sql(scope, "team_id", "citizen_id")
    sql = f"SELECT {_COLUMNS} FROM citizens WHERE {visible} AND list_contains(?, citizen_id) ORDER BY name"
    return [CitizenLine(**r) for r in fetch_dicts(cur, sql, [*params, citizen_ids])]
