"""What the report says: the context that the template renders, built from a case and
its result rows (summary, options, grid, before/after, economics, products, assumptions with sources).
"""
from __future__ import annotations

import datetime as _dt
import math
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
            groups.append({"title": tr(title, lang), "rows": [
                {**r, "source": r["source"] + _notes_suffix(r)}
                for r in _rows_of(df, ("quantity", "value", "unit", "source", "confidence", "notes"))]})
    except HeatCalcError:
        pass
    return groups


def _cost_group(res, lang: str) -> dict:
    """The cost data of the technologies evaluated without error, the grid connection and the baseline."""
    techs = {r["option"] for r in res.rows if r.get("status") == "ok"} | {"grid_connection", res.case.baseline}
    df = load_table("costs.csv")
    df = df[df["technology"].isin(techs)]
    return {"title": tr("a_costs", lang), "rows": [
        {"quantity": f"{r['technology']}: {r['parameter']}", "value": r["value"], "unit": r["unit"],
         "source": _src_text(r["source"]) + _notes_suffix(r), "confidence": r["confidence"]}
        for r in _rows_of(df, ("technology", "parameter", "value", "unit", "source", "confidence", "notes"))]}


def _subsidy_group(res, lang: str) -> dict:
    """The subsidy and tax-relief schemes."""
    df = load_table("subsidies.csv")
    return {"title": tr("a_subsidies", lang), "rows": [
        {"quantity": f"{r['scheme']}: {r['quantity']}", "value": r["value"], "unit": r["unit"],
         "source": _src_text(r["source"]) + _notes_suffix(r), "confidence": r["confidence"]}
        for r in _rows_of(df, ("scheme", "quantity", "value", "unit", "source", "confidence", "notes"))]}


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
        {"quantity": n.removeprefix("economics: "), "value": "", "unit": "", "source": "", "confidence": ""}
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
                reasons.append(f"{name}: {r.get('message') or r.get('status')}")
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
    return {"headline": tr(key, lang, option=_opt(best["option"], lang)), "bullets": bullets, "why": [],
            "viable": npv_ok and co2_ok}


def _options_table(res, lang: str) -> dict:
    """Options side by side (as the evaluate table): one column per option, one row
    per figure; infeasible options keep their column with the reason below."""
    cols = ["status", "cop", "refrigerant", "P_el_kW", "fits_grid", "E_el_MWh_per_yr", "gas_m3_per_yr",
            "co2_t_per_yr", "co2_saved_t_per_yr", "opex_EUR_per_yr", "saving_EUR_per_yr", "capex_EUR", "npv_EUR",
            "irr", "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t"]
    shown = [r for r in res.rows if r.get("status") == "ok"]
    head = [""] + [("★ " if r.get("best") else "") + _opt(r["option"], lang) for r in shown]
    body = []
    for c in cols:
        cells = []
        for r in shown:
            ok = r.get("status") == "ok"
            if c == "status":
                cells.append(choice_label("status", r.get("status", ""), lang))
            elif c == "refrigerant":
                cells.append(str(r.get("refrigerant") or "–"))
            elif not ok or (r["option"] == "baseline" and c in ("fits_grid", "co2_saved_t_per_yr")):
                cells.append("–")
            else:
                cells.append(fmt_col(r, c, lang))
        if c == "refrigerant" and all(x == "–" for x in cells):
            continue
        label = tr("col_status", lang) if c == "status" else column_label(c, lang)
        body.append({"label": label, "cells": cells})
    best_idx = next((i for i, r in enumerate(shown) if r.get("best")), None)
    notes = [tr("not_feasible", lang, option=_opt(r["option"], lang), why=r.get("message") or r.get("status"))
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
             ("i_opex", "opex_EUR_per_yr", "€/yr"), ("i_co2", "co2_t_per_yr", "t/yr")]
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
        notes = list(m.reasons) + (list(e.notes) if e else [])
        rows.append({"product": f"{m.supplier} — {m.model}", "refrigerant": m.refrigerant or "–",
                     "status": tr(m.status, lang), "units": str(m.units) if m.units else "–",
                     "cop": fmt_value(m.cop, "{:.2f}", lang), "basis": basis, "notes": "; ".join(notes),
                     "source": f"{m.source} ({tr('claim_' + m.claim, lang)}, {m.confidence})"})
    excluded = [m for m in matches if m.status == "no"]
    ex_text = ""
    if excluded:
        ex_text = tr("p_excluded", lang, n=len(excluded),
                     names="; ".join(f"{m.supplier} {m.model} ({m.reasons[0]})" for m in excluded))
    return {"rows": rows, "note": "" if rows else tr("p_none", lang), "excluded": ex_text}


def _warnings(res, lang: str) -> list[tuple[str, str]]:
    out = []
    for r in res.rows:
        for w in r.get("warnings") or []:
            if isinstance(w, str) and not w.startswith("economics: "):
                out.append((_opt(r["option"], lang), w))
    return out


def build_context(res, lang: str = "en", *, charts: list[dict] | None = None, chart_note: str | None = None
                  ) -> dict:
    """Everything the template shows, formatted for ``lang``.

    Parameters
    ----------
    res : CaseResult
        The evaluated case.
    lang : str
        ``en`` or ``nl``.
    charts : list of dict, optional
        Rendered charts (``title`` and ``img``, ``svg`` or ``note``).
    chart_note : str, optional
        Shown instead of the charts when none could be drawn.
    """
    lang = check_lang(lang)
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
        "prepared": tr("prepared", lang, date=_dt.date.today().isoformat(), version=__version__,
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
    }
