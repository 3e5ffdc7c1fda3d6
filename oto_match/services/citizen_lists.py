"""The citizen lists of the pages (Borgere, Nyt forløb's picker) at national scale: of the citizens the actor
sees, one page or a capped choice at a time, filtered and counted in the database. Reading a list is not
logged; opening a record is (services/citizens.get_citizen)."""

from __future__ import annotations

from collections.abc import Sequence

from oto_match.domain import Staff
from oto_match.services import guard
from oto_match.services.paging import Page, read_page
from oto_match.storage import citizen_list as list_sql
from oto_match.storage.citizen_list import CitizenLine, CitizenWhere
from oto_match.storage.db import Database

__all__ = ["CHOICES_MAX", "PAGE_SIZE", "CitizenLine", "CitizenWhere", "citizen_choices", "citizen_page"]

PAGE_SIZE = 50  # citizens per page of the Borgere list
CHOICES_MAX = 100  # citizens offered at once in a form's picker (search for the rest)


def citizen_page(db: Database, actor: Staff, where: CitizenWhere, page: int = 1, size: int = PAGE_SIZE,
                 keep: Sequence[str] = ()) -> tuple[Page[CitizenLine], list[CitizenLine]]:  # fmt: skip
    """Page `page` of the citizens the actor sees passing `where` (by name), and those of `keep` (e.g. the
    citizen chosen, kept on offer when the filters leave them out) the actor sees."""
    with db.transaction() as cur:
        scope = guard.scope_of(cur, actor)
        if scope.nothing:
            return Page([], 0, 1, 1, size), []
        shown = read_page(lambda offset, limit: list_sql.citizen_lines(cur, scope, where, offset, limit), page, size)
        kept = list_sql.citizen_lines_by_id(cur, scope, list(keep)) if keep else []
        return shown, kept


def citizen_choices(db: Database, actor: Staff, where: CitizenWhere, keep: Sequence[str] = (),
                    limit: int = CHOICES_MAX) -> tuple[dict[str, str], int]:  # fmt: skip
    """Citizens to pick in a form: up to `limit` passing `where` (by name) as id -> name, those of `keep`
    first, and how many pass in all."""
    first, kept = citizen_page(db, actor, where, 1, limit, keep)
    options = {c.citizen_id: c.name for c in kept} | {c.citizen_id: c.name for c in first.rows}
    return options, first.matching
