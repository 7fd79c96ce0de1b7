"""Every page of the Streamlit app through Streamlit's AppTest (no browser).

Checks: each page loads without an exception (in English and Dutch); the quick scan
has the contract's labels; moving the sink-temperature slider up lowers the shown
COP; the shown numbers equal ``heatcalc evaluate`` for the same case (taken from the
share link); bad input gives an error element, never an exception; case files and
links load; the batch page validates rows before running.
"""
from __future__ import annotations

import json
import tempfile
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
PAGES = ["views/cycle_designer.py", "views/hourly_grid.py", "views/batch.py"]


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
# option table, downloads, load chart, scenarios
#: The figures a decision needs, in the compact option table (issue 18), with the contract's labels.
TABLE_LABELS = ["Option", "COP [-]", "Electrical load [kW]", "Fits grid capacity", "CO2 saved [t/yr]",
                "NOx saved [kg/yr]", "Annual saving [€/yr]", "Net present value [€]", "Payback time [yr]"]


@pytest.fixture
def downloads(monkeypatch):
    """Bytes of every download offered in a run, by file name (AppTest keeps them in a mock media store)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    files: dict[str, bytes] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            if filename and isinstance(path_or_data, bytes):
                files[filename] = path_or_data
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    return files


def _chart_title(chart) -> str:
    title = json.loads(chart.proto.spec)["layout"].get("title", {})
    return title.get("text", "") if isinstance(title, dict) else str(title)


def _plotly_array(v):
    """A plotly trace's values (a list, or plotly's typed array ``{"dtype", "bdata"}``) as numpy floats."""
    import base64

    import numpy as np

    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).astype(float)
    return np.asarray([np.nan if x is None else x for x in v], dtype=float)


def _evaluate(case: dict):
    from heatcalc.evaluation.annual import evaluate_case

    return evaluate_case(case)


def test_option_table_shows_the_decision_figures_without_scrolling(quick_scan):
    at = quick_scan
    table = at.table[0].value  # a static table: it wraps to the page's width, it never scrolls
    assert list(table.columns) == TABLE_LABELS
    res = _evaluate(json.loads((ROOT / "data" / "examples" / "brewery_hot_water.json").read_text()))
    assert len(table) == len(res.rows)
    best = res.best
    shown = table[table["Option"] == "★ Heat pump"].iloc[0]
    assert shown["COP [-]"] == f"{best['cop']:,.2f}"
    assert shown["Net present value [€]"] == f"{best['npv_EUR']:,.0f}"
    assert shown["Payback time [yr]"] == f"{best['payback_yr']:,.1f}"
    assert shown["CO2 saved [t/yr]"] == f"{best['co2_saved_t_per_yr']:,.0f}"
    # infeasible options say so and show no numbers
    infeasible = table[table["Option"].str.contains("infeasible")]
    assert len(infeasible) == sum(r["status"] != "ok" for r in res.rows)
    assert set(infeasible["Net present value [€]"]) == {"–"}
    # the details are one click away: every column, in a dataframe inside an expander
    assert len(at.dataframe) == 1
    full = at.dataframe[0].value
    assert {"Status", "Investment [€]", "Levelised cost of heat [€/MWh]", "Refrigerant", "Network [€/yr]",
            "Internal rate of return [-]"} <= set(full.columns)
    cells = set(full.astype(str).to_numpy().ravel())
    assert not cells & {"None", "nan", "NaN", ""}
    assert all("_" not in c for c in full.columns)  # labels, not column names
    assert not any("\\" in c for c in cells)  # cells are text: nothing escaped for Markdown
    mvr = full[full["Option"].str.startswith("MVR")].iloc[0]
    assert mvr["Message"] == res.row("mvr")["message"]


def test_option_table_downloads_are_labelled_numeric_and_safe(downloads):
    import io

    import openpyxl
    import pandas as pd

    at = _app(case_id="=HYPERLINK(\"http://x\")/../etc")
    _ok(at)
    labels = {d.label for d in at.get("download_button")}
    assert {"Download the table (CSV)", "Download the table (Excel)"} <= labels
    csv_name = next(n for n in downloads if n.endswith("_options.csv"))
    xlsx_name = next(n for n in downloads if n.endswith("_options.xlsx"))
    for name in (csv_name, xlsx_name):  # a name made of the case id, never a path or a formula
        assert "/" not in name and "\\" not in name and not name.startswith(("=", "."))
    df = pd.read_csv(io.BytesIO(downloads[csv_name]), encoding="utf-8-sig")
    assert {"Option", "COP [-]", "Net present value [€]", "Payback time [yr]", "Warnings"} <= set(df.columns)
    res = _evaluate(dict(json.loads((ROOT / "data" / "examples" / "brewery_hot_water.json").read_text()),
                         case_id="x"))
    hp = df[df["Option"] == "Heat pump"].iloc[0]
    assert hp["Net present value [€]"] == pytest.approx(res.row("heat_pump")["npv_EUR"], rel=1e-9)  # full precision
    wb = openpyxl.load_workbook(io.BytesIO(downloads[xlsx_name]))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Option", "Status", "COP [-]"]
    cop = [r[2] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, float) and 1 < v < 10 for v in cop)  # numbers stay numbers
    for row in ws.iter_rows(min_row=2, values_only=True):  # no cell is a formula
        assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in row)


def test_dutch_download_uses_dutch_separators(downloads):
    at = _app(lang="nl")
    _ok(at)
    raw = downloads[next(n for n in downloads if n.endswith("_options.csv"))].decode("utf-8-sig")
    header = raw.splitlines()[0]
    assert header.startswith("Optie;Status;COP [-];")
    assert "Netto contante waarde [€]" in header


def test_load_chart_draws_the_grid_limit():
    at = _app()
    titles = [_chart_title(c) for c in at.get("plotly_chart")]
    assert "Electrical load per option [kW] · no grid limit set" in titles
    at.checkbox(key="qs_grid_limited").check().run()
    _slider(at, "Grid capacity").set_value(600.0).run()
    _ok(at)
    spec = json.loads(next(c for c in at.get("plotly_chart") if _chart_title(c) == "Electrical load per option [kW]")
                      .proto.spec)
    lines = [s for s in spec["layout"].get("shapes", []) if s.get("type") == "line"]
    assert [s["x0"] for s in lines] == [600.0]
    assert any("Grid limit" in a.get("text", "") for a in spec["layout"].get("annotations", []))


def test_scenarios_are_saved_compared_and_removed():
    at = _app()
    assert any("No scenario saved yet" in c.value for c in at.caption)
    cop_a = parse_number(_metric(at, "COP").value)
    at.button(key="sc_save_A").click().run()
    _ok(at)
    _slider(at, "Sink outlet temperature").set_value(115.0).run()
    at.button(key="sc_save_B").click().run()
    _ok(at)
    _slider(at, "Electricity price").set_value(60.0).run()
    at.button(key="sc_save_C").click().run()
    _ok(at)
    assert list(at.session_state["_scenarios"]) == ["A", "B", "C"]
    figures = next(t.value for t in at.table if list(t.value.columns) == ["A", "B", "C"]
                   and "COP [-]" in t.value.index)
    assert figures.loc["COP [-]", "A"] == f"{cop_a:,.2f}"
    cop_b = parse_number(figures.loc["COP [-]", "B"].split(" (")[0])
    assert cop_b < cop_a  # a hotter sink: a lower COP, and the difference is shown
    assert figures.loc["COP [-]", "B"].endswith(f"({cop_b - cop_a:,.2f})")
    assert "(" not in figures.loc["COP [-]", "A"]
    inputs = next(t.value for t in at.table if "Sink outlet temperature [°C]" in t.value.index)
    assert inputs.loc["Sink outlet temperature [°C]"].tolist() == ["95", "115", "115"]
    assert inputs.loc["Electricity price (commodity) [€/MWh]", "C"] == "60"
    assert inputs.loc["Electricity price (commodity) [€/MWh]", "A"] == "default"
    assert "Heat demand [kW]" not in inputs.index  # only what differs
    charts = {_chart_title(c): json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    cost = charts["Operating cost per scenario [k€/yr]"]
    assert [list(b["x"]) for b in cost["data"]] == [["A", "B", "C"]] * 2  # today and with the best option
    assert "CO2 emissions per scenario [t/yr]" in charts
    # remove A: B becomes the reference; load B back into the inputs
    at.button(key="sc_remove_A").click().run()
    _ok(at)
    assert list(at.session_state["_scenarios"]) == ["B", "C"]
    assert at.button(key="sc_save_A").label == "Save as A"
    _slider(at, "Sink outlet temperature").set_value(90.0).run()
    at.button(key="sc_restore_B").click().run()
    _ok(at)
    assert _slider(at, "Sink outlet temperature").value == 115.0
    assert parse_number(_metric(at, "COP").value) == pytest.approx(cop_b, abs=0.005)
    # in Dutch, the view follows the language
    at.radio(key="lang").set_value("nl").run()
    _ok(at)
    figures = next(t.value for t in at.table if list(t.value.columns) == ["B", "C"])
    assert "Beste optie" in figures.index and "," in figures.loc["COP [-]", "B"]


# ---------------------------------------------------------------------------------------
# report page: the proposal form
def _report_page(**query) -> AppTest:
    at = _app(**query)
    at.switch_page("views/report.py").run()
    _ok(at)
    return at


def test_proposal_form_makes_the_report_with_its_fields(downloads):
    at = _report_page()
    assert [w.label for w in at.text_input] == ["Customer", "Site", "Contact person", "Supplier", "Proposal number"]
    assert at.date_input(key="rp_date") and at.number_input(key="rp_validity").label == "Valid for [days]"
    options = at.selectbox(key="rp_option").options
    assert options[0] == "the calculation's best (Heat pump)" and "E-boiler" in options
    assert "MVR (vapour recompression)" not in options  # only feasible options can be proposed
    at.text_input(key="rp_customer").input("Brouwerij <b>De Ster</b>")
    at.text_input(key="rp_site").input("Zwolle")
    at.text_input(key="rp_contact").input("J. Jansen")
    at.text_input(key="rp_supplier").input("Warmte & Co B.V.")
    at.text_input(key="rp_proposal_id").input("HP-2026/017")
    at.selectbox(key="rp_option").set_value("e_boiler")
    at.date_input(key="rp_date").set_value(__import__("datetime").date(2026, 3, 2))
    at.number_input(key="rp_validity").set_value(30)
    at.file_uploader(key="rp_logo_upload").upload(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
                    b'height="10" fill="#123456"/></svg>', "image/svg+xml")
    at.checkbox(key="rp_charts").uncheck()
    at.radio(key="rp_format").set_value("html")
    at.run()
    at.button(key="report_make").click().run()
    _ok(at)
    assert not _errors(at)
    name = "proposal_HP-2026_017_en.html"  # named by the proposal id, never a path
    assert name in downloads
    html = downloads[name].decode("utf-8")
    for text in ("Brouwerij &lt;b&gt;De Ster&lt;/b&gt;", "Zwolle", "J. Jansen", "Warmte &amp; Co B.V.", "HP-2026/017",
                 "2 March 2026", "1 April 2026", "data:image/svg+xml;base64,"):
        assert text in html, text
    assert "<b>De Ster</b>" not in html  # the customer's text stays text
    # the same document as the library writes for the same proposal (heatcalc report's function)
    from heatcalc.report.content import make_proposal
    from heatcalc.report.render import render_html

    res = _evaluate(json.loads((ROOT / "data" / "examples" / "brewery_hot_water.json").read_text()))
    lib = render_html(res, "en", renderer=None, proposal=make_proposal(option="e_boiler", date="2026-03-02"))
    from heatcalc.present.i18n import choice_label

    assert choice_label("option", "e_boiler", "en") in html
    assert html.count(choice_label("option", "e_boiler", "en")) == lib.count(choice_label("option", "e_boiler", "en"))


def test_proposal_form_supplier_profile_upload_is_data_only(downloads):
    at = _report_page(lang="nl")
    profile = json.dumps({"name": "Leverancier X", "logo": "/etc/hostname.png", "primary_colour": "#0b5d54",
                          "footer": "KvK 123"}).encode()
    at.file_uploader(key="rp_profile_upload").upload("profiel.json", profile, "application/json")
    at.checkbox(key="rp_charts").uncheck()
    at.radio(key="rp_format").set_value("html").run()
    _ok(at)
    assert any("logopad" in c.value for c in at.caption)  # the profile's own logo path is not followed
    at.button(key="report_make").click().run()
    _ok(at)
    html = next(v for k, v in downloads.items() if k.endswith("_nl.html")).decode("utf-8")
    assert "Leverancier X" in html and "KvK 123" in html and "#0b5d54" in html
    assert "data:image/png" not in html
    # a bad profile is an error naming the field and the upload, never an exception or a server path
    at.file_uploader(key="rp_profile_upload").clear().upload(
        "slecht.toml", b'primary_colour = "blue"\n', "application/toml").run()
    _ok(at)
    errors = _errors(at)
    assert errors and "primary_colour" in errors[0] and "slecht.toml" in errors[0]
    assert not any(tempfile.gettempdir() in e for e in errors)
    assert at.button(key="report_make").disabled


def test_proposal_form_starts_from_the_case_files_proposal_and_survives_page_switches():
    at = _app()
    case = json.loads((ROOT / "data" / "examples" / "brewery_hot_water.json").read_text())
    case["proposal"] = {"customer": "Brouwerij De Klok", "site": "Zwolle", "proposal_id": "HP-9",
                        "option": "e_boiler", "date": "2026-03-02", "validity_days": 45,
                        "supplier_profile": "/somewhere/profile.toml"}
    at.sidebar.file_uploader[0].upload("klok.json", json.dumps(case).encode(), "application/json").run()
    _ok(at)
    at.switch_page("views/report.py").run()
    _ok(at)
    assert at.text_input(key="rp_customer").value == "Brouwerij De Klok"
    assert at.text_input(key="rp_proposal_id").value == "HP-9"
    assert at.selectbox(key="rp_option").value == "e_boiler"
    assert at.number_input(key="rp_validity").value == 45
    assert str(at.date_input(key="rp_date").value) == "2026-03-02"
    assert any("profile.toml" in c.value and "upload" in c.value for c in at.caption)  # named, not followed
    at.text_input(key="rp_contact").input("J. Jansen").run()
    at.switch_page("views/quick_scan.py").run()
    at.switch_page("views/report.py").run()
    _ok(at)
    assert at.text_input(key="rp_contact").value == "J. Jansen"  # typed details stay across pages
    assert at.text_input(key="rp_customer").value == "Brouwerij De Klok"


@pytest.mark.slow
def test_proposal_form_dutch_pdf_carries_the_fields(downloads):
    import io

    import pypdf

    at = _report_page(lang="nl")
    at.text_input(key="rp_customer").input("Klant B.V.")
    at.text_input(key="rp_proposal_id").input("HP-17")
    at.checkbox(key="rp_charts").uncheck()
    at.radio(key="rp_lang").set_value("nl").run()
    at.button(key="report_make").click().run()
    _ok(at)
    pdf = downloads["proposal_HP-17_nl.pdf"]
    cover = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Klant B.V." in cover and "HP-17" in cover


# ---------------------------------------------------------------------------------------
# other pages
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_page_loads_without_exception(lang):
    at = _app(lang=lang)
    _ok(at)
    for page in PAGES + (["views/report.py"] if (ROOT / "views" / "report.py").exists() else []):
        try:
            at.switch_page(page).run()
        except ValueError:  # the report page is registered only when heatcalc.report exists
            assert page == "views/report.py"
            continue
        _ok(at)
        assert not _errors(at), (page, _errors(at))


def test_cycle_designer_cop_falls_with_condensing_temperature_and_bad_input_is_an_error():
    at = _app()
    at.switch_page("views/cycle_designer.py").run()
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
    at.switch_page("views/quick_scan.py").run()
    at.switch_page("views/cycle_designer.py").run()
    assert parse_number(_metric(at, "COP").value) == pytest.approx(design_cop, abs=0.02)  # kept across pages
    for topology in ("two_stage", "cascade", "transcritical", "single_stage_ihx"):
        at.selectbox(key="cd_topology").set_value(topology)
        _slider(at, "Evaporating temperature").set_value(20.0)
        at.run()
        _ok(at)


def test_hourly_page_keeps_the_grid_limit_and_reports_bad_profiles():
    at = _app()
    at.switch_page("views/hourly_grid.py").run()
    _ok(at)
    assert _metric(at, "grid limit").value == "0"  # the dispatch never exceeds the grid
    assert len(at.get("plotly_chart")) >= 3
    at.radio(key="hr_source").set_value("upload").run()
    at.file_uploader(key="hr_upload").upload("p.csv", b"timestamp,heat_demand_kW\n2025-01-01T00:00Z,abc\n",
                                             "text/csv").run()
    _ok(at)
    assert any("heat_demand_kW" in e for e in _errors(at))


def test_hourly_dispatch_charts_draw_the_grid_limit():
    at = _app(grid_capacity_kW="1500")
    at.switch_page("views/hourly_grid.py").run()
    _ok(at)
    charts = {_chart_title(c): json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    week = next(v for k, v in charts.items() if k.startswith("Dispatch in week 1"))
    daily = next(v for k, v in charts.items() if k.startswith("Dispatch over the year"))
    for fig in (week, daily):
        traces = {d.get("name"): d for d in fig["data"]}
        limit = traces["Grid limit"]
        assert limit["yaxis"] == "y2" and limit["line"]["dash"] == "dash"
        load = traces["Electrical load [kW]"]
        assert load["yaxis"] == "y2"
        lim, p_el = _plotly_array(limit["y"]), _plotly_array(load["y"])
        assert len(lim) == len(p_el) > 0 and lim.max() <= 1500.0 + 1e-6
        assert (p_el <= lim + 1e-6).all()  # the dispatch keeps to the limit, and the chart shows it
    assert week["layout"]["yaxis2"]["title"]["text"] == "Electrical load and grid limit [kW]"


def test_batch_page_validates_rows_before_running_and_runs(downloads):
    csv = ("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;T_source_in_C;operating_hours_per_yr\n"
           "good;1500,5;60;90;40;6000\n"
           "bad;1500;95;90;40;6000\n").encode()
    at = _app()
    at.switch_page("views/batch.py").run()
    at.file_uploader(key="bt_upload").upload("sites.csv", csv, "text/csv")
    at.toggle(key="bt_use_example").set_value(False).run()
    _ok(at)
    assert any("1 of 2 rows are valid" in w.value for w in at.warning)
    problems = at.dataframe[0].value
    assert problems["Row"].tolist() == [3] and "T_sink_out_C" in problems["Message"].iloc[0]
    at.button(key="bt_run").click().run()
    _ok(at)
    results = at.dataframe[-1].value
    assert set(results["Case"]) == {"good", "bad"}
    assert results.loc[results["Case"] == "bad", "Status"].tolist() == ["error"]
    assert {d.label for d in at.get("download_button")} >= {"Download CSV", "Download Excel"}
    # labelled columns with units, empty cells where a row has no value, numbers as the language writes them
    assert {"Option", "COP [-]", "Net present value [€]", "Payback time [yr]", "Electrical load [kW]"} \
        <= set(results.columns)
    assert not any("_" in c for c in results.columns if c not in ("sector", "description", "basis"))
    assert not any("] [" in c for c in results.columns)  # one unit per label
    cells = set(results.astype(str).to_numpy().ravel())
    assert not cells & {"None", "nan", "NaN", "<NA>"}
    hp = results[(results["Case"] == "good") & (results["Option"] == "Heat pump")].iloc[0]
    assert 1 < parse_number(hp["COP [-]"]) < 10 and "." in hp["COP [-]"]
    assert results.loc[results["Case"] == "bad", "Net present value [€]"].tolist() == [""]
    # downloads are named after the upload, and no server path is on the page
    assert {"sites_results.csv", "sites_results.xlsx"} <= set(downloads)
    texts = [e.value for e in list(at.caption) + list(at.markdown) + list(at.info) + list(at.warning)
             + list(at.success) + list(at.error)]
    texts += [str(v) for df in (problems, results) for v in df.to_numpy().ravel()]
    assert not [x for x in texts if "/tmp" in x or "heatcalc_app_batch_" in x or tempfile.gettempdir() in x]


def test_quick_scan_shows_the_connection_level_upgrade_and_wait():
    """A site whose existing connection is too small: the quick scan says the tariff level and contract,
    that the connection must change, the unknown charge and the wait; a time-bound right shows the heat at
    risk instead (the figures of heatcalc evaluate)."""
    from heatcalc.case import Case
    from heatcalc.evaluation.annual import evaluate_case

    at = _app(connection_kW="900", connection_wait_yr="2")
    _ok(at)
    row = evaluate_case(Case.from_dict({**at.session_state["_qs_last_ok"]})).best
    captions = " ".join(c.value for c in at.caption)
    assert f"{row['voltage_level']} tariff" in captions
    assert "connection change needed" in captions and "capacity after 2.0 yr" in captions
    assert "give the operator's quote" in captions
    # the brewery's operator publishes no waiting time: 0 yr is said to be an assumption, not "capacity after 0 yr"
    at = _app(connection_kW="900")
    _ok(at)
    captions = " ".join(c.value for c in at.caption)
    assert "waiting time not published (0 yr assumed)" in captions and "capacity after" not in captions
    at = _app(connection_kW="900", transport_right="time_bound")
    _ok(at)
    captions = " ".join(c.value for c in at.caption)
    assert "Time-bound right: up to" in captions and "from the backup when capacity is withdrawn" in captions
    assert "connection change needed" not in captions


@pytest.mark.slow
def test_cycle_designer_keeps_changed_values_across_page_visits():
    """Widget state of a page not drawn is dropped by Streamlit; the designer's inputs stay."""
    at = _app()
    at.switch_page("views/cycle_designer.py").run()
    _ok(at)
    at.selectbox(key="cd_topology").set_value("single_stage_ihx").run()
    _slider(at, "superheat").set_value(12.5)
    _slider(at, "Condensing temperature").set_value(_slider(at, "Condensing temperature").value + 7.3)
    at.number_input(key="cd_Q").set_value(1234.0)
    at.run()
    _ok(at)
    kept = {k: at.session_state[k] for k in ("cd_topology", "cd_superheat", "cd_T_cond", "cd_Q", "cd_ihx_single_stage_ihx")}
    cop = _metric(at, "COP").value
    for page in ("views/quick_scan.py", "views/hourly_grid.py"):
        at.switch_page(page).run()
        _ok(at)
    at.switch_page("views/cycle_designer.py").run()
    _ok(at)
    assert {k: at.session_state[k] for k in kept} == kept
    assert at.selectbox(key="cd_topology").value == "single_stage_ihx"
    assert _slider(at, "superheat").value == 12.5
    assert _metric(at, "COP").value == cop
