"""The "3 kopper te" pipeline: an employer's stage is derived from what happened, never typed in."""

from __future__ import annotations

from datetime import date

COLD_AFTER_DAYS = 90
STAGE_ORDER = ("none", "cup1", "cup2", "cup3", "partner", "paused")

# What to do next, per stage: the "3 kopper te" method in one sentence each.
NEXT_STEP_HINTS = {
    "none": "Næste: 1. kop te — en åben, nysgerrig samtale for at lære virksomheden at kende.",
    "cup1": "Næste: 2. kop te — mød dem på arbejdspladsen og se de konkrete opgaver.",
    "cup2": "Næste: 3. kop te — nu kan I præsentere en eller flere borgere.",
    "cup3": "Borgere er præsenteret. Et forløb gør virksomheden til samarbejdspartner.",
    "partner": "Samarbejdspartner: hold relationen varm og stå på sidelinjen.",
    "paused": "Samarbejdet er sat på pause.",
}


def derive_stage(max_cup: int | None, has_placement: bool, paused: bool) -> str:
    """The employer's stage, by these rules in this order:

    1. `paused` when the team has paused the relationship (a manual state with a reason);
    2. `partner` when the employer has had at least one placement (praktik, job, fleksjob …);
    3. `cup3`, `cup2` or `cup1` after the highest cup of tea logged — a cup 3 without a
       cup 2 is still `cup3` (see `skipped_workplace_visit`);
    4. `none` when nothing has been logged yet.
    """
    if paused:
        return "paused"
    if has_placement:
        return "partner"
    if max_cup:
        return f"cup{max_cup}"
    return "none"


def suggested_cup(stage: str | None) -> int:
    """The cup a new visit is suggested as: the employer's current stage (after a 2nd cup, the 2nd again — the
    consultant moves it on when the visit was more), a first cup for an employer nobody has met, and 'other
    contact' (0) for a partner or a paused employer."""
    return {"none": 1, "cup1": 1, "cup2": 2, "cup3": 3}.get(stage or "none", 0)


def skipped_workplace_visit(max_cup: int | None, has_cup2: bool) -> bool:
    """Citizens were presented (cup 3) although nobody has seen the workplace (no cup 2)."""
    return (max_cup or 0) >= 3 and not has_cup2


def is_cold(last_contact: date | None, today: date, days: int = COLD_AFTER_DAYS) -> bool:
    """An employer is 'kold' when the last logged contact is `days` (90) or more days ago, or never."""
    if last_contact is None:
        return True
    return (today - last_contact).days >= days


def next_step_overdue(next_step_date: date | None, today: date) -> bool:
    """A next step is overdue when its date has passed (today itself is not overdue)."""
    return next_step_date is not None and next_step_date < today
