from __future__ import annotations

from datetime import date, timedelta

import pytest

from oto_match.domain import Placement
from oto_match.schemes import default_end, end_warnings

START = date(2026, 1, 5)


@pytest.mark.parametrize(
    "ptype, group, weeks_or_end",
    [
        ("internship", "job_ready", date(2026, 2, 1)),  # 4 weeks
        ("internship", "dagpenge", date(2026, 2, 1)),
        ("internship", "new_graduate", date(2026, 3, 1)),  # 8 weeks
        ("internship", "other_kontanthjaelp", date(2026, 4, 5)),  # 13 weeks
        ("wage_subsidy", "other", date(2026, 7, 4)),  # 6 months
        ("flex_job", "other", None),  # no scheme end
    ],
)
def test_the_normal_end_per_scheme(ptype: str, group: str, weeks_or_end: date | None) -> None:
    assert default_end(ptype, group, START) == weeks_or_end


def _placement(end: date) -> Placement:
    return Placement("P1", "C1", "E1", "internship", START, planned_end_date=end, benefit_group="job_ready")


def test_warnings_four_weeks_and_one_week_before_the_end_with_the_question() -> None:
    end = date(2026, 2, 1)
    assert end_warnings(_placement(end), end - timedelta(days=29)) == []
    four = end_warnings(_placement(end), end - timedelta(days=28))
    assert four[0].level == "warning" and "forlænges, omdannes til løntimer eller afsluttes" in four[0].message
    one = end_warnings(_placement(end), end - timedelta(days=7))
    assert one[0].level == "error" and "Under 1 uge" in one[0].message
    assert "overskredet" in end_warnings(_placement(end), end + timedelta(days=1))[0].message


def test_a_planned_end_beyond_the_normal_length_is_flagged() -> None:
    warnings = end_warnings(_placement(date(2026, 6, 1)), START)
    assert any("Længere end normalt" in w.message for w in warnings)


def test_an_ended_placement_gives_no_warnings() -> None:
    p = Placement("P1", "C1", "E1", "internship", START, planned_end_date=date(2026, 2, 1), status="ended",
                  end_date=date(2026, 1, 20), end_reason="health")  # fmt: skip
    assert end_warnings(p, date(2026, 1, 30)) == []


def test_mentor_support_warns_before_its_six_months_run_out() -> None:
    p = Placement("P1", "C1", "E1", "flex_job", START)
    assert end_warnings(p, date(2026, 6, 20), mentor_start=START)[0].message.startswith("Mentorstøtten udløber")
    assert end_warnings(p, date(2026, 5, 1), mentor_start=START) == []


def test_the_citizen_status_follows_the_placement() -> None:
    from oto_match import vocab
    from oto_match.schemes import STATUS_BY_PLACEMENT_TYPE, status_after_end

    assert set(STATUS_BY_PLACEMENT_TYPE) == set(vocab.JOB_TYPES)
    assert set(STATUS_BY_PLACEMENT_TYPE.values()) <= set(vocab.CITIZEN_STATUSES)
    assert status_after_end("got_ordinary_job") == "job"
    assert status_after_end("health") == "unemployed"
