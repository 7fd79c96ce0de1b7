"""What the money data hold, year by year: complete, provisional or missing, with the sources.

``heatcalc data status`` prints it; the app can ask it before a user picks a tariff year.

Status of one table in one year:

* ``complete`` — every figure a calculation of that year needs is in the data (for the energy
  tax: bands from 0 up to an open-ended top band for gas and electricity);
* ``provisional`` — complete, but a figure is only a carried-forward or derived value
  (confidence D or U), or the law behind it is not yet in force;
* ``incomplete`` — some figures are there, but not all (the first missing one is named);
* ``missing`` — nothing for that year.

The grid CO2 factor (``data/emission_factors.csv``, one row per year and kind) is reported per year
too: ``complete`` when the data hold that year's factor, ``provisional`` when an older year's factor
is used (the latest not after the year, as the evaluation does), ``missing`` when there is none.
"""
from __future__ import annotations

from pathlib import Path

from heatcalc.core import datafiles
from heatcalc.core.datafiles import records, source_text
from heatcalc.core.errors import TariffDataError
from heatcalc.money import tariffs

#: Tariff years the status reports on.
YEARS = (2023, 2024, 2025, 2026, 2027)
#: Confidence marks that make a complete year provisional (derived, unverified).
PROVISIONAL_CONFIDENCE = ("D", "U")
#: Parameters of a transport tariff (other rows of grid_tariffs.csv are connection costs or rights).
TARIFF_PARAMETERS = ("kW_contract", "kW_max", "kWh_charge", "fixed_transport", "periodic_connection")
#: Price quantities a year needs, and the fallback the model uses when the year has none.
PRICE_QUANTITIES = {"price_el_day_ahead": None, "price_gas_ttf": None, "eua_price": "eua_price_path",
                    "co2_levy_rate": None}
#: Grid CO2 factor kinds (``grid_<kind>`` rows of data/emission_factors.csv; the case field grid_factor).
GRID_CO2_KINDS = ("average", "average_chain", "marginal")


def _status(present: bool, complete: bool, confidences: set[str], provisional: bool = False) -> str:
    if not present:
        return "missing"
    if not complete:
        return "incomplete"
    if provisional or confidences & set(PROVISIONAL_CONFIDENCE):
        return "provisional"
    return "complete"


def _ids(source: str | None) -> set[str]:
    return {s.strip() for s in str(source or "").split(";") if s.strip()}


def _sources(ids: set[str], data_dir) -> list[str]:
    return [source_text(i, data_dir) for i in sorted(ids)]


def _energy_tax(year: int, data_dir) -> dict:
    parts, conf, ids, missing = [], set(), set(), []
    present = False
    for carrier in ("gas", "electricity"):
        try:
            bands = tariffs.tax_bands(carrier, year, data_dir=data_dir)
        except TariffDataError:
            missing.append(f"{carrier}: no bands")
            continue
        present = True
        conf |= {b.confidence for b in bands}
        for b in bands:
            ids |= _ids(b.source)
        last = bands[-1]
        if last.band_to is not None:
            missing.append(f"{carrier}: bands from {last.band_to:,.0f} {last.unit} upward")
        parts.append(carrier)
    provisional = any("provisional" in (r.get("notes") or "").lower()
                      for r in records("tariffs/energy_tax.csv", data_dir) if r["year"] == str(year))
    return {"status": _status(present, not missing, conf, provisional), "missing": missing,
            "confidence": sorted(conf), "sources": _sources(ids, data_dir)}


def _grid(year: int, data_dir) -> dict:
    out = {}
    for op in tariffs.GRID_OPERATORS:
        if op == "none":
            continue
        tariff_rows = [r for r in records("tariffs/grid_tariffs.csv", data_dir)
                       if r["operator"] == op and r["parameter"] in TARIFF_PARAMETERS]
        rows = [r for r in tariff_rows if r["year"] == str(year)]
        levels = sorted({r["voltage_level"] for r in rows if r["voltage_level"] != "connection"})
        missing = []
        for lv in levels:
            have = {r["parameter"] for r in rows if r["voltage_level"] == lv}
            for need in ("kW_contract", "kW_max"):
                if need not in have:
                    missing.append(f"{lv}: {need}")
        if rows and op == "tennet" and not levels:
            missing.append("per-kW transport charges")
        conf = {r["confidence"] for r in rows}
        ids = set().union(*(_ids(r["source"]) for r in rows))
        years = sorted({int(r["year"]) for r in tariff_rows} - {year}) if not rows else []
        nearest = min(years, key=lambda y: (abs(y - year), -y)) if years else None
        out[op] = {"status": _status(bool(rows), not missing, conf), "levels": levels, "missing": missing,
                   "nearest_year_used": nearest, "confidence": sorted(conf), "sources": _sources(ids, data_dir)}
    return out


def _prices(year: int, data_dir) -> dict:
    rows = records("tariffs/prices.csv", data_dir)
    out = {}
    for q, fallback in PRICE_QUANTITIES.items():
        sel = [r for r in rows if r["quantity"] == q and r["year"] == str(year)]
        used = q
        if not sel and fallback:
            sel = [r for r in rows if r["quantity"] == fallback and r["year"] == str(year)]
            used = fallback
        conf = {r["confidence"] for r in sel}
        ids = set().union(*(_ids(r["source"]) for r in sel))
        out[q] = {"status": _status(bool(sel), True, conf, provisional=used != q), "quantity_used": used,
                  "value": sel[0]["value"] if sel else None, "unit": sel[0]["unit"] if sel else None,
                  "confidence": sorted(conf), "sources": _sources(ids, data_dir)}
    return out


def _grid_co2(year: int, data_dir) -> dict:
    """Per grid-factor kind: the factor the evaluation uses for ``year`` (latest year not after it)."""
    path = Path(data_dir or datafiles.DATA_DIR) / "emission_factors.csv"
    _, rows = datafiles._read_rows(path)
    out = {}
    for kind in GRID_CO2_KINDS:
        have = []
        for _, r in rows:
            y = str(r.get("year") or "").strip()[:4]
            if r.get("quantity") == f"grid_{kind}" and y.isdigit():
                have.append((int(y), r))
        have.sort(key=lambda t: t[0])
        before = [t for t in have if t[0] <= year]
        used = before[-1] if before else (have[0] if have else None)
        if used is None:
            out[kind] = {"status": "missing", "year_used": None, "value": None, "unit": None, "confidence": [],
                         "sources": []}
            continue
        y, r = used
        out[kind] = {"status": "complete" if y == year else "provisional", "year_used": y,
                     "value": float(r["value"]), "unit": r.get("unit"), "years_in_data": [t[0] for t in have],
                     "confidence": [r.get("confidence") or ""], "sources": [r.get("source") or ""]}
    return out


def default_tariff_year(*, data_dir: str | Path | None = None) -> int | None:
    """The latest tariff year whose data compute (:func:`data_status`): what ``tariff_year`` defaults to."""
    return data_status(data_dir=data_dir)["latest_complete_year"]


def data_status(years=YEARS, *, data_dir: str | Path | None = None) -> dict:
    """Per tariff year and table: complete, provisional, incomplete or missing, with sources.

    Returns
    -------
    dict
        ``years``: ``{year: {"energy_tax": {...}, "grid_tariffs": {operator: {...}}, "prices":
        {quantity: {...}}, "grid_co2": {kind: {...}}, "computes": bool}}`` and ``latest_complete_year``
        (the latest year whose energy tax is complete and whose prices are there; the grid CO2 factor
        does not decide it: an older year's factor is used, with a note). Each entry has ``status``,
        ``confidence`` (marks present) and ``sources`` (titles), and where it applies ``missing``.
    """
    out = {}
    for y in years:
        et = _energy_tax(y, data_dir)
        pr = _prices(y, data_dir)
        computes = et["status"] in ("complete", "provisional") and all(
            v["status"] != "missing" for v in pr.values())
        out[y] = {"energy_tax": et, "grid_tariffs": _grid(y, data_dir), "prices": pr,
                  "grid_co2": _grid_co2(y, data_dir), "computes": computes}
    latest = max((y for y, v in out.items() if v["computes"]), default=None)
    return {"years": out, "latest_complete_year": latest}


def format_status(d: dict) -> str:
    """Readable text of :func:`data_status`."""
    lines = [f"latest tariff year that computes: {d['latest_complete_year']}"]
    for y, v in d["years"].items():
        lines.append("")
        lines.append(f"{y}: {'computes' if v['computes'] else 'does not compute'}")
        et = v["energy_tax"]
        lines.append(f"  energy tax         {et['status']}" + (f" — missing {'; '.join(et['missing'])}"
                                                              if et["missing"] else ""))
        for op, g in v["grid_tariffs"].items():
            extra = f" — missing {'; '.join(g['missing'])}" if g["missing"] else ""
            if g["status"] == "missing":
                extra = (f" — the {g['nearest_year_used']} tariffs are used (nearest year with data)"
                         if g["nearest_year_used"] else " — no tariffs in the data: network cost cannot be computed")
            lines.append(f"  grid {op:<13} {g['status']}{extra}")
        for q, p in v["prices"].items():
            val = f" {p['value']:g} {p['unit']}" if p["value"] is not None else ""
            via = f" (from {p['quantity_used']})" if p["quantity_used"] != q else ""
            lines.append(f"  {q:<18} {p['status']}{val}{via} [confidence {', '.join(p['confidence']) or '–'}]")
        for kind, g in v.get("grid_co2", {}).items():
            if g["status"] == "missing":
                lines.append(f"  grid CO2 {kind:<9} missing")
                continue
            older = f" (the {g['year_used']} factor: none for {y} in the data)" if g["year_used"] != y else ""
            lines.append(f"  grid CO2 {kind:<9} {g['status']} {g['value']:g} {g['unit']}{older} "
                         f"[confidence {', '.join(g['confidence']) or '–'}]")
    return "\n".join(lines)
