"""Pinch targets of 50 random streams: median time of the problem table algorithm (target ≤ 10 ms),
and the split-temperature optimisation of the staged option for one case (target ≤ 0.5 s).

Also prints the median time of one heat-pump placement on the GCC (one refrigerant, and the
catalogue's best) for the same stream set. The staged search is timed cold (every heat-pump design
new: the design cache cleared before each repeat, CoolProp loaded) and warm (designs cached, as for
batch rows with the same streams); the machine's load average is printed beside it, since the host
is shared. Then a case with 50 streams (field ``streams``): reading them with the sink's recovery band,
the evaluate output's pinch object, the GCC heat pump and the staged search with the band; last the
staged search with a lift stage (steam heat pump for a steam sink, MVR for a vapour source).
Run: ``.venv/bin/python benchmarks/bench_pinch.py``.
"""
from __future__ import annotations

import os
import statistics
import time

import numpy as np

from heatcalc.integration.heat_pump import place_heat_pump
from heatcalc.integration.pinch import pinch_targets
from heatcalc.integration.streams import ProcessStream

#: The issue's spray dryer: air 20 → 180 °C, 4 MW, waste water 40 → 30 °C, 2 MW of grid room.
SPRAY_DRYER = {"case_id": "spray-dryer", "process": "dryer", "heat_demand_kW": 4000, "operating_hours_per_yr": 7000,
               "sink_medium": "air", "T_sink_in_C": 20, "T_sink_out_C": 180, "source_medium": "water",
               "T_source_in_C": 40, "T_source_out_C": 30, "grid_capacity_kW": 2000}
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


def bench_mvr() -> None:
    """MVR placement on the example dairy's vapour stream (ΔT_min 10 K, 300 kW)."""
    from heatcalc.core.datafiles import DATA_DIR
    from heatcalc.integration.mvr_placement import place_mvrs
    from heatcalc.integration.streams import read_streams

    t = pinch_targets(read_streams(DATA_DIR / "examples" / "dairy_streams.csv"), 10.0)
    place_mvrs(t, 300.0)  # water loads once
    ms = median_ms(lambda: place_mvrs(t, 300.0), 5)
    (m,) = place_mvrs(t, 300.0)
    print(f"MVR placement on a vapour stream (dairy example, 300 kW): median {ms:.0f} ms over 5 repeats; "
          f"{m.share:.0%} of {m.stream} {m.T_sat_C:.1f} -> {m.T_dis_C:.1f} C, COP {m.cop:.2f}, saves "
          f"{m.Q_hot_saved_kW:,.0f} kW for {m.P_el_kW:,.0f} kW")


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
    bench_mvr()
    bench_staged()
    bench_case_streams(sets[0])
    bench_lift()


#: A steam sink (90 → 160 °C, 5 MW) from 80 °C water with 2.5 MW of grid room: heat pump + steam heat pump.
STEAM_SINK = {"case_id": "steam-lift", "process": "heat", "heat_demand_kW": 5000, "sink_medium": "steam",
              "T_sink_in_C": 90, "T_sink_out_C": 160, "source_medium": "water", "T_source_in_C": 80,
              "T_source_out_C": 70, "grid_capacity_kW": 2500, "options": "staged", "price_gas_EUR_per_MWh": 60}


def bench_lift() -> None:
    """The staged search with lift stages (steam_hp for a steam sink, mvr for a vapour source): after the lift's
    own option has designed the whole sink cold (as in evaluate, where it runs before staged), and cached."""
    from heatcalc.case import Case
    from heatcalc.options import heat_pumps
    from heatcalc.options.staged_supply import optimise

    for label, data in (("steam sink, steam_hp lift", STEAM_SINK),
                        ("vapour source, mvr lift", {**STEAM_SINK, "source_medium": "vapour", "T_source_in_C": 100,
                                                     "T_source_out_C": None, "T_sink_in_C": 100, "T_sink_out_C": 130})):
        case = Case.from_dict(data)
        heat_pumps._steam_hp.cache_clear()
        heat_pumps._mvr.cache_clear()
        heat_pumps._select.cache_clear()
        t0 = time.perf_counter()
        (heat_pumps.steam_hp if case.sink_medium == "steam" else heat_pumps.mvr)(case)  # its option, as in evaluate
        ms_option = 1e3 * (time.perf_counter() - t0)
        t0 = time.perf_counter()
        best, cands, _ = optimise(case)
        ms_cold = 1e3 * (time.perf_counter() - t0)
        ms_warm = median_ms(lambda: optimise(case), 3)
        print(f"staged with a lift stage, {label} ({len(cands)} stagings): its option alone {ms_option:.0f} ms "
              f"cold, then the staged search {ms_cold:.0f} ms (segment designs new), {ms_warm:.0f} ms with designs "
              f"cached")
        print("  best: " + best.flows.message)


def bench_case_streams(streams: list[ProcessStream], repeats: int = 20) -> None:
    """A case with ``streams`` (the spray dryer plus 50 random streams): reading them with the sink's recovery
    band (bisection over the problem table), the evaluate output's pinch object with and without the GCC heat
    pump, and the staged search using the band."""
    from heatcalc.case import Case
    from heatcalc.integration.case_streams import attach_streams, case_pinch
    from heatcalc.options.staged_supply import optimise

    records = [{"name": s.name, "T_supply_C": s.T_supply_C, "T_target_C": s.T_target_C,
                "CP_kW_per_K": s.CP_kW_per_K} for s in streams]
    case = Case.from_dict({**SPRAY_DRYER, "streams": records})
    ms_attach = median_ms(lambda: attach_streams(case), repeats)
    c = attach_streams(case)
    ms_targets = median_ms(lambda: case_pinch(c, place=False), repeats)
    case_pinch(c)  # the placement's cycles once (CoolProp, the fluid catalogue)
    ms_place = median_ms(lambda: case_pinch(c), 3)
    optimise(c)
    ms_staged = median_ms(lambda: optimise(c), 3)
    band = c.sink_recovery
    print(f"case with {len(records)} streams: read + sink recovery band {ms_attach:.1f} ms (band {band['Q_kW']:,.0f} kW "
          f"to {band['T_to_C']:.1f} °C), pinch object {ms_targets:.1f} ms, with the GCC heat pump (auto) "
          f"{ms_place:.0f} ms, staged search with the band (designs cached) {ms_staged:.0f} ms")


def bench_staged(repeats: int = 5) -> None:
    """Split-temperature optimisation of the staged option for the spray dryer (NPV objective)."""
    from heatcalc.case import Case
    from heatcalc.options import heat_pumps
    from heatcalc.options.staged_supply import optimise

    case = Case.from_dict(SPRAY_DRYER)
    best, cands, _ = optimise(case)  # CoolProp, tariffs and cost data load once
    k = iter(range(10**9))

    def cold():
        heat_pumps._select.cache_clear()
        # a slightly different sink inlet each time: no design is reused
        optimise(case.model_copy(update={"T_sink_in_C": 20.0 + 0.01 * (next(k) + 1)}))

    def in_evaluation():
        # as inside evaluate: the heat_pump option (evaluated first) has designed the heat pump alone
        c = case.model_copy(update={"T_sink_in_C": 20.0 + 0.01 * (next(k) + 1)})
        heat_pumps._select.cache_clear()
        heat_pumps.heat_pump(c)
        t0 = time.perf_counter()
        optimise(c)
        return time.perf_counter() - t0

    ms_cold = median_ms(cold, repeats)
    ms_eval = 1e3 * statistics.median(in_evaluation() for _ in range(repeats))
    ms_warm = median_ms(lambda: optimise(case), repeats)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"staged split-temperature optimisation, spray dryer ({len(cands)} stagings priced), median over "
          f"{repeats} repeats (target <= 500 ms): {ms_cold:.0f} ms cold (every design new), {ms_eval:.0f} ms after "
          f"the heat_pump option (as in evaluate), {ms_warm:.0f} ms with designs cached; load average {load:.1f} on "
          f"{os.cpu_count()} cores")
    st = best.flows.details["stages"]
    print("  best: " + best.flows.message)
    print(f"  split {best.T_split_C:.1f} °C, shares " + ", ".join(f"{x['stage']} {x['share']:.1%}" for x in st))


if __name__ == "__main__":
    main()
