"""run_cycle: the one dispatch of cycle topologies used by the CLI and the app."""
import pytest

from heatcalc.core.errors import InputError
from heatcalc.core.units import C_to_K
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.multistage import cascade, two_stage
from heatcalc.thermo.topologies import TOPOLOGIES, normalise_topology, run_cycle
from heatcalc.thermo.transcritical import transcritical

COP_RTOL = 1e-12


@pytest.mark.parametrize("topology, direct, kw", [
    ("single", lambda: single_stage("R600", C_to_K(40), C_to_K(90), ihx_effectiveness=0.3),
     {"fluid": "R600", "T_evap_K": C_to_K(40), "T_cond_K": C_to_K(90), "ihx_effectiveness": 0.3}),
    ("two_stage", lambda: two_stage("R717", C_to_K(-10), C_to_K(70), eta_is_low=0.65, eta_is_high=0.75),
     {"fluid": "R717", "T_evap_K": C_to_K(-10), "T_cond_K": C_to_K(70), "eta_is_low": 0.65, "eta_is_high": 0.75}),
    ("cascade", lambda: cascade("R744", "R717", C_to_K(-35), C_to_K(50)),
     {"fluid": "R717", "fluid_low": "R744", "T_evap_K": C_to_K(-35), "T_cond_K": C_to_K(50)}),
    ("transcritical", lambda: transcritical(C_to_K(0), C_to_K(35)),
     {"fluid": None, "T_evap_K": C_to_K(0), "T_gc_out_K": C_to_K(35)}),
])
def test_run_cycle_is_the_topology_function(topology, direct, kw):
    assert run_cycle(topology, **kw).cop_heating == pytest.approx(direct().cop_heating, rel=COP_RTOL)


def test_names_and_missing_inputs():
    assert normalise_topology("Single-Stage") == "single" and set(TOPOLOGIES) >= {"single", "transcritical"}
    with pytest.raises(InputError, match="quadruple"):
        run_cycle("quadruple", fluid="R600", T_evap_K=300.0, T_cond_K=350.0)
    with pytest.raises(InputError, match="T_cond_K is required"):
        run_cycle("two_stage", fluid="R600", T_evap_K=300.0)
    with pytest.raises(InputError, match="T_gc_out_K is required"):
        run_cycle("transcritical", fluid=None, T_evap_K=273.15)
