"""Issue 17, class 1 for JSON and app input: ``Case.from_dict`` reads number text by the batch reader's rule.

Before, ``{"heat_demand_kW": "2.500"}`` was read as 2.5 kW without a word (and ``"12.000"`` as 12). Now number
text without a known decimal mark follows :func:`heatcalc.core.numbers.normalise_number`: both marks, the last
one is the decimal; a mark used twice groups thousands; a single mark before exactly three digits is ambiguous
and refused with a message naming the field, the value, the unit and the valid range. A batch file's numbers are
read with the file's mark first, so ``1,125`` in a decimal-comma file stays 1.125.
"""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heatcalc.batch import readers as R
from heatcalc.case import Case
from heatcalc.core.errors import InputError
from tests.fuzz.strategies import fuzz_settings

BASE = {"case_id": "n", "process": "heat", "heat_demand_kW": 1000.0, "T_sink_in_C": 60.0, "T_sink_out_C": 90.0,
        "T_source_in_C": 40.0, "options": "e_boiler"}


def _case(**kw) -> Case:
    return Case.from_dict({**BASE, **kw})


@pytest.mark.parametrize("text", ["2.500", "12.000", "2,500", "-1.125", " 7.250 "])
def test_ambiguous_text_is_refused_naming_field_value_unit_range(text):
    with pytest.raises(InputError) as e:
        _case(heat_demand_kW=text)
    msg = str(e.value)
    assert f"heat_demand_kW={text.strip()!r} [kW]" in msg
    assert "may be" in msg and "valid: 0 < x ≤ 10,000,000 kW" in msg


@pytest.mark.parametrize("text, value", [("1.234,5", 1234.5), ("1,234.5", 1234.5), ("2,5", 2.5), ("2.5", 2.5),
                                         ("2500", 2500.0), ("1.234.567", 1234567.0), ("0,125", 0.125),
                                         ("0.125", 0.125), ("12.5000", 12.5), ("1e3", 1000.0), (" 1 234,5 ", 1234.5)])
def test_clear_text_is_read(text, value):
    assert _case(heat_demand_kW=text).heat_demand_kW == value


def test_numbers_and_words_unchanged():
    assert _case(heat_demand_kW=2.5).heat_demand_kW == 2.5  # a JSON number is a number
    with pytest.raises(InputError, match=r"heat_demand_kW='abc' kW is invalid"):
        _case(heat_demand_kW="abc")
    assert _case(T_source_in_C="nan").T_source_in_C is None or math.isnan(_case(T_source_in_C="nan").T_source_in_C)


@fuzz_settings(scale=1.0)
@given(ip=st.integers(1, 999), fp=st.integers(0, 999), mark=st.sampled_from([".", ","]),
       neg=st.booleans())
def test_property_a_single_mark_before_three_digits_is_never_read_silently(ip, fp, mark, neg):
    text = f"{'-' if neg else ''}{ip}{mark}{fp:03d}"
    try:
        c = _case(T_source_in_C=text)
    except InputError as exc:
        assert "T_source_in_C" in str(exc) and repr(text) in str(exc), exc
        return
    pytest.fail(f"{text!r} read as {c.T_source_in_C} without a word")


@fuzz_settings(scale=1.0)
@given(x=st.floats(-1e6, 1e6, allow_nan=False), decimals=st.integers(0, 6), mark=st.sampled_from([".", ","]))
def test_property_text_with_one_mark_reads_back_or_is_refused(x, decimals, mark):
    """Any number written with one decimal mark is read to its value, or refused as ambiguous — never off by 1000."""
    text = f"{x:.{decimals}f}".replace(".", mark)
    expected = float(f"{x:.{decimals}f}")
    try:
        got = _case(dT_min_K=text).dT_min_K if 0 < expected <= 50 else None
    except InputError as exc:
        assert "dT_min_K" in str(exc)
        return
    if got is not None:
        assert got == pytest.approx(expected, rel=1e-12, abs=0)


def test_batch_file_mark_decides_before_the_case(tmp_path):
    """A decimal-comma file's ``1,125`` is 1.125 (the file's mark), not refused as ambiguous by the case."""
    p = tmp_path / "c.csv"
    p.write_text("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;T_source_in_C;dT_min_K\n"
                 "a;1.250;60;90;40;1,125\nb;2,5;60;90;40;5,5\n", encoding="utf-8")
    reader = R.open_table(p)
    try:
        rows = list(reader.rows())
    finally:
        reader.close()
    hdr = reader.header
    recs = [dict(zip(hdr, r.cells)) for r in rows]
    assert [r.error for r in rows] == [None, None]
    cases = [Case.from_dict({**BASE, **{k: v for k, v in rec.items()}}) for rec in recs]
    assert [c.heat_demand_kW for c in cases] == [1250.0, 2.5]
    assert [c.dT_min_K for c in cases] == [1.125, 5.5]
