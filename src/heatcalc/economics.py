"""Investment economics of each option against the baseline.

Pure functions (annuity factor, NPV, IRR, payback, LCOH, abatement cost, CAPEX
curves, subsidies) and one entry point for the orchestrator,
:func:`finance_case`, which turns the :class:`~heatcalc.flows.EnergyFlows` of a
case (baseline first) into the money columns of the result rows. Around it:
:func:`break_even` (electricity price and el/gas price ratio at which an option
ties the baseline), :func:`sensitivity` (tornado of NPV over ±20 % on the main
inputs) and :func:`monte_carlo` (P10/P50/P90 of NPV, numpy-vectorised).

Conventions (docs/methods.md, "Investment economics")
------------------------------------------------------
* Cash flows are yearly, end of year; year 0 holds the investment. Prices are
  real and held constant over ``lifetime_yr`` at the ``tariff_year`` values;
  ``discount_rate`` is real.
* OPEX of a flow = commodity + energy tax + network + CO2 + O&M [EUR/yr]. Energy
  tax and network cost are the **site's** amounts with the flow minus the site's
  amounts without any heat supply, so the difference between an option and the
  baseline is exactly the site's bill before minus after (banded tax, voltage
  level, contract and peaks).
* NPV, IRR, payback and abatement cost are incremental: option minus baseline.
* No tariff, price or rate is written here: all come from ``data/`` via
  :mod:`heatcalc.tariffs` and :mod:`heatcalc.tariffdata`. The only figures in
  this module are modelling choices: the tornado span and the Monte Carlo ranges.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

import numpy as np

from . import tariffs
from .errors import InputError, TariffDataError
from .tariffdata import records, source_text
from .units import MWh_to_kWh, kWh_to_MWh

#: Relative span of the tornado (±20 % on each main input).
TORNADO_SPAN = 0.20
#: Monte Carlo input ranges: triangular (low, mode, high) factors on the case
#: value. Modelling choices (documented in docs/methods.md), not data.
MC_RANGES = {
    "price_el": (0.70, 1.00, 1.30),
    "price_gas": (0.70, 1.00, 1.30),
    "co2_price": (0.70, 1.00, 1.30),
    "capex": (0.85, 1.00, 1.40),
    "cop": (0.90, 1.00, 1.10),
    "operating_hours": (0.85, 1.00, 1.05),
}
#: Inputs of the tornado, in the order shown when swings tie.
TORNADO_INPUTS = ("price_el", "price_gas", "co2_price", "capex", "cop", "operating_hours", "discount_rate",
                  "lifetime")
#: Search range of the break-even electricity price [EUR/MWh] (the case's valid range).
BREAK_EVEN_BRACKET_EUR_PER_MWH = (-500.0, 5000.0)
#: Hours of a (non-leap) year [h]: the site's existing contract is estimated as a
#: flat load of its other electricity use over the year.
HOURS_PER_YR = 8760.0
#: Relative NPV tolerance for accepting the closed-form break-even price [-].
BREAK_EVEN_NPV_RTOL = 1e-9
#: Search range of the IRR [-].
IRR_BRACKET = (-0.99, 10.0)

SUBSIDIES = ("eia", "veki", "sde")
_SCHEME = {"eia": "EIA", "veki": "VEKI", "sde": "SDE++"}

_MONEY_KEYS = (
    "opex_EUR_per_yr", "opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr",
    "opex_co2_EUR_per_yr", "opex_om_EUR_per_yr", "opex_saving_EUR_per_yr", "capex_EUR", "capex_equipment_EUR",
    "capex_grid_EUR", "subsidy_EUR", "subsidy_eia_EUR", "subsidy_veki_EUR", "subsidy_sde_EUR_per_yr", "npv_EUR",
    "irr", "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t", "break_even_price_el_EUR_per_MWh",
    "break_even_price_ratio_el_gas", "co2_saved_t_per_yr", "price_el_EUR_per_MWh_used",
    "price_gas_EUR_per_MWh_used", "co2_price_EUR_per_t_used", "co2_levy_net_EUR_per_t_used",
)


# =========================================================================================
# discounting
def annuity_factor(rate, years):
    """Present value of 1 EUR a year for ``years`` years, end of year [yr].

    AF = (1 − (1 + r)^−n) / r, and AF = n for r = 0. Works on arrays.

    Parameters
    ----------
    rate : float or ndarray
        Real discount rate [-], > −1.
    years : float or ndarray
        Number of years [yr].

    Examples
    --------
    >>> round(annuity_factor(0.08, 15), 4)
    8.5595
    >>> annuity_factor(0.0, 10)
    10.0
    """
    r = np.asarray(rate, dtype=float)
    n = np.asarray(years, dtype=float)
    small = np.abs(r) < 1e-12
    safe = np.where(small, 1.0, r)
    af = np.where(small, n, (1.0 - (1.0 + safe) ** (-n)) / safe)
    return float(af) if af.ndim == 0 else af


def capital_recovery_factor(rate, years):
    """Capital recovery factor CRF = 1/AF [1/yr]: annual payment of a 1 EUR loan."""
    return 1.0 / annuity_factor(rate, years)


def npv(rate: float, cash_flows: Iterable[float]) -> float:
    """Net present value of cash flows at the end of years 0, 1, 2 … [EUR].

    NPV = Σ_t CF_t / (1 + r)^t

    Parameters
    ----------
    rate : float
        Discount rate [-].
    cash_flows : sequence of float
        Cash flow of year 0 (investment, negative), 1, 2, … [EUR].

    Examples
    --------
    >>> round(npv(0.10, [-100.0, 60.0, 60.0]), 4)
    4.1322
    """
    cf = np.asarray(list(cash_flows), dtype=float)
    t = np.arange(cf.size)
    return float(np.sum(cf / (1.0 + rate) ** t))


class IRR(NamedTuple):
    """Internal rate of return [-] and, when there is none, the reason."""

    value: float
    reason: str


def irr(cash_flows: Iterable[float]) -> IRR:
    """Internal rate of return: the rate at which the NPV is zero.

    Never raises for users: when there is no IRR the value is NaN and
    ``reason`` says why (``no IRR: cash flows never change sign`` …).

    Parameters
    ----------
    cash_flows : sequence of float
        Cash flow of year 0, 1, 2, … [EUR].

    Returns
    -------
    IRR
        ``(value [-], reason)``; ``reason`` is empty for a unique IRR.

    Examples
    --------
    >>> round(irr([-100.0, 60.0, 60.0]).value, 6)
    0.130662
    >>> irr([100.0, 10.0]).reason
    'no IRR: cash flows never change sign (all positive or zero)'
    """
    cf = np.asarray(list(cash_flows), dtype=float)
    if cf.size < 2 or not np.all(np.isfinite(cf)):
        return IRR(math.nan, "no IRR: fewer than two finite cash flows")
    nz = cf[np.abs(cf) > 0]
    if nz.size == 0 or np.all(nz > 0):
        return IRR(math.nan, "no IRR: cash flows never change sign (all positive or zero)")
    if np.all(nz < 0):
        return IRR(math.nan, "no IRR: cash flows never change sign (all negative or zero): the option never pays "
                             "back")
    changes = int(np.sum(np.diff(np.sign(nz)) != 0))
    t = np.arange(cf.size)
    grid = np.concatenate([np.linspace(IRR_BRACKET[0], 0.0, 200, endpoint=False),
                           np.geomspace(1e-6, IRR_BRACKET[1], 400)])
    grid = np.concatenate([[0.0], grid])
    grid.sort()
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        vals = (cf[None, :] / (1.0 + grid[:, None]) ** t[None, :]).sum(axis=1)
    idx = np.nonzero(np.sign(vals[:-1]) * np.sign(vals[1:]) <= 0)[0]
    if idx.size == 0:
        return IRR(math.nan, f"no IRR between {IRR_BRACKET[0]:.0%} and {IRR_BRACKET[1]:.0%}")
    from scipy.optimize import brentq

    def f(r):
        return float(np.sum(cf / (1.0 + r) ** t))

    roots = []
    for i in idx:
        a, b = grid[i], grid[i + 1]
        roots.append(a if f(a) == 0 else (b if f(b) == 0 else brentq(f, a, b, xtol=1e-12)))
    best = min(roots, key=abs)
    reason = "" if changes == 1 and len(roots) == 1 else (
        f"IRR may not be unique: cash flows change sign {changes} times; the root closest to 0 is given")
    return IRR(float(best), reason)


def simple_payback(investment_EUR: float, annual_saving_EUR: float) -> tuple[float, str]:
    """Simple (undiscounted) payback time [yr] and a reason when there is none.

    payback = investment / annual saving; ``inf`` with a reason when the saving
    is zero or negative (never pays back).

    Examples
    --------
    >>> simple_payback(1000.0, 250.0)
    (4.0, '')
    >>> simple_payback(1000.0, -5.0)[1]
    'never pays back: the option costs more per year than the baseline'
    """
    if annual_saving_EUR <= 0:
        return math.inf, "never pays back: the option costs more per year than the baseline"
    return investment_EUR / annual_saving_EUR, ""


def lcoh(capex_EUR: float, annual_cost_EUR: float, heat_MWh_per_yr: float, rate: float, years: float) -> float:
    """Levelised cost of heat [EUR/MWh heat].

    LCOH = (CAPEX · CRF(r, n) + annual cost) / annual heat

    Examples
    --------
    >>> round(lcoh(1_000_000.0, 200_000.0, 8_000.0, 0.08, 15), 3)
    39.604
    """
    if heat_MWh_per_yr <= 0:
        return math.nan
    return (capex_EUR * capital_recovery_factor(rate, years) + annual_cost_EUR) / heat_MWh_per_yr


def abatement_cost(annualised_cost_option_EUR: float, annualised_cost_baseline_EUR: float,
                   co2_saved_t_per_yr: float) -> float:
    """CO2 abatement cost [EUR/t]: extra annualised cost per tonne avoided.

    (annualised cost of option − of baseline) / CO2 saved, both costs without
    CO2 prices and subsidies; NaN when no CO2 is saved.
    """
    if not co2_saved_t_per_yr > 0:
        return math.nan
    return (annualised_cost_option_EUR - annualised_cost_baseline_EUR) / co2_saved_t_per_yr


# =========================================================================================
# CAPEX curves and O&M
_CURVE_PARAMS = ("capex_ref_EUR_per_kW", "ref_size_kW", "scale_exponent", "installation_factor",
                 "fom_share_per_yr", "vom_EUR_per_MWh")


def cost_curve(technology: str, *, data_dir: str | Path | None = None) -> dict:
    """CAPEX curve and O&M of a technology from ``data/costs.csv``.

    Returns
    -------
    dict
        The parameters of :data:`_CURVE_PARAMS`, plus ``sources``, ``confidence``
        (lowest of the rows: H > M > L > D > U) and ``notes``.

    Raises
    ------
    TariffDataError
        If the technology or one of its parameters is missing.
    """
    all_rows = records("costs.csv", data_dir)
    sel = [r for r in all_rows if r["technology"] == technology]
    if not sel:
        known = sorted({r["technology"] for r in all_rows})
        raise TariffDataError(f"no cost curve for technology {technology!r} in data/costs.csv "
                              f"(known: {', '.join(known)})")
    rows = {r["parameter"]: r for r in sel}
    missing = [p for p in _CURVE_PARAMS if p not in rows]
    if missing:
        raise TariffDataError(f"data/costs.csv: {technology} lacks {', '.join(missing)}")
    rank = {"H": 0, "M": 1, "L": 2, "D": 3, "U": 4}
    out = {p: float(rows[p]["value"]) for p in _CURVE_PARAMS}
    ids = ";".join(dict.fromkeys(s for p in _CURVE_PARAMS for s in rows[p]["source"].split(";")))
    out["sources"] = source_text(ids, data_dir)
    out["confidence"] = max((rows[p]["confidence"] for p in _CURVE_PARAMS), key=lambda c: rank.get(c, 5))
    out["capex_confidence"] = rows["capex_ref_EUR_per_kW"]["confidence"]
    out["notes"] = rows["capex_ref_EUR_per_kW"]["notes"]
    return out


def capex_EUR(technology: str, size_kW: float, *, overrides: dict | None = None,
              data_dir: str | Path | None = None) -> dict:
    """Investment of one piece of equipment from its cost curve.

    CAPEX = c_ref · S_ref · (S / S_ref)^b · f_inst, specific cost c_ref · (S/S_ref)^(b−1)

    Parameters
    ----------
    technology : str
        Key in ``data/costs.csv`` (``heat_pump``, ``mvr``, ``steam_hp``,
        ``e_boiler``, ``hybrid_boiler``, ``electric_kiln``, ``hybrid_kiln``,
        ``grid_connection``).
    size_kW : float
        Thermal size [kW] (kilns and grid connection: electrical [kW]).
    overrides : dict, optional
        Replace curve parameters (keys of ``data/costs.csv``), or give the total
        ``capex_EUR`` directly.

    Returns
    -------
    dict
        ``capex_EUR``, ``specific_EUR_per_kW``, the curve parameters used,
        ``confidence``, ``sources``, ``notes``.

    Raises
    ------
    InputError
        For a negative size or an unknown override key.
    TariffDataError
        If the technology has no curve.

    References
    ----------
    Danish Energy Agency (2020), Technology Data for Industrial Process Heat
    (S70); scaling exponent: Peters, Timmerhaus and West (2003) (S74).
    """
    if not np.isfinite(size_kW) or size_kW < 0:
        raise InputError(f"size_kW={size_kW} kW for {technology} is out of range: valid is 0 or more kW")
    curve = cost_curve(technology, data_dir=data_dir)
    notes: list[str] = []
    ov = dict(overrides or {})
    bad = [k for k in ov if k not in _CURVE_PARAMS and k != "capex_EUR"]
    if bad:
        raise InputError(f"capex override {bad[0]!r} for {technology} is not known; valid: "
                         f"{', '.join(_CURVE_PARAMS + ('capex_EUR',))}")
    for k in _CURVE_PARAMS:
        if k in ov:
            curve[k] = float(ov[k])
            notes.append(f"{technology}: {k}={ov[k]:g} overridden")
    if "capex_EUR" in ov:
        total = float(ov["capex_EUR"])
        notes.append(f"{technology}: capex_EUR={total:,.0f} given by the case")
        spec = total / size_kW if size_kW > 0 else math.nan
        return {"capex_EUR": total, "specific_EUR_per_kW": spec, **curve, "override": True, "notes_list": notes}
    if size_kW == 0:
        return {"capex_EUR": 0.0, "specific_EUR_per_kW": math.nan, **curve, "override": bool(ov),
                "notes_list": notes}
    ratio = size_kW / curve["ref_size_kW"]
    spec = curve["capex_ref_EUR_per_kW"] * ratio ** (curve["scale_exponent"] - 1.0) * curve["installation_factor"]
    if not ov and curve["capex_confidence"] in ("U", "D"):
        notes.append(f"CAPEX curve of {technology} has confidence {curve['capex_confidence']} "
                     f"({curve['notes']}): override it per case")
    return {"capex_EUR": spec * size_kW, "specific_EUR_per_kW": spec, **curve, "override": bool(ov),
            "notes_list": notes}


def om_EUR_per_yr(capex: float, fom_share_per_yr: float, heat_MWh_per_yr: float, vom_EUR_per_MWh: float) -> float:
    """Operation and maintenance [EUR/yr] = fixed share × CAPEX + variable × heat."""
    return fom_share_per_yr * capex + vom_EUR_per_MWh * heat_MWh_per_yr


# =========================================================================================
# subsidies
def subsidy_params(*, data_dir: str | Path | None = None) -> dict:
    """Subsidy and tax figures from ``data/subsidies.csv`` as ``{(scheme, quantity): value}``
    plus ``"_sources"``."""
    rows = records("subsidies.csv", data_dir)
    out: dict = {(r["scheme"], r["quantity"]): float(r["value"]) for r in rows}
    out["_sources"] = {(r["scheme"], r["quantity"]): r["source"] for r in rows}
    return out


def _param(p: dict, scheme: str, quantity: str) -> float:
    try:
        return p[(scheme, quantity)]
    except KeyError:
        raise TariffDataError(f"data/subsidies.csv lacks {scheme} {quantity}") from None


def eia_EUR(eligible_EUR, params: dict):
    """EIA benefit [EUR] = deduction share × corporate tax rate × eligible
    investment (0 below the minimum investment). Works on arrays."""
    share = _param(params, "EIA", "deduction_share")
    rate = _param(params, "corporate_tax", "top_rate")
    minimum = _param(params, "EIA", "min_investment")
    e = np.asarray(eligible_EUR, dtype=float)
    out = np.where(e >= minimum, share * rate * e, 0.0)
    return float(out) if out.ndim == 0 else out


def veki_EUR(eligible_EUR, params: dict):
    """VEKI grant [EUR] = share × eligible cost, capped at the maximum; 0 below the
    minimum eligible cost. Works on arrays."""
    share = _param(params, "VEKI", "subsidy_share")
    minimum = _param(params, "VEKI", "min_eligible_cost")
    maximum = _param(params, "VEKI", "max_subsidy")
    e = np.asarray(eligible_EUR, dtype=float)
    out = np.where(e >= minimum, np.minimum(share * e, maximum), 0.0)
    return float(out) if out.ndim == 0 else out


def sde_EUR_per_yr(unprofitable_gap_EUR_per_yr, co2_saved_t_per_yr, params: dict):
    """SDE++ support, simplified [EUR/yr]: the yearly unprofitable gap
    (annualised net investment − OPEX saving), at least 0, at most the maximum
    subsidy intensity × CO2 avoided. Works on arrays."""
    cap = _param(params, "SDE++", "max_subsidy_intensity") * np.maximum(np.asarray(co2_saved_t_per_yr, float), 0.0)
    out = np.clip(np.asarray(unprofitable_gap_EUR_per_yr, dtype=float), 0.0, cap)
    return float(out) if out.ndim == 0 else out


def _switches(subsidies, params: dict) -> dict[str, bool]:
    if subsidies is None:
        return {k: bool(_param(params, _SCHEME[k], "default_on")) for k in SUBSIDIES}
    if isinstance(subsidies, dict):
        bad = [k for k in subsidies if k not in SUBSIDIES]
        out = {k: bool(_param(params, _SCHEME[k], "default_on")) for k in SUBSIDIES}
        out.update({k: bool(v) for k, v in subsidies.items() if k in SUBSIDIES})
    else:
        items = [s.strip().lower() for s in ([subsidies] if isinstance(subsidies, str) else subsidies)]
        items = [s for s in items if s and s != "none"]
        bad = [k for k in items if k not in SUBSIDIES]
        out = {k: k in items for k in SUBSIDIES}
    if bad:
        raise InputError(f"subsidies={bad[0]!r} is not known; choices: {', '.join(SUBSIDIES)} or none")
    return out


# =========================================================================================
# the model of one case
@dataclass
class _FlowPieces:
    capex_eq: float = 0.0
    capex_grid: float = 0.0
    fom_eq: float = 0.0
    fom_grid: float = 0.0
    vom_new: float = 0.0
    heat_new_MWh: float = 0.0
    heat_gas_MWh: float = 0.0
    net_fixed: float = 0.0
    net_rate: float = 0.0
    vom_gas: float = 0.0
    net_known: bool = True
    notes: tuple = ()


class _Model:
    """Everything of one case that does not change when prices or factors do."""

    def __init__(self, case, flows, *, subsidies=None, capex_overrides=None, time_bound=False, data_dir=None):
        if not flows:
            raise InputError("finance_case needs at least the baseline flow")
        self.case, self.flows, self.dd = case, list(flows), data_dir
        self.base = self.flows[0]
        self.year = int(case.tariff_year)
        self.r = float(case.discount_rate)
        self.n = int(case.lifetime_yr)
        self.notes: list[str] = []
        self.time_bound = bool(time_bound)
        # prices
        need_default = any(getattr(case, k) is None
                           for k in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t"))
        defaults = tariffs.default_prices(self.year, data_dir=data_dir) if need_default else None
        self.p = {}
        for key in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t"):
            v = getattr(case, key)
            if v is None:
                self.p[key] = float(defaults[key])
                self.notes.append(f"{key}={self.p[key]:g} is the {self.year} default "
                                  f"(confidence {defaults['confidence'][key]}; {defaults['sources'][key]})")
            else:
                self.p[key] = float(v)
        if defaults is not None:
            used = [n for n in defaults["notes"] if any(getattr(case, k) is None and k in n for k in self.p)]
            self.notes += used
        # CO2
        self.ets = bool(case.ets_installation)
        try:
            self.levy_rate = tariffs.co2_levy_rate(self.year, data_dir=data_dir)[0]
        except TariffDataError:
            self.levy_rate = 0.0
            if self.ets:
                self.notes.append(f"no CO2 levy rate for {self.year} in the data: levy not counted")
        self.levy_share = tariffs.co2_levy_share(data_dir=data_dir)
        if not self.ets:
            self.notes.append("site not under EU ETS: no CO2 price or levy counted on its direct emissions")
        # site volumes without any heat supply
        base_gas = max(self.base.gas_m3_per_yr, 0.0)
        if case.site_gas_m3_per_yr is None:
            self.rest_gas_m3 = 0.0
        else:
            self.rest_gas_m3 = float(case.site_gas_m3_per_yr) - base_gas
            if self.rest_gas_m3 < 0:
                self.notes.append(f"site_gas_m3_per_yr={case.site_gas_m3_per_yr:,.0f} m³/yr is below the baseline's "
                                  f"own gas use {base_gas:,.0f} m³/yr: the baseline's use is taken as the site's")
                self.rest_gas_m3 = 0.0
        self.rest_el_kWh = MWh_to_kWh(float(case.site_el_MWh_per_yr))
        # the site's existing contract: flat load of its other electricity use over the year
        self.contract0_kW = self.rest_el_kWh / HOURS_PER_YR
        self.operator = case.grid_operator
        # tax bands (once)
        self._bands = {c: tariffs.tax_bands(c, self.year, data_dir=data_dir) for c in ("gas", "electricity")}
        self.tax_rest_gas = self.tax("gas", self.rest_gas_m3)
        self.tax_rest_el = self.tax("electricity", self.rest_el_kWh)
        # network without any heat supply (sets the site's present voltage level)
        self.base_level = None
        self.net_base_fixed, self.net_base_rate, self.net_base_ok, self.net_notes = self._network_parts(
            self.contract0_kW, time_bound_kW=0.0)
        if not self.net_base_ok:
            self.notes += self.net_notes
        # subsidies
        self.sp = subsidy_params(data_dir=data_dir)
        self.switch = _switches(subsidies, self.sp)
        self.sde_years = _param(self.sp, "SDE++", "subsidy_duration")
        self.overrides = dict(capex_overrides or getattr(case, "capex_overrides", None) or {})
        self.pieces = [self._pieces(f, i) if f.status == "ok" else None for i, f in enumerate(self.flows)]

    # -- tariffs --------------------------------------------------------------------------
    def tax(self, carrier: str, volume):
        """Vectorised site energy tax [EUR/yr] for whole-site volumes."""
        total = tariffs.band_tax(self._bands[carrier], np.asarray(volume, dtype=float))
        return float(total) if total.ndim == 0 else total

    def _network_parts(self, contract_kW: float, time_bound_kW: float):
        """(fixed part [EUR/yr], kWh rate [EUR/kWh], known?, notes) of the site's network bill."""
        if self.operator == "none":
            return 0.0, 0.0, True, ["grid_operator none: no network cost counted"]
        try:
            nc = tariffs.network_cost(self.operator, self.year, contract_kW, None, 0.0, nearest_year=True,
                                      time_bound=self.time_bound and time_bound_kW > 0,
                                      time_bound_kW=time_bound_kW, data_dir=self.dd)
        except TariffDataError as exc:
            return 0.0, 0.0, False, [f"network cost not included: {exc}"]
        notes = list(nc.notes)
        base_level = self.base_level
        if base_level is None:
            self.base_level = nc.voltage_level
        elif nc.voltage_level != base_level:
            notes.append(
                f"the new load raises the site's contract to {contract_kW:,.0f} kW and moves it from the "
                f"{base_level} to the {nc.voltage_level} tariff of {self.operator}: a connection upgrade, and a "
                "different tariff structure for the whole site's use (part of the network-cost difference)")
        return nc.total_EUR, float(nc.rates.get("kWh_charge", 0.0)), True, notes

    # -- per flow -------------------------------------------------------------------------
    def _pieces(self, f, i: int) -> _FlowPieces:
        notes: list[str] = []
        is_base = i == 0
        heat = float(f.heat_delivered_MWh_per_yr)
        backup = float(getattr(f, "heat_backup_MWh_per_yr", 0.0) or 0.0)
        gas_curve = self._baseline_curve(notes)
        pc = _FlowPieces()
        if is_base:
            pc.heat_gas_MWh = heat
        else:
            pc.heat_new_MWh = max(heat - backup, 0.0)
            pc.heat_gas_MWh = backup
            eq = capex_EUR(f.technology, float(f.capacity_kW_th), overrides=self.overrides.get(f.technology),
                           data_dir=self.dd)
            pc.capex_eq, pc.fom_eq, pc.vom_new = eq["capex_EUR"], eq["fom_share_per_yr"], eq["vom_EUR_per_MWh"]
            notes += eq["notes_list"]
            P = max(float(f.P_el_kW), 0.0)
            if P > 0:
                g = capex_EUR("grid_connection", P, overrides=self.overrides.get("grid_connection"), data_dir=self.dd)
                pc.capex_grid, pc.fom_grid = g["capex_EUR"], g["fom_share_per_yr"]
                notes += g["notes_list"]
        pc.vom_gas = gas_curve
        P = max(float(f.P_el_kW), 0.0)
        if P > 0 or is_base:
            fixed, rate, ok, nnotes = self._network_parts(self.contract0_kW + P, time_bound_kW=P)
        else:
            fixed, rate, ok, nnotes = self.net_base_fixed, self.net_base_rate, self.net_base_ok, []
        pc.net_fixed, pc.net_rate, pc.net_known = fixed, rate, ok and self.net_base_ok
        notes += [n for n in nnotes if self.net_base_ok or n not in self.net_notes]
        pc.notes = tuple(dict.fromkeys(notes))
        return pc

    def _baseline_curve(self, notes: list) -> float:
        """Variable O&M of the gas plant [EUR/MWh heat] (0 with a note when not in data)."""
        tech = self.base.technology
        ov = self.overrides.get(tech) or {}
        if "vom_EUR_per_MWh" in ov:
            return float(ov["vom_EUR_per_MWh"])
        try:
            return cost_curve(tech, data_dir=self.dd)["vom_EUR_per_MWh"]
        except TariffDataError:
            msg = f"variable O&M of the {tech} baseline is not in data/costs.csv: not counted"
            if msg not in self.notes:
                self.notes.append(msg)
            return 0.0

    # -- money of one flow ----------------------------------------------------------------
    def annual(self, i: int, *, p_el=None, p_gas=None, p_co2=None, hours_f=1.0, cop_f=1.0, capex_f=1.0) -> dict:
        """OPEX components of flow ``i`` [EUR/yr] (arrays when inputs are arrays)."""
        f, pc = self.flows[i], self.pieces[i]
        p_el = self.p["price_el_EUR_per_MWh"] if p_el is None else p_el
        p_gas = self.p["price_gas_EUR_per_MWh"] if p_gas is None else p_gas
        p_co2 = self.p["co2_price_EUR_per_t"] if p_co2 is None else p_co2
        el_f = hours_f / cop_f if (i > 0 and f.E_el_MWh_per_yr > 0) else hours_f
        E_el = f.E_el_MWh_per_yr * el_f
        fuel = f.fuel_MWh_per_yr * hours_f
        gas_m3 = f.gas_m3_per_yr * hours_f
        scope1 = (f.co2_fuel_t_per_yr + f.co2_process_t_per_yr) * hours_f
        grid = f.co2_grid_t_per_yr * el_f
        commodity = fuel * p_gas + E_el * p_el
        kWh_site = np.maximum(self.rest_el_kWh + MWh_to_kWh(E_el), 0.0)
        tax = (self.tax("gas", self.rest_gas_m3 + gas_m3) - self.tax_rest_gas
               + self.tax("electricity", kWh_site) - self.tax_rest_el)
        if pc.net_known:
            network = (pc.net_fixed + pc.net_rate * kWh_site) - (self.net_base_fixed + self.net_base_rate * self.rest_el_kWh)
        else:
            network = 0.0 * kWh_site
        co2_per_t = tariffs.co2_cost_EUR_per_t(p_co2, self.levy_rate, self.levy_share, self.ets)
        co2 = scope1 * co2_per_t
        capex = (pc.capex_eq + pc.capex_grid) * capex_f
        om = (pc.fom_eq * pc.capex_eq + pc.fom_grid * pc.capex_grid) * capex_f \
            + (pc.vom_new * pc.heat_new_MWh + pc.vom_gas * pc.heat_gas_MWh) * hours_f
        total = commodity + tax + network + co2 + om
        return {"commodity": commodity, "energy_tax": tax, "network": network, "co2": co2, "om": om,
                "total": total, "capex": capex, "capex_eq": pc.capex_eq * capex_f, "co2_total": scope1 + grid,
                "heat": f.heat_delivered_MWh_per_yr * hours_f, "co2_per_t": co2_per_t}

    def incremental(self, i: int, *, r=None, n=None, **kw) -> dict:
        """Subsidies, NPV and friends of option ``i`` against the baseline (vectorised)."""
        r = self.r if r is None else r
        n = self.n if n is None else n
        a, b = self.annual(i, **kw), self.annual(0, **kw)
        saving = b["total"] - a["total"]
        co2_saved = b["co2_total"] - a["co2_total"]
        capex = a["capex"]
        eia = eia_EUR(a["capex_eq"], self.sp) if self.switch["eia"] else 0.0 * capex
        veki = veki_EUR(capex, self.sp) if self.switch["veki"] else 0.0 * capex
        af_n = annuity_factor(r, n)
        net_inv_pv = capex - veki - eia / (1.0 + r)
        f = self.flows[i]
        sde_ok = self.switch["sde"] and not (f.halogen_free is False and _param(self.sp, "SDE++",
                                                                                 "requires_halogen_free"))
        if sde_ok:
            gap = net_inv_pv / af_n - saving
            sde = sde_EUR_per_yr(gap, co2_saved, self.sp)
        else:
            sde = 0.0 * saving
        sde_years = min(n, self.sde_years)
        af_sde = annuity_factor(r, sde_years)
        npv_ = -(capex - veki) + eia / (1.0 + r) + saving * af_n + sde * af_sde
        return {"a": a, "b": b, "saving": saving, "co2_saved": co2_saved, "capex": capex, "eia": eia, "veki": veki,
                "sde": sde, "npv": npv_, "af_n": af_n, "af_sde": af_sde, "sde_years": sde_years,
                "net_inv_pv": net_inv_pv, "sde_ok": sde_ok, "r": r, "n": n}

    def index(self, option) -> int:
        if isinstance(option, (int, np.integer)):
            if not 0 < int(option) < len(self.flows):
                raise InputError(f"option index {option} is out of range: 1 to {len(self.flows) - 1}")
            return int(option)
        for i, f in enumerate(self.flows[1:], start=1):
            if f.option == option:
                return i
        raise InputError(f"option={option!r} is not among the flows: "
                         f"{', '.join(f.option for f in self.flows[1:]) or 'none'}")


# =========================================================================================
# public entry points
def _nan_row(f, notes: list[str]) -> dict:
    row = {k: math.nan for k in _MONEY_KEYS}
    row.update(option=f.option, technology=f.technology, status=f.status, finance_notes=notes)
    return row


def _row(m: _Model, i: int, break_even_on: bool) -> dict:
    f = m.flows[i]
    pc = m.pieces[i]
    notes = list(m.notes) + list(pc.notes)
    a = m.annual(i)
    net_nan = not pc.net_known
    row = {
        "option": f.option, "technology": f.technology, "status": f.status,
        "opex_EUR_per_yr": a["total"], "opex_commodity_EUR_per_yr": a["commodity"],
        "opex_energy_tax_EUR_per_yr": a["energy_tax"],
        "opex_network_EUR_per_yr": math.nan if net_nan else a["network"],
        "opex_co2_EUR_per_yr": a["co2"], "opex_om_EUR_per_yr": a["om"],
        "price_el_EUR_per_MWh_used": m.p["price_el_EUR_per_MWh"],
        "price_gas_EUR_per_MWh_used": m.p["price_gas_EUR_per_MWh"],
        "co2_price_EUR_per_t_used": m.p["co2_price_EUR_per_t"],
        "co2_levy_net_EUR_per_t_used": (m.levy_share * tariffs.co2_levy_net_EUR_per_t(
            m.levy_rate, m.p["co2_price_EUR_per_t"]) if m.ets else 0.0),
        "subsidies_on": [k for k in SUBSIDIES if m.switch[k]],
    }
    if i == 0:
        row.update(capex_EUR=0.0, capex_equipment_EUR=0.0, capex_grid_EUR=0.0, subsidy_EUR=0.0, subsidy_eia_EUR=0.0,
                   subsidy_veki_EUR=0.0, subsidy_sde_EUR_per_yr=0.0, npv_EUR=math.nan, irr=math.nan,
                   payback_yr=math.nan, abatement_EUR_per_t=math.nan, break_even_price_el_EUR_per_MWh=math.nan,
                   break_even_price_ratio_el_gas=math.nan, opex_saving_EUR_per_yr=0.0, co2_saved_t_per_yr=0.0,
                   lcoh_EUR_per_MWh=(a["total"] / a["heat"] if a["heat"] > 0 else math.nan))
        notes.append("baseline: existing plant, CAPEX 0; NPV, IRR, payback and abatement are given for the options "
                     "against it")
        row["finance_notes"] = list(dict.fromkeys(notes))
        return _floats(row)
    inc = m.incremental(i)
    r, n = inc["r"], inc["n"]
    capex, eia, veki, sde = inc["capex"], float(inc["eia"]), float(inc["veki"]), float(inc["sde"])
    # IRR on explicit cash flows
    cf = np.full(n + 1, inc["saving"], dtype=float)
    cf[0] = -(capex - veki)
    cf[1:int(inc["sde_years"]) + 1] += sde
    if n >= 1:
        cf[1] += eia
    irr_res = irr(cf)
    if irr_res.reason:
        notes.append(irr_res.reason)
    pb, pb_reason = simple_payback(capex - veki - eia, inc["saving"] + sde)
    if pb_reason:
        notes.append(pb_reason)
    crf = 1.0 / inc["af_n"]
    sde_ann = sde * inc["af_sde"] / inc["af_n"]
    lcoh_ = ((inc["net_inv_pv"] * crf + a["total"] - sde_ann) / a["heat"]) if a["heat"] > 0 else math.nan
    b = inc["b"]
    abat = abatement_cost(capex * crf + a["total"] - a["co2"], b["total"] - b["co2"], inc["co2_saved"])
    if not inc["co2_saved"] > 0:
        notes.append("no CO2 saved against the baseline: abatement cost not defined")
    if m.switch["sde"] and not inc["sde_ok"]:
        notes.append(f"SDE++ not applied: refrigerant {f.refrigerant or ''} contains halogens (not eligible from "
                     f"the 2023 round)".replace("refrigerant  ", "refrigerant "))
    if m.switch["sde"] and inc["sde_ok"]:
        notes.append(f"SDE++ simplified: unprofitable gap paid up to "
                     f"{_param(m.sp, 'SDE++', 'max_subsidy_intensity'):g} EUR/t CO2 for {inc['sde_years']:g} years; "
                     f"category eligibility and budget not checked")
    if m.switch["eia"]:
        notes.append("EIA assumes the equipment is on the Energielijst; grid connection not eligible")
    if sum(m.switch.values()) > 1:
        notes.append("several subsidies switched on: cumulation rules are not enforced - check with RVO")
    row.update(
        capex_EUR=capex, capex_equipment_EUR=pc.capex_eq, capex_grid_EUR=pc.capex_grid,
        subsidy_eia_EUR=eia, subsidy_veki_EUR=veki, subsidy_sde_EUR_per_yr=sde,
        subsidy_EUR=eia + veki + sde * inc["sde_years"],
        opex_saving_EUR_per_yr=inc["saving"], co2_saved_t_per_yr=inc["co2_saved"],
        npv_EUR=inc["npv"], irr=irr_res.value, payback_yr=pb, lcoh_EUR_per_MWh=lcoh_, abatement_EUR_per_t=abat,
    )
    if break_even_on:
        be = _break_even(m, i)
        row["break_even_price_el_EUR_per_MWh"] = be["price_el_EUR_per_MWh"]
        row["break_even_price_ratio_el_gas"] = be["price_ratio_el_gas"]
        if be["note"]:
            notes.append(be["note"])
    else:
        row["break_even_price_el_EUR_per_MWh"] = row["break_even_price_ratio_el_gas"] = math.nan
    row["finance_notes"] = list(dict.fromkeys(notes))
    return _floats(row)


def _floats(row: dict) -> dict:
    """Plain Python floats (no numpy scalars, no negative zero) for the money keys."""
    for k in _MONEY_KEYS:
        if k in row:
            v = float(row[k])
            row[k] = 0.0 if v == 0 else v
    return row


def finance_case(case, flows, *, subsidies=None, capex_overrides: dict | None = None, time_bound: bool = False,
                 break_even_prices: bool = True, data_dir: str | Path | None = None) -> list[dict]:
    """Money columns of every flow of a case (baseline first).

    Parameters
    ----------
    case : heatcalc.case.Case
        Uses ``price_gas_EUR_per_MWh``, ``price_el_EUR_per_MWh``,
        ``co2_price_EUR_per_t`` (None → data defaults for ``tariff_year``),
        ``tariff_year``, ``grid_operator``, ``grid_capacity_kW``,
        ``site_gas_m3_per_yr`` (None → the baseline's gas use),
        ``site_el_MWh_per_yr``, ``ets_installation``, ``discount_rate``,
        ``lifetime_yr``.
    flows : list of heatcalc.flows.EnergyFlows
        ``flows[0]`` is the baseline.
    subsidies : None, iterable of {"eia", "veki", "sde"}, or dict name → bool
        Switches; None uses the ``default_on`` rows of ``data/subsidies.csv``
        (EIA on, VEKI and SDE++ off).
    capex_overrides : dict, optional
        ``{technology: {parameter: value}}`` or ``{technology: {"capex_EUR": X}}``
        (also read from ``case.capex_overrides`` if such a field exists).
    time_bound : bool
        Contract the new electrical load under the time-bound transport right.
    break_even_prices : bool
        Compute the break-even electricity price (root finding) per option.

    Returns
    -------
    list of dict
        One dict per flow with ``opex_EUR_per_yr``, ``opex_commodity_EUR_per_yr``,
        ``opex_energy_tax_EUR_per_yr``, ``opex_network_EUR_per_yr``,
        ``opex_co2_EUR_per_yr``, ``opex_om_EUR_per_yr``, ``capex_EUR``,
        ``subsidy_EUR``, ``subsidy_eia_EUR``, ``subsidy_veki_EUR``,
        ``subsidy_sde_EUR_per_yr``, ``npv_EUR``, ``irr``, ``payback_yr``,
        ``lcoh_EUR_per_MWh``, ``abatement_EUR_per_t``,
        ``break_even_price_el_EUR_per_MWh``, ``break_even_price_ratio_el_gas``,
        ``price_el_EUR_per_MWh_used``, ``price_gas_EUR_per_MWh_used``,
        ``co2_price_EUR_per_t_used``, ``finance_notes`` and more. Baseline: CAPEX
        0, NPV/IRR/payback/abatement NaN, LCOH computed. Infeasible flows: all money
        fields NaN.

    Raises
    ------
    TariffDataError
        When the tariff year's energy-tax bands do not cover the site's volumes
        (2026: the message names the missing band) or prices for the year are
        missing.
    InputError
        For unknown subsidy names or CAPEX override keys.
    """
    m = _Model(case, flows, subsidies=subsidies, capex_overrides=capex_overrides, time_bound=time_bound,
               data_dir=data_dir)
    rows = []
    base_opex = math.nan
    for i, f in enumerate(m.flows):
        if f.status != "ok":
            rows.append(_nan_row(f, [f"{f.option} is {f.status}: no money figures"]))
            continue
        if i > 0 and m.flows[0].status != "ok":
            rows.append(_nan_row(f, ["baseline is not ok: no comparison possible"]))
            continue
        rows.append(_row(m, i, break_even_prices))
        if i == 0:
            base_opex = rows[0]["opex_EUR_per_yr"]
    for r in rows:  # the orchestrator reads the baseline's OPEX from every row
        r["_baseline_opex"] = base_opex
    return rows


def _break_even(m: _Model, i: int) -> dict:
    from scipy.optimize import brentq

    p_gas = m.p["price_gas_EUR_per_MWh"]
    lo, hi = BREAK_EVEN_BRACKET_EUR_PER_MWH

    def g(p):
        return float(m.incremental(i, p_el=p)["npv"])

    g_lo, g_hi = g(lo), g(hi)
    out = {"price_el_EUR_per_MWh": math.nan, "price_ratio_el_gas": math.nan, "note": ""}
    if not (np.isfinite(g_lo) and np.isfinite(g_hi)) or g_lo * g_hi > 0:
        out["note"] = (f"no break-even electricity price between {lo:g} and {hi:g} EUR/MWh "
                       f"(NPV {'positive' if g_lo > 0 else 'negative'} throughout)")
        return out
    # NPV is linear in the electricity price unless SDE++ support switches between 0 and its cap:
    # try the closed form (secant through the bracket ends) and keep it when it ties exactly.
    p = lo - g_lo * (hi - lo) / (g_hi - g_lo)
    scale = max(abs(g_lo), abs(g_hi), 1.0)
    if not abs(g(p)) <= BREAK_EVEN_NPV_RTOL * scale:
        p = brentq(g, lo, hi, xtol=1e-6)
    out["price_el_EUR_per_MWh"] = p
    out["price_ratio_el_gas"] = p / p_gas if p_gas > 0 else math.nan
    return out


def break_even(case, flows, option, **kw) -> dict:
    """Electricity price and electricity/gas price ratio at which an option ties
    the baseline (incremental NPV = 0), other inputs as in the case.

    Parameters
    ----------
    case, flows
        As for :func:`finance_case`.
    option : str or int
        Option name (or index in ``flows``).
    **kw
        ``subsidies``, ``capex_overrides``, ``time_bound``, ``data_dir``.

    Returns
    -------
    dict
        ``price_el_EUR_per_MWh`` [EUR/MWh], ``price_ratio_el_gas`` [-] (gas on
        HHV), ``price_gas_EUR_per_MWh`` used and ``note`` (why NaN, if so).
    """
    m = _Model(case, flows, **kw)
    i = m.index(option)
    if m.flows[i].status != "ok":
        return {"price_el_EUR_per_MWh": math.nan, "price_ratio_el_gas": math.nan,
                "price_gas_EUR_per_MWh": m.p["price_gas_EUR_per_MWh"], "note": f"{m.flows[i].option} is infeasible"}
    out = _break_even(m, i)
    out["price_gas_EUR_per_MWh"] = m.p["price_gas_EUR_per_MWh"]
    return out


def _factor_kwargs(m: _Model, name: str, factor: float) -> dict:
    if name == "price_el":
        return {"p_el": m.p["price_el_EUR_per_MWh"] * factor}
    if name == "price_gas":
        return {"p_gas": m.p["price_gas_EUR_per_MWh"] * factor}
    if name == "co2_price":
        return {"p_co2": m.p["co2_price_EUR_per_t"] * factor}
    if name == "capex":
        return {"capex_f": factor}
    if name == "cop":
        return {"cop_f": factor}
    if name == "operating_hours":
        return {"hours_f": factor}
    if name == "discount_rate":
        return {"r": m.r * factor}
    if name == "lifetime":
        return {"n": max(1, int(round(m.n * factor)))}
    raise InputError(f"sensitivity input {name!r} is not known; choices: {', '.join(TORNADO_INPUTS)}")


def sensitivity(case, flows, option, *, span: float = TORNADO_SPAN, inputs=TORNADO_INPUTS, **kw) -> dict:
    """Tornado: NPV of an option with each main input at −span and +span.

    Parameters
    ----------
    case, flows
        As for :func:`finance_case`.
    option : str or int
        Option name (or index in ``flows``).
    span : float
        Relative change [-] (default 0.20). ``operating_hours`` scales every
        annual flow of baseline and option; ``cop`` divides the option's
        electricity; ``lifetime`` is rounded to whole years.

    Returns
    -------
    dict
        ``option``, ``npv_EUR`` (central), ``span`` and ``bars``: one dict per
        input with ``input``, ``low_value``, ``high_value``, ``npv_low_EUR``,
        ``npv_high_EUR``, ``swing_EUR``, sorted by swing (largest first).
    """
    m = _Model(case, flows, **kw)
    i = m.index(option)
    if m.flows[i].status != "ok":
        return {"option": m.flows[i].option, "npv_EUR": math.nan, "span": span, "bars": [],
                "note": f"{m.flows[i].option} is infeasible"}
    centre = float(m.incremental(i)["npv"])
    base_vals = {"price_el": m.p["price_el_EUR_per_MWh"], "price_gas": m.p["price_gas_EUR_per_MWh"],
                 "co2_price": m.p["co2_price_EUR_per_t"], "capex": 1.0, "cop": 1.0, "operating_hours": 1.0,
                 "discount_rate": m.r, "lifetime": m.n}
    bars = []
    for name in inputs:
        lo_kw, hi_kw = _factor_kwargs(m, name, 1.0 - span), _factor_kwargs(m, name, 1.0 + span)
        npv_lo, npv_hi = float(m.incremental(i, **lo_kw)["npv"]), float(m.incremental(i, **hi_kw)["npv"])
        lo_v, hi_v = next(iter(lo_kw.values())), next(iter(hi_kw.values()))
        if name in ("capex", "cop", "operating_hours"):
            lo_v, hi_v = base_vals[name] * (1 - span), base_vals[name] * (1 + span)
        bars.append({"input": name, "low_value": lo_v, "high_value": hi_v, "npv_low_EUR": npv_lo,
                     "npv_high_EUR": npv_hi, "swing_EUR": abs(npv_hi - npv_lo)})
    bars.sort(key=lambda b: -b["swing_EUR"])
    return {"option": m.flows[i].option, "npv_EUR": centre, "span": span, "bars": bars}


def monte_carlo(case, flows, option, n: int = 1000, seed: int = 0, *, ranges: dict | None = None, **kw) -> dict:
    """P10/P50/P90 of an option's NPV over stated input ranges (vectorised).

    Each input of ``ranges`` (default :data:`MC_RANGES`) is drawn independently
    from a triangular distribution (low, mode, high) of factors on the case value;
    all draws are evaluated at once with numpy.

    Parameters
    ----------
    case, flows
        As for :func:`finance_case`.
    option : str or int
        Option name (or index in ``flows``).
    n : int
        Number of draws (≥ 10).
    seed : int
        Seed of numpy's default generator (same seed, same result).
    ranges : dict, optional
        ``{input: (low, mode, high)}`` for inputs among ``price_el``,
        ``price_gas``, ``co2_price``, ``capex``, ``cop``, ``operating_hours``.

    Returns
    -------
    dict
        ``p10_npv_EUR``, ``p50_npv_EUR``, ``p90_npv_EUR``, ``mean_npv_EUR``,
        ``prob_npv_positive``, ``n``, ``seed``, ``ranges``.

    Raises
    ------
    InputError
        For ``n`` < 10, an unknown input or a range not ordered low ≤ mode ≤ high.
    """
    if int(n) < 10:
        raise InputError(f"n={n} draws is out of range: valid is 10 or more")
    rng_in = dict(MC_RANGES if ranges is None else ranges)
    for name, (lo, mode, hi) in rng_in.items():
        if name not in MC_RANGES:
            raise InputError(f"Monte Carlo input {name!r} is not known; choices: {', '.join(MC_RANGES)}")
        if not lo <= mode <= hi or lo < 0:
            raise InputError(f"Monte Carlo range of {name}=({lo}, {mode}, {hi}) must satisfy 0 ≤ low ≤ mode ≤ high")
    m = _Model(case, flows, **kw)
    i = m.index(option)
    out = {"option": m.flows[i].option, "n": int(n), "seed": int(seed), "ranges": rng_in}
    if m.flows[i].status != "ok":
        out.update(p10_npv_EUR=math.nan, p50_npv_EUR=math.nan, p90_npv_EUR=math.nan, mean_npv_EUR=math.nan,
                   prob_npv_positive=math.nan, note=f"{m.flows[i].option} is infeasible")
        return out
    rng = np.random.default_rng(seed)
    draws = {}
    for name in MC_RANGES:
        lo, mode, hi = rng_in.get(name, (1.0, 1.0, 1.0))
        draws[name] = rng.triangular(lo, mode, hi, size=int(n)) if hi > lo else np.full(int(n), float(mode))
    res = m.incremental(
        i, p_el=m.p["price_el_EUR_per_MWh"] * draws["price_el"], p_gas=m.p["price_gas_EUR_per_MWh"] * draws["price_gas"],
        p_co2=m.p["co2_price_EUR_per_t"] * draws["co2_price"], capex_f=draws["capex"], cop_f=draws["cop"],
        hours_f=draws["operating_hours"])
    v = np.broadcast_to(np.asarray(res["npv"], dtype=float), (int(n),))
    p10, p50, p90 = np.percentile(v, [10, 50, 90])
    out.update(p10_npv_EUR=float(p10), p50_npv_EUR=float(p50), p90_npv_EUR=float(p90), mean_npv_EUR=float(v.mean()),
               prob_npv_positive=float(np.mean(v > 0)))
    return out
