"""Product catalogue: which real heat pumps and MVR compressors can serve a case,
and the COP each is expected to reach there.

The catalogue (``data/products.csv``) lists industrial and high-temperature heat
pumps and MVR compressors with their published operating envelope (sink and source
temperatures, lift, capacity per unit), each row with its source, a confidence mark
and whether the figures are supplier claims. Published COP points **with their
conditions** live in ``data/product_cop_points.csv``.

Matching (:func:`match_products`) checks a case against each envelope and says, per
product, ``fits``, ``check`` (part of the envelope is not published, or the unit is
oversized) or ``no`` with the reasons in words.

Expected COP (:func:`expected_cop`): where a product has published points, a
quality grade is fitted to them (least squares through the origin on
``COP = eta * COP_ideal``, with the Lorenz COP when every point and the case have
both stream glides, else the Carnot COP between source inlet and sink outlet) and
applied to the case; otherwise the generic high-temperature heat-pump quality
grade of :func:`heatcalc.thermo.cop_models.default_quality_grade` (``data/cop_models.csv``) is
used.
The label says which: ``fitted to 2 published points`` or ``generic model``.

References
----------
Reinholdt, L. et al. (2018). Heat pump COP, part 1: generalized method for
screening of system integration potentials. doi:10.18462/iir.gl.2018.1380
Arpagaus, C. et al. (2018). High temperature heat pumps: market overview, state
of the art, research status, refrigerants, and application potentials. Energy 152,
985-1010. doi:10.1016/j.energy.2018.03.166
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message
from heatcalc.core.units import C_to_K
from heatcalc.thermo.cop_models import carnot_cop, default_quality_grade, lorenz_cop
from heatcalc.thermo.fluids import get_fluid

#: Product kinds and the case options they stand for.
KIND_OPTIONS = {
    "closed_cycle_hp": ("heat_pump", "steam_hp"),
    "steam_hp": ("steam_hp",),
    "mvr": ("mvr",),
}
#: Match statuses, best first.
STATUSES = ("fits", "check", "no")
#: Fit points whose lift lies this far outside the span of the published points
#: are flagged as an extrapolation [K].
EXTRAPOLATION_MARGIN_K = 10.0
#: A unit bigger than this multiple of the demand is called oversized [-].
OVERSIZE_FACTOR = 1.0
#: More units in parallel than this are not offered as a match (heatcalc convention: a plant of
#: dozens of small units is a different product, ask for a larger one) [-].
MAX_UNITS_IN_PARALLEL = 10

_BOOL_TRUE = {"true", "yes", "1"}


@lru_cache(maxsize=1)
def load_products() -> pd.DataFrame:
    """The product catalogue ``data/products.csv`` (every row has a source).

    Returns
    -------
    pandas.DataFrame
        One row per product; empty envelope cells are NaN (not published).

    Raises
    ------
    TariffDataError
        If the file is missing or a row has no source.
    """
    df = read_csv("products.csv").copy()
    df["commercial"] = df["commercial"].astype(str).str.strip().str.lower().isin(_BOOL_TRUE)
    for col in ("sink_media", "source_media"):
        df[col] = df[col].fillna("").astype(str)
    return df


@lru_cache(maxsize=1)
def load_cop_points() -> pd.DataFrame:
    """Published COP points with conditions, ``data/product_cop_points.csv``.

    Raises
    ------
    TariffDataError
        If the file is missing or a row has no source.
    """
    return read_csv("product_cop_points.csv").copy()


def generic_quality_grade() -> float:
    """Generic Carnot quality grade for products without published points [-]:
    the high-temperature heat-pump grade of :func:`heatcalc.thermo.cop_models.default_quality_grade`
    (``data/cop_models.csv``, Arpagaus et al. 2018)."""
    return default_quality_grade("hthp")


# ---------------------------------------------------------------------------------------
# ideal COPs of the streams (the rating convention of EN 14511, e.g. "W10/W35":
# source inlet and sink outlet)
def carnot_cop_streams(T_source_in_C: float, T_sink_out_C: float) -> float:
    """Carnot heating COP between the source inlet and the sink outlet [-]
    (:func:`heatcalc.thermo.cop_models.carnot_cop`).

    Parameters
    ----------
    T_source_in_C : float
        Waste-heat stream entering [°C].
    T_sink_out_C : float
        Sink stream leaving [°C].

    Raises
    ------
    PhysicalBoundsError
        If the sink outlet is not above the source inlet.

    Examples
    --------
    >>> round(carnot_cop_streams(45, 90), 2)
    8.07
    """
    return float(carnot_cop(C_to_K(T_sink_out_C), C_to_K(T_source_in_C)))


def lorenz_cop_streams(T_source_in_C: float, T_source_out_C: float, T_sink_in_C: float, T_sink_out_C: float) -> float:
    """Lorenz heating COP of the source and sink streams [-]
    (:func:`heatcalc.thermo.cop_models.lorenz_cop`, Reinholdt et al. 2018).

    Raises
    ------
    PhysicalBoundsError
        If the sink's mean temperature is not above the source's.

    Examples
    --------
    >>> round(lorenz_cop_streams(40, 15, 60, 90), 2)
    7.33
    """
    return float(lorenz_cop(C_to_K(T_sink_in_C), C_to_K(T_sink_out_C), C_to_K(T_source_in_C),
                            C_to_K(T_source_out_C)))


# ---------------------------------------------------------------------------------------
# fit
@dataclass
class QualityGradeFit:
    """Quality grade fitted to published COP points.

    Attributes
    ----------
    model : str
        ``lorenz`` or ``carnot`` (the ideal COP the grade multiplies).
    eta : float
        Quality grade [-], ``COP = eta * COP_ideal``.
    n_points : int
        Number of published points used.
    rmse : float
        Root-mean-square COP error of the fit on its points [-] (0 for one point).
    lift_min_K, lift_max_K : float
        Span of the points' lifts (sink outlet − source inlet) [K].
    """

    model: str
    eta: float
    n_points: int
    rmse: float
    lift_min_K: float
    lift_max_K: float


def _has_glides(p: dict) -> bool:
    return all(p.get(k) is not None and not _isnan(p.get(k)) for k in ("T_source_out_C", "T_sink_in_C"))


def _isnan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _ideal(model: str, p: dict) -> float:
    if model == "lorenz":
        return lorenz_cop_streams(p["T_source_in_C"], p["T_source_out_C"], p["T_sink_in_C"], p["T_sink_out_C"])
    return carnot_cop_streams(p["T_source_in_C"], p["T_sink_out_C"])


def fit_quality_grade(points: list[dict], *, lorenz: bool = True) -> QualityGradeFit:
    """Fit ``COP = eta * COP_ideal`` to published points (least squares through 0).

    Parameters
    ----------
    points : list of dict
        Each with ``T_source_in_C``, ``T_sink_out_C`` and ``cop``, optionally
        ``T_source_out_C`` and ``T_sink_in_C`` [°C].
    lorenz : bool
        Use the Lorenz COP when every point has both glides (else Carnot).

    Returns
    -------
    QualityGradeFit

    Raises
    ------
    InputError
        If there is no point, or a point's COP is not above 1.

    Examples
    --------
    >>> f = fit_quality_grade([{"T_source_in_C": 45, "T_sink_out_C": 90, "cop": 3.78}])
    >>> f.model, round(f.eta, 3), f.n_points
    ('carnot', 0.468, 1)
    """
    if not points:
        raise InputError("fit_quality_grade needs at least one published COP point")
    for p in points:
        if _isnan(p.get("cop")) or not p["cop"] > 1.0:
            raise InputError(f"published COP={p.get('cop')} must be above 1 (heating COP)")
    model = "lorenz" if lorenz and all(_has_glides(p) for p in points) else "carnot"
    ideal = [_ideal(model, p) for p in points]
    cops = [float(p["cop"]) for p in points]
    eta = sum(c * i for c, i in zip(cops, ideal)) / sum(i * i for i in ideal)
    rmse = math.sqrt(sum((c - eta * i) ** 2 for c, i in zip(cops, ideal)) / len(cops))
    lifts = [p["T_sink_out_C"] - p["T_source_in_C"] for p in points]
    return QualityGradeFit(model=model, eta=eta, n_points=len(points), rmse=rmse,
                           lift_min_K=min(lifts), lift_max_K=max(lifts))


def product_points(product_id: str) -> list[dict]:
    """Published COP points of one product as dicts (NaN for unpublished cells)."""
    df = load_cop_points()
    return df[df["product_id"] == product_id].to_dict("records")


# ---------------------------------------------------------------------------------------
# expected COP of a product at a case
@dataclass
class ExpectedCop:
    """Expected COP of a product at the case's stream temperatures.

    Attributes
    ----------
    cop : float
        Expected heating COP [-] (NaN when the case has no source temperature).
    basis : str
        ``fitted`` or ``generic``.
    label : str
        In words, e.g. ``fitted to 2 published points (Carnot quality grade 0.47)``
        or ``generic model (Carnot quality grade 0.45, not product data)``.
    eta : float
        Quality grade used [-].
    model : str
        ``lorenz`` or ``carnot``.
    n_points : int
        Published points behind the figure (0 for the generic model).
    notes : list of str
        Extrapolation, published COP range and similar remarks.
    """

    cop: float
    basis: str
    label: str
    eta: float
    model: str
    n_points: int = 0
    notes: list[str] = field(default_factory=list)


def _case_streams(case) -> dict:
    return {"T_source_in_C": case.T_source_in_C, "T_source_out_C": case.T_source_out_eff_C,
            "T_sink_in_C": case.T_sink_in_C, "T_sink_out_C": case.T_sink_out_C}


def expected_cop(product: dict, case) -> ExpectedCop:
    """Expected COP of one catalogue product at a case.

    Parameters
    ----------
    product : dict
        A row of :func:`load_products`.
    case : heatcalc.case.Case
        The case (source inlet/outlet and sink inlet/outlet temperatures).

    Returns
    -------
    ExpectedCop
        NaN COP with a note when the case has no source temperature or the sink is
        not above the source.
    """
    pts = product_points(product["product_id"])
    streams = _case_streams(case)
    lift = (streams["T_sink_out_C"] - streams["T_source_in_C"]
            if streams["T_source_in_C"] is not None and streams["T_sink_out_C"] is not None else None)
    if pts:
        fit = fit_quality_grade(pts, lorenz=True)
        n = fit.n_points
        label = (f"fitted to {n} published point{'s' if n != 1 else ''} "
                 f"({fit.model.capitalize()} quality grade {fit.eta:.2f})")
        res = ExpectedCop(cop=float("nan"), basis="fitted", label=label, eta=fit.eta, model=fit.model, n_points=n)
        if lift is not None and not (fit.lift_min_K - EXTRAPOLATION_MARGIN_K <= lift
                                     <= fit.lift_max_K + EXTRAPOLATION_MARGIN_K):
            res.notes.append(Message("product.extrapolated",
                                     f"extrapolated: the case's lift of {lift:.0f} K lies outside the published "
                                     f"points' {fit.lift_min_K:.0f}–{fit.lift_max_K:.0f} K", lift_K=lift,
                                     lift_min_K=fit.lift_min_K, lift_max_K=fit.lift_max_K))
    else:
        eta = generic_quality_grade()
        res = ExpectedCop(cop=float("nan"), basis="generic",
                          label=f"generic model (Carnot quality grade {eta:.2f}, not product data)",
                          eta=eta, model="carnot")
    if lift is None:
        res.notes.append(Message("product.no_source_T", "no source temperature in the case: COP not estimated"))
        return res
    if lift <= 0:
        res.notes.append(Message("product.no_lift", "sink outlet not above source inlet: no heat pump needed (direct "
                                 "heat exchange)"))
        return res
    case_model = res.model if (res.model == "carnot" or _has_glides(streams)) else "carnot"
    res.cop = res.eta * _ideal(case_model, streams)
    note = published_cop_note(product)
    if note:
        res.notes.append(note)
    return res


def published_cop_note(product: dict) -> str:
    """The COP a product's maker or a factsheet publishes without full conditions,
    in words with its provenance (empty when none is published)."""
    lo, hi = product.get("cop_published_min"), product.get("cop_published_max")
    if _isnan(lo) and _isnan(hi):
        return ""
    if not _isnan(lo) and not _isnan(hi) and lo != hi:
        rng = Message("product.cop_range", f"{lo:.1f}–{hi:.1f}", lo=float(lo), hi=float(hi))
    elif _isnan(lo):
        rng = Message("product.cop_up_to", f"up to {hi:.1f}", hi=float(hi))
    else:
        rng = Message("product.cop_value", f"{lo:.1f}", lo=float(lo))
    kind = str(product.get("claim"))
    claim = {"supplier_claim": "supplier claim", "case_study": "case study", "factsheet": "factsheet",
             "literature": "literature"}.get(kind, str(product.get("claim", "")))
    if kind in ("supplier_claim", "case_study", "factsheet", "literature"):
        claim = Message(f"product.claim_{kind}", claim)
    cond = product.get("cop_conditions")
    cond = Message("product.conditions_not_stated", "conditions not stated") \
        if _isnan(cond) or not str(cond).strip() else Message("product.conditions_data", str(cond), text=str(cond))
    return Message("product.published_cop", f"published COP {rng}: {cond} ({claim})", range=rng, conditions=cond,
                   claim=claim)


# ---------------------------------------------------------------------------------------
# matching
@dataclass
class ProductMatch:
    """One catalogue product checked against a case.

    Attributes
    ----------
    product_id, supplier, model, kind, refrigerant : str
        From the catalogue.
    status : str
        ``fits`` (inside every published limit), ``check`` (nothing excludes it but
        part of the envelope is not published, or it is oversized) or ``no``.
    reasons : list of str
        Why not (``no``) or what to check (``check``).
    units : int or None
        Units in parallel needed for the demand (None when the capacity is not
        published).
    expected : ExpectedCop or None
        Expected COP at the case (None for status ``no``).
    claim, source, confidence : str
        Provenance of the catalogue row.
    """

    product_id: str
    supplier: str
    model: str
    kind: str
    refrigerant: str
    status: str
    reasons: list[str]
    units: int | None
    expected: ExpectedCop | None
    claim: str
    source: str
    confidence: str
    notes: str = ""

    @property
    def cop(self) -> float:
        """Expected COP [-] (NaN when not estimated)."""
        return self.expected.cop if self.expected is not None else float("nan")

    def to_dict(self) -> dict:
        """JSON-ready dict (expected COP flattened to ``cop``, ``cop_basis``, ``cop_label``)."""
        e = self.expected
        return {
            "product_id": self.product_id, "supplier": self.supplier, "model": self.model, "kind": self.kind,
            "refrigerant": self.refrigerant, "status": self.status, "reasons": list(self.reasons),
            "units": self.units, "cop": self.cop, "cop_basis": e.basis if e else None,
            "cop_label": e.label if e else None, "cop_notes": list(e.notes) if e else [],
            "claim": self.claim, "source": self.source, "confidence": self.confidence, "notes": self.notes,
        }


def _num(v) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _media(text: str) -> set[str]:
    return {m.strip() for m in str(text).split(";") if m.strip()}


def _p_sat_water_Pa(T_C: float) -> float:
    return get_fluid("Water").state_Tq(C_to_K(T_C), 1.0).p_Pa


def check_envelope(product: dict, case) -> tuple[str, list[str], int | None]:
    """Check a case against one product's published envelope.

    Returns
    -------
    (str, list of str, int or None)
        Status (``fits``/``check``/``no``), reasons, units in parallel.
    """
    no: list[str] = []
    check: list[str] = []
    kind = product["kind"]
    name = f"{product['supplier']} {product['model']}"
    options = KIND_OPTIONS.get(kind, ())
    selected = set(case.selected_options)
    if case.process not in ("heat", "dryer"):
        return "no", [Message("product.not_process_heat", f"{case.process}: heat pumps and MVR do not apply "
                              "(kiln/furnace)", process=case.process)], None
    if not selected.intersection(options):
        no.append(Message("product.option_not_selected", f"{kind.replace('_', ' ')} stands for option(s) "
                          f"{', '.join(options)}, not selected in the case", kind=kind.replace('_', ' '),
                          options=", ".join(options)))
    sinks, sources = _media(product["sink_media"]), _media(product["source_media"])
    if sinks and case.sink_medium not in sinks:
        no.append(Message("product.sink_medium", f"delivers {' or '.join(sorted(sinks))}, the process needs "
                          f"{case.sink_medium}", media=" or ".join(sorted(sinks)), sink=case.sink_medium,
                          sink_media=sorted(sinks), sink_name=case.sink_medium))
    if case.T_source_in_C is None:
        no.append(Message("product.no_source", "the case has no waste-heat source (T_source_in_C)"))
    elif sources and case.source_medium not in sources:
        no.append(Message("product.source_medium", f"takes heat from {' or '.join(sorted(sources))}, the case's "
                          f"source is {case.source_medium}", media=" or ".join(sorted(sources)),
                          source=case.source_medium, source_media=sorted(sources), source_name=case.source_medium))
    T_out = case.T_sink_out_C
    T_max = _num(product.get("T_steam_max_C")) if case.sink_medium == "steam" else None
    T_max = T_max if T_max is not None else _num(product.get("T_sink_out_max_C"))
    T_min = _num(product.get("T_sink_out_min_C"))
    if T_max is None:
        check.append(Message("product.T_max_unpublished", "highest supply temperature not published"))
    elif T_out > T_max:
        no.append(Message("product.too_hot", f"needs {T_out:g} °C, delivers up to {T_max:g} °C", T_out_C=T_out,
                          T_max_C=T_max))
    if T_min is not None and T_out < T_min:
        no.append(Message("product.too_cold", f"needs {T_out:g} °C, below its range (from {T_min:g} °C)",
                          T_out_C=T_out, T_min_C=T_min))
    if case.T_source_in_C is not None:
        s_min, s_max = _num(product.get("T_source_in_min_C")), _num(product.get("T_source_in_max_C"))
        if s_min is not None and case.T_source_in_C < s_min:
            no.append(Message("product.source_too_cold", f"source at {case.T_source_in_C:g} °C is below its range "
                              f"(from {s_min:g} °C)", T_source_C=case.T_source_in_C, T_min_C=s_min))
        if s_max is not None and case.T_source_in_C > s_max:
            no.append(Message("product.source_too_hot", f"source at {case.T_source_in_C:g} °C is above its range "
                              f"(up to {s_max:g} °C)", T_source_C=case.T_source_in_C, T_max_C=s_max))
        lift = T_out - case.T_source_in_C
        lift_max = _num(product.get("lift_max_K"))
        if lift_max is not None and lift > lift_max:
            no.append(Message("product.lift", f"needs a lift of {lift:.0f} K, published up to {lift_max:g} K per unit",
                              lift_K=lift, lift_max_K=lift_max))
        pr_max = _num(product.get("pressure_ratio_max"))
        if pr_max is not None and kind == "mvr" and lift > 0 and not no:  # CoolProp only when it can decide
            try:
                pr = _p_sat_water_Pa(T_out) / _p_sat_water_Pa(case.T_source_in_C)
            except Exception as exc:  # outside water's saturation range: say so, do not guess
                check.append(Message("product.ratio_unchecked", f"pressure ratio not checked ({exc})", error=str(exc)))
            else:
                if pr > pr_max:
                    no.append(Message("product.ratio", f"needs a pressure ratio of {pr:.1f} on water vapour, "
                                      f"published up to {pr_max:g}", ratio=pr, ratio_max=pr_max))
    cap_min, cap_max = _num(product.get("capacity_min_kW")), _num(product.get("capacity_max_kW"))
    Q = case.heat_demand_kW
    units = None
    if cap_max is None:
        check.append(Message("product.capacity_unpublished", "capacity per unit not published"))
    else:
        units = max(1, math.ceil(Q / cap_max - 1e-9))
        if units > MAX_UNITS_IN_PARALLEL:
            no.append(Message("product.too_many_units", f"{Q:,.0f} kW would need {units} units of up to "
                              f"{cap_max:,.0f} kW (more than {MAX_UNITS_IN_PARALLEL} in parallel)", Q_kW=Q,
                              units=units, cap_max_kW=cap_max, max_units=MAX_UNITS_IN_PARALLEL))
        elif units > 1:
            check.append(Message("product.units_parallel", f"{units} units of up to {cap_max:,.0f} kW in parallel "
                                 f"for {Q:,.0f} kW", units=units, cap_max_kW=cap_max, Q_kW=Q))
    if cap_min is not None and Q < cap_min * OVERSIZE_FACTOR:
        check.append(Message("product.part_load", f"smallest unit {cap_min:,.0f} kW is larger than the {Q:,.0f} kW "
                             "demand (part load)", cap_min_kW=cap_min, Q_kW=Q))
    if not product.get("commercial", True):
        return "no", [Message("product.prototype", f"{name} is a laboratory prototype (kept for its published COP "
                              "point), not a product for sale", name=name)], units
    if no:
        return "no", no, units
    return ("check" if check else "fits"), check, units


def match_products(case, *, include_no: bool = True, commercial_only: bool = False) -> list[ProductMatch]:
    """Check every catalogue product against a case; expected COP for the candidates.

    Parameters
    ----------
    case : heatcalc.case.Case
        The case.
    include_no : bool
        Also return products that do not fit (with the reasons).
    commercial_only : bool
        Leave out laboratory prototypes altogether.

    Returns
    -------
    list of ProductMatch
        ``fits`` first, then ``check``, then ``no``; within a status by expected COP,
        highest first.
    """
    out: list[ProductMatch] = []
    for p in load_products().to_dict("records"):
        if commercial_only and not p["commercial"]:
            continue
        status, reasons, units = check_envelope(p, case)
        if status == "no" and not include_no:
            continue
        exp = expected_cop(p, case) if status != "no" else None
        out.append(ProductMatch(
            product_id=p["product_id"], supplier=p["supplier"], model=p["model"], kind=p["kind"],
            refrigerant="" if _isnan(p.get("refrigerant")) else str(p["refrigerant"]),
            status=status, reasons=reasons, units=units, expected=exp, claim=str(p["claim"]),
            source=str(p["source"]), confidence=str(p["confidence"]),
            notes="" if _isnan(p.get("notes")) else str(p["notes"])))

    def key(m: ProductMatch):
        c = m.cop
        return (STATUSES.index(m.status), -(c if math.isfinite(c) else -1.0), m.supplier)

    return sorted(out, key=key)
