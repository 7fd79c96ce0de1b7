"""``heatcalc pinch`` — pinch targets of a site's process streams (and a heat pump on the GCC)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from heatcalc.cli import app
from heatcalc.core.errors import InputError
from heatcalc.core.numbers import format_value


def _f(x, fmt: str = "{:,.1f}") -> str:
    return format_value(x, fmt, missing="n/a")


def format_pinch(d: dict) -> str:
    """Readable text of ``PinchTargets.to_dict()`` (with an optional ``heat_pump`` object)."""
    lines = [f"pinch analysis — {d['n_streams']} streams ({d['n_hot']} hot, {d['n_cold']} cold), "
             f"ΔT_min {d['dT_min_K']:g} K", ""]
    if d["pinch_T_shifted_C"] is None:
        lines.append("  pinch                      none (threshold problem)")
    else:
        lines.append(f"  pinch                      {_f(d['pinch_T_hot_C'])} °C hot side / "
                     f"{_f(d['pinch_T_cold_C'])} °C cold side   (shifted {_f(d['pinch_T_shifted_C'])} °C)")
    h = d.get("hours_per_yr")
    rows = [("minimum hot utility", "Q_hot_min_kW", "E_hot_min_MWh_per_yr"),
            ("minimum cold utility", "Q_cold_min_kW", "E_cold_min_MWh_per_yr"),
            ("heat recovery", "Q_recovery_kW", "E_recovery_MWh_per_yr")]
    for label, k, e in rows:
        extra = f"   {_f(d[e], '{:,.0f}')} MWh/yr at {h:,.0f} h/yr" if h else ""
        lines.append(f"  {label:<26} {_f(d[k], '{:,.1f}'):>12} kW{extra}")
    share = d.get("recovery_share")
    lines.append(f"  today's hot / cold utility {_f(d['Q_hot_today_kW'], '{:,.1f}'):>12} / "
                 f"{_f(d['Q_cold_today_kW'], '{:,.1f}')} kW (no recovery)"
                 + (f"; recovery saves {share:.0%} of the hot utility" if share is not None else ""))
    lines += ["", "  grand composite curve      T shifted [°C]    heat flow [kW]"]
    for g in d["gcc"]:
        lines.append(f"                             {g['T_shifted_C']:>14.1f} {g['Q_kW']:>17,.1f}")
    hp = d.get("heat_pump")
    if hp:
        lines += ["", f"heat pump on the GCC (at most {hp['P_el_max_kW']:,.0f} kW electricity)"]
        if hp["P_el_kW"] > 0 and hp["refrigerant"]:
            lines += [
                f"  source / sink (shifted)    {_f(hp['T_source_shifted_C'])} / {_f(hp['T_sink_shifted_C'])} °C"
                f"   (evaporating {_f(hp['T_evap_C'])} °C, condensing {_f(hp['T_cond_C'])} °C)",
                f"  refrigerant, COP           {hp['refrigerant']}, {_f(hp['cop'], '{:.2f}')} "
                f"(Carnot {_f(hp['cop_carnot'], '{:.2f}')})",
                f"  electricity used           {_f(hp['P_el_kW'], '{:,.0f}'):>12} kW",
                f"  heat taken / delivered     {_f(hp['Q_source_kW'], '{:,.0f}')} / "
                f"{_f(hp['Q_sink_kW'], '{:,.0f}')} kW",
                f"  hot utility saved          {_f(hp['Q_hot_saved_kW'], '{:,.0f}'):>12} kW"
                f"   (after: hot {_f(hp['Q_hot_after_kW'], '{:,.0f}')} kW, "
                f"cold {_f(hp['Q_cold_after_kW'], '{:,.0f}')} kW)",
            ]
        lines.append(f"  {hp['message']}")
        lines += [f"  warning: {w}" for w in hp.get("warnings", [])]
    for m in d.get("mvr") or []:
        lines += ["", f"MVR on the vapour stream {m['stream']} (at most {m['P_el_max_kW']:,.0f} kW electricity)"]
        if m["P_el_kW"] > 0:
            lines += [
                f"  saturation suction / discharge {_f(m['T_sat_C'])} / {_f(m['T_dis_C'])} °C, "
                f"{m['n_stages']} stage(s), pressure ratio {_f(m['pressure_ratio'], '{:.2f}')}",
                f"  COP                        {_f(m['cop'], '{:.2f}')} (Carnot {_f(m['cop_carnot'], '{:.2f}')})",
                f"  vapour compressed          {_f(m['Q_vapour_used_kW'], '{:,.0f}'):>12} kW of "
                f"{_f(m['Q_vapour_kW'], '{:,.0f}')} kW ({m['share']:.0%})",
                f"  electricity used           {_f(m['P_el_kW'], '{:,.0f}'):>12} kW",
                f"  hot utility saved          {_f(m['Q_hot_saved_kW'], '{:,.0f}'):>12} kW"
                f"   (after: hot {_f(m['Q_hot_after_kW'], '{:,.0f}')} kW, cold {_f(m['Q_cold_after_kW'], '{:,.0f}')} kW)",
            ]
        lines.append(f"  {m['message']}")
        lines += [f"  warning: {w}" for w in m.get("warnings", [])]
    if d["notes"]:
        lines += ["", "notes:"] + [f"  - {n}" for n in d["notes"]]
    return "\n".join(lines)


@app.command("pinch")
def pinch_cmd(
    streams: Path = typer.Argument(..., help="stream table (.csv or .json): name, T_supply_C, T_target_C, "
                                             "CP_kW_per_K [, medium, dT_min_contrib_K, hours_per_yr]"),
    dt_min: float = typer.Option(10.0, "--dt-min", help="minimum temperature difference ΔT_min [K], 0 to 100"),
    hp_power_kW: Optional[float] = typer.Option(
        None, "--hp-power-kW", help="place a heat pump of at most this electrical power (e.g. the grid room) on "
                                    "the grand composite curve, and an MVR on each vapour stream [kW], > 0"),
    hp_t_evap: Optional[float] = typer.Option(
        None, "--hp-t-evap", help="evaluate a heat pump evaporating at this temperature instead [°C] "
                                  "(with --hp-t-cond and --hp-power-kW)"),
    hp_t_cond: Optional[float] = typer.Option(
        None, "--hp-t-cond", help="condensing temperature of that heat pump [°C]"),
    refrigerant: str = typer.Option("auto", "--refrigerant",
                                    help="heat-pump refrigerant (a CoolProp name) or auto (best COP of the catalogue)"),
    detail: bool = typer.Option(False, "--detail", help="JSON: add composite curves, problem table and streams"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Pinch targets (problem table algorithm): minimum hot and cold utility, pinch, grand composite curve."""
    from heatcalc.core.jsonutil import dumps
    from heatcalc.integration.pinch import check_dT_min, pinch_targets
    from heatcalc.integration.streams import read_streams

    dT = check_dT_min(dt_min, "--dt-min")
    if (hp_t_evap is None) != (hp_t_cond is None):
        raise InputError("--hp-t-evap and --hp-t-cond go together (evaporating and condensing temperature in °C)")
    if hp_t_evap is not None and hp_power_kW is None:
        raise InputError("--hp-t-evap/--hp-t-cond need --hp-power-kW (electrical power in kW, > 0)")
    t = pinch_targets(read_streams(streams), dT)
    d = t.to_dict(detail=detail)
    if hp_power_kW is not None:
        from heatcalc.integration.heat_pump import MIN_LIFT_K, check_power, evaluate_placement, place_heat_pump

        check_power(hp_power_kW, "--hp-power-kW")
        lift_min = max(MIN_LIFT_K, dT)
        if hp_t_evap is not None and not hp_t_cond > hp_t_evap + lift_min:
            raise InputError(f"--hp-t-cond={hp_t_cond} °C is out of range: valid is more than {lift_min:g} K "
                             f"above --hp-t-evap={hp_t_evap} °C (the larger of {MIN_LIFT_K:g} K and --dt-min)")
        if hp_t_evap is not None:
            hp = evaluate_placement(t, hp_t_evap, hp_t_cond, hp_power_kW, refrigerant=refrigerant)
        else:
            hp = place_heat_pump(t, hp_power_kW, refrigerant=refrigerant)
        d["heat_pump"] = hp.to_dict()
        from heatcalc.integration.mvr_placement import place_mvrs, vapour_streams

        if vapour_streams(t.streams):  # MVR on each vapour stream (medium vapour or steam), the same power
            d["mvr"] = [m.to_dict() for m in place_mvrs(t, hp_power_kW)]
    typer.echo(dumps(d) if as_json else format_pinch(d))
