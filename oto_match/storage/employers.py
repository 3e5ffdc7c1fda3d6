"""SQL for employers (workplaces), their contact persons, visits and merges."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from oto_match.domain import ContactPerson, Employer, Visit
from oto_match.storage import bulk
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, save_versioned, scalar, upsert

if TYPE_CHECKING:  # pandas loads only for the writes that need it (a ranking reads employers without it)
    import pandas as pd

# What a person may change on the "Stamdata" form (pausing and merging have use cases of their own).
MASTER_COLUMNS = (
    "name", "cvr", "pnumber", "address", "postcode", "industry", "accommodations",
    "adaptations_note", "size_band", "social_economy", "owner_staff_id",
)  # fmt: skip
ALL_EMPLOYER_COLUMNS = ("employer_id", *MASTER_COLUMNS, "paused", "paused_reason", "merged_into")
PAUSE_COLUMNS = ("paused", "paused_reason")
LIST_COLUMNS = ("accommodations", "adaptations_learned")  # VARCHAR[] columns
ADAPTATION_COLUMNS = ("accommodations", "adaptations_note")
CONTACT_COLUMNS = ("contact_id", "employer_id", "name", "role", "phone", "email")
VISIT_COLUMNS = (
    "visit_id", "employer_id", "staff_id", "visit_date", "form", "cup", "notes", "tasks_learned",
    "adaptations_learned", "next_step", "next_step_date",
)  # fmt: skip


@dataclass(frozen=True)
class EmployerFacts:
    """What the stage and reminders are derived from, per employer."""

    employer_id: str
    max_cup: int | None
    has_cup2: bool
    has_placement: bool
    last_contact: date | None
    next_step: str
    next_step_date: date | None
    open_jobs: int


@dataclass(frozen=True)
class WeekCount:
    """One consultant's contacts in one week (Monday)."""

    staff_id: str
    week_start: date
    contacts: int
    in_person: int
    employers: int


def save_employer(cur: Cursor, employer: Employer, columns: tuple[str, ...] = ALL_EMPLOYER_COLUMNS) -> bool:
    """Insert or update without a version check (test set-up); use write_employer for a person's save."""
    return upsert(cur, "employers", "employer_keys", "employer_id", as_values(employer, columns))


def write_employer(
    cur: Cursor, employer: Employer, columns: Sequence[str], expected_version: int | None, actor_id: str | None
) -> int:
    """Write `columns` of one employer if it is still at `expected_version` (see rows.save_versioned)."""
    values = as_values(employer, ("employer_id", *columns))
    what = f"Virksomheden {employer.name}"
    return save_versioned(cur, "employers", "employer_keys", "employer_id", values, expected_version, actor_id, what)


def insert_employers(cur: Cursor, employers: Sequence[Employer], columns: Sequence[str], actor_id: str | None) -> int:
    """Insert new employers in one statement (version 1, stamped with who and when)."""
    return _insert_stamped(cur, "employers", employers, ("employer_id", *columns), actor_id)


def write_pauses(cur: Cursor, pauses: Sequence[tuple[str, bool, str]], actor_id: str | None) -> int:
    """(employer id, paused, reason) for many employers in one statement, without a version check (an import:
    the data is the authority); each version is bumped and stamped. Returns how many rows changed."""
    if not pauses:
        return 0
    import pandas as pd

    frame = pd.DataFrame(pauses, columns=["employer_id", "paused", "paused_reason"])
    cur.register("_pauses", frame)
    try:
        sql = """UPDATE employers e SET paused = p.paused, paused_reason = p.paused_reason, version = e.version + 1,
                 changed_at = ?, changed_by = ? FROM _pauses p WHERE e.employer_id = p.employer_id"""
        execute(cur, sql, [datetime.now(), actor_id])
    finally:
        cur.unregister("_pauses")
    return len(frame)


def _insert_stamped(cur: Cursor, table: str, objects: Sequence[object], columns: Sequence[str],
                    actor_id: str | None) -> int:  # fmt: skip
    if not objects:
        return 0
    frame = _frame(objects, columns)
    frame["changed_at"], frame["changed_by"], frame["version"] = datetime.now(), actor_id, 1
    return bulk.insert_frame(cur, table, frame)


def present_employer_ids(cur: Cursor, employer_ids: Collection[str]) -> set[str]:
    """Which of these ids exist (merged employers included)."""
    sql = "SELECT employer_id FROM employers WHERE list_contains(?, employer_id)"
    return {r[0] for r in execute(cur, sql, [list(employer_ids)]).fetchall()}


def employers_near(cur: Cursor, postcode: str, pnumber: str | None) -> list[Employer]:
    """Current employers a new one could duplicate: the same postcode or the same P-number."""
    sql = "SELECT * FROM employers WHERE merged_into IS NULL AND (postcode = ? OR pnumber = ?) ORDER BY name"
    return fetch_all(cur, Employer, sql, [postcode, pnumber])


def get_employer(cur: Cursor, employer_id: str) -> Employer | None:
    return fetch_one(cur, Employer, "SELECT * FROM employers WHERE employer_id = ?", [employer_id])


def employers_by_id(cur: Cursor, employer_ids: Collection[str]) -> dict[str, Employer]:
    """The stored employers among `employer_ids`, by id (one query, however many)."""
    if not employer_ids:
        return {}
    rows = fetch_all(cur, Employer, "SELECT * FROM employers WHERE list_contains(?, employer_id)", [list(employer_ids)])
    return {e.employer_id: e for e in rows}


def list_employers(cur: Cursor, include_merged: bool = False) -> list[Employer]:
    sql = "SELECT * FROM employers WHERE (merged_into IS NULL OR ?) ORDER BY name, employer_id"
    return fetch_all(cur, Employer, sql, [include_merged])


def existing_employer_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT employer_id FROM employers").fetchall()}


def siblings(cur: Cursor, employer: Employer, limit: int) -> tuple[list[Employer], int]:
    """The first `limit` other workplaces under the same CVR (a chain's branches) by name, and how many in all."""
    if not employer.cvr:
        return [], 0
    where = "FROM employers WHERE cvr = ? AND employer_id <> ? AND merged_into IS NULL"
    params = [employer.cvr, employer.employer_id]
    total = int(scalar(cur, f"SELECT count(*) {where}", params))
    return fetch_all(cur, Employer, f"SELECT * {where} ORDER BY name, employer_id LIMIT ?", [*params, limit]), total


def placement_teams(cur: Cursor, employer_id: str) -> dict[str, int]:
    """How many placements at the employer each team's citizens have had ('uden team' for none)."""
    sql = """SELECT coalesce(c.team_id, 'uden team') AS team, count(*) AS n FROM placements p
             LEFT JOIN citizens c ON c.citizen_id = p.citizen_id WHERE p.employer_id = ? GROUP BY ALL ORDER BY team"""
    return {str(team): int(n) for team, n in execute(cur, sql, [employer_id]).fetchall()}


NEXT_STEP_SQL = "arg_max(next_step, visit_date) FILTER (WHERE next_step <> '' OR next_step_date IS NOT NULL)"


def facts_sql(columns: str = "e.*", only_ids: bool = False, next_step_text: bool = True) -> str:
    """Per current employer, `columns` of it and what its stage and reminders are derived from (shared with the
    register's queries). With `only_ids`, only the employers in the list given four times as parameters;
    without `next_step_text`, the next step's date but not its text (the text costs most to find)."""
    among = "WHERE list_contains(?, employer_id)" if only_ids else ""
    text = f"{NEXT_STEP_SQL} AS next_step," if next_step_text else ""
    return f"""
    WITH v AS (
        SELECT employer_id, max(cup) AS max_cup, bool_or(cup = 2) AS has_cup2,
               max(visit_date) AS last_contact,
               {text}
               arg_max(next_step_date, visit_date) FILTER (WHERE next_step <> '' OR next_step_date IS NOT NULL)
                   AS next_step_date
        FROM visits {among} GROUP BY employer_id),
    p AS (SELECT DISTINCT employer_id FROM placements {among}),
    j AS (SELECT employer_id, count(*) AS open_jobs FROM job_openings WHERE status = 'open'
          {among.replace("WHERE", "AND")} GROUP BY employer_id)
    SELECT {columns}, v.max_cup, coalesce(v.has_cup2, false) AS has_cup2,
           p.employer_id IS NOT NULL AS has_placement, v.last_contact,
           {"coalesce(v.next_step, '') AS next_step," if next_step_text else ""}
           v.next_step_date, coalesce(j.open_jobs, 0) AS open_jobs
    FROM employers e LEFT JOIN v USING (employer_id) LEFT JOIN p USING (employer_id)
    LEFT JOIN j USING (employer_id)
    WHERE e.merged_into IS NULL {among.replace("WHERE", "AND")}
"""


def employer_facts(cur: Cursor, employer_ids: list[str] | None = None) -> dict[str, EmployerFacts]:
    """Per employer (all current ones, or those in `employer_ids`): highest cup, cup 2 seen, placement had,
    last contact and latest next step."""
    if employer_ids is None:
        rows = fetch_all(cur, EmployerFacts, facts_sql())
    else:
        rows = fetch_all(cur, EmployerFacts, facts_sql(only_ids=True), [list(employer_ids)] * 4)
    return {r.employer_id: r for r in rows}


def write_contact(cur: Cursor, contact: ContactPerson, expected_version: int | None, actor_id: str | None) -> int:
    what = f"Kontaktpersonen {contact.name}"
    values = as_values(contact, CONTACT_COLUMNS)
    return save_versioned(cur, "contact_persons", "contact_keys", "contact_id", values, expected_version, actor_id,
                          what)  # fmt: skip


def contacts_of(cur: Cursor, employer_id: str) -> list[ContactPerson]:
    sql = "SELECT * FROM contact_persons WHERE employer_id = ? ORDER BY name"
    return fetch_all(cur, ContactPerson, sql, [employer_id])


def insert_visits(cur: Cursor, visits: Sequence[Visit]) -> int:
    """Insert new visits in one statement."""
    return bulk.insert_frame(cur, "visits", _frame(visits, VISIT_COLUMNS)) if visits else 0


def _frame(objects: Sequence[object], columns: Sequence[str]) -> pd.DataFrame:
    """The objects' attributes as a DataFrame built column by column (tuples become lists)."""
    data = {}
    for c in columns:
        values = [getattr(o, c) for o in objects]
        data[c] = [list(v) if isinstance(v, tuple) else v for v in values] if c in LIST_COLUMNS else values
    import pandas as pd

    return pd.DataFrame(data, columns=list(columns))


def update_visit(cur: Cursor, visit: Visit) -> None:
    """Overwrite a visit by id (an import: the file is the authority)."""
    upsert(cur, "visits", None, "visit_id", as_values(visit, VISIT_COLUMNS))


def present_visit_ids(cur: Cursor, visit_ids: Collection[str]) -> set[str]:
    sql = "SELECT visit_id FROM visits WHERE list_contains(?, visit_id)"
    return {r[0] for r in execute(cur, sql, [list(visit_ids)]).fetchall()}


def visits_of(cur: Cursor, employer_id: str) -> list[Visit]:
    sql = "SELECT * FROM visits WHERE employer_id = ? ORDER BY visit_date DESC, visit_id DESC"
    return fetch_all(cur, Visit, sql, [employer_id])


def list_visits(cur: Cursor) -> list[Visit]:
    return fetch_all(cur, Visit, "SELECT * FROM visits ORDER BY visit_date, visit_id")


def existing_visit_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT visit_id FROM visits").fetchall()}


def visit_counts_by_week(cur: Cursor, staff_id: str | None, since: date) -> list[WeekCount]:
    """Per consultant and ISO week: contacts, of which in person, and distinct employers."""
    sql = """
        SELECT staff_id, date_trunc('week', visit_date)::DATE AS week_start, count(*) AS contacts,
               count(*) FILTER (WHERE form IN ('in_person_workplace', 'in_person_elsewhere')) AS in_person,
               count(DISTINCT employer_id) AS employers
        FROM visits WHERE visit_date >= ? AND (? IS NULL OR staff_id = ?)
        GROUP BY ALL ORDER BY staff_id, week_start
    """
    return fetch_all(cur, WeekCount, sql, [since, staff_id, staff_id])


# Tables whose employer_id moves to the kept employer in a merge.
MERGE_TABLES = ("contact_persons", "visits", "job_openings", "placements")


def count_related(cur: Cursor, employer_id: str) -> dict[str, int]:
    return {
        table: int(scalar(cur, f"SELECT count(*) FROM {table} WHERE employer_id = ?", [employer_id]))
        for table in MERGE_TABLES
    }


def move_related(cur: Cursor, from_id: str, to_id: str) -> dict[str, int]:
    """Point every related row of `from_id` at `to_id`; returns how many rows moved per table."""
    moved = count_related(cur, from_id)
    for table in MERGE_TABLES:
        execute(cur, f"UPDATE {table} SET employer_id = ? WHERE employer_id = ?", [to_id, from_id])
    return moved


def record_merge(cur: Cursor, merge_id: str, kept: str, merged: str, staff_id: str, moved_json: str) -> None:
    execute(
        cur,
        "INSERT INTO employer_merges (merge_id, kept_id, merged_id, staff_id, happened_at, moved_json)"
        " VALUES (?, ?, ?, ?, current_timestamp, ?)",
        [merge_id, kept, merged, staff_id, moved_json],
    )
    execute(
        cur,
        "UPDATE employers SET merged_into = ?, version = version + 1, changed_at = ?, changed_by = ?"
        " WHERE employer_id = ?",
        [kept, datetime.now(), staff_id, merged],
    )  # a form opened on the merged employer is refused from now on


# --- the duplicate scan's kept result (migration 0006) ---

# What the scan reads: a change to any of these (or a new or merged employer) makes a kept scan outdated.
SCAN_FIELDS = ("employer_id", "name", "postcode", "pnumber", "cvr", "address", "merged_into")


@dataclass(frozen=True)
class DedupKey:
    """An employer as the duplicate scan sees it."""

    employer_id: str
    name: str
    postcode: str
    pnumber: str | None
    cvr: str | None
    address: str


@dataclass(frozen=True)
class KeptScan:
    scan_id: str
    register_state: str
    computed_at: datetime
    computed_by: str | None
    employers: int
    seconds: float
    pairs: int


@dataclass(frozen=True)
class KeptPair:
    """A kept pair with both employers as they are now."""

    a_id: str
    a_name: str
    a_postcode: str
    a_address: str
    b_id: str
    b_name: str
    b_postcode: str
    b_address: str
    score: float
    reasons: tuple[str, ...]
    codes: tuple[str, ...]


def register_state(cur: Cursor) -> str:
    """A fingerprint of the register as the scan reads it: the count and a hash of SCAN_FIELDS of every row."""
    sql = f"SELECT count(*) || ':' || coalesce(bit_xor(hash({', '.join(SCAN_FIELDS)})), 0) FROM employers"
    return str(scalar(cur, sql))


def dedup_keys(cur: Cursor) -> list[DedupKey]:
    """Every current employer, only the columns the scan reads."""
    sql = "SELECT employer_id, name, postcode, pnumber, cvr, address FROM employers WHERE merged_into IS NULL"
    return [DedupKey(*row) for row in execute(cur, sql).fetchall()]


def keep_scan(cur: Cursor, scan: KeptScan, pairs: pd.DataFrame) -> None:
    """Replace the kept scan by this one; `pairs` has the columns of duplicate_pairs except scan_id."""
    execute(cur, "DELETE FROM duplicate_pairs")
    execute(cur, "DELETE FROM duplicate_scans")
    values = [scan.scan_id, scan.register_state, scan.computed_at, scan.computed_by, scan.employers, scan.seconds]
    execute(cur, "INSERT INTO duplicate_scans VALUES (?, ?, ?, ?, ?, ?)", values)
    if len(pairs):
        bulk.insert_frame(cur, "duplicate_pairs", pairs.assign(scan_id=scan.scan_id))


def kept_scan(cur: Cursor) -> KeptScan | None:
    sql = """SELECT s.*, (SELECT count(*) FROM duplicate_pairs p WHERE p.scan_id = s.scan_id) AS pairs
             FROM duplicate_scans s ORDER BY computed_at DESC LIMIT 1"""
    return fetch_one(cur, KeptScan, sql)


def drop_kept_pairs_of(cur: Cursor, employer_id: str, new_state: str | None) -> None:
    """Forget kept pairs naming `employer_id` (merged away); restamp the scan when it was current."""
    execute(cur, "DELETE FROM duplicate_pairs WHERE a_id = ? OR b_id = ?", [employer_id, employer_id])
    if new_state is not None:
        execute(cur, "UPDATE duplicate_scans SET register_state = ?", [new_state])


_PAIR_FILTER = """FROM duplicate_pairs p
    JOIN employers a ON a.employer_id = p.a_id JOIN employers b ON b.employer_id = p.b_id
    WHERE (? = '' OR p.postcode_a = ? OR p.postcode_b = ?) AND (? = '' OR list_contains(p.codes, ?))"""


def kept_pairs(cur: Cursor, postcode: str, code: str, offset: int, limit: int) -> tuple[list[KeptPair], int]:
    """A page of the kept pairs (strongest first) in `postcode` with reason `code` ('' = any), and how many match."""
    params = [postcode, postcode, postcode, code, code]
    total = int(scalar(cur, f"SELECT count(*) {_PAIR_FILTER}", params))
    sql = f"""SELECT p.a_id, a.name AS a_name, a.postcode AS a_postcode, a.address AS a_address,
                     p.b_id, b.name AS b_name, b.postcode AS b_postcode, b.address AS b_address,
                     p.score, p.reasons, p.codes
              {_PAIR_FILTER} ORDER BY p.score DESC, p.a_id, p.b_id LIMIT ? OFFSET ?"""
    return fetch_all(cur, KeptPair, sql, [*params, limit, offset]), total


def kept_pair_postcodes(cur: Cursor) -> list[str]:
    sql = "SELECT DISTINCT unnest([postcode_a, postcode_b]) AS p FROM duplicate_pairs ORDER BY p"
    return [r[0] for r in execute(cur, sql).fetchall()]
