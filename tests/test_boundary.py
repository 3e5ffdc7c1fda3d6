"""The core never imports Streamlit: a boundary lasts only while a test guards it."""

from __future__ import annotations

import subprocess
import sys


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
