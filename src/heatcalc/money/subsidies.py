"""Subsidies and tax schemes: EIA, VEKI and SDE++ amounts from ``data/subsidies.csv``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from heatcalc.core.datafiles import records
from heatcalc.core.errors import InputError, TariffDataError

SUBSIDIES = ("eia", "veki", "sde")


_SCHEME = {"eia": "EIA", "veki": "VEKI", "sde": "SDE++"}


# =========================================================================================
# subsidies
def subsidy_params(*, data_dir: str | Path | None = None) -> dict:
    """Subsidy and tax figures from ``data/subsidies.csv`` as ``{(scheme, quantity): value}``
    plus ``"_sources"``."""
    rows = records("subsidies.csv", data_dir)
    out: dict = {(r["scheme"], r["quantity"]): float(r["value"]) for r in rows}
    out["_sources"] = {(r["scheme"], r["quantity"]): r["source"] for r in rows}
    return out


def _param(p: dict, scheme: str, quantity: str) -> float:
    try:
        return p[(scheme, quantity)]
    except KeyError:
        raise TariffDataError(f"data/subsidies.csv lacks {scheme} {quantity}") from None


def eia_EUR(eligible_EUR, params: dict):
    """EIA benefit [EUR] = deduction share × corporate tax rate × eligible
    investment (0 below the minimum investment). Works on arrays."""
    share = _param(params, "EIA", "deduction_share")
    rate = _param(params, "corporate_tax", "top_rate")
    minimum = _param(params, "EIA", "min_investment")
    e = np.asarray(eligible_EUR, dtype=float)
    out = np.where(e >= minimum, share * rate * e, 0.0)
    return float(out) if out.ndim == 0 else out


def veki_EUR(extra_cost_EUR, params: dict):
    """VEKI grant [EUR] = share × eligible (extra) cost, capped at the maximum grant; 0 when the
    grant would be below the minimum grant. Works on arrays.

    The eligible cost is the investment minus a reference investment (Regeling nationale EZK- en
    LNV-subsidies, art. 4.6.1); the payback condition is checked by the caller
    (:meth:`heatcalc.money.site_bill._Model.veki`).
    """
    share = _param(params, "VEKI", "subsidy_share")
    minimum = _param(params, "VEKI", "min_subsidy")
    maximum = _param(params, "VEKI", "max_subsidy")
    g = np.minimum(share * np.asarray(extra_cost_EUR, dtype=float), maximum)
    out = np.where(g >= minimum, g, 0.0)
    return float(out) if out.ndim == 0 else out


def sde_EUR_per_yr(unprofitable_gap_EUR_per_yr, co2_saved_t_per_yr, params: dict):
    """SDE++ support, simplified [EUR/yr]: the yearly unprofitable gap
    (annualised net investment − OPEX saving), at least 0, at most the maximum
    subsidy intensity × CO2 avoided. Works on arrays."""
    cap = _param(params, "SDE++", "max_subsidy_intensity") * np.maximum(np.asarray(co2_saved_t_per_yr, float), 0.0)
    out = np.clip(np.asarray(unprofitable_gap_EUR_per_yr, dtype=float), 0.0, cap)
    return float(out) if out.ndim == 0 else out


def _switches(subsidies, params: dict) -> dict[str, bool]:
    if subsidies is None:
        return {k: bool(_param(params, _SCHEME[k], "default_on")) for k in SUBSIDIES}
    if isinstance(subsidies, dict):
        bad = [k for k in subsidies if k not in SUBSIDIES]
        out = {k: bool(_param(params, _SCHEME[k], "default_on")) for k in SUBSIDIES}
        out.update({k: bool(v) for k, v in subsidies.items() if k in SUBSIDIES})
    else:
        items = [s.strip().lower() for s in ([subsidies] if isinstance(subsidies, str) else subsidies)]
        items = [s for s in items if s and s != "none"]
        bad = [k for k in items if k not in SUBSIDIES]
        out = {k: k in items for k in SUBSIDIES}
    if bad:
        raise InputError(f"subsidies={bad[0]!r} is not known; choices: {', '.join(SUBSIDIES)} or none")
    return out
