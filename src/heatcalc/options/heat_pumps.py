"""Heat-pump options of a case: the compressor heat pump, MVR and the steam-generating heat
pump, each designed for the case's streams with the thermodynamic core and turned into yearly energy flows.

Designs are cached by the case's stream signature, so batch rows with the same streams are designed once.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError, PhysicalBoundsError
from heatcalc.core.messages import Message, join, message_of
from heatcalc.core.units import C_to_K, K_to_C, kWh_to_MWh
from heatcalc.options.baseline import _electric_option, infeasible
from heatcalc.options.flows import EnergyFlows
from heatcalc.thermo import mvr as mvr_model
from heatcalc.thermo.compressors import default_compressor, min_load, select_compressor, stage_pressure_ratio
from heatcalc.thermo.cop_models import carnot_cop
from heatcalc.thermo.cycles import single_stage
from heatcalc.thermo.datasheet import load_datasheet
from heatcalc.thermo.fluids import get_fluid, refrigerant_catalogue, refrigerant_info
from heatcalc.thermo.mvr import mvr_limits, steam_generating_hp
from heatcalc.thermo.pinch import design, select_refrigerant
from heatcalc.thermo.streams import sink_stream, source_stream

#: Rounding of temperatures in the design cache key [K]; far below the models' accuracy.
_KEY_DECIMALS = 6


#: Flash temperatures tried below the steam temperature by the steam-generating heat pump [K].
_STEAM_HP_FLASH_STEPS_K = (0.0, 10.0, 20.0, 30.0)


#: Temperature rise of the circulating water above the flash temperature [K] (steam_hp).
_STEAM_HP_DT_FLASH_K = 5.0


#: Refrigerants fully designed after the quick screen (``refrigerant = auto``).
_N_DESIGNED = 3


@dataclass(frozen=True)
class MachineDesign:
    """A compressor machine designed for a case: what its option's energy flows need.

    Attributes
    ----------
    cop : float
        Heating COP at design conditions [-].
    q_evap_per_q_cond : float
        Heat taken from the source per unit of heat delivered [-] (limits the machine by
        ``source_heat_kW``).
    refrigerant : str
        Working fluid (ASHRAE name where it has one; ``R718`` for MVR).
    halogen_free : bool or None
    warnings : tuple of str
    message : str
        One line on the machine (fluid, temperatures, stages).
    details : dict
        Design objects and figures for the result row and the report (``T_evap_C``,
        ``T_cond_C``, ``cop_carnot``, the cycle or design object, rejected fluids).
    """

    cop: float
    q_evap_per_q_cond: float
    refrigerant: str | None
    halogen_free: bool | None
    warnings: tuple[str, ...]
    message: str
    details: dict


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), _KEY_DECIMALS)


def _cached(maxsize: int):
    """``lru_cache`` that also caches a :class:`HeatCalcError` (re-raised on every hit), so
    that many batch rows with the same impossible streams search the refrigerants once."""
    def deco(func):
        @lru_cache(maxsize=maxsize)
        def inner(*args):
            try:
                return True, func(*args)
            except HeatCalcError as exc:
                return False, exc

        def outer(*args):
            ok, value = inner(*args)
            if ok:
                return value
            raise copy.copy(value).with_traceback(None)  # a fresh copy: no traceback piles up on hits

        outer.cache_info, outer.cache_clear, outer.__doc__ = inner.cache_info, inner.cache_clear, func.__doc__
        return outer
    return deco


def _source_medium(case: Case) -> str:
    return case.source_medium


@_cached(maxsize=4096)
def _select(sink_medium, T_sink_in_C, T_sink_out_C, source_medium, T_source_in_C, T_source_out_C, dT_min_K,
            eta_is, refrigerant):
    sink = sink_stream(sink_medium, C_to_K(T_sink_in_C), C_to_K(T_sink_out_C))
    source = source_stream(source_medium, C_to_K(T_source_in_C), C_to_K(T_source_out_C))
    if refrigerant != "auto":
        return design(sink, source, refrigerant, dT_min_K=dT_min_K, eta_is=eta_is, Q_sink_W=1e3), [], 1
    ranked, failing = _screen(T_sink_out_C, T_source_out_C, dT_min_K, eta_is)
    # Design the fluids that failed the screen (they fail fast, with their exact reason)
    # together with the best-ranked ones; move down the ranking while none is feasible.
    batch, rest, rejected = ranked[:_N_DESIGNED] + failing, ranked[_N_DESIGNED:], []
    while True:
        try:
            sel = select_refrigerant(sink, source, dT_min_K=dT_min_K, eta_is=eta_is, Q_sink_W=1e3,
                                     candidates=batch)
        except PhysicalBoundsError as exc:
            rejected += list(getattr(exc, "rejected", []) or [])
            if not rest:
                raise
            batch, rest = rest[:_N_DESIGNED], rest[_N_DESIGNED:]
            continue
        screened_out = [(n, "ranked lower in the quick screen (single-stage cycle at terminal temperatures): "
                            "not designed") for n in rest]
        return sel.best, rejected + sel.rejected + screened_out, len(sel.feasible)


@_cached(maxsize=4096)
def _two_stage(sink_medium, T_sink_in_C, T_sink_out_C, source_medium, T_source_in_C, T_source_out_C, dT_min_K,
               eta_is, fluid):
    """The chosen refrigerant designed as a two-stage machine with a flash-tank economiser."""
    sink = sink_stream(sink_medium, C_to_K(T_sink_in_C), C_to_K(T_sink_out_C))
    source = source_stream(source_medium, C_to_K(T_source_in_C), C_to_K(T_source_out_C))
    return design(sink, source, fluid, dT_min_K=dT_min_K, eta_is=eta_is, Q_sink_W=1e3, topology="two_stage")


#: Why a topology is not tried by the evaluation's design (the cycle designer and ``heatcalc cycle`` have them).
_NOT_TRIED = {
    "single_stage_ihx": "not tried: no published IHX effectiveness of industrial machines was found to default to",
    "cascade": "not tried: needs a second refrigerant; single stage or two-stage covers every lift the catalogue "
               "fluids can condense at",
    "transcritical": "not tried: the stream-matched design has no gas cooler yet (heatcalc cycle --topology "
                     "transcritical)",
}


def _choose_topology(case: Case, single, key: tuple):
    """Single stage or two-stage economiser for the chosen fluid, by COP (CAPEX data do not differ by
    topology, so COP decides). Returns the chosen design and the record of the choice."""
    tried = {"single": {"cop": single.cop_heating}}
    if case.hp_topology == "single":
        return single, {"topology": "single", "reason": "hp_topology=single (case)", "tried": tried}
    try:
        two = _two_stage(*key[:-1], single.fluid)
        tried["two_stage"] = {"cop": two.cop_heating}
    except HeatCalcError as exc:
        tried["two_stage"] = {"cop": None, "reason": str(exc)}
        if case.hp_topology == "two_stage":
            raise PhysicalBoundsError(f"no two-stage heat pump with {single.fluid}: {exc}") from None
        return single, {"topology": "single", "reason": f"two-stage infeasible: {exc}", "tried": tried}
    for k, why in _NOT_TRIED.items():
        tried[k] = {"cop": None, "reason": why}
    if case.hp_topology == "two_stage":
        return two, {"topology": "two_stage", "reason": "hp_topology=two_stage (case)", "tried": tried}
    if two.cop_heating > single.cop_heating:
        return two, {"topology": "two_stage", "tried": tried,
                     "reason": f"two-stage economiser COP {two.cop_heating:.2f} above single stage "
                               f"{single.cop_heating:.2f} (same CAPEX curve: COP decides)"}
    return single, {"topology": "single", "tried": tried,
                    "reason": f"single stage COP {single.cop_heating:.2f} not below two-stage {two.cop_heating:.2f}"}


def _screen(T_sink_out_C: float, T_source_out_C: float, dT_min_K: float, eta_is: float):
    """Quick screen of the catalogue before the (slower) pinch design.

    Every catalogue fluid gets a single-stage cycle at terminal temperatures
    (T_evap = source outlet − dT_min, T_cond = sink outlet + dT_min). Fluids whose
    screening cycle fails or warns of wet compression, a discharge temperature or
    condensing above their limits are returned as ``failing``: the full design
    rejects them fast and gives the exact reason. The others are ranked by
    screening COP, best first.

    Returns
    -------
    (list of str, list of str)
        Ranked fluids and failing fluids.
    """
    ok, failing = [], []
    for name in refrigerant_catalogue().index:
        try:
            r = single_stage(name, C_to_K(T_source_out_C - dT_min_K), C_to_K(T_sink_out_C + dT_min_K),
                             eta_is=eta_is)
        except HeatCalcError:
            failing.append(name)
            continue
        if any(k in w for w in r.warnings for k in ("wet", "discharge temperature", "recommended maximum")):
            failing.append(name)
            continue
        ok.append((r.cop_heating, name))
    ok.sort(reverse=True)
    return [n for _, n in ok], failing


def design_for_case(case: Case) -> MachineDesign:
    """Closed-cycle heat pump designed on the case's streams (pinch = ``dT_min_K``).

    ``refrigerant = auto`` tries every catalogue fluid and keeps the best COP; the
    rejected fluids and their reasons are in ``details["rejected"]`` and the message.

    Raises
    ------
    HeatCalcError
        Sink not above source, no feasible refrigerant, a fluid's limits.
    """
    key = (case.sink_medium, _r(case.T_sink_in_C), _r(case.T_sink_out_C), _source_medium(case),
           _r(case.T_source_in_C), _r(case.T_source_out_eff_C), _r(case.dT_min_K), _r(case.eta_is),
           case.refrigerant)
    try:
        d, rejected, n_ok = _select(*key)
        d, topo = _choose_topology(case, d, key)
    except PhysicalBoundsError as exc:
        raise _no_heat_pump(case, exc) from None
    info = refrigerant_info(d.fluid) or {}
    name = info.get("ashrae_name", d.fluid)
    rej = [{"fluid": f, "reason": why} for f, why in rejected]
    stages = "two-stage economiser" if topo["topology"] == "two_stage" else "single stage"
    msg = f"{name}, {stages}: T_evap {K_to_C(d.T_evap_K):.1f} °C, T_cond {K_to_C(d.T_cond_K):.1f} °C"
    if case.refrigerant == "auto":
        msg += f" (best COP of {n_ok} feasible refrigerants; {len(rej)} rejected)"
    msg = Message("hp.design_auto" if case.refrigerant == "auto" else "hp.design", msg, refrigerant=name,
                  stages=Message("hp.stages_two" if topo["topology"] == "two_stage" else "hp.stages_one", stages),
                  T_evap_C=K_to_C(d.T_evap_K), T_cond_C=K_to_C(d.T_cond_K), n_ok=n_ok, n_rejected=len(rej))
    return MachineDesign(
        cop=d.cop_heating,
        q_evap_per_q_cond=d.Q_evap_per_Q_cond,
        refrigerant=name,
        halogen_free=info.get("halogen_free"),
        warnings=tuple(d.warnings),
        message=msg,
        details=dict(design=d, design_Q_sink_kW=1.0, T_evap_C=K_to_C(d.T_evap_K), T_cond_C=K_to_C(d.T_cond_K),
                     cop_carnot=d.cop_carnot, cop_lorenz=d.cop_lorenz, rejected=rej,
                     p_cond_bar=d.cycle.p_cond_Pa / 1e5, t_discharge_C=K_to_C(d.cycle.T_discharge_K),
                     topology=topo["topology"], topology_reason=topo["reason"], topologies_tried=topo["tried"]),
    )


def _mvr_stages(T_suction_K: float, T_discharge_K: float) -> int:
    """Fewest equal-ratio stages keeping each stage's pressure ratio within the turbo limit."""
    w = get_fluid("Water")
    ratio = w.p_sat_T(T_discharge_K) / w.p_sat_T(T_suction_K)
    r_max = mvr_limits()["mvr_pressure_ratio_stage_max"]
    n = 1
    while ratio ** (1.0 / n) > r_max and n < 10:
        n += 1
    return n


@_cached(maxsize=4096)
def _mvr(T_suction_C, T_discharge_C, eta_is):
    Ts, Td = C_to_K(T_suction_C), C_to_K(T_discharge_C)
    n = _mvr_stages(Ts, Td)
    return mvr_model.mvr(T_sat_suction_K=Ts, T_sat_discharge_K=Td, eta_is=eta_is, n_stages=n)


def mvr_for_case(case: Case) -> MachineDesign:
    """Vapour recompression from the vapour's saturation temperature to the sink.

    Steam sink: the compressed vapour is the steam, discharge saturation temperature
    = ``T_sink_out_C``. Other sinks: the vapour condenses in a heat exchanger,
    discharge saturation temperature = ``T_sink_out_C + dT_min_K``. The number of
    stages keeps each stage's pressure ratio within the turbo-compressor limit
    (``data/mvr_limits.csv``); water injection desuperheats after every stage.

    Raises
    ------
    HeatCalcError
        Discharge not above suction, or outside water's range.
    """
    T_dis = case.T_sink_out_C if case.sink_medium == "steam" else case.T_sink_out_C + case.dT_min_K
    if T_dis <= case.T_source_in_C:
        raise PhysicalBoundsError(
            f"vapour at T_source_in_C={case.T_source_in_C:g} °C is already hot enough for the sink "
            f"({T_dis:g} °C saturation needed): use it directly, no compressor needed")
    r = _mvr(_r(case.T_source_in_C), _r(T_dis), _r(case.eta_is))
    x = r.extra
    return MachineDesign(
        cop=r.cop_heating,
        q_evap_per_q_cond=r.q_evap_J_per_kg / r.q_cond_J_per_kg,
        refrigerant="R718",
        halogen_free=True,
        warnings=tuple(r.warnings),
        message=Message("mvr.design", f"{x['n_stages']} stage(s), pressure ratio {r.pressure_ratio:.2f} "
                        f"({x['pressure_ratio_per_stage']:.2f} per stage, {x['compressor_hint']}), "
                        f"{x['e_el_kWh_per_t_suction']:.0f} kWh/t vapour", n_stages=x["n_stages"],
                        ratio=r.pressure_ratio, ratio_per_stage=x["pressure_ratio_per_stage"],
                        compressor=Message(f"mvr.compressor_{x['compressor_hint']}", x["compressor_hint"]),
                        e_kWh_per_t=x["e_el_kWh_per_t_suction"]),
        details=dict(cycle=r, T_evap_C=case.T_source_in_C, T_cond_C=T_dis, cop_carnot=r.cop_carnot,
                     n_stages=x["n_stages"], e_el_kWh_per_t_suction=x["e_el_kWh_per_t_suction"]),
    )


@_cached(maxsize=1024)
def _steam_hp(T_source_out_C, T_sink_in_C, T_sink_out_C, dT_min_K, eta_is, refrigerant):
    T_evap = C_to_K(T_source_out_C - dT_min_K)
    T_steam, T_feed = C_to_K(T_sink_out_C), C_to_K(T_sink_in_C)
    names = list(refrigerant_catalogue().index) if refrigerant == "auto" else [refrigerant]
    best, reasons = None, []
    for name in names:
        why = None
        for step in _STEAM_HP_FLASH_STEPS_K:
            T_flash = T_steam - step
            if T_flash <= T_feed + 1.0:
                continue
            n = _mvr_stages(T_flash, T_steam) if step > 0 else 1
            try:
                r = steam_generating_hp(name, T_evap, T_steam, T_feed, T_flash_K=T_flash,
                                        dT_flash_K=_STEAM_HP_DT_FLASH_K, dT_hx_K=dT_min_K, eta_is=eta_is,
                                        eta_is_mvr=eta_is, n_mvr_stages=n)
            except HeatCalcError as exc:
                why = why or str(exc)
                continue
            bad = [w for w in r.warnings if "wet" in w or "discharge temperature" in w]
            if bad:
                why = why or bad[0]
                continue
            if best is None or r.cop_heating > best[1].cop_heating:
                best = (name, r)
        if why and (best is None or best[0] != name):
            reasons.append((name, why))
    if best is None:
        raise PhysicalBoundsError("no steam-generating heat pump works: " +
                                  "; ".join(f"{n}: {w}" for n, w in reasons[:6]))
    return best[0], best[1], reasons


def steam_hp_for_case(case: Case) -> MachineDesign:
    """Steam-generating heat pump: closed cycle heating pressurised water, flash to
    steam, and MVR when the flash runs below the steam temperature.

    The heat pump evaporates at ``T_source_out − dT_min_K``; flash temperatures of
    0, 10, 20 and 30 K below the steam temperature are tried for every candidate
    refrigerant and the best COP is kept.

    Raises
    ------
    HeatCalcError
        When no refrigerant and flash temperature give a working machine.
    """
    name, r, reasons = _steam_hp(_r(case.T_source_out_eff_C), _r(case.T_sink_in_C), _r(case.T_sink_out_C),
                                 _r(case.dT_min_K), _r(case.eta_is), case.refrigerant)
    info = refrigerant_info(name) or {}
    x = r.extra
    mvr_part = "" if x.get("cop_mvr") is None else Message("steam.mvr_part", f" + MVR from {x['T_flash_C']:.0f} °C",
                                                           T_flash_C=x["T_flash_C"])
    return MachineDesign(
        cop=r.cop_heating,
        q_evap_per_q_cond=r.q_evap_J_per_kg / r.q_cond_J_per_kg,
        refrigerant=info.get("ashrae_name", name),
        halogen_free=info.get("halogen_free"),
        warnings=tuple(r.warnings),
        message=Message("steam.design", f"{info.get('ashrae_name', name)} heat pump, flash at {x['T_flash_C']:.0f} °C"
                        f"{mvr_part}; {x['e_el_kWh_per_t_steam']:.0f} kWh/t steam",
                        refrigerant=info.get("ashrae_name", name), T_flash_C=x["T_flash_C"], mvr_part=mvr_part,
                        e_kWh_per_t=x["e_el_kWh_per_t_steam"]),
        details=dict(cycle=r, T_evap_C=case.T_source_out_eff_C - case.dT_min_K, T_cond_C=K_to_C(r.T_cond_K),
                     cop_carnot=r.cop_carnot, rejected=[{"fluid": n, "reason": w} for n, w in reasons]),
    )


def _heat_pump_flows(case: Case, option: str, machine: MachineDesign) -> EnergyFlows:
    """Flows of a designed machine, limited by the available source heat."""
    cop, q_evap_per_q_cond = machine.cop, machine.q_evap_per_q_cond
    Q_hp_kW = case.heat_demand_kW
    limited = ""
    Q_ds = machine.details.get("datasheet_Q_heat_kW")
    if Q_ds is not None and case.hp_capacity_kW is None and Q_ds < Q_hp_kW:
        Q_hp_kW = Q_ds
        limited = (f"the datasheet machine gives {Q_ds:,.0f} kW at the case's temperatures of the "
                   f"{case.heat_demand_kW:,.0f} kW demand; the rest comes from the {case.baseline} (set "
                   "hp_capacity_kW for more units)")
    if case.source_heat_kW is not None and q_evap_per_q_cond > 0:
        Q_max = case.source_heat_kW / q_evap_per_q_cond
        if Q_max < Q_hp_kW:
            Q_hp_kW = Q_max
            limited = Message("option.source_limited", f"source_heat_kW={case.source_heat_kW:,.0f} kW limits the "
                              f"heat pump to {Q_hp_kW:,.0f} kW of the {case.heat_demand_kW:,.0f} kW demand; the rest "
                              f"comes from the {case.baseline}", source_heat_kW=case.source_heat_kW, Q_hp_kW=Q_hp_kW,
                              demand_kW=case.heat_demand_kW, backup=case.baseline)
    if case.hp_capacity_kW is not None and case.hp_capacity_kW < Q_hp_kW:
        Q_hp_kW = float(case.hp_capacity_kW)
        cap_msg = Message("option.capacity_limited", f"hp_capacity_kW={case.hp_capacity_kW:,.0f} kW limits the heat "
                          f"pump to {Q_hp_kW:,.0f} kW of the {case.heat_demand_kW:,.0f} kW demand; the rest comes from "
                          f"the {case.baseline}", hp_capacity_kW=case.hp_capacity_kW, Q_hp_kW=Q_hp_kW,
                          demand_kW=case.heat_demand_kW, backup=case.baseline)
        limited = join((limited, cap_msg))
    P_el = Q_hp_kW / cop
    details = dict(machine.details)
    kind, why = default_compressor(option, compressor_hint=getattr(details.get("cycle"), "extra", {}).get(
        "compressor_hint") if option == "mvr" else None)
    capacity_kW = float(case.hp_capacity_kW) if case.hp_capacity_kW is not None else max(Q_hp_kW, Q_ds or 0.0)
    if option == "heat_pump" and "design" in details and capacity_kW > 0:  # the stream-matched design
        pr_stage = stage_pressure_ratio(details["design"].cycle)
        kind, why = select_compressor(capacity_kW, pr_stage, fluid=machine.refrigerant)
        details["pressure_ratio_stage"] = pr_stage
    ds_min = details["datasheet_map"].min_load if "datasheet_map" in details else None
    if ds_min is not None:
        kind, why = "datasheet", "the supplier's datasheet"
    details.update(compressor=kind, compressor_reason=why, hp_capacity_kW=capacity_kW,
                   hp_min_load=float(case.hp_min_load) if case.hp_min_load is not None else (
                       ds_min if ds_min is not None else min_load(kind)),
                   hp_min_load_source="case" if case.hp_min_load is not None else (
                       "datasheet (smallest load_fraction)" if ds_min is not None
                       else f"data/compressors.csv ({kind})"))
    details.update(Q_hp_kW=Q_hp_kW, Q_evap_kW=Q_hp_kW * q_evap_per_q_cond,
                   E_el_own_MWh_per_yr=kWh_to_MWh(P_el * case.operating_hours_per_yr))
    f = _electric_option(case, option, option, heat_el_kW=Q_hp_kW, P_el_own_kW=P_el, cop=cop,
                         capacity_kW_th=capacity_kW, details=details)
    f.refrigerant = machine.refrigerant
    f.halogen_free = machine.halogen_free
    f.warnings = list(machine.warnings) + ([limited] if limited else [])
    f.message = join((machine.message, limited))
    return f


def _compressor_option(case: Case, option: str, design, reason_not_applicable: str | None,
                       no_source: str) -> EnergyFlows:
    """Shared checks and flows of the compressor options, in this order: process heat,
    sink temperatures given (a dryer case may give only its demand), the option's own
    applicability (``reason_not_applicable``), a source temperature (``no_source``),
    then the design (its error becomes the infeasibility reason)."""
    if case.process not in ("heat", "dryer"):
        return infeasible(option, option, Message("option.not_process_heat", f"{option} applies to process heat, "
                                                  f"not to {case.process}", option=option, process=case.process))
    missing = [n for n in ("T_sink_in_C", "T_sink_out_C") if getattr(case, n) is None]
    if missing:
        return infeasible(option, option, Message("option.needs_sink_T", f"{option} needs the sink temperatures: "
                                                  f"{' and '.join(missing)} [°C] not given", option=option,
                                                  missing=" & ".join(missing)))
    if reason_not_applicable:
        return infeasible(option, option, reason_not_applicable)
    if case.T_source_in_C is None:
        return infeasible(option, option, Message("option.needs_source_T", no_source, option=option))
    try:
        d = design(case)
    except HeatCalcError as exc:
        full = getattr(exc, "reason_full", None)  # a one-line reason; the full list goes to the warnings
        f = infeasible(option, option, message_of(exc), **({"reason_full": full} if full else {}))
        if full:
            f.warnings.append(Message("hp.rejected", full, reason=getattr(full, "params", {}).get("reason", full)))
        return f
    return _heat_pump_flows(case, option, d)


#: Longest reason kept as it is; a longer "no feasible refrigerant" list becomes one line.
_REASON_MAX_CHARS = 200


def _no_heat_pump(case: Case, exc: PhysicalBoundsError) -> PhysicalBoundsError:
    """The design's error as the option's reason: one line (what fails and the remedy) when the
    refrigerants' reasons make a long list, which then goes with it as ``reason_full``."""
    full = Message("hp.none", f"no heat pump: {exc}", reason=message_of(exc))
    if "no feasible refrigerant" not in str(exc) or len(full) <= _REASON_MAX_CHARS:
        return PhysicalBoundsError(full)
    n = len(getattr(exc, "rejected", None) or []) or str(exc).count("; ") + 1
    params = dict(sink=case.sink_medium, sink_name=case.sink_medium, source_name=case.source_medium,
                  T_sink_in_C=case.T_sink_in_C, T_sink_out_C=case.T_sink_out_C,
                  source=case.source_medium, T_source_in_C=case.T_source_in_C,
                  T_source_out_C=case.T_source_out_eff_C, n=n)
    text = ("no heat pump: no refrigerant works for sink {sink} {T_sink_in_C:.1f} → {T_sink_out_C:.1f} °C from "
            "source {source} {T_source_in_C:.1f} → {T_source_out_C:.1f} °C in one machine ({n} rejected, each "
            "reason in the warnings); a heat pump can still preheat: see the staged option").format(**params)
    err = PhysicalBoundsError(Message("hp.none_short", text, **params))
    err.reason_full = full
    return err


def datasheet_for_case(case: Case) -> MachineDesign:
    """The supplier's machine of ``case.hp_datasheet`` at the case's temperatures.

    COP and heating capacity come from the map fitted to the datasheet
    (:mod:`heatcalc.thermo.datasheet`) at ``T_source_in_C`` → ``T_sink_out_C``; the
    capacity is the machine's unless ``hp_capacity_kW`` is given (then the map's
    COP at that size). Outside the datasheet's envelope the option is infeasible
    (no extrapolation).

    Raises
    ------
    HeatCalcError
        Datasheet unreadable or invalid, or the case outside its envelope.
    """
    m = load_datasheet(case.hp_datasheet)
    Q, _, cop, warns = m.evaluate(case.T_source_in_C, case.T_sink_out_C)
    if not np.isfinite(cop[0]):
        raise PhysicalBoundsError(f"the datasheet machine does not cover T_source_in_C={case.T_source_in_C:g} °C → "
                                  f"T_sink_out_C={case.T_sink_out_C:g} °C: " + "; ".join(warns))
    cop0, Q0 = float(cop[0]), float(Q[0])
    carnot = float(carnot_cop(C_to_K(case.T_sink_out_C), C_to_K(case.T_source_in_C)))
    return MachineDesign(
        cop=cop0, q_evap_per_q_cond=1.0 - 1.0 / cop0, refrigerant=None, halogen_free=None,
        warnings=(m.summary(),) + tuple(m.warnings) + tuple(warns),  # the fit error shown with every result
        message=f"supplier datasheet: COP {cop0:.2f}, {Q0:,.0f} kW at {case.T_source_in_C:g} → "
                f"{case.T_sink_out_C:g} °C ({m.summary()})",
        details=dict(datasheet_map=m, datasheet=m.to_dict(), datasheet_Q_heat_kW=Q0, cop_carnot=carnot,
                     T_evap_C=None, T_cond_C=None))


def heat_pump(case: Case) -> EnergyFlows:
    """Closed-cycle heat pump designed on the case's source and sink streams, or the supplier's
    machine of ``hp_datasheet``."""

    if case.hp_datasheet:
        return _compressor_option(case, "heat_pump", datasheet_for_case, None,
                                  "heat_pump needs a waste-heat source: T_source_in_C [°C] is not given")
    return _compressor_option(case, "heat_pump", design_for_case, None,
                              "heat_pump needs a waste-heat source: T_source_in_C [°C] is not given")


def mvr(case: Case) -> EnergyFlows:
    """Mechanical vapour recompression of a vapour source."""

    why = None if case.source_medium == "vapour" else Message(
        "option.mvr_needs_vapour",
        f"mvr needs a vapour source (evaporator or dryer exhaust vapour); source_medium={case.source_medium}: "
        "use heat_pump or steam_hp", source_medium=case.source_medium)
    return _compressor_option(case, "mvr", mvr_for_case, why,
                              "mvr needs the vapour's saturation temperature: T_source_in_C [°C]")


def steam_hp(case: Case) -> EnergyFlows:
    """Steam-generating heat pump (closed cycle + flash + optional MVR stages)."""

    why = None if case.sink_medium == "steam" else Message(
        "option.steam_hp_needs_steam", f"steam_hp makes steam; sink_medium={case.sink_medium}: use heat_pump",
        sink_medium=case.sink_medium)
    return _compressor_option(case, "steam_hp", steam_hp_for_case, why,
                              "steam_hp needs a waste-heat source: T_source_in_C [°C]")


def case_with_datasheet(case: Case, path) -> Case:
    """The case with its heat pump replaced by a supplier's datasheet machine (``--datasheet FILE``).

    The datasheet is read and fitted here, so that a bad file stops the command with an
    :class:`~heatcalc.core.errors.InputError` (exit 2) instead of an infeasible row.

    Parameters
    ----------
    case : Case
    path : str or Path or None
        Datasheet CSV; ``None`` returns the case unchanged.

    Raises
    ------
    InputError
        The file is missing, unreadable or invalid (see :func:`heatcalc.thermo.datasheet.fit_datasheet`).
    """
    if path is None:
        return case
    load_datasheet(path)
    return case.model_copy(update={"hp_datasheet": str(path)})


def _topology_of(point: dict) -> str:
    t = point.get("topology")
    return "auto" if t is None or (isinstance(t, float) and np.isnan(t)) or not str(t).strip() else str(t).strip()


def default_machine_cop(point: dict) -> tuple[float, str, list[str]]:
    """COP of heatcalc's default machine at a published operating point (validation tables).

    Parameters
    ----------
    point : dict
        ``kind`` = ``streams`` (the default stream-matched design of :func:`design_for_case` at
        ``T_source_in_C``/``T_source_out_C`` → ``T_sink_in_C``/``T_sink_out_C`` [°C], water on
        both sides) or ``cycle`` (the default single-stage cycle at ``T_evap_C``/``T_cond_C``
        [°C]); ``refrigerant`` (a fluid or ``auto``); ``topology`` (``auto`` when missing, or
        the published machine's ``single``/``two_stage``; ``streams`` points only); ``eta_is``
        (optional: another isentropic efficiency than the case default).

    Returns
    -------
    (float, str, list of str)
        COP [-], the refrigerant used, warnings.

    Raises
    ------
    InputError
        An unknown ``kind``.
    HeatCalcError
        As the design or cycle.
    """
    from heatcalc.core.errors import InputError

    kind = str(point["kind"])
    eta = point.get("eta_is")
    eta = {} if eta is None or (isinstance(eta, float) and np.isnan(eta)) else {"eta_is": float(eta)}
    if kind == "cycle":
        r = single_stage(str(point["refrigerant"]), C_to_K(float(point["T_evap_C"])), C_to_K(float(point["T_cond_C"])),
                         **eta)
        return float(r.cop_heating), str(point["refrigerant"]), list(r.warnings)
    if kind != "streams":
        raise InputError(f"kind={kind!r} is not known; choices: streams, cycle")
    case = Case.from_dict({"case_id": str(point.get("point_id", "point")), "heat_demand_kW": 1000.0,
                           "T_sink_in_C": float(point["T_sink_in_C"]), "T_sink_out_C": float(point["T_sink_out_C"]),
                           "T_source_in_C": float(point["T_source_in_C"]),
                           "T_source_out_C": float(point["T_source_out_C"]), "refrigerant": str(point["refrigerant"]),
                           "hp_topology": _topology_of(point), **eta})
    d = design_for_case(case)
    return float(d.cop), str(d.refrigerant), list(d.warnings)
