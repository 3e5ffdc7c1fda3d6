"""The hard criteria of a match, one readable function per criterion, for one citizen and one job.

Each returns a Check: `pass`, `fail` or `unknown` (missing data is unknown, never a silent
pass) with the reason in plain Danish. These functions are the reference: the fast
engine in `matching.py` applies the same rules to whole columns, and a test keeps the two equal.
Never used here: birth year, gender, country of origin, name or family composition.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from oto_match import postcodes, travel, vocab
from oto_match.domain import Citizen, Employer, JobOpening
from oto_match.timewindows import DAY, Period, Window, covers, describe_periods, parse_windows, periods, text_periods

RULE_VERSION = "2026.11-2"  # 2: unassessed strains, travel ceiling, night shifts, compounds, pair-only score
CRITERIA = ("hours", "schedule", "strains", "commute", "driving_license", "job_type", "language", "wishes")
CRITERION_LABELS = {
    "hours": "timer", "schedule": "arbejdstider", "strains": "skånehensyn", "commute": "transport",
    "driving_license": "kørekort", "job_type": "jobtype", "language": "dansk", "wishes": "ønsker",
}  # fmt: skip
# "Not interested" (says_no): a word of at least this many letters also matches as part of a compound in the
# job title or industry; shorter words match whole words only.
COMPOUND_MIN_LETTERS = 4
# Compound heads that only say "work of this kind": `rengøringsarbejde` is about `rengøring`.
WORK_HEADS = ("arbejdet", "arbejder", "arbejde", "stillinger", "stilling", "opgaver", "branchen", "området",
              "jobbet", "jobs", "job", "faget", "fag")  # fmt: skip
# Danish endings a whole word may carry in a description: `kontor` is also `kontoret`, `kontorer`.
WORD_ENDINGS = ("", "e", "en", "er", "et", "ene", "erne", "s", "ens", "ets", "ernes")
SYMBOL = {"pass": "✓", "fail": "✗", "unknown": "?"}


@dataclass(frozen=True)
class Check:
    criterion: str
    status: str
    detail: str


@dataclass(frozen=True)
class JobContext:
    """A job with what the checks need, prepared once per ranking."""

    job: JobOpening
    employer: Employer
    windows: tuple[Window, ...]
    periods: tuple[Period, ...]  # the working periods, from their real start to their real end
    coords: tuple[float, float] | None
    effective_strains: tuple[str, ...]  # the job's strains the workplace cannot remove
    text: str  # title and description, lower case

    @property
    def postcode(self) -> str | None:
        return self.job.postcode or self.employer.postcode


def job_context(job: JobOpening, employer: Employer) -> JobContext:
    """Strains the job or the employer can remove are not strains of the job any more."""
    removable = set(job.removable_strains) | set(employer.accommodations)
    effective = tuple(s for s in job.strains if s not in removable)
    postcode = job.postcode or employer.postcode
    windows = parse_windows(job.schedule)
    return JobContext(job, employer, windows, periods(windows), postcodes.coordinates(postcode), effective,
                      f"{job.title} {job.description}".lower())  # fmt: skip


def fmt_hours(h: float) -> str:
    return f"{h:g}".replace(".", ",")


def check_hours(ctx: JobContext, c: Citizen) -> Check:
    """The job's minimum weekly hours must not exceed the citizen's maximum."""
    need = ctx.job.hours_min_week
    if need is None:
        return Check("hours", "unknown", "? jobbets mindste timetal er ikke angivet")
    if c.max_hours_week is None:
        return Check("hours", "unknown", f"? {fmt_hours(need)} t/uge — borgerens maks. timetal er ikke kendt")
    if need <= c.max_hours_week:
        return Check("hours", "pass", f"✓ {fmt_hours(need)} t/uge passer (kan {fmt_hours(c.max_hours_week)})")
    return Check("hours", "fail", f"✗ {fmt_hours(need)} t/uge — kan højst {fmt_hours(c.max_hours_week)}")


@dataclass(frozen=True)
class Commute:
    check: Check
    minutes: float | None  # of the best mode; None when it cannot be estimated


def fmt_km(km: float) -> str:
    """'1,5' under 10 km, whole kilometres from there (the estimate is rough)."""
    return f"{km:.1f}".replace(".", ",") if km < 10 else f"{km:.0f}"


def commute(ctx: JobContext, c: Citizen) -> Commute:
    """Door-to-door minutes by the citizen's best mode against their maximum (the rule and its table of cases
    are in travel.py).

    The reason leads with the distance and the way of travel ("ca. 1,5 km til fods — kan højst gå 200 m"); a
    trip by car for someone without a driving licence says they must be driven.
    """
    args = (c.transport_modes, c.max_commute_min, c.max_walk_m, c.driving_license)
    return _commute(c.postcode, ctx.coords, *args, travel.MAX_TRIP_MIN)


@lru_cache(maxsize=65_536)  # many citizens share a postcode, modes and limits; the ceiling is part of the key
def _commute(
    postcode: str | None, job: tuple[float, float] | None, modes: tuple[str, ...], limit: int | None,
    max_walk_m: int | None, licence: bool | None, ceiling: int,
) -> Commute:  # fmt: skip
    home = postcodes.coordinates(postcode)
    if home is None or job is None:
        where = "borgerens postnummer" if home is None else "jobbets postnummer"
        return Commute(Check("commute", "unknown", f"? {where} er ukendt"), None)
    if not modes:
        return Commute(Check("commute", "unknown", "? borgerens transportformer er ikke kendt"), None)
    km = float(travel.route_km(home, job))
    best = travel.best_option(travel.mode_options(km, modes, limit, max_walk_m))
    assert best is not None
    status = best.status  # without a recorded maximum: unknown, or fail when every mode is ruled out
    head = f"{SYMBOL[status]} ca. {fmt_km(km)} km {travel.MODE_SPEEDS[best.mode].label}"
    if best.mode == "walk" and max_walk_m is not None and km * 1000 > max_walk_m:
        return Commute(Check("commute", status, f"{head} — {best.note}"), best.minutes)
    notes = [best.note] if best.note else []
    if limit is None and status != "fail":
        notes.insert(0, "maks. transporttid ikke kendt")
    if best.mode == "car" and licence is False:
        notes.append("skal køres (har ikke kørekort)")
    maximum = f" (maks. {limit})" if limit is not None else ""
    detail = f"{head}, ca. {best.minutes:.0f} min{maximum}" + "".join(f" — {n}" for n in notes)
    return Commute(Check("commute", status, detail), best.minutes)


def travel_margin(travel_minutes: float | None) -> int:
    """Whole minutes of travel needed before a working period starts and after it ends: the best mode's minutes
    rounded up; 0 when unknown; at most a day (a longer trip fails the commute anyway)."""
    return 0 if travel_minutes is None else min(math.ceil(travel_minutes), DAY)


def check_schedule(ctx: JobContext, c: Citizen, travel_minutes: float | None) -> Check:
    """Every working period of the job, with travel time before its start and after its end, must lie inside one
    stretch of the citizen's availability.

    Travel counts only at the real start and end of a period: a shift across midnight (`fre 22:00-02:00`) is one
    period, with no travel at 24:00. No fixed schedule passes; no recorded availability is unknown; a schedule
    that fits only if the trip takes no time (travel time unknown) is unknown. The reason names every day that
    does not fit.
    """
    if not ctx.periods:
        return Check("schedule", "pass", "✓ arbejdstiden aftales (intet fast skema)")
    availability = text_periods(c.availability)
    if not availability:
        return Check("schedule", "unknown", "? borgerens tilgængelighed er ikke kendt")
    margin = travel_margin(travel_minutes)
    outside = [p for p in ctx.periods if not covers(availability, p.start, p.end)]
    no_time = [p for p in ctx.periods
               if p not in outside and not covers(availability, p.start - margin, p.end + margin)]  # fmt: skip
    if outside or no_time:
        parts = [f"{describe_periods(outside)} ligger uden for tilgængelighed"] if outside else []
        parts += [f"{describe_periods(no_time)} — ikke tid til transport ({margin} min)"] if no_time else []
        return Check("schedule", "fail", "✗ " + "; ".join(parts))
    if travel_minutes is None:
        return Check("schedule", "unknown", "? arbejdstiden passer, men transporttiden er ukendt")
    return Check("schedule", "pass", f"✓ arbejdstiden passer, inkl. {margin} min transport")


def check_strains(ctx: JobContext, c: Citizen) -> Check:
    """The job's strains, minus those the job can do without or the workplace can adapt, must not include a
    strain the citizen must spare.

    Strains not assessed are not "no strains": for a job whose strains nobody has assessed yet the check is
    unknown ("? jobbets belastninger er ikke vurderet") for every citizen with a strain to spare, and passes for
    a citizen with none. A strain already recorded on such a job still fails when it conflicts.
    The reason says who removes each strain the citizen must spare: "tunge løft: jobbet kan undvære det" or
    "tunge løft: arbejdspladsen kan tilpasse".
    """
    conflicts = [s for s in ctx.effective_strains if s in c.spare_strains]
    removed = [f"{vocab.STRAINS[s]}: {strain_remover(ctx, s)}" for s in ctx.job.strains
               if s in c.spare_strains and s not in ctx.effective_strains]  # fmt: skip
    if conflicts:
        detail = ", ".join(vocab.STRAINS[s] for s in conflicts) + " — skal skånes"
        return Check("strains", "fail", "✗ " + "; ".join([detail, *removed]))
    if not ctx.job.strains_assessed and c.spare_strains:
        return Check("strains", "unknown", "? jobbets belastninger er ikke vurderet")
    if removed:
        return Check("strains", "pass", "✓ " + "; ".join(removed))
    return Check("strains", "pass", "✓ ingen konflikt med skånehensyn")


def strain_remover(ctx: JobContext, strain: str) -> str:
    """Who removes a strain of the job: the job itself first, else the workplace."""
    return "jobbet kan undvære det" if strain in ctx.job.removable_strains else "arbejdspladsen kan tilpasse"


def check_driving(ctx: JobContext, c: Citizen) -> Check:
    """A job that requires a driving licence needs a citizen who has one."""
    if not ctx.job.driving_required:
        return Check("driving_license", "pass", "✓ kørekort kræves ikke")
    if c.driving_license is None:
        return Check("driving_license", "unknown", "? kørekort kræves — ikke oplyst")
    if c.driving_license:
        return Check("driving_license", "pass", "✓ har kørekort")
    return Check("driving_license", "fail", "✗ kørekort kræves")


def check_job_type(ctx: JobContext, c: Citizen) -> Check:
    """A fleksjob needs a citizen visitated to fleksjob."""
    if ctx.job.job_type != "flex_job":
        return Check("job_type", "pass", f"✓ {vocab.JOB_TYPES[ctx.job.job_type]}")
    if c.fleksjob_visitated is None:
        return Check("job_type", "unknown", "? fleksjob — visitation ikke oplyst")
    if c.fleksjob_visitated:
        return Check("job_type", "pass", "✓ visiteret til fleksjob")
    return Check("job_type", "fail", "✗ fleksjob kræver visitation")


def check_language(ctx: JobContext, c: Citizen) -> Check:
    """The citizen's Danish level must reach the job's stated requirement."""
    need = ctx.job.danish_level_required
    if need == 0:
        return Check("language", "pass", "✓ intet krav til dansk")
    if c.danish_level is None:
        return Check("language", "unknown", f"? kræver {vocab.DANISH_LEVELS[need]} — niveau ikke kendt")
    if c.danish_level >= need:
        return Check("language", "pass", f"✓ dansk {vocab.DANISH_LEVELS[c.danish_level]}")
    return Check("language", "fail", f"✗ kræver {vocab.DANISH_LEVELS[need]}, har {vocab.DANISH_LEVELS[c.danish_level]}")


def not_interested_phrases(text: str) -> list[str]:
    """The citizen's 'not interested' text split into phrases (by comma, semicolon, 'og', 'eller')."""
    parts = re.split(r"[,;/\n]|\bog\b|\beller\b", text.lower())
    return [p.strip() for p in parts if len(p.strip()) >= 3]


@lru_cache(maxsize=65_536)
def words(text: str) -> tuple[str, ...]:
    """Lower-case words; hyphens, commas and other signs separate words ('Lager- og butiksmedhjælper')."""
    return tuple(re.findall(r"[^\W\d_]+", text.lower()))


def compound_stem(word: str) -> str:
    """The word without a head that only says "work of this kind", and without the linking s before it:
    rengøringsarbejde -> rengøring, lagerarbejde -> lager, butiksjob -> butik. Other words are left as they are."""
    for head in WORK_HEADS:
        if word.endswith(head) and len(word) - len(head) >= 3:
            rest = word[: -len(head)]
            return rest[:-1] if rest.endswith("s") and len(rest) >= 5 else rest
    return word


def _is_form(word: str, of: str) -> bool:
    """`word` is `of` as a whole word, possibly with a Danish ending (kontor, kontoret, kontorer)."""
    return word.startswith(of) and word[len(of) :] in WORD_ENDINGS


def _in_compound(word: str, of: str) -> bool:
    """`of` is `word`, or (when long enough) part of the compound `word`."""
    return of in word if len(of) >= COMPOUND_MIN_LETTERS else _is_form(word, of)


def _has_phrase(phrase: tuple[str, ...], text: tuple[str, ...]) -> bool:
    """The words of `phrase` appear one after the other in `text` (each possibly with a Danish ending)."""
    n = len(phrase)
    return any(all(_is_form(text[i + k], phrase[k]) for k in range(n)) for i in range(len(text) - n + 1))


@lru_cache(maxsize=65_536)  # a pure function of four texts; rankings ask the same question many times
def says_no(phrase: str, title: str, industry: str, description: str) -> bool:
    """Whether a job matches a phrase the citizen is not interested in.

    In the job title and the workplace's industry a one-word phrase matches Danish compounds: the word itself,
    or the word without a head that only says "work of this kind" (-arbejde, -job, -opgaver …), as part of a
    compound word; casing does not matter. In the description the phrase matches only as whole words
    (with a Danish ending such as -en, -et, -er), never inside another word. A phrase of several words matches
    those words one after the other. Words shorter than four letters match whole words only.

      | not interested in  | the job                                      | excluded? |
      |--------------------|----------------------------------------------|-----------|
      | rengøringsarbejde  | title "Rengøringsassistent"                  | yes       |
      | lagerarbejde       | title "Lager- og butiksmedhjælper"           | yes       |
      | RENGØRING          | title "Rengøringsassistent"                  | yes       |
      | butiksarbejde      | title "Lager- og butiksmedhjælper"           | yes       |
      | kølelager          | title "Lagermedarbejder, kølelager"          | yes       |
      | lager              | title "Kølelagermedarbejder"                 | yes       |
      | køkken             | title "Køkkenmedhjælper"                     | yes       |
      | handel             | industry "detailhandel"                      | yes       |
      | kontor             | description "rengøring af en kontorbygning"  | no        |
      | kontor             | description "rengøring af kontorer"         | yes       |
      | opvask             | description "Opvask og anretning"            | yes       |
      | tunge løft         | description "Der er tunge løft"              | yes       |
      | natarbejde         | title "Natportier"                           | no ("nat" is too short for a compound) |
      | chauffør           | title "Køkkenmedhjælper"                     | no        |
    """
    parts = words(phrase)
    if not parts:
        return False
    if len(parts) > 1:
        return any(_has_phrase(parts, words(text)) for text in (title, industry, description))
    forms = {parts[0], compound_stem(parts[0])}
    if any(_in_compound(w, f) for f in forms for w in (*words(title), *words(industry))):
        return True
    return any(_is_form(w, f) for f in forms for w in words(description))


def check_wishes(ctx: JobContext, c: Citizen) -> Check:
    """The job must not match what the citizen has said they do not want (says_no, on title, industry and
    description)."""
    job = ctx.job
    hits = [p for p in not_interested_phrases(c.not_interested)
            if says_no(p, job.title, ctx.employer.industry, job.description)]  # fmt: skip
    if hits:
        return Check("wishes", "fail", "✗ ønsker ikke: " + ", ".join(hits))
    return Check("wishes", "pass", "✓ ikke imod borgerens ønsker")


@dataclass(frozen=True)
class Assessment:
    citizen_id: str
    checks: tuple[Check, ...]
    verdict: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "verdict", verdict_of([ch.status for ch in self.checks]))

    def status(self, criterion: str) -> str:
        return next(ch.status for ch in self.checks if ch.criterion == criterion)


def verdict_of(statuses: list[str]) -> str:
    """eligible when all pass, excluded when any fails, otherwise uncertain."""
    if "fail" in statuses:
        return "excluded"
    if "unknown" in statuses:
        return "uncertain"
    return "eligible"


def assess(ctx: JobContext, c: Citizen) -> Assessment:
    """All hard criteria for one citizen, in the fixed order of CRITERIA."""
    trip = commute(ctx, c)
    checks = (
        check_hours(ctx, c), check_schedule(ctx, c, trip.minutes), check_strains(ctx, c), trip.check,
        check_driving(ctx, c), check_job_type(ctx, c), check_language(ctx, c), check_wishes(ctx, c),
    )  # fmt: skip
    return Assessment(c.citizen_id, checks)
