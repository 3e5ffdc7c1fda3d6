"""Borgere."""

from __future__ import annotations

import streamlit as st

st.title("Borgere")
st.info("Borgerprofilen er ikke bygget endnu. Indtil da: brug `oto-match import citizens FIL`.")
