"""Default compressor by type (heatcalc.thermo.compressors.select_compressor, data/compressor_selection.csv)."""
from __future__ import annotations

import pytest

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError

BASE = {"case_id": "c", "T_sink_in_C": 90, "T_sink_out_C": 120, "T_source_in_C": 60, "options": "heat_pump"}


def _figure(compressor: str, parameter: str) -> float:
    df = read_csv("compressor_selection.csv")
    return float(df[(df.compressor == compressor) & (df.parameter == parameter)]["value"].iloc[0])


def test_select_compressor_follows_size_and_pressure_ratio():
    from heatcalc.thermo.compressors import select_compressor

    piston_max, screw_max = _figure("piston", "capacity_max_kW"), _figure("screw", "capacity_max_kW")
    pr_turbo = _figure("turbo", "pressure_ratio_stage_max")
    assert select_compressor(0.5 * piston_max, 4.0)[0] == "piston"
    assert select_compressor(piston_max * 1.01, 4.0)[0] == "screw"
    assert select_compressor(screw_max, 4.0)[0] == "screw"
    assert select_compressor(screw_max * 2, pr_turbo * 0.9)[0] == "turbo"
    kind, why = select_compressor(screw_max * 2, pr_turbo * 1.1)
    assert kind == "screw" and "turbo stage limit" in why
    for bad in ((0.0, 3.0), (1000.0, 1.0), (float("nan"), 3.0)):
        with pytest.raises(InputError):
            select_compressor(*bad)


@pytest.mark.parametrize("Q_kW, expected", [(7.5, "piston"), (3000.0, "screw")])
def test_evaluation_names_the_compressor_and_its_min_load(Q_kW, expected):
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.thermo.compressors import min_load

    res = evaluate_case({**BASE, "heat_demand_kW": Q_kW})
    row = next(r for r in res.rows if r["option"] == "heat_pump")
    assert row["status"] == "ok"
    assert row["hp_compressor"] == expected
    flows = next(f for f in res.flows if f.option == "heat_pump") if hasattr(res, "flows") else None
    if flows is not None:
        assert flows.details["compressor"] == expected
        assert flows.details["hp_min_load"] == pytest.approx(min_load(expected))
        assert expected in flows.details["compressor_reason"]


def test_stage_pressure_ratio_of_two_stage_is_per_stage():
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.compressors import stage_pressure_ratio
    from heatcalc.thermo.multistage import two_stage

    r = two_stage("R1233zd(E)", C_to_K(55.0), C_to_K(135.0))
    pr = stage_pressure_ratio(r)
    overall = r.p_cond_Pa / r.p_evap_Pa
    assert 1.0 < pr < overall
    assert pr == pytest.approx(max(r.extra["pressure_ratio_low"], r.extra["pressure_ratio_high"]))
