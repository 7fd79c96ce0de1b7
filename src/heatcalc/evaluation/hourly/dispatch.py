"""Dispatch of heat supply hour by hour under a grid limit.

Three dispatchers share one input (:class:`DispatchInputs`) and one result
(:class:`Dispatch`): a merit-order rule without storage, a greedy rule with
thermal storage, and a linear programme on scipy's HiGHS (perfect foresight).
Thermal storage (:class:`Storage`) takes its cost and loss figures from
``data/storage.csv``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import InputError, TariffDataError
from heatcalc.options.baseline import figure

#: Relative tolerance of the energy balances and the grid limit checks [-].
BALANCE_RTOL = 1e-6


#: Absolute tolerance of the grid limit check [kW] (LP solutions are exact only to the solver's tolerance).
GRID_ATOL_KW = 1e-3


#: Storage kinds with defaults in data/storage.csv.
STORAGE_KINDS = ("hot_water_tank", "steam_accumulator")


#: Dispatch methods.
METHODS = ("rule", "greedy", "lp")


#: Relative tolerance of the minimum-load rule [-]: output this close below the minimum counts as at it.
MIN_LOAD_RTOL = 1e-6


def below_min_load(Q_hp_kW, Q_hp_min_kW: float) -> np.ndarray:
    """Steps where the heat pump would run, but below its minimum load (``0 < Q < Q_min``).

    Parameters
    ----------
    Q_hp_kW : array_like
        Heat-pump output per step [kW].
    Q_hp_min_kW : float
        Minimum output while running [kW].

    Returns
    -------
    ndarray of bool
    """
    q = np.asarray(Q_hp_kW, dtype=float)
    return (q > 0.0) & (q < Q_hp_min_kW * (1.0 - MIN_LOAD_RTOL))


#: Output above this counts as the heat pump running, for the minimum run time [kW].
RUN_ATOL_KW = 1e-6


def short_runs(on, min_run_steps: int) -> np.ndarray:
    """Steps of runs shorter than the minimum run time (``min_run_steps`` consecutive steps).

    A run is a block of consecutive steps with the heat pump on. A run that touches the first
    or the last step of the period is never short: it may continue from before the period or
    beyond it (heatcalc's stated boundary rule).

    Parameters
    ----------
    on : array_like of bool
        Heat pump running per step.
    min_run_steps : int
        Shortest allowed run [steps]; 0 or 1: no minimum.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> short_runs([0, 1, 0, 1, 1, 1, 0, 1], 2).astype(int).tolist()
    [0, 1, 0, 0, 0, 0, 0, 0]
    """
    on = np.asarray(on, dtype=bool)
    out = np.zeros(on.size, dtype=bool)
    if min_run_steps <= 1 or not on.any():
        return out
    d = np.diff(np.concatenate(([0], on.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    for a, b in zip(starts, ends):
        if b - a < min_run_steps and a > 0 and b < on.size:
            out[a:b] = True
    return out


# =========================================================================================
# storage
@lru_cache(maxsize=1)
def _storage_table() -> dict[tuple[str, str], float]:
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
    """:func:`heatcalc.options.baseline.figure` (imported when first needed)."""
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
        the step's temperatures, never above the rated capacity, source limit) [kW];
        zeros without a heat pump.
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
    Q_hp_min_kW : float
        Minimum output of the heat pump while it runs [kW] (minimum part load ×
        capacity); every dispatcher gives ``Q_hp = 0`` or ``Q_hp_min_kW ≤ Q_hp ≤
        Q_hp_max_kW``; a step whose ``Q_hp_max_kW`` is below it cannot run. 0: no
        minimum.
    min_run_steps : int
        Minimum run time of the heat pump [steps] (case field ``hp_min_run_h`` / ``dt_h``,
        rounded up): once on, it stays on at least this many consecutive steps (a run touching
        the period's first or last step excepted, :func:`short_runs`). 0 or 1: no minimum.
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
    Q_hp_min_kW: float = 0.0
    min_run_steps: int = 0

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
        if not (isinstance(self.Q_hp_min_kW, (int, float)) and 0.0 <= self.Q_hp_min_kW < math.inf):
            raise InputError(f"Q_hp_min_kW={self.Q_hp_min_kW} kW is out of range: valid is 0 kW or more (finite)")
        if not (isinstance(self.min_run_steps, (int, np.integer)) and 0 <= self.min_run_steps):
            raise InputError(f"min_run_steps={self.min_run_steps} is out of range: valid is a whole number of steps, "
                             "0 or more")
        self.min_run_steps = int(self.min_run_steps)
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


def _keeping_min_run(run, inp: DispatchInputs) -> Dispatch:
    """Run a rule dispatcher, then switch off the steps of runs shorter than the minimum run time
    (their ``Q_hp_max_kW`` set to 0) and run it again, until no run is short: the stated rule of the
    rule-based dispatchers (never infeasible; gas or the e-boiler take over)."""
    d = run(inp)
    if inp.min_run_steps <= 1:
        return d
    cap = inp.Q_hp_max_kW.copy()
    for _ in range(inp.n):
        bad = short_runs(d.Q_hp_kW > RUN_ATOL_KW, inp.min_run_steps)
        if not bad.any():
            break
        cap[bad] = 0.0
        d = run(inp.with_(Q_hp_max_kW=cap))
    d.inputs = inp
    return d


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
    if inp.min_run_steps > 1:
        return _keeping_min_run(lambda i: dispatch_rule(i.with_(min_run_steps=0), hp_on_price=hp_on_price), inp)
    D, G = inp.Q_demand_kW, inp.P_grid_max_kW
    a_hp, a_eb = _electric_intensity(inp)
    q_hp = np.minimum(D, inp.Q_hp_max_kW)
    q_hp = np.minimum(q_hp, np.where(np.isinf(G), np.inf, G / a_hp))
    if hp_on_price:
        hp_cost = inp.c_el_EUR_per_MWh / inp.cop_hp + inp.vom_hp_EUR_per_MWh
        q_hp = np.where(hp_cost <= inp.c_gas_heat_EUR_per_MWh, q_hp, 0.0)
    q_hp = np.where(below_min_load(q_hp, inp.Q_hp_min_kW), 0.0, q_hp)
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
    if inp.min_run_steps > 1:
        return _keeping_min_run(lambda i: dispatch_greedy(i.with_(min_run_steps=0), storage, hp_on_price=hp_on_price),
                                inp)
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
    q_min = inp.Q_hp_min_kW
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
                if qh + extra < q_min * (1.0 - MIN_LOAD_RTOL):
                    extra = 0.0  # the heat pump cannot run this little: stays off
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
                time_limit_s: float = 60.0, min_load: str = "auto") -> Dispatch:
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
    min_load : {"auto", "milp", "switch_off"}
        How a minimum load (``inp.Q_hp_min_kW > 0``) is kept when the LP optimum runs
        the heat pump below it (see :func:`_min_load_solution`): ``milp`` the exact
        mixed-integer programme; ``switch_off`` the post-processing rule (the
        offending steps off, LP again); ``auto`` (default) ``milp`` without storage
        (steps are independent, well under a second for a year) and ``switch_off``
        with storage (the MILP of a year with storage takes about 25 s; the rule
        came within 0.4 % of the MILP's cost in the benchmark case, and the LP
        relaxation's cost, a lower bound, is reported beside it).

    Returns
    -------
    Dispatch
        ``solver`` holds ``status``, ``message``, ``objective_EUR``, ``time_s``,
        ``n_variables``, ``n_constraints``, ``min_load`` (``none``, ``lp``, ``milp``
        or ``lp_switch_off``: what decided the on/off) and, when the minimum load
        was binding, ``objective_relaxed_EUR`` (the LP without it, a lower bound).

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
    q_min = inp.Q_hp_min_kW
    if q_min > 0:  # a step whose available output is below the minimum load cannot run
        ub[off["hp"]:off["hp"] + n] = np.where(inp.Q_hp_max_kW < q_min * (1.0 - MIN_LOAD_RTOL), 0.0,
                                               inp.Q_hp_max_kW)
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=np.column_stack((lb, ub)),
                  method="highs", options={"time_limit": time_limit_s, "presolve": True})
    if res.status != 0 or res.x is None:
        raise RuntimeError(f"LP dispatch failed: {res.message} (status {res.status})")
    x = res.x
    min_load_method = "none"
    if q_min > 0 or inp.min_run_steps > 1:
        relaxed = float(res.fun)
        how = min_load if min_load != "auto" else ("switch_off" if use_st else "milp")
        if how not in ("milp", "switch_off"):
            raise InputError(f"min_load={min_load!r} is not known; choices: auto, milp, switch_off")
        x, res, min_load_method = _min_load_solution(
            x, res, c, A_ub, b_ub, A_eq, b_eq, lb, ub, off["hp"], n, q_min, time_limit_s, milp_first=how == "milp",
            min_run_steps=inp.min_run_steps)
    elapsed = time.perf_counter() - t0

    def blk(nm):
        return np.clip(x[off[nm]:off[nm] + n], 0.0, None) if nm in off else np.zeros(n)

    q_hp = np.minimum(blk("hp"), inp.Q_hp_max_kW)
    q_eb = np.minimum(blk("eb"), inp.Q_eb_max_kW)
    q_ch, q_dis = blk("ch"), blk("dis")
    E = blk("E")
    u = blk("u")
    q_gas = np.minimum(blk("gas"), inp.Q_gas_max_kW)
    if q_min > 0:  # output left below the minimum (only within the solver's tolerance): off, gas (or unmet) takes it
        moved = np.where(q_hp < q_min * (1.0 - MIN_LOAD_RTOL), q_hp, 0.0)
        q_hp = q_hp - moved
        to_gas = np.minimum(moved, np.maximum(inp.Q_gas_max_kW - q_gas, 0.0))
        q_gas, u = q_gas + to_gas, u + (moved - to_gas)
    solver = {"status": res.status, "message": res.message, "objective_EUR": float(res.fun),
              "time_s": elapsed, "n_variables": nv, "n_constraints": n_eq + nr, "min_load": min_load_method}
    if min_load_method not in ("none", "lp"):
        solver["objective_relaxed_EUR"] = relaxed
    return Dispatch("lp", inp, q_hp, q_eb, q_gas, q_ch, q_dis, u, E, storage if use_st else storage, solver)


def _min_load_solution(x, res, c, A_ub, b_ub, A_eq, b_eq, lb, ub, i_hp: int, n: int, q_min: float,
                       time_limit_s: float, milp_first: bool = True, min_run_steps: int = 0):
    """Make an LP solution respect the heat pump's minimum load and minimum run time.

    1. If the LP optimum already has every step off or at least ``q_min``, it is the
       optimum of the mixed-integer problem too (the LP is its relaxation): kept.
    2. Else (``milp_first``) the mixed-integer programme with an on/off binary ``y_t`` per step
       (``Q_min·y_t ≤ Q_hp,t ≤ Q_max,t·y_t``) is solved with ``scipy.optimize.milp``
       (HiGHS branch and bound, relative gap 1e-4, the same time limit).
    3. Else, or if that finds no solution in time, the stated post-processing rule: the steps
       the LP ran below the minimum load are switched off (upper bound 0) and the LP is
       solved again, until none is left (off is always feasible, gas or unmet heat takes
       over). With a minimum run time (``min_run_steps`` > 1) the steps of runs shorter than
       it count as such steps too (:func:`short_runs`), and the mixed-integer programme gets
       the minimum-up rows ``y_t − y_{t−1} ≤ y_{t+k}``, k = 1 … L−1.

    Returns
    -------
    (ndarray, OptimizeResult, str)
        Solution, the solver result, and ``lp`` / ``milp`` / ``lp_switch_off`` (which step decided).
    """
    from scipy.optimize import linprog

    def low(v):
        q = v[i_hp:i_hp + n]
        bad = below_min_load(np.clip(q, 0.0, None), q_min) & (q > GRID_ATOL_KW)
        return bad | short_runs(q > GRID_ATOL_KW, min_run_steps)

    if not low(x).any():
        return x, res, "lp"
    if milp_first:
        m = _min_load_milp(c, A_ub, b_ub, A_eq, b_eq, lb, ub, i_hp, n, q_min, time_limit_s, min_run_steps)
        if m is not None:
            return m[0], m[1], "milp"
    ub = ub.copy()
    for _ in range(n + 1):  # every round switches at least one step off
        bad = low(x)
        if not bad.any():
            break
        ub[i_hp:i_hp + n][bad] = 0.0
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=np.column_stack((lb, ub)),
                      method="highs", options={"time_limit": time_limit_s, "presolve": True})
        if res.status != 0 or res.x is None:
            raise RuntimeError(f"LP dispatch failed: {res.message} (status {res.status})")
        x = res.x
    return x, res, "lp_switch_off"


def _min_load_milp(c, A_ub, b_ub, A_eq, b_eq, lb, ub, i_hp: int, n: int, q_min: float, time_limit_s: float,
                   min_run_steps: int = 0):
    """The dispatch LP with an on/off binary per step; ``(x, result)`` or ``None`` without a solution."""
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    if min_run_steps > 1:  # "on" must mean output: the run time is counted on Q_hp > 0
        q_min = max(q_min, 10.0 * GRID_ATOL_KW)
    nv = len(c)
    q_max = ub[i_hp:i_hp + n]
    can_run = q_max > 0
    # y block appended: rows  Q_hp − Q_max·y ≤ 0  and  −Q_hp + Q_min·y ≤ 0
    r = np.arange(n)
    rows = np.concatenate((r, r, n + r, n + r))
    cols = np.concatenate((i_hp + r, nv + r, i_hp + r, nv + r))
    vals = np.concatenate((np.ones(n), -q_max, -np.ones(n), np.full(n, q_min)))
    A_y = sp.csr_matrix((vals, (rows, cols)), shape=(2 * n, nv + n))
    A_parts = [A_y] if A_ub is None else [sp.hstack([A_ub, sp.csr_matrix((A_ub.shape[0], n))]), A_y]
    n_up = 0
    if min_run_steps > 1:  # minimum up time: a start at t (y_t − y_{t−1} = 1) keeps y on for L−1 more steps
        t, k = np.meshgrid(np.arange(1, n), np.arange(1, min_run_steps), indexing="ij")
        t, k = t.ravel(), k.ravel()
        keep = t + k < n  # a run reaching the period's end is not cut (short_runs' boundary rule)
        t, k = t[keep], k[keep]
        n_up = t.size
        rr = np.arange(n_up)
        A_up = sp.csr_matrix((np.concatenate((np.ones(n_up), -np.ones(n_up), -np.ones(n_up))),
                              (np.concatenate((rr, rr, rr)), np.concatenate((nv + t, nv + t - 1, nv + t + k)))),
                             shape=(n_up, nv + n))
        A_parts.append(A_up)
    A_all = sp.vstack(A_parts).tocsr()
    b_all = np.concatenate(([] if A_ub is None else [b_ub]) + [np.zeros(2 * n + n_up)])
    A_eq_y = sp.hstack([A_eq, sp.csr_matrix((A_eq.shape[0], n))]).tocsr()
    c_y = np.concatenate((c, np.zeros(n)))
    lb_y = np.concatenate((lb, np.zeros(n)))
    ub_y = np.concatenate((ub, can_run.astype(float)))
    integrality = np.concatenate((np.zeros(nv), np.ones(n)))
    m = milp(c_y, integrality=integrality, bounds=Bounds(lb_y, ub_y),
             constraints=[LinearConstraint(A_all, -np.inf, b_all), LinearConstraint(A_eq_y, b_eq, b_eq)],
             options={"time_limit": time_limit_s, "mip_rel_gap": 1e-4, "presolve": True})
    if m.x is not None and m.status in (0, 1):  # optimal, or the best found within the time limit
        m.fun = float(c @ m.x[:nv])
        return m.x[:nv], m
    return None
