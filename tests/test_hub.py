"""Regional hubs (heatcalc.hub): joint dispatch under a shared grid capacity, heat links, allocation.

Short horizons (168 h) keep the file fast; the full-year figures are in benchmarks/bench_hub.py.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from heatcalc.cli import main
from heatcalc.core.errors import InputError
from heatcalc.evaluation.hourly.profiles import Profiles
from heatcalc.hub.allocation import allocate, proportional, shapley
from heatcalc.hub.model import GRID_ATOL_KW
from heatcalc.hub.reader import hub_from_dict
from heatcalc.hub.run import run_hub

#: Heat balance tolerance per step [kW] (LP solution accuracy).
BALANCE_ATOL_KW = 1e-3
#: Cost comparison tolerance, relative to the cost [-] (LP optimality tolerance).
COST_RTOL = 1e-6
#: Allocation sums, absolute [EUR].
SUM_ATOL_EUR = 1e-6

N_H = 168
IDX = pd.date_range("2025-01-06T00:00Z", periods=N_H, freq="h")
HOUR = np.arange(N_H) % 24
DAY = (HOUR >= 6) & (HOUR < 18)

CASE = {"process": "heat", "heat_demand_kW": 3000, "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40,
        "options": "heat_pump;e_boiler", "grid_operator": "liander"}


def _hub(demands: dict[str, np.ndarray], shared_kW: float, **extra) -> object:
    members = [{"case": {**CASE, "case_id": cid}} for cid in demands]
    for m, opts in zip(members, extra.pop("member_extra", [{}] * len(members))):
        m.update(opts)
    hub = hub_from_dict({"hub_id": "test-hub", "shared_capacity_kW": shared_kW, "members": members, **extra})
    for spec, D in zip(hub.members, demands.values()):
        spec.profiles = Profiles(index=IDX, dt_h=1.0, columns={"heat_demand_kW": np.asarray(D, dtype=float),
                                                               "price_el_EUR_per_MWh": 60 + 40 * DAY})
    return hub


@pytest.fixture(scope="module")
def complementary():
    """A day-shift and a night-shift member sharing 1,500 kW (each needs about 930 kW to electrify its shift
    alone); the day member has a tank and a heat pump large enough to fill it in the cheaper night hours."""
    hub = _hub({"day": np.where(DAY, 3000.0, 300.0), "night": np.where(DAY, 300.0, 3000.0)}, 1500.0,
               member_extra=[{"storage_kWh": 6000, "hp_kW": 4500}, {}])
    return run_hub(hub)


@pytest.fixture(scope="module")
def identical():
    """Two members with the same flat load: nothing to share."""
    return run_hub(_hub({"a": np.full(N_H, 3000.0), "b": np.full(N_H, 3000.0)}, 1200.0))


def test_grid_limit_never_exceeded(complementary):
    r = complementary
    C = r.capacity_kW
    assert np.all(r.together.dispatch.P_shared_kW <= C + GRID_ATOL_KW)
    for i, c in enumerate(r.alone):  # each alone within its share
        assert np.all(c.dispatch.P_shared_kW <= r.shares[i] * C + GRID_ATOL_KW)
    d = r.to_dict()
    assert d["grid_limit_exceeded_hours"] == 0
    assert all(m["grid_limit_exceeded_hours_alone"] == 0 for m in d["members"])
    assert d["peak_shared_kW"] <= 1500.0 + GRID_ATOL_KW


def test_every_member_heat_balanced_every_hour(complementary):
    r = complementary
    for res in r.balance_residuals_kW():
        assert np.max(np.abs(res)) < BALANCE_ATOL_KW
    from heatcalc.hub.model import balance_residual_kW

    for i, c in enumerate(r.alone):
        assert np.max(np.abs(balance_residual_kW(r.members[i], c.dispatch.flows[0]))) < BALANCE_ATOL_KW
    st = r.together.dispatch.flows[0]
    assert st.E_storage_kWh.max() > 0  # the tank is used
    # storage balance as the hourly run checks it
    from heatcalc.hub.model import as_dispatch

    d = as_dispatch(r.members[0], st, np.inf)
    assert np.max(np.abs(d.storage_residual_kWh())) < BALANCE_ATOL_KW


def test_hub_not_dearer_than_members_alone(complementary):
    d = complementary.to_dict()
    assert d["cost_EUR_hub"] <= d["cost_EUR_alone"] * (1 + COST_RTOL)
    # complementary shifts gain: more heat electrified, less cost, more CO2 saved
    assert d["saving_EUR"] > 0.01 * d["cost_EUR_alone"]
    assert d["electrified_share_hub"] > d["electrified_share_alone"] + 0.01
    assert d["co2_saved_t_hub"] > d["co2_saved_t_alone"]


def test_member_without_complementary_load_gains_nothing(identical):
    d = identical.to_dict()
    assert d["cost_EUR_hub"] == pytest.approx(d["cost_EUR_alone"], rel=COST_RTOL)
    assert d["electrified_share_hub"] == pytest.approx(d["electrified_share_alone"], abs=1e-6)
    for m in d["members"]:
        assert m["allocated_benefit_EUR"] == pytest.approx(0.0, abs=COST_RTOL * m["cost_EUR_alone"])


@pytest.mark.parametrize("name", ["complementary", "identical"])
def test_allocations_add_up_to_the_hub_total(name, request):
    d = request.getfixturevalue(name).to_dict()
    total = d["cost_EUR_hub"]
    for key in ("allocated_cost_EUR", "allocated_cost_proportional_EUR", "allocated_cost_shapley_EUR"):
        assert sum(m[key] for m in d["members"]) == pytest.approx(total, abs=SUM_ATOL_EUR, rel=1e-12)
    assert d["allocation_individually_rational"]
    for m in d["members"]:  # nobody worse off than alone
        assert m["allocated_cost_EUR"] <= m["cost_EUR_alone"] * (1 + COST_RTOL)


def test_json_keys_present(complementary):
    d = json.loads(json.dumps(complementary.to_dict()))
    for k in ("hub_id", "hours", "peak_el_kW", "grid_limit_exceeded_hours", "electrified_share_alone",
              "electrified_share_hub", "co2_saved_t_alone", "co2_saved_t_hub", "cost_EUR_alone", "cost_EUR_hub",
              "members"):
        assert k in d, k
    assert d["hours"] == N_H
    for m in d["members"]:
        for k in ("case_id", "electrified_share_alone", "electrified_share_hub", "co2_saved_t_alone",
                  "co2_saved_t_hub", "cost_EUR_alone", "cost_EUR_hub", "allocated_cost_EUR",
                  "allocated_benefit_EUR"):
            assert k in m, k
    assert [m["case_id"] for m in d["members"]] == ["day", "night"]


def test_heat_link_carries_heat_within_its_limits():
    """The day member's waste heat at 85 °C covers (85 − 5 − 60)/(90 − 60) = 2/3 of the night member's demand
    at most; a 100 m pipe at 40 W/m loses 4 kW."""
    hub = _hub({"day": np.where(DAY, 3000.0, 300.0), "night": np.where(DAY, 300.0, 3000.0)}, 1500.0,
               heat_links=[{"from": "day", "to": "night", "heat_kW": 1000, "T_C": 85, "distance_m": 100}])
    r = run_hub(hub)
    lk = r.links[0]
    assert lk.loss_kW == pytest.approx(4.0)
    assert lk.share == pytest.approx(np.full(N_H, 2.0 / 3.0))
    q = r.together.dispatch.link_flows["day->night"]
    D = r.members[1].inputs.Q_demand_kW
    assert np.all(q <= 1000.0 - 4.0 + 1e-6) and np.all(q <= 2.0 / 3.0 * D + 1e-6)
    d = r.to_dict()
    assert d["heat_links"][0]["used"] and d["heat_links"][0]["heat_MWh"] > 0
    assert d["members"][1]["heat_link_in_MWh_hub"] > 0
    for res in r.balance_residuals_kW():
        assert np.max(np.abs(res)) < BALANCE_ATOL_KW
    assert d["cost_EUR_hub"] <= d["cost_EUR_alone"] * (1 + COST_RTOL)


def test_member_firm_capacity_is_its_own():
    """A member with 500 kW of its own firm capacity (case grid_capacity_kW) loads the shared capacity only
    beyond it."""
    hub = _hub({"day": np.where(DAY, 3000.0, 300.0), "night": np.where(DAY, 300.0, 3000.0)}, 800.0)
    hub.members[0].case = hub.members[0].case.model_copy(update={"grid_capacity_kW": 500.0})
    r = run_hub(hub, allocation="proportional")
    f = r.together.dispatch.flows[0]
    assert np.all(f.P_shared_kW == pytest.approx(np.maximum(f.P_el_kW - 500.0, 0.0)))
    assert np.max(f.P_el_kW) > 500.0 + 1.0
    assert np.all(r.together.dispatch.P_shared_kW <= 800.0 + GRID_ATOL_KW)
    assert r.to_dict()["allocation_rule"] == "proportional"


# ---------------------------------------------------------------------------------------------------------
# allocation rules against independent results
def test_shapley_airport_game():
    """Airport game (Littlechild & Owen, Management Science 20(3), 1973): runway costs c1 ≤ c2 ≤ c3 for three
    plane types; the Shapley value splits each segment equally among those who use it:
    φ1 = c1/3, φ2 = c1/3 + (c2 − c1)/2, φ3 = φ2 + (c3 − c2)."""
    c = (30.0, 50.0, 80.0)

    def v(s):
        return max(c[i] for i in s)

    phi = shapley(3, v)
    assert phi == pytest.approx([10.0, 20.0, 50.0])
    assert sum(phi) == pytest.approx(80.0)


def test_allocation_falls_back_when_shapley_leaves_a_member_worse_off():
    """A cost game where the Shapley value makes member 0 pay 14.67 > 10 alone; the proportional rule does not."""
    v = {frozenset({0}): 10, frozenset({1}): 10, frozenset({2}): 10, frozenset({0, 1}): 20, frozenset({0, 2}): 20,
         frozenset({1, 2}): 5, frozenset({0, 1, 2}): 29}
    phi = shapley(3, v.__getitem__)
    assert phi[0] == pytest.approx(44.0 / 3.0)
    a = allocate(29.0, [10.0, 10.0, 10.0], shapley_EUR=phi, names=["x", "y", "z"])
    assert a["rule"] == "proportional" and a["individually_rational"]
    assert "x by 5 EUR worse off" in a["message"]
    assert sum(a["allocated_EUR"]) == pytest.approx(29.0)


def test_no_allocation_when_the_hub_costs_more():
    a = allocate(110.0, [60.0, 40.0])
    assert not a["individually_rational"]
    assert "no allocation leaves every member at least as well off" in a["message"]
    assert sum(a["allocated_EUR"]) == pytest.approx(110.0)
    assert proportional(90.0, [60.0, 40.0]) == pytest.approx([54.0, 36.0])


# ---------------------------------------------------------------------------------------------------------
# the hub file and the command
def _write_hub(tmp_path, **changes):
    prof = pd.DataFrame({"timestamp": IDX.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "heat_demand_kW": np.where(DAY, 3000.0, 300.0)})
    prof.to_csv(tmp_path / "day.csv", index=False)
    prof.assign(heat_demand_kW=np.where(DAY, 300.0, 3000.0)).to_csv(tmp_path / "night.csv", index=False)
    pd.DataFrame({"timestamp": prof["timestamp"], "shared_capacity_kW": np.where(DAY, 1500.0, 1200.0)}).to_csv(
        tmp_path / "cap.csv", index=False)
    d = {"hub_id": "file-hub", "shared_capacity_kW": "cap.csv",
         "members": [{"case": {**CASE, "case_id": "day"}, "profiles": "day.csv"},
                     {"case": {**CASE, "case_id": "night"}, "profiles": "night.csv", "storage_kWh": 3000}],
         "heat_links": [{"from": "day", "to": "night", "heat_kW": 500, "T_C": 85, "distance_m": 100}]}
    d.update(changes)
    (tmp_path / "hub.json").write_text(json.dumps(d), encoding="utf-8")
    return tmp_path / "hub.json"


def test_cli_json_and_out(tmp_path, capsys):
    path = _write_hub(tmp_path)
    out = tmp_path / "hourly.csv"
    assert main(["hub", str(path), "--json", "--out", str(out)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["hub_id"] == "file-hub" and d["grid_limit_exceeded_hours"] == 0
    assert d["shared_capacity_kW"] == 1500.0 and d["shared_capacity_min_kW"] == 1200.0
    t = pd.read_csv(out)
    assert len(t) == N_H
    assert (t["P_shared_kW"] <= t["shared_capacity_kW"] + GRID_ATOL_KW).all()
    for col in ("timestamp", "day:Q_hp_kW", "night:E_storage_kWh", "night:Q_link_in_kW", "day->night:Q_kW"):
        assert col in t.columns
    assert main(["hub", str(path)]) == 0
    assert "allocated" in capsys.readouterr().out


BAD = [
    ({"hub_id": ""}, "hub_id"),
    ({"shared_capacity_kW": -5}, "shared_capacity_kW"),
    ({"shared_capacity_kW": None}, "shared_capacity_kW"),
    ({"shared_capacity_kW": "missing.csv"}, "shared_capacity_kW"),
    ({"members": []}, "members"),
    ({"members": [{"profiles": "day.csv"}]}, "members[0].case"),
    ({"members": [{"case": {**CASE, "case_id": "a", "T_sink_out_C": "hot"}}]}, "members[0].case"),
    ({"members": [{"case": {**CASE, "case_id": "a"}, "storage_kWh": -1}]}, "members[0].storage_kWh"),
    ({"members": [{"case": {**CASE, "case_id": "a"}, "profile": "day.csv"}]}, "members[0]: unknown field"),
    ({"members": [{"case": {**CASE, "case_id": "a"}, "profiles": "nope.csv"}]}, "members[0].profiles"),
    ({"members": [{"case": {**CASE, "case_id": "a"}}, {"case": {**CASE, "case_id": "a"}}]}, "case_id 'a'"),
    ({"heat_links": [{"from": "day", "to": "mars", "heat_kW": 5, "T_C": 80, "distance_m": 10}]},
     "heat_links[0].to"),
    ({"heat_links": [{"from": "day", "to": "night", "heat_kW": 5, "T_C": 80, "distance_m": -10}]},
     "heat_links[0].distance_m"),
    ({"heat_links": [{"from": "day", "to": "night", "heat_kW": 5, "T_C": 80}]}, "heat_links[0].distance_m"),
    ({"allocation": "fair"}, "allocation"),
    ({"transport_right": "shared"}, "transport_right"),
    ({"shared_capacity_kW": 1000, "members": [{"case": {**CASE, "case_id": "day"}, "capacity_kW": 800},
                                              {"case": {**CASE, "case_id": "night"}, "capacity_kW": 800}]},
     "capacity_kW"),
]


@pytest.mark.parametrize("changes,field", BAD, ids=[b[1] for b in BAD])
def test_bad_hub_file_names_the_field(tmp_path, capsys, changes, field):
    path = _write_hub(tmp_path, **changes)
    from heatcalc.hub.reader import read_hub

    with pytest.raises(InputError, match=None) as exc:
        read_hub(path)
    assert field in str(exc.value)
    assert main(["hub", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and field in err and "Traceback" not in err


def test_profiles_of_different_periods_are_refused(tmp_path):
    path = _write_hub(tmp_path)
    short = pd.read_csv(tmp_path / "night.csv").iloc[:100]
    short.to_csv(tmp_path / "night.csv", index=False)
    from heatcalc.hub.model import hub_grid
    from heatcalc.hub.reader import read_hub

    with pytest.raises(InputError, match=r"members\[1\]\.profiles"):
        hub_grid(read_hub(path))


def test_not_a_hub_file(tmp_path, capsys):
    p = tmp_path / "x.json"
    p.write_text("[1, 2", encoding="utf-8")
    assert main(["hub", str(p)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["hub", str(tmp_path / "none.json")]) == 2


def test_member_without_demand_profile_demands_every_step_of_the_hub_period():
    """With another member's 168 h demand profile, a member without one demands its heat_demand_kW in each of the
    168 steps (energy weight 1), not a year's operating hours."""
    hub = _hub({"day": np.where(DAY, 3000.0, 300.0), "flat": np.full(N_H, 1.0)}, 1500.0)
    hub.members[1].profiles = None
    r = run_hub(hub, allocation="proportional")
    m = r.members[1]
    assert m.inputs.energy_weight == 1.0
    assert np.all(m.inputs.Q_demand_kW == CASE["heat_demand_kW"])
    d = r.to_dict()
    assert d["members"][1]["heat_demand_MWh"] == pytest.approx(CASE["heat_demand_kW"] * N_H / 1000.0)
    assert any("no heat_demand_kW profile" in w for w in d["warnings"])


# =========================================================================================
# shared assets and the CO2 objective
#: Two day-shift members whose day load does not fit 1,200 kW: night headroom a shared store can use.
DAYSHIFT = {"a": np.where(DAY, 3000.0, 0.0), "b": np.where(DAY, 3000.0, 0.0)}

BATTERY = {"kind": "battery", "site": "a", "capacity_kWh": 6000, "power_kW": 1000, "capex_EUR": 0}
HP_NET = [{"kind": "heat_pump", "site": "b", "heat_kW": 2000, "T_C": 95, "T_source_C": 40, "capex_EUR": 0},
          {"kind": "heat_store", "site": "b", "capacity_kWh": 12000, "T_C": 95, "capex_EUR": 0}]


@pytest.fixture(scope="module")
def dayshift():
    return run_hub(_with_columns(_hub(DAYSHIFT, 1200.0), price_el_EUR_per_MWh=PRICE_SPIKE))


#: A price spike in the first two hours of each day, when the day-shift members draw nothing: a battery free to
#: feed the grid would discharge into it [EUR/MWh].
PRICE_SPIKE = np.where(DAY, 100.0, 60.0) + np.where(HOUR < 2, 240.0, 0.0)


def _with_columns(hub, **cols):
    for spec in hub.members:
        spec.profiles.columns.update({k: np.asarray(v, dtype=float) for k, v in cols.items()})
    return hub


@pytest.fixture(scope="module", params=["battery", "heat_network"])
def with_assets(request):
    assets = [BATTERY] if request.param == "battery" else HP_NET
    return run_hub(_with_columns(_hub(DAYSHIFT, 1200.0, shared_assets=assets), price_el_EUR_per_MWh=PRICE_SPIKE))


def test_shared_assets_keep_the_limit_and_every_balance(with_assets):
    r = with_assets
    jd = r.together.dispatch
    P = jd.P_shared_kW
    assert np.all(P <= r.capacity_kW + GRID_ATOL_KW)
    assert np.all(P >= -GRID_ATOL_KW)  # a battery never feeds the grid
    for res in r.balance_residuals_kW():
        assert np.max(np.abs(res)) < BALANCE_ATOL_KW
    dt = r.dt_h
    for a in r.assets:
        af = jd.asset_flows[a.name]
        if a.is_producer:
            assert np.all(af.Q_kW <= a.heat_kW + BALANCE_ATOL_KW)
            assert af.P_el_kW == pytest.approx(af.Q_kW * a.el_per_heat)
            continue
        # content: E_t = E_t-1·ρ + Δt·(η_c·ch − dis/η_d), never above the capacity, starting empty
        E_prev = np.concatenate([[0.0], af.E_kWh[:-1]])
        resid = af.E_kWh - (a.retain_per_h ** dt * E_prev + dt * (a.eta_charge * af.charge_kW
                                                                  - af.discharge_kW / a.eta_discharge))
        assert np.max(np.abs(resid)) < BALANCE_ATOL_KW
        assert af.E_kWh.max() <= a.capacity_kWh + BALANCE_ATOL_KW
    net = [a for a in r.assets if a.is_heat]
    if net:  # heat sent into the network = heat the members take from it
        sent = sum(jd.asset_flows[a.name].Q_kW if a.is_producer else
                   jd.asset_flows[a.name].discharge_kW - jd.asset_flows[a.name].charge_kW for a in net)
        taken = sum(f.Q_shared_in_kW for f in jd.flows)
        assert np.max(np.abs(sent - taken)) < BALANCE_ATOL_KW
        for m, f in zip(r.members, jd.flows):  # never more than the heat at the network temperature can cover
            from heatcalc.hub.model import usable_share

            assert np.all(f.Q_shared_in_kW <= usable_share(m, 95.0) * m.inputs.Q_demand_kW + BALANCE_ATOL_KW)


def test_shared_asset_never_makes_the_hub_dearer_and_a_free_one_helps(dayshift, with_assets):
    d0, d1 = dayshift.to_dict(), with_assets.to_dict()
    assert d1["cost_EUR_hub"] <= d0["cost_EUR_hub"] * (1 + COST_RTOL)
    # a free store moves night headroom into the day: more heat electrified under the same limit
    assert d1["electrified_share_hub"] > d0["electrified_share_hub"] + 0.05
    assert all(a["used"] for a in d1["shared_assets"])
    assert d1["grid_limit_exceeded_hours"] == 0
    assert d1["cost_EUR_hub"] <= d1["cost_EUR_alone"] * (1 + COST_RTOL)
    # the hub's cost with the assets' yearly cost is what the allocation divides, and nobody pays more than alone
    assert sum(m["allocated_cost_EUR"] for m in d1["members"]) == pytest.approx(d1["cost_EUR_hub"], abs=SUM_ATOL_EUR,
                                                                              rel=1e-12)
    assert d1["allocation_individually_rational"]
    used = [c for c in (with_assets.together, *with_assets.alone) if c.assets_used]
    for c in used:
        assert c.asset_cost_EUR == pytest.approx(sum(a.annual_cost_EUR for a in with_assets.assets
                                                     if a.name in c.assets_used) * N_H / 8760.0)


def test_shared_asset_that_does_not_pay_is_left_out(dayshift):
    """A battery at a price no saving covers is not built: the hub equals the hub without it, with a warning."""
    dear = {**BATTERY, "capex_EUR": 1e9}
    r = run_hub(_hub(DAYSHIFT, 1200.0, shared_assets=[dear]))
    d, d0 = r.to_dict(), dayshift.to_dict()
    assert d["cost_EUR_hub"] == pytest.approx(d0["cost_EUR_hub"], rel=COST_RTOL)
    assert d["shared_assets"][0]["used"] is False and d["shared_assets_cost_EUR"] == 0.0
    assert any("battery0" in w and "not used" in w for w in d["warnings"])


def test_shared_asset_costs_come_from_the_data_files():
    """Battery investment = DEA storage + inverter figures of data/hub_assets.csv; shared heat pump COP never
    above Carnot between its source and delivery temperatures."""
    from heatcalc.core.units import C_to_K
    from heatcalc.hub.model import hub_asset_figure, hub_grid, prepare_asset, prepare_member
    from heatcalc.thermo.cop_models import carnot_cop

    hub = _hub(DAYSHIFT, 1200.0, shared_assets=[{**BATTERY, "capex_EUR": None}, HP_NET[0] | {"capex_EUR": None}])
    r_members = [prepare_member(s, hub_grid(hub)) for s in hub.members]
    bat = prepare_asset(hub.shared_assets[0], r_members)
    assert bat.capex_EUR == pytest.approx(6000 * hub_asset_figure("battery_capex_EUR_per_kWh")
                                          + 1000 * hub_asset_figure("battery_inverter_capex_EUR_per_kW"))
    assert bat.annual_cost_EUR > 0
    hp = prepare_asset(hub.shared_assets[1], r_members)
    assert 1.0 < 1.0 / hp.el_per_heat <= float(carnot_cop(C_to_K(95.0), C_to_K(40.0)))
    assert hp.capex_EUR > 0


#: Grid CO2 factor low in the (dear) day hours and high in the (cheap) night hours, so that least cost and
#: least CO2 pull the storage opposite ways [kg/kWh].
EF_DAY_CLEAN = np.where(DAY, 0.05, 0.60)


@pytest.fixture(scope="module")
def co2_pair():
    """Two hubs at least cost and at least CO2 with the cost at most 0.5 % above the least: the day-shift hub with
    a shared battery, and the complementary hub with the day member's tank (least CO2 without a cap costs about
    1 % and 3 % more than least cost, so the cap binds in both)."""
    kw = dict(member_extra=[{"storage_kWh": 6000, "hp_kW": 4500}, {}])
    dem = {"day": np.where(DAY, 3000.0, 300.0), "night": np.where(DAY, 300.0, 3000.0)}
    bat = [{**BATTERY, "capex_EUR": 50000}]
    out = []
    for d, cap, extra in ((DAYSHIFT, 1200.0, {"shared_assets": bat}), (dem, 1500.0, kw)):
        pair = []
        for obj in ({}, {"objective": "co2", "cost_cap_pct": 0.5}):
            hub = _with_columns(_hub(d, cap, **{**extra, **obj}), ef_grid_kgCO2_per_kWh=EF_DAY_CLEAN)
            pair.append(run_hub(hub))
        out.append(tuple(pair))
    return out


def test_co2_objective_never_emits_more_than_the_cost_objective(co2_pair):
    for cost, co2 in co2_pair:
        a, b = cost.to_dict(), co2.to_dict()
        assert b["objective"] == "co2" and a["objective"] == "cost"
        assert b["co2_t_hub"] <= a["co2_t_hub"] + 1e-6 * abs(a["co2_t_hub"]) + 1e-9
        assert b["co2_saved_t_hub"] >= a["co2_saved_t_hub"] - 1e-6 * abs(a["co2_saved_t_hub"]) - 1e-9
        for c_cost, c_co2 in zip(cost.alone, co2.alone):  # alone too, each under its own cap
            assert c_co2.co2_t <= c_cost.co2_t + 1e-6 * abs(c_cost.co2_t) + 1e-9
        assert b["grid_limit_exceeded_hours"] == 0


def test_co2_objective_respects_the_cost_cap(co2_pair):
    for cost, co2 in co2_pair:
        a, b = cost.to_dict(), co2.to_dict()
        assert b["least_cost_EUR_hub"] == pytest.approx(a["cost_EUR_hub"], rel=COST_RTOL)
        assert b["cost_cap_EUR"] == pytest.approx(1.005 * a["cost_EUR_hub"], rel=COST_RTOL)
        assert b["cost_EUR_hub"] <= b["cost_cap_EUR"] * (1 + COST_RTOL)
        assert b["cost_EUR_hub"] >= a["cost_EUR_hub"] * (1 - COST_RTOL)  # never below the least cost
        for c in co2.alone + [co2.together]:
            assert c.cost_EUR <= c.cost_cap_EUR * (1 + COST_RTOL)
        tot = b["cost_EUR_hub"]  # allocations still add up to what the hub pays
        assert sum(m["allocated_cost_EUR"] for m in b["members"]) == pytest.approx(tot, abs=SUM_ATOL_EUR, rel=1e-12)
        # the cap binds (least CO2 would cost more): the CO2 objective spends the slack to emit less
        assert b["cost_EUR_hub"] == pytest.approx(b["cost_cap_EUR"], rel=1e-4)
        assert b["co2_t_hub"] < a["co2_t_hub"] * 0.999


def test_zero_cost_cap_gives_the_least_cost():
    r = run_hub(_hub(DAYSHIFT, 1200.0, objective="co2", cost_cap_pct=0))
    d = r.to_dict()
    assert d["cost_EUR_hub"] == pytest.approx(d["least_cost_EUR_hub"], rel=1e-5)


def test_cost_cap_below_the_least_cost_is_an_input_error():
    with pytest.raises(InputError, match="cost_cap_EUR"):
        run_hub(_hub(DAYSHIFT, 1200.0, objective="co2", cost_cap_EUR=1.0))


BAD_ASSETS = [
    ([{"kind": "flywheel"}], "shared_assets[0].kind"),
    ([{"kind": "battery", "capacity_kWh": 100}], "shared_assets[0].power_kW"),
    ([{"kind": "battery", "site": "mars", "capacity_kWh": 100, "power_kW": 10}], "shared_assets[0].site"),
    ([{"kind": "battery", "capacity_kWh": -1, "power_kW": 10}], "shared_assets[0].capacity_kWh"),
    ([{"kind": "heat_store", "capacity_kWh": 100, "T_C": 90}], "shared_assets[0]: a shared heat_store"),
    ([{"kind": "heat_pump", "heat_kW": 100, "T_C": 90, "T_source_C": 40, "cop": 9}], "shared_assets[0].cop"),
    ([{"kind": "heat_pump", "heat_kW": 100, "T_C": 40, "T_source_C": 60}], "shared_assets[0].T_source_C"),
    ([{"kind": "eboiler", "heat_kW": 100, "T_C": 90, "serves": ["mars"]}], "shared_assets[0].serves"),
    ([{"kind": "eboiler", "heat_kW": 100, "T_C": 90, "volts": 3}], "shared_assets[0]: unknown field"),
]


@pytest.mark.parametrize("assets,field", BAD_ASSETS, ids=[b[1] for b in BAD_ASSETS])
def test_bad_shared_asset_names_the_field(tmp_path, capsys, assets, field):
    path = _write_hub(tmp_path, shared_assets=assets)
    assert main(["hub", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and field in err and "Traceback" not in err


@pytest.mark.parametrize("changes,field", [({"objective": "co2"}, "cost cap"),
                                           ({"objective": "green"}, "objective"),
                                           ({"cost_cap_pct": 5}, "objective='co2'"),
                                           ({"objective": "co2", "cost_cap_pct": -5}, "cost_cap_pct")])
def test_bad_objective_names_the_field(tmp_path, capsys, changes, field):
    path = _write_hub(tmp_path, **changes)
    assert main(["hub", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and field in err and "Traceback" not in err


# =========================================================================================
# the report's hub section
def test_hub_report_section_shows_members_charts_and_escapes_user_text(complementary):
    from heatcalc.report.hub_section import build_context, render_page, render_section

    d = complementary.to_dict()
    d = {**d, "hub_id": "<script>alert(1)</script>",
         "members": [{**m, "case_id": m["case_id"] + "<b>"} for m in d["members"]]}
    table = complementary.table().rename(columns=lambda c: c.replace("day:", "day<b>:").replace("night:",
                                                                                                 "night<b>:"))
    html_en = render_section(d, table, "en")
    assert "<script>" not in html_en and "&lt;script&gt;" in html_en
    assert "<b>" not in html_en and "day&lt;b&gt;" in html_en
    assert html_en.count("<svg") == 2  # busiest week and daily means
    for m in d["members"]:  # every member's allocation is printed as computed
        assert f"{m['allocated_cost_EUR']:,.0f}" in html_en
    ctx = build_context(d, table, "nl")
    assert ctx["summary"][0][1].endswith("%") and "," in ctx["summary"][0][1]  # decimal comma
    page = render_page(d, table, "nl")
    assert page.startswith("<!DOCTYPE html>") and "Regionale hub" in page


def test_cli_hub_report(tmp_path, capsys):
    path = _write_hub(tmp_path)
    out = tmp_path / "hub.html"
    assert main(["hub", str(path), "--json", "--report", str(out)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["report"] == str(out)
    text = out.read_text(encoding="utf-8")
    assert "file-hub" in text and "day" in text and "night" in text and text.count("<svg") == 2
    assert main(["hub", str(path), "--report", str(tmp_path / "hub.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "--report" in err and "Traceback" not in err
    pytest.importorskip("weasyprint")
    pdf = tmp_path / "hub.pdf"
    assert main(["hub", str(path), "--report", str(pdf), "--lang", "nl"]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"


# =========================================================================================
# the app page
def test_app_region_hub_page_in_the_navigation():
    """The page is reachable from the app's navigation and shows the metrics, the member table, the stack charts
    over a week and the period, the alone/hub comparison and the heat-link flows of the example."""
    pytest.importorskip("streamlit")
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "app.py"), default_timeout=300).run()
    at.switch_page("views/hub.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Region / hub" in t.value for t in at.title)
    labels = [m.label for m in at.metric]
    assert any("Electrified share" in lb for lb in labels) and any("over the shared limit" in lb for lb in labels)
    assert next(m for m in at.metric if "over the shared limit" in m.label).value == "0"
    frames = at.dataframe
    assert any("allocated [€]" in f.value.columns for f in frames)
    members = next(f.value for f in frames if "allocated [€]" in f.value.columns)
    assert list(members["case_id"]) == ["dairy", "biotech"]
    charts = at.get("plotly_chart")
    assert len(charts) >= 5  # week, period, alone/hub, link flows over the week and the period


def test_pipe_heat_loss_check_row_recomputes_and_default_is_cautious():
    """The derived check of data/heat_links.csv recomputes from its stated inputs (EN 253 lambda, catalogue
    DN100 dimensions, 80/40 °C against 10 °C ground), and the default loss is not below it."""
    import math

    from heatcalc.hub.model import heat_link_figure

    R = math.log(200.0 / 114.3) / (2 * math.pi * 0.029)  # insulation resistance per metre [m K/W]
    q = (80.0 - 10.0) / R + (40.0 - 10.0) / R
    assert heat_link_figure("pipe_heat_loss_check_W_per_m") == pytest.approx(q, abs=0.05)
    assert heat_link_figure("pipe_heat_loss_W_per_m") >= heat_link_figure("pipe_heat_loss_check_W_per_m")


def test_app_region_hub_member_table_in_dutch():
    """Dutch chosen: the member table's headers are Dutch (they were English on the Dutch page)."""
    pytest.importorskip("streamlit")
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "app.py"), default_timeout=300)
    at.query_params["lang"] = "nl"
    at.run()
    at.switch_page("views/hub.py").run()
    assert not at.exception, [e.value for e in at.exception]
    members = next(f.value for f in at.dataframe if "toegewezen [€]" in f.value.columns)
    assert "CO2 bespaard hub [t]" in members.columns and not any("saved" in c for c in members.columns)


def test_nox_unit_in_dutch():
    from heatcalc.present.i18n import column_label

    assert column_label("nox_kg_per_yr", "nl").endswith("[kg/jr]")
    assert column_label("nox_kg_per_yr", "en").endswith("[kg/yr]")
