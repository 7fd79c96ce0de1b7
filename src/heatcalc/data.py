"""Locating and loading the reference data shipped in ``data/``.

Every number in ``data/`` carries its unit, year (or validity) and source. The
loaders here reject rows without a source so that no unsourced number can enter
a calculation.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import TariffDataError

#: Folder with heatcalc's data files; override with the ``HEATCALC_DATA_DIR``
#: environment variable (useful for an installed, non-editable package).
DATA_DIR = Path(os.environ.get("HEATCALC_DATA_DIR", Path(__file__).resolve().parents[2] / "data"))


def data_path(*parts: str) -> Path:
    """Return the path of a file inside the data folder.

    Raises
    ------
    TariffDataError
        If the file does not exist.
    """
    p = DATA_DIR.joinpath(*parts)
    if not p.exists():
        raise TariffDataError(f"data file {p} not found (set HEATCALC_DATA_DIR to the data folder)")
    return p


@lru_cache(maxsize=None)
def read_csv(*parts: str, require_source: bool = True) -> pd.DataFrame:
    """Read a data CSV (``#`` lines are comments) and check provenance.

    Parameters
    ----------
    *parts : str
        Path inside the data folder, e.g. ``("tariffs", "energy_tax.csv")``.
    require_source : bool
        Reject the file when a row has an empty ``source`` column.

    Returns
    -------
    pandas.DataFrame
        A copy-safe frame (callers must not modify it in place).

    Raises
    ------
    TariffDataError
        If the file is missing, has no ``source`` column, or a row lacks a source.
    """
    path = data_path(*parts)
    df = pd.read_csv(path, comment="#", skipinitialspace=True)
    if require_source:
        if "source" not in df.columns:
            raise TariffDataError(f"{path.name}: no 'source' column")
        missing = df["source"].isna() | (df["source"].astype(str).str.strip() == "")
        if missing.any():
            rows = (df.index[missing] + 2).tolist()
            raise TariffDataError(f"{path.name}: rows {rows} have no source")
    return df
