"""User overlays: a user's own tariff, price, subsidy or factor table overrides the shipped data for one run.

A user table is a CSV in the format of one shipped table (the same columns; ``source``,
``retrieved``, ``confidence`` and ``notes`` may be left out). Its rows replace the shipped rows
with the same key (for energy tax: carrier and year, so a user's 2027 gas table replaces all
2027 gas bands); every other shipped row stays. The merged data are written to a private
folder that becomes heatcalc's data folder for the run, and :class:`Overlay` lists every number
that came from the user, for the output and the report (docs/data.md, "Your own figures").

``heatcalc tariff|evaluate|batch|hourly|report --tariffs FILE`` apply it; in Python::

    ov = apply_overlay(["my_2027_tax.csv"])
    ...                       # every calculation now uses the user's rows
    ov.restore()
"""
from __future__ import annotations

import atexit
import csv
import datetime as _dt
import io
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from heatcalc.core import datafiles
from heatcalc.core.errors import InputError, TariffDataError

#: Source id the user's rows cite (added to the merged ``tariffs/sources.csv``).
USER_SOURCE = "USER"

#: Columns a user may leave out (filled with the user source, today's date, confidence ``user``).
OPTIONAL = ("source", "retrieved", "confidence", "notes")

#: The columns whose values identify the rows a user row replaces, per table. A table not listed
#: replaces by every column except value, unit and the optional ones.
KEYS = {
    "tariffs/energy_tax.csv": ("carrier", "year"),
    "tariffs/grid_tariffs.csv": ("operator", "year"),
    "tariffs/prices.csv": ("quantity", "year"),
    "tariffs/connection_charges.csv": ("operator", "year"),
    "costs.csv": ("technology", "parameter"),
    "subsidies.csv": ("scheme", "quantity", "year"),
    "subsidy_eligibility.csv": ("technology", "scheme", "quantity"),
    "subsidy_stacking.csv": ("scheme_a", "scheme_b", "quantity"),
    "emission_factors.csv": ("quantity",),
}


@dataclass
class Overlay:
    """What a user overlay changed; :meth:`restore` puts the shipped data back."""

    files: list[str] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)   # user file -> shipped table it overrides
    rows: list[dict] = field(default_factory=list)         # every user row (table, key, value, unit, file)
    replaced: int = 0                                      # shipped rows replaced
    folder: str = ""
    _previous: Path | None = None

    def notes(self) -> list[str]:
        """One line per user file: which table, how many rows, which shipped rows they replace."""
        out = []
        for f, t in self.tables.items():
            n = sum(1 for r in self.rows if r["file"] == f)
            keys = sorted({" ".join(str(v) for v in r["key"].values()) for r in self.rows if r["file"] == f})
            out.append(f"user data: {n} row(s) of {Path(f).name} override data/{t} ({', '.join(keys[:8])}"
                       f"{', ...' if len(keys) > 8 else ''})")
        return out

    def to_dict(self) -> dict:
        return {"files": list(self.files), "tables": dict(self.tables), "replaced_rows": self.replaced,
                "rows": [dict(r) for r in self.rows], "notes": self.notes()}

    def restore(self) -> None:
        """Use the shipped data again and remove the merged folder."""
        if self._previous is not None:
            datafiles.DATA_DIR = self._previous
            self._previous = None
            _clear()
        if _ACTIVE[0] is self:
            _ACTIVE[0] = None
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = ""


def _clear() -> None:
    datafiles.clear_cache()
    datafiles.read_csv.cache_clear()


def _tables(base: Path) -> dict[str, list[str]]:
    """Header of every shipped data table: ``{relative path: columns}``."""
    out = {}
    for p in sorted(base.rglob("*.csv")):
        rel = p.relative_to(base).as_posix()
        if rel.startswith(("examples/", "profiles/")) or rel == datafiles.SOURCES_FILE:
            continue
        try:
            header, _ = datafiles._read_rows(p)
        except TariffDataError:
            continue
        if "value" in header:
            out[rel] = header
    return out


def _named(path: Path) -> str | None:
    """The table a user file names in a comment line ``# table: tariffs/energy_tax.csv``, if any."""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        s = line.strip()
        if s.startswith("#") and s[1:].strip().lower().startswith("table:"):
            return s[1:].strip()[6:].strip()
        if s and not s.startswith("#"):
            return None
    return None


def _match(path: Path, header: list[str], tables: dict[str, list[str]]) -> str:
    """The shipped table a user file overrides: the one with its columns; when several tables share
    them, the one its ``# table:`` line or its file name names."""
    have = set(header)
    fits = [rel for rel, cols in tables.items() if set(cols) - set(OPTIONAL) <= have <= set(cols)]
    named = _named(path)
    if named is not None:
        rel = next((r for r in tables if r == named or Path(r).name == named), None)
        if rel is None:
            raise InputError(f"--tariffs {path.name}: '# table: {named}' names no heatcalc table; tables: "
                             + ", ".join(tables))
        if rel not in fits:
            raise InputError(f"--tariffs {path.name}: its columns ({', '.join(header)}) are not those of {rel} "
                             f"({', '.join(tables[rel])})")
        return rel
    if len(fits) == 1:
        return fits[0]
    by_name = [r for r in fits if Path(r).name == path.name]
    if len(by_name) == 1:
        return by_name[0]
    if fits:
        raise InputError(f"--tariffs {path.name}: its columns fit several tables ({', '.join(fits)}); name one in a "
                         "first line '# table: NAME' or give the file that table's name")
    known = "; ".join(f"{rel}: {', '.join(c for c in cols if c not in OPTIONAL)}" for rel, cols in tables.items())
    raise InputError(f"--tariffs {path.name}: its columns ({', '.join(header)}) are not those of a heatcalc table; "
                     f"use the columns of one of: {known}")


def _key(table: str, row: dict, cols: list[str]) -> tuple:
    names = KEYS.get(table) or tuple(c for c in cols if c not in ("value", "unit") + OPTIONAL)
    return tuple((n, row.get(n, "")) for n in names)


def apply_overlay(paths) -> Overlay:
    """Merge user tables into a private copy of the data folder and make it heatcalc's data folder.

    Raises
    ------
    InputError
        When a file cannot be read, matches no shipped table, or a row has an empty or
        non-numeric value (naming the file, line and column).
    """
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths) if str(p)]
    base = Path(datafiles.DATA_DIR)
    tables = _tables(base)
    ov = Overlay(files=[str(p) for p in paths])
    user: dict[str, list[dict]] = {}
    today = _dt.date.today().isoformat()
    for p in paths:
        if not p.is_file():
            raise InputError(f"--tariffs {p}: no such file (a CSV in the format of a heatcalc data table)")
        try:
            header, rows = datafiles._read_rows(p)
        except TariffDataError as exc:
            raise InputError(f"--tariffs {p.name}: {exc}") from None
        table = _match(p, header, tables)
        ov.tables[str(p)] = table
        for lineno, row in rows:
            try:
                value = float(row["value"])
            except ValueError:
                raise InputError(f"--tariffs {p.name}, line {lineno}: value={row['value']!r} is not a number "
                                 f"(unit {row.get('unit', '')!r})") from None
            if value != value or value in (float("inf"), float("-inf")):
                raise InputError(f"--tariffs {p.name}, line {lineno}: value={row['value']!r} is not finite")
            row = dict(row)
            row["source"] = USER_SOURCE
            row.setdefault("retrieved", today)
            row["retrieved"] = row["retrieved"] or today
            row["confidence"] = "user"
            row["notes"] = (f"from the user's file {p.name}" + (f"; {row['notes']}" if row.get("notes") else ""))
            user.setdefault(table, []).append(row)
            ov.rows.append({"file": str(p), "table": table, "key": dict(_key(table, row, tables[table])),
                            "value": value, "unit": row.get("unit", "")})
    folder = Path(tempfile.mkdtemp(prefix="heatcalc-data-"))
    shutil.copytree(base, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("examples", "profiles", "*.md"))
    for sub in ("examples", "profiles"):  # large folders: linked, not copied
        if (base / sub).exists() and not (folder / sub).exists():
            (folder / sub).symlink_to(base / sub, target_is_directory=True)
    for table, urows in user.items():
        cols = tables[table]
        keys = {_key(table, r, cols) for r in urows}
        src = base / table
        text = src.read_text(encoding="utf-8-sig")
        comments = [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]
        _, shipped = datafiles._read_rows(src)
        kept = [r for _, r in shipped if _key(table, r, cols) not in keys]
        ov.replaced += len(shipped) - len(kept)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in kept + urows:
            w.writerow([r.get(c, "") for c in cols])
        (folder / table).write_text("\n".join(comments + [f"# merged with the user's rows ({USER_SOURCE})"])
                                    + "\n" + buf.getvalue(), encoding="utf-8")
    srcs = folder / datafiles.SOURCES_FILE
    names = "; ".join(Path(p).name for p in paths)
    with srcs.open("a", encoding="utf-8") as fh:
        fh.write(f'\n{USER_SOURCE},"user-supplied table(s): {names}",given with --tariffs,{today},'
                 "figures supplied by the user for this run\n")
    text = srcs.read_text(encoding="utf-8").replace("\n\n", "\n")
    srcs.write_text(text, encoding="utf-8")
    ov.folder = str(folder)
    ov._previous = base
    datafiles.DATA_DIR = folder
    _clear()
    _ACTIVE[0] = ov
    atexit.register(shutil.rmtree, str(folder), True)
    return ov


# --------------------------------------------------------------------------------------
# one overlay for one piece of work (the app: each session its own user tables)

#: The overlay whose merged folder is heatcalc's data folder now (None: the shipped data).
_ACTIVE: list = [None]
#: Held while a :func:`using` block swaps the data folder (the app's sessions share one process).
LOCK = threading.RLock()
#: Module caches filled from the data files that are not keyed by the data folder (cleared on a swap).
DERIVED_CACHES = (("heatcalc.money.ets", "_ets_thresholds"), ("heatcalc.options.emissions", "_factors"),
                  ("heatcalc.options.baseline", "_figures"))


def active() -> Overlay | None:
    """The overlay in use (``--tariffs`` on the command line, or inside :func:`using`), or None."""
    return _ACTIVE[0]


def clear_derived() -> None:
    """Forget what was read from the data folder and is not keyed by it (``read_csv`` and the module caches
    built from it; the loaded tables are kept per folder)."""
    import importlib

    datafiles.read_csv.cache_clear()
    for mod, fn in DERIVED_CACHES:
        getattr(importlib.import_module(mod), fn).cache_clear()


def prepare(paths) -> Overlay:
    """Merge user tables like :func:`apply_overlay` without making them the data folder: the
    :class:`Overlay` is used later, for one piece of work at a time, with :func:`using`.

    Raises
    ------
    InputError
        As :func:`apply_overlay`.
    """
    with LOCK:
        before = _ACTIVE[0]
        ov = apply_overlay(paths)
        datafiles.DATA_DIR = ov._previous
        ov._previous = None
        _ACTIVE[0] = before
        clear_derived()
    return ov


@contextmanager
def using(ov: Overlay | None):
    """Within the block the data folder is ``ov``'s merged folder (None: the data as they are); one
    block at a time in the process (:data:`LOCK`), and the folder before is back after it.

    The app evaluates every case of every session inside such a block, so one session's user tables
    never reach another session's evaluation.
    """
    with LOCK:
        if ov is None or not ov.folder:
            yield ov
            return
        before_dir, before = datafiles.DATA_DIR, _ACTIVE[0]
        datafiles.DATA_DIR = Path(ov.folder)
        _ACTIVE[0] = ov
        clear_derived()
        try:
            yield ov
        finally:
            datafiles.DATA_DIR = before_dir
            _ACTIVE[0] = before
            clear_derived()
