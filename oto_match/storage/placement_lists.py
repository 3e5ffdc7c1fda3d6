"""The Fastholdelse lists at national scale: open follow-ups and placements, of the citizens the actor sees,
filtered, counted and paged in the database, with the citizen's and employer's names read for the rows shown."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from oto_match.access import Scope
from oto_match.domain import Placement
from oto_match.storage.placements import NamedPlacement, OpenFollowUp
from oto_match.storage.rows import Cursor, fetch_dicts
from oto_match.storage.visibility import visible_sql


@dataclass(frozen=True)
class FollowUpWhere:
    """Which open follow-ups (of active placements not released): empty values filter nothing."""

    staff_id: str | None = None  # in the placement's makkerpar
    team_id: str | None = None  # the citizen's team
    due_by: date | None = None


_OPEN = """SELECT f.followup_id, f.placement_id, p.citizen_id, p.employer_id, c.name AS citizen_name,
                  e.name AS employer_name, f.due_date, f.kind, f.with_whom, count(*) OVER () AS matching
           FROM followups f JOIN placements p USING (placement_id)
           JOIN citizens c ON c.citizen_id = p.citizen_id JOIN employers e ON e.employer_id = p.employer_id
           WHERE f.status = 'open' AND p.status = 'active' AND p.released_on IS NULL AND {visible}
             AND (?::VARCHAR IS NULL OR p.partner1_id = ? OR p.partner2_id = ?)
             AND (?::VARCHAR IS NULL OR c.team_id = ?) AND (?::DATE IS NULL OR f.due_date <= ?::DATE)
           ORDER BY f.due_date, f.followup_id LIMIT ? OFFSET ?"""
_OPEN_FIELDS = tuple(f.name for f in fields(OpenFollowUp))


def open_followup_lines(cur: Cursor, scope: Scope, where: FollowUpWhere, offset: int, limit: int
                        ) -> tuple[list[OpenFollowUp], int]:  # fmt: skip
    """The open follow-ups passing `where` whose citizen is in `scope`, by due date (so the overdue come first),
    `limit` from `offset`, and how many pass in all (0 when no row is returned)."""
    visible, params = visible_sql(scope, "c.team_id", "c.citizen_id")
    w = where
    rows = fetch_dicts(cur, _OPEN.format(visible=visible), [*params, w.staff_id, w.staff_id, w.staff_id, w.team_id,
                                                            w.team_id, w.due_by, w.due_by, limit, offset])  # fmt: skip
    found = [OpenFollowUp(**{k: r[k] for k in _OPEN_FIELDS}) for r in rows]
    return found, int(rows[0]["matching"]) if rows else 0


@dataclass(frozen=True)
class PlacementWhere:
    """Which placements: empty values filter nothing."""

    team_id: str | None = None  # the citizen's team
    status: str | None = None
    search: str = ""  # part of the citizen's or the employer's name


_PLACEMENT_FIELDS = frozenset(f.name for f in fields(Placement))
_NAMED = """SELECT p.*, c.name AS citizen_name, e.name AS employer_name{matching}
            FROM {placements} JOIN citizens c ON c.citizen_id = p.citizen_id
            JOIN employers e ON e.employer_id = p.employer_id"""


def _named(row: dict[str, object]) -> NamedPlacement:
    placement = Placement(**{k: v for k, v in row.items() if k in _PLACEMENT_FIELDS})  # type: ignore[arg-type]
    return NamedPlacement(placement, str(row["citizen_name"]), str(row["employer_name"]))


def placement_lines(cur: Cursor, scope: Scope, where: PlacementWhere, offset: int, limit: int
                    ) -> tuple[list[NamedPlacement], int]:  # fmt: skip
    """The placements passing `where` whose citizen is in `scope`, newest start first, `limit` from `offset`,
    with citizen and employer names, and how many pass in all (0 when no row is returned).

    The placements are picked from the narrow columns; whole rows and names are read for those returned."""
    visible, params = visible_sql(scope, "c.team_id", "c.citizen_id")
    conditions = [visible, "(?::VARCHAR IS NULL OR c.team_id = ?)", "(?::VARCHAR IS NULL OR p.status = ?)"]
    params += [where.team_id, where.team_id, where.status, where.status]
    employers = ""  # the employers' names are read to pick only when searched
    if needle := where.search.strip().lower():
        conditions.append("contains(lower(c.name || ' ' || e.name), ?)")
        params.append(needle)
        employers = "JOIN employers e ON e.employer_id = p.employer_id"
    sql = f"""
        WITH picked AS (
            SELECT p.placement_id, count(*) OVER () AS matching
            FROM placements p JOIN citizens c USING (citizen_id) {employers}
            WHERE {" AND ".join(conditions)} ORDER BY p.start_date DESC, p.placement_id LIMIT ? OFFSET ?)
        {_NAMED.format(matching=", picked.matching", placements="picked JOIN placements p USING (placement_id)")}
        ORDER BY p.start_date DESC, p.placement_id"""
    rows = fetch_dicts(cur, sql, [*params, limit, offset])
    return [_named(r) for r in rows], int(rows[0]["matching"]) if rows else 0


def named_placements(cur: Cursor, scope: Scope, where: PlacementWhere, placement_ids: list[str]
                     ) -> list[NamedPlacement]:  # fmt: skip
    """The placements among `placement_ids` whose citizen is in `scope` and that pass `where`'s team and status
    (not its search), with names: the one chosen, kept on offer beside the choices a search finds."""
    visible, params = visible_sql(scope, "c.team_id", "c.citizen_id")
    sql = f"""{_NAMED.format(matching="", placements="placements p")}
              WHERE {visible} AND (?::VARCHAR IS NULL OR c.team_id = ?) AND (?::VARCHAR IS NULL OR p.status = ?)
                AND list_contains(?, p.placement_id) ORDER BY p.start_date DESC, p.placement_id"""
    rows = fetch_dicts(cur, sql, [*params, where.team_id, where.team_id, where.status, where.status, placement_ids])
    return [_named(r) for r in rows]
