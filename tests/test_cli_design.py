"""``heatcalc design``: JSON and text output, exit codes and error lines."""
import json

import pytest

from heatcalc.cli import main

BASE = ["design", "--t-sink-in", "60", "--t-sink-out", "90", "--t-source-in", "40"]
PINCH_ATOL_K = 1e-4


def test_json_for_a_given_fluid(capsys):
    rc = main(BASE + ["--fluid", "R600", "--dt-min", "4", "--json", "--no-curves"])
    out = capsys.readouterr().out
    assert rc == 0
    d = json.loads(out)
    for k in ("fluid", "cop_heating", "cop_lorenz", "cop_carnot", "T_evap_C", "T_cond_C", "p_cond_bar",
              "m_refrigerant_kg_per_s_per_kW", "Q_evap_per_Q_cond", "condenser", "evaporator", "warnings"):
        assert k in d
    assert d["fluid"] == "n-Butane"
    assert d["condenser"]["pinch_dT_K"] == pytest.approx(4.0, abs=PINCH_ATOL_K)
    assert d["evaporator"]["pinch_dT_K"] == pytest.approx(4.0, abs=PINCH_ATOL_K)
    assert d["source"]["T_out_C"] == pytest.approx(35.0)      # default: inlet − 5 K
    assert "Q_kW" not in d["condenser"]
    assert d["cop_heating"] < d["cop_lorenz"]


def test_json_auto_lists_ranking_and_rejected_and_writes_null_for_infinite(capsys):
    # an isothermal source (outlet = inlet) has infinite mass flow: JSON null, never Infinity
    rc = main(BASE + ["--t-source-out", "40", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Infinity" not in out and "NaN" not in out
    d = json.loads(out)
    assert d["m_source_kg_per_s"] is None
    assert d["ranking"][0]["fluid"] == d["fluid"]
    assert all(r["reason"] for r in d["rejected"])
    assert len(d["condenser"]["Q_kW"]) == len(d["condenser"]["T_refrigerant_C"])


def test_text_output_lists_rejected_with_reasons(capsys):
    assert main(BASE) == 0
    out = capsys.readouterr().out
    assert "COP heating" in out and "pinch condenser" in out
    assert "rejected refrigerants:" in out and "critical temperature too low" in out


def test_steam_and_vapour_media(capsys):
    rc = main(["design", "--sink-medium", "steam", "--t-sink-in", "100", "--t-sink-out", "120",
               "--source-medium", "vapour", "--t-source-in", "70", "--fluid", "R1233zd(E)", "--json", "--no-curves"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert d["source"]["T_out_C"] == pytest.approx(70.0)    # vapour default: condensing only


@pytest.mark.parametrize("args, words", [
    (["--sink-medium", "oil"], "--sink-medium=oil"),
    (["--source-medium", "steam"], "--source-medium=steam"),
    (["--t-source-in", "95"], "direct heat exchange suffices"),
    (["--dt-min", "0"], "--dt-min=0 K"),
    (["--eta-is", "1.5"], "--eta-is=1.5"),
    (["--t-sink-in", "abc"], "--t-sink-in"),
    (["--t-sink-out", "400"], "--t-sink-out=400.00 °C"),
    (["--fluid", "Unobtainium"], "Unobtainium"),
    (["--heat-kw", "-1"], "--heat-kw=-1 kW"),
    (["--fluid", "R744"], "critical temperature too low"),
    (["--fluid", "R1233zd(E)", "--halogen-free"], "halogen-free"),
])
def test_bad_input_exits_2_with_one_error_line(capsys, args, words):
    rc = main(BASE + args)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2
    assert len(err) == 1 and err[0].startswith("error:") and words in err[0], err
    assert "Traceback" not in err[0]
