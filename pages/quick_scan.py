"""Quick scan — the first page: one case, what-if sliders, all options compared."""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from heatcalc.case import PROCESSES, SINK_MEDIA, SOURCE_MEDIA, options_for_process
from heatcalc.core.jsonutil import dumps
from heatcalc.present.i18n import choice_label, column_label, field_label, t
from pages import _shared as ui

L = ui.lang()
inputs = ui.case_inputs()
#: Prefix of the notes the economics adds to the warnings.
ECON = "economics: "


def _note(w: str) -> str:
    """A warning for display: economics notes marked in italics, in the session's language."""
    return f"*{ui.tr('notes_economics')}:* {ui.plain(w[len(ECON):])}" if w.startswith(ECON) else ui.plain(w)


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
        st.caption(ui.tr("quotes_caption"))
        q1, q2 = st.columns(2)
        for o in [o for o in (st.session_state.get(ui._key("options")) or allowed) if o in allowed]:
            ui.number_field(f"capex_{o}_EUR", step=10000.0, optional=True, container=q1,
                            placeholder=ui.tr("quote_curve"))
            ui.number_field(f"om_{o}_EUR_per_yr", step=1000.0, optional=True, container=q2,
                            placeholder=ui.tr("quote_curve"))

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
            cols = st.columns(len(values))
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

        st.markdown(f"**{ui.tr('section_compare')}**")
        with ui.guard("charts"):
            from heatcalc.present import plots

            g1, g2 = st.columns(2)
            g1.plotly_chart(plots.cost_split_figure(rows, L), width="stretch", key="qs_cost")
            g2.plotly_chart(plots.co2_split_figure(rows, L), width="stretch", key="qs_co2")

        with ui.guard("table"):
            cols = ["option", "status", "cop", "P_el_kW", "E_el_MWh_per_yr", "gas_m3_per_yr", "co2_t_per_yr",
                    "co2_saved_t_per_yr", "opex_EUR_per_yr", "saving_EUR_per_yr", "capex_EUR", "npv_EUR",
                    "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t", "fits_grid", "refrigerant"]
            df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows])
            df["option"] = [("★ " if r.get("best") else "") + choice_label("option", r["option"], L) for r in rows]
            df["status"] = [choice_label("status", s, L) for s in df["status"]]
            df["fits_grid"] = [ui.tr("yes") if (r["status"] == "ok" and r.get("fits_grid")) else
                               (ui.tr("no") if r["status"] == "ok" else "–") for r in rows]
            df["refrigerant"] = df["refrigerant"].fillna("–")
            decimals = {"cop": 2, "payback_yr": 1}
            num_cols = [c for c in cols if c not in ("option", "status", "fits_grid", "refrigerant")]
            # numbers as text in the session's language ("–" where an option has none): a handful
            # of rows, and a styled frame would cost more server time than the whole table
            for c in num_cols:
                df[c] = [ui.num(v, decimals.get(c, 0)) for v in pd.to_numeric(df[c], errors="coerce")]
            config = {c: st.column_config.TextColumn(column_label(c, L), alignment="right") for c in num_cols}
            config.update({c: st.column_config.TextColumn(column_label(c, L)) for c in
                           ("option", "status", "fits_grid", "refrigerant")})
            st.dataframe(df, hide_index=True, column_config=config, width="stretch", key="qs_table")

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
