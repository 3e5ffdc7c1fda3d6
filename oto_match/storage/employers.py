"""SQL for employers (workplaces), their contact persons, visits and merges."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from oto_match.domain import ContactPerson, Employer, Visit
from oto_match.storage import bulk
from oto_match.storage.rows import Cursor, as_values, execute, fetch_all, fetch_one, save_versioned, scalar, upsert

# What a person may change on the "Stamdata" form (pausing and merging have use cases of their own).
MASTER_COLUMNS = (
    "name", "cvr", "pnumber", "address", "postcode", "industry", "accommodations",
    "adaptations_note", "size_band", "social_economy", "owner_staff_id",
)  # fmt: skip
ALL_EMPLOYER_COLUMNS = ("employer_id", *MASTER_COLUMNS, "paused", "paused_reason", "merged_into")
PAUSE_COLUMNS = ("paused", "paused_reason")
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


def _insert_stamped(cur: Cursor, table: str, objects: Sequence[object], columns: Sequence[str],
                    actor_id: str | None) -> int:  # fmt: skip
    if not objects:
        return 0
    frame = pd.DataFrame([as_values(o, columns) for o in objects], columns=list(columns))
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


def list_employers(cur: Cursor, include_merged: bool = False) -> list[Employer]:
    sql = "SELECT * FROM employers WHERE (merged_into IS NULL OR ?) ORDER BY name, employer_id"
    return fetch_all(cur, Employer, sql, [include_merged])


def existing_employer_ids(cur: Cursor) -> set[str]:
    return {r[0] for r in execute(cur, "SELECT employer_id FROM employers").fetchall()}


def siblings(cur: Cursor, employer: Employer) -> list[Employer]:
    """Other workplaces under the same CVR (a chain's branches)."""
    if not employer.cvr:
        return []
    sql = "SELECT * FROM employers WHERE cvr = ? AND employer_id <> ? AND merged_into IS NULL ORDER BY name"
    return fetch_all(cur, Employer, sql, [employer.cvr, employer.employer_id])


def employer_facts(cur: Cursor, employer_ids: list[str] | None = None) -> dict[str, EmployerFacts]:
    """Per employer: highest cup, cup 2 seen, placement had, last contact and latest next step."""
    sql = """
        WITH v AS (
            SELECT employer_id, max(cup) AS max_cup, bool_or(cup = 2) AS has_cup2,
                   max(visit_date) AS last_contact,
                   arg_max(next_step, visit_date) FILTER (WHERE next_step <> '' OR next_step_date IS NOT NULL)
                       AS next_step,
                   arg_max(next_step_date, visit_date) FILTER (WHERE next_step <> '' OR next_step_date IS NOT NULL)
                       AS next_step_date
            FROM visits GROUP BY employer_id),
        p AS (SELECT DISTINCT employer_id FROM placements),
        j AS (SELECT employer_id, count(*) AS open_jobs FROM job_openings WHERE status = 'open' GROUP BY employer_id)
        SELECT e.employer_id, v.max_cup, coalesce(v.has_cup2, false) AS has_cup2,
               p.employer_id IS NOT NULL AS has_placement, v.last_contact,
               coalesce(v.next_step, '') AS next_step, v.next_step_date, coalesce(j.open_jobs, 0) AS open_jobs
        FROM employers e LEFT JOIN v USING (employer_id) LEFT JOIN p USING (employer_id)
        LEFT JOIN j USING (employer_id)
        WHERE e.merged_into IS NULL AND (? IS NULL OR list_contains(?, e.employer_id))
    """
    rows = fetch_all(cur, EmployerFacts, sql, [employer_ids, employer_ids])
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
    return bulk.insert_many(cur, "visits", VISIT_COLUMNS, visits)


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
