"""``heatcalc hub`` — neighbours sharing grid capacity and heat, dispatched together, with each member's share."""
from __future__ import annotations

import math
from pathlib import Path

import typer

from heatcalc.cli import app
from heatcalc.core.errors import InputError
from heatcalc.core.numbers import format_value


def _fmt(x, nd=0, unit=""):
    text = format_value(x, f"{{:,.{nd}f}}", missing="n/a")
    return f"{text} {unit}" if unit and text != "n/a" else text


def format_hub(d: dict) -> str:
    """Readable summary of ``HubResult.to_dict()``."""
    lines = [
        f"{d['hub_id']} — {len(d['members'])} members, {d['hours']:,.0f} h in steps of {d['dt_h'] * 60:g} min",
        f"  shared capacity     {_fmt(d['shared_capacity_kW'], 0, 'kW')}"
        + (f" (lowest {_fmt(d['shared_capacity_min_kW'], 0, 'kW')})"
           if d["shared_capacity_min_kW"] < d["shared_capacity_kW"] else "")
        + f"; alone each gets a share {d['capacity_share_rule']}",
        f"  load on it          peak {_fmt(d['peak_shared_kW'], 0, 'kW')} together, "
        f"{_fmt(d['peak_shared_kW_alone'], 0, 'kW')} alone; exceeded in "
        f"{_fmt(d['grid_limit_exceeded_hours'], 0, 'h')}",
        f"  electrified share   {d['electrified_share_alone']:.1%} alone -> {d['electrified_share_hub']:.1%} "
        "in the hub",
        f"  CO2 saved           {_fmt(d['co2_saved_t_alone'], 0, 't')} alone -> {_fmt(d['co2_saved_t_hub'], 0, 't')}",
        f"  cost                {_fmt(d['cost_EUR_alone'], 0, 'EUR')} alone -> {_fmt(d['cost_EUR_hub'], 0, 'EUR')} "
        f"(saving {_fmt(d['saving_EUR'], 0, 'EUR')}; heat links {_fmt(d['heat_link_cost_EUR'], 0, 'EUR')})",
        "",
        f"  member               share [kW]   electrified alone/hub   cost alone [EUR]   allocated [EUR]   "
        f"benefit [EUR]   ({d['allocation_rule']})",
    ]
    for m in d["members"]:
        lines.append(f"  {m['case_id'][:20]:<20} {m['capacity_share_kW']:>10,.0f}   "
                     f"{m['electrified_share_alone']:>9.1%} / {m['electrified_share_hub']:<9.1%}   "
                     f"{m['cost_EUR_alone']:>16,.0f}   {m['allocated_cost_EUR']:>15,.0f}   "
                     f"{m['allocated_benefit_EUR']:>13,.0f}")
    for lk in d["heat_links"]:
        state = f"{_fmt(lk['heat_MWh'], 0, 'MWh')} delivered" if lk["used"] else "not used (does not pay)"
        lines.append(f"  heat link {lk['from']} -> {lk['to']}: {lk['distance_m']:,.0f} m at {lk['T_C']:g} °C, "
                     f"loss {_fmt(lk['loss_kW'], 0, 'kW')}, pipe {_fmt(lk['capex_EUR'], 0, 'EUR')} "
                     f"({_fmt(lk['annual_cost_EUR'], 0, 'EUR/yr')}); {state}")
    for a in d.get("shared_assets", []):
        power = (_fmt(a["power_kW"], 0, "kW") if a["power_kW"] is not None and math.isfinite(a["power_kW"])
                 else "no power limit")
        size = (f"{_fmt(a['capacity_kWh'], 0, 'kWh')}, {power}" if a["kind"] in
                ("battery", "heat_store") else f"{_fmt(a['heat_kW'], 0, 'kW')} heat")
        state = f"{_fmt(a['energy_MWh'], 0, 'MWh')} delivered" if a["used"] else "not used"
        lines.append(f"  shared {a['kind']} {a['name']} at {a['site']}: {size}, investment "
                     f"{_fmt(a['capex_EUR'], 0, 'EUR')} ({_fmt(a['annual_cost_EUR'], 0, 'EUR/yr')}); {state}")
    if d.get("objective") == "co2":
        lines.append(f"  objective: least CO2 with the cost at most {_fmt(d['cost_cap_EUR'], 0, 'EUR')} (least cost "
                     f"{_fmt(d['least_cost_EUR_hub'], 0, 'EUR')}); CO2 {_fmt(d['co2_t_alone'], 0, 't')} alone -> "
                     f"{_fmt(d['co2_t_hub'], 0, 't')} in the hub")
    if d.get("allocation_message"):
        lines += ["", f"  allocation: {d['allocation_message']}"]
    sv = d["solver"]
    lines.append(f"  LP: {sv['n_variables']:,} variables, {sv['n_constraints']:,} constraints, "
                 f"{sv['time_s']:.2f} s; {d['coalitions_solved']} coalitions solved")
    if d.get("warnings"):
        lines += ["", "warnings:"] + [f"  - {w}" for w in d["warnings"]]
    return "\n".join(lines)


@app.command("hub")
def hub_cmd(
    hub_file: Path = typer.Argument(..., help="hub JSON file (hub_id, shared_capacity_kW, members, heat_links)",
                                    show_default=False),
    allocation: str = typer.Option(None, "--allocation", help="auto, shapley or proportional; default the hub "
                                   "file's (auto: Shapley for up to 6 members when nobody is worse off)"),
    out: Path = typer.Option(None, "--out", help="write the step-by-step table of the hub dispatch to this CSV"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    report: Path = typer.Option(None, "--report", help="write the hub section of the report to this file "
                                "(.html or .pdf)"),
    lang: str = typer.Option("en", "--lang", help="language of the report: en or nl"),
) -> None:
    """A regional hub: members sharing grid capacity and heat, dispatched together (one LP) and alone."""
    from heatcalc.core.jsonutil import dumps
    from heatcalc.hub.reader import ALLOCATIONS, read_hub
    from heatcalc.hub.run import run_hub

    if allocation is not None and allocation not in ALLOCATIONS:
        raise InputError(f"--allocation={allocation!r} is not known; choices: {', '.join(ALLOCATIONS)}")
    hub = read_hub(hub_file)
    res = run_hub(hub, allocation=allocation)
    d = res.to_dict()
    if out is not None:
        try:
            res.table().to_csv(out, index=False, float_format="%.6g")
        except OSError as exc:
            raise InputError(f"--out {str(out)!r} cannot be written: {exc.strerror or exc}") from None
        d["out"] = str(out)
    if report is not None:
        from heatcalc.report.hub_section import write_hub_report

        d["report"] = str(write_hub_report(d, res.table(), report, lang=lang))
    typer.echo(dumps(d) if as_json else format_hub(d))
