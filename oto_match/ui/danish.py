"""Streamlit's own English, in Danish: one table of its texts and a small script that swaps them in the browser.

Streamlit 1.67 has no language setting: "Select all" in a multiselect, "Download as CSV" on a table, "Number is
outside the allowed range" under a number field and "yyyy" in a date field are written into its JavaScript. The
widgets' own options come first (a placeholder, a date format, a number format, a form without Enter-to-submit);
what is left is translated here, once, for every page: `install()` is called by streamlit_app.py before anything else
is drawn. A MutationObserver on the page replaces a text (or a placeholder, aria-label or title) that is exactly one
of the English texts below — but only inside Streamlit's own controls (CHROME: its select boxes, number and date
fields, file upload, toasts, tooltips, table toolbar, menus and sidebar buttons) and never inside what shows a
user's or the app's own words (OWN: markdown, captions, labels, table cells, a chosen option's name), so an
employer called "Remove Solutions" or a note starting "Add: " is shown as written. CSS hides the keyboard hints
nobody needs.
"""

from __future__ import annotations

import json
import re

import streamlit as st

# Streamlit's English -> Danish, matched against a whole text or attribute value (spaces around it ignored).
TEXTS: dict[str, str] = {
    # multiselect and select boxes
    "Select all": "Vælg alle", "Clear all": "Ryd alle", "Clear value": "Ryd", "Clear entry": "Ryd",
    "No results": "Ingen resultater", "Choose an option": "Vælg", "Choose options": "Vælg", "Open": "Åbn",
    "Selected values": "Valgte", "Select...": "Vælg …",
    # text, number and date fields
    "Press Enter to submit form": "Tryk Enter for at gemme", "Press Enter to apply": "Tryk Enter for at bruge",
    "Press ⌘+Enter to submit form": "Tryk ⌘+Enter for at gemme", "Press Ctrl+Enter to submit form":
    "Tryk Ctrl+Enter for at gemme", "Press ⌘+Enter to apply": "Tryk ⌘+Enter for at bruge",
    "Press Ctrl+Enter to apply": "Tryk Ctrl+Enter for at bruge", "Increment": "Læg én til",
    "Decrement": "Træk én fra", "Show password": "Vis det skrevne", "Hide password": "Skjul det skrevne",
    "Error": "Fejl", "Number is below the allowed range.": "Tallet er for lille.",
    "Number is above the allowed range.": "Tallet er for stort.",
    "yyyy": "åååå", "day": "dag", "month": "måned", "year": "år", "Choose date": "Vælg dato",
    "Choose date range": "Vælg periode", "Clear date": "Ryd dato", "Clear dates": "Ryd datoer",
    "Date range": "Periode", "Quick select a date range": "Vælg en periode",
    # file upload
    "Drag and drop file here": "Træk en fil hertil", "Drag and drop a file here": "Træk en fil hertil",
    "Drag and drop files here": "Træk filer hertil", "Browse files": "Vælg fil", "Upload": "Vælg fil",
    # toasts
    "view more": "vis mere", "view less": "vis mindre",
    # tables and charts
    "Download as CSV": "Hent som CSV", "Search": "Søg", "Close Search": "Luk søgning", "Fullscreen": "Fuld skærm",
    "Close fullscreen": "Luk fuld skærm", "Show/hide columns": "Vis/skjul kolonner",
    "Clear selection": "Ryd markering", "Sort ascending": "Sortér stigende", "Sort descending": "Sortér faldende",
    "Autosize": "Tilpas bredde", "Pin column": "Fastgør kolonne", "Unpin column": "Frigør kolonne",
    "Hide column": "Skjul kolonne", "Copy column name": "Kopiér kolonnenavn", "Next Result": "Næste",
    "Previous Result": "Forrige", "Dataframe column menu": "Kolonnemenu", "No data": "Ingen data",
    "Copy to clipboard": "Kopiér", "Copy": "Kopiér", "Close": "Luk",
    # the frame around the pages
    "Skip to main content": "Gå til indholdet", "Running...": "Arbejder …", "Collapse sidebar": "Skjul menuen",
    "Expand sidebar": "Vis menuen", "Page not found": "Siden findes ikke",
    "The page that you have requested does not seem to exist. Running the app's main page.":
    "Siden findes ikke. Du ser forsiden i stedet.", "Main menu": "Menu", "Rerun": "Kør igen",
}  # fmt: skip

# Streamlit's English with a number or a name in it: (JavaScript regular expression, Danish with $1, $2). The
# patterns in ATTRIBUTE_ONLY are Streamlit's words only in an aria-label (a button's name), never in shown text.
PATTERNS: list[tuple[str, str]] = [
    (r"Number is outside the allowed range\. Please enter a value between (.+?) and (.+?)\.",
     "Tallet skal ligge mellem $1 og $2."),
    (r"Number is below the allowed range\. Please enter a value greater than or equal to (.+?)\.",
     "Tallet skal være mindst $1."),
    (r"Number is above the allowed range\. Please enter a value less than or equal to (.+?)\.",
     "Tallet må højst være $1."),
    (r"^Error: ", "Fejl: "),
    (r"^Select (\d+) matches$", "Vælg de $1 fundne"),
    (r"^Remove (.+)$", "Fjern $1"),
    (r"^Add: (.+)$", "Tilføj: $1"),
    (r"^day, (.+)$", "dag, $1"), (r"^month, (.+)$", "måned, $1"), (r"^year, (.+)$", "år, $1"),
    (r"^(\S+) per file", "højst $1 pr. fil"),
]  # fmt: skip
ATTRIBUTE_ONLY = {r"^Remove (.+)$", r"^day, (.+)$", r"^month, (.+)$", r"^year, (.+)$"}

# Where Streamlit draws its own words (the Danish replaces them only in here) ...
CHROME = ", ".join([
    "[data-baseweb]", '[role="listbox"]', '[role="menu"]', '[role="dialog"]', '[role="alert"]', '[role="tooltip"]',
    '[data-testid^="stTooltip"]', '[data-testid^="stToast"]', '[data-testid^="stFileUploader"]',
    '[data-testid^="stFileChip"]', '[data-testid^="stNumberInput"]', '[data-testid^="stDateInput"]',
    '[data-testid^="stTextInput"]', '[data-testid^="stTextArea"]', '[data-testid^="stMultiSelect"]',
    '[data-testid^="stSelectbox"]', '[data-testid="InputInstructions"]', '[data-testid="stElementToolbar"]',
    '[data-testid^="stDataFrame"]', '[data-testid^="stSidebarCollapse"]', '[data-testid="stExpandSidebarButton"]',
    '[data-testid^="stMainMenu"]', '[data-testid="stStatusWidget"]', '[data-testid="stToolbar"]',
    '[data-testid="stHeader"]', '[data-testid="stSkipToContent"]',
])  # fmt: skip
# ... and where, inside them too, the words are a user's or the app's own: never touched.
OWN = ", ".join([
    '[data-testid="stMarkdownContainer"]', '[data-testid="stCaptionContainer"]', '[data-testid="stWidgetLabel"]',
    '[data-testid="stText"]', '[data-testid="stCode"]', '[role="gridcell"]', '[data-tag] [title]',
    '[data-baseweb="tag"] [title]', '[role="option"]:not([data-key^="__"])',  # Streamlit's: __select_all__ …
])  # fmt: skip
# A chosen option's tag is named (aria-label) by the option itself; its remove button inside is Streamlit's.
OWN_ITSELF = "[data-tag]"

# Keyboard hints under text fields ("Press Enter to apply"): the forms have buttons, the hint only distracts.
CSS = """
[data-testid="InputInstructions"] { display: none !important; }
[data-testid="stHeaderActionElements"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem !important; }
[data-testid="stElementContainer"]:has(#oto-danish) { display: none !important; }
"""

_SCRIPT = """
(() => {
  const texts = __TEXTS__;
  const patterns = __PATTERNS__.map(([p, d]) => [new RegExp(p), d, __ATTRIBUTE_ONLY__.includes(p)]);
  const CHROME = __CHROME__, OWN = __OWN__, OWN_ITSELF = __OWN_ITSELF__;
  const attributes = ['placeholder', 'aria-label', 'title'];
  // what people type (a date field's parts excepted), icons drawn from a font's ligatures, code
  const SKIP = 'textarea, [contenteditable="true"]:not([role="spinbutton"]), [data-testid="stIconMaterial"], '
    + 'script, style';
  const danish = (value, attribute) => {
    const key = value.trim();
    if (!key) return null;
    if (Object.prototype.hasOwnProperty.call(texts, key)) return value.replace(key, texts[key]);
    let to = value;
    for (const [re, danish, attributeOnly] of patterns) if (attribute || !attributeOnly) to = to.replace(re, danish);
    return to === value ? null : to;
  };
  // Streamlit's own words are in its controls (CHROME); a user's words (OWN) are never touched, there or anywhere
  const skip = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return !el || el.closest(SKIP) || !el.closest(CHROME) || el.closest(OWN) || el.matches(OWN_ITSELF);
  };
  const fixText = (node) => {
    if (skip(node)) return;
    const to = danish(node.data, false);
    if (to !== null && to !== node.data) node.data = to;
  };
  const fixAttributes = (el) => {
    if (skip(el)) return;
    for (const a of attributes) {
      const v = el.getAttribute(a);
      if (!v) continue;
      const to = danish(v, true);
      if (to !== null && to !== v) el.setAttribute(a, to);
    }
  };
  const fixTree = (root) => {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) return;
    fixAttributes(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) fixText(n);
    for (const el of root.querySelectorAll('[placeholder], [aria-label], [title]')) fixAttributes(el);
  };
  if (window.__otoDanish) window.__otoDanish.disconnect();
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') fixText(r.target);
      else if (r.type === 'attributes') fixAttributes(r.target);
      else r.addedNodes.forEach(fixTree);
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                                   attributeFilter: attributes});
  window.__otoDanish = observer;
  fixTree(document.body);
})();
"""


def script() -> str:
    """The browser script with the tables filled in (Python's regular expressions here are valid JavaScript)."""
    for pattern, _ in PATTERNS:
        re.compile(pattern)
    filled = {"__TEXTS__": TEXTS, "__PATTERNS__": PATTERNS, "__ATTRIBUTE_ONLY__": sorted(ATTRIBUTE_ONLY),
              "__CHROME__": CHROME, "__OWN__": OWN, "__OWN_ITSELF__": OWN_ITSELF}  # fmt: skip
    text = _SCRIPT
    for name, value in filled.items():
        text = text.replace(name, json.dumps(value, ensure_ascii=False))
    return text


def install() -> None:
    """Translate and hide Streamlit's own English on this page (call once per run, before anything is drawn)."""
    st.html(f"<style>{CSS}</style>")
    st.html(f'<span id="oto-danish"></span><script>{script()}</script>', unsafe_allow_javascript=True)
