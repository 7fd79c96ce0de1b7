"""Customer report: the PDF carries the evaluate figures, both languages render, an
infeasible option is explained, charts come from one browser (skipped without one)."""
import json
import re

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")
pytest.importorskip("jinja2")

from heatcalc import report as R  # noqa: E402
from heatcalc.case import load_case  # noqa: E402
from heatcalc.cli import main  # noqa: E402
from heatcalc.core.datafiles import DATA_DIR  # noqa: E402
from heatcalc.evaluation.annual import evaluate_case  # noqa: E402

EXAMPLES = DATA_DIR / "examples"
BREWERY = EXAMPLES / "brewery_hot_water.json"  # heat pump feasible; MVR and steam HP infeasible
PAPER = EXAMPLES / "paper_dryer_steam.json"  # no option fits the 6 MW grid limit
HAVE_BROWSER = R.find_browser() is not None


def pdf_text(path) -> str:
    text = "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)
    return re.sub(r"[ \t]+", " ", text)


@pytest.fixture(scope="module")
def brewery():
    return evaluate_case(load_case(BREWERY))


@pytest.fixture(scope="module")
def brewery_pdfs(brewery, tmp_path_factory):
    """English and Dutch PDFs of the brewery case without charts (no browser needed)."""
    d = tmp_path_factory.mktemp("reports")
    out = {}
    for lang in R.LANGS:
        info = R.write_report(brewery, d / f"brewery_{lang}.pdf", lang, renderer=False)
        assert info.format == "pdf" and info.path.stat().st_size > 10_000
        out[lang] = (info, pdf_text(info.path))
    return out


def evaluate_json(path, capsys) -> dict:
    assert main(["evaluate", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def cli_formats() -> dict:
    from heatcalc.cli.evaluate import TABLE_ROWS

    return {k: f for k, _, _, f in TABLE_ROWS}


# --------------------------------------------------------------------------------------
def test_report_formats_are_the_evaluate_tables():
    fmts = cli_formats()
    for col, spec in R.ROW_FORMATS.items():
        assert fmts[col] == spec, col


def test_pdf_contains_the_evaluate_figures_in_both_languages(brewery_pdfs, capsys):
    d = evaluate_json(BREWERY, capsys)
    best = next(r for r in d["results"] if r.get("best"))
    fmts = cli_formats()
    for col in ("cop", "payback_yr", "co2_saved_t_per_yr", "co2_t_per_yr", "P_el_kW", "npv_EUR"):
        en = fmts[col].format(best[col])
        assert en in brewery_pdfs["en"][1], (col, en)
        nl = R.localise(en, "nl")
        assert nl in brewery_pdfs["nl"][1], (col, nl)
    base = d["results"][0]
    assert fmts["co2_t_per_yr"].format(base["co2_t_per_yr"]) in brewery_pdfs["en"][1]


def test_both_languages_render_their_own_words(brewery_pdfs):
    en, nl = brewery_pdfs["en"][1], brewery_pdfs["nl"][1]
    for word in ("Summary", "Recommended: Heat pump", "Assumptions and sources", "Disclaimer",
                 "Products that can serve this case"):
        assert word in en
    for word in ("Samenvatting", "Aanbevolen: Warmtepomp", "Aannames en bronnen", "Disclaimer",
                 "Producten die deze case kunnen bedienen"):
        assert word in nl
    assert "Samenvatting" not in en and "Summary" not in nl


def test_infeasible_options_are_explained(brewery, brewery_pdfs):
    en = brewery_pdfs["en"][1]
    infeasible = [r for r in brewery.rows if r["status"] == "infeasible"]
    assert infeasible, "the brewery example should have an infeasible option"
    for r in infeasible:
        assert "is not feasible" in en
        # the library's reason, as evaluate gives it (first words, PDF line breaks aside)
        words = " ".join(r["message"].split()[:4])
        assert words in en.replace("\n", " "), words


def test_no_feasible_option_still_gives_a_report_that_says_why(tmp_path):
    case = load_case(PAPER)  # without the staged option, which fits the grid with a smaller heat pump
    res = evaluate_case(case.model_copy(update={"options": tuple(o for o in case.selected_options if o != "staged")}))
    assert res.best is None
    info = R.write_report(res, tmp_path / "paper.pdf", "en", renderer=False)
    text = pdf_text(info.path).replace("\n", " ")
    assert "No electric option is recommended" in text
    assert "kW short" in text  # the grid limit is named
    assert "does not save CO2" in text  # and the options that would raise emissions


def test_assumptions_list_sources_and_emission_factors(brewery_pdfs, brewery):
    en = brewery_pdfs["en"][1].replace("\n", " ")
    assert "Emission factors" in en and "natural_gas_ef_lhv" in en
    assert "Prices used (2025)" in en
    assert "Energy tax bands (2025)" in en
    assert "Investment and maintenance cost" in en
    assert "Probability that the NPV is positive" in en and "Uncertainty ranges of the Monte Carlo" in en


def test_products_section_labels_the_cop_basis(brewery_pdfs):
    en = brewery_pdfs["en"][1].replace("\n", " ")
    assert "generic model" in en
    assert "supplier claim" in en


def test_no_browser_gives_a_report_with_a_note(brewery, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    info = R.write_report(brewery, tmp_path / "b.html", "en", renderer=True)
    html = info.path.read_text(encoding="utf-8")
    assert info.charts == 0 and info.chart_note
    assert "Charts could not be drawn here" in html and "no Chromium browser found" in html


@pytest.mark.skipif(not HAVE_BROWSER, reason="no Chromium for kaleido on this machine")
def test_charts_from_one_browser_session(brewery, tmp_path):
    with R.ChartRenderer() as r:
        assert r.ok, r.error
        info = R.write_report(brewery, tmp_path / "c.pdf", "nl", renderer=r)
        html = R.report_bytes(brewery, "html", "en", renderer=r).decode("utf-8")
        assert r.ok  # the same session served both reports
    # comparison, cost split, tornado, cycle; the proposal's condenser and evaporator T-Q and cash flow
    assert info.charts == 7
    assert html.count("<svg") >= 4
    text = pdf_text(info.path)
    assert "Gevoeligheid van de netto contante waarde" in text and "log p–h" in text


def test_cli_report_writes_and_rejects_bad_arguments(tmp_path, capsys):
    out = tmp_path / "p.html"
    assert main(["report", str(BREWERY), "-o", str(out), "--lang", "nl", "--no-charts"]) == 0
    assert out.exists() and "Samenvatting" in out.read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().out
    assert main(["report", str(BREWERY), "-o", str(tmp_path / "p.docx")]) == 2
    assert capsys.readouterr().err.startswith("error:")
    assert main(["report", str(BREWERY), "-o", str(tmp_path / "p.pdf"), "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "en, nl" in err


def test_styles_reach_the_pdf_engine_unescaped(brewery):
    html = R.render_html(brewery, "en", renderer=None, for_pdf=True)
    style = html[html.index("<style>"):html.index("</style>")]
    assert '"DejaVu Sans"' in style and "&#34;" not in style and "&quot;" not in style


def test_numbers_are_localised():
    assert R.fmt_value(1234.5, "{:,.1f}", "nl") == "1.234,5"
    assert R.fmt_value(-0.0, "{:,.0f}", "en") == "0"
    assert R.fmt_value(float("nan"), "{:.1f}", "nl") == "–"
    assert R.fmt_value(True, "{}", "nl") == "ja"


def test_app_report_page_offers_the_download():
    st_testing = pytest.importorskip("streamlit.testing.v1")
    import sys

    root = str(DATA_DIR.parent)
    if root not in sys.path:
        sys.path.insert(0, root)  # the page imports views._shared
    at = st_testing.AppTest.from_file(str(DATA_DIR.parent / "views" / "report.py"), default_timeout=300)
    at.run()
    assert not at.exception
    at.checkbox(key="rp_charts").set_value(False)
    at.radio(key="rp_format").set_value("html")
    at.button(key="report_make").click()  # the proposal form's button
    at.run()
    assert not at.exception and not at.error
    assert len(at.get("download_button")) == 1


@pytest.mark.skipif(not HAVE_BROWSER, reason="no Chromium for kaleido on this machine")
def test_a_stuck_chart_closes_the_session_and_the_report_still_comes(brewery, tmp_path):
    r = R.ChartRenderer()
    assert r.start(), r.error
    r.timeout_s = 1e-3  # every chart now "times out"
    figs = R.build_figures(brewery, "en")
    charts, note = R.charts._render_charts(figs, r, "svg", "en")
    assert note is None and not r.ok and "did not draw a chart" in r.error
    assert all("note" in c for c in charts)  # each chart says why it is missing
    info = R.write_report(brewery, tmp_path / "s.html", "en", renderer=r)
    assert info.charts == 0 and "could not be drawn" in info.path.read_text(encoding="utf-8")
    r.close()


@pytest.mark.skipif(not HAVE_BROWSER, reason="no browser for the charts")
def test_an_hourly_profile_shows_the_year_under_the_grid_limit(brewery, tmp_path):
    """With an hourly profile (``--profiles``) the report runs the year hour by hour and shows the daily
    load against the grid limit, in English and Dutch; without one the chart is not there."""
    from heatcalc.evaluation.hourly.profiles import read_profiles

    prof = read_profiles(DATA_DIR / "profiles" / "synthetic_brewery_2025_time_bound.csv")
    words = {"en": ("Load over the year against the grid limit", "Daily peak load", "Grid limit (highest of the day)",
                    "Hourly calculation over the 8,760 hours", "0 hours above it"),
             "nl": ("Last over het jaar tegen de netlimiet", "Dagpiek van de last", "Netlimiet (hoogste van de dag)",
                    "Uurberekening over de 8.760 uur", "0 uur erboven")}
    with R.ChartRenderer() as r:
        assert r.ok, r.error
        for lang, expected in words.items():
            info = R.write_report(brewery, tmp_path / f"year_{lang}.pdf", lang, renderer=r, profiles=prof)
            text = re.sub(r"\s+", " ", pdf_text(info.path))
            assert info.charts == 8, info  # the 7 charts of a report without a profile, and the year
            missing = [w for w in expected if w not in text]
            assert not missing, (lang, missing)
        plain = R.write_report(brewery, tmp_path / "plain.pdf", "en", renderer=r)
    assert plain.charts == 7 and "Load over the year" not in pdf_text(plain.path)


STREAMS_CASE = EXAMPLES / "dairy_dryer_streams.json"  # a case with the site's process streams


def test_a_case_with_streams_shows_its_pinch_targets(tmp_path):
    """The report of a case with ``streams`` has the section with the targets of ``heatcalc pinch``, in the
    report's language, and (with a browser) the composite and grand composite curves; a case without streams
    has no such section."""
    from heatcalc.integration.pinch import pinch_targets

    res = evaluate_case(load_case(STREAMS_CASE))
    t = pinch_targets(list(res.case.process_streams), res.case.dT_min_K)
    texts = {}
    for lang in R.LANGS:
        info = R.write_report(res, tmp_path / f"s_{lang}.pdf", lang, renderer=False)
        texts[lang] = pdf_text(info.path)
    assert "The site's process streams" in texts["en"] and "De processtromen van de locatie" in texts["nl"]
    assert f"{t.Q_hot_min_kW:,.0f}" in texts["en"] and f"{t.Q_hot_min_kW:,.0f}".replace(",", ".") in texts["nl"]
    assert f"{t.pinch_T_hot_C:.1f} / {t.pinch_T_cold_C:.1f}" in texts["en"]
    share = t.Q_recovery_kW / t.sum_cold_duty_kW
    assert f"{t.sum_cold_duty_kW:,.0f} (recovery saves {share:.0%} of it)" in texts["en"]
    assert "minimale" in texts["nl"].lower() and "minimum hot utility" not in texts["nl"]
    html = R.report_bytes(evaluate_case(load_case(BREWERY)), "html", "en", renderer=None).decode("utf-8")
    assert "The site's process streams" not in html
    if HAVE_BROWSER:
        with R.ChartRenderer() as r:
            html = R.report_bytes(res, "html", "nl", renderer=r).decode("utf-8")
        assert "Samengestelde curven" in html and "Grote samengestelde curve" in html
        assert html.count("<svg") >= 6
