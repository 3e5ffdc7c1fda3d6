from __future__ import annotations

from datetime import date

from oto_match.followups import add_months, cadence_step, initial_schedule, next_in_cadence, pulled_forward


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


def test_a_concern_pulls_the_next_follow_up_within_a_week() -> None:
    assert pulled_forward(date(2026, 3, 1), date(2026, 2, 1)) == date(2026, 2, 8)
    assert pulled_forward(date(2026, 2, 3), date(2026, 2, 1)) == date(2026, 2, 3)  # never later than planned


def test_my_week_runs_to_sunday() -> None:
    from oto_match.followups import end_of_week

    assert end_of_week(date(2026, 11, 24)) == date(2026, 11, 29)  # a Tuesday
    assert end_of_week(date(2026, 11, 29)) == date(2026, 11, 29)  # Sunday itself
