"""The money and CO2 data year by year (issue 13): band tables that are whole, rates that follow the Dutch
structure, provisional years marked, the grid CO2 factor of the case's tariff year, and the data status."""
import json

import pytest

from heatcalc.case import TARIFF_YEARS, Case
from tests.datacopy import energy_tax_copy
from heatcalc.core.datafiles import DATA_DIR, records
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.money import overlay
from heatcalc.money.data_status import data_status, default_tariff_year
from heatcalc.money.tariffs import tax_bands, tax_years
from heatcalc.options import emissions

BREWERY = json.loads((DATA_DIR / "examples" / "brewery_hot_water.json").read_text(encoding="utf-8"))
CARRIERS = ("gas", "electricity")


def _complete_years():
    st = data_status()["years"]
    return [y for y in tax_years() if y in st and st[y]["energy_tax"]["status"] in ("complete", "provisional")]


def test_there_are_complete_years():
    assert {2023, 2024, 2025} <= set(_complete_years())


@pytest.mark.parametrize("carrier", CARRIERS)
def test_bands_of_a_complete_year_are_contiguous_from_zero_to_an_open_top_band(carrier):
    for y in _complete_years():
        bands = tax_bands(carrier, y)
        assert bands[0].band_from == 0, (carrier, y)
        for lower, upper in zip(bands, bands[1:]):
            assert lower.band_to == upper.band_from, (carrier, y, lower, upper)  # no gap, no overlap
            assert lower.band_to > lower.band_from
        assert bands[-1].band_to is None, (carrier, y)  # open-ended top band
        assert all(b.band_to is not None for b in bands[:-1])


@pytest.mark.parametrize("carrier", CARRIERS)
def test_rates_never_rise_with_volume(carrier):
    """The Dutch energy tax is degressive: a band's rate is never above the rate of the band below it (the first
    two bands share a rate since their split in 2024)."""
    for y in tax_years():
        rates = [b.rate for b in tax_bands(carrier, y)]
        assert all(hi >= lo for hi, lo in zip(rates, rates[1:])), (carrier, y, rates)


def test_top_bands_are_far_below_first_bands():
    """Large consumers pay a small fraction of the small-consumer rate (a check on units: EUR per kWh/m3)."""
    for y in _complete_years():
        for c in CARRIERS:
            b = tax_bands(c, y)
            assert 0 < b[-1].rate < 0.2 * b[0].rate < 1.0, (c, y)


def test_incomplete_years_name_their_missing_bands_in_data_and_status():
    st = data_status()["years"]
    for y in tax_years():
        if st[y]["energy_tax"]["status"] != "incomplete":
            continue
        rows = [r for r in records("tariffs/energy_tax.csv") if r["year"] == str(y)]
        assert all("INCOMPLETE YEAR" in r["notes"] and "not found" in r["notes"] for r in rows), y
        assert st[y]["energy_tax"]["missing"] and not st[y]["computes"]


def test_rows_of_a_law_not_yet_in_force_are_marked_provisional():
    """Rows of years after the data's retrieval year (the next year's Belastingplan) say 'provisional'."""
    rows = records("tariffs/energy_tax.csv")
    latest_retrieved = max(int(r["retrieved"][:4]) for r in rows)
    for r in rows:
        if int(r["year"]) > latest_retrieved:
            assert "provisional" in r["notes"].lower(), r


def test_a_provisional_next_year_is_reported_provisional_and_computes(tmp_path):
    """2027 bands marked provisional make 2027 'provisional' (it computes), never 'complete'."""
    dst, path, text, rows = energy_tax_copy(tmp_path)
    extra = [ln.replace(",2025,", ",2027,").rstrip(",") + ",provisional (test)" if ln.endswith(",") else
             ln.replace(",2025,", ",2027,") + "; provisional (test)" for ln in rows]
    path.write_text(text + "\n".join(extra) + "\n", encoding="utf-8")
    (dst / "tariffs" / "prices.csv").write_text(
        (dst / "tariffs" / "prices.csv").read_text(encoding="utf-8")
        + "price_el_day_ahead,2027,80,EUR/MWh,A1,2026-12-03,U,test\nprice_gas_ttf,2027,30,EUR/MWh HHV,A1,2026-12-03,U,test\n",
        encoding="utf-8")
    y = data_status(data_dir=dst)["years"][2027]
    assert y["energy_tax"]["status"] == "provisional" and y["computes"]


def test_the_default_tariff_year_is_the_latest_complete_year():
    assert default_tariff_year() == data_status()["latest_complete_year"] == Case.model_fields["tariff_year"].default
    assert default_tariff_year() in TARIFF_YEARS


# -- the grid CO2 factor of the tariff year ---------------------------------------------------------
@pytest.fixture
def two_year_grid(tmp_path):
    """A user table with the average grid factor of two years, the newer one first (the order of the rows
    must not matter)."""
    f = tmp_path / "grid.csv"
    f.write_text("# table: emission_factors.csv\nquantity,value,unit,year\n"
                 "grid_average,0.200,kg CO2/kWh,2025\ngrid_average,0.300,kg CO2/kWh,2021\n", encoding="utf-8")
    ov = overlay.prepare([f])
    yield ov
    ov.restore()


def _hp(case: dict):
    res = evaluate_case(Case.from_dict(case))
    row = next(r for r in res.rows if r["option"] == "heat_pump")
    return row, res


def test_the_evaluation_uses_the_grid_factor_of_its_tariff_year(two_year_grid):
    with overlay.using(two_year_grid):
        r25, res25 = _hp({**BREWERY, "tariff_year": 2025})
        r24, res24 = _hp({**BREWERY, "tariff_year": 2024})
        assert emissions.ef_grid_kgCO2_per_kWh("average", 2026) == pytest.approx(0.2)  # latest year not after
        assert emissions.ef_grid_kgCO2_per_kWh("average", 2019) == pytest.approx(0.3)  # older than all: oldest
        note26 = str(emissions.grid_factor_note("average", 2026))
    assert r25["co2_grid_t_per_yr"] == pytest.approx(0.200 * r25["E_el_MWh_per_yr"], rel=1e-9)
    assert r24["co2_grid_t_per_yr"] == pytest.approx(0.300 * r24["E_el_MWh_per_yr"], rel=1e-9)
    # the note on an older factor: none when the factor is of the tariff year, one naming the year otherwise
    assert not any("grid CO2 factor" in str(n) for n in res25.notes)
    assert any("grid CO2 factor" in str(n) and "2021 figure" in str(n) for n in res24.notes)
    assert "0.2 kg/kWh" in note26 and "2025 figure" in note26


def test_the_hourly_run_uses_the_grid_factor_of_its_tariff_year(two_year_grid):
    from heatcalc.evaluation.hourly.prepare import prepare

    with overlay.using(two_year_grid):
        ctx25 = prepare(Case.from_dict({**BREWERY, "tariff_year": 2025}))
        ctx24 = prepare(Case.from_dict({**BREWERY, "tariff_year": 2024}))
    assert float(ctx25.ef_grid_kgCO2_per_kWh.mean()) == pytest.approx(0.2)
    assert float(ctx24.ef_grid_kgCO2_per_kWh.mean()) == pytest.approx(0.3)


def test_data_status_lists_the_grid_factor_year_used(two_year_grid):
    shipped = data_status()["years"]
    assert shipped[2025]["grid_co2"]["average"]["year_used"] == 2021
    assert shipped[2025]["grid_co2"]["average"]["status"] == "provisional"  # an older year's factor
    with overlay.using(two_year_grid):
        st = data_status()["years"]
    g = st[2025]["grid_co2"]["average"]
    assert (g["status"], g["year_used"], g["years_in_data"]) == ("complete", 2025, [2021, 2025])
    assert g["value"] == pytest.approx(0.2)
    assert st[2026]["grid_co2"]["average"]["status"] == "provisional"
    assert st[2026]["grid_co2"]["average"]["year_used"] == 2025
    assert st[2024]["grid_co2"]["average"]["year_used"] == 2021
