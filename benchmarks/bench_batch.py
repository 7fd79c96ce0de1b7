"""Benchmark of ``heatcalc batch``: throughput and peak memory (prints figures, asserts nothing).

Scenarios (each runs in a fresh child process whose whole process tree — the batch process and its workers —
is sampled for resident memory):

* ``10k``      10,000 cases × all applicable options, local engine, ``--workers`` = the cores;
* ``engines``  the same cases on the local engine and on Dask (LocalCluster on 127.0.0.1), rows/s side by side;
* ``million``  1,000,000 cases streamed from a CSV generated in a temporary folder (peak memory is the point;
               heat cases get ``--million-options``, default ``e_boiler``, so that the run takes about half an
               hour on 2 cores instead of about two);
* ``compare``  the 10k cases on this tree and on the tree of ``--baseline`` (default 0ffe105, before the work
               of issue 19, extracted with ``git archive``) in the same run, alternating: the speed-up as a ratio
               of the two (wall time and CPU seconds), the throughput target ≥ 1,000 sites/s on 2 cores;
* ``first``    the 25-site example from the CLI (default workers) against ``python -c "import CoolProp"``,
               alternating, median of ``--repeats``: the first-row target ≤ 2×;
* ``memory``   peak memory of two streamed runs (``--memory-rows``, e.g. 10,000 and 40,000 e_boiler-only cases):
               the growth per row (target: flat), and the projection of a 50,000-row run with all options to
               1,000,000 rows (≤ 20 min, ≤ 1.5 GB).

Cases are drawn from the 25 sites of ``data/examples/sites_25.csv``: demand and production scaled
(log-normal), operating hours varied, temperatures moved in 5 K steps as real site data are, 2 % of the rows
with a typical input mistake. Run::

    .venv/bin/python benchmarks/bench_batch.py                 # all scenarios
    .venv/bin/python benchmarks/bench_batch.py 10k engines     # some
    .venv/bin/python benchmarks/bench_batch.py million --million-rows 200000

Targets (issue 19): 10,000 sites × all options ≥ 1,000 sites/s on 2 cores (≥ 5× the baseline in the same run),
≤ 1 GB; memory flat in the row count; first row ≤ 2× ``import CoolProp``; 1,000,000 rows projected ≤ 20 min and
≤ 1.5 GB. The machine is shared: compare the ratios, which are measured in the same run, more than the rates.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "sites_25.csv"
#: Seconds between two memory samples of the process tree.
SAMPLE_S = 0.05
#: Share of rows with a typical input mistake.
ERROR_SHARE = 0.02
MISTAKES = [("heat_demand_kW", "n/a"), ("T_sink_out_C", ""), ("operating_hours_per_yr", "9000"),
            ("case_id", ""), ("options", "heat_pmp")]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def _templates() -> tuple[list[str], list[dict]]:
    with EXAMPLE.open(encoding="utf-8") as fh:
        r = csv.DictReader(fh)
        return list(r.fieldnames), list(r)


def _num(s: str) -> float | None:
    return float(s) if s not in ("", None) else None


def generate(path: Path, n: int, seed: int = 20261128, options: str | None = None) -> Path:
    """Write ``n`` realistic cases to ``path`` (streamed; memory does not grow with ``n``)."""
    cols, tpl = _templates()
    rnd = random.Random(seed)
    hours = [4000, 5000, 6000, 7000, 7500, 8000, 8400, 8760]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        buf = []
        for i in range(n):
            t = dict(tpl[rnd.randrange(len(tpl))])
            t["case_id"] = f"{t['case_id']}-{i:07d}"
            t["description"] = ""
            t["basis"] = "benchmark"
            for col in ("heat_demand_kW", "production_t_per_yr", "site_gas_m3_per_yr", "site_el_MWh_per_yr"):
                v = _num(t[col])
                if v is not None:
                    t[col] = f"{max(round(v * rnd.lognormvariate(0.0, 0.5), -1), 10.0):g}"
            t["operating_hours_per_yr"] = str(rnd.choice(hours))
            if t["grid_capacity_kW"] and rnd.random() < 0.5:
                t["grid_capacity_kW"] = f"{round(float(t['grid_capacity_kW']) * rnd.uniform(0.5, 2), -2):g}"
            if t["T_sink_out_C"]:
                d = rnd.choice((-10, -5, 0, 0, 5, 10))
                for col in ("T_sink_in_C", "T_sink_out_C"):
                    t[col] = f"{float(t[col]) + d:g}"
            if t["T_source_in_C"]:
                d = rnd.choice((-5, 0, 0, 5))
                for col in ("T_source_in_C", "T_source_out_C"):
                    if t[col]:
                        t[col] = f"{min(float(t[col]) + d, float(t['T_sink_out_C']) - 1):g}"
                if t["T_source_out_C"] and float(t["T_source_out_C"]) > float(t["T_source_in_C"]):
                    t["T_source_out_C"] = t["T_source_in_C"]
            if options:
                t["options"] = options if t["process"] in ("heat", "dryer") else "all"
            if rnd.random() < ERROR_SHARE:
                col, bad = rnd.choice(MISTAKES)
                t[col] = bad
            buf.append(t)
            if len(buf) >= 10_000:
                w.writerows(buf)
                buf.clear()
        w.writerows(buf)
    return path


class TreeMemory:
    """Peak resident memory and CPU time of a process and all its descendants (sampled).

    CPU time is robust to other load on shared cores: ``cpu_s / cores`` estimates the wall time on idle cores.
    """

    def __init__(self, pid: int):
        import psutil

        self._psutil = psutil
        self.proc = psutil.Process(pid)
        self.peak_bytes = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        ps = self._psutil
        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
            except ps.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    self._cpu[p.pid] = t.user + t.system
                except ps.Error:
                    pass
            self.peak_bytes = max(self.peak_bytes, total)
            time.sleep(SAMPLE_S)

    def stop(self) -> float:
        self._stop.set()
        self._t.join()
        return self.peak_bytes / 2**20

    @property
    def cpu_s(self) -> float:
        """CPU seconds (user + system) of the tree, as last sampled."""
        return sum(self._cpu.values())


def run_child(inp: Path, out: Path, workers: int, engine: str, extra: list[str] | None = None,
              src: Path | None = None) -> dict:
    """Run ``heatcalc batch`` in a child process; return its summary, wall time and peak tree memory.

    ``src``: another tree's ``src`` folder to run (the baseline of ``compare``)."""
    import json

    cmd = [sys.executable, "-m", "heatcalc", "batch", str(inp), "-o", str(out), "--workers", str(workers),
           "--engine", engine, "--json", "--no-progress"] + (extra or [])
    env = _env(src)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=src.parent if src else None)
    mem = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    peak = mem.stop()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}): {stderr.strip()}")
    s = json.loads(stdout)
    s.update(wall_s=wall, peak_MB=peak, cpu_s=mem.cpu_s)
    return s


def _env(src: Path | None) -> dict:
    env = dict(os.environ)
    if src is not None:  # that tree's code and its data
        env["PYTHONPATH"] = str(src)
        env["HEATCALC_DATA_DIR"] = str(src.parent / "data")
    return env


def baseline_tree(rev: str, folder: Path) -> Path:
    """``git archive`` of ``rev`` extracted into ``folder``; returns its ``src``."""
    folder.mkdir(parents=True, exist_ok=True)
    arch = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=arch, check=True)
    return folder / "src"


def load_text() -> str:
    la = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return f"load average {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f}"


def compare(inp: Path, tmp: Path, workers: int, rev: str, repeats: int) -> None:
    """This tree against ``rev`` on the same cases, alternating, median of ``repeats``."""
    try:
        base = Path(rev) / "src" if Path(rev).is_dir() else baseline_tree(rev, tmp / "baseline")
        rev = Path(rev).name if Path(rev).is_dir() else rev
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"  baseline {rev} not available ({exc}); skipped")
        return
    n_cores = min(workers, cores())
    res: dict[str, list[dict]] = {"now": [], rev: []}
    for k in range(repeats):
        for label, src in (("now", None), (rev, base)):
            s = run_child(inp, tmp / f"cmp_{label}.csv", workers, "local", src=src)
            res[label].append(s)
            print(line(label[:8], s, n_cores) + f"  [{load_text()}]")
    med = {k: {f: statistics.median(x[f] for x in v) for f in ("wall_s", "cpu_s", "peak_MB")} for k, v in res.items()}
    n = res["now"][0]["rows_read"]
    print(f"  median of {repeats}: now {n / med['now']['wall_s']:,.0f} sites/s, {rev} "
          f"{n / med[rev]['wall_s']:,.0f} sites/s; speed-up wall {med[rev]['wall_s'] / med['now']['wall_s']:.2f}×, "
          f"CPU {med[rev]['cpu_s'] / med['now']['cpu_s']:.2f}× (target ≥ 5×); on {n_cores} idle cores ≈ "
          f"{n / (med['now']['cpu_s'] / n_cores):,.0f} sites/s (target ≥ 1,000); peak now "
          f"{med['now']['peak_MB']:,.0f} MB (target ≤ 1,024)")
    same = _same_numbers(tmp / "cmp_now.csv", tmp / f"cmp_{rev}.csv")
    print(f"  result rows of now and {rev} equal to 1e-9 relative (numbers; texts may differ): {same}")


def _same_numbers(a: Path, b: Path) -> str:
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from test_batch_scale import differences
    finally:
        sys.path.pop(0)
    import gzip
    import shutil

    gz = b.with_suffix(".csv.gz")
    with b.open("rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    d = differences(a, gz, limit=5)
    return "yes" if not d else "NO: " + "; ".join(d)


def first_row(workers: int | None, repeats: int) -> None:
    """The 25-site example from the CLI against ``python -c 'import CoolProp'``, alternating."""
    imp, run, cpu_imp, cpu_run = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="heatcalc-first-") as d:
        out = Path(d) / "out.csv"
        cmd = [sys.executable, "-m", "heatcalc", "batch", str(EXAMPLE), "-o", str(out), "--no-progress"]
        if workers:
            cmd += ["--workers", str(workers)]
        for _ in range(repeats):
            for dest, cdest, c in ((imp, cpu_imp, [sys.executable, "-c", "import CoolProp"]), (run, cpu_run, cmd)):
                t0 = time.perf_counter()
                proc = subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                mem = TreeMemory(proc.pid)
                _, err = proc.communicate()
                mem.stop()
                dest.append(time.perf_counter() - t0)
                cdest.append(mem.cpu_s)
                if proc.returncode != 0:
                    raise SystemExit(f"{c[:4]} failed: {err.decode(errors='replace')[-500:]}")
    mi, mr = statistics.median(imp), statistics.median(run)
    print(f"  import CoolProp {mi:6.2f} s (CPU {statistics.median(cpu_imp):.2f} s); 25-site example "
          f"{mr:6.2f} s (CPU {statistics.median(cpu_run):.2f} s); ratio wall {mr / mi:.2f}× (target ≤ 2×), CPU "
          f"{statistics.median(cpu_run) / max(statistics.median(cpu_imp), 1e-9):.2f}×; median of {repeats}, "
          f"{load_text()}")


def memory(tmp: Path, workers: int, rows: list[int]) -> None:
    """Peak memory of streamed runs of different lengths: growth per row."""
    peaks = []
    for n in rows:
        inp = generate(tmp / f"mem_{n}.csv", n, options="e_boiler")
        s = run_child(inp, tmp / f"mem_{n}_out.csv", workers, "local")
        peaks.append(s["peak_MB"])
        print(line(f"{n // 1000}k", s, min(workers, cores())))
        (tmp / f"mem_{n}.csv").unlink()
        (tmp / f"mem_{n}_out.csv").unlink()
    if len(rows) >= 2:
        per_row = (peaks[-1] - peaks[0]) * 2**20 / (rows[-1] - rows[0])
        print(f"  peak memory growth {per_row:,.1f} bytes per row between {rows[0]:,} and {rows[-1]:,} rows "
              f"(before issue 19: ≈ 150 bytes per row from the case_id check; sampling noise ± a few MB)")


def line(label: str, s: dict, n_cores: int) -> str:
    idle = s["cpu_s"] / n_cores
    return (f"  {label:<8} {s['rows_read']:>9,} rows  {s['wall_s']:>8.1f} s  {s['rows_read'] / s['wall_s']:>7.0f} rows/s"
            f"  CPU {s['cpu_s']:>7.0f} s (≈ {idle:.0f} s, {s['rows_read'] / max(idle, 1e-9):.0f} rows/s on "
            f"{n_cores} idle cores)"
            f"  peak {s['peak_MB']:>7.0f} MB  (ok {s['rows_ok']:,}, error {s['rows_error']:,}"
            f"{' of which internal ' + format(s['internal_errors'], ',') if s['internal_errors'] else ''}, "
            f"result rows {s['results_ok'] + s['results_infeasible'] + s['results_error']:,})")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenarios", nargs="*", default=["compare", "first", "engines", "memory"],
                    choices=["10k", "engines", "million", "compare", "first", "memory"])
    ap.add_argument("--baseline", default="0ffe105",
                    help="git revision of the compare scenario's baseline, or the folder of a source tree")
    ap.add_argument("--repeats", type=int, default=3, help="repeats of the compare and first scenarios")
    ap.add_argument("--memory-rows", default="10000,40000", help="row counts of the memory scenario")
    ap.add_argument("--workers", type=int, default=cores())
    ap.add_argument("--rows", type=int, default=10_000, help="cases of the 10k and engines scenarios")
    ap.add_argument("--engine-rows", type=int, default=None, help="cases of the engines scenario [default --rows]")
    ap.add_argument("--million-rows", type=int, default=1_000_000)
    ap.add_argument("--million-options", default="e_boiler",
                    help="options of heat cases in the million scenario (memory is the point; 'all' takes ~4x longer)")
    args = ap.parse_args(argv)
    try:
        import psutil  # noqa: F401
    except ImportError:
        raise SystemExit("the benchmark needs psutil (pip install psutil)") from None

    print(f"heatcalc batch benchmark — {cores()} usable cores ({os.cpu_count()} in the machine), "
          f"workers {args.workers}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="heatcalc-bench-") as d:
        tmp = Path(d)
        print(load_text())
        if {"10k", "engines", "compare"} & set(args.scenarios):
            inp = generate(tmp / "cases.csv", args.rows)
        if "compare" in args.scenarios:
            print(f"\ncompare: {args.rows:,} cases × all applicable options, local engine, this tree and "
                  f"{args.baseline} alternating ({args.repeats} each)")
            compare(inp, tmp, args.workers, args.baseline, args.repeats)
        if "first" in args.scenarios:
            print("\nfirst: the 25-site example from the CLI against python -c 'import CoolProp'")
            first_row(None, args.repeats)
        if "memory" in args.scenarios:
            rows = [int(x) for x in args.memory_rows.split(",") if x.strip()]
            print(f"\nmemory: streamed runs of {', '.join(f'{n:,}' for n in rows)} e_boiler cases")
            memory(tmp, args.workers, rows)
        if "10k" in args.scenarios:
            print(f"\n10k: {args.rows:,} cases × all applicable options, local engine (target ≤ 60 s on 2 cores, "
                  "≤ 1 GB)")
            s = run_child(inp, tmp / "out.csv", args.workers, "local")
            print(line("local", s, min(args.workers, cores())))
        if "engines" in args.scenarios:
            n = args.engine_rows or args.rows
            einp = inp if n == args.rows else generate(tmp / "engine_cases.csv", n)
            print(f"\nengines: {n:,} cases, {args.workers} workers each (fresh processes, cold caches)")
            res = {}
            for eng in ("local", "dask"):
                res[eng] = run_child(einp, tmp / f"out_{eng}.csv", args.workers, eng)
                print(line(eng, res[eng], min(args.workers, cores())))
            same = (tmp / "out_local.csv").read_bytes() == (tmp / "out_dask.csv").read_bytes()
            r = res["dask"]["wall_s"] / res["local"]["wall_s"]
            print(f"  dask / local wall time {r:.2f}; output files identical: {same}")
        if "million" in args.scenarios:
            n = args.million_rows
            t0 = time.perf_counter()
            big = generate(tmp / "million.csv", n, options=None if args.million_options == "all"
                           else args.million_options)
            size = big.stat().st_size / 2**20
            print(f"\nmillion: {n:,} cases streamed ({size:,.0f} MB CSV generated in {time.perf_counter() - t0:.0f} s; "
                  f"heat-case options: {args.million_options}; target peak ≤ 1.5 GB)")
            s = run_child(big, tmp / "million_out.csv", args.workers, "local")
            print(line("local", s, min(args.workers, cores())))
            print(f"  output {(tmp / 'million_out.csv').stat().st_size / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
