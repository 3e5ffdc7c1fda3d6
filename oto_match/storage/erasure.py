"""SQL for a citizen's right to erasure (services/erasure.py): blank what is personal, keep the placeholder.

Every function takes a list of citizen ids (one for `gdpr erase`, many for `retention`) and changes them in one
statement per table, inside the caller's transaction. What stays is what the statistics count: the citizen's
row (as "Slettet borger"), team and status, the placements' type, dates, hours and end reason, the follow-ups'
dates and outcomes, candidate entries and their steps.

The audit log: `blank_audit_rows` is the ONE place outside storage/audit.py that changes audit_log (named and
checked in tests/test_audit_chain.py). It only blanks a row's `detail`, takes the citizen's id out of a
ranking row's `citizen_ids`, and sets `erased_at`; the row's digest and chain hash stay, so `verify_chain` still
verifies (it does not compare an erased row's values with its digest). Rows from before the chain (migration
0007) are left as they are: their values are the chain's starting digest, and blanking them would break it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from oto_match.storage.rows import Cursor, execute, fetch_all, fetch_dicts

# The free texts of a placement that may describe the citizen (the dates, hours and end reason stay).
PLACEMENT_TEXTS = ("schedule", "employer_expects", "citizen_expects", "success_employer", "success_citizen",
                   "adaptations_note", "path_to_paid", "end_note")  # fmt: skip
_IDS = "list_contains(?::VARCHAR[], citizen_id)"
_PLACEMENTS_OF = f"placement_id IN (SELECT placement_id FROM placements WHERE {_IDS})"
# A stored decision whose ranking lists one of the citizens (the ids the snapshot's candidates hold).
_SHOWN = "list_has_any(json_extract_string(ranking_json, '$.candidates[*].citizen_id'), ?::VARCHAR[])"


@dataclass(frozen=True)
class CitizenState:
    """Whether a citizen can be erased: its name, team, when it was erased (None: not yet), followed placements."""

    citizen_id: str
    name: str
    team_id: str | None
    erased_at: datetime | None
    followed_placements: int


def citizen_state(cur: Cursor, citizen_id: str) -> CitizenState | None:
    sql = f"""SELECT citizen_id, name, team_id, erased_at,
                     (SELECT count(*) FROM placements p WHERE p.citizen_id = c.citizen_id
                      AND p.status = 'active' AND p.released_on IS NULL) AS followed_placements
              FROM citizens c WHERE {_IDS}"""
    found = fetch_all(cur, CitizenState, sql, [[citizen_id]])
    return found[0] if found else None


def erased_among(cur: Cursor, citizen_ids: Sequence[str]) -> set[str]:
    """Those of `citizen_ids` that have been erased (anonymous placeholders)."""
    sql = ("SELECT citizen_id FROM citizens WHERE erased_at IS NOT NULL"
           " AND citizen_id IN (SELECT unnest(?::VARCHAR[]))")  # a semi-join: fast for a file of 100,000
    rows = execute(cur, sql, [list(citizen_ids)]).fetchall()
    return {str(r[0]) for r in rows}


def counts(cur: Cursor, citizen_id: str) -> dict[str, int]:
    """How many rows of each kind hold something of the citizen (services/erasure.PARTS names them)."""
    one = [citizen_id]
    sql = f"""SELECT
        (SELECT count(*) FROM placements WHERE {_IDS}) AS placements,
        (SELECT count(*) FROM followups WHERE {_PLACEMENTS_OF}) AS followups,
        (SELECT count(*) FROM placement_hours WHERE {_PLACEMENTS_OF}) AS hours,
        (SELECT count(*) FROM candidates WHERE {_IDS}) AS candidates,
        (SELECT count(*) FROM candidate_events WHERE {_IDS}) AS events,
        (SELECT count(*) FROM candidate_notes WHERE {_IDS}) AS notes,
        (SELECT count(*) FROM match_decisions WHERE {_SHOWN}) AS decisions,
        (SELECT count(*) FROM temporary_access WHERE {_IDS}) AS grants"""
    (row,) = fetch_dicts(cur, sql, [one] * 8)
    return {name: int(value) for name, value in row.items()}


def blank_citizens(cur: Cursor, citizen_ids: Sequence[str], placeholder: str, at: datetime, actor_id: str | None
                   ) -> None:  # fmt: skip
    """The citizens become placeholders: every personal field emptied, status 'ended', `erased_at` set."""
    execute(cur, f"""UPDATE citizens SET name = ?, birth_year = NULL, gender = NULL, country_of_origin = NULL,
        postcode = NULL, max_hours_week = NULL, availability = '', spare_strains = [], transport_modes = [],
        spare_strain_mask = 0, transport_mode_mask = 0, max_commute_min = NULL, max_walk_m = NULL,
        danish_level = NULL, driving_license = NULL, fleksjob_visitated = NULL, wishes = '', experience = '',
        not_interested = '', own_words = '', consent_note = '', consent_date = NULL, status = 'ended',
        erased_at = ?, version = version + 1, changed_at = ?, changed_by = ? WHERE {_IDS}""",
            [placeholder, at, at, actor_id, list(citizen_ids)])  # fmt: skip
    execute(cur, f"DELETE FROM citizen_availability WHERE {_IDS}", [list(citizen_ids)])


def blank_placements(cur: Cursor, citizen_ids: Sequence[str], at: datetime, actor_id: str | None) -> None:
    """The placements' free texts and agreed strains, the follow-ups' notes and the hours' notes."""
    ids = list(citizen_ids)
    texts = ", ".join(f"{column} = ''" for column in PLACEMENT_TEXTS)
    execute(cur, f"""UPDATE placements SET {texts}, agreed_strains = [], version = version + 1, changed_at = ?,
                     changed_by = ? WHERE {_IDS}""", [at, actor_id, ids])  # fmt: skip
    execute(cur, f"""UPDATE followups SET notes = '', version = version + 1, changed_at = ?, changed_by = ?
                     WHERE {_PLACEMENTS_OF} AND notes <> ''""", [at, actor_id, ids])  # fmt: skip
    execute(cur, f"UPDATE placement_hours SET note = '' WHERE {_PLACEMENTS_OF} AND note <> ''", [ids])


def blank_candidates(cur: Cursor, citizen_ids: Sequence[str], erased_text: str, at: datetime,
                     actor_id: str | None) -> None:  # fmt: skip
    """Candidate entries keep their step; their reasons, the events' notes and the notes' texts are blanked (a
    text that may not be empty becomes `erased_text`)."""
    ids = list(citizen_ids)
    execute(cur, f"""UPDATE candidates SET reason = '', override_reason = CASE WHEN override_reason IS NULL
                     THEN NULL ELSE ? END, version = version + 1, changed_at = ?, changed_by = ? WHERE {_IDS}""",
            [erased_text, at, actor_id, ids])  # fmt: skip
    execute(cur, f"UPDATE candidate_events SET note = '' WHERE {_IDS} AND note <> ''", [ids])
    execute(cur, f"UPDATE candidate_notes SET text = ? WHERE {_IDS}", [erased_text, ids])
    execute(cur, f"UPDATE temporary_access SET reason = ? WHERE {_IDS}", [erased_text, ids])


def forget_import_rows(cur: Cursor, citizen_ids: Sequence[str]) -> None:
    """What an import batch kept of the citizens' rows as they were before it (import_batch_rows.before_json, for
    undo; migration 0010) becomes '{}': the citizen's row, placements, follow-ups and hours. Undoing such a batch
    is then refused anyway, as these rows have changed since (storage/import_batches.conflicts)."""
    placements = f"SELECT placement_id FROM placements WHERE {_IDS}"
    execute(cur, f"""UPDATE import_batch_rows SET before_json = '{{}}' WHERE before_json IS NOT NULL AND (
        (table_name = 'citizens' AND list_contains(?::VARCHAR[], row_key))
        OR (table_name = 'placements' AND row_key IN ({placements}))
        OR (table_name = 'followups' AND row_key IN (SELECT followup_id FROM followups WHERE {_PLACEMENTS_OF}))
        OR (table_name = 'placement_hours' AND split_part(row_key, '|', 1) IN ({placements})))""",
            [list(citizen_ids)] * 4)  # fmt: skip


@dataclass(frozen=True)
class StoredDecision:
    decision_id: str
    reason: str
    ranking_json: str


def decisions_showing(cur: Cursor, citizen_ids: Sequence[str]) -> list[StoredDecision]:
    """The stored decisions whose ranking showed one of the citizens."""
    sql = f"SELECT decision_id, reason, ranking_json FROM match_decisions WHERE {_SHOWN} ORDER BY decision_id"
    return fetch_all(cur, StoredDecision, sql, [list(citizen_ids)])


def rewrite_decision(cur: Cursor, old: StoredDecision, reason: str, ranking_json: str) -> None:
    """Store the decision's new snapshot and reason; the candidates proposed by it that carry its old reason get
    the new one (the reason is copied to each candidate entry)."""
    execute(cur, "UPDATE match_decisions SET reason = ?, ranking_json = ? WHERE decision_id = ?",
            [reason, ranking_json, old.decision_id])  # fmt: skip
    if reason != old.reason:
        execute(cur, "UPDATE candidates SET reason = ? WHERE decision_id = ? AND reason = ?",
                [reason, old.decision_id, old.reason])  # fmt: skip


def blank_audit_rows(cur: Cursor, citizen_ids: Sequence[str], at: datetime) -> int:
    """THE named exception to 'audit_log is append-only' (tests/test_audit_chain.py): the rows about the citizens
    get their detail blanked, the rankings that showed them lose their ids, and each such row gets `erased_at`.
    Only chained rows (see the module docstring). Returns how many rows were changed."""
    ids = list(citizen_ids)
    about = execute(cur, "UPDATE audit_log SET detail = '', erased_at = ? WHERE entity = 'citizen'"
                         " AND list_contains(?::VARCHAR[], entity_id) AND chain_hash IS NOT NULL",
                    [at, ids]).fetchall()  # fmt: skip
    shown = execute(cur, "UPDATE audit_log SET citizen_ids = list_filter(citizen_ids, lambda x:"
                         " NOT list_contains(?::VARCHAR[], x)), erased_at = ?"
                         " WHERE list_has_any(citizen_ids, ?::VARCHAR[]) AND chain_hash IS NOT NULL",
                    [ids, at, ids]).fetchall()  # fmt: skip
    return int(about[0][0]) + int(shown[0][0])


@dataclass(frozen=True)
class CaseFacts:
    """What the retention rule reads about one citizen: status, placements still followed, released
    placements, and the latest date anything happened on the case (None: no date recorded)."""

    citizen_id: str
    name: str
    team_id: str | None
    status: str
    placements: int
    followed: int
    released: int
    last_activity: date | None


def possibly_closed_cases(cur: Cursor) -> list[CaseFacts]:
    """The facts of every citizen not erased who is 'ended' or has a released placement (the only ones the
    retention rule can find closed), with the latest of: the citizen's last change, a placement's start, end,
    release or change, a follow-up's due date, done date or change, an hours change, a candidate entry's
    proposal or change, a candidate event and a candidate note."""
    sql = """
        WITH cases AS (
            SELECT citizen_id, name, team_id, status, changed_at::DATE AS changed FROM citizens c
            WHERE erased_at IS NULL AND (status = 'ended' OR EXISTS (SELECT 1 FROM placements p
                  WHERE p.citizen_id = c.citizen_id AND p.released_on IS NOT NULL))),
        p AS (SELECT citizen_id, count(*) AS placements,
                     count(*) FILTER (WHERE status = 'active' AND released_on IS NULL) AS followed,
                     count(*) FILTER (WHERE released_on IS NOT NULL) AS released,
                     max(greatest(start_date, end_date, released_on, changed_at::DATE)) AS last
              FROM placements WHERE citizen_id IN (SELECT citizen_id FROM cases) GROUP BY citizen_id),
        f AS (SELECT p.citizen_id, max(greatest(f.due_date, f.done_date, f.changed_at::DATE)) AS last
              FROM followups f JOIN placements p USING (placement_id)
              WHERE p.citizen_id IN (SELECT citizen_id FROM cases) GROUP BY p.citizen_id),
        h AS (SELECT p.citizen_id, max(h.effective_date) AS last FROM placement_hours h JOIN placements p
              USING (placement_id) WHERE p.citizen_id IN (SELECT citizen_id FROM cases) GROUP BY p.citizen_id),
        k AS (SELECT citizen_id, max(greatest(proposed_at, changed_at))::DATE AS last FROM candidates
              WHERE citizen_id IN (SELECT citizen_id FROM cases) GROUP BY citizen_id),
        e AS (SELECT citizen_id, max(happened_at)::DATE AS last FROM candidate_events
              WHERE citizen_id IN (SELECT citizen_id FROM cases) GROUP BY citizen_id),
        n AS (SELECT citizen_id, max(happened_at)::DATE AS last FROM candidate_notes
              WHERE citizen_id IN (SELECT citizen_id FROM cases) GROUP BY citizen_id)
        SELECT c.citizen_id, c.name, c.team_id, c.status, coalesce(p.placements, 0) AS placements,
               coalesce(p.followed, 0) AS followed, coalesce(p.released, 0) AS released,
               greatest(c.changed, p.last, f.last, h.last, k.last, e.last, n.last) AS last_activity
        FROM cases c LEFT JOIN p USING (citizen_id) LEFT JOIN f USING (citizen_id) LEFT JOIN h USING (citizen_id)
             LEFT JOIN k USING (citizen_id) LEFT JOIN e USING (citizen_id) LEFT JOIN n USING (citizen_id)
        ORDER BY last_activity, c.citizen_id"""
    return fetch_all(cur, CaseFacts, sql)
