"""Fuzzing run of ``heatcalc batch``: at least 10,000 mixed hostile rows (prints counts, asserts nothing).

Rows are a fast valid case (electric boiler; 3 % with every option, so that the heat-pump designs run too) with
0-3 fields replaced by hostile cells — out of range, wrong type (``12 kW``, ``0x10``, ``½``), NaN/inf and
400-digit numbers, hostile unicode (zero-width, right-to-left, full-width digits), locale numbers (``1.234,5``,
``2.500``, ``2,5``), formula strings and text with CR, LF, quotes and separators — and now and then a field
left empty. They go through the batch in three files: a decimal-point CSV, a decimal-comma CSV with ``;``,
BOM and CRLF, and an .xlsx workbook. The generator is seeded: the same command prints the same inputs.

Printed counts (docs/batch.md, "Rules for bad input"; README "Reliability"):

* ``inputs tried``   data rows written to the input files;
* ``crashes``        whole-file failures that are no input error, and rows answered "internal error";
* ``rows lost``      input rows with no output row, plus output rows of no input row;
* ``bad messages``   error rows whose message does not name a field it is about with its value and (for a
                     number) its unit or valid range, or holds a traceback;
* ``formula cells``  output lines or cells a spreadsheet would run as a formula.

Run::

    .venv/bin/python benchmarks/fuzz_batch.py                  # 10,000 rows, seed 17
    .venv/bin/python benchmarks/fuzz_batch.py --rows 2000 --seed 3 --workers 1
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heatcalc.batch.run import run_batch  # noqa: E402
from heatcalc.core.errors import InputError  # noqa: E402
from heatcalc.core.numbers import normalise_number  # noqa: E402
from tests.fuzz import strategies as S  # noqa: E402

#: Columns of the input files: the fast case plus fields with each kind of rule, and a pass-through column.
COLUMNS = ["case_id", "process", "heat_demand_kW", "T_sink_in_C", "T_sink_out_C", "T_source_in_C", "options",
           "operating_hours_per_yr", "electrified_share", "source_heat_kW", "eta_is", "price_gas_EUR_per_MWh",
           "grid_operator", "refrigerant", "note"]
FAST = dict(S.FAST_CASE, note="")
#: Share of rows that evaluate every option (heat pumps included) instead of the electric boiler.
ALL_OPTIONS_SHARE = 0.03
LOCALE = ["1.234,5", "2.500", "2,5", "12.000", "1,234.5", "1.234.567", "1 234,5", "0,5", "5,0e3", "1.2.3", "1,2,3"]
TEXT = ["x\r=cmd|' /C calc'!A0", "a\nb", 'say "hi"', "a;b", "a,b", "[clickme](http://evil.example)", "\ufeffid",
        "\u202eevil", "🔥", "   ", "\t=1+1", "@SUM(A1)", "-2+3", "+1", "'=q"]


def hostile_value(rnd: random.Random, field: str) -> str:
    """One hostile cell for ``field``."""
    pools = [S.WRONG_TYPE, S.NON_FINITE, S.UNICODE, LOCALE, S.FORMULAS, TEXT]
    if field in S.NUMERIC_FIELDS:
        m = S.FIELD_META[field]
        edges = [b for b in (m["min"], m["max"]) if b is not None]
        pools.append([S._num_text(b + d) for b in edges for d in (-1, 1, -1e-9, 1e-9, -1e6, 1e6)] or ["-1"])
    if field in S._CHOICES:
        pools.append([v.upper() for v in S._CHOICES[field]] + ["", "heat_pmp", "R9999"])
    return rnd.choice(rnd.choice(pools))


def make_rows(rnd: random.Random, n: int) -> list[tuple[list[str], dict[str, str]]]:
    """``n`` rows of :data:`COLUMNS` and, per row, the fields made hostile or empty (field -> cell)."""
    rows = []
    for i in range(n):
        row = dict(FAST, case_id=f"r{i}")
        if rnd.random() < ALL_OPTIONS_SHARE:
            row["options"] = "all"
        changed: dict[str, str] = {}
        for f in rnd.sample(COLUMNS, rnd.randint(0, 3)):
            row[f] = changed[f] = "" if rnd.random() < 0.1 else hostile_value(rnd, f)
        if not row["case_id"].strip():
            row["case_id"] = f"r{i}"  # a row is never blank: every input row must come back
        rows.append(([row.get(c, "") for c in COLUMNS], changed))
    return rows


def _comma(cells: list[str], changed: dict[str, str]) -> list[str]:
    """The valid numbers of a row in the decimal-comma convention (hostile cells as drawn)."""
    out = []
    for c, v in zip(COLUMNS, cells):
        out.append(v.replace(".", ",") if c not in changed and c in S.NUMERIC_FIELDS else v)
    return out


def write_inputs(folder: Path, rows) -> list[tuple[Path, list]]:
    """Three input files sharing the rows: CSV with '.', CSV with ',' (';', BOM, CRLF), xlsx."""
    a, b = len(rows) * 2 // 5, len(rows) * 4 // 5
    parts = [(folder / "point.csv", rows[:a]), (folder / "comma.csv", rows[a:b]), (folder / "book.xlsx", rows[b:])]
    for path, part in parts:
        if path.suffix == ".xlsx":
            path.write_bytes(S.xlsx_bytes(COLUMNS, [cells for cells, _ in part]))
        elif path.name == "comma.csv":
            path.write_bytes(S.csv_bytes(COLUMNS, [_comma(cells, ch) for cells, ch in part], sep=";", bom=True,
                                         newline="\r\n"))
        else:
            path.write_bytes(S.csv_bytes(COLUMNS, [cells for cells, _ in part], sep=","))
    return parts


def _forms(v: str, decimal: str, xlsx: bool) -> list[str | None]:
    """The value as written, as an XML workbook keeps it (CR read back as LF), and as the reader read it with
    either decimal mark (the reader decides the mark on the first rows; a message may quote the value as read)."""
    if not v.strip():
        return [None]
    out = [v, v.replace("\r\n", "\n").replace("\r", "\n")] if xlsx else [v]
    for mark in (decimal, "." if decimal == "," else ",", None):  # the mark the reader decided on the first rows
        try:
            out.append(S._num_text(float(normalise_number(v, mark)[0])))
        except (ValueError, OverflowError):
            pass
    return out


def _explained(msg: str, cells: list[str], changed: dict[str, str], decimal: str = ".", xlsx: bool = False) -> bool:
    for f in list(changed) + [c for c in COLUMNS if c not in changed]:
        v = changed.get(f, cells[COLUMNS.index(f)])
        if f.lower() in msg.lower() and any(S.message_problem(msg, f, x) is None for x in _forms(v, decimal, xlsx)):
            return True
    return any(w in msg for w in ("cell", "UTF-8", "row has", "header")) or any(
        f in msg for f in S.FIELDS if f not in COLUMNS)  # a cross-field rule naming a field not in the file


def check(out: Path, part, decimal: str = ".", xlsx: bool = False) -> dict[str, int]:
    text = out.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",")
                               else ","))
    expected = set(range(2, len(part) + 2))
    got = {int(r["input_row"]) for r in rows}
    counts = {"rows lost": len(expected - got) + len(got - expected), "crashes": 0, "bad messages": 0,
              "formula cells": len(S.formula_lines(text))}
    for r in rows:
        msg = r.get("message") or ""
        if "internal error" in msg or "Traceback" in msg:
            counts["crashes"] += 1
        if r["status"] == "error":
            cells, changed = part[int(r["input_row"]) - 2]
            if not _explained(msg, cells, changed, decimal, xlsx):
                counts["bad messages"] += 1
                if counts["bad messages"] <= 5:
                    print(f"  bad message (row {r['input_row']}, changed {changed!r}): {msg[:200]}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    rnd = random.Random(a.seed)
    rows = make_rows(rnd, a.rows)
    total = {"inputs tried": len(rows), "crashes": 0, "rows lost": 0, "bad messages": 0, "formula cells": 0}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="heatcalc_fuzz_batch_") as tmp:
        for path, part in write_inputs(Path(tmp), rows):
            out = Path(tmp) / f"{path.stem}_out.csv"
            try:
                s = run_batch(path, out, workers=a.workers)
            except InputError as exc:  # a whole file refused: every row of it is lost
                print(f"  {path.name}: refused: {exc}")
                total["rows lost"] += len(part)
                continue
            except Exception as exc:  # noqa: BLE001 - a crash is what this run counts
                print(f"  {path.name}: crash: {type(exc).__name__}: {exc}")
                total["crashes"] += 1
                total["rows lost"] += len(part)
                continue
            total["crashes"] += s.internal_errors
            c = check(out, part, "," if path.name == "comma.csv" else ".", path.suffix == ".xlsx")
            c["crashes"] = max(c["crashes"], 0)
            for k, v in c.items():
                total[k] += v
            print(f"  {path.name}: {len(part):,} rows, {s.rows_ok:,} ok, {s.rows_error:,} error, "
                  f"{s.seconds:.1f} s")
    secs = time.perf_counter() - t0
    print(f"fuzz_batch (seed {a.seed}, {a.workers} workers, {secs:.0f} s): "
          + ", ".join(f"{k} {v:,}" for k, v in total.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
