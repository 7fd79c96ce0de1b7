"""Region / hub — neighbours sharing grid capacity and heat: member table, the shared capacity over a week,
alone against together (the library's heatcalc.hub; this page only picks the inputs and draws)."""
from __future__ import annotations

import html
import json
import tempfile

import numpy as np
import pandas as pd
import streamlit as st

from views import _shared as ui

L = ui.lang()

EXAMPLE = "hub_dairy_biotech/hub.json"


@st.cache_resource(max_entries=8, show_spinner=False)
def _run(hub_json: str, base: str, shared_kW: float, allocation: str, objective: str = "cost",
         cap_pct: float = 0.0):
    from heatcalc.hub.reader import hub_from_dict
    from heatcalc.hub.run import run_hub

    data = json.loads(hub_json)
    data["shared_capacity_kW"] = shared_kW
    data.pop("cost_cap_EUR", None)
    data.pop("cost_cap_pct", None)
    data["objective"] = objective
    if objective == "co2":
        data["cost_cap_pct"] = cap_pct
    return run_hub(hub_from_dict(data, base_dir=base), allocation=allocation)


def label(text) -> str:
    """User text (a case_id or asset name) for a chart label: plotly reads a little HTML in names."""
    return html.escape(str(text))


st.title(ui.tr("hub_title"))
st.caption(ui.tr("hub_intro"))
col_in, col_out = st.columns([1, 2.6], gap="large")
with col_in:
    source_labels = {"example": ui.tr("hub_example"), "upload": ui.tr("hub_upload")}  # bound now (see quick scan)
    src = st.radio(ui.tr("hub_source"), ["example", "upload"], key="hub_source", format_func=source_labels.get)
    hub_json, base = None, str(ui.examples_dir() / "hub_dairy_biotech")
    if src == "example":
        hub_json = (ui.examples_dir() / EXAMPLE).read_text(encoding="utf-8")
    else:
        up = st.file_uploader(ui.tr("hub_upload"), type=["json"], key="hub_upload")
        if up is not None:
            hub_json = up.getvalue().decode("utf-8", errors="replace")
            base = tempfile.gettempdir()
    default_kW = 6000.0
    with ui.guard("hub file"):
        if hub_json is not None:
            given = json.loads(hub_json).get("shared_capacity_kW")
            if isinstance(given, (int, float)):
                default_kW = float(given)
    shared = st.number_input(ui.tr("hub_shared"), min_value=0.0, max_value=1e7, value=default_kW, step=500.0,
                             key="hub_shared_kW")
    allocation = st.selectbox(ui.tr("hub_alloc"), ["auto", "shapley", "proportional"], key="hub_alloc")
    objective_labels = {"cost": ui.tr("hub_obj_cost"), "co2": ui.tr("hub_obj_co2")}
    objective = st.radio(ui.tr("hub_objective"), ["cost", "co2"], key="hub_objective", horizontal=True,
                         format_func=objective_labels.get)
    cap_pct = 0.0
    if objective == "co2":
        cap_pct = st.number_input(ui.tr("hub_cap_pct"), min_value=0.0, max_value=1000.0, value=5.0, step=1.0,
                                  key="hub_cap_pct")

with col_out:
    res = None
    if hub_json is not None:
        with ui.guard("hub"):
            with st.spinner("…"):
                res = _run(hub_json, base, float(shared), allocation, objective, float(cap_pct))
    if res is not None:
        d = res.to_dict()
        m = st.columns(4)
        m[0].metric(ui.tr("hub_m_share"), f"{ui.num(100 * d['electrified_share_alone'], 1)} → "
                                   f"{ui.num(100 * d['electrified_share_hub'], 1)}")
        m[1].metric(ui.tr("hub_m_cost"), f"{ui.num(d['cost_EUR_alone'] / 1e3, 0)} → {ui.num(d['cost_EUR_hub'] / 1e3, 0)}")
        m[2].metric(ui.tr("hub_m_co2"), f"{ui.num(d['co2_saved_t_alone'], 0)} → {ui.num(d['co2_saved_t_hub'], 0)}")
        m[3].metric(ui.tr("hub_m_over"), ui.num(d["grid_limit_exceeded_hours"], 0))
        if d["allocation_message"]:
            st.info(ui.plain(ui.tr("hub_rule_msg", msg=d["allocation_message"])))
        if d.get("objective") == "co2":
            st.info(ui.tr("hub_obj_note", cap=ui.num(d["cost_cap_EUR"], 0), least=ui.num(d["least_cost_EUR_hub"], 0),
                       a=ui.num(d["co2_t_alone"], 0), h=ui.num(d["co2_t_hub"], 0)))

        st.subheader(ui.tr("hub_members"))
        rows = pd.DataFrame([{
            "case_id": str(x["case_id"]), ui.tr("hub_col_share"): round(x["capacity_share_kW"]),
            ui.tr("hub_col_el_alone"): round(100 * x["electrified_share_alone"], 1),
            ui.tr("hub_col_el_hub"): round(100 * x["electrified_share_hub"], 1),
            ui.tr("hub_col_co2_alone"): round(x["co2_saved_t_alone"]), ui.tr("hub_col_co2_hub"): round(x["co2_saved_t_hub"]),
            ui.tr("hub_col_cost_alone"): round(x["cost_EUR_alone"]), ui.tr("hub_col_allocated"): round(x["allocated_cost_EUR"]),
            ui.tr("hub_col_benefit"): round(x["allocated_benefit_EUR"])} for x in d["members"]])
        st.dataframe(rows, hide_index=True, width="stretch")

        import plotly.graph_objects as go

        table = res.table()
        ts = pd.to_datetime(table["timestamp"])
        dt = d["dt_h"]
        steps = int(round(168 / dt))
        n_weeks = max(1, int(np.ceil(len(table) / steps)))
        week = st.slider(ui.tr("hub_week"), 1, n_weeks, 1, key="hub_week") if n_weeks > 1 else 1
        part = slice((week - 1) * steps, week * steps)
        ids = [x["case_id"] for x in d["members"]]
        used_assets = [a["name"] for a in d.get("shared_assets", [])
                       if a["used"] and f"asset:{a['name']}:P_el_kW" in table.columns]
        frames = ((table.iloc[part].assign(timestamp=ts.iloc[part])),
                  (table.assign(timestamp=ts).set_index("timestamp").resample("D").mean(numeric_only=True)
                   .reset_index()))
        for title, frame in zip((ui.tr("hub_stack", week=week), ui.tr("hub_stack_year")), frames):
            fig = go.Figure()
            for cid in ids:
                fig.add_trace(go.Scatter(x=frame["timestamp"], y=frame[f"{cid}:P_shared_kW"], name=label(cid),
                                         stackgroup="load", mode="lines", line=dict(width=0.5)))
            for name in used_assets:  # a discharging battery is drawn below zero
                fig.add_trace(go.Scatter(x=frame["timestamp"], y=frame[f"asset:{name}:P_el_kW"], name=label(name),
                                         stackgroup="assets", mode="lines", line=dict(width=0.5)))
            fig.add_trace(go.Scatter(x=frame["timestamp"], y=frame["shared_capacity_kW"], name=ui.tr("hub_cap"),
                                     mode="lines", line=dict(color="#D62728", dash="dash")))
            fig.update_layout(title=title, yaxis_title="kW", height=340, margin=dict(l=10, r=10, t=40, b=10))
            st.plotly_chart(fig, width="stretch")

        st.subheader(ui.tr("hub_compare"))
        fig = go.Figure()
        for key, col, colour in (("alone", "cost_EUR_alone", "#9D9D9D"), ("hub", "cost_EUR_hub", "#4C78A8"),
                                 ("allocated", "allocated_cost_EUR", "#54A24B")):
            fig.add_trace(go.Bar(x=[label(i) for i in ids], y=[x[col] for x in d["members"]], name=ui.tr(f"hub_{key}"),
                                 marker_color=colour))
        fig.update_layout(barmode="group", yaxis_title="€", height=320, margin=dict(l=10, r=10, t=10, b=10))
        st.plotly_chart(fig, width="stretch")
        if d["heat_links"]:
            st.subheader(ui.tr("hub_links"))
            st.dataframe(pd.DataFrame([{k: lk[k] for k in ("from", "to", "used", "heat_MWh", "T_C", "distance_m",
                                                            "loss_kW", "capex_EUR", "annual_cost_EUR")}
                                       for lk in d["heat_links"]]), hide_index=True, width="stretch")
            link_cols = [c for c in table.columns if c.endswith(":Q_kW") and "->" in c]
            if link_cols:
                for title, frame in zip((ui.tr("hub_link_flows", week=week), ui.tr("hub_link_flows_year")), frames):
                    fig = go.Figure()
                    for col in link_cols:
                        fig.add_trace(go.Scatter(x=frame["timestamp"], y=frame[col], mode="lines",
                                                 name=label(col[:-len(":Q_kW")])))
                    fig.update_layout(title=title, yaxis_title="kW", height=280, margin=dict(l=10, r=10, t=40, b=10))
                    st.plotly_chart(fig, width="stretch")
        if d.get("shared_assets"):
            st.subheader(ui.tr("hub_assets"))
            st.dataframe(pd.DataFrame([{k: a[k] for k in ("name", "kind", "site", "used", "capacity_kWh", "power_kW",
                                                           "heat_kW", "energy_MWh", "E_el_MWh", "capex_EUR",
                                                           "annual_cost_EUR")}
                                       for a in d["shared_assets"]]), hide_index=True, width="stretch")
        for w in d["warnings"]:
            st.warning(ui.plain(w))
