"""English and Dutch texts of the app, the plots and the report.

A pure library module (no Streamlit): the app, :mod:`heatcalc.present.plots` and the
report look their words up here, so one vocabulary serves every face of heatcalc.

* :func:`t` — a UI text by key (``t("metric_cop", "nl")``);
* :func:`field_label` — a case field's label with its unit in brackets
  (``Sink outlet temperature [°C]``); the unit comes from the case schema
  (:func:`heatcalc.case.field_meta`), never from this module;
* :func:`field_help` — a tooltip: what the field means, its default and where the
  default comes from, and the valid range;
* :func:`choice_label` — names of options, processes, media, baselines, operators;
* :func:`column_label` — result-row columns with their units.

English is the default; an unknown language falls back to English, an unknown
key to the key itself (so a missing text is visible, never an exception).

Examples
--------
>>> field_label("T_sink_out_C", "en")
'Sink outlet temperature [°C]'
>>> field_label("T_sink_out_C", "nl")
'Aanvoertemperatuur warmteafnemer (sink uit) [°C]'
>>> choice_label("option", "heat_pump", "nl")
'Warmtepomp'
"""
from __future__ import annotations

import re

from heatcalc.case import OPTIONS, field_meta
from heatcalc.columns import COLUMN_LABELS, column_unit
from heatcalc.core.numbers import DEFAULT_LANG, LANGS, fmt_number, norm_lang, parse_number  # noqa: F401 (re-exported for the app)

LANG_NAMES = {"en": "English", "nl": "Nederlands"}

# --------------------------------------------------------------------------------------
# case fields: (English, Dutch) label without unit, and the meaning for the tooltip.
_FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "case_id": {"label": ("Case name", "Casenaam"),
                "help": ("Identifier of the case (customer, site, process).",
                         "Naam van de case (klant, locatie, proces).")},
    "process": {"label": ("Process", "Proces"),
                "help": ("Kind of process heat: heat (hot water, steam, hot air, thermal oil), lime kiln, glass "
                         "furnace or dryer.",
                         "Soort proceswarmte: warmte (heet water, stoom, hete lucht, thermische olie), kalkoven, "
                         "glasoven of droger.")},
    "heat_demand_kW": {"label": ("Heat demand", "Warmtevraag"),
                       "help": ("Heat delivered to the process while it operates.",
                                "Warmte die het proces afneemt zolang het draait.")},
    "operating_hours_per_yr": {"label": ("Operating hours", "Bedrijfsuren"),
                               "help": ("Full-load-equivalent operating hours per year.",
                                        "Vollasturen per jaar.")},
    "sink_medium": {"label": ("Sink medium", "Medium warmteafnemer"),
                    "help": ("The stream that takes up the heat.", "De stroom die de warmte opneemt.")},
    "T_sink_in_C": {"label": ("Sink inlet temperature", "Retourtemperatuur warmteafnemer (sink in)"),
                    "help": ("Sink stream entering the heater (return water; feed water or condensate for steam).",
                             "Temperatuur van de afnemerstroom vóór verwarming (retourwater; voedingswater of "
                             "condensaat bij stoom).")},
    "T_sink_out_C": {"label": ("Sink outlet temperature", "Aanvoertemperatuur warmteafnemer (sink uit)"),
                     "help": ("Sink stream leaving the heater (for steam: its saturation temperature).",
                              "Temperatuur van de afnemerstroom na verwarming (bij stoom: de "
                              "verzadigingstemperatuur).")},
    "source_medium": {"label": ("Source medium", "Medium warmtebron"),
                      "help": ("The waste-heat stream the heat pump cools.",
                               "De restwarmtestroom die de warmtepomp afkoelt.")},
    "T_source_in_C": {"label": ("Source inlet temperature", "Intredetemperatuur warmtebron (bron in)"),
                      "help": ("Waste-heat stream entering the evaporator.",
                               "Restwarmtestroom die de verdamper in gaat.")},
    "T_source_out_C": {"label": ("Source outlet temperature", "Uittredetemperatuur warmtebron (bron uit)"),
                       "help": ("Waste-heat stream leaving the evaporator.",
                                "Restwarmtestroom die de verdamper verlaat.")},
    "source_heat_kW": {"label": ("Available waste heat", "Beschikbare restwarmte"),
                       "help": ("Waste heat available from the source; empty means unlimited.",
                                "Beschikbare restwarmte van de bron; leeg betekent onbeperkt.")},
    "production_t_per_yr": {"label": ("Production", "Productie"),
                            "help": ("Product output of the kiln or furnace (lime, glass).",
                                     "Productie van de oven (kalk, glas).")},
    "specific_energy_GJ_per_t": {"label": ("Specific fuel use", "Specifiek brandstofverbruik"),
                                 "help": ("Baseline fuel use per tonne of product (LHV).",
                                          "Brandstofverbruik van de bestaande oven per ton product (onderwaarde).")},
    "electrified_share": {"label": ("Electrified share", "Geëlektrificeerd aandeel"),
                          "help": ("Share of the energy made electric in a hybrid (below 1).",
                                   "Aandeel van de energie dat elektrisch wordt bij een hybride (onder 1).")},
    "baseline": {"label": ("Existing heat supply", "Bestaande warmtevoorziening"),
                 "help": ("The gas-fired plant the options are compared with.",
                          "De gasgestookte installatie waarmee de opties worden vergeleken.")},
    "eta_baseline": {"label": ("Efficiency of the existing supply (LHV)",
                               "Rendement bestaande voorziening (onderwaarde)"),
                     "help": ("Thermal efficiency of the existing plant on lower heating value.",
                              "Thermisch rendement van de bestaande installatie op onderwaarde.")},
    "options": {"label": ("Options to compare", "Te vergelijken opties"),
                "help": ("Electrification options to evaluate; none selected means all that apply.",
                         "Te beoordelen elektrificatie-opties; niets gekozen betekent alle die passen.")},
    "refrigerant": {"label": ("Refrigerant", "Koudemiddel"),
                    "help": ("Heat-pump working fluid; auto picks the best feasible one.",
                             "Werkmedium van de warmtepomp; auto kiest het beste haalbare.")},
    "eta_is": {"label": ("Compressor isentropic efficiency", "Isentropisch rendement compressor"),
               "help": ("Isentropic efficiency of the compressor.", "Isentropisch rendement van de compressor.")},
    "dT_min_K": {"label": ("Minimum temperature difference (pinch)", "Minimaal temperatuurverschil (pinch)"),
                 "help": ("Smallest temperature difference in each heat exchanger.",
                          "Kleinste temperatuurverschil in elke warmtewisselaar.")},
    "price_gas_EUR_per_MWh": {"label": ("Gas price (commodity, HHV)", "Gasprijs (commodity, bovenwaarde)"),
                              "help": ("Natural-gas commodity price per MWh on higher heating value, as the TTF "
                                       "is quoted; taxes and network cost come on top.",
                                       "Commodityprijs van aardgas per MWh bovenwaarde (zoals de TTF); "
                                       "belastingen en netkosten komen erbij.")},
    "price_el_EUR_per_MWh": {"label": ("Electricity price (commodity)", "Elektriciteitsprijs (commodity)"),
                             "help": ("Electricity commodity price; taxes and network cost come on top.",
                                      "Commodityprijs van elektriciteit; belastingen en netkosten komen erbij.")},
    "co2_price_EUR_per_t": {"label": ("CO2 price (EU ETS)", "CO2-prijs (EU ETS)"),
                            "help": ("EU ETS allowance price.", "Prijs van een EU ETS-emissierecht.")},
    "tariff_year": {"label": ("Tariff year", "Tariefjaar"),
                    "help": ("Year of the energy-tax bands and network tariffs.",
                             "Jaar van de energiebelastingschijven en nettarieven.")},
    "grid_operator": {"label": ("Grid operator", "Netbeheerder"),
                      "help": ("Grid operator whose network tariffs apply.", "Netbeheerder wiens tarieven gelden.")},
    "grid_capacity_kW": {"label": ("Grid capacity for the new load", "Netcapaciteit voor de nieuwe last"),
                         "help": ("Extra electrical capacity the site can get for the new load; empty means "
                                  "unlimited.",
                                  "Extra elektrisch vermogen dat de locatie voor de nieuwe last kan krijgen; leeg "
                                  "betekent onbeperkt.")},
    "site_gas_m3_per_yr": {"label": ("Site gas use", "Gasverbruik locatie"),
                           "help": ("The whole site's gas use; sets its energy-tax bands.",
                                    "Gasverbruik van de hele locatie; bepaalt de energiebelastingschijven.")},
    "site_el_MWh_per_yr": {"label": ("Site electricity use", "Elektriciteitsverbruik locatie"),
                           "help": ("The site's existing electricity use; sets its energy-tax bands.",
                                    "Bestaand elektriciteitsverbruik van de locatie; bepaalt de schijven.")},
    "ets_installation": {"label": ("Site under EU ETS", "Locatie valt onder EU ETS"),
                         "help": ("Whether the site's direct CO2 falls under the EU emissions trading system. "
                                  "Automatic: above 20 MW rated thermal input (or a lime kiln above 50 t/day, a "
                                  "glass furnace above 20 t/day), as Annex I of the ETS directive says.",
                                  "Of de directe CO2 van de locatie onder het EU-emissiehandelssysteem valt. "
                                  "Automatisch: boven 20 MW nominaal thermisch ingangsvermogen (of een kalkoven "
                                  "boven 50 t/dag, een glasoven boven 20 t/dag), volgens bijlage I van de "
                                  "ETS-richtlijn.")},
    "site_thermal_input_MW": {"label": ("Rated thermal input of the site", "Nominaal thermisch ingangsvermogen"),
                              "help": ("All combustion units of the site together (fuel input, LHV), for the EU "
                                       "ETS threshold of 20 MW; empty: the baseline plant's fuel rate.",
                                       "Alle stookinstallaties van de locatie samen (brandstofinvoer, onderwaarde), "
                                       "voor de EU-ETS-drempel van 20 MW; leeg: het brandstofvermogen van de "
                                       "huidige installatie.")},
    "discount_rate": {"label": ("Discount rate (real)", "Disconteringsvoet (reëel)"),
                      "help": ("Real discount rate for NPV and levelised cost.",
                               "Reële disconteringsvoet voor netto contante waarde en kostprijs.")},
    "lifetime_yr": {"label": ("Economic lifetime", "Economische levensduur"),
                    "help": ("Economic lifetime of the investment.", "Economische levensduur van de investering.")},
}

# --------------------------------------------------------------------------------------
# choices
_CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "option": {
        "baseline": ("Baseline (gas)", "Referentie (gas)"),
        "heat_pump": ("Heat pump", "Warmtepomp"),
        "mvr": ("MVR (vapour recompression)", "MVR (damprecompressie)"),
        "steam_hp": ("Steam-generating heat pump", "Stoomwarmtepomp"),
        "e_boiler": ("E-boiler", "Elektrische boiler"),
        "hybrid_boiler": ("Hybrid boiler (e-boiler + gas)", "Hybride boiler (e-boiler + gas)"),
        "electric_kiln": ("Electric kiln/furnace", "Elektrische oven"),
        "hybrid_kiln": ("Hybrid kiln/furnace", "Hybride oven"),
        "staged": ("Staged: heat recovery + heat pump + top-up", "Getrapt: warmteterugwinning + warmtepomp + bijstook"),
        "all": ("All that apply", "Alle die passen"),
    },
    "process": {
        "heat": ("Process heat", "Proceswarmte"),
        "lime_kiln": ("Lime kiln", "Kalkoven"),
        "glass_furnace": ("Glass furnace", "Glasoven"),
        "dryer": ("Dryer", "Droger"),
    },
    "sink_medium": {
        "water": ("Water", "Water"),
        "steam": ("Steam", "Stoom"),
        "air": ("Air", "Lucht"),
        "thermal_oil": ("Thermal oil", "Thermische olie"),
    },
    "source_medium": {
        "water": ("Water", "Water"),
        "air": ("Air (process)", "Lucht (proces)"),
        "ambient_air": ("Ambient air", "Buitenlucht"),
        "exhaust": ("Exhaust gas", "Rookgas / afgas"),
        "vapour": ("Vapour (condensing)", "Damp (condenserend)"),
    },
    "baseline": {
        "gas_boiler": ("Gas boiler", "Gasketel"),
        "gas_chp": ("Gas CHP", "Gas-WKK"),
        "gas_kiln": ("Gas-fired kiln", "Gasgestookte oven"),
    },
    "grid_operator": {
        "liander": ("Liander", "Liander"),
        "stedin": ("Stedin", "Stedin"),
        "enexis": ("Enexis", "Enexis"),
        "tennet": ("TenneT", "TenneT"),
        "none": ("None", "Geen"),
    },
    "status": {
        "ok": ("ok", "ok"),
        "infeasible": ("infeasible", "niet haalbaar"),
        "error": ("error", "fout"),
    },
    "transport_right": {
        "firm": ("Firm", "Vast"),
        "time_bound": ("Time-bound", "Tijdsduurgebonden"),
        "time_block": ("Time-block", "Tijdsblokgebonden"),
        "flexible": ("Flexible (non-firm)", "Flexibel (niet-vast)"),
    },
    "topology": {
        "single_stage": ("Single stage", "Eentraps"),
        "single_stage_ihx": ("Single stage with IHX", "Eentraps met interne warmtewisselaar"),
        "two_stage": ("Two stage", "Tweetraps"),
        "cascade": ("Cascade", "Cascade"),
        "transcritical": ("Transcritical", "Transkritisch"),
    },
}


#: Dutch spelling of units where it differs.
_UNIT_NL = {"€/yr": "€/jr", "MWh/yr": "MWh/jr", "m³/yr": "m³/jr", "t/yr": "t/jr", "yr": "jr", "h/yr": "h/jr",
            "kg/yr": "kg/jr"}

# supplier quotes: one pair of fields per option of the case schema
for _o, (_en, _nl) in ((o, _CHOICES["option"][o]) for o in OPTIONS):
    _FIELDS[f"capex_{_o}_EUR"] = {
        "label": (f"Investment quote: {_en}", f"Offerte investering: {_nl}"),
        "help": ("A supplier's quote for the equipment; replaces heatcalc's cost curve. Empty: the curve.",
                 "Offerte van een leverancier voor de installatie; vervangt de kostencurve van heatcalc. Leeg: de "
                 "curve.")}
    _FIELDS[f"om_{_o}_EUR_per_yr"] = {
        "label": (f"O&M quote: {_en}", f"Offerte onderhoud: {_nl}"),
        "help": ("Yearly operation and maintenance in the quote; replaces the O&M shares. Empty: the shares.",
                 "Jaarlijks bedrijf en onderhoud volgens de offerte; vervangt de onderhoudsaandelen. Leeg: de "
                 "aandelen.")}

# --------------------------------------------------------------------------------------
# UI texts
_TEXTS: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("heatcalc", "heatcalc"),
    "app_tagline": ("Industrial heat pumps and electrification — feasibility in minutes",
                    "Industriële warmtepompen en elektrificatie — haalbaarheid in minuten"),
    "language": ("Language", "Taal"),
    "page_quick_scan": ("Quick scan", "Quick scan"),
    "page_cycle": ("Cycle designer", "Kringloopontwerp"),
    "page_hourly": ("Hourly and grid", "Uurprofiel en net"),
    "page_batch": ("Batch", "Batch"),
    "page_report": ("Report", "Rapport"),
    "page_integration": ("Process integration", "Procesintegratie"),
    "pi_intro": ("A site's hot and cold process streams: how much heat they can exchange (pinch analysis), the "
                 "minimum hot and cold utility, and where a heat pump saves most.",
                 "De warme en koude processtromen van een locatie: hoeveel warmte ze kunnen uitwisselen "
                 "(pinch-analyse), de minimale warmte- en koelbehoefte, en waar een warmtepomp het meest bespaart."),
    "pi_streams": ("Process streams (hot: supply above target)", "Processtromen (warm: begin boven eind)"),
    "pi_dt_min": ("Minimum temperature difference ΔT_min [K]", "Minimaal temperatuurverschil ΔT_min [K]"),
    "pi_hot_min": ("Minimum hot utility [kW]", "Minimale warmtevraag van buiten [kW]"),
    "pi_cold_min": ("Minimum cold utility [kW]", "Minimale koelvraag [kW]"),
    "pi_recovery": ("Heat recovery [kW]", "Warmteterugwinning [kW]"),
    "pi_pinch": ("Pinch (hot / cold side) [°C]", "Pinch (warme / koude kant) [°C]"),
    "pi_no_pinch": ("no pinch (threshold problem)", "geen pinch (drempelprobleem)"),
    "pi_composite": ("Composite curves", "Samengestelde curven"),
    "pi_gcc": ("Grand composite curve", "Grote samengestelde curve"),
    "pi_hot_composite": ("hot streams", "warme stromen"),
    "pi_cold_composite": ("cold streams", "koude stromen"),
    "pi_axis_T": ("Temperature [°C]", "Temperatuur [°C]"),
    "pi_axis_T_shifted": ("Shifted temperature [°C]", "Verschoven temperatuur [°C]"),
    "pi_axis_Q": ("Heat flow [kW]", "Warmtestroom [kW]"),
    "pi_heat_pump": ("Heat pump", "Warmtepomp"),
    "pi_hp_power": ("Electrical power for a heat pump [kW] (0: none)",
                    "Elektrisch vermogen voor een warmtepomp [kW] (0: geen)"),
    "pi_hp_saved": ("Hot utility saved [kW]", "Bespaarde warmte van buiten [kW]"),
    "pi_upload": ("Stream file (CSV or JSON; replaces the table)", "Stromenbestand (CSV of JSON; vervangt de tabel)"),
    "pi_stream_names": ("Hot streams: {hot}. Cold streams: {cold}.", "Warme stromen: {hot}. Koude stromen: {cold}."),
    "metric_cop_hp": ("COP heat pump [-]", "COP warmtepomp [-]"),
    "unexpected_error": ("Something went wrong while computing this part ({kind}). The rest of the page still "
                         "works; please report the case.",
                         "Er ging iets mis bij het berekenen van dit deel ({kind}). De rest van de pagina werkt "
                         "nog; meld de case alstublieft."),
    "input_error": ("Input problem: {message}", "Invoerprobleem: {message}"),
    "adjusted_source_out": ("Source outlet temperature {old} °C was not below the new source inlet temperature; "
                            "it is back to its default (inlet − 5 K).",
                            "Brontemperatuur uit {old} °C lag niet onder de nieuwe brontemperatuur in; hij staat weer "
                            "op de standaardwaarde (in − 5 K)."),
    "adjusted_sink_in": ("Sink inlet temperature moved from {old} °C to {new} °C to stay below the outlet "
                         "temperature.",
                         "Retourtemperatuur warmteafnemer verschoven van {old} °C naar {new} °C, zodat hij onder de "
                         "aanvoertemperatuur blijft."),
    "last_valid_results": ("The results below are those of the last valid inputs; correct the input above to update "
                           "them.",
                           "De resultaten hieronder horen bij de laatste geldige invoer; corrigeer de invoer hierboven "
                           "om ze bij te werken."),
    "bt_upload_ignored": ("An uploaded file ({name}) is ignored while \"Use the example file\" is on; switch it off "
                          "to use your file.",
                          "Het geüploade bestand ({name}) wordt genegeerd zolang \"Gebruik het voorbeeldbestand\" aan "
                          "staat; zet dat uit om uw bestand te gebruiken."),
    "hr_too_short": ("The profile has {n} hours; the sizing sweep and the year chart need more than one week "
                     "(168 h) — shown for the hours given.",
                     "Het profiel heeft {n} uur; de dimensioneringssweep en de jaargrafiek vragen meer dan een week "
                     "(168 h) — getoond voor de gegeven uren."),
    # quick scan
    "qs_intro": ("Type the customer's process, move the sliders and see what changes. Every option is compared "
                 "with the existing gas-fired supply.",
                 "Vul het proces van de klant in, schuif en zie wat er verandert. Elke optie wordt vergeleken met "
                 "de bestaande gasgestookte voorziening."),
    "section_case": ("Case", "Case"),
    "section_whatif": ("What-if", "Wat-als"),
    "section_more": ("More inputs (stream, options, site, finance)", "Meer invoer (stromen, opties, locatie, "
                     "financiën)"),
    "section_results": ("Results", "Resultaten"),
    "section_compare": ("All options compared", "Alle opties vergeleken"),
    "section_warnings": ("Warnings per option", "Waarschuwingen per optie"),
    "section_file": ("Case file and sharing", "Casebestand en delen"),
    "grid_limited": ("Limit the grid capacity", "Netcapaciteit begrenzen"),
    "grid_limited_help": ("Off: the site can get any capacity it needs (contract default: unlimited).",
                          "Uit: de locatie krijgt elk vermogen dat nodig is (standaard: onbeperkt)."),
    "source_limited": ("Limit the waste heat available", "Beschikbare restwarmte begrenzen"),
    "source_out_set": ("Set the source outlet temperature", "Uittredetemperatuur bron opgeven"),
    "default_is": ("Default: {value} — {origin}.", "Standaard: {value} — {origin}."),
    "origin_contract": ("heatcalc case schema", "heatcalc case-schema"),
    "origin_tariff": ("{source}, {year}", "{source}, {year}"),
    "origin_tariff_data": ("heatcalc tariff data for the tariff year", "heatcalc-tariefdata voor het tariefjaar"),
    "origin_example": ("example case", "voorbeeldcase"),
    "valid_is": ("Valid: {valid}.", "Geldig: {valid}."),
    "unlimited": ("unlimited", "onbeperkt"),
    "ets_auto": ("automatic (20 MW rule)", "automatisch (20 MW-regel)"),
    "quotes_caption": ("Supplier quotes (optional): they replace heatcalc's cost curves for that option.",
                       "Offertes van leveranciers (optioneel): ze vervangen de kostencurves van heatcalc voor die "
                       "optie."),
    "quote_curve": ("cost curve", "kostencurve"),
    "years_missing": ("Not offered, data incomplete: {years} (see heatcalc data status).",
                      "Niet aangeboden, gegevens onvolledig: {years} (zie heatcalc data status)."),
    "years_why_bands": ("{carrier} energy-tax bands from {start} {unit} upward", "energiebelastingschijven {carrier} "
                        "vanaf {start} {unit}"),
    "years_why_no_bands": ("no {carrier} energy-tax bands", "geen energiebelastingschijven {carrier}"),
    "years_why_prices": ("no price for {quantities}", "geen prijs voor {quantities}"),
    "years_carrier_gas": ("gas", "gas"),
    "years_carrier_electricity": ("electricity", "elektriciteit"),
    "ud_upload": ("Your own tariff or price table (CSV)", "Eigen tarief- of prijstabel (CSV)"),
    "ud_upload_help": ("A CSV in the format of a shipped data table (energy tax, prices, grid tariffs, subsidies, "
                       "costs, emission factors: the same columns; source, retrieved, confidence and notes may be "
                       "left out). Its rows replace the shipped rows with the same key, for this session only.",
                       "Een CSV in de vorm van een meegeleverde datatabel (energiebelasting, prijzen, nettarieven, "
                       "subsidies, kosten, emissiefactoren: dezelfde kolommen; bron, datum, betrouwbaarheid en "
                       "opmerkingen mogen ontbreken). De regels vervangen de meegeleverde regels met dezelfde "
                       "sleutel, alleen in deze sessie."),
    "ud_applied": ("Your figures are used in this session: {n} number(s) from {files}.",
                   "Uw cijfers worden in deze sessie gebruikt: {n} getal(len) uit {files}."),
    "ud_failed": ("Your table is not used: {message}", "Uw tabel wordt niet gebruikt: {message}"),
    "ud_numbers": ("Numbers from your table", "Getallen uit uw tabel"),
    "ud_col_table": ("Data table", "Datatabel"),
    "ud_col_key": ("Row", "Regel"),
    "ud_col_value": ("Value", "Waarde"),
    "ud_col_unit": ("Unit", "Eenheid"),
    "ud_remove": ("Use the shipped data again", "Weer de meegeleverde gegevens gebruiken"),
    "metrics_for": ("Figures for", "Cijfers voor"),
    "best_option": ("best option", "beste optie"),
    "no_best": ("No electric option is feasible for this case; see the messages below.",
                "Geen elektrische optie is haalbaar voor deze case; zie de meldingen hieronder."),
    "no_best_fit": ("No feasible option fits the grid capacity the site can get; the figures are for the option "
                    "chosen here.", "Geen haalbare optie past op de netcapaciteit die de locatie kan krijgen; de "
                                    "cijfers gelden voor de hier gekozen optie."),
    "best_negative_npv": ("No option pays back at these inputs: even the best one (highest NPV) has an NPV of "
                          "{npv} €.", "Geen optie verdient zich terug bij deze invoer: zelfs de beste (hoogste NCW) "
                                      "heeft een NCW van {npv} €."),
    "metric_cop": ("COP [-]", "COP [-]"),
    "metric_p_el": ("Electrical load [kW]", "Elektr. last [kW]"),
    "metric_co2_saved": ("CO2 saved [t/yr]", "CO2-besparing [t/jr]"),
    "metric_nox_saved": ("NOx saved [kg/yr]", "NOx bespaard [kg/jr]"),
    "metric_saving": ("Saving [k€/yr]", "Besparing [k€/jr]"),
    "metric_payback": ("Payback [yr]", "Terugverdientijd [jr]"),
    "metric_fits_grid": ("Fits the grid capacity", "Past op de netcapaciteit"),
    "connection_from_use": ("from the site's use", "uit het verbruik van de locatie"),
    "charge_unknown": ("not known", "onbekend"),
    "qs_conn_level": ("Grid connection: {level} tariff, contract {contract} kW",
                      "Netaansluiting: tarief {level}, contract {contract} kW"),
    "qs_conn_fits": ("fits the existing connection", "past op de bestaande aansluiting"),
    "qs_conn_upgrade": ("connection change needed: one-off charge {charge}, capacity after {wait} yr",
                        "aansluiting verzwaren: eenmalige bijdrage {charge}, capaciteit na {wait} jr"),
    "qs_conn_charge_unknown": ("not known - give the operator's quote",
                               "onbekend - geef de offerte van de netbeheerder op"),
    "qs_conn_upgrade_wait_unknown": ("connection change needed: one-off charge {charge}, waiting time not published "
                                     "(0 yr assumed) - give the operator's date",
                                     "aansluiting verzwaren: eenmalige bijdrage {charge}, wachttijd niet gepubliceerd "
                                     "(0 jr aangenomen) - geef de datum van de netbeheerder op"),
    "qs_conn_right": ("{right} right: up to {heat} MWh/yr from the backup when capacity is withdrawn",
                      "recht {right}: tot {heat} MWh/jr uit de back-up bij afschakeling"),
    "qs_conn_right_unknown": ("{right} right: the hours without capacity are agreed per contract",
                              "recht {right}: de uren zonder capaciteit worden per contract afgesproken"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "not_applicable": ("–", "–"),
    "chart_cost": ("Annual operating cost [€/yr]", "Jaarlijkse bedrijfskosten [€/jr]"),
    "chart_co2": ("CO2 emissions [t/yr]", "CO2-uitstoot [t/jr]"),
    "chart_capex_annuity": ("Capital (annuity)", "Kapitaal (annuïteit)"),
    "table_options": ("Options", "Opties"),
    "no_warnings": ("No warnings.", "Geen waarschuwingen."),
    "notes_all": ("Notes on every option", "Opmerkingen bij alle opties"),
    "notes_economics": ("economics", "economie"),
    "infeasible_because": ("not feasible: {message}", "niet haalbaar: {message}"),
    "save_case": ("Save case (JSON)", "Case opslaan (JSON)"),
    "save_case_help": ("Inputs with defaults filled and the result rows, in the same format as "
                       "`heatcalc evaluate --json`; load it again here or run it with the command line.",
                       "Invoer met ingevulde standaardwaarden en de resultaatregels, in hetzelfde formaat als "
                       "`heatcalc evaluate --json`; laad het hier opnieuw of gebruik het op de opdrachtregel."),
    "load_case": ("Load case (JSON)", "Case laden (JSON)"),
    "load_case_help": ("A case JSON file (as saved here or by the command line). Read as data only.",
                       "Een case-JSON-bestand (zoals hier of door de opdrachtregel opgeslagen). Alleen als data "
                       "gelezen."),
    "loaded_case": ("Loaded case {case_id}.", "Case {case_id} geladen."),
    "load_failed": ("The file could not be loaded: {message}", "Het bestand kon niet worden geladen: {message}"),
    "share_link": ("Share link", "Link om te delen"),
    "share_help": ("This link opens the app with the same inputs (and language). The address bar shows it too.",
                   "Deze link opent de app met dezelfde invoer (en taal). De adresbalk toont hem ook."),
    "reset_example": ("Reset to the example", "Terug naar het voorbeeld"),
    "example": ("Example case", "Voorbeeldcase"),
    "load_example": ("Load the example", "Voorbeeld laden"),
    "default_data": ("data default", "standaard uit data"),
    "default_baseline_use": ("the baseline's use", "verbruik van de referentie"),
    "compute_time": ("computed in {ms:.0f} ms", "berekend in {ms:.0f} ms"),
    "from_cache": ("from the cache", "uit de cache"),
    "query_error": ("The link contained an invalid value and was ignored: {message}",
                    "De link bevatte een ongeldige waarde en is genegeerd: {message}"),
    # cycle designer
    "cd_intro": ("Design one heat-pump cycle on real-fluid properties (CoolProp) and compare refrigerants.",
                 "Ontwerp één warmtepompkringloop met echte stofeigenschappen (CoolProp) en vergelijk "
                 "koudemiddelen."),
    "cd_fluid": ("Refrigerant", "Koudemiddel"),
    "cd_topology": ("Topology", "Opbouw"),
    "cd_t_evap": ("Evaporating temperature (dew point) [°C]", "Verdampingstemperatuur (dauwpunt) [°C]"),
    "cd_t_cond": ("Condensing temperature (bubble point) [°C]", "Condensatietemperatuur (kookpunt) [°C]"),
    "cd_superheat": ("Suction superheat [K]", "Oververhitting zuigzijde [K]"),
    "cd_subcooling": ("Condenser subcooling [K]", "Nakoeling condensor [K]"),
    "cd_eta_is": ("Compressor isentropic efficiency [-]", "Isentropisch rendement compressor [-]"),
    "cd_eta_motor": ("Motor and drive efficiency [-]", "Rendement motor en aandrijving [-]"),
    "cd_ihx": ("IHX effectiveness [-]", "Effectiviteit interne warmtewisselaar [-]"),
    "cd_streams": ("Streams for the T–Q diagrams", "Stromen voor de T–Q-diagrammen"),
    "cd_streams_help": ("Sink and source streams (water-like, constant heat capacity) to draw against the "
                        "condenser and evaporator; the pinch is the smallest temperature difference.",
                        "Afnemer- en bronstroom (als water, constante warmtecapaciteit) om tegen condensor en "
                        "verdamper te tekenen; de pinch is het kleinste temperatuurverschil."),
    "cd_heat_kW": ("Condenser heat [kW]", "Condensorwarmte [kW]"),
    "cd_t_gc_out": ("Gas-cooler outlet temperature [°C]", "Uittredetemperatuur gaskoeler [°C]"),
    "cd_high_stage": ("high stage", "hoge trap"),
    "cd_low_stage": ("low stage", "lage trap"),
    "cd_crossing": ("the temperature curves cross: move the saturation temperature or the streams",
                    "de temperatuurlijnen kruisen: verschuif de verzadigingstemperatuur of de stromen"),
    "cd_ph": ("log p–h diagram", "log p–h-diagram"),
    "cd_ts": ("T–s diagram", "T–s-diagram"),
    "cd_tq_cond": ("Condenser T–Q", "Condensor T–Q"),
    "cd_tq_evap": ("Evaporator T–Q", "Verdamper T–Q"),
    "cd_states": ("Cycle states", "Toestanden in de kringloop"),
    "cd_compare": ("Refrigerant comparison at these temperatures", "Vergelijking van koudemiddelen bij deze "
                   "temperaturen"),
    "cd_compare_help": ("Every catalogue refrigerant with the same temperatures and efficiencies; rows that cannot "
                        "run say why.",
                        "Elk koudemiddel uit de catalogus bij dezelfde temperaturen en rendementen; regels die niet "
                        "kunnen werken zeggen waarom."),
    "cd_from_case": ("Stream-matched design of the quick-scan case", "Op de stromen afgestemd ontwerp van de "
                     "quick-scan-case"),
    "cd_from_case_help": ("The heat pump the quick scan evaluates: saturation temperatures chosen so that each "
                          "exchanger's pinch equals the case's minimum temperature difference on the real stream "
                          "curves; the refrigerant is the best feasible one (or the case's).",
                          "De warmtepomp die de quick scan doorrekent: verzadigingstemperaturen zo gekozen dat de "
                          "pinch van elke wisselaar gelijk is aan het minimale temperatuurverschil van de case, op de "
                          "echte stroomcurves; het koudemiddel is het beste haalbare (of dat van de case)."),
    "cd_no_design": ("The quick-scan case has no feasible heat pump to show.",
                     "De quick-scan-case heeft geen haalbare warmtepomp om te tonen."),
    "cd_load_design": ("Load this design into the designer above", "Dit ontwerp in de ontwerper hierboven laden"),
    "cd_ds_title": ("Supplier datasheet", "Datasheet van de leverancier"),
    "cd_eta_curve": ("η_is from the screw-compressor curve (pressure ratio)",
                     "η_is uit de curve van de schroefcompressor (drukverhouding)"),
    "cd_eta_curve_help": ("Mean curve of one maker's compact screw series over the pressure ratio per stage "
                          "(data/compressors.csv, confidence L; the source states no range). Replaces the slider.",
                          "Gemiddelde curve van één serie compacte schroefcompressoren over de drukverhouding per "
                          "trap (data/compressors.csv, betrouwbaarheid L; de bron noemt geen bereik). Vervangt de "
                          "schuif."),
    "cd_eta_curve_used": ("η_is {eta} from the screw curve at pressure ratio {pr} per stage.",
                          "η_is {eta} uit de schroefcurve bij drukverhouding {pr} per trap."),
    "cd_ds_help": ("A CSV of the supplier's points (T_source_in_C, T_sink_out_C, Q_heat_kW, P_el_kW or cop, "
                   "optional load_fraction) is fitted to a performance map with its fit error; the quick-scan case "
                   "is evaluated with that machine instead of the generic design (as --datasheet FILE). The file is "
                   "read in a private folder and removed at once.",
                   "Een CSV met de punten van de leverancier (T_source_in_C, T_sink_out_C, Q_heat_kW, P_el_kW of "
                   "cop, eventueel load_fraction) wordt gefit tot een prestatiekaart met de fitfout; de "
                   "quick-scan-case wordt met die machine doorgerekend in plaats van het generieke ontwerp (zoals "
                   "--datasheet FILE). Het bestand wordt in een eigen map gelezen en meteen verwijderd."),
    "cd_ds_upload": ("Datasheet (CSV)", "Datasheet (CSV)"),
    "cd_ds_form": ("Map form", "Vorm van de kaart"),
    "cd_ds_points": ("Full-load points (+ part load)", "Vollastpunten (+ deellast)"),
    "cd_ds_rms": ("COP fit error RMS [%]", "Fitfout COP RMS [%]"),
    "cd_ds_max": ("COP fit error max [%]", "Fitfout COP max [%]"),
    "cd_ds_envelope": ("Envelope: source {s0} to {s1} °C, sink {k0} to {k1} °C; not extrapolated outside it.",
                       "Bereik: bron {s0} tot {s1} °C, afnemer {k0} tot {k1} °C; daarbuiten niet geëxtrapoleerd."),
    "cd_ds_case_cop": ("Quick-scan case: COP [-]", "Quick-scan-case: COP [-]"),
    "cd_ds_case_Q": ("Quick-scan case: capacity [kW]", "Quick-scan-case: vermogen [kW]"),
    "cd_ds_case_npv": ("Quick-scan case: NPV [€]", "Quick-scan-case: NCW [€]"),
    "metric_cop_carnot": ("Carnot COP [-]", "Carnot-COP [-]"),
    "metric_p_evap": ("Evaporating pressure [bar]", "Verdampingsdruk [bar]"),
    "metric_p_cond": ("Condensing pressure [bar]", "Condensatiedruk [bar]"),
    "metric_t_dis": ("Discharge temperature [°C]", "Persgastemperatuur [°C]"),
    "metric_vhc": ("Volumetric heating capacity [kJ/m³]", "Volumetrische verwarmingscapaciteit [kJ/m³]"),
    "metric_pr": ("Pressure ratio [-]", "Drukverhouding [-]"),
    "metric_pinch_cond": ("Condenser pinch [K]", "Pinch condensor [K]"),
    "metric_t_evap": ("Evaporating [°C]", "Verdamping [°C]"),
    "metric_t_cond": ("Condensing [°C]", "Condensatie [°C]"),
    "metric_pinch_evap": ("Evaporator pinch [K]", "Pinch verdamper [K]"),
    "col_fluid": ("Refrigerant", "Koudemiddel"),
    "col_cop": ("COP [-]", "COP [-]"),
    "col_p_evap": ("p evap [bar]", "p verd [bar]"),
    "col_p_cond": ("p cond [bar]", "p cond [bar]"),
    "col_t_dis": ("Discharge [°C]", "Persgas [°C]"),
    "col_vhc": ("VHC [kJ/m³]", "VHC [kJ/m³]"),
    "col_gwp": ("GWP100 [-]", "GWP100 [-]"),
    "col_safety": ("Safety class", "Veiligheidsklasse"),
    "col_halogen_free": ("Halogen-free", "Halogeenvrij"),
    "col_note": ("Note", "Opmerking"),
    "col_label": ("State", "Toestand"),
    "col_T_C": ("T [°C]", "T [°C]"),
    "col_p_bar": ("p [bar]", "p [bar]"),
    "col_h": ("h [kJ/kg]", "h [kJ/kg]"),
    "col_s": ("s [kJ/(kg K)]", "s [kJ/(kg K)]"),
    "col_quality": ("Vapour quality [-]", "Dampfractie [-]"),
    # plots
    "ax_h": ("Specific enthalpy h [kJ/kg]", "Specifieke enthalpie h [kJ/kg]"),
    "ax_p": ("Pressure p [bar]", "Druk p [bar]"),
    "ax_s": ("Specific entropy s [kJ/(kg K)]", "Specifieke entropie s [kJ/(kg K)]"),
    "ax_T": ("Temperature T [°C]", "Temperatuur T [°C]"),
    "ax_Q": ("Heat transferred Q [kW]", "Overgedragen warmte Q [kW]"),
    "ax_hour": ("Hour of the year [h]", "Uur van het jaar [h]"),
    "ax_hours_sorted": ("Hours, sorted by load [h]", "Uren, gesorteerd op vermogen [h]"),
    "ax_P_el": ("Electrical load [kW]", "Elektrisch vermogen [kW]"),
    "ax_heat_kW": ("Heat supplied [kW]", "Geleverde warmte [kW]"),
    "ax_storage_kWh": ("Storage content [kWh]", "Inhoud buffer [kWh]"),
    "ax_cost": ("Annual cost [€/yr]", "Jaarkosten [€/jr]"),
    "ax_co2": ("CO2 [t/yr]", "CO2 [t/jr]"),
    "ax_npv_change": ("Change of NPV [€]", "Verandering netto contante waarde [€]"),
    "dome": ("Saturation dome", "Verzadigingslijn"),
    "cycle": ("Cycle", "Kringloop"),
    "critical_point": ("Critical point", "Kritisch punt"),
    "refrigerant_side": ("Refrigerant", "Koudemiddel"),
    "sink_stream": ("Sink stream", "Afnemerstroom"),
    "source_stream": ("Source stream", "Bronstroom"),
    "pinch": ("Pinch {dT:.1f} K", "Pinch {dT:.1f} K"),
    "grid_limit": ("Grid limit", "Netlimiet"),
    "yl_peak": ("Daily peak load", "Dagpiek van de last"),
    "yl_mean": ("Daily mean load", "Daggemiddelde last"),
    "yl_limit_day": ("Grid limit (highest of the day)", "Netlimiet (hoogste van de dag)"),
    "c_year_grid": ("Load over the year against the grid limit", "Last over het jaar tegen de netlimiet"),
    "c_year_grid_note": ("Hourly calculation over the {hours} hours of the profile ({source}): heat pump, e-boiler "
                         "and gas dispatched under the grid limit; peak load {peak} kW, {limited} hours at the limit, "
                         "{exceeded} hours above it; electrified share {share}.",
                         "Uurberekening over de {hours} uur van het profiel ({source}): warmtepomp, e-boiler en gas "
                         "ingezet onder de netlimiet; piekvermogen {peak} kW, {limited} uur aan de limiet, "
                         "{exceeded} uur erboven; geëlektrificeerd aandeel {share}."),
    "low": ("low", "laag"),
    "high": ("high", "hoog"),
    "heat_hp": ("Heat pump", "Warmtepomp"),
    "heat_eboiler": ("E-boiler", "E-boiler"),
    "heat_gas": ("Gas", "Gas"),
    "heat_storage": ("From storage", "Uit buffer"),
    "demand": ("Demand", "Vraag"),
    # hourly page
    "hr_intro": ("Run the case hour by hour: demand, source and prices over a year, with the grid limit and a heat "
                 "store.",
                 "Reken de case uur voor uur door: vraag, bron en prijzen over een jaar, met netlimiet en "
                 "warmtebuffer."),
    "hr_profiles": ("Hourly profiles (CSV)", "Uurprofielen (CSV)"),
    "hr_source": ("Profiles", "Profielen"),
    "hr_profiles_help": ("A timestamp column and any of heat_demand_kW, T_source_in_C, T_sink_out_C, "
                         "price_el_EUR_per_MWh, grid_capacity_kW. Missing columns stay at the case value.",
                         "Een kolom timestamp en een of meer van heat_demand_kW, T_source_in_C, T_sink_out_C, "
                         "price_el_EUR_per_MWh, grid_capacity_kW. Ontbrekende kolommen houden de casewaarde."),
    "hr_use_example": ("Use the example profiles", "Gebruik de voorbeeldprofielen"),
    "hr_storage": ("Heat storage [kWh]", "Warmtebuffer [kWh]"),
    "hr_dispatch": ("Dispatch over the year", "Inzet over het jaar"),
    "hr_dispatch_week": ("Dispatch in week {week}", "Inzet in week {week}"),
    "hr_ldc": ("Load-duration curve of the new electrical load", "Belastingduurkromme van de nieuwe elektrische last"),
    "hr_storage_state": ("Storage state", "Vulling van de buffer"),
    "hr_sweep": ("Sizing sweep", "Dimensioneringsreeks"),
    "hr_sweep_help": ("The same year with other heat-store sizes.", "Hetzelfde jaar met andere buffergroottes."),
    "hr_case_from_qs": ("The case comes from the quick scan (change it there).",
                        "De case komt uit de quick scan (pas hem daar aan)."),
    "hr_week": ("Week shown", "Getoonde week"),
    "hr_constant": ("Constant (case values)", "Constant (casewaarden)"),
    "hr_storage_help": ("0: no store. A store is dispatched cost-optimally (linear programme), which takes a few "
                        "seconds.", "0: geen buffer. Een buffer wordt kostenoptimaal ingezet (lineair programma); "
                                    "dat duurt enkele seconden."),
    "hr_m_share": ("Electrified [%]", "Elektrisch [%]"),
    "hr_m_peak": ("Peak load [kW]", "Piekvermogen [kW]"),
    "hr_m_over": ("Over grid limit [h]", "Boven netlimiet [h]"),
    "hr_m_cost": ("Energy cost [k€/yr]", "Energiekosten [k€/jr]"),
    "hr_daily": ("daily means", "daggemiddelden"),
    "hr_sweep_caption": ("NPV against the heat pump's rated output; the dashed line is the largest size that fits the "
                         "grid.", "Netto contante waarde tegen het nominale vermogen van de warmtepomp; de "
                                  "stippellijn is de grootste maat die op het net past."),
    "hr_sweep_title": ("Net present value [€]", "Netto contante waarde [€]"),
    "hr_sweep_x": ("Heat-pump rated output [kW]", "Nominaal vermogen warmtepomp [kW]"),
    # batch page
    "bt_intro": ("Evaluate many sites at once: one case per row, the same field names as the case file.",
                 "Beoordeel veel locaties tegelijk: één case per regel, dezelfde veldnamen als het casebestand."),
    "bt_upload": ("Sites (CSV)", "Locaties (CSV)"),
    "bt_upload_help": ("Comma or semicolon separated, decimal point or decimal comma, UTF-8. Read as data only.",
                       "Komma- of puntkommagescheiden, decimale punt of komma, UTF-8. Alleen als data gelezen."),
    "bt_example": ("Use the example file", "Gebruik het voorbeeldbestand"),
    "bt_validation": ("Validation", "Controle"),
    "bt_rows_ok": ("{n_ok} of {n} rows are valid.", "{n_ok} van {n} regels zijn geldig."),
    "bt_row_problem": ("Row {row}: {message}", "Regel {row}: {message}"),
    "bt_run": ("Run the batch", "Batch starten"),
    "bt_progress": ("Evaluating {done} of {n} cases…", "Case {done} van {n} wordt berekend…"),
    "bt_results": ("Results", "Resultaten"),
    "bt_filter_status": ("Status", "Status"),
    "bt_filter_option": ("Option", "Optie"),
    "bt_filter_best": ("Only the best option per case", "Alleen de beste optie per case"),
    "bt_download_csv": ("Download CSV", "CSV downloaden"),
    "bt_download_xlsx": ("Download Excel", "Excel downloaden"),
    "bt_read_error": ("The file could not be read: {message}", "Het bestand kon niet worden gelezen: {message}"),
    "bt_columns": ("Columns found: {cols}", "Gevonden kolommen: {cols}"),
    # report page
    "rp_intro": ("Download the proposal for the customer.", "Download het voorstel voor de klant."),
    # ---- the customer report (heatcalc.report) ----
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
    "s_user_data": ("Figures you supplied", "Cijfers die u hebt aangeleverd"),
    "ud_intro": ("These numbers came from your own table(s) and replace the shipped data in this report.",
                 "Deze getallen komen uit uw eigen tabel(len) en vervangen de meegeleverde gegevens in dit rapport."),
    "ud_line": ("{table}: {row} = {value} {unit} (your file {file})",
                "{table}: {row} = {value} {unit} (uw bestand {file})"),
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
    "i_nox": ("NOx emissions on site", "NOx-uitstoot op de locatie"),
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
    "a_mc_source": ("heatcalc modelling choice (heatcalc.money.economics.MC_RANGES), triangular distributions",
                    "modelkeuze van heatcalc (heatcalc.money.economics.MC_RANGES), driehoeksverdelingen"),
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
    "a_nox": ("NOx: emission factors and the Dutch emission limits they assume",
              "NOx: emissiefactoren en de Nederlandse emissie-eisen waarvan ze uitgaan"),
    "a_figures": ("Technology and process figures", "Technologie- en procesgetallen"),
    "a_costs": ("Investment and maintenance cost", "Investerings- en onderhoudskosten"),
    "a_subsidies": ("Subsidies and tax", "Subsidies en belasting"),
    "a_tax": ("Energy tax bands ({year})", "Energiebelastingschijven ({year})"),
    "a_network": ("Network tariffs ({operator})", "Nettarieven ({operator})"),
    "a_sources": ("Sources", "Bronnen"),
    "a_finance_notes": ("Notes on prices, tariffs and economics",
                        "Opmerkingen bij prijzen, tarieven en economie"),
    "w_intro": ("Warnings and messages of the calculation.",
                "Waarschuwingen en meldingen van de berekening."),
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
    # ---- the proposal: cover, executive summary, machine, money, terms (heatcalc.report) ----
    "months": ("January,February,March,April,May,June,July,August,September,October,November,December",
               "januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december"),
    "pr_customer": ("Customer", "Klant"),
    "pr_site": ("Site", "Locatie"),
    "pr_contact": ("Contact", "Contactpersoon"),
    "pr_id": ("Proposal number", "Voorstelnummer"),
    "pr_date": ("Date", "Datum"),
    "pr_valid_until": ("Valid until", "Geldig tot"),
    "pr_supplier": ("Prepared by", "Opgesteld door"),
    "pr_case": ("Case", "Case"),
    "pr_for_option": ("Proposed: {option}", "Voorgesteld: {option}"),
    "pr_no_option": ("Feasibility of electrifying the process heat", "Haalbaarheid van elektrificatie van de "
                     "proceswarmte"),
    "s_key_figures": ("The proposed option in figures", "De voorgestelde optie in cijfers"),
    "s_decide": ("What you need to decide", "Wat u moet beslissen"),
    "s_machine": ("The machine", "De installatie"),
    "s_streams": ("The site's process streams", "De processtromen van de locatie"),
    "st_count": ("{n} ({hot} hot, {cold} cold), ΔT_min {dt} K", "{n} ({hot} warm, {cold} koud), ΔT_min {dt} K"),
    "st_today": ("Hot utility without recovery [kW]", "Warmte van buiten zonder terugwinning [kW]"),
    "st_today_value": ("{Q} (recovery saves {share} of it)", "{Q} (terugwinning bespaart daarvan {share})"),
    "st_band": ("Sink heated by the site's streams [kW]", "Deel van de vraag verwarmd door de processtromen [kW]"),
    "st_band_value": ("{Q}, up to {T} °C", "{Q}, tot {T} °C"),
    "s_year": ("The year under the grid limit", "Het jaar binnen de netlimiet"),
    "s_money": ("Money: investment, subsidies and return", "Geld: investering, subsidies en rendement"),
    "s_subsidies": ("Subsidies and their eligibility", "Subsidies en de voorwaarden"),
    "s_terms": ("Scope and validity of this proposal", "Reikwijdte en geldigheid van dit voorstel"),
    "s_not_included": ("Not included", "Niet inbegrepen"),
    "s_validity": ("Validity", "Geldigheid"),
    "s_appendix": ("Appendix", "Bijlage"),
    "proposed_option": ("Proposed: {option}", "Voorgesteld: {option}"),
    "proposed_not_viable": ("Proposed: {option} — not a business case at these prices and factors",
                            "Voorgesteld: {option} — bij deze prijzen en factoren geen sluitende business case"),
    "kf_cop": ("Heating COP", "COP (verwarming)"),
    "kf_cop_note": ("with {refrigerant}", "met {refrigerant}"),
    "kf_grid": ("Grid load", "Netbelasting"),
    "kf_fit_unknown": ("no grid limit given: confirm with {operator}", "geen netlimiet opgegeven: bevestig bij "
                       "{operator}"),
    "kf_fit_yes": ("fits the {cap} kW the site can get", "past binnen de {cap} kW die de locatie kan krijgen"),
    "kf_fit_no": ("does NOT fit the {cap} kW the site can get", "past NIET binnen de {cap} kW die de locatie kan "
                  "krijgen"),
    "kf_co2": ("CO2 saved", "CO2-besparing"),
    "kf_co2_note": ("{share} of today's emissions", "{share} van de huidige uitstoot"),
    "kf_nox": ("NOx saved", "NOx bespaard"),
    "kf_nox_note": ("of {base} {unit} on site today", "van {base} {unit} nu op de locatie"),
    "kf_saving": ("Operating cost saved", "Besparing op bedrijfskosten"),
    "kf_invest": ("Investment", "Investering"),
    "kf_invest_note": ("€ {net} after investment subsidies (EIA, VEKI)",
                       "€ {net} na investeringssubsidies (EIA, VEKI)"),
    "kf_payback": ("Simple payback", "Eenvoudige terugverdientijd"),
    "kf_npv": ("Net present value ({rate}, {life} years)", "Netto contante waarde ({rate}, {life} jaar)"),
    "kf_npv_range": ("P10 € {p10} to P90 € {p90}; {prob} chance of a positive NPV",
                     "P10 € {p10} tot P90 € {p90}; {prob} kans op een positieve netto contante waarde"),
    "dc_none": ("Whether to pursue one of the options with more grid capacity or a hybrid set-up (see the "
                "comparison).",
                "Of u een van de opties wilt uitwerken met meer netcapaciteit of als hybride opstelling (zie de "
                "vergelijking)."),
    "dc_option": ("Choose {option} and ask for a firm quote with guaranteed COP at your temperatures.",
                  "Kies {option} en vraag een vaste offerte met gegarandeerde COP bij uw temperaturen."),
    "dc_grid_ask": ("Ask {operator} for {p} kW of extra transport capacity (no grid limit was given; waiting times "
                    "can be long).",
                    "Vraag {operator} om {p} kW extra transportcapaciteit (er is geen netlimiet opgegeven; "
                    "wachttijden kunnen lang zijn)."),
    "dc_grid_short": ("The option needs {p} kW and the site can get {cap} kW: ask {operator} for more capacity or "
                      "choose a hybrid set-up.",
                      "De optie vraagt {p} kW en de locatie kan {cap} kW krijgen: vraag {operator} om meer "
                      "capaciteit of kies een hybride opstelling."),
    "dc_grid_reserve": ("Reserve the {p} kW with {operator}.", "Reserveer de {p} kW bij {operator}."),
    "dc_prices": ("Confirm the energy prices: {names} are the {year} defaults, not your contract.",
                  "Bevestig de energieprijzen: {names} zijn de standaardwaarden van {year}, niet uw contract."),
    "dc_subsidies": ("Apply for {schemes} in time (before ordering; the scheme's conditions apply).",
                     "Vraag {schemes} tijdig aan (vóór de bestelling; de voorwaarden van de regeling gelden)."),
    "dc_ets": ("Confirm whether the site falls under EU ETS (derived here: {status}).",
               "Bevestig of de locatie onder het EU ETS valt (hier afgeleid: {status})."),
    "dc_not_best": ("Note: the calculation's best option is {best} (NPV € {npv}); this proposal offers the option "
                    "chosen by the supplier.",
                    "Let op: de beste optie volgens de berekening is {best} (netto contante waarde € {npv}); dit "
                    "voorstel biedt de optie die de leverancier koos."),
    "col_scheme": ("Scheme", "Regeling"),
    "col_amount": ("Amount", "Bedrag"),
    "col_eligibility": ("Status and eligibility", "Status en voorwaarden"),
    "sub_not_requested": ("not requested", "niet aangevraagd"),
    "sub_applied": ("counted", "meegerekend"),
    "sub_zero": ("requested, gives nothing", "aangevraagd, levert niets op"),
    "m_option": ("Technology", "Technologie"),
    "m_refrigerant": ("Refrigerant", "Koudemiddel"),
    "m_capacity": ("Heating capacity", "Verwarmingsvermogen"),
    "m_t_evap": ("Evaporating temperature", "Verdampingstemperatuur"),
    "m_t_cond": ("Condensing temperature", "Condensatietemperatuur"),
    "m_cop": ("Heating COP", "COP (verwarming)"),
    "m_cop_carnot": ("Carnot COP (limit)", "Carnot-COP (grens)"),
    "m_cop_lorenz": ("Lorenz COP (limit with the streams' glide)", "Lorenz-COP (grens met het temperatuurtraject)"),
    "m_hours": ("Full-load hours", "Vollasturen"),
    "c_tq_cond": ("Condenser: temperature against heat (T–Q)", "Condensor: temperatuur tegen warmte (T–Q)"),
    "c_tq_evap": ("Evaporator: temperature against heat (T–Q)", "Verdamper: temperatuur tegen warmte (T–Q)"),
    "c_cashflow": ("Cash flow against the existing plant", "Kasstroom ten opzichte van de bestaande installatie"),
    "cf_yearly": ("Cash flow per year", "Kasstroom per jaar"),
    "cf_cumulative": ("Cumulative (not discounted)", "Cumulatief (niet verdisconteerd)"),
    "ax_year": ("Year", "Jaar"),
    "ax_eur": ("€", "€"),
    "yr_constant": ("No hourly profile was given: the load is taken as constant at {p} kW for {h} full-load hours "
                    "a year. An hourly calculation (heatcalc hourly with a profile) shows the hours at the grid "
                    "limit.",
                    "Er is geen uurprofiel opgegeven: het vermogen is constant {p} kW gedurende {h} vollasturen per "
                    "jaar. Een uurberekening (heatcalc hourly met een profiel) toont de uren op de netlimiet."),
    "the_supplier": ("the supplier", "de leverancier"),
    "v_until": ("This proposal is valid until {date}. Its figures use the prices, taxes, grid tariffs and subsidy "
                "rules of {year}; {who} confirms them in the final quote.",
                "Dit voorstel is geldig tot {date}. De cijfers gebruiken de prijzen, belastingen, nettarieven en "
                "subsidieregels van {year}; {who} bevestigt ze in de definitieve offerte."),
    "v_none": ("No validity period was set. The figures use the prices, taxes, grid tariffs and subsidy rules of "
               "{year}; ask {who} to confirm them before deciding.",
               "Er is geen geldigheidsduur opgegeven. De cijfers gebruiken de prijzen, belastingen, nettarieven en "
               "subsidieregels van {year}; vraag {who} ze te bevestigen vóór een besluit."),
    "ni_1": ("VAT and other taxes on the investment.", "Btw en andere belastingen op de investering."),
    "ni_2": ("Permits, studies and notifications (environment, noise, refrigerant, pressure equipment).",
             "Vergunningen, studies en meldingen (milieu, geluid, koudemiddel, drukapparatuur)."),
    "ni_3": ("Building, civil and foundation works, long pipe runs and changes to the process beyond what the "
             "cost figures in the appendix cover.",
             "Bouwkundige werken, funderingen, lange leidingtracés en aanpassingen aan het proces voor zover niet "
             "gedekt door de kostengetallen in de bijlage."),
    "ni_4": ("Reinforcement of the public grid and the waiting time for capacity; only the connection cost listed "
             "is counted.",
             "Versterking van het openbare net en de wachttijd voor capaciteit; alleen de genoemde "
             "aansluitkosten zijn meegerekend."),
    "ni_5": ("Removing the existing plant, or the cost of keeping it as backup.",
             "Verwijderen van de bestaande installatie, of de kosten om die als reserve te behouden."),
    "ni_6": ("Financing cost other than the discount rate, insurance and the customer's own staff time.",
             "Financieringskosten buiten de disconteringsvoet, verzekering en de inzet van eigen personeel."),
    "ni_7": ("Award of any subsidy: schemes are budget-limited and decided by RVO.",
             "Toekenning van subsidie: regelingen hebben een beperkt budget en RVO beslist."),
    "page": ("page", "pagina"),
    "the_operator": ("the grid operator", "de netbeheerder"),
    "of_today": ("of today's", "van nu"),
    # ---- the app's own views: scenarios, table export, load charts (views/) ----
    "sc_section": ("Scenarios", "Scenario's"),
    "sc_intro": ("Save the current inputs as scenario A, B or C and compare them side by side. Scenarios are kept "
                 "for this browser session only.",
                 "Bewaar de huidige invoer als scenario A, B of C en vergelijk ze naast elkaar. Scenario's blijven "
                 "alleen in deze browsersessie bewaard."),
    "sc_save": ("Save as {name}", "Bewaar als {name}"),
    "sc_replace": ("Replace {name}", "Vervang {name}"),
    "sc_remove": ("Remove {name}", "{name} verwijderen"),
    "sc_restore": ("Load {name} into the inputs", "{name} in de invoer laden"),
    "sc_saved": ("Saved as scenario {name}.", "Bewaard als scenario {name}."),
    "sc_none": ("No scenario saved yet: set the inputs, then press \"Save as A\".",
                "Nog geen scenario bewaard: stel de invoer in en klik op \"Bewaar als A\"."),
    "sc_figures": ("Key figures of each scenario's best option (difference from {first} in brackets)",
                   "Kerncijfers van de beste optie per scenario (verschil met {first} tussen haakjes)"),
    "sc_inputs": ("Inputs that differ", "Invoer die verschilt"),
    "sc_same_inputs": ("The saved scenarios have the same inputs.", "De bewaarde scenario's hebben dezelfde invoer."),
    "sc_figure": ("Figure", "Kengetal"),
    "sc_input": ("Input", "Invoer"),
    "sc_no_option": ("no feasible option", "geen haalbare optie"),
    "sc_default": ("default", "standaard"),
    "sc_failed": ("Scenario {name} does not evaluate: {message}", "Scenario {name} is niet door te rekenen: {message}"),
    "sc_cost_chart": ("Operating cost per scenario [k€/yr]", "Bedrijfskosten per scenario [k€/jr]"),
    "sc_co2_chart": ("CO2 emissions per scenario [t/yr]", "CO2-uitstoot per scenario [t/jr]"),
    "sc_today": ("Today (existing supply)", "Nu (bestaande voorziening)"),
    "sc_with_option": ("With the best option", "Met de beste optie"),
    "qs_table_caption": ("The main figures per option; every column is under \"All columns\" below and in the "
                         "downloads.",
                         "De belangrijkste kengetallen per optie; alle kolommen staan onder \"Alle kolommen\" "
                         "hieronder en in de downloads."),
    "qs_details": ("All columns", "Alle kolommen"),
    "qs_export_csv": ("Download the table (CSV)", "Tabel downloaden (CSV)"),
    "qs_export_xlsx": ("Download the table (Excel)", "Tabel downloaden (Excel)"),
    "chart_load": ("Electrical load per option [kW]", "Elektrisch vermogen per optie [kW]"),
    "no_grid_limit": ("no grid limit set", "geen netlimiet ingesteld"),
    "hr_el_axis": ("Electrical load and grid limit [kW]", "Elektrisch vermogen en netlimiet [kW]"),
    "bt_row": ("Row", "Regel"),
    # ---- the Region / hub page (views/hub.py) ----
    "page_hub": ("Region / hub", "Regio / hub"),
    "hub_title": ("Region / hub", "Regio / hub"),
    "hub_intro": ("Neighbouring sites share one grid capacity and heat links. One linear programme dispatches every "
              "member's heat pump, e-boiler, storage and gas backup together; each member alone gets its share of "
              "the capacity and the same model. The hub's cost is divided so that nobody pays more than alone "
              "where a rule allows it.",
              "Buren delen één netcapaciteit en warmteleidingen. Eén lineair programma zet de warmtepomp, "
              "e-boiler, opslag en gasketel van alle leden samen in; elk lid alleen krijgt zijn deel van de "
              "capaciteit en hetzelfde model. De kosten van de hub worden zo verdeeld dat niemand meer betaalt "
              "dan alleen, waar een regel dat toelaat."),
    "hub_source": ("Hub file", "Hubbestand"),
    "hub_example": ("Example: dairy and biotech plant (6 MW, one heat link)", "Voorbeeld: zuivel en biotech (6 MW, één "
                                                                          "warmteleiding)"),
    "hub_upload": ("Upload a hub JSON (cases inline, no profile files)", "Hub-JSON uploaden (cases in het bestand, "
                                                                     "geen profielbestanden)"),
    "hub_shared": ("Shared capacity [kW]", "Gedeelde capaciteit [kW]"),
    "hub_alloc": ("Allocation rule", "Verdeelregel"),
    "hub_m_share": ("Electrified share alone → hub [%]", "Geëlektrificeerd aandeel alleen → hub [%]"),
    "hub_m_cost": ("Cost alone → hub [k€]", "Kosten alleen → hub [k€]"),
    "hub_m_co2": ("CO2 saved alone → hub [t]", "CO2 bespaard alleen → hub [t]"),
    "hub_m_over": ("Hours over the shared limit", "Uren boven de gedeelde grens"),
    "hub_members": ("Members", "Leden"),
    "hub_col_share": ("share [kW]", "aandeel [kW]"),
    "hub_col_el_alone": ("electrified alone [%]", "geëlektrificeerd alleen [%]"),
    "hub_col_el_hub": ("electrified hub [%]", "geëlektrificeerd hub [%]"),
    "hub_col_co2_alone": ("CO2 saved alone [t]", "CO2 bespaard alleen [t]"),
    "hub_col_co2_hub": ("CO2 saved hub [t]", "CO2 bespaard hub [t]"),
    "hub_col_cost_alone": ("cost alone [€]", "kosten alleen [€]"),
    "hub_col_allocated": ("allocated [€]", "toegewezen [€]"),
    "hub_col_benefit": ("benefit [€]", "voordeel [€]"),
    "hub_week": ("Week", "Week"),
    "hub_stack": ("Load on the shared capacity, week {week}", "Belasting van de gedeelde capaciteit, week {week}"),
    "hub_stack_year": ("Load on the shared capacity, daily means over the period",
                   "Belasting van de gedeelde capaciteit, daggemiddelden"),
    "hub_cap": ("shared capacity", "gedeelde capaciteit"),
    "hub_compare": ("Alone against together", "Alleen tegenover samen"),
    "hub_alone": ("cost alone", "kosten alleen"),
    "hub_hub": ("cost in the hub (own energy)", "kosten in de hub (eigen energie)"),
    "hub_allocated": ("allocated cost", "toegewezen kosten"),
    "hub_links": ("Heat links", "Warmteleidingen"),
    "hub_link_flows": ("Heat-link flows, week {week}", "Warmte door de leidingen, week {week}"),
    "hub_link_flows_year": ("Heat-link flows, daily means", "Warmte door de leidingen, daggemiddelden"),
    "hub_assets": ("Shared assets", "Gedeelde installaties"),
    "hub_objective": ("Objective", "Doel"),
    "hub_obj_cost": ("least cost", "laagste kosten"),
    "hub_obj_co2": ("least CO2 under a cost cap", "minste CO2 binnen een kostengrens"),
    "hub_cap_pct": ("Cost cap above the least cost [%]", "Kostengrens boven de laagste kosten [%]"),
    "hub_obj_note": ("Least CO2 with the cost at most {cap} € (least cost {least} €): CO2 {a} t alone → {h} t "
                 "in the hub",
                 "Minste CO2 met kosten van hoogstens {cap} € (laagste kosten {least} €): CO2 {a} t alleen → "
                 "{h} t in de hub"),
    "hub_rule_msg": ("Allocation: {msg}", "Verdeling: {msg}"),
    # the report page (views/report.py, keys rpl_*)
    "rpl_format": ('Format',
               'Formaat'),
    "rpl_lang": ('Language of the report',
               'Taal van het rapport'),
    "rpl_make": ('Make the proposal',
               'Voorstel maken'),
    "rpl_download": ('Download {name}',
               '{name} downloaden'),
    "rpl_charts": ('With charts',
               'Met grafieken'),
    "rpl_made": ('Made in {s:.1f} s.',
               'Gemaakt in {s:.1f} s.'),
    "rpl_case": ('Case: {case_id} (change it on the quick scan page)',
               'Case: {case_id} (wijzig hem op de quick-scan-pagina)'),
    "rpl_form": ('Proposal details',
               'Gegevens van het voorstel'),
    "rpl_customer": ('Customer',
               'Klant'),
    "rpl_site": ('Site',
               'Locatie'),
    "rpl_contact": ('Contact person',
               'Contactpersoon'),
    "rpl_supplier": ('Supplier',
               'Leverancier'),
    "rpl_supplier_help": ('Prepared by; replaces the name in the supplier profile.',
               'Opgesteld door; vervangt de naam uit het leveranciersprofiel.'),
    "rpl_proposal_id": ('Proposal number',
               'Voorstelnummer'),
    "rpl_date": ('Date of the proposal',
               'Datum van het voorstel'),
    "rpl_validity": ('Valid for [days]',
               'Geldig [dagen]'),
    "rpl_validity_help": ("Days the proposal is valid from its date (empty: the supplier profile's, else none stated).",
               'Aantal dagen dat het voorstel vanaf de datum geldig is (leeg: die van het leveranciersprofiel, anders niet vermeld).'),
    "rpl_option": ('Proposed option',
               'Voorgestelde optie'),
    "rpl_best": ("the calculation's best ({name})",
               'de beste uit de berekening ({name})'),
    "rpl_profile": ('Supplier profile (JSON or TOML, optional)',
               'Leveranciersprofiel (JSON of TOML, optioneel)'),
    "rpl_profile_help": ('Keys name, primary_colour, secondary_colour, footer, validity_days (as for heatcalc report --supplier-profile); the logo is uploaded below.',
               'Sleutels name, primary_colour, secondary_colour, footer, validity_days (zoals bij heatcalc report --supplier-profile); het logo upload u hieronder.'),
    "rpl_logo": ('Supplier logo (SVG, PNG or JPEG, optional)',
               'Logo van de leverancier (SVG, PNG of JPEG, optioneel)'),
    "rpl_profile_ignored_logo": ("The profile's logo path is not used in the app: upload the logo below.",
               'Het logopad in het profiel wordt in de app niet gebruikt: upload het logo hieronder.'),
    "rpl_no_option": ('No option is feasible for this case: the proposal states that.',
               'Geen enkele optie is haalbaar voor deze case: het voorstel vermeldt dat.'),
    "rpl_profile_bad": ('Supplier profile {name}: {message}',
               'Leveranciersprofiel {name}: {message}'),
    "rpl_field_bad": ('Proposal details: {message}',
               'Gegevens van het voorstel: {message}'),
    "rpl_from_file": ('Filled in from the proposal in the loaded case file.',
               'Ingevuld uit het voorstel in het geladen casebestand.'),
    "rpl_from_file_profile": ('Filled in from the proposal in the loaded case file; it names the supplier profile {name}: upload it (and its logo) below.',
               'Ingevuld uit het voorstel in het geladen casebestand; dat noemt het leveranciersprofiel {name}: upload het (en het logo) hieronder.'),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "nl" else pair[0]


def t(key: str, lang: str = DEFAULT_LANG, **fmt) -> str:
    """UI text ``key`` in ``lang``, formatted with ``fmt``.

    An unknown key returns the key itself so that a missing text is visible.

    >>> t("metric_cop", "nl")
    'COP [-]'
    >>> t("pinch", "en", dT=4.96)
    'Pinch 5.0 K'
    """
    pair = _TEXTS.get(key)
    if pair is None:
        return key
    text = _pick(pair, norm_lang(lang))
    return text.format(**fmt) if fmt else text


def unit_text(unit: str, lang: str = DEFAULT_LANG) -> str:
    """A unit in the language's spelling (``€/yr`` → ``€/jr`` in Dutch)."""
    return _UNIT_NL.get(unit, unit) if norm_lang(lang) == "nl" else unit


# --------------------------------------------------------------------------------------
# valid ranges of the case fields (the text every input error and tooltip quotes) in Dutch
def _valid_nl_table() -> dict[str, str]:
    from heatcalc.case import _QUOTE_CAPEX, _QUOTE_OM, SUBSIDY_SCHEMES

    return {
        "';'-separated from " + ", ".join(SUBSIDY_SCHEMES) + ", or auto (the best allowed combination), or none":
            "gescheiden door ';' uit " + ", ".join(SUBSIDY_SCHEMES) + ", of auto (de beste toegestane combinatie), "
            "of none",
        "';'-separated from " + ", ".join(OPTIONS) + ", or all": "gescheiden door ';' uit " + ", ".join(OPTIONS)
                                                                 + ", of all",
        "-0.05 to 0.5 (real interest rate of the loan; required when a share of the investment is borrowed)":
            "-0,05 tot 0,5 (reële rente van de lening; verplicht wanneer een deel van de investering wordt geleend)",
        "0 < x < 0.7 (LHV; empty: data default)": "0 < x < 0,7 (onderwaarde; leeg: standaardwaarde uit de data)",
        "0 < x ≤ 1.1 (LHV; condensing boilers exceed 1)":
            "0 < x ≤ 1,1 (onderwaarde; condensatieketels komen boven 1)",
        "0 < x ≤ 10,000,000 kW (empty: the design, sized for heat_demand_kW)":
            "0 < x ≤ 10.000.000 kW (leeg: het ontwerp, gedimensioneerd op heat_demand_kW)",
        "0 to 1 (share of hp_capacity_kW; empty: by compressor type, data/compressors.csv)":
            "0 tot 1 (aandeel van hp_capacity_kW; leeg: per compressortype, data/compressors.csv)",
        "0 to 1 (share of the net investment borrowed)": "0 tot 1 (geleend aandeel van de netto investering)",
        "0 to 1 (share off the capacity charges of the right's kW; empty: as the operator publishes it in "
        "data/tariffs/transport_rights.csv)":
            "0 tot 1 (korting op de capaciteitskosten van de kW van het recht; leeg: zoals de netbeheerder die "
            "publiceert in data/tariffs/transport_rights.csv)",
        "0 to 1,000,000,000 EUR (empty: data/tariffs/connection_charges.csv)":
            "0 tot 1.000.000.000 EUR (leeg: data/tariffs/connection_charges.csv)",
        _QUOTE_OM: "0 tot 1.000.000.000 EUR/jr (leeg: de onderhoudsaandelen in data/costs.csv)",
        "0 to 10,000 MW (empty: the baseline plant's fuel rate)":
            "0 tot 10.000 MW (leeg: het brandstofvermogen van de referentie-installatie)",
        "0 to 10,000,000 kW (empty: the site's other electricity use as a flat load)":
            "0 tot 10.000.000 kW (leeg: het overige elektriciteitsgebruik van de locatie als vlakke last)",
        "0 to 10,000,000 kW (empty: unlimited)": "0 tot 10.000.000 kW (leeg: onbeperkt)",
        _QUOTE_CAPEX: "0 tot 10.000.000.000 EUR (leeg: de kostencurve in data/costs.csv)",
        "0 to 100,000,000 t/yr (free EU ETS allowances of the sub-installation the option changes; empty: none "
        "assumed)":
            "0 tot 100.000.000 t/jr (gratis EU ETS-emissierechten van de subinstallatie die de optie verandert; "
            "leeg: geen aangenomen)",
        "0 to 100,000,000 t/yr (the installation's dispensation rights for the CO2 levy; empty: no levy saving "
        "counted, data/tariffs/prices.csv co2_levy_share_above_dispensation = 0; 0: the levy on every tonne)":
            "0 tot 100.000.000 t/jr (de dispensatierechten van de installatie voor de CO2-heffing; leeg: geen "
            "besparing op de heffing geteld, data/tariffs/prices.csv co2_levy_share_above_dispensation = 0; 0: de "
            "heffing op elke ton)",
        "0 to 100,000,000,000 EUR/yr (the company's other taxable profit; empty: above the first tax bracket, so "
        "the project meets the top rate)":
            "0 tot 100.000.000.000 EUR/jr (de overige belastbare winst van het bedrijf; leeg: boven de eerste schijf, "
            "dus het project valt onder het hoge tarief)",
        "0 to 24 h (empty: no minimum run time; not published by compressor type: give the supplier's figure)":
            "0 tot 24 h (leeg: geen minimale looptijd; niet per compressortype gepubliceerd: geef het cijfer van de "
            "leverancier op)",
        "0 to 3 (share of the curve CAPEX for piping, electrical, civil works and engineering; empty: "
        "data/integration_costs.csv; 0: none)":
            "0 tot 3 (aandeel van de CAPEX van de curve voor leidingwerk, elektra, bouwkundig werk en engineering; "
            "leeg: data/integration_costs.csv; 0: geen)",
        "0 to 30 yr (empty: data/tariffs/connection_waits.csv, else 0 with a note)":
            "0 tot 30 jr (leeg: data/tariffs/connection_waits.csv, anders 0 met een toelichting)",
        "a CoolProp fluid name or auto": "een CoolProp-stofnaam of auto",
        "a non-empty identifier": "een niet-lege naam",
        "auto · single · two_stage (auto: the better COP of single stage and two-stage economiser)":
            "auto · single · two_stage (auto: de betere COP van eentraps en tweetraps met economiser)",
        "average · average_chain · marginal (grid electricity CO2 factor)":
            "average · average_chain · marginal (CO2-factor van elektriciteit uit het net)",
        "firm · time_bound · time_block · flexible (ACM transport-right types)":
            "firm · time_bound · time_block · flexible (soorten transportrecht van de ACM)",
        "npv · co2 (what the staged option's split temperature is chosen for)":
            "npv · co2 (waarop de splitsingstemperatuur van de getrapte optie wordt gekozen)",
        "path of a supplier datasheet CSV (T_source_in_C, T_sink_out_C, Q_heat_kW, P_el_kW or cop[, "
        "load_fraction]); empty: the generic design":
            "pad van een CSV-datablad van de leverancier (T_source_in_C, T_sink_out_C, Q_heat_kW, P_el_kW of cop[, "
            "load_fraction]); leeg: het generieke ontwerp",
        "pre_tax_real · after_tax (after_tax adds npv_after_tax_EUR and irr_after_tax)":
            "pre_tax_real · after_tax (after_tax voegt npv_after_tax_EUR en irr_after_tax toe)",
        "true/false/yes/no/1/0/ja/nee (true: the option's lower activity level ends that allocation)":
            "true/false/yes/no/1/0/ja/nee (true: het lagere activiteitsniveau van de optie beëindigt die toewijzing)",
        "true/false/yes/no/1/0/ja/nee; empty: derived (EU ETS thresholds, site_thermal_input_MW)":
            "true/false/yes/no/1/0/ja/nee; leeg: afgeleid (drempels van EU ETS, site_thermal_input_MW)",
    }


_VALID_NL: dict[str, str] | None = None
#: Numbers of a range text (``10,000,000``, ``-0.05``) and its English words, for the generic rule.
_RANGE_NUMBER = re.compile(r"(?<![\w/.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w/])|(?<![\w/.])-?\d+\.\d+(?![\w/])")
_RANGE_WORDS = ((" to ", " tot "), ("(empty: unlimited)", "(leeg: onbeperkt)"), ("empty: ", "leeg: "),
                ("/yr", "/jr"), (" yr", " jr"))


def valid_text(valid: str, lang: str = DEFAULT_LANG) -> str:
    """The valid range of a case field (:func:`heatcalc.case.field_meta` ``valid``) in ``lang``.

    Dutch: the field's own Dutch text, else the range with Dutch numbers and words (``0 tot 10.000.000 kW``).

    >>> valid_text("0 < x ≤ 10,000,000 kW", "nl"), valid_text("a non-empty identifier", "nl")
    ('0 < x ≤ 10.000.000 kW', 'een niet-lege naam')
    >>> valid_text("1 to 8784 h/yr", "nl"), valid_text("-0.05 to 0.5", "en")
    ('1 tot 8784 h/jr', '-0.05 to 0.5')
    """
    global _VALID_NL
    if norm_lang(lang) != "nl" or not valid:
        return valid
    if _VALID_NL is None:
        _VALID_NL = _valid_nl_table()
    if valid in _VALID_NL:
        return _VALID_NL[valid]
    out = _RANGE_NUMBER.sub(lambda m: m.group(0).translate(_NUMBER_SWAP), valid)
    for en, nl in _RANGE_WORDS:
        out = out.replace(en, nl)
    return out


_NUMBER_SWAP = str.maketrans({",": ".", ".": ","})


def field_unit(name: str) -> str:
    """Unit of a case field from the case schema (``-`` for dimensionless)."""
    return field_meta(name)["unit"] or "-"


def field_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """Label of a case field with its unit in brackets.

    Dimensionless numeric fields get ``[-]``; text and choice fields get no unit.
    """
    entry = _FIELDS.get(name)
    base = _pick(entry["label"], norm_lang(lang)) if entry else name
    if name in _NO_UNIT_FIELDS:
        return base
    return f"{base} [{unit_text(field_unit(name), lang)}]"


_NO_UNIT_FIELDS = {"case_id", "process", "sink_medium", "source_medium", "baseline", "options", "refrigerant",
                   "grid_operator", "ets_installation", "tariff_year"}


def field_help(name: str, lang: str = DEFAULT_LANG, *, default: str | None = None, origin: str | None = None
               ) -> str:
    """Tooltip of a case field: meaning, default and its origin, valid range.

    Parameters
    ----------
    name : str
        Case field name.
    lang : str
        ``en`` or ``nl``.
    default : str, optional
        The default as text (with unit); when given, a "Default: … — origin." line is added.
    origin : str, optional
        Where the default comes from (data source and year); defaults to the case schema.
    """
    lang = norm_lang(lang)
    entry = _FIELDS.get(name)
    parts = [_pick(entry["help"], lang) if entry else name]
    if default is not None:
        parts.append(t("default_is", lang, value=default, origin=origin or t("origin_contract", lang)))
    valid = field_meta(name)["valid"]
    if valid:
        parts.append(t("valid_is", lang, valid=valid_text(valid, lang)))
    parts.append(f"`{name}`")
    return "  \n".join(parts)


def choice_label(kind: str, value: str, lang: str = DEFAULT_LANG) -> str:
    """Readable name of a choice (``kind`` is ``option``, ``process``, ``sink_medium``,
    ``source_medium``, ``baseline``, ``grid_operator``, ``status`` or ``topology``).
    Unknown values are returned unchanged."""
    pair = _CHOICES.get(kind, {}).get(value)
    return _pick(pair, norm_lang(lang)) if pair else str(value)




def column_label(col: str, lang: str = DEFAULT_LANG, *, unit: bool = True) -> str:
    """Label of a result column, with its unit in brackets (``CO2 saved [t/yr]``).

    >>> column_label("co2_saved_t_per_yr", "nl")
    'CO2-besparing [t/jr]'
    >>> column_label("cop")
    'COP [-]'
    """
    pair = COLUMN_LABELS.get(col)
    base = _pick(pair, norm_lang(lang)) if pair else col
    if not unit:
        return base
    u = column_unit(col)
    if u is not None:
        return f"{base} [{unit_text(u, lang)}]"
    if col in ("cop", "irr"):
        return f"{base} [-]"
    return base


#: Columns of the heat-pump sizing sweep (``heatcalc.evaluation.hourly.sizing.sweep_hp_size`` rows): EN/NL label
#: with unit.
SWEEP_LABELS: dict[str, tuple[str, str]] = {
    "hp_kW": ("Heat pump [kW]", "Warmtepomp [kW]"), "npv_EUR": ("NPV [€]", "NCW [€]"),
    "cost_EUR": ("Cost [€/yr]", "Kosten [€/jr]"), "capex_EUR": ("Investment [€]", "Investering [€]"),
    "E_el_MWh": ("Electricity [MWh/yr]", "Elektriciteit [MWh/jr]"), "peak_el_kW": ("Peak load [kW]", "Piekvermogen [kW]"),
    "co2_saved_t": ("CO2 saved [t/yr]", "CO2-besparing [t/jr]"), "heat_gas_MWh": ("Gas heat [MWh/yr]",
                                                                                 "Warmte uit gas [MWh/jr]"),
    "cost_saved_EUR": ("Saving [€/yr]", "Besparing [€/jr]"),
    "electrified_share": ("Electrified share [-]", "Geëlektrificeerd aandeel [-]"),
    "heat_unmet_MWh": ("Heat not delivered [MWh/yr]", "Niet geleverde warmte [MWh/jr]"),
    "grid_limit_exceeded_hours": ("Hours above the grid limit [h]", "Uren boven de netlimiet [h]"),
}


def sweep_label(col: str, lang: str = DEFAULT_LANG) -> str:
    """Header of a sizing-sweep column in ``lang``; other columns get their result-column label."""
    pair = SWEEP_LABELS.get(col)
    return _pick(pair, norm_lang(lang)) if pair else column_label(col, lang)


def all_text_keys() -> list[str]:
    """Every UI text key (for tests that check both languages are present)."""
    return list(_TEXTS)


def missing_translations() -> list[str]:
    """Keys whose English or Dutch text is empty (should be none)."""
    out = [k for k, pair in _TEXTS.items() if len(pair) != 2 or not all(p.strip() for p in pair)]
    for name, entry in _FIELDS.items():
        for part in ("label", "help"):
            if not all(p.strip() for p in entry[part]):
                out.append(f"{name}.{part}")
    for kind, values in _CHOICES.items():
        out += [f"{kind}.{v}" for v, pair in values.items() if not all(p.strip() for p in pair)]
    out += [f"column.{c}" for c, pair in COLUMN_LABELS.items() if not all(p.strip() for p in pair)]
    return out
