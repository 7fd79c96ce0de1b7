"""One entry point for every cycle topology: :func:`run_cycle`.

The command line (``heatcalc cycle --topology``) and the app's cycle designer both call it,
so a topology is dispatched in one place. Temperatures in K and pressures in Pa (SI inside);
the callers convert their °C and bar at the edge.
"""
from __future__ import annotations

from heatcalc.core.errors import InputError
from heatcalc.thermo.cycles import CycleResult, single_stage
from heatcalc.thermo.multistage import CompositeCycleResult, cascade, two_stage
from heatcalc.thermo.transcritical import transcritical

#: Topologies :func:`run_cycle` knows.
TOPOLOGIES = ("single", "two_stage", "cascade", "transcritical")
#: Other spellings of a topology.
ALIASES = {"single_stage": "single", "single_stage_ihx": "single"}


def normalise_topology(name: str) -> str:
    """A topology name as :data:`TOPOLOGIES` spells it (``single-stage`` → ``single``).

    Raises
    ------
    InputError
        An unknown topology.
    """
    topo = str(name).strip().lower().replace("-", "_")
    topo = ALIASES.get(topo, topo)
    if topo not in TOPOLOGIES:
        raise InputError(f"topology={name} is not known: valid is one of {', '.join(TOPOLOGIES)}")
    return topo


def run_cycle(topology: str, *, fluid: str | None, T_evap_K: float, T_cond_K: float | None = None,
              superheat_K: float = 5.0, subcooling_K: float = 5.0, eta_is: float = 0.70,
              eta_is_low: float | None = None, eta_is_high: float | None = None, eta_motor: float = 1.0,
              ihx_effectiveness: float = 0.0, p_intermediate_Pa: float | None = None,
              optimise_p_intermediate: bool = False, intercooling: str | None = None,
              fluid_low: str | None = None, T_cascade_K: float | None = None, dT_cascade_K: float | None = None,
              T_gc_out_K: float | None = None, p_gc_Pa: float | None = None) -> CycleResult | CompositeCycleResult:
    """One heat-pump cycle of the given topology.

    Parameters
    ----------
    topology : str
        ``single`` (with ``ihx_effectiveness`` for an internal heat exchanger), ``two_stage`` (open
        flash tank), ``cascade`` or ``transcritical`` (CO2 gas cooler).
    fluid : str or None
        Refrigerant (the high stage of a cascade; ``R744`` when ``None`` for transcritical).
    T_evap_K, T_cond_K : float
        Evaporating (dew) and condensing (bubble) temperatures [K]; ``T_cond_K`` is not used by
        the transcritical cycle.
    superheat_K, subcooling_K : float
        Superheat at compressor suction and subcooling at condenser outlet [K].
    eta_is, eta_is_low, eta_is_high : float
        Isentropic efficiency [-]; the low and high stage of two-stage and cascade cycles default
        to ``eta_is``.
    eta_motor : float
        Motor and drive efficiency [-].
    ihx_effectiveness : float
        Internal heat exchanger effectiveness [-] (single, transcritical).
    p_intermediate_Pa, optimise_p_intermediate, intercooling
        Two-stage: intermediate pressure [Pa] (default geometric mean), choose it for the best
        COP, ``flash_gas`` (default) or ``open_intercooler``.
    fluid_low, T_cascade_K, dT_cascade_K
        Cascade: low-stage fluid (default ``fluid``), its condensing temperature [K] (default
        chosen for the best COP), the cascade exchanger's approach [K] (default 5 K).
    T_gc_out_K, p_gc_Pa
        Transcritical: gas-cooler outlet temperature [K] and pressure [Pa] (default best COP).

    Returns
    -------
    CycleResult or CompositeCycleResult

    Raises
    ------
    InputError
        Unknown topology or a temperature the topology needs is missing; otherwise as the
        cycle function of that topology.
    """
    topo = normalise_topology(topology)
    low = eta_is if eta_is_low is None else eta_is_low
    high = eta_is if eta_is_high is None else eta_is_high
    if topo != "transcritical":
        if fluid is None:
            raise InputError(f"fluid is required for topology {topo}")
        if T_cond_K is None:
            raise InputError(f"T_cond_K is required for topology {topo}")
    if topo == "single":
        return single_stage(fluid, T_evap_K, T_cond_K, superheat_K=superheat_K, subcooling_K=subcooling_K,
                            eta_is=eta_is, ihx_effectiveness=ihx_effectiveness, eta_motor=eta_motor)
    if topo == "two_stage":
        return two_stage(fluid, T_evap_K, T_cond_K, superheat_K=superheat_K, subcooling_K=subcooling_K,
                         eta_is_low=low, eta_is_high=high, p_intermediate_Pa=p_intermediate_Pa,
                         eta_motor=eta_motor, intercooling=intercooling or "flash_gas",
                         optimise_p_intermediate=optimise_p_intermediate)
    if topo == "cascade":
        return cascade(fluid_low or fluid, fluid, T_evap_K, T_cond_K, T_cascade_K=T_cascade_K,
                       dT_cascade_K=5.0 if dT_cascade_K is None else dT_cascade_K, superheat_K=superheat_K,
                       subcooling_K=subcooling_K, eta_is_low=low, eta_is_high=high, eta_motor=eta_motor)
    if T_gc_out_K is None:
        raise InputError("T_gc_out_K is required for topology transcritical")
    return transcritical(T_evap_K, T_gc_out_K, p_gc_Pa=p_gc_Pa, superheat_K=superheat_K, eta_is=eta_is,
                         ihx_effectiveness=ihx_effectiveness, eta_motor=eta_motor, fluid=fluid or "R744")
