"""``heatcalc tariff`` — Dutch energy tax and network cost of a whole site."""
from __future__ import annotations

from typing import List, Optional

import typer

from heatcalc.cli import app
from heatcalc.core.errors import InputError, out_of_range


def format_tariff(d: dict) -> str:
    """Readable table of a :func:`heatcalc.money.tariffs.site_tariff` result."""
    def eur(x):
        return f"€ {x:>14,.2f}"

    lines = [f"Dutch energy tax and network cost {d['year']} (annual, excl. VAT, business rates)", ""]
    lines.append(f"  {'carrier':<12}{'band':>5} {'from':>14} {'to':>14} {'volume':>16} {'rate':>10}  {'amount':>16}")
    for b in d["bands"]:
        to = "open" if b["band_to"] is None else f"{b['band_to']:,.0f}"
        lines.append(f"  {b['carrier']:<12}{b['band']:>5} {b['band_from']:>14,.0f} {to:>14} "
                     f"{b['volume']:>12,.0f} {b['unit']:<3} {b['rate']:>10.5f}  {eur(b['amount'])}")
    lines += ["",
              f"  energy tax gas          {eur(d['energy_tax_gas_EUR'])}   ({d['gas_m3']:,.0f} m³)",
              f"  energy tax electricity  {eur(d['energy_tax_el_EUR'])}   ({d['electricity_kWh']:,.0f} kWh)"]
    net = d.get("network")
    if net:
        label = f"network {net['operator']} {net['voltage_level']} {net['year']}"
        lines.append(f"  {label:<24}{eur(d['network_EUR'])}")
        for k, v in net["components"].items():
            if v:
                lines.append(f"      {k:<20}{eur(v)}")
    lines.append(f"  total                   {eur(d['total_EUR'])}")
    if d["notes"]:
        lines += ["", "notes:"] + [f"  - {n}" for n in d["notes"]]
    return "\n".join(lines)


def use_tariffs(paths) -> "object | None":
    """Apply ``--tariffs FILE`` (user tables that override the shipped data for this run,
    :mod:`heatcalc.money.overlay`) and forget what was loaded from the shipped data."""
    paths = [p for p in (paths or []) if p]
    if not paths:
        return None
    import importlib

    from heatcalc.money.overlay import apply_overlay

    import os

    ov = apply_overlay(paths)
    os.environ["HEATCALC_DATA_DIR"] = ov.folder  # worker processes (batch) read the same merged data
    for mod, fn in (("heatcalc.money.ets", "_ets_thresholds"), ("heatcalc.options.emissions", "_factors"),
                    ("heatcalc.options.baseline", "_figures")):
        getattr(importlib.import_module(mod), fn).cache_clear()
    return ov


TARIFFS_HELP = ("a table of your own in the format of a shipped data table (energy tax, prices, grid tariffs, "
                "subsidies, costs, emission factors); its rows replace the shipped rows with the same key for "
                "this run (may be given more than once)")


def echo_user_data(ov) -> None:
    """The user-data lines of an overlay on stderr (for commands whose stdout is a file or JSON)."""
    if ov is not None:
        for line in ov.notes():
            typer.echo(line, err=True)


def _nonneg(name: str, value: Optional[float], unit: str) -> None:
    if value is not None and not (value >= 0 and value != float("inf")):
        raise out_of_range(name, value, unit, f"0 or more {unit}")


@app.command("tariff")
def tariff_cmd(
    year: int = typer.Option(2025, "--year", help="tariff year (data: 2023, 2024, 2025; 2026 incomplete)"),
    gas_m3: float = typer.Option(0.0, "--gas-m3", help="the site's whole natural-gas use [m³/yr], 0 or more"),
    electricity_kWh: float = typer.Option(0.0, "--electricity-kWh",
                                          help="the site's whole electricity use [kWh/yr], 0 or more"),
    grid_operator: Optional[str] = typer.Option(None, "--grid-operator",
                                                help="liander · stedin · enexis · tennet · none"),
    contract_kW: Optional[float] = typer.Option(None, "--contract-kW",
                                                help="contracted transport capacity [kW], 0 or more"),
    peak_kW: Optional[List[float]] = typer.Option(None, "--peak-kW",
                                                  help="highest load of each month [kW]: once for all months or "
                                                       "12 times; default the contract"),
    time_bound: bool = typer.Option(False, "--time-bound",
                                    help="time-bound (non-firm) transport right for the whole contract"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    tariffs: Optional[List[str]] = typer.Option(None, "--tariffs", help=TARIFFS_HELP),
) -> None:
    """Energy tax (banded, exact) and network cost of a site for one year."""
    from heatcalc.core.jsonutil import dumps
    from heatcalc.money.tariffs import GRID_OPERATORS, site_tariff, tax_years

    ov = use_tariffs(tariffs)
    years = tax_years()
    if year not in years:
        raise out_of_range("--year", year, "", "one of " + ", ".join(map(str, years)))
    _nonneg("--gas-m3", gas_m3, "m³/yr")
    _nonneg("--electricity-kWh", electricity_kWh, "kWh/yr")
    _nonneg("--contract-kW", contract_kW, "kW")
    for p in peak_kW or []:
        _nonneg("--peak-kW", p, "kW")
    peaks = None
    if peak_kW:
        if len(peak_kW) not in (1, 12):
            raise InputError(f"--peak-kW given {len(peak_kW)} times: give it once (all months) or 12 times "
                             f"(one per month) [kW]")
        peaks = peak_kW[0] if len(peak_kW) == 1 else list(peak_kW)
    op = None
    if grid_operator is not None:
        op = grid_operator.strip().lower()
        if op not in GRID_OPERATORS:
            raise InputError(f"--grid-operator={grid_operator!r} is not known; choices: {', '.join(GRID_OPERATORS)}")
        if op != "none" and contract_kW is None:
            raise InputError("--contract-kW is required with --grid-operator (contracted capacity in kW, 0 or more)")
    elif peaks is not None:
        raise InputError("--peak-kW needs --grid-operator and --contract-kW")
    d = site_tariff(year, gas_m3, electricity_kWh, op, contract_kW, peaks, time_bound=time_bound)
    if ov is not None:
        d["user_data"] = ov.to_dict()
    text = format_tariff(d)
    if ov is not None:
        text += "\n" + "\n".join(ov.notes())
    typer.echo(dumps(d) if as_json else text)
