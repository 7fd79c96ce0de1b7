"""The options of a case: baseline, direct electric (e-boiler, hybrid boiler, kilns), heat pumps,
their emissions and the product catalogue."""

from heatcalc.options.baseline import baseline, chp_eta_el, figure, grid_factor, heat_MWh_per_yr, infeasible
from heatcalc.options.direct_electric import e_boiler, electric_kiln, hybrid_boiler, hybrid_kiln, hybrid_share
from heatcalc.options.heat_pumps import heat_pump, mvr, steam_hp
from heatcalc.options.staged_supply import staged

#: The one registry of options: case-schema name -> function of a Case giving its EnergyFlows
#: (``status`` ``ok`` or ``infeasible`` with the reason). The order is the case schema's.
OPTION_MODELS = {
    "heat_pump": heat_pump,
    "mvr": mvr,
    "steam_hp": steam_hp,
    "e_boiler": e_boiler,
    "hybrid_boiler": hybrid_boiler,
    "electric_kiln": electric_kiln,
    "hybrid_kiln": hybrid_kiln,
    "staged": staged,
}

__all__ = ['OPTION_MODELS', 'heat_pump', 'mvr', 'steam_hp', 'baseline', 'chp_eta_el', 'e_boiler', 'electric_kiln', 'figure', 'grid_factor', 'heat_MWh_per_yr', 'hybrid_boiler', 'hybrid_kiln', 'hybrid_share', 'infeasible', 'staged']
