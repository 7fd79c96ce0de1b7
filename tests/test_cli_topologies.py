"""``heatcalc cycle --topology ...``, ``heatcalc mvr`` and ``heatcalc steam-hp``."""
import json

import pytest

from heatcalc.cli import main

CONTRACT_KEYS = {"fluid", "cop_heating", "cop_carnot", "cop_lorenz", "p_evap_bar", "p_cond_bar", "pressure_ratio",
                 "t_discharge_C", "discharge_superheat_K", "q_cond_kJ_per_kg", "w_comp_kJ_per_kg", "vhc_kJ_per_m3",
                 "warnings", "states"}
STATE_KEYS = {"T_C", "p_bar", "h_kJ_per_kg", "s_kJ_per_kgK", "quality"}
COP_RTOL = 1e-3       # 0.1 % on COP
T_ATOL_K = 0.1        # 0.1 K on temperatures


def _json(capsys, args):
    rc = main(args + ["--json"])
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert out.err == ""
    return json.loads(out.out)


def _error(capsys, args):
    rc = main(args)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert len(err) == 1 and err[0].startswith("error:") and "Traceback" not in err[0]
    return err[0]


def test_contract_command_output_is_unchanged(capsys):
    d = _json(capsys, ["cycle", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-cond", "130"])
    e = _json(capsys, ["cycle", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-cond", "130", "--topology", "single"])
    assert d == e
    assert d["topology"] == "single_stage" and d["cop_heating"] == pytest.approx(3.0668, rel=COP_RTOL)
    assert CONTRACT_KEYS <= set(d)
    assert not {"parts", "p_int_bar", "p_gc_bar", "T_cascade_C"} & set(d)


def test_transcritical_reproduces_validation_case(capsys):
    d = _json(capsys, ["cycle", "--topology", "transcritical", "--t-evap", "0", "--t-gc-out", "35", "--p-gc", "100",
                       "--superheat", "5", "--eta-is", "0.70"])
    assert CONTRACT_KEYS <= set(d)
    assert d["fluid"] == "CarbonDioxide"
    assert d["cop_heating"] == pytest.approx(3.336, rel=COP_RTOL)
    assert d["t_discharge_C"] == pytest.approx(99.8, abs=T_ATOL_K)
    assert d["discharge_superheat_K"] is None     # not defined above the critical pressure
    assert d["p_gc_bar"] == pytest.approx(100.0)


def test_transcritical_optimises_pressure_and_prints_text(capsys):
    assert main(["cycle", "--topology", "transcritical", "--t-evap", "0", "--t-gc-out", "35"]) == 0
    out = capsys.readouterr().out
    assert "optimised_cop" in out and "gas-cooler outlet" in out and "superheat n/a" in out


def test_two_stage_options(capsys):
    d = _json(capsys, ["cycle", "--topology", "two_stage", "--fluid", "R717", "--t-evap", "-20", "--t-cond", "60",
                       "--p-int", "6", "--intercooling", "open_intercooler", "--eta-is-low", "0.75"])
    assert CONTRACT_KEYS <= set(d) and d["topology"] == "two_stage"
    assert d["p_int_bar"] == pytest.approx(6.0) and d["intercooling"] == "open_intercooler"
    assert d["eta_is_low"] == 0.75 and d["eta_is_high"] == 0.70
    assert all(STATE_KEYS <= set(s) for s in d["states"])
    o = _json(capsys, ["cycle", "--topology", "two-stage", "--fluid", "R717", "--t-evap", "-20", "--t-cond", "60",
                       "--optimise-p-int"])
    assert o["p_int_method"] == "optimised_cop"


def test_cascade_options(capsys):
    d = _json(capsys, ["cycle", "--topology", "cascade", "--fluid", "R717", "--fluid-low", "R744", "--t-evap", "-35",
                       "--t-cond", "50", "--t-cascade", "-5", "--dt-cascade", "4"])
    assert CONTRACT_KEYS <= set(d) and d["topology"] == "cascade"
    assert d["T_cascade_C"] == pytest.approx(-5.0) and d["T_evap_high_C"] == pytest.approx(-9.0)
    assert set(d["parts"]) == {"low", "high"}
    opt = _json(capsys, ["cycle", "--topology", "cascade", "--fluid", "R717", "--fluid-low", "R744", "--t-evap",
                         "-35", "--t-cond", "50", "--dt-cascade", "4"])
    assert opt["T_cascade_method"] == "optimised_cop" and opt["cop_heating"] >= d["cop_heating"]


@pytest.mark.parametrize("args, words", [
    (["cycle", "--topology", "transcritical", "--t-evap", "0", "--t-gc-out", "35", "--p-gc", "60"],
     "subcritical model"),
    (["cycle", "--topology", "transcritical", "--t-evap", "0", "--p-gc", "100"], "--t-gc-out is required"),
    (["cycle", "--topology", "transcritical", "--t-evap", "0", "--t-gc-out", "35", "--t-cond", "40"],
     "--t-cond does not apply"),
    (["cycle", "--topology", "quadruple", "--fluid", "R600", "--t-evap", "0", "--t-cond", "60"],
     "--topology=quadruple"),
    (["cycle", "--fluid", "R600", "--t-evap", "0", "--t-cond", "60", "--p-gc", "90"],
     "--p-gc does not apply to --topology single"),
    (["cycle", "--topology", "two_stage", "--fluid", "R600", "--t-evap", "0", "--t-cond", "60", "--ihx", "0.5"],
     "--ihx does not apply"),
    (["cycle", "--topology", "two_stage", "--fluid", "R600", "--t-evap", "0", "--t-cond", "60", "--p-int", "90"],
     "--p-int=90.0 bar"),
    (["cycle", "--topology", "cascade", "--fluid", "R717", "--fluid-low", "R744", "--t-evap", "-30", "--t-cond",
      "50", "--t-cascade", "40"], "--t-cascade"),
    (["cycle", "--topology", "cascade", "--t-evap", "-30", "--t-cond", "50"], "--fluid is required"),
    (["cycle", "--fluid", "R600", "--t-evap", "0"], "--t-cond is required"),
    (["cycle", "--topology", "two_stage", "--fluid", "R600", "--t-evap", "0", "--t-cond", "60",
      "--intercooling", "closed"], "intercooling=closed"),
])
def test_bad_topology_input_exits_2_with_one_error_line(capsys, args, words):
    assert words in _error(capsys, args)


def test_mvr_json_and_text(capsys):
    d = _json(capsys, ["mvr", "--t-suction", "100", "--t-discharge", "112", "--eta-is", "0.75"])
    assert d["fluid"] == "Water" and d["topology"] == "mvr"
    assert d["e_el_kWh_per_t_suction"] == pytest.approx(27.3, abs=0.1)
    assert len(d["stages"]) == 1 and d["T_injection_C"] is None
    p = _json(capsys, ["mvr", "--p-suction", "0.2", "--p-discharge", "1.0", "--stages", "2", "--t-injection", "30"])
    assert p["n_stages"] == 2 and p["p_cond_bar"] == pytest.approx(1.0)
    assert main(["mvr", "--t-suction", "60", "--t-discharge", "75", "--no-desuperheat"]) == 0
    out = capsys.readouterr().out
    assert "no desuperheating" in out and "kWh/t" in out


@pytest.mark.parametrize("args, words", [
    (["mvr", "--t-discharge", "110"], "--t-suction"),
    (["mvr", "--t-suction", "100", "--p-suction", "1", "--t-discharge", "110"], "exactly one"),
    (["mvr", "--t-suction", "100", "--t-discharge", "90"], "must be above"),
    (["mvr", "--t-suction", "100", "--t-discharge", "110", "--stages", "0"], "--stages=0"),
    (["mvr", "--t-suction", "100", "--t-discharge", "110", "--eta-is", "2"], "--eta-is=2"),
    (["mvr", "--t-suction", "100", "--t-discharge", "110", "--stages", "two"], "--stages"),
    (["steam-hp", "--fluid", "R1233zd(E)", "--t-evap", "70", "--t-steam", "120", "--t-feed", "130"], "--t-feed"),
])
def test_bad_mvr_input_exits_2_with_one_error_line(capsys, args, words):
    assert words in _error(capsys, args)


def test_steam_hp_json_and_text(capsys):
    d = _json(capsys, ["steam-hp", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-steam", "150", "--t-feed", "90",
                       "--t-flash", "120"])
    assert d["topology"] == "steam_hp" and set(d["parts"]) == {"heat_pump", "mvr"}
    assert 1.0 < d["cop_heating"] < d["cop_carnot"]
    assert main(["steam-hp", "--fluid", "R600", "--t-evap", "60", "--t-steam", "120", "--t-feed", "90"]) == 0
    out = capsys.readouterr().out
    assert "kWh/t steam" in out and "flash vessel" in out
