"""Plotly figures of pinch targets — composite curves and the grand composite curve.

Pure functions, no Streamlit. Each takes the JSON object of
:meth:`heatcalc.integration.pinch.PinchTargets.to_dict` (``detail=True`` for the composite
curves) or the :class:`~heatcalc.integration.pinch.PinchTargets` itself, and a language code,
and returns a ``plotly.graph_objects.Figure``. Texts come from :mod:`heatcalc.present.i18n`.
"""
from __future__ import annotations

import plotly.graph_objects as go

from heatcalc.present.i18n import t
from heatcalc.present.plots import TEMPLATE

_LAYOUT = dict(template=TEMPLATE, margin=dict(l=60, r=20, t=50, b=50), legend=dict(orientation="h", y=-0.2))
HOT_COLOUR = "#E45756"
COLD_COLOUR = "#4C78A8"
HP_COLOUR = "#54A24B"


def _targets(d) -> dict:
    return d.to_dict(detail=True) if hasattr(d, "to_dict") else d


def composite_figure(targets, lang: str = "en") -> go.Figure:
    """Hot and cold composite curves (temperature against heat flow), the pinch marked.

    Parameters
    ----------
    targets : dict or PinchTargets
        With ``hot_composite`` and ``cold_composite`` lists of ``{"T_C", "Q_kW"}``.
    lang : {'en', 'nl'}
    """
    d = _targets(targets)
    fig = go.Figure()
    for key, name, colour in (("hot_composite", "pi_hot_composite", HOT_COLOUR),
                              ("cold_composite", "pi_cold_composite", COLD_COLOUR)):
        pts = d.get(key) or []
        if pts:
            fig.add_trace(go.Scatter(x=[p["Q_kW"] for p in pts], y=[p["T_C"] for p in pts], mode="lines+markers",
                                     name=t(name, lang), line=dict(color=colour, width=3), marker=dict(size=5),
                                     hovertemplate="%{y:.1f} °C, %{x:,.0f} kW<extra></extra>"))
    if d.get("pinch_T_hot_C") is not None:
        fig.add_hline(y=d["pinch_T_hot_C"], line=dict(color=HOT_COLOUR, dash="dot", width=1))
        fig.add_hline(y=d["pinch_T_cold_C"], line=dict(color=COLD_COLOUR, dash="dot", width=1))
    fig.update_layout(title=t("pi_composite", lang), xaxis_title=t("pi_axis_Q", lang),
                      yaxis_title=t("pi_axis_T", lang), **_LAYOUT)
    return fig


def gcc_figure(targets, lang: str = "en", heat_pump: dict | None = None) -> go.Figure:
    """Grand composite curve (shifted temperature against cascade heat flow).

    Parameters
    ----------
    targets : dict or PinchTargets
        With ``gcc``: a list of ``{"T_shifted_C", "Q_kW"}``.
    lang : {'en', 'nl'}
    heat_pump : dict, optional
        The ``heat_pump`` object of ``heatcalc pinch --json``: its source and sink are drawn
        as horizontal bars at their shifted temperatures.
    """
    d = _targets(targets)
    g = d["gcc"]
    fig = go.Figure(go.Scatter(x=[p["Q_kW"] for p in g], y=[p["T_shifted_C"] for p in g], mode="lines+markers",
                               name=t("pi_gcc", lang), line=dict(color="#2a3f5f", width=3), marker=dict(size=5),
                               fill="tozerox", fillcolor="rgba(76,120,168,0.08)",
                               hovertemplate="%{y:.1f} °C, %{x:,.0f} kW<extra></extra>"))
    if d.get("pinch_T_shifted_C") is not None:
        fig.add_hline(y=d["pinch_T_shifted_C"], line=dict(color="#888", dash="dot", width=1))
    if heat_pump and heat_pump.get("P_el_kW", 0) > 0 and heat_pump.get("Q_sink_kW", 0) > 0:
        for T, Q in ((heat_pump["T_source_shifted_C"], heat_pump["Q_source_kW"]),
                     (heat_pump["T_sink_shifted_C"], heat_pump["Q_sink_kW"])):
            fig.add_trace(go.Scatter(x=[0, Q], y=[T, T], mode="lines", line=dict(color=HP_COLOUR, width=5),
                                     name=t("pi_heat_pump", lang), showlegend=T == heat_pump["T_source_shifted_C"],
                                     hovertemplate="%{y:.1f} °C, %{x:,.0f} kW<extra></extra>"))
    fig.update_layout(title=t("pi_gcc", lang), xaxis_title=t("pi_axis_Q", lang),
                      yaxis_title=t("pi_axis_T_shifted", lang), **_LAYOUT)
    return fig
