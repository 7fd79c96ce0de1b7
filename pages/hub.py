"""Region / hub — neighbours sharing grid capacity and heat: member table, the shared capacity over a week,
alone against together (the library's heatcalc.hub; this page only picks the inputs and draws)."""
from __future__ import annotations

import json
import tempfile

import numpy as np
import pandas as pd
import streamlit as st

from pages import _shared as ui

L = ui.lang()

#: This page's texts (English, Dutch).
TEXT = {
    "title": ("Region / hub", "Regio / hub"),
    "intro": ("Neighbouring sites share one grid capacity and heat links. One linear programme dispatches every "
              "member's heat pump, e-boiler, storage and gas backup together; each member alone gets its share of "
              "the capacity and the same model. The hub's cost is divided so that nobody pays more than alone "
              "where a rule allows it.",
              "Buren delen één netcapaciteit en warmteleidingen. Eén lineair programma zet de warmtepomp, "
              "e-boiler, opslag en gasketel van alle leden samen in; elk lid alleen krijgt zijn deel van de "
              "capaciteit en hetzelfde model. De kosten van de hub worden zo verdeeld dat niemand meer betaalt "
              "dan alleen, waar een regel dat toelaat."),
    "source": ("Hub file", "Hubbestand"),
    "example": ("Example: dairy and biotech plant (6 MW, one heat link)", "Voorbeeld: zuivel en biotech (6 MW, één "
                                                                          "warmteleiding)"),
    "upload": ("Upload a hub JSON (cases inline, no profile files)", "Hub-JSON uploaden (cases in het bestand, "
                                                                     "geen profielbestanden)"),
    "shared": ("Shared capacity [kW]", "Gedeelde capaciteit [kW]"),
    "alloc": ("Allocation rule", "Verdeelregel"),
    "m_share": ("Electrified share alone → hub [%]", "Geëlektrificeerd aandeel alleen → hub [%]"),
    "m_cost": ("Cost alone → hub [k€]", "Kosten alleen → hub [k€]"),
    "m_co2": ("CO2 saved alone → hub [t]", "CO2 bespaard alleen → hub [t]"),
    "m_over": ("Hours over the shared limit", "Uren boven de gedeelde grens"),
    "members": ("Members", "Leden"),
    "week": ("Week", "Week"),
    "stack": ("Load on the shared capacity, week {week}", "Belasting van de gedeelde capaciteit, week {week}"),
    "stack_year": ("Load on the shared capacity, daily means over the period",
                   "Belasting van de gedeelde capaciteit, daggemiddelden"),
    "cap": ("shared capacity", "gedeelde capaciteit"),
    "compare": ("Alone against together", "Alleen tegenover samen"),
    "alone": ("cost alone", "kosten alleen"),
    "hub": ("cost in the hub (own energy)", "kosten in de hub (eigen energie)"),
    "allocated": ("allocated cost", "toegewezen kosten"),
    "links": ("Heat links", "Warmteleidingen"),
    "rule_msg": ("Allocation: {msg}", "Verdeling: {msg}"),
}


def tx(key: str, **fmt) -> str:
    en, nl = TEXT[key]
    return (nl if L == "nl" else en).format(**fmt)


EXAMPLE = "hub_dairy_biotech/hub.json"


@st.cache_resource(max_entries=8, show_spinner=False)
def _run(hub_json: str, base: str, shared_kW: float, allocation: str):
    from heatcalc.hub.reader import hub_from_dict
    from heatcalc.hub.run import run_hub

    data = json.loads(hub_json)
    data["shared_capacity_kW"] = shared_kW
    return run_hub(hub_from_dict(data, base_dir=base), allocation=allocation)


st.title(tx("title"))
st.caption(tx("intro"))
col_in, col_out = st.columns([1, 2.6], gap="large")
with col_in:
    src = st.radio(tx("source"), ["example", "upload"], key="hub_source",
                   format_func=lambda k: tx("example") if k == "example" else tx("upload"))
    hub_json, base = None, str(ui.examples_dir() / "hub_dairy_biotech")
    if src == "example":
        hub_json = (ui.examples_dir() / EXAMPLE).read_text(encoding="utf-8")
    else:
        up = st.file_uploader(tx("upload"), type=["json"], key="hub_upload")
        if up is not None:
            hub_json = up.getvalue().decode("utf-8", errors="replace")
            base = tempfile.gettempdir()
    default_kW = 6000.0
    with ui.guard("hub file"):
        if hub_json is not None:
            given = json.loads(hub_json).get("shared_capacity_kW")
            if isinstance(given, (int, float)):
                default_kW = float(given)
    shared = st.number_input(tx("shared"), min_value=0.0, max_value=1e7, value=default_kW, step=500.0,
                             key="hub_shared_kW")
    allocation = st.selectbox(tx("alloc"), ["auto", "shapley", "proportional"], key="hub_alloc")

with col_out:
    res = None
    if hub_json is not None:
        with ui.guard("hub"):
            with st.spinner("…"):
                res = _run(hub_json, base, float(shared), allocation)
    if res is not None:
        d = res.to_dict()
        m = st.columns(4)
        m[0].metric(tx("m_share"), f"{ui.num(100 * d['electrified_share_alone'], 1)} → "
                                   f"{ui.num(100 * d['electrified_share_hub'], 1)}")
        m[1].metric(tx("m_cost"), f"{ui.num(d['cost_EUR_alone'] / 1e3, 0)} → {ui.num(d['cost_EUR_hub'] / 1e3, 0)}")
        m[2].metric(tx("m_co2"), f"{ui.num(d['co2_saved_t_alone'], 0)} → {ui.num(d['co2_saved_t_hub'], 0)}")
        m[3].metric(tx("m_over"), ui.num(d["grid_limit_exceeded_hours"], 0))
        if d["allocation_message"]:
            st.info(ui.plain(tx("rule_msg", msg=d["allocation_message"])))

        st.subheader(tx("members"))
        rows = pd.DataFrame([{
            "case_id": ui.plain(x["case_id"]), "share [kW]": round(x["capacity_share_kW"]),
            "electrified alone [%]": round(100 * x["electrified_share_alone"], 1),
            "electrified hub [%]": round(100 * x["electrified_share_hub"], 1),
            "CO2 saved alone [t]": round(x["co2_saved_t_alone"]), "CO2 saved hub [t]": round(x["co2_saved_t_hub"]),
            "cost alone [€]": round(x["cost_EUR_alone"]), "allocated [€]": round(x["allocated_cost_EUR"]),
            "benefit [€]": round(x["allocated_benefit_EUR"])} for x in d["members"]])
        st.dataframe(rows, hide_index=True, width="stretch")

        import plotly.graph_objects as go

        table = res.table()
        ts = pd.to_datetime(table["timestamp"])
        dt = d["dt_h"]
        steps = int(round(168 / dt))
        n_weeks = max(1, int(np.ceil(len(table) / steps)))
        week = st.slider(tx("week"), 1, n_weeks, 1, key="hub_week") if n_weeks > 1 else 1
        part = slice((week - 1) * steps, week * steps)
        ids = [x["case_id"] for x in d["members"]]
        for title, frame in ((tx("stack", week=week), table.iloc[part].assign(timestamp=ts.iloc[part])),
                             (tx("stack_year"), table.assign(timestamp=ts).set_index("timestamp")
                              .resample("D").mean(numeric_only=True).reset_index())):
            fig = go.Figure()
            for cid in ids:
                fig.add_trace(go.Scatter(x=frame["timestamp"], y=frame[f"{cid}:P_shared_kW"], name=cid,
                                         stackgroup="load", mode="lines", line=dict(width=0.5)))
            fig.add_trace(go.Scatter(x=frame["timestamp"], y=frame["shared_capacity_kW"], name=tx("cap"),
                                     mode="lines", line=dict(color="#D62728", dash="dash")))
            fig.update_layout(title=title, yaxis_title="kW", height=340, margin=dict(l=10, r=10, t=40, b=10))
            st.plotly_chart(fig, width="stretch")

        st.subheader(tx("compare"))
        fig = go.Figure()
        for key, col, colour in (("alone", "cost_EUR_alone", "#9D9D9D"), ("hub", "cost_EUR_hub", "#4C78A8"),
                                 ("allocated", "allocated_cost_EUR", "#54A24B")):
            fig.add_trace(go.Bar(x=ids, y=[x[col] for x in d["members"]], name=tx(key), marker_color=colour))
        fig.update_layout(barmode="group", yaxis_title="€", height=320, margin=dict(l=10, r=10, t=10, b=10))
        st.plotly_chart(fig, width="stretch")
        if d["heat_links"]:
            st.subheader(tx("links"))
            st.dataframe(pd.DataFrame([{k: lk[k] for k in ("from", "to", "used", "heat_MWh", "T_C", "distance_m",
                                                            "loss_kW", "capex_EUR", "annual_cost_EUR")}
                                       for lk in d["heat_links"]]), hide_index=True, width="stretch")
        for w in d["warnings"]:
            st.warning(ui.plain(w))
