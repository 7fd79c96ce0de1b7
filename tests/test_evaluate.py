"""The orchestrator: contract columns, sanity of energy balances, infeasible branches, best option."""
import json
import math
from pathlib import Path

import pytest

from heatcalc.case import Case
from heatcalc.columns import RESULT_COLUMNS
from heatcalc.evaluation.annual import evaluate_case, evaluate_record

ROOT = Path(__file__).resolve().parents[1]

EXAMPLES = sorted((Path(__file__).parents[1] / "data" / "examples").glob("*.json"))
REL = 1e-9


def brewery(**kw):
    d = dict(case_id="b", heat_demand_kW=3000, operating_hours_per_yr=6000, T_sink_in_C=70, T_sink_out_C=95,
             T_source_in_C=35, T_source_out_C=28, eta_baseline=0.92)
    d.update(kw)
    return d


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_evaluates_with_contract_columns(path):
    from heatcalc.case import load_case

    res = evaluate_case(load_case(path))  # a case file: its streams file is relative to it
    assert res.rows[0]["option"] == "baseline"
    assert [r["option"] for r in res.rows[1:]] == list(res.case.selected_options)
    for r in res.rows:
        assert set(RESULT_COLUMNS) <= set(r)
        assert r["status"] in ("ok", "infeasible")
        if r["status"] == "infeasible":
            assert r["message"]
    assert sum(bool(r["best"]) for r in res.rows) <= 1


def test_heat_pump_balances_and_co2_saved():
    res = evaluate_case(brewery(options="heat_pump"))
    base, hp = res.rows
    assert hp["status"] == "ok"
    assert hp["E_el_MWh_per_yr"] * hp["cop"] == pytest.approx(hp["heat_delivered_MWh_per_yr"], rel=REL)
    assert hp["heat_delivered_MWh_per_yr"] == pytest.approx(3000 * 6000 / 1000, rel=REL)
    assert hp["co2_saved_t_per_yr"] == pytest.approx(base["co2_t_per_yr"] - hp["co2_t_per_yr"], rel=REL)
    assert hp["P_el_kW"] == pytest.approx(3000 / hp["cop"], rel=REL)
    assert hp["fuel_MWh_per_yr"] == 0
    # the designed machine never beats the Lorenz COP of its streams
    assert hp["cop"] < hp["cop_lorenz"]
    assert hp["T_evap_C"] < 28 and hp["T_cond_C"] > 95


def test_source_heat_limit_leaves_backup_heat():
    res = evaluate_case(brewery(options="heat_pump", source_heat_kW=1000))
    hp = res.row("heat_pump")
    q_evap_per_q_cond = 1 - 1 / hp["cop"]
    q_hp = 1000 / q_evap_per_q_cond
    assert hp["E_el_MWh_per_yr"] == pytest.approx(q_hp / hp["cop"] * 6, rel=1e-9)
    assert hp["heat_backup_MWh_per_yr"] == pytest.approx((3000 - q_hp) * 6, rel=1e-9)
    assert hp["gas_m3_per_yr"] > 0
    assert any("source_heat_kW" in w for w in hp["warnings"])


def test_grid_limit_sets_fits_grid():
    res = evaluate_case(brewery(options="heat_pump;e_boiler", grid_capacity_kW=2000))
    assert res.row("heat_pump")["fits_grid"] is True
    eb = res.row("e_boiler")
    assert eb["fits_grid"] is False
    assert any("grid capacity" in w for w in eb["warnings"])
    assert res.row("baseline")["fits_grid"] is True


@pytest.mark.parametrize("kw, option, words", [
    (dict(T_source_in_C=None, T_source_out_C=None), "heat_pump", "T_source_in_C"),
    (dict(), "mvr", "vapour source"),
    (dict(), "steam_hp", "makes steam"),
    (dict(T_source_in_C=120, T_source_out_C=110), "heat_pump", "direct heat exchange"),
    (dict(T_sink_in_C=200, T_sink_out_C=260, sink_medium="thermal_oil"), "heat_pump", "no heat pump"),
    (dict(), "electric_kiln", "lime_kiln or glass_furnace"),
])
def test_infeasible_branches_say_why(kw, option, words):
    res = evaluate_case(brewery(options=option, **kw))
    r = res.row(option)
    assert r["status"] == "infeasible"
    assert words in r["message"]
    # an option that does not run has no load: fits_grid is empty, not "NO"
    assert math.isnan(r["npv_EUR"]) and r["fits_grid"] is None


def test_mvr_on_vapour_source_and_steam_hp_on_steam_sink():
    res = evaluate_case(dict(case_id="s", heat_demand_kW=5000, sink_medium="steam", T_sink_in_C=100,
                             T_sink_out_C=118, source_medium="vapour", T_source_in_C=102, options="mvr;steam_hp"))
    mvr, shp = res.row("mvr"), res.row("steam_hp")
    assert mvr["status"] == "ok" and mvr["refrigerant"] == "R718"
    assert shp["status"] == "ok"
    for r in (mvr, shp):
        carnot = (118 + 273.15) / (118 - 102)
        assert 1 < r["cop"] < carnot


def test_chp_baseline_power_decides_grid_need():
    res = evaluate_case(brewery(options="heat_pump", baseline="gas_chp", eta_baseline=0.5))
    base, hp = res.rows
    assert base["E_el_MWh_per_yr"] < 0
    p_chp = 3000 / 0.5 * 0.40
    assert hp["P_el_kW"] == pytest.approx(3000 / hp["cop"] + p_chp, rel=1e-9)


def test_no_best_option_when_nothing_saves_co2():
    res = evaluate_case(dict(case_id="k", process="lime_kiln", production_t_per_yr=30000))
    assert all(r["co2_saved_t_per_yr"] < 0 for r in res.rows[1:])
    assert res.best is None
    assert any("no best option" in n for n in res.notes)


def test_best_is_highest_npv_among_fitting_co2_saving_options():
    res = evaluate_case(brewery())
    best = res.best
    ok = [r for r in res.rows[1:] if r["status"] == "ok" and r["fits_grid"] and r["co2_saved_t_per_yr"] > 0]
    assert best is not None and best["npv_EUR"] == max(r["npv_EUR"] for r in ok)


def test_evaluate_record_never_raises_for_bad_rows():
    rows = evaluate_record({"case_id": "bad", "heat_demand_kW": "lots", "T_sink_in_C": 50, "T_sink_out_C": 60})
    assert len(rows) == 1 and rows[0]["status"] == "error" and rows[0]["case_id"] == "bad"
    assert "heat_demand_kW='lots'" in rows[0]["message"]
    assert evaluate_record({"heat_demand_kW": 1})[0]["case_id"] == ""


def test_case_object_and_dict_give_identical_rows():
    a = evaluate_case(brewery()).to_frame()
    b = evaluate_case(Case.from_dict(brewery())).to_frame()
    assert a.equals(b)


def test_dryer_without_sink_temperatures_keeps_boilers_and_says_what_the_heat_pump_needs():
    res = evaluate_case(dict(case_id="d", process="dryer", heat_demand_kW=1000, T_source_in_C=70))
    for option in ("heat_pump", "mvr", "steam_hp"):
        r = res.row(option)
        assert r["status"] == "infeasible" and "T_sink_in_C and T_sink_out_C" in r["message"]
    assert res.row("e_boiler")["status"] == "ok"


def test_impossible_designs_are_cached_with_their_reason():
    from heatcalc.options import heat_pumps as hp_design

    case = dict(case_id="x", heat_demand_kW=100, T_sink_in_C=200, T_sink_out_C=260, sink_medium="thermal_oil",
                T_source_in_C=35, options="heat_pump")
    first = evaluate_case(case).row("heat_pump")["message"]
    hits = hp_design._select.cache_info().hits
    second = evaluate_case(dict(case, case_id="y")).row("heat_pump")["message"]
    assert hp_design._select.cache_info().hits == hits + 1
    assert first == second and "no heat pump" in first


def test_full_load_hours_are_those_of_the_options_own_load():
    res = evaluate_case(brewery(options="heat_pump;e_boiler", baseline="gas_chp", eta_baseline=0.5))
    for option in ("heat_pump", "e_boiler"):
        assert res.row(option)["full_load_hours_per_yr"] == pytest.approx(6000, rel=1e-9)


def test_a_vanishing_production_is_evaluated_without_an_internal_error():
    """Regression (found by the batch property test): a kiln making 2.2e-309 t/yr gave every option an
    NPV of 0 at both ends of the break-even bracket, and the secant step divided by zero."""
    res = evaluate_case(Case.model_validate({"case_id": "tiny", "process": "lime_kiln",
                                             "production_t_per_yr": 2.225073858507203e-309}))
    assert {r["status"] for r in res.rows} <= {"ok", "infeasible"}


def test_the_option_registry_has_every_option_of_the_schema_in_its_order():
    from heatcalc.case import OPTIONS
    from heatcalc.options import OPTION_MODELS

    assert tuple(OPTION_MODELS) == OPTIONS


def test_every_ok_row_delivers_all_heat_and_reports_no_unmet_heat():
    """Every kWh of heat is accounted for: an ok option delivers the baseline's heat (backup
    included) and its heat_unmet_MWh_per_yr is 0; rows that do not run have no figure."""
    import glob

    from heatcalc.case import load_case

    for path in sorted(glob.glob(str(ROOT / "data" / "examples" / "*.json"))):
        res = evaluate_case(load_case(path))
        base = res.row("baseline")
        for r in res.rows:
            if r["status"] == "ok":
                assert r["heat_unmet_MWh_per_yr"] == 0.0, (path, r["option"])
                assert math.isclose(r["heat_delivered_MWh_per_yr"], base["heat_delivered_MWh_per_yr"], rel_tol=1e-9)
            else:
                assert math.isnan(r["heat_unmet_MWh_per_yr"])


def test_grid_load_is_own_load_plus_replaced_chp_power():
    """P_el_kW is the grid load an option causes; the two columns it is made of say which part is which."""
    for baseline in ("gas_boiler", "gas_chp"):
        res = evaluate_case(brewery(baseline=baseline))
        for r in res.rows:
            if r["status"] == "ok":
                assert math.isclose(r["P_el_kW"], r["P_el_own_kW"] + r["P_el_chp_replaced_kW"], rel_tol=1e-12)
                if baseline == "gas_boiler" or r["option"] == "baseline":
                    assert r["P_el_chp_replaced_kW"] == 0.0
                else:
                    assert r["P_el_chp_replaced_kW"] > 0.0
            else:
                assert math.isnan(r["P_el_own_kW"])
