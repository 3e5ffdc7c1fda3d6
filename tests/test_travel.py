from __future__ import annotations

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
