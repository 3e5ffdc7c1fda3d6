"""SQL for the employer register at national scale: filtering, counting and paging happen in the database,
so a page reads the 25-100 employers it shows, never all 50,000.

The stage, cold and overdue columns mirror the rules in `oto_match/stages.py` (derive_stage, is_cold,
next_step_overdue) so the database can filter and count by them; tests/test_employer_register.py checks on
every demo employer that they agree. The rows shown are derived again by those Python rules.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

from oto_match.domain import Employer
from oto_match.storage.employers import NEXT_STEP_SQL, EmployerFacts, facts_sql
from oto_match.storage.rows import Cursor, fetch_dicts, scalar

# stages.derive_stage in SQL: paused, then partner (a placement), then the highest cup, else none.
STAGE_SQL = """CASE WHEN paused THEN 'paused' WHEN has_placement THEN 'partner'
                    WHEN coalesce(max_cup, 0) > 0 THEN 'cup' || max_cup ELSE 'none' END"""
# How each list is ordered (the Python rules' orders: register by name, board by latest contact, next steps by date).
ORDERS = {
    "name": "name, employer_id",
    "recent": "last_contact DESC NULLS LAST, name, employer_id",
    "next_step": "next_step_date NULLS LAST, lower(name), employer_id",
}


@dataclass(frozen=True)
class RegisterWhere:
    """The register's filters as the database applies them; empty values filter nothing."""

    search: str = ""
    stages: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()
    no_contact_days: int | None = None
    overdue_only: bool = False
    cold_only: bool = False
    with_next_step: bool = False


@dataclass(frozen=True)
class RegisterLine:
    employer: Employer
    facts: EmployerFacts
    stage: str  # the SQL stage (the service derives the shown one by the Python rule)
    matching: int  # how many employers pass the filters (or, with per_stage, are in this stage)


# What the filters and orders read of an employer (the rest of its row is read for the page only).
_NARROW = "e.employer_id, e.name, e.address, e.cvr, e.pnumber, e.postcode, e.industry, e.owner_staff_id, e.paused"


def _conditions(w: RegisterWhere, today: date, cold_days: int) -> tuple[list[str], list[object]]:
    """The SQL conditions of the filters in use (values as parameters), so unused filters cost nothing."""
    conditions: list[tuple[bool, str, list[object]]] = [
        (bool(w.search.strip()), "contains(lower(concat_ws(' ', name, address, cvr, pnumber)), ?)",
         [w.search.strip().lower()]),
        (bool(w.stages), "list_contains(?, stage)", [list(w.stages)]),
        (bool(w.industries), "list_contains(?, industry)", [list(w.industries)]),
        (bool(w.postcodes), "list_contains(?, postcode)", [list(w.postcodes)]),
        (bool(w.owner_ids), "list_contains(?, owner_staff_id)", [list(w.owner_ids)]),
        (w.no_contact_days is not None, "(last_contact IS NULL OR last_contact <= ?::DATE)",
         [today - timedelta(days=w.no_contact_days or 0)]),
        (w.overdue_only, "next_step_date < ?::DATE", [today]),
        (w.cold_only, "(last_contact IS NULL OR last_contact <= ?::DATE)", [today - timedelta(days=cold_days)]),
        (w.with_next_step, "next_step_date IS NOT NULL", []),
    ]  # fmt: skip
    used = [(sql, params) for on, sql, params in conditions if on]
    return [sql for sql, _ in used], [p for _, params in used for p in params]


def register_lines(
    cur: Cursor, w: RegisterWhere, today: date, cold_days: int, order: str, offset: int, limit: int | None,
    per_stage: int | None = None,
) -> list[RegisterLine]:  # fmt: skip
    """The employers passing `w`, ordered by ORDERS[order], `limit` from `offset` (None: all), each line
    counting all that pass; with `per_stage`, the first `per_stage` of each stage, each counting its stage.

    Filtering, counting and ordering read only the narrow columns; full rows are read for the lines returned."""
    conditions, params = _conditions(w, today, cold_days)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    narrow = f"SELECT *, {STAGE_SQL} AS stage FROM ({facts_sql(_NARROW, next_step_text=False)})"
    if per_stage:
        picked = f"""SELECT *, count(*) OVER (PARTITION BY stage) AS matching FROM ({narrow}) {where}
                     QUALIFY row_number() OVER (PARTITION BY stage ORDER BY {ORDERS[order]}) <= ?"""
        params += [per_stage]
    else:  # a top-N without numbering every row
        picked = f"SELECT *, count(*) OVER () AS matching FROM ({narrow}) {where} ORDER BY {ORDERS[order]}"
        picked += " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
        params += [limit, offset] if limit is not None else [offset]
    sql = f"""
        WITH picked AS ({picked}),
        texts AS (
            SELECT employer_id, {NEXT_STEP_SQL} AS next_step FROM visits
            WHERE employer_id IN (SELECT employer_id FROM picked) GROUP BY employer_id)
        SELECT * FROM (
            SELECT e.*, picked.* EXCLUDE (employer_id, name, address, cvr, pnumber, postcode, industry,
                                          owner_staff_id, paused), coalesce(texts.next_step, '') AS next_step
            FROM picked JOIN employers e USING (employer_id) LEFT JOIN texts USING (employer_id))
        ORDER BY {"stage, " if per_stage else ""}{ORDERS[order]}
    """
    rows = fetch_dicts(cur, sql, params)
    return [_line(r) for r in rows]


_EMPLOYER_FIELDS = tuple(f.name for f in fields(Employer))
_FACT_FIELDS = tuple(f.name for f in fields(EmployerFacts))


def _line(row: dict[str, object]) -> RegisterLine:
    employer = Employer(**{k: row[k] for k in _EMPLOYER_FIELDS if k in row})  # type: ignore[arg-type]
    facts = EmployerFacts(**{k: row[k] for k in _FACT_FIELDS})  # type: ignore[arg-type]
    return RegisterLine(employer, facts, str(row["stage"]), int(row["matching"]))  # type: ignore[call-overload]


def count_employers(cur: Cursor) -> int:
    """Current employers (merged ones excluded)."""
    return int(scalar(cur, "SELECT count(*) FROM employers WHERE merged_into IS NULL"))


def distinct_values(cur: Cursor, column: str) -> list[str]:
    """The distinct non-empty values of `column` ('industry' or 'postcode') among current employers."""
    if column not in ("industry", "postcode"):
        raise ValueError(column)
    sql = f"SELECT DISTINCT {column} AS v FROM employers WHERE merged_into IS NULL AND {column} <> '' ORDER BY v"
    return [str(r["v"]) for r in fetch_dicts(cur, sql)]


def employer_choices(cur: Cursor, search: str, limit: int) -> tuple[list[tuple[str, str, str]], int]:
    """(id, name, postcode) of up to `limit` current employers whose name or postcode contains `search`
    (by name), and how many match in all."""
    sql = """SELECT employer_id, name, postcode, count(*) OVER () AS matching FROM employers
             WHERE merged_into IS NULL AND (? = '' OR contains(lower(name || ' ' || postcode), ?))
             ORDER BY name, employer_id LIMIT ?"""
    needle = search.strip().lower()
    rows = fetch_dicts(cur, sql, [needle, needle, limit])
    matching = int(rows[0]["matching"]) if rows else 0
    return [(str(r["employer_id"]), str(r["name"]), str(r["postcode"])) for r in rows], matching
