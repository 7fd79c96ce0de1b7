"""``heatcalc design`` — a heat pump matched to a sink and a source stream (pinch design)."""
from __future__ import annotations

import math

import typer

from heatcalc.cli import app
from heatcalc.cli.cycle import format_number as _f
from heatcalc.core.units import C_to_K


def format_design(d: dict) -> str:
    """Readable text of a design dict (``DesignResult.to_dict()`` or ``Selection.to_dict()``)."""
    sk, so = d["sink"], d["source"]
    auto = "ranking" in d
    head = f"Heat-pump design — {d['fluid']}"
    if auto:
        head += f" (best COP of {len(d['ranking'])} feasible refrigerant(s))"
    lines = [
        head,
        f"  sink     {sk['medium']:<12} {sk['T_in_C']:7.1f} → {sk['T_out_C']:6.1f} °C  {_f(d['Q_sink_kW'], 1):>10} kW"
        f"   {_f(d['m_sink_kg_per_s'], 3)} kg/s",
        f"  source   {so['medium']:<12} {so['T_in_C']:7.1f} → {so['T_out_C']:6.1f} °C  {_f(d['Q_source_kW'], 1):>10} kW"
        f"   {_f(d['m_source_kg_per_s'], 3)} kg/s",
        f"  COP heating              {_f(d['cop_heating'], 3)}",
        f"  COP Lorenz (streams)     {_f(d['cop_lorenz'], 3)}   (Lorenz efficiency {_f(d['lorenz_efficiency'], 3)})",
        f"  COP Carnot (streams)     {_f(d['cop_carnot'], 3)}   (sink outlet / source outlet)",
        f"  T evap / T cond          {_f(d['T_evap_C'])} / {_f(d['T_cond_C'])} °C",
        f"  p evap / p cond          {_f(d['p_evap_bar'], 3)} / {_f(d['p_cond_bar'], 3)} bar"
        f"   (ratio {_f(d['pressure_ratio'])})",
        f"  discharge                {_f(d['t_discharge_C'], 1)} °C",
        f"  refrigerant flow         {_f(d['m_refrigerant_kg_per_s_per_kW'], 5)} kg/s per kW heat",
        f"  Q evap / Q cond          {_f(d['Q_evap_per_Q_cond'], 4)}",
        f"  VHC at suction           {_f(d['vhc_kJ_per_m3'], 0)} kJ/m³",
    ]
    for hx, side in (("condenser", "sink"), ("evaporator", "source")):
        p = d[hx]
        share = 100 * p["pinch_Q_kW"] / (d["Q_sink_kW"] if hx == "condenser" else d["Q_source_kW"])
        lines.append(f"  pinch {hx:<11}        {_f(p['pinch_dT_K'], 3)} K at {share:.1f} % of its duty from the cold "
                     f"end ({p['pinch_zone']}: refrigerant {_f(p['pinch_T_refrigerant_C'], 2)} °C, {side} "
                     f"{_f(p['pinch_T_stream_C'], 2)} °C)")
    if auto:
        lines += ["", "feasible refrigerants (best first):"]
        for r in d["ranking"]:
            lines.append(f"  {r['ashrae_name']:<12} COP {_f(r['cop_heating'], 3)}   T evap {_f(r['T_evap_C'], 1)} °C"
                         f"   T cond {_f(r['T_cond_C'], 1)} °C   p cond {_f(r['p_cond_bar'], 1)} bar")
        if d["rejected"]:
            lines += ["", "rejected refrigerants:"]
            lines += [f"  {r['ashrae_name']:<12} {r['reason']}" for r in d["rejected"]]
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


@app.command("design")
def design_cmd(
    sink_medium: str = typer.Option("water", "--sink-medium", help="sink: water, steam, air or thermal_oil"),
    t_sink_in: float = typer.Option(..., "--t-sink-in", help="sink inlet temperature [°C] (feed water for steam)"),
    t_sink_out: float = typer.Option(..., "--t-sink-out", help="sink outlet temperature [°C] (steam: saturation)"),
    source_medium: str = typer.Option("water", "--source-medium",
                                      help="source: water, air, ambient_air, exhaust or vapour"),
    t_source_in: float = typer.Option(..., "--t-source-in", help="source inlet temperature [°C]"),
    t_source_out: float = typer.Option(None, "--t-source-out",
                                       help="source outlet temperature [°C]; default inlet − 5 K (vapour: inlet)"),
    fluid: str = typer.Option("auto", "--fluid", help="refrigerant (CoolProp name such as R1233zd(E)) or auto"),
    dt_min: float = typer.Option(5.0, "--dt-min", help="minimum temperature difference in each exchanger [K], 0 to 50"),
    eta_is: float = typer.Option(0.70, "--eta-is", help="isentropic compressor efficiency [-], in (0, 1]"),
    superheat: float = typer.Option(5.0, "--superheat", help="superheat at the evaporator outlet [K], 0 to 100"),
    subcooling: float = typer.Option(5.0, "--subcooling", help="subcooling at the condenser outlet [K], 0 to 100"),
    heat_kw: float = typer.Option(1000.0, "--heat-kw", help="heat delivered to the sink [kW], above 0"),
    halogen_free: bool = typer.Option(False, "--halogen-free", help="with --fluid auto: halogen-free fluids only"),
    curves: bool = typer.Option(True, "--curves/--no-curves", help="include the T–Q curves in --json output"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Heat pump matched to sink and source streams: pinch-based T_evap/T_cond, COP, refrigerant choice."""
    from heatcalc.core.errors import out_of_range
    from heatcalc.core.jsonutil import dumps
    from heatcalc.thermo.pinch import design, select_refrigerant
    from heatcalc.thermo.streams import SINK_MEDIA, SOURCE_MEDIA, sink_stream, source_stream

    if sink_medium not in SINK_MEDIA:
        raise out_of_range("--sink-medium", sink_medium, "-", "one of " + ", ".join(SINK_MEDIA))
    if source_medium not in SOURCE_MEDIA:
        raise out_of_range("--source-medium", source_medium, "-", "one of " + ", ".join(SOURCE_MEDIA))
    if not (math.isfinite(heat_kw) and heat_kw > 0):
        raise out_of_range("--heat-kw", heat_kw, "kW", "above 0 kW")
    if t_source_out is None:
        t_source_out = t_source_in if source_medium == "vapour" else t_source_in - 5.0
    sink = sink_stream(sink_medium, C_to_K(t_sink_in), C_to_K(t_sink_out))
    source = source_stream(source_medium, C_to_K(t_source_in), C_to_K(t_source_out))
    kw = dict(dT_min_K=dt_min, eta_is=eta_is, superheat_K=superheat, subcooling_K=subcooling,
              Q_sink_W=heat_kw * 1e3)
    if fluid.strip().lower() == "auto":
        d = select_refrigerant(sink, source, halogen_free_only=halogen_free, **kw).to_dict(curves=curves)
    else:
        if halogen_free:
            from heatcalc.thermo.fluids import refrigerant_info

            info = refrigerant_info(fluid)
            if info is None or not info["halogen_free"]:
                raise out_of_range("--fluid", fluid, "-", "a halogen-free refrigerant with --halogen-free "
                                   "(or --fluid auto)")
        d = design(sink, source, fluid, **kw).to_dict(curves=curves)
    typer.echo(dumps(d) if as_json else format_design(d))
