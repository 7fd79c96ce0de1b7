"""CO2 emission factors and the CO2 of gas, grid electricity and processes.

All factors come from ``data/emission_factors.csv`` (unit, year, source,
confidence). Natural gas: the Dutch standard factor is per GJ on **lower**
heating value; gas volumes and energies in heatcalc are on **higher** heating
value, converted in :mod:`heatcalc.core.units`.
"""
from __future__ import annotations

from functools import lru_cache

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.core.units import GAS_LHV_MJ_PER_M3, GJ_PER_MWH, gas_MWh_HHV_to_LHV

GRID_FACTORS = ("average", "average_chain", "marginal")


@lru_cache(maxsize=1)
def _factors() -> dict[str, dict]:
    df = read_csv("emission_factors.csv")
    return {r["quantity"]: r for r in df.to_dict("records")}


def factor(quantity: str) -> float:
    """Value of an emission factor from the data file, in the file's unit.

    Raises
    ------
    TariffDataError
        If the quantity is not in ``data/emission_factors.csv``.
    """
    try:
        return float(_factors()[quantity]["value"])
    except KeyError:
        raise TariffDataError(f"emission factor {quantity!r} missing in data/emission_factors.csv") from None


def factor_info(quantity: str) -> dict:
    """Full row (value, unit, year, source, confidence, notes) of a factor."""
    factor(quantity)
    return dict(_factors()[quantity])


def ef_gas_kgCO2_per_MWh_HHV() -> float:
    """Combustion CO2 of natural gas per MWh on HHV [kg CO2/MWh HHV]."""
    return factor("natural_gas_ef_lhv") * GJ_PER_MWH * gas_MWh_HHV_to_LHV(1.0)


def ef_gas_kgCO2_per_m3() -> float:
    """Combustion CO2 of natural gas per m³ (31.65 MJ/m³ LHV) [kg CO2/m³]."""
    return factor("natural_gas_ef_lhv") * GAS_LHV_MJ_PER_M3 / 1000.0


def co2_gas_t(fuel_MWh_HHV: float) -> float:
    """Combustion CO2 of natural gas [t] from its energy on HHV [MWh]."""
    return fuel_MWh_HHV * ef_gas_kgCO2_per_MWh_HHV() / 1000.0


def ef_grid_kgCO2_per_kWh(kind: str = "average") -> float:
    """Grid electricity CO2 factor [kg CO2/kWh].

    Parameters
    ----------
    kind : {"average", "average_chain", "marginal"}
        Yearly average of Dutch production, the same with chain emissions, or the
        marginal factor (gas-fired generation).

    Raises
    ------
    InputError
        For an unknown kind.
    """
    if kind not in GRID_FACTORS:
        raise InputError(f"grid_factor={kind!r} is not known; choices: {', '.join(GRID_FACTORS)}")
    return factor(f"grid_{kind}")


def co2_grid_t(E_el_MWh: float, kind: str = "average") -> float:
    """CO2 of grid electricity [t] from energy [MWh] (kg/kWh = t/MWh)."""
    return E_el_MWh * ef_grid_kgCO2_per_kWh(kind)


def calcination_t_per_t_CaO() -> float:
    """Process CO2 of lime burning [t CO2/t CaO]."""
    return factor("calcination_CaO")


def glass_process_t_per_t() -> float:
    """Process CO2 of glass melting from carbonates [t CO2/t glass]."""
    return factor("glass_process_co2")

