"""Issue 17, class 6: a small xlsx must not exhaust memory or time.

Each hostile workbook is built here, small on disk: a shared-string table of a few MB of one repeated string
(compresses to KB), one string longer than Excel's cell limit, a sheet declaring Excel's full size, a row number
far beyond Excel's last row. Before the bounds (``readers.check_xlsx_bounds``) openpyxl read the first three
without a word (the table kept whole in memory, every row padded to 16,384 columns). Now each is refused before
openpyxl opens the file, with a message naming the limit; an ordinary workbook still reads.
"""
from __future__ import annotations

import io
import random
import string
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from heatcalc.batch import readers as R
from heatcalc.batch.run import run_batch
from heatcalc.core.errors import InputError
from tests.fuzz.strategies import fuzz_settings

HEADER = ["case_id", "heat_demand_kW", "T_sink_out_C", "T_source_in_C", "options"]
ROW = ["a", 1000, 90, 40, "e_boiler"]


def _workbook_bytes(rows=1) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "cases"
    ws.append(HEADER)
    for i in range(rows):
        ws.append([f"c{i}"] + ROW[1:])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _with_part(data: bytes, name: str, edit) -> bytes:
    """``data`` (an xlsx) with the part ``name`` replaced by ``edit(old_text)``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == name:
                body = edit(body.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, body)
    return out.getvalue()


SST_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(data: bytes, strings_xml: str) -> bytes:
    """``data`` (an xlsx without a shared-string table, as openpyxl writes it) with ``xl/sharedStrings.xml`` =
    ``<sst>strings_xml</sst>``, declared in the content types (where openpyxl looks for it) and the relations."""
    data = _with_part(data, "[Content_Types].xml", lambda x: x.replace(
        "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>'))
    data = _with_part(data, "xl/_rels/workbook.xml.rels", lambda x: x.replace("</Relationships>", (
        '<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings"/></Relationships>')))
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{SST_NS}">'
                                           f"{strings_xml}</sst>")
    return out.getvalue()


def _hostile(text: str) -> bytes:
    """A one-row workbook whose shared-string table holds ``header`` words and ``text``."""
    return _with_shared_strings(_workbook_bytes(), "<si><t>case_id</t></si>" + f"<si><t>{text}</t></si>")


def _write(tmp_path: Path, data: bytes, name="cases.xlsx") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _read(path: Path):
    reader = R.open_table(path)
    try:
        return list(reader.rows())
    finally:
        reader.close()


def test_plain_workbook_reads(tmp_path):
    rows = _read(_write(tmp_path, _workbook_bytes(rows=3)))
    assert [r.cells[0] for r in rows] == ["c0", "c1", "c2"]


def test_repeated_string_bomb_is_refused(tmp_path):
    """4 MB of one repeated string in the shared-string table: ~10 KB on disk, refused by its ratio."""
    data = _hostile("A" * (4 * 2**20))
    assert len(data) < 64 * 1024
    p = _write(tmp_path, data)
    with pytest.raises(InputError) as e:
        _read(p)
    msg = str(e.value)
    assert "cases.xlsx" in msg and "sharedStrings.xml" in msg and f"limit is {R.XLSX_MAX_RATIO} times" in msg


def test_shared_strings_size_limit_streams(tmp_path, monkeypatch):
    """The table is read as a stream and stopped at its size limit (here lowered to 64 KiB; the ratio of this
    incompressible text passes, so the stream's own limit is what refuses it)."""
    rnd = random.Random(17)
    text = "".join(rnd.choice(string.ascii_letters) for _ in range(20000))
    data = _with_shared_strings(_workbook_bytes(), "".join(f"<si><t>{text[i:] + text[:i]}</t></si>"
                                                           for i in range(0, 20000, 2000)))
    p = _write(tmp_path, data)
    monkeypatch.setattr(R, "XLSX_MAX_SHARED_STRINGS_BYTES", 64 * 1024)
    with pytest.raises(InputError, match=r"shared-string table 'xl/sharedStrings.xml' is larger than 65,536 bytes "
                                         r"uncompressed \(the limit\)"):
        _read(p)


def test_string_longer_than_excel_cell_is_refused(tmp_path):
    rnd = random.Random(6)
    text = "".join(rnd.choice(string.ascii_letters) for _ in range(R.XLSX_MAX_STRING_CHARS + 1))
    p = _write(tmp_path, _hostile(text))
    with pytest.raises(InputError, match=r"has 32,768 characters; the limit is 32,767 \(Excel's longest cell text\)"):
        _read(p)


def test_declared_full_sheet_is_refused(tmp_path):
    """A sheet declaring A1:XFD1048576 (openpyxl pads every row to the declared width)."""
    data = _with_part(_workbook_bytes(), "xl/worksheets/sheet1.xml",
                      lambda x: __import__("re").sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', x))
    p = _write(tmp_path, data)
    with pytest.raises(InputError, match=r"declares 1,048,576 rows x 16,384 columns = 17,179,869,184 cells; the limit"):
        _read(p)


def test_row_number_beyond_excel_is_bounded(tmp_path, monkeypatch):
    """A row numbered 10^9 without a dimension: openpyxl would yield a billion empty rows; reading stops at
    Excel's last row (lowered here to keep the test fast)."""
    def edit(xml: str) -> str:
        import re
        xml = re.sub(r"<dimension [^>]*/>", "", xml)
        return xml.replace("</sheetData>", '<row r="1000000000"><c r="A1000000000" t="inlineStr"><is><t>far</t></is>'
                                           "</c></row></sheetData>")
    p = _write(tmp_path, _with_part(_workbook_bytes(), "xl/worksheets/sheet1.xml", edit))
    monkeypatch.setattr(R, "XLSX_MAX_ROWS", 5000)
    t0 = time.perf_counter()
    rows = _read(p)
    assert time.perf_counter() - t0 < 30  # a generous bound against a hang, not a performance target
    assert [r.cells[0] for r in rows] == ["c0"]


def test_not_a_zip_is_an_input_error(tmp_path):
    p = _write(tmp_path, b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        _read(p)


def test_batch_run_reports_the_limit(tmp_path):
    """Through the batch: one error naming the limit, no output written."""
    data = _hostile("B" * (3 * 2**20))
    p = _write(tmp_path, data)
    out = tmp_path / "out.csv"
    with pytest.raises(InputError, match="the limit is 100 times"):
        run_batch(p, out, workers=1)
    assert not out.exists()


@fuzz_settings(scale=0.3)
@given(size_kib=st.integers(1100, 3000), char=st.sampled_from(["A", "é", "0", " x"]))
def test_property_repeated_strings_never_reach_openpyxl(tmp_path_factory, size_kib, char):
    """Any repeated-string table above the ratio floor is refused by its ratio, whatever its size and text."""
    text = (char * (size_kib * 1024 // len(char.encode("utf-8")) + 1))
    p = _write(tmp_path_factory.mktemp("x"), _hostile(text))
    with pytest.raises(InputError, match="limit is 100 times"):
        _read(p)
