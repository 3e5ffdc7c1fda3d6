"""oto_match/ui/danish.py translates Streamlit's own English only: a user's words that happen to read like it (an
employer called "Remove Solutions", a note starting "Add: ") are shown as written, in text, options and tags,
while the controls around them are still Danish."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ROOT, _free_port, _wait_healthy, stop

APP = """
import streamlit as st
from oto_match.ui import danish

danish.install()
st.title("Brugerens ord")
st.markdown("Remove Solutions")
st.markdown("Add: ring tirsdag")
st.caption("Error: skrevet af en bruger")
st.write("Open")
st.multiselect("Virksomheder", ["Remove Solutions", "Open", "Add: Service ApS"], default=["Remove Solutions"])
st.selectbox("Virksomhed", ["Remove Solutions", "Open"])
st.number_input("Timer", 1, 40, 5)
"""

READ = """() => {
  const parts = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
    for (const a of ['aria-label', 'title', 'placeholder'])
      if (el.getAttribute(a)) parts.push(a + '=' + el.getAttribute(a));
  return parts.join('\\n');
}"""


@pytest.fixture
def words_app(tmp_path: Path) -> Iterator[str]:
    script = tmp_path / "words_app.py"
    script.write_text(APP, encoding="utf-8")
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc)
        yield url
    finally:
        stop(proc)


def test_words_that_read_like_streamlits_english_are_shown_as_written(journey_page: Any, words_app: str) -> None:
    page = journey_page
    page.goto(words_app)
    page.get_by_role("heading", name="Brugerens ord").wait_for()
    page.wait_for_timeout(800)
    text = page.evaluate(READ)
    for own in ("Remove Solutions", "Add: ring tirsdag", "Error: skrevet af en bruger", "\nOpen\n"):
        assert own in text, own
    assert "aria-label=Fjern Remove Solutions" in text  # the tag's remove button is Streamlit's: in Danish
    assert "Fjern Solutions" not in text and "Tilføj: ring" not in text and "Fejl: skrevet" not in text
    assert "Åbn" not in text.replace("aria-label=Åbn", "")  # "Open" written by a user stays "Open"
    page.get_by_role("combobox", name="Virksomheder").click()
    page.get_by_role("option").first.wait_for()
    page.wait_for_timeout(400)
    options = page.evaluate(READ)
    assert "Add: Service ApS" in options and "Tilføj: Service" not in options
    assert "Vælg alle" in options and "Select all" not in options  # the list's own words are still Danish
