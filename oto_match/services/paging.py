"""Long lists at national scale, one page at a time: the database filters, counts and pages, so a page
reads the 25-100 rows it shows and how many match, never every row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, and how many match in all (for "Viser 51–100 af 1.214")."""

    rows: list[T]
    matching: int
    page: int
    pages: int
    size: int

    @property
    def not_shown(self) -> int:
        """How many match but are not on this page ("og 1.214 andre")."""
        return self.matching - len(self.rows)


def read_page(read: Callable[[int, int], tuple[list[T], int]], page: int, size: int) -> Page[T]:
    """Page `page` (from 1; past the end, e.g. after a filter shrank the list: the last page) of what
    `read(offset, limit)` returns as (rows, how many match; 0 when no row is returned)."""
    page = max(1, page)
    rows, matching = read((page - 1) * size, size)
    if not rows and page > 1:
        rows, matching = read(0, size)
        page = max(1, -(-matching // size))
        if page > 1:
            rows, matching = read((page - 1) * size, size)
    return Page(rows, matching, page, max(1, -(-matching // size)), size)
