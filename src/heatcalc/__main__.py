"""``python -m heatcalc`` runs the command line."""
from heatcalc.cli import run

run()
