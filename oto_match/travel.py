"""Travel-time estimate from postcode centres: the rule, the detour factor and the speeds.

The rule, in plain words:
  * distance = straight line between the two postcode centres × DETOUR_FACTOR, but at least
    MIN_DISTANCE_KM (inside one postcode we do not know where people live);
  * minutes by a mode = distance / speed + fixed overhead (walking to the stop and waiting,
    parking);
  * walking is ruled out when the route is longer than the person can walk (`max_walk_m`);
  * a trip longer than the ceiling, MAX_TRIP_MIN (90 minutes each way unless the setting
    OTO_MAX_TRIP_MIN says otherwise), is ruled out for everyone, whatever their own limit;
  * public transport is *uncertain* for someone who can walk less than PUBLIC_MIN_WALK_M
    (we cannot assume they reach the stops);
  * postcode centres can be kilometres off, so a result within ±UNCERTAINTY (20 %) of the
    person's limit is `unknown` rather than pass or fail;
  * without a recorded maximum travel time a mode that is not ruled out is `unknown` (and the
    score gives no commute points);
  * the person's best mode counts: the best status first, then the fewest minutes.

Each case, with the `commute` result:

  | situation                                                    | commute  |
  |--------------------------------------------------------------|----------|
  | best mode at most 80 % of the person's maximum               | pass     |
  | between 80 % and 120 % of the maximum                        | unknown  |
  | more than 120 % of the maximum                               | fail     |
  | longer than the ceiling (90 min), even within the maximum    | fail     |
  | maximum travel time not recorded, a mode not ruled out       | unknown  |
  | maximum not recorded, every mode ruled out (e.g. walking     | fail     |
  |   only, further than `max_walk_m`, or over the ceiling)      |          |
  | bus only, can walk less than 500 m                           | unknown (unless it fails anyway) |
  | postcode or transport modes not recorded                     | unknown  |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from oto_match import config

DETOUR_FACTOR = 1.3
MIN_DISTANCE_KM = 1.5
PUBLIC_MIN_WALK_M = 500
UNCERTAINTY = 0.20
MAX_TRIP_MIN = config.max_trip_minutes()


@dataclass(frozen=True)
class ModeSpeed:
    code: str
    label: str  # as in "ca. 12 km med bus"
    km_per_hour: float
    overhead_min: float


MODE_SPEEDS: dict[str, ModeSpeed] = {
    "walk": ModeSpeed("walk", "til fods", 4.5, 0.0),
    "bike": ModeSpeed("bike", "på cykel", 15.0, 0.0),
    "public": ModeSpeed("public", "med bus", 18.0, 12.0),
    "car": ModeSpeed("car", "i bil", 35.0, 5.0),
}
MODE_ORDER = ("walk", "bike", "public", "car")


def route_km(a: tuple[Any, Any], b: tuple[float, float]) -> Any:
    """Estimated route length between two points (lat, lon): haversine × detour, at least the minimum.

    `a` may hold arrays of latitudes and longitudes: the ranking engine estimates every place at once.
    """
    lat1, lon1, lat2, lon2 = (np.radians(x) for x in (*a, *b))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    straight = 2 * 6371.0 * np.arcsin(np.sqrt(h))
    return np.maximum(straight * DETOUR_FACTOR, MIN_DISTANCE_KM)


def minutes(km: Any, mode: str) -> Any:
    """Minutes by `mode` for `km` (a number or an array)."""
    speed = MODE_SPEEDS[mode]
    return km / speed.km_per_hour * 60 + speed.overhead_min


@dataclass(frozen=True)
class ModeOption:
    mode: str
    minutes: float
    status: str  # pass, unknown, fail for this mode alone
    note: str = ""


def judge_minutes(mins: float, limit: float | None) -> str:
    """pass below 80 % of the limit, fail above 120 %, unknown in between (postcode centres are rough) or when
    the limit is not recorded."""
    if limit is None:
        return "unknown"
    if mins <= limit * (1 - UNCERTAINTY):
        return "pass"
    if mins <= limit * (1 + UNCERTAINTY):
        return "unknown"
    return "fail"


def mode_options(km: float, modes: tuple[str, ...], limit: float | None, max_walk_m: int | None) -> list[ModeOption]:
    """Each of the person's modes, with its minutes and status under the rule above."""
    options = []
    for mode in MODE_ORDER:
        if mode not in modes:
            continue
        mins = minutes(km, mode)
        status, note = judge_minutes(mins, limit), ""
        if mode == "walk" and max_walk_m is not None and km * 1000 > max_walk_m:
            status, note = "fail", f"kan højst gå {max_walk_m} m"
        elif mins > MAX_TRIP_MIN:
            status, note = "fail", f"over loftet på {MAX_TRIP_MIN} min hver vej"
        if mode == "public" and max_walk_m is not None and max_walk_m < PUBLIC_MIN_WALK_M and status != "fail":
            status, note = "unknown", f"kan kun gå {max_walk_m} m til stoppestedet"
        options.append(ModeOption(mode, mins, status, note))
    return options


STATUS_RANK = {"pass": 0, "unknown": 1, "fail": 2}


def best_option(options: list[ModeOption]) -> ModeOption | None:
    """The best mode: best status first, then fewest minutes."""
    if not options:
        return None
    return min(options, key=lambda o: (STATUS_RANK[o.status], o.minutes))
