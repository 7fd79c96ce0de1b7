"""The report's charts: plotly figures rendered to SVG by kaleido in one browser session
that stays open for the whole report.
"""
from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from heatcalc.core.errors import HeatCalcError, ReportError
from heatcalc.core.numbers import is_finite_number as _finite
from heatcalc.money.economics import sensitivity
from heatcalc.present import plots
from heatcalc.present.i18n import column_label
from heatcalc.report.content import fmt_value, tr

#: Chart size in the report [px] and the raster scale of PNG charts (PDF).
CHART_WIDTH_PX, CHART_HEIGHT_PX, CHART_SCALE = 900, 430, 2


#: Font of the charts: one that WeasyPrint finds on a Debian system (SVG text is laid out by it).
CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


#: Seconds to wait for one chart.
CHART_TIMEOUT_S = 60.0


#: Seconds to wait for the browser to close before its process group is ended.
CLOSE_TIMEOUT_S = 10.0


#: Seconds to wait for the browser to start before it is ended and started once more.
BROWSER_START_TIMEOUT_S = 20.0


_log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------
# the browser's command line: the least Chromium needs to draw the charts
#: Flags choreographer (kaleido's browser driver) adds that the charts do not need, removed from the command
#: line: ``--disable-web-security`` turns off the same-origin policy, ``--allow-file-access-from-files`` lets a
#: file:// page read every other local file. Kaleido's page is a local file that loads plotly.js with a
#: ``<script>`` tag and gets each figure over the DevTools pipe, which needs neither.
DROPPED_CHROMIUM_FLAGS = ("--disable-web-security", "--allow-file-access-from-files")


def running_as_root() -> bool:
    """True when this process runs with user id 0 (never on Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return bool(geteuid is not None and geteuid() == 0)


def chromium_args(cli: list[str], as_root: bool | None = None) -> list[str]:
    """Chromium's command line as choreographer builds it, reduced to the least the charts need.

    :data:`DROPPED_CHROMIUM_FLAGS` are removed. ``--no-sandbox`` is kept only when running as root: Chromium
    refuses to start as root with its sandbox on ("Running as root without --no-sandbox is not supported"),
    because the sandbox's user-namespace and setuid layers cannot drop root's rights. As any other user the
    sandbox stays on (Chromium needs unprivileged user namespaces or its setuid helper for that).
    """
    root = running_as_root() if as_root is None else as_root
    out = [a for a in cli if a not in DROPPED_CHROMIUM_FLAGS]
    if not root:
        out = [a for a in out if a != "--no-sandbox"]
    elif "--no-sandbox" not in out:
        out.append("--no-sandbox")
    return out


def _least_chromium_class():
    """choreographer's Chromium with :func:`chromium_args` applied to its command line."""
    from choreographer.browsers.chromium import Chromium

    class LeastChromium(Chromium):
        def get_cli(self):
            cli = chromium_args(list(super().get_cli()))
            _log.debug("Chromium command line: %s", cli)
            return cli

    return LeastChromium


# charts: one kaleido browser for all charts
def find_browser() -> str | None:
    """Path of the system Chromium for kaleido: ``BROWSER_PATH`` if set, else
    ``chromium``/``chromium-browser``/``google-chrome`` on ``PATH``. Never downloads one."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(name)
        if p:
            return p
    return None


class ChartRenderer:
    """Static images of plotly figures from one kaleido/Chromium session.

    Start it once and render every chart of a report (or of many reports) with it;
    a fresh browser per chart would cost seconds each. The browser runs on its own
    event-loop thread; every call has a timeout, so a stuck browser cannot hang the
    caller.

    Parameters
    ----------
    browser_path : str, optional
        Chromium executable; default :func:`find_browser`.
    timeout_s : float
        Seconds to wait for the browser to start and for each chart [s].

    Examples
    --------
    >>> with ChartRenderer() as r:            # doctest: +SKIP
    ...     png = r.render(fig, "png")
    """

    def __init__(self, browser_path: str | None = None, timeout_s: float = CHART_TIMEOUT_S):
        self.browser_path = browser_path
        self.timeout_s = timeout_s
        self.error: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._k = None
        self._future = None
        self._pending = None
        self._path: str | None = None
        self._lock = threading.Lock()
        self._start_lock = threading.Lock()

    @property
    def ok(self) -> bool:
        """The browser is running."""
        return self._k is not None

    def start(self, wait: bool = True) -> bool:
        """Start the browser.

        Parameters
        ----------
        wait : bool
            ``False`` returns at once while the browser starts in the background
            (call it early, do other work, then render); ``True`` waits for it.

        Returns
        -------
        bool
            ``False`` (and :attr:`error` set) when it cannot start.

        Notes
        -----
        A start that has not finished after :data:`BROWSER_START_TIMEOUT_S` is
        abandoned (that browser's process group is ended) and tried once more.
        """
        with self._start_lock:
            if self._k is not None:
                return True
            if self.error is not None:
                return False
            if self._future is None and not self._launch():
                return False
            if not wait:
                return True
            for attempt in (1, 2):
                try:
                    self._k = self._future.result(timeout=min(self.timeout_s, BROWSER_START_TIMEOUT_S))
                    return True
                except Exception as exc:  # stuck or failed start: end it, retry once, then give up
                    why = f"{type(exc).__name__}: {exc}".rstrip(": ")
                    self._abandon()
                    if attempt == 1 and self._launch():
                        continue
                    self.error = f"the browser at {self._path} did not start ({why})"
                    return False
            return False  # pragma: no cover - the loop always returns

    def _launch(self) -> bool:
        """Start the event-loop thread and begin opening the browser (no waiting)."""
        path = self.browser_path or find_browser()
        if not path or not Path(path).is_file():
            self.error = ("no Chromium browser found (install the Debian package 'chromium' or set "
                          "BROWSER_PATH to a Chromium executable)")
            return False
        try:
            import kaleido
        except ImportError:
            self.error = "the Python package kaleido is not installed (pip install kaleido)"
            return False
        self._loop = asyncio.new_event_loop()
        # tasks of a cancelled chart or an abandoned start fail late by design: log them, do not print them
        self._loop.set_exception_handler(
            lambda loop, ctx: _log.debug("kaleido session: %s", ctx.get("message"), exc_info=ctx.get("exception")))
        self._thread = threading.Thread(target=self._loop.run_forever, name="heatcalc-kaleido", daemon=True)
        self._thread.start()

        async def _open():
            k = kaleido.Kaleido(n=1, timeout=self.timeout_s, path=path, mathjax=False,
                                browser_cls=_least_chromium_class(), enable_sandbox=not running_as_root())
            self._pending = k
            try:
                await k.open()
            except BaseException:
                if self._pending is not k:  # abandoned by start(): its failure is expected, not news
                    return None
                raise
            return k

        self._path = path
        self._future = asyncio.run_coroutine_threadsafe(_open(), self._loop)
        return True

    def _abandon(self) -> None:
        """Give up a start: cancel it and end the browser process group it launched."""
        fut, k = self._future, self._pending
        self._future, self._pending = None, None
        if fut is not None:
            fut.cancel()
        proc = getattr(k, "subprocess", None) if k is not None else None
        if proc is not None and proc.poll() is None:
            import signal

            try:
                os.killpg(proc.pid, signal.SIGTERM)  # the browser we launched runs in its own group
            except (ProcessLookupError, PermissionError, OSError):
                proc.terminate()
            try:
                proc.wait(timeout=6)
            except Exception:
                proc.kill()
        self._stop_loop()

    def render(self, fig, fmt: str = "png", width: int = CHART_WIDTH_PX, height: int = CHART_HEIGHT_PX,
               scale: float = CHART_SCALE) -> bytes:
        """Image of a figure as bytes (``png`` or ``svg``).

        Raises
        ------
        ReportError
            If the browser is not running or the chart fails or times out.
        """
        if self._k is None and not self.start():
            raise ReportError(self.error or "chart renderer not started")
        opts = {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}
        with self._lock:
            fut = asyncio.run_coroutine_threadsafe(self._k.calc_fig(fig, opts=opts), self._loop)
            try:
                return fut.result(timeout=self.timeout_s)
            except concurrent.futures.TimeoutError:
                # a browser that does not answer is ended, so that later charts fail at once
                fut.cancel()
                self.error = f"the browser did not draw a chart within {self.timeout_s:g} s and was closed"
                self.close()
                raise ReportError(self.error) from None
            except Exception as exc:  # this figure failed; the session stays usable
                fut.cancel()
                raise ReportError(f"chart rendering failed ({type(exc).__name__}: {exc})") from None

    def close(self) -> None:
        """Close the browser and its thread (safe to call twice)."""
        if self._k is None and self._future is not None:
            try:  # still starting: wait for it so that the browser process is closed, not orphaned
                self._k = self._future.result(timeout=self.timeout_s)
            except Exception:
                self._k = None
        self._future = None
        if self._k is not None and self._loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(self._k.close(), self._loop).result(timeout=CLOSE_TIMEOUT_S)
            except Exception:  # a browser that will not close is ended by its process group
                self._pending = self._k
                self._abandon()
        self._k = None
        self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            async def _cancel_rest():
                rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
                for t in rest:
                    t.cancel()
                await asyncio.gather(*rest, return_exceptions=True)

            if self._loop.is_running():
                try:
                    asyncio.run_coroutine_threadsafe(_cancel_rest(), self._loop).result(timeout=5)
                except Exception:  # a task that will not cancel must not stop the shutdown
                    pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            if not self._loop.is_running():
                self._loop.close()
        self._loop, self._thread = None, None

    def __enter__(self) -> "ChartRenderer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --------------------------------------------------------------------------------------
# figures
def _chart_rows(res) -> list[dict]:
    return [r for r in res.rows if r.get("status") == "ok"]


def tornado_data(res, lang: str = "en") -> dict | None:
    """Sensitivity of the recommended option's NPV (:func:`heatcalc.money.economics.sensitivity`)
    as ``{"items": [{"name", "low", "high"}], "base": float, "label": str}``, or
    ``None`` when there is no recommended option or no sensitivity for it."""
    best = res.best
    if best is None or not getattr(res, "flows", None):
        return None
    try:
        out = sensitivity(res.case, res.flows, best["option"])
    except HeatCalcError:
        return None
    bars = out.get("bars") or []
    if not bars or not _finite(out.get("npv_EUR")):
        return None
    span = fmt_value(out.get("span", 0.0), "{:.0%}", lang)
    items = [{"name": f"{tr('in_' + b['input'], lang)} ±{span}", "low": b["npv_low_EUR"], "high": b["npv_high_EUR"]}
             for b in bars]
    return {"items": items, "base": out["npv_EUR"], "label": column_label("npv_EUR", lang)}


def _cycle_of(res):
    """The cycle to draw: the recommended option's, else the heat pump's (or None)."""
    best = res.best
    order = ([best["option"]] if best else []) + ["heat_pump", "steam_hp", "mvr"]
    for opt in order:
        d = res.designs.get(opt) if getattr(res, "designs", None) else None
        cyc = getattr(d, "cycle", None) if d is not None else None
        if cyc is None and isinstance(d, dict):
            cyc = d.get("cycle")
        if cyc is not None and getattr(cyc, "states", None):
            return cyc
    return None


def build_figures(res, lang: str) -> list[tuple[str, Any]]:
    """The report's figures as ``(title, plotly Figure or None)``; ``None`` with a
    reason string where a figure does not apply."""
    figs: list[tuple[str, Any]] = []
    if _chart_rows(res):
        figs.append((tr("c_options", lang), plots.option_comparison_figure(res.rows, lang)))
        figs.append((tr("c_cost", lang), plots.cost_split_figure(res.rows, lang)))
    td = tornado_data(res, lang)
    if td and td.get("items"):
        figs.append((tr("c_tornado", lang),
                     plots.tornado_figure(td["items"], td["base"], td.get("label", "NPV [€]"), lang)))
    else:
        figs.append((tr("c_tornado", lang), tr("no_tornado", lang)))
    cyc = _cycle_of(res)
    if cyc is not None:
        try:
            figs.append((tr("c_cycle", lang), plots.ph_diagram(cyc, lang)))
        except HeatCalcError as exc:
            figs.append((tr("c_cycle", lang), tr("chart_failed", lang, reason=str(exc))))
    for _, f in figs:
        if f is not None and not isinstance(f, str):
            f.update_layout(separators=",." if lang == "nl" else ".,", font_family=CHART_FONT)
    return figs


def _render_charts(figs, renderer: ChartRenderer | None, fmt: str, lang: str) -> tuple[list[dict], str | None]:
    """Charts as ``{"title", "img"|"svg"|"note"}`` and a note when none could be drawn."""
    out: list[dict] = []
    if renderer is None or not renderer.start():
        reason = renderer.error if renderer is not None else "chart rendering switched off"
        return [], tr("chart_unavailable", lang, reason=reason)
    for title, fig in figs:
        if isinstance(fig, str):
            out.append({"title": title, "note": fig})
            continue
        if renderer.error is not None:  # the session was closed after a stuck chart
            out.append({"title": title, "note": tr("chart_failed", lang, reason=renderer.error)})
            continue
        try:
            data = renderer.render(fig, fmt)
        except ReportError as exc:
            out.append({"title": title, "note": tr("chart_failed", lang, reason=str(exc))})
            continue
        if fmt == "svg":
            svg = data.decode("utf-8")
            svg = svg[svg.find("<svg"):] if "<svg" in svg else svg
            out.append({"title": title, "svg": svg})
        else:
            out.append({"title": title, "img": "data:image/png;base64," + base64.b64encode(data).decode("ascii")})
    return out, None
