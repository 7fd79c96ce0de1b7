"""Render the README's screenshots of the proposal's first two pages (docs/img/proposal_page-01.png,
proposal_page-02.png) from the example case's PDF.

    .venv/bin/python scripts/render_proposal_pages.py [--lang en|nl] [--dpi 70]

Makes the PDF with ``heatcalc report`` (the example case, the example supplier profile and the
cover details shown in docs/report.md) and turns pages 1 and 2 into PNGs with ``pdftoppm``
(poppler-utils). The date is fixed so that the pictures do not change from day to day.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="en", choices=["en", "nl"])
    ap.add_argument("--dpi", type=int, default=70)
    args = ap.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("error: pdftoppm not found (install poppler-utils)", file=sys.stderr)
        return 2
    heatcalc = Path(sys.executable).with_name("heatcalc")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "proposal.pdf"
        subprocess.run([str(heatcalc), "report", str(ROOT / "data/examples/brewery_hot_water.json"), "-o", str(pdf),
                        "--lang", args.lang, "--customer", "Brouwerij De Klok", "--site", "Zwolle",
                        "--contact", "J. Jansen", "--proposal-id", "HP-2026-017", "--option", "heat_pump",
                        "--supplier-profile", str(ROOT / "data/examples/supplier_profile.toml"),
                        "--date", "2026-03-02", "--validity-days", "30"], check=True)
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "2", str(pdf),
                        str(Path(tmp) / "proposal_page")], check=True)
        OUT.mkdir(parents=True, exist_ok=True)
        for png in sorted(Path(tmp).glob("proposal_page-*.png")):
            n = int(png.stem.rsplit("-", 1)[1])
            target = OUT / f"proposal_page-{n:02d}.png"
            shutil.copyfile(png, target)
            print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
