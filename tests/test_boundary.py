"""The core never imports Streamlit: a boundary lasts only while a test guards it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_the_core_and_the_cli_load_without_streamlit() -> None:
    code = (
        "import sys, pkgutil, importlib, oto_match\n"
        "for m in pkgutil.walk_packages(oto_match.__path__, 'oto_match.'):\n"
        "    if not m.name.startswith('oto_match.ui'):\n"
        "        importlib.import_module(m.name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"\b(SELECT .* FROM|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE)\b")


def test_all_sql_lives_in_storage() -> None:
    outside = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in [*(ROOT / "oto_match").rglob("*.py"), ROOT / "streamlit_app.py"]
        if "storage" not in path.relative_to(ROOT).parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert not outside, outside


def test_every_page_script_stays_short() -> None:
    """A page reads widgets, calls a service and renders; anything longer belongs in a view module or the core."""
    long_pages = {
        path.name: n
        for path in (ROOT / "oto_match" / "ui" / "pages").glob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 120
    }
    assert not long_pages, long_pages
