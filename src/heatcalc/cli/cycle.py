"""``heatcalc cycle`` — one heat-pump cycle from saturation temperatures.

Topologies: ``single`` (default; the contract command of docs/interface.md),
``two_stage`` (open flash tank), ``cascade`` and ``transcritical`` (CO2 gas cooler).
"""
from __future__ import annotations

from typing import Optional

import typer

from heatcalc.cli import app
from heatcalc.core.errors import InputError
from heatcalc.core.numbers import format_value
from heatcalc.core.units import C_to_K, bar_to_Pa
from heatcalc.thermo.topologies import TOPOLOGIES, run_cycle

#: Options that only some topologies use (option → topologies).
_ONLY_FOR = {
    "--ihx": ("single", "transcritical"),
    "--p-int": ("two_stage",),
    "--optimise-p-int": ("two_stage",),
    "--intercooling": ("two_stage",),
    "--fluid-low": ("cascade",),
    "--t-cascade": ("cascade",),
    "--dt-cascade": ("cascade",),
    "--eta-is-low": ("two_stage", "cascade"),
    "--eta-is-high": ("two_stage", "cascade"),
    "--t-gc-out": ("transcritical",),
    "--p-gc": ("transcritical",),
    "--subcooling": ("single", "two_stage", "cascade"),
}


def format_number(x, nd=2) -> str:
    """``x`` with ``nd`` decimals, or ``n/a`` for ``None`` and non-finite floats (text output of the commands)."""
    return format_value(x, f"{{:.{nd}f}}", missing="n/a")


def format_cycle(d: dict) -> str:
    """Readable text of a cycle result dict (``CycleResult.to_dict()``)."""
    f = format_number
    lines = [
        f"{d['fluid']} — {d['topology'].replace('_', ' ')}",
        f"  COP heating            {f(d['cop_heating'], 3)}",
        f"  COP Carnot             {f(d['cop_carnot'], 3)}"
        + (f"   (Carnot fraction {d['cop_heating'] / d['cop_carnot']:.2f})" if d.get("cop_carnot") else ""),
        f"  COP Lorenz             {f(d.get('cop_lorenz'), 3)}",
        f"  p evap / p cond        {f(d['p_evap_bar'], 3)} / {f(d['p_cond_bar'], 3)} bar"
        f"   (ratio {f(d['pressure_ratio'], 2)})",
        f"  discharge              {f(d['t_discharge_C'], 1)} °C   (superheat {f(d['discharge_superheat_K'], 1)} K)",
        f"  q cond / w comp        {f(d['q_cond_kJ_per_kg'], 1)} / {f(d['w_comp_kJ_per_kg'], 1)} kJ/kg",
        f"  VHC at suction         {f(d['vhc_kJ_per_m3'], 0)} kJ/m³",
    ]
    extra = [(k, v) for k, v in d.items() if k in d.get("_extra_keys", ())]
    if extra:
        lines.append("")
        for k, v in extra:
            lines.append(f"  {k:<22} {f(v, 3) if isinstance(v, float) else v}")
    lines += ["", "  state                        T [°C]    p [bar]  h [kJ/kg]  s [kJ/kgK]  quality"]
    for s in d["states"]:
        q = "-" if s["quality"] is None else f"{s['quality']:.3f}"
        lines.append(
            f"  {s['label'][:26]:<26} {s['T_C']:>9.2f} {s['p_bar']:>10.3f} {s['h_kJ_per_kg']:>10.2f}"
            f" {s['s_kJ_per_kgK']:>11.4f}  {q:>7}"
        )
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


def _need(value, option: str, topology: str):
    if value is None:
        raise InputError(f"{option} is required for --topology {topology}")
    return value


@app.command("cycle")
def cycle_cmd(
    fluid: Optional[str] = typer.Option(
        None, "--fluid",
        help="refrigerant, a CoolProp name such as R1233zd(E), R600, R717 (high stage for a cascade; "
             "default R744 for transcritical)"),
    t_evap: float = typer.Option(..., "--t-evap", help="evaporating (dew point) temperature [°C]"),
    t_cond: Optional[float] = typer.Option(
        None, "--t-cond", help="condensing (bubble point) temperature [°C], below critical (not for transcritical)"),
    superheat: float = typer.Option(5.0, "--superheat", help="superheat at compressor suction [K], 0 to 100"),
    subcooling: float = typer.Option(5.0, "--subcooling", help="subcooling at condenser outlet [K], 0 to 100"),
    eta_is: float = typer.Option(0.70, "--eta-is", help="isentropic compressor efficiency [-], in (0, 1]"),
    ihx: float = typer.Option(0.0, "--ihx", help="internal heat exchanger effectiveness [-], 0 (none) to 1"),
    eta_motor: float = typer.Option(1.0, "--eta-motor", help="motor and drive efficiency [-], in (0, 1]"),
    topology: str = typer.Option(
        "single", "--topology", help="cycle topology: single, two_stage, cascade or transcritical"),
    eta_is_low: Optional[float] = typer.Option(
        None, "--eta-is-low", help="isentropic efficiency of the low stage [-] (two_stage, cascade; default --eta-is)"),
    eta_is_high: Optional[float] = typer.Option(
        None, "--eta-is-high",
        help="isentropic efficiency of the high stage [-] (two_stage, cascade; default --eta-is)"),
    p_int: Optional[float] = typer.Option(
        None, "--p-int", help="intermediate pressure [bar] (two_stage; default geometric mean of p_evap and p_cond)"),
    optimise_p_int: bool = typer.Option(
        False, "--optimise-p-int", help="choose the intermediate pressure for the best COP (two_stage)"),
    intercooling: Optional[str] = typer.Option(
        None, "--intercooling", help="flash_gas (default) or open_intercooler (two_stage)"),
    fluid_low: Optional[str] = typer.Option(
        None, "--fluid-low", help="refrigerant of the low stage (cascade; default --fluid)"),
    t_cascade: Optional[float] = typer.Option(
        None, "--t-cascade",
        help="condensing temperature of the low stage [°C] (cascade; default: chosen for the best COP)"),
    dt_cascade: Optional[float] = typer.Option(
        None, "--dt-cascade", help="approach in the cascade heat exchanger [K], 0 to 50 (cascade; default 5)"),
    t_gc_out: Optional[float] = typer.Option(
        None, "--t-gc-out", help="gas-cooler outlet temperature [°C] (transcritical, required)"),
    p_gc: Optional[float] = typer.Option(
        None, "--p-gc",
        help="gas-cooler pressure [bar], above critical (transcritical; default: best COP within 75-160 bar)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """One heat-pump cycle: COP, pressures, discharge temperature, states.

    Topologies: single (default), two_stage (open flash tank), cascade, transcritical (CO2).
    """
    from heatcalc.core.jsonutil import dumps

    topo = topology.strip().lower().replace("-", "_")
    if topo not in TOPOLOGIES:
        raise InputError(f"--topology={topology} is not known: valid is one of {', '.join(TOPOLOGIES)}")
    given = {
        "--ihx": ihx != 0.0, "--p-int": p_int is not None, "--optimise-p-int": optimise_p_int,
        "--intercooling": intercooling is not None, "--fluid-low": fluid_low is not None,
        "--t-cascade": t_cascade is not None, "--dt-cascade": dt_cascade is not None,
        "--eta-is-low": eta_is_low is not None, "--eta-is-high": eta_is_high is not None,
        "--t-gc-out": t_gc_out is not None, "--p-gc": p_gc is not None, "--subcooling": subcooling != 5.0,
    }
    for opt, used in given.items():
        if used and topo not in _ONLY_FOR[opt]:
            raise InputError(f"{opt} does not apply to --topology {topo} (only to {', '.join(_ONLY_FOR[opt])})")
    if p_int is not None and optimise_p_int:
        raise InputError(f"--p-int={p_int:g} bar and --optimise-p-int exclude each other: give an intermediate "
                         "pressure [bar, between the evaporating and condensing pressure] or let "
                         "--optimise-p-int choose it")
    if topo == "transcritical" and t_cond is not None:
        raise InputError("--t-cond does not apply to --topology transcritical (no condensation): "
                         "give --t-gc-out [°C] and optionally --p-gc [bar]")
    if topo != "transcritical":
        _need(fluid, "--fluid", topo)
        _need(t_cond, "--t-cond", topo)
    else:
        _need(t_gc_out, "--t-gc-out", topo)
    res = run_cycle(
        topo, fluid=fluid, T_evap_K=C_to_K(t_evap), T_cond_K=None if t_cond is None else C_to_K(t_cond),
        superheat_K=superheat, subcooling_K=subcooling, eta_is=eta_is, eta_is_low=eta_is_low,
        eta_is_high=eta_is_high, eta_motor=eta_motor, ihx_effectiveness=ihx,
        p_intermediate_Pa=None if p_int is None else bar_to_Pa(p_int), optimise_p_intermediate=optimise_p_int,
        intercooling=intercooling, fluid_low=fluid_low, T_cascade_K=None if t_cascade is None else C_to_K(t_cascade),
        dT_cascade_K=dt_cascade, T_gc_out_K=None if t_gc_out is None else C_to_K(t_gc_out),
        p_gc_Pa=None if p_gc is None else bar_to_Pa(p_gc),
    )
    d = res.to_dict()
    if as_json:
        typer.echo(dumps(d))
    else:
        d["_extra_keys"] = tuple(k for k, v in res.extra.items() if not isinstance(v, (dict, list)))
        typer.echo(format_cycle(d))
