"""One site bill: on a constant profile ``heatcalc hourly`` gives the annual evaluation's figures.

The hourly run of the heat pump alone (no e-boiler, the baseline plant keeping what the heat
pump cannot make) on constant profiles is the annual evaluation's ``heat_pump`` row: the same
heat, electricity, CO2 and every money figure, for boiler and CHP baselines (with the case's
``chp_eta_el``) and every ``grid_factor``.
"""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.case import Case
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.evaluation.hourly.result import simulate

#: Relative tolerance of the identity (both sides sum the same numbers in another order).
IDENTITY_RTOL = 1e-6
#: Absolute tolerance for money figures that are zero on both sides [EUR].
IDENTITY_ATOL_EUR = 1e-3

PAIRS = [  # (hourly summary key, annual heat_pump row column)
    ("cost_EUR", "opex_EUR_per_yr"), ("cost_commodity_EUR", "opex_commodity_EUR_per_yr"),
    ("cost_energy_tax_EUR", "opex_energy_tax_EUR_per_yr"), ("cost_network_EUR", "opex_network_EUR_per_yr"),
    ("cost_co2_EUR", "opex_co2_EUR_per_yr"), ("cost_om_EUR", "opex_om_EUR_per_yr"), ("capex_EUR", "capex_EUR"),
    ("npv_EUR", "npv_EUR"), ("co2_t", "co2_t_per_yr"), ("co2_saved_t", "co2_saved_t_per_yr"),
    ("E_el_MWh", "E_el_MWh_per_yr"), ("gas_m3", "gas_m3_per_yr"), ("fuel_MWh", "fuel_MWh_per_yr"),
]


def _compare(case_dict):
    case = Case.from_dict(case_dict)
    res = evaluate_case(case)
    row = res.row("heat_pump")
    if row["status"] != "ok":
        return 0
    s = simulate(case, eb_kW=0.0, evaluation=res).summary
    for hk, rk in PAIRS:
        assert math.isclose(s[hk], row[rk], rel_tol=IDENTITY_RTOL, abs_tol=IDENTITY_ATOL_EUR), \
            f"{hk}={s[hk]!r} vs {rk}={row[rk]!r} for {case_dict}"
    assert math.isclose(s["cost_baseline_EUR"], res.row("baseline")["opex_EUR_per_yr"], rel_tol=IDENTITY_RTOL)
    assert math.isclose(s["heat_hp_MWh"] + s["heat_gas_MWh"], row["heat_delivered_MWh_per_yr"],
                        rel_tol=IDENTITY_RTOL)
    return 1


BREWERY = {"case_id": "brewery", "heat_demand_kW": 3000, "operating_hours_per_yr": 6000, "T_sink_in_C": 70,
           "T_sink_out_C": 95, "T_source_in_C": 35, "T_source_out_C": 28, "eta_baseline": 0.92,
           "grid_operator": "liander", "site_el_MWh_per_yr": 8000}


@pytest.mark.parametrize("baseline, grid_factor, chp_eta_el", [
    ("gas_boiler", "average", None), ("gas_boiler", "marginal", None), ("gas_boiler", "average_chain", None),
    ("gas_chp", "average", None), ("gas_chp", "marginal", 0.35),
])
def test_brewery_hourly_equals_evaluate(baseline, grid_factor, chp_eta_el):
    case = {**BREWERY, "baseline": baseline, "grid_factor": grid_factor}
    if chp_eta_el is not None:
        case["chp_eta_el"] = chp_eta_el
    assert _compare(case) == 1


@settings(max_examples=12, deadline=None)
@given(st.fixed_dictionaries({
    "heat_demand_kW": st.floats(200, 8000), "operating_hours_per_yr": st.integers(2000, 8700),
    "T_sink_in_C": st.floats(40, 70), "lift": st.floats(10, 40), "T_source_in_C": st.floats(20, 50),
    "baseline": st.sampled_from(["gas_boiler", "gas_chp"]),
    "grid_factor": st.sampled_from(["average", "average_chain", "marginal"]),
    "grid_operator": st.sampled_from(["liander", "stedin", "enexis", "none"]),
    "site_el_MWh_per_yr": st.floats(0, 20000), "site_gas_m3_per_yr": st.one_of(st.none(), st.floats(0, 2e7)),
    "source_heat_kW": st.one_of(st.none(), st.floats(100, 8000)),
    "ets_installation": st.booleans(), "price_el_EUR_per_MWh": st.one_of(st.none(), st.floats(30, 200)),
}))
def test_random_cases_hourly_equals_evaluate(d):
    lift = d.pop("lift")
    case = {"case_id": "r", **d, "T_sink_out_C": d["T_sink_in_C"] + lift}
    case = {k: v for k, v in case.items() if v is not None}
    _compare(case)


@pytest.mark.parametrize("extra", [
    {"capex_heat_pump_EUR": 1_500_000},  # a supplier's quote replaces the cost curve
    {"om_heat_pump_EUR_per_yr": 40_000},  # and its O&M
    {"capex_heat_pump_EUR": 900_000, "om_heat_pump_EUR_per_yr": 25_000, "connection_kW": 1500,
     "connection_wait_yr": 2, "connection_charge_EUR": 250_000},
    {"transport_right": "flexible", "connection_kW": 1200},
    {"site_thermal_input_MW": 30.0},  # ETS scope derived from the rated input, not given
])
def test_quotes_connection_and_rights_hourly_equals_evaluate(extra):
    """The hourly run prices with the same site bill: supplier quotes, a connection change with
    its charge and wait, an alternative right and the derived ETS scope count the same way."""
    assert _compare({**BREWERY, "baseline": "gas_boiler", **extra}) == 1
