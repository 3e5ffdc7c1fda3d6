"""The Borgere page's screen areas: the profile form, the profile view, the jobs that fit, the access log.

Session-state keys of the page, named once here.
"""

from __future__ import annotations

# The "Åbn borger" choice (a widget key; other pages may set it before switching here).
SELECTED_CITIZEN = "selected_citizen"
# The id a new citizen will get: made once per 'Ny borger' form, so a form sent twice creates one citizen.
NEW_CITIZEN_ID = "citizens_new_id"
# The citizen as it was when the edit form was opened (its version guards the save).
OPENED_CITIZEN = "citizens_opened"
MINE_ONLY = "citizens_mine_only"
SEARCH = "citizens_search"
LIST_PAGE = "citizens_list_page"  # the page of the Borgere list shown
LIST_TABLE = "citizens_list_table"  # prefix of the Borgere table's row selection (a row clicked opens the citizen)
PAGE_TABS = "citizens_tabs"  # Borgere / Ny borger: the tab stays the one the user was on
CITIZEN_TABS = ["Borgere", "Ny borger"]
PROFILE_TABS = "citizens_profile_tabs"  # the open citizen's tabs (Job der passer, Redigér, …)
SAVED = "citizens_saved"  # one-shot message below the Redigér form
