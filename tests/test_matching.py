"""The engine: same verdicts as the readable rules, exact scores, invariance, near misses, order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oto_match.domain import Citizen, Employer, JobOpening
from oto_match.matching import VERDICTS, near_miss, prepare, rank, rank_loop
from oto_match.matching_rules import assess, job_context
from oto_match.scoring import SCORE_COMPONENTS, band
from tests.strategies import citizens, employers, jobs

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(
    job=jobs, employer=employers, people=st.lists(citizens, min_size=1, max_size=12, unique_by=lambda c: c.citizen_id)
)
def test_the_engine_gives_the_same_verdicts_and_statuses_as_the_readable_rules(
    job: JobOpening, employer: Employer, people: list[Citizen]
) -> None:
    ctx = job_context(job, employer)
    ranking = rank(ctx, prepare(people))
    people = ranking.cols.citizens  # the engine keeps citizens in id order
    assert [VERDICTS[v] for v in ranking.verdict] == rank_loop(ctx, people)
    for i, person in enumerate(people):
        statuses = [("pass", "unknown", "fail")[s] for s in ranking.statuses[:, i]]
        assert statuses == [ch.status for ch in assess(ctx, person).checks]


@FAST
@given(
    job=jobs, employer=employers, people=st.lists(citizens, min_size=1, max_size=8, unique_by=lambda c: c.citizen_id)
)
def test_score_components_add_up_exactly_to_the_score(
    job: JobOpening, employer: Employer, people: list[Citizen]
) -> None:
    ranking = rank(job_context(job, employer), prepare(people))
    for i in range(len(people)):
        parts = ranking.parts(i)
        score = ranking.score(i)
        if score is None:
            assert ranking.verdict[i] == 2
            continue
        assert parts.total_tenths == round(score * 10)
        assert sum(parts.as_points().values()) == pytest.approx(score)
        for key, points in parts.as_points().items():
            assert 0 <= points <= SCORE_COMPONENTS[key][0]
        assert 0 <= score <= 100


@FAST
@given(
    job=jobs, employer=employers,
    people=st.lists(citizens, min_size=2, max_size=8, unique_by=lambda c: c.citizen_id),
    birth_year=st.integers(1940, 2005), gender=st.sampled_from(["female", "male", "other", None]),
    country=st.sampled_from(["Danmark", "Somalia", "Libanon", None]), name=st.text(min_size=1, max_size=12),
)  # fmt: skip
def test_birth_year_gender_origin_and_name_change_no_score_or_verdict(
    job: JobOpening, employer: Employer, people: list[Citizen], birth_year: int, gender: str | None,
    country: str | None, name: str,
) -> None:  # fmt: skip
    ctx = job_context(job, employer)
    before = rank(ctx, prepare(people))
    changed = [replace(p, birth_year=birth_year, gender=gender, country_of_origin=country, name=name) for p in people]
    after = rank(ctx, prepare(changed))
    assert (before.verdict == after.verdict).all()
    assert (before.score_tenths == after.score_tenths).all()
    assert (before.order == after.order).all()


def test_fewer_restrictions_do_not_raise_the_score() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=5, hours_max_week=10,
                     strains=("noise",), removable_strains=("noise",))  # fmt: skip
    base = Citizen("C1", "A", postcode="8220", max_hours_week=10, transport_modes=("walk",), max_commute_min=30,
                   wishes="opvask", danish_level=1, driving_license=False, fleksjob_visitated=False)  # fmt: skip
    restricted = replace(base, citizen_id="C2", spare_strains=("noise",))
    ranking = rank(job_context(job, Employer("E1", "X", "8220")), prepare([base, restricted]))
    assert ranking.verdict.tolist() == [0, 0] and ranking.score(0) == ranking.score(1)


def test_order_is_eligible_then_uncertain_then_excluded() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=5)
    common = {"postcode": "8220", "transport_modes": ("walk",), "max_commute_min": 30, "danish_level": 1}
    people = [
        Citizen("C1", "Ekskluderet", max_hours_week=2, **common),
        Citizen("C2", "Usikker", max_hours_week=None, **common),
        Citizen("C3", "Passer", max_hours_week=10, **common),
    ]
    ranking = rank(job_context(job, Employer("E1", "X", "8220")), prepare(people))
    assert [people[i].citizen_id for i in ranking.order] == ["C3", "C2", "C1"]


@FAST
@given(
    job=jobs, employer=employers, people=st.lists(citizens, min_size=1, max_size=12, unique_by=lambda c: c.citizen_id)
)
def test_order_is_verdict_then_score_descending_then_fewest_fails_then_id(
    job: JobOpening, employer: Employer, people: list[Citizen]
) -> None:
    ranking = rank(job_context(job, employer), prepare(people))
    people = ranking.cols.citizens

    def expected_key(i: int) -> tuple[int, float, int, str]:
        fails = sum(ch.status == "fail" for ch in assess(ranking.ctx, people[i]).checks)
        return int(ranking.verdict[i]), -(ranking.score(i) or 0.0), fails, people[i].citizen_id

    assert ranking.order.tolist() == sorted(range(len(people)), key=expected_key)


def test_a_commute_longer_than_a_day_fails_the_schedule_in_the_engine_as_in_the_rules() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=5, schedule="man 09:00-12:00")
    walker = Citizen("C1", "A", postcode="9000", max_hours_week=10, availability="man-søn 00:00-23:59",
                     transport_modes=("walk",), max_commute_min=300, danish_level=1)  # fmt: skip
    ctx = job_context(job, Employer("E1", "X", "8220"))
    ranking = rank(ctx, prepare([walker]))
    assert ranking.minutes[0] > 24 * 60
    assert [ch.status for ch in assess(ctx, walker).checks][1] == "fail"
    assert ranking.statuses[1, 0] == 2


def _near(job: JobOpening, citizen: Citizen, employer: Employer | None = None) -> str | None:
    ctx = job_context(job, employer or Employer("E1", "X", "8220"))
    return near_miss(assess(ctx, citizen), ctx, citizen)


BASE = Citizen("C1", "A", postcode="8220", max_hours_week=12, availability="man-fre 08:00-14:00",
               transport_modes=("walk",), max_commute_min=30, danish_level=1)  # fmt: skip


def test_fifteen_hours_offered_and_twelve_possible_is_a_near_miss() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=15)
    assert _near(job, BASE) == "timetallet kan starte på 12 t/uge (i stedet for 15)"


def test_one_strain_the_workplace_could_remove_is_a_near_miss() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=5, strains=("noise", "cold"))
    assert _near(job, replace(BASE, spare_strains=("noise",))) == (
        "arbejdspladsen kan fjerne støj — et spørgsmål til arbejdspladsen (den har ikke sagt, at den kan)"
    )
    assert _near(job, replace(BASE, spare_strains=("noise", "cold"))) is None  # two conflicts: not near


def test_two_failed_criteria_are_not_a_near_miss() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=15, strains=("noise",))
    assert _near(job, replace(BASE, spare_strains=("noise",))) is None


def test_far_too_many_hours_is_not_a_near_miss() -> None:
    job = JobOpening("J1", "E1", "Lager", "ordinary", hours_min_week=37)
    assert _near(job, replace(BASE, max_hours_week=5)) is None


def test_the_score_band_names_strong_possible_weak() -> None:
    assert [band(80), band(50), band(10)] == ["stærk", "mulig", "svag"]


@pytest.mark.parametrize(
    "change, commute_status, commute_points",
    [
        ({}, "pass", True),
        ({"max_commute_min": None}, "unknown", False),  # unknown maximum: no commute points
        ({"max_commute_min": None, "max_walk_m": 200}, "fail", False),  # walking ruled out, nothing else
        ({"postcode": "9000", "max_commute_min": 600}, "fail", False),  # beyond the ceiling for everyone
    ],
)
def test_travel_limits_hold_in_the_engine_when_data_is_missing(
    change: dict, commute_status: str, commute_points: bool
) -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=5, postcode="8220")
    walker = replace(BASE, **{"transport_modes": ("walk",), "max_walk_m": 3000, "max_commute_min": 60, **change})
    ranking = rank(job_context(job, Employer("E1", "X", "8220")), prepare([walker]))
    assert ("pass", "unknown", "fail")[ranking.statuses[3, 0]] == commute_status
    assert (ranking.parts(0).commute > 0) is commute_points


@FAST
@given(
    job=jobs, employer=employers, person=citizens,
    others=st.lists(citizens, max_size=8, unique_by=lambda c: c.citizen_id),
    more=st.lists(citizens, max_size=8, unique_by=lambda c: c.citizen_id),
)  # fmt: skip
def test_the_score_of_a_pair_does_not_depend_on_who_else_is_ranked(
    job: JobOpening, employer: Employer, person: Citizen, others: list[Citizen], more: list[Citizen]
) -> None:
    ctx = job_context(job, employer)

    def seen_among(crowd: list[Citizen]) -> tuple:
        cols = prepare([person, *[c for c in crowd if c.citizen_id != person.citizen_id]])
        i = next(i for i, c in enumerate(cols.citizens) if c is person)
        ranking = rank(ctx, cols)
        score = ranking.score(i)
        return ranking.parts(i), score, None if score is None else band(score), ranking.statuses[:, i].tolist()

    alone = seen_among([])
    assert seen_among(others) == alone
    assert seen_among(more + others) == alone


@pytest.mark.parametrize(
    "people",
    [
        [],  # a team with no citizens
        [Citizen("C1", "A"), Citizen("C2", "B", max_hours_week=10)],  # nobody with any text
        [Citizen("C1", "A", wishes="-", experience="ab")],  # texts too short for an n-gram
    ],
)
def test_ranking_with_no_citizens_or_no_text_gives_an_empty_or_text_free_ranking(people: list[Citizen]) -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", description="Opvask", hours_min_week=5)
    ranking = rank(job_context(job, Employer("E1", "X", "8220")), prepare(people))
    assert len(ranking.order) == len(people)
    assert not ranking.score_tenths[:2].any()  # no wishes or experience points without text


@pytest.mark.parametrize(
    "note, expected",
    [
        ("", "arbejdspladsen kan fjerne tunge løft — et spørgsmål til arbejdspladsen (den har ikke sagt, at den kan)"),
        ("løftehjælpemidler", "arbejdspladsen kan fjerne tunge løft — den har nævnt «løftehjælpemidler»: "
                              "spørg, om det dækker tunge løft"),
        ("Vi har Løftehjælpemidler og fleksible mødetider",
         "arbejdspladsen kan fjerne tunge løft — den har nævnt «løftehjælpemidler»: spørg, om det dækker tunge løft"),
        ("hæve-sænkebord", "arbejdspladsen kan fjerne tunge løft — et spørgsmål til arbejdspladsen "
                           "(den har ikke sagt, at den kan)"),
    ],
)  # fmt: skip
def test_the_strain_near_miss_says_whether_the_workplace_mentioned_an_adaptation_or_it_is_a_question(
    note: str, expected: str
) -> None:
    job = JobOpening("J1", "E1", "Varepåfylder", "small_job", hours_min_week=5, strains=("heavy_lifting",))
    employer = Employer("E1", "X", "8220", adaptations_note=note)
    assert _near(job, replace(BASE, spare_strains=("heavy_lifting",)), employer) == expected


@pytest.mark.parametrize(
    "schedule, citizen_change, expected",
    [
        # 1,5 km on foot: 20 min each way; availability man-fre 08:00-14:00 is 30 h, net of travel 26 h 40 min
        ("man-fre 07:00-11:00", {}, "arbejdstiden kan lægges inden for man-fre 08:00-14:00 "
                                    "(med 20 min transport hver vej)"),
        ("man-fre 07:00-13:00", {}, None),  # 30 h fit the availability, but not once travel is counted
        ("man-fre 07:00-13:00", {"postcode": None}, "arbejdstiden kan lægges inden for man-fre 08:00-14:00"),
        ("man-lør 08:00-14:00", {}, None),  # more hours than the availability holds
    ],
)  # fmt: skip
def test_the_schedule_near_miss_counts_travel_time(schedule: str, citizen_change: dict, expected: str | None) -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", hours_min_week=5, schedule=schedule, postcode="8220")
    assert _near(job, replace(BASE, **citizen_change)) == expected


def test_the_schedule_reason_names_every_day_that_does_not_fit() -> None:
    job = JobOpening("J1", "E1", "Opvasker", "small_job", schedule="man-fre 07:00-11:00; lør 09:00-10:00",
                     postcode="8220")  # fmt: skip
    citizen = replace(BASE, availability="man,ons 06:00-12:00; tir,tor 06:50-12:00; fre 08:00-14:00")
    check = assess(job_context(job, Employer("E1", "X", "8220")), citizen).checks[1]
    assert check.detail == ("✗ fre 07:00-11:00; lør 09:00-10:00 ligger uden for tilgængelighed; "
                            "tir, tor 07:00-11:00 — ikke tid til transport (20 min)")  # fmt: skip
