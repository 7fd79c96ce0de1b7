"""Heat-pump-type options of a case: closed-cycle heat pump, MVR and the
steam-generating heat pump.

Each returns :class:`~heatcalc.flows.EnergyFlows`; an option that cannot work is
``status = "infeasible"`` with the reason (e.g. the refrigerants rejected and why).

Heat a heat pump cannot make — because ``source_heat_kW`` limits the evaporator
duty — is supplied by the baseline plant and reported as backup heat.
"""
from __future__ import annotations

from .case import Case
from .errors import HeatCalcError
from .flows import EnergyFlows
from .technologies import _electric_option, infeasible
from .units import kWh_to_MWh


def _heat_pump_flows(case: Case, option: str, *, cop: float, q_evap_per_q_cond: float, refrigerant: str | None,
                     halogen_free: bool | None, warnings: list[str], details: dict, message: str = "") -> EnergyFlows:
    """Flows of a heat pump with a given COP, limited by the available source heat."""
    Q_hp_kW = case.heat_demand_kW
    limited = ""
    if case.source_heat_kW is not None and q_evap_per_q_cond > 0:
        Q_max = case.source_heat_kW / q_evap_per_q_cond
        if Q_max < Q_hp_kW:
            Q_hp_kW = Q_max
            limited = (f"source_heat_kW={case.source_heat_kW:,.0f} kW limits the heat pump to {Q_hp_kW:,.0f} kW "
                       f"of the {case.heat_demand_kW:,.0f} kW demand; the rest comes from the {case.baseline}")
    P_el = Q_hp_kW / cop
    details = dict(details)
    details.update(Q_hp_kW=Q_hp_kW, Q_evap_kW=Q_hp_kW * q_evap_per_q_cond,
                   E_el_own_MWh_per_yr=kWh_to_MWh(P_el * case.operating_hours_per_yr))
    f = _electric_option(case, option, option, heat_el_kW=Q_hp_kW, P_el_own_kW=P_el, cop=cop,
                         capacity_kW_th=Q_hp_kW, details=details)
    f.refrigerant = refrigerant
    f.halogen_free = halogen_free
    f.warnings = list(warnings) + ([limited] if limited else [])
    f.message = "; ".join(m for m in (message, limited) if m)
    return f


def _compressor_option(case: Case, option: str, design, reason_not_applicable: str | None,
                       no_source: str) -> EnergyFlows:
    """Shared checks and flows of the compressor options, in this order: process heat,
    sink temperatures given (a dryer case may give only its demand), the option's own
    applicability (``reason_not_applicable``), a source temperature (``no_source``),
    then the design (its error becomes the infeasibility reason)."""
    if case.process not in ("heat", "dryer"):
        return infeasible(option, option, f"{option} applies to process heat, not to {case.process}")
    missing = [n for n in ("T_sink_in_C", "T_sink_out_C") if getattr(case, n) is None]
    if missing:
        return infeasible(option, option, f"{option} needs the sink temperatures: {' and '.join(missing)} [°C] "
                                          "not given")
    if reason_not_applicable:
        return infeasible(option, option, reason_not_applicable)
    if case.T_source_in_C is None:
        return infeasible(option, option, no_source)
    try:
        d = design(case)
    except HeatCalcError as exc:
        return infeasible(option, option, str(exc))
    return _heat_pump_flows(case, option, **d)


def heat_pump(case: Case) -> EnergyFlows:
    """Closed-cycle heat pump designed on the case's source and sink streams."""
    from .hp_design import design_for_case

    return _compressor_option(case, "heat_pump", design_for_case, None,
                              "heat_pump needs a waste-heat source: T_source_in_C [°C] is not given")


def mvr(case: Case) -> EnergyFlows:
    """Mechanical vapour recompression of a vapour source."""
    from .hp_design import mvr_for_case

    why = None if case.source_medium == "vapour" else (
        f"mvr needs a vapour source (evaporator or dryer exhaust vapour); source_medium={case.source_medium}: "
        "use heat_pump or steam_hp")
    return _compressor_option(case, "mvr", mvr_for_case, why,
                              "mvr needs the vapour's saturation temperature: T_source_in_C [°C]")


def steam_hp(case: Case) -> EnergyFlows:
    """Steam-generating heat pump (closed cycle + flash + optional MVR stages)."""
    from .hp_design import steam_hp_for_case

    why = None if case.sink_medium == "steam" else (
        f"steam_hp makes steam; sink_medium={case.sink_medium}: use heat_pump")
    return _compressor_option(case, "steam_hp", steam_hp_for_case, why,
                              "steam_hp needs a waste-heat source: T_source_in_C [°C]")
