"""Batch — many sites from one CSV (needs heatcalc.batch)."""
import streamlit as st

from pages import _shared as ui

st.title(ui.tr("page_batch"))
st.caption(ui.tr("bt_intro"))
if not ui.library_has("batch"):
    st.info(ui.tr("page_needs_module", module="batch"))
