"""SDE++ by category: (base amount - max(correction amount, base energy price)) x production, the
production capped at capacity x full-load hours, the year's sum capped at the maximum subsidy intensity
x CO2 avoided (RVO, "Berekening SDE++"; docs/methods.md, "Subsidies").

The published category figures of the 2025 round (Staatscourant 2025, 23407; PBL/TNO final advice) were not
found in the sources heatcalc could read (docs/data.md, "subsidy_eligibility.csv"), so the shipped data have
none and the figures below are test inputs, given as a user table (``--tariffs``) in the unit the regulation
publishes them in (EUR per kWh of heat). They are not SDE++ figures.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from heatcalc.core.errors import TariffDataError
from heatcalc.money import subsidies as S
from heatcalc.money.finance import annuity_factor
from heatcalc.money.overlay import apply_overlay

#: Test inputs in EUR/kWh (as the regulation prints its amounts) and h/yr; not SDE++ figures.
ROWS = ("technology,scheme,quantity,value,unit,year\n"
        "heat_pump,SDE++,base_amount,0.0700,EUR/kWh,2025\n"
        "heat_pump,SDE++,correction_amount,0.0300,EUR/kWh,2025\n"
        "heat_pump,SDE++,base_energy_price,0.0250,EUR/kWh,2025\n"
        "heat_pump,SDE++,full_load_hours,6000,h/yr,2025\n")


def _input(co2_t: float, heat_MWh: float = 16_000.0, cap_kW: float = 2000.0) -> S.SubsidyInput:
    return S.SubsidyInput(technology="heat_pump", process="heat", capacity_kW_th=cap_kW, cop=3.0, halogen_free=True,
                          capex=5e6, capex_eq=4e6, capex_ref=1e6, saving=1e5, co2_saved=co2_t, r=0.08, n=15,
                          sde_years=15, af_n=annuity_factor(0.08, 15), af_sde=annuity_factor(0.08, 15), year=2026,
                          heat_MWh=heat_MWh)


def _params(tmp_path, rows: str | None):
    """subsidy_params of the shipped data, with ``rows`` as a user table when given."""
    if rows is None:
        return S.subsidy_params()
    f = tmp_path / "sde_user.csv"
    f.write_text(rows, encoding="utf-8")
    ov = apply_overlay([str(f)])
    try:
        return S.subsidy_params()
    finally:
        ov.restore()


def _sde(p: dict, s: S.SubsidyInput):
    eng = S.SubsidyEngine(p, S._switches("sde", p), lambda c, v: (0.0, ""))
    return eng.evaluate(s)


def test_worked_example_by_hand(tmp_path):
    """Hand calculation from the rows above:
    base 0.0700 EUR/kWh = 70 EUR/MWh; correction 30 EUR/MWh; base energy price 25 EUR/MWh; the larger, 30, counts;
    70 - 30 = 40 EUR/MWh. Production: 16,000 MWh made, at most 2,000 kW x 6,000 h = 12,000 MWh -> 12,000 MWh.
    SDE++ = 40 x 12,000 = 480,000 EUR/yr; the ceiling 400 EUR/t x 1,500 t = 600,000 EUR/yr does not bind.
    With 1,000 t avoided the ceiling, 400,000 EUR/yr, binds."""
    p = _params(tmp_path, ROWS)
    assert p["_eligibility"][("heat_pump", "SDE++", "base_amount")][0] == pytest.approx(70.0)
    res = _sde(p, _input(1500.0))
    assert res.chosen == ("sde",)
    assert res.sde == pytest.approx(480_000.0, rel=1e-12)
    assert any("SDE++ by category" in str(n) and "12,000 MWh/yr" in str(n) for n in res.info)
    assert _sde(p, _input(1000.0)).sde == pytest.approx(400_000.0, rel=1e-12)
    # below the full-load-hour cap the heat made counts: 40 x 9,000
    assert _sde(p, _input(1e6, heat_MWh=9000.0)).sde == pytest.approx(360_000.0, rel=1e-12)


def test_base_energy_price_is_the_floor_of_the_correction(tmp_path):
    """When the correction amount falls below the base energy price, the base energy price counts:
    (70 - max(20, 25)) x 12,000 = 540,000 EUR/yr."""
    p = _params(tmp_path, ROWS.replace("correction_amount,0.0300", "correction_amount,0.0200"))
    assert _sde(p, _input(1e6)).sde == pytest.approx(45.0 * 12_000, rel=1e-12)


def test_without_the_category_rows_the_gap_model_is_used(tmp_path):
    """The same case with and without the rows: with them SDE++ follows the category figures; without them
    (the shipped data today) the gap model applies and the note says the figures are not in the data.
    Fails when the category rows are not read."""
    s = _input(1500.0)
    with_rows = _sde(_params(tmp_path, ROWS), s)
    shipped = _sde(_params(tmp_path, None), s)
    assert with_rows.sde == pytest.approx(480_000.0)
    assert not any("SDE++ by category" in str(n) for n in shipped.info)
    assert any("not in the data" in str(n) for n in shipped.info)
    gap = 5e6 / annuity_factor(0.08, 15) - 1e5
    assert shipped.sde == pytest.approx(min(gap, 400 * 1500.0))


def test_amounts_in_eur_per_mwh_are_taken_as_they_are(tmp_path):
    rows = ROWS.replace("0.0700,EUR/kWh", "70,EUR/MWh").replace("0.0300,EUR/kWh", "30,EUR/MWh") \
               .replace("0.0250,EUR/kWh", "25,EUR/MWh")
    assert _sde(_params(tmp_path, rows), _input(1500.0)).sde == pytest.approx(480_000.0, rel=1e-12)


@pytest.mark.parametrize("old, new, words", [
    ("0.0700,EUR/kWh", "0.0700,EUR/t", ["heat_pump", "base_amount", "EUR/t", "EUR/MWh, EUR/kWh"]),
    ("6000,h/yr", "9000,h/yr", ["full_load_hours", "9000", "0 to 8760 h/yr"]),
    ("0.0250,EUR/kWh", "-0.01,EUR/kWh", ["base_energy_price", "-0.01", "at least 0 EUR/MWh"]),
])
def test_a_figure_in_another_unit_or_out_of_range_is_refused(tmp_path, old, new, words):
    with pytest.raises(TariffDataError) as e:
        _params(tmp_path, ROWS.replace(old, new))
    assert all(w in str(e.value) for w in words), str(e.value)


def test_cli_refuses_a_wrong_unit_without_a_traceback(tmp_path):
    f = tmp_path / "sde.csv"
    f.write_text(ROWS.replace("0.0700,EUR/kWh", "0.0700,EUR/t"), encoding="utf-8")
    d = json.load(open("data/examples/brewery_hot_water.json", encoding="utf-8"))
    d["subsidies"] = "sde"
    cf = tmp_path / "case.json"
    cf.write_text(json.dumps(d), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "heatcalc", "evaluate", str(cf), "--tariffs", str(f)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "base_amount" in r.stderr and "EUR/t" in r.stderr
