"""``heatcalc evaluate`` — every option of one case against its baseline."""
from __future__ import annotations

from pathlib import Path

import typer

from heatcalc.cli import app
from heatcalc.core.numbers import format_value

#: (row key, label, unit, format) of the readable table.
TABLE_ROWS = [
    ("status", "status", "", "{}"),
    ("cop", "COP / efficiency", "-", "{:.2f}"),
    ("refrigerant", "refrigerant", "", "{}"),
    ("P_el_kW", "electrical load", "kW", "{:,.0f}"),
    ("fits_grid", "fits grid", "", "{}"),
    ("E_el_MWh_per_yr", "electricity", "MWh/yr", "{:,.0f}"),
    ("gas_m3_per_yr", "natural gas", "m³/yr", "{:,.0f}"),
    ("heat_backup_MWh_per_yr", "heat from gas backup", "MWh/yr", "{:,.0f}"),
    ("co2_t_per_yr", "CO2", "t/yr", "{:,.0f}"),
    ("co2_saved_t_per_yr", "CO2 saved", "t/yr", "{:,.0f}"),
    ("opex_EUR_per_yr", "OPEX", "€/yr", "{:,.0f}"),
    ("saving_EUR_per_yr", "saving vs baseline", "€/yr", "{:,.0f}"),
    ("capex_EUR", "CAPEX", "€", "{:,.0f}"),
    ("npv_EUR", "NPV", "€", "{:,.0f}"),
    ("irr", "IRR", "-", "{:.1%}"),
    ("payback_yr", "payback", "yr", "{:.1f}"),
    ("lcoh_EUR_per_MWh", "LCOH", "€/MWh", "{:,.1f}"),
    ("abatement_EUR_per_t", "abatement cost", "€/t CO2", "{:,.0f}"),
]


def _fmt(v, fmt: str) -> str:
    if isinstance(v, bool):
        return "yes" if v else "NO"
    return format_value(v, fmt)


def format_result(res) -> str:
    """Readable table of a CaseResult: options side by side, best marked, warnings listed."""
    rows = res.rows
    heads = [r["option"] + (" *" if r.get("best") else "") for r in rows]
    label_w = max(len(f"{lab} [{u}]" if u else lab) for _, lab, u, _ in TABLE_ROWS) + 2
    cells = [[_fmt(r.get(k), f) for r in rows] for k, _, _, f in TABLE_ROWS]
    col_w = [max(len(h), *(len(c[i]) for c in cells)) + 2 for i, h in enumerate(heads)]
    c = res.case
    lines = [f"case {c.case_id} — {c.process}"
             + (f", {c.heat_demand_kW:,.0f} kW" if c.heat_demand_kW else "")
             + (f", sink {c.sink_medium} {c.T_sink_in_C:g}→{c.T_sink_out_C:g} °C" if c.T_sink_out_C is not None else "")
             + (f", source {c.source_medium} {c.T_source_in_C:g}→{c.T_source_out_eff_C:g} °C"
                if c.T_source_in_C is not None else "")
             + f", {c.operating_hours_per_yr:,.0f} h/yr, tariffs {c.tariff_year}",
             ""]
    lines.append(" " * label_w + "".join(h.rjust(w) for h, w in zip(heads, col_w)))
    for (k, lab, u, _), cs in zip(TABLE_ROWS, cells):
        name = f"{lab} [{u}]" if u else lab
        lines.append(name.ljust(label_w) + "".join(x.rjust(w) for x, w in zip(cs, col_w)))
    best = res.best
    lines.append("")
    if best:
        lines.append(f"* best option: {best['option']} (highest NPV of the options that fit the grid and save CO2)")
        npv = best.get("npv_EUR")
        if isinstance(npv, (int, float)) and npv < 0:  # the best still loses money: say so, do not recommend it
            lines.append(f"  no option pays back at these inputs: even the best one has an NPV of {npv:,.0f} €")
    for n in res.notes:
        lines.append(f"note: {n}")
    for r in rows:
        if r["status"] != "ok" and r["message"]:
            lines.append(f"- {r['option']} {r['status']}: {r['message']}")
    for r in rows:
        for w in r["warnings"]:
            lines.append(f"! {r['option']}: {w}")
    return "\n".join(lines)


def format_case_streams(pinch: dict, notes: list) -> str:
    """Readable lines of the case's process streams (``pinch`` of the JSON): targets, the sink's recovery band
    and the heat pump on the grand composite curve."""
    lines = ["", f"process streams ({pinch['n_streams']}: {pinch['n_hot']} hot, {pinch['n_cold']} cold; "
                 f"ΔT_min {pinch['dT_min_K']:g} K)"]
    lines += [f"  {n}" for n in notes]
    band = pinch.get("sink_recovery")
    if band is not None:
        lines.append(f"  the sink's part the streams heat from its inlet: {_fmt(band['Q_kW'], '{:,.0f}')} kW, up to "
                     f"{_fmt(band['T_to_C'], '{:.1f}')} °C (staged option, heat recovery)")
    return "\n".join(lines)


@app.command("evaluate")
def evaluate_cmd(
    case_file: Path = typer.Argument(..., help="case JSON file (fields as in the case schema)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object {case, results}"),
    datasheet: Path = typer.Option(None, "--datasheet", help="supplier datasheet CSV (T_source_in_C, T_sink_out_C, "
                                   "Q_heat_kW, P_el_kW or cop[, load_fraction]): the heat pump is that machine"),
    tariffs: list[str] = typer.Option(None, "--tariffs", help="a table of your own in the format of a shipped data "
                                      "table: its rows replace the shipped rows with the same key for this run"),
) -> None:
    """Evaluate every option of one case: COP, grid load, energy, CO2 and money."""
    from heatcalc.case import load_case
    from heatcalc.core.jsonutil import dumps
    from heatcalc.evaluation.annual import evaluate_case
    from heatcalc.core.messages import codes_of
    from heatcalc.options.heat_pumps import case_with_datasheet

    from heatcalc.cli.tariff import use_tariffs

    ov = use_tariffs(tariffs)
    res = evaluate_case(case_with_datasheet(load_case(case_file), datasheet))  # streams read there, once
    d = res.to_dict()
    if ov is not None:  # which numbers came from the user
        d["user_data"] = ov.to_dict()
        d["notes"] = list(d.get("notes", [])) + ov.notes()
        d["note_codes"] = list(d.get("note_codes", [])) + codes_of(ov.notes())
    text = format_result(res) + ("\n" + "\n".join(ov.notes()) if ov is not None else "")
    if res.pinch is not None:
        text += "\n" + format_case_streams(res.pinch, res.pinch_notes)
    typer.echo(dumps(d) if as_json else text)
