"""Where the rows are evaluated: in this process, in a local process pool, or on a Dask
cluster; tasks are routed so that rows with the same heat-pump design meet the same worker.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from heatcalc.batch.writers import _plain_value, format_cell
from heatcalc.core import datafiles
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message, message_of
from heatcalc.evaluation.annual import error_row, evaluate_record

#: Chunks in flight per worker (bounds memory; keeps the workers busy).
IN_FLIGHT_PER_WORKER = 3


#: Seconds to wait for a Dask scheduler (and for its first worker); the environment variable
#: ``HEATCALC_DASK_TIMEOUT_S`` sets another value.
DASK_CONNECT_TIMEOUT_S = 20.0


def _dask_timeout_s() -> float:
    """:data:`DASK_CONNECT_TIMEOUT_S`, or ``HEATCALC_DASK_TIMEOUT_S`` when set to a positive number."""
    text = os.environ.get("HEATCALC_DASK_TIMEOUT_S", "").strip()
    try:
        v = float(text) if text else DASK_CONNECT_TIMEOUT_S
    except ValueError:
        raise InputError(f"HEATCALC_DASK_TIMEOUT_S={text!r} is not a number of seconds; valid: more than 0 s") \
            from None
    if not v > 0 or v != v or v == float("inf"):
        raise InputError(f"HEATCALC_DASK_TIMEOUT_S={text!r} is out of range: valid is more than 0 s (finite)")
    return v


# ---------------------------------------------------------------------------------------------------------------
# evaluation of one chunk (runs in worker processes and on Dask workers)
_EVAL_LOCK = threading.Lock()  # CoolProp state objects are shared per process: one evaluation at a time


def _default_evaluator(record: dict) -> list[dict]:
    return evaluate_record(record)


@dataclass
class Task:
    """One input row ready for evaluation (picklable, small)."""

    row: int
    record: dict
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    case_id: Any = None
    tariffs: str | None = None  # the row's own tables (``;``-separated paths; heatcalc.money.overlay)


#: The user tables of the rows evaluated in this process, merged once per file list (heatcalc.money.overlay).
_ROW_OVERLAYS: dict[str, Any] = {}


def _row_overlay(tariffs: str):
    """The merged overlay of a row's ``tariffs`` (cached in the process; a bad file raises InputError)."""
    ov = _ROW_OVERLAYS.get(tariffs)
    if ov is None:
        from heatcalc.money import overlay

        if len(_ROW_OVERLAYS) >= 64:  # a few tables per batch; forget the oldest beyond that
            _ROW_OVERLAYS.pop(next(iter(_ROW_OVERLAYS)))
        ov = _ROW_OVERLAYS[tariffs] = overlay.prepare(tariffs.split(";"))
    return ov


def _evaluate_task(ev, t: Task) -> list[dict]:
    """One row's result rows; a row naming its own tables is evaluated with them, and its rows list them."""
    if not t.tariffs:
        return ev(t.record)
    from heatcalc.money import overlay

    try:
        ov = _row_overlay(t.tariffs)
    except InputError as exc:
        m = message_of(exc)
        return [error_row(t.case_id, m.prefixed("tariffs") if isinstance(m, Message) else f"tariffs: {exc}")]
    with overlay.using(ov):
        rows = ev(t.record)
    notes = ov.notes()
    return [dict(r, warnings=[*((r.get("warnings") or []) if not isinstance(r.get("warnings"), str)
                                else [r["warnings"]]), *notes]) for r in rows]


def _internal_error(exc: BaseException) -> Message:
    return Message("batch.internal_error", f"internal error (please report): {type(exc).__name__}: {exc}",
                   kind=type(exc).__name__, error=str(exc))


def evaluate_chunk(tasks: Sequence[Task], columns: Sequence[str], mode: str = "raw", decimal: str = ".",
                   evaluator: Callable[[dict], list[dict]] | None = None) -> list[tuple[int, list[str], list[list]]]:
    """Evaluate a chunk of input rows (the unit of work of both engines).

    Parameters
    ----------
    tasks : sequence of Task
        Input rows.
    columns : sequence of str
        Result columns to return, in order.
    mode : {"raw", "text"}
        ``raw``: plain Python values (Excel, Parquet); ``text``: CSV cells already
        formatted with ``decimal`` and neutralised (formatting runs in parallel).
    decimal : str
        Decimal mark of ``text`` mode.
    evaluator : callable, optional
        ``record -> list of row dicts``; default
        :func:`heatcalc.evaluation.annual.evaluate_record`.

    Returns
    -------
    list of (row, statuses, cells)
        Per input row: its row number, the status of each result row and the
        result rows' cells in ``columns`` order.
    """
    ev = evaluator or _default_evaluator
    # a language (heatcalc batch --lang): rows evaluated in English, localised once complete, so that the reader's
    # errors and warnings of the row are rendered too and the codes stay in step with the warnings
    localise = getattr(ev, "localise", None)
    if localise is not None:
        ev = ev.evaluate
    out = []
    with _EVAL_LOCK, datafiles.snapshot():  # each data file checked for changes once per chunk
        for t in tasks:
            if t.error is not None:
                rows = [error_row(t.case_id, t.error)]
            else:
                try:
                    rows = _evaluate_task(ev, t)
                    if not rows:
                        raise RuntimeError("the evaluation returned no rows")
                except Exception as exc:  # noqa: BLE001 - a fault in one row must not stop the batch
                    rows = [error_row(t.case_id, _internal_error(exc))]
                    rows[0]["_internal"] = True
            statuses = []
            cells = []
            for r in rows:
                st = r.get("status", "error")
                statuses.append("internal" if r.get("_internal") else st)
                if t.warnings:
                    w = r.get("warnings") or []
                    w = [w] if isinstance(w, str) else list(w)
                    r = dict(r, warnings=list(t.warnings) + w)
                if localise is not None:
                    r = localise(r)
                if mode == "text":
                    cells.append([format_cell(r.get(c), decimal) for c in columns])
                else:
                    cells.append([_plain_value(r.get(c)) for c in columns])
            out.append((t.row, statuses, cells))
    return out


# ---------------------------------------------------------------------------------------------------------------
# engines
class _Inline:
    """Evaluate in this process (one slot)."""

    def __init__(self):
        self.slots = 1
        self.workers = 1

    def submit(self, slot: int, fn, *args):
        from concurrent.futures import Future

        fut: Future = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - delivered through the future
            fut.set_exception(exc)
        return fut

    def is_crash(self, exc: BaseException) -> bool:
        return False

    def close(self, cancel: bool = False) -> None:
        pass


#: Seconds between two looks of a worker's watchdog at its parent process.
WATCHDOG_INTERVAL_S = 0.5

#: ``prctl`` option that sends a signal to a process when its parent dies (Linux, <linux/prctl.h>).
_PR_SET_PDEATHSIG = 1


def _process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie — dead, not yet reaped — counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True  # no /proc (not Linux): the kill(0) answer stands


def _watch_parent(parent_pid: int, ppid0: int) -> None:
    import time

    while True:
        time.sleep(WATCHDOG_INTERVAL_S)
        if os.getppid() != ppid0 or not _process_alive(parent_pid):
            os._exit(1)


def _worker_init(parent_pid: int) -> None:
    """Initializer of every local worker process: it dies with the run that started it.

    * Ctrl-C in a terminal reaches the whole process group: a worker ignores SIGINT, the
      parent decides (it stops the pool and keeps a valid partial file).
    * Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` ends the worker when its parent process
      (the forkserver, which itself exits when the run's process is gone) dies.
    * Everywhere: a daemon thread checks every :data:`WATCHDOG_INTERVAL_S` that the run's
      process is alive and the worker was not re-parented, and exits otherwise.
    """
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ppid0 = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the watchdog remains
            pass
    if ppid0 == 1 or not _process_alive(parent_pid):  # the parent died before the death signal was set
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid, ppid0), name="heatcalc-watchdog", daemon=True).start()


class _LocalPool:
    """``workers`` single-process executors: one slot per process, so rows can be routed to a process.

    Every worker runs :func:`_worker_init` (it dies with this process); :meth:`close` with
    ``cancel=True`` ends the workers at once instead of letting them finish their rows.
    """

    def __init__(self, workers: int, mp_context: str | None = None):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        method = mp_context or ("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["heatcalc.batch._preload"])  # workers start with imports and tables
        self.workers = self.slots = workers
        self._ctx = ctx
        self._ex = [self._executor() for _ in range(workers)]

    def _executor(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=1, mp_context=self._ctx, initializer=_worker_init,
                                   initargs=(os.getpid(),))

    def submit(self, slot: int, fn, *args):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._ex[slot].submit(fn, *args)
        except BrokenProcessPool:  # the process died earlier: start a new one
            self.restart(slot)
            return self._ex[slot].submit(fn, *args)

    def restart(self, slot: int) -> None:
        self._ex[slot].shutdown(wait=False, cancel_futures=True)
        self._ex[slot] = self._executor()

    def is_crash(self, exc: BaseException) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        return isinstance(exc, BrokenProcessPool)

    def close(self, cancel: bool = False) -> None:
        procs = []
        for ex in self._ex:
            procs.extend(getattr(ex, "_processes", None) and list(ex._processes.values()) or [])
            ex.shutdown(wait=not cancel, cancel_futures=cancel)
        if cancel:  # stopped: do not let the workers finish rows nobody will read
            for p in procs:
                if p.is_alive():
                    p.kill()
            for p in procs:
                p.join(timeout=5)


def _die_with_caller_plugin(caller_pid: int):
    """A :class:`_DieWithCaller` that is a Dask ``WorkerPlugin`` (Dask refuses duck-typed plugins; the
    subclass is made here so that importing this module does not load Dask)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class DieWithCaller(_DieWithCaller, WorkerPlugin):
        pass

    return DieWithCaller(caller_pid)


class _DieWithCaller:
    """Dask worker plugin of the LocalCluster that ``heatcalc batch --engine dask`` starts itself: each
    worker process checks every :data:`WATCHDOG_INTERVAL_S` that the run's process is alive and exits
    otherwise, so a SIGKILL of the run leaves no worker behind. (No ``PR_SET_PDEATHSIG`` here: Dask starts
    its worker processes from a thread, and the signal would follow that thread, not the run.) Never used on a
    cluster given by ``--scheduler``: its workers belong to the cluster, not to one run."""

    def __init__(self, caller_pid: int):
        self.caller_pid = caller_pid

    def setup(self, worker=None) -> None:
        if os.getpid() == self.caller_pid:  # a worker thread of the caller itself: nothing to watch
            return
        if not _process_alive(self.caller_pid):
            os._exit(1)
        threading.Thread(target=_watch_caller, args=(self.caller_pid,), name="heatcalc-watchdog",
                         daemon=True).start()

    def teardown(self, worker=None) -> None:
        pass


def _watch_caller(pid: int) -> None:
    import time

    while True:
        time.sleep(WATCHDOG_INTERVAL_S)
        if not _process_alive(pid):
            os._exit(1)


class _DaskPool:
    """A Dask client: on ``scheduler`` or on a LocalCluster bound to 127.0.0.1; one slot per Dask worker."""

    def __init__(self, workers: int, scheduler: str | None, cluster_kwargs: dict | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--engine dask needs dask[distributed]: pip install 'heatcalc[dask]'") from None
        self._cluster = None
        self._client = None
        timeout_s = _dask_timeout_s()
        try:
            if scheduler:
                self._client = Client(scheduler, timeout=f"{timeout_s}s")
                self._client.wait_for_workers(1, timeout=timeout_s)
            else:
                kw = dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None)
                kw.update(cluster_kwargs or {})
                if not kw.get("processes", True):
                    kw.setdefault("protocol", "tcp://")  # threads in this process, still talking TCP on loopback
                self._cluster = LocalCluster(**kw)
                self._client = Client(self._cluster)
                if kw.get("processes", True):  # the cluster's worker processes end with this process
                    self._client.register_plugin(_die_with_caller_plugin(os.getpid()), name="heatcalc-die-with-caller")
        except (OSError, TimeoutError, ValueError) as exc:
            if self._client is not None:
                self._client.close()
            if self._cluster is not None:
                self._cluster.close()
            where = scheduler or "a local cluster"
            raise InputError(f"--scheduler {where!r}: cannot connect to the Dask scheduler ({exc}); "
                             "give an address such as tcp://10.0.0.5:8786") from None
        self._addresses = sorted(self._client.scheduler_info().get("workers", {}))
        self.slots = max(len(self._addresses), 1)
        self.workers = self.slots

    def is_crash(self, exc: BaseException) -> bool:
        try:
            from distributed.scheduler import KilledWorker
        except ImportError:  # pragma: no cover
            return False
        return isinstance(exc, KilledWorker)

    def submit(self, slot: int, fn, *args):
        where = [self._addresses[slot]] if self._addresses else None
        # pinned for cache locality; a lost worker's tasks may still run elsewhere
        return self._client.submit(fn, *args, pure=False, workers=where, allow_other_workers=True)

    def close(self, cancel: bool = False) -> None:
        try:
            self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def _recover(pool, slot: int, tasks: list[Task], args: tuple) -> list:
    """Re-run a sub-batch whose worker process died; isolate the row that kills it.

    The whole sub-batch is tried once more; if the worker dies again, rows are run
    one by one and a row that kills its worker gets an error row.
    """
    try:
        return pool.submit(slot, evaluate_chunk, tasks, *args).result()
    except Exception as exc:  # noqa: BLE001
        if not pool.is_crash(exc):
            raise
    out = []
    for t in tasks:
        try:
            out.extend(pool.submit(slot, evaluate_chunk, [t], *args).result())
        except Exception as exc:  # noqa: BLE001
            if not pool.is_crash(exc):
                raise
            dead = Task(row=t.row, record={}, case_id=t.case_id, warnings=t.warnings,
                        error=Message("batch.worker_died", "internal error (please report): the evaluation of "
                                      f"this row stopped its worker process ({type(exc).__name__}); the other rows "
                                      "are not affected", kind=type(exc).__name__))
            res = evaluate_chunk([dead], *args)
            res[0][1][0] = "internal"
            out.extend(res)
    return out


#: Routing fields: rows that agree on these share heat-pump designs (the expensive, cached part).
_ROUTE_FIELDS = ("process", "sink_medium", "T_sink_in_C", "T_sink_out_C", "source_medium", "T_source_in_C",
                 "T_source_out_C", "dT_min_K", "eta_is", "refrigerant")


#: Most routing keys remembered (bounded memory on huge files).
_ROUTE_MAX_KEYS = 200_000


def route_key(task: Task) -> tuple | None:
    """Key under which rows share a thermodynamic design (``None``: no heat-pump design needed)."""
    if task.error is not None:
        return None
    r = task.record
    proc = str(r.get("process", "heat")).strip().lower()
    if proc in ("lime_kiln", "glass_furnace") or "T_source_in_C" not in r:
        return None
    return tuple(str(r.get(f, "")).strip().lower() for f in _ROUTE_FIELDS)


class Router:
    """Send rows that share a design to the same worker, keeping the workers evenly loaded.

    A design computed once is cached in that worker's process; sending every row with
    the same streams there avoids computing it once per worker. A key gets a second
    (third ...) worker only when its workers run more than ``slack`` rows ahead of
    the least loaded one. Results do not depend on the routing.

    Parameters
    ----------
    slots : int
        Number of workers.
    slack : int
        Rows of imbalance tolerated before a key is shared with another worker.
    """

    def __init__(self, slots: int, slack: int):
        self.load = [0] * slots
        self.slack = slack
        self._homes: dict[tuple, list[int]] = {}
        self._lock = threading.Lock()

    def route(self, key: tuple | None) -> int:
        with self._lock:
            least = min(range(len(self.load)), key=self.load.__getitem__)
            if key is None:
                slot = least
            else:
                homes = self._homes.get(key)
                if homes is None:
                    if len(self._homes) >= _ROUTE_MAX_KEYS:
                        self._homes.clear()
                    self._homes[key] = homes = [least]
                slot = min(homes, key=self.load.__getitem__)
                if self.load[slot] - self.load[least] > self.slack:
                    homes.append(least)
                    slot = least
            self.load[slot] += 1
            return slot

    def done(self, slot: int, n: int) -> None:
        with self._lock:
            self.load[slot] -= n


def default_workers() -> int:
    """Number of usable cores."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)
