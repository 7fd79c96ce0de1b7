"""``heatcalc data status`` — what the data hold per tariff year: complete, provisional or missing."""
from __future__ import annotations

import typer

from heatcalc.cli import app

data_app = typer.Typer(help="The data heatcalc ships: tariffs, taxes, prices and their sources.",
                       no_args_is_help=True, add_completion=False)
app.add_typer(data_app, name="data")


@data_app.command("status")
def status_cmd(as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
               tariffs: list[str] = typer.Option(None, "--tariffs", help="tables of your own (as on evaluate): "
                                                 "the status of the data with them")) -> None:
    """Per tariff year and table: complete, provisional, incomplete or missing, with the sources."""
    from heatcalc.cli.tariff import echo_user_data, use_tariffs
    from heatcalc.core.jsonutil import dumps
    from heatcalc.money.data_status import data_status, format_status

    echo_user_data(use_tariffs(tariffs))
    d = data_status()
    typer.echo(dumps(d) if as_json else format_status(d) + "\n\n" + format_sources(d))


def format_sources(d: dict) -> str:
    """Every source of :func:`heatcalc.money.data_status.data_status` once, with the tables and years it
    supplies (``user-supplied table(s): ...`` for rows given with ``--tariffs``)."""
    uses: dict[str, dict[str, list[int]]] = {}

    def add(sources, table, year):
        for s in sources or []:
            years = uses.setdefault(s, {}).setdefault(table, [])
            if year not in years:
                years.append(year)

    for y, v in d["years"].items():
        add(v["energy_tax"].get("sources"), "energy tax", y)
        for op, g in v["grid_tariffs"].items():
            add(g.get("sources"), f"grid {op}", y)
        for q, p in v["prices"].items():
            add(p.get("sources"), q, y)
    lines = ["sources:"]
    for s, tables in uses.items():
        lines.append(f"  - {s}")
        lines.append("      " + "; ".join(f"{t} {', '.join(str(y) for y in ys)}" for t, ys in tables.items()))
    return "\n".join(lines)
