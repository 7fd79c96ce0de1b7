"""Benchmark of the app's quick scan: server time from a slider change to new numbers,
and the cold first render (prints medians, asserts nothing).

Measured with Streamlit's AppTest, which runs the page script exactly as the server
does (widgets, caches, figures, table) without a browser:

* ``cold``      a fresh Python process: imports, CoolProp, the first evaluation and the
                whole first page (median of ``--cold-repeats`` processes);
* ``sink``      the sink-outlet-temperature slider moved to values not seen before
                (the heat pump is redesigned: every refrigerant, every option);
* ``price``     the electricity-price slider moved to new values (money only: the
                designs come from the library's caches);
* ``repeat``    a slider moved back to a value already shown (the page's cache);
* ``scenarios`` the sink slider moved to new values with scenarios A, B and C saved (the
                side-by-side view redrawn on every run: three cached evaluations, tables, bars);
* ``evaluate``  the library call alone for the ``sink`` values (``evaluate_case``),
                to split page overhead from computation.

Targets: slider change ≤ 100 ms server time (issue 19; ≤ 300 ms before); cold first render ≤ 8 s.
The machine's load average is printed with the figures: on shared cores they move
with it. Run::

    .venv/bin/python benchmarks/bench_app.py [--repeats 7] [--cold-repeats 1]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
#: Longest allowed run of one page script [s].
RUN_TIMEOUT_S = 300

_COLD = r"""
import time, sys
t0 = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=300).run()
assert not at.exception, [e.value for e in at.exception]
assert any("COP" in m.label for m in at.metric)
print(time.perf_counter() - t0)
"""


def _median_ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1e3:8.0f} ms"


def cold(repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        r = subprocess.run([sys.executable, "-c", _COLD, APP], capture_output=True, text=True, cwd=ROOT,
                           timeout=RUN_TIMEOUT_S)
        if r.returncode != 0:
            raise SystemExit(f"cold run failed: {r.stderr[-2000:]}")
        out.append(float(r.stdout.strip().splitlines()[-1]))
    return out


def _slider(at, text):
    return next(s for s in at.slider if text in s.label)


def slider_runs(at, text: str, values: list[float]) -> tuple[list[float], list[float]]:
    """Move a slider through ``values``; return the server times the page measured on
    itself (script start to last element) and the AppTest round trips [s]."""
    server, total = [], []
    for v in values:
        _slider(at, text).set_value(v)
        t0 = time.perf_counter()
        at.run()
        total.append(time.perf_counter() - t0)
        assert not at.exception, [e.value for e in at.exception]
        server.append(at.session_state["_qs_server_ms"] / 1e3)
    return server, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7, help="slider moves per scenario")
    ap.add_argument("--cold-repeats", type=int, default=1, help="fresh processes for the cold render")
    args = ap.parse_args()

    from streamlit.testing.v1 import AppTest

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"quick scan, {os.cpu_count()} cores, load average {load:.1f}")
    print(f"  cold first render (fresh process)      {_median_ms(cold(args.cold_repeats))}")

    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S).run()
    assert not at.exception
    n = args.repeats
    sink_values = [96.0 + 1.5 * i for i in range(n)]
    price_values = [70.0 + 3.5 * i for i in range(n)]
    sink = slider_runs(at, "Sink outlet temperature", sink_values)
    repeat = slider_runs(at, "Sink outlet temperature", sink_values[: max(2, n // 2)])  # same cases again
    price = slider_runs(at, "Electricity price", price_values)
    for name, v in zip("ABC", (96.0, 104.0, 112.0)):  # three saved scenarios, then new sink values
        _slider(at, "Sink outlet temperature").set_value(v).run()
        at.button(key=f"sc_save_{name}").click().run()
    assert list(at.session_state["_scenarios"]) == ["A", "B", "C"]
    scen = slider_runs(at, "Sink outlet temperature", [v + 0.5 for v in sink_values])

    from heatcalc.evaluation.annual import evaluate_case

    case = json.loads((ROOT / "data" / "examples" / "brewery_hot_water.json").read_text())
    lib = []
    for v in sink_values:
        t0 = time.perf_counter()
        evaluate_case(dict(case, T_sink_out_C=v + 0.25))  # values not in the library's caches yet
        lib.append(time.perf_counter() - t0)

    print("  server time of the page run (AppTest round trip in brackets):")
    print(f"  slider change, new sink temperature    {_median_ms(sink[0])} ({_median_ms(sink[1]).strip()})"
          "   target 100 ms")
    print(f"  slider change, new electricity price   {_median_ms(price[0])} ({_median_ms(price[1]).strip()})")
    print(f"  slider back to a value already shown   {_median_ms(repeat[0])} ({_median_ms(repeat[1]).strip()})")
    print(f"  new sink temp., scenarios A, B, C shown {_median_ms(scen[0])} ({_median_ms(scen[1]).strip()})")
    print(f"  evaluate_case alone, new sink temp.    {_median_ms(lib)}")


if __name__ == "__main__":
    main()
