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
    customer: str = typer.Option(None, "--customer", help="customer name on the cover"),
    site: str = typer.Option(None, "--site", help="site (location) on the cover"),
    contact: str = typer.Option(None, "--contact", help="contact person on the cover"),
    proposal_id: str = typer.Option(None, "--proposal-id", help="proposal number on the cover"),
    option: str = typer.Option(None, "--option", help="the proposed option (default: the best feasible one)"),
    supplier_profile: Path = typer.Option(None, "--supplier-profile",
                                          help="supplier profile, JSON or TOML: name, logo, colours, footer"),
    date: str = typer.Option(None, "--date", help="date of the proposal, YYYY-MM-DD (default today)"),
    validity_days: int = typer.Option(None, "--validity-days", help="days the proposal is valid from its date"),
    datasheet: Path = typer.Option(None, "--datasheet", help="supplier datasheet CSV (T_source_in_C, T_sink_out_C, "
                                   "Q_heat_kW, P_el_kW or cop[, load_fraction]): the heat pump is that machine"),
    profiles: Path = typer.Option(None, "--profiles", "--profile",
                                  help="hourly profiles CSV as for heatcalc hourly: the report shows the year under "
                                  "the grid limit from an hourly run"),
    tariffs: list[str] = typer.Option(None, "--tariffs", help="a table of your own in the format of a shipped data "
                                      "table: its rows replace the shipped rows with the same key for this report, "
                                      "which lists them (may be given more than once)"),
) -> None:
    """Proposal for a customer: options, grid, energy, cost, CO2, products, assumptions (PDF or HTML)."""
    from heatcalc.case import load_case
    from heatcalc.core.errors import InputError
    from heatcalc.report.content import check_lang, make_proposal, read_proposal_block
    from heatcalc.report.render import FORMATS, write_report

    lang = check_lang(lang)
    if output.suffix.lower() not in FORMATS:
        raise InputError(f"-o {output}: the output file must end in .pdf or .html")
    from heatcalc.cli.tariff import echo_user_data, use_tariffs
    from heatcalc.options.heat_pumps import case_with_datasheet

    echo_user_data(use_tariffs(tariffs))  # the report lists the user's numbers (appendix)
    case = case_with_datasheet(load_case(case_file), datasheet)
    proposal = make_proposal(read_proposal_block(case_file), base_dir=case_file.parent, customer=customer, site=site,
                             contact=contact, proposal_id=proposal_id, option=option,
                             supplier_profile=supplier_profile, date=date, validity_days=validity_days)
    prof = None
    if profiles is not None:
        from heatcalc.evaluation.hourly.profiles import read_profiles

        prof = read_profiles(profiles)
    info = write_report(case, output, lang, renderer=not no_charts, proposal=proposal, profiles=prof)
    typer.echo(f"wrote {info.path} ({info.format}, {lang}, {info.charts} charts, {info.seconds:.1f} s)")
    if info.chart_note and not no_charts:
        print(f"note: {info.chart_note}", file=sys.stderr)
