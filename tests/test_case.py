"""Case schema: defaults, coercion and every validation error (field, value, unit, range)."""
import json

import pytest

from heatcalc.case import Case, load_case, options_for_process
from heatcalc.core.errors import InputError

BASE = dict(case_id="c1", heat_demand_kW=1000, T_sink_in_C=90, T_sink_out_C=130, T_source_in_C=60)


def make(**kw):
    d = dict(BASE)
    d.update(kw)
    return Case.from_dict(d)


def test_contract_defaults():
    c = make()
    assert (c.process, c.operating_hours_per_yr, c.sink_medium, c.source_medium) == ("heat", 8000, "water", "water")
    assert (c.baseline, c.eta_baseline, c.refrigerant, c.eta_is, c.dT_min_K) == ("gas_boiler", 0.90, "auto", 0.70, 5)
    assert (c.tariff_year, c.grid_operator, c.grid_capacity_kW, c.site_el_MWh_per_yr) == (2025, "liander", None, 0)
    # ets_installation: empty unless given; the evaluation derives it from the EU ETS thresholds
    assert (c.ets_installation, c.discount_rate, c.lifetime_yr, c.electrified_share) == (None, 0.08, 15, 1.0)
    assert c.T_source_out_eff_C == 55
    assert c.selected_options == options_for_process("heat")


def test_vapour_source_defaults_to_condensing_at_constant_temperature():
    assert make(source_medium="vapour").T_source_out_eff_C == 60


@pytest.mark.parametrize("text, value", [("ja", True), ("Nee", False), ("yes", True), ("0", False), ("TRUE", True),
                                         (1, True), ("no", False)])
def test_booleans(text, value):
    assert make(ets_installation=text).ets_installation is value


def test_decimal_comma_keys_case_insensitive_and_blanks():
    c = Case.from_dict({" Case_ID ": "x", "HEAT_DEMAND_KW": "1.234,5", "t_sink_in_c": "90,0", "T_sink_out_C": 130,
                        "discount_rate": "", "lifetime_yr": None, "tariff_year": "2024", "options": "e_boiler; heat_pump"})
    assert c.heat_demand_kW == pytest.approx(1234.5)
    assert c.T_sink_in_C == pytest.approx(90.0)
    assert c.discount_rate == 0.08 and c.lifetime_yr == 15 and c.tariff_year == 2024
    assert c.selected_options == ("e_boiler", "heat_pump")


@pytest.mark.parametrize("kw, words", [
    (dict(heat_demand_kW=-5), ["heat_demand_kW=-5", "kW", "0 < x"]),
    (dict(heat_demand_kW="abc"), ["heat_demand_kW='abc'", "valid"]),
    (dict(heat_demand_kW=float("inf")), ["heat_demand_kW=inf", "finite"]),
    (dict(operating_hours_per_yr=9000), ["operating_hours_per_yr=9000", "h/yr", "1 to 8784"]),
    (dict(T_sink_out_C=80), ["T_sink_out_C=80 °C must be above T_sink_in_C=90 °C"]),
    (dict(T_source_out_C=70), ["T_source_out_C=70", "must not be above T_source_in_C=60"]),
    (dict(process="kiln"), ["process='kiln'", "lime_kiln"]),
    (dict(sink_medium="oil"), ["sink_medium='oil'", "thermal_oil"]),
    (dict(options="heatpump"), ["options='heatpump'", "heat_pump"]),
    (dict(ets_installation="maybe"), ["ets_installation='maybe'", "ja/nee"]),
    (dict(tariff_year=2019), ["tariff_year=2019", "2025"]),
    (dict(eta_is=1.5), ["eta_is=1.5", "0 < x ≤ 1"]),
    (dict(dT_min_K=0), ["dT_min_K=0", "K"]),
    (dict(lifetime_yr=12.5), ["lifetime_yr=12.5", "whole years"]),
    (dict(discount_rate=0.9), ["discount_rate=0.9", "0.5"]),
    (dict(baseline="gas_kiln"), ["baseline=gas_kiln needs process"]),
    (dict(grid_operator="eneco"), ["grid_operator='eneco'", "liander"]),
    (dict(T_sink_ot_C=3), ["unknown field 'T_sink_ot_C'", "did you mean T_sink_out_C"]),
])
def test_validation_errors_name_field_value_unit_range(kw, words):
    with pytest.raises(InputError) as exc:
        make(**kw)
    for w in words:
        assert w in str(exc.value)


@pytest.mark.parametrize("missing", ["heat_demand_kW", "T_sink_in_C", "T_sink_out_C"])
def test_required_for_heat(missing):
    d = dict(BASE)
    d.pop(missing)
    with pytest.raises(InputError, match=f"{missing} is required"):
        Case.from_dict(d)


def test_kiln_needs_production_and_forces_gas_kiln_baseline():
    with pytest.raises(InputError, match="production_t_per_yr is required"):
        Case.from_dict(dict(case_id="k", process="lime_kiln"))
    c = Case.from_dict(dict(case_id="k", process="lime_kiln", production_t_per_yr=100))
    assert c.baseline == "gas_kiln"
    assert c.selected_options == ("electric_kiln", "hybrid_kiln")


def test_case_id_required_and_not_a_mapping():
    with pytest.raises(InputError, match="case_id is required"):
        Case.from_dict({"heat_demand_kW": 1})
    with pytest.raises(InputError, match="mapping"):
        Case.from_dict([1, 2])


def test_load_case_roundtrip_and_bad_files(tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps(BASE), encoding="utf-8-sig")
    assert load_case(p).case_id == "c1"
    q = tmp_path / "bad.json"
    q.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_case(q)
    with pytest.raises(InputError, match="cannot be read"):
        load_case(tmp_path / "missing.json")
    out = tmp_path / "out.json"
    out.write_text(json.dumps({"case": make().to_dict(), "results": []}))
    assert load_case(out).T_source_in_C == 60


def test_field_bounds_are_the_bounds_the_schema_enforces():
    """The app takes its input ranges from field_meta: each bound must be the one validation applies."""
    from heatcalc.case import Case, field_meta

    base = {"case_id": "b", "heat_demand_kW": 1000, "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40}
    checked = 0
    for name, f in Case.model_fields.items():
        meta = field_meta(name)
        for key, sign in (("min", -1), ("max", 1)):
            b = meta[key]
            if b is None or name in ("T_sink_in_C", "T_sink_out_C", "T_source_in_C", "T_source_out_C"):
                continue  # the temperatures also have cross-field rules
            outside = b + sign * max(abs(b) * 1e-6, 1e-6)
            with pytest.raises(InputError, match=name):
                Case.from_dict({**base, name: outside})
            if not meta[key + "_exclusive"] and name not in ("heat_demand_kW",):
                try:
                    Case.from_dict({**base, name: b})
                except InputError as exc:  # only a cross-field rule may reject the bound itself
                    assert name not in str(exc).split("=")[0], exc
            checked += 1
    assert checked >= 15
