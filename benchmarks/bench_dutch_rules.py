"""Benchmark of the Dutch rules: the subsidy engine and the user overlay.

Prints median times of repeated runs (never asserts); a shared machine is noisy, compare ratios.

- finance_case of the brewery's flows with ``subsidies=eia`` and with ``subsidies=auto`` (every scheme, the
  best allowed combination of up to 4 schemes: at most 16 combinations per option);
- finance_case with ``cash_flow=after_tax`` and a 60 % loan (the owner's cash flows after tax, per option) next
  to the pre-tax one;
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
    case_at = Case.from_dict({**d, "subsidies": "eia", "cash_flow": "after_tax", "loan_share": 0.6, "loan_rate": 0.05})
    flows_at = [T.baseline(case_at), T.e_boiler(case_at), T.hybrid_boiler(case_at)]
    times["after_tax"] = median_time(lambda: E.finance_case(case_at, flows_at, break_even_prices=False))
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
    print(f"finance_case, 3 flows, after_tax+loan: {times['after_tax'] * 1e3:8.2f} ms "
          f"(x{times['after_tax'] / times['eia']:.2f} of pre-tax)")
    print(f"apply_overlay + restore (10 rows)   : {t_ov * 1e3:8.2f} ms (median of 5)")


if __name__ == "__main__":
    main()
