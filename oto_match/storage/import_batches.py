"""SQL for import batches (migration 0010): what an import did to each row, set-based, and how to take it back.

A kind's *footprint* is every table its writer touches: the kind's own table and what the writer changes as a
consequence (a placement's follow-up plan, hours and its citizen's status). Around the write:
- `record_before` copies the rows in the footprint as they are (one INSERT … SELECT to_json(row) per table);
- `record_after` adds the rows the write created, a digest of every touched row as the write left it, and drops
  the rows the write left as they were (again one statement each, however many rows).
Undo (`restore`) deletes what was created and puts the copied rows back (one UPDATE … FROM per table), after
`conflicts` has found nothing changed since: a digest that differs, a row that is gone, or a record the batch
created that others now point at (found through the database's own foreign keys).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from oto_match.errors import RuleError
from oto_match.storage import citizens as citizen_sql
from oto_match.storage.rows import Cursor, execute, fetch_all, fetch_one


@dataclass(frozen=True)
class Footprint:
    """The rows of `table` whose `scope` column holds a value of the imported objects' attribute `source`."""

    table: str
    scope: str
    pk: tuple[str, ...]
    source: str


def _own(table: str, key: str) -> Footprint:
    return Footprint(table, key, (key,), key)


# kind -> its footprint; the first entry is the kind's own table (the records a batch counts and names).
FOOTPRINTS: dict[str, tuple[Footprint, ...]] = {
    "teams": (_own("teams", "team_id"),),
    "staff": (_own("staff", "staff_id"),),
    "employers": (_own("employers", "employer_id"),),
    "contacts": (_own("contact_persons", "contact_id"),),
    "citizens": (_own("citizens", "citizen_id"),),
    "jobs": (_own("job_openings", "job_id"),),
    "visits": (_own("visits", "visit_id"),),
    "placements": (
        _own("placements", "placement_id"),
        Footprint("followups", "placement_id", ("followup_id",), "placement_id"),
        Footprint("placement_hours", "placement_id", ("placement_id", "effective_date"), "placement_id"),
        Footprint("citizens", "citizen_id", ("citizen_id",), "citizen_id"),
    ),
    "followups": (_own("followups", "followup_id"),),
}
# The small table of ids that others point at (see migration 0001), of each table that has one.
KEY_TABLES = {
    "staff": "staff_keys", "employers": "employer_keys", "contact_persons": "contact_keys",
    "citizens": "citizen_keys", "job_openings": "job_keys", "placements": "placement_keys",
}  # fmt: skip
# How a row of each table is named to a person (never by its id), as SQL over the row `t`.
_DAY = "strftime({}, '%d-%m-%Y')"
LABELS = {
    "teams": "t.name", "staff": "t.name", "employers": "t.name", "contact_persons": "t.name", "citizens": "t.name",
    "job_openings": "t.title",
    "visits": "coalesce((SELECT e.name FROM employers e WHERE e.employer_id = t.employer_id), '') || ' ' || "
              + _DAY.format("t.visit_date"),
    "placements": "coalesce((SELECT c.name FROM citizens c WHERE c.citizen_id = t.citizen_id), '') || ' hos ' ||"
                  " coalesce((SELECT e.name FROM employers e WHERE e.employer_id = t.employer_id), '')",
    "followups": _DAY.format("t.due_date"),
    "placement_hours": _DAY.format("t.effective_date"),
}  # fmt: skip
# Tables that hold only what is worked out from another row (rewritten by undo, never a dependency).
DERIVED = frozenset({"citizen_availability"})
# The keys of the rows of one table a batch created (parameters: batch id, table).
_CREATED = "SELECT row_key FROM import_batch_rows WHERE batch_id = ? AND table_name = ? AND action = 'created'"


@dataclass(frozen=True)
class Batch:
    batch_id: str
    kind: str
    file_name: str
    created_by: str
    created_at: datetime
    created_count: int
    updated_count: int
    undone_at: datetime | None = None
    undone_by: str | None = None


@dataclass(frozen=True)
class Touched:
    """A row a batch created or changed: its table, key, how a person names it, and (changed rows) the values
    before and after, column by column."""

    table: str
    row_key: str
    label: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass(frozen=True)
class Conflict:
    """Why a row stands in the way of an undo: 'changed', 'gone', 'added', 'erased' (its kept values were blanked
    by an erasure), 'referenced' (with the referencing tables and how many rows of each) or 'decided' (a created
    citizen shown in a stored team decision: `about` names the decision's job)."""

    table: str
    row_key: str
    label: str
    reason: str
    references: tuple[tuple[str, int], ...] = ()
    about: str = ""


def _pk_sql(fp: Footprint, alias: str = "t") -> str:
    if len(fp.pk) == 1:
        return f"{alias}.{fp.pk[0]}::VARCHAR"
    return " || '|' || ".join(f"{alias}.{c}::VARCHAR" for c in fp.pk)


def next_batch_id(cur: Cursor) -> str:
    """IMP-0001, IMP-0002, … in the order imports were made."""
    found = execute(cur, "SELECT count(*) FROM import_batches").fetchall()[0][0]
    return f"IMP-{int(found) + 1:04d}"


def insert_batch(cur: Cursor, batch_id: str, kind: str, file_name: str, staff_id: str, at: datetime) -> None:
    execute(cur, "INSERT INTO import_batches (batch_id, kind, file_name, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?)", [batch_id, kind, file_name, staff_id, at])  # fmt: skip


def _with_scope(cur: Cursor, values: Sequence[str]) -> None:
    import pyarrow as pa

    cur.register("_batch_scope", pa.table({"v": pa.array(list(dict.fromkeys(values)), pa.string())}))


# How a created row is marked as the import left it: DuckDB's own hash of the whole row — about ten times cheaper
# than md5 of its JSON, which matters for 100,000 new citizens (bench_import). A changed DuckDB version or a new
# column changes the mark, which refuses an undo (the safe way round), never lets one through.
CREATED_MARK = "hash(t)::VARCHAR"


def record_before(cur: Cursor, batch_id: str, kind: str, scopes: Mapping[str, Sequence[str]]) -> None:
    """Copy every row in the kind's footprint (scope values by source attribute) as it is now."""
    for fp in FOOTPRINTS[kind]:
        _with_scope(cur, scopes[fp.source])
        try:
            execute(cur, f"INSERT INTO import_batch_rows (batch_id, table_name, row_key, action, before_json)"
                         f" SELECT ?, ?, {_pk_sql(fp)}, 'updated', to_json(t) FROM {fp.table} t"
                         f" WHERE t.{fp.scope} IN (SELECT v FROM _batch_scope)", [batch_id, fp.table])  # fmt: skip
        finally:
            cur.unregister("_batch_scope")


def record_after(cur: Cursor, batch_id: str, kind: str, scopes: Mapping[str, Sequence[str]]) -> tuple[int, int]:
    """After the write: add the rows it created, mark every touched row as the write left it, forget the rows it
    left unchanged, and store the counts of the kind's own table. Returns (created, changed) of that table."""
    for fp in FOOTPRINTS[kind]:
        _with_scope(cur, scopes[fp.source])
        try:
            execute(cur, f"INSERT INTO import_batch_rows (batch_id, table_name, row_key, action, after_mark)"
                         f" SELECT ?, ?, {_pk_sql(fp)}, 'created', {CREATED_MARK} FROM {fp.table} t"
                         f" WHERE t.{fp.scope} IN (SELECT v FROM _batch_scope) AND NOT EXISTS (SELECT 1"
                         " FROM import_batch_rows b WHERE b.batch_id = ? AND b.table_name = ?"
                         f" AND b.row_key = {_pk_sql(fp)})",
                    [batch_id, fp.table, batch_id, fp.table])  # fmt: skip
        finally:
            cur.unregister("_batch_scope")
        execute(cur, f"UPDATE import_batch_rows b SET after_mark = md5(to_json(t)) FROM {fp.table} t"
                     " WHERE b.batch_id = ? AND b.table_name = ? AND b.action = 'updated'"
                     f" AND b.row_key = {_pk_sql(fp)}", [batch_id, fp.table])  # fmt: skip
    execute(cur, "DELETE FROM import_batch_rows WHERE batch_id = ? AND action = 'updated'"
                 " AND after_mark IS NOT DISTINCT FROM md5(before_json)", [batch_id])  # fmt: skip
    main = FOOTPRINTS[kind][0].table
    created, changed = execute(cur, "SELECT count(*) FILTER (action = 'created'), count(*) FILTER (action = 'updated')"
                                    " FROM import_batch_rows WHERE batch_id = ? AND table_name = ?",
                               [batch_id, main]).fetchall()[0]  # fmt: skip
    execute(cur, "UPDATE import_batches SET created_count = ?, updated_count = ? WHERE batch_id = ?",
            [created, changed, batch_id])  # fmt: skip
    return int(created), int(changed)


def touched(cur: Cursor, batch_id: str, kind: str, action: str, limit: int) -> list[Touched]:
    """The first `limit` rows of the kind's own table the batch created or changed (by key), named, and for
    changed rows the values before and now."""
    fp = FOOTPRINTS[kind][0]
    rows = execute(cur, f"SELECT b.row_key, {LABELS[fp.table]}, b.before_json, to_json(t) FROM import_batch_rows b"
                        f" JOIN {fp.table} t ON b.row_key = {_pk_sql(fp)}"
                        " WHERE b.batch_id = ? AND b.table_name = ? AND b.action = ? ORDER BY b.row_key LIMIT ?",
                   [batch_id, fp.table, action, limit]).fetchall()  # fmt: skip
    return [Touched(fp.table, key, label or "", json.loads(before) if before else None, json.loads(after))
            for key, label, before, after in rows]  # fmt: skip


def get_batch(cur: Cursor, batch_id: str) -> Batch | None:
    return fetch_one(cur, Batch, "SELECT * FROM import_batches WHERE batch_id = ?", [batch_id])


def list_batches(cur: Cursor, limit: int) -> list[Batch]:
    return fetch_all(cur, Batch, "SELECT * FROM import_batches ORDER BY created_at DESC, batch_id DESC LIMIT ?",
                     [limit])  # fmt: skip


def names_of(cur: Cursor, ids: Sequence[str]) -> dict[str, str]:
    """The name of each id among `ids` that is a staff member, a team, an employer, a contact person, a citizen or
    (its title) a job opening: how a change that points at one is shown."""
    wanted = list(dict.fromkeys(i for i in ids if i))
    if not wanted:
        return {}
    parts = [f"SELECT {key}, {name} FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))"
             for table, key, name in _NAMED]  # fmt: skip
    rows = execute(cur, " UNION ALL ".join(parts), [wanted] * len(parts)).fetchall()
    return {str(k): str(n) for k, n in rows}


_NAMED = (("staff", "staff_id", "name"), ("teams", "team_id", "name"), ("employers", "employer_id", "name"),
          ("contact_persons", "contact_id", "name"), ("citizens", "citizen_id", "name"),
          ("job_openings", "job_id", "title"))  # fmt: skip


def citizens_of(cur: Cursor, batch_id: str) -> list[str]:
    """The citizens whose rows the batch created or changed (their own log gets a row when it is undone)."""
    rows = execute(cur, "SELECT DISTINCT row_key FROM import_batch_rows WHERE batch_id = ? AND table_name = 'citizens'"
                        " UNION SELECT DISTINCT p.citizen_id FROM placements p JOIN import_batch_rows b"
                        " ON b.row_key = p.placement_id WHERE b.batch_id = ? AND b.table_name = 'placements'"
                        " ORDER BY 1", [batch_id, batch_id]).fetchall()  # fmt: skip
    return [str(r[0]) for r in rows]


def conflicts(cur: Cursor, batch_id: str, kind: str, limit: int = 50) -> list[Conflict]:
    """What stands in the way of undoing the batch: rows changed or gone since, rows added since to a record it
    created, and records it created that others now point at."""
    found: list[Conflict] = []
    for fp in FOOTPRINTS[kind]:
        found += _changed_or_gone(cur, batch_id, fp, limit)
        if fp.scope not in fp.pk:  # e.g. a follow-up added since to a placement the batch created
            found += _added_since(cur, batch_id, kind, fp, limit)
    return found + _referenced(cur, batch_id, kind) + _in_decisions(cur, batch_id, kind, limit)


# A kept row whose values an erasure blanked (storage/erasure.forget_import_rows): nothing left to put back.
ERASED_BEFORE = "'{}'"


def _changed_or_gone(cur: Cursor, batch_id: str, fp: Footprint, limit: int) -> list[Conflict]:
    gone = f"t.{fp.pk[0]} IS NULL"
    erased = f"b.action = 'updated' AND b.before_json = {ERASED_BEFORE}"
    reason = f"CASE WHEN {erased} THEN 'erased' WHEN {gone} THEN 'gone' ELSE 'changed' END"
    rows = execute(cur, f"SELECT b.row_key, {LABELS.get(fp.table, 'NULL')}, {reason}, b.before_json"
                        f" FROM import_batch_rows b LEFT JOIN {fp.table} t ON b.row_key = {_pk_sql(fp)}"
                        f" WHERE b.batch_id = ? AND b.table_name = ?"
                        f" AND ({erased} OR {gone} OR CASE WHEN b.action = 'created' THEN {CREATED_MARK}"
                        " ELSE md5(to_json(t)) END IS DISTINCT FROM b.after_mark)"
                        " ORDER BY b.row_key LIMIT ?", [batch_id, fp.table, limit]).fetchall()  # fmt: skip
    return [Conflict(fp.table, key, label or _label_of_json(before), str(why))
            for key, label, why, before in rows]  # fmt: skip


def _in_decisions(cur: Cursor, batch_id: str, kind: str, limit: int) -> list[Conflict]:
    """The citizens the batch created that a stored team decision's ranking shows (match_decisions.ranking_json
    holds their cards, with no foreign key): removing them would leave their data where erasure cannot reach."""
    if FOOTPRINTS[kind][0].table != "citizens":
        return []
    shown = "list_contains(json_extract_string(d.ranking_json, '$.candidates[*].citizen_id'), c.citizen_id)"
    rows = execute(cur, "SELECT c.citizen_id, c.name, coalesce(j.title, '') FROM citizens c"
                        " JOIN match_decisions d ON " + shown + " LEFT JOIN job_openings j ON j.job_id = d.job_id"
                        f" WHERE c.citizen_id IN ({_CREATED}) ORDER BY c.citizen_id, d.decided_at LIMIT ?",
                   [batch_id, "citizens", limit]).fetchall()  # fmt: skip
    return [Conflict("citizens", str(key), str(name), "decided", about=str(job)) for key, name, job in rows]


def created_keys(cur: Cursor, batch_id: str, table: str) -> list[str]:
    """The keys of the rows of `table` the batch created."""
    return [str(r[0]) for r in execute(cur, _CREATED + " ORDER BY row_key", [batch_id, table]).fetchall()]


def _label_of_json(before_json: str | None) -> str:
    values = json.loads(before_json) if before_json else {}
    return str(values.get("name") or values.get("title") or "")


def _added_since(cur: Cursor, batch_id: str, kind: str, fp: Footprint, limit: int) -> list[Conflict]:
    main = FOOTPRINTS[kind][0]
    rows = execute(cur, f"SELECT {_pk_sql(fp)}, {LABELS.get(fp.table, 'NULL')} FROM {fp.table} t"
                        f" WHERE t.{fp.scope} IN (SELECT row_key FROM import_batch_rows WHERE batch_id = ?"
                        "   AND table_name = ? AND action = 'created')"
                        f" AND {_pk_sql(fp)} NOT IN (SELECT row_key FROM import_batch_rows WHERE batch_id = ?"
                        "   AND table_name = ?) LIMIT ?",
                   [batch_id, main.table, batch_id, fp.table, limit]).fetchall()  # fmt: skip
    return [Conflict(fp.table, key, label or "", "added") for key, label in rows]


def _foreign_keys(cur: Cursor, referenced: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key pointing at `referenced`."""
    rows = execute(cur, "SELECT table_name, constraint_column_names[1] FROM duckdb_constraints()"
                        " WHERE constraint_type = 'FOREIGN KEY' AND referenced_table = ? ORDER BY ALL",
                   [referenced]).fetchall()  # fmt: skip
    return [(str(t), str(c)) for t, c in rows]


def _referenced(cur: Cursor, batch_id: str, kind: str) -> list[Conflict]:
    """The records the batch created that rows outside the batch's footprint now point at."""
    main = FOOTPRINTS[kind][0]
    own = {(fp.table, fp.scope) for fp in FOOTPRINTS[kind]}
    counts: dict[str, list[tuple[str, int]]] = {}
    for table, column in _foreign_keys(cur, KEY_TABLES.get(main.table, main.table)):
        if (table, column) in own or table in DERIVED:
            continue
        found = execute(cur, f"SELECT {column}, count(*) FROM {table} WHERE {column} IN ({_CREATED})"
                             f" GROUP BY {column} ORDER BY {column}", [batch_id, main.table]).fetchall()  # fmt: skip
        for key, n in found:
            counts.setdefault(str(key), []).append((table, int(n)))
    if not counts:
        return []
    sql = f"SELECT {_pk_sql(main)}, {LABELS[main.table]} FROM {main.table} t WHERE {_pk_sql(main)} IN ({_CREATED})"
    named = execute(cur, sql, [batch_id, main.table]).fetchall()
    labels = dict(named)
    return [Conflict(main.table, key, str(labels.get(key) or ""), "referenced", tuple(refs))
            for key, refs in sorted(counts.items())]  # fmt: skip


def _struct_type(cur: Cursor, table: str) -> str:
    """The table's columns as a from_json structure ({"col": "TYPE", …}), as a SQL string literal."""
    columns = execute(cur, "SELECT column_name, data_type FROM information_schema.columns"
                           " WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                      [table]).fetchall()  # fmt: skip
    return "'" + json.dumps({str(n): str(t) for n, t in columns}).replace("'", "''") + "'"


def restore(cur: Cursor, batch_id: str, kind: str) -> dict[str, tuple[int, int]]:
    """Undo the batch: every row it created is deleted (dependants first; the id in the keys table afterwards, by
    `forget_keys`), every row it changed gets its values back, column by column. Returns (removed, restored) per
    table."""
    done: dict[str, tuple[int, int]] = {}
    footprints = FOOTPRINTS[kind]
    for fp in reversed(footprints):  # the consequences (follow-ups, hours) before the records they belong to
        done[fp.table] = (_delete_created(cur, batch_id, fp), _put_back(cur, batch_id, fp))
    main = footprints[0]
    created = f"SELECT row_key FROM import_batch_rows WHERE batch_id = ? AND table_name = '{main.table}'" \
              " AND action = 'created'"  # fmt: skip
    if main.table == "citizens":
        execute(cur, f"DELETE FROM citizen_availability WHERE citizen_id IN ({created})", [batch_id])
    if main.table == "employers":  # the kept duplicate scan must not name an employer that is gone
        execute(cur, f"DELETE FROM duplicate_pairs WHERE a_id IN ({created}) OR b_id IN ({created})",
                [batch_id, batch_id])  # fmt: skip
    if any(fp.table == "citizens" for fp in footprints):
        restored = execute(cur, "SELECT citizen_id, availability FROM citizens WHERE citizen_id IN (SELECT row_key"
                                " FROM import_batch_rows WHERE batch_id = ? AND table_name = 'citizens'"
                                " AND action = 'updated')", [batch_id]).fetchall()  # fmt: skip
        citizen_sql.write_availability(cur, [(str(c), a) for c, a in restored])
    return done


def forget_keys(cur: Cursor, batch_id: str, kind: str) -> None:
    """After an undo has committed: the ids of the records it removed leave the keys table too (DuckDB checks a
    foreign key against rows deleted earlier in the same transaction, so this cannot be part of the undo's own).
    An id used again since, or still pointed at, stays."""
    main = FOOTPRINTS[kind][0]
    if main.table not in KEY_TABLES:
        return
    key = main.pk[0]
    execute(cur, f"DELETE FROM {KEY_TABLES[main.table]} k WHERE {key} IN ({_CREATED})"
                 f" AND NOT EXISTS (SELECT 1 FROM {main.table} t WHERE t.{key} = k.{key})",
            [batch_id, main.table])  # fmt: skip


def _delete_created(cur: Cursor, batch_id: str, fp: Footprint) -> int:
    rows = execute(cur, f"DELETE FROM {fp.table} t WHERE {_pk_sql(fp)} IN (SELECT row_key FROM import_batch_rows"
                        " WHERE batch_id = ? AND table_name = ? AND action = 'created') RETURNING 1",
                   [batch_id, fp.table]).fetchall()  # fmt: skip
    return len(rows)


def _put_back(cur: Cursor, batch_id: str, fp: Footprint) -> int:
    columns = [str(r[0]) for r in execute(cur, "SELECT column_name FROM information_schema.columns"
                                               " WHERE table_schema = 'main' AND table_name = ?"
                                               " ORDER BY ordinal_position", [fp.table]).fetchall()]  # fmt: skip
    assignments = ", ".join(f"{c} = r.{c}" for c in columns if c not in fp.pk)
    match = " AND ".join(f"t.{c} = r.{c}" for c in fp.pk)
    rows = execute(cur, f"UPDATE {fp.table} t SET {assignments} FROM (SELECT unnest(from_json(before_json,"
                        f" {_struct_type(cur, fp.table)})) FROM import_batch_rows WHERE batch_id = ?"
                        f" AND table_name = ? AND action = 'updated') r WHERE {match} RETURNING 1",
                   [batch_id, fp.table]).fetchall()  # fmt: skip
    kept = execute(cur, "SELECT count(*) FROM import_batch_rows WHERE batch_id = ? AND table_name = ?"
                        " AND action = 'updated'", [batch_id, fp.table]).fetchall()[0][0]  # fmt: skip
    if len(rows) != int(kept):  # e.g. a kept row an erasure blanked: the caller's transaction is rolled back
        raise RuleError(f"Indlæsningen {batch_id} kan ikke fortrydes: {int(kept) - len(rows)} af de ændrede rækker"
                        " kunne ikke gendannes. Intet er ændret.")  # fmt: skip
    return len(rows)


def mark_undone(cur: Cursor, batch_id: str, staff_id: str, at: datetime) -> None:
    execute(cur, "UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE batch_id = ?", [at, staff_id, batch_id])
