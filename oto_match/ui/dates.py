"""Date fields whose typed value always reaches the validation.

Streamlit's date field quietly keeps its old value when a typed date lies outside its bounds (by default ten
years either side of its value, or `max_value`): a visit typed for next month would be saved as today. So every
date field takes these wide bounds, and the input's own rules (validation.DATE_MIN..DATE_MAX, no visit in the
future …) refuse the date with a Danish message naming the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any, overload

import streamlit as st

WIDEST_DATE = date(1900, 1, 1), date(9999, 12, 31)
EARLIEST, LATEST = WIDEST_DATE

# How every date field shows its date: 26-11-2026, as the lists write it (Streamlit allows day, month and year in
# this order with '-' between; its empty parts read 'dd-mm-åååå' through ui/danish.py).
DATE_FORMAT = "DD-MM-YYYY"


@overload
def date_field(label: str, value: date, *, where: Any = ..., key: str | None = ..., help: str | None = ...) -> date: ...
@overload
def date_field(
    label: str, value: None = ..., *, where: Any = ..., key: str | None = ..., help: str | None = ...
) -> date | None: ...
def date_field(
    label: str, value: date | None = None, *, where: Any = st, key: str | None = None, help: str | None = None
) -> date | None:
    """A date field in Danish order with the widest bounds, so what is typed reaches the validation (see above).

    `where` is a column or container to draw in (the page by default); `value` None leaves the field empty.
    """
    return where.date_input(label, value, EARLIEST, LATEST, format=DATE_FORMAT, key=key, help=help)
