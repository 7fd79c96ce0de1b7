"""``heatcalc batch`` — evaluate a table of cases (CSV, Excel, Parquet)."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from heatcalc.cli import app
from heatcalc.core.errors import InputError


class _Progress:
    """tqdm progress bar on stderr fed by :func:`heatcalc.batch.run.run_batch`'s callback."""

    def __init__(self, enabled: bool | None):
        self._bar = None
        self._enabled = enabled
        self._done = 0

    def __call__(self, done: int, total: int | None) -> None:
        if self._bar is None:
            from tqdm import tqdm

            # enabled=None: only on a terminal
            self._bar = tqdm(total=total, unit=" rows", file=sys.stderr, dynamic_ncols=True, smoothing=0.1,
                             disable=None if self._enabled is None else not self._enabled, desc="batch")
        if total is not None and self._bar.total != total:
            self._bar.total = max(total, done)
            self._bar.refresh()
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            if self._bar.total is not None and self._bar.total != self._done:
                self._bar.total = self._done
                self._bar.refresh()
            self._bar.close()


@app.command("batch")
def batch_cmd(
    input: Path = typer.Argument(None, help="cases: .csv (comma or semicolon, decimal point or comma, UTF-8), "
                                            ".xlsx or .parquet", show_default=False),
    output: Path = typer.Option(None, "--output", "-o", help="results: .csv, .xlsx or .parquet"),
    workers: int = typer.Option(None, "--workers", help="worker processes, 1 to 1024 [default: the cores]",
                                show_default=False),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask"),
    scheduler: str = typer.Option(None, "--scheduler",
                                  help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 [default: a local cluster]"),
    template: bool = typer.Option(False, "--template",
                                  help="write an input template to -o (default sites_template.csv) and stop"),
    sep: str = typer.Option(None, "--sep", help="CSV output separator: , ; tab | [default: as the input]"),
    decimal: str = typer.Option(None, "--decimal", help="CSV output decimal mark: . or , [default: as the input]"),
    chunk_rows: int = typer.Option(200, "--chunk-rows", help="input rows per unit of work, 1 to 100000"),
    progress: bool = typer.Option(None, "--progress/--no-progress",
                                  help="progress bar on stderr [default: when stderr is a terminal]"),
    as_json: bool = typer.Option(False, "--json", help="print the summary as one JSON object on stdout"),
    lang: str = typer.Option(None, "--lang", help="en or nl: messages and warnings in that language, with the "
                             "columns message_code and warning_codes, and the summary in that language "
                             "[default: English texts, no code columns]"),
    tariffs: list[str] = typer.Option(None, "--tariffs", help="a table of your own in the format of a shipped data "
                                      "table: its rows replace the shipped rows with the same key for this run"),
) -> None:
    """Evaluate every row of a case table: one result row per (case, option) plus baseline rows.

    Every input row is answered: a bad row gives status=error with a message naming field, value and valid
    range. Exit 0 when the file could be read (even if rows failed), 2 when it cannot be read at all.
    """
    from heatcalc.batch.run import run_batch, write_template
    from heatcalc.cli.tariff import echo_user_data, use_tariffs
    from heatcalc.core.jsonutil import dumps

    echo_user_data(use_tariffs(tariffs))

    from heatcalc.batch.readers import CSV_SUFFIXES, EXCEL_SUFFIXES, PARQUET_SUFFIXES

    suffix = output.suffix.lower() if output is not None else ".csv"
    if suffix not in CSV_SUFFIXES + EXCEL_SUFFIXES + PARQUET_SUFFIXES:  # the writers' formats, under the option
        raise InputError(f"-o/--output {output.name!r}: unsupported format {suffix or '(no suffix)'!r}; use .csv, "
                         ".xlsx or .parquet")
    if template:
        target = output or Path("sites_template.csv")
        p = write_template(target)
        typer.echo(f"template written to {p}", err=True)
        return
    if input is None:
        raise InputError("INPUT is missing: give a case table, e.g. `heatcalc batch sites.csv -o results.csv` "
                         "(or `heatcalc batch --template`)")
    if output is None:
        raise InputError("-o/--output is missing: give the result file, e.g. -o results.csv (.csv, .xlsx, .parquet)")
    if not 1 <= chunk_rows <= 100_000:
        raise InputError(f"--chunk-rows={chunk_rows} is out of range: valid is 1 to 100000")
    if scheduler is not None:
        check_scheduler(scheduler)
    if sep == "tab":
        sep = "\t"
    bar = _Progress(progress)
    try:
        summary = run_batch(input, output, workers=workers, engine=engine, scheduler=scheduler,
                            chunk_rows=chunk_rows, progress=bar, sep=sep, decimal=decimal, lang=lang)
    except KeyboardInterrupt:
        bar.close()
        part = output.with_name(output.name + ".part")
        if part.exists():
            typer.echo(f"interrupted: the rows done so far are in {part}", err=True)
        raise
    finally:
        bar.close()
    if as_json:
        typer.echo(dumps(summary.to_dict()))
    if lang is not None:
        from heatcalc.batch.localise import summary_text

        typer.echo(summary_text(summary, lang), err=True)
    else:
        typer.echo(summary.text(), err=True)


#: Transports of a Dask scheduler address this command can use without extra packages.
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss")


def check_scheduler(address: str) -> None:
    """Refuse a scheduler address other than ``[tcp|tls|ws|wss://]HOST:PORT``.

    Raises
    ------
    InputError
        E.g. for ``ucx://`` (needs UCX-Py) or ``inproc://`` (only inside one process).
    """
    from urllib.parse import urlsplit

    text = address.strip()
    scheme, _, rest = text.rpartition("://")
    ok = bool(rest) and (scheme.lower() in SCHEDULER_SCHEMES or scheme == "")
    if ok:
        try:
            parts = urlsplit(f"tcp://{rest}")
            ok = bool(parts.hostname) and parts.port is not None and not parts.path.strip("/")
        except ValueError:
            ok = False
    if not ok:
        raise InputError(f"--scheduler={address!r} is not a usable Dask scheduler address: valid is "
                         f"[{'|'.join(SCHEDULER_SCHEMES)}://]HOST:PORT, e.g. tcp://10.0.0.5:8786")
