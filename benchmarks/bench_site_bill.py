"""Figures of the site bill and the grid connection (prints, asserts nothing).

1. **The decision follows the physics**: the brewery example with the sink at 95 and at 100 °C — the COP falls,
   so the saving must fall too (before the site bill, the new load moved the site to a tariff level whose charges
   were missing and the saving *rose* from 965 to 1,142 k€/yr).
2. **Network cost never falls as the load rises**: every operator and tariff year in the data, contracts from
   10 kW to 100 MW (log grid) at 100, 2,000, 5,000 and 8,760 hours of use; counts of points and of falls.
3. **One site bill**: random cases evaluated annually and hourly on constant profiles; largest relative
   difference over the money and CO2 figures (the tests require ≤ 1e-6).
4. **Cost of pricing through the site bill**: one hourly run, one ``SiteBill.price`` and a 20-point size sweep
   (medians of repeats).
5. **What fails when capacity is withdrawn**: the brewery on a 1,200 kW connection under a time-bound right with
   no gas kept — the annual evaluation's bound of the heat at risk against the hourly worst case.

Run::

    .venv/bin/python benchmarks/bench_site_bill.py [--repeat 5] [--cases 30]
"""
from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def brewery_sink(case_dict: dict) -> None:
    from heatcalc.case import Case
    from heatcalc.evaluation.annual import evaluate_case

    print("1. brewery example, sink outlet 95 -> 100 °C (heat_pump option)")
    print(f"   {'T_sink_out_C':>12} {'COP':>6} {'P_el_kW':>8} {'level':>18} {'network €/yr':>13} "
          f"{'saving k€/yr':>13}")
    for t in (95.0, 100.0):
        row = evaluate_case(Case.from_dict({**case_dict, "T_sink_out_C": t})).row("heat_pump")
        print(f"   {t:12.0f} {row['cop']:6.2f} {row['P_el_kW']:8,.0f} {row['voltage_level']:>18} "
              f"{row['opex_network_EUR_per_yr']:13,.0f} {row['saving_EUR_per_yr'] / 1000:13,.0f}")


def network_monotone() -> None:
    import numpy as np

    from heatcalc.money import tariffs

    kW = np.geomspace(10.0, 100_000.0, 400)
    points = falls = 0
    worst = 0.0
    for op in ("liander", "stedin", "enexis"):
        for year in tariffs.grid_years(op):
            for hours in (100.0, 2000.0, 5000.0, 8760.0):
                prev = None
                for c in kW:
                    total = tariffs.network_cost(op, year, float(c), None, float(c) * hours).total_EUR
                    points += 1
                    if prev is not None and total < prev - 1e-6:
                        falls += 1
                        worst = max(worst, (prev - total) / prev)
                    prev = total
    print(f"2. network cost against the load: {points:,} points (3 operators x their years x 4 hours of use x "
          f"400 contracts 10 kW-100 MW): {falls} falls (largest {worst:.2%})")


def identity(n_cases: int) -> None:
    from heatcalc.case import Case
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.evaluation.hourly.result import simulate

    pairs = [("cost_EUR", "opex_EUR_per_yr"), ("cost_network_EUR", "opex_network_EUR_per_yr"),
             ("cost_energy_tax_EUR", "opex_energy_tax_EUR_per_yr"), ("capex_EUR", "capex_EUR"),
             ("npv_EUR", "npv_EUR"), ("co2_saved_t", "co2_saved_t_per_yr")]
    rng = random.Random(12)
    worst, compared = 0.0, 0
    for _ in range(n_cases):
        t_in = rng.uniform(40, 70)
        d = {"case_id": "r", "heat_demand_kW": rng.uniform(200, 8000),
             "operating_hours_per_yr": rng.randint(2000, 8700),
             "T_sink_in_C": t_in, "T_sink_out_C": t_in + rng.uniform(10, 40), "T_source_in_C": rng.uniform(20, 50),
             "baseline": rng.choice(["gas_boiler", "gas_chp"]),
             "grid_factor": rng.choice(["average", "average_chain", "marginal"]),
             "grid_operator": rng.choice(["liander", "stedin", "enexis", "none"]),
             "site_el_MWh_per_yr": rng.uniform(0, 20000), "ets_installation": rng.random() < 0.5,
             "transport_right": rng.choice(["firm", "flexible"]),
             "connection_kW": rng.choice([None, rng.uniform(100, 5000)])}
        d = {k: v for k, v in d.items() if v is not None}
        case = Case.from_dict(d)
        res = evaluate_case(case)
        row = res.row("heat_pump")
        if row["status"] != "ok":
            continue
        s = simulate(case, eb_kW=0.0, evaluation=res).summary
        compared += 1
        for hk, rk in pairs:
            a, b = s[hk], row[rk]
            if isinstance(a, float) and isinstance(b, float) and math.isfinite(a) and math.isfinite(b):
                worst = max(worst, abs(a - b) / max(abs(b), 1.0))
    print(f"3. hourly (constant profiles) = evaluate: {compared} feasible random cases, largest relative "
          f"difference over {len(pairs)} money/CO2 figures {worst:.1e}")


def timing(case_dict: dict, repeat: int) -> None:
    from heatcalc.case import Case
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.evaluation.hourly.prepare import prepare
    from heatcalc.evaluation.hourly.profiles import read_profiles
    from heatcalc.evaluation.hourly.result import _annual_energy, _flow, _site_bill, run
    from heatcalc.evaluation.hourly.sizing import sweep_hp_size

    case = Case.from_dict(case_dict)
    res = evaluate_case(case)
    prof = read_profiles(ROOT / "data" / "profiles" / "synthetic_brewery_2025_time_bound.csv")
    ctx = prepare(case, prof, evaluation=res)
    r = run(ctx)
    d = r.dispatch
    e = _annual_energy(ctx, d)
    bill = _site_bill(ctx)
    peak = float(d.P_el_kW.max())
    flow = _flow(ctx, d, e, hp_kW=ctx.Q_hp_nom_kW, peak_kW=peak, monthly_kW=[peak] * 12)
    t_price = median_time(lambda: bill.price(flow), repeat * 20)
    t_run = median_time(lambda: run(ctx), repeat)
    t_sweep = median_time(lambda: sweep_hp_size(ctx, 20), max(repeat // 2, 1))
    print(f"4. SiteBill.price of one dispatched year {t_price * 1e3:.2f} ms; hourly run (rule, 8760 h) "
          f"{t_run * 1e3:.1f} ms; 20-point size sweep {t_sweep:.2f} s (medians)")


def withdrawal(case_dict: dict) -> None:
    from heatcalc.case import Case
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.evaluation.hourly.result import simulate

    d = {**case_dict, "connection_kW": 1200.0, "transport_right": "time_bound", "site_el_MWh_per_yr": 5140.0}
    case = Case.from_dict(d)
    res = evaluate_case(case)
    row = res.row("heat_pump")
    s = simulate(case, evaluation=res, eb_kW=0.0, gas_kW=0.0, withdraw="site").summary
    print(f"5. time-bound right on a 1,200 kW connection, no gas kept: {s['withdrawn_hours']:,.0f} h withdrawn "
          f"(highest site demand); unmet in them {s['heat_unmet_withdrawn_MWh']:,.0f} MWh/yr; the annual "
          f"evaluation's bound {row['heat_at_risk_MWh_per_yr']:,.0f} MWh/yr")


def main(argv=None) -> None:
    import json

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cases", type=int, default=30)
    a = ap.parse_args(argv)
    brewery = json.loads((ROOT / "data" / "examples" / "brewery_hot_water.json").read_text(encoding="utf-8"))
    brewery_sink(brewery)
    network_monotone()
    identity(a.cases)
    timing(brewery, a.repeat)
    withdrawal(brewery)


if __name__ == "__main__":
    main()
