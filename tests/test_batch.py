"""heatcalc.batch: reading, writing, streaming, engines, and equality with evaluate.

Most tests use a small stand-in evaluator (fast, deterministic, built on the real
Case validation) to test the I/O layer; the tests marked "real" run the library's
evaluate_record and compare with evaluate_case.
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from heatcalc import batch as B
from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError, InputError
from heatcalc.core.numbers import format_exact
from heatcalc.evaluation.annual import error_row

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "sites_25.csv"
TEMPLATE = ROOT / "data" / "examples" / "sites_template.csv"
#: Relative tolerance when comparing batch numbers with evaluate_case (CSV round trip is exact).
REL_TOL = 1e-12


# ------------------------------------------------------------------------------------------------------------------
# stand-in evaluator: real validation, fake physics
def fake_evaluate(record: dict) -> list[dict]:
    """Baseline + one row per selected option; COP from the temperatures; mvr infeasible."""
    cid = record.get("case_id")
    try:
        c = Case.from_dict(record)
    except HeatCalcError as exc:
        return [error_row(cid, str(exc))]
    rows = []
    for opt in ("baseline",) + c.selected_options:
        r = error_row(c.case_id, "")
        ok = opt != "mvr"
        r.update(option=opt, status="ok" if ok else "infeasible", message="" if ok else "mvr needs a vapour source",
                 cop=(c.T_sink_out_C or 100.0) / 30.0, P_el_kW=(c.heat_demand_kW or 1.0) / 3.0,
                 warnings=["fake warning"], fits_grid=True)
        rows.append(r)
    return rows


def boom_on_b(record: dict) -> list[dict]:
    if record.get("case_id") == "B":
        raise ZeroDivisionError("bug in the model")
    return fake_evaluate(record)


HEADER = "case_id,heat_demand_kW,T_sink_in_C,T_sink_out_C,T_source_in_C,options"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def read_out(path: Path) -> list[dict]:
    raw = path.read_bytes().decode("utf-8-sig")
    sep = ";" if raw.split("\n", 1)[0].count(";") > raw.split("\n", 1)[0].count(",") else ","
    return list(csv.DictReader(io.StringIO(raw), delimiter=sep))


def run(tmp_path, text, name="in.csv", out="out.csv", **kw):
    inp = write(tmp_path / name, text) if isinstance(text, str) else text
    kw.setdefault("workers", 1)
    kw.setdefault("evaluator", fake_evaluate)
    s = B.run_batch(inp, tmp_path / out, **kw)
    return s, tmp_path / out


# ------------------------------------------------------------------------------------------------------------------
# reading
def test_comma_and_semicolon_decimal_comma_bom_give_the_same_numbers(tmp_path):
    a = HEADER + "\nA,1000.5,60,90,35,e_boiler\nB,2000,60,90,35,e_boiler\n"
    b = ("\ufeff" + HEADER.replace(",", ";").upper().replace("_KW", "_kW ") + "\r\n"
         "A;1000,5;60;90;35;e_boiler\r\nB;2000;60;90;35;e_boiler\r\n")
    s1, o1 = run(tmp_path, a, "a.csv", "a_out.csv")
    s2, o2 = run(tmp_path, b, "b.csv", "b_out.csv")
    assert s1.rows_read == s2.rows_read == 2 and s1.rows_error == s2.rows_error == 0
    r1, r2 = read_out(o1), read_out(o2)
    assert [r["case_id"] for r in r1] == [r["case_id"] for r in r2] == ["A", "A", "B", "B"]
    for x, y in zip(r1, r2):
        assert float(x["P_el_kW"]) == float(y["P_el_kW"].replace(",", "."))
    assert r1[0]["P_el_kW"] == repr(1000.5 / 3.0)


def test_output_mirrors_dutch_excel_style_and_can_be_overridden(tmp_path):
    text = "\ufeffcase_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\r\nA;1000,5;60;90;e_boiler\r\n"
    _, out = run(tmp_path, text)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    first = raw.decode("utf-8-sig").splitlines()
    assert first[0].startswith("input_row;case_id;option;status")
    assert ";333,5;" in first[1]
    _, out2 = run(tmp_path, text, out="std.csv", sep=",", decimal=".")
    assert ",333.5," in out2.read_text(encoding="utf-8-sig").splitlines()[1]


def test_headers_case_insensitive_with_spaces_and_units(tmp_path):
    text = " CASE_ID , Heat_Demand_kW [kW],t_sink_in_c ,T_SINK_OUT_C (°C),Options\nA,100,60,90,e_boiler\n"
    s, out = run(tmp_path, text)
    assert s.rows_ok == 1
    assert {r["option"] for r in read_out(out)} == {"baseline", "e_boiler"}


def test_unknown_columns_pass_through_and_collisions_are_renamed(tmp_path):
    text = "region,case_id,heat_demand_kW,T_sink_in_C,T_sink_out_C,options,status,member name\n" \
           "Noord,A,100,60,90,e_boiler;hybrid_boiler,active,Zuivel BV\n"
    _, out = run(tmp_path, text)
    rows = read_out(out)
    assert len(rows) == 3
    for r in rows:
        assert r["region"] == "Noord" and r["input_status"] == "active" and r["member name"] == "Zuivel BV"
        assert r["status"] == "ok"
    header = out.read_text().splitlines()[0].split(",")
    assert header[0] == "input_row" and header[-3:] == ["region", "input_status", "member name"]


def test_every_row_accounted_for_blank_lines_skipped(tmp_path):
    text = HEADER + "\n\nA,100,60,90,35,e_boiler\n,,,,,\n   \nB,abc,60,90,35,e_boiler\n\n"
    s, out = run(tmp_path, text)
    assert (s.rows_read, s.rows_ok, s.rows_error, s.blank_rows) == (2, 1, 1, 4)
    rows = read_out(out)
    assert {r["input_row"] for r in rows} == {"3", "6"}
    err = [r for r in rows if r["status"] == "error"]
    assert len(err) == 1 and err[0]["case_id"] == "B"
    assert "heat_demand_kW" in err[0]["message"] and "abc" in err[0]["message"] and "valid" in err[0]["message"]


def test_wrong_cell_count_is_an_error_row_and_a_mixed_delimiter_row_is_rescued(tmp_path):
    text = ("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\n"
            "A;100;60;90;e_boiler\n"
            "B,200,60,90,e_boiler\n"          # comma row in a semicolon file
            "C;300;60\n"                       # too few cells
            "D;400;60;90;e_boiler;x;y\n")      # too many
    s, out = run(tmp_path, text)
    rows = {r["case_id"]: r for r in read_out(out) if r["option"] in ("", "baseline")}
    assert rows["A"]["status"] == rows["B"]["status"] == "ok"
    assert "separated by ','" in rows["B"]["warnings"]
    assert rows["C"]["status"] == rows["D"]["status"] == "error"
    assert "3 cells but the header has 5 columns" in rows["C"]["message"]
    assert "7 cells" in rows["D"]["message"]
    assert s.rows_read == 4


def test_unclosed_quote_is_reported_not_swallowed_silently(tmp_path):
    text = HEADER + '\nA,100,60,90,35,e_boiler\n"B,200,60,90,35,e_boiler\nC,300,60,90,35,e_boiler\n'
    s, out = run(tmp_path, text)
    err = [r for r in read_out(out) if r["status"] == "error"]
    assert len(err) == 1 and "not closed" in err[0]["message"] and "lines 3-4" in err[0]["message"]


def test_duplicate_case_ids_are_evaluated_with_a_warning(tmp_path):
    s, out = run(tmp_path, HEADER + "\nA,100,60,90,35,e_boiler\nA,200,60,90,35,e_boiler\n")
    assert s.duplicate_ids == 1 and s.rows_ok == 2
    rows = read_out(out)
    second = [r for r in rows if r["input_row"] == "3"]
    assert all("duplicate case_id 'A' (first on row 2)" in r["warnings"] for r in second)


def test_invalid_utf8_later_in_the_file_is_a_row_error(tmp_path):
    body = HEADER + "\n" + "".join(f"R{i},100,60,90,35,e_boiler\n" for i in range(3000))
    raw = body.encode() + "X\xe9,100,60,90,35,e_boiler\n".encode("latin-1")
    p = tmp_path / "late.csv"
    p.write_bytes(raw)
    s, out = run(tmp_path, p)
    assert s.rows_read == 3001 and s.rows_error == 1
    last = read_out(out)[-1]
    assert last["status"] == "error" and "not UTF-8" in last["message"]


@pytest.mark.parametrize("content, fragment", [
    (b"", "is empty"),
    ("case_id;caf\xe9\n1;2\n".encode("latin-1"), "not UTF-8"),
    ("case_id,x\n".encode("utf-16"), "UTF-16"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    (b"\n\n\n", "no header row"),
    (b"hello world\nthis is not a case table\n", "no column of the case schema"),
    (b"case_id,T_sink_out_C,t_sink_out_c\nA,1,2\n", "appears twice"),
    (b"PK\x03\x04garbage", "not a readable Excel workbook"),
    (b"PAR1garbage", "not a readable Parquet file"),
])
def test_unreadable_files_raise_input_error_and_leave_no_output(tmp_path, content, fragment):
    p = tmp_path / "bad.csv"
    p.write_bytes(content)
    with pytest.raises(InputError, match=fragment.replace(".", r"\.").replace("(", r"\(")):
        B.run_batch(p, tmp_path / "o.csv", workers=1, evaluator=fake_evaluate)
    assert not (tmp_path / "o.csv").exists() and not (tmp_path / "o.csv.part").exists()


def test_header_only_file_gives_an_empty_result_table(tmp_path):
    s, out = run(tmp_path, HEADER + "\n")
    assert s.rows_read == 0
    assert out.read_text().splitlines()[0].startswith("input_row,case_id,option,status,message")


def test_excel_sep_hint_line(tmp_path):
    s, out = run(tmp_path, "sep=;\ncase_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\nA;5;60;90;e_boiler\n")
    assert s.rows_ok == 1 and read_out(out)[0]["input_row"] == "3"


@pytest.mark.parametrize("bad", ["out.xls", "out", "out.json"])
def test_bad_output_names(tmp_path, bad):
    write(tmp_path / "in.csv", HEADER + "\nA,100,60,90,35,e_boiler\n")
    with pytest.raises(InputError, match="unsupported format"):
        B.run_batch(tmp_path / "in.csv", tmp_path / bad, workers=1, evaluator=fake_evaluate)


def test_output_equal_to_input_or_missing_folder_is_refused(tmp_path):
    p = write(tmp_path / "in.csv", HEADER + "\nA,100,60,90,35,e_boiler\n")
    with pytest.raises(InputError, match="is the input file"):
        B.run_batch(p, p, workers=1, evaluator=fake_evaluate)
    with pytest.raises(InputError, match="does not exist"):
        B.run_batch(p, tmp_path / "nope" / "o.csv", workers=1, evaluator=fake_evaluate)


# ------------------------------------------------------------------------------------------------------------------
# formula injection
@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+31 20 123", "'+31 20 123"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("-5", "-5"), ("+3,5", "+3,5"), ("-1.5e3", "-1.5e3"), ("plain", "plain"), ("", ""),
])
def test_neutralise(text, expected):
    assert B.neutralise(text) == expected


def test_formula_injection_neutralised_in_csv_and_xlsx(tmp_path):
    import openpyxl

    text = "case_id,heat_demand_kW,T_sink_in_C,T_sink_out_C,options,note\n" \
           "=cmd|' /C calc'!A0,100,60,90,e_boiler,@SUM(1+1)\n" \
           "-2+3,100,60,90,e_boiler,+31 20 1234567\n"
    _, out = run(tmp_path, text)
    rows = read_out(out)
    assert rows[0]["case_id"].startswith("'=") and rows[0]["note"] == "'@SUM(1+1)"
    assert rows[-1]["case_id"] == "'-2+3" and rows[-1]["note"] == "'+31 20 1234567"
    # negative numbers stay numbers
    assert all(not r["input_row"].startswith("'") for r in rows)
    _, xo = run(tmp_path, text, out="o.xlsx")
    wb = openpyxl.load_workbook(xo)
    ws = wb["results"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value
    values = [c.value for c in next(ws.iter_rows(min_row=2, max_row=2))]
    assert "'=cmd|' /C calc'!A0" in values and "'@SUM(1+1)" in values


# ------------------------------------------------------------------------------------------------------------------
# formats
def test_xlsx_input_formula_without_saved_value_is_an_error_row(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "notes"
    ws.append(["just", "notes"])
    ws2 = wb.create_sheet("cases")
    ws2.append(["Case_ID ", "heat_demand_kW", "T_sink_in_C", "T_sink_out_C", "options", "region"])
    ws2.append(["A", 1000.5, 60, 90, "e_boiler", "Noord"])
    ws2.append([None, None, None, None, None, None])
    ws2.append(["B", "=B2*2", 60, 90, "e_boiler", "Zuid"])  # openpyxl stores no cached value
    p = tmp_path / "in.xlsx"
    wb.save(p)
    s, out = run(tmp_path, p)
    assert (s.rows_read, s.rows_ok, s.rows_error, s.blank_rows) == (2, 1, 1, 1)
    rows = read_out(out)
    assert rows[0]["region"] == "Noord" and rows[0]["input_row"] == "2"
    err = rows[-1]
    assert err["input_row"] == "4" and "formula without a saved value" in err["message"]


def test_parquet_round_trip_and_types(tmp_path):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = pa.table({"case_id": ["A", "B"], "heat_demand_kW": [1000.5, float("nan")], "T_sink_in_C": [60, 60],
                  "T_sink_out_C": [90.0, 90.0], "options": ["e_boiler", "e_boiler"], "n_staff": [12, 40]})
    pq.write_table(t, tmp_path / "in.parquet")
    s, out = run(tmp_path, tmp_path / "in.parquet", out="out.parquet")
    assert s.rows_ok == 1 and s.rows_error == 1
    df = pd.read_parquet(out)
    assert df["n_staff"].tolist() == [12, 12, 40]
    assert str(df["P_el_kW"].dtype) == "float64" and df["P_el_kW"].iloc[0] == 1000.5 / 3
    assert df["status"].tolist() == ["ok", "ok", "error"]
    assert "heat_demand_kW is required" in df["message"].iloc[2]
    assert df["cop"].isna().iloc[2]
    # a boolean column; the error row has no grid fit (empty), the others true/false
    assert pq.read_schema(out).field("fits_grid").type == pa.bool_()
    assert df["fits_grid"].tolist()[:2] == [True, True] and df["fits_grid"].iloc[2] is None


def test_xlsx_output_continues_on_a_new_sheet_past_the_row_limit(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr(B.writers, "EXCEL_MAX_ROWS", 5)
    body = HEADER + "\n" + "".join(f"R{i},100,60,90,35,e_boiler\n" for i in range(5))
    s, out = run(tmp_path, body, out="o.xlsx")
    wb = openpyxl.load_workbook(out)
    sheets = [n for n in wb.sheetnames if n.startswith("results")]
    assert len(sheets) == 3 and "summary" in wb.sheetnames
    n = sum(wb[n].max_row - 1 for n in sheets)
    assert n == 10  # 5 cases × (baseline + e_boiler)


def test_number_format_round_trips():
    for x in (0.1, 1 / 3, 1e-300, 123456789.125, -2.5e17, 5e-324, 1e15, 100.0):
        for dec in (".", ","):
            s = format_exact(x, dec)
            assert float(s.replace(",", ".")) == x
    assert format_exact(float("nan")) == format_exact(float("inf")) == ""
    assert B.format_cell(True) == "true" and B.format_cell(["a", "b"]) == "a | b"


# ------------------------------------------------------------------------------------------------------------------
# streaming, engines, faults
def test_streaming_writes_while_reading_with_bounded_chunks_in_flight(tmp_path):
    events = []

    def ev(record):
        events.append(("eval", int(record["case_id"][1:])))
        return fake_evaluate(record)

    def progress(done, total):
        events.append(("done", done))

    n, chunk = 300, 10
    body = HEADER + "\n" + "".join(f"R{i},100,60,90,35,e_boiler\n" for i in range(n))
    s, out = run(tmp_path, body, evaluator=ev, chunk_rows=chunk, progress=progress)
    assert s.rows_read == n
    done = 0
    window = (B.IN_FLIGHT_PER_WORKER + 1) * chunk
    for kind, v in events:
        if kind == "done":
            assert v >= done
            done = v
        else:
            assert v - done <= window, (v, done)  # never more than a few chunks ahead of what is written
    assert done == n
    ids = [r["case_id"] for r in read_out(out) if r["option"] == "baseline"]
    assert ids == [f"R{i}" for i in range(n)]  # input order kept


def test_an_unexpected_fault_in_one_row_does_not_stop_the_batch(tmp_path):
    s, out = run(tmp_path, HEADER + "\nA,1,60,90,35,e_boiler\nB,1,60,90,35,e_boiler\nC,1,60,90,35,e_boiler\n",
                 evaluator=boom_on_b)
    assert (s.rows_ok, s.rows_error, s.internal_errors) == (2, 1, 1)
    err = [r for r in read_out(out) if r["status"] == "error"]
    assert err[0]["case_id"] == "B" and "internal error (please report): ZeroDivisionError" in err[0]["message"]


def _table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_process_pool_gives_the_same_file_as_inline(tmp_path):
    body = HEADER + "\n" + "".join(f"R{i},{100 + i},60,{70 + i % 50},35,all\n" for i in range(120)) + "X,a,b,c,d,e\n"
    _, o1 = run(tmp_path, body, out="inline.csv")
    s, o2 = run(tmp_path, body, out="pool.csv", workers=2, chunk_rows=7, mp_context="fork")
    assert s.workers == 2
    assert _table(o1) == _table(o2)


def test_dask_local_cluster_gives_the_same_file_as_local(tmp_path):
    pytest.importorskip("distributed")
    body = HEADER + "\n" + "".join(f"R{i},{100 + i},60,{70 + i % 50},35,all\n" for i in range(40)) + "X,a,b,c,d,e\n"
    _, o1 = run(tmp_path, body, out="local.csv")
    s, o2 = run(tmp_path, body, out="dask.csv", engine="dask", workers=1, chunk_rows=6,
                cluster_kwargs=dict(processes=False, n_workers=1, threads_per_worker=1))
    assert s.engine == "dask"
    assert _table(o1) == _table(o2)


def test_dask_unreachable_scheduler_is_an_input_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(B.engines, "DASK_CONNECT_TIMEOUT_S", 2.0)
    p = write(tmp_path / "in.csv", HEADER + "\nA,1,60,90,35,e_boiler\n")
    with pytest.raises(InputError, match="cannot connect"):
        B.run_batch(p, tmp_path / "o.csv", engine="dask", scheduler="tcp://127.0.0.1:9", evaluator=fake_evaluate)
    assert not (tmp_path / "o.csv").exists()


# ------------------------------------------------------------------------------------------------------------------
# template and example
def test_template_has_every_case_field_and_reads_back(tmp_path):
    for name in ("t.csv", "t.xlsx", "t.parquet"):
        p = B.write_template(tmp_path / name)
        s, _ = run(tmp_path, p, out=name + ".out.csv")
        assert s.rows_read == len(B.TEMPLATE_EXAMPLES) and s.rows_error == 0
    header = (tmp_path / "t.csv").read_text().splitlines()[0].split(",")
    assert header == list(Case.model_fields)


def test_committed_template_is_current(tmp_path):
    p = B.write_template(tmp_path / "t.csv")
    assert TEMPLATE.read_text() == p.read_text(), "regenerate: heatcalc batch --template -o " + str(TEMPLATE)


def test_example_file_has_25_valid_rows_across_sectors():
    rows = list(csv.DictReader(EXAMPLE.open(encoding="utf-8-sig")))
    assert len(rows) == 25
    assert {r["sector"] for r in rows} >= {"sugar", "dairy", "paper", "glass", "lime", "chemicals", "food"}
    assert len({r["case_id"] for r in rows}) == 25
    fields = set(Case.model_fields)
    for r in rows:
        assert r["basis"].strip(), r["case_id"]
        Case.from_dict({k: v for k, v in r.items() if k in fields})


def test_router_keeps_a_design_key_on_one_worker_until_it_is_overloaded():
    r = B.Router(2, slack=10)
    k1, k2 = ("heat", "water", "60", "90"), ("heat", "water", "60", "95")
    first = r.route(k1)
    other = r.route(k2)
    assert other != first  # new keys go to the least loaded worker
    for _ in range(10):
        assert r.route(k1) == first  # same key, same worker, within the slack
    r.route(k1)
    spill = r.route(k1)
    assert spill == other  # more than `slack` rows ahead: the key is shared
    r.done(first, 12)
    assert r.route(None) == first  # rows without a design go to the least loaded worker


# ------------------------------------------------------------------------------------------------------------------
# the real evaluator
def _frame_equal(batch_rows, ref_frame, case_id):
    import pandas as pd

    assert [r["option"] for r in batch_rows] == ref_frame["option"].tolist(), case_id
    for r, (_, ref) in zip(batch_rows, ref_frame.iterrows()):
        for col, want in ref.items():
            got = r[col]
            if isinstance(want, float) and math.isnan(want):
                assert got is None or (isinstance(got, float) and math.isnan(got)), (case_id, r["option"], col, got)
            elif isinstance(want, (bool,)) or col in ("fits_grid", "best"):
                assert bool(got) == bool(want), (case_id, r["option"], col, got, want)
            elif isinstance(want, float):
                assert got == want, (case_id, r["option"], col, got, want)  # exact: same code, same inputs
            elif want is None or (not isinstance(want, str) and pd.isna(want)):
                assert got is None or got == "" or (isinstance(got, float) and math.isnan(got)), (
                    case_id, r["option"], col, got)
            else:
                assert str(got) == str(want), (case_id, r["option"], col, got, want)


def test_batch_equals_evaluate_case_for_every_example_site(tmp_path):
    """Every row of the 25-site example through batch (Parquet out) equals evaluate_case(...).to_frame()."""
    import pandas as pd

    from heatcalc.evaluation.annual import evaluate_case

    s = B.run_batch(EXAMPLE, tmp_path / "o.parquet", workers=1)
    assert (s.rows_read, s.rows_error) == (25, 0)
    out = pd.read_parquet(tmp_path / "o.parquet")
    assert out["sector"].notna().all() and out["basis"].notna().all()  # pass-through columns
    fields = set(Case.model_fields)
    for rec in csv.DictReader(EXAMPLE.open(encoding="utf-8")):
        ref = evaluate_case({k: v for k, v in rec.items() if k in fields}).to_frame()
        mine = out[out["case_id"] == rec["case_id"]].to_dict("records")
        _frame_equal(mine, ref, rec["case_id"])


def test_physically_impossible_options_are_infeasible_with_the_reason(tmp_path):
    text = ("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;T_source_in_C;sink_medium;refrigerant;options\n"
            "crit;1000;120;150;60;water;R134a;heat_pump\n"           # above R134a's critical point
            "unknown-fluid;1000;60;90;40;water;R999;heat_pump\n"
            "source-hotter;1000;60;90;95;water;auto;heat_pump\n"
            "too-hot-eboiler;1000;300;450;;thermal_oil;auto;e_boiler\n"
            "bad-option;1000;60;90;40;water;auto;\"heat_pump;bogus\"\n"
            "split-options;1000;60;90;40;water;auto;heat_pump;e_boiler\n")
    s, out = run(tmp_path, text, evaluator=None)
    assert s.internal_errors == 0
    rows = {(r["case_id"], r["option"]): r for r in read_out(out)}
    assert rows[("crit", "heat_pump")]["status"] == "infeasible"
    assert "critical temperature" in rows[("crit", "heat_pump")]["message"]
    assert "R999" in rows[("unknown-fluid", "heat_pump")]["message"]
    assert rows[("source-hotter", "heat_pump")]["status"] == "infeasible"
    assert "350 °C" in rows[("too-hot-eboiler", "e_boiler")]["message"]
    err = rows[("bad-option", "")]
    assert err["status"] == "error" and "bogus" in err["message"] and "valid" in err["message"]
    assert all(r["status"] == "ok" for (cid, opt), r in rows.items() if opt == "baseline")
    split = rows[("split-options", "e_boiler")]  # unquoted 'heat_pump;e_boiler' in a ';' file: read as one list
    assert split["status"] == "ok" and "split by the file's separator" in split["warnings"]
    assert ("split-options", "heat_pump") in rows


def test_default_local_pool_with_the_real_evaluator_equals_inline(tmp_path):
    """The default start method (forkserver) and the real library in worker processes."""
    inline = B.run_batch(EXAMPLE, tmp_path / "a.csv", workers=1)
    pool = B.run_batch(EXAMPLE, tmp_path / "b.csv", workers=2, chunk_rows=4)
    assert inline.rows_read == pool.rows_read == 25
    assert _table(tmp_path / "a.csv") == _table(tmp_path / "b.csv")


def crash_on_x(record: dict) -> list[dict]:
    if record.get("case_id") == "X":
        import os

        os._exit(3)  # like a crash in native code: the worker process dies
    return fake_evaluate(record)


def test_a_row_that_kills_its_worker_process_is_isolated(tmp_path):
    body = HEADER + "\n" + "".join(f"R{i},100,60,90,35,e_boiler\n" for i in range(30)) + \
        "X,100,60,90,35,e_boiler\n" + "".join(f"S{i},100,60,90,35,e_boiler\n" for i in range(30))
    s, out = run(tmp_path, body, workers=2, chunk_rows=8, mp_context="fork", evaluator=crash_on_x)
    assert (s.rows_read, s.rows_ok, s.rows_error, s.internal_errors) == (61, 60, 1, 1)
    rows = read_out(out)
    x = [r for r in rows if r["case_id"] == "X"]
    assert len(x) == 1 and x[0]["status"] == "error" and "stopped its worker process" in x[0]["message"]
    assert [r["case_id"] for r in rows if r["option"] == "baseline"] == \
        [f"R{i}" for i in range(30)] + [f"S{i}" for i in range(30)]


def test_open_table_reports_the_input_style_the_output_will_use(tmp_path):
    """The app reads the output back with reader.style: it must match what run_batch writes."""
    p = write(tmp_path / "nl.csv", "\ufeffcase_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\n"
                                  "A;1000,5;60;90;e_boiler\n\nB;2,5;60;90;e_boiler\n")
    reader = B.open_table(p)
    try:
        assert (reader.style.sep, reader.style.decimal, reader.style.bom) == (";", ",", True)
        rows = list(reader.rows())
        assert [r.row for r in rows] == [2, 4] and reader.blank_rows == 1
    finally:
        reader.close()


def test_excel_writer_takes_values_from_a_pandas_frame(tmp_path):
    import numpy as np
    import openpyxl
    import pandas as pd

    df = pd.DataFrame({"a": pd.array(["=x", None], dtype="string"), "b": [np.int64(3), np.int64(4)],
                       "c": [np.float64("nan"), np.float64(1.5)], "d": [np.bool_(True), np.bool_(False)]})
    w = B.ExcelWriter(tmp_path / "x.xlsx", list(df.columns), B.InputStyle())
    w.write([list(r) for r in df.itertuples(index=False, name=None)])
    w.close()
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["results"]
    assert [list(r) for r in ws.iter_rows(min_row=2, values_only=True)] == [["'=x", 3, None, True],
                                                                             [None, 4, 1.5, False]]


def test_dryer_without_sink_temperature_is_infeasible_not_an_internal_error(tmp_path):
    """Found by the benchmark's generated rows (a TypeError in the design once); must stay a clear answer."""
    s, out = run(tmp_path, "case_id,process,heat_demand_kW,T_source_in_C,options\nD,dryer,1000,60,heat_pump\n",
                 evaluator=None)
    assert s.rows_read == 1
    assert s.internal_errors == 0, [r["message"] for r in read_out(out)]


def test_interrupt_keeps_the_rows_done_so_far(tmp_path):
    def stop_at_r150(record):
        if record.get("case_id") == "R150":
            raise KeyboardInterrupt
        return fake_evaluate(record)

    body = HEADER + "\n" + "".join(f"R{i},100,60,90,35,e_boiler\n" for i in range(300))
    p = write(tmp_path / "in.csv", body)
    with pytest.raises(KeyboardInterrupt):
        B.run_batch(p, tmp_path / "o.csv", workers=1, chunk_rows=10, evaluator=stop_at_r150)
    assert not (tmp_path / "o.csv").exists()
    done = read_out(tmp_path / "o.csv.part")
    assert 0 < len(done) and int(done[-1]["case_id"][1:]) < 150 and done[0]["case_id"] == "R0"
