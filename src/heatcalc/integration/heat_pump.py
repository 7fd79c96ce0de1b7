"""A heat pump placed on the grand composite curve (GCC).

A heat pump takes ``Q_source`` at its evaporator and delivers ``Q_sink = Q_source + P_el`` at
its condenser. On the heat cascade of :mod:`heatcalc.integration.pinch` (feasible heat flow
``R(T)`` at shifted temperature ``T``, the grand composite curve) let

* ``A(T_k) = min_{T >= T_k} R(T)`` — the hot utility a condenser at shifted ``T_k`` can replace;
* ``B(T_s) = min_{T <= T_s} R(T)`` — the heat an evaporator at shifted ``T_s`` can take without
  drawing heat across the pinch.

Across the pinch (``A > 0`` and ``B > 0``: every zero of the cascade lies between source and
sink) the heat pump saves its whole condenser duty,
``Q_sink = min(A(T_k), COP·P_el, B(T_s)·COP/(COP − 1))``, and uses ``P_el = Q_sink/COP`` (at most
the power given; the rest stays unused). Placed otherwise, the cascade gives
``x = min(A, COP·P_el + M, P_el + B)`` with ``M`` the least heat flow between the two levels: above
the pinch (``B = 0``) it saves only its electricity, like an electric heater; below it
(``A = 0``) it saves nothing and adds its electricity to the cold utility (Townsend and Linnhoff
1983). Such placements are flagged ``crosses_pinch = false`` and ``saves_nothing = true``. The
minimum cold utility afterwards is ``Q_cold_min − x + P_el``: the energy balance closes exactly.

The evaporating temperature is the source's shifted temperature minus the heat pump's ΔT_min
contribution (default ΔT_min/2), the condensing temperature the sink's shifted temperature
plus it; the COP comes from :func:`heatcalc.thermo.topologies.run_cycle` (single stage; the
best of the refrigerant catalogue, or the fluid given), never above Carnot.

The search runs over a grid of shifted temperatures (all GCC corners plus an even grid),
ordered by the Carnot bound of ``x`` so that only promising pairs are designed with CoolProp;
the result is the grid optimum. With the grid and the fluid set fixed, more electrical power
never removes less hot utility.

References
----------
Townsend, D. W. and Linnhoff, B. (1983), Heat and power networks in process design. Part I:
Criteria for placement of heat engines and heat pumps in process networks, AIChE Journal
29(5), 742-748, doi 10.1002/aic.690290508.
Kemp, I. C. (2007), Pinch Analysis and Process Integration, 2nd ed., ch. 6 (heat pumps and the GCC).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from heatcalc.core.errors import HeatCalcError, InputError
from heatcalc.core.units import C_to_K, K_to_C
from heatcalc.integration.pinch import PinchTargets

#: Points of the even grid of shifted temperatures on each side [-].
N_GRID = 40
#: Smallest lift between evaporating and condensing temperature designed [K].
MIN_LIFT_K = 5.0
#: Largest electrical power accepted [kW].
P_EL_MAX_KW = 1.0e6
#: Cycle assumptions of the placement (those of the ``heatcalc cycle`` defaults) [K], [-].
SUPERHEAT_K = 5.0
SUBCOOLING_K = 5.0
ETA_IS = 0.70
#: Most pairs designed after the optimum is found (to prefer the least power at equal saving).
N_EXTRA = 60


@dataclass
class Placement:
    """A heat pump on the GCC (heat flows [kW], temperatures [°C]).

    ``Q_hot_saved_kW`` is the hot utility it removes; ``Q_waste_heat_used_kW`` the part of that
    beyond its own electricity (zero when it does not cross the pinch: it then saves nothing
    an electric heater would not).
    """

    P_el_max_kW: float
    P_el_kW: float
    cop: float
    cop_carnot: float
    refrigerant: str | None
    T_source_shifted_C: float
    T_sink_shifted_C: float
    T_evap_C: float
    T_cond_C: float
    Q_source_kW: float
    Q_sink_kW: float
    Q_hot_saved_kW: float
    Q_hot_before_kW: float
    Q_cold_before_kW: float
    crosses_pinch: bool
    warnings: list[str] = field(default_factory=list)

    @property
    def Q_hot_after_kW(self) -> float:
        return self.Q_hot_before_kW - self.Q_hot_saved_kW

    @property
    def Q_cold_after_kW(self) -> float:
        return self.Q_cold_before_kW - self.Q_hot_saved_kW + self.P_el_kW

    @property
    def Q_waste_heat_used_kW(self) -> float:
        return max(0.0, self.Q_hot_saved_kW - self.P_el_kW)

    @property
    def saves_nothing(self) -> bool:
        """No hot utility saved beyond the electricity put in."""
        return self.Q_waste_heat_used_kW <= 1e-9 * max(1.0, self.Q_hot_before_kW)

    @property
    def energy_balance_residual_kW(self) -> float:
        """(hot utility + electricity − cold utility) after minus before [kW]; zero."""
        return ((self.Q_hot_after_kW + self.P_el_kW - self.Q_cold_after_kW)
                - (self.Q_hot_before_kW - self.Q_cold_before_kW))

    def message(self) -> str:
        if self.P_el_kW <= 0.0 or self.Q_hot_saved_kW <= 0.0:
            return "the heat pump saves nothing here: " + (
                "no hot utility is needed" if self.Q_hot_before_kW <= 0.0
                else "it does not cross the pinch (below it, it only adds its electricity to the cold utility)")
        if self.saves_nothing:
            return ("the heat pump does not cross the pinch: it saves no more hot utility than its electricity "
                    "(an electric heater would do the same)")
        return (f"heat pump across the pinch: takes {self.Q_source_kW:,.0f} kW at {self.T_source_shifted_C:.1f} °C "
                f"and delivers {self.Q_sink_kW:,.0f} kW at {self.T_sink_shifted_C:.1f} °C (shifted), "
                f"saving {self.Q_hot_saved_kW:,.0f} kW of hot utility for {self.P_el_kW:,.0f} kW electricity")

    def to_dict(self) -> dict:
        """JSON object ``heat_pump`` of ``heatcalc pinch --json``."""
        return {
            "P_el_max_kW": self.P_el_max_kW, "P_el_kW": self.P_el_kW, "cop": self.cop, "cop_carnot": self.cop_carnot,
            "refrigerant": self.refrigerant, "T_source_shifted_C": self.T_source_shifted_C,
            "T_sink_shifted_C": self.T_sink_shifted_C, "T_evap_C": self.T_evap_C, "T_cond_C": self.T_cond_C,
            "Q_source_kW": self.Q_source_kW, "Q_sink_kW": self.Q_sink_kW, "Q_hot_saved_kW": self.Q_hot_saved_kW,
            "Q_waste_heat_used_kW": self.Q_waste_heat_used_kW, "Q_hot_before_kW": self.Q_hot_before_kW,
            "Q_hot_after_kW": self.Q_hot_after_kW, "Q_cold_before_kW": self.Q_cold_before_kW,
            "Q_cold_after_kW": self.Q_cold_after_kW, "crosses_pinch": self.crosses_pinch,
            "saves_nothing": self.saves_nothing, "energy_balance_residual_kW": self.energy_balance_residual_kW,
            "message": self.message(), "warnings": list(self.warnings),
        }


def check_power(P_el_kW, field: str = "P_el_kW") -> float:
    """Electrical power as a float in 0 < x ≤ :data:`P_EL_MAX_KW` kW.

    Raises
    ------
    InputError
        Not a finite number in range.
    """
    try:
        P = float(P_el_kW)
    except (TypeError, ValueError):
        raise InputError(f"{field}={P_el_kW!r} kW is not a number; valid is 0 < x ≤ {P_EL_MAX_KW:g} kW") from None
    if not (0.0 < P <= P_EL_MAX_KW):
        raise InputError(f"{field}={P_el_kW} kW is out of range: valid is 0 < x ≤ {P_EL_MAX_KW:g} kW")
    return P


def _fluids(refrigerant: str | None) -> list[tuple[str, float]]:
    """(CoolProp name, highest condensing temperature [°C]) of the fluids to try."""
    from heatcalc.thermo.fluids import get_fluid, refrigerant_catalogue

    cat = refrigerant_catalogue()
    if refrigerant is None or str(refrigerant).strip().lower() == "auto":
        return [(n, float(r["T_cond_max_C"])) for n, r in cat.iterrows()]
    try:
        fl = get_fluid(str(refrigerant))
        name = fl.name
    except HeatCalcError as exc:
        raise InputError(f"refrigerant={refrigerant!r} is not known: {exc}; or give auto (best COP of the "
                         "catalogue)") from None
    if name in cat.index:
        return [(name, float(cat.loc[name, "T_cond_max_C"]))]
    try:
        return [(name, K_to_C(fl.T_crit_K) - 10.0)]
    except Exception as exc:  # noqa: BLE001 - an unknown fluid is the user's input
        raise InputError(f"refrigerant={refrigerant!r} is not known to CoolProp ({exc}); valid is a fluid of the "
                         "catalogue or a CoolProp name, or auto") from None


class _CopCache:
    """Best single-stage COP over a fluid set at (T_evap, T_cond), cached."""

    def __init__(self, fluids):
        self.fluids = fluids
        self.cache: dict[tuple[float, float], tuple[float, float, str | None, list[str]]] = {}

    def __call__(self, T_evap_C: float, T_cond_C: float):
        key = (T_evap_C, T_cond_C)
        if key not in self.cache:
            from heatcalc.thermo.topologies import run_cycle

            best = (math.nan, math.nan, None, [])
            for name, t_max in self.fluids:
                if T_cond_C > t_max:
                    continue
                try:
                    r = run_cycle("single", fluid=name, T_evap_K=C_to_K(T_evap_C), T_cond_K=C_to_K(T_cond_C),
                                  superheat_K=SUPERHEAT_K, subcooling_K=SUBCOOLING_K, eta_is=ETA_IS)
                except (HeatCalcError, ValueError):
                    continue
                if math.isfinite(r.cop_heating) and r.cop_heating > 1.0 and not (best[0] >= r.cop_heating):
                    best = (r.cop_heating, r.cop_carnot, r.fluid, list(r.warnings))
            self.cache[key] = best
        return self.cache[key]


def _mins(R: np.ndarray):
    """A[j] = min R[j:], B[i] = min R[:i+1], M[i, j] = min R[i:j+1] (grid ascending)."""
    A = np.minimum.accumulate(R[::-1])[::-1]
    B = np.minimum.accumulate(R)
    n = len(R)
    M = np.full((n, n), np.inf)
    for i in range(n):
        M[i, i:] = np.minimum.accumulate(R[i:])
    return A, B, M


def _grid(t: PinchTargets, n_grid: int) -> np.ndarray:
    T = t.T_shifted_C
    g = np.concatenate([T, np.linspace(T.min(), T.max(), n_grid)])
    return np.unique(np.round(g, 9))


def _placement(t: PinchTargets, P_max: float, Ts, Tk, cop, carnot, fluid, warns, dT_hp, A, B, M) -> Placement:
    """The placement at one pair of temperatures (cascade bounds ``A``, ``B``, ``M`` read off the GCC)."""
    if A > 0.0 and B > 0.0:  # every zero of the cascade lies between source and sink: across the pinch
        Q_sink = max(0.0, min(A, cop * P_max, B * cop / (cop - 1.0)))
        P = Q_sink / cop
        x = Q_sink
    else:  # not across the pinch: what the cascade makes of it
        P = P_max
        x = max(0.0, min(A, cop * P + M, P + B))
        Q_sink = cop * P
    return Placement(P_el_max_kW=P_max, P_el_kW=P, cop=cop, cop_carnot=carnot, refrigerant=fluid,
                     T_source_shifted_C=float(Ts), T_sink_shifted_C=float(Tk), T_evap_C=float(Ts - dT_hp),
                     T_cond_C=float(Tk + dT_hp), Q_source_kW=Q_sink - P, Q_sink_kW=Q_sink, Q_hot_saved_kW=x,
                     Q_hot_before_kW=t.Q_hot_min_kW, Q_cold_before_kW=t.Q_cold_min_kW,
                     crosses_pinch=bool(A > 0.0 and B > 0.0), warnings=list(warns))


def evaluate_placement(t: PinchTargets, T_evap_C: float, T_cond_C: float, P_el_kW: float, *,
                       refrigerant: str | None = "auto", dT_contrib_K: float | None = None) -> Placement:
    """A heat pump at given evaporating and condensing temperatures on the GCC.

    Parameters
    ----------
    t : PinchTargets
    T_evap_C, T_cond_C : float
        Evaporating and condensing temperature [°C].
    P_el_kW : float
        Electrical power available [kW], 0 < x ≤ :data:`P_EL_MAX_KW`.
    refrigerant : str or None
        A fluid, or ``auto`` (best COP of the catalogue).
    dT_contrib_K : float or None
        The heat pump exchangers' ΔT_min contribution [K]; default ΔT_min/2.

    Returns
    -------
    Placement
        ``crosses_pinch`` false and ``saves_nothing`` true when the temperatures do not
        straddle the pinch.

    Raises
    ------
    InputError
        Power out of range, condensing not above evaporating, or no fluid of the set can make
        the cycle.
    """
    P = check_power(P_el_kW)
    dT_hp = 0.5 * t.dT_min_K if dT_contrib_K is None else float(dT_contrib_K)
    lift_min = max(MIN_LIFT_K, 2.0 * dT_hp)
    if not (T_cond_C > T_evap_C + lift_min):
        raise InputError(f"T_cond_C={T_cond_C} °C is out of range: valid is more than {lift_min:g} K above "
                         f"T_evap_C={T_evap_C} °C (the larger of {MIN_LIFT_K:g} K and twice the exchangers' "
                         "ΔT_min contribution: a smaller lift moves no heat up the grand composite curve)")
    cop, carnot, fluid, warns = _CopCache(_fluids(refrigerant))(float(T_evap_C), float(T_cond_C))
    if not math.isfinite(cop):
        raise InputError(f"no refrigerant of {refrigerant or 'auto'} makes a single-stage cycle from "
                         f"T_evap_C={T_evap_C} °C to T_cond_C={T_cond_C} °C; valid is a lift within the "
                         "fluids' limits (see heatcalc cycle)")
    Ts, Tk = T_evap_C + dT_hp, T_cond_C - dT_hp
    grid = np.unique(np.concatenate([t.T_shifted_C, [Ts, Tk]]))
    R = t.gcc_at(grid)
    i, k = int(np.searchsorted(grid, Ts)), int(np.searchsorted(grid, Tk))
    A = float(R[k:].min())
    B = float(R[:i + 1].min())
    M = float(R[i:k + 1].min())
    return _placement(t, P, Ts, Tk, cop, carnot, fluid, warns, dT_hp, A, B, M)


def place_heat_pump(t: PinchTargets, P_el_kW: float, *, refrigerant: str | None = "auto",
                    dT_contrib_K: float | None = None, n_grid: int = N_GRID) -> Placement:
    """The heat pump of at most ``P_el_kW`` that removes the most hot utility.

    Parameters
    ----------
    t : PinchTargets
    P_el_kW : float
        Electrical power available (e.g. the grid room) [kW], 0 < x ≤ :data:`P_EL_MAX_KW`.
    refrigerant : str or None
        A fluid, or ``auto`` (best COP of the catalogue at each pair of temperatures).
    dT_contrib_K : float or None
        The heat pump exchangers' ΔT_min contribution [K]; default ΔT_min/2.
    n_grid : int
        Points of the even grid of shifted temperatures added to the GCC corners.

    Returns
    -------
    Placement
        When no pair saves anything (no hot utility needed, or no cycle possible) the result
        has ``P_el_kW = 0`` and ``saves_nothing``.

    Raises
    ------
    InputError
        Power out of range or an unknown refrigerant.
    """
    P = check_power(P_el_kW)
    dT_hp = 0.5 * t.dT_min_K if dT_contrib_K is None else float(dT_contrib_K)
    grid = _grid(t, n_grid)
    R = t.gcc_at(grid)
    A, B, M = _mins(R)
    Te = grid - dT_hp
    Tc = grid + dT_hp
    I, K = np.meshgrid(np.arange(len(grid)), np.arange(len(grid)), indexing="ij")
    ok = (K > I) & (Tc[K] > Te[I] + MIN_LIFT_K)
    fluids = _fluids(refrigerant)
    t_cond_max = max(tm for _, tm in fluids)
    ok &= Tc[K] <= t_cond_max
    with np.errstate(divide="ignore", invalid="ignore"):
        carnot = C_to_K(Tc[K]) / (Tc[K] - Te[I])
    # Q_sink <= A (demand above the sink), <= Carnot COP * P, <= B + P (heat below the source plus power)
    ub = np.minimum(np.minimum(A[K], carnot * P), P + B[I])
    ub = np.where(ok & np.isfinite(ub) & (A[K] > 0.0) & (B[I] > 0.0), ub, -np.inf)
    order = np.argsort(-ub, axis=None, kind="stable")
    cops = _CopCache(fluids)
    best: Placement | None = None
    extra = 0
    for flat in order:
        bound = float(ub.flat[flat])
        if not np.isfinite(bound) or bound <= 0.0:
            break
        if best is not None:
            if bound < best.Q_hot_saved_kW * (1.0 - 1e-9):
                break
            if bound <= best.Q_hot_saved_kW * (1.0 + 1e-9):  # can only tie: look at a few for less power
                extra += 1
                if extra > N_EXTRA:
                    break
        i, k = int(I.flat[flat]), int(K.flat[flat])
        cop, c_carnot, fluid, warns = cops(float(Te[i]), float(Tc[k]))
        if not math.isfinite(cop):
            continue
        cand = _placement(t, P, grid[i], grid[k], cop, c_carnot, fluid, warns, dT_hp, float(A[k]), float(B[i]),
                          float(M[i, k]))
        if best is None or cand.Q_hot_saved_kW > best.Q_hot_saved_kW * (1 + 1e-12) + 1e-12 or (
                cand.Q_hot_saved_kW >= best.Q_hot_saved_kW * (1 - 1e-12) and cand.P_el_kW < best.P_el_kW - 1e-12):
            best = cand
    if best is None or best.Q_hot_saved_kW <= 0.0:
        p = t.pinch_T_shifted_C
        Tp = float(grid[len(grid) // 2]) if p is None else p
        return Placement(P_el_max_kW=P, P_el_kW=0.0, cop=math.nan, cop_carnot=math.nan, refrigerant=None,
                         T_source_shifted_C=Tp, T_sink_shifted_C=Tp, T_evap_C=Tp - dT_hp, T_cond_C=Tp + dT_hp,
                         Q_source_kW=0.0, Q_sink_kW=0.0, Q_hot_saved_kW=0.0, Q_hot_before_kW=t.Q_hot_min_kW,
                         Q_cold_before_kW=t.Q_cold_min_kW, crosses_pinch=False,
                         warnings=["no placement on the grand composite curve saves hot utility"
                                   + (" (no hot utility is needed)" if t.Q_hot_min_kW <= 0 else "")])
    return best
