"""Fuzz tests of the batch file layer: readers, writers and a few end-to-end runs.

Classes of issue 17 covered here (each has a direct test that failed before its fix, and a property):

1. numbers in a file's decimal convention (``2.500`` in a decimal-comma file is 2500 with a warning, never 2.5);
2. formula injection through CR/LF and leading whitespace in CSV and xlsx output; CR and LF inside a cell are
   part of the cell when reading (no phantom row, no lost cell, spreadsheet row numbers);

Invariants of the properties: every input row is in the output (``ok``/``infeasible``/``error``), no output cell
or line is a live formula, a rejected cell's message names the field and the value. Real evaluations are few
(electric boiler cases); the file properties call the reader and writer functions directly.
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heatcalc.batch import readers as R
from heatcalc.batch import writers as W
from heatcalc.batch.run import run_batch
from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError
from tests.fuzz import strategies as S

HEADER = ["case_id", "heat_demand_kW", "T_sink_in_C", "T_sink_out_C", "T_source_in_C", "options", "note"]
#: Relative tolerance of numbers read back (text → float of the same digits: exact up to rounding) [-].
REL_TOL = 1e-12


def read_all(path: Path) -> tuple[R._Reader, list[R.RawRow]]:
    reader = R.open_table(path)
    try:
        return reader, list(reader.rows())
    finally:
        reader.close()


def record(header: list[str], raw: R.RawRow) -> dict:
    cmap = R.map_columns(header)
    return {f: raw.cells[i] for i, f in cmap.fields if raw.cells[i] is not None}


def demand(header: list[str], raw: R.RawRow) -> float:
    return Case.from_dict(record(header, raw)).heat_demand_kW


def write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def out_rows(path: Path, sep: str = ",") -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=sep))


# ---------------------------------------------------------------------------------------------------------------
# class 1: numbers in the file's decimal convention
def test_decimal_comma_file_reads_dot_groups_as_thousands_with_a_warning(tmp_path):
    rows = [["A", "2.500", "60", "90", "35", "e_boiler", ""], ["B", "12.000", "60", "90", "35", "e_boiler", ""],
            ["C", "1.234,5", "60,5", "90", "35", "e_boiler", ""], ["D", "2,5", "60", "90", "35", "e_boiler", ""],
            ["E", "1.234.567", "60", "90", "35", "e_boiler", ""]]
    reader, got = read_all(write(tmp_path, S.csv_bytes(HEADER, rows, sep=";")))
    assert reader.style.decimal == ","
    values = [demand(HEADER, r) for r in got]
    assert values == [2500.0, 12000.0, 1234.5, 2.5, 1234567.0]
    assert any("2.500" in w and "2500" in w for w in got[0].warnings), got[0].warnings
    assert any("12.000" in w and "12000" in w for w in got[1].warnings), got[1].warnings
    assert not got[2].warnings and not got[3].warnings


def test_the_other_mark_outside_groups_of_three_is_rejected_naming_field_value_and_range(tmp_path):
    rows = [["A", "2.5", "60,5", "90,5", "35", "e_boiler", ""], ["B", "1,5", "60,5", "90,5", "35", "e_boiler", ""],
            ["C", "0.500", "60,5", "90,5", "35", "e_boiler", ""]]
    reader, got = read_all(write(tmp_path, S.csv_bytes(HEADER, rows, sep=";")))
    assert reader.style.decimal == ","
    assert got[1].error is None
    for r, value in ((got[0], "2.5"), (got[2], "0.500")):
        assert r.error is not None
        assert S.message_problem(r.error, "heat_demand_kW", value) is None, r.error
        assert "decimal mark" in r.error


def test_decimal_point_file_reads_comma_groups_as_thousands(tmp_path):
    rows = [["A", "2,500", "60", "90", "35", "e_boiler", ""], ["B", "1,234.5", "60.5", "90", "35", "e_boiler", ""],
            ["C", "2,5", "60", "90", "35", "e_boiler", ""]]
    reader, got = read_all(write(tmp_path, S.csv_bytes(HEADER, rows, sep=",")))
    assert reader.style.decimal == "."
    assert demand(HEADER, got[0]) == 2500.0 and any("2500" in w for w in got[0].warnings)
    assert demand(HEADER, got[1]) == 1234.5
    assert got[2].error is not None and S.message_problem(got[2].error, "heat_demand_kW", "2,5") is None


def test_decimal_mark_is_decided_by_cells_that_show_it(tmp_path):
    """``1.234,5`` shows a decimal comma although it holds a point; ``2.500`` shows nothing either way."""
    rows = [["A", "2.500", "60", "90", "35", "e_boiler", ""], ["B", "3.000", "60", "90", "35", "e_boiler", ""],
            ["C", "1.234,5", "60", "90", "35", "e_boiler", ""]]
    reader, got = read_all(write(tmp_path, S.csv_bytes(HEADER, rows, sep=";")))
    assert reader.style.decimal == ","
    assert [demand(HEADER, r) for r in got] == [2500.0, 3000.0, 1234.5]


def test_ambiguous_cells_without_any_decided_cell_are_never_read_silently(tmp_path):
    rows = [["A", "2.500", "60", "90", "35", "e_boiler", ""]]
    for sep in (";", ","):
        _, got = read_all(write(tmp_path, S.csv_bytes(HEADER, rows, sep=sep)))
        assert got[0].error is not None or got[0].warnings, (sep, got[0])


@S.fuzz_settings()
@given(S.locale_numbers(), st.sampled_from([";", "\t", "|"]))
def test_every_number_cell_follows_the_files_decimal_mark(tmp_path_factory, case, sep):
    text, decimal, expected = case
    tmp = tmp_path_factory.mktemp("num")
    a = "60,5" if decimal == "," else "60.5"  # cells that show the decimal mark: outvote the cell under test
    rows = [["anchor", "1000", a, a, "35", "e_boiler", ""], ["x", text, "60", "90", "35", "e_boiler", ""]]
    reader, got = read_all(write(tmp, S.csv_bytes(HEADER, rows, sep=sep)))
    assert reader.style.decimal == decimal
    r = got[1]
    if expected is None:
        assert r.error is not None, (text, decimal, r)
        assert S.message_problem(r.error, "heat_demand_kW", text) is None, r.error
        return
    assert r.error is None, r.error
    rec = record(HEADER, r)
    value = float(rec["heat_demand_kW"])
    assert math.isclose(value, expected, rel_tol=REL_TOL), (text, decimal, value, expected)
    group = "," if decimal == "." else "."
    if text.count(group) == 1 and decimal not in text:
        assert r.warnings, (text, decimal)


@S.fuzz_settings(scale=0.5)
@given(S.csv_files(max_rows=5))
def test_generated_csv_files_lose_no_row_and_explain_every_rejected_number(tmp_path_factory, f):
    p = write(tmp_path_factory.mktemp("csv"), f.data)
    reader, got = read_all(p)
    expected = [r for r in f.rows if any(c.strip() for c in r)]
    assert len(got) == len(expected)
    first = 3 if f.data.lstrip(b"\xef\xbb\xbf").startswith(b"sep=") else 2  # rows count from the header's line
    assert [r.row for r in got] == list(range(first, first + len(got)))  # one per record, whatever its CR/LF
    for g, e in zip(got, expected):
        assert g.cells[0] == e[0] and g.cells[-1] == e[-1], (g, e)  # CR/LF/quotes/formulas kept in the cell
        if g.error is None:
            try:
                Case.from_dict(record(f.header, g))
            except HeatCalcError as exc:
                assert "Traceback" not in str(exc)
        elif "decimal mark" in g.error:
            j = next(j for j in range(1, 5) if f.header[j] in g.error)
            assert S.message_problem(g.error, f.header[j], e[j]) is None, g.error


# ---------------------------------------------------------------------------------------------------------------
# class 2: formula injection and CR/LF in cells
@pytest.mark.parametrize("text", ["x\r=cmd|' /C calc'!A0", "x\n=1+1", " =1+1", "\t=1+1", "\r=1", "  @SUM(A1)",
                                  "a\r\nb", "x\r+1"])
def test_neutralise_covers_line_breaks_and_leading_whitespace(text):
    out = W.neutralise(text)
    assert out.startswith("'"), out
    assert not S.live_formula(out) and not S.formula_lines(out), out
    assert W.neutralise(out) == out  # idempotent: the app writes xlsx from neutralised CSV


@pytest.mark.parametrize("text", ["-5", "-12.5", "+3,2", "-1e3", "abc", "", "it's fine"])
def test_plain_numbers_and_plain_text_stay(text):
    assert W.neutralise(text) == text


def test_csv_output_quotes_a_bare_cr_and_never_starts_a_line_with_a_formula(tmp_path):
    p = tmp_path / "out.csv"
    w = W.CsvWriter(p, ["input_row", "npv_EUR", "note"], R.InputStyle())
    w.write([["2", W.format_cell(-1234.5), W.format_cell("x\r=cmd|' /C calc'!A0")], ["3", "-5", W.format_cell("ok")]])
    w.close()
    text = p.read_text(encoding="utf-8")
    assert not S.formula_lines(text), text
    rows = out_rows(p)
    assert len(rows) == 3 and rows[1][1] == "-1234.5" and rows[2][1] == "-5"
    assert rows[1][2].startswith("'") and "\r" in rows[1][2]


@S.fuzz_settings()
@given(st.lists(st.tuples(S.hostile_text(20), st.floats(allow_nan=True, allow_infinity=True)), min_size=1,
                max_size=6), st.sampled_from([",", ";", "\t", "|"]), st.sampled_from([".", ","]), st.booleans())
def test_csv_writer_output_has_no_formula_and_every_row(tmp_path_factory, cells, sep, decimal, bom):
    p = tmp_path_factory.mktemp("w") / "out.csv"
    w = W.CsvWriter(p, ["input_row", "npv_EUR", "note"], R.InputStyle(sep=sep, decimal=decimal, bom=bom))
    w.write([[str(i + 2), W.format_cell(x, decimal), W.format_cell(t, decimal)] for i, (t, x) in enumerate(cells)])
    w.close()
    text = p.read_text(encoding="utf-8-sig")
    assert not S.formula_lines(text)
    rows = out_rows(p, sep)
    assert len(rows) == len(cells) + 1
    assert not S.formula_cells(rows)
    for r, (t, x) in zip(rows[1:], cells):
        assert r[2] in (t, "'" + t) or (r[2].startswith("'") and r[2].replace("\n'", "\n").replace("\r'", "\r")
                                         .removeprefix("'") == t), (r[2], t)
        if math.isfinite(x):
            assert float(r[1].replace(",", ".")) == x  # numbers, also negative ones, stay numbers


@S.fuzz_settings(scale=0.5)
@given(st.lists(S.hostile_text(20), min_size=1, max_size=6))
def test_xlsx_writer_output_has_no_formula_cell(tmp_path_factory, texts):
    import openpyxl

    p = tmp_path_factory.mktemp("x") / "out.xlsx"
    w = W.ExcelWriter(p, ["input_row", "npv_EUR", "note"], R.InputStyle())
    w.write([[i + 2, -1.5 * (i + 1), t] for i, t in enumerate(texts)])
    w.close()
    wb = openpyxl.load_workbook(p, read_only=True)
    rows = list(wb["results"].iter_rows(values_only=True))
    assert len(rows) == len(texts) + 1
    for r in rows[1:]:
        assert isinstance(r[1], (int, float)) and r[1] < 0
    assert not S.formula_cells(rows)
    wb2 = openpyxl.load_workbook(p)  # data types as stored: no 'f' (formula) cell
    assert all(c.data_type != "f" for row in wb2["results"].iter_rows() for c in row)


def test_download_helpers_neutralise_csv_and_xlsx():
    import openpyxl
    import pandas as pd

    df = pd.DataFrame({"case_id": ["x\r=cmd|' /C calc'!A0", " @x"], "npv_EUR": [-5.0, float("nan")]})
    text = W.csv_download_bytes(df).decode("utf-8")
    assert not S.formula_lines(text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3 and rows[1][1] == "-5" and not S.formula_cells(rows)
    wb = openpyxl.load_workbook(io.BytesIO(W.xlsx_download_bytes(df)))
    ws = wb.active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws.cell(row=2, column=2).value == -5.0
    assert not S.formula_cells(list(ws.iter_rows(values_only=True)))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_reader_keeps_a_bare_cr_in_a_cell_no_phantom_row(tmp_path, newline):
    """An unquoted bare CR (what Python's csv writer and pandas write) in a LF or CRLF file is part of the cell."""
    text = newline.join(["case_id,heat_demand_kW,T_sink_in_C,T_sink_out_C,options,note",
                         "A,1000,60,90,e_boiler,x\r=cmd|' /C calc'!A0", "B,1000,60,90,e_boiler,ok", ""])
    _, got = read_all(write(tmp_path, text.encode()))
    assert [(r.row, r.error) for r in got] == [(2, None), (3, None)]
    assert got[0].cells[-1] == "x\r=cmd|' /C calc'!A0"


def test_reader_keeps_quoted_cr_and_lf_and_counts_rows_as_a_spreadsheet(tmp_path):
    rows = [["A", "1000", "60", "90", "35", "e_boiler", "x\r=1+1"], ["B", "1000", "60", "90", "35", "e_boiler", "a\nb\r\nc"],
            ["C", "1000", "60", "90", "35", "e_boiler", "\r"]]
    for newline in ("\n", "\r\n", "\r"):
        _, got = read_all(write(tmp_path, S.csv_bytes(HEADER, rows, newline=newline)))
        assert [r.row for r in got] == [2, 3, 4], newline
        assert [r.cells[-1] for r in got] == ["x\r=1+1", "a\nb\r\nc", "\r"], newline
        assert all(r.error is None for r in got)


def test_batch_run_with_cr_and_formulas_answers_every_row_and_writes_no_formula(tmp_path):
    rows = [["x\r=cmd|' /C calc'!A0", "1000", "60", "90", "35", "e_boiler", "=HYPERLINK(\"http://evil.example\")"],
            ["B", "2.500", "60,5", "90,5", "35", "e_boiler", " @x\r-y"], ["C", "2.5", "60", "90", "35", "e_boiler", "ok"]]
    inp = write(tmp_path, S.csv_bytes(HEADER, rows, sep=";"))
    for name in ("out.csv", "out.xlsx"):
        out = tmp_path / name
        summary = run_batch(inp, out, workers=1)
        assert summary.rows_read == 3
        if name.endswith(".csv"):
            text = out.read_text(encoding="utf-8-sig")
            assert not S.formula_lines(text)
            table = out_rows(out, ";")
        else:
            import openpyxl

            table = [["" if v is None else v for v in r]
                     for r in openpyxl.load_workbook(out, read_only=True)["results"].iter_rows(values_only=True)]
        head = table[0]
        body = table[1:]
        assert not S.formula_cells(table)
        irow, status, msg = head.index("input_row"), head.index("status"), head.index("message")
        assert {int(r[irow]) for r in body} == {2, 3, 4}
        assert all(r[status] in ("ok", "infeasible", "error") for r in body)
        c_rows = [r for r in body if int(r[irow]) == 4]
        assert [r[status] for r in c_rows] == ["error"] and "heat_demand_kW" in c_rows[0][msg]
        b_rows = [r for r in body if int(r[irow]) == 3]
        assert all(r[status] != "error" for r in b_rows)


# ---------------------------------------------------------------------------------------------------------------
# xlsx input
@S.fuzz_settings(scale=0.25)
@given(S.xlsx_files(max_rows=4))
def test_generated_xlsx_files_lose_no_row(tmp_path_factory, f):
    p = write(tmp_path_factory.mktemp("xlsx"), f.data, "in.xlsx")
    _, got = read_all(p)
    expected = [r for r in f.rows if any((c.strip() if isinstance(c, str) else c is not None) for c in r)]
    assert len(got) == len(expected)
    for g in got:
        if g.error is not None:
            assert any(h in g.error for h in HEADER) or "column" in g.error, g.error
