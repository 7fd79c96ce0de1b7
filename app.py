"""heatcalc app — quick scan (first page). Thin: builds inputs, calls heatcalc, draws."""
import streamlit as st

from heatcalc.cycles import single_stage
from heatcalc.errors import HeatCalcError
from heatcalc.fluids import refrigerant_names
from heatcalc.units import C_to_K

st.set_page_config(page_title="heatcalc — quick scan", layout="wide")
st.title("heatcalc — quick scan")
fluid = st.selectbox("Refrigerant", refrigerant_names(), index=0)
T_source = st.slider("Source temperature (evaporating) [°C]", -20.0, 120.0, 60.0, 1.0)
T_sink = st.slider("Sink outlet temperature (condensing) [°C]", 20.0, 180.0, 130.0, 1.0)
try:
    r = single_stage(fluid, C_to_K(T_source), C_to_K(T_sink))
    st.metric("COP heating [-]", f"{r.cop_heating:.2f}")
    for w in r.warnings:
        st.warning(w)
except HeatCalcError as exc:
    st.error(str(exc))
