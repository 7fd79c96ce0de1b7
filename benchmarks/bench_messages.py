"""Messages with codes: what a coded message costs against a plain f-string, rendering every message of
the example cases in Dutch (short and long), and the Dutch walk's English-fragment search over a page.

Run: ``.venv/bin/python benchmarks/bench_messages.py`` (a few seconds). Medians of repeats.
"""
from __future__ import annotations

import statistics
import time
import timeit

from heatcalc.case import load_case
from heatcalc.core.datafiles import DATA_DIR
from heatcalc.core.messages import Message
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.present.messages import english_fragments, render

REPEATS = 7


def _median_us(stmt, number: int) -> float:
    return statistics.median(timeit.repeat(stmt, number=number, repeat=REPEATS)) / number * 1e6


def main() -> None:
    P, cap = 6061.2, 2000.0
    plain = _median_us(lambda: f"needs {P:,.0f} kW of grid capacity, the site can get {cap:,.0f} kW", 20000)
    coded = _median_us(lambda: Message("grid.capacity_short", f"needs {P:,.0f} kW of grid capacity, the site can "
                                       f"get {cap:,.0f} kW", P_el_kW=P, grid_capacity_kW=cap), 20000)
    print(f"f-string warning            {plain:8.3f} µs")
    print(f"coded Message               {coded:8.3f} µs  (+{coded - plain:.3f} µs per warning)")

    results = [evaluate_case(load_case(p)) for p in sorted((DATA_DIR / "examples").glob("*.json"))]
    msgs = [m for r in results for m in list(r.notes) + [w for row in r.rows for w in row["warnings"]]
            + [row["message"] for row in r.rows] if isinstance(m, Message)]
    for form in ("short", "long"):
        t = _median_us(lambda: [render(m, "nl", form) for m in msgs], 20) / len(msgs)
        print(f"render nl {form:5s} per message {t:8.3f} µs  ({len(msgs)} messages of the 6 examples)")

    case = load_case(DATA_DIR / "examples" / "brewery_hot_water.json")
    evaluate_case(case)
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        evaluate_case(case)
        times.append(time.perf_counter() - t0)
    print(f"evaluate brewery (warm)     {statistics.median(times) * 1e3:8.2f} ms  (median of {REPEATS})")

    frags = english_fragments()
    page = " ".join(render(m, "nl", "short") for m in msgs) * 3
    t = _median_us(lambda: [f for f in frags if f in page], 20)
    print(f"English-fragment search     {t / 1e3:8.2f} ms  ({len(frags)} fragments, {len(page):,} characters)")


if __name__ == "__main__":
    main()
