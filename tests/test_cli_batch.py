"""``heatcalc batch`` command line: exit codes, error lines, template, summary, equality with evaluate."""
from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from heatcalc.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "sites_25.csv"
HEATCALC = Path(sys.executable).with_name("heatcalc")
#: Relative tolerance for numbers read back from CSV (written with repr: exact).
REL_TOL = 0.0


def rows_of(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","))


def one_error_line(err: str) -> str:
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"),
    ("case_id;caf\xe9\n".encode("latin-1"), "not UTF-8"),
    (b"\x00\x01\x02binary", "binary"),
    (b"just some words\n", "no column of the case schema"),
])
def test_unreadable_file_exit_2_one_error_line(tmp_path, capsys, content, fragment):
    p = tmp_path / "in.csv"
    p.write_bytes(content)
    rc = main(["batch", str(p), "-o", str(tmp_path / "o.csv")])
    out, err = capsys.readouterr()
    assert rc == 2 and out == ""
    assert fragment in one_error_line(err)
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("args, fragment", [
    (["batch", "missing.csv", "-o", "o.csv"], "does not exist"),
    (["batch", "IN", "-o", "o.xls"], "unsupported format"),
    (["batch", "IN"], "-o/--output is missing"),
    (["batch"], "INPUT is missing"),
    (["batch", "IN", "-o", "o.csv", "--engine", "spark"], "--engine"),
    (["batch", "IN", "-o", "o.csv", "--workers", "0"], "--workers"),
    (["batch", "IN", "-o", "o.csv", "--workers", "two"], "--workers"),
    (["batch", "IN", "-o", "o.csv", "--decimal", ";"], "--decimal"),
])
def test_bad_arguments_exit_2(tmp_path, capsys, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "IN").write_text("case_id,heat_demand_kW,T_sink_in_C,T_sink_out_C\nA,1,60,90\n")
    rc = main(args)
    _, err = capsys.readouterr()
    assert rc == 2
    assert fragment in one_error_line(err)


def test_bad_rows_still_exit_0_with_summary_and_json(tmp_path, capsys):
    p = tmp_path / "in.csv"
    p.write_text("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\n"
                 "A;1000;60;90;e_boiler\nB;-5;60;90;e_boiler\nC;1000;90;60;e_boiler\n;1000;60;90;e_boiler\n")
    rc = main(["batch", str(p), "-o", str(tmp_path / "o.csv"), "--workers", "1", "--json", "--no-progress"])
    out, err = capsys.readouterr()
    assert rc == 0
    summary = json.loads(out)
    assert summary["rows_read"] == 4 and summary["rows_ok"] == 1 and summary["rows_error"] == 3
    assert "rows read 4" in err and "time" in err
    rows = rows_of(tmp_path / "o.csv")
    msgs = {r["input_row"]: r["message"] for r in rows if r["status"] == "error"}
    assert "heat_demand_kW=-5" in msgs["3"] and "valid" in msgs["3"]
    assert "T_sink_out_C=60 °C must be above T_sink_in_C=90 °C" in msgs["4"]
    assert "case_id is required" in msgs["5"]


def test_template_command(tmp_path, capsys):
    rc = main(["batch", "--template", "-o", str(tmp_path / "t.xlsx")])
    assert rc == 0 and (tmp_path / "t.xlsx").exists()
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["cases", "fields"]
    fields = [r[0] for r in wb["fields"].iter_rows(min_row=2, values_only=True)]
    assert "T_sink_out_C" in fields and "grid_capacity_kW" in fields


def test_console_script_subprocess_no_traceback(tmp_path):
    p = tmp_path / "in.csv"
    p.write_bytes(b"\xff\xfe\x00\x00")
    r = subprocess.run([str(HEATCALC), "batch", str(p), "-o", str(tmp_path / "o.csv")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    one_error_line(r.stderr)


def _evaluate_cli(tmp_path: Path, case: dict) -> list[dict]:
    f = tmp_path / f"{case['case_id']}.json"
    f.write_text(json.dumps(case))
    r = subprocess.run([str(HEATCALC), "evaluate", str(f), "--json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["results"]


def _same(a: str, b) -> bool:
    if b is None or (isinstance(b, float) and not math.isfinite(b)):
        return a == ""
    if isinstance(b, bool):
        return a == ("true" if b else "false")
    if isinstance(b, (int, float)):
        return a != "" and math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=0.0)
    if isinstance(b, list):
        return a.endswith(" | ".join(b)) if b else True
    return a.lstrip("'") == str(b) or a == str(b)


@pytest.mark.slow
def test_batch_row_equals_heatcalc_evaluate(tmp_path):
    """The batch result of a row equals `heatcalc evaluate --json` of the same case (both processes)."""
    pytest.importorskip("heatcalc.evaluation.annual")
    from heatcalc.case import Case

    fields = set(Case.model_fields)
    src = list(csv.DictReader(EXAMPLE.open(encoding="utf-8")))
    pick = [r for r in src if r["case_id"] in ("dairy-02", "lime-01", "paper-01")]
    inp = tmp_path / "three.csv"
    with inp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(src[0]))
        w.writeheader()
        w.writerows(pick)
    r = subprocess.run([str(HEATCALC), "batch", str(inp), "-o", str(tmp_path / "o.csv"), "--workers", "2"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    out = rows_of(tmp_path / "o.csv")
    for rec in pick:
        case = {k: v for k, v in rec.items() if k in fields and v != ""}
        ref = _evaluate_cli(tmp_path, case)
        got = [row for row in out if row["case_id"] == rec["case_id"]]
        assert [g["option"] for g in got] == [x["option"] for x in ref]
        assert all(g["status"] != "error" for g in got), [g["message"] for g in got]
        for g, x in zip(got, ref):
            for col, val in x.items():
                if col in g:
                    assert _same(g[col], val), (rec["case_id"], x["option"], col, g[col], val)


#: Rows for the Dutch batch runs: results, an infeasible option and three input errors.
_NL_ROWS = ("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\n"
            "A;1000;60;90;e_boiler\nB;-5;60;90;e_boiler\nC;1000;90;60;e_boiler\n;1000;60;90;e_boiler\n"
            "D;2000;70;95;heat_pump,e_boiler\nE;500;60;85;heat_pump\n")


def _nl_run(tmp_path: Path, workers: int) -> tuple[bytes, list[dict]]:
    p = tmp_path / "in.csv"
    p.write_text(_NL_ROWS, encoding="utf-8")
    out = tmp_path / f"o{workers}.csv"
    r = subprocess.run([str(HEATCALC), "batch", str(p), "-o", str(out), "--workers", str(workers), "--lang", "nl",
                        "--chunk-rows", "1", "--no-progress"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "regels gelezen 6" in r.stderr  # the summary in Dutch too
    return out.read_bytes(), rows_of(out)


@pytest.mark.slow
def test_dutch_batch_with_two_workers_equals_one_worker_and_is_dutch(tmp_path):
    one, rows = _nl_run(tmp_path, 1)
    two, _ = _nl_run(tmp_path, 2)
    assert two == one  # same rows, same order, same texts, whichever worker evaluated a row
    coded = [r for r in rows if r["message_code"]]
    assert {r["status"] for r in coded} >= {"ok", "infeasible"}
    assert any(r["message"] == "gasketel" for r in coded if r["message_code"] == "baseline.gas_boiler")
    infeasible = [r["message"] for r in rows if r["status"] == "infeasible"]
    assert infeasible and all("niet opgegeven" in m for m in infeasible), infeasible
    codes = {c for r in rows for c in r["warning_codes"].split(" | ") if c}
    assert codes  # warnings carry their codes in the Dutch run


@pytest.mark.slow
def test_dutch_batch_error_cells_are_dutch(tmp_path):
    _, rows = _nl_run(tmp_path, 1)
    errors = [r for r in rows if r["status"] == "error"]
    assert len(errors) == 3
    assert all(r["message_code"] for r in errors), [r["message"] for r in errors]
    assert not any("must be" in r["message"] or "is required" in r["message"] or "is invalid" in r["message"]
                   for r in errors)
    from heatcalc.present.messages import english_fragments

    english = [f for f in english_fragments() for r in errors if f in r["message"]]
    assert not english, english
    assert any("geldig: 0 < x ≤ 10.000.000 kW" in r["message"] for r in errors)  # the valid range in Dutch too


#: Rows whose errors and notes come from the batch reader itself, before a case is validated: a repeated
#: case_id, a number that breaks the file's decimal-comma rule, a row with too few cells, a '1.000' read as 1000.
_NL_READER_ROWS = ("case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;options\nA;1000;60;90;e_boiler\n"
                   "A;1000;60;90;e_boiler\nB;1.000,5,5;60;90;e_boiler\nC;1000;60\nD;1.000;60;90;e_boiler\n")


def test_dutch_batch_reader_errors_and_notes_are_dutch_with_their_codes(tmp_path):
    """The reader's row errors and warnings are rendered in the chosen language too, and ``warning_codes``
    has one code per warning (before, the reader's warnings were added after the row was localised: English,
    and the codes one short)."""
    from heatcalc.present.messages import english_fragments

    p = tmp_path / "in.csv"
    p.write_text(_NL_READER_ROWS, encoding="utf-8")
    out = tmp_path / "o.csv"
    r = subprocess.run([str(HEATCALC), "batch", str(p), "-o", str(out), "--workers", "1", "--lang", "nl",
                        "--no-progress"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows = rows_of(out)
    by = {}
    for row in rows:
        by.setdefault(row["case_id"], []).append(row)
    assert [x["message_code"] for x in by["B"] + by["C"]] == ["input.number_not_read", "batch.row_cells"]
    assert "is niet gelezen" in by["B"][0]["message"] and "kopregel heeft 5 kolommen" in by["C"][0]["message"]
    for row in rows:
        n_warnings = len(row["warnings"].split(" | ")) if row["warnings"] else 0
        n_codes = len(row["warning_codes"].split(" | ")) if row["warning_codes"] else 0
        assert n_codes == n_warnings, (row["case_id"], row["warnings"], row["warning_codes"])
    assert all("batch.duplicate_id" in x["warning_codes"] for x in by["A"][len(by["A"]) // 2:])
    assert all("dubbele case_id 'A'" in x["warnings"] for x in by["A"][len(by["A"]) // 2:])
    assert all(x["warning_codes"].startswith("batch.number_note") for x in by["D"])
    assert all("'1.000' gelezen als 1000" in x["warnings"] for x in by["D"])
    reader = " ".join(x["message"] for x in by["B"] + by["C"]) + " ".join(x["warnings"] for x in by["A"] + by["D"])
    english = [f for f in english_fragments() if f in reader]
    assert not english, english
