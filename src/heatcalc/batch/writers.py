"""Writing batch results: CSV, xlsx and parquet writers that stream rows, format numbers
in the input's style and neutralise spreadsheet formula injection.
"""
from __future__ import annotations

import csv
import math
import re
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


_TEXT_COLUMNS = {"case_id", "option", "status", "message", "warnings", "refrigerant", "subsidy_notes"}


_BOOL_COLUMNS = {"fits_grid", "best"}


_INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def neutralise(text: str) -> str:
    """Make a text cell safe for spreadsheet programs (formula injection).

    Text that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
    prefixed with ``'`` unless it is a plain number (``-5``, ``+3,2``).

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-12.5")
    '-12.5'
    """
    if text and text.startswith(_INJECTION_START) and not _PLAIN_NUMBER.match(text):
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
    """Streaming CSV writer."""

    mode = "text"

    def __init__(self, path: Path, columns: list[str], style: InputStyle):
        self.path = path
        self.style = style
        self._fh = open(path, "w", encoding="utf-8-sig" if style.bom else "utf-8", newline="")  # noqa: SIM115
        self._w = csv.writer(self._fh, delimiter=style.sep, lineterminator="\r\n" if style.sep == ";" else "\n")
        self._w.writerow([neutralise(c) for c in columns])

    def write(self, rows: list[list]) -> None:
        self._w.writerows(rows)

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
