"""`oto-match rank` and `oto-match jobs-for` answer what the app answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from oto_match.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def demo_file(demo_path: Path, tmp_path: Path) -> str:
    copy = tmp_path / "cli.duckdb"
    shutil.copy(demo_path, copy)
    return str(copy)


def test_rank_json_carries_band_parts_near_miss_and_the_rule_version(
    demo_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", demo_file, "rank", "J000001", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["rule_version"]
    for c in payload["candidates"]:
        assert {"band", "score_parts", "near_miss", "checks", "score", "verdict"} <= set(c)
        if c["score"] is None:
            assert c["band"] is None and c["score_parts"] is None
        else:
            assert set(c["score_parts"]) == {"wishes", "experience", "hours", "commute"}
            assert round(sum(c["score_parts"].values()), 1) == c["score"]
    assert any(c["near_miss"] for c in payload["candidates"]) or all(
        c["verdict"] != "excluded" for c in payload["candidates"]
    )


def test_jobs_for_gives_the_same_verdict_score_band_and_checks_as_rank_for_each_pair(
    demo_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ranking = json.loads(run(capsys, "--db", demo_file, "rank", "J000001", "--json")[1])
    for candidate in ranking["candidates"][:10]:
        code, out, _ = run(capsys, "--db", demo_file, "jobs-for", candidate["citizen_id"], "--json")
        assert code == 0
        payload = json.loads(out)
        assert payload["citizen_id"] == candidate["citizen_id"]
        pair = next(j for j in payload["jobs"] if j["job_id"] == "J000001")
        for field in ("verdict", "score", "band", "score_parts", "checks", "near_miss"):
            assert pair[field] == candidate[field], field


def test_rank_with_an_unknown_team_exits_2_naming_the_valid_teams(
    demo_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", demo_file, "rank", "J000001", "--team", "aalborg")
    assert code == 2 and "gellerup" in err and "viby" in err and "tilst" in err and "aalborg" in err


def test_the_cli_names_the_same_import_kinds_and_demo_defaults_as_the_core() -> None:
    from oto_match import demo
    from oto_match.cli import data
    from oto_match.cli.common import IMPORT_KINDS
    from oto_match.importexport import KINDS

    assert tuple(KINDS) == IMPORT_KINDS
    assert (data.DEMO_CITIZENS, data.DEMO_EMPLOYERS, data.DEMO_SEED) == (
        demo.DEFAULT_CITIZENS, demo.DEFAULT_EMPLOYERS, demo.DEFAULT_SEED,
    )  # fmt: skip


def test_the_command_line_starts_without_streamlit_scikit_learn_or_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from oto_match.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('streamlit', 'sklearn', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
