"""Long lists at national scale, on every page: counts as Danes write them, "og 1.214 andre", and a page picker."""

from __future__ import annotations

from typing import Any

import streamlit as st


def thousands(n: int) -> str:
    """A whole number with the Danish thousands separator: 1214 -> '1.214'."""
    return f"{n:,}".replace(",", ".")


def and_others(n: int) -> str:
    """What follows a capped list: 'og 1.214 andre' ('' when nothing was left out)."""
    return f"og {thousands(n)} andre" if n > 0 else ""


def named_list(names: list[str], not_shown: int) -> str:
    """'A, B, C og 1.214 andre' (or 'A, B og C' when the list is whole)."""
    if not_shown > 0:
        return f"{', '.join(names)} {and_others(not_shown)}"
    return " og ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


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


def clickable_table(frame: Any, ids: list[str], key: str, **options: Any) -> str | None:
    """A read-only table whose row opens its record when clicked: the id of the row just clicked, else None.

    A click anywhere in a row counts (a cell of it, or the tick box at its left edge). Only a new click counts:
    the selection Streamlit keeps across reruns (or one left after a filter changed the rows) never reopens a
    record by itself."""
    event = st.dataframe(frame, key=key, on_select="rerun", selection_mode=["single-row", "single-cell"],
                         hide_index=True, width="stretch", **options)  # fmt: skip
    rows = tuple(event.selection.rows) or tuple(row for row, _ in event.selection.cells)
    if rows == st.session_state.get(f"{key}.seen"):
        return None
    st.session_state[f"{key}.seen"] = rows
    return ids[rows[0]] if rows and rows[0] < len(ids) else None
