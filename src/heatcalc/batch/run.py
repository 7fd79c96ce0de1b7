"""Batch evaluation: a table of cases in, a table of result rows out.

``heatcalc batch sites.csv -o results.csv`` and the app's batch page both call
:func:`run_batch`. The input is the case schema as columns (docs/interface.md);
the output has one row per (case, option) plus the baseline row of each case,
exactly the rows :func:`heatcalc.evaluation.annual.evaluate_record` gives for the same
record, preceded by ``input_row`` and followed by the input's unknown columns.

Reading
-------
* Formats: CSV (``.csv``, ``.txt``), Excel (``.xlsx``, ``.xlsm``) and Parquet,
  recognised by their first bytes (the suffix only decides when the bytes do not).
* CSV: comma, semicolon, tab or ``|`` separated (decided on the header line, or by
  an Excel ``sep=;`` first line), decimal point or decimal comma, UTF-8 with or
  without BOM. Blank lines are skipped (and counted).
* Column names are matched to case fields case-insensitively, ignoring surrounding
  spaces and a trailing unit in brackets (``heat_demand_kW [kW]``). Unknown
  columns are passed through to every output row of their case (renamed
  ``input_<name>`` if the name is a result column).
* Excel: the first sheet whose header row names a case field; formulas are never
  evaluated — the value Excel saved with the file is used, and a formula without a
  saved value is an error for that row.

Every input row is accounted for
--------------------------------
A row that cannot be evaluated gives one output row with ``status = error`` and a
message naming the field, the value given, its unit and the valid range (from
:class:`heatcalc.case.Case`); rows with the wrong number of cells, invalid UTF-8
bytes or an unexpected fault of the library (``internal error``) too. A file that
cannot be read at all raises :class:`~heatcalc.core.errors.InputError` before anything
is written.

Writing
-------
Output is written while the input is read, in input order, to a temporary file of
this run alone (``.<output name>.<pid>-<random>.part``, hidden, in the output's
folder) that is renamed onto the output at the end (``os.replace``, atomic), so
the output is either complete or untouched, and two runs with the same output
never share a file. Interrupted (Ctrl-C, KeyboardInterrupt), the rows done so far
are closed into a valid file and renamed to ``<output>.part``; stopped by SIGTERM
or SIGHUP (when the caller has not set a handler of its own), the temporary file is
removed, the workers are ended and the signal is delivered again; after SIGKILL
the workers end with the run (see :mod:`heatcalc.batch.engines`) and the next run
with the same output removes the dead run's temporary file. CSV output mirrors the input's separator, decimal mark
and BOM (so a Dutch Excel file comes back as one Dutch Excel opens); text cells
starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are prefixed with
``'`` so that spreadsheet programs show them as text instead of running them
(formula injection). Numbers are written with the shortest representation that
reads back to the same float, so a result equals ``heatcalc evaluate`` exactly;
NaN and infinity become empty cells in CSV and Excel (``null`` in the JSON of
``heatcalc evaluate``); Parquet keeps them as the library gives them.

Scale
-----
The input is read in chunks of ``chunk_rows`` rows; at most a few chunks per
worker are in flight, so memory stays bounded whatever the file size. The local
engine evaluates chunks in a process pool (``workers`` processes); the Dask engine
submits the same chunk function to a Dask cluster, so both give identical rows.
Heat-pump designs that repeat across rows are cached in the library.
"""
from __future__ import annotations

import csv
import math
import os
import re
import secrets
import signal
import sys
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from heatcalc.batch.engines import (
    IN_FLIGHT_PER_WORKER,
    Router,
    Task,
    _DaskPool,
    _Inline,
    _LocalPool,
    _process_alive,
    _recover,
    default_workers,
    evaluate_chunk,
    route_key,
)
from heatcalc.batch.readers import (
    _SEPARATORS,
    DEFAULT_CHUNK_ROWS,
    INPUT_ROW,
    ColumnMap,
    InputStyle,
    ParquetReader,
    RawRow,
    case_fields,
    map_columns,
    open_table,
    result_columns,
)
from heatcalc.batch.writers import CsvWriter, ExcelWriter, ParquetWriter, _output_kind
from heatcalc.case import Case, field_meta
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message

ProgressCallback = Callable[[int, "int | None"], None]


# ---------------------------------------------------------------------------------------------------------------
# summary
@dataclass
class BatchSummary:
    """Counts and timing of one batch run.

    Attributes
    ----------
    rows_read : int
        Non-blank input data rows.
    rows_ok : int
        Input rows evaluated (their baseline and options have ``ok`` or
        ``infeasible`` status).
    rows_error : int
        Input rows answered with one ``status = error`` row.
    blank_rows : int
        Blank input lines skipped.
    duplicate_ids : int
        Rows whose ``case_id`` was used by an earlier row (evaluated, with a warning).
    internal_errors : int
        Rows where the library failed unexpectedly (a bug; counted in ``rows_error``).
    results_ok, results_infeasible, results_error : int
        Output rows by status.
    seconds : float
        Wall time [s].
    """

    input: str = ""
    output: str = ""
    engine: str = "local"
    workers: int = 1
    rows_read: int = 0
    rows_ok: int = 0
    rows_error: int = 0
    blank_rows: int = 0
    duplicate_ids: int = 0
    internal_errors: int = 0
    results_ok: int = 0
    results_infeasible: int = 0
    results_error: int = 0
    seconds: float = 0.0

    @property
    def rows_per_s(self) -> float:
        """Input rows per second."""
        return self.rows_read / self.seconds if self.seconds > 0 else float("nan")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        d["rows_per_s"] = round(self.rows_per_s, 1) if math.isfinite(self.rows_per_s) else None
        return d

    def text(self) -> str:
        """Summary lines for the terminal."""
        lines = [
            f"rows read {self.rows_read:,}: ok {self.rows_ok:,}, error {self.rows_error:,}"
            + (f" (internal {self.internal_errors:,}, please report)" if self.internal_errors else "")
            + (f"; blank lines skipped {self.blank_rows:,}" if self.blank_rows else "")
            + (f"; duplicate case_id {self.duplicate_ids:,}" if self.duplicate_ids else ""),
            f"result rows: ok {self.results_ok:,}, infeasible {self.results_infeasible:,}, "
            f"error {self.results_error:,}",
            f"time {self.seconds:,.1f} s ({self.rows_per_s:,.0f} rows/s, engine {self.engine}, "
            f"{self.workers} worker{'s' if self.workers != 1 else ''}) → {self.output}",
        ]
        return "\n".join(lines)


#: Without ``workers`` given, an input of at most this many data rows (as estimated from its size) is evaluated
#: in the calling process: starting worker processes (their imports and CoolProp) costs more than they save.
SMALL_INPUT_ROWS = 50


# ---------------------------------------------------------------------------------------------------------------
# duplicate case ids
#: ``case_id`` values kept in memory before the index moves to a temporary SQLite file.
IDS_IN_MEMORY = 50_000
#: Page cache of the SQLite index [KiB] (its whole memory, whatever the number of rows).
IDS_CACHE_KIB = 4096


class CaseIds:
    """The rows' ``case_id`` values and the row where each first appeared, exact, in bounded memory.

    The first :data:`IDS_IN_MEMORY` ids are kept in a dict; beyond that all of them move to an
    SQLite database in a private temporary file (deleted when closed, also by the system after
    a crash) whose page cache is :data:`IDS_CACHE_KIB`, so the memory of the run stays flat in the
    number of rows while every duplicate is still found and names its first row.
    """

    def __init__(self, in_memory: int | None = None):
        self.in_memory = IDS_IN_MEMORY if in_memory is None else in_memory
        self._mem: dict[str, int] | None = {}
        self._db = None

    def first(self, key: str, row: int) -> int | None:
        """The row where ``key`` first appeared, or ``None`` (and ``row`` is recorded)."""
        mem = self._mem
        if mem is not None:
            first = mem.get(key)
            if first is None:
                mem[key] = row
                if len(mem) > self.in_memory:
                    self._spill()
            return first
        cur = self._db.execute("INSERT OR IGNORE INTO ids VALUES (?, ?)", (key, row))
        if cur.rowcount == 1:
            return None
        return self._db.execute("SELECT row FROM ids WHERE id = ?", (key,)).fetchone()[0]

    def _spill(self) -> None:
        import sqlite3

        db = sqlite3.connect("")  # "": a private on-disk temporary database, removed on close
        db.execute(f"PRAGMA cache_size = -{int(IDS_CACHE_KIB)}")
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY, row INTEGER NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO ids VALUES (?, ?)", self._mem.items())
        self._db, self._mem = db, None

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._mem = {}


# ---------------------------------------------------------------------------------------------------------------
# orchestration
def _tasks(rows: Iterable[RawRow], cmap: ColumnMap, summary: BatchSummary,
           dedupe: bool = True, base_dir: Path | None = None) -> Iterator[tuple[Task, list[Any]]]:
    """Input rows → (Task, pass-through cells), with duplicate-id warnings (exact, memory flat in the rows).
    A ``tariffs`` column names the row's own tables and a ``streams`` column its process streams, both
    relative to ``base_dir`` (the input's folder)."""
    seen = CaseIds()
    try:
        yield from _tasks_seen(rows, cmap, summary, dedupe, seen, base_dir)
    finally:
        seen.close()


#: Input column naming a row's own tariff / price tables (``;``-separated files, relative to the input's
#: folder): :mod:`heatcalc.money.overlay` for that row only (docs/batch.md, "Your own tables per row").
TARIFFS_COLUMN = "tariffs"


#: Input column naming a row's process streams: a stream table file (relative to the input's folder), read as
#: the case field ``streams`` (docs/batch.md, "Process streams per row").
STREAMS_COLUMN = "streams"


def _row_streams(cell: Any, base_dir: Path | None) -> str | None:
    """The row's ``streams`` cell as an absolute path (None when empty); a missing file is the case's error."""
    name = "" if cell is None else str(cell).strip()
    if not name:
        return None
    p = Path(name)
    return str(p if p.is_absolute() else ((base_dir or Path.cwd()) / p).resolve())


def _row_tariffs(cell: Any, base_dir: Path | None) -> str | None:
    """The row's ``tariffs`` cell as ``;``-separated absolute paths (None when empty)."""
    names = [n.strip() for n in str(cell).split(";") if n.strip()] if cell is not None else []
    if not names:
        return None
    base = base_dir or Path.cwd()
    return ";".join(str(p if p.is_absolute() else (base / p).resolve()) for p in map(Path, names))


def _tasks_seen(rows: Iterable[RawRow], cmap: ColumnMap, summary: BatchSummary, dedupe: bool,
                seen: CaseIds, base_dir: Path | None = None) -> Iterator[tuple[Task, list[Any]]]:
    cid_idx = cmap.case_id_index
    tariffs_idx = next((i for i, n in cmap.passthrough if n.strip().lower() == TARIFFS_COLUMN), None)
    streams_idx = next((i for i, n in cmap.passthrough if n.strip().lower() == STREAMS_COLUMN), None)
    for raw in rows:
        cells = raw.cells
        record = {}
        for i, f in cmap.fields:
            v = cells[i] if i < len(cells) else None
            if v is not None:
                record[f] = v
        if streams_idx is not None and streams_idx < len(cells):
            spec = _row_streams(cells[streams_idx], base_dir)
            if spec is not None:
                record["streams"] = spec
        pt = [cells[i] if i < len(cells) else None for i, _ in cmap.passthrough]
        cid = cells[cid_idx] if cid_idx is not None and cid_idx < len(cells) else None
        warnings = list(raw.warnings)
        if dedupe and cid is not None and str(cid).strip():
            key = str(cid).strip()
            first = seen.first(key, raw.row)
            if first is not None:
                summary.duplicate_ids += 1
                warnings.append(Message("batch.duplicate_id", f"duplicate case_id {key!r} (first on row {first}); "
                                        "evaluated again", case_id=repr(key), first=first))
        task = Task(row=raw.row, record=record, error=raw.error, warnings=warnings, case_id=cid)
        if tariffs_idx is not None and tariffs_idx < len(cells):
            task.tariffs = _row_tariffs(cells[tariffs_idx], base_dir)
        yield task, pt


def _small(reader: Any) -> bool:
    """Whether the input has at most :data:`SMALL_INPUT_ROWS` data rows by the reader's estimate."""
    try:
        est = reader.total_estimate(0)
    except Exception:  # noqa: BLE001 - no estimate: not small
        return False
    return est is not None and est <= SMALL_INPUT_ROWS


def _chunks(it: Iterable, n: int) -> Iterator[list]:
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _check_options(inp: Path, out: Path, engine: str, workers: int | None, chunk_rows: int,
                   sep: str | None, decimal: str | None) -> str:
    """Validate the options and the output path before anything is opened.

    Parameters
    ----------
    inp, out : Path
        Input and output paths.
    engine, workers, chunk_rows, sep, decimal
        The options of :func:`run_batch`.

    Returns
    -------
    str
        The output kind (``"csv"``, ``"xlsx"`` or ``"parquet"``).

    Raises
    ------
    InputError
        If an option or the output path is invalid.
    """
    if engine not in ("local", "dask"):
        raise InputError(f"--engine={engine!r} is invalid; valid: local · dask")
    if workers is not None and not (1 <= int(workers) <= 1024):
        raise InputError(f"--workers={workers} is out of range: valid is 1 to 1024")
    if chunk_rows < 1:
        raise InputError(f"chunk_rows={chunk_rows} must be at least 1")
    if sep is not None and sep not in _SEPARATORS:
        raise InputError(f"--sep={sep!r} is invalid; valid: , ; tab |")
    if decimal is not None and decimal not in (".", ","):
        raise InputError(f"--decimal={decimal!r} is invalid; valid: . or ,")
    out_kind = _output_kind(out)
    try:
        if inp.exists() and out.exists() and inp.resolve() == out.resolve():
            raise InputError(f"output {out.name!r} is the input file; choose another name")
    except OSError:
        pass
    if not out.parent.exists():
        raise InputError(f"output folder {str(out.parent)!r} does not exist")
    return out_kind


def _output_style(reader: Any, out_kind: str, sep: str | None, decimal: str | None) -> InputStyle:
    """Separator, decimal mark and BOM of the output: as the input unless given.

    Parameters
    ----------
    reader : table reader
        The opened input (its ``style`` is the default).
    out_kind : str
        Output kind.
    sep, decimal : str or None
        Requested CSV separator and decimal mark.

    Returns
    -------
    InputStyle
    """
    style = InputStyle(sep=sep or reader.style.sep, decimal=decimal or reader.style.decimal,
                       bom=reader.style.bom)
    if out_kind == "csv" and style.sep == "," and style.decimal == ",":
        style.sep = ";"  # a comma-separated file with decimal commas would need quotes everywhere
    return style


def _open_writer(out_kind: str, part: Path, out: Path, columns: list[str], style: InputStyle, reader: Any,
                 cmap: ColumnMap, n_leading: int) -> Any:
    """Create the writer of the ``.part`` file.

    Parameters
    ----------
    out_kind : str
        Output kind.
    part, out : Path
        The ``.part`` file written and the final output (named in errors).
    columns : list of str
        Output columns.
    style : InputStyle
        Output style.
    reader : table reader
        The input (a Parquet input gives the pass-through column types).
    cmap : ColumnMap
        Column mapping of the input.
    n_leading : int
        Number of columns before the pass-through ones (Parquet layout).

    Returns
    -------
    CsvWriter, ExcelWriter or ParquetWriter

    Raises
    ------
    InputError
        If the file cannot be written.
    """
    try:
        if out_kind == "csv":
            return CsvWriter(part, columns, style)
        if out_kind == "xlsx":
            return ExcelWriter(part, columns, style)
        ptypes = {}
        if isinstance(reader, ParquetReader):
            for i, name in cmap.passthrough:
                ptypes[name] = reader.arrow_schema.field(i).type
        writer = ParquetWriter(part, columns, style, ptypes)
        writer.set_layout(n_leading)
        return writer
    except OSError as exc:
        raise InputError(f"output {str(out)!r} cannot be written: {exc.strerror or exc}") from None


def _open_pool(engine: str, n_workers: int, scheduler: str | None, cluster_kwargs: dict | None,
               mp_context: str | None) -> Any:
    """Choose the engine: a Dask cluster, this process, or a local process pool.

    Parameters
    ----------
    engine : {"local", "dask"}
        Engine.
    n_workers : int
        Requested workers.
    scheduler, cluster_kwargs, mp_context
        As in :func:`run_batch`.

    Returns
    -------
    _DaskPool, _Inline or _LocalPool
    """
    if engine == "dask":
        return _DaskPool(n_workers, scheduler, cluster_kwargs)
    if n_workers == 1:
        return _Inline()
    return _LocalPool(n_workers, mp_context)


def _count_statuses(summary: BatchSummary, statuses: list[str]) -> None:
    """Add one input row's result statuses to the summary.

    Parameters
    ----------
    summary : BatchSummary
        Updated in place.
    statuses : list of str
        Statuses of the row's output rows (one ``error``/``internal`` for a failed row).
    """
    summary.rows_read += 1
    if len(statuses) == 1 and statuses[0] in ("error", "internal"):
        summary.rows_error += 1
        summary.results_error += 1
        if statuses[0] == "internal":
            summary.internal_errors += 1
    else:
        summary.rows_ok += 1
        for st in statuses:
            if st == "ok":
                summary.results_ok += 1
            elif st == "infeasible":
                summary.results_infeasible += 1
            else:
                summary.results_error += 1


class _Run:
    """State of one batch run: reader, writer, pool and the chunks in flight.

    Parameters
    ----------
    inp, out : Path
        Input and output paths.
    reader : table reader
        The opened input.
    summary : BatchSummary
        Counts, filled in while the run goes.
    engine : str
        Engine name.
    progress : callable or None
        Progress callback.
    evaluator : callable or None
        Record evaluator passed to the workers.
    t0 : float
        Start time (``time.perf_counter``).
    """

    def __init__(self, inp: Path, out: Path, reader: Any, summary: BatchSummary, engine: str,
                 progress: ProgressCallback | None, evaluator: Callable[[dict], list[dict]] | None,
                 t0: float) -> None:
        self.inp, self.out, self.reader, self.summary = inp, out, reader, summary
        self.part = out.with_name(out.name + ".part")  # the rows of an interrupted run
        self.tmp = temp_path(out)  # this run's own file, renamed at the end
        self.engine, self.progress, self.evaluator, self.t0 = engine, progress, evaluator, t0
        self.pool: Any = None
        self.writer: Any = None
        self.pending: deque = deque()

    def open(self, out_kind: str, sep: str | None, decimal: str | None) -> None:
        """Map the input columns, decide the output style and open the ``.part`` writer.

        Parameters
        ----------
        out_kind : str
            Output kind.
        sep, decimal : str or None
            Requested CSV separator and decimal mark.
        """
        self.cmap = map_columns(self.reader.header, self.inp.name)
        self.rows: Iterator[RawRow] = self.reader.rows()
        self.style = _output_style(self.reader, out_kind, sep, decimal)
        self.rcols = result_columns() + list(getattr(self, "extra_columns", []))
        columns = [INPUT_ROW] + self.rcols + self.cmap.passthrough_names
        remove_stale_temps(self.out)
        self.writer = _open_writer(out_kind, self.tmp, self.out, columns, self.style, self.reader, self.cmap,
                                   1 + len(self.rcols))

    def start_pool(self, n_workers: int, scheduler: str | None, cluster_kwargs: dict | None,
                   mp_context: str | None) -> None:
        """Start the engine and record the effective number of workers.

        Parameters
        ----------
        n_workers : int
            Requested workers.
        scheduler, cluster_kwargs, mp_context
            As in :func:`run_batch`.
        """
        self.pool = _open_pool(self.engine, n_workers, scheduler, cluster_kwargs, mp_context)
        if self.engine == "dask":
            self.summary.workers = self.pool.workers

    def report(self, done: int) -> None:
        """Call the progress callback, if any, with ``done`` rows and the total estimate.

        Parameters
        ----------
        done : int
            Input rows written so far.
        """
        if self.progress is not None:
            self.progress(done, self.reader.total_estimate(done))

    def stream(self, chunk_rows: int) -> None:
        """Submit the input chunk by chunk, keeping a bounded window in flight, and write them in order.

        Parameters
        ----------
        chunk_rows : int
            Input rows per chunk.
        """
        window = max(self.pool.slots * IN_FLIGHT_PER_WORKER, 2)
        self.router = Router(self.pool.slots, slack=2 * chunk_rows)
        self.report(0)
        for chunk in _chunks(_tasks(self.rows, self.cmap, self.summary, base_dir=self.inp.parent), chunk_rows):
            self._submit(chunk)
            while len(self.pending) >= window:
                self._drain_one()
        while self.pending:
            self._drain_one()

    def _chunk_args(self) -> tuple:
        """Arguments of :func:`evaluate_chunk` after the tasks."""
        return (self.rcols, self.writer.mode, self.style.decimal, self.evaluator)

    def _submit(self, chunk: list[tuple[Task, list[Any]]]) -> None:
        """Route one chunk's tasks to worker slots, submit them and queue the chunk.

        Parameters
        ----------
        chunk : list of (Task, pass-through cells)
            One chunk of input rows.
        """
        tasks = [t for t, _ in chunk]
        pts = [pt for _, pt in chunk]
        groups: dict[int, list[int]] = {}
        for pos, t in enumerate(tasks):
            groups.setdefault(self.router.route(route_key(t)), []).append(pos)
        futs = []
        router = self.router
        for slot, positions in sorted(groups.items()):
            sub = [tasks[p] for p in positions]
            fut = self.pool.submit(slot, evaluate_chunk, sub, *self._chunk_args())
            fut.add_done_callback(lambda _f, s=slot, n=len(positions): router.done(s, n))
            futs.append((slot, positions, sub, fut))
        self.pending.append((pts, futs, len(tasks)))

    def _collect(self, futs: list, n: int) -> list:
        """Wait for one chunk's futures and put the results back in input order.

        A crashed worker process is recovered; a Dask worker without heatcalc is an
        :class:`InputError`.

        Parameters
        ----------
        futs : list of (slot, positions, tasks, future)
            The chunk's submitted parts.
        n : int
            Rows in the chunk.

        Returns
        -------
        list
            ``(row, statuses, cells)`` per input row.
        """
        results: list = [None] * n
        for slot, positions, sub, fut in futs:
            try:
                got = fut.result()
            except ImportError as exc:
                if self.engine != "dask":
                    raise
                raise InputError(f"the Dask workers cannot run heatcalc ({exc}); install heatcalc (same version) "
                                 "on every worker of the cluster") from None
            except Exception as exc:  # noqa: BLE001 - only crashes of a worker process are recovered
                if not self.pool.is_crash(exc):
                    raise
                got = _recover(self.pool, slot, sub, self._chunk_args())
            for p, res in zip(positions, got):
                results[p] = res
        return results

    def _drain_one(self) -> None:
        """Wait for the oldest chunk in flight, count and write its rows, report progress."""
        pts, futs, n = self.pending.popleft()
        results = self._collect(futs, n)
        out_rows = []
        for (row, statuses, cells), pt in zip(results, pts):
            _count_statuses(self.summary, statuses)
            ptc = self.writer.passthrough_cells(pt) if pt else []
            for c in cells:
                out_rows.append([row] + c + ptc)
        self.writer.write(out_rows)
        self.report(self.summary.rows_read)

    def finish(self) -> None:
        """Complete the summary, close the writer and rename this run's file to the output."""
        self.summary.blank_rows = getattr(self.reader, "blank_rows", 0)
        self.summary.seconds = time.perf_counter() - self.t0
        with _signals_deferred():  # a signal now would leave a half-written file: it waits until the rename
            self.writer.close(self.summary)
            self.writer = None
            os.replace(self.tmp, self.out)

    def close(self, ok: bool, interrupted: bool) -> None:
        """Release the pool and the reader; keep a valid partial ``.part`` only on interrupt.

        Parameters
        ----------
        ok : bool
            The run finished and the output is in place.
        interrupted : bool
            The run was stopped by KeyboardInterrupt: the rows done so far are closed
            into a valid file and renamed to ``<output>.part``. Otherwise (an error, a
            SIGTERM) this run's temporary file is removed.
        """
        with _signals_deferred():
            if self.pool is not None:
                self.pool.close(cancel=not ok)
            self.reader.close()
            if self.writer is not None:
                kept = False
                try:
                    if interrupted:
                        self.writer.close()  # a valid partial file (CSV flushed, Parquet footer, xlsx saved)
                        os.replace(self.tmp, self.part)
                        kept = True
                    else:
                        _close_quietly(self.writer)
                except Exception:  # noqa: BLE001 - already failing: no partial file rather than a broken one
                    pass
                self.writer = None
                if not kept:
                    _unlink(self.tmp)
            if not ok:
                _unlink(self.tmp)


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass


def _close_quietly(writer: Any) -> None:
    """Release a writer's file handle without finishing the file (it is removed next)."""
    fh = getattr(writer, "_fh", None)
    if fh is not None:
        fh.close()
        return
    pw = getattr(writer, "_writer", None)
    if pw is not None:
        pw.close()


# ---------------------------------------------------------------------------------------------------------------
# temporary files and signals
def temp_path(out: Path) -> Path:
    """This run's temporary output file: hidden, in the output's folder (so the final
    ``os.replace`` is atomic), unique per process and run."""
    return out.with_name(f".{out.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def remove_stale_temps(out: Path) -> list[Path]:
    """Remove temporary files of earlier runs with the same output whose process is gone
    (a run ended by SIGKILL or a power cut cannot remove its own). Files of runs still
    going are left alone.

    Returns
    -------
    list of Path
        The files removed.
    """
    pat = re.compile(r"^\." + re.escape(out.name) + r"\.(\d+)-[0-9a-f]+\.part$")
    removed = []
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return removed
    for p in entries:
        m = pat.match(p.name)
        if m and int(m.group(1)) != os.getpid() and not _process_alive(int(m.group(1))):
            _unlink(p)
            removed.append(p)
    return removed


class _Terminated(BaseException):
    """SIGTERM/SIGHUP arrived during a run (raised by the handler, re-delivered after the clean-up)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


#: Signals that end a run cleanly (temporary file removed, workers ended) and are then delivered again.
_STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def _stop_signals_handled():
    """Turn SIGTERM/SIGHUP into :class:`_Terminated` while the block runs — only in the main
    thread and only where the default action (end the process) is set, so a caller's own
    handler is never replaced. Yields a list that holds the signal number once one came."""
    got: list[int] = []
    old = {}
    if _in_main_thread():
        def handler(signum, frame):
            got.append(signum)
            raise _Terminated(signum)
        handler._heatcalc = True

        for sig in _STOP_SIGNALS:
            try:
                if signal.getsignal(sig) is signal.SIG_DFL:
                    old[sig] = signal.signal(sig, handler)
            except (ValueError, OSError):  # pragma: no cover
                pass
    try:
        yield got
    finally:
        for sig, h in old.items():
            signal.signal(sig, h)


@contextmanager
def _signals_deferred():
    """Hold SIGINT/SIGTERM/SIGHUP back while a file is closed and renamed: in the main
    thread, their handlers are swapped for one that notes the signal, and a noted signal
    is raised again, through the restored handler, when the block ends.

    (Blocking the signals with ``pthread_sigmask`` would not do: the pool's threads do
    not block them, and Python runs the handler in the main thread anyway.)
    """
    noted: list[int] = []
    old = {}
    if _in_main_thread():
        for sig in (signal.SIGINT, *_STOP_SIGNALS):
            try:
                h = signal.getsignal(sig)
                if h is signal.default_int_handler or (callable(h) and getattr(h, "_heatcalc", False)):
                    old[sig] = signal.signal(sig, lambda signum, frame: noted.append(signum))
            except (ValueError, OSError):  # pragma: no cover
                pass
    try:
        yield
    finally:
        for sig, h in old.items():
            signal.signal(sig, h)
        for sig in dict.fromkeys(noted):
            signal.raise_signal(sig)


def run_batch(input_path: str | os.PathLike, output_path: str | os.PathLike, *, workers: int | None = None,
              engine: str = "local", scheduler: str | None = None, chunk_rows: int = DEFAULT_CHUNK_ROWS,
              progress: ProgressCallback | None = None, sep: str | None = None, decimal: str | None = None,
              evaluator: Callable[[dict], list[dict]] | None = None, mp_context: str | None = None,
              cluster_kwargs: dict | None = None, lang: str | None = None) -> BatchSummary:
    """Evaluate every row of a case table and write the result rows.

    Parameters
    ----------
    input_path : path-like
        CSV, .xlsx or Parquet file with the case schema as columns.
    output_path : path-like
        ``.csv``, ``.xlsx`` or ``.parquet``; written through ``<name>.part``.
    workers : int, optional
        Worker processes (default: the usable cores, or this process alone for an input of at most
        :data:`SMALL_INPUT_ROWS` rows). ``1`` evaluates in this process (local engine).
    engine : {"local", "dask"}
        Local process pool, or a Dask cluster.
    scheduler : str, optional
        Dask scheduler address (``tcp://host:8786``); without it the Dask engine
        starts a LocalCluster on 127.0.0.1 with ``workers`` single-threaded workers.
    chunk_rows : int
        Input rows per unit of work.
    progress : callable, optional
        Called as ``progress(rows_done, rows_total_estimate)`` after each chunk.
    sep, decimal : str, optional
        CSV output separator and decimal mark (default: as the input).
    evaluator : callable, optional
        ``record -> list of row dicts`` instead of
        :func:`heatcalc.evaluation.annual.evaluate_record` (must be picklable for a pool).
    mp_context : str, optional
        Start method of the local pool (default ``forkserver`` where available).
    cluster_kwargs : dict, optional
        Extra arguments of the Dask LocalCluster.
    lang : {"en", "nl"}, optional
        Write ``message`` and ``warnings`` in this language and add the columns ``message_code`` and
        ``warning_codes`` (:mod:`heatcalc.batch.localise`); default: English texts, no code columns.

    Returns
    -------
    BatchSummary

    Raises
    ------
    InputError
        If the input cannot be read at all (missing, empty, not a table, not
        UTF-8, no case columns), the output path is invalid, or the options are;
        nothing is left behind then.
    KeyboardInterrupt
        Passed on; the rows done so far are in ``<output>.part`` (a valid file).

    Notes
    -----
    Called in the main thread with the default SIGTERM/SIGHUP action, a SIGTERM ends
    the run cleanly (workers ended, temporary file removed) and is then delivered
    again, so the process still ends by that signal.
    """
    t0 = time.perf_counter()
    inp, out = Path(input_path), Path(output_path)
    out_kind = _check_options(inp, out, engine, workers, chunk_rows, sep, decimal)
    n_workers = int(workers) if workers else default_workers()

    with _stop_signals_handled() as stopped:
        try:
            reader = open_table(inp, chunk_rows)
            summary = BatchSummary(input=str(inp), output=str(out), engine=engine, workers=n_workers)
            if lang is not None:  # messages in the chosen language, their codes in two columns
                from heatcalc.batch.localise import CODE_COLUMNS, LocalisedEvaluator, check_lang

                evaluator = LocalisedEvaluator(check_lang(lang), evaluator)
            run = _Run(inp, out, reader, summary, engine, progress, evaluator, t0)
            run.extra_columns = list(CODE_COLUMNS) if lang is not None else []
            ok = interrupted = False
            try:
                run.open(out_kind, sep, decimal)
                if workers is None and engine == "local" and _small(reader):
                    n_workers = summary.workers = 1  # the same evaluation, without the start-up of a pool
                run.start_pool(n_workers, scheduler, cluster_kwargs, mp_context)
                run.stream(chunk_rows)
                run.finish()
                ok = True
            except KeyboardInterrupt:
                interrupted = True
                raise
            finally:
                run.close(ok, interrupted)
        except _Terminated:
            pass
    if stopped:  # cleaned up: end the way the signal would have ended the process
        signal.signal(stopped[0], signal.SIG_DFL)
        signal.raise_signal(stopped[0])
        time.sleep(1.0)  # pragma: no cover - the signal ends the process
        raise SystemExit(128 + stopped[0])  # pragma: no cover
    summary.seconds = time.perf_counter() - t0
    return summary


# ---------------------------------------------------------------------------------------------------------------
# template
#: Example rows of the template (values as a user would type them; see data/examples/README.md).
TEMPLATE_EXAMPLES = [
    {"case_id": "example-dairy-hot-water", "process": "heat", "heat_demand_kW": 2500, "operating_hours_per_yr": 6000,
     "sink_medium": "water", "T_sink_in_C": 60, "T_sink_out_C": 90, "source_medium": "water", "T_source_in_C": 35,
     "options": "all"},
    {"case_id": "example-lime-kiln", "process": "lime_kiln", "production_t_per_yr": 30000, "baseline": "gas_kiln",
     "options": "all"},
]


def template_columns() -> list[str]:
    """Columns of the batch template: every case field, in contract order."""
    return case_fields()


def write_template(path: str | os.PathLike) -> Path:
    """Write an input template: the case fields as columns and two example rows.

    ``.xlsx`` templates get a second sheet ``fields`` with each field's unit,
    default and valid range.

    Raises
    ------
    InputError
        If the suffix is not .csv/.xlsx/.parquet or the file cannot be written.
    """
    p = Path(path)
    kind = _output_kind(p)
    cols = template_columns()
    rows = [[ex.get(c, "") for c in cols] for ex in TEMPLATE_EXAMPLES]
    try:
        if kind == "csv":
            with open(p, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(cols)
                w.writerows(rows)
        elif kind == "xlsx":
            import openpyxl

            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "cases"
            ws.append(cols)
            for r in rows:
                ws.append([None if v == "" else v for v in r])
            info = wb.create_sheet("fields")
            info.append(["field", "unit", "required", "default", "valid"])
            for name, f in Case.model_fields.items():
                meta = field_meta(name)
                default = f.default if not f.is_required() else ""
                if isinstance(default, tuple):
                    default = ";".join(default)
                info.append([name, meta["unit"], "yes" if f.is_required() else "see README",
                             "" if default is None else str(default), meta["valid"]])
            wb.save(p)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({c: [None if r[i] == "" else str(r[i]) for r in rows] for i, c in enumerate(cols)})
            pq.write_table(table, p)
    except OSError as exc:
        raise InputError(f"template {str(p)!r} cannot be written: {exc.strerror or exc}") from None
    return p


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: heatcalc batch INPUT -o OUTPUT")
