"""Pinch targets (heatcalc.integration): worked examples from the literature, an independent
linear-programming formulation over random stream sets, energy balances, the heat-pump placement
on the grand composite curve, the ``heatcalc pinch`` command and its input errors.

Worked examples (each recomputed by hand with the problem table before being written here):

* KEMP_4 — Kemp, I. C. (2007), *Pinch Analysis and Process Integration*, 2nd ed.,
  Butterworth-Heinemann, ch. 2, the four-stream example (from Linnhoff et al. 1982, *A User
  Guide on Process Integration for the Efficient Use of Energy*, IChemE): ΔT_min = 10 K,
  Q_hot_min = 20 kW, Q_cold_min = 60 kW, pinch 90 °C hot / 80 °C cold.
* SMITH_4 — Smith, R. (2005), *Chemical Process Design and Integration*, Wiley, chapter
  "Heat Exchanger Networks I – Network Targets", the four-stream reactor example (CP in MW/K):
  ΔT_min = 10 K, Q_hot_min = 7.5 MW, Q_cold_min = 10 MW, pinch 150 °C hot / 140 °C cold.
* NOTES_4 — Pinch Analysis Problem 1 of
  https://www.student-notes.net/pinch-analysis-heat-integration-and-utility-optimization/
  (ΔT_min = 20 K): Q_hot_min = 1380 kW, Q_cold_min = 780 kW, shifted pinch 90 °C.
"""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heatcalc.cli import main
from heatcalc.core.errors import InputError
from heatcalc.integration.pinch import pinch_targets
from heatcalc.integration.streams import ProcessStream as S
from heatcalc.integration.streams import read_streams, streams_from_records

#: Agreement of two independent targets [kW].
Q_ATOL_KW = 1e-6
#: Temperature agreement [K].
T_ATOL_K = 1e-9

KEMP_4 = [S("1 cold", 20, 135, 2.0), S("2 hot", 170, 60, 3.0), S("3 cold", 80, 140, 4.0), S("4 hot", 150, 30, 1.5)]
SMITH_4 = [S("reactor 1 feed", 20, 180, 0.2), S("reactor 1 product", 250, 40, 0.15),
           S("reactor 2 feed", 140, 230, 0.3), S("reactor 2 product", 200, 80, 0.25)]
NOTES_4 = [S("H1", 120, 60, 8), S("H2", 160, 40, 10), S("C1", 10, 100, 2), S("C2", 80, 115, 60)]


@pytest.mark.parametrize("streams, dT, Qh, Qc, Th, Tc", [
    (KEMP_4, 10, 20.0, 60.0, 90.0, 80.0),
    (SMITH_4, 10, 7.5, 10.0, 150.0, 140.0),
    (NOTES_4, 20, 1380.0, 780.0, 100.0, 80.0),
], ids=["kemp2007", "smith2005", "student-notes"])
def test_worked_examples(streams, dT, Qh, Qc, Th, Tc):
    t = pinch_targets(streams, dT)
    assert t.Q_hot_min_kW == pytest.approx(Qh, abs=1e-9 * Qh + 1e-12)
    assert t.Q_cold_min_kW == pytest.approx(Qc, abs=1e-9 * Qc + 1e-12)
    assert t.pinch_T_hot_C == pytest.approx(Th, abs=T_ATOL_K)
    assert t.pinch_T_cold_C == pytest.approx(Tc, abs=T_ATOL_K)
    assert t.threshold is None
    assert t.Q_recovery_kW == pytest.approx(t.sum_cold_duty_kW - Qh)


def test_kemp_cascade_and_composites():
    """The feasible cascade of the Kemp example at its shifted boundaries (hand calculation)."""
    t = pinch_targets(KEMP_4, 10)
    assert [g["T_shifted_C"] for g in t.gcc()] == [165, 145, 140, 85, 55, 25]
    np.testing.assert_allclose([g["Q_kW"] for g in t.gcc()], [20, 80, 82.5, 0, 75, 60], atol=1e-9)
    hot, cold = t.composite("hot"), t.composite("cold")
    assert hot[0] == {"T_C": 30.0, "Q_kW": 0.0} and hot[-1]["Q_kW"] == pytest.approx(t.sum_hot_duty_kW)
    assert cold[0]["Q_kW"] == pytest.approx(60.0)
    assert cold[-1]["Q_kW"] == pytest.approx(60.0 + t.sum_cold_duty_kW)
    # the curves' top ends differ by the minimum hot utility
    assert cold[-1]["Q_kW"] - hot[-1]["Q_kW"] == pytest.approx(t.Q_hot_min_kW)


def test_dt_contribution_replaces_half_dt_min():
    """A stream's own ΔT contribution equal to ΔT_min/2 changes nothing; a larger one needs more utility."""
    base = pinch_targets(KEMP_4, 10)
    same = pinch_targets([S(s.name, s.T_supply_C, s.T_target_C, s.CP_kW_per_K, dT_min_contrib_K=5.0)
                          for s in KEMP_4], 10)
    assert same.Q_hot_min_kW == pytest.approx(base.Q_hot_min_kW)
    wide = pinch_targets([S(s.name, s.T_supply_C, s.T_target_C, s.CP_kW_per_K, dT_min_contrib_K=10.0)
                          for s in KEMP_4], 10)
    assert wide.Q_hot_min_kW == pytest.approx(pinch_targets(KEMP_4, 20).Q_hot_min_kW)


def test_threshold_problems_are_stated():
    only_hot = pinch_targets([S("h", 120, 60, 8)], 10)
    assert only_hot.threshold == "no_hot_utility" and only_hot.pinch_T_hot_C is None
    assert only_hot.Q_cold_min_kW == pytest.approx(480.0)
    only_cold = pinch_targets([S("c", 20, 60, 2)], 10)
    assert only_cold.threshold == "no_cold_utility" and only_cold.Q_hot_min_kW == pytest.approx(80.0)
    # a hot stream far above a small cold one: no hot utility, no pinch
    t = pinch_targets([S("h", 200, 150, 10), S("c", 20, 60, 1)], 10)
    assert t.threshold == "no_hot_utility" and t.pinches_T_shifted_C == []
    assert any("threshold" in n for n in t.notes)


# --------------------------------------------------------------------------------------
# independent implementation: the transshipment LP (Papoulias and Grossmann 1983)
def _lp_targets(streams, dT):
    """Minimum hot utility by linear programming over temperature intervals built independently:
    min Q_H s.t. R_k = R_{k-1} + (heat released by hot streams) - (heat taken by cold streams) in
    interval k, R_0 = Q_H, R_k >= 0; Q_C = R_last. Interval heat of each stream is its CP times the
    overlap of its shifted range with the interval, computed stream by stream (no net-CP table)."""
    from scipy.optimize import linprog

    ends = set()
    sh = []
    for s in streams:
        c = dT / 2 if s.dT_min_contrib_K is None else s.dT_min_contrib_K
        d = -c if s.is_hot else c
        a, b = sorted((s.T_supply_C + d, s.T_target_C + d))
        sh.append((a, b, s))
        ends |= {a, b}
    T = sorted(ends, reverse=True)
    n = len(T) - 1
    net = []
    for k in range(n):
        hi, lo = T[k], T[k + 1]
        q = 0.0
        for a, b, s in sh:
            ov = max(0.0, min(b, hi) - max(a, lo))
            q += s.CP_kW_per_K * ov * (1 if s.is_hot else -1)
        net.append(q)
    # variables: Q_H, R_1..R_n ; equality R_k - R_{k-1} = net_k (R_0 = Q_H)
    nv = n + 1
    A_eq = np.zeros((n, nv))
    b_eq = np.array(net)
    for k in range(n):
        A_eq[k, k + 1] = 1.0
        A_eq[k, k] = -1.0
    c = np.zeros(nv)
    c[0] = 1.0
    res = linprog(c, A_eq=A_eq, b_eq=b_eq, bounds=[(0, None)] * nv, method="highs")
    assert res.status == 0
    return res.x[0], res.x[-1]


_temps = st.integers(min_value=0, max_value=400).map(float)
_stream = st.tuples(_temps, _temps, st.floats(min_value=0.1, max_value=100.0)).filter(lambda x: abs(x[0] - x[1]) >= 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(_stream, min_size=1, max_size=12), st.sampled_from([0.0, 5.0, 10.0, 20.0]))
def test_against_lp_over_random_stream_sets(raw, dT):
    streams = [S(f"s{i}", a, b, cp) for i, (a, b, cp) in enumerate(raw)]
    t = pinch_targets(streams, dT)
    Qh, Qc = _lp_targets(streams, dT)
    scale = max(1.0, sum(s.Q_kW for s in streams)) * 1e-9
    assert t.Q_hot_min_kW == pytest.approx(Qh, abs=max(Q_ATOL_KW, scale))
    assert t.Q_cold_min_kW == pytest.approx(Qc, abs=max(Q_ATOL_KW, scale))
    # energy balance: Q_hot_min - Q_cold_min = sum of cold duties - sum of hot duties
    assert t.Q_hot_min_kW - t.Q_cold_min_kW == pytest.approx(t.sum_cold_duty_kW - t.sum_hot_duty_kW,
                                                              abs=max(Q_ATOL_KW, scale))
    assert t.Q_recovery_kW == pytest.approx(t.sum_hot_duty_kW - t.Q_cold_min_kW, abs=max(Q_ATOL_KW, scale))
    assert min(g["Q_kW"] for g in t.gcc()) >= 0.0
    if t.pinch_T_shifted_C is not None:
        assert t.gcc_at(t.pinch_T_shifted_C) == pytest.approx(0.0, abs=max(Q_ATOL_KW, scale))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(st.tuples(_stream, st.sampled_from([None, 0.0, 2.5, 15.0])), min_size=2, max_size=10))
def test_per_stream_contributions_against_lp(raw):
    streams = [S(f"s{i}", a, b, cp, dT_min_contrib_K=c) for i, ((a, b, cp), c) in enumerate(raw)]
    t = pinch_targets(streams, 10.0)
    Qh, Qc = _lp_targets(streams, 10.0)
    tol = max(Q_ATOL_KW, 1e-9 * sum(s.Q_kW for s in streams))
    assert t.Q_hot_min_kW == pytest.approx(Qh, abs=tol) and t.Q_cold_min_kW == pytest.approx(Qc, abs=tol)


# --------------------------------------------------------------------------------------
# heat pump on the GCC (one fluid keeps the test fast)
FLUID = "R1233zd(E)"


@pytest.fixture(scope="module")
def kemp():
    return pinch_targets(KEMP_4, 10)


def test_heat_pump_across_the_pinch_saves_and_balances(kemp):
    from heatcalc.integration.heat_pump import place_heat_pump

    hp = place_heat_pump(kemp, 5.0, refrigerant=FLUID)
    assert hp.crosses_pinch and not hp.saves_nothing
    assert hp.T_source_shifted_C <= kemp.pinch_T_shifted_C <= hp.T_sink_shifted_C
    assert hp.Q_sink_kW == pytest.approx(hp.Q_source_kW + hp.P_el_kW)
    assert hp.Q_hot_saved_kW == pytest.approx(hp.Q_sink_kW)
    assert 1.0 < hp.cop <= hp.cop_carnot
    assert hp.cop_carnot == pytest.approx((hp.T_cond_C + 273.15) / (hp.T_cond_C - hp.T_evap_C), rel=1e-9)
    assert hp.energy_balance_residual_kW == pytest.approx(0.0, abs=1e-9)
    assert hp.Q_hot_after_kW >= -1e-9 and hp.Q_cold_after_kW >= -1e-9
    assert hp.P_el_kW <= 5.0 + 1e-12


def test_more_power_never_removes_less_hot_utility(kemp):
    from heatcalc.integration.heat_pump import place_heat_pump

    saved = [place_heat_pump(kemp, P, refrigerant=FLUID).Q_hot_saved_kW for P in (0.5, 2, 5, 10, 20, 50)]
    assert all(b >= a - 1e-9 for a, b in zip(saved, saved[1:])), saved
    assert saved[-1] <= kemp.Q_hot_min_kW + 1e-9


@pytest.mark.parametrize("T_evap_C, T_cond_C, what", [(95.0, 130.0, "above"), (30.0, 70.0, "below")])
def test_placements_not_across_the_pinch_save_nothing(kemp, T_evap_C, T_cond_C, what):
    from heatcalc.integration.heat_pump import evaluate_placement

    hp = evaluate_placement(kemp, T_evap_C, T_cond_C, 2.0, refrigerant=FLUID)
    assert not hp.crosses_pinch and hp.saves_nothing
    assert hp.cop <= hp.cop_carnot
    if what == "above":  # like an electric heater: saves its electricity, no more
        assert hp.Q_hot_saved_kW == pytest.approx(2.0)
    else:
        assert hp.Q_hot_saved_kW == 0.0 and hp.Q_cold_after_kW == pytest.approx(kemp.Q_cold_min_kW + 2.0)
    assert hp.energy_balance_residual_kW == pytest.approx(0.0, abs=1e-9)


#: Temperature span of the point-like streams that stand for the heat pump's exchangers [K].
EPS_K = 1e-6


def _with_heat_pump(streams, hp):
    """The stream set plus the heat pump's condenser (a hot stream at T_cond) and evaporator (a cold
    stream at T_evap), each over EPS_K: an independent problem table of the site with the heat pump."""
    extra = []
    if hp.Q_sink_kW > 0:
        extra.append(S("hp condenser", hp.T_cond_C + EPS_K, hp.T_cond_C, hp.Q_sink_kW / EPS_K))
    if hp.Q_source_kW > 0:
        extra.append(S("hp evaporator", hp.T_evap_C - EPS_K, hp.T_evap_C, hp.Q_source_kW / EPS_K))
    return list(streams) + extra


@pytest.mark.parametrize("how", ["best", "across", "above", "below"])
def test_placement_agrees_with_the_problem_table_of_the_site_with_the_heat_pump(kemp, how):
    """Hot and cold utility after the heat pump, recomputed by adding its exchangers as streams."""
    from heatcalc.integration.heat_pump import evaluate_placement, place_heat_pump

    P = 5.0
    if how == "best":
        hp = place_heat_pump(kemp, P, refrigerant=FLUID)
    else:
        T_evap, T_cond = {"across": (60.0, 110.0), "above": (95.0, 130.0), "below": (30.0, 70.0)}[how]
        hp = evaluate_placement(kemp, T_evap, T_cond, P, refrigerant=FLUID)
    after = pinch_targets(_with_heat_pump(KEMP_4, hp), 10)
    tol = 1e-5
    assert after.Q_hot_min_kW == pytest.approx(hp.Q_hot_after_kW, abs=tol)
    assert after.Q_cold_min_kW == pytest.approx(hp.Q_cold_after_kW, abs=tol)


def test_placement_is_the_grid_optimum(kemp):
    """The pruned search finds what designing every pair of the grid would find."""
    from heatcalc.integration import heat_pump as H

    P = 5.0
    hp = H.place_heat_pump(kemp, P, refrigerant=FLUID, n_grid=12)
    grid = H._grid(kemp, 12)
    best = 0.0
    for Ts in grid:
        for Tk in grid:
            T_evap, T_cond = Ts - 5.0, Tk + 5.0
            if T_cond <= T_evap + H.MIN_LIFT_K:
                continue
            try:
                x = H.evaluate_placement(kemp, T_evap, T_cond, P, refrigerant=FLUID)
            except InputError:
                continue
            if x.crosses_pinch:
                best = max(best, x.Q_hot_saved_kW)
    assert hp.Q_hot_saved_kW == pytest.approx(best, rel=1e-9)


def test_heat_pump_in_a_threshold_problem_saves_nothing():
    from heatcalc.integration.heat_pump import place_heat_pump

    t = pinch_targets([S("h", 120, 60, 8)], 10)
    hp = place_heat_pump(t, 10.0, refrigerant=FLUID)
    assert hp.Q_hot_saved_kW == 0.0 and hp.saves_nothing and hp.P_el_kW == 0.0


def test_heat_pump_power_is_checked(kemp):
    from heatcalc.integration.heat_pump import place_heat_pump

    with pytest.raises(InputError, match=r"P_el_kW=-1 kW is out of range"):
        place_heat_pump(kemp, -1)


# --------------------------------------------------------------------------------------
# stream files and their errors
def _csv(tmp_path, text, name="s.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_example_file_reads_and_has_a_pinch():
    from heatcalc.core.datafiles import DATA_DIR
    from pathlib import Path

    p = Path(DATA_DIR) / "examples" / "dairy_streams.csv"
    streams = read_streams(p)
    assert len(streams) >= 8 and any(s.is_hot for s in streams) and any(not s.is_hot for s in streams)
    t = pinch_targets(streams, 10)
    assert t.pinch_T_shifted_C is not None and t.hours_per_yr == 6000


def test_semicolon_decimal_comma_bom_and_alternative_duties(tmp_path):
    p = tmp_path / "s.csv"
    p.write_bytes("\ufeffName;T_supply_C;T_target_C;CP_kW_per_K;Q_kW;m_kg_per_s;cp_kJ_per_kgK\n"
                  "a;170;60;3,0;;;\nb;20;135;;230;;\nc;80;140;;;1;4\n".encode("utf-8"))
    s = read_streams(p)
    assert [x.CP_kW_per_K for x in s] == pytest.approx([3.0, 2.0, 4.0])


def test_json_stream_file(tmp_path):
    p = tmp_path / "s.json"
    p.write_text(json.dumps({"streams": [{"name": s.name, "T_supply_C": s.T_supply_C, "T_target_C": s.T_target_C,
                                          "CP_kW_per_K": s.CP_kW_per_K} for s in KEMP_4]}))
    assert pinch_targets(read_streams(p), 10).Q_hot_min_kW == pytest.approx(20.0)


@pytest.mark.parametrize("body, match", [
    ("name,T_supply_C,T_target_C,CP_kW_per_K\na,170,60,abc\n",
     r"s\.csv row 2, column CP_kW_per_K: .*'abc'.*not a number"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K\na,170,60,-3\n", r"row 2, column CP_kW_per_K: .*-3.0 kW/K.*0 < x"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K\na,5000,60,3\n",
     r"row 2, column T_supply_C: .*5000.0 °C.*-200 ≤ x ≤ 2000"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K\na,60,60,3\n", r"column T_target_C: .*equals the supply"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K\na,70,60,3\na,80,50,1\n", r"row 3, column name: .*repeats"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K,colour\na,70,60,3,red\n", r"'colour' not known"),
    ("name,T_supply_C,CP_kW_per_K\na,70,3\n", r"column T_target_C is missing"),
    ("name,T_supply_C,T_target_C\na,70,60\n", r"column CP_kW_per_K is missing"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K,type\na,70,60,3,cold\n", r"column type: .*contradicts"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K,hours_per_yr\na,70,60,3,9000\n", r"hours_per_yr=9000.0 h/yr.*8784"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K,Q_kW\na,70,60,3,100\n", r"column Q_kW: .*contradicts"),
    ("# only a comment\n", r"no header"),
    ("name,T_supply_C,T_target_C,CP_kW_per_K\n", r"no stream given"),
])
def test_bad_stream_files_name_row_column_value_unit_range(tmp_path, body, match):
    with pytest.raises(InputError, match=match):
        read_streams(_csv(tmp_path, body))


def test_records_from_a_table_skip_empty_rows():
    recs = [{"name": "a", "T_supply_C": 170, "T_target_C": 60, "CP_kW_per_K": 3.0},
            {"name": None, "T_supply_C": math.nan, "T_target_C": None, "CP_kW_per_K": None}]
    assert len(streams_from_records(recs, "table")) == 1
    with pytest.raises(InputError, match=r"table row 1, column T_supply_C: .*missing"):
        streams_from_records([{"name": "a", "T_supply_C": None, "T_target_C": 60, "CP_kW_per_K": 3.0}], "table")


# --------------------------------------------------------------------------------------
# the command
CONTRACT_KEYS = {"pinch_T_hot_C", "pinch_T_cold_C", "Q_hot_min_kW", "Q_cold_min_kW", "Q_recovery_kW", "gcc"}


def _kemp_csv(tmp_path):
    return _csv(tmp_path, "name,T_supply_C,T_target_C,CP_kW_per_K\n" +
                "".join(f"{s.name},{s.T_supply_C},{s.T_target_C},{s.CP_kW_per_K}\n" for s in KEMP_4))


def test_cli_json_contract(tmp_path, capsys):
    rc = main(["pinch", str(_kemp_csv(tmp_path)), "--dt-min", "10", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0 and CONTRACT_KEYS <= set(d)
    assert d["Q_hot_min_kW"] == pytest.approx(20.0) and d["Q_cold_min_kW"] == pytest.approx(60.0)
    assert (d["pinch_T_hot_C"], d["pinch_T_cold_C"]) == (90.0, 80.0)
    assert d["Q_recovery_kW"] == pytest.approx(470.0 - 20.0)
    assert all(set(g) == {"T_shifted_C", "Q_kW"} for g in d["gcc"])


def test_cli_heat_pump_and_text(tmp_path, capsys):
    p = str(_kemp_csv(tmp_path))
    rc = main(["pinch", p, "--json", "--hp-power-kW", "5", "--refrigerant", FLUID])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0 and d["heat_pump"]["crosses_pinch"] and d["heat_pump"]["Q_hot_saved_kW"] > 5.0
    rc = main(["pinch", p])
    out = capsys.readouterr().out
    assert rc == 0 and "minimum hot utility" in out and "90.0 °C hot side / 80.0 °C cold side" in out


@pytest.mark.parametrize("args, match", [
    (["--dt-min", "200"], r"error: --dt-min=200.0 K is out of range"),
    (["--hp-power-kW", "0"], r"error: --hp-power-kW=0.0 kW is out of range"),
    (["--hp-t-evap", "40"], r"error: --hp-t-evap and --hp-t-cond go together"),
])
def test_cli_bad_options(tmp_path, capsys, args, match):
    rc = main(["pinch", str(_kemp_csv(tmp_path)), *args])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1
    assert __import__("re").search(match, err), err


def test_cli_missing_file(capsys):
    rc = main(["pinch", "no/such/streams.csv"])
    assert rc == 2 and "does not exist" in capsys.readouterr().err


# --------------------------------------------------------------------------------------
# figures and the app page
def test_figures_draw_the_curves_in_both_languages(kemp):
    from heatcalc.present.pinch_plots import composite_figure, gcc_figure

    d = kemp.to_dict(detail=True)
    fig = composite_figure(d, "en")
    assert len(fig.data) == 2 and fig.layout.yaxis.title.text == "Temperature [°C]"
    assert list(fig.data[0].y) == [p["T_C"] for p in d["hot_composite"]]
    hp = {"P_el_kW": 2.0, "Q_sink_kW": 8.0, "Q_source_kW": 6.0, "T_source_shifted_C": 60.0,
          "T_sink_shifted_C": 100.0}
    g = gcc_figure(kemp, "nl", heat_pump=hp)
    assert g.layout.yaxis.title.text == "Verschoven temperatuur [°C]"
    assert list(g.data[0].x) == [p["Q_kW"] for p in d["gcc"]] and len(g.data) == 3


def test_app_page_shows_targets_as_metrics():
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("views/process_integration.py").run()
    assert not at.exception and not at.error
    labels = [m.label for m in at.metric]
    assert any("Minimum hot utility" in lab for lab in labels) and any("Pinch" in lab for lab in labels)
    from heatcalc.present.i18n import parse_number

    hot = next(m for m in at.metric if "Minimum hot utility" in m.label)
    assert parse_number(hot.value, "en") == pytest.approx(4542.5, abs=1.0)  # the dairy example's target


#: A stream name that Markdown would render as a link.
_LINK_NAME = "[clickme](http://evil.example)"
#: An unescaped Markdown link: "](" not preceded by a backslash.
_MD_LINK = re.compile(r"(?<!\\)\]\((?!\s)")


def test_app_page_shows_stream_names_as_plain_text():
    """A stream called ``[clickme](http://evil.example)`` (from an uploaded file) is shown as its
    characters in every caption, never as a link."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "app.py"), default_timeout=120)
    at.run()
    names = [_LINK_NAME, "hot <b>x</b>", "3 cold", "4 hot"]  # Kemp's four streams renamed
    at.session_state["pi_records"] = [{"name": n, "T_supply_C": s.T_supply_C, "T_target_C": s.T_target_C,
                                       "CP_kW_per_K": s.CP_kW_per_K} for n, s in zip(names, KEMP_4)]
    at.switch_page("views/process_integration.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    texts = [el.value for kind in ("caption", "markdown", "warning", "info", "error", "success")
             for el in getattr(at, kind)]
    shown = [t for t in texts if "clickme" in t]
    assert shown, texts  # the name is shown ...
    for t in texts:
        assert not _MD_LINK.search(t), t  # ... and nowhere as a Markdown link
        assert "<b>" not in t, t
    hot = next(m for m in at.metric if "Minimum hot utility" in m.label)
    from heatcalc.present.i18n import parse_number

    assert parse_number(hot.value, "en") == pytest.approx(20.0, abs=1e-6)  # Kemp's four streams: 20 kW


def test_stream_text_of_an_upload_reads_as_the_file(tmp_path):
    from heatcalc.integration.streams import read_streams_text

    p = tmp_path / "s.csv"
    p.write_text("name;T_supply_C;T_target_C;CP_kW_per_K\nh;150;60;2,5\nc;20;135;2\n", encoding="utf-8")
    assert read_streams_text(p.read_text(), "s.csv") == read_streams(p)
    js = json.dumps({"streams": [{"name": "h", "T_supply_C": 150, "T_target_C": 60, "CP_kW_per_K": 2.5}]})
    assert read_streams_text(js, "up.json")[0].Q_kW == pytest.approx(225.0)
    with pytest.raises(InputError, match="extension '.xlsx'"):
        read_streams_text("x", "s.xlsx")
