"""Process-tree helpers of the signal tests (tests/test_signals.py, tests/test_dask_cluster.py)."""
from __future__ import annotations

import psutil


def tree(pid: int, seen: dict[int, float]) -> None:
    """Add the descendants of ``pid`` (with their start times, against pid reuse) to ``seen``."""
    try:
        for c in psutil.Process(pid).children(recursive=True):
            try:
                seen.setdefault(c.pid, c.create_time())
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass


def alive(seen: dict[int, float]) -> list[str]:
    """The processes of ``seen`` still running (same start time, not a zombie), with their command lines."""
    out = []
    for pid, t0 in seen.items():
        try:
            p = psutil.Process(pid)
            if p.create_time() == t0 and p.status() != psutil.STATUS_ZOMBIE:
                out.append(f"{pid} {' '.join(p.cmdline())[:100]}")
        except psutil.NoSuchProcess:
            pass
    return out
