"""Energy flows of one option: the record the orchestrator hands to the economics.

An :class:`EnergyFlows` holds the physics of one (case, option) pair — heat,
electricity, fuel and CO2 per year, and the loads a grid connection must carry —
and nothing about money. :func:`heatcalc.money.economics.finance_case` turns a list of
them (baseline first) into the money columns of the result rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class EnergyFlows:
    """Annual energy, load and CO2 of one option at one site.

    Attributes
    ----------
    option : str
        ``baseline``, ``heat_pump``, ``mvr``, ``steam_hp``, ``e_boiler``,
        ``hybrid_boiler``, ``electric_kiln``, ``hybrid_kiln``.
    technology : str
        Cost-curve key (``gas_boiler``, ``gas_chp``, ``gas_kiln`` for baselines;
        otherwise as ``option``).
    status : str
        ``ok`` or ``infeasible``.
    message : str
        Why infeasible, or notes for an ``ok`` option.
    heat_delivered_MWh_per_yr : float
        Heat delivered to the process [MWh/yr] (kilns: useful energy equivalent,
        i.e. the baseline's fuel energy on LHV).
    heat_backup_MWh_per_yr : float
        Part of that heat still supplied by the gas baseline [MWh/yr] (heat a heat
        pump cannot cover, the gas share of a hybrid).
    capacity_kW_th : float
        Thermal size of the new equipment for CAPEX [kW] (kilns: electric input).
    P_el_kW : float
        Extra electrical load the grid connection must carry [kW] (incl. power a
        stopped CHP no longer makes).
    E_el_MWh_per_yr : float
        Electricity bought for the heat supply [MWh/yr]; negative for a gas CHP
        baseline (power it makes).
    fuel_MWh_per_yr : float
        Natural gas burnt [MWh/yr, HHV].
    gas_m3_per_yr : float
        The same gas as volume [m³/yr] (35.17 MJ/m³ HHV).
    co2_fuel_t_per_yr, co2_process_t_per_yr, co2_grid_t_per_yr : float
        CO2 from gas combustion (scope 1), from the process (calcination,
        carbonates; scope 1) and from grid electricity (scope 2; negative for CHP
        power that displaces grid power) [t/yr].
    cop : float or None
        Heating COP (heat pumps, MVR) or efficiency (boilers) [-].
    halogen_free : bool or None
        Refrigerant without halogens (SDE++ eligibility); ``None`` when no
        refrigerant.
    refrigerant : str or None
        Refrigerant used.
    warnings : list of str
        Physically possible but questionable operation.
    details : dict
        Option-specific figures (temperatures, design, rejected refrigerants ...).
    units : tuple of (str, float, float)
        ``(technology, capacity_kW, heat_MWh_per_yr)`` of each new unit when an option has
        several (the hourly run: heat pump and e-boiler); empty: one unit ``technology`` of
        ``capacity_kW_th`` delivering the heat not from the backup.
    capex_extra_EUR : float
        Investment not on a cost curve, e.g. a heat store priced per kWh [EUR] (no O&M).
    monthly_peaks_kW : tuple of 12 floats or None
        Highest extra grid load of each month [kW] (the hourly run); ``None``: ``P_el_kW``
        in every month.
    commodity_el_EUR_per_yr : float or None
        Electricity bought (negative: CHP power made) priced hour by hour [EUR/yr];
        ``None``: ``E_el_MWh_per_yr`` at the case's electricity price.
    """

    option: str
    technology: str
    status: str = "ok"
    message: str = ""
    heat_delivered_MWh_per_yr: float = 0.0
    heat_backup_MWh_per_yr: float = 0.0
    capacity_kW_th: float = 0.0
    P_el_kW: float = 0.0
    E_el_MWh_per_yr: float = 0.0
    fuel_MWh_per_yr: float = 0.0
    gas_m3_per_yr: float = 0.0
    co2_fuel_t_per_yr: float = 0.0
    co2_process_t_per_yr: float = 0.0
    co2_grid_t_per_yr: float = 0.0
    cop: float | None = None
    halogen_free: bool | None = None
    refrigerant: str | None = None
    warnings: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    units: tuple = ()
    capex_extra_EUR: float = 0.0
    monthly_peaks_kW: tuple | None = None
    commodity_el_EUR_per_yr: float | None = None

    @property
    def co2_t_per_yr(self) -> float:
        """Total CO2 of the option: fuel + process + grid [t/yr]."""
        return self.co2_fuel_t_per_yr + self.co2_process_t_per_yr + self.co2_grid_t_per_yr

    @property
    def co2_scope1_t_per_yr(self) -> float:
        """Direct CO2 (fuel + process), the part under EU ETS [t/yr]."""
        return self.co2_fuel_t_per_yr + self.co2_process_t_per_yr

    @property
    def ok(self) -> bool:
        """``True`` when the option is feasible."""
        return self.status == "ok"
