"""Default machine against published heat pumps, and the time of one case's evaluation.

Prints the validation table of ``tests/data/hp_validation_points.csv`` (published COP, heatcalc's
default machine, deviation, within ±12 %?) and the median time of ``evaluate_case`` for one case
(cold: first design of its streams; warm: design cached).

    .venv/bin/python benchmarks/bench_machines.py [--repeats N]
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pandas as pd

from heatcalc.options.heat_pumps import default_machine_cop

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "hp_validation_points.csv"
#: Tolerance of the validation (issue: the default design within ±12 % of each point) [-].
TOL = 0.12


def _with_screw_curve(p: dict) -> float:
    """COP of the same point with η_is from the screw curve at the default design's pressure ratio per stage
    (data/compressors.csv; not a heatcalc default: the comparison of docs/machines.md)."""
    from heatcalc.case import Case
    from heatcalc.core.units import C_to_K
    from heatcalc.options.heat_pumps import _topology_of, design_for_case
    from heatcalc.thermo.compressors import eta_is_curve
    from heatcalc.thermo.cycles import single_stage

    if p["kind"] == "cycle":
        pr = single_stage(p["refrigerant"], C_to_K(p["T_evap_C"]), C_to_K(p["T_cond_C"])).pressure_ratio
    else:
        d = design_for_case(Case.from_dict({
            "case_id": "x", "heat_demand_kW": 1000.0, "T_sink_in_C": p["T_sink_in_C"], "T_sink_out_C": p["T_sink_out_C"],
            "T_source_in_C": p["T_source_in_C"], "T_source_out_C": p["T_source_out_C"], "refrigerant": p["refrigerant"],
            "hp_topology": _topology_of(p)}))
        cyc = d.details["design"].cycle
        pr = cyc.pressure_ratio ** (0.5 if cyc.topology == "two_stage" else 1.0)
    eta, _ = eta_is_curve("screw", pr)
    return default_machine_cop({**p, "eta_is": float(eta)})[0]


def _compressor_of(p: dict) -> str:
    """Compressor type heatcalc's rule picks for the point (data/compressor_selection.csv) at its published
    capacity (1,000 kW, the validation design's size, where none is published) and the design's pressure ratio per
    stage."""
    from heatcalc.case import Case
    from heatcalc.core.units import C_to_K
    from heatcalc.options.heat_pumps import _topology_of, design_for_case
    from heatcalc.thermo.compressors import select_compressor, stage_pressure_ratio
    from heatcalc.thermo.cycles import single_stage

    Q = float(p["capacity_kW"]) if pd.notna(p.get("capacity_kW")) else 1000.0
    if p["kind"] == "cycle":
        cyc = single_stage(p["refrigerant"], C_to_K(p["T_evap_C"]), C_to_K(p["T_cond_C"]))
    else:
        cyc = design_for_case(Case.from_dict({
            "case_id": "x", "heat_demand_kW": 1000.0, "T_sink_in_C": p["T_sink_in_C"], "T_sink_out_C": p["T_sink_out_C"],
            "T_source_in_C": p["T_source_in_C"], "T_source_out_C": p["T_source_out_C"], "refrigerant": p["refrigerant"],
            "hp_topology": _topology_of(p)})).details["design"].cycle
    return select_compressor(Q, stage_pressure_ratio(cyc))[0]


def validation_rows() -> list[dict]:
    df = pd.read_csv(TABLE, comment="#", skipinitialspace=True)
    rows = []
    for p in df.to_dict("records"):
        cop, fluid, _ = default_machine_cop(p)
        dev = cop / float(p["cop"]) - 1.0
        screw = _with_screw_curve(p) / float(p["cop"]) - 1.0
        rows.append({**p, "cop_model": cop, "refrigerant_model": fluid, "deviation": dev, "within": abs(dev) <= TOL,
                     "deviation_screw_curve": screw, "compressor_model": _compressor_of(p)})
    return rows


def print_table(rows: list[dict]) -> None:
    print("| point | kind | conditions | machine | compressor (rule) | use | published COP | heatcalc COP | deviation "
          "| within ±12 % | deviation with the screw η(Π) curve |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["kind"] == "cycle":
            cond = f"T_evap {r['T_evap_C']:g} / T_cond {r['T_cond_C']:g} °C"
        else:
            cond = (f"{r['T_source_in_C']:g}→{r['T_source_out_C']:g} °C / {r['T_sink_in_C']:g}→{r['T_sink_out_C']:g} °C")
        print(f"| {r['point_id']} | {r['kind']} | {cond} | {r['refrigerant_model']} | {r['compressor_model']} | {r['use']} | {r['cop']:.2f} | "
              f"{r['cop_model']:.2f} | {r['deviation']:+.1%} | {'yes' if r['within'] else 'NO'} | "
              f"{r['deviation_screw_curve']:+.1%} |")


def time_evaluation(repeats: int, topology: str = "auto") -> tuple[float, float]:
    """Median cold and warm time of one case's evaluation [s]; ``topology="single"`` is the machine before the
    topology choice (single stage only), ``auto`` the choice of single stage or two-stage economiser."""
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.options import heat_pumps

    case = {"case_id": "bench", "heat_demand_kW": 3000, "T_sink_in_C": 90, "T_sink_out_C": 120,
            "T_source_in_C": 60, "options": "heat_pump", "hp_topology": topology}
    cold, warm = [], []
    for i in range(repeats):
        for f in (heat_pumps._select, heat_pumps._screen, heat_pumps._two_stage):  # design caches: cleared
            if hasattr(f, "cache_clear"):
                f.cache_clear()
        t = time.perf_counter()
        evaluate_case({**case, "case_id": f"bench{i}"})
        cold.append(time.perf_counter() - t)
        for j in range(10):  # warm: design cached; ten evaluations per repeat (one is too noisy at ~1 ms)
            t = time.perf_counter()
            evaluate_case({**case, "case_id": f"bench{i}w{j}"})
            warm.append(time.perf_counter() - t)
    return statistics.median(cold), statistics.median(warm)


def time_min_run(repeats: int) -> list[tuple[str, float, float]]:
    """Median time [s] and objective [EUR] of the hourly dispatch of one year (8,760 h, a 2,000 kW heat pump with
    a 600 kW minimum load, synthetic daily demand and price, seeded) without and with a 4 h minimum run time."""
    import numpy as np

    from heatcalc.evaluation.hourly.dispatch import DispatchInputs, dispatch_lp, dispatch_rule

    rng = np.random.default_rng(1)
    n = 8760
    day = np.sin(np.arange(n) / 24 * 2 * np.pi)
    inp = DispatchInputs(dt_h=1.0, Q_demand_kW=np.clip(1500 + 1200 * day + rng.normal(0, 400, n), 0, None),
                         Q_hp_max_kW=np.full(n, 2000.0), cop_hp=np.full(n, 3.0), P_grid_max_kW=np.full(n, np.inf),
                         c_el_EUR_per_MWh=60 + 40 * np.roll(day, 6) + rng.normal(0, 30, n),
                         c_fuel_heat_EUR_per_MWh=70.0, Q_hp_min_kW=600.0)
    out = []
    for L in (0, 4):
        for name, run in (("rule", lambda i: dispatch_rule(i)), ("milp", lambda i: dispatch_lp(i, min_load="milp")),
                          ("lp_switch_off", lambda i: dispatch_lp(i, min_load="switch_off"))):
            ts, obj = [], None
            for _ in range(repeats):
                t = time.perf_counter()
                obj = run(inp.with_(min_run_steps=L)).objective_EUR()
                ts.append(time.perf_counter() - t)
            out.append((f"{name}, min run {L} h", statistics.median(ts), obj))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    rows = validation_rows()
    print_table(rows)
    n_in = sum(r["within"] for r in rows)
    print(f"\n{n_in} of {len(rows)} points within ±{TOL:.0%}")
    uses = {u: sum(r["use"] == u for r in rows) for u in ("independent", "calibration")}
    print(f"independent points (not used to fit or choose anything): {uses['independent']}; calibration points: "
          f"{uses['calibration']}")
    time_evaluation(1)  # CoolProp and the data files loaded before timing
    cold0, warm0 = time_evaluation(a.repeats, "single")
    cold, warm = time_evaluation(a.repeats, "auto")
    print(f"evaluate_case, one heat-pump case (60 → 90/120 °C), median of {a.repeats}:")
    print(f"  before (single stage only, hp_topology=single): cold {cold0 * 1000:.1f} ms, warm {warm0 * 1000:.2f} ms")
    print(f"  after  (topology chosen, hp_topology=auto):     cold {cold * 1000:.1f} ms, warm {warm * 1000:.2f} ms")
    print(f"  ratio after/before: cold {cold / cold0:.2f}×, warm {warm / warm0:.2f}× (target ≤ 2×)")
    print("hourly dispatch of 8,760 h, 2,000 kW heat pump, 600 kW minimum load (median of 3):")
    for name, t, obj in time_min_run(3):
        print(f"  {name}: {t:.3f} s, cost {obj:,.0f} EUR")


if __name__ == "__main__":
    main()
