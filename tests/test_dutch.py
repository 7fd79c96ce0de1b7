"""Dutch everywhere Dutch is chosen: every app page in Dutch (AppTest, ``?lang=nl``) and the Dutch
PDF of every example case show no English sentence of the library's message catalogue
(:func:`heatcalc.present.messages.english_fragments`: the literal words of every English
warning, note and reason between its parameters), and the charts' own words (zones, months,
grid-limit labels) and numbers are Dutch.

Before the messages had codes, the Dutch quick scan showed the economics notes and grid warnings
in English ("baseline: existing plant, CAPEX 0; ...", "needs ... kW of grid capacity") and the
Dutch PDF listed its warnings "in English": these tests failed on that code.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from heatcalc.case import load_case
from heatcalc.core.datafiles import DATA_DIR
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.present.messages import english_fragments

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((DATA_DIR / "examples").glob("*.json"))
#: Texts of the data files (sources, notes): English by design and shown as they are in the appendix.
DATA_TEXT = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in DATA_DIR.rglob("*.csv"))
#: The catalogue's English pieces, without those a data file says too (a source note quoted in the appendix).
FRAGMENTS = [f for f in english_fragments() if f not in DATA_TEXT]


def english_in(text: str) -> list[str]:
    """The catalogue's English pieces found in ``text`` (whitespace and Markdown escapes normalised)."""
    flat = re.sub(r"\s+", " ", re.sub(r"\\([^\w\s])", r"\1", text))
    return [f for f in FRAGMENTS if f in flat]


def test_the_check_finds_an_english_message():
    """The check can fail: an English library text in a page is found."""
    res = evaluate_case(load_case(DATA_DIR / "examples" / "paper_dryer_steam.json"))
    english = " ".join(str(w) for r in res.rows for w in r["warnings"])
    assert english_in(english)
    assert english_in(r"economics: no CO2 saved against the baseline\: abatement cost not defined")


def test_every_catalogue_message_has_a_dutch_text_of_its_own():
    """Each code's long and short text exists in Dutch and differs from the English one
    (unless it is only numbers, units and parameters)."""
    from heatcalc.present.messages import catalogue

    same = []
    for code, e in catalogue().items():
        for form in ("long", "short"):
            en, nl = e.get(f"en_{form}"), e.get(f"nl_{form}")
            words = re.search(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", en or ""))
            if not nl or (nl == en and words):
                same.append(f"{code} ({form})")
    assert not same, same


#: Notes and warnings still appended as plain English text (no code, no Dutch text), per file: the
#: most each file may hold. Lower a number when a note gets its code; a new plain note fails here.
PLAIN_NOTES_AT_MOST = {
    "src/heatcalc/thermo/cop_maps.py": 4, "src/heatcalc/thermo/cop_models.py": 1,
    "src/heatcalc/thermo/datasheet.py": 3, "src/heatcalc/thermo/mvr.py": 4, "src/heatcalc/thermo/pinch.py": 4,
    "src/heatcalc/thermo/streams.py": 2, "src/heatcalc/thermo/transcritical.py": 1,
}


def plain_notes(src: Path) -> dict[str, int]:
    """Per file: ``<...>notes.append(...)``/``<...>warnings.append(...)`` calls whose argument is a
    plain string or f-string (not a :class:`heatcalc.core.messages.Message`)."""
    import ast

    out: dict[str, int] = {}
    for p in sorted(src.rglob("*.py")):
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "append"
                    and n.args):
                continue
            tgt, a = n.func.value, n.args[0]
            name = tgt.attr if isinstance(tgt, ast.Attribute) else getattr(tgt, "id", "")
            if name.endswith(("notes", "warnings")) and (
                    isinstance(a, ast.JoinedStr) or (isinstance(a, ast.Constant) and isinstance(a.value, str))):
                key = p.relative_to(ROOT).as_posix()
                out[key] = out.get(key, 0) + 1
    return out


def test_no_new_plain_english_notes():
    found = plain_notes(ROOT / "src" / "heatcalc")
    more = {f: n for f, n in found.items() if n > PLAIN_NOTES_AT_MOST.get(f, 0)}
    assert not more, f"notes/warnings without a message code (give each a code and EN/NL text): {more}"
    # the check can fail: the site bill's O&M note was such a plain f-string before it got its code
    assert plain_notes(ROOT / "src" / "heatcalc" / "money") == {}
    # the batch reader's notes (number cells, split options, other separators) and the repeated case_id
    assert plain_notes(ROOT / "src" / "heatcalc" / "batch") == {}
    # the hourly run's notes (prepare, profiles, sizing: 20 plain f-strings before issue 18)
    assert plain_notes(ROOT / "src" / "heatcalc" / "evaluation" / "hourly") == {}
    # the hub's warnings and the product catalogue's notes (6 and 3 before issue 18)
    assert plain_notes(ROOT / "src" / "heatcalc" / "hub") == {}
    assert "src/heatcalc/options/products.py" not in plain_notes(ROOT / "src" / "heatcalc" / "options")
    # the pinch targets' notes (5 plain strings before; the app's Dutch process-integration page showed one)
    assert plain_notes(ROOT / "src" / "heatcalc" / "integration") == {}


#: English words that must not remain in a Dutch valid range ("0 to 1 (share of ...; empty: ...)").
_ENGLISH_RANGE_WORDS = re.compile(r"\b(to|empty|the|share|or|and|an|not|when|with|for|from|is|by|name|path|"
                                  r"unlimited|what|else)\b")


def test_every_case_field_valid_range_is_dutch():
    """The valid range an input error and a tooltip quote (``field_meta(name)["valid"]``) reads Dutch in Dutch
    (before, a Dutch batch wrote ``valid: 0 < x ≤ 10,000,000 kW`` and ``(a non-empty identifier)``)."""
    from heatcalc.case import Case, field_meta
    from heatcalc.present.i18n import valid_text

    english = {}
    for name in Case.model_fields:
        valid = field_meta(name)["valid"]
        nl = valid_text(valid, "nl")
        words = _ENGLISH_RANGE_WORDS.findall(re.sub(r"\S*[_/.]\S*", "", nl))  # field and file names stay
        if words or re.search(r"\d,\d{3}\b", nl):
            english[name] = nl
        assert valid_text(valid, "en") == valid
    assert not english, english
    assert _ENGLISH_RANGE_WORDS.search(field_meta("loan_share")["valid"])  # the check can fail


def test_cli_error_line_in_dutch_where_lang_nl_is_given(tmp_path, capsys):
    """``heatcalc report|batch|hub ... --lang nl``: the ``error:`` line of a coded input error is Dutch (the prefix
    stays ``error:``); without ``--lang`` it is the English text as before."""
    from heatcalc.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text('{"case_id": "x", "heat_demand_kW": -5, "T_sink_in_C": 60, "T_sink_out_C": 90}', encoding="utf-8")
    args = ["report", str(bad), "-o", str(tmp_path / "x.pdf"), "--no-charts"]
    assert main(args + ["--lang", "nl"]) == 2
    nl = capsys.readouterr().err
    assert nl.startswith("error: heat_demand_kW=-5 kW is ongeldig: moet groter zijn dan 0; geldig: 0 < x ≤ "
                         "10.000.000 kW"), nl
    assert main(args) == 2
    en = capsys.readouterr().err
    assert en.startswith("error: heat_demand_kW=-5 kW is invalid: Input should be greater than 0; valid: 0 < x ≤ "
                         "10,000,000 kW"), en


# --------------------------------------------------------------------------------------
# the app
st = pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = str(ROOT / "app.py")
RUN_TIMEOUT_S = 180


def _strings(msg):
    """Every text field of a protobuf message (labels, bodies, help texts, options)."""
    for fd, v in msg.ListFields():
        for x in (v if isinstance(v, (list, tuple)) or type(v).__name__.startswith("Repeated") else [v]):
            if isinstance(x, str):
                yield x
            elif hasattr(x, "ListFields"):
                yield from _strings(x)


def _page_text(at: AppTest) -> str:
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            out.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    for df in at.dataframe:  # table headers (the cells are numbers and names)
        out.extend(str(c) for c in getattr(df.value, "columns", []))
    return "\n".join(out)


#: English sizing-table headers of the hourly page (before they were translated).
ENGLISH_HEADERS = re.compile(r"\b(CO2 saved|gas heat|electrified share|saving \[|cost \[|npv \[)")


def _pages() -> list[str]:
    """The pages of the app's navigation (``st.Page("views/...")`` in app.py), each once."""
    src = (ROOT / "app.py").read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r'st\.Page\("(views/[a-z_]+\.py)"', src)))


# The default example, and a case with a grid limit and a connection change (more warnings).
QUERIES = [{"lang": "nl"}, {"lang": "nl", "grid_capacity_kW": "2000", "heat_demand_kW": "6000"}]


@pytest.mark.parametrize("query", QUERIES, ids=["default", "grid_limit"])
def test_every_app_page_in_dutch_shows_no_english_message(query):
    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT_S)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    found = {"quick_scan": english_in(_page_text(at))}
    assert any("netcapaciteit" in t or "economie" in t for t in [_page_text(at)]), "no message shown at all"
    for page in _pages()[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        text = _page_text(at)
        found[page] = english_in(text) + (ENGLISH_HEADERS.findall(text) if page.endswith("hourly_grid.py") else [])
        if page.endswith("hourly_grid.py"):
            assert "Geëlektrificeerd aandeel [-]" in text, "the sizing table was not read"
    assert not any(found.values()), {p: f for p, f in found.items() if f}


# --------------------------------------------------------------------------------------
# the PDF
@pytest.mark.parametrize("case", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_dutch_pdf_of_every_example_shows_no_english_message(case, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint")
    from heatcalc.report.render import write_report

    out = tmp_path / "nl.pdf"
    write_report(evaluate_case(load_case(case)), out, "nl", renderer=False)
    text = "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(out)).pages)
    # a hyphenated line break must not hide a message: join "woord-\nbreuk" as the reader reads it
    text = re.sub(r"-\n(?=[a-z])", "", text)
    assert "Waarschuwingen" in text
    assert not english_in(text), english_in(text)


# --------------------------------------------------------------------------------------
# the charts
ENGLISH_CHART_WORDS = re.compile(r"\b(condensation|subcooling|desuperheating|evaporation|superheating|Jan|Feb|Mar|"
                                 r"Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Grid limit|Daily)\b")


def _figure_texts(fig) -> str:
    d = fig.to_plotly_json()
    out = []

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("x", "y", "customdata", "tickvals"):
                    continue
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            out.append(x)

    walk(d)
    return "\n".join(out)


def test_chart_labels_are_dutch():
    """T–Q zones ("condensation"), date axes ("Jan 1") and the grid-limit label of the charts in Dutch."""
    import numpy as np
    import pandas as pd

    from heatcalc.present import plots

    res = evaluate_case(load_case(DATA_DIR / "examples" / "brewery_hot_water.json"))
    d = res.designs["heat_pump"]
    ts = pd.date_range("2025-01-01", periods=8760, freq="h")
    P = 1000 + 500 * np.sin(np.arange(8760) / 24.0)
    week = pd.DataFrame({"timestamp": ts[:168], "heat_hp_kW": P[:168], "heat_demand_kW": P[:168]})
    figs = {"tq": plots.design_tq_figure(d.condenser, 3000.0, "", "nl"),
            "year": plots.year_load_figure(ts, P, 1400.0, "nl"),
            "dispatch": plots.dispatch_figure(week, "nl"),
            "ldc": plots.load_duration_figure(P, 1400.0, "nl")}
    for name, fig in figs.items():
        text = _figure_texts(fig)
        assert not ENGLISH_CHART_WORDS.findall(text), (name, ENGLISH_CHART_WORDS.findall(text))
    assert "condensatie" in _figure_texts(figs["tq"])
    assert "Netlimiet 1.400 kW" in _figure_texts(figs["year"]) and "mrt" in _figure_texts(figs["year"])
    assert "1.400" in _figure_texts(figs["ldc"])
    en = _figure_texts(plots.design_tq_figure(d.condenser, 3000.0, "", "en"))
    assert "condensation" in en  # the check can fail: the English chart has the English word


# --------------------------------------------------------------------------------------
# a stream table's errors
_BAD_STREAMS = [
    [{"name": "a", "T_supply_C": "x", "T_target_C": 20, "CP_kW_per_K": 1}],
    [{"name": "a", "T_supply_C": 10, "T_target_C": 10, "CP_kW_per_K": 1}],
    [{"name": "a", "T_supply_C": 10, "T_target_C": 20, "CP_kW_per_K": 1}] * 2,
    [{"name": "a", "T_supply_C": 10, "T_target_C": 20, "CP_kW_per_K": 1, "type": "hot"}],
    [{"name": "a", "T_supply_C": 10, "T_target_C": 20, "CP_kW_per_K": 1, "Q_kW": 50}],
    [{"name": "a", "T_supply_C": 10, "T_target_C": 20, "m_kg_per_s": 1}],
    [{"name": "", "T_supply_C": 10, "T_target_C": 20, "CP_kW_per_K": 1}],
    [{"name": "a", "T_supply_C": 10, "T_target_C": 20, "CP_kW_per_K": -1}],
    [{"name": "a", "T_supply_C": 10, "T_target_C": 20, "CP_kW_per_K": 1, "colour": "red"}],
    [{"name": "a", "T_supply_C": 10, "CP_kW_per_K": 1}],
    ["not an object"],
    [],
]


@pytest.mark.parametrize("records", _BAD_STREAMS, ids=range(len(_BAD_STREAMS)))
def test_stream_table_errors_are_coded_and_read_dutch(records):
    from heatcalc.core.errors import InputError
    from heatcalc.core.messages import Message, message_of
    from heatcalc.integration.case_streams import read_case_streams
    from heatcalc.present.messages import codes, from_template, render

    with pytest.raises(InputError) as exc:
        read_case_streams(records)
    m = message_of(exc.value)
    assert isinstance(m, Message) and m.code in codes() and m.context == "streams", str(exc.value)
    assert from_template(m, "en", "long") == str(m)[len("streams: "):]  # the template says what the library says
    nl = render(m, "nl", "long")
    assert nl.startswith("streams: ") and not english_in(nl), nl
    assert "geldig" in nl or "ontbreekt" in nl or "onbekend" in nl or "verwacht" in nl, nl


def test_stream_file_errors_are_coded_and_read_dutch(tmp_path):
    from heatcalc.core.errors import InputError
    from heatcalc.core.messages import message_of
    from heatcalc.integration.streams import read_streams, read_streams_text
    from heatcalc.present.messages import render

    bad = tmp_path / "s.csv"
    bad.write_bytes(b"name,T_supply_C,T_target_C,CP_kW_per_K\nmilk\xff,10,20,1\n")
    calls = [lambda: read_streams(tmp_path / "missing.csv"), lambda: read_streams(bad),
             lambda: read_streams_text("", "s.csv"), lambda: read_streams_text("{", "s.json"),
             lambda: read_streams_text('{"x": 1}', "s.json"), lambda: read_streams_text("a", "s.xlsx"),
             lambda: read_streams_text("name,T_supply_C,T_target_C,CP_kW_per_K\nm,10,20,1,9\n", "s.csv")]
    for call in calls:
        with pytest.raises(InputError) as exc:
            call()
        m = message_of(exc.value)
        assert getattr(m, "code", "").startswith("streams."), str(exc.value)
        assert not english_in(render(m, "nl", "long")), render(m, "nl", "long")


def _guarded_stream_error():
    import streamlit as st

    from heatcalc.integration.streams import streams_from_records
    from views import _shared as ui

    st.session_state["lang"] = "nl"
    with ui.guard("pinch"):
        streams_from_records([{"name": "a", "T_supply_C": "x", "T_target_C": 20, "CP_kW_per_K": 1}], "tabel")


def test_app_shows_a_coded_error_in_dutch():
    at = AppTest.from_function(_guarded_stream_error, default_timeout=RUN_TIMEOUT_S)
    at.run()
    assert not at.exception
    (err,) = at.error
    assert "Invoerprobleem" in err.value and "is geen getal" in err.value and "not a number" not in err.value


_HUB = {"hub_id": "h", "shared_capacity_kW": 1000, "members": [{"case": {
    "case_id": "a", "heat_demand_kW": 500, "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40}}]}
_BAD_HUBS = [
    ({"shared_capacity_kW": -5}, "hub.out_of_range", "ligt buiten het bereik: geldig is 0 tot 10.000.000 kW"),
    ({"shared_capacity_kW": True}, "hub.not_a_number", "is geen getal"),
    ({"objective": "money"}, "hub.choice_unknown", "objective='money' is onbekend; keuzes: cost, co2"),
    ({"alocation": "x"}, "hub.unknown_field_hint", "bedoelt u allocation?"),
    ({"colour": 1}, "hub.unknown_field", "onbekend veld 'colour'"),
    ({"members": [{"case": {"case_id": "a", "heat_demand_kW": -500}}]}, "input.invalid", "members[0].case: "),
    ({"heat_links": [{"from": "a", "to": "zz", "heat_kW": 1, "T_C": 60, "distance_m": 10}]}, "hub.not_member",
     "is geen case_id van een deelnemer"),
    ({"shared_capacity_kW": "missing.csv"}, "hub.file_not_found", "bestand niet gevonden"),
    ({"members": [_HUB["members"][0]] * 2}, "hub.member_twice", "komt twee keer voor"),
    ({"objective": "co2"}, "hub.co2_needs_cap", "vraagt één kostengrens"),
    ({"members": [{**_HUB["members"][0], "capacity_kW": 1500}]}, "hub.member_capacity_sum",
     "tellen op tot 1.500 kW, meer dan shared_capacity_kW=1.000 kW"),
    ({"heat_links": [{"from": "a", "to": "a", "heat_kW": 1, "T_C": 60, "distance_m": 10}]}, "hub.link_same_member",
     "zijn dezelfde deelnemer"),
    ({"shared_assets": [{"kind": "heat_store", "capacity_kWh": 10, "T_C": 90}]}, "hub.store_needs_charger",
     "wordt geladen door een gedeelde eboiler"),
    ({"hub_id": ""}, "hub.id_required", "is verplicht: een niet-lege naam"),
]


@pytest.mark.parametrize("change, code, dutch", _BAD_HUBS, ids=[c for _, c, _ in _BAD_HUBS])
def test_hub_file_errors_are_coded_and_read_dutch(change, code, dutch, tmp_path):
    from heatcalc.core.errors import InputError
    from heatcalc.core.messages import message_of
    from heatcalc.hub.reader import hub_from_dict
    from heatcalc.present.messages import from_template, render

    with pytest.raises(InputError) as exc:
        hub_from_dict({**_HUB, **change}, base_dir=tmp_path)
    m = message_of(exc.value)
    assert m.code == code, str(exc.value)
    assert render(m, "en", "long") == str(exc.value)
    body = str(m)[len(m.context) + 2:] if m.context else str(m)
    assert from_template(m, "en", "long") == body
    nl = render(m, "nl", "long")
    assert dutch in nl and not english_in(nl), nl


# --------------------------------------------------------------------------------------
# a profiles file's errors
_H = "timestamp,heat_demand_kW\n"
_BAD_PROFILES = [
    ("hourly.no_rows", _H),
    ("hourly.no_timestamp", "time,heat_demand_kW\n2025-01-01 00:00,1\n2025-01-01 01:00,2\n"),
    ("hourly.no_profile_column", "timestamp,colour\n2025-01-01 00:00,1\n2025-01-01 01:00,2\n"),
    ("hourly.not_a_number", _H + "2025-01-01 00:00,abc\n2025-01-01 01:00,2\n"),
    ("hourly.not_a_time", _H + "yesterday,1\n2025-01-01 01:00,2\n"),
    # a mixed-offset file crashed with pandas' own ValueError (the coded error was swallowed as a parse failure)
    ("hourly.offset_mixed", _H + "2025-01-01T00:00+01:00,1\n2025-01-01 01:00,2\n"),
    ("hourly.stamp_twice", _H + "2025-01-01 00:00,1\n2025-01-01 00:00,2\n2025-01-01 01:00,2\n"),
    ("hourly.too_few_steps", _H + "2025-01-01 00:00,1\n"),
    ("hourly.step_unsupported", _H + "2025-01-01 00:00,1\n2025-01-01 00:05,2\n2025-01-01 00:10,2\n"),
    ("hourly.off_grid", _H + "2025-01-01 00:00,1\n2025-01-01 00:15,2\n2025-01-01 00:30,2\n2025-01-01 00:40,2\n"
     "2025-01-01 01:00,2\n"),
    ("hourly.gap_too_long", _H + "2025-01-01 00:00,1\n2025-01-01 01:00,2\n2025-01-03 01:00,2\n"),
    ("hourly.column_empty", _H + "2025-01-01 00:00,\n2025-01-01 01:00,\n"),
    ("hourly.out_of_range", _H + "2025-01-01 00:00,-5\n2025-01-01 01:00,2\n"),
]


@pytest.mark.parametrize("code, text", _BAD_PROFILES, ids=[c for c, _ in _BAD_PROFILES])
def test_profile_file_errors_are_coded_and_read_dutch(code, text, tmp_path):
    from heatcalc.core.errors import InputError
    from heatcalc.core.messages import message_of
    from heatcalc.evaluation.hourly.profiles import read_profiles
    from heatcalc.present.messages import from_template, render

    f = tmp_path / "p.csv"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_profiles(f)
    m = message_of(exc.value)
    assert getattr(m, "code", None) == code, str(exc.value)
    assert from_template(m, "en", "long") == str(exc.value)
    nl = render(m, "nl", "long")
    assert nl != str(exc.value) and not english_in(nl), nl
