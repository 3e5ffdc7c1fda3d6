"""The rank path: availability stored at save time, columns read from storage and cached by data version,
reasons only for what is shown, one audit row per ranking shown, and a decision's snapshot of what was shown."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oto_match import citizen_columns, matching
from oto_match.cli import main
from oto_match.domain import Citizen, Employer, JobOpening, Staff
from oto_match.importexport import import_text
from oto_match.matching_rules import assess, job_context
from oto_match.records import CITIZEN_COLUMNS
from oto_match.services import candidates as candidate_service
from oto_match.services import citizens as citizen_service
from oto_match.services import matching as match_service
from oto_match.services.candidates import MatchDecision, Proposal
from oto_match.services.citizen_change import CitizenChange
from oto_match.services.matching import CARD, EXCLUDED_LINE, NEAR_MISS_LINE, JobRanking, Screen
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import ranking_columns
from oto_match.storage.db import Database, migrate, migration_files
from oto_match.timewindows import DAY, text_periods
from tests.strategies import citizens, employers, jobs

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _expected_rows(text: str) -> list[tuple[int, int, int]]:
    """The stretches of the text as the table keeps them: day, start after that midnight, end after it."""
    return sorted((p.start // DAY, p.start % DAY, p.end - p.start // DAY * DAY) for p in text_periods(text))


def _rows(db: Database, citizen_id: str) -> list[tuple[int, int, int]]:
    with db.transaction() as cur:
        return citizen_sql.availability_rows(cur, citizen_id)


def test_availability_rows_are_written_when_a_citizen_is_saved_and_equal_the_parsed_text(
    db: Database, actor: Staff
) -> None:
    text = "man-fre 08:00-12:00; fre 22:00-02:00; søn 23:00-01:00"
    saved = citizen_service.save_citizen(db, actor, CitizenChange("C1", "Ida", availability=text))
    assert _rows(db, "C1") == _expected_rows(text) and (6, 1380, 1500) in _rows(db, "C1")  # round into Monday
    changed = CitizenChange("C1", "Ida", version=saved.version, availability="tir 09:00-10:00")
    saved = citizen_service.save_citizen(db, actor, changed)
    assert _rows(db, "C1") == [(1, 540, 600)]  # replaced, nothing left of the old text
    citizen_service.save_citizen(db, actor, CitizenChange("C1", "Ida", version=saved.version, availability=""))
    assert _rows(db, "C1") == []


def test_availability_rows_are_written_by_citizens_csv_and_equal_the_parsed_text(db: Database, actor: Staff) -> None:
    header = ",".join(CITIZEN_COLUMNS)
    blank = "," * (len(CITIZEN_COLUMNS) - 1)
    column = CITIZEN_COLUMNS.index("availability")

    def row(citizen_id: str, name: str, availability: str) -> str:
        cells = blank.split(",")
        cells[0], cells[1], cells[column] = citizen_id, name, f'"{availability}"'
        return ",".join(cells)

    texts = {"C1": "man-ons 22:00-06:00", "C2": "lør,søn 10:00-14:00", "C3": ""}
    import_text(db, actor, "citizens", "\n".join([header, *(row(c, "X", t) for c, t in texts.items())]) + "\n")
    assert {c: _rows(db, c) for c in texts} == {c: _expected_rows(t) for c, t in texts.items()}
    import_text(db, actor, "citizens", f"{header}\n{row('C2', 'X', 'man 08:00-09:00')}\n")  # re-import updates
    assert _rows(db, "C2") == [(0, 480, 540)]


def test_the_migration_writes_the_availability_of_citizens_stored_before_it(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.duckdb")
    with db.transaction() as cur:
        cur.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                    " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")  # fmt: skip
        for version, name, sql in migration_files():
            if version <= 4 or version == 6:  # a database made before 0005 existed, with 0006 applied
                cur.execute(sql)
                cur.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
        cur.execute("INSERT INTO citizen_keys VALUES ('C1'), ('C2')")
        cur.execute("INSERT INTO citizens (citizen_id, name, availability) VALUES"
                    " ('C1', 'A', 'fre 22:00-02:00'), ('C2', 'B', '')")  # fmt: skip
    assert 5 in migrate(db)
    assert _rows(db, "C1") == _expected_rows("fre 22:00-02:00") == [(4, 1320, 1560)]
    assert _rows(db, "C2") == []
    db.close()


def _masks(db: Database, citizen_id: str) -> tuple[int, int]:
    with db.transaction() as cur:
        row = cur.execute("SELECT spare_strain_mask, transport_mode_mask FROM citizens WHERE citizen_id = ?",
                          [citizen_id]).fetchone()  # fmt: skip
    assert row is not None
    return int(row[0]), int(row[1])


def _bits(strains: tuple[str, ...], modes: tuple[str, ...]) -> tuple[int, int]:
    return citizen_columns.strain_mask(strains), citizen_columns.mode_mask(modes)


def test_the_masks_are_written_with_the_lists_when_a_citizen_is_saved_from_the_form(db: Database, actor: Staff) -> None:
    first = CitizenChange("C1", "Ida", spare_strains=("noise", "heavy_lifting"), transport_modes=("bike", "public"))
    saved = citizen_service.save_citizen(db, actor, first)
    assert _masks(db, "C1") == _bits(("noise", "heavy_lifting"), ("bike", "public")) and 0 not in _masks(db, "C1")
    changed = CitizenChange("C1", "Ida", version=saved.version, spare_strains=("noise",), transport_modes=())
    citizen_service.save_citizen(db, actor, changed)
    assert _masks(db, "C1") == (citizen_columns.STRAIN_BIT["noise"], 0)


def test_the_masks_are_written_by_citizens_csv_on_insert_and_on_update(db: Database, actor: Staff) -> None:
    header = ",".join(CITIZEN_COLUMNS)
    at = {name: CITIZEN_COLUMNS.index(name) for name in ("spare_strains", "transport_modes")}

    def row(citizen_id: str, strains: str, modes: str) -> str:
        cells = [""] * len(CITIZEN_COLUMNS)
        cells[0], cells[1], cells[at["spare_strains"]], cells[at["transport_modes"]] = citizen_id, "X", strains, modes
        return ",".join(cells)

    import_text(db, actor, "citizens", f"{header}\n{row('C1', 'noise', 'car')}\n{row('C2', '', 'walk')}\n")
    assert _masks(db, "C1") == _bits(("noise",), ("car",)) and _masks(db, "C2") == _bits((), ("walk",))
    import_text(db, actor, "citizens", f"{header}\n{row('C2', 'noise', 'bike')}\n")  # re-import updates
    assert _masks(db, "C2") == _bits(("noise",), ("bike",)) and _masks(db, "C1") == _bits(("noise",), ("car",))


def test_the_migration_writes_the_masks_of_citizens_stored_before_it(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.duckdb")
    with db.transaction() as cur:
        cur.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                    " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")  # fmt: skip
        for version, name, sql in migration_files():
            if version <= 8:  # a database made before 0009 existed
                cur.execute(sql)
                cur.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
        cur.execute("INSERT INTO citizen_keys VALUES ('C1'), ('C2'), ('C3')")
        cur.execute("INSERT INTO citizens (citizen_id, name, spare_strains, transport_modes) VALUES"
                    " ('C1', 'A', ['noise', 'noise', 'no-such-strain'], ['car', 'walk']),"
                    " ('C2', 'B', [], []), ('C3', 'C', ['noise'], ['walk', 'car'])")  # fmt: skip
    assert 9 in migrate(db)
    assert _masks(db, "C1") == _masks(db, "C3") == _bits(("noise",), ("car", "walk"))  # same bits as the engine's
    assert _masks(db, "C2") == (0, 0)
    db.close()


def test_columns_read_from_storage_rank_every_open_job_as_columns_built_from_the_citizens(demo_db: Database) -> None:
    with demo_db.transaction() as cur:
        people = citizen_sql.list_citizens(cur, active_only=True)
        open_jobs = job_sql.list_jobs(cur, "open")
        contexts = [job_context(j, employer_sql.get_employer(cur, j.employer_id)) for j in open_jobs]  # type: ignore[arg-type]
    stored, built = match_service.citizen_columns(demo_db, None), matching.prepare(people)
    assert list(stored.ids) == list(built.ids)
    assert stored.spare.tolist() == built.spare.tolist()  # the stored masks are the lists' bits
    assert stored.trips.modes[stored.trip].tolist() == built.trips.modes[built.trip].tolist()
    for ctx in contexts:
        a, b = matching.rank(ctx, stored), matching.rank(ctx, built)
        assert (a.statuses == b.statuses).all() and (a.score_tenths == b.score_tenths).all()
        assert (a.order == b.order).all() and (a.near_miss == b.near_miss).all()


def _busy_job(db: Database) -> str:
    """An open demo job with at least four proposals, a near miss and three excluded (for all teams)."""
    cols = match_service.citizen_columns(db, None)
    with db.transaction() as cur:
        for job in job_sql.list_jobs(cur, "open"):
            employer = employer_sql.get_employer(cur, job.employer_id)
            assert employer is not None
            result = matching.rank(job_context(job, employer), cols)
            verdicts = result.verdict.tolist()
            if verdicts.count(0) + verdicts.count(1) >= 4 and result.near_miss.any() and verdicts.count(2) >= 3:
                return job.job_id
    raise AssertionError("the demo has no busy job")


def test_the_kept_columns_are_read_again_after_a_citizen_is_saved(demo_db: Database, actor: Staff) -> None:
    job_id = _busy_job(demo_db)
    first = match_service.citizen_columns(demo_db, None)
    assert match_service.citizen_columns(demo_db, None) is first  # kept while nothing is written
    top = match_service.rank_job(demo_db, actor, job_id, top=1).candidates[0].citizen
    assert top.max_hours_week != 0.5
    opened = citizen_service.get_citizen(demo_db, actor, top.citizen_id)
    change = CitizenChange(top.citizen_id, top.name, version=opened.version, max_hours_week=0.5,
                           given=frozenset({"max_hours_week"}))  # fmt: skip
    citizen_service.save_citizen(demo_db, actor, change)
    assert match_service.citizen_columns(demo_db, None) is not first
    after = match_service.rank_job(demo_db, actor, job_id)
    again = next(c for c in after.candidates if c.citizen.citizen_id == top.citizen_id)
    assert again.citizen.max_hours_week == 0.5 and again.checks[0].status == "fail" and again.verdict == "excluded"


def test_rank_top_n_explains_only_n_with_the_same_verdicts_and_scores_as_without_top(
    demo_db: Database, actor: Staff
) -> None:
    everyone = match_service.rank_job(demo_db, actor, "J000001")
    top = match_service.rank_job(demo_db, actor, "J000001", top=5)
    assert len(top.explained) == 5 and len(everyone.explained) == everyone.ranked
    assert top.counts == everyone.counts
    assert top.candidates == everyone.candidates[:5]


def test_the_cli_rank_top_n_prints_the_first_n_of_the_full_ranking(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_db.path
    demo_db.close()
    assert main(["--db", path, "rank", "J000001", "--json"]) == 0
    everyone = json.loads(capsys.readouterr().out)["candidates"]
    assert main(["--db", path, "rank", "J000001", "--top", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["candidates"] == everyone[:3]


def _audit_rows(db: Database) -> list[tuple[str, str, list[str] | None]]:
    sql = "SELECT entity, entity_id, citizen_ids FROM audit_log WHERE entity = 'ranking' ORDER BY audit_id"
    return [(e, i, c) for e, i, c in db.cursor().execute(sql).fetchall()]


def test_a_ranking_shown_is_one_audit_row_naming_the_citizens_on_screen(demo_db: Database, actor: Staff) -> None:
    before = demo_db.cursor().execute("SELECT count(*) FROM audit_log").fetchall()[0][0]
    job_id, screen = _busy_job(demo_db), Screen(cards=2, listed=3)
    ranking = match_service.rank_for_meeting(demo_db, actor, job_id, None, screen)
    shown = [r for rows in ranking.rows(screen).values() for r in rows]
    assert set(ranking.explained) == set(shown) and len(ranking.explained) < ranking.ranked
    assert demo_db.cursor().execute("SELECT count(*) FROM audit_log").fetchall()[0][0] == before + 1
    assert _audit_rows(demo_db) == [("ranking", job_id, [ranking.result.citizen_id(r) for r in dict.fromkeys(shown)])]
    match_service.show(demo_db, actor, ranking, screen)  # the same screen again (a rerun): nothing new to log
    assert len(_audit_rows(demo_db)) == 1
    match_service.show(demo_db, actor, ranking, Screen(cards=4, listed=3))  # "Vis flere": one row, the new cards
    added = ranking.rows(Screen(cards=4, listed=3))[CARD][2:]
    assert len(added) == 2 and len(_audit_rows(demo_db)) == 2
    assert _audit_rows(demo_db)[-1][2] == [ranking.result.citizen_id(r) for r in added]
    trail = citizen_service.audit_trail(demo_db, actor, ranking.result.citizen_id(shown[0]))
    assert trail[0].detail == f"rangering til job {job_id}"  # the citizen's own log lists the ranking


def test_the_snapshot_of_a_decision_holds_the_citizens_shown_and_round_trips(demo_db: Database) -> None:
    actor = Staff("S006", "x", "gellerup", "employer_consultant")  # a demo staff member
    job_id, screen = _busy_job(demo_db), Screen(cards=3, listed=2)
    ranking = match_service.rank_for_meeting(demo_db, actor, job_id, None, screen)
    first = ranking.shown(screen, CARD)[0]
    decision = MatchDecision(job_id, (Proposal(first.citizen.citizen_id),), "passer godt")
    decision_id = candidate_service.record_decision(demo_db, actor, ranking, decision)
    with demo_db.transaction() as cur:
        stored = job_sql.get_decision(cur, decision_id)
    assert stored is not None
    kept = json.loads(stored.ranking_json)
    assert kept == json.loads(match_service.snapshot(ranking))
    assert kept["job"] == json.loads(json.dumps(asdict(ranking.job), default=str))  # the job's inputs
    assert sum(kept["counts"][v] for v in matching.VERDICTS) == kept["ranked"] == ranking.ranked
    assert kept["rule_version"] == stored.rule_version and kept["travel_ceiling_min"] > 0
    rows = ranking.rows(screen)
    assert [c["citizen_id"] for c in kept["candidates"]] == [c.citizen.citizen_id for c in ranking.candidates]
    cards = [c for c in kept["candidates"] if c["shown_as"] == CARD]
    assert [c["citizen_id"] for c in cards] == [ranking.result.citizen_id(r) for r in rows[CARD]]
    assert cards[0]["checks"] == [asdict(ch) for ch in first.checks] and cards[0]["score"] == first.score
    lines = [c for c in kept["candidates"] if c["shown_as"] in (NEAR_MISS_LINE, EXCLUDED_LINE)]
    assert all(ch["status"] == "fail" for c in lines for ch in c["checks"])


TEMPLATES = (
    Citizen("T", "", postcode="8220", max_hours_week=20, availability="man-fre 07:00-15:00; lør 22:00-04:00",
            transport_modes=("walk", "public", "bike"), max_commute_min=45, max_walk_m=1500, danish_level=2,
            driving_license=True, wishes="køkken, kantine og opvask, gerne morgenvagter i et storkøkken",
            experience="rengøring på hotel og opvask i kantine i flere år"),
    Citizen("T", "", postcode="8210", max_hours_week=8, availability="tir,tor 09:00-13:00", transport_modes=("public",),
            max_commute_min=20, spare_strains=("heavy_lifting", "noise"), wishes="lager", not_interested="rengøring"),
    Citizen("T", "", postcode="8260", max_hours_week=30, availability="man-søn 00:00-24:00",
            transport_modes=("car",), max_commute_min=60, danish_level=1, wishes="butik og kasse"),
    Citizen("T", "", postcode="8220", max_hours_week=10, availability="man-fre 06:00-16:00",
            transport_modes=("walk",), max_commute_min=30, wishes="opvask", experience="kantine"),
)  # fmt: skip


def test_the_snapshot_of_a_ranking_of_100000_stays_under_200_kb_with_a_full_screen() -> None:
    people = [replace(TEMPLATES[i % len(TEMPLATES)], citizen_id=f"C{i:06d}", name=f"Borger {i}")
              for i in range(100_000)]  # fmt: skip
    job = JobOpening("J1", "E1", "Køkkenmedhjælper i kantine", "small_job", hours_min_week=15, hours_max_week=25,
                     schedule="man-fre 08:00-14:00", strains=("noise",), description="Opvask og anretning")  # fmt: skip
    employer = Employer("E1", "Kantinen", "8220", industry="kantine")
    ranking = JobRanking(job, employer, None, matching.rank(job_context(job, employer), matching.prepare(people)))
    by_id = {c.citizen_id: c for c in people}
    for how, rows in ranking.rows(match_service.MOST_SHOWN).items():  # the most the meeting view shows
        match_service.explain(ranking, rows, {ranking.result.citizen_id(r): by_id[ranking.result.citizen_id(r)]
                                              for r in rows}, how)  # fmt: skip
    size = len(match_service.snapshot(ranking).encode("utf-8"))
    assert ranking.ranked == 100_000 and ranking.counts["near_miss"] > 100 and ranking.counts["excluded"] > 200
    assert 150 <= len(ranking.shown_as) <= 250  # 50 cards, 100 near misses, 100 excluded (a near miss is both)
    assert size < 200_000, size


@FAST
@given(job=jobs, employer=employers, people=st.lists(citizens, min_size=1, max_size=12,
                                                      unique_by=lambda c: c.citizen_id))  # fmt: skip
def test_the_engine_finds_the_same_near_misses_as_the_readable_rules(
    job: JobOpening, employer: Employer, people: list[Citizen]
) -> None:
    ctx = job_context(job, employer)
    ranking = matching.rank(ctx, matching.prepare(people))
    assert ranking.cols.citizens is not None
    readable = [matching.near_miss(assess(ctx, c), ctx, c) is not None if assess(ctx, c).verdict == "excluded"
                else False for c in ranking.cols.citizens]  # fmt: skip
    assert ranking.near_miss.tolist() == readable


def test_the_rank_command_loads_neither_pandas_pyarrow_scipy_nor_scikit_learn(demo_path: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    import duckdb

    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    with duckdb.connect(str(copy), read_only=True) as con:
        row = con.execute("SELECT job_id FROM job_openings WHERE status = 'open' ORDER BY job_id LIMIT 1").fetchone()
    assert row is not None
    code = (
        "import contextlib, io, sys; from oto_match.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(copy)!r}, 'rank', {row[0]!r}, '--top', '5', '--json']) == 0\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'scipy', 'sklearn', 'streamlit') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_columns_read_value_by_value_when_hashes_collide_equal_the_hashed_ones(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo_db.transaction() as cur:
        hashed = ranking_columns.ranking_inputs(cur, None)
        monkeypatch.setattr(ranking_columns, "_lookup", lambda distinct, hashes: None)  # as if two values collided
        exact = ranking_columns.ranking_inputs(cur, None)
    for name in ("wishes", "experience", "not_interested", "availability"):
        a, b = getattr(hashed, name), getattr(exact, name)
        assert [a.values[i] for i in a.codes] == [b.values[i] for i in b.codes]
    assert (hashed.spare == exact.spare).all()
    for field in ("postcode", "modes", "max_commute", "max_walk"):
        a, b = (np.asarray(getattr(t.trip, field), dtype=object)[t.trip.code] for t in (hashed, exact))
        assert [str(x) for x in a] == [str(x) for x in b]


@given(st.lists(st.integers(0, 2**64 - 1), unique=True, max_size=300), st.data())
def test_each_hash_is_found_at_its_place_among_the_distinct_hashes(distinct: list[int], data: st.DataObject) -> None:
    values = np.array(distinct, dtype=np.uint64)
    picks = data.draw(st.lists(st.integers(0, max(len(distinct) - 1, 0)), max_size=50 if distinct else 0))
    found = ranking_columns._lookup(values, values[np.array(picks, dtype=np.int64)])
    assert found is not None and found.tolist() == picks
    if len(distinct) > 1:
        assert ranking_columns._lookup(np.append(values, values[0]), values) is None  # two values share a hash
