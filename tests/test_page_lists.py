"""The lists the pages show at national scale: filtered, counted and paged in the database, of the citizens the
actor sees, and the same rows in the same order as the whole lists they page through."""

from __future__ import annotations

from datetime import date

from oto_match.access import Scope
from oto_match.domain import Staff
from oto_match.services import citizen_lists
from oto_match.services import employers as employer_service
from oto_match.services import followups as followup_service
from oto_match.services import jobs as job_service
from oto_match.services import placements as placement_service
from oto_match.services.citizen_lists import CitizenWhere
from oto_match.services.paging import read_page
from oto_match.storage import citizen_list as citizen_list_sql
from oto_match.storage.db import Database
from oto_match.storage.placement_lists import FollowUpWhere, PlacementWhere
from tests.conftest import TODAY

LEADER = Staff("S001", "Leder", "gellerup", "team_leader", is_leader=True)
MEMBER = Staff("S006", "Konsulent", "gellerup", "employer_consultant")


def _rows(db: Database, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    return db.cursor().execute(sql, params or []).fetchall()


def test_a_page_past_the_end_is_the_last_page() -> None:
    numbers = list(range(1, 24))

    def read(offset: int, limit: int) -> tuple[list[int], int]:
        shown = numbers[offset : offset + limit]
        return shown, len(numbers) if shown else 0

    page = read_page(read, 9, 10)
    assert (page.rows, page.page, page.pages, page.matching, page.not_shown) == ([21, 22, 23], 3, 3, 23, 20)
    assert read_page(lambda offset, limit: ([], 0), 4, 10).page == 1


def test_the_jobs_are_paged_newest_first_as_the_whole_list_and_counted(demo_db: Database) -> None:
    every = [j.job_id for j in job_service.list_jobs(demo_db, None)]
    first = job_service.job_page(demo_db, None, "", 1, 7)
    second = job_service.job_page(demo_db, None, "", 2, 7)
    assert [x.job.job_id for x in first.rows + second.rows] == every[:14]
    assert first.matching == len(every) and first.pages == -(-len(every) // 7)
    opened = job_service.job_page(demo_db, "open", "", 1, 100)
    assert opened.matching == len(job_service.list_jobs(demo_db, "open"))
    assert {x.job.status for x in opened.rows} == {"open"}


def test_a_job_search_finds_the_title_and_the_employers_name(demo_db: Database) -> None:
    job_id, title, employer_id = _rows(demo_db, "SELECT job_id, title, employer_id FROM job_openings LIMIT 1")[0]
    (name,) = _rows(demo_db, "SELECT name FROM employers WHERE employer_id = ?", [employer_id])[0]
    by_employer = job_service.job_page(demo_db, None, str(name).upper(), 1, 100)
    assert job_id in {x.job.job_id for x in by_employer.rows}
    assert {x.employer_name for x in by_employer.rows} == {name}
    by_title = job_service.job_page(demo_db, None, str(title)[1:], 1, 100)
    assert job_id in {x.job.job_id for x in by_title.rows}
    assert job_service.job_page(demo_db, None, "ingen-job-hedder-sådan", 1, 10).matching == 0


def test_a_team_member_pages_through_the_citizens_of_the_team_only(demo_db: Database) -> None:
    team = [r[0] for r in _rows(demo_db, "SELECT citizen_id FROM citizens WHERE team_id = 'gellerup'"
                                         " ORDER BY name, citizen_id")]  # fmt: skip
    pages = [citizen_lists.citizen_page(demo_db, MEMBER, CitizenWhere(), n, 10)[0] for n in (1, 2, 3, 4)]
    assert [c.citizen_id for p in pages for c in p.rows] == team
    assert pages[0].matching == len(team)
    everyone = citizen_lists.citizen_page(demo_db, LEADER, CitizenWhere(), 1, 1000)[0]
    assert everyone.matching == _rows(demo_db, "SELECT count(*) FROM citizens")[0][0] > len(team)


def test_a_citizen_search_and_active_only_filter_in_the_database(demo_db: Database) -> None:
    citizen_id, name = _rows(demo_db, "SELECT citizen_id, name FROM citizens WHERE team_id = 'gellerup'"
                                      " AND status <> 'ended' LIMIT 1")[0]  # fmt: skip
    found = citizen_lists.citizen_page(demo_db, MEMBER, CitizenWhere(search=str(name).lower()))[0]
    assert citizen_id in {c.citizen_id for c in found.rows} and found.matching == len(found.rows)
    active = citizen_lists.citizen_page(demo_db, MEMBER, CitizenWhere("gellerup", active_only=True), 1, 1000)[0]
    assert "ended" not in {c.status for c in active.rows}
    options, matching = citizen_lists.citizen_choices(demo_db, MEMBER, CitizenWhere(), limit=5)
    assert len(options) == 5 and matching == len(_rows(demo_db, "SELECT 1 FROM citizens WHERE team_id = 'gellerup'"))


def test_the_chosen_citizen_stays_on_offer_only_if_the_actor_sees_them(demo_db: Database) -> None:
    mine, theirs = (_rows(demo_db, f"SELECT max(citizen_id) FROM citizens WHERE team_id = '{t}'")[0][0]
                    for t in ("gellerup", "viby"))  # fmt: skip
    options, _ = citizen_lists.citizen_choices(
        demo_db, MEMBER, CitizenWhere(search="ingen-hedder-sådan"), [mine, theirs]
    )
    assert list(options) == [mine]


def test_a_citizen_opened_by_a_grant_is_listed_beside_the_team(demo_db: Database) -> None:
    theirs = str(_rows(demo_db, "SELECT min(citizen_id) FROM citizens WHERE team_id = 'viby'")[0][0])
    scope = Scope(False, frozenset({"gellerup"}), frozenset({theirs}))
    with demo_db.transaction() as cur:
        lines, matching = citizen_list_sql.citizen_lines(cur, scope, CitizenWhere(), 0, 1000)
    teams = {c.team_id for c in lines}
    assert theirs in {c.citizen_id for c in lines} and teams == {"gellerup", "viby"}
    assert (
        matching == len(lines) == 1 + _rows(demo_db, "SELECT count(*) FROM citizens WHERE team_id = 'gellerup'")[0][0]
    )


def test_the_follow_up_pages_hold_the_due_follow_ups_in_their_order(demo_db: Database) -> None:
    later = date(2027, 1, 15)  # some overdue, some not: the overdue come first
    cases = [(MEMBER, FollowUpWhere(team_id="gellerup"), TODAY), (LEADER, FollowUpWhere(), later),
             (LEADER, FollowUpWhere(due_by=TODAY), TODAY), (LEADER, FollowUpWhere(staff_id="S006"), later)]  # fmt: skip
    for who, where, today in cases:
        whole = followup_service.due_followups(demo_db, who, today, where.due_by, where.staff_id, where.team_id)
        first = followup_service.followup_page(demo_db, who, today, where, 1, 4)
        pages = [followup_service.followup_page(demo_db, who, today, where, n, 4) for n in range(1, first.pages + 1)]
        assert [f for p in pages for f in p.rows] == whole
        assert first.matching == len(whole) and len(first.rows) == min(4, len(whole))
    overdue = [f.overdue for f in followup_service.due_followups(demo_db, LEADER, later)]
    assert any(overdue) and not all(overdue)


def test_the_placement_choices_are_capped_and_counted_and_keep_the_chosen_one(demo_db: Database) -> None:
    every = [n.placement.placement_id for n in placement_service.list_placements(demo_db, LEADER, None, None)]
    found, matching = placement_service.placement_choices(demo_db, LEADER, PlacementWhere(), limit=3)
    assert [n.placement.placement_id for n in found] == every[:3] and matching == len(every)
    kept, _ = placement_service.placement_choices(demo_db, LEADER, PlacementWhere(), keep=[every[-1]], limit=3)
    assert [n.placement.placement_id for n in kept] == [every[-1], *every[:3]]
    mine, matching = placement_service.placement_choices(demo_db, MEMBER, PlacementWhere(status="active"))
    assert [n.placement.placement_id for n in mine] == [
        n.placement.placement_id for n in placement_service.list_placements(demo_db, MEMBER, "gellerup", "active")
    ]
    assert matching == len(mine)
    name = mine[0].citizen_name
    searched, _ = placement_service.placement_choices(demo_db, MEMBER, PlacementWhere(search=name.upper()))
    assert {n.citizen_name for n in searched} == {name}


def test_employer_labels_name_the_employers_asked_for(demo_db: Database) -> None:
    employer_id, name, postcode = _rows(demo_db, "SELECT employer_id, name, postcode FROM employers LIMIT 1")[0]
    assert employer_service.employer_labels(demo_db, [employer_id, "E-findes-ikke", ""]) == {
        employer_id: f"{name} ({postcode})"
    }
