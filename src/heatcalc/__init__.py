"""heatcalc — industrial heat-pump and electrification feasibility calculator.

Layers (each imports only its own and the ones below; tests/test_layering.py checks it,
docs/architecture.md draws it):

0. ``core`` — units, errors, number formats, JSON, data files, optimiser;
1. ``case`` and ``columns`` (input and output contracts), ``thermo`` (physics on CoolProp);
2. ``money`` — tariffs, site bill, costs, subsidies, finance, economics;
3. ``options`` — baseline, direct electric, heat pumps, emissions, products;
4. ``evaluation`` — one case to result rows (``annual``), over a year of hours (``hourly``);
5. ``present`` — texts in English and Dutch, plotly figures;
6. ``batch`` and ``report``;
7. ``cli``; the Streamlit app lives outside the package and calls the same functions.

Importing the package is cheap: CoolProp is imported on first use and no property
tables are built at import time.
"""
__version__ = "0.1.0"
