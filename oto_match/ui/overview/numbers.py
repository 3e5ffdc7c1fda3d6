"""The numbers under a chart: a small table (months as "jan 2026", numbers the Danish way) and "Hent som Excel"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from oto_match.ui import charts, common, downloads
from oto_match.ui.lists import thousands

MONTH = "Måned"


def shown(header: str, value: object) -> str:
    """A cell as the table shows it: a month as "jan 2026", a date dd-mm-yyyy, 1.234, 7,5."""
    if isinstance(value, date):
        return charts.month_text(value) if header == MONTH else common.fmt_date(value)
    if isinstance(value, bool) or value is None:
        return "–" if value is None else ("ja" if value else "nej")
    if isinstance(value, int):
        return thousands(value)
    if isinstance(value, float):
        return common.fmt_number(round(value, 1))
    return str(value)


def numbers(headers: list[str], rows: Sequence[Sequence[object]], file_name: str, key: str) -> None:
    """The chart's numbers in an expander, with a download of the same rows as .xlsx (dates as dates)."""
    with st.expander("Tallene bag figuren"):
        frame = pd.DataFrame([[shown(h, v) for h, v in zip(headers, row, strict=True)] for row in rows],
                             columns=headers)  # fmt: skip
        st.dataframe(frame, hide_index=True, width="stretch")
        downloads.table(headers, rows, file_name, key)
