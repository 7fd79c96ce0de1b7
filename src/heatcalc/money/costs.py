"""Investment (CAPEX) curves and O&M of each technology, from ``data/costs.csv``.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from heatcalc.core.datafiles import derived, records, source_text
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.core.messages import Message

# =========================================================================================
# CAPEX curves and O&M
_CURVE_PARAMS = ("capex_ref_EUR_per_kW", "ref_size_kW", "scale_exponent", "installation_factor",
                 "fom_share_per_yr", "vom_EUR_per_MWh")


def cost_curve(technology: str, *, data_dir: str | Path | None = None) -> dict:
    """CAPEX curve and O&M of a technology from ``data/costs.csv``.

    Returns
    -------
    dict
        The parameters of :data:`_CURVE_PARAMS`, plus ``sources``, ``confidence``
        (lowest of the rows: H > M > L > D > U) and ``notes``.

    Raises
    ------
    TariffDataError
        If the technology or one of its parameters is missing.
    """
    # built once per file version and technology; a copy, so that the caller may change it
    return dict(derived("costs.csv", data_dir, ("curve", technology), lambda _: _cost_curve(technology, data_dir)))


def _cost_curve(technology: str, data_dir) -> dict:
    all_rows = records("costs.csv", data_dir)
    sel = [r for r in all_rows if r["technology"] == technology]
    if not sel:
        known = sorted({r["technology"] for r in all_rows})
        raise TariffDataError(f"no cost curve for technology {technology!r} in data/costs.csv "
                              f"(known: {', '.join(known)})")
    rows = {r["parameter"]: r for r in sel}
    missing = [p for p in _CURVE_PARAMS if p not in rows]
    if missing:
        raise TariffDataError(f"data/costs.csv: {technology} lacks {', '.join(missing)}")
    rank = {"H": 0, "M": 1, "L": 2, "D": 3, "U": 4}
    out = {p: float(rows[p]["value"]) for p in _CURVE_PARAMS}
    ids = ";".join(dict.fromkeys(s for p in _CURVE_PARAMS for s in rows[p]["source"].split(";")))
    out["sources"] = source_text(ids, data_dir)
    out["confidence"] = max((rows[p]["confidence"] for p in _CURVE_PARAMS), key=lambda c: rank.get(c, 5))
    out["capex_confidence"] = rows["capex_ref_EUR_per_kW"]["confidence"]
    y = str(rows["capex_ref_EUR_per_kW"].get("year") or "").strip()[:4]
    out["capex_price_year"] = int(y) if y.isdigit() else None
    out["notes"] = rows["capex_ref_EUR_per_kW"]["notes"]
    return out


def escalation(from_year: int | None, to_year: int | None, *, data_dir: str | Path | None = None) -> tuple[float, str]:
    """Price factor from ``from_year`` to ``to_year`` prices with the CBS consumer price index
    (``data/price_index.csv``), and a note. Outside the index's years the factor stops at its
    ends (a note says so); 1 when either year is unknown.

    >>> round(escalation(2019, 2025)[0], 4)  # 1.013 x 1.027 x 1.100 x 1.038 x 1.033 x 1.033
    1.2676
    """
    if from_year is None or to_year is None or from_year == to_year:
        return 1.0, ""
    rows = records("price_index.csv", data_dir)
    change = {int(r["year"]): float(r["value"]) for r in rows if r["index"] == "cbs_cpi"}
    first, last = min(change), max(change)
    a, b = min(max(from_year, first), last), min(max(to_year, first), last)
    f = 1.0
    for y in range(min(a, b) + 1, max(a, b) + 1):
        f *= 1.0 + change[y]
    f = f if b >= a else 1.0 / f
    note = f"CAPEX escalated from {from_year} to {b} prices with the CBS consumer price index (x {f:.3f})"
    if to_year > last:
        note += f"; the index ends in {last}, so {to_year} uses {last} prices"
    if from_year < first:
        note += f"; the index starts in {first}: the curve's {from_year} prices are taken as {first} prices"
    return f, note


def capex_EUR(technology: str, size_kW: float, *, overrides: dict | None = None,
              data_dir: str | Path | None = None, year: int | None = None) -> dict:
    """Investment of one piece of equipment from its cost curve.

    CAPEX = c_ref · S_ref · (S / S_ref)^b · f_inst, specific cost c_ref · (S/S_ref)^(b−1)

    Parameters
    ----------
    technology : str
        Key in ``data/costs.csv`` (``heat_pump``, ``mvr``, ``steam_hp``,
        ``e_boiler``, ``hybrid_boiler``, ``electric_kiln``, ``hybrid_kiln``,
        ``grid_connection``).
    size_kW : float
        Thermal size [kW] (kilns and grid connection: electrical [kW]).
    overrides : dict, optional
        Replace curve parameters (keys of ``data/costs.csv``), or give the total
        ``capex_EUR`` directly.
    year : int, optional
        Escalate the curve from its price year to this year's prices (:func:`escalation`); a
        given ``capex_EUR`` or ``capex_ref_EUR_per_kW`` is taken as in that year's prices.

    Returns
    -------
    dict
        ``capex_EUR``, ``specific_EUR_per_kW``, the curve parameters used,
        ``confidence``, ``sources``, ``notes``.

    Raises
    ------
    InputError
        For a negative size or an unknown override key.
    TariffDataError
        If the technology has no curve.

    References
    ----------
    Danish Energy Agency (2020), Technology Data for Industrial Process Heat
    (S70); scaling exponent: Peters, Timmerhaus and West (2003) (S74).
    """
    if not np.isfinite(size_kW) or size_kW < 0:
        raise InputError(f"size_kW={size_kW} kW for {technology} is out of range: valid is 0 or more kW")
    curve = cost_curve(technology, data_dir=data_dir)
    notes: list[str] = []
    ov = dict(overrides or {})
    bad = [k for k in ov if k not in _CURVE_PARAMS and k != "capex_EUR"]
    if bad:
        raise InputError(f"capex override {bad[0]!r} for {technology} is not known; valid: "
                         f"{', '.join(_CURVE_PARAMS + ('capex_EUR',))}")
    for k in _CURVE_PARAMS:
        if k in ov:
            curve[k] = float(ov[k])
            notes.append(Message("costs.override", f"{technology}: {k}={ov[k]:g} overridden", technology=technology,
                                 key=k, value=float(ov[k])))
    if "capex_EUR" in ov:
        total = float(ov["capex_EUR"])
        notes.append(Message("costs.capex_given", f"{technology}: capex_EUR={total:,.0f} given by the case",
                             technology=technology, capex_EUR=total))
        spec = total / size_kW if size_kW > 0 else math.nan
        return {"capex_EUR": total, "specific_EUR_per_kW": spec, **curve, "override": True, "notes_list": notes}
    if size_kW == 0:
        return {"capex_EUR": 0.0, "specific_EUR_per_kW": math.nan, **curve, "override": bool(ov),
                "notes_list": notes}
    ratio = size_kW / curve["ref_size_kW"]
    spec = curve["capex_ref_EUR_per_kW"] * ratio ** (curve["scale_exponent"] - 1.0) * curve["installation_factor"]
    if year is not None and "capex_ref_EUR_per_kW" not in ov:
        f, note = escalation(curve.get("capex_price_year"), int(year), data_dir=data_dir)
        spec *= f
        if note:
            notes.append(Message("costs.escalated", f"{technology}: {note}", technology=technology, factor=f))
    if not ov and curve["capex_confidence"] in ("U", "D"):
        notes.append(Message("costs.low_confidence", f"CAPEX curve of {technology} has confidence "
                             f"{curve['capex_confidence']} ({curve['notes']}): override it per case",
                             technology=technology, confidence=curve["capex_confidence"], notes=curve["notes"]))
    return {"capex_EUR": spec * size_kW, "specific_EUR_per_kW": spec, **curve, "override": bool(ov),
            "notes_list": notes}


def om_EUR_per_yr(capex: float, fom_share_per_yr: float, heat_MWh_per_yr: float, vom_EUR_per_MWh: float) -> float:
    """Operation and maintenance [EUR/yr] = fixed share × CAPEX + variable × heat."""
    return fom_share_per_yr * capex + vom_EUR_per_MWh * heat_MWh_per_yr


# =========================================================================================
# integration costs on top of a cost curve (docs/methods.md, "Integration costs")
#: Items of ``data/integration_costs.csv``, in the order they are named.
INTEGRATION_ITEMS = ("piping", "electrical", "civil", "engineering")


def integration_shares(technology: str, *, data_dir: str | Path | None = None) -> dict:
    """Integration-cost shares of a technology's curve CAPEX from ``data/integration_costs.csv``.

    Returns
    -------
    dict
        ``{item: share [-]}`` for :data:`INTEGRATION_ITEMS` (0 for an item without a row),
        ``total`` [-], ``confidence`` (lowest of the rows), ``notes`` (of the first row) and
        ``known`` (whether the technology has rows).
    """
    def build(_):
        rows = [r for r in records("integration_costs.csv", data_dir) if r["technology"] == technology]
        rank = {"H": 0, "M": 1, "L": 2, "D": 3, "U": 4}
        out = {item: 0.0 for item in INTEGRATION_ITEMS}
        for r in rows:
            if r["item"] in out:
                out[r["item"]] = float(r["value"])
        out["total"] = float(sum(out[i] for i in INTEGRATION_ITEMS))
        out["confidence"] = max((r["confidence"] for r in rows), key=lambda c: rank.get(c, 5)) if rows else "U"
        out["notes"] = rows[0]["notes"] if rows else ""
        out["known"] = bool(rows)
        return out

    return dict(derived("integration_costs.csv", data_dir, ("integration", technology), build))


def integration_cost(technology: str, curve_capex_EUR: float, *, case_share: float | None = None,
                     quote: bool = False, data_dir: str | Path | None = None) -> tuple[float, Message]:
    """Integration cost [EUR] on top of a curve's CAPEX, and the note that says what was used.

    ``quote=True`` (a supplier's ``capex_<option>_EUR``): 0, the quote replaces everything.
    ``case_share`` (the case's ``integration_cost_share``) replaces the data's shares; else the
    sum of :func:`integration_shares`.

    >>> integration_cost("heat_pump", 1000.0, case_share=0.25)[0]
    250.0
    """
    if quote:
        return 0.0, Message("costs.integration_quote", f"{technology}: no integration cost added: the supplier's "
                            "quote replaces the curve and everything on it", technology=technology)
    if case_share is not None:
        v = float(case_share) * float(curve_capex_EUR)
        return v, Message("costs.integration_case", f"{technology}: integration costs (piping, electrical, civil, "
                          f"engineering) {float(case_share):.0%} of the curve CAPEX = {v:,.0f} EUR "
                          "(integration_cost_share of the case)", technology=technology, share=float(case_share),
                          EUR=v)
    sh = integration_shares(technology, data_dir=data_dir)
    v = sh["total"] * float(curve_capex_EUR)
    if sh["total"] > 0:
        parts = ", ".join(f"{i} {sh[i]:.0%}" for i in INTEGRATION_ITEMS if sh[i] > 0)
        return v, Message("costs.integration_data", f"{technology}: integration costs {parts} of the curve CAPEX = "
                          f"{v:,.0f} EUR (data/integration_costs.csv, confidence {sh['confidence']})",
                          technology=technology, parts=parts, EUR=v, confidence=sh["confidence"])
    return 0.0, Message("costs.integration_none", f"{technology}: no integration cost added on the curve "
                        f"({sh['notes'] or 'no row in data/integration_costs.csv'}); give integration_cost_share "
                        "for piping, electrical, civil works and engineering not in the curve",
                        technology=technology, notes=sh["notes"] or "-")
