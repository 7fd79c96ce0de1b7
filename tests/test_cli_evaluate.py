import json

import pytest

from heatcalc.cli import main


def test_evaluate_json_is_contract_shaped(capsys, tmp_path):
    rc = main(["evaluate", "data/examples/brewery_hot_water.json", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    d = json.loads(out)  # strict JSON: NaN would fail with allow_nan=False semantics below
    assert "NaN" not in out and "Infinity" not in out
    assert d["case"]["case_id"] == "brewery-hot-water" and d["case"]["eta_is"] == 0.70
    assert d["results"][0]["option"] == "baseline"
    hp = next(r for r in d["results"] if r["option"] == "heat_pump")
    assert hp["best"] is True and isinstance(hp["warnings"], list)
    assert d["results"][0]["npv_EUR"] is None


def test_evaluate_table_marks_best_and_lists_reasons(capsys):
    assert main(["evaluate", "data/examples/brewery_hot_water.json"]) == 0
    out = capsys.readouterr().out
    assert "heat_pump *" in out and "best option: heat_pump" in out
    assert "mvr infeasible: mvr needs a vapour source" in out


@pytest.mark.parametrize("content, words", [
    ('{"case_id": "x", "heat_demand_kW": -1, "T_sink_in_C": 50, "T_sink_out_C": 60}', "heat_demand_kW=-1"),
    ('{"case_id": "x"', "not valid JSON"),
    ('{"case_id": "x", "heat_demand_kW": 10, "T_sink_in_C": 50, "T_sink_out_C": 60, "colour": 1}', "unknown field"),
])
def test_bad_case_exits_2_with_one_error_line(capsys, tmp_path, content, words):
    p = tmp_path / "c.json"
    p.write_text(content)
    assert main(["evaluate", str(p)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and words in err[0]


def test_missing_file_exits_2(capsys, tmp_path):
    assert main(["evaluate", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err.startswith("error:")
