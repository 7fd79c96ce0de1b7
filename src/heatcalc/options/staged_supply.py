"""Staged supply: direct heat recovery, then a heat-pump preheat, then a top-up.

The sink is heated in series, from ``T_sink_in_C`` to ``T_sink_out_C``:

1. **heat recovery** — a counter-current heat exchanger from the waste-heat source, where the source
   is hotter than the sink inlet by more than ``dT_min_K`` (:func:`heat_recovery_kW`; no
   electricity);
2. **heat pump** — from the exchanger's outlet to the split temperature ``T_split_C``, designed
   with the thermodynamic core (:func:`heatcalc.options.heat_pumps.design_for_case`) on what is
   left of the source after the exchanger;
3. **top-up** — the rest of the heat to the sink outlet: the existing boiler (or CHP), or an
   e-boiler as large as the grid room left allows with the existing boiler covering the remainder,
   or — for a steam sink or a vapour source — a **lift stage** from the split to the outlet: a
   steam-generating heat pump (``steam_hp``, :func:`heatcalc.options.heat_pumps.steam_hp_for_case`)
   or vapour recompression (``mvr``, :func:`heatcalc.options.heat_pumps.mvr_for_case`) designed on
   that segment, cut by the source heat the heat pump leaves and the grid room, the existing boiler
   covering what remains.

The split temperature, whether the exchanger is used and the kind of top-up are chosen for the
case's ``staged_objective``: the highest NPV (``npv``, default) or the largest CO2 saving
(``co2``); every candidate fits the grid room (``grid_capacity_kW``), since the heat pump and
the e-boiler are sized to it. The candidates include the heat pump alone up to the sink outlet
(the ``heat_pump`` option's machine) and the e-boiler alone, so the staged option is never worse
on its objective than either of them within the grid room.

Energy balance: ``Q_hx + Q_hp + Q_lift + Q_eboiler + Q_boiler = heat_demand_kW`` (each kW of process
heat comes from exactly one stage), the heat pump's ``Q_hp = COP · P_hp`` and the lift stage's
``Q_lift = COP_lift · P_lift``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError
from heatcalc.core.messages import Message, join, message_of
from heatcalc.core.units import kWh_to_MWh
from heatcalc.money.economics import finance_case
from heatcalc.options.baseline import _electric_option, baseline, chp_eta_el, figure, infeasible
from heatcalc.options.flows import EnergyFlows
from heatcalc.options.heat_pumps import MachineDesign, _screen, design_for_case, mvr_for_case, steam_hp_for_case

#: Points of the coarse grid of split temperatures (between the exchanger outlet and the sink outlet).
N_SPLIT_GRID = 7
#: Shortest heat-pump segment of the sink [K]: below it the heat pump stage is left out.
MIN_SEGMENT_K = 1.0
#: Tolerance of the refined split temperature [K].
SPLIT_XTOL_K = 1.0
#: Points per zoom of the split refinement, and the most zooms.
ZOOM_POINTS = 3
ZOOM_ROUNDS = 1
#: Refrigerants tried per split temperature (in the order of the single-stage quick screen).
N_FLUIDS_TRIED = 3
#: Whether the case schema has the heat pump's topology choice (single stage / two-stage).
_HAS_TOPOLOGY = "hp_topology" in Case.model_fields
#: Relative share of heat below which a stage counts as absent (rounding).
_TINY = 1e-9


# ---------------------------------------------------------------------------------------
# stage 1: direct heat recovery
def heat_recovery_kW(T_hot_in_C: float, T_hot_out_C: float, Q_hot_kW: float | None, T_cold_in_C: float,
                     T_cold_out_C: float, Q_cold_kW: float, dT_min_K: float) -> float:
    """Largest duty of one counter-current exchanger between a hot and a cold stream of constant CP [kW].

    With straight T–Q lines the smallest temperature difference lies at one end, so the duty is the
    least of: the hot stream's heat (``Q_hot_kW``; ``None`` = unlimited flow at ``T_hot_in_C``), the
    cold stream's heat, the cold stream heated to ``T_hot_in − dT_min`` (hot end) and the hot
    stream cooled to ``T_cold_in + dT_min`` (cold end); 0 when the hot stream is not hotter than
    the cold inlet by ``dT_min``. This is the two-stream pinch target (tested against the problem
    table of :mod:`heatcalc.integration.pinch`).
    """
    drive = T_hot_in_C - dT_min_K - T_cold_in_C
    if drive <= 0 or Q_cold_kW <= 0:
        return 0.0
    CP_c = Q_cold_kW / (T_cold_out_C - T_cold_in_C)
    limits = [Q_cold_kW, CP_c * drive]
    if Q_hot_kW is not None:
        limits.append(Q_hot_kW)
        span = T_hot_in_C - T_hot_out_C
        if span > 0:  # a stream that cools (a vapour condensing at one temperature has no cold-end limit)
            limits.append(Q_hot_kW / span * drive)
    return max(min(limits), 0.0)


# ---------------------------------------------------------------------------------------
# one staging
@dataclass
class Staging:
    """One way of staging the supply and its figures (all heat flows in kW, temperatures in °C)."""

    hx: bool
    T_split_C: float
    topup: str  # "boiler", "e_boiler", or a lift stage: "steam_hp", "mvr"
    T_hx_out_C: float = math.nan
    Q_hx_kW: float = 0.0
    Q_hp_kW: float = 0.0
    P_hp_kW: float = 0.0
    Q_eboiler_kW: float = 0.0
    P_eboiler_kW: float = 0.0
    Q_boiler_kW: float = 0.0
    Q_lift_kW: float = 0.0
    P_lift_kW: float = 0.0
    lift_design: MachineDesign | None = None
    design: MachineDesign | None = None
    fluid: str | None = None
    limits: list[str] = field(default_factory=list)
    flows: EnergyFlows | None = None
    objective: float = -math.inf

    def to_dict(self) -> dict:
        return {"hx": self.hx, "T_split_C": self.T_split_C, "topup": self.topup, "T_hx_out_C": self.T_hx_out_C,
                "Q_hx_kW": self.Q_hx_kW, "Q_hp_kW": self.Q_hp_kW, "P_hp_kW": self.P_hp_kW,
                "Q_eboiler_kW": self.Q_eboiler_kW, "P_eboiler_kW": self.P_eboiler_kW,
                "Q_boiler_kW": self.Q_boiler_kW, "Q_lift_kW": self.Q_lift_kW, "P_lift_kW": self.P_lift_kW,
                "objective": self.objective}


class _Problem:
    """The case's sink, source and grid room, and the builder of one staging."""

    def __init__(self, case: Case):
        self.case = case
        self.base = baseline(case)
        self.Q = float(case.heat_demand_kW)
        self.T_in, self.T_out = float(case.T_sink_in_C), float(case.T_sink_out_C)
        self.CP = self.Q / (self.T_out - self.T_in)
        self.has_source = case.T_source_in_C is not None
        self.Ts_in = float(case.T_source_in_C) if self.has_source else math.nan
        self.Ts_out = float(case.T_source_out_eff_C) if self.has_source else math.nan
        self.Q_src = None if case.source_heat_kW is None else float(case.source_heat_kW)
        self.dT = float(case.dT_min_K)
        self.L = case.grid_limit_kW
        # grid load per kW of process heat no longer made by a CHP baseline (its power is bought instead)
        self.k = chp_eta_el(case) / case.eta_baseline if case.baseline == "gas_chp" else 0.0
        self.eta_eb = figure("e_boiler_efficiency")
        self.eb_ok = self.T_out <= figure("e_boiler_max_T_C")
        self.Q_hx_source = (heat_recovery_kW(self.Ts_in, self.Ts_out, self.Q_src, self.T_in, self.T_out, self.Q,
                                             self.dT) if self.has_source else 0.0)
        # the site's process streams (case field streams): the part of the sink they heat from its inlet
        # without more hot utility; the larger of the two recoveries is the exchanger stage (never both)
        rec = case.sink_recovery
        self.Q_hx_streams = min(float(rec["Q_kW"]), self.Q) if rec else 0.0
        # the case's source listed in the table as well: its heat is in the band already, and a heat pump
        # gets only what the site leaves of it after its best recovery (integration.case_streams.source_in_table)
        self.source_stream = rec.get("source_stream") if rec else None
        if self.source_stream is not None:
            self.Q_hx_source = 0.0
            left = float(rec["Q_source_left_kW"])
            self.Q_src = left if self.Q_src is None else min(self.Q_src, left)
            T_max = rec.get("T_source_left_max_C")
            if T_max is not None and T_max < self.Ts_in:  # the heat left lies below the site's pinch
                self.Ts_in = T_max
                if self.Ts_out >= self.Ts_in:
                    self.Q_src = 0.0
        self.recovery_from = ("streams" if self.Q_hx_streams > self.Q_hx_source or self.source_stream is not None
                              else "source")
        self.Q_hx_max = max(self.Q_hx_source, self.Q_hx_streams)
        # lift stages to the outlet: a steam-generating heat pump for a steam sink, MVR for a vapour source
        self.lifts = tuple(k for k, ok in (("steam_hp", case.sink_medium == "steam"),
                                           ("mvr", case.source_medium == "vapour")) if ok and self.has_source)
        self._designs: dict = {}
        self._screens: dict = {}
        self.quick = True

    # -- the source left after the exchanger ----------------------------------------------
    def source_after(self, Q_hx: float) -> tuple[float, float | None]:
        """Inlet temperature [°C] and heat [kW] (``None`` unlimited) of the source after the exchanger."""
        if self.Q_src is None:
            return self.Ts_in, None
        if self.recovery_from == "streams":  # the site's streams gave the recovered heat, not this source
            return self.Ts_in, self.Q_src
        span = self.Ts_in - self.Ts_out
        T = self.Ts_in - (Q_hx / self.Q_src * span if self.Q_src > 0 else 0.0)
        return max(T, self.Ts_out), max(self.Q_src - Q_hx, 0.0)

    def hx_duty(self, hx: bool) -> float:
        Q_hx = self.Q_hx_max if hx else 0.0
        if self.k > 0 and math.isfinite(self.L):  # a CHP's lost power must fit the grid room as well
            Q_hx = min(Q_hx, self.L / self.k)
        return Q_hx

    # -- the heat pump of one segment -----------------------------------------------------
    def design(self, T_a: float, T_split: float, Ts_in: float, Q_src_left, fluid: str) -> MachineDesign:
        # the search designs single-stage machines (fast); the heat pump alone to the outlet ("auto") and
        # the final staging use the case's topology choice
        quick = self.quick and fluid != "auto" and _HAS_TOPOLOGY
        key = (round(T_a, 6), round(T_split, 6), round(Ts_in, 6), fluid, quick)
        if key not in self._designs:
            seg = self.CP * (T_split - T_a)
            upd = {"T_sink_in_C": T_a, "T_sink_out_C": T_split, "T_source_in_C": Ts_in, "T_source_out_C": self.Ts_out,
                   "heat_demand_kW": seg, "source_heat_kW": Q_src_left, "refrigerant": fluid, "hp_datasheet": None}
            if quick:
                upd["hp_topology"] = "single"
            c = self.case.model_copy(update=upd)
            try:
                self._designs[key] = design_for_case(c)
            except HeatCalcError as exc:
                self._designs[key] = exc
        d = self._designs[key]
        if isinstance(d, Exception):
            raise d
        return d

    def fluids(self, T_split: float, Ts_in: float) -> list[str]:
        """Refrigerants to try at one split: the case's, or the best of the quick screen."""
        if self.case.refrigerant != "auto":
            return [self.case.refrigerant]
        key = round(T_split, 6)
        if key not in self._screens:  # the screen depends on the split only (source outlet fixed)
            self._screens[key] = _screen(T_split, self.Ts_out, self.dT, self.case.eta_is)[0][:N_FLUIDS_TRIED]
        return self._screens[key]

    def best_design(self, T_a: float, T_split: float, Ts_in: float, Q_src_left, fluid: str | None):
        """The heat pump of the segment ``T_a → T_split`` (``fluid`` given, else the screen's order;
        ``auto`` = the full refrigerant search of the heat-pump option); ``(design, fluid)`` or
        ``(None, reason)``."""
        if Q_src_left is not None and Q_src_left <= 0:
            return None, "no waste heat left for a heat pump after the exchanger"
        why = "no refrigerant of the screen works"
        for name in ([fluid] if fluid else self.fluids(T_split, Ts_in)):
            try:
                return self.design(T_a, T_split, Ts_in, Q_src_left, name), name
            except HeatCalcError as exc:
                why = str(exc)
        return None, why

    # -- the lift stage of one segment (steam_hp or mvr to the outlet) ---------------------------
    def lift_design(self, kind: str, T_from: float, Ts_in: float) -> MachineDesign:
        """The ``steam_hp`` or ``mvr`` option's machine designed for the sink segment ``T_from → T_out``."""
        key = (kind, round(T_from, 6), round(Ts_in, 6))
        if key not in self._designs:
            upd = {"T_sink_in_C": T_from, "T_source_in_C": Ts_in, "heat_demand_kW": self.CP * (self.T_out - T_from),
                   "source_heat_kW": None, "hp_datasheet": None}
            if self.case.source_medium != "vapour":
                upd["T_source_out_C"] = min(self.Ts_out, Ts_in)
            if kind == "steam_hp" and self.case.refrigerant == "auto":
                upd["refrigerant"] = self.steam_hp_fluid()
            c = self.case.model_copy(update=upd)
            try:
                self._designs[key] = (steam_hp_for_case if kind == "steam_hp" else mvr_for_case)(c)
            except HeatCalcError as exc:
                self._designs[key] = exc
        d = self._designs[key]
        if isinstance(d, Exception):
            raise _NoHeatPump(str(d))
        return d

    def steam_hp_fluid(self) -> str:
        """The refrigerant of the lift stages' steam-generating heat pump with ``refrigerant = auto``: the one
        the ``steam_hp`` option picks for the whole sink (its design is cached), so each split designs one
        fluid; ``auto`` (every fluid) when that option finds none."""
        if "steam_hp_fluid" not in self._screens:
            try:
                d = steam_hp_for_case(self.case.model_copy(update={"hp_datasheet": None}))
                self._screens["steam_hp_fluid"] = getattr(d.details["cycle"], "fluid", None) or d.refrigerant
            except (HeatCalcError, AttributeError):
                self._screens["steam_hp_fluid"] = "auto"
        return self._screens["steam_hp_fluid"]

    # -- one staging ------------------------------------------------------------------------
    def build(self, hx: bool, T_split: float, topup: str, fluid: str | None = None) -> Staging:
        s = Staging(hx=hx, T_split_C=T_split, topup=topup)
        s.Q_hx_kW = Q_hx = self.hx_duty(hx)
        s.T_hx_out_C = T_a = self.T_in + Q_hx / self.CP
        L, k = self.L, self.k
        if T_split - T_a >= MIN_SEGMENT_K:
            Ts_in, Q_left = self.source_after(Q_hx)
            d, name = self.best_design(T_a, T_split, Ts_in, Q_left, fluid)
            if d is None:
                raise _NoHeatPump(name)
            s.design, s.fluid = d, name
            Q_hp = self.CP * (T_split - T_a)
            if Q_left is not None and d.q_evap_per_q_cond > 0 and Q_left / d.q_evap_per_q_cond < Q_hp:
                Q_hp = Q_left / d.q_evap_per_q_cond
                s.limits.append("source_heat_kW")
            if self.case.hp_capacity_kW is not None and self.case.hp_capacity_kW < Q_hp:
                Q_hp = float(self.case.hp_capacity_kW)
                s.limits.append("hp_capacity_kW")
            room = (L - k * Q_hx) / (1.0 / d.cop + k) if math.isfinite(L) else math.inf
            if room < Q_hp:
                Q_hp = max(room, 0.0)
                s.limits.append("grid_capacity_kW")
            s.Q_hp_kW, s.P_hp_kW = Q_hp, Q_hp / d.cop
        rest = max(self.Q - Q_hx - s.Q_hp_kW, 0.0)
        if topup in ("steam_hp", "mvr"):  # a lift stage from where the heat pump stops to the outlet
            T_from = self.T_in + (Q_hx + s.Q_hp_kW) / self.CP
            if self.T_out - T_from < MIN_SEGMENT_K:
                raise _NoHeatPump("no segment left for the lift stage")
            if math.isfinite(L) and L - s.P_hp_kW - k * (Q_hx + s.Q_hp_kW) <= 0:
                raise _NoHeatPump("no grid room left for the lift stage")  # = the boiler top-up: not designed
            Ts_in, Q_left = self.source_after(Q_hx)
            d = self.lift_design(topup, T_from, Ts_in)
            Q_lift = rest
            if Q_left is not None and d.q_evap_per_q_cond > 0:  # the source heat the heat pump leaves
                q_hp = s.design.q_evap_per_q_cond if s.design is not None else 0.0
                left = max(Q_left - s.Q_hp_kW * q_hp, 0.0)
                if left / d.q_evap_per_q_cond < Q_lift:
                    Q_lift = left / d.q_evap_per_q_cond
                    s.limits.append(f"source_heat_kW ({topup})")
            if math.isfinite(L):
                room = (L - s.P_hp_kW - k * (Q_hx + s.Q_hp_kW)) / (1.0 / d.cop + k)
                if room < Q_lift:
                    Q_lift = max(room, 0.0)
                    s.limits.append(f"grid_capacity_kW ({topup})")
            s.lift_design, s.Q_lift_kW, s.P_lift_kW = d, Q_lift, Q_lift / d.cop
            rest = max(rest - Q_lift, 0.0)
        if topup == "e_boiler":
            room = ((L - s.P_hp_kW - k * (Q_hx + s.Q_hp_kW)) / (1.0 / self.eta_eb + k) if math.isfinite(L)
                    else math.inf)
            s.Q_eboiler_kW = min(rest, max(room, 0.0))
            s.P_eboiler_kW = s.Q_eboiler_kW / self.eta_eb
        s.Q_boiler_kW = max(rest - s.Q_eboiler_kW, 0.0)
        s.flows = self.flows_of(s)
        return s

    def flows_of(self, s: Staging) -> EnergyFlows:
        case = self.case
        hours = case.operating_hours_per_yr
        cap_hp = s.Q_hp_kW
        if s.design is not None and case.hp_capacity_kW is not None:
            cap_hp = float(case.hp_capacity_kW)
        details = {
            "stages": stage_list(s, self), "staging": s.to_dict(), "T_split_C": s.T_split_C, "topup": s.topup,
            "Q_recovery_kW": s.Q_hx_kW, "Q_recovery_max_kW": self.Q_hx_max,
        }
        if case.sink_recovery is not None:  # the process streams (case field streams) were read
            details.update(recovery_from=self.recovery_from, Q_recovery_streams_kW=self.Q_hx_streams,
                           Q_recovery_source_kW=self.Q_hx_source, source_stream=self.source_stream)
        if s.design is not None:
            details.update({k: v for k, v in s.design.details.items() if k in ("T_evap_C", "T_cond_C", "cop_carnot",
                                                                             "cop_lorenz", "design")})
            details["cop_hp"] = s.design.cop
        if s.lift_design is not None:  # the lift stage (steam_hp or mvr) and its machine
            ld = s.lift_design
            details.update(lift={"kind": s.topup, "cop": ld.cop, "cop_carnot": ld.details.get("cop_carnot"),
                                 "T_evap_C": ld.details.get("T_evap_C"), "T_cond_C": ld.details.get("T_cond_C"),
                                 "refrigerant": ld.refrigerant, "Q_kW": s.Q_lift_kW, "P_el_kW": s.P_lift_kW,
                                 "message": str(ld.message)},
                           E_el_lift_MWh_per_yr=kWh_to_MWh(s.P_lift_kW * hours))
        E_hp = kWh_to_MWh(s.Q_hp_kW * hours)
        E_eb = kWh_to_MWh(s.Q_eboiler_kW * hours)
        details.update(E_el_hp_MWh_per_yr=kWh_to_MWh(s.P_hp_kW * hours),
                       E_el_eboiler_MWh_per_yr=kWh_to_MWh(s.P_eboiler_kW * hours))
        # the technology the schemes and the reference plant look at: the main new machine
        tech = "heat_pump" if s.Q_hp_kW > 0 else (s.topup if s.Q_lift_kW > 0 else
                                                  ("e_boiler" if s.Q_eboiler_kW > 0 else "heat_pump"))
        cop = s.design.cop if s.design is not None else (s.lift_design.cop if s.Q_lift_kW > 0 else None)
        f = _electric_option(case, "staged", tech,
                             heat_el_kW=s.Q_hx_kW + s.Q_hp_kW + s.Q_lift_kW + s.Q_eboiler_kW,
                             P_el_own_kW=s.P_hp_kW + s.P_lift_kW + s.P_eboiler_kW, cop=cop,
                             capacity_kW_th=cap_hp + s.Q_lift_kW + s.Q_eboiler_kW, details=details)
        # each new machine on its own cost curve (the exchanger has none in data/costs.csv)
        E_lift = kWh_to_MWh(s.Q_lift_kW * hours)
        f.units = tuple(u for u in (("heat_pump", cap_hp, E_hp), (s.topup, s.Q_lift_kW, E_lift),
                                    ("e_boiler", s.Q_eboiler_kW, E_eb)) if u[1] > 0) or (("heat_pump", 0.0, 0.0),)
        if s.design is not None:
            f.refrigerant, f.halogen_free = s.design.refrigerant, s.design.halogen_free
            f.warnings = list(s.design.warnings)
        if s.lift_design is not None and s.Q_lift_kW > 0:
            f.warnings += [w for w in s.lift_design.warnings if w not in f.warnings]
        if s.Q_hx_kW > 0:
            f.warnings.append(Message("staged.hx_capex", "the heat exchanger's investment is not counted (no "
                                      "public cost figure in data/costs.csv)"))
        f.message = one_line(s, self)
        return f

    def score(self, stagings: list[Staging]) -> None:
        """Set each staging's objective (one money model for all of them)."""
        if not stagings:
            return
        if self.case.staged_objective == "co2":
            for s in stagings:
                s.objective = self.base.co2_t_per_yr - s.flows.co2_t_per_yr
            return
        fins = finance_case(self.case, [self.base] + [s.flows for s in stagings], break_even_prices=False)[1:]
        for s, fin in zip(stagings, fins):
            v = fin.get("npv_EUR", math.nan)
            s.objective = float(v) if isinstance(v, (int, float)) and math.isfinite(v) else -math.inf


class _NoHeatPump(HeatCalcError):
    """No heat pump works for a segment."""


def stage_list(s: Staging, p: _Problem) -> list[dict]:
    """The stages with their temperatures, heat, electricity and share of the heat."""
    out = []
    T = p.T_in
    for name, Q, P in (("heat_recovery", s.Q_hx_kW, 0.0), ("heat_pump", s.Q_hp_kW, s.P_hp_kW),
                       (s.topup, s.Q_lift_kW, s.P_lift_kW),  # the lift stage; 0 for other top-ups
                       ("e_boiler", s.Q_eboiler_kW, s.P_eboiler_kW),
                       (p.case.baseline, s.Q_boiler_kW, 0.0)):
        if Q <= _TINY * p.Q:
            continue
        T_to = min(T + Q / p.CP, p.T_out)
        out.append({"stage": name, "T_from_C": T, "T_to_C": T_to, "Q_kW": Q, "P_el_kW": P, "share": Q / p.Q})
        T = T_to
    return out


#: English text of each stage in the one-line result (the catalogue's templates, present.messages).
_STAGE_TEXT = {
    "heat_recovery": "heat recovery {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
    "heat_recovery_streams": "heat recovery from the site's streams {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} "
                             "({Q_kW:,.0f} kW)",
    "heat_pump": "heat pump {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, {refrigerant}, COP {cop:.2f})",
    "e_boiler": "e-boiler {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
    "steam_hp": "steam-generating heat pump {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, COP "
                "{cop:.2f})",
    "mvr": "vapour recompression {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, COP {cop:.2f})",
    "existing": "the existing {backup} {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
}


def _msg(code: str, template: str, **params) -> Message:
    return Message(code, template.format(**params), **params)


def one_line(s: Staging, p: _Problem) -> Message:
    """One line naming the stages in order, with their temperatures and shares of the heat."""
    parts = []
    for st in stage_list(s, p):
        kind = st["stage"] if st["stage"] in _STAGE_TEXT else "existing"
        params = {k: st[k] for k in ("T_from_C", "T_to_C", "share", "Q_kW")}
        if kind == "heat_pump":
            params.update(refrigerant=s.design.refrigerant, cop=s.design.cop)
        if kind in ("steam_hp", "mvr"):
            params.update(cop=s.lift_design.cop)
        if kind == "existing":
            params["backup"] = st["stage"]
        if kind == "heat_recovery" and p.recovery_from == "streams":
            kind = "heat_recovery_streams"
        parts.append(_msg(f"staged.{kind}", _STAGE_TEXT[kind], **params))
    if s.limits:
        parts.append(_msg("staged.limited", "heat pump limited by {limits}", limits=", ".join(s.limits)))
    return join(parts)


# ---------------------------------------------------------------------------------------
# the search
def optimise(case: Case) -> tuple[Staging, list[Staging], _Problem]:
    """Best staging of the case for its objective, every candidate evaluated, and the problem.

    Candidates: with and without the exchanger (when it can recover heat; without it and with an
    unlimited source only the heat pump alone), top-up by the existing boiler or by an e-boiler
    within the grid room, split temperatures on one grid of :data:`N_SPLIT_GRID` points from the sink
    inlet to the outlet (plus the exchanger's outlet: no heat pump; the outlet without exchanger: the
    heat pump alone with the full refrigerant search of the ``heat_pump`` option), then
    :func:`_refine` around the best point with its refrigerant, and the chosen split designed once
    more with the case's ``hp_topology``. All are priced together (:meth:`_Problem.score`).

    Raises
    ------
    HeatCalcError
        When no candidate delivers anything new (no source, no e-boiler).
    """
    p = _Problem(case)
    hx_opts = (True, False) if p.Q_hx_max > _TINY * p.Q else (False,)
    topups = (("boiler", "e_boiler") if p.eb_ok else ("boiler",)) + p.lifts
    cands: list[Staging] = []

    def run(hx, T, topup, fluid=None, score=True):
        try:
            s = p.build(hx, T, topup, fluid)
        except HeatCalcError:
            return None
        if s.Q_hx_kW + s.Q_hp_kW + s.Q_eboiler_kW <= _TINY * p.Q:
            return None  # the existing boiler alone: the baseline
        if score:
            p.score([s])
        cands.append(s)
        return s

    # one grid of split temperatures for both exchanger choices (the quick screen depends on the split only)
    n = N_SPLIT_GRID - 1
    grid = [p.T_in + (p.T_out - p.T_in) * i / n for i in range(1, n + 1)]
    for hx in hx_opts:
        T_a = p.T_in + p.hx_duty(hx) / p.CP
        splits = [T_a]
        if p.has_source and p.T_out - T_a >= MIN_SEGMENT_K:
            # with an unlimited source the exchanger only helps: without it, just the heat pump alone
            alone = not hx and len(hx_opts) == 2 and p.Q_src is None
            splits += [t for t in grid if t - T_a >= MIN_SEGMENT_K and (not alone or t == p.T_out)]
        for T in splits:
            fluid = "auto" if (T == p.T_out and not hx) else None
            for topup in topups:
                run(hx, T, topup, fluid, score=False)
    p.score(cands)
    if not cands:
        raise HeatCalcError(_no_staging_reason(p))
    best = max(cands, key=lambda s: s.objective)
    _refine(p, best, cands, run)
    best = max(cands, key=lambda s: s.objective)
    if best.design is not None and _HAS_TOPOLOGY and best.fluid != "auto":
        p.quick = False  # the chosen split once more with the case's topology choice (single or two-stage)
        run(best.hx, best.T_split_C, best.topup, best.design.refrigerant)
    return max(cands, key=lambda s: s.objective), cands, p


def _refine(p: _Problem, best: Staging, cands: list[Staging], run) -> None:
    """Zoom on the split temperature around the best grid point, with its refrigerant: a few evenly
    spaced points between its neighbours, priced together (:data:`ZOOM_ROUNDS` times), then one
    parabolic step through the best point and its two neighbours."""
    if best.design is None:
        return
    fluid = best.design.refrigerant if best.fluid == "auto" else best.fluid
    pts = {s.T_split_C: s for s in cands if s.hx == best.hx and s.topup == best.topup}
    for _ in range(ZOOM_ROUNDS):
        xs = sorted(pts)
        i = xs.index(best.T_split_C)
        a, b = xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]
        step = (b - a) / (ZOOM_POINTS + 1)
        if step < SPLIT_XTOL_K:
            return
        new = []
        for k in range(1, ZOOM_POINTS + 1):  # the best point's fluid; where it fails, the screen's
            T = a + step * k
            new.append(run(best.hx, T, best.topup, fluid, score=False) or run(best.hx, T, best.topup, None,
                                                                             score=False))
        new = [s for s in new if s is not None]
        p.score(new)
        for s in new:
            pts[s.T_split_C] = s
        best = max(pts.values(), key=lambda s: s.objective)
    # a last parabolic step through the best point and its neighbours
    xs = sorted(pts)
    i = xs.index(best.T_split_C)
    if 0 < i < len(xs) - 1:
        (x0, x1, x2) = xs[i - 1:i + 2]
        y0, y1, y2 = (pts[x].objective for x in (x0, x1, x2))
        den = (x0 - x1) * (x0 - x2) * (x1 - x2)
        if all(map(math.isfinite, (y0, y1, y2))) and den != 0:
            A = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / den
            B = (x2 ** 2 * (y0 - y1) + x1 ** 2 * (y2 - y0) + x0 ** 2 * (y1 - y2)) / den
            if A < 0:
                xv = -B / (2 * A)
                if x0 < xv < x2 and min(abs(xv - x) for x in xs) >= SPLIT_XTOL_K:
                    s = run(best.hx, xv, best.topup, fluid, score=False)
                    if s is not None:
                        p.score([s])


#: English texts of why nothing can be staged (the catalogue's templates, present.messages).
_NOTHING = {
    "staged.no_source_too_hot": "no waste-heat source (T_source_in_C not given) and T_sink_out_C={T_out_C:g} °C is "
                                "above what an e-boiler delivers: nothing to stage; give the source temperatures",
    "staged.no_source": "no waste-heat source (T_source_in_C not given): nothing to recover or lift; see e_boiler",
    "staged.nothing": "no heat pump works from the source at {T_source_in_C:g} °C for any split temperature, no heat "
                      "can be recovered directly and no e-boiler fits: nothing to stage",
}


def _no_staging_reason(p: _Problem) -> Message:
    if not p.has_source and not p.eb_ok:
        return _msg("staged.no_source_too_hot", _NOTHING["staged.no_source_too_hot"], T_out_C=p.T_out)
    if not p.has_source:
        return _msg("staged.no_source", _NOTHING["staged.no_source"])
    return _msg("staged.nothing", _NOTHING["staged.nothing"], T_source_in_C=p.Ts_in)


def _not_needed(case: Case) -> Message | None:
    """Why staging adds nothing when it was not asked for by name (``options = all``), or ``None`` when it
    may: the source is hot enough for direct heat recovery, or the heat pump alone cannot deliver the
    whole sink to its outlet (infeasible, or limited by the source, its capacity or the grid room)."""
    if case.T_source_in_C is None:
        return None  # the reason of optimise (no source) says it
    p = _Problem(case)
    if p.Q_hx_max > _TINY * p.Q:
        return None
    try:
        d = design_for_case(case.model_copy(update={"hp_datasheet": None}))  # the heat_pump option's (cached)
    except HeatCalcError:
        return None
    Q_hp = p.Q
    if p.Q_src is not None and d.q_evap_per_q_cond > 0:
        Q_hp = min(Q_hp, p.Q_src / d.q_evap_per_q_cond)
    if case.hp_capacity_kW is not None:
        Q_hp = min(Q_hp, float(case.hp_capacity_kW))
    fits = not math.isfinite(p.L) or Q_hp / d.cop + p.k * Q_hp <= p.L * (1 + 1e-9)
    if Q_hp >= p.Q * (1 - 1e-9) and fits:
        return _msg("staged.not_needed", "not needed: the heat pump alone heats the sink to T_sink_out_C={T_out_C:g} °C "
                    "within the grid room and no heat can be recovered directly (name staged in options to compare)",
                    T_out_C=p.T_out)
    return None


def staged(case: Case) -> EnergyFlows:
    """Staged supply of the case (heat recovery, heat-pump preheat, top-up), optimised for
    ``staged_objective``; ``infeasible`` with a one-sentence reason when nothing can be staged."""
    if case.process not in ("heat", "dryer"):
        return infeasible("staged", "staged", Message("option.not_process_heat", f"staged applies to process "
                                                      f"heat, not to {case.process}", option="staged",
                                                      process=case.process))
    missing = [n for n in ("T_sink_in_C", "T_sink_out_C") if getattr(case, n) is None]
    if missing:
        return infeasible("staged", "staged", Message("option.needs_sink_T", f"staged needs the sink temperatures: "
                                                      f"{' and '.join(missing)} [°C] not given", option="staged",
                                                      missing=" & ".join(missing)))
    if "staged" not in case.options:  # part of options = all: staged only where the triggers hold
        why_not = _not_needed(case)
        if why_not is not None:
            return infeasible("staged", "staged", why_not)
    try:
        best, cands, p = optimise(case)
    except HeatCalcError as exc:
        return infeasible("staged", "staged", message_of(exc))
    f = best.flows
    f.details["objective"] = case.staged_objective
    f.details["candidates"] = len(cands)
    reached = [c.T_split_C for c in cands if c.design is not None]
    T_hp_max = max(reached) if reached else None
    f.details["T_hp_max_C"] = T_hp_max
    if p.has_source and (T_hp_max is None or T_hp_max < p.T_out - 1e-9):
        # the one-line reason why a heat pump alone does not do (the first binding limit), then the stages
        first = (_msg("staged.hp_alone_short", "no heat pump alone reaches T_sink_out_C={T_out_C:g} °C (highest split "
                      "with a working heat pump {T_hp_max_C:.0f} °C)", T_out_C=p.T_out, T_hp_max_C=T_hp_max)
                 if T_hp_max is not None else
                 _msg("staged.hp_none", "no heat pump works from this source for T_sink_out_C={T_out_C:g} °C",
                      T_out_C=p.T_out))
        f.message = join([first] + (list(f.message.params["parts"]) if getattr(f.message, "code", "") == "joined"
                                    else [f.message]))
    if case.streams is not None and case.sink_recovery is None:  # given, but this command does not read them
        f.warnings.append(Message("staged.streams_unread", "the case's streams were not read (the option was called "
                                  "without evaluate_case, which reads them): heat recovery from the case's source "
                                  "only"))
    if p.source_stream is not None:
        f.warnings.append(Message(
            "staged.source_in_table", f"the case's source is the streams' {p.source_stream}: its heat is counted in "
            "the site's recovery, so the heat pump takes only what the site leaves of it "
            f"({p.Q_src:,.0f} kW below the pinch)", stream=p.source_stream, Q_left_kW=p.Q_src))
    if case.hp_datasheet:
        f.warnings.append(Message("staged.datasheet", "the staged heat pump is the generic design, not the "
                                  "supplier's datasheet machine"))
    return f
