"""``heatcalc hourly`` — one case over a year of hours under the grid capacity it can get."""
from __future__ import annotations

from pathlib import Path

import typer

from heatcalc.cli import app
from heatcalc.core.errors import InputError
from heatcalc.core.numbers import format_value


def _fmt(x, nd=0, unit=""):
    text = format_value(x, f"{{:,.{nd}f}}", missing="n/a")
    return f"{text} {unit}" if unit and text != "n/a" else text


def format_hourly(d: dict) -> str:
    """Readable summary of ``HourlyResult.to_dict()``."""
    lines = [
        f"{d['case_id']} — {d['hours']:,.0f} h in steps of {d['dt_h'] * 60:g} min, dispatch: {d['method']}",
        *([f"  NOT FEASIBLE: {d['message']}"] if d.get("status") == "infeasible" else []),
        f"  units               heat pump {_fmt(d['hp_kW'], 0, 'kW')} ({d['hp_option'] or 'none'}), "
        f"e-boiler {_fmt(d['eboiler_kW'], 0, 'kW')}, storage {_fmt(d['storage_kWh'], 0, 'kWh')}",
        f"  heat demand         {_fmt(d['heat_demand_MWh'], 0, 'MWh/yr')}",
        f"    heat pump         {_fmt(d['heat_hp_MWh'], 0, 'MWh/yr')}",
        f"    e-boiler          {_fmt(d['heat_eboiler_MWh'], 0, 'MWh/yr')}",
        f"    gas               {_fmt(d['heat_gas_MWh'], 0, 'MWh/yr')}",
        f"    unmet             {_fmt(d['heat_unmet_MWh'], 0, 'MWh/yr')} in {_fmt(d['unmet_hours'], 0, 'h')}",
        f"  electrified share   {d['electrified_share']:.1%}",
        f"  electricity         {_fmt(d['E_el_MWh'], 0, 'MWh/yr')}, peak {_fmt(d['peak_el_kW'], 0, 'kW')}"
        f" (grid level {_fmt(d['grid_capacity_max_kW'], 0, 'kW')})",
        f"  grid                {_fmt(d['curtailed_hours'], 0, 'h')} below its highest level, limit binding in "
        f"{_fmt(d['grid_limited_hours'], 0, 'h')}, exceeded in {_fmt(d['grid_limit_exceeded_hours'], 0, 'h')}",
        f"  CO2 saved           {_fmt(d['co2_saved_t'], 0, 't/yr')} of {_fmt(d['co2_baseline_t'], 0, 't/yr')}",
        f"  cost                {_fmt(d['cost_EUR'], 0, 'EUR/yr')} (baseline {_fmt(d['cost_baseline_EUR'], 0)}, "
        f"saving {_fmt(d['cost_saved_EUR'], 0)})",
        f"    of which network  {_fmt(d['cost_network_EUR'], 0, 'EUR/yr')} (monthly peaks of the hourly load)",
        f"  investment          {_fmt(d['capex_EUR'], 0, 'EUR')}, NPV {_fmt(d['npv_EUR'], 0, 'EUR')}",
        f"  e-boiler break-even day-ahead price {_fmt(d['break_even_price_el_EUR_per_MWh'], 1, 'EUR/MWh')} (mean)",
    ]
    if len(d.get("methods", {})) > 1:
        lines += ["", "  method   cost [EUR/yr]   electrified   gas [MWh/yr]   objective [EUR]"]
        for m, s in d["methods"].items():
            lines.append(f"  {m:<8} {s['cost_EUR']:>14,.0f}   {s['electrified_share']:>10.1%}   "
                         f"{s['heat_gas_MWh']:>12,.0f}   {s['dispatch_objective_EUR']:>15,.0f}")
    fit = d.get("max_fit")
    if fit:
        lines += ["", f"  largest fit to the grid: heat pump {_fmt(fit['hp_kW'], 0, 'kW')} (limited by "
                      f"{fit['hp_limited_by']}), e-boiler {_fmt(fit['eboiler_kW'], 0, 'kW')}, storage "
                      f"{_fmt(fit['storage_kWh'], 0, 'kWh')} (longest curtailment {_fmt(fit['longest_curtailment_h'], 0, 'h')})"]
    sw = d.get("sweep")
    if sw:
        lines += ["", "  heat pump [kW]   NPV [EUR]      electrified   peak [kW]   fits grid"]
        for r in sw["rows"]:
            mark = "  <- best" if r["best"] else ""
            lines.append(f"  {r['hp_kW']:>13,.0f}   {_fmt(r['npv_EUR'], 0):>12}   {r['electrified_share']:>10.1%}   "
                         f"{r['peak_el_kW']:>9,.0f}   {'yes' if r['fits_grid'] else 'no':>9}"
                         f"{'' if r['meets_demand'] else '   heat unmet'}{mark}")
        if sw.get("message"):
            lines.append(f"  {sw['message']}")
    if d.get("warnings"):
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


@app.command("hourly")
def hourly_cmd(
    case_file: Path = typer.Argument(..., help="case JSON file (the case schema)", show_default=False),
    profiles: Path = typer.Option(None, "--profiles", help="profiles CSV: timestamp + any of heat_demand_kW, "
                                  "T_source_in_C, T_sink_out_C, price_el_EUR_per_MWh, grid_capacity_kW; or an ENTSO-E "
                                  "day-ahead price export"),
    prices: Path = typer.Option(None, "--prices", help="ENTSO-E day-ahead price export (or price CSV) that "
                                "overrides the price column"),
    storage_kWh: float = typer.Option(0.0, "--storage-kWh", help="thermal storage capacity in kWh, 0 to 1e9"),
    storage_kW: float = typer.Option(None, "--storage-kW", help="storage charge/discharge limit in kW, 0 or more; "
                                     "default not limiting"),
    storage_kind: str = typer.Option(None, "--storage-kind", help="hot_water_tank or steam_accumulator; default "
                                     "from sink_medium"),
    method: str = typer.Option("auto", "--method", help="auto, rule, lp or both (auto: rule; with storage both, "
                               "LP as the main result)"),
    hp_kW: float = typer.Option(None, "--hp-kW", help="rated heat-pump output in kW, 0 to 1e7; default the design"),
    eb_kW: float = typer.Option(None, "--eboiler-kW", help="e-boiler heat output in kW, 0 to 1e7; default (options with "
                                "e_boiler or hybrid_boiler) the heat and grid room the heat pump leaves"),
    gas_kW: float = typer.Option(None, "--gas-kW", help="gas plant heat output kept in kW, 0 to 1e7; default "
                                 "unlimited (0 = full electrification, shortfall reported as unmet)"),
    grid_kW: float = typer.Option(None, "--grid-kW", help="grid capacity for the new load in kW, 0 to 1e7; "
                                  "overrides the case and the profile"),
    grid_factor: str = typer.Option(None, "--grid-factor", help="yearly grid CO2 factor: average, "
                                    "average_chain or marginal; default the case's grid_factor (an "
                                    "ef_grid_kgCO2_per_kWh profile column wins)"),
    shared_kW: float = typer.Option(None, "--shared-kW", help="capacity of a connection shared with a neighbour in "
                                    "kW; the profiles then give neighbour_load_kW (default the case's "
                                    "grid_capacity_kW)"),
    withdraw: str = typer.Option(None, "--withdraw-worst", help="stress-test the non-firm transport right: withdraw "
                                 "its capacity in the hours with the highest site (heat demand), price (day-ahead) or "
                                 "regional (regional_load_kW profile column)"),
    withdraw_share: float = typer.Option(None, "--withdraw-share", help="share of the hours withdrawn, 0 to 1; "
                                         "default 1 - the right's guaranteed share (time_bound: 0.15)"),
    time_bound: bool = typer.Option(False, "--time-bound", help="contract the new load under the time-bound "
                                    "transport right (network tariff discount)"),
    hp_on_price: bool = typer.Option(False, "--hp-on-price", help="rule dispatch: switch the heat pump off in "
                                     "hours when its heat costs more than gas heat (default: heat pump first always)"),
    tz: str = typer.Option("Europe/Amsterdam", "--tz", help="time zone of naive timestamps that follow daylight "
                           "saving; UTC reads them as UTC"),
    resolution: str = typer.Option("native", "--resolution", help="native, 15min, 30min or hourly"),
    sweep: int = typer.Option(0, "--sweep", help="sweep the heat-pump size over N points (2 to 200) and mark the "
                              "best NPV; 0 = off"),
    sweep_lp: bool = typer.Option(False, "--sweep-lp", help="dispatch every sweep point by LP (slower; default the "
                                  "rule, greedy with storage)"),
    out: Path = typer.Option(None, "--out", help="write the step-by-step table to this CSV"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    datasheet: Path = typer.Option(None, "--datasheet", help="supplier datasheet CSV (T_source_in_C, T_sink_out_C, "
                                   "Q_heat_kW, P_el_kW or cop[, load_fraction]): the heat pump is that machine"),
    tariffs: list[str] = typer.Option(None, "--tariffs", help="a table of your own in the format of a shipped data "
                                      "table: its rows replace the shipped rows with the same key for this run"),
) -> None:
    """One case over a year of hours: heat pump, e-boiler, storage and gas dispatched under the grid limit."""
    import math

    from heatcalc.case import load_case
    from heatcalc.core.jsonutil import dumps
    from heatcalc.evaluation.hourly.dispatch import METHODS, STORAGE_KINDS, Storage
    from heatcalc.evaluation.hourly.prepare import prepare
    from heatcalc.evaluation.hourly.profiles import merge, read_profiles, resample
    from heatcalc.evaluation.hourly.result import run
    from heatcalc.evaluation.hourly.sizing import max_fit_sizes, sweep_hp_size
    from heatcalc.cli.tariff import echo_user_data, use_tariffs

    echo_user_data(use_tariffs(tariffs))

    if method not in ("auto",) + METHODS + ("both",):
        raise InputError(f"--method={method!r} is not known; choices: auto, rule, lp, both")
    steps = {"native": None, "15min": 0.25, "30min": 0.5, "hourly": 1.0, "60min": 1.0}
    if resolution not in steps:
        raise InputError(f"--resolution={resolution!r} is not known; choices: native, 15min, 30min, hourly")
    if storage_kind is not None and storage_kind not in STORAGE_KINDS:
        raise InputError(f"--storage-kind={storage_kind!r} is not known; choices: {', '.join(STORAGE_KINDS)}")
    for name, v in (("--storage-kWh", storage_kWh), ("--storage-kW", storage_kW)):
        if v is not None and not (math.isfinite(v) and 0 <= v <= 1e9):
            raise InputError(f"{name}={v:g} is out of range: valid is 0 to 1,000,000,000")
    if grid_kW is not None and not (math.isfinite(grid_kW) and 0 <= grid_kW <= 1e7):
        raise InputError(f"--grid-kW={grid_kW:g} kW is out of range: valid is 0 to 10,000,000 kW")
    if sweep and not 2 <= sweep <= 200:
        raise InputError(f"--sweep={sweep} is out of range: valid is 0 (off) or 2 to 200 points")
    check_tz(tz)
    from heatcalc.options.heat_pumps import case_with_datasheet

    case = case_with_datasheet(load_case(case_file), datasheet)
    prof = read_profiles(profiles, tz=tz) if profiles is not None else None
    if prices is not None:
        pp = read_profiles(prices, tz=tz)
        if "price_el_EUR_per_MWh" not in pp.columns:
            raise InputError(f"--prices file {str(prices)!r} has no price column (price_el_EUR_per_MWh or an ENTSO-E "
                             "'Day-ahead Price' column)")
        only = type(pp)(index=pp.index, dt_h=pp.dt_h, columns={"price_el_EUR_per_MWh":
                                                               pp.columns["price_el_EUR_per_MWh"]},
                        warnings=pp.warnings, source=pp.source)
        prof = only if prof is None else merge(prof, only)
    if prof is not None and steps[resolution] is not None:
        prof = resample(prof, steps[resolution])
    ctx = prepare(case, prof, hp_kW=hp_kW, eb_kW=eb_kW, gas_kW=gas_kW, grid_factor=grid_factor,
                  time_bound=time_bound, storage_kind=storage_kind, shared_kW=shared_kW, withdraw=withdraw,
                  withdraw_share=withdraw_share)
    storage = None
    if storage_kWh and storage_kWh > 0:
        storage = Storage.default(storage_kWh, kind=ctx.storage_kind, Q_max_kW=storage_kW)
    res = run(ctx, storage=storage, method=method, grid_kW=grid_kW, hp_on_price=hp_on_price)
    d = res.to_dict()
    fit_ctx = ctx if grid_kW is None else _with_grid(ctx, grid_kW)
    d["max_fit"] = max_fit_sizes(fit_ctx)
    if sweep:
        sw = sweep_hp_size(fit_ctx, sweep, storage=storage, method="lp" if sweep_lp else "rule")
        d["sweep"] = {k: v for k, v in sw.items() if k != "max_fit"}
    if out is not None:
        try:
            res.table().to_csv(out, index=False, float_format="%.6g")
        except OSError as exc:
            raise InputError(f"--out {str(out)!r} cannot be written: {exc.strerror or exc}") from None
        d["out"] = str(out)
    typer.echo(dumps(d) if as_json else format_hourly(d))


def check_tz(tz: str) -> None:
    """Refuse a time zone that is not an IANA name (``Europe/Amsterdam``, ``UTC``).

    Raises
    ------
    InputError
    """
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(tz)
        return
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        pass
    raise InputError(f"--tz={tz!r} is not a known time zone: valid is an IANA time-zone name such as "
                     "Europe/Amsterdam or UTC")


def _with_grid(ctx, grid_kW: float):
    import dataclasses

    return dataclasses.replace(ctx, inputs=ctx.inputs_for(grid_kW=grid_kW))
