"""Deterministic synthetic demo data for the Aarhus teams (fixed seed; no real person's data).

`generate()` gives ~60 employers, ~75 citizens and their history by default and scales to
national size for benchmarks (`oto-match demo --citizens 100000 --employers 50000`).
The same seed and `today` always give the same data.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from oto_match import demo_pools as pool
from oto_match import postcodes, vocab
from oto_match.domain import Citizen, ContactPerson, Employer, FollowUp, JobOpening, Staff, Team, Visit
from oto_match.placement_inputs import HoursUpdate, NewPlacement
from oto_match.timewindows import normalise_windows

DEFAULT_SEED = 2026
DEFAULT_CITIZENS = 75
DEFAULT_EMPLOYERS = 60
TEAM_SHARES = {"gellerup": 0.4, "viby": 0.4, "tilst": 0.2}


@dataclass
class DemoData:
    teams: list[Team] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    employers: list[Employer] = field(default_factory=list)
    contacts: list[ContactPerson] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    citizens: list[Citizen] = field(default_factory=list)
    jobs: list[JobOpening] = field(default_factory=list)
    placements: list[NewPlacement] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    hours: list[HoursUpdate] = field(default_factory=list)
    today: date = field(default_factory=date.today)  # the day the history leads up to


def cvr_with_check_digit(rng: random.Random) -> str:
    """A synthetic CVR number that passes the modulus-11 check."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        partial = sum(d * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True))
        check = (-partial) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _staff(rng: random.Random) -> tuple[list[Team], list[Staff]]:
    teams = [Team(tid, name, hood) for tid, name, hood in pool.TEAMS]
    staff: list[Staff] = []
    for team in teams:
        for profession in ("team_leader", *pool.TEAM_PROFESSIONS):
            name = f"{rng.choice(pool.STAFF_FIRST)} {rng.choice(pool.STAFF_LAST)}"
            staff_id = f"S{len(staff) + 1:03d}"
            staff.append(Staff(staff_id, name, team.team_id, profession, is_leader=profession == "team_leader"))
    return teams, staff


@dataclass(frozen=True)
class _Workplace:
    name: str
    industry: str
    social_economy: bool
    chain: str | None  # the chain's stem: its workplaces share one CVR
    postcode: str | None  # the postcode the name implies (a place in the name), else None


def _places() -> list[tuple[str, str]]:
    """(postcode, town) for every Danish town name (its first postcode), those of Aarhus (8000-8399) first."""
    towns: dict[str, str] = {}
    for p in postcodes.all_postcodes():
        towns.setdefault(postcodes.town(p), p)
    places = [(p, town) for town, p in towns.items() if town]
    return sorted(places, key=lambda place: (not "8000" <= place[0] <= "8399", place[0]))


_TRAILING = re.compile(r"\s+(ApS|A/S|I/S|IVS|\(socialøkonomisk\))$")


def _at_place(name: str, place: str) -> str:
    """The workplace name with its place, before a trailing legal form: 'Puds og Pleje Viby ApS'."""
    trailing = _TRAILING.search(name)
    if not trailing:
        return f"{name} {place}"
    return f"{name[: trailing.start()]} {place}{trailing.group(0)}"


class _Names:
    """Distinct workplace names: for each base name, first the name itself (not for chains), then local
    branches in a random order, then the same kind of workplace in other towns (Aarhus first) and, at
    national scale, on a common street in each town. Each base walks its own list once, so names never repeat."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places = _places()
        self.variants: dict[str, Iterator[tuple[str, str | None]]] = {}
        self.used: set[str] = set()

    def _walk(self, base: str, chain: bool) -> Iterator[tuple[str, str | None]]:
        if not chain:
            yield base, None
        suffixes = self.rng.sample(pool.BRANCH_SUFFIX, len(pool.BRANCH_SUFFIX))
        yield from ((_at_place(base, s), None) for s in suffixes if s not in base)
        yield from ((_at_place(base, town), postcode) for postcode, town in self.places if town not in base)
        for street in pool.COMMON_STREETS:
            yield from ((_at_place(base, f"{town} {street}"), postcode) for postcode, town in self.places)

    def next(self, base: str, chain: bool, index: int) -> tuple[str, str | None]:
        walk = self.variants.setdefault(base, self._walk(base, chain))
        name, postcode = next(((n, p) for n, p in walk if n not in self.used), (f"{base} ({index})", None))
        self.used.add(name)
        return name, postcode


def _employer_name(rng: random.Random, index: int, names: _Names) -> _Workplace:
    """A new workplace: its kind (chain or single), its industry and a name not used before."""
    kind, stem, industry, social = rng.choices(pool.EMPLOYER_KINDS, weights=[2, 3, 2] + [1] * 10)[0]
    base = stem if kind == "chain" else rng.choice(pool.SINGLE_NAMES[stem])
    name, postcode = names.next(base, kind == "chain", index)
    return _Workplace(name, industry, social, stem if kind == "chain" else None, postcode)


def _employers(rng: random.Random, n: int, consultants: list[Staff]) -> tuple[list[Employer], list[ContactPerson]]:
    chain_cvr: dict[str, str] = {}
    employers: list[Employer] = []
    contacts: list[ContactPerson] = []
    names = _Names(rng)
    all_streets = sorted({street for streets in pool.STREETS.values() for street in streets})
    for i in range(n):
        w = _employer_name(rng, i, names)
        cvr = chain_cvr.setdefault(w.chain, cvr_with_check_digit(rng)) if w.chain else cvr_with_check_digit(rng)
        postcode = rng.choice(pool.EMPLOYER_POSTCODES)
        suffix = next((word for word in reversed(w.name.split()) if word in pool.SUFFIX_POSTCODE), None)
        if w.postcode:
            postcode = w.postcode
        elif suffix:
            postcode = pool.SUFFIX_POSTCODE[suffix]
        street = rng.choice(pool.STREETS.get(postcode) or all_streets)
        accommodations = tuple(sorted(rng.sample(list(vocab.STRAINS), rng.choice((0, 1, 1, 2, 3)))))
        employer = Employer(
            employer_id=f"E{i + 1:05d}", name=w.name, postcode=postcode, cvr=cvr,
            pnumber=str(rng.randint(1_000_000_000, 9_999_999_999)) if rng.random() < 0.8 else None,
            address=f"{street} {rng.randint(1, 180)}", industry=w.industry, accommodations=accommodations,
            adaptations_note=rng.choice(("", "", *pool.ADAPTATION_NOTES)),
            size_band=rng.choice(("1-9", "10-49", "50-249", "250+")), social_economy=w.social_economy,
            owner_staff_id=rng.choice(consultants).staff_id,
        )  # fmt: skip
        employers.append(employer)
        for _ in range(rng.choice((1, 1, 2))):
            first, last = rng.choice(pool.STAFF_FIRST), rng.choice(pool.STAFF_LAST)
            contacts.append(ContactPerson(
                f"K{len(contacts) + 1:06d}", employer.employer_id, f"{first} {last}", rng.choice(pool.CONTACT_ROLES),
                f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                f"{first.lower()}.{last.lower()}@example.dk".replace("ø", "oe").replace("æ", "ae").replace("å", "aa"),
            ))  # fmt: skip
    return employers, contacts


def _availability(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return ""  # not yet talked about: unknown
    start = rng.choice(("08:00", "08:15", "08:30", "09:00"))
    end = rng.choice(("13:00", "13:30", "14:00", "14:30", "15:00", "16:00"))
    days = rng.choice(("man-fre", "man-fre", "man-tor", "man,ons,fre", "tir,tor"))
    text = f"{days} {start}-{end}"
    if rng.random() < 0.15:
        text += f"; lør {rng.choice(('09:00', '10:00'))}-{rng.choice(('13:00', '14:00'))}"
    return normalise_windows(text)


def _citizen(rng: random.Random, index: int, team_id: str, makkerpar: tuple[str, str]) -> Citizen:
    female = rng.random() < 0.6
    first = rng.choice(pool.CITIZEN_FIRST_F if female else pool.CITIZEN_FIRST_M)
    modes = tuple(m for m in vocab.TRANSPORT_MODES if rng.random() < {"walk": 0.8, "bike": 0.4, "public": 0.8,
                                                                       "car": 0.2}[m])  # fmt: skip
    limited_walk = rng.random() < 0.15
    wishes = rng.sample(pool.WISH_POOL, rng.choice((1, 2, 2, 3)))
    return Citizen(
        citizen_id=f"C{index + 1:06d}",
        name=f"{first} {rng.choice(pool.CITIZEN_LAST)}",
        birth_year=rng.randint(1966, 1998),
        gender="female" if female else "male",
        country_of_origin=rng.choice(pool.COUNTRIES),
        postcode=rng.choice(pool.TEAM_POSTCODES[team_id]),
        max_hours_week=float(rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 12, 15, 15, 20, 25, 30, 37))),
        availability=_availability(rng),
        spare_strains=tuple(sorted(rng.sample(list(vocab.STRAINS), rng.choice((0, 1, 1, 2, 2, 3, 4))))),
        transport_modes=modes or ("public",),
        max_commute_min=rng.choice((15, 20, 30, 30, 40, 45, 60)) if rng.random() > 0.05 else None,
        max_walk_m=rng.choice((200, 300, 500)) if limited_walk else (rng.choice((None, 1500, 3000))),
        danish_level=rng.choice((0, 1, 1, 2, 2, 3)) if rng.random() > 0.05 else None,
        driving_license=rng.random() < 0.25,
        fleksjob_visitated=rng.random() < 0.4,
        wishes=", ".join(wishes),
        experience=", ".join(rng.sample(pool.EXPERIENCE_POOL, rng.choice((1, 1, 2)))),
        not_interested=rng.choice(pool.NOT_INTERESTED_POOL),
        status=rng.choice(("unemployed",) * 8 + ("education", "clarified", "ended")),
        team_id=team_id,
        partner1_id=makkerpar[0],
        partner2_id=makkerpar[1],
        own_words=rng.choice(pool.OWN_WORDS_POOL),
        consent_note=rng.choice(("Vil gerne foreslås til småjob og praktik i nærområdet.",
                                 "Vil foreslås til fleksjob med få timer.", "")),
    )  # fmt: skip


def _journey_citizens(team_staff: dict[str, list[Staff]]) -> list[Citizen]:
    """Two citizens modelled on the evaluation report's journeys (synthetic names and details)."""
    g = [s.staff_id for s in team_staff["gellerup"] if not s.is_leader]
    return [
        Citizen("C900001", "Samira Haddad", 1966, "female", "Libanon", "8220", 5.0, "tir,tor 09:00-13:00",
                ("heavy_lifting", "prolonged_standing", "time_pressure", "noise"), ("walk", "public"), 20, 200, 1,
                False, True, "butik, sy, lave mad", "madlavning til store familier", "rengøring",
                team_id="gellerup", partner1_id=g[0], partner2_id=g[7],
                own_words="Jeg vil gerne ud af lejligheden og have noget at stå op til.",
                consent_note="Vil foreslås til fleksjob med få timer tæt på hjemmet."),
        Citizen("C900002", "Jamal Nasser", 1968, "male", "Irak", "8220", 12.0, "man-fre 08:00-14:00",
                ("heavy_lifting", "cold", "time_pressure", "driving", "prolonged_standing"), ("walk", "bike", "public"),
                40, 1500, 2, True, True, "lette praktiske opgaver, kontor, cykler", "lagerarbejde, taxachauffør",
                "kølelager, chauffør", team_id="gellerup", partner1_id=g[3], partner2_id=g[7],
                own_words="Jeg vil arbejde, men jeg kan ikke tåle tunge løft og kulde.",
                consent_note="Vil foreslås til fleksjob, højst 12 timer, lav intensitet."),
    ]  # fmt: skip


def _citizens(rng: random.Random, n: int, staff: list[Staff]) -> list[Citizen]:
    team_staff: dict[str, list[Staff]] = {}
    for s in staff:
        team_staff.setdefault(s.team_id, []).append(s)
    out = []
    for i in range(n):
        roll, team_id = rng.random(), "tilst"
        if roll < TEAM_SHARES["gellerup"]:
            team_id = "gellerup"
        elif roll < TEAM_SHARES["gellerup"] + TEAM_SHARES["viby"]:
            team_id = "viby"
        members = [s for s in team_staff[team_id] if not s.is_leader]
        first = rng.choice(members)
        second = rng.choice([s for s in members if s.profession != first.profession])
        out.append(_citizen(rng, i, team_id, (first.staff_id, second.staff_id)))
    if n >= 50:
        out[:2] = _journey_citizens(team_staff)
    return out


def generate(
    seed: int = DEFAULT_SEED,
    citizens: int = DEFAULT_CITIZENS,
    employers: int = DEFAULT_EMPLOYERS,
    today: date | None = None,
) -> DemoData:
    """Generate the whole demo data set; the same arguments always give the same data."""
    from oto_match import demo_history as history

    today = today or date.today()
    rng = random.Random(seed)
    data = DemoData(today=today)
    data.teams, data.staff = _staff(rng)
    consultants = [s for s in data.staff if s.profession == "employer_consultant"]
    data.employers, data.contacts = _employers(rng, employers, consultants)
    if employers >= 20:  # one workplace registered twice, for the duplicate scan to find
        original = data.employers[7]
        data.employers[-1] = replace(
            original, employer_id=data.employers[-1].employer_id, pnumber=None, accommodations=(),
            name=f"{_TRAILING.sub('', original.name).upper()} ApS", owner_staff_id=consultants[-1].staff_id,
        )  # fmt: skip
    plan = history.plan_stages(rng, data.employers)
    data.employers = [
        replace(e, paused=True, paused_reason="Virksomheden har travlt i højsæsonen; tages op igen efter sommer")
        if plan[e.employer_id] == "paused" else e
        for e in data.employers
    ]  # fmt: skip
    data.visits = history.visits_for(rng, data.employers, plan, today)
    data.citizens = _citizens(rng, citizens, data.staff)
    staff_by_id = {s.staff_id: s for s in data.staff}
    n_open = max(1, round(15 * max(citizens, 75) / 75)) if citizens <= 1000 else citizens // 50
    data.jobs = history.jobs_for(rng, data.employers, plan, staff_by_id, today, n_open)
    # the citizens' status follows their placements when load_demo writes them through the one door
    data.placements, data.followups, data.hours = history.placements_for(rng, data.employers, plan, data.citizens,
                                                                         today)  # fmt: skip
    return data
