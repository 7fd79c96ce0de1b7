"""Customer proposal: one case's evaluation as an HTML or PDF report (English or Dutch).

The report turns a :class:`~heatcalc.evaluation.annual.CaseResult` into a document a sales
engineer can leave with a customer and an energy engineer can attach to a subsidy
application or an investment proposal:

* customer and process summary; recommended option and the alternatives (with the
  reason for every option that cannot work);
* COP, electrical load, grid connection need and whether it fits;
* energy, cost and CO2 before and after; CAPEX, subsidies, NPV, IRR, payback,
  LCOH and € per tonne of CO2 avoided;
* charts (option comparison, cost split, sensitivity tornado, cycle diagram);
* catalogue products that can serve the case with their expected COP
  (:mod:`heatcalc.options.products`);
* every assumption with its value and source; a short disclaimer.

Every number comes from the library's result rows and is rounded as in the
``heatcalc evaluate`` table (:data:`heatcalc.columns.ROW_FORMATS`); Dutch uses a decimal comma.

Charts are static images drawn by plotly's kaleido in the system's Chromium
(:class:`ChartRenderer`; one browser for all charts of a report, or kept open by
the caller for many reports). kaleido is never allowed to download a browser: the
path comes from ``BROWSER_PATH`` or the ``chromium`` on ``PATH``; without one the
report is still written, with a note where the charts would be.

PDF is made from the HTML by WeasyPrint. This module never imports Streamlit.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError, InputError, ReportError
from heatcalc.evaluation.annual import CaseResult, evaluate_case
from heatcalc.report.charts import CHART_FONT, CHART_TIMEOUT_S, ChartRenderer, _render_charts, build_figures
from heatcalc.report.content import (Proposal, ProposalView, build_context, cash_flows, check_lang, proposed_row,
                                     tr)

#: Output formats by file suffix.
FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


_TEMPLATES = Path(__file__).resolve().parent / "templates"


# --------------------------------------------------------------------------------------
# HTML and PDF
@lru_cache(maxsize=1)
def _jinja_env():
    """The report's Jinja environment, kept per process so the template is compiled once
    (the loader still reloads an edited template file)."""
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - jinja2 ships with the report dependencies
        raise ReportError("the report needs the Python package jinja2 (pip install jinja2)") from exc
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
                              autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True,
                              lstrip_blocks=True)


#: Chart keys by the i18n key of the title :func:`heatcalc.report.charts.build_figures` gives them.
_CHART_KEYS = {"c_options": "options", "c_cost": "cost", "c_tornado": "tornado", "c_cycle": "cycle"}


def cashflow_figure(flows: dict, lang: str = "en"):
    """Bar chart of the yearly incremental cash flow with the cumulative line (:func:`cash_flows`)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_bar(x=flows["year"], y=flows["cash_EUR"], name=tr("cf_yearly", lang),
                marker_color=["#D62728" if c < 0 else "#4C78A8" for c in flows["cash_EUR"]])
    fig.add_scatter(x=flows["year"], y=flows["cumulative_EUR"], mode="lines+markers", name=tr("cf_cumulative", lang),
                    line=dict(color="#222", width=2))
    fig.add_hline(y=0, line=dict(color="#888", width=1))
    fig.update_xaxes(title=tr("ax_year", lang), dtick=1)
    fig.update_yaxes(title=tr("ax_eur", lang), tickformat=",.0f")
    fig.update_layout(template="plotly_white", margin=dict(l=70, r=20, t=30, b=50),
                      legend=dict(orientation="h", y=-0.2))
    return fig


def proposal_figures(res, lang: str) -> list[tuple[str, str, object]]:
    """The proposal's own figures as ``(key, title, figure or note)``: T–Q of the proposed heat pump's
    condenser and evaporator, and the cash flow of the proposed option."""
    from heatcalc.present import plots

    out: list[tuple[str, str, object]] = streams_figures(res, lang)
    row = res.best
    if row is None:
        return out
    d = res.designs.get(row["option"]) if getattr(res, "designs", None) else None
    cond, evap = getattr(d, "condenser", None), getattr(d, "evaporator", None)
    if cond is not None and evap is not None and getattr(cond, "Q_W", None) is not None:
        q = row.get("capacity_kW_th") or res.case.heat_demand_kW or cond.Q_W[-1] / 1e3
        try:
            out.append(("tq_cond", tr("c_tq_cond", lang), plots.design_tq_figure(cond, q, "", lang)))
            ratio = (d.Q_source_W / d.Q_sink_W) if getattr(d, "Q_sink_W", 0) else None
            out.append(("tq_evap", tr("c_tq_evap", lang),
                        plots.design_tq_figure(evap, q * ratio if ratio else None, "", lang)))
        except (HeatCalcError, ValueError, TypeError, AttributeError) as exc:
            out.append(("tq_cond", tr("c_tq_cond", lang), tr("chart_failed", lang, reason=str(exc))))
    cf = cash_flows(row, res.case)
    if cf is not None:
        out.append(("cashflow", tr("c_cashflow", lang), cashflow_figure(cf, lang)))
    hourly = getattr(res, "hourly", None)
    if hourly is not None:
        out.append(("year_grid", tr("c_year_grid", lang), year_grid_figure(hourly, lang)))
    return out


def streams_figures(res, lang: str) -> list[tuple[str, str, object]]:
    """The case's process streams (field ``streams``) as ``(key, title, figure)``: the composite curves and the
    grand composite curve with the heat pump placed on it; none for a case without streams."""
    if getattr(res, "pinch", None) is None or not res.case.process_streams:
        return []
    from heatcalc.integration.pinch import pinch_targets
    from heatcalc.present.pinch_plots import composite_figure, gcc_figure

    t = pinch_targets(list(res.case.process_streams), res.case.dT_min_K).to_dict(detail=True)
    return [("composite", tr("pi_composite", lang), composite_figure(t, lang)),
            ("gcc", tr("pi_gcc", lang), gcc_figure(t, lang, heat_pump=res.pinch.get("heat_pump")))]


def year_grid_figure(hourly, lang: str = "en"):
    """The year under the grid limit of an hourly run (:func:`heatcalc.evaluation.hourly.result.simulate`):
    daily peak and mean electrical load against the grid limit."""
    import numpy as np

    from heatcalc.present import plots

    lim = np.asarray(hourly.dispatch.inputs.P_grid_max_kW, dtype=float)
    finite = lim[np.isfinite(lim)]
    if finite.size == 0:
        limit = None
    elif finite.size == lim.size and np.all(finite == finite[0]):
        limit = float(finite[0])
    else:
        limit = np.where(np.isfinite(lim), lim, np.nan)
    return plots.year_load_figure(hourly.context.profiles.index, hourly.dispatch.P_el_kW, limit, lang)


def _figures(res, lang: str) -> tuple[list, list[str]]:
    """Every figure of the report and its key (library figures first, then the proposal's)."""
    titles = {tr(k, lang): v for k, v in _CHART_KEYS.items()}
    figs = list(build_figures(res, lang))
    keys = [titles.get(title, f"chart{i}") for i, (title, _) in enumerate(figs)]
    for key, title, fig in proposal_figures(res, lang):
        if fig is not None and not isinstance(fig, str):
            fig.update_layout(separators=",." if lang == "nl" else ".,", font_family=CHART_FONT)
        figs.append((title, fig))
        keys.append(key)
    return figs, keys


def render_html(res, lang: str = "en", *, renderer: ChartRenderer | None = None, chart_format: str = "svg",
                for_pdf: bool = False, proposal: Proposal | None = None, hourly=None) -> str:
    """The report as one self-contained HTML page (charts embedded).

    Parameters
    ----------
    res : CaseResult
    lang : str
        ``en`` or ``nl``.
    renderer : ChartRenderer, optional
        Browser session for the charts; ``None`` writes the report with a note
        instead of charts.
    chart_format : {"svg", "png"}
        Embedded image format.
    for_pdf : bool
        Page layout for WeasyPrint (page size, running footer).
    proposal : Proposal, optional
        Customer, site, contact, id, date, validity, proposed option and supplier profile
        (:func:`heatcalc.report.content.make_proposal`); default: none given, the best option.
    hourly : HourlyResult, optional
        The case over a year of hours (:func:`heatcalc.evaluation.hourly.result.simulate` with a
        profile): the report then shows the year under the grid limit from it.

    Raises
    ------
    InputError
        Unknown language, or a proposed option that is not feasible (the message lists the valid ones).
    """
    lang = check_lang(lang)
    view = res if isinstance(res, ProposalView) else ProposalView(res, proposed_row(res, proposal), proposal)
    if hourly is not None:
        view.hourly = hourly
    figs, keys = _figures(view, lang) if renderer is not None else ([], [])  # no renderer: no charts to draw
    charts, note = _render_charts(figs, renderer, chart_format, lang)
    for c, k in zip(charts, keys):
        c["key"] = k
    ctx = build_context(view, lang, charts=charts, chart_note=note)
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _jinja_env().get_template("report.html.j2").render(css=css, for_pdf=for_pdf, **ctx)


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML report (WeasyPrint).

    Raises
    ------
    ReportError
        If WeasyPrint or its system libraries (Pango) are missing.
    """
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise ReportError(f"PDF output needs WeasyPrint and the Pango libraries ({exc}); write .html instead") \
            from None
    return weasyprint.HTML(string=html, base_url=str(_TEMPLATES)).write_pdf()


@dataclass
class ReportInfo:
    """What :func:`write_report` produced.

    Attributes
    ----------
    path : Path
        The file written.
    format : str
        ``pdf`` or ``html``.
    seconds : float
        Wall time to make it [s].
    charts : int
        Charts drawn.
    chart_note : str or None
        Why charts are missing, if they are.
    """

    path: Path
    format: str
    seconds: float
    charts: int
    chart_note: str | None = None


def _as_result(obj):
    if isinstance(obj, CaseResult):
        return obj
    if isinstance(obj, (Case, dict)):
        return evaluate_case(obj)
    raise InputError(f"a report needs a case or an evaluated case, got {type(obj).__name__}")


def report_bytes(obj, fmt: str = "pdf", lang: str = "en", *, renderer: ChartRenderer | None = None,
                 proposal: Proposal | None = None, hourly=None) -> bytes:
    """The report as bytes (for a download button).

    Parameters
    ----------
    obj : CaseResult, Case or dict
        An evaluated case, or a case to evaluate.
    fmt : {"pdf", "html"}
    lang : {"en", "nl"}
    renderer : ChartRenderer, optional
        Browser session for the charts (``None``: no charts, with a note).
    proposal : Proposal, optional
        Proposal fields and supplier profile (see :func:`render_html`).
    """
    if fmt not in ("pdf", "html"):
        raise InputError(f"format={fmt} is out of range: valid is pdf or html")
    res = _as_result(obj)
    if fmt == "pdf":
        return html_to_pdf(render_html(res, lang, renderer=renderer, chart_format="svg", for_pdf=True,
                                       proposal=proposal, hourly=hourly))
    return render_html(res, lang, renderer=renderer, chart_format="svg", proposal=proposal,
                       hourly=hourly).encode("utf-8")


def write_report(obj, path, lang: str = "en", *, renderer: ChartRenderer | None | bool = True,
                 proposal: Proposal | None = None, profiles=None) -> ReportInfo:
    """Write the proposal for one case to ``path`` (``.pdf`` or ``.html``).

    Parameters
    ----------
    obj : CaseResult, Case or dict
        An evaluated case, or a case to evaluate.
    path : str or Path
        Output file; the suffix chooses the format.
    lang : {"en", "nl"}
    renderer : ChartRenderer, True, False or None
        A running browser session to reuse; ``True`` starts one for this report and
        closes it after; ``False``/``None`` writes the report without charts (with a
        note).
    proposal : Proposal, optional
        Customer, site, contact, id, date, validity, proposed option and supplier profile.
    profiles : Profiles, optional
        Hourly profiles (:func:`heatcalc.evaluation.hourly.profiles.read_profiles`): the case is
        also run over the year's hours and the report shows the year under the grid limit.

    Returns
    -------
    ReportInfo

    Raises
    ------
    InputError
        Unknown language or output suffix, or a proposed option that is not feasible.
    ReportError
        The file cannot be written, or PDF output is not available.
    """
    t0 = time.perf_counter()
    lang = check_lang(lang)
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(f"-o {p}: the output file must end in .pdf or .html")
    own = renderer is True
    r = ChartRenderer() if own else (renderer or None)
    closer = None
    try:
        if r is not None:
            # The browser starts while the case is evaluated and the figures are built, but only
            # after CoolProp is imported: a browser launched next to that import now and then hangs.
            from heatcalc.thermo.fluids import _coolprop

            _coolprop()
            r.start(wait=False)
        res = _as_result(obj)
        view = ProposalView(res, proposed_row(res, proposal), proposal)  # a bad --option fails before any chart
        hourly = None
        if profiles is not None:
            from heatcalc.evaluation.hourly.result import simulate

            hourly = simulate(res.case, profiles)
        html = render_html(view, lang, renderer=r, chart_format="svg", for_pdf=fmt == "pdf", hourly=hourly)
    finally:
        if own:  # close the browser while the PDF is laid out
            closer = threading.Thread(target=r.close, name="heatcalc-kaleido-close", daemon=True)
            closer.start()
    try:
        data = html_to_pdf(html) if fmt == "pdf" else html.encode("utf-8")
    finally:
        if closer is not None:
            closer.join(timeout=CHART_TIMEOUT_S)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    except OSError as exc:
        raise ReportError(f"-o {p}: cannot write the report ({exc.strerror})") from None
    n_charts = html.count('class="chart-img"')
    note = None
    if n_charts == 0:
        note = tr("chart_unavailable", lang, reason=r.error if r is not None and r.error else
                  "chart rendering switched off")
    return ReportInfo(path=p, format=fmt, seconds=time.perf_counter() - t0, charts=n_charts, chart_note=note)
