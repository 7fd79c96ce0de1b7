"""Benchmark of the Dutch rules: the subsidy engine and the user overlay.

Prints median times of repeated runs (never asserts); a shared machine is noisy, compare ratios.

- finance_case of the brewery's flows with ``subsidies=eia`` and with ``subsidies=auto`` (every scheme, the
  best allowed combination of up to 4 schemes: at most 16 combinations per option);
- one ``apply_overlay`` of a 10-row user energy-tax table (copy and merge of the data folder) and ``restore``.

Run: .venv/bin/python benchmarks/bench_dutch_rules.py
"""
from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from heatcalc import money as E
from heatcalc import options as T
from heatcalc.case import Case
from heatcalc.core.datafiles import DATA_DIR
from heatcalc.money.overlay import apply_overlay

REPEATS = 15


def median_time(fn, repeats: int = REPEATS) -> float:
    fn()  # warm caches
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main() -> None:
    d = json.load(open(Path(DATA_DIR) / "examples" / "brewery_hot_water.json", encoding="utf-8"))
    times = {}
    for req in ("eia", "auto"):
        case = Case.from_dict({**d, "subsidies": req})
        flows = [T.baseline(case), T.e_boiler(case), T.hybrid_boiler(case)]
        times[req] = median_time(lambda: E.finance_case(case, flows, break_even_prices=False))
    lines = [ln for ln in open(Path(DATA_DIR) / "tariffs" / "energy_tax.csv", encoding="utf-8")
             if ",2025," in ln and ln.startswith(("gas,", "electricity,"))]
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "user_2027.csv"
        f.write_text("carrier,band,band_from,band_to,volume_unit,year,value,unit\n"
                     + "".join(",".join(ln.split(",")[:8]).replace(",2025,", ",2027,") + "\n" for ln in lines),
                     encoding="utf-8")
        t_ov = median_time(lambda: apply_overlay([f]).restore(), repeats=5)
    print(f"finance_case, 3 flows, subsidies=eia : {times['eia'] * 1e3:8.2f} ms (median of {REPEATS})")
    print(f"finance_case, 3 flows, subsidies=auto: {times['auto'] * 1e3:8.2f} ms (x{times['auto'] / times['eia']:.2f})")
    print(f"apply_overlay + restore (10 rows)   : {t_ov * 1e3:8.2f} ms (median of 5)")


if __name__ == "__main__":
    main()
