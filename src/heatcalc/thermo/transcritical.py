"""Single-stage transcritical heat pump (CO2, R744) with a gas cooler.

Heat is rejected above the critical pressure, in a gas cooler, with a temperature
glide instead of a condensing plateau; the gas-cooler pressure is a free design
variable with a COP optimum (Lorentzen 1994; Liao et al. 2000). This module gives
the cycle (:func:`transcritical`) and the refrigerant-side temperature–heat curve
of the heat rejection (:func:`gas_cooler_curve`, :func:`heat_rejection_curve`)
for stream matching.

States: 1 compressor suction, 2 compressor discharge, 3 gas-cooler outlet,
4 evaporator inlet (5 evaporator outlet and 6 high-pressure fluid after the IHX
when an internal heat exchanger is used). Heating COP = (h2 − h3)/(h2 − h1).

References
----------
Lorentzen, G. (1994). Revival of carbon dioxide as a refrigerant. Int. J. Refrig.
17(5), 292-301. doi:10.1016/0140-7007(94)90059-0

Liao, S. M., Zhao, T. S., Jakobsen, A. (2000). A correlation of optimal heat
rejection pressures in transcritical carbon dioxide cycles. Appl. Therm. Eng.
20(9), 831-841. doi:10.1016/S1359-4311(99)00070-8

Span, R., Wagner, W. (1996). A new equation of state for carbon dioxide covering
the fluid region from the triple-point temperature to 1100 K at pressures up to
800 MPa. J. Phys. Chem. Ref. Data 25(6), 1509-1596. doi:10.1063/1.555991
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from heatcalc.core.errors import InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.optimise import maximise_bounded
from heatcalc.core.units import J_to_kJ, K_to_C, Pa_to_bar, bar_to_Pa
from heatcalc.thermo.cop_models import carnot_cop
from heatcalc.thermo.cycles import CycleResult, check_fraction, check_nonneg_K, compression, ihx_duty, limit_warnings, \
    range_warnings
from heatcalc.thermo.fluids import Fluid, get_fluid

#: Default search range of the gas-cooler pressure when it is optimised [Pa]: 75 bar
#: (just above CO2's critical pressure of 73.8 bar) to 160 bar (room above the optimum
#: for gas-cooler outlet temperatures up to about 55 °C, 145-155 bar).
P_GC_BOUNDS_PA = (bar_to_Pa(75.0), bar_to_Pa(160.0))
#: Tolerance of the gas-cooler pressure optimisation [Pa] (1 mbar).
_P_GC_XATOL_PA = 100.0
#: An optimum closer than this to a search bound is reported as "at the bound" [Pa].
_P_GC_AT_BOUND_PA = bar_to_Pa(0.5)
#: Default number of points of a heat-rejection curve.
N_CURVE_POINTS = 41


def _core(fl: Fluid, T_evap_K: float, T_gc_out_K: float, p_gc_Pa: float, superheat_K: float, eta_is: float,
          ihx_effectiveness: float) -> dict:
    evap_dew = fl.state_Tq(T_evap_K, 1.0)
    p_evap = evap_dew.p_Pa
    evap_out = fl.state_pT(p_evap, T_evap_K + superheat_K, phase="gas") if superheat_K > 0 else evap_dew
    gc_out = fl.state_pT(p_gc_Pa, T_gc_out_K, "3 gas-cooler outlet")  # supercritical: one phase

    q_ihx = ihx_duty(fl, ihx_effectiveness, p_evap, evap_out, p_gc_Pa, gc_out, None) if ihx_effectiveness > 0 else 0.0
    suction = fl.state_ph(p_evap, evap_out.h_J_per_kg + q_ihx, "1 compressor suction")
    hp_out = fl.state_ph(p_gc_Pa, gc_out.h_J_per_kg - q_ihx, "6 after IHX") if q_ihx > 0 else gc_out

    discharge, warnings = compression(fl, suction, p_gc_Pa, eta_is, "2 compressor discharge")
    if discharge.h_J_per_kg <= gc_out.h_J_per_kg:
        raise PhysicalBoundsError(
            f"T_gc_out={K_to_C(T_gc_out_K):.2f} °C is not below the discharge temperature "
            f"{K_to_C(discharge.T_K):.2f} °C at p_gc={Pa_to_bar(p_gc_Pa):.2f} bar: the gas cooler rejects no "
            "heat; raise the gas-cooler pressure or lower T_gc_out"
        )
    evap_in = fl.state_ph(p_evap, hp_out.h_J_per_kg, "4 evaporator inlet")
    if evap_in.quality is None or evap_in.h_J_per_kg >= evap_out.h_J_per_kg:
        raise PhysicalBoundsError(
            f"{fl.name}: at p_gc={Pa_to_bar(p_gc_Pa):.2f} bar and T_gc_out={K_to_C(T_gc_out_K):.2f} °C the "
            f"throttled fluid is not two-phase at T_evap={K_to_C(T_evap_K):.2f} °C, so the evaporator takes up "
            "no heat; raise the gas-cooler pressure, lower T_gc_out or add an IHX"
        )
    q_cond = discharge.h_J_per_kg - gc_out.h_J_per_kg
    w_comp = discharge.h_J_per_kg - suction.h_J_per_kg
    return dict(p_evap=p_evap, evap_out=evap_out, gc_out=gc_out, hp_out=hp_out, suction=suction,
                discharge=discharge, evap_in=evap_in, q_cond=q_cond, w_comp=w_comp,
                q_evap=evap_out.h_J_per_kg - evap_in.h_J_per_kg, cop_ref=q_cond / w_comp, q_ihx=q_ihx,
                warnings=warnings)


def transcritical(
    T_evap_K: float,
    T_gc_out_K: float,
    p_gc_Pa: float | None = None,
    superheat_K: float = 5.0,
    eta_is: float = 0.70,
    ihx_effectiveness: float = 0.0,
    eta_motor: float = 1.0,
    fluid: str | Fluid = "R744",
    p_gc_bounds_Pa: tuple[float, float] = P_GC_BOUNDS_PA,
) -> CycleResult:
    """Single-stage transcritical heat pump with a gas cooler (CO2 by default).

    Equations: p_evap = p_sat(T_evap); h1 = h(p_evap, T_evap + ΔT_sh) (+ IHX duty);
    h2s = h(p_gc, s1), h2 = h1 + (h2s − h1)/η_is; h3 = h(p_gc, T_gc_out);
    h4 = h3 (− IHX duty); COP = (h2 − h3)/(h2 − h1) · η_motor.

    Parameters
    ----------
    T_evap_K : float
        Evaporating (saturation) temperature [K], below the critical temperature.
    T_gc_out_K : float
        Refrigerant temperature at the gas-cooler outlet [K], above ``T_evap_K``.
    p_gc_Pa : float, optional
        Gas-cooler (high-side) pressure [Pa], above the critical pressure.
        ``None`` (default): chosen for the highest COP within ``p_gc_bounds_Pa``.
    superheat_K : float
        Superheat at the evaporator outlet [K], 0 to 100.
    eta_is : float
        Isentropic compressor efficiency [-], in (0, 1].
    ihx_effectiveness : float
        Effectiveness of a suction-line internal heat exchanger [-], 0 (none) to 1;
        duty ``eps · min(h(p_evap, T3) − h5, h3 − h(p_gc, T5))`` as in
        :func:`heatcalc.thermo.cycles.single_stage`.
    eta_motor : float
        Motor and drive efficiency [-], in (0, 1].
    fluid : str or Fluid
        Refrigerant, default ``R744``.
    p_gc_bounds_Pa : (float, float)
        Search range of the gas-cooler pressure [Pa], default 75 to 160 bar; both
        above the critical pressure and within the equation of state.

    Returns
    -------
    CycleResult
        ``topology`` ``transcritical`` (``transcritical_ihx`` with an IHX);
        ``T_cond_K`` is the gas-cooler outlet temperature, ``p_cond_Pa`` the
        gas-cooler pressure; ``cop_carnot`` is the Carnot COP between ``T_evap``
        and the gas-cooler outlet temperature (the coldest heat rejection);
        ``discharge_superheat_K`` is NaN (no dew point above the critical
        pressure). ``extra``: ``p_gc_bar``, ``p_gc_method`` (``given`` or
        ``optimised_cop``), ``T_gc_out_C``, ``T_gc_mean_C`` (entropic mean
        temperature of heat rejection (h2 − h3)/(s2 − s3)), ``cop_carnot_mean``
        (Carnot COP with that mean temperature), ``q_ihx_kJ_per_kg``.

    Raises
    ------
    InputError
        Efficiencies, superheat, non-finite temperatures or pressure bounds
        outside their range.
    PhysicalBoundsError
        Gas-cooler pressure at or below the critical pressure (subcritical: use
        :func:`heatcalc.thermo.cycles.single_stage`), evaporating temperature without a
        saturation state, ``T_gc_out_K`` not above ``T_evap_K`` or not below the
        discharge temperature, a throttled state that is not two-phase, or no
        working pressure in the search range.
    FluidPropertyError
        Unknown fluid or a failed property call.

    References
    ----------
    Lorentzen (1994), doi:10.1016/0140-7007(94)90059-0; Liao et al. (2000),
    doi:10.1016/S1359-4311(99)00070-8.

    Examples
    --------
    >>> from heatcalc.core.units import C_to_K
    >>> r = transcritical(C_to_K(0), C_to_K(35), 100e5, superheat_K=5, eta_is=0.70)
    >>> round(r.cop_heating, 3)
    3.336
    """
    fl = fluid if isinstance(fluid, Fluid) else get_fluid(fluid)
    check_fraction("eta_is", eta_is)
    check_fraction("eta_motor", eta_motor)
    check_fraction("ihx_effectiveness", ihx_effectiveness, low_inclusive=True)
    check_nonneg_K("superheat_K", superheat_K)
    if not (math.isfinite(T_evap_K) and math.isfinite(T_gc_out_K)):
        raise InputError(f"T_evap={T_evap_K} K and T_gc_out={T_gc_out_K} K must be finite numbers")
    fl.check_saturation_T(T_evap_K, "T_evap")
    if T_gc_out_K <= T_evap_K:
        raise PhysicalBoundsError(
            f"T_gc_out={K_to_C(T_gc_out_K):.2f} °C must be above T_evap={K_to_C(T_evap_K):.2f} °C"
        )
    p_crit = fl.p_crit_Pa

    def subcritical(field: str, p: float) -> PhysicalBoundsError:
        return PhysicalBoundsError(
            f"{field}={Pa_to_bar(p):.2f} bar is not above the critical pressure of {fl.name} "
            f"({Pa_to_bar(p_crit):.2f} bar): heat rejection would be subcritical (condensing); use the "
            "subcritical model (heatcalc.thermo.cycles.single_stage, `heatcalc cycle --topology single`) or a "
            "higher gas-cooler pressure"
        )

    args = (superheat_K, eta_is, ihx_effectiveness)
    warnings: list[str] = []
    if p_gc_Pa is None:
        lo, hi = (float(x) for x in p_gc_bounds_Pa)
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi <= fl.p_max_Pa):
            raise out_of_range("p_gc_bounds", (Pa_to_bar(lo), Pa_to_bar(hi)), "bar",
                               f"an increasing pair up to {Pa_to_bar(fl.p_max_Pa):.0f} bar")
        if lo <= p_crit:
            raise subcritical("p_gc_bounds[0]", lo)
        try:
            p_gc, _ = maximise_bounded(
                lambda p: _core(fl, T_evap_K, T_gc_out_K, p, *args)["cop_ref"], lo, hi, xatol=_P_GC_XATOL_PA)
        except PhysicalBoundsError as exc:
            raise PhysicalBoundsError(
                f"{fl.name}: no gas-cooler pressure between {Pa_to_bar(lo):.1f} and {Pa_to_bar(hi):.1f} bar "
                f"gives a working cycle for T_evap={K_to_C(T_evap_K):.1f} °C and T_gc_out="
                f"{K_to_C(T_gc_out_K):.1f} °C ({exc})"
            ) from exc
        method = "optimised_cop"
        if min(p_gc - lo, hi - p_gc) < _P_GC_AT_BOUND_PA:
            warnings.append(
                f"{fl.name}: the best gas-cooler pressure {Pa_to_bar(p_gc):.1f} bar lies at the bound of the "
                f"search range {Pa_to_bar(lo):.0f}-{Pa_to_bar(hi):.0f} bar; the true optimum is outside it"
            )
    else:
        if not (math.isfinite(p_gc_Pa) and 0 < p_gc_Pa <= fl.p_max_Pa):
            raise out_of_range("p_gc", Pa_to_bar(p_gc_Pa), "bar",
                               f"above {Pa_to_bar(p_crit):.2f} bar (critical) and up to "
                               f"{Pa_to_bar(fl.p_max_Pa):.0f} bar")
        if p_gc_Pa <= p_crit:
            raise subcritical("p_gc", p_gc_Pa)
        p_gc, method = float(p_gc_Pa), "given"

    c = _core(fl, T_evap_K, T_gc_out_K, p_gc, *args)
    warnings = c["warnings"] + warnings
    warnings += limit_warnings(fl, T_discharge_K=c["discharge"].T_K, p_evap_Pa=c["p_evap"])
    d, g = c["discharge"], c["gc_out"]
    T_mean = (d.h_J_per_kg - g.h_J_per_kg) / (d.s_J_per_kgK - g.s_J_per_kgK)
    states = [c["suction"], d, g, c["evap_in"]]
    if ihx_effectiveness > 0:
        states += [c["evap_out"].labelled("5 evaporator outlet"), c["hp_out"].labelled("6 after IHX")]
    warnings += range_warnings(fl, states)
    return CycleResult(
        fluid=fl.name,
        topology="transcritical_ihx" if ihx_effectiveness > 0 else "transcritical",
        cop_heating=c["cop_ref"] * eta_motor,
        cop_carnot=carnot_cop(T_sink_K=T_gc_out_K, T_source_K=T_evap_K),
        T_evap_K=T_evap_K,
        T_cond_K=T_gc_out_K,
        p_evap_Pa=c["p_evap"],
        p_cond_Pa=p_gc,
        T_discharge_K=d.T_K,
        discharge_superheat_K=math.nan,
        q_cond_J_per_kg=c["q_cond"],
        q_evap_J_per_kg=c["q_evap"],
        w_comp_J_per_kg=c["w_comp"],
        vhc_J_per_m3=c["q_cond"] * c["suction"].rho_kg_per_m3,
        states=states,
        warnings=warnings,
        eta_motor=eta_motor,
        extra={
            "p_gc_bar": Pa_to_bar(p_gc),
            "p_gc_method": method,
            "T_gc_out_C": K_to_C(T_gc_out_K),
            "T_gc_mean_C": K_to_C(T_mean),
            "cop_carnot_mean": carnot_cop(T_sink_K=T_mean, T_source_K=T_evap_K),
            "q_ihx_kJ_per_kg": J_to_kJ(c["q_ihx"]),
        },
    )


@dataclass(frozen=True)
class HeatRejectionCurve:
    """Refrigerant-side temperature–heat curve of an isobaric heat rejection.

    Attributes
    ----------
    fluid : str
        CoolProp name of the refrigerant.
    p_Pa : float
        Pressure of the heat rejection [Pa].
    Q_J_per_kg : ndarray
        Heat released per kg of refrigerant, counted from the cold end (0 at the
        outlet, ``q_cond`` at the inlet) [J/kg], increasing.
    T_K : ndarray
        Refrigerant temperature at each point [K], non-decreasing.
    """

    fluid: str
    p_Pa: float
    Q_J_per_kg: np.ndarray
    T_K: np.ndarray

    @property
    def Q_fraction(self) -> np.ndarray:
        """Heat released as a fraction of the total, 0 to 1 [-]."""
        return self.Q_J_per_kg / self.Q_J_per_kg[-1]

    def Q_W(self, m_dot_kg_per_s: float) -> np.ndarray:
        """Heat flow released up to each point for a refrigerant mass flow [W]."""
        return self.Q_J_per_kg * m_dot_kg_per_s


def heat_rejection_curve(fluid: str | Fluid, p_Pa: float, h_in_J_per_kg: float, h_out_J_per_kg: float,
                         n_points: int = N_CURVE_POINTS) -> HeatRejectionCurve:
    """T–Q curve of a refrigerant cooled at constant pressure from ``h_in`` to ``h_out``.

    Works for gas coolers (glide) and for condensers (desuperheating, plateau,
    subcooling) alike; points are equally spaced in enthalpy.

    Parameters
    ----------
    fluid : str or Fluid
        Refrigerant.
    p_Pa : float
        Pressure [Pa].
    h_in_J_per_kg, h_out_J_per_kg : float
        Specific enthalpy at the inlet (hot) and outlet (cold) [J/kg], ``h_in > h_out``.
    n_points : int
        Number of points, at least 2.

    Returns
    -------
    HeatRejectionCurve

    Raises
    ------
    InputError
        If ``h_in <= h_out`` or ``n_points < 2``.
    FluidPropertyError
        If a property call fails.
    """
    fl = fluid if isinstance(fluid, Fluid) else get_fluid(fluid)
    if not (isinstance(n_points, (int, np.integer)) and n_points >= 2):
        raise out_of_range("n_points", n_points, "-", "an integer of at least 2")
    if not h_in_J_per_kg > h_out_J_per_kg:
        raise InputError(
            f"h_in={J_to_kJ(h_in_J_per_kg):.2f} kJ/kg must be above h_out={J_to_kJ(h_out_J_per_kg):.2f} kJ/kg "
            "for a heat rejection"
        )
    Q = np.linspace(0.0, h_in_J_per_kg - h_out_J_per_kg, n_points)
    T = np.array([fl.state_ph(p_Pa, h_out_J_per_kg + q).T_K for q in Q])
    return HeatRejectionCurve(fl.name, float(p_Pa), Q, T)


def gas_cooler_curve(result: CycleResult, n_points: int = N_CURVE_POINTS) -> HeatRejectionCurve:
    """Refrigerant-side T–Q curve of a cycle's gas cooler (or condenser).

    Uses states 2 (compressor discharge) and 3 (gas-cooler/condenser outlet) at
    ``p_cond_Pa`` of any vapour-compression result (transcritical, single stage,
    two stage, cascade high stage).

    Parameters
    ----------
    result : CycleResult
    n_points : int
        Number of points, at least 2.

    Returns
    -------
    HeatRejectionCurve
        ``Q_J_per_kg[-1]`` equals ``result.q_cond_J_per_kg``.

    Raises
    ------
    InputError
        For a result without a closed-cycle heat rejection (e.g. MVR), or a bad
        ``n_points``.

    Examples
    --------
    >>> from heatcalc.core.units import C_to_K
    >>> r = transcritical(C_to_K(0), C_to_K(35), 100e5)
    >>> c = gas_cooler_curve(r, 5)
    >>> bool(c.T_K[-1] > c.T_K[0])
    True
    """
    if result.topology.startswith("mvr") or len(result.states) < 3:
        raise InputError(f"topology={result.topology!r} has no closed-cycle gas cooler or condenser")
    s2, s3 = result.states[1], result.states[2]
    return heat_rejection_curve(result.fluid, result.p_cond_Pa, s2.h_J_per_kg, s3.h_J_per_kg, n_points)
