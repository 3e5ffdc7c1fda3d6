"""Creating and changing a citizen goes through one door: CitizenChange and save_citizen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from oto_match.domain import Staff
from oto_match.errors import DuplicateRecordError, StaleRecordError, ValidationError
from oto_match.services import citizens as citizen_service
from oto_match.services.citizen_change import CitizenChange
from oto_match.storage.db import Database
from oto_match.vocab import field_label

BO = Staff("S2", "Bo Job", "gellerup", "job_consultant")


def _change(**values: Any) -> CitizenChange:
    base: dict[str, Any] = {"citizen_id": "C1", "name": "Fatima Ali", "postcode": "8220", "team_id": "gellerup"}
    return CitizenChange(**{**base, **values})


def _count(db: Database) -> int:
    return int(db.cursor().execute("SELECT count(*) FROM citizens").fetchall()[0][0])


INVALID = [
    ("a 5,000-character name", {"name": "x" * 5000}, "name", "højst 200"),
    ("a NUL-byte name", {"name": "\x00"}, "name", "U+0000"),
    ("a zero-width-space name", {"name": "\u200b"}, "name", "U+200B"),
    ("a right-to-left override in a name", {"name": "Ali\u202eilA"}, "name", "U+202E"),
    ("an empty name", {"name": "  "}, "name", "mangler"),
    ("61 hours a week", {"max_hours_week": 61.0}, "max_hours_week", "mellem 0 og 60"),
    ("-1 hours a week", {"max_hours_week": -1.0}, "max_hours_week", "mellem 0 og 60"),
    (
        "a makkerpar of the same person twice",
        {"partner1_id": "S1", "partner2_id": "S1"},
        "partner2_id",
        "to forskellige",
    ),
    ("an unknown staff member", {"partner1_id": "S99"}, "partner1_id", "'S99' findes ikke"),
    ("an unknown team", {"team_id": "aalborg"}, "team_id", "ukendt team 'aalborg'"),
    ("an invalid availability", {"availability": "man 25:00-26:00"}, "availability", "klokkeslæt"),
    ("a consent dated 9999", {"consent_date": date(9999, 1, 1)}, "consent_date", "uden for"),
    ("an unknown postcode", {"postcode": "0000"}, "postcode", "postnummer"),
    ("an unknown status", {"status": "retired"}, "status", "ukendt status"),
    ("an unknown strain", {"spare_strains": ("heavy_lifting", "x")}, "spare_strains", "ukendt belastning 'x'"),
    ("a 5,001-character wish", {"wishes": "x" * 5001}, "wishes", "højst 5000"),
    ("a control character in the citizen's own words", {"own_words": "ja\x07"}, "own_words", "U+0007"),
    ("a birth year 1800", {"birth_year": 1800}, "birth_year", "mellem 1900 og 2100"),
]


@pytest.mark.parametrize(("case", "values", "field", "message"), INVALID, ids=[c[0] for c in INVALID])
def test_an_invalid_value_is_refused_with_a_message_naming_the_field(
    db: Database, actor: Staff, case: str, values: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        citizen_service.save_citizen(db, actor, _change(**values))
    assert field in refused.value.fields(), case
    assert f"{field_label(field)}: " in str(refused.value) and message in str(refused.value)
    assert _count(db) == 0


def test_every_problem_is_reported_at_once() -> None:
    change = _change(name="", max_hours_week=99.0, availability="mandag", consent_date=date(1900, 1, 1))
    assert {p.field for p in change.problems()} == {"name", "max_hours_week", "availability", "consent_date"}


def test_an_invalid_availability_is_a_field_problem_never_a_bare_value_error() -> None:
    change = _change(availability="man 25:00-26:00")
    assert [p.field for p in change.problems()] == ["availability"]


def test_availability_is_held_in_its_canonical_form() -> None:
    assert _change(availability="man-fre 8:00-12:00").availability == "man-fre 08:00-12:00"


def test_a_new_citizen_is_saved_with_every_field_and_the_audit_writes_each_filled_field_from_nothing(
    db: Database, actor: Staff
) -> None:
    saved = citizen_service.save_citizen(
        db, actor, _change(spare_strains=("heavy_lifting",), own_words="  Jeg vil gerne bage  ", partner1_id="S1")
    )
    assert saved.version == 1 and saved.own_words == "Jeg vil gerne bage"
    [entry] = citizen_service.audit_trail(db, actor, "C1")
    assert entry.action == "create"
    assert "Skal skånes for: – → tunge løft" in entry.detail and "Makker 1: – → S1" in entry.detail
    assert "Borgerens egne ord: – → Jeg vil gerne bage" in entry.detail and "heavy_lifting" not in entry.detail


def test_a_form_sent_twice_creates_one_citizen(db: Database, actor: Staff) -> None:
    change = _change()
    citizen_service.save_citizen(db, actor, change)
    with pytest.raises(DuplicateRecordError, match="allerede gemt"):
        citizen_service.save_citizen(db, actor, change)
    assert _count(db) == 1


def test_a_save_on_a_form_opened_before_someone_elses_save_is_refused_and_loses_nothing(
    db: Database, actor: Staff
) -> None:
    created = citizen_service.save_citizen(db, actor, _change(max_hours_week=10.0))
    opened_by_a = opened_by_b = citizen_service.get_citizen(db, actor, "C1")
    a_change = _change(version=opened_by_a.version, max_hours_week=15.0, wishes="køkken")
    citizen_service.save_citizen(db, BO, a_change)
    b_change = _change(version=opened_by_b.version, max_hours_week=10.0, experience="lager")
    with pytest.raises(StaleRecordError) as refused:
        citizen_service.save_citizen(db, actor, b_change)
    message = str(refused.value)
    assert "Bo Job" in message and field_label("max_hours_week") in message and field_label("wishes") in message
    assert "dine indtastninger står stadig i formularen" in message
    now = citizen_service.get_citizen(db, actor, "C1")
    assert (now.max_hours_week, now.wishes, now.experience) == (15.0, "køkken", "")
    assert now.version == created.version + 1


def test_a_save_on_the_current_version_bumps_it_and_returns_the_record_as_it_is_now(db: Database, actor: Staff) -> None:
    first = citizen_service.save_citizen(db, actor, _change())
    second = citizen_service.save_citizen(db, actor, _change(version=first.version, status="internship"))
    assert second.version == first.version + 1 and second.status == "internship"
    assert citizen_service.get_citizen(db, actor, "C1") == second
    assert citizen_service.audit_trail(db, actor, "C1")[1].detail == "Status: ledig → i praktik"


def test_a_save_without_changes_writes_nothing(db: Database, actor: Staff) -> None:
    first = citizen_service.save_citizen(db, actor, _change())
    again = citizen_service.save_citizen(db, actor, _change(version=first.version))
    assert again.version == first.version
    assert [e.action for e in citizen_service.audit_trail(db, actor, "C1")] == ["create"]


def test_a_batch_checks_every_change_before_writing_any(db: Database, actor: Staff) -> None:
    good, bad = replace(_change(), version=None), _change(citizen_id="C2", partner1_id="S99", version=None)
    with pytest.raises(ValidationError, match="S99"), db.transaction() as cur:
        citizen_service.write_citizens(cur, actor, [good, bad])
    assert _count(db) == 0
