"""Benchmark of the regional hub (prints medians, asserts nothing).

Five members × 8760 hours, every member with a hot-water tank, under one shared capacity: the joint LP
(:func:`heatcalc.hub.model.solve`, HiGHS) — target ≤ 30 s on 2 cores. The members are the example's two
(data/examples/hub_dairy_biotech/) and three variants of them with shifted shifts and other sizes, all with
the example's synthetic day-ahead price; the case preparation (heat-pump design, COP map, tariff rates) is
done once before timing and timed on its own.

* ``prepare``   the five members prepared as ``heatcalc hourly`` prepares a case
* ``hub_lp``    the joint LP of all five (median of the repeats): the figure against the 30 s target
* ``alone_lp``  the five stand-alone LPs together (same model, one member each)
* ``run_hub``   the whole ``run_hub`` with the proportional rule (5 alone + the hub; once)
* ``shapley``   ``run_hub`` with the Shapley value over a 336 h horizon (2^5 − 1 = 31 coalitions; once)
* ``hub_lp_assets``  the joint LP with shared assets besides the members' tanks: a 10 MWh / 2.5 MW battery at
  the dairy and a shared 3 MW e-boiler with a 40 MWh heat store at the biotech plant serving all five (median)
* ``hub_lp_co2``     the same LP with the CO2 objective under a cost cap 5 % above its least cost (median)

Run::

    .venv/bin/python benchmarks/bench_hub.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

EXAMPLE = ROOT / "data" / "examples" / "hub_dairy_biotech" / "hub.json"
SHARED_KW = 12_000.0
TARGET_S = 30.0

#: Shared assets of the ``hub_lp_assets`` run (sizes chosen for the benchmark, investment from the data files).
ASSETS = [{"kind": "battery", "site": "dairy", "capacity_kWh": 10_000, "power_kW": 2_500},
          {"kind": "eboiler", "site": "biotech", "heat_kW": 3_000, "T_C": 95, "distance_m": 300},
          {"kind": "heat_store", "site": "biotech", "capacity_kWh": 40_000, "T_C": 95}]


def build_hub(hours: int | None = None):
    """The example hub grown to five members (every member with storage)."""
    import copy

    import numpy as np

    from heatcalc.evaluation.hourly.profiles import Profiles
    from heatcalc.hub.reader import read_hub

    hub = read_hub(EXAMPLE)
    dairy, bio = hub.members
    extra = []
    for k, (src, shift_h, scale, store) in enumerate(((dairy, 8, 0.6, 20_000.0), (bio, 0, 0.8, 30_000.0),
                                                      (dairy, 14, 0.4, 10_000.0))):
        m = copy.deepcopy(src)
        m.case = m.case.model_copy(update={"case_id": f"{src.case_id}-{k + 2}",
                                           "heat_demand_kW": src.case.heat_demand_kW * scale})
        cols = dict(m.profiles.columns)
        cols["heat_demand_kW"] = np.roll(cols["heat_demand_kW"], shift_h) * scale
        m.profiles = Profiles(index=m.profiles.index, dt_h=m.profiles.dt_h, columns=cols, source="bench")
        m.hp_kW = None if m.hp_kW is None else m.hp_kW * scale
        m.storage_kWh = store
        extra.append(m)
    dairy.storage_kWh = 40_000.0
    hub.members = [dairy, bio, *extra]
    hub.shared_capacity_kW = SHARED_KW
    if hours is not None:
        for m in hub.members:
            p = m.profiles
            m.profiles = Profiles(index=p.index[:hours], dt_h=p.dt_h,
                                  columns={c: v[:hours] for c, v in p.columns.items()}, source=p.source)
        for lk in hub.heat_links:
            p = lk.heat_profile
            lk.heat_profile = Profiles(index=p.index[:hours], dt_h=p.dt_h,
                                       columns={c: v[:hours] for c, v in p.columns.items()}, source=p.source)
    return hub


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import numpy as np

    from heatcalc.hub.model import hub_grid, prepare_asset, prepare_link, prepare_member, shared_capacity, solve
    from heatcalc.hub.reader import hub_from_dict
    from heatcalc.hub.run import run_hub

    hub = build_hub()
    t0 = time.perf_counter()
    grid = hub_grid(hub)
    members = [prepare_member(s, grid, f"members[{i}]") for i, s in enumerate(hub.members)]
    links = [prepare_link(s, members, grid) for s in hub.heat_links]
    t_prep = time.perf_counter() - t0
    C = shared_capacity(hub, grid)
    n = len(members)
    times, res = [], None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        res = solve(members, list(range(n)), C, links)
        times.append(time.perf_counter() - t0)
    sv = res.solver
    t_alone = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for i in range(n):
            solve(members, [i], C / n)
        t_alone.append(time.perf_counter() - t0)
    ids = [m.case_id for m in hub.members]
    specs = hub_from_dict({"hub_id": "bench", "shared_capacity_kW": SHARED_KW, "shared_assets": ASSETS,
                           "members": [{"case": m.case.model_dump(mode="json")} for m in hub.members]}).shared_assets
    assets = [prepare_asset(s, members) for s in specs]
    t_as, res_as = [], None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        res_as = solve(members, list(range(n)), C, links, assets=assets)
        t_as.append(time.perf_counter() - t0)
    sva = res_as.solver
    cap = res_as.solver["lp_cost_EUR"] * 1.05
    t_co2, res_co2 = [], None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        res_co2 = solve(members, list(range(n)), C, links, assets=assets, objective="co2", cost_cap_EUR=cap)
        t_co2.append(time.perf_counter() - t0)
    svc = res_co2.solver
    t0 = time.perf_counter()
    out = run_hub(hub, allocation="proportional").to_dict()
    t_run = time.perf_counter() - t0
    t0 = time.perf_counter()
    sh = run_hub(build_hub(336), allocation="shapley").to_dict()
    t_sh = time.perf_counter() - t0
    print(f"hub: {n} members x {members[0].inputs.n} h, every member with storage, {len(links)} heat link, "
          f"shared {SHARED_KW:,.0f} kW")
    import os

    print(f"machine load        {', '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15-min load average, "
          f"{os.cpu_count()} cores): times scale with it")
    print(f"model size          {sv['n_variables']:,} variables, {sv['n_constraints']:,} constraints, "
          f"{sv['n_nonzeros']:,} non-zeros")
    print(f"prepare             {t_prep:8.2f} s (5 members, once)")
    print(f"hub_lp  (median)    {statistics.median(times):8.2f} s   target <= {TARGET_S:.0f} s   "
          f"(HiGHS {sv['time_s']:.2f} s in the last run; all: {', '.join(f'{t:.2f}' for t in times)})")
    print(f"alone_lp (median)   {statistics.median(t_alone):8.2f} s   (5 LPs)")
    print(f"run_hub proportional{t_run:8.2f} s   (once; grid limit exceeded {out['grid_limit_exceeded_hours']:.0f} h, "
          f"cost alone {out['cost_EUR_alone']:,.0f} -> hub {out['cost_EUR_hub']:,.0f} EUR)")
    print(f"run_hub shapley 336h{t_sh:8.2f} s   (once; {sh['coalitions_solved']} coalitions, rule used "
          f"{sh['allocation_rule']})")
    print(f"peak shared load    {float(np.max(res.P_shared_kW)):,.0f} kW of {SHARED_KW:,.0f} kW")
    print(f"with shared assets  battery 10 MWh/2.5 MW at {ids[0]}, e-boiler 3 MW + store 40 MWh at {ids[1]} "
          f"(serving all {n})")
    print(f"model size          {sva['n_variables']:,} variables, {sva['n_constraints']:,} constraints, "
          f"{sva['n_nonzeros']:,} non-zeros")
    print(f"hub_lp_assets (med) {statistics.median(t_as):8.2f} s   target <= {TARGET_S:.0f} s   "
          f"(all: {', '.join(f'{t:.2f}' for t in t_as)}; cost {res_as.cost_EUR:,.0f} EUR vs {res.cost_EUR:,.0f} "
          f"without assets; peak shared {float(np.max(res_as.P_shared_kW)):,.0f} kW)")
    print(f"hub_lp_co2 (median) {statistics.median(t_co2):8.2f} s   (cost cap +5 %: {svc['n_constraints']:,} "
          f"constraints; CO2 {res_co2.co2_t:,.0f} t vs {res_as.co2_t:,.0f} t at least cost, cost "
          f"{res_co2.cost_EUR:,.0f} EUR; all: {', '.join(f'{t:.2f}' for t in t_co2)})")


if __name__ == "__main__":
    main()
