"""Hypothesis profiles of the fuzz suite.

``fuzz-ci`` (the default, used by ``make test``) keeps every fuzz test file fast; ``fuzz-thorough`` runs many more
examples, new ones each run (``ci`` draws the same ones every run, so that ``make test`` never fails by chance;
run ``thorough`` to look for new findings). Choose with the environment variable
``HEATCALC_FUZZ_PROFILE=ci|thorough``. The profiles apply only to
tests decorated with :func:`tests.fuzz.strategies.fuzz_settings`; the rest of the suite keeps its own profile.
"""
from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:  # ``import tests.fuzz.strategies`` also when pytest runs without ``python -m``
    sys.path.insert(0, _ROOT)

from tests.fuzz.strategies import register_profiles  # noqa: E402

register_profiles()
