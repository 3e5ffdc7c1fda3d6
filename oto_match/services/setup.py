"""Creating the database and filling it with demo data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from oto_match.demo import DemoData, generate
from oto_match.demo_pools import TEAMS
from oto_match.domain import Staff, Team
from oto_match.errors import OtoMatchError
from oto_match.services import employers as employer_service
from oto_match.services import followups as followup_service
from oto_match.services import placements as placement_service
from oto_match.services import visits as visit_service
from oto_match.storage import bulk
from oto_match.storage import staff as staff_sql
from oto_match.storage.citizens import insert_citizens
from oto_match.storage.db import Database, open_database
from oto_match.storage.employers import CONTACT_COLUMNS
from oto_match.storage.jobs import ALL_JOB_COLUMNS
from oto_match.storage.rows import Cursor
from oto_match.storage.staff import STAFF_COLUMNS

# Who the audit log names for what the demo generator wrote.
DEMO_ACTOR = Staff("demo", "demodata", "", "system")


def load_demo(db: Database, data: DemoData) -> dict[str, int]:
    """Insert a generated data set into an empty database, all in one transaction."""
    with db.transaction() as cur:
        if not bulk.is_empty(cur, ignore_teams=True):
            raise OtoMatchError(
                f"Databasen {db.path} har allerede data. Demodata lægges kun i en tom database "
                "(brug 'oto-match demo --replace' for at slette og generere på ny)."
            )
        counts = {
            "teams": _insert_missing_teams(cur, data.teams),
            "staff": bulk.insert_many(cur, "staff", STAFF_COLUMNS, data.staff),
            "employers": employer_service.load_employers(cur, DEMO_ACTOR, data.employers),
            "contact_persons": bulk.insert_many(cur, "contact_persons", CONTACT_COLUMNS, data.contacts),
            "visits": visit_service.load_visits(cur, DEMO_ACTOR, data.visits, data.today),
            "citizens": insert_citizens(cur, data.citizens, None),  # with what rankings read (stretches, masks)
            "job_openings": bulk.insert_many(cur, "job_openings", ALL_JOB_COLUMNS, data.jobs),
        }
        counts |= _load_placements(cur, data)
    return counts


def _load_placements(cur: Cursor, data: DemoData) -> dict[str, int]:
    """The demo's placements start through the same door as the form's (makkerpar, hours at start, follow-up
    plan, citizen status, audit), all at once; then their history: follow-ups done and hours raised."""
    placements = placement_service.create_placements(cur, DEMO_ACTOR, data.placements).created
    done = [f for f in data.followups if f.status == "done"]  # the rest is the plan as the door made it
    followup_service.import_followups(cur, DEMO_ACTOR, done, data.today)
    followup_service.record_hours(cur, DEMO_ACTOR, data.hours)
    return {"placements": len(placements), "followups": len(data.followups),
            "placement_hours": len(placements) + len(data.hours)}  # fmt: skip


def _insert_missing_teams(cur: Cursor, teams: list[Team]) -> int:
    known = {t.team_id for t in staff_sql.list_teams(cur)}
    return bulk.insert_many(
        cur, "teams", ("team_id", "name", "neighbourhood"), [t for t in teams if t.team_id not in known]
    )


def ensure_teams(db: Database) -> None:
    """The three OTO teams (Gellerup, Viby, Tilst) exist in every database from the start."""
    with db.transaction() as cur:
        _insert_missing_teams(cur, [Team(*t) for t in TEAMS])


def init_database(path: Path | str, demo: bool = False, today: date | None = None) -> tuple[Database, dict[str, int]]:
    """Create or migrate the database; with `demo`, fill an empty one with the standard demo data."""
    db = open_database(path)
    ensure_teams(db)
    counts: dict[str, int] = {}
    if demo:
        with db.transaction() as cur:
            empty = bulk.is_empty(cur, ignore_teams=True)
        if empty:
            counts = load_demo(db, generate(today=today))
    return db, counts
