"""Benchmark of the customer report: seconds for one report (prints figures, asserts nothing).

Figures (median of repeats, one kaleido/Chromium session reused for every warm report):

* ``browser start``   starting the system Chromium through kaleido (paid once per process; the CLI overlaps
  it with the case evaluation, the app keeps one session open);
* ``warm pdf``        one PDF report of an evaluated case: figures, 4 charts, HTML, WeasyPrint;
* ``warm html``       the same as self-contained HTML (no PDF layout);
* ``no charts pdf``   the PDF without a browser (what a machine without Chromium gets);
* ``cli cold``        ``heatcalc report case.json -o proposal.pdf`` end to end in a fresh process (import,
  evaluate the case, start the browser, write the PDF) — what a user waits for at the command line;
* ``fresh browser per chart`` the naive way (one kaleido per chart) for comparison.

Run::

    .venv/bin/python benchmarks/bench_report.py [--case data/examples/brewery_hot_water.json] [--repeats 5]

Target (the work item): a report for one case in ≤ 5 s. The machine has 2 shared cores and other jobs; re-run
for figures to quote.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median(fn, repeats: int) -> float:
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", default=str(ROOT / "data" / "examples" / "brewery_hot_water.json"))
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()

    from heatcalc import report as R
    from heatcalc.case import load_case
    from heatcalc.evaluation.annual import evaluate_case

    res = evaluate_case(load_case(args.case))
    out = Path(tempfile.mkdtemp(prefix="bench_report_"))
    print(f"case {res.case.case_id}: {len(res.rows)} rows, best = {res.best['option'] if res.best else None}")

    t0 = time.perf_counter()
    r = R.ChartRenderer()
    ok = r.start()
    t_start = time.perf_counter() - t0
    if not ok:
        print(f"no browser: {r.error}; only the report without charts is timed")
    try:
        if ok:
            R.write_report(res, out / "warmup.pdf", "en", renderer=r)  # first figures/templates/fonts
            warm_pdf = _median(lambda: R.write_report(res, out / "w.pdf", "en", renderer=r), args.repeats)
            warm_html = _median(lambda: R.write_report(res, out / "w.html", "en", renderer=r), args.repeats)
            figs = [f for _, f in R.build_figures(res, "en") if not isinstance(f, str)]
        no_charts = _median(lambda: R.write_report(res, out / "n.pdf", "en", renderer=False), args.repeats)
        from heatcalc.report.content import make_proposal

        prop = make_proposal(customer="Klant B.V.", site="Zwolle", proposal_id="HP-1",
                             supplier_profile=ROOT / "data" / "examples" / "supplier_profile.toml")
        proposal_nl = _median(lambda: R.write_report(res, out / "p.pdf", "nl", renderer=r if ok else False,
                                                     proposal=prop), args.repeats)
    finally:
        r.close()

    cli = [str(ROOT / ".venv" / "bin" / "heatcalc"), "report", args.case, "-o", str(out / "cli.pdf")]
    if not Path(cli[0]).exists():
        cli = [sys.executable, "-m", "heatcalc", *cli[1:]]
    cli_cold = _median(lambda: subprocess.run(cli, check=True, capture_output=True), max(1, args.repeats // 2))

    print(f"browser start            {t_start:6.2f} s")
    if ok:
        print(f"warm pdf (7 charts)      {warm_pdf:6.2f} s   target <= 5 s")
        print(f"warm html (7 charts)     {warm_html:6.2f} s")
    print(f"no charts pdf            {no_charts:6.2f} s")
    print(f"proposal pdf nl (profile){proposal_nl:6.2f} s   (issue 18 states no time target)")
    print(f"cli cold (fresh process) {cli_cold:6.2f} s   (import + evaluate + browser + pdf)")
    if ok:
        import kaleido

        t0 = time.perf_counter()
        for f in figs:  # one browser per chart: what the shared session avoids
            kaleido.calc_fig_sync(f, opts={"format": "svg", "width": R.CHART_WIDTH_PX,
                                           "height": R.CHART_HEIGHT_PX},
                                  kopts={"path": R.find_browser(), "mathjax": False})
        naive = time.perf_counter() - t0
        print(f"fresh browser per chart  {naive:6.2f} s for {len(figs)} charts "
              f"(ratio {naive / max(warm_pdf, 1e-9):.1f}x the whole warm pdf)")


if __name__ == "__main__":
    main()
