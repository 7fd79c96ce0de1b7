"""The stream inventory of a site: hot and cold process streams with constant heat capacity flow.

A stream is hot when its supply temperature is above its target temperature (it must be
cooled), cold when below (it must be heated). Each row gives the heat capacity flow
``CP_kW_per_K`` — or instead the duty ``Q_kW`` or a mass flow ``m_kg_per_s`` with a specific
heat ``cp_kJ_per_kgK``, from which ``CP`` follows. A phase change (condensing vapour,
evaporation) is written as a stream over a small temperature span (e.g. 1 K) with ``CP``
equal to its latent duty per kelvin of that span.

Columns (names are matched without regard to case; ``;`` or ``,`` separated, decimal point
or comma, UTF-8 with or without BOM, lines starting with ``#`` are comments):

============================ ====== ======== =============================================
column                       unit   required valid
============================ ====== ======== =============================================
``name``                     –      yes      text, unique
``T_supply_C``               °C     yes      :data:`T_MIN_C` … :data:`T_MAX_C`
``T_target_C``               °C     yes      as supply, different from it
``CP_kW_per_K``              kW/K   one of   0 < x ≤ :data:`CP_MAX_KW_PER_K`
``Q_kW``                     kW     these    0 < x ≤ :data:`Q_MAX_KW` (CP = Q / |ΔT|)
``m_kg_per_s``,              kg/s,  three    both > 0 (CP = m · cp)
``cp_kJ_per_kgK``            kJ/kgK
``medium``                   –      no       text (informational; ``vapour``/``steam``
                                             mark condensing vapour)
``dT_min_contrib_K``         K      no       0 … :data:`DT_CONTRIB_MAX_K`; default ΔT_min/2
``hours_per_yr``             h/yr   no       0 < x ≤ 8784
``type``                     –      no       ``hot`` or ``cold``: checked against the
                                             temperatures
``notes``, ``description``   –      no       kept as text, not used
============================ ====== ======== =============================================
"""
from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from heatcalc.core.messages import Message
from heatcalc.core.errors import InputError
from heatcalc.core.numbers import parse_number

#: Lowest and highest stream temperature accepted [°C] (process heat from cryogenic to furnace).
T_MIN_C = -200.0
T_MAX_C = 2000.0
#: Largest heat capacity flow of one stream [kW/K].
CP_MAX_KW_PER_K = 1.0e6
#: Largest duty of one stream [kW].
Q_MAX_KW = 1.0e7
#: Largest per-stream ΔT_min contribution [K].
DT_CONTRIB_MAX_K = 100.0
#: Most hours in a (leap) year [h/yr].
HOURS_MAX = 8784.0
#: Most streams in one inventory.
N_STREAMS_MAX = 10_000
#: Relative agreement asked of CP and Q when a row gives both [-].
CP_Q_REL_TOL = 0.01
#: Smallest temperature span of a stream [K] (below it CP is ill-defined).
DT_SPAN_MIN_K = 1e-3

#: Columns the reader knows, in their canonical spelling.
COLUMNS = ("name", "T_supply_C", "T_target_C", "CP_kW_per_K", "Q_kW", "m_kg_per_s", "cp_kJ_per_kgK", "medium",
           "dT_min_contrib_K", "hours_per_yr", "type", "notes", "description")
_CANON = {c.lower(): c for c in COLUMNS}
_NUMERIC = {"T_supply_C": "°C", "T_target_C": "°C", "CP_kW_per_K": "kW/K", "Q_kW": "kW", "m_kg_per_s": "kg/s",
            "cp_kJ_per_kgK": "kJ/kgK", "dT_min_contrib_K": "K", "hours_per_yr": "h/yr"}


@dataclass(frozen=True)
class ProcessStream:
    """One process stream of constant heat capacity flow.

    Attributes
    ----------
    name : str
    T_supply_C, T_target_C : float
        Supply and target temperature [°C].
    CP_kW_per_K : float
        Heat capacity flow rate [kW/K], positive.
    medium : str or None
        Informational (``water``, ``air``, ``milk``, ``vapour`` ...).
    dT_min_contrib_K : float or None
        The stream's own contribution to ΔT_min [K]; ``None``: half the global ΔT_min.
    hours_per_yr : float or None
        Operating hours [h/yr]; ``None``: not given.
    """

    name: str
    T_supply_C: float
    T_target_C: float
    CP_kW_per_K: float
    medium: str | None = None
    dT_min_contrib_K: float | None = None
    hours_per_yr: float | None = None

    @property
    def is_hot(self) -> bool:
        """True when the stream must be cooled (supply above target)."""
        return self.T_supply_C > self.T_target_C

    @property
    def kind(self) -> str:
        """``hot`` or ``cold``."""
        return "hot" if self.is_hot else "cold"

    @property
    def Q_kW(self) -> float:
        """Duty of the stream [kW]: CP · |T_supply − T_target|."""
        return self.CP_kW_per_K * abs(self.T_supply_C - self.T_target_C)

    def to_dict(self) -> dict:
        """The stream with its kind and duty (JSON of ``heatcalc pinch``)."""
        d = asdict(self)
        d.update(kind=self.kind, Q_kW=self.Q_kW)
        return d


#: Why a cell is refused (English texts; the codes ``streams.why_<key>`` carry the Dutch).
_WHY = {"out_of_range": "is out of range", "not_a_number": "is not a number", "not_finite": "is not finite",
        "missing": "is missing", "equals_supply": "equals the supply temperature",
        "contradicts_column": "contradicts another column", "not_known": "is not known",
        "contradicts_temperatures": "contradicts the temperatures", "repeats": "repeats {first}"}


def _at(source: str, label: str, n: int) -> Message:
    """Where a record is: ``<source> row <n>`` (a file's line, a table row) or ``<source> stream <n>``."""
    return Message(f"streams.at_{label}", f"{source} {label} {n}", source=source, n=n)


def _valid(code: str, text: str, **params) -> Message:
    return Message(f"streams.valid_{code}", text, **params)


def _fail(where: str | Message, column: str, value: Any, unit: str, valid: str | Message,
          why: str = "out_of_range", **why_params) -> InputError:
    """The coded error of one cell (``streams.invalid``): where, column, value, unit, why and valid range."""
    u = f" {unit}" if unit and unit != "-" else ""
    why_m = Message(f"streams.why_{why}", _WHY[why].format(**why_params) if why_params else _WHY[why], **why_params)
    return InputError(Message("streams.invalid", f"{where}, column {column}: {column}={value!r}{u} {why_m}; valid is "
                              f"{valid}", where=where, column=column, value=repr(value), unit=u, why=why_m,
                              valid=valid))


def _number(where: str, column: str, raw: Any) -> float | None:
    """A cell as a float; ``None`` for an empty cell."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise _fail(where, column, raw, _NUMERIC[column], _valid("number", "a number"), "not_a_number")
    if isinstance(raw, (int, float)):
        x = float(raw)
    else:
        text = str(raw).strip()
        if text == "":
            return None
        try:
            x = parse_number(text)
        except ValueError:
            raise _fail(where, column, raw, _NUMERIC[column], _valid("number", "a number"), "not_a_number") from None
    if math.isnan(x):
        return None
    if not math.isfinite(x):
        raise _fail(where, column, raw, _NUMERIC[column], _valid("finite", "a finite number"), "not_finite")
    return x


def _in(where: str, column: str, x: float, lo: float, hi: float, *, lo_open: bool = False) -> float:
    unit = _NUMERIC[column]
    ok = (x > lo if lo_open else x >= lo) and x <= hi
    if not ok:
        lo_txt = f"{lo:g} < x" if lo_open else f"{lo:g} ≤ x"
        raise _fail(where, column, x, unit, f"{lo_txt} ≤ {hi:g} {unit}")
    return x


def _stream_from_record(rec: dict, where: str) -> ProcessStream:
    """One validated stream from a record of canonical column names."""
    name = rec.get("name")
    name = "" if name is None or (isinstance(name, float) and math.isnan(name)) else str(name).strip()
    if not name:
        raise _fail(where, "name", rec.get("name"), "", _valid("name", "a non-empty text"), "missing")
    num = {c: _number(where, c, rec.get(c)) for c in _NUMERIC}
    for c in ("T_supply_C", "T_target_C"):
        if num[c] is None:
            raise _fail(where, c, rec.get(c), "°C", f"{T_MIN_C:g} ≤ x ≤ {T_MAX_C:g} °C", "missing")
        _in(where, c, num[c], T_MIN_C, T_MAX_C)
    Ts, Tt = num["T_supply_C"], num["T_target_C"]
    span = abs(Ts - Tt)
    if span < DT_SPAN_MIN_K:
        raise _fail(where, "T_target_C", Tt, "°C",
                    _valid("span", f"different from T_supply_C={Ts:g} °C (for a phase change give a span of e.g. 1 K "
                           "with CP = latent duty per K)", T_supply_C=Ts), "equals_supply")
    CP, Q, m, cp = num["CP_kW_per_K"], num["Q_kW"], num["m_kg_per_s"], num["cp_kJ_per_kgK"]
    if CP is not None:
        _in(where, "CP_kW_per_K", CP, 0.0, CP_MAX_KW_PER_K, lo_open=True)
    if Q is not None:
        _in(where, "Q_kW", Q, 0.0, Q_MAX_KW, lo_open=True)
    if (m is None) != (cp is None):
        missing = "cp_kJ_per_kgK" if cp is None else "m_kg_per_s"
        other = "m_kg_per_s" if cp is None else "cp_kJ_per_kgK"
        raise _fail(where, missing, None, _NUMERIC[missing], _valid("pair", f"a positive number when {other} is "
                                                                    "given", other=other), "missing")
    if m is not None:
        _in(where, "m_kg_per_s", m, 0.0, 1.0e6, lo_open=True)
        _in(where, "cp_kJ_per_kgK", cp, 0.0, 100.0, lo_open=True)
    given = [(k, v) for k, v in (("CP_kW_per_K", CP), ("Q_kW", None if Q is None else Q / span),
                                  ("m_kg_per_s", None if m is None else m * cp)) if v is not None]
    if not given:
        raise _fail(where, "CP_kW_per_K", rec.get("CP_kW_per_K"), "kW/K",
                    _valid("cp", "a positive number (or Q_kW, or m_kg_per_s with cp_kJ_per_kgK)"), "missing")
    cp_val = given[0][1]
    for k, v in given[1:]:
        if abs(v - cp_val) > CP_Q_REL_TOL * cp_val:
            raise _fail(where, k, rec.get(k), _NUMERIC[k],
                        _valid("consistent", f"consistent with {given[0][0]} (it gives CP = {v:g} kW/K against "
                               f"{cp_val:g} kW/K, more than {CP_Q_REL_TOL:.0%} apart); give one of them",
                               first=given[0][0], CP_kW_per_K=v, CP_first_kW_per_K=cp_val, tol=CP_Q_REL_TOL),
                        "contradicts_column")
    if cp_val > CP_MAX_KW_PER_K:
        raise _fail(where, given[0][0], rec.get(given[0][0]), _NUMERIC[given[0][0]],
                    _valid("cp_max", f"a CP of at most {CP_MAX_KW_PER_K:g} kW/K (it gives {cp_val:g} kW/K)",
                           CP_max_kW_per_K=CP_MAX_KW_PER_K, CP_kW_per_K=cp_val))
    contrib = num["dT_min_contrib_K"]
    if contrib is not None:
        _in(where, "dT_min_contrib_K", contrib, 0.0, DT_CONTRIB_MAX_K)
    hours = num["hours_per_yr"]
    if hours is not None:
        _in(where, "hours_per_yr", hours, 0.0, HOURS_MAX, lo_open=True)
    kind = rec.get("type")
    if kind is not None and str(kind).strip() != "" and not (isinstance(kind, float) and math.isnan(kind)):
        k = str(kind).strip().lower()
        if k not in ("hot", "cold"):
            raise _fail(where, "type", kind, "", _valid("type", "hot or cold"), "not_known")
        actual = "hot" if Ts > Tt else "cold"
        if k != actual:
            raise _fail(where, "type", kind, "", _valid(f"type_{actual}", f"{actual} (T_supply_C={Ts:g} °C, "
                        f"T_target_C={Tt:g} °C: a hot stream has its supply above its target)", T_supply_C=Ts,
                        T_target_C=Tt), "contradicts_temperatures")
    medium = rec.get("medium")
    medium = None if medium is None or (isinstance(medium, float) and math.isnan(medium)) else str(medium).strip()
    return ProcessStream(name=name, T_supply_C=Ts, T_target_C=Tt, CP_kW_per_K=cp_val, medium=medium or None,
                         dT_min_contrib_K=contrib, hours_per_yr=hours)


def _canonical_keys(keys: Iterable[Any], where: str) -> dict[Any, str]:
    out, seen = {}, {}
    unknown = []
    for k in keys:
        c = _CANON.get(str(k).strip().lower())
        if c is None:
            if str(k).strip() != "":
                unknown.append(str(k))
            continue
        if c in seen:
            raise InputError(Message("streams.column_twice", f"{where}: column {c} appears twice ({seen[c]!r} and "
                                     f"{k!r})", where=where, column=c, first=repr(seen[c]), second=repr(k)))
        seen[c] = k
        out[k] = c
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        raise InputError(Message("streams.columns_unknown", f"{where}: column(s) {names} not known; valid columns "
                                 f"are {', '.join(COLUMNS)}", where=where, columns=names, valid_columns=", ".join(COLUMNS)))
    for need in ("name", "T_supply_C", "T_target_C"):
        if need not in seen:
            raise InputError(Message("streams.column_missing", f"{where}: column {need} is missing; required are "
                                     "name, T_supply_C, T_target_C and CP_kW_per_K (or Q_kW, or m_kg_per_s with "
                                     "cp_kJ_per_kgK)", where=where, column=need))
    if not ({"CP_kW_per_K", "Q_kW"} & set(seen) or {"m_kg_per_s", "cp_kJ_per_kgK"} <= set(seen)):
        raise InputError(Message("streams.cp_column_missing", f"{where}: column CP_kW_per_K is missing (or give "
                                 "Q_kW, or m_kg_per_s with cp_kJ_per_kgK)", where=where))
    return out


def _validate(items: Iterable[tuple[str, Any]], source: str) -> list[ProcessStream]:
    """Streams from (where, record) pairs: one message per first fault, names unique."""
    out: list[ProcessStream] = []
    names: dict[str, str] = {}
    keymap: dict[Any, str] | None = None
    for where, rec in items:
        if not isinstance(rec, dict):
            raise InputError(Message("streams.not_object", f"{where}: expected an object with the columns "
                                     f"{', '.join(COLUMNS[:4])}, got {type(rec).__name__}", where=where,
                                     columns=", ".join(COLUMNS[:4]), got=type(rec).__name__))
        if keymap is None or set(rec) - set(keymap):
            keymap = _canonical_keys(rec.keys(), source)
        if all(v is None or (isinstance(v, str) and v.strip() == "") or (isinstance(v, float) and math.isnan(v))
               for v in rec.values()):
            continue  # an empty row (the app's table keeps one at the end)
        s = _stream_from_record({keymap[k]: v for k, v in rec.items() if k in keymap}, where)
        if s.name in names:
            raise _fail(where, "name", s.name, "", _valid("name_new", "a name not used before"), "repeats",
                        first=names[s.name])
        names[s.name] = where
        out.append(s)
        if len(out) > N_STREAMS_MAX:
            raise InputError(Message("streams.too_many", f"{source}: more than {N_STREAMS_MAX} streams; valid is 1 "
                                     f"to {N_STREAMS_MAX}", source=source, n_max=N_STREAMS_MAX))
    if not out:
        raise InputError(Message("streams.none", f"{source}: no stream given; valid is 1 to {N_STREAMS_MAX} streams",
                                 source=source, n_max=N_STREAMS_MAX))
    return out


def streams_from_records(records: Iterable[dict], source: str = "streams", first_row: int = 1,
                         row_label: str = "row") -> list[ProcessStream]:
    """Validated streams from records (dicts of column → value), e.g. rows of the app's table.

    Parameters
    ----------
    records : iterable of dict
        One dict per stream; keys are column names (any case), values numbers or text;
        ``None``, NaN and empty text mean "not given"; an all-empty record is skipped.
    source : str
        What the records came from, for messages (a file name, ``table``).
    first_row : int
        Number of the first record in messages.
    row_label : str
        Word for a record in messages (``row``, ``stream``).

    Returns
    -------
    list of ProcessStream

    Raises
    ------
    InputError
        A missing or unknown column, a value that is not a number or out of range, duplicate
        names, no stream at all or more than :data:`N_STREAMS_MAX`.

    Examples
    --------
    >>> s = streams_from_records([{"name": "milk", "T_supply_C": 10, "T_target_C": 72, "CP_kW_per_K": 20}])
    >>> s[0].kind, s[0].Q_kW
    ('cold', 1240.0)
    """
    return _validate(((_at(source, row_label, first_row + i), rec) for i, rec in enumerate(records)), source)


def _read_csv_text(text: str, source: str) -> list[ProcessStream]:
    lines = text.splitlines()
    keep = [(n + 1, ln) for n, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")]
    if not keep:
        raise InputError(Message("streams.empty_file", f"{source}: the file holds no header and no stream",
                                 source=source))
    header_line = keep[0][1]
    sep = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(ln for _, ln in keep)), delimiter=sep))
    header = [h.strip() for h in rows[0]]
    _canonical_keys(header, source)
    items = []
    for (lineno, _), cells in zip(keep[1:], rows[1:]):
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            where = _at(source, "row", lineno)
            raise InputError(Message("streams.row_cells", f"{where}: {len(cells)} cells but the header has "
                                     f"{len(header)} columns (separator {sep!r})", where=where, cells=len(cells),
                                     columns=len(header), sep=repr(sep)))
        items.append((_at(source, "row", lineno), {h: (cells[j] if j < len(cells) else None)
                                                 for j, h in enumerate(header)}))
    return _validate(items, source)


def not_utf8(name: str, exc: UnicodeDecodeError, *, file: bool = False) -> Message:
    """The coded error of a stream file (or an upload, ``file=False``) that is not UTF-8 text."""
    pre = f"streams file {name}" if file else name
    return Message("streams.not_utf8_file" if file else "streams.not_utf8",
                   f"{pre}: not UTF-8 text ({exc.reason} at byte {exc.start})", name=name, reason=exc.reason,
                   byte=exc.start)


def read_streams(path: str | Path) -> list[ProcessStream]:
    """The stream inventory of a CSV or JSON file.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` (or ``.txt``) table with the columns of this module, or a ``.json`` file
        holding a list of stream objects or an object with a ``streams`` list.

    Returns
    -------
    list of ProcessStream

    Raises
    ------
    InputError
        The file is missing or unreadable, or a row is invalid (the message names the row —
        the file's line number for CSV, the list position from 1 for JSON — the column, the
        value, its unit and the valid range).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(Message("streams.file_missing", f"streams file {str(path)!r} does not exist or is not a "
                                 "file; give a .csv or .json stream table", path=repr(str(path))))
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(not_utf8(p.name, exc, file=True)) from None
    except OSError as exc:
        raise InputError(Message("streams.unreadable", f"streams file {p.name} cannot be read: {exc.strerror}",
                                 name=p.name, err=str(exc.strerror))) from None
    return read_streams_text(text, p.name)


def read_streams_text(text: str, name: str) -> list[ProcessStream]:
    """The stream inventory of a file's text (an upload): JSON when ``name`` ends in ``.json``, else CSV.

    Raises
    ------
    InputError
        As :func:`read_streams`.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(Message("streams.json_invalid", f"{name}: not valid JSON (line {exc.lineno}, column "
                                     f"{exc.colno}: {exc.msg})", name=name, line=exc.lineno, col=exc.colno,
                                     err=exc.msg)) from None
        if isinstance(data, dict):
            if "streams" not in data:
                raise InputError(Message("streams.json_no_list", f"{name}: a JSON object must hold a 'streams' list "
                                         "(or give the list itself)", name=name))
            data = data["streams"]
        if not isinstance(data, list):
            raise InputError(Message("streams.json_not_list", f"{name}: 'streams' must be a list of stream objects, "
                                     f"got {type(data).__name__}", name=name, got=type(data).__name__))
        return streams_from_records(data, name, 1, "stream")
    if suffix not in (".csv", ".txt", ""):
        raise InputError(Message("streams.extension", f"streams file {name}: extension {suffix!r} not known; valid "
                                 "are .csv, .txt, .json", name=name, suffix=repr(suffix)))
    return _read_csv_text(text, name)
