"""Sizing over a year of hours: the largest equipment that fits the grid, and an
NPV sweep of the heat-pump size.
"""
from __future__ import annotations

import math

import numpy as np

from heatcalc.case import FIT_RTOL
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message
from heatcalc.evaluation.hourly.dispatch import GRID_ATOL_KW, dispatch_rule, storage_figure
from heatcalc.evaluation.hourly.prepare import HourlyContext
from heatcalc.evaluation.hourly.result import run


# =========================================================================================
# sizing
def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of the runs of True in a boolean array."""
    m = np.concatenate(([False], np.asarray(mask, dtype=bool), [False]))
    edges = np.flatnonzero(np.diff(m.astype(np.int8)))
    return list(zip(edges[::2], edges[1::2]))


def max_fit_sizes(ctx: HourlyContext) -> dict:
    """The largest heat pump, e-boiler and storage that fit the grid capacity.

    * **heat pump**: the largest rated output whose full-load electrical input
      (× capacity ratio, plus lost CHP power) stays within the site's grid capacity
      level (the highest capacity in the profile: the contracted or firm level) at
      every step's COP — and no larger than the demand or the waste-heat source can
      use;
    * **e-boiler**: the grid room the heat pump leaves at its worst step, no larger
      than the peak demand;
    * **storage**: enough heat to carry the electrified heat through the largest
      single grid dip — a run of steps in which the grid capacity (below its
      highest level) makes the units deliver less than with the full level — with
      the largest lost heat flow as its power. ``storage_recover_all_kWh`` adds the
      sequent-peak (reservoir) size that would recover all heat lost to dips,
      recharged from the units' spare output within the grid room. Without dips no
      storage is needed to fit the grid (it may still pay on prices: see
      :func:`sweep_hp_size` with storage).

    Returns
    -------
    dict
        ``hp_kW``, ``eboiler_kW``, ``storage_kWh``, ``storage_kW`` [kW heat], ``storage_recover_all_kWh``,
        ``grid_level_kW``, ``longest_curtailment_h``, ``hp_limited_by``
        (``grid``, ``demand`` or ``source``), ``notes``.
    """
    inp = ctx.inputs
    D, G, dt = inp.Q_demand_kW, inp.P_grid_max_kW, inp.dt_h
    k = inp.chp_el_per_heat
    finite = np.isfinite(G)
    level = float(G[finite].max()) if finite.any() else math.inf
    cap = ctx.cap_ratio
    run_ok = (cap > 0) & (D > 0)
    notes: list[str] = []
    if ctx.Q_hp_nom_kW <= 0 and ctx.hp_option is None:
        hp, limited = 0.0, "no heat pump option"
    elif not run_ok.any():
        hp, limited = 0.0, "temperatures"
    else:
        useful_demand = float(np.max(D[run_ok] / cap[run_ok]))
        useful_source = float(np.max(ctx.hp_source_limit_kW[run_ok] / cap[run_ok]))
        a_max = float(np.max(cap[run_ok] * (1.0 / inp.cop_hp[run_ok] + k)))
        by_grid = level / a_max if math.isfinite(level) else math.inf
        hp = min(by_grid, useful_demand, useful_source)
        limited = "grid" if hp == by_grid else ("demand" if hp == useful_demand else "source")
    P_hp_worst = hp * float(np.max(cap * (1.0 / inp.cop_hp + k), initial=0.0))
    a_eb = 1.0 / inp.eta_eb + k
    room = level - P_hp_worst if math.isfinite(level) else math.inf
    peak_D = float(np.max(D, initial=0.0))
    eb = max(min(room / a_eb, peak_D), 0.0)
    # storage: sequent-peak sizing of the heat the grid's dips cost, recharged from spare grid room
    curtailed = finite & (G < level - GRID_ATOL_KW)
    runs = _runs(curtailed)
    longest_h = max(((b - a) * dt for a, b in runs), default=0.0)
    storage_kWh = 0.0
    storage_kW = 0.0
    storage_all = 0.0
    if runs and math.isfinite(level):
        full = dispatch_rule(ctx.inputs_for(hp_kW=hp, eb_kW=eb, grid_kW=level))
        act_inp = ctx.inputs_for(hp_kW=hp, eb_kW=eb)
        actual = dispatch_rule(act_inp)
        lost = np.maximum((full.Q_hp_kW + full.Q_eb_kW) - (actual.Q_hp_kW + actual.Q_eb_kW), 0.0)
        room = np.where(finite, np.maximum(G - actual.P_el_kW, 0.0), 0.0)
        a_hp = 1.0 / act_inp.cop_hp + k
        spare_hp = np.minimum(np.maximum(act_inp.Q_hp_max_kW - actual.Q_hp_kW, 0.0), room / a_hp)
        spare_eb = np.minimum(np.maximum(act_inp.Q_eb_max_kW - actual.Q_eb_kW, 0.0),
                              np.maximum(room - spare_hp * a_hp, 0.0) / a_eb)
        spare = np.where(lost > 0, 0.0, spare_hp + spare_eb)
        eta_c = storage_figure(ctx.storage_kind, "eta_charge")
        eta_d = storage_figure(ctx.storage_kind, "eta_discharge")
        dips = _runs(lost > GRID_ATOL_KW)
        storage_kWh = max((float(lost[a:b].sum()) * dt / eta_d for a, b in dips), default=0.0)
        storage_kW = float(lost.max(initial=0.0))
        # sequent-peak (reservoir) method: the tank that would recover all lost heat, recharged from spare output
        need = lost * dt / eta_d - spare * dt * eta_c
        K, peak = 0.0, 0.0
        for x in np.concatenate((need, need)).tolist():  # two passes: deficits that wrap round the year
            K = max(0.0, K + x)
            peak = max(peak, K)
        storage_all = peak
        notes.append(Message("hourly.storage_sized",
                             "storage sized to carry the electrified heat through the largest single grid dip; "
                             f"recovering all heat lost to dips, recharged from spare output, would take "
                             f"{storage_all:,.0f} kWh (sequent-peak method)", storage_all_kWh=storage_all))
    else:
        notes.append(Message("hourly.no_curtailment",
                             "no curtailed steps: no storage needed to fit the grid (it may still pay on prices)"))
    if math.isinf(level):
        notes.append(Message("hourly.no_grid_limit",
                             "no grid limit given: the heat pump and e-boiler are sized on the demand"))
    return {"hp_kW": float(hp), "eboiler_kW": float(eb), "storage_kWh": float(storage_kWh),
            "storage_kW": storage_kW, "storage_recover_all_kWh": float(storage_all),
            "grid_level_kW": level if math.isfinite(level) else None,
            "longest_curtailment_h": float(longest_h), "hp_limited_by": limited, "notes": notes}


def sweep_hp_size(ctx: HourlyContext, n_points: int = 20, *, hp_max_kW: float | None = None, storage=None,
                  method: str = "rule", eb_kW: float | None = None) -> dict:
    """Annual cost and NPV against the heat pump's rated output.

    Each size is dispatched (rule, or greedy/LP with storage) and totalled as in
    :func:`summarise`; the NPV counts the heat pump, e-boiler, storage and grid
    connection investment against the baseline's OPEX (EIA as
    :mod:`heatcalc.money` applies it by default).

    Parameters
    ----------
    ctx : HourlyContext
    n_points : int
        Number of sizes from 0 to ``hp_max_kW`` (2 to 200).
    hp_max_kW : float, optional
        Largest size [kW]; default the largest size the demand and source can use.
    storage : Storage or float, optional
    method : {"rule", "greedy", "lp"}
    eb_kW : float, optional
        E-boiler size for every point; default the context's.

    Returns
    -------
    dict
        ``rows`` (``hp_kW``, ``npv_EUR``, ``cost_EUR``, ``cost_saved_EUR``,
        ``capex_EUR``, ``electrified_share``, ``E_el_MWh``, ``peak_el_kW``,
        ``co2_saved_t``, ``heat_gas_MWh``, ``fits_grid``, ``meets_demand``, ``best``), ``best_hp_kW``
        (the highest NPV among the sizes that fit the grid and deliver all heat; ``None`` with a
        ``message`` when there is none), ``max_fit`` (:func:`max_fit_sizes`).

    Raises
    ------
    InputError
        For a bad number of points or size, or a case without a heat pump.
    """
    if not (isinstance(n_points, (int, np.integer)) and 2 <= n_points <= 200):
        raise InputError(f"n_points={n_points} is out of range: valid is 2 to 200")
    if ctx.hp_option is None:
        raise InputError("the case has no feasible heat pump option (heat_pump, steam_hp or mvr): nothing to size")
    if method not in ("rule", "greedy", "lp"):
        raise InputError(f"method={method!r} is not known for the sweep; choices: rule, greedy, lp")
    fit = max_fit_sizes(ctx)
    inp = ctx.inputs
    run_ok = (ctx.cap_ratio > 0) & (inp.Q_demand_kW > 0)
    if hp_max_kW is None:
        hp_max_kW = float(np.max(np.minimum(inp.Q_demand_kW, ctx.hp_source_limit_kW)[run_ok]
                                 / ctx.cap_ratio[run_ok])) if run_ok.any() else 0.0
    if not (math.isfinite(hp_max_kW) and hp_max_kW > 0):
        raise InputError(f"hp_max_kW={hp_max_kW} kW is out of range: valid is above 0 kW")
    sizes = np.linspace(0.0, hp_max_kW, int(n_points))
    rows = []
    for q in sizes:
        r = run(ctx, storage=storage, method=method if method != "greedy" else "rule", hp_kW=float(q), eb_kW=eb_kW)
        s = r.summary
        rows.append({"hp_kW": float(q), "npv_EUR": s["npv_EUR"], "cost_EUR": s["cost_EUR"],
                     "cost_saved_EUR": s["cost_saved_EUR"], "capex_EUR": s["capex_EUR"],
                     "electrified_share": s["electrified_share"], "E_el_MWh": s["E_el_MWh"],
                     "peak_el_kW": s["peak_el_kW"], "co2_saved_t": s["co2_saved_t"], "heat_gas_MWh": s["heat_gas_MWh"],
                     "fits_grid": bool(q <= fit["hp_kW"] * (1 + FIT_RTOL)),
                     "meets_demand": s["status"] == "ok", "best": False})
    # the best size fits the grid and delivers all heat (heat not delivered is no saving)
    allowed = [i for i, r in enumerate(rows) if r["fits_grid"] and r["meets_demand"] and math.isfinite(r["npv_EUR"])]
    if not allowed:
        return {"rows": rows, "best_hp_kW": None, "max_fit": fit, "method": method,
                "message": Message("hourly.sweep_no_best", "no size both fits the grid and delivers all heat: keep "
                                   "gas backup, get more grid capacity or add storage")}
    best = max(allowed, key=lambda i: rows[i]["npv_EUR"])
    rows[best]["best"] = True
    return {"rows": rows, "best_hp_kW": rows[best]["hp_kW"], "max_fit": fit, "method": method, "message": ""}
