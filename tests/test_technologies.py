"""Golden cases for the energy and CO2 arithmetic of the non-heat-pump options.

Every expected number is written out from the documented constants below, not
taken from the code under test.
"""
import math

import pytest

from heatcalc import options as t
from heatcalc.case import Case

REL = 1e-9
# Documented constants (data/emission_factors.csv, data/process_figures.csv, CONTRACTS.md):
HHV_MJ_PER_M3 = 35.17
LHV_MJ_PER_M3 = 31.65
EF_GAS_KG_PER_GJ_LHV = 56.4
EF_GRID_T_PER_MWH = 0.300
ETA_EBOILER = 0.99
CHP_ETA_EL = 0.40
CALCINATION_T_PER_T = 0.785
LIME_GJ_PER_T = 3.4


def heat_case(**kw):
    base = dict(case_id="g", heat_demand_kW=3000, operating_hours_per_yr=6000, T_sink_in_C=70, T_sink_out_C=95,
                T_source_in_C=35, eta_baseline=0.92)
    base.update(kw)
    return Case.from_dict(base)


def test_gas_boiler_baseline_arithmetic():
    f = t.baseline(heat_case())
    heat = 3000 * 6000 / 1000                      # 18,000 MWh
    fuel_lhv = heat / 0.92                          # MWh LHV
    fuel_hhv = fuel_lhv * HHV_MJ_PER_M3 / LHV_MJ_PER_M3
    m3 = fuel_lhv * 3600 / LHV_MJ_PER_M3
    co2 = fuel_lhv * 3.6 * EF_GAS_KG_PER_GJ_LHV / 1000
    assert f.heat_delivered_MWh_per_yr == pytest.approx(heat, rel=REL)
    assert f.fuel_MWh_per_yr == pytest.approx(fuel_hhv, rel=REL)
    assert f.gas_m3_per_yr == pytest.approx(m3, rel=REL)
    assert f.co2_fuel_t_per_yr == pytest.approx(co2, rel=REL)
    assert f.P_el_kW == 0 and f.E_el_MWh_per_yr == 0


def test_chp_baseline_makes_power_that_options_must_buy():
    case = heat_case(baseline="gas_chp", eta_baseline=0.50)
    b = t.baseline(case)
    fuel_lhv = 18000 / 0.50
    e_gen = fuel_lhv * CHP_ETA_EL                   # 14,400 MWh of power
    assert b.E_el_MWh_per_yr == pytest.approx(-e_gen, rel=REL)
    assert b.co2_grid_t_per_yr == pytest.approx(-e_gen * EF_GRID_T_PER_MWH, rel=REL)
    e = t.e_boiler(case)
    p_own = 3000 / ETA_EBOILER
    p_chp = 3000 / 0.50 * CHP_ETA_EL                # 2,400 kW the CHP no longer makes
    assert e.P_el_kW == pytest.approx(p_own + p_chp, rel=REL)
    assert e.E_el_MWh_per_yr == pytest.approx(p_own * 6000 / 1000, rel=REL)
    saved = b.co2_t_per_yr - e.co2_t_per_yr
    expected = fuel_lhv * 3.6 * EF_GAS_KG_PER_GJ_LHV / 1000 - e_gen * EF_GRID_T_PER_MWH \
        - p_own * 6 * EF_GRID_T_PER_MWH
    assert saved == pytest.approx(expected, rel=1e-9)
    assert "power" in b.message


def test_e_boiler_arithmetic_and_limit():
    e = t.e_boiler(heat_case())
    assert e.cop == pytest.approx(ETA_EBOILER)
    assert e.E_el_MWh_per_yr == pytest.approx(18000 / ETA_EBOILER, rel=REL)
    assert e.co2_grid_t_per_yr == pytest.approx(18000 / ETA_EBOILER * EF_GRID_T_PER_MWH, rel=REL)
    assert e.fuel_MWh_per_yr == 0 and e.heat_backup_MWh_per_yr == 0
    hot = t.e_boiler(heat_case(T_sink_in_C=300, T_sink_out_C=400, sink_medium="thermal_oil"))
    assert hot.status == "infeasible" and "350" in hot.message


def test_hybrid_boiler_default_and_case_share():
    h = t.hybrid_boiler(heat_case())
    assert h.details["electric_share"] == pytest.approx(0.5)
    assert h.heat_backup_MWh_per_yr == pytest.approx(9000, rel=REL)
    h2 = t.hybrid_boiler(heat_case(electrified_share=0.3))
    assert h2.P_el_kW == pytest.approx(0.3 * 3000 / ETA_EBOILER, rel=REL)
    fuel_lhv = 0.7 * 18000 / 0.92
    assert h2.gas_m3_per_yr == pytest.approx(fuel_lhv * 3600 / LHV_MJ_PER_M3, rel=REL)


def test_lime_kiln_keeps_calcination_co2():
    case = Case.from_dict(dict(case_id="k", process="lime_kiln", production_t_per_yr=30000,
                               operating_hours_per_yr=8000))
    b = t.baseline(case)
    fuel_lhv = 30000 * LIME_GJ_PER_T / 3.6
    assert b.heat_delivered_MWh_per_yr == pytest.approx(fuel_lhv, rel=REL)
    assert b.co2_process_t_per_yr == pytest.approx(30000 * CALCINATION_T_PER_T, rel=REL)
    e = t.electric_kiln(case)
    assert e.co2_process_t_per_yr == pytest.approx(b.co2_process_t_per_yr)
    assert e.fuel_MWh_per_yr == 0
    assert e.P_el_kW == pytest.approx(fuel_lhv * 1000 / 8000, rel=REL)
    assert any("carbonatation" in w for w in e.warnings)
    h = t.hybrid_kiln(case)
    assert h.details["electric_share"] == pytest.approx(0.5)


@pytest.mark.parametrize("func, process", [
    (t.e_boiler, "lime_kiln"), (t.hybrid_boiler, "glass_furnace"),
    (t.electric_kiln, "heat"), (t.hybrid_kiln, "dryer"),
])
def test_options_outside_their_process_are_infeasible(func, process):
    if process in ("lime_kiln", "glass_furnace"):
        case = Case.from_dict(dict(case_id="x", process=process, production_t_per_yr=1000))
    else:
        case = Case.from_dict(dict(case_id="x", process=process, heat_demand_kW=100, T_sink_in_C=20,
                                   T_sink_out_C=60))
    f = func(case)
    assert f.status == "infeasible" and process in f.message


def test_glass_furnace_electric_ratio_from_isover_figures():
    case = Case.from_dict(dict(case_id="g", process="glass_furnace", production_t_per_yr=60000,
                               operating_hours_per_yr=8600, electrified_share=0.5))
    b, h = t.baseline(case), t.hybrid_kiln(case)
    # Isover: gas -55 %, total energy -26 % at 50 % electric => electricity = 0.29 of old energy for 0.55 gas
    ratio = (1 - 0.26 - 0.45) / 0.55
    fuel = b.heat_delivered_MWh_per_yr
    assert h.E_el_MWh_per_yr == pytest.approx(0.5 * fuel * round(ratio, 2), rel=1e-9)
    assert math.isclose(h.co2_process_t_per_yr, b.co2_process_t_per_yr)


def test_marginal_grid_factor_and_chp_efficiency_override():
    avg = t.e_boiler(heat_case())
    marg = t.e_boiler(heat_case(grid_factor="marginal"))
    assert marg.co2_grid_t_per_yr == pytest.approx(avg.co2_grid_t_per_yr * 0.38 / EF_GRID_T_PER_MWH, rel=REL)
    b = t.baseline(heat_case(baseline="gas_chp", eta_baseline=0.5, chp_eta_el=0.30))
    assert b.E_el_MWh_per_yr == pytest.approx(-18000 / 0.5 * 0.30, rel=REL)
