"""Dutch energy tax, network tariffs, default prices, EU ETS and the CO2 levy.

Every rate comes from ``data/tariffs/`` through :mod:`heatcalc.core.datafiles`, with
its source; none is written in this module.

Energy tax (energiebelasting)
    Banded and degressive: each band's rate applies to the part of the **site's
    whole** annual volume that falls in that band. The tax an option saves is
    the site's tax before minus after, never volume × one rate
    (:func:`energy_tax`, :func:`energy_tax_amount`). A year whose bands stop
    before an open-ended top band (2026 in the data) raises
    :class:`~heatcalc.core.errors.TariffDataError` naming the missing band as soon as
    a volume reaches it — never a silent zero.

Network tariffs
    Regional operators (Liander, Stedin, Enexis) charge per contracted kW per
    year, per kW of each month's highest load, per kWh (medium voltage only) and
    fixed amounts. The voltage level follows the contracted kW (rule in
    :func:`select_voltage_level`); the cost never falls when the load rises (a
    level change keeps the lower level's cost at its limit). A transport right other
    than firm charges its kW with the operator's published factors
    (:func:`transport_right_terms`; the firm tariff where none is published).

CO2
    EU ETS allowances at the year's price (history, then the user-set path in
    ``prices.csv``); the Dutch CO2 levy for industry modelled simply as a net
    levy per tonne = max(levy rate − ETS price, 0), saved on the share of avoided
    emissions above the site's dispensation rights (data default 1; see
    :func:`co2_cost_EUR_per_t`).

References
----------
Sources are listed in ``data/tariffs/sources.csv`` (ids S1…S74, A1); see
docs/methods.md, sections "Energy tax", "Network tariffs", "CO2 costs".
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from heatcalc.case import GRID_OPERATORS  # operators of the case schema (plus none)
from heatcalc.core.datafiles import derived, number, records, source_text
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.core.messages import Message

#: Carriers of the energy tax and the unit their volume is taxed in.
CARRIER_UNITS = {"gas": "m3", "electricity": "kWh"}
#: Charges every voltage level lists in the data (0 where the tariff has none).
NETWORK_CHARGES = ("kW_contract", "kW_max", "kWh_charge", "fixed_transport")
#: Months in a year (monthly peak charges).
MONTHS_PER_YR = 12

_ET_FILE = "tariffs/energy_tax.csv"
_GRID_FILE = "tariffs/grid_tariffs.csv"
_PRICE_FILE = "tariffs/prices.csv"


# =========================================================================================
# energy tax
@dataclass
class TaxBand:
    """One energy-tax band: rate [EUR/unit] on the volume between ``band_from``
    and ``band_to`` (``None`` = open-ended)."""

    carrier: str
    year: int
    band: int
    band_from: float
    band_to: float | None
    unit: str
    rate: float
    rate_unit: str
    source: str
    confidence: str
    notes: str


@dataclass
class TaxResult:
    """Energy tax of one carrier for one annual volume.

    ``bands`` lists every band with ``band``, ``band_from``, ``band_to``,
    ``volume`` (the part of the volume in the band), ``unit``, ``rate``,
    ``rate_unit`` and ``amount`` [EUR].
    """

    carrier: str
    year: int
    volume: float
    unit: str
    amount_EUR: float
    bands: list[dict] = field(default_factory=list)
    sources: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def tax_years(*, data_dir: str | Path | None = None) -> list[int]:
    """Years with energy-tax rows in the data (some may be incomplete)."""
    return sorted({int(r["year"]) for r in records(_ET_FILE, data_dir)})


def tax_bands(carrier: str, year: int, *, data_dir: str | Path | None = None) -> list[TaxBand]:
    """The energy-tax bands of a carrier in a year, lowest first.

    Parameters
    ----------
    carrier : {"gas", "electricity"}
    year : int
        Tariff year.
    data_dir : str or Path, optional
        Another data folder (tests).

    Returns
    -------
    list of TaxBand
        Contiguous from 0; the last band may end (``band_to`` set) when the year's
        data are incomplete.

    Raises
    ------
    InputError
        For an unknown carrier.
    TariffDataError
        If the year is not in the data, or the bands do not start at 0 or leave a gap.
    """
    if carrier not in CARRIER_UNITS:
        raise InputError(f"carrier={carrier!r} is not known; choices: {', '.join(CARRIER_UNITS)}")
    return list(derived(_ET_FILE, data_dir, ("bands", carrier, int(year)),
                        lambda rows: _build_bands(rows, carrier, year)))


def _build_bands(rows: list[dict], carrier: str, year: int) -> list[TaxBand]:
    sel = [r for r in rows if r["carrier"] == carrier and r["year"] == str(int(year))]
    if not sel:
        years = sorted({int(r["year"]) for r in rows if r["carrier"] == carrier})
        raise TariffDataError(
            f"energy tax for {carrier} in {year} is not in data/{_ET_FILE} (years with data: "
            f"{', '.join(map(str, years))})")
    bands = []
    for rec in sel:
        if rec["volume_unit"] != CARRIER_UNITS[carrier]:
            raise TariffDataError(f"{_ET_FILE}, line {rec['line']}: volume_unit {rec['volume_unit']!r} for "
                                  f"{carrier} must be {CARRIER_UNITS[carrier]!r}")
        bands.append(TaxBand(carrier, int(year), int(rec["band"]), number(rec["band_from"]) or 0.0,
                             number(rec["band_to"]), rec["volume_unit"], rec["value"], rec["unit"], rec["source"],
                             rec["confidence"], rec["notes"]))
    bands.sort(key=lambda b: b.band_from)
    edge = 0.0
    for i, b in enumerate(bands):
        if abs(b.band_from - edge) > 0:
            raise TariffDataError(
                f"energy tax {year} for {carrier}: band {b.band} starts at {b.band_from:,.0f} {b.unit} but the "
                f"previous band ends at {edge:,.0f} {b.unit} (gap or overlap in data/{_ET_FILE})")
        if b.band_to is None:
            if i != len(bands) - 1:
                raise TariffDataError(f"energy tax {year} for {carrier}: open-ended band {b.band} is not the last")
            break
        edge = b.band_to
    return bands


def check_covered(bands: list[TaxBand], max_volume: float) -> None:
    """Raise :class:`TariffDataError` naming the missing band when ``max_volume``
    reaches beyond the last band of an incomplete year."""
    last = bands[-1]
    if last.band_to is not None and max_volume > last.band_to:
        raise TariffDataError(
            f"energy tax {last.year} for {last.carrier}: band {last.band + 1} (from {last.band_to:,.0f} "
            f"{last.unit} upward) is missing in data/{_ET_FILE} — the year's data are incomplete "
            f"({last.notes or 'no higher band found'}); a volume of {max_volume:,.0f} {last.unit} needs it. "
            "Use another tariff_year, or supply the bands (with their source) in a table of your own with "
            "--tariffs FILE")


def _check_volume(name: str, volume, unit: str) -> np.ndarray:
    v = np.asarray(volume, dtype=float)
    if not np.all(np.isfinite(v)):
        raise InputError(f"{name}={volume} {unit} is not a finite number; valid is 0 or more {unit}")
    if np.any(v < 0):
        bad = float(v.min()) if v.ndim else float(v)
        raise InputError(f"{name}={bad:g} {unit} is out of range: valid is 0 or more {unit}")
    return v


def energy_tax(carrier: str, volume: float, year: int, *, data_dir: str | Path | None = None) -> TaxResult:
    """Energy tax on a site's whole annual volume, band by band (exact).

    tax = Σ_i rate_i · clip(V − from_i, 0, to_i − from_i)

    Parameters
    ----------
    carrier : {"gas", "electricity"}
    volume : float
        The site's whole annual volume [m³/yr for gas (35.17 MJ/m³ HHV), kWh/yr
        for electricity].
    year : int
        Tariff year.

    Returns
    -------
    TaxResult
        Amount [EUR/yr, excl. VAT] and the per-band breakdown.

    Raises
    ------
    InputError
        If the volume is negative or not finite.
    TariffDataError
        If the year is missing, or the volume reaches a band missing from an
        incomplete year (the message names that band).

    References
    ----------
    Rates: data/tariffs/energy_tax.csv (S1, S2, S3; 2026: S4, S5, S6).

    Examples
    --------
    >>> round(energy_tax("gas", 2_000_000, 2025).amount_EUR)
    563813
    >>> round(energy_tax("electricity", 20_000_000, 2025).amount_EUR)
    420756
    """
    unit = CARRIER_UNITS.get(carrier, "")
    v = float(_check_volume(f"{carrier} volume", volume, unit))
    bands = tax_bands(carrier, year, data_dir=data_dir)
    check_covered(bands, v)
    rows, total = [], 0.0
    for b in bands:
        width = np.inf if b.band_to is None else b.band_to - b.band_from
        part = min(max(v - b.band_from, 0.0), width)
        amount = part * b.rate
        total += amount
        rows.append({"carrier": carrier, "band": b.band, "band_from": b.band_from, "band_to": b.band_to,
                     "volume": part, "unit": b.unit, "rate": b.rate, "rate_unit": b.rate_unit, "amount": amount,
                     "source": b.source})
    ids = ";".join(dict.fromkeys(s for b in bands for s in b.source.split(";")))
    return TaxResult(carrier, int(year), v, unit, total, rows, source_text(ids, data_dir))


def energy_tax_amount(carrier: str, volume, year: int, *, data_dir: str | Path | None = None) -> np.ndarray:
    """Vectorised energy tax [EUR/yr] for an array of whole-site volumes.

    Same rule and errors as :func:`energy_tax`; returns an array shaped like
    ``volume`` (a 0-d array for a scalar).
    """
    unit = CARRIER_UNITS.get(carrier, "")
    v = _check_volume(f"{carrier} volume", volume, unit)
    return band_tax(tax_bands(carrier, year, data_dir=data_dir), v)


def band_tax(bands: list[TaxBand], volume: np.ndarray) -> np.ndarray:
    """Energy tax [EUR/yr] of whole-site volumes (a float array) on the given
    bands, after :func:`check_covered` on the largest volume; no check of the
    volumes themselves."""
    check_covered(bands, float(np.max(volume)) if volume.size else 0.0)
    if volume.ndim == 0:  # one volume (most calls): the same sum in plain floats, without numpy's per-call overhead
        v, acc = float(volume), 0.0
        for b in bands:
            width = np.inf if b.band_to is None else b.band_to - b.band_from
            acc = acc + b.rate * min(max(v - b.band_from, 0.0), width)
        return np.float64(acc)
    total = np.zeros_like(volume, dtype=float)
    for b in bands:
        width = np.inf if b.band_to is None else b.band_to - b.band_from
        total = total + b.rate * np.clip(volume - b.band_from, 0.0, width)
    return total


# =========================================================================================
# network tariffs
@dataclass
class NetworkCost:
    """Annual network (transport) cost of one connection [EUR/yr, excl. VAT].

    ``components`` holds ``kW_contract``, ``kW_max``, ``kWh_charge``,
    ``fixed_transport``, ``periodic_connection``, ``transport_right_discount``
    (negative or 0) and ``level_change_floor`` (0 or more) in EUR/yr.
    """

    operator: str
    year: int
    voltage_level: str
    contract_kW: float
    peaks_kW: list[float]
    kWh: float
    total_EUR: float
    components: dict = field(default_factory=dict)
    rates: dict = field(default_factory=dict)
    time_bound: bool = False
    notes: list[str] = field(default_factory=list)
    sources: str = ""
    transport_right: str = "firm"
    right_kW: float = 0.0
    terms: list = field(default_factory=list)

    def at_kWh(self, kWh):
        """Total [EUR/yr] at another kWh volume (vectorised): the maximum of ``terms``."""
        kWh = np.asarray(kWh, dtype=float)
        if not self.terms:
            return 0.0 * kWh + self.total_EUR
        out = np.maximum.reduce([f + r * kWh for f, r in self.terms]) if len(self.terms) > 1 else \
            self.terms[0][0] + self.terms[0][1] * kWh
        return float(out) if np.ndim(out) == 0 else out

    def to_dict(self) -> dict:
        return asdict(self)


def _grid_rows(operator: str, data_dir) -> list[dict]:
    return derived(_GRID_FILE, data_dir, ("operator", operator),
                   lambda rows: [r for r in rows if r["operator"] == operator])


def grid_years(operator: str, *, data_dir: str | Path | None = None) -> list[int]:
    """Years with network tariffs for an operator."""
    return list(derived(_GRID_FILE, data_dir, ("years", operator),
                        lambda _: sorted({int(r["year"]) for r in _grid_rows(operator, data_dir)})))


def _levels(operator: str, year: int, data_dir) -> dict[str, dict]:
    """``{level: {"kW_from", "kW_to", "params": {parameter: row}}}`` for charging levels (cached with the file;
    do not modify)."""
    return derived(_GRID_FILE, data_dir, ("levels", operator, year), lambda _: _build_levels(operator, year, data_dir))


def _build_levels(operator: str, year: int, data_dir) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in _grid_rows(operator, data_dir):
        if int(r["year"]) != year or r["parameter"] not in ("kW_contract", "kW_max", "kWh_charge",
                                                             "fixed_transport"):
            continue
        lvl = out.setdefault(r["voltage_level"], {"kW_from": number(r["kW_from"]), "kW_to": number(r["kW_to"]),
                                                  "params": {}})
        lvl["params"][r["parameter"]] = r
    return out


def select_voltage_level(operator: str, year: int, contract_kW: float, *,
                         data_dir: str | Path | None = None) -> tuple[str, list[str]]:
    """Voltage level (tariff category) for a contracted capacity.

    Rule: the level whose range in ``grid_tariffs.csv`` holds the contract,
    ``kW_from ≤ contract ≤ kW_to`` (the lower level wins on a shared limit; an
    empty ``kW_to`` is open-ended). Below the lowest range the lowest level is
    used with a note (low-voltage tariffs are not in the data). Levels with an
    empty range are used only when asked for by name.

    Parameters
    ----------
    operator : str
    year : int
    contract_kW : float
        Contracted transport capacity [kW].

    Returns
    -------
    (str, list of str)
        The level and notes.

    Raises
    ------
    TariffDataError
        If the operator has no ranged levels in that year.
    """
    levels = {k: v for k, v in _levels(operator, year, data_dir).items() if v["kW_from"] is not None}
    if not levels:
        raise TariffDataError(f"no network tariff levels for {operator} in {year} in data/{_GRID_FILE}")
    ordered = sorted(levels.items(), key=lambda kv: kv[1]["kW_from"])
    lowest_name, lowest = ordered[0]
    if contract_kW < lowest["kW_from"]:
        return lowest_name, [
            f"contract {contract_kW:,.0f} kW is below the {lowest_name} range of {operator} "
            f"(from {lowest['kW_from']:,.0f} kW): low-voltage tariffs are not in the data, the {lowest_name} tariff "
            f"is used"]
    for name, lvl in ordered:
        if lvl["kW_from"] <= contract_kW and (lvl["kW_to"] is None or contract_kW <= lvl["kW_to"]):
            return name, []
    name, _ = ordered[-1]
    return name, [Message("tariff.above_ranges", f"contract {contract_kW:,.0f} kW is above every range in the data; "
                          f"{name} used", contract_kW=contract_kW, level=name)]


def _peaks(peak_kW, contract_kW: float) -> list[float]:
    if peak_kW is None:
        return [float(contract_kW)] * MONTHS_PER_YR
    if np.ndim(peak_kW) == 0:
        p = float(peak_kW)
        peaks = [p] * MONTHS_PER_YR
    else:
        peaks = [float(x) for x in peak_kW]
        if len(peaks) != MONTHS_PER_YR:
            raise InputError(f"peak_kW has {len(peaks)} values; give one peak or {MONTHS_PER_YR} monthly peaks [kW]")
    for p in peaks:
        if not np.isfinite(p) or p < 0:
            raise InputError(f"peak_kW={p:g} kW is out of range: valid is 0 or more kW")
    return peaks


#: Transport-right types of the Netcode elektriciteit art. 7.1 (ACM, Stcrt 2024-23594).
TRANSPORT_RIGHTS = ("firm", "time_bound", "time_block", "flexible")
_RIGHTS_FILE = "tariffs/transport_rights.csv"
_RIGHT_FACTORS = ("kW_contract_factor", "kW_max_factor", "kWh_factor")


@dataclass
class RightTerms:
    """How a transport right is charged and when it has capacity.

    ``factors`` multiply the kW_contract, kW_max and kWh charges of the right's kW
    (1 = firm tariff); ``availability_share`` is the guaranteed share of hours with
    capacity (None where the terms are agreed per contract, e.g. time blocks);
    ``published`` is false when the operator's discount is not in the data and the firm
    tariff is charged instead (an upper bound of the cost).
    """

    right: str
    operator: str
    factors: dict
    availability_share: float | None
    published: bool
    notes: list[str] = field(default_factory=list)
    sources: str = ""
    source_ids: tuple = ()


def transport_right_terms(right: str, operator: str, *, discount: float | None = None,
                          data_dir: str | Path | None = None) -> RightTerms:
    """Charging factors and availability of a transport right (``data/tariffs/transport_rights.csv``).

    Parameters
    ----------
    right : {"firm", "time_bound", "time_block", "flexible"}
    operator : str
        Grid operator; rows for the operator win over rows for ``all``.
    discount : float, optional
        Share off the capacity charges (kW_contract and kW_max) of the right's kW, as the
        operator offered it to the user (case field ``transport_right_discount``); replaces
        the data's factors for those two charges.

    Returns
    -------
    RightTerms

    Raises
    ------
    InputError
        For an unknown right or a discount outside 0-1.
    """
    r = str(right).strip().lower()
    if r not in TRANSPORT_RIGHTS:
        raise InputError(f"transport_right={right!r} is not known; choices: {', '.join(TRANSPORT_RIGHTS)}")
    op = str(operator).strip().lower()
    rows = [x for x in records(_RIGHTS_FILE, data_dir) if x["transport_right"] == r and x["operator"] in (op, "all")]
    rows.sort(key=lambda x: x["operator"] == op)  # the operator's own row last, so it wins
    par = {x["parameter"]: x for x in rows}
    ids = {sid for x in par.values() for sid in x["source"].split(";")}
    notes: list[str] = []
    factors = {k: float(par[k]["value"]) if k in par else None for k in _RIGHT_FACTORS}
    avail = float(par["availability_share"]["value"]) if "availability_share" in par else None
    published = all(v is not None for v in factors.values())
    if discount is not None:
        d = float(discount)
        if not (0.0 <= d <= 1.0) or d != d:
            raise InputError(f"transport_right_discount={discount!r} is out of range: valid is 0 to 1 (share)")
        factors["kW_contract_factor"] = factors["kW_max_factor"] = 1.0 - d
        if factors["kWh_factor"] is None:
            factors["kWh_factor"] = 1.0
        published = True
        notes.append(Message("transport.discount_given", f"transport right {r}: {d:.0%} off the capacity charges "
                             "of its kW, as given in the case (transport_right_discount)", right=r, discount=d))
    elif not published:
        factors = {k: (1.0 if v is None else v) for k, v in factors.items()}
        notes.append(Message("transport.discount_unpublished", f"transport right {r}: {op}'s tariff discount is not "
                             f"published in the data (data/{_RIGHTS_FILE}); the firm tariff is charged - an upper "
                             "bound of the cost. Give transport_right_discount (the operator's offer) to apply one",
                             right=r, operator=op, file=_RIGHTS_FILE))
    if r != "firm":
        if avail is None:
            notes.append(Message("transport.hours_unknown", f"transport right {r}: the hours without capacity are "
                                 "agreed per contract and not in the data; give them as grid_capacity_kW in an hourly "
                                 "profile (heatcalc hourly)", right=r))
        elif avail == 0.0:
            notes.append(Message("transport.no_hour_guaranteed", f"transport right {r}: no hour is guaranteed - "
                                 "capacity only when the grid has room, announced at the latest the day before; the "
                                 "heat supply must be able to run on its backup", right=r))
        elif avail < 1.0:
            notes.append(Message("transport.share_guaranteed", f"transport right {r}: capacity guaranteed in "
                                 f"{avail:.0%} of the hours ({avail * 8760:,.0f} h/yr); in the other hours the new "
                                 "load may be withdrawn (announced day-ahead) and the heat must come from the backup",
                                 right=r, share=avail, hours=avail * 8760))
    return RightTerms(r, op, factors, avail, published, notes, source_text(";".join(sorted(ids)), data_dir),
                      tuple(sorted(ids)))


def _periodic_rows(op: str, y: int, data_dir) -> list[tuple[float, float | None, dict]]:
    """``(kW_from, kW_to, row)`` of the periodic connection charges of an operator and year, in file order."""
    def build(_rows):
        return [(number(r["kW_from"]), number(r["kW_to"]), r) for r in _grid_rows(op, data_dir)
                if int(r["year"]) == y and r["parameter"] == "periodic_connection" and number(r["kW_from"]) is not None]
    return derived(_GRID_FILE, data_dir, ("periodic_connection", op, y), build)


def _level_parts(op: str, y: int, level: str, params: dict, contract_kW: float, peaks: list[float],
                 right_kW: float, terms: RightTerms | None, data_dir) -> tuple[dict, dict, float, set, list]:
    """Charges of one level without the kWh charge: (components, rates, kWh rate, source ids, notes)."""
    absent = [p for p in NETWORK_CHARGES if p not in params]
    if absent:  # never a silent zero: every level lists every charge (0 where the tariff has none)
        raise TariffDataError(f"network tariff of {op}, level {level}, {y}: charge {', '.join(absent)} is not in "
                              f"data/{_GRID_FILE}; add it with its source (0 where the tariff has no such charge)")
    rates = {k: r["value"] for k, r in params.items()}
    ids = {s for r in params.values() for s in r["source"].split(";")}
    notes: list[str] = []
    comp = {
        "kW_contract": rates["kW_contract"] * contract_kW,
        "kW_max": rates["kW_max"] * float(sum(peaks)),
        "fixed_transport": rates["fixed_transport"],
    }
    conn = [r for lo, hi, r in _periodic_rows(op, y, data_dir) if lo <= contract_kW and (hi is None or contract_kW <= hi)]
    if conn:
        comp["periodic_connection"] = conn[0]["value"]
        rates["periodic_connection"] = conn[0]["value"]
        ids.update(conn[0]["source"].split(";"))
    else:
        comp["periodic_connection"] = 0.0
        notes.append(Message("tariff.periodic_missing", f"periodic connection charge of {op} for a "
                             f"{contract_kW:,.0f} kW connection not in the data: not counted", operator=op,
                             contract_kW=contract_kW))
    kwh_rate = rates["kWh_charge"]
    comp["transport_right_discount"] = 0.0
    if terms is not None and right_kW > 0 and contract_kW > 0:
        share = min(right_kW, contract_kW) / contract_kW
        f = terms.factors
        comp["transport_right_discount"] = -share * ((1.0 - f["kW_contract_factor"]) * comp["kW_contract"]
                                                     + (1.0 - f["kW_max_factor"]) * comp["kW_max"])
        kwh_rate = rates["kWh_charge"] * (1.0 - share * (1.0 - f["kWh_factor"]))
    return comp, rates, kwh_rate, ids, notes


def network_cost(operator: str, year: int, contract_kW: float, peak_kW: float | Sequence[float] | None = None,
                 kWh: float = 0.0, *, voltage_level: str | None = None, transport_right: str = "firm",
                 right_kW: float | None = None, right_discount: float | None = None, time_bound: bool = False,
                 time_bound_kW: float | None = None, nearest_year: bool = False,
                 data_dir: str | Path | None = None) -> NetworkCost:
    """Annual network cost of a connection.

    cost = max over levels L ≤ chosen (fixed_L + kWh_rate_L · kWh), with
    fixed = c_contract · kW_contract + c_max · Σ_months peak_m + fixed_transport
    + periodic_connection − transport-right discount.

    The chosen level is the one whose range holds the contract; each lower ranged level
    enters at its upper limit (contract and peaks capped there, kWh scaled by limit /
    contract: the same hours of use). So the cost never falls when the site's load rises
    (a load of more kW at the same or more hours of use): where the raw tariff falls at a
    level change (no kWh charge above MS), the site keeps paying the lower level's cost at
    its limit until the higher level's tariff catches up — the change needs its own
    substation and a one-off connection charge that the data do not hold (component
    ``level_change_floor``, with a note).

    Parameters
    ----------
    operator : {"liander", "stedin", "enexis", "tennet", "none"}
        ``none`` gives zero cost (site without a network bill in scope).
    year : int
        Tariff year.
    contract_kW : float
        Contracted transport capacity [kW].
    peak_kW : float or sequence of 12 floats, optional
        Highest load of each month [kW]; one value for all months; default the
        contract.
    kWh : float
        Electricity taken from the grid [kWh/yr].
    voltage_level : str, optional
        Force a level by name (e.g. Enexis ``TS``); default chosen by
        :func:`select_voltage_level` (no floor from lower levels when forced).
    transport_right : {"firm", "time_bound", "time_block", "flexible"}
        Right of ``right_kW`` of the contract (the rest is firm); terms from
        :func:`transport_right_terms`.
    right_kW : float, optional
        Part of the contract under ``transport_right`` [kW]; default all of it.
    right_discount : float, optional
        The operator's offered discount on the right's capacity charges (share).
    time_bound, time_bound_kW : bool, float
        Shorthand for ``transport_right="time_bound"`` on ``time_bound_kW``.
    nearest_year : bool
        When the year has no tariffs, use the nearest year with data (with a
        note) instead of raising.

    Returns
    -------
    NetworkCost
        ``terms`` holds the (fixed EUR/yr, EUR/kWh) pairs whose maximum at a kWh volume is
        the total (:meth:`NetworkCost.at_kWh`).

    Raises
    ------
    InputError
        For an unknown operator or right, or negative inputs.
    TariffDataError
        For TenneT (per-kW values not in the data), a charge missing for a level, or a
        year without tariffs when ``nearest_year`` is false.

    References
    ----------
    data/tariffs/grid_tariffs.csv (S11, S12, S13); data/tariffs/transport_rights.csv (S15, S80).
    """
    op = str(operator).strip().lower()
    if op not in GRID_OPERATORS:
        raise InputError(f"grid_operator={operator!r} is not known; choices: {', '.join(GRID_OPERATORS)}")
    for name, val, unit in (("contract_kW", contract_kW, "kW"), ("kWh", kWh, "kWh")):
        if not np.isfinite(val) or val < 0:
            raise InputError(f"{name}={val:g} {unit} is out of range: valid is 0 or more {unit}")
    if time_bound:
        transport_right, right_kW = "time_bound", time_bound_kW
    peaks = _peaks(peak_kW, contract_kW)
    notes: list[str] = []
    right = str(transport_right).strip().lower()
    if op == "none":
        return NetworkCost(op, int(year), "-", float(contract_kW), peaks, float(kWh), 0.0, {}, {}, right != "firm",
                           ["grid_operator none: no network cost counted"], transport_right=right)
    if op == "tennet":
        raise TariffDataError(
            "network tariffs of tennet: the 2025 per-kW values are not in data/tariffs/grid_tariffs.csv (structure "
            "only: fixed non-transport charge + per-kW transport charge depending on operating hours + periodic "
            "connection fee, no kWh charge; S14, S14b). Use a regional operator or add the TenneT rates with source")
    years = grid_years(op, data_dir=data_dir)
    y = int(year)
    if y not in years:
        if not nearest_year or not years:
            raise TariffDataError(f"network tariffs of {op} for {y} are not in data/{_GRID_FILE} "
                                  f"(years with data: {', '.join(map(str, years)) or 'none'})")
        y = min(years, key=lambda k: (abs(k - int(year)), -k))
        notes.append(Message("tariff.year_fallback", f"network tariffs of {op} for {year} not in the data: {y} "
                             "tariffs used", operator=op, year=year, used_year=y))
    levels = _levels(op, y, data_dir)
    if voltage_level is None:
        level, lvl_notes = select_voltage_level(op, y, contract_kW, data_dir=data_dir)
        notes += lvl_notes
    else:
        if voltage_level not in levels:
            raise InputError(f"voltage_level={voltage_level!r} is not known for {op}; choices: {', '.join(levels)}")
        level = voltage_level
    terms = None
    kw_r = 0.0
    if right != "firm":
        terms = transport_right_terms(right, op, discount=right_discount, data_dir=data_dir)
        kw_r = contract_kW if right_kW is None else min(max(float(right_kW), 0.0), contract_kW)
        notes.append(Message("transport.partial", f"transport right {right} on {kw_r:,.0f} kW of the "
                             f"{contract_kW:,.0f} kW contract (the rest firm)", right=right, right_kW=kw_r,
                             contract_kW=contract_kW))
        notes += terms.notes
    comp, rates, kwh_rate, ids, lnotes = _level_parts(op, y, level, levels[level]["params"], contract_kW, peaks,
                                                      kw_r, terms, data_dir)
    notes += lnotes
    if terms is not None:
        ids.update(terms.source_ids)
    own_fixed = float(sum(comp.values()))
    terms_list = [(own_fixed, kwh_rate, level)]
    if voltage_level is None:  # lower ranged levels at their upper limit: the cost never falls with the load
        for name, lvl in levels.items():
            top = lvl["kW_to"]
            if lvl["kW_from"] is None or top is None or not top < contract_kW:
                continue
            capped = [min(p, top) for p in peaks]
            # at the lower level's limit the firm part stays (up to the limit) and the right holds the rest: the
            # firm part never shrinks as the load grows, so the floor never falls (capping the right first did)
            kw_r_top = max(top - max(contract_kW - kw_r, 0.0), 0.0)
            c2, _, r2, _, _ = _level_parts(op, y, name, lvl["params"], top, capped, kw_r_top, terms, data_dir)
            terms_list.append((float(sum(c2.values())), r2 * top / contract_kW, name))
    own = own_fixed + kwh_rate * kWh
    best = max(terms_list, key=lambda t: t[0] + t[1] * kWh)
    comp["kWh_charge"] = kwh_rate * kWh
    comp["level_change_floor"] = max(best[0] + best[1] * kWh - own, 0.0)
    if comp["level_change_floor"] > 0:
        notes.append(Message("tariff.level_floor", f"the {level} tariff of {op} at {contract_kW:,.0f} kW would cost "
                             f"less than the {best[2]} tariff at its limit: the {best[2]} cost is kept "
                             f"({comp['level_change_floor']:,.0f} EUR/yr more), because the change of level needs a "
                             "new connection and own substation whose cost is not in the data", level=level,
                             operator=op, contract_kW=contract_kW, other_level=best[2],
                             extra_EUR=comp["level_change_floor"]))
    if max(peaks) > contract_kW + 1e-9:
        notes.append(Message("tariff.peak_overrun", f"monthly peak {max(peaks):,.0f} kW above the contract "
                             f"{contract_kW:,.0f} kW: overrun charges are not modelled", peak_kW=max(peaks),
                             contract_kW=contract_kW))
    total = float(sum(comp.values()))
    rates["kWh_charge_effective"] = kwh_rate
    return NetworkCost(op, y, level, float(contract_kW), peaks, float(kWh), total, comp, rates, right != "firm",
                       notes, source_text(";".join(sorted(ids)), data_dir), transport_right=right,
                       right_kW=kw_r, terms=[(f, r) for f, r, _ in terms_list])


def network_kWh_rate(operator: str, year: int, contract_kW: float, *, nearest_year: bool = True,
                     data_dir: str | Path | None = None) -> float:
    """kWh charge [EUR/kWh] at the level chosen for ``contract_kW`` (0 for ``none``)."""
    if operator == "none":
        return 0.0
    nc = network_cost(operator, year, contract_kW, kWh=0.0, nearest_year=nearest_year, data_dir=data_dir)
    return float(nc.rates.get("kWh_charge", 0.0))


# =========================================================================================
# prices, ETS, CO2 levy
def _price_rows(quantity: str, data_dir) -> list[dict]:
    return derived(_PRICE_FILE, data_dir, ("quantity", quantity),
                   lambda rows: [r for r in rows if r["quantity"] == quantity])


def price_row(quantity: str, year: int | None, *, data_dir: str | Path | None = None) -> dict:
    """The row of ``prices.csv`` for a quantity and year (``year=None`` for
    quantities without a year).

    Raises
    ------
    TariffDataError
        If that quantity/year is not in the data (the message lists the years there are).
    """
    rows = _price_rows(quantity, data_dir)
    for r in rows:
        if (year is None and not r["year"]) or (year is not None and r["year"] and int(r["year"]) == int(year)):
            return r
    years = sorted(int(r["year"]) for r in rows if r["year"])
    raise TariffDataError(f"{quantity} for {year} is not in data/{_PRICE_FILE} "
                          f"(years with data: {', '.join(map(str, years)) or 'none'})")


def ets_price(year: int, *, data_dir: str | Path | None = None) -> tuple[float, dict]:
    """EU ETS allowance price [EUR/t] of a year: history (``eua_price``) if there
    is one, else the user-set path (``eua_price_path``).

    Raises
    ------
    TariffDataError
        If neither history nor path has the year.
    """
    try:
        r = price_row("eua_price", year, data_dir=data_dir)
    except TariffDataError:
        try:
            r = price_row("eua_price_path", year, data_dir=data_dir)
        except TariffDataError:
            hist = sorted(int(x["year"]) for x in _price_rows("eua_price", data_dir))
            path = sorted(int(x["year"]) for x in _price_rows("eua_price_path", data_dir))
            raise TariffDataError(
                f"EUA price for {year} is neither in the history ({', '.join(map(str, hist))}) nor in the "
                f"eua_price_path ({', '.join(map(str, path))}) of data/{_PRICE_FILE}; set co2_price_EUR_per_t") \
                from None
    return float(r["value"]), r


def co2_levy_rate(year: int, *, data_dir: str | Path | None = None) -> tuple[float, dict]:
    """Dutch CO2 levy rate for industry [EUR/t] of a year (before subtracting the
    ETS price).

    Raises
    ------
    TariffDataError
        If the year is not in the data.
    """
    r = price_row("co2_levy_rate", year, data_dir=data_dir)
    return float(r["value"]), r


def co2_levy_share(*, data_dir: str | Path | None = None) -> float:
    """Share of avoided ETS emissions on which the net levy is saved [-] (data default)."""
    return float(price_row("co2_levy_share_above_dispensation", None, data_dir=data_dir)["value"])


def co2_levy_net_EUR_per_t(levy_rate_EUR_per_t, ets_price_EUR_per_t):
    """Net CO2 levy per tonne above dispensation rights [EUR/t]:
    max(levy rate − ETS price, 0). Works on arrays.

    Examples
    --------
    >>> co2_levy_net_EUR_per_t(78.67, 75.0)
    3.6700000000000017
    >>> co2_levy_net_EUR_per_t(74.36, 80.0)
    0.0
    """
    net = np.maximum(np.asarray(levy_rate_EUR_per_t, dtype=float) - np.asarray(ets_price_EUR_per_t, dtype=float), 0.0)
    return float(net) if net.ndim == 0 else net


def co2_cost_EUR_per_t(ets_price_EUR_per_t, levy_rate_EUR_per_t: float, levy_share: float,
                       ets_installation: bool = True):
    """CO2 cost per tonne of direct (scope 1) emissions [EUR/t].

    ETS installation: ETS price + levy_share · max(levy rate − ETS price, 0).
    The whole allowance price counts (opportunity cost: a tonne saved is an
    allowance not bought or sold; free allocation is a lump sum the option does
    not change). Not under ETS: 0 (no carbon price modelled). Works on arrays.
    """
    if not ets_installation:
        return np.zeros(np.shape(ets_price_EUR_per_t)) if np.ndim(ets_price_EUR_per_t) else 0.0
    return ets_price_EUR_per_t + levy_share * co2_levy_net_EUR_per_t(levy_rate_EUR_per_t, ets_price_EUR_per_t)


def default_prices(year: int, *, data_dir: str | Path | None = None) -> dict:
    """Default prices of a tariff year with their sources.

    Returns
    -------
    dict
        ``price_gas_EUR_per_MWh`` (TTF, HHV), ``price_el_EUR_per_MWh`` (Dutch
        day-ahead mean), ``co2_price_EUR_per_t`` (EUA: history, else the user-set
        path), ``co2_levy_rate_EUR_per_t`` (None when the year has none),
        ``sources`` and ``confidence`` per key, and ``notes``.

    Raises
    ------
    TariffDataError
        If a price of the year is not in the data.
    """
    gas = price_row("price_gas_ttf", year, data_dir=data_dir)
    el = price_row("price_el_day_ahead", year, data_dir=data_dir)
    co2, co2_row = ets_price(year, data_dir=data_dir)
    out = {
        "year": int(year),
        "price_gas_EUR_per_MWh": float(gas["value"]),
        "price_el_EUR_per_MWh": float(el["value"]),
        "co2_price_EUR_per_t": co2,
        "sources": {}, "confidence": {}, "notes": [],
    }
    for key, row in (("price_gas_EUR_per_MWh", gas), ("price_el_EUR_per_MWh", el), ("co2_price_EUR_per_t", co2_row)):
        out["sources"][key] = source_text(row["source"], data_dir) or row["source"]
        out["confidence"][key] = row["confidence"]
        if row["confidence"] in ("L", "U", "D"):
            out["notes"].append(f"default {key}={float(row['value']):g} for {year} has confidence "
                                f"{row['confidence']}: {row['notes']}")
    try:
        levy, levy_row = co2_levy_rate(year, data_dir=data_dir)
        out["co2_levy_rate_EUR_per_t"] = levy
        out["sources"]["co2_levy_rate_EUR_per_t"] = source_text(levy_row["source"], data_dir)
        out["confidence"]["co2_levy_rate_EUR_per_t"] = levy_row["confidence"]
    except TariffDataError:
        out["co2_levy_rate_EUR_per_t"] = None
        out["notes"].append(f"no CO2 levy rate for {year} in the data: levy not counted")
    return out


# =========================================================================================
# one-call summary (CLI)
def site_tariff(year: int, gas_m3: float = 0.0, electricity_kWh: float = 0.0, grid_operator: str | None = None,
                contract_kW: float | None = None, peak_kW: float | Sequence[float] | None = None, *,
                time_bound: bool = False, data_dir: str | Path | None = None) -> dict:
    """Energy tax and network cost of a whole site for a year (``heatcalc tariff``).

    Returns
    -------
    dict
        ``energy_tax_gas_EUR``, ``energy_tax_el_EUR``, ``network_EUR``,
        ``total_EUR`` [EUR/yr, excl. VAT], ``bands`` (list of band, volume, rate,
        amount per carrier), ``network`` (breakdown or None), ``notes``.

    Raises
    ------
    InputError
        For negative volumes, an unknown operator, or a contract without operator.
    TariffDataError
        For missing years or bands (naming them) and TenneT network tariffs.
    """
    gas = energy_tax("gas", gas_m3, year, data_dir=data_dir)
    el = energy_tax("electricity", electricity_kWh, year, data_dir=data_dir)
    notes: list[str] = []
    net = None
    if grid_operator is not None and str(grid_operator).lower() != "none":
        if contract_kW is None:
            raise InputError("--contract-kW is required with --grid-operator (contracted capacity in kW, 0 or more)")
        net = network_cost(grid_operator, year, contract_kW, peak_kW, electricity_kWh, time_bound=time_bound,
                           data_dir=data_dir)
        notes += net.notes
    elif contract_kW is not None:
        notes.append(Message("tariff.no_operator", "no grid operator given: network cost not computed"))
    network = net.total_EUR if net is not None else 0.0
    return {
        "year": int(year),
        "gas_m3": gas.volume,
        "electricity_kWh": el.volume,
        "energy_tax_gas_EUR": gas.amount_EUR,
        "energy_tax_el_EUR": el.amount_EUR,
        "network_EUR": network,
        "total_EUR": gas.amount_EUR + el.amount_EUR + network,
        "bands": gas.bands + el.bands,
        "network": net.to_dict() if net is not None else None,
        "notes": notes,
        "sources": {"energy_tax_gas": gas.sources, "energy_tax_el": el.sources,
                    "network": net.sources if net is not None else ""},
    }
