"""JSON output as the contracts want it: non-finite numbers become ``null``."""
from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

import numpy as np


def clean(obj: Any) -> Any:
    """Return ``obj`` with numpy scalars/arrays converted and NaN/inf replaced by ``None``."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [clean(v) for v in obj.tolist()]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        x = float(obj)
        return x if math.isfinite(x) else None
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return clean(dataclasses.asdict(obj))
    if obj is None or isinstance(obj, str):
        return obj
    try:  # pandas NA / NaT
        import pandas as pd

        if pd.isna(obj):
            return None
        if isinstance(obj, pd.Timestamp):
            return obj.isoformat()
    except (TypeError, ValueError):
        pass
    return str(obj)


def dumps(obj: Any, **kwargs) -> str:
    """``json.dumps`` with :func:`clean` applied and ``allow_nan=False``."""
    return json.dumps(clean(obj), allow_nan=False, ensure_ascii=False, **kwargs)
