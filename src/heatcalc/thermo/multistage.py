"""Two-stage and cascade vapour-compression heat pumps.

* :func:`two_stage` — one refrigerant, two compressors in series with an open
  flash-tank economiser at the intermediate pressure;
* :func:`cascade` — two single-stage cycles (possibly of different refrigerants)
  coupled by a cascade heat exchanger, the low stage's condenser being the high
  stage's evaporator.

Both return a :class:`~heatcalc.thermo.cycles.CycleResult` whose first four states are, as
for every cycle, 1 compressor suction (low stage), 2 compressor discharge (high
stage), 3 condenser outlet, 4 evaporator inlet; specific quantities (``q_cond``,
``q_evap``, ``w_comp``) are per kg of refrigerant through the (high-stage)
condenser. Topology-specific figures are in ``extra`` (edge units, also in
``to_dict()``); the cascade returns a :class:`CompositeCycleResult` that also
holds both stage results.

References
----------
Stoecker, W. F. (1998). *Industrial Refrigeration Handbook*. McGraw-Hill, ch. 5
(multistage systems, flash tank and intercooler, intermediate pressure).

Çengel, Y. A., Boles, M. A. (2011). *Thermodynamics: An Engineering Approach*,
7th ed. McGraw-Hill, sec. 11-7 (cascade and multistage compression refrigeration
systems; Examples 11-5 and 11-6).

Lee, T.-S., Liu, C.-H., Chen, T.-W. (2006). Thermodynamic analysis of optimal
condensing temperature of cascade-condenser in CO2/NH3 cascade refrigeration
systems. Int. J. Refrig. 29(7), 1100-1108. doi:10.1016/j.ijrefrig.2006.03.003
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from heatcalc.core.errors import InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.optimise import maximise_bounded
from heatcalc.core.units import J_to_kJ, K_to_C, Pa_to_bar
from heatcalc.thermo.cop_models import carnot_cop
from heatcalc.thermo.cycles import (
    CycleResult,
    check_fraction,
    check_nonneg_K,
    check_temperatures,
    compression,
    limit_warnings,
    range_warnings,
    single_stage,
)
from heatcalc.thermo.fluids import Fluid, State, get_fluid

#: Intercooling variants of :func:`two_stage`.
INTERCOOLING = ("flash_gas", "open_intercooler")
#: Relative distance of the intermediate-pressure search bounds from p_evap and p_cond [-].
_P_INT_BOUND_REL = 1.0e-3
#: Tolerance of the intermediate-pressure optimisation on ln(p) [-] (0.01 % in pressure).
_LN_P_XATOL = 1.0e-4
#: Smallest temperature lift of one stage in the cascade-temperature search [K].
_MIN_STAGE_LIFT_K = 1.0
#: Distance kept from a fluid's critical or lowest temperature in the search [K].
_T_MARGIN_K = 1.0
#: Tolerance of the cascade-temperature optimisation [K].
_T_CASCADE_XATOL_K = 0.01
#: Largest approach temperature of the cascade heat exchanger accepted [K].
DT_CASCADE_MAX_K = 50.0


@dataclass
class CompositeCycleResult(CycleResult):
    """A cycle result made of coupled sub-cycles (cascade, heat pump + MVR).

    The inherited fields describe the whole machine (see the function that made
    it); ``parts`` holds each sub-cycle's own result.

    Attributes
    ----------
    parts : dict of str to CycleResult
        Sub-cycles by role (``low``/``high`` for a cascade).
    """

    parts: dict = field(default_factory=dict)

    @property
    def pressure_ratio(self) -> float:
        """Largest pressure ratio of the parts [-] (the cycles may use different fluids)."""
        if not self.parts:
            return self.p_cond_Pa / self.p_evap_Pa
        return max(p.pressure_ratio for p in self.parts.values())

    def to_dict(self) -> dict:
        """As :meth:`CycleResult.to_dict`, plus ``parts`` with each sub-cycle's dict."""
        d = super().to_dict()
        d["parts"] = {k: v.to_dict() for k, v in self.parts.items()}
        return d


def _prefixed(prefix: str, warnings: list[str]) -> list[str]:
    return [f"{prefix}: {w}" for w in warnings]


# ---------------------------------------------------------------------------------------------
# two-stage compression with an open flash tank
# ---------------------------------------------------------------------------------------------
def _two_stage_core(fl: Fluid, T_evap_K: float, T_cond_K: float, p_int_Pa: float, superheat_K: float,
                    subcooling_K: float, eta_is_low: float, eta_is_high: float, intercooling: str) -> dict:
    """Two-stage cycle at one intermediate pressure; all quantities per kg through the condenser."""
    evap_dew = fl.state_Tq(T_evap_K, 1.0)
    p_evap = evap_dew.p_Pa
    cond_bub = fl.state_Tq(T_cond_K, 0.0)
    p_cond = cond_bub.p_Pa

    suction_L = (fl.state_pT(p_evap, T_evap_K + superheat_K, phase="gas") if superheat_K > 0 else evap_dew
                 ).labelled("1 suction, low stage")
    if subcooling_K > 0:
        T3 = cond_bub.T_K - subcooling_K
        if T3 <= fl.T_min_K:
            raise out_of_range("subcooling_K", subcooling_K, "K",
                               f"below {cond_bub.T_K - fl.T_min_K:.1f} K for {fl.name}")
        cond_out = fl.state_pT(p_cond, T3, phase="liquid")
    else:
        cond_out = cond_bub
    cond_out = cond_out.labelled("3 condenser outlet")

    liq_int = fl.state_pq(p_int_Pa, 0.0, "7 flash-tank liquid")
    vap_int = fl.state_pq(p_int_Pa, 1.0, "8 flash-tank vapour")
    h_f, h_g = liq_int.h_J_per_kg, vap_int.h_J_per_kg
    h3 = cond_out.h_J_per_kg
    if h3 <= h_f:
        raise PhysicalBoundsError(
            f"{fl.name}: with subcooling_K={subcooling_K} K the condensate does not flash at the intermediate "
            f"pressure {Pa_to_bar(p_int_Pa):.3f} bar (it stays liquid); lower the subcooling or the "
            "intermediate pressure"
        )
    x_flash = (h3 - h_f) / (h_g - h_f)
    flash_in = fl.state_ph(p_int_Pa, h3, "6 flash-tank inlet")

    evap_in = fl.state_ph(p_evap, h_f, "4 evaporator inlet")
    if evap_in.quality is None or evap_in.h_J_per_kg >= suction_L.h_J_per_kg:
        raise PhysicalBoundsError(
            f"{fl.name}: the liquid from the flash tank at {Pa_to_bar(p_int_Pa):.3f} bar is not two-phase "
            f"after throttling to {Pa_to_bar(p_evap):.3f} bar: the low stage cannot take up heat; lower the "
            "intermediate pressure"
        )

    disch_L, w_low = compression(fl, suction_L, p_int_Pa, eta_is_low, "5 discharge, low stage")
    if intercooling == "flash_gas":
        # Flash tank: 1 kg of condensate -> x_flash kg saturated vapour + (1 - x_flash) kg saturated liquid.
        # The flash vapour mixes with the low-stage discharge (intercooling by flash gas).
        m_low = 1.0 - x_flash
        h9 = m_low * disch_L.h_J_per_kg + x_flash * h_g
        suction_H = fl.state_ph(p_int_Pa, h9, "9 suction, high stage")
    else:
        # Open intercooler: the low-stage discharge bubbles through the flash-tank liquid and leaves
        # with the flash vapour as saturated vapour. Tank balance:
        # m_low * (h5 - h_f) = 1 * (h_g - h3)
        m_low = (h_g - h3) / (disch_L.h_J_per_kg - h_f)
        suction_H = vap_int.labelled("9 suction, high stage")
    disch_H, w_high = compression(fl, suction_H, p_cond, eta_is_high, "2 discharge, high stage")

    q_cond = disch_H.h_J_per_kg - h3
    w_L = m_low * (disch_L.h_J_per_kg - suction_L.h_J_per_kg)
    w_H = disch_H.h_J_per_kg - suction_H.h_J_per_kg
    q_evap = m_low * (suction_L.h_J_per_kg - h_f)
    return dict(
        p_evap=p_evap, p_cond=p_cond, suction_L=suction_L, disch_L=disch_L, suction_H=suction_H, disch_H=disch_H,
        cond_out=cond_out, evap_in=evap_in, flash_in=flash_in, liq_int=liq_int, vap_int=vap_int,
        x_flash=x_flash, m_low=m_low, q_cond=q_cond, q_evap=q_evap, w_L=w_L, w_H=w_H,
        cop_ref=q_cond / (w_L + w_H),
        warnings=_prefixed("low stage", w_low) + _prefixed("high stage", w_high),
    )


def two_stage(
    fluid: str | Fluid,
    T_evap_K: float,
    T_cond_K: float,
    superheat_K: float = 5.0,
    subcooling_K: float = 5.0,
    eta_is_low: float = 0.70,
    eta_is_high: float = 0.70,
    p_intermediate_Pa: float | None = None,
    eta_motor: float = 1.0,
    *,
    intercooling: str = "flash_gas",
    optimise_p_intermediate: bool = False,
) -> CycleResult:
    """Two-stage compression heat pump with an open flash-tank economiser.

    The condensate (3) is throttled into a flash tank at the intermediate pressure
    (6); the tank's saturated liquid (7) is throttled to the evaporator (4); the
    tank's saturated vapour (8) cools the low-stage discharge (5) before the
    high-stage compressor (9 → 2).

    * ``intercooling="flash_gas"`` (default): the flash vapour mixes with the
      low-stage discharge (flash-gas injection economiser, Çengel & Boles Example
      11-6). Mass balance of the tank: of 1 kg of condensate, ``x6`` kg flash
      to vapour and ``1 - x6`` kg go to the evaporator;
      ``h9 = (1 - x6) h5 + x6 h8``.
    * ``intercooling="open_intercooler"``: the low-stage discharge bubbles
      through the tank's liquid and leaves saturated (h9 = h8). Tank balance:
      ``m_low (h5 - h7) = h8 - h3`` per kg through the condenser.

    Energy balance per kg through the condenser: ``q_cond = q_evap + w_low +
    w_high`` with ``q_cond = h2 - h3``, ``q_evap = m_low (h1 - h7)``,
    ``w_low = m_low (h5 - h1)``, ``w_high = h2 - h9``.

    Parameters
    ----------
    fluid : str or Fluid
        Refrigerant (CoolProp or catalogue name).
    T_evap_K : float
        Evaporating (dew point) temperature [K].
    T_cond_K : float
        Condensing (bubble point) temperature [K].
    superheat_K : float
        Superheat at the evaporator outlet = low-stage suction [K].
    subcooling_K : float
        Subcooling at the condenser outlet [K].
    eta_is_low, eta_is_high : float
        Isentropic efficiencies of the low- and high-stage compressors [-], in (0, 1].
    p_intermediate_Pa : float, optional
        Intermediate (flash-tank) pressure [Pa], between the evaporating and the
        condensing pressure. Default: the geometric mean ``sqrt(p_evap p_cond)``
        (equal pressure ratios; close to the optimum for equal efficiencies).
    eta_motor : float
        Motor and drive efficiency [-], in (0, 1].
    intercooling : {"flash_gas", "open_intercooler"}
        How the flash tank cools the low-stage discharge (see above).
    optimise_p_intermediate : bool
        Choose the intermediate pressure for the highest COP (bounded search over
        ln p between p_evap and p_cond); excludes ``p_intermediate_Pa``.

    Returns
    -------
    CycleResult
        ``topology = "two_stage"``. States: 1 suction (low stage), 2 discharge
        (high stage), 3 condenser outlet, 4 evaporator inlet, 5 low-stage
        discharge, 6 flash-tank inlet, 7 flash-tank liquid, 8 flash-tank vapour,
        9 high-stage suction. ``extra``: ``p_int_bar``, ``p_int_method``,
        ``intercooling``, ``flash_vapour_fraction``, ``m_low_per_m_high``,
        ``pressure_ratio_low``, ``pressure_ratio_high``, ``t_discharge_low_C``,
        ``w_low_kJ_per_kg``, ``w_high_kJ_per_kg``, ``vhc_high_kJ_per_m3``.
        ``vhc_J_per_m3`` is per m³ of low-stage suction gas.

    Raises
    ------
    InputError
        Efficiencies, temperature differences, intercooling or intermediate
        pressure outside their range, or both ``p_intermediate_Pa`` and
        ``optimise_p_intermediate`` given.
    PhysicalBoundsError
        Condensing not above evaporating temperature, a temperature without a
        saturation state for the fluid, subcooling so large that nothing flashes,
        or a flash-tank liquid that does not evaporate at p_evap.
    FluidPropertyError
        Unknown fluid or a failed property call.

    References
    ----------
    Stoecker (1998), ch. 5; Çengel & Boles (2011), sec. 11-7 (module references).

    Examples
    --------
    >>> from heatcalc.core.units import C_to_K
    >>> r = two_stage("R717", C_to_K(-10), C_to_K(70))
    >>> round(r.cop_heating, 3), round(r.extra["p_int_bar"], 2)
    (2.741, 9.81)
    """
    fl = fluid if isinstance(fluid, Fluid) else get_fluid(fluid)
    check_fraction("eta_is_low", eta_is_low)
    check_fraction("eta_is_high", eta_is_high)
    check_fraction("eta_motor", eta_motor)
    check_nonneg_K("superheat_K", superheat_K)
    check_nonneg_K("subcooling_K", subcooling_K)
    if intercooling not in INTERCOOLING:
        raise out_of_range("intercooling", intercooling, "-", "one of " + ", ".join(INTERCOOLING))
    check_temperatures(T_evap_K, T_cond_K)
    fl.check_saturation_T(T_evap_K, "T_evap")
    fl.check_saturation_T(T_cond_K, "T_cond")
    p_evap = fl.p_sat_T(T_evap_K, 1.0)
    p_cond = fl.p_sat_T(T_cond_K, 0.0)

    args = (superheat_K, subcooling_K, eta_is_low, eta_is_high, intercooling)
    if optimise_p_intermediate:
        if p_intermediate_Pa is not None:
            raise InputError("give either p_intermediate_Pa or optimise_p_intermediate=True, not both")
        lo = math.log(p_evap * (1 + _P_INT_BOUND_REL))
        hi = math.log(p_cond * (1 - _P_INT_BOUND_REL))
        try:
            x, _ = maximise_bounded(
                lambda x: _two_stage_core(fl, T_evap_K, T_cond_K, math.exp(x), *args)["cop_ref"],
                lo, hi, xatol=_LN_P_XATOL)
        except PhysicalBoundsError as exc:
            raise PhysicalBoundsError(
                f"{fl.name}: no intermediate pressure between {Pa_to_bar(p_evap):.3f} and "
                f"{Pa_to_bar(p_cond):.3f} bar gives a working two-stage cycle ({exc})"
            ) from exc
        p_int, method = math.exp(x), "optimised_cop"
    elif p_intermediate_Pa is None:
        p_int, method = math.sqrt(p_evap * p_cond), "geometric_mean"
    else:
        if not (math.isfinite(p_intermediate_Pa) and p_evap < p_intermediate_Pa < p_cond):
            raise out_of_range("p_intermediate", Pa_to_bar(p_intermediate_Pa), "bar",
                               f"between p_evap={Pa_to_bar(p_evap):.3f} and p_cond={Pa_to_bar(p_cond):.3f} bar "
                               "(exclusive)")
        p_int, method = float(p_intermediate_Pa), "given"

    c = _two_stage_core(fl, T_evap_K, T_cond_K, p_int, *args)
    warnings = c["warnings"]
    T_dis_max = max(c["disch_L"].T_K, c["disch_H"].T_K)
    warnings += limit_warnings(fl, T_cond_K=T_cond_K, T_discharge_K=T_dis_max, p_evap_Pa=p_evap)
    w_total = c["w_L"] + c["w_H"]
    states = [c["suction_L"], c["disch_H"], c["cond_out"], c["evap_in"], c["disch_L"], c["flash_in"],
              c["liq_int"], c["vap_int"], c["suction_H"]]
    warnings += range_warnings(fl, states)
    return CycleResult(
        fluid=fl.name,
        topology="two_stage",
        cop_heating=c["cop_ref"] * eta_motor,
        cop_carnot=carnot_cop(T_sink_K=T_cond_K, T_source_K=T_evap_K),
        T_evap_K=T_evap_K,
        T_cond_K=T_cond_K,
        p_evap_Pa=p_evap,
        p_cond_Pa=p_cond,
        T_discharge_K=c["disch_H"].T_K,
        discharge_superheat_K=c["disch_H"].T_K - fl.T_sat_p(p_cond, 1.0),
        q_cond_J_per_kg=c["q_cond"],
        q_evap_J_per_kg=c["q_evap"],
        w_comp_J_per_kg=w_total,
        vhc_J_per_m3=c["q_cond"] * c["suction_L"].rho_kg_per_m3 / c["m_low"],
        states=states,
        warnings=warnings,
        eta_motor=eta_motor,
        extra={
            "p_int_bar": Pa_to_bar(p_int),
            "p_int_method": method,
            "intercooling": intercooling,
            "flash_vapour_fraction": c["x_flash"],
            "m_low_per_m_high": c["m_low"],
            "pressure_ratio_low": p_int / p_evap,
            "pressure_ratio_high": p_cond / p_int,
            "t_discharge_low_C": K_to_C(c["disch_L"].T_K),
            "w_low_kJ_per_kg": J_to_kJ(c["w_L"]),
            "w_high_kJ_per_kg": J_to_kJ(c["w_H"]),
            "vhc_high_kJ_per_m3": J_to_kJ(c["q_cond"] * c["suction_H"].rho_kg_per_m3),
            "eta_is_low": eta_is_low,
            "eta_is_high": eta_is_high,
        },
    )


# ---------------------------------------------------------------------------------------------
# cascade
# ---------------------------------------------------------------------------------------------
def _cascade_stages(fl_low: Fluid, fl_high: Fluid, T_evap_K: float, T_cond_K: float, T_cascade_K: float,
                    dT_cascade_K: float, superheat_K: float, subcooling_K: float, eta_is_low: float,
                    eta_is_high: float, eta_motor: float) -> tuple[CycleResult, CycleResult, float, float]:
    low = single_stage(fl_low, T_evap_K, T_cascade_K, superheat_K, subcooling_K, eta_is_low, eta_motor=eta_motor)
    high = single_stage(fl_high, T_cascade_K - dT_cascade_K, T_cond_K, superheat_K, subcooling_K, eta_is_high,
                        eta_motor=eta_motor)
    # Cascade heat exchanger: m_low q_cond,low = m_high q_evap,high, per kg of high-stage refrigerant.
    m_low = high.q_evap_J_per_kg / low.q_cond_J_per_kg
    cop_ref = high.q_cond_J_per_kg / (m_low * low.w_comp_J_per_kg + high.w_comp_J_per_kg)
    return low, high, m_low, cop_ref


def cascade(
    fluid_low: str | Fluid,
    fluid_high: str | Fluid,
    T_evap_K: float,
    T_cond_K: float,
    T_cascade_K: float | None = None,
    dT_cascade_K: float = 5.0,
    superheat_K: float = 5.0,
    subcooling_K: float = 5.0,
    eta_is_low: float = 0.70,
    eta_is_high: float = 0.70,
    eta_motor: float = 1.0,
) -> CompositeCycleResult:
    """Cascade heat pump: two single-stage cycles coupled by a cascade heat exchanger.

    The low stage evaporates at ``T_evap_K`` and condenses at ``T_cascade_K``;
    the high stage evaporates at ``T_cascade_K - dT_cascade_K`` and condenses at
    ``T_cond_K``. Each stage is :func:`heatcalc.thermo.cycles.single_stage` (same
    superheat and subcooling in both). The cascade heat exchanger couples the
    mass flows, ``m_low q_cond,low = m_high q_evap,high``, so that per kg of
    high-stage refrigerant

    ``COP = q_cond,high / (m_low w_low + w_high)`` (× ``eta_motor``)

    and ``q_cond,high = m_low q_evap,low + m_low w_low + w_high`` exactly.

    Parameters
    ----------
    fluid_low, fluid_high : str or Fluid
        Refrigerants of the low and the high stage (may be the same).
    T_evap_K : float
        Evaporating (dew point) temperature of the low stage [K].
    T_cond_K : float
        Condensing (bubble point) temperature of the high stage [K].
    T_cascade_K : float, optional
        Condensing temperature of the low stage [K]. ``None`` (default): chosen for
        the highest COP by a bounded search between ``T_evap + 1 K`` and
        ``T_cond + dT_cascade - 1 K`` (within both fluids' saturation ranges).
    dT_cascade_K : float
        Approach in the cascade heat exchanger [K], 0 to 50: low-stage condensing
        minus high-stage evaporating temperature.
    superheat_K, subcooling_K : float
        Superheat at each evaporator outlet and subcooling at each condenser outlet [K].
    eta_is_low, eta_is_high : float
        Isentropic efficiencies of the two compressors [-], in (0, 1].
    eta_motor : float
        Motor and drive efficiency [-], in (0, 1].

    Returns
    -------
    CompositeCycleResult
        ``topology = "cascade"``, ``fluid`` = high-stage fluid, ``parts`` =
        ``{"low": ..., "high": ...}`` (each a single-stage result, its COP on its
        own). States: 1 suction (low), 2 discharge (high), 3 condenser outlet
        (high), 4 evaporator inlet (low), 5 discharge (low), 6 cascade-HX outlet
        (low), 7 suction (high), 8 cascade-HX inlet (high) — states 1, 4, 5, 6
        are of ``fluid_low``. ``pressure_ratio`` is the larger stage ratio.
        ``vhc_J_per_m3`` is per m³ of low-stage suction gas. ``extra``:
        ``fluid_low``, ``fluid_high``, ``T_cascade_C``, ``T_cascade_method``,
        ``T_evap_high_C``, ``dT_cascade_K``, ``m_low_per_m_high``, ``cop_low``,
        ``cop_high``, ``pressure_ratio_low``, ``pressure_ratio_high``,
        ``t_discharge_low_C``.

    Raises
    ------
    InputError
        Efficiencies or temperature differences outside their range.
    PhysicalBoundsError
        Condensing not above evaporating temperature, ``T_cascade_K`` outside
        ``(T_evap, T_cond + dT_cascade)``, a stage temperature without a
        saturation state for its fluid, a stage whose lift is too large, or no
        feasible cascade temperature.
    FluidPropertyError
        Unknown fluid or a failed property call.

    References
    ----------
    Çengel & Boles (2011), Example 11-5; Lee et al. (2006),
    doi:10.1016/j.ijrefrig.2006.03.003 (optimal cascade temperature).
    """
    fl_low = fluid_low if isinstance(fluid_low, Fluid) else get_fluid(fluid_low)
    fl_high = fluid_high if isinstance(fluid_high, Fluid) else get_fluid(fluid_high)
    check_fraction("eta_is_low", eta_is_low)
    check_fraction("eta_is_high", eta_is_high)
    check_fraction("eta_motor", eta_motor)
    check_nonneg_K("superheat_K", superheat_K)
    check_nonneg_K("subcooling_K", subcooling_K)
    check_nonneg_K("dT_cascade_K", dT_cascade_K, DT_CASCADE_MAX_K)
    check_temperatures(T_evap_K, T_cond_K)
    fl_low.check_saturation_T(T_evap_K, "T_evap")
    fl_high.check_saturation_T(T_cond_K, "T_cond")
    stage_args = (superheat_K, subcooling_K, eta_is_low, eta_is_high, eta_motor)

    if T_cascade_K is None:
        # Each stage needs its condenser outlet (condensing minus subcooling) above its evaporator.
        lift_min = subcooling_K + _MIN_STAGE_LIFT_K
        lo = max(T_evap_K + lift_min, fl_high.T_min_K + dT_cascade_K + _T_MARGIN_K)
        hi = min(T_cond_K + dT_cascade_K - lift_min, fl_low.T_crit_K - _T_MARGIN_K)
        if lo >= hi:
            raise PhysicalBoundsError(
                f"no cascade temperature possible for {fl_low.name}/{fl_high.name} between T_evap="
                f"{K_to_C(T_evap_K):.1f} °C and T_cond={K_to_C(T_cond_K):.1f} °C (low-stage critical "
                f"temperature {K_to_C(fl_low.T_crit_K):.1f} °C, high-stage lowest temperature "
                f"{K_to_C(fl_high.T_min_K):.1f} °C)"
            )
        try:
            T_cascade_K, _ = maximise_bounded(
                lambda T: _cascade_stages(fl_low, fl_high, T_evap_K, T_cond_K, T, dT_cascade_K, *stage_args)[3],
                lo, hi, xatol=_T_CASCADE_XATOL_K)
        except PhysicalBoundsError as exc:
            raise PhysicalBoundsError(
                f"{fl_low.name}/{fl_high.name}: no cascade temperature between {K_to_C(lo):.1f} and "
                f"{K_to_C(hi):.1f} °C gives two working stages ({exc}); the lift is too large for a cascade "
                "of these fluids"
            ) from exc
        method = "optimised_cop"
    else:
        if not math.isfinite(T_cascade_K) or not (T_evap_K < T_cascade_K < T_cond_K + dT_cascade_K):
            raise PhysicalBoundsError(
                f"T_cascade={K_to_C(T_cascade_K):.2f} °C must lie between T_evap={K_to_C(T_evap_K):.2f} °C "
                f"and T_cond + dT_cascade={K_to_C(T_cond_K + dT_cascade_K):.2f} °C (exclusive)"
            )
        for stage, T_lo, T_hi in (("low", T_evap_K, T_cascade_K), ("high", T_cascade_K - dT_cascade_K, T_cond_K)):
            if T_hi - subcooling_K <= T_lo:
                raise PhysicalBoundsError(
                    f"T_cascade={K_to_C(T_cascade_K):.2f} °C leaves the {stage} stage a lift of {T_hi - T_lo:.2f} K, "
                    f"not more than subcooling_K={subcooling_K} K: its condensate would be subcooled to its "
                    "evaporating temperature; choose another T_cascade or less subcooling"
                )
        fl_low.check_saturation_T(T_cascade_K, "T_cascade")
        fl_high.check_saturation_T(T_cascade_K - dT_cascade_K, "T_cascade - dT_cascade")
        method = "given"

    low, high, m_low, cop_ref = _cascade_stages(fl_low, fl_high, T_evap_K, T_cond_K, T_cascade_K, dT_cascade_K,
                                                *stage_args)
    ls, hs = low.states, high.states
    states: list[State] = [
        ls[0].labelled("1 suction, low stage"),
        hs[1].labelled("2 discharge, high stage"),
        hs[2].labelled("3 condenser outlet"),
        ls[3].labelled("4 evaporator inlet"),
        ls[1].labelled("5 discharge, low stage"),
        ls[2].labelled("6 cascade HX, low out"),
        hs[0].labelled("7 suction, high stage"),
        hs[3].labelled("8 cascade HX, high in"),
    ]
    w_total = m_low * low.w_comp_J_per_kg + high.w_comp_J_per_kg
    return CompositeCycleResult(
        fluid=fl_high.name,
        topology="cascade",
        cop_heating=cop_ref * eta_motor,
        cop_carnot=carnot_cop(T_sink_K=T_cond_K, T_source_K=T_evap_K),
        T_evap_K=T_evap_K,
        T_cond_K=T_cond_K,
        p_evap_Pa=low.p_evap_Pa,
        p_cond_Pa=high.p_cond_Pa,
        T_discharge_K=high.T_discharge_K,
        discharge_superheat_K=high.discharge_superheat_K,
        q_cond_J_per_kg=high.q_cond_J_per_kg,
        q_evap_J_per_kg=m_low * low.q_evap_J_per_kg,
        w_comp_J_per_kg=w_total,
        vhc_J_per_m3=high.q_cond_J_per_kg * ls[0].rho_kg_per_m3 / m_low,
        states=states,
        warnings=_prefixed(f"low stage ({fl_low.name})", low.warnings)
        + _prefixed(f"high stage ({fl_high.name})", high.warnings),
        eta_motor=eta_motor,
        extra={
            "fluid_low": fl_low.name,
            "fluid_high": fl_high.name,
            "T_cascade_C": K_to_C(T_cascade_K),
            "T_cascade_method": method,
            "T_evap_high_C": K_to_C(T_cascade_K - dT_cascade_K),
            "dT_cascade_K": dT_cascade_K,
            "m_low_per_m_high": m_low,
            "cop_low": low.cop_heating,
            "cop_high": high.cop_heating,
            "pressure_ratio_low": low.pressure_ratio,
            "pressure_ratio_high": high.pressure_ratio,
            "t_discharge_low_C": K_to_C(low.T_discharge_K),
            "eta_is_low": eta_is_low,
            "eta_is_high": eta_is_high,
        },
        parts={"low": low, "high": high},
    )
