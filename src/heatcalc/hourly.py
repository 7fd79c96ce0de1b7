"""Hour-by-hour dispatch of a heat pump, an e-boiler, thermal storage and the gas plant
under the grid capacity a site can really get.

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
   (:mod:`heatcalc.profiles`), prices and taxes from :mod:`heatcalc.tariffs`, and
   turns a dispatch into the annual totals of ``heatcalc hourly``
   (:class:`HourlyResult`).
3. **Sizing** (:func:`max_fit_sizes`, :func:`sweep_hp_size`).

Sign and unit conventions: heat flows ``Q_..._kW`` [kW thermal], electrical loads
``P_..._kW`` [kW], costs per MWh of the carrier named, a step is ``dt_h`` hours.
A gas CHP baseline is handled by ``chp_el_per_heat`` (electric/thermal output
ratio): heat the CHP no longer makes also costs its power, which the site must then
buy — that power counts against the grid capacity, as in
:mod:`heatcalc.technologies`.

See docs/methods.md, section "Hourly dispatch", for the equations.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .errors import InputError

#: Relative tolerance of the energy balances and the grid limit checks [-].
BALANCE_RTOL = 1e-6
#: Absolute tolerance of the grid limit check [kW] (LP solutions are exact only to the solver's tolerance).
GRID_ATOL_KW = 1e-3
#: Storage kinds with defaults in data/storage.csv.
STORAGE_KINDS = ("hot_water_tank", "steam_accumulator")
#: Dispatch methods.
METHODS = ("rule", "greedy", "lp")


# =========================================================================================
# storage
@lru_cache(maxsize=1)
def _storage_table() -> dict[tuple[str, str], float]:
    from .data import read_csv

    df = read_csv("storage.csv")
    return {(r["kind"], r["quantity"]): float(r["value"]) for r in df.to_dict("records")}


def storage_figure(kind: str, quantity: str) -> float:
    """A thermal-storage default from ``data/storage.csv`` (unit as in the file).

    Raises
    ------
    InputError
        For an unknown storage kind.
    """
    if kind not in STORAGE_KINDS:
        raise InputError(f"storage kind={kind!r} is not known; choices: {', '.join(STORAGE_KINDS)}")
    from .errors import TariffDataError

    try:
        return _storage_table()[(kind, quantity)]
    except KeyError:
        raise TariffDataError(f"{quantity!r} for {kind} missing in data/storage.csv") from None


@dataclass
class Storage:
    """Thermal storage: hot-water tank or steam accumulator.

    Heat balance per step (``E`` stored heat [kWh])::

        E[t] = (1 - loss_share_per_h)**dt_h * E[t-1]
               + dt_h * (eta_charge * Q_charge[t] - Q_discharge[t] / eta_discharge)

    Attributes
    ----------
    capacity_kWh : float
        Usable heat content [kWh].
    Q_charge_max_kW : float
        Largest charging heat flow [kW]; ``inf``: limited by the units charging it.
    Q_discharge_max_kW : float
        Largest discharging heat flow [kW]; ``inf``: limited by the demand.
    eta_charge, eta_discharge : float
        Charging and discharging efficiency [-].
    loss_share_per_h : float
        Standing loss, share of the content lost per hour [1/h].
    soc_start : float
        Content at the start as a share of the capacity [-]; the LP ends the period
        with at least this content (no free energy from the tank).
    kind : str
        ``hot_water_tank`` or ``steam_accumulator`` (for the defaults and cost).
    """

    capacity_kWh: float
    Q_charge_max_kW: float = math.inf
    Q_discharge_max_kW: float = math.inf
    eta_charge: float = 1.0
    eta_discharge: float = 1.0
    loss_share_per_h: float = 0.0
    soc_start: float = 0.0
    kind: str = "hot_water_tank"

    def __post_init__(self):
        checks = (
            ("capacity_kWh", self.capacity_kWh, "kWh", 0.0, 1e9),
            ("Q_charge_max_kW", self.Q_charge_max_kW, "kW", 0.0, math.inf),
            ("Q_discharge_max_kW", self.Q_discharge_max_kW, "kW", 0.0, math.inf),
            ("eta_charge", self.eta_charge, "-", 1e-6, 1.0),
            ("eta_discharge", self.eta_discharge, "-", 1e-6, 1.0),
            ("loss_share_per_h", self.loss_share_per_h, "1/h", 0.0, 1.0),
            ("soc_start", self.soc_start, "-", 0.0, 1.0),
        )
        for name, v, unit, lo, hi in checks:
            if not (isinstance(v, (int, float)) and not math.isnan(v) and lo <= v <= hi):
                u = f" {unit}" if unit != "-" else ""
                raise InputError(f"storage {name}={v}{u} is out of range: valid is {lo:g} to {hi:g}{u}")

    @classmethod
    def default(cls, capacity_kWh: float, *, kind: str = "hot_water_tank", Q_max_kW: float | None = None,
                soc_start: float = 0.0) -> "Storage":
        """Storage with efficiencies and losses from ``data/storage.csv``.

        Parameters
        ----------
        capacity_kWh : float
            Usable heat content [kWh].
        kind : {"hot_water_tank", "steam_accumulator"}
        Q_max_kW : float, optional
            Charge and discharge limit [kW]; default not limiting.
        soc_start : float
            Start content as a share of the capacity [-].
        """
        q = math.inf if Q_max_kW is None else float(Q_max_kW)
        return cls(capacity_kWh=float(capacity_kWh), Q_charge_max_kW=q, Q_discharge_max_kW=q,
                   eta_charge=storage_figure(kind, "eta_charge"),
                   eta_discharge=storage_figure(kind, "eta_discharge"),
                   loss_share_per_h=storage_figure(kind, "loss_share_per_h"), soc_start=soc_start, kind=kind)

    def retain(self, dt_h: float) -> float:
        """Share of the content kept over one step of ``dt_h`` hours [-]."""
        return (1.0 - self.loss_share_per_h) ** dt_h

    @property
    def E_start_kWh(self) -> float:
        """Content at the start [kWh]."""
        return self.soc_start * self.capacity_kWh


def _figure(quantity: str) -> float:
    """:func:`heatcalc.technologies.figure` (imported when first needed)."""
    from .technologies import figure

    return figure(quantity)


# =========================================================================================
# dispatch core
@dataclass
class DispatchInputs:
    """Everything the dispatchers need, as arrays over the time steps.

    Attributes
    ----------
    dt_h : float
        Step length [h].
    Q_demand_kW : ndarray
        Heat demand [kW].
    Q_hp_max_kW : ndarray
        Heat the heat pump can deliver in the step (rated output × capacity ratio at
        the step's temperatures, source limit) [kW]; zeros without a heat pump.
    cop_hp : ndarray
        Heat pump COP in the step [-] (any positive value where ``Q_hp_max_kW`` is 0).
    P_grid_max_kW : ndarray
        Grid capacity available to the new load [kW]; ``inf`` where unlimited.
    c_el_EUR_per_MWh : ndarray
        Marginal cost of electricity: day-ahead price + energy tax + network kWh
        charge [EUR/MWh].
    c_fuel_heat_EUR_per_MWh : ndarray or float
        Marginal cost of a MWh of heat from the gas plant: (gas price + energy tax
        + CO2 cost per MWh HHV) × HHV/LHV / eta_baseline [EUR/MWh heat]; any CHP
        power is counted separately through ``chp_el_per_heat``.
    Q_eb_max_kW : float
        E-boiler heat output [kW]; 0 without one.
    eta_eb : float
        E-boiler efficiency [-]; default ``e_boiler_efficiency`` of
        ``data/process_figures.csv``.
    Q_gas_max_kW : float
        Gas plant heat output [kW]; ``inf`` (default): the existing plant covers the
        whole demand.
    chp_el_per_heat : float
        Power a gas CHP makes per unit of heat [kW_el/kW_th]; 0 for a boiler.
    vom_hp_EUR_per_MWh, vom_eb_EUR_per_MWh : float
        Variable O&M per MWh of heat [EUR/MWh].
    c_peak_EUR_per_kW_month : float
        Network charge per kW of each month's peak (LP only) [EUR/kW/month].
    c_contract_EUR_per_kW_yr : float
        Network charge per contracted kW, taken as the period's peak (LP only)
        [EUR/kW/yr].
    month : ndarray of int, optional
        Month (1-12) of each step, for the monthly peaks.
    energy_weight : float
        Weight of each step's energy in annual totals and costs [-]: 1, or
        ``operating_hours_per_yr / hours`` when a constant demand stands for the
        full-load hours.
    """

    dt_h: float
    Q_demand_kW: np.ndarray
    Q_hp_max_kW: np.ndarray
    cop_hp: np.ndarray
    P_grid_max_kW: np.ndarray
    c_el_EUR_per_MWh: np.ndarray
    c_fuel_heat_EUR_per_MWh: np.ndarray | float
    Q_eb_max_kW: float = 0.0
    eta_eb: float = field(default_factory=lambda: _figure("e_boiler_efficiency"))
    Q_gas_max_kW: float = math.inf
    chp_el_per_heat: float = 0.0
    vom_hp_EUR_per_MWh: float = 0.0
    vom_eb_EUR_per_MWh: float = 0.0
    c_peak_EUR_per_kW_month: float = 0.0
    c_contract_EUR_per_kW_yr: float = 0.0
    month: np.ndarray | None = None
    energy_weight: float = 1.0

    def __post_init__(self):
        n = len(np.atleast_1d(self.Q_demand_kW))
        self.Q_demand_kW = _arr("Q_demand_kW", self.Q_demand_kW, n, 0.0, math.inf, "kW")
        self.Q_hp_max_kW = _arr("Q_hp_max_kW", self.Q_hp_max_kW, n, 0.0, math.inf, "kW")
        self.cop_hp = _arr("cop_hp", self.cop_hp, n, 1e-9, math.inf, "-")
        self.P_grid_max_kW = _arr("P_grid_max_kW", self.P_grid_max_kW, n, 0.0, math.inf, "kW", allow_inf=True)
        self.c_el_EUR_per_MWh = _arr("c_el_EUR_per_MWh", self.c_el_EUR_per_MWh, n, -math.inf, math.inf, "EUR/MWh")
        self.c_fuel_heat_EUR_per_MWh = _arr("c_fuel_heat_EUR_per_MWh", self.c_fuel_heat_EUR_per_MWh, n,
                                            -math.inf, math.inf, "EUR/MWh")
        for name, v, lo, hi in (("dt_h", self.dt_h, 1e-6, 24.0), ("Q_eb_max_kW", self.Q_eb_max_kW, 0.0, math.inf),
                                ("eta_eb", self.eta_eb, 1e-6, 1.0), ("chp_el_per_heat", self.chp_el_per_heat, 0.0, 10.0),
                                ("energy_weight", self.energy_weight, 0.0, 1e4)):
            if not (lo <= v <= hi) or (math.isinf(v) and name != "Q_eb_max_kW"):
                raise InputError(f"{name}={v} is out of range: valid is {lo:g} to {hi:g}")
        if not (self.Q_gas_max_kW >= 0):
            raise InputError(f"Q_gas_max_kW={self.Q_gas_max_kW} kW is out of range: valid is 0 kW or more")
        if self.month is None:
            self.month = np.ones(n, dtype=int)
        self.month = np.asarray(self.month, dtype=int)

    @property
    def n(self) -> int:
        """Number of time steps."""
        return len(self.Q_demand_kW)

    @property
    def c_gas_heat_EUR_per_MWh(self) -> np.ndarray:
        """Net marginal cost of gas heat incl. the value of CHP power it makes [EUR/MWh heat]."""
        return self.c_fuel_heat_EUR_per_MWh - self.chp_el_per_heat * self.c_el_EUR_per_MWh

    @property
    def break_even_price_el_EUR_per_MWh(self) -> np.ndarray:
        """Marginal electricity cost below which e-boiler heat is cheaper than gas heat
        [EUR/MWh]: c_el · (1/eta_eb + k) + vom_eb = c_fuel_heat ⇒ c_el = (c_fuel_heat − vom_eb) / (1/eta_eb + k)."""
        return (self.c_fuel_heat_EUR_per_MWh - self.vom_eb_EUR_per_MWh) / (1.0 / self.eta_eb + self.chp_el_per_heat)

    def with_(self, **changes) -> "DispatchInputs":
        """A copy with some attributes changed."""
        import dataclasses

        return dataclasses.replace(self, **changes)


def _arr(name, v, n, lo, hi, unit, allow_inf=False) -> np.ndarray:
    a = np.asarray(v, dtype=float)
    a = np.full(n, float(a)) if a.ndim == 0 else a.astype(float, copy=False)
    if a.shape != (n,):
        raise InputError(f"{name} has {a.size} values; expected {n} (one per time step)")
    bad = np.isnan(a) | (np.isinf(a) & (not allow_inf)) | (a < lo) | (a > hi)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        u = f" {unit}" if unit != "-" else ""
        raise InputError(f"{name}={a[i]:g}{u} at step {i} is out of range: valid is {lo:g} to {hi:g}{u}")
    return a


@dataclass
class Dispatch:
    """Result of one dispatch: heat flows per step and annual totals.

    Attributes
    ----------
    method : str
        ``rule``, ``greedy`` or ``lp``.
    inputs : DispatchInputs
    Q_hp_kW, Q_eb_kW, Q_gas_kW, Q_charge_kW, Q_discharge_kW, Q_unmet_kW : ndarray
        Heat per step [kW] (charge: into the storage; discharge: out of it).
    E_storage_kWh : ndarray
        Stored heat at the end of each step [kWh].
    storage : Storage or None
    solver : dict
        Solver status and timing (LP).
    """

    method: str
    inputs: DispatchInputs
    Q_hp_kW: np.ndarray
    Q_eb_kW: np.ndarray
    Q_gas_kW: np.ndarray
    Q_charge_kW: np.ndarray
    Q_discharge_kW: np.ndarray
    Q_unmet_kW: np.ndarray
    E_storage_kWh: np.ndarray
    storage: Storage | None = None
    solver: dict = field(default_factory=dict)

    # ---- loads ----
    @property
    def P_hp_kW(self) -> np.ndarray:
        """Heat pump electrical input [kW]."""
        return self.Q_hp_kW / self.inputs.cop_hp

    @property
    def P_eb_kW(self) -> np.ndarray:
        """E-boiler electrical input [kW]."""
        return self.Q_eb_kW / self.inputs.eta_eb

    @property
    def P_chp_lost_kW(self) -> np.ndarray:
        """CHP power no longer made because the CHP makes less heat [kW] (0 for a boiler;
        negative when the CHP makes extra heat to charge the storage)."""
        inp = self.inputs
        return inp.chp_el_per_heat * (inp.Q_demand_kW - self.Q_gas_kW - self.Q_unmet_kW)

    @property
    def P_el_kW(self) -> np.ndarray:
        """Extra load on the grid connection: heat pump + e-boiler + lost CHP power [kW]."""
        return self.P_hp_kW + self.P_eb_kW + self.P_chp_lost_kW

    @property
    def grid_headroom_kW(self) -> np.ndarray:
        """Grid capacity minus the extra load [kW] (``inf`` where unlimited)."""
        return self.inputs.P_grid_max_kW - self.P_el_kW

    @property
    def grid_limit_exceeded_steps(self) -> int:
        """Steps where the extra load exceeds the grid capacity (beyond tolerance)."""
        g = self.inputs.P_grid_max_kW
        tol = GRID_ATOL_KW + BALANCE_RTOL * np.where(np.isfinite(g), g, 0.0)
        return int(np.sum(self.P_el_kW > g + tol))

    def balance_residual_kW(self) -> np.ndarray:
        """Heat balance residual per step: supply − demand − charging [kW] (0 up to rounding)."""
        return (self.Q_hp_kW + self.Q_eb_kW + self.Q_gas_kW + self.Q_discharge_kW + self.Q_unmet_kW
                - self.Q_charge_kW - self.inputs.Q_demand_kW)

    def storage_residual_kWh(self) -> np.ndarray:
        """Storage balance residual per step [kWh] (0 up to rounding; empty without storage)."""
        st = self.storage
        if st is None or st.capacity_kWh <= 0:
            return np.zeros(0)
        dt = self.inputs.dt_h
        prev = np.concatenate(([st.E_start_kWh], self.E_storage_kWh[:-1]))
        return self.E_storage_kWh - (st.retain(dt) * prev + dt * (st.eta_charge * self.Q_charge_kW
                                                                   - self.Q_discharge_kW / st.eta_discharge))

    # ---- money (marginal-cost view used by the dispatchers) ----
    def cost_steps_EUR(self) -> np.ndarray:
        """Variable cost per step at the marginal rates (weighted) [EUR]."""
        inp = self.inputs
        w = inp.energy_weight * inp.dt_h / 1000.0
        el = inp.c_el_EUR_per_MWh * (self.P_hp_kW + self.P_eb_kW + self.P_chp_lost_kW)
        gas = inp.c_fuel_heat_EUR_per_MWh * self.Q_gas_kW
        om = inp.vom_hp_EUR_per_MWh * self.Q_hp_kW + inp.vom_eb_EUR_per_MWh * self.Q_eb_kW
        return w * (el + gas + om + self.unmet_penalty_EUR_per_MWh() * self.Q_unmet_kW)

    def unmet_penalty_EUR_per_MWh(self) -> float:
        """Penalty on unmet heat in the LP objective [EUR/MWh]: ten times the dearest heat there is."""
        return _unmet_penalty(self.inputs)

    def peak_cost_EUR(self) -> float:
        """Network capacity charges at the LP rates: monthly peaks and the period's peak [EUR]."""
        inp = self.inputs
        P = self.P_el_kW
        months = np.unique(inp.month)
        monthly = sum(float(P[inp.month == m].max(initial=0.0)) for m in months)
        return inp.c_peak_EUR_per_kW_month * monthly + inp.c_contract_EUR_per_kW_yr * float(P.max(initial=0.0))

    def objective_EUR(self) -> float:
        """The cost the LP minimises: variable cost + network capacity charges [EUR]."""
        return float(self.cost_steps_EUR().sum()) + self.peak_cost_EUR()


def _unmet_penalty(inp: DispatchInputs) -> float:
    dearest = (np.max(np.abs(inp.c_el_EUR_per_MWh)) * (1.0 / min(inp.eta_eb, 1.0) + inp.chp_el_per_heat)
               + np.max(np.abs(inp.c_fuel_heat_EUR_per_MWh)) + inp.vom_eb_EUR_per_MWh + inp.vom_hp_EUR_per_MWh)
    return 10.0 * float(dearest) + 1.0


def _electric_intensity(inp: DispatchInputs) -> tuple[np.ndarray, float]:
    """Grid load per kW of heat served to demand: heat pump (1/COP + k), e-boiler (1/eta + k)."""
    k = inp.chp_el_per_heat
    return 1.0 / inp.cop_hp + k, 1.0 / inp.eta_eb + k


def _finish(method, inp, q_hp, q_eb, q_gas_wanted, q_ch, q_dis, E, storage, solver=None) -> Dispatch:
    """Apply the gas plant's limit (unmet heat) and build the Dispatch."""
    q_gas = np.minimum(q_gas_wanted, inp.Q_gas_max_kW)
    unmet = np.maximum(q_gas_wanted - q_gas, 0.0)
    return Dispatch(method, inp, q_hp, q_eb, q_gas, q_ch, q_dis, unmet, E, storage, solver or {})


def dispatch_rule(inp: DispatchInputs, *, hp_on_price: bool = False) -> Dispatch:
    """Rule-based dispatch without storage (vectorised).

    Per step: heat pump first, up to its available output and the grid capacity;
    then the e-boiler when electricity is at or below the break-even price and grid
    room is left; gas for the rest (heat above the gas plant's limit is unmet).

    Parameters
    ----------
    inp : DispatchInputs
    hp_on_price : bool
        Also switch the heat pump off in steps where its heat costs more than gas
        heat (price spikes); default ``False`` — the heat pump runs first always.

    Returns
    -------
    Dispatch

    Examples
    --------
    A 60 kW heat pump at COP 3 behind a 15 kW grid limit covers 45 kW of a 100 kW demand:

    >>> inp = DispatchInputs(dt_h=1.0, Q_demand_kW=[100.0], Q_hp_max_kW=[60.0], cop_hp=[3.0],
    ...                      P_grid_max_kW=[15.0], c_el_EUR_per_MWh=[50.0], c_fuel_heat_EUR_per_MWh=80.0)
    >>> d = dispatch_rule(inp)
    >>> float(d.Q_hp_kW[0]), float(d.Q_gas_kW[0]), float(d.P_el_kW[0])
    (45.0, 55.0, 15.0)
    """
    D, G = inp.Q_demand_kW, inp.P_grid_max_kW
    a_hp, a_eb = _electric_intensity(inp)
    q_hp = np.minimum(D, inp.Q_hp_max_kW)
    q_hp = np.minimum(q_hp, np.where(np.isinf(G), np.inf, G / a_hp))
    if hp_on_price:
        hp_cost = inp.c_el_EUR_per_MWh / inp.cop_hp + inp.vom_hp_EUR_per_MWh
        q_hp = np.where(hp_cost <= inp.c_gas_heat_EUR_per_MWh, q_hp, 0.0)
    room = np.where(np.isinf(G), np.inf, np.maximum(G - a_hp * q_hp, 0.0))
    q_eb = np.zeros_like(D)
    if inp.Q_eb_max_kW > 0:
        cheap = inp.c_el_EUR_per_MWh <= inp.break_even_price_el_EUR_per_MWh
        q_eb = np.where(cheap, np.minimum(np.minimum(D - q_hp, inp.Q_eb_max_kW), room / a_eb), 0.0)
        q_eb = np.maximum(q_eb, 0.0)
    q_gas = np.maximum(D - q_hp - q_eb, 0.0)
    z = np.zeros_like(D)
    return _finish("rule", inp, q_hp, q_eb, q_gas, z, z, z.copy(), None)


def dispatch_greedy(inp: DispatchInputs, storage: Storage | None, *, hp_on_price: bool = False) -> Dispatch:
    """Rule-based dispatch with thermal storage (one pass in time, no look-ahead
    beyond the day).

    Per step, after the heat pump and (if cheap) the e-boiler have served the demand
    as in :func:`dispatch_rule`:

    * **discharge** the storage into the remaining demand (it holds heat made from
      electricity cheaper than gas heat), within its power and the grid room a CHP
      baseline needs;
    * **charge** with spare heat-pump output, and with the e-boiler in the step's
      cheap hours, within the grid room, the charging power and the free volume.
      A step is cheap when electricity is below the break-even price reduced by the
      round-trip efficiency **and** among the cheapest hours of its day (as many
      as it takes the e-boiler to fill the storage) — day-ahead prices are known a
      day ahead. Negative prices always charge.

    Parameters
    ----------
    inp : DispatchInputs
    storage : Storage or None
        ``None`` or zero capacity: same as :func:`dispatch_rule`.
    hp_on_price : bool
        As in :func:`dispatch_rule`.

    Returns
    -------
    Dispatch
    """
    base = dispatch_rule(inp, hp_on_price=hp_on_price)
    if storage is None or storage.capacity_kWh <= 0:
        return Dispatch("greedy", inp, base.Q_hp_kW, base.Q_eb_kW, base.Q_gas_kW, base.Q_charge_kW,
                        base.Q_discharge_kW, base.Q_unmet_kW, base.E_storage_kWh, storage, {})
    n, dt = inp.n, inp.dt_h
    D, G = inp.Q_demand_kW, inp.P_grid_max_kW
    a_hp, a_eb = _electric_intensity(inp)
    k = inp.chp_el_per_heat
    cop = inp.cop_hp
    rt = storage.eta_charge * storage.eta_discharge
    c_el = inp.c_el_EUR_per_MWh
    c_gas = inp.c_gas_heat_EUR_per_MWh
    hp_heat_cost = c_el / cop + inp.vom_hp_EUR_per_MWh
    eb_heat_cost = c_el / inp.eta_eb + inp.vom_eb_EUR_per_MWh
    # cheap-hour mask for charging with the e-boiler: below break-even after losses and in the day's cheapest hours
    hp_charge_ok = hp_heat_cost <= c_gas * rt
    eb_charge_ok = (eb_heat_cost <= c_gas * rt) & _cheapest_of_day(c_el, inp, storage)
    eb_charge_ok |= c_el < 0
    retain = storage.retain(dt)
    E_max = storage.capacity_kWh
    q_hp = base.Q_hp_kW.copy()
    q_eb = base.Q_eb_kW.copy()
    q_ch = np.zeros(n)
    q_dis = np.zeros(n)
    E_out = np.zeros(n)
    E = storage.E_start_kWh
    Qhp_max, Qeb_max = inp.Q_hp_max_kW, inp.Q_eb_max_kW
    P_ch_max, P_dis_max = storage.Q_charge_max_kW, storage.Q_discharge_max_kW
    eta_c, eta_d = storage.eta_charge, storage.eta_discharge
    # python loop over steps with scalars (fast enough: ~10 µs per step)
    D_l, G_l = D.tolist(), G.tolist()
    ahp_l, cop_l = a_hp.tolist(), cop.tolist()
    qhp_l, qeb_l = q_hp.tolist(), q_eb.tolist()
    hmax_l = Qhp_max.tolist()
    hpok_l, ebok_l = hp_charge_ok.tolist(), eb_charge_ok.tolist()
    dis_ok_l = (eb_heat_cost > c_gas).tolist()  # keep stored heat while the e-boiler itself is cheap
    for t in range(n):
        E *= retain
        d, g = D_l[t], G_l[t]
        qh, qe = qhp_l[t], qeb_l[t]
        room = g - ahp_l[t] * qh - a_eb * qe if g != math.inf else math.inf
        rem = d - qh - qe
        dis = 0.0
        if rem > 0.0 and E > 0.0 and dis_ok_l[t]:
            dis = min(rem, P_dis_max, E * eta_d / dt)
            if k > 0.0:
                dis = min(dis, max(room, 0.0) / k)
            E -= dis * dt / eta_d
            rem -= dis
            room -= k * dis
        ch = 0.0
        space = (E_max - E) / (eta_c * dt)
        if space > 0.0 and room > 0.0 and dis == 0.0:
            if hpok_l[t]:
                extra = min(hmax_l[t] - qh, room * cop_l[t], P_ch_max - ch, space - ch)
                if extra > 0.0:
                    qh += extra
                    ch += extra
                    room -= extra / cop_l[t]
            if ebok_l[t] and Qeb_max > 0.0 and room > 0.0:
                extra = min(Qeb_max - qe, room * inp.eta_eb, P_ch_max - ch, space - ch)
                if extra > 0.0:
                    qe += extra
                    ch += extra
                    room -= extra / inp.eta_eb
            E += ch * eta_c * dt
        E = min(max(E, 0.0), E_max)
        qhp_l[t], qeb_l[t] = qh, qe
        q_ch[t], q_dis[t], E_out[t] = ch, dis, E
    q_hp, q_eb = np.asarray(qhp_l), np.asarray(qeb_l)
    q_gas = np.maximum(D + q_ch - q_hp - q_eb - q_dis, 0.0)
    return _finish("greedy", inp, q_hp, q_eb, q_gas, q_ch, q_dis, E_out, storage)


def _cheapest_of_day(c_el: np.ndarray, inp: DispatchInputs, storage: Storage) -> np.ndarray:
    """Mask of the steps among the cheapest of their day, as many as it takes to fill
    the storage with the e-boiler (or heat pump) at full output."""
    n, dt = inp.n, inp.dt_h
    fill_kW = min(max(inp.Q_eb_max_kW, float(np.max(inp.Q_hp_max_kW, initial=0.0))), storage.Q_charge_max_kW)
    if fill_kW <= 0:
        return np.zeros(n, dtype=bool)
    steps_per_day = max(int(round(24.0 / dt)), 1)
    k = int(math.ceil(storage.capacity_kWh / (storage.eta_charge * fill_kW * dt)))
    k = min(max(k, 1), steps_per_day)
    pad = (-n) % steps_per_day
    c = np.concatenate((c_el, np.full(pad, np.inf))).reshape(-1, steps_per_day)
    rank = np.argsort(np.argsort(c, axis=1, kind="stable"), axis=1, kind="stable")
    return (rank < k).reshape(-1)[:n]


def dispatch_lp(inp: DispatchInputs, storage: Storage | None = None, *, peak_charges: bool = True,
                time_limit_s: float = 60.0) -> Dispatch:
    """Cost-optimal dispatch by linear programming (HiGHS).

    Minimises Σ_t w·[c_el·(Q_hp/COP + Q_eb/η + k·(D − Q_gas − U)) + c_fuel·Q_gas
    + vom·Q + M·U] + c_peak·Σ_m P̂_m + c_contract·P̂ subject to, every step t:
    heat balance Q_hp + Q_eb + Q_gas + Q_dis − Q_ch + U = D; grid
    Q_hp/COP + Q_eb/η + k·(D − Q_gas − U) ≤ G; storage
    E_t = ρ·E_{t−1} + Δt·(η_c·Q_ch − Q_dis/η_d), 0 ≤ E ≤ E_max, E_T ≥ E_0; bounds
    0 ≤ Q_hp ≤ Q_hp,max, 0 ≤ Q_eb ≤ Q_eb,max, 0 ≤ Q_gas ≤ min(Q_gas,max, max_t D); peaks
    P̂_m ≥ P_t for t in month m, P̂ ≥ P̂_m (w = energy weight·Δt/1000).

    Parameters
    ----------
    inp : DispatchInputs
    storage : Storage, optional
    peak_charges : bool
        Include the network's monthly-peak and contract charges in the objective
        (only when their rates in ``inp`` are non-zero).
    time_limit_s : float
        Solver time limit [s].

    Returns
    -------
    Dispatch
        ``solver`` holds ``status``, ``message``, ``objective_EUR``, ``time_s``,
        ``n_variables``, ``n_constraints``.

    Raises
    ------
    RuntimeError
        If HiGHS does not find the optimum (the problem is always feasible, so this
        is a fault).
    """
    import time

    import scipy.sparse as sp
    from scipy.optimize import linprog

    n, dt = inp.n, inp.dt_h
    D, G = inp.Q_demand_kW, inp.P_grid_max_kW
    k = inp.chp_el_per_heat
    w = inp.energy_weight * dt / 1000.0
    c_el = inp.c_el_EUR_per_MWh
    use_eb = inp.Q_eb_max_kW > 0
    use_st = storage is not None and storage.capacity_kWh > 0
    use_unmet = math.isfinite(inp.Q_gas_max_kW)
    use_peak = peak_charges and (inp.c_peak_EUR_per_kW_month > 0 or inp.c_contract_EUR_per_kW_yr > 0)
    months = np.unique(inp.month) if use_peak else np.zeros(0, dtype=int)
    # variable blocks
    names = ["hp"] + (["eb"] if use_eb else []) + ["gas"] + (["ch", "dis", "E"] if use_st else []) \
        + (["u"] if use_unmet else [])
    off = {nm: i * n for i, nm in enumerate(names)}
    nv = len(names) * n
    i_pm = nv
    nv += len(months)
    i_py = nv
    if use_peak:
        nv += 1
    # objective
    c = np.zeros(nv)
    c[off["hp"]:off["hp"] + n] = w * (c_el / inp.cop_hp + inp.vom_hp_EUR_per_MWh + k * c_el)
    if use_eb:
        c[off["eb"]:off["eb"] + n] = w * (c_el / inp.eta_eb + inp.vom_eb_EUR_per_MWh + k * c_el)
    # k·c_el·(D − gas − u) = k·c_el·(hp + eb + dis − ch): written on the supply side
    c[off["gas"]:off["gas"] + n] = w * inp.c_fuel_heat_EUR_per_MWh
    penalty = _unmet_penalty(inp)
    if use_unmet:
        c[off["u"]:off["u"] + n] = w * penalty
    if use_st:
        c[off["dis"]:off["dis"] + n] = w * k * c_el
        c[off["ch"]:off["ch"] + n] = -w * k * c_el
    if use_peak:
        c[i_pm:i_pm + len(months)] = inp.c_peak_EUR_per_kW_month
        c[i_py] = inp.c_contract_EUR_per_kW_yr
    # bounds
    lb = np.zeros(nv)
    ub = np.full(nv, np.inf)
    ub[off["hp"]:off["hp"] + n] = inp.Q_hp_max_kW
    if use_eb:
        ub[off["eb"]:off["eb"] + n] = inp.Q_eb_max_kW
    # an unlimited gas plant is the existing one, sized for the peak demand: this also bounds the heat a CHP
    # could run through the storage to make power
    ub[off["gas"]:off["gas"] + n] = min(inp.Q_gas_max_kW, float(np.max(D, initial=0.0)))
    if use_unmet:
        ub[off["u"]:off["u"] + n] = D
    if use_st:
        ub[off["ch"]:off["ch"] + n] = storage.Q_charge_max_kW
        ub[off["dis"]:off["dis"] + n] = storage.Q_discharge_max_kW
        ub[off["E"]:off["E"] + n] = storage.capacity_kWh
        lb[off["E"] + n - 1] = storage.E_start_kWh
    idx = np.arange(n)
    # equality rows: balance (n) [+ storage (n)]
    rows, cols, vals = [], [], []

    def put(r, blk, v):
        rows.append(r)
        cols.append(off[blk] + idx)
        vals.append(np.broadcast_to(np.asarray(v, dtype=float), (n,)))

    put(idx, "hp", 1.0)
    if use_eb:
        put(idx, "eb", 1.0)
    put(idx, "gas", 1.0)
    if use_st:
        put(idx, "dis", 1.0)
        put(idx, "ch", -1.0)
    if use_unmet:
        put(idx, "u", 1.0)
    b_eq = [D]
    n_eq = n
    if use_st:
        rho = storage.retain(dt)
        put(n + idx, "E", 1.0)
        rows.append(n + idx[1:])
        cols.append(off["E"] + idx[:-1])
        vals.append(np.full(n - 1, -rho))
        put(n + idx, "ch", -dt * storage.eta_charge)
        put(n + idx, "dis", dt / storage.eta_discharge)
        b_st = np.zeros(n)
        b_st[0] = rho * storage.E_start_kWh
        b_eq.append(b_st)
        n_eq += n
    A_eq = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n_eq, nv))
    b_eq = np.concatenate(b_eq)
    # inequality rows: grid (finite G only) and peaks. Load P = hp/COP + eb/eta + k(hp + eb + dis − ch).
    a_hp, a_eb = _electric_intensity(inp)
    ub_blocks = []
    b_ub = []

    def load_rows(sel: np.ndarray, start_row: int):
        m = len(sel)
        r = start_row + np.arange(m)
        R, C, V = [r], [off["hp"] + sel], [a_hp[sel]]
        if use_eb:
            R.append(r), C.append(off["eb"] + sel), V.append(np.full(m, a_eb))
        if use_st and k > 0:
            R.append(r), C.append(off["dis"] + sel), V.append(np.full(m, k))
            R.append(r), C.append(off["ch"] + sel), V.append(np.full(m, -k))
        return R, C, V

    nr = 0
    sel = np.flatnonzero(np.isfinite(G))
    if len(sel):
        R, C, V = load_rows(sel, nr)
        ub_blocks.append((R, C, V))
        b_ub.append(G[sel])
        nr += len(sel)
    if use_peak:
        R, C, V = load_rows(idx, nr)
        m_of = np.searchsorted(months, inp.month)
        R.append(nr + idx), C.append(i_pm + m_of), V.append(np.full(n, -1.0))
        ub_blocks.append((R, C, V))
        b_ub.append(np.zeros(n))
        nr += n
        r = nr + np.arange(len(months))
        ub_blocks.append(([r, r], [i_pm + np.arange(len(months)), np.full(len(months), i_py)],
                          [np.ones(len(months)), -np.ones(len(months))]))
        b_ub.append(np.zeros(len(months)))
        nr += len(months)
    if nr:
        R = np.concatenate([np.concatenate(b[0]) for b in ub_blocks])
        C = np.concatenate([np.concatenate(b[1]) for b in ub_blocks])
        V = np.concatenate([np.concatenate(b[2]) for b in ub_blocks])
        A_ub = sp.csr_matrix((V, (R, C)), shape=(nr, nv))
        b_ub = np.concatenate(b_ub)
    else:
        A_ub, b_ub = None, None
    t0 = time.perf_counter()
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=np.column_stack((lb, ub)),
                  method="highs", options={"time_limit": time_limit_s, "presolve": True})
    elapsed = time.perf_counter() - t0
    if res.status != 0 or res.x is None:
        raise RuntimeError(f"LP dispatch failed: {res.message} (status {res.status})")
    x = res.x

    def blk(nm):
        return np.clip(x[off[nm]:off[nm] + n], 0.0, None) if nm in off else np.zeros(n)

    q_hp = np.minimum(blk("hp"), inp.Q_hp_max_kW)
    q_eb = np.minimum(blk("eb"), inp.Q_eb_max_kW)
    q_ch, q_dis = blk("ch"), blk("dis")
    E = blk("E")
    u = blk("u")
    q_gas = np.minimum(blk("gas"), inp.Q_gas_max_kW)
    solver = {"status": res.status, "message": res.message, "objective_EUR": float(res.fun),
              "time_s": elapsed, "n_variables": nv, "n_constraints": n_eq + nr}
    return Dispatch("lp", inp, q_hp, q_eb, q_gas, q_ch, q_dis, u, E, storage if use_st else storage, solver)


# =========================================================================================
# case layer
#: Options that make heat with a heat pump, in order of preference for the hourly run.
HP_OPTIONS = ("heat_pump", "steam_hp", "mvr")
#: Options that bring an e-boiler.
EB_OPTIONS = ("e_boiler", "hybrid_boiler")


@dataclass
class HourlyContext:
    """A case prepared for dispatch: arrays, rates and the pieces the money needs.

    Built by :func:`prepare`; reused by :func:`run`, :func:`max_fit_sizes` and
    :func:`sweep_hp_size` so that the heat-pump design, the COP map and the tariff
    look-ups are done once.

    Attributes
    ----------
    case : Case
    profiles : Profiles
        With every column filled (constant columns at the case value).
    inputs : DispatchInputs
        For the heat pump at its rated size ``Q_hp_nom_kW``.
    Q_hp_nom_kW : float
        Rated heat-pump output [kW] (0: no heat pump).
    hp_option : str or None
        ``heat_pump``, ``steam_hp`` or ``mvr``.
    cap_ratio : ndarray
        Available heat-pump output per rated kW at each step's temperatures [-].
    hp_source_limit_kW : ndarray
        Heat-pump output the waste-heat source allows at each step's COP [kW] (``inf``: unlimited).
    ef_grid_kgCO2_per_kWh : ndarray
        Grid CO2 factor per step [kg/kWh].
    money : dict
        Rates and site figures for the annual money (see :func:`annual_money`).
    warnings : list of str
    """

    case: object
    profiles: object
    inputs: DispatchInputs
    Q_hp_nom_kW: float
    hp_option: str | None
    cap_ratio: np.ndarray
    hp_source_limit_kW: np.ndarray
    ef_grid_kgCO2_per_kWh: np.ndarray
    money: dict
    storage_kind: str = "hot_water_tank"
    warnings: list[str] = field(default_factory=list)
    hp_model: str = ""

    def inputs_for(self, *, hp_kW: float | None = None, eb_kW: float | None = None,
                   grid_kW: np.ndarray | float | None = None) -> DispatchInputs:
        """Dispatch inputs with another heat-pump size, e-boiler size or grid capacity."""
        changes = {}
        if hp_kW is not None:
            changes["Q_hp_max_kW"] = np.minimum(hp_kW * self.cap_ratio, self.hp_source_limit_kW)
        if eb_kW is not None:
            changes["Q_eb_max_kW"] = float(eb_kW)
        if grid_kW is not None:
            changes["P_grid_max_kW"] = np.broadcast_to(np.asarray(grid_kW, dtype=float), (self.inputs.n,)).copy()
        return self.inputs.with_(**changes) if changes else self.inputs


def _case(case):
    from .case import Case

    return case if isinstance(case, Case) else Case.from_dict(case)


def _year_profiles(case, profiles):
    from .profiles import constant_profiles

    if profiles is not None:
        return profiles
    year = int(case.tariff_year)
    hours = 8784 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 8760
    return constant_profiles(hours, start=f"{year}-01-01T00:00Z")


def hp_performance(case, hp_flow, design, T_source_in_C: np.ndarray, T_sink_out_C: np.ndarray):
    """COP and capacity ratio of the designed heat pump at each step's temperatures.

    With a stream-matched design (closed-cycle ``heat_pump``), the fast COP map of
    :func:`heatcalc.maps.hourly_performance` gives COP and capacity ratio at the
    step's source-inlet and sink-outlet temperatures (constant approach
    temperatures). The map is **calibrated** to the annual model at the design
    point: both are divided by their value at the case's temperatures and
    multiplied by the design COP and 1, so a constant profile reproduces
    ``heatcalc evaluate`` exactly.

    Without a design (MVR, steam-generating heat pump) or when the map cannot be
    built, the design COP is scaled with the Carnot COP of the step's lift
    (``cop_t = cop_design · COP_C(T_cond,t, T_evap,t) / COP_C(T_cond, T_evap)``, the
    saturation temperatures moved with the source inlet and sink outlet
    temperatures) and the capacity is kept constant.

    Parameters
    ----------
    case : Case
    hp_flow : EnergyFlows
        The heat-pump option's flows (``cop``; ``details`` with ``T_evap_C``, ``T_cond_C``).
    design : DesignResult or None
        From ``evaluate_case(...).designs``.
    T_source_in_C, T_sink_out_C : ndarray
        Source inlet and sink outlet temperature per step [°C].

    Returns
    -------
    (ndarray, ndarray, str, list of str)
        COP [-] (NaN where the machine cannot run), capacity ratio [-] (available
        output per rated kW), the model used, warnings.
    """
    from .errors import HeatCalcError
    from .quick import carnot_cop
    from .units import C_to_K

    T_source_in_C = np.asarray(T_source_in_C, dtype=float)
    T_sink_out_C = np.asarray(T_sink_out_C, dtype=float)
    warnings: list[str] = []
    if design is not None and hasattr(design, "cycle"):
        try:
            from .maps import hourly_performance

            src = np.append(T_source_in_C, case.T_source_in_C)
            snk = np.append(T_sink_out_C, case.T_sink_out_C)
            r = hourly_performance(design, C_to_K(src), C_to_K(snk))
            cop_d, cap_d = float(r.cop[-1]), float(r.capacity_ratio[-1])
            if np.isfinite(cop_d) and cop_d > 0 and np.isfinite(cap_d) and cap_d > 0:
                cop = r.cop[:-1] * (float(hp_flow.cop) / cop_d)
                cap = r.capacity_ratio[:-1] / cap_d
                warnings += [f"COP map: {w}" for w in r.warnings]
                return cop, cap, "COP map of the designed heat pump (heatcalc.maps), calibrated to the design COP", \
                    warnings
            warnings.append("COP map not valid at the design point: design COP scaled with the Carnot COP instead")
        except (HeatCalcError, ImportError) as exc:
            warnings.append(f"COP map not available ({exc}): design COP scaled with the Carnot COP instead")
    d = hp_flow.details
    T_evap = d.get("T_evap_C")
    T_cond = d.get("T_cond_C")
    if T_evap is None or not np.isfinite(T_evap):
        T_evap = case.T_source_out_eff_C - case.dT_min_K
    if T_cond is None or not np.isfinite(T_cond):
        T_cond = case.T_sink_out_C + case.dT_min_K
    Te = T_evap + (T_source_in_C - case.T_source_in_C)
    Tc = T_cond + (T_sink_out_C - case.T_sink_out_C)
    Tc = np.maximum(Tc, Te + case.dT_min_K)
    ratio = np.asarray(carnot_cop(C_to_K(Tc), C_to_K(Te)), dtype=float) / float(
        carnot_cop(C_to_K(max(T_cond, T_evap + case.dT_min_K)), C_to_K(T_evap)))
    cop = np.maximum(float(hp_flow.cop) * ratio, 1.0)
    return cop, np.ones_like(cop), "design COP scaled with the Carnot COP of each step's lift; capacity constant", \
        warnings


def prepare(case, profiles=None, *, evaluation=None, hp_kW: float | None = None, eb_kW: float | None = None,
            gas_kW: float | None = None, grid_factor: str = "average", time_bound: bool = False,
            storage_kind: str | None = None, hp_choice: str | None = None,
            shared_kW: float | None = None) -> HourlyContext:
    """Prepare a case for hourly dispatch.

    Parameters
    ----------
    case : Case or dict
    profiles : Profiles, optional
        Missing columns are constant at the case value; ``None``: a year of constant
        hours (``tariff_year``).
    evaluation : CaseResult, optional
        ``evaluate_case(case)`` if already done.
    hp_kW : float, optional
        Rated heat-pump output [kW]; default the evaluated design's size.
    eb_kW : float, optional
        E-boiler heat output [kW]; default the peak demand when the case's options
        include ``e_boiler`` or ``hybrid_boiler``, else 0.
    gas_kW : float, optional
        Heat output the gas plant keeps [kW]; default unlimited (the existing plant
        stays). ``0`` models full electrification: heat the electric units cannot
        make under the grid limit is reported as unmet.
    grid_factor : {"average", "average_chain", "marginal"}
        Yearly grid CO2 factor, used where the profiles have no
        ``ef_grid_kgCO2_per_kWh`` column.
    time_bound : bool
        Contract the new load under the time-bound transport right (tariff discount
        in the network cost).
    storage_kind : str, optional
        ``hot_water_tank`` or ``steam_accumulator``; default from the sink medium.
    hp_choice : str, optional
        ``heat_pump``, ``steam_hp`` or ``mvr``; default the feasible one with the
        highest COP.
    shared_kW : float, optional
        Capacity of a connection shared with a neighbour [kW]: with a
        ``neighbour_load_kW`` profile the grid capacity is ``max(shared_kW −
        neighbour load, 0)`` (and at most a ``grid_capacity_kW`` profile); default
        the case's ``grid_capacity_kW``.

    Returns
    -------
    HourlyContext

    Raises
    ------
    InputError
        For a case the hourly simulation cannot run (not a heat process), bad
        profiles or sizes.
    """
    from . import emissions, tariffs
    from .units import gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV

    case = _case(case)
    if case.process not in ("heat", "dryer"):
        raise InputError(f"process={case.process!r}: the hourly simulation covers process heat (heat, dryer); "
                         "kilns and furnaces are evaluated per year with heatcalc evaluate")
    if case.heat_demand_kW is None:
        raise InputError("heat_demand_kW is required for the hourly simulation (kW, 0 < x ≤ 10,000,000)")
    prof = _year_profiles(case, profiles)
    n, dt = len(prof), prof.dt_h
    warnings = list(prof.warnings)
    for name, v, unit in (("hp_kW", hp_kW, "kW"), ("eb_kW", eb_kW, "kW"), ("gas_kW", gas_kW, "kW"),
                          ("shared_kW", shared_kW, "kW")):
        if v is not None and not (math.isfinite(v) and 0 <= v <= 1e7):
            raise InputError(f"{name}={v} {unit} is out of range: valid is 0 to 10,000,000 {unit}")
    if grid_factor not in emissions.GRID_FACTORS:
        raise InputError(f"grid_factor={grid_factor!r} is not known; choices: {', '.join(emissions.GRID_FACTORS)}")
    # profiles with the case's constants
    D = prof.get("heat_demand_kW", case.heat_demand_kW)
    weight = 1.0
    if "heat_demand_kW" not in prof.columns:
        weight = case.operating_hours_per_yr / prof.hours
        if abs(weight - 1.0) > 1e-12:
            warnings.append(
                f"no heat_demand_kW profile: constant {case.heat_demand_kW:,.0f} kW in every step, energies and costs "
                f"weighted by operating_hours_per_yr/hours = {case.operating_hours_per_yr:g}/{prof.hours:g} "
                f"= {weight:.4f} (peaks unweighted)")
    elif prof.hours < 8760 - 1e-9:
        warnings.append(f"the profiles cover {prof.hours:,.0f} h, less than a year: energies, costs and CO2 are "
                        "totals of that period, while the NPV treats them as a year's")
    T_sink = prof.get("T_sink_out_C", case.T_sink_out_C)
    T_src = prof.get("T_source_in_C", case.T_source_in_C)
    if "T_source_in_C" in prof.columns and case.T_source_in_C is None:
        raise InputError("the profiles give T_source_in_C but the case has no T_source_in_C [°C]: the heat pump "
                         "is designed on the case's temperatures; set T_source_in_C in the case")
    G = prof.get("grid_capacity_kW", case.grid_capacity_kW)
    if G is None:
        G = np.full(n, np.inf)
    if "neighbour_load_kW" in prof.columns:
        conn = shared_kW if shared_kW is not None else case.grid_capacity_kW
        if conn is None:
            raise InputError("the profiles give neighbour_load_kW but no shared connection capacity: set shared_kW "
                             "(--shared-kW) or grid_capacity_kW in the case, in kW (0 to 10,000,000)")
        left = np.maximum(float(conn) - prof.columns["neighbour_load_kW"], 0.0)
        G = np.minimum(G, left) if "grid_capacity_kW" in prof.columns else left
        warnings.append(f"grid capacity = the shared connection's {float(conn):,.0f} kW minus the neighbour's load "
                        f"({float(np.min(left)):,.0f} to {float(np.max(left)):,.0f} kW left)")
    elif shared_kW is not None:
        raise InputError(f"shared_kW={shared_kW} kW needs a neighbour_load_kW column in the profiles")
    # evaluation: heat-pump design and baseline
    if evaluation is None:
        from .evaluate import evaluate_case

        evaluation = evaluate_case(case)
    flows = {f.option: f for f in evaluation.flows}
    base = flows["baseline"]
    hp_ok = [o for o in HP_OPTIONS if o in flows and flows[o].ok and (hp_choice is None or o == hp_choice)]
    if hp_choice is not None and hp_choice not in flows:
        raise InputError(f"hp_option={hp_choice!r} is not among the case's options "
                         f"({', '.join(case.selected_options)}); valid: {', '.join(HP_OPTIONS)}")
    hp_option = max(hp_ok, key=lambda o: flows[o].cop or 0.0) if hp_ok else None
    if hp_option is None:
        why = "; ".join(f"{o}: {flows[o].message}" for o in HP_OPTIONS if o in flows) or "not among the options"
        warnings.append(f"no heat pump in the hourly run ({why})")
        cop = np.ones(n)
        cap_ratio = np.zeros(n)
        Q_hp_nom = 0.0
        model = "none"
    else:
        hpf = flows[hp_option]
        if T_src is None:
            T_src = np.full(n, case.T_source_in_C)
        cop, cap_ratio, model, hp_warn = hp_performance(case, hpf, evaluation.designs.get(hp_option), T_src, T_sink)
        warnings += hp_warn
        Q_hp_nom = float(hpf.details.get("Q_hp_kW", hpf.capacity_kW_th)) if hp_kW is None else float(hp_kW)
        bad = ~np.isfinite(cop) | (cop <= 0)
        if bad.any():
            warnings.append(f"heat pump cannot run in {int(bad.sum())} steps (temperatures outside its map)")
            cap_ratio = np.where(bad, 0.0, cap_ratio)
            cop = np.where(bad, 1.0, cop)
    if case.source_heat_kW is not None and Q_hp_nom > 0:
        src_lim = case.source_heat_kW / np.maximum(1.0 - 1.0 / cop, 1e-9)
    else:
        src_lim = np.full(n, np.inf)
    Q_hp_max = np.minimum(Q_hp_nom * cap_ratio, src_lim)
    # e-boiler
    eta_eb = _figure("e_boiler_efficiency")
    has_eb_option = any(o in flows and flows[o].ok for o in EB_OPTIONS)
    Q_eb = float(eb_kW) if eb_kW is not None else (float(np.max(D)) if has_eb_option else 0.0)
    # prices and rates
    year = int(case.tariff_year)
    need = [k for k in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t")
            if getattr(case, k) is None]
    defaults = tariffs.default_prices(year) if need else {}
    p_gas = case.price_gas_EUR_per_MWh if case.price_gas_EUR_per_MWh is not None else defaults["price_gas_EUR_per_MWh"]
    p_el_const = case.price_el_EUR_per_MWh if case.price_el_EUR_per_MWh is not None else \
        defaults["price_el_EUR_per_MWh"]
    p_co2 = case.co2_price_EUR_per_t if case.co2_price_EUR_per_t is not None else defaults["co2_price_EUR_per_t"]
    price = prof.get("price_el_EUR_per_MWh", p_el_const)
    if "price_el_EUR_per_MWh" not in prof.columns and case.price_el_EUR_per_MWh is None:
        warnings.append(f"no price profile: constant day-ahead price {p_el_const:g} EUR/MWh ({year} default)")
    ef_grid = prof.get("ef_grid_kgCO2_per_kWh", emissions.ef_grid_kgCO2_per_kWh(grid_factor))
    try:
        levy_rate = tariffs.co2_levy_rate(year)[0]
    except Exception:  # noqa: BLE001 - TariffDataError: no levy that year
        levy_rate = 0.0
    levy_share = tariffs.co2_levy_share()
    co2_cost = float(tariffs.co2_cost_EUR_per_t(p_co2, levy_rate, levy_share, bool(case.ets_installation)))
    eta = float(case.eta_baseline)
    k = 0.0
    if case.baseline == "gas_chp":
        k = _figure("chp_eta_el") / eta
    # site volumes (as heatcalc.economics does it)
    base_gas_m3 = float(base.gas_m3_per_yr)
    rest_gas_m3 = 0.0 if case.site_gas_m3_per_yr is None else max(float(case.site_gas_m3_per_yr) - base_gas_m3, 0.0)
    rest_el_kWh = float(case.site_el_MWh_per_yr) * 1000.0
    contract0_kW = rest_el_kWh / 8760.0
    heat_MWh = float(np.sum(D) * dt / 1000.0 * weight)
    from .economics import cost_curve

    def vom(tech):
        try:
            return float(cost_curve(tech)["vom_EUR_per_MWh"])
        except Exception:  # noqa: BLE001 - TariffDataError: not in data
            return 0.0

    vom_hp = vom(hp_option) if hp_option else 0.0
    vom_eb = vom("e_boiler")
    vom_gas = vom(base.technology)
    money = {
        "year": year, "operator": case.grid_operator, "time_bound": time_bound,
        "p_gas": float(p_gas), "p_el_const": float(p_el_const), "p_co2": float(p_co2), "co2_cost_EUR_per_t": co2_cost,
        "levy_rate": levy_rate, "levy_share": levy_share,
        "rest_gas_m3": rest_gas_m3, "rest_el_kWh": rest_el_kWh, "contract0_kW": contract0_kW,
        "site_gas_m3": rest_gas_m3 + base_gas_m3,
        "eta_baseline": eta, "chp_el_per_heat": k, "vom_hp": vom_hp, "vom_eb": vom_eb, "vom_gas": vom_gas,
        "ef_gas_t_per_MWh_HHV": emissions.ef_gas_kgCO2_per_MWh_HHV() / 1000.0,
        "fuel_HHV_per_heat": gas_MWh_LHV_to_HHV(1.0 / eta), "hp_technology": hp_option or "heat_pump",
        "discount_rate": float(case.discount_rate), "lifetime_yr": int(case.lifetime_yr),
        "heat_MWh": heat_MWh, "prices_default": {k_: defaults.get(k_) for k_ in need},
    }
    # first guess of the volumes the option moves: heat pump and e-boiler at full output within the grid
    # (the rates are then settled on the dispatch's own volumes, see _settle_rates)
    q_guess = np.minimum(np.minimum(D, Q_hp_max), np.where(np.isinf(G), np.inf, G * cop))
    room = np.where(np.isinf(G), np.inf, np.maximum(G - q_guess / cop, 0.0))
    q_eb_guess = np.minimum(np.minimum(D - q_guess, Q_eb), room * eta_eb)
    P_guess = q_guess / cop + q_eb_guess / eta_eb
    E_guess_kWh = float(np.sum(P_guess) * dt * weight)
    gas_saved_m3 = gas_MWh_HHV_to_m3(gas_MWh_LHV_to_HHV(
        float(np.sum(q_guess + q_eb_guess) * dt / 1000.0 * weight) / eta))
    rates = marginal_rates(money, E_guess_kWh, gas_saved_m3, float(np.max(P_guess, initial=0.0)))
    warnings += rates["notes"]
    month = prof.index.month.to_numpy()
    inp = DispatchInputs(
        dt_h=dt, Q_demand_kW=D, Q_hp_max_kW=Q_hp_max, cop_hp=cop, P_grid_max_kW=G,
        c_el_EUR_per_MWh=price + rates["el_adder_EUR_per_MWh"], c_fuel_heat_EUR_per_MWh=_fuel_heat_cost(money, rates),
        Q_eb_max_kW=Q_eb, eta_eb=eta_eb, Q_gas_max_kW=math.inf if gas_kW is None else float(gas_kW),
        chp_el_per_heat=k, vom_hp_EUR_per_MWh=vom_hp, vom_eb_EUR_per_MWh=vom_eb,
        c_peak_EUR_per_kW_month=rates["kW_max_EUR_per_kW_month"], c_contract_EUR_per_kW_yr=rates["kW_contract_EUR_per_kW_yr"],
        month=month, energy_weight=weight)
    money["rates"] = rates
    cols = dict(prof.columns)
    cols.update(heat_demand_kW=D, T_sink_out_C=T_sink, price_el_EUR_per_MWh=price, grid_capacity_kW=G)
    if T_src is not None:
        cols["T_source_in_C"] = np.asarray(T_src, dtype=float)
    from .profiles import Profiles

    full = Profiles(index=prof.index, dt_h=dt, columns=cols, warnings=prof.warnings, source=prof.source)
    kind = storage_kind or ("steam_accumulator" if case.sink_medium == "steam" else "hot_water_tank")
    return HourlyContext(case=case, profiles=full, inputs=inp, Q_hp_nom_kW=Q_hp_nom, hp_option=hp_option,
                         cap_ratio=np.asarray(cap_ratio, dtype=float), hp_source_limit_kW=src_lim,
                         ef_grid_kgCO2_per_kWh=np.asarray(ef_grid, dtype=float), money=money, storage_kind=kind,
                         warnings=warnings, hp_model=model)


def _avg_rate(tax, v0: float, v1: float) -> float:
    """Average tax rate between two site volumes [EUR per unit]."""
    if v1 <= v0:
        return 0.0
    return float(tax(v1) - tax(v0)) / (v1 - v0)


def marginal_rates(money: dict, E_el_kWh: float, gas_saved_m3: float, P_new_kW: float) -> dict:
    """Taxes and network charges per unit that the dispatch prices energy with.

    Energy tax is banded and degressive, so it is priced at the **average rate over
    the volumes the option moves**: electricity from the site's other use to that plus
    ``E_el_kWh``, gas from the site's use less ``gas_saved_m3`` to the site's use.
    Network charges are those of the voltage level of the site's contract with the
    new load ``P_new_kW``.

    Returns
    -------
    dict
        ``tax_el_EUR_per_MWh``, ``tax_gas_EUR_per_MWh_HHV``, ``network_kWh_EUR_per_MWh``,
        ``el_adder_EUR_per_MWh`` (tax + network kWh charge), ``kW_max_EUR_per_kW_month``,
        ``kW_contract_EUR_per_kW_yr``, ``notes``.
    """
    from . import tariffs
    from .errors import TariffDataError
    from .units import gas_MWh_HHV_to_m3

    year = money["year"]
    el0 = money["rest_el_kWh"]
    tax_el = _avg_rate(lambda v: tariffs.energy_tax_amount("electricity", v, year), el0,
                       el0 + max(E_el_kWh, 1.0)) * 1000.0
    g1 = money["site_gas_m3"]
    tax_gas_m3 = _avg_rate(lambda v: tariffs.energy_tax_amount("gas", v, year), max(g1 - max(gas_saved_m3, 1.0), 0.0),
                           max(g1, 1.0))
    out = {"tax_el_EUR_per_MWh": tax_el, "tax_gas_EUR_per_MWh_HHV": tax_gas_m3 * gas_MWh_HHV_to_m3(1.0),
           "network_kWh_EUR_per_MWh": 0.0, "kW_max_EUR_per_kW_month": 0.0, "kW_contract_EUR_per_kW_yr": 0.0,
           "notes": []}
    if money["operator"] != "none":
        try:
            nc = tariffs.network_cost(money["operator"], year, money["contract0_kW"] + max(P_new_kW, 0.0), None, 0.0,
                                      nearest_year=True)
            out["network_kWh_EUR_per_MWh"] = float(nc.rates.get("kWh_charge", 0.0)) * 1000.0
            out["kW_max_EUR_per_kW_month"] = float(nc.rates.get("kW_max", 0.0))
            out["kW_contract_EUR_per_kW_yr"] = float(nc.rates.get("kW_contract", 0.0))
        except TariffDataError as exc:
            out["notes"].append(f"network cost not included: {exc}")
    out["el_adder_EUR_per_MWh"] = out["tax_el_EUR_per_MWh"] + out["network_kWh_EUR_per_MWh"]
    return out


def _fuel_heat_cost(money: dict, rates: dict) -> float:
    """Marginal cost of gas heat [EUR/MWh heat]: (gas price + energy tax + CO2 cost per MWh HHV)
    × fuel per heat (HHV) + variable O&M of the gas plant."""
    per_MWh_HHV = money["p_gas"] + rates["tax_gas_EUR_per_MWh_HHV"] \
        + money["co2_cost_EUR_per_t"] * money["ef_gas_t_per_MWh_HHV"]
    return per_MWh_HHV * money["fuel_HHV_per_heat"] + money["vom_gas"]


def _with_rates(ctx: "HourlyContext", inp: DispatchInputs, rates: dict) -> DispatchInputs:
    price = ctx.profiles.columns["price_el_EUR_per_MWh"]
    return inp.with_(c_el_EUR_per_MWh=price + rates["el_adder_EUR_per_MWh"],
                     c_fuel_heat_EUR_per_MWh=_fuel_heat_cost(ctx.money, rates),
                     c_peak_EUR_per_kW_month=rates["kW_max_EUR_per_kW_month"],
                     c_contract_EUR_per_kW_yr=rates["kW_contract_EUR_per_kW_yr"])


def _settle_rates(ctx: "HourlyContext", inp: DispatchInputs, storage, *, hp_on_price: bool = False,
                  iterations: int = 4) -> DispatchInputs:
    """Price the dispatch at the tax rates of the volumes it ends up moving (fixed point of the rule dispatch)."""
    from .units import gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV

    m = ctx.money
    last = None
    for _ in range(iterations):
        d = dispatch_greedy(inp, storage, hp_on_price=hp_on_price) if storage is not None else \
            dispatch_rule(inp, hp_on_price=hp_on_price)
        s = inp.energy_weight * inp.dt_h
        E_kWh = float(np.sum(d.P_hp_kW + d.P_eb_kW - inp.chp_el_per_heat * d.Q_gas_kW) * s)
        saved_heat_MWh = float(np.sum(inp.Q_demand_kW - d.Q_gas_kW - d.Q_unmet_kW) * s) / 1000.0
        gas_saved = gas_MWh_HHV_to_m3(gas_MWh_LHV_to_HHV(max(saved_heat_MWh, 0.0) / m["eta_baseline"]))
        rates = marginal_rates(m, E_kWh, gas_saved, float(np.max(d.P_el_kW, initial=0.0)))
        key = (round(rates["el_adder_EUR_per_MWh"], 6), round(rates["tax_gas_EUR_per_MWh_HHV"], 6))
        inp = _with_rates(ctx, inp, rates)
        if key == last:
            break
        last = key
    return inp


# =========================================================================================
# annual totals and money
def _annual_energy(ctx: HourlyContext, d: Dispatch | None) -> dict:
    """Annual energy and CO2 of a dispatch (``None``: the baseline, all heat from gas) [MWh, t]."""
    from . import emissions
    from .units import gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV

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


def annual_money(ctx: HourlyContext, d: Dispatch | None, *, hp_kW: float = 0.0, eb_kW: float = 0.0,
                 storage: Storage | None = None, energy: dict | None = None) -> dict:
    """Annual cost of the heat supply and the investment, as :mod:`heatcalc.economics` counts them.

    OPEX = commodity (hourly day-ahead prices × hourly electricity; gas at the
    case's price) + energy tax (the site's banded tax after minus before) +
    network (the site's bill with the new contract and the **monthly peaks of the
    hourly load** minus without) + CO2 (ETS and levy on scope-1 emissions) + O&M
    (fixed share of CAPEX, variable per MWh of heat). CAPEX = heat pump + e-boiler
    + storage + grid connection for the peak load.

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
        ``peak_el_kW``, ``monthly_peaks_kW``, ``notes``.
    """
    from . import tariffs
    from .economics import capex_EUR, cost_curve
    from .errors import TariffDataError

    m = ctx.money
    e = energy if energy is not None else _annual_energy(ctx, d)
    notes: list[str] = []
    year = m["year"]
    commodity = e["commodity_el_EUR"] + e["fuel_MWh"] * m["p_gas"]
    kWh_site = max(m["rest_el_kWh"] + e["E_el_MWh"] * 1000.0, 0.0)
    tax = (float(tariffs.energy_tax_amount("gas", m["rest_gas_m3"] + e["gas_m3"], year))
           - float(tariffs.energy_tax_amount("gas", m["rest_gas_m3"], year))
           + float(tariffs.energy_tax_amount("electricity", kWh_site, year))
           - float(tariffs.energy_tax_amount("electricity", m["rest_el_kWh"], year)))
    # network: monthly peaks of the extra load
    if d is None:
        P = np.zeros(ctx.inputs.n)
    else:
        P = d.P_el_kW
    month = ctx.inputs.month
    peak = max(float(np.max(P, initial=0.0)), 0.0)
    present = {int(mm): max(float(P[month == mm].max()), 0.0) for mm in np.unique(month)}
    if len(present) < 12:
        notes.append(f"profiles cover {len(present)} of 12 months: the missing months' network peaks are taken as "
                     "the period's peak")
    monthly = [present.get(mm, peak) for mm in range(1, 13)]
    c0 = m["contract0_kW"]
    network = 0.0
    if m["operator"] != "none":
        try:
            base_nc = tariffs.network_cost(m["operator"], year, c0, None, 0.0, nearest_year=True)
            if peak > 0:
                nc = tariffs.network_cost(m["operator"], year, c0 + peak, [c0 + p for p in monthly], 0.0,
                                          nearest_year=True, time_bound=m["time_bound"], time_bound_kW=peak)
            else:
                nc = base_nc
            network = (nc.total_EUR + float(nc.rates.get("kWh_charge", 0.0)) * kWh_site) \
                - (base_nc.total_EUR + float(base_nc.rates.get("kWh_charge", 0.0)) * m["rest_el_kWh"])
            notes += [x for x in nc.notes if "overrun" not in x]
        except TariffDataError as exc:
            notes.append(f"network cost not included: {exc}")
    co2_cost = e["co2_fuel_t"] * m["co2_cost_EUR_per_t"]
    # investment and O&M
    capex_parts = {"heat_pump": 0.0, "e_boiler": 0.0, "storage": 0.0, "grid_connection": 0.0}
    fom = 0.0
    if d is not None:
        for key, tech, size in (("heat_pump", m["hp_technology"], hp_kW), ("e_boiler", "e_boiler", eb_kW),
                                ("grid_connection", "grid_connection", peak)):
            if size > 0:
                cx = capex_EUR(tech, size)
                capex_parts[key] = cx["capex_EUR"]
                fom += cx["capex_EUR"] * cost_curve(tech)["fom_share_per_yr"]
        if storage is not None and storage.capacity_kWh > 0:
            capex_parts["storage"] = storage.capacity_kWh * storage_figure(storage.kind, "capex_EUR_per_kWh")
    om = fom + m["vom_hp"] * e["heat_hp_MWh"] + m["vom_eb"] * e["heat_eboiler_MWh"] + m["vom_gas"] * e["heat_gas_MWh"]
    opex = commodity + tax + network + co2_cost + om
    capex = sum(capex_parts.values())
    return {"opex_EUR": opex, "commodity_EUR": commodity, "energy_tax_EUR": tax, "network_EUR": network,
            "co2_cost_EUR": co2_cost, "om_EUR": om, "capex_EUR": capex,
            "capex_equipment_EUR": capex - capex_parts["grid_connection"],
            **{f"capex_{k}_EUR": v for k, v in capex_parts.items()},
            "peak_el_kW": peak, "monthly_peaks_kW": monthly, "notes": notes}


def _npv(ctx: HourlyContext, saving_EUR: float, capex_EUR: float, capex_equipment_EUR: float) -> tuple[float, float]:
    """(NPV [EUR], EIA benefit [EUR]) with the subsidies :mod:`heatcalc.economics` applies by default (EIA)."""
    from .economics import annuity_factor, eia_EUR, subsidy_params

    r, n = ctx.money["discount_rate"], ctx.money["lifetime_yr"]
    sp = subsidy_params()
    eia = eia_EUR(capex_equipment_EUR, sp) if sp.get(("EIA", "default_on"), 0.0) else 0.0
    return -capex_EUR + eia / (1.0 + r) + saving_EUR * float(annuity_factor(r, n)), float(eia)


def _baseline(ctx: HourlyContext) -> dict:
    b = ctx.money.get("_baseline")
    if b is None:
        e = _annual_energy(ctx, None)
        b = {**e, **annual_money(ctx, None, energy=e)}
        ctx.money["_baseline"] = b
    return b


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
    npv, eia = _npv(ctx, saving, money["capex_EUR"], money["capex_equipment_EUR"])
    P_el_steps = d.P_el_kW
    E_sum = max(e["E_el_MWh"], 0.0)
    eb_hours = float(np.sum(d.Q_eb_kW > GRID_ATOL_KW) * dt)
    be = inp.break_even_price_el_EUR_per_MWh - (inp.c_el_EUR_per_MWh - ctx.profiles.columns["price_el_EUR_per_MWh"])
    out = {
        "case_id": ctx.case.case_id,
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
        "co2_saved_t": base["co2_t"] - e["co2_t"],
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
        warnings.append(f"{summary['heat_unmet_MWh']:,.0f} MWh/yr of heat unmet in {summary['unmet_hours']:,.0f} h: "
                        "the electric units under the grid limit and the gas plant kept cannot cover the demand")
    return HourlyResult(context=ctx, dispatch=main, summary=summary, alternatives=alts, warnings=warnings)


def simulate(case, profiles=None, *, storage=None, method: str = "auto", hp_kW: float | None = None,
             eb_kW: float | None = None, gas_kW: float | None = None, grid_factor: str = "average",
             time_bound: bool = False, hp_on_price: bool = False, evaluation=None,
             hp_choice: str | None = None, shared_kW: float | None = None) -> HourlyResult:
    """One case over a year of hours: :func:`prepare` then :func:`run`.

    Parameters
    ----------
    case : Case or dict
    profiles : Profiles, optional
        From :func:`heatcalc.profiles.read_profiles`; missing columns are constant
        at the case value.
    storage : Storage or float, optional
        Thermal storage or its capacity [kWh] (data defaults for the losses).
    method, hp_kW, eb_kW, hp_on_price
        As in :func:`run`.
    gas_kW, grid_factor, time_bound, evaluation, hp_choice, shared_kW
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
        from heatcalc.profiles import read_profiles
        r = simulate(load_case("data/examples/brewery_hot_water.json"),
                     read_profiles("data/profiles/synthetic_brewery_2025_time_bound.csv"), storage=20000)
        r.summary["electrified_share"], r.summary["grid_limit_exceeded_hours"]   # about 0.92 and 0.0
    """
    ctx = prepare(case, profiles, evaluation=evaluation, hp_kW=hp_kW, eb_kW=eb_kW, gas_kW=gas_kW,
                  grid_factor=grid_factor, time_bound=time_bound, hp_choice=hp_choice, shared_kW=shared_kW)
    return run(ctx, storage=storage, method=method, hp_on_price=hp_on_price)


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
        notes.append("storage sized to carry the electrified heat through the largest single grid dip; recovering "
                     f"all heat lost to dips, recharged from spare output, would take {storage_all:,.0f} kWh "
                     "(sequent-peak method)")
    else:
        notes.append("no curtailed steps: no storage needed to fit the grid (it may still pay on prices)")
    if math.isinf(level):
        notes.append("no grid limit given: the heat pump and e-boiler are sized on the demand")
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
    :mod:`heatcalc.economics` applies it by default).

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
        ``co2_saved_t``, ``heat_gas_MWh``, ``fits_grid``, ``best``), ``best_hp_kW``,
        ``max_fit`` (:func:`max_fit_sizes`).

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
                     "fits_grid": bool(q <= fit["hp_kW"] * (1 + 1e-9)), "best": False})
    best = max(range(len(rows)), key=lambda i: rows[i]["npv_EUR"])
    rows[best]["best"] = True
    return {"rows": rows, "best_hp_kW": rows[best]["hp_kW"], "max_fit": fit, "method": method}
