"""Hostile input (issue 13, item 5): random and malicious text either parses or gets a clear Danish error naming
the field (and line, for files) — never a traceback — and an import that fails writes nothing.

`make reliability` runs the same properties with many more examples (HOSTILE_EXAMPLES).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oto_match import validation as v
from oto_match.domain import Staff
from oto_match.errors import OtoMatchError, ValidationError
from oto_match.importexport import KINDS, import_text
from oto_match.storage.backup import row_counts
from oto_match.storage.db import Database
from oto_match.timewindows import TimeWindowError, normalise_windows

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "150"))
NASTY = st.sampled_from([
    "", " ", "\x00", "\u200b", "\u202e", "\ufeff", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@x",
    "'; DROP TABLE x;--",
    "25:00", "man 25:00-26:00", "søn 22:00-02:00", "man-fre 08:00-08:00", "9999-12-31", "1900-01-01", "-5", "1e309",
    "nan", "inf", "x" * 200_000, "\"", "\"\"\"", "a,b", "a;b;;c", "\r\n", "Ø" * 10, "null", "None", "12345678",
    "C000001",
])  # fmt: skip
TEXT = st.one_of(NASTY, st.text(max_size=40), st.text(alphabet=",;\"'\n\r\t=+-@:0123456789manfreøæå ", max_size=40))
PARSERS: dict[str, Callable[[str], Any]] = {
    "name": v.parse_name, "text": v.parse_text, "email": v.parse_email, "phone": v.parse_phone,
    "cvr": v.parse_cvr, "pnumber": v.parse_pnumber, "postcode": v.parse_postcode, "date": v.parse_optional_date,
    "hours": v.parse_optional_float(0, 60), "int": v.parse_optional_int(0, 300), "bool": v.parse_optional_bool,
    "windows": v.parse_windows_text, "id": v.parse_id, "gender": v.parse_gender,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_a_field_parser_accepts_or_refuses_in_danish_but_never_fails_otherwise(name: str) -> None:
    @given(TEXT)
    @settings(max_examples=EXAMPLES, deadline=None)
    def check(text: str) -> None:
        try:
            PARSERS[name](text)
        except ValueError as e:  # the parsers' one way of refusing; the message is the user's
            assert str(e).strip() and "Traceback" not in str(e)

    check()


@given(TEXT)
@settings(max_examples=EXAMPLES, deadline=None)
def test_time_windows_parse_or_refuse_and_what_parses_is_stable(text: str) -> None:
    try:
        canonical = normalise_windows(text)
    except TimeWindowError as e:
        assert str(e).strip()
        return
    assert normalise_windows(canonical) == canonical


@given(st.text(alphabet="0123456789 ", max_size=12))
@settings(max_examples=EXAMPLES, deadline=None)
def test_the_cvr_check_answers_for_any_digits(text: str) -> None:
    assert isinstance(v.cvr_is_valid(text), bool)


def _hostile_file(columns: list[str], cells: list[list[str]]) -> str:
    quoted = [",".join('"' + c.replace('"', '""') + '"' for c in row) for row in cells]
    return "\n".join([",".join(columns), *quoted]) + "\n"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_import_of_hostile_rows_reports_line_and_column_or_imports_and_never_half_writes(
    kind: str, db: Database, actor: Staff
) -> None:
    columns = KINDS[kind].columns

    @given(st.lists(st.lists(TEXT, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=4))
    @settings(max_examples=max(10, EXAMPLES // 5), deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
    def check(cells: list[list[str]]) -> None:
        with db.transaction() as cur:
            before = row_counts(cur)
        try:
            report = import_text(db, actor, kind, _hostile_file(columns, cells))
        except ValidationError as e:
            assert all(p.line is not None for p in e.problems), e.problems
            with db.transaction() as cur:
                assert row_counts(cur) == before  # nothing partial
            return
        except OtoMatchError as e:  # a whole-file refusal in Danish (e.g. a refused reference)
            assert e.message.strip()
            return
        if report.problems:
            assert all(p.startswith("linje ") for p in report.problems), report.problems[:3]
            with db.transaction() as cur:
                after = row_counts(cur)
            assert {t: n for t, n in after.items() if t != "audit_log"} == {
                t: n for t, n in before.items() if t != "audit_log"
            }

    check()


def test_a_field_over_the_csv_limit_is_refused_naming_the_line_and_nothing_is_written(
    db: Database, actor: Staff
) -> None:
    text = "employer_id,name,cvr,pnumber,address,postcode,industry,accommodations\n"
    text += "E1,Bageriet,,,,8220,,\n" + "E2," + "x" * 200_000 + ",,,,8220,,\n"
    with pytest.raises(ValidationError) as caught:
        import_text(db, actor, "employers", text)
    assert str(caught.value.problems[0]).startswith("linje 3, kolonne accommodations (Kan tilpasse): et felt er længere end 131.072")  # noqa: E501
    with db.transaction() as cur:
        assert row_counts(cur)["employers"] == 0
