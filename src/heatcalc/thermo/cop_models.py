"""Quick COP screening models: Carnot, Lorenz, fractions of them, Jesper et al. (2021).

These need only temperatures (no refrigerant, no cycle) and are meant for first
screening and for comparison with the stream-matched design
(:mod:`heatcalc.thermo.pinch`). All functions accept floats or numpy arrays (K) and are
vectorised.

Models with a validity range (the empirical Jesper correlations, the quality
grades) return a :class:`QuickResult`: the number **and** a list of warnings when
an input lies outside the range the model was fitted on — never silently.
Every coefficient is read from ``data/cop_models.csv`` with its source.

References
----------
Reinholdt, L. et al. (2018). Heat pump COP, part 1: generalized method for
screening of system integration potentials. 13th IIR Gustav Lorentzen Conference.
doi:10.18462/iir.gl.2018.1380

Jesper, M., Schlosser, F., Pag, F., Walmsley, T. G., Schmitt, B., Vajen, K. (2021).
Large-scale heat pumps: Uptake and performance modelling of market-available
devices. Renewable and Sustainable Energy Reviews 137, 110646.
doi:10.1016/j.rser.2020.110646

Arpagaus, C., Bless, F., Uhlmann, M., Schiffmann, J., Bertsch, S. S. (2018). High
temperature heat pumps: Market overview, state of the art, research status,
refrigerants, and application potentials. Energy 152, 985-1010.
doi:10.1016/j.energy.2018.03.166
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.units import C_to_K, K_to_C

#: Models of :func:`jesper_cop`.
JESPER_MODELS = ("conventional", "vhthp")
#: Heat-pump classes with a default quality grade (:func:`default_quality_grade`).
HP_CLASSES = ("hthp", "conventional")


@dataclass
class QuickResult:
    """A quick-model COP with the warnings that belong to it.

    Attributes
    ----------
    cop : float or ndarray
        Heating COP [-].
    model : str
        Model used (``carnot_fraction``, ``lorenz_fraction``,
        ``jesper2021_conventional``, ``jesper2021_vhthp``, ``jesper2021_mixed`` (``auto`` across
        100 °C), ``jesper2021_blended``).
    warnings : list of str
        Inputs outside the model's validity range (the COP is still returned).
    parameters : dict
        Coefficients used.
    """

    cop: float | np.ndarray
    model: str
    warnings: list[str] = field(default_factory=list)
    parameters: dict = field(default_factory=dict)


def _arr(x, name: str) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(a)):
        raise InputError(f"{name} must be finite temperatures in K")
    if np.any(a <= 0):
        raise out_of_range(name, a[a <= 0].flat[0], "K", "above 0 K (absolute temperature)")
    return a


def _out(a: np.ndarray):
    return float(a) if a.ndim == 0 else a


def log_mean_temperature(T_in_K, T_out_K):
    """Logarithmic mean of two temperatures.

    ``T_lm = (T_out - T_in) / ln(T_out / T_in)``; equal temperatures give that
    temperature. For a stream of constant heat capacity this is its entropic
    mean temperature (heat over entropy change).

    Parameters
    ----------
    T_in_K, T_out_K : float or ndarray
        Inlet and outlet temperature [K].

    Returns
    -------
    float or ndarray
        Log-mean temperature [K].

    Raises
    ------
    InputError
        Non-finite or non-positive temperatures.

    Examples
    --------
    >>> round(log_mean_temperature(333.15, 363.15), 2)
    347.94
    """
    a, b = _arr(T_in_K, "T_in_K"), _arr(T_out_K, "T_out_K")
    a, b = np.broadcast_arrays(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = b / a
        lm = np.where(np.abs(r - 1.0) < 1e-9, 0.5 * (a + b), (b - a) / np.log(r))
    return _out(lm)


def carnot_cop(T_sink_K, T_source_K):
    """Carnot heating COP between a sink and a source temperature.

    Parameters
    ----------
    T_sink_K : float or ndarray
        Temperature of heat rejection [K]; for streams usually the sink outlet.
    T_source_K : float or ndarray
        Temperature of heat absorption [K]; for streams usually the source outlet.

    Returns
    -------
    float or ndarray
        ``T_sink / (T_sink - T_source)`` [-].

    Raises
    ------
    InputError
        Non-finite or non-positive temperatures.
    PhysicalBoundsError
        If a sink temperature is not above its source temperature.

    Examples
    --------
    >>> round(carnot_cop(363.15, 288.15), 2)
    4.84
    """
    if type(T_sink_K) is float and type(T_source_K) is float and 0.0 < T_source_K < T_sink_K < math.inf:
        return T_sink_K / (T_sink_K - T_source_K)  # the scalar hot path of the cycle models
    h, c = np.broadcast_arrays(_arr(T_sink_K, "T_sink_K"), _arr(T_source_K, "T_source_K"))
    if np.any(h <= c):
        i = np.flatnonzero((h <= c).ravel())[0]
        raise PhysicalBoundsError(
            f"T_sink={K_to_C(h.flat[i]):.2f} °C must be above T_source={K_to_C(c.flat[i]):.2f} °C "
            "for a heat pump (otherwise direct heat exchange suffices)")
    return _out(h / (h - c))


def carnot_cop_streams(T_source_in_K, T_sink_out_K):
    """Carnot COP of a heat pump between two streams: **source inlet → sink outlet**.

    The one convention heatcalc uses wherever a Carnot quality grade multiplies a Carnot COP
    (the generic 0.45 grade of :func:`carnot_fraction_cop`, the quality grades fitted to product
    COPs in :mod:`heatcalc.options.products`, the Carnot check of supplier datasheets in
    :mod:`heatcalc.thermo.datasheet`): the warmest heat the source offers and the hottest heat the
    sink needs, the two temperatures a datasheet or catalogue states. It is the highest Carnot COP
    the streams allow, so grade × it stays below the streams' Carnot bound for any grade ≤ 1.

    Parameters
    ----------
    T_source_in_K, T_sink_out_K : float or ndarray
        Source inlet and sink outlet temperature [K].

    Returns
    -------
    float or ndarray
        ``T_sink_out / (T_sink_out − T_source_in)`` [-].

    Raises
    ------
    InputError, PhysicalBoundsError
        As :func:`carnot_cop`.

    Examples
    --------
    >>> round(carnot_cop_streams(318.15, 363.15), 2)   # Cao/Zhang: source 45 °C -> sink 90 °C
    8.07
    """
    return carnot_cop(T_sink_out_K, T_source_in_K)


def lorenz_cop(T_sink_in_K, T_sink_out_K, T_source_in_K, T_source_out_K):
    """Lorenz heating COP of a sink and a source stream with temperature glide.

    ``COP_Lorenz = T_lm,sink / (T_lm,sink - T_lm,source)`` with log-mean
    temperatures (:func:`log_mean_temperature`): the reversible COP between two
    streams of constant heat capacity (Reinholdt et al. 2018).

    Parameters
    ----------
    T_sink_in_K, T_sink_out_K : float or ndarray
        Sink inlet and outlet temperature [K].
    T_source_in_K, T_source_out_K : float or ndarray
        Source inlet and outlet temperature [K].

    Returns
    -------
    float or ndarray
        Lorenz COP [-].

    Raises
    ------
    InputError
        Non-finite or non-positive temperatures.
    PhysicalBoundsError
        If the sink's mean temperature is not above the source's.

    Examples
    --------
    Reinholdt et al. (2018): source 40 → 15 °C, sink 60 → 90 °C.

    >>> round(lorenz_cop(333.15, 363.15, 313.15, 288.15), 2)
    7.33
    """
    T_h = np.asarray(log_mean_temperature(T_sink_in_K, T_sink_out_K))
    T_c = np.asarray(log_mean_temperature(T_source_in_K, T_source_out_K))
    T_h, T_c = np.broadcast_arrays(T_h, T_c)
    if np.any(T_h <= T_c):
        i = np.flatnonzero((T_h <= T_c).ravel())[0]
        raise PhysicalBoundsError(
            f"sink log-mean temperature {K_to_C(T_h.flat[i]):.2f} °C must be above the source's "
            f"{K_to_C(T_c.flat[i]):.2f} °C for a heat pump (otherwise direct heat exchange suffices)")
    return _out(T_h / (T_h - T_c))


@lru_cache(maxsize=1)
def _coefficients() -> dict:
    df = read_csv("cop_models.csv")
    out: dict = {}
    for row in df.itertuples(index=False):
        out.setdefault(row.model, {})[row.parameter] = float(row.value)
    return out


def model_parameters(model: str) -> dict:
    """Coefficients and validity limits of a quick model from ``data/cop_models.csv``.

    Parameters
    ----------
    model : str
        ``jesper2021_conventional``, ``jesper2021_vhthp`` or ``carnot_fraction``.

    Returns
    -------
    dict
        ``{parameter: value}`` in the units of the data file.

    Raises
    ------
    InputError
        Unknown model.
    """
    c = _coefficients()
    if model not in c:
        raise out_of_range("model", repr(model), "-", "one of " + ", ".join(sorted(c)))
    return dict(c[model])


def default_quality_grade(hp_class: str = "hthp") -> float:
    """Default Carnot quality grade (real COP / Carnot COP) of a heat-pump class.

    Parameters
    ----------
    hp_class : {"hthp", "conventional"}
        High-temperature (industrial) or conventional heat pump.

    Returns
    -------
    float
        0.45 for ``hthp`` (Arpagaus et al. 2018, via a secondary source),
        0.35 for ``conventional`` (oemof.thermal, monitored GRECO data); read from
        ``data/cop_models.csv``.

    Raises
    ------
    InputError
        Unknown class.
    """
    if hp_class not in HP_CLASSES:
        raise out_of_range("hp_class", repr(hp_class), "-", "one of " + ", ".join(HP_CLASSES))
    return model_parameters("carnot_fraction")[f"quality_grade_{hp_class}"]


def _check_grade(g: float) -> float:
    if not (np.isfinite(g) and 0.0 < g <= 1.0):
        raise out_of_range("quality_grade", g, "-", "(0, 1]")
    return float(g)


def carnot_fraction_cop(T_sink_K, T_source_K, quality_grade: float | None = None,
                        hp_class: str = "hthp") -> QuickResult:
    """COP as a fixed fraction (quality grade) of the Carnot COP.

    ``COP = g · T_sink / (T_sink - T_source)``, for streams with the one convention of
    :func:`carnot_cop_streams`: sink **outlet** and source **inlet**.

    Parameters
    ----------
    T_sink_K : float or ndarray
        Sink temperature [K] (sink outlet).
    T_source_K : float or ndarray
        Source temperature [K] (source inlet, as :func:`carnot_cop_streams`).
    quality_grade : float, optional
        Quality grade ``g`` [-] in (0, 1]; default :func:`default_quality_grade` of ``hp_class``.
    hp_class : {"hthp", "conventional"}
        Class whose default grade is used.

    Returns
    -------
    QuickResult
        A warning when the conventional grade is used above 100 °C sink
        temperature (the grade comes from building heat pumps).

    Raises
    ------
    InputError
        Bad temperatures, grade or class.
    PhysicalBoundsError
        Sink not above source.

    Examples
    --------
    >>> round(carnot_fraction_cop(363.15, 288.15).cop, 3)   # 0.45 x 4.842
    2.179
    """
    g = _check_grade(default_quality_grade(hp_class) if quality_grade is None else quality_grade)
    cop = np.asarray(carnot_cop(T_sink_K, T_source_K))
    warnings = []
    if hp_class == "conventional" and np.any(np.asarray(T_sink_K) > C_to_K(100.0)):
        warnings.append("quality grade of conventional heat pumps used for a sink above 100 °C; "
                        "use hp_class='hthp'")
    return QuickResult(_out(g * cop), "carnot_fraction", warnings, {"quality_grade": g})


def lorenz_fraction_cop(T_sink_in_K, T_sink_out_K, T_source_in_K, T_source_out_K,
                        quality_grade: float) -> QuickResult:
    """COP as a fixed fraction (Lorenz efficiency) of the Lorenz COP.

    ``COP = g · COP_Lorenz`` (:func:`lorenz_cop`). There is no default grade: the
    Lorenz efficiency of real machines depends on glide matching and no sourced
    default is in ``data/cop_models.csv``; pass the value you rely on.

    Parameters
    ----------
    T_sink_in_K, T_sink_out_K, T_source_in_K, T_source_out_K : float or ndarray
        Stream temperatures [K].
    quality_grade : float
        Lorenz efficiency [-] in (0, 1].

    Returns
    -------
    QuickResult

    Raises
    ------
    InputError
        Bad temperatures or grade.
    PhysicalBoundsError
        Sink mean temperature not above the source's.
    """
    g = _check_grade(quality_grade)
    cop = np.asarray(lorenz_cop(T_sink_in_K, T_sink_out_K, T_source_in_K, T_source_out_K))
    return QuickResult(_out(g * cop), "lorenz_fraction", [], {"quality_grade": g})


def _count(mask: np.ndarray) -> str:
    n = int(np.count_nonzero(mask))
    return "" if mask.ndim == 0 or mask.size == 1 else f" ({n} of {mask.size} points)"


def jesper_cop(T_sink_out_K, T_source_out_K, model: str = "blended") -> QuickResult:
    """COP of large-scale heat pumps from the Jesper et al. (2021) regressions.

    Conventional (sink up to 100 °C)::

        COP = a · (ΔT_lift + 2b)^c · (T_sink,out + b)^d

    Very-high-temperature heat pumps, VHTHP (sink 100–160 °C)::

        COP = a · (ΔT_lift + 2d)^b · (T_sink,out + d)^c

    with ``ΔT_lift = T_sink,out − T_source,out`` [K] and ``T_sink,out`` the sink
    **outlet** (supply) temperature in **K**. Coefficients and validity ranges
    come from ``data/cop_models.csv``; what was verified about the published form
    is in ``docs/methods.md`` ("Quick models").

    Parameters
    ----------
    T_sink_out_K : float or ndarray
        Sink outlet (supply) temperature [K].
    T_source_out_K : float or ndarray
        Source outlet temperature [K].
    model : {"blended", "auto", "conventional", "vhthp"}
        ``blended`` (default): ``conventional`` up to the 100 °C sink outlet where the
        two fits meet; above it the VHTHP fit plus the two fits' difference at 100 °C
        (same lift), fading linearly to zero at the VHTHP fit's upper sink limit
        (160 °C): continuous at 100 °C, the VHTHP fit itself at 160 °C and above. Only
        the paper's validity limits enter the rule, no new number. ``auto`` switches
        from one fit to the other at 100 °C, point by point (jumps of up to 22 %).

    Returns
    -------
    QuickResult
        COP and one warning per validity limit exceeded (sink range, lift range,
        source range for VHTHP), with the number of points for arrays.

    Raises
    ------
    InputError
        Bad temperatures or model name.
    PhysicalBoundsError
        Sink outlet not above source outlet (no lift).

    Examples
    --------
    >>> r = jesper_cop(393.15, 353.15, "vhthp")      # VHTHP, sink 120 °C, lift 40 K
    >>> round(r.cop, 2), r.warnings
    (4.12, [])
    """
    if model not in ("blended", "auto") + JESPER_MODELS:
        raise out_of_range("model", repr(model), "-", "one of blended, auto, " + ", ".join(JESPER_MODELS))
    T_s, T_c = np.broadcast_arrays(_arr(T_sink_out_K, "T_sink_out_K"), _arr(T_source_out_K, "T_source_out_K"))
    if np.any(T_s <= T_c):
        i = np.flatnonzero((T_s <= T_c).ravel())[0]
        raise PhysicalBoundsError(
            f"T_sink_out={K_to_C(T_s.flat[i]):.2f} °C must be above T_source_out={K_to_C(T_c.flat[i]):.2f} °C "
            "for the Jesper correlations (they need a temperature lift)")
    lift = T_s - T_c
    pc, pv = model_parameters("jesper2021_conventional"), model_parameters("jesper2021_vhthp")
    cop_conv = pc["a"] * (lift + 2 * pc["b"]) ** pc["c"] * (T_s + pc["b"]) ** pc["d"]
    cop_vht = pv["a"] * (lift + 2 * pv["d"]) ** pv["b"] * (T_s + pv["d"]) ** pv["c"]
    if model in ("auto", "blended"):
        use_v = T_s > C_to_K(pc["T_sink_out_max_C"])
    else:
        use_v = np.full(T_s.shape, model == "vhthp")
    cop = np.where(use_v, cop_vht, cop_conv)
    if model == "blended":
        T_sw, T_top = C_to_K(pc["T_sink_out_max_C"]), C_to_K(pv["T_sink_out_max_C"])
        conv_sw = pc["a"] * (lift + 2 * pc["b"]) ** pc["c"] * (T_sw + pc["b"]) ** pc["d"]
        vht_sw = pv["a"] * (lift + 2 * pv["d"]) ** pv["b"] * (T_sw + pv["d"]) ** pv["c"]
        fade = np.clip((T_top - T_s) / (T_top - T_sw), 0.0, 1.0)
        cop = np.where(use_v, cop_vht + (conv_sw - vht_sw) * fade, cop_conv)

    warnings: list[str] = []

    def warn(mask, text):
        if np.any(mask):
            warnings.append(text + _count(mask))

    conv = ~use_v
    warn(conv & (T_s > C_to_K(pc["T_sink_out_max_C"])),
         f"Jesper conventional: sink outlet above its validity limit {pc['T_sink_out_max_C']:g} °C")
    warn(conv & ((lift < pc["dT_lift_min_K"]) | (lift > pc["dT_lift_max_K"])),
         f"Jesper conventional: lift outside its validity range {pc['dT_lift_min_K']:g}-{pc['dT_lift_max_K']:g} K")
    warn(use_v & ((T_s < C_to_K(pv["T_sink_out_min_C"])) | (T_s > C_to_K(pv["T_sink_out_max_C"]))),
         f"Jesper VHTHP: sink outlet outside its validity range "
         f"{pv['T_sink_out_min_C']:g}-{pv['T_sink_out_max_C']:g} °C")
    warn(use_v & ((lift < pv["dT_lift_min_K"]) | (lift > pv["dT_lift_max_K"])),
         f"Jesper VHTHP: lift outside its validity range {pv['dT_lift_min_K']:g}-{pv['dT_lift_max_K']:g} K")
    warn(use_v & ((T_c < C_to_K(pv["T_source_min_C"])) | (T_c > C_to_K(pv["T_source_max_C"]))),
         f"Jesper VHTHP: source outside its validity range {pv['T_source_min_C']:g}-{pv['T_source_max_C']:g} °C")

    if model == "blended":
        name, params = "jesper2021_blended", {"conventional": pc, "vhthp": pv}
    elif np.all(use_v):
        name, params = "jesper2021_vhthp", pv
    elif not np.any(use_v):
        name, params = "jesper2021_conventional", pc
    else:
        name, params = "jesper2021_mixed", {"conventional": pc, "vhthp": pv}
    return QuickResult(_out(cop), name, warnings, params)
