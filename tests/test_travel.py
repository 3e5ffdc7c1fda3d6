from __future__ import annotations

import numpy as np

from oto_match import postcodes, travel


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
