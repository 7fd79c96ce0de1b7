"""Stream-matched design: pinch, energy balances, second law and refrigerant selection."""
import csv
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError
from heatcalc.core.units import C_to_K, K_to_C
from heatcalc.thermo.cop_models import lorenz_cop
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.fluids import get_fluid, refrigerant_info
from heatcalc.thermo.pinch import design, select_refrigerant
from heatcalc.thermo.streams import sink_stream, source_stream

DATA = Path(__file__).parent / "data"
PINCH_ATOL_K = 1e-4            # solved pinch vs dT_min
T_ATOL_K = 1e-4                # closed-form saturation temperatures
DISCRETISATION_ATOL_K = 0.05   # pinch on the design's profile tables vs a 20x finer re-evaluation
BALANCE_RTOL = 1e-9            # energy balances
PUBLISHED_ATOL = 0.005         # published figures given to two decimals
LORENZ_RTOL = 1e-9             # COP <= Lorenz, up to rounding

#: Set HEATCALC_PROPERTY_EXAMPLES=3000 to run the property test over thousands of cases.
_N_EXAMPLES = os.environ.get("HEATCALC_PROPERTY_EXAMPLES")
_property_settings = settings(max_examples=int(_N_EXAMPLES)) if _N_EXAMPLES else settings()


def W(T_in, T_out):
    return sink_stream("water", C_to_K(T_in), C_to_K(T_out))


def SW(T_in, T_out):
    return source_stream("water", C_to_K(T_in), C_to_K(T_out))


@pytest.fixture(scope="module")
def base():
    return design(W(60, 90), SW(40, 35), "R1233zd(E)")


def test_evaporating_temperature_closed_form(base):
    # Source 40 -> 35 C, 5 K superheat, dT_min 5 K: the cold end (35 - T_evap) and the hot end
    # (40 - T_evap - 5) both allow at most T_evap = 30 C; in between the source is warmer.
    assert K_to_C(base.T_evap_K) == pytest.approx(30.0, abs=T_ATOL_K)
    assert base.evaporator.pinch_dT_K == pytest.approx(5.0, abs=PINCH_ATOL_K)


def test_isothermal_streams_closed_form():
    # Steam raised from saturated water at 120 C and vapour condensing at 60 C, no superheat and no
    # subcooling: T_evap = 60 - dT_min and T_cond = 120 + dT_min exactly, and the COP is that cycle's.
    sink = sink_stream("steam", C_to_K(120), C_to_K(120))
    source = source_stream("vapour", C_to_K(60), C_to_K(60))
    d = design(sink, source, "R1233zd(E)", dT_min_K=4.0, superheat_K=0.0, subcooling_K=0.0, eta_is=0.75)
    assert K_to_C(d.T_evap_K) == pytest.approx(56.0, abs=T_ATOL_K)
    assert K_to_C(d.T_cond_K) == pytest.approx(124.0, abs=T_ATOL_K)
    ref = single_stage("R1233zd(E)", C_to_K(56), C_to_K(124), superheat_K=0.0, subcooling_K=0.0, eta_is=0.75)
    assert d.cop_heating == pytest.approx(ref.cop_heating, rel=1e-6)


def test_lorenz_of_the_streams_reproduces_reinholdt_example():
    with open(DATA / "reference_quick_models.csv", newline="") as fh:
        ref = {r["case"] + ":" + r["quantity"]: r
               for r in csv.DictReader(x for x in fh if not x.startswith("#"))}["lorenz_example:cop_lorenz"]
    d = design(W(float(ref["T_sink_in_C"]), float(ref["T_sink_out_C"])),
               SW(float(ref["T_source_in_C"]), float(ref["T_source_out_C"])), "R600")
    assert d.cop_lorenz == pytest.approx(float(ref["value"]), abs=PUBLISHED_ATOL)
    assert d.cycle.cop_lorenz == d.cop_lorenz
    assert d.cop_heating < d.cop_lorenz


CASES = [
    (lambda: W(60, 90), lambda: SW(40, 35), "R1233zd(E)"),
    (lambda: W(60, 90), lambda: SW(40, 15), "R600"),
    (lambda: sink_stream("steam", C_to_K(100), C_to_K(120)), lambda: source_stream("vapour", C_to_K(60), C_to_K(55)),
     "R1233zd(E)"),
    (lambda: sink_stream("air", C_to_K(20), C_to_K(150)), lambda: source_stream("exhaust", C_to_K(90), C_to_K(40)),
     "R1233zd(E)"),
    (lambda: sink_stream("thermal_oil", C_to_K(120), C_to_K(140)), lambda: SW(80, 70), "R601"),
    (lambda: W(30, 70), lambda: source_stream("ambient_air", C_to_K(10), C_to_K(5)), "R290"),
    (lambda: W(70, 90), lambda: SW(45, 35), "R717"),
]


@pytest.mark.parametrize("mk_sink, mk_source, fluid", CASES, ids=[c[2] + str(i) for i, c in enumerate(CASES)])
def test_pinch_equals_dT_min_and_energy_balances_close(mk_sink, mk_source, fluid):
    sink, source = mk_sink(), mk_source()
    d = design(sink, source, fluid, dT_min_K=5.0, Q_sink_W=2.5e6)
    assert d.pinch_active == {"condenser": True, "evaporator": True}
    for hx in (d.condenser, d.evaporator):
        assert hx.pinch_dT_K == pytest.approx(5.0, abs=PINCH_ATOL_K)
        assert hx.dT_K.min() == pytest.approx(hx.pinch_dT_K)
        assert hx.Q_W[0] == 0.0 and np.all(np.diff(hx.Q_W) > 0)
    # stream side = refrigerant side
    assert d.m_sink_kg_per_s * sink.dh_J_per_kg == pytest.approx(2.5e6, rel=BALANCE_RTOL)
    assert d.m_refrigerant_kg_per_s * d.cycle.q_cond_J_per_kg == pytest.approx(2.5e6, rel=BALANCE_RTOL)
    assert d.m_source_kg_per_s * source.dh_J_per_kg == pytest.approx(d.Q_source_W, rel=BALANCE_RTOL)
    assert d.Q_source_W == pytest.approx(d.m_refrigerant_kg_per_s * d.cycle.q_evap_J_per_kg, rel=BALANCE_RTOL)
    assert d.Q_sink_W - d.Q_source_W == pytest.approx(d.Q_sink_W / d.cop_heating, rel=1e-9)
    assert d.condenser.Q_W[-1] == pytest.approx(d.Q_sink_W) and d.evaporator.Q_W[-1] == pytest.approx(d.Q_source_W)
    assert d.Q_evap_per_Q_cond == pytest.approx(d.Q_source_W / d.Q_sink_W)
    assert d.m_refrigerant_kg_per_s_per_kW == pytest.approx(d.m_refrigerant_kg_per_s / 2.5e3)
    assert d.cop_heating <= d.cop_lorenz


@pytest.mark.parametrize("mk_sink, mk_source, fluid", CASES[:4], ids=[c[2] + str(i) for i, c in enumerate(CASES[:4])])
def test_discretised_pinch_holds_on_a_finer_profile(mk_sink, mk_source, fluid):
    """Re-evaluate both sides on 20x more points directly from CoolProp: the pinch stays within tolerance."""
    sink, source = mk_sink(), mk_source()
    d = design(sink, source, fluid)
    fl = get_fluid(fluid)
    s = d.cycle.states
    for hx, stream, p, h0, h1, hot in ((d.condenser, sink, d.cycle.p_cond_Pa, s[2].h_J_per_kg, s[1].h_J_per_kg, True),
                                       (d.evaporator, source, d.cycle.p_evap_Pa, s[3].h_J_per_kg, s[0].h_J_per_kg,
                                        False)):
        fine = (sink_stream if stream.role == "sink" else source_stream)(
            stream.medium, stream.T_in_K, stream.T_out_K, n_points=500)
        q = np.linspace(0.0, 1.0, 2001)
        T_ref = np.array([fl.state_ph(p, h0 + x * (h1 - h0)).T_K for x in q])
        T_str = fine.T_at_q(q)
        dT = (T_ref - T_str) if hot else (T_str - T_ref)
        assert dT.min() == pytest.approx(hx.pinch_dT_K, abs=DISCRETISATION_ATOL_K)


def test_pinch_location_in_the_zone_expected(base):
    # water heated over 30 K against a condensing refrigerant: pinch at the dew point (end of condensation)
    assert base.condenser.pinch_zone == "condensation"
    zones = {z: (a, b) for z, a, b in base.condenser.zones}
    assert base.condenser.pinch_Q_W == pytest.approx(zones["condensation"][1], rel=1e-9)
    hot_air = design(sink_stream("air", C_to_K(20), C_to_K(150)), source_stream("exhaust", C_to_K(90), C_to_K(40)),
                     "R1233zd(E)")
    assert hot_air.condenser.pinch_zone == "desuperheating"


def test_design_warnings_carry_cycle_and_stream_warnings():
    d = design(W(60, 130), source_stream("ambient_air", C_to_K(-10), C_to_K(-15)), "R600")
    assert any("below atmospheric" in w for w in d.warnings)
    d = design(W(20, 90), SW(80, 75), "R1233zd(E)")
    assert d.cop_lorenz == float("inf")
    assert any("direct heat exchange could cover part" in w for w in d.warnings)


def test_to_dict_has_edge_units_and_curves(base):
    d = base.to_dict()
    for k in ("fluid", "cop_heating", "cop_lorenz", "cop_carnot", "T_evap_C", "T_cond_C", "p_cond_bar",
              "m_refrigerant_kg_per_s_per_kW", "Q_evap_per_Q_cond", "condenser", "evaporator", "warnings"):
        assert k in d
    assert len(d["condenser"]["Q_kW"]) == len(d["condenser"]["T_stream_C"]) == len(d["condenser"]["T_refrigerant_C"])
    assert "Q_kW" not in base.to_dict(curves=False)["condenser"]


# -- second law over random cases ---------------------------------------------------------------
FLUIDS = ["R1233zd(E)", "R600", "R600a", "R601", "R245fa", "R717", "R134a", "R1234ze(E)", "R290", "R1336mzz(Z)",
          "R1234ze(Z)"]
KNOWN_INFEASIBLE = ("critical temperature", "lowest temperature", "too large for one stage", "needs condensing above",
                    "no feasible evaporating", "condensing would have to be above")


@st.composite
def stream_cases(draw):
    sink_m = draw(st.sampled_from(["water", "steam", "air", "thermal_oil"]))
    src_m = draw(st.sampled_from(["water", "air", "ambient_air", "exhaust", "vapour"]))
    T_si = draw(st.floats(15, 140))
    T_so = T_si + draw(st.floats(0 if sink_m == "steam" else 2, 60))
    T_oi = draw(st.floats(5, min(T_so - 1, 120)))
    T_oo = T_oi - draw(st.floats(0, min(30, T_oi - 2)))
    return dict(sink=(sink_m, T_si, T_so), source=(src_m, T_oi, T_oo), fluid=draw(st.sampled_from(FLUIDS)),
                dT_min_K=draw(st.floats(1, 15)), eta_is=draw(st.floats(0.4, 1.0)),
                superheat_K=draw(st.floats(0, 15)), subcooling_K=draw(st.floats(0, 10)))


@_property_settings
@given(stream_cases())
def test_design_cop_never_above_lorenz_cop_of_the_streams(case):
    sm, a, b = case["sink"]
    om, c, e = case["source"]
    sink, source = sink_stream(sm, C_to_K(a), C_to_K(b)), source_stream(om, C_to_K(c), C_to_K(e))
    try:
        d = design(sink, source, case["fluid"], dT_min_K=case["dT_min_K"], eta_is=case["eta_is"],
                   superheat_K=case["superheat_K"], subcooling_K=case["subcooling_K"])
    except PhysicalBoundsError as exc:  # infeasible designs must say why
        assert any(k in str(exc) for k in KNOWN_INFEASIBLE), str(exc)
        return
    assert d.cop_heating <= d.cop_lorenz * (1 + LORENZ_RTOL)
    for hx in (d.condenser, d.evaporator):
        assert hx.pinch_dT_K >= case["dT_min_K"] - PINCH_ATOL_K
    if all(d.pinch_active.values()):
        assert d.condenser.pinch_dT_K == pytest.approx(case["dT_min_K"], abs=PINCH_ATOL_K)
        assert d.evaporator.pinch_dT_K == pytest.approx(case["dT_min_K"], abs=PINCH_ATOL_K)


def test_lorenz_equals_log_mean_lorenz_for_water_streams(base):
    # entropic mean temperatures of liquid water differ from log-means only through cp(T)
    assert base.cop_lorenz == pytest.approx(lorenz_cop(C_to_K(60), C_to_K(90), C_to_K(40), C_to_K(35)), rel=2e-3)


# -- refrigerant selection -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def selection():
    return select_refrigerant(W(60, 90), SW(40, 35))


def test_selection_returns_best_cop_and_reasons(selection):
    cops = [r.cop_heating for r in selection.feasible]
    assert selection.best is selection.feasible[0]
    assert cops == sorted(cops, reverse=True)
    assert len(selection.feasible) + len(selection.rejected) == 13
    why = dict(selection.rejected)
    assert "critical temperature too low" in why["CarbonDioxide"]
    assert "wet compression" in why["R1336mzz(Z)"]
    assert "discharge temperature" in why["Ammonia"]
    d = selection.to_dict(curves=False)
    assert d["ranking"][0]["fluid"] == selection.best.fluid
    assert {r["fluid"] for r in d["rejected"]} == set(why)


def test_halogen_free_only_rejects_hfcs_and_hfos():
    s = select_refrigerant(W(60, 90), SW(40, 35), halogen_free_only=True)
    assert all(refrigerant_info(r.fluid)["halogen_free"] for r in s.feasible)
    why = dict(s.rejected)
    assert "not halogen-free" in why["R1233zd(E)"]


def test_pressure_limit_and_lowest_temperature_rejections():
    s = select_refrigerant(W(60, 90), SW(40, 35), candidates=["R1233zd(E)", "R290"], p_cond_max_Pa=20e5)
    assert "condensing pressure" in dict(s.rejected)["n-Propane"]
    cold = source_stream("ambient_air", C_to_K(-5), C_to_K(-10))
    s = select_refrigerant(W(30, 50), cold, candidates=["R1234ze(Z)", "R290", "NoSuchFluid"])
    why = dict(s.rejected)
    assert "lowest temperature" in why["R1234ze(Z)"]
    assert "NoSuchFluid" in why["NoSuchFluid"]
    assert s.best.fluid == "n-Propane"


def test_no_feasible_refrigerant_raises_with_reasons():
    with pytest.raises(PhysicalBoundsError, match="no feasible refrigerant") as info:
        select_refrigerant(W(150, 200), SW(100, 90), candidates=["R134a", "R744"])
    assert [f for f, _ in info.value.rejected] == ["R134a", "CarbonDioxide"]


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(sink=W(60, 90), source=SW(95, 90)), PhysicalBoundsError, "direct heat exchange suffices"),
    (dict(dT_min_K=0.0), InputError, "dT_min_K"),
    (dict(dT_min_K=60.0), InputError, "dT_min_K"),
    (dict(eta_is=0.0), InputError, "eta_is"),
    (dict(superheat_K=-1.0), InputError, "superheat_K"),
    (dict(subcooling_K=-1.0), InputError, "subcooling_K"),
    (dict(Q_sink_W=0.0), InputError, "Q_sink_W"),
    (dict(T_cond_max_K=float("nan")), InputError, "T_cond_max_K"),
    (dict(sink=SW(40, 35)), InputError, "sink must be"),
    (dict(source=W(60, 90)), InputError, "source must be"),
    (dict(fluid="Unobtainium"), FluidPropertyError, "Unobtainium"),
    (dict(fluid="R744"), PhysicalBoundsError, "critical temperature too low"),
    (dict(fluid="R1234ze(Z)", source=source_stream("ambient_air", C_to_K(-5), C_to_K(-10))), PhysicalBoundsError,
     "lowest temperature"),
    (dict(T_cond_max_K=C_to_K(85)), PhysicalBoundsError, "needs condensing above"),
])
def test_design_invalid_inputs_raise_named_errors(kwargs, exc, words):
    args = dict(sink=W(60, 90), source=SW(40, 35), fluid="R1233zd(E)")
    args.update(kwargs)
    with pytest.raises(exc, match=words):
        design(**args)


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(candidates=[]), InputError, "candidates"),
    (dict(p_cond_max_Pa=-1.0), InputError, "p_cond_max_Pa"),
    (dict(dT_min_K=-1.0), InputError, "dT_min_K"),
    (dict(source=SW(95, 90)), PhysicalBoundsError, "direct heat exchange"),
])
def test_selection_invalid_inputs_raise(kwargs, exc, words):
    args = dict(sink=W(60, 90), source=SW(40, 35))
    args.update(kwargs)
    with pytest.raises(exc, match=words):
        select_refrigerant(**args)
