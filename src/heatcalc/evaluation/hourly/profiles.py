"""Hourly (or 15-minute) profiles for ``heatcalc hourly``: reading, checking, regularising.

Two formats are read:

* **plain CSV** — a ``timestamp`` column and any of the profile columns
  :data:`PROFILE_COLUMNS` (``heat_demand_kW``, ``T_source_in_C``, ``T_sink_out_C``,
  ``price_el_EUR_per_MWh``, ``grid_capacity_kW``, the optional hourly grid CO2
  factor ``ef_grid_kgCO2_per_kWh`` and ``neighbour_load_kW``, the load of a neighbour
  sharing the connection); comma- or semicolon-separated, decimal point or
  decimal comma, UTF-8 with or without BOM, ``#`` lines are comments;
* the **ENTSO-E transparency platform day-ahead price export** (old layout
  ``"MTU (CET/CEST)","Day-ahead Price [EUR/MWh]",...`` with ``dd.mm.yyyy HH:MM``
  ranges, and the 2024+ layout ``"MTU (CET/CEST)","Area","Sequence","Day-ahead Price
  (EUR/MWh)"`` with ``dd/mm/yyyy HH:MM:SS`` ranges, hourly or 15-minute MTUs).

Every profile becomes a :class:`Profiles` object on a regular UTC time grid with a
fixed step of 15, 30 or 60 minutes. What the reader does, and says in
:attr:`Profiles.warnings`:

* **time zones** — timestamps with a UTC offset are converted to UTC. Naive
  timestamps are read as local time of ``tz`` (default ``Europe/Amsterdam``) when
  they show the daylight-saving signature (the spring-forward hour missing, the
  autumn hour twice); naive timestamps that run through a DST change without that
  signature are regular clock time and are taken as UTC. ``tz="UTC"`` forces the
  latter;
* **missing steps and empty cells** are filled by linear interpolation in time (a
  warning names how many and the first one); a gap longer than
  :data:`MAX_GAP_H` hours is an error;
* **duplicated timestamps** (other than the DST autumn hour) are an error naming the
  first one;
* **resolution** — 15- and 30-minute data are kept at their resolution unless a
  resolution is asked for: averaging to hours (:func:`resample`) keeps energy; a
  finer grid repeats each value (a step function).

Values outside their physical or market range are an
:class:`~heatcalc.core.errors.InputError` naming the column, the timestamp, the value,
its unit and the valid range.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message

#: Profile columns: unit and valid range (inclusive) of each.
PROFILE_COLUMNS: dict[str, tuple[str, float, float]] = {
    "heat_demand_kW": ("kW", 0.0, 1e7),
    "T_source_in_C": ("°C", -50.0, 600.0),
    "T_sink_out_C": ("°C", -50.0, 600.0),
    "price_el_EUR_per_MWh": ("€/MWh", -500.0, 5000.0),
    "grid_capacity_kW": ("kW", 0.0, 1e7),
    "ef_grid_kgCO2_per_kWh": ("kg CO2/kWh", 0.0, 2.0),
    "neighbour_load_kW": ("kW", 0.0, 1e7),
    "regional_load_kW": ("kW", 0.0, 1e9),
}

#: What a worst-case withdrawal pattern ranks the steps by (:func:`worst_case_withdrawal`).
WITHDRAWAL_BASES = ("site", "price", "regional")

#: Longest run of missing steps that is filled by interpolation [h].
MAX_GAP_H = 24.0
#: Time steps heatcalc simulates with [min].
ALLOWED_STEPS_MIN = (15, 30, 60)
#: Default time zone of naive timestamps.
DEFAULT_TZ = "Europe/Amsterdam"

_MISSING_TOKENS = {"", "-", "n/a", "na", "nan", "n/e", "null", "none"}


@dataclass
class Profiles:
    """Profiles on a regular UTC time grid.

    Attributes
    ----------
    index : pandas.DatetimeIndex
        Start of each time step, tz-aware UTC, regular with step ``dt_h``.
    dt_h : float
        Length of a time step [h] (1.0, 0.5 or 0.25).
    columns : dict of str to ndarray
        Profile values by column name (see :data:`PROFILE_COLUMNS` for units).
    warnings : list of str
        What the reader filled, converted or ignored.
    source : str
        Where the profiles came from (file name or ``constant``).
    """

    index: pd.DatetimeIndex
    dt_h: float
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    source: str = ""

    def __len__(self) -> int:
        return len(self.index)

    @property
    def hours(self) -> float:
        """Length of the period covered [h]."""
        return len(self.index) * self.dt_h

    def get(self, name: str, default: float | None) -> np.ndarray | None:
        """The column ``name``, or a constant array at ``default`` (``None`` if no default)."""
        if name in self.columns:
            return self.columns[name]
        if default is None:
            return None
        return np.full(len(self.index), float(default))

    def to_frame(self) -> pd.DataFrame:
        """The profiles as a DataFrame with a ``timestamp`` column (UTC, ISO 8601)."""
        df = pd.DataFrame(self.columns, index=self.index)
        df.index.name = "timestamp"
        return df.reset_index()


# ---------------------------------------------------------------------------------------
# constant profiles
def constant_profiles(hours: int = 8760, *, dt_h: float = 1.0, start: str = "2025-01-01T00:00Z") -> Profiles:
    """An empty set of profiles (every column at its case value) over ``hours``.

    Parameters
    ----------
    hours : int
        Length of the period [h].
    dt_h : float
        Time step [h].
    start : str
        First time step (ISO 8601).
    """
    n = int(round(hours / dt_h))
    idx = pd.date_range(pd.Timestamp(start).tz_convert("UTC") if pd.Timestamp(start).tzinfo else
                        pd.Timestamp(start, tz="UTC"), periods=n, freq=pd.Timedelta(hours=dt_h))
    return Profiles(index=idx, dt_h=dt_h, columns={}, source="constant")


# ---------------------------------------------------------------------------------------
# reading files
def _read_text(path) -> str:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(Message("hourly.file_unreadable", f"profiles file {str(p)!r} cannot be read: "
                                 f"{exc.strerror or exc}", file=repr(str(p)), err=str(exc.strerror or exc))) from None
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"profiles file {str(p)!r} is not text (UTF-8 or Windows-1252)")  # pragma: no cover


def _sniff(text: str) -> tuple[str, str]:
    """Separator and decimal mark of a CSV text (first non-comment line)."""
    header = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    if header.count(";") > header.count(","):
        return ";", ","
    if header.count("\t") > header.count(","):
        return "\t", "."
    return ",", "."


def _frame_from_text(text: str, name: str) -> pd.DataFrame:
    sep, _ = _sniff(text)
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, comment="#", dtype=str, keep_default_na=False,
                         skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(Message("hourly.not_csv", f"profiles file {name!r} is not a readable CSV: "
                                 f"{str(exc).strip()}", file=repr(name), err=str(exc).strip())) from None
    df.columns = [str(c).strip() for c in df.columns]
    if df.empty:
        raise InputError(Message("hourly.no_rows", f"profiles file {name!r} has no data rows", file=repr(name)))
    return df


def is_entsoe_export(text: str) -> bool:
    """``True`` when a CSV text looks like an ENTSO-E transparency day-ahead price export."""
    header = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    return "mtu" in header.lower() and "price" in header.lower()


def read_profiles(path, *, tz: str = DEFAULT_TZ, dt_h: float | None = None) -> Profiles:
    """Read a profiles CSV (plain or ENTSO-E export) onto a regular UTC grid.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    tz : str
        Time zone of naive timestamps that follow daylight saving
        (``Europe/Amsterdam``); ``"UTC"`` reads every naive timestamp as UTC.
    dt_h : float, optional
        Resample to this step [h] (1.0, 0.5 or 0.25); default: keep the file's.

    Returns
    -------
    Profiles

    Raises
    ------
    InputError
        If the file cannot be read, has no ``timestamp`` column, holds a value that
        is not a number or outside its valid range, a duplicated timestamp, an
        irregular step, or a gap longer than :data:`MAX_GAP_H`.

    Examples
    --------
    >>> p = read_profiles(io.StringIO("timestamp,price_el_EUR_per_MWh\\n2025-01-01T00:00Z,50\\n"
    ...                               "2025-01-01T01:00Z,40\\n2025-01-01T03:00Z,70\\n"))
    >>> p.columns["price_el_EUR_per_MWh"].tolist(), p.warnings[0][:25]
    ([50.0, 40.0, 55.0, 70.0], '1 missing time step (1 h)')
    """
    if isinstance(path, io.StringIO):
        text, name = path.getvalue(), "<text>"
    else:
        text, name = _read_text(path), str(path)
    if is_entsoe_export(text):
        prof = _entsoe(text, name, tz)
    else:
        prof = _plain(text, name, tz)
    if dt_h is not None and abs(dt_h - prof.dt_h) > 1e-12:
        prof = resample(prof, dt_h)
    return prof


def read_entsoe_prices(path, *, tz: str = DEFAULT_TZ, area: str | None = None, dt_h: float | None = None) -> Profiles:
    """Read an ENTSO-E transparency day-ahead price export.

    Parameters
    ----------
    path : str or Path
        The export (CSV).
    tz : str
        Local time zone of ``MTU (CET/CEST)`` (Central European Time; the
        Netherlands share it).
    area : str, optional
        Bidding zone to keep when the file holds several (``BZN|NL``); default:
        the only one present.
    dt_h : float, optional
        Resample to this step [h].

    Returns
    -------
    Profiles
        With one column ``price_el_EUR_per_MWh``.

    Raises
    ------
    InputError
        If the layout is not recognised or the prices cannot be read.
    """
    text, name = _read_text(path), str(path)
    prof = _entsoe(text, name, tz, area=area)
    if dt_h is not None and abs(dt_h - prof.dt_h) > 1e-12:
        prof = resample(prof, dt_h)
    return prof


def _match_columns(df: pd.DataFrame, name: str) -> tuple[str, dict[str, str], list[str]]:
    lower = {c.lower(): c for c in df.columns}
    ts = lower.get("timestamp")
    if ts is None:
        raise InputError(Message(
            "hourly.no_timestamp", f"profiles file {name!r} has no 'timestamp' column (columns: "
            f"{', '.join(df.columns)}); expected timestamp and any of {', '.join(PROFILE_COLUMNS)}", file=repr(name),
            columns=", ".join(df.columns), known=", ".join(PROFILE_COLUMNS)))
    known = {k.lower(): k for k in PROFILE_COLUMNS}
    cols, ignored = {}, []
    for c in df.columns:
        if c == ts:
            continue
        k = known.get(c.lower())
        if k is None:
            ignored.append(c)
        else:
            cols[k] = c
    if not cols:
        raise InputError(Message("hourly.no_profile_column", f"profiles file {name!r} has none of the profile columns "
                                 f"{', '.join(PROFILE_COLUMNS)} (columns: {', '.join(df.columns)})", file=repr(name),
                                 known=", ".join(PROFILE_COLUMNS), columns=", ".join(df.columns)))
    return ts, cols, ignored


def _to_numbers(values: pd.Series, column: str, decimal: str, name: str, stamps: pd.Series) -> np.ndarray:
    s = values.astype(str).str.strip().str.replace("\u00a0", "", regex=False)
    missing = s.str.lower().isin(_MISSING_TOKENS)
    if decimal == ",":
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    num = pd.to_numeric(s.where(~missing, "nan"), errors="coerce")
    bad = num.isna() & ~missing
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(Message("hourly.not_a_number", f"{column}={values.iloc[i]!r} at timestamp {stamps.iloc[i]} "
                                 f"(file {name!r}, data row {i + 1}) is not a number; valid: {_valid_text(column)}",
                                 column=column, value=repr(values.iloc[i]), stamp=str(stamps.iloc[i]), file=repr(name),
                                 row=i + 1, valid=_valid_text(column)))
    return num.to_numpy(dtype=float)


def _valid_text(column: str) -> str:
    unit, lo, hi = PROFILE_COLUMNS[column]
    return f"{lo:g} to {hi:g} {unit}"


def _plain(text: str, name: str, tz: str) -> Profiles:
    df = _frame_from_text(text, name)
    _, decimal = _sniff(text)
    ts, cols, ignored = _match_columns(df, name)
    stamps_text = df[ts].astype(str).str.strip()
    when = _parse_timestamps(stamps_text, name)
    values = {k: _to_numbers(df[c], k, decimal, name, stamps_text) for k, c in cols.items()}
    warnings = [f"columns ignored (not profile columns): {', '.join(ignored)}"] if ignored else []
    return _regularise(when, values, name, tz, warnings, stamps_text)


def _parse_timestamps(text: pd.Series, name: str) -> pd.Series:
    """Parse timestamps; returns tz-aware UTC (offsets given) or naive values."""
    has_offset = text.str.contains(r"(?:[+-]\d\d:?\d\d|Z|UTC)\s*$", regex=True)
    try:
        if has_offset.all():
            return pd.to_datetime(text.str.replace("UTC", "+00:00", regex=False), utc=True, format="ISO8601")
        if has_offset.any():
            i = int(np.flatnonzero(~has_offset.to_numpy())[0])
            if pd.isna(pd.to_datetime(text.iloc[i], dayfirst=True, errors="coerce")):
                raise _not_a_time(text, i, name)  # not a time at all, so no missing offset either
            raise InputError(Message("hourly.offset_mixed", f"timestamp {text.iloc[i]!r} (file {name!r}, data row "
                                     f"{i + 1}) has no UTC offset while others have one: give all timestamps with "
                                     "an offset or none", stamp=repr(text.iloc[i]), file=repr(name), row=i + 1))
        return pd.to_datetime(text, format="ISO8601")
    except InputError:  # an InputError is a ValueError: the mixed-offset message must not be swallowed below
        raise
    except (ValueError, TypeError):
        pass
    # Not ISO 8601: day-first formats as exported by Dutch spreadsheet tools (31-12-2025 23:00).
    try:
        return pd.to_datetime(text, dayfirst=True, format="mixed")
    except (ValueError, TypeError):
        parsed = pd.to_datetime(text, dayfirst=True, format="mixed", errors="coerce")
        i = int(np.flatnonzero(parsed.isna().to_numpy())[0])
        raise _not_a_time(text, i, name) from None


def _not_a_time(text: pd.Series, i: int, name: str) -> InputError:
    return InputError(Message("hourly.not_a_time", f"timestamp {text.iloc[i]!r} (file {name!r}, data row {i + 1}) "
                              "is not a date and time; use ISO 8601, e.g. 2025-01-01T00:00+01:00 or 2025-01-01 00:00",
                              stamp=repr(text.iloc[i]), file=repr(name), row=i + 1))


# ---------------------------------------------------------------------------------------
# ENTSO-E transparency platform export
_MTU_RE = re.compile(r"^\s*(?P<start>[^-]+?)\s+-\s+(?P<end>.+?)\s*(?:\((?P<zone>CES?T|UTC)\))?\s*$")


def _entsoe(text: str, name: str, tz: str, *, area: str | None = None) -> Profiles:
    df = _frame_from_text(text, name)
    _, decimal = _sniff(text)
    mtu = next((c for c in df.columns if c.lower().startswith("mtu")), None)
    price = next((c for c in df.columns if "price" in c.lower() and "eur" in c.lower()), None)
    if mtu is None or price is None:
        raise InputError(f"file {name!r} is not an ENTSO-E day-ahead price export: need an 'MTU (...)' column and a "
                         f"'Day-ahead Price (EUR/MWh)' column (columns: {', '.join(df.columns)})")
    warnings: list[str] = []
    area_col = next((c for c in df.columns if c.lower() == "area" or c.upper().startswith("BZN|")), None)
    if area_col is not None and area_col.lower() == "area":
        areas = sorted(set(df[area_col].str.strip()) - {""})
        if area is not None:
            df = df[df[area_col].str.strip() == area]
            if df.empty:
                raise InputError(f"area={area!r} not in {name!r}; areas present: {', '.join(areas)}")
        elif len(areas) > 1:
            raise InputError(f"file {name!r} holds several bidding zones ({', '.join(areas)}): pass area=... "
                             "(e.g. BZN|NL)")
    seq = next((c for c in df.columns if c.lower() == "sequence"), None)
    if seq is not None:
        seqs = df[seq].str.strip()
        kinds = sorted(set(seqs) - {""})
        if len(kinds) > 1:
            keep = seqs.isin(["Without Sequence", "Sequence 1"])
            df = df[keep]
            warnings.append(Message("hourly.entsoe_sequences",
                                    f"ENTSO-E export holds several auction sequences ({', '.join(kinds)}): "
                                    "kept 'Sequence 1' (the SDAC day-ahead auction)", sequences=", ".join(kinds)))
    header_zone = "UTC" if "(utc)" in mtu.lower() else ("CET" if "(cet)" in mtu.lower() else "local")
    parts = df[mtu].astype(str).str.extract(_MTU_RE)
    if parts["start"].isna().any():
        i = int(np.flatnonzero(parts["start"].isna().to_numpy())[0])
        raise InputError(f"MTU {df[mtu].iloc[i]!r} (file {name!r}, data row {i + 1}) is not an ENTSO-E time range "
                         "'dd.mm.yyyy HH:MM - dd.mm.yyyy HH:MM' or 'dd/mm/yyyy HH:MM:SS - dd/mm/yyyy HH:MM:SS'")
    start = pd.to_datetime(parts["start"].str.strip(), dayfirst=True, format="mixed", errors="coerce")
    if start.isna().any():
        i = int(np.flatnonzero(start.isna().to_numpy())[0])
        raise InputError(f"MTU start {parts['start'].iloc[i]!r} (file {name!r}) is not a date and time")
    stamps_text = df[mtu].astype(str)
    prices = _to_numbers(df[price], "price_el_EUR_per_MWh", decimal, name, stamps_text)
    if header_zone == "UTC":
        when = start.dt.tz_localize("UTC")
    elif header_zone == "CET":
        when = (start - pd.Timedelta(hours=1)).dt.tz_localize("UTC")
    else:
        zone = parts["zone"].fillna("")
        if (zone != "").any():  # rows marked (CET)/(CEST) at the autumn change: explicit offsets
            offs = np.where(zone == "CEST", 2, np.where(zone == "CET", 1, 0))
            marked = zone != ""
            local = start[~marked]
            rest = _localise(local.reset_index(drop=True), tz, name, stamps_text[~marked.to_numpy()], warnings)
            when = pd.Series(pd.NaT, index=start.index, dtype="datetime64[ns, UTC]")
            when[~marked] = rest.to_numpy()
            when[marked] = (start[marked] - pd.to_timedelta(offs[marked.to_numpy()], unit="h")).dt.tz_localize("UTC")
        else:
            when = start
    prof = _regularise(when, {"price_el_EUR_per_MWh": prices}, name, tz, warnings, stamps_text,
                       drop_nonexistent_empty=True)
    prof.source = f"{Path(name).name} (ENTSO-E day-ahead export)"
    return prof


# ---------------------------------------------------------------------------------------
# regular grid
def _localise(naive: pd.Series, tz: str, name: str, stamps_text: pd.Series, warnings: list[str]) -> pd.Series:
    """Naive local times (in file order) to UTC, with the DST changes handled."""
    naive = naive.reset_index(drop=True)
    try:
        loc = naive.dt.tz_localize(tz, ambiguous="infer", nonexistent="raise")
    except Exception:  # noqa: BLE001 - pandas raises AmbiguousTimeError/NonExistentTimeError/ValueError
        nonexistent, ambiguous = _dst_masks(naive, tz)
        if nonexistent.any():
            i = int(np.flatnonzero(nonexistent)[0])
            raise InputError(f"timestamp {stamps_text.iloc[i]!r} in {name!r} does not exist in {tz} "
                             "(clocks jump forward at that hour)") from None
        if (ambiguous & naive.duplicated(keep=False).to_numpy()).any():
            i = int(np.flatnonzero(ambiguous)[0])
            raise InputError(f"the repeated daylight-saving hour at {stamps_text.iloc[i]!r} in {name!r} is not in "
                             "time order (summer time first, then winter time)") from None
        loc = naive.dt.tz_localize(tz, ambiguous=ambiguous, nonexistent="raise")
        warnings.append(Message("hourly.dst_autumn_once",
                                f"the daylight-saving autumn hour appears once in {name!r}: read as summer time; "
                                "the winter-time hour is filled", name=name))
    return loc.dt.tz_convert("UTC")


def _dst_masks(naive: pd.Series, tz: str) -> tuple[np.ndarray, np.ndarray]:
    """Masks of naive local times that do not exist / are ambiguous in ``tz``."""
    n = len(naive)
    nonexistent = naive.dt.tz_localize(tz, ambiguous=np.ones(n, dtype=bool), nonexistent="NaT").isna().to_numpy()
    ambiguous = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward").isna().to_numpy()
    return nonexistent, ambiguous


def _naive_is_local(naive: pd.Series, tz: str, name: str, stamps_text: pd.Series) -> tuple[bool, str]:
    """Decide whether naive timestamps are local time of ``tz`` (with DST) or a regular clock.

    Returns
    -------
    (bool, str)
        ``True`` for local time, and a note for the warnings (may be empty).
    """
    hourly = pd.Series(pd.date_range(naive.min().floor("h"), naive.max(), freq="h"))
    grid_nonexistent, grid_ambiguous = _dst_masks(hourly, tz)
    nonexistent, ambiguous = _dst_masks(naive, tz)
    dup = naive.duplicated(keep=False).to_numpy()
    if nonexistent.any():
        if (dup & ambiguous).any():
            i = int(np.flatnonzero(dup & ambiguous)[0])
            raise InputError(f"timestamps in {name!r} are neither local time nor a regular clock: the "
                             f"spring-forward hour exists and {stamps_text.iloc[i]!r} is repeated")
        return False, Message("hourly.naive_no_jump",
                              f"naive timestamps in {name!r} run through the daylight-saving change without "
                              "jumping: read as UTC (regular clock)", name=name)
    if (dup & ambiguous).any() or grid_nonexistent.any():
        return True, ""
    if grid_ambiguous.any():
        return False, Message("hourly.naive_no_repeat",
                              f"naive timestamps in {name!r} do not repeat the daylight-saving autumn hour: read as "
                              "UTC (regular clock)", name=name)
    return False, ""


def _regularise(when: pd.Series, values: dict[str, np.ndarray], name: str, tz: str, warnings: list[str],
                stamps_text: pd.Series, *, drop_nonexistent_empty: bool = False) -> Profiles:
    when = pd.Series(when).reset_index(drop=True)
    stamps_text = pd.Series(stamps_text).reset_index(drop=True)
    if when.dt.tz is None:
        if tz.upper() == "UTC":
            local = False
        else:
            if drop_nonexistent_empty:  # exports list the skipped spring hour with an empty value
                bad, _ = _dst_masks(when, tz)
                if bad.any() and all(np.isnan(v[bad]).all() for v in values.values()):
                    keep = ~bad
                    when, stamps_text = when[keep].reset_index(drop=True), stamps_text[keep].reset_index(drop=True)
                    values = {k: v[keep] for k, v in values.items()}
            local, note = _naive_is_local(when, tz, name, stamps_text)
            if note:
                warnings.append(note)
        if local:
            when = _localise(when, tz, name, stamps_text, warnings)
            warnings.append(Message("hourly.local_time",
                                    f"timestamps in {name!r} are local time ({tz}) with daylight-saving changes: "
                                    "converted to UTC", name=name, tz=tz))
        else:
            when = when.dt.tz_localize("UTC")
    else:
        when = when.dt.tz_convert("UTC")
    # order and duplicates
    order = np.argsort(when.to_numpy(), kind="stable")
    when = when.iloc[order].reset_index(drop=True)
    stamps_sorted = stamps_text.iloc[order].reset_index(drop=True)
    values = {k: v[order] for k, v in values.items()}
    if not (order == np.arange(len(order))).all():
        warnings.append(Message("hourly.sorted", f"rows in {name!r} were not in time order: sorted", name=name))
    dup = when.duplicated().to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(Message("hourly.stamp_twice", f"timestamp {stamps_sorted.iloc[i]!r} appears twice in "
                                 f"{name!r} ({when.iloc[i].isoformat()} UTC); each time step must appear once",
                                 stamp=repr(stamps_sorted.iloc[i]), file=repr(name), utc=when.iloc[i].isoformat()))
    if len(when) < 2:
        raise InputError(Message("hourly.too_few_steps", f"profiles file {name!r} has {len(when)} time step; need at "
                                 "least 2 to know the step", file=repr(name), n=len(when)))
    # step: the most common spacing; anything finer or off that grid is an error
    t_s = when.dt.tz_localize(None).to_numpy().astype("datetime64[s]").astype(np.int64)
    diffs_min = np.diff(t_s) / 60.0
    vals, counts = np.unique(diffs_min, return_counts=True)
    step_min = float(vals[np.argmax(counts)])
    if not any(abs(step_min - s) < 1e-9 for s in ALLOWED_STEPS_MIN):
        i = int(np.flatnonzero(np.abs(diffs_min - step_min) < 1e-9)[0])
        steps = ", ".join(f"{s} min" for s in ALLOWED_STEPS_MIN)
        raise InputError(Message("hourly.step_unsupported", f"time step of {step_min:g} min in {name!r} (at "
                                 f"{stamps_sorted.iloc[i + 1]!r}) is not supported; valid steps: {steps}",
                                 step_min=step_min, file=repr(name), stamp=repr(stamps_sorted.iloc[i + 1]),
                                 steps=steps))
    irregular = np.abs(diffs_min / step_min - np.round(diffs_min / step_min)) > 1e-9
    irregular |= diffs_min < step_min - 1e-9
    if irregular.any():
        i = int(np.flatnonzero(irregular)[0])
        raise InputError(Message("hourly.off_grid", f"timestamp {stamps_sorted.iloc[i + 1]!r} in {name!r} is off "
                                 f"the {step_min:g}-min grid ({diffs_min[i]:g} min after the previous one)",
                                 stamp=repr(stamps_sorted.iloc[i + 1]), file=repr(name), step_min=step_min,
                                 after_min=float(diffs_min[i])))
    dt_h = step_min / 60.0
    gaps = np.round(diffs_min / step_min).astype(int) - 1
    if (gaps * dt_h > MAX_GAP_H).any():
        i = int(np.argmax(gaps))
        raise InputError(Message("hourly.gap_too_long", f"{gaps[i] * dt_h:g} h of data missing in {name!r} after "
                                 f"{stamps_sorted.iloc[i]!r}: gaps up to {MAX_GAP_H:g} h are filled by "
                                 "interpolation, longer ones must be filled in the file",
                                 gap_h=float(gaps[i] * dt_h), file=repr(name), stamp=repr(stamps_sorted.iloc[i]),
                                 max_gap_h=MAX_GAP_H))
    grid = pd.date_range(when.iloc[0], when.iloc[-1], freq=pd.Timedelta(minutes=step_min))
    pos = np.round((t_s - t_s[0]) / 60.0 / step_min).astype(int)
    n_missing = int(gaps.sum())
    if n_missing:
        i = int(np.flatnonzero(gaps)[0])
        first = (when.iloc[i] + pd.Timedelta(minutes=step_min)).isoformat()
        steps = Message("hourly.n_steps", f"{n_missing} missing time steps", n=n_missing) if n_missing > 1 else \
            Message("hourly.one_step", "1 missing time step", n=n_missing)
        warnings.append(Message("hourly.steps_missing", f"{steps} ({n_missing * dt_h:g} h) in {name!r}, the first at "
                                f"{first} UTC: filled by linear interpolation", steps=steps, hours=n_missing * dt_h,
                                name=name, first=first))
    cols: dict[str, np.ndarray] = {}
    for k, v in values.items():
        full = np.full(len(grid), np.nan)
        full[pos] = v
        n_empty = int(np.isnan(v).sum())
        if n_empty:
            if n_empty == len(v):
                raise InputError(Message("hourly.column_empty", f"column {k} in {name!r} has no values", column=k,
                                         file=repr(name)))
            i = int(np.flatnonzero(np.isnan(v))[0])
            vals = Message("hourly.n_values", f"{n_empty} empty values", n=n_empty) if n_empty > 1 else \
                Message("hourly.one_value", "1 empty value", n=n_empty)
            warnings.append(Message("hourly.values_empty", f"{vals} of {k} in {name!r}, the first at "
                                    f"{stamps_sorted.iloc[i]!r}: filled by linear interpolation", values=vals,
                                    column=k, name=name, first=stamps_sorted.iloc[i]))
        if np.isnan(full).any():
            ok = ~np.isnan(full)
            x = np.arange(len(full))
            full = np.interp(x, x[ok], full[ok])
        unit, lo, hi = PROFILE_COLUMNS[k]
        bad = (full < lo) | (full > hi)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(Message("hourly.out_of_range", f"{k}={full[i]:g} {unit} at {grid[i].isoformat()} UTC "
                                     f"in {name!r} is out of range: valid is {lo:g} to {hi:g} {unit}", column=k,
                                     value=float(full[i]), unit=unit, utc=grid[i].isoformat(), file=repr(name),
                                     lo=lo, hi=hi))
        cols[k] = full
    return Profiles(index=grid, dt_h=dt_h, columns=cols, warnings=warnings, source=Path(name).name)


# ---------------------------------------------------------------------------------------
# resolution and merging
def resample(prof: Profiles, dt_h: float) -> Profiles:
    """Change the time step of profiles.

    A coarser step averages (energy-preserving for powers, time-weighted for
    temperatures and prices); a finer step repeats each value.

    Parameters
    ----------
    prof : Profiles
    dt_h : float
        New step [h]: 1.0, 0.5 or 0.25.

    Raises
    ------
    InputError
        For a step heatcalc does not simulate with.
    """
    if not any(abs(dt_h * 60 - s) < 1e-9 for s in ALLOWED_STEPS_MIN):
        raise InputError(f"dt_h={dt_h:g} h is not a supported time step; valid: 0.25, 0.5 or 1 h")
    if abs(dt_h - prof.dt_h) < 1e-12:
        return prof
    step = pd.Timedelta(hours=dt_h)
    warnings = list(prof.warnings)
    if dt_h > prof.dt_h:
        df = pd.DataFrame(prof.columns, index=prof.index)
        out = df.resample(step, origin="start_day").mean()
        counts = df.iloc[:, 0].resample(step, origin="start_day").count() if len(df.columns) else None
        k = int(round(dt_h / prof.dt_h))
        if counts is not None and (counts < k).any():
            warnings.append(Message("hourly.partly_covered",
                                    f"{int((counts < k).sum())} time step(s) of {dt_h:g} h are only partly covered "
                                    f"by the {prof.dt_h * 60:g}-min data: averaged over the part present",
                                    steps=int((counts < k).sum()), dt_h=dt_h, from_min=prof.dt_h * 60))
        warnings.append(Message("hourly.averaged", f"{prof.dt_h * 60:g}-min data averaged to {dt_h * 60:g}-min steps",
                                from_min=prof.dt_h * 60, to_min=dt_h * 60))
        return Profiles(index=out.index, dt_h=dt_h, columns={c: out[c].to_numpy() for c in out.columns},
                        warnings=warnings, source=prof.source)
    k = int(round(prof.dt_h / dt_h))
    idx = pd.date_range(prof.index[0], periods=len(prof.index) * k, freq=step)
    warnings.append(Message("hourly.repeated", f"{prof.dt_h * 60:g}-min data repeated on {dt_h * 60:g}-min steps",
                            from_min=prof.dt_h * 60, to_min=dt_h * 60))
    return Profiles(index=idx, dt_h=dt_h, columns={c: np.repeat(v, k) for c, v in prof.columns.items()},
                    warnings=warnings, source=prof.source)


def merge(base: Profiles, other: Profiles, *, override: bool = True) -> Profiles:
    """Combine two sets of profiles over their common period.

    The result has the finer of the two steps (the coarser set repeated) and
    covers the period both cover.

    Parameters
    ----------
    base, other : Profiles
    override : bool
        Columns present in both are taken from ``other`` (``True``) or ``base``.

    Raises
    ------
    InputError
        When the two do not overlap.
    """
    dt_h = min(base.dt_h, other.dt_h)
    a, b = resample(base, dt_h), resample(other, dt_h)
    start, end = max(a.index[0], b.index[0]), min(a.index[-1], b.index[-1])
    if end < start:
        raise InputError(f"profiles {base.source!r} ({a.index[0]:%Y-%m-%d} to {a.index[-1]:%Y-%m-%d}) and "
                         f"{other.source!r} ({b.index[0]:%Y-%m-%d} to {b.index[-1]:%Y-%m-%d}) do not overlap in time")
    ia = (a.index >= start) & (a.index <= end)
    ib = (b.index >= start) & (b.index <= end)
    cols = {k: v[ia] for k, v in a.columns.items()}
    for k, v in b.columns.items():
        if override or k not in cols:
            cols[k] = v[ib]
    warnings = a.warnings + [w for w in b.warnings if w not in a.warnings]
    cut = (len(a.index) - ia.sum()) + (len(b.index) - ib.sum())
    if cut:
        warnings.append(Message("hourly.common_period",
                                f"profiles cut to their common period {start.isoformat()} to {end.isoformat()} UTC",
                                start=start.isoformat(), end=end.isoformat()))
    return Profiles(index=a.index[ia], dt_h=dt_h, columns=cols, warnings=warnings,
                    source=f"{base.source} + {other.source}")


def worst_case_withdrawal(basis: np.ndarray, share: float) -> np.ndarray:
    """Steps in which a non-firm transport right's capacity is withdrawn, in the worst case.

    The operator may withdraw the capacity of a time-bound right in up to ``share`` of the
    hours (1 − its availability, 15 % for ``time_bound``), announced day-ahead. It does so
    when its grid is most loaded; this generator withdraws in the steps with the **highest
    ``basis``** (the regional load, or a proxy: the day-ahead price, or the site's own heat
    demand — the worst case for the site) until ``share`` of the period's hours is reached.
    Equal values are taken in time order. The dispatch sees the whole pattern in advance,
    which is what a day-ahead announcement allows (storage can be charged the day before).

    Parameters
    ----------
    basis : ndarray
        Value per step that ranks the steps (higher: withdrawn first); the steps are of
        equal length, so a share of the steps is that share of the hours.
    share : float
        Share of the period's hours withdrawn [-], 0 to 1.

    Returns
    -------
    ndarray of bool
        ``True`` in the withdrawn steps.
    """
    b = np.asarray(basis, dtype=float)
    if not (np.isfinite(share) and 0.0 <= share <= 1.0):
        raise InputError(f"withdrawal share={share:g} is out of range: valid is 0 to 1 (a share of the hours)")
    n = int(np.floor(share * len(b) + 1e-9))
    mask = np.zeros(len(b), dtype=bool)
    if n > 0:
        order = np.argsort(-np.nan_to_num(b, nan=-np.inf), kind="stable")
        mask[order[:n]] = True
    return mask
