"""Overblik."""

from __future__ import annotations

import streamlit as st

st.title("Overblik")
st.info("Nøgletal for fastholdelse er ikke bygget endnu.")
