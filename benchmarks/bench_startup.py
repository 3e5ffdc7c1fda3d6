"""Start-up: what a person waits for when they type a quick command, in one run.

Times `oto-match employers --json` on the small demo (a fresh process each time: interpreter start,
imports, opening the database, the query and the JSON) against the floor of any DuckDB tool,
`python -c "import duckdb, numpy"`, and prints the ratio. Target: within 3x of the floor.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
TARGET = 3.0


def _median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "small.duckdb")
        cli = [sys.executable, "-m", "oto_match.cli"]
        subprocess.run([*cli, "--db", db, "init", "--demo"], check=True, capture_output=True, cwd=ROOT)
        command = _median_seconds([*cli, "--db", db, "employers", "--json"])
        floor = _median_seconds([sys.executable, "-c", "import duckdb, numpy"])
    ratio = command / floor
    print(f"bench_startup: median of {RUNS} fresh processes")
    print(f"  oto-match employers --json (75 citizens, 60 employers): {command * 1000:7.0f} ms")
    print(f"  python -c 'import duckdb, numpy' (floor):              {floor * 1000:7.0f} ms")
    print(f"  ratio {ratio:.1f}x (target <= {TARGET:.0f}x): {'OK' if ratio <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
