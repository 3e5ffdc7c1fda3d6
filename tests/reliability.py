"""Reliability probes: kill a writer at random points, and many threads at once — nothing acknowledged is lost.

Used in two sizes: a short run inside `make test` (tests/test_reliability.py) and the full run behind
`make reliability` (`python -m tests.reliability`), which prints one report with the figures.

Every write goes through the services (the same doors as the forms). A write is *acknowledged* when its
service call has returned (its transaction has committed); only then does the writer say so.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from oto_match.domain import Staff
from oto_match.employer_inputs import VisitLog
from oto_match.errors import OtoMatchError
from oto_match.placement_inputs import FollowUpLog
from oto_match.services import candidates as candidate_service
from oto_match.services import citizens as citizen_service
from oto_match.services import followups as followup_service
from oto_match.services import visits as visit_service
from oto_match.services.citizen_change import CitizenChange
from oto_match.services.setup import init_database
from oto_match.storage.db import Database, open_database

ROOT = Path(__file__).resolve().parents[1]
WRITER = Staff("S001", "Skriver", "gellerup", "employer_consultant")


@dataclass(frozen=True)
class Targets:
    """What the writers write about: employers (visits), the team's active placements (follow-ups) and one job
    with the team's citizens (candidate notes)."""

    employers: list[str]
    placements: list[str]
    job_id: str
    citizens: list[str]


def _targets(db: Database) -> Targets:
    with db.transaction() as cur:
        employers = [str(r[0]) for r in cur.execute("SELECT employer_id FROM employers ORDER BY 1").fetchall()]
        placements = [str(r[0]) for r in cur.execute(
            "SELECT p.placement_id FROM placements p JOIN citizens c USING (citizen_id)"
            " WHERE p.status = 'active' AND c.team_id = 'gellerup' ORDER BY 1").fetchall()]  # fmt: skip
        job = cur.execute("SELECT job_id FROM job_openings ORDER BY 1 LIMIT 1").fetchall()[0][0]
        citizens = [str(r[0]) for r in cur.execute(
            "SELECT citizen_id FROM citizens WHERE team_id = 'gellerup' ORDER BY 1 LIMIT 20").fetchall()]  # fmt: skip
    return Targets(employers, placements, str(job), citizens)


def _placement_version(db: Database, placement_id: str) -> int:
    with db.transaction() as cur:
        rows = cur.execute("SELECT version FROM placements WHERE placement_id = ?", [placement_id]).fetchall()
    return int(rows[0][0])


def write_one(db: Database, n: int, targets: Targets, today: date) -> str:
    """One acknowledged write through the same service as the form, taking turns: a visit, a new citizen, a
    follow-up on an active placement, a note on a candidate; returns its key."""
    turn, tag = n % 4, f"{os.getpid()}-{n}"
    if turn == 0 or (turn == 2 and not targets.placements):
        log = VisitLog(targets.employers[n % len(targets.employers)], WRITER.staff_id, today, "phone",
                       notes=f"ack-{n}", visit_id=f"RV-{tag}")  # fmt: skip
        visit_service.log_visit(db, WRITER, log, today)
        return f"visit:RV-{tag}"
    if turn == 2:
        placement_id = targets.placements[n % len(targets.placements)]
        done = followup_service.log_followup(
            db, WRITER, placement_id, None, FollowUpLog(today, "citizen", "thriving", notes=f"ack-{tag}"), today,
            placement_version=_placement_version(db, placement_id))  # fmt: skip
        return f"followup:{done.followup_id}"
    if turn == 3 and targets.citizens:
        note = candidate_service.CandidateNote(targets.job_id, targets.citizens[n % len(targets.citizens)],
                                               f"ack-{tag}")  # fmt: skip
        return f"note:{candidate_service.add_note(db, WRITER, note)}"
    citizen_id = f"RC-{tag}"
    citizen_service.save_citizen(db, WRITER, CitizenChange(citizen_id, f"Borger {n}", version=0, team_id="gellerup"))
    return f"citizen:{citizen_id}"


def writer_main(path: str) -> None:
    """The process that is killed: write forever, printing each key once its write has committed."""
    db = open_database(path)
    targets, today = _targets(db), date.today()
    n = 0
    while True:
        key = write_one(db, n, targets, today)
        sys.stdout.write(f"ack {key}\n")
        sys.stdout.flush()
        n += 1


_TABLES = {"visit": ("visits", "visit_id"), "followup": ("followups", "followup_id"),
           "note": ("candidate_notes", "note_id")}


def present(db: Database, keys: list[str]) -> tuple[int, int]:
    """(writes found, writes half done: the row without its audit entry, or the other way round)."""
    found = half = 0
    with db.transaction() as cur:
        for key in keys:
            kind, _, ident = key.partition(":")
            if kind in _TABLES:
                table, column = _TABLES[kind]
                found += bool(cur.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [ident]).fetchall())
            else:
                row = cur.execute("SELECT citizen_id FROM citizens WHERE citizen_id = ?", [ident]).fetchall()
                audited = cur.execute(
                    "SELECT count(*) FROM audit_log WHERE entity = 'citizen' AND entity_id = ? AND action = 'create'",
                    [ident],
                ).fetchall()[0][0]
                found += bool(row)
                half += bool(row) != bool(audited)
    return found, half


@dataclass
class CrashReport:
    cycles: int = 0
    acknowledged: int = 0
    found: int = 0
    half_done: int = 0
    opened_cleanly: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.acknowledged - self.found


def crash_cycles(path: Path, cycles: int, seconds: float, seed: int = 7) -> CrashReport:
    """Start the writer, SIGKILL it after a random moment, reopen and check; `cycles` times or until `seconds`."""
    rng, report, keys = random.Random(seed), CrashReport(), []
    deadline = time.monotonic() + seconds
    while report.cycles < cycles and time.monotonic() < deadline:
        proc = subprocess.Popen([sys.executable, "-m", "tests.reliability", "writer", str(path)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
        first = proc.stdout.readline() if proc.stdout else ""  # the writer is up and writing
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        rest = proc.communicate()[0]
        keys += [line.split(" ", 1)[1] for line in (first + rest).splitlines() if line.startswith("ack ")]
        report.cycles += 1
        try:
            db = Database(path)
        except OtoMatchError as e:
            report.problems.append(f"cycle {report.cycles}: {e.message}")
            continue
        report.opened_cleanly += 1
        db.close()
    db = Database(path)
    report.acknowledged = len(keys)
    report.found, report.half_done = present(db, keys)
    db.close()
    return report


@dataclass
class ConcurrencyReport:
    operations: int = 0
    acknowledged: int = 0
    refused: int = 0
    found: int = 0
    half_done: int = 0
    errors: list[str] = field(default_factory=list)


def concurrent_use(path: Path, threads: int, seconds: float) -> ConcurrencyReport:
    """`threads` people at once for `seconds`: visits, new citizens, changes of one shared citizen, reads."""
    db = open_database(path)
    targets, today = _targets(db), date.today()
    citizen_service.save_citizen(db, WRITER, CitizenChange("SHARED", "Delt Borger", version=0, team_id="gellerup"))
    report, lock, keys = ConcurrencyReport(), threading.Lock(), []
    deadline = time.monotonic() + seconds

    def person(i: int) -> None:
        n = i
        while time.monotonic() < deadline:
            n += threads
            try:
                if n % 3 == 2:  # everybody edits the same citizen: the later of two is told, never overwritten
                    shared = citizen_service.get_citizen(db, WRITER, "SHARED")
                    change = CitizenChange("SHARED", "Delt Borger", version=shared.version, team_id="gellerup",
                                           own_words=f"ændret af {i} som nr. {n}")  # fmt: skip
                    citizen_service.save_citizen(db, WRITER, change)
                    key = None
                else:
                    key = write_one(db, n, targets, today)
                with lock:
                    report.operations += 1
                    if key is not None:
                        report.acknowledged += 1
                        keys.append(key)
            except OtoMatchError:
                with lock:
                    report.operations += 1
                    report.refused += 1
            except Exception as e:  # a real bug: counted and reported, never hidden
                with lock:
                    report.errors.append(f"{type(e).__name__}: {e}")

    workers = [threading.Thread(target=person, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    report.found, report.half_done = present(db, keys)
    db.close()
    return report


@dataclass
class HostileReport:
    tried: int = 0
    files: int = 0
    refused: int = 0
    tracebacks: list[str] = field(default_factory=list)
    partial_writes: list[str] = field(default_factory=list)


LEADER = Staff("S001", "Leder", "gellerup", "employer_consultant", is_leader=True)
ENCODINGS = ("utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252")


def _parser_campaign(report: HostileReport, examples: int) -> None:
    """Every field parser, the time-window parser and the CVR check, fed hostile text (tests/test_hostile_input's
    strategies): each answer is a value or a Danish refusal (ValueError with a message), never anything else."""
    from hypothesis import Phase, given, settings
    from hypothesis import strategies as st

    from oto_match import validation as v
    from oto_match.timewindows import normalise_windows
    from tests.test_hostile_input import PARSERS, TEXT

    def campaign(name: str, parse: Any) -> None:
        @given(st.one_of(TEXT, st.text(alphabet="0123456789 ", max_size=12)))
        @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate])
        def check(text: str) -> None:
            report.tried += 1
            try:
                parse(text)
            except ValueError as e:
                report.refused += 1
                if not str(e).strip():
                    report.tracebacks.append(f"{name}: refusal without a message for {text[:40]!r}")
            except Exception as e:  # the campaign counts what must never happen
                report.tracebacks.append(f"{name}: {type(e).__name__}: {e} for {text[:40]!r}")

        check()

    for name, parse in {**PARSERS, "time windows": normalise_windows, "cvr check": v.cvr_is_valid}.items():
        campaign(name, parse)


def _one_file(db: Database, kind: str, raw: bytes, folder: Path, report: HostileReport) -> None:
    """Import one hostile file; a refusal must leave every table as it was."""
    from oto_match.importexport import import_file
    from oto_match.storage.backup import row_counts

    path = folder / f"hostile-{report.files}.csv"
    path.write_bytes(raw)
    with db.transaction() as cur:
        before = row_counts(cur)
    report.tried += 1
    report.files += 1
    try:
        result = import_file(db, LEADER, kind, path)
        failed = bool(result.problems)
    except OtoMatchError:
        failed = True
    except Exception as e:  # the campaign counts what must never happen
        report.tracebacks.append(f"{kind}: {type(e).__name__}: {e}")
        failed = True
    if failed:
        report.refused += 1
        with db.transaction() as cur:
            after = row_counts(cur)
        changed = [t for t in after if t != "audit_log" and after[t] != before.get(t)]
        if changed:
            report.partial_writes.append(f"{kind}: a refused file changed {', '.join(changed)}")


def _import_campaign(db: Database, report: HostileReport, examples: int, folder: Path) -> None:
    """Every CSV importer, fed files of hostile rows in five encodings (wrong ones included), with headers only,
    empty files and duplicate ids; never a traceback, and a refused file writes nothing."""
    from hypothesis import Phase, given, settings
    from hypothesis import strategies as st

    from oto_match.importexport import KINDS
    from tests.test_hostile_input import TEXT, _hostile_file

    def campaign(kind: str, columns: list[str]) -> None:
        rows = st.lists(st.lists(TEXT, min_size=len(columns), max_size=len(columns)), min_size=0, max_size=4)

        @given(rows, st.sampled_from(ENCODINGS), st.booleans())
        @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate])
        def check(cells: list[list[str]], encoding: str, twice: bool) -> None:
            text = _hostile_file(columns, cells + cells[:1] if twice else cells)  # duplicate ids in one file
            _one_file(db, kind, text.encode(encoding, errors="replace"), folder, report)

        check()
        _one_file(db, kind, b"", folder, report)

    for kind in sorted(KINDS):
        campaign(kind, KINDS[kind].columns)


def hostile_inputs(path: Path, parser_examples: int, file_examples: int) -> HostileReport:
    """The hostile-input campaign of issue 13 item 5, counted: parsers first, then files through every importer."""
    import tempfile

    report = HostileReport()
    _parser_campaign(report, parser_examples)
    db = open_database(path)
    try:
        with tempfile.TemporaryDirectory() as folder:
            _import_campaign(db, report, file_examples, Path(folder))
    finally:
        db.close()
    return report


def fresh_demo(folder: Path) -> Path:
    path = folder / "reliability.duckdb"
    db, _ = init_database(path, demo=True)
    db.close()
    return path


def print_report(conc: ConcurrencyReport, crash: CrashReport, hostile: HostileReport, seconds: float) -> None:
    """The one report of `make reliability`: every figure the issue asks for, and every problem found."""
    lines = [
        "OTO Match — pålidelighedsrapport (reliability report)",
        f"  operations run (20 threads, mixed reads and writes): {conc.operations}",
        f"  writes acknowledged: {conc.acknowledged + crash.acknowledged}"
        f" ({conc.acknowledged} concurrent, {crash.acknowledged} before a kill)",
        f"  writes found afterwards: {conc.found + crash.found}",
        f"  saves refused with a message (someone else saved first): {conc.refused}",
        f"  kill cycles survived (SIGKILL, reopened cleanly): {crash.opened_cleanly} of {crash.cycles}",
        f"  committed writes lost: {crash.lost + conc.acknowledged - conc.found}",
        f"  hostile inputs tried: {hostile.tried} ({hostile.files} files through every importer,"
        f" {hostile.tried - hostile.files} values through the parsers; {hostile.refused} refused in Danish)",
        f"  tracebacks: {len(hostile.tracebacks) + len(conc.errors)}",
        f"  partial writes: {len(hostile.partial_writes) + conc.half_done + crash.half_done}",
        f"  time: {seconds:.0f} s",
    ]
    print("\n".join(lines))
    for problem in crash.problems + conc.errors[:10] + hostile.tracebacks[:10] + hostile.partial_writes[:10]:
        print(f"  ! {problem}")


def main() -> None:
    import tempfile

    if len(sys.argv) >= 3 and sys.argv[1] == "writer":
        writer_main(sys.argv[2])
        return
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        conc = concurrent_use(fresh_demo(Path(folder)), threads=20, seconds=60)
    with tempfile.TemporaryDirectory() as folder:
        crash = crash_cycles(fresh_demo(Path(folder)), cycles=120, seconds=240)
    with tempfile.TemporaryDirectory() as folder:
        hostile = hostile_inputs(fresh_demo(Path(folder)), parser_examples=700, file_examples=150)
    print_report(conc, crash, hostile, time.monotonic() - started)
    failed = (crash.lost or conc.acknowledged != conc.found or hostile.tracebacks or hostile.partial_writes
              or conc.errors or conc.half_done or crash.half_done or crash.cycles < 100)  # fmt: skip
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
