"""Danish all the way (issue 14, item 2): a team member and a leader sign in, open every page, every tab and a record
of each kind, and the rendered text (what is on screen, plus the placeholders, aria-labels and titles of the
controls) holds none of Streamlit's English and no raw code: no ids like C000013, no snake_case, no role or action
codes from the log."""

from __future__ import annotations

import re

from oto_match import access, vocab
from oto_match.ui.fastholdelse.placement_view import PLACEMENT_TABS
from tests.e2e.conftest import sign_in

# Streamlit's own English, as it would appear if oto_match/ui/danish.py did not translate or hide it.
ENGLISH = (
    "Select all", "Press Enter to submit form", "Press Enter to apply", "Press Enter", "dd - mm - yyyy", "yyyy",
    "YYYY/MM/DD", "DD/MM/YYYY", "Error: ", "outside the allowed range", "Drag and drop file here", "Browse files",
    "Limit 200MB per file", "No results", "Choose an option", "Choose options", "Clear all", "Download as CSV",
    "Search", "Fullscreen", "Running...", "Running…", "Show/hide columns", "Close fullscreen", "Clear value",
    "Clear selection", "Deploy", "Rerun", "Increment", "Decrement", "Open sidebar", "Close sidebar",
    "Collapse sidebar", "Expand sidebar", "Main menu", "View more", "View less", "Show password", "Hide password",
    "Copy to clipboard", "Remove", "Delete", "Skip to main content", "Page not found",
    "does not seem to exist",
)  # fmt: skip
# Raw ids: the demo's and imports' (C000013, J000007), staff (S005) and new records' (P-3f9c0a1b2d).
ID = re.compile(r"\b[A-Z]\d{5,}\b|\bS\d{3}\b|\b[A-Z]{1,3}-[0-9a-f]{10}\b")
# Allowed, and only these: the borger-id the citizen's Adgangslog names as what a leader types into the log search
# (a reference asked for by name, not a code shown instead of a word).
ALLOWED = re.compile(r"borger-id [A-Z]\d{5,}")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# Codes from the log, the roles and the vocabularies whose Danish word differs from the code (as whole words).
CODES = {
    *vocab.ACTION_WORDS, *access.ROLE_LABELS, *(str(c) for c in vocab.CITIZEN_STATUSES),
    *(str(c) for c in vocab.CANDIDATE_STATES), *(str(c) for c in vocab.VERDICTS), *(str(c) for c in vocab.STRAINS),
    *(str(c) for c in vocab.FOLLOWUP_KINDS), *(str(c) for c in vocab.EMPLOYER_STAGES), "concern",
}  # fmt: skip
# Codes that are also Danish words people write (a note saying "team" or "import" is not a code).
DANISH_WORDS = {"team", "import", "note", "system", "pause", "scan", "backup", "job"}
CODE = re.compile(r"\b(" + "|".join(sorted(CODES - DANISH_WORDS, key=len, reverse=True)) + r")\b")

# The page's text, the visible cells of its tables, and the placeholders, aria-labels and titles; a Material icon's
# name (the font draws "logout" as an icon) is a picture, not text, and is left out.
COLLECT = """() => {
  const icons = new Set([...document.querySelectorAll('[data-testid="stIconMaterial"]')]
    .map(e => e.textContent.trim()));
  const words = (line) => line.split(/\\s+/).filter(w => !icons.has(w)).join(' ');
  const parts = [document.body.innerText.split('\\n').map(words).join('\\n')];
  // a table is drawn on a canvas; its cells are read from the grid Streamlit keeps for screen readers
  for (const el of document.querySelectorAll('[role="gridcell"], [role="columnheader"]')) parts.push(el.textContent);
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
    for (const a of ['placeholder', 'aria-label', 'title']) {
      const v = el.getAttribute(a);
      if (v) parts.push(v);
    }
  }
  return parts.join('\\n');
}"""


def _findings(text: str) -> set[str]:
    text = ALLOWED.sub("borger-id", text)
    found = {f"engelsk: {e!r}" for e in ENGLISH if e in text}
    found |= {f"id: {m}" for m in ID.findall(text)}
    found |= {f"snake_case: {m}" for m in SNAKE.findall(text)}
    found |= {f"kode: {m}" for m in CODE.findall(text)}
    return found


class Scan:
    """What a user sees, page by page; each finding with where it was seen."""

    def __init__(self, page: object, url: str) -> None:
        self.page, self.url = page, url
        self.found: dict[str, set[str]] = {}

    def look(self, where: str) -> None:
        self.page.wait_for_timeout(400)  # type: ignore[attr-defined]
        for f in _findings(self.page.evaluate(COLLECT)):  # type: ignore[attr-defined]
            self.found.setdefault(f, set()).add(where)

    def open(self, title: str) -> None:
        """Open a page from the navigation, as a user does (no reload: quicker than going to its address)."""
        self.page.get_by_role("link", name=title, exact=True).click()  # type: ignore[attr-defined]
        self.page.get_by_role("heading", name=title, exact=True).first.wait_for()  # type: ignore[attr-defined]
        self.look(title)

    def tabs(self, where: str, names: list[str] | None = None) -> None:
        tabs = self.page.get_by_role("tab")  # type: ignore[attr-defined]
        for name in names or [tabs.nth(i).inner_text() for i in range(tabs.count())]:  # the last of a name: nested
            self.page.get_by_role("tab", name=name, exact=True).last.click()  # type: ignore[attr-defined]
            self.look(f"{where} › {name}")

    def choose(self, label: str, where: str) -> None:
        """Open the select box `label`, read its options, and pick the first."""
        for attempt in range(3):  # a rerun after the last click may redraw the box while it opens
            self.page.get_by_role("combobox", name=label).first.click()  # type: ignore[attr-defined]
            try:
                self.page.get_by_role("option").first.wait_for(timeout=3000)  # type: ignore[attr-defined]
                break
            except Exception:
                if attempt == 2:
                    raise
        self.look(f"{where} › {label} (liste)")
        self.page.get_by_role("option").first.click()  # type: ignore[attr-defined]
        self.look(f"{where} › {label}")

    def peek(self, label: str, where: str) -> None:
        """Open the multiselect `label`, read its list ("Vælg alle" …), and close it again."""
        self.page.get_by_role("combobox", name=label).first.click()  # type: ignore[attr-defined]
        self.page.get_by_role("option").first.wait_for()  # type: ignore[attr-defined]
        self.look(f"{where} › {label} (liste)")
        self.page.keyboard.press("Escape")  # type: ignore[attr-defined]

    def out_of_range(self, label: str, value: str, where: str) -> None:
        """Type a number the field refuses, read the field's own error, and put the old value back."""
        field = self.page.get_by_label(label, exact=True)  # type: ignore[attr-defined]
        before = field.input_value()
        field.fill(value)
        self.page.keyboard.press("Tab")  # type: ignore[attr-defined]
        self.page.get_by_role("alert").first.wait_for()  # type: ignore[attr-defined]
        self.look(f"{where} › {label} = {value}")
        field.fill(before)
        self.page.keyboard.press("Tab")  # type: ignore[attr-defined]

    def press(self, button: str, where: str) -> None:
        self.page.get_by_role("button", name=button, exact=True).filter(visible=True).first.click()  # type: ignore[attr-defined]
        self.page.wait_for_timeout(800)  # type: ignore[attr-defined]
        self.look(f"{where} › {button}")

    def report(self) -> str:
        return "\n".join(f"{f}  ({'; '.join(sorted(w))})" for f, w in sorted(self.found.items()))


def test_a_team_member_sees_no_english_and_no_codes(page: object, app_url: str) -> None:
    scan = Scan(page, app_url)
    sign_in(page, app_url, "anne", "demo-anne")
    scan.open("Virksomheder")
    scan.tabs("virksomheder")
    scan.tabs("virksomheder", ["Log besøg"])
    scan.press("Gem besøg", "virksomheder › Log besøg")  # empty: the problems, each by its field's label
    scan.tabs("virksomheder", ["Register"])
    scan.peek("Fase", "virksomheder")
    scan.out_of_range("Ingen kontakt i mindst N dage", "-5", "virksomheder")
    scan.choose("Åbn virksomhed", "virksomheder")
    scan.tabs("virksomhed", ["Tidslinje", "Log besøg", "Kontaktpersoner", "Stamdata"])
    scan.open("Jobåbninger & match")
    scan.tabs("job", ["Ny jobåbning"])
    scan.press("Gem jobåbning", "job › Ny jobåbning")
    scan.tabs("job", ["Jobåbninger"])
    scan.choose("Jobåbning", "job")
    page.get_by_text("Forslag (").wait_for()  # type: ignore[attr-defined]
    scan.tabs("jobåbning", ["Teammøde: rangering", "Teamets beslutning", "Kandidatliste"])
    scan.open("Borgere")
    scan.tabs("borgere", ["Ny borger"])
    scan.press("Gem borger", "borgere › Ny borger")
    scan.tabs("borgere", ["Borgere"])
    scan.choose("Åbn borger", "borgere")
    scan.tabs("borger", ["Job der passer", "Redigér", "Adgangslog", "Kopi af data"])
    scan.open("Fastholdelse")
    scan.tabs("fastholdelse")
    scan.press("Opret forløb", "fastholdelse › Nyt forløb")
    scan.tabs("fastholdelse", ["Forløb"])
    scan.choose("Forløb", "fastholdelse")
    scan.tabs("forløb", PLACEMENT_TABS)
    scan.open("Overblik")
    assert not scan.found, "Engelsk eller koder på skærmen:\n" + scan.report()


def test_a_leader_sees_no_english_and_no_codes(page: object, app_url: str) -> None:
    scan = Scan(page, app_url)
    page.goto(app_url)  # type: ignore[attr-defined]
    page.get_by_label("Brugernavn").wait_for()  # type: ignore[attr-defined]
    scan.look("Log ind")
    sign_in(page, app_url, "morten", "demo-morten")
    scan.open("Leder")
    scan.tabs("leder")
    scan.tabs("leder", ["Loggen"])
    scan.press("Søg i loggen", "leder › Loggen")
    scan.open("Borgere")
    scan.choose("Åbn borger", "borgere")
    scan.tabs("borger", ["Adgangslog"])
    scan.open("Overblik")
    assert not scan.found, "Engelsk eller koder på skærmen:\n" + scan.report()


def test_the_scan_finds_english_ids_and_codes_and_lets_danish_through() -> None:
    assert _findings("Vælg alle\nHent som CSV\nAisha H. står allerede på kandidatlisten\nborger-id C000012") == set()
    assert _findings("Select all · C000018 står allerede · S005 · override_reason · view") == {
        "engelsk: 'Select all'", "id: C000018", "id: S005", "snake_case: override_reason", "kode: view",
    }  # fmt: skip
