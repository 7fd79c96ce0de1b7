"""Profiles reader: plain CSV and ENTSO-E export, DST, gaps, resolution, errors."""
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.core.errors import InputError
from heatcalc.evaluation.hourly.profiles import (
    MAX_GAP_H,
    Profiles,
    constant_profiles,
    merge,
    read_entsoe_prices,
    read_profiles,
    resample,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "profiles"
#: Published magnitudes the synthetic profiles must match (S30: NL 2025; S15: time-bound right).
PRICE_MEAN_2025_EUR_PER_MWH = 86.8
NEGATIVE_HOURS_2025 = 584
FIRM_SHARE = 0.85
PRICE_ATOL_EUR_PER_MWH = 0.005


def _csv(tmp_path, text, name="p.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _local_year_text(year=2025, freq="h", col="heat_demand_kW", sep=",", values=None):
    idx = pd.date_range(f"{year}-01-01", f"{year + 1}-01-01", freq=freq, tz="Europe/Amsterdam", inclusive="left")
    vals = np.arange(len(idx), dtype=float) if values is None else values
    rows = [f"{t:%Y-%m-%d %H:%M}{sep}{v:g}" for t, v in zip(idx.tz_localize(None), vals)]
    return f"timestamp{sep}{col}\n" + "\n".join(rows) + "\n", idx


# ------------------------------------------------------------------------------------------
# plain CSV
def test_plain_csv_with_offsets_and_constant_columns(tmp_path):
    p = _csv(tmp_path, "timestamp,heat_demand_kW,price_el_EUR_per_MWh\n"
                       "2025-01-01T00:00+01:00,100,50\n2025-01-01T01:00+01:00,200,-10\n2025-01-01T02:00+01:00,300,70\n")
    prof = read_profiles(p)
    assert isinstance(prof, Profiles)
    assert prof.dt_h == 1.0 and len(prof) == 3 and prof.hours == 3.0
    assert prof.index[0] == pd.Timestamp("2024-12-31T23:00Z")
    np.testing.assert_array_equal(prof.columns["heat_demand_kW"], [100, 200, 300])
    assert prof.get("T_sink_out_C", 90.0).tolist() == [90.0] * 3
    assert prof.get("T_sink_out_C", None) is None
    assert prof.warnings == []
    assert list(prof.to_frame().columns) == ["timestamp", "heat_demand_kW", "price_el_EUR_per_MWh"]


def test_local_time_with_dst_becomes_regular_utc(tmp_path):
    text, idx = _local_year_text()
    prof = read_profiles(_csv(tmp_path, text))
    assert len(prof) == 8760 and prof.dt_h == 1.0
    assert prof.index[0] == pd.Timestamp("2024-12-31T23:00Z")
    assert prof.index[-1] == pd.Timestamp("2025-12-31T22:00Z")
    assert any("daylight-saving" in w for w in prof.warnings)
    # values stay with their hour: the repeated autumn hour keeps both values in order
    np.testing.assert_array_equal(prof.columns["heat_demand_kW"], np.arange(8760.0))


def test_local_time_15_min(tmp_path):
    text, idx = _local_year_text(freq="15min")
    prof = read_profiles(_csv(tmp_path, text))
    assert len(prof) == 35040 and prof.dt_h == 0.25
    hourly = read_profiles(_csv(tmp_path, text), dt_h=1.0)
    assert len(hourly) == 8760
    # averaging keeps energy: mean of the four quarters
    np.testing.assert_allclose(hourly.columns["heat_demand_kW"][:2], [1.5, 5.5])
    assert any("averaged" in w for w in hourly.warnings)


def test_naive_regular_clock_read_as_utc(tmp_path):
    idx = pd.date_range("2025-03-29", "2025-04-01", freq="h", inclusive="left")
    text = "timestamp,heat_demand_kW\n" + "\n".join(f"{t:%Y-%m-%d %H:%M},1" for t in idx)
    prof = read_profiles(_csv(tmp_path, text))
    assert len(prof) == len(idx)
    assert prof.index[0] == pd.Timestamp("2025-03-29T00:00Z")
    assert any("read as UTC" in w for w in prof.warnings)


def test_tz_utc_forces_utc(tmp_path):
    text, _ = _local_year_text()
    with pytest.raises(InputError, match="appears twice"):  # the repeated autumn hour is a duplicate in UTC
        read_profiles(_csv(tmp_path, text), tz="UTC")


def test_autumn_hour_given_once(tmp_path):
    # a whole local year whose export lists the repeated autumn hour once: local time, the hour filled
    idx = pd.date_range("2025-01-01", "2026-01-01", freq="h", tz="Europe/Amsterdam", inclusive="left")
    naive = pd.Series(idx.tz_localize(None)).drop_duplicates()
    text = "timestamp,heat_demand_kW\n" + "\n".join(f"{t:%Y-%m-%d %H:%M},5" for t in naive)
    prof = read_profiles(_csv(tmp_path, text))
    assert len(prof) == 8760
    assert any("appears once" in w for w in prof.warnings)
    # only the autumn change in the file and no repeated hour: a regular clock, read as UTC (documented)
    idx = pd.date_range("2025-10-25", "2025-10-28", freq="h", tz="Europe/Amsterdam", inclusive="left")
    naive = pd.Series(idx.tz_localize(None)).drop_duplicates()
    text = "timestamp,heat_demand_kW\n" + "\n".join(f"{t:%Y-%m-%d %H:%M},5" for t in naive)
    prof = read_profiles(_csv(tmp_path, text))
    assert len(prof) == len(naive)
    assert any("read as UTC" in w for w in prof.warnings)


def test_missing_hours_interpolated_with_warning(tmp_path):
    text = ("timestamp,T_source_in_C\n2025-01-01T00:00Z,10\n2025-01-01T01:00Z,20\n"
            "2025-01-01T04:00Z,50\n2025-01-01T05:00Z,\n2025-01-01T06:00Z,70\n")
    prof = read_profiles(_csv(tmp_path, text))
    np.testing.assert_allclose(prof.columns["T_source_in_C"], [10, 20, 30, 40, 50, 60, 70])
    assert any("2 missing time steps" in w and "2025-01-01T02:00:00+00:00" in w for w in prof.warnings)
    assert any("1 empty value of T_source_in_C" in w for w in prof.warnings)


def test_semicolon_decimal_comma_and_ignored_columns(tmp_path):
    text = ("# a comment line\ntimestamp;heat_demand_kW;note\n01-01-2025 00:00;1.234,5;a\n01-01-2025 01:00;2,5;b\n")
    prof = read_profiles(_csv(tmp_path, text), tz="UTC")
    np.testing.assert_allclose(prof.columns["heat_demand_kW"], [1234.5, 2.5])
    assert any("ignored" in w and "note" in w for w in prof.warnings)


@pytest.mark.parametrize("text, words", [
    ("time,heat_demand_kW\n2025-01-01T00:00Z,1\n", "no 'timestamp' column"),
    ("timestamp,foo\n2025-01-01T00:00Z,1\n2025-01-01T01:00Z,1\n", "none of the profile columns"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,abc\n2025-01-01T01:00Z,1\n", "heat_demand_kW='abc'"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,-5\n2025-01-01T01:00Z,1\n", "valid is 0 to"),
    ("timestamp,grid_capacity_kW\n2025-01-01T00:00Z,1\n2025-01-01T00:00Z,1\n2025-01-01T01:00Z,1\n", "appears twice"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,1\n2025-01-01T00:05Z,1\n2025-01-01T00:10Z,1\n", "5 min"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,1\n2025-01-01T01:00Z,1\n2025-01-01T02:30Z,1\n"
     "2025-01-01T03:30Z,1\n", "off the 60-min grid"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,1\n2025-01-03T01:00Z,1\n2025-01-03T02:00Z,1\n", "data missing"),
    ("timestamp,heat_demand_kW\nyesterday,1\n2025-01-01T01:00Z,1\n", "not a date"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,1\n", "at least 2"),
    ("timestamp,heat_demand_kW\n2025-01-01T00:00Z,\n2025-01-01T01:00Z,\n", "no values"),
    ("timestamp,price_el_EUR_per_MWh\n2025-01-01T00:00Z,9000\n2025-01-01T01:00Z,1\n", "-500 to 5000"),
])
def test_bad_files_name_the_problem(tmp_path, text, words):
    with pytest.raises(InputError, match=None) as exc:
        read_profiles(_csv(tmp_path, text))
    assert words in str(exc.value)


def test_unreadable_file(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        read_profiles(tmp_path / "absent.csv")


def test_gap_limit_is_24_h(tmp_path):
    ok = "timestamp,heat_demand_kW\n2025-01-01T00:00Z,1\n2025-01-02T01:00Z,2\n2025-01-02T02:00Z,3\n"
    assert MAX_GAP_H == 24
    assert len(read_profiles(_csv(tmp_path, ok))) == 27


# ------------------------------------------------------------------------------------------
# ENTSO-E export
def _entsoe_new(idx_local, values, *, mark_autumn=True, sequence=None):
    fmt = "%d/%m/%Y %H:%M:%S"
    rows = ['"MTU (CET/CEST)","Area","Sequence","Day-ahead Price (EUR/MWh)"']
    step = idx_local[1] - idx_local[0]
    naive = pd.Series(idx_local.tz_localize(None))
    dup = naive.duplicated(keep=False).to_numpy()
    for t, v, d in zip(idx_local, values, dup):
        e = (t + step).tz_convert(t.tz)
        zone = f" ({'CEST' if t.utcoffset().seconds == 7200 else 'CET'})" if (d and mark_autumn) else ""
        rows.append(f'"{t:{fmt}} - {e:{fmt}}{zone}","BZN|NL","{sequence or "Without Sequence"}","{v}"')
    return "\n".join(rows) + "\n"


def test_entsoe_new_layout_year_with_dst(tmp_path):
    idx = pd.date_range("2025-01-01", "2026-01-01", freq="h", tz="Europe/Amsterdam", inclusive="left")
    vals = np.round(np.sin(np.arange(len(idx))) * 50, 2)
    prof = read_profiles(_csv(tmp_path, _entsoe_new(idx, vals)))
    assert len(prof) == 8760
    assert prof.index[0] == pd.Timestamp("2024-12-31T23:00Z")
    np.testing.assert_allclose(prof.columns["price_el_EUR_per_MWh"], vals)
    assert "ENTSO-E" in prof.source


def test_entsoe_15_min_mtu(tmp_path):
    idx = pd.date_range("2025-10-01", "2025-10-03", freq="15min", tz="Europe/Amsterdam", inclusive="left")
    vals = np.tile([10.0, 20.0, 30.0, 40.0], len(idx) // 4)
    prof = read_entsoe_prices(_csv(tmp_path, _entsoe_new(idx, vals)))
    assert prof.dt_h == 0.25 and len(prof) == len(idx)
    hourly = read_entsoe_prices(_csv(tmp_path, _entsoe_new(idx, vals)), dt_h=1.0)
    np.testing.assert_allclose(hourly.columns["price_el_EUR_per_MWh"], 25.0)


def test_entsoe_old_layout_with_missing_value(tmp_path):
    idx = pd.date_range("2023-03-25", "2023-03-28", freq="h", tz="Europe/Amsterdam", inclusive="left")
    rows = ['"MTU (CET/CEST)","Day-ahead Price [EUR/MWh]","Currency","BZN|NL"']
    for i, t in enumerate(idx):
        e = (t + pd.Timedelta(hours=1)).tz_convert(t.tz)
        v = "-" if i == 10 else f"{i}.5"
        rows.append(f'"{t:%d.%m.%Y %H:%M} - {e:%d.%m.%Y %H:%M}","{v}","EUR",""')
    # the skipped spring hour listed with no price, as old exports do
    rows.insert(52, '"26.03.2023 02:00 - 26.03.2023 03:00","","EUR",""')
    prof = read_entsoe_prices(_csv(tmp_path, "\n".join(rows) + "\n"))
    assert len(prof) == len(idx)
    assert prof.columns["price_el_EUR_per_MWh"][10] == pytest.approx(10.5)  # interpolated between 9.5 and 11.5
    assert any("empty value" in w for w in prof.warnings)


def test_entsoe_sequences_and_utc_header(tmp_path):
    idx = pd.date_range("2025-01-01", periods=6, freq="h", tz="UTC")
    fmt = "%d/%m/%Y %H:%M:%S"
    rows = ['"MTU (UTC)","Area","Sequence","Day-ahead Price (EUR/MWh)"']
    for t in idx:
        e = t + pd.Timedelta(hours=1)
        rows.append(f'"{t:{fmt}} - {e:{fmt}}","BZN|NL","Sequence 1","10"')
        rows.append(f'"{t:{fmt}} - {e:{fmt}}","BZN|NL","Sequence 2","99"')
    prof = read_profiles(_csv(tmp_path, "\n".join(rows) + "\n"))
    assert len(prof) == 6 and prof.index[0] == idx[0]
    np.testing.assert_allclose(prof.columns["price_el_EUR_per_MWh"], 10.0)
    assert any("Sequence 1" in w for w in prof.warnings)


def test_entsoe_several_areas_needs_area(tmp_path):
    idx = pd.date_range("2025-01-01", periods=3, freq="h", tz="Europe/Amsterdam")
    text = _entsoe_new(idx, [1, 2, 3]) + _entsoe_new(idx, [4, 5, 6]).split("\n", 1)[1].replace("BZN|NL", "BZN|BE")
    with pytest.raises(InputError, match="several bidding zones"):
        read_entsoe_prices(_csv(tmp_path, text))
    prof = read_entsoe_prices(_csv(tmp_path, text), area="BZN|BE")
    np.testing.assert_allclose(prof.columns["price_el_EUR_per_MWh"], [4, 5, 6])


def test_not_an_entsoe_export(tmp_path):
    with pytest.raises(InputError, match="not an ENTSO-E"):
        read_entsoe_prices(_csv(tmp_path, "MTU,price\n1,2\n"))


# ------------------------------------------------------------------------------------------
# resolution and merging
def test_resample_up_and_down_keeps_energy():
    prof = constant_profiles(4, dt_h=1.0)
    prof.columns["heat_demand_kW"] = np.array([4.0, 8.0, 0.0, 4.0])
    fine = resample(prof, 0.25)
    assert len(fine) == 16
    np.testing.assert_allclose(fine.columns["heat_demand_kW"].sum() * 0.25, 16.0)
    back = resample(fine, 1.0)
    np.testing.assert_allclose(back.columns["heat_demand_kW"], [4.0, 8.0, 0.0, 4.0])
    with pytest.raises(InputError, match="dt_h=0.1"):
        resample(prof, 0.1)


def test_merge_takes_finer_step_and_common_period():
    a = constant_profiles(48, dt_h=1.0)
    a.columns["heat_demand_kW"] = np.arange(48.0)
    b = constant_profiles(24, dt_h=0.25, start="2025-01-01T12:00Z")
    b.columns["price_el_EUR_per_MWh"] = np.full(96, 7.0)
    m = merge(a, b)
    assert m.dt_h == 0.25 and len(m) == 96
    assert m.index[0] == pd.Timestamp("2025-01-01T12:00Z")
    assert m.columns["heat_demand_kW"][0] == 12.0 and m.columns["price_el_EUR_per_MWh"][0] == 7.0
    late = constant_profiles(3, start="2026-01-01T00:00Z")
    with pytest.raises(InputError, match="do not overlap"):
        merge(a, late)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(3, 60), step=st.sampled_from([15, 30, 60]), drop=st.lists(st.integers(1, 58), max_size=5),
       data=st.data())
def test_roundtrip_regular_series_with_holes(n, step, drop, data):
    """Writing a regular UTC series with some rows removed and reading it back gives the
    full grid, the kept values unchanged and the holes interpolated between them."""
    vals = data.draw(st.lists(st.floats(0, 1e4, allow_nan=False), min_size=n, max_size=n))
    idx = pd.date_range("2025-06-01", periods=n, freq=f"{step}min", tz="UTC")
    keep = np.ones(n, dtype=bool)
    for i in drop:
        if 0 < i < n - 1:
            keep[i] = False
    if keep.sum() >= 2 and np.diff(np.flatnonzero(keep)).min() == 1:  # the step must still be visible
        text = "timestamp,heat_demand_kW\n" + "\n".join(
            f"{t.isoformat()},{v!r}" for t, v, k in zip(idx, vals, keep) if k)
        prof = read_profiles(io.StringIO(text))
        assert len(prof) == n and prof.dt_h == step / 60
        got = prof.columns["heat_demand_kW"]
        np.testing.assert_allclose(got[keep], np.asarray(vals)[keep])
        kept = np.asarray(vals)[keep]
        assert np.all(got >= kept.min() - 1e-9) and np.all(got <= kept.max() + 1e-9)


# ------------------------------------------------------------------------------------------
# the synthetic example profiles
def test_synthetic_profiles_match_published_magnitudes():
    prof = read_profiles(DATA / "synthetic_brewery_2025_time_bound.csv")
    p = prof.columns["price_el_EUR_per_MWh"]
    assert len(prof) == 8760
    assert abs(p.mean() - PRICE_MEAN_2025_EUR_PER_MWH) < PRICE_ATOL_EUR_PER_MWH
    assert int((p < 0).sum()) == NEGATIVE_HOURS_2025
    g = prof.columns["grid_capacity_kW"]
    assert int((g >= g.max()).sum()) == round(FIRM_SHARE * 8760)
    ent = read_profiles(DATA / "synthetic_day_ahead_2025_entsoe_layout.csv")
    np.testing.assert_allclose(ent.columns["price_el_EUR_per_MWh"], p)
    assert "SYNTHETIC" in (DATA / "synthetic_brewery_2025_shared.csv").read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize("start, end, mark", [("2025-10-25", "2025-10-28", True), ("2025-10-25", "2025-10-28", False),
                                              ("2025-03-29", "2025-04-01", True)])
def test_entsoe_15_min_across_dst_changes(tmp_path, start, end, mark):
    idx = pd.date_range(start, end, freq="15min", tz="Europe/Amsterdam", inclusive="left")
    prof = read_profiles(_csv(tmp_path, _entsoe_new(idx, np.arange(len(idx)), mark_autumn=mark)))
    assert len(prof) == len(idx) and prof.dt_h == 0.25
    assert prof.index[0] == idx[0].tz_convert("UTC")
    np.testing.assert_allclose(prof.columns["price_el_EUR_per_MWh"], np.arange(len(idx)))
