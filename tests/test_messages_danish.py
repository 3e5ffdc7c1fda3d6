"""Messages in Danish words (issue 14, item 2): every field a problem can name has a Danish label, a problem reads
with that label, and people and teams are named as people say them, never by their stored code."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest

import oto_match
from oto_match import vocab
from oto_match.domain import Staff
from oto_match.errors import FieldProblem, ValidationError
from oto_match.services import accounts
from oto_match.services.accounts import NewUser
from oto_match.storage.db import Database
from oto_match.validation import FieldSpec

CORE = Path(oto_match.__file__).parent
# Calls whose first string (require: second) is the field a problem is tied to.
PROBLEM_CALLS = {"FieldProblem": 0, "single": 0, "require": 1, "_problem": 0, "_text": 0}
# Attributes of the inputs that are no field a person fills in (bookkeeping of the form or the file).
NOT_FIELDS = {"version", "given", "line", "file_columns", "availability_problem"}


def _fields_named_in_calls() -> dict[str, str]:
    """Field codes written as the field of a problem anywhere in the core (not the UI), with where."""
    found: dict[str, str] = {}
    for path in CORE.rglob("*.py"):
        if "ui" in path.relative_to(CORE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            at = PROBLEM_CALLS.get(str(name))
            if at is not None and len(node.args) > at:
                arg = node.args[at]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, f"{path.relative_to(CORE)}:{node.lineno}")
    return found


def _fields_of_specs_and_inputs() -> dict[str, str]:
    """The columns of every field spec and the fields of every input that validates itself (`problems`)."""
    found: dict[str, str] = {}
    for info in pkgutil.walk_packages(oto_match.__path__, "oto_match."):
        if info.name.startswith("oto_match.ui"):
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if isinstance(value, (list, tuple)) and value and all(isinstance(s, FieldSpec) for s in value):
                found.update({s.name: f"{info.name}.{attr}" for s in value if s.name not in found})
            is_input = isinstance(value, type) and dataclasses.is_dataclass(value) and hasattr(value, "problems")
            if is_input and value.__module__ == info.name:
                found.update({f.name: f"{info.name}.{attr}" for f in dataclasses.fields(value) if f.name not in found})
    return {code: where for code, where in found.items() if code not in NOT_FIELDS and not code.startswith("_")}


def test_every_field_a_problem_in_the_core_can_name_has_a_danish_label() -> None:
    named = {**_fields_of_specs_and_inputs(), **_fields_named_in_calls()}
    assert len(named) > 100  # the scan finds the forms' fields, not an empty set
    missing = {code: where for code, where in named.items() if code not in vocab.FIELD_LABELS}
    assert not missing, f"add these to vocab.FIELD_LABELS: {missing}"


def test_a_problem_on_a_form_reads_with_the_fields_danish_label_never_its_code() -> None:
    error = ValidationError([FieldProblem("employer_id", "mangler"), FieldProblem("override_reason", "skriv hvorfor")])
    assert str(error) == "Virksomhed: mangler; Begrundelse for at foreslå trods 'udelukket': skriv hvorfor"
    assert "employer_id" not in error.message and "override_reason" not in error.message


@pytest.mark.parametrize("code", sorted(vocab.FIELD_LABELS))
def test_no_danish_label_is_itself_a_code(code: str) -> None:
    label = vocab.field_label(code)
    assert "_" not in label and label != code


def test_an_account_refused_for_the_wrong_team_names_both_teams_as_people_say_them(db: Database) -> None:
    system = Staff("cli:root", "kommandolinje (root)", "", "system")
    with pytest.raises(ValidationError) as e:
        accounts.add_user(db, system, NewUser("Bo Job", "viby", "team", staff_id="S2"))
    assert e.value.message == "Team: Bo Job er i team Gellerup, ikke Viby"
