"""Danish scheme rules for placements: warnings, never blocks.

In plain words (rules as of 2026; the team can extend on assessment):
  * virksomhedspraktik: normally up to 4 weeks for job-ready kontanthjælp recipients and for dagpenge
    recipients, 8 weeks for new graduates, 13 weeks for other kontanthjælp recipients; extendable
    (to 26 weeks, then 13 weeks at a time);
  * løntilskud with a private employer: up to 6 months;
  * mentor support: 6 months at a time, renewable;
  * the placement warns 4 weeks and 1 week before its planned end, with the question the team must answer;
  * the citizen's programme status follows the placement: see STATUS_BY_PLACEMENT_TYPE and status_after_end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from oto_match.domain import Placement
from oto_match.followups import add_months


@dataclass(frozen=True)
class SchemeLimit:
    weeks: int = 0
    months: int = 0
    label: str = ""

    def end(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(weeks=self.weeks) - timedelta(days=1)


# (placement type, benefit group or "*") -> the normal maximum length
SCHEME_LIMITS: dict[tuple[str, str], SchemeLimit] = {
    ("internship", "job_ready"): SchemeLimit(weeks=4, label="virksomhedspraktik, jobparat: normalt højst 4 uger"),
    ("internship", "dagpenge"): SchemeLimit(weeks=4, label="virksomhedspraktik, dagpenge: normalt højst 4 uger"),
    ("internship", "new_graduate"): SchemeLimit(weeks=8, label="virksomhedspraktik, nyuddannet: normalt højst 8 uger"),
    ("internship", "*"): SchemeLimit(weeks=13, label="virksomhedspraktik: normalt højst 13 uger"),
    ("wage_subsidy", "*"): SchemeLimit(months=6, label="løntilskud hos privat arbejdsgiver: højst 6 måneder"),
}
# A placement starting sets the citizen's status in the programme by its type.
STATUS_BY_PLACEMENT_TYPE = {"internship": "internship", "flex_job": "flex_job", "wage_subsidy": "job",
                            "ordinary": "job", "small_job": "job", "youth_job": "job"}  # fmt: skip


def status_after_end(end_reason: str) -> str:
    """The citizen's status when a placement ends: in job after an ordinary job, otherwise back to ledig."""
    return "job" if end_reason == "got_ordinary_job" else "unemployed"


def citizen_status(placement_type: str, end_reason: str | None = None) -> str:
    """The citizen's status a placement gives: by its type while it runs, by its end reason once ended."""
    return status_after_end(end_reason) if end_reason else STATUS_BY_PLACEMENT_TYPE[placement_type]


MENTOR_LIMIT = SchemeLimit(months=6, label="mentorstøtte: 6 måneder ad gangen")
WARN_BEFORE = (timedelta(weeks=4), timedelta(weeks=1))
END_QUESTION = "Skal forløbet forlænges, omdannes til løntimer eller afsluttes?"


def scheme_limit(placement_type: str, benefit_group: str) -> SchemeLimit | None:
    return SCHEME_LIMITS.get((placement_type, benefit_group)) or SCHEME_LIMITS.get((placement_type, "*"))


def default_end(placement_type: str, benefit_group: str, start: date) -> date | None:
    """The planned end a new placement gets when none is given: the scheme's normal maximum."""
    limit = scheme_limit(placement_type, benefit_group)
    return limit.end(start) if limit else None


@dataclass(frozen=True)
class EndWarning:
    level: str  # info, warning, error
    message: str


def end_warnings(p: Placement, today: date, mentor_start: date | None = None) -> list[EndWarning]:
    """Warnings for an active placement: the end is near (4 weeks, 1 week) or passed, or longer than normal."""
    if p.status != "active":
        return []
    out: list[EndWarning] = []
    if p.planned_end_date:
        left = (p.planned_end_date - today).days
        end = f"{p.planned_end_date:%d-%m-%Y}"
        if left < 0:
            out.append(EndWarning("error", f"Slutdatoen {end} er overskredet. {END_QUESTION}"))
        elif left <= WARN_BEFORE[1].days:
            out.append(EndWarning("error", f"Under 1 uge til slutdatoen {end}. {END_QUESTION}"))
        elif left <= WARN_BEFORE[0].days:
            out.append(EndWarning("warning", f"Under 4 uger til slutdatoen {end}. {END_QUESTION}"))
        limit = scheme_limit(p.placement_type, p.benefit_group)
        if limit and p.planned_end_date > limit.end(p.start_date):
            out.append(EndWarning("info", f"Længere end normalt ({limit.label}): kræver en vurdering af forlængelse."))
    if mentor_start:
        mentor_end = MENTOR_LIMIT.end(mentor_start)
        if (mentor_end - today).days <= WARN_BEFORE[0].days:
            out.append(
                EndWarning("warning", f"Mentorstøtten udløber {mentor_end:%d-%m-%Y} ({MENTOR_LIMIT.label}). Forny?")
            )
    return out
