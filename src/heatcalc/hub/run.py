"""A hub over its period: every member alone, the hub together, the coalitions, the allocation.

:func:`run_hub` ties :mod:`heatcalc.hub.reader`, :mod:`heatcalc.hub.model` and
:mod:`heatcalc.hub.allocation` together and returns a :class:`HubResult` whose
:meth:`HubResult.to_dict` is the JSON of ``heatcalc hub --json``.

**Alone.** Each member is dispatched by the same LP on its own, with its own firm capacity
and its share of the shared capacity: ``members[i].capacity_kW`` when the hub file gives
every member's (scaled with an hourly shared profile as ``capacity_kW / max C``), otherwise
in proportion to its stand-alone peak (the largest load of electrifying its whole demand,
heat pump first, in any step). A coalition of members has the sum of their shares; the
whole hub has the whole shared capacity.

**Heat links** are used by a coalition only when both ends are in it, and only when they
pay: each coalition with links is dispatched with and without them and the cheaper
(counting the pipe's yearly cost, for a period shorter than a year its pro-rata part) is its
cost.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message
from heatcalc.evaluation.hourly.result import summarise
from heatcalc.hub.allocation import allocate, shapley
from heatcalc.hub.model import (
    Asset,
    JointDispatch,
    Link,
    Member,
    as_dispatch,
    balance_residual_kW,
    exceeded_steps,
    hub_grid,
    prepare_asset,
    prepare_link,
    prepare_member,
    shared_capacity,
    solve,
)
from heatcalc.hub.reader import SHAPLEY_MAX_MEMBERS, HubSpec

#: Hours of a (non-leap) year, to take the pro-rata part of a pipe's yearly cost over a shorter period [h].
HOURS_PER_YR = 8760.0



def _prefixed(text, member: str):
    """A member's warning in the hub's list, ``"<case_id>: <text>"``: a message keeps its code (passed on with the
    member as context; one passed on already, ``COP map: …``, goes inside ``hub.member``)."""
    if not isinstance(text, Message):
        return f"{member}: {text}"
    if text.context:
        return Message("hub.member", f"{member}: {text}", member=member, note=text)
    return text.prefixed(member)

@dataclass
class Coalition:
    """The least-cost dispatch of a set of members."""

    members: frozenset
    cost_EUR: float
    dispatch: JointDispatch
    links_used: list[str]
    link_cost_EUR: float
    assets_used: list[str] = field(default_factory=list)
    asset_cost_EUR: float = 0.0
    least_cost_EUR: float | None = None
    cost_cap_EUR: float | None = None

    @property
    def co2_t(self) -> float:
        """CO2 of the dispatch as the LP counts it [t]."""
        return self.dispatch.co2_t


@dataclass
class HubResult:
    """Result of :func:`run_hub`.

    Attributes
    ----------
    hub : HubSpec
    members : list of Member
    links : list of Link
    assets : list of Asset
    capacity_kW : ndarray
        Shared capacity per step [kW].
    shares : list of float
        Each member's stand-alone share of the shared capacity [-].
    alone : list of Coalition
    together : Coalition
    allocation : dict
        From :func:`heatcalc.hub.allocation.allocate`.
    summaries_alone, summaries_hub : list of dict
        :func:`heatcalc.evaluation.hourly.result.summarise` of each member alone and in the hub.
    coalitions_solved : int
    warnings : list of str
    """

    hub: HubSpec
    members: list[Member]
    links: list[Link]
    assets: list[Asset]
    capacity_kW: np.ndarray
    shares: list[float]
    share_rule: str
    alone: list[Coalition]
    together: Coalition
    allocation: dict
    summaries_alone: list[dict]
    summaries_hub: list[dict]
    coalitions_solved: int
    warnings: list[str] = field(default_factory=list)

    @property
    def dt_h(self) -> float:
        return self.members[0].inputs.dt_h

    @property
    def hours(self) -> float:
        return self.members[0].inputs.n * self.dt_h

    def _member_figures(self, i: int, f, summ: dict) -> dict:
        m = self.members[i]
        inp = m.inputs
        s = inp.energy_weight * inp.dt_h / 1000.0
        D = float(np.sum(inp.Q_demand_kW) * s)
        gas = float(np.sum(f.Q_gas_kW) * s)
        unmet = float(np.sum(f.Q_unmet_kW) * s)
        return {"heat_demand_MWh": D, "heat_hp_MWh": float(np.sum(f.Q_hp_kW) * s),
                "heat_eboiler_MWh": float(np.sum(f.Q_eb_kW) * s), "heat_gas_MWh": gas,
                "heat_link_in_MWh": float(np.sum(f.Q_link_in_kW) * s),
                "heat_shared_in_MWh": float(np.sum(f.Q_shared_in_kW) * s), "heat_unmet_MWh": unmet,
                "electrified_share": min(max((D - gas - unmet) / D, 0.0), 1.0) if D > 0 else 0.0,
                "E_el_MWh": float(np.sum(f.P_el_kW) * s), "peak_el_kW": float(np.max(f.P_el_kW, initial=0.0)),
                "co2_saved_t": float(summ["co2_saved_t"]), "co2_t": float(summ["co2_t"]),
                "cost_EUR": float(f.cost_EUR), "opex_annual_EUR": float(summ["cost_EUR"])}

    def to_dict(self) -> dict:
        """JSON-ready result: the contract keys first, then the detail."""
        n_m = len(self.members)
        alone = [self._member_figures(i, self.alone[i].dispatch.flows[0], self.summaries_alone[i])
                 for i in range(n_m)]
        hub = [self._member_figures(i, self.together.dispatch.flows[i], self.summaries_hub[i]) for i in range(n_m)]
        dem = sum(a["heat_demand_MWh"] for a in alone)

        def share(rows):
            return (sum(r["electrified_share"] * r["heat_demand_MWh"] for r in rows) / dem) if dem > 0 else 0.0

        C = self.capacity_kW
        jd = self.together.dispatch
        P_tot = np.sum([f.P_el_kW for f in jd.flows], axis=0)
        alloc = self.allocation
        cost_alone = float(sum(c.cost_EUR for c in self.alone))
        for i in range(n_m):  # a member alone pays for what it uses alone (a shared asset at its site)
            alone[i]["cost_EUR"] = float(self.alone[i].cost_EUR)
        co2_assets_alone = float(sum(af.co2_t for c in self.alone for af in c.dispatch.asset_flows.values()))
        co2_assets_hub = float(sum(af.co2_t for af in jd.asset_flows.values()))
        members = []
        for i, m in enumerate(self.members):
            a, h = alone[i], hub[i]
            fa = self.alone[i].dispatch.flows[0]
            members.append({
                "case_id": m.case_id,
                "electrified_share_alone": a["electrified_share"], "electrified_share_hub": h["electrified_share"],
                "co2_saved_t_alone": a["co2_saved_t"], "co2_saved_t_hub": h["co2_saved_t"],
                "cost_EUR_alone": a["cost_EUR"], "cost_EUR_hub": h["cost_EUR"],
                "allocated_cost_EUR": alloc["allocated_EUR"][i],
                "allocated_benefit_EUR": a["cost_EUR"] - alloc["allocated_EUR"][i],
                "allocated_cost_proportional_EUR": alloc["proportional_EUR"][i],
                "allocated_cost_shapley_EUR": None if alloc["shapley_EUR"] is None else alloc["shapley_EUR"][i],
                "capacity_share_kW": float(self.shares[i] * np.max(C, initial=0.0)),
                "firm_capacity_kW": float(np.max(m.firm_kW, initial=0.0)),
                "standalone_peak_kW": m.peak_kW,
                "hp_option": m.ctx.hp_option, "hp_kW": m.hp_kW, "eboiler_kW": m.eb_kW,
                "storage_kWh": m.storage.capacity_kWh if m.storage is not None else 0.0,
                "heat_demand_MWh": a["heat_demand_MWh"],
                "peak_el_kW_alone": a["peak_el_kW"], "peak_el_kW_hub": h["peak_el_kW"],
                "grid_limit_exceeded_hours_alone": float(exceeded_steps(
                    fa.P_shared_kW, self.shares[i] * C) * self.dt_h),
                **{f"{k}_alone": a[k] for k in ("heat_hp_MWh", "heat_eboiler_MWh", "heat_gas_MWh", "heat_unmet_MWh",
                                                "E_el_MWh", "co2_t", "opex_annual_EUR")},
                **{f"{k}_hub": h[k] for k in ("heat_hp_MWh", "heat_eboiler_MWh", "heat_gas_MWh", "heat_link_in_MWh",
                                              "heat_shared_in_MWh", "heat_unmet_MWh", "E_el_MWh", "co2_t",
                                              "opex_annual_EUR")},
            })
        links = []
        for lk in self.links:
            used = lk.spec.label in self.together.links_used
            q = jd.link_flows.get(lk.spec.label, np.zeros(len(C)))
            w = self.members[lk.i_to].inputs.energy_weight * self.dt_h / 1000.0
            links.append({"from": lk.spec.from_id, "to": lk.spec.to_id, "used": used,
                          "heat_MWh": float(np.sum(q) * w) if used else 0.0, "T_C": lk.spec.T_C,
                          "distance_m": lk.spec.distance_m, "loss_kW": lk.loss_kW,
                          "usable_share_of_demand": float(np.mean(lk.share)), "capex_EUR": lk.capex_EUR,
                          "annual_cost_EUR": lk.annual_cost_EUR,
                          "figures": {k: v for k, v in lk.figures.items()}})
        assets = []
        for a in self.assets:
            af = jd.asset_flows.get(a.name)
            used = a.name in self.together.assets_used
            used_alone = [self.members[i].case_id for i, c in enumerate(self.alone) if a.name in c.assets_used]
            assets.append({"name": a.name, "kind": a.kind, "site": a.spec.site, "used": used,
                           "used_alone_by": used_alone,
                           "capacity_kWh": a.capacity_kWh, "power_kW": a.power_kW,
                           "heat_kW": a.heat_kW if a.is_producer else None, "T_C": a.spec.T_C,
                           "serves": list(a.spec.serves) if a.is_heat else [], "distance_m": a.spec.distance_m,
                           "pipe_loss_kW": a.pipe_loss_kW,
                           "energy_MWh": af.energy_MWh if (af is not None and used) else 0.0,
                           "E_el_MWh": float(np.sum(af.P_el_kW) * self.members[a.i_site].inputs.energy_weight
                                             * self.dt_h / 1000.0) if (af is not None and used) else 0.0,
                           "energy_cost_EUR": af.cost_EUR if (af is not None and used) else 0.0,
                           "co2_t": af.co2_t if (af is not None and used) else 0.0,
                           "capex_EUR": a.capex_EUR, "annual_cost_EUR": a.annual_cost_EUR,
                           "figures": dict(a.figures)})
        sv = jd.solver
        hub_obj = self.hub.objective
        return {
            "hub_id": self.hub.hub_id,
            "hours": self.hours,
            "peak_el_kW": float(np.max(P_tot, initial=0.0)),
            "grid_limit_exceeded_hours": float(exceeded_steps(jd.P_shared_kW, C) * self.dt_h),
            "electrified_share_alone": share(alone),
            "electrified_share_hub": share(hub),
            "co2_saved_t_alone": float(sum(a["co2_saved_t"] for a in alone)) - co2_assets_alone,
            "co2_saved_t_hub": float(sum(h["co2_saved_t"] for h in hub)) - co2_assets_hub,
            "cost_EUR_alone": cost_alone,
            "cost_EUR_hub": float(self.together.cost_EUR),
            "members": members,
            "saving_EUR": cost_alone - float(self.together.cost_EUR),
            "heat_link_cost_EUR": float(self.together.link_cost_EUR),
            "shared_assets_cost_EUR": float(self.together.asset_cost_EUR),
            "shared_assets": assets,
            "objective": hub_obj,
            "cost_cap_EUR": self.together.cost_cap_EUR,
            "least_cost_EUR_hub": self.together.least_cost_EUR,
            "co2_t_alone": float(sum(c.co2_t for c in self.alone)),
            "co2_t_hub": float(self.together.co2_t),
            "allocation_rule": alloc["rule"],
            "allocation_individually_rational": alloc["individually_rational"],
            "allocation_message": alloc["message"],
            "capacity_share_rule": self.share_rule,
            "shared_capacity_kW": float(np.max(C, initial=0.0)),
            "shared_capacity_min_kW": float(np.min(C)) if len(C) else 0.0,
            "peak_shared_kW": float(np.max(jd.P_shared_kW, initial=0.0)),
            "peak_shared_kW_alone": float(np.max(np.sum([c.dispatch.P_shared_kW for c in self.alone], axis=0),
                                                 initial=0.0)),
            "transport_right": self.hub.transport_right,
            "dt_h": self.dt_h,
            "steps": int(len(C)),
            "heat_links": links,
            "coalitions_solved": self.coalitions_solved,
            "solver": {"n_variables": sv["n_variables"], "n_constraints": sv["n_constraints"],
                       "n_nonzeros": sv["n_nonzeros"], "time_s": sv["time_s"], "message": sv["message"],
                       "objective": sv["objective"], "network_T_C": sv["network_T_C"],
                       "network_loss_share": sv["network_loss_share"]},
            "warnings": list(self.warnings),
        }

    def table(self):
        """Step-by-step table (the ``--out`` CSV): shared capacity and load, then per member
        ``<case_id>:<column>`` and per link ``<from>-><to>:Q_kW``."""
        import pandas as pd

        jd = self.together.dispatch
        C = self.capacity_kW
        cols = {"timestamp": self.members[0].ctx.profiles.index.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "shared_capacity_kW": C, "P_shared_kW": jd.P_shared_kW, "shared_headroom_kW": C - jd.P_shared_kW}
        for m, f in zip(self.members, jd.flows):
            p = f"{m.case_id}:"
            cols.update({p + "heat_demand_kW": m.inputs.Q_demand_kW, p + "cop_hp": m.inputs.cop_hp,
                         p + "Q_hp_max_kW": m.inputs.Q_hp_max_kW, p + "Q_hp_kW": f.Q_hp_kW,
                         p + "Q_eboiler_kW": f.Q_eb_kW, p + "Q_gas_kW": f.Q_gas_kW,
                         p + "Q_storage_in_kW": f.Q_charge_kW, p + "Q_storage_out_kW": f.Q_discharge_kW,
                         p + "E_storage_kWh": f.E_storage_kWh, p + "Q_link_in_kW": f.Q_link_in_kW,
                         p + "Q_unmet_kW": f.Q_unmet_kW, p + "P_el_kW": f.P_el_kW, p + "P_shared_kW": f.P_shared_kW,
                         p + "price_el_EUR_per_MWh": m.ctx.profiles.columns["price_el_EUR_per_MWh"]})
            cols[p + "Q_shared_in_kW"] = f.Q_shared_in_kW
        for label, q in jd.link_flows.items():
            cols[f"{label}:Q_kW"] = q
        for name, af in jd.asset_flows.items():
            p = f"asset:{name}:"
            if af.kind in ("eboiler", "heat_pump"):
                cols.update({p + "Q_kW": af.Q_kW, p + "P_el_kW": af.P_el_kW})
            else:
                cols.update({p + "charge_kW": af.charge_kW, p + "discharge_kW": af.discharge_kW,
                             p + "E_kWh": af.E_kWh})
                if af.kind == "battery":
                    cols[p + "P_el_kW"] = af.P_el_kW
        return pd.DataFrame(cols)

    def balance_residuals_kW(self) -> list[np.ndarray]:
        """Each member's heat balance residual per step in the hub dispatch [kW]."""
        return [balance_residual_kW(m, f) for m, f in zip(self.members, self.together.dispatch.flows)]


def _shares(hub: HubSpec, members: list[Member], C: np.ndarray) -> tuple[list[float], str]:
    given = [m.spec.capacity_kW for m in members]
    top = float(np.max(C, initial=0.0))
    if all(g is not None for g in given):
        return [(g / top) if top > 0 else 0.0 for g in given], "given per member (members[].capacity_kW)"
    peaks = [m.peak_kW for m in members]
    tot = sum(peaks)
    if tot <= 0:
        return [1.0 / len(members)] * len(members), "equal (no member has an electric load)"
    return [p / tot for p in peaks], "proportional to each member's stand-alone peak"


def run_hub(hub: HubSpec, *, allocation: str | None = None, shapley_max_members: int = SHAPLEY_MAX_MEMBERS,
            time_limit_s: float = 300.0) -> HubResult:
    """Dispatch a hub's members alone and together and allocate the hub's cost.

    Parameters
    ----------
    hub : HubSpec
        From :func:`heatcalc.hub.reader.read_hub` or :func:`~heatcalc.hub.reader.hub_from_dict`.
    allocation : {"auto", "shapley", "proportional"}, optional
        Default the hub file's ``allocation`` (``auto``: the Shapley value for up to
        ``shapley_max_members`` members when it leaves nobody worse off, else proportional).
    shapley_max_members : int
        Largest hub for which every coalition is solved.
    time_limit_s : float
        Time limit of each LP [s].

    Returns
    -------
    HubResult

    Raises
    ------
    InputError
        For invalid members, profiles or links (naming the field).
    """
    rule = allocation or hub.allocation
    if rule not in ("auto", "shapley", "proportional"):
        raise InputError(f"allocation={rule!r} is not known; choices: auto, shapley, proportional")
    grid = hub_grid(hub)
    C = shared_capacity(hub, grid)
    profiled = [m.profiles is not None and "heat_demand_kW" in m.profiles.columns for m in hub.members]
    members = [prepare_member(s, grid, f"members[{i}]", demand_every_step=any(profiled))
               for i, s in enumerate(hub.members)]
    links = [prepare_link(s, members, grid, f"heat_links[{i}]") for i, s in enumerate(hub.heat_links)]
    assets = [prepare_asset(s, members, f"shared_assets[{i}]") for i, s in enumerate(hub.shared_assets)]
    shares, share_rule = _shares(hub, members, C)
    n = len(members)
    everyone = frozenset(range(n))
    hours = members[0].inputs.n * members[0].inputs.dt_h
    link_factor = min(hours / HOURS_PER_YR, 1.0) if hours < HOURS_PER_YR - 1e-9 else 1.0
    least: dict[frozenset, list] = {}
    cache: dict[frozenset, Coalition] = {}

    def cap_of(s: frozenset) -> np.ndarray:
        return C if s == everyone else sum(shares[i] for i in sorted(s)) * C

    def variants(s: frozenset) -> list[Coalition]:
        """Least-cost dispatch of each choice of infrastructure a coalition has: none, its links, its shared
        assets, both (cheapest first)."""
        if s in least:
            return least[s]
        which = sorted(s)
        cap = cap_of(s)
        inside = [lk for lk in links if lk.i_from in s and lk.i_to in s]
        avail = [a for a in assets if a.i_site in s and (not a.is_heat or any(i in s for i in a.serves))]
        if not any(a.is_producer for a in avail):  # a heat store needs a producer of the coalition
            avail = [a for a in avail if not a.is_heat]
        out = []
        for lk_set in ([[], inside] if inside else [[]]):
            for as_set in ([[], avail] if avail else [[]]):
                jd = solve(members, which, cap, lk_set, assets=as_set, time_limit_s=time_limit_s)
                lc = float(sum(lk.annual_cost_EUR for lk in lk_set)) * link_factor
                ac = float(sum(a.annual_cost_EUR for a in as_set if a.name in jd.asset_flows)) * link_factor
                out.append(Coalition(s, jd.cost_EUR + lc + ac, jd, [lk.spec.label for lk in lk_set], lc,
                                     [a.name for a in as_set if a.name in jd.asset_flows], ac))
        out.sort(key=lambda c: c.cost_EUR)
        for c in out:
            c.least_cost_EUR = out[0].cost_EUR
        least[s] = out
        return out

    pct = hub.cost_cap_pct
    if hub.objective == "co2" and hub.cost_cap_EUR is not None:
        c_hub = variants(everyone)[0].cost_EUR
        if hub.cost_cap_EUR < c_hub - 1.0:
            raise InputError(f"cost_cap_EUR={hub.cost_cap_EUR:,.0f} EUR is below the hub's least cost of "
                             f"{c_hub:,.0f} EUR over the period; valid: at least {math.ceil(c_hub):,} EUR")
        pct = max(hub.cost_cap_EUR - c_hub, 0.0) / max(abs(c_hub), 1.0) * 100.0

    def coalition(s: frozenset) -> Coalition:
        if s in cache:
            return cache[s]
        vs = variants(s)
        best = vs[0]
        if hub.objective == "co2":
            c_min = vs[0].cost_EUR
            cap = hub.cost_cap_EUR if (s == everyone and hub.cost_cap_EUR is not None) \
                else c_min + abs(c_min) * pct / 100.0
            cand = []
            for v in vs:
                infra = v.link_cost_EUR + v.asset_cost_EUR
                if v.cost_EUR > cap + 1e-9 * max(abs(cap), 1.0):
                    continue
                lp_cap = cap - infra + v.dispatch.solver["penalty_EUR"]
                inside = [lk for lk in links if lk.spec.label in v.links_used]
                used = [a for a in assets if a.name in v.assets_used]
                jd = solve(members, sorted(s), cap_of(s), inside, assets=used, objective="co2",
                           cost_cap_EUR=lp_cap, time_limit_s=time_limit_s)
                cand.append(Coalition(s, jd.cost_EUR + infra, jd, v.links_used, v.link_cost_EUR, v.assets_used,
                                      v.asset_cost_EUR, c_min, cap))
            best = min(cand, key=lambda c: (c.co2_t, c.cost_EUR))
        cache[s] = best
        return best

    alone = [coalition(frozenset({i})) for i in range(n)]
    together = coalition(everyone)
    names = [m.case_id for m in members]
    sh = None
    if rule in ("auto", "shapley") and n <= shapley_max_members:
        sh = shapley(n, lambda s: coalition(s).cost_EUR)
    alloc = allocate(together.cost_EUR, [c.cost_EUR for c in alone], rule=rule, shapley_EUR=sh, names=names)
    warnings: list[str] = []
    for m, has in zip(members, profiled):
        if any(profiled) and not has:
            warnings.append(Message("hub.member_constant_demand",
                                    f"no heat_demand_kW profile: its heat_demand_kW of "
                                    f"{m.spec.case.heat_demand_kW:,.0f} kW is taken in every step, as the other "
                                    "members' profiles cover the same steps (operating_hours_per_yr is not used)",
                                    demand_kW=m.spec.case.heat_demand_kW).prefixed(m.case_id))
        warnings += [_prefixed(w, m.case_id) for w in dict.fromkeys(m.ctx.warnings)]
    if rule == "shapley" and sh is None:
        warnings.append(Message("hub.shapley_too_many",
                                f"the Shapley value is computed for up to {shapley_max_members} members; this hub "
                                f"has {n}", max_members=shapley_max_members, n=n))
    for lk in links:
        if lk.spec.label not in together.links_used:
            warnings.append(Message("hub.link_unused",
                                    f"heat link {lk.spec.label} is not used: the heat it saves does not pay the "
                                    f"pipe's {lk.annual_cost_EUR * link_factor:,.0f} EUR for the period",
                                    link=lk.spec.label, cost_EUR=lk.annual_cost_EUR * link_factor))
    if hub.transport_right is not None:
        warnings.append(Message("hub.transport_right",
                                f"transport_right={hub.transport_right}: the model applies one shared limit per "
                                "step; the contract type is recorded, its tariff effects are not modelled",
                                right=hub.transport_right))
    # summaries as the hourly run computes them
    summ_alone, summ_hub = [], []
    for i, m in enumerate(members):
        grid_alone = m.firm_kW + shares[i] * C
        summ_alone.append(summarise(m.ctx, as_dispatch(m, alone[i].dispatch.flows[0], grid_alone),
                                    hp_kW=m.hp_kW, eb_kW=m.eb_kW))
        summ_hub.append(summarise(m.ctx, as_dispatch(m, together.dispatch.flows[i], m.firm_kW + C),
                                  hp_kW=m.hp_kW, eb_kW=m.eb_kW))
    unmet = sum(float(np.sum(f.Q_unmet_kW)) for f in together.dispatch.flows)
    if unmet > 0:
        warnings.append(Message("hub.heat_unmet", "some heat is unmet in the hub dispatch (gas backup limited): "
                                "costs do not include the unmet heat"))
    if alloc["message"]:
        warnings.append(alloc["message"])
    if not math.isfinite(together.cost_EUR):
        raise RuntimeError("hub cost is not finite")
    for a in assets:
        if a.name not in together.assets_used:
            what = Message("hub.asset_goal_co2", "lower the hub's CO2 within the cost cap") \
                if hub.objective == "co2" else Message("hub.asset_goal_cost", "lower the hub's cost")
            warnings.append(Message("hub.asset_unused",
                                    f"shared asset {a.name} ({a.kind}) is not used: it does not {what} (its cost "
                                    f"{a.annual_cost_EUR * link_factor:,.0f} EUR for the period included)",
                                    name=a.name, kind=a.kind, what=what, cost_EUR=a.annual_cost_EUR * link_factor))
    return HubResult(hub=hub, members=members, links=links, assets=assets, capacity_kW=C, shares=shares,
                     share_rule=share_rule,
                     alone=alone, together=together, allocation=alloc, summaries_alone=summ_alone,
                     summaries_hub=summ_hub, coalitions_solved=len(cache), warnings=warnings)
