"""`oto-match gdpr erase` and `oto-match retention`: refused without --yes (saying what would go), a bad period exits
2 naming --older-than, a dry run changes nothing, and with --as only a leader may."""

from __future__ import annotations

from pathlib import Path

import pytest

from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.services import accounts
from oto_match.services.accounts import NewUser
from oto_match.storage.db import Database
from tests.test_erasure import EMAIL, NAME, _old_cases, build_world, everything

PASSWORD = "en-lang-adgangskode-42"
SYSTEM = Staff("S1", "Anne Virksomhed", "gellerup", "system")


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The erasure tests' world, old closed cases, and accounts 'bo' (team) and 'lene' (leader)."""
    path = tmp_path_factory.mktemp("cli_gdpr") / "world.duckdb"
    db = build_world(path)
    _old_cases(db)
    for name, role, staff_id in (("Bo Job", "team", "S2"), ("Lene Leder", "leader", None)):
        new = NewUser(name, "gellerup", role, staff_id, "bo" if role == "team" else "lene")
        added = accounts.add_user(db, SYSTEM, new)
        accounts.change_password(db, added.user, added.one_time_password, PASSWORD)
    db.close()
    return path


@pytest.fixture
def db_file(world_file: Path, tmp_path: Path) -> str:
    copy = tmp_path / "world.duckdb"
    copy.write_bytes(world_file.read_bytes())
    return str(copy)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _text(path: str, leave_out: tuple[str, ...] = ()) -> str:
    db = Database(path)
    try:
        return everything(db, leave_out)
    finally:
        db.close()


def _without_log(path: str) -> str:
    return _text(path, leave_out=("audit_log",))


def test_erase_without_yes_says_what_would_be_erased_and_erases_nothing(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _without_log(db_file)
    code, out, err = run(capsys, "--db", db_file, "gdpr", "erase", "C1")
    assert code == 2 and f"Dette ville blive slettet om {NAME}" in out and "kandidatnoter: 1" in out
    assert "Intet er slettet. Tilføj --yes" in err
    assert _without_log(db_file) == before


def test_erase_with_yes_leaves_no_trace_and_twice_or_an_unknown_id_is_told(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db_file, "--as", "lene", "gdpr", "erase", "C1", "--yes")
    assert code == 0 and "personoplysninger er slettet" in out and "Slettet borger" in out
    assert NAME not in _text(db_file) and EMAIL not in _text(db_file)
    code, _, err = run(capsys, "--db", db_file, "gdpr", "erase", "C1", "--yes")
    assert code == 1 and err.startswith("Fejl: Borgerens oplysninger er allerede slettet")
    code, _, err = run(capsys, "--db", db_file, "gdpr", "erase", "C404", "--yes")
    assert code == 1 and "ingen borger med borger-id C404" in err


def test_a_team_member_may_not_erase_or_run_retention(db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _without_log(db_file)
    for argv in (["gdpr", "erase", "C1", "--yes"], ["gdpr", "erase", "C1"], ["retention", "--older-than", "1d"]):
        code, out, err = run(capsys, "--db", db_file, "--as", "bo", *argv)
        assert code == 1 and "Kun en leder kan slette" in err and NAME not in out + err
    assert _without_log(db_file) == before


@pytest.mark.parametrize("value", ["5x", "fem år", "0y", "5"])
def test_a_bad_retention_period_exits_2_naming_older_than(
    db_file: str, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = run(capsys, "--db", db_file, "retention", "--older-than", value)
    assert code == 2 and err.startswith(f"Fejl: --older-than {value}:")


def test_retention_dry_run_lists_and_changes_nothing_then_erases(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _without_log(db_file)
    code, out, _ = run(capsys, "--db", db_file, "retention", "--older-than", "5y", "--dry-run")
    assert code == 0 and "Gammel Sag" in out and "Ny Sag" not in out and "Åben Sag" not in out
    assert "1 afsluttede sager er ældre end 5 år og ville blive slettet (--dry-run" in out
    assert _without_log(db_file) == before
    code, out, _ = run(capsys, "--db", db_file, "--as", "lene", "retention", "--older-than", "60months")
    assert code == 0 and "1 afsluttede sager ældre end 60 måneder er slettet." in out
    assert "Gammel Sag" not in _without_log(db_file) and "Åben Sag" in _without_log(db_file)


def test_erase_reports_the_audit_rows_it_blanked_not_those_from_before_the_chain(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    db = Database(db_file)
    try:  # the citizen's oldest audit row stands for one from before the hash chain (migration 0007)
        cur = db.cursor()
        cur.execute("UPDATE audit_log SET chain_hash = NULL WHERE audit_id = (SELECT min(audit_id) FROM audit_log"
                    " WHERE entity = 'citizen' AND entity_id = 'C1')")  # fmt: skip
        (about,) = cur.execute("SELECT count(*) FROM audit_log WHERE entity = 'citizen' AND entity_id = 'C1'"
                               " OR list_contains(citizen_ids, 'C1')").fetchone()  # type: ignore[misc]  # fmt: skip
    finally:
        db.close()
    code, out, _ = run(capsys, "--db", db_file, "gdpr", "erase", "C1", "--yes")
    db = Database(db_file)
    try:
        (blanked,) = db.cursor().execute("SELECT count(*) FROM audit_log WHERE erased_at IS NOT NULL").fetchone()  # type: ignore[misc]
    finally:
        db.close()
    said = re.search(r"(\d+) rækker i loggen er blanket", out)
    assert code == 0 and said is not None and int(said.group(1)) == blanked < about
