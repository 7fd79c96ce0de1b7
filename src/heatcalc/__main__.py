"""``python -m heatcalc`` runs the command line."""
import sys

from heatcalc.cli import main

sys.exit(main())
