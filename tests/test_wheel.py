"""Install as users will: build the wheel, install it into a fresh virtual environment and run
two commands from a folder outside the repository (no source tree, no editable install)."""
from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _run(args, **kw):
    out = subprocess.run(args, capture_output=True, text=True, timeout=900, **kw)
    assert out.returncode == 0, f"{args[:3]} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}"
    return out


@pytest.mark.slow
def test_wheel_installs_and_evaluates_outside_the_repository(tmp_path):
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)])
    wheel = next(wheels.glob("heatcalc-*.whl"))
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    # the runtime dependencies come from the package index (or pip's cache), heatcalc from the wheel only
    _run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)])
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "data" / "examples" / "brewery_hot_water.json", work / "case.json")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    where = _run([str(py), "-c", "import heatcalc, heatcalc.core.datafiles as d; print(heatcalc.__file__);"
                  "print(d.DATA_DIR)"], cwd=work, env=env).stdout.split()
    assert str(venv) in where[0] and str(venv) in where[1], where  # the installed copy and its own data
    out = _run([str(venv / "bin" / "heatcalc"), "evaluate", "case.json", "--json"], cwd=work, env=env)
    rows = json.loads(out.stdout)["results"]
    assert {r["option"] for r in rows} >= {"baseline", "heat_pump", "e_boiler"}
    assert all(r["status"] in ("ok", "infeasible") for r in rows)
    out = _run([str(venv / "bin" / "heatcalc"), "tariff", "--year", "2025", "--gas-m3", "2000000", "--json"],
               cwd=work, env=env)
    assert json.loads(out.stdout)["energy_tax_gas_EUR"] > 0


def _third_party_imports(paths) -> set[str]:
    names = set()
    for p in paths:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    stdlib = set(sys.stdlib_module_names)
    return {n for n in names if n not in stdlib and n not in ("heatcalc", "views", "__future__")}


#: Import name -> distribution name, where they differ.
_DIST = {"click": "typer",  # typer brings click (older typer) or its own copy
         "yaml": "pyyaml", "dask": "dask", "distributed": "dask", "PIL": "pillow", "pyarrow": "pyarrow"}


def _dists(reqs) -> set[str]:
    return {re.split(r"[<>=\[; ]", r, maxsplit=1)[0].lower() for r in reqs}


def test_extras_cover_what_the_app_the_report_and_dask_import():
    core = _dists(PYPROJECT["project"]["dependencies"])
    extras = PYPROJECT["project"]["optional-dependencies"]
    report = core | _dists(extras["report"])
    app = core | _dists(extras["app"]) | (_dists(extras["report"]) if any("heatcalc[report]" in r for r in
                                                                           extras["app"]) else set())
    dask = core | _dists(extras["dask"])
    pkg = ROOT / "src" / "heatcalc"
    checks = {
        "library without extras": (core, [p for p in pkg.rglob("*.py") if "report" not in p.parts
                                          and p.name != "engines.py"]),
        "report": (report, list((pkg / "report").rglob("*.py"))),
        "dask engine": (dask, [pkg / "batch" / "engines.py"]),
        "app": (app, [ROOT / "app.py", *(ROOT / "views").glob("*.py")]),
    }
    for what, (have, files) in checks.items():
        need = {_DIST.get(n, n).lower() for n in _third_party_imports(files)}
        assert need <= have, f"{what} imports {sorted(need - have)} that its install does not bring"


def _glob_match(path: str, pattern: str) -> bool:
    """setuptools package-data semantics: ``*`` stays within one folder level."""
    from fnmatch import fnmatchcase

    a, b = path.split("/"), pattern.split("/")
    return len(a) == len(b) and all(fnmatchcase(x, y) for x, y in zip(a, b))


def test_package_data_ships_every_data_file():
    """Every file under data/ (examples with their supplier profile and logo, the hub example folder, profiles,
    tariffs) is matched by the wheel's package data, so an installed heatcalc has what the README runs."""
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["heatcalc.data"]
    data = ROOT / "data"
    files = [p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    missing = [f for f in files if not any(_glob_match(f, g) for g in globs)]
    assert files and not missing, f"not in the wheel: {missing}"
