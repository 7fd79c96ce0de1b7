"""Finance rules: integration costs on the CAPEX curve, the after-tax cash flow with a loan, the
CO2 levy's cautious default and EU ETS free allocation (docs/methods.md).

Worked examples are computed independently here (loops written out, not the library's functions);
property tests check the rules over ranges of inputs.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from heatcalc.case import Case
from heatcalc.core.errors import InputError
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.money import economics
from heatcalc.money.costs import capex_EUR
from heatcalc.money.finance import (after_tax_cash_flows, corporate_tax_EUR, loan_schedule, marginal_tax_EUR,
                                    npv)
from heatcalc.money.subsidies import _param, subsidy_params

#: Money tolerance [EUR].
EUR_ATOL = 1e-6
#: Relative tolerance of money results [-].
RTOL = 1e-9

CASE = {
    "case_id": "finance-rules", "process": "heat", "heat_demand_kW": 3000, "operating_hours_per_yr": 7000,
    "T_sink_in_C": 60, "T_sink_out_C": 90, "source_medium": "water", "T_source_in_C": 45,
    "options": "heat_pump;e_boiler", "grid_operator": "none", "tariff_year": 2025, "ets_installation": True,
    "price_gas_EUR_per_MWh": 40.0, "price_el_EUR_per_MWh": 80.0, "co2_price_EUR_per_t": 70.0,
}


def _result(**kw):
    return evaluate_case({**CASE, **kw})


def _rows(**kw) -> dict:
    return {r["option"]: r for r in _result(**kw).rows}


def _codes(row, result=None) -> set:
    """Codes of a row's notes and of the case's notes (notes every row carries are kept once, on the case)."""
    out = {getattr(w, "code", None) for w in (row.get("warnings") or [])}
    return out | ({getattr(w, "code", None) for w in result.notes} if result is not None else set())


@pytest.fixture(scope="module")
def base_rows():
    return _rows()


# -- pure functions: worked examples ---------------------------------------------------
def test_loan_schedule_three_year_annuity_by_hand():
    principal, rate, n = 90_000.0, 0.05, 3
    payment = principal * rate / (1.0 - (1.0 + rate) ** -n)  # annuity formula
    bal, interest_hand = principal, []
    for _ in range(n):
        interest_hand.append(bal * rate)
        bal -= payment - bal * rate
    pay, interest = loan_schedule(principal, rate, n, n)
    assert pay[0] == 0.0 and interest[0] == 0.0
    np.testing.assert_allclose(pay[1:], [payment] * 3, rtol=RTOL)
    np.testing.assert_allclose(interest[1:], interest_hand, rtol=RTOL)
    assert interest_hand[0] == pytest.approx(4500.0)  # 5 % of 90,000
    # the payments repay exactly the principal
    assert float(np.sum(pay - interest)) == pytest.approx(principal, abs=EUR_ATOL)


def test_loan_longer_than_the_asset_is_repaid_at_its_end():
    pay, interest = loan_schedule(1000.0, 0.10, 10, 3)
    assert float(np.sum(pay - interest)) == pytest.approx(1000.0, abs=EUR_ATOL)


def test_corporate_tax_brackets_from_data():
    p = subsidy_params()
    low, top = _param(p, "corporate_tax", "low_rate", 2025), _param(p, "corporate_tax", "top_rate", 2025)
    bracket = _param(p, "corporate_tax", "first_bracket_EUR", 2025)
    # Belastingdienst rates 2023-2026 (S73, S209): 19 % up to 200,000 EUR, 25.8 % above
    assert (low, top, bracket) == (0.19, 0.258, 200_000.0)
    br = [(bracket, low), (math.inf, top)]
    assert corporate_tax_EUR(300_000.0, br) == pytest.approx(200_000 * 0.19 + 100_000 * 0.258)
    assert corporate_tax_EUR(150_000.0, br) == pytest.approx(150_000 * 0.19)
    # the project's extra tax on top of 150,000 EUR other profit: 50,000 at 19 %, 50,000 at 25.8 %
    assert marginal_tax_EUR(100_000.0, br, 150_000.0) == pytest.approx(50_000 * 0.19 + 50_000 * 0.258)
    # without the company's other profit the top rate applies, also to a loss (a credit)
    assert marginal_tax_EUR(-10_000.0, br) == pytest.approx(-10_000 * 0.258)


def test_after_tax_worked_example_two_years():
    # investment 1000, saving 600/yr for 2 yr, depreciated in 1 yr, tax 25 % flat
    br = [(math.inf, 0.25)]
    out = after_tax_cash_flows(investment_EUR=1000.0, saving_EUR_per_yr=600.0, years=2, brackets=br,
                               depreciation_yr=1)
    # year 1: taxable 600 - 1000 = -400 -> credit 100; year 2: taxable 600 -> tax 150
    np.testing.assert_allclose(out["cash_flows"], [-1000.0, 700.0, 450.0], atol=EUR_ATOL)
    # with a 50 % loan at 10 % over 2 yr: payment 500 * 0.1 / (1 - 1.1^-2) = 288.095; interest 50, 26.19
    out = after_tax_cash_flows(investment_EUR=1000.0, saving_EUR_per_yr=600.0, years=2, brackets=br,
                               depreciation_yr=1, loan_share=0.5, loan_rate=0.10, loan_tenor_yr=2)
    a = 500 * 0.1 / (1 - 1.1 ** -2)
    i1, i2 = 50.0, (500 - (a - 50.0)) * 0.1
    expect = [-500.0, 600 - 0.25 * (600 - 1000 - i1) - a, 600 - 0.25 * (600 - i2) - a]
    np.testing.assert_allclose(out["cash_flows"], expect, atol=EUR_ATOL)


def test_eia_deduction_is_taken_in_year_one():
    br = [(math.inf, 0.258)]
    kw = dict(investment_EUR=1e6, saving_EUR_per_yr=2e5, years=10, brackets=br)
    without, with_eia = after_tax_cash_flows(**kw), after_tax_cash_flows(**kw, year1_deduction_EUR=4e5)
    diff = with_eia["cash_flows"] - without["cash_flows"]
    np.testing.assert_allclose(diff, [0.0, 4e5 * 0.258] + [0.0] * 9, atol=EUR_ATOL)


# -- properties ---------------------------------------------------------------------------
@pytest.mark.parametrize("r,n,capex,saving", [(0.08, 15, 1e6, 2e5), (0.03, 5, 5e5, 1e5), (0.0, 20, 2e6, 1e5)])
def test_no_tax_no_loan_equals_pre_tax_npv(r, n, capex, saving):
    out = after_tax_cash_flows(investment_EUR=capex, saving_EUR_per_yr=saving, years=n, brackets=[(math.inf, 0.0)])
    af = n if r == 0 else (1 - (1 + r) ** -n) / r
    assert npv(r, out["cash_flows"]) == pytest.approx(-capex + saving * af, rel=RTOL)


@pytest.mark.parametrize("dep_yr", [1, 5, 15, 30])
def test_npv_never_rises_with_the_tax_rate_for_a_profitable_project(dep_yr):
    r, n, capex, saving = 0.08, 15, 1e6, 2.5e5
    assert -capex + saving * (1 - (1 + r) ** -n) / r > 0  # profitable before tax
    values = [npv(r, after_tax_cash_flows(investment_EUR=capex, saving_EUR_per_yr=saving, years=n,
                                          brackets=[(math.inf, t)], depreciation_yr=dep_yr)["cash_flows"])
              for t in np.linspace(0.0, 0.6, 13)]
    assert all(b <= a + EUR_ATOL for a, b in zip(values, values[1:]))
    assert values[-1] < values[0]


@pytest.mark.parametrize("share,tenor", [(0.5, 5), (1.0, 15), (0.3, 25)])
def test_loan_at_the_discount_rate_leaves_pre_tax_npv_unchanged(share, tenor):
    r, n = 0.07, 15
    kw = dict(investment_EUR=1e6, saving_EUR_per_yr=1.5e5, years=n, brackets=None)
    plain = npv(r, after_tax_cash_flows(**kw)["cash_flows"])
    levered = npv(r, after_tax_cash_flows(**kw, loan_share=share, loan_rate=r, loan_tenor_yr=tenor)["cash_flows"])
    assert levered == pytest.approx(plain, rel=RTOL)
    cheaper = npv(r, after_tax_cash_flows(**kw, loan_share=share, loan_rate=r - 0.03, loan_tenor_yr=tenor)["cash_flows"])
    assert cheaper > plain  # a loan below the discount rate is worth something


# -- the case: after tax only when asked -------------------------------------------------
def test_after_tax_columns_only_when_asked(base_rows):
    hp = base_rows["heat_pump"]
    assert math.isnan(hp["npv_after_tax_EUR"]) and math.isnan(hp["irr_after_tax"])
    at = _rows(cash_flow="after_tax")["heat_pump"]
    assert at["npv_EUR"] == pytest.approx(hp["npv_EUR"], rel=RTOL)  # pre-tax result unchanged
    assert math.isfinite(at["npv_after_tax_EUR"])
    assert "finance.after_tax" in _codes(at)


def test_after_tax_with_zero_tax_equals_pre_tax_through_the_case(monkeypatch):
    monkeypatch.setattr(economics, "_tax_brackets", lambda m: ([(math.inf, 0.0)], 0.0))
    hp = _rows(cash_flow="after_tax", subsidies="none")["heat_pump"]
    assert hp["npv_after_tax_EUR"] == pytest.approx(hp["npv_EUR"], rel=1e-9)
    assert hp["irr_after_tax"] == pytest.approx(hp["irr"], abs=1e-9)


def test_case_loan_fields_are_validated():
    with pytest.raises(InputError, match="loan_rate"):
        Case.from_dict({**CASE, "loan_share": 0.5})
    with pytest.raises(InputError, match="loan_share=1.5"):
        Case.from_dict({**CASE, "loan_share": 1.5, "loan_rate": 0.04})
    with pytest.raises(InputError, match="cash_flow"):
        Case.from_dict({**CASE, "cash_flow": "post_tax"})
    with pytest.raises(InputError, match="depreciation_yr"):
        Case.from_dict({**CASE, "depreciation_yr": 2.5})


# -- integration costs -----------------------------------------------------------------------
def test_integration_default_is_zero_on_curves_that_include_installation(base_rows):
    hp = base_rows["heat_pump"]
    assert hp["capex_integration_EUR"] == 0.0
    assert "costs.integration_none" in _codes(hp)


def test_integration_share_of_the_case_applies_to_the_curve_only(base_rows):
    share = 0.25
    rows = _rows(integration_cost_share=share)
    for opt in ("heat_pump", "e_boiler"):
        # the grid connection's own curve gets no share: only the equipment's curve does
        grid = capex_EUR("grid_connection", base_rows[opt]["P_el_kW"], year=CASE["tariff_year"])["capex_EUR"]
        curve = base_rows[opt]["capex_EUR"] - grid
        assert rows[opt]["capex_integration_EUR"] == pytest.approx(share * curve, rel=RTOL)
        assert rows[opt]["capex_EUR"] == pytest.approx(grid + (1 + share) * curve, rel=RTOL)
        assert rows[opt]["npv_EUR"] < base_rows[opt]["npv_EUR"]


def test_a_supplier_quote_gets_no_integration_share():
    quote = 1_234_567.0
    hp = _rows(integration_cost_share=0.4, capex_heat_pump_EUR=quote)["heat_pump"]
    assert hp["capex_integration_EUR"] == 0.0
    grid = capex_EUR("grid_connection", hp["P_el_kW"], year=CASE["tariff_year"])["capex_EUR"]
    assert hp["capex_EUR"] == pytest.approx(quote + grid, rel=RTOL)  # the quote replaces the heat pump's curve
    assert "costs.integration_quote" in _codes(hp)


# -- the CO2 levy's default (fails on the code before 2026-12-02, which counted the full levy) ----
def test_no_levy_saving_without_dispensation_rights(base_rows):
    b, hp = base_rows["baseline"], base_rows["heat_pump"]
    assert b["opex_co2_EUR_per_yr"] == pytest.approx(b["co2_fuel_t_per_yr"] * CASE["co2_price_EUR_per_t"],
                                                     rel=RTOL)
    assert "co2.levy_needs_dispensation" in _codes(hp, _result())
    # with dispensation rights 0 every tonne pays the net levy (2025: rate 87.90 EUR/t above the ETS price)
    full = _rows(co2_dispensation_t_per_yr=0)["baseline"]
    assert full["opex_co2_EUR_per_yr"] > b["opex_co2_EUR_per_yr"]


# -- EU ETS free allocation ------------------------------------------------------------------
def test_free_allocation_kept_does_not_change_the_saving(base_rows):
    kept = _rows(ets_free_allocation_t_per_yr=2000)
    for opt in ("baseline", "heat_pump"):
        assert kept[opt]["opex_co2_EUR_per_yr"] == pytest.approx(base_rows[opt]["opex_co2_EUR_per_yr"], rel=RTOL)
    assert kept["heat_pump"]["npv_EUR"] == pytest.approx(base_rows["heat_pump"]["npv_EUR"], rel=RTOL)


def test_free_allocation_lost_is_a_cost_of_the_option(base_rows):
    t = 2000.0
    res = _result(ets_free_allocation_t_per_yr=t, ets_allocation_lost=True)
    lost = {r["option"]: r for r in res.rows}
    assert lost["baseline"]["opex_co2_EUR_per_yr"] == pytest.approx(base_rows["baseline"]["opex_co2_EUR_per_yr"])
    extra = lost["heat_pump"]["opex_co2_EUR_per_yr"] - base_rows["heat_pump"]["opex_co2_EUR_per_yr"]
    assert extra == pytest.approx(t * CASE["co2_price_EUR_per_t"], rel=RTOL)
    assert "ets.free_allocation_lost" in _codes(lost["heat_pump"], res)


def test_no_double_counting_on_curves_that_include_installation():
    from heatcalc.core.datafiles import records
    from heatcalc.money.costs import integration_shares

    checked = 0
    for r in records("costs.csv"):
        if r["parameter"] != "capex_ref_EUR_per_kW" or r["technology"] in ("grid_connection", "gas_boiler"):
            continue
        sh = integration_shares(r["technology"])
        assert sh["known"], f"{r['technology']} has no rows in data/integration_costs.csv"
        if "includes installation" in r["notes"]:
            assert sh["total"] == 0.0, f"{r['technology']}: the curve includes installation, the shares must be 0"
        checked += 1
    assert checked >= 5


def test_company_profit_below_the_bracket_lowers_the_tax():
    top = _rows(cash_flow="after_tax", subsidies="none")["heat_pump"]
    small = _rows(cash_flow="after_tax", subsidies="none", company_profit_EUR_per_yr=0)["heat_pump"]
    # part of the project's profit now meets 19 % instead of 25.8 %: more is left after tax
    assert small["npv_after_tax_EUR"] > top["npv_after_tax_EUR"]
    assert small["npv_EUR"] == pytest.approx(top["npv_EUR"], rel=RTOL)


def test_allocation_lost_accepts_yes_no_texts_and_json_booleans():
    assert Case.from_dict({**CASE, "ets_allocation_lost": "ja"}).ets_allocation_lost is True
    assert Case.from_dict({**CASE, "ets_allocation_lost": True}).ets_allocation_lost is True
    with pytest.raises(InputError, match="ets_allocation_lost"):
        Case.from_dict({**CASE, "ets_allocation_lost": "maybe"})
    with pytest.raises(InputError, match="ets_free_allocation_t_per_yr"):
        Case.from_dict({**CASE, "ets_free_allocation_t_per_yr": -1})
