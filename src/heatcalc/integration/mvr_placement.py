"""Mechanical vapour recompression (MVR) placed on a site's vapour streams.

A hot stream of medium ``vapour`` or ``steam`` is water vapour that condenses at its supply
temperature (written, as in the stream table, as a short span with CP = latent duty per K).
An MVR compressor takes a share ``f`` of it and raises its saturation temperature from
``T_sat`` (the stream's supply temperature) to ``T_dis``; the compressed vapour then condenses
at ``T_dis`` and gives ``f·Q_v·q_cond/q_evap`` kW, its condensing heat plus the compressor work
(:func:`heatcalc.thermo.mvr.mvr`: IAPWS-95 water, stages of equal pressure ratio within the
turbo-compressor limit, water injected to saturation after each stage).

The placement is exact on the problem table: the stream is split into the part left as it was
and the compressed part, a new hot stream over the same span at ``T_dis`` with the same ΔT_min
contribution, and the minimum hot utility of the new stream set is computed again
(:func:`heatcalc.integration.pinch.pinch_targets`). The hot utility saved is the difference;
the electricity is ``P_el = f·Q_v·(q_cond/q_evap)/COP``. The energy balance closes exactly:
the hot streams gain ``P_el``, so the minimum cold utility afterwards is
``Q_cold_min − saved + P_el``.

Across the pinch (vapour below it, discharge above it) MVR saves more hot utility than its
electricity. A vapour stream above the pinch is already used by the site's recovery:
compressing it saves at most its electricity, like an electric heater; one that stays below the
pinch saves nothing (Townsend and Linnhoff 1983, the same rule as for heat pumps). Both are
flagged ``saves_nothing = true``.

The search: discharge saturation temperatures from ``T_sat + MIN_LIFT_K`` up to the largest
that keeps the overall pressure ratio within ``mvr_pressure_ratio_total_max``
(``data/mvr_limits.csv``), on an even grid plus every GCC corner above the vapour; for each, the
share up to the largest the electrical power allows that saves the most, the smallest such share
(golden section on the concave net saving, then bisection). The best is the grid optimum of
the net saving — hot utility saved beyond the electricity, i.e. the vapour's heat put to use —
ties (within 1e-6) to the least electricity. When the power binds this is also the most hot
utility saved for that power; when it does not, it avoids lifting the vapour higher than the
site needs only to turn more electricity into heat, which an e-boiler does as well.

References
----------
Townsend, D. W. and Linnhoff, B. (1983), Heat and power networks in process design. Part I,
AIChE Journal 29(5), 742-748, doi 10.1002/aic.690290508.
Kemp, I. C. (2007), Pinch Analysis and Process Integration, 2nd ed., ch. 6 (heat pumps, MVR).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from heatcalc.core.errors import HeatCalcError
from heatcalc.core.messages import Message
from heatcalc.core.units import C_to_K
from heatcalc.integration.pinch import PinchTargets, pinch_targets
from heatcalc.integration.streams import ProcessStream

#: Media of a hot stream that is water vapour condensing at its supply temperature.
VAPOUR_MEDIA = ("vapour", "steam")
#: Smallest rise of the saturation temperature designed [K].
MIN_LIFT_K = 2.0
#: Points of the even grid of discharge temperatures [-].
N_GRID = 30
#: Isentropic efficiency of every stage (the defaults of ``heatcalc mvr`` and the heat-pump placement) [-].
ETA_IS = 0.70
#: Relative tolerance of "the same saving" in the share bisection [-].
_SAVE_RTOL = 1e-9
#: Steps of the golden-section search and of the bisection of the share [-].
_N_GOLDEN = 40
_N_BISECT = 40


#: Why an MVR cannot be placed (English texts; the codes ``pinch.mvr_<reason>`` carry the Dutch).
_REASONS = {
    "no_hot_utility": "the site needs no hot utility",
    "out_of_range": "the temperature is outside the saturation range of water",
    "not_below_pinch": "no compression within the pressure-ratio limit saves more hot utility than its "
                       "electricity (the vapour is not below the pinch, or the site has no heat to give there)",
}


def vapour_streams(streams) -> list[ProcessStream]:
    """The hot streams of medium ``vapour`` or ``steam`` (water vapour to condense)."""
    return [s for s in streams if s.is_hot and str(s.medium or "").strip().lower() in VAPOUR_MEDIA]


@dataclass
class MVRPlacement:
    """MVR on one vapour stream. Temperatures [°C], heat flows and power [kW]."""

    stream: str
    P_el_max_kW: float
    T_sat_C: float
    T_dis_C: float | None = None
    share: float = 0.0
    P_el_kW: float = 0.0
    cop: float = math.nan
    cop_carnot: float = math.nan
    n_stages: int = 0
    pressure_ratio: float = math.nan
    Q_vapour_kW: float = 0.0
    Q_vapour_used_kW: float = 0.0
    Q_delivered_kW: float = 0.0
    Q_hot_before_kW: float = 0.0
    Q_hot_after_kW: float = 0.0
    Q_cold_before_kW: float = 0.0
    Q_cold_after_kW: float = 0.0
    reason: str = ""  #: why nothing was placed: no_hot_utility, out_of_range or not_below_pinch
    warnings: list = field(default_factory=list)

    @property
    def Q_hot_saved_kW(self) -> float:
        return self.Q_hot_before_kW - self.Q_hot_after_kW

    @property
    def crosses_pinch(self) -> bool:
        """Whether it saves more hot utility than its electricity (the vapour below, the discharge above)."""
        return self.P_el_kW > 0 and self.Q_hot_saved_kW > self.P_el_kW * (1 + 1e-9) + 1e-9

    @property
    def saves_nothing(self) -> bool:
        return not self.crosses_pinch

    @property
    def energy_balance_residual_kW(self) -> float:
        """``Q_cold_after − (Q_cold_before − saved + P_el)`` [kW] (0 up to rounding)."""
        return self.Q_cold_after_kW - (self.Q_cold_before_kW - self.Q_hot_saved_kW + self.P_el_kW)

    def message(self) -> Message:
        if self.P_el_kW <= 0 or self.T_dis_C is None:
            text = _REASONS.get(self.reason, _REASONS["not_below_pinch"])
            return Message(f"pinch.mvr_{self.reason or 'not_below_pinch'}",
                           f"MVR on {self.stream} ({self.T_sat_C:.1f} °C): {text}", stream=self.stream,
                           T_sat_C=self.T_sat_C)
        return Message("pinch.mvr", f"MVR on {self.stream}: {self.share:.0%} of the vapour ({self.Q_vapour_used_kW:,.0f} "
                       f"kW) from {self.T_sat_C:.1f} to {self.T_dis_C:.1f} °C saturation, COP {self.cop:.2f}, saving "
                       f"{self.Q_hot_saved_kW:,.0f} kW of hot utility for {self.P_el_kW:,.0f} kW electricity",
                       stream=self.stream, share=self.share, Q_kW=self.Q_vapour_used_kW, T_sat_C=self.T_sat_C,
                       T_dis_C=self.T_dis_C, cop=self.cop, Q_saved_kW=self.Q_hot_saved_kW, P_el_kW=self.P_el_kW)

    def to_dict(self) -> dict:
        """One object of the ``mvr`` list of ``heatcalc pinch --json``."""
        return {
            "stream": self.stream, "P_el_max_kW": self.P_el_max_kW, "P_el_kW": self.P_el_kW, "share": self.share,
            "T_sat_C": self.T_sat_C, "T_dis_C": self.T_dis_C, "cop": self.cop, "cop_carnot": self.cop_carnot,
            "n_stages": self.n_stages, "pressure_ratio": self.pressure_ratio, "Q_vapour_kW": self.Q_vapour_kW,
            "Q_vapour_used_kW": self.Q_vapour_used_kW, "Q_delivered_kW": self.Q_delivered_kW,
            "Q_hot_saved_kW": self.Q_hot_saved_kW, "Q_hot_before_kW": self.Q_hot_before_kW,
            "Q_hot_after_kW": self.Q_hot_after_kW, "Q_cold_before_kW": self.Q_cold_before_kW,
            "Q_cold_after_kW": self.Q_cold_after_kW, "crosses_pinch": self.crosses_pinch,
            "saves_nothing": self.saves_nothing, "energy_balance_residual_kW": self.energy_balance_residual_kW,
            "message": self.message(), "warnings": list(self.warnings),
        }


def _compressed(s: ProcessStream, T_dis_C: float, Q_kW: float) -> ProcessStream:
    span = s.T_supply_C - s.T_target_C
    return replace(s, name=f"{s.name} (MVR)", T_supply_C=T_dis_C, T_target_C=T_dis_C - span, CP_kW_per_K=Q_kW / span)


def _targets_with(streams, s: ProcessStream, share: float, T_dis_C: float, ratio_cond: float,
                  dT_min_K: float) -> PinchTargets:
    rest = [x for x in streams if x is not s]
    if share < 1.0:
        rest.append(replace(s, CP_kW_per_K=s.CP_kW_per_K * (1.0 - share)))
    rest.append(_compressed(s, T_dis_C, share * s.Q_kW * ratio_cond))
    return pinch_targets(rest, dT_min_K)


def _discharge_grid(t: PinchTargets, s: ProcessStream, T_max_C: float) -> np.ndarray:
    lo = s.T_supply_C + MIN_LIFT_K
    if T_max_C <= lo:
        return np.array([])
    contrib = 0.5 * t.dT_min_K if s.dT_min_contrib_K is None else s.dT_min_contrib_K
    corners = np.asarray(t.T_shifted_C, dtype=float) + contrib  # a GCC corner in the stream's real temperature
    grid = np.concatenate([np.linspace(lo, T_max_C, N_GRID), corners[(corners > lo) & (corners < T_max_C)],
                           corners[(corners > lo) & (corners < T_max_C)] + 1e-6])
    return np.unique(grid)


def _best_share(saving, P_full: float, share_max: float) -> tuple[float, float]:
    """The smallest share in ``[0, share_max]`` with the largest net saving (hot utility saved minus
    electricity), and the saving there.

    The minimum hot utility is the largest deficit of the heat cascade, and every cascade value is
    linear in the share (only CPs change, not the interval bounds), so it is convex in the share and
    the saving concave; the electricity is linear, so the net saving is concave too: golden-section
    search finds its maximum, bisection then the smallest share on its plateau. Vapour taken beyond
    the heat the site has left below the pinch creates a deficit there and saves only its own
    electricity (net 0), so the share stops where that begins.
    """
    net = lambda f: saving(f) - f * P_full  # noqa: E731 - the objective
    g = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = 0.0, share_max
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = net(c), net(d)
    for _ in range(_N_GOLDEN):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = net(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = net(d)
    best_net, best = max([(net(share_max), share_max), (fc, c), (fd, d)], key=lambda x: (x[0], -x[1]))
    if best_net <= _SAVE_RTOL * P_full:
        return 0.0, 0.0
    lo, hi = 0.0, best
    for _ in range(_N_BISECT):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if net(mid) < best_net - _SAVE_RTOL * max(best_net, 1.0) else (lo, mid)
    return hi, saving(hi)


def place_mvr(t: PinchTargets, stream: ProcessStream, P_el_max_kW: float, *, eta_is: float = ETA_IS) -> MVRPlacement:
    """The MVR on ``stream`` that removes the most hot utility for at most ``P_el_max_kW``.

    Parameters
    ----------
    t : PinchTargets
        The site's targets (:func:`heatcalc.integration.pinch.pinch_targets`); ``stream`` is one of
        ``t.streams``.
    stream : ProcessStream
        A vapour stream (:func:`vapour_streams`).
    P_el_max_kW : float
        Electrical power available [kW], > 0.
    eta_is : float
        Isentropic efficiency of each stage [-].

    Returns
    -------
    MVRPlacement
        ``P_el_kW = 0`` with a ``reason`` when nothing saves more than its electricity.
    """
    from heatcalc.thermo.fluids import get_fluid
    from heatcalc.thermo.mvr import mvr, mvr_limits

    out = MVRPlacement(stream=stream.name, P_el_max_kW=float(P_el_max_kW), T_sat_C=stream.T_supply_C,
                       Q_vapour_kW=stream.Q_kW, Q_hot_before_kW=t.Q_hot_min_kW, Q_hot_after_kW=t.Q_hot_min_kW,
                       Q_cold_before_kW=t.Q_cold_min_kW, Q_cold_after_kW=t.Q_cold_min_kW)
    if t.Q_hot_min_kW <= 0:
        out.reason = "no_hot_utility"
        return out
    w = get_fluid("Water")
    lim = mvr_limits()
    T_sat_K = C_to_K(stream.T_supply_C)
    if not (w.T_min_K < T_sat_K < w.T_crit_K):
        out.reason = "out_of_range"
        return out
    p_s = w.p_sat_T(T_sat_K, 1.0)
    p_max = min(p_s * lim["mvr_pressure_ratio_total_max"], 0.95 * w.p_crit_Pa)
    T_max_C = w.T_sat_p(p_max, 1.0) - 273.15
    r_stage = lim["mvr_pressure_ratio_stage_max"]
    cands = []
    for T_dis in _discharge_grid(t, stream, T_max_C):
        ratio = w.p_sat_T(C_to_K(T_dis), 1.0) / p_s
        n = max(1, math.ceil(math.log(ratio) / math.log(r_stage) - 1e-12)) if ratio > r_stage else 1
        try:
            r = mvr(T_sat_suction_K=T_sat_K, T_sat_discharge_K=C_to_K(T_dis), eta_is=eta_is, n_stages=n)
        except HeatCalcError:
            continue
        ratio_cond = r.q_cond_J_per_kg / r.q_evap_J_per_kg  # heat delivered per kW of vapour taken
        P_full = stream.Q_kW * ratio_cond / r.cop_heating
        share_max = min(1.0, P_el_max_kW / P_full)
        share, saved = _best_share(lambda f: t.Q_hot_min_kW - _targets_with(
            t.streams, stream, f, T_dis, ratio_cond, t.dT_min_K).Q_hot_min_kW, P_full, share_max)
        if saved <= 0:
            continue
        P = share * P_full
        cands.append((saved - P, P, T_dis, share, r, n, ratio, ratio_cond))
    if not cands:
        out.reason = "not_below_pinch"
        return out
    top = max(c[0] for c in cands)  # the most waste heat put to use, then the least electricity
    best = min((c for c in cands if c[0] >= top - 1e-6 * max(top, 1.0)), key=lambda c: c[1])
    _, P, T_dis, share, r, n, ratio, ratio_cond = best
    after = _targets_with(t.streams, stream, share, T_dis, ratio_cond, t.dT_min_K)
    out.T_dis_C, out.share, out.P_el_kW, out.cop = float(T_dis), float(share), float(P), float(r.cop_heating)
    out.cop_carnot, out.n_stages, out.pressure_ratio = float(r.cop_carnot), int(n), float(ratio)
    out.Q_vapour_used_kW = share * stream.Q_kW
    out.Q_delivered_kW = out.Q_vapour_used_kW * ratio_cond
    out.Q_hot_after_kW, out.Q_cold_after_kW = after.Q_hot_min_kW, after.Q_cold_min_kW
    out.warnings = list(r.warnings)
    return out


def place_mvrs(t: PinchTargets, P_el_max_kW: float, *, eta_is: float = ETA_IS) -> list[MVRPlacement]:
    """:func:`place_mvr` on every vapour stream of the targets (each alone, with the whole power)."""
    return [place_mvr(t, s, P_el_max_kW, eta_is=eta_is) for s in vapour_streams(t.streams)]
