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

import numpy as np

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


#: Compressor types with a published efficiency curve over the pressure ratio in data/compressors.csv.
ETA_IS_CURVES = ("screw",)


def eta_is_curve(compressor: str, pressure_ratio) -> tuple[np.ndarray | float, list[str]]:
    """Isentropic efficiency of a compressor type as a function of its pressure ratio.

    ``screw``: the mean curve of one maker's compact screw series as published in RWTH Aachen's
    open-source vclibpy (``data/compressors.csv``, confidence L): a cubic in the pressure ratio Π up to
    Π = 5.3, linear above (η 0.64 at Π 2, 0.76 at Π 3.5, 0.68 at Π 5, 0.59 at Π 8). The source does not
    state the pressure-ratio range of its data: the warning says so with every value. Not a default of
    the evaluation (docs/machines.md says why): an opt-in for the cycle designer and a comparison in the
    validation benchmark.

    Parameters
    ----------
    compressor : {"screw"}
    pressure_ratio : float or array_like
        Discharge over suction pressure of one stage [-], above 1.

    Returns
    -------
    (float or ndarray, list of str)
        η_is [-] and warnings.

    Raises
    ------
    InputError
        A type without a curve or a pressure ratio not above 1.

    Examples
    --------
    >>> round(eta_is_curve("screw", 3.5)[0], 3)
    0.765
    """
    if compressor not in ETA_IS_CURVES:
        raise InputError(f"compressor={compressor!r} has no efficiency curve in data/compressors.csv; with a curve: "
                         f"{', '.join(ETA_IS_CURVES)} (others use the constant eta_is)")
    pr = np.asarray(pressure_ratio, dtype=float)
    if not np.all(np.isfinite(pr)) or np.any(pr <= 1.0):
        raise InputError(f"pressure_ratio={pressure_ratio} is out of range: valid is above 1 (discharge over suction)")
    b = [float(_figure(compressor, f"eta_is_b{i}")) for i in range(4)]
    c0, c1 = float(_figure(compressor, "eta_is_c0")), float(_figure(compressor, "eta_is_c1"))
    t = float(_figure(compressor, "eta_is_pr_transition"))
    eta = np.where(pr <= t, b[0] + b[1] * pr + b[2] * pr ** 2 + b[3] * pr ** 3, c0 + c1 * pr)
    warnings = [f"{compressor} efficiency curve: the source states no pressure-ratio range of its data "
                "(confidence L)"]
    if np.any(eta <= 0.0):
        raise InputError(f"pressure_ratio={pressure_ratio}: the {compressor} curve gives no positive efficiency there")
    return (float(eta) if eta.ndim == 0 else eta), warnings


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
