"""Every page of the Streamlit app through Streamlit's AppTest (no browser).

Checks: each page loads without an exception (in English and Dutch); the quick scan
has the contract's labels; moving the sink-temperature slider up lowers the shown
COP; the shown numbers equal ``heatcalc evaluate`` for the same case (taken from the
share link); bad input gives an error element, never an exception; case files and
links load; the batch page validates rows before running.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from heatcalc.present.i18n import parse_number  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
#: Longest run of one script in AppTest [s] (the first run imports CoolProp and designs).
RUN_TIMEOUT_S = 180
#: Displayed rounding of the metrics (decimals shown): COP 2, load 0, CO2 0, saving 0 (k€), payback 1.
PAGES = ["pages/cycle_designer.py", "pages/hourly_grid.py", "pages/batch.py"]


def _app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _metric(at: AppTest, text: str):
    return next(m for m in at.metric if text in m.label)


def _slider(at: AppTest, text: str):
    return next(s for s in at.slider if text in s.label)


def _number(at: AppTest, text: str):
    return next(n for n in at.number_input if text in n.label)


def _errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]  # main area and sidebar


@pytest.fixture(scope="module")
def quick_scan() -> AppTest:
    """The first page as a new user sees it (one session shared by read-only tests)."""
    at = _app()
    _ok(at)
    return at


# ---------------------------------------------------------------------------------------
# quick scan
def test_first_page_is_the_english_quick_scan_with_contract_labels(quick_scan):
    at = quick_scan
    assert at.title[0].value == "Quick scan"
    sink = _slider(at, "Sink outlet temperature")
    assert sink.label == "Sink outlet temperature [°C]"
    cop = _metric(at, "COP")
    assert 1.0 < parse_number(cop.value) < 10.0
    assert not _errors(at)
    # every numeric input is labelled with its unit
    for w in list(at.slider) + list(at.number_input):
        assert "[" in w.label and w.label.endswith("]"), w.label
    # and says what its default is, or what it means, in a tooltip
    assert all(w.help for w in list(at.slider) + list(at.number_input))
    price = _slider(at, "Gas price")
    assert "Default:" in price.help and "2025" in price.help  # tariff source and year


def test_moving_the_sink_temperature_up_lowers_the_cop():
    at = _app()
    sink = _slider(at, "Sink outlet temperature")
    cop0 = parse_number(_metric(at, "COP").value)
    sink.set_value(sink.value + 10.0).run()
    _ok(at)
    cop1 = parse_number(_metric(at, "COP").value)
    assert cop1 < cop0
    assert _metric(at, "COP").delta.startswith("-")  # the change is shown
    assert at.query_params["T_sink_out_C"] == [f"{sink.value:g}"] or \
        at.query_params["T_sink_out_C"] == f"{sink.value:g}"


def test_shown_numbers_equal_heatcalc_evaluate(tmp_path, capsys):
    from heatcalc.case import Case
    from heatcalc.cli import main

    at = _app()
    _slider(at, "Sink outlet temperature").set_value(100.0).run()
    _slider(at, "Electricity price").set_value(95.0).run()
    _ok(at)
    # the case as the share link gives it
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items() if k != "lang"}
    case = Case.from_dict(params)
    f = tmp_path / "case.json"
    f.write_text(json.dumps(case.to_dict()))
    assert main(["evaluate", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    best = next(r for r in out["results"] if r["best"])
    shown = {m.label: m.value for m in at.metric}
    assert shown["COP [-]"] == f"{best['cop']:,.2f}"
    assert shown["Electrical load [kW]"] == f"{best['P_el_kW']:,.0f}"
    assert shown["CO2 saved [t/yr]"] == f"{best['co2_saved_t_per_yr']:,.0f}"
    assert shown["Saving [k€/yr]"] == f"{best['saving_EUR_per_yr'] / 1000:,.0f}"
    payback = best["payback_yr"]
    assert shown["Payback [yr]"] == ("–" if payback is None else f"{payback:,.1f}")


def test_bad_input_shows_an_error_element_not_an_exception():
    at = _app()
    _number(at, "Sink inlet temperature").set_value(120.0).run()  # above the 95 °C outlet
    _ok(at)
    errors = _errors(at)
    assert errors and any("T_sink_out_C" in e and "T_sink_in_C" in e for e in errors)
    assert len(errors) >= 2  # the summary and the message at the field
    assert _slider(at, "Sink outlet temperature")  # the rest of the page still works
    _number(at, "Sink inlet temperature").set_value(70.0).run()
    _ok(at)
    assert not _errors(at) and _metric(at, "COP")


def test_dutch_is_one_click_away():
    at = _app()
    at.radio(key="lang").set_value("nl").run()
    _ok(at)
    assert at.title[0].value == "Quick scan"
    assert _slider(at, "Aanvoertemperatuur warmteafnemer")
    cop = _metric(at, "COP")
    assert "," in cop.value and parse_number(cop.value, "nl") > 1
    assert any("k€/jr" in m.label for m in at.metric)


def test_link_sets_the_case_and_a_bad_value_is_reported():
    at = _app(T_sink_out_C="110", heat_demand_kW="1500", lang="nl")
    _ok(at)
    assert _slider(at, "Aanvoertemperatuur").value == 110.0
    assert _slider(at, "Warmtevraag").value == 1500.0
    bad = _app(T_sink_out_C="abc", heat_demand_kW="1500")
    _ok(bad)
    assert any("T_sink_out_C" in w.value for w in bad.warning)
    assert _slider(bad, "Heat demand").value == 1500.0  # the good part of the link still applies
    assert _slider(bad, "Sink outlet temperature").value == 95.0


def test_case_file_loads_and_a_bad_file_is_an_error(tmp_path):
    at = _app()
    example = json.loads((ROOT / "data" / "examples" / "paper_dryer_steam.json").read_text())
    at.sidebar.file_uploader[0].upload("paper.json", json.dumps({"case": example, "results": []}).encode(),
                                       "application/json").run()
    _ok(at)
    assert _slider(at, "Sink outlet temperature").value == pytest.approx(example["T_sink_out_C"])
    assert any(example["case_id"] in s.value for s in at.sidebar.success)
    at.sidebar.file_uploader[0].clear().upload("bad.json", b"{not json", "application/json").run()
    _ok(at)
    assert any("not a JSON file" in e for e in _errors(at))
    assert _metric(at, "COP")  # the loaded case still stands


def test_grid_limit_toggle_and_kiln_case():
    at = _app()
    at.checkbox(key="qs_grid_limited").check().run()
    _ok(at)
    grid = _slider(at, "Grid capacity")
    grid.set_value(200.0).run()
    _ok(at)
    assert any("grid" in w.value for w in at.warning)  # too little capacity is said, not hidden
    at.selectbox(key="in_process").set_value("lime_kiln").run()
    _ok(at)
    assert _slider(at, "Production")


# ---------------------------------------------------------------------------------------
# other pages
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_page_loads_without_exception(lang):
    at = _app(lang=lang)
    _ok(at)
    for page in PAGES + (["pages/report.py"] if (ROOT / "pages" / "report.py").exists() else []):
        try:
            at.switch_page(page).run()
        except ValueError:  # the report page is registered only when heatcalc.report exists
            assert page == "pages/report.py"
            continue
        _ok(at)
        assert not _errors(at), (page, _errors(at))


def test_cycle_designer_cop_falls_with_condensing_temperature_and_bad_input_is_an_error():
    at = _app()
    at.switch_page("pages/cycle_designer.py").run()
    _ok(at)
    cop0 = parse_number(_metric(at, "COP").value)
    t_cond = _slider(at, "Condensing temperature")
    t_cond.set_value(t_cond.value + 10).run()
    _ok(at)
    assert parse_number(_metric(at, "COP").value) < cop0
    assert len(at.get("plotly_chart")) >= 4  # p–h, T–s, two T–Q
    _slider(at, "Condensing temperature").set_value(_slider(at, "Evaporating temperature").value - 5).run()
    _ok(at)
    assert any("T_cond" in e for e in _errors(at))
    # the quick-scan case's stream-matched design, loaded into the designer, gives the same cycle
    cops = [m for m in at.metric if m.label == "COP [-]"]
    design_cop = parse_number(cops[-1].value)  # the design section comes last
    at.button(key="load_design_button").click().run()
    _ok(at)
    assert not _errors(at)
    assert parse_number(_metric(at, "COP").value) == pytest.approx(design_cop, abs=0.02)
    assert _metric(at, "Condenser pinch").value == "5.0"  # the case's dT_min on the same streams
    at.switch_page("pages/quick_scan.py").run()
    at.switch_page("pages/cycle_designer.py").run()
    assert parse_number(_metric(at, "COP").value) == pytest.approx(design_cop, abs=0.02)  # kept across pages
    for topology in ("two_stage", "cascade", "transcritical", "single_stage_ihx"):
        at.selectbox(key="cd_topology").set_value(topology)
        _slider(at, "Evaporating temperature").set_value(20.0)
        at.run()
        _ok(at)


def test_hourly_page_keeps_the_grid_limit_and_reports_bad_profiles():
    at = _app()
    at.switch_page("pages/hourly_grid.py").run()
    _ok(at)
    assert _metric(at, "grid limit").value == "0"  # the dispatch never exceeds the grid
    assert len(at.get("plotly_chart")) >= 3
    at.radio(key="hr_source").set_value("upload").run()
    at.file_uploader(key="hr_upload").upload("p.csv", b"timestamp,heat_demand_kW\n2025-01-01T00:00Z,abc\n",
                                             "text/csv").run()
    _ok(at)
    assert any("heat_demand_kW" in e for e in _errors(at))


def test_batch_page_validates_rows_before_running_and_runs():
    csv = ("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;T_source_in_C;operating_hours_per_yr\n"
           "good;1500,5;60;90;40;6000\n"
           "bad;1500;95;90;40;6000\n").encode()
    at = _app()
    at.switch_page("pages/batch.py").run()
    at.file_uploader(key="bt_upload").upload("sites.csv", csv, "text/csv")
    at.toggle(key="bt_use_example").set_value(False).run()
    _ok(at)
    assert any("1 of 2 rows are valid" in w.value for w in at.warning)
    problems = at.dataframe[0].value
    assert problems["row"].tolist() == [3] and "T_sink_out_C" in problems["message"].iloc[0]
    at.button(key="bt_run").click().run()
    _ok(at)
    results = at.dataframe[-1].value
    assert set(results["case_id"]) == {"good", "bad"}
    assert results.loc[results["case_id"] == "bad", "status"].tolist() == ["error"]
    assert {d.label for d in at.get("download_button")} >= {"Download CSV", "Download Excel"}
