"""Reading and building a big import cheaply must not change what it reads or builds (bench_import)."""

from __future__ import annotations

import csv
import gc
import io

import pytest

from oto_match.domain import Citizen, Staff
from oto_match.errors import ValidationError
from oto_match.importexport import from_spreadsheet_safe, import_text, read_rows
from oto_match.records import CITIZEN_COLUMNS
from oto_match.services.citizen_change import CitizenChange, to_citizens
from oto_match.storage.db import Database


@pytest.mark.parametrize(
    "text",
    [
        "a,b,c\n'=1,x,y\nz,'+2,\"'-3\"\n",
        "a,b,c\r\nO'Neil,'plain,\"''=1\"\r\n",
        'a,b,c\nx,"line\n\'=2",y\n',
        "a,b,c\nx,y,z\n",
    ],
)
def test_a_cell_loses_its_spreadsheet_apostrophe_wherever_it_stands_and_no_other_cell_changes(text: str) -> None:
    rows, problems = read_rows(text, ["a", "b", "c"])
    records = list(csv.reader(io.StringIO(text)))[1:]
    expected = {name: [from_spreadsheet_safe(r[k]) for r in records] for k, name in enumerate(["a", "b", "c"])}
    assert (rows.columns, problems) == (expected, [])


def test_the_cycle_collector_runs_again_after_an_import_whether_it_succeeds_or_fails(
    db: Database, actor: Staff
) -> None:
    assert gc.isenabled()
    text = ",".join(CITIZEN_COLUMNS) + "\n" + "C1,Fatima Ali" + "," * (len(CITIZEN_COLUMNS) - 2) + "\n"
    assert import_text(db, actor, "citizens", text).inserted == 1
    assert gc.isenabled()
    with pytest.raises(ValidationError):
        import_text(db, actor, "citizens", "citizen_id\nC2\n")
    assert gc.isenabled()


class _Text(str):
    """A text of another str type (a form may hand one over)."""


def test_texts_are_stored_without_surrounding_spaces_in_a_column_of_texts_and_empties() -> None:
    changes = [
        CitizenChange("C1", " Ann ", wishes=" køkken ", country_of_origin=" Somalia "),
        CitizenChange("C2", _Text(" Bo "), wishes=_Text(" lager "), country_of_origin=None),
        CitizenChange("C3", "Cy", postcode=None, country_of_origin=" "),
    ]
    citizens = to_citizens(changes, {})
    assert [(c.name, c.wishes, c.country_of_origin) for c in citizens] == [
        ("Ann", "køkken", "Somalia"), ("Bo", "lager", None), ("Cy", "", None),
    ]  # fmt: skip


def test_a_change_setting_some_fields_keeps_the_rest_as_stored_beside_one_setting_all() -> None:
    stored = {"C1": Citizen("C1", "Ann", postcode="8220", wishes="køkken", version=3)}
    changes = [
        CitizenChange("C1", "Ann B", wishes="lager", given=frozenset({"name", "wishes"})),
        CitizenChange("C2", "Bo", postcode="8000"),
    ]
    first, second = to_citizens(changes, stored)
    assert (first.name, first.postcode, first.wishes, first.version) == ("Ann B", "8220", "lager", 3)
    assert (second.postcode, second.version) == ("8000", 0)
