"""Fuzzing of the app (Streamlit AppTest, no browser): hostile share-link parameters and uploads on every page.

Invariants (issue 17, classes 5, 6 and 8):

* no exception reaches the page (``at.exception`` is empty);
* no Markdown link from user text: no rendered text element (titles, Markdown, captions, warnings, errors, infos,
  successes, in the main area and the sidebar) holds a link, autolink or HTML anchor to the hostile host
  ``evil.example`` or a ``javascript:`` target, whatever was typed in a link, a case file, a CSV cell or a file
  name (the app's own share link may carry the text URL-encoded: that is no link *from* it);
* the page keeps its results: after a hostile upload the page shows as many metrics as before, and a link with
  hostile values still shows the quick scan's results (the bad values are reported and dropped).

The fast profile (``HEATCALC_FUZZ_PROFILE=ci``, ``make test``) draws a few link vectors; ``thorough`` many.
Every page is visited once with a hostile link, and every uploader gets a hostile file.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from heatcalc.case import Case  # noqa: E402
from tests.fuzz.strategies import fuzz_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
#: Longest run of one script in AppTest [s] (the first run imports CoolProp and designs).
RUN_TIMEOUT_S = 240
PAGES = ["views/quick_scan.py", "views/cycle_designer.py", "views/hourly_grid.py", "views/batch.py",
         "views/process_integration.py", "views/hub.py", "views/report.py"]

#: User text that a Markdown renderer would turn into a link (or an image, an anchor, a coloured span).
LINKS = ["[clickme](http://evil.example)", "<http://evil.example>", "http://evil.example/x", "www.evil.example",
         "[x](javascript:alert(1))", "![i](http://evil.example/i.png)", "<a href='http://evil.example'>a</a>",
         "[a]: http://evil.example", ":red[evil] **b** `c`", "x\r\n=cmd|' /C calc'!A0"]
#: Hostile values for a number field.
NUMBERS = ["nan", "-inf", "1e308", "-1", "0", "", "2.500", "1.234,5", "١٢", "1e-300", "12 kW", "0x10"]

#: A link, autolink or HTML anchor to the hostile host, or a javascript: target, left live in Markdown text.
_LIVE_LINK = re.compile(
    r"(?<!\\)\]\(\s*<?(?:https?:)?//evil"          # [text](http://evil...)
    r"|(?<!\\)\]\(\s*<?javascript:"                # [text](javascript:...)
    r"|(?<![\w%/.\\])https?://(?:www\.)?evil"      # bare URL autolink (GFM)
    r"|(?<![\w%/.\\])www\.evil"                    # www. autolink (GFM)
    r"|(?<!\\)<https?://evil"                      # <http://evil> autolink
    r"|(?<!\\)<a\s[^>]*evil"                        # raw HTML anchor
    r"|^\s*(?<!\\)\[[^\]]*\]:\s*https?://evil",    # reference definition
    re.IGNORECASE | re.MULTILINE)


def _texts(at: AppTest) -> list[str]:
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success",
                 "latex", "toast"):
        try:
            els = list(getattr(at, kind))
        except Exception:  # noqa: BLE001 - an element kind this Streamlit does not expose
            continue
        out += [str(getattr(e, "value", "") or getattr(e, "body", "")) for e in els]
    return out


def live_links(at: AppTest) -> list[str]:
    return [t for t in _texts(at) if _LIVE_LINK.search(t)]


def _ok(at: AppTest, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception][:3])
    bad = live_links(at)
    assert not bad, (where, bad[:3])


def _session(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


# -- the regex itself: it finds what it must (so that the invariant can fail) ------------------------------------
def test_live_link_check_finds_links_and_passes_escaped_text():
    from views._shared import plain

    for text in LINKS[:8]:
        assert _LIVE_LINK.search(text), text
        assert not _LIVE_LINK.search(plain(text)), (text, plain(text))
    own = "Share: http://localhost:8501/?process=%5Bclickme%5D%28http%3A%2F%2Fevil.example%29"
    assert not _LIVE_LINK.search(own)


# -- hostile links on every page ---------------------------------------------------------------------------------
HOSTILE_LINK = {"process": LINKS[0], "case_id": LINKS[1], "refrigerant": LINKS[2], "grid_operator": LINKS[3],
                "options": LINKS[4], "sink_medium": LINKS[5], "T_sink_out_C": LINKS[6], "heat_demand_kW": "2.500",
                "T_source_in_C": "nan", "lang": "<script>alert(1)</script>", "not_a_field": LINKS[0]}


@pytest.fixture(scope="module")
def hostile_session() -> AppTest:
    at = _session(**HOSTILE_LINK)
    _ok(at, "first run")
    return at


def test_hostile_link_keeps_the_quick_scan_results(hostile_session):
    at = hostile_session
    assert len(at.metric) >= 3, "the quick scan shows its results"
    named = [f for f in HOSTILE_LINK if f != "lang"]
    assert any(any(f in w.value for f in named) for w in at.warning), [w.value for w in at.warning]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_with_a_hostile_link(hostile_session, page):
    at = hostile_session
    at.switch_page(page).run()
    _ok(at, page)


@st.composite
def link_params(draw) -> dict[str, str]:
    fields = [f for f in Case.model_fields if f != "case_id"]
    out = {"case_id": draw(st.sampled_from(LINKS))}
    for f in draw(st.lists(st.sampled_from(fields), min_size=1, max_size=4, unique=True)):
        out[f] = draw(st.one_of(st.sampled_from(LINKS + NUMBERS), st.text(max_size=20)))
    return out


@fuzz_settings(scale=0.05)
@given(params=link_params())
def test_fuzz_link_parameters_on_the_quick_scan(params):
    params = {k: v.replace("\x00", "") for k, v in params.items()}
    at = _session(**params)
    _ok(at, f"link {params!r}")
    assert len(at.metric) >= 3 or at.error, "results, or an error saying why there are none"


# -- hostile uploads on every uploader ---------------------------------------------------------------------------
def _hostile_csv() -> bytes:
    rows = ["case_id;heat_demand_kW;T_sink_in_C;T_sink_out_C;T_source_in_C;note"]
    for i, link in enumerate(LINKS):
        rows.append(f'"{link}";{NUMBERS[i % len(NUMBERS)] or "1000"};60;90;40;"{link}"')
    rows.append('"ok";"1.500";60;90;40;plain')
    return ("\n".join(rows) + "\n").encode("utf-8")


def _xlsx_bomb() -> bytes:
    """A workbook whose shared-string table is 3 MB of one letter (a few KB on disk)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["case_id", "heat_demand_kW"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    sst_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                                 f'ContentType="{sst_type}"/></Types>'.encode())
            z.writestr(info.filename, body)
        z.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                           "<si><t>" + "A" * (3 * 2**20) + "</t></si></sst>")
    return out.getvalue()


HOSTILE_CASE = json.dumps({"case_id": LINKS[0], "process": LINKS[1], "heat_demand_kW": "2.500",
                           "T_sink_out_C": LINKS[2], "refrigerant": LINKS[3]}).encode()


def _metrics(at: AppTest) -> int:
    return len(at.metric)


UPLOADS = [
    # (page, uploader key, widget steps before the upload, file name, content, mime)
    ("views/quick_scan.py", "qs_upload", [], "[case](http://evil.example).json", HOSTILE_CASE, "application/json"),
    ("views/quick_scan.py", "qs_upload", [], "nested.json", b"[" * 5000 + b"]" * 5000, "application/json"),
    ("views/batch.py", "bt_upload", [], "<http://evil.example>.csv", _hostile_csv(), "text/csv"),
    ("views/batch.py", "bt_upload", [], "bomb.xlsx", None, "application/vnd.ms-excel"),
    ("views/hourly_grid.py", "hr_upload", [("radio", "hr_source", "upload")], "www.evil.example.csv",
     b"timestamp,heat_demand_kW\n2025-01-01T00:00Z,[x](http://evil.example)\n", "text/csv"),
    ("views/process_integration.py", "pi_upload", [], "[s](http://evil.example).csv",
     ("name,T_in_C,T_out_C,CP_kW_per_K\n" + "".join(f'"{t}",120,60,10\n' for t in LINKS[:4])).encode(), "text/csv"),
    ("views/hub.py", "hub_upload", [("radio", "hub_source", "upload")], "hub.json",
     json.dumps({"name": LINKS[0], "members": [{"name": LINKS[1], "case": {"case_id": LINKS[2]}}]}).encode(),
     "application/json"),
    ("views/report.py", "rp_profile_upload", [], "[p](http://evil.example).json",
     json.dumps({"name": LINKS[0], "footer": LINKS[1], "contact": LINKS[2], "colour": LINKS[3]}).encode(),
     "application/json"),
    ("views/report.py", "rp_logo_upload", [], "logo.svg",
     b"<svg xmlns='http://www.w3.org/2000/svg'><a href='http://evil.example'><script>alert(1)</script>"
     b"<text>[x](http://evil.example)</text></a></svg>", "image/svg+xml"),
]


@pytest.fixture(scope="module")
def session() -> AppTest:
    at = _session()
    _ok(at, "first run")
    return at


@pytest.mark.parametrize("page, key, steps, name, data, mime", UPLOADS,
                         ids=[f"{u[1]}-{u[3][:12]}" for u in UPLOADS])
def test_hostile_upload(session, page, key, steps, name, data, mime):
    at = session
    at.switch_page(page).run()
    for kind, wkey, value in steps:
        getattr(at, kind)(key=wkey).set_value(value).run()
    _ok(at, f"{page} before the upload")
    before = _metrics(at)
    up = at.file_uploader(key=key)
    up.upload(name, _xlsx_bomb() if data is None else data, mime).run()
    _ok(at, f"{page} {key} {name}")
    if page != "views/hourly_grid.py":  # the hourly page shows results of the profile it has, none of a bad one
        assert _metrics(at) >= before, (page, key, "the page lost its results")
    if name == "bomb.xlsx":
        msgs = " ".join(_texts(at))
        assert "limit" in msgs, "the xlsx bomb is refused with its limit"
    at.file_uploader(key=key).clear().run()
    _ok(at, f"{page} {key} cleared")
