"""The app in a real headless browser: ``streamlit run app.py`` on 127.0.0.1, driven by
Playwright in the system's Chromium (never a downloaded browser).

Every request the browser makes is recorded; a request to any host other than the app's
own server fails the test (the app works offline: fonts, icons and scripts are local).
Screenshots are written to ``tests/artifacts/`` (git-ignored) for a person to look at; the
scenario view's screenshot is also written to ``docs/img/scenarios.png`` when
``HEATCALC_DOC_SCREENSHOTS=1`` (the README shows it).
Skips, saying how to install it, when Chromium is missing.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Longest wait for the server to answer its health check [s].
SERVER_START_TIMEOUT_S = 60
#: Browser window; tall, because Streamlit scrolls inside the page (a full-page screenshot
#: shows only the window).
VIEWPORT = {"width": 1500, "height": 2300}
#: Longest wait for a page element or a changed number [ms].
UI_TIMEOUT_MS = 45_000
#: Longest wait for the first page of a fresh server (imports, CoolProp, the first designs) [ms].
FIRST_RUN_TIMEOUT_MS = 180_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    if not CHROMIUM.exists():
        pytest.skip("Chromium not found at /usr/bin/chromium; install it with "
                    "`apt-get update && apt-get install -y chromium` (Debian; .ci/run does this)")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed "
                                                      "(pip install -r requirements.txt)")
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "streamlit_server.log", "w")
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with code {proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer on {url} within {SERVER_START_TIMEOUT_S} s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()  # stop the server we started, by its PID
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


#: Sink outlet temperature of the example case the app opens with [°C] (data/examples/brewery_hot_water.json).
SINK_START_C = 95.0
#: Hosts the browser may talk to: the app's own server.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
#: Where the README's screenshots live.
DOC_IMG = ROOT / "docs" / "img"


class Requests:
    """Every request a page makes (URL), and those that leave the app's own server."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        page.on("request", lambda r: self.urls.append(r.url))

    def outside(self) -> list[str]:
        out = []
        for u in self.urls:
            p = urlparse(u)
            if p.scheme in ("data", "blob", "about", "chrome-error"):
                continue
            if p.hostname not in LOCAL_HOSTS:
                out.append(u)
        return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _wait_until(condition, timeout_s: float = UI_TIMEOUT_MS / 1000) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.2)


def _metric_value(page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).first.locator(
        '[data-testid="stMetricValue"]')


def test_slider_changes_cop_in_the_browser(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(UI_TIMEOUT_MS)
    requests = Requests(page)
    page.goto(app_url)
    cop = _metric_value(page, "COP")
    expect(cop).to_be_visible(timeout=FIRST_RUN_TIMEOUT_MS)
    before = float(cop.inner_text())
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Sink outlet temperature").get_by_role("slider")
    expect(slider).to_be_visible()
    slider.focus()
    for _ in range(4):  # +4 steps of 0.5 K: one or two reruns, a visible change of the COP
        slider.press("ArrowRight")
    page.wait_for_function(
        """([before]) => {
            const m = [...document.querySelectorAll('[data-testid="stMetric"]')].find(e => e.innerText.includes('COP'));
            if (!m) return false;
            const v = parseFloat(m.querySelector('[data-testid="stMetricValue"]').innerText);
            return !isNaN(v) && v !== before;
        }""", arg=[before], timeout=UI_TIMEOUT_MS)
    # let the last run finish: the share link holds the slider's final value once the run for it has drawn
    # (keys pressed during a run may be lost, so the final value is read from the slider), then read the COP
    def _settled_on_slider() -> bool:
        v = float(slider.input_value())
        return f"T_sink_out_C={v:g}&" in page.url and v > SINK_START_C
    _wait_until(_settled_on_slider)
    _settled(page)
    after = float(cop.inner_text())
    assert after < before, f"COP should drop when the sink gets hotter: {before} -> {after}"
    assert "T_sink_out_C=" in page.url  # the share link follows the inputs
    page.screenshot(path=str(ARTIFACTS / "quick_scan.png"))

    # Dutch is one click away
    page.get_by_text("Nederlands").click()
    expect(page.get_by_text("Aanvoertemperatuur warmteafnemer").first).to_be_visible()
    process = page.locator('[data-testid="stSelectbox"]').filter(has_text="Proces").first
    _wait_until(lambda: "Proceswarmte" in process.aria_snapshot())  # the chosen option follows the language
    expect(_metric_value(page, "COP")).to_have_text(f"{after:.2f}".replace(".", ","))
    page.screenshot(path=str(ARTIFACTS / "quick_scan_nl.png"))
    assert requests.urls and not requests.outside(), requests.outside()
    page.close()


def test_other_pages_draw_in_the_browser(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(UI_TIMEOUT_MS)
    requests = Requests(page)
    for path, name in (("/cycle-designer", "cycle_designer"), ("/hourly-grid", "hourly_grid"),
                       ("/process-integration", "process_integration")):
        page.goto(app_url + path)
        expect(page.locator('[data-testid="stMetric"]').first).to_be_visible()
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0)
        page.wait_for_timeout(500)
        assert page.locator('[data-testid="stException"]').count() == 0
        # a direct link opens its page without Streamlit's "Page not found" dialog (which a pages/ folder beside
        # st.navigation caused: the app's pages live in views/)
        assert page.get_by_text("Page not found").count() == 0, path
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    for path, name in (("/batch", "batch"), ("/report", "report")):
        page.goto(app_url + path)
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0)
        page.wait_for_timeout(500)
        assert page.locator('[data-testid="stException"]').count() == 0
        # a direct link opens its page without Streamlit's "Page not found" dialog (which a pages/ folder beside
        # st.navigation caused: the app's pages live in views/)
        assert page.get_by_text("Page not found").count() == 0, path
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    assert requests.urls and not requests.outside(), requests.outside()
    page.close()


def _settled(page) -> None:
    """Wait until the app's run is over (the running indicator is gone) and the page has drawn."""
    from playwright.sync_api import expect

    page.wait_for_timeout(300)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=UI_TIMEOUT_MS)
    page.wait_for_timeout(300)


def test_scenarios_option_table_and_downloads_in_the_browser(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    page.set_default_timeout(UI_TIMEOUT_MS)
    requests = Requests(page)
    page.goto(app_url + "/?lang=en")
    expect(_metric_value(page, "COP")).to_be_visible(timeout=FIRST_RUN_TIMEOUT_MS)
    _settled(page)

    # the option table shows the decision figures without a horizontal scroll bar
    table = page.locator('[data-testid="stTable"]').first
    expect(table).to_be_visible()
    header = table.locator("th").all_inner_texts()
    for label in ("COP", "Electrical load", "CO2 saved", "Annual saving", "Net present value", "Payback time"):
        assert any(label in h for h in header), (label, header)
    widths = table.evaluate("""el => {
        const boxes = [el, ...el.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1
            && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
        return boxes.length;
    }""")
    assert widths == 0, "the option table scrolls sideways"

    # the option table as CSV and Excel
    for label, suffix in (("Download the table (CSV)", ".csv"), ("Download the table (Excel)", ".xlsx")):
        with page.expect_download() as dl:
            page.get_by_role("button", name=label).click()
        assert dl.value.suggested_filename.endswith("_options" + suffix), dl.value.suggested_filename
        data = Path(dl.value.path()).read_bytes()
        assert data.startswith(b"\xef\xbb\xbfOption,Status,COP") if suffix == ".csv" else data[:2] == b"PK"

    # scenario A: as loaded; B: a hotter sink; C: cheaper electricity
    page.get_by_role("button", name="Save as A").click()
    expect(page.get_by_role("button", name="Replace A")).to_be_visible()
    _settled(page)
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Sink outlet temperature").get_by_role("slider")
    slider.focus()
    for _ in range(30):  # +15 K
        slider.press("ArrowRight")
    _settled(page)
    page.get_by_role("button", name="Save as B").click()
    expect(page.get_by_role("button", name="Replace B")).to_be_visible()
    _settled(page)
    price = page.locator('[data-testid="stSlider"]').filter(has_text="Electricity price").get_by_role("slider")
    price.focus()
    for _ in range(40):  # −20 €/MWh
        price.press("ArrowLeft")
    _settled(page)
    page.get_by_role("button", name="Save as C").click()
    expect(page.get_by_role("button", name="Replace C")).to_be_visible()
    _settled(page)

    figures = page.locator('[data-testid="stTable"]').filter(has_text="Best option").first
    expect(figures).to_be_visible()
    assert [h.strip() for h in figures.locator("thead th").all_inner_texts()][-3:] == ["A", "B", "C"]
    cop_row = figures.locator("tr").filter(has_text="COP").first.locator("td").all_inner_texts()
    assert "(" not in cop_row[0] and "(-" in cop_row[1], cop_row  # B's COP is lower, and says by how much
    highlighted = figures.locator("td").evaluate_all(
        "cells => cells.filter(c => getComputedStyle(c).backgroundColor === 'rgb(255, 232, 204)').length")
    assert highlighted >= 3  # the differences stand out
    inputs = page.locator('[data-testid="stTable"]').filter(has_text="Sink outlet temperature").first
    expect(inputs).to_be_visible()
    expect(page.locator(".js-plotly-plot").filter(has_text="Operating cost per scenario")).to_have_count(1)
    expect(page.locator(".js-plotly-plot").filter(has_text="CO2 emissions per scenario")).to_have_count(1)
    page.wait_for_timeout(800)  # the bar charts' drawing

    # a screenshot of the scenario view (the section, scrolled into the window)
    section = page.get_by_role("heading", name="Scenarios")
    section.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    view = page.locator(".st-key-scenarios")  # the section's container (st.container(key="scenarios"))
    view.screenshot(path=str(ARTIFACTS / "scenarios.png"))
    if os.environ.get("HEATCALC_DOC_SCREENSHOTS") == "1":
        view.screenshot(path=str(DOC_IMG / "scenarios.png"))

    # remove A: B and C stay
    page.get_by_role("button", name="Remove A").click()
    expect(page.get_by_role("button", name="Save as A")).to_be_visible()
    _settled(page)
    figures = page.locator('[data-testid="stTable"]').filter(has_text="Best option").first
    assert [h.strip() for h in figures.locator("thead th").all_inner_texts()][-2:] == ["B", "C"]
    assert requests.urls and not requests.outside(), requests.outside()
    page.close()
