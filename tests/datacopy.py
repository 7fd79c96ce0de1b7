"""A writable copy of the shipped data folder, for tests that change a table and read the data again."""
from __future__ import annotations

import shutil
from pathlib import Path

from heatcalc.core.datafiles import DATA_DIR


def energy_tax_copy(tmp_path: Path) -> tuple[Path, Path, str, list[str]]:
    """Copy ``data/`` to ``tmp_path/data``.

    Returns
    -------
    tuple
        The copy's folder, its ``tariffs/energy_tax.csv``, that file's text, and its 2025 gas and
        electricity band rows (the lines a test turns into another year's).
    """
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    path = dst / "tariffs" / "energy_tax.csv"
    text = path.read_text(encoding="utf-8")
    rows_2025 = [ln for ln in text.splitlines() if ",2025," in ln and ln.startswith(("gas,", "electricity,"))]
    return dst, path, text, rows_2025
