"""The demo's year of history: visits by stage, job openings, placements and follow-ups."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from oto_match import demo_pools as pool
from oto_match.domain import Citizen, Employer, FollowUp, JobOpening, Staff, Visit
from oto_match.followups import followup_id, initial_schedule
from oto_match.placement_inputs import HoursUpdate, NewPlacement

# Target stage shares for the demo pipeline (every stage is represented).
STAGE_WEIGHTS = {"none": 10, "cup1": 20, "cup2": 20, "cup3": 18, "partner": 27, "paused": 5}
PLACEMENT_TYPES_BY_CITIZEN = {True: ("flex_job", "flex_job", "internship", "small_job"),
                              False: ("internship", "small_job", "wage_subsidy", "ordinary")}  # fmt: skip
# The open jobs (by position) whose strains nobody has assessed yet: a couple, whatever the demo's size.
NOT_ASSESSED = (3, 10)
FOLLOWUP_NOTES = {"thriving": "Det går godt.", "adjust": "Aftalte flere timer.",
                  "concern": "Træthed; aftalt kortere dage."}  # fmt: skip


def plan_stages(rng: random.Random, employers: list[Employer]) -> dict[str, str]:
    stages = list(STAGE_WEIGHTS)
    weights = list(STAGE_WEIGHTS.values())
    plan = {e.employer_id: rng.choices(stages, weights)[0] for e in employers}
    for i, stage in enumerate(stages[: len(employers)]):  # every stage at least once
        plan[employers[i].employer_id] = stage
    return plan


def _visit(rng: random.Random, n: int, employer: Employer, staff_id: str, day: date, cup: int | None) -> Visit:
    in_person = cup == 2 or rng.random() < 0.5
    form = "in_person_workplace" if cup == 2 else (rng.choice(("in_person_elsewhere", "in_person_workplace"))
                                                   if in_person else rng.choice(("phone", "email")))  # fmt: skip
    return Visit(
        visit_id=f"B{n:07d}", employer_id=employer.employer_id, staff_id=staff_id, visit_date=day, form=form, cup=cup,
        notes=rng.choice(pool.VISIT_NOTES[cup or 1]),
        tasks_learned=rng.choice(pool.TASKS_LEARNED) if cup == 2 else "",
        adaptations_learned=employer.accommodations if cup == 2 else (),
    )  # fmt: skip


def visits_for(
    rng: random.Random, employers: list[Employer], plan: dict[str, str], today: date, start_number: int = 1
) -> list[Visit]:
    visits: list[Visit] = []
    for e in employers:
        stage = plan[e.employer_id]
        if stage == "none":
            continue
        top = {"cup1": 1, "cup2": 2, "cup3": 3, "partner": 3, "paused": rng.choice((1, 2))}[stage]
        cups: list[int | None] = list(range(1, top + 1))
        if stage == "cup3" and rng.random() < 0.15:
            cups = [1, 3]  # presented without having seen the workplace
        if stage == "partner":
            cups += [None] * rng.randint(1, 3)  # keeping the partnership warm
        cold = rng.random() < 0.2
        last_day = today - timedelta(days=rng.randint(95, 160) if cold else rng.randint(0, 75))
        gaps = [rng.randint(7, 45) for _ in cups[1:]]
        day = last_day - timedelta(days=sum(gaps))
        owner = e.owner_staff_id or "S001"
        for cup, gap in zip(cups, [*gaps, 0], strict=True):
            visits.append(_visit(rng, start_number + len(visits), e, owner, day, cup))
            day += timedelta(days=gap)
        last = visits[-1]
        due = max(last.visit_date + timedelta(days=1), today + timedelta(days=rng.randint(-14, 35)))
        visits[-1] = Visit(**{**last.__dict__, "next_step": rng.choice(pool.NEXT_STEPS), "next_step_date": due})
    return visits


def _job(rng: random.Random, n: int, employer: Employer, team_id: str | None, status: str, today: date) -> JobOpening:
    fitting = [t for t in pool.JOB_TEMPLATES if employer.industry in pool.TEMPLATE_INDUSTRIES.get(t[0], ())]
    title, desc, types, strains, removable, danish, driving, (lo, hi) = rng.choice(fitting or pool.JOB_TEMPLATES)
    hours_min = float(rng.randint(lo, max(lo, hi // 2)))
    schedule = rng.choice(("", "", "", "man-fre 09:30-12:00", "man,ons,fre 10:00-13:00", "tir,tor 09:30-12:30",
                           "man-fre 07:00-11:00", "man-fre 14:00-18:00"))  # fmt: skip
    return JobOpening(
        job_id=f"J{n:06d}", employer_id=employer.employer_id, title=title, job_type=rng.choice(types), description=desc,
        hours_min_week=hours_min, hours_max_week=float(max(hours_min, hi)), schedule=schedule,
        strains=strains, strains_assessed=True, removable_strains=removable, danish_level_required=danish,
        driving_required=driving,
        start_date=today + timedelta(days=rng.randint(7, 40)), positions=rng.choice((1, 1, 1, 2)),
        deadline=today + timedelta(days=rng.randint(3, 6)), status=status, team_id=team_id,
    )  # fmt: skip


def jobs_for(
    rng: random.Random,
    employers: list[Employer],
    plan: dict[str, str],
    staff: dict[str, Staff],
    today: date,
    n_open: int,
) -> list[JobOpening]:
    """The open jobs and some filled or closed ones. Their strains are assessed, except the open jobs at
    NOT_ASSESSED (imported with an empty `strains` cell), so the demo shows 'Belastninger ikke vurderet'."""
    warm = [e for e in employers if plan[e.employer_id] in ("cup2", "cup3", "partner")] or employers
    jobs = []
    for i in range(n_open + max(2, n_open // 3)):
        employer = rng.choice(warm)
        owner = staff.get(employer.owner_staff_id or "")
        status = "open" if i < n_open else rng.choice(("filled", "closed"))
        job = _job(rng, i + 1, employer, owner.team_id if owner else None, status, today)
        if i in NOT_ASSESSED and i < n_open:
            job = replace(job, strains=(), removable_strains=(), strains_assessed=False)
        jobs.append(job)
    return jobs


def _placement(rng: random.Random, n: int, employer: Employer, citizen: Citizen, today: date) -> NewPlacement:
    """One demo placement as the team would type it in 'Nyt forløb' (every seventh ended after 55 days)."""
    ptype = rng.choice(PLACEMENT_TYPES_BY_CITIZEN[bool(citizen.fleksjob_visitated)])
    start = today - timedelta(days=rng.choice((3, 10, 20, 35, 70, 100, 200, 380, 500, 800)))
    h0 = float(min(citizen.max_hours_week or 10, rng.choice((3, 4, 5, 8, 10, 12))))
    ended = n % 7 == 3 and (today - start).days > 60
    return NewPlacement(
        placement_id=f"P{n + 1:06d}", citizen_id=citizen.citizen_id, employer_id=employer.employer_id,
        placement_type=ptype, start_date=start, hours_week=h0,
        planned_end_date=start + timedelta(weeks=13) if ptype == "internship" else None,
        schedule="man,ons 09:00-12:00" if h0 <= 6 else "man-fre 09:00-12:00",
        benefit_group="other_kontanthjaelp" if ptype == "internship" else "other",
        employer_expects="Stabilt fremmøde og at borgeren siger til, hvis noget er svært.",
        citizen_expects="En fast kontaktperson og opgaver jeg kan klare.",
        success_employer="Kan løse opgaverne selvstændigt efter tre måneder.",
        success_citizen="At komme hver gang og få det godt med kollegerne.",
        agreed_strains=citizen.spare_strains, adaptations_note=rng.choice(pool.ADAPTATION_NOTES),
        path_to_paid="Ved stabilt fremmøde i 8 uger tales om løntimer." if ptype == "internship" else "",
        citizen_accepted=True, employer_accepted=rng.random() < 0.9,
        status="ended" if ended else "active",
        end_date=start + timedelta(days=55) if ended else None,
        end_reason=rng.choice(("health", "citizen_choice", "got_ordinary_job")) if ended else None,
    )  # fmt: skip


def _history(rng: random.Random, n: int, p: NewPlacement, citizen: Citizen, today: date
             ) -> tuple[list[FollowUp], list[HoursUpdate]]:  # fmt: skip
    """The placement's follow-up plan as it stands today: those due before today (or the end) done, except
    that a third of the running placements have their latest one left undone (overdue); an 'adjust' adds hours."""
    pid, ended = p.placement_id or "", p.status == "ended"
    cutoff = p.end_date or today
    schedule = initial_schedule(p.start_date, p.placement_type)
    past = [f for f in schedule if f.due_date < cutoff]
    overdue_key = past[-1].key if past and not ended and n % 3 == 0 else None
    followups, hours, current = [], [], float(p.hours_week or 0)
    for planned in schedule:
        fid = followup_id(pid, planned.key)
        if planned.due_date >= cutoff or planned.key == overdue_key:
            status = "cancelled" if ended else "open"
            followups.append(FollowUp(fid, pid, planned.due_date, planned.kind, planned.with_whom, status=status))
            continue
        outcome = rng.choice(("thriving", "thriving", "thriving", "adjust", "concern"))
        followups.append(FollowUp(
            fid, pid, planned.due_date, planned.kind, planned.with_whom, status="done",
            done_date=planned.due_date + timedelta(days=rng.randint(0, 2)), done_by=citizen.partner1_id,
            outcome=outcome, notes=FOLLOWUP_NOTES[outcome],
        ))  # fmt: skip
        new_hours = min(float(citizen.max_hours_week or 37), current + 2)
        if outcome == "adjust" and planned.kind == "scheduled" and new_hours > current:
            hours.append(HoursUpdate(pid, planned.due_date + timedelta(days=1), new_hours, citizen.partner1_id,
                                     "flere timer efter opfølgning"))  # fmt: skip
            current = new_hours
    return followups, hours


def placements_for(
    rng: random.Random, employers: list[Employer], plan: dict[str, str], citizens: list[Citizen], today: date
) -> tuple[list[NewPlacement], list[FollowUp], list[HoursUpdate]]:
    """One placement per partner employer, at every point of the cadence; some overdue, some ended.

    The placements are inputs for the one door (services.placements.create_placements, which gives each
    its makkerpar, hours at start, follow-up plan and the citizen's status); the follow-ups are the plan
    with its history, and the hours the increases after follow-ups (both written through their doors)."""
    partners = [e for e in employers if plan[e.employer_id] == "partner"]
    free = [c for c in citizens if c.status == "unemployed" and c.citizen_id < "C9"]
    rng.shuffle(free)
    placements, followups, hours = [], [], []
    for i, (employer, citizen) in enumerate(zip(partners, free, strict=False)):
        p = _placement(rng, i, employer, citizen, today)
        done, more_hours = _history(rng, i, p, citizen, today)
        placements.append(p)
        followups += done
        hours += more_hours
    return placements, followups, hours
