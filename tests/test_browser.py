"""The app in a real headless browser: ``streamlit run app.py`` on 127.0.0.1, driven by
Playwright in the system's Chromium (never a downloaded browser).

Screenshots are written to ``tests/artifacts/`` (git-ignored) for a person to look at.
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
    page.goto(app_url)
    cop = _metric_value(page, "COP")
    expect(cop).to_be_visible()
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
    # let the run finish (the status widget disappears), then read the settled value
    page.wait_for_timeout(300)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=UI_TIMEOUT_MS)
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
    page.close()


def test_other_pages_draw_in_the_browser(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(UI_TIMEOUT_MS)
    for path, name in (("/cycle-designer", "cycle_designer"), ("/hourly-grid", "hourly_grid")):
        page.goto(app_url + path)
        expect(page.locator('[data-testid="stMetric"]').first).to_be_visible()
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0)
        page.wait_for_timeout(500)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.close()
