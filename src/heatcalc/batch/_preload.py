"""Imported once by the local pool's forkserver before it forks the workers, so that every worker starts with
heatcalc, CoolProp and scipy's root finders imported and the money tables loaded (each worker would otherwise
import and load them again: seconds of CPU per worker on a busy machine).

Nothing here computes a result; a table that cannot be loaded is left to the evaluation, which reports it for
the rows that need it.
"""
from __future__ import annotations

import heatcalc.batch.engines  # noqa: F401 - the chunk function and the evaluation behind it
import heatcalc.evaluation.annual  # noqa: F401


def _warm() -> None:
    try:
        import CoolProp.CoolProp  # noqa: F401 - the shared library, the largest import
        import scipy.optimize  # noqa: F401 - root finding of the cycles, IRR and break-even
    except ImportError:  # pragma: no cover - a missing package is reported by the evaluation
        pass
    from heatcalc.core import datafiles
    from heatcalc.core.errors import HeatCalcError

    for name in datafiles.REQUIRED_COLUMNS:
        try:
            datafiles.load_table(name)
        except (HeatCalcError, OSError):
            pass


_warm()
