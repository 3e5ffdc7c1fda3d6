"""Date fields whose typed value always reaches the validation.

Streamlit's date field quietly keeps its old value when a typed date lies outside its bounds (by default ten
years either side of its value, or `max_value`): a visit typed for next month would be saved as today. So every
date field takes these wide bounds, and the input's own rules (validation.DATE_MIN..DATE_MAX, no visit in the
future …) refuse the date with a Danish message naming the field.
"""

from __future__ import annotations

from datetime import date

WIDEST_DATE = date(1900, 1, 1), date(9999, 12, 31)
EARLIEST, LATEST = WIDEST_DATE
