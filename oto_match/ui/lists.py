"""Long lists at national scale, on every page: counts as Danes write them, "og 1.214 andre", and a page picker."""

from __future__ import annotations

from typing import Any

import streamlit as st

from oto_match.ui.common import plain


def thousands(n: int) -> str:
    """A whole number with the Danish thousands separator: 1214 -> '1.214'."""
    return f"{n:,}".replace(",", ".")


def and_others(n: int) -> str:
    """What follows a capped list: 'og 1.214 andre' ('' when nothing was left out)."""
    return f"og {thousands(n)} andre" if n > 0 else ""


def page_number(key: str) -> int:
    """The page asked for (1 until the picker below the list has been used)."""
    return int(st.session_state.get(key, 1))


def page_picker(key: str, page: int, pages: int, size: int, matching: int, what: str) -> None:
    """'Viser 101-200 af 1.214 <what>' and, when there is more than one page, a page number."""
    first, last = (page - 1) * size + 1, min(page * size, matching)
    st.caption(f"Viser {thousands(first)}–{thousands(last)} af {thousands(matching)} {what}" if matching else "")
    if pages > 1:
        st.session_state[key] = page  # the page shown (the list may have shrunk since it was asked for)
        st.number_input(f"Side (af {thousands(pages)})", min_value=1, max_value=pages, step=1, key=key)


def clicked_row(selection: Any) -> int | None:
    """The row a click chose in a table: the row ticked at its left edge, or the row of the cell clicked."""
    rows = [*selection.rows] or [row for row, _ in selection.cells]
    return rows[0] if rows else None


def clickable_table(frame: Any, ids: list[str], key: str, names: list[str] | None = None,
                    **options: Any) -> str | None:  # fmt: skip
    """A read-only table whose row opens its record when clicked: the id of the row just clicked, else None.

    A click anywhere in a row counts (a cell of it, or the tick box at its left edge). Only a new click counts:
    the selection Streamlit keeps across reruns (or one left after a filter changed the rows) never reopens a
    record by itself. Given `names` (one per row), a toast tells where the record opened: below the table,
    often below the fold at 1366x768, where a user would not see it (Streamlit 1.67 cannot scroll there)."""
    event = st.dataframe(frame, key=key, on_select="rerun", selection_mode=["single-row", "single-cell"],
                         hide_index=True, width="stretch", **options)  # fmt: skip
    row = clicked_row(event.selection)
    seen = (row,) if row is not None else ()
    if seen == st.session_state.get(f"{key}.seen"):
        return None
    st.session_state[f"{key}.seen"] = seen
    if row is None or row >= len(ids):
        return None
    if names is not None:
        st.toast(opened_below(names[row] if row < len(names) else None), icon=":material/arrow_downward:")
    return ids[row]


def opened_below(name: str | None) -> str:
    """What a click on a row tells the user: the record is open, further down the page."""
    return f"{plain(name)} er åbnet længere nede på siden." if name else "Rækken er åbnet længere nede på siden."
