"""The audit log: append-only by construction, a hash chain that names the first deleted or altered row, searched
by leaders only, and a citizen's "who has looked at me, and why" in Danish."""

from __future__ import annotations

import ast
import re
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from oto_match.access import Role, User
from oto_match.domain import Citizen, Staff
from oto_match.errors import PermissionDeniedError
from oto_match.services.audit_log import audit_entries, citizen_report, verify_log, verify_message
from oto_match.storage import audit
from oto_match.storage import citizens as citizens_sql
from oto_match.storage.db import Database

STORAGE = Path(__file__).resolve().parent.parent / "oto_match" / "storage"
NOW = datetime(2026, 11, 24, 10, 0)
SYSTEM = Staff("cli:root", "kommandolinje (root)", "", "system")
LEADER = User("S1", "Anne Virksomhed", "gellerup", "team_leader", is_leader=True, role=Role.LEADER, username="anne")
TEAM_MEMBER = User("S2", "Bo Job", "gellerup", "job_consultant", role=Role.TEAM, username="bo")
FORBIDDEN = re.compile(r"\b(UPDATE|DELETE|TRUNCATE|DROP|ALTER|REPLACE|MERGE|COPY)\b", re.IGNORECASE)


def _strings(tree: ast.AST) -> list[str]:
    """Every string in the module except docstrings; an f-string's holes become {}."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))  # type: ignore[misc]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | parts:
            found.append(node.value)
    return found


# THE one exception to "append-only": a GDPR erasure blanks the values of the rows about a citizen (storage/
# erasure.py, function blank_audit_rows, nowhere else). It may only set `detail` to '' or take the citizen's ids out
# of `citizen_ids`, and must set `erased_at` (so verify_chain knows the values were blanked on purpose); the digest,
# the chain hashes, who, when, what and the row itself stay. Each statement must be one of these, in full.
ERASURE_FILE, ERASURE_FUNCTION = "erasure.py", "blank_audit_rows"
ERASURE_BLANKING = (
    re.compile(r"UPDATE audit_log SET detail = '', erased_at = \? WHERE [^;]+"),
    re.compile(r"UPDATE audit_log SET citizen_ids = list_filter\(citizen_ids, lambda x: NOT list_contains\("
               r"\?::VARCHAR\[\], x\)\), erased_at = \? WHERE [^;]+"),
)  # fmt: skip
AUDIT_COLUMNS_KEPT = re.compile(r"\b(values_digest|prev_hash|chain_hash|staff_id|happened_at|action|audit_id)\s*=")


def _touching(path: Path) -> list[tuple[str, str]]:
    """(function name or '', string) for every string in the module naming audit_log (docstrings left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    owner = {id(node): fn.name for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef) for node in ast.walk(fn)}
    names = set(_strings(tree))
    return [(owner.get(id(node), ""), text) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(text := node.value, str) and text in names
            and "audit_log" in text.lower()]  # fmt: skip


def test_no_statement_under_storage_updates_or_deletes_the_audit_log() -> None:
    touching: dict[str, list[str]] = {}
    for path in sorted(STORAGE.rglob("*.py")):
        for text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if "audit_log" in text.lower():
                touching.setdefault(path.name, []).append(text)
    assert set(touching) <= {"audit.py", ERASURE_FILE}, "only storage/audit.py (and the erasure) may name audit_log"
    for text in touching["audit.py"]:
        assert not FORBIDDEN.search(text), text
        assert re.match(r"\s*(SELECT|INSERT INTO audit_log|WITH)\b", text), text


def test_the_one_exception_is_the_erasures_blanking_and_it_only_blanks_values_and_marks_erased_at() -> None:
    found = _touching(STORAGE / ERASURE_FILE)
    assert found, "storage/erasure.py no longer blanks the audit rows: remove the exception"
    for function, text in found:
        statement = " ".join(text.split())
        assert function == ERASURE_FUNCTION, f"only {ERASURE_FUNCTION} may name audit_log: {statement}"
        assert any(shape.fullmatch(statement) for shape in ERASURE_BLANKING), statement
        where = statement.split(" WHERE ", 1)[1]
        assert not re.search(r"\b(DELETE|INSERT|TRUNCATE|DROP|ALTER|SET)\b", where, re.IGNORECASE), statement
        assert not AUDIT_COLUMNS_KEPT.search(statement.split(" WHERE ", 1)[0]), statement


def _log_a_bit(db: Database) -> None:
    with db.transaction() as cur:
        audit.log(cur, "S1", "view", "citizen", "C1")
        audit.log_many(cur, "S1", "view", "citizen", ["C2", "C3"])
        audit.log_each(cur, "S2", "update", "citizen", [("C2", "Navn"), ("C3", "Status")])
        audit.log_ranking(cur, "S2", "J1", ["C1", "C3"], "rangering til job J1")


def _ids(db: Database) -> list[int]:
    return [r[0] for r in db.cursor().execute("SELECT audit_id FROM audit_log ORDER BY audit_id").fetchall()]


def test_every_way_of_writing_keeps_the_chain_whole(db: Database) -> None:
    _log_a_bit(db)
    check = verify_log(db, SYSTEM)
    assert check.broken_at is None and check.rows == 6 and len(check.last_hash) == 64
    assert verify_message(check) == "Loggen er hel (6 rækker)."


def test_a_deleted_row_breaks_the_chain_at_the_next_row(db: Database) -> None:
    _log_a_bit(db)
    ids = _ids(db)
    db.cursor().execute("DELETE FROM audit_log WHERE audit_id = ?", [ids[2]])
    check = verify_log(db, SYSTEM)
    assert check.broken_at == ids[3]
    assert verify_message(check) == (
        f"Loggen er brudt ved række {ids[3]}: rækken hænger ikke sammen med række {ids[1]}: "
        f"en række imellem er slettet, eller række {ids[1]} er ændret."
    )


def test_an_altered_row_is_named(db: Database) -> None:
    _log_a_bit(db)
    ids = _ids(db)
    db.cursor().execute("UPDATE audit_log SET staff_id = 'S9' WHERE audit_id = ?", [ids[4]])
    assert (verify_log(db, SYSTEM).broken_at, verify_log(db, SYSTEM).problem) == (ids[4], "rækkens indhold er ændret")


def test_deleting_the_first_row_or_forging_a_chain_hash_is_found(db: Database) -> None:
    _log_a_bit(db)
    ids = _ids(db)
    db.cursor().execute("UPDATE audit_log SET chain_hash = repeat('0', 64) WHERE audit_id = ?", [ids[5]])
    assert verify_log(db, SYSTEM).problem == "rækkens kædehash er ændret"
    db.cursor().execute("DELETE FROM audit_log WHERE audit_id = ?", [ids[0]])
    check = verify_log(db, SYSTEM)
    assert check.broken_at == ids[1] and "loggens start" in check.problem


def test_an_erased_rows_values_may_be_blanked_and_the_chain_still_verifies(db: Database) -> None:
    _log_a_bit(db)
    ids = _ids(db)
    db.cursor().execute("UPDATE audit_log SET detail = '', erased_at = now() WHERE audit_id = ?", [ids[3]])
    assert verify_log(db, SYSTEM).broken_at is None


def test_rows_from_before_the_chain_are_covered_by_where_it_starts(db: Database) -> None:
    cur = db.cursor()
    for n in range(3):  # as rows written before migration 0007 look: no hashes
        sql = (
            "INSERT INTO audit_log (happened_at, staff_id, action, entity, entity_id) VALUES (?, 'S1', 'view', 'c', ?)"
        )
        cur.execute(sql, [NOW, f"C{n}"])
    _log_a_bit(db)
    assert verify_log(db, SYSTEM).broken_at is None
    cur.execute("UPDATE audit_log SET entity_id = 'C9' WHERE entity_id = 'C1' AND chain_hash IS NULL")
    assert verify_log(db, SYSTEM).problem == "de ældre rækker fra før kæden (migration 0007) er ændret eller slettet"


def test_two_transactions_appending_at_once_cannot_fork_the_chain(db: Database) -> None:
    """Units of work are taken in turn (Database.transaction), so both appends land, one after the other."""
    _log_a_bit(db)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def append(staff_id: str, citizen_id: str) -> None:
        start.wait()
        try:
            with db.transaction() as cur:
                audit.log(cur, staff_id, "view", "citizen", citizen_id)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=append, args=args) for args in (("S1", "C1"), ("S2", "C2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    check = verify_log(db, SYSTEM)
    assert check.broken_at is None and check.rows == 8  # both appended


def _citizen(db: Database) -> None:
    with db.transaction() as cur:
        citizens_sql.save_citizen(cur, Citizen("C1", "Fatima Ali", team_id="gellerup"))


def test_a_leader_searches_by_citizen_user_and_period_and_the_search_is_logged(db: Database) -> None:
    _citizen(db)
    with db.transaction() as cur:
        audit.log(cur, "S2", "view", "citizen", "C1", "profil", at=NOW - timedelta(days=10))
        audit.log(cur, "S3", "update", "citizen", "C1", "Navn", at=NOW - timedelta(days=1))
        audit.log_ranking(cur, "S3", "J1", ["C1", "C2"], "rangering til job J1")
        audit.log(cur, "S3", "view", "citizen", "C2", at=NOW)
    about_c1 = audit_entries(db, LEADER, citizen_id="C1")
    assert [(r.action, r.entity) for r in about_c1] == [("view", "ranking"), ("update", "citizen"), ("view", "citizen")]
    assert about_c1[1].staff_name == "Lis Viby"
    by_s3 = audit_entries(db, LEADER, user="S3", since=date(2026, 11, 20), until=NOW.date())
    assert [r.entity_id for r in by_s3] == ["C2", "C1"]  # the ranking was written today, after NOW
    last = db.cursor().execute("SELECT staff_id, action, entity FROM audit_log ORDER BY audit_id DESC LIMIT 1")
    assert last.fetchall() == [("S1", "audit_search", "audit_log")]
    with pytest.raises(PermissionDeniedError, match="Kun en leder"):
        audit_entries(db, TEAM_MEMBER, citizen_id="C1")


def test_a_citizen_is_told_who_has_looked_at_them_and_why_in_danish(db: Database) -> None:
    _citizen(db)
    with db.transaction() as cur:
        audit.log(cur, "S2", "view", "citizen", "C1", "job der passer", at=NOW - timedelta(days=2))
        audit.log_ranking(cur, "S3", "J1", ["C1"], "rangering til job J1")
        audit.log(cur, "S1", "grant", "citizen", "C1", "midlertidig adgang til Lis Viby: dækker for Bo i ferien")
    report = citizen_report(db, LEADER, "C1", now=NOW)
    assert report.lines[:2] == ["Hvem har set eller ændret dine oplysninger i OTO Match",
                                "Borger: Fatima Ali (C1), team Gellerup"]  # fmt: skip
    assert (
        report.lines[4]
        == "22-11-2026 kl. 10:00  Bo Job (jobkonsulent, team Gellerup) så dine oplysninger — job der passer"
    )
    text = report.text()
    assert (
        "Lis Viby (virksomhedskonsulent, team Viby) så dig på en liste over borgere, der kunne passe til et job" in text
    )
    assert "gav en medarbejder fra et andet team midlertidig adgang til dine oplysninger — " in text
    assert "dækker for Bo i ferien" in text and "mindst seks måneder" in text
    with pytest.raises(PermissionDeniedError):
        citizen_report(db, TEAM_MEMBER, "C1")
