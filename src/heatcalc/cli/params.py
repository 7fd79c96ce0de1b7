"""The command line's own names and units, in one place.

Two layers keep every message of the command line in the words the user typed
(docs/cli.md, "Messages"):

* **Validation at the boundary.** :data:`NUMBERS` gives every numeric option of
  every command its unit and valid range; :func:`check_numbers` refuses a value
  that is not finite or out of range *before* the library is called, with the
  option's name, the value in the user's unit and the range. A numeric option that
  is not in the table (a command added later) is still refused when it is not
  finite, with the unit taken from its help text.
* **Translation of what the library says.** The library names its parameters in
  SI (``T_evap_K``, ``p_intermediate_Pa``, ``eta_is``); a cross-option or
  physical error raised inside it is rewritten by :func:`translate` with the
  command's table :data:`LIBRARY_NAMES`: each parameter becomes the option, a
  value in K becomes °C, a value in Pa becomes bar.

:func:`instrument` applies both to every command of the click tree; ``main``
calls it, so each command body stays as thin as before.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from heatcalc.core.errors import HeatCalcError, InputError
from heatcalc.core.units import ZERO_CELSIUS_K, K_to_C, Pa_to_bar


@dataclass(frozen=True)
class Number:
    """Unit and valid range of one numeric option.

    Parameters
    ----------
    unit : str
        Unit the user gives the value in (``°C``, ``K``, ``bar``, ``kW``, ``-``).
    lo, hi : float or None
        Bounds (``None``: none on that side).
    lo_open, hi_open : bool
        Whether the bound itself is invalid.
    integer : bool
        Whole numbers only.
    also : tuple of float
        Values valid outside the range (``--sweep 0`` = off).
    valid : str
        Text of the valid range; default built from the bounds.
    """

    unit: str
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False
    also: tuple = ()
    valid: str = ""

    def ok(self, v: float) -> bool:
        """Whether ``v`` is valid."""
        if not math.isfinite(v):
            return False
        if v in self.also:
            return True
        if self.integer and not float(v).is_integer():
            return False
        if self.lo is not None and (v <= self.lo if self.lo_open else v < self.lo):
            return False
        return not (self.hi is not None and (v >= self.hi if self.hi_open else v > self.hi))

    def range_text(self) -> str:
        """The valid range in words, with the unit (``above 0 and at most 1``, ``0 to 100 K``)."""
        if self.valid:
            return self.valid
        u = "" if self.unit in ("", "-") else f" {self.unit}"
        lo, hi = _num(self.lo), _num(self.hi)
        whole = "a whole number " if self.integer else ""
        if self.lo is None and self.hi is None:
            text = f"{whole or 'a '}finite number{u}".replace("a whole number finite", "a whole")
        elif self.hi is None:
            text = f"{whole}{'above' if self.lo_open else 'from'} {lo}{u}" + ("" if self.lo_open else " up")
        elif self.lo is None:
            text = f"{whole}{'below' if self.hi_open else 'at most'} {hi}{u}"
        elif not (self.lo_open or self.hi_open):
            text = f"{whole}{'from ' if whole else ''}{lo} to {hi}{u}"
        else:
            text = (f"{whole}{'above' if self.lo_open else 'from'} {lo} and "
                    f"{'below' if self.hi_open else 'at most'} {hi}{u}")
        return text.strip()


def _num(x) -> str:
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) >= 1e5:
        return f"{x:,.0f}"
    return f"{x:g}"


# -- the table of every numeric option --------------------------------------------------------------
_ABS0_C = -ZERO_CELSIUS_K
T_C = Number("°C", _ABS0_C, 2000.0, lo_open=True)                 # a temperature the user gives in °C
P_BAR = Number("bar", 0.0, 1000.0, lo_open=True)                  # an absolute pressure in bar
ETA = Number("-", 0.0, 1.0, lo_open=True)                         # an efficiency in (0, 1]
SHARE = Number("-", 0.0, 1.0)                                     # an effectiveness in [0, 1]
DT_100 = Number("K", 0.0, 100.0)                                  # a temperature difference (superheat, ...)
KW_7 = Number("kW", 0.0, 1e7)                                     # a size in kW, as the case's kW fields
STAGES = Number("-", 1, 10, integer=True)                         # heatcalc.thermo.mvr.N_STAGES_MAX

#: command → option → :class:`Number`. The ranges are the library's (heatcalc.thermo.*, the case schema);
#: the temperature and pressure bounds here only keep out what no fluid has (the fluid's own limits come
#: from the model, in °C and bar).
NUMBERS: dict[str, dict[str, Number]] = {
    "cycle": {
        "--t-evap": T_C, "--t-cond": T_C, "--superheat": DT_100, "--subcooling": DT_100, "--eta-is": ETA,
        "--ihx": SHARE, "--eta-motor": ETA, "--eta-is-low": ETA, "--eta-is-high": ETA, "--p-int": P_BAR,
        "--t-cascade": T_C, "--dt-cascade": Number("K", 0.0, 50.0), "--t-gc-out": T_C, "--p-gc": P_BAR,
    },
    "mvr": {
        "--t-suction": T_C, "--p-suction": P_BAR, "--t-discharge": T_C, "--p-discharge": P_BAR, "--eta-is": ETA,
        "--stages": STAGES, "--superheat-in": DT_100, "--t-injection": T_C, "--eta-motor": ETA,
    },
    "steam-hp": {
        "--t-evap": T_C, "--t-steam": T_C, "--t-feed": T_C, "--t-flash": T_C,
        "--dt-flash": Number("K", 0.1, 50.0), "--dt-hx": DT_100, "--superheat": DT_100, "--subcooling": DT_100,
        "--eta-is": ETA, "--ihx": SHARE, "--eta-is-mvr": ETA, "--mvr-stages": STAGES, "--eta-motor": ETA,
    },
    "design": {
        "--t-sink-in": T_C, "--t-sink-out": T_C, "--t-source-in": T_C, "--t-source-out": T_C,
        "--dt-min": Number("K", 0.0, 50.0, lo_open=True), "--eta-is": ETA, "--superheat": DT_100,
        "--subcooling": DT_100, "--heat-kw": Number("kW", 0.0, 1e7, lo_open=True),
    },
    "hourly": {
        "--storage-kWh": Number("kWh", 0.0, 1e9), "--storage-kW": Number("kW", 0.0, 1e9), "--hp-kW": KW_7,
        "--eboiler-kW": KW_7, "--gas-kW": KW_7, "--grid-kW": KW_7, "--shared-kW": KW_7,
        "--withdraw-share": SHARE,
        "--sweep": Number("points", 2, 200, integer=True, also=(0,), valid="0 (off) or a whole number from 2 to 200"),
    },
    "tariff": {
        "--year": Number("-", 1900, 2100, integer=True), "--gas-m3": Number("m³/yr", 0.0, 1e12),
        "--electricity-kWh": Number("kWh/yr", 0.0, 1e12), "--contract-kW": KW_7, "--peak-kW": KW_7,
    },
    "batch": {
        "--workers": Number("-", 1, 1024, integer=True), "--chunk-rows": Number("-", 1, 100_000, integer=True),
    },
}

# -- what the library calls the options --------------------------------------------------------------
#: Conversion of a value the library reports in SI to the option's unit: (SI unit, function).
_TO_USER = {"°C": ("K", K_to_C), "bar": ("Pa", Pa_to_bar)}

_CYCLE = {
    "T_evap": "--t-evap", "T_cond": "--t-cond", "superheat": "--superheat", "subcooling": "--subcooling",
    "eta_is": "--eta-is", "eta_motor": "--eta-motor", "ihx_effectiveness": "--ihx", "ihx": "--ihx",
    "eta_is_low": "--eta-is-low", "eta_is_high": "--eta-is-high", "p_intermediate": "--p-int",
    "optimise_p_intermediate": "--optimise-p-int", "intercooling": "--intercooling", "fluid_low": "--fluid-low",
    "T_cascade": "--t-cascade", "dT_cascade": "--dt-cascade", "T_gc_out": "--t-gc-out", "p_gc": "--p-gc",
    "fluid": "--fluid", "topology": "--topology",
}
#: command → library parameter name (without its unit suffix) → option.
LIBRARY_NAMES: dict[str, dict[str, str]] = {
    "cycle": _CYCLE,
    "mvr": {
        "T_sat_suction": "--t-suction", "p_suction": "--p-suction", "T_sat_discharge": "--t-discharge",
        "p_discharge": "--p-discharge", "eta_is": "--eta-is", "n_stages": "--stages",
        "desuperheat": "--no-desuperheat", "superheat_in": "--superheat-in", "T_injection": "--t-injection",
        "eta_motor": "--eta-motor",
    },
    "steam-hp": {
        "fluid": "--fluid", "T_evap": "--t-evap", "T_steam": "--t-steam", "T_feed": "--t-feed",
        "T_flash": "--t-flash", "dT_flash": "--dt-flash", "dT_hx": "--dt-hx", "superheat": "--superheat",
        "subcooling": "--subcooling", "eta_is": "--eta-is", "ihx_effectiveness": "--ihx",
        "eta_is_mvr": "--eta-is-mvr", "n_mvr_stages": "--mvr-stages", "eta_motor": "--eta-motor",
        # the MVR stage of a steam heat pump compresses flash steam to the steam pressure
        "T_sat_suction": "--t-flash", "T_sat_discharge": "--t-steam", "n_stages": "--mvr-stages",
    },
    "design": {
        "T_sink_in": "--t-sink-in", "T_sink_out": "--t-sink-out", "T_source_in": "--t-source-in",
        "T_source_out": "--t-source-out", "sink_medium": "--sink-medium", "source_medium": "--source-medium",
        "dT_min": "--dt-min", "eta_is": "--eta-is", "superheat": "--superheat", "subcooling": "--subcooling",
        "Q_sink": "--heat-kw", "halogen_free_only": "--halogen-free", "fluid": "--fluid",
    },
    "hourly": {
        "hp_kW": "--hp-kW", "eb_kW": "--eboiler-kW", "gas_kW": "--gas-kW", "shared_kW": "--shared-kW",
        "grid_kW": "--grid-kW", "storage_kind": "--storage-kind", "Q_max_kW": "--storage-kW",
        "capacity_kWh": "--storage-kWh", "time_bound": "--time-bound", "hp_on_price": "--hp-on-price",
        "tz": "--tz", "withdraw": "--withdraw-worst", "withdraw_share": "--withdraw-share",
    },
    "tariff": {
        "gas_m3": "--gas-m3", "electricity_kWh": "--electricity-kWh", "contract_kW": "--contract-kW",
        "peak_kW": "--peak-kW", "operator": "--grid-operator", "time_bound": "--time-bound", "year": "--year",
    },
    "batch": {"chunk_rows": "--chunk-rows", "workers": "--workers", "scheduler": "--scheduler",
              "engine": "--engine"},
}

_SI_SUFFIX = {"K": "K", "Pa": "Pa", "W": "W", "kW": "kW", "kWh": "kWh", "C": "°C", "bar": "bar"}
_NUMBER_RE = r"[-+]?(?:nan|inf|infinity|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"


def _option_units(command: str) -> dict[str, str]:
    return {opt: spec.unit for opt, spec in NUMBERS.get(command, {}).items()}


def _pattern(names) -> re.Pattern:
    # longest names first so that eta_is_low is not read as eta_is
    alts = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])({alts})(?:_(K|Pa|W|kW|kWh|C|bar))?(?!\w)"   # name and its SI suffix
        rf"(?:(=True|=False)|=({_NUMBER_RE})(?![\w.])(?:\s?(K|Pa|bar|°C|kW|W)(?!\w))?|(=))?"
    )


def translate(command: str, message: str) -> str:
    """Rewrite a library message in the command's option names and units.

    ``T_evap=nan K`` becomes ``--t-evap=nan °C``, ``p_intermediate_Pa`` becomes ``--p-int``,
    ``eta_is=7.0`` becomes ``--eta-is=7.0``. A name that is also an English word (``fluid``,
    ``superheat``) is only rewritten where it is followed by ``=``; names the command has no
    option for stay as they are.

    Parameters
    ----------
    command : str
        The sub-command (``cycle``, ``steam-hp``).
    message : str
        The library's message.

    Returns
    -------
    str

    Examples
    --------
    >>> translate("cycle", "T_evap=nan K and T_cond=403.15 K must be finite numbers")
    '--t-evap=nan °C and --t-cond=130 °C must be finite numbers'
    >>> translate("cycle", "give either p_intermediate_Pa or optimise_p_intermediate=True, not both")
    'give either --p-int or --optimise-p-int, not both'
    """
    names = LIBRARY_NAMES.get(command)
    if not names:
        return message
    if "eta_is" in names:  # the thermodynamic symbol some library messages use for the isentropic efficiency
        message = re.sub(r"(?<!\w)η_is(?=[=\s,;)]|$)", "eta_is", message)
    units = _option_units(command)

    def repl(m: re.Match) -> str:
        name, suffix, flag, value, unit, eq = m.groups()
        if "_" not in name and suffix is None and value is None and eq is None and flag is None:
            return m.group(0)  # an English word, not a parameter
        option = names[name]
        if value is None:
            return option + (eq or "")
        user_unit = units.get(option, "")
        given = unit or _SI_SUFFIX.get(suffix or "")
        conv = _TO_USER.get(user_unit)
        if conv and given == conv[0]:
            value, given = f"{conv[1](float(value)):g}", user_unit
        return f"{option}={value}" + (f" {given}" if given else "")

    return _pattern(names).sub(repl, message)


def _unit_from_help(help_text: str | None) -> str:
    m = re.search(r"\[([^\]]+)\]", help_text or "")
    return m.group(1) if m and m.group(1) not in ("-",) else ""


def check_numbers(command: str, params, values: dict) -> None:
    """Refuse every numeric option that is not finite or outside its range.

    Parameters
    ----------
    command : str
        The sub-command path (``cycle``, ``data status``).
    params : list of click parameters
        The command's parameters (their ``name`` is the key in ``values``).
    values : dict
        The parsed values, as the command function receives them.

    Raises
    ------
    InputError
        ``--t-evap=nan °C is out of range: valid is above -273.15 and at most 2000 °C``.
    """
    table = NUMBERS.get(command, {})
    for p in params:
        opts = [o for o in getattr(p, "opts", ()) if o.startswith("--")] or list(getattr(p, "opts", ()))
        if not opts:
            continue
        option = opts[0]
        v = values.get(p.name)
        items = v if isinstance(v, (list, tuple)) else [v]
        for x in items:
            if isinstance(x, bool) or not isinstance(x, (int, float)):
                continue
            spec = table.get(option) or Number(_unit_from_help(getattr(p, "help", "")))
            if not spec.ok(float(x)):
                u = "" if spec.unit in ("", "-") else f" {spec.unit}"
                raise InputError(f"{option}={_shown(x)}{u} is out of range: valid is {spec.range_text()}")


def one_line(message: str) -> str:
    r"""``message`` on one line: every character that is not printable (CR, LF, the record separators and line
    separators that split lines, zero-width and direction marks; spaces of any width stay) is shown as its
    escape, so that an ``error:`` line quoting user text stays one line and shows what was typed.

    >>> one_line("--lang=0\x1e0 is out of range")
    '--lang=0\\x1e0 is out of range'
    """
    import unicodedata

    return "".join(c if c.isprintable() or c == "\t" or unicodedata.category(c) == "Zs"
                   else c.encode("unicode_escape").decode("ascii") for c in str(message))


#: File options that are read (they must name an existing file); the others are written.
INPUT_FILE_OPTIONS = ("--datasheet", "--profiles", "--prices", "--supplier-profile")


def check_paths(params, values: dict) -> None:
    """Refuse a file option or argument given as empty text (which click reads as ``.``, the current folder)
    or naming a folder, with the option's name as typed.

    Raises
    ------
    InputError
        ``--datasheet is empty: give a file``.
    """
    from pathlib import Path

    for p in params:
        v = values.get(p.name)
        if not isinstance(v, Path):
            continue
        opts = [o for o in getattr(p, "opts", ()) if o.startswith("--")]
        name = opts[0] if opts else str(getattr(p, "metavar", None) or p.name).upper()
        if str(v).strip() in ("", "."):
            raise InputError(f"{name} is empty: give the path of a file")
        if v.is_dir():
            raise InputError(f"{name} {str(v)!r} is a folder, not a file: give a file inside it")
        if name in INPUT_FILE_OPTIONS and not v.exists():
            raise InputError(f"{name} {str(v)!r}: no such file")


def _shown(x) -> str:
    if isinstance(x, int):
        return str(x)
    return f"{x:g}" if math.isfinite(x) or math.isnan(x) else ("inf" if x > 0 else "-inf")


def instrument(cmd, path: tuple[str, ...] = ()) -> None:
    """Wrap the callback of every command under ``cmd`` with :func:`check_numbers` before it runs
    and :func:`translate` of any :class:`HeatCalcError` it raises.

    Parameters
    ----------
    cmd : click.Command or click.Group
        The root of the command tree (``typer.main.get_command(app)``).
    path : tuple of str
        Names above ``cmd``.
    """
    subs = getattr(cmd, "commands", None)
    if subs is not None:
        for name, sub in subs.items():
            instrument(sub, path + (name,))
        return
    if not path or cmd.callback is None or getattr(cmd.callback, "_heatcalc_checked", False):
        return
    command = " ".join(path)
    inner = cmd.callback
    params = list(cmd.params)

    @functools.wraps(inner)
    def checked(*args, **kwargs):
        check_numbers(command, params, kwargs)
        check_paths(params, kwargs)
        try:
            return inner(*args, **kwargs)
        except HeatCalcError as exc:
            new = translate(command, str(exc))
            if new == str(exc):
                raise
            raise type(exc)(new) from None

    checked._heatcalc_checked = True
    cmd.callback = checked


__all__ = ["NUMBERS", "LIBRARY_NAMES", "Number", "check_numbers", "instrument", "translate"]
