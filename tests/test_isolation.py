"""Isolation proved, not assumed (issue 12, item 6): every public service function that takes the acting user,
called as a team member of ANOTHER team (Viby) and as employer_only against a Gellerup citizen, refuses
(PermissionDeniedError) or returns nothing of that citizen, and writes nothing (every table but the audit log is
unchanged). The functions are found by introspection over oto_match.services.*, so a new one is covered: it needs
an example for each parameter below, or a place in one of the commented lists of functions left out.
The same for every command of the command line with --as."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import oto_match.services as services_package
from oto_match import importexport
from oto_match.access import Role, User
from oto_match.cli import build_parser, main
from oto_match.domain import Citizen, Employer, FollowUp, JobOpening, Staff
from oto_match.errors import PermissionDeniedError
from oto_match.placement_inputs import FollowUpLog, HoursUpdate, NewPlacement
from oto_match.services import accounts, candidates, matching, placements
from oto_match.services.accounts import NewUser
from oto_match.services.candidates import CandidateMove, CandidateNote, MatchDecision, Proposal
from oto_match.services.citizen_change import CitizenChange
from oto_match.services.citizens import FollowOnChange
from oto_match.services.setup import init_database
from oto_match.services.temporary_access import AccessGrant
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import employers as employer_sql
from oto_match.storage import jobs as job_sql
from oto_match.storage import staff as staff_sql
from oto_match.storage.db import Database

TODAY = date(2026, 11, 24)
GELLERUP_ID, GELLERUP_NAME = "GEL-1", "Fatima Gellerupsen"
SYSTEM = Staff("cli:test", "kommandolinje (test)", "", "system")
VIBY_USER = User("S3", "Lis Viby", "viby", "job_consultant", role=Role.TEAM, username="lis")
EMPLOYER_ONLY = User("S4", "Emil Elev", "gellerup", "employer_consultant", role=Role.EMPLOYER_ONLY, username="emil")
PASSWORD = "en-lang-adgangskode-42"

# Functions that take no acting user, and why (a function with (db|cur, …) that is in no list fails the test).
NO_ACTOR = {
    # the employer network, shared by all teams: no citizen data
    "employer_dedup.build_index", "employer_dedup.likely_duplicates", "employer_dedup.pair_page",
    "employer_dedup.pair_postcodes", "employer_dedup.refuse_likely_duplicates", "employer_dedup.scan",
    "employer_dedup.scan_status", "employer_dedup.suggestions", "employers.employer_choices",
    "employers.employer_detail", "employers.employer_labels", "employers.employer_row", "employers.employer_rows",
    "employers.my_next_steps", "employers.pipeline", "employers.register", "employers.register_choices",
    "employers.row_of", "jobs.get_job", "jobs.job_line", "jobs.job_page", "jobs.list_jobs",
    "placements.employer_contacts", "visits.activity",
    # staff and teams (names of colleagues, no citizen data)
    "staff.list_staff", "staff.list_teams", "setup.ensure_teams",
    # signing in: who the user is, before there is an actor
    "accounts.sign_in", "accounts.user_for_oidc", "accounts.user_for_username", "accounts.create_demo_accounts",
    "sessions.current_user", "sessions.end_session", "sessions.resume_session", "sessions.start_session",
    "sessions.touch_session",
    # the demo loader (the system only; the CLI's demo command needs a leader with --as)
    "setup.load_demo",
    # the ranking engine's columns, read only by rank_job / rank_for_meeting after their check
    "matching.citizen_columns",
}  # fmt: skip
# Functions with an actor that write the shared employer network (every role may), or the user's own account.
EMPLOYER_SIDE = {
    "employers.add_adaptations", "employers.import_employers", "employers.load_employers", "employers.save_contact",
    "employers.save_employer", "employers.set_paused", "employers.write_contacts", "employers.write_employers",
    "employers.write_pauses",
    "employer_dedup.ensure_scan", "employer_dedup.merge", "employer_dedup.run_scan", "jobs.save_job",
    "jobs.write_jobs", "visits.import_visits", "visits.load_visits", "visits.log_visit", "visits.write_visits",
    "accounts.change_password",  # one's own password
}  # fmt: skip
# The checks themselves (services/guard.py).
GUARD = "guard"


def _as_staff(user: User) -> Staff:
    return Staff(user.staff_id, user.name, user.team_id, user.profession)


def service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    """(module.name, function) of every public function defined in oto_match.services.* taking db or cur first."""
    for info in pkgutil.iter_modules(services_package.__path__):
        module = importlib.import_module(f"oto_match.services.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = list(inspect.signature(fn).parameters)
            if fn.__module__ == module.__name__ and not name.startswith("_") and params and params[0] in ("db", "cur"):
                yield f"{info.name}.{name}", fn


def guarded_functions() -> list[str]:
    return sorted(
        name for name, fn in service_functions()
        if name.split(".")[0] != GUARD and name not in NO_ACTOR and name not in EMPLOYER_SIDE
    )  # fmt: skip


def build_world(path: Path) -> Database:
    """Teams Gellerup and Viby; a Gellerup citizen with a placement (and its follow-ups), on J1's candidate list
    with a note and a stored decision; a Viby citizen; accounts 'lis' (Viby, team) and 'emil' (employer_only)."""
    db, _ = init_database(path)
    with db.transaction() as cur:
        for s in (Staff("S1", "Anne Gellerup", "gellerup", "job_consultant"),
                  Staff("S2", "Bo Gellerup", "gellerup", "job_consultant"), _as_staff(VIBY_USER),
                  _as_staff(EMPLOYER_ONLY), replace(SYSTEM, team_id="gellerup")):  # fmt: skip
            staff_sql.save_staff(cur, s)
        employer_sql.save_employer(cur, Employer("E1", "Kantinen Vest", "8220"))
        job_sql.save_job(cur, JobOpening("J1", "E1", "Køkkenhjælp", "internship"))
        citizen_sql.save_citizen(cur, Citizen(GELLERUP_ID, GELLERUP_NAME, postcode="8220", team_id="gellerup",
                                              partner1_id="S1", partner2_id="S2"))  # fmt: skip
        citizen_sql.save_citizen(cur, Citizen("VIB-1", "Viggo Vibysen", postcode="8260", team_id="viby"))
    for user in (VIBY_USER, EMPLOYER_ONLY):
        added = accounts.add_user(db, SYSTEM, NewUser(user.name, user.team_id or "", user.role, user.staff_id,
                                                      user.username, user.profession))  # fmt: skip
        accounts.change_password(db, added.user, added.one_time_password, PASSWORD)
    placements.create_placement(db, SYSTEM, NewPlacement(GELLERUP_ID, "E1", "internship", TODAY, 10.0, "J1",
                                                         placement_id="P1"))  # fmt: skip
    ranking = matching.rank_job(db, SYSTEM, "J1", "gellerup")
    candidates.record_decision(db, SYSTEM, ranking, MatchDecision("J1", (Proposal(GELLERUP_ID),), "passer"))
    candidates.add_note(db, SYSTEM, CandidateNote("J1", GELLERUP_ID, "Ringer fredag"))
    return db


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("isolation") / "world.duckdb"
    build_world(path).close()
    return path


@pytest.fixture(scope="module")
def world(world_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    copy = tmp_path_factory.mktemp("services") / "world.duckdb"
    copy.write_bytes(world_file.read_bytes())
    db = Database(copy)
    yield db
    db.close()


@pytest.fixture
def world_copy(world_file: Path, tmp_path: Path) -> Path:
    """A private copy of the world's file, for the command line (which opens it itself)."""
    copy = tmp_path / "world.duckdb"
    copy.write_bytes(world_file.read_bytes())
    return copy


def file_fingerprint(path: Path) -> str:
    db = Database(path)
    try:
        return fingerprint(db)
    finally:
        db.close()


def fingerprint(db: Database) -> str:
    """A hash of every row of every table except the audit log (appending to it is allowed)."""
    digest = hashlib.sha256()
    with db.transaction() as cur:
        tables = [r[0] for r in cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
        ).fetchall()]  # fmt: skip
        for table in tables:
            if table != "audit_log":
                rows = cur.execute(f'SELECT * FROM "{table}"').fetchall()
                digest.update(f"{table}:{sorted(map(repr, rows))}".encode())
    return digest.hexdigest()


def examples(db: Database, tmp: Path) -> dict[str, Any]:
    """One example per parameter name: everything points at the Gellerup citizen, its placement and job."""
    with db.transaction() as cur:
        p = placements.placement_sql.get_placement(cur, "P1")
        followup = next(f for f in placements.placement_sql.followups_of(cur, "P1") if f.is_open)
        citizen = citizen_sql.get_citizen(cur, GELLERUP_ID)
    assert p is not None and citizen is not None
    ranking = matching.rank_job(db, SYSTEM, "J1", "gellerup")
    new_placement = NewPlacement(GELLERUP_ID, "E1", "internship", TODAY, 8.0, "J1", placement_id="P2")
    return {
        "citizen_id": GELLERUP_ID, "placement_id": "P1", "followup_id": followup.followup_id, "job_id": "J1",
        "team_id": "gellerup", "today": TODAY, "now": datetime(2026, 11, 24, 10), "when": TODAY,
        "end": TODAY + timedelta(days=1), "reason": "other", "version": p.version, "placement_version": p.version,
        "followup_version": followup.version, "citizen_accepted": True, "employer_accepted": True,
        "contact_id": None, "change": CitizenChange(GELLERUP_ID, GELLERUP_NAME, citizen.version, postcode="8000",
                                                    team_id="gellerup"),
        "changes": [CitizenChange(GELLERUP_ID, GELLERUP_NAME, None, postcode="8000", given=frozenset({"postcode"}))],
        "follow_ons": [FollowOnChange(GELLERUP_ID, status="ended")], "item": new_placement,
        "items": [new_placement], "log": FollowUpLog(TODAY, "citizen", "fine", "gik godt"),
        "ranking": ranking, "screen": matching.Screen(), "decision": MatchDecision("J1", (Proposal(GELLERUP_ID),),
                                                                                   "passer"),
        "note": CandidateNote("J1", GELLERUP_ID, "en note"),
        "move": CandidateMove("J1", GELLERUP_ID, "citizen_agreed", version=1),
        "new": NewUser("Ny Bruger", "viby", "team"), "username": "lis", "folder": tmp / "backup",
        "grant": AccessGrant("lis", GELLERUP_ID, "dækker for en kollega"), "user": None, "where": None,
        "older_than": timedelta(days=1), "batch_id": "IMP-0001", "text": GELLERUP_NAME,
    }  # fmt: skip


# Per function, parameters whose example differs from the table above.
OVERRIDES: dict[str, dict[str, Any]] = {
    "followups.import_followups": {"items": [FollowUp("P1-x", "P1", TODAY, "ad_hoc", "citizen")]},
    "followups.record_hours": {"changes": [HoursUpdate("P1", TODAY, 12.0, None, "flere timer")]},
    "followups.due_followups": {"staff_id": None},
}


def arguments(name: str, fn: Callable[..., Any], db: Database, actor: Staff, table: dict[str, Any]) -> dict[str, Any]:
    params = list(inspect.signature(fn).parameters.values())
    args: dict[str, Any] = {params[1].name: actor}
    for param in params[2:]:
        if param.name in OVERRIDES.get(name, {}):
            args[param.name] = OVERRIDES[name][param.name]
        elif param.name == "where":  # a list's filters: a dataclass whose defaults filter nothing
            args[param.name] = typing.get_type_hints(fn)["where"]()
        elif param.name in table:
            args[param.name] = table[param.name]
        elif param.default is inspect.Parameter.empty:
            raise AssertionError(f"{name}: add an example for the parameter '{param.name}' to examples()")
    return args


def call(fn: Callable[..., Any], db: Database, args: dict[str, Any], first: str) -> Any:
    if first == "db":
        return fn(db, **args)
    with db.transaction() as cur:
        return fn(cur, **args)


def shows_the_citizen(result: Any) -> bool:
    text = result.decode("utf-8", "replace") if isinstance(result, bytes) else repr(result)
    return GELLERUP_ID in text or GELLERUP_NAME in text


def test_every_service_function_with_citizen_data_is_in_the_isolation_test() -> None:
    names = {name for name, _ in service_functions()}
    without_actor = {
        name for name, fn in service_functions()
        if list(inspect.signature(fn).parameters)[1:2] != ["actor"] and name.split(".")[0] != GUARD
    }  # fmt: skip
    assert without_actor <= NO_ACTOR, f"take the acting user, or say why not in NO_ACTOR: {without_actor - NO_ACTOR}"
    assert names >= NO_ACTOR | EMPLOYER_SIDE, "the lists name functions that no longer exist"
    assert len(guarded_functions()) >= 40


@pytest.mark.parametrize("actor", [VIBY_USER, EMPLOYER_ONLY], ids=["viby", "employer_only"])
@pytest.mark.parametrize("name", guarded_functions())
def test_another_team_and_employer_only_get_nothing_of_a_gellerup_citizen_and_write_nothing(
    world: Database, tmp_path: Path, name: str, actor: User
) -> None:
    fn = dict(service_functions())[name]
    table = examples(world, tmp_path)
    first = next(iter(inspect.signature(fn).parameters))
    variants = [arguments(name, fn, world, actor, table)]
    if "team_id" in variants[0]:  # asked for the Gellerup team, and for "all" (the actor's own at most)
        variants.append({**variants[0], "team_id": None})
    for args in variants:
        before = fingerprint(world)
        try:
            result = call(fn, world, args, first)
        except PermissionDeniedError as e:
            assert e.message and not shows_the_citizen(e.message)
        else:
            assert not shows_the_citizen(result), f"{name} returned the Gellerup citizen to {actor.role}"
        assert fingerprint(world) == before, f"{name} wrote as {actor.role}"


@pytest.mark.parametrize("actor", [VIBY_USER, EMPLOYER_ONLY], ids=["viby", "employer_only"])
@pytest.mark.parametrize("kind", ["citizens", "placements", "followups"])
def test_imports_and_exports_of_citizen_data_refuse_or_leave_out_another_teams_citizens(
    world: Database, tmp_path: Path, kind: str, actor: User
) -> None:
    before = fingerprint(world)
    try:
        text, _count = importexport.export_text(world, actor, kind)
    except PermissionDeniedError:
        assert actor.role == Role.EMPLOYER_ONLY
    else:
        assert not shows_the_citizen(text) and "P1" not in text
    exported = importexport.export_text(world, SYSTEM, kind)[0]  # the system's file, imported again as the actor
    with pytest.raises(PermissionDeniedError):
        importexport.import_text(world, actor, kind, exported)
    assert fingerprint(world) == before


# CLI commands: the arguments that point each at the Gellerup citizen (files are made in a temp folder).
def cli_commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[attr-defined]


def cli_examples(tmp: Path, db: Database) -> dict[str, list[list[str]]]:
    exported = {kind: tmp / f"{kind}.csv" for kind in ("citizens", "placements", "followups")}
    for kind, path in exported.items():
        path.write_text(importexport.export_text(db, SYSTEM, kind)[0], encoding="utf-8")
    return {
        "init": [["init"]], "demo": [["demo", "--citizens", "1", "--employers", "1"]],
        "demo-accounts": [["demo-accounts"]],
        "import": [*(["import", kind, str(path)] for kind, path in exported.items()), ["import", "undo", "IMP-0001"],
                   ["import", "list"]],
        "export": [["export", kind, str(tmp / f"out-{kind}.csv")]
                   for kind in (*exported, "candidates", "decisions", "audit")],
        "rank": [["rank", "J1", "--json"], ["rank", "J1", "--team", "gellerup", "--json"]],
        "jobs-for": [["jobs-for", GELLERUP_ID, "--json"]],
        "followups": [["followups", "--json"]],
        "placements": [["placements", "import", str(exported["placements"])]],
        "citizens": [["citizens", "import", str(exported["citizens"])]],
        "users": [["users", "list"], ["users", "disable", "lis"]],
        "audit": [["audit", "--citizen", GELLERUP_ID], ["audit", "--report", "--citizen", GELLERUP_ID]],
        "backup": [["backup", str(tmp / "backup")]],
        "restore": [["restore", str(tmp / "backup")]],
        "gdpr": [["gdpr", "export", GELLERUP_ID, str(tmp / "gdpr")], ["gdpr", "erase", GELLERUP_ID],
                 ["gdpr", "erase", GELLERUP_ID, "--yes"]],
        "retention": [["retention", "--older-than", "1d", "--dry-run"], ["retention", "--older-than", "1d"]],
        "employers": [], "visits": [], "dedupe": [], "jobs": [], "staff": [],  # the shared employer network, staff
    }  # fmt: skip


def test_every_cli_command_is_in_the_cli_isolation_test(world: Database, tmp_path: Path) -> None:
    missing = set(cli_commands()) - set(cli_examples(tmp_path, world))
    assert not missing, f"add the command to cli_examples: {missing}"


@pytest.mark.parametrize("username", ["lis", "emil"])
@pytest.mark.parametrize("command", cli_commands())
def test_every_cli_command_with_as_shows_and_writes_nothing_of_a_gellerup_citizen(
    world: Database, world_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str,
    username: str,
) -> None:  # fmt: skip
    for argv in cli_examples(tmp_path, world)[command]:
        before = file_fingerprint(world_copy)
        code = main(["--db", str(world_copy), "--as", username, *argv])
        out, err = capsys.readouterr()
        produced = "".join(p.read_text("utf-8") for p in tmp_path.glob("out-*.csv"))
        assert not shows_the_citizen(out + produced), f"{argv} showed the Gellerup citizen to {username}"
        assert code == 0 or err.startswith("Fejl") or "intet er gemt" in err, err
        assert file_fingerprint(world_copy) == before, f"{argv} wrote as {username}"


def test_an_unknown_or_disabled_user_is_refused_by_the_cli(world_copy: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:  # fmt: skip
    assert main(["--db", str(world_copy), "--as", "nobody", "followups"]) == 2
    assert "findes ikke" in capsys.readouterr().err
    assert main(["--db", str(world_copy), "users", "disable", "emil"]) == 0
    assert main(["--db", str(world_copy), "--as", "emil", "followups"]) == 2
    assert "spærret" in capsys.readouterr().err


def test_the_viby_user_ranks_only_viby_citizens_and_the_leader_all(world: Database) -> None:
    viby = matching.rank_job(world, VIBY_USER, "J1")
    assert [c.citizen.citizen_id for c in viby.candidates] == ["VIB-1"]
    leader = replace(VIBY_USER, role=Role.LEADER)
    assert {c.citizen.citizen_id for c in matching.rank_job(world, leader, "J1").candidates} == {GELLERUP_ID, "VIB-1"}
