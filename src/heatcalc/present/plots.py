"""Plotly figures of heatcalc results — pure functions, no Streamlit.

The app and the report draw the same figures from these builders. Each takes
library results (result rows, a :class:`~heatcalc.thermo.cycles.CycleResult`, hourly
frames) and a language code, and returns a ``plotly.graph_objects.Figure``.
Axis titles carry units; texts come from :mod:`heatcalc.present.i18n`.

Builders
--------
* :func:`cost_split_figure` — annual cost per option: commodity / energy tax /
  network / CO2 / maintenance (stacked).
* :func:`co2_split_figure` — CO2 per option: scope 1 (fuel) / process / grid.
* :func:`option_bar_figure` — one result column per option.
* :func:`ph_diagram`, :func:`ts_diagram` — log p–h and T–s with the fluid's
  saturation dome and the cycle drawn along its real process paths.
* :func:`tq_figure` — T–Q diagram of a heat exchanger with the pinch marked
  (:func:`cycle_tq_curves` builds the curves from a cycle and linear streams).
* :func:`dispatch_figure`, :func:`load_duration_figure`, :func:`storage_figure`,
  :func:`sweep_figure` — hourly results.
* :func:`tornado_figure` — sensitivity of one result to the inputs.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from heatcalc.core.errors import HeatCalcError
from heatcalc.core.units import J_to_kJ, K_to_C, Pa_to_bar
from heatcalc.present.i18n import choice_label, column_label, fmt_number, t
from heatcalc.thermo.fluids import get_fluid

#: Cost components of the result rows, in stacking order.
COST_PARTS = ("opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr",
              "opex_co2_EUR_per_yr", "opex_om_EUR_per_yr")
#: CO2 components of the result rows, in stacking order.
CO2_PARTS = ("co2_fuel_t_per_yr", "co2_process_t_per_yr", "co2_grid_t_per_yr")

_PART_COLOURS = {
    "opex_commodity_EUR_per_yr": "#4C78A8", "opex_energy_tax_EUR_per_yr": "#F58518",
    "opex_network_EUR_per_yr": "#72B7B2", "opex_co2_EUR_per_yr": "#54A24B", "opex_om_EUR_per_yr": "#B279A2",
    "co2_fuel_t_per_yr": "#E45756", "co2_process_t_per_yr": "#9D755D", "co2_grid_t_per_yr": "#4C78A8",
}
#: heatcalc's own light plot style. A small explicit template keeps figure building fast:
#: without one plotly deep-copies its large default template into every new figure.
TEMPLATE = go.layout.Template(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", font=dict(family="Arial, sans-serif", size=13, color="#2a3f5f"),
    xaxis=dict(gridcolor="#EBF0F8", zerolinecolor="#C8D4E3", linecolor="#C8D4E3", automargin=True),
    yaxis=dict(gridcolor="#EBF0F8", zerolinecolor="#C8D4E3", linecolor="#C8D4E3", automargin=True),
    hoverlabel=dict(align="left"), title=dict(x=0.0, xanchor="left"),
    colorway=["#4C78A8", "#F58518", "#E45756", "#72B7B2", "#54A24B", "#EECA3B", "#B279A2", "#9D755D"]))
_LAYOUT = dict(template=TEMPLATE, margin=dict(l=60, r=20, t=50, b=50), legend=dict(orientation="h", y=-0.2))


def _rows(rows) -> list[dict]:
    """Result rows as a list of dicts (accepts a DataFrame or an iterable of dicts)."""
    if hasattr(rows, "to_dict"):
        return rows.to_dict("records")
    return [dict(r) for r in rows]


def _num(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return v


def _option_names(rows: list[dict], lang: str) -> list[str]:
    names = []
    for r in rows:
        name = choice_label("option", r.get("option", "?"), lang)
        if r.get("best"):
            name = "★ " + name
        names.append(name)
    return names


def _ok(rows) -> list[dict]:
    return [r for r in _rows(rows) if r.get("status", "ok") == "ok"]


def _stacked(rows, parts: Sequence[str], title: str, lang: str) -> go.Figure:
    """Horizontal stacked bars, one bar per feasible option (baseline on top), so that
    long option names stay readable."""
    rows = _ok(rows)
    names = _option_names(rows, lang)
    bars = []
    for part in parts:
        x = [_num(r.get(part)) for r in rows]
        if all(math.isnan(v) for v in x):
            continue
        bars.append(go.Bar(name=column_label(part, lang, unit=False), y=names, x=x, orientation="h",
                           marker_color=_PART_COLOURS.get(part),
                           hovertemplate="%{y}<br>%{fullData.name}: %{x:,.0f}<extra></extra>"))
    layout = dict(_LAYOUT, barmode="relative", title=dict(text=title), height=170 + 42 * max(len(rows), 1),
                  legend=dict(orientation="h", yanchor="top", y=-0.18, x=0), margin=dict(l=60, r=20, t=50, b=40),
                  yaxis=dict(autorange="reversed"), xaxis=dict(tickformat="~s"))
    return go.Figure(data=bars, layout=layout)


def cost_split_figure(rows, lang: str = "en") -> go.Figure:
    """Stacked bars of annual operating cost per feasible option [€/yr].

    Parameters
    ----------
    rows : list of dict or DataFrame
        Result rows (baseline first) with the ``opex_*_EUR_per_yr`` columns.
    lang : str
        ``en`` or ``nl``.
    """
    return _stacked(rows, COST_PARTS, t("chart_cost", lang), lang)


def co2_split_figure(rows, lang: str = "en") -> go.Figure:
    """Stacked bars of CO2 per feasible option [t/yr]: scope 1 fuel, process, grid
    (negative grid CO2 is a CHP's credit)."""
    return _stacked(rows, CO2_PARTS, t("chart_co2", lang), lang)


def option_bar_figure(rows, column: str, lang: str = "en") -> go.Figure:
    """One result column as bars per feasible option."""
    rows = _ok(rows)
    fig = go.Figure(go.Bar(x=_option_names(rows, lang), y=[_num(r.get(column)) for r in rows],
                           marker_color="#4C78A8"), layout=_LAYOUT)
    fig.update_layout(title=column_label(column, lang))
    return fig


# --------------------------------------------------------------------------------------
# thermodynamic diagrams
@lru_cache(maxsize=32)
def saturation_dome(fluid_name: str, T_low_K: float | None = None, n: int = 80) -> dict[str, np.ndarray]:
    """Saturated liquid and vapour lines of a fluid from ``T_low_K`` to just below
    the critical point.

    Parameters
    ----------
    fluid_name : str
        Fluid (CoolProp or catalogue name).
    T_low_K : float, optional
        Lowest temperature [K]; default the fluid's lowest saturation temperature.
    n : int
        Points per line (spaced more densely towards the critical point).

    Returns
    -------
    dict
        ``T_C``, ``p_bar``, ``h_liq_kJ_per_kg``, ``h_vap_kJ_per_kg``, ``s_liq_kJ_per_kgK``,
        ``s_vap_kJ_per_kgK`` (arrays of equal length) and ``T_crit_C``, ``p_crit_bar``.
    """
    fl = get_fluid(fluid_name)
    lo = max(fl.T_min_K + 0.01, T_low_K if T_low_K is not None else fl.T_min_K)
    hi = fl.T_crit_K * 0.9995
    # cosine spacing: denser near the critical point where the dome turns
    f = 1.0 - np.cos(np.linspace(0.0, math.pi / 2, n))
    T = lo + (hi - lo) * f
    out = {k: [] for k in ("T_C", "p_bar", "h_liq_kJ_per_kg", "h_vap_kJ_per_kg", "s_liq_kJ_per_kgK",
                           "s_vap_kJ_per_kgK")}
    for T_K in T:
        try:
            liq = fl.state_Tq(float(T_K), 0.0)
            vap = fl.state_Tq(float(T_K), 1.0)
        except HeatCalcError:
            continue
        out["T_C"].append(K_to_C(T_K))
        out["p_bar"].append(Pa_to_bar(liq.p_Pa))
        out["h_liq_kJ_per_kg"].append(J_to_kJ(liq.h_J_per_kg))
        out["h_vap_kJ_per_kg"].append(J_to_kJ(vap.h_J_per_kg))
        out["s_liq_kJ_per_kgK"].append(J_to_kJ(liq.s_J_per_kgK))
        out["s_vap_kJ_per_kgK"].append(J_to_kJ(vap.s_J_per_kgK))
    res = {k: np.asarray(v) for k, v in out.items()}
    res["T_crit_C"] = K_to_C(fl.T_crit_K)
    res["p_crit_bar"] = Pa_to_bar(fl.p_crit_Pa)
    return res


#: Processes (pairs of state indices into ``CycleResult.states``) drawn for each
#: known topology; other topologies are drawn by joining the states in order.
_SEGMENTS = {
    "single_stage": ((0, 1), (1, 2), (2, 3), (3, 0)),
    # 1 → 2 → 3 → 6 → 4 → 5 → 1
    "single_stage_ihx": ((0, 1), (1, 2), (2, 5), (5, 3), (3, 4), (4, 0)),
    "transcritical": ((0, 1), (1, 2), (2, 3), (3, 0)),
    "transcritical_ihx": ((0, 1), (1, 2), (2, 5), (5, 3), (3, 4), (4, 0)),
    # 1 → 5 → 9 → 2 → 3 → 6 → 7 → 4 → 1, and the flash vapour 6 → 8 → 9
    "two_stage": ((0, 4), (4, 8), (8, 1), (1, 2), (2, 5), (5, 6), (6, 3), (3, 0), (5, 7), (7, 8)),
}


def _segment_kind(a, b) -> str:
    if abs(a.p_Pa - b.p_Pa) <= 1e-6 * max(a.p_Pa, b.p_Pa):
        return "isobar"
    if b.p_Pa > a.p_Pa:
        return "compression"
    return "throttle"


def _segment(fl, a, b, kind: str, n: int) -> list[tuple[float, float, float, float]]:
    """Points (h, p, T, s) along a process from state a to state b."""
    pts = []
    try:
        if kind == "isobar":
            for h in np.linspace(a.h_J_per_kg, b.h_J_per_kg, n):
                st = fl.state_ph(a.p_Pa, float(h))
                pts.append((st.h_J_per_kg, st.p_Pa, st.T_K, st.s_J_per_kgK))
        elif kind == "throttle":
            for p in np.geomspace(a.p_Pa, b.p_Pa, n):
                st = fl.state_ph(float(p), a.h_J_per_kg)
                pts.append((st.h_J_per_kg, st.p_Pa, st.T_K, st.s_J_per_kgK))
        else:  # compression with the overall isentropic efficiency applied along the path
            h_s_end = fl.state_ps(b.p_Pa, a.s_J_per_kgK).h_J_per_kg
            eta = (h_s_end - a.h_J_per_kg) / (b.h_J_per_kg - a.h_J_per_kg) if b.h_J_per_kg != a.h_J_per_kg else 1.0
            for p in np.geomspace(a.p_Pa, b.p_Pa, n):
                h_s = fl.state_ps(float(p), a.s_J_per_kgK).h_J_per_kg
                st = fl.state_ph(float(p), a.h_J_per_kg + (h_s - a.h_J_per_kg) / eta)
                pts.append((st.h_J_per_kg, st.p_Pa, st.T_K, st.s_J_per_kgK))
    except HeatCalcError:
        pts = []
    if not pts:  # a straight line is better than no line
        pts = [(s.h_J_per_kg, s.p_Pa, s.T_K, s.s_J_per_kgK) for s in (a, b)]
    return pts


def cycle_path(cycle, n: int = 25) -> dict[str, np.ndarray]:
    """The cycle's processes along their real paths, for drawing.

    Isobaric heat exchange follows the isobar through the dome, throttling the
    isenthalp, compression a constant-efficiency path. Processes are separated by
    NaN so that one line trace draws them all (branches such as a flash tank's
    vapour line included).

    Parameters
    ----------
    cycle : CycleResult
        A single-fluid cycle (for a cascade, pass each of ``cycle.parts``).
    n : int
        Points per process.

    Returns
    -------
    dict
        ``h_kJ_per_kg``, ``p_bar``, ``T_C``, ``s_kJ_per_kgK`` arrays.
    """
    fl = get_fluid(cycle.fluid)
    st = cycle.states
    segments = _SEGMENTS.get(cycle.topology)
    if segments is None:
        idx = list(range(len(st)))
        segments = tuple(zip(idx, idx[1:] + idx[:1]))
    pts: list[tuple[float, float, float, float]] = []
    nan = (math.nan,) * 4
    for i, j in segments:
        if i < len(st) and j < len(st):
            pts += _segment(fl, st[i], st[j], _segment_kind(st[i], st[j]), n) + [nan]
    arr = np.asarray(pts)
    return {"h_kJ_per_kg": J_to_kJ(arr[:, 0]), "p_bar": Pa_to_bar(arr[:, 1]), "T_C": K_to_C(arr[:, 2]),
            "s_kJ_per_kgK": J_to_kJ(arr[:, 3])}


def _parts(cycle) -> list:
    """Single-fluid cycles to draw: the parts of a cascade, else the cycle itself."""
    parts = getattr(cycle, "parts", None) or {}
    return list(parts.values()) if parts else [cycle]


def _state_points(cycle) -> dict[str, list]:
    return {"h": [J_to_kJ(s.h_J_per_kg) for s in cycle.states], "p": [Pa_to_bar(s.p_Pa) for s in cycle.states],
            "T": [K_to_C(s.T_K) for s in cycle.states], "s": [J_to_kJ(s.s_J_per_kgK) for s in cycle.states],
            "label": [s.label.split(" ")[0] for s in cycle.states],
            "hover": [s.label for s in cycle.states]}


def _dome_low_K(cycle) -> float:
    return min(s.T_K for s in cycle.states) - 30.0


_CYCLE_COLOURS = ("#E45756", "#4C78A8", "#54A24B")
_DOME_COLOURS = ("#888", "#A9B8CC", "#A8C8A0")


def _thermo_diagram(cycle, lang: str, x: str, y: str, title_key: str) -> go.Figure:
    """Shared body of the p–h and T–s diagrams (x/y: keys of dome and path arrays)."""
    dome_keys = {"h": ("h_liq_kJ_per_kg", "h_vap_kJ_per_kg"), "s": ("s_liq_kJ_per_kgK", "s_vap_kJ_per_kgK"),
                 "p": ("p_bar", "p_bar"), "T": ("T_C", "T_C")}
    path_keys = {"h": "h_kJ_per_kg", "s": "s_kJ_per_kgK", "p": "p_bar", "T": "T_C"}
    units = {"h": "kJ/kg", "s": "kJ/(kg K)", "p": "bar", "T": "°C"}
    fmt = {"h": ".1f", "s": ".4f", "p": ".3f", "T": ".1f"}
    hover = f"{x} %{{x:{fmt[x]}}} {units[x]}<br>{y} %{{y:{fmt[y]}}} {units[y]}"
    fig = go.Figure(layout=_LAYOUT)
    parts = _parts(cycle)
    seen_fluids = []
    for k, part in enumerate(parts):
        colour = _CYCLE_COLOURS[k % len(_CYCLE_COLOURS)]
        if part.fluid not in seen_fluids:
            seen_fluids.append(part.fluid)
            dome = saturation_dome(part.fluid, _dome_low_K(part))
            xl, xv = dome_keys[x]
            yl, yv = dome_keys[y]
            name = t("dome", lang) + (f" {part.fluid}" if len(parts) > 1 else "")
            fig.add_scatter(x=np.concatenate([dome[xl], dome[xv][::-1]]), y=np.concatenate([dome[yl], dome[yv][::-1]]),
                            mode="lines", name=name, line=dict(color=_DOME_COLOURS[k % len(_DOME_COLOURS)], width=1.5),
                            hovertemplate=hover + "<extra></extra>")
        path = cycle_path(part)
        fig.add_scatter(x=path[path_keys[x]], y=path[path_keys[y]], mode="lines", connectgaps=False,
                        name=f"{t('cycle', lang)} {part.fluid}", line=dict(color=colour, width=3), hoverinfo="skip")
        pts = _state_points(part)
        fig.add_scatter(x=pts[x], y=pts[y], mode="markers+text", text=pts["label"], textposition="top center",
                        marker=dict(size=9, color=colour), showlegend=False, customdata=pts["hover"],
                        hovertemplate="%{customdata}<br>" + hover + "<extra></extra>")
    fig.update_xaxes(title=t({"h": "ax_h", "s": "ax_s"}[x], lang))
    fig.update_yaxes(title=t({"p": "ax_p", "T": "ax_T"}[y], lang), type="log" if y == "p" else None)
    if y == "p":  # 1-2-5 ticks per decade instead of every digit
        vals = [v for tr in fig.data for v in np.asarray(tr.y, dtype=float) if np.isfinite(v) and v > 0]
        fig.update_yaxes(tickvals=_ticks_125(min(vals), max(vals)), tickformat="~g")
    fig.update_layout(title=f"{t(title_key, lang)} — {' / '.join(seen_fluids)}")
    return fig


def _ticks_125(lo: float, hi: float) -> list[float]:
    """Ticks 1, 2, 5 × 10^k covering ``[lo, hi]`` (for log axes)."""
    out = []
    for k in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1):
        out += [m * 10.0 ** k for m in (1, 2, 5)]
    return [v for v in out if lo / 2.5 <= v <= hi * 2.5]


def ph_diagram(cycle, lang: str = "en") -> go.Figure:
    """log p–h diagram: the fluid's saturation dome and the cycle (a cascade: both
    stages, each with its fluid's dome).

    Parameters
    ----------
    cycle : CycleResult
    lang : str
    """
    return _thermo_diagram(cycle, lang, "h", "p", "cd_ph")


def ts_diagram(cycle, lang: str = "en") -> go.Figure:
    """T–s diagram: the fluid's saturation dome and the cycle."""
    return _thermo_diagram(cycle, lang, "s", "T", "cd_ts")


# --------------------------------------------------------------------------------------
# T–Q diagrams
def pinch_of(Q_kW: np.ndarray, T_hot_C: np.ndarray, T_cold_C: np.ndarray) -> tuple[float, float, float, float]:
    """Pinch of two curves on the same Q grid: ``(Q_kW, T_hot_C, T_cold_C, dT_K)`` where
    ``T_hot − T_cold`` is smallest (negative: the curves cross, a second-law violation)."""
    dT = np.asarray(T_hot_C) - np.asarray(T_cold_C)
    i = int(np.argmin(dT))
    return float(Q_kW[i]), float(T_hot_C[i]), float(T_cold_C[i]), float(dT[i])


def cycle_tq_curves(cycle, side: str, T_stream_in_C: float, T_stream_out_C: float, Q_cond_kW: float,
                    n: int = 60) -> dict:
    """T–Q curves of the condenser or evaporator of a cycle against a stream with
    constant heat capacity (counter-current), and their pinch.

    Parameters
    ----------
    cycle : CycleResult
        States 2→3 are the condenser (gas cooler), 4→evaporator outlet (state 5
        with an IHX, else state 1) the evaporator; for a cascade the high stage's
        condenser and the low stage's evaporator.
    side : {"condenser", "evaporator"}
    T_stream_in_C, T_stream_out_C : float
        Stream inlet and outlet temperatures [°C] (sink heated, source cooled).
    Q_cond_kW : float
        Condenser heat [kW]; the evaporator heat follows from the cycle's energy balance.
    n : int
        Points on the Q grid.

    Returns
    -------
    dict
        ``Q_kW`` grid, ``T_refrigerant_C``, ``T_stream_C``, ``pinch`` = (Q_kW, T_hot_C, T_cold_C, dT_K),
        ``hot`` (``refrigerant`` or ``stream``).

    Notes
    -----
    The stream is taken as linear in Q (constant heat capacity flow); the
    stream-matched design (``heatcalc.thermo.pinch``) uses real stream curves.
    """
    parts = _parts(cycle)
    if side == "condenser":
        c = parts[-1]  # the high stage of a cascade
        a, b = c.states[2], c.states[1]  # from the cold end (condenser outlet) to the hot end (discharge)
        Q_tot = Q_cond_kW
    elif side == "evaporator":
        c = parts[0]  # the low stage of a cascade
        a = c.states[3]
        b = c.states[4] if c.topology.endswith("_ihx") else c.states[0]  # evaporator outlet
        Q_tot = Q_cond_kW * cycle.q_evap_J_per_kg / cycle.q_cond_J_per_kg
    else:
        raise ValueError(f"side={side!r}: choose condenser or evaporator")
    fl = get_fluid(c.fluid)
    h = np.linspace(a.h_J_per_kg, b.h_J_per_kg, n)
    if a.p_Pa < fl.p_crit_Pa:  # the kinks of the curve (bubble and dew point) on the grid: the pinch sits at one
        kinks = [fl.state_pq(a.p_Pa, q).h_J_per_kg for q in (0.0, 1.0)]
        lo, hi = sorted((a.h_J_per_kg, b.h_J_per_kg))
        h = np.union1d(h, [k for k in kinks if lo < k < hi])
        if b.h_J_per_kg < a.h_J_per_kg:
            h = h[::-1]
    T_ref = np.array([K_to_C(fl.state_ph(a.p_Pa, float(x)).T_K) for x in h])
    Q = (h - a.h_J_per_kg) / (b.h_J_per_kg - a.h_J_per_kg) * Q_tot
    if side == "condenser":  # sink: inlet at the cold end
        T_stream = T_stream_in_C + (T_stream_out_C - T_stream_in_C) * Q / Q_tot
        pinch = pinch_of(Q, T_ref, T_stream)
        hot = "refrigerant"
    else:  # source: outlet at the cold end
        T_stream = T_stream_out_C + (T_stream_in_C - T_stream_out_C) * Q / Q_tot
        pinch = pinch_of(Q, T_stream, T_ref)
        hot = "stream"
    return {"Q_kW": Q, "T_refrigerant_C": T_ref, "T_stream_C": T_stream, "pinch": pinch, "hot": hot}


def tq_figure(curves: Iterable[Mapping], pinch: tuple[float, float, float, float] | None = None,
              title: str = "", lang: str = "en") -> go.Figure:
    """T–Q diagram of one heat exchanger with the pinch marked.

    Parameters
    ----------
    curves : iterable of mapping
        Each with ``name``, ``Q_kW`` and ``T_C`` arrays, optional ``color``.
    pinch : tuple, optional
        ``(Q_kW, T_hot_C, T_cold_C, dT_K)`` as from :func:`pinch_of`.
    title : str
    lang : str
    """
    fig = go.Figure(layout=_LAYOUT)
    for c in curves:
        fig.add_scatter(x=np.asarray(c["Q_kW"]), y=np.asarray(c["T_C"]), mode="lines", name=c["name"],
                        line=dict(width=3, color=c.get("color")),
                        hovertemplate="Q %{x:,.0f} kW<br>T %{y:.1f} °C<extra></extra>")
    if pinch is not None:
        Qp, Th, Tc, dT = pinch
        colour = "#D62728" if dT <= 0 else "#333"
        fig.add_scatter(x=[Qp, Qp], y=[Tc, Th], mode="lines+markers", name=t("pinch", lang, dT=dT),
                        line=dict(color=colour, dash="dot", width=2), marker=dict(size=8, color=colour))
        fig.add_annotation(x=Qp, y=Th, text=t("pinch", lang, dT=dT), showarrow=True, arrowhead=2, ay=-30,
                           font=dict(color=colour))
    fig.update_xaxes(title=t("ax_Q", lang), rangemode="tozero")
    fig.update_yaxes(title=t("ax_T", lang))
    fig.update_layout(title=title)
    return fig


def design_tq_figure(profile, Q_total_kW: float | None = None, title: str = "", lang: str = "en") -> go.Figure:
    """T–Q diagram of a stream-matched design's heat exchanger (``heatcalc.thermo.pinch``),
    with the pinch and the refrigerant's zones (subcooling, condensation, ...) marked.

    Parameters
    ----------
    profile : heatcalc.thermo.pinch.HeatExchangerProfile
        Condenser or evaporator profile (arrays from the cold end).
    Q_total_kW : float, optional
        Scale the heat axis so that the exchanger transfers this much [kW]; default
        the profile's own heat.
    title : str
    lang : str
    """
    Q_W = np.asarray(profile.Q_W, dtype=float)
    scale = (Q_total_kW / (Q_W[-1] / 1e3)) if Q_total_kW and Q_W[-1] > 0 else 1.0
    Q = Q_W / 1e3 * scale
    T_ref = K_to_C(np.asarray(profile.T_refrigerant_K, dtype=float))
    T_str = K_to_C(np.asarray(profile.T_stream_K, dtype=float))
    cond = profile.name == "condenser"
    curves = [dict(name=t("refrigerant_side", lang), Q_kW=Q, T_C=T_ref, color="#E45756"),
              dict(name=t("sink_stream" if cond else "source_stream", lang), Q_kW=Q, T_C=T_str,
                   color="#4C78A8" if cond else "#54A24B")]
    Tr, Ts = K_to_C(profile.pinch_T_refrigerant_K), K_to_C(profile.pinch_T_stream_K)
    pinch = (profile.pinch_Q_W / 1e3 * scale, Tr if cond else Ts, Ts if cond else Tr, profile.pinch_dT_K)
    fig = tq_figure(curves, pinch, title, lang)
    for zone, a, b in profile.zones[1:]:  # boundaries between the refrigerant's zones
        fig.add_vline(x=float(a) / 1e3 * scale, line=dict(color="#BBB", width=1, dash="dot"),
                      annotation_text=zone_label(str(zone), lang), annotation_position="bottom right",
                      annotation_font=dict(size=10, color="#888"))
    return fig


#: Names of a refrigerant's zones in a heat exchanger (``heatcalc.thermo.pinch``), English and Dutch.
_ZONES = {"subcooling": ("subcooling", "nakoeling"), "condensation": ("condensation", "condensatie"),
          "desuperheating": ("desuperheating", "oververhitting afvoeren"), "evaporation": ("evaporation", "verdamping"),
          "superheating": ("superheating", "oververhitting"), "gas cooling": ("gas cooling", "gaskoeling"),
          "gas_cooling": ("gas cooling", "gaskoeling")}


def zone_label(zone: str, lang: str = "en") -> str:
    """A refrigerant zone's name in ``lang`` (``condensation`` → ``condensatie``); unknown names unchanged."""
    pair = _ZONES.get(zone)
    return (pair[1] if lang == "nl" else pair[0]) if pair else zone


#: Month names of the date axes (plotly's own are English only).
MONTHS = {"en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
          "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")}


def date_ticks(fig: go.Figure, timestamps, lang: str = "en") -> go.Figure:
    """Ticks of a date axis with the day and month in ``lang`` (``1 mrt``), months for a long span.

    Plotly writes its own date labels in English (``Jan 1``); these ticks replace them.
    """
    import pandas as pd

    idx = pd.DatetimeIndex(pd.to_datetime(pd.Series(timestamps)))
    if len(idx) == 0:
        return fig
    lo, hi = idx.min(), idx.max()
    names = MONTHS["nl" if lang == "nl" else "en"]
    if (hi - lo).days > 45:
        ticks = pd.date_range(lo.normalize().replace(day=1), hi, freq="MS")
        ticks = [d for d in ticks if d >= lo.normalize()]
        text = [names[d.month - 1] for d in ticks]
    else:
        step = max(1, int(math.ceil(((hi - lo).days + 1) / 10)))
        ticks = list(pd.date_range(lo.normalize(), hi, freq=f"{step}D"))
        text = [f"{d.day} {names[d.month - 1]}" for d in ticks]
    fig.update_xaxes(tickvals=list(ticks), ticktext=text)
    return fig


def year_load_figure(timestamps, P_el_kW, grid_limit_kW=None, lang: str = "en") -> go.Figure:
    """The year under the grid limit: the daily peak and mean of the electrical load [kW], and the limit.

    Parameters
    ----------
    timestamps : array-like of datetime
        Start of each step.
    P_el_kW : array-like
        Electrical load of each step [kW].
    grid_limit_kW : float or array-like, optional
        Grid capacity for the load [kW] (one value or one per step; for a limit that changes within
        the day, the day's highest is drawn, so that the line shows the most the load may take that day).
    """
    import pandas as pd

    idx = pd.DatetimeIndex(pd.to_datetime(pd.Series(timestamps)))
    P = pd.Series(np.asarray(P_el_kW, dtype=float), index=idx)
    day = P.resample("D")
    peak, mean = day.max(), day.mean()
    fig = go.Figure(layout=_LAYOUT)
    fig.add_scatter(x=peak.index, y=peak.values, mode="lines", name=t("yl_peak", lang), line=dict(color="#4C78A8"),
                    fill="tozeroy", fillcolor="rgba(76,120,168,0.25)")
    fig.add_scatter(x=mean.index, y=mean.values, mode="lines", name=t("yl_mean", lang),
                    line=dict(color="#222", width=1))
    if grid_limit_kW is not None:
        lim = np.asarray(grid_limit_kW, dtype=float)
        if lim.ndim == 0:
            if math.isfinite(float(lim)):
                fig.add_scatter(x=[peak.index.min(), peak.index.max()], y=[float(lim)] * 2, mode="lines",
                                name=f"{t('grid_limit', lang)} {fmt_number(float(lim), 0, lang)} kW",
                                line=dict(color="#D62728", dash="dash"))
        else:
            L = pd.Series(lim, index=idx).resample("D").max()
            fig.add_scatter(x=L.index, y=L.values, mode="lines", name=t("yl_limit_day", lang),
                            line=dict(color="#D62728", dash="dash"), line_shape="hv")
    fig.update_yaxes(title=t("ax_P_el", lang), rangemode="tozero")
    date_ticks(fig, peak.index, lang)
    return fig


# --------------------------------------------------------------------------------------
# hourly
_DISPATCH_COLS = (("heat_hp_kW", "heat_hp", "#E45756"), ("heat_eboiler_kW", "heat_eboiler", "#F58518"),
                  ("heat_storage_kW", "heat_storage", "#72B7B2"), ("heat_gas_kW", "heat_gas", "#9D9D9D"))


def _x_axis(frame):
    if "timestamp" in frame.columns:
        return frame["timestamp"], None
    return np.arange(len(frame)), t("ax_hour")


def dispatch_figure(frame, lang: str = "en", columns: Sequence[tuple[str, str, str]] | None = None) -> go.Figure:
    """Stacked heat supply per hour (heat pump, e-boiler, storage, gas) and the demand line.

    Parameters
    ----------
    frame : DataFrame
        Hourly results; columns used when present: ``timestamp``, ``heat_hp_kW``,
        ``heat_eboiler_kW``, ``heat_storage_kW``, ``heat_gas_kW``, ``heat_demand_kW``.
    columns : sequence of (column, i18n key, colour), optional
        Other supply columns to stack.
    """
    x, _ = _x_axis(frame)
    fig = go.Figure(layout=_LAYOUT)
    for col, key, colour in (columns or _DISPATCH_COLS):
        if col in frame.columns:
            fig.add_scatter(x=x, y=frame[col], mode="lines", stackgroup="supply", name=t(key, lang),
                            line=dict(width=0.5, color=colour))
    if "heat_demand_kW" in frame.columns:
        fig.add_scatter(x=x, y=frame["heat_demand_kW"], mode="lines", name=t("demand", lang),
                        line=dict(color="#222", width=1))
    fig.update_yaxes(title=t("ax_heat_kW", lang))
    if "timestamp" not in frame.columns:
        fig.update_xaxes(title=t("ax_hour", lang))
    else:
        date_ticks(fig, frame["timestamp"], lang)
    fig.update_layout(title=t("hr_dispatch", lang))
    return fig


def load_duration_figure(P_el_kW, grid_limit_kW=None, lang: str = "en") -> go.Figure:
    """Load-duration curve of an electrical load [kW] with the grid limit.

    Parameters
    ----------
    P_el_kW : array-like
        Hourly electrical load [kW].
    grid_limit_kW : float or array-like, optional
        Grid capacity for the load [kW]; an hourly limit is drawn sorted alongside.
    """
    P = np.sort(np.asarray(P_el_kW, dtype=float))[::-1]
    hours = np.arange(1, len(P) + 1)
    fig = go.Figure(go.Scatter(x=hours, y=P, mode="lines", name=t("ax_P_el", lang), line=dict(color="#4C78A8"),
                               fill="tozeroy"), layout=_LAYOUT)
    if grid_limit_kW is not None:
        lim = np.asarray(grid_limit_kW, dtype=float)
        if lim.ndim == 0:
            if math.isfinite(float(lim)):
                fig.add_hline(y=float(lim), line=dict(color="#D62728", dash="dash"),
                              annotation_text=f"{t('grid_limit', lang)} {fmt_number(float(lim), 0, lang)} kW")
        else:
            fig.add_scatter(x=hours, y=np.sort(lim)[::-1], mode="lines", name=t("grid_limit", lang),
                            line=dict(color="#D62728", dash="dash"))
    fig.update_xaxes(title=t("ax_hours_sorted", lang))
    fig.update_yaxes(title=t("ax_P_el", lang), rangemode="tozero")
    fig.update_layout(title=t("hr_ldc", lang))
    return fig


def storage_figure(frame, column: str = "storage_kWh", lang: str = "en") -> go.Figure:
    """State of a heat store over the hours [kWh]."""
    x, _ = _x_axis(frame)
    fig = go.Figure(go.Scatter(x=x, y=frame[column], mode="lines", line=dict(color="#72B7B2"), fill="tozeroy",
                               name=t("hr_storage_state", lang)), layout=_LAYOUT)
    fig.update_yaxes(title=t("ax_storage_kWh", lang), rangemode="tozero")
    if "timestamp" not in frame.columns:
        fig.update_xaxes(title=t("ax_hour", lang))
    else:
        date_ticks(fig, frame["timestamp"], lang)
    fig.update_layout(title=t("hr_storage_state", lang))
    return fig


def sweep_figure(frame, x: str, ys: Sequence[str], lang: str = "en", title: str | None = None) -> go.Figure:
    """Lines of result columns ``ys`` against a swept input ``x`` (sizing sweeps)."""
    fig = go.Figure(layout=_LAYOUT)
    for y in ys:
        fig.add_scatter(x=frame[x], y=frame[y], mode="lines+markers", name=column_label(y, lang))
    fig.update_xaxes(title=column_label(x, lang))
    fig.update_layout(title=title or t("hr_sweep", lang))
    return fig


def tornado_figure(items: Sequence[Mapping], base: float, label: str, lang: str = "en") -> go.Figure:
    """Tornado chart: how far a result moves when each input goes low or high.

    Parameters
    ----------
    items : sequence of mapping
        Each with ``name`` (input label), ``low`` and ``high`` (the result at the low and
        high input value).
    base : float
        The result at the base case.
    label : str
        Axis title of the result (with unit).
    """
    items = sorted(items, key=lambda d: abs(_num(d["high"]) - _num(d["low"])))
    names = [d["name"] for d in items]
    fig = go.Figure(layout=_LAYOUT)
    fig.add_bar(y=names, x=[_num(d["low"]) - base for d in items], base=base, orientation="h",
                name=t("low", lang), marker_color="#4C78A8")
    fig.add_bar(y=names, x=[_num(d["high"]) - base for d in items], base=base, orientation="h",
                name=t("high", lang), marker_color="#F58518")
    fig.add_vline(x=base, line=dict(color="#333", width=1))
    fig.update_layout(barmode="overlay", title=label)
    fig.update_xaxes(title=label)
    return fig


# --------------------------------------------------------------------------------------
# report figures
def option_comparison_figure(rows, lang: str = "en") -> go.Figure:
    """Annual operating cost [€/yr] and CO2 [t/yr] of every feasible option side by side
    (the report's option comparison); the baseline brown, the best option red.

    Parameters
    ----------
    rows : list of dict or DataFrame
        Result rows (baseline first).
    lang : str
        ``en`` or ``nl``.
    """
    from plotly.subplots import make_subplots

    rows = _ok(rows)
    names = _option_names(rows, lang)
    colours = ["#9D755D" if r.get("option") == "baseline" else ("#E45756" if r.get("best") else "#4C78A8")
               for r in rows]
    fig = make_subplots(rows=1, cols=2, subplot_titles=(column_label("opex_EUR_per_yr", lang),
                                                         column_label("co2_t_per_yr", lang)))
    fig.add_bar(x=names, y=[_num(r.get("opex_EUR_per_yr")) for r in rows], marker_color=colours, showlegend=False,
                hovertemplate="%{x}<br>%{y:,.0f} €/yr<extra></extra>", row=1, col=1)
    fig.add_bar(x=names, y=[_num(r.get("co2_t_per_yr")) for r in rows], marker_color=colours, showlegend=False,
                hovertemplate="%{x}<br>%{y:,.0f} t/yr<extra></extra>", row=1, col=2)
    fig.update_yaxes(tickformat=",.0f")
    fig.update_layout(template="plotly_white", margin=dict(l=60, r=20, t=50, b=80), font=dict(size=13))
    return fig
