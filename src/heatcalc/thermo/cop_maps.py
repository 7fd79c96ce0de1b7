"""Fast COP and capacity maps of a designed heat pump for hourly simulation.

A designed machine (:class:`Machine`, usually from a
:class:`heatcalc.thermo.pinch.DesignResult`) keeps its refrigerant, compressor efficiency,
superheat, subcooling and the **approach temperatures** of its design point:

* ``T_evap = T_source_in − dT_source_K`` with ``dT_source_K = T_source_in,design − T_evap,design``;
* ``T_cond = T_sink_out + dT_sink_K`` with ``dT_sink_K = T_cond,design − T_sink_out,design``.

A :class:`CopMap` evaluates :func:`heatcalc.thermo.cycles.single_stage` on a small grid
of (T_evap, T_cond) nodes (default 6 × 6) and interpolates with cubic
``scipy.interpolate.RectBivariateSpline`` two smooth quantities:

* the Carnot efficiency ``η = COP / COP_Carnot(T_evap, T_cond)`` (COP itself has a
  pole at zero lift; η does not), and
* ``ln VHC``, the log of the volumetric heating capacity.

The **capacity ratio** is ``VHC / VHC_design``: the heat output relative to the
design point of a fixed-displacement compressor with constant volumetric
efficiency. Evaluation is numpy-vectorised (8760 hours in about a millisecond).

Out of range
    Points outside the map's rectangle, outside the single-stage envelope (lift
    below :data:`MIN_LIFT_K`, condensing within :data:`CRIT_MARGIN_K` of the
    critical point, evaporating below the fluid's lowest temperature), or in a grid
    cell with a node where the cycle does not exist, get ``NaN`` (COP and capacity)
    and ``valid = False``, and the result carries a warning with the number of
    such points — never a silent clip. Condensing above the catalogue's
    recommended maximum is computed but warned about.

Assumptions: constant approach temperatures (heat exchangers neither lose nor
gain effectiveness off design), constant isentropic and volumetric efficiency,
no part-load model. See ``docs/methods.md`` ("COP maps").
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.units import C_to_K, K_to_C
from heatcalc.thermo.cycles import check_fraction, check_nonneg_K, single_stage
from heatcalc.thermo.multistage import two_stage
from heatcalc.thermo.fluids import get_fluid, refrigerant_info

#: Default number of grid nodes per axis [-] (cubic spline needs at least 4).
N_GRID = 6
#: Smallest condensing-minus-evaporating temperature of the map [K].
MIN_LIFT_K = 1.0
#: Condensing must stay this far below the critical temperature [K].
CRIT_MARGIN_K = 0.5
#: Half width added around a degenerate (single-temperature) map range [K].
_PAD_K = 0.5


@dataclass(frozen=True)
class Machine:
    """A designed single-stage heat pump, as used off design.

    Attributes
    ----------
    fluid : str
        Refrigerant (CoolProp name).
    eta_is : float
        Isentropic compressor efficiency [-].
    superheat_K, subcooling_K : float
        Superheat at the evaporator outlet and subcooling at the condenser outlet [K].
    dT_source_K : float
        Source inlet minus evaporating temperature at design [K].
    dT_sink_K : float
        Condensing minus sink outlet temperature at design [K] (may be negative
        when desuperheating heats the sink above the condensing temperature).
    vhc_design_J_per_m3 : float
        Volumetric heating capacity at the design point [J/m³].
    T_evap_design_K, T_cond_design_K : float
        Design saturation temperatures [K].
    topology : str
        ``single_stage`` or ``two_stage`` (flash-tank economiser, geometric-mean intermediate pressure).
    """

    fluid: str
    eta_is: float
    superheat_K: float
    subcooling_K: float
    dT_source_K: float
    dT_sink_K: float
    vhc_design_J_per_m3: float
    T_evap_design_K: float
    T_cond_design_K: float
    topology: str = "single_stage"

    @classmethod
    def from_design(cls, d) -> "Machine":
        """The machine of a :class:`heatcalc.thermo.pinch.DesignResult`."""
        return cls(fluid=d.fluid, eta_is=d.eta_is, superheat_K=d.superheat_K, subcooling_K=d.subcooling_K,
                   dT_source_K=d.source.T_in_K - d.T_evap_K, dT_sink_K=d.T_cond_K - d.sink.T_out_K,
                   vhc_design_J_per_m3=d.cycle.vhc_J_per_m3, T_evap_design_K=d.T_evap_K,
                   T_cond_design_K=d.T_cond_K, topology=getattr(d.cycle, "topology", "single_stage"))

    def saturation_temperatures(self, T_source_in_K, T_sink_out_K):
        """Evaporating and condensing temperature for source inlet and sink outlet temperatures [K]."""
        return (np.asarray(T_source_in_K, dtype=float) - self.dT_source_K,
                np.asarray(T_sink_out_K, dtype=float) + self.dT_sink_K)

    def cycle(self, T_evap_K: float, T_cond_K: float):
        """The full cycle (:func:`heatcalc.thermo.cycles.single_stage`, or
        :func:`heatcalc.thermo.multistage.two_stage` for a two-stage machine) at saturation temperatures [K]."""
        if self.topology == "two_stage":
            return two_stage(self.fluid, T_evap_K, T_cond_K, superheat_K=self.superheat_K,
                             subcooling_K=self.subcooling_K, eta_is_low=self.eta_is, eta_is_high=self.eta_is)
        return single_stage(self.fluid, T_evap_K, T_cond_K, superheat_K=self.superheat_K,
                            subcooling_K=self.subcooling_K, eta_is=self.eta_is)


def _in_envelope(fl, T_evap_K, T_cond_K):
    """True inside the single-stage envelope of the maps (scalars or arrays): evaporating not below the
    fluid's lowest temperature, condensing at least :data:`CRIT_MARGIN_K` below critical, lift of at
    least :data:`MIN_LIFT_K`."""
    return ((T_evap_K >= fl.T_min_K) & (T_cond_K <= fl.T_crit_K - CRIT_MARGIN_K)
            & (T_cond_K - T_evap_K >= MIN_LIFT_K))


def _machine(m) -> Machine:
    if isinstance(m, Machine):
        return m
    if hasattr(m, "cycle") and hasattr(m, "sink"):
        return Machine.from_design(m)
    raise InputError("machine must be a heatcalc.thermo.cop_maps.Machine or a heatcalc.thermo.pinch.DesignResult")


@dataclass
class MapResult:
    """COP and capacity ratio at many operating points.

    Attributes
    ----------
    cop : ndarray
        Heating COP [-]; NaN where ``valid`` is False.
    capacity_ratio : ndarray
        Heating capacity relative to the design point (VHC / VHC_design) [-]; NaN where not valid.
    T_evap_K, T_cond_K : ndarray
        Saturation temperatures used [K].
    valid : ndarray of bool
        Inside the map and the single-stage envelope.
    warnings : list of str
        Points outside the map or envelope, condensing above the recommended maximum.
    """

    cop: np.ndarray
    capacity_ratio: np.ndarray
    T_evap_K: np.ndarray
    T_cond_K: np.ndarray
    valid: np.ndarray
    warnings: list[str] = field(default_factory=list)


class CopMap:
    """Interpolated COP and capacity of one machine over a (T_evap, T_cond) rectangle.

    Parameters
    ----------
    machine : Machine or DesignResult
        The designed machine.
    T_evap_range_K : (float, float)
        Lowest and highest evaporating temperature of the map [K].
    T_cond_range_K : (float, float)
        Lowest and highest condensing temperature of the map [K].
    n_grid : int
        Grid nodes per axis [-], at least 4 (default 6: 36 full cycles).

    Raises
    ------
    InputError
        Bad machine, ranges or ``n_grid``; no grid node inside the single-stage envelope.
    FluidPropertyError
        Unknown fluid.
    """

    def __init__(self, machine, T_evap_range_K, T_cond_range_K, n_grid: int = N_GRID):
        from scipy.interpolate import RectBivariateSpline

        self.machine = m = _machine(machine)
        check_fraction("eta_is", m.eta_is)
        check_nonneg_K("superheat_K", m.superheat_K)
        check_nonneg_K("subcooling_K", m.subcooling_K)
        if not (isinstance(n_grid, int) and n_grid >= 4):
            raise out_of_range("n_grid", n_grid, "-", "an integer of at least 4")
        self.fluid = get_fluid(m.fluid)
        ranges = []
        for name, (a, b) in (("T_evap_range_K", T_evap_range_K), ("T_cond_range_K", T_cond_range_K)):
            a, b = float(a), float(b)
            if not (math.isfinite(a) and math.isfinite(b) and a <= b):
                raise out_of_range(name, (a, b), "K", "two finite temperatures, low ≤ high")
            if b - a < 2 * _PAD_K:
                a, b = 0.5 * (a + b) - _PAD_K, 0.5 * (a + b) + _PAD_K
            ranges.append((a, b))
        (e0, e1), (c0, c1) = ranges
        self.T_evap_nodes_K = np.linspace(e0, e1, n_grid)
        self.T_cond_nodes_K = np.linspace(c0, c1, n_grid)
        eta = np.full((n_grid, n_grid), np.nan)
        ln_vhc = np.full((n_grid, n_grid), np.nan)
        for i, te in enumerate(self.T_evap_nodes_K):
            for j, tc in enumerate(self.T_cond_nodes_K):
                if not _in_envelope(self.fluid, te, tc):
                    continue
                try:
                    r = m.cycle(float(te), float(tc))
                except (PhysicalBoundsError, FluidPropertyError):
                    continue
                eta[i, j] = r.cop_heating / r.cop_carnot
                ln_vhc[i, j] = math.log(r.vhc_J_per_m3)
        self.node_valid = np.isfinite(eta)
        if not self.node_valid.any():
            raise InputError(
                f"no grid node of the map (T_evap {K_to_C(e0):.1f} to {K_to_C(e1):.1f} °C, T_cond "
                f"{K_to_C(c0):.1f} to {K_to_C(c1):.1f} °C) lies inside the single-stage envelope of {m.fluid}")
        if not self.node_valid.all():  # fill with the nearest valid node; cells touching them are not valid
            ii, jj = np.nonzero(self.node_valid)
            for i, j in zip(*np.nonzero(~self.node_valid)):
                k = np.argmin((ii - i) ** 2 + (jj - j) ** 2)
                eta[i, j], ln_vhc[i, j] = eta[ii[k], jj[k]], ln_vhc[ii[k], jj[k]]
        self._eta = RectBivariateSpline(self.T_evap_nodes_K, self.T_cond_nodes_K, eta, kx=3, ky=3)
        self._ln_vhc = RectBivariateSpline(self.T_evap_nodes_K, self.T_cond_nodes_K, ln_vhc, kx=3, ky=3)
        info = refrigerant_info(self.fluid)
        self.T_cond_recommended_max_K = C_to_K(float(info["T_cond_max_C"])) if info else None

    def evaluate(self, T_evap_K, T_cond_K) -> MapResult:
        """COP and capacity ratio at saturation temperatures (vectorised).

        Parameters
        ----------
        T_evap_K, T_cond_K : float or array_like
            Evaporating and condensing temperatures [K].

        Returns
        -------
        MapResult
            NaN and ``valid = False`` outside the map or envelope, with a warning.
        """
        te, tc = np.broadcast_arrays(np.atleast_1d(np.asarray(T_evap_K, dtype=float)),
                                     np.atleast_1d(np.asarray(T_cond_K, dtype=float)))
        te, tc = te.astype(float), tc.astype(float)
        E, C = self.T_evap_nodes_K, self.T_cond_nodes_K
        finite = np.isfinite(te) & np.isfinite(tc)
        in_box = finite & (te >= E[0]) & (te <= E[-1]) & (tc >= C[0]) & (tc <= C[-1])
        in_env = finite & _in_envelope(self.fluid, te, tc)
        node_ok = np.ones(te.shape, dtype=bool)
        if not self.node_valid.all():
            i = np.clip(np.searchsorted(E, te, side="right") - 1, 0, len(E) - 2)
            j = np.clip(np.searchsorted(C, tc, side="right") - 1, 0, len(C) - 2)
            nv = self.node_valid
            node_ok = nv[i, j] & nv[i + 1, j] & nv[i, j + 1] & nv[i + 1, j + 1]
        valid = in_box & in_env & node_ok
        cop = np.full(te.shape, np.nan)
        cap = np.full(te.shape, np.nan)
        if valid.any():
            a, b = te[valid], tc[valid]
            cop[valid] = self._eta(a, b, grid=False) * b / (b - a)
            cap[valid] = np.exp(self._ln_vhc(a, b, grid=False)) / self.machine.vhc_design_J_per_m3
        warnings = []
        n = te.size
        if (~finite).any():
            warnings.append(f"{int((~finite).sum())} of {n} points have non-finite temperatures: COP is NaN there")
        bad_env = finite & (~in_env | (in_box & ~node_ok))
        if bad_env.any():
            warnings.append(f"{int(bad_env.sum())} of {n} points outside the single-stage envelope of "
                            f"{self.machine.fluid} (lift below {MIN_LIFT_K:g} K, too close to the critical point, "
                            "below the lowest temperature, or no cycle at a neighbouring grid node): COP is NaN there")
        out_box = in_env & ~in_box
        if out_box.any():
            warnings.append(f"{int(out_box.sum())} of {n} points outside the map (T_evap "
                            f"{K_to_C(E[0]):.1f} to {K_to_C(E[-1]):.1f} °C, T_cond {K_to_C(C[0]):.1f} to "
                            f"{K_to_C(C[-1]):.1f} °C): COP is NaN there")
        if self.T_cond_recommended_max_K is not None:
            hot = valid & (tc > self.T_cond_recommended_max_K)
            if hot.any():
                warnings.append(f"{int(hot.sum())} of {n} points condense above the recommended maximum "
                                f"{K_to_C(self.T_cond_recommended_max_K):.1f} °C of {self.machine.fluid}")
        return MapResult(cop, cap, te, tc, valid, warnings)


def hourly_performance(machine, T_source_in_K, T_sink_out_K, n_grid: int = N_GRID) -> MapResult:
    """COP and capacity ratio of a designed machine for hourly stream temperatures.

    Builds a :class:`CopMap` spanning the saturation temperatures the hours need
    and evaluates it (vectorised). Building 6 × 6 full cycles and evaluating 8760
    hours takes some tens of milliseconds.

    Parameters
    ----------
    machine : Machine or DesignResult
        The designed machine.
    T_source_in_K : float or array_like
        Source inlet temperature per hour [K].
    T_sink_out_K : float or array_like
        Sink outlet temperature per hour [K].
    n_grid : int
        Grid nodes per axis [-].

    Returns
    -------
    MapResult
        One value per hour (NaN with a warning where no single-stage cycle exists).

    Raises
    ------
    InputError
        Bad machine, no finite temperature, or no hour inside the single-stage envelope.

    Examples
    --------
    >>> import numpy as np
    >>> from heatcalc.core.units import C_to_K
    >>> m = Machine("R1233zd(E)", 0.7, 5.0, 5.0, dT_source_K=10.0, dT_sink_K=3.0,
    ...             vhc_design_J_per_m3=1.0e6, T_evap_design_K=C_to_K(30), T_cond_design_K=C_to_K(93))
    >>> r = hourly_performance(m, C_to_K(np.array([35.0, 40.0, 45.0])), C_to_K(90.0))
    >>> bool(np.all(np.diff(r.cop) > 0))
    True
    """
    m = _machine(machine)
    te, tc = m.saturation_temperatures(T_source_in_K, T_sink_out_K)
    te, tc = np.broadcast_arrays(np.atleast_1d(te), np.atleast_1d(tc))
    fl = get_fluid(m.fluid)
    ok = np.isfinite(te) & np.isfinite(tc)
    if not ok.any():
        raise InputError("T_source_in_K and T_sink_out_K contain no finite temperature")
    env = ok & _in_envelope(fl, te, tc)
    if not env.any():
        raise InputError(f"no hour lies inside the single-stage envelope of {m.fluid}: "
                         f"T_evap {K_to_C(np.nanmin(te)):.1f} to {K_to_C(np.nanmax(te)):.1f} °C, "
                         f"T_cond {K_to_C(np.nanmin(tc)):.1f} to {K_to_C(np.nanmax(tc)):.1f} °C")
    cmap = CopMap(m, (te[env].min(), te[env].max()), (tc[env].min(), tc[env].max()), n_grid)
    return cmap.evaluate(te, tc)


def full_cycle_performance(machine, T_source_in_K, T_sink_out_K) -> MapResult:
    """Reference for :func:`hourly_performance`: the full cycle at every point (slow).

    Parameters
    ----------
    machine : Machine or DesignResult
    T_source_in_K, T_sink_out_K : float or array_like
        Stream temperatures [K].

    Returns
    -------
    MapResult
        NaN where :func:`heatcalc.thermo.cycles.single_stage` raises or the point is
        outside the envelope used by the maps.
    """
    m = _machine(machine)
    te, tc = m.saturation_temperatures(T_source_in_K, T_sink_out_K)
    te, tc = np.broadcast_arrays(np.atleast_1d(te), np.atleast_1d(tc))
    fl = get_fluid(m.fluid)
    cop = np.full(te.shape, np.nan)
    cap = np.full(te.shape, np.nan)
    for k in np.ndindex(te.shape):
        a, b = float(te[k]), float(tc[k])
        if not (math.isfinite(a) and math.isfinite(b) and _in_envelope(fl, a, b)):
            continue
        try:
            r = m.cycle(a, b)
        except (PhysicalBoundsError, FluidPropertyError):
            continue
        cop[k], cap[k] = r.cop_heating, r.vhc_J_per_m3 / m.vhc_design_J_per_m3
    valid = np.isfinite(cop)
    return MapResult(cop, cap, te, tc, valid, [] if valid.all() else [f"{int((~valid).sum())} points without a cycle"])
