"""The library never imports streamlit, and importing it is cheap."""
import subprocess
import sys


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
