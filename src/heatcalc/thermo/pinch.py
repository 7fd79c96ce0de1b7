"""Stream-matched heat-pump design: evaporating and condensing temperatures from pinch.

Given a sink stream, a source stream (:mod:`heatcalc.thermo.streams`), a refrigerant and a
minimum temperature difference ``dT_min_K``, :func:`design` finds the evaporating
and condensing temperatures at which the smallest temperature difference on the
**discretised T–Q profile** of each heat exchanger equals ``dT_min_K``:

* condenser: desuperheating, condensation and subcooling zones of the refrigerant
  against the sink profile (counter-current);
* evaporator: evaporation and superheating zones against the source profile
  (counter-current).

Each pinch function (smallest difference minus ``dT_min_K``) is monotone in its
saturation temperature and solved with :func:`scipy.optimize.brentq`; the two are
coupled weakly (the throttled liquid's enthalpy sets the evaporator's zone split,
the suction state sets the discharge temperature) and solved by alternating until
both temperatures change by less than :data:`T_TOL_K`. The cycle itself is always
:func:`heatcalc.thermo.cycles.single_stage`.

:func:`select_refrigerant` designs the machine for every candidate refrigerant and
returns the feasible design with the highest COP, plus the reason each rejected
fluid was rejected.

Defaults: superheat 5 K at the evaporator outlet and subcooling 5 K at the
condenser outlet (as ``heatcalc cycle``), ``eta_is`` 0.70.

References
----------
Reinholdt, L. et al. (2018). Heat pump COP, part 1: generalized method for
screening of system integration potentials. 13th IIR Gustav Lorentzen Conference.
doi:10.18462/iir.gl.2018.1380 (Lorenz COP of streams).

Linnhoff, B., Hindmarsh, E. (1983). The pinch design method for heat exchanger
networks. Chem. Eng. Sci. 38(5), 745-763. doi:10.1016/0009-2509(83)80185-7
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.messages import Message, message_of
from heatcalc.core.units import C_to_K, K_to_C, Pa_to_bar, bar_to_Pa
from heatcalc.thermo.cycles import CycleResult, check_fraction, check_nonneg_K, single_stage
from heatcalc.thermo.fluids import Fluid, get_fluid, refrigerant_catalogue, refrigerant_info
from heatcalc.thermo.multistage import two_stage
from heatcalc.thermo.streams import Stream

#: Default suction superheat at the evaporator outlet [K].
DEFAULT_SUPERHEAT_K = 5.0
#: Default subcooling at the condenser outlet [K].
DEFAULT_SUBCOOLING_K = 5.0
#: Default isentropic compressor efficiency [-] (as ``heatcalc cycle``).
DEFAULT_ETA_IS = 0.70
#: Topologies the stream-matched design can make (:func:`design`).
DESIGN_TOPOLOGIES = ("single", "two_stage")
#: Default minimum temperature difference in each heat exchanger [K] (case schema default).
DEFAULT_DT_MIN_K = 5.0
#: Largest accepted dT_min [K].
DT_MIN_MAX_K = 50.0
#: Smallest condensing-minus-evaporating temperature searched [K].
MIN_LIFT_K = 1.0
#: The condensing-temperature search stays this far below the critical temperature [K].
CRIT_SEARCH_MARGIN_K = 0.5
#: The evaporating-temperature search starts this far above the fluid's lowest temperature [K].
T_MIN_SEARCH_MARGIN_K = 0.1
#: Convergence tolerance of the saturation temperatures [K].
T_TOL_K = 1e-6
#: Largest number of evaporator/condenser alternations.
MAX_ITER = 60
#: Margin below the critical temperature that the refrigerant catalogue uses for
#: ``T_cond_max_C`` when it has no literature value; used for fluids not in the catalogue [K].
CATALOGUE_TCOND_MARGIN_K = 10.0
#: Points of the discretised refrigerant profile per zone.
N_DESUPERHEAT = 12
N_SUBCOOL = 5
N_SUPERHEAT = 6
N_GLIDE = 12


# -- results ------------------------------------------------------------------------
@dataclass
class HeatExchangerProfile:
    """Discretised T–Q profile of one heat exchanger (counter-current).

    All arrays run from the **cold end** (condenser: refrigerant outlet / sink
    inlet; evaporator: refrigerant inlet / source outlet) to the hot end.

    Attributes
    ----------
    name : str
        ``condenser`` or ``evaporator``.
    Q_W : ndarray
        Cumulative heat from the cold end [W] (union of both sides' table points).
    T_refrigerant_K, T_stream_K : ndarray
        Refrigerant and stream temperature at ``Q_W`` [K].
    zones : list of (str, float, float)
        Refrigerant zones with start and end heat [W] (``subcooling``,
        ``condensation``, ``desuperheating``; ``evaporation``, ``superheating``).
    pinch_dT_K : float
        Smallest temperature difference hot minus cold side [K].
    pinch_Q_W : float
        Where it occurs [W from the cold end].
    pinch_T_refrigerant_K, pinch_T_stream_K : float
        Both temperatures there [K].
    pinch_zone : str
        Refrigerant zone of the pinch (the zone ending there at a boundary).
    """

    name: str
    Q_W: np.ndarray
    T_refrigerant_K: np.ndarray
    T_stream_K: np.ndarray
    zones: list
    pinch_dT_K: float
    pinch_Q_W: float
    pinch_T_refrigerant_K: float
    pinch_T_stream_K: float
    pinch_zone: str

    @property
    def dT_K(self) -> np.ndarray:
        """Temperature difference hot minus cold side along the exchanger [K]."""
        d = self.T_refrigerant_K - self.T_stream_K
        return d if self.name == "condenser" else -d

    def to_dict(self, curves: bool = True) -> dict:
        """Profile with edge units (kW, °C)."""
        d = {
            "pinch_dT_K": self.pinch_dT_K,
            "pinch_Q_kW": self.pinch_Q_W / 1e3,
            "pinch_T_refrigerant_C": K_to_C(self.pinch_T_refrigerant_K),
            "pinch_T_stream_C": K_to_C(self.pinch_T_stream_K),
            "pinch_zone": self.pinch_zone,
            "zones": [{"zone": z, "Q_start_kW": a / 1e3, "Q_end_kW": b / 1e3} for z, a, b in self.zones],
        }
        if curves:
            d.update(Q_kW=(self.Q_W / 1e3).tolist(), T_refrigerant_C=K_to_C(self.T_refrigerant_K).tolist(),
                     T_stream_C=K_to_C(self.T_stream_K).tolist())
        return d


@dataclass
class DesignResult:
    """A stream-matched single-stage heat-pump design (all SI).

    Attributes
    ----------
    fluid : str
        CoolProp name of the refrigerant.
    cycle : CycleResult
        The cycle at the design point (``cycle.cop_lorenz`` is set to the streams' Lorenz COP).
    sink, source : Stream
        The streams.
    T_evap_K, T_cond_K : float
        Evaporating (dew) and condensing (bubble) temperature [K].
    dT_min_K, eta_is, superheat_K, subcooling_K : float
        Design inputs [K], [-], [K], [K].
    Q_sink_W, Q_source_W : float
        Heat delivered to the sink and taken from the source [W].
    m_refrigerant_kg_per_s, m_sink_kg_per_s, m_source_kg_per_s : float
        Mass flows [kg/s] (``inf`` for an isothermal stream).
    cop_lorenz : float
        Lorenz COP of the streams, ``T_m,sink / (T_m,sink − T_m,source)`` with the
        streams' entropic mean temperatures (the log-mean for constant heat
        capacity) [-]; ``inf`` when the sink's mean is not above the source's.
    cop_carnot : float
        Carnot COP between sink outlet and source outlet temperature [-].
    condenser, evaporator : HeatExchangerProfile
        T–Q curves and pinch of each heat exchanger for ``Q_sink_W``.
    pinch_active : dict
        ``{"condenser": bool, "evaporator": bool}``: False when the search bound,
        not the pinch, set the temperature (a warning says so).
    warnings : list of str
        Cycle, stream and design warnings.
    """

    fluid: str
    cycle: CycleResult
    sink: Stream
    source: Stream
    T_evap_K: float
    T_cond_K: float
    dT_min_K: float
    eta_is: float
    superheat_K: float
    subcooling_K: float
    Q_sink_W: float
    Q_source_W: float
    m_refrigerant_kg_per_s: float
    m_sink_kg_per_s: float
    m_source_kg_per_s: float
    cop_lorenz: float
    cop_carnot: float
    condenser: HeatExchangerProfile
    evaporator: HeatExchangerProfile
    pinch_active: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def cop_heating(self) -> float:
        """Heating COP of the design [-]."""
        return self.cycle.cop_heating

    @property
    def m_refrigerant_kg_per_s_per_kW(self) -> float:
        """Refrigerant mass flow per kW of heat delivered [kg/s per kW]."""
        return 1e3 / self.cycle.q_cond_J_per_kg

    @property
    def Q_evap_per_Q_cond(self) -> float:
        """Ratio of evaporator to condenser heat [-] (= 1 − 1/COP on shaft work)."""
        return self.cycle.q_evap_J_per_kg / self.cycle.q_cond_J_per_kg

    @property
    def lorenz_efficiency(self) -> float:
        """Design COP over the streams' Lorenz COP [-]."""
        return self.cop_heating / self.cop_lorenz

    def to_dict(self, curves: bool = True) -> dict:
        """Design with edge units (°C, bar, kW) for JSON output; includes the cycle's keys."""
        c = self.cycle.to_dict()
        d = {
            "fluid": self.fluid,
            "cop_heating": self.cop_heating,
            "cop_lorenz": self.cop_lorenz,
            "cop_carnot": self.cop_carnot,
            "cop_carnot_saturation": self.cycle.cop_carnot,
            "lorenz_efficiency": self.lorenz_efficiency,
            "T_evap_C": K_to_C(self.T_evap_K),
            "T_cond_C": K_to_C(self.T_cond_K),
            "dT_min_K": self.dT_min_K,
            "eta_is": self.eta_is,
            "superheat_K": self.superheat_K,
            "subcooling_K": self.subcooling_K,
            "Q_sink_kW": self.Q_sink_W / 1e3,
            "Q_source_kW": self.Q_source_W / 1e3,
            "Q_evap_per_Q_cond": self.Q_evap_per_Q_cond,
            "m_refrigerant_kg_per_s_per_kW": self.m_refrigerant_kg_per_s_per_kW,
            "m_refrigerant_kg_per_s": self.m_refrigerant_kg_per_s,
            "m_sink_kg_per_s": self.m_sink_kg_per_s,
            "m_source_kg_per_s": self.m_source_kg_per_s,
            "pinch_active": dict(self.pinch_active),
            "sink": self.sink.to_dict(),
            "source": self.source.to_dict(),
            "condenser": self.condenser.to_dict(curves),
            "evaporator": self.evaporator.to_dict(curves),
            "cycle": {k: v for k, v in c.items() if k not in ("fluid", "cop_lorenz", "warnings")},
            "warnings": list(self.warnings),
        }
        for k in ("p_evap_bar", "p_cond_bar", "pressure_ratio", "t_discharge_C", "discharge_superheat_K",
                  "q_cond_kJ_per_kg", "w_comp_kJ_per_kg", "vhc_kJ_per_m3"):
            d[k] = c[k]
        return d


@dataclass
class Selection:
    """Result of :func:`select_refrigerant`.

    Attributes
    ----------
    best : DesignResult
        Feasible design with the highest COP.
    feasible : list of DesignResult
        All feasible designs, best first.
    rejected : list of (str, str)
        ``(fluid, reason)`` for every rejected candidate.
    """

    best: DesignResult
    feasible: list[DesignResult]
    rejected: list[tuple[str, str]]

    def to_dict(self, curves: bool = True) -> dict:
        """The best design's dict plus ``ranking`` and ``rejected`` lists."""
        d = self.best.to_dict(curves)
        d["ranking"] = [{"fluid": r.fluid, "ashrae_name": _ashrae(r.fluid), "cop_heating": r.cop_heating,
                         "T_evap_C": K_to_C(r.T_evap_K), "T_cond_C": K_to_C(r.T_cond_K),
                         "p_cond_bar": Pa_to_bar(r.cycle.p_cond_Pa)} for r in self.feasible]
        d["rejected"] = [{"fluid": f, "ashrae_name": _ashrae(f), "reason": why} for f, why in self.rejected]
        return d


# -- refrigerant-side profiles ---------------------------------------------------------------
def _ashrae(name: str) -> str:
    try:
        info = refrigerant_info(name)
    except FluidPropertyError:
        return name
    return info["ashrae_name"] if info else name


def _condenser_side(fl: Fluid, cyc: CycleResult):
    """Refrigerant enthalpy [J/kg] and temperature [K] from condenser outlet to inlet, and zones."""
    p = cyc.p_cond_Pa
    dis, out = cyc.states[1], cyc.states[2]
    bub, dew = fl.state_pq(p, 0.0), fl.state_pq(p, 1.0)
    h, T, zones = [], [], []
    if out.h_J_per_kg < bub.h_J_per_kg:  # subcooling zone
        Ts = np.linspace(out.T_K, bub.T_K, N_SUBCOOL)[1:-1]
        h += [out.h_J_per_kg] + [fl.h_pT(p, float(t), "liquid") for t in Ts]
        T += [out.T_K] + list(Ts)
        zones.append(("subcooling", out.h_J_per_kg, bub.h_J_per_kg))
    h_top = min(dis.h_J_per_kg, dew.h_J_per_kg)
    glide = dew.T_K - bub.T_K > 1e-6
    if glide:
        st = [fl.state_ph(p, float(x)) for x in np.linspace(bub.h_J_per_kg, h_top, N_GLIDE)[:-1]]
        h += [s.h_J_per_kg for s in st]
        T += [s.T_K for s in st]
    else:
        h.append(bub.h_J_per_kg)
        T.append(bub.T_K)
    zones.append(("condensation", bub.h_J_per_kg, h_top))
    if dis.h_J_per_kg > dew.h_J_per_kg:  # desuperheating zone
        Ts = np.linspace(dew.T_K, dis.T_K, N_DESUPERHEAT)[1:-1]
        h += [dew.h_J_per_kg] + [fl.h_pT(p, float(t), "gas") for t in Ts]
        T += [dew.T_K] + list(Ts)
        zones.append(("desuperheating", dew.h_J_per_kg, dis.h_J_per_kg))
    h.append(dis.h_J_per_kg)
    T.append(dis.T_K)
    return np.array(h), np.array(T), zones


def _evaporator_side(fl: Fluid, cyc: CycleResult):
    """Refrigerant enthalpy [J/kg] and temperature [K] from evaporator inlet to outlet, and zones."""
    p = cyc.p_evap_Pa
    inlet, outlet = cyc.states[3], cyc.states[0]
    dew = fl.state_pq(p, 1.0)
    glide = dew.T_K - inlet.T_K > 1e-6
    if glide:
        st = [fl.state_ph(p, float(x)) for x in np.linspace(inlet.h_J_per_kg, dew.h_J_per_kg, N_GLIDE)[:-1]]
        h, T = [s.h_J_per_kg for s in st], [s.T_K for s in st]
    else:
        h, T = [inlet.h_J_per_kg], [inlet.T_K]
    zones = [("evaporation", inlet.h_J_per_kg, dew.h_J_per_kg)]
    if outlet.h_J_per_kg > dew.h_J_per_kg:
        Ts = np.linspace(dew.T_K, outlet.T_K, N_SUPERHEAT)[1:-1]
        h += [dew.h_J_per_kg] + [fl.h_pT(p, float(t), "gas") for t in Ts]
        T += [dew.T_K] + list(Ts)
        zones.append(("superheating", dew.h_J_per_kg, outlet.h_J_per_kg))
    h.append(outlet.h_J_per_kg)
    T.append(outlet.T_K)
    return np.array(h), np.array(T), zones


def _pinch(h, T_ref, zones, stream: Stream, ref_is_hot: bool):
    """Smallest hot-minus-cold difference on the discretised profiles (both in heat fraction)."""
    q_ref = (h - h[0]) / (h[-1] - h[0])
    q = np.union1d(q_ref, stream.q_frac)
    Tr = np.interp(q, q_ref, T_ref)
    Ts = np.interp(q, stream.q_frac, stream.T_K)
    dT = Tr - Ts if ref_is_hot else Ts - Tr
    i = int(np.argmin(dT))
    return float(dT[i]), q, Tr, Ts, i


def _profile(name, h, T_ref, zones, stream, ref_is_hot, Q_W) -> HeatExchangerProfile:
    dT, q, Tr, Ts, i = _pinch(h, T_ref, zones, stream, ref_is_hot)
    span = h[-1] - h[0]
    zq = [(z, (a - h[0]) / span * Q_W, (b - h[0]) / span * Q_W) for z, a, b in zones]
    Qp = float(q[i] * Q_W)
    zone = next((z for z, a, b in zq if a - 1e-9 * Q_W <= Qp <= b + 1e-9 * Q_W), zq[-1][0])
    return HeatExchangerProfile(name, q * Q_W, Tr, Ts, zq, dT, Qp, float(Tr[i]), float(Ts[i]), zone)


# -- solver ----------------------------------------------------------------------------------------
def _call(f, x):
    try:
        return f(x)
    except (PhysicalBoundsError, FluidPropertyError) as exc:
        return exc


#: Tolerance of the search for the edge of the feasible range (where the cycle stops existing) [K].
_EDGE_TOL_K = 1e-3
#: First step of the bracket search [K].
_STEP_K = 2.0


def _edge(g, ok: float, g_ok: float, bad: float):
    """Bisect between ``ok`` (``g`` works) and ``bad`` (``g`` raises): last working point, its value, last error."""
    err = None
    while abs(bad - ok) > _EDGE_TOL_K:
        mid = 0.5 * (ok + bad)
        r = _call(g, mid)
        if isinstance(r, Exception):
            bad, err = mid, r
        else:
            ok, g_ok = mid, r
            if g_ok == 0.0:
                break
    return ok, g_ok, err


def _root(g, lo: float, hi: float, x0: float):
    """Root of an increasing function ``g`` on [lo, hi], searched outward from ``x0``.

    ``g`` may raise :class:`PhysicalBoundsError` / :class:`FluidPropertyError` near
    either end (no cycle there); the search then stops at the edge of the range
    where it works.

    Returns
    -------
    (x, status, err)
        ``status`` is ``root`` (``g(x) = 0``), ``negative`` (``g < 0`` up to ``x``, the
        highest working point) or ``positive`` (``g > 0`` down to ``x``, the lowest
        working point); ``err`` is the last error met at the edge, or None.
    """
    from scipy.optimize import brentq

    x0 = min(max(x0, lo), hi)
    g0 = _call(g, x0)
    if isinstance(g0, Exception):  # start point unusable: try the middle, then the ends
        for x in (0.5 * (lo + hi), lo, hi):
            g0 = _call(g, x)
            if not isinstance(g0, Exception):
                x0 = x
                break
        else:
            raise g0
    if g0 == 0.0:
        return x0, "root", None
    up = g0 < 0
    a, ga = x0, g0
    step = _STEP_K
    while True:
        end = hi if up else lo
        b = min(a + step, hi) if up else max(a - step, lo)
        if b == a:  # reached the search bound without a sign change
            return a, ("negative" if up else "positive"), None
        gb = _call(g, b)
        if isinstance(gb, Exception):
            b, gb, err = _edge(g, a, ga, b)
            if (gb < 0) == up and gb != 0.0:
                return b, ("negative" if up else "positive"), err
        if gb == 0.0:
            return b, "root", None
        if (gb < 0) != up:
            x = brentq(g, min(a, b), max(a, b), xtol=0.1 * T_TOL_K, rtol=8.9e-16, maxiter=200)
            return x, "root", None
        a, ga = b, gb
        step *= 2
        if a == end:
            return a, ("negative" if up else "positive"), None


def _check_inputs(sink, source, dT_min_K, eta_is, superheat_K, subcooling_K, Q_sink_W):
    if not isinstance(sink, Stream) or sink.role != "sink":
        raise InputError("sink must be a sink Stream (heatcalc.thermo.streams.sink_stream)")
    if not isinstance(source, Stream) or source.role != "source":
        raise InputError("source must be a source Stream (heatcalc.thermo.streams.source_stream)")
    if not (math.isfinite(dT_min_K) and 0.0 < dT_min_K <= DT_MIN_MAX_K):
        raise out_of_range("dT_min_K", dT_min_K, "K", f"above 0 and at most {DT_MIN_MAX_K:g} K")
    check_fraction("eta_is", eta_is)
    check_nonneg_K("superheat_K", superheat_K)
    check_nonneg_K("subcooling_K", subcooling_K)
    if not (math.isfinite(Q_sink_W) and Q_sink_W > 0):
        raise out_of_range("Q_sink_W", Q_sink_W, "W", "a positive heat duty")
    if sink.T_out_K <= source.T_in_K:
        raise PhysicalBoundsError(Message(
            "hp.sink_not_above_source",
            f"T_sink_out={K_to_C(sink.T_out_K):.2f} °C must be above T_source_in={K_to_C(source.T_in_K):.2f} °C "
            "for a heat pump: direct heat exchange suffices (no heat pump needed)",
            T_sink_out_C=K_to_C(sink.T_out_K), T_source_in_C=K_to_C(source.T_in_K)))


def _T_cond_limit_K(fl: Fluid) -> float:
    """Recommended highest condensing temperature [K]: catalogue ``T_cond_max_C`` or T_crit − 10 K."""
    info = refrigerant_info(fl)
    if info is not None:
        return C_to_K(float(info["T_cond_max_C"]))
    return fl.T_crit_K - CATALOGUE_TCOND_MARGIN_K


def _design(sink: Stream, source: Stream, fl: Fluid, dT_min_K: float, eta_is: float, superheat_K: float,
            subcooling_K: float, Q_sink_W: float, T_cond_max_K: float | None,
            topology: str = "single") -> DesignResult:
    T_lo_e = fl.T_min_K + T_MIN_SEARCH_MARGIN_K
    T_hi_c = fl.T_crit_K - CRIT_SEARCH_MARGIN_K
    limit_name = Message("refr.limit_critical", f"{CRIT_SEARCH_MARGIN_K:g} K below the critical temperature",
                         margin_K=CRIT_SEARCH_MARGIN_K)
    if T_cond_max_K is not None and T_cond_max_K < T_hi_c:
        T_hi_c, limit_name = T_cond_max_K, Message(
            "refr.limit_catalogue", "recommended maximum condensing temperature (catalogue T_cond_max)")
    T_hi_e_fix = min(source.T_cold_K, fl.T_crit_K - CRIT_SEARCH_MARGIN_K - MIN_LIFT_K)
    need_c = sink.T_cold_K + dT_min_K + subcooling_K  # refrigerant leaves at T_cond − subcooling
    if T_hi_c < min(need_c, sink.T_hot_K):
        raise PhysicalBoundsError(Message(
            "refr.critical_too_low",
            f"{fl.name}: critical temperature too low: condensing is limited to {K_to_C(T_hi_c):.1f} °C "
            f"({limit_name}), but the sink needs at least {K_to_C(min(need_c, sink.T_hot_K)):.1f} °C "
            f"(sink {K_to_C(sink.T_in_K):.1f} → {K_to_C(sink.T_out_K):.1f} °C with dT_min={dT_min_K:g} K)",
            fluid=fl.name, T_max_C=K_to_C(T_hi_c), limit=limit_name, T_need_C=K_to_C(min(need_c, sink.T_hot_K)),
            T_sink_in_C=K_to_C(sink.T_in_K), T_sink_out_C=K_to_C(sink.T_out_K), dT_min_K=dT_min_K))
    if T_hi_e_fix <= T_lo_e:
        raise PhysicalBoundsError(Message(
            "refr.evap_below_fluid_min",
            f"{fl.name}: evaporating would have to be below its lowest temperature "
            f"{K_to_C(fl.T_min_K):.2f} °C (triple point or equation-of-state limit) for a source leaving at "
            f"{K_to_C(source.T_cold_K):.1f} °C",
            fluid=fl.name, T_min_C=K_to_C(fl.T_min_K), T_source_out_C=K_to_C(source.T_cold_K)))

    if topology not in DESIGN_TOPOLOGIES:
        raise out_of_range("topology", repr(topology), "-", "one of " + ", ".join(DESIGN_TOPOLOGIES))

    def cycle(T_e, T_c):
        if topology == "two_stage":  # flash-tank economiser, intermediate pressure at the geometric mean
            return two_stage(fl, T_e, T_c, superheat_K=superheat_K, subcooling_K=subcooling_K, eta_is_low=eta_is,
                             eta_is_high=eta_is)
        return single_stage(fl, T_e, T_c, superheat_K=superheat_K, subcooling_K=subcooling_K, eta_is=eta_is)

    def f_cond(T_e):
        def f(T_c):
            h, T, z = _condenser_side(fl, cycle(T_e, T_c))
            return _pinch(h, T, z, sink, True)[0] - dT_min_K
        return f

    def f_evap(T_c):
        def f(T_e):
            h, T, z = _evaporator_side(fl, cycle(T_e, T_c))
            return _pinch(h, T, z, source, False)[0] - dT_min_K
        return f

    active = {"condenser": True, "evaporator": True}

    def solve_evap(T_c, x0):
        hi = min(T_hi_e_fix, T_c - MIN_LIFT_K)
        lo = min(T_lo_e, hi - MIN_LIFT_K)
        f = f_evap(T_c)
        x, status, err = _root(lambda T: -f(T), lo, hi, x0)
        if status == "root":
            active["evaporator"] = True
            return x
        if status == "positive":  # f < 0 down to the lowest working evaporating temperature
            if err is not None:
                raise PhysicalBoundsError(Message(
                    "refr.evap_none", f"{fl.name}: no feasible evaporating temperature keeps "
                    f"dT_min={dT_min_K:g} K to the source: {err}", fluid=fl.name, dT_min_K=dT_min_K,
                    err=message_of(err) if isinstance(err, BaseException) else str(err)))
            raise PhysicalBoundsError(Message(
                "refr.evap_below_lowest",
                f"{fl.name}: evaporating would have to be below {K_to_C(x):.2f} °C, its lowest temperature "
                f"(triple point or equation-of-state limit {K_to_C(fl.T_min_K):.2f} °C), to keep "
                f"dT_min={dT_min_K:g} K to the source", fluid=fl.name, T_C=K_to_C(x), T_min_C=K_to_C(fl.T_min_K),
                dT_min_K=dT_min_K))
        active["evaporator"] = False  # pinch not reached before the upper bound
        return x

    def solve_cond(T_e, x0):
        lo = T_e + MIN_LIFT_K
        if lo >= T_hi_c:
            raise PhysicalBoundsError(Message(
                "refr.cond_above_limit", f"{fl.name}: condensing would have to be above {K_to_C(T_hi_c):.1f} °C "
                f"({limit_name})", fluid=fl.name, T_max_C=K_to_C(T_hi_c), limit=limit_name))
        x, status, err = _root(f_cond(T_e), lo, T_hi_c, x0)
        if status == "root":
            active["condenser"] = True
            return x
        if status == "negative":
            at_limit = x >= T_hi_c - 2 * _EDGE_TOL_K
            limit = limit_name if at_limit else Message("refr.limit_feasible", "highest feasible condensing "
                                                        "temperature")
            text = (f"{fl.name}: the condenser pinch dT_min={dT_min_K:g} K needs condensing above "
                    f"{K_to_C(x):.1f} °C, the {limit}")
            if at_limit or err is None:
                raise PhysicalBoundsError(Message("refr.cond_pinch", text, fluid=fl.name, dT_min_K=dT_min_K,
                                                  T_C=K_to_C(x), limit=limit))
            raise PhysicalBoundsError(Message(
                "refr.cond_pinch_err", f"{text} ({err})", fluid=fl.name, dT_min_K=dT_min_K, T_C=K_to_C(x),
                limit=limit, err=message_of(err) if isinstance(err, BaseException) else str(err)))
        active["condenser"] = False
        return x

    T_c = min(max(sink.T_hot_K, T_lo_e + 2 * MIN_LIFT_K), T_hi_c)
    T_e = source.T_cold_K - dT_min_K  # first guesses: pinch at the cold end of each exchanger
    T_c_guess = sink.T_cold_K + dT_min_K + subcooling_K
    converged = False
    first = True
    for _ in range(MAX_ITER):
        T_e_new = solve_evap(T_c, T_e)
        T_c_new = solve_cond(T_e_new, T_c_guess if first else T_c)
        if not first and abs(T_e_new - T_e) < T_TOL_K and abs(T_c_new - T_c) < T_TOL_K:
            T_e, T_c, converged = T_e_new, T_c_new, True
            break
        T_e, T_c, first = T_e_new, T_c_new, False
    # final: the evaporator for the final condensing temperature (its pinch is then exact)
    T_e_fin = solve_evap(T_c, T_e)
    if abs(T_e_fin - T_e) > 1e3 * T_TOL_K:
        converged = False
    T_e = T_e_fin

    cyc = cycle(T_e, T_c)
    m_ref = Q_sink_W / cyc.q_cond_J_per_kg
    Q_src = m_ref * cyc.q_evap_J_per_kg
    h_c, T_rc, z_c = _condenser_side(fl, cyc)
    h_e, T_re, z_e = _evaporator_side(fl, cyc)
    cond = _profile("condenser", h_c, T_rc, z_c, sink, True, Q_sink_W)
    evap = _profile("evaporator", h_e, T_re, z_e, source, False, Q_src)

    T_mH, T_mL = sink.T_mean_K, source.T_mean_K
    warnings = list(cyc.warnings) + list(sink.warnings) + list(source.warnings)
    if T_mH > T_mL:
        cop_lorenz = T_mH / (T_mH - T_mL)
    else:
        cop_lorenz = math.inf
        warnings.append(
            f"sink mean temperature {K_to_C(T_mH):.1f} °C is not above the source's {K_to_C(T_mL):.1f} °C: "
            "direct heat exchange could cover part of the duty before the heat pump")
    cyc.cop_lorenz = cop_lorenz
    if not active["condenser"]:
        warnings.append(f"condenser pinch not active: condensing at the lowest searched temperature "
                        f"{K_to_C(T_c):.2f} °C (T_evap + {MIN_LIFT_K:g} K) already keeps more than "
                        f"dT_min={dT_min_K:g} K; direct heat exchange could cover part of the duty")
    if not active["evaporator"]:
        warnings.append(f"evaporator pinch not active: evaporating at the highest searched temperature "
                        f"{K_to_C(T_e):.2f} °C already keeps more than dT_min={dT_min_K:g} K")
    if not converged:
        warnings.append("evaporator/condenser iteration did not converge to 1e-6 K; pinch may deviate slightly")

    return DesignResult(
        fluid=fl.name, cycle=cyc, sink=sink, source=source, T_evap_K=T_e, T_cond_K=T_c, dT_min_K=dT_min_K,
        eta_is=eta_is, superheat_K=superheat_K, subcooling_K=subcooling_K, Q_sink_W=Q_sink_W,
        Q_source_W=Q_src, m_refrigerant_kg_per_s=m_ref, m_sink_kg_per_s=sink.mass_flow_kg_per_s(Q_sink_W),
        m_source_kg_per_s=source.mass_flow_kg_per_s(Q_src), cop_lorenz=cop_lorenz,
        cop_carnot=sink.T_out_K / (sink.T_out_K - source.T_out_K), condenser=cond, evaporator=evap,
        pinch_active=active, warnings=warnings,
    )


def design(sink: Stream, source: Stream, fluid: str | Fluid, dT_min_K: float = DEFAULT_DT_MIN_K,
           eta_is: float = DEFAULT_ETA_IS, superheat_K: float = DEFAULT_SUPERHEAT_K,
           subcooling_K: float = DEFAULT_SUBCOOLING_K, Q_sink_W: float = 1e3,
           T_cond_max_K: float | None = None, topology: str = "single") -> DesignResult:
    """Design a heat pump matched to a sink and a source stream (single stage by default).

    Finds ``T_evap`` and ``T_cond`` so that the smallest temperature difference on
    the discretised T–Q profile of the evaporator (evaporation and superheating
    zones) and of the condenser (desuperheating, condensation and subcooling
    zones) each equals ``dT_min_K`` (see the module docstring).

    Parameters
    ----------
    sink : Stream
        Heat sink (:func:`heatcalc.thermo.streams.sink_stream`).
    source : Stream
        Heat source (:func:`heatcalc.thermo.streams.source_stream`).
    fluid : str or Fluid
        Refrigerant (CoolProp or catalogue ASHRAE name).
    dT_min_K : float
        Minimum temperature difference in each heat exchanger [K], in (0, 50].
    eta_is : float
        Isentropic compressor efficiency [-], in (0, 1].
    superheat_K : float
        Superheat at the evaporator outlet [K] (default 5 K).
    subcooling_K : float
        Subcooling at the condenser outlet [K] (default 5 K).
    Q_sink_W : float
        Heat delivered to the sink [W]; scales flows and curves (default 1 kW).
    T_cond_max_K : float, optional
        Highest condensing temperature allowed [K]; default: critical temperature
        minus 0.5 K (a catalogue maximum exceeded only gives a warning).
    topology : {"single", "two_stage"}
        ``two_stage``: two compressors with an open flash-tank economiser between them
        (:func:`heatcalc.thermo.multistage.two_stage`, intermediate pressure at the geometric
        mean of evaporating and condensing pressure, ``eta_is`` for both stages); the
        condenser sees the high stage, the evaporator the low stage.

    Returns
    -------
    DesignResult

    Raises
    ------
    InputError
        Streams of the wrong role, ``dT_min_K``, ``eta_is``, superheat, subcooling or
        duty out of range.
    PhysicalBoundsError
        Sink outlet not above source inlet (direct heat exchange suffices);
        critical temperature too low for the sink; evaporating below the fluid's
        lowest temperature; a lift one stage cannot make.
    FluidPropertyError
        Unknown fluid.

    Examples
    --------
    >>> from heatcalc.thermo.streams import sink_stream, source_stream
    >>> from heatcalc.core.units import C_to_K, K_to_C
    >>> d = design(sink_stream("water", C_to_K(60), C_to_K(90)),
    ...            source_stream("water", C_to_K(40), C_to_K(35)), "R1233zd(E)")
    >>> round(K_to_C(d.T_evap_K), 3), round(d.evaporator.pinch_dT_K, 3), round(d.condenser.pinch_dT_K, 3)
    (30.0, 5.0, 5.0)
    """
    _check_inputs(sink, source, dT_min_K, eta_is, superheat_K, subcooling_K, Q_sink_W)
    fl = fluid if isinstance(fluid, Fluid) else get_fluid(fluid)
    if T_cond_max_K is not None and not math.isfinite(T_cond_max_K):
        raise out_of_range("T_cond_max_K", T_cond_max_K, "K", "a finite temperature")
    return _design(sink, source, fl, dT_min_K, eta_is, superheat_K, subcooling_K, Q_sink_W, T_cond_max_K,
                   topology)


@lru_cache(maxsize=1)
def default_p_cond_max_Pa() -> float:
    """Highest condensing pressure :func:`select_refrigerant` accepts by default [Pa].

    Read from ``data/hp_design_limits.csv`` (``p_cond_max_bar``, with its source).
    """
    df = read_csv("hp_design_limits.csv")
    row = df.loc[df["parameter"] == "p_cond_max_bar"]
    return bar_to_Pa(float(row["value"].iloc[0]))


def select_refrigerant(sink: Stream, source: Stream, dT_min_K: float = DEFAULT_DT_MIN_K,
                       eta_is: float = DEFAULT_ETA_IS, candidates: list[str] | None = None,
                       halogen_free_only: bool = False, superheat_K: float = DEFAULT_SUPERHEAT_K,
                       subcooling_K: float = DEFAULT_SUBCOOLING_K, Q_sink_W: float = 1e3,
                       p_cond_max_Pa: float | None = None) -> Selection:
    """Design the heat pump for each candidate refrigerant and pick the best COP.

    A candidate is rejected, with the reason, when

    * it is not halogen-free while ``halogen_free_only`` (catalogue flag; fluids
      outside the catalogue count as unknown);
    * its critical temperature is too low: the catalogue's recommended maximum
      condensing temperature ``T_cond_max_C`` (T_crit − 10 K outside the
      catalogue) is below what the sink needs, or the condenser pinch would need
      condensing above it;
    * it would have to evaporate below its triple point / lowest temperature;
    * one stage cannot make the lift;
    * compression is wet (outlet or path inside the two-phase dome) at the given superheat;
    * the condensing pressure exceeds ``p_cond_max_Pa`` (default from
      ``data/hp_design_limits.csv``, 60 bar);
    * the discharge temperature exceeds the catalogue's usual limit ``T_discharge_max_C``.

    Parameters
    ----------
    sink, source : Stream
        The streams.
    dT_min_K, eta_is, superheat_K, subcooling_K, Q_sink_W : float
        As for :func:`design`.
    candidates : list of str, optional
        Refrigerants to try; default every fluid of the catalogue ``data/refrigerants.csv``.
    halogen_free_only : bool
        Reject fluids containing F, Cl, Br or I (e.g. for SDE++ eligibility).
    p_cond_max_Pa : float, optional
        Highest accepted condensing pressure [Pa].

    Returns
    -------
    Selection
        The best feasible design, all feasible designs and the rejected fluids with reasons.

    Raises
    ------
    InputError
        Bad inputs (as :func:`design`), an empty candidate list or a bad pressure limit.
    PhysicalBoundsError
        Sink not above source, or no candidate is feasible (the message lists every
        fluid's reason; the list is also in the exception's ``rejected`` attribute).
    """
    _check_inputs(sink, source, dT_min_K, eta_is, superheat_K, subcooling_K, Q_sink_W)
    p_max = default_p_cond_max_Pa() if p_cond_max_Pa is None else p_cond_max_Pa
    if not (math.isfinite(p_max) and p_max > 0):
        raise out_of_range("p_cond_max_Pa", p_cond_max_Pa, "Pa", "a positive pressure")
    cat = refrigerant_catalogue()
    names = list(cat.index) if candidates is None else list(candidates)
    if not names:
        raise InputError("candidates is empty: give at least one refrigerant (or None for the catalogue)")

    feasible: list[DesignResult] = []
    rejected: list[tuple[str, str]] = []
    for name in names:
        try:
            fl = get_fluid(name)
        except FluidPropertyError as exc:
            rejected.append((name, message_of(exc)))
            continue
        info = refrigerant_info(fl)
        if halogen_free_only and (info is None or not info["halogen_free"]):
            rejected.append((fl.name, Message("refr.halogen_unknown", "not halogen-free: halogen content unknown "
                                              "(not in the catalogue)") if info is None else
                             Message("refr.halogens", "not halogen-free: contains halogens")))
            continue
        try:
            d = _design(sink, source, fl, dT_min_K, eta_is, superheat_K, subcooling_K, Q_sink_W,
                        _T_cond_limit_K(fl))
        except (PhysicalBoundsError, FluidPropertyError) as exc:
            rejected.append((fl.name, message_of(exc)))
            continue
        wet = [w for w in d.cycle.warnings if "wet" in w]
        if wet:
            rejected.append((fl.name, Message("refr.wet", f"wet compression with {superheat_K:g} K superheat: "
                                              f"{wet[0]}", superheat_K=superheat_K, detail=wet[0])))
            continue
        if d.cycle.p_cond_Pa > p_max:
            rejected.append((fl.name, Message("refr.p_cond_high", f"condensing pressure "
                                              f"{Pa_to_bar(d.cycle.p_cond_Pa):.1f} bar is above the limit "
                                              f"{Pa_to_bar(p_max):.1f} bar", p_bar=Pa_to_bar(d.cycle.p_cond_Pa),
                                              p_max_bar=Pa_to_bar(p_max))))
            continue
        if info is not None and K_to_C(d.cycle.T_discharge_K) > float(info["T_discharge_max_C"]):
            rejected.append((fl.name, Message("refr.discharge_high", f"discharge temperature "
                                              f"{K_to_C(d.cycle.T_discharge_K):.1f} °C is above the usual limit "
                                              f"{float(info['T_discharge_max_C']):.0f} °C",
                                              T_dis_C=K_to_C(d.cycle.T_discharge_K),
                                              T_max_C=float(info["T_discharge_max_C"]))))
            continue
        feasible.append(d)
    if not feasible:
        reasons = [Message("refr.rejected", f"{_ashrae(f)}: {why}", fluid=_ashrae(f), why=why)
                   for f, why in rejected]
        T_si, T_so = K_to_C(sink.T_in_K), K_to_C(sink.T_out_K)
        T_ri, T_ro = K_to_C(source.T_in_K), K_to_C(source.T_out_K)
        exc = PhysicalBoundsError(Message(
            "hp.no_refrigerant",
            f"no feasible refrigerant for sink {sink.medium} {T_si:.1f} → {T_so:.1f} °C and source {source.medium} "
            f"{T_ri:.1f} → {T_ro:.1f} °C: " + "; ".join(reasons),
            sink=sink.medium, sink_name=sink.medium, source=source.medium, source_name=source.medium,
            T_sink_in_C=T_si, T_sink_out_C=T_so, T_source_in_C=T_ri, T_source_out_C=T_ro, reasons=reasons))
        exc.rejected = rejected
        raise exc
    feasible.sort(key=lambda r: r.cop_heating, reverse=True)
    return Selection(feasible[0], feasible, rejected)
