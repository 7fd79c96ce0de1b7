"""MVR of water vapour and the steam-generating heat pump: energy balances, published
sanity figures (tests/data/reference_mvr_figures.csv) and physical laws."""
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError
from heatcalc.core.units import J_PER_KJ, C_to_K, K_to_C, bar_to_Pa
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.fluids import get_fluid
from heatcalc.thermo.multistage import CompositeCycleResult
from heatcalc.thermo.mvr import mvr, mvr_limits, steam_generating_hp

DATA = Path(__file__).parent / "data"
BALANCE_RTOL = 1e-12           # energy balances to machine precision
#: Assumed machine efficiencies for the comparisons with the published MVR figures.
ETA_IS_MVR = 0.75
ETA_MOTOR_MVR = 0.95


def _ref():
    with open(DATA / "reference_mvr_figures.csv", newline="") as fh:
        return {r["quantity"]: r for r in csv.DictReader(fh)}


REF = _ref()


def _band(q):
    r = REF[q]
    return float(r["low"]), (float(r["high"]) if r["high"] else None)


def _water():
    return get_fluid("Water")


@pytest.mark.parametrize("n_stages, T_inj_C", [(1, None), (3, None), (3, 40.0), (2, 20.0)])
def test_energy_balance_with_injection(n_stages, T_inj_C):
    r = mvr(C_to_K(80), C_to_K(130), eta_is=0.75, n_stages=n_stages,
            T_injection_K=None if T_inj_C is None else C_to_K(T_inj_C))
    x = r.extra
    h_suction = r.states[0].h_J_per_kg
    W = r.w_comp_J_per_kg * x["delivered_t_per_t_suction"]
    H_inj = x["injected_enthalpy_kJ_per_kg_suction"] * J_PER_KJ
    h_out = _water().state_pq(r.p_cond_Pa, 1.0).h_J_per_kg
    # In: suction vapour + work + injected water; out: saturated vapour at discharge pressure.
    assert h_suction + W + H_inj == pytest.approx(x["delivered_t_per_t_suction"] * h_out, rel=BALANCE_RTOL)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    assert x["water_injected_t_per_t_suction"] == pytest.approx(
        sum(s["water_injected_t_per_t_suction"] for s in x["stages"]), rel=1e-12)
    assert x["pressure_ratio_per_stage"] ** n_stages == pytest.approx(r.pressure_ratio, rel=1e-12)
    assert len(x["t_discharge_stages_C"]) == n_stages
    assert r.cop_heating == pytest.approx(x["q_kWh_per_t_suction"] / x["e_el_kWh_per_t_suction"], rel=1e-12)


def test_colder_injection_water_takes_up_more_superheat_per_kg():
    sat = mvr(C_to_K(80), C_to_K(110), eta_is=0.75)
    cold = mvr(C_to_K(80), C_to_K(110), eta_is=0.75, T_injection_K=C_to_K(20))
    # m_inj = (h_dis - h_g) / (h_g - h_inj): colder water absorbs more per kg, so less is needed and
    # less vapour (heat) is delivered for the same work.
    assert 0 < cold.extra["water_injected_t_per_t_suction"] < sat.extra["water_injected_t_per_t_suction"]
    assert cold.cop_heating < sat.cop_heating
    assert cold.w_comp_J_per_kg * cold.extra["delivered_t_per_t_suction"] == pytest.approx(
        sat.w_comp_J_per_kg * sat.extra["delivered_t_per_t_suction"], rel=1e-12)  # same compression work


@pytest.mark.parametrize("T_suction_C", [60, 80, 100])
@pytest.mark.parametrize("lift_K", [12, 15])
def test_specific_electricity_matches_evaporator_figure_S60(T_suction_C, lift_K):
    lo, hi = _band("mvr_evaporator_specific_electricity")
    r = mvr(C_to_K(T_suction_C), C_to_K(T_suction_C + lift_K), ETA_IS_MVR, eta_motor=ETA_MOTOR_MVR)
    assert lo <= r.extra["e_el_kWh_per_t_suction"] <= hi


@pytest.mark.parametrize("T_suction_C", [60, 80, 100])
def test_specific_power_matches_large_compressor_figure_S61(T_suction_C):
    lo, hi = _band("mvr_compressor_specific_power")
    r = mvr(C_to_K(T_suction_C), C_to_K(T_suction_C + 15), ETA_IS_MVR, eta_motor=ETA_MOTOR_MVR)
    assert lo <= r.extra["e_el_kWh_per_t_suction"] <= hi


@pytest.mark.parametrize("T_suction_C", [60, 100])
def test_cop_range_of_dutch_factsheet_S62(T_suction_C):
    cop_min, _ = _band("mvr_cop_min")
    cop_high, _ = _band("mvr_cop_high")
    p_s = _water().p_sat_T(C_to_K(T_suction_C))
    for ratio, n in ((3.0, 1), (6.0, 2)):
        r = mvr(p_suction_Pa=p_s, p_discharge_Pa=p_s * ratio, eta_is=ETA_IS_MVR, n_stages=n,
                eta_motor=ETA_MOTOR_MVR)
        assert r.cop_heating > cop_min
        assert not any("above the usual limit" in w for w in r.warnings)
    small = mvr(p_suction_Pa=p_s, p_discharge_Pa=p_s * 2.0, eta_is=ETA_IS_MVR, eta_motor=ETA_MOTOR_MVR)
    assert small.cop_heating >= cop_high


def test_intercooled_stages_need_less_work_than_one_stage():
    one = mvr(C_to_K(100), C_to_K(180), eta_is=0.8)
    three = mvr(C_to_K(100), C_to_K(180), eta_is=0.8, n_stages=3)
    assert three.cop_heating > one.cop_heating
    assert max(three.extra["t_discharge_stages_C"]) < K_to_C(one.T_discharge_K)
    lim = mvr_limits()
    assert any("per stage" in w for w in one.warnings)      # ratio 9.9 in one stage
    assert not any("per stage" in w for w in three.warnings)
    assert any(f"above {lim['mvr_pressure_ratio_total_max']:.0f}" in w for w in three.warnings)
    assert any("discharge temperature" in w for w in one.warnings)


def test_machine_hint_and_vacuum_warning():
    fan = mvr(C_to_K(100), C_to_K(105), eta_is=0.75)
    assert fan.extra["compressor_hint"] == "fan"
    turbo = mvr(C_to_K(60), C_to_K(75), eta_is=0.75)
    assert turbo.extra["compressor_hint"] == "turbo"
    assert any("vacuum" in w for w in turbo.warnings)


def test_without_desuperheating_the_vapour_is_delivered_superheated():
    r = mvr(C_to_K(100), C_to_K(120), eta_is=0.75, n_stages=2, desuperheat=False)
    assert r.extra["water_injected_t_per_t_suction"] == 0.0
    assert any("superheated" in w for w in r.warnings)
    with_inj = mvr(C_to_K(100), C_to_K(120), eta_is=0.75, n_stages=2)
    assert with_inj.cop_heating > r.cop_heating  # intercooling saves work in stage 2


def test_pressure_inputs_equal_temperature_inputs():
    w = _water()
    a = mvr(C_to_K(90), C_to_K(105), eta_is=0.8, superheat_in_K=3.0)
    b = mvr(p_suction_Pa=w.p_sat_T(C_to_K(90)), p_discharge_Pa=w.p_sat_T(C_to_K(105)), eta_is=0.8,
            superheat_in_K=3.0)
    assert a.cop_heating == pytest.approx(b.cop_heating, rel=1e-9)
    assert a.states[0].T_K == pytest.approx(C_to_K(93), abs=1e-9)


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(T_sat_discharge_K=C_to_K(110)), InputError, "exactly one of T_sat_suction_K"),
    (dict(T_sat_suction_K=C_to_K(100), p_suction_Pa=1e5, T_sat_discharge_K=C_to_K(110)), InputError,
     "exactly one"),
    (dict(T_sat_suction_K=C_to_K(100)), InputError, "exactly one of T_sat_discharge_K"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(90)), PhysicalBoundsError, "must be above"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(400)), PhysicalBoundsError, "critical"),
    (dict(p_suction_Pa=10.0, T_sat_discharge_K=C_to_K(110)), InputError, "p_suction"),
    (dict(T_sat_suction_K=C_to_K(100), p_discharge_Pa=bar_to_Pa(300)), InputError, "p_discharge"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(110), n_stages=0), InputError, "n_stages"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(110), n_stages=2.5), InputError, "n_stages"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(110), eta_is=1.2), InputError, "eta_is"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(110), eta_motor=0), InputError, "eta_motor"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(110), superheat_in_K=-1), InputError,
     "superheat_in_K"),
    (dict(T_sat_suction_K=C_to_K(100), T_sat_discharge_K=C_to_K(110), T_injection_K=C_to_K(115)), InputError,
     "T_injection"),
    (dict(T_sat_suction_K=float("nan"), T_sat_discharge_K=C_to_K(110)), InputError, "T_sat_suction"),
])
def test_mvr_invalid_inputs_raise_named_errors(kwargs, exc, words):
    with pytest.raises(exc, match=words):
        mvr(**kwargs)


@settings(max_examples=25, deadline=None)
@given(T_s=st.floats(40, 150), lift=st.floats(2, 60), eta=st.floats(0.5, 0.85), n=st.integers(1, 4),
       desuperheat=st.booleans())
def test_mvr_cop_below_carnot(T_s, lift, eta, n, desuperheat):
    r = mvr(C_to_K(T_s), C_to_K(T_s + lift), eta_is=eta, n_stages=n, desuperheat=desuperheat)
    assert 1.0 < r.cop_heating <= r.cop_carnot
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)


# --------------------------------------------------------------------------------------------
# steam-generating heat pump
# --------------------------------------------------------------------------------------------
def test_steam_hp_without_mvr_has_the_heat_pump_cop():
    r = steam_generating_hp("R1233zd(E)", C_to_K(70), C_to_K(120), C_to_K(95))
    assert isinstance(r, CompositeCycleResult) and set(r.parts) == {"heat_pump"}
    assert r.cop_heating == pytest.approx(r.parts["heat_pump"].cop_heating, rel=1e-12)
    assert r.T_cond_K == pytest.approx(C_to_K(130))      # 120 + dT_flash 5 + dT_hx 5
    assert r.extra["cop_mvr"] is None and r.extra["water_injected_t_per_t_steam"] == 0.0
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    assert not r.warnings


@pytest.mark.parametrize("n_mvr", [1, 2])
def test_steam_hp_with_mvr_energy_balance(n_mvr):
    r = steam_generating_hp("R1233zd(E)", C_to_K(60), C_to_K(160), C_to_K(30), T_flash_K=C_to_K(120),
                            n_mvr_stages=n_mvr, eta_motor=0.95)
    w = _water()
    x = r.extra
    q_del = w.state_pq(w.p_sat_T(C_to_K(160)), 1.0).h_J_per_kg - w.h_pT(w.p_sat_T(C_to_K(120)), C_to_K(30), "liquid")
    assert r.q_cond_J_per_kg == pytest.approx(q_del, rel=1e-12)
    # Heat delivered = heat-pump condenser duty + MVR work + injection-pump work.
    parts = (x["q_hp_kJ_per_kg_steam"] + x["w_mvr_kJ_per_kg_steam"] + x["w_pump_kJ_per_kg_steam"]) * J_PER_KJ
    assert parts == pytest.approx(r.q_cond_J_per_kg, rel=BALANCE_RTOL)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    assert r.cop_heating == pytest.approx(r.q_cond_J_per_kg / r.w_comp_J_per_kg * 0.95, rel=1e-12)
    assert x["flash_steam_t_per_t_steam"] + x["water_injected_t_per_t_steam"] == pytest.approx(1.0)
    assert x["circulation_t_per_t_steam"] > 10    # a few per cent flash per pass
    assert r.parts["mvr"].extra["n_stages"] == n_mvr


def test_steam_hp_cop_in_the_range_of_a_market_product():
    lo, hi = _band("steam_hp_cop_kobelco_sgh165")
    for T_steam_C in (135, 150, 165, 175):
        r = steam_generating_hp("R1233zd(E)", C_to_K(60), C_to_K(T_steam_C), C_to_K(90), T_flash_K=C_to_K(120))
        assert lo <= r.cop_heating <= hi


def test_steam_hp_mvr_helps_for_high_steam_temperatures():
    direct = steam_generating_hp("R601", C_to_K(70), C_to_K(150), C_to_K(90))
    flash_mvr = steam_generating_hp("R601", C_to_K(70), C_to_K(150), C_to_K(90), T_flash_K=C_to_K(115))
    assert flash_mvr.cop_heating > direct.cop_heating


def test_steam_hp_warns_when_subcooled_liquid_meets_the_water_inlet():
    r = steam_generating_hp("R1233zd(E)", C_to_K(70), C_to_K(120), C_to_K(95), subcooling_K=8)
    assert any("subcool" in w for w in r.warnings)


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(T_flash_K=C_to_K(130)), PhysicalBoundsError, "T_flash"),
    (dict(T_feed_K=C_to_K(125)), PhysicalBoundsError, "T_feed"),
    (dict(dT_flash_K=0.0), InputError, "dT_flash_K"),
    (dict(dT_hx_K=-1.0), InputError, "dT_hx_K"),
    (dict(T_steam_K=C_to_K(400)), PhysicalBoundsError, "T_steam"),
    (dict(T_evap_K=float("nan")), InputError, "T_evap"),
    (dict(fluid="R134a"), PhysicalBoundsError, "critical"),
    (dict(n_mvr_stages=0, T_flash_K=C_to_K(110)), InputError, "n_stages"),
    (dict(eta_is=0.0), InputError, "eta_is"),
    (dict(fluid="Unobtainium"), FluidPropertyError, "Unobtainium"),
])
def test_steam_hp_invalid_inputs_raise_named_errors(kwargs, exc, words):
    args = dict(fluid="R1233zd(E)", T_evap_K=C_to_K(70), T_steam_K=C_to_K(120), T_feed_K=C_to_K(90))
    args.update(kwargs)
    with pytest.raises(exc, match=words):
        steam_generating_hp(**args)


def test_steam_hp_beats_no_cycle_and_stays_below_carnot():
    r = steam_generating_hp("R600", C_to_K(60), C_to_K(130), C_to_K(80), T_flash_K=C_to_K(110))
    assert 1.0 < r.cop_heating <= r.cop_carnot
    hp_direct = single_stage("R600", C_to_K(60), C_to_K(140))
    assert r.cop_heating > hp_direct.cop_heating * 0.9   # same ballpark as a direct heat pump
