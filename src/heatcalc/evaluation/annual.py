"""Orchestrator: one case in, one result row per option out.

``evaluate_case`` validates the case (once, at the boundary), runs every selected
option's energy model (:mod:`heatcalc.options`, :mod:`heatcalc.options.heat_pumps`),
checks the energy balances (sanity layer), adds money
(:func:`heatcalc.money.economics.finance_case`) and returns a :class:`CaseResult` whose
rows carry the result columns of docs/interface.md.

The best option is the feasible one that fits the grid with the highest NPV (when
no option has a finite NPV: the largest CO2 saving); it is flagged ``best = True``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from heatcalc.case import Case
from heatcalc.columns import CONNECTION_COLUMNS, EXTRA_COLUMNS, MONEY_COLUMNS, RESULT_COLUMNS
from heatcalc.core.errors import HeatCalcError, InputError
from heatcalc.core.messages import Message, codes_of, message_of
from heatcalc.integration.case_streams import attach_streams, case_pinch
from heatcalc.money.economics import finance_case
from heatcalc.money.ets import ets_scope
from heatcalc.options import OPTION_MODELS, baseline, emissions
from heatcalc.options.flows import EnergyFlows

#: Relative tolerance of the sanity layer's energy balances.
BALANCE_RTOL = 1e-9


class ConsistencyError(RuntimeError):
    """An energy balance of the sanity layer did not close: a bug, not a user error."""




@dataclass
class CaseResult:
    """Everything heatcalc found for one case.

    Attributes
    ----------
    case : Case
        The validated inputs with defaults filled.
    flows : list of EnergyFlows
        Energy model of each option, baseline first.
    rows : list of dict
        Result rows (contract columns + extras), baseline first.
    designs : dict
        Design objects by option (e.g. the heat-pump design with T–Q curves).
    notes : list of str
        Notes on the whole case (default prices and their sources, no best option).
    pinch : dict or None
        The case's process streams (field ``streams``): pinch targets, the sink's recovery band and
        the heat pump on the grand composite curve (:func:`heatcalc.integration.case_streams.case_pinch`,
        without its notes); ``None`` when the case has no streams.
    pinch_notes : list of Message
        The notes on the process streams (targets, the heat pump on the GCC), kept apart from
        ``notes`` so that the text output prints them under the streams.
    """

    case: Case
    flows: list[EnergyFlows]
    rows: list[dict]
    designs: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    pinch: dict | None = None
    pinch_notes: list = field(default_factory=list)

    @property
    def best(self) -> dict | None:
        """The row flagged best, or ``None`` when no option is feasible."""
        return next((r for r in self.rows if r.get("best")), None)

    def row(self, option: str) -> dict | None:
        """The row of one option (``baseline`` included)."""
        return next((r for r in self.rows if r["option"] == option), None)

    def to_frame(self):
        """Rows as a pandas DataFrame; warnings joined with `` | ``."""
        import pandas as pd

        df = pd.DataFrame(self.rows, columns=RESULT_COLUMNS + EXTRA_COLUMNS)
        df["warnings"] = df["warnings"].map(lambda w: " | ".join(w) if isinstance(w, list) else w)
        return df

    def to_dict(self) -> dict:
        """``{"case": inputs with defaults, "results": rows}`` — the JSON of ``heatcalc evaluate``.

        Each row also carries ``message_code`` and ``warning_codes`` (the code of its message and
        of each warning, ``null`` for a text without one) and the case ``note_codes``
        (docs/interface.md, "Message codes"). A case with process streams adds ``pinch`` and the
        streams' notes at the end of ``notes``."""
        rows = [{**r, "message_code": codes_of([r.get("message")])[0], "warning_codes": codes_of(r.get("warnings"))}
                for r in self.rows]
        notes = list(self.notes) + (list(self.pinch_notes) if self.pinch is not None else [])
        d = {"case": self.case.to_dict(), "results": rows, "notes": notes, "note_codes": codes_of(notes)}
        if self.pinch is not None:
            d["pinch"] = self.pinch
        return d


def evaluate_case(case: Case | dict[str, Any]) -> CaseResult:
    """Evaluate every selected option of one case against its baseline.

    Parameters
    ----------
    case : Case or dict
        A validated case or a mapping with the case schema's fields.

    Returns
    -------
    CaseResult

    Raises
    ------
    InputError
        If ``case`` is a mapping that does not validate.
    """
    if not isinstance(case, Case):
        case = Case.from_dict(case)
    case = attach_streams(case) if case.process_streams is None else case  # the case's streams, read once
    base = baseline(case)
    ets, ets_note = ets_scope(case, base)
    if case.ets_installation is None:  # the derived scope becomes part of the inputs the result shows
        case = case.model_copy(update={"ets_installation": ets})
    funcs = OPTION_MODELS
    flows = [base]
    for option in case.selected_options:
        try:
            f = funcs[option](case)
        except HeatCalcError as exc:  # physics says no for this option only
            f = EnergyFlows(option=option, technology=option, status="infeasible", message=message_of(exc))
        check_flows(case, f)
        flows.append(f)
    check_flows(case, base)
    finance = _finance(case, flows)
    notes = ([ets_note] if ets_note else []) + _case_notes([fin for f, fin in zip(flows, finance) if f.ok])
    grid_note = emissions.grid_factor_note(case.grid_factor, case.tariff_year)  # data older than the year
    if grid_note:
        notes.append(grid_note)
    rows = [_row(case, f, base, fin, set(notes)) for f, fin in zip(flows, finance)]
    if not _mark_best(rows):
        notes.append(Message("case.no_best", "no option is feasible, fits the grid and saves CO2: no best option"))
    designs = {f.option: f.details["design"] for f in flows if "design" in f.details}
    pinch = case_pinch(case)  # the process streams' targets (case field streams), else None
    pinch_notes = pinch.pop("notes_coded") if pinch is not None else []
    return CaseResult(case=case, flows=flows, rows=rows, designs=designs, notes=notes, pinch=pinch,
                      pinch_notes=pinch_notes)


def _case_notes(finance: list[dict]) -> list[str]:
    """Finance notes that every feasible row carries (they concern the case, not an option)."""
    lists = [fin.get("finance_notes") for fin in finance if fin.get("finance_notes")]
    if not lists:
        return []
    common = set(lists[0]).intersection(*map(set, lists[1:]))
    return [n for n in lists[0] if n in common]


def _finance(case: Case, flows: list[EnergyFlows]) -> list[dict]:
    return finance_case(case, flows)


def check_flows(case: Case, f: EnergyFlows) -> None:
    """Sanity layer: energy balances of one option.

    * heat delivered equals the demand (heat processes), the shortfall being
      explicit as backup heat;
    * electricity × COP = electrically made heat for heat pumps;
    * no negative energy except a CHP's own power (negative purchase).

    Raises
    ------
    ConsistencyError
        When a balance does not close (a bug).
    """
    if not f.ok:
        return
    if case.process in ("heat", "dryer"):
        demand = case.heat_demand_kW * case.operating_hours_per_yr / 1000.0
        if not math.isclose(f.heat_delivered_MWh_per_yr, demand, rel_tol=BALANCE_RTOL):
            raise ConsistencyError(f"{f.option}: heat delivered {f.heat_delivered_MWh_per_yr} != demand {demand}")
    for name in ("heat_delivered_MWh_per_yr", "heat_backup_MWh_per_yr", "fuel_MWh_per_yr", "gas_m3_per_yr",
                 "P_el_kW", "capacity_kW_th", "co2_fuel_t_per_yr", "co2_process_t_per_yr"):
        v = getattr(f, name)
        if not (math.isfinite(v) and v >= 0):
            raise ConsistencyError(f"{f.option}: {name}={v} must be finite and non-negative")
    if f.heat_backup_MWh_per_yr > f.heat_delivered_MWh_per_yr * (1 + BALANCE_RTOL):
        raise ConsistencyError(f"{f.option}: backup heat exceeds heat delivered")
    if f.option in ("heat_pump", "mvr", "steam_hp") and f.cop:
        own = f.details.get("E_el_own_MWh_per_yr")
        made = f.heat_delivered_MWh_per_yr - f.heat_backup_MWh_per_yr
        # relative to the heat delivered: a heat pump limited to almost nothing (source_heat_kW=1e-300)
        # leaves a difference of two large numbers that is no better than rounding
        if own is not None and not math.isclose(own * f.cop, made, rel_tol=BALANCE_RTOL,
                                                abs_tol=BALANCE_RTOL * f.heat_delivered_MWh_per_yr):
            raise ConsistencyError(f"{f.option}: E_el × COP = {own * f.cop} != heat made {made}")
    if case.baseline != "gas_chp" and f.E_el_MWh_per_yr < 0:
        raise ConsistencyError(f"{f.option}: negative electricity {f.E_el_MWh_per_yr} without a CHP")


def _row(case: Case, f: EnergyFlows, base: EnergyFlows, fin: dict, case_notes: set = frozenset()) -> dict:
    nan = float("nan")
    ok = f.ok
    cap = case.grid_capacity_kW
    d = f.details
    row = {
        "case_id": case.case_id,
        "option": f.option,
        "status": f.status,
        "message": f.message,
        "cop": f.cop if ok and f.cop is not None else nan,
        "heat_delivered_MWh_per_yr": f.heat_delivered_MWh_per_yr if ok else nan,
        "P_el_kW": f.P_el_kW if ok else nan,
        "E_el_MWh_per_yr": f.E_el_MWh_per_yr if ok else nan,
        "fuel_MWh_per_yr": f.fuel_MWh_per_yr if ok else nan,
        "gas_m3_per_yr": f.gas_m3_per_yr if ok else nan,
        "co2_t_per_yr": f.co2_t_per_yr if ok else nan,
        "co2_saved_t_per_yr": (base.co2_t_per_yr - f.co2_t_per_yr) if ok else nan,
        "fits_grid": case.fits_grid(f.P_el_kW) if ok else None,  # empty: an option that does not run has no load
        "warnings": list(f.warnings),
        "best": False,
        "refrigerant": f.refrigerant,
        "hp_compressor": d.get("compressor") if ok else None,  # heatcalc.thermo.compressors: the default by type
        "heat_backup_MWh_per_yr": f.heat_backup_MWh_per_yr if ok else nan,
        # an ok option delivers the baseline's heat (its backup included): the sanity layer checks it
        "heat_unmet_MWh_per_yr": max(base.heat_delivered_MWh_per_yr - f.heat_delivered_MWh_per_yr, 0.0) if ok else nan,
        "capacity_kW_th": f.capacity_kW_th if ok else nan,
        "full_load_hours_per_yr": _full_load_hours(f) if ok else nan,
        "co2_fuel_t_per_yr": f.co2_fuel_t_per_yr if ok else nan,
        "co2_process_t_per_yr": f.co2_process_t_per_yr if ok else nan,
        "co2_grid_t_per_yr": f.co2_grid_t_per_yr if ok else nan,
        "T_evap_C": d.get("T_evap_C", nan),
        "T_cond_C": d.get("T_cond_C", nan),
        "cop_carnot": d.get("cop_carnot", nan),
        "cop_lorenz": d.get("cop_lorenz", nan),
        "grid_capacity_kW": cap if cap is not None else nan,
        # P_el_kW is the grid load the option causes: its own load plus the CHP power it replaces
        "P_el_own_kW": d.get("P_el_own_kW", f.P_el_kW) if ok else nan,
        "P_el_chp_replaced_kW": d.get("P_el_chp_replaced_kW", 0.0) if ok else nan,
    }
    # on-site NOx (options.emissions: Dutch limits / inventory factors), and saved against the baseline
    nox, nox_note = emissions.flow_nox_kg(case.baseline, f.technology, f.fuel_MWh_per_yr) if ok else (nan, "")
    nox_base = emissions.flow_nox_kg(case.baseline, base.technology, base.fuel_MWh_per_yr)[0]
    row["nox_kg_per_yr"] = nox
    row["nox_saved_kg_per_yr"] = nox_base - nox if ok else nan
    if ok and nox_note and (f.option == "baseline" or not math.isfinite(nox)):
        row["warnings"].append(nox_note.prefixed("NOx") if isinstance(nox_note, Message) else f"NOx: {nox_note}")
    for k in MONEY_COLUMNS:
        row[k] = fin.get(k, nan) if ok else ("" if k in ("voltage_level", "transport_right") else nan)
    row["subsidy_notes"] = fin.get("subsidy_notes", "") if ok else ""
    for k in CONNECTION_COLUMNS:
        row[k] = fin.get(k, nan) if ok else ("" if k in ("voltage_level", "transport_right") else nan)
    base_opex = fin.get("_baseline_opex", nan)
    row["saving_EUR_per_yr"] = (base_opex - row["opex_EUR_per_yr"]) if ok and f.option != "baseline" else nan
    notes = [n for n in fin.get("finance_notes") or [] if n not in case_notes]
    if notes and ok:
        row["warnings"] = row["warnings"] + [n.prefixed("economics") if isinstance(n, Message) else f"economics: {n}"
                                             for n in notes]
    if ok and cap is not None and not row["fits_grid"]:
        row["warnings"].append(Message(
            "grid.capacity_short", f"needs {f.P_el_kW:,.0f} kW of grid capacity, the site can get {cap:,.0f} kW",
            P_el_kW=f.P_el_kW, grid_capacity_kW=cap))
    return row


def _full_load_hours(f: EnergyFlows) -> float:
    """Full-load hours of the option's own electrical load [h/yr] (a replaced CHP's power,
    counted in ``P_el_kW`` for the grid, is not the option's own load)."""
    P_own = f.details.get("P_el_own_kW", f.P_el_kW)
    E_own = f.details.get("E_el_own_MWh_per_yr", f.E_el_MWh_per_yr)
    return E_own * 1000.0 / P_own if P_own > 0 else float("nan")


def _mark_best(rows: list[dict]) -> bool:
    cands = [r for r in rows if r["option"] != "baseline" and r["status"] == "ok" and r["fits_grid"]
             and r["co2_saved_t_per_yr"] > 0]
    if not cands:
        return False
    with_npv = [r for r in cands if isinstance(r["npv_EUR"], float) and math.isfinite(r["npv_EUR"])]
    if with_npv:
        best = max(with_npv, key=lambda r: r["npv_EUR"])
    else:
        best = max(cands, key=lambda r: r["co2_saved_t_per_yr"])
    best["best"] = True
    return True


def error_row(case_id: Any, message: str) -> dict:
    """A result row with ``status = error`` for an input row that could not be evaluated."""
    nan = float("nan")
    row = {c: nan for c in RESULT_COLUMNS + EXTRA_COLUMNS}
    row.update(case_id="" if case_id is None or (isinstance(case_id, float) and math.isnan(case_id)) else str(case_id),
               option="", status="error", message=message, fits_grid=None, warnings=[], best=False,
               refrigerant=None, subsidy_notes="", voltage_level="", transport_right="")
    return row


def evaluate_record(record: dict[str, Any]) -> list[dict]:
    """Evaluate one mapping (a CSV row) without raising for bad input.

    Returns
    -------
    list of dict
        The case's rows, or one ``status = error`` row whose message names the
        field, the value, its unit and the valid range.
    """
    cid = next((v for k, v in record.items() if str(k).strip().lower() == "case_id"), None)
    try:
        return evaluate_case(record).rows
    except InputError as exc:  # the message keeps its code: a Dutch batch writes it in Dutch
        return [error_row(cid, message_of(exc))]
    except HeatCalcError as exc:
        return [error_row(cid, message_of(exc))]
