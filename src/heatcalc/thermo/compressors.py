"""Compressor types and their part-load figures.

The hourly dispatch needs two things of the machine it runs: the largest heat it can
deliver (its capacity) and the smallest it can deliver without switching off (its
minimum load). The minimum load depends on how the compressor modulates — a screw's
slide valve, a piston's cylinder unloading, a turbo machine's surge limit — and is
read per type from ``data/compressors.csv`` (each figure with its source).

Which type a case gets by default is a heatcalc convention (documented in
``docs/machines.md``): MVR takes the machine the pressure ratio suggests (``fan`` or
``turbo``, :func:`heatcalc.thermo.mvr.mvr`); a closed-cycle heat pump takes ``screw``,
the positive-displacement type of most industrial heat pumps on the market.
"""
from __future__ import annotations

from functools import lru_cache

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError, TariffDataError

#: Compressor types with figures in data/compressors.csv.
COMPRESSOR_TYPES = ("screw", "piston", "turbo", "fan")


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    df = read_csv("compressors.csv")
    return {(str(r["compressor"]), str(r["parameter"])): str(r["value"]) for r in df.to_dict("records")}


def _figure(compressor: str, parameter: str) -> str:
    if compressor not in COMPRESSOR_TYPES:
        raise InputError(f"compressor={compressor!r} is not known; choices: {', '.join(COMPRESSOR_TYPES)}")
    try:
        return _table()[(compressor, parameter)]
    except KeyError:
        raise TariffDataError(f"{parameter!r} for compressor {compressor!r} missing in data/compressors.csv") from None


def min_load(compressor: str) -> float:
    """Minimum part load of a compressor type [-] (share of full-load heat output).

    Parameters
    ----------
    compressor : {"screw", "piston", "turbo", "fan"}

    Returns
    -------
    float
        From ``data/compressors.csv`` (screw 0.10, piston 0.25, turbo and fan 0.30).

    Raises
    ------
    InputError
        For an unknown compressor type.

    Examples
    --------
    >>> min_load("screw")
    0.1
    """
    return float(_figure(compressor, "min_load"))


def modulation(compressor: str) -> str:
    """``continuous`` or ``stepped`` capacity control of a compressor type."""
    return _figure(compressor, "modulation")


def default_compressor(option: str, *, compressor_hint: str | None = None) -> tuple[str, str]:
    """Compressor type heatcalc assumes for an option, and why.

    Parameters
    ----------
    option : str
        ``heat_pump``, ``steam_hp`` or ``mvr``.
    compressor_hint : str, optional
        For MVR: ``fan`` or ``turbo`` from the pressure ratio per stage.

    Returns
    -------
    (str, str)
        Compressor type and the reason (one sentence).
    """
    if option == "mvr":
        kind = compressor_hint if compressor_hint in ("fan", "turbo") else "turbo"
        return kind, (f"MVR {kind}: the pressure ratio per stage sets fan or turbo (data/mvr_limits.csv)")
    return "screw", ("screw compressor assumed for a closed-cycle heat pump (heatcalc convention: the common "
                     "positive-displacement type of industrial heat pumps; set hp_min_load for another machine)")
