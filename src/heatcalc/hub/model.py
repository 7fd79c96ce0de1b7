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

Shared assets (:func:`prepare_asset`) join the same LP. A battery behind the shared capacity:
``E_t = E_t−1 + Δt·(η·B_ch − B_dis/η)``, ``0 ≤ Σ_i S_i + B_ch − B_dis ≤ C_t``, priced at its site member's
marginal electricity price. One shared heat network for the shared e-boilers, heat pumps and heat stores:
``Σ Q_prod + Q_dis − Q_ch = Σ_i N_i/(1 − λ)``, ``N_i ≤ φ_i(T_net)·D_i`` in member *i*'s balance, producers
loading the shared capacity with ``Q/η`` or ``Q/COP``. With ``objective="co2"`` the LP minimises CO2 (grid
electricity at the step's factor, gas heat at its combustion CO2) with one more row: the cost above ≤ a cap.
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
from heatcalc.core.units import C_to_K, gas_MWh_LHV_to_HHV
from heatcalc.hub.reader import HeatLinkSpec, HubSpec, MemberSpec, SharedAssetSpec
from heatcalc.money.finance import annuity_factor
from heatcalc.options import emissions

#: Weight of the cost in the objective of a CO2 dispatch, as a tie-break between dispatches of equal CO2
#: [t per EUR]; small enough not to move the CO2 optimum measurably.
CO2_TIE_BREAK_T_PER_EUR = 1e-7

#: Largest share of a shared heat network's heat lost in its pipes [-] (the loss at rated flow is scaled to
#: the heat sent; a network losing more than this is refused as an input error).
MAX_NETWORK_LOSS_SHARE = 0.5


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


def hub_asset_figure(quantity: str) -> float:
    """A default of ``data/hub_assets.csv`` (unit as in the file).

    Raises
    ------
    TariffDataError
        If the file or the row is missing.
    """
    from heatcalc.core.errors import TariffDataError

    df = read_csv("hub_assets.csv")
    row = df[df["quantity"] == quantity]
    if row.empty:
        raise TariffDataError(f"{quantity!r} missing in data/hub_assets.csv")
    return float(row["value"].iloc[0])


@dataclass
class Asset:
    """A shared asset prepared for dispatch.

    Attributes
    ----------
    spec : SharedAssetSpec
    i_site : int
        Index of the member at whose connection the asset stands.
    serves : list of int
        Members a heat asset reaches.
    power_kW : float
        Battery charge/discharge limit, or the electric input of a heat producer at rated output [kW].
    capacity_kWh : float
        Battery or heat-store content [kWh] (0 for a producer).
    eta_charge, eta_discharge, retain_per_h : float
        Battery or store efficiencies [-] and the share kept per hour [-].
    heat_kW : float
        Rated heat output of a producer, or the store's heat limit [kW] (``inf``: not limiting).
    el_per_heat : float
        Electricity per heat of a producer: 1/eta of an e-boiler, 1/COP of a heat pump [-].
    vom_EUR_per_MWh : float
        Variable O&M per MWh of heat of a producer [EUR/MWh].
    pipe_loss_kW : float
        Heat lost in the asset's pipe at the network's temperature [kW].
    capex_EUR, annual_cost_EUR : float
        Investment (asset and pipe) [EUR] and its yearly cost (annuity over the site member's
        ``discount_rate``, the asset's or the site's lifetime, plus fixed O&M) [EUR/yr].
    figures : dict
        The figures used and where they came from.
    """

    spec: SharedAssetSpec
    i_site: int
    serves: list[int]
    power_kW: float = 0.0
    capacity_kWh: float = 0.0
    eta_charge: float = 1.0
    eta_discharge: float = 1.0
    retain_per_h: float = 1.0
    heat_kW: float = math.inf
    el_per_heat: float = 0.0
    vom_EUR_per_MWh: float = 0.0
    pipe_loss_kW: float = 0.0
    capex_EUR: float = 0.0
    annual_cost_EUR: float = 0.0
    figures: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def is_heat(self) -> bool:
        return self.spec.is_heat

    @property
    def is_producer(self) -> bool:
        return self.spec.kind in ("eboiler", "heat_pump")


def _annuity(capex: float, r: float, n_yr: float) -> float:
    if capex <= 0:
        return 0.0
    return capex / float(annuity_factor(r, max(int(round(n_yr)), 1)))


def prepare_asset(spec: SharedAssetSpec, members: list, where: str = "shared_asset") -> Asset:
    """Figures of a shared asset from the data files (battery: ``data/hub_assets.csv``; e-boiler and heat
    pump: ``data/costs.csv``, ``data/process_figures.csv``, ``data/cop_models.csv``; heat store:
    ``data/storage.csv``; pipe: ``data/heat_links.csv``), with the hub file's ``capex_EUR`` replacing the
    investment where given.

    Raises
    ------
    InputError
        For a heat pump whose default COP is not defined, or a network losing most of its heat.
    """
    ids = [m.case_id for m in members]
    i_site = ids.index(spec.site)
    site = members[i_site].ctx.case
    r, life = float(site.discount_rate), float(site.lifetime_yr)
    a = Asset(spec=spec, i_site=i_site, serves=[ids.index(x) for x in spec.serves])
    figs: dict = {}
    if spec.kind == "battery":
        eta = hub_asset_figure("battery_efficiency_one_way")
        c_kWh = hub_asset_figure("battery_capex_EUR_per_kWh")
        c_kW = hub_asset_figure("battery_inverter_capex_EUR_per_kW")
        a.capacity_kWh, a.power_kW = float(spec.capacity_kWh), float(spec.power_kW)
        a.eta_charge = a.eta_discharge = eta
        cap_store, cap_inv = c_kWh * a.capacity_kWh, c_kW * a.power_kW
        figs.update(efficiency_one_way={"value": eta, "from": "data/hub_assets.csv"},
                    capex_EUR_per_kWh={"value": c_kWh, "from": "data/hub_assets.csv"},
                    capex_EUR_per_kW={"value": c_kW, "from": "data/hub_assets.csv"})
        if spec.capex_EUR is not None:
            tot = cap_store + cap_inv
            f = spec.capex_EUR / tot if tot > 0 else 0.0
            cap_store, cap_inv = cap_store * f, cap_inv * f
            figs["capex_EUR"] = {"value": spec.capex_EUR, "from": "hub file"}
        a.capex_EUR = cap_store + cap_inv
        a.annual_cost_EUR = (_annuity(cap_store, r, hub_asset_figure("battery_storage_lifetime_yr"))
                             + _annuity(cap_inv, r, hub_asset_figure("battery_inverter_lifetime_yr"))
                             + cap_inv * hub_asset_figure("battery_fom_share_per_yr"))
    elif spec.kind in ("eboiler", "heat_pump"):
        from heatcalc.money.costs import capex_EUR, cost_curve

        tech = "e_boiler" if spec.kind == "eboiler" else "heat_pump"
        curve = cost_curve(tech)
        a.heat_kW = float(spec.heat_kW)
        if spec.kind == "eboiler":
            eta = float(members[i_site].inputs.eta_eb)
            a.el_per_heat = 1.0 / eta
            figs["efficiency"] = {"value": eta, "from": "data/process_figures.csv (e_boiler_efficiency)"}
        else:
            if spec.cop is not None:
                cop, src = float(spec.cop), "hub file"
            else:
                from heatcalc.thermo.cop_models import carnot_fraction_cop

                res = carnot_fraction_cop(C_to_K(spec.T_C), C_to_K(spec.T_source_C))
                cop, src = float(res.cop), ("Carnot COP x quality grade "
                                            f"{res.parameters['quality_grade']:g} (data/cop_models.csv)")
            a.el_per_heat = 1.0 / cop
            figs["cop"] = {"value": cop, "from": src}
        a.power_kW = a.heat_kW * a.el_per_heat
        a.vom_EUR_per_MWh = float(curve["vom_EUR_per_MWh"])
        cap = float(spec.capex_EUR) if spec.capex_EUR is not None else (
            float(capex_EUR(tech, a.heat_kW)["capex_EUR"]) if a.heat_kW > 0 else 0.0)
        figs["capex_EUR"] = {"value": cap, "from": "hub file" if spec.capex_EUR is not None
                             else f"data/costs.csv ({tech})"}
        a.capex_EUR = cap
        a.annual_cost_EUR = _annuity(cap, r, life) + cap * float(curve["fom_share_per_yr"])
    else:  # heat_store
        from heatcalc.evaluation.hourly.dispatch import storage_figure

        st = Storage.default(float(spec.capacity_kWh), kind="hot_water_tank", Q_max_kW=spec.power_kW)
        a.capacity_kWh = st.capacity_kWh
        a.heat_kW = a.power_kW = st.Q_charge_max_kW
        a.eta_charge, a.eta_discharge, a.retain_per_h = st.eta_charge, st.eta_discharge, 1.0 - st.loss_share_per_h
        c = storage_figure("hot_water_tank", "capex_EUR_per_kWh")
        cap = float(spec.capex_EUR) if spec.capex_EUR is not None else c * a.capacity_kWh
        figs["capex_EUR"] = {"value": cap, "from": "hub file" if spec.capex_EUR is not None
                             else "data/storage.csv (hot_water_tank)"}
        a.capex_EUR = cap
        a.annual_cost_EUR = _annuity(cap, r, min(life, storage_figure("hot_water_tank", "lifetime_yr")))
    if spec.is_heat and spec.distance_m > 0:
        loss = heat_link_figure("pipe_heat_loss_W_per_m")
        cpm = heat_link_figure("pipe_capex_EUR_per_m")
        om = heat_link_figure("pipe_om_share_per_yr")
        a.pipe_loss_kW = loss * spec.distance_m / 1000.0
        pipe = cpm * spec.distance_m
        a.capex_EUR += pipe
        a.annual_cost_EUR += _annuity(pipe, r, life) + pipe * om
        figs.update(pipe_loss_W_per_m={"value": loss, "from": "data/heat_links.csv"},
                    pipe_capex_EUR_per_m={"value": cpm, "from": "data/heat_links.csv"},
                    pipe_om_share_per_yr={"value": om, "from": "data/heat_links.csv"})
    a.figures = figs
    return a


def usable_share(m: "Member", T_C: float) -> np.ndarray:
    """Share of a member's demand that heat arriving at ``T_C`` can cover, per step [-]: sensible heating of
    the sink from ``T_sink_in_C`` up to ``T_C − dT_min_K``; for a steam sink 1 at or above the steam
    temperature, else 0."""
    case = m.ctx.case
    T_out = np.asarray(m.ctx.profiles.columns["T_sink_out_C"], dtype=float)
    T_use = T_C - case.dT_min_K
    T_in = float(case.T_sink_in_C)
    if case.sink_medium == "steam":
        return np.where(T_use >= T_out, 1.0, 0.0)
    return np.clip((T_use - T_in) / np.maximum(T_out - T_in, 1e-9), 0.0, 1.0)


def network_loss_share(assets: list[Asset]) -> float:
    """Share of the heat sent into a shared heat network that its pipes lose [-]: the pipes' loss at the
    network temperature over the rated heat of its producers (the loss is scaled to the heat sent, an
    approximation that understates the loss at part load)."""
    prod = sum(a.heat_kW for a in assets if a.is_producer)
    loss = sum(a.pipe_loss_kW for a in assets if a.is_heat)
    if loss <= 0:
        return 0.0
    return loss / prod if prod > 0 else 1.0


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
    Q_shared_in_kW: np.ndarray | None = None
    co2_t: float = 0.0

    def __post_init__(self):
        if self.Q_shared_in_kW is None:
            self.Q_shared_in_kW = np.zeros_like(self.Q_hp_kW)


@dataclass
class AssetFlows:
    """A shared asset's flows [kW, kWh per step]: a battery's or store's charge, discharge and content, a
    producer's heat; ``P_el_kW`` its load on the shared capacity (a battery's charge minus discharge)."""

    name: str
    kind: str
    Q_kW: np.ndarray
    charge_kW: np.ndarray
    discharge_kW: np.ndarray
    E_kWh: np.ndarray
    P_el_kW: np.ndarray
    cost_EUR: float
    co2_t: float
    energy_MWh: float


@dataclass
class JointDispatch:
    """Result of :func:`solve`: flows per member (in the order asked), link flows, shared assets' flows,
    the solver's figures."""

    members: list[int]
    flows: list[MemberFlows]
    link_flows: dict
    capacity_kW: np.ndarray
    solver: dict
    asset_flows: dict = field(default_factory=dict)

    @property
    def cost_EUR(self) -> float:
        """Variable cost of energy and CO2 of all members and shared assets [EUR] (unmet-heat penalty
        excluded)."""
        return float(sum(f.cost_EUR for f in self.flows) + sum(a.cost_EUR for a in self.asset_flows.values()))

    @property
    def co2_t(self) -> float:
        """CO2 of the dispatch as the LP counts it [t] (members and shared assets)."""
        return float(sum(f.co2_t for f in self.flows) + sum(a.co2_t for a in self.asset_flows.values()))

    @property
    def P_assets_kW(self) -> np.ndarray:
        """Load of the shared assets on the shared capacity per step [kW] (a discharging battery negative)."""
        if not self.asset_flows:
            return np.zeros(len(self.capacity_kW))
        return np.sum([a.P_el_kW for a in self.asset_flows.values()], axis=0)

    @property
    def P_shared_kW(self) -> np.ndarray:
        """Load on the shared capacity per step [kW]: members above their firm capacity, plus shared assets."""
        return np.sum([f.P_shared_kW for f in self.flows], axis=0) + self.P_assets_kW


def _rate_terms(inp: DispatchInputs, price, vom: bool = True):
    """Price per kW of each block per step [EUR or t per kW step], as the single-site LP writes it; ``price``
    per MWh of electricity (EUR for cost, t CO2 for the CO2 objective)."""
    w = inp.energy_weight * inp.dt_h / 1000.0
    k = inp.chp_el_per_heat
    c = np.broadcast_to(np.asarray(price, dtype=float), (inp.n,))
    v_hp, v_eb = (inp.vom_hp_EUR_per_MWh, inp.vom_eb_EUR_per_MWh) if vom else (0.0, 0.0)
    return {"hp": w * (c / inp.cop_hp + v_hp + k * c), "eb": w * (c / inp.eta_eb + v_eb + k * c),
            "dis": w * k * c, "ch": -w * k * c, "link": w * k * c}


def _cost_terms(inp: DispatchInputs):
    """Cost per kW of each block per step [EUR per kW step], as the single-site LP writes it."""
    t = _rate_terms(inp, inp.c_el_EUR_per_MWh)
    t["gas"] = inp.energy_weight * inp.dt_h / 1000.0 * np.broadcast_to(inp.c_fuel_heat_EUR_per_MWh, (inp.n,))
    return t


def ef_gas_heat_t_per_MWh(m: "Member") -> float:
    """CO2 per MWh of heat from the member's gas plant [t/MWh] (combustion; HHV/LHV and the plant's
    efficiency as the hourly run counts it)."""
    return float(emissions.co2_gas_t(gas_MWh_LHV_to_HHV(1.0 / m.ctx.money["eta_baseline"])))


def _co2_terms(m: "Member"):
    """CO2 per kW of each block per step [t per kW step]: grid electricity at the step's factor (kg/kWh =
    t/MWh), gas heat at its combustion CO2."""
    inp = m.inputs
    t = _rate_terms(inp, m.ctx.ef_grid_kgCO2_per_kWh, vom=False)
    t["gas"] = np.full(inp.n, inp.energy_weight * inp.dt_h / 1000.0 * ef_gas_heat_t_per_MWh(m))
    return t


def solve(members: list[Member], which: list[int], capacity_kW: np.ndarray, links: list[Link] = (), *,
          assets: list[Asset] = (), objective: str = "cost", cost_cap_EUR: float | None = None,
          time_limit_s: float = 300.0) -> JointDispatch:
    """Joint dispatch of the members ``which`` under ``capacity_kW`` (one LP, HiGHS): least cost, or least
    CO2 with the cost at most ``cost_cap_EUR``.

    Parameters
    ----------
    members : list of Member
    which : list of int
        The members dispatched (a coalition); a link counts only when both its ends are in it, a shared
        asset only when its site member is (a heat asset then reaches the members it serves in it).
    capacity_kW : ndarray
        Shared capacity per step [kW].
    links : list of Link
    assets : list of Asset
    objective : {"cost", "co2"}
    cost_cap_EUR : float, optional
        With ``objective="co2"``: the largest LP cost (energy, CO2 price and the unmet-heat penalty of the
        members and assets over the period) [EUR].
    time_limit_s : float
        Solver time limit [s].

    Returns
    -------
    JointDispatch

    Raises
    ------
    RuntimeError
        If HiGHS finds no optimum (a cost dispatch is always feasible: gas or unmet heat close it; a CO2
        dispatch is when the cap is at least the least cost).
    """
    import scipy.sparse as sp
    from scipy.optimize import linprog

    ms = [members[i] for i in which]
    n = ms[0].inputs.n
    C = np.asarray(capacity_kW, dtype=float)
    pos = {i: j for j, i in enumerate(which)}
    lks = [lk for lk in links if lk.i_from in pos and lk.i_to in pos]
    ass = [a for a in assets if a.i_site in pos]
    heat_ass = [a for a in ass if a.is_heat and any(i in pos for i in a.serves)]
    if not any(a.is_producer for a in heat_ass):
        heat_ass = []
    bats = [a for a in ass if a.kind == "battery"]
    net_to = sorted({pos[i] for a in heat_ass for i in a.serves if i in pos})  # member positions reached
    T_net = min(a.spec.T_C for a in heat_ass) if heat_ass else None
    lam = network_loss_share(heat_ass) if heat_ass else 0.0
    if lam > MAX_NETWORK_LOSS_SHARE:
        raise InputError(f"shared heat network loses {lam:.0%} of its producers' rated heat in its pipes (more "
                         f"than {MAX_NETWORK_LOSS_SHARE:.0%}): shorten shared_assets[].distance_m or size the "
                         "producers for the network")
    # variable blocks
    off: list[dict] = []
    nv = 0
    for j, m in enumerate(ms):
        inp = m.inputs
        names = ["hp", "gas"] + (["eb"] if inp.Q_eb_max_kW > 0 else []) \
            + (["ch", "dis", "E"] if m.storage is not None else []) \
            + (["u"] if math.isfinite(inp.Q_gas_max_kW) else []) + (["s"] if m.has_firm else []) \
            + (["net"] if j in net_to else [])
        off.append({nm: nv + i * n for i, nm in enumerate(names)})
        nv += len(names) * n
    loff = []
    for _ in lks:
        loff.append(nv)
        nv += n
    aoff: list[dict] = []
    for a in bats + heat_ass:
        names = ["q"] if a.is_producer else ["ch", "dis", "E"]
        aoff.append({nm: nv + i * n for i, nm in enumerate(names)})
        nv += len(names) * n
    aoff_of = {a.name: o for a, o in zip(bats + heat_ass, aoff)}
    c = np.zeros(nv)
    g = np.zeros(nv)  # CO2 [t]
    lb = np.zeros(nv)
    ub = np.full(nv, np.inf)
    idx = np.arange(n)
    phi_net = {}
    for j, (m, o) in enumerate(zip(ms, off)):
        inp = m.inputs
        terms = _cost_terms(inp)
        gt = _co2_terms(m)
        for nm in ("hp", "eb", "gas", "ch", "dis"):
            if nm in o:
                c[o[nm]:o[nm] + n] = terms[nm]
                g[o[nm]:o[nm] + n] = gt[nm]
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
        if "net" in o:
            phi_net[j] = usable_share(m, T_net)
            ub[o["net"]:o["net"] + n] = phi_net[j] * inp.Q_demand_kW
            c[o["net"]:o["net"] + n] = terms["link"]
            g[o["net"]:o["net"] + n] = gt["link"]
    for lk, lo in zip(lks, loff):
        ub[lo:lo + n] = lk.Q_max_kW
        c[lo:lo + n] = _cost_terms(members[lk.i_to].inputs)["link"]
        g[lo:lo + n] = _co2_terms(members[lk.i_to])["link"]
    for a, o in zip(bats + heat_ass, aoff):
        site = members[a.i_site]
        inp = site.inputs
        w = inp.energy_weight * inp.dt_h / 1000.0
        ce = w * np.broadcast_to(np.asarray(inp.c_el_EUR_per_MWh, dtype=float), (n,))
        ge = w * np.broadcast_to(np.asarray(site.ctx.ef_grid_kgCO2_per_kWh, dtype=float), (n,))
        if a.is_producer:
            ub[o["q"]:o["q"] + n] = a.heat_kW
            c[o["q"]:o["q"] + n] = ce * a.el_per_heat + w * a.vom_EUR_per_MWh
            g[o["q"]:o["q"] + n] = ge * a.el_per_heat
        else:
            ub[o["ch"]:o["ch"] + n] = a.power_kW if a.kind == "battery" else a.heat_kW
            ub[o["dis"]:o["dis"] + n] = a.power_kW if a.kind == "battery" else a.heat_kW
            ub[o["E"]:o["E"] + n] = a.capacity_kWh
            if a.kind == "battery":  # metered at the site: bought at its price, a discharge saves it
                c[o["ch"]:o["ch"] + n], c[o["dis"]:o["dis"] + n] = ce, -ce
                g[o["ch"]:o["ch"] + n], g[o["dis"]:o["dis"] + n] = ge, -ge
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
        for nm, v in (("hp", 1.0), ("eb", 1.0), ("gas", 1.0), ("dis", 1.0), ("ch", -1.0), ("u", 1.0), ("net", 1.0)):
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
            if "net" in o:
                terms.append((o["net"] + idx, np.full(n, k)))
        load_terms.append(terms)
        if "s" in o:  # own firm capacity: P − S ≤ F
            r = n_ub + idx
            for col, v in terms:
                put(ub_r, ub_c, ub_v, r, col, v)
            put(ub_r, ub_c, ub_v, r, o["s"] + idx, -1.0)
            b_ub.append(m.firm_kW)
            n_ub += n
    # shared storage dynamics (battery, heat store): E_t = ρ·E_t−1 + Δt·(η_c·ch − dis/η_d), starting empty
    dt = ms[0].inputs.dt_h
    for a, o in zip(bats + heat_ass, aoff):
        if a.is_producer:
            continue
        rho = a.retain_per_h ** dt
        r = n_eq + idx
        put(eq_r, eq_c, eq_v, r, o["E"] + idx, 1.0)
        put(eq_r, eq_c, eq_v, r[1:], o["E"] + idx[:-1], -rho)
        put(eq_r, eq_c, eq_v, r, o["ch"] + idx, -dt * a.eta_charge)
        put(eq_r, eq_c, eq_v, r, o["dis"] + idx, dt / a.eta_discharge)
        b_eq.append(np.zeros(n))
        n_eq += n
    if heat_ass:  # shared heat network: producers + store discharge − store charge = heat sent to members
        r = n_eq + idx
        for a in heat_ass:
            o = aoff_of[a.name]
            if a.is_producer:
                put(eq_r, eq_c, eq_v, r, o["q"] + idx, 1.0)
            else:
                put(eq_r, eq_c, eq_v, r, o["dis"] + idx, 1.0)
                put(eq_r, eq_c, eq_v, r, o["ch"] + idx, -1.0)
        for j in net_to:
            put(eq_r, eq_c, eq_v, r, off[j]["net"] + idx, -1.0 / (1.0 - lam))
        b_eq.append(np.zeros(n))
        n_eq += n
    asset_load = []  # (col, value) of the shared assets' load on the shared capacity
    for a in bats:
        o = aoff_of[a.name]
        asset_load += [(o["ch"] + idx, np.ones(n)), (o["dis"] + idx, -np.ones(n))]
    for a in heat_ass:
        if a.is_producer:
            asset_load.append((aoff_of[a.name]["q"] + idx, np.full(n, a.el_per_heat)))
    r = n_ub + idx  # shared capacity
    shared_terms = []
    for j, o in enumerate(off):
        if "s" in o:
            shared_terms.append((o["s"] + idx, np.ones(n)))
        else:
            shared_terms += load_terms[j]
    for col, v in shared_terms + asset_load:
        put(ub_r, ub_c, ub_v, r, col, v)
    b_ub.append(C)
    n_ub += n
    if bats:  # a battery does not feed the grid: the shared load stays at or above 0
        r = n_ub + idx
        for col, v in shared_terms + asset_load:
            put(ub_r, ub_c, ub_v, r, col, -np.asarray(v))
        b_ub.append(np.zeros(n))
        n_ub += n
    for j in range(len(ms)):  # several sources of outside heat into one member: together at most what it can take
        ext = [lo for _, lo in links_in[j]] + ([off[j]["net"]] if "net" in off[j] else [])
        if len(ext) > 1:
            r = n_ub + idx
            for lo in ext:
                put(ub_r, ub_c, ub_v, r, lo + idx, 1.0)
            top = np.max([lk.share for lk, _ in links_in[j]] + ([phi_net[j]] if j in phi_net else []), axis=0)
            b_ub.append(top * ms[j].inputs.Q_demand_kW)
            n_ub += n
    A_eq = sp.csr_matrix((np.concatenate(eq_v), (np.concatenate(eq_r), np.concatenate(eq_c))), shape=(n_eq, nv))
    A_ub = sp.csr_matrix((np.concatenate(ub_v), (np.concatenate(ub_r), np.concatenate(ub_c))), shape=(n_ub, nv))
    b_ub_all = np.concatenate(b_ub)
    obj = c
    if objective == "co2":
        if cost_cap_EUR is None:
            raise ValueError("objective='co2' needs cost_cap_EUR")
        A_ub = sp.vstack([A_ub, sp.csr_matrix(c.reshape(1, -1))], format="csr")
        b_ub_all = np.concatenate([b_ub_all, [float(cost_cap_EUR)]])
        obj = g + CO2_TIE_BREAK_T_PER_EUR * c
    elif objective != "cost":
        raise ValueError(f"objective={objective!r}; choices: cost, co2")
    t0 = time.perf_counter()
    # HiGHS's default (simplex) for both objectives: its interior-point method solved the two-member example's CO2
    # LP in about half the time but the five-member benchmark's in three times as long (168 s against 55 s)
    method = "highs"
    res = linprog(obj, A_ub=A_ub, b_ub=b_ub_all, A_eq=A_eq, b_eq=np.concatenate(b_eq),
                  bounds=np.column_stack((lb, ub)), method=method,
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
        q_ch, q_dis, E, u, q_net = blk("ch"), blk("dis"), blk("E"), blk("u"), blk("net")
        k = inp.chp_el_per_heat
        P = q_hp / inp.cop_hp + q_eb / inp.eta_eb + k * (q_hp + q_eb + q_dis - q_ch + q_in + q_net)
        P_sh = np.maximum(P - m.firm_kW, 0.0)
        terms, gt = _cost_terms(inp), _co2_terms(m)
        cost = float(np.sum(terms["hp"] * q_hp + terms["eb"] * q_eb + terms["gas"] * q_gas + terms["dis"] * q_dis
                            + terms["ch"] * q_ch + terms["link"] * (q_in + q_net)))
        co2 = float(np.sum(gt["hp"] * q_hp + gt["eb"] * q_eb + gt["gas"] * q_gas + gt["dis"] * q_dis
                           + gt["ch"] * q_ch + gt["link"] * (q_in + q_net)))
        flows.append(MemberFlows(q_hp, q_eb, q_gas, q_ch, q_dis, E, u, q_in, P, P_sh, cost, q_net, co2))
    asset_flows = {}
    for a, o in zip(bats + heat_ass, aoff):
        z = np.zeros(n)

        def ablk(nm, o=o):
            return np.clip(x[o[nm]:o[nm] + n], 0.0, None) if nm in o else np.zeros(n)

        q, ch, dis, E = ablk("q"), ablk("ch"), ablk("dis"), ablk("E")
        if a.kind == "battery":
            P = ch - dis
        elif a.is_producer:
            P = q * a.el_per_heat
        else:
            P = z
        cost = float(np.dot(c[o["q"]:o["q"] + n], q)) if a.is_producer else float(
            np.dot(c[o["ch"]:o["ch"] + n], ch) + np.dot(c[o["dis"]:o["dis"] + n], dis))
        co2 = float(np.dot(g[o["q"]:o["q"] + n], q)) if a.is_producer else float(
            np.dot(g[o["ch"]:o["ch"] + n], ch) + np.dot(g[o["dis"]:o["dis"] + n], dis))
        w = members[a.i_site].inputs.energy_weight * dt / 1000.0
        energy = float(np.sum(q) * w) if a.is_producer else float(np.sum(dis) * w)
        asset_flows[a.name] = AssetFlows(a.name, a.kind, q, ch, dis, E, P, cost, co2, energy)
    penalty = 0.0
    for j, o in enumerate(off):
        if "u" in o:
            penalty += float(np.dot(c[o["u"]:o["u"] + n], x[o["u"]:o["u"] + n]))
    solver = {"status": int(res.status), "message": str(res.message), "objective": objective, "method": method,
              "objective_value": float(res.fun), "lp_cost_EUR": float(np.dot(c, x)), "penalty_EUR": penalty,
              "time_s": elapsed, "n_variables": int(nv), "n_constraints": int(A_eq.shape[0] + A_ub.shape[0]),
              "n_nonzeros": int(A_eq.nnz + A_ub.nnz), "network_T_C": T_net, "network_loss_share": lam}
    return JointDispatch(members=list(which), flows=flows, link_flows=link_flows, capacity_kW=C, solver=solver,
                         asset_flows=asset_flows)


def as_dispatch(m: Member, f: MemberFlows, grid_kW) -> Dispatch:
    """A member's flows as a :class:`~heatcalc.evaluation.hourly.dispatch.Dispatch` of the hourly run
    (heat from links taken off the demand), for :func:`heatcalc.evaluation.hourly.result.summarise`."""
    D = np.maximum(m.inputs.Q_demand_kW - f.Q_link_in_kW - f.Q_shared_in_kW, 0.0)
    inp = m.inputs.with_(Q_demand_kW=D, P_grid_max_kW=np.broadcast_to(np.asarray(grid_kW, dtype=float),
                                                                      (m.inputs.n,)).copy())
    return Dispatch("lp", inp, f.Q_hp_kW, f.Q_eb_kW, f.Q_gas_kW, f.Q_charge_kW, f.Q_discharge_kW, f.Q_unmet_kW,
                    f.E_storage_kWh, m.storage, {})


def balance_residual_kW(m: Member, f: MemberFlows) -> np.ndarray:
    """Heat balance residual of a member per step: supply − demand − charging [kW] (0 up to the solver's
    tolerance)."""
    return (f.Q_hp_kW + f.Q_eb_kW + f.Q_gas_kW + f.Q_discharge_kW + f.Q_unmet_kW + f.Q_link_in_kW
            + f.Q_shared_in_kW - f.Q_charge_kW - m.inputs.Q_demand_kW)


def exceeded_steps(P_shared_kW: np.ndarray, capacity_kW: np.ndarray) -> int:
    """Steps where the load on the shared capacity exceeds it beyond the solver's tolerance."""
    tol = GRID_ATOL_KW + BALANCE_RTOL * np.abs(capacity_kW)
    return int(np.sum(P_shared_kW > capacity_kW + tol))
