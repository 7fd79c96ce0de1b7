"""The case schema: one process-heat demand at one site (docs/interface.md).

One :class:`Case` is built from a JSON object, a CSV row or the app's inputs, with
the same field names everywhere. Validation happens once, here, with pydantic;
inside the library a ``Case`` is trusted. Every validation error is turned into
:class:`~heatcalc.core.errors.InputError` with a message naming the field, the value
given, its unit and the valid range or choices.

Decisions where the contract is silent
--------------------------------------
* Field names are matched case-insensitively with surrounding spaces ignored;
  an unknown field in a JSON case is an error that suggests the closest known name
  (typos would otherwise silently fall back to defaults). Batch input passes
  unknown columns through instead (see ``heatcalc.batch``).
* Empty strings and NaN mean "use the default".
* ``T_source_out_C`` defaults to ``T_source_in_C − 5 K``; for ``vapour`` sources
  (condensing at constant temperature) it defaults to ``T_source_in_C``.
* ``options = all`` expands to the options that apply to the process
  (:func:`options_for_process`).
* Extensions beyond the contract: ``grid_factor`` (``average`` yearly Dutch
  production mix by default, ``average_chain`` with chain emissions, ``marginal``
  = gas-fired generation) and ``chp_eta_el`` (electrical efficiency of a CHP
  baseline, LHV; default from ``data/process_figures.csv``).
"""
from __future__ import annotations

import difflib
import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic import PrivateAttr  # the case's process streams (not a flat field)

from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message, join, message_of
from heatcalc.core.numbers import looks_like_number, normalise_number, parse_number

PROCESSES = ("heat", "lime_kiln", "glass_furnace", "dryer")
SINK_MEDIA = ("water", "steam", "air", "thermal_oil")
SOURCE_MEDIA = ("water", "air", "ambient_air", "exhaust", "vapour")
BASELINES = ("gas_boiler", "gas_chp", "gas_kiln")
#: Grid operators with tariffs in the data, and ``none`` (no network cost modelled).
GRID_OPERATORS = ("liander", "stedin", "enexis", "tennet", "none")
OPTIONS = ("heat_pump", "mvr", "steam_hp", "e_boiler", "hybrid_boiler", "electric_kiln", "hybrid_kiln", "staged")
#: 2026 and 2027 compute only with the missing energy-tax bands supplied (``--tariffs FILE``; docs/data.md).
TARIFF_YEARS = (2023, 2024, 2025, 2026, 2027)
#: Subsidy schemes of the ``subsidies`` field (docs/methods.md, "Subsidies"); ``auto`` asks for all of them.
SUBSIDY_SCHEMES = ("eia", "veki", "sde", "mia_vamil")
_QUOTE_CAPEX = "0 to 10,000,000,000 EUR (empty: the cost curve in data/costs.csv)"
_QUOTE_OM = "0 to 1,000,000,000 EUR/yr (empty: the O&M shares in data/costs.csv)"

#: Relative tolerance of "a load fits the grid capacity" (rounding of kW figures).
FIT_RTOL = 1e-9

_HEAT_OPTIONS = ("heat_pump", "mvr", "steam_hp", "e_boiler", "hybrid_boiler", "staged")
_KILN_OPTIONS = ("electric_kiln", "hybrid_kiln")

_TRUE = {"true", "yes", "1", "ja", "y", "j", "t", "waar"}
_FALSE = {"false", "no", "0", "nee", "n", "f", "onwaar"}


def options_for_process(process: str) -> tuple[str, ...]:
    """Options that ``options = all`` expands to for a process.

    ``heat`` and ``dryer`` get the heat options (a dryer's hot air is process heat;
    its exhaust vapour is a source for MVR/heat pumps); kilns and furnaces get the
    kiln options.
    """
    return _KILN_OPTIONS if process in ("lime_kiln", "glass_furnace") else _HEAT_OPTIONS


def _f(default=None, *, unit: str = "-", valid: str = "", **kw):
    if any(k in kw for k in ("gt", "ge", "lt", "le")):
        kw.setdefault("allow_inf_nan", False)  # numbers: "Input should be a finite number"
    return Field(default, json_schema_extra={"unit": unit, "valid": valid}, **kw)


class Case(BaseModel):
    """One process-heat demand at one site. Field names, units and defaults as in
    docs/interface.md has the full table."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=False)
    #: The site's process streams as given (``streams``: a file path or a list of stream objects; None: not
    #: given), and, once :func:`heatcalc.integration.case_streams.attach_streams` has read them, the validated
    #: streams and the sink's recovery band (docs/integration.md, "Streams in a case"). Kept by model_copy.
    _streams_spec: Any = PrivateAttr(default=None)
    _process_streams: tuple[Any, ...] | None = PrivateAttr(default=None)
    _sink_recovery: dict | None = PrivateAttr(default=None)

    case_id: str = _f(..., valid="a non-empty identifier", min_length=1)
    process: Literal["heat", "lime_kiln", "glass_furnace", "dryer"] = _f("heat", valid=" · ".join(PROCESSES))
    heat_demand_kW: float | None = _f(None, unit="kW", valid="0 < x ≤ 10,000,000 kW", gt=0, le=1e7)
    operating_hours_per_yr: float = _f(8000.0, unit="h/yr", valid="1 to 8784 h/yr", ge=1, le=8784)
    sink_medium: Literal["water", "steam", "air", "thermal_oil"] = _f("water", valid=" · ".join(SINK_MEDIA))
    T_sink_in_C: float | None = _f(None, unit="°C", valid="-50 to 600 °C", ge=-50, le=600)
    T_sink_out_C: float | None = _f(None, unit="°C", valid="-50 to 600 °C", ge=-50, le=600)
    source_medium: Literal["water", "air", "ambient_air", "exhaust", "vapour"] = _f(
        "water", valid=" · ".join(SOURCE_MEDIA))
    T_source_in_C: float | None = _f(None, unit="°C", valid="-50 to 600 °C", ge=-50, le=600)
    T_source_out_C: float | None = _f(None, unit="°C", valid="-50 to 600 °C", ge=-50, le=600)
    source_heat_kW: float | None = _f(None, unit="kW", valid="0 to 10,000,000 kW (empty: unlimited)", ge=0, le=1e7)
    production_t_per_yr: float | None = _f(None, unit="t/yr", valid="0 < x ≤ 100,000,000 t/yr", gt=0, le=1e8)
    specific_energy_GJ_per_t: float | None = _f(None, unit="GJ/t", valid="0 < x ≤ 100 GJ/t", gt=0, le=100)
    electrified_share: float = _f(1.0, valid="0 to 1", ge=0, le=1)
    staged_objective: Literal["npv", "co2"] = _f(
        "npv", valid="npv · co2 (what the staged option's split temperature is chosen for)")
    baseline: Literal["gas_boiler", "gas_chp", "gas_kiln"] = _f("gas_boiler", valid=" · ".join(BASELINES))
    eta_baseline: float = _f(0.90, valid="0 < x ≤ 1.1 (LHV; condensing boilers exceed 1)", gt=0, le=1.1)
    options: tuple[str, ...] = _f(("all",), valid="';'-separated from " + ", ".join(OPTIONS) + ", or all")
    refrigerant: str = _f("auto", valid="a CoolProp fluid name or auto")
    hp_topology: Literal["auto", "single", "two_stage"] = _f(
        "auto", valid="auto · single · two_stage (auto: the better COP of single stage and two-stage economiser)")
    eta_is: float = _f(0.70, valid="0 < x ≤ 1", gt=0, le=1)
    hp_capacity_kW: float | None = _f(None, unit="kW", valid="0 < x ≤ 10,000,000 kW (empty: the design, sized "
                                      "for heat_demand_kW)", gt=0, le=1e7)
    hp_min_load: float | None = _f(None, valid="0 to 1 (share of hp_capacity_kW; empty: by compressor type, "
                                   "data/compressors.csv)", ge=0, le=1)
    hp_min_run_h: float | None = _f(None, unit="h", valid="0 to 24 h (empty: no minimum run time; not published by "
                                    "compressor type: give the supplier's figure)", ge=0, le=24)
    hp_datasheet: str | None = _f(None, valid="path of a supplier datasheet CSV (T_source_in_C, T_sink_out_C, "
                                  "Q_heat_kW, P_el_kW or cop[, load_fraction]); empty: the generic design")
    dT_min_K: float = _f(5.0, unit="K", valid="0 < x ≤ 50 K", gt=0, le=50)
    price_gas_EUR_per_MWh: float | None = _f(None, unit="€/MWh HHV", valid="0 to 1000 €/MWh", ge=0, le=1000)
    price_el_EUR_per_MWh: float | None = _f(None, unit="€/MWh", valid="-500 to 5000 €/MWh", ge=-500, le=5000)
    co2_price_EUR_per_t: float | None = _f(None, unit="€/t", valid="0 to 1000 €/t", ge=0, le=1000)
    tariff_year: int = _f(2025, valid=" · ".join(map(str, TARIFF_YEARS)))
    grid_operator: Literal["liander", "stedin", "enexis", "tennet", "none"] = _f(
        "liander", valid=" · ".join(GRID_OPERATORS))
    grid_capacity_kW: float | None = _f(None, unit="kW", valid="0 to 10,000,000 kW (empty: unlimited)", ge=0,
                                        le=1e7)
    site_gas_m3_per_yr: float | None = _f(None, unit="m³/yr", valid="0 to 10,000,000,000 m³/yr", ge=0, le=1e10)
    site_el_MWh_per_yr: float = _f(0.0, unit="MWh/yr", valid="0 to 100,000,000 MWh/yr", ge=0, le=1e8)
    ets_installation: bool | None = _f(
        None, valid="true/false/yes/no/1/0/ja/nee; empty: derived (EU ETS thresholds, site_thermal_input_MW)")
    site_thermal_input_MW: float | None = _f(
        None, unit="MW", valid="0 to 10,000 MW (empty: the baseline plant's fuel rate)", ge=0, le=1e4)
    co2_dispensation_t_per_yr: float | None = _f(
        None, unit="t/yr", valid="0 to 100,000,000 t/yr (the installation's dispensation rights for the CO2 levy; "
                                 "empty: no levy saving counted, data/tariffs/prices.csv co2_levy_share_above_dispensation = 0; "
                                 "0: the levy on every tonne)", ge=0, le=1e8)
    # -- the grid connection (docs/methods.md, "The grid connection") ---------------------------------
    connection_kW: float | None = _f(
        None, unit="kW", valid="0 to 10,000,000 kW (empty: the site's other electricity use as a flat load)",
        ge=0, le=1e7)
    connection_wait_yr: float | None = _f(
        None, unit="yr", valid="0 to 30 yr (empty: data/tariffs/connection_waits.csv, else 0 with a note)",
        ge=0, le=30)
    transport_right: Literal["firm", "time_bound", "time_block", "flexible"] = _f(
        "firm", valid="firm · time_bound · time_block · flexible (ACM transport-right types)")
    transport_right_discount: float | None = _f(
        None, valid="0 to 1 (share off the capacity charges of the right's kW; empty: as the operator "
                    "publishes it in data/tariffs/transport_rights.csv)", ge=0, le=1)
    connection_charge_EUR: float | None = _f(
        None, unit="EUR", valid="0 to 1,000,000,000 EUR (empty: data/tariffs/connection_charges.csv)", ge=0, le=1e9)
    subsidies: tuple[str, ...] = _f(("eia",), valid="';'-separated from " + ", ".join(SUBSIDY_SCHEMES)
                                    + ", or auto (the best allowed combination), or none")
    discount_rate: float = _f(0.08, valid="-0.05 to 0.5", ge=-0.05, le=0.5)
    lifetime_yr: int = _f(15, unit="yr", valid="1 to 50 yr", ge=1, le=50)
    # -- finance rules: integration costs, after-tax cash flow, loan, ETS free allocation (docs/interface.md) --
    integration_cost_share: float | None = _f(
        None, valid="0 to 3 (share of the curve CAPEX for piping, electrical, civil works and engineering; empty: "
                    "data/integration_costs.csv; 0: none)", ge=0, le=3)
    cash_flow: Literal["pre_tax_real", "after_tax"] = _f(
        "pre_tax_real", valid="pre_tax_real · after_tax (after_tax adds npv_after_tax_EUR and irr_after_tax)")
    depreciation_yr: int | None = _f(None, unit="yr", valid="1 to 50 yr (empty: lifetime_yr)", ge=1, le=50)
    company_profit_EUR_per_yr: float | None = _f(
        None, unit="EUR/yr", valid="0 to 100,000,000,000 EUR/yr (the company's other taxable profit; empty: above "
                                   "the first tax bracket, so the project meets the top rate)", ge=0, le=1e11)
    loan_share: float = _f(0.0, valid="0 to 1 (share of the net investment borrowed)", ge=0, le=1)
    loan_rate: float | None = _f(None, valid="-0.05 to 0.5 (real interest rate of the loan; required when a share "
                                 "of the investment is borrowed)", ge=-0.05, le=0.5)
    loan_tenor_yr: int | None = _f(None, unit="yr", valid="1 to 50 yr (empty: lifetime_yr)", ge=1, le=50)
    ets_free_allocation_t_per_yr: float | None = _f(
        None, unit="t/yr", valid="0 to 100,000,000 t/yr (free EU ETS allowances of the sub-installation the option "
                                 "changes; empty: none assumed)", ge=0, le=1e8)
    ets_allocation_lost: bool = _f(
        False, valid="true/false/yes/no/1/0/ja/nee (true: the option's lower activity level ends that allocation)")
    # -- heatcalc extensions (not in the contract) ----------------------------------------
    grid_factor: Literal["average", "average_chain", "marginal"] = _f(
        "average", valid="average · average_chain · marginal (grid electricity CO2 factor)")
    chp_eta_el: float | None = _f(None, valid="0 < x < 0.7 (LHV; empty: data default)", gt=0, lt=0.7)
    # -- a supplier's quote replaces the cost curve: capex_<option>_EUR, om_<option>_EUR_per_yr ---------
    capex_heat_pump_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    capex_mvr_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    capex_steam_hp_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    capex_e_boiler_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    capex_hybrid_boiler_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    capex_electric_kiln_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    capex_hybrid_kiln_EUR: float | None = _f(None, unit="EUR", valid=_QUOTE_CAPEX, ge=0, le=1e10)
    om_heat_pump_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)
    om_mvr_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)
    om_steam_hp_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)
    om_e_boiler_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)
    om_hybrid_boiler_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)
    om_electric_kiln_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)
    om_hybrid_kiln_EUR_per_yr: float | None = _f(None, unit="EUR/yr", valid=_QUOTE_OM, ge=0, le=1e9)

    # -- field-level coercion -------------------------------------------------------
    @field_validator("case_id", mode="before")
    @classmethod
    def _case_id_str(cls, v):
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip() if v is not None else v

    @field_validator("process", "sink_medium", "source_medium", "baseline", "grid_operator", "grid_factor",
                     "transport_right", "staged_objective", "cash_flow",
                     mode="before")
    @classmethod
    def _lower(cls, v):
        return v.strip().lower() if isinstance(v, str) else v

    @field_validator("refrigerant", mode="before")
    @classmethod
    def _refrigerant(cls, v):
        v = str(v).strip()
        return "auto" if v.lower() == "auto" else v

    @field_validator("ets_installation", "ets_allocation_lost", mode="before")
    @classmethod
    def _bool(cls, v):
        if v is None or isinstance(v, bool):
            return v
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        s = str(v).strip().lower()
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
        raise ValueError(Message("input.not_yes_no", "not a yes/no value"))

    @field_validator("tariff_year", mode="before")
    @classmethod
    def _year(cls, v):
        if isinstance(v, str):
            v = v.strip()
        try:
            f = float(v)
        except (TypeError, ValueError):
            raise ValueError(Message("input.not_a_year", "not a year")) from None
        if not f.is_integer() or int(f) not in TARIFF_YEARS:
            raise ValueError(Message("input.year_no_tariffs", "year without tariff data"))
        return int(f)

    @field_validator("lifetime_yr", "depreciation_yr", "loan_tenor_yr", mode="before")
    @classmethod
    def _int_years(cls, v):
        try:
            f = float(str(v).strip()) if isinstance(v, str) else float(v)
        except (TypeError, ValueError):
            raise ValueError(Message("input.not_a_number", "not a number")) from None
        if not f.is_integer():
            raise ValueError(Message("input.whole_years", "must be whole years"))
        return int(f)

    @field_validator("options", mode="before")
    @classmethod
    def _options(cls, v):
        if isinstance(v, str):
            items = [p.strip().lower() for p in v.replace(",", ";").split(";") if p.strip()]
        elif isinstance(v, (list, tuple)) and all(isinstance(p, str) for p in v):
            items = [p.strip().lower() for p in v]
        else:
            raise ValueError(Message("input.options_not_text",
                                     "not a text of ';'-separated option names (or a list of them)"))
        if not items:
            return ("all",)
        bad = [p for p in items if p not in OPTIONS and p != "all"]
        if bad:
            raise ValueError(Message("input.unknown_option", f"unknown option {bad[0]!r}", name=repr(bad[0])))
        return tuple(dict.fromkeys(items))

    @field_validator("subsidies", mode="before")
    @classmethod
    def _subsidies(cls, v):
        if isinstance(v, str):
            items = [p.strip().lower() for p in v.replace(",", ";").split(";") if p.strip()]
        elif isinstance(v, (list, tuple)) and all(isinstance(p, str) for p in v):
            items = [p.strip().lower() for p in v]
        else:
            raise ValueError(Message("input.schemes_not_text",
                                     "not a text of ';'-separated scheme names (or a list of them)"))
        bad = [p for p in items if p not in SUBSIDY_SCHEMES and p not in ("auto", "none")]
        if bad:
            raise ValueError(Message("input.unknown_scheme", f"unknown scheme {bad[0]!r}", name=repr(bad[0])))
        items = [p for p in items if p != "none"]
        return ("auto",) if "auto" in items else tuple(dict.fromkeys(items))

    # -- cross-field rules ------------------------------------------------------------
    @model_validator(mode="after")
    def _cross(self):
        if self.process == "heat":
            for name in ("heat_demand_kW", "T_sink_in_C", "T_sink_out_C"):
                if getattr(self, name) is None:
                    raise _CrossFieldError(name, None, Message("input.required_for_process", f"{name} is required when "
                                                                "process = heat", field=name, process_value="heat"))
        if self.process == "dryer" and self.heat_demand_kW is None:
            raise _CrossFieldError("heat_demand_kW", None, Message(
                "input.required_for_process", "heat_demand_kW is required when process = dryer",
                field="heat_demand_kW", process_value="dryer"))
        if self.process in ("lime_kiln", "glass_furnace") and self.production_t_per_yr is None:
            raise _CrossFieldError("production_t_per_yr", None, Message(
                "input.required_for_process", f"production_t_per_yr is required when process = {self.process}",
                field="production_t_per_yr", process_value=self.process))
        if self.T_sink_in_C is not None and self.T_sink_out_C is not None and self.T_sink_out_C <= self.T_sink_in_C:
            raise _CrossFieldError(
                "T_sink_out_C", self.T_sink_out_C,
                Message("input.sink_out_not_above_in", f"T_sink_out_C={self.T_sink_out_C:g} °C must be above "
                        f"T_sink_in_C={self.T_sink_in_C:g} °C", T_out_C=self.T_sink_out_C, T_in_C=self.T_sink_in_C))
        if self.T_source_out_C is not None:
            if self.T_source_in_C is None:
                raise _CrossFieldError("T_source_in_C", None, Message(
                    "input.source_in_required", "T_source_in_C is required when T_source_out_C is given"))
            if self.T_source_out_C > self.T_source_in_C:
                raise _CrossFieldError(
                    "T_source_out_C", self.T_source_out_C,
                    Message("input.source_out_above_in", f"T_source_out_C={self.T_source_out_C:g} °C must not be "
                            f"above T_source_in_C={self.T_source_in_C:g} °C (the waste-heat stream is cooled)",
                            T_out_C=self.T_source_out_C, T_in_C=self.T_source_in_C))
        if self.baseline == "gas_kiln" and self.process not in ("lime_kiln", "glass_furnace"):
            raise _CrossFieldError("baseline", self.baseline, Message(
                "input.gas_kiln_process", "baseline=gas_kiln needs process = lime_kiln or glass_furnace"))
        if self.loan_share > 0 and self.loan_rate is None:
            raise _CrossFieldError("loan_rate", None, Message(
                "input.loan_rate_required", "loan_rate is required for a loan (a share of "
                f"{self.loan_share:g} of the net investment borrowed)", share=self.loan_share))
        if self.process in ("lime_kiln", "glass_furnace") and self.baseline != "gas_kiln":
            self.baseline = "gas_kiln"
        return self

    # -- derived ----------------------------------------------------------------------
    @property
    def T_source_out_eff_C(self) -> float | None:
        """Source outlet temperature with the contract's default applied [°C]."""
        if self.T_source_out_C is not None:
            return self.T_source_out_C
        if self.T_source_in_C is None:
            return None
        return self.T_source_in_C if self.source_medium == "vapour" else self.T_source_in_C - 5.0

    @property
    def grid_limit_kW(self) -> float:
        """Grid capacity for the new load [kW] as a number: ``math.inf`` when unlimited.

        Unlimited capacity has one encoding at each boundary: an empty ``grid_capacity_kW``
        (``None``) in the case, ``NaN`` (JSON ``null``) in result rows and tables, and
        ``math.inf`` inside calculations, which take it from here.
        """
        return math.inf if self.grid_capacity_kW is None else float(self.grid_capacity_kW)

    def fits_grid(self, P_el_kW: float) -> bool:
        """Whether an electrical load [kW] fits the grid capacity (relative tolerance :data:`FIT_RTOL`)."""
        return P_el_kW <= self.grid_limit_kW * (1 + FIT_RTOL)

    @property
    def cost_quotes(self) -> dict[str, dict]:
        """Supplier quotes given in the case: ``{option: {"capex_EUR": ..., "om_EUR_per_yr": ...}}``."""
        out: dict[str, dict] = {}
        for o in OPTIONS:
            for key, field in (("capex_EUR", f"capex_{o}_EUR"), ("om_EUR_per_yr", f"om_{o}_EUR_per_yr")):
                v = getattr(self, field, None)  # options without quote fields (staged)
                if v is not None:
                    out.setdefault(o, {})[key] = float(v)
        return out

    @property
    def selected_options(self) -> tuple[str, ...]:
        """The options to evaluate, with ``all`` expanded for the process."""
        if "all" in self.options:
            return options_for_process(self.process)
        return self.options

    def to_dict(self) -> dict:
        """Inputs with defaults filled, as JSON-ready values (options joined by ';')."""
        d = self.model_dump()
        d["options"] = ";".join(self.options)
        d["subsidies"] = ";".join(self.subsidies) or "none"
        if self._streams_spec is not None:  # the process streams only when given: other cases print as before
            d["streams"] = self._streams_spec
        return d

    # -- the site's process streams (optional; docs/integration.md, "Streams in a case") --------------
    @property
    def streams(self):
        """The ``streams`` input as given: a file path (absolute once read by :func:`load_case`), a list of
        stream objects, or ``None``."""
        return self._streams_spec

    @property
    def process_streams(self) -> tuple | None:
        """The validated process streams (``ProcessStream``), ``None`` until
        :func:`heatcalc.integration.case_streams.attach_streams` has read them."""
        return self._process_streams

    @property
    def sink_recovery(self) -> dict | None:
        """The sink's heat-recovery band from the process streams (``Q_kW``, ``T_to_C``, ...), set with the
        validated streams; ``None`` without streams or before they are read."""
        return self._sink_recovery

    def with_process_streams(self, streams, sink_recovery: dict | None) -> "Case":
        """A copy of the case carrying its validated process streams and the sink's recovery band."""
        c = self.model_copy()
        c._process_streams = tuple(streams)
        c._sink_recovery = None if sink_recovery is None else dict(sink_recovery)
        return c

    def _with_streams_spec(self, spec) -> "Case":
        self._streams_spec = spec
        return self

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Case":
        """Validate a mapping (JSON object, CSV row, app inputs) into a Case.

        Keys are matched case-insensitively, ignoring surrounding spaces; empty
        strings, ``None`` and NaN mean "default".

        Raises
        ------
        InputError
            Naming the field, the value, its unit and the valid range.
        """
        if not isinstance(data, dict):
            raise InputError(f"a case must be a JSON object / mapping, got {type(data).__name__}")
        fields = {k.lower(): k for k in cls.model_fields}
        clean: dict[str, Any] = {}
        streams_spec = None
        for key, value in data.items():
            k = str(key).strip()
            if k.lower() == "proposal":  # the report's proposal block (customer, site, ...): not a case input
                continue
            if k.lower() == "streams":  # the site's process streams: a file or a list, not a flat field
                streams_spec = None if _is_blank(value) else check_streams_spec(value)
                continue
            name = fields.get(k.lower())
            if name is None:
                close = difflib.get_close_matches(k.lower(), list(fields), n=1)
                hint = f"; did you mean {fields[close[0]]}?" if close else ""
                raise InputError(f"unknown field {k!r}{hint} (known fields: see docs/interface.md)")
            if _is_blank(value):
                continue
            _check_json_type(name, value)
            if isinstance(value, str) and name not in _TEXT_FIELDS:
                value = _parse_number_text(value, name)
                if _is_blank(value):  # the text "NaN"
                    continue
            clean[name] = value
        try:
            return cls(**clean)._with_streams_spec(streams_spec)
        except _CrossFieldError as exc:
            raise exc.as_input_error() from None
        except ValidationError as exc:
            raise validation_error_to_input_error(exc, clean) from None


_TEXT_FIELDS = {"case_id", "process", "sink_medium", "source_medium", "baseline", "options", "subsidies", "refrigerant",
                "grid_operator", "ets_installation", "grid_factor", "transport_right", "staged_objective",
                "cash_flow", "ets_allocation_lost"}


def _check_json_type(name: str, value) -> None:
    """Refuse a value of the wrong kind before the schema coerces it: ``true`` for a number or a
    name, a list or an object for anything but ``options``."""
    if isinstance(value, bool) and name not in ("ets_installation", "ets_allocation_lost"):
        kind = Message("input.kind_bool", "true/false")
    elif isinstance(value, (dict, list, tuple)) and name not in ("options", "subsidies"):
        kind = Message("input.kind_object", "an object") if isinstance(value, dict) else Message("input.kind_list",
                                                                                                   "a list")
    else:
        return
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    meta = field_meta(name)
    unit = f" [{meta['unit']}]" if meta["unit"] not in ("-", "") else ""
    raise InputError(Message("input.json_type", f"{name}={shown} is invalid: {kind} is not a value of this "
                             f"field{unit}; valid: {meta['valid']}", field=name, value=shown, kind=kind, unit=unit,
                             valid=meta["valid"]))


def _is_blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and v.strip() == ""


def _parse_number_text(s: str, name: str = ""):
    """A number from text with either decimal mark, by the batch reader's rule
    (:func:`heatcalc.core.numbers.normalise_number` without a known mark): both marks, the last is the decimal;
    a mark used twice groups thousands; a single mark before exactly three digits (``2.500``, ``1,125``) is
    ambiguous and refused naming the field, never read as 2.5 or 2500 silently. Other text (``nan``, ``inf``,
    words) goes through :func:`~heatcalc.core.numbers.parse_number` or comes back stripped, for the schema to
    reject with its message."""
    t = s.strip()
    if t in ("", "-", "–"):
        return t
    if looks_like_number(t):
        try:
            return float(normalise_number(t, None)[0])
        except ValueError as exc:
            meta = field_meta(name) if name in Case.model_fields else {"unit": "-", "valid": "a number"}
            unit = f" [{meta['unit']}]" if meta["unit"] not in ("-", "") else ""
            raise InputError(Message("input.number_not_read", f"{name}={t!r}{unit} is not read: {exc}; valid: "
                                     f"{meta['valid']}", field=name, value=repr(t), unit=unit,
                                     why=message_of(exc), valid=meta["valid"])) from None
    try:
        return parse_number(t)
    except ValueError:
        return t


class _CrossFieldError(ValueError):
    def __init__(self, field: str, value, message: str):
        super().__init__(message)
        self.field, self.value, self.message = field, value, message

    def as_input_error(self) -> InputError:
        meta = field_meta(self.field)
        unit = f" [{meta['unit']}]" if meta["unit"] != "-" else ""
        return InputError(Message("input.cross_field", f"{self.message} (field {self.field}{unit}; valid: "
                                  f"{meta['valid']})", reason=self.message, field=self.field, unit=unit,
                                  valid=meta["valid"]))


def field_meta(name: str) -> dict:
    """Unit, valid range (as text) and numeric bounds of a case field.

    Returns
    -------
    dict
        ``unit``, ``valid`` (the text every error message quotes), ``min`` and ``max`` (the
        schema's bounds, ``None`` where there is none) and ``min_exclusive``/``max_exclusive``
        (whether the bound itself is invalid). The app takes its input ranges from here.
    """
    f = Case.model_fields.get(name)
    extra = (f.json_schema_extra or {}) if f is not None else {}
    out = {"unit": extra.get("unit", "-"), "valid": extra.get("valid", ""), "min": None, "max": None,
           "min_exclusive": False, "max_exclusive": False}
    for m in (f.metadata if f is not None else []):
        for attr, key, excl in (("ge", "min", False), ("gt", "min", True), ("le", "max", False),
                                ("lt", "max", True)):
            if getattr(m, attr, None) is not None:
                out[key], out[key + "_exclusive"] = float(getattr(m, attr)), excl
    return out


def validation_error_to_input_error(exc: ValidationError, given: dict) -> InputError:
    """Turn pydantic's error into one message: field, value, unit, valid range."""
    msgs = []
    for err in exc.errors():
        loc = err.get("loc") or ("?",)
        name = str(loc[0])
        ctx_err = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_err, _CrossFieldError):
            return ctx_err.as_input_error()
        meta = field_meta(name)
        value = given.get(name, err.get("input"))
        unit = f" {meta['unit']}" if meta["unit"] not in ("-", "") and value is not None else ""
        why = _why(err)
        if err.get("type") == "missing":
            msgs.append(Message("input.required", f"{name} is required ({meta['valid']})", field=name,
                                valid=meta["valid"]))
        else:
            msgs.append(Message("input.invalid", f"{name}={value!r}{unit} is invalid: {why}; valid: {meta['valid']}",
                                field=name, value=repr(value), unit=unit, why=why, valid=meta["valid"]))
    return InputError(join(msgs))


def _why(err: dict) -> str:
    """Why a value was refused, as a message: a validator's own message, else pydantic's text with its
    error type as the code (``input.pydantic.greater_than``) and its limits as parameters."""
    text = err.get("msg", "invalid").removeprefix("Value error, ")
    ctx = err.get("ctx") or {}
    if isinstance(ctx.get("error"), Exception):
        m = message_of(ctx["error"])
        return m if isinstance(m, Message) else text
    params = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in ctx.items()
              if isinstance(v, (int, float, str)) and not isinstance(v, bool)}
    return Message(f"input.pydantic.{err.get('type', 'invalid')}", text, **params)


def load_case(path) -> Case:
    """Read one case from a JSON file.

    Raises
    ------
    InputError
        When the file cannot be read, is not JSON, or the case is invalid.
    """
    import json
    from pathlib import Path

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"case file {str(p)!r} cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"case file {str(p)!r} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise InputError(f"case file {str(p)!r} is nested too deeply: a case is one JSON object whose values "
                         "are numbers, text or true/false") from None
    except ValueError as exc:  # an integer of more than 4300 digits
        why = "a number has too many digits" if "digits" in str(exc) else str(exc)
        raise InputError(f"case file {str(p)!r} cannot be read as JSON: {why}") from None
    if isinstance(data, dict) and "case" in data and isinstance(data["case"], dict):
        data = data["case"]  # accept the output of `heatcalc evaluate --json` as input
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a text", bool: "true/false", type(None): "null"}.get(type(data), "a number")
        raise InputError(f"case file {str(p)!r} holds {kind}: a case is one JSON object of fields "
                         '(such as {"heat_demand_kW": 1000}; see docs/interface.md)')
    if any(not str(k).strip() for k in data):
        raise InputError(f"case file {str(p)!r} has a key that is empty text (''): every key is a case field "
                         "(see docs/interface.md)")
    data = _streams_relative_to(data, p.parent)
    try:
        return Case.from_dict(data)
    except InputError as exc:
        if str(exc).startswith("unknown field"):  # a key as the user wrote it: say where it was written
            raise InputError(f"case file {str(p)!r}: {exc}") from None
        raise


# -- the site's process streams (docs/integration.md, "Streams in a case") -------------------------------
#: What the ``streams`` input may be (the text every error about it quotes).
STREAMS_VALID = ("a .csv or .json stream table (path relative to the case file) or a list of stream objects "
                 "with name, T_supply_C, T_target_C and CP_kW_per_K (docs/integration.md)")


def check_streams_spec(value):
    """The ``streams`` input checked for its form: a path to an existing file (text) or a non-empty list of
    objects. The streams themselves (columns, values, units, ranges) are validated when they are read
    (:func:`heatcalc.integration.case_streams.attach_streams`).

    Raises
    ------
    InputError
        Naming the field, the value and what is valid.
    """
    from pathlib import Path

    if isinstance(value, str):
        text = value.strip()
        p = Path(text)
        if not p.is_file():
            raise InputError(f"streams={value!r}: the streams file does not exist or is not a file (looked for "
                             f"{str(p.resolve())!r}); valid: {STREAMS_VALID}")
        return text
    if isinstance(value, (list, tuple)):
        if not value:
            raise InputError(f"streams=[] holds no stream; valid: {STREAMS_VALID}")
        for i, rec in enumerate(value, start=1):
            if not isinstance(rec, dict):
                shown = repr(rec) if len(repr(rec)) <= 40 else repr(rec)[:37] + "..."
                raise InputError(f"streams stream {i}: {shown} is {type(rec).__name__}, not an object of columns; "
                                 f"valid: {STREAMS_VALID}")
        return [dict(rec) for rec in value]
    kind = {dict: "an object", bool: "true/false"}.get(type(value), type(value).__name__)
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    raise InputError(f"streams={shown} is {kind}; valid: {STREAMS_VALID}")


def _streams_relative_to(data: dict, base) -> dict:
    """The case's ``streams`` file path made absolute against ``base`` (the case file's folder)."""
    from pathlib import Path

    for key, value in data.items():
        if str(key).strip().lower() == "streams" and isinstance(value, str) and value.strip():
            path = Path(value.strip())
            if not path.is_absolute():
                return {**data, key: str((Path(base) / path).resolve())}
    return data
