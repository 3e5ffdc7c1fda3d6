"""The duplicate scan's kept result: reused until the register changes, read 25 pairs at a time."""

from __future__ import annotations

import random
import string
from dataclasses import replace

from oto_match.domain import Employer, Staff
from oto_match.employer_inputs import EmployerChange
from oto_match.services import employer_dedup, employers
from oto_match.services.employer_dedup import PairFilter
from oto_match.storage import employers as employer_sql
from oto_match.storage.db import Database


def _register(db: Database) -> None:
    """30 pairs written twice with alike names (15 in 8220, 15 in 8000) and 3 pairs sharing a P-number."""
    rng = random.Random(7)
    rows = []
    for i in range(30):
        word = "".join(rng.choices(string.ascii_lowercase, k=9))
        postcode = "8220" if i < 15 else "8000"
        rows += [Employer(f"E{i:02d}a", f"{word} service", postcode),
                 Employer(f"E{i:02d}b", f"{word[:-1].upper()} SERVICE ApS", postcode)]  # fmt: skip
    for i in range(3):
        pnumber = f"10000000{i:02d}"
        rows += [Employer(f"P{i}a", f"Kantine {i} Nord", "8260", pnumber=pnumber),
                 Employer(f"P{i}b", f"Madhus {i} Syd", "8260", pnumber=pnumber)]  # fmt: skip
    with db.transaction() as cur:
        for e in rows:
            employer_sql.save_employer(cur, e)


def test_the_kept_scan_is_reused_until_an_employer_changes_and_then_says_it_is_outdated(
    db: Database, actor: Staff
) -> None:
    _register(db)
    assert employer_dedup.scan_status(db) is None
    first = employer_dedup.run_scan(db, actor)
    assert (first.pairs, first.employers, first.outdated) == (33, 66, False)
    assert employer_dedup.ensure_scan(db, actor).computed_at == first.computed_at  # not scanned again
    with db.transaction() as cur:
        e = employer_sql.get_employer(cur, "E00a")
    assert e is not None
    employers.save_employer(db, actor, replace(EmployerChange.editing(e), name="Noget helt andet"))
    status = employer_dedup.scan_status(db)
    assert status is not None and status.outdated and status.pairs == 33  # the old list is still shown
    again = employer_dedup.ensure_scan(db, actor)
    assert (again.pairs, again.outdated) == (32, False) and again.computed_at > first.computed_at


def test_a_change_the_scan_does_not_read_leaves_it_current(db: Database, actor: Staff) -> None:
    _register(db)
    employer_dedup.run_scan(db, actor)
    with db.transaction() as cur:
        e = employer_sql.get_employer(cur, "E00a")
    assert e is not None
    employers.save_employer(db, actor, replace(EmployerChange.editing(e), industry="Rengøring"))
    status = employer_dedup.scan_status(db)
    assert status is not None and not status.outdated


def test_pairs_are_shown_25_at_a_time_strongest_first_and_the_filters_work(db: Database, actor: Staff) -> None:
    _register(db)
    employer_dedup.run_scan(db, actor)
    page1 = employer_dedup.pair_page(db, PairFilter())
    assert (len(page1.pairs), page1.matching, page1.pages) == (25, 33, 2)
    assert [p.a_id for p in page1.pairs[:3]] == ["P0a", "P1a", "P2a"]  # the same P-number: strongest
    scores = [p.score for p in page1.pairs]
    assert scores == sorted(scores, reverse=True)
    page2 = employer_dedup.pair_page(db, PairFilter(), page=2)
    assert len(page2.pairs) == 8 and max(p.score for p in page2.pairs) <= min(scores)
    assert employer_dedup.pair_page(db, PairFilter(), page=9).page == 2  # past the end: the last page
    in_8000 = employer_dedup.pair_page(db, PairFilter(postcode="8000"))
    assert in_8000.matching == 15 and {p.a_postcode for p in in_8000.pairs} == {"8000"}
    same_p = employer_dedup.pair_page(db, PairFilter(reason="pnumber"))
    assert same_p.matching == 3 and all("samme P-nummer" in p.reasons for p in same_p.pairs)
    assert employer_dedup.pair_page(db, PairFilter(postcode="8000", reason="pnumber")).matching == 0
    assert employer_dedup.pair_postcodes(db) == ["8000", "8220", "8260"]


def test_a_merge_from_a_current_list_drops_the_merged_pairs_and_keeps_the_list_current(
    db: Database, actor: Staff
) -> None:
    _register(db)
    employer_dedup.run_scan(db, actor)
    employer_dedup.merge(db, actor, "E00a", "E00b")
    status = employer_dedup.scan_status(db)
    assert status is not None and (status.pairs, status.outdated) == (32, False)
    assert all("E00b" not in (p.a_id, p.b_id) for p in employer_dedup.pair_page(db, PairFilter(), 1, 100).pairs)
