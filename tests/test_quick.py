"""Quick COP models against published examples, their validity ranges and their data file."""
import csv
from pathlib import Path

import numpy as np
import pytest

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError, PhysicalBoundsError
from heatcalc.core.units import C_to_K
from heatcalc.thermo.cop_models import (
    carnot_cop,
    carnot_fraction_cop,
    default_quality_grade,
    jesper_cop,
    log_mean_temperature,
    lorenz_cop,
    lorenz_fraction_cop,
    model_parameters,
)

DATA = Path(__file__).parent / "data"
PUBLISHED_ATOL = 0.005   # published figures are given to two decimals
EXACT_RTOL = 1e-12


def _reference():
    with open(DATA / "reference_quick_models.csv", newline="") as fh:
        return {r["case"] + ":" + r["quantity"]: r for r in csv.DictReader(x for x in fh if not x.startswith("#"))}


REF = _reference()


def _T(r, key):
    return C_to_K(float(r[key]))


def test_lorenz_and_carnot_reproduce_reinholdt_example():
    r = REF["lorenz_example:cop_lorenz"]
    cop = lorenz_cop(_T(r, "T_sink_in_C"), _T(r, "T_sink_out_C"), _T(r, "T_source_in_C"), _T(r, "T_source_out_C"))
    assert cop == pytest.approx(float(r["value"]), abs=PUBLISHED_ATOL)
    # The example's Carnot COP uses the outlet temperatures of both streams.
    c = REF["lorenz_example:cop_carnot"]
    assert carnot_cop(_T(c, "T_sink_out_C"), _T(c, "T_source_out_C")) == pytest.approx(float(c["value"]),
                                                                                         abs=PUBLISHED_ATOL)


@pytest.mark.parametrize("case", [k for k in REF if k.startswith("vhthp")])
def test_jesper_vhthp_check_values(case):
    r = REF[case]
    res = jesper_cop(_T(r, "T_sink_out_C"), _T(r, "T_source_out_C"), model="vhthp")
    assert res.cop == pytest.approx(float(r["value"]), abs=PUBLISHED_ATOL)
    assert res.model == "jesper2021_vhthp"
    assert res.warnings == []


def test_jesper_uses_sink_temperature_in_kelvin_not_celsius():
    # With T_sink in °C the check value 4.12 at 120 °C / 40 K lift would come out near 1.84.
    p = model_parameters("jesper2021_vhthp")
    T_s, lift = 120.0, 40.0
    in_celsius = p["a"] * (lift + 2 * p["d"]) ** p["b"] * (T_s + p["d"]) ** p["c"]
    assert jesper_cop(C_to_K(T_s), C_to_K(T_s - lift)).cop > 2 * in_celsius


def test_jesper_conventional_depends_on_lift_only_and_decreases():
    a = jesper_cop(C_to_K(70), C_to_K(40)).cop
    b = jesper_cop(C_to_K(90), C_to_K(60)).cop
    assert a == pytest.approx(b, rel=EXACT_RTOL)          # d = 0
    assert jesper_cop(C_to_K(90), C_to_K(40)).cop < b


def test_jesper_auto_picks_model_by_sink_temperature_per_point():
    sink = C_to_K(np.array([80.0, 100.0, 120.0]))
    r = jesper_cop(sink, sink - 40.0, "auto")
    assert r.model == "jesper2021_mixed"
    assert r.cop[0] == pytest.approx(jesper_cop(sink[0], sink[0] - 40, "conventional").cop, rel=EXACT_RTOL)
    assert r.cop[1] == pytest.approx(jesper_cop(sink[1], sink[1] - 40, "conventional").cop, rel=EXACT_RTOL)
    assert r.cop[2] == pytest.approx(jesper_cop(sink[2], sink[2] - 40, "vhthp").cop, rel=EXACT_RTOL)


@pytest.mark.parametrize("sink_C, source_C, model, words", [
    (90, 85, "auto", "lift outside"),                       # 5 K lift < 10 K
    (95, 5, "auto", "lift outside"),                        # 90 K > 78 K
    (120, 40, "conventional", "sink outlet above"),
    (170, 110, "auto", "sink outlet outside"),
    (140, 125, "auto", "lift outside"),
    (150, 20, "auto", "source outside"),                    # also lift 130 K
    (90, 40, "vhthp", "sink outlet outside"),
])
def test_jesper_outside_validity_returns_number_and_warning(sink_C, source_C, model, words):
    r = jesper_cop(C_to_K(sink_C), C_to_K(source_C), model)
    assert np.isfinite(r.cop) and r.cop > 0
    assert any(words in w for w in r.warnings), r.warnings


def test_jesper_warning_counts_points_of_arrays():
    r = jesper_cop(C_to_K(np.array([120.0, 120.0, 120.0])), C_to_K(np.array([100.0, 80.0, 70.0])))  # lifts 20, 40, 50 K
    assert r.warnings == ["Jesper VHTHP: lift outside its validity range 25-95 K (1 of 3 points)"]


def test_quality_grades_come_from_data_with_source():
    df = read_csv("cop_models.csv")
    assert df["source"].astype(str).str.len().min() > 5
    assert default_quality_grade("hthp") == pytest.approx(0.45)
    assert default_quality_grade("conventional") == pytest.approx(0.35)
    r = carnot_fraction_cop(C_to_K(90), C_to_K(15))
    assert r.cop == pytest.approx(0.45 * carnot_cop(C_to_K(90), C_to_K(15)), rel=EXACT_RTOL)
    assert r.warnings == []


def test_conventional_grade_above_100C_warns():
    r = carnot_fraction_cop(C_to_K(120), C_to_K(60), hp_class="conventional")
    assert r.cop == pytest.approx(0.35 * carnot_cop(C_to_K(120), C_to_K(60)))
    assert any("above 100 °C" in w for w in r.warnings)


def test_lorenz_fraction_and_vectorised_inputs():
    sink_in, sink_out = C_to_K(np.array([60.0, 70.0])), C_to_K(np.array([90.0, 100.0]))
    r = lorenz_fraction_cop(sink_in, sink_out, C_to_K(40.0), C_to_K(15.0), 0.5)
    assert r.cop.shape == (2,)
    assert r.cop[0] == pytest.approx(0.5 * lorenz_cop(C_to_K(60), C_to_K(90), C_to_K(40), C_to_K(15)))
    assert log_mean_temperature(300.0, 300.0) == pytest.approx(300.0)
    assert lorenz_cop(C_to_K(60), C_to_K(90), C_to_K(40), C_to_K(15)) > carnot_cop(C_to_K(90), C_to_K(15))


@pytest.mark.parametrize("call, exc, words", [
    (lambda: carnot_cop(C_to_K(40), C_to_K(60)), PhysicalBoundsError, "must be above"),
    (lambda: lorenz_cop(C_to_K(20), C_to_K(30), C_to_K(60), C_to_K(50)), PhysicalBoundsError, "must be above"),
    (lambda: jesper_cop(C_to_K(80), C_to_K(90)), PhysicalBoundsError, "must be above"),
    (lambda: jesper_cop(C_to_K(80), C_to_K(40), model="magic"), InputError, "model"),
    (lambda: carnot_cop(float("nan"), 300.0), InputError, "finite"),
    (lambda: log_mean_temperature(-5.0, 300.0), InputError, "above 0 K"),
    (lambda: carnot_fraction_cop(C_to_K(90), C_to_K(15), quality_grade=1.5), InputError, "quality_grade"),
    (lambda: lorenz_fraction_cop(C_to_K(60), C_to_K(90), C_to_K(40), C_to_K(15), 0.0), InputError, "quality_grade"),
    (lambda: default_quality_grade("magic"), InputError, "hp_class"),
    (lambda: model_parameters("magic"), InputError, "model"),
    (lambda: lorenz_cop(float("inf"), 363.15, 313.15, 288.15), InputError, "finite"),
    (lambda: carnot_fraction_cop(C_to_K(40), C_to_K(60)), PhysicalBoundsError, "must be above"),
    (lambda: carnot_fraction_cop(float("nan"), C_to_K(60)), InputError, "finite"),
    (lambda: lorenz_fraction_cop(C_to_K(20), C_to_K(30), C_to_K(60), C_to_K(50), 0.5), PhysicalBoundsError,
     "must be above"),
    (lambda: jesper_cop(0.0, C_to_K(40)), InputError, "above 0 K"),
])
def test_invalid_inputs_raise_named_errors(call, exc, words):
    with pytest.raises(exc, match=words):
        call()
