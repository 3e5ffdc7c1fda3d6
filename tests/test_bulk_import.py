"""A citizens.csv import validates every row first, then writes each table in one statement, through the same door
as a form: the rules are the same whether one row or a file is checked."""

from __future__ import annotations

from collections import Counter

from oto_match import validation as v
from oto_match.domain import Staff
from oto_match.errors import ValidationError
from oto_match.importexport import import_text
from oto_match.records import CITIZEN_COLUMNS
from oto_match.services import citizen_change
from oto_match.storage.db import Database

HEADER = ",".join(CITIZEN_COLUMNS)
GOOD = [
    "C1,Fatima Ali,1980,female,Somalia,8220,12,man-fre 08:30-14:00,heavy_lifting,walk,40,500,2,no,yes,køkken,,",
    "C2,Jamal Nasser,,,,8210,,man 08:00-12:00,,,,,,,,,,",
    "C3,Bo Hansen,,,,8220,20,man-fre 08:30-14:00,,,,,,,,,,",
]
BAD = "C4,Ny Borger,19x0,,,8220,99,mandag 08:00-12:00,,,,,,,,,,"


def _counts(db: Database) -> tuple[int, int, int]:
    """Citizens, availability stretches and citizen audit rows stored."""
    cur = db.cursor()
    sql = (
        "SELECT (SELECT count(*) FROM citizens), (SELECT count(*) FROM citizen_availability),"
        " (SELECT count(*) FROM audit_log WHERE entity = 'citizen')"
    )
    return tuple(cur.execute(sql).fetchall()[0])  # type: ignore[return-value]


def test_a_file_with_one_invalid_row_writes_no_citizen_no_availability_and_no_audit_row(
    db: Database, actor: Staff
) -> None:
    text = "\n".join([HEADER, GOOD[0], GOOD[1], BAD, GOOD[2]]) + "\n"
    report = import_text(db, actor, "citizens", text)
    assert report.problems == [
        "linje 4, kolonne birth_year (Fødselsår): '19x0' er ikke et heltal",
        "linje 4, kolonne max_hours_week (Maks. timer/uge): 99 skal ligge mellem 0 og 60",
        "linje 4, kolonne availability (Tilgængelig): ukendt dag 'mandag' (brug man tir ons tor fre lør søn)",
    ]
    assert report.inserted == 0 and _counts(db) == (0, 0, 0)


def test_a_valid_file_writes_every_citizen_its_availability_and_one_audit_row_each(db: Database, actor: Staff) -> None:
    report = import_text(db, actor, "citizens", "\n".join([HEADER, *GOOD]) + "\n")
    assert (report.inserted, report.problems) == (3, [])
    assert _counts(db) == (3, 5 + 1 + 5, 3)


def test_reimporting_by_id_updates_the_citizen_and_its_availability_instead_of_duplicating(
    db: Database, actor: Staff
) -> None:
    import_text(db, actor, "citizens", "\n".join([HEADER, *GOOD]) + "\n")
    changed = GOOD[1].replace("man 08:00-12:00", "tir-ons 10:00-12:00")
    report = import_text(db, actor, "citizens", "\n".join([HEADER, GOOD[0], changed, GOOD[2]]) + "\n")
    assert (report.inserted, report.updated) == (0, 3)
    assert _counts(db) == (3, 5 + 2 + 5, 3 + 1)  # one 'update' row: only C2 changed
    days = db.cursor().execute("SELECT day FROM citizen_availability WHERE citizen_id = 'C2' ORDER BY day").fetchall()
    assert [d for (d,) in days] == [1, 2]


def test_a_row_alone_and_the_same_row_in_a_file_give_the_same_change_and_the_same_problems() -> None:
    rows = [GOOD[0], BAD, GOOD[2], "C5,\u200b,,,,0001,,,fly,,,,7,,,,,"]
    raws = [(n + 2, dict(zip(CITIZEN_COLUMNS, row.split(","), strict=True))) for n, row in enumerate(rows)]
    one_by_one, problems = [], []
    for line, raw in raws:
        try:
            one_by_one.append(citizen_change.change_from_row(raw, line))
        except ValidationError as e:
            problems += e.problems
    columns = {name: [raw[name] for _, raw in raws] for name in CITIZEN_COLUMNS}
    together = citizen_change.changes_from_columns(columns, [line for line, _ in raws])
    assert together == (one_by_one, problems)
    assert [c.citizen_id for c in one_by_one] == ["C1", "C3"]
    assert [p.line for p in problems] == [3, 3, 3, 5, 5, 5, 5]


def test_each_parser_runs_once_per_distinct_text_of_its_column() -> None:
    calls: Counter[str] = Counter()

    def postcode(text: str) -> str | None:
        calls[text] += 1
        return v.parse_postcode(text)

    parsed = v.parse_columns([v.FieldSpec("postcode", postcode)], {"postcode": ["8220", "8210", "8220", "0001"] * 500},
                             list(range(2, 2002)))  # fmt: skip
    assert calls == Counter({"8220": 1, "8210": 1, "0001": 1})
    assert parsed.values["postcode"][:3] == ["8220", "8210", "8220"]
    assert len(parsed.problems) == 500 and parsed.problems[0][1].line == 5
