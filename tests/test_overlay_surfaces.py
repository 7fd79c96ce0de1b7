"""User tables and NOx where users see them: the report (PDF/HTML, ``heatcalc report --tariffs``), the app
(the upload, the NOx figures, the tariff years offered) and the overlay's per-session use."""
from __future__ import annotations

import html as _html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from heatcalc.case import load_case
from heatcalc.core.datafiles import DATA_DIR
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.report.content import fmt_col

ROOT = Path(__file__).resolve().parents[1]
BREWERY = DATA_DIR / "examples" / "brewery_hot_water.json"
#: A user's emission-factor table (test input: a stricter boiler limit; only the mechanism is tested).
NOX_TABLE = ("# table: emission_factors.csv\nquantity,value,unit,year\n"
             "nox_limit_gas_boiler,35,mg NOx/Nm3 dry at 3 % O2,2027\n")


def html_text(text: str) -> str:
    """The words of an HTML report, tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.fixture(scope="module")
def brewery():
    return evaluate_case(load_case(BREWERY))


@pytest.fixture
def nox_file(tmp_path) -> Path:
    p = tmp_path / "nox.csv"
    p.write_text(NOX_TABLE, encoding="utf-8")
    return p


def _nox_figures(res, lang: str) -> list[str]:
    """The NOx figures of the best option and the baseline as the report formats them."""
    return [fmt_col(res.best, "nox_saved_kg_per_yr", lang), fmt_col(res.rows[0], "nox_kg_per_yr", lang)]


# --------------------------------------------------------------------------------------
# the report
@pytest.mark.parametrize("lang, unit, title", [("en", "kg/yr", "NOx saved"), ("nl", "kg/jr", "NOx bespaard")])
def test_report_shows_the_evaluations_nox_and_the_limits_behind_it(brewery, lang, unit, title):
    pytest.importorskip("jinja2")
    from heatcalc.report.content import build_context
    from heatcalc.report.render import render_html

    saved, base = _nox_figures(brewery, lang)
    assert brewery.best["nox_saved_kg_per_yr"] > 0  # the brewery's heat pump burns no gas
    ctx = build_context(brewery, lang)
    kf = next(k for k in ctx["key_figures"] if k["label"] == title)
    assert (kf["value"], kf["unit"]) == (saved, unit) and base in kf["note"]
    rows = {r["label"]: r["cells"] for r in ctx["options"]["rows"]}
    shown = [r for r in brewery.rows if r.get("status") == "ok"]
    assert rows[f"{title} [{unit}]"] == ["–"] + [fmt_col(r, "nox_saved_kg_per_yr", lang) for r in shown[1:]]
    text = html_text(render_html(brewery, lang, renderer=None))
    assert f"{title} {saved} {unit}" in text
    # the appendix names the factor used and the Dutch limit it assumes, with the data file's source
    nox = next(g for g in ctx["assumptions"] if g["title"].startswith("NOx"))
    limit = next(r for r in nox["rows"] if r["quantity"] == "nox_limit_gas_boiler")
    assert "Activiteitenbesluit" in limit["source"] and limit["value"] == "70"
    assert "70 mg/Nm3" in nox["rows"][0]["quantity"]  # the boiler's factor, derived from that limit
    assert "nox_ef_gas_engine_chp" not in [r["quantity"] for r in nox["rows"]]  # not a CHP case
    assert nox["title"] in text


def test_pdf_report_carries_the_nox_figures(brewery, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")
    from heatcalc.report.render import write_report

    info = write_report(brewery, tmp_path / "b.pdf", "en", renderer=False)
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(info.path)).pages))
    saved, base = _nox_figures(brewery, "en")
    assert f"NOx saved {saved} kg/yr" in text and f"of {base} kg/yr" in text
    assert "NOx: emission factors and the Dutch emission limits they assume" in text


def test_cli_report_with_tariffs_uses_and_lists_the_users_numbers(brewery, nox_file, tmp_path):
    pytest.importorskip("jinja2")
    from heatcalc.money import overlay

    out = tmp_path / "r.html"
    r = subprocess.run([sys.executable, "-m", "heatcalc", "report", str(BREWERY), "-o", str(out), "--no-charts",
                        "--tariffs", str(nox_file)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    text = html_text(out.read_text(encoding="utf-8"))
    assert "Figures you supplied" in text
    assert "emission_factors.csv: nox_limit_gas_boiler = 35 mg NOx/Nm3 dry at 3 % O2 (your file nox.csv)" in text
    ov = overlay.prepare([nox_file])
    with overlay.using(ov):
        res = evaluate_case(load_case(BREWERY))
    saved, base = _nox_figures(res, "en")
    assert res.rows[0]["nox_kg_per_yr"] == pytest.approx(brewery.rows[0]["nox_kg_per_yr"] / 2, rel=1e-9)
    assert f"NOx saved {saved} kg/yr of {base} kg/yr" in text
    # without the user's table the report lists no user numbers
    assert "Figures you supplied" not in html_text(__import__("heatcalc.report.render", fromlist=["x"]).render_html(
        brewery, "en", renderer=None))


def test_an_overlay_in_use_stays_inside_its_block(brewery, nox_file):
    from heatcalc.money import overlay

    ov = overlay.prepare([nox_file])
    assert overlay.active() is None
    before = evaluate_case(load_case(BREWERY)).rows[0]["nox_kg_per_yr"]  # prepared, not in use
    with overlay.using(ov):
        assert overlay.active() is ov
        inside = evaluate_case(load_case(BREWERY)).rows[0]["nox_kg_per_yr"]
    after = evaluate_case(load_case(BREWERY)).rows[0]["nox_kg_per_yr"]
    assert before == after == brewery.rows[0]["nox_kg_per_yr"] and inside == pytest.approx(before / 2, rel=1e-9)
    assert overlay.active() is None


def test_data_status_text_lists_the_sources_and_the_users_table(tmp_path):
    run = [sys.executable, "-m", "heatcalc", "data", "status"]
    d = json.loads(subprocess.run(run + ["--json"], capture_output=True, text=True, timeout=120, cwd=ROOT).stdout)
    text = subprocess.run(run, capture_output=True, text=True, timeout=120, cwd=ROOT).stdout
    assert "\nsources:\n" in text
    listed = text.split("\nsources:\n", 1)[1]
    for y, v in d["years"].items():
        for s in v["energy_tax"]["sources"] + [s for p in v["prices"].values() for s in p["sources"]]:
            assert f"  - {s}\n" in listed, s
    year = max(int(y) for y in d["years"]) + 1  # a year the data do not hold: only the user's rows
    f = tmp_path / "tax.csv"
    f.write_text("carrier,band,band_from,band_to,volume_unit,year,value,unit\n"
                 f"gas,1,0,,m3,{year},1,EUR/m3\n", encoding="utf-8")
    r = subprocess.run(run + ["--tariffs", str(f)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0 and "user data: 1 row(s) of tax.csv" in r.stderr
    assert "USER: user-supplied table(s): tax.csv" not in r.stdout  # a year outside the status' years
    y0 = min(int(y) for y in d["years"])
    f.write_text("carrier,band,band_from,band_to,volume_unit,year,value,unit\n"
                 f"gas,1,0,,m3,{y0},1,EUR/m3\n", encoding="utf-8")
    r = subprocess.run(run + ["--tariffs", str(f)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    own = r.stdout.split("\nsources:\n", 1)[1]
    assert "  - USER: user-supplied table(s): tax.csv" in own and f"energy tax {y0}" in own.split("USER")[1]


# --------------------------------------------------------------------------------------
# batch: a tariffs column names each row's own tables
def test_batch_rows_carry_their_own_tables_in_a_tariffs_column(nox_file, tmp_path):
    import csv

    from heatcalc import batch as B

    case = json.loads(BREWERY.read_text(encoding="utf-8"))
    fields = ["case_id", "process", "heat_demand_kW", "operating_hours_per_yr", "T_sink_in_C", "T_sink_out_C",
              "T_source_in_C", "T_source_out_C", "options", "tariff_year", "tariffs"]
    sub = tmp_path / "tables"
    sub.mkdir()
    (sub / "nox.csv").write_text(nox_file.read_text(encoding="utf-8"), encoding="utf-8")
    inp = tmp_path / "sites.csv"
    with inp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(fields)
        for cid, tables in (("shipped", ""), ("own", "tables/nox.csv"), ("bad", "tables/none.csv")):
            w.writerow([cid] + [case.get(f, "") for f in fields[1:-1]] + [tables])
    B.run_batch(inp, tmp_path / "out.csv", workers=1)
    with (tmp_path / "out.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    base = {r["case_id"]: r for r in rows if r["option"] == "baseline"}
    shipped = float(base["shipped"]["nox_kg_per_yr"])
    assert shipped > 0 and float(base["own"]["nox_kg_per_yr"]) == pytest.approx(shipped / 2, rel=1e-9)
    assert "user data: 1 row(s) of nox.csv" in base["own"]["warnings"]
    assert "user data" not in base["shipped"]["warnings"]
    bad = [r for r in rows if r["case_id"] == "bad"]
    assert len(bad) == 1 and bad[0]["status"] == "error" and "none.csv" in bad[0]["message"]


# --------------------------------------------------------------------------------------
# the app
st = pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = str(ROOT / "app.py")


def _app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at, text):
    return next(m for m in at.metric if text in m.label)


def test_quick_scan_shows_nox_per_year_and_saved(brewery):
    at = _app()
    assert _metric(at, "NOx saved [kg/yr]").value == f"{brewery.best['nox_saved_kg_per_yr']:,.0f}"
    table = at.table[0].value
    shown = table[table["Option"] == "★ Heat pump"].iloc[0]
    assert shown["NOx saved [kg/yr]"] == f"{brewery.best['nox_saved_kg_per_yr']:,.0f}"
    full = at.dataframe[0].value
    base = full.iloc[0]  # the baseline row comes first, as in the evaluation
    assert base["NOx on site [kg/yr]"] == f"{brewery.rows[0]['nox_kg_per_yr']:,.0f}"
    nl = _app(lang="nl")
    assert any("NOx bespaard [kg/jr]" == m.label for m in nl.metric)


def test_uploaded_table_is_used_listed_and_kept_to_its_session(brewery):
    at = _app()
    at.file_uploader(key="qs_tariffs_upload").upload("nox.csv", NOX_TABLE.encode(), "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 number(s) from nox.csv" in s.value for s in at.success)
    listed = at.sidebar.dataframe[0].value
    assert listed.iloc[0].tolist() == ["emission_factors.csv", "nox_limit_gas_boiler", "35",
                                       "mg NOx/Nm3 dry at 3 % O2"]
    half = brewery.best["nox_saved_kg_per_yr"] / 2
    assert _metric(at, "NOx saved [kg/yr]").value == f"{half:,.0f}"
    other = _app()  # another session: the shipped data
    assert _metric(other, "NOx saved [kg/yr]").value == f"{brewery.best['nox_saved_kg_per_yr']:,.0f}"
    # the report made in the session lists the user's number
    at.switch_page("views/report.py").run()
    at.checkbox(key="rp_charts").uncheck()
    at.radio(key="rp_format").set_value("html").run()
    at.button(key="report_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    data = at.session_state["rp_file"][0]
    text = html_text(data.decode("utf-8") if isinstance(data, bytes) else data)
    assert "emission_factors.csv: nox_limit_gas_boiler = 35" in text
    assert f"NOx saved {half:,.0f} kg/yr" in text
    at.switch_page("views/hourly_grid.py").run()  # the year of hours runs with the session's tables
    assert not at.exception, [e.value for e in at.exception]
    # back to the shipped data
    at.switch_page("views/quick_scan.py").run()
    at.button(key="qs_user_data_remove").click().run()
    assert _metric(at, "NOx saved [kg/yr]").value == f"{brewery.best['nox_saved_kg_per_yr']:,.0f}"


def test_a_bad_upload_is_an_error_naming_the_file():
    at = _app()
    at.file_uploader(key="qs_tariffs_upload").upload("mine.csv", b"a,b\n1,2\n", "text/csv").run()
    assert not at.exception
    assert any("mine.csv" in e.value for e in at.error)


def test_app_offers_a_year_the_users_table_completes(tmp_path):
    from heatcalc.case import TARIFF_YEARS
    from heatcalc.money.data_status import data_status
    from heatcalc.present.i18n import field_label

    status = data_status(TARIFF_YEARS)
    # a year that lacks only energy-tax bands: the user's table completes it
    missing = [y for y in TARIFF_YEARS if not status["years"][y]["computes"]
               and all(v["status"] != "missing" for v in status["years"][y]["prices"].values())]
    if not missing:
        pytest.skip("no tariff year that lacks only its energy tax")
    year, like = missing[-1], status["latest_complete_year"]
    label = field_label("tariff_year", "en")
    at = _app()
    sel = next(s for s in at.selectbox if s.label == label)
    assert str(year) not in sel.options and str(like) in sel.options  # what cannot compute is not offered
    lines = [ln for ln in (DATA_DIR / "tariffs" / "energy_tax.csv").read_text(encoding="utf-8").splitlines()
             if ln.split(",")[5:6] == [str(like)]]
    body = [",".join(ln.split(",")[:8]).replace(f",{like},", f",{year},") for ln in lines]
    table = "carrier,band,band_from,band_to,volume_unit,year,value,unit\n" + "\n".join(body) + "\n"
    at.file_uploader(key="qs_tariffs_upload").upload(f"tax_{year}.csv", table.encode(), "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    assert str(year) in next(s for s in at.selectbox if s.label == label).options


def test_years_not_offered_say_what_they_lack_in_the_sessions_language():
    from heatcalc.case import TARIFF_YEARS
    from heatcalc.money.data_status import data_status

    status = data_status(TARIFF_YEARS)["years"]
    missing = [y for y in TARIFF_YEARS if not status[y]["computes"]]
    if not missing:
        pytest.skip("every tariff year computes with the shipped data")
    for lang, words in (("en", "Not offered"), ("nl", "Niet aangeboden")):
        at = _app(lang=lang)
        caption = next(c.value for c in at.caption if c.value.startswith(words))
        for y in missing:
            assert f"{y} (" in caption
            for q, p in status[y]["prices"].items():
                if p["status"] == "missing":
                    assert q in caption
        if lang == "nl":  # the data status's English lines reworded
            assert "upward" not in caption and "no bands" not in caption and "energiebelasting" in caption
