"""Dutch rules: subsidy eligibility and stacking, NOx beside CO2, energy-tax bands.

Reference values are from the scheme texts and secondary sources named in data/ (ids in
data/tariffs/sources.csv); decisions are tested as properties.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.case import Case
from heatcalc.core.errors import InputError
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.money import subsidies as S
from heatcalc.money.tariffs import energy_tax_amount
from heatcalc.options import emissions

P = S.subsidy_params()
BREWERY = json.load(open("data/examples/brewery_hot_water.json", encoding="utf-8"))


def _case(**kw) -> Case:
    d = dict(BREWERY)
    d.update(kw)
    return Case.from_dict(d)


def _rows(**kw) -> dict:
    return {r["option"]: r for r in evaluate_case(_case(**kw)).to_dict()["results"]}


# -- the subsidies field --------------------------------------------------------------------------
def test_subsidies_field_parses_and_rejects():
    assert _case().subsidies == ("eia",)  # the contract's default
    assert _case(subsidies="veki; EIA").subsidies == ("veki", "eia")
    assert _case(subsidies="auto;eia").subsidies == ("auto",)
    assert _case(subsidies="none").subsidies == ()
    assert _case(subsidies="none").to_dict()["subsidies"] == "none"
    with pytest.raises(InputError, match="subsidies"):
        _case(subsidies="wbso")


def test_none_gives_no_support_and_default_gives_eia_only():
    none, eia = _rows(subsidies="none")["heat_pump"], _rows()["heat_pump"]
    assert none["subsidy_EUR"] == 0 and eia["subsidy_eia_EUR"] > 0
    assert eia["subsidy_veki_EUR"] == 0 and eia["subsidy_sde_EUR_per_yr"] == 0
    assert eia["npv_EUR"] > none["npv_EUR"]


# -- worked examples from the scheme texts --------------------------------------------------------
def test_eia_worked_example_subsidie2gether():
    """EUR 300,000 x 40 % x 25 % = EUR 30,000 (Subsidie2gether EIA example); with 25.8 %: 30,960."""
    p = dict(P)
    p["_by_year"] = {k: dict(v) for k, v in P["_by_year"].items()}
    p["_by_year"][("corporate_tax", "top_rate")] = {2025: 0.25}
    assert S.eia_EUR(300_000, p, 2025) == pytest.approx(30_000)
    assert S.eia_EUR(300_000, P, 2025) == pytest.approx(30_960)
    assert S.eia_EUR(2_000, P, 2025) == 0  # below the 2,500 EUR minimum investment


def test_eia_capped_at_the_yearly_maximum():
    """151 MEUR (2025, three sources) and 153 MEUR (2026) qualifying investment per year."""
    assert S.eia_EUR(1e9, P, 2025) == pytest.approx(151e6 * 0.40 * 0.258)
    assert S.eia_EUR(1e9, P, 2026) == pytest.approx(153e6 * 0.40 * 0.258)


def test_mia_vamil_net_benefit_matches_rvo():
    """RVO: MIA + Vamil together give 'ruim 14 %' net benefit (highest category, 45 %)."""
    share = S.mia_vamil_EUR(1e6, 0.45, P, 2025) / 1e6
    assert 0.14 < share < 0.15


# -- stacking and the scheme maxima as properties -------------------------------------------------
def _input(capex, eq_share, saving, co2, cop=3.0, cap_kW=2000.0, tech="heat_pump", halogen_free=True):
    from heatcalc.money.finance import annuity_factor
    return S.SubsidyInput(technology=tech, process="heat", capacity_kW_th=cap_kW, cop=cop, halogen_free=halogen_free,
                          capex=capex, capex_eq=capex * eq_share, capex_ref=capex * 0.2, saving=saving,
                          co2_saved=co2, r=0.08, n=15, sde_years=15, af_n=annuity_factor(0.08, 15),
                          af_sde=annuity_factor(0.08, 15), year=2026)


def _engine(req: str, mia_share: float | None = 0.36):
    p = dict(P)
    p["_eligibility"] = dict(P["_eligibility"])
    if mia_share is not None:
        p["_eligibility"][("heat_pump", "MIA/Vamil", "mia_share")] = (mia_share, "USER", "U", "")
    sw = S._switches(req, p)
    veki_max, veki_share = S._param(p, "VEKI", "max_subsidy"), S._param(p, "VEKI", "subsidy_share")

    def veki(capex, saving):
        ok = saving > 0 and capex / saving > S._param(p, "VEKI", "min_payback_without_subsidy")
        return (S.veki_EUR(capex * 0.8, p) if ok else 0.0), ("" if ok else "VEKI not granted: payback")
    assert veki_max > 0 and veki_share > 0
    return S.SubsidyEngine(p, sw, veki), p


money = st.floats(min_value=1e4, max_value=5e8)


@settings(max_examples=150, deadline=None)
@given(capex=money, eq=st.floats(0.1, 1.0), saving=st.floats(-1e7, 5e7), co2=st.floats(0, 5e5),
       req=st.sampled_from(["auto", "eia;veki;sde;mia_vamil", "eia;sde", "veki;sde", "eia;mia_vamil", "sde"]))
def test_support_never_exceeds_the_investment_or_a_scheme_maximum(capex, eq, saving, co2, req):
    eng, p = _engine(req)
    s = _input(capex, eq, saving, co2)
    res = eng.evaluate(s)
    # allowed combinations only
    for a in res.chosen:
        for b in res.chosen:
            assert a == b or S.allowed_together(p, a, b)
    assert not {"eia", "mia_vamil"} <= set(res.chosen)      # H: not on the same asset
    assert not {"eia", "sde"} <= set(res.chosen)
    # investment support never makes the investment negative
    assert res.veki + res.eia + res.mia_vamil <= capex * (1 + 1e-12)
    assert res.veki <= S._param(p, "VEKI", "max_subsidy") + 1e-6
    assert res.eia <= S._param(p, "EIA", "max_investment", 2026) * 0.40 * 0.258 + 1e-6
    assert res.mia_vamil <= S._param(p, "MIA/Vamil", "max_investment", 2026) * (0.45 * 0.258 + 0.03) + 1e-6
    assert 0 <= res.sde <= S._param(p, "SDE++", "max_subsidy_intensity") * co2 + 1e-6
    # the chosen combination is at least as good as every allowed single scheme it could have taken
    best = eng.support_pv(s, res)
    for k in eng.requested():
        single = S.SubsidyEngine(p, {**{x: x == k for x in S.SUBSIDIES}, "auto": False}, eng.veki_fn).evaluate(s)
        assert best >= eng.support_pv(s, single) - 1e-6


def test_conflicting_request_keeps_the_better_scheme_and_says_why():
    eng, _ = _engine("eia;sde")
    res = eng.evaluate(_input(5e6, 0.8, 1e5, 2000.0))  # a poor saving: SDE++ fills the gap
    assert res.chosen == ("sde",)
    assert any("EIA not applied" in n and "SDE++" in n for n in res.notes)


@pytest.mark.parametrize("kw, reason", [
    (dict(halogen_free=False), "halogens"),
    (dict(cap_kW=300.0), "below the category minimum of 500"),
    (dict(cop=2.0), "COP 2.00 is below the category minimum 2.3"),
    (dict(tech="electric_kiln"), "no SDE++ category"),
])
def test_sde_eligibility_rules(kw, reason):
    eng, _ = _engine("sde")
    res = eng.evaluate(_input(5e6, 0.8, 1e5, 2000.0, **kw))
    assert res.sde == 0 and any(reason in n for n in res.notes)


def test_mia_vamil_unpublished_entry_gives_zero_with_reason():
    eng, _ = _engine("mia_vamil", mia_share=None)
    res = eng.evaluate(_input(5e6, 0.8, 1e6, 2000.0))
    assert res.mia_vamil == 0 and any("Milieulijst" in n for n in res.notes)


def test_auto_never_worse_than_default_on_examples():
    for ex in ("brewery_hot_water", "sugar_evaporator_mvr"):
        d = json.load(open(f"data/examples/{ex}.json", encoding="utf-8"))
        rows = {}
        for req in ("eia", "auto"):
            d["subsidies"] = req
            rows[req] = {r["option"]: r for r in evaluate_case(Case.from_dict(d)).to_dict()["results"]}
        for opt, r in rows["auto"].items():
            if r["status"] == "ok" and opt != "baseline":
                assert r["npv_EUR"] >= rows["eia"][opt]["npv_EUR"] - 1e-6, (ex, opt)


def test_brewery_veki_refused_for_short_payback():
    r = _rows(subsidies="veki")["heat_pump"]
    assert r["subsidy_veki_EUR"] == 0 and "VEKI requires more than 5 yr" in r["subsidy_notes"]


# -- NOx beside CO2 ---------------------------------------------------------------------------------
def test_flue_gas_volume_close_to_methane_stoichiometry():
    """Pure methane: 8.52 Nm3 dry stoichiometric flue gas per Nm3 CH4 at 35.8 MJ/Nm3 LHV = 238 Nm3/GJ
    (independent textbook stoichiometry); natural gas by the Dutch CO2 factor is within 5 % of it."""
    v0 = emissions.flue_gas_Nm3_per_GJ_LHV(0.0)
    assert v0 == pytest.approx(8.52 / 0.0358, rel=0.05)
    assert emissions.flue_gas_Nm3_per_GJ_LHV(3.0) > v0  # dilution to the reference O2


def test_nox_columns_on_examples():
    rows = _rows()
    base = rows["baseline"]
    assert base["nox_kg_per_yr"] > 0 and base["nox_saved_kg_per_yr"] == 0
    assert any("NOx" in w and "70 mg/Nm3" in w for w in base["warnings"])
    assert rows["heat_pump"]["nox_kg_per_yr"] == 0  # all heat electric, no gas on site
    assert rows["heat_pump"]["nox_saved_kg_per_yr"] == pytest.approx(base["nox_kg_per_yr"])
    for r in rows.values():
        if r["status"] == "ok":
            assert 0 <= r["nox_kg_per_yr"] <= base["nox_kg_per_yr"] * (1 + 1e-9)


def test_kiln_nox_unknown_is_empty_not_zero():
    d = json.load(open("data/examples/sugar_lime_kiln.json", encoding="utf-8"))
    rows = {r["option"]: r for r in evaluate_case(Case.from_dict(d)).to_dict()["results"]}
    assert rows["baseline"]["nox_kg_per_yr"] is None or math.isnan(rows["baseline"]["nox_kg_per_yr"])
    assert rows["electric_kiln"]["nox_kg_per_yr"] == 0


@settings(max_examples=60, deadline=None)
@given(fuel=st.floats(0, 1e7))
def test_nox_grows_with_gas(fuel):
    a = emissions.nox_kg(fuel, "boiler")[0]
    b = emissions.nox_kg(fuel * 1.1 + 1.0, "boiler")[0]
    assert 0 <= a < b


# -- energy tax: never falls as use rises, across every band edge -----------------------------------
@pytest.mark.parametrize("year", [2023, 2024, 2025])
@pytest.mark.parametrize("carrier, top", [("gas", 2e7), ("electricity", 2e7)])
def test_energy_tax_never_falls_with_use(year, carrier, top):
    edges = [1000, 2900, 10000, 50000, 170000, 1e6, 1e7]
    v = np.unique(np.concatenate([np.linspace(0, top, 2001), [e * f for e in edges for f in (0.999999, 1, 1.000001)]]))
    tax = energy_tax_amount(carrier, v, year)
    assert np.all(np.diff(tax) >= -1e-9)


# -- user overlays (--tariffs FILE) -------------------------------------------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402

HEADER = "carrier,band,band_from,band_to,volume_unit,year,value,unit"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "heatcalc", *args], capture_output=True, text=True, timeout=120)


def _user_year(tmp_path, year: int, like: int = 2025):
    """A user's table for ``year`` with the band figures of ``like`` (test input: only the mechanism is
    tested, the numbers are not a claim about that year)."""
    files = []
    for carrier in ("gas", "electricity"):
        lines = [ln for ln in open("data/tariffs/energy_tax.csv", encoding="utf-8")
                 if ln.startswith(carrier + ",") and f",{like}," in ln]
        body = [",".join(ln.split(",")[:8]).replace(f",{like},", f",{year},") for ln in lines]
        p = tmp_path / f"{carrier}_{year}.csv"
        p.write_text("\n".join([HEADER] + body) + "\n", encoding="utf-8")
        files += ["--tariffs", str(p)]
    return files


def test_tariffs_overlay_supplies_a_missing_year(tmp_path):
    # 2,000,000 m3 at the 2025 bands = EUR 563,813.10 (Scholt; Rendement; the worked example of data/)
    bare = _run("tariff", "--year", "2027", "--gas-m3", "2000000", "--json")
    assert bare.returncode == 2 and bare.stderr.startswith("error:")
    res = _run("tariff", "--year", "2027", "--gas-m3", "2000000", "--json", *_user_year(tmp_path, 2027))
    assert res.returncode == 0, res.stderr
    d = json.loads(res.stdout)
    assert d["energy_tax_gas_EUR"] == pytest.approx(563_813.10, abs=0.01)
    assert len(d["user_data"]["rows"]) == 10 and all(r["table"] == "tariffs/energy_tax.csv"
                                                      for r in d["user_data"]["rows"])
    assert any("gas 2027" in n for n in d["user_data"]["notes"])


def test_tariffs_overlay_makes_2026_cases_compute(tmp_path):
    case = dict(BREWERY, tariff_year=2026)
    cf = tmp_path / "case.json"
    cf.write_text(json.dumps(case), encoding="utf-8")
    assert _run("evaluate", str(cf), "--json").returncode == 2  # 2026: upper bands not published in the data
    res = _run("evaluate", str(cf), "--json", *_user_year(tmp_path, 2026))
    assert res.returncode == 0, res.stderr
    d = json.loads(res.stdout)
    assert all(r["status"] in ("ok", "infeasible") for r in d["results"])
    assert any(n.startswith("user data:") for n in d["notes"]) and d["user_data"]["replaced_rows"] >= 2


def test_tariffs_overlay_rejects_unknown_and_ambiguous_tables(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    r = _run("tariff", "--year", "2025", "--tariffs", str(bad))
    assert r.returncode == 2 and "bad.csv" in r.stderr and "Traceback" not in r.stderr
    amb = tmp_path / "mine.csv"
    amb.write_text("quantity,value,unit,year\nnox_limit_gas_boiler,35,mg NOx/Nm3 dry at 3 % O2,2027\n",
                   encoding="utf-8")
    r = _run("tariff", "--year", "2025", "--tariffs", str(amb))
    assert r.returncode == 2 and "several tables" in r.stderr
    bad_value = tmp_path / "v.csv"
    bad_value.write_text(HEADER + "\ngas,1,0,1000,m3,2027,cheap,EUR/m3\n", encoding="utf-8")
    r = _run("tariff", "--year", "2025", "--tariffs", str(bad_value))
    assert r.returncode == 2 and "line 2" in r.stderr and "'cheap'" in r.stderr


def test_tariffs_overlay_named_table_changes_the_nox_factor(tmp_path):
    f = tmp_path / "nox.csv"
    f.write_text("# table: emission_factors.csv\nquantity,value,unit,year\n"
                 "nox_limit_gas_boiler,35,mg NOx/Nm3 dry at 3 % O2,2027\n", encoding="utf-8")
    cf = tmp_path / "case.json"
    cf.write_text(json.dumps(BREWERY), encoding="utf-8")
    base = json.loads(_run("evaluate", str(cf), "--json").stdout)["results"][0]["nox_kg_per_yr"]
    half = json.loads(_run("evaluate", str(cf), "--json", "--tariffs", str(f)).stdout)["results"][0]["nox_kg_per_yr"]
    assert half == pytest.approx(base / 2, rel=1e-9)


def test_overlay_restore_gives_the_shipped_data_back(tmp_path):
    from heatcalc.money.overlay import apply_overlay
    from heatcalc.money.tariffs import tax_years
    files = [a for a in _user_year(tmp_path, 2027) if a != "--tariffs"]
    ov = apply_overlay(files)
    try:
        assert 2027 in tax_years()
    finally:
        ov.restore()
    assert 2027 not in tax_years()


# -- CO2 levy with dispensation rights, ETS2 --------------------------------------------------------
from heatcalc.money.ets import co2_cost_EUR  # noqa: E402


@settings(max_examples=100, deadline=None)
@given(e=st.floats(0, 1e6), d1=st.floats(0, 1e6), d2=st.floats(0, 1e6), p=st.floats(0, 200), levy=st.floats(0, 200))
def test_levy_only_above_dispensation_rights(e, d1, d2, p, levy):
    lo, hi = sorted((d1, d2))
    c_lo, c_hi = co2_cost_EUR(e, p, levy, 1.0, True, lo), co2_cost_EUR(e, p, levy, 1.0, True, hi)
    assert c_hi <= c_lo + 1e-6                       # more rights never cost more
    assert c_hi >= e * p - 1e-6                      # the allowance price is always paid
    if hi >= e:
        assert c_hi == pytest.approx(e * p, abs=1e-6)  # all tonnes within the rights: no levy
    assert co2_cost_EUR(e, p, levy, 1.0, False, lo) == 0  # not an ETS installation


def test_2025_levy_rate_and_2026_flat_rate():
    from heatcalc.money.tariffs import co2_levy_rate
    assert co2_levy_rate(2025)[0] == pytest.approx(87.90)  # PwC 16-09-2025 (S214)
    assert co2_levy_rate(2026)[0] == co2_levy_rate(2030)[0] == pytest.approx(78.67)  # Belastingplan 2026


def test_dispensation_rights_above_the_baseline_remove_the_levy_saving():
    d = json.load(open("data/examples/paper_dryer_steam.json", encoding="utf-8"))
    d["co2_dispensation_t_per_yr"] = 0  # no rights: the levy on every tonne
    base = {r["option"]: r for r in evaluate_case(Case.from_dict(d)).to_dict()["results"]}
    d["co2_dispensation_t_per_yr"] = 1e7
    rich = {r["option"]: r for r in evaluate_case(Case.from_dict(d)).to_dict()["results"]}
    assert rich["heat_pump"]["npv_EUR"] < base["heat_pump"]["npv_EUR"]
    co2 = rich["baseline"]["co2_fuel_t_per_yr"] + rich["baseline"]["co2_process_t_per_yr"]
    assert rich["baseline"]["opex_co2_EUR_per_yr"] == pytest.approx(co2 * rich["baseline"]["co2_price_EUR_per_t_used"])


def test_small_site_gets_the_ets2_note_not_a_cost():
    rows = _rows()
    assert rows["baseline"]["opex_co2_EUR_per_yr"] == 0
    assert any("ETS2" in w and "2028" in w for w in rows["baseline"]["warnings"] + rows["heat_pump"]["warnings"]) \
        or any("ETS2" in n for n in evaluate_case(_case()).to_dict()["notes"])


# -- CAPEX escalation ---------------------------------------------------------------------------------
from heatcalc.money.costs import capex_EUR, escalation  # noqa: E402


def test_cpi_escalation_matches_the_cbs_chain():
    """CBS CPI changes 2020-2025 chained: 2019 = 100 -> 126.76 in 2025 (CBS yearly inflation figures)."""
    assert escalation(2019, 2025)[0] == pytest.approx(1.2676, abs=1e-4)
    assert escalation(2025, 2019)[0] == pytest.approx(1 / 1.2676, abs=1e-4)
    f, note = escalation(2025, 2027)
    assert f == 1.0 and "2025 prices" in note


@settings(max_examples=50, deadline=None)
@given(a=st.integers(2015, 2027), b=st.integers(2015, 2027), size=st.floats(10, 1e5))
def test_escalation_never_lowers_a_later_year_and_quotes_stay(a, b, size):
    lo, hi = sorted((a, b))
    assert escalation(2019, hi)[0] >= escalation(2019, lo)[0]  # every CBS change 2020-2025 is positive
    q = capex_EUR("heat_pump", size, overrides={"capex_EUR": 123456.0}, year=hi)
    assert q["capex_EUR"] == 123456.0  # a supplier's quote is not escalated
    assert capex_EUR("heat_pump", size, year=hi)["capex_EUR"] >= capex_EUR("heat_pump", size, year=lo)["capex_EUR"]


def test_cases_carry_the_escalation_note():
    w = _rows()["heat_pump"]["warnings"]
    assert any("escalated from 2019 to 2025 prices" in x for x in w)


def test_tariffs_overlay_reaches_batch_workers(tmp_path):
    f = tmp_path / "nox.csv"
    f.write_text("# table: emission_factors.csv\nquantity,value,unit,year\n"
                 "nox_limit_gas_boiler,35,mg NOx/Nm3 dry at 3 % O2,2027\n", encoding="utf-8")
    src = tmp_path / "s.csv"
    src.write_text("".join(open("data/examples/sites_25.csv", encoding="utf-8").readlines()[:3]), encoding="utf-8")
    import pandas as pd
    outs = []
    for extra in ([], ["--tariffs", str(f)]):
        o = tmp_path / f"o{len(outs)}.csv"
        r = _run("batch", str(src), "-o", str(o), "--workers", "2", "--no-progress", *extra)
        assert r.returncode == 0, r.stderr
        df = pd.read_csv(o)
        outs.append(df[df.option == "baseline"].set_index("case_id")["nox_kg_per_yr"])
    boiler = [c for c in outs[0].index if outs[0][c] != outs[1][c]]
    assert boiler and all(outs[1][c] == pytest.approx(outs[0][c] / 2) for c in boiler)


def test_old_grid_factor_is_named_and_a_user_factor_replaces_it(tmp_path):
    notes = evaluate_case(_case()).to_dict()["notes"]
    assert any("grid CO2 factor 0.3 kg/kWh (average) is the 2021 figure" in n for n in notes)
    f = tmp_path / "grid.csv"
    f.write_text("# table: emission_factors.csv\nquantity,value,unit,year\ngrid_average,0.20,kg CO2/kWh,2025\n",
                 encoding="utf-8")
    cf = tmp_path / "case.json"
    cf.write_text(json.dumps(BREWERY), encoding="utf-8")
    d = json.loads(_run("evaluate", str(cf), "--json", "--tariffs", str(f)).stdout)
    hp = {r["option"]: r for r in d["results"]}["heat_pump"]
    assert hp["co2_grid_t_per_yr"] == pytest.approx(hp["E_el_MWh_per_yr"] * 0.20)
    assert not any("is the 2021 figure" in n for n in d["notes"])


# -- SDE++ by category when the figures are supplied ------------------------------------------------
def test_sde_category_figures_replace_the_gap_model():
    """(base - max(correction, base energy price)) x production, production <= capacity x full-load hours
    (RVO 'Berekening SDE++'). The figures are test inputs: the category's published values were not found."""
    eng, p = _engine("sde")
    el = dict(p["_eligibility"])
    el.update({("heat_pump", "SDE++", "base_amount"): (60.0, "USER", "user", ""),
               ("heat_pump", "SDE++", "full_load_hours"): (6000.0, "USER", "user", ""),
               ("heat_pump", "SDE++", "correction_amount"): (20.0, "USER", "user", ""),
               ("heat_pump", "SDE++", "base_energy_price"): (25.0, "USER", "user", "")})
    p["_eligibility"] = el
    eng = S.SubsidyEngine(p, S._switches("sde", p), eng.veki_fn)
    s = _input(5e6, 0.8, 1e5, 1e5, cap_kW=2000.0)
    s.heat_MWh = 16_000.0  # more than 2,000 kW x 6,000 h = 12,000 MWh: capped
    res = eng.evaluate(s)
    assert res.sde == pytest.approx((60 - 25) * 12_000)
    assert any("SDE++ by category" in n for n in res.info)
    s.co2_saved = 100.0  # the ceiling of 400 EUR/t x CO2 still applies
    assert eng.evaluate(s).sde == pytest.approx(400 * 100.0)


def test_sde_category_figures_through_tariffs(tmp_path):
    f = tmp_path / "sde.csv"
    f.write_text("technology,scheme,quantity,value,unit,year\nmvr,SDE++,base_amount,50,EUR/MWh,2025\n"
                 "mvr,SDE++,full_load_hours,8000,h/yr,2025\nmvr,SDE++,correction_amount,30,EUR/MWh,2025\n",
                 encoding="utf-8")
    d = json.load(open("data/examples/sugar_evaporator_mvr.json", encoding="utf-8"))
    d["subsidies"] = "sde"
    cf = tmp_path / "case.json"
    cf.write_text(json.dumps(d), encoding="utf-8")
    r = _run("evaluate", str(cf), "--json", "--tariffs", str(f))
    assert r.returncode == 0, r.stderr
    mvr = {x["option"]: x for x in json.loads(r.stdout)["results"]}["mvr"]
    made = mvr["heat_delivered_MWh_per_yr"] - mvr["heat_backup_MWh_per_yr"]
    expect = min(20 * min(made, mvr["capacity_kW_th"] * 8000 / 1000), 400 * mvr["co2_saved_t_per_yr"])
    assert mvr["subsidy_sde_EUR_per_yr"] == pytest.approx(expect, rel=1e-9)


def test_hourly_dispatch_signal_carries_the_levy_above_the_dispensation_rights():
    """The hourly dispatch prices a tonne of gas CO2 with the levy on the share of the savable tonnes above
    the dispensation rights: none when the rights exceed the baseline's emissions, all when there are none
    (it used to take the data's default share whatever rights the case gave)."""
    from heatcalc.evaluation.hourly.prepare import prepare
    from heatcalc.money.tariffs import co2_levy_net_EUR_per_t, co2_levy_rate

    d = json.load(open("data/examples/paper_dryer_steam.json", encoding="utf-8"))
    money = {}
    for D in (0.0, 1e7):
        ctx = prepare(Case.from_dict({**d, "co2_dispensation_t_per_yr": D}))
        money[D] = ctx.money
    m = money[0.0]
    net = co2_levy_net_EUR_per_t(co2_levy_rate(m["year"])[0], m["p_co2"])
    assert net > 0  # the example's year has a levy above the ETS price, or the test says nothing
    assert money[1e7]["co2_cost_EUR_per_t"] == pytest.approx(m["p_co2"])
    assert m["co2_cost_EUR_per_t"] == pytest.approx(m["p_co2"] + net)
