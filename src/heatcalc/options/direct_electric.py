"""Direct electric options of a case: e-boiler, hybrid boiler, electric and hybrid kilns
(the baseline is in :mod:`heatcalc.options.baseline`, the heat pumps in
:mod:`heatcalc.options.heat_pumps`).

Each function takes a validated :class:`~heatcalc.case.Case` and returns an
:class:`~heatcalc.options.flows.EnergyFlows` — ``status = "infeasible"`` with the reason
when the option does not apply or cannot work, never ``None``. Money is added
later by :mod:`heatcalc.money`.

Conventions
-----------
* Heat is delivered at ``heat_demand_kW`` during ``operating_hours_per_yr``
  full-load hours.
* Heat an option cannot cover (a heat pump limited by ``source_heat_kW``, the gas
  share of a hybrid) is supplied by the baseline plant and reported as
  ``heat_backup_MWh_per_yr``; its fuel and CO2 are inside the option's figures.
* A gas CHP baseline makes power: its ``E_el_MWh_per_yr`` is negative and its
  grid CO2 is a credit. Any option that stops the CHP must buy that power; its
  ``P_el_kW`` includes the CHP's electrical output it replaces.
* Kilns and furnaces: ``heat_delivered_MWh_per_yr`` is the baseline's fuel energy
  (LHV) — the "useful energy equivalent" of the product output.
"""
from __future__ import annotations

from heatcalc.case import Case
from heatcalc.core.messages import Message
from heatcalc.options import emissions
from heatcalc.options.baseline import _electric_option, _gas_flows, _kiln_energy, figure, grid_factor, infeasible
from heatcalc.options.flows import EnergyFlows


# ---------------------------------------------------------------------------------------
# boilers
def e_boiler(case: Case) -> EnergyFlows:
    """Electrode boiler for the whole demand (efficiency from data, about 99 %)."""
    if case.process not in ("heat", "dryer"):
        return infeasible("e_boiler", "e_boiler", Message("option.not_process_heat", f"e_boiler applies to process "
                                                          f"heat, not to {case.process}", option="e_boiler",
                                                          process=case.process))
    eta = figure("e_boiler_efficiency")
    T_max = figure("e_boiler_max_T_C")
    if case.T_sink_out_C is not None and case.T_sink_out_C > T_max:
        return infeasible("e_boiler", "e_boiler",
                          f"T_sink_out_C={case.T_sink_out_C:g} °C is above what electrode boilers deliver "
                          f"({T_max:g} °C)")
    return _electric_option(case, "e_boiler", "e_boiler", heat_el_kW=case.heat_demand_kW,
                            P_el_own_kW=case.heat_demand_kW / eta, cop=eta, capacity_kW_th=case.heat_demand_kW)


def hybrid_share(case: Case, default_quantity: str) -> float:
    """Electric share of a hybrid: the case's ``electrified_share`` when below 1,
    otherwise the data default (a hybrid at share 1 would be the all-electric option)."""
    return case.electrified_share if case.electrified_share < 1.0 else figure(default_quantity)


def hybrid_boiler(case: Case) -> EnergyFlows:
    """E-boiler next to the existing gas plant: the electric share is ``electrified_share`` when
    given (below 1), else the largest that fits the grid room, else the data default.

    For the annual screening the e-boiler is sized to carry its share continuously
    (``P_el = share × Q / eta``); the hourly simulation instead switches a larger
    e-boiler by price and grid room.
    """
    if case.process not in ("heat", "dryer"):
        return infeasible("hybrid_boiler", "hybrid_boiler",
                          Message("option.not_process_heat", f"hybrid_boiler applies to process heat, not to "
                                  f"{case.process}", option="hybrid_boiler", process=case.process))
    eb = e_boiler(case)
    if not eb.ok:
        return infeasible("hybrid_boiler", "hybrid_boiler", eb.message)
    eta = figure("e_boiler_efficiency")
    share, why = _hybrid_boiler_share(case, eb.P_el_kW)
    q_el = share * case.heat_demand_kW
    return _electric_option(case, "hybrid_boiler", "hybrid_boiler", heat_el_kW=q_el, P_el_own_kW=q_el / eta,
                            cop=eta, capacity_kW_th=q_el,
                            message=Message("option.electric_share", f"electric share {share:.0%} of the heat; the "
                                            f"rest from the {case.baseline}", share=share, backup=case.baseline),
                            details={"electric_share": share, "electric_share_source": why})


def _hybrid_boiler_share(case: Case, P_el_all_kW: float) -> tuple[float, str]:
    """Electric share of the hybrid boiler and where it comes from: the case's ``electrified_share``
    when below 1; else the largest share whose grid load (the e-boiler's and a CHP's lost power,
    both proportional to the share; ``P_el_all_kW`` at share 1) fits ``grid_capacity_kW``; else,
    without a grid limit, the data default."""
    if case.electrified_share < 1.0:
        return case.electrified_share, "electrified_share given"
    if case.grid_capacity_kW is not None and P_el_all_kW > 0:
        return min(case.grid_limit_kW / P_el_all_kW, 1.0), "the largest share that fits grid_capacity_kW"
    return figure("hybrid_boiler_electric_share"), "data default; no grid limit given"


def _kiln_option(case: Case, option: str, share: float) -> EnergyFlows:
    fuel_LHV, process_co2, product = _kiln_energy(case)
    ratio = figure("lime_electric_to_fuel_energy_ratio" if case.process == "lime_kiln"
                   else "glass_electric_to_fuel_energy_ratio")
    E_el = fuel_LHV * share * ratio
    P_el = E_el * 1000.0 / case.operating_hours_per_yr
    gas = _gas_flows(fuel_LHV * (1.0 - share))
    warnings = []
    if case.process == "lime_kiln":
        warnings.append(Message(
            "option.calcination_co2",
            f"calcination CO2 stays: {process_co2:,.0f} t/yr ({emissions.calcination_t_per_t_CaO()} t CO2/t CaO) "
            "whatever the fuel; a sugar factory uses the kiln CO2 for juice purification (carbonatation), so "
            "capture or supply of that CO2 must be kept", co2_t=process_co2, factor=emissions.calcination_t_per_t_CaO()))
    return EnergyFlows(
        option=option, technology=option, status="ok", heat_delivered_MWh_per_yr=fuel_LHV,
        heat_backup_MWh_per_yr=fuel_LHV * (1 - share), capacity_kW_th=P_el, P_el_kW=P_el, E_el_MWh_per_yr=E_el,
        co2_process_t_per_yr=process_co2,
        co2_grid_t_per_yr=emissions.co2_grid_t(E_el, grid_factor(case), case.tariff_year),  # the year's factor
        cop=None, warnings=warnings,
        message=Message("option.kiln_share", f"{share:.0%} of the {product} energy electric ({ratio:g} GJ "
                        "electricity per GJ fuel replaced)", share=share, product=product, ratio=ratio),
        details={"electric_share": share, "electric_to_fuel_energy_ratio": ratio}, **gas)


def electric_kiln(case: Case) -> EnergyFlows:
    """All-electric kiln or furnace (process CO2 remains)."""
    if case.process not in ("lime_kiln", "glass_furnace"):
        return infeasible("electric_kiln", "electric_kiln",
                          f"electric_kiln applies to lime_kiln or glass_furnace, not to {case.process}")
    return _kiln_option(case, "electric_kiln", 1.0)


def hybrid_kiln(case: Case) -> EnergyFlows:
    """Hybrid kiln or furnace: ``electrified_share`` electric (below 1), else the data
    default (Isover Etten-Leur hybrid furnace: 50 %)."""
    if case.process not in ("lime_kiln", "glass_furnace"):
        return infeasible("hybrid_kiln", "hybrid_kiln",
                          f"hybrid_kiln applies to lime_kiln or glass_furnace, not to {case.process}")
    return _kiln_option(case, "hybrid_kiln", hybrid_share(case, "hybrid_kiln_electric_share"))
