"""Subsidies and tax schemes as the schemes work: EIA, VEKI, SDE++ and MIA/Vamil.

Figures come from ``data/subsidies.csv`` (amounts, shares, limits per year),
``data/subsidy_eligibility.csv`` (which equipment a scheme covers) and
``data/subsidy_stacking.csv`` (which schemes may be combined on one investment).
The method is in docs/methods.md, "Subsidies".

A case asks for schemes with its ``subsidies`` field (``eia;veki;sde;mia_vamil`` or ``auto``).
Each requested scheme gives an amount, or 0 and the reason. Of the requested schemes (all
schemes for ``auto``) the combination that the stacking rules allow and that gives the
highest NPV is applied; a scheme left out for a stacking rule says so.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from heatcalc.case import SUBSIDY_SCHEMES
from heatcalc.core.datafiles import records
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.core.messages import Message

SUBSIDIES = SUBSIDY_SCHEMES  # ("eia", "veki", "sde", "mia_vamil")

_SCHEME = {"eia": "EIA", "veki": "VEKI", "sde": "SDE++", "mia_vamil": "MIA/Vamil"}
_LABEL = {"eia": "EIA", "veki": "VEKI", "sde": "SDE++", "mia_vamil": "MIA/Vamil"}


# =========================================================================================
# data
def subsidy_params(*, data_dir: str | Path | None = None) -> dict:
    """Subsidy and tax figures from ``data/subsidies.csv``.

    Returns ``{(scheme, quantity): value}`` (the row of the latest year), plus ``"_sources"``,
    ``"_by_year"`` (``{(scheme, quantity): {year: value}}``, rows without a year under ``None``),
    ``"_eligibility"`` (``{(technology, scheme, quantity): (value, source, confidence, notes)}``) and
    ``"_stacking"`` (``{frozenset({scheme_a, scheme_b}): (allowed, source, confidence, notes)}``).
    """
    rows = records("subsidies.csv", data_dir)
    by_year: dict = {}
    out: dict = {}
    for r in rows:
        key = (r["scheme"], r["quantity"])
        y = _year(r["year"])
        by_year.setdefault(key, {})[y] = float(r["value"])
    for key, ys in by_year.items():
        known = [y for y in ys if y is not None]
        out[key] = ys[max(known)] if known else ys[None]
    out["_sources"] = {(r["scheme"], r["quantity"]): r["source"] for r in rows}
    out["_by_year"] = by_year
    out["_eligibility"] = {(r["technology"], r["scheme"], r["quantity"]):
                           (_sde_figure(r), r["source"], r["confidence"], r["notes"])
                           for r in records("subsidy_eligibility.csv", data_dir)}
    out["_stacking"] = {frozenset((r["scheme_a"], r["scheme_b"])):
                        (bool(float(r["value"])), r["source"], r["confidence"], r["notes"])
                        for r in records("subsidy_stacking.csv", data_dir) if r["quantity"] == "allowed"}
    return out


#: SDE++ category figures of ``data/subsidy_eligibility.csv``: quantity -> (unit heatcalc computes in,
#: {unit accepted: factor to that unit}). The regulation publishes the amounts in EUR per kWh of heat.
_SDE_UNITS = {
    "base_amount": ("EUR/MWh", {"EUR/MWh": 1.0, "EUR/kWh": 1000.0}),
    "correction_amount": ("EUR/MWh", {"EUR/MWh": 1.0, "EUR/kWh": 1000.0}),
    "base_energy_price": ("EUR/MWh", {"EUR/MWh": 1.0, "EUR/kWh": 1000.0}),
    "full_load_hours": ("h/yr", {"h/yr": 1.0}),
}
_SDE_RANGE = {"full_load_hours": (0.0, 8760.0)}  # h/yr; the amounts: at least 0


def _sde_figure(r: dict) -> float:
    """The value of an eligibility row; an SDE++ category figure in heatcalc's unit (EUR/MWh heat,
    h/yr), converted from EUR/kWh. A unit or value outside the accepted ones is an error naming them."""
    v = float(r["value"])
    q = r["quantity"]
    if r["scheme"] != "SDE++" or q not in _SDE_UNITS:
        return v
    unit, accepted = _SDE_UNITS[q]
    u = str(r.get("unit") or "").strip()
    if u not in accepted:
        raise TariffDataError(f"subsidy_eligibility.csv: {r['technology']} SDE++ {q} = {r['value']} {u or '(no unit)'}:"
                              f" the unit must be one of {', '.join(accepted)}")
    v *= accepted[u]
    lo, hi = _SDE_RANGE.get(q, (0.0, math.inf))
    if not (lo <= v <= hi) or not math.isfinite(v):
        rng = f"{lo:g} to {hi:g} {unit}" if math.isfinite(hi) else f"at least {lo:g} {unit}"
        raise TariffDataError(f"subsidy_eligibility.csv: {r['technology']} SDE++ {q} = {r['value']} {u} is outside "
                              f"the valid range ({rng})")
    return v


def _year(text) -> int | None:
    """First year of a ``year`` cell (``2025``, ``2019+``, ``2025-2026``); None when empty."""
    s = str(text or "").strip()
    digits = s[:4]
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


def _param(p: dict, scheme: str, quantity: str, year: int | None = None) -> float:
    """A figure of ``data/subsidies.csv``: for ``year``, the row of the latest year not after it
    (else the earliest row); without a year the latest row."""
    try:
        if year is None or "_by_year" not in p:
            return p[(scheme, quantity)]
        ys = p["_by_year"][(scheme, quantity)]
    except KeyError:
        raise TariffDataError(f"data/subsidies.csv lacks {scheme} {quantity}") from None
    known = sorted(y for y in ys if y is not None)
    if not known:
        return ys[None]
    before = [y for y in known if y <= year]
    return ys[before[-1] if before else known[0]]


def eligibility(p: dict, technology: str, scheme_key: str, quantity: str = "eligible"):
    """The eligibility row ``(value, source, confidence, notes)`` of a technology for a scheme, or None."""
    return p.get("_eligibility", {}).get((technology, _SCHEME[scheme_key], quantity))


def allowed_together(p: dict, a: str, b: str) -> bool:
    """Whether schemes ``a`` and ``b`` (keys like ``"eia"``) may be combined on one investment."""
    row = p.get("_stacking", {}).get(frozenset((_SCHEME[a], _SCHEME[b])))
    return True if row is None else bool(row[0])


def stacking_note(p: dict, a: str, b: str) -> str:
    row = p.get("_stacking", {}).get(frozenset((_SCHEME[a], _SCHEME[b])))
    if row is None:
        return ""
    return f"{row[3]} (data/subsidy_stacking.csv, confidence {row[2]})" if row[3] else \
        f"data/subsidy_stacking.csv, confidence {row[2]}"


# =========================================================================================
# the schemes' amounts (each vectorised over prices/factors; none depends on another scheme)
def eia_EUR(eligible_EUR, params: dict, year: int | None = None):
    """EIA benefit [EUR] = deduction share × corporate tax rate × eligible investment, the
    investment capped at the yearly maximum; 0 below the minimum investment. Works on arrays."""
    share = _param(params, "EIA", "deduction_share", year)
    rate = _param(params, "corporate_tax", "top_rate", year)
    minimum = _param(params, "EIA", "min_investment", year)
    e = np.asarray(eligible_EUR, dtype=float)
    if ("EIA", "max_investment") in params:
        e = np.minimum(e, _param(params, "EIA", "max_investment", year))
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


def mia_vamil_EUR(eligible_EUR, mia_share: float, params: dict, year: int | None = None):
    """MIA/Vamil benefit [EUR] in the year of investment: MIA deduction share × corporate tax
    rate × investment, plus Vamil's aid equivalent (RVO: 3 % of the investment); the investment
    capped at the maximum, 0 below the minimum. Works on arrays."""
    rate = _param(params, "corporate_tax", "top_rate", year)
    vamil = _param(params, "MIA/Vamil", "vamil_aid_share", year)
    minimum = _param(params, "MIA/Vamil", "min_investment", year)
    maximum = _param(params, "MIA/Vamil", "max_investment", year)
    e = np.minimum(np.asarray(eligible_EUR, dtype=float), maximum)
    out = np.where(e >= minimum, (mia_share * rate + vamil) * e, 0.0)
    return float(out) if out.ndim == 0 else out


# =========================================================================================
# requests
def parse_subsidies(value) -> tuple[str, ...]:
    """The schemes a ``subsidies`` value asks for: a ``;``-separated text or a list of ``eia``,
    ``veki``, ``sde``, ``mia_vamil``, or ``auto`` (every scheme), or ``none`` (no scheme).

    Raises
    ------
    InputError
        For an unknown scheme name.
    """
    if value is None:
        return ("eia",)
    items = value.replace(",", ";").split(";") if isinstance(value, str) else list(value)
    items = [str(s).strip().lower() for s in items]
    items = [s for s in items if s and s != "none"]
    bad = [s for s in items if s not in SUBSIDIES and s != "auto"]
    if bad:
        raise InputError(f"subsidies={bad[0]!r} is not known; choices: {', '.join(SUBSIDIES)}, auto or none")
    return ("auto",) if "auto" in items else tuple(dict.fromkeys(items))


def _switches(subsidies, params: dict) -> dict[str, bool]:
    """Which schemes are requested: ``{scheme: bool}`` plus ``"auto"``.

    ``subsidies`` is None (the ``default_on`` rows of ``data/subsidies.csv``), a text or list as
    :func:`parse_subsidies` reads it, or a dict scheme → bool.
    """
    if subsidies is None:
        out = {k: bool(_param(params, _SCHEME[k], "default_on")) for k in SUBSIDIES}
        out["auto"] = False
        return out
    if isinstance(subsidies, dict):
        bad = [k for k in subsidies if k not in SUBSIDIES]
        if bad:
            raise InputError(f"subsidies={bad[0]!r} is not known; choices: {', '.join(SUBSIDIES)} or none")
        out = {k: bool(_param(params, _SCHEME[k], "default_on")) for k in SUBSIDIES}
        out.update({k: bool(v) for k, v in subsidies.items()})
        out["auto"] = False
        return out
    items = parse_subsidies(subsidies) if not (isinstance(subsidies, (list, tuple)) and not subsidies) else ()
    auto = items == ("auto",)
    out = {k: auto or k in items for k in SUBSIDIES}
    out["auto"] = auto
    return out


# =========================================================================================
# one option: eligibility, amounts, the best allowed combination
@dataclass
class SubsidyInput:
    """What the schemes look at for one option (money arrays allowed)."""

    technology: str
    process: str
    capacity_kW_th: float
    cop: float | None
    halogen_free: bool | None
    capex: object          # total investment [EUR]
    capex_eq: object       # equipment [EUR] (what EIA and MIA/Vamil count)
    capex_ref: float       # VEKI's reference investment [EUR] (NaN when unknown)
    saving: object         # OPEX saving [EUR/yr]
    co2_saved: object      # [t/yr]
    r: float
    n: int
    sde_years: int
    af_n: float
    af_sde: float
    year: int
    heat_MWh: float = math.nan  # heat the subsidised equipment makes [MWh/yr] (SDE++ production)


@dataclass
class SubsidyResult:
    eia: object = 0.0
    veki: object = 0.0
    mia_vamil: object = 0.0
    sde: object = 0.0            # [EUR/yr] for sde_years
    chosen: tuple = ()
    notes: list = field(default_factory=list)      # why a requested scheme gives 0 (subsidy_notes)
    info: list = field(default_factory=list)       # what was assumed (finance notes)

    @property
    def year1(self):
        """Tax benefits received in year 1 [EUR] (EIA, MIA/Vamil)."""
        return self.eia + self.mia_vamil


def _zero(x):
    return 0.0 * np.asarray(x, dtype=float) if np.ndim(x) else 0.0


class SubsidyEngine:
    """Eligibility, amounts and the allowed combination of the requested schemes for one case."""

    def __init__(self, params: dict, switch: dict, veki_fn):
        self.p, self.switch, self.veki_fn = params, switch, veki_fn

    def requested(self) -> tuple[str, ...]:
        return tuple(k for k in SUBSIDIES if self.switch.get(k))

    # -- eligibility (amount-independent) ---------------------------------------------------
    def eligible(self, s: SubsidyInput, scheme: str) -> tuple[bool, str, str]:
        """(eligible?, reason when not, assumption note) of a scheme for this option."""
        p, y, tech = self.p, s.year, s.technology
        row = eligibility(p, tech, scheme)
        if scheme == "eia":
            if row is not None and not row[0]:
                return False, Message("subsidy.eia_not_listed", f"EIA not granted: {tech} is not on the Energielijst "
                                      f"({row[3]})", tech=tech, source=row[3]), ""
            if row is None:
                return True, "", Message("subsidy.eia_assumed", f"EIA assumes {tech} is on the Energielijst: no "
                                         "entry for it was found (data/subsidy_eligibility.csv); grid connection not "
                                         "eligible", tech=tech)
            return True, "", Message("subsidy.eia_counted", f"EIA: {tech} counted as on the Energielijst ({row[3]}; "
                                     f"data/subsidy_eligibility.csv, confidence {row[2]}); grid connection not "
                                     "eligible", tech=tech, source=row[3], confidence=row[2])
        if scheme == "mia_vamil":
            share = eligibility(p, tech, scheme, "mia_share")
            if row is not None and not row[0]:
                return False, Message("subsidy.mia_not_listed", f"MIA/Vamil not granted: {tech} is not on the "
                                      "Milieulijst", tech=tech), ""
            if share is None:
                return False, Message("subsidy.mia_no_entry", f"MIA/Vamil not granted: no Milieulijst entry (MIA "
                                      f"share) for {tech} in the data (not found in the published lists heatcalc "
                                      "could read; supply a mia_share row in the format of "
                                      "data/subsidy_eligibility.csv with --tariffs)", tech=tech), ""
            return True, "", Message("subsidy.mia_share", f"MIA/Vamil: MIA share {share[0]:.0%} for {tech} "
                                     f"({share[3] or share[1]})", share=share[0], tech=tech,
                                     source=share[3] or share[1])
        if scheme == "sde":
            if row is None or not row[0]:
                return False, Message("subsidy.sde_no_category", f"SDE++ not granted: no SDE++ category for {tech} "
                                      "in the data", tech=tech), ""
            if tech == "hybrid_kiln" and s.process != "glass_furnace":
                return False, Message("subsidy.sde_glass_only",
                                      "SDE++ not granted: the hybrid-furnace category is for glass furnaces"), ""
            if s.halogen_free is False and _param(p, "SDE++", "requires_halogen_free", y):
                return False, Message("subsidy.sde_halogen", "SDE++ not granted: the refrigerant contains halogens "
                                      "(not eligible from the 2023 round)"), ""
            if tech in ("heat_pump", "steam_hp", "mvr"):
                cap = _param(p, "SDE++", "min_capacity_kW_th", y)
                if s.capacity_kW_th < cap:
                    return False, Message("subsidy.sde_capacity_low", f"SDE++ not granted: heat-pump capacity "
                                          f"{s.capacity_kW_th:,.0f} kW is below the category minimum of {cap:g} kWth",
                                          capacity_kW=s.capacity_kW_th, min_kW=cap), ""
                cop_min = _param(p, "SDE++", "min_cop", y)
                if s.cop is not None and math.isfinite(s.cop) and s.cop < cop_min:
                    return False, Message("subsidy.sde_cop_low", f"SDE++ not granted: COP {s.cop:.2f} is below the "
                                          f"category minimum {cop_min:g}", cop=s.cop, min_cop=cop_min), ""
            cap_t = _param(p, 'SDE++', 'max_subsidy_intensity', y)
            return True, "", Message("subsidy.sde_simplified", f"SDE++ simplified: unprofitable gap paid up to "
                                     f"{cap_t:g} EUR/t CO2 for {s.sde_years:g} years (the category's base amount and "
                                     "full-load hours are not in the data); budget and ranking not checked",
                                     max_EUR_per_t=cap_t, years=s.sde_years)
        return True, "", ""  # veki: its rules depend on the amounts (self.veki_fn)

    # -- amounts --------------------------------------------------------------------------
    def sde_category(self, s: SubsidyInput):
        """SDE++ per year [EUR/yr] from the category's figures when the data (or the user, ``--tariffs``)
        give them in ``data/subsidy_eligibility.csv``: (base amount − max(correction amount, base energy
        price)) × production, the production capped at capacity × full-load hours (RVO, "Berekening
        SDE++"). None when the base amount or the full-load hours are not given (the gap model is used)."""
        row = lambda q: eligibility(self.p, s.technology, "sde", q)  # noqa: E731
        base, flh = row("base_amount"), row("full_load_hours")
        if base is None or flh is None or not math.isfinite(s.heat_MWh):
            return None
        corr = row("correction_amount")
        floor = row("base_energy_price")
        c = max(corr[0] if corr else 0.0, floor[0] if floor else 0.0)
        production = min(s.heat_MWh, s.capacity_kW_th * flh[0] / 1000.0)
        cap_t = _param(self.p, 'SDE++', 'max_subsidy_intensity', s.year)
        self._sde_note = Message("subsidy.sde_category",
                                 f"SDE++ by category: (base amount {base[0]:g} - correction {c:g}) EUR/MWh x "
                                 f"{production:,.0f} MWh/yr (capacity x {flh[0]:g} full-load hours at most; "
                                 f"{base[1]}), at most {cap_t:g} EUR/t CO2", base=base[0], correction=c,
                                 production_MWh=production, flh=flh[0], source=base[1], max_EUR_per_t=cap_t)
        return max(base[0] - c, 0.0) * production + 0.0 * np.asarray(s.saving, dtype=float)

    def amounts(self, s: SubsidyInput, schemes) -> tuple[dict, dict, list]:
        """Amount of every scheme in ``schemes`` on its own, reasons for 0, assumption notes."""
        amt, why, info = {}, {}, []
        for k in schemes:
            ok, reason, note = self.eligible(s, k)
            if not ok:
                amt[k], why[k] = (_zero(s.saving) if k == "sde" else _zero(s.capex)), reason
                continue
            if note and not (k == "sde" and self.sde_category(s) is not None):
                info.append(note)
            if k == "eia":
                amt[k] = eia_EUR(s.capex_eq, self.p, s.year)
                if np.ndim(amt[k]) == 0 and amt[k] == 0.0 and float(s.capex_eq) > 0:
                    why[k] = Message("subsidy.eia_min_investment", f"EIA not granted: the investment "
                                     f"{float(s.capex_eq):,.0f} EUR is below the minimum of "
                                     f"{_param(self.p, 'EIA', 'min_investment', s.year):,.0f} EUR",
                                     capex_EUR=float(s.capex_eq),
                                     min_EUR=_param(self.p, "EIA", "min_investment", s.year))
            elif k == "mia_vamil":
                share = eligibility(self.p, s.technology, k, "mia_share")[0]
                amt[k] = mia_vamil_EUR(s.capex_eq, share, self.p, s.year)
            elif k == "veki":
                amt[k], note = self.veki_fn(s.capex, s.saving)
                if note:
                    why[k] = note
            elif k == "sde":
                amt[k] = self.sde_category(s)  # None: the gap model, which depends on the investment support
                if amt[k] is not None:
                    info.append(self._sde_note)
        return amt, why, info

    def combine(self, s: SubsidyInput, amt: dict, combo) -> SubsidyResult:
        """The support of one combination, the investment support capped at the investment."""
        res = SubsidyResult(chosen=tuple(combo))
        cap = np.asarray(s.capex, dtype=float)
        veki = amt.get("veki", 0.0) if "veki" in combo else _zero(s.capex)
        veki = np.minimum(veki, cap)
        eia = amt.get("eia", 0.0) if "eia" in combo else _zero(s.capex)
        eia = np.minimum(eia, np.maximum(cap - veki, 0.0))
        mia = amt.get("mia_vamil", 0.0) if "mia_vamil" in combo else _zero(s.capex)
        mia = np.minimum(mia, np.maximum(cap - veki - eia, 0.0))
        res.veki, res.eia, res.mia_vamil = _f(veki), _f(eia), _f(mia)
        if "sde" in combo and amt.get("sde") is not None:
            res.sde = np.minimum(amt["sde"], S_cap(self.p, s.co2_saved))
        elif "sde" in combo and "sde" in amt:
            net_inv_pv = cap - veki - (eia + mia) / (1.0 + s.r)
            gap = net_inv_pv / s.af_n - np.asarray(s.saving, dtype=float)
            res.sde = sde_EUR_per_yr(gap, s.co2_saved, self.p)
        else:
            res.sde = _zero(s.saving)
        return res

    @staticmethod
    def support_pv(s: SubsidyInput, res: SubsidyResult) -> float:
        """Present value of a combination's support [EUR] (scalar: the choice is made at base values)."""
        return float(np.mean(res.veki + res.year1 / (1.0 + s.r) + res.sde * s.af_sde))

    def evaluate(self, s: SubsidyInput, chosen: tuple | None = None) -> SubsidyResult:
        """The support of the requested schemes: the allowed combination with the highest NPV
        (``chosen`` fixes the combination, e.g. the one chosen at base prices for a sweep)."""
        req = self.requested()
        amt, why, info = self.amounts(s, req)
        usable = [k for k in req if k not in why or k == "veki"]
        if chosen is None:
            best, best_pv = (), -math.inf
            for m in range(len(usable), -1, -1):
                for combo in itertools.combinations(usable, m):
                    if not all(allowed_together(self.p, a, b) for a, b in itertools.combinations(combo, 2)):
                        continue
                    pv = self.support_pv(s, self.combine(s, amt, combo))
                    if pv > best_pv + 1e-9:
                        best, best_pv = combo, pv
            chosen = best
        res = self.combine(s, amt, chosen)
        res.info = list(info)
        notes = [why[k] for k in req if k in why]
        for k in usable:
            if k in chosen or k in why:
                continue
            blockers = [c for c in chosen if not allowed_together(self.p, k, c)]
            if blockers:
                b = blockers[0]
                notes.append(Message("subsidy.not_combinable", f"{_LABEL[k]} not applied: it may not be combined "
                                     f"with {_LABEL[b]} on the same investment ({stacking_note(self.p, k, b)}); "
                                     f"{_LABEL[b]} gives more", scheme=_LABEL[k], other=_LABEL[b],
                                     rule=stacking_note(self.p, k, b)))
            else:
                notes.append(Message("subsidy.adds_nothing", f"{_LABEL[k]} not applied: it adds nothing to the chosen "
                                     "combination", scheme=_LABEL[k]))
        if self.switch.get("auto"):
            res.info.append("subsidies=auto: the allowed combination with the highest NPV is "
                            + (" + ".join(_LABEL[c] for c in chosen) if chosen else "none"))
        res.notes = notes
        return res


def S_cap(p: dict, co2_saved):
    """SDE++ ceiling per year [EUR/yr]: the maximum subsidy intensity × CO2 avoided."""
    return _param(p, "SDE++", "max_subsidy_intensity") * np.maximum(np.asarray(co2_saved, dtype=float), 0.0)


def _f(x):
    a = np.asarray(x, dtype=float)
    return float(a) if a.ndim == 0 else a


def option_support(model, i: int, capex_eq, capex, saving, co2_saved, *, r: float, n: int, af_n: float,
                   af_sde: float, sde_years: int, base: bool) -> SubsidyResult:
    """Support of option ``i`` of a site-bill model (:class:`heatcalc.money.site_bill._Model`).

    The combination of schemes is chosen at the model's base values (``base=True``) and kept for
    the price and factor sweeps of the same option, so a sweep does not switch schemes.
    """
    eng = getattr(model, "_subsidy_engine", None)
    if eng is None:
        eng = model._subsidy_engine = SubsidyEngine(model.sp, model.switch, None)
        model._subsidy_choice = {}
    eng.veki_fn = lambda c, s: model.veki(i, c, s)
    f, pc = model.flows[i], model.pieces[i]
    cop = f.cop if getattr(f, "cop", None) is not None else None
    s = SubsidyInput(technology=f.technology, process=str(getattr(model.case, "process", "heat")),
                     capacity_kW_th=float(f.capacity_kW_th), cop=cop, halogen_free=getattr(f, "halogen_free", None),
                     capex=capex, capex_eq=capex_eq, capex_ref=float(getattr(pc, "capex_ref", math.nan)),
                     saving=saving, co2_saved=co2_saved, r=float(r), n=int(n), sde_years=int(sde_years),
                     heat_MWh=float(f.heat_delivered_MWh_per_yr) - float(getattr(f, "heat_backup_MWh_per_yr", 0) or 0),
                     af_n=float(af_n), af_sde=float(af_sde), year=int(model.year))
    key = (i, f.option)
    res = eng.evaluate(s, None if base else model._subsidy_choice.get(key))
    if base:
        model._subsidy_choice[key] = res.chosen
    return res
