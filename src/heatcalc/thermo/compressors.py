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


@lru_cache(maxsize=1)
def _selection() -> dict[tuple[str, str], float]:
    df = read_csv("compressor_selection.csv")
    return {(str(r["compressor"]), str(r["parameter"])): float(r["value"]) for r in df.to_dict("records")}


def _sel(compressor: str, parameter: str) -> float:
    try:
        return _selection()[(compressor, parameter)]
    except KeyError:
        raise TariffDataError(f"{parameter!r} for compressor {compressor!r} missing in "
                              "data/compressor_selection.csv") from None


def select_compressor(Q_heat_kW: float, pressure_ratio_stage: float, *, fluid: str | None = None
                      ) -> tuple[str, str]:
    """Default compressor type of a closed-cycle heat pump from its size and pressure ratio.

    The rule (a heatcalc convention on the published application ranges of
    ``data/compressor_selection.csv``; docs/machines.md):

    1. heating capacity up to the piston range's top (1,000 kW): ``piston``;
    2. above the screw range's top (10,000 kW) and a pressure ratio per stage within the
       turbo stage limit (3): ``turbo``;
    3. otherwise ``screw`` (the screw range, or a large machine whose pressure ratio per stage
       is above the turbo limit).

    The fluid enters through the pressure ratio its saturation pressures give; it is named in
    the reason only.

    Parameters
    ----------
    Q_heat_kW : float
        Heating capacity of the machine [kW], above 0.
    pressure_ratio_stage : float
        Largest pressure ratio of one compressor stage of the design [-], above 1.
    fluid : str, optional
        Refrigerant (for the reason).

    Returns
    -------
    (str, str)
        Compressor type (``piston``, ``screw`` or ``turbo``) and the reason (one sentence).

    Raises
    ------
    InputError
        A capacity not above 0 or a pressure ratio not above 1.

    Examples
    --------
    >>> select_compressor(7.5, 4.0)[0], select_compressor(3000, 4.0)[0], select_compressor(20000, 2.5)[0]
    ('piston', 'screw', 'turbo')
    """
    Q, pr = float(Q_heat_kW), float(pressure_ratio_stage)
    if not (np.isfinite(Q) and Q > 0):
        raise InputError(f"Q_heat_kW={Q_heat_kW} kW is out of range: valid is above 0 kW")
    if not (np.isfinite(pr) and pr > 1):
        raise InputError(f"pressure_ratio_stage={pressure_ratio_stage} is out of range: valid is above 1")
    piston_max, screw_max = _sel("piston", "capacity_max_kW"), _sel("screw", "capacity_max_kW")
    turbo_pr = _sel("turbo", "pressure_ratio_stage_max")
    of = f" ({fluid})" if fluid else ""
    Q_txt = f"{Q:,.0f}" if Q >= 100 else f"{Q:.3g}"
    if Q <= piston_max:
        return "piston", (f"piston: {Q_txt} kW is within the piston range up to {piston_max:,.0f} kW "
                          f"(data/compressor_selection.csv){of}")
    if Q > screw_max and pr <= turbo_pr:
        return "turbo", (f"turbo: {Q:,.0f} kW is above the screw range (up to {screw_max:,.0f} kW) and the pressure "
                         f"ratio per stage {pr:.2f} is within the turbo stage limit {turbo_pr:g}{of}")
    if Q > screw_max:
        return "screw", (f"screw: {Q:,.0f} kW is above the screw range (up to {screw_max:,.0f} kW) but the pressure "
                         f"ratio per stage {pr:.2f} is above the turbo stage limit {turbo_pr:g}{of}")
    return "screw", (f"screw: {Q:,.0f} kW is within the screw range {piston_max:,.0f}-{screw_max:,.0f} kW "
                     f"(data/compressor_selection.csv){of}")


def stage_pressure_ratio(cycle) -> float:
    """Largest pressure ratio of one compressor stage of a cycle result [-]: the low and high
    stage of a two-stage cycle (``extra``), the parts of a cascade, else condenser over
    evaporator pressure."""
    extra = getattr(cycle, "extra", None) or {}
    stages = [extra[k] for k in ("pressure_ratio_low", "pressure_ratio_high") if k in extra]
    return float(max(stages)) if stages else float(cycle.pressure_ratio)
