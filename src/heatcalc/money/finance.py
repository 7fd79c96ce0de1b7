"""Discounted cash-flow arithmetic: annuity and capital-recovery factors, NPV, IRR,
simple payback, levelised cost of heat and CO2 abatement cost.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, NamedTuple

import numpy as np

from heatcalc.core.messages import Message

#: Search range of the IRR [-].
IRR_BRACKET = (-0.99, 10.0)


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


@lru_cache(maxsize=32)
def _irr_grid(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rates of the IRR's bracket search and (1 + rate)^t for years 0 … n−1 (the same for every case with
    ``n`` cash flows: computed once; read-only)."""
    grid = np.concatenate([np.linspace(IRR_BRACKET[0], 0.0, 200, endpoint=False),
                           np.geomspace(1e-6, IRR_BRACKET[1], 400)])
    grid = np.concatenate([[0.0], grid])
    grid.sort()
    with np.errstate(over="ignore"):
        growth = (1.0 + grid[:, None]) ** np.arange(n)[None, :]
    grid.flags.writeable = growth.flags.writeable = False
    return grid, growth


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
    >>> str(irr([100.0, 10.0]).reason)
    'no IRR: cash flows never change sign (all positive or zero)'
    """
    cf = np.asarray(list(cash_flows), dtype=float)
    if cf.size < 2 or not np.all(np.isfinite(cf)):
        return IRR(math.nan, Message("finance.no_irr_few", "no IRR: fewer than two finite cash flows"))
    nz = cf[np.abs(cf) > 0]
    if nz.size == 0 or np.all(nz > 0):
        return IRR(math.nan, Message("finance.no_irr_positive",
                                     "no IRR: cash flows never change sign (all positive or zero)"))
    if np.all(nz < 0):
        return IRR(math.nan, Message("finance.no_irr_negative", "no IRR: cash flows never change sign (all negative "
                                     "or zero): the option never pays back"))
    changes = int(np.sum(np.diff(np.sign(nz)) != 0))
    t = np.arange(cf.size)
    grid, growth = _irr_grid(cf.size)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        vals = (cf[None, :] / growth).sum(axis=1)
    idx = np.nonzero(np.sign(vals[:-1]) * np.sign(vals[1:]) <= 0)[0]
    if idx.size == 0:
        return IRR(math.nan, Message("finance.no_irr_bracket", f"no IRR between {IRR_BRACKET[0]:.0%} and "
                                     f"{IRR_BRACKET[1]:.0%}", lo=IRR_BRACKET[0], hi=IRR_BRACKET[1]))
    from scipy.optimize import brentq

    def f(r):
        return float(np.sum(cf / (1.0 + r) ** t))

    roots = []
    for i in idx:
        a, b = grid[i], grid[i + 1]
        roots.append(a if f(a) == 0 else (b if f(b) == 0 else brentq(f, a, b, xtol=1e-12)))
    best = min(roots, key=abs)
    reason = "" if changes == 1 and len(roots) == 1 else Message(
        "finance.irr_not_unique",
        f"IRR may not be unique: cash flows change sign {changes} times; the root closest to 0 is given",
        changes=changes)
    return IRR(float(best), reason)


def simple_payback(investment_EUR: float, annual_saving_EUR: float) -> tuple[float, str]:
    """Simple (undiscounted) payback time [yr] and a reason when there is none.

    payback = investment / annual saving; ``inf`` with a reason when the saving
    is zero or negative (never pays back).

    Examples
    --------
    >>> simple_payback(1000.0, 250.0)
    (4.0, '')
    >>> str(simple_payback(1000.0, -5.0)[1])
    'never pays back: the option costs more per year than the baseline'
    """
    if annual_saving_EUR <= 0:
        return math.inf, Message("finance.never_pays_back",
                                 "never pays back: the option costs more per year than the baseline")
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
# after-tax cash flow and a loan (docs/methods.md, "After-tax cash flow and a loan")
def corporate_tax_EUR(profit_EUR, brackets) -> float:
    """Corporate income tax of a year's taxable profit [EUR], progressive over ``brackets``.

    Parameters
    ----------
    profit_EUR : float
        Taxable profit [EUR]; a loss (negative) gives a negative tax at the first rate (a credit).
    brackets : sequence of (upper_EUR, rate)
        Upper bound of each bracket [EUR] (``math.inf`` for the last) and its rate [-], ascending.

    Examples
    --------
    >>> corporate_tax_EUR(300_000.0, [(200_000.0, 0.19), (math.inf, 0.258)])
    63800.0
    """
    p = float(profit_EUR)
    if p <= 0:
        return p * float(brackets[0][1])
    tax, lower = 0.0, 0.0
    for upper, rate in brackets:
        part = min(p, float(upper)) - lower
        if part <= 0:
            break
        tax += part * float(rate)
        lower = float(upper)
    return tax


def marginal_tax_EUR(project_profit_EUR, brackets, other_profit_EUR: float | None = None) -> float:
    """Extra tax of the company from a project's taxable profit [EUR] (a negative value: a credit).

    ``T(other + project) − T(other)`` with :func:`corporate_tax_EUR`. Without the company's
    other profit (None) it is taken as above the first bracket, so the project's profit (and
    loss) meets the top rate.
    """
    if other_profit_EUR is None:
        return float(project_profit_EUR) * float(brackets[-1][1])
    o = float(other_profit_EUR)
    return corporate_tax_EUR(o + float(project_profit_EUR), brackets) - corporate_tax_EUR(o, brackets)


def loan_schedule(principal_EUR: float, rate: float, tenor_yr: int, years: int) -> tuple[np.ndarray, np.ndarray]:
    """Annuity loan: payment and interest of years 0 … ``years`` [EUR] (year 0: 0).

    Payment = principal · CRF(rate, tenor) in years 1 … tenor; interest = balance at the start of
    the year × rate. A tenor beyond ``years`` repays the remaining balance with the last year's payment.

    Examples
    --------
    >>> pay, interest = loan_schedule(1000.0, 0.10, 2, 2)
    >>> [round(float(x), 2) for x in pay], [round(float(x), 2) for x in interest]
    ([0.0, 576.19, 576.19], [0.0, 100.0, 52.38])
    """
    pay = np.zeros(years + 1)
    interest = np.zeros(years + 1)
    if principal_EUR <= 0 or years < 1:
        return pay, interest
    tenor = int(tenor_yr)
    a = principal_EUR * float(capital_recovery_factor(rate, tenor))
    bal = float(principal_EUR)
    for t in range(1, years + 1):
        if bal <= 0:
            break
        interest[t] = bal * rate
        p = a if t <= tenor else 0.0
        principal_part = p - interest[t]
        if t == years:  # the asset's end: any rest of the loan is repaid
            principal_part = bal
            p = bal + interest[t]
        bal -= principal_part
        pay[t] = p
    return pay, interest


def after_tax_cash_flows(*, investment_EUR: float, saving_EUR_per_yr, years: int, brackets=None,
                         depreciation_yr: int | None = None, grant_EUR: float = 0.0, yearly_extra_EUR=None,
                         year1_cash_EUR: float = 0.0, year1_deduction_EUR: float = 0.0,
                         other_profit_EUR: float | None = None, loan_share: float = 0.0, loan_rate: float = 0.0,
                         loan_tenor_yr: int | None = None) -> dict:
    """The owner's yearly cash flows after corporate income tax and a loan [EUR], years 0 … ``years``.

    Rules (docs/methods.md): the grant (VEKI) is received in year 0 and lowers the depreciable
    base; the net investment is depreciated straight-line over ``depreciation_yr`` (default
    ``years``; a rest of book value is written off in the last year); taxable profit of year t =
    saving + yearly extra (SDE++) − depreciation − loan interest (− the EIA deduction in year 1);
    its tax is :func:`marginal_tax_EUR` (a loss is a credit in the same year against the company's
    other profit); a loan of ``loan_share`` of the net investment is paid out in year 0 and repaid
    as an annuity (:func:`loan_schedule`). ``brackets=None`` means no tax (pre-tax with a loan).

    Returns
    -------
    dict
        ``cash_flows``, ``tax``, ``depreciation``, ``interest``, ``loan_payment`` (arrays of
        ``years + 1``).
    """
    n = int(years)
    net = float(investment_EUR) - float(grant_EUR)
    sav = np.zeros(n + 1)
    sav[1:] = saving_EUR_per_yr
    if yearly_extra_EUR is not None:
        sav[1:] += np.asarray(yearly_extra_EUR, dtype=float)[:n]
    d_yr = n if depreciation_yr is None else int(depreciation_yr)
    dep = np.zeros(n + 1)
    dep[1:min(d_yr, n) + 1] = net / d_yr
    if d_yr > n and n >= 1:
        dep[n] += net - dep.sum()
    principal = min(max(float(loan_share), 0.0), 1.0) * max(net, 0.0)
    pay, interest = loan_schedule(principal, float(loan_rate), int(loan_tenor_yr or n), n)
    taxable = sav - dep - interest
    if n >= 1:
        taxable[1] -= float(year1_deduction_EUR)
    tax = np.zeros(n + 1)
    if brackets is not None:
        tax[1:] = [marginal_tax_EUR(x, brackets, other_profit_EUR) for x in taxable[1:]]
    cf = sav - tax - pay
    cf[0] = -net + principal
    if n >= 1:
        cf[1] += float(year1_cash_EUR)
    return {"cash_flows": cf, "tax": tax, "depreciation": dep, "interest": interest, "loan_payment": pay}
