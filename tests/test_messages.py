"""Messages with codes: every warning, note and reason of the example cases carries a stable code
and parameters, reads as its English text everywhere text is expected (joins, JSON, pickling to
worker processes), and renders in English and Dutch, short for the screen and long for the
report, from the catalogue in :mod:`heatcalc.present.messages`."""
from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heatcalc.case import load_case
from heatcalc.cli import main
from heatcalc.core.datafiles import DATA_DIR
from heatcalc.core.messages import Message, code_of, codes_of, join
from heatcalc.core.numbers import fmt_number
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.present.messages import catalogue, codes, english_fragments, from_template, render

EXAMPLES = sorted((DATA_DIR / "examples").glob("*.json"))
#: Beginnings of the notes that have no code yet (docs/interface.md, "Message codes"): none left (the
#: CO2 levy / ETS2 rule notes and the grid-factor year note had none before they got theirs).
NOT_YET_CODED: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def results():
    return {p.stem: evaluate_case(load_case(p)) for p in EXAMPLES}


def _messages(res):
    """(kind, text) of every note, warning and message of one result."""
    out = [("note", n) for n in res.notes]
    for r in res.rows:
        out.append((f"message:{r['status']}", r["message"]))
        out += [("warning", w) for w in r["warnings"]]
    return out


def test_a_message_is_its_english_text():
    m = Message("connection.level_change", "moves it from the MS to the TS tariff", from_level="MS", to_level="TS",
                operator="liander")
    assert m == "moves it from the MS to the TS tariff" and hash(m) == hash(str(m))
    assert " | ".join([m, "x"]) == "moves it from the MS to the TS tariff | x"
    assert json.loads(json.dumps([m])) == [str(m)]
    back = pickle.loads(pickle.dumps(m))
    assert (back.code, back.params, str(back)) == (m.code, m.params, str(m))
    p = m.prefixed("economics")
    assert p == f"economics: {m}" and p.code == m.code and p.context == "economics"
    assert code_of("plain") is None and codes_of([m, "plain"]) == ["connection.level_change", None]
    assert join(["a", ""]) == "a" and join([m, "b"]).code == "joined"


def test_every_catalogue_entry_has_four_texts_and_dutch_differs():
    cat = catalogue()
    assert len(cat) >= 60
    for code, texts in cat.items():
        assert all(texts[k].strip() for k in ("en_long", "en_short", "nl_long", "nl_short")), code
        assert "\n" not in texts["en_short"] and "\n" not in texts["nl_short"], code  # one screen line
        if texts["en_long"] != "{text}":
            assert texts["nl_long"] != texts["en_long"], code


def test_every_warning_note_and_reason_of_the_examples_has_a_known_code(results):
    missing = set()
    for name, res in results.items():
        for kind, m in _messages(res):
            if kind == "message:ok" or not m:  # an ok row's message describes the machine, it is no warning
                continue
            if str(m).startswith(NOT_YET_CODED):
                continue
            if not isinstance(m, Message):
                missing.add(f"{kind}: {str(m)[:90]}")
            elif m.code != "joined":
                assert m.code in codes(), (name, m.code)
    assert not missing, sorted(missing)


def test_english_templates_reproduce_the_library_text(results):
    """The catalogue's English long text, filled with the message's parameters, is the library's own
    text: the template and the emission site say the same (and the Dutch check's list is right)."""
    for name, res in results.items():
        for _, m in _messages(res):
            if isinstance(m, Message):
                body = str(m)[len(m.context) + 2:] if m.context else str(m)
                assert from_template(m, "en", "long") == body, (name, m.code)


def test_dutch_renders_every_example_message_without_english(results):
    fragments = english_fragments()
    assert len(fragments) > 60
    for res in results.values():
        for _, m in _messages(res):
            if isinstance(m, Message) and m.code in codes():
                for form in ("short", "long"):
                    nl = render(m, "nl", form)
                    assert not [f for f in fragments if f in nl], (m.code, nl)


def test_short_form_puts_the_remedy_first():
    m = Message("connection.charge_missing", "x", connection_kW=913.0, need_kW=3944.0, operator="liander", year=2025)
    assert render(m, "en").startswith("Give connection_charge_EUR")
    assert render(m, "nl").startswith("Geef connection_charge_EUR op")
    assert render(m, "nl", "long").startswith("aanpassing van de aansluiting van 913 naar 3.944 kW")
    assert render(m.prefixed("economics"), "nl").startswith("economie: geef connection_charge_EUR op")


@settings(max_examples=60, deadline=None)
@given(P=st.floats(0, 1e8), cap=st.floats(0, 1e8))
def test_dutch_numbers_use_the_decimal_comma_and_thousands_dots(P, cap):
    m = Message("grid.capacity_short", f"needs {P:,.0f} kW of grid capacity, the site can get {cap:,.0f} kW",
                P_el_kW=P, grid_capacity_kW=cap)
    nl = render(m, "nl", "long")
    assert nl == f"vraagt {fmt_number(P, 0, 'nl')} kW netcapaciteit, de locatie kan {fmt_number(cap, 0, 'nl')} kW " \
                 "krijgen"
    assert render(m, "en", "long") == str(m)


def test_plain_text_and_unknown_codes_fall_back_to_english():
    assert render("just text", "nl") == "just text"
    assert render(Message("no.such.code", "the English text"), "nl") == "the English text"


def test_cli_json_carries_codes_next_to_the_english_text(capsys):
    case = DATA_DIR / "examples" / "paper_dryer_steam.json"
    assert main(["evaluate", str(case), "--json"]) in (0, None)
    d = json.loads(capsys.readouterr().out)
    assert len(d["note_codes"]) == len(d["notes"])
    seen = set()
    for r in d["results"]:
        assert len(r["warning_codes"]) == len(r["warnings"]) and all(isinstance(w, str) for w in r["warnings"])
        seen.update(c for c in r["warning_codes"] if c)
        assert "message_code" in r
    assert "connection.level_change" in seen and "grid.capacity_short" in seen


def test_batch_in_dutch_writes_codes_and_dutch_texts(tmp_path):
    """``heatcalc batch --lang nl``: message and warnings in Dutch, message_code and warning_codes beside
    them; without --lang the output has no code columns and English texts."""
    import csv

    from heatcalc.batch.localise import summary_text
    from heatcalc.batch.run import run_batch

    src = (DATA_DIR / "examples" / "sites_25.csv").read_text(encoding="utf-8-sig").splitlines()
    inp = tmp_path / "sites.csv"
    inp.write_text("\n".join(src[:4]) + "\n", encoding="utf-8")
    s = run_batch(inp, tmp_path / "nl.csv", workers=1, lang="nl")
    run_batch(inp, tmp_path / "en.csv", workers=1)
    nl = list(csv.DictReader(open(tmp_path / "nl.csv", encoding="utf-8-sig")))
    en = list(csv.DictReader(open(tmp_path / "en.csv", encoding="utf-8-sig")))
    assert "warning_codes" not in en[0] and "message_code" not in en[0]
    assert len(nl) == len(en)
    fragments = english_fragments()
    coded = 0
    for a, b in zip(nl, en):
        codes_nl = a["warning_codes"].split(" | ") if a["warning_codes"] else []
        assert len(codes_nl) == len(b["warnings"].split(" | ") if b["warnings"] else [])
        coded += sum(1 for c in codes_nl if c)
        assert not [f for f in fragments if f in a["warnings"] or f in a["message"]], a["warnings"]
    assert coded > 0
    assert summary_text(s, "nl").startswith("regels gelezen 3: goed 3")


# --------------------------------------------------------------------------------------
# issue 18: the hourly run, the hub, products, pinch, thermo and the readers' files carry codes too
def _assert_coded(messages, where: str) -> int:
    """Every message is a coded :class:`Message` whose English template gives the library's text and whose
    Dutch forms hold no English catalogue text (but for what a data file says: its notes stay English); returns
    how many were checked."""
    data_text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in DATA_DIR.rglob("*.csv"))
    fragments = [f for f in english_fragments() if f not in data_text]
    n = 0
    for m in messages:
        assert isinstance(m, Message), (where, str(m))
        assert m.code == "joined" or m.code in codes(), (where, m.code)
        body = str(m)[len(m.context) + 2:] if m.context else str(m)
        assert from_template(m, "en", "long") == body, (where, m.code)
        for form in ("short", "long"):
            nl = render(m, "nl", form)
            assert not [f for f in fragments if f in nl], (where, m.code, nl)
        n += 1
    return n


def _profiles(text: str, **kw):
    import io

    from heatcalc.evaluation.hourly.profiles import read_profiles

    return read_profiles(io.StringIO(text), **kw)


def test_profile_warnings_carry_codes():
    """Unsorted rows, missing steps, empty values, resampling, local time and a cut to the common period:
    each warning of the profile reader is coded and reads Dutch (before: plain English f-strings)."""
    from heatcalc.evaluation.hourly.profiles import merge, resample

    head = "timestamp,price_el_EUR_per_MWh\n"
    mixed = _profiles(head + "2025-01-01T01:00Z,40\n2025-01-01T00:00Z,50\n2025-01-01T03:00Z,\n2025-01-01T04:00Z,70\n"
                      "2025-01-01T06:00Z,60\n2025-01-01T07:00Z,60\n")
    quarter = _profiles(head + "".join(f"2025-01-01T00:{m:02d}Z,{m}\n" for m in (0, 15, 30, 45))
                        + "2025-01-01T01:00Z,5\n", dt_h=1.0)
    hourly = _profiles(head + "2025-01-01T00:00Z,1\n2025-01-01T01:00Z,2\n2025-01-01T02:00Z,2\n")
    local = _profiles(head + "".join(f"2025-10-26 {h}:00,{i}\n" for i, h in enumerate(("00", "01", "02", "02", "03"))))
    naive = _profiles(head + "".join(f"2025-10-26 {h:02d}:00,{h}\n" for h in range(6)))
    other = _profiles("timestamp,heat_demand_kW\n2025-01-01T01:00Z,1\n2025-01-01T02:00Z,2\n2025-01-01T03:00Z,2\n")
    warnings = (mixed.warnings + quarter.warnings + resample(hourly, 0.25).warnings + local.warnings
                + naive.warnings + merge(hourly, other).warnings)
    got = {m.code for m in warnings}
    assert {"hourly.sorted", "hourly.steps_missing", "hourly.values_empty", "hourly.partly_covered",
            "hourly.averaged", "hourly.repeated", "hourly.local_time", "hourly.naive_no_repeat",
            "hourly.common_period"} <= got, got
    assert _assert_coded(warnings, "profiles") >= 9
    steps = next(m for m in mixed.warnings if m.code == "hourly.steps_missing")
    assert render(steps, "nl", "long").startswith("2 ontbrekende tijdstappen (2 h)")


def test_hourly_run_notes_all_carry_codes():
    """The hourly run's warnings (constant demand and price, a shared connection, storage sizing, no grid
    limit, the sweep's "no best size") are all coded (the site bill's notes were coded before)."""
    from heatcalc.evaluation.hourly.profiles import read_profiles
    from heatcalc.evaluation.hourly.result import simulate
    from heatcalc.evaluation.hourly.sizing import max_fit_sizes

    case = load_case(DATA_DIR / "examples" / "brewery_hot_water.json")
    const = simulate(case)
    prof = read_profiles(DATA_DIR / "profiles" / "synthetic_brewery_2025_shared.csv")
    shared = simulate(case, prof, shared_kW=5000.0)
    msgs = list(const.warnings) + list(shared.warnings) + max_fit_sizes(const.context)["notes"] \
        + max_fit_sizes(shared.context)["notes"]
    codes_seen = {m.code for m in msgs if isinstance(m, Message)}
    assert {"hourly.constant_demand", "hourly.constant_price", "hourly.shared_connection", "hourly.no_grid_limit",
            "hourly.storage_sized"} <= codes_seen, codes_seen
    _assert_coded(msgs, "hourly")
    m = Message("hourly.demand_not_met", "x", heat_unmet_MWh=1234.5, share=0.123)
    assert render(m, "nl").startswith("Houd gas als back-up (--gas-kW)") and "1.234 MWh/jr (12,3%)" in render(m, "nl")


def test_hub_warnings_carry_codes():
    """A hub whose second member has no demand profile (but a price profile), an unused heat link and a
    transport right: every warning is coded, a member's own warnings keep their codes under its case_id, and
    the allocation's reasons are coded (before: plain English f-strings)."""
    import numpy as np
    import pandas as pd

    from heatcalc.evaluation.hourly.profiles import Profiles
    from heatcalc.hub.allocation import allocate
    from heatcalc.hub.reader import hub_from_dict
    from heatcalc.hub.run import run_hub

    idx = pd.date_range("2025-01-06T00:00Z", periods=48, freq="h")
    base = {"process": "heat", "heat_demand_kW": 2000, "T_sink_in_C": 60, "T_sink_out_C": 90, "T_source_in_C": 40,
            "options": "heat_pump;e_boiler", "grid_operator": "liander"}
    hub = hub_from_dict({"hub_id": "h", "shared_capacity_kW": 1500.0, "transport_right": "group_transport_agreement",
                         "members": [{"case": {**base, "case_id": "a"}}, {"case": {**base, "case_id": "b"}}],
                         "heat_links": [{"from": "a", "to": "b", "heat_kW": 10, "T_C": 80, "distance_m": 5000}]})
    hub.members[0].profiles = Profiles(index=idx, dt_h=1.0, columns={"heat_demand_kW": np.full(48, 2000.0)})
    hub.members[1].profiles = Profiles(index=idx, dt_h=1.0, columns={"price_el_EUR_per_MWh": np.full(48, 80.0)})
    res = run_hub(hub)
    got = {m.code for m in res.warnings}
    assert {"hub.member_constant_demand", "hub.link_unused", "hub.transport_right"} <= got, got
    member = next(m for m in res.warnings if m.code == "hub.member_constant_demand")
    assert member.startswith("b: no heat_demand_kW profile") and render(member, "nl").startswith("b: geef dit lid")
    alloc = [allocate(110.0, [60.0, 40.0])["message"],
             allocate(100.0, [60.0, 50.0], rule="shapley", shapley_EUR=[70.0, 30.0], names=["a", "b"])["message"],
             allocate(100.0, [60.0, 50.0, 20.0], shapley_EUR=[70.0, 31.0, 30.0], names=["a", "b", "c"])["message"],
             allocate(100.0, [60.0, 50.0], rule="shapley")["message"]]
    _assert_coded(list(res.warnings) + alloc, "hub")
    assert render(alloc[2], "nl", "long").startswith("de Shapley-waarde laat a met 10 EUR, c met 10 EUR slechter")


def test_product_reasons_and_notes_carry_codes():
    """Why a catalogue product fits, needs a check or does not (media, temperatures, lift, units, part load,
    prototype, options not selected) and the expected COP's notes are coded and read Dutch."""
    from heatcalc.case import Case
    from heatcalc.options.products import match_products

    cases = [load_case(p) for p in EXAMPLES] + [
        Case.from_dict({"case_id": "x", "process": "heat", "heat_demand_kW": 50, "T_sink_in_C": 60,
                        "T_sink_out_C": 70, "options": "heat_pump"})]
    msgs = []
    for c in cases:
        for m in match_products(c):
            msgs += list(m.reasons) + (list(m.expected.notes) if m.expected else [])
    got = {m.code for m in msgs if isinstance(m, Message)}
    assert {"product.part_load", "product.sink_medium", "product.too_hot", "product.lift", "product.prototype",
            "product.no_source", "product.option_not_selected", "product.published_cop"} <= got, got
    assert _assert_coded(msgs, "products") == len(msgs)
    m = next(m for m in msgs if m.code == "product.too_hot")
    assert render(m, "nl", "long").startswith("vraagt ") and "°C, levert tot" in render(m, "nl", "long")


def test_no_heat_pump_reasons_read_dutch_per_refrigerant(results):
    """The dairy dryer (air to 180 °C from exhaust) has no single heat pump: its rejection list, each
    refrigerant's reason and the media names render in Dutch (the list was one English text before)."""
    rows = results["dairy_dryer_streams"].rows
    (w,) = [w for r in rows for w in r["warnings"] if getattr(w, "code", None) == "hp.rejected"]
    reasons = w.params["reason"].params["reasons"]
    assert len(reasons) >= 10 and all(getattr(r, "code", None) == "refr.rejected" for r in reasons)
    assert all(getattr(r.params["why"], "code", "") in codes() for r in reasons)
    nl = render(w, "nl", "long")
    assert nl.startswith("geen warmtepomp: geen haalbaar koudemiddel voor afnemer lucht 15,0 → 180,0 °C en bron "
                         "rookgas / afgas 85,0 → 45,0 °C: ")
    assert "persgastemperatuur 640,3 °C ligt boven de gebruikelijke grens 300 °C" in nl
    assert render(w, "en", "long") == str(w)


def test_a_field_value_keeps_the_raw_value_a_medium_name_is_translated():
    """``source_medium=air`` names the input as typed; a sentence names the medium in Dutch."""
    m = Message("option.mvr_needs_vapour", "mvr needs a vapour source (evaporator or dryer exhaust vapour); "
                "source_medium=air: use heat_pump or steam_hp", source_medium="air")
    assert "source_medium=air" in render(m, "nl", "long")
    n = Message("product.source_medium", "takes heat from vapour, the case's source is air", media="vapour",
                source="air", source_media=["vapour"], source_name="air")
    assert render(n, "nl", "long") == "neemt warmte op uit damp (condenserend), de bron van de case is lucht (proces)"


def test_no_code_is_written_twice_in_the_catalogue():
    """A dict literal keeps the last of two equal keys silently: the second text would replace the first."""
    import ast
    from pathlib import Path

    import heatcalc.present.messages as M

    tree = ast.parse(Path(M.__file__).read_text(encoding="utf-8"))
    (cat,) = [n.value for n in ast.walk(tree) if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "_C"]
    keys = [k.value for k in cat.keys]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
