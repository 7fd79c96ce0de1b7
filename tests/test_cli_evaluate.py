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


def test_text_says_when_even_the_best_option_does_not_pay_back(capsys):
    """The sugar evaporator's best option (MVR) has a negative NPV: the text names it and says that no option
    pays back; the brewery's best pays back and the line is absent."""
    import json as _json

    from heatcalc.cli import main as _main
    from heatcalc.core.datafiles import DATA_DIR

    ex = DATA_DIR / "examples"
    assert _main(["evaluate", str(ex / "sugar_evaporator_mvr.json"), "--json"]) == 0
    best = next(r for r in _json.loads(capsys.readouterr().out)["results"] if r["best"])
    assert best["npv_EUR"] < 0
    assert _main(["evaluate", str(ex / "sugar_evaporator_mvr.json")]) == 0
    out = capsys.readouterr().out
    assert f"* best option: {best['option']}" in out
    assert f"no option pays back at these inputs: even the best one has an NPV of {best['npv_EUR']:,.0f} €" in out
    assert _main(["evaluate", str(ex / "brewery_hot_water.json")]) == 0
    assert "no option pays back" not in capsys.readouterr().out


def test_quick_scan_warns_when_even_the_best_option_does_not_pay_back():
    from streamlit.testing.v1 import AppTest

    from heatcalc.core.datafiles import DATA_DIR

    from pathlib import Path

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=180).run()
    example = (DATA_DIR / "examples" / "sugar_evaporator_mvr.json").read_bytes()
    at.sidebar.file_uploader[0].upload("sugar.json", example, "application/json").run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("No option pays back at these inputs") for w in warnings), warnings
