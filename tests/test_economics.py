"""Investment economics: discounting, IRR, payback, CAPEX curves, subsidies and
finance_case against cash flows computed by hand in this file.

Tax rates in the hand calculations are the 2025 published rates
(the gathered reference figures (nl_energy_tax)); grid rates are Liander MS 2025
(the gathered reference figures (nl_grid_tariffs_2025)); EIA 40 % and the 25.8 % corporate
tax rate as published (S36, S73).
"""
import math

import numpy as np
import pytest

from heatcalc import money as E
from heatcalc.case import Case
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.options.flows import EnergyFlows

#: Money tolerance for sums of a few products [EUR].
EUR_ATOL = 1e-6
#: Relative tolerance for discounted sums and root finding [-].
RTOL = 1e-9
#: IRR / break-even root tolerance [-] and [EUR/MWh].
ROOT_ATOL = 1e-7

R, N = 0.08, 15


def hand_npv(rate, cash_flows):
    """NPV written out term by term (independent of heatcalc)."""
    total = 0.0
    for t, cf in enumerate(cash_flows):
        total += cf / (1.0 + rate) ** t
    return total


# ----------------------------------------------------------------------------- pure functions
def test_annuity_factor_is_sum_of_discount_factors():
    assert E.annuity_factor(R, N) == pytest.approx(sum(1 / 1.08 ** t for t in range(1, 16)), rel=RTOL)
    assert E.annuity_factor(0.0, 7) == 7.0
    assert E.capital_recovery_factor(R, N) == pytest.approx(1 / sum(1 / 1.08 ** t for t in range(1, 16)), rel=RTOL)


def test_npv_against_hand_cash_flow():
    # -1000 + 300/1.1 + 400/1.1^2 + 500/1.1^3 = -1000 + 272.7272727 + 330.5785124 + 375.6574005
    assert E.npv(0.10, [-1000, 300, 400, 500]) == pytest.approx(-21.0368144, abs=1e-6)


def test_irr_against_closed_form():
    # -100 + 60x + 60x^2 = 0 with x = 1/(1+r): x = (-60 + sqrt(60^2 + 4*60*100)) / 120
    x = (-60 + math.sqrt(60 ** 2 + 4 * 60 * 100)) / 120
    res = E.irr([-100, 60, 60])
    assert res.value == pytest.approx(1 / x - 1, abs=ROOT_ATOL)
    assert res.reason == ""
    assert E.irr([-100, 110]).value == pytest.approx(0.10, abs=ROOT_ATOL)


@pytest.mark.parametrize("cfs, word", [
    ([100, 10, 10], "never change sign"),
    ([-100, -10, -10], "never pays back"),
    ([0, 0, 0], "never change sign"),
    ([-100], "fewer than two"),
])
def test_irr_without_sign_change_is_nan_with_reason(cfs, word):
    res = E.irr(cfs)
    assert math.isnan(res.value)
    assert word in res.reason


def test_irr_two_sign_changes_says_not_unique():
    # -100 + 230 - 132 = 0 at r = 10 % and 20 %
    res = E.irr([-100, 230, -132])
    assert res.value == pytest.approx(0.10, abs=ROOT_ATOL)
    assert "not be unique" in res.reason


def test_payback_and_lcoh():
    assert E.simple_payback(1000.0, 250.0) == (4.0, "")
    years, reason = E.simple_payback(1000.0, 0.0)
    assert math.isinf(years) and "never" in reason
    crf = 1 / sum(1 / 1.08 ** t for t in range(1, 16))
    assert E.lcoh(1e6, 2e5, 8000, R, N) == pytest.approx((1e6 * crf + 2e5) / 8000, rel=RTOL)
    assert math.isnan(E.lcoh(1e6, 2e5, 0, R, N))


def test_abatement_cost():
    assert E.abatement_cost(300.0, 100.0, 4.0) == 50.0
    assert math.isnan(E.abatement_cost(300.0, 100.0, 0.0))


# ----------------------------------------------------------------------------- CAPEX curves
def test_capex_curve_at_reference_and_scaled():
    c = E.cost_curve("heat_pump")
    at_ref = E.capex_EUR("heat_pump", c["ref_size_kW"])
    assert at_ref["capex_EUR"] == pytest.approx(c["capex_ref_EUR_per_kW"] * c["ref_size_kW"] * c["installation_factor"])
    double = E.capex_EUR("heat_pump", 2 * c["ref_size_kW"])
    # economy of scale: specific cost falls by 2^(b-1)
    assert double["specific_EUR_per_kW"] == pytest.approx(at_ref["specific_EUR_per_kW"] * 2 ** (c["scale_exponent"] - 1))
    assert double["specific_EUR_per_kW"] < at_ref["specific_EUR_per_kW"]


def test_capex_overrides_and_errors():
    assert E.capex_EUR("e_boiler", 1000, overrides={"capex_EUR": 123_456})["capex_EUR"] == 123_456
    o = E.capex_EUR("e_boiler", 5000, overrides={"capex_ref_EUR_per_kW": 200, "ref_size_kW": 5000,
                                                 "installation_factor": 1.5})
    assert o["capex_EUR"] == pytest.approx(200 * 5000 * 1.5)
    with pytest.raises(InputError, match="override"):
        E.capex_EUR("e_boiler", 1000, overrides={"price": 1})
    with pytest.raises(TariffDataError, match="fusion"):
        E.capex_EUR("fusion", 1000)
    with pytest.raises(InputError, match="size_kW"):
        E.capex_EUR("e_boiler", -1)
    assert E.capex_EUR("e_boiler", 0)["capex_EUR"] == 0.0


def test_unverified_curve_says_so():
    notes = E.capex_EUR("electric_kiln", 5000)["notes_list"]
    assert any("confidence U" in n for n in notes)


# ----------------------------------------------------------------------------- subsidies
def test_subsidy_formulas_by_hand():
    p = E.subsidy_params()
    assert E.eia_EUR(1_000_000, p) == pytest.approx(0.40 * 0.258 * 1_000_000)  # 103,200 EUR
    assert E.eia_EUR(1_000, p) == 0.0  # below the 2,500 EUR minimum
    # VEKI (RVO; Staatscourant 2019, 37424): 30 % of the extra cost over the reference investment,
    # at most 30 MEUR per application, no grant below 30 kEUR
    assert E.veki_EUR(1_000_000, p) == pytest.approx(300_000)
    assert E.veki_EUR(90_000, p) == 0.0  # 27 kEUR grant: below the 30 kEUR minimum
    assert E.veki_EUR(100_000, p) == pytest.approx(30_000)
    assert E.veki_EUR(1e9, p) == pytest.approx(30_000_000)  # capped
    assert E.sde_EUR_per_yr(50_000, 1000, p) == pytest.approx(50_000)
    assert E.sde_EUR_per_yr(500_000, 1000, p) == pytest.approx(400 * 1000)  # cap 400 EUR/t
    assert E.sde_EUR_per_yr(-5, 1000, p) == 0.0


# ----------------------------------------------------------------------------- finance_case
BASE_GAS_M3 = 1_000_000.0
BASE_FUEL_MWH = 10_000.0
BASE_CO2_T = 1_785.0
HEAT_MWH = 9_000.0
HP_E_EL_MWH = 2_000.0
HP_P_EL_KW = 250.0
HP_CO2_GRID_T = 600.0
P_GAS, P_EL, P_CO2 = 40.0, 100.0, 80.0
HP_CAPEX = 1_000_000.0
HP_FOM = 0.01

#: O&M and CAPEX fixed by the test so the hand calculation is short.
OVERRIDES = {"heat_pump": {"capex_EUR": HP_CAPEX, "fom_share_per_yr": HP_FOM, "vom_EUR_per_MWh": 0.0},
             "gas_boiler": {"vom_EUR_per_MWh": 0.0}, "grid_connection": {"capex_EUR": 0.0}}


def make_case(**kw):
    d = {"case_id": "t", "heat_demand_kW": 1125, "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40,
         "price_gas_EUR_per_MWh": P_GAS, "price_el_EUR_per_MWh": P_EL, "co2_price_EUR_per_t": P_CO2,
         "tariff_year": 2025, "grid_operator": "none", "site_el_MWh_per_yr": 0, "discount_rate": R, "lifetime_yr": N,
         "ets_installation": True,  # the hand calculations below count the ETS price and the CO2 levy
         "co2_dispensation_t_per_yr": 0}  # no dispensation rights: the levy on every tonne
    d.update(kw)
    return Case.from_dict(d)


def make_flows(halogen_free=True):
    base = EnergyFlows(option="baseline", technology="gas_boiler", heat_delivered_MWh_per_yr=HEAT_MWH,
                       fuel_MWh_per_yr=BASE_FUEL_MWH, gas_m3_per_yr=BASE_GAS_M3, co2_fuel_t_per_yr=BASE_CO2_T)
    hp = EnergyFlows(option="heat_pump", technology="heat_pump", heat_delivered_MWh_per_yr=HEAT_MWH,
                     capacity_kW_th=1125, P_el_kW=HP_P_EL_KW, E_el_MWh_per_yr=HP_E_EL_MWH,
                     co2_grid_t_per_yr=HP_CO2_GRID_T, cop=4.5, halogen_free=halogen_free,
                     refrigerant="R600" if halogen_free else "R1233zd(E)")
    bad = EnergyFlows(option="steam_hp", technology="steam_hp", status="infeasible", message="too hot")
    return [base, hp, bad]


# hand calculation (2025 rates):
# baseline: commodity 10,000 MWh x 40 = 400,000; gas tax on 1,000,000 m³ = 170,000 x 0.57816 + 830,000 x 0.31573
#           = 360,343.10; CO2 1,785 t x 80 = 142,800 plus the CO2 levy net of the ETS price on all of them
#           (co2_dispensation_t_per_yr 0): 1,785 x (87.90 - 80) = 14,101.50 (2025 levy 87.90 EUR/t, PwC, S214) -> 156,901.50
BASE_CO2_COST = 142_800 + 1_785 * (87.90 - 80)
BASE_OPEX = 400_000 + 360_343.10 + BASE_CO2_COST
# heat pump: commodity 2,000 MWh x 100 = 200,000; electricity tax on 2,000,000 kWh =
#           10,000 x 0.10154 + 40,000 x 0.06937 + 1,950,000 x 0.03868 = 79,216.20; O&M 1 % x 1,000,000 = 10,000
HP_OPEX = 200_000 + 79_216.20 + 10_000
SAVING = BASE_OPEX - HP_OPEX


def test_finance_case_against_hand_cash_flow():
    rows = E.finance_case(make_case(), make_flows(), subsidies=(), capex_overrides=OVERRIDES)
    base, hp, bad = rows
    assert base["opex_commodity_EUR_per_yr"] == pytest.approx(400_000, abs=EUR_ATOL)
    assert base["opex_energy_tax_EUR_per_yr"] == pytest.approx(360_343.10, abs=EUR_ATOL)
    assert base["opex_co2_EUR_per_yr"] == pytest.approx(BASE_CO2_COST, abs=EUR_ATOL)
    assert base["opex_EUR_per_yr"] == pytest.approx(BASE_OPEX, abs=EUR_ATOL)
    assert hp["opex_energy_tax_EUR_per_yr"] == pytest.approx(79_216.20, abs=EUR_ATOL)
    assert hp["opex_om_EUR_per_yr"] == pytest.approx(10_000, abs=EUR_ATOL)
    assert hp["opex_EUR_per_yr"] == pytest.approx(HP_OPEX, abs=EUR_ATOL)
    cash = [-HP_CAPEX] + [SAVING] * N
    assert hp["npv_EUR"] == pytest.approx(hand_npv(R, cash), rel=RTOL)
    assert hand_npv(hp["irr"], cash) == pytest.approx(0.0, abs=1e-3)
    assert hp["payback_yr"] == pytest.approx(HP_CAPEX / SAVING, rel=RTOL)
    crf = 1 / sum(1 / (1 + R) ** t for t in range(1, N + 1))
    assert hp["lcoh_EUR_per_MWh"] == pytest.approx((HP_CAPEX * crf + HP_OPEX) / HEAT_MWH, rel=RTOL)
    assert hp["abatement_EUR_per_t"] == pytest.approx(
        (HP_CAPEX * crf + HP_OPEX - (BASE_OPEX - BASE_CO2_COST)) / (BASE_CO2_T - HP_CO2_GRID_T), rel=RTOL)
    assert hp["price_el_EUR_per_MWh_used"] == P_EL and hp["co2_price_EUR_per_t_used"] == P_CO2


def test_baseline_and_infeasible_rows():
    base, hp, bad = E.finance_case(make_case(), make_flows(), subsidies=(), capex_overrides=OVERRIDES)
    assert base["capex_EUR"] == 0.0
    for k in ("npv_EUR", "irr", "payback_yr", "abatement_EUR_per_t"):
        assert math.isnan(base[k])
    assert base["lcoh_EUR_per_MWh"] == pytest.approx(BASE_OPEX / HEAT_MWH, rel=RTOL)
    money = [k for k, v in bad.items() if isinstance(v, float) and not k.startswith("_")]
    assert money and all(math.isnan(bad[k]) for k in money)
    assert {"opex_EUR_per_yr", "capex_EUR", "npv_EUR", "subsidy_EUR", "finance_notes"} <= set(bad)


def test_eia_and_veki_switches_by_hand():
    eia = 0.40 * 0.258 * HP_CAPEX
    rows = E.finance_case(make_case(), make_flows(), subsidies=["eia"], capex_overrides=OVERRIDES)
    hp = rows[1]
    assert hp["subsidy_eia_EUR"] == pytest.approx(eia)
    cash = [-HP_CAPEX, SAVING + eia] + [SAVING] * (N - 1)
    assert hp["npv_EUR"] == pytest.approx(hand_npv(R, cash), rel=RTOL)
    # VEKI only when the payback without subsidy exceeds 5 years: here it is HP_CAPEX / SAVING = 1.6 yr
    rows = E.finance_case(make_case(), make_flows(), subsidies={"eia": False, "veki": True},
                          capex_overrides=OVERRIDES)
    hp = rows[1]
    assert HP_CAPEX / SAVING < 5
    assert hp["subsidy_veki_EUR"] == 0.0 and hp["subsidy_eia_EUR"] == 0.0
    assert "payback without subsidy is 1.6 yr" in hp["subsidy_notes"] and "more than 5 yr" in hp["subsidy_notes"]
    assert hp["npv_EUR"] == pytest.approx(hand_npv(R, [-HP_CAPEX] + [SAVING] * N), rel=RTOL)
    # a dearer machine pays back in more than 5 years: 30 % of its extra cost over a new gas boiler of
    # the same 1,125 kW (the boiler's curve: 50.35 EUR/kW x 1000 kW x 1.125^0.7 in 2019 prices, escalated to the
    # 2025 case year with the CBS CPI changes 2020-2025: 1.3, 2.7, 10.0, 3.8, 3.3, 3.3 %)
    dear_capex = 6 * SAVING
    over = {**OVERRIDES, "heat_pump": {**OVERRIDES["heat_pump"], "capex_EUR": dear_capex}}
    hp = E.finance_case(make_case(), make_flows(), subsidies=["veki"], capex_overrides=over)[1]
    ref = 50.35 * 1000 * 1.125 ** 0.7 * 1.013 * 1.027 * 1.100 * 1.038 * 1.033 * 1.033
    assert hp["subsidy_veki_EUR"] == pytest.approx(0.30 * (dear_capex - ref), rel=1e-9)
    assert hp["subsidy_notes"] == ""
    with pytest.raises(InputError, match="subsidies"):
        E.finance_case(make_case(), make_flows(), subsidies=["isde"])


def test_sde_pays_the_gap_and_not_for_halogenated_refrigerant():
    dear = make_case(price_el_EUR_per_MWh=400.0)  # electricity dear: the heat pump needs support
    ok = E.finance_case(dear, make_flows(True), subsidies=["sde"], capex_overrides=OVERRIDES)[1]
    saving = BASE_OPEX - (2_000 * 400.0 + 79_216.20 + 10_000)
    crf = 1 / sum(1 / (1 + R) ** t for t in range(1, N + 1))
    gap = HP_CAPEX * crf - saving
    assert ok["subsidy_sde_EUR_per_yr"] == pytest.approx(min(gap, 400 * (BASE_CO2_T - HP_CO2_GRID_T)), rel=RTOL)
    halo = E.finance_case(dear, make_flows(False), subsidies=["sde"], capex_overrides=OVERRIDES)[1]
    assert halo["subsidy_sde_EUR_per_yr"] == 0.0
    assert any("halogen" in n for n in halo["finance_notes"])


def test_site_tax_before_after_not_volume_times_rate():
    # the site uses 3,000,000 m³ in all: the baseline's 1,000,000 m³ sit in band 4 (0.20347 EUR/m³)
    rows = E.finance_case(make_case(site_gas_m3_per_yr=3_000_000), make_flows(), subsidies=(),
                          capex_overrides=OVERRIDES)
    assert rows[0]["opex_energy_tax_EUR_per_yr"] == pytest.approx(1_000_000 * 0.20347, abs=EUR_ATOL)


def test_network_cost_of_new_load_liander():
    # site without other electricity: contract 0 -> 250 kW (MS): 26.68 x 250 + 3.46 x 250 x 12 + 0.022 x 2,000,000
    rows = E.finance_case(make_case(grid_operator="liander"), make_flows(), subsidies=(), capex_overrides=OVERRIDES)
    assert rows[0]["opex_network_EUR_per_yr"] == pytest.approx(0.0, abs=EUR_ATOL)
    # + periodic connection charge 160 kVA-1 MVA 1,013.88 instead of <= 100 kVA 254.16, and the MS fixed
    # transport charge 441 instead of today's LS one 18 (the empty site is on LS; Liander 2025)
    assert rows[1]["opex_network_EUR_per_yr"] == pytest.approx(26.68 * 250 + 3.46 * 3000 + 44_000
                                                               + 1_013.88 - 254.16 + 441.0 - 18.0, abs=EUR_ATOL)


def test_tennet_network_is_flagged_not_silent():
    rows = E.finance_case(make_case(grid_operator="tennet"), make_flows(), subsidies=(), capex_overrides=OVERRIDES)
    assert math.isnan(rows[1]["opex_network_EUR_per_yr"])
    assert any("network cost not included" in n for n in rows[1]["finance_notes"])


def test_incomplete_year_raises_naming_the_band():
    with pytest.raises(TariffDataError, match="band 2"):
        E.finance_case(make_case(tariff_year=2026), make_flows(), subsidies=(), capex_overrides=OVERRIDES)


def test_default_prices_are_used_and_reported():
    case = make_case(price_el_EUR_per_MWh=None, price_gas_EUR_per_MWh=None, co2_price_EUR_per_t=None)
    hp = E.finance_case(case, make_flows(), subsidies=(), capex_overrides=OVERRIDES)[1]
    assert hp["price_el_EUR_per_MWh_used"] == pytest.approx(86.8)  # NL day-ahead 2025 (reference S30)
    assert any("default" in n for n in hp["finance_notes"])


# ----------------------------------------------------------------------------- break-even, tornado, Monte Carlo
def test_break_even_matches_linear_closed_form():
    case, flows = make_case(), make_flows()
    be = E.break_even(case, flows, "heat_pump", subsidies=(), capex_overrides=OVERRIDES)
    npv0 = hand_npv(R, [-HP_CAPEX] + [SAVING] * N)
    af = sum(1 / (1 + R) ** t for t in range(1, N + 1))
    # NPV falls by E_el x AF per EUR/MWh; the site's electricity tax does not depend on the price
    expected = P_EL + npv0 / (HP_E_EL_MWH * af)
    assert be["price_el_EUR_per_MWh"] == pytest.approx(expected, abs=1e-5)
    assert be["price_ratio_el_gas"] == pytest.approx(expected / P_GAS, abs=1e-6)
    row = E.finance_case(case, flows, subsidies=(), capex_overrides=OVERRIDES)[1]
    assert row["break_even_price_el_EUR_per_MWh"] == pytest.approx(expected, abs=1e-5)


def test_tornado_sorted_and_signs():
    t = E.sensitivity(make_case(), make_flows(), "heat_pump", subsidies=(), capex_overrides=OVERRIDES)
    swings = [b["swing_EUR"] for b in t["bars"]]
    assert swings == sorted(swings, reverse=True)
    bars = {b["input"]: b for b in t["bars"]}
    assert bars["price_el"]["npv_high_EUR"] < t["npv_EUR"] < bars["price_el"]["npv_low_EUR"]
    assert bars["price_gas"]["npv_high_EUR"] > t["npv_EUR"] > bars["price_gas"]["npv_low_EUR"]
    # CAPEX -20 %: the investment and the fixed O&M (1 % of CAPEX a year) both fall
    af = sum(1 / (1 + R) ** t for t in range(1, N + 1))
    assert bars["capex"]["npv_low_EUR"] - t["npv_EUR"] == pytest.approx(0.2 * HP_CAPEX * (1 + HP_FOM * af), rel=RTOL)
    assert set(bars) == set(E.TORNADO_INPUTS)


def test_monte_carlo_ordered_reproducible():
    case, flows = make_case(), make_flows()
    a = E.monte_carlo(case, flows, "heat_pump", n=1000, seed=1, subsidies=(), capex_overrides=OVERRIDES)
    b = E.monte_carlo(case, flows, "heat_pump", n=1000, seed=1, subsidies=(), capex_overrides=OVERRIDES)
    c = E.monte_carlo(case, flows, "heat_pump", n=1000, seed=2, subsidies=(), capex_overrides=OVERRIDES)
    assert a["p10_npv_EUR"] < a["p50_npv_EUR"] < a["p90_npv_EUR"]
    assert a == b
    assert a["p50_npv_EUR"] != c["p50_npv_EUR"]
    central = E.finance_case(case, flows, subsidies=(), capex_overrides=OVERRIDES)[1]["npv_EUR"]
    assert a["p10_npv_EUR"] < central < a["p90_npv_EUR"]


def test_monte_carlo_degenerate_ranges_give_the_central_npv():
    case, flows = make_case(), make_flows()
    fixed = {k: (1.0, 1.0, 1.0) for k in E.MC_RANGES}
    mc = E.monte_carlo(case, flows, "heat_pump", n=50, ranges=fixed, subsidies=(), capex_overrides=OVERRIDES)
    npv = hand_npv(R, [-HP_CAPEX] + [SAVING] * N)
    assert mc["p10_npv_EUR"] == pytest.approx(npv, rel=RTOL) and mc["p90_npv_EUR"] == pytest.approx(npv, rel=RTOL)


@pytest.mark.parametrize("kw, word", [({"n": 5}, "n=5"), ({"ranges": {"wind": (1, 1, 1)}}, "wind"),
                                      ({"ranges": {"capex": (1.2, 1.0, 1.4)}}, "capex")])
def test_monte_carlo_bad_input(kw, word):
    with pytest.raises(InputError, match=word):
        E.monte_carlo(make_case(), make_flows(), "heat_pump", **kw)


def test_unknown_option_name():
    with pytest.raises(InputError, match="mvr"):
        E.sensitivity(make_case(), make_flows(), "mvr")


def test_vectorised_annual_matches_scalar():
    m = E.site_bill._Model(make_case(site_el_MWh_per_yr=5000, grid_operator="stedin"), make_flows(), subsidies=(),
                 capex_overrides=OVERRIDES)
    hours = np.array([0.9, 1.0, 1.1])
    vec = m.incremental(1, hours_f=hours)["npv"]
    for h, v in zip(hours, vec):
        assert float(m.incremental(1, hours_f=float(h))["npv"]) == pytest.approx(v, rel=RTOL)


def test_rows_carry_the_interface_keys():
    keys = {"opex_EUR_per_yr", "opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr",
            "opex_co2_EUR_per_yr", "opex_om_EUR_per_yr", "capex_EUR", "subsidy_EUR", "subsidy_eia_EUR",
            "subsidy_veki_EUR", "subsidy_sde_EUR_per_yr", "npv_EUR", "irr", "payback_yr", "lcoh_EUR_per_MWh",
            "abatement_EUR_per_t", "break_even_price_el_EUR_per_MWh", "price_el_EUR_per_MWh_used",
            "price_gas_EUR_per_MWh_used", "co2_price_EUR_per_t_used", "finance_notes"}
    for row in E.finance_case(make_case(), make_flows()):
        assert keys <= set(row)
        assert isinstance(row["finance_notes"], list)


def test_time_bound_right_with_an_offered_discount_lowers_the_network_cost_of_the_new_load():
    case = make_case(grid_operator="liander")
    firm = E.finance_case(case, make_flows(), subsidies=(), capex_overrides=OVERRIDES)[1]
    tb0 = E.finance_case(case, make_flows(), subsidies=(), capex_overrides=OVERRIDES, time_bound=True)[1]
    assert tb0["opex_network_EUR_per_yr"] == pytest.approx(firm["opex_network_EUR_per_yr"], abs=EUR_ATOL)
    assert any("not published" in n for n in tb0["finance_notes"])
    tb = E.finance_case(make_case(grid_operator="liander", transport_right="time_bound",
                                  transport_right_discount=0.4), make_flows(), subsidies=(),
                        capex_overrides=OVERRIDES)[1]
    # 40 % off the capacity charges of the 250 kW new load: 0.4 x (26.68 x 250 + 3.46 x 250 x 12)
    assert firm["opex_network_EUR_per_yr"] - tb["opex_network_EUR_per_yr"] == pytest.approx(
        0.4 * (26.68 * 250 + 3.46 * 3000), abs=EUR_ATOL)
    assert any("85%" in n for n in tb["finance_notes"])


def test_ets_scope_follows_annex_I_thresholds():
    """Directive 2003/87/EC Annex I: combustion above 20 MW rated thermal input, lime above 50 t/day,
    glass above 20 t/day; the case's own ets_installation wins."""
    from heatcalc.money.ets import ets_scope
    from heatcalc.options import baseline

    small = make_case(ets_installation=None)  # 1,125 kW heat: about 1.25 MW of fuel
    ets, note = ets_scope(small, baseline(small))
    assert ets is False and "20 MW" in note and "not an EU ETS installation" in note
    assert ets_scope(make_case(ets_installation=None, site_thermal_input_MW=25), baseline(small))[0] is True
    assert ets_scope(make_case(ets_installation=None, site_thermal_input_MW=20), baseline(small))[0] is False
    big = make_case(ets_installation=None, heat_demand_kW=25000)  # fuel rate above 20 MW
    assert ets_scope(big, baseline(big))[0] is True
    assert ets_scope(make_case(ets_installation=False, heat_demand_kW=25000), baseline(big)) == (False, "")
    kiln = Case.from_dict({"case_id": "k", "process": "lime_kiln", "production_t_per_yr": 8000 * 60 / 24})
    ets, note = ets_scope(kiln, baseline(kiln))  # 60 t/day, about 7 MW of fuel
    assert ets is True and "t/day exceeds 50" in note
    # not under ETS: no CO2 price on the direct emissions in the money either
    rows = E.finance_case(small, [baseline(small)])
    assert rows[0]["opex_co2_EUR_per_yr"] == 0.0


def test_a_suppliers_quote_replaces_the_cost_curve():
    """capex_heat_pump_EUR and om_heat_pump_EUR_per_yr in the case replace the curve and the O&M shares."""
    base = E.finance_case(make_case(), make_flows())[1]
    quoted = E.finance_case(make_case(capex_heat_pump_EUR=2_500_000, om_heat_pump_EUR_per_yr=40_000), make_flows(),
                            capex_overrides={"grid_connection": {"capex_EUR": 0.0}})[1]
    assert quoted["capex_equipment_EUR"] == pytest.approx(2_500_000)
    assert quoted["opex_om_EUR_per_yr"] == pytest.approx(40_000)
    assert any("capex_EUR=2,500,000 given by the case" in n for n in quoted["finance_notes"])
    assert any("O&M 40,000 EUR/yr given by the case" in n for n in quoted["finance_notes"])
    assert quoted["capex_equipment_EUR"] != base["capex_equipment_EUR"]
    # a dearer quote lowers the NPV by its present value
    cheaper = E.finance_case(make_case(capex_heat_pump_EUR=2_000_000, om_heat_pump_EUR_per_yr=40_000), make_flows(),
                             capex_overrides={"grid_connection": {"capex_EUR": 0.0}}, subsidies=["none"])[1]
    dearer = E.finance_case(make_case(capex_heat_pump_EUR=2_500_000, om_heat_pump_EUR_per_yr=40_000), make_flows(),
                            capex_overrides={"grid_connection": {"capex_EUR": 0.0}}, subsidies=["none"])[1]
    assert cheaper["npv_EUR"] - dearer["npv_EUR"] == pytest.approx(500_000, rel=1e-9)
