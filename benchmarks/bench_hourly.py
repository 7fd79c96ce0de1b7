"""Benchmark of the hourly simulation (prints medians, asserts nothing).

One year of 8760 hours of the brewery example case with the synthetic time-bound-right profiles
(data/profiles/synthetic_brewery_2025_time_bound.csv):

* ``rule``      rule-based dispatch without storage (vectorised numpy)          target ≤ 0.2 s
* ``run``       the same through :func:`heatcalc.evaluation.hourly.result.run` (tax rates settled on the dispatch, annual money)
* ``greedy``    the greedy rule with a 20 MWh storage
* ``lp``        LP dispatch (HiGHS) with a 20 MWh storage and the network's peak charges   target ≤ 3 s
* ``sweep``     a 20-point heat-pump size sweep (rule dispatch, annual money, NPV)         target ≤ 5 s
* ``read``      reading the profiles CSV
* ``prepare``   building the arrays from the evaluated case: COP map at 8760 temperatures, tariff rates

The case evaluation (heat-pump design, COP map) is done once before timing. Run::

    .venv/bin/python benchmarks/bench_hourly.py [--repeat 5]

Timings are medians of the repeats; the machine is shared, so figures are noisy: compare the ratios printed
against the rule dispatch measured in the same run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CASE = ROOT / "data" / "examples" / "brewery_hot_water.json"
PROFILES = ROOT / "data" / "profiles" / "synthetic_brewery_2025_time_bound.csv"
STORAGE_KWH = 20_000.0
TARGETS_S = {"rule": 0.2, "lp": 3.0, "sweep": 5.0}


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    from heatcalc.case import load_case
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.evaluation.hourly.dispatch import Storage, dispatch_greedy, dispatch_lp, dispatch_rule
    from heatcalc.evaluation.hourly.prepare import prepare
    from heatcalc.evaluation.hourly.profiles import read_profiles
    from heatcalc.evaluation.hourly.result import run
    from heatcalc.evaluation.hourly.sizing import sweep_hp_size

    t0 = time.perf_counter()
    case = load_case(CASE)
    evaluation = evaluate_case(case)
    prof = read_profiles(PROFILES)
    ctx = prepare(case, prof, evaluation=evaluation)
    storage = Storage.default(STORAGE_KWH, kind=ctx.storage_kind)
    run(ctx)  # warm caches (tariff tables, cost curves)
    setup_s = time.perf_counter() - t0
    inp = ctx.inputs

    rows = []
    t_read, _ = median_time(lambda: read_profiles(PROFILES), args.repeat)
    t_prep, _ = median_time(lambda: prepare(case, prof, evaluation=evaluation), args.repeat)
    t_rule, d_rule = median_time(lambda: dispatch_rule(inp), max(args.repeat, 20))
    t_run, _ = median_time(lambda: run(ctx), args.repeat)
    t_greedy, d_greedy = median_time(lambda: dispatch_greedy(inp, storage), args.repeat)
    t_lp, d_lp = median_time(lambda: dispatch_lp(inp, storage), args.repeat)
    t_sweep, sw = median_time(lambda: sweep_hp_size(ctx, 20), max(1, args.repeat // 2))
    rows += [("read", t_read, None), ("prepare", t_prep, None), ("rule", t_rule, "rule"), ("run", t_run, None), ("greedy", t_greedy, None),
             ("lp", t_lp, "lp"), ("sweep", t_sweep, "sweep")]

    print(f"hourly benchmark: {inp.n} steps of {inp.dt_h:g} h, {args.repeat} repeats (median), setup "
          f"{setup_s:.1f} s (case evaluation, COP map, profiles)")
    print(f"  {'scenario':<8} {'median [s]':>11} {'x rule':>9} {'target [s]':>11}")
    for name, t, key in rows:
        target = f"{TARGETS_S[key]:.1f}" if key in TARGETS_S else "-"
        print(f"  {name:<8} {t:>11.4f} {t / t_rule:>9.1f} {target:>11}")
    print(f"  LP: {d_lp.solver['n_variables']:,} variables, {d_lp.solver['n_constraints']:,} constraints, "
          f"objective {d_lp.objective_EUR():,.0f} EUR vs greedy {d_greedy.objective_EUR():,.0f} EUR "
          f"vs rule without storage {d_rule.objective_EUR():,.0f} EUR")
    print(f"  sweep: best heat pump {sw['best_hp_kW']:,.0f} kW; largest fit to the grid {sw['max_fit']['hp_kW']:,.0f} kW")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
