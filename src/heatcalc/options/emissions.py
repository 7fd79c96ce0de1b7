"""CO2 emission factors and the CO2 of gas, grid electricity and processes.

All factors come from ``data/emission_factors.csv`` (unit, year, source,
confidence). Natural gas: the Dutch standard factor is per GJ on **lower**
heating value; gas volumes and energies in heatcalc are on **higher** heating
value, converted in :mod:`heatcalc.core.units`.
"""
from __future__ import annotations

import math
from functools import lru_cache

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.core.messages import Message
from heatcalc.core.units import GAS_LHV_MJ_PER_M3, GJ_PER_MWH, gas_MWh_HHV_to_LHV

GRID_FACTORS = ("average", "average_chain", "marginal")


def _first_year(row: dict) -> int | None:
    """The first year of a row's ``year`` (validity: ``2024``, ``2022-2025``, ``2017-``), or None."""
    y = str(row.get("year") or "").strip()[:4]
    return int(y) if y.isdigit() else None


@lru_cache(maxsize=1)
def _rows() -> dict[str, list[dict]]:
    """Every row of each quantity, oldest year first (a quantity may have one row per year)."""
    out: dict[str, list[dict]] = {}
    for r in read_csv("emission_factors.csv").to_dict("records"):
        out.setdefault(r["quantity"], []).append(r)
    for rows in out.values():
        rows.sort(key=lambda r: (_first_year(r) is not None, _first_year(r) or 0))
    return out


@lru_cache(maxsize=1)
def _factors() -> dict[str, dict]:
    """The latest row of each quantity (the row used when no year is asked for)."""
    _rows.cache_clear()  # cleared together: an overlay clears this cache only
    return {q: rows[-1] for q, rows in _rows().items()}


def factor_row(quantity: str, year: int | None = None) -> dict:
    """Row of a factor for a year: the latest row whose year is not after ``year``, else the oldest
    row (a factor known only from later years); with ``year`` None the latest row.

    Raises
    ------
    TariffDataError
        If the quantity is not in ``data/emission_factors.csv``.
    """
    factor(quantity)
    rows = _rows()[quantity]
    if year is None:
        return dict(rows[-1])
    before = [r for r in rows if _first_year(r) is not None and _first_year(r) <= int(year)]
    return dict(before[-1] if before else rows[0])


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


def ef_grid_kgCO2_per_kWh(kind: str = "average", year: int | None = None) -> float:
    """Grid electricity CO2 factor [kg CO2/kWh] of a year.

    Parameters
    ----------
    kind : {"average", "average_chain", "marginal"}
        Yearly average of Dutch production, the same with chain emissions, or the
        marginal factor (gas-fired generation).
    year : int, optional
        The case's tariff year: the factor of that year, or of the latest year before it in
        the data (:func:`factor_row`); None: the latest factor in the data.

    Raises
    ------
    InputError
        For an unknown kind.
    """
    if kind not in GRID_FACTORS:
        raise InputError(f"grid_factor={kind!r} is not known; choices: {', '.join(GRID_FACTORS)}")
    return float(factor_row(f"grid_{kind}", year)["value"])


def co2_grid_t(E_el_MWh: float, kind: str = "average", year: int | None = None) -> float:
    """CO2 of grid electricity [t] from energy [MWh] (kg/kWh = t/MWh), with the factor of ``year``."""
    return E_el_MWh * ef_grid_kgCO2_per_kWh(kind, year)


def calcination_t_per_t_CaO() -> float:
    """Process CO2 of lime burning [t CO2/t CaO]."""
    return factor("calcination_CaO")


def glass_process_t_per_t() -> float:
    """Process CO2 of glass melting from carbonates [t CO2/t glass]."""
    return factor("glass_process_co2")



# -- nitrogen oxides (docs/methods.md, "Nitrogen beside CO2") --------------------------------------
#: Physical constants of the flue-gas volume (no tariff or emission figure): molar volume of an
#: ideal gas at 0 °C and 1 atm [Nm³/kmol], molar mass of CO2 [kg/kmol], N2 per O2 in air [mol/mol],
#: O2 in dry air [% by volume], O2 per C burnt for methane (CH4 + 2 O2 -> CO2 + 2 H2O) [mol/mol].
_NM3_PER_KMOL = 22.414
_M_CO2 = 44.01
_N2_PER_O2_AIR = 79.05 / 20.95
_O2_AIR_PCT = 20.95
_O2_PER_C_METHANE = 2.0

#: Combustion technologies with a NOx factor, by the plant that burns the gas.
NOX_TECHNOLOGY = {"gas_boiler": "boiler", "gas_chp": "gas_engine_chp", "gas_kiln": "kiln"}


def flue_gas_Nm3_per_GJ_LHV(o2_pct: float) -> float:
    """Dry flue-gas volume of natural gas [Nm³ per GJ LHV] at a reference O2 [% dry].

    From the carbon of the Dutch CO2 factor (``natural_gas_ef_lhv``) burnt as methane: per kmol C,
    1 kmol CO2 and 2 kmol O2 with its air nitrogen form the dry stoichiometric gas, diluted with
    air to the reference O2 (V = V0 × 20.95 / (20.95 − O2)). The methane ratio H/C = 4 is an
    approximation of natural gas (derived, confidence D).
    """
    kmol_C = factor("natural_gas_ef_lhv") / _M_CO2  # kg CO2/GJ -> kmol C/GJ
    v0 = kmol_C * (1.0 + _O2_PER_C_METHANE * _N2_PER_O2_AIR) * _NM3_PER_KMOL
    return v0 * _O2_AIR_PCT / (_O2_AIR_PCT - o2_pct)


def nox_ef_g_per_GJ_LHV(technology: str) -> tuple[float, str]:
    """NOx factor of a gas-burning plant [g NOx per GJ gas, LHV] and what it assumes.

    ``boiler``: a boiler at the Dutch emission limit (``nox_limit_gas_boiler`` at
    ``o2_reference_boiler``) times the dry flue-gas volume; ``gas_engine_chp``: the Dutch inventory
    factor with deNOx; ``kiln``: no factor in the data (NaN).
    """
    if technology == "boiler":
        limit, o2 = factor("nox_limit_gas_boiler"), factor("o2_reference_boiler")
        v = flue_gas_Nm3_per_GJ_LHV(o2)
        return limit * v / 1000.0, Message("nox.boiler", f"boiler NOx at the Dutch limit {limit:g} mg/Nm3 (dry, "
                                           f"{o2:g} % O2) x {v:,.0f} Nm3/GJ flue gas = {limit * v / 1000.0:.1f} g/GJ",
                                           limit=limit, o2=o2, flue_Nm3_per_GJ=v, ef=limit * v / 1000.0)
    if technology == "gas_engine_chp":
        ef = factor("nox_ef_gas_engine_chp")
        return ef, Message("nox.chp", f"gas-engine CHP with deNOx: {ef:g} g NOx/GJ (Dutch inventory factor)", ef=ef)
    return math.nan, Message("nox.kiln_unknown", "no NOx factor for a gas-fired kiln or furnace in the data (not "
                             "found in the sources heatcalc could read); NOx left empty")


def nox_kg(fuel_MWh_HHV: float, technology: str) -> tuple[float, str]:
    """On-site NOx [kg/yr] of gas burnt [MWh HHV] in a plant (``boiler``, ``gas_engine_chp``,
    ``kiln``), and the note on its factor. No gas, no NOx; an unknown factor gives NaN."""
    if not fuel_MWh_HHV > 0:
        return 0.0, ""
    ef, note = nox_ef_g_per_GJ_LHV(technology)
    return gas_MWh_HHV_to_LHV(fuel_MWh_HHV) * GJ_PER_MWH * ef / 1000.0, note


def flow_nox_kg(baseline: str, technology: str, fuel_MWh_HHV: float) -> tuple[float, str]:
    """On-site NOx [kg/yr] of a flow: a kiln option's gas burns in a kiln, every other option's
    gas (its backup) in the case's baseline plant ``baseline`` (``gas_boiler``, ``gas_chp``, ``gas_kiln``)."""
    plant = "kiln" if technology in ("hybrid_kiln", "electric_kiln") else NOX_TECHNOLOGY.get(baseline, "kiln")
    return nox_kg(fuel_MWh_HHV, plant)


def grid_factor_note(kind: str, year: int) -> Message | str:
    """A note when the grid CO2 factor used for the case's tariff year (the latest in the data not after
    it) is of an older year ('' otherwise)."""
    info = factor_row(f"grid_{kind}", year)
    y = str(info.get("year") or "").strip()[:4]
    if not (y.isdigit() and int(year) > int(y)):
        return ""
    return Message("co2.grid_factor_old",
                   f"grid CO2 factor {float(info['value']):g} kg/kWh ({kind}) is the {y} figure ({info['source']}), "
                   f"the latest absolute Dutch figure in the data for tariff year {year}; newer figures (CBS, "
                   "co2emissiefactoren.nl) were not in the sources read: give your own with --tariffs "
                   f"(emission_factors.csv, quantity grid_{kind})", factor=float(info["value"]), kind=kind,
                   factor_year=y, source=info["source"], year=year)
