"""Transcritical CO2 cycle against the independent validation case, a published
optimal-pressure correlation and physical laws."""
import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError
from heatcalc.core.units import C_to_K, K_to_C, Pa_to_bar, bar_to_Pa
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.mvr import mvr
from heatcalc.thermo.transcritical import gas_cooler_curve, heat_rejection_curve, transcritical

DATA = Path(__file__).parent / "data"
COP_RTOL = 1e-3          # 0.1 % on COP
T_ATOL_K = 0.1           # 0.1 K on temperatures
P_RTOL = 1e-3            # 0.1 % on pressures
BALANCE_RTOL = 1e-12     # energy balance to machine precision
#: Agreement of the optimum gas-cooler pressure with Liao et al. (2000) [bar]; the correlation was
#: fitted to cycles with other compressor efficiencies, so a few bar is the expected scatter.
P_OPT_ATOL_BAR = 3.0
#: COP at the correlation's pressure versus the optimum (the COP curve is flat near the optimum).
COP_AT_CORRELATION_RTOL = 2e-3


def _cases():
    with open(DATA / "validation_transcritical_cases.csv", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['fluid']}-{c['T_evap_C']}-{c['p_gas_cooler_bar']}")
def test_reproduces_validation_cases(case):
    r = transcritical(C_to_K(float(case["T_evap_C"])), C_to_K(float(case["T_gas_cooler_out_C"])),
                      p_gc_Pa=bar_to_Pa(float(case["p_gas_cooler_bar"])), superheat_K=float(case["superheat_K"]),
                      eta_is=float(case["eta_is"]), fluid=case["fluid"])
    assert r.cop_heating == pytest.approx(float(case["cop_heating"]), rel=COP_RTOL)
    assert K_to_C(r.T_discharge_K) == pytest.approx(float(case["t_discharge_C"]), abs=T_ATOL_K)
    assert Pa_to_bar(r.p_evap_Pa) == pytest.approx(float(case["p_evap_bar"]), rel=P_RTOL)
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    assert r.extra["p_gc_method"] == "given" and r.topology == "transcritical"


def liao_2000_p_opt_bar(T_evap_C, T_gc_out_C):
    """Optimal heat-rejection pressure [bar] of Liao, Zhao & Jakobsen (2000),
    Appl. Therm. Eng. 20(9) 831-841, doi:10.1016/S1359-4311(99)00070-8."""
    return (2.778 - 0.0157 * T_evap_C) * T_gc_out_C + (0.381 * T_evap_C - 9.34)


@pytest.mark.parametrize("T_evap_C, T_gc_out_C", [(-10, 35), (0, 40), (10, 45), (0, 45)])
def test_optimal_pressure_agrees_with_liao_2000(T_evap_C, T_gc_out_C):
    r = transcritical(C_to_K(T_evap_C), C_to_K(T_gc_out_C))
    p_liao = liao_2000_p_opt_bar(T_evap_C, T_gc_out_C)
    assert r.extra["p_gc_method"] == "optimised_cop"
    assert r.extra["p_gc_bar"] == pytest.approx(p_liao, abs=P_OPT_ATOL_BAR)
    at_liao = transcritical(C_to_K(T_evap_C), C_to_K(T_gc_out_C), p_gc_Pa=bar_to_Pa(p_liao))
    assert r.cop_heating >= at_liao.cop_heating
    assert at_liao.cop_heating == pytest.approx(r.cop_heating, rel=COP_AT_CORRELATION_RTOL)
    assert not r.warnings


def test_optimum_beats_the_validation_pressure_and_reports_a_bound_optimum():
    best = transcritical(C_to_K(0), C_to_K(35), superheat_K=5, eta_is=0.70)
    assert best.cop_heating > 3.336
    cold = transcritical(C_to_K(0), C_to_K(28))  # gas cooler outlet below T_crit: optimum near p_crit
    assert any("bound" in w for w in cold.warnings)


def test_ihx_energy_balance_and_states():
    r = transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(100), ihx_effectiveness=0.5)
    assert r.topology == "transcritical_ihx" and len(r.states) == 6
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
    q_ihx = r.extra["q_ihx_kJ_per_kg"] * 1e3
    assert r.states[0].h_J_per_kg - r.states[4].h_J_per_kg == pytest.approx(q_ihx, rel=1e-12)
    assert r.states[2].h_J_per_kg - r.states[5].h_J_per_kg == pytest.approx(q_ihx, rel=1e-12)
    assert r.states[0].T_K > r.states[4].T_K


def test_gas_cooler_curve_glides_from_discharge_to_outlet():
    r = transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(100))
    c = gas_cooler_curve(r, 21)
    assert c.Q_J_per_kg[0] == 0.0
    assert c.Q_J_per_kg[-1] == pytest.approx(r.q_cond_J_per_kg, rel=1e-12)
    assert c.T_K[0] == pytest.approx(C_to_K(35), abs=1e-6)
    assert c.T_K[-1] == pytest.approx(r.T_discharge_K, abs=1e-6)
    assert np.all(np.diff(c.T_K) > 0)  # supercritical: a glide, no plateau
    assert c.Q_fraction[-1] == pytest.approx(1.0)
    assert c.Q_W(2.0)[-1] == pytest.approx(2.0 * r.q_cond_J_per_kg)


def test_condenser_curve_of_a_subcritical_cycle_has_a_plateau():
    r = single_stage("R600", C_to_K(50), C_to_K(100))
    c = gas_cooler_curve(r, 41)
    plateau = np.isclose(c.T_K, C_to_K(100), atol=0.05)
    assert plateau.sum() >= 10


@pytest.mark.parametrize("call, exc, words", [
    (lambda: transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(60)), PhysicalBoundsError, "subcritical model"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), p_gc_bounds_Pa=(bar_to_Pa(70), bar_to_Pa(120))),
     PhysicalBoundsError, "subcritical model"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), p_gc_bounds_Pa=(bar_to_Pa(120), bar_to_Pa(90))), InputError,
     "p_gc_bounds"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(1e6)), InputError, "p_gc"),
    (lambda: transcritical(C_to_K(20), C_to_K(10), bar_to_Pa(100)), PhysicalBoundsError, "must be above"),
    (lambda: transcritical(C_to_K(35), C_to_K(50), bar_to_Pa(100)), PhysicalBoundsError, "critical"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(100), eta_is=0), InputError, "eta_is"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(100), superheat_K=-3), InputError, "superheat_K"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(100), ihx_effectiveness=2), InputError, "ihx"),
    (lambda: transcritical(float("nan"), C_to_K(35), bar_to_Pa(100)), InputError, "finite"),
    (lambda: transcritical(C_to_K(0), C_to_K(150), bar_to_Pa(80)), PhysicalBoundsError, "no heat"),
    (lambda: transcritical(C_to_K(0), C_to_K(60), bar_to_Pa(76)), PhysicalBoundsError, "two-phase"),
    (lambda: transcritical(C_to_K(0), C_to_K(140)), PhysicalBoundsError, "no gas-cooler pressure"),
    (lambda: heat_rejection_curve("R744", bar_to_Pa(100), 3e5, 4e5), InputError, "h_in"),
    (lambda: heat_rejection_curve("R744", bar_to_Pa(100), 4e5, 3e5, n_points=1), InputError, "n_points"),
    (lambda: gas_cooler_curve(mvr(C_to_K(100), C_to_K(110))), InputError, "topology"),
    (lambda: transcritical(C_to_K(0), C_to_K(35), bar_to_Pa(100), fluid="Unobtainium"), FluidPropertyError,
     "Unobtainium"),
    (lambda: heat_rejection_curve("Unobtainium", bar_to_Pa(100), 4e5, 3e5), FluidPropertyError, "Unobtainium"),
])
def test_invalid_inputs_raise_named_errors(call, exc, words):
    with pytest.raises(exc, match=words):
        call()


@settings(max_examples=30, deadline=None)
@given(T_evap_C=st.floats(-20, 20), T_gc_out_C=st.floats(25, 50), p_gc_bar=st.floats(80, 140),
       superheat_K=st.floats(0, 15), eta_is=st.floats(0.5, 0.85), ihx=st.sampled_from([0.0, 0.6]))
def test_cop_below_carnot_and_balance(T_evap_C, T_gc_out_C, p_gc_bar, superheat_K, eta_is, ihx):
    try:
        r = transcritical(C_to_K(T_evap_C), C_to_K(T_gc_out_C), bar_to_Pa(p_gc_bar), superheat_K=superheat_K,
                          eta_is=eta_is, ihx_effectiveness=ihx)
    except PhysicalBoundsError as exc:
        assert "must be above" in str(exc) or "two-phase" in str(exc) or "no heat" in str(exc)
        return
    assert 1.0 < r.cop_heating <= r.cop_carnot
    assert r.cop_heating <= r.extra["cop_carnot_mean"]
    assert r.q_cond_J_per_kg == pytest.approx(r.q_evap_J_per_kg + r.w_comp_J_per_kg, rel=BALANCE_RTOL)
