"""``heatcalc cycle`` — one heat-pump cycle from saturation temperatures."""
from __future__ import annotations

import typer

from . import app
from ..units import C_to_K


def format_cycle(d: dict) -> str:
    """Readable text of a cycle result dict (``CycleResult.to_dict()``)."""
    def f(x, nd=2):
        return "n/a" if x is None else f"{x:.{nd}f}"

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
        "",
        "  state                        T [°C]    p [bar]  h [kJ/kg]  s [kJ/kgK]  quality",
    ]
    for s in d["states"]:
        q = "-" if s["quality"] is None else f"{s['quality']:.3f}"
        lines.append(
            f"  {s['label'][:26]:<26} {s['T_C']:>9.2f} {s['p_bar']:>10.3f} {s['h_kJ_per_kg']:>10.2f}"
            f" {s['s_kJ_per_kgK']:>11.4f}  {q:>7}"
        )
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


@app.command("cycle")
def cycle_cmd(
    fluid: str = typer.Option(..., "--fluid", help="refrigerant, a CoolProp name such as R1233zd(E), R600, R717"),
    t_evap: float = typer.Option(..., "--t-evap", help="evaporating (dew point) temperature [°C]"),
    t_cond: float = typer.Option(..., "--t-cond", help="condensing (bubble point) temperature [°C], below critical"),
    superheat: float = typer.Option(5.0, "--superheat", help="superheat at compressor suction [K], 0 to 100"),
    subcooling: float = typer.Option(5.0, "--subcooling", help="subcooling at condenser outlet [K], 0 to 100"),
    eta_is: float = typer.Option(0.70, "--eta-is", help="isentropic compressor efficiency [-], in (0, 1]"),
    ihx: float = typer.Option(0.0, "--ihx", help="internal heat exchanger effectiveness [-], 0 (none) to 1"),
    eta_motor: float = typer.Option(1.0, "--eta-motor", help="motor and drive efficiency [-], in (0, 1]"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """One single-stage heat-pump cycle: COP, pressures, discharge temperature, states."""
    from ..cycles import single_stage
    from ..jsonutil import dumps

    res = single_stage(
        fluid, C_to_K(t_evap), C_to_K(t_cond), superheat_K=superheat, subcooling_K=subcooling,
        eta_is=eta_is, ihx_effectiveness=ihx, eta_motor=eta_motor,
    )
    d = res.to_dict()
    typer.echo(dumps(d) if as_json else format_cycle(d))
