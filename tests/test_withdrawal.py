"""Worst-case withdrawal of a non-firm transport right (issue: the grid connection as it works).

The generator withdraws the capacity above the firm connection in the hours with the highest
basis (site demand, day-ahead price, regional load); the hourly run must then keep the new load
within the firm room in those hours, account for every kWh of heat, and never do better than
without the withdrawal. The annual evaluation's statement of the heat at risk is an upper bound
of what the hourly run finds.
"""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.case import Case
from heatcalc.core.errors import InputError
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.evaluation.hourly.profiles import worst_case_withdrawal
from heatcalc.evaluation.hourly.result import simulate

BREWERY = {"case_id": "brewery", "heat_demand_kW": 3000, "operating_hours_per_yr": 6000, "T_sink_in_C": 70,
           "T_sink_out_C": 95, "T_source_in_C": 35, "T_source_out_C": 28, "eta_baseline": 0.92,
           "grid_operator": "liander", "site_el_MWh_per_yr": 5140, "connection_kW": 1200,
           "transport_right": "time_bound"}
#: Firm room of the connection for the new load: 1200 kW less 5140 MWh/8760 h of other use [kW].
FIRM_KW = 1200.0 - 5140e3 / 8760.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-100, 1000), min_size=1, max_size=300), st.floats(0, 1))
def test_generator_withdraws_the_highest_steps_and_the_share(values, share):
    b = np.array(values)
    mask = worst_case_withdrawal(b, share)
    assert mask.sum() == math.floor(share * len(b) + 1e-9)
    if mask.any() and (~mask).any():
        assert b[mask].min() >= b[~mask].max()  # no kept step ranks above a withdrawn one


def test_generator_refuses_a_share_outside_0_to_1():
    with pytest.raises(InputError, match="0 to 1"):
        worst_case_withdrawal(np.ones(10), 1.2)


@pytest.fixture(scope="module")
def evaluated():
    case = Case.from_dict(BREWERY)
    return case, evaluate_case(case)


def _run(evaluated, **kw):
    case, res = evaluated
    return simulate(case, evaluation=res, eb_kW=0.0, gas_kW=0.0, **kw)


def test_withdrawn_hours_keep_the_new_load_within_the_firm_room(evaluated):
    r = _run(evaluated, withdraw="site")
    s, d, w = r.summary, r.dispatch, r.context.withdrawn
    assert s["withdrawn_hours"] == pytest.approx(0.15 * 8760)  # time_bound: 85 % of the hours guaranteed
    assert float(d.P_el_kW[w].max()) <= FIRM_KW + 1e-6
    assert s["grid_limit_exceeded_hours"] == 0.0
    # every kWh of heat: heat pump + gas + unmet = demand, in the withdrawn hours too
    balance = d.Q_hp_kW + d.Q_eb_kW + d.Q_gas_kW + d.Q_unmet_kW - d.inputs.Q_demand_kW
    assert np.abs(balance).max() <= 1e-6 * d.inputs.Q_demand_kW.max()
    assert s["heat_unmet_withdrawn_MWh"] > 0 and s["status"] == "infeasible"


def test_annual_heat_at_risk_bounds_what_the_hourly_run_finds(evaluated):
    case, res = evaluated
    row = res.row("heat_pump")
    s = _run(evaluated, withdraw="site").summary
    assert 0 < s["heat_unmet_withdrawn_MWh"] <= row["heat_at_risk_MWh_per_yr"] * (1 + 1e-9)


@settings(max_examples=6, deadline=None)
@given(st.floats(0.0, 0.5), st.floats(0.0, 0.5))
def test_more_withdrawal_never_delivers_more_heat(share_a, share_b):
    case = Case.from_dict(BREWERY)
    res = evaluate_case(case)
    lo, hi = sorted((share_a, share_b))
    a = simulate(case, evaluation=res, eb_kW=0.0, gas_kW=0.0, withdraw="site", withdraw_share=lo).summary
    b = simulate(case, evaluation=res, eb_kW=0.0, gas_kW=0.0, withdraw="site", withdraw_share=hi).summary
    assert b["heat_unmet_MWh"] >= a["heat_unmet_MWh"] - 1e-6


def test_firm_right_needs_an_explicit_share(evaluated):
    case = Case.from_dict({**BREWERY, "transport_right": "firm"})
    with pytest.raises(InputError, match="withdraw_share"):
        simulate(case, withdraw="site")
