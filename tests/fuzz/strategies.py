"""Hypothesis strategies and checks shared by the fuzz tests (files, CLI, app) and ``benchmarks/fuzz_batch.py``.

Strategies
----------
* :func:`field_values` — one value for a case field: valid, out of range, wrong type, missing, unicode, huge,
  NaN/inf, locale number formats (``1.234,5``, ``2.500``, non-breaking spaces).
* :func:`case_rows` — a case as a mapping of text cells (some fields missing, some hostile).
* :func:`hostile_text`, :func:`formula_strings` — text with CR, LF, quotes, separators, formula starts.
* :func:`locale_numbers` — ``(text, decimal mark of the file, value it must read as or None = must be rejected)``.
* :func:`csv_files`, :func:`xlsx_files` — whole input files (delimiters, decimal marks, BOM, line ends, quoted
  newlines and bare CRs, formula strings) with the cells they hold.

Checks
------
* :func:`live_formula` / :func:`formula_cells` / :func:`formula_lines` — output cells or physical lines that a
  spreadsheet program would run as a formula.
* :func:`message_problem` — why an error message does not name field and value (``None`` when it does).

Profiles: :func:`fuzz_settings` gives the settings of the profile chosen by ``HEATCALC_FUZZ_PROFILE`` (``ci``, the
default, or ``thorough``); see ``tests/fuzz/conftest.py``.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from heatcalc.case import Case, field_meta

# ---------------------------------------------------------------------------------------------------------------
# profiles
#: Examples per test in the two profiles (a test may ask for a share of them with ``fuzz_settings(scale=...)``).
PROFILE_EXAMPLES = {"ci": 40, "thorough": 1000}


def register_profiles() -> None:
    """Register ``fuzz-ci`` and ``fuzz-thorough`` (idempotent)."""
    for name, n in PROFILE_EXAMPLES.items():
        settings.register_profile(
            # ci draws the same examples every run (make test never fails by chance); thorough draws new ones
            f"fuzz-{name}", max_examples=n, deadline=None, print_blob=True, derandomize=(name == "ci"),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                   HealthCheck.data_too_large, HealthCheck.filter_too_much])


def profile_name() -> str:
    """``ci`` or ``thorough`` from ``HEATCALC_FUZZ_PROFILE`` (anything else: ``ci``)."""
    name = os.environ.get("HEATCALC_FUZZ_PROFILE", "ci").strip().lower().removeprefix("fuzz-")
    return name if name in PROFILE_EXAMPLES else "ci"


def fuzz_settings(scale: float = 1.0, **overrides: Any) -> settings:
    """Settings of the selected fuzz profile; ``scale`` multiplies its number of examples (at least 1)."""
    register_profiles()
    base = settings.get_profile(f"fuzz-{profile_name()}")
    n = max(1, int(round(base.max_examples * scale)))
    return settings(base, max_examples=overrides.pop("max_examples", n), **overrides)


# ---------------------------------------------------------------------------------------------------------------
# the case schema
FIELDS: list[str] = list(Case.model_fields)
#: Fields whose value is text (or a list of words, or a bool); every other field is a number.
TEXT_FIELDS = {"case_id", "process", "sink_medium", "source_medium", "baseline", "options", "refrigerant",
               "grid_operator", "ets_installation", "grid_factor"}
NUMERIC_FIELDS: list[str] = [f for f in FIELDS if f not in TEXT_FIELDS]
#: Unit, valid-range text and bounds of every field (``heatcalc.case.field_meta``).
FIELD_META: dict[str, dict] = {f: field_meta(f) for f in FIELDS}

#: A case that evaluates fast (electric boiler only: no refrigerant property calls).
FAST_CASE = {"case_id": "fast", "process": "heat", "heat_demand_kW": "1000", "T_sink_in_C": "60",
             "T_sink_out_C": "90", "T_source_in_C": "35", "options": "e_boiler"}

_CHOICES = {"process": ["heat", "lime_kiln", "glass_furnace", "dryer"],
            "sink_medium": ["water", "steam", "air", "thermal_oil"],
            "source_medium": ["water", "air", "ambient_air", "exhaust", "vapour"],
            "baseline": ["gas_boiler", "gas_chp", "gas_kiln"],
            "options": ["all", "e_boiler", "heat_pump", "mvr", "steam_hp", "hybrid_boiler", "heat_pump;e_boiler"],
            "refrigerant": ["auto", "R1233zd(E)", "R600a", "R717", "R744", "R32&R125", "Water"],
            "grid_operator": ["liander", "stedin", "enexis", "tennet", "none"],
            "ets_installation": ["true", "false", "yes", "no", "1", "0", "ja", "nee"],
            "grid_factor": ["average", "average_chain", "marginal"]}

#: Text no number field accepts (words, units glued on, lists, JSON, several numbers).
WRONG_TYPE = ["abc", "12 kW", "kW", "true", "[1, 2]", '{"a": 1}', "1;2", "1 2", "0x10", "1/2", "½", "١٢", "--5",
              "++5", "5-", "e5", ".", ",", "1..2", "1,,2", "None", "null"]
#: Non-finite and extreme number texts.
NON_FINITE = ["NaN", "nan", "inf", "-inf", "Infinity", "-Infinity", "1e308", "-1e308", "1e309", "1e-300", "-0",
              "9" * 40, "9" * 400, "0." + "0" * 300 + "1"]
#: Hostile unicode (zero-width, right-to-left, full-width digits, combining marks, emoji).
UNICODE = ["\u200b5", "5\u200b", "\u202e12", "\uff11\uff12", "1\u00a0000", "1\u202f000", "１０００", "5\u0301", "🔥",
           "ｃａｓｅ", "\ufeff5", "Ω", "\u2212" + "5"]


def _num_text(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() or abs(x) >= 1e16 else str(int(x))


def valid_number(name: str) -> st.SearchStrategy[float]:
    """A value inside the field's valid range."""
    m = FIELD_META[name]
    lo = m["min"] if m["min"] is not None else -1e6
    hi = m["max"] if m["max"] is not None else 1e7
    if name == "tariff_year":
        return st.sampled_from([2023.0, 2024.0, 2025.0, 2026.0])
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False,
                     exclude_min=m["min_exclusive"], exclude_max=m["max_exclusive"])


def out_of_range(name: str) -> st.SearchStrategy[str]:
    """A number just or far outside the field's range (only for bounded fields)."""
    m = FIELD_META[name]
    vals = []
    if m["min"] is not None:
        vals += [m["min"] - 1, m["min"] - 1e-9 * max(abs(m["min"]), 1), m["min"] * 10 - 1e6, -1e300]
        if m["min_exclusive"]:
            vals.append(m["min"])
    if m["max"] is not None:
        vals += [m["max"] + 1, m["max"] * 10 + 1, 1e300]
        if m["max_exclusive"]:
            vals.append(m["max"])
    if not vals:
        return st.nothing()
    return st.sampled_from(vals).map(_num_text)


def field_values(name: str) -> st.SearchStrategy[str]:
    """Cell text for field ``name``: valid, missing, out of range, wrong type, unicode, huge, NaN/inf, locale."""
    if name in _CHOICES:
        valid = st.sampled_from(_CHOICES[name])
        wrong = st.sampled_from(["", " ", "unknown", "HEAT", "heat pump", "1", "NaN", "=1+1", "\r", "a\rb"] + UNICODE)
        return st.one_of(valid, wrong, hostile_text(max_size=20))
    if name == "case_id":
        return st.one_of(st.sampled_from(["A", "B", "site-1", "2.500", "-5", "=HYPERLINK(\"x\")", "x\r=1+1", ""]),
                         hostile_text(max_size=20))
    valid = valid_number(name)
    return st.one_of(
        valid.map(_num_text),
        valid.map(lambda x: _num_text(x).replace(".", ",")),
        st.just(""),
        out_of_range(name),
        st.sampled_from(WRONG_TYPE + NON_FINITE + UNICODE),
        st.sampled_from(["2.500", "12.000", "1.234,5", "1,234.5", "2,500", "12,000", "1.234.567", "1,234,567",
                         "2,5", "2.5", " 5 ", "+5", "5e3", "5E-3", "5,0e3"]),
        hostile_text(max_size=12),
    )


@st.composite
def case_rows(draw, fields: Sequence[str] | None = None, hostile: int = 2) -> dict[str, str]:
    """A case as text cells: a fast valid case with up to ``hostile`` fields replaced by drawn values and some
    fields left out."""
    row = dict(FAST_CASE)
    names = list(fields) if fields is not None else FIELDS
    k = draw(st.integers(0, hostile))
    for name in draw(st.lists(st.sampled_from(names), min_size=k, max_size=k, unique=True)):
        row[name] = draw(field_values(name))
    for name in draw(st.lists(st.sampled_from(sorted(row)), max_size=2, unique=True)):
        if name != "case_id" and draw(st.booleans()):
            del row[name]
    return row


# ---------------------------------------------------------------------------------------------------------------
# text and formulas
#: Texts that spreadsheet programs run as formulas, incl. after whitespace and after a bare CR or LF.
FORMULAS = ["=1+1", "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
            " =1+1", "\u3000=1+1", "x\r=cmd|' /C calc'!A0", "x\n=HYPERLINK(\"http://evil.example\")",
            "x\r\n=1+1", "=HYPERLINK(\"http://evil.example\",\"click\")", "  @x", "\n-1+1", "-", "+", "=",
            "\"=1+1\"", "'=already quoted"]


def formula_strings() -> st.SearchStrategy[str]:
    """A formula-like text: a known one, or one built from a prefix, whitespace and a body."""
    built = st.builds(lambda pre, ws, start, body: pre + ws + start + body,
                      st.sampled_from(["", "x\r", "x\n", "a b\r\n", "\r", "\n"]),
                      st.sampled_from(["", " ", "\t", "  ", "\u00a0"]),
                      st.sampled_from(["=", "+", "-", "@", "\t", "\r"]),
                      st.sampled_from(["1+1", "cmd|' /C calc'!A0", "SUM(A1)", "HYPERLINK(\"http://e.x\")", "a"]))
    return st.one_of(st.sampled_from(FORMULAS), built)


def hostile_text(max_size: int = 30) -> st.SearchStrategy[str]:
    """Any text a cell can hold in UTF-8 (NUL aside: a file with NUL is binary): CR, LF, quotes, separators,
    control characters, unicode."""
    alphabet = st.one_of(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                         st.sampled_from(list("\r\n\t\",;|'=+-@ \u00a0\u200b\u202e\ufeff")))
    return st.one_of(st.text(alphabet=alphabet, max_size=max_size), formula_strings())


# ---------------------------------------------------------------------------------------------------------------
# numbers in a file's convention
@st.composite
def locale_numbers(draw) -> tuple[str, str, float | None]:
    """``(text, decimal, expected)``: a number cell, the file's decimal mark, and what the reader must make of it
    (``None``: it must be rejected with a message). The rule (docs/batch.md): the file's decimal mark is the
    decimal; the other mark only groups thousands in groups of three digits."""
    decimal = draw(st.sampled_from([".", ","]))
    group = "," if decimal == "." else "."
    kind = draw(st.sampled_from(["plain", "decimal", "grouped", "grouped_decimal", "bad_group"]))
    ip = draw(st.integers(0, 10**9))
    frac = draw(st.integers(0, 999))
    sign = draw(st.sampled_from(["", "-", "+"]))
    sgn = -1.0 if sign == "-" else 1.0
    fd = f"{frac:03d}".rstrip("0") or "0"
    if kind == "plain":
        return sign + str(ip), decimal, sgn * ip
    if kind == "decimal":
        return f"{sign}{ip}{decimal}{fd}", decimal, sgn * float(f"{ip}.{fd}")
    grouped = f"{ip:,}".replace(",", group)
    if kind == "grouped":
        return sign + grouped, decimal, sgn * ip
    if kind == "grouped_decimal":
        return f"{sign}{grouped}{decimal}{fd}", decimal, sgn * float(f"{ip}.{fd}")
    # the other mark, not in groups of three: ambiguous or wrong, must be rejected
    digits = draw(st.sampled_from([1, 2, 4]))
    return f"{sign}{ip}{group}{str(frac).zfill(digits)[:digits]}", decimal, None


# ---------------------------------------------------------------------------------------------------------------
# files
@dataclass
class TableFile:
    """A generated input file and what it holds."""

    data: bytes
    suffix: str
    header: list[str]
    rows: list[list[str]]
    sep: str = ","
    decimal: str = "."
    bom: bool = False
    newline: str = "\n"
    notes: list[str] = field(default_factory=list)


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]], sep: str = ",", bom: bool = False,
              newline: str = "\n", quote_all: bool = False, sep_line: bool = False) -> bytes:
    """A CSV file as bytes; a cell holding the separator, a quote, CR or LF is quoted (``"`` doubled), as RFC 4180
    asks (Python's ``csv`` writer leaves a bare CR unquoted when the line end is LF)."""
    def cell(c: Any) -> str:
        t = "" if c is None else str(c)
        if quote_all or any(ch in t for ch in (sep, '"', "\r", "\n")):
            return '"' + t.replace('"', '""') + '"'
        return t

    lines = [f"sep={sep}"] if sep_line else []
    lines += [sep.join(cell(c) for c in r) for r in [list(header)] + [list(x) for x in rows]]
    return (b"\xef\xbb\xbf" if bom else b"") + "".join(x + newline for x in lines).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """An .xlsx workbook as bytes; text cells are stored as text (never as formulas)."""
    import openpyxl
    from openpyxl.cell.cell import TYPE_STRING

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "cases"
    for i, r in enumerate([list(header)] + [list(x) for x in rows], start=1):
        for j, v in enumerate(r, start=1):
            if v is None or v == "":
                continue
            c = ws.cell(row=i, column=j)
            if isinstance(v, str):
                c.value = _XLSX_ILLEGAL.sub("?", v)
                c.data_type = TYPE_STRING
            else:
                c.value = v
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

#: Columns of generated files: a fast case plus a pass-through column.
FILE_COLUMNS = ["case_id", "heat_demand_kW", "T_sink_in_C", "T_sink_out_C", "T_source_in_C", "options", "note"]


@st.composite
def file_rows(draw, decimal: str = ".", min_rows: int = 1, max_rows: int = 8) -> list[list[str]]:
    """Rows for :data:`FILE_COLUMNS`: mostly fast valid cases, numbers in the decimal convention, hostile text in
    ``case_id`` and ``note``, now and then a hostile number."""
    n = draw(st.integers(min_rows, max_rows))
    rows = []
    for i in range(n):
        demand = draw(st.integers(1, 50_000))
        t_in = draw(st.integers(20, 80))
        t_out = t_in + draw(st.integers(5, 60))
        cells = [draw(st.one_of(st.just(f"c{i}"), hostile_text(10))), str(demand), str(t_in), str(t_out), "35",
                 "e_boiler", draw(st.one_of(st.just(""), hostile_text(20), formula_strings()))]
        if draw(st.integers(0, 4)) == 0:
            j = draw(st.integers(1, 4))
            cells[j] = draw(field_values(FILE_COLUMNS[j]))
        if draw(st.booleans()):
            cells[1] = f"{demand}{decimal}5"
        rows.append(cells)
    return rows


@st.composite
def csv_files(draw, max_rows: int = 8) -> TableFile:
    """A CSV input: separator ``, ; \\t |``, decimal point or comma, BOM or not, ``\\n``/``\\r\\n``/``\\r`` line
    ends, sometimes an Excel ``sep=`` line, cells with quoted CR/LF and formulas."""
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    decimal = draw(st.sampled_from([".", ","]))
    bom = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = draw(file_rows(decimal, max_rows=max_rows))
    data = csv_bytes(FILE_COLUMNS, rows, sep=sep, bom=bom, newline=newline, quote_all=draw(st.booleans()),
                     sep_line=draw(st.integers(0, 5)) == 0)
    return TableFile(data=data, suffix=".csv", header=list(FILE_COLUMNS), rows=rows, sep=sep, decimal=decimal,
                     bom=bom, newline=newline)


@st.composite
def xlsx_files(draw, max_rows: int = 6) -> TableFile:
    """An .xlsx input with the same rows as :func:`csv_files` (text cells as text, some numbers as numbers)."""
    rows: list[list[Any]] = draw(file_rows(".", max_rows=max_rows))
    for r in rows:
        if draw(st.booleans()):
            try:
                r[1] = float(r[1])
            except ValueError:
                pass
    return TableFile(data=xlsx_bytes(FILE_COLUMNS, rows), suffix=".xlsx", header=list(FILE_COLUMNS),
                     rows=[[("" if c is None else c) for c in r] for r in rows])


# ---------------------------------------------------------------------------------------------------------------
# checks
_INJECTION = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def live_formula(cell: Any) -> bool:
    """Whether an output text cell would be run (or split into a new row) by a spreadsheet program: it starts,
    after whitespace, with ``= + - @`` tab or CR and is not a plain number, or it holds a CR/LF and does not start
    with the neutralising ``'``."""
    if not isinstance(cell, str) or not cell:
        return False
    if ("\r" in cell or "\n" in cell) and not cell.startswith("'"):
        return True
    if cell.startswith(_INJECTION) and not _PLAIN_NUMBER.match(cell):
        return True
    s = cell.lstrip()
    return bool(s) and s.startswith(_INJECTION) and not _PLAIN_NUMBER.match(s) and not cell.startswith("'")


def formula_cells(rows: Sequence[Sequence[Any]]) -> list[Any]:
    """The cells of ``rows`` for which :func:`live_formula` holds."""
    return [c for r in rows for c in r if live_formula(c)]


def formula_lines(text: str) -> list[str]:
    """Physical lines of an output text (split at every CR, LF, CRLF — as a naive tool would) that start, after
    whitespace, with ``= + @`` or ``-`` followed by something other than a digit."""
    bad = []
    for line in _LINE_BREAK.split(text):
        s = line.lstrip(" \t\u00a0\u3000\"")
        if s[:1] in ("=", "+", "@") or (s[:1] == "-" and not s[1:2].isdigit()):
            bad.append(line)
    return bad


def message_problem(message: str, field_name: str | None = None, value: Any = None) -> str | None:
    """Why ``message`` does not explain a rejected cell (``None`` when it does): it must name the field and
    quote the value (as written, stripped, or its ``repr``); for a bounded number field it must also give the
    unit or the valid range."""
    if not message or not message.strip():
        return "empty message"
    if "Traceback" in message:
        return "traceback in message"
    if field_name is None:
        return None
    if field_name.lower() not in message.lower():
        return f"does not name the field {field_name}"
    if value is not None:
        v = str(value)
        forms = {v, v.strip(), repr(v), repr(v.strip()), repr(v)[1:-1], repr(v.strip())[1:-1]}
        try:
            forms |= {_num_text(float(v.strip())), repr(float(v.strip()))}
        except (ValueError, OverflowError):
            pass
        if v.strip() and not any(f and f in message for f in forms):
            return f"does not quote the value {v!r}"
    meta = FIELD_META.get(field_name)
    if meta and field_name in NUMERIC_FIELDS and meta["valid"]:
        unit = meta["unit"]
        if meta["valid"] not in message and (unit == "-" or unit not in message):
            return f"gives neither the unit nor the valid range ({meta['valid']})"
    return None


def is_number(x: Any) -> bool:
    """A finite real number (not bool)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
