"""``heatcalc hourly``: contract keys, table, errors (exit 2, one error line)."""
import json
from pathlib import Path

import pandas as pd
import pytest

from heatcalc.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"
PROFILES = DATA / "profiles" / "synthetic_brewery_2025_time_bound.csv"
CONTRACT_KEYS = {"hours", "heat_demand_MWh", "heat_hp_MWh", "heat_eboiler_MWh", "heat_gas_MWh", "E_el_MWh",
                 "peak_el_kW", "grid_limit_exceeded_hours", "electrified_share", "co2_saved_t", "cost_EUR"}
CASE = {"case_id": "hourly-cli", "process": "heat", "heat_demand_kW": 2000, "operating_hours_per_yr": 7000,
        "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40, "options": "heat_pump;e_boiler",
        "refrigerant": "R600", "site_el_MWh_per_yr": 5000, "site_gas_m3_per_yr": 3000000, "grid_capacity_kW": 800}


@pytest.fixture(scope="module")
def case_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("cli") / "case.json"
    p.write_text(json.dumps(CASE), encoding="utf-8")
    return p


def _json(capsys, argv):
    rc = main(argv)
    out, err = capsys.readouterr()
    assert rc == 0, err
    return json.loads(out)


def test_json_has_contract_keys_and_respects_the_grid(capsys, case_file):
    d = _json(capsys, ["hourly", str(case_file), "--json"])
    assert CONTRACT_KEYS <= set(d)
    assert d["hours"] == 8760 and d["grid_limit_exceeded_hours"] == 0
    assert d["peak_el_kW"] <= 800 + 1e-6
    assert 0 <= d["electrified_share"] <= 1
    assert d["heat_hp_MWh"] + d["heat_eboiler_MWh"] + d["heat_gas_MWh"] == pytest.approx(d["heat_demand_MWh"])
    assert d["max_fit"]["grid_level_kW"] == 800


def test_profiles_storage_sweep_and_out(capsys, case_file, tmp_path):
    out = tmp_path / "hourly.csv"
    d = _json(capsys, ["hourly", str(case_file), "--profiles", str(PROFILES), "--storage-kWh", "5000",
                       "--sweep", "5", "--out", str(out), "--json"])
    assert d["method"] == "lp" and set(d["methods"]) == {"greedy", "lp"}
    assert d["grid_limit_exceeded_hours"] == 0 and d["curtailed_hours"] == 1314
    assert len(d["sweep"]["rows"]) == 5 and sum(r["best"] for r in d["sweep"]["rows"]) == 1
    table = pd.read_csv(out)
    assert len(table) == 8760 and {"timestamp", "Q_hp_kW", "P_el_kW", "E_storage_kWh"} <= set(table.columns)
    assert (table["P_el_kW"] <= table["grid_capacity_kW"] + 1e-3).all()


def test_entsoe_prices_and_text_output(capsys, case_file):
    rc = main(["hourly", str(case_file), "--prices", str(DATA / "profiles" / "synthetic_day_ahead_2025_entsoe_layout.csv"),
               "--resolution", "hourly"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "electrified share" in out and "largest fit to the grid" in out
    assert "NaN" not in out


@pytest.mark.parametrize("extra, words", [
    (["--storage-kWh", "-5"], "--storage-kWh=-5"),
    (["--method", "best"], "--method='best'"),
    (["--sweep", "1"], "--sweep=1"),
    (["--resolution", "5min"], "--resolution='5min'"),
    (["--grid-factor", "green"], "grid_factor='green'"),
    (["--profiles", "absent.csv"], "no such file"),
    (["--storage-kind", "molten_salt"], "--storage-kind='molten_salt'"),
])
def test_bad_input_exits_2_with_one_error_line(capsys, case_file, extra, words):
    rc = main(["hourly", str(case_file)] + extra)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert len(err) == 1 and err[0].startswith("error:") and words in err[0]


def test_bad_profile_value_names_column_and_time(capsys, case_file, tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("timestamp,heat_demand_kW\n2025-01-01T00:00Z,100\n2025-01-01T01:00Z,-3\n", encoding="utf-8")
    rc = main(["hourly", str(case_file), "--profiles", str(p)])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1
    assert "heat_demand_kW=-3 kW" in err[0] and "2025-01-01T01:00:00+00:00" in err[0] and "valid is 0 to" in err[0]


def test_bad_case_exits_2(capsys, tmp_path):
    p = tmp_path / "case.json"
    p.write_text(json.dumps({**CASE, "T_sink_out_C": 40}), encoding="utf-8")
    assert main(["hourly", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "T_sink_out_C" in err and "Traceback" not in err
