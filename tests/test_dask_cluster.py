"""``heatcalc batch --engine dask`` on a real Dask cluster: a ``dask scheduler`` and ``dask worker`` processes
started here as separate processes on 127.0.0.1, as an operator starts them on machines.

* the output file is byte-identical to the local engine's;
* a worker killed (SIGKILL, its whole process group) while it evaluates rows loses and duplicates no row;
* a scheduler address that is unreachable gives one ``error:`` line and exit code 2;
* the LocalCluster that ``--engine dask`` starts without ``--scheduler`` ends with the run: after SIGKILL or
  SIGTERM of the run no worker process of it is alive.

The cluster is started once for the module; the file takes about a minute on two busy cores.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

from tests.processes import alive, tree  # noqa: E402 - after the skip when psutil is missing

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX process groups (Linux)")

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "batch_scale_cases.csv"
DASK = Path(sys.executable).with_name("dask")
#: Input rows of the runs (enough that a run lasts several seconds, few enough for a short test).
N_ROWS = 16
#: Seconds the processes get to start or to end.
WAIT_S = 60.0


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "heatcalc", "batch", *args, "--no-progress"]


def _spawn(cmd: list[str], log: Path) -> subprocess.Popen:
    fh = log.open("wb")
    return subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True, cwd=log.parent)


def _stop(p: subprocess.Popen) -> None:
    """End a process this test started, with its process group (nanny and worker)."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    p.wait(timeout=WAIT_S)


def _wait_file(path: Path, proc: subprocess.Popen, log: Path) -> None:
    t0 = time.monotonic()
    while not path.exists():
        if proc.poll() is not None or time.monotonic() - t0 > WAIT_S:
            raise RuntimeError(f"{proc.args[:3]} did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)


class Cluster:
    """A scheduler and workers started as separate processes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        self.workers: dict[str, subprocess.Popen] = {}
        sfile = folder / "scheduler.json"
        log = folder / "scheduler.log"
        p = _spawn([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--scheduler-file", str(sfile)], log)
        self.procs.append(p)
        _wait_file(sfile, p, log)
        for _ in range(100):
            try:
                self.address = json.loads(sfile.read_text())["address"]
                break
            except (ValueError, KeyError):
                time.sleep(0.1)

    def add_worker(self, name: str) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        p = _spawn([str(DASK), "worker", self.address, "--name", name, "--nthreads", "1", "--nworkers", "1",
                    "--no-dashboard", "--local-directory", str(self.folder / name)], log)
        self.procs.append(p)
        self.workers[name] = p
        self.wait_workers(lambda names: name in names, f"worker {name} to register", log)
        return p

    def names(self) -> set[str]:
        from distributed import Client

        with Client(self.address, timeout="10s") as c:
            return {w.get("name") for w in c.scheduler_info(n_workers=-1)["workers"].values()}

    def wait_workers(self, ok, what: str, log: Path | None = None) -> None:
        t0 = time.monotonic()
        while not ok(self.names()):
            if time.monotonic() - t0 > WAIT_S:
                raise RuntimeError(f"timed out waiting for {what}"
                                   + (f": {log.read_text(errors='replace')[-2000:]}" if log else ""))
            time.sleep(0.3)

    def close(self) -> None:
        for p in reversed(self.procs):
            _stop(p)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask-cluster"))
    try:
        c.add_worker("w1")
        c.add_worker("w2")
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    p = tmp_path_factory.mktemp("dask-cases") / "cases.csv"
    p.write_text("\n".join(lines[: 1 + N_ROWS]) + "\n", encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def local_output(cases, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("dask-local") / "local.csv"
    r = subprocess.run(_cmd(str(cases), "-o", str(out), "--workers", "1"), capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


def _input_rows(data: bytes) -> list[int]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return sorted({int(r["input_row"]) for r in rows}), [int(r["input_row"]) for r in rows]


def test_external_cluster_output_identical_to_local(cluster, cases, local_output, tmp_path):
    out = tmp_path / "dask.csv"
    r = subprocess.run(_cmd(str(cases), "-o", str(out), "--engine", "dask", "--scheduler", cluster.address,
                            "--chunk-rows", "2", "--json"), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["engine"] == "dask" and s["workers"] >= 2 and s["rows_read"] == N_ROWS
    assert out.read_bytes() == local_output


def test_worker_killed_mid_run_loses_and_duplicates_no_row(cluster, cases, local_output, tmp_path):
    from distributed import Client

    victim = cluster.add_worker("victim")
    out = tmp_path / "dask.csv"
    run = subprocess.Popen(_cmd(str(cases), "-o", str(out), "--engine", "dask", "--scheduler", cluster.address,
                                "--chunk-rows", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed_busy = False
    try:
        with Client(cluster.address, timeout="10s") as c:
            t0 = time.monotonic()
            while run.poll() is None and time.monotonic() - t0 < WAIT_S:
                busy = {a for a, tasks in c.processing().items() if tasks}
                names = {a: w.get("name") for a, w in c.scheduler_info(n_workers=-1)["workers"].items()}
                if any(names.get(a) == "victim" for a in busy):
                    os.killpg(victim.pid, signal.SIGKILL)  # the worker and its nanny, mid-task
                    killed_busy = True
                    break
                time.sleep(0.05)
        stdout, stderr = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            run.kill()
        _stop(victim)
    assert killed_busy, "the victim worker never had a task while the run went (the test did not kill it)"
    assert run.returncode == 0, stderr
    data = out.read_bytes()
    distinct, every = _input_rows(data)
    assert distinct == list(range(2, 2 + N_ROWS))  # no row lost
    assert every == sorted(every)  # in input order, each row's results together, none twice
    assert data == local_output  # nothing duplicated or changed
    cluster.wait_workers(lambda names: "victim" not in names, "the killed worker to leave")


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "tcp://no-such-host.invalid:8786"])
def test_unreachable_scheduler_is_an_error_line(cases, tmp_path, address):
    out = tmp_path / "out.csv"
    env = dict(os.environ, HEATCALC_DASK_TIMEOUT_S="3")
    r = subprocess.run(_cmd(str(cases), "-o", str(out), "--engine", "dask", "--scheduler", address),
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines and lines[-1].startswith("error:") and address in lines[-1], r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_bad_timeout_setting_names_the_variable(cases, tmp_path):
    env = dict(os.environ, HEATCALC_DASK_TIMEOUT_S="soon")
    r = subprocess.run(_cmd(str(cases), "-o", str(tmp_path / "o.csv"), "--engine", "dask", "--scheduler",
                            "tcp://127.0.0.1:9"), capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2 and "HEATCALC_DASK_TIMEOUT_S" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_local_dask_workers_die_with_the_run(cases, tmp_path, sig):
    run = subprocess.Popen(_cmd(str(cases), "-o", str(tmp_path / "o.csv"), "--engine", "dask", "--workers", "2"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    seen: dict[int, float] = {}
    try:
        t0 = time.monotonic()
        workers = []
        while run.poll() is None and time.monotonic() - t0 < WAIT_S:
            tree(run.pid, seen)
            workers = [p for p in alive(seen) if "multiprocessing" in p or "spawn" in p]
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert run.poll() is None and len(workers) >= 2, "the run ended before its two Dask workers were seen"
        time.sleep(1.0)  # the workers have registered their plugin
        tree(run.pid, seen)
        run.send_signal(sig)
        run.wait(timeout=WAIT_S)
        t1 = time.monotonic()
        left = alive(seen)
        while left and time.monotonic() - t1 < 10.0:
            time.sleep(0.2)
            left = alive(seen)
        assert not left, f"alive after {sig!r} of the run: {left}"
    finally:
        if run.poll() is None:
            run.kill()
        for pid in seen:  # only processes of this run
            try:
                psutil.Process(pid).kill()
            except psutil.Error:
                pass
