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

from oto_match.domain import Staff
from oto_match.employer_inputs import VisitLog
from oto_match.errors import OtoMatchError
from oto_match.services import citizens as citizen_service
from oto_match.services import visits as visit_service
from oto_match.services.citizen_change import CitizenChange
from oto_match.services.setup import init_database
from oto_match.storage.db import Database, open_database

ROOT = Path(__file__).resolve().parents[1]
WRITER = Staff("S001", "Skriver", "gellerup", "employer_consultant")


def _employers(db: Database) -> list[str]:
    with db.transaction() as cur:
        return [str(r[0]) for r in cur.execute("SELECT employer_id FROM employers ORDER BY employer_id").fetchall()]


def write_one(db: Database, n: int, employers: list[str], today: date) -> str:
    """One acknowledged write, alternating a visit and a new citizen; returns its key."""
    if n % 2 == 0:
        log = VisitLog(employers[n % len(employers)], WRITER.staff_id, today, "phone", notes=f"ack-{n}",
                       visit_id=f"RV-{os.getpid()}-{n}")  # fmt: skip
        visit_service.log_visit(db, WRITER, log, today)
        return f"visit:RV-{os.getpid()}-{n}"
    citizen_id = f"RC-{os.getpid()}-{n}"
    citizen_service.save_citizen(db, WRITER, CitizenChange(citizen_id, f"Borger {n}", version=0, team_id="gellerup"))
    return f"citizen:{citizen_id}"


def writer_main(path: str) -> None:
    """The process that is killed: write forever, printing each key once its write has committed."""
    db = open_database(path)
    employers, today = _employers(db), date.today()
    n = 0
    while True:
        key = write_one(db, n, employers, today)
        sys.stdout.write(f"ack {key}\n")
        sys.stdout.flush()
        n += 1


def present(db: Database, keys: list[str]) -> tuple[int, int]:
    """(writes found, writes half done: the row without its audit entry, or the other way round)."""
    found = half = 0
    with db.transaction() as cur:
        for key in keys:
            kind, _, ident = key.partition(":")
            if kind == "visit":
                row = cur.execute("SELECT employer_id FROM visits WHERE visit_id = ?", [ident]).fetchall()
                found += bool(row)
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
    employers, today = _employers(db), date.today()
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
                    key = write_one(db, n, employers, today)
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


def fresh_demo(folder: Path) -> Path:
    path = folder / "reliability.duckdb"
    db, _ = init_database(path, demo=True)
    db.close()
    return path


def main() -> None:
    import tempfile

    if len(sys.argv) >= 3 and sys.argv[1] == "writer":
        writer_main(sys.argv[2])
        return
    with tempfile.TemporaryDirectory() as folder:
        crash = crash_cycles(fresh_demo(Path(folder)), cycles=120, seconds=240)
    with tempfile.TemporaryDirectory() as folder:
        conc = concurrent_use(fresh_demo(Path(folder)), threads=20, seconds=60)
    print("OTO Match reliability report")
    print(f"  concurrent use: 20 threads for 60 s: {conc.operations} operations, {conc.acknowledged} writes "
          f"acknowledged, {conc.found} found, {conc.refused} refused with a message, {conc.half_done} half done, "
          f"{len(conc.errors)} unexpected errors")  # fmt: skip
    print(f"  crashes: {crash.cycles} SIGKILL cycles, {crash.opened_cleanly} reopened cleanly, {crash.acknowledged} "
          f"writes acknowledged, {crash.found} found, committed writes lost: {crash.lost}, half done: "
          f"{crash.half_done}")  # fmt: skip
    for problem in crash.problems + conc.errors[:10]:
        print(f"  ! {problem}")


if __name__ == "__main__":
    main()
