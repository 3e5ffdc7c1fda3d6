"""The employer register at national scale: filtered, counted and paged in the database; long lists capped."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oto_match import demo
from oto_match.domain import Employer, Staff
from oto_match.errors import ValidationError
from oto_match.services import employers
from oto_match.services.employers import EmployerFilter
from oto_match.services.setup import load_demo
from oto_match.storage import employer_register as register_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database, open_database
from oto_match.ui.lists import and_others, thousands
from tests.conftest import TODAY


def test_the_databases_stage_cold_and_overdue_agree_with_the_rules_for_every_demo_employer(demo_db: Database) -> None:
    rows = employers.employer_rows(demo_db, TODAY)
    with demo_db.transaction() as cur:
        lines = register_sql.register_lines(cur, register_sql.RegisterWhere(), TODAY, 90, "name", 0, None)
    assert [x.stage for x in lines] == [r.stage for r in rows] and len({r.stage for r in rows}) == 6
    for flag in ("cold", "overdue"):
        f = EmployerFilter(cold_only=flag == "cold", overdue_only=flag == "overdue")
        in_sql = {r.employer.employer_id for r in employers.register(demo_db, f, TODAY, size=1000).rows}
        assert in_sql == {r.employer.employer_id for r in rows if getattr(r, flag)}, flag


def test_the_register_is_read_one_page_at_a_time_with_its_count(demo_db: Database) -> None:
    everyone = [r.employer.employer_id for r in employers.employer_rows(demo_db, TODAY)]
    page2 = employers.register(demo_db, EmployerFilter(), TODAY, page=2, size=25)
    assert (page2.matching, page2.page, page2.pages) == (len(everyone), 2, -(-len(everyone) // 25))
    assert [r.employer.employer_id for r in page2.rows] == everyone[25:50]
    partners = employers.register(demo_db, EmployerFilter(stages=("partner",)), TODAY, size=5)
    assert len(partners.rows) == 5 and all(r.stage == "partner" for r in partners.rows)
    assert partners.matching == sum(1 for r in employers.employer_rows(demo_db, TODAY) if r.stage == "partner")


def test_the_board_shows_the_first_cards_of_each_stage_with_the_stages_count(demo_db: Database) -> None:
    rows = employers.employer_rows(demo_db, TODAY)
    board = employers.pipeline(demo_db, TODAY, per_stage=3)
    assert [c.stage for c in board] == ["none", "cup1", "cup2", "cup3", "partner", "paused"]
    for column in board:
        assert column.count == sum(1 for r in rows if r.stage == column.stage)
        assert len(column.rows) == min(3, column.count)


def test_an_employers_siblings_are_capped_at_twenty_with_the_danish_count_of_the_rest(
    db: Database, actor: Staff
) -> None:
    with db.transaction() as cur:
        employer_sql.insert_employers(
            cur, [Employer(f"E{i:05d}", f"Netto {i:05d}", "8220", cvr="24256790", address=f"Vej {i}")
                  for i in range(1235)], employer_sql.MASTER_COLUMNS, "S1",
        )  # fmt: skip
    detail = employers.employer_detail(db, "E00000", TODAY)
    assert (len(detail.siblings), detail.siblings_total, detail.siblings_not_shown) == (20, 1234, 1214)
    assert [s.name for s in detail.siblings][:2] == ["Netto 00001", "Netto 00002"]
    assert and_others(detail.siblings_not_shown) == "og 1.214 andre"


@pytest.mark.parametrize(
    "n, count, others", [(0, "0", ""), (999, "999", "og 999 andre"), (1214, "1.214", "og 1.214 andre"),
                         (1_234_567, "1.234.567", "og 1.234.567 andre")],
)  # fmt: skip
def test_counts_are_written_with_the_danish_thousands_separator(n: int, count: str, others: str) -> None:
    assert (thousands(n), and_others(n)) == (count, others)


def test_demo_employers_and_visits_go_through_the_same_door_as_forms(tmp_path: object) -> None:
    data = demo.generate(citizens=60, employers=40, today=TODAY)
    db = open_database(f"{tmp_path}/demo.duckdb")
    load_demo(db, data)
    with db.transaction() as cur:
        audit = dict(cur.execute(
            "SELECT action, count(*) FROM audit_log WHERE staff_id = 'demo' AND entity = 'employer' GROUP BY ALL"
        ).fetchall())  # fmt: skip
        saved = {e.employer_id: e for e in employer_sql.list_employers(cur)}
    assert audit["create"] == 40 and audit["visit"] == len(data.visits)
    assert audit["pause"] == sum(1 for e in data.employers if e.paused) > 0
    assert all(saved[e.employer_id].version >= 1 for e in data.employers)  # versioned like a form save
    db.close()


@pytest.mark.parametrize("field", ["postcode", "name", "visit_date"])
def test_a_demo_employer_or_visit_a_form_would_refuse_is_refused(tmp_path: object, field: str) -> None:
    data = demo.generate(citizens=60, employers=40, today=TODAY)
    if field == "visit_date":
        data.visits[0] = replace(data.visits[0], visit_date=TODAY.replace(year=TODAY.year + 1))
    else:
        data.employers[0] = replace(data.employers[0], **{field: "12" if field == "postcode" else "Navn\u200b"})
    db = open_database(f"{tmp_path}/demo.duckdb")
    with pytest.raises(ValidationError):
        load_demo(db, data)
    with db.transaction() as cur:
        assert employer_sql.list_employers(cur) == []  # nothing written
    db.close()
