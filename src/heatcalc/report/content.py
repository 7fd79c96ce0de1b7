"""What the report says: the context that the template renders, built from a case and
its result rows (summary, options, grid, before/after, economics, products, assumptions with sources).
"""
from __future__ import annotations

import base64
import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heatcalc import __version__
from heatcalc.case import field_meta
from heatcalc.columns import EXTRA_FORMATS, ROW_FORMATS
from heatcalc.core.datafiles import load_table, read_csv, source_text
from heatcalc.core.errors import HeatCalcError, InputError, TariffDataError
from heatcalc.core.numbers import LANGS, format_value, localise
from heatcalc.core.numbers import is_finite_number as _finite
from heatcalc.money.economics import MC_RANGES, monte_carlo
from heatcalc.options.products import match_products
from heatcalc.present.i18n import all_text_keys, choice_label, column_label, field_label, t, unit_text
from heatcalc.present.messages import render as render_message


def tr(key: str, lang: str, **kw) -> str:
    """Report text ``key`` in ``lang`` from the one text table (:func:`heatcalc.present.i18n.t`)."""
    return t(key, lang, **kw)


def check_lang(lang: str) -> str:
    """Validate a report language.

    Raises
    ------
    InputError
        If ``lang`` is not ``en`` or ``nl``.
    """
    lang = str(lang).strip().lower()
    if lang not in LANGS:
        raise InputError(f"--lang={lang} is out of range: valid is one of {', '.join(LANGS)}")
    return lang


# --------------------------------------------------------------------------------------
# numbers


def fmt_value(v: Any, spec: str, lang: str) -> str:
    """A number formatted with ``spec`` as in the evaluate table, localised; ``–``
    for missing or non-finite values, ``yes``/``no`` for booleans.

    Examples
    --------
    >>> fmt_value(1234.56, "{:,.1f}", "nl")
    '1.234,6'
    >>> fmt_value(float("nan"), "{:.2f}", "en")
    '–'
    """
    if isinstance(v, bool):
        return tr("yes" if v else "no", lang)
    if not _finite(v):
        return "–"
    return format_value(v, spec, lang)


def fmt_col(row: dict | None, col: str, lang: str) -> str:
    """A result column of a row, formatted as in the evaluate table."""
    if row is None:
        return "–"
    spec = ROW_FORMATS.get(col) or EXTRA_FORMATS.get(col) or "{}"
    return fmt_value(row.get(col), spec, lang)


# --------------------------------------------------------------------------------------
# assumptions
def _src_text(ids: Any) -> str:
    if ids is None or (isinstance(ids, float) and math.isnan(ids)):
        return ""
    try:
        return source_text(str(ids))
    except Exception:  # a free-text source (not an id list) is shown as written
        return str(ids)


def _clean(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _rows_of(df, cols: tuple[str, ...]) -> list[dict]:
    return [{c: _clean(r.get(c)) for c in cols} for r in df.to_dict("records")]


def _notes_suffix(r: dict) -> str:
    """`` — notes`` of a data row, or empty when it has none."""
    return f" — {r['notes']}" if r.get("notes") else ""


def _case_value(case, name: str, lang: str) -> str:
    """A case field as shown in the case group (``–`` or the default's origin when unset)."""
    v = getattr(case, name)
    if isinstance(v, tuple):
        v = ";".join(v)
    if v is None:
        if name in ("grid_capacity_kW", "source_heat_kW"):
            v = tr("unlimited", lang)
        elif name in ("price_gas_EUR_per_MWh", "price_el_EUR_per_MWh", "co2_price_EUR_per_t"):
            v = tr("from_tariff_data", lang, year=case.tariff_year)
        else:
            v = "–"
    elif isinstance(v, bool):
        v = tr("yes" if v else "no", lang)
    elif isinstance(v, float):
        v = localise(f"{v:g}", lang)
    return str(v)


#: Case fields that only kilns and furnaces use.
_KILN_FIELDS = ("production_t_per_yr", "specific_energy_GJ_per_t", "electrified_share")

#: Case fields whose empty value still says something (unlimited, prices from the tariff data).
_MEANINGFUL_EMPTY = ("grid_capacity_kW", "source_heat_kW", "price_gas_EUR_per_MWh", "price_el_EUR_per_MWh",
                     "co2_price_EUR_per_t")


def _field_used(case, name: str, given) -> bool:
    """Whether a case field belongs in this case's appendix: given, or a default the calculation used
    (kiln fields only for kilns, empty optional fields only where empty means something)."""
    if name in given:
        return True
    if name in _KILN_FIELDS and case.process not in ("lime_kiln", "glass_furnace"):
        return False
    return getattr(case, name) is not None or name in _MEANINGFUL_EMPTY


def _case_group(res, lang: str) -> dict:
    """The case inputs, one row per case field, marked as given or default.

    Returns
    -------
    dict
        The group (``title`` and ``rows``).
    """
    case = res.case
    given = case.model_fields_set
    rows = []
    for name in type(case).model_fields:
        if not _field_used(case, name, given):
            continue
        unit = field_meta(name)["unit"]
        label = field_label(name, lang)
        label = label[:label.rindex(" [")] if label.endswith("]") and " [" in label else label
        numeric = isinstance(getattr(case, name), (int, float)) and not isinstance(getattr(case, name), bool)
        rows.append({"quantity": label, "value": _case_value(case, name, lang),
                     "unit": unit if numeric and unit != "-" else "",
                     "source": tr("col_given" if name in given else "col_default", lang), "confidence": ""})
    return {"title": tr("a_case", lang), "rows": rows}


def _price_group(res, lang: str) -> dict | None:
    """The prices used by the best (or first) option, then the tariff-year prices with their sources.

    Returns
    -------
    dict or None
        The group, or None when there is no price to list.
    """
    case = res.case
    given = case.model_fields_set
    ref = res.best or (res.rows[0] if res.rows else {})
    price_rows = []
    for col, q in (("price_el_EUR_per_MWh_used", "price_el_EUR_per_MWh"),
                   ("price_gas_EUR_per_MWh_used", "price_gas_EUR_per_MWh"),
                   ("co2_price_EUR_per_t_used", "co2_price_EUR_per_t")):
        v = ref.get(col)
        if _finite(v):
            price_rows.append({"quantity": field_label(q, lang), "value": fmt_col(ref, col, lang), "unit": "",
                               "source": tr("col_given" if q in given else "col_default", lang), "confidence": ""})
    try:
        df = load_table("tariffs/prices.csv")
        df = df[df["year"].astype(str).str.strip() == str(case.tariff_year)]
        for r in _rows_of(df, ("quantity", "value", "unit", "source", "confidence", "notes")):
            r["source"] = _src_text(r["source"]) + _notes_suffix(r)
            price_rows.append(r)
    except TariffDataError:  # prices.csv unreadable: the used prices are still listed
        pass
    if not price_rows:
        return None
    return {"title": tr("a_prices", lang, year=case.tariff_year), "rows": price_rows}


#: Data rows that belong to one process, baseline or option, by the start of their quantity name;
#: other rows apply to every case.
_QUANTITY_OWNERS = (("lime_", "lime_kiln"), ("calcination_", "lime_kiln"), ("glass_", "glass_furnace"),
                    ("gas_kiln", "gas_kiln"), ("chp_", "gas_chp"), ("e_boiler", "e_boiler"),
                    ("hybrid_boiler", "hybrid_boiler"), ("hybrid_kiln", "hybrid_kiln"),
                    ("electric_kiln", "electric_kiln"), ("mvr", "mvr"), ("steam_hp", "steam_hp"))


def _case_tags(res) -> set[str]:
    """The process, baseline and evaluated options of a case (what its data rows may belong to)."""
    case = res.case
    tags = {case.process, case.baseline} | {r["option"] for r in res.rows if r.get("status") == "ok"}
    if "hybrid_boiler" in tags:
        tags.add("e_boiler")  # a hybrid boiler is an e-boiler beside the gas boiler
    return tags


def _quantity_used(res, quantity: str) -> bool:
    """Whether a data row (by its quantity name) applies to this case."""
    q = str(quantity).strip().lower()
    tags = _case_tags(res)
    for prefix, owner in _QUANTITY_OWNERS:
        if q.startswith(prefix):
            return owner in tags
    return True


def _factor_groups(res, lang: str) -> list[dict]:
    """The emission factors and the process figures, each a group.

    Returns
    -------
    list of dict
        The groups read before the first file that could not be read.
    """
    groups = []
    try:
        for title, name in (("a_emissions", "emission_factors.csv"), ("a_figures", "process_figures.csv")):
            df = read_csv(name)
            cols = ("quantity", "value", "unit", "year", "source", "confidence", "notes")
            df = df.reindex(columns=list(cols))
            rows = [{**r, "source": r["source"] + _notes_suffix(r)}
                    for r in _rows_of(df, cols) if _quantity_used(res, r["quantity"])]
            if name == "emission_factors.csv":  # the NOx rows get a group of their own (_nox_group)
                rows = [r for r in rows if not _is_nox_quantity(r["quantity"])]
            groups.append({"title": tr(title, lang), "rows": rows})
            if name == "emission_factors.csv":
                groups.append(_nox_group(res, df, lang))
    except HeatCalcError:
        pass
    return [g for g in groups if g is not None]


#: The emission-factor rows each plant's NOx factor is computed from (heatcalc.options.emissions).
_NOX_QUANTITIES = {"boiler": ("nox_limit_gas_boiler", "o2_reference_boiler"),
                   "gas_engine_chp": ("nox_ef_gas_engine_chp",)}


def _is_nox_quantity(quantity: str) -> bool:
    """Whether an emission-factor row is a NOx figure (a factor, a limit, or the limit's reference O2)."""
    return str(quantity).startswith(("nox_", "o2_reference"))


def _nox_group(res, df, lang: str) -> dict | None:
    """The NOx factor each gas-burning plant of the case uses, with the Dutch emission limit it assumes,
    then the data rows behind them (value, source, and the notes naming the limit).

    Returns
    -------
    dict or None
        None when no row of the case has a NOx figure.
    """
    from heatcalc.options import emissions

    if not any(_finite(r.get("nox_kg_per_yr")) for r in res.rows):
        return None
    plants = [emissions.NOX_TECHNOLOGY.get(res.case.baseline, "kiln")]
    if any(r.get("option") in ("hybrid_kiln", "electric_kiln") and r.get("status") == "ok" for r in res.rows):
        plants.append("kiln")
    rows = []
    for plant in dict.fromkeys(plants):
        _, note = emissions.nox_ef_g_per_GJ_LHV(plant)
        rows.append({"quantity": render_message(note, lang, "long", context=False),  # it names the factor
                     "value": "", "unit": "", "year": "", "source": "", "confidence": ""})
    cols = ("quantity", "value", "unit", "year", "source", "confidence", "notes")
    other = {q for p, qs in _NOX_QUANTITIES.items() if p not in plants for q in qs}  # another plant's figures
    rows += [{**r, "source": r["source"] + _notes_suffix(r)} for r in _rows_of(df, cols)
             if _is_nox_quantity(r["quantity"]) and r["quantity"] not in other]
    return {"title": tr("a_nox", lang), "rows": rows}


def _cost_group(res, lang: str) -> dict:
    """The cost data of the technologies evaluated without error, the grid connection and the baseline."""
    techs = {r["option"] for r in res.rows if r.get("status") == "ok"} | {"grid_connection", res.case.baseline}
    df = load_table("costs.csv")
    df = df[df["technology"].isin(techs)]
    return {"title": tr("a_costs", lang), "rows": [
        {"quantity": f"{r['technology']}: {r['parameter']}", "value": r["value"], "unit": r["unit"],
         "year": r["year"], "source": _src_text(r["source"]) + _notes_suffix(r), "confidence": r["confidence"]}
        for r in _rows_of(df.reindex(columns=["technology", "parameter", "value", "unit", "year", "source",
                                              "confidence", "notes"]),
                          ("technology", "parameter", "value", "unit", "year", "source", "confidence", "notes"))]}


def _subsidy_group(res, lang: str) -> dict:
    """The subsidy and tax-relief schemes."""
    df = load_table("subsidies.csv")
    used = _schemes_used(res)
    df = df[df["scheme"].astype(str).str.strip().isin(used)]
    cols = ("scheme", "quantity", "value", "unit", "year", "source", "confidence", "notes")
    return {"title": tr("a_subsidies", lang), "rows": [
        {"quantity": f"{r['scheme']}: {r['quantity']}", "value": r["value"], "unit": r["unit"], "year": r["year"],
         "source": _src_text(r["source"]) + _notes_suffix(r), "confidence": r["confidence"]}
        for r in _rows_of(df.reindex(columns=list(cols)), cols)]}


#: Subsidy schemes: name in data/subsidies.csv, the result column of its amount, its key in a row's
#: ``subsidies_on``.
_SCHEMES = (("EIA", "subsidy_eia_EUR", "eia"), ("VEKI", "subsidy_veki_EUR", "veki"),
            ("SDE++", "subsidy_sde_EUR_per_yr", "sde"))


def _scheme_on(row: dict, scheme: str, col: str, key: str) -> bool:
    """Whether a scheme was applied to (switched on for) an option row."""
    on = row.get("subsidies_on")
    if isinstance(on, (list, tuple)):
        return key in on
    v = row.get(col)
    return (_finite(v) and v != 0) or scheme.lower() in str(row.get("subsidy_notes") or "").lower()


def _schemes_used(res) -> set[str]:
    """Schemes switched on for the proposed option (EIA brings the corporate tax rate it uses)."""
    row = res.best or next((r for r in res.rows[1:] if r.get("status") == "ok"), None)
    if row is None:
        return set()
    used = {s for s, col, key in _SCHEMES if _scheme_on(row, s, col, key)}
    if "EIA" in used:
        used.add("corporate_tax")
    return used


def _tax_group(res, lang: str) -> dict:
    """The energy-tax bands of the case's tariff year."""
    year = res.case.tariff_year
    df = load_table("tariffs/energy_tax.csv")
    df = df[df["year"].astype(str).str.strip() == str(year)]
    return {"title": tr("a_tax", lang, year=year), "rows": [
        {"quantity": f"{r['carrier']} {r['band']} ({r['band_from']}–{r['band_to'] or '…'} {r['volume_unit']})",
         "value": r["value"], "unit": r["unit"], "source": _src_text(r["source"]), "confidence": r["confidence"]}
        for r in _rows_of(df, ("carrier", "band", "band_from", "band_to", "volume_unit", "value", "unit",
                               "source", "confidence"))]}


def _network_group(res, lang: str) -> dict | None:
    """The network tariffs of the case's grid operator.

    Returns
    -------
    dict or None
        The group, or None when the data has no tariffs of that operator.
    """
    case = res.case
    df = load_table("tariffs/grid_tariffs.csv")
    df = df[df["operator"].astype(str).str.strip().str.lower() == case.grid_operator]
    same_year = df[df["year"].astype(str).str.strip() == str(case.tariff_year)]
    df = same_year if len(same_year) else df  # the tariff year's rows; an operator without them keeps its own
    if not len(df):
        return None
    return {"title": tr("a_network", lang, operator=_operator(case, lang)), "rows": [
        {"quantity": f"{r['voltage_level']}: {r['parameter']}", "value": r["value"], "unit": r["unit"],
         "source": _src_text(r["source"]), "confidence": r["confidence"]}
        for r in _rows_of(df, ("voltage_level", "parameter", "value", "unit", "source", "confidence"))]}


def _money_groups(res, lang: str) -> list[dict | None]:
    """Cost data, subsidies, energy tax and network tariffs, in that order.

    Returns
    -------
    list of dict or None
        The groups read before the first money-data file that could not be read
        (:class:`~heatcalc.core.errors.TariffDataError`); None for an empty group.
    """
    groups = []
    try:
        for step in (_cost_group, _subsidy_group, _tax_group, _network_group):
            groups.append(step(res, lang))
    except TariffDataError:  # a money-data file is missing or malformed: keep the groups read so far
        pass
    return groups


def _mc_group(res, lang: str) -> dict | None:
    """The Monte Carlo ranges, listed only when there is a best option to vary.

    Returns
    -------
    dict or None
    """
    if res.best is None:
        return None
    return {"title": tr("a_mc", lang), "rows": [
        {"quantity": tr("in_" + k, lang), "value": " / ".join(localise(f"{x:.2f}", lang) for x in v),
         "unit": "×", "source": tr("a_mc_source", lang), "confidence": "D"}
        for k, v in MC_RANGES.items()]}


def _notes_group(res, lang: str) -> dict | None:
    """The notes of the case and the ``economics: `` warnings of its rows, each once.

    Returns
    -------
    dict or None
        The group, or None when there is no note.
    """
    notes = [n for n in (getattr(res, "notes", None) or []) if isinstance(n, str)]
    for r in res.rows:
        for w in r.get("warnings") or []:
            if isinstance(w, str) and w.startswith("economics: ") and w not in notes:
                notes.append(w)
    if not notes:
        return None
    return {"title": tr("a_finance_notes", lang), "rows": [
        {"quantity": render_message(n, lang, "long", context=False).removeprefix("economics: "), "value": "",
         "unit": "", "source": "", "confidence": ""}
        for n in notes]}


def assumptions(res, lang: str) -> list[dict]:
    """Every assumption behind the report: groups of rows with value, unit, source
    and confidence, read from the data files the calculation used."""
    groups = [_case_group(res, lang), _price_group(res, lang)]
    groups += _factor_groups(res, lang)
    groups += _money_groups(res, lang)
    groups += [_mc_group(res, lang), _notes_group(res, lang)]
    return [g for g in groups if g is not None]


# --------------------------------------------------------------------------------------
# context
def _opt(option: str, lang: str) -> str:
    return choice_label("option", option, lang)


def _operator(case, lang: str) -> str:
    if case.grid_operator == "none":
        return tr("the_operator", lang)
    return choice_label("grid_operator", case.grid_operator, lang)


def _case_summary(case, lang: str) -> list[tuple[str, str]]:
    def num(v, spec="{:,.0f}"):
        return fmt_value(v, spec, lang)

    out = [(field_label("case_id", lang), case.case_id),
           (field_label("process", lang), choice_label("process", case.process, lang))]
    if case.heat_demand_kW is not None:
        out.append((field_label("heat_demand_kW", lang), num(case.heat_demand_kW)))
    out.append((field_label("operating_hours_per_yr", lang), num(case.operating_hours_per_yr)))
    if case.T_sink_out_C is not None:
        out.append((field_label("sink_medium", lang), choice_label("sink_medium", case.sink_medium, lang)
                    + f": {num(case.T_sink_in_C, '{:g}')} → {num(case.T_sink_out_C, '{:g}')} °C"))
    if case.T_source_in_C is not None:
        src = (choice_label("source_medium", case.source_medium, lang)
               + f": {num(case.T_source_in_C, '{:g}')} → {num(case.T_source_out_eff_C, '{:g}')} °C")
        if case.source_heat_kW is not None:
            src += f", {num(case.source_heat_kW)} kW"
        out.append((field_label("source_medium", lang), src))
    if case.production_t_per_yr is not None:
        out.append((field_label("production_t_per_yr", lang), num(case.production_t_per_yr)))
    eta = "" if case.baseline == "gas_kiln" else f" (η = {num(case.eta_baseline, '{:.2f}')})"
    out.append((field_label("baseline", lang), choice_label("baseline", case.baseline, lang) + eta))
    out.append((field_label("grid_operator", lang), choice_label("grid_operator", case.grid_operator, lang)))
    out.append((field_label("grid_capacity_kW", lang),
                num(case.grid_capacity_kW) if case.grid_capacity_kW is not None else tr("unlimited", lang)))
    out.append((field_label("tariff_year", lang), str(case.tariff_year)))
    return out


def _summary(res, lang: str, matches: list | None = None) -> dict:
    """Headline and key figures. An option is *recommended* only when it pays back
    (NPV ≥ 0) and saves CO2; otherwise the best one is named with the caveats.
    ``matches``: the case's :func:`heatcalc.options.products.match_products` (commercial only),
    when already computed."""
    best = res.best
    base = res.rows[0] if res.rows else {}
    if best is None:
        reasons = []
        for r in res.rows[1:]:
            name = _opt(r["option"], lang)
            if r.get("status") != "ok":
                reasons.append(f"{name}: " + (render_message(r["message"], lang, "long") if r.get("message")
                                              else str(r.get("status"))))
                continue
            why = []
            if not r.get("fits_grid"):
                why.append(tr("why_grid", lang, p=fmt_col(r, "P_el_kW", lang), cap=fmt_col(r, "grid_capacity_kW", lang),
                              short=fmt_value(r["P_el_kW"] - (r.get("grid_capacity_kW") or 0), "{:,.0f}", lang)))
            if not (_finite(r.get("co2_saved_t_per_yr")) and r["co2_saved_t_per_yr"] > 0):
                why.append(tr("why_co2", lang, co2=fmt_value(-(r.get("co2_saved_t_per_yr") or 0.0), "{:,.0f}", lang)))
            reasons.append(f"{name}: " + "; ".join(why))
        bullets = []
        alt = [r for r in res.rows[1:] if r.get("status") == "ok" and _finite(r.get("co2_saved_t_per_yr"))
               and r["co2_saved_t_per_yr"] > 0 and not r.get("fits_grid")]
        if alt:
            a = max(alt, key=lambda r: r["npv_EUR"] if _finite(r.get("npv_EUR")) else -math.inf)
            bullets.append(tr("if_grid", lang, option=_opt(a["option"], lang), p=fmt_col(a, "P_el_kW", lang),
                              operator=_operator(res.case, lang), npv=fmt_col(a, "npv_EUR", lang),
                              pb=fmt_col(a, "payback_yr", lang), co2=fmt_col(a, "co2_saved_t_per_yr", lang)))
            bullets.append(tr("grid_advice", lang, operator=_operator(res.case, lang)))
        return {"headline": tr("no_recommendation", lang), "bullets": bullets, "why": reasons, "viable": False}
    npv_ok = _finite(best.get("npv_EUR")) and best["npv_EUR"] >= 0
    co2_ok = _finite(best.get("co2_saved_t_per_yr")) and best["co2_saved_t_per_yr"] > 0
    bullets = []
    if _finite(best.get("cop")):
        bullets.append(tr("sum_cop", lang, cop=fmt_col(best, "cop", lang)))
    fits = (tr("sum_fits", lang) if res.case.grid_capacity_kW is not None
            else tr("sum_fits_unknown", lang, operator=_operator(res.case, lang)))
    bullets.append(tr("sum_load", lang, p=fmt_col(best, "P_el_kW", lang)) + f" — {fits}")
    if co2_ok:
        share = (best["co2_saved_t_per_yr"] / base["co2_t_per_yr"]
                 if _finite(base.get("co2_t_per_yr")) and base["co2_t_per_yr"] > 0 else float("nan"))
        bullets.append(tr("sum_co2", lang, co2=fmt_col(best, "co2_saved_t_per_yr", lang),
                          share=fmt_value(share, "{:.0%}", lang)))
    elif _finite(best.get("co2_saved_t_per_yr")):
        bullets.append(tr("sum_more_co2", lang, co2=fmt_value(-best["co2_saved_t_per_yr"], "{:,.0f}", lang)))
    if _finite(best.get("payback_yr")):
        bullets.append(tr("sum_payback", lang, pb=fmt_col(best, "payback_yr", lang)))
    else:
        bullets.append(tr("sum_no_payback", lang, life=res.case.lifetime_yr))
    if _finite(best.get("npv_EUR")):
        bullets.append(tr("sum_npv", lang, npv=fmt_col(best, "npv_EUR", lang)))
    if best["option"] in ("heat_pump", "steam_hp", "mvr") and res.case.process in ("heat", "dryer"):
        if matches is None:
            matches = match_products(res.case, commercial_only=True)
        fit = [m for m in matches if m.status != "no"]
        if fit:
            bullets.append(tr("sum_products", lang, n=len(fit),
                              names=", ".join(f"{m.supplier} {m.model}" for m in fit[:3])))
    key = "recommended" if npv_ok and co2_ok else "best_not_viable"
    calc_best = getattr(res, "calc_best", best)
    if calc_best is not None and calc_best["option"] != best["option"]:
        key = "proposed_option" if npv_ok and co2_ok else "proposed_not_viable"
    return {"headline": tr(key, lang, option=_opt(best["option"], lang)), "bullets": bullets, "why": [],
            "viable": npv_ok and co2_ok}


def _options_table(res, lang: str) -> dict:
    """Options side by side (as the evaluate table): one column per option, one row
    per figure; infeasible options keep their column with the reason below."""
    cols = ["status", "cop", "refrigerant", "P_el_kW", "fits_grid", "E_el_MWh_per_yr", "gas_m3_per_yr",
            "co2_t_per_yr", "co2_saved_t_per_yr", "nox_kg_per_yr", "nox_saved_kg_per_yr", "opex_EUR_per_yr",
            "saving_EUR_per_yr", "capex_EUR", "npv_EUR", "irr", "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t"]
    shown = [r for r in res.rows if r.get("status") == "ok"]
    pick = res.best["option"] if res.best is not None else None
    head = [""] + [("★ " if r["option"] == pick else "") + _opt(r["option"], lang) for r in shown]
    body = []
    for c in cols:
        cells = []
        for r in shown:
            ok = r.get("status") == "ok"
            if c == "status":
                cells.append(choice_label("status", r.get("status", ""), lang))
            elif c == "refrigerant":
                cells.append(str(r.get("refrigerant") or "–"))
            elif not ok or (r["option"] == "baseline" and c in ("fits_grid", "co2_saved_t_per_yr",
                                                                 "nox_saved_kg_per_yr")):
                cells.append("–")
            else:
                cells.append(fmt_col(r, c, lang))
        if c == "refrigerant" and all(x == "–" for x in cells):
            continue
        label = tr("col_status", lang) if c == "status" else column_label(c, lang)
        body.append({"label": label, "cells": cells})
    best_idx = next((i for i, r in enumerate(shown) if r["option"] == pick), None)
    notes = [tr("not_feasible", lang, option=_opt(r["option"], lang),
                why=render_message(r.get("message"), lang, "long") or choice_label("status", r.get("status"), lang))
             for r in res.rows if r.get("status") != "ok"]
    return {"head": head, "rows": body, "best_col": best_idx, "notes": notes}


def _grid(res, lang: str) -> dict:
    case = res.case
    best = res.best
    lines = []
    ref = best or next((r for r in res.rows[1:] if r.get("status") == "ok"), None)
    if ref is not None:
        lines.append(tr("grid_need", lang, option=_opt(ref["option"], lang), p=fmt_col(ref, "P_el_kW", lang)))
        cap = case.grid_capacity_kW
        if cap is None:
            lines.append(tr("grid_unknown", lang, operator=_operator(case, lang), p=fmt_col(ref, "P_el_kW", lang)))
        elif case.fits_grid(ref["P_el_kW"]):
            lines.append(tr("grid_fits", lang, cap=fmt_value(cap, "{:,.0f}", lang),
                            margin=fmt_value(cap - ref["P_el_kW"], "{:,.0f}", lang)))
        else:
            lines.append(tr("grid_short", lang, cap=fmt_value(cap, "{:,.0f}", lang),
                            short=fmt_value(ref["P_el_kW"] - cap, "{:,.0f}", lang), operator=_operator(case, lang)))
    table = [(_opt(r["option"], lang), fmt_col(r, "P_el_kW", lang), fmt_col(r, "fits_grid", lang))
             for r in res.rows[1:] if r.get("status") == "ok"]
    return {"lines": lines, "table": table}


def _before_after(res, lang: str) -> dict | None:
    best = res.best
    base = res.rows[0] if res.rows else None
    if best is None or base is None:
        return None
    items = [("i_heat", "heat_delivered_MWh_per_yr", "MWh/yr"), ("i_gas", "gas_m3_per_yr", "m³/yr"),
             ("i_fuel", "fuel_MWh_per_yr", "MWh/yr"), ("i_el", "E_el_MWh_per_yr", "MWh/yr"),
             ("i_opex", "opex_EUR_per_yr", "€/yr"), ("i_co2", "co2_t_per_yr", "t/yr"),
             ("i_nox", "nox_kg_per_yr", "kg/yr")]
    rows = []
    for key, col, unit in items:
        b, a = base.get(col), best.get(col)
        spec = ROW_FORMATS.get(col) or EXTRA_FORMATS.get(col)
        change = fmt_value(a - b, "{:+,.0f}", lang) if _finite(a) and _finite(b) else "–"
        change = "0" if change in ("+0", "-0") else change
        rows.append((tr(key, lang), unit_text(unit, lang), fmt_value(b, spec, lang), fmt_value(a, spec, lang),
                     change))
    return {"head": [tr("col_item", lang), tr("col_unit", lang),
                     tr("col_before", lang, baseline=choice_label("baseline", res.case.baseline, lang)),
                     tr("col_after", lang, option=_opt(best["option"], lang)), tr("col_change", lang)],
            "rows": rows}


def _economics(res, lang: str) -> list[tuple[str, str, str]] | None:
    best = res.best
    if best is None:
        return None
    case = res.case
    items = [(tr("e_capex", lang), "capex_EUR", "€"),
             (tr("e_subsidy", lang), "subsidy_EUR", "€"),
             (tr("e_eia", lang), "subsidy_eia_EUR", "€"),
             (tr("e_veki", lang), "subsidy_veki_EUR", "€"),
             (tr("e_sde", lang), "subsidy_sde_EUR_per_yr", "€/yr"),
             (tr("e_saving", lang), "saving_EUR_per_yr", "€/yr"),
             (tr("e_npv", lang, rate=fmt_value(case.discount_rate, "{:.0%}", lang), life=case.lifetime_yr),
              "npv_EUR", "€"),
             (tr("e_irr", lang), "irr", "-"),
             (tr("e_payback", lang), "payback_yr", "yr"),
             (tr("e_lcoh", lang), "lcoh_EUR_per_MWh", "€/MWh"),
             (tr("e_abatement", lang), "abatement_EUR_per_t", "€/t CO2"),
             (tr("e_breakeven", lang), "break_even_price_el_EUR_per_MWh", "€/MWh")]
    out = []
    for label, col, unit in items:
        if col not in best:
            continue
        if col.startswith("subsidy_") and col != "subsidy_EUR" and not (_finite(best[col]) and best[col] != 0):
            continue
        out.append((label, fmt_col(best, col, lang), unit_text(unit, lang)))
    mc = monte_carlo_of(res)
    if mc is not None:
        out.append((tr("e_mc_range", lang, n=fmt_value(mc["n"], "{:,.0f}", lang)),
                    f"{fmt_value(mc['p10_npv_EUR'], '{:,.0f}', lang)} … {fmt_value(mc['p90_npv_EUR'], '{:,.0f}', lang)}",
                    "€"))
        out.append((tr("e_mc_prob", lang), fmt_value(mc["prob_npv_positive"], "{:.0%}", lang), ""))
    return out


def monte_carlo_of(res) -> dict | None:
    """Monte Carlo of the recommended option's NPV (:func:`heatcalc.money.economics.monte_carlo`,
    its default ranges and seed), or ``None`` when there is none."""
    best = res.best
    if best is None or not getattr(res, "flows", None):
        return None
    try:
        out = monte_carlo(res.case, res.flows, best["option"])
    except HeatCalcError:
        return None
    return out if _finite(out.get("p10_npv_EUR")) and _finite(out.get("p90_npv_EUR")) else None


def _products(res, lang: str, matches: list | None = None) -> dict:
    case = res.case
    if case.process not in ("heat", "dryer"):
        return {"rows": [], "note": tr("p_na", lang), "excluded": ""}
    if matches is None:
        matches = match_products(case, commercial_only=True)
    shown = [m for m in matches if m.status != "no"]
    rows = []
    for m in shown:
        e = m.expected
        basis = ""
        if e is not None:
            basis = (tr("basis_fitted", lang, n=e.n_points, model=e.model.capitalize(),
                        eta=fmt_value(e.eta, "{:.2f}", lang)) if e.basis == "fitted"
                     else tr("basis_generic", lang, eta=fmt_value(e.eta, "{:.2f}", lang)))
        notes = [render_message(n, lang, "long") for n in list(m.reasons) + (list(e.notes) if e else [])]
        rows.append({"product": f"{m.supplier} — {m.model}", "refrigerant": m.refrigerant or "–",
                     "status": tr(m.status, lang), "units": str(m.units) if m.units else "–",
                     "cop": fmt_value(m.cop, "{:.2f}", lang), "basis": basis, "notes": "; ".join(notes),
                     "source": f"{m.source} ({tr('claim_' + m.claim, lang)}, {m.confidence})"})
    excluded = [m for m in matches if m.status == "no"]
    ex_text = ""
    if excluded:
        ex_text = tr("p_excluded", lang, n=len(excluded),
                     names="; ".join(f"{m.supplier} {m.model} ({render_message(m.reasons[0], lang, 'long')})"
                                     for m in excluded))
    return {"rows": rows, "note": "" if rows else tr("p_none", lang), "excluded": ex_text}


def _warnings(res, lang: str) -> list[tuple[str, str]]:
    out = []
    for r in res.rows:
        for w in r.get("warnings") or []:
            if isinstance(w, str) and not w.startswith("economics: "):
                out.append((_opt(r["option"], lang), render_message(w, lang, "long")))
    return out


def user_data_lines(lang: str, overlay=None) -> list[str]:
    """One line per number that came from the user's own tables (``--tariffs FILE``, the app's upload):
    table, key, value and unit, and the file; empty when the shipped data were used.

    Parameters
    ----------
    overlay : heatcalc.money.overlay.Overlay, optional
        Default: the overlay in use (:func:`heatcalc.money.overlay.active`).
    """
    from heatcalc.money import overlay as _overlay

    ov = overlay if overlay is not None else _overlay.active()
    if ov is None:
        return []
    return [tr("ud_line", lang, table=r["table"], row=" ".join(str(v) for v in r["key"].values()),
               value=localise(f"{r['value']:g}", lang), unit=r["unit"], file=Path(r["file"]).name)
            for r in ov.rows]


def build_context(res, lang: str = "en", *, charts: list[dict] | None = None, chart_note: str | None = None,
                  proposal: Proposal | None = None) -> dict:
    """Everything the template shows, formatted for ``lang``.

    Parameters
    ----------
    res : CaseResult or ProposalView
        The evaluated case (a :class:`ProposalView` when the proposed option is already chosen).
    lang : str
        ``en`` or ``nl``.
    charts : list of dict, optional
        Rendered charts (``key``, ``title`` and ``img``, ``svg`` or ``note``); each is shown in its
        section by ``key`` (``options``, ``cost``, ``tornado``, ``cycle``, ``tq_cond``, ``tq_evap``,
        ``cashflow``).
    chart_note : str, optional
        Shown instead of the charts when none could be drawn.
    proposal : Proposal, optional
        Customer, site, contact, id, date, validity, proposed option and supplier; ignored when
        ``res`` is a :class:`ProposalView` (which carries its own).

    Raises
    ------
    InputError
        Unknown language, or a proposed option that is not feasible for the case.
    """
    lang = check_lang(lang)
    if not isinstance(res, ProposalView):
        res = ProposalView(res, proposed_row(res, proposal), proposal)
    prop = res.proposal
    sup = prop.supplier
    case = res.case
    matches = None  # the catalogue is matched once for the summary and the products section
    if case.process in ("heat", "dryer"):
        matches = match_products(case, commercial_only=True)
    return {
        "lang": lang,
        "T": {k: tr(k, lang) for k in all_text_keys() if "{" not in tr(k, lang)},
        "title": tr("title", lang),
        "case_id": case.case_id,
        "subtitle": f"{case.case_id} — {choice_label('process', case.process, lang)}",
        "prepared": tr("prepared", lang, date=fmt_date(prop.date, lang), version=__version__,
                       year=case.tariff_year),
        "summary": _summary(res, lang, matches),
        "best_basis": tr("best_basis", lang),
        "customer": _case_summary(case, lang),
        "options": _options_table(res, lang),
        "grid": _grid(res, lang),
        "before_after": _before_after(res, lang),
        "economics": _economics(res, lang),
        "economics_none": tr("e_none", lang),
        "charts": charts or [],
        "chart_note": chart_note,
        "products": _products(res, lang, matches),
        "assumptions": assumptions(res, lang),
        "warnings": _warnings(res, lang),
        "user_data": user_data_lines(lang),
        "chart_by_key": {c["key"]: c for c in (charts or []) if c.get("key")},
        "cover": _cover(res, prop, lang),
        "key_figures": _key_figures(res, lang),
        "decisions": _decisions(res, lang),
        "machine": _machine(res, lang),
        "streams": _streams(res, lang),
        "subsidies": _subsidy_rows(res, lang),
        "not_included": not_included(lang),
        "validity": _validity(res, prop, lang),
        "proposed": _opt(res.best["option"], lang) if res.best is not None else None,
        "year_note": _year_note(res, lang),
        "primary_colour": sup.primary_colour if sup is not None else DEFAULT_PRIMARY_COLOUR,
        "secondary_colour": sup.secondary_colour if sup is not None else DEFAULT_SECONDARY_COLOUR,
        "footer": sup.footer if sup is not None else "",
        "doc_title": " — ".join(x for x in (tr("title", lang), prop.customer or case.case_id, prop.proposal_id)
                                if x),
    }


# --------------------------------------------------------------------------------------
# proposal: customer, site, contact, proposal id, date, validity, proposed option, supplier
#: Fields of a proposal, as keys of the case file's ``proposal`` block (the CLI options are
#: the same names with dashes: ``--proposal-id``, ``--supplier-profile``, ``--validity-days``).
PROPOSAL_KEYS = ("customer", "site", "contact", "proposal_id", "option", "supplier_profile", "date",
                 "validity_days")

#: Keys of a supplier profile (JSON or TOML); ``logo`` is a file path relative to the profile.
PROFILE_KEYS = ("name", "logo", "primary_colour", "secondary_colour", "footer", "validity_days")

#: Report colours when no supplier profile sets them (the report's own dark blue and grey-blue).
DEFAULT_PRIMARY_COLOUR, DEFAULT_SECONDARY_COLOUR = "#1f3b57", "#9fb6cc"

#: Image types a logo may have, by suffix, and the largest logo file accepted [bytes].
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MAX_LOGO_BYTES = 2_000_000

#: Longest proposal text accepted (customer, site, contact, id, supplier name) [characters];
#: the footer may be longer.
MAX_TEXT_CHARS, MAX_FOOTER_CHARS = 200, 400

#: Longest validity period accepted [days].
MAX_VALIDITY_DAYS = 3650

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class SupplierProfile:
    """A supplier's branding for the proposal.

    Attributes
    ----------
    name : str
        Supplier name (on the cover and as "prepared by").
    logo_uri : str or None
        The logo embedded as a ``data:`` URI (SVG, PNG or JPEG), or None.
    primary_colour, secondary_colour : str
        Validated hex colours (``#1f3b57``) for headings and rules / highlights.
    footer : str
        Text in the footer of every page (address, registration, ...).
    validity_days : int or None
        The supplier's usual validity of a proposal [days]; a proposal's own value wins.
    path : Path or None
        The profile file read.
    """

    name: str = ""
    logo_uri: str | None = None
    primary_colour: str = DEFAULT_PRIMARY_COLOUR
    secondary_colour: str = DEFAULT_SECONDARY_COLOUR
    footer: str = ""
    validity_days: int | None = None
    path: Path | None = None


@dataclass
class Proposal:
    """The proposal fields of a report (all optional).

    Attributes
    ----------
    customer, site, contact, proposal_id : str
        Shown on the cover (``""`` when not given).
    option : str or None
        The proposed option (``None``: the calculation's best).
    date : datetime.date
        Date of the proposal (default today).
    validity_days : int or None
        Days the proposal is valid from ``date`` [days] (default the profile's, else none stated).
    supplier : SupplierProfile or None
    origin : dict
        How the user wrote each field (``--option`` or ``proposal.option``), for error messages.
    """

    customer: str = ""
    site: str = ""
    contact: str = ""
    proposal_id: str = ""
    option: str | None = None
    date: _dt.date = field(default_factory=_dt.date.today)
    validity_days: int | None = None
    supplier: SupplierProfile | None = None
    origin: dict = field(default_factory=dict)

    @property
    def valid_until(self) -> _dt.date | None:
        """Last day the proposal is valid, or None when no validity is set."""
        days = self.validity_days if self.validity_days is not None else (
            self.supplier.validity_days if self.supplier is not None else None)
        return None if days is None else self.date + _dt.timedelta(days=days)


def _text(v, name: str, limit: int = MAX_TEXT_CHARS) -> str:
    """A proposal text: a string (numbers accepted), control characters removed, at most ``limit`` long."""
    if v is None:
        return ""
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise InputError(f"{name}={v!r} is invalid: it must be text")
    s = _CONTROL.sub(" ", str(v)).strip()
    if len(s) > limit:
        raise InputError(f"{name} is {len(s)} characters long: valid is at most {limit} characters")
    return s


def _days(v, name: str) -> int | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        f = math.nan
    if isinstance(v, bool) or not (f == f and f.is_integer() and 1 <= f <= MAX_VALIDITY_DAYS):
        raise InputError(f"{name}={v!r} days is out of range: valid is a whole number of days from 1 to "
                         f"{MAX_VALIDITY_DAYS}")
    return int(f)


def _colour(v, name: str, default: str) -> str:
    if v is None or (isinstance(v, str) and not v.strip()):
        return default
    if not isinstance(v, str) or not _HEX_COLOUR.fullmatch(v.strip()):
        raise InputError(f"{name}={v!r} is not a colour: valid is a hex colour such as #1f3b57 or #fa0")
    return v.strip().lower()


def _read_config(path: Path, what: str) -> dict:
    """A JSON or TOML object from ``path`` (by suffix; other suffixes are read as JSON)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{what} {str(path)!r} cannot be read: {exc.strerror}") from None
    try:
        if path.suffix.lower() == ".toml":
            import tomllib

            data = tomllib.loads(raw.decode("utf-8-sig"))
        else:
            import json

            data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{what} {str(path)!r} is not UTF-8 text") from None
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError
        kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
        raise InputError(f"{what} {str(path)!r} is not valid {kind}: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{what} {str(path)!r} must hold one object (keys {', '.join(PROFILE_KEYS)})")
    return data


def load_supplier_profile(path) -> SupplierProfile:
    """Read a supplier profile (JSON, or TOML when the file ends in ``.toml``).

    Keys (all optional): ``name``, ``logo`` (SVG, PNG or JPEG file, relative to the profile),
    ``primary_colour``, ``secondary_colour`` (hex, ``#1f3b57`` or ``#fa0``; ``_color`` spelling
    accepted), ``footer``, ``validity_days``.

    Raises
    ------
    InputError
        Unreadable file, unknown key, a colour that is not hex, a logo that is missing, too large
        or not SVG/PNG/JPEG, or a text that is too long.
    """
    p = Path(path)
    data = _read_config(p, "supplier profile")
    clean = {}
    for k, v in data.items():
        key = str(k).strip().lower().replace("color", "colour")
        if key not in PROFILE_KEYS:
            raise InputError(f"supplier profile {str(p)!r}: unknown key {k!r}; valid keys are "
                             f"{', '.join(PROFILE_KEYS)}")
        clean[key] = v
    logo_uri = None
    logo = clean.get("logo")
    if logo not in (None, ""):
        if not isinstance(logo, str):
            raise InputError(f"supplier profile logo={logo!r} is invalid: it must be a file path")
        lp = Path(logo)
        lp = lp if lp.is_absolute() else p.parent / lp
        mime = LOGO_TYPES.get(lp.suffix.lower())
        if mime is None:
            raise InputError(f"supplier profile logo={logo!r} is invalid: valid are "
                             f"{', '.join(sorted(LOGO_TYPES))} files")
        try:
            blob = lp.read_bytes()
        except OSError as exc:
            raise InputError(f"supplier profile logo={logo!r} cannot be read ({lp}: {exc.strerror}); the path is "
                             f"relative to the profile file") from None
        if len(blob) > MAX_LOGO_BYTES:
            raise InputError(f"supplier profile logo={logo!r} is {len(blob):,} bytes: valid is at most "
                             f"{MAX_LOGO_BYTES:,} bytes")
        logo_uri = f"data:{mime};base64," + base64.b64encode(blob).decode("ascii")
    return SupplierProfile(
        name=_text(clean.get("name"), "supplier profile name"), logo_uri=logo_uri,
        primary_colour=_colour(clean.get("primary_colour"), "supplier profile primary_colour",
                               DEFAULT_PRIMARY_COLOUR),
        secondary_colour=_colour(clean.get("secondary_colour"), "supplier profile secondary_colour",
                                 DEFAULT_SECONDARY_COLOUR),
        footer=_text(clean.get("footer"), "supplier profile footer", MAX_FOOTER_CHARS),
        validity_days=_days(clean.get("validity_days"), "supplier profile validity_days"), path=p)


def read_proposal_block(path) -> dict:
    """The ``proposal`` object of a case file (``{}`` when it has none).

    Raises
    ------
    InputError
        If the file cannot be read or the block is not an object.
    """
    p = Path(path)
    try:
        data = _read_config(p, "case file")
    except InputError:
        return {}  # the case loader reports what is wrong with the file itself
    if "case" in data and isinstance(data["case"], dict):
        data = data["case"]
    block = next((v for k, v in data.items() if str(k).strip().lower() == "proposal"), None)
    if block is None:
        return {}
    if not isinstance(block, dict):
        raise InputError(f"proposal={block!r} in {str(p)!r} is invalid: it must be an object with keys "
                         f"{', '.join(PROPOSAL_KEYS)}")
    return block


def make_proposal(block: dict | None = None, *, base_dir=None, **given) -> Proposal:
    """Proposal fields from a case file's ``proposal`` block and the command line (the
    command line wins where it gives a value).

    Parameters
    ----------
    block : dict, optional
        The ``proposal`` object (:func:`read_proposal_block`); ``supplier_profile`` in it is
        relative to ``base_dir`` (the case file's folder).
    base_dir : str or Path, optional
    **given
        Any of :data:`PROPOSAL_KEYS` (``None``: not given).

    Raises
    ------
    InputError
        Unknown key, a date that is not ``YYYY-MM-DD``, a validity out of range, text too long, or a
        bad supplier profile.
    """
    values, origin = {}, {}
    for k, v in (block or {}).items():
        key = str(k).strip().lower().replace("-", "_")
        if key not in PROPOSAL_KEYS:
            raise InputError(f"proposal.{k} is not a proposal field: valid are {', '.join(PROPOSAL_KEYS)}")
        values[key], origin[key] = v, f"proposal.{key}"
    for k, v in given.items():
        if k not in PROPOSAL_KEYS:
            raise InputError(f"{k} is not a proposal field: valid are {', '.join(PROPOSAL_KEYS)}")
        if v is not None:
            values[k], origin[k] = v, "--" + k.replace("_", "-")
    for k in PROPOSAL_KEYS:
        origin.setdefault(k, "--" + k.replace("_", "-"))
    out = Proposal(origin=origin)
    for k in ("customer", "site", "contact", "proposal_id"):
        setattr(out, k, _text(values.get(k), origin[k]))
    opt = _text(values.get("option"), origin["option"])
    out.option = opt.lower() or None
    d = values.get("date")
    if d not in (None, ""):
        if isinstance(d, _dt.date):
            out.date = d
        else:
            try:
                out.date = _dt.date.fromisoformat(str(d).strip())
            except ValueError:
                raise InputError(f"{origin['date']}={d!r} is not a date: valid is YYYY-MM-DD, e.g. 2026-03-31") \
                    from None
    out.validity_days = _days(values.get("validity_days"), origin["validity_days"])
    sp = values.get("supplier_profile")
    if sp not in (None, ""):
        if not isinstance(sp, (str, Path)):
            raise InputError(f"{origin['supplier_profile']}={sp!r} is invalid: it must be a file path")
        path = Path(sp)
        if not path.is_absolute() and origin["supplier_profile"].startswith("proposal.") and base_dir is not None:
            path = Path(base_dir) / path
        out.supplier = load_supplier_profile(path)
    return out


def proposed_row(res, proposal: Proposal | None) -> dict | None:
    """The row of the proposed option: the one named in the proposal, else the calculation's best.

    Raises
    ------
    InputError
        If the named option was not evaluated for this case or is not feasible; the message
        lists the feasible options.
    """
    if proposal is None or proposal.option is None:
        return res.best
    ok = [r["option"] for r in res.rows[1:] if r.get("status") == "ok"]
    name = proposal.origin.get("option", "--option")
    valid = ", ".join(ok) if ok else "none (no option is feasible for this case)"
    row = next((r for r in res.rows[1:] if r["option"] == proposal.option), None)
    if row is None:
        raise InputError(f"{name}={proposal.option} is not an option of case {res.case.case_id}: valid is one of "
                         f"{valid}")
    if row.get("status") != "ok":
        raise InputError(f"{name}={proposal.option} is not feasible for case {res.case.case_id} "
                         f"({row.get('message') or row.get('status')}): valid is one of {valid}")
    return row


class ProposalView:
    """An evaluated case seen through its proposal: :attr:`best` is the proposed option's row,
    everything else is the :class:`~heatcalc.evaluation.annual.CaseResult`'s."""

    def __init__(self, res, row: dict | None, proposal: Proposal | None = None):
        self._res = res
        self._row = row
        self.proposal = proposal or Proposal()
        self.calc_best = res.best

    def __getattr__(self, name):
        return getattr(self._res, name)

    @property
    def best(self) -> dict | None:
        return self._row

    @property
    def result(self):
        """The CaseResult itself."""
        return self._res


# --------------------------------------------------------------------------------------
# proposal sections: cover, executive summary, machine, money, terms
def fmt_date(d: _dt.date, lang: str) -> str:
    """A date in words (``2 March 2026`` / ``2 maart 2026``)."""
    months = tr("months", lang).split(",")
    return f"{d.day} {months[d.month - 1].strip()} {d.year}" if len(months) == 12 else d.isoformat()


def _cover(res, prop: Proposal, lang: str) -> dict:
    """Cover page: who the proposal is for and from, its id, date and validity."""
    sup = prop.supplier
    row = res.best
    rows = [(tr(k, lang), v) for k, v in (("pr_customer", prop.customer), ("pr_site", prop.site),
                                          ("pr_contact", prop.contact), ("pr_id", prop.proposal_id)) if v]
    rows.append((tr("pr_date", lang), fmt_date(prop.date, lang)))
    if prop.valid_until is not None:
        rows.append((tr("pr_valid_until", lang), fmt_date(prop.valid_until, lang)))
    if sup is not None and sup.name:
        rows.append((tr("pr_supplier", lang), sup.name))
    rows.append((tr("pr_case", lang), res.case.case_id))
    if row is not None:
        what = tr("pr_for_option", lang, option=_opt(row["option"], lang))
    else:
        what = tr("pr_no_option", lang)
    return {"rows": rows, "what": what, "customer": prop.customer, "site": prop.site,
            "supplier": sup.name if sup is not None else "", "logo": sup.logo_uri if sup is not None else None}


def _key_figures(res, lang: str) -> list[dict]:
    """The proposed option's key figures for the executive summary (label, value, unit, note)."""
    row = res.best
    if row is None:
        return []
    base = res.rows[0] if res.rows else {}
    case = res.case
    out = []
    if _finite(row.get("cop")):
        out.append({"label": tr("kf_cop", lang), "value": fmt_col(row, "cop", lang), "unit": "",
                    "note": (tr("kf_cop_note", lang, refrigerant=row["refrigerant"]) if row.get("refrigerant")
                             else "")})
    if case.grid_capacity_kW is None:
        fit = tr("kf_fit_unknown", lang, operator=_operator(case, lang))
    elif case.fits_grid(row["P_el_kW"]):
        fit = tr("kf_fit_yes", lang, cap=fmt_value(case.grid_capacity_kW, "{:,.0f}", lang))
    else:
        fit = tr("kf_fit_no", lang, cap=fmt_value(case.grid_capacity_kW, "{:,.0f}", lang))
    out.append({"label": tr("kf_grid", lang), "value": fmt_col(row, "P_el_kW", lang), "unit": "kW", "note": fit})
    share = (row["co2_saved_t_per_yr"] / base["co2_t_per_yr"]
             if _finite(row.get("co2_saved_t_per_yr")) and _finite(base.get("co2_t_per_yr"))
             and base["co2_t_per_yr"] > 0 else float("nan"))
    out.append({"label": tr("kf_co2", lang), "value": fmt_col(row, "co2_saved_t_per_yr", lang),
                "unit": unit_text("t/yr", lang),
                "note": tr("kf_co2_note", lang, share=fmt_value(share, "{:.0%}", lang)) if _finite(share) else ""})
    if _finite(row.get("nox_saved_kg_per_yr")):  # nitrogen beside CO2 (permits stall on both)
        out.append({"label": tr("kf_nox", lang), "value": fmt_col(row, "nox_saved_kg_per_yr", lang),
                    "unit": unit_text("kg/yr", lang),
                    "note": (tr("kf_nox_note", lang, base=fmt_col(base, "nox_kg_per_yr", lang),
                                unit=unit_text("kg/yr", lang)) if _finite(base.get("nox_kg_per_yr")) else "")})
    out.append({"label": tr("kf_saving", lang), "value": fmt_col(row, "saving_EUR_per_yr", lang),
                "unit": unit_text("€/yr", lang), "note": ""})
    net = (row.get("capex_EUR") or 0.0) - (row.get("subsidy_eia_EUR") or 0.0) - (row.get("subsidy_veki_EUR") or 0.0)
    out.append({"label": tr("kf_invest", lang), "value": fmt_col(row, "capex_EUR", lang), "unit": "€",
                "note": (tr("kf_invest_note", lang, net=fmt_value(net, "{:,.0f}", lang))
                         if _finite(row.get("subsidy_EUR")) and row["subsidy_EUR"] > 0 else "")})
    out.append({"label": tr("kf_payback", lang), "value": fmt_col(row, "payback_yr", lang),
                "unit": unit_text("yr", lang),
                "note": "" if _finite(row.get("payback_yr")) else tr("sum_no_payback", lang, life=case.lifetime_yr)})
    mc = monte_carlo_of(res)
    note = ""
    if mc is not None:
        note = tr("kf_npv_range", lang, p10=fmt_value(mc["p10_npv_EUR"], "{:,.0f}", lang),
                  p90=fmt_value(mc["p90_npv_EUR"], "{:,.0f}", lang),
                  prob=fmt_value(mc["prob_npv_positive"], "{:.0%}", lang))
    out.append({"label": tr("kf_npv", lang, rate=fmt_value(case.discount_rate, "{:.0%}", lang),
                            life=case.lifetime_yr),
                "value": fmt_col(row, "npv_EUR", lang), "unit": "€", "note": note})
    return out


def _decisions(res, lang: str) -> list[str]:
    """What the customer must decide or confirm before ordering the proposed option."""
    row = res.best
    case = res.case
    if row is None:
        return [tr("dc_none", lang)]
    out = [tr("dc_option", lang, option=_opt(row["option"], lang))]
    op = _operator(case, lang)
    p = fmt_col(row, "P_el_kW", lang)
    if case.grid_capacity_kW is None:
        out.append(tr("dc_grid_ask", lang, operator=op, p=p))
    elif not case.fits_grid(row["P_el_kW"]):
        out.append(tr("dc_grid_short", lang, operator=op, p=p,
                      cap=fmt_value(case.grid_capacity_kW, "{:,.0f}", lang)))
    else:
        out.append(tr("dc_grid_reserve", lang, operator=op, p=p))
    given = case.model_fields_set
    defaults = [field_label(q, lang) for q in ("price_el_EUR_per_MWh", "price_gas_EUR_per_MWh", "co2_price_EUR_per_t")
                if q not in given]
    if defaults:
        out.append(tr("dc_prices", lang, names=", ".join(defaults), year=case.tariff_year))
    schemes = [s for s, col, key in _SCHEMES if _scheme_on(row, s, col, key)]
    if schemes:
        out.append(tr("dc_subsidies", lang, schemes=", ".join(schemes)))
    if "ets_installation" not in given:
        out.append(tr("dc_ets", lang, status=tr("yes" if case.ets_installation else "no", lang)))
    calc_best = getattr(res, "calc_best", None)
    if calc_best is not None and calc_best["option"] != row["option"]:
        out.append(tr("dc_not_best", lang, best=_opt(calc_best["option"], lang),
                      npv=fmt_col(calc_best, "npv_EUR", lang)))
    return out


def cash_flows(row: dict, case) -> dict | None:
    """Yearly incremental cash flows of an option against the baseline, as the NPV and IRR
    of :mod:`heatcalc.money.economics` count them: year 0 the investment less VEKI, year 1 the
    EIA tax benefit, every year the saving, SDE++ for its years.

    Parameters
    ----------
    row : dict
        An ``ok`` option row.
    case : Case

    Returns
    -------
    dict or None
        ``year`` (0…lifetime), ``cash_EUR``, ``cumulative_EUR`` and ``npv_EUR`` (discounted sum) [€];
        None when the row lacks a money figure, or when the discounted sum does not reproduce the
        row's NPV (a model this sketch does not cover, e.g. delayed cash flows).
    """
    need = ("capex_EUR", "saving_EUR_per_yr", "npv_EUR")
    if row is None or any(not _finite(row.get(c)) for c in need):
        return None
    n = int(case.lifetime_yr)
    r = float(case.discount_rate)
    eia = row.get("subsidy_eia_EUR") if _finite(row.get("subsidy_eia_EUR")) else 0.0
    veki = row.get("subsidy_veki_EUR") if _finite(row.get("subsidy_veki_EUR")) else 0.0
    sde = row.get("subsidy_sde_EUR_per_yr") if _finite(row.get("subsidy_sde_EUR_per_yr")) else 0.0
    sde_years = 0
    if sde:
        total = row.get("subsidy_EUR") if _finite(row.get("subsidy_EUR")) else 0.0
        sde_years = int(round((total - eia - veki) / sde))
    cash = [-(row["capex_EUR"] - veki)] + [row["saving_EUR_per_yr"]] * n
    if n >= 1:
        cash[1] += eia
    for y in range(1, min(n, sde_years) + 1):
        cash[y] += sde
    npv = sum(c / (1.0 + r) ** y for y, c in enumerate(cash))
    if not math.isclose(npv, row["npv_EUR"], rel_tol=1e-6, abs_tol=1.0):
        return None
    cum, acc = [], 0.0
    for c in cash:
        acc += c
        cum.append(acc)
    return {"year": list(range(n + 1)), "cash_EUR": cash, "cumulative_EUR": cum, "npv_EUR": npv}


def _year_note(res, lang: str) -> str:
    """What the year under the grid limit rests on: the hourly run of the given profile, else a constant load."""
    hourly = getattr(res, "hourly", None)
    if hourly is not None:
        s = hourly.summary
        return tr("c_year_grid_note", lang, hours=fmt_value(s.get("hours"), "{:,.0f}", lang),
                  source=str(getattr(hourly.context.profiles, "source", "") or "-"),
                  peak=fmt_value(s.get("peak_el_kW"), "{:,.0f}", lang),
                  limited=fmt_value(s.get("grid_limited_hours"), "{:,.0f}", lang),
                  exceeded=fmt_value(s.get("grid_limit_exceeded_hours"), "{:,.0f}", lang),
                  share=fmt_value(s.get("electrified_share"), "{:.0%}", lang))
    if res.best is None:
        return ""
    return tr("yr_constant", lang, p=fmt_col(res.best, "P_el_kW", lang),
              h=fmt_value(res.best.get("full_load_hours_per_yr", res.case.operating_hours_per_yr), "{:,.0f}", lang))


def _subsidy_rows(res, lang: str) -> list[tuple[str, str, str, str]]:
    """Each subsidy scheme for the proposed option: name, amount, unit and its eligibility."""
    row = res.best
    if row is None:
        return []
    notes = [n.strip() for n in str(row.get("subsidy_notes") or "").split(";") if n.strip()]
    warn = [w for w in row.get("warnings") or [] if isinstance(w, str)]
    notes = [n for n in notes if not any(n == w.removeprefix("economics: ") for w in warn)]  # coded copy kept
    out = []
    for scheme, col, key in _SCHEMES:
        v = row.get(col)
        on = _scheme_on(row, scheme, col, key)
        why = [render_message(n, lang, "long", context=False).removeprefix("economics: ") for n in notes + warn
               if scheme.lower() in n.lower() or (key == "sde" and "sde" in n.lower())]
        if not on:
            status = tr("sub_not_requested", lang)
        elif _finite(v) and v > 0:
            status = tr("sub_applied", lang)
        else:
            status = tr("sub_zero", lang)
        unit = unit_text("€/yr", lang) if col.endswith("_per_yr") else "€"
        out.append((scheme, fmt_value(v, "{:,.0f}", lang) if on else "–", unit if on else "",
                    status + (": " + "; ".join(dict.fromkeys(why)) if why else "")))
    return out


def _machine(res, lang: str) -> list[tuple[str, str]]:
    """The proposed machine in figures (refrigerant, temperatures, COP against Carnot and Lorenz)."""
    row = res.best
    if row is None:
        return []
    out = [(tr("m_option", lang), _opt(row["option"], lang))]
    for key, col, spec, unit in (("m_refrigerant", "refrigerant", None, ""),
                                 ("m_capacity", "capacity_kW_th", "{:,.0f}", "kW"),
                                 ("m_t_evap", "T_evap_C", "{:.1f}", "°C"), ("m_t_cond", "T_cond_C", "{:.1f}", "°C"),
                                 ("m_cop", "cop", "{:.2f}", ""), ("m_cop_carnot", "cop_carnot", "{:.2f}", ""),
                                 ("m_cop_lorenz", "cop_lorenz", "{:.2f}", ""),
                                 ("m_hours", "full_load_hours_per_yr", "{:,.0f}", unit_text("h/yr", lang))):
        v = row.get(col)
        if spec is None:
            if v:
                out.append((tr(key, lang), str(v)))
        elif _finite(v):
            out.append((tr(key, lang), (fmt_value(v, spec, lang) + (f" {unit}" if unit else ""))))
    return out


def _streams(res, lang: str) -> dict | None:
    """The case's process streams in figures (pinch targets, the sink's part the streams heat, the heat pump on
    the grand composite curve) and their notes; ``None`` for a case without streams."""
    p = getattr(res, "pinch", None)
    if p is None:
        return None
    kw = lambda v, spec="{:,.0f}": fmt_value(v, spec, lang)  # noqa: E731 - a local formatter
    rows = [(tr("pi_streams", lang), tr("st_count", lang, n=p["n_streams"], hot=p["n_hot"], cold=p["n_cold"],
                                          dt=fmt_value(p["dT_min_K"], "{:g}", lang)))]
    if p.get("pinch_T_hot_C") is not None:
        rows.append((tr("pi_pinch", lang), f"{kw(p['pinch_T_hot_C'], '{:.1f}')} / {kw(p['pinch_T_cold_C'], '{:.1f}')}"))
    else:
        rows.append((tr("pi_pinch", lang), tr("pi_no_pinch", lang)))
    rows += [(tr("pi_hot_min", lang), kw(p["Q_hot_min_kW"])), (tr("pi_cold_min", lang), kw(p["Q_cold_min_kW"])),
             (tr("pi_recovery", lang), kw(p["Q_recovery_kW"]))]
    if p.get("Q_hot_today_kW") and p.get("recovery_share") is not None:  # against today's use without recovery
        rows.append((tr("st_today", lang), tr("st_today_value", lang, Q=kw(p["Q_hot_today_kW"]),
                                              share=fmt_value(p["recovery_share"], "{:.0%}", lang))))
    band = p.get("sink_recovery")
    if band is not None:
        rows.append((tr("st_band", lang), tr("st_band_value", lang, Q=kw(band["Q_kW"]),
                                              T=kw(band["T_to_C"], "{:.1f}"))))
    hp = p.get("heat_pump")
    if hp is not None and not hp.get("saves_nothing"):
        rows.append((tr("pi_hp_saved", lang), kw(hp["Q_hot_saved_kW"])))
    notes = [render_message(n, lang, "long", context=False) for n in getattr(res, "pinch_notes", None) or []]
    return {"rows": rows, "notes": notes}


def _validity(res, prop: Proposal, lang: str) -> str:
    sup = prop.supplier
    who = sup.name if sup is not None and sup.name else tr("the_supplier", lang)
    if prop.valid_until is not None:
        return tr("v_until", lang, date=fmt_date(prop.valid_until, lang), year=res.case.tariff_year, who=who)
    return tr("v_none", lang, year=res.case.tariff_year, who=who)


def not_included(lang: str) -> list[str]:
    """What the proposal's figures do not include."""
    return [tr(f"ni_{i}", lang) for i in range(1, 8)]
