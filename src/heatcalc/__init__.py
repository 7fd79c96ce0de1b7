"""heatcalc — industrial heat-pump and electrification feasibility calculator.

Layers (each only imports the ones above it):

1. ``units``, ``errors``, ``data`` — conversions, exceptions, data loading;
2. ``fluids`` — CoolProp ``AbstractState`` wrapper and refrigerant catalogue;
3. ``cycles`` and the other thermodynamic models — heat pumps, MVR, COP models;
4. tariffs, emissions and economics;
5. the case orchestrator that turns one case into result rows;
6. the command line (``heatcalc.cli``); the Streamlit app lives outside the package.

Importing the package is cheap: CoolProp is imported on first use and no property
tables are built at import time.
"""
__version__ = "0.1.0"
