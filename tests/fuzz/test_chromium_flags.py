"""Issue 17, class 9: the report's charts run Chromium with the least it needs.

choreographer (kaleido's browser driver) starts Chromium with ``--no-sandbox --disable-web-security
--allow-file-access-from-files``. The report drops the last two always and keeps ``--no-sandbox`` only as root
(Chromium will not start as root with its sandbox). The live test reads the command line of the Chromium
process actually started (``/proc/<pid>/cmdline`` of the renderer's descendants) after drawing a chart; before
the change it held all three flags.
"""
from __future__ import annotations

import os
from pathlib import Path

import psutil
import pytest

from heatcalc.report import charts as C

CHOREO_CLI = ["python", "wrapper.py", "/usr/bin/chromium", "--disable-gpu", "--headless", "--no-sandbox",
              "--disable-breakpad", "--allow-file-access-from-files", "--user-data-dir=/tmp/x",
              "--disable-web-security", "--remote-debugging-pipe"]


def test_flags_dropped_as_any_user():
    for root in (True, False):
        cli = C.chromium_args(list(CHOREO_CLI), as_root=root)
        assert "--disable-web-security" not in cli and "--allow-file-access-from-files" not in cli
        assert ("--no-sandbox" in cli) is root
        assert cli[:3] == CHOREO_CLI[:3] and "--remote-debugging-pipe" in cli and "--headless" in cli


def test_root_keeps_no_sandbox_even_when_choreographer_leaves_it_out():
    """As root the sandbox is off (Chromium's rule); as another user it is on, whatever choreographer asked."""
    cli = [a for a in CHOREO_CLI if a != "--no-sandbox"]
    assert "--no-sandbox" in C.chromium_args(cli, as_root=True)
    assert "--no-sandbox" not in C.chromium_args(cli, as_root=False)


def test_choreographer_still_builds_the_flags_we_drop():
    """If choreographer stops adding these flags this test says so (the filter is then a no-op to remove)."""
    from choreographer.browsers.chromium import Chromium
    from choreographer.channels import Pipe

    browser = C.find_browser() or "/bin/sh"
    impl = Chromium(Pipe(), browser)
    impl.pre_open()
    try:
        raw = list(impl.get_cli())
        assert {"--disable-web-security", "--allow-file-access-from-files", "--no-sandbox"} <= set(raw)
        least = C._least_chromium_class()(Pipe(), browser, enable_sandbox=not C.running_as_root())
        least.pre_open()
        try:
            def same(cli):  # the profile folder differs per start
                return sorted(a for a in cli if not a.startswith("--user-data-dir="))
            assert same(least.get_cli()) == same(C.chromium_args(raw, as_root=C.running_as_root()))
        finally:
            least.clean()
    finally:
        impl.clean()


def _chromium_cmdlines() -> list[list[str]]:
    out = []
    for p in psutil.Process(os.getpid()).children(recursive=True):
        try:
            cmd = p.cmdline()
        except psutil.Error:
            continue
        if cmd and "chrom" in Path(cmd[0]).name.lower():
            out.append(cmd)
    return out


@pytest.mark.skipif(C.find_browser() is None, reason="no Chromium on this machine")
def test_live_chromium_runs_with_the_least_flags():
    plotly = pytest.importorskip("plotly.graph_objects")
    pytest.importorskip("kaleido")
    fig = plotly.Figure(plotly.Bar(x=["a", "b"], y=[1, 2]))
    with C.ChartRenderer() as r:
        assert r.start(), r.error
        svg = r.render(fig, fmt="svg")
        cmdlines = _chromium_cmdlines()
    assert svg.lstrip().startswith(b"<svg") or b"<svg" in svg[:500]
    assert cmdlines, "no Chromium process found under this process"
    main = [c for c in cmdlines if not any(a.startswith("--type=") for a in c)]
    assert main, cmdlines
    for cmd in cmdlines:
        assert "--disable-web-security" not in cmd, cmd
        assert "--allow-file-access-from-files" not in cmd, cmd
    for cmd in main:
        assert ("--no-sandbox" in cmd) is C.running_as_root(), cmd
