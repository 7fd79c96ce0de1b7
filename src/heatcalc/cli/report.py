"""``heatcalc report`` — the customer proposal of one case as PDF or HTML."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from heatcalc.cli import app


@app.command("report")
def report_cmd(
    case_file: Path = typer.Argument(..., help="case JSON file (fields as in the case schema)"),
    output: Path = typer.Option(..., "-o", "--output", help="output file ending in .pdf or .html"),
    lang: str = typer.Option("en", "--lang", help="language of the report: en or nl"),
    no_charts: bool = typer.Option(False, "--no-charts", help="leave the charts out (no browser needed)"),
) -> None:
    """Proposal for a customer: options, grid, energy, cost, CO2, products, assumptions (PDF or HTML)."""
    from heatcalc.case import load_case
    from heatcalc.core.errors import InputError
    from heatcalc.report.content import check_lang
    from heatcalc.report.render import FORMATS, write_report

    lang = check_lang(lang)
    if output.suffix.lower() not in FORMATS:
        raise InputError(f"-o {output}: the output file must end in .pdf or .html")
    case = load_case(case_file)
    info = write_report(case, output, lang, renderer=not no_charts)
    typer.echo(f"wrote {info.path} ({info.format}, {lang}, {info.charts} charts, {info.seconds:.1f} s)")
    if info.chart_note and not no_charts:
        print(f"note: {info.chart_note}", file=sys.stderr)
