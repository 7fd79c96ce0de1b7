"""Property-based tests of ``heatcalc batch``: whatever the rows hold, never a crash, never a lost row,
always a clear message.

Files are generated with hypothesis: comma or semicolon separated, with or without BOM, decimal point or
comma, blank lines, rows written with the other separator, missing and duplicated values, text in numbers,
NaN, inf, negative and absurd values, sink below source, temperatures above a refrigerant's critical point,
unknown refrigerants, options and processes, and formula-like text.
"""
from __future__ import annotations

import csv
import io
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heatcalc import batch as B
from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError
from heatcalc.core.numbers import format_exact
from heatcalc.evaluation.annual import error_row

FIELDS = list(Case.model_fields)
COLUMNS = ["case_id", "process", "heat_demand_kW", "T_sink_in_C", "T_sink_out_C", "sink_medium", "T_source_in_C",
           "production_t_per_yr", "refrigerant", "options", "grid_capacity_kW", "ets_installation", "note"]
STATUSES = {"ok", "infeasible", "error"}
#: Words an error message must contain at least one of (a field, or what is wrong with the row).
EXPLAINS = tuple(FIELDS) + ("cell", "UTF-8", "formula", "CSV", "internal error")


def fake_evaluate(record: dict) -> list[dict]:
    """Real validation (Case), trivial physics: fast enough for many examples."""
    try:
        c = Case.from_dict(record)
    except HeatCalcError as exc:
        return [error_row(record.get("case_id"), str(exc))]
    rows = []
    for opt in ("baseline",) + c.selected_options:
        r = error_row(c.case_id, "")
        r.update(option=opt, status="ok", cop=2.5, warnings=[])
        rows.append(r)
    return rows


def number_text(decimal_comma: bool):
    finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
    as_text = finite.map(lambda x: (repr(x).replace(".", ",") if decimal_comma else repr(x)))
    return st.one_of(
        as_text,
        st.integers(-100, 2000).map(str),
        st.sampled_from(["", " ", "NaN", "nan", "inf", "-inf", "1e308", "-1e308", "abc", "12 kW", "1.234,5",
                         "1,234.5", "0", "-0", "9" * 40, "=1+1", "++5"]),
    )


def temperature_text(decimal_comma: bool):
    return st.one_of(st.integers(-80, 700).map(str), number_text(decimal_comma))


SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
                    max_size=12)


def _num(x: float, decimal_comma: bool) -> str:
    t = f"{x:g}"
    return t.replace(".", ",") if decimal_comma else t


@st.composite
def valid_row(draw, decimal_comma: bool):
    """A plausible case (heat, dryer or kiln) with values written as a user would."""
    kind = draw(st.sampled_from(["heat", "heat", "dryer", "lime_kiln", "glass_furnace"]))
    n = lambda x: _num(x, decimal_comma)  # noqa: E731
    row = {c: "" for c in COLUMNS}
    row["case_id"] = draw(st.sampled_from(["A", "B", "C", "site-1", "site-2"]))
    row["process"] = kind
    row["note"] = draw(SAFE_TEXT)
    if kind in ("heat", "dryer"):
        t_in = draw(st.integers(10, 150))
        t_out = t_in + draw(st.integers(5, 60))
        row.update(heat_demand_kW=n(draw(st.floats(50, 50000)).__round__(1)), T_sink_in_C=str(t_in),
                   T_sink_out_C=str(t_out), T_source_in_C=str(draw(st.integers(10, 120))),
                   sink_medium=draw(st.sampled_from(["water", "steam", "air", ""])),
                   refrigerant=draw(st.sampled_from(["", "auto", "auto", "R1233zd(E)", "R600", "R717", "R134a"])),
                   options=draw(st.sampled_from(["", "all", "heat_pump", "e_boiler;hybrid_boiler", "mvr;steam_hp"])))
    else:
        row.update(production_t_per_yr=n(draw(st.floats(1000, 300000)).__round__(0)),
                   options=draw(st.sampled_from(["", "all", "electric_kiln", "hybrid_kiln"])))
    if draw(st.booleans()):
        row["grid_capacity_kW"] = n(draw(st.floats(0, 100000)).__round__(0))
    row["ets_installation"] = draw(st.sampled_from(["", "true", "nee", "JA", "1"]))
    return row


def garbage(decimal_comma: bool):
    return st.fixed_dictionaries({
        "case_id": st.one_of(st.sampled_from(["", "=cmd|' /C calc'!A0", "@x", "-1", "+31 6"]), SAFE_TEXT),
        "process": st.sampled_from(["", "HEAT ", "oven", "lime kiln"]),
        "heat_demand_kW": number_text(decimal_comma),
        "T_sink_in_C": temperature_text(decimal_comma),
        "T_sink_out_C": temperature_text(decimal_comma),
        "sink_medium": st.sampled_from(["", "lava", "Steam"]),
        "T_source_in_C": temperature_text(decimal_comma),
        "production_t_per_yr": number_text(decimal_comma),
        "refrigerant": st.sampled_from(["", "R999", "water", "R744", "propane"]),
        "options": st.sampled_from(["foo", "e_boiler;;", "ALL", "heat pump", "mvr,e_boiler"]),
        "grid_capacity_kW": number_text(decimal_comma),
        "ets_installation": st.sampled_from(["maybe", "2", "WAAR"]),
        "note": SAFE_TEXT,
    })


@st.composite
def row_strategy(draw, decimal_comma: bool):
    """A valid row with 0 to 3 of its cells replaced by mistakes (missing, text, NaN, inf, absurd, ...)."""
    row = draw(valid_row(decimal_comma))
    bad = draw(garbage(decimal_comma))
    for col in draw(st.lists(st.sampled_from(COLUMNS), max_size=3, unique=True)):
        row[col] = bad[col]
    return row


@st.composite
def csv_files(draw):
    """(bytes of a CSV file, line numbers of its non-blank data rows)."""
    sep = draw(st.sampled_from([",", ";"]))
    decimal_comma = sep == ";" and draw(st.booleans())
    bom = draw(st.booleans())
    crlf = draw(st.booleans())
    header = [draw(st.sampled_from([c, c.upper(), f" {c} ", c.lower()])) for c in COLUMNS]
    rows = draw(st.lists(row_strategy(decimal_comma), min_size=0, max_size=6))
    nl = "\r\n" if crlf else "\n"
    lines: list[str] = []

    def fmt(cells, delim):
        buf = io.StringIO()
        csv.writer(buf, delimiter=delim, lineterminator="").writerow(cells)
        return buf.getvalue()

    lines.append(fmt(header, sep))
    expected = []
    for r in rows:
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", sep * (len(COLUMNS) - 1)])))  # blank line
        kind = draw(st.integers(0, 9))
        cells = [r[c] for c in COLUMNS]
        if kind == 0:  # the other separator
            line = fmt(cells, "," if sep == ";" else ";")
        elif kind == 1:  # a cell too few / too many
            line = fmt(cells[:-1] if draw(st.booleans()) else cells + ["extra"], sep)
        else:
            line = fmt(cells, sep)
        if not line.replace(sep, "").replace(",", "").replace(";", "").strip():
            continue  # would be a blank line: not a data row
        lines.append(line)
        expected.append(len(lines))  # 1-based line number
    text = nl.join(lines) + (nl if draw(st.booleans()) else "")
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" if bom else b"") + data, expected


def _read(path):
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","))


def _check(out_path, expected_rows, summary):
    rows = _read(out_path)
    assert summary.rows_read == len(expected_rows)
    assert summary.rows_ok + summary.rows_error == summary.rows_read
    got = sorted({int(r["input_row"]) for r in rows})
    assert got == sorted(expected_rows), "every input row is in the output, and no other"
    for r in rows:
        assert r["status"] in STATUSES
        if r["status"] == "error":
            assert r["message"].strip(), r
            assert any(w in r["message"] for w in EXPLAINS), r["message"]
            assert "Traceback" not in r["message"]
        if r["status"] == "infeasible":
            assert r["message"].strip(), r
        for v in r.values():
            assert not (v and v[0] in "=+@" and not B.writers._PLAIN_NUMBER.match(v)), f"unneutralised cell {v!r}"
    # the output is in input order
    order = [int(r["input_row"]) for r in rows]
    assert order == sorted(order)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(csv_files())
def test_generated_files_never_crash_never_lose_a_row(tmp_path, sample):
    data, expected = sample
    inp = tmp_path / "in.csv"
    inp.write_bytes(data)
    out = tmp_path / "out.csv"
    s = B.run_batch(inp, out, workers=1, evaluator=fake_evaluate, chunk_rows=2)
    _check(out, expected, s)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(csv_files())
def test_generated_files_with_the_real_evaluator(tmp_path, sample):
    """Same property through heatcalc.evaluation.annual.evaluate_record (physics, economics)."""
    data, expected = sample
    inp = tmp_path / "in.csv"
    inp.write_bytes(data)
    out = tmp_path / "out.csv"
    s = B.run_batch(inp, out, workers=1, chunk_rows=3)
    assert s.internal_errors == 0, [r["message"] for r in _read(out) if "internal" in r["message"]]
    _check(out, expected, s)


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([".", ","]))
def test_number_text_round_trips_exactly(x, decimal):
    s = format_exact(x, decimal)
    if math.isfinite(x):
        assert float(s.replace(",", ".")) == x
    else:
        assert s == ""


@given(st.text(max_size=30))
def test_neutralised_text_cannot_start_a_formula(text):
    s = B.neutralise(text)
    assert s == text or s == "'" + text
    if s and s[0] in "=+-@\t\r":
        assert B.writers._PLAIN_NUMBER.match(s)
