"""The site's whole energy bill for one year of energy flows: commodity, energy tax on
the site's total volumes, network charges, CO2 and O&M, before and after an option.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from heatcalc.core.datafiles import number, records
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.core.messages import Message
from heatcalc.core.units import MWh_to_kWh
from heatcalc.money import tariffs
from heatcalc.money.costs import capex_EUR, cost_curve, integration_cost
from heatcalc.money.ets import co2_cost_EUR, co2_rule_notes, ets_scope, free_allocation_note
from heatcalc.money.finance import annuity_factor
from heatcalc.money.subsidies import _param, _switches, option_support, subsidy_params, veki_EUR

#: Hours of a (non-leap) year [h]: the site's existing contract is estimated as a
#: flat load of its other electricity use over the year.
HOURS_PER_YR = 8760.0


# =========================================================================================
# the model of one case
@dataclass
class _FlowPieces:
    capex_eq: float = 0.0  # new units and investment not on a cost curve (a heat store)
    capex_by_tech: dict = None  # {technology: CAPEX [EUR]} of the new units, "storage" for capex_extra_EUR
    capex_grid: float = 0.0
    capex_conn: float = 0.0  # one-off connection charge of a connection change (no O&M on it)
    fom_eq_EUR: float = 0.0  # fixed O&M of the new units [EUR/yr]
    fom_grid: float = 0.0
    vom_new_EUR: float = 0.0  # variable O&M of the new units' heat [EUR/yr]
    heat_new_MWh: float = 0.0
    heat_gas_MWh: float = 0.0
    net: object = None  # NetworkCost of the site with this flow (None: not known)
    contract_kW: float = 0.0
    voltage_level: str = ""
    connection_upgrade: bool = False
    connection_charge_EUR: float = 0.0  # NaN: an upgrade whose charge is not known
    connection_wait_yr: float = 0.0
    right_kW: float = 0.0
    heat_at_risk_MWh: float = 0.0  # heat the kept backup must give when the non-firm kW are withdrawn (bound)
    vom_gas: float = 0.0
    om_quote: float = 0.0  # O&M of a supplier's quote [EUR/yr], replacing the fixed and variable O&M
    capex_ref: float = 0.0  # a new baseline plant of the option's heat capacity (VEKI's reference investment)
    capex_integration: float = 0.0  # integration costs on the curves (in capex_eq): piping, electrical, civil, engineering
    net_known: bool = True
    notes: tuple = ()


def site_rest_volumes(case, base) -> tuple[float, float, float, str]:
    """The site's volumes without any heat supply, which set its tax bands and network contract.

    Returns
    -------
    (float, float, float, str)
        Gas the rest of the site uses [m³/yr] (``site_gas_m3_per_yr`` minus the baseline's own use,
        0 when not given), its electricity [kWh/yr], its existing contract [kW] (a flat load of that
        electricity over the year) and a note when the site's gas is below the baseline's.
    """
    base_gas = max(float(base.gas_m3_per_yr), 0.0)
    note = ""
    rest_gas = 0.0
    if case.site_gas_m3_per_yr is not None:
        rest_gas = float(case.site_gas_m3_per_yr) - base_gas
        if rest_gas < 0:
            note = (f"site_gas_m3_per_yr={case.site_gas_m3_per_yr:,.0f} m³/yr is below the baseline's own gas use "
                    f"{base_gas:,.0f} m³/yr: the baseline's use is taken as the site's")
            rest_gas = 0.0
    rest_el_kWh = MWh_to_kWh(float(case.site_el_MWh_per_yr))
    return rest_gas, rest_el_kWh, rest_el_kWh / HOURS_PER_YR, note


def existing_connection(case, rest_load_kW: float) -> tuple[float, str]:
    """The site's existing firm connection [kW], which is also the contract of its base network bill.

    ``connection_kW`` when the case gives it; otherwise the site's other electricity use as a
    flat load over the year (no headroom), stated in a note only when the case has an operator.
    """
    if getattr(case, "connection_kW", None) is not None:
        c = float(case.connection_kW)
        note = ""
        if c < rest_load_kW:
            note = (f"connection_kW={c:,.0f} kW is below the site's other electricity use as a flat load "
                    f"({rest_load_kW:,.0f} kW): the connection is taken as that load")
            c = rest_load_kW
        return c, note
    return rest_load_kW, ""


def _wait_default(operator: str, year: int, data_dir) -> tuple[float | None, dict | None]:
    rows = [r for r in records("tariffs/connection_waits.csv", data_dir) if r["operator"] == operator]
    if not rows:
        return None, None
    r = min(rows, key=lambda x: abs(int(x["year"]) - int(year)))
    return float(r["value"]), r


def _charge_default(operator: str, year: int, level_kW: float, data_dir) -> tuple[float | None, dict | None]:
    rows = [r for r in records("tariffs/connection_charges.csv", data_dir)
            if r["operator"] == operator and int(r["year"]) == int(year) and r["parameter"] == "one_off_connection"
            and (number(r["kW_from"]) or 0.0) < level_kW and (number(r["kW_to"]) is None or level_kW <= number(r["kW_to"]))]
    if not rows:
        return None, None
    return float(rows[0]["value"]), rows[0]


def connection_change(case, connection_kW: float, rest_load_kW: float, P_new_kW: float, right: str = "firm", *,
                      data_dir=None) -> dict:
    """What a new load of ``P_new_kW`` does to the site's grid connection.

    The site needs ``rest_load_kW + P_new_kW``. What fits in the existing firm connection
    (``connection_kW``) needs no change. The rest is new transport capacity: under a
    ``firm`` right a connection change with the operator's one-off charge
    (``connection_charge_EUR`` or ``data/tariffs/connection_charges.csv``) and a waiting time
    (``connection_wait_yr`` or ``data/tariffs/connection_waits.csv``, else 0 with a note);
    under an alternative right the extra kW are contracted under that right on the same
    connection (no firm-capacity queue; a wait only when the case gives one).

    Returns
    -------
    dict
        ``contract_kW`` (new contract), ``right_kW`` (part under the non-firm right),
        ``upgrade`` (bool), ``charge_EUR`` (NaN when an upgrade's charge is not known),
        ``wait_yr``, ``notes``.
    """
    need = rest_load_kW + max(P_new_kW, 0.0)
    extra = max(need - connection_kW, 0.0)
    out = {"contract_kW": max(connection_kW, need), "right_kW": 0.0, "upgrade": False, "charge_EUR": 0.0,
           "wait_yr": 0.0, "notes": []}
    notes = out["notes"]
    op, year = case.grid_operator, int(case.tariff_year)
    given_wait = getattr(case, "connection_wait_yr", None)
    if extra <= 1e-9 * max(need, 1.0):
        if getattr(case, "connection_kW", None) is not None:
            notes.append(Message("connection.fits", f"the new load fits the existing connection of "
                                 f"{connection_kW:,.0f} kW (site need {need:,.0f} kW): no connection change",
                                 connection_kW=connection_kW, need_kW=need))
        return out
    if right != "firm":
        out["right_kW"] = extra
        out["wait_yr"] = float(given_wait or 0.0)
        notes.append(Message("connection.alt_right", f"{extra:,.0f} kW above the existing {connection_kW:,.0f} kW "
                             f"are contracted as a {right} transport right on the same connection (no connection "
                             "change counted)", extra_kW=extra, connection_kW=connection_kW, right=right))
        return out
    out["upgrade"] = True
    charge = getattr(case, "connection_charge_EUR", None)
    if charge is not None:
        out["charge_EUR"] = float(charge)
        notes.append(Message("connection.charge_given", f"connection change to {need:,.0f} kW: one-off charge "
                             f"{float(charge):,.0f} EUR given in the case", need_kW=need, charge_EUR=float(charge)))
    elif op == "none":
        out["charge_EUR"] = 0.0
    else:
        v, row = _charge_default(op, year, need, data_dir)
        if v is None:
            out["charge_EUR"] = math.nan
            notes.append(Message(
                "connection.charge_missing",
                f"connection change from {connection_kW:,.0f} to {need:,.0f} kW: {op}'s one-off connection "
                f"charge for {year} is not in data/tariffs/connection_charges.csv (not published in the "
                "sources read) and is NOT in the CAPEX - give connection_charge_EUR (the operator's quote)",
                connection_kW=connection_kW, need_kW=need, operator=op, year=year))
        else:
            out["charge_EUR"] = v
            notes.append(Message("connection.charge_data", f"connection change to {need:,.0f} kW: one-off charge "
                                 f"{v:,.0f} EUR ({op} {year}, confidence {row['confidence']})", need_kW=need,
                                 charge_EUR=v, operator=op, year=year, confidence=row["confidence"]))
    if given_wait is not None:
        out["wait_yr"] = float(given_wait)
        if given_wait > 0:
            notes.append(Message("connection.wait_given", f"extra capacity delivered after {float(given_wait):g} yr "
                                 "(connection_wait_yr): the option's cash flows start then and its NPV is discounted "
                                 "by that delay", wait_yr=float(given_wait)))
    elif op != "none":
        v, row = _wait_default(op, year, data_dir)
        if v is None:
            notes.append(Message("connection.wait_unpublished", f"connection change: {op} publishes no waiting time "
                                 "in the data (national queue 1 Jul 2025: 14,044 requests for 9.1 GW); 0 yr used - "
                                 "give connection_wait_yr (the operator's date)", operator=op))
        else:
            out["wait_yr"] = v
            notes.append(Message("connection.wait_default", f"connection change: {v:g} yr until the extra capacity "
                                 f"is delivered ({op} average lead time, confidence {row['confidence']}; longer in "
                                 "congestion areas - give connection_wait_yr); the option's NPV is discounted by that "
                                 "delay", wait_yr=v, operator=op, confidence=row["confidence"]))
    return out


def withdrawal_risk(case, right: str, right_kW: float, P_new_kW: float, heat_new_MWh: float, *,
                    discount: float | None = None, data_dir=None) -> tuple[float, Message]:
    """What fails when a non-firm transport right's capacity is withdrawn: heat the backup must give.

    The ``right_kW`` of the option's new load ``P_new_kW`` above the firm connection are
    under ``right``. The right guarantees capacity in a share ``a`` of the year's hours
    (``data/tariffs/transport_rights.csv``: time_bound 85 %, flexible 0 %); in the other
    ``(1 - a) · 8760`` h the operator may withdraw it (announced day-ahead). The upper
    bound of the heat the electric option then cannot make is

        heat_at_risk = heat_new · right_kW / P_new · min(1, (1 - a) · 8760 / operating_hours)

    (every withdrawn hour falls in an operating hour at full load: the worst case). It must
    come from the backup the site keeps (the existing boiler) or storage; ``heatcalc hourly``
    with a withdrawal pattern (``--withdraw-worst``) gives the hour-by-hour figure.

    Returns
    -------
    (float, Message)
        Heat at risk [MWh/yr] (NaN when the right's hours are agreed per contract, e.g. time
        blocks) and the note stating the right assumed and what fails.
    """
    share_kW = min(max(right_kW / P_new_kW, 0.0), 1.0) if P_new_kW > 0 else 0.0
    try:
        terms = tariffs.transport_right_terms(right, case.grid_operator, discount=discount, data_dir=data_dir)
        avail = terms.availability_share
    except (InputError, TariffDataError):
        avail = None
    hours = float(case.operating_hours_per_yr)
    if avail is None:
        return math.nan, Message(
            "connection.withdrawal_unknown",
            f"under the {right} right, {right_kW:,.0f} kW of the option's {P_new_kW:,.0f} kW are not firm; the "
            "hours without capacity are agreed per contract and not in the data, so the heat at risk is not known - "
            "give them as grid_capacity_kW in an hourly profile (heatcalc hourly)",
            right=right, right_kW=right_kW, P_kW=P_new_kW)
    withdrawn_h = (1.0 - avail) * HOURS_PER_YR
    frac = min(1.0, withdrawn_h / hours) if hours > 0 else 0.0
    at_risk = heat_new_MWh * share_kW * frac
    return at_risk, Message(
        "connection.withdrawal_risk",
        f"under the {right} right, {right_kW:,.0f} kW of the option's {P_new_kW:,.0f} kW are not firm: when that "
        f"capacity is withdrawn (up to {withdrawn_h:,.0f} h/yr, announced day-ahead) up to {at_risk:,.0f} MWh/yr "
        f"of the option's heat ({at_risk / heat_new_MWh if heat_new_MWh > 0 else 0.0:.0%}) must come from the "
        "backup the site keeps (the existing boiler) or storage; without one the supply fails in those hours - "
        "stress-test it with heatcalc hourly --withdraw-worst",
        right=right, right_kW=right_kW, P_kW=P_new_kW, withdrawn_h=withdrawn_h, heat_MWh=at_risk,
        heat_share=at_risk / heat_new_MWh if heat_new_MWh > 0 else 0.0)


class _Model:
    """Everything of one case that does not change when prices or factors do."""

    def __init__(self, case, flows, *, subsidies=None, capex_overrides=None, time_bound=False, data_dir=None):
        # time_bound=True is the older switch for transport_right="time_bound" (CLI --time-bound)
        if not flows:
            raise InputError("finance_case needs at least the baseline flow")
        self.case, self.flows, self.dd = case, list(flows), data_dir
        self.base = self.flows[0]
        self.year = int(case.tariff_year)
        self.r = float(case.discount_rate)
        self.n = int(case.lifetime_yr)
        self.notes: list[str] = []
        self.right = "time_bound" if time_bound else str(getattr(case, "transport_right", "firm") or "firm")
        self.right_discount = getattr(case, "transport_right_discount", None)
        # prices
        need_default = any(getattr(case, k) is None
                           for k in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t"))
        defaults = tariffs.default_prices(self.year, data_dir=data_dir) if need_default else None
        self.p = {}
        for key in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t"):
            v = getattr(case, key)
            if v is None:
                self.p[key] = float(defaults[key])
                self.notes.append(Message("prices.default", f"{key}={self.p[key]:g} is the {self.year} default "
                                          f"(confidence {defaults['confidence'][key]}; {defaults['sources'][key]})",
                                          key=key, value=self.p[key], year=self.year,
                                          confidence=defaults["confidence"][key], sources=defaults["sources"][key]))
            else:
                self.p[key] = float(v)
        if defaults is not None:
            used = [n for n in defaults["notes"] if any(getattr(case, k) is None and k in n for k in self.p)]
            self.notes += [Message("prices.data_note", n, note=n) for n in used]
        # CO2
        self.ets, ets_note = ets_scope(case, self.base)  # the case's ets_installation, else derived
        if ets_note:
            self.notes.append(ets_note)
        try:
            self.levy_rate = tariffs.co2_levy_rate(self.year, data_dir=data_dir)[0]
        except TariffDataError:
            self.levy_rate = 0.0
            if self.ets:
                self.notes.append(Message("co2.no_levy_rate", f"no CO2 levy rate for {self.year} in the data: levy "
                                          "not counted", year=self.year))
        self.levy_share = tariffs.co2_levy_share(data_dir=data_dir)
        # the CO2 levy only above the installation's dispensation rights; ETS2 for the others (money.ets)
        self.dispensation_t = getattr(case, "co2_dispensation_t_per_yr", None)
        self.notes += [n for n in co2_rule_notes(self) if n]
        # EU ETS free allocation: fixed from historic activity, lost only when the case says so (money.ets)
        self.free_alloc_t = float(getattr(case, "ets_free_allocation_t_per_yr", None) or 0.0)
        self.alloc_lost = bool(getattr(case, "ets_allocation_lost", False)) and self.ets and self.free_alloc_t > 0
        fa_note = free_allocation_note(case, self.ets)
        if fa_note:
            self.notes.append(fa_note)
        self.integration_share = getattr(case, "integration_cost_share", None)
        if not self.ets:
            self.notes.append(Message("co2.not_ets",
                                      "site not under EU ETS: no CO2 price or levy counted on its direct emissions"))
        self.rest_gas_m3, self.rest_el_kWh, self.rest_load_kW, note = site_rest_volumes(case, self.base)
        if note:
            self.notes.append(note)
        self.connection_kW, cnote = existing_connection(case, self.rest_load_kW)
        self.contract0_kW = self.connection_kW
        if cnote:
            self.notes.append(cnote)
        self.operator = case.grid_operator
        # tax bands (once)
        self._bands = {c: tariffs.tax_bands(c, self.year, data_dir=data_dir) for c in ("gas", "electricity")}
        self.tax_rest_gas = self.tax("gas", self.rest_gas_m3)
        self.tax_rest_el = self.tax("electricity", self.rest_el_kWh)
        # network without any heat supply (sets the site's present voltage level)
        self.base_level = None
        self.net_base, self.net_base_ok, self.net_notes = self._network_parts(self.contract0_kW, 0.0,
                                                                              self.rest_load_kW)
        if not self.net_base_ok:
            self.notes += self.net_notes
        # subsidies
        self.sp = subsidy_params(data_dir=data_dir)
        # the caller's switches, else the case's subsidies field (docs/methods.md, "Subsidies")
        self.switch = _switches(subsidies if subsidies is not None else getattr(case, "subsidies", None), self.sp)
        self.sde_years = _param(self.sp, "SDE++", "subsidy_duration")
        self.overrides = {k: dict(v) for k, v in (capex_overrides or {}).items()}
        self.om_quotes: dict[str, float] = {}
        for tech, q in case.cost_quotes.items():  # a supplier's quote replaces the cost curve
            if "capex_EUR" in q:
                self.overrides.setdefault(tech, {})["capex_EUR"] = q["capex_EUR"]
            if "om_EUR_per_yr" in q:
                self.om_quotes[tech] = q["om_EUR_per_yr"]
        self.pieces = [self._pieces(f, i) if f.status == "ok" else None for i, f in enumerate(self.flows)]

    # -- tariffs --------------------------------------------------------------------------
    def tax(self, carrier: str, volume):
        """Vectorised site energy tax [EUR/yr] for whole-site volumes."""
        total = tariffs.band_tax(self._bands[carrier], np.asarray(volume, dtype=float))
        return float(total) if total.ndim == 0 else total

    def _network_parts(self, contract_kW: float, right_kW: float, peak_kW: float | None = None):
        """(NetworkCost or None, known?, notes) of the site's network bill at a contract and a flat
        monthly peak [kW] (default the contract)."""
        if self.operator == "none":
            return None, True, ["grid_operator none: no network cost counted"]
        try:
            nc = tariffs.network_cost(self.operator, self.year, contract_kW, peak_kW, 0.0, nearest_year=True,
                                      transport_right=self.right if right_kW > 0 else "firm", right_kW=right_kW,
                                      right_discount=self.right_discount, data_dir=self.dd)
        except TariffDataError as exc:
            return None, False, [f"network cost not included: {exc}"]
        notes = list(nc.notes)
        base_level = self.base_level
        if base_level is None:
            self.base_level = nc.voltage_level
        elif nc.voltage_level != base_level:
            notes.append(Message(
                "connection.level_change",
                f"the new load raises the site's contract to {contract_kW:,.0f} kW and moves it from the "
                f"{base_level} to the {nc.voltage_level} tariff of {self.operator}: a connection upgrade, and a "
                "different tariff structure for the whole site's use (part of the network-cost difference)",
                contract_kW=contract_kW, from_level=base_level, to_level=nc.voltage_level, operator=self.operator))
        return nc, True, notes

    def network_EUR(self, nc, kWh):
        """The site's network bill [EUR/yr] at ``kWh`` (vectorised; 0 without an operator)."""
        return 0.0 * np.asarray(kWh, dtype=float) if nc is None else nc.at_kWh(kWh)

    # -- per flow -------------------------------------------------------------------------
    def _pieces(self, f, i: int) -> _FlowPieces:
        notes: list[str] = []
        is_base = i == 0
        heat = float(f.heat_delivered_MWh_per_yr)
        backup = float(getattr(f, "heat_backup_MWh_per_yr", 0.0) or 0.0)
        gas_curve = self._baseline_curve(notes)
        pc = _FlowPieces()
        pc.capex_by_tech = {}
        if is_base:
            pc.heat_gas_MWh = heat
        else:
            pc.heat_gas_MWh = backup
            # one unit of the option's technology, or the units the flow names (heat pump + e-boiler ...)
            units = f.units or ((f.technology, float(f.capacity_kW_th), max(heat - backup, 0.0)),)
            for tech, size, q in units:
                if f.units and not size > 0:
                    continue
                eq = capex_EUR(tech, float(size), overrides=self.overrides.get(tech), data_dir=self.dd, year=self.year)
                notes += eq["notes_list"]
                fom, vom = eq["fom_share_per_yr"] * eq["capex_EUR"], eq["vom_EUR_per_MWh"] * float(q)
                if tech in self.om_quotes:
                    fom, vom = 0.0, 0.0
                    pc.om_quote += self.om_quotes[tech]
                    notes.append(Message("costs.om_quote", f"{tech}: O&M {self.om_quotes[tech]:,.0f} EUR/yr given "
                                         "by the case (replaces the fixed and variable O&M of data/costs.csv)",
                                         technology=tech, om_EUR_per_yr=float(self.om_quotes[tech])))
                integ, inote = integration_cost(tech, eq["capex_EUR"], case_share=self.integration_share,
                                                quote="capex_EUR" in (self.overrides.get(tech) or {}), data_dir=self.dd)
                notes.append(inote)
                pc.capex_integration += integ
                pc.capex_eq += eq["capex_EUR"] + integ
                pc.capex_by_tech[tech] = pc.capex_by_tech.get(tech, 0.0) + eq["capex_EUR"] + integ
                pc.fom_eq_EUR += fom
                pc.vom_new_EUR += vom
                pc.heat_new_MWh += float(q)
            if f.capex_extra_EUR:
                pc.capex_eq += float(f.capex_extra_EUR)
                pc.capex_by_tech["storage"] = float(f.capex_extra_EUR)
            if self.switch["veki"]:
                pc.capex_ref = self._reference_capex(float(f.capacity_kW_th))
            P = max(float(f.P_el_kW), 0.0)
            if P > 0:
                g = capex_EUR("grid_connection", P, overrides=self.overrides.get("grid_connection"), data_dir=self.dd,
                              year=self.year)
                pc.capex_grid, pc.fom_grid = g["capex_EUR"], g["fom_share_per_yr"]
                notes += g["notes_list"]
        pc.vom_gas = gas_curve
        P = max(float(f.P_el_kW), 0.0)
        pc.contract_kW = self.contract0_kW
        if P > 0 and not is_base:
            conn = connection_change(self.case, self.connection_kW, self.rest_load_kW, P, self.right,
                                     data_dir=self.dd)
            pc.contract_kW, pc.right_kW = conn["contract_kW"], conn["right_kW"]
            pc.connection_upgrade = conn["upgrade"]
            pc.connection_charge_EUR, pc.connection_wait_yr = conn["charge_EUR"], conn["wait_yr"]
            notes += conn["notes"]
            if math.isfinite(pc.connection_charge_EUR):
                pc.capex_conn = pc.connection_charge_EUR
            if pc.right_kW > 0:
                pc.heat_at_risk_MWh, wnote = withdrawal_risk(self.case, self.right, pc.right_kW, P, pc.heat_new_MWh,
                                                             discount=self.right_discount, data_dir=self.dd)
                notes.append(wnote)
            peaks = (self.rest_load_kW + P if f.monthly_peaks_kW is None
                     else [self.rest_load_kW + max(float(p), 0.0) for p in f.monthly_peaks_kW])
            net, ok, nnotes = self._network_parts(pc.contract_kW, pc.right_kW, peaks)
        else:
            net, ok, nnotes = self.net_base, self.net_base_ok, []
        pc.net, pc.net_known = net, ok and self.net_base_ok
        pc.voltage_level = net.voltage_level if net is not None else ""
        notes += [n for n in nnotes if self.net_base_ok or n not in self.net_notes]
        pc.notes = tuple(dict.fromkeys(notes))
        return pc

    def _reference_capex(self, size_kW: float) -> float:
        """VEKI's reference investment [EUR]: a new baseline plant of the same heat capacity (NaN when its
        CAPEX curve is not in the data)."""
        tech = self.base.technology
        try:
            return capex_EUR(tech, size_kW, overrides=self.overrides.get(tech), data_dir=self.dd,
                             year=self.year)["capex_EUR"]
        except TariffDataError:
            return math.nan

    def veki(self, i: int, capex, saving) -> tuple:
        """VEKI grant of option ``i`` [EUR] and the reason when it is 0 (vectorised).

        The scheme funds a share of the extra cost over a reference investment (a new baseline
        plant of the same capacity), only when the payback without subsidy exceeds its minimum,
        capped at the maximum and not below the minimum grant (``data/subsidies.csv``).
        """
        ref = self.pieces[i].capex_ref
        tech = self.base.technology
        if not math.isfinite(ref):
            return 0.0 * capex, Message("subsidy.veki_no_reference", f"VEKI not counted: the reference investment "
                                        f"(a new {tech} of the same heat capacity) has no CAPEX curve in "
                                        "data/costs.csv", tech=tech)
        min_pb = _param(self.sp, "VEKI", "min_payback_without_subsidy")
        saving = np.asarray(saving, dtype=float)
        payback = np.where(saving > 0, np.asarray(capex, dtype=float) / np.where(saving > 0, saving, 1.0), np.inf)
        extra = np.maximum(np.asarray(capex, dtype=float) - ref, 0.0)
        grant = veki_EUR(extra, self.sp)
        out = np.where(payback > min_pb, grant, 0.0)
        note = ""
        if np.ndim(out) == 0:
            if not payback > min_pb:
                note = Message("subsidy.veki_payback", f"VEKI not granted: the payback without subsidy is "
                               f"{float(payback):.1f} yr; VEKI requires more than {min_pb:g} yr",
                               payback_yr=float(payback), min_payback_yr=min_pb)
            elif float(grant) == 0.0:
                note = Message("subsidy.veki_minimum", f"VEKI not granted: "
                               f"{_param(self.sp, 'VEKI', 'subsidy_share'):.0%} of the extra cost "
                               f"{float(extra):,.0f} EUR over the reference investment ({ref:,.0f} EUR, a new {tech}) "
                               f"is below the minimum grant of {_param(self.sp, 'VEKI', 'min_subsidy'):,.0f} EUR",
                               share=_param(self.sp, "VEKI", "subsidy_share"), extra_EUR=float(extra),
                               reference_EUR=ref, tech=tech, min_EUR=_param(self.sp, "VEKI", "min_subsidy"))
            return float(out), note
        return out, note

    def _baseline_curve(self, notes: list) -> float:
        """Variable O&M of the gas plant [EUR/MWh heat] (0 with a note when not in data)."""
        tech = self.base.technology
        ov = self.overrides.get(tech) or {}
        if "vom_EUR_per_MWh" in ov:
            return float(ov["vom_EUR_per_MWh"])
        try:
            return cost_curve(tech, data_dir=self.dd)["vom_EUR_per_MWh"]
        except TariffDataError:
            msg = Message("costs.baseline_vom_missing",
                          f"variable O&M of the {tech} baseline is not in data/costs.csv: not counted", technology=tech)
            if msg not in self.notes:
                self.notes.append(msg)
            return 0.0

    # -- money of one flow ----------------------------------------------------------------
    def annual(self, i: int, *, p_el=None, p_gas=None, p_co2=None, hours_f=1.0, cop_f=1.0, capex_f=1.0) -> dict:
        """OPEX components of flow ``i`` [EUR/yr] (arrays when inputs are arrays)."""
        f, pc = self.flows[i], self.pieces[i]
        p_el_given = p_el
        p_el = self.p["price_el_EUR_per_MWh"] if p_el is None else p_el
        p_gas = self.p["price_gas_EUR_per_MWh"] if p_gas is None else p_gas
        p_co2 = self.p["co2_price_EUR_per_t"] if p_co2 is None else p_co2
        el_f = hours_f / cop_f if (i > 0 and f.E_el_MWh_per_yr > 0) else hours_f
        E_el = f.E_el_MWh_per_yr * el_f
        fuel = f.fuel_MWh_per_yr * hours_f
        gas_m3 = f.gas_m3_per_yr * hours_f
        scope1 = (f.co2_fuel_t_per_yr + f.co2_process_t_per_yr) * hours_f
        grid = f.co2_grid_t_per_yr * el_f
        if f.commodity_el_EUR_per_yr is not None and p_el_given is None:
            commodity = fuel * p_gas + f.commodity_el_EUR_per_yr * el_f  # priced hour by hour
        else:
            commodity = fuel * p_gas + E_el * p_el
        kWh_site = np.maximum(self.rest_el_kWh + MWh_to_kWh(E_el), 0.0)
        tax = (self.tax("gas", self.rest_gas_m3 + gas_m3) - self.tax_rest_gas
               + self.tax("electricity", kWh_site) - self.tax_rest_el)
        if pc.net_known and i > 0:
            # the network columns are the extra network bill against today's site (with the baseline, whose own
            # is 0); a new load never lowers it: a cheaper level after a change of level needs a new connection
            # and substation whose cost is not in the data (see tariffs.network_cost)
            kWh_base = np.maximum(self.rest_el_kWh + MWh_to_kWh(self.flows[0].E_el_MWh_per_yr * hours_f), 0.0)
            network_raw = self.network_EUR(pc.net, kWh_site) - self.network_EUR(self.net_base, kWh_base)
            network = np.maximum(network_raw, 0.0)
        elif pc.net_known:
            network = network_raw = 0.0 * kWh_site
        else:
            network = 0.0 * kWh_site
        co2_per_t = tariffs.co2_cost_EUR_per_t(p_co2, self.levy_rate, self.levy_share, self.ets)
        co2 = co2_cost_EUR(scope1, p_co2, self.levy_rate, self.levy_share, self.ets, self.dispensation_t)
        if self.alloc_lost and i > 0:  # the allowances no longer received, each worth the allowance price
            co2 = co2 + self.free_alloc_t * np.asarray(p_co2, dtype=float)
        capex = (pc.capex_eq + pc.capex_grid + pc.capex_conn) * capex_f
        om = (pc.fom_eq_EUR + pc.fom_grid * pc.capex_grid) * capex_f + pc.om_quote \
            + (pc.vom_new_EUR + pc.vom_gas * pc.heat_gas_MWh) * hours_f
        total = commodity + tax + network + co2 + om
        return {"commodity": commodity, "energy_tax": tax, "network": network,
                "network_raw": network_raw if pc.net_known else network, "co2": co2, "om": om,
                "total": total, "capex": capex, "capex_eq": pc.capex_eq * capex_f, "co2_total": scope1 + grid,
                "heat": f.heat_delivered_MWh_per_yr * hours_f, "co2_per_t": co2_per_t}

    def incremental(self, i: int, *, r=None, n=None, **kw) -> dict:
        """Subsidies, NPV and friends of option ``i`` against the baseline (vectorised)."""
        r = self.r if r is None else r
        n = self.n if n is None else n
        a, b = self.annual(i, **kw), self.annual(0, **kw)
        saving = b["total"] - a["total"]
        co2_saved = b["co2_total"] - a["co2_total"]
        capex = a["capex"]
        af_n = annuity_factor(r, n)
        sde_years = min(n, self.sde_years)
        af_sde = annuity_factor(r, sde_years)
        # eligibility, amounts and the allowed combination of the requested schemes (money.subsidies)
        sub = option_support(self, i, a["capex_eq"], capex, saving, co2_saved, r=r, n=n, af_n=af_n, af_sde=af_sde,
                             sde_years=sde_years, base=not kw and r == self.r and n == self.n)
        eia, veki, sde, year1 = sub.eia, sub.veki, sub.sde, sub.year1
        net_inv_pv = capex - veki - year1 / (1.0 + r)
        npv_ = -(capex - veki) + year1 / (1.0 + r) + saving * af_n + sde * af_sde
        wait = self.pieces[i].connection_wait_yr
        if wait > 0:  # every cash flow starts when the capacity is delivered
            npv_ = npv_ / (1.0 + r) ** wait
        return {"a": a, "b": b, "saving": saving, "co2_saved": co2_saved, "capex": capex, "eia": eia, "veki": veki,
                "sde": sde, "npv": npv_, "af_n": af_n, "af_sde": af_sde, "sde_years": sde_years,
                "net_inv_pv": net_inv_pv, "r": r, "n": n, "mia_vamil": sub.mia_vamil, "year1": year1,
                "subsidy": sub}

    def price(self, flow) -> tuple[dict, "_FlowPieces"]:
        """:meth:`incremental` of one more flow against the baseline, without keeping the flow.

        The hourly run prices each dispatch (and each size of a sweep) with the same model as the
        annual evaluation: build the model once with the baseline, then price the flows.
        """
        self.flows.append(flow)
        try:
            pc = self._pieces(flow, len(self.flows) - 1)
            self.pieces.append(pc)
            try:
                return self.incremental(len(self.flows) - 1), pc
            finally:
                self.pieces.pop()
        finally:
            self.flows.pop()

    def index(self, option) -> int:
        if isinstance(option, (int, np.integer)):
            if not 0 < int(option) < len(self.flows):
                raise InputError(f"option index {option} is out of range: 1 to {len(self.flows) - 1}")
            return int(option)
        for i, f in enumerate(self.flows[1:], start=1):
            if f.option == option:
                return i
        raise InputError(f"option={option!r} is not among the flows: "
                         f"{', '.join(f.option for f in self.flows[1:]) or 'none'}")


#: The site-bill model under its public name: the annual evaluation (through
#: :func:`heatcalc.money.economics.finance_case`) and the hourly run (through
#: :func:`heatcalc.evaluation.hourly.result.annual_money`) both price their flows with it.
SiteBill = _Model
