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
from heatcalc.core.errors import InputError, ReportError
from heatcalc.evaluation.annual import CaseResult, evaluate_case
from heatcalc.report.charts import CHART_TIMEOUT_S, ChartRenderer, _render_charts, build_figures
from heatcalc.report.content import build_context, check_lang, tr

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


def render_html(res, lang: str = "en", *, renderer: ChartRenderer | None = None, chart_format: str = "svg",
                for_pdf: bool = False) -> str:
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
    """
    lang = check_lang(lang)
    figs = build_figures(res, lang) if renderer is not None else []  # no renderer: no charts to draw
    charts, note = _render_charts(figs, renderer, chart_format, lang)
    ctx = build_context(res, lang, charts=charts, chart_note=note)
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


def report_bytes(obj, fmt: str = "pdf", lang: str = "en", *, renderer: ChartRenderer | None = None) -> bytes:
    """The report as bytes (for a download button).

    Parameters
    ----------
    obj : CaseResult, Case or dict
        An evaluated case, or a case to evaluate.
    fmt : {"pdf", "html"}
    lang : {"en", "nl"}
    renderer : ChartRenderer, optional
        Browser session for the charts (``None``: no charts, with a note).
    """
    if fmt not in ("pdf", "html"):
        raise InputError(f"format={fmt} is out of range: valid is pdf or html")
    res = _as_result(obj)
    if fmt == "pdf":
        return html_to_pdf(render_html(res, lang, renderer=renderer, chart_format="svg", for_pdf=True))
    return render_html(res, lang, renderer=renderer, chart_format="svg").encode("utf-8")


def write_report(obj, path, lang: str = "en", *, renderer: ChartRenderer | None | bool = True) -> ReportInfo:
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

    Returns
    -------
    ReportInfo

    Raises
    ------
    InputError
        Unknown language or output suffix.
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
        html = render_html(res, lang, renderer=r, chart_format="svg", for_pdf=fmt == "pdf")
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
