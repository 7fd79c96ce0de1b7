"""The package's layers, stated as rules that fail when an import breaks one.

Layers from the bottom (a module imports only its own layer and the ones below):

0. ``core`` — units, errors, numbers, JSON, data files, optimiser;
1. ``case``, ``columns`` (the input and output contracts) and ``thermo`` (physics);
2. ``money`` — tariffs, site bill, costs, subsidies, finance, economics;
3. ``options`` — baseline, direct electric, heat pumps, emissions, products;
4. ``evaluation`` — one case to result rows (annual) and over a year of hours (hourly);
5. ``present`` — texts (EN/NL) and figures shared by the app and the report;
6. ``batch`` and ``report``;
7. ``cli``.

Every import counts, also one inside a function. The library never imports streamlit, and
``import heatcalc`` does not load CoolProp.
"""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "heatcalc"

LAYER = {"core": 0, "case": 1, "columns": 1, "thermo": 1, "money": 2, "options": 3, "evaluation": 4, "present": 5,
         "integration": 4, "batch": 6, "report": 6, "hub": 6, "cli": 7, "__init__": 0, "__main__": 7}

#: Rules the architecture names explicitly (also implied by LAYER, kept to say them plainly).
FORBIDDEN = {low: {"batch", "report", "cli"} for low in ("core", "case", "columns", "thermo", "money", "options",
                                                          "evaluation", "present")}
FORBIDDEN["thermo"] |= {"money", "options", "evaluation"}
FORBIDDEN["money"] |= {"thermo"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, heatcalc top-level part) of every heatcalc import in a file, also inside functions."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        mods: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "heatcalc":
                mods = [f"heatcalc.{a.name}" for a in node.names]
            elif node.module.startswith("heatcalc."):
                mods = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}:{node.lineno}: relative import; heatcalc imports are absolute")
        elif isinstance(node, ast.Import):
            mods = [a.name for a in node.names if a.name.startswith("heatcalc.")]
        out += [(node.lineno, m.split(".")[1]) for m in mods if m.split(".")[1] != "__version__"]
    return out


def _layer_of(path: Path) -> str:
    return path.relative_to(PKG).parts[0].removesuffix(".py")


MODULES = sorted(PKG.rglob("*.py"))


def _check(path: Path, me: str) -> None:
    assert me in LAYER, f"{path}: a top-level part without a layer; add it to LAYER and docs/architecture.md"
    for line, other in _imports(path):
        assert other in LAYER, f"{path}:{line}: imports heatcalc.{other}, which has no layer"
        assert other not in FORBIDDEN.get(me, set()), f"{path}:{line}: {me} must not import {other}"
        assert LAYER[other] <= LAYER[me] or me in ("__init__",), \
            f"{path}:{line}: {me} (layer {LAYER[me]}) imports {other} (layer {LAYER[other]}) from above"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_imports_go_down_the_layers(path):
    _check(path, _layer_of(path))


def test_the_rules_catch_an_upward_import(tmp_path):
    """The checker itself can fail: thermo importing money is reported."""
    bad = tmp_path / "probe.py"
    bad.write_text("def f():\n    from heatcalc.money.tariffs import default_prices\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="thermo must not import money"):
        _check(bad, "thermo")
    bad.write_text("from heatcalc.report.render import write_report\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="evaluation must not import report"):
        _check(bad, "evaluation")


def test_every_package_is_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(PKG.parent).parts) for p in PKG.rglob("__init__.py")}
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_no_module_imports_streamlit():
    code = (
        "import importlib, pkgutil, sys, heatcalc\n"
        "for m in pkgutil.walk_packages(heatcalc.__path__, 'heatcalc.'):\n"
        "    if m.name != 'heatcalc.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "ok" in out.stdout


def test_import_heatcalc_does_not_load_coolprop():
    out = subprocess.run([sys.executable, "-c", "import heatcalc, sys; print('CoolProp' in sys.modules)"],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False"
