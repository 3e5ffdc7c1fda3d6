"""The rank path end to end: from an opened database file to the JSON `oto-match rank JOB --top 50 --json` prints.

Each measurement runs in a fresh process (so peak memory is that of one request): the timer starts before the
database file is opened and stops when the JSON is written; the command is the CLI's own code, in-process
(imports are start-up, measured by bench_startup.py). It runs at 1,000 citizens (a small demo) and at 100,000
(the national demo), and prints the marginal cost of the extra 99,000. Beside it, in the same run and over the
same 100,000 citizens: the per-citizen Python loop over the readable rules, and the bare NumPy floor over the
prepared columns. Targets: the marginal cost at least 20x faster than the loop over 99,000; peak memory under
300 MB at 100,000.

Each measurement (the command at each size, the loop and the floor) runs REPEATS times, each in a fresh process, the
three kinds taking turns, and the fastest run of each kind counts, alike for the command and for the loop: on a
shared machine other work only ever adds time. Peak memory is the highest of the runs. The demo databases are built
once (`oto-match demo`) if missing; a run writes one audit row to each.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SMALL = ("/tmp/small_rank.duckdb", 1_000, 500)
LARGE = ("/tmp/national_rank.duckdb", 100_000, 50_000)
TOP = 50
REPEATS = 5
LOOP_TARGET, MEMORY_TARGET_MB = 20.0, 300.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _first_scheduled_job(path: str) -> str:
    """The first open job (by id) with a fixed schedule in a postcode where citizens live: every rule, the
    scoring and the sort do work (a job across the country excludes everyone on the commute)."""
    import duckdb

    with duckdb.connect(path, read_only=True) as con:
        row = con.execute(
            "SELECT j.job_id FROM job_openings j JOIN employers e USING (employer_id)"
            " WHERE j.status = 'open' AND j.schedule <> ''"
            " AND coalesce(j.postcode, e.postcode) IN (SELECT postcode FROM citizens) ORDER BY j.job_id LIMIT 1"
        ).fetchone()
    assert row is not None, f"{path} has no open job with a schedule"
    return str(row[0])


def measure_rank(path: str, job_id: str) -> dict[str, float | int]:
    """One request, as the CLI runs it: open the file, rank, explain the top 50, print JSON."""
    from oto_match.cli import main
    from oto_match.services import matching as _  # noqa: F401  (imports are start-up, not the request)

    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = main(["--db", path, "rank", job_id, "--top", str(TOP), "--json"])
    seconds = time.perf_counter() - start
    assert code == 0
    payload = json.loads(out.getvalue())
    shown, size = len(payload["candidates"]), len(out.getvalue())
    return {"seconds": seconds, "peak_mb": _peak_mb(), "shown": shown, "bytes": size}


def measure_reference(path: str, job_id: str) -> dict[str, float | int]:
    """The per-citizen loop over the readable rules and the bare NumPy floor, over the same citizens."""
    from benchmarks.bench_matching import floor_pass
    from oto_match import matching
    from oto_match.matching_rules import job_context
    from oto_match.storage import citizens as citizen_sql
    from oto_match.storage import employers as employer_sql
    from oto_match.storage import jobs as job_sql
    from oto_match.storage.db import open_database

    db = open_database(path)
    with db.transaction() as cur:
        job = job_sql.get_job(cur, job_id)
        assert job is not None
        employer = employer_sql.get_employer(cur, job.employer_id)
        assert employer is not None
        people = citizen_sql.list_citizens(cur, active_only=True)
    ctx = job_context(job, employer)
    start = time.perf_counter()
    matching.rank_loop(ctx, people)
    loop = time.perf_counter() - start
    cols = matching.prepare(people)
    floor = min(_timed(lambda: floor_pass(ctx, cols)) for _ in range(11))
    return {"citizens": len(people), "loop_seconds": loop, "floor_seconds": floor}  # the floor: best of 11 here


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def _in_subprocess(what: str, path: str, job_id: str) -> dict[str, float | int]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--measure", what, path, job_id]
    done = subprocess.run(argv, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _best(runs: list[dict[str, float | int]]) -> dict[str, float | int]:
    """The fastest time of each kind among the runs, the highest peak memory."""
    best = {k: min(float(r[k]) for r in runs) if k.endswith("seconds") else runs[0][k] for k in runs[0]}
    if "peak_mb" in runs[0]:
        best["peak_mb"] = max(float(r["peak_mb"]) for r in runs)
    return best


def _ensure_demo(path: str, citizens: int, employers: int) -> None:
    if Path(path).exists():
        return
    print(f"building {path} ({citizens:,} citizens, {employers:,} employers) once ...", flush=True)
    cli = [sys.executable, "-m", "oto_match.cli", "--db", path, "demo"]
    subprocess.run([*cli, "--citizens", str(citizens), "--employers", str(employers)], check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measure", nargs=3, metavar=("WHAT", "DB", "JOB"))
    parser.add_argument("--small", default=SMALL[0])
    parser.add_argument("--large", default=LARGE[0])
    args = parser.parse_args()
    if args.measure:
        what, path, job_id = args.measure
        result = measure_rank(path, job_id) if what == "rank" else measure_reference(path, job_id)
        print(json.dumps(result))
        return
    _ensure_demo(args.small, *SMALL[1:])
    _ensure_demo(args.large, *LARGE[1:])
    small_job, large_job = _first_scheduled_job(args.small), _first_scheduled_job(args.large)
    _in_subprocess("rank", args.small, small_job)  # a first run warms the file cache (and any migration)
    _in_subprocess("rank", args.large, large_job)
    runs: dict[str, list[dict[str, float | int]]] = {"small": [], "large": [], "reference": []}
    for _ in range(REPEATS):  # the kinds take turns, so a busy spell of the machine falls on all of them
        runs["small"].append(_in_subprocess("rank", args.small, small_job))
        runs["large"].append(_in_subprocess("rank", args.large, large_job))
        runs["reference"].append(_in_subprocess("reference", args.large, large_job))
    small, large, ref = (_best(runs[kind]) for kind in ("small", "large", "reference"))
    report(small, large, ref, small_job, large_job)


def report(small: dict, large: dict, ref: dict, small_job: str, large_job: str) -> None:  # type: ignore[type-arg]
    n = int(ref["citizens"])
    extra = n - 1_000
    marginal = float(large["seconds"]) - float(small["seconds"])
    loop_extra = float(ref["loop_seconds"]) * extra / n
    ratio = loop_extra / marginal if marginal > 0 else float("inf")
    peak_ok = float(large["peak_mb"]) < MEMORY_TARGET_MB
    print(f"bench_rank_path: `rank JOB --top {TOP} --json`, from opening the file to the printed JSON "
          f"(fresh processes, fastest of {REPEATS})")  # fmt: skip
    print(f"  1,000 citizens   ({small_job}): {float(small['seconds']):7.3f} s   "
          f"peak {float(small['peak_mb']):6.0f} MB")  # fmt: skip
    print(f"  {n:,} citizens ({large_job}): {float(large['seconds']):7.3f} s   peak {float(large['peak_mb']):6.0f} MB"
          f"   ({int(large['shown'])} explained, {int(large['bytes']):,} bytes of JSON)")  # fmt: skip
    print(f"  marginal cost of the extra {extra:,}:        {marginal:7.3f} s")
    print(f"  per-citizen Python loop over {extra:,}:     {loop_extra:7.3f} s   (readable rules, no explanation kept)")
    print(f"  bare NumPy floor over {n:,}:             {float(ref['floor_seconds']) * 1000:7.1f} ms")
    verdict = "OK" if ratio >= LOOP_TARGET else "MISSED"
    print(f"  loop / marginal: {ratio:6.1f}x (target >= {LOOP_TARGET:.0f}x): {verdict}")
    print(f"  peak at {n:,}: {float(large['peak_mb']):.0f} MB (target < {MEMORY_TARGET_MB:.0f} MB): "
          f"{'OK' if peak_ok else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
