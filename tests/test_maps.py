"""COP maps: interpolation against the full cycle, capacity ratio, out-of-range handling."""
import numpy as np
import pytest

from heatcalc.core.errors import FluidPropertyError, InputError
from heatcalc.core.units import C_to_K
from heatcalc.thermo.cop_maps import CopMap, Machine, full_cycle_performance, hourly_performance
from heatcalc.thermo.pinch import design
from heatcalc.thermo.streams import sink_stream, source_stream

MAP_RTOL = 5e-3        # 0.5 % on COP and capacity ratio vs the full cycle (the requirement)
DESIGN_RTOL = 1e-6     # map at the design point vs the design's own cycle


@pytest.fixture(scope="module")
def machine():
    d = design(sink_stream("water", C_to_K(60), C_to_K(90)), source_stream("water", C_to_K(40), C_to_K(35)),
               "R1233zd(E)")
    return d, Machine.from_design(d)


def _hours(n=200, seed=1):
    rng = np.random.default_rng(seed)
    return C_to_K(rng.uniform(25, 50, n)), C_to_K(rng.uniform(80, 100, n))


def test_machine_reproduces_design_saturation_temperatures(machine):
    d, m = machine
    te, tc = m.saturation_temperatures(d.source.T_in_K, d.sink.T_out_K)
    assert te == pytest.approx(d.T_evap_K) and tc == pytest.approx(d.T_cond_K)
    r = hourly_performance(d, np.array([d.source.T_in_K, d.source.T_in_K + 5]), d.sink.T_out_K)
    assert r.cop[0] == pytest.approx(d.cop_heating, rel=DESIGN_RTOL)
    assert r.capacity_ratio[0] == pytest.approx(1.0, rel=DESIGN_RTOL)


@pytest.mark.parametrize("fluid, dT_source, dT_sink", [("R1233zd(E)", 10.0, 3.0), ("R600", 8.0, 2.0),
                                                       ("R717", 6.0, 4.0), ("R1234ze(E)", 7.0, 1.0)])
def test_map_within_half_a_percent_of_full_cycle(fluid, dT_source, dT_sink):
    m = Machine(fluid, 0.7, 5.0, 5.0, dT_source, dT_sink, vhc_design_J_per_m3=2.0e6,
                T_evap_design_K=C_to_K(30), T_cond_design_K=C_to_K(90))
    src, snk = _hours()
    if fluid in ("R717", "R1234ze(E)"):  # keep below their critical points
        snk = snk - 20.0
    r = hourly_performance(m, src, snk)
    ref = full_cycle_performance(m, src, snk)
    assert r.valid.all() and ref.valid.all() and r.warnings == []
    assert np.max(np.abs(r.cop / ref.cop - 1)) <= MAP_RTOL
    assert np.max(np.abs(r.capacity_ratio / ref.capacity_ratio - 1)) <= MAP_RTOL


def test_capacity_falls_with_colder_source(machine):
    _, m = machine
    r = hourly_performance(m, C_to_K(np.array([30.0, 40.0, 50.0])), C_to_K(90.0))
    assert np.all(np.diff(r.capacity_ratio) > 0) and np.all(np.diff(r.cop) > 0)


def test_points_outside_the_map_are_nan_with_warning(machine):
    _, m = machine
    cmap = CopMap(m, (C_to_K(20), C_to_K(30)), (C_to_K(80), C_to_K(95)))
    r = cmap.evaluate(np.array([C_to_K(25), C_to_K(35)]), np.array([C_to_K(90), C_to_K(90)]))
    assert np.isfinite(r.cop[0]) and np.isnan(r.cop[1]) and np.isnan(r.capacity_ratio[1])
    assert list(r.valid) == [True, False]
    assert any("1 of 2 points outside the map" in w for w in r.warnings)


def test_hours_outside_the_single_stage_envelope_are_nan_with_warning(machine):
    _, m = machine
    # source so warm that the lift vanishes, and sink beyond the critical point of R1233zd(E)
    src = C_to_K(np.array([40.0, 103.0, 40.0]))
    snk = C_to_K(np.array([90.0, 90.0, 170.0]))
    r = hourly_performance(m, src, snk)
    assert np.isfinite(r.cop[0]) and np.isnan(r.cop[1:]).all()
    assert any("2 of 3 points outside the single-stage envelope" in w for w in r.warnings)


def test_condensing_above_recommended_maximum_warns(machine):
    _, m = machine
    r = hourly_performance(m, C_to_K(np.array([60.0, 80.0])), C_to_K(np.array([150.0, 155.0])))
    assert np.isfinite(r.cop).all()
    assert any("recommended maximum" in w for w in r.warnings)


@pytest.mark.parametrize("call, words", [
    (lambda m: CopMap(m, (300.0, 310.0), (350.0, 360.0), n_grid=3), "n_grid"),
    (lambda m: CopMap(m, (310.0, 300.0), (350.0, 360.0)), "T_evap_range_K"),
    (lambda m: CopMap(m, (300.0, 310.0), (float("nan"), 360.0)), "T_cond_range_K"),
    (lambda m: CopMap(m, (400.0, 410.0), (300.0, 310.0)), "envelope"),
    (lambda m: CopMap("R600", (300.0, 310.0), (350.0, 360.0)), "machine"),
    (lambda m: hourly_performance(m, np.array([np.nan]), np.array([np.nan])), "finite"),
    (lambda m: hourly_performance(m, C_to_K(95.0), C_to_K(60.0)), "envelope"),
])
def test_invalid_map_inputs_raise(machine, call, words):
    _, m = machine
    with pytest.raises(InputError, match=words):
        call(m)


def test_unknown_fluid_raises_fluid_property_error():
    m = Machine("Unobtainium", 0.7, 5.0, 5.0, 10.0, 3.0, 1e6, 300.0, 360.0)
    with pytest.raises(FluidPropertyError, match="Unobtainium"):
        CopMap(m, (300.0, 310.0), (350.0, 360.0))
