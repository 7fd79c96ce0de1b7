"""Writing batch results: CSV, xlsx and parquet writers that stream rows, format numbers
in the input's style and neutralise spreadsheet formula injection.
"""
from __future__ import annotations

import csv
import io
import math
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from heatcalc.batch.readers import CSV_SUFFIXES, EXCEL_SUFFIXES, INPUT_ROW, PARQUET_SUFFIXES, InputStyle
from heatcalc.core.errors import InputError
from heatcalc.core.numbers import format_exact

if TYPE_CHECKING:  # only for annotations
    from heatcalc.batch.run import BatchSummary

#: Rows of one Excel sheet (including the header row).
EXCEL_MAX_ROWS = 1_048_576


#: Characters of one Excel cell.
EXCEL_MAX_CHARS = 32_767


#: Separator of several warnings in one text cell.
WARNING_SEP = " | "


_TEXT_COLUMNS = {"case_id", "option", "status", "message", "warnings", "refrigerant", "subsidy_notes",
                 "voltage_level", "transport_right"}


_BOOL_COLUMNS = {"fits_grid", "best"}


_INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


_INNER_INJECTION = re.compile(r"(\r\n|\r|\n)(?=[ \t\u00a0\u3000]*[=+\-@])")


def neutralise(text: str) -> str:
    """Make a text cell safe for spreadsheet programs (formula injection).

    A text that starts with ``=``, ``+``, ``-``, ``@``, tab or CR — also after leading
    whitespace — is prefixed with ``'`` unless it is a plain number (``-5``, ``+3,2``). A text
    holding a CR or LF is prefixed with ``'`` whatever it starts with, and so is every line in it
    that starts (after whitespace) with ``= + - @``: a program that splits the cell at its line
    breaks finds no formula either. The writers also quote such cells. Idempotent.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-12.5"), neutralise(" =1+1"), neutralise("x\\r=cmd")
    ('-12.5', "' =1+1", "'x\\r'=cmd")
    """
    if not text:
        return text
    if "\r" in text or "\n" in text:
        out = text if text.startswith("'") else "'" + text
        return _INNER_INJECTION.sub(r"\1'", out)
    if text.startswith("'"):
        return text
    s = text.lstrip()
    if (text.startswith(_INJECTION_START) or s.startswith(_INJECTION_START)) and not _PLAIN_NUMBER.match(s):
        return "'" + text
    return text


def format_cell(v: Any, decimal: str = ".") -> str:
    """One value as CSV text: numbers per :func:`heatcalc.core.numbers.format_exact`, text neutralised."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return format_exact(v, decimal)
    if isinstance(v, (list, tuple)):
        v = WARNING_SEP.join(str(w) for w in v)
    try:
        import numpy as np

        if isinstance(v, np.bool_):
            return "true" if bool(v) else "false"
        if isinstance(v, np.integer):
            return str(int(v))
        if isinstance(v, np.floating):
            return format_exact(float(v), decimal)
    except ImportError:  # pragma: no cover
        pass
    return neutralise(str(v))


def _plain_value(v: Any) -> Any:
    """A value as a plain Python scalar for Excel/Parquet (lists joined; NaN and inf kept)."""
    if isinstance(v, (list, tuple)):
        return WARNING_SEP.join(str(w) for w in v)
    if isinstance(v, float):
        return v
    if v is None or isinstance(v, (bool, int, str)):
        return v
    try:
        import numpy as np

        if isinstance(v, np.bool_):
            return bool(v)
        if isinstance(v, np.integer):
            return int(v)
        if isinstance(v, np.floating):
            return float(v)
    except ImportError:  # pragma: no cover
        pass
    return str(v)


# ---------------------------------------------------------------------------------------------------------------
# writers
def _output_kind(path: Path) -> str:
    s = path.suffix.lower()
    if s in CSV_SUFFIXES:
        return "csv"
    if s in EXCEL_SUFFIXES:
        return "xlsx"
    if s in PARQUET_SUFFIXES:
        return "parquet"
    raise InputError(f"output {path.name!r}: unsupported format {s or '(no suffix)'!r}; use .csv, .xlsx or .parquet")


class CsvWriter:
    """Streaming CSV writer; a cell holding a CR or LF is always quoted (Python's ``csv`` module quotes only
    the characters of its line end)."""

    mode = "text"

    def __init__(self, path: Path, columns: list[str], style: InputStyle):
        self.path = path
        self.style = style
        self._fh = open(path, "w", encoding="utf-8-sig" if style.bom else "utf-8", newline="")  # noqa: SIM115
        self._eol = "\r\n" if style.sep == ";" else "\n"
        self._w = csv.writer(self._fh, delimiter=style.sep, lineterminator=self._eol)
        self._buf = io.StringIO()
        self._wq = csv.writer(self._buf, delimiter=style.sep, lineterminator="\r\n")  # quotes CR and LF
        self.write([[neutralise(c) for c in columns]])

    def write(self, rows: list[list]) -> None:
        for r in rows:
            if any(isinstance(c, str) and "\r" in c for c in r):
                self._buf.seek(0)
                self._buf.truncate()
                self._wq.writerow(r)
                self._fh.write(self._buf.getvalue()[:-2] + self._eol)
            else:
                self._w.writerow(r)

    def passthrough_cells(self, cells: list[Any]) -> list:
        return [format_cell(c, self.style.decimal) if not isinstance(c, str) else neutralise(c) for c in cells]

    def close(self, summary: "BatchSummary | None" = None) -> None:
        self._fh.close()


class ExcelWriter:
    """Streaming .xlsx writer (openpyxl write-only); continues on a new sheet past Excel's row limit."""

    mode = "raw"

    def __init__(self, path: Path, columns: list[str], style: InputStyle):
        import openpyxl

        self.path = path
        self.columns = columns
        self._wb = openpyxl.Workbook(write_only=True)
        self._sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self._sheets += 1
        self._ws = self._wb.create_sheet("results" if self._sheets == 1 else f"results ({self._sheets})")
        self._ws.append([self._text(c) for c in self.columns])
        self._rows = 1

    @staticmethod
    def _text(s: str) -> str:
        s = neutralise(_XLSX_ILLEGAL.sub("\ufffd", s))
        return s if len(s) <= EXCEL_MAX_CHARS else s[:EXCEL_MAX_CHARS - 1] + "…"

    def _cell(self, v: Any) -> Any:
        if isinstance(v, str):
            return self._text(v)
        if v is None or type(v).__name__ in ("NAType", "NaTType"):
            return None
        v = _plain_value(v)
        if isinstance(v, float) and not math.isfinite(v):
            return None
        return self._text(v) if isinstance(v, str) else v

    def write(self, rows: list[list]) -> None:
        for r in rows:
            if self._rows >= EXCEL_MAX_ROWS:
                self._new_sheet()
            self._ws.append([self._cell(v) for v in r])
            self._rows += 1

    def passthrough_cells(self, cells: list[Any]) -> list:
        return [_plain_value(c) for c in cells]

    def close(self, summary: "BatchSummary | None" = None) -> None:
        if summary is not None:
            ws = self._wb.create_sheet("summary")
            for k, v in summary.to_dict().items():
                ws.append([k, self._cell(_plain_value(v))])
        self._wb.save(self.path)


class ParquetWriter:
    """Streaming Parquet writer: numbers as float64 (NaN and inf as the library gives them), flags as bool,
    text as string."""

    mode = "raw"

    def __init__(self, path: Path, columns: list[str], style: InputStyle, passthrough_types: dict | None = None):
        self.path = path
        self.columns = columns
        self._ptypes = passthrough_types or {}
        self._writer = None
        self._schema = None

    def _build_schema(self, rows: list[list]):
        import pyarrow as pa

        fields = []
        for j, c in enumerate(self.columns):
            if c == INPUT_ROW:
                t = pa.int64()
            elif c in self._ptypes:
                t = self._ptypes[c]
            elif c in _BOOL_COLUMNS:
                t = pa.bool_()
            elif c in _TEXT_COLUMNS or c.startswith("input_") or j >= self._n_results:
                t = pa.string()
            else:
                vals = [r[j] for r in rows if r[j] is not None]
                t = pa.string() if any(isinstance(v, str) for v in vals) else pa.float64()
            fields.append(pa.field(c, t))
        return pa.schema(fields)

    def set_layout(self, n_results: int) -> None:
        self._n_results = n_results

    def write(self, rows: list[list]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not rows:
            return
        if self._schema is None:
            self._schema = self._build_schema(rows)
            self._writer = pq.ParquetWriter(self.path, self._schema)
        cols = {}
        for j, f in enumerate(self._schema):
            vals = [r[j] for r in rows]
            if pa.types.is_floating(f.type):
                vals = [_to_float(v) for v in vals]
            elif pa.types.is_string(f.type):
                vals = [None if v is None else (v if isinstance(v, str) else format_cell(v)) for v in vals]
            elif pa.types.is_boolean(f.type):
                vals = [None if v is None else bool(v) for v in vals]
            cols[f.name] = vals
        self._writer.write_table(pa.Table.from_pydict(cols, schema=self._schema))

    def passthrough_cells(self, cells: list[Any]) -> list:
        return list(cells)

    def close(self, summary: "BatchSummary | None" = None) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:  # no rows at all: write the columns
            self._schema = self._build_schema([])
            pq.write_table(pa.Table.from_pylist([], schema=self._schema), self.path)
        else:
            self._writer.close()


def _to_float(v: Any) -> float | None:
    """Float for a Parquet float column; NaN and inf are kept (the library's values), text → null."""
    if v is None:
        return None
    if isinstance(v, (bool, int, float)):
        return float(v)
    try:
        return float(str(v))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------------
# downloads (the app)
def _download_rows(df: Any) -> tuple[list[str], list[list]]:
    """Column names and rows of a DataFrame as plain values, missing values as ``None``."""
    import pandas as pd

    cols = [str(c) for c in df.columns]
    rows = []
    for row in df.itertuples(index=False, name=None):
        rows.append([None if (v is None or (not isinstance(v, (list, tuple, str)) and pd.isna(v))) else
                     _plain_value(v) for v in row])
    return cols, rows


def csv_download_bytes(df: Any, sep: str = ",", decimal: str = ".", bom: bool = False) -> bytes:
    """A table (pandas DataFrame) as formula-safe CSV bytes, as :class:`CsvWriter` writes them.

    Text cells are neutralised (:func:`neutralise`) and quoted when they hold CR or LF; numbers stay
    numbers (``-5`` is written ``-5``); missing values are empty cells.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    sep, decimal : str
        Separator and decimal mark.
    bom : bool
        Start with a UTF-8 byte-order mark (Excel).

    Returns
    -------
    bytes
        UTF-8 CSV.
    """
    cols, rows = _download_rows(df)
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "table.csv"
        w = CsvWriter(p, cols, InputStyle(sep=sep, decimal=decimal, bom=bom))
        w.write([[format_cell(v, decimal) for v in r] for r in rows])
        w.close()
        return p.read_bytes()


def xlsx_download_bytes(df: Any) -> bytes:
    """A table (pandas DataFrame) as formula-safe .xlsx bytes through :class:`ExcelWriter` (sheet ``results``):
    text cells neutralised and never stored as formulas, numbers as numbers, NaN as empty cells."""
    cols, rows = _download_rows(df)
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "table.xlsx"
        w = ExcelWriter(p, cols, InputStyle())
        w.write(rows)
        w.close()
        return p.read_bytes()
