"""Quick scan — the first page: one case, what-if sliders, all options compared."""
from __future__ import annotations

import json
import math

import pandas as pd
import streamlit as st

from heatcalc.case import PROCESSES, SINK_MEDIA, SOURCE_MEDIA, options_for_process
from heatcalc.core.jsonutil import dumps
from heatcalc.core.messages import codes_of
from heatcalc.present.i18n import choice_label, column_label, field_label, t
from views import _shared as ui

L = ui.lang()
inputs = ui.case_inputs()
#: Prefix of the notes the economics adds to the warnings.
ECON = "economics: "


def _note(w: str) -> str:
    """A warning for display: economics notes marked in italics, in the session's language."""
    if not w.startswith(ECON):
        return ui.plain(w)
    body = ui.message_text(w, context=False) if hasattr(w, "code") else w[len(ECON):]
    return f"*{ui.tr('notes_economics')}:* {ui.plain(body)}"


st.title(ui.tr("page_quick_scan"))
st.caption(ui.tr("qs_intro"))
if "_qp_error" in st.session_state:
    st.warning(ui.tr_plain("query_error", message=st.session_state.pop("_qp_error")))

# ---------------------------------------------------------------------------------------
# sidebar: load a case file or an example (before the inputs are drawn, so they show it)
side = st.sidebar
side.subheader(ui.tr("section_file"))
upload = side.file_uploader(ui.tr("load_case"), type=["json"], help=ui.tr("load_case_help"), key="qs_upload")
if upload is not None and st.session_state.get("_loaded_file") != upload.file_id:
    st.session_state["_loaded_file"] = upload.file_id
    try:
        case = ui.read_case_json(upload.getvalue())
        ui.set_case_inputs(ui.inputs_of(case))
        ui.keep_proposal_block(upload.getvalue(), upload.file_id)  # the report page's form starts from it
        st.session_state["_load_msg"] = ("ok", ui.tr_plain("loaded_case", case_id=case.case_id))
    except ui.HeatCalcError as exc:
        st.session_state["_load_msg"] = ("error", ui.tr_plain("load_failed", message=str(exc)))
    inputs = ui.case_inputs()
msg = st.session_state.get("_load_msg")
if msg:
    (side.success if msg[0] == "ok" else side.error)(msg[1])

examples = ui.example_names()
ex = side.selectbox(ui.tr("example"), examples, key="qs_example",
                    index=examples.index(ui.EXAMPLE_FILE) if ui.EXAMPLE_FILE in examples else 0,
                    format_func=lambda n: n.removesuffix(".json").replace("_", " "))
if side.button(ui.tr("reset_example") if ex == ui.EXAMPLE_FILE else ui.tr("load_example"), key="qs_load_example"):
    ui.set_case_inputs(ui.example_inputs(ex))
    st.session_state.pop("_load_msg", None)
    inputs = ui.case_inputs()
# the user's own tariff / price tables: this session's evaluations only (before the inputs: years, prices)
ui.user_tables_sidebar(side)

# ---------------------------------------------------------------------------------------
# inputs
col_in, col_out = st.columns([1, 2], gap="large")
errors_at: dict[str, st.delta_generator.DeltaGenerator] = {}

with col_in:
    st.subheader(ui.tr("section_case"))
    c1, c2 = st.columns(2)
    with c1:
        ui._init("case_id", inputs.get("case_id"))
        st.text_input(field_label("case_id", L), key=ui._key("case_id"), on_change=ui._sync("case_id"),
                      help=ui._help("case_id"))
    with c2:
        process = ui.select_field("process", PROCESSES)
    kiln = process in ("lime_kiln", "glass_furnace")

    st.markdown(f"**{ui.tr('section_whatif')}**")
    if not kiln:
        ui.slider_field("T_sink_out_C", 20.0, 250.0, 0.5, fmt="%.1f")
        errors_at["T_sink_out_C"] = st.empty()
        if note := ui.adjusted_note("T_sink_out_C"):
            st.info(note)
        ui.slider_field("T_source_in_C", -20.0, 200.0, 0.5, fmt="%.1f")
        errors_at["T_source_in_C"] = st.empty()
        if note := ui.adjusted_note("T_source_in_C"):
            st.info(note)
        ui.slider_field("heat_demand_kW", 50.0, 20000.0, 50.0, fmt="%.0f")
    else:
        ui.slider_field("production_t_per_yr", 1000.0, 500000.0, 1000.0, fmt="%.0f")
    ui.slider_field("operating_hours_per_yr", 100.0, 8784.0, 1.0, fmt="%.0f")

    year = int(ui.case_inputs()["tariff_year"])
    prices = None
    with ui.guard("tariff defaults"):
        prices = ui.default_prices(year)
    for name, lo, hi, step in (("price_gas_EUR_per_MWh", 0.0, 150.0, 0.5),
                               ("price_el_EUR_per_MWh", 0.0, 300.0, 0.5),
                               ("co2_price_EUR_per_t", 0.0, 250.0, 0.5)):
        if prices is None:
            break
        d = prices[name]
        unit = ui.field_meta(name)["unit"]
        help_text = ui.field_help(name, L, default=f"{d:g} {unit}",
                                  origin=f"{prices['sources'][name]} ({year}, confidence {prices['confidence'][name]})")
        ui.slider_field(name, lo, hi, step, default_value=d, help_text=help_text, fmt="%.1f")

    # grid capacity: unlimited unless limited
    def _toggle_grid():
        if st.session_state["qs_grid_limited"]:
            start = st.session_state.get("_qs_best_P_el_kW") or ui.case_inputs().get("heat_demand_kW") or 1000.0
            ui.case_inputs()["grid_capacity_kW"] = float(math.ceil(start / 50.0) * 50.0)
        else:
            ui.case_inputs()["grid_capacity_kW"] = None
        st.session_state.pop(ui._key("grid_capacity_kW"), None)
        st.session_state.pop("range_grid_capacity_kW", None)

    st.session_state["qs_grid_limited"] = ui.case_inputs().get("grid_capacity_kW") is not None
    st.checkbox(ui.tr("grid_limited"), key="qs_grid_limited", on_change=_toggle_grid,
                help=ui.tr("grid_limited_help"))
    if ui.case_inputs().get("grid_capacity_kW") is not None:
        ui.slider_field("grid_capacity_kW", 0.0, 20000.0, 50.0, fmt="%.0f")

    with st.expander(ui.tr("section_more")):
        if not kiln:
            a, b = st.columns(2)
            with a:
                ui.select_field("sink_medium", SINK_MEDIA)
                ui.number_field("T_sink_in_C", step=1.0)
                errors_at["T_sink_in_C"] = st.empty()
                ui.number_field("source_heat_kW", step=50.0, optional=True,
                                placeholder=ui.tr("unlimited"))
            with b:
                ui.select_field("source_medium", SOURCE_MEDIA)
                ui.number_field("T_source_out_C", step=1.0, optional=True,
                                placeholder="T_source_in_C − 5 K")
                errors_at["T_source_out_C"] = st.empty()
                ui.number_field("dT_min_K", step=0.5)
            a, b = st.columns(2)
            with a:
                from heatcalc.thermo.fluids import refrigerant_catalogue

                cat = refrigerant_catalogue()
                ref_labels = {"auto": "auto", **{v: f"{cat.loc[v, 'ashrae_name']} ({v})" for v in cat.index}}
                ui.select_field("refrigerant", list(ref_labels), format_func=ref_labels.get)
            with b:
                ui.number_field("eta_is", step=0.01, fmt="%.2f")
            ui.select_field("baseline", ["gas_boiler", "gas_chp"])
        else:
            ui.number_field("specific_energy_GJ_per_t", step=0.1, optional=True,
                            placeholder=ui.tr("default_data"))
        a, b = st.columns(2)
        with a:
            ui.number_field("eta_baseline", step=0.01, fmt="%.2f")
        with b:
            ui.number_field("electrified_share", step=0.05, fmt="%.2f")
        allowed = list(options_for_process(process))
        ui._init("options", [o for o in inputs.get("options") or [] if o in allowed])
        st.session_state[ui._key("options")] = [o for o in st.session_state[ui._key("options")] if o in allowed]
        st.multiselect(field_label("options", L), allowed, key=ui._key("options"), on_change=ui._sync("options"),
                       format_func=lambda o: choice_label("option", o, L), help=ui._help("options", "all"),
                       placeholder=choice_label("option", "all", L))
        a, b = st.columns(2)
        with a:
            years_ok, years_missing = ui.tariff_years()  # only years whose data compute
            ui.select_field("tariff_year", sorted(years_ok, reverse=True), format_func=str)  # latest first
            if years_missing:
                st.caption(ui.tr("years_missing", years=", ".join(
                    f"{y} ({why})" for y, why in years_missing.items())))
            ui.select_field("grid_operator", ["liander", "stedin", "enexis", "tennet", "none"])
            ui.number_field("site_gas_m3_per_yr", step=10000.0, optional=True,
                            placeholder=ui.tr("default_baseline_use"))
            ui.number_field("site_el_MWh_per_yr", step=100.0)
        with b:
            ui.number_field("discount_rate", step=0.01, fmt="%.2f")
            ui.number_field("lifetime_yr", step=1, integer=True)
            # automatic (derived from the EU ETS thresholds) / yes / no; the widget holds text, the case a bool or None
            ets_words = {None: "auto", True: "yes", False: "no"}
            ui._init("ets_installation", ets_words[inputs.get("ets_installation")])
            st.selectbox(field_label("ets_installation", L), ["auto", "yes", "no"], key=ui._key("ets_installation"),
                         format_func=lambda v, lang_now=L: t("ets_auto" if v == "auto" else v, lang_now),
                         on_change=ui._sync("ets_installation", {"auto": None, "yes": True, "no": False}.get),
                         help=ui._help("ets_installation", None))
            ui.number_field("site_thermal_input_MW", step=1.0, optional=True, placeholder=ui.tr("ets_auto"))
        a, b = st.columns(2)
        with a:  # the grid connection (docs/methods.md, "The grid connection")
            ui.number_field("connection_kW", step=100.0, optional=True, placeholder=ui.tr("connection_from_use"))
            ui.select_field("transport_right", ["firm", "time_bound", "time_block", "flexible"])
        with b:
            ui.number_field("connection_wait_yr", step=0.5, optional=True, placeholder=ui.tr("default_data"))
            ui.number_field("connection_charge_EUR", step=10000.0, optional=True, placeholder=ui.tr("charge_unknown"))
        st.caption(ui.tr("quotes_caption"))
        q1, q2 = st.columns(2)
        for o in [o for o in (st.session_state.get(ui._key("options")) or allowed) if o in allowed]:
            if f"capex_{o}_EUR" in ui.FIELDS:  # an option without quote fields in the case schema has none here
                ui.number_field(f"capex_{o}_EUR", step=10000.0, optional=True, container=q1,
                                placeholder=ui.tr("quote_curve"))
            if f"om_{o}_EUR_per_yr" in ui.FIELDS:
                ui.number_field(f"om_{o}_EUR_per_yr", step=1000.0, optional=True, container=q2,
                                placeholder=ui.tr("quote_curve"))

# ---------------------------------------------------------------------------------------
# the option table and the load chart
#: Every column of the comparison (the "All columns" view and the downloads).
DETAIL_COLS = ["option", "status", "cop", "P_el_kW", "fits_grid", "grid_capacity_kW", "E_el_MWh_per_yr",
               "gas_m3_per_yr", "co2_t_per_yr", "co2_saved_t_per_yr", "nox_kg_per_yr", "nox_saved_kg_per_yr",
               "opex_EUR_per_yr", "saving_EUR_per_yr", "capex_EUR", "subsidy_EUR", "npv_EUR", "irr", "payback_yr",
               "lcoh_EUR_per_MWh", "abatement_EUR_per_t",
               "opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr",
               "opex_co2_EUR_per_yr", "opex_om_EUR_per_yr", "contract_kW", "voltage_level", "connection_upgrade",
               "connection_charge_EUR", "connection_wait_yr", "transport_right", "heat_at_risk_MWh_per_yr",
               "refrigerant", "T_evap_C", "T_cond_C", "cop_carnot", "cop_lorenz", "message"]
#: Decimals shown per column (others: 0).
DECIMALS = {"cop": 2, "payback_yr": 1, "irr": 3, "T_evap_C": 1, "T_cond_C": 1, "cop_carnot": 2, "cop_lorenz": 2}
TEXT_COLS = ("option", "status", "fits_grid", "voltage_level", "connection_upgrade", "transport_right", "refrigerant",
             "message")


def connection_line(r: dict) -> str:
    """One line on the option's grid connection: tariff level and contract, whether it fits the existing
    connection or needs a change (charge, wait), and the heat at risk under a non-firm right."""
    if r.get("status") != "ok" or not r.get("voltage_level"):
        return ""
    parts = [ui.tr_plain("qs_conn_level", level=r["voltage_level"], contract=ui.num(r.get("contract_kW"), 0))]
    if r.get("connection_upgrade"):
        charge = r.get("connection_charge_EUR")
        known = charge is not None and not (isinstance(charge, float) and math.isnan(charge))
        charge_text = f"€ {ui.num(charge, 0)}" if known else ui.tr("qs_conn_charge_unknown")
        codes = codes_of(r.get("warnings") or [])  # the rows of evaluate_case carry the messages themselves
        if "connection.wait_unpublished" in codes and not r.get("connection_wait_yr"):
            # the operator publishes no waiting time: 0 yr is an assumption, not a promise of capacity now
            parts.append(ui.tr("qs_conn_upgrade_wait_unknown", charge=charge_text))
        else:
            parts.append(ui.tr("qs_conn_upgrade", charge=charge_text,
                               wait=ui.num(r.get("connection_wait_yr") or 0.0, 1)))
    elif r.get("option") != "baseline":
        parts.append(ui.tr("qs_conn_fits"))
    right = r.get("transport_right") or "firm"
    if right != "firm":
        heat = r.get("heat_at_risk_MWh_per_yr")
        name = choice_label("transport_right", right, L)
        if heat is None or (isinstance(heat, float) and math.isnan(heat)):
            parts.append(ui.tr("qs_conn_right_unknown", right=name))
        else:
            parts.append(ui.tr("qs_conn_right", right=name, heat=ui.num(heat, 0)))
    return " · ".join(parts)


def _option_name(r: dict) -> str:
    name = ("★ " if r.get("best") else "") + choice_label("option", r["option"], L)
    if r.get("status") != "ok":
        name += f" ({choice_label('status', r.get('status'), L)})"
    return name


def _yes_no(r: dict, col: str) -> str:
    v = r.get(col)
    if r.get("status") != "ok" or v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return ui.tr("yes") if v else ui.tr("no")


def option_table(rows: list[dict], cols: list[str]) -> pd.DataFrame:
    """The options as text in the session's language: labelled columns with units, ``–`` where
    an option has no value (a handful of rows; a styled frame would cost more server time)."""
    out = {}
    for c in cols:
        if c == "option":
            vals = [_option_name(r) for r in rows]
        elif c == "status":
            vals = [choice_label("status", r.get("status"), L) for r in rows]
        elif c in ("fits_grid", "connection_upgrade"):
            vals = [_yes_no(r, c) for r in rows]
        elif c in TEXT_COLS:
            # table cells are text, not Markdown: shown as they are (no escaping, which would show backslashes)
            vals = [str(r.get(c)) if r.get(c) not in (None, "") else "–" for r in rows]
        else:
            vals = [ui.num(v, DECIMALS.get(c, 0)) for v in pd.to_numeric(pd.Series([r.get(c) for r in rows],
                                                                                    dtype=object),
                                                                          errors="coerce")]
        out[column_label(c, L)] = vals
    return pd.DataFrame(out)


def export_table(rows: list[dict]) -> pd.DataFrame:
    """The options for the downloads: the same columns as "All columns", numbers as numbers, labelled in the
    session's language (with units), the warnings joined."""
    out = {}
    for c in DETAIL_COLS + ["warnings"]:
        if c == "option":
            vals = [choice_label("option", r["option"], L) for r in rows]
        elif c == "status":
            vals = [choice_label("status", r.get("status"), L) for r in rows]
        elif c in ("fits_grid", "connection_upgrade"):
            vals = [None if r.get(c) is None else bool(r.get(c)) for r in rows]
        elif c in TEXT_COLS or c == "warnings":
            vals = [r.get(c) for r in rows]
        else:
            vals = pd.to_numeric(pd.Series([r.get(c) for r in rows], dtype=object), errors="coerce").tolist()
        out[column_label(c, L)] = vals
    best = [bool(r.get("best")) for r in rows]
    out[column_label("best", L)] = best
    return pd.DataFrame(out)


def load_figure(rows: list[dict], grid_kW):
    """Electrical load of every feasible option [kW], with the grid limit drawn when one is set."""
    import plotly.graph_objects as go

    from heatcalc.present.plots import TEMPLATE

    ok = [r for r in rows if r.get("status") == "ok" and r["option"] != "baseline"]
    names = [choice_label("option", r["option"], L) for r in ok]
    loads = [float(r.get("P_el_kW") or 0.0) for r in ok]
    colours = ["#4C78A8" if (grid_kW is None or v <= float(grid_kW)) else "#D62728" for v in loads]
    fig = go.Figure(go.Bar(y=names, x=loads, orientation="h", marker_color=colours, name=ui.tr("ax_P_el"),
                           hovertemplate="%{y}: %{x:,.0f} kW<extra></extra>"))
    if grid_kW is not None:
        fig.add_vline(x=float(grid_kW), line=dict(color="#D62728", dash="dash", width=2),
                      annotation_text=f"{ui.tr('grid_limit')} {ui.num(grid_kW, 0)} kW", annotation_position="top")
    title = ui.tr("chart_load") + ("" if grid_kW is not None else f" · {ui.tr('no_grid_limit')}")
    fig.update_layout(template=TEMPLATE, title=dict(text=title), height=130 + 34 * max(len(ok), 1),
                      margin=dict(l=60, r=20, t=50, b=40), yaxis=dict(autorange="reversed", automargin=True),
                      xaxis=dict(tickformat="~s", rangemode="tozero"), showlegend=False,
                      separators=",." if L == "nl" else ".,")
    return fig


def show_warnings(rows: list[dict]) -> None:
    """The notes and warnings: those every feasible option carries once, then one box per option."""
    st.markdown(f"**{ui.tr('section_warnings')}**")
    # Notes every feasible option carries (default prices used, ...) are shown once;
    # each option's own warnings follow in one box per option, physics before economics.
    sets = [set(r.get("warnings") or []) for r in rows if r["status"] == "ok"]
    common = set.intersection(*sets) if len(sets) > 1 else set()
    if common:
        first = next(r for r in rows if r["status"] == "ok")
        st.info(f"**{ui.tr('notes_all')}**\n" + "\n".join(f"- {_note(w)}" for w in first["warnings"]
                                                          if w in common))
    boxes = []
    for r in rows:
        name = choice_label("option", r["option"], L)
        if r["status"] != "ok":
            why = ui.tr_plain("infeasible_because", message=r.get("message") or "")
            boxes.append((st.info, f"**{name}** — {why}"))
            continue
        own = [w for w in r.get("warnings") or [] if w not in common]
        physics = [w for w in own if not w.startswith(ECON)]
        money = [w for w in own if w.startswith(ECON)]
        if own:
            boxes.append((st.warning if physics else st.info,
                          f"**{name}**\n" + "\n".join(f"- {_note(w)}" for w in physics + money)))
    grid = st.columns(2)
    for i, (kind, text) in enumerate(boxes):
        with grid[i % 2]:
            kind(text)
    if not boxes and not common:
        st.caption(ui.tr("no_warnings"))


# ---------------------------------------------------------------------------------------
# results
case = ui.case_dict()
result = None
with col_out:
    st.subheader(ui.tr("section_results"))
    with ui.Timer() as timer:
        try:
            result = ui.evaluate(case)
            st.session_state["_qs_last_ok"] = case
        except ui.HeatCalcError as exc:
            message = str(exc)
            st.error(ui.tr_plain("input_error", message=message))
            bad = next((f for f in errors_at if f in message), None)
            if bad:
                errors_at[bad].error(ui.plain(message))
        except Exception as exc:  # noqa: BLE001
            ui.log.exception("quick scan: evaluate failed")
            st.error(ui.tr("unexpected_error", kind=f"evaluate: {type(exc).__name__}"))
    if result is None and st.session_state.get("_qs_last_ok") is not None:
        # one conflicting input explains itself above; the rest of the page keeps the last valid results
        try:
            result = ui.evaluate(st.session_state["_qs_last_ok"])
            st.caption(ui.tr("last_valid_results"))
        except Exception:  # noqa: BLE001 - the last valid case no longer evaluates (data changed)
            result = None

    if result is not None:
        rows = result.rows
        ok_opts = [r["option"] for r in rows if r["option"] != "baseline" and r["status"] == "ok"]
        best = result.best
        if best is not None:
            st.session_state["_qs_best_P_el_kW"] = best.get("P_el_kW")
        choices = (["best"] if best is not None else []) + ok_opts
        if st.session_state.get("qs_focus") not in choices and choices:
            st.session_state["qs_focus"] = choices[0]
        if best is None:
            st.warning(ui.tr("no_best_fit") if ok_opts else ui.tr("no_best"))
        elif isinstance(best.get("npv_EUR"), (int, float)) and best["npv_EUR"] < 0:  # the best still loses money
            st.warning(ui.tr("best_negative_npv", npv=ui.num(best["npv_EUR"])))

        # texts bound now: Streamlit may call format_func outside the script run
        focus_labels = {o: choice_label("option", o, L) for o in ok_opts}
        if best is not None:
            focus_labels["best"] = f"★ {ui.tr('best_option')} ({choice_label('option', best['option'], L)})"

        def _k(x):
            """€ → k€ for the metric (the label says k€/yr)."""
            try:
                return float(x) / 1000.0
            except (TypeError, ValueError):
                return None

        focus = st.selectbox(ui.tr("metrics_for"), choices, key="qs_focus", format_func=focus_labels.get) \
            if choices else None
        row = best if focus == "best" else (result.row(focus) if focus else None)
        if row is not None:
            values = {
                "metric_cop": (row.get("cop"), 2, "normal"),
                "metric_p_el": (row.get("P_el_kW"), 0, "inverse"),
                "metric_co2_saved": (row.get("co2_saved_t_per_yr"), 0, "normal"),
                "metric_nox_saved": (row.get("nox_saved_kg_per_yr"), 0, "normal"),
                "metric_saving": (_k(row.get("saving_EUR_per_yr")), 0, "normal"),
                "metric_payback": (row.get("payback_yr"), 1, "inverse"),
            }
            shown = {k: ui.num(v, d) for k, (v, d, _) in values.items()}
            # deltas: against the last different figures of the same option (kept across idle reruns)
            hist = st.session_state.setdefault("_qs_hist", {})
            if hist.get("option") != row["option"]:
                hist["base"] = None
            elif hist.get("shown") != shown:
                hist["base"] = hist.get("values")
            hist.update(option=row["option"], shown=shown, values={k: v[0] for k, v in values.items()})
            before_vals = hist.get("base")
            # two rows of three: six metrics in one row cut their labels ("Electrical lo...") at common widths
            cols = [c for _ in range(2) for c in st.columns(3)]
            for col, (key, (v, d, colour)) in zip(cols, values.items()):
                delta = None
                if before_vals and key in before_vals:
                    try:
                        dv = float(v) - float(before_vals[key])
                        if math.isfinite(dv) and abs(dv) >= 0.5 * 10 ** -d:
                            delta = ("+" if dv > 0 else "") + ui.num(dv, d)
                    except (TypeError, ValueError):
                        delta = None
                col.metric(ui.tr(key), shown[key], delta=delta, delta_color=colour)
            st.caption(f"{choice_label('option', row['option'], L)}"
                       + (f" · {ui.plain(row['refrigerant'])}" if row.get("refrigerant") else "")
                       + f" · {ui.tr('metric_fits_grid')}: {ui.tr('yes') if row.get('fits_grid') else ui.tr('no')}"
                       + f" · {ui.tr('compute_time', ms=timer.ms) if timer.ms >= 5 else ui.tr('from_cache')}")
            line = connection_line(row)
            if line:
                st.caption(line)

        st.markdown(f"**{ui.tr('section_compare')}**")
        with ui.guard("charts"):
            from heatcalc.present import plots

            g1, g2 = st.columns(2)
            g1.plotly_chart(plots.cost_split_figure(rows, L), width="stretch", key="qs_cost")
            g2.plotly_chart(plots.co2_split_figure(rows, L), width="stretch", key="qs_co2")
            # the load of each option against the grid limit, the full width (long option names stay readable)
            st.plotly_chart(load_figure(rows, case.get("grid_capacity_kW")), width="stretch", key="qs_load")

        with ui.guard("table"):
            # the figures a decision needs, in a static table that wraps instead of scrolling ...
            main_cols = ["option", "cop", "P_el_kW", "fits_grid", "co2_saved_t_per_yr", "nox_saved_kg_per_yr",
                         "saving_EUR_per_yr", "npv_EUR", "payback_yr"]
            st.table(option_table(rows, main_cols))
            st.caption(ui.tr("qs_table_caption"))
            # ... every column on demand, and both as downloads (formula-safe: heatcalc.batch.writers)
            with st.expander(ui.tr("qs_details")):
                full = option_table(rows, DETAIL_COLS)
                config = {c: st.column_config.TextColumn(c) for c in full.columns}
                st.dataframe(full, hide_index=True, column_config=config, width="stretch", key="qs_table")
            with ui.guard("export"):
                from heatcalc.batch.writers import csv_download_bytes, xlsx_download_bytes

                export = export_table(rows)
                stem = ui.safe_file_stem(case.get("case_id") or "case")
                e1, e2 = st.columns(2)
                e1.download_button(ui.tr("qs_export_csv"),
                                   csv_download_bytes(export, sep=";" if L == "nl" else ",",
                                                      decimal="," if L == "nl" else ".", bom=True),
                                   file_name=f"{stem}_options.csv", mime="text/csv", key="qs_export_csv")
                e2.download_button(ui.tr("qs_export_xlsx"), xlsx_download_bytes(export),
                                   file_name=f"{stem}_options.xlsx", key="qs_export_xlsx",
                                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# ---------------------------------------------------------------------------------------
# scenarios: the current inputs saved as A, B, C and compared side by side
with col_out, st.container(key="scenarios"):
    st.subheader(ui.tr("sc_section"))
    st.caption(ui.tr("sc_intro"))
    saved = ui.scenarios()
    slots = st.columns(len(ui.SCENARIO_NAMES))
    for slot, name in zip(slots, ui.SCENARIO_NAMES):
        with slot:
            if name in saved:
                slot.button(ui.tr("sc_replace", name=name), key=f"sc_save_{name}", on_click=ui.save_scenario,
                            args=(name,), disabled=result is None, width="stretch")
                slot.button(ui.tr("sc_restore", name=name), key=f"sc_restore_{name}",
                            on_click=ui.restore_scenario, args=(name,), width="stretch")
                slot.button(ui.tr("sc_remove", name=name), key=f"sc_remove_{name}", on_click=ui.remove_scenario,
                            args=(name,), width="stretch")
            else:
                slot.button(ui.tr("sc_save", name=name), key=f"sc_save_{name}", on_click=ui.save_scenario,
                            args=(name,), disabled=result is None, type="primary", width="stretch")
    if msg := st.session_state.pop("_sc_msg", None):
        st.toast(msg)
    if not saved:
        st.caption(ui.tr("sc_none"))
    else:
        # the view depends on the saved scenarios and the language only, not on the current inputs: built once
        # per change of either and kept for the reruns of slider moves
        view_key = json.dumps({n: sc["case"] for n, sc in saved.items()}, sort_keys=True, default=str) + L
        held = st.session_state.get("_sc_view")
        if held is None or held[0] != view_key:
            failed, sc_results, sc_cases = [], {}, {}
            for name, sc in saved.items():
                try:
                    sc_results[name] = ui.evaluate(sc["case"])
                    sc_cases[name] = sc["case"]
                except ui.HeatCalcError as exc:
                    failed.append(ui.tr_plain("sc_failed", name=name, message=str(exc)))
                except Exception as exc:  # noqa: BLE001 - never a traceback to users
                    ui.log.exception("quick scan: scenario %s failed", name)
                    failed.append(ui.tr("unexpected_error", kind=f"scenario {name}: {type(exc).__name__}"))
            view = None
            if sc_results:
                with ui.guard("scenarios"):
                    figures, differs, sc_inputs = ui.scenario_tables(sc_results, sc_cases, L)
                    highlight = "background-color: #FFE8CC; font-weight: 600"
                    styled = figures.style.apply(lambda _: differs.map(lambda d: highlight if d else ""), axis=None)
                    view = (next(iter(sc_results)), styled, sc_inputs, *ui.scenario_figures(sc_results, L))
            held = st.session_state["_sc_view"] = (view_key, failed, view)
        _, failed, view = held
        for text in failed:
            st.warning(text)
        if view is not None:
            first, styled, sc_inputs, cost_fig, co2_fig = view
            st.markdown(f"**{ui.tr('sc_figures', first=first)}**")
            st.table(styled)
            st.markdown(f"**{ui.tr('sc_inputs')}**")
            if sc_inputs.empty:
                st.caption(ui.tr("sc_same_inputs"))
            else:
                st.table(sc_inputs)
            s1, s2 = st.columns(2)
            s1.plotly_chart(cost_fig, width="stretch", key="sc_cost")
            s2.plotly_chart(co2_fig, width="stretch", key="sc_co2")

# the notes and warnings last: long lists, read once
if result is not None:
    with col_out:
        show_warnings(result.rows)

# ---------------------------------------------------------------------------------------
# save and share
side.divider()
payload = dumps(result.to_dict(), indent=2) if result is not None else dumps({"case": case}, indent=2)
side.download_button(ui.tr("save_case"), payload, file_name=f"{case.get('case_id') or 'case'}.json",
                     mime="application/json", help=ui.tr("save_case_help"), key="qs_save")
params = ui.share_params()  # the user's inputs: what the evaluation derived (e.g. ets_installation) stays derived
ui.sync_query_params(params)
side.markdown(f"**{ui.tr('share_link')}**", help=ui.tr("share_help"))
side.code(ui.share_url(params), language=None, wrap_lines=True)
# server time of this run, from the start of the script to the last element (benchmarks/bench_app.py)
st.session_state["_qs_server_ms"] = ui.run_ms()
