"""Reading batch input tables: CSV (delimiter, decimal mark and BOM sniffed), xlsx and
parquet, streamed in chunks of raw rows, with the header mapped to case fields.

* Numbers in a CSV follow the file's decimal mark (decided on the cells of the first rows
  that show it): the other mark may only group thousands in threes (``2.500`` in a
  decimal-comma file is 2500, with a warning on the row); a cell that breaks the rule is an
  error naming the column, the value and the valid range (:func:`heatcalc.core.numbers.normalise_number`).
* CR and LF inside a cell belong to the cell: quoted, and also a bare CR in a file whose lines
  end in LF or CRLF (as Python's ``csv`` writer and pandas write it). ``row`` numbers count
  records as a spreadsheet shows them, not physical lines.
"""
from __future__ import annotations

import csv
import io
import itertools
import math
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from heatcalc.case import OPTIONS, Case, field_meta
from heatcalc.columns import EXTRA_COLUMNS, RESULT_COLUMNS
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message, message_of
from heatcalc.core.numbers import looks_like_number, normalise_number

#: Input rows per chunk handed to a worker.
DEFAULT_CHUNK_ROWS = 200


#: Bytes read to recognise the format, the encoding and the separator.
SNIFF_BYTES = 65536


#: Data rows looked at to decide on the decimal mark.
SNIFF_ROWS = 2000


#: Column with the input row number (spreadsheet numbering: header = row 1).
INPUT_ROW = "input_row"


CSV_SUFFIXES = (".csv", ".txt", ".tsv")


EXCEL_SUFFIXES = (".xlsx", ".xlsm")


PARQUET_SUFFIXES = (".parquet", ".pq")


_SEPARATORS = (",", ";", "\t", "|")


_UNIT_SUFFIX = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")


_SURROGATES = re.compile("[\udc80-\udcff]")


#: Stand-in of a bare CR inside a line while the csv module parses it (a Unicode noncharacter, for internal use).
_CR_MARK = "\ufdd0"


def _is_number_field(name: str) -> bool:
    args = typing.get_args(Case.model_fields[name].annotation) or (Case.model_fields[name].annotation,)
    return bool not in args and any(a in (int, float) for a in args)


#: Case fields whose cells are numbers (the decimal-mark rule applies to them).
NUMBER_FIELDS = frozenset(f for f in Case.model_fields if _is_number_field(f))


# ---------------------------------------------------------------------------------------------------------------
# output columns
def result_columns() -> list[str]:
    """Result columns of every output row, in order (contract columns, then extras)."""
    return list(RESULT_COLUMNS) + [c for c in EXTRA_COLUMNS if c not in RESULT_COLUMNS]


def case_fields() -> list[str]:
    """Case schema fields in contract order."""
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


def _number_cells(header: Sequence[str]) -> list[tuple[int, str, str]]:
    """``(index, column as written, field)`` of the columns holding numbers of case fields."""
    known = {f.lower(): f for f in NUMBER_FIELDS}
    out = []
    for j, h in enumerate(header):
        f = known.get(_header_key(h))
        if f is not None:
            out.append((j, str(h).replace("\ufeff", "").strip(), f))
    return out


def _shown_mark(text: str) -> str | None:
    """The decimal mark a number cell shows, or ``None`` (no mark, or a lone mark before three digits)."""
    t = re.sub(r"[eE][+-]?\d+$", "", text.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
    if "." in t and "," in t:
        return "." if t.rfind(".") > t.rfind(",") else ","
    mark = "." if "." in t else ("," if "," in t else None)
    if mark is None:
        return None
    if t.count(mark) > 1:
        return "," if mark == "." else "."
    ip, _, fp = t.lstrip("+-").partition(mark)
    if len(fp) == 3 and re.fullmatch(r"[1-9]\d{0,2}", ip):
        return None
    return mark


def _normalise_numbers(raw: "RawRow", columns: Sequence[tuple[int, str, str]], decimal: str | None,
                       certain: bool) -> "RawRow":
    """Number cells of ``raw`` read as floats, per the file's decimal mark (the text exactly as written, then
    the nearest float); notes become warnings, the first cell that breaks the rule the row's error."""
    if raw.error is not None:
        return raw
    for j, col, f in columns:
        c = raw.cells[j] if j < len(raw.cells) else None
        if not isinstance(c, str) or not looks_like_number(c):
            continue
        try:
            text, note = normalise_number(c, decimal, certain)
        except ValueError as exc:
            meta = field_meta(f)
            unit = f" {meta['unit']}" if meta["unit"] not in ("-", "") else ""
            label = col if col.strip() == f else Message(  # as written, and the schema's name
                "batch.column_field", f"{col.strip()} (field {f})", column=col.strip(), field=f)
            raw.error = Message("input.number_not_read", f"{label}={c.strip()!r}{unit} is not read: {exc}; valid: "
                                f"{meta['valid']}", field=label, value=repr(c.strip()), unit=unit, why=message_of(exc),
                                valid=meta["valid"])
            return raw
        # as a float: the mark is decided here, so the case schema must not guess it again (``1.125`` read with
        # the file's mark is no longer ambiguous text)
        raw.cells[j] = float(text)
        if note:
            raw.warnings.append(Message("batch.number_note", f"{col}: {note}", column=col, note=note))
    return raw


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


def _first_line_end(head: bytes) -> str | None:
    """The line end of a CSV head (``\\n``, ``\\r\\n`` or a bare ``\\r``): the first one outside quotes."""
    quoted = False
    for i, b in enumerate(head):
        if b == 0x22:
            quoted = not quoted
        elif not quoted and b in (0x0A, 0x0D):
            if b == 0x0A:
                return "\n"
            return "\r\n" if head[i + 1:i + 2] == b"\n" else "\r"
    return None


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
        # Lines end in LF or CRLF unless the file has no LF at all (old Mac files end lines in a bare CR):
        # then a bare CR is part of a cell, as Excel reads it.
        self._cr_lines = _first_line_end(head) == "\r"
        self._raw = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._text = io.TextIOWrapper(self._raw, encoding="utf-8-sig", errors="surrogateescape",
                                      newline="" if self._cr_lines else "\n")
        text_head = head.decode("utf-8-sig", errors="ignore")
        lines = re.split(r"\r\n|\r|\n", text_head) if self._cr_lines else re.split(r"\r?\n", text_head)
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
        self._reader = csv.reader(self._text if self._cr_lines else self._lines(), delimiter=sep)
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
        self._record = self._line  # row numbers: the header's line, then one per record (a cell may span lines)
        self.header = _trim_header(header)
        self._options_idx = next((i for i, h in enumerate(self.header) if _header_key(h) == "options"), None)
        self._option_words = set(OPTIONS) | {"all"}
        self.sep = sep
        self.style = InputStyle(sep=sep, decimal=".", bom=bom)
        self.blank_rows = 0
        self._number_cols = _number_cells(self.header)
        self._stream = self._read_rows()
        self._prefetched = list(itertools.islice(self._stream, SNIFF_ROWS))
        self.style.decimal = self.sniff_decimal(self._prefetched)
        self._buffer: list[RawRow] = []

    def _lines(self) -> Iterator[str]:
        """Lines of an LF/CRLF file for the csv module, a bare CR inside a line hidden from it (a cell's)."""
        for line in self._text:
            if "\r" in line:
                end = "\r\n" if line.endswith("\r\n") else ("\n" if line.endswith("\n") else "")
                body = line[:len(line) - len(end)]
                if not end and body.endswith("\r"):  # last line of the file ending in a bare CR
                    body, end = body[:-1], "\r"
                line = body.replace("\r", _CR_MARK) + end
            yield line

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
        """Decide the decimal mark from the number cells of the first rows that show it.

        A cell with both marks shows the last one (``1.234,5``); a mark used twice groups thousands
        (``1.234.567``: decimal comma); a single mark before exactly three digits (``2.500``) shows
        nothing. The majority of the cells that show a mark decides. Without a majority (no cell shows
        one, or a tie) the decimal is a point — or a comma in a ``;``-separated file with ``2.500``-like
        or decimal-comma cells (Dutch Excel) — and :attr:`decimal_certain` is false, so ambiguous cells
        get a note.
        """
        votes = {".": 0, ",": 0}
        ambiguous = 0
        for r in rows:
            for j, _, _ in self._number_cols:
                c = r.cells[j] if j < len(r.cells) else None
                if not isinstance(c, str) or not looks_like_number(c):
                    continue
                mark = _shown_mark(c)
                if mark is None:
                    ambiguous += ("." in c or "," in c)
                else:
                    votes[mark] += 1
        self.decimal_certain = votes["."] != votes[","]
        if self.decimal_certain:
            return "," if votes[","] > votes["."] else "."
        return "," if self.sep == ";" and (ambiguous or votes[","]) else "."

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
                warnings.append(Message("batch.options_split", f"options {merged!r} were split by the file's "
                                        f"separator {self.sep!r}; read them as one list (quote the cell to avoid "
                                        "this note)", options=repr(merged), sep=repr(self.sep)))
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
                    warnings.append(Message("batch.row_other_separator", f"row {start} is separated by {alt!r} "
                                            f"while the file uses {self.sep!r}; read it with {alt!r}", row=start,
                                            alt=repr(alt), sep=repr(self.sep)))
                    break
        if len(rec) != n:
            end = self._reader.line_num
            span = (Message("batch.span_lines", f"lines {start}-{end}", start=start, end=end) if end > start
                    else Message("batch.span_line", f"line {start}", start=start))
            hint = ""
            if end > start:
                hint = Message("batch.hint_quote", " (a quote \" that is not closed?)")
            elif self.sep == "," and len(rec) > n:
                hint = Message("batch.hint_decimal_comma", " (decimal commas in a comma-separated file must be quoted, "
                               "or use ';' as separator)")
            got = (Message("batch.one_cell", "1 cell") if len(rec) == 1
                   else Message("batch.cells", f"{len(rec)} cells", n=len(rec)))
            error = Message("batch.row_cells", f"row has {got} but the header has {n} columns ({span}){hint}; the row "
                            "was not evaluated", got=got, columns=n, span=span, hint=hint)
            rec = (rec + [""] * n)[:n]
        cells: list[Any] = []
        for j, c in enumerate(rec):
            if _CR_MARK in c:
                c = c.replace(_CR_MARK, "\r")
            if _SURROGATES.search(c):
                c = c.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                if error is None:
                    error = Message("batch.not_utf8_cell", f"column {self.header[j]!r} holds bytes that are not "
                                    f"UTF-8 ({c!r}); save the file as 'CSV UTF-8'", column=repr(self.header[j]),
                                    cell=repr(c))
            cells.append(c)
        return RawRow(row=self._record, cells=cells, error=error, warnings=warnings)

    def rows(self) -> Iterator[RawRow]:
        """Data rows: the rows read ahead to decide the decimal mark, then the rest of the stream, with their
        number cells read in the file's decimal convention."""
        prefetched, self._prefetched = self._prefetched, []
        cols, dec, sure = self._number_cols, self.style.decimal, self.decimal_certain
        for r in prefetched:
            yield _normalise_numbers(r, cols, dec, sure)
        for r in self._stream:
            yield _normalise_numbers(r, cols, dec, sure)

    def _read_rows(self) -> Iterator[RawRow]:
        while True:
            start = self._reader.line_num + 1
            try:
                rec = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._record += 1
                yield RawRow(row=self._record, cells=[None] * len(self.header),
                             error=Message("batch.csv_line", f"line {start} cannot be read as CSV: {exc}",
                                           line=start, error=str(exc)))
                continue
            self._record += 1
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


# -- bounds of an xlsx before openpyxl reads it -----------------------------------------------------------------
# An xlsx is a zip of XML parts; openpyxl keeps the whole shared-string table in memory and pads rows to the
# sheet's declared size, so a 2 MB upload can hold a 1 GB table. These bounds are checked on the zip directory
# and on a size-limited stream of the XML before any workbook is opened.

#: Largest uncompressed size of one part of the workbook (a sheet's XML), bytes.
XLSX_MAX_PART_BYTES = 512 * 2**20

#: Largest uncompressed size of all parts together, bytes.
XLSX_MAX_TOTAL_BYTES = 1024 * 2**20

#: Largest compression ratio (uncompressed / compressed) of a part bigger than :data:`XLSX_RATIO_FROM_BYTES`.
#: Sheets written by Excel, LibreOffice and openpyxl compress 5-20 times; a repeated-string bomb ~1000 times.
XLSX_MAX_RATIO = 100

#: Parts smaller than this are not held to :data:`XLSX_MAX_RATIO` (small XML compresses well and costs nothing).
XLSX_RATIO_FROM_BYTES = 2**20

#: Largest uncompressed shared-string table (held in memory by openpyxl), bytes.
XLSX_MAX_SHARED_STRINGS_BYTES = 64 * 2**20

#: Longest text of one cell: Excel's own limit ("Total number of characters that a cell can contain: 32,767").
XLSX_MAX_STRING_CHARS = 32767

#: Excel's sheet size: 1,048,576 rows by 16,384 columns (XFD).
XLSX_MAX_ROWS = 1048576
XLSX_MAX_COLUMNS = 16384

#: Largest declared sheet size (rows x columns of its dimension) read.
XLSX_MAX_CELLS = 50_000_000

_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_DIMENSION_RE = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref=[\"']"
                           rb"([A-Za-z]{1,3})?(\d+)?(?::([A-Za-z]{1,3})?(\d+)?)?[\"']")


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB" if n >= 2**20 else f"{n:,} bytes"


class _Limited(io.RawIOBase):
    """A read-only stream that raises :class:`InputError` once more than ``limit`` bytes were read."""

    def __init__(self, fh, limit: int, what: str):
        self._fh, self._limit, self._what, self.read_bytes = fh, limit, what, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._fh.read(len(b))
        self.read_bytes += len(data)
        if self.read_bytes > self._limit:
            raise InputError(f"{self._what} is larger than {_mib(self._limit)} uncompressed (the limit)")
        b[:len(data)] = data
        return len(data)


def _column_number(letters: bytes | None) -> int:
    n = 0
    for ch in (letters or b"A").upper():
        n = n * 26 + (ch - 64)
    return n


def _xlsx_parts(zf, content_type: str, fallback: str) -> list[str]:
    """Names of the zip members of one content type ([Content_Types].xml), else those matching ``fallback``."""
    import xml.etree.ElementTree as ET

    names = {i.filename for i in zf.infolist()}
    found = []
    if "[Content_Types].xml" in names:
        try:
            with zf.open("[Content_Types].xml") as fh:
                root = ET.parse(_Limited(fh, 2**20, "[Content_Types].xml")).getroot()
            for el in root:
                if el.get("ContentType") == content_type and el.get("PartName"):
                    found.append(el.get("PartName").lstrip("/"))
        except ET.ParseError:
            pass
    found += [n for n in names if re.fullmatch(fallback, n, re.IGNORECASE)]
    return sorted({n for n in found if n in names})


def check_xlsx_bounds(path: Path) -> None:
    """Refuse a workbook whose reading would exhaust memory or time, before openpyxl opens it.

    Checks, each with a message naming the limit: every zip part's declared uncompressed size
    (:data:`XLSX_MAX_PART_BYTES`, :data:`XLSX_MAX_TOTAL_BYTES`) and compression ratio (:data:`XLSX_MAX_RATIO`);
    the shared-string table, streamed with a size limit (:data:`XLSX_MAX_SHARED_STRINGS_BYTES`), string by string
    (:data:`XLSX_MAX_STRING_CHARS`); every sheet's declared dimension (:data:`XLSX_MAX_ROWS`,
    :data:`XLSX_MAX_COLUMNS`, :data:`XLSX_MAX_CELLS`).

    Raises
    ------
    InputError
        When the file is not a zip or breaks one of the bounds.
    """
    import xml.etree.ElementTree as ET
    import zipfile

    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name} is not a readable Excel workbook (not a valid zip: {exc})") from None
    with zf:
        infos = zf.infolist()
        total = 0
        for i in infos:
            total += i.file_size
            if i.file_size > XLSX_MAX_PART_BYTES:
                raise InputError(f"{name}: part {i.filename!r} is {_mib(i.file_size)} uncompressed; the limit is "
                                 f"{_mib(XLSX_MAX_PART_BYTES)} per part (save a smaller workbook, or a CSV)")
            if i.file_size > XLSX_RATIO_FROM_BYTES and i.file_size > XLSX_MAX_RATIO * max(i.compress_size, 1):
                ratio = i.file_size / max(i.compress_size, 1)
                raise InputError(f"{name}: part {i.filename!r} expands {ratio:,.0f} times ({_mib(i.compress_size)} "
                                 f"to {_mib(i.file_size)}); the limit is {XLSX_MAX_RATIO} times for parts above "
                                 f"{_mib(XLSX_RATIO_FROM_BYTES)} (a workbook built to exhaust memory?)")
        if total > XLSX_MAX_TOTAL_BYTES:
            raise InputError(f"{name} is {_mib(total)} uncompressed; the limit is {_mib(XLSX_MAX_TOTAL_BYTES)} "
                             "(save a smaller workbook, or a CSV)")
        try:
            for part in _xlsx_parts(zf, _SHARED_STRINGS_TYPE, r"(?:.*/)?sharedStrings\d*\.xml"):
                what = f"{name}: the shared-string table {part!r}"
                with zf.open(part) as fh:
                    stream = _Limited(fh, XLSX_MAX_SHARED_STRINGS_BYTES, what)
                    count, root = 0, None
                    for event, el in ET.iterparse(io.BufferedReader(stream, 65536), events=("start", "end")):
                        if root is None:
                            root = el
                        if event != "end" or el.tag.rsplit("}", 1)[-1] != "si":
                            continue
                        count += 1
                        n = sum(len(t.text or "") for t in el.iter() if t.tag.rsplit("}", 1)[-1] == "t")
                        if n > XLSX_MAX_STRING_CHARS:
                            raise InputError(f"{what}: string {count:,} has {n:,} characters; the limit is "
                                             f"{XLSX_MAX_STRING_CHARS:,} (Excel's longest cell text)")
                        if count > XLSX_MAX_CELLS:
                            raise InputError(f"{what} holds more than {XLSX_MAX_CELLS:,} strings (the limit)")
                        root.clear()  # the strings read so far are not kept
            for part in _xlsx_parts(zf, _SHEET_TYPE, r"xl/worksheets/[^/]+\.xml"):
                with zf.open(part) as fh:
                    head = fh.read(65536)
                m = _DIMENSION_RE.search(head)
                if not m:
                    continue
                c1, r1, c2, r2 = m.groups()
                rows = int(r2 or r1 or 1)
                cols = _column_number(c2 or c1)
                size = f"{name}: sheet part {part!r} declares {rows:,} rows x {cols:,} columns"
                if rows > XLSX_MAX_ROWS or cols > XLSX_MAX_COLUMNS:
                    raise InputError(f"{size}; Excel's limit is {XLSX_MAX_ROWS:,} rows x {XLSX_MAX_COLUMNS:,} columns")
                if rows * cols > XLSX_MAX_CELLS:
                    raise InputError(f"{size} = {rows * cols:,} cells; the limit is {XLSX_MAX_CELLS:,} cells "
                                     "(split the table, or save it as CSV)")
        except (ET.ParseError, zipfile.BadZipFile, EOFError, OSError, RuntimeError, ValueError) as exc:
            raise InputError(f"{name} is not a readable Excel workbook: {type(exc).__name__}: {exc}") from None


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
        check_xlsx_bounds(path)
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
        # rows capped at Excel's limit: openpyxl yields an empty row for every missing row number up to the last
        self._it = self._ws.iter_rows(max_row=XLSX_MAX_ROWS, values_only=True)
        self._itf = self._wsf.iter_rows(max_row=XLSX_MAX_ROWS, values_only=True)
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
                    error = Message("batch.formula_no_value", f"column {self.header[j]!r} holds a formula without a "
                                    f"saved value ({f}); open and save the file in Excel, or paste values",
                                    column=repr(self.header[j]), formula=f)
                    break
            if error is None and any(e is not None for e in extra):
                error = Message("batch.beyond_header", f"row has values beyond the {n} header columns; give every "
                                "column a name", columns=n)
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
