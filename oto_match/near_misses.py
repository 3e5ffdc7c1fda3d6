"""Near misses ("Kunne passe, hvis …"): an excluded citizen who fails exactly one criterion, by a
margin the employer could change. The rule per criterion, in plain words:

  hours     the citizen can work at least half of the job's minimum hours;
  strains   exactly one strain conflicts (the workplace might remove it); the text says whether the
            workplace has already mentioned an adaptation for it in its note on adaptations, or
            whether it is a question to ask;
  schedule  the citizen's availability, net of the travel time at both ends of each stretch, holds
            at least as many minutes a week as the job's schedule;
  language  the citizen is one level below the requirement.
"""

from __future__ import annotations

import numpy as np

from oto_match import vocab
from oto_match.citizen_columns import FAIL, STRAIN_BIT, CitizenColumns
from oto_match.domain import Citizen
from oto_match.matching_rules import CRITERIA, Assessment, JobContext, commute, fmt_hours, travel_margin, words
from oto_match.timewindows import DAY, WEEK, text_periods, weekly_minutes

NEAR_MISS_MIN_HOURS_SHARE = 0.5
# Words of a strain's name too general to show that the workplace's note is about that strain.
GENERAL_STRAIN_WORDS = frozenset({"arbejde", "længerevarende", "meget", "som", "del"})


def near_miss(a: Assessment, ctx: JobContext, citizen: Citizen) -> str | None:
    """'Kunne passe, hvis …': the change that would make an excluded citizen fit, or None."""
    failed = [ch.criterion for ch in a.checks if ch.status == "fail"]
    if len(failed) != 1:
        return None
    job = ctx.job
    match failed[0]:
        case "hours" if citizen.max_hours_week and job.hours_min_week:
            if citizen.max_hours_week >= NEAR_MISS_MIN_HOURS_SHARE * job.hours_min_week:
                can, asked = fmt_hours(citizen.max_hours_week), fmt_hours(job.hours_min_week)
                return f"timetallet kan starte på {can} t/uge (i stedet for {asked})"
        case "strains":
            conflicts = [s for s in ctx.effective_strains if s in citizen.spare_strains]
            if len(conflicts) == 1:
                return _strain_near_miss(ctx, conflicts[0])
        case "schedule":
            return _schedule_near_miss(ctx, citizen)
        case "language" if citizen.danish_level is not None:
            if job.danish_level_required - citizen.danish_level == 1:
                return f"kravet til dansk kan være {vocab.DANISH_LEVELS[citizen.danish_level]}"
    return None


def _strain_near_miss(ctx: JobContext, strain: str) -> str:
    """The one strain in the way, and whether the workplace has mentioned an adaptation for it."""
    label = vocab.STRAINS[strain]
    mentioned = adaptation_mentioned(ctx.employer.adaptations_note, strain)
    if mentioned:
        return f"arbejdspladsen kan fjerne {label} — den har nævnt «{mentioned}»: spørg, om det dækker {label}"
    return f"arbejdspladsen kan fjerne {label} — et spørgsmål til arbejdspladsen (den har ikke sagt, at den kan)"


def adaptation_mentioned(note: str, strain: str) -> str | None:
    """The word of the workplace's note on adaptations ('Andre tilpasninger') that begins with a word of the
    strain's name of at least four letters ('løftehjælpemidler' for 'tunge løft'), or None when there is none."""
    keys = [w for w in words(vocab.STRAINS[strain]) if len(w) >= 4 and w not in GENERAL_STRAIN_WORDS]
    return next((w for w in words(note) if any(w.startswith(k) for k in keys)), None)


def _schedule_near_miss(ctx: JobContext, citizen: Citizen) -> str | None:
    """The job's hours fit in the availability net of travel: each stretch loses the trip at both ends."""
    margin = travel_margin(commute(ctx, citizen).minutes)
    stretches = text_periods(citizen.availability)
    net = sum(p.minutes if p.whole_week else max(0, p.minutes - 2 * margin) for p in stretches)
    if net < weekly_minutes(ctx.windows):
        return None
    travel_note = f" (med {margin} min transport hver vej)" if margin else ""
    return f"arbejdstiden kan lægges inden for {citizen.availability}{travel_note}"


def travel_margins(minutes: np.ndarray) -> np.ndarray:
    """travel_margin for a column of best-mode minutes: whole minutes, 0 when unknown, at most a day; int16 like
    the availability spans."""
    return np.asarray(np.ceil(np.minimum(np.nan_to_num(minutes, nan=0.0), DAY)), dtype=np.int16)


def near_miss_mask(ctx: JobContext, cols: CitizenColumns, statuses: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """Per citizen, whether near_miss would name a change (the same rule on columns): excluded by exactly one
    criterion, by the margin that criterion allows. Worked out for those excluded by one criterion only; only those
    shown are then explained in words."""
    failed = statuses == FAIL
    rows = np.flatnonzero(failed.sum(axis=0, dtype=np.int8) == 1)
    which = np.argmax(failed[:, rows], axis=0)
    job, near = ctx.job, np.zeros(len(rows), dtype=bool)
    if job.hours_min_week:
        can = np.nan_to_num(cols.max_hours[rows])
        near |= (
            (which == CRITERIA.index("hours")) & (can != 0) & (can >= NEAR_MISS_MIN_HOURS_SHARE * job.hours_min_week)
        )
    spare = cols.spare[rows]
    conflicts = sum(((spare & STRAIN_BIT.get(s, 0)) != 0).astype(np.int64) for s in ctx.effective_strains)
    near |= (which == CRITERIA.index("strains")) & (np.asarray(conflicts) == 1)
    if job.danish_level_required:
        danish = cols.danish[rows]
        near |= (which == CRITERIA.index("language")) & (danish >= 0) & (job.danish_level_required - danish == 1)
    schedule = np.flatnonzero(which == CRITERIA.index("schedule"))
    if len(schedule):
        at = rows[schedule]
        near[schedule] |= _net_availability(cols, at, minutes[at]) >= weekly_minutes(ctx.windows)
    out = np.zeros(len(cols), dtype=bool)
    out[rows[near]] = True
    return out


def _net_availability(cols: CitizenColumns, rows: np.ndarray, minutes: np.ndarray) -> np.ndarray:
    """For the given citizens (with their best-mode minutes), the minutes of availability a week net of the trip at
    both ends of each stretch of theirs: worked out per distinct availability and distinct travel margin, then
    looked up per citizen."""
    owner, start, end = cols.periods  # sorted by owner: each distinct availability's stretches side by side
    margin = travel_margins(minutes).astype(np.int64)
    seen = np.zeros(DAY + 1, dtype=bool)
    seen[margin] = True
    levels = np.flatnonzero(seen)  # the distinct margins
    level_of = np.cumsum(seen) - 1
    length = (end - start)[:, None]
    net = np.where(length >= WEEK, length, np.maximum(0, length - 2 * levels[None, :]))  # (stretches, margins)
    table = np.zeros((int(cols.avail.shape[-1]), len(levels)), dtype=np.int64)
    if len(owner):
        first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        table[owner[first]] = np.add.reduceat(net, first, axis=0)
    return np.asarray(table[cols.pattern[rows], level_of[margin]], dtype=np.int64)
