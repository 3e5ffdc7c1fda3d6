"""The citizen's right to erasure and the retention rule: the citizen becomes an anonymous placeholder, every trace
of their name, e-mail and phone is gone from the whole database, the statistics and the audit chain hold, one
transaction, leaders only; retention erases exactly the closed cases past the period."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from oto_match.access import Role, TemporaryAccess, User
from oto_match.domain import Citizen, Staff
from oto_match.errors import NotFoundError, PermissionDeniedError, RuleError, ValidationError
from oto_match.placement_inputs import FollowUpLog, HoursUpdate, NewPlacement
from oto_match.services import candidates, erasure, followups, matching, placements
from oto_match.services.audit_log import verify_log
from oto_match.services.candidates import CandidateMove, CandidateNote, MatchDecision, Proposal
from oto_match.services.erasure import RetentionPeriod, closed_past_retention, parse_period
from oto_match.storage import accounts as accounts_sql
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import erasure as erasure_sql
from oto_match.storage.db import Database
from oto_match.storage.erasure import CaseFacts
from oto_match.vocab import ERASED_NAME
from tests.conftest import build_placement_world

TODAY = date(2026, 11, 24)
NAME, EMAIL, PHONE = "Fatima Ali", "fatima.ali@example.dk", "22 33 44 55"
LEADER = User("S1", "Anne Virksomhed", "gellerup", "team_leader", is_leader=True, role=Role.LEADER, username="anne")
TEAM_MEMBER = User("S2", "Bo Job", "gellerup", "job_consultant", role=Role.TEAM, username="bo")
SYSTEM = Staff("S1", "Anne Virksomhed", "gellerup", "system")  # a stored staff id: decisions name who decided


def _personal_citizen(db: Database) -> None:
    """C1 (Fatima Ali) with her e-mail and phone in her own words, consent note and wishes; C2 another citizen."""
    with db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, "C1")
        assert citizen is not None
        citizen_sql.save_citizen(cur, replace(
            citizen, birth_year=1980, gender="female", country_of_origin="Syrien", postcode="8220",
            availability="man-fre 09:00-14:00", wishes=f"køkken, skriv til {EMAIL}", own_words=f"Ring på {PHONE}",
            consent_note=f"{NAME} har sagt ja den 1/9", consent_date=TODAY - timedelta(days=90),
        ))  # fmt: skip
        citizen_sql.save_citizen(cur, Citizen("C2", "Omar Hansen", postcode="8220", team_id="gellerup"))


def build_world(path: Path) -> Database:
    """C1 with a placement (texts, a follow-up note, an hours note), on J1's candidate list by a decision whose
    reason names her, moved a step with a note, a candidate note, a temporary access grant and audit rows."""
    db = build_placement_world(path)
    _personal_citizen(db)
    ranking = matching.rank_job(db, SYSTEM, "J1", "gellerup")
    candidates.record_decision(db, SYSTEM, ranking, MatchDecision(
        "J1", (Proposal("C1", override_reason=f"{NAME} vil gerne"), Proposal("C2", override_reason="prøver")),
        f"{NAME} og Omar passer til køkkenet"))  # fmt: skip
    candidates.move_candidate(db, SYSTEM, CandidateMove("J1", "C1", "citizen_agreed", f"aftalt på {PHONE}", 1))
    candidates.add_note(db, SYSTEM, CandidateNote("J1", "C1", f"mail til {EMAIL}"))
    p = placements.create_placement(db, SYSTEM, NewPlacement(
        "C1", "E1", "internship", TODAY - timedelta(days=30), 10.0, "J1", citizen_expects=f"{NAME} vil lære",
        adaptations_note=f"ring {PHONE} ved sygdom"))  # fmt: skip
    followups.log_followup(db, SYSTEM, p.placement_id, None, FollowUpLog(TODAY, "citizen", "thriving",
                           f"{NAME} trives, {EMAIL}"), TODAY, placement_version=p.version)  # fmt: skip
    with db.transaction() as cur:
        followups.record_hours(cur, SYSTEM, [HoursUpdate(p.placement_id, TODAY, 12.0, "S1", f"aftalt på {PHONE}")])
        accounts_sql.insert_grant(cur, TemporaryAccess("G1", "S3", "C1", f"dækker for Bo, {NAME} er syg", "S1",
                                                       datetime(2026, 11, 1), datetime(2026, 11, 2)))  # fmt: skip
    version = placements.placement_view(db, SYSTEM, p.placement_id, TODAY).placement.version
    placements.end_placement(db, SYSTEM, p.placement_id, TODAY, "health", f"{NAME} blev syg", version=version)
    return db


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("erasure") / "world.duckdb"
    build_world(path).close()
    return path


@pytest.fixture
def world(world_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the world (built once per module)."""
    copy = tmp_path / "world.duckdb"
    copy.write_bytes(world_file.read_bytes())
    db = Database(copy)
    yield db
    db.close()


def everything(db: Database, leave_out: tuple[str, ...] = ()) -> str:
    """Every value of every table (the audit log too, unless left out), as one text."""
    with db.transaction() as cur:
        tables = [r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables"
                                            " WHERE table_schema = 'main' ORDER BY table_name").fetchall()]  # fmt: skip
        rows = {t: cur.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables if t not in leave_out}
    return "\n".join(f"{t}: {found!r}" for t, found in rows.items())


def fingerprint(db: Database) -> str:
    return everything(db)


def but_the_log(db: Database) -> str:
    """Everything but the audit log (which a plan or a dry run appends to)."""
    return everything(db, leave_out=("audit_log",))


def statistics(db: Database) -> tuple[object, ...]:
    """What the statistics count: retention figures, and rows per table that holds the citizen's case."""
    figures = placements.retention_figures(db, LEADER, TODAY)
    with db.transaction() as cur:
        counts = cur.execute(
            "SELECT (SELECT count(*) FROM citizens), (SELECT count(*) FROM placements),"
            " (SELECT count(*) FROM followups), (SELECT count(*) FROM placement_hours),"
            " (SELECT count(*) FROM candidates), (SELECT count(*) FROM candidate_events),"
            " (SELECT count(*) FROM candidate_notes), (SELECT count(*) FROM match_decisions),"
            " (SELECT list(hours_week ORDER BY effective_date) FROM placement_hours),"
            " (SELECT list((status, end_reason, start_date, end_date)) FROM placements)"
        ).fetchone()  # fmt: skip
    return figures, counts


def test_the_world_holds_the_citizens_name_email_and_phone_before(world: Database) -> None:
    text = everything(world)
    assert NAME in text and EMAIL in text and PHONE in text


def test_erasing_leaves_a_placeholder_and_no_trace_of_name_email_or_phone_anywhere(world: Database) -> None:
    before = statistics(world)
    result = erasure.erase_citizen(world, LEADER, "C1")
    assert result.former_name == NAME and result.counts["placements"] == 1 and result.counts["decisions"] == 1
    text = everything(world)
    for trace in (NAME, EMAIL, PHONE, "Fatima", "Syrien"):
        assert trace not in text, trace
    with world.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, "C1")
        erased_at = cur.execute("SELECT erased_at FROM citizens WHERE citizen_id = 'C1'").fetchone()
    assert citizen is not None and citizen.name == ERASED_NAME and citizen.team_id == "gellerup"
    assert citizen.birth_year is None and citizen.postcode is None and citizen.spare_strains == ()
    assert erased_at is not None and erased_at[0] == result.erased_at
    assert statistics(world) == before  # placements, follow-ups, hours and the figures unchanged


def test_the_other_citizen_keeps_everything_and_the_decision_its_other_cards(world: Database) -> None:
    erasure.erase_citizen(world, LEADER, "C1")
    with world.transaction() as cur:
        (snapshot, reason) = cur.execute("SELECT ranking_json, reason FROM match_decisions").fetchone()  # type: ignore[misc]
        other = citizen_sql.get_citizen(cur, "C2")
        other_reason = cur.execute("SELECT reason FROM candidates WHERE citizen_id = 'C2'").fetchone()
    cards = {c["citizen_id"]: c for c in json.loads(snapshot)["candidates"]}
    assert cards["C1"]["erased"] is True and "inputs" not in cards["C1"] and "checks" not in cards["C1"]
    assert set(cards["C1"]) <= {"citizen_id", "position", "shown_as", "verdict", "score", "erased"}
    assert "inputs" in cards["C2"] or "checks" in cards["C2"]
    assert reason == "slettet borger og Omar passer til køkkenet" and other_reason == (reason,)
    assert other is not None and other.name == "Omar Hansen" and other.postcode == "8220"


def test_the_audit_rows_are_blanked_the_erasure_is_logged_and_the_chain_verifies(world: Database) -> None:
    erasure.erase_citizen(world, LEADER, "C1")
    assert verify_log(world, SYSTEM).broken_at is None
    with world.transaction() as cur:
        rows = cur.execute(
            "SELECT action, detail, erased_at, citizen_ids FROM audit_log"
            " WHERE (entity = 'citizen' AND entity_id = 'C1') OR list_contains(citizen_ids, 'C1') ORDER BY audit_id"
        ).fetchall()  # fmt: skip
        ranking_rows = cur.execute("SELECT citizen_ids, erased_at FROM audit_log WHERE entity = 'ranking'").fetchall()
    *blanked, last = rows
    assert blanked and all(detail == "" and erased_at is not None for _, detail, erased_at, _ in blanked)
    assert last[0] == "erase" and last[2] is None and "slettet" in last[1] and NAME not in last[1]
    assert ranking_rows and all("C1" not in ids and "C2" in ids and at is not None for ids, at in ranking_rows)


def test_a_failure_midway_leaves_everything_as_it_was(world: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(world)

    def fail(*_args: object) -> int:
        raise RuntimeError("disken er fuld")

    monkeypatch.setattr(erasure_sql, "blank_audit_rows", fail)  # the last step: everything before it is undone
    with pytest.raises(RuntimeError):
        erasure.erase_citizen(world, LEADER, "C1")
    assert fingerprint(world) == before


def test_only_a_leader_may_erase_and_a_refusal_writes_nothing(world: Database) -> None:
    before = fingerprint(world)
    for who in (TEAM_MEMBER, replace(TEAM_MEMBER, role=Role.EMPLOYER_ONLY)):
        with pytest.raises(PermissionDeniedError, match="Kun en leder"):
            erasure.erase_citizen(world, who, "C1")
        with pytest.raises(PermissionDeniedError, match="Kun en leder"):
            erasure.erase_closed_cases(world, who, RetentionPeriod(years=5), TODAY)
    assert fingerprint(world) == before


def test_erasing_twice_or_an_unknown_id_is_told_in_danish(world: Database) -> None:
    erasure.erase_citizen(world, LEADER, "C1")
    with pytest.raises(RuleError, match="allerede slettet"):
        erasure.erase_citizen(world, LEADER, "C1")
    with pytest.raises(NotFoundError, match="ingen borger med borger-id C99"):
        erasure.erase_citizen(world, LEADER, "C99")


def test_a_citizen_still_followed_in_an_active_placement_is_not_erased(world: Database) -> None:
    placements.create_placement(world, SYSTEM, NewPlacement("C2", "E1", "internship", TODAY, 10.0, "J1"))
    with pytest.raises(RuleError, match="aktivt forløb"):
        erasure.erase_citizen(world, LEADER, "C2")


def test_the_plan_says_what_will_be_erased_and_changes_nothing_but_the_log(world: Database) -> None:
    before = but_the_log(world)
    plan = erasure.erasure_plan(world, LEADER, "C1")
    assert plan.name == NAME and plan.counts["notes"] == 1 and plan.counts["grants"] == 1 and plan.counts["audit"]
    assert but_the_log(world) == before


# --- retention ---------------------------------------------------------------------------------------------------


def _facts(status: str = "ended", last: date | None = date(2020, 1, 1), followed: int = 0, released: int = 0
           ) -> CaseFacts:  # fmt: skip
    return CaseFacts("C1", "X", "gellerup", status, 1, followed, released, last)


@pytest.mark.parametrize(("facts", "erased"), [
    (_facts(), True),
    (_facts(last=date(2021, 11, 24)), False),  # exactly five years ago: kept
    (_facts(last=date(2021, 11, 23)), True),
    (_facts(last=None), False),  # nothing known: left for a person
    (_facts(status="unemployed"), False),  # an open case
    (_facts(followed=1), False),  # still followed up
    (_facts(status="job", released=1), True),  # released by the team long ago
    (_facts(status="job", released=1, followed=1), False),
], ids=["old", "exactly", "a-day-more", "no-date", "open", "followed", "released", "released-followed"])  # fmt: skip
def test_the_retention_rule_on_a_table_of_cases(facts: CaseFacts, erased: bool) -> None:
    assert closed_past_retention(facts, TODAY, RetentionPeriod(years=5)) is erased


@pytest.mark.parametrize(("text", "period"), [
    ("5y", RetentionPeriod(years=5)), ("60m", RetentionPeriod(months=60)), ("60months", RetentionPeriod(months=60)),
    ("365d", RetentionPeriod(days=365)), (" 2 år ", RetentionPeriod(years=2)),
])  # fmt: skip
def test_a_period_is_read_from_years_months_or_days(text: str, period: RetentionPeriod) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["5", "fem år", "5x", "0y", "-1y", ""])
def test_a_bad_period_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_period(text)
    assert e.value.fields() == {"older_than"}


def _old_cases(db: Database) -> None:
    """C3 ended long ago, C4 ended recently, C5 open and untouched for years (C1, the world's, is open)."""
    old, recent = datetime(2019, 5, 1), datetime(2026, 6, 1)
    with db.transaction() as cur:
        for cid, name, status in (("C3", "Gammel Sag", "ended"), ("C4", "Ny Sag", "ended"),
                                  ("C5", "Åben Sag", "unemployed")):  # fmt: skip
            citizen_sql.save_citizen(cur, Citizen(cid, name, team_id="viby", status=status))
        for cid, at in (("C3", old), ("C4", recent), ("C5", old)):
            cur.execute("UPDATE citizens SET changed_at = ? WHERE citizen_id = ?", [at, cid])


def test_a_retention_dry_run_lists_exactly_the_closed_old_cases_and_changes_nothing(world: Database) -> None:
    _old_cases(world)
    before = but_the_log(world)
    found = erasure.erase_closed_cases(world, LEADER, RetentionPeriod(years=5), TODAY, dry_run=True)
    assert [(c.citizen_id, c.name, c.closed_since) for c in found] == [("C3", "Gammel Sag", date(2019, 5, 1))]
    assert but_the_log(world) == before
    short = erasure.erase_closed_cases(world, LEADER, timedelta(days=100), TODAY, dry_run=True)
    assert [c.citizen_id for c in short] == ["C3", "C4"]  # C1 and C5 are open


def test_retention_erases_the_closed_old_cases_and_never_an_open_one(world: Database) -> None:
    _old_cases(world)
    erased = erasure.erase_closed_cases(world, LEADER, parse_period("100d"), TODAY)
    assert [c.citizen_id for c in erased] == ["C3", "C4"]
    with world.transaction() as cur:
        names = dict(cur.execute("SELECT citizen_id, name FROM citizens").fetchall())
        logged = cur.execute("SELECT entity_id, detail FROM audit_log WHERE action = 'erase' ORDER BY entity_id")
        erase_rows = logged.fetchall()
    assert names["C3"] == names["C4"] == ERASED_NAME and names["C5"] == "Åben Sag" and names["C1"] == NAME
    assert [r[0] for r in erase_rows] == ["C3", "C4"] and "100 dage" in erase_rows[0][1]
    assert verify_log(world, SYSTEM).broken_at is None
    assert erasure.erase_closed_cases(world, LEADER, parse_period("100d"), TODAY) == []  # erased once


def _six_years_back(db: Database, citizen_id: str) -> None:
    """Everything of the citizen's case happened six years earlier (time passing, without a clock to turn)."""
    back = "INTERVAL 6 YEAR"
    of_placements = "placement_id IN (SELECT placement_id FROM placements WHERE citizen_id = ?)"
    with db.transaction() as cur:
        cur.execute(f"UPDATE citizens SET changed_at = changed_at - {back} WHERE citizen_id = ?", [citizen_id])
        cur.execute(f"""UPDATE placements SET start_date = start_date - {back}, released_on = released_on - {back},
                        planned_end_date = NULL, changed_at = changed_at - {back} WHERE citizen_id = ?""",
                    [citizen_id])  # fmt: skip
        cur.execute(f"""UPDATE followups SET due_date = due_date - {back}, done_date = done_date - {back},
                        changed_at = changed_at - {back} WHERE {of_placements}""", [citizen_id])  # fmt: skip
        cur.execute(f"UPDATE placement_hours SET effective_date = effective_date - {back} WHERE {of_placements}",
                    [citizen_id])  # fmt: skip


def test_a_placement_the_team_released_long_ago_is_a_closed_case_and_one_followed_is_not(world: Database) -> None:
    with world.transaction() as cur:
        citizen_sql.save_citizen(cur, Citizen("C6", "Sluppet Borger", team_id="gellerup", status="job"))
        citizen_sql.save_citizen(cur, Citizen("C7", "Fulgt Borger", team_id="gellerup", status="job"))
    long_ago = TODAY - timedelta(days=400)
    released = placements.create_placement(world, SYSTEM, NewPlacement("C6", "E1", "internship", long_ago, 10.0))
    placements.release(world, SYSTEM, released.placement_id, TODAY - timedelta(days=300), version=released.version)
    placements.create_placement(world, SYSTEM, NewPlacement("C7", "E1", "internship", long_ago, 10.0))
    for cid in ("C6", "C7"):
        _six_years_back(world, cid)
    found = erasure.erase_closed_cases(world, LEADER, RetentionPeriod(years=5), TODAY, dry_run=True)
    assert [c.citizen_id for c in found] == ["C6"]
    with world.transaction() as cur:
        facts = {c.citizen_id: c for c in erasure_sql.possibly_closed_cases(cur)}
    assert (facts["C6"].released, facts["C6"].followed) == (1, 0) and "C7" not in facts
    assert found[0].closed_since == facts["C6"].last_activity < TODAY - timedelta(days=5 * 365)


def test_an_import_batch_keeps_nothing_of_the_erased_citizen_and_cannot_bring_her_back(world: Database) -> None:
    from oto_match import importexport
    from oto_match.errors import OtoMatchError
    from oto_match.services import import_batches

    exported = importexport.export_text(world, SYSTEM, "citizens")[0]
    report = importexport.import_text(world, SYSTEM, "citizens", exported.replace("Ring på", "Ringer på"))
    batch_id = getattr(report, "batch_id", None)
    kept = world.cursor().execute("SELECT string_agg(before_json, ' ') FROM import_batch_rows").fetchone()
    assert batch_id and kept is not None and NAME in kept[0]  # the citizen as she was, kept for undo
    erasure.erase_citizen(world, LEADER, "C1")
    assert NAME not in everything(world) and PHONE not in everything(world)
    with pytest.raises(OtoMatchError):
        import_batches.undo_batch(world, LEADER, batch_id)
    with world.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, "C1")
    assert citizen is not None and citizen.name == ERASED_NAME


def test_an_erased_citizen_cannot_be_filled_in_again_by_the_form_or_a_file(world: Database) -> None:
    from oto_match.importexport import KINDS, import_text
    from oto_match.services import citizens as citizen_service
    from oto_match.services.citizen_change import CitizenChange

    db = world
    erasure.erase_citizen(db, LEADER, "C1")
    placeholder = citizen_service.get_citizen(db, LEADER, "C1")
    with pytest.raises(ValidationError, match="slettet"):
        citizen_service.save_citizen(db, LEADER, CitizenChange("C1", "Fatima Igen", version=placeholder.version,
                                                               team_id="gellerup"))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        columns = KINDS["citizens"].columns
        given = {"citizen_id": "C1", "name": "Fatima Igen", "team_id": "gellerup"}
        row = ",".join(given.get(c, "") for c in columns)
        import_text(db, LEADER, "citizens", ",".join(columns) + "\n" + row + "\n")
    assert caught.value.problems[0].line == 2
    assert citizen_service.get_citizen(db, LEADER, "C1").name == placeholder.name


def _file_with(db: Database, kind: str, change: dict[str, str], citizen_placements: set[str] | None = None) -> str:
    """The kind's export with `change` made to the rows of C1 (a follow-up: of C1's placements) only."""
    import csv
    import io

    from oto_match.importexport import export_text

    rows = list(csv.DictReader(io.StringIO(export_text(db, SYSTEM, kind)[0])))
    ours = [r for r in rows if r.get("citizen_id") == "C1" or r.get("placement_id") in (citizen_placements or ())]
    assert ours
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([r | change for r in ours])
    return out.getvalue()


def _placements_of_c1(db: Database) -> set[str]:
    with db.transaction() as cur:
        rows = cur.execute("SELECT placement_id FROM placements WHERE citizen_id = 'C1'").fetchall()
    return {str(r[0]) for r in rows}


def test_a_placements_file_cannot_put_agreed_strains_back_on_an_erased_citizen(world: Database) -> None:
    from oto_match.importexport import import_text

    text = _file_with(world, "placements", {"agreed_strains": "heavy_lifting"})
    erasure.erase_citizen(world, LEADER, "C1")
    before = but_the_log(world)
    with pytest.raises(ValidationError, match="slettet") as caught:
        import_text(world, LEADER, "placements", text)
    assert {p.field for p in caught.value.problems} == {"citizen_id"}
    assert but_the_log(world) == before


def test_a_new_placement_for_an_erased_citizen_is_refused_by_the_form(world: Database) -> None:
    erasure.erase_citizen(world, LEADER, "C1")
    with pytest.raises(ValidationError, match="slettet"):
        placements.create_placement(world, SYSTEM, NewPlacement("C1", "E1", "internship", TODAY, 10.0,
                                                                adaptations_note=f"ring {PHONE}"))  # fmt: skip


def test_a_followups_file_cannot_put_notes_back_on_an_erased_citizen(world: Database) -> None:
    from oto_match.importexport import import_text

    text = _file_with(world, "followups", {"notes": f"{NAME} ringede"}, _placements_of_c1(world))
    erasure.erase_citizen(world, LEADER, "C1")
    before = but_the_log(world)
    with pytest.raises(ValidationError, match="slettet") as caught:
        import_text(world, LEADER, "followups", text)
    assert {p.field for p in caught.value.problems} == {"placement_id"}
    assert but_the_log(world) == before and NAME not in everything(world)


def test_a_follow_up_cannot_be_logged_on_an_erased_citizens_released_placement(world: Database) -> None:
    with world.transaction() as cur:
        citizen_sql.save_citizen(cur, Citizen("C6", "Sluppet Borger", team_id="gellerup", status="job"))
    p = placements.create_placement(world, SYSTEM, NewPlacement("C6", "E1", "internship", TODAY - timedelta(days=60),
                                                                10.0))  # fmt: skip
    released = placements.release(world, SYSTEM, p.placement_id, TODAY - timedelta(days=1), version=p.version)
    erasure.erase_citizen(world, LEADER, "C6")
    with pytest.raises(ValidationError, match="slettet"):
        followups.log_followup(world, SYSTEM, p.placement_id, None, FollowUpLog(TODAY, "citizen", "thriving",
                               "Sluppet Borger ringede"), TODAY, placement_version=released.version + 1)  # fmt: skip
    assert "Sluppet Borger" not in everything(world)


def test_an_erased_citizens_released_placement_takes_no_end_note_agreement_contact_or_hours(world: Database) -> None:
    from oto_match.placement_inputs import HoursUpdate

    with world.transaction() as cur:
        citizen_sql.save_citizen(cur, Citizen("C7", "Sluppet Igen", team_id="gellerup", status="job"))
    p = placements.create_placement(world, SYSTEM, NewPlacement("C7", "E1", "internship", TODAY - timedelta(days=60),
                                                                10.0))  # fmt: skip
    released = placements.release(world, SYSTEM, p.placement_id, TODAY - timedelta(days=1), version=p.version)
    erasure.erase_citizen(world, LEADER, "C7")
    version, before = released.version + 1, but_the_log(world)
    with pytest.raises(ValidationError, match="slettet"):
        placements.end_placement(world, SYSTEM, p.placement_id, TODAY, "other", f"ring {PHONE}", version=version)
    with pytest.raises(ValidationError, match="slettet"):
        placements.record_agreement(world, SYSTEM, p.placement_id, True, True, version)
    with pytest.raises(ValidationError, match="slettet"):
        placements.set_contact(world, SYSTEM, p.placement_id, None, version)
    with pytest.raises(ValidationError, match="slettet"), world.transaction() as cur:
        followups.record_hours(cur, SYSTEM, [HoursUpdate(p.placement_id, TODAY, 20.0, None, f"mail {EMAIL}")])
    assert but_the_log(world) == before


def test_no_candidate_note_proposal_or_step_is_written_about_an_erased_citizen(world: Database) -> None:
    erasure.erase_citizen(world, LEADER, "C1")
    before = but_the_log(world)
    with pytest.raises(ValidationError, match="slettet"):
        candidates.add_note(world, SYSTEM, CandidateNote("J1", "C1", f"mail til {EMAIL}"))
    with pytest.raises(ValidationError, match="slettet"):
        candidates.move_candidate(world, SYSTEM, CandidateMove("J1", "C1", "presented", f"ring {PHONE}", 2))
    ranking = matching.rank_job(world, SYSTEM, "J1", "gellerup")
    with pytest.raises(ValidationError, match="slettet"):
        candidates.record_decision(world, SYSTEM, ranking, MatchDecision("J1", (Proposal("C1"),), f"{NAME} igen"))
    assert but_the_log(world) == before


def test_retention_erases_only_the_confirmed_cases_still_closed_not_one_closed_since(world: Database) -> None:
    _old_cases(world)
    shown = erasure.erase_closed_cases(world, LEADER, RetentionPeriod(years=5), TODAY, dry_run=True)
    assert [c.citizen_id for c in shown] == ["C3"]
    with world.transaction() as cur:  # between the dry run and the confirmation: C5 is closed, long ago
        cur.execute("UPDATE citizens SET status = 'ended' WHERE citizen_id = 'C5'")
        cur.execute("UPDATE citizens SET changed_at = TIMESTAMP '2019-01-01' WHERE citizen_id = 'C5'")
    erased = erasure.erase_closed_cases(world, LEADER, RetentionPeriod(years=5), TODAY, only=["C3"])
    assert [c.citizen_id for c in erased] == ["C3"]
    with world.transaction() as cur:
        names = dict(cur.execute("SELECT citizen_id, name FROM citizens").fetchall())
    assert names["C3"] == ERASED_NAME and names["C5"] == "Åben Sag"


def test_a_confirmed_case_where_something_happened_since_the_dry_run_is_kept(world: Database) -> None:
    _old_cases(world)
    with world.transaction() as cur:  # C3 was shown; then the team changed something on the case
        cur.execute("UPDATE citizens SET changed_at = ? WHERE citizen_id = 'C3'", [datetime(2026, 11, 20)])
    assert erasure.erase_closed_cases(world, LEADER, RetentionPeriod(years=5), TODAY, only=["C3"]) == []
    with world.transaction() as cur:
        assert cur.execute("SELECT name FROM citizens WHERE citizen_id = 'C3'").fetchone() == ("Gammel Sag",)


def test_a_decisions_reason_loses_the_names_it_showed_even_among_twenty_thousand_erased(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import time

    from oto_match.storage.erasure import StoredDecision

    names = {f"C{i:06d}": f"Person Nummer{i}" for i in range(20_000)}
    names |= {"C1": "Ali Hassan", "C2": "Ali Hassan Jensen"}
    ranking = {"candidates": [{"citizen_id": "C1", "score": 3, "inputs": {"name": "Ali Hassan"}},
                              {"citizen_id": "C2", "score": 2}, {"citizen_id": "C9", "score": 1}]}  # fmt: skip
    decision = StoredDecision("D1", "ali hassan jensen og Ali Hassan passer; Person Nummer7 og Bo Job ikke",
                              json.dumps(ranking))  # fmt: skip
    started = time.perf_counter()
    for _ in range(100):
        reason, snapshot = erasure._anonymous_decision(decision, names)
    elapsed = time.perf_counter() - started
    assert reason == "slettet borger og slettet borger passer; Person Nummer7 og Bo Job ikke"  # C7 was not shown
    cards = json.loads(snapshot)["candidates"]
    assert [c.get("erased", False) for c in cards] == [True, True, False] and "inputs" not in cards[0]
    with capsys.disabled():
        print(f"\n100 decisions against 20,002 erased names: {elapsed:.3f} s")  # a sanity figure, not a limit
