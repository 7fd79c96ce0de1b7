"""Customer proposal: one case's evaluation as an HTML or PDF report (English or Dutch).

The report turns a :class:`~heatcalc.evaluate.CaseResult` into a document a sales
engineer can leave with a customer and an energy engineer can attach to a subsidy
application or an investment proposal:

* customer and process summary; recommended option and the alternatives (with the
  reason for every option that cannot work);
* COP, electrical load, grid connection need and whether it fits;
* energy, cost and CO2 before and after; CAPEX, subsidies, NPV, IRR, payback,
  LCOH and € per tonne of CO2 avoided;
* charts (option comparison, cost split, sensitivity tornado, cycle diagram);
* catalogue products that can serve the case with their expected COP
  (:mod:`heatcalc.products`);
* every assumption with its value and source; a short disclaimer.

Every number comes from the library's result rows and is rounded as in the
``heatcalc evaluate`` table (:data:`ROW_FORMATS`); Dutch uses a decimal comma.

Charts are static images drawn by plotly's kaleido in the system's Chromium
(:class:`ChartRenderer`; one browser for all charts of a report, or kept open by
the caller for many reports). kaleido is never allowed to download a browser: the
path comes from ``BROWSER_PATH`` or the ``chromium`` on ``PATH``; without one the
report is still written, with a note where the charts would be.

PDF is made from the HTML by WeasyPrint. This module never imports Streamlit.
"""
from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import datetime as _dt
import logging
import math
import os
import shutil
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import HeatCalcError, InputError

#: Report languages.
LANGS = ("en", "nl")
#: Output formats by file suffix.
FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}
#: Number formats of the result columns — the same as the ``heatcalc evaluate`` table
#: (``heatcalc.cli.evaluate.TABLE_ROWS``; a test keeps them equal).
ROW_FORMATS = {
    "cop": "{:.2f}",
    "P_el_kW": "{:,.0f}",
    "E_el_MWh_per_yr": "{:,.0f}",
    "gas_m3_per_yr": "{:,.0f}",
    "heat_backup_MWh_per_yr": "{:,.0f}",
    "co2_t_per_yr": "{:,.0f}",
    "co2_saved_t_per_yr": "{:,.0f}",
    "opex_EUR_per_yr": "{:,.0f}",
    "saving_EUR_per_yr": "{:,.0f}",
    "capex_EUR": "{:,.0f}",
    "npv_EUR": "{:,.0f}",
    "irr": "{:.1%}",
    "payback_yr": "{:.1f}",
    "lcoh_EUR_per_MWh": "{:,.1f}",
    "abatement_EUR_per_t": "{:,.0f}",
}
#: Formats of further columns shown in the report (not in the evaluate table).
EXTRA_FORMATS = {
    "heat_delivered_MWh_per_yr": "{:,.0f}",
    "fuel_MWh_per_yr": "{:,.0f}",
    "grid_capacity_kW": "{:,.0f}",
    "subsidy_EUR": "{:,.0f}",
    "subsidy_eia_EUR": "{:,.0f}",
    "subsidy_veki_EUR": "{:,.0f}",
    "subsidy_sde_EUR_per_yr": "{:,.0f}",
    "break_even_price_el_EUR_per_MWh": "{:,.1f}",
    "price_el_EUR_per_MWh_used": "{:,.1f}",
    "price_gas_EUR_per_MWh_used": "{:,.1f}",
    "co2_price_EUR_per_t_used": "{:,.1f}",
    "T_evap_C": "{:.1f}",
    "T_cond_C": "{:.1f}",
    "cop_carnot": "{:.2f}",
    "cop_lorenz": "{:.2f}",
    "capacity_kW_th": "{:,.0f}",
    "co2_fuel_t_per_yr": "{:,.0f}",
    "co2_process_t_per_yr": "{:,.0f}",
    "co2_grid_t_per_yr": "{:,.0f}",
    "opex_commodity_EUR_per_yr": "{:,.0f}",
    "opex_energy_tax_EUR_per_yr": "{:,.0f}",
    "opex_network_EUR_per_yr": "{:,.0f}",
    "opex_co2_EUR_per_yr": "{:,.0f}",
    "opex_om_EUR_per_yr": "{:,.0f}",
}
#: Chart size in the report [px] and the raster scale of PNG charts (PDF).
CHART_WIDTH_PX, CHART_HEIGHT_PX, CHART_SCALE = 900, 430, 2
#: Font of the charts: one that WeasyPrint finds on a Debian system (SVG text is laid out by it).
CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
#: Seconds to wait for one chart.
CHART_TIMEOUT_S = 60.0
#: Seconds to wait for the browser to close before its process group is ended.
CLOSE_TIMEOUT_S = 10.0
#: Seconds to wait for the browser to start before it is ended and started once more.
BROWSER_START_TIMEOUT_S = 20.0

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_log = logging.getLogger(__name__)


class ReportError(HeatCalcError):
    """The report could not be written (bad output path or format)."""


# --------------------------------------------------------------------------------------
# texts of the report (shared vocabulary — option names, field and column labels —
# comes from heatcalc.i18n)
_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Proposal: electrifying process heat", "Voorstel: elektrificatie van proceswarmte"),
    "prepared": ("Prepared {date} with heatcalc {version} · tariff year {year}",
                 "Opgesteld {date} met heatcalc {version} · tariefjaar {year}"),
    "s_summary": ("Summary", "Samenvatting"),
    "s_customer": ("Customer and process", "Klant en proces"),
    "s_options": ("The options compared", "De opties vergeleken"),
    "s_grid": ("Electrical load and grid connection", "Elektrisch vermogen en netaansluiting"),
    "s_before_after": ("Energy, cost and CO2 before and after", "Energie, kosten en CO2 vóór en na"),
    "s_economics": ("Investment and return", "Investering en rendement"),
    "s_charts": ("Charts", "Grafieken"),
    "s_products": ("Products that can serve this case", "Producten die deze case kunnen bedienen"),
    "s_assumptions": ("Assumptions and sources", "Aannames en bronnen"),
    "s_warnings": ("Technical notes", "Technische opmerkingen"),
    "s_disclaimer": ("Disclaimer", "Disclaimer"),
    "recommended": ("Recommended: {option}", "Aanbevolen: {option}"),
    "best_not_viable": ("Best of the options: {option} — not a business case at these prices and factors",
                        "Beste van de opties: {option} — bij deze prijzen en factoren geen sluitende business case"),
    "sum_more_co2": ("emits {co2} t CO2 per year MORE than today (grid electricity at the average emission factor)",
                     "stoot {co2} t CO2 per jaar MEER uit dan nu (netstroom tegen de gemiddelde emissiefactor)"),
    "why_grid": ("needs {p} kW, the site can get {cap} kW ({short} kW short)",
                 "vraagt {p} kW, de locatie kan {cap} kW krijgen ({short} kW te weinig)"),
    "why_co2": ("does not save CO2 ({co2} t/yr more with grid electricity at the average emission factor)",
                "bespaart geen CO2 ({co2} t/jr meer met netstroom tegen de gemiddelde emissiefactor)"),
    "if_grid": ("With {p} kW of grid capacity from {operator}, {option} would be the best option: saves {co2} t CO2 "
                "per year, NPV € {npv}, payback {pb} years.",
                "Met {p} kW netcapaciteit van {operator} zou {option} de beste optie zijn: bespaart {co2} t CO2 per "
                "jaar, netto contante waarde € {npv}, terugverdientijd {pb} jaar."),
    "grid_advice": ("Ways to fit the grid: a smaller electric share (hybrid with the existing plant), thermal storage "
                    "with a time-bound transport right, or a larger connection from {operator} (ask early: waiting "
                    "lists).",
                    "Manieren om op het net te passen: een kleiner elektrisch aandeel (hybride met de bestaande "
                    "installatie), thermische opslag met een tijdsduurgebonden transportrecht, of een grotere "
                    "aansluiting bij {operator} (vraag tijdig aan: wachtlijsten)."),
    "no_recommendation": ("No electric option is recommended for this case.",
                          "Voor deze case wordt geen elektrische optie aanbevolen."),
    "why_none": ("Why: {reasons}", "Waarom: {reasons}"),
    "sum_cop": ("COP {cop}", "COP {cop}"),
    "sum_load": ("{p} kW electrical load", "{p} kW elektrisch vermogen"),
    "sum_fits": ("fits the grid capacity", "past op de netcapaciteit"),
    "sum_fits_unknown": ("no grid limit given — confirm with {operator}", "geen netlimiet opgegeven — bevestig bij "
                         "{operator}"),
    "sum_co2": ("saves {co2} t CO2 per year ({share} of today's)", "bespaart {co2} t CO2 per jaar ({share} van nu)"),
    "sum_payback": ("payback {pb} years", "terugverdientijd {pb} jaar"),
    "sum_no_payback": ("does not pay back within {life} years", "verdient zich niet terug binnen {life} jaar"),
    "sum_products": ("{n} catalogue product(s) are candidates for these temperatures, e.g. {names} (see Products)",
                     "{n} product(en) uit de catalogus komen in aanmerking voor deze temperaturen, o.a. {names} "
                     "(zie Producten)"),
    "sum_npv": ("NPV € {npv}", "netto contante waarde € {npv}"),
    "best_basis": ("The recommended option is the feasible option that fits the grid with the highest net present "
                   "value.",
                   "De aanbevolen optie is de haalbare optie die op het net past met de hoogste netto contante "
                   "waarde."),
    "col_option": ("Option", "Optie"),
    "not_feasible": ("{option} is not feasible: {why}", "{option} is niet haalbaar: {why}"),
    "from_tariff_data": ("tariff data {year}", "tariefdata {year}"),
    "basis_fitted": ("fitted to {n} published point(s): {model} quality grade {eta}",
                     "gefit op {n} gepubliceerd(e) punt(en): {model}-kwaliteitsgraad {eta}"),
    "basis_generic": ("generic model (Carnot quality grade {eta}), not product data",
                      "generiek model (Carnot-kwaliteitsgraad {eta}), geen productdata"),
    "col_status": ("Status", "Status"),
    "col_why": ("Why not / note", "Waarom niet / opmerking"),
    "col_item": ("Item", "Post"),
    "col_before": ("Before ({baseline})", "Vóór ({baseline})"),
    "col_after": ("After ({option})", "Na ({option})"),
    "col_change": ("Change", "Verschil"),
    "col_value": ("Value", "Waarde"),
    "col_unit": ("Unit", "Eenheid"),
    "col_source": ("Source", "Bron"),
    "col_conf": ("Conf.", "Betr."),
    "col_quantity": ("Quantity", "Grootheid"),
    "col_given": ("given", "opgegeven"),
    "col_default": ("default", "standaard"),
    "col_product": ("Product", "Product"),
    "col_fit": ("Envelope", "Werkgebied"),
    "col_units": ("Units", "Units"),
    "col_exp_cop": ("Expected COP", "Verwachte COP"),
    "col_basis": ("COP basis", "Basis COP"),
    "col_refrigerant": ("Refrigerant", "Koudemiddel"),
    "fits": ("fits", "past"),
    "check": ("check", "navragen"),
    "no": ("no", "nee"),
    "yes": ("yes", "ja"),
    "dash": ("–", "–"),
    "grid_need": ("Extra electrical load of {option}: {p} kW.", "Extra elektrisch vermogen van {option}: {p} kW."),
    "grid_fits": ("The site can get {cap} kW for the new load: it fits ({margin} kW to spare).",
                  "De locatie kan {cap} kW krijgen voor de nieuwe last: het past ({margin} kW over)."),
    "grid_short": ("The site can get {cap} kW for the new load: {short} kW short. Options: a smaller electric share "
                   "(hybrid), thermal storage with a time-bound transport right, or a larger connection from {operator}.",
                   "De locatie kan {cap} kW krijgen voor de nieuwe last: {short} kW te weinig. Mogelijkheden: een "
                   "kleiner elektrisch aandeel (hybride), thermische opslag met een tijdsduurgebonden "
                   "transportrecht, of een grotere aansluiting bij {operator}."),
    "grid_unknown": ("No grid limit was given. Transport capacity is scarce in much of the Netherlands: ask {operator} "
                     "early whether {p} kW extra can be contracted, and when.",
                     "Er is geen netlimiet opgegeven. Transportcapaciteit is op veel plaatsen in Nederland schaars: "
                     "vraag {operator} tijdig of {p} kW extra gecontracteerd kan worden, en per wanneer."),
    "grid_table_load": ("Electrical load per option", "Elektrisch vermogen per optie"),
    "i_gas": ("Natural gas", "Aardgas"),
    "i_fuel": ("Gas energy (HHV)", "Gasenergie (bovenwaarde)"),
    "i_el": ("Electricity bought", "Ingekochte elektriciteit"),
    "i_heat": ("Heat delivered", "Geleverde warmte"),
    "i_opex": ("Operating cost (energy, taxes, network, CO2, maintenance)",
               "Bedrijfskosten (energie, belasting, net, CO2, onderhoud)"),
    "i_co2": ("CO2 emissions", "CO2-uitstoot"),
    "e_capex": ("Investment (CAPEX)", "Investering (CAPEX)"),
    "e_subsidy": ("Subsidies and tax relief (present value)", "Subsidies en fiscale voordelen (contante waarde)"),
    "e_eia": ("of which EIA (energy investment allowance)", "waarvan EIA (energie-investeringsaftrek)"),
    "e_veki": ("of which VEKI", "waarvan VEKI"),
    "e_sde": ("SDE++ per year", "SDE++ per jaar"),
    "e_saving": ("Annual saving against today", "Jaarlijkse besparing t.o.v. nu"),
    "e_npv": ("Net present value ({rate} real, {life} years)", "Netto contante waarde ({rate} reëel, {life} jaar)"),
    "e_irr": ("Internal rate of return", "Interne rentevoet"),
    "e_payback": ("Simple payback", "Eenvoudige terugverdientijd"),
    "e_lcoh": ("Levelised cost of heat", "Warmtekostprijs (LCOH)"),
    "e_abatement": ("Cost per tonne of CO2 avoided", "Kosten per vermeden ton CO2"),
    "e_breakeven": ("Break-even electricity price", "Break-even elektriciteitsprijs"),
    "e_mc_range": ("NPV range P10 … P90 ({n} draws of prices, CAPEX, COP and hours)",
                   "Bandbreedte NCW P10 … P90 ({n} trekkingen van prijzen, CAPEX, COP en uren)"),
    "e_mc_prob": ("Probability that the NPV is positive", "Kans dat de netto contante waarde positief is"),
    "a_mc": ("Uncertainty ranges of the Monte Carlo (factors on the case values: low, mode, high)",
             "Onzekerheidsmarges van de Monte Carlo (factoren op de casewaarden: laag, modus, hoog)"),
    "a_mc_source": ("heatcalc modelling choice (heatcalc.economics.MC_RANGES), triangular distributions",
                    "modelkeuze van heatcalc (heatcalc.economics.MC_RANGES), driehoeksverdelingen"),
    "e_none": ("No feasible electric option: no investment case.",
               "Geen haalbare elektrische optie: geen investeringscase."),
    "c_options": ("Option comparison: annual operating cost and CO2", "Vergelijking van opties: jaarlijkse "
                  "bedrijfskosten en CO2"),
    "c_cost": ("Cost split per option", "Kostenopbouw per optie"),
    "c_tornado": ("Sensitivity of the net present value", "Gevoeligheid van de netto contante waarde"),
    "c_cycle": ("Heat-pump cycle", "Warmtepompkringloop"),
    "in_price_el": ("Electricity price", "Elektriciteitsprijs"),
    "in_price_gas": ("Gas price", "Gasprijs"),
    "in_co2_price": ("CO2 price", "CO2-prijs"),
    "in_capex": ("Investment", "Investering"),
    "in_cop": ("COP", "COP"),
    "in_operating_hours": ("Operating hours", "Bedrijfsuren"),
    "in_discount_rate": ("Discount rate", "Disconteringsvoet"),
    "in_lifetime": ("Lifetime", "Levensduur"),
    "c_co2": ("CO2 split per option", "CO2-opbouw per optie"),
    "chart_unavailable": ("Charts could not be drawn here: {reason}. The figures in the tables are complete.",
                          "Grafieken konden hier niet worden getekend: {reason}. De cijfers in de tabellen zijn "
                          "volledig."),
    "chart_failed": ("This chart could not be drawn: {reason}", "Deze grafiek kon niet worden getekend: {reason}"),
    "no_tornado": ("No sensitivity analysis is available for this case.",
                   "Voor deze case is geen gevoeligheidsanalyse beschikbaar."),
    "p_intro": ("Catalogue of industrial and high-temperature heat pumps and MVR compressors. Most figures are "
                "suppliers' own claims: ask the supplier for a quotation at your conditions. The expected COP is "
                "fitted to the product's published points where they exist; otherwise it is heatcalc's generic "
                "model, not product data.",
                "Catalogus van industriële en hogetemperatuurwarmtepompen en MVR-compressoren. De meeste cijfers "
                "zijn opgaven van de leveranciers zelf: vraag de leverancier om een offerte bij uw condities. De "
                "verwachte COP is gefit op gepubliceerde punten van het product waar die er zijn; anders is het "
                "het generieke model van heatcalc, geen productdata."),
    "p_none": ("No catalogue product matches this case's temperatures, media and size.",
               "Geen product uit de catalogus past bij de temperaturen, media en omvang van deze case."),
    "p_excluded": ("{n} further catalogue products do not fit: {names}.",
                   "{n} andere producten uit de catalogus passen niet: {names}."),
    "p_na": ("Heat pumps and MVR do not apply to this process.", "Warmtepompen en MVR zijn niet van toepassing op "
             "dit proces."),
    "claim_supplier_claim": ("supplier claim", "opgave leverancier"),
    "claim_case_study": ("case study", "praktijkcase"),
    "claim_factsheet": ("factsheet", "factsheet"),
    "claim_literature": ("literature", "literatuur"),
    "a_intro": ("Every number behind this proposal, with its source. Confidence: H official source or two sources "
                "agreeing; M reputable secondary source; L company claim or rule of thumb; U unverified working "
                "assumption; D derived here.",
                "Elk getal achter dit voorstel, met de bron. Betrouwbaarheid: H officiële bron of twee bronnen "
                "eens; M betrouwbare secundaire bron; L bedrijfsopgave of vuistregel; U niet geverifieerde "
                "werkaanname; D hier afgeleid."),
    "a_case": ("Case inputs", "Invoer van de case"),
    "a_prices": ("Prices used ({year})", "Gebruikte prijzen ({year})"),
    "a_emissions": ("Emission factors", "Emissiefactoren"),
    "a_figures": ("Technology and process figures", "Technologie- en procesgetallen"),
    "a_costs": ("Investment and maintenance cost", "Investerings- en onderhoudskosten"),
    "a_subsidies": ("Subsidies and tax", "Subsidies en belasting"),
    "a_tax": ("Energy tax bands ({year})", "Energiebelastingschijven ({year})"),
    "a_network": ("Network tariffs ({operator})", "Nettarieven ({operator})"),
    "a_sources": ("Sources", "Bronnen"),
    "a_finance_notes": ("Notes on prices, tariffs and economics (in English)",
                        "Opmerkingen bij prijzen, tarieven en economie (in het Engels)"),
    "w_intro": ("Warnings and messages of the calculation (in English).",
                "Waarschuwingen en meldingen van de berekening (in het Engels)."),
    "w_none": ("No warnings.", "Geen waarschuwingen."),
    "disclaimer": ("This proposal is a feasibility estimate made with the open-source calculator heatcalc from the "
                   "inputs and public data listed above. It is not an offer, a design or a guarantee of "
                   "performance, cost or subsidy. Product figures are mostly suppliers' own claims. Energy prices, "
                   "taxes, grid tariffs and subsidy rules change; check them, the site's contracts and the grid "
                   "operator's capacity before deciding. Figures are rounded.",
                   "Dit voorstel is een haalbaarheidsschatting, gemaakt met de open-source rekentool heatcalc op "
                   "basis van de invoer en openbare gegevens hierboven. Het is geen offerte, ontwerp of garantie "
                   "van prestaties, kosten of subsidie. Productcijfers zijn grotendeels opgaven van leveranciers. "
                   "Energieprijzen, belastingen, nettarieven en subsidieregels veranderen; controleer ze, de "
                   "contracten van de locatie en de capaciteit bij de netbeheerder vóór een besluit. Cijfers zijn "
                   "afgerond."),
    "page": ("page", "pagina"),
    "lang_note": ("", ""),
    "unlimited": ("unlimited", "onbeperkt"),
    "the_operator": ("the grid operator", "de netbeheerder"),
    "of_today": ("of today's", "van nu"),
}


def tr(key: str, lang: str, **kw) -> str:
    """Report text ``key`` in ``lang`` (``en``/``nl``), formatted with ``kw``."""
    pair = _TEXTS.get(key)
    if pair is None:
        from .i18n import t

        return t(key, lang, **kw)
    text = pair[1] if lang == "nl" else pair[0]
    return text.format(**kw) if kw else text


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
def _finite(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def localise(text: str, lang: str) -> str:
    """Swap English separators for Dutch ones (``1,234.5`` → ``1.234,5``)."""
    if lang != "nl":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


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
    text = spec.format(v)
    if text.startswith("-") and not any(ch in "123456789" for ch in text):
        text = text[1:]  # "-0" / "-0.0": a rounding artefact, not a sign
    return localise(text, lang)


def fmt_col(row: dict | None, col: str, lang: str) -> str:
    """A result column of a row, formatted as in the evaluate table."""
    if row is None:
        return "–"
    spec = ROW_FORMATS.get(col) or EXTRA_FORMATS.get(col) or "{}"
    return fmt_value(row.get(col), spec, lang)


# --------------------------------------------------------------------------------------
# charts: one kaleido browser for all charts
def find_browser() -> str | None:
    """Path of the system Chromium for kaleido: ``BROWSER_PATH`` if set, else
    ``chromium``/``chromium-browser``/``google-chrome`` on ``PATH``. Never downloads one."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(name)
        if p:
            return p
    return None


class ChartRenderer:
    """Static images of plotly figures from one kaleido/Chromium session.

    Start it once and render every chart of a report (or of many reports) with it;
    a fresh browser per chart would cost seconds each. The browser runs on its own
    event-loop thread; every call has a timeout, so a stuck browser cannot hang the
    caller.

    Parameters
    ----------
    browser_path : str, optional
        Chromium executable; default :func:`find_browser`.
    timeout_s : float
        Seconds to wait for the browser to start and for each chart [s].

    Examples
    --------
    >>> with ChartRenderer() as r:            # doctest: +SKIP
    ...     png = r.render(fig, "png")
    """

    def __init__(self, browser_path: str | None = None, timeout_s: float = CHART_TIMEOUT_S):
        self.browser_path = browser_path
        self.timeout_s = timeout_s
        self.error: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._k = None
        self._future = None
        self._pending = None
        self._path: str | None = None
        self._lock = threading.Lock()
        self._start_lock = threading.Lock()

    @property
    def ok(self) -> bool:
        """The browser is running."""
        return self._k is not None

    def start(self, wait: bool = True) -> bool:
        """Start the browser.

        Parameters
        ----------
        wait : bool
            ``False`` returns at once while the browser starts in the background
            (call it early, do other work, then render); ``True`` waits for it.

        Returns
        -------
        bool
            ``False`` (and :attr:`error` set) when it cannot start.

        Notes
        -----
        A start that has not finished after :data:`BROWSER_START_TIMEOUT_S` is
        abandoned (that browser's process group is ended) and tried once more.
        """
        with self._start_lock:
            if self._k is not None:
                return True
            if self.error is not None:
                return False
            if self._future is None and not self._launch():
                return False
            if not wait:
                return True
            for attempt in (1, 2):
                try:
                    self._k = self._future.result(timeout=min(self.timeout_s, BROWSER_START_TIMEOUT_S))
                    return True
                except Exception as exc:  # stuck or failed start: end it, retry once, then give up
                    why = f"{type(exc).__name__}: {exc}".rstrip(": ")
                    self._abandon()
                    if attempt == 1 and self._launch():
                        continue
                    self.error = f"the browser at {self._path} did not start ({why})"
                    return False
            return False  # pragma: no cover - the loop always returns

    def _launch(self) -> bool:
        """Start the event-loop thread and begin opening the browser (no waiting)."""
        path = self.browser_path or find_browser()
        if not path or not Path(path).is_file():
            self.error = ("no Chromium browser found (install the Debian package 'chromium' or set "
                          "BROWSER_PATH to a Chromium executable)")
            return False
        try:
            import kaleido
        except ImportError:
            self.error = "the Python package kaleido is not installed (pip install kaleido)"
            return False
        self._loop = asyncio.new_event_loop()
        # tasks of a cancelled chart or an abandoned start fail late by design: log them, do not print them
        self._loop.set_exception_handler(
            lambda loop, ctx: _log.debug("kaleido session: %s", ctx.get("message"), exc_info=ctx.get("exception")))
        self._thread = threading.Thread(target=self._loop.run_forever, name="heatcalc-kaleido", daemon=True)
        self._thread.start()

        async def _open():
            k = kaleido.Kaleido(n=1, timeout=self.timeout_s, path=path, mathjax=False)
            self._pending = k
            try:
                await k.open()
            except BaseException:
                if self._pending is not k:  # abandoned by start(): its failure is expected, not news
                    return None
                raise
            return k

        self._path = path
        self._future = asyncio.run_coroutine_threadsafe(_open(), self._loop)
        return True

    def _abandon(self) -> None:
        """Give up a start: cancel it and end the browser process group it launched."""
        fut, k = self._future, self._pending
        self._future, self._pending = None, None
        if fut is not None:
            fut.cancel()
        proc = getattr(k, "subprocess", None) if k is not None else None
        if proc is not None and proc.poll() is None:
            import signal

            try:
                os.killpg(proc.pid, signal.SIGTERM)  # the browser we launched runs in its own group
            except (ProcessLookupError, PermissionError, OSError):
                proc.terminate()
            try:
                proc.wait(timeout=6)
            except Exception:
                proc.kill()
        self._stop_loop()

    def render(self, fig, fmt: str = "png", width: int = CHART_WIDTH_PX, height: int = CHART_HEIGHT_PX,
               scale: float = CHART_SCALE) -> bytes:
        """Image of a figure as bytes (``png`` or ``svg``).

        Raises
        ------
        ReportError
            If the browser is not running or the chart fails or times out.
        """
        if self._k is None and not self.start():
            raise ReportError(self.error or "chart renderer not started")
        opts = {"format": fmt, "width": width, "height": height, "scale": scale if fmt == "png" else 1}
        with self._lock:
            fut = asyncio.run_coroutine_threadsafe(self._k.calc_fig(fig, opts=opts), self._loop)
            try:
                return fut.result(timeout=self.timeout_s)
            except concurrent.futures.TimeoutError:
                # a browser that does not answer is ended, so that later charts fail at once
                fut.cancel()
                self.error = f"the browser did not draw a chart within {self.timeout_s:g} s and was closed"
                self.close()
                raise ReportError(self.error) from None
            except Exception as exc:  # this figure failed; the session stays usable
                fut.cancel()
                raise ReportError(f"chart rendering failed ({type(exc).__name__}: {exc})") from None

    def close(self) -> None:
        """Close the browser and its thread (safe to call twice)."""
        if self._k is None and self._future is not None:
            try:  # still starting: wait for it so that the browser process is closed, not orphaned
                self._k = self._future.result(timeout=self.timeout_s)
            except Exception:
                self._k = None
        self._future = None
        if self._k is not None and self._loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(self._k.close(), self._loop).result(timeout=CLOSE_TIMEOUT_S)
            except Exception:  # a browser that will not close is ended by its process group
                self._pending = self._k
                self._abandon()
        self._k = None
        self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            async def _cancel_rest():
                rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
                for t in rest:
                    t.cancel()
                await asyncio.gather(*rest, return_exceptions=True)

            if self._loop.is_running():
                try:
                    asyncio.run_coroutine_threadsafe(_cancel_rest(), self._loop).result(timeout=5)
                except Exception:  # a task that will not cancel must not stop the shutdown
                    pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            if not self._loop.is_running():
                self._loop.close()
        self._loop, self._thread = None, None

    def __enter__(self) -> "ChartRenderer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --------------------------------------------------------------------------------------
# figures
def _chart_rows(res) -> list[dict]:
    return [r for r in res.rows if r.get("status") == "ok"]


def tornado_data(res, lang: str = "en") -> dict | None:
    """Sensitivity of the recommended option's NPV (:func:`heatcalc.economics.sensitivity`)
    as ``{"items": [{"name", "low", "high"}], "base": float, "label": str}``, or
    ``None`` when there is no recommended option or no sensitivity for it."""
    best = res.best
    if best is None or not getattr(res, "flows", None):
        return None
    try:
        from . import economics
    except ImportError:
        return None
    fn = getattr(economics, "sensitivity", None)
    if fn is None:
        return None
    try:
        out = fn(res.case, res.flows, best["option"])
    except HeatCalcError:
        return None
    bars = out.get("bars") or []
    if not bars or not _finite(out.get("npv_EUR")):
        return None
    span = fmt_value(out.get("span", 0.0), "{:.0%}", lang)
    items = [{"name": f"{tr('in_' + b['input'], lang)} ±{span}", "low": b["npv_low_EUR"], "high": b["npv_high_EUR"]}
             for b in bars]
    from .i18n import column_label

    return {"items": items, "base": out["npv_EUR"], "label": column_label("npv_EUR", lang)}


def _cycle_of(res):
    """The cycle to draw: the recommended option's, else the heat pump's (or None)."""
    best = res.best
    order = ([best["option"]] if best else []) + ["heat_pump", "steam_hp", "mvr"]
    for opt in order:
        d = res.designs.get(opt) if getattr(res, "designs", None) else None
        cyc = getattr(d, "cycle", None) if d is not None else None
        if cyc is None and isinstance(d, dict):
            cyc = d.get("cycle")
        if cyc is not None and getattr(cyc, "states", None):
            return cyc
    return None


def build_figures(res, lang: str) -> list[tuple[str, Any]]:
    """The report's figures as ``(title, plotly Figure or None)``; ``None`` with a
    reason string where a figure does not apply."""
    from . import plots

    figs: list[tuple[str, Any]] = []
    if _chart_rows(res):
        figs.append((tr("c_options", lang), plots.option_comparison_figure(res.rows, lang)))
        figs.append((tr("c_cost", lang), plots.cost_split_figure(res.rows, lang)))
    td = tornado_data(res, lang)
    if td and td.get("items"):
        figs.append((tr("c_tornado", lang),
                     plots.tornado_figure(td["items"], td["base"], td.get("label", "NPV [€]"), lang)))
    else:
        figs.append((tr("c_tornado", lang), tr("no_tornado", lang)))
    cyc = _cycle_of(res)
    if cyc is not None:
        try:
            figs.append((tr("c_cycle", lang), plots.ph_diagram(cyc, lang)))
        except HeatCalcError as exc:
            figs.append((tr("c_cycle", lang), tr("chart_failed", lang, reason=str(exc))))
    for _, f in figs:
        if f is not None and not isinstance(f, str):
            f.update_layout(separators=",." if lang == "nl" else ".,", font_family=CHART_FONT)
    return figs


def _render_charts(figs, renderer: ChartRenderer | None, fmt: str, lang: str) -> tuple[list[dict], str | None]:
    """Charts as ``{"title", "img"|"svg"|"note"}`` and a note when none could be drawn."""
    out: list[dict] = []
    if renderer is None or not renderer.start():
        reason = renderer.error if renderer is not None else "chart rendering switched off"
        return [], tr("chart_unavailable", lang, reason=reason)
    for title, fig in figs:
        if isinstance(fig, str):
            out.append({"title": title, "note": fig})
            continue
        if renderer.error is not None:  # the session was closed after a stuck chart
            out.append({"title": title, "note": tr("chart_failed", lang, reason=renderer.error)})
            continue
        try:
            data = renderer.render(fig, fmt)
        except ReportError as exc:
            out.append({"title": title, "note": tr("chart_failed", lang, reason=str(exc))})
            continue
        if fmt == "svg":
            svg = data.decode("utf-8")
            svg = svg[svg.find("<svg"):] if "<svg" in svg else svg
            out.append({"title": title, "svg": svg})
        else:
            out.append({"title": title, "img": "data:image/png;base64," + base64.b64encode(data).decode("ascii")})
    return out, None


# --------------------------------------------------------------------------------------
# assumptions
def _src_text(ids: Any) -> str:
    if ids is None or (isinstance(ids, float) and math.isnan(ids)):
        return ""
    try:
        from .tariffdata import source_text

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


def assumptions(res, lang: str) -> list[dict]:
    """Every assumption behind the report: groups of rows with value, unit, source
    and confidence, read from the data files the calculation used."""
    from .case import field_meta
    from .i18n import field_label

    case = res.case
    groups: list[dict] = []
    given = case.model_fields_set
    rows = []
    for name in type(case).model_fields:
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
        unit = field_meta(name)["unit"]
        label = field_label(name, lang)
        label = label[:label.rindex(" [")] if label.endswith("]") and " [" in label else label
        numeric = isinstance(getattr(case, name), (int, float)) and not isinstance(getattr(case, name), bool)
        rows.append({"quantity": label, "value": str(v), "unit": unit if numeric and unit != "-" else "",
                     "source": tr("col_given" if name in given else "col_default", lang), "confidence": ""})
    groups.append({"title": tr("a_case", lang), "rows": rows})

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
        from .tariffdata import load_table

        df = load_table("tariffs/prices.csv")
        df = df[df["year"].astype(str).str.strip() == str(case.tariff_year)]
        for r in _rows_of(df, ("quantity", "value", "unit", "source", "confidence", "notes")):
            r["source"] = _src_text(r["source"]) + (f" — {r['notes']}" if r.get("notes") else "")
            price_rows.append(r)
    except Exception:  # money data not present in this version: the used prices are still listed
        pass
    if price_rows:
        groups.append({"title": tr("a_prices", lang, year=case.tariff_year), "rows": price_rows})

    try:
        from .data import read_csv

        df = read_csv("emission_factors.csv")
        groups.append({"title": tr("a_emissions", lang), "rows": [
            {**r, "source": r["source"] + (f" — {r['notes']}" if r.get("notes") else "")}
            for r in _rows_of(df, ("quantity", "value", "unit", "source", "confidence", "notes"))]})
        df = read_csv("process_figures.csv")
        groups.append({"title": tr("a_figures", lang), "rows": [
            {**r, "source": r["source"] + (f" — {r['notes']}" if r.get("notes") else "")}
            for r in _rows_of(df, ("quantity", "value", "unit", "source", "confidence", "notes"))]})
    except HeatCalcError:
        pass

    try:
        from .tariffdata import load_table

        techs = {r["option"] for r in res.rows if r.get("status") == "ok"} | {"grid_connection", case.baseline}
        df = load_table("costs.csv")
        df = df[df["technology"].isin(techs)]
        groups.append({"title": tr("a_costs", lang), "rows": [
            {"quantity": f"{r['technology']}: {r['parameter']}", "value": r["value"], "unit": r["unit"],
             "source": _src_text(r["source"]) + (f" — {r['notes']}" if r.get("notes") else ""),
             "confidence": r["confidence"]}
            for r in _rows_of(df, ("technology", "parameter", "value", "unit", "source", "confidence", "notes"))]})
        df = load_table("subsidies.csv")
        groups.append({"title": tr("a_subsidies", lang), "rows": [
            {"quantity": f"{r['scheme']}: {r['quantity']}", "value": r["value"], "unit": r["unit"],
             "source": _src_text(r["source"]) + (f" — {r['notes']}" if r.get("notes") else ""),
             "confidence": r["confidence"]}
            for r in _rows_of(df, ("scheme", "quantity", "value", "unit", "source", "confidence", "notes"))]})
        df = load_table("tariffs/energy_tax.csv")
        df = df[df["year"].astype(str).str.strip() == str(case.tariff_year)]
        groups.append({"title": tr("a_tax", lang, year=case.tariff_year), "rows": [
            {"quantity": f"{r['carrier']} {r['band']} ({r['band_from']}–{r['band_to'] or '…'} {r['volume_unit']})",
             "value": r["value"], "unit": r["unit"], "source": _src_text(r["source"]),
             "confidence": r["confidence"]}
            for r in _rows_of(df, ("carrier", "band", "band_from", "band_to", "volume_unit", "value", "unit",
                                   "source", "confidence"))]})
        df = load_table("tariffs/grid_tariffs.csv")
        df = df[df["operator"].astype(str).str.strip().str.lower() == case.grid_operator]
        if len(df):
            groups.append({"title": tr("a_network", lang, operator=_operator(case, lang)), "rows": [
                {"quantity": f"{r['voltage_level']}: {r['parameter']}", "value": r["value"], "unit": r["unit"],
                 "source": _src_text(r["source"]), "confidence": r["confidence"]}
                for r in _rows_of(df, ("voltage_level", "parameter", "value", "unit", "source", "confidence"))]})
    except Exception:  # money data not present in this version
        pass

    try:
        from .economics import MC_RANGES

        if res.best is not None:
            groups.append({"title": tr("a_mc", lang), "rows": [
                {"quantity": tr("in_" + k, lang), "value": " / ".join(localise(f"{x:.2f}", lang) for x in v),
                 "unit": "×", "source": tr("a_mc_source", lang), "confidence": "D"}
                for k, v in MC_RANGES.items()]})
    except ImportError:
        pass

    notes = [n for n in (getattr(res, "notes", None) or []) if isinstance(n, str)]
    for r in res.rows:
        for w in r.get("warnings") or []:
            if isinstance(w, str) and w.startswith("economics: ") and w not in notes:
                notes.append(w)
    if notes:
        groups.append({"title": tr("a_finance_notes", lang), "rows": [
            {"quantity": n.removeprefix("economics: "), "value": "", "unit": "", "source": "", "confidence": ""}
            for n in notes]})
    return groups


# --------------------------------------------------------------------------------------
# context
def _opt(option: str, lang: str) -> str:
    from .i18n import choice_label

    return choice_label("option", option, lang)


def _operator(case, lang: str) -> str:
    from .i18n import choice_label

    if case.grid_operator == "none":
        return tr("the_operator", lang)
    return choice_label("grid_operator", case.grid_operator, lang)


def _case_summary(case, lang: str) -> list[tuple[str, str]]:
    from .i18n import choice_label, field_label

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
    ``matches``: the case's :func:`heatcalc.products.match_products` (commercial only),
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
            from .products import match_products

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
    from .i18n import choice_label, column_label

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
        elif ref["P_el_kW"] <= cap * (1 + 1e-9):
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
    from .i18n import choice_label, unit_text

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
    from .i18n import unit_text

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
    """Monte Carlo of the recommended option's NPV (:func:`heatcalc.economics.monte_carlo`,
    its default ranges and seed), or ``None`` when there is none."""
    best = res.best
    if best is None or not getattr(res, "flows", None):
        return None
    try:
        from . import economics

        out = economics.monte_carlo(res.case, res.flows, best["option"])
    except (ImportError, AttributeError, HeatCalcError):
        return None
    return out if _finite(out.get("p10_npv_EUR")) and _finite(out.get("p90_npv_EUR")) else None


def _products(res, lang: str, matches: list | None = None) -> dict:
    from . import products as P

    case = res.case
    if case.process not in ("heat", "dryer"):
        return {"rows": [], "note": tr("p_na", lang), "excluded": ""}
    if matches is None:
        matches = P.match_products(case, commercial_only=True)
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
    from . import __version__
    from .i18n import choice_label

    lang = check_lang(lang)
    case = res.case
    matches = None  # the catalogue is matched once for the summary and the products section
    if case.process in ("heat", "dryer"):
        from .products import match_products

        matches = match_products(case, commercial_only=True)
    return {
        "lang": lang,
        "T": {k: tr(k, lang) for k in _TEXTS if "{" not in (_TEXTS[k][1] if lang == "nl" else _TEXTS[k][0])},
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


# --------------------------------------------------------------------------------------
# HTML and PDF
@lru_cache(maxsize=1)
def _jinja_env():
    """The report's Jinja environment, kept per process so the template is compiled once
    (the loader still reloads an edited template file)."""
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - jinja2 ships with the report dependencies
        raise ReportError("the report needs the Python package jinja2 (pip install jinja2)") from exc
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
                              autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True,
                              lstrip_blocks=True)


def render_html(res, lang: str = "en", *, renderer: ChartRenderer | None = None, chart_format: str = "svg",
                for_pdf: bool = False) -> str:
    """The report as one self-contained HTML page (charts embedded).

    Parameters
    ----------
    res : CaseResult
    lang : str
        ``en`` or ``nl``.
    renderer : ChartRenderer, optional
        Browser session for the charts; ``None`` writes the report with a note
        instead of charts.
    chart_format : {"svg", "png"}
        Embedded image format.
    for_pdf : bool
        Page layout for WeasyPrint (page size, running footer).
    """
    lang = check_lang(lang)
    figs = build_figures(res, lang) if renderer is not None else []  # no renderer: no charts to draw
    charts, note = _render_charts(figs, renderer, chart_format, lang)
    ctx = build_context(res, lang, charts=charts, chart_note=note)
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _jinja_env().get_template("report.html.j2").render(css=css, for_pdf=for_pdf, **ctx)


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML report (WeasyPrint).

    Raises
    ------
    ReportError
        If WeasyPrint or its system libraries (Pango) are missing.
    """
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise ReportError(f"PDF output needs WeasyPrint and the Pango libraries ({exc}); write .html instead") \
            from None
    return weasyprint.HTML(string=html, base_url=str(_TEMPLATES)).write_pdf()


@dataclass
class ReportInfo:
    """What :func:`write_report` produced.

    Attributes
    ----------
    path : Path
        The file written.
    format : str
        ``pdf`` or ``html``.
    seconds : float
        Wall time to make it [s].
    charts : int
        Charts drawn.
    chart_note : str or None
        Why charts are missing, if they are.
    """

    path: Path
    format: str
    seconds: float
    charts: int
    chart_note: str | None = None


def _as_result(obj):
    from .case import Case
    from .evaluate import CaseResult, evaluate_case

    if isinstance(obj, CaseResult):
        return obj
    if isinstance(obj, (Case, dict)):
        return evaluate_case(obj)
    raise InputError(f"a report needs a case or an evaluated case, got {type(obj).__name__}")


def report_bytes(obj, fmt: str = "pdf", lang: str = "en", *, renderer: ChartRenderer | None = None) -> bytes:
    """The report as bytes (for a download button).

    Parameters
    ----------
    obj : CaseResult, Case or dict
        An evaluated case, or a case to evaluate.
    fmt : {"pdf", "html"}
    lang : {"en", "nl"}
    renderer : ChartRenderer, optional
        Browser session for the charts (``None``: no charts, with a note).
    """
    if fmt not in ("pdf", "html"):
        raise InputError(f"format={fmt} is out of range: valid is pdf or html")
    res = _as_result(obj)
    if fmt == "pdf":
        return html_to_pdf(render_html(res, lang, renderer=renderer, chart_format="svg", for_pdf=True))
    return render_html(res, lang, renderer=renderer, chart_format="svg").encode("utf-8")


def write_report(obj, path, lang: str = "en", *, renderer: ChartRenderer | None | bool = True) -> ReportInfo:
    """Write the proposal for one case to ``path`` (``.pdf`` or ``.html``).

    Parameters
    ----------
    obj : CaseResult, Case or dict
        An evaluated case, or a case to evaluate.
    path : str or Path
        Output file; the suffix chooses the format.
    lang : {"en", "nl"}
    renderer : ChartRenderer, True, False or None
        A running browser session to reuse; ``True`` starts one for this report and
        closes it after; ``False``/``None`` writes the report without charts (with a
        note).

    Returns
    -------
    ReportInfo

    Raises
    ------
    InputError
        Unknown language or output suffix.
    ReportError
        The file cannot be written, or PDF output is not available.
    """
    t0 = time.perf_counter()
    lang = check_lang(lang)
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(f"-o {p}: the output file must end in .pdf or .html")
    own = renderer is True
    r = ChartRenderer() if own else (renderer or None)
    closer = None
    try:
        if r is not None:
            # The browser starts while the case is evaluated and the figures are built, but only
            # after CoolProp is imported: a browser launched next to that import now and then hangs.
            from .fluids import _coolprop

            _coolprop()
            r.start(wait=False)
        res = _as_result(obj)
        html = render_html(res, lang, renderer=r, chart_format="svg", for_pdf=fmt == "pdf")
    finally:
        if own:  # close the browser while the PDF is laid out
            closer = threading.Thread(target=r.close, name="heatcalc-kaleido-close", daemon=True)
            closer.start()
    try:
        data = html_to_pdf(html) if fmt == "pdf" else html.encode("utf-8")
    finally:
        if closer is not None:
            closer.join(timeout=CHART_TIMEOUT_S)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    except OSError as exc:
        raise ReportError(f"-o {p}: cannot write the report ({exc.strerror})") from None
    n_charts = html.count('class="chart-img"')
    note = None
    if n_charts == 0:
        note = tr("chart_unavailable", lang, reason=r.error if r is not None and r.error else
                  "chart rendering switched off")
    return ReportInfo(path=p, format=fmt, seconds=time.perf_counter() - t0, charts=n_charts, chart_note=note)

