"""Figure builders of heatcalc.present.plots and the texts of heatcalc.present.i18n."""
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from heatcalc.core.units import C_to_K, K_to_C
from heatcalc.present import i18n, plots
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.fluids import get_fluid

#: Tolerance when comparing temperatures read back from drawn curves [K].
T_ATOL_K = 1e-6
#: Tolerance of enthalpies read back from drawn curves [kJ/kg].
H_ATOL_KJ_PER_KG = 1e-6


@pytest.fixture(scope="module")
def cycle():
    return single_stage("R1233zd(E)", C_to_K(60), C_to_K(130))


@pytest.fixture(scope="module")
def cycle_ihx():
    return single_stage("R1233zd(E)", C_to_K(60), C_to_K(130), ihx_effectiveness=0.5)


ROWS = [
    {"option": "baseline", "status": "ok", "opex_commodity_EUR_per_yr": 100.0, "opex_energy_tax_EUR_per_yr": 20.0,
     "opex_network_EUR_per_yr": 0.0, "opex_co2_EUR_per_yr": 30.0, "opex_om_EUR_per_yr": 5.0,
     "co2_fuel_t_per_yr": 400.0, "co2_process_t_per_yr": 0.0, "co2_grid_t_per_yr": -50.0, "best": False},
    {"option": "heat_pump", "status": "ok", "opex_commodity_EUR_per_yr": 60.0, "opex_energy_tax_EUR_per_yr": 10.0,
     "opex_network_EUR_per_yr": 15.0, "opex_co2_EUR_per_yr": 0.0, "opex_om_EUR_per_yr": 8.0,
     "co2_fuel_t_per_yr": 0.0, "co2_process_t_per_yr": 0.0, "co2_grid_t_per_yr": 120.0, "best": True},
    {"option": "mvr", "status": "infeasible", "message": "no vapour"},
]


def test_cost_split_stacks_every_part_of_feasible_options_only():
    fig = plots.cost_split_figure(ROWS, "en")
    assert isinstance(fig, go.Figure)
    assert fig.layout.barmode == "relative"
    names = [tr.name for tr in fig.data]
    assert names == ["Commodity", "Energy tax", "Network", "CO2", "Maintenance"]
    for tr, part in zip(fig.data, plots.COST_PARTS):
        assert tr.orientation == "h"
        assert list(tr.y) == ["Baseline (gas)", "★ Heat pump"]  # infeasible MVR left out, best starred
        assert list(tr.x) == [ROWS[0][part], ROWS[1][part]]
    # the stacks add up to the rows' totals
    totals = np.sum([tr.x for tr in fig.data], axis=0)
    assert totals.tolist() == [155.0, 93.0]


def test_co2_split_has_scope1_process_grid_and_keeps_negative_credit():
    fig = plots.co2_split_figure(pd.DataFrame(ROWS), "nl")
    assert [tr.name for tr in fig.data] == ["Scope 1 (brandstof)", "Proces", "Netstroom"]
    assert fig.data[2].x[0] == -50.0
    assert "CO2-uitstoot [t/jr]" in fig.layout.title.text


def test_saturation_dome_is_the_fluids_saturation_line():
    dome = plots.saturation_dome("R1233zd(E)", C_to_K(20))
    fl = get_fluid("R1233zd(E)")
    i = len(dome["T_C"]) // 2
    liq = fl.state_Tq(C_to_K(dome["T_C"][i]), 0.0)
    assert dome["h_liq_kJ_per_kg"][i] == pytest.approx(liq.h_J_per_kg / 1e3, abs=H_ATOL_KJ_PER_KG)
    assert np.all(dome["h_vap_kJ_per_kg"] > dome["h_liq_kJ_per_kg"])
    assert dome["T_C"][-1] < dome["T_crit_C"]
    assert dome["T_C"][-1] == pytest.approx(dome["T_crit_C"], abs=0.5)


def test_cycle_path_passes_through_every_state_and_follows_isobars(cycle):
    path = plots.cycle_path(cycle, n=15)
    h = path["h_kJ_per_kg"]
    for s in cycle.states:
        assert np.nanmin(np.abs(h - s.h_J_per_kg / 1e3)) < H_ATOL_KJ_PER_KG
    # condenser segment: constant pressure, temperature reaches the condensing temperature
    cond = np.isclose(path["p_bar"], cycle.p_cond_Pa / 1e5)
    assert np.nanmax(np.abs(path["T_C"][cond] - K_to_C(cycle.T_cond_K))) > 0  # not all at T_cond (superheat)
    assert np.nanmin(np.abs(path["T_C"][cond] - K_to_C(cycle.T_cond_K))) < 1e-3


def test_ph_and_ts_diagrams_draw_dome_cycle_and_states(cycle_ihx):
    ph = plots.ph_diagram(cycle_ihx, "en")
    ts = plots.ts_diagram(cycle_ihx, "nl")
    assert ph.layout.yaxis.type == "log"
    assert "[bar]" in ph.layout.yaxis.title.text and "[kJ/kg]" in ph.layout.xaxis.title.text
    assert "[°C]" in ts.layout.yaxis.title.text
    markers = [tr for tr in ph.data if tr.mode == "markers+text"][0]
    assert list(markers.text) == ["1", "2", "3", "4", "5", "6"]
    assert len(ph.data) == 3 and len(ts.data) == 3


def test_cascade_is_drawn_with_both_fluids_domes():
    from heatcalc.thermo.multistage import cascade

    r = cascade("IsoButane", "R1233zd(E)", C_to_K(10), C_to_K(130))
    fig = plots.ph_diagram(r)
    names = [tr.name for tr in fig.data if tr.name]
    assert any("IsoButane" in n for n in names) and any("R1233zd(E)" in n for n in names)


def test_condenser_tq_pinch_is_smallest_difference(cycle):
    c = plots.cycle_tq_curves(cycle, "condenser", 90.0, 125.0, 1000.0)
    dT = c["T_refrigerant_C"] - c["T_stream_C"]
    Qp, Th, Tc, dTp = c["pinch"]
    assert dTp == pytest.approx(dT.min())
    assert Th - Tc == pytest.approx(dTp)
    assert c["Q_kW"][0] == 0 and c["Q_kW"][-1] == pytest.approx(1000.0)
    # the pinch of a condensing refrigerant against a heated stream sits at the dew point, at T_cond
    assert Th == pytest.approx(K_to_C(cycle.T_cond_K), abs=0.05)


def test_evaporator_tq_uses_the_energy_balance(cycle):
    c = plots.cycle_tq_curves(cycle, "evaporator", 70.0, 65.0, 1000.0)
    assert c["Q_kW"][-1] == pytest.approx(1000.0 * cycle.q_evap_J_per_kg / cycle.q_cond_J_per_kg)
    assert c["pinch"][3] == pytest.approx(5.0, abs=1e-6)  # T_source_out 65 °C − T_evap 60 °C
    with pytest.raises(ValueError, match="condenser or evaporator"):
        plots.cycle_tq_curves(cycle, "gas cooler", 70.0, 65.0, 1000.0)


def test_tq_figure_marks_a_crossing_in_red():
    Q = np.linspace(0, 100, 5)
    fig = plots.tq_figure([dict(name="hot", Q_kW=Q, T_C=Q * 0 + 50), dict(name="cold", Q_kW=Q, T_C=Q)],
                          plots.pinch_of(Q, Q * 0 + 50, Q), "x")
    pinch_trace = fig.data[-1]
    assert pinch_trace.line.color == "#D62728"
    assert "Pinch -50.0 K" in pinch_trace.name


def test_hourly_figures():
    n = 48
    df = pd.DataFrame({"heat_demand_kW": np.full(n, 100.0), "heat_hp_kW": np.full(n, 70.0),
                       "heat_gas_kW": np.full(n, 30.0), "storage_kWh": np.linspace(0, 50, n)})
    fig = plots.dispatch_figure(df)
    assert [tr.name for tr in fig.data] == ["Heat pump", "Gas", "Demand"]
    ldc = plots.load_duration_figure(np.arange(n), 30.0)
    assert list(ldc.data[0].y[:3]) == [47, 46, 45]
    assert any("30 kW" in a.text for a in ldc.layout.annotations)
    assert plots.storage_figure(df).data[0].y[-1] == 50.0
    sweep = plots.sweep_figure(pd.DataFrame({"storage_kWh": [0, 1], "co2_saved_t_per_yr": [1, 2]}), "storage_kWh",
                               ["co2_saved_t_per_yr"])
    assert sweep.data[0].name == "CO2 saved [t/yr]"


def test_tornado_sorted_by_swing():
    fig = plots.tornado_figure([{"name": "a", "low": 9, "high": 11}, {"name": "b", "low": 0, "high": 30}], 10.0,
                               "NPV [€]")
    assert list(fig.data[0].y) == ["a", "b"]  # largest swing on top (plotly draws bottom-up)
    assert fig.data[1].x[1] == 20.0


# ---------------------------------------------------------------------------------------
# i18n
def test_every_text_has_both_languages():
    assert i18n.missing_translations() == []


def test_labels_carry_units_and_the_contract_label():
    assert i18n.field_label("T_sink_out_C", "en") == "Sink outlet temperature [°C]"
    assert i18n.field_label("heat_demand_kW", "nl") == "Warmtevraag [kW]"
    assert i18n.field_label("operating_hours_per_yr", "nl").endswith("[h/jr]")
    assert i18n.field_label("eta_is") .endswith("[-]")
    assert "COP" in i18n.t("metric_cop", "en") and "COP" in i18n.t("metric_cop", "nl")
    for key in ("metric_p_el", "metric_co2_saved", "metric_saving", "metric_payback"):
        assert "[" in i18n.t(key, "en") and "[" in i18n.t(key, "nl")


def test_help_names_default_origin_and_valid_range():
    h = i18n.field_help("price_gas_EUR_per_MWh", "en", default="43 €/MWh HHV", origin="S32, 2025")
    assert "Default: 43 €/MWh HHV — S32, 2025." in h
    assert "Valid: 0 to 1000 €/MWh." in h


def test_unknown_language_and_key_fall_back():
    assert i18n.t("metric_cop", "fr") == "COP [-]"
    assert i18n.t("no_such_key", "nl") == "no_such_key"


@pytest.mark.parametrize("x,d,lang,text", [(1234.5, 1, "en", "1,234.5"), (1234.5, 1, "nl", "1.234,5"),
                                           (-0.04, 1, "en", "0.0"), (math.nan, 2, "en", "–"), (None, 0, "nl", "–"),
                                           (math.inf, 0, "en", "–")])
def test_fmt_number_round_trips(x, d, lang, text):
    assert i18n.fmt_number(x, d, lang) == text
    if text != "–":
        assert i18n.parse_number(text, lang) == pytest.approx(round(x, d), abs=1e-12)


def test_design_tq_figure_scales_heat_and_marks_pinch_and_zones():
    from heatcalc.thermo.pinch import design
    from heatcalc.thermo.streams import sink_stream, source_stream

    d = design(sink_stream("water", C_to_K(70), C_to_K(95)), source_stream("water", C_to_K(35), C_to_K(28)),
               "R1234ze(Z)")
    fig = plots.design_tq_figure(d.condenser, 3000.0, "cond")
    ref = fig.data[0]
    assert ref.x[-1] == pytest.approx(3000.0)
    pinch = fig.data[-1]
    assert pinch.y[1] - pinch.y[0] == pytest.approx(d.condenser.pinch_dT_K, abs=1e-9)
    assert d.condenser.pinch_dT_K == pytest.approx(5.0, abs=0.05)  # the design's pinch is dT_min
    assert len(fig.layout.shapes) == len(d.condenser.zones) - 1
    ev = plots.design_tq_figure(d.evaporator, None, "evap")
    assert ev.data[-1].y[1] > ev.data[-1].y[0]  # hot side (source) above the refrigerant
