"""One case over a year of hours (or quarter hours) under the grid capacity it can get."""

from heatcalc.evaluation.hourly.dispatch import (
    BALANCE_RTOL,
    GRID_ATOL_KW,
    METHODS,
    STORAGE_KINDS,
    Dispatch,
    DispatchInputs,
    Storage,
    dispatch_greedy,
    dispatch_lp,
    dispatch_rule,
    storage_figure,
)
from heatcalc.evaluation.hourly.prepare import (
    EB_OPTIONS,
    HP_OPTIONS,
    HourlyContext,
    hp_performance,
    marginal_rates,
    prepare,
)
from heatcalc.evaluation.hourly.result import HourlyResult, annual_money, run, simulate, summarise
from heatcalc.evaluation.hourly.sizing import max_fit_sizes, sweep_hp_size

__all__ = ['BALANCE_RTOL', 'Dispatch', 'DispatchInputs', 'EB_OPTIONS', 'GRID_ATOL_KW', 'HP_OPTIONS', 'HourlyContext', 'HourlyResult', 'METHODS', 'STORAGE_KINDS', 'Storage', 'annual_money', 'dispatch_greedy', 'dispatch_lp', 'dispatch_rule', 'hp_performance', 'marginal_rates', 'max_fit_sizes', 'prepare', 'run', 'simulate', 'storage_figure', 'summarise', 'sweep_hp_size']
