from __future__ import annotations

from datetime import date

import pytest

from oto_match.domain import FollowUp
from oto_match.followups import add_months, cadence_step, extra_after_concern, initial_schedule, next_in_cadence


def test_the_cadence_for_a_start_on_a_given_date() -> None:
    planned = initial_schedule(date(2026, 1, 5), "internship")
    assert [p.due_date for p in planned] == [
        date(2026, 1, 12), date(2026, 1, 19), date(2026, 1, 26), date(2026, 2, 2),  # weekly, first four weeks
        date(2026, 3, 5), date(2026, 4, 5), date(2026, 7, 5), date(2027, 1, 5),  # 2, 3, 6 and 12 months
    ]  # fmt: skip
    assert {p.kind for p in planned} == {"scheduled"}


def test_a_fleksjob_also_gets_the_jobcentres_statutory_reviews() -> None:
    reviews = [p for p in initial_schedule(date(2026, 1, 5), "flex_job") if p.kind == "statutory_review"]
    assert [p.due_date for p in reviews] == [date(2028, 7, 5), date(2030, 7, 5)]  # 2½ years, before 4½ years


def test_after_a_year_the_follow_ups_come_every_three_months_without_end() -> None:
    start = date(2026, 1, 5)
    assert next_in_cadence(start, 7).due_date == date(2027, 4, 5)
    assert cadence_step(20).months == 12 + 3 * 13


def test_month_arithmetic_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


CONTACT = date(2026, 10, 10)


def _open(due: date, with_whom: str, status: str = "open") -> FollowUp:
    return FollowUp(f"F-{due}-{with_whom}", "P-1", due, "scheduled", with_whom, status)


@pytest.mark.parametrize(
    "with_whom, planned, extra",
    [
        ("citizen", [_open(date(2026, 11, 7), "both")], date(2026, 10, 17)),  # the 2-month one stays where it is
        ("citizen", [], date(2026, 10, 17)),
        ("citizen", [_open(date(2026, 10, 14), "both")], None),  # one is due within the week already
        ("citizen", [_open(date(2026, 10, 17), "citizen")], None),  # due on the week's last day
        ("citizen", [_open(date(2026, 10, 10), "citizen")], None),  # due the same day
        ("employer", [_open(date(2026, 10, 12), "both")], None),
        ("citizen", [_open(date(2026, 10, 14), "employer")], date(2026, 10, 17)),  # not with the citizen
        ("both", [_open(date(2026, 10, 14), "citizen")], date(2026, 10, 17)),  # not with both
        ("citizen", [_open(date(2026, 10, 1), "both")], date(2026, 10, 17)),  # an overdue one is not a new look
        ("citizen", [_open(date(2026, 10, 18), "both")], date(2026, 10, 17)),  # a day too late
        ("citizen", [_open(date(2026, 10, 14), "both", "cancelled")], date(2026, 10, 17)),
        ("citizen", [_open(date(2026, 10, 14), "both", "done")], date(2026, 10, 17)),
    ],
)  # fmt: skip
def test_a_concern_adds_an_extra_follow_up_within_a_week_unless_one_is_due_then(
    with_whom: str, planned: list[FollowUp], extra: date | None
) -> None:
    assert extra_after_concern(CONTACT, with_whom, planned) == extra


def test_my_week_runs_to_sunday() -> None:
    from oto_match.followups import end_of_week

    assert end_of_week(date(2026, 11, 24)) == date(2026, 11, 29)  # a Tuesday
    assert end_of_week(date(2026, 11, 29)) == date(2026, 11, 29)  # Sunday itself
