"""Jobåbninger & match."""

from __future__ import annotations

import streamlit as st

st.title("Jobåbninger & match")
st.info("Jobindtag og rangering af borgere er ikke bygget endnu. Indtil da: brug `oto-match import jobs FIL`.")
