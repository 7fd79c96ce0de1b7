"""The result of an hourly run: energy and money of a dispatched year, and the runners
(:func:`run`, :func:`simulate`) that tie the steps of :mod:`heatcalc.evaluation.hourly` together.

The whole package models the hour-by-hour dispatch of a heat pump, an e-boiler, thermal
storage and the gas plant under the grid capacity a site can really get:

Layers
------
1. **Dispatch core** on plain numpy arrays (:class:`DispatchInputs`): per time step the
   heat demand, the heat pump's available output and COP, the e-boiler, the grid
   capacity left for the new load, the electricity and gas-heat costs. Three
   dispatchers return a :class:`Dispatch`:

   * :func:`dispatch_rule` — no storage, vectorised: heat pump first, then the
     e-boiler when electricity is cheaper than gas heat (the hybrid boiler's
     break-even price) and grid room is left, then gas;
   * :func:`dispatch_greedy` — the same rule with storage: charge from spare heat
     pump / e-boiler output in the day's cheap hours, discharge when electric heat
     is not available or dearer than gas;
   * :func:`dispatch_lp` — cost-optimal dispatch over the whole period by linear
     programming (HiGHS through :func:`scipy.optimize.linprog`), optionally with
     the network tariff's monthly-peak and contract charges.

   No dispatcher ever exceeds the grid capacity in any step; demand is met every
   step or the unmet heat is reported (only when the gas plant is limited).
2. **Case layer** (:func:`simulate`): builds the arrays from a
   :class:`~heatcalc.case.Case`, its evaluated heat-pump design and profiles
   (:mod:`heatcalc.evaluation.hourly.profiles`), prices and taxes from :mod:`heatcalc.money.tariffs`, and
   turns a dispatch into the annual totals of ``heatcalc hourly``
   (:class:`HourlyResult`).
3. **Sizing** (:func:`max_fit_sizes`, :func:`sweep_hp_size`).

Sign and unit conventions: heat flows ``Q_..._kW`` [kW thermal], electrical loads
``P_..._kW`` [kW], costs per MWh of the carrier named, a step is ``dt_h`` hours.
A gas CHP baseline is handled by ``chp_el_per_heat`` (electric/thermal output
ratio): heat the CHP no longer makes also costs its power, which the site must then
buy — that power counts against the grid capacity, as in
:mod:`heatcalc.options`.

See docs/methods.md, section "Hourly dispatch", for the equations.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message
from heatcalc.core.units import gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV
from heatcalc.evaluation.hourly.dispatch import (
    BALANCE_RTOL,
    GRID_ATOL_KW,
    Dispatch,
    Storage,
    dispatch_greedy,
    dispatch_lp,
    dispatch_rule,
    storage_figure,
)
from heatcalc.evaluation.hourly.prepare import HourlyContext, _settle_rates, prepare
from heatcalc.money.site_bill import SiteBill
from heatcalc.options import emissions
from heatcalc.options.flows import EnergyFlows


# =========================================================================================
# annual totals and money
def _annual_energy(ctx: HourlyContext, d: Dispatch | None) -> dict:
    """Annual energy and CO2 of a dispatch (``None``: the baseline, all heat from gas) [MWh, t]."""
    inp = ctx.inputs if d is None else d.inputs
    s = inp.energy_weight * inp.dt_h / 1000.0  # kW per step -> MWh per year
    D = inp.Q_demand_kW
    k = inp.chp_el_per_heat
    if d is None:
        z = np.zeros_like(D)
        q_hp = q_eb = q_ch = q_dis = u = P_own = z
        q_gas = D
        E_end = E_start = 0.0
    else:
        q_hp, q_eb, q_gas, q_ch, q_dis, u = d.Q_hp_kW, d.Q_eb_kW, d.Q_gas_kW, d.Q_charge_kW, d.Q_discharge_kW, \
            d.Q_unmet_kW
        P_own = d.P_hp_kW + d.P_eb_kW
        E_start = d.storage.E_start_kWh if d.storage is not None and len(d.E_storage_kWh) else 0.0
        E_end = float(d.E_storage_kWh[-1]) if d.storage is not None and len(d.E_storage_kWh) else 0.0
    P_net = P_own - k * q_gas  # electricity bought minus CHP power made [kW]
    price = ctx.profiles.columns["price_el_EUR_per_MWh"]
    heat_gas = float(q_gas.sum() * s)
    fuel = gas_MWh_LHV_to_HHV(heat_gas / ctx.money["eta_baseline"])
    out = {
        "heat_demand_MWh": float(D.sum() * s),
        "heat_hp_MWh": float(q_hp.sum() * s),
        "heat_eboiler_MWh": float(q_eb.sum() * s),
        "heat_gas_MWh": heat_gas,
        "heat_unmet_MWh": float(u.sum() * s),
        "heat_storage_in_MWh": float(q_ch.sum() * s),
        "heat_storage_out_MWh": float(q_dis.sum() * s),
        "storage_content_change_MWh": (E_end - E_start) * inp.energy_weight / 1000.0,
        "E_el_own_MWh": float(P_own.sum() * s),
        "E_el_chp_MWh": float((k * q_gas).sum() * s),
        "E_el_MWh": float(P_net.sum() * s),
        "fuel_MWh": fuel,
        "gas_m3": gas_MWh_HHV_to_m3(fuel),
        "co2_fuel_t": emissions.co2_gas_t(fuel),
        "co2_grid_t": float((ctx.ef_grid_kgCO2_per_kWh * P_net).sum() * s),
        "commodity_el_EUR": float((price * P_net).sum() * s),
    }
    out["storage_loss_MWh"] = out["heat_storage_in_MWh"] - out["heat_storage_out_MWh"] \
        - out["storage_content_change_MWh"]
    out["co2_t"] = out["co2_fuel_t"] + out["co2_grid_t"]
    return out


def _site_bill(ctx: HourlyContext):
    """The site-bill model of :mod:`heatcalc.money.site_bill` for this case, with the hourly baseline.

    Built once per context (the tariff look-ups, the site's base network bill, the subsidy
    switches); every dispatch is then priced by :meth:`~heatcalc.money.site_bill.SiteBill.price`,
    the same model the annual evaluation uses.
    """
    bill = ctx.money.get("_bill")
    if bill is None:
        e = _annual_energy(ctx, None)
        bill = SiteBill(ctx.case, [_flow(ctx, None, e)], time_bound=ctx.money["right"] == "time_bound")
        ctx.money["_bill"] = bill
    return bill


def _flow(ctx: HourlyContext, d: Dispatch | None, e: dict, *, hp_kW: float = 0.0, eb_kW: float = 0.0,
          storage: Storage | None = None, peak_kW: float = 0.0, monthly_kW=None) -> EnergyFlows:
    """The year of a dispatch (``None``: the baseline) as the energy flows the site bill prices."""
    m = ctx.money
    common = dict(heat_delivered_MWh_per_yr=e["heat_demand_MWh"] - e["heat_unmet_MWh"],
                  E_el_MWh_per_yr=e["E_el_MWh"], fuel_MWh_per_yr=e["fuel_MWh"], gas_m3_per_yr=e["gas_m3"],
                  co2_fuel_t_per_yr=e["co2_fuel_t"], co2_grid_t_per_yr=e["co2_grid_t"],
                  commodity_el_EUR_per_yr=e["commodity_el_EUR"])
    if d is None:
        return EnergyFlows(option="baseline", technology=m["base_technology"], **common)
    store = 0.0
    if storage is not None and storage.capacity_kWh > 0:
        store = storage.capacity_kWh * storage_figure(storage.kind, "capex_EUR_per_kWh")
    return EnergyFlows(option=ctx.hp_option or "hourly", technology=m["hp_technology"],
                       heat_backup_MWh_per_yr=e["heat_gas_MWh"], capacity_kW_th=float(hp_kW), P_el_kW=peak_kW,
                       halogen_free=m.get("halogen_free"),
                       units=((m["hp_technology"], float(hp_kW), e["heat_hp_MWh"]),
                              ("e_boiler", float(eb_kW), e["heat_eboiler_MWh"])),
                       capex_extra_EUR=store, monthly_peaks_kW=tuple(monthly_kW), **common)


def annual_money(ctx: HourlyContext, d: Dispatch | None, *, hp_kW: float = 0.0, eb_kW: float = 0.0,
                 storage: Storage | None = None, energy: dict | None = None) -> dict:
    """Annual cost of the heat supply and the investment, priced by the site bill.

    The dispatch's year becomes an :class:`~heatcalc.options.flows.EnergyFlows` (electricity
    priced hour by hour, the **monthly peaks of the hourly load**, heat pump and e-boiler as two
    units, the heat store as investment) and :mod:`heatcalc.money.site_bill` prices it against
    the baseline exactly as the annual evaluation does: commodity, energy tax on the site's
    total volumes, network (extra bill against today's site, never negative, connection change
    with its charge and wait), CO2 (ETS and levy on scope-1 emissions), O&M, CAPEX, subsidies
    and NPV. There is no second copy of these rules here.

    Parameters
    ----------
    ctx : HourlyContext
    d : Dispatch or None
        ``None``: the baseline.
    hp_kW, eb_kW : float
        Rated heat-pump and e-boiler output [kW] (for CAPEX and fixed O&M).
    storage : Storage, optional
    energy : dict, optional
        :func:`_annual_energy` of ``d`` if already computed.

    Returns
    -------
    dict
        ``opex_EUR`` and its parts ``commodity_EUR``, ``energy_tax_EUR``,
        ``network_EUR``, ``co2_cost_EUR``, ``om_EUR``; ``capex_EUR`` and its parts;
        ``npv_EUR``, ``subsidy_eia_EUR`` (options only); ``peak_el_kW``,
        ``monthly_peaks_kW``, ``notes``.
    """
    e = energy if energy is not None else _annual_energy(ctx, d)
    bill = _site_bill(ctx)
    notes: list[str] = []
    P = np.zeros(ctx.inputs.n) if d is None else d.P_el_kW
    month = ctx.inputs.month
    peak = max(float(np.max(P, initial=0.0)), 0.0)
    present = {int(mm): max(float(P[month == mm].max()), 0.0) for mm in np.unique(month)}
    if len(present) < 12:
        notes.append(Message("hourly.months_missing", f"profiles cover {len(present)} of 12 months: the missing "
                             "months' network peaks are taken as the period's peak", months=len(present)))
    monthly = [present.get(mm, peak) for mm in range(1, 13)]
    parts = {"heat_pump": 0.0, "e_boiler": 0.0, "storage": 0.0, "grid_connection": 0.0}
    if d is None:
        a, inc, pc = bill.annual(0), None, bill.pieces[0]
    else:
        flow = _flow(ctx, d, e, hp_kW=hp_kW, eb_kW=eb_kW, storage=storage, peak_kW=peak, monthly_kW=monthly)
        inc, pc = bill.price(flow)
        a = inc["a"]
        by = pc.capex_by_tech or {}
        parts = {"heat_pump": by.get(ctx.money["hp_technology"], 0.0), "e_boiler": by.get("e_boiler", 0.0),
                 "storage": by.get("storage", 0.0), "grid_connection": pc.capex_grid}
    notes += list(bill.notes) + list(pc.notes)  # the site bill's notes: defaults used, ETS scope, connection
    if not pc.net_known:
        notes += [n for n in bill.net_notes if n not in notes]
    out = {"connection_wait_yr": pc.connection_wait_yr, "connection_charge_EUR": pc.connection_charge_EUR,
           "opex_EUR": float(a["total"]), "commodity_EUR": float(a["commodity"]),
           "energy_tax_EUR": float(a["energy_tax"]), "network_EUR": float(a["network"]),
           "co2_cost_EUR": float(a["co2"]), "om_EUR": float(a["om"]), "capex_EUR": float(a["capex"]),
           "capex_equipment_EUR": float(a["capex_eq"]),
           **{f"capex_{k}_EUR": v for k, v in parts.items()},
           "peak_el_kW": peak, "monthly_peaks_kW": monthly, "notes": list(dict.fromkeys(notes))}
    if inc is not None:
        out.update(npv_EUR=float(inc["npv"]), subsidy_eia_EUR=float(inc["eia"]))
    return out


def _baseline(ctx: HourlyContext) -> dict:
    b = ctx.money.get("_baseline")
    if b is None:
        e = _annual_energy(ctx, None)
        b = {**e, **annual_money(ctx, None, energy=e)}
        ctx.money["_baseline"] = b
    return b


#: Share of the year's heat demand that may stay unmet before a supply counts as not meeting it [-]
#: (rounding of the step sums).
UNMET_RTOL = 1e-9


def _supply_status(heat_unmet_MWh: float, heat_demand_MWh: float) -> tuple[str, str]:
    """``("ok", "")`` when the units deliver the whole demand, else ``("infeasible", reason)``."""
    if heat_unmet_MWh <= UNMET_RTOL * max(heat_demand_MWh, 1.0):
        return "ok", ""
    share = heat_unmet_MWh / heat_demand_MWh if heat_demand_MWh > 0 else 1.0
    return "infeasible", Message("hourly.demand_not_met",
                                 f"{heat_unmet_MWh:,.0f} MWh/yr ({share:.1%}) of the heat demand is not met: keep "
                                 "gas backup (--gas-kW), get more grid capacity, or add storage",
                                 heat_unmet_MWh=heat_unmet_MWh, share=share)


def summarise(ctx: HourlyContext, d: Dispatch, *, hp_kW: float, eb_kW: float) -> dict:
    """Annual totals of a dispatch: the JSON keys of ``heatcalc hourly`` and more.

    Energies, costs and CO2 are per year (weighted when a constant demand stands for
    the operating hours); ``hours`` is the simulated period; peaks are per step.
    """
    inp = d.inputs
    e = _annual_energy(ctx, d)
    money = annual_money(ctx, d, hp_kW=hp_kW, eb_kW=eb_kW, storage=d.storage, energy=e)
    base = _baseline(ctx)
    dt = inp.dt_h
    G = inp.P_grid_max_kW
    finite = np.isfinite(G)
    G_top = float(G[finite].max()) if finite.any() else math.inf
    curtailed = finite & (G < G_top - GRID_ATOL_KW)
    head = d.grid_headroom_kW
    limited = finite & (head <= GRID_ATOL_KW + BALANCE_RTOL * np.where(finite, G, 0.0)) \
        & ((d.Q_gas_kW + d.Q_unmet_kW) > GRID_ATOL_KW)
    demand = e["heat_demand_MWh"]
    electrified = demand - e["heat_gas_MWh"] - e["heat_unmet_MWh"]
    share = min(max(electrified / demand, 0.0), 1.0) if demand > 0 else 0.0
    saving = base["opex_EUR"] - money["opex_EUR"]
    npv, eia = money["npv_EUR"], money["subsidy_eia_EUR"]  # the site bill's, with the wait for capacity
    status, message = _supply_status(e["heat_unmet_MWh"], demand)
    if status != "ok":  # heat not delivered is no saving: no NPV for a supply that does not meet the demand
        saving = npv = math.nan
    E_sum = max(e["E_el_MWh"], 0.0)
    eb_hours = float(np.sum(d.Q_eb_kW > GRID_ATOL_KW) * dt)
    be = inp.break_even_price_el_EUR_per_MWh - (inp.c_el_EUR_per_MWh - ctx.profiles.columns["price_el_EUR_per_MWh"])
    out = {
        "case_id": ctx.case.case_id,
        "status": status,
        "message": message,
        "method": d.method,
        "hours": float(inp.n * dt),
        "dt_h": dt,
        "steps": inp.n,
        "energy_weight": inp.energy_weight,
        "hp_option": ctx.hp_option,
        "hp_kW": float(hp_kW),
        "eboiler_kW": float(eb_kW),
        "storage_kWh": float(d.storage.capacity_kWh) if d.storage is not None else 0.0,
        "heat_demand_MWh": demand,
        "heat_hp_MWh": e["heat_hp_MWh"],
        "heat_eboiler_MWh": e["heat_eboiler_MWh"],
        "heat_gas_MWh": e["heat_gas_MWh"],
        "heat_unmet_MWh": e["heat_unmet_MWh"],
        "unmet_hours": float(np.sum(d.Q_unmet_kW > GRID_ATOL_KW) * dt),
        "heat_storage_in_MWh": e["heat_storage_in_MWh"],
        "heat_storage_out_MWh": e["heat_storage_out_MWh"],
        "storage_loss_MWh": e["storage_loss_MWh"],
        "E_el_MWh": e["E_el_MWh"],
        "E_el_own_MWh": e["E_el_own_MWh"],
        "fuel_MWh": e["fuel_MWh"],
        "gas_m3": e["gas_m3"],
        "peak_el_kW": money["peak_el_kW"],
        "monthly_peaks_el_kW": money["monthly_peaks_kW"],
        "grid_limit_exceeded_hours": float(d.grid_limit_exceeded_steps * dt),
        "grid_capacity_max_kW": G_top if math.isfinite(G_top) else None,
        "curtailed_hours": float(curtailed.sum() * dt),
        "grid_limited_hours": float(limited.sum() * dt),
        "electrified_share": share,
        "hp_full_load_hours": (e["heat_hp_MWh"] * 1000.0 / hp_kW / inp.energy_weight) if hp_kW > 0 else 0.0,
        "eboiler_hours": eb_hours,
        "price_el_paid_EUR_per_MWh": (e["commodity_el_EUR"] / e["E_el_MWh"]) if E_sum > 0 else None,
        "break_even_price_el_EUR_per_MWh": float(np.mean(be)),
        "co2_t": e["co2_t"],
        "co2_baseline_t": base["co2_t"],
        # heat not delivered saves no CO2 either: no saving for a supply that does not meet the demand
        "co2_saved_t": base["co2_t"] - e["co2_t"] if status == "ok" else math.nan,
        "cost_EUR": money["opex_EUR"],
        "cost_baseline_EUR": base["opex_EUR"],
        "cost_saved_EUR": saving,
        "cost_commodity_EUR": money["commodity_EUR"],
        "cost_energy_tax_EUR": money["energy_tax_EUR"],
        "cost_network_EUR": money["network_EUR"],
        "cost_co2_EUR": money["co2_cost_EUR"],
        "cost_om_EUR": money["om_EUR"],
        "capex_EUR": money["capex_EUR"],
        "capex_heat_pump_EUR": money["capex_heat_pump_EUR"],
        "capex_e_boiler_EUR": money["capex_e_boiler_EUR"],
        "capex_storage_EUR": money["capex_storage_EUR"],
        "capex_grid_connection_EUR": money["capex_grid_connection_EUR"],
        "subsidy_eia_EUR": eia,
        "npv_EUR": npv,
        "dispatch_objective_EUR": d.objective_EUR() - float((d.unmet_penalty_EUR_per_MWh() * d.Q_unmet_kW).sum()
                                                            * inp.energy_weight * dt / 1000.0),
        "solver": {k: v for k, v in d.solver.items()},
        "notes": money["notes"],
    }
    if ctx.withdrawn is not None:  # a worst-case withdrawal pattern of the non-firm right
        w = ctx.withdrawn
        out["withdrawal_basis"] = ctx.withdrawal_basis
        out["withdrawn_hours"] = float(w.sum() * dt)
        out["heat_unmet_withdrawn_MWh"] = float(d.Q_unmet_kW[w].sum() * dt * inp.energy_weight / 1000.0)
        out["heat_gas_withdrawn_MWh"] = float(d.Q_gas_kW[w].sum() * dt * inp.energy_weight / 1000.0)
    return out


@dataclass
class HourlyResult:
    """Result of :func:`simulate`: the main dispatch, its annual totals, and the
    other method's totals when both are run.

    Attributes
    ----------
    context : HourlyContext
    dispatch : Dispatch
        The main dispatch (LP when storage is present and ``method="auto"``).
    summary : dict
        Annual totals of the main dispatch (:func:`summarise`).
    alternatives : dict
        ``{method: summary}`` of every dispatch run (the main one included).
    warnings : list of str
    """

    context: HourlyContext
    dispatch: Dispatch
    summary: dict
    alternatives: dict
    warnings: list[str]

    def to_dict(self, *, ldc_points: int = 101) -> dict:
        """JSON-ready totals (contract keys first), the other methods' totals, the
        load-duration curve and the warnings."""
        d = dict(self.summary)
        d["methods"] = {m: {k: s[k] for k in ("cost_EUR", "electrified_share", "E_el_MWh", "peak_el_kW",
                                              "heat_gas_MWh", "heat_unmet_MWh", "co2_saved_t", "npv_EUR",
                                              "dispatch_objective_EUR")}
                        for m, s in self.alternatives.items()}
        d["load_duration_curve"] = self.load_duration(ldc_points)
        d["profiles"] = self.context.profiles.source
        d["hp_model"] = self.context.hp_model
        d["warnings"] = list(self.warnings)
        return d

    def table(self):
        """Step-by-step table (the ``--out`` CSV) as a pandas DataFrame; an unlimited grid
        capacity (and its headroom) is empty (NaN)."""
        import pandas as pd

        ctx, d = self.context, self.dispatch
        inp = d.inputs
        cols = ctx.profiles.columns
        df = pd.DataFrame({
            "timestamp": ctx.profiles.index.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "heat_demand_kW": inp.Q_demand_kW,
            "T_source_in_C": cols.get("T_source_in_C", np.full(inp.n, np.nan)),
            "T_sink_out_C": cols["T_sink_out_C"],
            "price_el_EUR_per_MWh": cols["price_el_EUR_per_MWh"],
            "grid_capacity_kW": np.where(np.isinf(inp.P_grid_max_kW), np.nan, inp.P_grid_max_kW),
            "cop_hp": inp.cop_hp,
            "Q_hp_max_kW": inp.Q_hp_max_kW,
            "Q_hp_kW": d.Q_hp_kW,
            "Q_eboiler_kW": d.Q_eb_kW,
            "Q_gas_kW": d.Q_gas_kW,
            "Q_storage_in_kW": d.Q_charge_kW,
            "Q_storage_out_kW": d.Q_discharge_kW,
            "E_storage_kWh": d.E_storage_kWh,
            "Q_unmet_kW": d.Q_unmet_kW,
            "P_hp_kW": d.P_hp_kW,
            "P_eboiler_kW": d.P_eb_kW,
            "P_el_kW": d.P_el_kW,
            "grid_headroom_kW": np.where(np.isinf(d.grid_headroom_kW), np.nan, d.grid_headroom_kW),
            "c_el_EUR_per_MWh": inp.c_el_EUR_per_MWh,
            "c_gas_heat_EUR_per_MWh": inp.c_gas_heat_EUR_per_MWh,
            "break_even_price_el_EUR_per_MWh": inp.break_even_price_el_EUR_per_MWh
            - (inp.c_el_EUR_per_MWh - cols["price_el_EUR_per_MWh"]),
            "ef_grid_kgCO2_per_kWh": ctx.ef_grid_kgCO2_per_kWh,
        })
        return df

    def load_duration(self, n_points: int = 101) -> dict:
        """Load-duration curve of the extra grid load: the load exceeded during a
        given number of hours.

        Returns
        -------
        dict
            ``hours`` [h] and ``P_el_kW`` [kW], ``n_points`` pairs from 0 to the
            period's length (highest load first).
        """
        P = np.sort(self.dispatch.P_el_kW)[::-1]
        dt = self.dispatch.inputs.dt_h
        hours = np.arange(1, len(P) + 1) * dt
        pick = np.unique(np.linspace(0, len(P) - 1, max(min(n_points, len(P)), 2)).round().astype(int))
        return {"hours": hours[pick].tolist(), "P_el_kW": P[pick].tolist()}


def _storage_arg(ctx: HourlyContext, storage) -> Storage | None:
    if storage is None:
        return None
    if isinstance(storage, Storage):
        return storage if storage.capacity_kWh > 0 else None
    v = float(storage)
    if not (math.isfinite(v) and 0 <= v <= 1e9):
        raise InputError(f"storage_kWh={storage} kWh is out of range: valid is 0 to 1,000,000,000 kWh")
    return Storage.default(v, kind=ctx.storage_kind) if v > 0 else None


def run(ctx: HourlyContext, *, storage=None, method: str = "auto", hp_kW: float | None = None,
        eb_kW: float | None = None, grid_kW=None, hp_on_price: bool = False, peak_charges: bool = True) -> HourlyResult:
    """Dispatch a prepared case and total the year.

    Parameters
    ----------
    ctx : HourlyContext
    storage : Storage or float, optional
        Storage object, or its capacity [kWh] with the data defaults.
    method : {"auto", "rule", "greedy", "lp", "both"}
        ``auto``: rule-based without storage; with storage both the greedy rule and
        the LP, the LP being the main result. ``rule``/``greedy``: the rule
        (with storage: greedy). ``lp``: the LP only. ``both``: rule/greedy and LP.
    hp_kW, eb_kW : float, optional
        Override the rated heat-pump and e-boiler outputs [kW].
    grid_kW : float or ndarray, optional
        Override the grid capacity [kW].
    hp_on_price : bool
        Let the rule switch the heat pump off when its heat is dearer than gas heat.
    peak_charges : bool
        LP: include the network's monthly-peak and contract charges.

    Returns
    -------
    HourlyResult
    """
    if method not in ("auto", "rule", "greedy", "lp", "both"):
        raise InputError(f"method={method!r} is not known; choices: auto, rule, greedy, lp, both")
    st = _storage_arg(ctx, storage)
    inp = ctx.inputs_for(hp_kW=hp_kW, eb_kW=eb_kW, grid_kW=grid_kW)
    inp = _settle_rates(ctx, inp, st, hp_on_price=hp_on_price)
    hp = ctx.Q_hp_nom_kW if hp_kW is None else float(hp_kW)
    eb = inp.Q_eb_max_kW
    runs: dict[str, Dispatch] = {}
    want_rule = method in ("rule", "greedy", "both") or (method == "auto")
    want_lp = method in ("lp", "both") or (method == "auto" and st is not None)
    if want_rule:
        runs["greedy" if st is not None else "rule"] = (dispatch_greedy(inp, st, hp_on_price=hp_on_price)
                                                       if st is not None else
                                                       dispatch_rule(inp, hp_on_price=hp_on_price))
    if want_lp:
        runs["lp"] = dispatch_lp(inp, st, peak_charges=peak_charges)
    main = runs["lp"] if "lp" in runs else next(iter(runs.values()))
    alts = {m: summarise(ctx, d, hp_kW=hp, eb_kW=eb) for m, d in runs.items()}
    summary = alts[main.method]
    warnings = list(dict.fromkeys(ctx.warnings + summary["notes"]))
    if summary["heat_unmet_MWh"] > 0:
        warnings.append(Message("hourly.heat_unmet", f"{summary['heat_unmet_MWh']:,.0f} MWh/yr of heat unmet in "
                                f"{summary['unmet_hours']:,.0f} h: the electric units under the grid limit and the "
                                "gas plant kept cannot cover the demand",
                                heat_unmet_MWh=float(summary["heat_unmet_MWh"]),
                                unmet_hours=float(summary["unmet_hours"])))
    return HourlyResult(context=ctx, dispatch=main, summary=summary, alternatives=alts, warnings=warnings)


def simulate(case, profiles=None, *, storage=None, method: str = "auto", hp_kW: float | None = None,
             eb_kW: float | None = None, gas_kW: float | None = None, grid_factor: str | None = None,
             time_bound: bool = False, hp_on_price: bool = False, evaluation=None,
             hp_choice: str | None = None, shared_kW: float | None = None, withdraw: str | None = None,
             withdraw_share: float | None = None) -> HourlyResult:
    """One case over a year of hours: :func:`prepare` then :func:`run`.

    Parameters
    ----------
    case : Case or dict
    profiles : Profiles, optional
        From :func:`heatcalc.evaluation.hourly.profiles.read_profiles`; missing columns are constant
        at the case value.
    storage : Storage or float, optional
        Thermal storage or its capacity [kWh] (data defaults for the losses).
    method, hp_kW, eb_kW, hp_on_price
        As in :func:`run`.
    gas_kW, grid_factor, time_bound, evaluation, hp_choice, shared_kW, withdraw, withdraw_share
        As in :func:`prepare`.

    Returns
    -------
    HourlyResult

    Raises
    ------
    InputError
        For invalid inputs (naming field, value, unit and valid range).

    Examples
    --------
    ::

        from heatcalc.case import load_case
        from heatcalc.evaluation.hourly.profiles import read_profiles
        r = simulate(load_case("data/examples/brewery_hot_water.json"),
                     read_profiles("data/profiles/synthetic_brewery_2025_time_bound.csv"), storage=20000)
        r.summary["electrified_share"], r.summary["grid_limit_exceeded_hours"]   # about 0.92 and 0.0
    """
    ctx = prepare(case, profiles, evaluation=evaluation, hp_kW=hp_kW, eb_kW=eb_kW, gas_kW=gas_kW,
                  grid_factor=grid_factor, time_bound=time_bound, hp_choice=hp_choice, shared_kW=shared_kW,
                  withdraw=withdraw, withdraw_share=withdraw_share)
    return run(ctx, storage=storage, method=method, hp_on_price=hp_on_price)
