"""Hourly and grid — the quick-scan case over a year of hours: dispatch, the grid limit,
a heat store and a heat-pump sizing sweep."""
from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from views import _shared as ui

L = ui.lang()
st.title(ui.tr("page_hourly"))
st.caption(ui.tr("hr_intro"))


def _profiles_dir() -> Path:
    from heatcalc.core.datafiles import DATA_DIR

    return Path(DATA_DIR) / "profiles"


@st.cache_resource(max_entries=16, show_spinner=False)
def _read_profiles(name: str, digest: str, raw: bytes | None):
    """Profiles from an example file or uploaded bytes (parsed as data by the library)."""
    from heatcalc.evaluation.hourly.profiles import read_profiles

    if raw is None:
        return read_profiles(_profiles_dir() / name)
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / (Path(name).name or "profiles.csv")
        p.write_bytes(raw)
        return read_profiles(p)


@st.cache_resource(max_entries=16, show_spinner=False)
def _context(case_json: str, prof_key: str, _profiles, data_folder: str = ""):
    from heatcalc.evaluation import hourly

    case = json.loads(case_json)
    evaluation = ui.evaluate(case)  # a cached call: never inside the block below (it holds the data lock)
    with ui.user_data_in_use(data_folder):  # the session's own tables (the quick scan's upload)
        return hourly.prepare(case, _profiles, evaluation=evaluation)


@st.cache_resource(max_entries=32, show_spinner=False)
def _run(case_json: str, prof_key: str, storage_kWh: float, _ctx, data_folder: str = ""):
    from heatcalc.evaluation import hourly

    with ui.user_data_in_use(data_folder):
        return hourly.run(_ctx, storage=storage_kWh or None)


@st.cache_data(max_entries=16, show_spinner=False)
def _sweep(case_json: str, prof_key: str, storage_kWh: float, _ctx,
           data_folder: str = "") -> tuple[pd.DataFrame, float | None, dict]:
    from heatcalc.evaluation import hourly

    with ui.user_data_in_use(data_folder):
        sw = hourly.sweep_hp_size(_ctx, 12, storage=storage_kWh or None,
                                  method="greedy" if storage_kWh else "rule")
    return pd.DataFrame(sw["rows"]), sw.get("best_hp_kW"), sw.get("max_fit", {})


def with_grid_limit(fig, x, P_el_kW, limit_kW, load_label: str):
    """Draw the electrical load and the grid limit on a dispatch chart, on a second axis in kW (electric)
    that starts at zero like the heat axis; an unlimited grid is said in the title."""
    if P_el_kW is not None:
        fig.add_scatter(x=x, y=P_el_kW, mode="lines", name=load_label, yaxis="y2",
                        line=dict(color="#4C78A8", width=1.5))
    lim = None if limit_kW is None else pd.to_numeric(limit_kW, errors="coerce")
    if lim is not None and np.isfinite(lim).any():
        fig.add_scatter(x=x, y=lim, mode="lines", name=ui.tr("grid_limit"), yaxis="y2", line_shape="hv",
                        line=dict(color="#D62728", dash="dash", width=2))
    else:
        fig.update_layout(title=dict(text=f"{fig.layout.title.text} · {ui.tr('no_grid_limit')}"))
    fig.update_layout(yaxis2=dict(title=ui.tr("hr_el_axis"), overlaying="y", side="right", rangemode="tozero",
                                  showgrid=False),
                      yaxis=dict(rangemode="tozero"), margin=dict(r=70))
    return fig


case = ui.case_dict()
case_json = json.dumps(case, sort_keys=True, default=str)
st.caption(ui.tr("hr_case_from_qs") + f" — {ui.plain(case.get('case_id', ''))}")

col_in, col_out = st.columns([1, 2.4], gap="large")
profiles = None
with col_in:
    examples = sorted(p.name for p in _profiles_dir().glob("*.csv")) if _profiles_dir().exists() else []
    source_labels = {"example": ui.tr("hr_use_example"), "upload": ui.tr("hr_profiles"),
                     "constant": ui.tr("hr_constant")}
    source = st.radio(ui.tr("hr_source"), list(source_labels), key="hr_source", format_func=source_labels.get)
    name, raw = "", None
    if source == "example" and examples:
        default = next((e for e in examples if "time_bound" in e), examples[0])
        st.session_state.setdefault("hr_example", default)
        name = st.selectbox(ui.tr("hr_use_example"), examples, key="hr_example")
    elif source == "upload":
        up = st.file_uploader(ui.tr("hr_profiles"), type=["csv", "txt"], help=ui.tr("hr_profiles_help"),
                              key="hr_upload")
        if up is not None:
            name, raw = up.name, up.getvalue()
    st.session_state.setdefault("hr_storage_kWh", 0.0)  # kept across pages by keep_widget_state, so no value=
    storage = st.number_input(ui.tr("hr_storage"), min_value=0.0, max_value=1e7, step=1000.0,
                              key="hr_storage_kWh",
                              help=ui.tr("hr_storage_help"))
    if source != "constant" and (name or raw):
        with ui.guard("profiles"):
            digest = hashlib.sha256(raw).hexdigest() if raw is not None else name
            profiles = _read_profiles(name, digest, raw)
            prof_key = f"{name}:{digest}"
            for w in profiles.warnings:
                st.warning(ui.plain(w))
    else:
        prof_key = "constant"

with col_out:
    result = ctx = None
    if source != "constant" and profiles is None:
        st.info(ui.tr("hr_profiles_help"))
    else:
        with ui.guard("hourly"):
            with st.spinner("…"):
                ctx = _context(case_json, prof_key, profiles, ui.user_data_folder())
                result = _run(case_json, prof_key, float(storage), ctx, ui.user_data_folder())
    if result is not None:
        s = result.summary
        m = st.columns(5)
        m[0].metric(ui.tr("hr_m_share"),
                    ui.num(100 * s["electrified_share"], 1))
        m[1].metric(ui.tr("hr_m_peak"),
                    ui.num(s["peak_el_kW"], 0))
        m[2].metric(ui.tr("hr_m_over"),
                    ui.num(s["grid_limit_exceeded_hours"], 0))
        m[3].metric(ui.tr("metric_co2_saved"), ui.num(s["co2_saved_t"], 0))
        m[4].metric(ui.tr("hr_m_cost"), ui.num(s["cost_EUR"] / 1e3, 0))
        for w in result.warnings:
            st.warning(ui.plain(w))

        from heatcalc.present import plots

        table = result.table()
        with ui.guard("dispatch"):
            ts = pd.to_datetime(table["timestamp"])
            n_weeks = max(1, int(np.ceil(len(table) * ctx.profiles.dt_h / 168)))
            if n_weeks > 1:  # a slider needs two ends: a profile of one week or less is that week
                # kept across pages by keep_widget_state (so no value=, which would clash with it)
                if not 1 <= int(st.session_state.get("hr_week_no", 1)) <= n_weeks:  # a shorter profile now
                    st.session_state["hr_week_no"] = 1
                st.session_state.setdefault("hr_week_no", 1)
                week = st.slider(ui.tr("hr_week"), 1, n_weeks, key="hr_week_no")
            else:
                week = 1
            steps = int(round(168 / ctx.profiles.dt_h))
            part = table.iloc[(week - 1) * steps: week * steps].copy()
            part["timestamp"] = ts.iloc[(week - 1) * steps: week * steps]
            cols = (("Q_hp_kW", "heat_hp", "#E45756"), ("Q_eboiler_kW", "heat_eboiler", "#F58518"),
                    ("Q_storage_out_kW", "heat_storage", "#72B7B2"), ("Q_gas_kW", "heat_gas", "#9D9D9D"))
            fig = plots.dispatch_figure(part, L, columns=cols)
            fig.update_layout(title=ui.tr("hr_dispatch_week", week=week))
            with_grid_limit(fig, part["timestamp"], part.get("P_el_kW"), part.get("grid_capacity_kW"),
                            ui.tr("ax_P_el"))
            st.plotly_chart(fig, width="stretch", key="hr_dispatch")
            # daily means, the electrical load and the grid limit too: a load under the limit in every hour
            # is under it on the day's mean as well (a peak against a minimum would show breaches that are none)
            daily = table.assign(timestamp=ts).set_index("timestamp")[
                [c for c, _, _ in cols] + [c for c in ("heat_demand_kW", "P_el_kW", "grid_capacity_kW")
                                           if c in table.columns]].resample("D").mean().reset_index()
            fig = plots.dispatch_figure(daily, L, columns=cols)
            fig.update_layout(title=f"{ui.tr('hr_dispatch')} — {ui.tr('hr_daily')}")
            with_grid_limit(fig, daily["timestamp"], daily.get("P_el_kW"), daily.get("grid_capacity_kW"),
                            ui.tr("ax_P_el"))
            st.plotly_chart(fig, width="stretch", key="hr_dispatch_year")
        g1, g2 = st.columns(2) if storage > 0 else (st.container(), None)
        with ui.guard("load duration"):
            g1.plotly_chart(plots.load_duration_figure(table["P_el_kW"], table["grid_capacity_kW"], L),
                            width="stretch", key="hr_ldc")
        if g2 is not None:
            with ui.guard("storage"):
                g2.plotly_chart(plots.storage_figure(table.assign(timestamp=ts), "E_storage_kWh", L),
                                width="stretch", key="hr_storage_fig")

        st.subheader(ui.tr("hr_sweep"))
        st.caption(ui.tr("hr_sweep_caption"))
        with ui.guard("sizing sweep"):
            sweep, best_kW, fit = _sweep(case_json, prof_key, float(storage), ctx, ui.user_data_folder())
            fig = plots.sweep_figure(sweep, "hp_kW", ["npv_EUR"], L, title=ui.tr("hr_sweep_title"))
            fig.update_xaxes(title=ui.tr("hr_sweep_x"))
            if fit.get("hp_kW"):
                fig.add_vline(x=fit["hp_kW"], line=dict(dash="dash", color="#D62728"))
            st.plotly_chart(fig, width="stretch", key="hr_sweep_fig")
            from heatcalc.present.i18n import sweep_label

            show = sweep.rename(columns={c: sweep_label(c, L) for c in sweep.columns})  # headers in the language
            st.dataframe(show.round(2), hide_index=True, width="stretch")
