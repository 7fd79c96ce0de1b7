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
