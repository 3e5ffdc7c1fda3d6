from __future__ import annotations

from datetime import date

import pytest

from oto_match.stages import derive_stage, is_cold, skipped_workplace_visit, suggested_cup


@pytest.mark.parametrize(
    "max_cup, has_placement, paused, expected",
    [
        (None, False, False, "none"),
        (1, False, False, "cup1"),
        (2, False, False, "cup2"),
        (3, False, False, "cup3"),
        (3, True, False, "partner"),
        (None, True, False, "partner"),  # a placement arranged without logged cups still makes a partner
        (2, False, True, "paused"),
        (3, True, True, "paused"),  # paused wins over everything
    ],
)
def test_the_stage_follows_the_logged_history(
    max_cup: int | None, has_placement: bool, paused: bool, expected: str
) -> None:
    assert derive_stage(max_cup, has_placement, paused) == expected


def test_a_cup_3_without_a_cup_2_is_flagged() -> None:
    assert skipped_workplace_visit(3, has_cup2=False)
    assert not skipped_workplace_visit(3, has_cup2=True)
    assert not skipped_workplace_visit(1, has_cup2=False)


def test_an_employer_is_cold_after_90_days_without_contact() -> None:
    today = date(2026, 11, 24)
    assert not is_cold(date(2026, 8, 27), today)  # 89 days
    assert is_cold(date(2026, 8, 26), today)  # 90 days
    assert is_cold(None, today)


def test_a_next_step_is_overdue_only_once_its_date_has_passed() -> None:
    from oto_match.stages import next_step_overdue

    today = date(2026, 11, 24)
    assert next_step_overdue(date(2026, 11, 23), today)
    assert not next_step_overdue(today, today)
    assert not next_step_overdue(None, today)


def test_every_stage_has_a_next_step_hint_and_the_cold_rule_uses_its_constant() -> None:
    from oto_match.stages import COLD_AFTER_DAYS, NEXT_STEP_HINTS, STAGE_ORDER

    assert set(NEXT_STEP_HINTS) == set(STAGE_ORDER)
    today = date(2026, 11, 24)
    assert is_cold(date.fromordinal(today.toordinal() - COLD_AFTER_DAYS), today)
    assert not is_cold(date.fromordinal(today.toordinal() - COLD_AFTER_DAYS + 1), today)


@pytest.mark.parametrize(
    ("stage", "cup"),
    [(None, 1), ("none", 1), ("cup1", 1), ("cup2", 2), ("cup3", 3), ("partner", 0), ("paused", 0)],
)
def test_a_new_visit_is_suggested_as_the_employers_current_cup_and_other_contact_for_partners(
    stage: str | None, cup: int
) -> None:
    assert suggested_cup(stage) == cup
