"""The Borgere page's screen areas: the profile form, the profile view, the jobs that fit, the access log.

Session-state keys of the page, named once here.
"""

from __future__ import annotations

PAGE = "citizens"  # for state.flash / state.show_flash
# The "Åbn borger" choice (a widget key; other pages may set it before switching here).
SELECTED_CITIZEN = "selected_citizen"
# The id a new citizen will get: made once per 'Ny borger' form, so a form sent twice creates one citizen.
NEW_CITIZEN_ID = "citizens_new_id"
# The citizen as it was when the edit form was opened (its version guards the save).
OPENED_CITIZEN = "citizens_opened"
MINE_ONLY = "citizens_mine_only"
SEARCH = "citizens_search"
LIST_PAGE = "citizens_list_page"  # the page of the Borgere list shown
