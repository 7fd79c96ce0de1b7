"""Locating and loading the reference data shipped with heatcalc.

Every number in ``data/`` carries its unit, year (or validity) and source. The loaders
here reject rows without a source, rows whose unit is unknown and source ids that
``data/tariffs/sources.csv`` does not list, so that no unsourced number enters a calculation.

Files of the money data (long format, one number a row, ``#`` lines are comments):

* ``data/tariffs/energy_tax.csv`` — energy-tax bands per carrier and year;
* ``data/tariffs/grid_tariffs.csv`` — network tariffs per operator and voltage level;
* ``data/tariffs/prices.csv`` — default commodity prices, EUA prices, CO2 levy;
* ``data/tariffs/sources.csv`` — the source ids the other files cite;
* ``data/costs.csv`` — CAPEX curves and O&M per technology;
* ``data/subsidies.csv`` — EIA, corporate tax, VEKI, SDE++.
"""
from __future__ import annotations

import csv
import io
import math
import os
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from heatcalc.core.errors import TariffDataError


#: Folder with heatcalc's data files; override with the ``HEATCALC_DATA_DIR``
#: environment variable (useful for an installed, non-editable package).
def _default_data_dir() -> Path:
    """``HEATCALC_DATA_DIR`` if set; else the data shipped inside an installed wheel
    (``heatcalc/data``); else the repository's top-level ``data/`` folder (a source checkout
    or an editable install)."""
    env = os.environ.get("HEATCALC_DATA_DIR")
    if env:
        return Path(env)
    shipped = resources.files("heatcalc").joinpath("data")
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "data"


DATA_DIR = _default_data_dir()


def data_path(*parts: str) -> Path:
    """Return the path of a file inside the data folder.

    Raises
    ------
    TariffDataError
        If the file does not exist.
    """
    p = DATA_DIR.joinpath(*parts)
    if not p.exists():
        raise TariffDataError(f"data file {p} not found (set HEATCALC_DATA_DIR to the data folder)")
    return p


@lru_cache(maxsize=None)
def read_csv(*parts: str, require_source: bool = True) -> pd.DataFrame:
    """Read a data CSV (``#`` lines are comments) and check provenance.

    Parameters
    ----------
    *parts : str
        Path inside the data folder, e.g. ``("tariffs", "energy_tax.csv")``.
    require_source : bool
        Reject the file when a row has an empty ``source`` column.

    Returns
    -------
    pandas.DataFrame
        A copy-safe frame (callers must not modify it in place).

    Raises
    ------
    TariffDataError
        If the file is missing, has no ``source`` column, or a row lacks a source.
    """
    path = data_path(*parts)
    df = pd.read_csv(path, comment="#", skipinitialspace=True)
    if require_source:
        if "source" not in df.columns:
            raise TariffDataError(f"{path.name}: no 'source' column")
        missing = df["source"].isna() | (df["source"].astype(str).str.strip() == "")
        if missing.any():
            rows = (df.index[missing] + 2).tolist()
            raise TariffDataError(f"{path.name}: rows {rows} have no source")
    if "value" in df.columns:  # long format: every number carries its unit and has a year column
        for col in ("unit", "year"):
            if col not in df.columns:
                raise TariffDataError(f"{path.name}: long-format file without a '{col}' column")
        no_unit = df["unit"].isna() | (df["unit"].astype(str).str.strip() == "")
        if no_unit.any():
            raise TariffDataError(f"{path.name}: rows {(df.index[no_unit] + 2).tolist()} have no unit")
    return df


#: Units a money-data row may carry. A row with another unit is rejected.
KNOWN_UNITS = frozenset({
    "EUR", "MEUR", "EUR/yr", "EUR/kWh", "EUR/m3", "EUR/MWh", "EUR/MWh HHV", "EUR/t", "EUR/kW",
    "EUR/kW/yr", "EUR/kW/month", "share", "share/yr", "-", "kW", "yr", "flag", "h/yr",
})


#: Columns every file must have besides ``value``, ``unit`` and ``source``.
REQUIRED_COLUMNS = {
    "tariffs/energy_tax.csv": ("carrier", "band", "band_from", "band_to", "volume_unit", "year", "retrieved",
                               "confidence", "notes"),
    "tariffs/grid_tariffs.csv": ("operator", "voltage_level", "kW_from", "kW_to", "parameter", "year", "retrieved",
                                 "confidence", "notes"),
    "tariffs/prices.csv": ("quantity", "year", "retrieved", "confidence", "notes"),
    "costs.csv": ("technology", "parameter", "year", "retrieved", "confidence", "notes"),
    "subsidies.csv": ("scheme", "quantity", "year", "retrieved", "confidence", "notes"),
    "subsidy_eligibility.csv": ("technology", "scheme", "quantity", "year", "retrieved", "confidence", "notes"),
    "subsidy_stacking.csv": ("scheme_a", "scheme_b", "quantity", "year", "retrieved", "confidence", "notes"),
    "price_index.csv": ("index", "year", "retrieved", "confidence", "notes"),
    "tariffs/transport_rights.csv": ("operator", "transport_right", "parameter", "year", "retrieved", "confidence",
                                     "notes"),
    "tariffs/connection_charges.csv": ("operator", "voltage_level", "kW_from", "kW_to", "parameter", "year",
                                       "retrieved", "confidence", "notes"),
    "tariffs/connection_waits.csv": ("operator", "parameter", "year", "retrieved", "confidence", "notes"),
    "integration_costs.csv": ("technology", "item", "year", "retrieved", "confidence", "notes"),
}


SOURCES_FILE = "tariffs/sources.csv"


# ---------------------------------------------------------------------------------------------------------------
# cache of loaded tables
#
# A loaded table is kept per file path with the file's modification time. Outside a snapshot every look-up
# stats the file (one ``os.stat`` on a ready string, no path building) and reloads it when it changed, so a
# long-lived process (the app) sees an edited file at once. Inside :func:`snapshot` (a batch chunk, a batch run)
# a file is stat-ed on its first look-up only: all rows of the chunk see one version of the data and a look-up
# is a dictionary hit. Values derived from a table (an index by operator, a citation text) live with the table
# and are dropped with it when the file changes.
class _Entry:
    __slots__ = ("path", "mtime", "df", "records", "derived", "epoch")

    def __init__(self, path: str, mtime: int, df: pd.DataFrame):
        self.path, self.mtime, self.df = path, mtime, df
        self.records: list[dict] | None = None
        self.derived: dict = {}
        self.epoch = -1  # snapshot in which the file was last stat-ed


_tables: dict[tuple, _Entry] = {}  # (kind, name, override, DATA_DIR) -> entry of the current file version
_snapshot_depth = 0
_epoch = 0


@contextmanager
def snapshot():
    """Within the block, each data file is checked for changes once (its first look-up); nested blocks share
    the outer one. Used around a batch chunk, so that a look-up costs a dictionary hit and every row of the
    chunk sees one version of the data files."""
    global _snapshot_depth, _epoch
    if _snapshot_depth == 0:
        _epoch += 1
    _snapshot_depth += 1
    try:
        yield
    finally:
        _snapshot_depth -= 1


def _entry(kind: str, name: str, override, loader) -> _Entry:
    """The cache entry of a file, (re)loaded with ``loader(path)`` when new or changed."""
    k = (kind, name, override, DATA_DIR)
    e = _tables.get(k)
    if e is not None and _snapshot_depth and e.epoch == _epoch:
        return e
    if e is None:
        path = str(data_dir(override) / name)
    else:
        path = e.path
    try:
        mtime = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        mtime = -1
    if e is None or e.mtime != mtime:
        e = _Entry(path, mtime, loader(Path(path)))
        _tables[k] = e
    e.epoch = _epoch if _snapshot_depth else -1
    return e


def derived(name: str, data_dir_override, key, build):
    """A value computed from the records of one money-data file, cached with the file's version.

    Parameters
    ----------
    name : str
        File, as in :func:`load_table`.
    data_dir_override : str or Path or None
        As in :func:`load_table`.
    key : hashable
        What the value depends on besides the file (e.g. the operator).
    build : callable
        ``build(records) -> value``; called once per file version and key. An exception is not cached.

    Returns
    -------
    The cached value; callers must not modify it.
    """
    e = _table_entry(name, data_dir_override)
    d = e.derived
    try:
        return d[key]
    except KeyError:
        v = d[key] = build(_entry_records(e))
        return v


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: ``override`` if given, else :data:`heatcalc.core.datafiles.DATA_DIR`
    (read at call time, so tests can monkeypatch it)."""
    return Path(override) if override is not None else Path(DATA_DIR)


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and (line number, row dict) pairs of a CSV with ``#`` comment lines."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TariffDataError(f"data file {path} not found (set HEATCALC_DATA_DIR to the data folder)") from None
    kept = [(i, line) for i, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]
    if not kept:
        raise TariffDataError(f"{path.name}: no header line")
    reader = csv.reader(io.StringIO("\n".join(line for _, line in kept)))
    records = list(reader)
    if len(records) != len(kept):
        raise TariffDataError(f"{path.name}: a quoted field spans lines; keep one row a line")
    header = [h.strip() for h in records[0]]
    rows = []
    for (lineno, _), rec in zip(kept[1:], records[1:]):
        if len(rec) != len(header):
            raise TariffDataError(f"{path.name}, line {lineno}: {len(rec)} fields, the header has {len(header)}")
        rows.append((lineno, {h: v.strip() for h, v in zip(header, rec)}))
    return header, rows


def source_ids(data_dir_override: str | Path | None = None) -> dict[str, dict]:
    """Sources listed in ``data/tariffs/sources.csv``: ``{id: row}``.

    Raises
    ------
    TariffDataError
        If the file is missing, lacks the ``id`` column or has a duplicate id.
    """
    return _entry("sources", SOURCES_FILE, data_dir_override, _load_sources).df


def _load_sources(path: Path) -> dict[str, dict]:
    header, rows = _read_rows(path)
    if "id" not in header or "title_or_citation" not in header:
        raise TariffDataError(f"{path.name}: needs columns 'id' and 'title_or_citation'")
    out: dict[str, dict] = {}
    for lineno, row in rows:
        sid = row["id"]
        if not sid:
            raise TariffDataError(f"{path.name}, line {lineno}: empty source id")
        if sid in out:
            raise TariffDataError(f"{path.name}, line {lineno}: duplicate source id {sid!r}")
        if not row["title_or_citation"]:
            raise TariffDataError(f"{path.name}, line {lineno}: source {sid!r} has no title or citation")
        out[sid] = row
    return out


def load_table(name: str, data_dir_override: str | Path | None = None) -> pd.DataFrame:
    """Load and check one money-data file.

    Parameters
    ----------
    name : str
        Path inside the data folder, one of the keys of :data:`REQUIRED_COLUMNS`
        (``"tariffs/energy_tax.csv"``, ``"costs.csv"`` ...).
    data_dir_override : str or Path, optional
        Another data folder (tests); default :data:`heatcalc.core.datafiles.DATA_DIR`.

    Returns
    -------
    pandas.DataFrame
        One row per data row with ``value`` as float and a ``line`` column (line
        number in the file). Cached per file and modification time; do not modify.

    Raises
    ------
    TariffDataError
        If the file is missing, a required column is missing, or a row has no
        source, a source id not in ``data/tariffs/sources.csv``, a unit not in
        :data:`KNOWN_UNITS` or a value that is not a finite number — naming the
        file, the line and the problem.
    """
    return _table_entry(name, data_dir_override).df


def _table_entry(name: str, data_dir_override) -> _Entry:
    if name not in REQUIRED_COLUMNS:
        raise TariffDataError(f"unknown money-data file {name!r}; known: {', '.join(REQUIRED_COLUMNS)}")
    return _entry("table", name, data_dir_override, lambda path: _load_table(name, path, data_dir_override))


def _entry_records(e: _Entry) -> list[dict]:
    if e.records is None:
        e.records = e.df.to_dict("records")
    return e.records


def _load_table(name: str, path: Path, data_dir_override) -> pd.DataFrame:
    header, rows = _read_rows(path)
    missing = [c for c in ("value", "unit", "source") + REQUIRED_COLUMNS[name] if c not in header]
    if missing:
        raise TariffDataError(f"{path.name}: missing column(s) {', '.join(missing)}")
    known_sources = source_ids(data_dir_override)
    records = []
    for lineno, row in rows:
        where = f"{path.name}, line {lineno}"
        if not row["source"]:
            raise TariffDataError(f"{where}: row has no source (every number needs one)")
        unknown = [s for s in (p.strip() for p in row["source"].split(";")) if s and s not in known_sources]
        if unknown:
            raise TariffDataError(f"{where}: source id(s) {', '.join(unknown)} not listed in {SOURCES_FILE}")
        if row["unit"] not in KNOWN_UNITS:
            raise TariffDataError(f"{where}: unknown unit {row['unit']!r}; known units: {', '.join(sorted(KNOWN_UNITS))}")
        try:
            value = float(row["value"])
        except ValueError:
            raise TariffDataError(f"{where}: value {row['value']!r} is not a number") from None
        if not math.isfinite(value):
            raise TariffDataError(f"{where}: value {row['value']!r} is not finite")
        rec = dict(row)
        rec["value"] = value
        rec["line"] = lineno
        records.append(rec)
    df = pd.DataFrame.from_records(records, columns=header + ["line"]) if records else pd.DataFrame(
        columns=header + ["line"])
    return df


def records(name: str, data_dir_override: str | Path | None = None) -> list[dict]:
    """The rows of :func:`load_table` as a cached list of dicts (fast to filter).

    Same checks and errors as :func:`load_table`; do not modify the dicts.
    """
    return _entry_records(_table_entry(name, data_dir_override))


def clear_cache() -> None:
    """Forget loaded tables (they are also reloaded when a file changes)."""
    _tables.clear()


def number(text: str) -> float | None:
    """A numeric CSV cell, or ``None`` when empty."""
    text = (text or "").strip()
    return float(text) if text else None


def source_text(ids: str, data_dir_override: str | Path | None = None) -> str:
    """Readable citation for a ``;``-separated list of source ids (cached with the sources file)."""
    e = _entry("sources", SOURCES_FILE, data_dir_override, _load_sources)
    try:
        return e.derived[ids]
    except KeyError:
        text = e.derived[ids] = _source_text(ids, e.df)
        return text


def _source_text(ids: str, src: dict) -> str:
    parts = []
    for sid in (s.strip() for s in ids.split(";")):
        if sid in src:
            parts.append(f"{sid}: {src[sid]['title_or_citation']} ({src[sid].get('address_or_note', '')})")
    return "; ".join(parts)
