"""Golden outputs: the command line gives the same answers as when the files were recorded.

The files in ``tests/data/golden/`` hold the stdout (and, for ``batch``, the output
table) of the command lines in :data:`COMMANDS`. Numbers must agree to
``RTOL_GOLDEN`` relative, text exactly. A change that is meant to change results
re-records them with ``python tests/test_golden.py`` and says so in its commit.
"""
from __future__ import annotations

import contextlib
import io
import json
import math
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
RTOL_GOLDEN = 1e-9
ATOL_GOLDEN = 1e-12
# Keys whose values are run times, not results.
TIMING_KEY = re.compile(r"(^|_)(time_s|elapsed_s|seconds)$")

EXAMPLES = ["brewery_hot_water", "dairy_dryer_streams", "glass_wool_furnace", "milk_powder_dryer",
            "paper_dryer_steam", "sugar_evaporator_mvr", "sugar_lime_kiln"]

# ``{EX}`` = data/examples, ``{PR}`` = data/profiles, ``{OUT}`` = a temporary folder.
COMMANDS: dict[str, list[str]] = {
    **{f"evaluate_{e}": ["evaluate", f"{{EX}}/{e}.json", "--json"] for e in EXAMPLES},
    "hourly_brewery_time_bound": ["hourly", "{EX}/brewery_hot_water.json", "--profiles",
                                  "{PR}/synthetic_brewery_2025_time_bound.csv", "--json"],
    "hourly_paper_storage": ["hourly", "{EX}/paper_dryer_steam.json", "--prices",
                             "{PR}/synthetic_day_ahead_2025.csv", "--storage-kWh", "5000", "--json"],
    "hourly_brewery_sweep": ["hourly", "{EX}/brewery_hot_water.json", "--sweep", "5", "--json"],
    "batch_sites_25": ["batch", "{EX}/sites_25.csv", "-o", "{OUT}/sites_25_results.csv", "--workers", "1"],
    "cycle_r1233zde": ["cycle", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-cond", "130", "--json"],
    "cycle_r601_ihx": ["cycle", "--fluid", "R601", "--t-evap", "60", "--t-cond", "130", "--superheat", "0",
                       "--ihx", "0.5", "--json"],
    "cycle_r600_motor": ["cycle", "--fluid", "R600", "--t-evap", "40", "--t-cond", "95", "--eta-is", "0.75",
                         "--eta-motor", "0.95", "--json"],
    "cycle_two_stage": ["cycle", "--topology", "two_stage", "--fluid", "R600", "--t-evap", "0", "--t-cond", "60",
                        "--intercooling", "open_intercooler", "--json"],
    "cycle_two_stage_opt": ["cycle", "--topology", "two_stage", "--fluid", "R717", "--t-evap", "-10",
                            "--t-cond", "70", "--optimise-p-int", "--json"],
    "cycle_cascade": ["cycle", "--topology", "cascade", "--fluid", "R717", "--fluid-low", "R744", "--t-evap", "-35",
                      "--t-cond", "50", "--t-cascade", "-5", "--dt-cascade", "4", "--json"],
    "cycle_error": ["cycle", "--fluid", "Unobtainium", "--t-evap", "60", "--t-cond", "130"],
    "evaluate_text_brewery": ["evaluate", "{EX}/brewery_hot_water.json"],
    "cycle_transcritical": ["cycle", "--topology", "transcritical", "--t-evap", "0", "--t-gc-out", "35", "--json"],
    "cycle_transcritical_p": ["cycle", "--topology", "transcritical", "--t-evap", "0", "--t-gc-out", "35",
                              "--p-gc", "100", "--json"],
    "design_auto": ["design", "--t-sink-in", "60", "--t-sink-out", "90", "--t-source-in", "40", "--json"],
    "design_steam": ["design", "--sink-medium", "steam", "--t-sink-in", "100", "--t-sink-out", "130",
                     "--t-source-in", "70", "--fluid", "R1233zd(E)", "--json", "--no-curves"],
    "pinch_dairy_mvr": ["pinch", "{EX}/dairy_streams.csv", "--dt-min", "10", "--hp-power-kW", "300", "--json"],
    "mvr_one": ["mvr", "--t-suction", "100", "--t-discharge", "112", "--eta-is", "0.75", "--json"],
    "mvr_two": ["mvr", "--p-suction", "0.2", "--p-discharge", "1.0", "--stages", "2", "--t-injection", "30",
                "--json"],
    "mvr_no_desuperheat": ["mvr", "--t-suction", "60", "--t-discharge", "75", "--no-desuperheat", "--json"],
    "steam_hp_flash": ["steam-hp", "--fluid", "R600", "--t-evap", "60", "--t-steam", "120", "--t-feed", "90",
                       "--json"],
    "steam_hp_mvr": ["steam-hp", "--fluid", "R1233zd(E)", "--t-evap", "70", "--t-steam", "140", "--t-feed", "90",
                     "--t-flash", "110", "--mvr-stages", "2", "--json"],
    "tariff_gas": ["tariff", "--year", "2025", "--gas-m3", "2000000", "--json"],
    "tariff_el": ["tariff", "--year", "2025", "--electricity-kWh", "20000000", "--json"],
    "tariff_grid": ["tariff", "--year", "2025", "--gas-m3", "500000", "--electricity-kWh", "3000000",
                    "--grid-operator", "liander", "--contract-kW", "1500", "--peak-kW", "1400", "--json"],
    "tariff_grid_tb": ["tariff", "--year", "2025", "--electricity-kWh", "8000000", "--grid-operator", "stedin",
                       "--contract-kW", "1800", "--peak-kW", "1700", "--time-bound", "--json"],
    "tariff_enexis": ["tariff", "--year", "2025", "--gas-m3", "12000000", "--grid-operator", "enexis",
                      "--contract-kW", "900", "--peak-kW", "850", "--json"],
}


def run(name: str, out_dir: Path) -> dict:
    """Run one golden command line in this process: exit code, stdout and the files it wrote."""
    from heatcalc.cli import main

    subst = {"{EX}": str(ROOT / "data" / "examples"), "{PR}": str(ROOT / "data" / "profiles"),
             "{OUT}": str(out_dir)}
    argv = []
    for a in COMMANDS[name]:
        for k, v in subst.items():
            a = a.replace(k, v)
        argv.append(a)
    buf, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
        rc = main(argv)
    got: dict = {"rc": rc}
    text = buf.getvalue()
    try:
        # a path the output echoes (a case's streams file) is written relative to the checkout
        got["stdout"] = (json.loads(text.replace(json.dumps(str(ROOT))[1:-1], "{ROOT}")) if "--json" in argv
                         else _scrub(text, out_dir))
    except json.JSONDecodeError:
        got["stdout"] = _scrub(text, out_dir)
    if rc != 0:  # the error line is part of the answer; progress and summaries are not
        got["stderr"] = _scrub(err.getvalue(), out_dir)
    files = {}
    for p in sorted(out_dir.glob("*")):
        if p.is_file():
            files[p.name] = _table(p)
            p.unlink()
    if files:
        got["files"] = files
    return got


def _scrub(text: str, out_dir: Path) -> list[str]:
    """Text output as lines without the temporary folder or run times."""
    text = text.replace(str(out_dir), "{OUT}").replace(str(ROOT), "{ROOT}")
    return [re.sub(r"\d+(\.\d+)? ?(s|ms)\b", "<time>", ln) for ln in text.splitlines()]


def _table(path: Path) -> list[list[str]]:
    import csv

    with path.open(newline="", encoding="utf-8-sig") as fh:
        return [row for row in csv.reader(fh)]


def _num(x):
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return None
    return None


def compare(got, want, where: str = "") -> list[str]:
    """Differences between two decoded outputs (numbers to RTOL_GOLDEN relative)."""
    diffs: list[str] = []
    if isinstance(want, dict) and isinstance(got, dict):
        if set(got) != set(want):
            diffs.append(f"{where}: keys {sorted(set(got) ^ set(want))} differ")
        for k in set(got) & set(want):
            if TIMING_KEY.search(k):
                continue
            diffs += compare(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, list) and isinstance(got, list):
        if len(got) != len(want):
            diffs.append(f"{where}: length {len(got)} != {len(want)}")
        for i, (g, w) in enumerate(zip(got, want)):
            diffs += compare(g, w, f"{where}[{i}]")
    else:
        g, w = _num(got), _num(want)
        if g is not None and w is not None:
            if not (math.isclose(g, w, rel_tol=RTOL_GOLDEN, abs_tol=ATOL_GOLDEN)
                    or (math.isnan(g) and math.isnan(w))):
                diffs.append(f"{where}: {got!r} != {want!r}")
        elif got != want:
            diffs.append(f"{where}: {got!r} != {want!r}")
    return diffs


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_golden_output(name, tmp_path):
    want = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(run(name, tmp_path)))
    diffs = compare(got, want, name)
    assert not diffs, "\n".join(diffs[:20])


def record(names: list[str] | None = None) -> None:
    """Write the golden files anew (only when results are meant to change)."""
    import tempfile

    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in names or sorted(COMMANDS):
        with tempfile.TemporaryDirectory() as d:
            got = run(name, Path(d))
        (GOLDEN / f"{name}.json").write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{name}: rc {got['rc']} {got.get('stderr', [''])[:1]}")


if __name__ == "__main__":
    record(sys.argv[1:] or None)
