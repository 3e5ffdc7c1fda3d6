"""Bulk import at national scale, in one run: `oto-match import citizens` against DuckDB's own read_csv.

Writes 100,000 generated citizens as a citizens.csv (the export format), then times
(a) OTO Match's import of that file into a database that has the staff and teams — what a person waits for:
    reading, validating every row, the batch write through the citizen door and the audit rows, in one
    transaction — and
(b) `CREATE TABLE … AS SELECT * FROM read_csv(…)` of the same file in DuckDB (no validation at all: the floor),
and prints the ratio. Target: within 20x of read_csv.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oto_match import demo, records
from oto_match.cli.common import cli_actor
from oto_match.importexport import import_file, write_csv
from oto_match.services.setup import init_database
from oto_match.storage import bulk
from oto_match.storage.staff import STAFF_COLUMNS

N = 100_000
TARGET = 20.0


def main() -> None:
    data = demo.generate(citizens=N, employers=100)
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "citizens.csv"
        columns = list(records.CITIZEN_COLUMNS) + list(records.CITIZEN_OPTIONAL_COLUMNS)
        csv_path.write_text(write_csv(columns, (records.citizen_row(c) for c in data.citizens)), encoding="utf-8")
        db, _ = init_database(Path(folder) / "import.duckdb")
        with db.transaction() as cur:
            bulk.insert_many(cur, "staff", STAFF_COLUMNS, data.staff)
        start = time.perf_counter()
        report = import_file(db, cli_actor(), "citizens", csv_path)
        ours = time.perf_counter() - start
        assert report.inserted == N and not report.problems, report.problems[:5]
        db.close()
        with duckdb.connect(str(Path(folder) / "floor.duckdb")) as con:
            start = time.perf_counter()
            con.execute("CREATE TABLE citizens AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
                        [str(csv_path)])  # fmt: skip
            floor = time.perf_counter() - start
    ratio = ours / floor
    print(f"bench_import: {N:,} citizens from one CSV file ({csv_path.name})")
    print(f"  oto-match import citizens (validate all, one transaction): {ours:7.2f} s ({ours / N * 1e6:.0f} µs/row)")
    print(f"  duckdb read_csv of the same file (floor):                 {floor:7.2f} s")
    print(f"  ratio {ratio:.1f}x (target <= {TARGET:.0f}x): {'OK' if ratio <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
