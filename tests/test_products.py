"""Product catalogue: data provenance, envelope matching, quality-grade fit, expected COP."""
import math

import pandas as pd
import pytest

from heatcalc.case import Case
from heatcalc.core.errors import InputError, PhysicalBoundsError
from heatcalc.options import products as P

#: Tolerance on COPs computed here from published figures [-].
COP_ATOL = 0.01
#: Confidence marks allowed in the catalogue (the reference figures' worked examples (sources S1-S3)).
CONFIDENCES = {"H", "M", "L", "U", "D"}
CLAIMS = {"supplier_claim", "case_study", "factsheet", "literature"}


def case(**kw):
    base = dict(case_id="t", heat_demand_kW=2000, T_sink_in_C=100, T_sink_out_C=130, sink_medium="steam",
                T_source_in_C=80)
    base.update(kw)
    return Case.from_dict(base)


def by_id(matches):
    return {m.product_id: m for m in matches}


# --------------------------------------------------------------------------------------
# data
def test_every_product_has_source_confidence_and_claim():
    df = P.load_products()
    assert len(df) >= 10
    assert df["product_id"].is_unique
    assert df["source"].astype(str).str.strip().ne("").all()
    assert set(df["confidence"]) <= CONFIDENCES
    assert set(df["claim"]) <= CLAIMS
    assert set(df["kind"]) <= set(P.KIND_OPTIONS)
    # supplier figures are marked as claims, not as facts
    assert (df["claim"] == "supplier_claim").sum() >= 5


def test_envelopes_are_consistent():
    df = P.load_products()
    for _, r in df.iterrows():
        lo, hi = r["T_sink_out_min_C"], r["T_sink_out_max_C"]
        if not (pd.isna(lo) or pd.isna(hi)):
            assert lo < hi, r["product_id"]
        lo, hi = r["capacity_min_kW"], r["capacity_max_kW"]
        if not (pd.isna(lo) or pd.isna(hi)):
            assert lo <= hi, r["product_id"]
        lo, hi = r["cop_published_min"], r["cop_published_max"]
        if not (pd.isna(lo) or pd.isna(hi)):
            assert 1 < lo <= hi, r["product_id"]


def test_cop_points_belong_to_catalogue_products_and_carry_sources():
    pts = P.load_cop_points()
    ids = set(P.load_products()["product_id"])
    assert set(pts["product_id"]) <= ids
    assert pts["source"].astype(str).str.strip().ne("").all()
    assert (pts["cop"] > 1).all()
    assert (pts["T_sink_out_C"] > pts["T_source_in_C"]).all()


def test_validation_points_from_the_shared_reference_are_in_the_catalogue():
    # the gathered reference figures (validation_points): Kobelco SGH165 135-175 C steam, 624 kW, COP 1.9-3.0 (S47, M)
    k = P.load_products().set_index("product_id").loc["kobelco_sgh165"]
    assert (k["T_sink_out_min_C"], k["T_sink_out_max_C"], k["capacity_max_kW"]) == (135, 175, 624)
    assert (k["cop_published_min"], k["cop_published_max"], k["confidence"]) == (1.9, 3.0, "M")
    # Cao/Zhang: source 45 C -> sink 90 C, measured COP 3.78
    pt = P.product_points("cao_zhang_rig")[0]
    assert (pt["T_source_in_C"], pt["T_sink_out_C"], pt["cop"]) == (45, 90, 3.78)


# --------------------------------------------------------------------------------------
# ideal COPs and the fit
def test_lorenz_reproduces_the_worked_example_of_reinholdt_2018():
    # the gathered reference figures (heat_pump_models) (S44): source 40 -> 15 C, sink 60 -> 90 C: Lorenz 7.33
    assert P.lorenz_cop_streams(40, 15, 60, 90) == pytest.approx(7.33, abs=COP_ATOL)


def test_carnot_between_streams_matches_the_nrel_validation_notebook():
    # the notebook's "Theoretical COP: 8.07" for source 45 C, sink 90 C
    assert P.carnot_cop_streams(45, 90) == pytest.approx(8.07, abs=COP_ATOL)


def test_ideal_cops_reject_a_sink_below_the_source():
    with pytest.raises(PhysicalBoundsError):
        P.carnot_cop_streams(90, 45)
    with pytest.raises(PhysicalBoundsError):
        P.lorenz_cop_streams(90, 80, 40, 50)


def test_fit_one_point_reproduces_it():
    f = P.fit_quality_grade([{"T_source_in_C": 45, "T_sink_out_C": 90, "cop": 3.78}])
    assert f.model == "carnot" and f.n_points == 1 and f.rmse == pytest.approx(0.0, abs=1e-12)
    assert f.eta * P.carnot_cop_streams(45, 90) == pytest.approx(3.78, rel=1e-12)


def test_fit_recovers_a_known_grade_from_several_points():
    eta = 0.52
    pts = [{"T_source_in_C": s, "T_sink_out_C": k, "cop": eta * P.carnot_cop_streams(s, k)}
           for s, k in ((40, 90), (60, 120), (80, 150))]
    f = P.fit_quality_grade(pts)
    assert f.eta == pytest.approx(eta, rel=1e-12) and f.rmse == pytest.approx(0.0, abs=1e-9)
    assert (f.lift_min_K, f.lift_max_K) == (50, 70)


def test_fit_uses_lorenz_only_when_every_point_has_both_glides():
    full = {"T_source_in_C": 40, "T_source_out_C": 15, "T_sink_in_C": 60, "T_sink_out_C": 90, "cop": 3.5}
    assert P.fit_quality_grade([full]).model == "lorenz"
    part = {"T_source_in_C": 45, "T_sink_out_C": 90, "cop": 3.78}
    assert P.fit_quality_grade([full, part]).model == "carnot"
    assert P.fit_quality_grade([full], lorenz=False).model == "carnot"


def test_fit_raises_without_points_or_with_a_cop_not_above_one():
    with pytest.raises(InputError):
        P.fit_quality_grade([])
    with pytest.raises(InputError):
        P.fit_quality_grade([{"T_source_in_C": 45, "T_sink_out_C": 90, "cop": 0.9}])


# --------------------------------------------------------------------------------------
# expected COP
def _product(pid):
    return P.load_products().set_index("product_id").loc[pid].to_dict() | {"product_id": pid}


def test_expected_cop_fitted_to_published_points_is_labelled_and_reproduces_the_point():
    c = case(sink_medium="water", T_sink_in_C=70, T_sink_out_C=90, T_source_in_C=45)
    e = P.expected_cop(_product("cao_zhang_rig"), c)
    assert e.basis == "fitted" and e.n_points == 1
    assert e.label.startswith("fitted to 1 published point ")
    assert e.cop == pytest.approx(3.78, abs=COP_ATOL)
    assert not e.notes  # inside the points' lift range


def test_expected_cop_flags_extrapolation_beyond_the_published_lifts():
    c = case(sink_medium="water", T_sink_in_C=100, T_sink_out_C=130, T_source_in_C=40)  # lift 90 K vs 45 K
    e = P.expected_cop(_product("cao_zhang_rig"), c)
    assert any("extrapolated" in n for n in e.notes)


def test_expected_cop_without_points_is_the_generic_model_labelled_as_such():
    from heatcalc.thermo.cop_models import default_quality_grade

    c = case()
    e = P.expected_cop(_product("heaten_heatbooster"), c)
    eta = default_quality_grade("hthp")
    assert e.basis == "generic" and e.n_points == 0 and "generic model" in e.label
    assert e.cop == pytest.approx(eta * P.carnot_cop_streams(80, 130), rel=1e-12)


def test_published_cop_without_conditions_is_shown_as_a_claim_not_fitted():
    c = case(T_sink_in_C=100, T_sink_out_C=150, T_source_in_C=90)
    e = P.expected_cop(_product("kobelco_sgh165"), c)
    assert e.basis == "generic"
    assert any("published COP 1.9–3.0" in n and "supplier claim" in n for n in e.notes)


def test_expected_cop_needs_a_source_temperature():
    c = Case.from_dict(dict(case_id="t", heat_demand_kW=1000, T_sink_in_C=60, T_sink_out_C=90))
    e = P.expected_cop(_product("star_neatpump"), c)
    assert math.isnan(e.cop) and any("no source temperature" in n for n in e.notes)


# --------------------------------------------------------------------------------------
# matching
def test_steam_case_matches_steam_products_and_gives_reasons_for_the_others():
    m = by_id(P.match_products(case()))
    assert m["heaten_heatbooster"].status == "fits" and m["heaten_heatbooster"].units == 1
    assert m["kobelco_sgh165"].status == "no"
    assert any("below its range" in r for r in m["kobelco_sgh165"].reasons)
    assert m["star_neatpump"].status == "no"
    assert any("needs steam" in r for r in m["star_neatpump"].reasons)
    assert m["jci_sabroe_hitemhp"].status == "no"
    assert any("delivers up to 122 °C" in r for r in m["jci_sabroe_hitemhp"].reasons)
    assert m["futraheat_greensteam"].status == "check" and m["futraheat_greensteam"].units == 7
    assert m["kondou_rig"].status == "no" and "prototype" in m["kondou_rig"].reasons[0]


def test_steam_limit_differs_from_water_limit():
    # Heaten: up to 200 C water but 180 C steam (S47)
    assert by_id(P.match_products(case(T_sink_out_C=190)))["heaten_heatbooster"].status == "no"
    water = case(sink_medium="water", T_sink_in_C=150, T_sink_out_C=190, T_source_in_C=120)
    assert by_id(P.match_products(water))["heaten_heatbooster"].status == "fits"


def test_lift_limit_is_checked():
    m = by_id(P.match_products(case(T_sink_out_C=145, T_source_in_C=80)))  # 65 K > 60 K
    assert m["futraheat_greensteam"].status == "no"
    assert any("lift of 65 K" in r for r in m["futraheat_greensteam"].reasons)


def test_mvr_pressure_ratio_limit_on_water_vapour():
    ok = case(source_medium="vapour", T_source_in_C=100, T_sink_in_C=100, T_sink_out_C=120, heat_demand_kW=8000)
    high = case(source_medium="vapour", T_source_in_C=100, T_sink_in_C=100, T_sink_out_C=165, heat_demand_kW=8000)
    assert by_id(P.match_products(ok))["generic_mvr"].status != "no"
    m = by_id(P.match_products(high))["generic_mvr"]
    assert m.status == "no" and any("pressure ratio" in r for r in m.reasons)


def test_too_many_units_in_parallel_is_not_a_match():
    big = case(T_sink_out_C=150, T_source_in_C=95, heat_demand_kW=15000)  # Kobelco SGH165: 624 kW units
    m = by_id(P.match_products(big))["kobelco_sgh165"]
    assert m.status == "no" and any("25 units" in r for r in m.reasons)
    small = case(T_sink_out_C=150, T_source_in_C=95, heat_demand_kW=2000)
    m = by_id(P.match_products(small))["kobelco_sgh165"]
    assert m.status == "check" and m.units == 4


def test_small_demand_under_the_smallest_unit_is_a_check_not_a_fit():
    m = by_id(P.match_products(case(heat_demand_kW=400)))["heaten_heatbooster"]
    assert m.status == "check" and any("part load" in r for r in m.reasons)


def test_results_are_sorted_fits_check_no_and_commercial_only_drops_prototypes():
    ms = P.match_products(case())
    order = [P.STATUSES.index(m.status) for m in ms]
    assert order == sorted(order)
    ids = {m.product_id for m in P.match_products(case(), commercial_only=True)}
    assert "cao_zhang_rig" not in ids and "kondou_rig" not in ids
    assert all(m.status != "no" for m in P.match_products(case(), include_no=False))


def test_kilns_match_no_heat_pump():
    kiln = Case.from_dict(dict(case_id="k", process="lime_kiln", production_t_per_yr=30000))
    assert all(m.status == "no" for m in P.match_products(kiln))


def test_air_source_product_needs_an_ambient_air_source():
    air = case(source_medium="ambient_air", T_source_in_C=15, T_sink_out_C=145)
    assert by_id(P.match_products(air))["atmoszero_boiler2"].status != "no"
    assert by_id(P.match_products(case(T_sink_out_C=145)))["atmoszero_boiler2"].status == "no"


def test_media_reasons_name_the_media_in_dutch():
    from heatcalc.present.messages import render

    m = by_id(P.match_products(case()))  # a steam case: water-only machines and an ambient-air product
    (sink,) = [r for r in m["star_neatpump"].reasons if r.code == "product.sink_medium"]
    assert render(sink, "nl", "long") == "levert water, het proces vraagt stoom"
    (src,) = [r for r in m["atmoszero_boiler2"].reasons if r.code == "product.source_medium"]
    assert render(src, "nl", "long").startswith("neemt warmte op uit buitenlucht, de bron van de case is ")
    assert render(sink, "en", "long") == str(sink)


def test_match_to_dict_is_json_ready():
    from heatcalc.core.jsonutil import dumps

    d = P.match_products(case())[0].to_dict()
    assert {"product_id", "status", "cop", "cop_basis", "cop_label", "claim", "source", "confidence"} <= set(d)
    dumps(d)
