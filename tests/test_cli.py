from __future__ import annotations

from pathlib import Path

import pytest

from oto_match.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_init_creates_a_database_and_demo_fills_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    code, out, _ = run(capsys, "--db", db, "init", "--demo")
    assert code == 0 and "employers: 60" in out
    code, out, _ = run(capsys, "--db", db, "init", "--demo")
    assert code == 0 and "demodata" not in out  # an existing database is left as it is


def test_an_invalid_file_exits_2_and_prints_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init")
    csv = tmp_path / "employers.csv"
    csv.write_text(
        "employer_id,name,cvr,pnumber,address,postcode,industry,accommodations\nE1,,,,,8220,,\nE2,X,,,,82,,\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db, "import", "employers", str(csv))
    assert code == 2
    assert "linje 2, kolonne name (Navn): mangler" in err
    assert "linje 3, kolonne postcode (Postnummer): '82' er ikke et postnummer med 4 cifre" in err
    code, _out, _ = run(capsys, "--db", db, "export", "employers", str(tmp_path / "out.csv"))
    assert code == 0 and (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 1


def test_a_file_whose_header_cannot_be_read_exits_2_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init")
    csv = tmp_path / "semikolon.csv"
    csv.write_text("employer_id;name;cvr;pnumber;address;postcode;industry;accommodations\nE1;X;;;;8220;;\n")
    code, _, err = run(capsys, "--db", db, "import", "employers", str(csv))
    assert code == 2
    assert err.splitlines()[0].startswith("linje 1, kolonne employer_id (Virksomhed): overskriften er adskilt med semikolon")  # noqa: E501
    assert "intet er gemt" in err


def test_demo_refuses_a_database_with_data_unless_replace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    code, _, err = run(capsys, "--db", db, "demo", "--citizens", "10", "--employers", "5")
    assert code == 1 and "--replace" in err
    code, out, _ = run(capsys, "--db", db, "demo", "--citizens", "10", "--employers", "5", "--replace")
    assert code == 0 and "citizens: 10" in out


def test_the_database_path_comes_from_oto_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTO_DB", str(tmp_path / "env.duckdb"))
    assert run(capsys, "init")[0] == 0
    assert (tmp_path / "env.duckdb").exists()


def test_employers_json_lists_id_name_stage_and_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    code, out, _ = run(capsys, "--db", db, "employers", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 60
    assert set(rows[0]) == {"id", "name", "stage", "last_contact", "next_step_date"}
    code, out, _ = run(capsys, "--db", db, "employers", "--stage", "partner", "--json")
    assert {r["stage"] for r in json.loads(out)} == {"partner"}


def test_dedupe_json_lists_pairs_with_score_and_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    code, out, _ = run(capsys, "--db", db, "dedupe", "employers", "--json")
    pairs = json.loads(out)["pairs"]
    assert code == 0 and pairs
    assert set(pairs[0]) == {"a", "b", "score", "reasons"} and pairs[0]["reasons"]


def test_visits_import_uses_the_visit_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    csv = tmp_path / "visits.csv"
    csv.write_text(
        "visit_id,employer_id,staff_id,visit_date,form,cup,notes,tasks_learned,adaptations_learned,next_step,"
        "next_step_date\nV1,E00001,S006,2026-11-02,phone,4,,,,,\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", db, "visits", "import", str(csv))
    assert code == 2 and "linje 2, kolonne cup (Kop te): 4 skal ligge mellem 1 og 3" in err


def test_followups_json_lists_open_follow_ups_overdue_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    from datetime import date

    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    code, out, _ = run(capsys, "--db", db, "followups", "--json")
    items = json.loads(out)["followups"]
    assert code == 0 and items
    assert set(items[0]) == {"followup_id", "placement_id", "citizen_id", "employer_id", "due_date", "with", "overdue"}
    flags = [i["overdue"] for i in items]
    assert flags == sorted(flags, reverse=True) and any(flags)
    soon = date.today().isoformat()
    code, out, _ = run(capsys, "--db", db, "followups", "--due-by", soon, "--json")
    assert all(i["due_date"] <= soon for i in json.loads(out)["followups"])


def test_rank_json_lists_every_active_citizen_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import duckdb

    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    with duckdb.connect(db) as con:
        active = con.execute("SELECT count(*) FROM citizens WHERE status <> 'ended'").fetchall()[0][0]
    code, out, _ = run(capsys, "--db", db, "rank", "J000001", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["job_id"] == "J000001" and len(payload["candidates"]) == active
    order = {"eligible": 0, "uncertain": 1, "excluded": 2}
    keys = [(order[c["verdict"]], -(c["score"] or 0)) for c in payload["candidates"]]
    assert keys == sorted(keys)
    assert all(c["score"] is None for c in payload["candidates"] if c["verdict"] == "excluded")
    assert [ch["criterion"] for ch in payload["candidates"][0]["checks"]] == [
        "hours", "schedule", "strains", "commute", "driving_license", "job_type", "language", "wishes"
    ]  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "rank", "J000001", "--top", "3", "--json")
    assert len(json.loads(out)["candidates"]) == 3


def test_piping_into_a_reader_that_stops_early_gives_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    db = str(tmp_path / "pipe.duckdb")
    assert run(capsys, "--db", db, "demo", "--citizens", "50", "--employers", "1500")[0] == 0  # JSON > a pipe buffer
    cli = [sys.executable, "-c", "import sys; from oto_match.cli import main; sys.exit(main())"]
    proc = subprocess.Popen([*cli, "--db", db, "employers", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_import_citizens_with_team_puts_the_new_citizens_in_that_team(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oto_match.records import CITIZEN_COLUMNS
    from oto_match.storage.db import Database

    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    csv = tmp_path / "citizens.csv"
    row = ["NY1", "Ny Borger"] + [""] * (len(CITIZEN_COLUMNS) - 2)
    csv.write_text(",".join(CITIZEN_COLUMNS) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", "citizens", str(csv), "--team", "viby")[0] == 0
    database = Database(db)
    try:
        team = database.cursor().execute("SELECT team_id FROM citizens WHERE citizen_id = 'NY1'").fetchall()[0][0]
    finally:
        database.close()
    assert team == "viby"
    code, _, err = run(capsys, "--db", db, "import", "citizens", str(csv), "--team", "aalborg")
    assert code == 2 and "Team: ukendt team 'aalborg'" in err
    code, _, err = run(capsys, "--db", db, "import", "employers", str(csv), "--team", "viby")
    assert code == 2 and "Team: gælder kun ved import af citizens" in err


def test_export_to_a_missing_folder_exits_1_with_one_danish_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    for name in ("x.xlsx", "x.csv"):
        code, out, err = run(capsys, "--db", db, "export", "citizens", str(tmp_path / "nope" / name))
        assert code == 1 and out == ""
        assert err == f"Fejl: Filen {name} kunne ikke skrives: mappen {tmp_path / 'nope'} findes ikke\n"


def test_importing_an_unchanged_export_says_nothing_new_and_nothing_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.duckdb")
    run(capsys, "--db", db, "init", "--demo")
    csv = tmp_path / "employers.csv"
    assert run(capsys, "--db", db, "export", "employers", str(csv))[0] == 0
    code, out, _ = run(capsys, "--db", db, "import", "employers", str(csv))
    assert code == 0 and "employers: 0 nye, 0 ændret, 60 uændret, 0 sprunget over." in out
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join([lines[0], lines[1].replace(",82", ",82", 1)]) + "\n", encoding="utf-8")
    first = lines[1].split(",")
    first[1] = "Omdøbt " + first[1]
    csv.write_text("\n".join([lines[0], ",".join(first)]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "import", "employers", str(csv))
    assert code == 0 and "employers: 0 nye, 1 ændret, 0 uændret" in out
