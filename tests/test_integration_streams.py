"""A case's process streams (case field ``streams``): pinch targets in ``heatcalc evaluate``, the heat pump on
the GCC, the sink's recovery band used by the staged option, and bad input.

Checks:
* ``heatcalc evaluate --json`` of a case with streams gives the same targets as ``heatcalc pinch --json`` at the
  case's ``dT_min_K`` (file reference relative to the case file, and an inline list);
* a case without streams prints exactly as before: no ``pinch`` key, no ``streams`` in the case;
* the sink's recovery band equals the two-stream closed form (``heat_recovery_kW``, itself equal to the
  problem table) for one hot stream over random pairs, a hand-worked band, and another cold stream taking its
  share first;
* the staged option with streams: energy balance of every staging tried, the recovery stage no larger than the
  band, the source left whole when the streams gave the heat;
* the GCC heat pump: energy balance closed, COP below Carnot;
* bad input: missing file, empty list, a non-object, a value out of range — exit code 2, one line naming the
  field, the stream, the column, the value, the unit and the range.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heatcalc.case import Case, load_case
from heatcalc.cli import main
from heatcalc.core.errors import InputError
from heatcalc.integration.case_streams import attach_streams, case_pinch, sink_recovery_band
from heatcalc.integration.streams import ProcessStream as S
from heatcalc.options.staged_supply import heat_recovery_kW, optimise

#: The spray dryer of the staged tests, with 2 MW of grid room.
DRYER = {"case_id": "dryer-streams", "process": "dryer", "heat_demand_kW": 4000, "operating_hours_per_yr": 7000,
         "sink_medium": "air", "T_sink_in_C": 20, "T_sink_out_C": 180, "source_medium": "water",
         "T_source_in_C": 40, "T_source_out_C": 30, "grid_capacity_kW": 2000, "options": "heat_pump;staged"}
#: The dryer's air (the sink), its exhaust and a condensate (hot), and milk to heat (cold).
STREAMS_CSV = ("name,T_supply_C,T_target_C,CP_kW_per_K\n"
               "dryer air,20,180,25\nexhaust,90,40,30\ncondensate,70,30,10\nmilk,10,60,8\n")
STREAMS = [{"name": "dryer air", "T_supply_C": 20, "T_target_C": 180, "CP_kW_per_K": 25},
           {"name": "exhaust", "T_supply_C": 90, "T_target_C": 40, "CP_kW_per_K": 30},
           {"name": "condensate", "T_supply_C": 70, "T_target_C": 30, "CP_kW_per_K": 10},
           {"name": "milk", "T_supply_C": 10, "T_target_C": 60, "CP_kW_per_K": 8}]
TARGET_KEYS = ("pinch_T_hot_C", "pinch_T_cold_C", "Q_hot_min_kW", "Q_cold_min_kW", "Q_recovery_kW")
REL = 1e-9


def _json(capsys, argv) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _write_case(tmp_path, **kw):
    (tmp_path / "sub").mkdir(exist_ok=True)
    (tmp_path / "sub" / "streams.csv").write_text(STREAMS_CSV)
    p = tmp_path / "sub" / "case.json"
    p.write_text(json.dumps({**DRYER, "streams": "streams.csv", **kw}))
    return p


# --------------------------------------------------------------------------------------
# heatcalc evaluate with streams = heatcalc pinch
@pytest.mark.parametrize("dT", [5.0, 10.0])
def test_evaluate_with_streams_gives_the_pinch_targets(capsys, tmp_path, monkeypatch, dT):
    p = _write_case(tmp_path, dT_min_K=dT, options="e_boiler")
    monkeypatch.chdir(tmp_path)  # the streams file is found relative to the case file, not the working folder
    d = _json(capsys, ["evaluate", str(p), "--json"])
    ref = _json(capsys, ["pinch", str(tmp_path / "sub" / "streams.csv"), "--dt-min", str(dT), "--json"])
    got = d["pinch"]
    for k in TARGET_KEYS + ("threshold", "n_streams", "dT_min_K"):
        assert got[k] == (pytest.approx(ref[k], rel=1e-12, abs=1e-9) if isinstance(ref[k], float) else ref[k]), k
    assert got["gcc"] == ref["gcc"]
    # the targets are stated in the case notes, with their codes
    assert d["note_codes"].count("pinch.case_targets") + d["note_codes"].count("pinch.case_threshold") == 1
    assert len(d["notes"]) == len(d["note_codes"])
    assert d["case"]["streams"].endswith("streams.csv")
    # the text output lists them too
    assert main(["evaluate", str(p)]) == 0
    out = capsys.readouterr().out
    assert "process streams (4: 2 hot, 2 cold" in out and f"{ref['Q_hot_min_kW']:,.0f} kW" in out


def test_inline_streams_equal_the_file(capsys, tmp_path):
    p = _write_case(tmp_path, options="e_boiler")
    q = tmp_path / "inline.json"
    q.write_text(json.dumps({**DRYER, "options": "e_boiler", "streams": STREAMS}))
    a = _json(capsys, ["evaluate", str(p), "--json"])["pinch"]
    b = _json(capsys, ["evaluate", str(q), "--json"])
    assert b["pinch"]["source"] == "inline" and b["case"]["streams"] == STREAMS
    for k in TARGET_KEYS:
        assert a[k] == b["pinch"][k]
    # the JSON output is a case file again
    r = tmp_path / "again.json"
    r.write_text(json.dumps(b))
    assert load_case(r).streams == STREAMS


def test_case_without_streams_prints_as_before(capsys):
    d = _json(capsys, ["evaluate", "data/examples/brewery_hot_water.json", "--json"])
    assert "pinch" not in d and "streams" not in d["case"]
    assert not any(c and c.startswith("pinch.") for c in d["note_codes"])
    c = load_case("data/examples/brewery_hot_water.json")
    assert c.streams is None and attach_streams(c) is c and case_pinch(c) is None


# --------------------------------------------------------------------------------------
# the sink's recovery band
def test_band_by_hand_and_with_another_cold_stream():
    # exhaust 90 → 40 °C, CP 30 (1500 kW) heats the air (CP 25) from 20 °C: 1500 kW, to 80 °C (the hot end
    # allows 85 °C = 90 − 5: 1625 kW, the exhaust has 1500 kW)
    b = sink_recovery_band([S("exhaust", 90, 40, 30)], 5.0, 20.0, 180.0, 4000.0)
    assert b["Q_kW"] == pytest.approx(1500.0, rel=1e-8) and b["T_to_C"] == pytest.approx(80.0, abs=1e-5)
    # the sink listed in the inventory is the sink, not another demand
    b2 = sink_recovery_band([S("air", 20, 180, 25), S("exhaust", 90, 40, 30)], 5.0, 20.0, 180.0, 4000.0)
    assert b2["sink_stream"] == "air" and b2["Q_kW"] == pytest.approx(1500.0, rel=1e-8)
    # milk 10 → 60 °C (CP 8, 400 kW) takes its recovery first: 1100 kW left for the air, to 64 °C
    b3 = sink_recovery_band([S("exhaust", 90, 40, 30), S("milk", 10, 60, 8)], 5.0, 20.0, 180.0, 4000.0)
    assert b3["Q_kW"] == pytest.approx(1100.0, rel=1e-6) and b3["T_to_C"] == pytest.approx(64.0, abs=1e-4)
    # no hot stream: nothing to recover
    assert sink_recovery_band([S("milk", 10, 60, 8)], 5.0, 20.0, 180.0, 4000.0)["Q_kW"] == 0.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(Th=st.floats(30, 250), span=st.floats(2, 150), CPh=st.floats(0.5, 80), Tc=st.floats(0, 150),
       lift=st.floats(5, 150), Qc=st.floats(10, 5000), dT=st.floats(1, 20))
def test_band_of_one_hot_stream_is_the_two_stream_target(Th, span, CPh, Tc, lift, Qc, dT):
    hot = S("h", Th, Th - span, CPh)
    b = sink_recovery_band([hot], dT, Tc, Tc + lift, Qc)
    ref = heat_recovery_kW(Th, Th - span, hot.Q_kW, Tc, Tc + lift, Qc, dT)
    assert b["Q_kW"] == pytest.approx(ref, rel=1e-6, abs=1e-4 * Qc / lift)
    assert Tc - 1e-9 <= b["T_to_C"] <= Tc + lift + 1e-9


# --------------------------------------------------------------------------------------
# the staged option with streams
def _dryer_with(streams, **kw) -> Case:
    return attach_streams(Case.from_dict({**DRYER, "streams": streams, **kw}))


@pytest.mark.parametrize("kw", [{}, {"source_heat_kW": 800.0}, {"grid_capacity_kW": 300.0}])
def test_staged_uses_the_band_and_every_staging_balances(kw):
    case = _dryer_with(STREAMS, **kw)
    band = case.sink_recovery
    assert band["Q_kW"] == pytest.approx(1500.0, rel=1e-8)  # the milk is served by the condensate first
    best, cands, p = optimise(case)
    assert p.recovery_from == "streams" and p.Q_hx_max == pytest.approx(band["Q_kW"], rel=REL)
    for s in cands:
        total = s.Q_hx_kW + s.Q_hp_kW + s.Q_eboiler_kW + s.Q_boiler_kW
        assert total == pytest.approx(4000.0, rel=REL)
        assert s.Q_hx_kW <= band["Q_kW"] * (1 + REL)
        assert s.P_hp_kW + s.P_eboiler_kW <= case.grid_limit_kW * (1 + REL)
        if s.design is not None:
            assert s.Q_hp_kW == pytest.approx(s.design.cop * s.P_hp_kW, rel=REL)
    assert p.source_after(p.Q_hx_max) == (40.0, kw.get("source_heat_kW"))  # the source is left whole
    f = best.flows
    assert f.details["recovery_from"] == "streams" and f.details["stages"][0]["stage"] == "heat_recovery"
    assert "from the site's streams" in f.message


def test_staged_without_streams_is_unchanged():
    plain = Case.from_dict(DRYER)
    best, _, p = optimise(plain)
    assert p.recovery_from == "source" and "recovery_from" not in best.flows.details
    assert best.flows.details["stages"][0]["Q_kW"] == pytest.approx(375.0, rel=1e-12)  # the two-stream target
    # streams that cannot heat the sink change nothing
    cold_only = _dryer_with([{"name": "milk", "T_supply_C": 10, "T_target_C": 60, "CP_kW_per_K": 8}])
    b2, _, p2 = optimise(cold_only)
    assert p2.recovery_from == "source" and b2.flows.message == best.flows.message


# --------------------------------------------------------------------------------------
# the heat pump on the GCC
def test_gcc_heat_pump_of_a_case_balances_and_stays_below_carnot():
    streams = [{"name": "evaporator vapour", "T_supply_C": 60, "T_target_C": 55, "CP_kW_per_K": 200},
               {"name": "process water", "T_supply_C": 70, "T_target_C": 120, "CP_kW_per_K": 30},
               {"name": "effluent", "T_supply_C": 80, "T_target_C": 30, "CP_kW_per_K": 5}]
    d = case_pinch(_dryer_with(streams, grid_capacity_kW=300.0))
    hp = d["heat_pump"]
    assert hp is not None and hp["P_el_max_kW"] == 300.0 and hp["P_el_max_from"] == "grid_capacity_kW"
    assert hp["crosses_pinch"] and not hp["saves_nothing"] and hp["P_el_kW"] <= 300.0 * (1 + REL)
    assert abs(hp["energy_balance_residual_kW"]) <= 1e-9 * d["Q_hot_min_kW"]
    assert hp["Q_sink_kW"] == pytest.approx(hp["Q_source_kW"] + hp["P_el_kW"], rel=REL)
    assert 1.0 < hp["cop"] <= hp["cop_carnot"]
    assert [m.code for m in d["notes_coded"]] == ["pinch.case_targets", "pinch.case_heat_pump"]
    # without a grid limit the power is the minimum hot utility
    d2 = case_pinch(_dryer_with(streams, grid_capacity_kW=None))
    assert d2["heat_pump"]["P_el_max_kW"] == pytest.approx(d2["Q_hot_min_kW"], rel=REL)


# --------------------------------------------------------------------------------------
# bad input
@pytest.mark.parametrize("streams, words", [
    ("missing.csv", ["streams='", "does not exist", "valid:"]),
    ([], ["streams=[] holds no stream"]),
    ([1, 2], ["streams stream 1", "not an object"]),
    ({"name": "a"}, ["streams=", "an object", "valid:"]),
    (True, ["streams=True", "true/false"]),
    ([{"name": "a", "T_supply_C": 20, "T_target_C": 80, "CP_kW_per_K": -3}],
     ["streams: streams stream 1, column CP_kW_per_K", "CP_kW_per_K=-3.0 kW/K is out of range", "0 < x"]),
    ([{"name": "a", "T_supply_C": 20, "T_target_C": 80}], ["streams:", "CP_kW_per_K is missing"]),
    ([{"name": "a", "T_supply_C": 20, "T_target_C": 80, "CP_kW_per_K": 2, "colour": 1}],
     ["streams:", "'colour'", "not known"]),
    ([{"name": "a", "T_supply_C": 5000, "T_target_C": 80, "CP_kW_per_K": 2}],
     ["column T_supply_C", "5000.0 °C is out of range", "2000 °C"]),
])
def test_bad_streams_exit_2_with_one_line(capsys, tmp_path, streams, words):
    p = tmp_path / "c.json"
    p.write_text(json.dumps({**DRYER, "options": "e_boiler", "streams": streams}))
    assert main(["evaluate", str(p)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:"), err
    for w in words:
        assert w in err[0], (w, err[0])
    assert "Traceback" not in err[0]


def test_bad_streams_file_rows_are_named(tmp_path):
    (tmp_path / "s.csv").write_text("name,T_supply_C,T_target_C,CP_kW_per_K\nok,20,80,2\nbad,20,80,abc\n")
    p = tmp_path / "c.json"
    p.write_text(json.dumps({**DRYER, "streams": "s.csv"}))
    with pytest.raises(InputError, match=r"streams: s\.csv row 3, column CP_kW_per_K: CP_kW_per_K='abc' kW/K is "
                                         r"not a number"):
        attach_streams(load_case(p))
    assert load_case(p).streams.endswith("s.csv")  # the form was fine: the reading names the row


def test_staged_warns_when_the_streams_were_not_read():
    from heatcalc.options.staged_supply import staged

    f = staged(Case.from_dict({**DRYER, "streams": STREAMS}))  # not attached: as report and hourly see it
    assert f.ok and "staged.streams_unread" in [getattr(w, "code", None) for w in f.warnings]
    g = staged(_dryer_with(STREAMS))
    assert "staged.streams_unread" not in [getattr(w, "code", None) for w in g.warnings]


# --------------------------------------------------------------------------------------
# the lift stage: heat-pump preheat + steam-generating heat pump (steam sink) or MVR (vapour source)
STEAM = {"case_id": "steam", "process": "heat", "heat_demand_kW": 5000, "sink_medium": "steam", "T_sink_in_C": 90,
         "T_sink_out_C": 160, "source_medium": "water", "T_source_in_C": 80, "T_source_out_C": 70,
         "grid_capacity_kW": 2500, "options": "staged", "price_gas_EUR_per_MWh": 60}
VAPOUR = {**STEAM, "source_medium": "vapour", "T_source_in_C": 100, "T_source_out_C": None, "T_sink_in_C": 100,
          "T_sink_out_C": 130}


@pytest.mark.parametrize("data, kind", [(STEAM, "steam_hp"), (VAPOUR, "mvr"),
                                        ({**STEAM, "source_heat_kW": 1500.0}, "steam_hp")])
def test_lift_stage_balances_and_stays_below_carnot(data, kind):
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.cop_models import carnot_cop

    case = Case.from_dict(data)
    best, cands, p = optimise(case)
    assert kind in p.lifts
    lifted = [s for s in cands if s.topup == kind and s.Q_lift_kW > 0]
    assert lifted, "no staging with a lift stage was tried"
    for s in cands:
        total = s.Q_hx_kW + s.Q_hp_kW + s.Q_lift_kW + s.Q_eboiler_kW + s.Q_boiler_kW
        assert total == pytest.approx(case.heat_demand_kW, rel=REL)
        assert s.P_hp_kW + s.P_lift_kW + s.P_eboiler_kW <= case.grid_limit_kW * (1 + REL)
        if s.Q_lift_kW > 0:
            d = s.lift_design
            assert s.Q_lift_kW == pytest.approx(d.cop * s.P_lift_kW, rel=REL)
            # Carnot of the whole machine: from its evaporating (MVR: suction) temperature to the steam it
            # delivers (a steam HP's closed cycle may condense below it; its MVR lifts the flash steam the rest)
            T_e, T_top = d.details["T_evap_C"], max(d.details["T_cond_C"], case.T_sink_out_C)
            assert T_e < case.T_source_in_C + 1e-9
            assert 1.0 < d.cop <= carnot_cop(C_to_K(T_top), C_to_K(T_e)) * (1 + 1e-9)
        if case.source_heat_kW is not None:  # the heat pump and the lift share the source
            used = (s.Q_hp_kW * (s.design.q_evap_per_q_cond if s.design else 0.0)
                    + s.Q_lift_kW * (s.lift_design.q_evap_per_q_cond if s.lift_design else 0.0))
            assert used <= case.source_heat_kW * (1 + 1e-9) + 1e-9
    # the stages follow each other along the sink, the lift ending at the outlet when it takes all the rest
    st_ = best.flows.details["stages"]
    for a, b in zip(st_, st_[1:]):
        assert b["T_from_C"] == pytest.approx(a["T_to_C"], rel=1e-12)
    assert sum(x["Q_kW"] for x in st_) == pytest.approx(case.heat_demand_kW, rel=REL)


def test_lift_stage_wins_where_it_should_and_is_named():
    f = optimise(Case.from_dict(STEAM))[0].flows
    names = [s["stage"] for s in f.details["stages"]]
    assert names == ["heat_pump", "steam_hp"], names  # preheat by the heat pump, the steam by the steam HP
    assert f.details["lift"]["kind"] == "steam_hp" and "steam-generating heat pump" in f.message
    assert [u[0] for u in f.units] == ["heat_pump", "steam_hp"]  # each on its own cost curve
    g = optimise(Case.from_dict(VAPOUR))[0].flows
    assert "mvr" in [s["stage"] for s in g.details["stages"]] and "vapour recompression" in g.message
    # a hot-water sink from a water source gets no lift stage
    assert optimise(Case.from_dict({**STEAM, "sink_medium": "water", "T_sink_out_C": 95}))[2].lifts == ()


# --------------------------------------------------------------------------------------
# streams read wherever a case is evaluated (evaluate_case), and in a batch column
def test_evaluate_case_reads_the_streams_itself():
    """A case built from a mapping (app, batch, hourly, report) gets its streams read by the evaluation."""
    from heatcalc.evaluation.annual import evaluate_case, evaluate_record

    res = evaluate_case({**DRYER, "streams": STREAMS})
    assert res.case.sink_recovery is not None and res.pinch is not None
    codes = [getattr(w, "code", None) for w in res.row("staged")["warnings"]]
    assert "staged.streams_unread" not in codes
    assert res.row("staged")["npv_EUR"] == pytest.approx(evaluate_case(_dryer_with(STREAMS)).row("staged")["npv_EUR"],
                                                         rel=REL)
    d = res.to_dict()
    assert d["pinch"]["Q_hot_min_kW"] == pytest.approx(res.pinch["Q_hot_min_kW"], rel=REL)
    assert len(d["notes"]) == len(d["note_codes"])
    assert {"pinch.case_targets", "pinch.case_threshold"} & set(d["note_codes"])
    rows = evaluate_record({**DRYER, "streams": [{"name": "x", "T_supply_C": 50, "T_target_C": 40,
                                                  "CP_kW_per_K": -1}]})
    assert len(rows) == 1 and rows[0]["status"] == "error" and "CP_kW_per_K" in str(rows[0]["message"])


def test_batch_streams_column_is_relative_to_the_input(tmp_path, monkeypatch):
    import pandas as pd

    sub = tmp_path / "in"
    sub.mkdir()
    (sub / "streams.csv").write_text(STREAMS_CSV)
    cols = list(DRYER)
    lines = [",".join(cols + ["streams"]),
             ",".join(str(DRYER[c]) for c in cols) + ",streams.csv",
             ",".join(str(DRYER[c]) if c != "case_id" else "missing" for c in cols) + ",nope.csv",
             ",".join(str(DRYER[c]) if c != "case_id" else "plain" for c in cols) + ","]
    (sub / "sites.csv").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)  # elsewhere than the input: the cell is read relative to the input's folder
    assert main(["batch", str(sub / "sites.csv"), "-o", str(tmp_path / "o.csv"), "--workers", "1",
                 "--no-progress"]) == 0
    out = pd.read_csv(tmp_path / "o.csv")
    from heatcalc.evaluation.annual import evaluate_case

    want = evaluate_case(_dryer_with(STREAMS)).row("staged")
    got = out[(out.case_id == DRYER["case_id"]) & (out.option == "staged")].iloc[0]
    assert got.npv_EUR == pytest.approx(want["npv_EUR"], rel=1e-6)
    assert got.status == "ok" and "streams were not read" not in str(got.warnings)
    bad = out[out.case_id == "missing"]
    assert len(bad) == 1 and bad.iloc[0].status == "error" and "streams" in bad.iloc[0].message
    assert "nope.csv" in bad.iloc[0].message
    plain = out[(out.case_id == "plain") & (out.option == "staged")].iloc[0]
    assert plain.npv_EUR == pytest.approx(evaluate_case(DRYER).row("staged")["npv_EUR"], rel=1e-6)


#: The dryer whose waste-heat source is the table's exhaust (90 → 40 °C, 30 kW/K = 1,500 kW).
DRYER_EXHAUST = {**DRYER, "source_medium": "exhaust", "T_source_in_C": 90, "T_source_out_C": 40,
                 "source_heat_kW": 1500.0}


@pytest.mark.parametrize("kw", [{}, {"source_heat_kW": None}, {"grid_capacity_kW": 300.0}])
def test_source_listed_in_the_streams_is_not_counted_twice(kw):
    """The case's source is the table's exhaust: its heat is in the band already, so the staged option neither
    recovers it again nor gives it whole to the heat pump; heat taken from the site's streams (recovery and the
    heat pump's evaporator) never exceeds what the streams have left after their own recovery."""
    from heatcalc.integration.pinch import pinch_targets

    case = _dryer_with(STREAMS, **{**DRYER_EXHAUST, **kw})
    rec = case.sink_recovery
    assert rec["source_stream"] == "exhaust"
    others = [S(s["name"], s["T_supply_C"], s["T_target_C"], s["CP_kW_per_K"]) for s in STREAMS[1:]]
    with_sink = pinch_targets(others + [S("sink", 20, 180, 25)], case.dT_min_K)
    assert rec["Q_source_left_kW"] == pytest.approx(with_sink.Q_cold_min_kW, rel=REL)
    best, cands, p = optimise(case)
    assert p.source_stream == "exhaust" and p.Q_hx_source == 0.0 and p.recovery_from == "streams"
    free = rec["Q_kW"] + rec["Q_source_left_kW"]
    hot_total = sum(s["CP_kW_per_K"] * (s["T_supply_C"] - s["T_target_C"]) for s in STREAMS[1:3])
    assert free <= hot_total * (1 + REL)
    for s in cands:
        assert s.Q_hx_kW + max(s.Q_hp_kW - s.P_hp_kW, 0.0) <= free * (1 + 1e-6)
        total = s.Q_hx_kW + s.Q_hp_kW + s.Q_eboiler_kW + s.Q_boiler_kW + getattr(s, "Q_lift_kW", 0.0)
        assert total == pytest.approx(4000.0, rel=1e-9)
    from heatcalc.options.staged_supply import staged

    assert "staged.source_in_table" in [getattr(w, "code", None) for w in staged(case).warnings]
    # the heat pump's source is what the site leaves (the old rule gave it the whole exhaust again)
    assert p.Q_src <= rec["Q_source_left_kW"] * (1 + REL) < 1500.0
