"""``heatcalc mvr`` (mechanical vapour recompression of water vapour) and
``heatcalc steam-hp`` (steam-generating heat pump: heat pump + flash vessel + MVR)."""
from __future__ import annotations

from typing import Optional

import typer

from heatcalc.cli import app
from heatcalc.cli.cycle import format_number as _f
from heatcalc.core.errors import InputError
from heatcalc.core.units import C_to_K, bar_to_Pa


def format_mvr(d: dict) -> str:
    """Readable text of an MVR result dict (``CycleResult.to_dict()`` of :func:`heatcalc.thermo.mvr.mvr`)."""
    lines = [
        f"MVR of water vapour — {d['n_stages']} stage(s), "
        + ("desuperheated by water injection" if d["desuperheat"] else "no desuperheating"),
        f"  suction / discharge    {_f(d['T_evap_C'], 2)} / {_f(d['T_cond_C'], 2)} °C saturation"
        f"   ({_f(d['p_evap_bar'], 4)} / {_f(d['p_cond_bar'], 4)} bar)",
        f"  pressure ratio         {_f(d['pressure_ratio'], 3)} overall, {_f(d['pressure_ratio_per_stage'], 3)} "
        f"per stage ({d['compressor_hint']})",
        f"  COP heating            {_f(d['cop_heating'], 2)}   (Carnot {_f(d['cop_carnot'], 2)})",
        f"  electricity            {_f(d['e_el_kWh_per_t_suction'], 1)} kWh/t suction vapour, "
        f"{_f(d['e_el_kWh_per_t_delivered'], 1)} kWh/t delivered",
        f"  heat delivered         {_f(d['q_kWh_per_t_suction'], 1)} kWh/t suction vapour",
        f"  water injected         {_f(d['water_injected_t_per_t_suction'], 4)} t/t suction vapour",
        "",
        "  stage  p in [bar]  p out [bar]  ratio  T in [°C]  T discharge [°C]  injected [t/t]",
    ]
    for s in d["stages"]:
        lines.append(
            f"  {s['stage']:>5} {s['p_in_bar']:>11.4f} {s['p_out_bar']:>12.4f} {s['pressure_ratio']:>6.3f}"
            f" {s['T_in_C']:>10.2f} {s['t_discharge_C']:>17.2f} {s['water_injected_t_per_t_suction']:>15.4f}"
        )
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


def format_steam_hp(d: dict) -> str:
    """Readable text of a steam-generating heat-pump result dict."""
    lines = [
        f"Steam-generating heat pump — {d['fluid']}"
        + (" + MVR" if d.get("cop_mvr") is not None else ""),
        f"  COP (steam delivered)  {_f(d['cop_heating'], 3)}   (Carnot {_f(d['cop_carnot'], 3)})",
        f"  electricity            {_f(d['e_el_kWh_per_t_steam'], 1)} kWh/t steam",
        f"  steam                  {_f(d['T_steam_C'], 1)} °C, {_f(d['p_steam_bar'], 3)} bar; feed water "
        f"{_f(d['T_feed_C'], 1)} °C",
        f"  flash vessel           {_f(d['T_flash_C'], 1)} °C, {_f(d['p_flash_bar'], 3)} bar; water heated to "
        f"{_f(d['T_water_hot_C'], 1)} °C; circulation {_f(d['circulation_t_per_t_steam'], 1)} t/t steam",
        f"  heat pump              T_evap {_f(d['T_evap_C'], 1)} °C, T_cond {_f(d['T_cond_C'], 1)} °C, "
        f"COP {_f(d['cop_hp'], 3)}, discharge {_f(d['t_discharge_C'], 1)} °C",
        f"  MVR                    COP {_f(d.get('cop_mvr'), 3)}; water injected "
        f"{_f(d['water_injected_t_per_t_steam'], 4)} t/t steam",
        f"  per kg steam           heat {_f(d['q_cond_kJ_per_kg'], 1)} kJ, HP work {_f(d['w_hp_kJ_per_kg_steam'], 1)}"
        f" kJ, MVR work {_f(d['w_mvr_kJ_per_kg_steam'], 1)} kJ",
    ]
    if d["warnings"]:
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


def _one_of(a, b, names: str):
    if (a is None) == (b is None):
        raise InputError(f"give exactly one of {names}")


@app.command("mvr")
def mvr_cmd(
    t_suction: Optional[float] = typer.Option(None, "--t-suction", help="saturation temperature at suction [°C]"),
    p_suction: Optional[float] = typer.Option(
        None, "--p-suction", help="suction pressure [bar] (instead of --t-suction)"),
    t_discharge: Optional[float] = typer.Option(
        None, "--t-discharge", help="saturation temperature at discharge [°C]"),
    p_discharge: Optional[float] = typer.Option(
        None, "--p-discharge", help="discharge pressure [bar] (instead of --t-discharge)"),
    eta_is: float = typer.Option(0.70, "--eta-is", help="isentropic efficiency of each stage [-], in (0, 1]"),
    stages: int = typer.Option(1, "--stages", help="number of stages with equal pressure ratio, 1 to 10"),
    no_desuperheat: bool = typer.Option(
        False, "--no-desuperheat", help="no water injection (deliver superheated vapour)"),
    superheat_in: float = typer.Option(0.0, "--superheat-in", help="superheat of the suction vapour [K], 0 to 100"),
    t_injection: Optional[float] = typer.Option(
        None, "--t-injection", help="temperature of the injected water [°C] (default saturated at each stage)"),
    eta_motor: float = typer.Option(1.0, "--eta-motor", help="motor and drive efficiency [-], in (0, 1]"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Mechanical vapour recompression of water vapour: COP, kWh per tonne, injected water, stages."""
    from heatcalc.core.jsonutil import dumps
    from heatcalc.thermo.mvr import mvr

    _one_of(t_suction, p_suction, "--t-suction [°C] and --p-suction [bar]")
    _one_of(t_discharge, p_discharge, "--t-discharge [°C] and --p-discharge [bar]")
    res = mvr(
        T_sat_suction_K=None if t_suction is None else C_to_K(t_suction),
        T_sat_discharge_K=None if t_discharge is None else C_to_K(t_discharge),
        eta_is=eta_is, n_stages=stages, desuperheat=not no_desuperheat, superheat_in_K=superheat_in,
        eta_motor=eta_motor,
        p_suction_Pa=None if p_suction is None else bar_to_Pa(p_suction),
        p_discharge_Pa=None if p_discharge is None else bar_to_Pa(p_discharge),
        T_injection_K=None if t_injection is None else C_to_K(t_injection),
    )
    d = res.to_dict()
    typer.echo(dumps(d) if as_json else format_mvr(d))


@app.command("steam-hp")
def steam_hp_cmd(
    fluid: str = typer.Option(..., "--fluid", help="heat-pump refrigerant, a CoolProp name such as R1233zd(E)"),
    t_evap: float = typer.Option(..., "--t-evap", help="evaporating (dew point) temperature of the heat pump [°C]"),
    t_steam: float = typer.Option(..., "--t-steam", help="saturation temperature of the steam delivered [°C]"),
    t_feed: float = typer.Option(..., "--t-feed", help="feed-water temperature [°C], below the flash temperature"),
    t_flash: Optional[float] = typer.Option(
        None, "--t-flash", help="flash-vessel saturation temperature [°C] (default --t-steam: no MVR)"),
    dt_flash: float = typer.Option(5.0, "--dt-flash", help="heating of the circulating water above T_flash [K]"),
    dt_hx: float = typer.Option(5.0, "--dt-hx", help="condenser approach T_cond - T_water_hot [K]"),
    superheat: float = typer.Option(5.0, "--superheat", help="superheat at compressor suction [K], 0 to 100"),
    subcooling: float = typer.Option(5.0, "--subcooling", help="subcooling at condenser outlet [K], 0 to 100"),
    eta_is: float = typer.Option(0.70, "--eta-is", help="isentropic efficiency of the heat-pump compressor [-]"),
    ihx: float = typer.Option(0.0, "--ihx", help="internal heat exchanger effectiveness [-], 0 (none) to 1"),
    eta_is_mvr: float = typer.Option(0.70, "--eta-is-mvr", help="isentropic efficiency of the MVR stages [-]"),
    mvr_stages: int = typer.Option(1, "--mvr-stages", help="number of MVR stages, 1 to 10"),
    eta_motor: float = typer.Option(1.0, "--eta-motor", help="motor and drive efficiency [-], in (0, 1]"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Steam-generating heat pump: heat pump + flash vessel (+ MVR): COP for steam delivered."""
    from heatcalc.core.jsonutil import dumps
    from heatcalc.thermo.mvr import steam_generating_hp

    if t_flash is None and t_feed >= t_steam:
        raise InputError(f"--t-feed={t_feed:g} °C is out of range: valid is below --t-steam={t_steam:g} °C (the "
                         "flash temperature without --t-flash); warmer feed water would flash on entering the vessel")
    res = steam_generating_hp(
        fluid, C_to_K(t_evap), C_to_K(t_steam), C_to_K(t_feed),
        T_flash_K=None if t_flash is None else C_to_K(t_flash), dT_flash_K=dt_flash, dT_hx_K=dt_hx,
        superheat_K=superheat, subcooling_K=subcooling, eta_is=eta_is, ihx_effectiveness=ihx,
        eta_is_mvr=eta_is_mvr, n_mvr_stages=mvr_stages, eta_motor=eta_motor,
    )
    d = res.to_dict()
    typer.echo(dumps(d) if as_json else format_steam_hp(d))
