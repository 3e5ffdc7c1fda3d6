"""`oto-match users …` and `oto-match audit …`: the local administrator's tools."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from oto_match.cli import main
from oto_match.services.accounts import sign_in
from oto_match.storage.db import open_database


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", path, "init")
    return path


def test_users_add_prints_a_one_time_password_that_signs_in_once(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db_file, "users", "add", "Karen Blixen", "--team", "viby", "--role", "leader")
    assert code == 0 and "Bruger oprettet: karen — Karen Blixen" in out
    password = re.search(r"Engangsadgangskode .*: (\S+)", out)
    assert password is not None
    db = open_database(db_file)
    try:
        user = sign_in(db, "karen", password.group(1))
    finally:
        db.close()
    assert user.role == "leader" and user.must_change_password


def test_users_list_and_disable(db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", db_file, "users", "add", "Bo Job", "--team", "gellerup", "--role", "team", "--username", "bo.j")
    run(capsys, "--db", db_file, "users", "add", "Emma Lund", "--team", "tilst", "--role", "employer_only")
    code, out, _ = run(capsys, "--db", db_file, "users", "list", "--json")
    users = json.loads(out)["users"]
    assert code == 0 and [(u["username"], u["role"], u["disabled"]) for u in users] == [
        ("bo.j", "team", False), ("emma", "employer_only", False)
    ]  # fmt: skip
    code, out, _ = run(capsys, "--db", db_file, "users", "disable", "bo.j")
    assert code == 0 and out == "Brugeren bo.j er spærret.\n"
    _, out, _ = run(capsys, "--db", db_file, "users", "list")
    assert "SPÆRRET" in out.splitlines()[0]


def test_users_add_refuses_an_unknown_team_with_one_danish_message(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db_file, "users", "add", "X Y", "--team", "aarhus", "--role", "team")
    assert code == 2 and err == "Fejl: Team: 'aarhus' er ikke et team\n"  # invalid input: exit 2


def test_audit_searches_by_user_and_since_as_json(db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", db_file, "users", "add", "Bo Job", "--team", "gellerup", "--role", "team")
    code, out, _ = run(capsys, "--db", db_file, "audit", "--since", "2000-01-01", "--json")
    entries = json.loads(out)["entries"]
    assert code == 0 and [(e["action"], e["entity_id"]) for e in entries][-1] == ("user_add", "bo")
    assert entries[-1]["staff_name"].startswith("systemet (kommandolinjen")
    code, out, _ = run(capsys, "--db", db_file, "audit", "--user", "bo")
    assert code == 0 and out == "Ingen rækker.\n"


def test_audit_verify_says_the_log_is_whole_or_names_the_first_broken_row(
    db_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("Bo Job", "Lis Viby", "Ida Kjær"):
        run(capsys, "--db", db_file, "users", "add", name, "--team", "viby", "--role", "team")
    code, out, _ = run(capsys, "--db", db_file, "audit", "verify")
    assert code == 0 and out.startswith("Loggen er hel (3 rækker).")
    with duckdb.connect(db_file) as con:
        second = con.execute("SELECT audit_id FROM audit_log ORDER BY audit_id").fetchall()[1][0]
        con.execute("DELETE FROM audit_log WHERE audit_id = ?", [second])
    code, out, _ = run(capsys, "--db", db_file, "audit", "verify")
    assert code == 1 and out.startswith(f"Loggen er brudt ved række {second + 1}: rækken hænger ikke sammen")


def test_audit_report_needs_a_citizen(db_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db_file, "audit", "--report")
    assert code == 2 and "--report kræver --citizen" in err  # invalid input: exit 2
