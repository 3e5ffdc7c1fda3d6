"""The citizen's right of access: `gdpr export` gathers everything stored about one citizen, and nothing of anyone
else; the access rules apply; the HTML is escaped; the command line writes owner-only files."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from oto_match.cli import main
from oto_match.domain import Staff
from oto_match.errors import PermissionDeniedError
from oto_match.services import candidates, gdpr, matching
from oto_match.services.candidates import MatchDecision, Proposal
from oto_match.storage import citizens as citizen_sql
from oto_match.storage import placements as placement_sql
from oto_match.storage.db import Database
from oto_match.storage.rows import execute

VIBY_MEMBER = Staff("S013", "Hanne Kristensen", "viby", "job_consultant")
DEMO_LEADER = Staff("S001", "Morten Madsen", "gellerup", "team_leader", is_leader=True)  # decisions name stored staff


def _decision_with_placed_citizen(db: Database, actor: Staff) -> tuple[str, list[str]]:
    """Record a decision on a Gellerup job proposing a citizen with a placement who is shown as a card;
    returns that citizen and the other citizens the ranking showed."""
    ranking = matching.rank_job(db, actor, "J000001", "gellerup")
    entries = json.loads(matching.snapshot(ranking))["candidates"]
    shown = [str(c["citizen_id"]) for c in entries]
    with db.transaction() as cur:
        placed = {str(r[0]) for r in execute(cur, "SELECT citizen_id FROM placements").fetchall()}
    entry = next(c for c in entries if c["citizen_id"] in placed)
    chosen = str(entry["citizen_id"])
    override = "vi prøver alligevel" if entry["verdict"] == "excluded" else ""
    proposal = Proposal(chosen, override_reason=override)
    candidates.record_decision(db, actor, ranking, MatchDecision("J000001", (proposal,), "passer godt"))
    return chosen, [c for c in shown if c != chosen]


def test_the_export_holds_the_citizens_placement_followups_audit_rows_and_own_card_but_no_one_elses(
    demo_db: Database, actor: Staff
) -> None:
    citizen_id, others = _decision_with_placed_citizen(demo_db, DEMO_LEADER)
    export = gdpr.export_citizen(demo_db, actor, citizen_id)
    with demo_db.transaction() as cur:
        stored = placement_sql.placements_of_citizen(cur, citizen_id)
        other_names = [c.name for c in citizen_sql.citizens_by_id(cur, others).values()]
    assert stored and [p.placement_id for p in export.placements] == [p.placement_id for p in stored]
    assert export.followups and {f.placement_id for f in export.followups} <= {p.placement_id for p in stored}
    assert any(r.action == "export" and r.detail == "indsigt: kopi af alle data" for r in export.audit_rows)
    assert [d.card["citizen_id"] for d in export.decisions] == [citizen_id]
    assert [d.job_id for d in export.decisions] == ["J000001"] and export.decisions[0].reason == "passer godt"
    assert any(c.job_id == "J000001" for c in export.candidates)
    text, page = gdpr.to_json(export), gdpr.to_html(export)
    assert others and other_names
    for other in others:
        assert other not in text and other not in page
    for name in other_names:
        assert name not in text and name not in page
    assert "Forløb" in json.loads(text)["forløb"][0] or "Forløb (placement_id)" in json.loads(text)["forløb"][0]
    for heading in ("Dine oplysninger", "Skånehensyn og rammer", "Forløb og opfølgninger",
                    "Job du er blevet foreslået til", "Hvem har set eller ændret dine oplysninger"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in page


def test_the_export_is_audited_once(demo_db: Database, actor: Staff) -> None:
    with demo_db.transaction() as cur:
        before = execute(cur, "SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()
    gdpr.export_citizen(demo_db, actor, "C000031")
    with demo_db.transaction() as cur:
        after = execute(cur, "SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()
    assert before is not None and after is not None and after[0] == before[0] + 1


def test_a_viby_team_member_is_refused_the_export_of_a_gellerup_citizen(demo_db: Database) -> None:
    with demo_db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, "C000031")
    assert citizen is not None and citizen.team_id == "gellerup"
    with pytest.raises(PermissionDeniedError):
        gdpr.export_citizen(demo_db, VIBY_MEMBER, "C000031")


def test_the_html_escapes_a_name_with_a_script_tag(demo_db: Database, actor: Staff) -> None:
    with demo_db.transaction() as cur:
        citizen = citizen_sql.get_citizen(cur, "C000031")
        assert citizen is not None
        citizen_sql.save_citizen(cur, replace(citizen, name="<script>alert(1)</script> Hansen"))
    page = gdpr.to_html(gdpr.export_citizen(demo_db, actor, "C000031"))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Hansen" in page


def test_the_cli_writes_the_json_and_html_readable_by_the_owner_only(demo_db: Database, tmp_path: Path) -> None:
    path = demo_db.path
    demo_db.close()
    folder = tmp_path / "ud"
    assert main(["--db", str(path), "gdpr", "export", "C000031", str(folder)]) == 0
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["borgerdata-C000031.html", "borgerdata-C000031.json"]
    for name in files:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    assert json.loads((folder / "borgerdata-C000031.json").read_text("utf-8"))["borger"]["Borger"] == "C000031"
    assert main(["--db", str(path), "gdpr", "export", "C000031", str(folder)]) == 2  # not empty: nothing overwritten
