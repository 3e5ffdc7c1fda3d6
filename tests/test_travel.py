from __future__ import annotations

import numpy as np
import pytest

from oto_match import config, postcodes, travel


def test_a_route_inside_one_postcode_counts_the_minimum_distance() -> None:
    here = postcodes.coordinates("8220")
    assert here is not None and travel.route_km(here, here) == travel.MIN_DISTANCE_KM


def test_the_detour_factor_lengthens_the_straight_line() -> None:
    a, b = postcodes.coordinates("8220"), postcodes.coordinates("8000")
    assert a and b
    assert 5 < travel.route_km(a, b) < 20


def test_public_transport_includes_the_walk_and_wait() -> None:
    assert travel.minutes(9.0, "public") == 9.0 / 18.0 * 60 + 12.0


def test_the_best_option_prefers_a_certain_mode() -> None:
    options = travel.mode_options(3.0, ("walk", "public"), 30, 200)
    best = travel.best_option(options)
    assert best is not None and best.mode == "public" and best.status == "unknown"


def test_the_engine_estimates_many_places_at_once_with_the_same_rule() -> None:
    places = [postcodes.coordinates(p) for p in ("8220", "8000", "8381", "9000")]
    job = postcodes.coordinates("8260")
    assert job and all(places)
    at_once = travel.route_km((np.array([p[0] for p in places]), np.array([p[1] for p in places])), job)  # type: ignore[index]
    assert at_once.tolist() == [travel.route_km(p, job) for p in places]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "env, expected",
    [({}, 90), ({"OTO_MAX_TRIP_MIN": "120"}, 120), ({"OTO_MAX_TRIP_MIN": " "}, 90)],
)
def test_the_travel_ceiling_is_ninety_minutes_unless_the_setting_says_otherwise(env: dict, expected: int) -> None:
    assert config.max_trip_minutes(env) == expected


@pytest.mark.parametrize("raw", ["0", "-5", "to timer", "1.5"])
def test_a_travel_ceiling_that_is_not_a_whole_number_of_minutes_is_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="OTO_MAX_TRIP_MIN"):
        config.max_trip_minutes({"OTO_MAX_TRIP_MIN": raw})


@pytest.mark.parametrize(
    "km, modes, limit, max_walk_m, expected",
    [
        (1.5, ("walk",), None, 200, [("walk", "fail")]),  # ruled out by max_walk_m, even with no known limit
        (1.5, ("walk",), None, 3000, [("walk", "unknown")]),  # no known limit: unknown at best
        (7.0, ("bike",), 60, None, [("bike", "pass")]),
        (150.0, ("car",), 600, None, [("car", "fail")]),  # over the ceiling, whatever the person's own limit
        (150.0, ("car",), None, None, [("car", "fail")]),
        (7.0, ("public",), 60, 200, [("public", "unknown")]),  # cannot be sure to reach the stop
        (150.0, ("public",), 60, 200, [("public", "fail")]),  # ... but a failing trip stays failed
    ],
)
def test_each_mode_is_judged_by_the_table_in_the_docstring(
    km: float, modes: tuple[str, ...], limit: float | None, max_walk_m: int | None, expected: list
) -> None:
    assert [(o.mode, o.status) for o in travel.mode_options(km, modes, limit, max_walk_m)] == expected
