"""The report's hub section: a regional hub's result (``heatcalc hub``) as HTML or PDF.

The section is its own template part (``templates/hub_section.html.j2``) so that the proposal report can
include it and ``heatcalc hub hub.json --report hub.pdf`` can write it alone
(``templates/hub_report.html.j2`` wraps it in a page). It takes the JSON of
:meth:`heatcalc.hub.run.HubResult.to_dict` and the step table of :meth:`~heatcalc.hub.run.HubResult.table`
(it does not import :mod:`heatcalc.hub`), and shows: the alone-to-hub comparison, the member table with
the allocation, the load of each member and shared asset on the shared capacity stacked under the limit over
the busiest week and as daily means over the period (inline SVG, no browser needed), the heat links and the
shared assets, the objective and every warning. All user text (hub and member names) is escaped.
"""
from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from heatcalc.core.errors import ReportError
from heatcalc.core.numbers import format_value

_TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Stack colours (members first, then shared assets); cycled.
PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#B279A2", "#E45756", "#72B7B2", "#EECA3B", "#9D755D")

TEXTS = {
    "en": {"title": "Regional hub", "summary": "Alone and together", "figure": "figure", "alone": "alone",
           "hub": "hub", "el_share": "Electrified share of the heat", "co2_saved": "CO2 saved [t]",
           "cost": "Energy and CO2 cost [EUR]", "peak": "Peak load on the shared capacity [kW]",
           "members": "Members and their share", "member": "member", "cap_share": "share alone [kW]",
           "el": "electrified alone / hub", "co2": "CO2 saved alone / hub [t]", "cost_alone": "cost alone [EUR]",
           "allocated": "allocated [EUR]", "benefit": "benefit [EUR]", "rule": "Allocation rule",
           "week": "Load on the shared capacity, busiest week", "year": "Load on the shared capacity, daily means",
           "limit": "shared limit", "links": "Heat links", "from": "from", "to": "to", "used": "used",
           "heat": "heat [MWh]", "T": "temperature [°C]", "dist": "distance [m]", "capex": "investment [EUR]",
           "assets": "Shared assets", "kind": "kind", "site": "site", "size": "size", "yes": "yes", "no": "no",
           "objective": "Objective", "obj_cost": "least total cost of energy and CO2",
           "obj_co2": "least CO2 with the cost at most {cap} EUR (least cost {least} EUR)",
           "capacity": "Shared capacity {cap} kW ({right}); alone each member has a share {rule}.",
           "warnings": "Notes", "hours": "{h} h in steps of {m} min", "kw": "kW", "none": "none",
           "disclaimer": "Perfect foresight over the period; network peak and contract charges are not in the "
                         "dispatch. Figures are for the period of the profiles."},
    "nl": {"title": "Regionale hub", "summary": "Alleen en samen", "figure": "grootheid", "alone": "alleen",
           "hub": "hub", "el_share": "Geëlektrificeerd deel van de warmte", "co2_saved": "CO2 bespaard [t]",
           "cost": "Energie- en CO2-kosten [EUR]", "peak": "Piekbelasting op de gedeelde capaciteit [kW]",
           "members": "Deelnemers en hun aandeel", "member": "deelnemer", "cap_share": "aandeel alleen [kW]",
           "el": "geëlektrificeerd alleen / hub", "co2": "CO2 bespaard alleen / hub [t]",
           "cost_alone": "kosten alleen [EUR]", "allocated": "toegerekend [EUR]", "benefit": "voordeel [EUR]",
           "rule": "Verdeelregel", "week": "Belasting op de gedeelde capaciteit, drukste week",
           "year": "Belasting op de gedeelde capaciteit, daggemiddelden", "limit": "gedeelde grens",
           "links": "Warmteleidingen", "from": "van", "to": "naar", "used": "gebruikt", "heat": "warmte [MWh]",
           "T": "temperatuur [°C]", "dist": "afstand [m]", "capex": "investering [EUR]",
           "assets": "Gedeelde installaties", "kind": "soort", "site": "locatie", "size": "grootte", "yes": "ja",
           "no": "nee", "objective": "Doel", "obj_cost": "laagste totale kosten van energie en CO2",
           "obj_co2": "minste CO2 met kosten van hoogstens {cap} EUR (laagste kosten {least} EUR)",
           "capacity": "Gedeelde capaciteit {cap} kW ({right}); alleen krijgt elke deelnemer een aandeel {rule}.",
           "warnings": "Opmerkingen", "hours": "{h} uur in stappen van {m} min", "kw": "kW", "none": "geen",
           "disclaimer": "Volledige kennis vooraf over de periode; piek- en contracttarieven van het net zitten "
                         "niet in de inzet. Cijfers gelden voor de periode van de profielen."},
}


def _t(lang: str) -> dict:
    if lang not in TEXTS:
        raise ReportError(f"--lang={lang!r} is not known; choices: {', '.join(TEXTS)}")
    return TEXTS[lang]


def _num(x, nd: int = 0, lang: str = "en") -> str:
    return format_value(x, f"{{:,.{nd}f}}", lang, missing="–")


def _pct(x, lang: str = "en") -> str:
    return _num(100.0 * x, 1, lang) + " %" if x is not None else "–"


def stack_svg(series: list[tuple[str, np.ndarray]], limit: np.ndarray, labels: list[str], title: str,
              limit_label: str, width: int = 720, height: int = 260) -> str:
    """A stacked-area chart as inline SVG: ``series`` (name, values ≥ 0 per point) stacked, ``limit`` as a
    line; ``labels`` under the first, middle and last point. Names are escaped."""
    n = len(limit)
    if n == 0:
        return ""
    pad_l, pad_r, pad_t, pad_b = 60, 10, 24, 46
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    top = max(float(np.max(limit, initial=0.0)),
              float(np.max(np.sum([np.clip(v, 0, None) for _, v in series], axis=0), initial=0.0))
              if series else 0.0) or 1.0
    xs = pad_l + (np.arange(n) / max(n - 1, 1)) * w

    def y(v):
        return pad_t + h - np.asarray(v) / top * h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="hub-chart" '
             f'role="img" aria-label="{html.escape(title)}">',
             f'<text x="{pad_l}" y="14" font-size="12">{html.escape(title)}</text>']
    base = np.zeros(n)
    for k, (name, v) in enumerate(series):
        upper = base + np.clip(np.asarray(v, dtype=float), 0, None)
        pts = [f"{x:.1f},{yy:.1f}" for x, yy in zip(xs, y(upper))] + \
              [f"{x:.1f},{yy:.1f}" for x, yy in zip(xs[::-1], y(base)[::-1])]
        parts.append(f'<polygon points="{" ".join(pts)}" fill="{PALETTE[k % len(PALETTE)]}" fill-opacity="0.8">'
                     f'<title>{html.escape(name)}</title></polygon>')
        base = upper
    parts.append(f'<polyline points="{" ".join(f"{x:.1f},{yy:.1f}" for x, yy in zip(xs, y(limit)))}" '
                 'fill="none" stroke="#222" stroke-width="1.5" stroke-dasharray="5,3"/>')
    for frac in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{pad_l - 4}" y="{y(frac * top) + 4:.1f}" font-size="10" text-anchor="end">'
                     f'{top * frac:,.0f}</text>')
    for i in sorted({0, n // 2, n - 1}):
        anchor = "start" if i == 0 else ("end" if i == n - 1 else "middle")
        parts.append(f'<text x="{xs[i]:.1f}" y="{pad_t + h + 14}" font-size="10" text-anchor="{anchor}">'
                     f'{html.escape(labels[i])}</text>')
    legend = [(limit_label, "#222")] + [(nm, PALETTE[k % len(PALETTE)]) for k, (nm, _) in enumerate(series)]
    x0 = pad_l
    for nm, col in legend:
        parts.append(f'<rect x="{x0}" y="{height - 16}" width="10" height="10" fill="{col}"/>'
                     f'<text x="{x0 + 14}" y="{height - 7}" font-size="10">{html.escape(nm[:24])}</text>')
        x0 += 24 + 7 * min(len(nm), 24)
    parts.append("</svg>")
    return "".join(parts)


def _series(d: dict, table) -> tuple[list[tuple[str, np.ndarray]], np.ndarray, list[str]]:
    cols = table.columns
    series = [(m["case_id"], table[f"{m['case_id']}:P_shared_kW"].to_numpy(dtype=float)) for m in d["members"]
              if f"{m['case_id']}:P_shared_kW" in cols]
    for a in d.get("shared_assets", []):
        c = f"asset:{a['name']}:P_el_kW"
        if a.get("used") and c in cols:
            series.append((a["name"], table[c].to_numpy(dtype=float)))
    return series, table["shared_capacity_kW"].to_numpy(dtype=float), list(table["timestamp"].astype(str))


def charts(d: dict, table, lang: str = "en") -> dict:
    """The two stack charts as SVG text: the busiest week (the 7 days with the highest shared load) and daily
    means over the period. A discharging battery lowers the stack (its negative load is drawn as 0 and taken
    off the members' load of that step)."""
    T = _t(lang)
    if table is None or len(table) == 0:
        return {"week": "", "year": ""}
    series, C, stamps = _series(d, table)
    # a discharging battery: net it off the stack so that the stack is the load on the shared capacity
    neg = np.sum([np.clip(v, None, 0) for _, v in series], axis=0) if series else np.zeros(len(C))
    if np.any(neg < 0):
        pos = np.sum([np.clip(v, 0, None) for _, v in series], axis=0)
        scale = np.where(pos > 0, np.clip(1.0 + neg / np.maximum(pos, 1e-9), 0.0, 1.0), 1.0)
        series = [(nm, np.clip(v, 0, None) * scale) for nm, v in series]
    dt_h = float(d.get("dt_h") or 1.0)
    per_day = max(int(round(24 / dt_h)), 1)
    n = len(C)
    week = min(7 * per_day, n)
    total = np.sum([v for _, v in series], axis=0) if series else np.zeros(n)
    if n > week:
        window = np.convolve(total, np.ones(week), mode="valid")
        i0 = int(np.argmax(window))
    else:
        i0 = 0
    sl = slice(i0, i0 + week)
    out = {"week": stack_svg([(nm, v[sl]) for nm, v in series], C[sl], [s[:16].replace("T", " ") for s in
                                                                         stamps[sl]], T["week"], T["limit"])}
    days = n // per_day
    if days >= 2:
        def daily(v):
            return np.asarray(v[:days * per_day]).reshape(days, per_day).mean(axis=1)

        out["year"] = stack_svg([(nm, daily(v)) for nm, v in series], daily(C),
                                [stamps[i * per_day][:10] for i in range(days)], T["year"], T["limit"])
    else:
        out["year"] = ""
    return out


def build_context(d: dict, table=None, lang: str = "en") -> dict:
    """Everything the hub section shows, as text (numbers formatted for the language)."""
    T = _t(lang)
    f = lambda x, nd=0: _num(x, nd, lang)  # noqa: E731
    summary = [(T["el_share"], _pct(d["electrified_share_alone"], lang), _pct(d["electrified_share_hub"], lang)),
               (T["co2_saved"], f(d["co2_saved_t_alone"]), f(d["co2_saved_t_hub"])),
               (T["cost"], f(d["cost_EUR_alone"]), f(d["cost_EUR_hub"])),
               (T["peak"], f(d.get("peak_shared_kW_alone")), f(d.get("peak_shared_kW")))]
    members = [{"case_id": m["case_id"], "share": f(m.get("capacity_share_kW")),
                "el": f"{_pct(m['electrified_share_alone'], lang)} / {_pct(m['electrified_share_hub'], lang)}",
                "co2": f"{f(m['co2_saved_t_alone'])} / {f(m['co2_saved_t_hub'])}",
                "cost_alone": f(m["cost_EUR_alone"]), "allocated": f(m["allocated_cost_EUR"]),
                "benefit": f(m["allocated_benefit_EUR"])} for m in d["members"]]
    links = [{"from": lk["from"], "to": lk["to"], "used": T["yes"] if lk["used"] else T["no"],
              "heat": f(lk["heat_MWh"]), "T": f(lk["T_C"]), "dist": f(lk["distance_m"]), "capex": f(lk["capex_EUR"])}
             for lk in d.get("heat_links", [])]
    assets = []
    for a in d.get("shared_assets", []):
        size = (f"{f(a['capacity_kWh'])} kWh / {f(a['power_kW'])} kW" if a["kind"] in ("battery", "heat_store")
                else f"{f(a['heat_kW'])} kW")
        assets.append({"name": a["name"], "kind": a["kind"], "site": a["site"], "size": size,
                       "used": T["yes"] if a["used"] else T["no"], "heat": f(a["energy_MWh"]),
                       "capex": f(a["capex_EUR"])})
    if d.get("objective") == "co2":
        objective = T["obj_co2"].format(cap=f(d.get("cost_cap_EUR")), least=f(d.get("least_cost_EUR_hub")))
    else:
        objective = T["obj_cost"]
    return {"T": T, "lang": lang, "hub_id": d["hub_id"],
            "period": T["hours"].format(h=f(d["hours"]), m=f(float(d.get("dt_h") or 1.0) * 60)),
            "capacity": T["capacity"].format(cap=f(d.get("shared_capacity_kW")),
                                             right=d.get("transport_right") or T["none"],
                                             rule=d.get("capacity_share_rule", "")),
            "summary": summary, "members": members, "rule": d.get("allocation_rule"),
            "allocation_message": d.get("allocation_message") or "", "links": links, "assets": assets,
            "objective": objective, "warnings": list(d.get("warnings") or []),
            "charts": charts(d, table, lang)}


def _env():
    """The report's Jinja environment (one per process, shared with the proposal report)."""
    from heatcalc.report.render import _jinja_env

    return _jinja_env()


def render_section(d: dict, table=None, lang: str = "en") -> str:
    """The hub section as an HTML fragment (``<section class="hub">``), for inclusion in a report."""
    return _env().get_template("hub_section.html.j2").render(**build_context(d, table, lang))


def render_page(d: dict, table=None, lang: str = "en") -> str:
    """The hub section as one self-contained HTML page."""
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8") if (_TEMPLATES / "report.css").is_file() else ""
    return _env().get_template("hub_report.html.j2").render(section=render_section(d, table, lang), css=css,
                                                            lang=lang, hub_id=d["hub_id"], T=_t(lang))


def write_hub_report(d: dict, table, path, lang: str = "en") -> Path:
    """Write the hub section to ``path`` (``.html``/``.htm`` or ``.pdf``).

    Raises
    ------
    ReportError
        For another suffix, a file that cannot be written, or PDF without WeasyPrint.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ReportError(f"--report {str(path)!r}: the suffix must be .html, .htm or .pdf")
    page = render_page(d, table, lang)
    try:
        if suffix == ".pdf":
            from heatcalc.report.render import html_to_pdf

            p.write_bytes(html_to_pdf(page))
        else:
            p.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"--report {str(path)!r} cannot be written: {exc.strerror or exc}") from None
    return p
