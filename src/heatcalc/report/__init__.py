"""The customer report: its content, charts and rendering to HTML and PDF."""

from heatcalc.report.charts import (
    BROWSER_START_TIMEOUT_S,
    CHART_FONT,
    CHART_HEIGHT_PX,
    CHART_SCALE,
    CHART_TIMEOUT_S,
    CHART_WIDTH_PX,
    CLOSE_TIMEOUT_S,
    ChartRenderer,
    build_figures,
    find_browser,
    tornado_data,
)
from heatcalc.report.content import (
    EXTRA_FORMATS,
    LANGS,
    ROW_FORMATS,
    assumptions,
    build_context,
    check_lang,
    fmt_col,
    fmt_value,
    localise,
    monte_carlo_of,
    tr,
)
from heatcalc.report.render import FORMATS, ReportInfo, html_to_pdf, render_html, report_bytes, write_report

__all__ = ['BROWSER_START_TIMEOUT_S', 'CHART_FONT', 'CHART_HEIGHT_PX', 'CHART_SCALE', 'CHART_TIMEOUT_S', 'CHART_WIDTH_PX', 'CLOSE_TIMEOUT_S', 'ChartRenderer', 'EXTRA_FORMATS', 'FORMATS', 'LANGS', 'ROW_FORMATS', 'ReportInfo', 'assumptions', 'build_context', 'build_figures', 'check_lang', 'find_browser', 'fmt_col', 'fmt_value', 'html_to_pdf', 'localise', 'monte_carlo_of', 'render_html', 'report_bytes', 'tornado_data', 'tr', 'write_report']
