"""Fastholdelse."""

from __future__ import annotations

import streamlit as st

st.title("Fastholdelse")
st.info("Forløb og opfølgninger er ikke bygget endnu. Indtil da: brug `oto-match import placements FIL`.")
