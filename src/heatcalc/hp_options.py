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


def _missing_sink(case: Case, option: str) -> EnergyFlows | None:
    """Infeasible flows when the sink temperatures a compressor design needs are missing (a dryer case
    may give only its heat demand)."""
    missing = [n for n in ("T_sink_in_C", "T_sink_out_C") if getattr(case, n) is None]
    if missing:
        return infeasible(option, option, f"{option} needs the sink temperatures: {' and '.join(missing)} [°C] "
                                          "not given")
    return None


def heat_pump(case: Case) -> EnergyFlows:
    """Closed-cycle heat pump designed on the case's source and sink streams."""
    from .hp_design import design_for_case

    if case.process not in ("heat", "dryer"):
        return infeasible("heat_pump", "heat_pump", f"heat_pump applies to process heat, not to {case.process}")
    if (f := _missing_sink(case, "heat_pump")) is not None:
        return f
    if case.T_source_in_C is None:
        return infeasible("heat_pump", "heat_pump",
                          "heat_pump needs a waste-heat source: T_source_in_C [°C] is not given")
    try:
        d = design_for_case(case)
    except HeatCalcError as exc:
        return infeasible("heat_pump", "heat_pump", str(exc))
    return _heat_pump_flows(case, "heat_pump", **d)


def mvr(case: Case) -> EnergyFlows:
    """Mechanical vapour recompression of a vapour source."""
    from .hp_design import mvr_for_case

    if case.process not in ("heat", "dryer"):
        return infeasible("mvr", "mvr", f"mvr applies to process heat, not to {case.process}")
    if (f := _missing_sink(case, "mvr")) is not None:
        return f
    if case.source_medium != "vapour":
        return infeasible("mvr", "mvr",
                          f"mvr needs a vapour source (evaporator or dryer exhaust vapour); source_medium="
                          f"{case.source_medium}: use heat_pump or steam_hp")
    if case.T_source_in_C is None:
        return infeasible("mvr", "mvr", "mvr needs the vapour's saturation temperature: T_source_in_C [°C]")
    try:
        d = mvr_for_case(case)
    except HeatCalcError as exc:
        return infeasible("mvr", "mvr", str(exc))
    return _heat_pump_flows(case, "mvr", **d)


def steam_hp(case: Case) -> EnergyFlows:
    """Steam-generating heat pump (closed cycle + flash + optional MVR stages)."""
    from .hp_design import steam_hp_for_case

    if case.process not in ("heat", "dryer"):
        return infeasible("steam_hp", "steam_hp", f"steam_hp applies to process heat, not to {case.process}")
    if (f := _missing_sink(case, "steam_hp")) is not None:
        return f
    if case.sink_medium != "steam":
        return infeasible("steam_hp", "steam_hp",
                          f"steam_hp makes steam; sink_medium={case.sink_medium}: use heat_pump")
    if case.T_source_in_C is None:
        return infeasible("steam_hp", "steam_hp", "steam_hp needs a waste-heat source: T_source_in_C [°C]")
    try:
        d = steam_hp_for_case(case)
    except HeatCalcError as exc:
        return infeasible("steam_hp", "steam_hp", str(exc))
    return _heat_pump_flows(case, "steam_hp", **d)
