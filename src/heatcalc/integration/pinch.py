"""Pinch targets of a set of process streams: the problem table algorithm.

Every hot stream's temperatures are shifted down and every cold stream's up by its ΔT_min
contribution (half the global ΔT_min unless the stream brings its own); the shifted
temperatures of all stream ends, sorted, bound the temperature intervals. In each interval
the hot streams release and the cold streams take ``CP_net · ΔT``; cascading these surpluses
from the top with zero heat input gives the infeasible cascade, and adding the largest
deficit as hot utility makes every heat flow non-negative: that hot utility is the minimum,
the heat left at the bottom the minimum cold utility, and where the feasible cascade is zero
lies the pinch. The feasible cascade against shifted temperature is the grand composite curve.

References
----------
Linnhoff, B. and Flower, J. R. (1978), Synthesis of heat exchanger networks: I. Systematic
generation of energy optimal networks, AIChE Journal 24(4), 633-642, doi 10.1002/aic.690240411.
Linnhoff, B. and Hindmarsh, E. (1983), The pinch design method for heat exchanger networks,
Chemical Engineering Science 38(5), 745-763, doi 10.1016/0009-2509(83)80185-7.
Kemp, I. C. (2007), Pinch Analysis and Process Integration, 2nd ed., Butterworth-Heinemann,
ch. 2 and the appendix on the problem table algorithm (per-stream ΔT_cont).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message
from heatcalc.integration.streams import ProcessStream

#: Largest global ΔT_min accepted [K].
DT_MIN_MAX_K = 100.0
#: A cascade heat flow at most this fraction of the total duty counts as zero (pinch) [-].
ZERO_REL_TOL = 1e-9


@dataclass
class PinchTargets:
    """Targets of a stream set at one ΔT_min (all temperatures in °C, heat flows in kW).

    Attributes
    ----------
    dT_min_K : float
        Global minimum approach temperature [K].
    streams : list of ProcessStream
    T_shifted_C : ndarray
        Interval boundaries in shifted temperature, descending [°C].
    cascade_kW : ndarray
        Feasible heat cascade at each boundary [kW] (the grand composite curve), first = the
        minimum hot utility, last = the minimum cold utility.
    surplus_kW : ndarray
        Net heat released in each interval (hot minus cold) [kW]; one fewer than boundaries.
    CP_net_kW_per_K : ndarray
        Hot minus cold heat capacity flow in each interval [kW/K].
    Q_hot_min_kW, Q_cold_min_kW : float
        Minimum hot and cold utility [kW].
    pinches_T_shifted_C : list of float
        Shifted temperatures where the feasible cascade is zero inside the range [°C]
        (none for a threshold problem without a pinch).
    threshold : str or None
        ``no_hot_utility`` or ``no_cold_utility`` (a threshold problem: one utility is not
        needed), ``no_utility`` (both zero), else ``None``.
    notes : list of str
    """

    dT_min_K: float
    streams: list[ProcessStream]
    T_shifted_C: np.ndarray
    cascade_kW: np.ndarray
    surplus_kW: np.ndarray
    CP_net_kW_per_K: np.ndarray
    Q_hot_min_kW: float
    Q_cold_min_kW: float
    pinches_T_shifted_C: list[float]
    threshold: str | None
    notes: list[str] = field(default_factory=list)

    # ---------------------------------------------------------------- derived figures
    @property
    def sum_hot_duty_kW(self) -> float:
        """Heat the hot streams must give up [kW]."""
        return float(sum(s.Q_kW for s in self.streams if s.is_hot))

    @property
    def sum_cold_duty_kW(self) -> float:
        """Heat the cold streams must take up [kW] (today's hot utility when nothing is recovered)."""
        return float(sum(s.Q_kW for s in self.streams if not s.is_hot))

    @property
    def Q_recovery_kW(self) -> float:
        """Heat recoverable between the streams [kW]: today's hot utility (all cold duty) minus
        the minimum hot utility (equal to all hot duty minus the minimum cold utility)."""
        return self.sum_cold_duty_kW - self.Q_hot_min_kW

    @property
    def pinch_T_shifted_C(self) -> float | None:
        """The (highest) pinch in shifted temperature [°C], ``None`` without a pinch."""
        return self.pinches_T_shifted_C[0] if self.pinches_T_shifted_C else None

    @property
    def pinch_T_hot_C(self) -> float | None:
        """Hot-side pinch temperature: shifted pinch plus ΔT_min/2 [°C]."""
        p = self.pinch_T_shifted_C
        return None if p is None else p + 0.5 * self.dT_min_K

    @property
    def pinch_T_cold_C(self) -> float | None:
        """Cold-side pinch temperature: shifted pinch minus ΔT_min/2 [°C]."""
        p = self.pinch_T_shifted_C
        return None if p is None else p - 0.5 * self.dT_min_K

    @property
    def hours_per_yr(self) -> float | None:
        """The streams' common operating hours [h/yr], ``None`` when not given for all or different."""
        hs = {s.hours_per_yr for s in self.streams}
        return hs.pop() if len(hs) == 1 and None not in hs else None

    def gcc(self) -> list[dict]:
        """Grand composite curve: ``[{"T_shifted_C", "Q_kW"}]`` from the top down."""
        return [{"T_shifted_C": float(t), "Q_kW": float(q)} for t, q in zip(self.T_shifted_C, self.cascade_kW)]

    def gcc_at(self, T_shifted_C) -> np.ndarray:
        """Feasible cascade heat flow at any shifted temperature [kW] (linear in each interval;
        0 outside the range)."""
        T = np.asarray(T_shifted_C, dtype=float)
        x, y = self.T_shifted_C[::-1], self.cascade_kW[::-1]
        return np.interp(T, x, y, left=float(y[0]), right=float(y[-1]))

    def composite(self, kind: str) -> list[dict]:
        """Hot or cold composite curve in real temperatures: ``[{"T_C", "Q_kW"}]`` with rising T.

        The hot composite starts at Q = 0, the cold composite at Q = the minimum cold utility,
        so that the two curves stand as in the textbooks (their overlap is the recovery).
        """
        sel = [s for s in self.streams if s.is_hot == (kind == "hot")]
        if not sel:
            return []
        lo = np.array([min(s.T_supply_C, s.T_target_C) for s in sel])
        hi = np.array([max(s.T_supply_C, s.T_target_C) for s in sel])
        cp = np.array([s.CP_kW_per_K for s in sel])
        T = np.unique(np.concatenate([lo, hi]))
        a, b = T[:-1], T[1:]
        active = (lo[:, None] <= a[None, :]) & (hi[:, None] >= b[None, :])
        dQ = (cp @ active) * (b - a)
        Q0 = 0.0 if kind == "hot" else self.Q_cold_min_kW
        Q = Q0 + np.concatenate([[0.0], np.cumsum(dQ)])
        return [{"T_C": float(t), "Q_kW": float(q)} for t, q in zip(T, Q)]

    def problem_table(self) -> list[dict]:
        """The problem table: one row per shifted interval, from the top down."""
        rows = []
        for i in range(len(self.surplus_kW)):
            rows.append({"T_high_shifted_C": float(self.T_shifted_C[i]),
                         "T_low_shifted_C": float(self.T_shifted_C[i + 1]),
                         "CP_net_kW_per_K": float(self.CP_net_kW_per_K[i]), "surplus_kW": float(self.surplus_kW[i]),
                         "cascade_in_kW": float(self.cascade_kW[i]), "cascade_out_kW": float(self.cascade_kW[i + 1])})
        return rows

    def to_dict(self, detail: bool = True) -> dict:
        """The JSON object of ``heatcalc pinch --json`` (docs/integration.md)."""
        h = self.hours_per_yr
        d = {
            "dT_min_K": self.dT_min_K,
            "n_streams": len(self.streams),
            "n_hot": sum(s.is_hot for s in self.streams),
            "n_cold": sum(not s.is_hot for s in self.streams),
            "pinch_T_hot_C": self.pinch_T_hot_C,
            "pinch_T_cold_C": self.pinch_T_cold_C,
            "pinch_T_shifted_C": self.pinch_T_shifted_C,
            "pinches_T_shifted_C": list(self.pinches_T_shifted_C),
            "threshold": self.threshold,
            "Q_hot_min_kW": self.Q_hot_min_kW,
            "Q_cold_min_kW": self.Q_cold_min_kW,
            "Q_recovery_kW": self.Q_recovery_kW,
            "Q_hot_today_kW": self.sum_cold_duty_kW,
            "Q_cold_today_kW": self.sum_hot_duty_kW,
            "sum_hot_duty_kW": self.sum_hot_duty_kW,
            "sum_cold_duty_kW": self.sum_cold_duty_kW,
            "recovery_share": (self.Q_recovery_kW / self.sum_cold_duty_kW) if self.sum_cold_duty_kW > 0 else None,
            "hours_per_yr": h,
            "E_hot_min_MWh_per_yr": None if h is None else self.Q_hot_min_kW * h / 1000.0,
            "E_cold_min_MWh_per_yr": None if h is None else self.Q_cold_min_kW * h / 1000.0,
            "E_recovery_MWh_per_yr": None if h is None else self.Q_recovery_kW * h / 1000.0,
            "gcc": self.gcc(),
            "notes": list(self.notes),
        }
        if detail:
            d["hot_composite"] = self.composite("hot")
            d["cold_composite"] = self.composite("cold")
            d["problem_table"] = self.problem_table()
            d["streams"] = [s.to_dict() for s in self.streams]
        return d


def check_dT_min(dT_min_K, field: str = "dT_min_K") -> float:
    """ΔT_min as a float in 0 … :data:`DT_MIN_MAX_K` K.

    Raises
    ------
    InputError
        Not a finite number in range.
    """
    try:
        x = float(dT_min_K)
    except (TypeError, ValueError):
        raise InputError(f"{field}={dT_min_K!r} K is not a number; valid is 0 ≤ x ≤ {DT_MIN_MAX_K:g} K") from None
    if not (0.0 <= x <= DT_MIN_MAX_K):
        raise InputError(f"{field}={dT_min_K} K is out of range: valid is 0 ≤ x ≤ {DT_MIN_MAX_K:g} K")
    return x


def pinch_targets(streams: list[ProcessStream], dT_min_K: float) -> PinchTargets:
    """Minimum utilities, pinch and grand composite curve by the problem table algorithm.

    Parameters
    ----------
    streams : list of ProcessStream
        Hot and cold streams (see :mod:`heatcalc.integration.streams`).
    dT_min_K : float
        Global minimum temperature difference [K], 0 to :data:`DT_MIN_MAX_K`; a stream's own
        ``dT_min_contrib_K`` replaces ΔT_min/2 for that stream.

    Returns
    -------
    PinchTargets

    Raises
    ------
    InputError
        No stream, or ΔT_min out of range.

    Examples
    --------
    Kemp (2007) ch. 2, four streams at ΔT_min = 10 K:

    >>> from heatcalc.integration.streams import ProcessStream as S
    >>> t = pinch_targets([S("c1", 20, 135, 2.0), S("h1", 170, 60, 3.0), S("c2", 80, 140, 4.0),
    ...                    S("h2", 150, 30, 1.5)], 10)
    >>> round(t.Q_hot_min_kW, 6), round(t.Q_cold_min_kW, 6), t.pinch_T_hot_C, t.pinch_T_cold_C
    (20.0, 60.0, 90.0, 80.0)
    """
    dT = check_dT_min(dT_min_K)
    if not streams:
        raise InputError("streams: no stream given; valid is at least one hot or cold stream")
    Ts = np.array([s.T_supply_C for s in streams], dtype=float)
    Tt = np.array([s.T_target_C for s in streams], dtype=float)
    cp = np.array([s.CP_kW_per_K for s in streams], dtype=float)
    contrib = np.array([0.5 * dT if s.dT_min_contrib_K is None else s.dT_min_contrib_K for s in streams])
    hot = Ts > Tt
    shift = np.where(hot, -contrib, contrib)
    hi = np.maximum(Ts, Tt) + shift
    lo = np.minimum(Ts, Tt) + shift
    bounds = np.unique(np.concatenate([hi, lo]))[::-1]  # descending
    top, bot = bounds[:-1], bounds[1:]
    active = (lo[:, None] <= bot[None, :]) & (hi[:, None] >= top[None, :])
    cp_net = np.where(hot, cp, -cp) @ active
    surplus = cp_net * (top - bot)
    cascade = np.concatenate([[0.0], np.cumsum(surplus)])
    Q_hot = max(0.0, -float(cascade.min()))
    feasible = cascade + Q_hot
    feasible[feasible < 0.0] = 0.0  # rounding at the pinch
    Q_cold = float(feasible[-1])
    tol = ZERO_REL_TOL * max(1.0, float(np.sum(cp * np.abs(Ts - Tt))))
    if Q_hot <= tol:
        Q_hot = 0.0
    if Q_cold <= tol:
        Q_cold = 0.0
    zero = feasible <= tol
    feasible[zero] = 0.0
    feasible[0], feasible[-1] = Q_hot, Q_cold
    inner = [float(bounds[i]) for i in range(1, len(bounds) - 1) if zero[i]]
    notes: list[str] = []
    threshold = None
    if Q_hot == 0.0 and Q_cold == 0.0:
        threshold = "no_utility"
        notes.append(Message("pinch.balanced", "the streams balance exactly: no hot and no cold utility is needed"))
    elif Q_hot == 0.0:
        threshold = "no_hot_utility"
        notes.append(Message("pinch.threshold_no_hot" + ("" if inner else "_no_pinch"),
                             "threshold problem: no hot utility is needed at this ΔT_min, only cold utility"
                             + ("" if inner else "; there is no pinch")))
    elif Q_cold == 0.0:
        threshold = "no_cold_utility"
        notes.append(Message("pinch.threshold_no_cold" + ("" if inner else "_no_pinch"),
                             "threshold problem: no cold utility is needed at this ΔT_min, only hot utility"
                             + ("" if inner else "; there is no pinch")))
    if len(inner) > 1:
        temps = ", ".join(f"{t:g} °C" for t in inner)
        notes.append(Message("pinch.several", f"the cascade is zero at more than one temperature: {temps} (shifted); "
                             "the pinch reported is the highest", temps=temps))
    if any(s.dT_min_contrib_K is not None for s in streams):
        notes.append(Message("pinch.own_contributions", "streams with their own ΔT_min contribution: pinch_T_hot_C "
                             "and pinch_T_cold_C are the shifted pinch ± ΔT_min/2; a stream's own pinch temperature "
                             "is the shifted pinch ± its contribution"))
    return PinchTargets(dT_min_K=dT, streams=list(streams), T_shifted_C=bounds, cascade_kW=feasible,
                        surplus_kW=surplus, CP_net_kW_per_K=cp_net, Q_hot_min_kW=Q_hot, Q_cold_min_kW=Q_cold,
                        pinches_T_shifted_C=inner, threshold=threshold, notes=notes)
