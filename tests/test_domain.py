"""Small rules that live on the domain types."""

from __future__ import annotations

from datetime import date

from oto_match.domain import JobOpening, new_id

TODAY = date(2026, 11, 24)


def test_an_open_job_is_past_its_deadline_only_after_the_day() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", deadline=date(2026, 11, 23))
    assert job.deadline_passed(TODAY)
    assert not JobOpening("J1", "E1", "Opvasker", "small_job", deadline=TODAY).deadline_passed(TODAY)
    assert not JobOpening("J1", "E1", "Opvasker", "small_job").deadline_passed(TODAY)
    filled = JobOpening("J1", "E1", "Opvasker", "small_job", deadline=date(2026, 1, 1), status="filled")
    assert not filled.deadline_passed(TODAY)


def test_new_ids_carry_their_prefix_and_differ() -> None:
    a, b = new_id("P"), new_id("P")
    assert a.startswith("P-") and a != b
