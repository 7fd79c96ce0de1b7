"""EU ETS scope: whether a site is an ETS installation (Directive 2003/87/EC, Annex I).

The CO2 cost per tonne that follows from it is :func:`heatcalc.money.tariffs.co2_cost_EUR_per_t`.
"""
from __future__ import annotations

from functools import lru_cache

from heatcalc.core.datafiles import read_csv
from heatcalc.core.messages import Message
from heatcalc.core.units import gas_MWh_HHV_to_LHV


@lru_cache(maxsize=1)
def _ets_thresholds() -> dict[str, float]:
    df = read_csv("ets_scope.csv")
    return {str(r.quantity): float(r.value) for r in df.itertuples()}


def ets_scope(case, base) -> tuple[bool, str]:
    """Whether the site is an EU ETS installation, and the note that says why.

    The case's ``ets_installation`` wins. Without it the site is an ETS installation when its
    total rated thermal input exceeds the Annex I threshold (20 MW; ``site_thermal_input_MW``,
    else the baseline plant's fuel rate at lower heating value), or when a lime kiln or glass
    furnace exceeds its production-capacity threshold (50 and 20 t/day).

    Parameters
    ----------
    case : Case
    base : EnergyFlows or any object with ``fuel_MWh_per_yr``
        The case's baseline (its fuel use sets the thermal input when the case gives none).

    Returns
    -------
    (bool, str)
        ``ets_installation`` and a note (empty when the case said it).

    References
    ----------
    Directive 2003/87/EC, Annex I, as replaced by Directive 2009/29/EC (``data/ets_scope.csv``).
    """
    if case.ets_installation is not None:
        return bool(case.ets_installation), ""
    th = _ets_thresholds()
    limit = th["combustion_threshold_MW"]
    hours = float(case.operating_hours_per_yr)
    if case.site_thermal_input_MW is not None:
        q_MW, what = float(case.site_thermal_input_MW), "site_thermal_input_MW"
    else:
        q_MW = gas_MWh_HHV_to_LHV(max(float(base.fuel_MWh_per_yr), 0.0)) / hours
        what = Message("ets.basis_baseline", "the baseline plant's fuel rate at LHV, as site_thermal_input_MW is not "
                       "given")
    reasons = []
    if q_MW > limit:
        reasons.append(Message("ets.reason_thermal", f"rated thermal input {q_MW:,.1f} MW ({what}) exceeds {limit:g} MW",
                               q_MW=q_MW, basis=what, limit_MW=limit))
    cap_key = {"lime_kiln": "lime_capacity_threshold_t_per_day",
               "glass_furnace": "glass_capacity_threshold_t_per_day"}.get(case.process)
    per_day = None
    if cap_key and case.production_t_per_yr is not None:
        per_day = float(case.production_t_per_yr) * 24.0 / hours
        if per_day > th[cap_key]:
            reasons.append(Message("ets.reason_capacity", f"production capacity {per_day:,.0f} t/day exceeds "
                                   f"{th[cap_key]:g} t/day", per_day=per_day, limit=th[cap_key]))
    if reasons:
        return True, Message("ets.derived_in", "ets_installation derived: an EU ETS installation (" + "; ".join(reasons)
                             + ", Directive 2003/87/EC Annex I); set ets_installation to override", reasons=reasons)
    cap = (Message("ets.capacity_part", f", production capacity {per_day:,.0f} t/day", per_day=per_day)
           if per_day is not None else "")
    return False, Message("ets.derived_out", f"ets_installation derived: not an EU ETS installation (rated thermal "
                          f"input {q_MW:,.1f} MW from {what}, threshold {limit:g} MW{cap}). Set "
                          "ets_installation=true or site_thermal_input_MW if the site has more combustion units",
                          q_MW=q_MW, basis=what, limit_MW=limit, capacity=cap)
