"""Danish postcodes with their centre coordinates, offline.

Data: the PyPI package `countrystatecity-postal-codes` (ODbL 1.0, see README). Only the
postcode centre is known, which can be kilometres from the actual address.

The package's JSON file is read directly, once per process and only when a postcode is first
looked up: its pydantic models cost about a third of a second to validate 1,000 rows, which
every command-line call paid at start-up.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

PACKAGE = "countrystatecity_postal_codes"


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[float, float, str]]:
    source = resources.files(PACKAGE).joinpath("data", "by-country", "DK", "postcodes.json")
    rows = json.loads(source.read_text(encoding="utf-8"))
    table: dict[str, tuple[float, float, str]] = {}
    for p in rows:
        latitude, longitude = p.get("latitude"), p.get("longitude")
        if latitude is None or longitude is None:
            continue
        table.setdefault(str(p["code"]), (float(latitude), float(longitude), p.get("localityName") or ""))
    return table


def is_known(postcode: str) -> bool:
    return postcode in _table()


def coordinates(postcode: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of the postcode's centre, or None when unknown."""
    if not postcode:
        return None
    row = _table().get(postcode)
    return (row[0], row[1]) if row else None


def town(postcode: str | None) -> str:
    if not postcode:
        return ""
    row = _table().get(postcode)
    return row[2] if row else ""


def all_postcodes() -> list[str]:
    return sorted(_table())
