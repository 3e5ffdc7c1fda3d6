"""Danish postcodes with their centre coordinates, offline.

Data: the PyPI package `countrystatecity-postal-codes` (ODbL 1.0, see README). Only the
postcode centre is known, which can be kilometres from the actual address.
"""

from __future__ import annotations

from functools import lru_cache

from countrystatecity_postal_codes import get_postcodes_of_country


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[float, float, str]]:
    table: dict[str, tuple[float, float, str]] = {}
    for p in get_postcodes_of_country("DK"):
        if p.latitude is None or p.longitude is None:
            continue
        table.setdefault(p.code, (float(p.latitude), float(p.longitude), p.localityName or ""))
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
