"""Dutch energy tax, network tariffs, prices and the money-data loader.

Reference values are worked out by hand from the published rates in
the gathered reference figures (Dutch energy-tax bands and 2025 grid tariffs) (sources S1-S3,
S11-S13) and written out here; the worked examples 2,000,000 m³ → € 563,813 and
20,000,000 kWh → € 420,756 come from the reference figures' worked examples (sources S1-S3).
"""
import shutil

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from heatcalc.core import datafiles as tariffdata
from heatcalc.core.datafiles import DATA_DIR
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.money import tariffs

#: "To the euro": the amount rounds to the published figure.
EUR_ATOL = 0.5
#: Floating-point tolerance on sums of a few products [EUR].
SUM_ATOL_EUR = 1e-6


# ----------------------------------------------------------------------------- energy tax
def test_worked_example_gas_2025_to_the_euro():
    res = tariffs.energy_tax("gas", 2_000_000, 2025)
    assert round(res.amount_EUR) == 563_813
    assert abs(res.amount_EUR - 563_813) < EUR_ATOL


def test_worked_example_electricity_2025_to_the_euro():
    res = tariffs.energy_tax("electricity", 20_000_000, 2025)
    assert round(res.amount_EUR) == 420_756
    assert abs(res.amount_EUR - 420_756) < EUR_ATOL


def test_gas_band_breakdown_by_hand():
    res = tariffs.energy_tax("gas", 2_000_000, 2025)
    by_band = {b["band"]: b for b in res.bands}
    # band 3: 170,000 .. 1,000,000 m³ at 0.31573 EUR/m³ -> 830,000 m³ -> 262,055.90 EUR
    assert by_band[3]["volume"] == pytest.approx(830_000)
    assert by_band[3]["amount"] == pytest.approx(262_055.90, abs=SUM_ATOL_EUR)
    # band 4: 1,000,000 m³ of 9,000,000 at 0.20347 -> 203,470.00; band 5 empty
    assert by_band[4]["amount"] == pytest.approx(203_470.00, abs=SUM_ATOL_EUR)
    assert by_band[5]["volume"] == 0
    assert sum(b["amount"] for b in res.bands) == pytest.approx(res.amount_EUR, abs=SUM_ATOL_EUR)
    for b in res.bands:
        assert {"band", "volume", "rate", "amount"} <= set(b)


@pytest.mark.parametrize("carrier, volume, expected", [
    # exactly on a band limit: 170,000 m³ all at the first-band rate 0.57816
    ("gas", 170_000, 170_000 * 0.57816),
    # exactly on 10,000,000 kWh: 10,000 x 0.10154 + 40,000 x 0.06937 + 9,950,000 x 0.03868
    ("electricity", 10_000_000, 1_015.40 + 2_774.80 + 384_866.00),
    # above the top band limit (gas 20 million m³): 98,287.20 + 262,055.90 + 9e6 x 0.20347 + 10e6 x 0.05385
    ("gas", 20_000_000, 98_287.20 + 262_055.90 + 1_831_230.00 + 538_500.00),
    # zero use
    ("gas", 0, 0.0),
    ("electricity", 0, 0.0),
])
def test_band_edges_2025(carrier, volume, expected):
    res = tariffs.energy_tax(carrier, volume, 2025)
    assert res.amount_EUR == pytest.approx(expected, abs=SUM_ATOL_EUR)


def test_marginal_rate_just_above_a_band_limit_is_the_next_band():
    t0 = tariffs.energy_tax("gas", 170_000, 2025).amount_EUR
    t1 = tariffs.energy_tax("gas", 170_001, 2025).amount_EUR
    assert t1 - t0 == pytest.approx(0.31573, abs=SUM_ATOL_EUR)


def test_saving_is_difference_of_site_tax_not_volume_times_one_rate():
    # site uses 2,000,000 m³; an option removes 1,000,000 m³: the saving is band 4's 1,000,000 x 0.20347
    saving = tariffs.energy_tax("gas", 2_000_000, 2025).amount_EUR - tariffs.energy_tax("gas", 1_000_000, 2025).amount_EUR
    assert saving == pytest.approx(203_470.00, abs=SUM_ATOL_EUR)
    assert saving != pytest.approx(1_000_000 * 0.57816)


def test_missing_year_names_the_year():
    with pytest.raises(TariffDataError, match="2022"):
        tariffs.energy_tax("gas", 1000, 2022)


@pytest.mark.parametrize("carrier, volume, words", [
    ("gas", 2_000, ["band 2", "1,000 m3", "2026", "incomplete"]),
    ("electricity", 20_000, ["band 2", "10,000 kWh", "2026"]),
])
def test_incomplete_2026_names_the_missing_band(carrier, volume, words):
    with pytest.raises(TariffDataError) as exc:
        tariffs.energy_tax(carrier, volume, 2026)
    for w in words:
        assert w in str(exc.value)


def test_2026_volume_inside_the_known_band_is_taxed():
    # 500 m³ at the 2026 first-band rate 0.7268 incl. VAT / 1.21 = 0.6007 (shared reference, D)
    assert tariffs.energy_tax("gas", 500, 2026).amount_EUR == pytest.approx(500 * 0.6007, abs=SUM_ATOL_EUR)


@pytest.mark.parametrize("volume", [-1.0, float("nan"), float("inf")])
def test_bad_volume_is_input_error(volume):
    with pytest.raises(InputError, match="volume"):
        tariffs.energy_tax("gas", volume, 2025)


def test_unknown_carrier():
    with pytest.raises(InputError, match="carrier"):
        tariffs.energy_tax("hydrogen", 1, 2025)


@given(st.lists(st.floats(min_value=0, max_value=5e7, allow_nan=False), min_size=1, max_size=20),
       st.sampled_from(["gas", "electricity"]), st.sampled_from([2023, 2024, 2025]))
def test_vectorised_equals_scalar_and_is_monotone(volumes, carrier, year):
    vec = tariffs.energy_tax_amount(carrier, volumes, year)
    scal = [tariffs.energy_tax(carrier, v, year).amount_EUR for v in volumes]
    np.testing.assert_allclose(vec, scal, rtol=1e-12, atol=SUM_ATOL_EUR)
    order = np.argsort(volumes)
    assert np.all(np.diff(np.asarray(vec)[order]) >= -SUM_ATOL_EUR)


# ----------------------------------------------------------------------------- network
def test_network_liander_ms_by_hand():
    # 26.68 x 1500 + 3.46 x 1200 x 12 + 0.022 x 3,000,000 + 441 = 156,285 EUR/yr
    nc = tariffs.network_cost("liander", 2025, 1500, 1200, 3_000_000)
    assert nc.voltage_level == "MS"
    # + periodic connection charge of a 1-2 MVA connection, 1,926.84 EUR/yr (Liander 2025)
    assert nc.total_EUR == pytest.approx(40_020 + 49_824 + 66_000 + 441 + 1_926.84, abs=SUM_ATOL_EUR)


def test_network_monthly_peaks():
    peaks = [1000, 1100, 1200, 1300, 1400, 1500, 1500, 1400, 1300, 1200, 1100, 1000]
    nc = tariffs.network_cost("stedin", 2025, 1500, peaks, 0)
    # stedin MS: 24.30 x 1500 + 3.10 x sum(peaks) + 441 + periodic connection 175 kVA-1.75 MVA 1,455.50
    assert nc.total_EUR == pytest.approx(24.30 * 1500 + 3.10 * sum(peaks) + 441 + 1_455.5, abs=SUM_ATOL_EUR)


@pytest.mark.parametrize("operator, contract, level", [
    ("liander", 2000, "MS"), ("liander", 2001, "TS"), ("liander", 20_000, "HS/MS transformer"),
    ("stedin", 1500, "MS"), ("stedin", 1501, "TS"), ("enexis", 1500, "MS-D"), ("enexis", 1600, "MS-T"),
])
def test_voltage_level_rule(operator, contract, level):
    assert tariffs.select_voltage_level(operator, 2025, contract)[0] == level


def test_new_load_raises_contract_and_level():
    before = tariffs.network_cost("liander", 2025, 1500, None, 0)
    after = tariffs.network_cost("liander", 2025, 2500, None, 0)
    assert (before.voltage_level, after.voltage_level) == ("MS", "TS")
    # TS: 45.60 x 2500 + 5.23 x 2500 x 12 + 2,760 fixed transport + 12,672 periodic connection (2-5 MVA);
    # no kWh charge above MS
    assert after.total_EUR == pytest.approx(45.60 * 2500 + 5.23 * 2500 * 12 + 2_760 + 12_672, abs=SUM_ATOL_EUR)
    assert after.components["kWh_charge"] == 0.0


def test_a_charge_missing_for_a_level_stops_the_calculation(tmp_path):
    """Never a silent zero: a level without one of its charges in the data is an error naming operator,
    level, year and charge."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    path = dst / "tariffs" / "grid_tariffs.csv"
    path.write_text("\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines()
                              if not ln.startswith("liander,TS,2000,10000,fixed_transport")) + "\n", encoding="utf-8")
    with pytest.raises(TariffDataError, match=r"liander, level TS, 2025: charge fixed_transport is not in"):
        tariffs.network_cost("liander", 2025, 2500, None, 0, data_dir=dst)


#: Published tariffs of the small-consumer-side levels and 2026, as coded from the ACM tarievenbladen in a public
#: model (sources S120-S125 of data/tariffs/sources.csv, confidence L):
#: (operator, year, contract kW, level, kW_contract EUR/kW/yr, kW_max EUR/kW/month, kWh EUR/kWh, fixed EUR/yr).
SHEET_LEVELS = [
    ("liander", 2025, 30, "LS", 16.92, 0.0, 0.0758, 18.0),
    ("liander", 2025, 100, "Trafo MS/LS", 43.881, 3.46, 0.022, 441.0),
    ("liander", 2026, 30, "LS", 17.88, 0.0, 0.0806, 18.0),
    ("liander", 2026, 100, "Trafo MS/LS", 44.88, 3.57, 0.0226, 441.0),
    ("liander", 2026, 1000, "MS", 27.48, 3.57, 0.0226, 441.0),
    ("liander", 2026, 5000, "TS", 47.16, 5.39, 0.0, 2760.0),
    ("liander", 2026, 20000, "HS/MS transformer", 47.88, 6.24, 0.0, 2760.0),
    ("stedin", 2025, 40, "LS", 18.6, 0.0, 0.075, 18.0),
    ("stedin", 2025, 120, "Trafo MS/LS", 47.22, 3.1, 0.0198, 441.0),
    ("stedin", 2026, 1000, "MS", 24.2737, 3.0966, 0.0198, 441.0),
    ("stedin", 2026, 5000, "TS", 37.4994, 4.1455, 0.0, 2760.0),
    ("enexis", 2025, 20, "LS", 16.05, 0.0, 0.0804, 18.0),
    ("enexis", 2025, 100, "MS/LS", 50.4, 3.71, 0.025, 441.0),
    ("enexis", 2026, 1000, "MS-D", 28.91, 3.66, 0.0247, 441.0),
    ("enexis", 2026, 5000, "MS-T", 27.37, 3.06, 0.015, 441.0),
    ("enexis", 2026, 20000, "HS/MS", 41.87, 4.46, 0.0, 2760.0),
]


@pytest.mark.parametrize("op, year, kW, level, c_kW, c_max, c_kWh, fixed", SHEET_LEVELS)
def test_levels_against_the_published_sheet(op, year, kW, level, c_kW, c_max, c_kWh, fixed):
    """Each operator's level and charges at a contract inside the level's range, as on its sheet."""
    kWh = kW * 4000.0
    nc = tariffs.network_cost(op, year, kW, None, kWh)
    assert nc.voltage_level == level and nc.year == year
    assert nc.components["kW_contract"] == pytest.approx(c_kW * kW)
    assert nc.components["kW_max"] == pytest.approx(c_max * kW * 12)
    assert nc.components["kWh_charge"] == pytest.approx(c_kWh * kWh)
    assert nc.components["fixed_transport"] == pytest.approx(fixed)
    assert not any("low-voltage tariffs are not in the data" in n for n in nc.notes)


def test_time_bound_right_without_a_published_discount_charges_the_firm_tariff():
    """No DSO publishes a time-bound discount (data/tariffs/transport_rights.csv): firm tariff, said so."""
    firm = tariffs.network_cost("liander", 2025, 1000, None, 0)
    tb = tariffs.network_cost("liander", 2025, 1000, None, 0, time_bound=True)
    assert tb.total_EUR == pytest.approx(firm.total_EUR, abs=SUM_ATOL_EUR)
    assert any("not published" in n for n in tb.notes) and any("85%" in n for n in tb.notes)


def test_offered_discount_applies_to_the_capacity_charges_of_the_rights_kW():
    firm = tariffs.network_cost("liander", 2025, 1000, None, 0)
    tb = tariffs.network_cost("liander", 2025, 1000, None, 0, transport_right="time_bound", right_kW=400,
                              right_discount=0.3)
    cap = 26.68 * 1000 + 3.46 * 1000 * 12  # Liander MS 2025: kW_contract and kW_max of the whole contract
    assert firm.total_EUR - tb.total_EUR == pytest.approx(0.3 * 0.4 * cap, abs=SUM_ATOL_EUR)


def test_flexible_right_pays_no_kW_contract_charge_on_its_kW():
    """Non-firm ATO (ACM/UIT/610965, Tarievencode 3.7.15): no kW_contract charge, kWmax and kWh at 100 %."""
    firm = tariffs.network_cost("stedin", 2025, 1000, None, 2e6)
    flex = tariffs.network_cost("stedin", 2025, 1000, None, 2e6, transport_right="flexible", right_kW=250)
    assert firm.total_EUR - flex.total_EUR == pytest.approx(0.25 * firm.components["kW_contract"], abs=SUM_ATOL_EUR)
    assert flex.components["kW_max"] == firm.components["kW_max"]
    assert flex.components["kWh_charge"] == pytest.approx(firm.components["kWh_charge"])
    assert any("no hour is guaranteed" in n for n in flex.notes)


def test_unknown_transport_right_is_an_input_error():
    with pytest.raises(InputError, match="transport_right='half'.*firm"):
        tariffs.transport_right_terms("half", "liander")


@pytest.mark.parametrize("operator", ["liander", "stedin", "enexis"])
@pytest.mark.parametrize("hours", [100, 2000, 5000, 8760])
def test_network_cost_never_negative_and_never_falls_as_load_rises(operator, hours):
    """Loads 10 kW to 100 MW at a fixed number of full-load hours: the site's network cost is >= 0,
    never falls, and its components add up to the total (every level, every level change)."""
    prev = 0.0
    for kW in np.geomspace(10.0, 1e5, 300):
        nc = tariffs.network_cost(operator, 2025, kW, None, kW * hours)
        assert nc.total_EUR >= 0.0
        assert nc.total_EUR >= prev - 1e-6, (kW, nc.voltage_level)
        assert sum(nc.components.values()) == pytest.approx(nc.total_EUR, rel=1e-12, abs=1e-6)
        assert nc.at_kWh(kW * hours) == pytest.approx(nc.total_EUR, rel=1e-12)
        prev = nc.total_EUR


@pytest.mark.parametrize("operator", ["liander", "stedin", "enexis"])
def test_network_cost_never_falls_as_kWh_rise_at_one_contract(operator):
    for kW in (80.0, 1400.0, 1600.0, 2100.0, 9000.0, 12000.0):
        costs = [tariffs.network_cost(operator, 2025, kW, None, kWh).total_EUR for kWh in np.linspace(0, kW * 8760, 9)]
        assert all(b >= a - 1e-6 for a, b in zip(costs, costs[1:])), kW


def test_level_change_keeps_the_lower_levels_cost_with_a_note():
    """Liander MS ends at 2 MW; TS (no kWh charge) would cost less just above it at 8760 h."""
    ms = tariffs.network_cost("liander", 2025, 2000, None, 2000 * 8760)
    ts = tariffs.network_cost("liander", 2025, 2001, None, 2001 * 8760)
    assert ms.voltage_level == "MS" and ts.voltage_level == "TS"
    assert ts.components["level_change_floor"] > 0 and ts.total_EUR >= ms.total_EUR
    assert any("own substation" in n for n in ts.notes)


def test_tennet_and_unknown_operator():
    with pytest.raises(TariffDataError, match="tennet"):
        tariffs.network_cost("tennet", 2025, 20_000)
    with pytest.raises(InputError, match="grid_operator"):
        tariffs.network_cost("eneco", 2025, 1000)
    assert tariffs.network_cost("none", 2025, 1000).total_EUR == 0.0


def test_network_year_without_data():
    with pytest.raises(TariffDataError, match="2024"):
        tariffs.network_cost("liander", 2024, 1000)
    nc = tariffs.network_cost("liander", 2024, 1000, nearest_year=True)
    assert nc.year == 2025 and any("2025 tariffs used" in n for n in nc.notes)


def test_peaks_must_be_one_or_twelve():
    with pytest.raises(InputError, match="12"):
        tariffs.network_cost("liander", 2025, 1000, [1, 2, 3])


# ----------------------------------------------------------------------------- prices, CO2
def test_default_prices_2025_match_reference():
    # the gathered reference figures (co2_and_prices): NL day-ahead 2025 86.8 EUR/MWh; EUA 2025 average 75 EUR/t
    d = tariffs.default_prices(2025)
    assert d["price_el_EUR_per_MWh"] == pytest.approx(86.8)
    assert d["co2_price_EUR_per_t"] == pytest.approx(75.0)
    assert d["price_gas_EUR_per_MWh"] > 0
    assert set(d["sources"]) >= {"price_el_EUR_per_MWh", "price_gas_EUR_per_MWh", "co2_price_EUR_per_t"}


def test_ets_path_used_after_history():
    v, row = tariffs.ets_price(2027)
    assert row["quantity"] == "eua_price_path" and v > 0
    with pytest.raises(TariffDataError, match="2040"):
        tariffs.ets_price(2040)


def test_co2_levy_simple_model():
    # 2026 levy rate 78.67 EUR/t (reference, S9) minus ETS 75 -> 3.67 EUR/t net, all above dispensation
    assert tariffs.co2_cost_EUR_per_t(75.0, 78.67, 1.0) == pytest.approx(78.67)
    assert tariffs.co2_cost_EUR_per_t(90.0, 78.67, 1.0) == pytest.approx(90.0)
    assert tariffs.co2_cost_EUR_per_t(75.0, 78.67, 0.0) == pytest.approx(75.0)
    assert tariffs.co2_cost_EUR_per_t(75.0, 78.67, 1.0, ets_installation=False) == 0.0


# ----------------------------------------------------------------------------- loader
@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    (dst / "tariffs").mkdir(parents=True)
    for name in ("energy_tax.csv", "grid_tariffs.csv", "prices.csv", "sources.csv"):
        shutil.copy(DATA_DIR / "tariffs" / name, dst / "tariffs" / name)
    for name in ("costs.csv", "subsidies.csv"):
        shutil.copy(DATA_DIR / name, dst / name)
    return dst


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: Money files that ship without rows on purpose: the figures are not published (header and comments
#: say so; the case fields supply them).
EMPTY_BY_DESIGN = {"tariffs/connection_charges.csv"}


def test_all_money_files_load():
    for name in tariffdata.REQUIRED_COLUMNS:
        n = len(tariffdata.load_table(name))
        assert (n == 0) if name in EMPTY_BY_DESIGN else (n > 0), name


def test_loader_rejects_row_without_source(data_copy):
    _edit(data_copy / "tariffs" / "energy_tax.csv", "2025,0.31573,EUR/m3,S1;S2,", "2025,0.31573,EUR/m3,,")
    with pytest.raises(TariffDataError, match=r"energy_tax\.csv, line \d+: row has no source"):
        tariffs.energy_tax("gas", 2_000_000, 2025, data_dir=data_copy)


def test_loader_rejects_unknown_unit(data_copy):
    _edit(data_copy / "costs.csv", "heat_pump,capex_ref_EUR_per_kW,830.775,EUR/kW,",
          "heat_pump,capex_ref_EUR_per_kW,830.775,USD/kW,")
    with pytest.raises(TariffDataError, match=r"costs\.csv, line \d+: unknown unit 'USD/kW'"):
        tariffdata.load_table("costs.csv", data_copy)


def test_loader_rejects_unknown_source_id(data_copy):
    _edit(data_copy / "tariffs" / "prices.csv", "2025,86.8,EUR/MWh,S30,", "2025,86.8,EUR/MWh,S999,")
    with pytest.raises(TariffDataError, match="S999"):
        tariffdata.load_table("tariffs/prices.csv", data_copy)


def test_loader_rejects_non_numeric_value(data_copy):
    _edit(data_copy / "subsidies.csv", "EIA,deduction_share,0.40,", "EIA,deduction_share,forty,")
    with pytest.raises(TariffDataError, match="not a number"):
        tariffdata.load_table("subsidies.csv", data_copy)


def test_loader_follows_monkeypatched_data_dir(data_copy, monkeypatch):
    import heatcalc.core.datafiles

    _edit(data_copy / "tariffs" / "grid_tariffs.csv", "liander,MS,136,2000,kW_contract,26.68,EUR/kW/yr",
          "liander,MS,136,2000,kW_contract,26.68,EUR/kVA/yr")
    monkeypatch.setattr(heatcalc.core.datafiles, "DATA_DIR", data_copy)
    with pytest.raises(TariffDataError, match="unknown unit"):
        tariffs.network_cost("liander", 2025, 1000)


def test_missing_band_row_in_a_complete_year_is_a_gap(data_copy):
    path = data_copy / "tariffs" / "energy_tax.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("gas,3,170000,1000000,m3,2025")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TariffDataError, match="gap"):
        tariffs.energy_tax("gas", 2_000_000, 2025, data_dir=data_copy)


def test_the_one_loader_rejects_a_long_format_row_without_a_unit(data_copy, monkeypatch):
    """read_csv (every data file) checks the unit of every long-format row, not only the money files."""
    import heatcalc.core.datafiles as datafiles

    for name in ("process_figures.csv",):
        shutil.copy(DATA_DIR / name, data_copy / name)
    _edit(data_copy / "process_figures.csv", "e_boiler_efficiency,0.99,-,", "e_boiler_efficiency,0.99,,")
    monkeypatch.setattr(datafiles, "DATA_DIR", data_copy)
    datafiles.read_csv.cache_clear()
    try:
        with pytest.raises(TariffDataError, match=r"process_figures\.csv: rows \[\d+\] have no unit"):
            datafiles.read_csv("process_figures.csv")
    finally:
        datafiles.read_csv.cache_clear()
