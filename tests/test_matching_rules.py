"""Each hard criterion: pass, fail and unknown."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oto_match import travel
from oto_match.domain import Citizen, Employer, JobOpening
from oto_match.matching_rules import assess, check_hours, check_strains, commute, job_context

EMPLOYER = Employer("E1", "Kantinen", "8220")
JOB = JobOpening("J1", "E1", "Køkkenmedhjælper", "small_job", description="Opvask og anretning",
                 hours_min_week=10, hours_max_week=15, schedule="man-fre 09:00-12:00",
                 strains=("prolonged_standing", "heavy_lifting"))  # fmt: skip
CITIZEN = Citizen("C1", "Fatima", postcode="8220", max_hours_week=12, availability="man-fre 08:00-14:00",
                  transport_modes=("walk", "public"), max_commute_min=30, max_walk_m=3000, danish_level=2,
                  driving_license=False, fleksjob_visitated=True)  # fmt: skip


def status(criterion: str, job: JobOpening = JOB, citizen: Citizen = CITIZEN, employer: Employer = EMPLOYER) -> str:
    return assess(job_context(job, employer), citizen).status(criterion)


@pytest.mark.parametrize(
    "criterion, job_change, citizen_change, expected",
    [
        ("hours", {}, {}, "pass"),
        ("hours", {"hours_min_week": 15}, {}, "fail"),
        ("hours", {}, {"max_hours_week": None}, "unknown"),
        ("hours", {"hours_min_week": None}, {}, "unknown"),
        ("schedule", {}, {}, "pass"),
        ("schedule", {"schedule": ""}, {"availability": ""}, "pass"),  # an empty job schedule passes
        ("schedule", {}, {"availability": ""}, "unknown"),
        ("schedule", {"schedule": "man-fre 07:00-12:00"}, {}, "fail"),
        ("schedule", {"schedule": "man-fre 08:00-12:00"}, {}, "fail"),  # no time to get there
        ("schedule", {}, {"postcode": None}, "unknown"),  # fits, but travel time unknown
        ("strains", {}, {}, "pass"),
        ("strains", {}, {"spare_strains": ("heavy_lifting",)}, "fail"),
        ("commute", {}, {}, "pass"),
        ("commute", {}, {"postcode": None}, "unknown"),
        ("commute", {}, {"max_commute_min": None}, "unknown"),
        ("commute", {}, {"transport_modes": ()}, "unknown"),
        ("commute", {"postcode": "9000"}, {}, "fail"),  # Aalborg from Gellerup
        ("driving_license", {}, {}, "pass"),
        ("driving_license", {"driving_required": True}, {}, "fail"),
        ("driving_license", {"driving_required": True}, {"driving_license": None}, "unknown"),
        ("driving_license", {"driving_required": True}, {"driving_license": True}, "pass"),
        ("job_type", {"job_type": "flex_job"}, {}, "pass"),
        ("job_type", {"job_type": "flex_job"}, {"fleksjob_visitated": False}, "fail"),
        ("job_type", {"job_type": "flex_job"}, {"fleksjob_visitated": None}, "unknown"),
        ("job_type", {"job_type": "internship"}, {"fleksjob_visitated": False}, "pass"),
        ("language", {"danish_level_required": 2}, {}, "pass"),
        ("language", {"danish_level_required": 3}, {}, "fail"),
        ("language", {"danish_level_required": 1}, {"danish_level": None}, "unknown"),
        ("language", {"danish_level_required": 0}, {"danish_level": None}, "pass"),
        ("wishes", {}, {}, "pass"),
        ("wishes", {}, {"not_interested": "opvask, natarbejde"}, "fail"),
        ("wishes", {}, {"not_interested": "køkken"}, "fail"),  # fuzzy: part of køkkenmedhjælper
        ("wishes", {}, {"not_interested": "chauffør"}, "pass"),
    ],
)
def test_each_criterion(criterion: str, job_change: dict, citizen_change: dict, expected: str) -> None:
    assert status(criterion, replace(JOB, **job_change), replace(CITIZEN, **citizen_change)) == expected


def test_a_removable_strain_no_longer_conflicts() -> None:
    citizen = replace(CITIZEN, spare_strains=("heavy_lifting",))
    assert status("strains", citizen=citizen) == "fail"
    assert status("strains", replace(JOB, removable_strains=("heavy_lifting",)), citizen) == "pass"
    assert status("strains", citizen=citizen, employer=replace(EMPLOYER, accommodations=("heavy_lifting",))) == "pass"
    check = check_strains(job_context(replace(JOB, removable_strains=("heavy_lifting",)), EMPLOYER), citizen)
    assert check.detail == "✓ tunge løft: jobbet kan undvære det"


def test_reasons_are_plain_danish() -> None:
    ctx = job_context(JOB, EMPLOYER)
    assert check_hours(ctx, replace(CITIZEN, max_hours_week=12)).detail == "✓ 10 t/uge passer (kan 12)"
    assert check_strains(ctx, replace(CITIZEN, spare_strains=("heavy_lifting",))).detail == "✗ tunge løft — skal skånes"


def test_walking_beyond_the_limit_rules_walking_out() -> None:
    far = replace(JOB, postcode="8260")  # Viby from Gellerup: several km
    citizen = replace(CITIZEN, transport_modes=("walk",), max_walk_m=500, max_commute_min=300)
    trip = commute(job_context(far, EMPLOYER), citizen)
    assert trip.check.status == "fail" and "kan højst gå 500 m" in trip.check.detail


def test_public_transport_is_unknown_for_someone_who_can_walk_only_a_few_hundred_metres() -> None:
    citizen = replace(CITIZEN, transport_modes=("public",), max_walk_m=200, max_commute_min=60)
    trip = commute(job_context(JOB, EMPLOYER), citizen)
    assert trip.check.status == "unknown" and "200 m" in trip.check.detail


def test_a_result_within_twenty_percent_of_the_limit_is_unknown() -> None:
    ctx = job_context(replace(JOB, postcode="8260"), EMPLOYER)
    minutes = commute(ctx, replace(CITIZEN, transport_modes=("bike",), max_commute_min=300)).minutes
    assert minutes is not None
    for limit, expected in [(minutes / 0.79, "pass"), (minutes, "unknown"), (minutes / 1.19, "unknown"),
                            (minutes / 1.21, "fail")]:  # fmt: skip
        c = replace(CITIZEN, transport_modes=("bike",), max_commute_min=round(limit, 6))
        assert commute(ctx, c).check.status == expected, (limit, minutes)


def test_the_reference_journey_is_impossible_to_miss() -> None:
    """The father from the evaluation report: 12 h, no cold, no heavy lifting — the cold store must be excluded."""
    father = replace(CITIZEN, max_hours_week=12, spare_strains=("cold", "heavy_lifting", "time_pressure"))
    cold_store = replace(JOB, title="Lagermedarbejder, kølelager", hours_min_week=18, strains=("cold", "heavy_lifting"))
    a = assess(job_context(cold_store, EMPLOYER), father)
    assert a.verdict == "excluded"
    assert {ch.criterion for ch in a.checks if ch.status == "fail"} == {"hours", "strains"}


@pytest.mark.parametrize(
    "job_postcode, modes, max_walk_m, max_commute_min, licence, expected, detail",
    [
        ("8220", ("walk",), 200, None, None, "fail", "✗ ca. 1,5 km til fods — kan højst gå 200 m"),
        ("8220", ("walk",), 3000, None, None, "unknown",
         "? ca. 1,5 km til fods, ca. 20 min — maks. transporttid ikke kendt"),
        ("8260", ("bike",), None, 60, None, "pass", "✓ ca. 7,2 km på cykel, ca. 29 min (maks. 60)"),
        ("8260", ("walk", "bike"), 200, None, None, "unknown",
         "? ca. 7,2 km på cykel, ca. 29 min — maks. transporttid ikke kendt"),
        ("9000", ("car",), None, 300, True, "fail",
         "✗ ca. 131 km i bil, ca. 229 min (maks. 300) — over loftet på 90 min hver vej"),
        ("9000", ("car",), None, None, True, "fail",
         "✗ ca. 131 km i bil, ca. 229 min — over loftet på 90 min hver vej"),
        ("8210", ("walk",), None, 10, None, "fail",
         "✗ ca. 7,5 km til fods, ca. 100 min (maks. 10) — over loftet på 90 min hver vej"),
        ("8260", ("car",), None, 30, False, "pass",
         "✓ ca. 7,2 km i bil, ca. 17 min (maks. 30) — skal køres (har ikke kørekort)"),
        ("8260", ("public",), 200, 60, None, "unknown",
         "? ca. 7,2 km med bus, ca. 36 min (maks. 60) — kan kun gå 200 m til stoppestedet"),
    ],
)  # fmt: skip
def test_the_commute_leads_with_distance_and_way_of_travel_and_holds_when_data_is_missing(
    job_postcode: str, modes: tuple[str, ...], max_walk_m: int | None, max_commute_min: int | None,
    licence: bool | None, expected: str, detail: str,
) -> None:  # fmt: skip
    citizen = replace(CITIZEN, transport_modes=modes, max_walk_m=max_walk_m, max_commute_min=max_commute_min,
                      driving_license=licence)  # fmt: skip
    check = commute(job_context(replace(JOB, postcode=job_postcode), EMPLOYER), citizen).check
    assert (check.status, check.detail) == (expected, detail)


def test_the_travel_ceiling_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    citizen = replace(CITIZEN, transport_modes=("car",), max_commute_min=600, driving_license=True)
    far = job_context(replace(JOB, postcode="9000"), EMPLOYER)
    assert commute(far, citizen).check.status == "fail"
    monkeypatch.setattr(travel, "MAX_TRIP_MIN", 300)
    assert commute(far, citizen).check.status == "pass"


@pytest.mark.parametrize(
    "assessed, job_strains, removable, accommodations, spare, expected, detail",
    [
        (False, (), (), (), ("heavy_lifting",), "unknown", "? jobbets belastninger er ikke vurderet"),
        (False, (), (), (), ("cold", "noise"), "unknown", "? jobbets belastninger er ikke vurderet"),
        (False, (), (), (), (), "pass", "✓ ingen konflikt med skånehensyn"),  # nothing to spare: nothing to ask
        (False, ("cold",), (), (), ("cold",), "fail", "✗ kulde — skal skånes"),  # a known strain still counts
        (True, (), (), (), ("heavy_lifting",), "pass", "✓ ingen konflikt med skånehensyn"),  # assessed: none
        (True, ("heavy_lifting",), ("heavy_lifting",), (), ("heavy_lifting",), "pass",
         "✓ tunge løft: jobbet kan undvære det"),
        (True, ("heavy_lifting",), (), ("heavy_lifting",), ("heavy_lifting",), "pass",
         "✓ tunge løft: arbejdspladsen kan tilpasse"),
        (True, ("heavy_lifting", "cold"), ("heavy_lifting",), ("cold",), ("heavy_lifting", "cold"), "pass",
         "✓ tunge løft: jobbet kan undvære det; kulde: arbejdspladsen kan tilpasse"),
        (True, ("heavy_lifting", "cold"), ("heavy_lifting",), (), ("heavy_lifting", "cold"), "fail",
         "✗ kulde — skal skånes; tunge løft: jobbet kan undvære det"),
    ],
)  # fmt: skip
def test_strains_not_assessed_are_not_no_strains_and_the_reason_says_who_removes_a_strain(
    assessed: bool, job_strains: tuple[str, ...], removable: tuple[str, ...], accommodations: tuple[str, ...],
    spare: tuple[str, ...], expected: str, detail: str,
) -> None:  # fmt: skip
    job = replace(JOB, strains=job_strains, strains_assessed=assessed, removable_strains=removable)
    check = check_strains(job_context(job, replace(EMPLOYER, accommodations=accommodations)),
                          replace(CITIZEN, spare_strains=spare))  # fmt: skip
    assert (check.status, check.detail) == (expected, detail)


def test_the_father_is_not_told_a_job_nobody_assessed_has_no_conflict() -> None:
    """Heart disease, 12 hours at low intensity: a job with no recorded strains is a question, not a yes."""
    father = replace(CITIZEN, max_hours_week=12, spare_strains=("cold", "heavy_lifting", "time_pressure"))
    shop = replace(JOB, title="Butiksmedhjælper", hours_min_week=10, strains=(), strains_assessed=False)
    a = assess(job_context(shop, EMPLOYER), father)
    assert a.status("strains") == "unknown" and a.verdict != "eligible"
