"""Pinch targets of 50 random streams: median time of the problem table algorithm (target ≤ 10 ms).

Also prints the median time of one heat-pump placement on the GCC (one refrigerant, and the
catalogue's best) for the same stream set. Run: ``.venv/bin/python benchmarks/bench_pinch.py``.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from heatcalc.integration.heat_pump import place_heat_pump
from heatcalc.integration.pinch import pinch_targets
from heatcalc.integration.streams import ProcessStream

N_STREAMS = 50
REPEATS = 200
SEED = 20261202


def random_streams(n: int, rng: np.random.Generator) -> list[ProcessStream]:
    out = []
    for i in range(n):
        a, b = rng.uniform(5.0, 250.0, 2)
        if abs(a - b) < 1.0:
            b = a + 5.0
        out.append(ProcessStream(f"s{i}", float(a), float(b), float(rng.uniform(0.5, 50.0))))
    return out


def median_ms(f, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(SEED)
    sets = [random_streams(N_STREAMS, rng) for _ in range(10)]
    it = iter(range(10**9))
    ms = median_ms(lambda: pinch_targets(sets[next(it) % len(sets)], 10.0), REPEATS)
    print(f"pinch targets, {N_STREAMS} streams: median {ms:.3f} ms over {REPEATS} repeats (target <= 10 ms)")
    t = pinch_targets(sets[0], 10.0)
    ms_d = median_ms(lambda: t.to_dict(detail=True), REPEATS)
    print(f"targets as JSON dict with composites and problem table: median {ms_d:.3f} ms")
    place_heat_pump(t, 500.0, refrigerant="R1233zd(E)")  # CoolProp loads once
    ms_hp = median_ms(lambda: place_heat_pump(t, 500.0, refrigerant="R1233zd(E)"), 5)
    print(f"heat-pump placement on the GCC, R1233zd(E): median {ms_hp:.1f} ms over 5 repeats")
    ms_auto = median_ms(lambda: place_heat_pump(t, 500.0, refrigerant="auto"), 3)
    print(f"heat-pump placement on the GCC, refrigerant auto: median {ms_auto:.1f} ms over 3 repeats")


if __name__ == "__main__":
    main()
