"""Hourly and grid — the case over a year of hours (needs heatcalc.hourly)."""
import streamlit as st

from pages import _shared as ui

st.title(ui.tr("page_hourly"))
st.caption(ui.tr("hr_intro"))
if not ui.library_has("hourly"):
    st.info(ui.tr("page_needs_module", module="hourly"))
