"""Bounded scalar maximisation shared by the cycle models (intermediate pressure,
cascade temperature, gas-cooler pressure).

A coarse grid first locates the best feasible region (infeasible points, where the
model raises :class:`~heatcalc.core.errors.PhysicalBoundsError`, count as ``-inf``), then
scipy's bounded Brent method (``minimize_scalar(method="bounded")``) refines the
optimum between the grid neighbours of the best grid point. The grid makes the
search robust against infeasible sub-ranges; Brent makes it precise.
"""
from __future__ import annotations

import math
from typing import Callable

from heatcalc.core.errors import PhysicalBoundsError

#: Grid points of the coarse search.
N_GRID = 13
#: Objective value given to the minimiser for an infeasible point (large and finite).
_PENALTY = 1.0e30


def maximise_bounded(f: Callable[[float], float], lo: float, hi: float, *, xatol: float,
                     n_grid: int = N_GRID) -> tuple[float, float]:
    """Maximise ``f`` on ``[lo, hi]``.

    Parameters
    ----------
    f : callable
        Objective; may raise :class:`PhysicalBoundsError` for infeasible points.
    lo, hi : float
        Bounds of the variable, ``lo < hi``.
    xatol : float
        Absolute tolerance on the variable (same unit as ``lo`` and ``hi``).
    n_grid : int
        Points of the coarse grid, at least 3.

    Returns
    -------
    (float, float)
        The best variable and the objective there.

    Raises
    ------
    PhysicalBoundsError
        If no grid point is feasible.
    """
    from scipy.optimize import minimize_scalar

    def safe(x: float) -> float:
        try:
            v = f(x)
        except PhysicalBoundsError:
            return -math.inf
        return v if math.isfinite(v) else -math.inf

    step = (hi - lo) / (n_grid - 1)
    xs = [lo + i * step for i in range(n_grid)]
    xs[-1] = hi
    vals = [safe(x) for x in xs]
    i = max(range(n_grid), key=lambda k: vals[k])
    if not math.isfinite(vals[i]):
        raise PhysicalBoundsError("no feasible point in the search range")
    a, b = xs[max(i - 1, 0)], xs[min(i + 1, n_grid - 1)]

    def neg(x: float) -> float:
        v = safe(x)
        return -v if math.isfinite(v) else _PENALTY

    res = minimize_scalar(neg, bounds=(a, b), method="bounded", options={"xatol": xatol})
    if res.fun < _PENALTY and -res.fun >= vals[i]:
        return float(res.x), float(-res.fun)
    return xs[i], vals[i]
