"""Energy models of every option for one case: baseline, heat pump, MVR,
steam-generating heat pump, e-boiler, hybrid boiler, electric and hybrid kilns.

Each function takes a validated :class:`~heatcalc.case.Case` and returns an
:class:`~heatcalc.flows.EnergyFlows` — ``status = "infeasible"`` with the reason
when the option does not apply or cannot work, never ``None``. Money is added
later by :mod:`heatcalc.economics`.

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

from functools import lru_cache

from . import emissions
from .case import Case
from .data import read_csv
from .errors import TariffDataError
from .flows import EnergyFlows
from .units import GJ_to_MWh, gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV, kWh_to_MWh


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
        self.co2_grid_credit_t = -emissions.co2_grid_t(self.E_el_gen_MWh, grid_factor(case))


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
        co2_grid_t_per_yr=emissions.co2_grid_t(E_el, grid_factor(case)) + (backup.co2_grid_credit_t
                                                                           if backup.E_el_gen_MWh else 0.0),
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
                           message="gas-fired kiln/furnace")
    part = _BaselinePart(case, case.heat_demand_kW)
    msg = "gas boiler" if case.baseline == "gas_boiler" else (
        f"gas CHP (thermal efficiency {case.eta_baseline:.2f}, electrical {chp_eta_el(case):.2f} LHV): "
        f"makes {part.E_el_gen_MWh:,.0f} MWh/yr of power that an electric option must buy")
    return EnergyFlows(
        option="baseline", technology=case.baseline, heat_delivered_MWh_per_yr=heat_MWh_per_yr(case),
        E_el_MWh_per_yr=-part.E_el_gen_MWh if part.E_el_gen_MWh else 0.0,
        co2_grid_t_per_yr=part.co2_grid_credit_t if part.E_el_gen_MWh else 0.0, cop=case.eta_baseline,
        message=msg, details={"P_el_chp_kW": part.P_el_gen_kW}, **part.gas)


# ---------------------------------------------------------------------------------------
# boilers
def e_boiler(case: Case) -> EnergyFlows:
    """Electrode boiler for the whole demand (efficiency from data, about 99 %)."""
    if case.process not in ("heat", "dryer"):
        return infeasible("e_boiler", "e_boiler", f"e_boiler applies to process heat, not to {case.process}")
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
    """E-boiler next to the existing gas plant at a fixed electric share of the heat.

    For the annual screening the e-boiler is sized to carry its share continuously
    (``P_el = share × Q / eta``); the hourly simulation instead switches a larger
    e-boiler by price and grid room.
    """
    if case.process not in ("heat", "dryer"):
        return infeasible("hybrid_boiler", "hybrid_boiler",
                          f"hybrid_boiler applies to process heat, not to {case.process}")
    eb = e_boiler(case)
    if not eb.ok:
        return infeasible("hybrid_boiler", "hybrid_boiler", eb.message)
    share = hybrid_share(case, "hybrid_boiler_electric_share")
    eta = figure("e_boiler_efficiency")
    q_el = share * case.heat_demand_kW
    return _electric_option(case, "hybrid_boiler", "hybrid_boiler", heat_el_kW=q_el, P_el_own_kW=q_el / eta,
                            cop=eta, capacity_kW_th=q_el,
                            message=f"electric share {share:.0%} of the heat; the rest from the {case.baseline}",
                            details={"electric_share": share})


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


def _kiln_option(case: Case, option: str, share: float) -> EnergyFlows:
    fuel_LHV, process_co2, product = _kiln_energy(case)
    ratio = figure("lime_electric_to_fuel_energy_ratio" if case.process == "lime_kiln"
                   else "glass_electric_to_fuel_energy_ratio")
    E_el = fuel_LHV * share * ratio
    P_el = E_el * 1000.0 / case.operating_hours_per_yr
    gas = _gas_flows(fuel_LHV * (1.0 - share))
    warnings = []
    if case.process == "lime_kiln":
        warnings.append(
            f"calcination CO2 stays: {process_co2:,.0f} t/yr ({emissions.calcination_t_per_t_CaO()} t CO2/t CaO) "
            "whatever the fuel; a sugar factory uses the kiln CO2 for juice purification (carbonatation), so "
            "capture or supply of that CO2 must be kept")
    return EnergyFlows(
        option=option, technology=option, status="ok", heat_delivered_MWh_per_yr=fuel_LHV,
        heat_backup_MWh_per_yr=fuel_LHV * (1 - share), capacity_kW_th=P_el, P_el_kW=P_el, E_el_MWh_per_yr=E_el,
        co2_process_t_per_yr=process_co2, co2_grid_t_per_yr=emissions.co2_grid_t(E_el, grid_factor(case)),
        cop=None, warnings=warnings,
        message=f"{share:.0%} of the {product} energy electric ({ratio:g} GJ electricity per GJ fuel replaced)",
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
