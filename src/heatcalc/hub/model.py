"""Joint dispatch of a hub's members under one shared grid capacity, as one linear programme.

Each member is prepared exactly as ``heatcalc hourly`` prepares a case
(:func:`heatcalc.evaluation.hourly.prepare`: hourly heat demand, heat-pump COP and
available output per step, e-boiler, gas backup, marginal electricity and gas-heat
costs with taxes and CO2, storage defaults). The hub LP then dispatches all members
together over all steps (perfect foresight, HiGHS through :func:`scipy.optimize.linprog`
on sparse matrices).

Model (member *i*, step *t*, heat link *l* from member *a* to member *b*)::

    balance   Q_hp + Q_eb + Q_gas + Q_dis − Q_ch + U + Σ_l→i Q_l = D               (every i, t)
    storage   E_t = ρ·E_t−1 + Δt·(η_c·Q_ch − Q_dis/η_d),  0 ≤ E ≤ E_max,  E_T ≥ E_0
    load      P = Q_hp·(1/COP + k) + Q_eb·(1/η_eb + k) + k·(Q_dis − Q_ch + Σ_l→i Q_l)
    own firm  P − S_i ≤ F_i,  S_i ≥ 0            (only for members with firm capacity F_i > 0)
    shared    Σ_i S_i ≤ C_t                      (S_i = P for members without firm capacity)
    link      0 ≤ Q_l ≤ min(max(H_l,t − L_l, 0), φ_l,t · D_b,t)

with ``k`` the CHP power per heat of a CHP baseline (0 for a boiler), ``H`` the heat the
giving member has available, ``L = loss_W_per_m × distance_m`` the pipe's heat loss (the pipe
is kept hot, so the loss comes off the available heat in every step), and ``φ`` the share of
the receiver's demand that heat at the link temperature can cover (sensible heating of the
sink stream from ``T_sink_in_C`` up to ``T_C − dT_min_K``; all of it when ``T_C − dT_min_K`` is at
or above ``T_sink_out_C``). Objective: Σ_i Σ_t w_i·[c_el·P + c_fuel·Q_gas + vom·Q + M·U] —
energy and CO2 priced as the hourly run prices them (day-ahead price + energy tax + network
kWh charge; gas price + energy tax + ETS/CO2 levy; variable O&M), M the hourly run's unmet-heat
penalty. The network's monthly-peak and contract charges are not in the objective.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError
from heatcalc.evaluation.hourly.dispatch import BALANCE_RTOL, GRID_ATOL_KW, Dispatch, DispatchInputs, Storage
from heatcalc.evaluation.hourly.prepare import EB_OPTIONS, HourlyContext, _settle_rates, prepare
from heatcalc.evaluation.hourly.profiles import Profiles, constant_profiles
from heatcalc.hub.reader import HeatLinkSpec, HubSpec, MemberSpec
from heatcalc.money.finance import annuity_factor


# =========================================================================================
# data
def heat_link_figure(quantity: str) -> float:
    """A default of ``data/heat_links.csv`` (unit as in the file).

    Raises
    ------
    TariffDataError
        If the file or the row is missing.
    """
    from heatcalc.core.errors import TariffDataError

    df = read_csv("heat_links.csv")
    row = df[df["quantity"] == quantity]
    if row.empty:
        raise TariffDataError(f"{quantity!r} missing in data/heat_links.csv")
    return float(row["value"].iloc[0])


# =========================================================================================
# members
@dataclass
class Member:
    """A hub member prepared for dispatch.

    Attributes
    ----------
    spec : MemberSpec
    ctx : HourlyContext
        As :func:`heatcalc.evaluation.hourly.prepare` builds it (grid unlimited).
    inputs : DispatchInputs
        Dispatch inputs with the marginal rates settled (as ``heatcalc hourly`` settles them).
    storage : Storage or None
    firm_kW : ndarray
        The member's own firm capacity for the new load per step [kW] (its case's
        ``grid_capacity_kW`` or ``grid_capacity_kW`` profile column; 0 where none).
    peak_kW : float
        Stand-alone peak: the largest load of electrifying its whole demand (heat pump first,
        then e-boiler) in any step [kW].
    hp_kW, eb_kW : float
        Rated heat-pump and e-boiler output [kW].
    """

    spec: MemberSpec
    ctx: HourlyContext
    inputs: DispatchInputs
    storage: Storage | None
    firm_kW: np.ndarray
    peak_kW: float
    hp_kW: float
    eb_kW: float

    @property
    def case_id(self) -> str:
        return self.spec.case_id

    @property
    def has_firm(self) -> bool:
        return bool(np.any(self.firm_kW > 0))


@dataclass
class Link:
    """A heat link prepared for dispatch.

    Attributes
    ----------
    spec : HeatLinkSpec
    i_from, i_to : int
        Member indices.
    Q_max_kW : ndarray
        Heat the receiver can take per step after the pipe loss and the temperature share [kW].
    loss_kW : float
        Pipe heat loss while hot [kW].
    share : ndarray
        Share of the receiver's demand heat at ``T_C`` can cover per step [-].
    capex_EUR, annual_cost_EUR : float
        Pipe investment [EUR] and its yearly cost: annuity over the receiver's
        ``lifetime_yr`` at its ``discount_rate`` plus O&M [EUR/yr].
    figures : dict
        The pipe figures used and where they came from.
    """

    spec: HeatLinkSpec
    i_from: int
    i_to: int
    Q_max_kW: np.ndarray
    loss_kW: float
    share: np.ndarray
    capex_EUR: float
    annual_cost_EUR: float
    figures: dict = field(default_factory=dict)


def _same_grid(where: str, prof: Profiles, ref: Profiles) -> None:
    if len(prof) != len(ref) or abs(prof.dt_h - ref.dt_h) > 1e-12 or prof.index[0] != ref.index[0]:
        raise InputError(f"{where}: covers {len(prof)} steps of {prof.dt_h:g} h from {prof.index[0]:%Y-%m-%d %H:%M}; "
                         f"the hub's other profiles cover {len(ref)} steps of {ref.dt_h:g} h from "
                         f"{ref.index[0]:%Y-%m-%d %H:%M} UTC: every profile of a hub must cover the same steps")


def hub_grid(hub: HubSpec) -> Profiles:
    """The hub's time grid: that of the first member profiles (all must agree), else the shared-capacity
    profile's, else a year of constant hours (first member's ``tariff_year``).

    Raises
    ------
    InputError
        If two profiles cover different steps.
    """
    ref = None
    named = [(f"members[{i}].profiles", m.profiles) for i, m in enumerate(hub.members) if m.profiles is not None]
    if hub.shared_profile is not None:
        named.append(("shared_capacity_kW", hub.shared_profile))
    named += [(f"heat_links[{i}].heat_kW", lk.heat_profile) for i, lk in enumerate(hub.heat_links)
              if lk.heat_profile is not None]
    for where, p in named:
        if ref is None:
            ref = p
        else:
            _same_grid(where, p, ref)
    if ref is None:
        year = int(hub.members[0].case.tariff_year)
        hours = 8784 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 8760
        return constant_profiles(hours, start=f"{year}-01-01T00:00Z")
    return Profiles(index=ref.index, dt_h=ref.dt_h, columns={}, source="grid")


def shared_capacity(hub: HubSpec, grid: Profiles) -> np.ndarray:
    """Shared capacity per step [kW]."""
    if hub.shared_profile is not None:
        return np.asarray(hub.shared_profile.columns["grid_capacity_kW"], dtype=float)
    return np.full(len(grid), float(hub.shared_capacity_kW))


def prepare_member(spec: MemberSpec, grid: Profiles, where: str = "member", *,
                   demand_every_step: bool = False) -> Member:
    """Prepare one member as ``heatcalc hourly`` prepares a case, with the grid unlimited (the hub
    sets the limits) and the marginal rates settled at full use of its units.

    The member's own firm capacity is its case's ``grid_capacity_kW`` (or a ``grid_capacity_kW``
    profile column); the profile and case value are taken out of the preparation so that the
    e-boiler's default size is the heat the heat pump leaves, not the grid room alone.

    ``demand_every_step``: a member without a ``heat_demand_kW`` profile demands its
    ``heat_demand_kW`` in every step (energy weight 1) instead of standing for its
    ``operating_hours_per_yr`` (the hub uses this when another member has a demand profile, so that
    all members' energies cover the same period).
    """
    prof = spec.profiles
    if prof is None:
        prof = Profiles(index=grid.index, dt_h=grid.dt_h, columns={}, source="constant")
    n = len(prof)
    cols = dict(prof.columns)
    if demand_every_step and "heat_demand_kW" not in cols:
        cols["heat_demand_kW"] = np.full(n, float(spec.case.heat_demand_kW))
    firm = cols.pop("grid_capacity_kW", None)
    if "neighbour_load_kW" in cols:
        raise InputError(f"{where}.profiles has a neighbour_load_kW column: in a hub the neighbour is a member "
                         "of its own; put its case in members instead")
    if firm is None:
        firm = np.full(n, spec.case.grid_capacity_kW if spec.case.grid_capacity_kW is not None else 0.0)
    prof = Profiles(index=prof.index, dt_h=prof.dt_h, columns=cols, warnings=list(prof.warnings), source=prof.source)
    case = spec.case.model_copy(update={"grid_capacity_kW": None})
    try:
        ctx = prepare(case, prof, hp_kW=spec.hp_kW, eb_kW=spec.eboiler_kW, gas_kW=spec.gas_kW,
                      storage_kind=spec.storage_kind)
    except InputError as exc:
        raise InputError(f"{where} ({spec.case_id}): {exc}") from None
    storage = None
    if spec.storage_kWh > 0:
        storage = Storage.default(spec.storage_kWh, kind=ctx.storage_kind,
                                  Q_max_kW=None if math.isinf(spec.storage_kW) else spec.storage_kW)
    inp = _settle_rates(ctx, ctx.inputs, storage)
    if spec.eboiler_kW is None and not any(o in ctx.case.selected_options for o in EB_OPTIONS):
        inp = inp.with_(Q_eb_max_kW=0.0)
    a_hp = 1.0 / inp.cop_hp + inp.chp_el_per_heat
    a_eb = 1.0 / inp.eta_eb + inp.chp_el_per_heat
    q_hp = np.minimum(inp.Q_demand_kW, inp.Q_hp_max_kW)
    q_eb = np.minimum(inp.Q_demand_kW - q_hp, inp.Q_eb_max_kW)
    peak = float(np.max(q_hp * a_hp + q_eb * a_eb, initial=0.0))
    return Member(spec=spec, ctx=ctx, inputs=inp, storage=storage, firm_kW=np.asarray(firm, dtype=float),
                  peak_kW=peak, hp_kW=float(ctx.Q_hp_nom_kW), eb_kW=float(inp.Q_eb_max_kW))


def prepare_link(spec: HeatLinkSpec, members: list[Member], grid: Profiles, where: str = "heat_link") -> Link:
    """Heat the receiver can take per step, the pipe loss and the pipe's cost (defaults from
    ``data/heat_links.csv`` where the link gives none)."""
    ids = [m.case_id for m in members]
    i_from, i_to = ids.index(spec.from_id), ids.index(spec.to_id)
    rec = members[i_to]
    case = rec.ctx.case
    figs = {}
    for key, q in (("loss_W_per_m", "pipe_heat_loss_W_per_m"), ("capex_EUR_per_m", "pipe_capex_EUR_per_m"),
                   ("om_share_per_yr", "pipe_om_share_per_yr")):
        v = getattr(spec, key)
        figs[key] = {"value": float(v) if v is not None else heat_link_figure(q),
                     "from": "hub file" if v is not None else "data/heat_links.csv"}
    loss_kW = figs["loss_W_per_m"]["value"] * spec.distance_m / 1000.0
    if spec.heat_profile is not None:
        H = np.asarray(spec.heat_profile.columns["heat_demand_kW"], dtype=float)
    else:
        H = np.full(len(grid), float(spec.heat_kW))
    T_out = np.asarray(rec.ctx.profiles.columns["T_sink_out_C"], dtype=float)
    T_use = spec.T_C - case.dT_min_K
    T_in = float(case.T_sink_in_C)
    if case.sink_medium == "steam":  # latent heat: only a link at or above the steam temperature counts
        share = np.where(T_use >= T_out, 1.0, 0.0)
    else:
        share = np.clip((T_use - T_in) / np.maximum(T_out - T_in, 1e-9), 0.0, 1.0)
    Q_max = np.minimum(np.maximum(H - loss_kW, 0.0), share * rec.inputs.Q_demand_kW)
    capex = figs["capex_EUR_per_m"]["value"] * spec.distance_m
    r, n_yr = float(case.discount_rate), int(case.lifetime_yr)
    annual = capex / float(annuity_factor(r, n_yr)) + capex * figs["om_share_per_yr"]["value"] if capex > 0 else 0.0
    return Link(spec=spec, i_from=i_from, i_to=i_to, Q_max_kW=Q_max, loss_kW=loss_kW, share=share,
                capex_EUR=capex, annual_cost_EUR=annual, figures=figs)


# =========================================================================================
# the LP
@dataclass
class MemberFlows:
    """One member's flows in a joint or stand-alone dispatch [kW, kWh per step]."""

    Q_hp_kW: np.ndarray
    Q_eb_kW: np.ndarray
    Q_gas_kW: np.ndarray
    Q_charge_kW: np.ndarray
    Q_discharge_kW: np.ndarray
    E_storage_kWh: np.ndarray
    Q_unmet_kW: np.ndarray
    Q_link_in_kW: np.ndarray
    P_el_kW: np.ndarray
    P_shared_kW: np.ndarray
    cost_EUR: float


@dataclass
class JointDispatch:
    """Result of :func:`solve`: flows per member (in the order asked), link flows, the solver's figures."""

    members: list[int]
    flows: list[MemberFlows]
    link_flows: dict
    capacity_kW: np.ndarray
    solver: dict

    @property
    def cost_EUR(self) -> float:
        """Variable cost of energy and CO2 of all members [EUR] (unmet-heat penalty excluded)."""
        return float(sum(f.cost_EUR for f in self.flows))

    @property
    def P_shared_kW(self) -> np.ndarray:
        """Load on the shared capacity per step [kW]."""
        return np.sum([f.P_shared_kW for f in self.flows], axis=0)


def _cost_terms(inp: DispatchInputs):
    """Cost per kW of each block per step [EUR per kW step], as the single-site LP writes it."""
    w = inp.energy_weight * inp.dt_h / 1000.0
    k = inp.chp_el_per_heat
    c = inp.c_el_EUR_per_MWh
    return {"hp": w * (c / inp.cop_hp + inp.vom_hp_EUR_per_MWh + k * c),
            "eb": w * (c / inp.eta_eb + inp.vom_eb_EUR_per_MWh + k * c),
            "gas": w * np.broadcast_to(inp.c_fuel_heat_EUR_per_MWh, (inp.n,)),
            "dis": w * k * c, "ch": -w * k * c, "link": w * k * c}


def solve(members: list[Member], which: list[int], capacity_kW: np.ndarray, links: list[Link] = (), *,
          time_limit_s: float = 300.0) -> JointDispatch:
    """Cost-optimal joint dispatch of the members ``which`` under ``capacity_kW`` (one LP, HiGHS).

    Parameters
    ----------
    members : list of Member
    which : list of int
        The members dispatched (a coalition); a link counts only when both its ends are in it.
    capacity_kW : ndarray
        Shared capacity per step [kW].
    links : list of Link
    time_limit_s : float
        Solver time limit [s].

    Returns
    -------
    JointDispatch

    Raises
    ------
    RuntimeError
        If HiGHS finds no optimum (the problem is always feasible: gas or unmet heat close it).
    """
    import scipy.sparse as sp
    from scipy.optimize import linprog

    ms = [members[i] for i in which]
    n = ms[0].inputs.n
    C = np.asarray(capacity_kW, dtype=float)
    pos = {i: j for j, i in enumerate(which)}
    lks = [lk for lk in links if lk.i_from in pos and lk.i_to in pos]
    # variable blocks
    off: list[dict] = []
    nv = 0
    for m in ms:
        inp = m.inputs
        names = ["hp", "gas"] + (["eb"] if inp.Q_eb_max_kW > 0 else []) \
            + (["ch", "dis", "E"] if m.storage is not None else []) \
            + (["u"] if math.isfinite(inp.Q_gas_max_kW) else []) + (["s"] if m.has_firm else [])
        off.append({nm: nv + i * n for i, nm in enumerate(names)})
        nv += len(names) * n
    loff = []
    for _ in lks:
        loff.append(nv)
        nv += n
    c = np.zeros(nv)
    lb = np.zeros(nv)
    ub = np.full(nv, np.inf)
    idx = np.arange(n)
    for m, o in zip(ms, off):
        inp = m.inputs
        terms = _cost_terms(inp)
        for nm in ("hp", "eb", "gas", "ch", "dis"):
            if nm in o:
                c[o[nm]:o[nm] + n] = terms[nm]
        if "u" in o:
            from heatcalc.evaluation.hourly.dispatch import _unmet_penalty

            c[o["u"]:o["u"] + n] = inp.energy_weight * inp.dt_h / 1000.0 * _unmet_penalty(inp)
            ub[o["u"]:o["u"] + n] = inp.Q_demand_kW
        ub[o["hp"]:o["hp"] + n] = inp.Q_hp_max_kW
        if "eb" in o:
            ub[o["eb"]:o["eb"] + n] = inp.Q_eb_max_kW
        ub[o["gas"]:o["gas"] + n] = min(inp.Q_gas_max_kW, float(np.max(inp.Q_demand_kW, initial=0.0)))
        if m.storage is not None:
            st = m.storage
            ub[o["ch"]:o["ch"] + n] = st.Q_charge_max_kW
            ub[o["dis"]:o["dis"] + n] = st.Q_discharge_max_kW
            ub[o["E"]:o["E"] + n] = st.capacity_kWh
            lb[o["E"] + n - 1] = st.E_start_kWh
    for lk, lo in zip(lks, loff):
        ub[lo:lo + n] = lk.Q_max_kW
        c[lo:lo + n] = _cost_terms(members[lk.i_to].inputs)["link"]
    # rows
    eq_r, eq_c, eq_v, b_eq = [], [], [], []
    ub_r, ub_c, ub_v, b_ub = [], [], [], []
    n_eq = n_ub = 0

    def put(R, Cc, V, r, col, v):
        R.append(r)
        Cc.append(col)
        V.append(np.broadcast_to(np.asarray(v, dtype=float), r.shape))

    links_in = {j: [(lk, lo) for lk, lo in zip(lks, loff) if pos[lk.i_to] == j] for j in range(len(ms))}
    load_terms = []  # per member: list of (col array, value array) making up its load P
    for j, (m, o) in enumerate(zip(ms, off)):
        inp = m.inputs
        k = inp.chp_el_per_heat
        r = n_eq + idx
        for nm, v in (("hp", 1.0), ("eb", 1.0), ("gas", 1.0), ("dis", 1.0), ("ch", -1.0), ("u", 1.0)):
            if nm in o:
                put(eq_r, eq_c, eq_v, r, o[nm] + idx, v)
        for _, lo in links_in[j]:
            put(eq_r, eq_c, eq_v, r, lo + idx, 1.0)
        b_eq.append(inp.Q_demand_kW)
        n_eq += n
        if m.storage is not None:
            st = m.storage
            rho = st.retain(inp.dt_h)
            r = n_eq + idx
            put(eq_r, eq_c, eq_v, r, o["E"] + idx, 1.0)
            put(eq_r, eq_c, eq_v, r[1:], o["E"] + idx[:-1], -rho)
            put(eq_r, eq_c, eq_v, r, o["ch"] + idx, -inp.dt_h * st.eta_charge)
            put(eq_r, eq_c, eq_v, r, o["dis"] + idx, inp.dt_h / st.eta_discharge)
            bs = np.zeros(n)
            bs[0] = rho * st.E_start_kWh
            b_eq.append(bs)
            n_eq += n
        terms = [(o["hp"] + idx, 1.0 / inp.cop_hp + k)]
        if "eb" in o:
            terms.append((o["eb"] + idx, np.full(n, 1.0 / inp.eta_eb + k)))
        if k > 0:
            if "dis" in o:
                terms += [(o["dis"] + idx, np.full(n, k)), (o["ch"] + idx, np.full(n, -k))]
            terms += [(lo + idx, np.full(n, k)) for _, lo in links_in[j]]
        load_terms.append(terms)
        if "s" in o:  # own firm capacity: P − S ≤ F
            r = n_ub + idx
            for col, v in terms:
                put(ub_r, ub_c, ub_v, r, col, v)
            put(ub_r, ub_c, ub_v, r, o["s"] + idx, -1.0)
            b_ub.append(m.firm_kW)
            n_ub += n
    r = n_ub + idx  # shared capacity
    for j, o in enumerate(off):
        if "s" in o:
            put(ub_r, ub_c, ub_v, r, o["s"] + idx, 1.0)
        else:
            for col, v in load_terms[j]:
                put(ub_r, ub_c, ub_v, r, col, v)
    b_ub.append(C)
    n_ub += n
    for j in range(len(ms)):  # several links into one member: together at most its demand
        if len(links_in[j]) > 1:
            r = n_ub + idx
            for _, lo in links_in[j]:
                put(ub_r, ub_c, ub_v, r, lo + idx, 1.0)
            b_ub.append(ms[j].inputs.Q_demand_kW)
            n_ub += n
    A_eq = sp.csr_matrix((np.concatenate(eq_v), (np.concatenate(eq_r), np.concatenate(eq_c))), shape=(n_eq, nv))
    A_ub = sp.csr_matrix((np.concatenate(ub_v), (np.concatenate(ub_r), np.concatenate(ub_c))), shape=(n_ub, nv))
    t0 = time.perf_counter()
    res = linprog(c, A_ub=A_ub, b_ub=np.concatenate(b_ub), A_eq=A_eq, b_eq=np.concatenate(b_eq),
                  bounds=np.column_stack((lb, ub)), method="highs",
                  options={"time_limit": time_limit_s, "presolve": True})
    elapsed = time.perf_counter() - t0
    if res.status != 0 or res.x is None:
        raise RuntimeError(f"hub LP failed: {res.message} (status {res.status})")
    x = res.x
    link_flows = {lk.spec.label: np.clip(x[lo:lo + n], 0.0, lk.Q_max_kW) for lk, lo in zip(lks, loff)}
    flows = []
    for j, (m, o) in enumerate(zip(ms, off)):
        inp = m.inputs

        def blk(nm, o=o):
            return np.clip(x[o[nm]:o[nm] + n], 0.0, None) if nm in o else np.zeros(n)

        q_in = np.sum([link_flows[lk.spec.label] for lk, _ in links_in[j]], axis=0) if links_in[j] else np.zeros(n)
        q_hp = np.minimum(blk("hp"), inp.Q_hp_max_kW)
        q_eb = np.minimum(blk("eb"), inp.Q_eb_max_kW)
        q_gas = blk("gas")
        q_ch, q_dis, E, u = blk("ch"), blk("dis"), blk("E"), blk("u")
        k = inp.chp_el_per_heat
        P = q_hp / inp.cop_hp + q_eb / inp.eta_eb + k * (q_hp + q_eb + q_dis - q_ch + q_in)
        P_sh = np.maximum(P - m.firm_kW, 0.0)
        terms = _cost_terms(inp)
        cost = float(np.sum(terms["hp"] * q_hp + terms["eb"] * q_eb + terms["gas"] * q_gas + terms["dis"] * q_dis
                            + terms["ch"] * q_ch + terms["link"] * q_in))
        flows.append(MemberFlows(q_hp, q_eb, q_gas, q_ch, q_dis, E, u, q_in, P, P_sh, cost))
    solver = {"status": int(res.status), "message": str(res.message), "objective_EUR": float(res.fun),
              "time_s": elapsed, "n_variables": int(nv), "n_constraints": int(n_eq + n_ub),
              "n_nonzeros": int(A_eq.nnz + A_ub.nnz)}
    return JointDispatch(members=list(which), flows=flows, link_flows=link_flows, capacity_kW=C, solver=solver)


def as_dispatch(m: Member, f: MemberFlows, grid_kW) -> Dispatch:
    """A member's flows as a :class:`~heatcalc.evaluation.hourly.dispatch.Dispatch` of the hourly run
    (heat from links taken off the demand), for :func:`heatcalc.evaluation.hourly.result.summarise`."""
    D = np.maximum(m.inputs.Q_demand_kW - f.Q_link_in_kW, 0.0)
    inp = m.inputs.with_(Q_demand_kW=D, P_grid_max_kW=np.broadcast_to(np.asarray(grid_kW, dtype=float),
                                                                      (m.inputs.n,)).copy())
    return Dispatch("lp", inp, f.Q_hp_kW, f.Q_eb_kW, f.Q_gas_kW, f.Q_charge_kW, f.Q_discharge_kW, f.Q_unmet_kW,
                    f.E_storage_kWh, m.storage, {})


def balance_residual_kW(m: Member, f: MemberFlows) -> np.ndarray:
    """Heat balance residual of a member per step: supply − demand − charging [kW] (0 up to the solver's
    tolerance)."""
    return (f.Q_hp_kW + f.Q_eb_kW + f.Q_gas_kW + f.Q_discharge_kW + f.Q_unmet_kW + f.Q_link_in_kW
            - f.Q_charge_kW - m.inputs.Q_demand_kW)


def exceeded_steps(P_shared_kW: np.ndarray, capacity_kW: np.ndarray) -> int:
    """Steps where the load on the shared capacity exceeds it beyond the solver's tolerance."""
    tol = GRID_ATOL_KW + BALANCE_RTOL * np.abs(capacity_kW)
    return int(np.sum(P_shared_kW > capacity_kW + tol))
