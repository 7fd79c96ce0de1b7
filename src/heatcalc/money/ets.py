"""EU ETS scope: whether a site is an ETS installation (Directive 2003/87/EC, Annex I).

The CO2 cost per tonne that follows from it is :func:`heatcalc.money.tariffs.co2_cost_EUR_per_t`.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

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


def co2_cost_EUR(scope1_t, ets_price_EUR_per_t, levy_rate_EUR_per_t: float, levy_share: float,
                 ets_installation: bool, dispensation_t: float | None = None):
    """CO2 cost of a year's direct (scope 1) emissions [EUR/yr] (vectorised).

    EU ETS installation: every tonne at the allowance price, plus the Dutch CO2 levy for industry
    net of the ETS price (max(levy rate − ETS price, 0)) on the tonnes above the installation's
    dispensation rights (``dispensation_t``, NEa's yearly dispensatierechten); without them, on the
    data's share of the tonnes (``co2_levy_share_above_dispensation``). Not under ETS: 0.

    References
    ----------
    Wet CO2-heffing industrie (NEa, S21/S22); Belastingplan 2026 (S214): 78.67 EUR/t for ETS1
    installations 2026-2030.
    """
    s = np.asarray(scope1_t, dtype=float)
    if not ets_installation:
        out = 0.0 * s
    else:
        net = np.maximum(np.asarray(levy_rate_EUR_per_t, dtype=float) - np.asarray(ets_price_EUR_per_t, float), 0.0)
        above = levy_share * s if dispensation_t is None else np.maximum(s - float(dispensation_t), 0.0)
        out = s * ets_price_EUR_per_t + net * above
    return float(out) if np.ndim(out) == 0 else out


def ets2_note(case, base, year: int, ets_installation: bool, start_year: float | None) -> Message | str:
    """A note for a site outside ETS1: from ETS2's start its fuel is priced too (not in a year before it)."""
    if ets_installation or start_year is None:
        return ""
    return Message("ets.ets2_later",
                   f"EU ETS2 prices the fuel of sites outside ETS1 from {start_year:.0f} (Directive (EU) 2023/959, "
                   f"start moved to {start_year:.0f}); tariff year {year} is before it, so no ETS2 cost is counted. "
                   "From then each tonne of gas CO2 the option saves also saves the ETS2 allowance price; no ETS2 "
                   "price path is in the data (its 45 EUR/t of 2020 is a trigger of the market stability reserve, "
                   "not a price)", start_year=start_year, year=year) if year < start_year else ""


def co2_rule_notes(model) -> list[Message | str]:
    """Notes of a site-bill model on the CO2 levy's dispensation rights and on ETS2."""
    from heatcalc.core.errors import TariffDataError
    from heatcalc.money import tariffs

    out = []
    p_co2 = float(model.p["co2_price_EUR_per_t"])
    if model.ets:
        net = max(float(model.levy_rate) - p_co2, 0.0)
        if model.dispensation_t is not None:
            out.append(Message("co2.levy_above_dispensation",
                               f"CO2 levy {model.levy_rate:g} EUR/t, net of the ETS price {net:,.2f} EUR/t, on the "
                               f"tonnes above the dispensation rights of {float(model.dispensation_t):,.0f} t/yr",
                               rate=float(model.levy_rate), net=net, dispensation_t=float(model.dispensation_t)))
        elif net > 0 and model.levy_share <= 0:
            out.append(Message("co2.levy_needs_dispensation",
                               f"CO2 levy (net {net:,.2f} EUR/t above the ETS price) not counted: the case gives no "
                               "dispensation rights, and most installations emit below them, so no levy saving is "
                               "assumed; give co2_dispensation_t_per_yr (the installation's dispensation rights from "
                               "the NEa) to count the levy on the tonnes above them (0: on every tonne)", net=net))
        elif net > 0:
            out.append(Message("co2.levy_share",
                               f"CO2 levy: net {net:,.2f} EUR/t counted on {model.levy_share:.0%} of the direct "
                               "emissions (data assumption co2_levy_share_above_dispensation); give "
                               "co2_dispensation_t_per_yr (the installation's dispensation rights from the NEa) to "
                               "count it only above them", net=net, share=float(model.levy_share)))
    else:
        try:
            start = float(tariffs.price_row("ets2_start_year", None, data_dir=model.dd)["value"])
        except TariffDataError:
            start = None
        out.append(ets2_note(model.case, model.base, int(model.year), False, start))
    return out


def free_allocation_note(case, ets_installation: bool) -> Message | str:
    """The note on EU ETS free allocation: what the case's ``ets_free_allocation_t_per_yr`` and
    ``ets_allocation_lost`` mean for the CO2 saving (docs/methods.md, "EU ETS free allocation").

    Free allocation is set per sub-installation from benchmarks × historic activity levels
    (Delegated Regulation (EU) 2019/331) and adjusted only when the activity level changes by more
    than 15 % (Implementing Regulation (EU) 2019/1842). It is therefore a fixed amount, not a
    discount on each tonne: every tonne the option saves is worth the full allowance price. Only
    when the option's lower activity ends the allocation (``ets_allocation_lost``) is the value of
    the lost allowances a cost of the option.
    """
    if not ets_installation:
        return ""
    t = getattr(case, "ets_free_allocation_t_per_yr", None)
    if not t:
        return Message("ets.free_allocation_none",
                       "EU ETS free allocation: none assumed (ets_free_allocation_t_per_yr not given); it is fixed "
                       "from historic activity levels and does not change the value of a tonne saved, which is "
                       "counted at the full allowance price")
    if getattr(case, "ets_allocation_lost", False):
        return Message("ets.free_allocation_lost",
                       f"EU ETS free allocation of {float(t):,.0f} t/yr ends with the option (ets_allocation_lost: its "
                       "activity level falls by more than 15 %, Regulation (EU) 2019/1842): the allowances no longer "
                       "received are counted as a CO2 cost of the option at the allowance price", t=float(t))
    return Message("ets.free_allocation_kept",
                   f"EU ETS free allocation of {float(t):,.0f} t/yr taken as unchanged by the option (fixed from "
                   "historic activity levels; adjusted only when the activity level changes by more than 15 %, "
                   "Regulation (EU) 2019/1842): each tonne saved is worth the full allowance price; set "
                   "ets_allocation_lost if the option ends the allocation", t=float(t))
