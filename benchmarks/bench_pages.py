"""Every page at national scale, in one run: what a person waits for when a page opens.

Builds the small demo (75 citizens, 60 employers) and the national demo (100,000 citizens, 50,000 employers), then
runs each page with Streamlit's AppTest as a Gellerup virksomhedskonsulent and as a job consultant — first run
(caches filled), then the median of a few reruns (a person clicking about) — and prints the national time, the
small time and their ratio. Target: each page within 3x of itself on the small demo.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from oto_match.access import User  # noqa: E402
from oto_match.services import accounts  # noqa: E402
from oto_match.storage import accounts as accounts_sql  # noqa: E402
from oto_match.storage.db import Database  # noqa: E402
from oto_match.ui import state  # noqa: E402

PAGES = ["employers", "jobs", "citizens", "fastholdelse", "overview"]
RERUNS = 3
TARGET = 3.0
ACTOR = "S006"  # a Gellerup virksomhedskonsulent in the demo


def _build(path: Path, *args: str) -> None:
    cli = [sys.executable, "-m", "oto_match.cli", "--db", str(path)]
    subprocess.run([*cli, *args], check=True, capture_output=True, cwd=ROOT)
    subprocess.run([*cli, "demo-accounts"], check=True, capture_output=True, cwd=ROOT)


def _user(db_path: Path) -> User:
    """The demo account of ACTOR, as signing in gives it."""
    db = Database(db_path)
    try:
        with db.transaction() as cur:
            account = accounts_sql.account_for_staff(cur, ACTOR)
        assert account is not None
        return accounts.user_for_username(db, account.username)
    finally:
        db.close()


def _page_seconds(db: Path, page: str) -> tuple[float, float]:
    """(first run, median rerun) of one page against one database."""
    os.environ["OTO_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    state.sign_in(at.session_state, _user(db))
    at.run()
    at.switch_page(f"oto_match/ui/pages/{page}.py")
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    reruns = []
    for _ in range(RERUNS):
        start = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - start)
    return first, statistics.median(reruns)


def main() -> None:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's "missing ScriptRunContext" chatter
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        small, national = Path(folder) / "small.duckdb", Path(folder) / "national.duckdb"
        _build(small, "init", "--demo")
        start = time.perf_counter()
        _build(national, "demo", "--citizens", "100000", "--employers", "50000")
        print(f"bench_pages: national demo built in {time.perf_counter() - start:.0f} s")
        print(f"{'page':<14}{'first run: small':>17}{'national':>10}{'ratio':>7}{'rerun: small':>14}{'national':>10}"
              f"{'ratio':>7}")  # fmt: skip
        for page in PAGES:
            small_first, small_rerun = _page_seconds(small, page)
            big_first, big_rerun = _page_seconds(national, page)
            first_ratio, rerun_ratio = big_first / small_first, big_rerun / small_rerun
            verdict = "OK" if max(first_ratio, rerun_ratio) <= TARGET else "OVER TARGET"
            print(f"{page:<14}{small_first:>16.2f}s{big_first:>9.2f}s{first_ratio:>6.1f}x"
                  f"{small_rerun:>13.2f}s{big_rerun:>9.2f}s{rerun_ratio:>6.1f}x  {verdict}")  # fmt: skip
    print(f"target: each page at national scale within {TARGET:.0f}x of the small demo, first run and rerun")


if __name__ == "__main__":
    main()
