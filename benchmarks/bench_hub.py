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

    from heatcalc.hub.model import hub_grid, prepare_link, prepare_member, shared_capacity, solve
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
    t0 = time.perf_counter()
    out = run_hub(hub, allocation="proportional").to_dict()
    t_run = time.perf_counter() - t0
    t0 = time.perf_counter()
    sh = run_hub(build_hub(336), allocation="shapley").to_dict()
    t_sh = time.perf_counter() - t0
    print(f"hub: {n} members x {members[0].inputs.n} h, every member with storage, {len(links)} heat link, "
          f"shared {SHARED_KW:,.0f} kW")
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


if __name__ == "__main__":
    main()
