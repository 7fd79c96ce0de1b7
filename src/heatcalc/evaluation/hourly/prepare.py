"""From a case and its profiles to the inputs of a dispatch.

:func:`prepare` builds the :class:`HourlyContext` of one case: the heat-pump
performance hour by hour (COP map of the designed machine), the equipment sizes,
the grid limit of every hour and the marginal prices that the dispatch compares.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError, InputError, TariffDataError
from heatcalc.core.messages import Message, message_of
from heatcalc.core.units import C_to_K, gas_MWh_HHV_to_m3, gas_MWh_LHV_to_HHV
from heatcalc.evaluation.annual import evaluate_case
from heatcalc.evaluation.hourly.dispatch import DispatchInputs, _figure, dispatch_greedy, dispatch_rule
from heatcalc.evaluation.hourly.profiles import WITHDRAWAL_BASES, Profiles, constant_profiles, worst_case_withdrawal
from heatcalc.money import tariffs
from heatcalc.money.costs import cost_curve
from heatcalc.money.site_bill import existing_connection, site_rest_volumes
from heatcalc.options import emissions
from heatcalc.options.baseline import chp_eta_el
from heatcalc.thermo.cop_maps import hourly_performance
from heatcalc.thermo.cop_models import carnot_cop

# =========================================================================================
# case layer
#: Options that make heat with a heat pump, in order of preference for the hourly run.
HP_OPTIONS = ("heat_pump", "steam_hp", "mvr")


def _prefixed(text, context: str):
    """``"<context>: <text>"``, keeping the code of a message (plain text stays plain)."""
    return text.prefixed(context) if isinstance(text, Message) else f"{context}: {text}"


def _cop_map(text):
    """A COP map's warning as the hourly run passes it on: ``COP map: …``."""
    return _prefixed(text, "COP map")


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
    hp_min_load: float = 0.0
    withdrawn: np.ndarray | None = None  # steps whose non-firm capacity is withdrawn (worst-case pattern)
    withdrawal_basis: str = ""

    def hp_max_kW(self, hp_kW: float) -> np.ndarray:
        """Heat a heat pump of ``hp_kW`` rated capacity can deliver per step [kW]: its output at the
        step's temperatures, never above the rated capacity, and within the source limit."""
        return np.minimum(np.minimum(hp_kW * self.cap_ratio, hp_kW), self.hp_source_limit_kW)

    def inputs_for(self, *, hp_kW: float | None = None, eb_kW: float | None = None,
                   grid_kW: np.ndarray | float | None = None) -> DispatchInputs:
        """Dispatch inputs with another heat-pump size, e-boiler size or grid capacity."""
        changes = {}
        if hp_kW is not None:
            changes["Q_hp_max_kW"] = self.hp_max_kW(hp_kW)
            changes["Q_hp_min_kW"] = self.hp_min_load * float(hp_kW)
        if eb_kW is not None:
            changes["Q_eb_max_kW"] = float(eb_kW)
        if grid_kW is not None:
            changes["P_grid_max_kW"] = np.broadcast_to(np.asarray(grid_kW, dtype=float), (self.inputs.n,)).copy()
        return self.inputs.with_(**changes) if changes else self.inputs


def _case(case):
    return case if isinstance(case, Case) else Case.from_dict(case)


def _year_profiles(case, profiles):
    if profiles is not None:
        return profiles
    year = int(case.tariff_year)
    hours = 8784 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 8760
    return constant_profiles(hours, start=f"{year}-01-01T00:00Z")


def hp_performance(case, hp_flow, design, T_source_in_C: np.ndarray, T_sink_out_C: np.ndarray):
    """COP and capacity ratio of the designed heat pump at each step's temperatures.

    With a stream-matched design (closed-cycle ``heat_pump``), the fast COP map of
    :func:`heatcalc.thermo.cop_maps.hourly_performance` gives COP and capacity ratio at the
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
    T_source_in_C = np.asarray(T_source_in_C, dtype=float)
    T_sink_out_C = np.asarray(T_sink_out_C, dtype=float)
    warnings: list[str] = []
    ds = hp_flow.details.get("datasheet_map")
    if ds is not None:  # the supplier's machine: its fitted map, capacity relative to the case's temperatures
        Q, _, cop, w = ds.evaluate(np.append(T_source_in_C, case.T_source_in_C),
                                   np.append(T_sink_out_C, case.T_sink_out_C))
        return cop[:-1], Q[:-1] / Q[-1], f"supplier datasheet map ({ds.form} fit)", [_cop_map(x) for x in w]
    if design is not None and hasattr(design, "cycle"):
        try:
            src = np.append(T_source_in_C, case.T_source_in_C)
            snk = np.append(T_sink_out_C, case.T_sink_out_C)
            r = hourly_performance(design, C_to_K(src), C_to_K(snk))
            cop_d, cap_d = float(r.cop[-1]), float(r.capacity_ratio[-1])
            if np.isfinite(cop_d) and cop_d > 0 and np.isfinite(cap_d) and cap_d > 0:
                cop = r.cop[:-1] * (float(hp_flow.cop) / cop_d)
                cap = r.capacity_ratio[:-1] / cap_d
                warnings += [_cop_map(w) for w in r.warnings]
                return cop, cap, "COP map of the designed heat pump (heatcalc.thermo.cop_maps), calibrated to the design COP", \
                    warnings
            warnings.append(Message("hourly.cop_map_invalid", "COP map not valid at the design point: design COP "
                                    "scaled with the Carnot COP instead"))
        except (HeatCalcError, ImportError) as exc:
            warnings.append(Message("hourly.cop_map_unavailable", f"COP map not available ({exc}): design COP scaled "
                                    "with the Carnot COP instead", error=message_of(exc)))
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


@dataclass(frozen=True)
class _HeatPump:
    """The heat pump of the hourly run, step by step.

    Attributes
    ----------
    option : str or None
        ``heat_pump``, ``steam_hp`` or ``mvr`` (``None``: no heat pump).
    Q_nom_kW : float
        Rated heat-pump output [kW].
    cop : ndarray
        COP per step [-] (1 where the machine cannot run).
    cap_ratio : ndarray
        Available output per rated kW per step [-].
    model : str
        The performance model used.
    source_limit_kW : ndarray
        Output the waste-heat source allows per step [kW] (``inf``: unlimited).
    Q_max_kW : ndarray
        Available output per step [kW]: never above ``Q_nom_kW`` (the capacity).
    T_source_in_C : ndarray or None
        Source inlet temperature per step [°C] the performance was computed at.
    min_load : float
        Minimum part load as a share of ``Q_nom_kW`` [-] (below it the machine is off).
    """

    option: str | None
    Q_nom_kW: float
    cop: np.ndarray
    cap_ratio: np.ndarray
    model: str
    source_limit_kW: np.ndarray
    Q_max_kW: np.ndarray
    T_source_in_C: np.ndarray | None
    min_load: float = 0.0


@dataclass(frozen=True)
class _Equipment:
    """Sizes of the e-boiler and the gas plant.

    Attributes
    ----------
    Q_eb_max_kW : float
        E-boiler heat output [kW].
    eta_eb : float
        E-boiler efficiency [-].
    Q_gas_max_kW : float
        Heat output the gas plant keeps [kW] (``inf``: unlimited).
    """

    Q_eb_max_kW: float
    eta_eb: float
    Q_gas_max_kW: float


@dataclass(frozen=True)
class _Prices:
    """Energy prices and grid CO2 factor of the run.

    Attributes
    ----------
    year : int
        Tariff year.
    p_gas, p_el_const : float
        Gas price [EUR/MWh] and constant electricity price [EUR/MWh] (case value or
        the year's default).
    p_co2 : float
        CO2 price [EUR/t].
    price_el : ndarray
        Day-ahead electricity price per step [EUR/MWh].
    ef_grid : ndarray or float
        Grid CO2 factor per step [kg/kWh].
    defaults : dict
        The year's default prices, read when the case leaves some out.
    need : list of str
        The price fields the case leaves out.
    """

    year: int
    p_gas: float
    p_el_const: float
    p_co2: float
    price_el: np.ndarray
    ef_grid: np.ndarray | float
    defaults: dict
    need: list


def _check_case(case) -> None:
    """Refuse a case the hourly simulation cannot run (not a heat process, no heat demand [kW])."""
    if case.process not in ("heat", "dryer"):
        raise InputError(f"process={case.process!r}: the hourly simulation covers process heat (heat, dryer); "
                         "kilns and furnaces are evaluated per year with heatcalc evaluate")
    if case.heat_demand_kW is None:
        raise InputError("heat_demand_kW is required for the hourly simulation (kW, 0 < x ≤ 10,000,000)")


def _check_arguments(hp_kW, eb_kW, gas_kW, shared_kW, grid_factor: str) -> None:
    """Refuse sizes [kW] out of range and an unknown grid CO2 factor."""
    for name, v, unit in (("hp_kW", hp_kW, "kW"), ("eb_kW", eb_kW, "kW"), ("gas_kW", gas_kW, "kW"),
                          ("shared_kW", shared_kW, "kW")):
        if v is not None and not (math.isfinite(v) and 0 <= v <= 1e7):
            raise InputError(f"{name}={v} {unit} is out of range: valid is 0 to 10,000,000 {unit}")
    if grid_factor not in emissions.GRID_FACTORS:
        raise InputError(f"grid_factor={grid_factor!r} is not known; choices: {', '.join(emissions.GRID_FACTORS)}")


def _heat_demand(case, prof):
    """Heat demand per step and the weight of each step's energies.

    Returns
    -------
    (ndarray, float, list of str)
        Heat demand [kW], energy weight [-] (``operating_hours_per_yr / hours``
        without a demand profile, else 1), warnings.
    """
    warnings: list[str] = []
    D = prof.get("heat_demand_kW", case.heat_demand_kW)
    weight = 1.0
    if "heat_demand_kW" not in prof.columns:
        weight = case.operating_hours_per_yr / prof.hours
        if abs(weight - 1.0) > 1e-12:
            warnings.append(Message(
                "hourly.constant_demand",
                f"no heat_demand_kW profile: constant {case.heat_demand_kW:,.0f} kW in every step, energies and costs "
                f"weighted by operating_hours_per_yr/hours = {case.operating_hours_per_yr:g}/{prof.hours:g} "
                f"= {weight:.4f} (peaks unweighted)", demand_kW=case.heat_demand_kW,
                operating_hours=case.operating_hours_per_yr, hours=prof.hours, weight=weight))
    elif prof.hours < 8760 - 1e-9:
        warnings.append(Message("hourly.short_period",
                                f"the profiles cover {prof.hours:,.0f} h, less than a year: energies, costs and CO2 "
                                "are totals of that period, while the NPV treats them as a year's", hours=prof.hours))
    return D, weight, warnings


def _temperatures(case, prof):
    """Sink outlet and source inlet temperature per step [°C] (source ``None`` if neither gives it)."""
    T_sink = prof.get("T_sink_out_C", case.T_sink_out_C)
    T_src = prof.get("T_source_in_C", case.T_source_in_C)
    if "T_source_in_C" in prof.columns and case.T_source_in_C is None:
        raise InputError("the profiles give T_source_in_C but the case has no T_source_in_C [°C]: the heat pump "
                         "is designed on the case's temperatures; set T_source_in_C in the case")
    return T_sink, T_src


def _grid_limit(case, prof, shared_kW):
    """Grid capacity left for the option per step.

    Returns
    -------
    (ndarray or float, list of str)
        Grid capacity [kW] (``grid_capacity_kW`` profile or the case's limit, less a
        neighbour's load on a shared connection), warnings.
    """
    warnings: list[str] = []
    G = prof.get("grid_capacity_kW", case.grid_limit_kW)
    if "neighbour_load_kW" in prof.columns:
        conn = shared_kW if shared_kW is not None else case.grid_capacity_kW
        if conn is None:
            raise InputError("the profiles give neighbour_load_kW but no shared connection capacity: set shared_kW "
                             "(--shared-kW) or grid_capacity_kW in the case, in kW (0 to 10,000,000)")
        left = np.maximum(float(conn) - prof.columns["neighbour_load_kW"], 0.0)
        G = np.minimum(G, left) if "grid_capacity_kW" in prof.columns else left
        warnings.append(Message("hourly.shared_connection",
                                f"grid capacity = the shared connection's {float(conn):,.0f} kW minus the "
                                f"neighbour's load ({float(np.min(left)):,.0f} to {float(np.max(left)):,.0f} kW left)",
                                connection_kW=float(conn), left_min_kW=float(np.min(left)),
                                left_max_kW=float(np.max(left))))
    elif shared_kW is not None:
        raise InputError(f"shared_kW={shared_kW} kW needs a neighbour_load_kW column in the profiles")
    return G, warnings


def _withdrawal(case, base, prof, D, G, withdraw, share, time_bound: bool):
    """Grid capacity with a worst-case withdrawal of the non-firm transport right.

    In the withdrawn steps (:func:`~heatcalc.evaluation.hourly.profiles.worst_case_withdrawal`)
    the new load keeps only the firm room of the existing connection (``connection_kW`` less
    the site's other use as a flat load); elsewhere the capacity is unchanged. ``share``
    defaults to 1 − the right's guaranteed share of hours (``data/tariffs/transport_rights.csv``).

    Returns
    -------
    (ndarray or float, ndarray of bool or None, list of str)
    """
    if withdraw is None:
        if share is not None:
            raise InputError(f"withdraw_share={share!r} needs a withdrawal basis (withdraw="
                             f"{' / '.join(WITHDRAWAL_BASES)})")
        return G, None, []
    if withdraw not in WITHDRAWAL_BASES:
        raise InputError(f"withdraw={withdraw!r} is not known; choices: "
                         f"{', '.join(WITHDRAWAL_BASES)}")
    right = "time_bound" if time_bound else str(case.transport_right or "firm")
    if share is None:
        avail = tariffs.transport_right_terms(right, case.grid_operator).availability_share
        if right == "firm" or avail is None or avail <= 0.0:
            raise InputError(f"a worst-case withdrawal under the {right} right needs withdraw_share, 0 to 1 "
                             "(a share of the hours): the data give no share of hours without capacity for it")
        share = 1.0 - avail
    if withdraw == "site":
        basis = np.asarray(D, dtype=float)
    elif withdraw == "price":
        if "price_el_EUR_per_MWh" not in prof.columns:
            raise InputError("withdraw='price' ranks the hours by the day-ahead price and needs a price profile (a "
                             "price_el_EUR_per_MWh column, or --prices on the command line)")
        basis = prof.columns["price_el_EUR_per_MWh"]
    else:
        if "regional_load_kW" not in prof.columns:
            raise InputError("withdraw='regional' needs a regional_load_kW column in the profiles (the grid "
                             "operator's regional load, kW)")
        basis = prof.columns["regional_load_kW"]
    mask = worst_case_withdrawal(basis, float(share))
    rest_load_kW = site_rest_volumes(case, base)[2]
    connection_kW, _ = existing_connection(case, rest_load_kW)
    firm_kW = max(connection_kW - rest_load_kW, 0.0)
    G_arr = np.broadcast_to(np.asarray(G, dtype=float), mask.shape).copy()
    G_arr[mask] = np.minimum(G_arr[mask], firm_kW)
    h = float(mask.sum() * prof.dt_h)
    what = Message(f"hourly.withdraw_{withdraw}", {
        "site": "the site's highest heat demand", "price": "the highest day-ahead prices (a proxy of the regional "
        "load)", "regional": "the highest regional load"}[withdraw])
    return G_arr, mask, [Message("hourly.withdrawal",
                                 f"worst-case withdrawal: capacity above the firm {firm_kW:,.0f} kW of the existing "
                                 f"connection withdrawn in {h:,.0f} h ({float(share):.0%} of the hours, those with "
                                 f"{what}), announced day-ahead", firm_kW=firm_kW, hours=h, share=float(share),
                                 what=what)]


def _heat_pump_option(case, flows: dict, hp_choice):
    """The heat-pump option of the run: the chosen one, else the feasible one with the highest COP [-].

    Returns
    -------
    (str or None, list of str)
        The option (``None``: no feasible heat pump), warnings.
    """
    hp_ok = [o for o in HP_OPTIONS if o in flows and flows[o].ok and (hp_choice is None or o == hp_choice)]
    if hp_choice is not None and hp_choice not in flows:
        raise InputError(f"hp_option={hp_choice!r} is not among the case's options "
                         f"({', '.join(case.selected_options)}); valid: {', '.join(HP_OPTIONS)}")
    hp_option = max(hp_ok, key=lambda o: flows[o].cop or 0.0) if hp_ok else None
    if hp_option is None:
        parts = [_prefixed(flows[o].message, o) for o in HP_OPTIONS if o in flows]
        why = "; ".join(parts) or Message("hourly.hp_not_among", "not among the options")
        return None, [Message("hourly.no_heat_pump", f"no heat pump in the hourly run ({why})",
                              why=why if not parts else parts)]
    return hp_option, []


def _heat_pump_performance(case, evaluation, flows: dict, hp_option, hp_kW, T_src, T_sink, n: int):
    """COP [-], capacity ratio [-], rated and available output [kW] of the heat pump per step.

    Steps where the machine cannot run get capacity 0 and COP 1; the waste heat
    ``source_heat_kW`` [kW] limits the output to ``source_heat_kW / (1 − 1/COP)``.

    Returns
    -------
    (_HeatPump, list of str)
    """
    warnings: list[str] = []
    if hp_option is None:
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
        Q_hp_nom = float(hpf.details.get("hp_capacity_kW", hpf.details.get("Q_hp_kW", hpf.capacity_kW_th))) \
            if hp_kW is None else float(hp_kW)
        hp_min = float(hpf.details.get("hp_min_load", 0.0))
        bad = ~np.isfinite(cop) | (cop <= 0)
        if bad.any():
            warnings.append(Message("hourly.hp_cannot_run",
                                    f"heat pump cannot run in {int(bad.sum())} steps (temperatures outside its map)",
                                    steps=int(bad.sum())))
            cap_ratio = np.where(bad, 0.0, cap_ratio)
            cop = np.where(bad, 1.0, cop)
    if case.source_heat_kW is not None and Q_hp_nom > 0:
        src_lim = case.source_heat_kW / np.maximum(1.0 - 1.0 / cop, 1e-9)
    else:
        src_lim = np.full(n, np.inf)
    # the rated capacity is the most the machine delivers, also where the map gives more (warmer source)
    Q_hp_max = np.minimum(np.minimum(Q_hp_nom * cap_ratio, Q_hp_nom), src_lim)
    if hp_option is None:
        hp_min = 0.0
    return _HeatPump(option=hp_option, Q_nom_kW=Q_hp_nom, cop=cop, cap_ratio=cap_ratio, model=model,
                     source_limit_kW=src_lim, Q_max_kW=Q_hp_max, T_source_in_C=T_src, min_load=hp_min), warnings


def _chp_el_per_heat(case: Case) -> float:
    """Power a CHP baseline makes per unit of heat [-] (0 for other baselines): the case's
    ``chp_eta_el`` over its ``eta_baseline``, as the annual evaluation takes them."""
    return chp_eta_el(case) / float(case.eta_baseline) if case.baseline == "gas_chp" else 0.0


def _default_eboiler_kW(D, G, hp: _HeatPump, eta_eb: float, k: float) -> float:
    """Largest heat an e-boiler could deliver in any step [kW]: the demand the heat pump leaves,
    within the grid room the heat pump leaves (heat pump first, as every dispatcher runs it).

    An e-boiler sized to the peak demand would be paid for but never run where the heat pump
    covers the demand or the grid is full.
    """
    per_kW_hp = 1.0 / hp.cop + k
    q_hp = np.minimum(np.minimum(D, hp.Q_max_kW), np.where(np.isinf(G), np.inf, G / per_kW_hp))
    room = np.where(np.isinf(G), np.inf, np.maximum(G - q_hp * per_kW_hp, 0.0))
    q_eb = np.minimum(np.maximum(D - q_hp, 0.0), room / (1.0 / eta_eb + k))
    return float(np.max(q_eb, initial=0.0))


def _equipment_sizes(case: Case, flows: dict, D, G, hp: _HeatPump, eb_kW, gas_kW) -> _Equipment:
    """E-boiler output [kW] and efficiency [-], and the gas plant's output [kW] (default unlimited).

    The e-boiler's default (with an ``e_boiler`` or ``hybrid_boiler`` option, else 0) is
    :func:`_default_eboiler_kW`: sized to the heat and the grid room the heat pump leaves.
    """
    eta_eb = _figure("e_boiler_efficiency")
    has_eb_option = any(o in flows and flows[o].ok for o in EB_OPTIONS)
    if eb_kW is not None:
        Q_eb = float(eb_kW)
    else:
        Q_eb = _default_eboiler_kW(D, G, hp, eta_eb, _chp_el_per_heat(case)) if has_eb_option else 0.0
    return _Equipment(Q_eb_max_kW=Q_eb, eta_eb=eta_eb, Q_gas_max_kW=math.inf if gas_kW is None else float(gas_kW))


def _prices(case, prof, grid_factor: str):
    """Gas [EUR/MWh], electricity [EUR/MWh] and CO2 [EUR/t] prices and the grid CO2 factor [kg/kWh].

    Prices the case leaves out are the tariff year's defaults.

    Returns
    -------
    (_Prices, list of str)
    """
    year = int(case.tariff_year)
    need = [k for k in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t")
            if getattr(case, k) is None]
    defaults = tariffs.default_prices(year) if need else {}
    p_gas = case.price_gas_EUR_per_MWh if case.price_gas_EUR_per_MWh is not None else defaults["price_gas_EUR_per_MWh"]
    p_el_const = case.price_el_EUR_per_MWh if case.price_el_EUR_per_MWh is not None else \
        defaults["price_el_EUR_per_MWh"]
    p_co2 = case.co2_price_EUR_per_t if case.co2_price_EUR_per_t is not None else defaults["co2_price_EUR_per_t"]
    price = prof.get("price_el_EUR_per_MWh", p_el_const)
    warnings: list[str] = []
    if "price_el_EUR_per_MWh" not in prof.columns and case.price_el_EUR_per_MWh is None:
        warnings.append(Message("hourly.constant_price",
                                f"no price profile: constant day-ahead price {p_el_const:g} EUR/MWh ({year} default)",
                                price=p_el_const, year=year))
    ef_grid = prof.get("ef_grid_kgCO2_per_kWh", emissions.ef_grid_kgCO2_per_kWh(grid_factor, year))  # the year's factor
    return _Prices(year=year, p_gas=p_gas, p_el_const=p_el_const, p_co2=p_co2, price_el=price, ef_grid=ef_grid,
                   defaults=defaults, need=need), warnings


def _vom(tech) -> float:
    """Variable O&M cost of a technology [EUR/MWh heat] (0 if not in the cost data)."""
    try:
        return float(cost_curve(tech)["vom_EUR_per_MWh"])
    except Exception:  # noqa: BLE001 - TariffDataError: not in data
        return 0.0


def _levy_signal_share(case, base) -> float:
    """Share of the tonnes the dispatch can save that carry the CO2 levy [-] (the dispatch's price signal).

    Without dispensation rights: the data's ``co2_levy_share_above_dispensation``, as the site bill.
    With rights ``D`` (``co2_dispensation_t_per_yr``): the tonnes the option can save lie between the
    baseline's scope-1 emissions ``S0`` (all heat from gas) and its process emissions ``P`` (no gas);
    the levy applies to the part of that range above ``D``, so the signal's share is
    ``(S0 − max(D, P)) / (S0 − P)``, clipped to 0..1 — the average levy per tonne when the option
    saves the whole range. The money of the year stays the site bill's exact levy on the tonnes above
    ``D`` (:func:`heatcalc.money.ets.co2_cost_EUR`); only the dispatch's marginal price is averaged.
    """
    D = getattr(case, "co2_dispensation_t_per_yr", None)
    if D is None:
        return tariffs.co2_levy_share()
    S0 = float(base.co2_fuel_t_per_yr + base.co2_process_t_per_yr)
    P = float(base.co2_process_t_per_yr)
    if not S0 > P:
        return 0.0
    return min(max((S0 - max(float(D), P)) / (S0 - P), 0.0), 1.0)


def _money_figures(case, base, hp_option, prices: _Prices, heat_MWh: float, time_bound: bool) -> dict:
    """Rates and site figures for the annual money: CO2 cost [EUR/t], site volumes [m³, kWh],
    contract [kW], variable O&M [EUR/MWh], efficiencies [-] (see :func:`annual_money`)."""
    year = prices.year
    try:
        levy_rate = tariffs.co2_levy_rate(year)[0]
    except TariffDataError:  # no levy that year
        levy_rate = 0.0
    levy_share = _levy_signal_share(case, base)
    co2_cost = float(tariffs.co2_cost_EUR_per_t(prices.p_co2, levy_rate, levy_share, bool(case.ets_installation)))
    eta = float(case.eta_baseline)
    k = _chp_el_per_heat(case)
    # site volumes: the same as the annual site bill takes them
    base_gas_m3 = float(base.gas_m3_per_yr)
    rest_gas_m3, rest_el_kWh, rest_load_kW, _ = site_rest_volumes(case, base)
    connection_kW, _ = existing_connection(case, rest_load_kW)
    vom_hp = _vom(hp_option) if hp_option else 0.0
    vom_eb = _vom("e_boiler")
    vom_gas = _vom(base.technology)
    return {
        "year": year, "operator": case.grid_operator, "case": case,
        "right": "time_bound" if time_bound else case.transport_right,
        "right_discount": case.transport_right_discount, "connection_kW": connection_kW, "rest_load_kW": rest_load_kW,
        "p_gas": float(prices.p_gas), "p_el_const": float(prices.p_el_const), "p_co2": float(prices.p_co2),
        "co2_cost_EUR_per_t": co2_cost,
        "levy_rate": levy_rate, "levy_share": levy_share,
        "rest_gas_m3": rest_gas_m3, "rest_el_kWh": rest_el_kWh, "contract0_kW": connection_kW,
        "site_gas_m3": rest_gas_m3 + base_gas_m3,
        "eta_baseline": eta, "chp_el_per_heat": k, "vom_hp": vom_hp, "vom_eb": vom_eb, "vom_gas": vom_gas,
        "ef_gas_t_per_MWh_HHV": emissions.ef_gas_kgCO2_per_MWh_HHV() / 1000.0,
        "fuel_HHV_per_heat": gas_MWh_LHV_to_HHV(1.0 / eta), "hp_technology": hp_option or "heat_pump",
        "discount_rate": float(case.discount_rate), "lifetime_yr": int(case.lifetime_yr),
        "heat_MWh": heat_MWh, "prices_default": {k_: prices.defaults.get(k_) for k_ in prices.need},
    }


def _first_guess_rates(money: dict, D, G, hp: _HeatPump, eq: _Equipment, dt: float, weight: float) -> dict:
    """Marginal rates [EUR/MWh, EUR/kW] at a first guess of the volumes the option moves.

    The guess runs the heat pump and the e-boiler at full output within the grid
    capacity [kW]; the rates are then settled on the dispatch's own volumes (see
    :func:`_settle_rates`).
    """
    cop = hp.cop
    q_guess = np.minimum(np.minimum(D, hp.Q_max_kW), np.where(np.isinf(G), np.inf, G * cop))
    room = np.where(np.isinf(G), np.inf, np.maximum(G - q_guess / cop, 0.0))
    q_eb_guess = np.minimum(np.minimum(D - q_guess, eq.Q_eb_max_kW), room * eq.eta_eb)
    P_guess = q_guess / cop + q_eb_guess / eq.eta_eb
    E_guess_kWh = float(np.sum(P_guess) * dt * weight)
    gas_saved_m3 = gas_MWh_HHV_to_m3(gas_MWh_LHV_to_HHV(
        float(np.sum(q_guess + q_eb_guess) * dt / 1000.0 * weight) / money["eta_baseline"]))
    return marginal_rates(money, E_guess_kWh, gas_saved_m3, float(np.max(P_guess, initial=0.0)))


def min_run_steps(hp_min_run_h: float | None, dt_h: float, n: int) -> int:
    """Minimum run time in steps: ``hp_min_run_h`` / ``dt_h`` rounded up (a run of 1.5 h in hourly
    steps lasts 2 steps), at most the period; 0 without one."""
    if not hp_min_run_h:
        return 0
    return int(min(math.ceil(hp_min_run_h / dt_h - 1e-9), n))


def _dispatch_inputs(prof, D, G, hp: _HeatPump, eq: _Equipment, price, money: dict, rates: dict,
                     weight: float) -> DispatchInputs:
    """Dispatch inputs at the heat pump's rated size: outputs [kW], COP [-], grid capacity [kW],
    marginal costs [EUR/MWh] and demand charges [EUR/kW]."""
    return DispatchInputs(
        dt_h=prof.dt_h, Q_demand_kW=D, Q_hp_max_kW=hp.Q_max_kW, Q_hp_min_kW=hp.min_load * hp.Q_nom_kW,
        cop_hp=hp.cop, P_grid_max_kW=G,
        c_el_EUR_per_MWh=price + rates["el_adder_EUR_per_MWh"], c_fuel_heat_EUR_per_MWh=_fuel_heat_cost(money, rates),
        Q_eb_max_kW=eq.Q_eb_max_kW, eta_eb=eq.eta_eb, Q_gas_max_kW=eq.Q_gas_max_kW,
        chp_el_per_heat=money["chp_el_per_heat"], vom_hp_EUR_per_MWh=money["vom_hp"],
        vom_eb_EUR_per_MWh=money["vom_eb"], c_peak_EUR_per_kW_month=rates["kW_max_EUR_per_kW_month"],
        c_contract_EUR_per_kW_yr=rates["kW_contract_EUR_per_kW_yr"],
        month=prof.index.month.to_numpy(), energy_weight=weight,
        min_run_steps=min_run_steps(money["case"].hp_min_run_h, prof.dt_h, len(D)) if hp.option else 0)


def _full_profiles(prof, D, T_sink, T_src, price, G) -> Profiles:
    """The profiles with every column the run uses filled: demand [kW], temperatures [°C],
    electricity price [EUR/MWh] and grid capacity [kW]."""
    cols = dict(prof.columns)
    cols.update(heat_demand_kW=D, T_sink_out_C=T_sink, price_el_EUR_per_MWh=price, grid_capacity_kW=G)
    if T_src is not None:
        cols["T_source_in_C"] = np.asarray(T_src, dtype=float)
    return Profiles(index=prof.index, dt_h=prof.dt_h, columns=cols, warnings=prof.warnings, source=prof.source)


def prepare(case, profiles=None, *, evaluation=None, hp_kW: float | None = None, eb_kW: float | None = None,
            gas_kW: float | None = None, grid_factor: str | None = None, time_bound: bool = False,
            storage_kind: str | None = None, hp_choice: str | None = None,
            shared_kW: float | None = None, withdraw: str | None = None,
            withdraw_share: float | None = None) -> HourlyContext:
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
        E-boiler heat output [kW]; default, when the case's options include ``e_boiler`` or
        ``hybrid_boiler``, the largest heat the heat pump and the grid room leave for it in any
        step (:func:`_default_eboiler_kW`), else 0.
    gas_kW : float, optional
        Heat output the gas plant keeps [kW]; default unlimited (the existing plant
        stays). ``0`` models full electrification: heat the electric units cannot
        make under the grid limit is reported as unmet.
    grid_factor : {"average", "average_chain", "marginal"}, optional
        Yearly grid CO2 factor, used where the profiles have no
        ``ef_grid_kgCO2_per_kWh`` column; default the case's ``grid_factor``.
    time_bound : bool
        Contract the new load under the time-bound transport right (tariff discount
        in the network cost).
    withdraw : {"site", "price", "regional"}, optional
        Stress-test a non-firm transport right with a worst-case withdrawal pattern
        (:func:`_withdrawal`): its capacity is withdrawn in the steps with the highest
        heat demand, day-ahead price or ``regional_load_kW`` profile.
    withdraw_share : float, optional
        Share of the hours withdrawn [-]; default 1 − the right's guaranteed share
        (``time_bound``: 0.15).
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
    case = _case(case)
    _check_case(case)
    prof = _year_profiles(case, profiles)
    n, dt = len(prof), prof.dt_h
    warnings = list(prof.warnings)
    grid_factor = case.grid_factor if grid_factor is None else grid_factor
    _check_arguments(hp_kW, eb_kW, gas_kW, shared_kW, grid_factor)
    D, weight, notes = _heat_demand(case, prof)
    warnings += notes
    T_sink, T_src = _temperatures(case, prof)
    G, notes = _grid_limit(case, prof, shared_kW)
    warnings += notes
    # evaluation: heat-pump design and baseline
    if evaluation is None:
        evaluation = evaluate_case(case)
    case = evaluation.case  # with what the evaluation derived (e.g. ets_installation)
    flows = {f.option: f for f in evaluation.flows}
    base = flows["baseline"]
    G, withdrawn, notes = _withdrawal(case, base, prof, D, G, withdraw, withdraw_share, time_bound)
    warnings += notes
    hp_option, notes = _heat_pump_option(case, flows, hp_choice)
    warnings += notes
    hp, notes = _heat_pump_performance(case, evaluation, flows, hp_option, hp_kW, T_src, T_sink, n)
    warnings += notes
    eq = _equipment_sizes(case, flows, D, G, hp, eb_kW, gas_kW)
    prices, notes = _prices(case, prof, grid_factor)
    warnings += notes
    heat_MWh = float(np.sum(D) * dt / 1000.0 * weight)
    money = _money_figures(case, base, hp_option, prices, heat_MWh, time_bound)
    money["base_technology"] = base.technology
    money["halogen_free"] = flows[hp_option].halogen_free if hp_option in flows else None
    rates = _first_guess_rates(money, D, G, hp, eq, dt, weight)
    warnings += rates["notes"]
    inp = _dispatch_inputs(prof, D, G, hp, eq, prices.price_el, money, rates, weight)
    money["rates"] = rates
    full = _full_profiles(prof, D, T_sink, hp.T_source_in_C, prices.price_el, G)
    kind = storage_kind or ("steam_accumulator" if case.sink_medium == "steam" else "hot_water_tank")
    return HourlyContext(case=case, profiles=full, inputs=inp, Q_hp_nom_kW=hp.Q_nom_kW, hp_option=hp_option,
                         cap_ratio=np.asarray(hp.cap_ratio, dtype=float), hp_source_limit_kW=hp.source_limit_kW,
                         ef_grid_kgCO2_per_kWh=np.asarray(prices.ef_grid, dtype=float), money=money,
                         storage_kind=kind, warnings=warnings, hp_model=hp.model, hp_min_load=hp.min_load,
                         withdrawn=withdrawn, withdrawal_basis=withdraw or "")


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
            out["notes"].append(Message("hourly.network_cost_missing", f"network cost not included: {exc}",
                                        error=message_of(exc)))
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
