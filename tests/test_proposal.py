"""The proposal a sales engineer sends: cover fields from the command line and the case file's
``proposal`` block, the supplier profile (JSON or TOML, hex colours, logo, footer), the proposed
option (an unknown one names the valid ones), escaping of every user text, and the PDF's text
(EN and NL): cover, summary, no split P10–P90 row, no word broken across lines, no page with only
the disclaimer, an appendix with only the assumptions the case used."""
import json
import math
import re
import shutil

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")
pytest.importorskip("jinja2")

from heatcalc import report as R  # noqa: E402
from heatcalc.case import load_case  # noqa: E402
from heatcalc.cli import main  # noqa: E402
from heatcalc.core.datafiles import DATA_DIR  # noqa: E402
from heatcalc.core.errors import InputError  # noqa: E402
from heatcalc.evaluation.annual import evaluate_case  # noqa: E402
from heatcalc.present.i18n import t  # noqa: E402
from heatcalc.report.content import (cash_flows, load_supplier_profile, make_proposal,  # noqa: E402
                                     read_proposal_block)

EXAMPLES = DATA_DIR / "examples"
BREWERY = EXAMPLES / "brewery_hot_water.json"  # heat pump best; e-boiler and hybrid boiler feasible
LIME = EXAMPLES / "sugar_lime_kiln.json"
PROFILE = EXAMPLES / "supplier_profile.toml"
CASES = sorted(p for p in EXAMPLES.glob("*.json"))
EVIL = '<script>alert("x")</script> & <b>Brouwerij</b>'

#: Euro tolerance of the cash flow's discounted sum against the result row's NPV [€].
NPV_ATOL_EUR = 1.0


def pages_of(path) -> list[str]:
    return [re.sub(r"[ \t]+", " ", p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def brewery():
    return evaluate_case(load_case(BREWERY))


@pytest.fixture(scope="module")
def results():
    return {p.stem: evaluate_case(load_case(p)) for p in CASES}


@pytest.fixture
def profile_json(tmp_path):
    """A JSON supplier profile with its logo in the same folder."""
    shutil.copy(EXAMPLES / "supplier_logo.svg", tmp_path / "logo.svg")
    p = tmp_path / "profile.json"
    p.write_text(json.dumps({"name": "Acme <Heat>", "logo": "logo.svg", "primary_colour": "#123456",
                             "secondary_color": "#abc", "footer": "Acme B.V. </div><script>x</script>"}),
                 encoding="utf-8")
    return p


# --------------------------------------------------------------------------------------
# proposal fields and supplier profile
def test_cover_shows_the_fields_and_escapes_every_user_text(brewery, profile_json):
    prop = make_proposal(customer=EVIL, site="Zwolle & Co", contact="J. <i>Jansen</i>", proposal_id="HP-<1>",
                         supplier_profile=profile_json, date="2026-03-02", validity_days=30)
    html = R.render_html(brewery, "en", proposal=prop)
    assert "<script>" not in html and "<b>Brouwerij" not in html and "<i>Jansen" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Brouwerij&lt;/b&gt;" in html
    assert "Zwolle &amp; Co" in html and "HP-&lt;1&gt;" in html and "Acme &lt;Heat&gt;" in html
    assert "Acme B.V. &lt;/div&gt;&lt;script&gt;x&lt;/script&gt;" in html  # the footer too
    assert "2 March 2026" in html and "1 April 2026" in html  # date and valid until (30 days)
    assert "data:image/svg+xml;base64," in html  # the logo is embedded
    assert "#123456" in html and "#abc" in html  # the profile's colours reach the styles


def test_supplier_profile_json_and_toml_read_the_same(tmp_path):
    toml = load_supplier_profile(PROFILE)
    data = {"name": toml.name, "logo": str((EXAMPLES / "supplier_logo.svg").resolve()),
            "primary_colour": toml.primary_colour, "secondary_colour": toml.secondary_colour, "footer": toml.footer,
            "validity_days": toml.validity_days}
    (tmp_path / "p.json").write_text(json.dumps(data), encoding="utf-8")
    js = load_supplier_profile(tmp_path / "p.json")
    assert (js.name, js.primary_colour, js.secondary_colour, js.footer, js.validity_days, js.logo_uri) == \
        (toml.name, toml.primary_colour, toml.secondary_colour, toml.footer, toml.validity_days, toml.logo_uri)
    assert toml.logo_uri.startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize("key,value,words", [
    ("primary_colour", "red", ("primary_colour", "'red'", "hex colour")),
    ("primary_colour", "#12345", ("primary_colour", "#12345", "hex colour")),
    ("secondary_colour", "#1f3b57; } body { display: none", ("secondary_colour", "hex colour")),
    ("logo", "missing.svg", ("logo", "missing.svg", "relative to the profile")),
    ("logo", "logo.gif", ("logo", ".svg", ".png")),
    ("validity_days", 0, ("validity_days", "1 to 3650")),
    ("slogan", "x", ("slogan", "name, logo")),
])
def test_bad_supplier_profiles_name_the_key_and_the_valid_range(tmp_path, key, value, words):
    p = tmp_path / "p.json"
    p.write_text(json.dumps({"name": "Acme", key: value}), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_supplier_profile(p)
    for w in words:
        assert w in str(exc.value), (w, str(exc.value))


def test_bad_proposal_fields_name_the_field():
    with pytest.raises(InputError, match=r"--date='31-03-2026' is not a date: valid is YYYY-MM-DD"):
        make_proposal(date="31-03-2026")
    with pytest.raises(InputError, match=r"proposal.validity_days=-5 days is out of range"):
        make_proposal({"validity_days": -5})
    with pytest.raises(InputError, match=r"proposal.customr is not a proposal field: valid are customer"):
        make_proposal({"customr": "x"})
    with pytest.raises(InputError, match=r"--customer is 201 characters long: valid is at most 200"):
        make_proposal(customer="x" * 201)


def test_proposal_block_in_the_case_file_and_the_command_line_wins(tmp_path, capsys):
    shutil.copy(PROFILE, tmp_path / "supplier.toml")
    shutil.copy(EXAMPLES / "supplier_logo.svg", tmp_path / "supplier_logo.svg")
    case = json.loads(BREWERY.read_text(encoding="utf-8"))
    case["proposal"] = {"customer": "From the file", "site": "Site from the file", "proposal_id": "P-7",
                        "supplier_profile": "supplier.toml", "option": "e_boiler"}
    cf = tmp_path / "case.json"
    cf.write_text(json.dumps(case), encoding="utf-8")
    assert read_proposal_block(cf)["proposal_id"] == "P-7"
    assert main(["evaluate", str(cf), "--json"]) == 0  # the block is not a case input
    capsys.readouterr()
    out = tmp_path / "p.html"
    assert main(["report", str(cf), "-o", str(out), "--no-charts", "--customer", "From the command line",
                 "--option", "heat_pump"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "From the command line" in html and "From the file" not in html
    assert "Site from the file" in html and "P-7" in html and "Example Heat Systems B.V." in html
    assert "Recommended: Heat pump" in html  # --option overrides the block's e_boiler


def test_option_chooses_the_proposed_option(brewery):
    html = R.render_html(brewery, "en", proposal=make_proposal(option="e_boiler"))
    e = brewery.row("e_boiler")
    assert "Proposed: E-boiler" in html
    assert f"{e['P_el_kW']:,.0f}" in html
    assert "the calculation&#39;s best option is Heat pump" in html
    assert "★ E-boiler" in html and "★ Heat pump" not in html


@pytest.mark.parametrize("option,words", [
    ("foo", ("--option=foo is not an option of case brewery-hot-water", "heat_pump, e_boiler, hybrid_boiler")),
    ("mvr", ("--option=mvr is not feasible", "vapour source", "valid is one of heat_pump, e_boiler")),
])
def test_unknown_or_infeasible_option_is_an_error_naming_the_valid_ones(tmp_path, capsys, option, words):
    assert main(["report", str(BREWERY), "-o", str(tmp_path / "p.html"), "--no-charts", "--option", option]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Traceback" not in err
    for w in words:
        assert w in err, (w, err)
    assert not (tmp_path / "p.html").exists()


# --------------------------------------------------------------------------------------
# money
def test_cash_flows_give_the_rows_npv_and_payback(brewery):
    row = brewery.best
    cf = cash_flows(row, brewery.case)
    assert cf is not None and len(cf["year"]) == brewery.case.lifetime_yr + 1
    assert math.isclose(cf["npv_EUR"], row["npv_EUR"], abs_tol=NPV_ATOL_EUR)
    # undiscounted cumulative turns positive in the year the simple payback ends
    first_positive = next(y for y, c in zip(cf["year"], cf["cumulative_EUR"]) if c >= 0)
    assert first_positive == math.ceil(row["payback_yr"])


def test_subsidies_listed_with_their_status(brewery):
    html = R.render_html(brewery, "en")
    assert "Subsidies and their eligibility" in html
    assert "counted: EIA: heat_pump counted as on the Energielijst" in html  # the eligibility it assumed
    assert "not requested" in html


# --------------------------------------------------------------------------------------
# the PDF, every example case, English and Dutch
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("name", [p.stem for p in CASES])
def test_pdf_text_of_every_example(results, tmp_path, name, lang):
    res = results[name]
    prop = make_proposal(customer="Klant B.V.", site="Zwolle", contact="J. Jansen", proposal_id="HP-2026-017",
                         supplier_profile=PROFILE, date="2026-03-02")
    info = R.write_report(res, tmp_path / f"{name}_{lang}.pdf", lang, renderer=False, proposal=prop)
    pages = pages_of(info.path)
    text = flat("\n".join(pages))
    # cover: title, customer, site, contact, proposal number, date, validity, supplier
    cover = flat(pages[0])
    for word in (t("title", lang), "Klant B.V.", "Zwolle", "J. Jansen", "HP-2026-017",
                 "2 March 2026" if lang == "en" else "2 maart 2026",
                 "1 April 2026" if lang == "en" else "1 april 2026"):
        assert word in cover, word
    assert t("s_summary", lang) in flat(pages[1])
    for key in ("s_decide", "s_options", "s_machine", "s_year", "s_money", "s_not_included", "s_validity",
                "s_assumptions"):
        assert t(key, lang) in text, key
    # no page holds only the disclaimer: its page also holds the validity of the offer
    disc = [p for p in pages if t("disclaimer", lang)[:40] in flat(p)]
    assert len(disc) == 1 and t("s_validity", lang) in flat(disc[0])
    # the P10–P90 label and its value stay on one page
    label = t("e_mc_range", lang, n="1")[:14]
    for p in pages:
        if label in p:
            after = flat(p)[flat(p).index(label):]
            assert re.search(r"-?[\d.,]+ … -?[\d.,]+ €", after), after[:200]
    # no word broken across lines: each header of the option and product tables is whole in the text
    if t("col_exp_cop", lang).split()[-1] in text and t("col_units", lang) in text:  # the product table is there
        for key in ("col_refrigerant", "col_exp_cop", "col_product", "col_basis", "col_source"):
            assert t(key, lang) in text, key
    for row in ("col_status",):
        assert t(row, lang) in text
    # the appendix lists only this case's figures
    if res.case.process == "lime_kiln":
        assert "lime_kiln_specific_energy" in text and "glass_furnace_specific_energy" not in text
    elif res.case.process == "glass_furnace":
        assert "glass_furnace_specific_energy" in text and "lime_kiln_specific_energy" not in text
    else:
        assert "lime_kiln_specific_energy" not in text and "glass_furnace_specific_energy" not in text
        assert "calcination_CaO" not in text
    # Dutch: none of the proposal's English sentences
    if lang == "nl":
        for key in ("s_decide", "s_not_included", "s_validity", "kf_grid", "ni_1", "ni_7", "s_year"):
            assert t(key, "en") not in text, key


def test_no_word_is_broken_in_the_product_table(brewery, tmp_path):
    """The headers that used to break mid-word ("Refrigera/nt", "Expect/ed COP") stay whole."""
    for lang in ("en", "nl"):
        info = R.write_report(brewery, tmp_path / f"b_{lang}.pdf", lang, renderer=False)
        lines = "\n".join(pages_of(info.path)).splitlines()
        for key in ("col_refrigerant", "col_exp_cop"):
            word = t(key, lang).split()[0]
            broken = [ln for ln in lines if ln.strip() and word.startswith(ln.strip().split()[-1])
                      and ln.strip().split()[-1] != word and len(ln.strip().split()[-1]) >= 4]
            assert not broken, (key, broken[:3])
            assert t(key, lang) in flat("\n".join(lines)), key
