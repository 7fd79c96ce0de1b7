"""Process integration — a site's stream table (editable, or from an uploaded stream file), its pinch
targets, the composite and grand composite curves, and a heat pump placed on the GCC (and an MVR on
each vapour stream) for a given electrical power.

Every text that can hold user input (stream names, the library's notes and messages quoting them)
is shown through :func:`views._shared.plain`, so that Markdown in a stream name stays text."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from heatcalc.integration.streams import COLUMNS, read_streams, read_streams_text, streams_from_records
from views import _shared as ui

L = ui.lang()
st.title(ui.tr("page_integration"))
st.caption(ui.tr("pi_intro"))

#: Columns shown in the editor (the reader accepts more: Q_kW, m_kg_per_s, cp_kJ_per_kgK, type).
EDIT_COLUMNS = ["name", "T_supply_C", "T_target_C", "CP_kW_per_K", "medium", "dT_min_contrib_K", "hours_per_yr"]
assert set(EDIT_COLUMNS) <= set(COLUMNS)


#: Session key of the streams read from an uploaded file (records with the columns of EDIT_COLUMNS).
RECORDS_KEY = "pi_records"


@st.cache_data(show_spinner=False)
def _example_table() -> pd.DataFrame:
    p = ui.examples_dir() / "dairy_streams.csv"
    rows = [s.__dict__ for s in read_streams(p)] if p.exists() else []
    return pd.DataFrame(rows, columns=EDIT_COLUMNS)


def _start_table() -> pd.DataFrame:
    """The uploaded streams when a file was read, else the dairy example."""
    recs = st.session_state.get(RECORDS_KEY)
    if recs:
        return pd.DataFrame([{k: r.get(k) for k in EDIT_COLUMNS} for r in recs], columns=EDIT_COLUMNS)
    return _example_table()


upload = st.file_uploader(ui.tr("pi_upload"), type=["csv", "txt", "json"], key="pi_upload")
if upload is not None and st.session_state.get("pi_upload_id") != upload.file_id:
    with ui.guard("stream file"):
        try:
            text = upload.getvalue().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            from heatcalc.core.errors import InputError
            from heatcalc.integration.streams import not_utf8

            raise InputError(not_utf8(upload.name, exc)) from None
        st.session_state[RECORDS_KEY] = [s.__dict__ for s in read_streams_text(text, upload.name)]
        st.session_state["pi_upload_id"] = upload.file_id
        st.session_state.pop("pi_table", None)  # the editor starts from the file


@st.cache_data(max_entries=32, show_spinner=False)
def _targets(records_json: str, dT_min_K: float) -> dict:
    from heatcalc.integration.pinch import pinch_targets

    streams = streams_from_records(json.loads(records_json), "table")
    return pinch_targets(streams, dT_min_K).to_dict(detail=True)


@st.cache_data(max_entries=32, show_spinner=False)
def _heat_pump(records_json: str, dT_min_K: float, P_el_kW: float) -> dict:
    from heatcalc.integration.heat_pump import place_heat_pump
    from heatcalc.integration.pinch import pinch_targets

    t = pinch_targets(streams_from_records(json.loads(records_json), "table"), dT_min_K)
    return place_heat_pump(t, P_el_kW).to_dict()


@st.cache_data(max_entries=32, show_spinner=False)
def _mvrs(records_json: str, dT_min_K: float, P_el_kW: float) -> list[dict]:
    from heatcalc.integration.mvr_placement import place_mvrs
    from heatcalc.integration.pinch import pinch_targets

    t = pinch_targets(streams_from_records(json.loads(records_json), "table"), dT_min_K)
    return [m.to_dict() for m in place_mvrs(t, P_el_kW)]


table = st.data_editor(
    _start_table(), num_rows="dynamic", width="stretch", key="pi_table",
    column_config={
        "name": st.column_config.TextColumn("name", required=True),
        "T_supply_C": st.column_config.NumberColumn("T_supply_C [°C]", format="%.1f"),
        "T_target_C": st.column_config.NumberColumn("T_target_C [°C]", format="%.1f"),
        "CP_kW_per_K": st.column_config.NumberColumn("CP_kW_per_K [kW/K]", min_value=0.0, format="%.3f"),
        "dT_min_contrib_K": st.column_config.NumberColumn("dT_min_contrib_K [K]", min_value=0.0, format="%.1f"),
        "hours_per_yr": st.column_config.NumberColumn("hours_per_yr [h/yr]", min_value=0.0, format="%.0f"),
    })
st.caption(ui.tr("pi_streams"))
c1, c2 = st.columns(2)
dT_min = c1.number_input(ui.tr("pi_dt_min"), min_value=0.0, max_value=100.0, value=10.0, step=1.0, key="pi_dt_min")
P_hp = c2.number_input(ui.tr("pi_hp_power"), min_value=0.0, max_value=100_000.0, value=0.0, step=50.0,
                       key="pi_hp_power")

d = None
with ui.guard("pinch"):
    records = table.astype(object).where(table.notna(), None).to_dict("records")
    rec_json = json.dumps(records, default=str)
    d = _targets(rec_json, float(dT_min))

if d is not None:
    m = st.columns(4)
    m[0].metric(ui.tr("pi_hot_min"), ui.num(d["Q_hot_min_kW"]))
    m[1].metric(ui.tr("pi_cold_min"), ui.num(d["Q_cold_min_kW"]))
    m[2].metric(ui.tr("pi_recovery"), ui.num(d["Q_recovery_kW"]))
    pinch = (ui.tr("pi_no_pinch") if d["pinch_T_shifted_C"] is None
             else f"{ui.num(d['pinch_T_hot_C'], 1)} / {ui.num(d['pinch_T_cold_C'], 1)}")
    m[3].metric(ui.tr("pi_pinch"), pinch)
    hot = [s["name"] for s in d.get("streams", []) if s.get("kind") == "hot"]
    cold = [s["name"] for s in d.get("streams", []) if s.get("kind") == "cold"]
    st.caption(ui.tr_plain("pi_stream_names", hot=", ".join(hot) or "–", cold=", ".join(cold) or "–"))
    for n in d["notes"]:
        st.caption(ui.plain(n))
    hp = None
    if P_hp > 0:
        with ui.guard("heat pump"):
            hp = _heat_pump(rec_json, float(dT_min), float(P_hp))
            h = st.columns(3)
            h[0].metric(ui.tr("pi_hp_saved"), ui.num(hp["Q_hot_saved_kW"]))
            h[1].metric(ui.tr("metric_cop_hp"), ui.num(hp["cop"], 2))
            h[2].metric("P_el [kW]", ui.num(hp["P_el_kW"]))
            st.caption(ui.plain(hp["message"]))
            for w in hp.get("warnings") or []:
                st.caption(ui.plain(w))
        with ui.guard("MVR"):  # each vapour stream (medium vapour or steam), with the same power
            for mv in _mvrs(rec_json, float(dT_min), float(P_hp)):
                st.caption(ui.plain(mv["message"]))
    from heatcalc.present.pinch_plots import composite_figure, gcc_figure

    g1, g2 = st.columns(2)
    g1.plotly_chart(composite_figure(d, L), width="stretch", key="pi_composite")
    g2.plotly_chart(gcc_figure(d, L, heat_pump=hp), width="stretch", key="pi_gcc")
