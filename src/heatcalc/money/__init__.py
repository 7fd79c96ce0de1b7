"""Money: Dutch tariffs, the site bill, costs, subsidies, finance arithmetic and the economics of an option."""

from heatcalc.money.costs import capex_EUR, cost_curve, om_EUR_per_yr
from heatcalc.money.economics import (
    BREAK_EVEN_BRACKET_EUR_PER_MWH,
    BREAK_EVEN_NPV_RTOL,
    MC_RANGES,
    TORNADO_INPUTS,
    TORNADO_SPAN,
    break_even,
    finance_case,
    monte_carlo,
    sensitivity,
)
from heatcalc.money.finance import (
    IRR,
    IRR_BRACKET,
    abatement_cost,
    annuity_factor,
    capital_recovery_factor,
    irr,
    lcoh,
    npv,
    simple_payback,
)
from heatcalc.money.site_bill import HOURS_PER_YR
from heatcalc.money.subsidies import SUBSIDIES, eia_EUR, sde_EUR_per_yr, subsidy_params, veki_EUR

__all__ = ['BREAK_EVEN_BRACKET_EUR_PER_MWH', 'BREAK_EVEN_NPV_RTOL', 'HOURS_PER_YR', 'IRR', 'IRR_BRACKET', 'MC_RANGES', 'SUBSIDIES', 'TORNADO_INPUTS', 'TORNADO_SPAN', 'abatement_cost', 'annuity_factor', 'break_even', 'capex_EUR', 'capital_recovery_factor', 'cost_curve', 'eia_EUR', 'finance_case', 'irr', 'lcoh', 'monte_carlo', 'npv', 'om_EUR_per_yr', 'sde_EUR_per_yr', 'sensitivity', 'simple_payback', 'subsidy_params', 'veki_EUR']
