"""Danish charts: altair (Vega-Lite) with a Danish number and time-format locale.

What works in Streamlit 1.67 (tried in headless Chromium): the chart's own ``config.locale`` (Vega-Lite's per-view
locale) survives ``st.altair_chart`` and formats axis labels and tooltips; vega-embed's ``formatLocale`` /
``timeFormatLocale`` in ``usermeta.embedOptions`` do NOT (Streamlit keeps only theme, renderer and padding there).

Use:
    chart = alt.Chart(frame).mark_bar().encode(
        x=charts.time_x("Måned", "month"), y=charts.count_y("Antal", "Virksomheder"))
    st.altair_chart(charts.danish(chart), width="stretch")

``danish`` must be the LAST call (it configures the top-level chart; a layer ``a + b`` is configured as a whole).
Every axis gets an explicit Danish title: Vega-Lite's default titles are English ("Dato (year-month)").
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import altair as alt
import pandas as pd

TimeUnit = Literal["day", "week", "month"]

DANISH_NUMBERS: dict[str, Any] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", "\u00a0kr."],
    "percent": "\u00a0%",  # "65 %", with a space that does not break
}
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober"]
MONTHS += ["november", "december"]
DANISH_TIME: dict[str, Any] = {
    "dateTime": "%A den %-d. %B %Y %H:%M:%S",
    "date": "%d-%m-%Y",
    "time": "%H:%M:%S",
    "periods": ["", ""],
    "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
    "months": MONTHS,
    "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}
DANISH_LOCALE = alt.Locale(number=DANISH_NUMBERS, time=DANISH_TIME)

# d3 format strings, read through the Danish locale above.
PERCENT = ".0%"  # 0.65 -> "65 %"
INTEGER = ",d"  # 1234 -> "1.234"
DECIMAL = ",.1~f"  # 1234.5 -> "1.234,5", 8.0 -> "8"
TIME_FORMATS: dict[TimeUnit, str] = {
    "day": "%-d. %b",  # "7. okt"
    "week": "uge %-V",  # "uge 12" — the ISO week of the date, so give the week's Monday
    "month": "%b %Y",  # "jan 2026"
}
TOOLTIP_TIME_FORMATS: dict[TimeUnit, str] = {"day": "%-d. %b %Y", "week": "uge %-V %G", "month": "%B %Y"}
ORDINAL_UNITS: dict[TimeUnit, str] = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}
DAY_MS = 24 * 60 * 60 * 1000
IPS_RED = "#d62728"
BAR_STEP = alt.Step(28)  # the height of one bar (with its gap) in a chart of horizontal bars
LABEL_LIMIT = 320  # pixels of an axis or legend label before it is cut with "…" (Vega's default 180 cuts industries)


def danish(chart: Any) -> Any:
    """The chart with Danish number and date formats, drawn as SVG (its text is then in the page, so a browser test
    can read it), sized to fit the width. Call it last, on the chart handed to st.altair_chart.

    Field names must not contain a dot ("pr. uge"): Vega-Lite reads it as a nested field. Put the dot in the title.
    Do not call .configure() on the chart yourself: it would be replaced here."""
    usermeta = dict(chart.usermeta) if _has(chart, "usermeta") else {}
    embed = dict(usermeta.get("embedOptions") or {})
    embed.setdefault("renderer", "svg")
    # Streamlit's default autosize "fit" squeezes legend and axes into the given height; "fit-x" fits the width
    # only, so a chart of horizontal bars grows with its rows (alt.Step) and a legend adds to the height.
    autosize = chart.autosize if _has(chart, "autosize") else alt.AutoSizeParams(type="fit-x", contains="padding")
    chart = chart.properties(usermeta={**usermeta, "embedOptions": embed}, autosize=autosize)
    chart = chart.configure(locale=DANISH_LOCALE)
    return chart.configure_axis(labelLimit=LABEL_LIMIT).configure_legend(labelLimit=LABEL_LIMIT)


def _has(chart: Any, name: str) -> bool:
    value = getattr(chart, name, alt.Undefined)
    return value is not alt.Undefined and value is not None


def time_x(field: str, unit: TimeUnit, title: str = "", *, temporal: bool = False) -> alt.X:
    """A date axis labelled the Danish way: "7. okt" (day), "uge 12" (week), "jan 2026" (month).

    Default (temporal=False): one band per day/week/month, for bars — the field holds a date, for "week" the
    Monday of the week. temporal=True: a continuous time axis (lines, steps); use "day" or "month" there — Vega's own
    week ticks fall on Sundays."""
    axis_fmt = TIME_FORMATS[unit]
    if not temporal:
        return alt.X(
            f"{ORDINAL_UNITS[unit]}({field}):O", title=title or None, axis=alt.Axis(format=axis_fmt, labelAngle=0)
        )
    if unit == "month":
        axis = alt.Axis(format=axis_fmt, tickCount=alt.TimeIntervalStep(interval="month", step=1))
    else:
        axis = alt.Axis(format=axis_fmt, tickMinStep=DAY_MS)
    return alt.X(f"{field}:T", title=title or None, axis=axis)


def time_tooltip(field: str, unit: TimeUnit, title: str) -> alt.Tooltip:
    """A tooltip line with the date the Danish way ("7. okt 2026", "uge 12 2026", "januar 2026")."""
    return alt.Tooltip(f"{field}:T", format=TOOLTIP_TIME_FORMATS[unit], title=title)


def count_y(field: str, title: str) -> alt.Y:
    """A y axis of whole numbers ("1.234"), starting at zero."""
    return alt.Y(f"{field}:Q", title=title, axis=alt.Axis(format=INTEGER, tickMinStep=1))


def count_x(field: str, title: str) -> alt.X:
    """An x axis of whole numbers ("1.234"), for horizontal bars; `field` may be an aggregate ("sum(Antal)")."""
    return alt.X(f"{field}:Q", title=title, axis=alt.Axis(format=INTEGER, tickMinStep=1))


def number_y(field: str, title: str) -> alt.Y:
    """A y axis of numbers with at most one decimal ("37,5", "8")."""
    return alt.Y(f"{field}:Q", title=title, axis=alt.Axis(format=DECIMAL))


def percent_y(field: str, title: str) -> alt.Y:
    """A y axis of shares 0–1 shown as "65 %", always 0 to 100 %."""
    return alt.Y(f"{field}:Q", title=title, axis=alt.Axis(format=PERCENT), scale=alt.Scale(domain=[0, 1]))


def reference_rule(value: float, field: str = "y") -> alt.Chart:
    """A red dashed horizontal line at `value` (a reference such as the IPS 65 % or six contacts a week)."""
    return alt.Chart(pd.DataFrame({field: [value]})).mark_rule(color=IPS_RED, strokeDash=[4, 4]).encode(y=f"{field}:Q")


def reference_rule_x(value: float, field: str = "x") -> alt.Chart:
    """A red dashed vertical line at `value` (for horizontal bars)."""
    return alt.Chart(pd.DataFrame({field: [value]})).mark_rule(color=IPS_RED, strokeDash=[4, 4]).encode(x=f"{field}:Q")


def month_text(d: date) -> str:
    """The month of a date as the charts write it: "jan 2026"."""
    return f"{DANISH_TIME['shortMonths'][d.month - 1]} {d.year}"

