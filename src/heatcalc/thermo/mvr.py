"""Mechanical vapour recompression (MVR) of water vapour and the steam-generating
heat pump (closed-cycle heat pump + flash vessel + optional MVR).

:func:`mvr` — water vapour (CoolProp ``Water``, IAPWS-95) compressed from a suction
to a discharge saturation pressure in ``n_stages`` stages of equal pressure ratio,
each with an isentropic efficiency; after each stage (intercooling) and at the end
the vapour is desuperheated to saturation by injecting liquid water. The heat
delivered is that of condensing the discharge vapour (including the injected
water, which leaves as vapour) to saturated liquid at discharge pressure.

:func:`steam_generating_hp` — a closed-cycle heat pump
(:func:`heatcalc.thermo.cycles.single_stage`) heats pressurised water that is flashed to
steam in a flash vessel; the flash steam is optionally compressed further by MVR to
the steam pressure wanted (Bless et al. 2017, configuration "flash + MVR").

All quantities are SI; figures per tonne are in kWh/t (= kW per t/h).

References
----------
Wagner, W., Pruß, A. (2002). The IAPWS formulation 1995 for the thermodynamic
properties of ordinary water substance for general and scientific use. J. Phys.
Chem. Ref. Data 31(2), 387-535. doi:10.1063/1.1461829

Bless, F., Arpagaus, C., Bertsch, S. S., Schiffmann, J. (2017). Theoretical
analysis of steam generation methods — Energy, CO2 emission, and cost analysis.
Energy 129, 114-121. doi:10.1016/j.energy.2017.04.088

Marsidi, M. (2018). Technology factsheet: Mechanical vapour recompression.
TNO/PBL, MIDDEN project (pressure ratio <= 6, typically 3; COP > 3.5 to >= 10).
"""
from __future__ import annotations

import math
from functools import lru_cache

from heatcalc.core.datafiles import read_csv
from heatcalc.core.messages import Message
from heatcalc.core.errors import InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.units import J_PER_KJ, J_per_kg_to_kWh_per_t, J_to_kJ, K_to_C, Pa_to_bar
from heatcalc.thermo.cop_models import carnot_cop
from heatcalc.thermo.cycles import (
    P_ATM_PA,
    CycleResult,
    check_fraction,
    check_nonneg_K,
    compression,
    limit_warnings,
    single_stage,
)
from heatcalc.thermo.fluids import Fluid, State, get_fluid
from heatcalc.thermo.multistage import CompositeCycleResult

#: Largest number of MVR stages accepted.
N_STAGES_MAX = 10
#: Largest flash-vessel superheat of the circulating water accepted [K].
DT_FLASH_MAX_K = 50.0
#: Rounding tolerance of temperature comparisons [K].
_T_TOL_K = 1.0e-9


@lru_cache(maxsize=1)
def mvr_limits() -> dict:
    """Pressure-ratio guide values from ``data/mvr_limits.csv`` (quantity → value [-])."""
    df = read_csv("mvr_limits.csv")
    return {q: float(v) for q, v in zip(df["quantity"], df["value"])}


def _water() -> Fluid:
    return get_fluid("Water")


def _sat_pressure(w: Fluid, T_K: float | None, p_Pa: float | None, name: str) -> tuple[float, float]:
    """Saturation (T [K], p [Pa]) from exactly one of a temperature or a pressure."""
    if (T_K is None) == (p_Pa is None):
        raise InputError(f"give exactly one of T_sat_{name}_K and p_{name}_Pa")
    if T_K is not None:
        if not math.isfinite(T_K):
            raise out_of_range(f"T_sat_{name}", T_K, "K", "a finite temperature")
        w.check_saturation_T(T_K, f"T_sat_{name}")
        return T_K, w.p_sat_T(T_K, 1.0)
    p_tr = w.p_sat_T(w.T_min_K, 1.0)
    if not (math.isfinite(p_Pa) and p_tr <= p_Pa < w.p_crit_Pa):
        raise out_of_range(f"p_{name}", Pa_to_bar(p_Pa), "bar",
                           f"{Pa_to_bar(p_tr):.5f} to {Pa_to_bar(w.p_crit_Pa):.2f} bar (saturation range of water)")
    return w.T_sat_p(p_Pa, 1.0), p_Pa


def mvr(
    T_sat_suction_K: float | None = None,
    T_sat_discharge_K: float | None = None,
    eta_is: float = 0.70,
    n_stages: int = 1,
    desuperheat: bool = True,
    superheat_in_K: float = 0.0,
    eta_motor: float = 1.0,
    *,
    p_suction_Pa: float | None = None,
    p_discharge_Pa: float | None = None,
    T_injection_K: float | None = None,
) -> CycleResult:
    """Mechanical vapour recompression of water vapour in one or more stages.

    Stage k compresses from p_(k-1) to p_k = p_s · r^k with r = (p_d/p_s)^(1/n);
    h_out,k = h_in,k + (h_s(p_k, s_in,k) − h_in,k)/η_is. With ``desuperheat`` the
    vapour leaving each stage is brought to saturated vapour h_g(p_k) by injecting
    liquid water of enthalpy h_inj,k (saturated liquid at p_k, or liquid at
    ``T_injection_K``): per kg of vapour entering the stage,
    m_inj = (h_out,k − h_g(p_k)) / (h_g(p_k) − h_inj,k); the vapour flow grows by
    m_inj. Per kg of suction vapour:

    * W = Σ m_k (h_out,k − h_in,k) (shaft work), electricity W/η_motor;
    * Q = m_n (h_n − h_f(p_d)), heat of condensing all discharge vapour (suction
      vapour plus injected water) to saturated liquid at discharge pressure;
    * COP = Q / (W/η_motor).

    Energy balance: h_suction + W + Σ m_inj,k h_inj,k = m_n h_n.

    Parameters
    ----------
    T_sat_suction_K : float, optional
        Saturation temperature at suction [K] (or give ``p_suction_Pa``).
    T_sat_discharge_K : float, optional
        Saturation temperature at discharge [K] (or give ``p_discharge_Pa``).
    eta_is : float
        Isentropic efficiency of every stage [-], in (0, 1].
    n_stages : int
        Number of stages with equal pressure ratio, 1 to 10.
    desuperheat : bool
        Inject water to saturation after every stage and at the end (default). If
        ``False`` the superheated vapour goes on to the next stage and is
        delivered superheated.
    superheat_in_K : float
        Superheat of the suction vapour [K], 0 to 100.
    eta_motor : float
        Motor and drive efficiency [-], in (0, 1].
    p_suction_Pa, p_discharge_Pa : float, optional
        Suction and discharge pressure [Pa] instead of the saturation temperatures.
    T_injection_K : float, optional
        Temperature of the injected liquid water [K]; default saturated liquid at
        each stage's discharge pressure. Must lie below the saturation temperature
        of the first stage's discharge pressure.

    Returns
    -------
    CycleResult
        ``fluid = "Water"``, ``topology = "mvr"``. Specific quantities are per kg
        of **delivered** vapour (suction vapour + injected water):
        ``q_cond = h_n − h_f(p_d)``, ``w_comp`` = shaft work, ``q_evap = q_cond −
        w_comp`` (enthalpy brought in by suction vapour and injected water,
        counted from condensate at p_d). ``T_evap_K``/``T_cond_K`` are the suction
        and discharge saturation temperatures; ``T_discharge_K`` is the last
        stage's discharge before desuperheating; ``vhc_J_per_m3`` is heat per m³
        of suction vapour. States: 1 suction, 2 last-stage discharge, 3 condensate
        (saturated liquid at p_d), 4 saturated liquid at suction pressure (the
        boiling liquid of an evaporator), then per stage k its discharge and the
        desuperheated vapour. ``extra`` (edge units): ``n_stages``,
        ``pressure_ratio_per_stage``, ``e_el_kWh_per_t_suction``,
        ``e_el_kWh_per_t_delivered``, ``q_kWh_per_t_suction``,
        ``water_injected_t_per_t_suction``, ``delivered_t_per_t_suction``,
        ``t_discharge_stages_C``, ``compressor_hint`` (``fan`` or ``turbo``),
        ``stages`` (a list of per-stage figures).

    Raises
    ------
    InputError
        Not exactly one of temperature/pressure given for suction or discharge,
        efficiencies, superheat, ``n_stages`` or ``T_injection_K`` out of range.
    PhysicalBoundsError
        Discharge not above suction pressure, or a saturation temperature outside
        water's saturation range.

    Warnings (in the result): per-stage pressure ratio above the usual limit of a
    turbo stage, overall ratio above the Dutch factsheet's 6 (Marsidi 2018),
    sub-atmospheric suction, discharge temperature above the usual limit.

    References
    ----------
    Wagner & Pruß (2002), doi:10.1063/1.1461829; Marsidi (2018) (module references).

    Examples
    --------
    >>> from heatcalc.core.units import C_to_K
    >>> r = mvr(C_to_K(100), C_to_K(112), eta_is=0.75)
    >>> round(r.cop_heating, 2), round(r.extra["e_el_kWh_per_t_suction"], 1)
    (23.47, 27.3)
    """
    w = _water()
    check_fraction("eta_is", eta_is)
    check_fraction("eta_motor", eta_motor)
    check_nonneg_K("superheat_in_K", superheat_in_K)
    if isinstance(n_stages, bool) or not isinstance(n_stages, int) or not 1 <= n_stages <= N_STAGES_MAX:
        raise out_of_range("n_stages", n_stages, "-", f"an integer from 1 to {N_STAGES_MAX}")
    T_s, p_s = _sat_pressure(w, T_sat_suction_K, p_suction_Pa, "suction")
    T_d, p_d = _sat_pressure(w, T_sat_discharge_K, p_discharge_Pa, "discharge")
    if p_d <= p_s:
        raise PhysicalBoundsError(
            f"discharge saturation {K_to_C(T_d):.2f} °C ({Pa_to_bar(p_d):.4f} bar) must be above suction "
            f"saturation {K_to_C(T_s):.2f} °C ({Pa_to_bar(p_s):.4f} bar)"
        )
    r = (p_d / p_s) ** (1.0 / n_stages)
    pressures = [p_s * r ** k for k in range(1, n_stages)] + [p_d]
    if T_injection_K is not None:
        T_first = w.T_sat_p(pressures[0], 0.0)
        if not (math.isfinite(T_injection_K) and w.T_min_K <= T_injection_K < T_first):
            raise out_of_range("T_injection", K_to_C(T_injection_K), "°C",
                               f"{K_to_C(w.T_min_K):.2f} to below {K_to_C(T_first):.2f} °C (saturation at the "
                               "first stage's discharge pressure)")

    sat_s = w.state_pq(p_s, 1.0)
    suction = (w.state_pT(p_s, T_s + superheat_in_K, phase="gas") if superheat_in_K > 0 else sat_s
               ).labelled("1 suction")
    warnings: list[str] = []
    stages: list[dict] = []
    extra_states: list[State] = []
    m = 1.0                # kg of vapour per kg of suction vapour
    W = 0.0                # shaft work per kg of suction vapour [J/kg]
    H_inj = 0.0            # enthalpy brought in by injected water per kg of suction vapour [J/kg]
    inlet = suction
    p_in = p_s
    discharge = suction
    for k, p_out in enumerate(pressures, start=1):
        discharge, wmsg = compression(w, inlet, p_out, eta_is, f"stage {k} discharge")
        warnings += [f"stage {k}: {x}" for x in wmsg]
        w_stage = m * (discharge.h_J_per_kg - inlet.h_J_per_kg)
        W += w_stage
        dm = 0.0
        out = discharge
        if desuperheat:
            sat_v = w.state_pq(p_out, 1.0, f"stage {k} desuperheated")
            h_inj = (w.state_pq(p_out, 0.0).h_J_per_kg if T_injection_K is None
                     else w.h_pT(p_out, T_injection_K, "liquid"))
            if discharge.h_J_per_kg > sat_v.h_J_per_kg:
                dm = m * (discharge.h_J_per_kg - sat_v.h_J_per_kg) / (sat_v.h_J_per_kg - h_inj)
                H_inj += dm * h_inj
                out = sat_v
        stages.append({
            "stage": k,
            "p_in_bar": Pa_to_bar(p_in),
            "p_out_bar": Pa_to_bar(p_out),
            "pressure_ratio": p_out / p_in,
            "T_sat_out_C": K_to_C(w.T_sat_p(p_out, 1.0)),
            "T_in_C": K_to_C(inlet.T_K),
            "t_discharge_C": K_to_C(discharge.T_K),
            "vapour_in_t_per_t_suction": m,
            "water_injected_t_per_t_suction": dm,
            "w_kJ_per_kg_suction": J_to_kJ(w_stage),
        })
        extra_states.append(discharge.labelled(f"{4 + len(extra_states) + 1} stage {k} discharge"))
        if out is not discharge:
            extra_states.append(out.labelled(f"{4 + len(extra_states) + 1} stage {k} desuperheated"))
        m += dm
        inlet = out
        p_in = p_out

    final = inlet
    condensate = w.state_pq(p_d, 0.0, "3 condensate")
    Q = m * (final.h_J_per_kg - condensate.h_J_per_kg)      # per kg of suction vapour
    E_el = W / eta_motor
    q_cond = Q / m
    w_comp = W / m

    lim = mvr_limits()
    if r > lim["mvr_pressure_ratio_stage_max"]:
        warnings.append(
            f"pressure ratio per stage {r:.2f} is above the usual limit of one turbo compressor stage "
            f"({lim['mvr_pressure_ratio_stage_max']:.0f}); use more stages (n_stages)"
        )
    if p_d / p_s > lim["mvr_pressure_ratio_total_max"]:
        warnings.append(
            f"overall pressure ratio {p_d / p_s:.2f} is above {lim['mvr_pressure_ratio_total_max']:.0f}, the "
            "upper end of industrial MVR (Marsidi 2018, TNO/PBL MVR factsheet)"
        )
    if not desuperheat and final.T_K > T_d:
        warnings.append(
            f"no desuperheating: the delivered vapour is superheated by {final.T_K - T_d:.1f} K "
            "(poor heat transfer in the condensing heater)"
        )
    warnings += limit_warnings(w, T_discharge_K=max(st.T_K for st in extra_states))
    if p_s < P_ATM_PA:
        warnings.append(Message(
            "mvr.vacuum", f"suction pressure {Pa_to_bar(p_s):.3f} bar is below atmospheric: vacuum operation (air "
            f"in-leakage, large suction volume {1.0 / suction.rho_kg_per_m3:.2f} m³/kg)", p_bar=Pa_to_bar(p_s),
            v_m3_per_kg=1.0 / suction.rho_kg_per_m3))

    states = [suction, discharge.labelled("2 discharge"), condensate,
              w.state_pq(p_s, 0.0, "4 liquid at suction p")] + extra_states
    return CycleResult(
        fluid=w.name,
        topology="mvr",
        cop_heating=Q / E_el,
        cop_carnot=carnot_cop(T_sink_K=T_d, T_source_K=T_s),
        T_evap_K=T_s,
        T_cond_K=T_d,
        p_evap_Pa=p_s,
        p_cond_Pa=p_d,
        T_discharge_K=discharge.T_K,
        discharge_superheat_K=discharge.T_K - T_d,
        q_cond_J_per_kg=q_cond,
        q_evap_J_per_kg=q_cond - w_comp,
        w_comp_J_per_kg=w_comp,
        vhc_J_per_m3=Q * suction.rho_kg_per_m3,
        states=states,
        warnings=warnings,
        eta_motor=eta_motor,
        extra={
            "n_stages": n_stages,
            "pressure_ratio_per_stage": r,
            "desuperheat": bool(desuperheat),
            "T_injection_C": None if T_injection_K is None else K_to_C(T_injection_K),
            "e_el_kWh_per_t_suction": J_per_kg_to_kWh_per_t(E_el),
            "e_el_kWh_per_t_delivered": J_per_kg_to_kWh_per_t(E_el / m),
            "q_kWh_per_t_suction": J_per_kg_to_kWh_per_t(Q),
            "water_injected_t_per_t_suction": m - 1.0,
            "delivered_t_per_t_suction": m,
            "injected_enthalpy_kJ_per_kg_suction": J_to_kJ(H_inj),
            "t_discharge_stages_C": [s["t_discharge_C"] for s in stages],
            "compressor_hint": "fan" if r <= lim["mvr_pressure_ratio_fan_max"] else "turbo",
            "stages": stages,
        },
    )


def steam_generating_hp(
    fluid: str | Fluid,
    T_evap_K: float,
    T_steam_K: float,
    T_feed_K: float,
    *,
    T_flash_K: float | None = None,
    dT_flash_K: float = 5.0,
    dT_hx_K: float = 5.0,
    superheat_K: float = 5.0,
    subcooling_K: float = 5.0,
    eta_is: float = 0.70,
    ihx_effectiveness: float = 0.0,
    eta_is_mvr: float = 0.70,
    n_mvr_stages: int = 1,
    eta_motor: float = 1.0,
) -> CompositeCycleResult:
    """Steam-generating heat pump: closed-cycle heat pump + flash vessel (+ MVR).

    Configuration (Bless et al. 2017, "flash + MVR"):

    1. A flash vessel at the flash pressure p_flash = p_sat(T_flash) holds
       saturated water. Feed water (condensate return or make-up) at
       ``T_feed_K`` enters the vessel.
    2. Water circulates from the vessel through the heat pump's condenser, where
       it is heated (pressurised, without boiling) from T_flash to
       T_hot = T_flash + ``dT_flash_K``, and is throttled back into the vessel,
       where part of it flashes to saturated steam.
    3. The heat pump (:func:`heatcalc.thermo.cycles.single_stage`) condenses at
       T_cond = T_hot + ``dT_hx_K`` (the condenser is treated as isothermal on the
       refrigerant side; the water glide is only ``dT_flash_K``).
    4. If T_flash < T_steam the flash steam is compressed by :func:`mvr` to the
       steam pressure in ``n_mvr_stages`` stages, desuperheated by water taken
       from the flash vessel (saturated at p_flash).

    Per kg of delivered (saturated) steam, with m_f kg of flash steam and
    m_inj = 1 − m_f kg of injected water:

    * heat delivered Q = h_g(p_steam) − h_feed (the duty a steam boiler would supply);
    * heat-pump condenser duty Q_hp = m_f (h_g(p_flash) − h_feed) + m_inj (h_f(p_flash) − h_feed);
    * W = Q_hp / COP_hp,shaft + m_f W_mvr + W_pump, with W_pump the (tiny) work of
      pumping the injection water from p_flash to the stage pressures;
      Q = Q_hp + m_f W_mvr + W_pump exactly;
    * COP = Q / W · η_motor.

    Parameters
    ----------
    fluid : str or Fluid
        Heat-pump refrigerant.
    T_evap_K : float
        Evaporating (dew) temperature of the heat pump [K].
    T_steam_K : float
        Saturation temperature of the steam delivered [K].
    T_feed_K : float
        Feed-water temperature [K], below the flash temperature.
    T_flash_K : float, optional
        Saturation temperature in the flash vessel [K]; default ``T_steam_K`` (no
        MVR). Must not exceed ``T_steam_K``.
    dT_flash_K : float
        Heating of the circulating water above T_flash [K], 0.1 to 50.
    dT_hx_K : float
        Approach of the heat-pump condenser: T_cond − T_hot [K], 0 to 100.
    superheat_K, subcooling_K, eta_is, ihx_effectiveness : float
        Heat-pump cycle parameters, as in :func:`heatcalc.thermo.cycles.single_stage`.
    eta_is_mvr : float
        Isentropic efficiency of the MVR stages [-].
    n_mvr_stages : int
        Number of MVR stages (when T_flash < T_steam).
    eta_motor : float
        Motor and drive efficiency of all compressors [-].

    Returns
    -------
    CompositeCycleResult
        ``topology = "steam_hp"``, ``fluid`` = refrigerant; specific quantities per
        kg of delivered steam (``q_cond`` = heat delivered, ``w_comp`` = all shaft
        work, ``q_evap`` = heat from the source). ``T_cond_K``/``p_cond_Pa``,
        ``T_discharge_K``, ``states`` and ``vhc_J_per_m3`` (heat delivered per m³
        of heat-pump suction gas) are those of the heat pump. ``parts``:
        ``heat_pump`` and, with MVR, ``mvr``. ``extra``: ``T_steam_C``,
        ``p_steam_bar``, ``T_flash_C``, ``p_flash_bar``, ``T_water_hot_C``,
        ``T_feed_C``, ``circulation_t_per_t_steam``,
        ``refrigerant_t_per_t_steam``, ``flash_steam_t_per_t_steam``,
        ``water_injected_t_per_t_steam``, ``cop_hp``, ``cop_mvr``,
        ``e_el_kWh_per_t_steam``, ``w_hp_kJ_per_kg_steam``,
        ``w_mvr_kJ_per_kg_steam``, ``q_hp_kJ_per_kg_steam``.

    Raises
    ------
    InputError
        Parameters outside their ranges.
    PhysicalBoundsError
        T_flash above T_steam, feed water not below T_flash, heat-pump
        temperatures impossible for the refrigerant (e.g. condensing above its
        critical temperature), or a lift too large for one stage.
    FluidPropertyError
        Unknown fluid or a failed property call.

    References
    ----------
    Bless et al. (2017), doi:10.1016/j.energy.2017.04.088.
    """
    w = _water()
    for name, v in (("T_evap", T_evap_K), ("T_steam", T_steam_K), ("T_feed", T_feed_K)):
        if not math.isfinite(v):
            raise out_of_range(name, v, "K", "a finite temperature")
    check_fraction("eta_motor", eta_motor)
    check_nonneg_K("dT_hx_K", dT_hx_K)
    if not (math.isfinite(dT_flash_K) and 0.1 <= dT_flash_K <= DT_FLASH_MAX_K):
        raise out_of_range("dT_flash_K", dT_flash_K, "K", f"0.1 to {DT_FLASH_MAX_K:.0f} K")
    w.check_saturation_T(T_steam_K, "T_steam")
    T_flash = T_steam_K if T_flash_K is None else T_flash_K
    if not math.isfinite(T_flash):
        raise out_of_range("T_flash", T_flash, "K", "a finite temperature")
    w.check_saturation_T(T_flash, "T_flash")
    if T_flash > T_steam_K:
        raise PhysicalBoundsError(
            f"T_flash={K_to_C(T_flash):.2f} °C must not be above T_steam={K_to_C(T_steam_K):.2f} °C"
        )
    if not (w.T_min_K <= T_feed_K < T_flash):
        raise PhysicalBoundsError(
            f"T_feed={K_to_C(T_feed_K):.2f} °C must lie from {K_to_C(w.T_min_K):.2f} °C to below "
            f"T_flash={K_to_C(T_flash):.2f} °C (warmer feed water would flash on entering the vessel)"
        )
    T_hot = T_flash + dT_flash_K
    T_cond = T_hot + dT_hx_K
    hp = single_stage(fluid, T_evap_K, T_cond, superheat_K, subcooling_K, eta_is,
                      ihx_effectiveness=ihx_effectiveness, eta_motor=eta_motor)

    p_flash = w.p_sat_T(T_flash, 1.0)
    p_steam = w.p_sat_T(T_steam_K, 1.0)
    h_g_flash = w.state_pq(p_flash, 1.0).h_J_per_kg
    h_f_flash = w.state_pq(p_flash, 0.0).h_J_per_kg
    h_feed = w.h_pT(p_flash, T_feed_K, "liquid")
    h_hot = w.state_Tq(T_hot, 0.0).h_J_per_kg   # pressurised water at T_hot (compressed-liquid effect neglected)
    h_steam = w.state_pq(p_steam, 1.0).h_J_per_kg

    mv: CycleResult | None = None
    if T_flash < T_steam_K:
        mv = mvr(p_suction_Pa=p_flash, p_discharge_Pa=p_steam, eta_is=eta_is_mvr, n_stages=n_mvr_stages,
                 desuperheat=True, eta_motor=eta_motor, T_injection_K=T_flash)
        m_flash = 1.0 / mv.extra["delivered_t_per_t_suction"]
        w_mvr = mv.w_comp_J_per_kg   # per kg delivered steam
        # Injection water: saturated liquid from the flash vessel, pumped to each stage's pressure.
        H_inj = m_flash * mv.extra["injected_enthalpy_kJ_per_kg_suction"] * J_PER_KJ
    else:
        m_flash, w_mvr, H_inj = 1.0, 0.0, 0.0
    m_inj = 1.0 - m_flash
    w_pump = H_inj - m_inj * h_f_flash
    q_hp = m_flash * (h_g_flash - h_feed) + m_inj * (h_f_flash - h_feed)
    w_hp = q_hp / hp.cop_refrigerant
    q_del = h_steam - h_feed
    w_tot = w_hp + w_mvr + w_pump
    m_ref = q_hp / hp.q_cond_J_per_kg
    circulation = q_hp / (h_hot - h_f_flash)

    warnings = [x.prefixed("heat pump") if isinstance(x, Message) else f"heat pump: {x}" for x in hp.warnings]
    if mv is not None:
        warnings += [f"MVR: {x}" for x in mv.warnings]
    T_liquid_out = hp.states[2].T_K
    if T_liquid_out - T_flash < dT_hx_K - _T_TOL_K:
        warnings.append(
            f"heat pump: the subcooled refrigerant leaves the condenser at {K_to_C(T_liquid_out):.1f} °C, less "
            f"than dT_hx_K={dT_hx_K} K above the circulating water entering at {K_to_C(T_flash):.1f} °C; "
            "reduce the subcooling"
        )
    parts = {"heat_pump": hp}
    if mv is not None:
        parts["mvr"] = mv
    return CompositeCycleResult(
        fluid=hp.fluid,
        topology="steam_hp",
        cop_heating=q_del / w_tot * eta_motor,
        cop_carnot=carnot_cop(T_sink_K=T_steam_K, T_source_K=T_evap_K),
        T_evap_K=T_evap_K,
        T_cond_K=T_cond,
        p_evap_Pa=hp.p_evap_Pa,
        p_cond_Pa=hp.p_cond_Pa,
        T_discharge_K=hp.T_discharge_K,
        discharge_superheat_K=hp.discharge_superheat_K,
        q_cond_J_per_kg=q_del,
        q_evap_J_per_kg=m_ref * hp.q_evap_J_per_kg,
        w_comp_J_per_kg=w_tot,
        vhc_J_per_m3=q_del * hp.states[0].rho_kg_per_m3 / m_ref,
        states=list(hp.states),
        warnings=warnings,
        eta_motor=eta_motor,
        extra={
            "T_steam_C": K_to_C(T_steam_K),
            "p_steam_bar": Pa_to_bar(p_steam),
            "T_flash_C": K_to_C(T_flash),
            "p_flash_bar": Pa_to_bar(p_flash),
            "T_water_hot_C": K_to_C(T_hot),
            "T_feed_C": K_to_C(T_feed_K),
            "circulation_t_per_t_steam": circulation,
            "refrigerant_t_per_t_steam": m_ref,
            "flash_steam_t_per_t_steam": m_flash,
            "water_injected_t_per_t_steam": m_inj,
            "cop_hp": hp.cop_heating,
            "cop_mvr": None if mv is None else mv.cop_heating,
            "e_el_kWh_per_t_steam": J_per_kg_to_kWh_per_t(w_tot / eta_motor),
            "w_hp_kJ_per_kg_steam": J_to_kJ(w_hp),
            "w_mvr_kJ_per_kg_steam": J_to_kJ(w_mvr),
            "w_pump_kJ_per_kg_steam": J_to_kJ(w_pump),
            "q_hp_kJ_per_kg_steam": J_to_kJ(q_hp),
        },
        parts=parts,
    )
