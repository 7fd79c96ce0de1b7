"""Batch evaluation: a table of cases in, a table of result rows out.

``heatcalc batch sites.csv -o results.csv`` and the app's batch page both call
:func:`run_batch`. The input is the case schema as columns (shared/CONTRACTS.md);
the output has one row per (case, option) plus the baseline row of each case,
exactly the rows :func:`heatcalc.evaluate.evaluate_record` gives for the same
record, preceded by ``input_row`` and followed by the input's unknown columns.

Reading
-------
* Formats: CSV (``.csv``, ``.txt``), Excel (``.xlsx``, ``.xlsm``) and Parquet,
  recognised by their first bytes (the suffix only decides when the bytes do not).
* CSV: comma, semicolon, tab or ``|`` separated (decided on the header line, or by
  an Excel ``sep=;`` first line), decimal point or decimal comma, UTF-8 with or
  without BOM. Blank lines are skipped (and counted).
* Column names are matched to case fields case-insensitively, ignoring surrounding
  spaces and a trailing unit in brackets (``heat_demand_kW [kW]``). Unknown
  columns are passed through to every output row of their case (renamed
  ``input_<name>`` if the name is a result column).
* Excel: the first sheet whose header row names a case field; formulas are never
  evaluated — the value Excel saved with the file is used, and a formula without a
  saved value is an error for that row.

Every input row is accounted for
--------------------------------
A row that cannot be evaluated gives one output row with ``status = error`` and a
message naming the field, the value given, its unit and the valid range (from
:class:`heatcalc.case.Case`); rows with the wrong number of cells, invalid UTF-8
bytes or an unexpected fault of the library (``internal error``) too. A file that
cannot be read at all raises :class:`~heatcalc.errors.InputError` before anything
is written.

Writing
-------
Output is written while the input is read, in input order, through a ``.part``
file renamed at the end. CSV output mirrors the input's separator, decimal mark
and BOM (so a Dutch Excel file comes back as one Dutch Excel opens); text cells
starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are prefixed with
``'`` so that spreadsheet programs show them as text instead of running them
(formula injection). Numbers are written with the shortest representation that
reads back to the same float, so a result equals ``heatcalc evaluate`` exactly;
NaN and infinity become empty cells in CSV and Excel (``null`` in the JSON of
``heatcalc evaluate``); Parquet keeps them as the library gives them.

Scale
-----
The input is read in chunks of ``chunk_rows`` rows; at most a few chunks per
worker are in flight, so memory stays bounded whatever the file size. The local
engine evaluates chunks in a process pool (``workers`` processes); the Dask engine
submits the same chunk function to a Dask cluster, so both give identical rows.
Heat-pump designs that repeat across rows are cached in the library.
"""
from __future__ import annotations

import csv
import io
import itertools
import math
import os
import re
import sys
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import InputError

#: Input rows per chunk handed to a worker.
DEFAULT_CHUNK_ROWS = 200
#: Chunks in flight per worker (bounds memory; keeps the workers busy).
IN_FLIGHT_PER_WORKER = 3
#: Bytes read to recognise the format, the encoding and the separator.
SNIFF_BYTES = 65536
#: Data rows looked at to decide on the decimal mark.
SNIFF_ROWS = 2000
#: Rows of one Excel sheet (including the header row).
EXCEL_MAX_ROWS = 1_048_576
#: Characters of one Excel cell.
EXCEL_MAX_CHARS = 32_767
#: Separator of several warnings in one text cell.
WARNING_SEP = " | "
#: Seconds to wait for a Dask scheduler.
DASK_CONNECT_TIMEOUT_S = 20.0
#: Column with the input row number (spreadsheet numbering: header = row 1).
INPUT_ROW = "input_row"

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")
_SEPARATORS = (",", ";", "\t", "|")

_TEXT_COLUMNS = {"case_id", "option", "status", "message", "warnings", "refrigerant"}
_BOOL_COLUMNS = {"fits_grid", "best"}
_INJECTION_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^\s*[+-]?\d+,\d+\s*$")
_DECIMAL_POINT = re.compile(r"^\s*[+-]?\d+\.\d+\s*$")
_UNIT_SUFFIX = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")
_SURROGATES = re.compile("[\udc80-\udcff]")
_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

ProgressCallback = Callable[[int, "int | None"], None]


# ---------------------------------------------------------------------------------------------------------------
# output columns
def result_columns() -> list[str]:
    """Result columns of every output row, in order (contract columns, then extras)."""
    from .evaluate import EXTRA_COLUMNS, RESULT_COLUMNS

    return list(RESULT_COLUMNS) + [c for c in EXTRA_COLUMNS if c not in RESULT_COLUMNS]


def case_fields() -> list[str]:
    """Case schema fields in contract order."""
    from .case import Case

    return list(Case.model_fields)


def _header_key(name: Any) -> str:
    """Normalised column name: stripped, lower case, without a trailing ``[unit]``."""
    s = "" if name is None else str(name)
    s = s.replace("\ufeff", "").strip()
    s = _UNIT_SUFFIX.sub("", s).strip()
    return s.lower()


@dataclass
class ColumnMap:
    """How the input's columns map to case fields and pass-through columns.

    Attributes
    ----------
    header : list of str
        The input's column names as written.
    fields : list of (int, str)
        Column index and case field name of each recognised column.
    passthrough : list of (int, str)
        Column index and output name of each unknown column.
    """

    header: list[str]
    fields: list[tuple[int, str]]
    passthrough: list[tuple[int, str]]

    @property
    def passthrough_names(self) -> list[str]:
        return [n for _, n in self.passthrough]

    @property
    def case_id_index(self) -> int | None:
        return next((i for i, f in self.fields if f == "case_id"), None)


def map_columns(header: Sequence[Any], source: str = "the input") -> ColumnMap:
    """Match a header row to the case schema.

    Parameters
    ----------
    header : sequence
        Column names as read.
    source : str
        Name of the file, for messages.

    Returns
    -------
    ColumnMap

    Raises
    ------
    InputError
        If no column is a case field, or a case field appears twice.
    """
    known = {f.lower(): f for f in case_fields()}
    results = {c.lower() for c in result_columns()} | {INPUT_ROW}
    fields: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    passthrough: list[tuple[int, str]] = []
    out_names: set[str] = set()
    names = ["" if h is None else str(h).replace("\ufeff", "").strip() for h in header]
    for i, raw in enumerate(names):
        f = known.get(_header_key(raw))
        if f is not None:
            if f in seen:
                raise InputError(f"{source}: column {f} appears twice (columns {seen[f] + 1} and {i + 1}); "
                                 "keep one of them")
            seen[f] = i
            fields.append((i, f))
            continue
        name = raw or f"column_{i + 1}"
        if name.lower() in results:
            name = f"input_{name}"
        base, k = name, 1
        while name.lower() in out_names:
            k += 1
            name = f"{base}_{k}"
        out_names.add(name.lower())
        passthrough.append((i, name))
    if not fields:
        shown = ", ".join(repr(n) for n in names[:6]) + (" ..." if len(names) > 6 else "")
        raise InputError(f"{source}: no column of the case schema in the header row ({shown}); expected columns "
                         "such as case_id, heat_demand_kW, T_sink_in_C, T_sink_out_C (see `heatcalc batch --template`)")
    return ColumnMap(header=names, fields=fields, passthrough=passthrough)


# ---------------------------------------------------------------------------------------------------------------
# readers
@dataclass
class RawRow:
    """One data row as read: its row number and its cells (``None`` = empty)."""

    row: int
    cells: list[Any]
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class InputStyle:
    """Conventions of a CSV input, mirrored in CSV output."""

    sep: str = ","
    decimal: str = "."
    bom: bool = False


class _Reader:
    """Common interface of the table readers.

    Attributes
    ----------
    header : list of str
        Column names as written.
    style : InputStyle
        Separator, decimal mark (decided on the first rows) and BOM of a CSV input.
    blank_rows : int
        Blank rows skipped so far.
    """

    kind = ""
    header: list[Any]
    style: InputStyle
    blank_rows: int = 0

    def rows(self) -> Iterator[RawRow]:  # pragma: no cover - interface
        raise NotImplementedError

    def total_estimate(self, rows_done: int) -> int | None:
        """Estimated number of data rows (for the progress bar)."""
        return None

    def close(self) -> None:
        pass


def _trim_header(header: Sequence[Any]) -> list[str]:
    """Header names as text, without the unnamed columns after the last named one."""
    names = ["" if h is None else str(h) for h in header]
    while names and not names[-1].replace("\ufeff", "").strip():
        names.pop()
    return names


def _check_readable(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"input file {str(path)!r} does not exist")
    if path.is_dir():
        raise InputError(f"input {str(path)!r} is a folder, not a file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"input file {str(path)!r} cannot be read: {exc.strerror or exc}") from None
    if not head:
        raise InputError(f"input file {str(path)!r} is empty")
    return head


def detect_format(path: Path, head: bytes) -> str:
    """``csv``, ``xlsx`` or ``parquet`` from the first bytes (suffix as fallback).

    Raises
    ------
    InputError
        For the old binary ``.xls`` format and other binary files.
    """
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{path.name} is an old binary Excel (.xls) file; save it as .xlsx or as 'CSV UTF-8'")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path.name} is UTF-16 text; save it as 'CSV UTF-8 (comma delimited)' and try again")
    if b"\x00" in head:
        raise InputError(f"{path.name} is not a CSV, Excel (.xlsx) or Parquet file (it contains binary data)")
    return "csv"


def _first_bad_utf8(head: bytes) -> str | None:
    """Describe the first invalid UTF-8 byte in ``head`` (``None`` when valid)."""
    try:
        head.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return None  # a character cut by the sniff window
        line = head.count(b"\n", 0, exc.start) + 1
        return f"byte 0x{head[exc.start]:02x} on line {line}"


class CsvReader(_Reader):
    """Streaming CSV reader with separator sniffing and per-row checks."""

    kind = "csv"

    def __init__(self, path: Path, head: bytes):
        self.path = path
        bad = _first_bad_utf8(head)
        if bad:
            raise InputError(f"{path.name} is not UTF-8 text ({bad}); in Excel use 'Save as' → "
                             "'CSV UTF-8 (comma delimited)'")
        self.size = path.stat().st_size
        bom = head.startswith(b"\xef\xbb\xbf")
        self._raw = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._text = io.TextIOWrapper(self._raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        text_head = head.decode("utf-8-sig", errors="ignore")
        lines = text_head.splitlines()
        sep_hint = None
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first < len(lines) and re.fullmatch(r"\s*sep=(.)\s*", lines[first]):
            sep_hint = re.fullmatch(r"\s*sep=(.)\s*", lines[first]).group(1)
        if first >= len(lines):
            self.close()
            raise InputError(f"{path.name} has no header row (only blank lines)")
        sep = sep_hint or self._sniff_sep(lines[first])
        self._bytes_per_line = max(len(head) / max(len(lines), 1), 1.0)
        self._reader = csv.reader(self._text, delimiter=sep)
        self._line = 0
        header = None
        try:
            while header is None:
                rec = next(self._reader)
                if sep_hint and self._reader.line_num == first + 1:
                    continue
                if rec and any(c.strip() for c in rec):
                    header = rec
        except StopIteration:
            self.close()
            raise InputError(f"{path.name} has no header row") from None
        except csv.Error as exc:
            self.close()
            raise InputError(f"{path.name} is not a readable CSV file: {exc} (line {self._reader.line_num})") from None
        if any(_SURROGATES.search(h) for h in header):
            self.close()
            raise InputError(f"{path.name}: the header row is not UTF-8 text; save the file as 'CSV UTF-8'")
        self._line = self._reader.line_num
        self.header = _trim_header(header)
        self._options_idx = next((i for i, h in enumerate(self.header) if _header_key(h) == "options"), None)
        from .case import OPTIONS

        self._option_words = set(OPTIONS) | {"all"}
        self.sep = sep
        self.style = InputStyle(sep=sep, decimal=".", bom=bom)
        self.blank_rows = 0
        self._stream = self._read_rows()
        self._prefetched = list(itertools.islice(self._stream, SNIFF_ROWS))
        self.style.decimal = self.sniff_decimal(self._prefetched)
        self._buffer: list[RawRow] = []

    @staticmethod
    def _sniff_sep(line: str) -> str:
        known = {f.lower() for f in case_fields()}
        best, best_key = ",", (-1, -1)
        for sep in _SEPARATORS:
            try:
                cells = next(csv.reader([line], delimiter=sep))
            except (csv.Error, StopIteration):
                continue
            key = (sum(_header_key(c) in known for c in cells), len(cells))
            if key > best_key:
                best, best_key = sep, key
        return best

    def sniff_decimal(self, rows: Sequence[RawRow]) -> str:
        """Decide the decimal mark from the cells of the first rows."""
        comma = point = 0
        for r in rows:
            for c in r.cells:
                if isinstance(c, str):
                    if _DECIMAL_COMMA.match(c):
                        comma += 1
                    elif _DECIMAL_POINT.match(c):
                        point += 1
        return "," if comma > point else "."

    def _fix_row(self, rec: list[str], start: int) -> RawRow:
        n = len(self.header)
        warnings: list[str] = []
        error = None
        if len(rec) > n and not any(c.strip() for c in rec[n:]):
            rec = rec[:n]  # trailing separators
        if len(rec) > n and self._options_idx is not None:
            i, k = self._options_idx, len(rec) - n
            parts = rec[i:i + k + 1]
            if all(p.strip().lower() in self._option_words for p in parts):
                merged = ";".join(p.strip() for p in parts if p.strip())
                rec = rec[:i] + [merged] + rec[i + k + 1:]
                warnings.append(f"options {merged!r} were split by the file's separator {self.sep!r}; read them as "
                                "one list (quote the cell to avoid this note)")
        if len(rec) != n:
            joined = self.sep.join(rec)
            for alt in _SEPARATORS:
                if alt == self.sep or alt not in joined:
                    continue
                try:
                    alt_rec = next(csv.reader([joined], delimiter=alt))
                except (csv.Error, StopIteration):
                    continue
                if len(alt_rec) == n or (len(alt_rec) > n and not any(c.strip() for c in alt_rec[n:])):
                    rec = alt_rec[:n]
                    warnings.append(f"row {start} is separated by {alt!r} while the file uses {self.sep!r}; "
                                    f"read it with {alt!r}")
                    break
        if len(rec) != n:
            end = self._reader.line_num
            span = f"lines {start}-{end}" if end > start else f"line {start}"
            hint = ""
            if end > start:
                hint = " (a quote \" that is not closed?)"
            elif self.sep == "," and len(rec) > n:
                hint = " (decimal commas in a comma-separated file must be quoted, or use ';' as separator)"
            got = "1 cell" if len(rec) == 1 else f"{len(rec)} cells"
            error = f"row has {got} but the header has {n} columns ({span}){hint}; the row was not evaluated"
            rec = (rec + [""] * n)[:n]
        cells: list[Any] = []
        for j, c in enumerate(rec):
            if _SURROGATES.search(c):
                c = c.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                if error is None:
                    error = (f"column {self.header[j]!r} holds bytes that are not UTF-8 ({c!r}); "
                             "save the file as 'CSV UTF-8'")
            cells.append(c)
        return RawRow(row=start, cells=cells, error=error, warnings=warnings)

    def rows(self) -> Iterator[RawRow]:
        """Data rows: the rows read ahead to decide the decimal mark, then the rest of the stream."""
        prefetched, self._prefetched = self._prefetched, []
        yield from prefetched
        yield from self._stream

    def _read_rows(self) -> Iterator[RawRow]:
        while True:
            start = self._reader.line_num + 1
            try:
                rec = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RawRow(row=start, cells=[None] * len(self.header),
                             error=f"line {start} cannot be read as CSV: {exc}")
                continue
            if not rec or not any(c.strip() for c in rec):
                self.blank_rows += 1
                continue
            yield self._fix_row(rec, start)

    def total_estimate(self, rows_done: int) -> int | None:
        try:
            pos = self._raw.tell()
        except (OSError, ValueError):
            return None
        if rows_done <= 0 or pos <= 0:
            return max(int(self.size / self._bytes_per_line) - 1, 1)
        return max(rows_done, int(rows_done * self.size / pos))

    def close(self) -> None:
        try:
            self._text.close()
        except Exception:  # noqa: BLE001 - closing twice or after a failed open
            pass


def _excel_cell(v: Any) -> Any:
    if v is None:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


class ExcelReader(_Reader):
    """Streaming .xlsx reader (openpyxl read-only); never evaluates formulas."""

    kind = "xlsx"

    def __init__(self, path: Path):
        import warnings as _w

        import openpyxl

        self.path = path
        try:
            with _w.catch_warnings():
                _w.simplefilter("ignore")
                self._wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
                self._wbf = openpyxl.load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:  # noqa: BLE001 - any failure means: not a readable workbook
            raise InputError(f"{path.name} is not a readable Excel workbook: {type(exc).__name__}: {exc}") from None
        known = {f.lower() for f in case_fields()}
        chosen = None
        for name in self._wb.sheetnames:
            ws = self._wb[name]
            first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
            if first and any(_header_key(c) in known for c in first):
                chosen = name
                break
        if chosen is None:
            self.close()
            raise InputError(f"{path.name}: no sheet has a header row with case-schema columns (such as case_id, "
                             "heat_demand_kW); see `heatcalc batch --template`")
        self.sheet = chosen
        self._ws = self._wb[chosen]
        self._wsf = self._wbf[chosen]
        self._it = self._ws.iter_rows(values_only=True)
        self._itf = self._wsf.iter_rows(values_only=True)
        self.header = _trim_header(next(self._it, None) or [])
        next(self._itf, None)
        self.style = InputStyle()
        try:
            self._max_row = self._ws.max_row
        except Exception:  # noqa: BLE001
            self._max_row = None

    def rows(self) -> Iterator[RawRow]:
        n = len(self.header)
        for i, (vals, forms) in enumerate(zip(self._it, self._itf), start=2):
            cells = [_excel_cell(v) for v in vals]
            cells = (cells + [None] * n)[:n] if len(cells) < n else cells
            extra = cells[n:]
            cells = cells[:n]
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells) and not any(
                    e is not None for e in extra):
                self.blank_rows += 1
                continue
            error = None
            for j, c in enumerate(cells):
                f = forms[j] if j < len(forms) else None
                if c is None and isinstance(f, str) and f.startswith("="):
                    error = (f"column {self.header[j]!r} holds a formula without a saved value ({f}); open and save "
                             "the file in Excel, or paste values")
                    break
            if error is None and any(e is not None for e in extra):
                error = f"row has values beyond the {n} header columns; give every column a name"
            yield RawRow(row=i, cells=cells, error=error)

    def total_estimate(self, rows_done: int) -> int | None:
        return max(self._max_row - 1, rows_done) if self._max_row else None

    def close(self) -> None:
        for wb in (getattr(self, "_wb", None), getattr(self, "_wbf", None)):
            if wb is not None:
                try:
                    wb.close()
                except Exception:  # noqa: BLE001
                    pass


class ParquetReader(_Reader):
    """Streaming Parquet reader (row groups in batches)."""

    kind = "parquet"

    def __init__(self, path: Path, batch_rows: int):
        import pyarrow.parquet as pq

        self.path = path
        try:
            self._pf = pq.ParquetFile(path)
        except Exception as exc:  # noqa: BLE001
            raise InputError(f"{path.name} is not a readable Parquet file: {type(exc).__name__}: {exc}") from None
        self.header = list(self._pf.schema_arrow.names)
        self.arrow_schema = self._pf.schema_arrow
        self.style = InputStyle()
        self._batch_rows = batch_rows

    def rows(self) -> Iterator[RawRow]:
        i = 1
        for batch in self._pf.iter_batches(batch_size=self._batch_rows):
            cols = [batch.column(j).to_pylist() for j in range(batch.num_columns)]
            for k in range(batch.num_rows):
                i += 1
                cells = [c[k] for c in cols]
                if all(c is None or (isinstance(c, str) and not c.strip()) or (isinstance(c, float) and math.isnan(c))
                       for c in cells):
                    self.blank_rows += 1
                    continue
                yield RawRow(row=i, cells=cells)

    def total_estimate(self, rows_done: int) -> int | None:
        return self._pf.metadata.num_rows

    def close(self) -> None:
        try:
            self._pf.close()
        except Exception:  # noqa: BLE001
            pass


def open_table(path: str | os.PathLike, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> _Reader:
    """Open a case table for streaming.

    Parameters
    ----------
    path : path-like
        CSV, .xlsx or Parquet file.
    chunk_rows : int
        Rows per Parquet batch.

    Returns
    -------
    reader
        With ``header``, ``style``, ``rows()`` and ``close()``.

    Raises
    ------
    InputError
        If the file is missing, empty, not a table, not UTF-8, or has no header.
    """
    p = Path(path)
    head = _check_readable(p)
    kind = detect_format(p, head)
    if kind == "xlsx":
        return ExcelReader(p)
    if kind == "parquet":
        return ParquetReader(p, chunk_rows)
    return CsvReader(p, head)


# ---------------------------------------------------------------------------------------------------------------
# evaluation of one chunk (runs in worker processes and on Dask workers)
_EVAL_LOCK = threading.Lock()  # CoolProp state objects are shared per process: one evaluation at a time


def _default_evaluator(record: dict) -> list[dict]:
    from .evaluate import evaluate_record

    return evaluate_record(record)


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


def format_number(x: float, decimal: str = ".") -> str:
    """Shortest text that reads back to the same float; empty for NaN/inf."""
    if not math.isfinite(x):
        return ""
    s = repr(float(x))
    if s.endswith(".0") and abs(x) < 1e15:
        s = s[:-2]
    return s.replace(".", ",") if decimal == "," else s


def format_cell(v: Any, decimal: str = ".") -> str:
    """One value as CSV text: numbers per :func:`format_number`, text neutralised."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return format_number(v, decimal)
    if isinstance(v, (list, tuple)):
        v = WARNING_SEP.join(str(w) for w in v)
    try:
        import numpy as np

        if isinstance(v, np.bool_):
            return "true" if bool(v) else "false"
        if isinstance(v, np.integer):
            return str(int(v))
        if isinstance(v, np.floating):
            return format_number(float(v), decimal)
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


@dataclass
class Task:
    """One input row ready for evaluation (picklable, small)."""

    row: int
    record: dict
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    case_id: Any = None


def _internal_error(exc: BaseException) -> str:
    return f"internal error (please report): {type(exc).__name__}: {exc}"


def evaluate_chunk(tasks: Sequence[Task], columns: Sequence[str], mode: str = "raw", decimal: str = ".",
                   evaluator: Callable[[dict], list[dict]] | None = None) -> list[tuple[int, list[str], list[list]]]:
    """Evaluate a chunk of input rows (the unit of work of both engines).

    Parameters
    ----------
    tasks : sequence of Task
        Input rows.
    columns : sequence of str
        Result columns to return, in order.
    mode : {"raw", "text"}
        ``raw``: plain Python values (Excel, Parquet); ``text``: CSV cells already
        formatted with ``decimal`` and neutralised (formatting runs in parallel).
    decimal : str
        Decimal mark of ``text`` mode.
    evaluator : callable, optional
        ``record -> list of row dicts``; default
        :func:`heatcalc.evaluate.evaluate_record`.

    Returns
    -------
    list of (row, statuses, cells)
        Per input row: its row number, the status of each result row and the
        result rows' cells in ``columns`` order.
    """
    from .evaluate import error_row

    ev = evaluator or _default_evaluator
    out = []
    with _EVAL_LOCK:
        for t in tasks:
            if t.error is not None:
                rows = [error_row(t.case_id, t.error)]
            else:
                try:
                    rows = ev(t.record)
                    if not rows:
                        raise RuntimeError("the evaluation returned no rows")
                except Exception as exc:  # noqa: BLE001 - a fault in one row must not stop the batch
                    rows = [error_row(t.case_id, _internal_error(exc))]
                    rows[0]["_internal"] = True
            statuses = []
            cells = []
            for r in rows:
                st = r.get("status", "error")
                statuses.append("internal" if r.get("_internal") else st)
                if t.warnings:
                    w = r.get("warnings") or []
                    w = [w] if isinstance(w, str) else list(w)
                    r = dict(r, warnings=list(t.warnings) + w)
                if mode == "text":
                    cells.append([format_cell(r.get(c), decimal) for c in columns])
                else:
                    cells.append([_plain_value(r.get(c)) for c in columns])
            out.append((t.row, statuses, cells))
    return out


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


# ---------------------------------------------------------------------------------------------------------------
# engines
class _Inline:
    """Evaluate in this process (one slot)."""

    def __init__(self):
        self.slots = 1
        self.workers = 1

    def submit(self, slot: int, fn, *args):
        from concurrent.futures import Future

        fut: Future = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - delivered through the future
            fut.set_exception(exc)
        return fut

    def is_crash(self, exc: BaseException) -> bool:
        return False

    def close(self, cancel: bool = False) -> None:
        pass


class _LocalPool:
    """``workers`` single-process executors: one slot per process, so rows can be routed to a process."""

    def __init__(self, workers: int, mp_context: str | None = None):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        method = mp_context or ("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["heatcalc.batch", "heatcalc.evaluate"])
        self.workers = self.slots = workers
        self._ctx = ctx
        self._ex = [ProcessPoolExecutor(max_workers=1, mp_context=ctx) for _ in range(workers)]

    def submit(self, slot: int, fn, *args):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._ex[slot].submit(fn, *args)
        except BrokenProcessPool:  # the process died earlier: start a new one
            self.restart(slot)
            return self._ex[slot].submit(fn, *args)

    def restart(self, slot: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._ex[slot].shutdown(wait=False, cancel_futures=True)
        self._ex[slot] = ProcessPoolExecutor(max_workers=1, mp_context=self._ctx)

    def is_crash(self, exc: BaseException) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        return isinstance(exc, BrokenProcessPool)

    def close(self, cancel: bool = False) -> None:
        for ex in self._ex:
            ex.shutdown(wait=not cancel, cancel_futures=cancel)


class _DaskPool:
    """A Dask client: on ``scheduler`` or on a LocalCluster bound to 127.0.0.1; one slot per Dask worker."""

    def __init__(self, workers: int, scheduler: str | None, cluster_kwargs: dict | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--engine dask needs dask[distributed]: pip install 'heatcalc[dask]'") from None
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout=f"{DASK_CONNECT_TIMEOUT_S}s")
                self._client.wait_for_workers(1, timeout=DASK_CONNECT_TIMEOUT_S)
            else:
                kw = dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None)
                kw.update(cluster_kwargs or {})
                if not kw.get("processes", True):
                    kw.setdefault("protocol", "tcp://")  # threads in this process, still talking TCP on loopback
                self._cluster = LocalCluster(**kw)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            if self._cluster is not None:
                self._cluster.close()
            where = scheduler or "a local cluster"
            raise InputError(f"--scheduler {where!r}: cannot connect to the Dask scheduler ({exc}); "
                             "give an address such as tcp://10.0.0.5:8786") from None
        self._addresses = sorted(self._client.scheduler_info().get("workers", {}))
        self.slots = max(len(self._addresses), 1)
        self.workers = self.slots

    def is_crash(self, exc: BaseException) -> bool:
        try:
            from distributed.scheduler import KilledWorker
        except ImportError:  # pragma: no cover
            return False
        return isinstance(exc, KilledWorker)

    def submit(self, slot: int, fn, *args):
        where = [self._addresses[slot]] if self._addresses else None
        # pinned for cache locality; a lost worker's tasks may still run elsewhere
        return self._client.submit(fn, *args, pure=False, workers=where, allow_other_workers=True)

    def close(self, cancel: bool = False) -> None:
        try:
            self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def _recover(pool, slot: int, tasks: list[Task], args: tuple) -> list:
    """Re-run a sub-batch whose worker process died; isolate the row that kills it.

    The whole sub-batch is tried once more; if the worker dies again, rows are run
    one by one and a row that kills its worker gets an error row.
    """
    try:
        return pool.submit(slot, evaluate_chunk, tasks, *args).result()
    except Exception as exc:  # noqa: BLE001
        if not pool.is_crash(exc):
            raise
    out = []
    for t in tasks:
        try:
            out.extend(pool.submit(slot, evaluate_chunk, [t], *args).result())
        except Exception as exc:  # noqa: BLE001
            if not pool.is_crash(exc):
                raise
            dead = Task(row=t.row, record={}, case_id=t.case_id, warnings=t.warnings,
                        error="internal error (please report): the evaluation of this row stopped its worker "
                              f"process ({type(exc).__name__}); the other rows are not affected")
            res = evaluate_chunk([dead], *args)
            res[0][1][0] = "internal"
            out.extend(res)
    return out


#: Routing fields: rows that agree on these share heat-pump designs (the expensive, cached part).
_ROUTE_FIELDS = ("process", "sink_medium", "T_sink_in_C", "T_sink_out_C", "source_medium", "T_source_in_C",
                 "T_source_out_C", "dT_min_K", "eta_is", "refrigerant")
#: Most routing keys remembered (bounded memory on huge files).
_ROUTE_MAX_KEYS = 200_000


def route_key(task: Task) -> tuple | None:
    """Key under which rows share a thermodynamic design (``None``: no heat-pump design needed)."""
    if task.error is not None:
        return None
    r = task.record
    proc = str(r.get("process", "heat")).strip().lower()
    if proc in ("lime_kiln", "glass_furnace") or "T_source_in_C" not in r:
        return None
    return tuple(str(r.get(f, "")).strip().lower() for f in _ROUTE_FIELDS)


class Router:
    """Send rows that share a design to the same worker, keeping the workers evenly loaded.

    A design computed once is cached in that worker's process; sending every row with
    the same streams there avoids computing it once per worker. A key gets a second
    (third ...) worker only when its workers run more than ``slack`` rows ahead of
    the least loaded one. Results do not depend on the routing.

    Parameters
    ----------
    slots : int
        Number of workers.
    slack : int
        Rows of imbalance tolerated before a key is shared with another worker.
    """

    def __init__(self, slots: int, slack: int):
        self.load = [0] * slots
        self.slack = slack
        self._homes: dict[tuple, list[int]] = {}
        self._lock = threading.Lock()

    def route(self, key: tuple | None) -> int:
        with self._lock:
            least = min(range(len(self.load)), key=self.load.__getitem__)
            if key is None:
                slot = least
            else:
                homes = self._homes.get(key)
                if homes is None:
                    if len(self._homes) >= _ROUTE_MAX_KEYS:
                        self._homes.clear()
                    self._homes[key] = homes = [least]
                slot = min(homes, key=self.load.__getitem__)
                if self.load[slot] - self.load[least] > self.slack:
                    homes.append(least)
                    slot = least
            self.load[slot] += 1
            return slot

    def done(self, slot: int, n: int) -> None:
        with self._lock:
            self.load[slot] -= n


def default_workers() -> int:
    """Number of usable cores."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


# ---------------------------------------------------------------------------------------------------------------
# summary
@dataclass
class BatchSummary:
    """Counts and timing of one batch run.

    Attributes
    ----------
    rows_read : int
        Non-blank input data rows.
    rows_ok : int
        Input rows evaluated (their baseline and options have ``ok`` or
        ``infeasible`` status).
    rows_error : int
        Input rows answered with one ``status = error`` row.
    blank_rows : int
        Blank input lines skipped.
    duplicate_ids : int
        Rows whose ``case_id`` was used by an earlier row (evaluated, with a warning).
    internal_errors : int
        Rows where the library failed unexpectedly (a bug; counted in ``rows_error``).
    results_ok, results_infeasible, results_error : int
        Output rows by status.
    seconds : float
        Wall time [s].
    """

    input: str = ""
    output: str = ""
    engine: str = "local"
    workers: int = 1
    rows_read: int = 0
    rows_ok: int = 0
    rows_error: int = 0
    blank_rows: int = 0
    duplicate_ids: int = 0
    internal_errors: int = 0
    results_ok: int = 0
    results_infeasible: int = 0
    results_error: int = 0
    seconds: float = 0.0

    @property
    def rows_per_s(self) -> float:
        """Input rows per second."""
        return self.rows_read / self.seconds if self.seconds > 0 else float("nan")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        d["rows_per_s"] = round(self.rows_per_s, 1) if math.isfinite(self.rows_per_s) else None
        return d

    def text(self) -> str:
        """Summary lines for the terminal."""
        lines = [
            f"rows read {self.rows_read:,}: ok {self.rows_ok:,}, error {self.rows_error:,}"
            + (f" (internal {self.internal_errors:,}, please report)" if self.internal_errors else "")
            + (f"; blank lines skipped {self.blank_rows:,}" if self.blank_rows else "")
            + (f"; duplicate case_id {self.duplicate_ids:,}" if self.duplicate_ids else ""),
            f"result rows: ok {self.results_ok:,}, infeasible {self.results_infeasible:,}, "
            f"error {self.results_error:,}",
            f"time {self.seconds:,.1f} s ({self.rows_per_s:,.0f} rows/s, engine {self.engine}, "
            f"{self.workers} worker{'s' if self.workers != 1 else ''}) → {self.output}",
        ]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# orchestration
def _tasks(rows: Iterable[RawRow], cmap: ColumnMap, summary: BatchSummary,
           dedupe: bool = True) -> Iterator[tuple[Task, list[Any]]]:
    """Input rows → (Task, pass-through cells), with duplicate-id warnings."""
    seen: dict[str, int] = {}
    cid_idx = cmap.case_id_index
    for raw in rows:
        cells = raw.cells
        record = {}
        for i, f in cmap.fields:
            v = cells[i] if i < len(cells) else None
            if v is not None:
                record[f] = v
        pt = [cells[i] if i < len(cells) else None for i, _ in cmap.passthrough]
        cid = cells[cid_idx] if cid_idx is not None and cid_idx < len(cells) else None
        warnings = list(raw.warnings)
        if dedupe and cid is not None and str(cid).strip():
            key = str(cid).strip()
            first = seen.get(key)
            if first is None:
                seen[key] = raw.row
            else:
                summary.duplicate_ids += 1
                warnings.append(f"duplicate case_id {key!r} (first on row {first}); evaluated again")
        yield Task(row=raw.row, record=record, error=raw.error, warnings=warnings, case_id=cid), pt


def _chunks(it: Iterable, n: int) -> Iterator[list]:
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def run_batch(input_path: str | os.PathLike, output_path: str | os.PathLike, *, workers: int | None = None,
              engine: str = "local", scheduler: str | None = None, chunk_rows: int = DEFAULT_CHUNK_ROWS,
              progress: ProgressCallback | None = None, sep: str | None = None, decimal: str | None = None,
              evaluator: Callable[[dict], list[dict]] | None = None, mp_context: str | None = None,
              cluster_kwargs: dict | None = None) -> BatchSummary:
    """Evaluate every row of a case table and write the result rows.

    Parameters
    ----------
    input_path : path-like
        CSV, .xlsx or Parquet file with the case schema as columns.
    output_path : path-like
        ``.csv``, ``.xlsx`` or ``.parquet``; written through ``<name>.part``.
    workers : int, optional
        Worker processes (default: the usable cores). ``1`` evaluates in this
        process (local engine).
    engine : {"local", "dask"}
        Local process pool, or a Dask cluster.
    scheduler : str, optional
        Dask scheduler address (``tcp://host:8786``); without it the Dask engine
        starts a LocalCluster on 127.0.0.1 with ``workers`` single-threaded workers.
    chunk_rows : int
        Input rows per unit of work.
    progress : callable, optional
        Called as ``progress(rows_done, rows_total_estimate)`` after each chunk.
    sep, decimal : str, optional
        CSV output separator and decimal mark (default: as the input).
    evaluator : callable, optional
        ``record -> list of row dicts`` instead of
        :func:`heatcalc.evaluate.evaluate_record` (must be picklable for a pool).
    mp_context : str, optional
        Start method of the local pool (default ``forkserver`` where available).
    cluster_kwargs : dict, optional
        Extra arguments of the Dask LocalCluster.

    Returns
    -------
    BatchSummary

    Raises
    ------
    InputError
        If the input cannot be read at all (missing, empty, not a table, not
        UTF-8, no case columns), the output path is invalid, or the options are;
        nothing is left behind then.
    KeyboardInterrupt
        Passed on; the rows done so far stay in ``<output>.part``.
    """
    t0 = time.perf_counter()
    inp, out = Path(input_path), Path(output_path)
    if engine not in ("local", "dask"):
        raise InputError(f"--engine={engine!r} is invalid; valid: local · dask")
    if workers is not None and not (1 <= int(workers) <= 1024):
        raise InputError(f"--workers={workers} is out of range: valid is 1 to 1024")
    if chunk_rows < 1:
        raise InputError(f"chunk_rows={chunk_rows} must be at least 1")
    if sep is not None and sep not in _SEPARATORS:
        raise InputError(f"--sep={sep!r} is invalid; valid: , ; tab |")
    if decimal is not None and decimal not in (".", ","):
        raise InputError(f"--decimal={decimal!r} is invalid; valid: . or ,")
    out_kind = _output_kind(out)
    try:
        if inp.exists() and out.exists() and inp.resolve() == out.resolve():
            raise InputError(f"output {out.name!r} is the input file; choose another name")
    except OSError:
        pass
    if not out.parent.exists():
        raise InputError(f"output folder {str(out.parent)!r} does not exist")
    n_workers = int(workers) if workers else default_workers()

    reader = open_table(inp, chunk_rows)
    part = out.with_name(out.name + ".part")
    pool = None
    writer = None
    summary = BatchSummary(input=str(inp), output=str(out), engine=engine, workers=n_workers)
    ok = interrupted = False
    try:
        cmap = map_columns(reader.header, inp.name)
        rows_iter: Iterator[RawRow] = reader.rows()
        style = InputStyle(sep=sep or reader.style.sep, decimal=decimal or reader.style.decimal,
                           bom=reader.style.bom)
        if out_kind == "csv" and style.sep == "," and style.decimal == ",":
            style.sep = ";"  # a comma-separated file with decimal commas would need quotes everywhere
        rcols = result_columns()
        columns = [INPUT_ROW] + rcols + cmap.passthrough_names
        try:
            if out_kind == "csv":
                writer = CsvWriter(part, columns, style)
            elif out_kind == "xlsx":
                writer = ExcelWriter(part, columns, style)
            else:
                ptypes = {}
                if isinstance(reader, ParquetReader):
                    for i, name in cmap.passthrough:
                        ptypes[name] = reader.arrow_schema.field(i).type
                writer = ParquetWriter(part, columns, style, ptypes)
                writer.set_layout(1 + len(rcols))
        except OSError as exc:
            raise InputError(f"output {str(out)!r} cannot be written: {exc.strerror or exc}") from None

        if engine == "dask":
            pool = _DaskPool(n_workers, scheduler, cluster_kwargs)
            summary.workers = pool.workers
        elif n_workers == 1:
            pool = _Inline()
        else:
            pool = _LocalPool(n_workers, mp_context)
        window = max(pool.slots * IN_FLIGHT_PER_WORKER, 2)
        router = Router(pool.slots, slack=2 * chunk_rows)
        pending: deque = deque()

        def drain_one():
            pts, futs, n = pending.popleft()
            results: list = [None] * n
            for slot, positions, sub, fut in futs:
                try:
                    got = fut.result()
                except ImportError as exc:
                    if engine != "dask":
                        raise
                    raise InputError(f"the Dask workers cannot run heatcalc ({exc}); install heatcalc (same version) "
                                     "on every worker of the cluster") from None
                except Exception as exc:  # noqa: BLE001 - only crashes of a worker process are recovered
                    if not pool.is_crash(exc):
                        raise
                    got = _recover(pool, slot, sub, (rcols, writer.mode, style.decimal, evaluator))
                for p, res in zip(positions, got):
                    results[p] = res
            out_rows = []
            for (row, statuses, cells), pt in zip(results, pts):
                summary.rows_read += 1
                ptc = writer.passthrough_cells(pt) if pt else []
                if len(statuses) == 1 and statuses[0] in ("error", "internal"):
                    summary.rows_error += 1
                    summary.results_error += 1
                    if statuses[0] == "internal":
                        summary.internal_errors += 1
                else:
                    summary.rows_ok += 1
                    for st in statuses:
                        if st == "ok":
                            summary.results_ok += 1
                        elif st == "infeasible":
                            summary.results_infeasible += 1
                        else:
                            summary.results_error += 1
                for c in cells:
                    out_rows.append([row] + c + ptc)
            writer.write(out_rows)
            if progress is not None:
                progress(summary.rows_read, reader.total_estimate(summary.rows_read))

        if progress is not None:
            progress(0, reader.total_estimate(0))
        for chunk in _chunks(_tasks(rows_iter, cmap, summary), chunk_rows):
            tasks = [t for t, _ in chunk]
            pts = [pt for _, pt in chunk]
            groups: dict[int, list[int]] = {}
            for pos, t in enumerate(tasks):
                groups.setdefault(router.route(route_key(t)), []).append(pos)
            futs = []
            for slot, positions in sorted(groups.items()):
                sub = [tasks[p] for p in positions]
                fut = pool.submit(slot, evaluate_chunk, sub, rcols, writer.mode, style.decimal, evaluator)
                fut.add_done_callback(lambda _f, s=slot, n=len(positions): router.done(s, n))
                futs.append((slot, positions, sub, fut))
            pending.append((pts, futs, len(tasks)))
            while len(pending) >= window:
                drain_one()
        while pending:
            drain_one()
        summary.blank_rows = getattr(reader, "blank_rows", 0)
        summary.seconds = time.perf_counter() - t0
        writer.close(summary)
        writer = None
        os.replace(part, out)
        ok = True
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        if pool is not None:
            pool.close(cancel=not ok)
        reader.close()
        if writer is not None:
            try:
                writer.close()  # a valid partial file (CSV flushed, Parquet footer, xlsx saved)
            except Exception:  # noqa: BLE001 - already failing
                pass
        if not ok and not interrupted:
            try:
                part.unlink()
            except OSError:
                pass
    summary.seconds = time.perf_counter() - t0
    return summary


# ---------------------------------------------------------------------------------------------------------------
# template
#: Example rows of the template (values as a user would type them; see data/examples/README.md).
TEMPLATE_EXAMPLES = [
    {"case_id": "example-dairy-hot-water", "process": "heat", "heat_demand_kW": 2500, "operating_hours_per_yr": 6000,
     "sink_medium": "water", "T_sink_in_C": 60, "T_sink_out_C": 90, "source_medium": "water", "T_source_in_C": 35,
     "options": "all"},
    {"case_id": "example-lime-kiln", "process": "lime_kiln", "production_t_per_yr": 30000, "baseline": "gas_kiln",
     "options": "all"},
]


def template_columns() -> list[str]:
    """Columns of the batch template: every case field, in contract order."""
    return case_fields()


def write_template(path: str | os.PathLike) -> Path:
    """Write an input template: the case fields as columns and two example rows.

    ``.xlsx`` templates get a second sheet ``fields`` with each field's unit,
    default and valid range.

    Raises
    ------
    InputError
        If the suffix is not .csv/.xlsx/.parquet or the file cannot be written.
    """
    from .case import Case, field_meta

    p = Path(path)
    kind = _output_kind(p)
    cols = template_columns()
    rows = [[ex.get(c, "") for c in cols] for ex in TEMPLATE_EXAMPLES]
    try:
        if kind == "csv":
            with open(p, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(cols)
                w.writerows(rows)
        elif kind == "xlsx":
            import openpyxl

            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "cases"
            ws.append(cols)
            for r in rows:
                ws.append([None if v == "" else v for v in r])
            info = wb.create_sheet("fields")
            info.append(["field", "unit", "required", "default", "valid"])
            for name, f in Case.model_fields.items():
                meta = field_meta(name)
                default = f.default if not f.is_required() else ""
                if isinstance(default, tuple):
                    default = ";".join(default)
                info.append([name, meta["unit"], "yes" if f.is_required() else "see README",
                             "" if default is None else str(default), meta["valid"]])
            wb.save(p)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({c: [None if r[i] == "" else str(r[i]) for r in rows] for i, c in enumerate(cols)})
            pq.write_table(table, p)
    except OSError as exc:
        raise InputError(f"template {str(p)!r} cannot be written: {exc.strerror or exc}") from None
    return p


__all__ = [
    "BatchSummary", "ColumnMap", "DEFAULT_CHUNK_ROWS", "INPUT_ROW", "InputStyle", "Task", "detect_format",
    "evaluate_chunk", "format_cell", "format_number", "map_columns", "neutralise", "open_table", "result_columns",
    "run_batch", "template_columns", "write_template", "default_workers",
]

if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: heatcalc batch INPUT -o OUTPUT")
