import json

import pytest

from heatcalc.cli import main

CONTRACT_KEYS = {"fluid", "cop_heating", "cop_carnot", "cop_lorenz", "p_evap_bar", "p_cond_bar", "pressure_ratio",
                 "t_discharge_C", "discharge_superheat_K", "q_cond_kJ_per_kg", "w_comp_kJ_per_kg", "vhc_kJ_per_m3",
                 "warnings", "states"}


def test_cycle_json_has_contract_keys(capsys):
    rc = main(["cycle", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-cond", "130", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    d = json.loads(out)
    assert CONTRACT_KEYS <= set(d)
    assert d["cop_heating"] == pytest.approx(3.0668, rel=1e-3)
    assert d["cop_lorenz"] is None
    for s in d["states"]:
        assert {"T_C", "p_bar", "h_kJ_per_kg", "s_kJ_per_kgK", "quality"} <= set(s)


def test_cycle_text_output_is_readable(capsys):
    assert main(["cycle", "--fluid", "R600", "--t-evap", "60", "--t-cond", "130"]) == 0
    out = capsys.readouterr().out
    assert "COP heating" in out and "compressor discharge" in out


def test_wet_warning_in_json(capsys):
    main(["cycle", "--fluid", "R601", "--t-evap", "60", "--t-cond", "130", "--superheat", "0", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert any("wet" in w for w in d["warnings"])


@pytest.mark.parametrize("args, words", [
    (["--t-evap", "abc", "--t-cond", "130"], "--t-evap"),
    (["--t-evap", "60", "--t-cond", "200"], "critical"),
    (["--t-evap", "60", "--t-cond", "130", "--eta-is", "1.5"], "--eta-is=1.5"),
    (["--t-evap", "140", "--t-cond", "130"], "must be above"),
])
def test_bad_input_exits_2_with_one_error_line(capsys, args, words):
    rc = main(["cycle", "--fluid", "R600"] + args)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert len(err) == 1 and err[0].startswith("error:") and words in err[0]
    assert "Traceback" not in err[0]


def test_unknown_fluid_exits_2(capsys):
    assert main(["cycle", "--fluid", "Unobtainium", "--t-evap", "60", "--t-cond", "130"]) == 2
    assert "Unobtainium" in capsys.readouterr().err
