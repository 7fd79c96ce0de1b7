"""Two-stage (open flash tank) and cascade cycles against a textbook and physical laws."""
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError
from heatcalc.core.optimise import maximise_bounded
from heatcalc.core.units import C_to_K, J_to_kJ, K_to_C, bar_to_Pa
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.fluids import get_fluid
from heatcalc.thermo.multistage import CompositeCycleResult, cascade, two_stage

DATA = Path(__file__).parent / "data"
#: Textbook values come from printed property tables (3-4 significant digits): 1 % on results.
TEXTBOOK_RTOL = 1e-2
#: Energy balances close to machine precision.
BALANCE_RTOL = 1e-12
#: Mass and flow fractions of the textbook example [-].
FRACTION_ATOL = 1e-3
#: Two-stage/cascade search tolerance used in comparisons [-] (relative COP).
OPT_COP_RTOL = 1e-9


def _ref(case):
    with open(DATA / "reference_multistage_textbook.csv", newline="") as fh:
        return {r["quantity"]: float(r["value"]) for r in csv.DictReader(fh) if r["case"] == case}


def _T_sat(fluid, p_MPa):
    return get_fluid(fluid).T_sat_p(p_MPa * 1e6, 1.0)


def test_two_stage_reproduces_cengel_example_11_6():
    ref = _ref("cengel_ex11_6")
    r = two_stage("R134a", _T_sat("R134a", ref["p_evap"]), _T_sat("R134a", ref["p_cond"]), superheat_K=0.0,
                  subcooling_K=0.0, eta_is_low=1.0, eta_is_high=1.0, p_intermediate_Pa=ref["p_int"] * 1e6)
    assert r.extra["flash_vapour_fraction"] == pytest.approx(ref["flash_vapour_fraction"], abs=FRACTION_ATOL)
    assert J_to_kJ(r.q_evap_J_per_kg) == pytest.approx(ref["q_evap"], rel=TEXTBOOK_RTOL)
    assert J_to_kJ(r.w_comp_J_per_kg) == pytest.approx(ref["w_comp"], rel=TEXTBOOK_RTOL)
    assert r.cop_heating - 1.0 == pytest.approx(ref["cop_cooling"], rel=TEXTBOOK_RTOL)


def test_cascade_reproduces_cengel_example_11_5():
    ref = _ref("cengel_ex11_5")
    r = cascade("R134a", "R134a", _T_sat("R134a", ref["p_evap"]), _T_sat("R134a", ref["p_cond"]),
                T_cascade_K=_T_sat("R134a", ref["p_cascade"]), dT_cascade_K=0.0, superheat_K=0.0,
                subcooling_K=0.0, eta_is_low=1.0, eta_is_high=1.0)
    m_high = ref["m_high"]
    assert r.extra["m_low_per_m_high"] * m_high == pytest.approx(ref["m_low"], rel=TEXTBOOK_RTOL)
    assert J_to_kJ(r.q_evap_J_per_kg) * m_high == pytest.approx(ref["Q_evap"], rel=TEXTBOOK_RTOL)
    assert J_to_kJ(r.w_comp_J_per_kg) * m_high == pytest.approx(ref["W_comp"], rel=TEXTBOOK_RTOL)
    assert r.cop_heating - 1.0 == pytest.approx(ref["cop_cooling"], rel=TEXTBOOK_RTOL)
    single = single_stage("R134a", _T_sat("R134a", ref["p_evap"]), _T_sat("R134a", ref["p_cond"]), 0.0, 0.0, 1.0)
    assert single.cop_heating - 1.0 == pytest.approx(ref["cop_cooling_single_stage"], rel=TEXTBOOK_RTOL)


@pytest.mark.parametrize("intercooling", ["flash_gas", "open_intercooler"])
@pytest.mark.parametrize("fluid, T_evap_C, T_cond_C", [("R717", -20, 60), ("R600", 20, 120), ("R134a", -30, 50)])
def test_two_stage_energy_balance_and_beats_single_stage_at_large_lift(intercooling, fluid, T_evap_C, T_cond_C):
    r = two_stage(fluid, C_to_K(T_evap_C), C_to_K(T_cond_C), intercooling=intercooling, eta_motor=0.95)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    x = r.extra
    assert x["w_low_kJ_per_kg"] + x["w_high_kJ_per_kg"] == pytest.approx(J_to_kJ(r.w_comp_J_per_kg), rel=1e-12)
    assert r.cop_heating == pytest.approx(r.cop_refrigerant * 0.95)
    s = single_stage(fluid, C_to_K(T_evap_C), C_to_K(T_cond_C), eta_motor=0.95)
    assert r.cop_heating > s.cop_heating
    assert r.T_discharge_K < s.T_discharge_K
    assert [st.label[0] for st in r.states] == list("123456789")
    assert r.pressure_ratio == pytest.approx(x["pressure_ratio_low"] * x["pressure_ratio_high"])
    assert x["p_int_method"] == "geometric_mean"


def test_open_intercooler_sucks_saturated_vapour_and_flash_tank_balance_closes():
    r = two_stage("R717", C_to_K(-20), C_to_K(60), intercooling="open_intercooler")
    s = {st.label.split()[0]: st for st in r.states}
    assert s["9"].h_J_per_kg == pytest.approx(s["8"].h_J_per_kg, rel=1e-14)
    m_low = r.extra["m_low_per_m_high"]
    # Tank: in = 1 kg at h6 + m_low at h5; out = 1 kg vapour h8 + m_low liquid h7.
    h_in = s["6"].h_J_per_kg + m_low * s["5"].h_J_per_kg
    h_out = s["8"].h_J_per_kg + m_low * s["7"].h_J_per_kg
    assert h_in == pytest.approx(h_out, rel=BALANCE_RTOL)
    assert r.extra["t_discharge_low_C"] > K_to_C(s["9"].T_K)


def test_optimised_intermediate_pressure_is_at_least_as_good_as_the_geometric_mean():
    g = two_stage("R600", C_to_K(20), C_to_K(120))
    o = two_stage("R600", C_to_K(20), C_to_K(120), optimise_p_intermediate=True)
    assert o.extra["p_int_method"] == "optimised_cop"
    assert o.cop_heating >= g.cop_heating * (1 - OPT_COP_RTOL)
    assert g.p_evap_Pa < bar_to_Pa(o.extra["p_int_bar"]) < g.p_cond_Pa
    for f in (0.8, 1.25):  # the optimum beats its neighbourhood
        n = two_stage("R600", C_to_K(20), C_to_K(120), p_intermediate_Pa=bar_to_Pa(o.extra["p_int_bar"]) * f)
        assert o.cop_heating >= n.cop_heating


def test_wet_compression_in_a_stage_is_reported():
    r = two_stage("R601", C_to_K(40), C_to_K(140), superheat_K=0.0)
    assert any("wet" in w and w.startswith("low stage") for w in r.warnings)


def test_cascade_energy_balance_parts_and_optimum():
    r = cascade("R744", "R717", C_to_K(-35), C_to_K(50))
    assert isinstance(r, CompositeCycleResult)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    low, high = r.parts["low"], r.parts["high"]
    m = r.extra["m_low_per_m_high"]
    assert m * low.q_cond_J_per_kg == pytest.approx(high.q_evap_J_per_kg, rel=BALANCE_RTOL)
    assert r.fluid == "Ammonia" and low.fluid == "CarbonDioxide"
    assert r.extra["T_cascade_method"] == "optimised_cop"
    T_c = C_to_K(r.extra["T_cascade_C"])
    assert high.T_evap_K == pytest.approx(T_c - 5.0)
    for dT in (-8.0, 8.0):
        other = cascade("R744", "R717", C_to_K(-35), C_to_K(50), T_cascade_K=T_c + dT)
        assert r.cop_heating >= other.cop_heating
    assert r.pressure_ratio == pytest.approx(max(low.pressure_ratio, high.pressure_ratio))
    d = r.to_dict()
    assert set(d["parts"]) == {"low", "high"} and d["fluid_low"] == "CarbonDioxide"
    assert all(w.startswith(("low stage", "high stage")) for w in r.warnings)


def test_cascade_with_given_temperature_and_approach_costs_cop():
    a = cascade("R600", "R600", C_to_K(20), C_to_K(120), T_cascade_K=C_to_K(70), dT_cascade_K=0.0)
    b = cascade("R600", "R600", C_to_K(20), C_to_K(120), T_cascade_K=C_to_K(70), dT_cascade_K=10.0)
    assert a.extra["T_cascade_method"] == "given"
    assert b.cop_heating < a.cop_heating


@pytest.mark.parametrize("call, exc, words", [
    (lambda: two_stage("R600", C_to_K(60), C_to_K(40)), PhysicalBoundsError, "must be above"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(160)), PhysicalBoundsError, "critical"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), eta_is_low=0.0), InputError, "eta_is_low"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), eta_is_high=1.5), InputError, "eta_is_high"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), superheat_K=-1), InputError, "superheat_K"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), intercooling="closed"), InputError, "intercooling"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), p_intermediate_Pa=bar_to_Pa(50)), InputError,
     "p_intermediate=50"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), p_intermediate_Pa=bar_to_Pa(5),
                       optimise_p_intermediate=True), InputError, "not both"),
    (lambda: two_stage("R600", C_to_K(20), C_to_K(100), p_intermediate_Pa=bar_to_Pa(14), subcooling_K=60),
     PhysicalBoundsError, "does not flash"),
    (lambda: two_stage("R600", float("nan"), C_to_K(100)), InputError, "finite"),
    (lambda: cascade("R744", "R717", C_to_K(-30), C_to_K(50), T_cascade_K=C_to_K(60)), PhysicalBoundsError,
     "T_cascade"),
    (lambda: cascade("R744", "R717", C_to_K(-30), C_to_K(50), T_cascade_K=C_to_K(35)), PhysicalBoundsError,
     "critical"),
    (lambda: cascade("R744", "R717", C_to_K(-30), C_to_K(50), dT_cascade_K=-2), InputError, "dT_cascade_K"),
    (lambda: cascade("R744", "R717", C_to_K(-30), C_to_K(50), T_cascade_K=C_to_K(-27)), PhysicalBoundsError,
     "subcool"),
    (lambda: cascade("R744", "R717", C_to_K(30.5), C_to_K(50)), PhysicalBoundsError,
     "no cascade temperature possible"),
    (lambda: cascade("R744", "R717", C_to_K(-30), C_to_K(50), eta_is_low=2), InputError, "eta_is_low"),
    (lambda: cascade("R744", "R717", C_to_K(-30), C_to_K(150)), PhysicalBoundsError, "critical"),
])
def test_invalid_inputs_raise_named_errors(call, exc, words):
    with pytest.raises(exc, match=words):
        call()


FLUIDS = ["R600", "R717", "R134a", "R1233zd(E)", "R290"]


@st.composite
def two_stage_cases(draw):
    name = draw(st.sampled_from(FLUIDS))
    fl = get_fluid(name)
    lo, hi = max(fl.T_min_K + 5, C_to_K(-30)), fl.T_crit_K - 5
    T_evap = draw(st.floats(lo, hi - 30))
    T_cond = draw(st.floats(T_evap + 20, hi))
    return dict(fluid=name, T_evap_K=T_evap, T_cond_K=T_cond, superheat_K=draw(st.floats(0, 15)),
                subcooling_K=draw(st.floats(0, 10)), eta_is_low=draw(st.floats(0.5, 0.85)),
                eta_is_high=draw(st.floats(0.5, 0.85)),
                intercooling=draw(st.sampled_from(["flash_gas", "open_intercooler"])))


@settings(max_examples=25, deadline=None)
@given(two_stage_cases())
def test_two_stage_cop_below_carnot_and_balance(case):
    try:
        r = two_stage(**case)
    except PhysicalBoundsError as exc:  # infeasible combinations must say why
        assert "flash" in str(exc) or "two-phase" in str(exc)
        return
    assert 1.0 < r.cop_heating <= r.cop_carnot
    # Strict bound: Carnot between the coldest heat rejection and the warmest heat absorption.
    T_rej_min, T_abs_max = r.states[2].T_K, r.states[0].T_K
    if T_rej_min > T_abs_max:
        assert r.cop_heating <= T_rej_min / (T_rej_min - T_abs_max)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)


@settings(max_examples=12, deadline=None)
@given(T_evap_C=st.floats(-45, -20), T_cond_C=st.floats(30, 70), T_cascade_C=st.floats(-12, 15),
       dT_K=st.floats(0, 10), eta=st.floats(0.5, 0.85))
def test_cascade_cop_below_carnot_and_balance(T_evap_C, T_cond_C, T_cascade_C, dT_K, eta):
    r = cascade("R744", "R717", C_to_K(T_evap_C), C_to_K(T_cond_C), T_cascade_K=C_to_K(T_cascade_C),
                dT_cascade_K=dT_K, eta_is_low=eta, eta_is_high=eta)
    assert 1.0 < r.cop_heating <= r.cop_carnot
    # Coupling two real stages loses against each stage alone.
    assert r.cop_heating < min(r.parts["low"].cop_heating, r.parts["high"].cop_heating)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)


def test_unknown_fluids_raise_fluid_property_error():
    with pytest.raises(FluidPropertyError, match="Unobtainium"):
        two_stage("Unobtainium", C_to_K(0), C_to_K(60))
    with pytest.raises(FluidPropertyError, match="Unobtainium"):
        cascade("Unobtainium", "R717", C_to_K(-30), C_to_K(50))


def test_bounded_maximiser_finds_the_peak_and_skips_infeasible_points():
    def f(x):
        if x < 0.3:
            raise PhysicalBoundsError("infeasible")
        return -(x - 0.7) ** 2
    x, v = maximise_bounded(f, 0.0, 1.0, xatol=1e-6)
    assert x == pytest.approx(0.7, abs=1e-5) and v <= 0.0

    def never(x):
        raise PhysicalBoundsError("infeasible")
    with pytest.raises(PhysicalBoundsError, match="no feasible point"):
        maximise_bounded(never, 0.0, 1.0, xatol=1e-6)
