"""Benchmark of the economics: Monte Carlo of 1,000 draws and finance_case.

Prints median times of repeated runs (never asserts). The vectorised Monte Carlo
is compared with the same 1,000 draws evaluated one by one in a Python loop,
measured in the same run. Timings on a shared machine are noisy: compare ratios.

Run: .venv/bin/python benchmarks/bench_economics.py
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from heatcalc import money as E
from heatcalc import options as T
from heatcalc.case import Case

REPEATS = 15
N_DRAWS = 1000


def median_time(fn, repeats: int = REPEATS) -> float:
    fn()  # warm caches (data files, imports)
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main() -> None:
    case = Case.from_dict({"case_id": "bench", "heat_demand_kW": 3000, "T_sink_in_C": 70, "T_sink_out_C": 120,
                           "sink_medium": "steam", "site_el_MWh_per_yr": 8000, "site_gas_m3_per_yr": 4_000_000,
                           "grid_operator": "liander"})
    flows = [T.baseline(case), T.e_boiler(case), T.hybrid_boiler(case)]
    t_fin = median_time(lambda: E.finance_case(case, flows))
    t_fin_nobe = median_time(lambda: E.finance_case(case, flows, break_even_prices=False))
    t_mc = median_time(lambda: E.monte_carlo(case, flows, "e_boiler", n=N_DRAWS, seed=0))

    model = E.site_bill._Model(case, flows)
    rng = np.random.default_rng(0)
    draws = {k: rng.triangular(*E.MC_RANGES[k], size=N_DRAWS) for k in E.MC_RANGES}

    def loop():
        out = np.empty(N_DRAWS)
        for j in range(N_DRAWS):
            out[j] = model.incremental(
                1, p_el=model.p["price_el_EUR_per_MWh"] * draws["price_el"][j],
                p_gas=model.p["price_gas_EUR_per_MWh"] * draws["price_gas"][j],
                p_co2=model.p["co2_price_EUR_per_t"] * draws["co2_price"][j], capex_f=draws["capex"][j],
                cop_f=draws["cop"][j], hours_f=draws["operating_hours"][j])["npv"]
        return out

    t_loop = median_time(loop, repeats=3)
    rows = [
        ("finance_case, 3 flows, with break-even prices", t_fin * 1e3, f"ms (median of {REPEATS})"),
        ("finance_case, 3 flows, without break-even", t_fin_nobe * 1e3, f"ms (median of {REPEATS})"),
        (f"monte_carlo, {N_DRAWS} draws, vectorised", t_mc * 1e3, f"ms (median of {REPEATS})"),
        (f"the same {N_DRAWS} draws in a Python loop", t_loop * 1e3, "ms (median of 3)"),
        ("ratio loop / vectorised", t_loop / t_mc, "x"),
    ]
    for label, value, unit in rows:
        print(f"{label:<48} {value:10.2f} {unit}")


if __name__ == "__main__":
    main()
