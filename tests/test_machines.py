"""Machines as they run: capacity and minimum load in the hourly dispatch, compressor
figures, supplier datasheets."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.core.errors import InputError
from heatcalc.evaluation.hourly.dispatch import DispatchInputs, Storage, dispatch_greedy, dispatch_lp, dispatch_rule

#: Output this close below the minimum load counts as at it [kW] (the dispatch's own tolerance is relative 1e-6).
Q_MIN_ATOL_KW = 1e-3
#: Heat balance tolerance of the LP [kW] (HiGHS tolerances).
LP_Q_ATOL_KW = 1e-4
#: LP/MILP objective slack when comparing with another feasible dispatch [EUR].
OBJ_ATOL_EUR = 1e-3


def _check_part_load(d, q_min_kW: float, q_cap_kW: np.ndarray):
    q = d.Q_hp_kW
    assert np.all(q <= q_cap_kW + Q_MIN_ATOL_KW), "heat pump above its capacity"
    between = (q > Q_MIN_ATOL_KW) & (q < q_min_kW - Q_MIN_ATOL_KW)
    assert not between.any(), f"heat pump between 0 and its minimum load at steps {np.flatnonzero(between)[:5]}"
    assert np.abs(d.balance_residual_kW()).max() < LP_Q_ATOL_KW


@st.composite
def part_load_inputs(draw, max_n=48):
    n = draw(st.integers(2, max_n))
    f = st.floats(0.0, 1.0, allow_nan=False)
    arr = lambda lo, hi: np.array([lo + (hi - lo) * draw(f) for _ in range(n)])  # noqa: E731
    cap = draw(st.floats(50.0, 500.0))
    q_min = cap * draw(st.floats(0.05, 0.9))
    return DispatchInputs(dt_h=1.0, Q_demand_kW=arr(0.0, 600.0), Q_hp_max_kW=np.minimum(arr(0.3, 1.2) * cap, cap),
                          cop_hp=arr(1.5, 5.0), P_grid_max_kW=arr(20.0, 400.0), c_el_EUR_per_MWh=arr(-20.0, 300.0),
                          c_fuel_heat_EUR_per_MWh=arr(40.0, 120.0), Q_eb_max_kW=draw(st.sampled_from([0.0, 200.0])),
                          Q_hp_min_kW=q_min)


@settings(max_examples=25, deadline=None)
@given(part_load_inputs(), st.sampled_from([0.0, 300.0]))
def test_every_dispatcher_keeps_capacity_and_minimum_load(inp, storage_kWh):
    """Heat from the heat pump is never above its capacity nor strictly between 0 and its minimum load,
    in every dispatch mode (rule, greedy with storage, LP by MILP and by the switch-off rule)."""
    st_ = Storage.default(storage_kWh) if storage_kWh else None
    cap = inp.Q_hp_max_kW
    runs = [dispatch_rule(inp), dispatch_rule(inp, hp_on_price=True), dispatch_greedy(inp, st_),
            dispatch_lp(inp, st_, min_load="milp"), dispatch_lp(inp, st_, min_load="switch_off"),
            dispatch_lp(inp, st_)]
    for d in runs:
        _check_part_load(d, inp.Q_hp_min_kW, cap)
        assert d.grid_limit_exceeded_steps == 0
    milp = runs[3]
    # the MILP is optimal among dispatches that keep the minimum load: no worse than the rule or the switch-off LP
    for other in (runs[0], runs[4]):
        assert milp.objective_EUR() <= other.objective_EUR() + OBJ_ATOL_EUR + 1e-6 * abs(other.objective_EUR())
    # and no better than the LP without the minimum load (its relaxation)
    relaxed = dispatch_lp(inp.with_(Q_hp_min_kW=0.0), st_)
    assert relaxed.objective_EUR() <= milp.objective_EUR() + OBJ_ATOL_EUR + 1e-6 * abs(milp.objective_EUR())


def test_rule_switches_off_below_minimum_load_by_hand():
    """Demand 100, 30, 50 kW; capacity 80 kW, minimum 40 kW: the heat pump gives 80, 0, 50 kW."""
    inp = DispatchInputs(dt_h=1.0, Q_demand_kW=[100.0, 30.0, 50.0], Q_hp_max_kW=[80.0] * 3, cop_hp=[3.0] * 3,
                         P_grid_max_kW=[np.inf] * 3, c_el_EUR_per_MWh=[50.0] * 3, c_fuel_heat_EUR_per_MWh=80.0,
                         Q_hp_min_kW=40.0)
    d = dispatch_rule(inp)
    assert d.Q_hp_kW.tolist() == [80.0, 0.0, 50.0]
    assert d.Q_gas_kW.tolist() == [20.0, 30.0, 0.0]
    # a grid limit that allows only 10 kW electric (30 kW heat at COP 3) also switches it off
    d = dispatch_rule(inp.with_(P_grid_max_kW=np.full(3, 10.0)))
    assert d.Q_hp_kW.tolist() == [0.0, 0.0, 0.0]


def test_lp_with_min_load_by_hand():
    """Cheap power in step 0 only; demand 30 kW, minimum 40 kW, a 100 kWh tank: without the tank the heat pump
    cannot run at all; with it, the MILP runs it at >= 40 kW in step 0 and stores the surplus."""
    inp = DispatchInputs(dt_h=1.0, Q_demand_kW=[30.0, 30.0], Q_hp_max_kW=[80.0, 80.0], cop_hp=[4.0, 4.0],
                         P_grid_max_kW=[np.inf] * 2, c_el_EUR_per_MWh=[10.0, 400.0], c_fuel_heat_EUR_per_MWh=80.0,
                         Q_hp_min_kW=40.0)
    assert dispatch_lp(inp).Q_hp_kW.tolist() == [0.0, 0.0]
    d = dispatch_lp(inp, Storage(capacity_kWh=100.0), min_load="milp")
    assert d.Q_hp_kW[0] == pytest.approx(60.0, abs=LP_Q_ATOL_KW)  # 30 kW now + 30 kW for the next step
    assert d.Q_hp_kW[1] == pytest.approx(0.0, abs=LP_Q_ATOL_KW)
    assert d.solver["min_load"] in ("lp", "milp")


def test_min_load_argument_errors():
    inp = DispatchInputs(dt_h=1.0, Q_demand_kW=[30.0], Q_hp_max_kW=[80.0], cop_hp=[4.0], P_grid_max_kW=[np.inf],
                         c_el_EUR_per_MWh=[10.0], c_fuel_heat_EUR_per_MWh=80.0, Q_hp_min_kW=40.0)
    with pytest.raises(InputError, match="Q_hp_min_kW"):
        inp.with_(Q_hp_min_kW=-1.0)
    with pytest.raises(InputError, match="min_load"):
        dispatch_lp(inp.with_(Q_demand_kW=np.array([45.0])), min_load="round")


# ------------------------------------------------------------------------------------------
# compressor figures and case fields
def test_compressor_min_load_from_data():
    from heatcalc.thermo.compressors import COMPRESSOR_TYPES, default_compressor, min_load, modulation

    assert min_load("screw") == pytest.approx(0.10)
    assert min_load("piston") == pytest.approx(0.25)
    for kind in COMPRESSOR_TYPES:
        assert 0 < min_load(kind) < 1
        assert modulation(kind) in ("continuous", "stepped")
    assert default_compressor("heat_pump")[0] == "screw"
    assert default_compressor("mvr", compressor_hint="fan")[0] == "fan"
    with pytest.raises(InputError, match="compressor"):
        min_load("scroll-ish")


def test_case_fields_bounds():
    from heatcalc.case import Case

    base = {"case_id": "b", "heat_demand_kW": 1000, "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40}
    with pytest.raises(InputError, match="hp_min_load"):
        Case.from_dict({**base, "hp_min_load": 1.5})
    with pytest.raises(InputError, match="hp_capacity_kW"):
        Case.from_dict({**base, "hp_capacity_kW": 0})
    c = Case.from_dict({**base, "hp_capacity_kW": 800, "hp_min_load": 0.4})
    assert c.hp_capacity_kW == 800 and c.hp_min_load == 0.4


# ------------------------------------------------------------------------------------------
# the case layer: a 3,000 kW heat pump under warmer-source hours
CASE = {"case_id": "machines", "process": "heat", "heat_demand_kW": 3000, "operating_hours_per_yr": 8000,
        "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40, "options": "heat_pump", "refrigerant": "R600",
        "site_el_MWh_per_yr": 5000, "site_gas_m3_per_yr": 3000000, "grid_operator": "liander"}


@pytest.fixture(scope="module")
def profiles():
    from heatcalc.evaluation.hourly.profiles import constant_profiles

    prof = constant_profiles(168)
    h = np.arange(168)
    prof.columns["T_source_in_C"] = 40.0 + 10.0 * (h % 24 >= 12)  # warmer source half the day: more capacity
    prof.columns["heat_demand_kW"] = np.where(h % 24 < 6, 200.0, 3400.0)  # night: below the minimum load
    return prof


def test_hourly_never_above_capacity_nor_below_min_load(profiles):
    from heatcalc.evaluation.hourly.result import simulate

    case = {**CASE, "hp_min_load": 0.25}
    r = simulate(case, profiles)
    d = r.dispatch
    cap = 3000.0
    assert r.context.Q_hp_nom_kW == pytest.approx(cap)
    assert d.inputs.Q_hp_max_kW.max() <= cap + 1e-9  # the warm hours' map gives more; the capacity caps it
    _check_part_load(d, 0.25 * cap, np.full(d.inputs.n, cap))
    assert d.Q_hp_kW[:6].max() == 0.0  # 200 kW demand < 750 kW minimum: off, gas serves it
    assert d.Q_hp_kW[12] == pytest.approx(cap)  # warm, demand above capacity: full capacity, not more
    lp = simulate(case, profiles, storage=2000.0).dispatch
    assert lp.method == "lp"
    _check_part_load(lp, 0.25 * cap, np.full(lp.inputs.n, cap))


def test_hp_capacity_kW_limits_annual_and_hourly(profiles):
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.evaluation.hourly.result import simulate

    case = {**CASE, "hp_capacity_kW": 2000}
    ev = evaluate_case(case)
    row = ev.row("heat_pump")
    assert row["capacity_kW_th"] == pytest.approx(2000)
    assert "hp_capacity_kW=2,000 kW limits" in row["message"]
    d = simulate(case, profiles, evaluation=ev).dispatch
    assert d.Q_hp_kW.max() <= 2000 + 1e-9
    # default minimum load from the compressor type: screw 10 %
    _check_part_load(d, 200.0, np.full(d.inputs.n, 2000.0))
    hp = {f.option: f for f in ev.flows}["heat_pump"]
    assert hp.details["compressor"] == "screw" and hp.details["hp_min_load"] == pytest.approx(0.10)
