"""Session-state keys of the Fastholdelse page, named (a bare string is easy to misspell)."""

from __future__ import annotations

from oto_match.domain import Placement

PAGE = "fastholdelse"  # the page's one-shot messages (state.flash / state.show_flash)
PAGE_TABS = "fastholdelse_tabs"
PLACEMENT_TABS = "fastholdelse_placement_tabs"  # one per placement
SELECTED_PLACEMENT = "selected_placement"
ONLY_MY_TEAM = "fastholdelse_only_my_team"
SHOW_ENDED = "fastholdelse_show_ended"
PLACEMENT_SEARCH = "fastholdelse_placement_search"  # narrows the "Forløb" picker (citizen or employer name)
MY_FOLLOWUPS_PAGE = "fastholdelse_my_followups_page"  # the page of "Mine opfølgninger" shown
TEAM_FOLLOWUPS_PAGE = "fastholdelse_team_followups_page"  # the page of "Teamets opfølgninger" shown
NEW_PLACEMENT_SEARCH = "fastholdelse_new_placement_search"  # prefix of the searches above "Nyt forløb"'s pickers
NEW_PLACEMENT_ID = "fastholdelse_new_placement_id"  # the id the open "Nyt forløb" form creates: sent twice, one
NEW_PLACEMENT_FORM = "fastholdelse_new_placement_form"  # a fresh form (new widget keys) after each creation
FOLLOWUP_SAVED = "fastholdelse_followup"  # one-shot message shown in the follow-up tab
PLACEMENT_SAVED = "fastholdelse_placement_saved"  # one-shot message below the end/release buttons
AGREEMENT_SAVED = "fastholdelse_agreement_saved"  # one-shot message below the agreement's buttons
AGREEMENT_OPEN = "fastholdelse_agreement_open"  # the Forventningsafstemning expander, one per placement
CREATED_PLACEMENT = "fastholdelse_created_placement"  # the placement "Nyt forløb" just created ('Åbn forløbet')
FOLLOWUP_TABLES = "fastholdelse_followup_table"  # prefix of the follow-up lists' row selections


def of(p: Placement, name: str) -> str:
    """A widget key of one placement at one version: after any save the widgets show the placement as it is now."""
    return f"{name}_{p.placement_id}_v{p.version}"
