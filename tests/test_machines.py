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


# ------------------------------------------------------------------------------------------
# supplier datasheets
#: Fit tolerance for a datasheet generated from an exactly bilinear Q and P [-].
EXACT_FIT_RTOL = 1e-9


def _Q(S, K):
    """Synthetic machine: heat output [kW], bilinear in source inlet S and sink outlet K [°C]."""
    return 1000.0 + 10.0 * (S - 40.0) - 5.0 * (K - 80.0)


def _P(S, K):
    """Synthetic machine: electrical input [kW]."""
    return 300.0 - 3.0 * (S - 40.0) + 6.0 * (K - 80.0) + 0.05 * (S - 40.0) * (K - 80.0)


def _write_datasheet(path, rows, header="T_source_in_C,T_sink_out_C,Q_heat_kW,P_el_kW"):
    path.write_text(header + "\n" + "\n".join(",".join(f"{v:g}" for v in r) for r in rows) + "\n")
    return path


@pytest.fixture()
def datasheet(tmp_path):
    rows = [(S, K, _Q(S, K), _P(S, K)) for S in (30, 40, 50) for K in (70, 80, 90)]
    rows += [(40, 80, 0.3 * _Q(40, 80), 0.3 * _P(40, 80) * 1.1, 0.3)]  # part load: COP 1/1.1 of full load
    return _write_datasheet(tmp_path / "ds.csv", [r if len(r) == 5 else (*r, 1.0) for r in rows],
                            header="T_source_in_C,T_sink_out_C,Q_heat_kW,P_el_kW,load_fraction")


def test_datasheet_fit_reproduces_a_known_machine(datasheet):
    from heatcalc.thermo.datasheet import fit_datasheet

    m = fit_datasheet(datasheet)
    assert m.form == "bilinear" and m.n_points == 9 and m.n_part_load == 1
    assert m.max_rel_cop < EXACT_FIT_RTOL and m.max_rel_Q < EXACT_FIT_RTOL
    Q, P, cop, w = m.evaluate([45.0, 35.0], [85.0, 72.0])
    np.testing.assert_allclose(Q, [_Q(45, 85), _Q(35, 72)], rtol=EXACT_FIT_RTOL)
    np.testing.assert_allclose(cop, [_Q(45, 85) / _P(45, 85), _Q(35, 72) / _P(35, 72)], rtol=EXACT_FIT_RTOL)
    assert w == []
    assert m.min_load == pytest.approx(0.3)
    assert m.part_load[0]["cop_ratio"] == pytest.approx(1 / 1.1)
    # no extrapolation: outside the envelope NaN and a warning naming it
    Q, _, cop, w = m.evaluate([60.0], [85.0])
    assert np.isnan(cop[0]) and np.isnan(Q[0]) and "outside its envelope" in w[0] and "30 to 50" in w[0]


def test_datasheet_with_cop_column_and_fit_error_of_a_carnot_machine(tmp_path):
    """A machine at 0.5 of Carnot (source in → sink out), not bilinear: the fit error is reported and the map
    reproduces the machine between the points within it."""
    from heatcalc.thermo.datasheet import fit_datasheet

    def cop(S, K):
        return 0.5 * (K + 273.15) / (K - S)

    rows = [(S, K, 500.0, cop(S, K)) for S in (20, 30, 40, 50) for K in (70, 80, 90, 100)]
    m = fit_datasheet(_write_datasheet(tmp_path / "c.csv", rows, header="T_source_in_C,T_sink_out_C,Q_heat_kW,cop"))
    assert m.form == "quadratic"
    assert 0 < m.rms_rel_cop <= m.max_rel_cop < 0.05
    _, _, c, _ = m.evaluate(35.0, 85.0)
    assert c[0] == pytest.approx(cop(35.0, 85.0), rel=2 * m.max_rel_cop)
    assert "fit error RMS" in m.summary()


def test_datasheet_never_above_carnot(tmp_path):
    from heatcalc.thermo.datasheet import fit_datasheet

    # a datasheet point above Carnot is rejected (40 -> 50 C: Carnot 32.3)
    with pytest.raises(InputError, match="above the Carnot COP"):
        fit_datasheet(_write_datasheet(tmp_path / "a.csv", [(40, 50, 1000, 20), (40, 90, 1000, 500)]))
    # a fit that overshoots Carnot inside the envelope is clipped with a warning
    rows = [(40, 45, 100, 100 / 11.0), (40, 90, 100, 100 / 2.0), (10, 45, 100, 100 / 2.0), (10, 90, 100, 100 / 1.6)]
    m = fit_datasheet(_write_datasheet(tmp_path / "b.csv", rows))
    S, K = np.linspace(10, 40, 31), np.full(31, 46.0)
    _, _, c, w = m.evaluate(S, K)
    carnot = (K + 273.15) / (K - S)
    assert np.all(c[np.isfinite(c)] <= carnot[np.isfinite(c)] * (1 + 1e-12))


@pytest.mark.parametrize("text, words", [
    ("T_source_in_C,T_sink_out_C,Q_heat_kW\n40,80,100\n", ["P_el_kW or cop", "missing"]),
    ("T_source_in_C,T_sink_out_C,Q_heat_kW,cop\n40,80,abc,3\n", ["row 2", "Q_heat_kW", "kW"]),
    ("T_source_in_C,T_sink_out_C,Q_heat_kW,cop\n80,40,100,3\n", ["T_sink_out_C=40", "above"]),
    ("T_source_in_C,T_sink_out_C,Q_heat_kW,cop,load_fraction\n40,80,100,3,0.5\n", ["no full-load point"]),
    ("", ["empty"]),
])
def test_datasheet_errors(tmp_path, text, words):
    from heatcalc.thermo.datasheet import fit_datasheet

    p = tmp_path / "bad.csv"
    p.write_text(text)
    with pytest.raises(InputError) as e:
        fit_datasheet(p)
    for w in words:
        assert w in str(e.value)


def test_datasheet_changes_evaluate_and_hourly_as_expected(datasheet, tmp_path, capsys):
    """The heat pump becomes the datasheet machine: its COP at the case's temperatures, its capacity, its minimum
    load; outside the envelope the option is infeasible, not extrapolated."""
    import json

    from heatcalc.cli import main
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.evaluation.hourly.result import simulate

    case = {"case_id": "ds", "heat_demand_kW": 800, "T_sink_in_C": 60, "T_sink_out_C": 85, "T_source_in_C": 45,
            "options": "heat_pump"}
    generic = evaluate_case(case).row("heat_pump")
    ev = evaluate_case({**case, "hp_datasheet": str(datasheet)})
    row = ev.row("heat_pump")
    expected_cop = _Q(45, 85) / _P(45, 85)  # 3.2411
    assert row["status"] == "ok" and row["cop"] == pytest.approx(expected_cop, rel=EXACT_FIT_RTOL)
    assert abs(generic["cop"] - expected_cop) > 0.1  # the datasheet machine is another machine
    assert row["P_el_kW"] == pytest.approx(800 / expected_cop, rel=1e-9)
    assert row["capacity_kW_th"] == pytest.approx(_Q(45, 85))
    assert any("fit error" in w for w in row["warnings"])
    # too small for the demand: the rest from the baseline
    big = evaluate_case({**case, "heat_demand_kW": 3000, "hp_datasheet": str(datasheet)}).row("heat_pump")
    assert big["heat_backup_MWh_per_yr"] > 0 and "datasheet machine gives 1,025 kW" in big["message"]
    # outside the envelope
    out = evaluate_case({**case, "T_source_in_C": 60, "T_sink_out_C": 95, "hp_datasheet": str(datasheet)})
    assert out.row("heat_pump")["status"] == "infeasible" and "envelope" in out.row("heat_pump")["message"]
    # hourly: the map's COP per step, capacity capped at the machine's, min load from the datasheet (0.3)
    from heatcalc.evaluation.hourly.profiles import constant_profiles

    prof = constant_profiles(48)
    prof.columns["T_source_in_C"] = np.where(np.arange(48) < 24, 45.0, 35.0)
    prof.columns["heat_demand_kW"] = np.where(np.arange(48) % 24 < 4, 200.0, 800.0)
    d = simulate({**case, "hp_datasheet": str(datasheet)}, prof, evaluation=ev).dispatch
    np.testing.assert_allclose(d.inputs.cop_hp[24:], _Q(35, 85) / _P(35, 85), rtol=EXACT_FIT_RTOL)
    _check_part_load(d, 0.3 * _Q(45, 85), np.full(48, _Q(45, 85)))
    assert d.Q_hp_kW[:4].max() == 0.0  # 200 kW < 0.3 × 1025 kW
    # the CLI option does the same; a bad file is exit 2
    p = tmp_path / "case.json"
    p.write_text(json.dumps(case))
    assert main(["evaluate", str(p), "--datasheet", str(datasheet), "--json"]) == 0
    rows = {x["option"]: x for x in json.loads(capsys.readouterr().out)["results"]}
    assert rows["heat_pump"]["cop"] == pytest.approx(expected_cop, rel=EXACT_FIT_RTOL)
    assert main(["hourly", str(p), "--datasheet", str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err  # "error: --datasheet '…': no such file" (the CLI names the option and the file)
    assert err.startswith("error:") and "datasheet" in err and "missing.csv" in err


# ------------------------------------------------------------------------------------------
# validation against published machines (tests/data/hp_validation_points.csv)
#: The issue's tolerance: the default design within ±12 % of each published point [-].
VALIDATION_RTOL = 0.12
#: Points the default machine (eta_is 0.70, 5 K pinch, topology chosen: single stage or two-stage economiser)
#: does NOT meet, with why. Strict: the test fails as soon as one of them comes within tolerance (then move it out
#: of this list). kondou_80_130 (-22 %) and dea_302b_80_150 (-31 %) left it when the topology choice came
#: (two-stage economiser: -7.6 % and -11.6 %).
KNOWN_MISSES = {
    "arpagaus_w60_w110_basic": "a 5-10 kW lab piston machine, published single stage: the default (industrial "
                               "eta_is 0.70) is 22 % above; no sourced piston efficiency curve to replace it",
}


def _validation_points():
    import pandas as pd
    from pathlib import Path

    df = pd.read_csv(Path(__file__).parent / "data" / "hp_validation_points.csv", comment="#", skipinitialspace=True)
    out = []
    for p in df.to_dict("records"):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[p["point_id"]])] \
            if p["point_id"] in KNOWN_MISSES else []
        out.append(pytest.param(p, id=p["point_id"], marks=marks))
    return out


def test_validation_table_is_complete():
    """Every point has its source, confidence, conditions and whether it was used to calibrate."""
    for param in _validation_points():
        p = param.values[0]
        assert str(p["source"]).strip() and p["confidence"] in ("H", "M", "L", "U"), p["point_id"]
        assert p["use"] in ("independent", "calibration"), p["point_id"]
        assert p["kind"] in ("streams", "cycle") and p["cop"] > 1
    assert set(KNOWN_MISSES) <= {param.values[0]["point_id"] for param in _validation_points()}


@pytest.mark.parametrize("point", _validation_points())
def test_default_machine_within_12_percent_of_published_points(point):
    from heatcalc.options.heat_pumps import default_machine_cop

    cop, _, _ = default_machine_cop(point)
    assert cop == pytest.approx(float(point["cop"]), rel=VALIDATION_RTOL)


def test_validation_points_that_left_the_known_misses_stay_within_tolerance():
    """kondou_80_130 and dea_302b_80_150 were 22 % and 31 % below with the single-stage default; with the topology
    choice (two-stage economiser) they are within ±12 % and are normal tests (above)."""
    ids = {param.values[0]["point_id"] for param in _validation_points()}
    assert {"kondou_80_130", "dea_302b_80_150"} <= ids
    assert not {"kondou_80_130", "dea_302b_80_150"} & set(KNOWN_MISSES)


# ------------------------------------------------------------------------------------------
# topology chosen for the case
TOPO_CASE = {"case_id": "topo", "heat_demand_kW": 1000.0, "T_sink_in_C": 125.0, "T_sink_out_C": 130.0,
             "T_source_in_C": 80.0, "T_source_out_C": 75.0, "refrigerant": "R1234ze(Z)", "options": "heat_pump"}


def test_topology_choice_keeps_the_better_cop_and_says_why():
    from heatcalc.case import Case
    from heatcalc.options.heat_pumps import design_for_case

    auto = design_for_case(Case.from_dict(TOPO_CASE))
    single = design_for_case(Case.from_dict({**TOPO_CASE, "hp_topology": "single"}))
    two = design_for_case(Case.from_dict({**TOPO_CASE, "hp_topology": "two_stage"}))
    assert auto.cop == pytest.approx(max(single.cop, two.cop), rel=1e-12)
    assert auto.details["topology"] == "two_stage" and "two-stage" in auto.message
    assert "above single stage" in auto.details["topology_reason"]
    tried = auto.details["topologies_tried"]
    assert tried["single"]["cop"] == pytest.approx(single.cop, rel=1e-12)
    assert all(tried[k]["reason"].startswith("not tried") for k in ("single_stage_ihx", "cascade", "transcritical"))
    # the two-stage design keeps the pinch on both exchangers and stays below the Lorenz COP of the streams
    d = two.details["design"]
    assert d.cycle.topology == "two_stage"
    assert d.condenser.pinch_dT_K == pytest.approx(5.0, abs=1e-3)
    assert d.evaporator.pinch_dT_K == pytest.approx(5.0, abs=1e-3)
    assert two.cop < d.cop_lorenz
    with pytest.raises(InputError, match="hp_topology"):
        Case.from_dict({**TOPO_CASE, "hp_topology": "triple"})


@settings(max_examples=8, deadline=None)
@given(st.floats(30.0, 80.0), st.floats(25.0, 70.0))
def test_topology_choice_is_never_worse_than_single_stage(T_source_in_C, lift_K):
    """Property: the chosen machine's COP is never below the single-stage design's, nor above Carnot."""
    from heatcalc.case import Case
    from heatcalc.core.errors import HeatCalcError
    from heatcalc.options.heat_pumps import design_for_case
    from heatcalc.thermo.cop_models import carnot_cop

    case = {**TOPO_CASE, "refrigerant": "R1233zd(E)", "T_source_in_C": T_source_in_C,
            "T_source_out_C": T_source_in_C - 5.0, "T_sink_out_C": T_source_in_C + lift_K,
            "T_sink_in_C": T_source_in_C + lift_K - 5.0}
    try:
        single = design_for_case(Case.from_dict({**case, "hp_topology": "single"}))
    except HeatCalcError:
        return
    auto = design_for_case(Case.from_dict(case))
    assert auto.cop >= single.cop * (1 - 1e-12)
    d = auto.details["design"]
    assert auto.cop < carnot_cop(d.T_cond_K, d.T_evap_K)


# ------------------------------------------------------------------------------------------
# honest edges: property-model range, Jesper blending
def test_state_outside_the_property_model_gives_a_warning_naming_it():
    """R1234ze(Z)'s equation of state ends at 166.85 °C; a discharge above it is returned with a warning naming
    the state (CoolProp extrapolates it without an error)."""
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.cycles import single_stage
    from heatcalc.thermo.fluids import get_fluid

    fl = get_fluid("R1234ze(Z)")
    assert fl.T_max_K == pytest.approx(C_to_K(166.85), abs=1e-6)
    r = single_stage("R1234ze(Z)", C_to_K(70), C_to_K(140), superheat_K=25.0)
    assert r.T_discharge_K > fl.T_max_K
    w = [x for x in r.warnings if "property model" in x]
    assert len(w) == 1 and "2 compressor discharge" in w[0] and "166.85" in w[0]
    # inside the range: no such warning
    r = single_stage("R1234ze(Z)", C_to_K(70), C_to_K(130))
    assert r.T_discharge_K < fl.T_max_K and not any("property model" in x for x in r.warnings)


def test_two_stage_and_transcritical_check_the_property_model_range_too():
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.multistage import two_stage
    from heatcalc.thermo.transcritical import transcritical

    assert not any("property model" in w for w in two_stage("R1233zd(E)", C_to_K(60), C_to_K(140)).warnings)
    assert not any("property model" in w for w in transcritical(C_to_K(10), C_to_K(40)).warnings)


@settings(max_examples=40, deadline=None)
@given(st.floats(25.0, 78.0))
def test_jesper_blended_is_continuous_at_100_C(lift_K):
    """The blended rule has no jump at the 100 °C sink outlet where the two fits meet (the switch jumps by up to
    22 %); at 160 °C and above it is the VHTHP fit itself; below 100 °C the conventional fit."""
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.cop_models import jesper_cop

    T = C_to_K(100.0)
    lo = jesper_cop(T - 1e-6, T - 1e-6 - lift_K).cop
    hi = jesper_cop(T + 1e-6, T + 1e-6 - lift_K).cop
    assert hi == pytest.approx(lo, rel=1e-6)
    for T_C in (160.0, 165.0):
        T = C_to_K(T_C)
        assert jesper_cop(T, T - lift_K).cop == pytest.approx(jesper_cop(T, T - lift_K, "vhthp").cop, rel=1e-12)
    T = C_to_K(90.0)
    assert jesper_cop(T, T - lift_K).cop == pytest.approx(jesper_cop(T, T - lift_K, "conventional").cop, rel=1e-12)


def test_jesper_switch_jumps_where_blend_does_not():
    """The old switch (model='auto') jumps at 100 °C: documented reason for the blend."""
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.cop_models import jesper_cop

    T, lift = C_to_K(100.0), 70.0
    jump = jesper_cop(T + 1e-6, T - lift, "auto").cop / jesper_cop(T - 1e-6, T - lift, "auto").cop - 1
    assert abs(jump) > 0.05
    assert jesper_cop(T + 1e-6, T - lift).model == "jesper2021_blended"


def test_one_carnot_convention_source_inlet_to_sink_outlet():
    """The quality-grade Carnot COP is source inlet -> sink outlet everywhere: the quick model's helper, the
    product fit (Cao/Zhang 45 -> 90 C: 8.07, NREL heat_pump_model notebook eta 0.47) and the datasheet check."""
    from heatcalc.core.units import C_to_K
    from heatcalc.options.products import carnot_cop_streams as products_carnot
    from heatcalc.thermo.cop_models import carnot_cop_streams

    assert carnot_cop_streams(C_to_K(45), C_to_K(90)) == pytest.approx(363.15 / 45, rel=1e-12)
    assert products_carnot(45, 90) == pytest.approx(carnot_cop_streams(C_to_K(45), C_to_K(90)), rel=1e-12)
    assert 3.78 / carnot_cop_streams(C_to_K(45), C_to_K(90)) == pytest.approx(0.47, abs=0.005)


# ------------------------------------------------------------------------------------------
# minimum run time (on/off machines)
def _runs(q, atol=Q_MIN_ATOL_KW):
    """(start, end) of every run of the heat pump (output above atol)."""
    on = np.concatenate(([0], (np.asarray(q) > atol).astype(int), [0]))
    d = np.diff(on)
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


def _check_min_run(d, L):
    n = d.inputs.n
    for a, b in _runs(d.Q_hp_kW):
        if a > 0 and b < n:  # runs touching the period's ends may continue outside it
            assert b - a >= L, f"{d.method}: run {a}..{b} shorter than {L} steps"


@settings(max_examples=20, deadline=None)
@given(part_load_inputs(max_n=30), st.integers(2, 5), st.sampled_from([0.0, 300.0]))
def test_every_dispatcher_keeps_the_minimum_run_time(inp, L, storage_kWh):
    """Once on, the heat pump stays on at least L steps (inside the period), and capacity and minimum load
    still hold, in every dispatch mode; the MILP is never worse than the rule-based dispatch keeping the same
    rules."""
    inp = inp.with_(min_run_steps=L)
    st_ = Storage.default(storage_kWh) if storage_kWh else None
    runs = [dispatch_rule(inp), dispatch_greedy(inp, st_), dispatch_lp(inp, st_, min_load="milp"),
            dispatch_lp(inp, st_, min_load="switch_off")]
    for d in runs:
        _check_min_run(d, L)
        _check_part_load(d, inp.Q_hp_min_kW, inp.Q_hp_max_kW)
    milp, rule = runs[2], runs[0]
    if milp.solver["min_load"] == "milp":
        assert milp.objective_EUR() <= rule.objective_EUR() + OBJ_ATOL_EUR + 1e-6 * abs(rule.objective_EUR())


def test_min_run_time_by_hand():
    """Demand 100, 100, 30, 100, 30, 30, 100, 100, 100, 30 kW; 80 kW machine, minimum 40 kW, 3 steps minimum run:
    the lone step 3 (a 1-step run between two steps below the minimum) is switched off; the first run touches
    the period's start and may be shorter."""
    from heatcalc.evaluation.hourly.dispatch import short_runs

    inp = DispatchInputs(dt_h=1.0, Q_demand_kW=[100, 100, 30, 100, 30, 30, 100, 100, 100, 30], Q_hp_max_kW=[80.0] * 10,
                         cop_hp=[4.0] * 10, P_grid_max_kW=[np.inf] * 10, c_el_EUR_per_MWh=[50.0] * 10,
                         c_fuel_heat_EUR_per_MWh=80.0, Q_hp_min_kW=40.0, min_run_steps=3)
    expected = [80.0, 80.0, 0.0, 0.0, 0.0, 0.0, 80.0, 80.0, 80.0, 0.0]
    assert dispatch_rule(inp).Q_hp_kW.tolist() == expected
    without = dispatch_rule(inp.with_(min_run_steps=0)).Q_hp_kW.tolist()
    assert without[3] == 80.0  # without the minimum run time the lone step runs
    np.testing.assert_allclose(dispatch_lp(inp, min_load="milp").Q_hp_kW, expected, atol=LP_Q_ATOL_KW)
    assert short_runs([1, 0, 1, 0, 1, 1, 1, 0, 1], 3).tolist() == [False, False, True, False, False, False, False,
                                                                    False, False]
    with pytest.raises(InputError, match="min_run_steps"):
        inp.with_(min_run_steps=-1)


def test_case_min_run_time_reaches_the_hourly_dispatch(profiles):
    from heatcalc.case import Case
    from heatcalc.evaluation.hourly.prepare import min_run_steps
    from heatcalc.evaluation.hourly.result import simulate

    assert min_run_steps(1.5, 1.0, 100) == 2 and min_run_steps(None, 1.0, 100) == 0 and min_run_steps(3, 0.25, 5) == 5
    with pytest.raises(InputError, match="hp_min_run_h"):
        Case.from_dict({**CASE, "hp_min_run_h": 30})
    case = {**CASE, "hp_min_load": 0.25, "hp_min_run_h": 4}
    d = simulate(case, profiles).dispatch
    assert d.inputs.min_run_steps == 4
    _check_min_run(d, 4)
    _check_part_load(d, 0.25 * 3000.0, np.full(d.inputs.n, 3000.0))


# ------------------------------------------------------------------------------------------
# the app: a datasheet uploaded in the cycle designer
def test_cycle_designer_fits_an_uploaded_datasheet_and_evaluates_the_case_with_it():
    """The synthetic bilinear machine uploaded on the cycle designer: exact fit (0.00 % error), and the quick-scan
    case's heat-pump COP is that machine's COP at the case's temperatures."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from heatcalc.core.numbers import parse_number

    rows = [(S, K, _Q(S, K), _P(S, K)) for S in (10, 35, 60) for K in (70, 100, 130)]
    text = "T_source_in_C,T_sink_out_C,Q_heat_kW,P_el_kW\n" + "\n".join(",".join(f"{v:g}" for v in r) for r in rows)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=180).run()
    at.switch_page("views/cycle_designer.py").run()
    assert not at.exception
    up = next(u for u in at.get("file_uploader") if u.key == "cd_ds_upload")
    up.set_value(("ds.csv", text.encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Map form"] == "bilinear"
    assert parse_number(metrics["COP fit error max [%]"]) == 0.0
    from views import _shared as ui

    inputs = at.session_state[ui.CASE_KEY]
    S, K = float(inputs["T_source_in_C"]), float(inputs["T_sink_out_C"])
    assert parse_number(metrics["Quick-scan case: COP [-]"]) == pytest.approx(_Q(S, K) / _P(S, K), abs=0.006)


# ------------------------------------------------------------------------------------------
# compressor efficiency by pressure ratio (opt-in curve, data/compressors.csv)
def test_screw_efficiency_curve_from_data():
    """The screw curve of data/compressors.csv: its two pieces meet at the transition (within 0.001, as the
    source's coefficients give), it peaks between pressure ratio 3 and 4 (a screw's built-in volume ratio) and
    falls on both sides; bad input is an error naming the field."""
    from heatcalc.thermo.compressors import eta_is_curve

    pr = np.linspace(1.6, 10.0, 400)
    eta, w = eta_is_curve("screw", pr)
    assert w and "no pressure-ratio range" in w[0]
    assert np.all((eta > 0.4) & (eta < 0.8))
    peak = pr[np.argmax(eta)]
    assert 3.0 < peak < 4.0
    assert eta_is_curve("screw", 5.3)[0] == pytest.approx(eta_is_curve("screw", 5.3 + 1e-9)[0], abs=1e-3)
    assert eta_is_curve("screw", 2.0)[0] < eta_is_curve("screw", 3.5)[0] > eta_is_curve("screw", 8.0)[0]
    with pytest.raises(InputError, match="pressure_ratio"):
        eta_is_curve("screw", 0.9)
    with pytest.raises(InputError, match="no efficiency curve"):
        eta_is_curve("turbo", 3.0)


def test_cycle_designer_takes_eta_is_from_the_screw_curve():
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from heatcalc.core.numbers import parse_number

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=180).run()
    at.switch_page("views/cycle_designer.py").run()
    cop0 = parse_number(next(m for m in at.metric if m.label == "COP [-]").value)
    at.checkbox(key="cd_eta_curve").check().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("from the screw curve" in c.value for c in at.caption)
    assert parse_number(next(m for m in at.metric if m.label == "COP [-]").value) != cop0
