"""Heat source and sink streams: T–Q profiles against steam tables and physics."""
import csv
from pathlib import Path

import numpy as np
import pytest

from heatcalc.core.errors import FluidPropertyError, InputError, PhysicalBoundsError
from heatcalc.core.units import C_to_K
from heatcalc.thermo.cop_models import log_mean_temperature
from heatcalc.thermo.fluids import get_incompressible
from heatcalc.thermo.streams import SINK_MEDIA, SOURCE_MEDIA, sink_stream, source_stream

DATA = Path(__file__).parent / "data"
DH_RTOL = 3e-3        # 0.3 % on enthalpy differences: table rounding, compressed-liquid and real-gas corrections
P_RTOL = 1e-3         # 0.1 % on saturation pressure
T_MEAN_RTOL = 1e-4    # entropic vs log-mean temperature for a near-constant heat capacity
MASS_RTOL = 1e-12


def _reference():
    with open(DATA / "reference_stream_properties.csv", newline="") as fh:
        return list(csv.DictReader(row for row in fh if not row.startswith("#")))


@pytest.mark.parametrize("ref", _reference(), ids=lambda r: r["case"])
def test_enthalpy_and_pressure_match_steam_and_air_tables(ref):
    make = sink_stream if ref["role"] == "sink" else source_stream
    s = make(ref["medium"], C_to_K(float(ref["T_in_C"])), C_to_K(float(ref["T_out_C"])))
    if ref["quantity"] == "dh":
        assert s.dh_J_per_kg / 1e3 == pytest.approx(float(ref["value"]), rel=DH_RTOL)
    else:
        assert s.p_Pa / 1e5 == pytest.approx(float(ref["value"]), rel=P_RTOL)


@pytest.mark.parametrize("role, medium", [("sink", m) for m in SINK_MEDIA] + [("source", m) for m in SOURCE_MEDIA])
def test_profiles_are_monotone_from_the_cold_end(role, medium):
    if role == "sink":
        s = sink_stream(medium, C_to_K(40), C_to_K(120))
        assert s.T_cold_K == pytest.approx(s.T_in_K) and s.T_hot_K == pytest.approx(s.T_out_K)
    else:
        s = source_stream(medium, C_to_K(90), C_to_K(50))
        assert s.T_cold_K == pytest.approx(s.T_out_K) and s.T_hot_K == pytest.approx(s.T_in_K)
    assert s.q_frac[0] == 0.0 and s.q_frac[-1] == pytest.approx(1.0)
    assert np.all(np.diff(s.q_frac) > 0)
    assert np.all(np.diff(s.T_K) >= 0)
    assert s.segments[0][1] == 0.0 and s.segments[-1][2] == 1.0
    # heat per kg follows from the end enthalpies
    assert s.dh_J_per_kg == pytest.approx(abs(s.h_out_J_per_kg - s.h_in_J_per_kg))


def test_steam_profile_is_kinked_at_saturation():
    s = sink_stream("steam", C_to_K(20), C_to_K(150))
    (n1, a1, b1), (n2, a2, b2) = s.segments
    assert (n1, n2) == ("preheating", "evaporation")
    # preheating 20 -> 150 C is about 549 kJ/kg of 2662 kJ/kg (Cengel Table A-4): about 20 %
    assert b1 == pytest.approx((632.18 - 83.91) / (2745.9 - 83.91), rel=DH_RTOL)
    assert s.T_at_q(0.5) == pytest.approx(C_to_K(150))
    assert s.T_at_q(0.5 * b1) < C_to_K(150) - 1


def test_vapour_source_condenses_flat_then_subcools():
    s = source_stream("vapour", C_to_K(80), C_to_K(60))
    assert [n for n, _, _ in s.segments] == ["subcooling", "condensation"]
    q_sub = s.segments[0][2]
    assert s.T_at_q(q_sub + 0.5 * (1 - q_sub)) == pytest.approx(C_to_K(80))
    assert s.T_at_q(0.0) == pytest.approx(C_to_K(60))
    assert any("below atmospheric" in w for w in s.warnings)
    flat = source_stream("vapour", C_to_K(80), C_to_K(80))
    assert [n for n, _, _ in flat.segments] == ["condensation"]


def test_mass_flow_from_duty_and_isothermal_source():
    s = sink_stream("water", C_to_K(60), C_to_K(90))
    m = s.mass_flow_kg_per_s(1e6)
    assert m * s.dh_J_per_kg == pytest.approx(1e6, rel=MASS_RTOL)
    iso = source_stream("water", C_to_K(40), C_to_K(40))
    assert iso.isothermal and iso.mass_flow_kg_per_s(1e3) == float("inf")
    assert iso.T_mean_K == pytest.approx(C_to_K(40))
    assert any("isothermal" in w for w in iso.warnings)


def test_mean_temperatures():
    air = sink_stream("air", C_to_K(20), C_to_K(40))     # cp nearly constant: entropic mean = log-mean
    assert air.T_mean_K == pytest.approx(log_mean_temperature(air.T_in_K, air.T_out_K), rel=T_MEAN_RTOL)
    assert air.T_lm_K == pytest.approx(log_mean_temperature(air.T_in_K, air.T_out_K))
    steam = sink_stream("steam", C_to_K(20), C_to_K(150))  # most heat at 150 C: mean well above the log-mean
    assert steam.T_lm_K + 40 < steam.T_mean_K < C_to_K(150)


def test_thermal_oil_is_therminol_66_from_coolprop():
    s = sink_stream("thermal_oil", C_to_K(150), C_to_K(250))
    assert s.fluid == "INCOMP::T66"
    # energy balance against CoolProp's own state function
    oil = get_incompressible("T66")
    dh = oil.h_pT(s.p_Pa, C_to_K(250)) - oil.h_pT(s.p_Pa, C_to_K(150))
    assert s.dh_J_per_kg == pytest.approx(dh, rel=1e-12)


def test_exhaust_is_dry_air_with_warning():
    ex = source_stream("exhaust", C_to_K(150), C_to_K(60))
    air = source_stream("air", C_to_K(150), C_to_K(60))
    assert ex.dh_J_per_kg == pytest.approx(air.dh_J_per_kg)
    assert any("dry air" in w for w in ex.warnings)


@pytest.mark.parametrize("call, exc, words", [
    (lambda: sink_stream("oil", 300.0, 350.0), InputError, "sink_medium"),
    (lambda: source_stream("steam", 350.0, 340.0), InputError, "source_medium"),
    (lambda: sink_stream("water", C_to_K(90), C_to_K(60)), InputError, "must be above"),
    (lambda: sink_stream("water", C_to_K(60), C_to_K(60)), InputError, "must be above"),
    (lambda: source_stream("water", C_to_K(30), C_to_K(40)), InputError, "must not be above"),
    (lambda: sink_stream("water", C_to_K(60), C_to_K(380)), InputError, "T_sink_out"),
    (lambda: source_stream("water", C_to_K(-5), C_to_K(-10)), InputError, "T_source_in"),
    (lambda: sink_stream("thermal_oil", C_to_K(300), C_to_K(400)), InputError, "°C"),
    (lambda: sink_stream("water", float("nan"), C_to_K(60)), InputError, "finite"),
    (lambda: sink_stream("steam", C_to_K(60), C_to_K(120), p_Pa=3e5), InputError, "p_Pa"),
    (lambda: sink_stream("water", C_to_K(60), C_to_K(120), p_Pa=1e5), PhysicalBoundsError, "boil"),
    (lambda: sink_stream("air", C_to_K(20), C_to_K(90), p_Pa=-1.0), InputError, "p_Pa"),
    (lambda: sink_stream("water", C_to_K(20), C_to_K(90), n_points=1), InputError, "n_points"),
    (lambda: sink_stream("water", C_to_K(20), C_to_K(90)).mass_flow_kg_per_s(0.0), InputError, "Q_W"),
    (lambda: get_incompressible("NoSuchOil"), FluidPropertyError, "NoSuchOil"),
    (lambda: get_incompressible("T66").state_pT(5e5, C_to_K(500)), PhysicalBoundsError, "validity range"),
    (lambda: get_incompressible("T66").state_pT(5e5, float("nan")), PhysicalBoundsError, "validity range"),
    (lambda: get_incompressible("T66").state_pT(float("nan"), C_to_K(100)), FluidPropertyError, "non-finite"),
])
def test_invalid_streams_raise_named_errors(call, exc, words):
    with pytest.raises(exc, match=words):
        call()
