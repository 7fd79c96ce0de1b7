"""Cycle designer — one heat-pump cycle on real-fluid properties, its diagrams and a
refrigerant comparison."""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from heatcalc.present.i18n import choice_label
from heatcalc.thermo.topologies import run_cycle
from views import _shared as ui

L = ui.lang()
st.title(ui.tr("page_cycle"))
st.caption(ui.tr("cd_intro"))

TOPOLOGIES = ["single_stage", "single_stage_ihx", "two_stage", "cascade", "transcritical"]


@st.cache_resource(show_spinner=False)
def _catalogue() -> pd.DataFrame:
    from heatcalc.thermo.fluids import refrigerant_catalogue

    return refrigerant_catalogue()


def _fluid_label(name: str) -> str:
    cat = _catalogue()
    ashrae = cat.loc[name, "ashrae_name"] if name in cat.index else name
    return ashrae if ashrae == name else f"{ashrae} ({name})"


@st.cache_resource(max_entries=128, show_spinner=False)
def _cycle(topology: str, fluid: str, fluid_low: str, T_evap_C: float, T_cond_C: float, superheat_K: float,
           subcooling_K: float, eta_is: float, eta_motor: float, ihx: float):
    from heatcalc.core.units import C_to_K

    Te, Tc = C_to_K(T_evap_C), C_to_K(T_cond_C)
    return run_cycle(topology, fluid=fluid, fluid_low=fluid_low, T_evap_K=Te, T_cond_K=Tc, T_gc_out_K=Tc,
                     superheat_K=superheat_K, subcooling_K=subcooling_K, eta_is=eta_is, eta_motor=eta_motor,
                     ihx_effectiveness=ihx if topology in ("single_stage_ihx", "transcritical") else 0.0)


@st.cache_data(max_entries=64, show_spinner=False)
def _comparison(T_evap_C: float, T_cond_C: float, superheat_K: float, subcooling_K: float, eta_is: float,
                eta_motor: float, ihx: float, lang: str) -> pd.DataFrame:
    """Every catalogue refrigerant in a single-stage cycle at the same conditions."""
    from heatcalc.core.errors import HeatCalcError
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.cycles import single_stage

    cat = _catalogue()
    rows = []
    for name in cat.index:
        info = cat.loc[name]
        row = {"fluid": _fluid_label(name), "cop": math.nan, "p_evap": math.nan, "p_cond": math.nan,
               "t_dis": math.nan, "vhc": math.nan, "gwp": info["gwp100"], "safety": info["safety_class"],
               "halogen_free": bool(info["halogen_free"]), "note": ""}
        try:
            r = single_stage(name, C_to_K(T_evap_C), C_to_K(T_cond_C), superheat_K, subcooling_K, eta_is, ihx,
                             eta_motor).to_dict()
            row.update(cop=r["cop_heating"], p_evap=r["p_evap_bar"], p_cond=r["p_cond_bar"], t_dis=r["t_discharge_C"],
                       vhc=r["vhc_kJ_per_m3"], note=" | ".join(r["warnings"]))
        except HeatCalcError as exc:
            row["note"] = str(exc)
        rows.append(row)
    df = pd.DataFrame(rows).sort_values("cop", ascending=False, na_position="last")
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# defaults from the quick-scan case (first visit only)
inputs = ui.case_inputs()
if "cd_T_evap" not in st.session_state:
    dT = float(inputs.get("dT_min_K") or 5.0)
    t_src_in = inputs.get("T_source_in_C")
    t_src_out = inputs.get("T_source_out_C")
    if t_src_out is None and t_src_in is not None:
        from heatcalc.case import Case

        try:
            t_src_out = Case.from_dict(ui.case_dict()).T_source_out_eff_C
        except ui.HeatCalcError:
            t_src_out = None
    t_sink_in, t_sink_out = inputs.get("T_sink_in_C"), inputs.get("T_sink_out_C")
    st.session_state.update({
        "cd_T_evap": float(round((t_src_out if t_src_out is not None else 40.0) - dT)),
        "cd_T_cond": float(round((t_sink_out if t_sink_out is not None else 90.0) + dT)),
        "cd_sink_in": float(t_sink_in if t_sink_in is not None else 60.0),
        "cd_sink_out": float(t_sink_out if t_sink_out is not None else 90.0),
        "cd_src_in": float(t_src_in if t_src_in is not None else 45.0),
        "cd_src_out": float(t_src_out if t_src_out is not None else 40.0),
        "cd_Q": float(inputs.get("heat_demand_kW") or 1000.0),
        "cd_eta_is": float(inputs.get("eta_is") or 0.7),
    })



def _gc_outlet_C(T_evap_C: float, sink_in_C: float, dT_K: float) -> float:
    """A gas-cooler outlet temperature for the transcritical cycle: the sink's inlet plus the
    approach (the case's dT_min), lowered in 5 K steps (not below T_evap + 2 K) until the
    cycle works; the first candidate when none does (its error then explains why)."""
    first = round(max(sink_in_C + dT_K, T_evap_C + 2.0), 1)
    t = first
    while t >= T_evap_C + 2.0:
        try:
            ss = st.session_state
            _cycle("transcritical", "CarbonDioxide", "", T_evap_C, t, float(ss.get("cd_superheat", 5.0)), 0.0,
                   float(ss.get("cd_eta_is", 0.7)), float(ss.get("cd_eta_motor", 1.0)), 0.0)
            return t
        except ui.HeatCalcError:
            t = round(t - 5.0, 1)
    return first


def _on_topology() -> None:
    """Switching to transcritical: the condensing temperature of a subcritical cycle is no
    gas-cooler outlet, so one is picked from the sink stream (and the subcritical value is
    given back when switching away)."""
    ss = st.session_state
    new, old = ss["cd_topology"], ss.get("_cd_prev_topology", "single_stage")
    if new == "transcritical" and old != "transcritical":
        ss["_cd_T_cond_subcritical"] = ss["cd_T_cond"]
        dT = float(ui.case_inputs().get("dT_min_K") or 5.0)
        ss["cd_T_cond"] = _gc_outlet_C(float(ss["cd_T_evap"]), float(ss["cd_sink_in"]), dT)
    elif old == "transcritical" and new != "transcritical" and "_cd_T_cond_subcritical" in ss:
        ss["cd_T_cond"] = ss.pop("_cd_T_cond_subcritical")
    ss["_cd_prev_topology"] = new


col_in, col_out = st.columns([1, 2.2], gap="large")
with col_in:
    topology = st.selectbox(ui.tr("cd_topology"), TOPOLOGIES, key="cd_topology", on_change=_on_topology,
                            format_func=lambda v: choice_label("topology", v, L))
    st.session_state["_cd_prev_topology"] = topology
    names = list(_catalogue().index)
    fluid_labels = {n: _fluid_label(n) for n in names}
    fluid_low = ""
    if topology == "transcritical":
        fluid = "CarbonDioxide"
        st.caption(f"{ui.tr('cd_fluid')}: {_fluid_label(fluid)}")
    else:
        st.session_state.setdefault("cd_fluid", "R1233zd(E)" if "R1233zd(E)" in names else names[0])
        high = f" ({ui.tr('cd_high_stage')})" if topology == "cascade" else ""
        fluid = st.selectbox(ui.tr("cd_fluid") + high, names,
                             key="cd_fluid", format_func=fluid_labels.get)
        if topology == "cascade":
            st.session_state.setdefault("cd_fluid_low", "IsoButane" if "IsoButane" in names else names[0])
            fluid_low = st.selectbox(f"{ui.tr('cd_fluid')} ({ui.tr('cd_low_stage')})", names, key="cd_fluid_low",
                                     format_func=fluid_labels.get)
    T_evap = st.slider(ui.tr("cd_t_evap"), -40.0, 160.0, step=0.1, key="cd_T_evap", format="%.1f")
    cond_label = ui.tr("cd_t_cond") if topology != "transcritical" else ui.tr("cd_t_gc_out")
    T_cond = st.slider(cond_label, -20.0, 250.0, step=0.1, key="cd_T_cond", format="%.1f")
    superheat = st.slider(ui.tr("cd_superheat"), 0.0, 30.0, 5.0, 0.5, key="cd_superheat", format="%.1f")
    subcooling = st.slider(ui.tr("cd_subcooling"), 0.0, 40.0, 5.0, 0.5, key="cd_subcooling", format="%.1f",
                           disabled=topology == "transcritical")
    eta_is = st.slider(ui.tr("cd_eta_is"), 0.40, 1.00, step=0.01, key="cd_eta_is")
    eta_curve = topology != "cascade" and st.checkbox(ui.tr("cd_eta_curve"), key="cd_eta_curve",
                                                      help=ui.tr("cd_eta_curve_help"))
    eta_motor = st.slider(ui.tr("cd_eta_motor"), 0.80, 1.00, 1.00, 0.01, key="cd_eta_motor")
    ihx = 0.0
    if topology in ("single_stage_ihx", "transcritical"):
        ihx = st.slider(ui.tr("cd_ihx"), 0.0, 1.0, 0.5 if topology == "single_stage_ihx" else 0.0, 0.05,
                        key="cd_ihx_" + topology)
    with st.expander(ui.tr("cd_streams"), expanded=False):
        st.caption(ui.tr("cd_streams_help"))
        a, b = st.columns(2)
        sink_in = a.number_input(ui.field_label("T_sink_in_C", L), step=1.0, key="cd_sink_in")
        sink_out = b.number_input(ui.field_label("T_sink_out_C", L), step=1.0, key="cd_sink_out")
        src_in = a.number_input(ui.field_label("T_source_in_C", L), step=1.0, key="cd_src_in")
        src_out = b.number_input(ui.field_label("T_source_out_C", L), step=1.0, key="cd_src_out")
        Q = st.number_input(ui.tr("cd_heat_kW"), min_value=1.0, step=50.0, key="cd_Q")

with col_out:
    cycle = None
    with ui.guard("cycle"):
        if eta_curve:  # η_is from the screw curve at the pressure ratio per stage (fixed by T_evap and T_cond)
            from heatcalc.thermo.compressors import eta_is_curve

            first = _cycle(topology, fluid, fluid_low, T_evap, T_cond, superheat, subcooling, eta_is, eta_motor, ihx)
            pr_stage = first.pressure_ratio ** (0.5 if topology == "two_stage" else 1.0)
            eta_is, _ = eta_is_curve("screw", pr_stage)
            eta_is = round(float(eta_is), 4)
            st.caption(ui.tr("cd_eta_curve_used", eta=ui.num(eta_is, 3), pr=ui.num(pr_stage, 2)))
        cycle = _cycle(topology, fluid, fluid_low, T_evap, T_cond, superheat, subcooling, eta_is, eta_motor, ihx)
    if cycle is not None:
        d = cycle.to_dict()
        tq = {}
        with ui.guard("T–Q"):
            from heatcalc.present import plots

            tq["condenser"] = plots.cycle_tq_curves(cycle, "condenser", sink_in, sink_out, Q)
            tq["evaporator"] = plots.cycle_tq_curves(cycle, "evaporator", src_in, src_out, Q)
        m = st.columns(4)
        m[0].metric(ui.tr("metric_cop"), ui.num(d["cop_heating"], 2))
        m[1].metric(ui.tr("metric_cop_carnot"), ui.num(d["cop_carnot"], 2))
        m[2].metric(ui.tr("metric_t_dis"), ui.num(d["t_discharge_C"], 1))
        m[3].metric(ui.tr("metric_pr"), ui.num(cycle.pressure_ratio, 2))
        m = st.columns(4)
        m[0].metric(ui.tr("metric_p_evap"), ui.num(d["p_evap_bar"], 2))
        m[1].metric(ui.tr("metric_p_cond"), ui.num(d["p_cond_bar"], 2))
        m[2].metric(ui.tr("metric_pinch_cond"), ui.num(tq["condenser"]["pinch"][3], 1) if "condenser" in tq else "–")
        m[3].metric(ui.tr("metric_pinch_evap"),
                    ui.num(tq["evaporator"]["pinch"][3], 1) if "evaporator" in tq else "–")
        for w in cycle.warnings:
            st.warning(ui.plain(w))
        for side, key in (("condenser", "metric_pinch_cond"), ("evaporator", "metric_pinch_evap")):
            if side in tq and tq[side]["pinch"][3] <= 0:
                st.error(f"{ui.tr(key)}: {ui.num(tq[side]['pinch'][3], 1)} K — {ui.tr('cd_crossing')}")

        with ui.guard("diagrams"):
            from heatcalc.present import plots

            g1, g2 = st.columns(2)
            g1.plotly_chart(plots.ph_diagram(cycle, L), width="stretch", key="cd_ph")
            g2.plotly_chart(plots.ts_diagram(cycle, L), width="stretch", key="cd_ts")
            g1, g2 = st.columns(2)
            for g, side, title, stream_key in ((g1, "condenser", "cd_tq_cond", "sink_stream"),
                                               (g2, "evaporator", "cd_tq_evap", "source_stream")):
                if side in tq:
                    c = tq[side]
                    curves = [dict(name=ui.tr("refrigerant_side"), Q_kW=c["Q_kW"], T_C=c["T_refrigerant_C"],
                                   color="#E45756"),
                              dict(name=ui.tr(stream_key), Q_kW=c["Q_kW"], T_C=c["T_stream_C"],
                                   color="#4C78A8" if side == "condenser" else "#54A24B")]
                    g.plotly_chart(plots.tq_figure(curves, c["pinch"], ui.tr(title), L), width="stretch",
                                   key="cd_tq_" + side)

        with st.expander(ui.tr("cd_states")):
            sdf = pd.DataFrame(d["states"])[["label", "T_C", "p_bar", "h_kJ_per_kg", "s_kJ_per_kgK", "quality"]]
            sdf.columns = [ui.tr(k) for k in ("col_label", "col_T_C", "col_p_bar", "col_h", "col_s", "col_quality")]
            st.dataframe(sdf.round(3), hide_index=True, width="stretch")

    st.subheader(ui.tr("cd_compare"))
    st.caption(ui.tr("cd_compare_help"))
    with ui.guard("comparison"):
        comp = _comparison(T_evap, T_cond, superheat, subcooling, eta_is, eta_motor,
                           ihx if topology == "single_stage_ihx" else 0.0, L)
        comp = comp.rename(columns={k: ui.tr("col_" + k) for k in
                                    ("fluid", "cop", "p_evap", "p_cond", "t_dis", "vhc", "gwp", "safety",
                                     "halogen_free", "note")})
        st.dataframe(comp.round(2), hide_index=True, width="stretch", key="cd_comp")


# ---------------------------------------------------------------------------------------
# the quick-scan case's stream-matched design (heatcalc.thermo.pinch through evaluate_case)
st.divider()
st.subheader(ui.tr("cd_from_case"))
st.caption(ui.tr("cd_from_case_help"))


def _load_design(d, Q_kW: float) -> None:
    """Put a design's cycle and streams into the designer's inputs (button callback)."""
    from heatcalc.core.units import K_to_C

    ss = st.session_state
    ss["cd_topology"] = "two_stage" if getattr(d.cycle, "topology", "") == "two_stage" else "single_stage"
    ss["cd_fluid"] = d.fluid
    ss["cd_T_evap"] = round(K_to_C(d.T_evap_K), 1)
    ss["cd_T_cond"] = round(K_to_C(d.T_cond_K), 1)
    ss["cd_superheat"] = float(d.superheat_K)
    ss["cd_subcooling"] = float(d.subcooling_K)
    ss["cd_eta_is"] = round(float(d.eta_is), 2)
    ss["cd_sink_in"], ss["cd_sink_out"] = K_to_C(d.sink.T_in_K), K_to_C(d.sink.T_out_K)
    ss["cd_src_in"], ss["cd_src_out"] = K_to_C(d.source.T_in_K), K_to_C(d.source.T_out_K)
    ss["cd_Q"] = float(Q_kW)


with ui.guard("stream-matched design"):
    res = ui.evaluate(ui.case_dict())
    option = next((o for o in ("heat_pump", "steam_hp", "mvr")
                   if hasattr(res.designs.get(o), "condenser") and (res.row(o) or {}).get("status") == "ok"), None)
    if option is None:
        st.info(ui.tr("cd_no_design"))
    else:
        from heatcalc.core.units import K_to_C
        from heatcalc.present import plots

        d = res.designs[option]
        row = res.row(option)
        Q_cond = float(row.get("capacity_kW_th") or res.case.heat_demand_kW or d.Q_sink_W / 1e3)
        m = st.columns(5)
        m[0].metric(ui.tr("cd_fluid"), _fluid_label(d.fluid) if d.fluid in _catalogue().index else d.fluid)
        m[1].metric(ui.tr("metric_cop"), ui.num(row.get("cop"), 2))
        m[2].metric(ui.tr("metric_t_evap"), ui.num(K_to_C(d.T_evap_K), 1))
        m[3].metric(ui.tr("metric_t_cond"), ui.num(K_to_C(d.T_cond_K), 1))
        m[4].metric(ui.tr("metric_pr"), ui.num(d.cycle.pressure_ratio, 2))
        g1, g2 = st.columns(2)
        g1.plotly_chart(plots.design_tq_figure(d.condenser, Q_cond, ui.tr("cd_tq_cond"), L), width="stretch",
                        key="cd_design_cond")
        g2.plotly_chart(plots.design_tq_figure(d.evaporator, Q_cond * d.Q_source_W / d.Q_sink_W,
                                               ui.tr("cd_tq_evap"), L), width="stretch", key="cd_design_evap")
        flow = next((f for f in res.flows if f.option == option), None)
        why = flow.details.get("topology_reason") if flow is not None else None
        if why:
            st.caption(f"{ui.tr('cd_topology')}: {ui.plain(why)}")
        for w in d.warnings:
            st.warning(ui.plain(w))
        st.button(ui.tr("cd_load_design"), on_click=_load_design, args=(d, Q_cond), key="load_design_button")

# ------------------------------------------------------------------------------------------
# a supplier's datasheet instead of the generic machine
st.divider()
st.subheader(ui.tr("cd_ds_title"))
st.caption(ui.tr("cd_ds_help"))


def _fit_upload(data: bytes, case: dict):
    """Fit the uploaded datasheet and evaluate the quick-scan case with it. The bytes are written to a
    private folder (``tempfile.mkdtemp``, mode 0700) that is removed again before this returns."""
    import shutil
    import tempfile
    from pathlib import Path

    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.thermo.datasheet import fit_datasheet

    folder = Path(tempfile.mkdtemp(prefix="heatcalc_app_datasheet_"))
    try:
        path = folder / "datasheet.csv"
        path.write_bytes(data)
        m = fit_datasheet(path)
        row = None
        if case.get("T_source_in_C") is not None and case.get("T_sink_out_C") is not None:
            res = evaluate_case({**case, "options": "heat_pump", "hp_datasheet": str(path)})
            row = res.row("heat_pump")
        return m, row
    finally:
        shutil.rmtree(folder, ignore_errors=True)


up = st.file_uploader(ui.tr("cd_ds_upload"), type=["csv", "txt"], key="cd_ds_upload")
if up is not None:
    with ui.guard("datasheet"):
        m, row = _fit_upload(up.getvalue(), ui.case_dict())
        (s0, s1), (k0, k1) = m.T_source_range_C, m.T_sink_range_C
        c = st.columns(4)
        c[0].metric(ui.tr("cd_ds_form"), m.form)
        c[1].metric(ui.tr("cd_ds_points"), f"{m.n_points} (+{m.n_part_load})")
        c[2].metric(ui.tr("cd_ds_rms"), ui.num(100 * m.rms_rel_cop, 2))
        c[3].metric(ui.tr("cd_ds_max"), ui.num(100 * m.max_rel_cop, 2))
        st.caption(ui.tr("cd_ds_envelope", s0=ui.num(s0, 1), s1=ui.num(s1, 1), k0=ui.num(k0, 1), k1=ui.num(k1, 1)))
        for w in m.warnings:
            st.warning(ui.plain(w))
        if row is not None:
            if row.get("status") == "ok":
                c = st.columns(3)
                c[0].metric(ui.tr("cd_ds_case_cop"), ui.num(row.get("cop"), 2))
                c[1].metric(ui.tr("cd_ds_case_Q"), ui.num(row.get("capacity_kW_th"), 0))
                c[2].metric(ui.tr("cd_ds_case_npv"), ui.num(row.get("npv_EUR"), 0))
            else:
                st.info(ui.plain(row.get("message")))

