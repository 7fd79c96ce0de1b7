"""The options of a case: baseline, direct electric (e-boiler, hybrid boiler, kilns), heat pumps,
their emissions and the product catalogue."""

from heatcalc.options.baseline import baseline, chp_eta_el, figure, grid_factor, heat_MWh_per_yr, infeasible
from heatcalc.options.direct_electric import e_boiler, electric_kiln, hybrid_boiler, hybrid_kiln, hybrid_share

__all__ = ['baseline', 'chp_eta_el', 'e_boiler', 'electric_kiln', 'figure', 'grid_factor', 'heat_MWh_per_yr', 'hybrid_boiler', 'hybrid_kiln', 'hybrid_share', 'infeasible']
