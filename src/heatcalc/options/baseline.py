"""The site's baseline (gas boiler, gas CHP, gas kiln or furnace) and the pieces every
option shares: process figures from ``data/process_figures.csv``, heat per year, grid CO2 factor.
"""
from __future__ import annotations

from functools import lru_cache

from heatcalc.case import Case
from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import TariffDataError
from heatcalc.core.messages import Message
from heatcalc.core.units import GJ_to_MWh, gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV, kWh_to_MWh
from heatcalc.options import emissions
from heatcalc.options.flows import EnergyFlows


@lru_cache(maxsize=1)
def _figures() -> dict[str, float]:
    df = read_csv("process_figures.csv")
    return {r["quantity"]: float(r["value"]) for r in df.to_dict("records")}


def figure(quantity: str) -> float:
    """A default from ``data/process_figures.csv`` (unit as in the file).

    Raises
    ------
    TariffDataError
        If the quantity is missing.
    """
    try:
        return _figures()[quantity]
    except KeyError:
        raise TariffDataError(f"{quantity!r} missing in data/process_figures.csv") from None


# ---------------------------------------------------------------------------------------
# helpers
def heat_MWh_per_yr(case: Case, heat_kW: float | None = None) -> float:
    """Heat over a year at full load [MWh/yr] for ``heat_kW`` (default the demand)."""
    q = case.heat_demand_kW if heat_kW is None else heat_kW
    return kWh_to_MWh(q * case.operating_hours_per_yr)


def infeasible(option: str, technology: str, message: str, **details) -> EnergyFlows:
    """An infeasible option with its reason."""
    return EnergyFlows(option=option, technology=technology, status="infeasible", message=message, details=details)


def _gas_flows(fuel_MWh_LHV: float) -> dict:
    fuel_HHV = gas_MWh_LHV_to_HHV(fuel_MWh_LHV)
    return {
        "fuel_MWh_per_yr": fuel_HHV,
        "gas_m3_per_yr": gas_MWh_HHV_to_m3(fuel_HHV),
        "co2_fuel_t_per_yr": emissions.co2_gas_t(fuel_HHV),
    }


def chp_eta_el(case: Case) -> float:
    """Electrical efficiency (LHV) of a CHP baseline [-]: the case's ``chp_eta_el`` or the data default."""
    return case.chp_eta_el if case.chp_eta_el is not None else figure("chp_eta_el")


class _BaselinePart:
    """Fuel, CO2 and (for CHP) power of the baseline plant supplying ``heat_kW``."""

    def __init__(self, case: Case, heat_kW: float):
        self.heat_kW = heat_kW
        heat = heat_MWh_per_yr(case, heat_kW)
        fuel_LHV = heat / case.eta_baseline
        self.gas = _gas_flows(fuel_LHV)
        self.E_el_gen_MWh = fuel_LHV * chp_eta_el(case) if case.baseline == "gas_chp" else 0.0
        self.P_el_gen_kW = heat_kW / case.eta_baseline * chp_eta_el(case) if case.baseline == "gas_chp" else 0.0
        self.co2_grid_credit_t = -emissions.co2_grid_t(self.E_el_gen_MWh, grid_factor(case), case.tariff_year)


def grid_factor(case: Case) -> str:
    """Grid CO2 factor kind of the case (``average`` yearly mix by default)."""
    return case.grid_factor


def _electric_option(case: Case, option: str, technology: str, *, heat_el_kW: float, P_el_own_kW: float,
                     cop: float | None, capacity_kW_th: float, **extra) -> EnergyFlows:
    """Flows of an electric option covering ``heat_el_kW``; the rest comes from the baseline."""
    full = _BaselinePart(case, case.heat_demand_kW)
    backup_kW = max(case.heat_demand_kW - heat_el_kW, 0.0)
    backup = _BaselinePart(case, backup_kW)
    E_el = kWh_to_MWh(P_el_own_kW * case.operating_hours_per_yr)
    P_chp_replaced = full.P_el_gen_kW - backup.P_el_gen_kW
    details = dict(extra.pop("details", {}))
    details.update(P_el_own_kW=P_el_own_kW, E_el_own_MWh_per_yr=E_el, P_el_chp_replaced_kW=P_chp_replaced)
    return EnergyFlows(
        option=option, technology=technology, status="ok",
        heat_delivered_MWh_per_yr=heat_MWh_per_yr(case),
        heat_backup_MWh_per_yr=heat_MWh_per_yr(case, backup_kW),
        capacity_kW_th=capacity_kW_th,
        P_el_kW=P_el_own_kW + P_chp_replaced,
        E_el_MWh_per_yr=E_el - backup.E_el_gen_MWh,
        co2_grid_t_per_yr=emissions.co2_grid_t(E_el, grid_factor(case), case.tariff_year)  # the year's factor
        + (backup.co2_grid_credit_t if backup.E_el_gen_MWh else 0.0),
        cop=cop, details=details, **backup.gas, **extra,
    )


# ---------------------------------------------------------------------------------------
# baseline
def baseline(case: Case) -> EnergyFlows:
    """The existing gas-fired supply: boiler, CHP or kiln.

    Gas boiler: fuel (LHV) = heat / eta_baseline. Gas CHP: eta_baseline is its
    thermal efficiency; it also makes fuel × ``chp_eta_el`` of power, which the site
    would otherwise buy (negative ``E_el_MWh_per_yr``, grid CO2 credit). Gas kiln:
    fuel = production × specific energy (LHV), plus process CO2.
    """
    if case.process in ("lime_kiln", "glass_furnace"):
        fuel_LHV, process_co2, _ = _kiln_energy(case)
        return EnergyFlows(option="baseline", technology="gas_kiln", heat_delivered_MWh_per_yr=fuel_LHV,
                           co2_process_t_per_yr=process_co2, cop=None, **_gas_flows(fuel_LHV),
                           message=Message("baseline.gas_kiln", "gas-fired kiln/furnace"))
    part = _BaselinePart(case, case.heat_demand_kW)
    msg = Message("baseline.gas_boiler", "gas boiler") if case.baseline == "gas_boiler" else Message(
        "baseline.gas_chp", f"gas CHP (thermal efficiency {case.eta_baseline:.2f}, electrical {chp_eta_el(case):.2f} "
        f"LHV): makes {part.E_el_gen_MWh:,.0f} MWh/yr of power that an electric option must buy",
        eta_th=case.eta_baseline, eta_el=chp_eta_el(case), E_el_MWh=part.E_el_gen_MWh)
    return EnergyFlows(
        option="baseline", technology=case.baseline, heat_delivered_MWh_per_yr=heat_MWh_per_yr(case),
        E_el_MWh_per_yr=-part.E_el_gen_MWh if part.E_el_gen_MWh else 0.0,
        co2_grid_t_per_yr=part.co2_grid_credit_t if part.E_el_gen_MWh else 0.0, cop=case.eta_baseline,
        message=msg, details={"P_el_chp_kW": part.P_el_gen_kW}, **part.gas)


# ---------------------------------------------------------------------------------------
# kilns and furnaces
def _kiln_energy(case: Case) -> tuple[float, float, str]:
    """Fuel (LHV) [MWh/yr], process CO2 [t/yr] and product name of a kiln case."""
    if case.process == "lime_kiln":
        spec = case.specific_energy_GJ_per_t or figure("lime_kiln_specific_energy")
        return (GJ_to_MWh(case.production_t_per_yr * spec),
                case.production_t_per_yr * emissions.calcination_t_per_t_CaO(), "CaO")
    spec = case.specific_energy_GJ_per_t or figure("glass_furnace_specific_energy")
    return GJ_to_MWh(case.production_t_per_yr * spec), case.production_t_per_yr * emissions.glass_process_t_per_t(), "glass"
