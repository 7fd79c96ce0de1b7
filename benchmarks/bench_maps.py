"""Benchmark of the hourly COP maps (prints figures, asserts nothing).

For a machine designed with :func:`heatcalc.thermo.pinch.design` (water 60 → 90 °C sink,
water 40 → 35 °C source, R1233zd(E)), it times building a :class:`heatcalc.thermo.cop_maps.CopMap`
and evaluating 8760 synthetic hourly (source inlet, sink outlet) temperatures
(median of repeats, build included), then compares every hour with the full cycle
(:func:`heatcalc.thermo.cycles.single_stage`) and prints the largest deviation.

Targets (the work item): 8760 values ≤ 50 ms including the map build; largest
deviation ≤ 0.5 % at every hour. Run::

    .venv/bin/python benchmarks/bench_maps.py [--repeats 15]
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from heatcalc.core.units import C_to_K
from heatcalc.thermo.cop_maps import Machine, full_cycle_performance, hourly_performance
from heatcalc.thermo.pinch import design
from heatcalc.thermo.streams import sink_stream, source_stream

HOURS = 8760


def synthetic_year(seed: int = 7):
    """Hourly source inlet and sink outlet temperatures [K]: seasonal and daily swings plus noise."""
    rng = np.random.default_rng(seed)
    h = np.arange(HOURS)
    src = 35 + 8 * np.sin(2 * np.pi * h / HOURS) + 3 * np.sin(2 * np.pi * h / 24) + rng.normal(0, 1.0, HOURS)
    snk = 90 + 4 * np.sin(2 * np.pi * h / HOURS + 1) + 2 * np.sin(2 * np.pi * h / 24 + 0.5) + rng.normal(0, 0.5, HOURS)
    return C_to_K(src), C_to_K(snk)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args()

    d = design(sink_stream("water", C_to_K(60), C_to_K(90)), source_stream("water", C_to_K(40), C_to_K(35)),
               "R1233zd(E)")
    m = Machine.from_design(d)
    src, snk = synthetic_year()
    hourly_performance(m, src, snk)  # warm-up (imports, CoolProp state objects)
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        r = hourly_performance(m, src, snk)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    ref = full_cycle_performance(m, src, snk)
    t_full = time.perf_counter() - t0
    dev_cop = np.nanmax(np.abs(r.cop / ref.cop - 1))
    dev_cap = np.nanmax(np.abs(r.capacity_ratio / ref.capacity_ratio - 1))
    print(f"machine: {m.fluid}, eta_is {m.eta_is}, approach source {m.dT_source_K:.2f} K, sink {m.dT_sink_K:.2f} K")
    print(f"hours: {HOURS} (valid {int(r.valid.sum())}), COP {np.nanmin(r.cop):.3f} to {np.nanmax(r.cop):.3f}, "
          f"capacity ratio {np.nanmin(r.capacity_ratio):.3f} to {np.nanmax(r.capacity_ratio):.3f}")
    print(f"map build + {HOURS} evaluations: median {statistics.median(times) * 1e3:.1f} ms, "
          f"min {min(times) * 1e3:.1f} ms over {args.repeats} repeats (target <= 50 ms)")
    print(f"full cycle at every hour: {t_full:.2f} s ({t_full / HOURS * 1e3:.3f} ms per hour); "
          f"speed-up {t_full / statistics.median(times):.0f}x")
    print(f"largest deviation vs full cycle: COP {dev_cop * 100:.2e} %, capacity ratio {dev_cap * 100:.2e} % "
          "(target <= 0.5 %)")
    if r.warnings:
        print("warnings:", *r.warnings, sep="\n  ")


if __name__ == "__main__":
    main()
