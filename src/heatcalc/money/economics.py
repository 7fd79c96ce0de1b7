"""Investment economics of each option against the baseline.

Pure functions (annuity factor, NPV, IRR, payback, LCOH, abatement cost, CAPEX
curves, subsidies) and one entry point for the orchestrator,
:func:`finance_case`, which turns the :class:`~heatcalc.options.flows.EnergyFlows` of a
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
  :mod:`heatcalc.money.tariffs` and :mod:`heatcalc.core.datafiles`. The only figures in
  this module are modelling choices: the tornado span and the Monte Carlo ranges.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from heatcalc.columns import FINANCE_KEYS
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message
from heatcalc.money import tariffs
from heatcalc.money.finance import abatement_cost, after_tax_cash_flows, irr, npv, simple_payback
from heatcalc.money.site_bill import _Model
from heatcalc.money.subsidies import SUBSIDIES, _param

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


#: Relative NPV tolerance for accepting the closed-form break-even price [-].
BREAK_EVEN_NPV_RTOL = 1e-9


# =========================================================================================
# public entry points
def _nan_row(f, notes: list[str]) -> dict:
    row = {k: math.nan for k in FINANCE_KEYS}
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
        "contract_kW": pc.contract_kW, "voltage_level": pc.voltage_level,
        "connection_upgrade": bool(pc.connection_upgrade), "connection_charge_EUR": pc.connection_charge_EUR,
        "connection_wait_yr": pc.connection_wait_yr,
        "transport_right": m.right if pc.right_kW > 0 else "firm",
        "heat_at_risk_MWh_per_yr": pc.heat_at_risk_MWh,
    }
    if i == 0:
        row.update(capex_EUR=0.0, capex_equipment_EUR=0.0, capex_grid_EUR=0.0, capex_integration_EUR=0.0,
                   npv_after_tax_EUR=math.nan, irr_after_tax=math.nan, subsidy_EUR=0.0, subsidy_eia_EUR=0.0,
                   subsidy_veki_EUR=0.0, subsidy_sde_EUR_per_yr=0.0, subsidy_mia_vamil_EUR=0.0,
                   npv_EUR=math.nan, irr=math.nan,
                   payback_yr=math.nan, abatement_EUR_per_t=math.nan, break_even_price_el_EUR_per_MWh=math.nan,
                   break_even_price_ratio_el_gas=math.nan, opex_saving_EUR_per_yr=0.0, co2_saved_t_per_yr=0.0,
                   lcoh_EUR_per_MWh=(a["total"] / a["heat"] if a["heat"] > 0 else math.nan))
        notes.append(Message("economics.baseline_reference",
                             "baseline: existing plant, CAPEX 0; NPV, IRR, payback and abatement are given for the "
                             "options against it"))
        row["finance_notes"] = list(dict.fromkeys(notes))
        return _floats(row)
    if float(a["network_raw"]) < 0:
        notes.append(Message(
            "economics.level_drop",
            f"the new load moves the site to the {pc.voltage_level} tariff, {-float(a['network_raw']):,.0f} "
            "EUR/yr below today's network bill: not counted as a saving, because the change of level needs "
            "a new connection and substation whose cost is not in the data",
            level=pc.voltage_level, saving_EUR=-float(a["network_raw"])))
    inc = m.incremental(i)
    r, n = inc["r"], inc["n"]
    capex, eia, veki, sde = inc["capex"], float(inc["eia"]), float(inc["veki"]), float(inc["sde"])
    year1 = float(inc["year1"])  # tax benefits in the first year: EIA and MIA/Vamil
    # IRR on explicit cash flows
    cf = np.full(n + 1, inc["saving"], dtype=float)
    cf[0] = -(capex - veki)
    cf[1:int(inc["sde_years"]) + 1] += sde
    if n >= 1:
        cf[1] += year1
    irr_res = irr(cf)
    if irr_res.reason:
        notes.append(irr_res.reason)
    pb, pb_reason = simple_payback(capex - veki - year1, inc["saving"] + sde)
    if pb_reason:
        notes.append(pb_reason)
    crf = 1.0 / inc["af_n"]
    sde_ann = sde * inc["af_sde"] / inc["af_n"]
    lcoh_ = ((inc["net_inv_pv"] * crf + a["total"] - sde_ann) / a["heat"]) if a["heat"] > 0 else math.nan
    b = inc["b"]
    abat = abatement_cost(capex * crf + a["total"] - a["co2"], b["total"] - b["co2"], inc["co2_saved"])
    if not inc["co2_saved"] > 0:
        notes.append(Message("economics.no_co2_saved", "no CO2 saved against the baseline: abatement cost not defined"))
    sub = inc["subsidy"]  # money.subsidies: each requested scheme's amount, or why it gives 0
    subsidy_notes = list(sub.notes)
    notes += subsidy_notes + list(sub.info)
    row.update(
        capex_EUR=capex, capex_equipment_EUR=pc.capex_eq, capex_grid_EUR=pc.capex_grid + pc.capex_conn,
        capex_integration_EUR=pc.capex_integration,
        subsidy_eia_EUR=eia, subsidy_veki_EUR=veki, subsidy_sde_EUR_per_yr=sde,
        subsidy_mia_vamil_EUR=float(inc["mia_vamil"]),
        subsidy_EUR=year1 + veki + sde * inc["sde_years"],
        opex_saving_EUR_per_yr=inc["saving"], co2_saved_t_per_yr=inc["co2_saved"],
        npv_EUR=inc["npv"], irr=irr_res.value, payback_yr=pb, lcoh_EUR_per_MWh=lcoh_, abatement_EUR_per_t=abat,
    )
    row["subsidy_notes"] = "; ".join(subsidy_notes)
    row["npv_after_tax_EUR"] = row["irr_after_tax"] = math.nan
    if getattr(m.case, "cash_flow", "pre_tax_real") == "after_tax":
        at = _after_tax(m, i, inc)
        row["npv_after_tax_EUR"], row["irr_after_tax"] = at["npv"], at["irr"]
        notes += at["notes"]
    elif float(getattr(m.case, "loan_share", 0.0) or 0.0) > 0:
        notes.append(Message("finance.loan_pre_tax",
                             "loan_share is used by the after-tax cash flow only (cash_flow = after_tax); the "
                             "pre-tax NPV and IRR are of the whole project, before financing"))
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


def _tax_brackets(m: _Model) -> tuple[list, float]:
    """Corporate income tax brackets ``[(upper_EUR, rate), ...]`` of the tariff year (data/subsidies.csv)."""
    y = m.year
    low = _param(m.sp, "corporate_tax", "low_rate", y)
    top = _param(m.sp, "corporate_tax", "top_rate", y)
    bracket = _param(m.sp, "corporate_tax", "first_bracket_EUR", y)
    return [(bracket, low), (math.inf, top)], top


def _after_tax(m: _Model, i: int, inc: dict) -> dict:
    """NPV and IRR of the owner's cash flows after corporate income tax and the case's loan
    (:func:`heatcalc.money.finance.after_tax_cash_flows`; docs/methods.md, "After-tax cash flow")."""
    case = m.case
    n = int(inc["n"])
    brackets, top = _tax_brackets(m)
    sde = np.zeros(n)
    sde[:int(inc["sde_years"])] = float(inc["sde"])
    eia = float(inc["eia"])
    dep_yr = case.depreciation_yr or n
    out = after_tax_cash_flows(
        investment_EUR=float(inc["capex"]), grant_EUR=float(inc["veki"]), saving_EUR_per_yr=float(inc["saving"]),
        years=n, brackets=brackets, depreciation_yr=dep_yr, yearly_extra_EUR=sde,
        year1_cash_EUR=float(inc["mia_vamil"]), year1_deduction_EUR=(eia / top if top > 0 else 0.0),
        other_profit_EUR=case.company_profit_EUR_per_yr, loan_share=float(case.loan_share or 0.0),
        loan_rate=float(case.loan_rate or 0.0), loan_tenor_yr=case.loan_tenor_yr or n)
    cf = out["cash_flows"]
    wait = m.pieces[i].connection_wait_yr
    value = npv(inc["r"], cf) / (1.0 + inc["r"]) ** wait if wait > 0 else npv(inc["r"], cf)
    res = irr(cf)
    low, bracket = brackets[0][1], brackets[0][0]
    if case.company_profit_EUR_per_yr is not None:
        who = Message("finance.tax_other_given", f"the company's other taxable profit "
                      f"{case.company_profit_EUR_per_yr:,.0f} EUR/yr", profit=float(case.company_profit_EUR_per_yr))
    else:
        who = Message("finance.tax_top_rate", f"the company's other profit taken above {bracket:,.0f} EUR, so the "
                      "project meets the top rate", bracket=bracket)
    notes = [Message("finance.after_tax",
                     f"after-tax cash flow: corporate income tax {low:.1%} up to {bracket:,.0f} EUR and {top:.1%} above "
                     f"({m.year}, data/subsidies.csv; {who}); straight-line depreciation of the investment net of "
                     f"VEKI over {dep_yr} yr; EIA as a deduction from the taxable profit of year 1; a year's loss is "
                     "a tax credit that year against the company's other profit; SDE++ taxed as income",
                     low=low, bracket=bracket, top=top, year=m.year, who=who, dep_yr=dep_yr)]
    if float(case.loan_share or 0.0) > 0:
        notes.append(Message("finance.loan",
                             f"loan of {float(case.loan_share):.0%} of the net investment at {float(case.loan_rate):.1%} "
                             f"over {case.loan_tenor_yr or n} yr (annuity; interest deductible); the after-tax NPV is "
                             "the owner's equity cash flow at discount_rate", share=float(case.loan_share),
                             rate=float(case.loan_rate), tenor=case.loan_tenor_yr or n))
    if res.reason:
        notes.append(res.reason)
    return {"npv": value, "irr": res.value, "notes": notes, "cash_flows": cf}


def _floats(row: dict) -> dict:
    """Plain Python floats (no numpy scalars, no negative zero) for the money keys."""
    for k in FINANCE_KEYS:
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
    flows : list of heatcalc.options.flows.EnergyFlows
        ``flows[0]`` is the baseline.
    subsidies : None, iterable of {"eia", "veki", "sde"}, or dict name → bool
        Switches; None uses the ``default_on`` rows of ``data/subsidies.csv``
        (EIA on, VEKI and SDE++ off).
    capex_overrides : dict, optional
        ``{technology: {parameter: value}}`` or ``{technology: {"capex_EUR": X}}``
        (a supplier's quote in the case, ``capex_<option>_EUR`` and ``om_<option>_EUR_per_yr``, wins).
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
        ``co2_price_EUR_per_t_used``, ``capex_integration_EUR``, ``npv_after_tax_EUR`` and
        ``irr_after_tax`` (NaN unless ``case.cash_flow`` is ``after_tax``), ``finance_notes`` and more. Baseline: CAPEX
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
        out["note"] = Message("economics.no_break_even",
                              f"no break-even electricity price between {lo:g} and {hi:g} EUR/MWh "
                              f"(NPV {'positive' if g_lo > 0 else 'negative'} throughout)",
                              lo=lo, hi=hi, sign=Message("economics.sign_" + ("positive" if g_lo > 0 else "negative"),
                                                         "positive" if g_lo > 0 else "negative"))
        return out
    if g_hi == g_lo:  # both zero: an option with no energy ties the baseline at every price
        out["note"] = Message("economics.npv_price_independent",
                              "the NPV does not depend on the electricity price (no electricity or no saving)")
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
