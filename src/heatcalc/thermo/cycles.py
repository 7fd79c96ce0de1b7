"""Vapour-compression heat-pump cycles on real-fluid properties.

This module holds the result object shared by every cycle model
(:class:`CycleResult`) and the single-stage subcritical cycle
(:func:`single_stage`), optionally with an internal heat exchanger (IHX).

Conventions (docs/interface.md): the evaporating temperature is the dew point at
evaporator pressure, the condensing temperature the bubble point at condenser
pressure; superheat is counted at the evaporator outlet and subcooling at the
condenser outlet; heating COP = (h2 - h3) / (h2 - h1) with 1 the compressor suction,
2 the compressor discharge and 3 the condenser outlet.

References
----------
Reinholdt, L. et al. (2018). Heat pump COP, part 1: generalized method for
screening of system integration potentials. 13th IIR Gustav Lorentzen Conference.
doi:10.18462/iir.gl.2018.1380
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.messages import Message
from heatcalc.core.units import P_ATM_PA, J_to_kJ, K_to_C, Pa_to_bar  # P_ATM_PA: below it a circuit can draw in air
from heatcalc.thermo.cop_models import carnot_cop
from heatcalc.thermo.fluids import Fluid, State, get_fluid, refrigerant_info

#: Number of intermediate pressures checked for wet compression.
_N_WET_CHECK = 6


@dataclass
class CycleResult:
    """Result of a heat-pump cycle calculation (all SI).

    Attributes
    ----------
    fluid : str
        CoolProp name of the refrigerant (of the high stage for a cascade).
    topology : str
        ``single_stage``, ``single_stage_ihx``, ``two_stage``, ``cascade``,
        ``transcritical``, ``mvr`` ...
    cop_heating : float
        Heating COP on electricity [-] (includes ``eta_motor``).
    cop_carnot : float
        Carnot COP between condensing and evaporating temperature [-].
    cop_lorenz : float or None
        Lorenz COP of the source and sink streams [-], when streams are known.
    T_evap_K, T_cond_K : float
        Evaporating (dew) and condensing (bubble) temperature [K].
    p_evap_Pa, p_cond_Pa : float
        Evaporator and condenser (gas cooler) pressure [Pa].
    T_discharge_K : float
        Compressor discharge temperature [K] (of the last stage).
    discharge_superheat_K : float
        Discharge temperature minus dew temperature at discharge pressure [K].
    q_cond_J_per_kg, q_evap_J_per_kg, w_comp_J_per_kg : float
        Heat rejected, heat absorbed and compressor work per kg of refrigerant
        through the condenser [J/kg].
    vhc_J_per_m3 : float
        Volumetric heating capacity: heat rejected per m³ of suction gas [J/m³].
    states : list of State
        Cycle states; the first four are always 1 suction, 2 discharge,
        3 condenser outlet, 4 evaporator inlet.
    warnings : list of str
        Physically possible but questionable operation (never silent).
    eta_motor : float
        Motor and drive efficiency [-].
    """

    fluid: str
    topology: str
    cop_heating: float
    cop_carnot: float
    T_evap_K: float
    T_cond_K: float
    p_evap_Pa: float
    p_cond_Pa: float
    T_discharge_K: float
    discharge_superheat_K: float
    q_cond_J_per_kg: float
    q_evap_J_per_kg: float
    w_comp_J_per_kg: float
    vhc_J_per_m3: float
    states: list[State]
    warnings: list[str] = field(default_factory=list)
    cop_lorenz: float | None = None
    eta_motor: float = 1.0
    extra: dict = field(default_factory=dict)

    @property
    def pressure_ratio(self) -> float:
        """Condenser over evaporator pressure [-]."""
        return self.p_cond_Pa / self.p_evap_Pa

    @property
    def cop_refrigerant(self) -> float:
        """COP on shaft work (before motor losses) [-]."""
        return self.q_cond_J_per_kg / self.w_comp_J_per_kg

    def mass_flow_kg_per_s(self, Q_heat_W: float) -> float:
        """Refrigerant mass flow through the condenser for a heat output [kg/s].

        Parameters
        ----------
        Q_heat_W : float
            Heat delivered by the condenser [W].
        """
        return Q_heat_W / self.q_cond_J_per_kg

    def P_el_W(self, Q_heat_W: float) -> float:
        """Electrical input for a heat output [W]."""
        return Q_heat_W / self.cop_heating

    def to_dict(self) -> dict:
        """Result with edge units and the JSON keys of ``heatcalc cycle --json``."""
        d = {
            "fluid": self.fluid,
            "topology": self.topology,
            "cop_heating": self.cop_heating,
            "cop_carnot": self.cop_carnot,
            "cop_lorenz": self.cop_lorenz,
            "T_evap_C": K_to_C(self.T_evap_K),
            "T_cond_C": K_to_C(self.T_cond_K),
            "p_evap_bar": Pa_to_bar(self.p_evap_Pa),
            "p_cond_bar": Pa_to_bar(self.p_cond_Pa),
            "pressure_ratio": self.pressure_ratio,
            "t_discharge_C": K_to_C(self.T_discharge_K),
            "discharge_superheat_K": self.discharge_superheat_K,
            "q_cond_kJ_per_kg": J_to_kJ(self.q_cond_J_per_kg),
            "q_evap_kJ_per_kg": J_to_kJ(self.q_evap_J_per_kg),
            "w_comp_kJ_per_kg": J_to_kJ(self.w_comp_J_per_kg),
            "vhc_kJ_per_m3": J_to_kJ(self.vhc_J_per_m3),
            "eta_motor": self.eta_motor,
            "warnings": list(self.warnings),
            "states": [s.to_dict() for s in self.states],
        }
        d.update(self.extra)
        return d


def check_fraction(name: str, value: float, *, low: float = 0.0, high: float = 1.0,
                   low_inclusive: bool = False) -> None:
    """Raise :class:`InputError` unless ``low < value <= high`` (or ``low <= value``)."""
    ok = math.isfinite(value) and (value >= low if low_inclusive else value > low) and value <= high
    if not ok:
        lo = "[" if low_inclusive else "("
        raise out_of_range(name, value, "-", f"{lo}{low}, {high}]")


def check_nonneg_K(name: str, value: float, high: float = 100.0) -> None:
    """Raise :class:`InputError` unless ``0 <= value <= high`` [K]."""
    if not (math.isfinite(value) and 0.0 <= value <= high):
        raise out_of_range(name, value, "K", f"0 to {high} K")


def check_temperatures(T_evap_K: float, T_cond_K: float) -> None:
    """Raise unless both temperatures are finite (:class:`InputError`) and condensing is above
    evaporating (:class:`PhysicalBoundsError`)."""
    if not (math.isfinite(T_evap_K) and math.isfinite(T_cond_K)):
        raise InputError(f"T_evap={T_evap_K} K and T_cond={T_cond_K} K must be finite numbers")
    if T_cond_K <= T_evap_K:
        raise PhysicalBoundsError(
            f"T_cond={K_to_C(T_cond_K):.2f} °C must be above T_evap={K_to_C(T_evap_K):.2f} °C"
        )


def compression(fluid: Fluid, suction: State, p_out_Pa: float, eta_is: float, label: str = "2 compressor discharge"
                ) -> tuple[State, list[str]]:
    """Adiabatic compression with an isentropic efficiency.

    Parameters
    ----------
    fluid : Fluid
    suction : State
        Compressor inlet.
    p_out_Pa : float
        Discharge pressure [Pa].
    eta_is : float
        Isentropic efficiency [-], ``(h2s - h1) / (h2 - h1)``.

    Returns
    -------
    (State, list of str)
        Discharge state and warnings: the word ``wet`` appears when the outlet or
        the compression path lies inside the two-phase dome.
    """
    h2s = fluid.state_ps(p_out_Pa, suction.s_J_per_kgK).h_J_per_kg
    h2 = suction.h_J_per_kg + (h2s - suction.h_J_per_kg) / eta_is
    try:
        out = fluid.state_ph(p_out_Pa, h2, label)
    except FluidPropertyError:
        h_max = fluid.h_pT(p_out_Pa, fluid.T_max_K, "gas")
        if h2 < h_max:
            raise
        raise PhysicalBoundsError(Message(
            "cycle.discharge_beyond_eos",
            f"{fluid.name}: the discharge temperature would exceed {K_to_C(fluid.T_max_K):.0f} °C, the upper "
            f"limit of the fluid's equation of state (η_is={eta_is:g}, {Pa_to_bar(suction.p_Pa):.2f} → "
            f"{Pa_to_bar(p_out_Pa):.2f} bar): the lift is too large for one stage; use two stages or a cascade",
            fluid=fluid.name, T_max_C=K_to_C(fluid.T_max_K), eta_is=eta_is, p_in_bar=Pa_to_bar(suction.p_Pa),
            p_out_bar=Pa_to_bar(p_out_Pa))) from None
    warnings = []
    if out.quality is not None:
        warnings.append(Message(
            "cycle.wet_outlet",
            f"{fluid.name}: compressor outlet is wet (inside the two-phase dome, quality {out.quality:.3f}); "
            "increase the suction superheat or add an internal heat exchanger (IHX)",
            fluid=fluid.name, quality=out.quality))
    elif p_out_Pa < fluid.p_crit_Pa:
        # Path check: entropy rises from s1 to s2; compare an estimate (linear in ln p)
        # with the saturated-vapour entropy at intermediate pressures.
        ln_p1, ln_p2 = math.log(suction.p_Pa), math.log(p_out_Pa)
        s1, s2 = suction.s_J_per_kgK, out.s_J_per_kgK
        for i in range(1, _N_WET_CHECK + 1):
            f = i / (_N_WET_CHECK + 1)
            p = math.exp(ln_p1 + f * (ln_p2 - ln_p1))
            s_vap = fluid.s_sat_p(p, 1.0)
            if s1 + f * (s2 - s1) < s_vap:
                warnings.append(Message(
                    "cycle.wet_path",
                    f"{fluid.name}: the compression path crosses the two-phase dome near "
                    f"{Pa_to_bar(p):.2f} bar (wet compression, although the outlet is dry); "
                    "increase the suction superheat or add an internal heat exchanger (IHX)",
                    fluid=fluid.name, p_bar=Pa_to_bar(p)))
                break
    return out, warnings


def ihx_duty(fluid: Fluid, effectiveness: float, p_vap_Pa: float, vap_in: State, p_hot_Pa: float,
             hot_in: State, hot_phase: str | None) -> float:
    """Heat moved in a suction-line internal heat exchanger (IHX) [J/kg].

    The largest possible duty is the vapour heated to the hot inlet temperature or
    the hot fluid cooled to the vapour inlet temperature, whichever is smaller;
    none when the hot fluid is not warmer than the vapour. The duty is
    ``effectiveness`` times that.

    Parameters
    ----------
    fluid : Fluid
    effectiveness : float
        IHX effectiveness [-].
    p_vap_Pa, vap_in : float, State
        Pressure [Pa] and inlet state of the vapour (evaporator outlet).
    p_hot_Pa, hot_in : float, State
        Pressure [Pa] and inlet state of the hot high-pressure fluid.
    hot_phase : {"liquid", None}
        Phase imposed on the hot fluid cooled to the vapour inlet temperature
        (``None`` above the critical pressure).
    """
    if hot_in.T_K <= vap_in.T_K:
        return 0.0
    dh_vap_max = fluid.h_pT(p_vap_Pa, hot_in.T_K, "gas") - vap_in.h_J_per_kg
    dh_hot_max = hot_in.h_J_per_kg - fluid.h_pT(p_hot_Pa, vap_in.T_K, hot_phase)
    return effectiveness * max(0.0, min(dh_vap_max, dh_hot_max))


def limit_warnings(fluid: Fluid, *, T_cond_K: float | None = None, T_discharge_K: float | None = None,
                   p_evap_Pa: float | None = None) -> list[str]:
    """Warnings for operation beyond a refrigerant's usual limits (catalogue values).

    Parameters
    ----------
    fluid : Fluid
    T_cond_K : float, optional
        Condensing (bubble) temperature [K]; compared with the catalogue's
        recommended maximum ``T_cond_max_C``.
    T_discharge_K : float, optional
        Compressor discharge temperature [K]; compared with ``T_discharge_max_C``.
    p_evap_Pa : float, optional
        Evaporating pressure [Pa]; below one atmosphere gives a warning.

    Returns
    -------
    list of str
        Empty when everything is within the usual limits (or the fluid is not in
        the catalogue, for the catalogue limits).
    """
    warnings: list[str] = []
    info = refrigerant_info(fluid)
    if info is not None:
        if T_cond_K is not None and K_to_C(T_cond_K) > info["T_cond_max_C"]:
            warnings.append(Message(
                "cycle.condensing_high",
                f"{fluid.name}: condensing at {K_to_C(T_cond_K):.1f} °C is above the recommended maximum "
                f"{info['T_cond_max_C']:.1f} °C (close to the critical point {info['T_crit_C']:.1f} °C)",
                fluid=fluid.name, T_cond_C=K_to_C(T_cond_K), T_max_C=info["T_cond_max_C"], T_crit_C=info["T_crit_C"]))
        if T_discharge_K is not None and K_to_C(T_discharge_K) > info["T_discharge_max_C"]:
            warnings.append(Message(
                "cycle.discharge_high",
                f"{fluid.name}: discharge temperature {K_to_C(T_discharge_K):.1f} °C is above the usual limit "
                f"{info['T_discharge_max_C']:.0f} °C (oil and material stability); consider two stages or "
                "less suction superheat", fluid=fluid.name, T_dis_C=K_to_C(T_discharge_K),
                T_max_C=info["T_discharge_max_C"]))
    if p_evap_Pa is not None and p_evap_Pa < P_ATM_PA:
        warnings.append(Message(
            "cycle.subatmospheric",
            f"{fluid.name}: evaporating pressure {Pa_to_bar(p_evap_Pa):.3f} bar is below atmospheric "
            "(air and moisture can leak in; large suction volumes)", fluid=fluid.name, p_bar=Pa_to_bar(p_evap_Pa)))
    return warnings


def range_warnings(fluid: Fluid, states) -> list[str]:
    """Warnings for cycle states outside the range of the fluid's property model.

    CoolProp evaluates a state slightly beyond the equation of state's limits without an error
    (a R1234ze(Z) discharge at 167.7 °C although its model ends at 166.85 °C); such a state is
    extrapolated and its numbers are uncertain. One warning per state, naming it.

    Parameters
    ----------
    fluid : Fluid
    states : iterable of State

    Returns
    -------
    list of str
        Empty when every state lies within ``fluid.T_min_K``–``fluid.T_max_K`` and below
        ``fluid.p_max_Pa``.

    Examples
    --------
    >>> from heatcalc.thermo.fluids import get_fluid
    >>> range_warnings(get_fluid("R1233zd(E)"), [])
    []
    """
    out = []
    for s in states:
        name = s.label or "a state"
        if s.T_K > fluid.T_max_K or s.T_K < fluid.T_min_K:
            out.append(f"{fluid.name}: state '{name}' at {K_to_C(s.T_K):.2f} °C is outside the fluid's property "
                       f"model ({K_to_C(fluid.T_min_K):.2f} to {K_to_C(fluid.T_max_K):.2f} °C): its properties "
                       "are extrapolated and uncertain")
        if s.p_Pa > fluid.p_max_Pa:
            out.append(f"{fluid.name}: state '{name}' at {Pa_to_bar(s.p_Pa):.2f} bar is above the fluid's property "
                       f"model limit {Pa_to_bar(fluid.p_max_Pa):.1f} bar: its properties are extrapolated")
    return out


def single_stage(
    fluid: str | Fluid,
    T_evap_K: float,
    T_cond_K: float,
    superheat_K: float = 5.0,
    subcooling_K: float = 5.0,
    eta_is: float = 0.70,
    ihx_effectiveness: float = 0.0,
    eta_motor: float = 1.0,
) -> CycleResult:
    """Single-stage subcritical vapour-compression heat pump.

    States: 1 compressor suction, 2 compressor discharge, 3 condenser outlet,
    4 evaporator inlet (after the expansion valve); with an IHX also
    5 evaporator outlet and 6 liquid after the IHX.

    Parameters
    ----------
    fluid : str or Fluid
        Refrigerant (CoolProp name or ASHRAE name from the catalogue).
    T_evap_K : float
        Evaporating (dew point) temperature [K].
    T_cond_K : float
        Condensing (bubble point) temperature [K].
    superheat_K : float
        Superheat at the evaporator outlet [K] (= compressor suction without IHX).
    subcooling_K : float
        Subcooling at the condenser outlet [K].
    eta_is : float
        Isentropic efficiency of the compressor [-], in (0, 1].
    ihx_effectiveness : float
        Effectiveness of a suction-line internal heat exchanger [-], in [0, 1];
        0 means no IHX. The heat moved is ``eps * min(C_vap, C_liq) * (T3 - T5)``
        evaluated on enthalpies of both streams.
    eta_motor : float
        Motor and drive efficiency [-]; electrical COP = refrigerant COP × eta_motor
        (motor losses are not recovered into the sink).

    Returns
    -------
    CycleResult

    Raises
    ------
    InputError
        Efficiencies or temperature differences outside their range.
    PhysicalBoundsError
        Condensing not above evaporating temperature, condensing at or above the
        critical temperature, evaporating below the fluid's lowest temperature.
    FluidPropertyError
        Unknown fluid or a failed property call.

    Examples
    --------
    >>> from heatcalc.core.units import C_to_K
    >>> r = single_stage("R1233zd(E)", C_to_K(60), C_to_K(130))
    >>> round(r.cop_heating, 3)
    3.067
    """
    fl = fluid if isinstance(fluid, Fluid) else get_fluid(fluid)
    check_fraction("eta_is", eta_is)
    check_fraction("eta_motor", eta_motor)
    check_fraction("ihx_effectiveness", ihx_effectiveness, low_inclusive=True)
    check_nonneg_K("superheat_K", superheat_K)
    check_nonneg_K("subcooling_K", subcooling_K)
    check_temperatures(T_evap_K, T_cond_K)
    fl.check_saturation_T(T_evap_K, "T_evap")
    fl.check_saturation_T(T_cond_K, "T_cond")

    warnings: list[str] = []

    evap_dew = fl.state_Tq(T_evap_K, 1.0)
    p_evap = evap_dew.p_Pa
    cond_bub = fl.state_Tq(T_cond_K, 0.0)
    p_cond = cond_bub.p_Pa
    T_dew_cond_K = fl.state_pq(p_cond, 1.0).T_K

    evap_out = (fl.state_pT(p_evap, T_evap_K + superheat_K, phase="gas") if superheat_K > 0 else evap_dew)
    if subcooling_K > 0:
        T3 = fl.T_sat_p(p_cond, 0.0) - subcooling_K
        if T3 <= fl.T_min_K:
            raise out_of_range("subcooling_K", subcooling_K, "K",
                               f"below {K_to_C(cond_bub.T_K) - K_to_C(fl.T_min_K):.1f} K for {fl.name}")
        cond_out = fl.state_pT(p_cond, T3, phase="liquid")
    else:
        cond_out = cond_bub

    if ihx_effectiveness > 0:
        q_ihx = ihx_duty(fl, ihx_effectiveness, p_evap, evap_out, p_cond, cond_out, "liquid")
        suction = fl.state_ph(p_evap, evap_out.h_J_per_kg + q_ihx, "1 compressor suction")
        liquid = fl.state_ph(p_cond, cond_out.h_J_per_kg - q_ihx, "6 liquid after IHX")
    else:
        suction = evap_out.labelled("1 compressor suction")
        liquid = cond_out

    discharge, w = compression(fl, suction, p_cond, eta_is)
    warnings += w
    evap_in = fl.state_ph(p_evap, liquid.h_J_per_kg, "4 evaporator inlet")

    if evap_in.quality is None or evap_in.h_J_per_kg >= evap_out.h_J_per_kg:
        raise PhysicalBoundsError(Message(
            "cycle.lift_too_large",
            f"{fl.name}: lift from T_evap={K_to_C(T_evap_K):.1f} °C to T_cond={K_to_C(T_cond_K):.1f} °C is too "
            "large for one stage: the throttled liquid is no longer two-phase, so the evaporator can take up "
            "no heat; use more subcooling, an IHX, two stages or a cascade",
            fluid=fl.name, T_evap_C=K_to_C(T_evap_K), T_cond_C=K_to_C(T_cond_K)))
    q_cond = discharge.h_J_per_kg - cond_out.h_J_per_kg
    w_comp = discharge.h_J_per_kg - suction.h_J_per_kg
    q_evap = evap_out.h_J_per_kg - evap_in.h_J_per_kg
    cop_ref = q_cond / w_comp
    states = [suction, discharge, cond_out.labelled("3 condenser outlet"), evap_in]
    if ihx_effectiveness > 0:
        states += [evap_out.labelled("5 evaporator outlet"), liquid]

    warnings += limit_warnings(fl, T_cond_K=T_cond_K, T_discharge_K=discharge.T_K, p_evap_Pa=p_evap)
    warnings += range_warnings(fl, states)

    return CycleResult(
        fluid=fl.name,
        topology="single_stage_ihx" if ihx_effectiveness > 0 else "single_stage",
        cop_heating=cop_ref * eta_motor,
        cop_carnot=carnot_cop(T_sink_K=T_cond_K, T_source_K=T_evap_K),
        T_evap_K=T_evap_K,
        T_cond_K=T_cond_K,
        p_evap_Pa=p_evap,
        p_cond_Pa=p_cond,
        T_discharge_K=discharge.T_K,
        discharge_superheat_K=discharge.T_K - T_dew_cond_K,
        q_cond_J_per_kg=q_cond,
        q_evap_J_per_kg=q_evap,
        w_comp_J_per_kg=w_comp,
        vhc_J_per_m3=q_cond * suction.rho_kg_per_m3,
        states=states,
        warnings=warnings,
        eta_motor=eta_motor,
    )
