"""A real ``heatcalc batch`` (local engine, two workers) stopped by SIGTERM, SIGINT or SIGKILL
at a random moment of its run.

Afterwards no process of the run is alive — the CLI process, the multiprocessing
forkserver, the resource tracker and the workers, found with psutil as the run's process
tree while it ran — and every file the run leaves is complete and valid or absent: the
output has every input row; an interrupted run's ``<output>.part`` is a readable table
of whole rows; a run ended by SIGKILL leaves at most its hidden temporary file, which the
next run with the same output removes. Two concurrent runs with the same ``-o`` write
separate temporary files and each ends with the complete output.

The moments are drawn from a seeded generator (the seed is in the test id); the whole
file takes about half a minute on two busy cores.
"""
from __future__ import annotations

import csv
import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")

from tests.processes import alive, tree  # noqa: E402 - after the skip when psutil is missing

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals and /proc (Linux)")

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT / "data" / "examples" / "sites_25.csv"
#: Input rows of the run (few, so that a run lasts seconds).
N_ROWS = 10
#: Seconds the processes of a stopped run get to end.
GONE_WITHIN_S = 10.0


@pytest.fixture(scope="module")
def small_input(tmp_path_factory) -> Path:
    lines = SITES.read_text(encoding="utf-8").splitlines()
    p = tmp_path_factory.mktemp("signals") / "sites.csv"
    p.write_text("\n".join(lines[: 1 + N_ROWS]) + "\n", encoding="utf-8")
    return p


def _start(inp: Path, out: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "heatcalc", "batch", str(inp), "-o", str(out), "--workers", "2",
           "--chunk-rows", "1", "--no-progress"]
    return subprocess.Popen(cmd, cwd=out.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _rows_csv(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=","))
    header = rows[0]
    assert header[0] == "input_row", header[:3]
    assert all(len(r) == len(header) for r in rows[1:]), "a cut row"
    return [dict(zip(header, r)) for r in rows[1:]]


def _rows_xlsx(path: Path) -> list[dict]:
    import openpyxl

    with path.open("rb") as fh:  # by content: the .part suffix is no Excel suffix
        ws = openpyxl.load_workbook(fh, read_only=True)["results"]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[0]
    assert header[0] == "input_row"
    return [dict(zip(header, r)) for r in rows[1:]]


def _rows(path: Path, fmt: str) -> list[dict]:
    return _rows_csv(path) if fmt == "csv" else _rows_xlsx(path)


def _input_rows(rows: list[dict]) -> set[int]:
    return {int(r["input_row"]) for r in rows}


def _run_and_stop(inp: Path, out: Path, sig: int, delay_s: float) -> tuple[int, dict[int, float], str]:
    """Start a run, wait until its workers run, then ``delay_s`` more, send ``sig``; wait for the end."""
    proc = _start(inp, out)
    seen: dict[int, float] = {}
    t_pool = None
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        tree(proc.pid, seen)
        if t_pool is None and len(seen) >= 3:  # forkserver or tracker and workers: the pool runs
            t_pool = time.monotonic()
        if t_pool is not None and time.monotonic() - t_pool >= delay_s:
            break
        time.sleep(0.02)
    if proc.poll() is None:
        tree(proc.pid, seen)
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, seen, err.decode("utf-8", "replace")


def _wait_gone(seen: dict[int, float]) -> list[str]:
    deadline = time.monotonic() + GONE_WITHIN_S
    while (left := alive(seen)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _temps(folder: Path, out: Path) -> list[Path]:
    return sorted(folder.glob(f".{out.name}.*.part"))


SEED = 17
_rng = random.Random(SEED)
CASES = [("SIGTERM", "csv"), ("SIGTERM", "xlsx"), ("SIGINT", "csv"), ("SIGINT", "xlsx"), ("SIGKILL", "csv")]
MOMENTS = [round(_rng.uniform(0.0, 3.0), 2) for _ in CASES]


@pytest.mark.parametrize(("name", "fmt", "delay_s"), [(n, f, d) for (n, f), d in zip(CASES, MOMENTS)],
                         ids=[f"{n}-{f}-{d}s-seed{SEED}" for (n, f), d in zip(CASES, MOMENTS)])
def test_a_stopped_run_leaves_no_process_and_no_broken_file(tmp_path, small_input, name, fmt, delay_s):
    sig = getattr(signal, name)
    out = tmp_path / f"results.{fmt}"
    rc, seen, err = _run_and_stop(small_input, out, sig, delay_s)
    assert len(seen) >= 3, f"the run's pool was not seen: {seen}"
    left = _wait_gone(seen)
    assert not left, f"alive {GONE_WITHIN_S:g} s after {name}: {left}"
    assert "Traceback" not in err, err[-2000:]
    if rc == 0:  # the signal came after the end
        assert _input_rows(_rows(out, fmt)) == set(range(2, 2 + N_ROWS))
        return
    if out.exists():  # stopped after the rename: complete
        assert _input_rows(_rows(out, fmt)) == set(range(2, 2 + N_ROWS))
    part = out.with_name(out.name + ".part")
    if name == "SIGINT":
        assert rc == 130, (rc, err[-500:])
        if part.exists():
            done = _input_rows(_rows(part, fmt))
            assert done <= set(range(2, 2 + N_ROWS))
    else:
        assert rc == -sig, (rc, err[-500:])
        assert not part.exists()
    temps = _temps(tmp_path, out)
    if name == "SIGKILL":  # the killed run could not clean up: the next run with the same output does
        from heatcalc.batch.run import remove_stale_temps

        assert remove_stale_temps(out) == temps
    else:
        assert not temps, temps


def test_two_runs_with_the_same_output_do_not_share_a_file(tmp_path, small_input):
    out = tmp_path / "results.csv"
    procs = [_start(small_input, out), _start(small_input, out)]
    names: set[str] = set()
    seen: dict[int, float] = {}
    while any(p.poll() is None for p in procs):
        names.update(p.name for p in _temps(tmp_path, out))
        for p in procs:
            tree(p.pid, seen)
        time.sleep(0.02)
    errs = [p.stderr.read().decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert len(names) == 2, f"temporary files seen: {names}"
    rows = _rows_csv(out)
    assert sorted(int(r["input_row"]) for r in rows if r["option"] == "baseline") == list(range(2, 2 + N_ROWS))
    assert not _temps(tmp_path, out) and not out.with_name(out.name + ".part").exists()
    assert not _wait_gone(seen)
