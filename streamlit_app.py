"""OTO Match: page config, sign-in and navigation — nothing else.

Nothing is built before sign-in: signin.gate() draws the sign-in and stops the script until someone is signed in,
so no page (not even the navigation) exists for a stranger. Pages a role may not use are left out of the
navigation; each page and every service still decides for itself (access.py).
"""

from __future__ import annotations

import streamlit as st

from oto_match import access
from oto_match.access import Action
from oto_match.ui import common, danish, signin
from oto_match.ui.boundary import run_guarded

st.set_page_config(page_title="OTO Match", page_icon=":material/handshake:", layout="wide")
danish.install()  # Streamlit's own English in Danish on every page, the sign-in included

opened = common.attempt(common.db)  # e.g. the file is held by another process: one clear sentence
if opened is None:
    st.stop()
assert opened is not None
user = signin.gate(opened)

PAGES = "oto_match/ui/pages"
# What a user must be allowed to do to find a page in the navigation (pages not named here: everyone signed in).
NEEDS: dict[str, Action] = {"borgere": Action.READ_CITIZEN, "fastholdelse": Action.READ_CITIZEN,
                            "leder": Action.READ_AUDIT_LOG}  # fmt: skip
pages = [
    st.Page(f"{PAGES}/employers.py", title="Virksomheder", icon=":material/storefront:", url_path="virksomheder",
            default=True),
    st.Page(f"{PAGES}/jobs.py", title="Jobåbninger & match", icon=":material/join_inner:", url_path="job"),
    st.Page(f"{PAGES}/citizens.py", title="Borgere", icon=":material/groups:", url_path="borgere"),
    st.Page(f"{PAGES}/fastholdelse.py", title="Fastholdelse", icon=":material/volunteer_activism:",
            url_path="fastholdelse"),
    st.Page(f"{PAGES}/overview.py", title="Overblik", icon=":material/monitoring:", url_path="overblik"),
    st.Page(f"{PAGES}/leader.py", title="Leder", icon=":material/shield_person:", url_path="leder"),
]  # fmt: skip
navigation = st.navigation([p for p in pages if p.url_path not in NEEDS or access.may(user, NEEDS[p.url_path])])
run_guarded(navigation.run)
