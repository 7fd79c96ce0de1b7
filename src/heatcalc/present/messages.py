"""The library's messages in English and Dutch, short for the screen, long for the report.

Every warning, note and reason the library emits is a :class:`heatcalc.core.messages.Message`:
its English text plus a stable ``code`` and ``params``. This module holds the catalogue of
codes — for each the English and Dutch long text (the report's notes; the English long text
is the library's own) and a short text for the screen (one line, the remedy first) — and
renders a message in the reader's language:

>>> from heatcalc.core.messages import Message
>>> m = Message("economics.no_co2_saved", "no CO2 saved against the baseline: abatement cost not defined")
>>> render(m, "nl")
'Geen CO2-besparing ten opzichte van de referentie: vermijdingskosten niet bepaald.'
>>> render(m, "nl", "long")
'geen CO2-besparing ten opzichte van de referentie: vermijdingskosten niet bepaald'

Numbers in the parameters are formatted with the template's format spec and, in Dutch,
with a decimal comma and dots between thousands (``1.234,5``). Names of options,
baselines and grid operators are shown with their labels in Dutch. A message without a
code (plain text) or with a code not in the catalogue is shown as its English text.
"""
from __future__ import annotations

import re
import string
from typing import Any

from heatcalc.core.messages import Message
from heatcalc.core.numbers import norm_lang
from heatcalc.present.i18n import choice_label, t, unit_text, valid_text

#: Forms of a message: ``short`` (one line for the screen, remedy first), ``long`` (report notes).
FORMS = ("short", "long")


class _Entry:
    __slots__ = ("en", "nl", "en_short", "nl_short")

    def __init__(self, en: str, nl: str, en_short: str | None = None, nl_short: str | None = None):
        self.en, self.nl = en, nl
        self.en_short = en_short if en_short is not None else _sentence(en)
        self.nl_short = nl_short if nl_short is not None else _sentence(nl)


def _sentence(text: str) -> str:
    """A long text as a screen line: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


# --------------------------------------------------------------------------------------
# The catalogue: code → English long (the library's text, as a template), Dutch long, and the
# short screen texts where they differ from the long ones (remedy first).
_C: dict[str, _Entry] = {
    # -- the whole case --------------------------------------------------------------
    "case.no_best": _Entry(
        "no option is feasible, fits the grid and saves CO2: no best option",
        "geen optie is haalbaar, past op het net en bespaart CO2: geen beste optie",
        "Change the inputs (grid capacity, temperatures, options): no option is feasible, fits the grid and saves "
        "CO2.",
        "Pas de invoer aan (netcapaciteit, temperaturen, opties): geen optie is haalbaar, past op het net en "
        "bespaart CO2."),
    "grid.capacity_short": _Entry(
        "needs {P_el_kW:,.0f} kW of grid capacity, the site can get {grid_capacity_kW:,.0f} kW",
        "vraagt {P_el_kW:,.0f} kW netcapaciteit, de locatie kan {grid_capacity_kW:,.0f} kW krijgen",
        "Ask the grid operator for more capacity or choose a smaller option: needs {P_el_kW:,.0f} kW, the site can "
        "get {grid_capacity_kW:,.0f} kW.",
        "Vraag de netbeheerder om meer capaciteit of kies een kleinere optie: nodig {P_el_kW:,.0f} kW, de locatie "
        "kan {grid_capacity_kW:,.0f} kW krijgen."),
    # -- economics -------------------------------------------------------------------
    "economics.baseline_reference": _Entry(
        "baseline: existing plant, CAPEX 0; NPV, IRR, payback and abatement are given for the options against it",
        "referentie: bestaande installatie, CAPEX 0; NPV, IRR, terugverdientijd en vermijdingskosten gelden voor "
        "de opties ten opzichte hiervan"),
    "economics.level_drop": _Entry(
        "the new load moves the site to the {level} tariff, {saving_EUR:,.0f} EUR/yr below today's network bill: "
        "not counted as a saving, because the change of level needs a new connection and substation whose cost is "
        "not in the data",
        "de nieuwe last brengt de locatie naar het {level}-tarief, {saving_EUR:,.0f} EUR/jr onder de huidige "
        "netkosten: niet als besparing geteld, omdat de overstap een nieuwe aansluiting en een eigen station vraagt "
        "waarvan de kosten niet in de data staan"),
    "economics.no_co2_saved": _Entry(
        "no CO2 saved against the baseline: abatement cost not defined",
        "geen CO2-besparing ten opzichte van de referentie: vermijdingskosten niet bepaald"),
    "economics.sde_halogen": _Entry(
        "SDE++ not applied: refrigerant {refrigerant} contains halogens (not eligible from the 2023 round)",
        "SDE++ niet toegepast: koudemiddel {refrigerant} bevat halogenen (niet subsidiabel vanaf de ronde 2023)",
        "Choose a halogen-free refrigerant for SDE++: {refrigerant} is not eligible from the 2023 round.",
        "Kies een halogeenvrij koudemiddel voor SDE++: {refrigerant} is vanaf de ronde 2023 niet subsidiabel."),
    "economics.sde_simplified": _Entry(
        "SDE++ simplified: unprofitable gap paid up to {max_EUR_per_t:g} EUR/t CO2 for {years:g} years; category "
        "eligibility and budget not checked",
        "SDE++ vereenvoudigd: onrendabele top vergoed tot {max_EUR_per_t:g} EUR/t CO2 gedurende {years:g} jaar; "
        "categorie en budget niet gecontroleerd",
        "Check the SDE++ category and budget with RVO: the unprofitable gap is paid up to {max_EUR_per_t:g} EUR/t "
        "CO2 for {years:g} years.",
        "Controleer categorie en budget van SDE++ bij RVO: de onrendabele top is vergoed tot {max_EUR_per_t:g} "
        "EUR/t CO2 gedurende {years:g} jaar."),
    "economics.eia_energielijst": _Entry(
        "EIA assumes the equipment is on the Energielijst; grid connection not eligible",
        "EIA gaat ervan uit dat de installatie op de Energielijst staat; de netaansluiting telt niet mee",
        "Check that the equipment is on the Energielijst (EIA); the grid connection is not eligible.",
        "Controleer of de installatie op de Energielijst staat (EIA); de netaansluiting telt niet mee."),
    "economics.cumulation": _Entry(
        "several subsidies switched on: cumulation rules are not enforced - check with RVO",
        "meerdere subsidies aan: cumulatieregels zijn niet toegepast - navragen bij RVO",
        "Check with RVO whether the subsidies may be combined (cumulation rules not applied).",
        "Vraag RVO of de subsidies samen mogen (cumulatieregels niet toegepast)."),
    "economics.no_break_even": _Entry(
        "no break-even electricity price between {lo:g} and {hi:g} EUR/MWh (NPV {sign} throughout)",
        "geen break-even-elektriciteitsprijs tussen {lo:g} en {hi:g} EUR/MWh (NPV overal {sign})"),
    "economics.sign_positive": _Entry("positive", "positief"),
    "economics.sign_negative": _Entry("negative", "negatief"),
    "economics.npv_price_independent": _Entry(
        "the NPV does not depend on the electricity price (no electricity or no saving)",
        "de NPV hangt niet af van de elektriciteitsprijs (geen elektriciteit of geen besparing)"),
    "finance.no_irr_few": _Entry("no IRR: fewer than two finite cash flows",
                                 "geen IRR: minder dan twee eindige kasstromen"),
    "finance.no_irr_positive": _Entry("no IRR: cash flows never change sign (all positive or zero)",
                                      "geen IRR: de kasstromen wisselen nooit van teken (alle positief of nul)"),
    "finance.no_irr_negative": _Entry(
        "no IRR: cash flows never change sign (all negative or zero): the option never pays back",
        "geen IRR: de kasstromen wisselen nooit van teken (alle negatief of nul): de optie verdient zich nooit "
        "terug"),
    "finance.no_irr_bracket": _Entry("no IRR between {lo:.0%} and {hi:.0%}", "geen IRR tussen {lo:.0%} en {hi:.0%}"),
    "finance.irr_not_unique": _Entry(
        "IRR may not be unique: cash flows change sign {changes} times; the root closest to 0 is given",
        "IRR mogelijk niet eenduidig: de kasstromen wisselen {changes} keer van teken; de oplossing het dichtst bij "
        "0 is gegeven"),
    "finance.never_pays_back": _Entry(
        "never pays back: the option costs more per year than the baseline",
        "verdient zich nooit terug: de optie kost per jaar meer dan de referentie"),
    "subsidy.eia_not_listed": _Entry("EIA not granted: {tech} is not on the Energielijst ({source})",
                                     "EIA niet toegekend: {tech} staat niet op de Energielijst ({source})"),
    "subsidy.eia_assumed": _Entry(
        "EIA assumes {tech} is on the Energielijst: no entry for it was found (data/subsidy_eligibility.csv); grid "
        "connection not eligible",
        "EIA gaat ervan uit dat {tech} op de Energielijst staat: er is geen vermelding gevonden "
        "(data/subsidy_eligibility.csv); de netaansluiting telt niet mee",
        "Check that {tech} is on the Energielijst (EIA assumed, no entry found); the grid connection is not "
        "eligible.",
        "Controleer of {tech} op de Energielijst staat (EIA aangenomen, geen vermelding gevonden); de "
        "netaansluiting telt niet mee."),
    "subsidy.eia_counted": _Entry(
        "EIA: {tech} counted as on the Energielijst ({source}; data/subsidy_eligibility.csv, confidence "
        "{confidence}); grid connection not eligible",
        "EIA: {tech} geteld als vermeld op de Energielijst ({source}; data/subsidy_eligibility.csv, "
        "betrouwbaarheid {confidence}); de netaansluiting telt niet mee"),
    "subsidy.eia_min_investment": _Entry(
        "EIA not granted: the investment {capex_EUR:,.0f} EUR is below the minimum of {min_EUR:,.0f} EUR",
        "EIA niet toegekend: de investering van {capex_EUR:,.0f} EUR ligt onder het minimum van {min_EUR:,.0f} EUR"),
    "subsidy.mia_not_listed": _Entry("MIA/Vamil not granted: {tech} is not on the Milieulijst",
                                     "MIA/Vamil niet toegekend: {tech} staat niet op de Milieulijst"),
    "subsidy.mia_no_entry": _Entry(
        "MIA/Vamil not granted: no Milieulijst entry (MIA share) for {tech} in the data (not found in the published "
        "lists heatcalc could read; supply a mia_share row in the format of data/subsidy_eligibility.csv with "
        "--tariffs)",
        "MIA/Vamil niet toegekend: geen vermelding op de Milieulijst (MIA-percentage) voor {tech} in de data (niet "
        "gevonden in de gepubliceerde lijsten die heatcalc kon lezen; geef een mia_share-regel in het formaat van "
        "data/subsidy_eligibility.csv met --tariffs)"),
    "subsidy.mia_share": _Entry("MIA/Vamil: MIA share {share:.0%} for {tech} ({source})",
                                "MIA/Vamil: MIA-percentage {share:.0%} voor {tech} ({source})"),
    "subsidy.sde_no_category": _Entry("SDE++ not granted: no SDE++ category for {tech} in the data",
                                      "SDE++ niet toegekend: geen SDE++-categorie voor {tech} in de data"),
    "subsidy.sde_glass_only": _Entry("SDE++ not granted: the hybrid-furnace category is for glass furnaces",
                                     "SDE++ niet toegekend: de categorie hybride oven geldt voor glasovens"),
    "subsidy.sde_halogen": _Entry(
        "SDE++ not granted: the refrigerant contains halogens (not eligible from the 2023 round)",
        "SDE++ niet toegekend: het koudemiddel bevat halogenen (niet subsidiabel vanaf de ronde 2023)"),
    "subsidy.sde_capacity_low": _Entry(
        "SDE++ not granted: heat-pump capacity {capacity_kW:,.0f} kW is below the category minimum of {min_kW:g} "
        "kWth",
        "SDE++ niet toegekend: het warmtepompvermogen van {capacity_kW:,.0f} kW ligt onder het categorieminimum van "
        "{min_kW:g} kWth"),
    "subsidy.sde_cop_low": _Entry("SDE++ not granted: COP {cop:.2f} is below the category minimum {min_cop:g}",
                                  "SDE++ niet toegekend: COP {cop:.2f} ligt onder het categorieminimum {min_cop:g}"),
    "subsidy.not_combinable": _Entry(
        "{scheme} not applied: it may not be combined with {other} on the same investment ({rule}); {other} gives "
        "more",
        "{scheme} niet toegepast: mag niet samen met {other} op dezelfde investering ({rule}); {other} levert meer "
        "op"),
    "subsidy.adds_nothing": _Entry("{scheme} not applied: it adds nothing to the chosen combination",
                                   "{scheme} niet toegepast: voegt niets toe aan de gekozen combinatie"),
    "subsidy.veki_no_reference": _Entry(
        "VEKI not counted: the reference investment (a new {tech} of the same heat capacity) has no CAPEX curve in "
        "data/costs.csv",
        "VEKI niet geteld: de referentie-investering (een nieuwe {tech} met hetzelfde warmtevermogen) heeft geen "
        "CAPEX-curve in data/costs.csv"),
    "subsidy.veki_payback": _Entry(
        "VEKI not granted: the payback without subsidy is {payback_yr:.1f} yr; VEKI requires more than "
        "{min_payback_yr:g} yr",
        "VEKI niet toegekend: de terugverdientijd zonder subsidie is {payback_yr:.1f} jr; VEKI vraagt meer dan "
        "{min_payback_yr:g} jr"),
    "subsidy.veki_minimum": _Entry(
        "VEKI not granted: {share:.0%} of the extra cost {extra_EUR:,.0f} EUR over the reference investment "
        "({reference_EUR:,.0f} EUR, a new {tech}) is below the minimum grant of {min_EUR:,.0f} EUR",
        "VEKI niet toegekend: {share:.0%} van de meerkosten {extra_EUR:,.0f} EUR boven de referentie-investering "
        "({reference_EUR:,.0f} EUR, een nieuwe {tech}) ligt onder de minimale subsidie van {min_EUR:,.0f} EUR"),
    # -- costs -----------------------------------------------------------------------
    "costs.override": _Entry("{technology}: {key}={value:g} overridden", "{technology}: {key}={value:g} overschreven"),
    "costs.capex_given": _Entry("{technology}: capex_EUR={capex_EUR:,.0f} given by the case",
                                "{technology}: capex_EUR={capex_EUR:,.0f} opgegeven in de case"),
    "costs.low_confidence": _Entry(
        "CAPEX curve of {technology} has confidence {confidence} ({notes}): override it per case",
        "CAPEX-curve van {technology} heeft betrouwbaarheid {confidence} ({notes}): geef per case een offerte op",
        "Give the supplier's quote (capex_<option>_EUR): the CAPEX curve of {technology} has confidence "
        "{confidence}.",
        "Geef de offerte van de leverancier op (capex_<optie>_EUR): de CAPEX-curve van {technology} heeft "
        "betrouwbaarheid {confidence}."),
    "costs.baseline_vom_missing": _Entry(
        "variable O&M of the {technology} baseline is not in data/costs.csv: not counted",
        "variabele O&M van de referentie ({technology}) staat niet in data/costs.csv: niet geteld"),
    "costs.escalated": _Entry(
        "{text}", "{technology}: CAPEX naar prijzen van het tariefjaar gebracht met de consumentenprijsindex van het "
        "CBS (x {factor:.3f})"),
    "costs.om_given": _Entry(
        "{technology}: O&M {om_EUR:,.0f} EUR/yr given by the case (replaces the fixed and variable O&M of "
        "data/costs.csv)",
        "{technology}: O&M {om_EUR:,.0f} EUR/jr opgegeven in de case (vervangt de vaste en variabele O&M uit "
        "data/costs.csv)"),
    # -- site bill: prices, CO2 ------------------------------------------------------
    "prices.default": _Entry(
        "{key}={value:g} is the {year} default (confidence {confidence}; {sources})",
        "{key}={value:g} is de standaardwaarde voor {year} (betrouwbaarheid {confidence}; {sources})",
        "Give {key} if you know the site's price: {value:g} is the {year} default (confidence {confidence}).",
        "Geef {key} op als u de prijs van de locatie kent: {value:g} is de standaardwaarde voor {year} "
        "(betrouwbaarheid {confidence})."),
    "prices.data_note": _Entry("{note}", "toelichting bij de standaardprijs (uit de data, Engels): {note}"),
    "co2.no_levy_rate": _Entry("no CO2 levy rate for {year} in the data: levy not counted",
                               "geen tarief CO2-heffing voor {year} in de data: heffing niet geteld"),
    "co2.not_ets": _Entry(
        "site not under EU ETS: no CO2 price or levy counted on its direct emissions",
        "locatie valt niet onder het EU ETS: geen CO2-prijs of -heffing op de directe uitstoot geteld"),
    "ets.derived_in": _Entry(
        "ets_installation derived: an EU ETS installation ({reasons}, Directive 2003/87/EC Annex I); set "
        "ets_installation to override",
        "ets_installation afgeleid: een EU ETS-installatie ({reasons}, Richtlijn 2003/87/EG bijlage I); zet "
        "ets_installation om dit te overschrijven",
        "Set ets_installation if this is wrong: the site is taken as an EU ETS installation ({reasons}).",
        "Zet ets_installation als dit niet klopt: de locatie geldt als EU ETS-installatie ({reasons})."),
    "ets.derived_out": _Entry(
        "ets_installation derived: not an EU ETS installation (rated thermal input {q_MW:,.1f} MW from {basis}, "
        "threshold {limit_MW:g} MW{capacity}). Set ets_installation=true or site_thermal_input_MW if the site has "
        "more combustion units",
        "ets_installation afgeleid: geen EU ETS-installatie (nominaal thermisch ingangsvermogen {q_MW:,.1f} MW uit "
        "{basis}, drempel {limit_MW:g} MW{capacity}). Zet ets_installation=true of site_thermal_input_MW als de "
        "locatie meer verbrandingseenheden heeft",
        "Set ets_installation=true or site_thermal_input_MW if the site has more combustion units: "
        "{q_MW:,.1f} MW is below the EU ETS threshold of {limit_MW:g} MW.",
        "Zet ets_installation=true of site_thermal_input_MW als de locatie meer verbrandingseenheden heeft: "
        "{q_MW:,.1f} MW ligt onder de EU ETS-drempel van {limit_MW:g} MW."),
    "ets.reason_thermal": _Entry("rated thermal input {q_MW:,.1f} MW ({basis}) exceeds {limit_MW:g} MW",
                                 "nominaal thermisch ingangsvermogen {q_MW:,.1f} MW ({basis}) boven {limit_MW:g} MW"),
    "ets.reason_capacity": _Entry("production capacity {per_day:,.0f} t/day exceeds {limit:g} t/day",
                                  "productiecapaciteit {per_day:,.0f} t/dag boven {limit:g} t/dag"),
    "ets.capacity_part": _Entry(", production capacity {per_day:,.0f} t/day",
                                ", productiecapaciteit {per_day:,.0f} t/dag"),
    "ets.basis_baseline": _Entry(
        "the baseline plant's fuel rate at LHV, as site_thermal_input_MW is not given",
        "het brandstofvermogen van de referentie-installatie op onderwaarde, omdat site_thermal_input_MW niet is "
        "opgegeven"),
    # -- grid connection -------------------------------------------------------------
    "connection.fits": _Entry(
        "the new load fits the existing connection of {connection_kW:,.0f} kW (site need {need_kW:,.0f} kW): no "
        "connection change",
        "de nieuwe last past op de bestaande aansluiting van {connection_kW:,.0f} kW (behoefte locatie "
        "{need_kW:,.0f} kW): geen aanpassing van de aansluiting"),
    "connection.alt_right": _Entry(
        "{extra_kW:,.0f} kW above the existing {connection_kW:,.0f} kW are contracted as a {right} transport right "
        "on the same connection (no connection change counted)",
        "{extra_kW:,.0f} kW boven de bestaande {connection_kW:,.0f} kW worden als {right}-transportrecht op "
        "dezelfde aansluiting gecontracteerd (geen aanpassing van de aansluiting geteld)"),
    "connection.charge_given": _Entry(
        "connection change to {need_kW:,.0f} kW: one-off charge {charge_EUR:,.0f} EUR given in the case",
        "aanpassing van de aansluiting naar {need_kW:,.0f} kW: eenmalige bijdrage {charge_EUR:,.0f} EUR opgegeven "
        "in de case"),
    "connection.charge_missing": _Entry(
        "connection change from {connection_kW:,.0f} to {need_kW:,.0f} kW: {operator}'s one-off connection charge "
        "for {year} is not in data/tariffs/connection_charges.csv (not published in the sources read) and is NOT in "
        "the CAPEX - give connection_charge_EUR (the operator's quote)",
        "aanpassing van de aansluiting van {connection_kW:,.0f} naar {need_kW:,.0f} kW: de eenmalige "
        "aansluitbijdrage van {operator} voor {year} staat niet in data/tariffs/connection_charges.csv (niet "
        "gepubliceerd in de gelezen bronnen) en zit NIET in de CAPEX - geef connection_charge_EUR op (de offerte "
        "van de netbeheerder)",
        "Give connection_charge_EUR (the operator's quote): the one-off charge of {operator} for the change from "
        "{connection_kW:,.0f} to {need_kW:,.0f} kW is not in the CAPEX.",
        "Geef connection_charge_EUR op (de offerte van de netbeheerder): de eenmalige bijdrage van {operator} voor "
        "de aanpassing van {connection_kW:,.0f} naar {need_kW:,.0f} kW zit niet in de CAPEX."),
    "connection.charge_data": _Entry(
        "connection change to {need_kW:,.0f} kW: one-off charge {charge_EUR:,.0f} EUR ({operator} {year}, "
        "confidence {confidence})",
        "aanpassing van de aansluiting naar {need_kW:,.0f} kW: eenmalige bijdrage {charge_EUR:,.0f} EUR "
        "({operator} {year}, betrouwbaarheid {confidence})"),
    "connection.wait_given": _Entry(
        "extra capacity delivered after {wait_yr:g} yr (connection_wait_yr): the option's cash flows start then and "
        "its NPV is discounted by that delay",
        "extra capaciteit geleverd na {wait_yr:g} jr (connection_wait_yr): de kasstromen van de optie beginnen dan "
        "en de NPV is met die vertraging verdisconteerd"),
    "connection.wait_unpublished": _Entry(
        "connection change: {operator} publishes no waiting time in the data (national queue 1 Jul 2025: 14,044 "
        "requests for 9.1 GW); 0 yr used - give connection_wait_yr (the operator's date)",
        "aanpassing van de aansluiting: {operator} publiceert geen wachttijd in de data (landelijke wachtrij 1 juli "
        "2025: 14.044 aanvragen voor 9,1 GW); 0 jr gebruikt - geef connection_wait_yr op (de datum van de "
        "netbeheerder)",
        "Give connection_wait_yr (the operator's date): {operator} publishes no waiting time, 0 yr used.",
        "Geef connection_wait_yr op (de datum van de netbeheerder): {operator} publiceert geen wachttijd, 0 jr "
        "gebruikt."),
    "connection.wait_default": _Entry(
        "connection change: {wait_yr:g} yr until the extra capacity is delivered ({operator} average lead time, "
        "confidence {confidence}; longer in congestion areas - give connection_wait_yr); the option's NPV is "
        "discounted by that delay",
        "aanpassing van de aansluiting: {wait_yr:g} jr tot de extra capaciteit geleverd is (gemiddelde doorlooptijd "
        "{operator}, betrouwbaarheid {confidence}; langer in congestiegebieden - geef connection_wait_yr op); de NPV "
        "van de optie is met die vertraging verdisconteerd",
        "Give connection_wait_yr if the operator names a date: {wait_yr:g} yr wait assumed ({operator} average), "
        "the NPV is discounted by it.",
        "Geef connection_wait_yr op als de netbeheerder een datum noemt: {wait_yr:g} jr wachttijd aangenomen "
        "(gemiddelde {operator}), de NPV is daarmee verdisconteerd."),
    "connection.withdrawal_risk": _Entry(
        "under the {right} right, {right_kW:,.0f} kW of the option's {P_kW:,.0f} kW are not firm: when that "
        "capacity is withdrawn (up to {withdrawn_h:,.0f} h/yr, announced day-ahead) up to {heat_MWh:,.0f} MWh/yr "
        "of the option's heat ({heat_share:.0%}) must come from the backup the site keeps (the existing boiler) or "
        "storage; without one the supply fails in those hours - stress-test it with heatcalc hourly --withdraw-worst",
        "onder het recht {right} zijn {right_kW:,.0f} kW van de {P_kW:,.0f} kW van de optie niet vast: als die "
        "capaciteit wordt afgeschakeld (tot {withdrawn_h:,.0f} h/jr, een dag vooraf gemeld) moet tot "
        "{heat_MWh:,.0f} MWh/jr van de warmte van de optie ({heat_share:.0%}) uit de back-up komen die de locatie "
        "houdt (de bestaande ketel) of uit opslag; zonder back-up faalt de levering in die uren - test het met "
        "heatcalc hourly --withdraw-worst",
        "Keep the backup: up to {heat_MWh:,.0f} MWh/yr ({heat_share:.0%}) of the heat depends on {right_kW:,.0f} kW "
        "that the {right} right may withdraw for {withdrawn_h:,.0f} h/yr.",
        "Houd de back-up: tot {heat_MWh:,.0f} MWh/jr ({heat_share:.0%}) van de warmte hangt af van "
        "{right_kW:,.0f} kW die het recht {right} {withdrawn_h:,.0f} h/jr kan afschakelen."),
    "connection.withdrawal_unknown": _Entry(
        "under the {right} right, {right_kW:,.0f} kW of the option's {P_kW:,.0f} kW are not firm; the hours without "
        "capacity are agreed per contract and not in the data, so the heat at risk is not known - give them as "
        "grid_capacity_kW in an hourly profile (heatcalc hourly)",
        "onder het recht {right} zijn {right_kW:,.0f} kW van de {P_kW:,.0f} kW van de optie niet vast; de uren "
        "zonder capaciteit worden per contract afgesproken en staan niet in de data, dus de warmte met risico is "
        "onbekend - geef ze als grid_capacity_kW in een uurprofiel (heatcalc hourly)"),
    "connection.level_change": _Entry(
        "the new load raises the site's contract to {contract_kW:,.0f} kW and moves it from the {from_level} to the "
        "{to_level} tariff of {operator}: a connection upgrade, and a different tariff structure for the whole "
        "site's use (part of the network-cost difference)",
        "de nieuwe last verhoogt het gecontracteerd vermogen van de locatie naar {contract_kW:,.0f} kW en brengt "
        "haar van het {from_level}- naar het {to_level}-tarief van {operator}: een zwaardere aansluiting, en een "
        "andere tariefstructuur voor het hele verbruik van de locatie (deel van het verschil in netkosten)",
        "Ask {operator} for a connection upgrade: the contract rises to {contract_kW:,.0f} kW, from {from_level} "
        "to {to_level}.",
        "Vraag {operator} om een zwaardere aansluiting: het contract stijgt naar {contract_kW:,.0f} kW, van "
        "{from_level} naar {to_level}."),
    # -- network tariffs -------------------------------------------------------------
    "tariff.periodic_missing": _Entry(
        "periodic connection charge of {operator} for a {contract_kW:,.0f} kW connection not in the data: not "
        "counted",
        "periodieke aansluitvergoeding van {operator} voor een aansluiting van {contract_kW:,.0f} kW niet in de "
        "data: niet geteld"),
    "tariff.above_ranges": _Entry(
        "contract {contract_kW:,.0f} kW is above every range in the data; {level} used",
        "contract {contract_kW:,.0f} kW ligt boven elk bereik in de data; {level} gebruikt"),
    "tariff.year_fallback": _Entry(
        "network tariffs of {operator} for {year} not in the data: {used_year} tariffs used",
        "nettarieven van {operator} voor {year} niet in de data: tarieven van {used_year} gebruikt"),
    "tariff.level_floor": _Entry(
        "the {level} tariff of {operator} at {contract_kW:,.0f} kW would cost less than the {other_level} tariff "
        "at its limit: the {other_level} cost is kept ({extra_EUR:,.0f} EUR/yr more), because the change of level "
        "needs a new connection and own substation whose cost is not in the data",
        "het {level}-tarief van {operator} bij {contract_kW:,.0f} kW zou minder kosten dan het "
        "{other_level}-tarief aan zijn grens: de {other_level}-kosten blijven staan ({extra_EUR:,.0f} EUR/jr meer), "
        "omdat de overstap een nieuwe aansluiting en een eigen station vraagt waarvan de kosten niet in de data "
        "staan"),
    "tariff.peak_overrun": _Entry(
        "monthly peak {peak_kW:,.0f} kW above the contract {contract_kW:,.0f} kW: overrun charges are not modelled",
        "maandpiek {peak_kW:,.0f} kW boven het contract van {contract_kW:,.0f} kW: overschrijdingskosten zijn niet "
        "gemodelleerd"),
    "tariff.no_operator": _Entry("no grid operator given: network cost not computed",
                                 "geen netbeheerder opgegeven: netkosten niet berekend"),
    "transport.partial": _Entry(
        "transport right {right} on {right_kW:,.0f} kW of the {contract_kW:,.0f} kW contract (the rest firm)",
        "transportrecht {right} op {right_kW:,.0f} kW van het contract van {contract_kW:,.0f} kW (de rest vast)"),
    "transport.discount_given": _Entry(
        "transport right {right}: {discount:.0%} off the capacity charges of its kW, as given in the case "
        "(transport_right_discount)",
        "transportrecht {right}: {discount:.0%} korting op de capaciteitskosten van zijn kW, zoals opgegeven in de "
        "case (transport_right_discount)"),
    "transport.discount_unpublished": _Entry(
        "transport right {right}: {operator}'s tariff discount is not published in the data (data/{file}); the "
        "firm tariff is charged - an upper bound of the cost. Give transport_right_discount (the operator's offer) "
        "to apply one",
        "transportrecht {right}: de tariefkorting van {operator} is niet gepubliceerd in de data (data/{file}); "
        "het vaste tarief is gerekend - een bovengrens van de kosten. Geef transport_right_discount op (het aanbod "
        "van de netbeheerder) om een korting toe te passen",
        "Give transport_right_discount (the operator's offer): {operator} publishes no discount for {right}, the "
        "firm tariff is charged.",
        "Geef transport_right_discount op (het aanbod van de netbeheerder): {operator} publiceert geen korting "
        "voor {right}, het vaste tarief is gerekend."),
    "transport.hours_unknown": _Entry(
        "transport right {right}: the hours without capacity are agreed per contract and not in the data; give "
        "them as grid_capacity_kW in an hourly profile (heatcalc hourly)",
        "transportrecht {right}: de uren zonder capaciteit worden per contract afgesproken en staan niet in de "
        "data; geef ze als grid_capacity_kW in een uurprofiel (heatcalc hourly)"),
    "transport.no_hour_guaranteed": _Entry(
        "transport right {right}: no hour is guaranteed - capacity only when the grid has room, announced at the "
        "latest the day before; the heat supply must be able to run on its backup",
        "transportrecht {right}: geen enkel uur is gegarandeerd - capaciteit alleen als het net ruimte heeft, "
        "uiterlijk de dag ervoor gemeld; de warmtelevering moet op haar back-up kunnen draaien"),
    "transport.share_guaranteed": _Entry(
        "transport right {right}: capacity guaranteed in {share:.0%} of the hours ({hours:,.0f} h/yr); in the "
        "other hours the new load may be withdrawn (announced day-ahead) and the heat must come from the backup",
        "transportrecht {right}: capaciteit gegarandeerd in {share:.0%} van de uren ({hours:,.0f} h/jr); in de "
        "andere uren kan de nieuwe last worden afgeschakeld (een dag vooraf gemeld) en moet de warmte van de "
        "back-up komen"),
    # -- options: what each option is, and why it is not feasible ---------------------
    "baseline.gas_boiler": _Entry("gas boiler", "gasketel"),
    "baseline.gas_kiln": _Entry("gas-fired kiln/furnace", "gasgestookte oven"),
    "baseline.gas_chp": _Entry(
        "gas CHP (thermal efficiency {eta_th:.2f}, electrical {eta_el:.2f} LHV): makes {E_el_MWh:,.0f} MWh/yr of "
        "power that an electric option must buy",
        "gas-WKK (thermisch rendement {eta_th:.2f}, elektrisch {eta_el:.2f} op onderwaarde): maakt "
        "{E_el_MWh:,.0f} MWh/jr stroom die een elektrische optie moet inkopen"),
    "hp.design": _Entry("{refrigerant}, {stages}: T_evap {T_evap_C:.1f} °C, T_cond {T_cond_C:.1f} °C",
                        "{refrigerant}, {stages}: verdamping {T_evap_C:.1f} °C, condensatie {T_cond_C:.1f} °C"),
    "hp.design_auto": _Entry(
        "{refrigerant}, {stages}: T_evap {T_evap_C:.1f} °C, T_cond {T_cond_C:.1f} °C (best COP of {n_ok} feasible "
        "refrigerants; {n_rejected} rejected)",
        "{refrigerant}, {stages}: verdamping {T_evap_C:.1f} °C, condensatie {T_cond_C:.1f} °C (beste COP van {n_ok} "
        "bruikbare koudemiddelen; {n_rejected} afgewezen)"),
    "mvr.design": _Entry(
        "{n_stages} stage(s), pressure ratio {ratio:.2f} ({ratio_per_stage:.2f} per stage, {compressor}), "
        "{e_kWh_per_t:.0f} kWh/t vapour",
        "{n_stages} trap(pen), drukverhouding {ratio:.2f} ({ratio_per_stage:.2f} per trap, {compressor}), "
        "{e_kWh_per_t:.0f} kWh/t damp"),
    "mvr.compressor_fan": _Entry("fan", "ventilator"),
    "mvr.compressor_turbo": _Entry("turbo", "turbocompressor"),
    "steam.design": _Entry(
        "{refrigerant} heat pump, flash at {T_flash_C:.0f} °C{mvr_part}; {e_kWh_per_t:.0f} kWh/t steam",
        "{refrigerant}-warmtepomp, flash bij {T_flash_C:.0f} °C{mvr_part}; {e_kWh_per_t:.0f} kWh/t stoom"),
    "steam.mvr_part": _Entry(" + MVR from {T_flash_C:.0f} °C", " + MVR vanaf {T_flash_C:.0f} °C"),
    "hp.stages_one": _Entry("single stage", "eentraps"),
    "hp.stages_two": _Entry("two-stage economiser", "tweetraps met economiser"),
    "option.electric_share": _Entry("electric share {share:.0%} of the heat; the rest from the {backup}",
                                    "elektrisch aandeel {share:.0%} van de warmte; de rest uit de {backup}"),
    "option.kiln_share": _Entry(
        "{share:.0%} of the {product} energy electric ({ratio:g} GJ electricity per GJ fuel replaced)",
        "{share:.0%} van de energie voor {product} elektrisch ({ratio:g} GJ elektriciteit per vervangen GJ "
        "brandstof)"),
    "option.calcination_co2": _Entry(
        "calcination CO2 stays: {co2_t:,.0f} t/yr ({factor} t CO2/t CaO) whatever the fuel; a sugar factory uses the "
        "kiln CO2 for juice purification (carbonatation), so capture or supply of that CO2 must be kept",
        "de CO2 uit het branden van kalk blijft: {co2_t:,.0f} t/jr ({factor} t CO2/t CaO), welke brandstof ook; "
        "een suikerfabriek gebruikt de oven-CO2 voor de sapzuivering (carbonatatie), dus afvang of levering van "
        "die CO2 moet blijven",
        "Keep a CO2 supply for carbonatation: the calcination CO2 of {co2_t:,.0f} t/yr stays whatever the fuel.",
        "Houd CO2-levering voor de carbonatatie: de CO2 uit het branden van kalk ({co2_t:,.0f} t/jr) blijft, welke "
        "brandstof ook."),
    "option.not_process_heat": _Entry("{option} applies to process heat, not to {process}",
                                      "{option} is bedoeld voor proceswarmte, niet voor {process}"),
    "option.needs_sink_T": _Entry("{option} needs the sink temperatures: {missing} [°C] not given",
                                  "{option} heeft de temperaturen van de warmteafnemer nodig: {missing} [°C] niet "
                                  "opgegeven"),
    "option.needs_source_T": _Entry("{text}", "{option} heeft een brontemperatuur nodig: T_source_in_C [°C] niet "
                                    "opgegeven"),
    "option.mvr_needs_vapour": _Entry(
        "mvr needs a vapour source (evaporator or dryer exhaust vapour); source_medium={source_medium}: use "
        "heat_pump or steam_hp",
        "MVR heeft een dampbron nodig (indamper of droger-afdamp); source_medium={source_medium}: gebruik "
        "heat_pump of steam_hp",
        "Use heat_pump or steam_hp: MVR needs a vapour source, source_medium={source_medium}.",
        "Gebruik heat_pump of steam_hp: MVR heeft een dampbron nodig, source_medium={source_medium}."),
    "option.steam_hp_needs_steam": _Entry(
        "steam_hp makes steam; sink_medium={sink_medium}: use heat_pump",
        "steam_hp maakt stoom; sink_medium={sink_medium}: gebruik heat_pump",
        "Use heat_pump: steam_hp makes steam, sink_medium={sink_medium}.",
        "Gebruik heat_pump: steam_hp maakt stoom, sink_medium={sink_medium}."),
    "option.source_limited": _Entry(
        "source_heat_kW={source_heat_kW:,.0f} kW limits the heat pump to {Q_hp_kW:,.0f} kW of the "
        "{demand_kW:,.0f} kW demand; the rest comes from the {backup}",
        "source_heat_kW={source_heat_kW:,.0f} kW beperkt de warmtepomp tot {Q_hp_kW:,.0f} kW van de vraag van "
        "{demand_kW:,.0f} kW; de rest komt uit de {backup}",
        "Find more source heat to electrify more: source_heat_kW={source_heat_kW:,.0f} kW limits the heat pump "
        "to {Q_hp_kW:,.0f} of {demand_kW:,.0f} kW.",
        "Zoek meer bronwarmte om meer te elektrificeren: source_heat_kW={source_heat_kW:,.0f} kW beperkt de "
        "warmtepomp tot {Q_hp_kW:,.0f} van {demand_kW:,.0f} kW."),
    "option.capacity_limited": _Entry(
        "hp_capacity_kW={hp_capacity_kW:,.0f} kW limits the heat pump to {Q_hp_kW:,.0f} kW of the "
        "{demand_kW:,.0f} kW demand; the rest comes from the {backup}",
        "hp_capacity_kW={hp_capacity_kW:,.0f} kW beperkt de warmtepomp tot {Q_hp_kW:,.0f} kW van de vraag van "
        "{demand_kW:,.0f} kW; de rest komt uit de {backup}"),
    "hp.none_short": _Entry(
        "no heat pump: no refrigerant works for sink {sink} {T_sink_in_C:.1f} → {T_sink_out_C:.1f} °C from source "
        "{source} {T_source_in_C:.1f} → {T_source_out_C:.1f} °C in one machine ({n} rejected, each reason in the "
        "warnings); a heat pump can still preheat: see the staged option",
        "geen warmtepomp: geen koudemiddel werkt voor afnemer {sink_name} {T_sink_in_C:.1f} → {T_sink_out_C:.1f} "
        "°C vanuit bron {source_name} {T_source_in_C:.1f} → {T_source_out_C:.1f} °C in één machine ({n} afgewezen, "
        "elke reden bij de waarschuwingen); een warmtepomp kan wel voorverwarmen: zie de getrapte optie",
        "See the staged option (heat-pump preheat plus a top-up): no single heat pump heats {sink} to "
        "{T_sink_out_C:.1f} °C from {T_source_in_C:.1f} °C ({n} refrigerants rejected).",
        "Zie de getrapte optie (voorverwarmen met een warmtepomp plus bijstook): geen enkele warmtepomp verwarmt "
        "{sink_name} tot {T_sink_out_C:.1f} °C vanuit {T_source_in_C:.1f} °C ({n} koudemiddelen afgewezen)."),
    "hp.rejected": _Entry("no heat pump: {reason}", "geen warmtepomp: {reason}"),
    "hp.none": _Entry("no heat pump: {reason}", "geen warmtepomp: {reason}"),
    "hp.sink_not_above_source": _Entry(
        "T_sink_out={T_sink_out_C:.2f} °C must be above T_source_in={T_source_in_C:.2f} °C for a heat pump: direct "
        "heat exchange suffices (no heat pump needed)",
        "T_sink_out={T_sink_out_C:.2f} °C moet boven T_source_in={T_source_in_C:.2f} °C liggen voor een warmtepomp: "
        "directe warmtewisseling volstaat (geen warmtepomp nodig)"),
    "hp.no_refrigerant": _Entry(
        "no feasible refrigerant for sink {sink} {T_sink_in_C:.1f} → {T_sink_out_C:.1f} °C and source {source} "
        "{T_source_in_C:.1f} → {T_source_out_C:.1f} °C: {reasons}",
        "geen haalbaar koudemiddel voor afnemer {sink_name} {T_sink_in_C:.1f} → {T_sink_out_C:.1f} °C en bron "
        "{source_name} "
        "{T_source_in_C:.1f} → {T_source_out_C:.1f} °C: {reasons}"),
    # -- why a refrigerant is rejected (thermo.pinch.select_refrigerant) ---------------
    "refr.rejected": _Entry("{text}", "{fluid}: {why}"),
    "refr.limit_critical": _Entry("{margin_K:g} K below the critical temperature",
                                  "{margin_K:g} K onder de kritieke temperatuur"),
    "refr.limit_catalogue": _Entry("recommended maximum condensing temperature (catalogue T_cond_max)",
                                   "aanbevolen hoogste condensatietemperatuur (catalogus T_cond_max)"),
    "refr.limit_feasible": _Entry("highest feasible condensing temperature", "hoogste haalbare condensatietemperatuur"),
    "refr.critical_too_low": _Entry(
        "{fluid}: critical temperature too low: condensing is limited to {T_max_C:.1f} °C ({limit}), but the sink "
        "needs at least {T_need_C:.1f} °C (sink {T_sink_in_C:.1f} → {T_sink_out_C:.1f} °C with "
        "dT_min={dT_min_K:g} K)",
        "{fluid}: kritieke temperatuur te laag: condenseren kan tot {T_max_C:.1f} °C ({limit}), maar de afnemer "
        "vraagt minstens {T_need_C:.1f} °C (afnemer {T_sink_in_C:.1f} → {T_sink_out_C:.1f} °C bij "
        "dT_min={dT_min_K:g} K)"),
    "refr.evap_below_fluid_min": _Entry(
        "{fluid}: evaporating would have to be below its lowest temperature {T_min_C:.2f} °C (triple point or "
        "equation-of-state limit) for a source leaving at {T_source_out_C:.1f} °C",
        "{fluid}: verdampen zou onder de laagste temperatuur {T_min_C:.2f} °C moeten liggen (tripelpunt of grens "
        "van de toestandsvergelijking) voor een bron die op {T_source_out_C:.1f} °C uittreedt"),
    "refr.evap_none": _Entry(
        "{fluid}: no feasible evaporating temperature keeps dT_min={dT_min_K:g} K to the source: {err}",
        "{fluid}: geen haalbare verdampingstemperatuur houdt dT_min={dT_min_K:g} K tot de bron: {err}"),
    "refr.evap_below_lowest": _Entry(
        "{fluid}: evaporating would have to be below {T_C:.2f} °C, its lowest temperature (triple point or "
        "equation-of-state limit {T_min_C:.2f} °C), to keep dT_min={dT_min_K:g} K to the source",
        "{fluid}: verdampen zou onder {T_C:.2f} °C moeten liggen, de laagste temperatuur (tripelpunt of grens van "
        "de toestandsvergelijking {T_min_C:.2f} °C), om dT_min={dT_min_K:g} K tot de bron te houden"),
    "refr.cond_above_limit": _Entry(
        "{fluid}: condensing would have to be above {T_max_C:.1f} °C ({limit})",
        "{fluid}: condenseren zou boven {T_max_C:.1f} °C moeten liggen ({limit})"),
    "refr.cond_pinch": _Entry(
        "{fluid}: the condenser pinch dT_min={dT_min_K:g} K needs condensing above {T_C:.1f} °C, the {limit}",
        "{fluid}: het pinchpunt dT_min={dT_min_K:g} K in de condensor vraagt condenseren boven {T_C:.1f} °C, de "
        "{limit}"),
    "refr.cond_pinch_err": _Entry(
        "{fluid}: the condenser pinch dT_min={dT_min_K:g} K needs condensing above {T_C:.1f} °C, the {limit} "
        "({err})",
        "{fluid}: het pinchpunt dT_min={dT_min_K:g} K in de condensor vraagt condenseren boven {T_C:.1f} °C, de "
        "{limit} ({err})"),
    "refr.halogen_unknown": _Entry("not halogen-free: halogen content unknown (not in the catalogue)",
                                   "niet halogeenvrij: halogeengehalte onbekend (niet in de catalogus)"),
    "refr.halogens": _Entry("not halogen-free: contains halogens", "niet halogeenvrij: bevat halogenen"),
    "refr.wet": _Entry("wet compression with {superheat_K:g} K superheat: {detail}",
                       "natte compressie bij {superheat_K:g} K oververhitting: {detail}"),
    "refr.p_cond_high": _Entry(
        "condensing pressure {p_bar:.1f} bar is above the limit {p_max_bar:.1f} bar",
        "condensatiedruk {p_bar:.1f} bar ligt boven de grens {p_max_bar:.1f} bar"),
    "refr.discharge_high": _Entry(
        "discharge temperature {T_dis_C:.1f} °C is above the usual limit {T_max_C:.0f} °C",
        "persgastemperatuur {T_dis_C:.1f} °C ligt boven de gebruikelijke grens {T_max_C:.0f} °C"),
    "cycle.lift_too_large": _Entry(
        "{fluid}: lift from T_evap={T_evap_C:.1f} °C to T_cond={T_cond_C:.1f} °C is too large for one stage: the "
        "throttled liquid is no longer two-phase, so the evaporator can take up no heat; use more subcooling, an "
        "IHX, two stages or a cascade",
        "{fluid}: de temperatuursprong van T_evap={T_evap_C:.1f} °C naar T_cond={T_cond_C:.1f} °C is te groot voor "
        "één trap: de gesmoorde vloeistof is niet meer tweefasig, dus de verdamper kan geen warmte opnemen; gebruik "
        "meer nakoeling, een IHX, twee trappen of een cascade"),
    "cycle.discharge_beyond_eos": _Entry(
        "{fluid}: the discharge temperature would exceed {T_max_C:.0f} °C, the upper limit of the fluid's equation "
        "of state (η_is={eta_is:g}, {p_in_bar:.2f} → {p_out_bar:.2f} bar): the lift is too large for one stage; use "
        "two stages or a cascade",
        "{fluid}: de persgastemperatuur zou boven {T_max_C:.0f} °C komen, de bovengrens van de "
        "toestandsvergelijking van het medium (η_is={eta_is:g}, {p_in_bar:.2f} → {p_out_bar:.2f} bar): de "
        "temperatuursprong is te groot voor één trap; gebruik twee trappen of een cascade"),
    # -- staged supply (options.staged_supply): one line naming the stages -------------
    "staged.hp_alone_short": _Entry(
        "no heat pump alone reaches T_sink_out_C={T_out_C:g} °C (highest split with a working heat pump "
        "{T_hp_max_C:.0f} °C)",
        "geen warmtepomp alleen haalt T_sink_out_C={T_out_C:g} °C (hoogste splitstemperatuur met een werkende "
        "warmtepomp {T_hp_max_C:.0f} °C)"),
    "staged.hp_none": _Entry("no heat pump works from this source for T_sink_out_C={T_out_C:g} °C",
                             "geen warmtepomp werkt vanuit deze bron voor T_sink_out_C={T_out_C:g} °C"),
    "staged.heat_recovery": _Entry("heat recovery {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
                                   "warmteterugwinning {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)"),
    "staged.heat_recovery_streams": _Entry(
        "heat recovery from the site's streams {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
        "warmteterugwinning uit de processtromen van de locatie {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} "
        "({Q_kW:,.0f} kW)"),
    # -- a case's process streams (integration.case_streams): notes of heatcalc evaluate --------
    "pinch.case_targets": _Entry(
        "process streams ({n}, {source}, ΔT_min {dT_min_K:g} K): pinch {T_hot_C:.1f}/{T_cold_C:.1f} °C, minimum hot "
        "utility {Q_hot_kW:,.0f} kW, minimum cold utility {Q_cold_kW:,.0f} kW, heat recovery {Q_rec_kW:,.0f} kW",
        "processtromen ({n}, {source}, ΔT_min {dT_min_K:g} K): pinch {T_hot_C:.1f}/{T_cold_C:.1f} °C, minimale "
        "warmtevraag van buiten {Q_hot_kW:,.0f} kW, minimale koelvraag {Q_cold_kW:,.0f} kW, warmteterugwinning "
        "{Q_rec_kW:,.0f} kW"),
    "pinch.case_threshold": _Entry(
        "process streams ({n}, {source}, ΔT_min {dT_min_K:g} K): no pinch (threshold problem), minimum hot utility "
        "{Q_hot_kW:,.0f} kW, minimum cold utility {Q_cold_kW:,.0f} kW, heat recovery {Q_rec_kW:,.0f} kW",
        "processtromen ({n}, {source}, ΔT_min {dT_min_K:g} K): geen pinch (drempelprobleem), minimale warmtevraag "
        "van buiten {Q_hot_kW:,.0f} kW, minimale koelvraag {Q_cold_kW:,.0f} kW, warmteterugwinning "
        "{Q_rec_kW:,.0f} kW"),
    "pinch.case_heat_pump": _Entry(
        "heat pump on the grand composite curve: {Q_source_kW:,.0f} kW taken at {T_source_C:.1f} °C and "
        "{Q_sink_kW:,.0f} kW delivered at {T_sink_C:.1f} °C (shifted), COP {cop:.2f}, saving {Q_saved_kW:,.0f} kW of "
        "hot utility for {P_el_kW:,.0f} kW electricity",
        "warmtepomp op de grote samengestelde curve: {Q_source_kW:,.0f} kW opgenomen bij {T_source_C:.1f} °C en "
        "{Q_sink_kW:,.0f} kW afgegeven bij {T_sink_C:.1f} °C (verschoven), COP {cop:.2f}, bespaart "
        "{Q_saved_kW:,.0f} kW warmte van buiten voor {P_el_kW:,.0f} kW elektriciteit"),
    "pinch.case_hp_none": _Entry(
        "no heat pump on the grand composite curve saves hot utility beyond its electricity",
        "geen warmtepomp op de grote samengestelde curve bespaart meer warmte van buiten dan haar elektriciteit"),
    "staged.heat_pump": _Entry(
        "heat pump {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, {refrigerant}, COP {cop:.2f})",
        "warmtepomp {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, {refrigerant}, COP {cop:.2f})"),
    "staged.e_boiler": _Entry("e-boiler {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
                              "elektrische boiler {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)"),
    "staged.existing": _Entry("the existing {backup} {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)",
                              "de bestaande {backup} {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW)"),
    "staged.limited": _Entry("heat pump limited by {limits}", "warmtepomp begrensd door {limits}"),
    "staged.hx_capex": _Entry(
        "the heat exchanger's investment is not counted (no public cost figure in data/costs.csv)",
        "de investering in de warmtewisselaar is niet meegeteld (geen openbaar kostencijfer in data/costs.csv)"),
    "staged.steam_hp": _Entry(
        "steam-generating heat pump {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, COP {cop:.2f})",
        "stoomwarmtepomp {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, COP {cop:.2f})"),
    "staged.mvr": _Entry(
        "vapour recompression {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, COP {cop:.2f})",
        "damprecompressie {T_from_C:.0f}→{T_to_C:.0f} °C {share:.0%} ({Q_kW:,.0f} kW, COP {cop:.2f})"),
    "staged.streams_unread": _Entry(
        "the case's streams were not read (the option was called without evaluate_case, which reads them): heat "
        "recovery from the case's source only",
        "de processtromen van de case zijn niet gelezen (de optie is zonder evaluate_case berekend, dat ze leest): "
        "warmteterugwinning alleen uit de bron van de case"),
    "pinch.balanced": _Entry("the streams balance exactly: no hot and no cold utility is needed",
                             "de stromen zijn precies in balans: er is geen warmte- en geen koelvraag van buiten"),
    "pinch.threshold_no_hot": _Entry(
        "threshold problem: no hot utility is needed at this ΔT_min, only cold utility",
        "drempelprobleem: bij deze ΔT_min is geen warmte van buiten nodig, alleen koeling"),
    "pinch.threshold_no_hot_no_pinch": _Entry(
        "threshold problem: no hot utility is needed at this ΔT_min, only cold utility; there is no pinch",
        "drempelprobleem: bij deze ΔT_min is geen warmte van buiten nodig, alleen koeling; er is geen pinch"),
    "pinch.threshold_no_cold": _Entry(
        "threshold problem: no cold utility is needed at this ΔT_min, only hot utility",
        "drempelprobleem: bij deze ΔT_min is geen koeling nodig, alleen warmte van buiten"),
    "pinch.threshold_no_cold_no_pinch": _Entry(
        "threshold problem: no cold utility is needed at this ΔT_min, only hot utility; there is no pinch",
        "drempelprobleem: bij deze ΔT_min is geen koeling nodig, alleen warmte van buiten; er is geen pinch"),
    "pinch.several": _Entry(
        "the cascade is zero at more than one temperature: {temps} (shifted); the pinch reported is the highest",
        "de cascade is nul bij meer dan één temperatuur: {temps} (verschoven); de gemelde pinch is de hoogste"),
    "pinch.own_contributions": _Entry(
        "streams with their own ΔT_min contribution: pinch_T_hot_C and pinch_T_cold_C are the shifted pinch ± "
        "ΔT_min/2; a stream's own pinch temperature is the shifted pinch ± its contribution",
        "stromen met een eigen bijdrage aan ΔT_min: pinch_T_hot_C en pinch_T_cold_C zijn de verschoven pinch ± "
        "ΔT_min/2; de eigen pinchtemperatuur van een stroom is de verschoven pinch ± zijn bijdrage"),
    "pinch.mvr": _Entry(
        "MVR on {stream}: {share:.0%} of the vapour ({Q_kW:,.0f} kW) from {T_sat_C:.1f} to {T_dis_C:.1f} °C "
        "saturation, COP {cop:.2f}, saving {Q_saved_kW:,.0f} kW of hot utility for {P_el_kW:,.0f} kW electricity",
        "MVR op {stream}: {share:.0%} van de damp ({Q_kW:,.0f} kW) van {T_sat_C:.1f} naar {T_dis_C:.1f} °C "
        "verzadiging, COP {cop:.2f}, bespaart {Q_saved_kW:,.0f} kW warmte van buiten voor {P_el_kW:,.0f} kW "
        "elektriciteit"),
    "pinch.mvr_no_hot_utility": _Entry(
        "MVR on {stream} ({T_sat_C:.1f} °C): the site needs no hot utility",
        "MVR op {stream} ({T_sat_C:.1f} °C): de locatie heeft geen warmte van buiten nodig"),
    "pinch.mvr_out_of_range": _Entry(
        "MVR on {stream} ({T_sat_C:.1f} °C): the temperature is outside the saturation range of water",
        "MVR op {stream} ({T_sat_C:.1f} °C): de temperatuur ligt buiten het verzadigingsgebied van water"),
    "pinch.mvr_not_below_pinch": _Entry(
        "MVR on {stream} ({T_sat_C:.1f} °C): no compression within the pressure-ratio limit saves more hot utility "
        "than its electricity (the vapour is not below the pinch, or the site has no heat to give there)",
        "MVR op {stream} ({T_sat_C:.1f} °C): geen compressie binnen de drukverhoudingsgrens bespaart meer warmte van "
        "buiten dan de elektriciteit die ze kost (de damp ligt niet onder de pinch, of de locatie heeft daar geen "
        "warmte over)",
        "Place MVR only on vapour below the pinch: {stream} ({T_sat_C:.1f} °C) saves no more than its electricity",
        "Zet MVR alleen op damp onder de pinch: {stream} ({T_sat_C:.1f} °C) bespaart niet meer dan de elektriciteit"),
    "staged.source_in_table": _Entry(
        "the case's source is the streams' {stream}: its heat is counted in the site's recovery, so the heat pump "
        "takes only what the site leaves of it ({Q_left_kW:,.0f} kW below the pinch)",
        "de bron van de case is de processtroom {stream}: de warmte daarvan telt al in de terugwinning van de "
        "locatie, dus de warmtepomp neemt alleen wat de locatie ervan overlaat ({Q_left_kW:,.0f} kW onder de "
        "pinch)"),
    "staged.datasheet": _Entry(
        "the staged heat pump is the generic design, not the supplier's datasheet machine",
        "de warmtepomp van de getrapte optie is het generieke ontwerp, niet de machine uit het datablad"),
    "staged.no_source_too_hot": _Entry(
        "no waste-heat source (T_source_in_C not given) and T_sink_out_C={T_out_C:g} °C is above what an e-boiler "
        "delivers: nothing to stage; give the source temperatures",
        "geen restwarmtebron (T_source_in_C niet opgegeven) en T_sink_out_C={T_out_C:g} °C ligt boven wat een "
        "e-boiler levert: niets te trappen; geef de brontemperaturen op",
        "Give the source temperatures: without a source and above the e-boiler's range nothing can be staged.",
        "Geef de brontemperaturen op: zonder bron en boven het bereik van een e-boiler valt niets te trappen."),
    "staged.not_needed": _Entry(
        "not needed: the heat pump alone heats the sink to T_sink_out_C={T_out_C:g} °C within the grid room and no "
        "heat can be recovered directly (name staged in options to compare)",
        "niet nodig: de warmtepomp alleen verwarmt de afnemer tot T_sink_out_C={T_out_C:g} °C binnen de netruimte "
        "en er is geen warmte direct terug te winnen (noem staged in options om te vergelijken)"),
    "staged.no_source": _Entry(
        "no waste-heat source (T_source_in_C not given): nothing to recover or lift; see e_boiler",
        "geen restwarmtebron (T_source_in_C niet opgegeven): niets terug te winnen of op te waarderen; zie e_boiler"),
    "staged.nothing": _Entry(
        "no heat pump works from the source at {T_source_in_C:g} °C for any split temperature, no heat can be "
        "recovered directly and no e-boiler fits: nothing to stage",
        "geen warmtepomp werkt vanuit de bron van {T_source_in_C:g} °C bij welke splitstemperatuur ook, er is geen "
        "warmte direct terug te winnen en geen e-boiler past: niets te trappen"),
    # -- physics warnings ------------------------------------------------------------
    "cycle.subatmospheric": _Entry(
        "{fluid}: evaporating pressure {p_bar:.3f} bar is below atmospheric (air and moisture can leak in; large "
        "suction volumes)",
        "{fluid}: verdampingsdruk {p_bar:.3f} bar ligt onder de atmosfeer (lucht en vocht kunnen binnenlekken; "
        "grote aanzuigvolumes)"),
    "cycle.wet_outlet": _Entry(
        "{fluid}: compressor outlet is wet (inside the two-phase dome, quality {quality:.3f}); increase the suction "
        "superheat or add an internal heat exchanger (IHX)",
        "{fluid}: de compressoruitlaat is nat (binnen het tweefasengebied, dampfractie {quality:.3f}); verhoog de "
        "oververhitting aan de zuigzijde of voeg een interne warmtewisselaar (IHX) toe",
        "Increase the suction superheat or add an IHX: the {fluid} compressor outlet is wet (quality "
        "{quality:.3f}).",
        "Verhoog de oververhitting of voeg een IHX toe: de compressoruitlaat ({fluid}) is nat (dampfractie "
        "{quality:.3f})."),
    "cycle.wet_path": _Entry(
        "{fluid}: the compression path crosses the two-phase dome near {p_bar:.2f} bar (wet compression, although "
        "the outlet is dry); increase the suction superheat or add an internal heat exchanger (IHX)",
        "{fluid}: de compressie loopt bij {p_bar:.2f} bar door het tweefasengebied (natte compressie, hoewel de "
        "uitlaat droog is); verhoog de oververhitting aan de zuigzijde of voeg een interne warmtewisselaar (IHX) "
        "toe"),
    "cycle.condensing_high": _Entry(
        "{fluid}: condensing at {T_cond_C:.1f} °C is above the recommended maximum {T_max_C:.1f} °C (close to the "
        "critical point {T_crit_C:.1f} °C)",
        "{fluid}: condenseren bij {T_cond_C:.1f} °C ligt boven het aanbevolen maximum {T_max_C:.1f} °C (dicht bij "
        "het kritieke punt {T_crit_C:.1f} °C)"),
    "cycle.discharge_high": _Entry(
        "{fluid}: discharge temperature {T_dis_C:.1f} °C is above the usual limit {T_max_C:.0f} °C (oil and "
        "material stability); consider two stages or less suction superheat",
        "{fluid}: persgastemperatuur {T_dis_C:.1f} °C ligt boven de gebruikelijke grens {T_max_C:.0f} °C "
        "(stabiliteit van olie en materiaal); overweeg twee trappen of minder oververhitting"),
    "mvr.vacuum": _Entry(
        "suction pressure {p_bar:.3f} bar is below atmospheric: vacuum operation (air in-leakage, large suction "
        "volume {v_m3_per_kg:.2f} m³/kg)",
        "zuigdruk {p_bar:.3f} bar ligt onder de atmosfeer: vacuümbedrijf (inlekken van lucht, groot aanzuigvolume "
        "{v_m3_per_kg:.2f} m³/kg)"),
    "nox.boiler": _Entry(
        "boiler NOx at the Dutch limit {limit:g} mg/Nm3 (dry, {o2:g} % O2) x {flue_Nm3_per_GJ:,.0f} Nm3/GJ flue gas = "
        "{ef:.1f} g/GJ",
        "NOx van de ketel op de Nederlandse emissie-eis {limit:g} mg/Nm3 (droog, {o2:g} % O2) x "
        "{flue_Nm3_per_GJ:,.0f} Nm3/GJ rookgas = {ef:.1f} g/GJ"),
    "nox.chp": _Entry("gas-engine CHP with deNOx: {ef:g} g NOx/GJ (Dutch inventory factor)",
                      "WKK met gasmotor en deNOx: {ef:g} g NOx/GJ (Nederlandse emissiefactor)"),
    "nox.kiln_unknown": _Entry(
        "no NOx factor for a gas-fired kiln or furnace in the data (not found in the sources heatcalc could read); "
        "NOx left empty",
        "geen NOx-factor voor een gasgestookte oven in de data (niet gevonden in de bronnen die heatcalc kon lezen); "
        "NOx leeg gelaten"),
    # -- a stream table's errors (integration.streams) ---------------------------------
    "streams.spec_type": _Entry(
        "streams={value} is {got}; valid: a stream table file or a list of stream objects (docs/integration.md)",
        "streams={value} is {got}; geldig: een stromentabel (bestand) of een lijst van stroomobjecten "
        "(docs/integration.md)"),
    "streams.at_row": _Entry("{source} row {n}", "{source} rij {n}"),
    "streams.at_stream": _Entry("{source} stream {n}", "{source} stroom {n}"),
    "streams.invalid": _Entry(
        "{where}, column {column}: {column}={value}{unit} {why}; valid is {valid}",
        "{where}, kolom {column}: {column}={value}{unit} {why}; geldig is {valid}"),
    "streams.why_out_of_range": _Entry("is out of range", "ligt buiten het bereik"),
    "streams.why_not_a_number": _Entry("is not a number", "is geen getal"),
    "streams.why_not_finite": _Entry("is not finite", "is niet eindig"),
    "streams.why_missing": _Entry("is missing", "ontbreekt"),
    "streams.why_equals_supply": _Entry("equals the supply temperature", "is gelijk aan de begintemperatuur"),
    "streams.why_contradicts_column": _Entry("contradicts another column", "spreekt een andere kolom tegen"),
    "streams.why_not_known": _Entry("is not known", "is onbekend"),
    "streams.why_contradicts_temperatures": _Entry("contradicts the temperatures", "spreekt de temperaturen tegen"),
    "streams.why_repeats": _Entry("repeats {first}", "herhaalt {first}"),
    "streams.valid_number": _Entry("a number", "een getal"),
    "streams.valid_finite": _Entry("a finite number", "een eindig getal"),
    "streams.valid_name": _Entry("a non-empty text", "een niet-lege tekst"),
    "streams.valid_name_new": _Entry("a name not used before", "een naam die nog niet gebruikt is"),
    "streams.valid_type": _Entry("hot or cold", "hot of cold"),
    "streams.valid_type_hot": _Entry(
        "hot (T_supply_C={T_supply_C:g} °C, T_target_C={T_target_C:g} °C: a hot stream has its supply above its "
        "target)",
        "hot (T_supply_C={T_supply_C:g} °C, T_target_C={T_target_C:g} °C: een warme stroom begint boven zijn "
        "eindtemperatuur)"),
    "streams.valid_type_cold": _Entry(
        "cold (T_supply_C={T_supply_C:g} °C, T_target_C={T_target_C:g} °C: a hot stream has its supply above its "
        "target)",
        "cold (T_supply_C={T_supply_C:g} °C, T_target_C={T_target_C:g} °C: een warme stroom begint boven zijn "
        "eindtemperatuur)"),
    "streams.valid_span": _Entry(
        "different from T_supply_C={T_supply_C:g} °C (for a phase change give a span of e.g. 1 K with CP = latent "
        "duty per K)",
        "anders dan T_supply_C={T_supply_C:g} °C (geef voor een faseovergang een bereik van bijv. 1 K met CP = "
        "latente warmte per K)"),
    "streams.valid_pair": _Entry("a positive number when {other} is given",
                                 "een positief getal wanneer {other} is opgegeven"),
    "streams.valid_cp": _Entry("a positive number (or Q_kW, or m_kg_per_s with cp_kJ_per_kgK)",
                               "een positief getal (of Q_kW, of m_kg_per_s met cp_kJ_per_kgK)"),
    "streams.valid_consistent": _Entry(
        "consistent with {first} (it gives CP = {CP_kW_per_K:g} kW/K against {CP_first_kW_per_K:g} kW/K, more than "
        "{tol:.0%} apart); give one of them",
        "in overeenstemming met {first} (het geeft CP = {CP_kW_per_K:g} kW/K tegen {CP_first_kW_per_K:g} kW/K, meer "
        "dan {tol:.0%} verschil); geef er één op"),
    "streams.valid_cp_max": _Entry(
        "a CP of at most {CP_max_kW_per_K:g} kW/K (it gives {CP_kW_per_K:g} kW/K)",
        "een CP van hoogstens {CP_max_kW_per_K:g} kW/K (het geeft {CP_kW_per_K:g} kW/K)"),
    "streams.column_twice": _Entry("{where}: column {column} appears twice ({first} and {second})",
                                   "{where}: kolom {column} komt twee keer voor ({first} en {second})"),
    "streams.columns_unknown": _Entry(
        "{where}: column(s) {columns} not known; valid columns are {valid_columns}",
        "{where}: kolom(men) {columns} onbekend; geldige kolommen zijn {valid_columns}"),
    "streams.column_missing": _Entry(
        "{where}: column {column} is missing; required are name, T_supply_C, T_target_C and CP_kW_per_K (or Q_kW, "
        "or m_kg_per_s with cp_kJ_per_kgK)",
        "{where}: kolom {column} ontbreekt; verplicht zijn name, T_supply_C, T_target_C en CP_kW_per_K (of Q_kW, "
        "of m_kg_per_s met cp_kJ_per_kgK)"),
    "streams.cp_column_missing": _Entry(
        "{where}: column CP_kW_per_K is missing (or give Q_kW, or m_kg_per_s with cp_kJ_per_kgK)",
        "{where}: kolom CP_kW_per_K ontbreekt (of geef Q_kW, of m_kg_per_s met cp_kJ_per_kgK)"),
    "streams.not_object": _Entry("{where}: expected an object with the columns {columns}, got {got}",
                                 "{where}: verwacht een object met de kolommen {columns}, gekregen {got}"),
    "streams.too_many": _Entry("{source}: more than {n_max} streams; valid is 1 to {n_max}",
                               "{source}: meer dan {n_max} stromen; geldig is 1 tot {n_max}"),
    "streams.none": _Entry("{source}: no stream given; valid is 1 to {n_max} streams",
                           "{source}: geen stroom opgegeven; geldig is 1 tot {n_max} stromen"),
    "streams.empty_file": _Entry("{source}: the file holds no header and no stream",
                                 "{source}: het bestand bevat geen kopregel en geen stroom"),
    "streams.row_cells": _Entry("{where}: {cells} cells but the header has {columns} columns (separator {sep})",
                                "{where}: {cells} cellen maar de kopregel heeft {columns} kolommen (scheidingsteken "
                                "{sep})"),
    "streams.file_missing": _Entry(
        "streams file {path} does not exist or is not a file; give a .csv or .json stream table",
        "stromenbestand {path} bestaat niet of is geen bestand; geef een .csv- of .json-stromentabel"),
    "streams.not_utf8_file": _Entry("streams file {name}: not UTF-8 text ({reason} at byte {byte})",
                                    "stromenbestand {name}: geen UTF-8-tekst ({reason} bij byte {byte})"),
    "streams.not_utf8": _Entry("{name}: not UTF-8 text ({reason} at byte {byte})",
                               "{name}: geen UTF-8-tekst ({reason} bij byte {byte})"),
    "streams.unreadable": _Entry("streams file {name} cannot be read: {err}",
                                 "stromenbestand {name} kan niet worden gelezen: {err}"),
    "streams.json_invalid": _Entry("{name}: not valid JSON (line {line}, column {col}: {err})",
                                   "{name}: geen geldige JSON (regel {line}, kolom {col}: {err})"),
    "streams.json_no_list": _Entry("{name}: a JSON object must hold a 'streams' list (or give the list itself)",
                                   "{name}: een JSON-object moet een lijst 'streams' bevatten (of geef de lijst zelf)"),
    "streams.json_not_list": _Entry("{name}: 'streams' must be a list of stream objects, got {got}",
                                    "{name}: 'streams' moet een lijst van stroomobjecten zijn, gekregen {got}"),
    "streams.extension": _Entry("streams file {name}: extension {suffix} not known; valid are .csv, .txt, .json",
                                "stromenbestand {name}: extensie {suffix} onbekend; geldig zijn .csv, .txt, .json"),
    "streams.dry_air": _Entry(
        "exhaust modelled as dry air: latent heat of its water vapour is not counted",
        "afgas gemodelleerd als droge lucht: de latente warmte van de waterdamp erin is niet geteld"),
    # -- finance rules: integration costs, after-tax cash flow, loan, CO2 levy default, ETS free allocation --
    "costs.integration_quote": _Entry(
        "{technology}: no integration cost added: the supplier's quote replaces the curve and everything on it",
        "{technology}: geen integratiekosten opgeteld: de offerte van de leverancier vervangt de curve en alles "
        "daarop"),
    "costs.integration_case": _Entry(
        "{technology}: integration costs (piping, electrical, civil, engineering) {share:.0%} of the curve CAPEX = "
        "{EUR:,.0f} EUR (integration_cost_share of the case)",
        "{technology}: integratiekosten (leidingwerk, elektra, bouwkundig, engineering) {share:.0%} van de "
        "CAPEX-curve = {EUR:,.0f} EUR (integration_cost_share van de case)"),
    "costs.integration_data": _Entry(
        "{technology}: integration costs {parts} of the curve CAPEX = {EUR:,.0f} EUR (data/integration_costs.csv, "
        "confidence {confidence})",
        "{technology}: integratiekosten {parts} van de CAPEX-curve = {EUR:,.0f} EUR (data/integration_costs.csv, "
        "betrouwbaarheid {confidence})"),
    # notes and warnings of the site bill and the hourly run (issue 18: Dutch everywhere)
    "costs.om_quote": _Entry(
        "{technology}: O&M {om_EUR_per_yr:,.0f} EUR/yr given by the case (replaces the fixed and variable O&M of "
        "data/costs.csv)",
        "{technology}: O&M {om_EUR_per_yr:,.0f} EUR/jr opgegeven in de case (vervangt de vaste en variabele O&M "
        "uit data/costs.csv)"),
    "hourly.months_missing": _Entry(
        "profiles cover {months} of 12 months: the missing months' network peaks are taken as the period's peak",
        "profielen beslaan {months} van 12 maanden: voor de ontbrekende maanden is de netpiek de piek van de "
        "periode"),
    "hourly.heat_unmet": _Entry(
        "{heat_unmet_MWh:,.0f} MWh/yr of heat unmet in {unmet_hours:,.0f} h: the electric units under the grid "
        "limit and the gas plant kept cannot cover the demand",
        "{heat_unmet_MWh:,.0f} MWh/jr warmte niet geleverd in {unmet_hours:,.0f} h: de elektrische installaties "
        "binnen de netgrens en de behouden gasinstallatie dekken de vraag niet"),
    # -- the hourly run's notes (heatcalc.evaluation.hourly: prepare, profiles, sizing, result) ------------
    "hourly.cop_map_invalid": _Entry(
        "COP map not valid at the design point: design COP scaled with the Carnot COP instead",
        "COP-kaart niet geldig in het ontwerppunt: in plaats daarvan is de ontwerp-COP met de Carnot-COP geschaald"),
    "hourly.cop_map_unavailable": _Entry(
        "COP map not available ({error}): design COP scaled with the Carnot COP instead",
        "COP-kaart niet beschikbaar ({error}): in plaats daarvan is de ontwerp-COP met de Carnot-COP geschaald"),
    "hourly.constant_demand": _Entry(
        "no heat_demand_kW profile: constant {demand_kW:,.0f} kW in every step, energies and costs weighted by "
        "operating_hours_per_yr/hours = {operating_hours:g}/{hours:g} = {weight:.4f} (peaks unweighted)",
        "geen profiel heat_demand_kW: constant {demand_kW:,.0f} kW in elke tijdstap, energie en kosten gewogen met "
        "operating_hours_per_yr/uren = {operating_hours:g}/{hours:g} = {weight:.4f} (pieken ongewogen)",
        "Give a heat_demand_kW profile for a real load: now a constant {demand_kW:,.0f} kW, energies weighted by "
        "{weight:.4f}.",
        "Geef een profiel heat_demand_kW voor de werkelijke last: nu constant {demand_kW:,.0f} kW, energie gewogen "
        "met {weight:.4f}."),
    "hourly.short_period": _Entry(
        "the profiles cover {hours:,.0f} h, less than a year: energies, costs and CO2 are totals of that period, "
        "while the NPV treats them as a year's",
        "de profielen beslaan {hours:,.0f} h, minder dan een jaar: energie, kosten en CO2 zijn totalen over die "
        "periode, terwijl de NCW ze als een jaar behandelt",
        "Give a full year of profiles for the NPV: these cover {hours:,.0f} h, which the NPV treats as a year.",
        "Geef profielen van een heel jaar voor de NCW: deze beslaan {hours:,.0f} h, die de NCW als een jaar telt."),
    "hourly.shared_connection": _Entry(
        "grid capacity = the shared connection's {connection_kW:,.0f} kW minus the neighbour's load "
        "({left_min_kW:,.0f} to {left_max_kW:,.0f} kW left)",
        "netcapaciteit = de {connection_kW:,.0f} kW van de gedeelde aansluiting min de last van de buur "
        "({left_min_kW:,.0f} tot {left_max_kW:,.0f} kW over)"),
    "hourly.withdraw_site": _Entry("the site's highest heat demand", "de hoogste warmtevraag van de locatie"),
    "hourly.withdraw_price": _Entry("the highest day-ahead prices (a proxy of the regional load)",
                                    "de hoogste day-aheadprijzen (als benadering van de regionale last)"),
    "hourly.withdraw_regional": _Entry("the highest regional load", "de hoogste regionale last"),
    "hourly.withdrawal": _Entry(
        "worst-case withdrawal: capacity above the firm {firm_kW:,.0f} kW of the existing connection withdrawn in "
        "{hours:,.0f} h ({share:.0%} of the hours, those with {what}), announced day-ahead",
        "afschakeling in het slechtste geval: capaciteit boven de vaste {firm_kW:,.0f} kW van de bestaande "
        "aansluiting afgeschakeld in {hours:,.0f} h ({share:.0%} van de uren, die met {what}), een dag vooraf "
        "gemeld"),
    "hourly.hp_not_among": _Entry("not among the options", "niet bij de opties"),
    "hourly.no_heat_pump": _Entry(
        "no heat pump in the hourly run ({why})", "geen warmtepomp in de uursimulatie ({why})",
        "Add a feasible heat-pump option (heat_pump, steam_hp or mvr) to electrify more: none in the hourly run "
        "({why}).",
        "Voeg een haalbare warmtepompoptie toe (heat_pump, steam_hp of mvr) om meer te elektrificeren: geen in de "
        "uursimulatie ({why})."),
    "hourly.hp_cannot_run": _Entry(
        "heat pump cannot run in {steps} steps (temperatures outside its map)",
        "warmtepomp kan in {steps} tijdstappen niet draaien (temperaturen buiten haar kaart)"),
    "hourly.constant_price": _Entry(
        "no price profile: constant day-ahead price {price:g} EUR/MWh ({year} default)",
        "geen prijsprofiel: constante day-aheadprijs {price:g} EUR/MWh (standaardwaarde {year})",
        "Give a price profile (price_el_EUR_per_MWh) to dispatch on prices: now a constant {price:g} EUR/MWh "
        "({year} default).",
        "Geef een prijsprofiel (price_el_EUR_per_MWh) om op prijzen te sturen: nu constant {price:g} EUR/MWh "
        "(standaardwaarde {year})."),
    "hourly.network_cost_missing": _Entry("network cost not included: {error}",
                                          "netkosten niet meegenomen: {error}"),
    "hourly.entsoe_sequences": _Entry(
        "ENTSO-E export holds several auction sequences ({sequences}): kept 'Sequence 1' (the SDAC day-ahead "
        "auction)",
        "de ENTSO-E-export bevat meerdere veilingreeksen ({sequences}): 'Sequence 1' behouden (de SDAC-day-"
        "aheadveiling)"),
    "hourly.dst_autumn_once": _Entry(
        "the daylight-saving autumn hour appears once in {name!r}: read as summer time; the winter-time hour is "
        "filled",
        "het dubbele uur van de herfstige klokwisseling staat één keer in {name!r}: gelezen als zomertijd; het "
        "wintertijduur is aangevuld"),
    "hourly.naive_no_jump": _Entry(
        "naive timestamps in {name!r} run through the daylight-saving change without jumping: read as UTC (regular "
        "clock)",
        "tijdstempels zonder tijdzone in {name!r} lopen zonder sprong door de klokwisseling: gelezen als UTC "
        "(regelmatige klok)"),
    "hourly.naive_no_repeat": _Entry(
        "naive timestamps in {name!r} do not repeat the daylight-saving autumn hour: read as UTC (regular clock)",
        "tijdstempels zonder tijdzone in {name!r} herhalen het uur van de herfstige klokwisseling niet: gelezen "
        "als UTC (regelmatige klok)"),
    "hourly.local_time": _Entry(
        "timestamps in {name!r} are local time ({tz}) with daylight-saving changes: converted to UTC",
        "tijdstempels in {name!r} zijn lokale tijd ({tz}) met klokwisselingen: omgerekend naar UTC"),
    "hourly.sorted": _Entry("rows in {name!r} were not in time order: sorted",
                            "regels in {name!r} stonden niet op tijdsvolgorde: gesorteerd"),
    "hourly.one_step": _Entry("1 missing time step", "1 ontbrekende tijdstap"),
    "hourly.n_steps": _Entry("{n} missing time steps", "{n} ontbrekende tijdstappen"),
    "hourly.steps_missing": _Entry(
        "{steps} ({hours:g} h) in {name!r}, the first at {first} UTC: filled by linear interpolation",
        "{steps} ({hours:g} h) in {name!r}, de eerste om {first} UTC: lineair geïnterpoleerd"),
    "hourly.one_value": _Entry("1 empty value", "1 lege waarde"),
    "hourly.n_values": _Entry("{n} empty values", "{n} lege waarden"),
    "hourly.values_empty": _Entry(
        "{values} of {column} in {name!r}, the first at {first!r}: filled by linear interpolation",
        "{values} van {column} in {name!r}, de eerste bij {first!r}: lineair geïnterpoleerd"),
    "hourly.partly_covered": _Entry(
        "{steps} time step(s) of {dt_h:g} h are only partly covered by the {from_min:g}-min data: averaged over the "
        "part present",
        "{steps} tijdstap(pen) van {dt_h:g} h zijn maar deels gedekt door de gegevens per {from_min:g} min: "
        "gemiddeld over het deel dat er is"),
    "hourly.averaged": _Entry("{from_min:g}-min data averaged to {to_min:g}-min steps",
                              "gegevens per {from_min:g} min gemiddeld naar stappen van {to_min:g} min"),
    "hourly.repeated": _Entry("{from_min:g}-min data repeated on {to_min:g}-min steps",
                              "gegevens per {from_min:g} min herhaald op stappen van {to_min:g} min"),
    "hourly.common_period": _Entry("profiles cut to their common period {start} to {end} UTC",
                                   "profielen ingekort tot hun gemeenschappelijke periode {start} tot {end} UTC"),
    "hourly.storage_sized": _Entry(
        "storage sized to carry the electrified heat through the largest single grid dip; recovering all heat lost "
        "to dips, recharged from spare output, would take {storage_all_kWh:,.0f} kWh (sequent-peak method)",
        "opslag gedimensioneerd om de geëlektrificeerde warmte door de grootste enkele netdip te dragen; alle "
        "warmte die door dips verloren gaat terugwinnen, bijgeladen uit vrij vermogen, vraagt "
        "{storage_all_kWh:,.0f} kWh (sequent-peakmethode)"),
    "hourly.no_curtailment": _Entry(
        "no curtailed steps: no storage needed to fit the grid (it may still pay on prices)",
        "geen tijdstappen met beperkte netcapaciteit: geen opslag nodig om op het net te passen (op prijzen kan "
        "opslag nog lonen)"),
    "hourly.no_grid_limit": _Entry(
        "no grid limit given: the heat pump and e-boiler are sized on the demand",
        "geen netgrens opgegeven: warmtepomp en e-boiler zijn op de vraag gedimensioneerd",
        "Give grid_capacity_kW to size on the grid: without a limit the heat pump and e-boiler are sized on the "
        "demand.",
        "Geef grid_capacity_kW op om op het net te dimensioneren: zonder grens zijn warmtepomp en e-boiler op de "
        "vraag gedimensioneerd."),
    "hourly.sweep_no_best": _Entry(
        "no size both fits the grid and delivers all heat: keep gas backup, get more grid capacity or add storage",
        "geen grootte past op het net en levert alle warmte: houd gas als back-up, vraag meer netcapaciteit of voeg "
        "opslag toe",
        "Keep gas backup, get more grid capacity or add storage: no size both fits the grid and delivers all heat.",
        "Houd gas als back-up, vraag meer netcapaciteit of voeg opslag toe: geen grootte past op het net en levert "
        "alle warmte."),
    "hourly.demand_not_met": _Entry(
        "{heat_unmet_MWh:,.0f} MWh/yr ({share:.1%}) of the heat demand is not met: keep gas backup (--gas-kW), get "
        "more grid capacity, or add storage",
        "{heat_unmet_MWh:,.0f} MWh/jr ({share:.1%}) van de warmtevraag wordt niet geleverd: houd gas als back-up "
        "(--gas-kW), vraag meer netcapaciteit of voeg opslag toe",
        "Keep gas backup (--gas-kW), get more grid capacity or add storage: {heat_unmet_MWh:,.0f} MWh/yr "
        "({share:.1%}) of the heat demand is not met.",
        "Houd gas als back-up (--gas-kW), vraag meer netcapaciteit of voeg opslag toe: {heat_unmet_MWh:,.0f} MWh/jr "
        "({share:.1%}) van de warmtevraag wordt niet geleverd."),
    # -- the hub (heatcalc.hub.run, hub.allocation) ------------------------------------------------
    # -- a profiles file's errors (evaluation.hourly.profiles) ------------------------
    "hourly.file_unreadable": _Entry(
        "profiles file {file} cannot be read: {err}",
        "profielbestand {file} kan niet worden gelezen: {err}"),
    "hourly.not_csv": _Entry(
        "profiles file {file} is not a readable CSV: {err}",
        "profielbestand {file} is geen leesbare CSV: {err}"),
    "hourly.no_rows": _Entry(
        "profiles file {file} has no data rows",
        "profielbestand {file} heeft geen gegevensrijen"),
    "hourly.no_timestamp": _Entry(
        "profiles file {file} has no 'timestamp' column (columns: {columns}); expected timestamp and any of {known}",
        "profielbestand {file} heeft geen kolom 'timestamp' (kolommen: {columns}); verwacht: timestamp en een of meer van {known}"),
    "hourly.no_profile_column": _Entry(
        "profiles file {file} has none of the profile columns {known} (columns: {columns})",
        "profielbestand {file} heeft geen van de profielkolommen {known} (kolommen: {columns})"),
    "hourly.not_a_number": _Entry(
        "{column}={value} at timestamp {stamp} (file {file}, data row {row}) is not a number; valid: {valid}",
        "{column}={value} op tijdstip {stamp} (bestand {file}, gegevensrij {row}) is geen getal; geldig: {valid}"),
    "hourly.offset_mixed": _Entry(
        "timestamp {stamp} (file {file}, data row {row}) has no UTC offset while others have one: give all timestamps with an offset or none",
        "tijdstip {stamp} (bestand {file}, gegevensrij {row}) heeft geen UTC-verschuiving terwijl andere die wel hebben: geef alle tijdstippen met of allemaal zonder verschuiving"),
    "hourly.not_a_time": _Entry(
        "timestamp {stamp} (file {file}, data row {row}) is not a date and time; use ISO 8601, e.g. 2025-01-01T00:00+01:00 or 2025-01-01 00:00",
        "tijdstip {stamp} (bestand {file}, gegevensrij {row}) is geen datum en tijd; gebruik ISO 8601, bijv. 2025-01-01T00:00+01:00 of 2025-01-01 00:00"),
    "hourly.stamp_twice": _Entry(
        "timestamp {stamp} appears twice in {file} ({utc} UTC); each time step must appear once",
        "tijdstip {stamp} komt twee keer voor in {file} ({utc} UTC); elke tijdstap mag maar één keer voorkomen"),
    "hourly.too_few_steps": _Entry(
        "profiles file {file} has {n} time step; need at least 2 to know the step",
        "profielbestand {file} heeft {n} tijdstap; er zijn er minstens 2 nodig om de stap te kennen"),
    "hourly.step_unsupported": _Entry(
        "time step of {step_min:g} min in {file} (at {stamp}) is not supported; valid steps: {steps}",
        "tijdstap van {step_min:g} min in {file} (bij {stamp}) wordt niet ondersteund; geldige stappen: {steps}"),
    "hourly.off_grid": _Entry(
        "timestamp {stamp} in {file} is off the {step_min:g}-min grid ({after_min:g} min after the previous one)",
        "tijdstip {stamp} in {file} ligt niet op het raster van {step_min:g} min ({after_min:g} min na het vorige)"),
    "hourly.gap_too_long": _Entry(
        "{gap_h:g} h of data missing in {file} after {stamp}: gaps up to {max_gap_h:g} h are filled by interpolation, longer ones must be filled in the file",
        "{gap_h:g} h aan gegevens ontbreekt in {file} na {stamp}: gaten tot {max_gap_h:g} h worden geïnterpoleerd, langere moeten in het bestand worden aangevuld"),
    "hourly.column_empty": _Entry(
        "column {column} in {file} has no values",
        "kolom {column} in {file} heeft geen waarden"),
    "hourly.out_of_range": _Entry(
        "{column}={value:g} {unit} at {utc} UTC in {file} is out of range: valid is {lo:g} to {hi:g} {unit}",
        "{column}={value:g} {unit} op {utc} UTC in {file} ligt buiten het bereik: geldig is {lo:g} tot {hi:g} {unit}"),
    # -- a hub file's errors (hub.reader) ----------------------------------------------
    "hub.not_a_number": _Entry("{where}={value} is not a number; valid: {lo:g} to {hi:,.0f}{unit}",
                               "{where}={value} is geen getal; geldig: {lo:g} tot {hi:,.0f}{unit}"),
    "hub.out_of_range": _Entry("{where}={value}{unit} is out of range: valid is {lo:g} to {hi:,.0f}{unit}",
                               "{where}={value}{unit} ligt buiten het bereik: geldig is {lo:g} tot {hi:,.0f}{unit}"),
    "hub.choice_unknown": _Entry("{field}={value} is not known; choices: {choices}",
                                 "{field}={value} is onbekend; keuzes: {choices}"),
    "hub.not_member": _Entry("{field}={value} is not a member's case_id; members: {members}",
                             "{field}={value} is geen case_id van een deelnemer; deelnemers: {members}"),
    "hub.unknown_field": _Entry("{where}: unknown field {key} (known: {known})",
                                "{where}: onbekend veld {key} (bekend: {known})"),
    "hub.unknown_field_hint": _Entry("{where}: unknown field {key}; did you mean {close}? (known: {known})",
                                     "{where}: onbekend veld {key}; bedoelt u {close}? (bekend: {known})"),
    "hub.file_name_needed": _Entry("{where}={value} must be the name of a CSV file (relative to the hub file)",
                                   "{where}={value} moet de naam van een CSV-bestand zijn (ten opzichte van het "
                                   "hubbestand)"),
    "hub.file_not_found": _Entry("{where}={value}: file not found ({path})",
                                 "{where}={value}: bestand niet gevonden ({path})"),
    "hub.profile_no_column": _Entry("{where}={value}: the file has no {column} column (needs timestamp and {name})",
                                    "{where}={value}: het bestand heeft geen kolom {column} (nodig: timestamp en "
                                    "{name})"),
    "hub.hub_file_not_found": _Entry("hub file {path} not found", "hubbestand {path} niet gevonden"),
    "hub.hub_file_unreadable": _Entry("hub file {path} cannot be read: {err}",
                                      "hubbestand {path} kan niet worden gelezen: {err}"),
    "hub.hub_file_json": _Entry("hub file {path} is not valid JSON: {err} at line {line}, column {col}",
                                "hubbestand {path} is geen geldige JSON: {err} op regel {line}, kolom {col}"),
    "hub.file_unreadable": _Entry(
        "{where}={value} cannot be read: {err}",
        "{where}={value} kan niet worden gelezen: {err}"),
    "hub.member_not_object": _Entry(
        "{where} must be an object with a 'case' (got {got})",
        "{where} moet een object met een 'case' zijn (gekregen: {got})"),
    "hub.case_required": _Entry(
        "{where}.case is required (a case object as in the case schema)",
        "{where}.case is verplicht (een case-object volgens het case-schema)"),
    "hub.member_process": _Entry(
        "{where}.case.process={process}: a hub member is a process-heat case (heat, dryer) with "
        "heat_demand_kW",
        "{where}.case.process={process}: een hubdeelnemer is een proceswarmtecase (heat, dryer) met "
        "heat_demand_kW"),
    "hub.link_not_object": _Entry(
        "{where} must be an object with from, to, heat_kW, T_C, distance_m",
        "{where} moet een object zijn met from, to, heat_kW, T_C, distance_m"),
    "hub.link_end_required": _Entry(
        "{field} is required (the case_id of a member; members: {members})",
        "{field} is verplicht (de case_id van een deelnemer; deelnemers: {members})"),
    "hub.link_same_member": _Entry(
        "{where}: from and to are the same member {member}; a link joins two members",
        "{where}: from en to zijn dezelfde deelnemer {member}; een verbinding verbindt twee deelnemers"),
    "hub.required_number": _Entry(
        "{field} is required ({unit}, {lo:g} to {hi:,.0f})",
        "{field} is verplicht ({unit}, {lo:g} tot {hi:,.0f})"),
    "hub.link_heat_required": _Entry(
        "{where}.heat_kW is required (kW, 0 to 10,000,000, or the name of a CSV file with timestamp and "
        "heat_kW)",
        "{where}.heat_kW is verplicht (kW, 0 tot 10.000.000, of de naam van een CSV-bestand met timestamp en "
        "heat_kW)"),
    "hub.asset_not_object": _Entry(
        "{where} must be an object with a kind ({kinds})",
        "{where} moet een object met een kind zijn ({kinds})"),
    "hub.asset_required": _Entry(
        "{field} is required for a {kind} ({unit}, {lo:g} to {hi:,.0f})",
        "{field} is verplicht voor een {kind} ({unit}, {lo:g} tot {hi:,.0f})"),
    "hub.serves_list": _Entry(
        "{where}.serves={value} must be a list of members' case_ids; members: {members}",
        "{where}.serves={value} moet een lijst van case_ids van deelnemers zijn; deelnemers: {members}"),
    "hub.serves_not_member": _Entry(
        "{where}.serves: {value} is not a member's case_id; members: {members}",
        "{where}.serves: {value} is geen case_id van een deelnemer; deelnemers: {members}"),
    "hub.asset_name": _Entry(
        "{where}.name={value} must be a non-empty text",
        "{where}.name={value} moet een niet-lege tekst zijn"),
    "hub.asset_hp_source": _Entry(
        "{where}.T_source_C={T_source_C:g} °C must be below {where}.T_C={T_C:g} °C (a heat pump lifts heat)",
        "{where}.T_source_C={T_source_C:g} °C moet onder {where}.T_C={T_C:g} °C liggen (een warmtepomp tilt "
        "warmte op)"),
    "hub.asset_cop_carnot": _Entry(
        "{where}.cop={cop:g} is above the Carnot COP {cop_carnot:.2f} between T_source_C={T_source_C:g} °C "
        "and T_C={T_C:g} °C; valid: 1 to {cop_carnot:.2f}",
        "{where}.cop={cop:g} ligt boven de Carnot-COP {cop_carnot:.2f} tussen T_source_C={T_source_C:g} °C en"
        " T_C={T_C:g} °C; geldig: 1 tot {cop_carnot:.2f}"),
    "hub.not_object": _Entry(
        "a hub file holds one JSON object (got {got})",
        "een hubbestand bevat één JSON-object (gekregen: {got})"),
    "hub.id_required": _Entry(
        "hub_id={value} is required: a non-empty name",
        "hub_id={value} is verplicht: een niet-lege naam"),
    "hub.members_list": _Entry(
        'members={value} must be a list of one or more members, each {{"case": {{...}}}}',
        'members={value} moet een lijst van een of meer deelnemers zijn, elk {{"case": {{...}}}}'),
    "hub.members_count": _Entry(
        "members has {n} entries; valid: 1 to {n_max}",
        "members heeft {n} deelnemers; geldig: 1 tot {n_max}"),
    "hub.member_twice": _Entry(
        "members: case_id {case_id} appears twice; every member needs its own case_id",
        "members: case_id {case_id} komt twee keer voor; elke deelnemer heeft een eigen case_id nodig"),
    "hub.capacity_required": _Entry(
        "shared_capacity_kW is required: the capacity the members share, in kW (0 to 10,000,000), or the name"
        " of a CSV file with timestamp and shared_capacity_kW",
        "shared_capacity_kW is verplicht: de capaciteit die de deelnemers delen, in kW (0 tot 10.000.000), of"
        " de naam van een CSV-bestand met timestamp en shared_capacity_kW"),
    "hub.links_list": _Entry(
        "heat_links={value} must be a list of links (from, to, heat_kW, T_C, distance_m)",
        "heat_links={value} moet een lijst van verbindingen zijn (from, to, heat_kW, T_C, distance_m)"),
    "hub.assets_list": _Entry(
        "shared_assets={value} must be a list of assets (kind: {kinds})",
        "shared_assets={value} moet een lijst van installaties zijn (kind: {kinds})"),
    "hub.asset_twice": _Entry(
        "shared_assets: name {name} appears twice; every asset needs its own name",
        "shared_assets: naam {name} komt twee keer voor; elke installatie heeft een eigen naam nodig"),
    "hub.store_needs_charger": _Entry(
        "shared_assets[{i}]: a shared heat_store is charged by a shared eboiler or heat_pump; add one (or "
        "give the store to a member as members[].storage_kWh)",
        "shared_assets[{i}]: een gedeelde heat_store wordt geladen door een gedeelde eboiler of heat_pump; "
        "voeg er een toe (of geef de opslag aan een deelnemer als members[].storage_kWh)"),
    "hub.co2_needs_cap": _Entry(
        "objective='co2' needs one cost cap: cost_cap_EUR (EUR, the hub's cost over the period) or "
        "cost_cap_pct (%, 0 to 1,000, above the least cost)",
        "objective='co2' vraagt één kostengrens: cost_cap_EUR (EUR, de kosten van de hub over de periode) of "
        "cost_cap_pct (%, 0 tot 1.000, boven de laagste kosten)"),
    "hub.cap_without_co2": _Entry(
        "cost_cap_EUR / cost_cap_pct apply with objective='co2' only; set objective to 'co2' or remove the "
        "cap",
        "cost_cap_EUR / cost_cap_pct gelden alleen bij objective='co2'; zet objective op 'co2' of verwijder "
        "de grens"),
    "hub.member_capacity_missing": _Entry(
        "members[{i}].capacity_kW is missing: give every member's stand-alone share of the shared capacity "
        "(kW) or none (then shares are proportional to stand-alone peaks)",
        "members[{i}].capacity_kW ontbreekt: geef voor elke deelnemer zijn eigen deel van de gedeelde "
        "capaciteit (kW) of voor geen enkele (dan zijn de delen evenredig met de eigen pieken)"),
    "hub.member_capacity_sum": _Entry(
        "members[].capacity_kW add up to {total_kW:,.0f} kW, more than shared_capacity_kW={shared_kW:,.0f} "
        "kW; valid: a total of at most the shared capacity",
        "members[].capacity_kW tellen op tot {total_kW:,.0f} kW, meer dan shared_capacity_kW={shared_kW:,.0f}"
        " kW; geldig: samen hoogstens de gedeelde capaciteit"),
    "hub.member": _Entry("{text}", "{member}: {note}"),
    "hub.member_constant_demand": _Entry(
        "no heat_demand_kW profile: its heat_demand_kW of {demand_kW:,.0f} kW is taken in every step, as the other "
        "members' profiles cover the same steps (operating_hours_per_yr is not used)",
        "geen profiel heat_demand_kW: de heat_demand_kW van {demand_kW:,.0f} kW geldt in elke tijdstap, omdat de "
        "profielen van de andere leden dezelfde tijdstappen beslaan (operating_hours_per_yr wordt niet gebruikt)",
        "Give this member a heat_demand_kW profile: its {demand_kW:,.0f} kW is taken in every step of the other "
        "members' profiles.",
        "Geef dit lid een profiel heat_demand_kW: de {demand_kW:,.0f} kW geldt nu in elke tijdstap van de profielen "
        "van de andere leden."),
    "hub.shapley_too_many": _Entry(
        "the Shapley value is computed for up to {max_members} members; this hub has {n}",
        "de Shapley-waarde wordt berekend voor hoogstens {max_members} leden; deze hub heeft er {n}"),
    "hub.link_unused": _Entry(
        "heat link {link} is not used: the heat it saves does not pay the pipe's {cost_EUR:,.0f} EUR for the period",
        "warmteverbinding {link} wordt niet gebruikt: de warmte die ze bespaart, betaalt de {cost_EUR:,.0f} EUR van "
        "de leiding over de periode niet terug"),
    "hub.transport_right": _Entry(
        "transport_right={right}: the model applies one shared limit per step; the contract type is recorded, its "
        "tariff effects are not modelled",
        "transport_right={right}: het model past één gedeelde grens per tijdstap toe; het contracttype wordt "
        "vastgelegd, de gevolgen voor het tarief zijn niet gemodelleerd",
        "Tariff effects of transport_right={right} are not modelled: the model applies one shared limit per step.",
        "De tariefgevolgen van transport_right={right} zijn niet gemodelleerd: het model past één gedeelde grens per "
        "tijdstap toe."),
    "hub.heat_unmet": _Entry(
        "some heat is unmet in the hub dispatch (gas backup limited): costs do not include the unmet heat",
        "een deel van de warmte wordt in de inzet van de hub niet geleverd (gas als back-up begrensd): de kosten "
        "bevatten de niet-geleverde warmte niet",
        "Give the members more gas backup or grid room: some heat is unmet in the hub and not in its costs.",
        "Geef de leden meer gas als back-up of netruimte: een deel van de warmte wordt in de hub niet geleverd en "
        "zit niet in de kosten."),
    "hub.asset_goal_co2": _Entry("lower the hub's CO2 within the cost cap",
                                 "verlaagt de CO2 van de hub binnen het kostenplafond niet"),
    "hub.asset_goal_cost": _Entry("lower the hub's cost", "verlaagt de kosten van de hub niet"),
    "hub.asset_unused": _Entry(
        "shared asset {name} ({kind}) is not used: it does not {what} (its cost {cost_EUR:,.0f} EUR for the period "
        "included)",
        "gedeelde installatie {name} ({kind}) wordt niet gebruikt: ze {what} (haar kosten van {cost_EUR:,.0f} EUR "
        "over de periode zijn meegeteld)"),
    "hub.worse_by": _Entry("{member} by {EUR:,.0f} EUR", "{member} met {EUR:,.0f} EUR"),
    "hub.shapley_worse": _Entry("the Shapley value leaves {worse} worse off than alone",
                                "de Shapley-waarde laat {worse} slechter uitkomen dan alleen"),
    "hub.shapley_worse_proportional": _Entry(
        "the Shapley value leaves {worse} worse off than alone; the proportional rule is used instead",
        "de Shapley-waarde laat {worse} slechter uitkomen dan alleen; in plaats daarvan is de proportionele "
        "verdeling gebruikt"),
    "hub.shapley_not_computed": _Entry(
        "the Shapley value is computed for hubs of up to 6 members; the proportional rule is used",
        "de Shapley-waarde wordt berekend voor hubs tot 6 leden; de proportionele verdeling is gebruikt"),
    "hub.costs_more": _Entry(
        "the hub costs {EUR:,.0f} EUR more than its members alone: no allocation leaves every member at least as "
        "well off as alone",
        "de hub kost {EUR:,.0f} EUR meer dan de leden alleen: geen verdeling laat elk lid minstens even goed "
        "uitkomen als alleen"),
    "hub.member_worse_off": _Entry("the allocation used leaves a member worse off than alone",
                                   "de gebruikte verdeling laat een lid slechter uitkomen dan alleen"),
    # -- the product catalogue (heatcalc.options.products): why a product fits, needs a check or not -------
    "product.extrapolated": _Entry(
        "extrapolated: the case's lift of {lift_K:.0f} K lies outside the published points' {lift_min_K:.0f}–"
        "{lift_max_K:.0f} K",
        "geëxtrapoleerd: de temperatuurlift van de case van {lift_K:.0f} K ligt buiten de {lift_min_K:.0f}–"
        "{lift_max_K:.0f} K van de gepubliceerde punten"),
    "product.no_source_T": _Entry("no source temperature in the case: COP not estimated",
                                  "geen brontemperatuur in de case: COP niet geschat",
                                  "Give T_source_in_C to estimate the COP: the case has no source temperature.",
                                  "Geef T_source_in_C op om de COP te schatten: de case heeft geen brontemperatuur."),
    "product.no_lift": _Entry(
        "sink outlet not above source inlet: no heat pump needed (direct heat exchange)",
        "uitlaat van de afnemer niet boven de inlaat van de bron: geen warmtepomp nodig (directe warmtewisseling)"),
    "product.not_process_heat": _Entry("{process}: heat pumps and MVR do not apply (kiln/furnace)",
                                       "{process}: warmtepompen en MVR zijn niet van toepassing (oven)"),
    "product.option_not_selected": _Entry(
        "{kind} stands for option(s) {options}, not selected in the case",
        "{kind} hoort bij optie(s) {options}, niet gekozen in de case",
        "Select {options} in the case's options to consider this {kind}.",
        "Kies {options} bij de opties van de case om deze {kind} mee te nemen."),
    "product.sink_medium": _Entry("delivers {media}, the process needs {sink}",
                                  "levert {sink_media}, het proces vraagt {sink_name}"),
    "product.no_source": _Entry("the case has no waste-heat source (T_source_in_C)",
                                "de case heeft geen restwarmtebron (T_source_in_C)",
                                "Give T_source_in_C: the case has no waste-heat source.",
                                "Geef T_source_in_C op: de case heeft geen restwarmtebron."),
    "product.source_medium": _Entry("takes heat from {media}, the case's source is {source}",
                                    "neemt warmte op uit {source_media}, de bron van de case is {source_name}"),
    "product.T_max_unpublished": _Entry("highest supply temperature not published",
                                        "hoogste leveringstemperatuur niet gepubliceerd",
                                        "Ask the supplier for the highest supply temperature: not published.",
                                        "Vraag de leverancier naar de hoogste leveringstemperatuur: niet "
                                        "gepubliceerd."),
    "product.too_hot": _Entry("needs {T_out_C:g} °C, delivers up to {T_max_C:g} °C",
                              "vraagt {T_out_C:g} °C, levert tot {T_max_C:g} °C"),
    "product.too_cold": _Entry("needs {T_out_C:g} °C, below its range (from {T_min_C:g} °C)",
                               "vraagt {T_out_C:g} °C, onder het bereik (vanaf {T_min_C:g} °C)"),
    "product.source_too_cold": _Entry("source at {T_source_C:g} °C is below its range (from {T_min_C:g} °C)",
                                      "bron van {T_source_C:g} °C ligt onder het bereik (vanaf {T_min_C:g} °C)"),
    "product.source_too_hot": _Entry("source at {T_source_C:g} °C is above its range (up to {T_max_C:g} °C)",
                                     "bron van {T_source_C:g} °C ligt boven het bereik (tot {T_max_C:g} °C)"),
    "product.lift": _Entry("needs a lift of {lift_K:.0f} K, published up to {lift_max_K:g} K per unit",
                           "vraagt een temperatuurlift van {lift_K:.0f} K, gepubliceerd tot {lift_max_K:g} K per "
                           "eenheid"),
    "product.ratio_unchecked": _Entry("pressure ratio not checked ({error})",
                                      "drukverhouding niet gecontroleerd ({error})"),
    "product.ratio": _Entry("needs a pressure ratio of {ratio:.1f} on water vapour, published up to {ratio_max:g}",
                            "vraagt een drukverhouding van {ratio:.1f} op waterdamp, gepubliceerd tot {ratio_max:g}"),
    "product.capacity_unpublished": _Entry("capacity per unit not published",
                                           "vermogen per eenheid niet gepubliceerd",
                                           "Ask the supplier for the capacity per unit: not published.",
                                           "Vraag de leverancier naar het vermogen per eenheid: niet gepubliceerd."),
    "product.too_many_units": _Entry(
        "{Q_kW:,.0f} kW would need {units} units of up to {cap_max_kW:,.0f} kW (more than {max_units} in parallel)",
        "{Q_kW:,.0f} kW zou {units} eenheden van hoogstens {cap_max_kW:,.0f} kW vragen (meer dan {max_units} "
        "parallel)"),
    "product.units_parallel": _Entry("{units} units of up to {cap_max_kW:,.0f} kW in parallel for {Q_kW:,.0f} kW",
                                     "{units} eenheden van hoogstens {cap_max_kW:,.0f} kW parallel voor "
                                     "{Q_kW:,.0f} kW"),
    "product.part_load": _Entry(
        "smallest unit {cap_min_kW:,.0f} kW is larger than the {Q_kW:,.0f} kW demand (part load)",
        "kleinste eenheid van {cap_min_kW:,.0f} kW is groter dan de vraag van {Q_kW:,.0f} kW (deellast)"),
    "product.prototype": _Entry(
        "{name} is a laboratory prototype (kept for its published COP point), not a product for sale",
        "{name} is een laboratoriumprototype (bewaard om zijn gepubliceerde COP-punt), geen product dat te koop is"),
    "product.cop_range": _Entry("{text}", "{lo:.1f}–{hi:.1f}"),
    "product.cop_up_to": _Entry("up to {hi:.1f}", "tot {hi:.1f}"),
    "product.cop_value": _Entry("{text}", "{lo:.1f}"),
    "product.claim_supplier_claim": _Entry("supplier claim", "opgave van de leverancier"),
    "product.claim_case_study": _Entry("case study", "praktijkvoorbeeld"),
    "product.claim_factsheet": _Entry("factsheet", "productblad"),
    "product.claim_literature": _Entry("literature", "literatuur"),
    "product.conditions_not_stated": _Entry("conditions not stated", "condities niet vermeld"),
    "product.published_cop": _Entry(
        "published COP {range}: {conditions} ({claim})",
        "gepubliceerde COP {range} ({claim}): {conditions}"),
    "product.conditions_data": _Entry("{text}", "{text} (uit de data, Engels)"),
    "costs.integration_none": _Entry(
        "{technology}: no integration cost added on the curve ({notes}); give integration_cost_share for piping, "
        "electrical, civil works and engineering not in the curve",
        "{technology}: geen integratiekosten op de curve opgeteld (toelichting uit de data, Engels: {notes}); geef "
        "integration_cost_share op voor leidingwerk, elektra, bouwkundig werk en engineering die niet in de curve "
        "zitten",
        "Give integration_cost_share if piping, electrical, civil works or engineering are not in the {technology} "
        "curve: none added.",
        "Geef integration_cost_share op als leidingwerk, elektra, bouwkundig werk of engineering niet in de curve "
        "van {technology} zitten: niets opgeteld."),
    "co2.levy_needs_dispensation": _Entry(
        "CO2 levy (net {net:,.2f} EUR/t above the ETS price) not counted: the case gives no dispensation rights, and "
        "most installations emit below them, so no levy saving is assumed; give co2_dispensation_t_per_yr (the "
        "installation's dispensation rights from the NEa) to count the levy on the tonnes above them (0: on every "
        "tonne)",
        "CO2-heffing (netto {net:,.2f} EUR/t boven de ETS-prijs) niet geteld: de case geeft geen dispensatierechten, "
        "en de meeste installaties stoten minder uit dan die rechten, dus er is geen besparing op de heffing "
        "aangenomen; geef co2_dispensation_t_per_yr (de dispensatierechten van de installatie volgens de NEa) om de "
        "heffing te tellen op de tonnen daarboven (0: op elke ton)",
        "Give co2_dispensation_t_per_yr to count the Dutch CO2 levy: without the dispensation rights no levy "
        "saving is counted.",
        "Geef co2_dispensation_t_per_yr op om de CO2-heffing te tellen: zonder dispensatierechten is geen besparing "
        "op de heffing geteld."),
    "ets.free_allocation_none": _Entry(
        "EU ETS free allocation: none assumed (ets_free_allocation_t_per_yr not given); it is fixed from historic "
        "activity levels and does not change the value of a tonne saved, which is counted at the full allowance "
        "price",
        "gratis toewijzing EU ETS: geen aangenomen (ets_free_allocation_t_per_yr niet opgegeven); die ligt vast op "
        "basis van historische activiteitsniveaus en verandert de waarde van een bespaarde ton niet, die tegen de "
        "volle emissierechtenprijs telt"),
    "ets.free_allocation_lost": _Entry(
        "EU ETS free allocation of {t:,.0f} t/yr ends with the option (ets_allocation_lost: its activity level falls "
        "by more than 15 %, Regulation (EU) 2019/1842): the allowances no longer received are counted as a CO2 cost "
        "of the option at the allowance price",
        "gratis toewijzing EU ETS van {t:,.0f} t/jr vervalt met de optie (ets_allocation_lost: het activiteitsniveau "
        "daalt meer dan 15 %, Verordening (EU) 2019/1842): de rechten die niet meer worden ontvangen tellen als "
        "CO2-kosten van de optie tegen de emissierechtenprijs"),
    "ets.free_allocation_kept": _Entry(
        "EU ETS free allocation of {t:,.0f} t/yr taken as unchanged by the option (fixed from historic activity "
        "levels; adjusted only when the activity level changes by more than 15 %, Regulation (EU) 2019/1842): each "
        "tonne saved is worth the full allowance price; set ets_allocation_lost if the option ends the allocation",
        "gratis toewijzing EU ETS van {t:,.0f} t/jr blijft gelijk met de optie (vastgesteld op historische "
        "activiteitsniveaus; alleen aangepast bij een verandering van het activiteitsniveau van meer dan 15 %, "
        "Verordening (EU) 2019/1842): elke bespaarde ton is de volle emissierechtenprijs waard; zet "
        "ets_allocation_lost als de optie de toewijzing beëindigt"),
    "finance.after_tax": _Entry(
        "after-tax cash flow: corporate income tax {low:.1%} up to {bracket:,.0f} EUR and {top:.1%} above ({year}, "
        "data/subsidies.csv; {who}); straight-line depreciation of the investment net of VEKI over {dep_yr} yr; EIA "
        "as a deduction from the taxable profit of year 1; a year's loss is a tax credit that year against the "
        "company's other profit; SDE++ taxed as income",
        "kasstroom na belasting: vennootschapsbelasting {low:.1%} tot {bracket:,.0f} EUR en {top:.1%} daarboven "
        "({year}, data/subsidies.csv; {who}); lineaire afschrijving van de investering na VEKI over {dep_yr} jr; EIA "
        "als aftrek van de belastbare winst in jaar 1; verlies in een jaar is dat jaar een belastingvoordeel tegen "
        "de overige winst van het bedrijf; SDE++ belast als opbrengst"),
    "finance.tax_other_given": _Entry("the company's other taxable profit {profit:,.0f} EUR/yr",
                                      "overige belastbare winst van het bedrijf {profit:,.0f} EUR/jr"),
    "finance.tax_top_rate": _Entry(
        "the company's other profit taken above {bracket:,.0f} EUR, so the project meets the top rate",
        "overige winst van het bedrijf aangenomen boven {bracket:,.0f} EUR, dus het project valt onder het hoge "
        "tarief"),
    "finance.loan": _Entry(
        "loan of {share:.0%} of the net investment at {rate:.1%} over {tenor} yr (annuity; interest deductible); "
        "the after-tax NPV is the owner's equity cash flow at discount_rate",
        "lening van {share:.0%} van de netto investering tegen {rate:.1%} over {tenor} jr (annuïteit; rente "
        "aftrekbaar); de NCW na belasting is die van de eigen-vermogenskasstroom tegen discount_rate"),
    "finance.loan_pre_tax": _Entry(
        "loan_share is used by the after-tax cash flow only (cash_flow = after_tax); the pre-tax NPV and IRR are of "
        "the whole project, before financing",
        "loan_share wordt alleen gebruikt in de kasstroom na belasting (cash_flow = after_tax); de NCW en IRR voor "
        "belasting gelden voor het hele project, vóór financiering"),
    # -- input errors of a case (heatcalc.case): field, value, unit, valid range -------------------
    # (``valid`` is shown in Dutch by present.i18n.valid_text, ``unit`` in the Dutch spelling)
    "input.required": _Entry("{field} is required ({valid})", "{field} is verplicht ({valid})",
                             "Give {field}: it is required ({valid}).", "Geef {field} op: het is verplicht ({valid})."),
    "input.invalid": _Entry("{field}={value}{unit} is invalid: {why}; valid: {valid}",
                            "{field}={value}{unit} is ongeldig: {why}; geldig: {valid}",
                            "Correct {field}={value}{unit}: {why}; valid: {valid}.",
                            "Verbeter {field}={value}{unit}: {why}; geldig: {valid}."),
    "input.cross_field": _Entry("{reason} (field {field}{unit}; valid: {valid})",
                                "{reason} (veld {field}{unit}; geldig: {valid})"),
    "input.json_type": _Entry("{field}={value} is invalid: {kind} is not a value of this field{unit}; valid: {valid}",
                              "{field}={value} is ongeldig: {kind} is geen waarde van dit veld{unit}; geldig: {valid}"),
    "input.kind_bool": _Entry("true/false", "waar/onwaar"),
    "input.kind_object": _Entry("an object", "een object"),
    "input.kind_list": _Entry("a list", "een lijst"),
    "input.number_not_read": _Entry("{field}={value}{unit} is not read: {why}; valid: {valid}",
                                    "{field}={value}{unit} is niet gelezen: {why}; geldig: {valid}"),
    "input.not_yes_no": _Entry("not a yes/no value", "geen ja/nee-waarde"),
    "input.not_a_year": _Entry("not a year", "geen jaartal"),
    "input.year_no_tariffs": _Entry("year without tariff data", "jaar zonder tariefgegevens"),
    "input.not_a_number": _Entry("not a number", "geen getal"),
    "input.whole_years": _Entry("must be whole years", "moet een geheel aantal jaren zijn"),
    "input.options_not_text": _Entry("not a text of ';'-separated option names (or a list of them)",
                                     "geen tekst met optienamen gescheiden door ';' (of een lijst daarvan)"),
    "input.unknown_option": _Entry("unknown option {name}", "onbekende optie {name}"),
    "input.schemes_not_text": _Entry("not a text of ';'-separated scheme names (or a list of them)",
                                     "geen tekst met namen van regelingen gescheiden door ';' (of een lijst daarvan)"),
    "input.unknown_scheme": _Entry("unknown scheme {name}", "onbekende regeling {name}"),
    "input.required_for_process": _Entry("{field} is required when process = {process_value}",
                                         "{field} is verplicht bij process = {process_value}"),
    "input.sink_out_not_above_in": _Entry(
        "T_sink_out_C={T_out_C:g} °C must be above T_sink_in_C={T_in_C:g} °C",
        "T_sink_out_C={T_out_C:g} °C moet hoger zijn dan T_sink_in_C={T_in_C:g} °C"),
    "input.source_in_required": _Entry("T_source_in_C is required when T_source_out_C is given",
                                       "T_source_in_C is verplicht wanneer T_source_out_C is opgegeven"),
    "input.source_out_above_in": _Entry(
        "T_source_out_C={T_out_C:g} °C must not be above T_source_in_C={T_in_C:g} °C (the waste-heat stream is "
        "cooled)",
        "T_source_out_C={T_out_C:g} °C mag niet hoger zijn dan T_source_in_C={T_in_C:g} °C (de restwarmtestroom "
        "wordt afgekoeld)"),
    "input.gas_kiln_process": _Entry("baseline=gas_kiln needs process = lime_kiln or glass_furnace",
                                     "baseline=gas_kiln vraagt process = lime_kiln of glass_furnace"),
    "input.loan_rate_required": _Entry(
        "loan_rate is required for a loan (a share of {share:g} of the net investment borrowed)",
        "loan_rate is verplicht bij een lening (een aandeel van {share:g} van de netto investering geleend)"),
    # pydantic's reasons (its error type is the code's last part; its limits the parameters)
    "input.pydantic.greater_than": _Entry("Input should be greater than {gt}", "moet groter zijn dan {gt:,}"),
    "input.pydantic.greater_than_equal": _Entry("Input should be greater than or equal to {ge}",
                                                "moet minstens {ge:,} zijn"),
    "input.pydantic.less_than": _Entry("Input should be less than {lt}", "moet kleiner zijn dan {lt:,}"),
    "input.pydantic.less_than_equal": _Entry("Input should be less than or equal to {le}", "mag hoogstens {le:,} zijn"),
    "input.pydantic.float_parsing": _Entry("Input should be a valid number, unable to parse string as a number",
                                           "moet een getal zijn, de tekst is niet als getal te lezen"),
    "input.pydantic.float_type": _Entry("Input should be a valid number", "moet een getal zijn"),
    "input.pydantic.int_parsing": _Entry("Input should be a valid integer, unable to parse string as an integer",
                                         "moet een geheel getal zijn, de tekst is niet als geheel getal te lezen"),
    "input.pydantic.int_from_float": _Entry("Input should be a valid integer, got a number with a fractional part",
                                            "moet een geheel getal zijn, niet een getal met decimalen"),
    "input.pydantic.int_type": _Entry("Input should be a valid integer", "moet een geheel getal zijn"),
    "input.pydantic.finite_number": _Entry("Input should be a finite number", "moet een eindig getal zijn"),
    "input.pydantic.literal_error": _Entry("Input should be {expected}", "moet een van deze waarden zijn: {expected}"),
    "input.pydantic.string_too_short": _Entry("{text}", "moet minstens {min_length} teken(s) lang zijn"),
    "input.pydantic.string_type": _Entry("Input should be a valid string", "moet tekst zijn"),
    "input.pydantic.bool_parsing": _Entry("Input should be a valid boolean, unable to interpret input",
                                          "moet ja of nee zijn, de invoer is niet te lezen"),
    "input.pydantic.bool_type": _Entry("Input should be a valid boolean", "moet ja of nee zijn"),
    # -- the CO2 levy and ETS2 (money.ets.co2_rule_notes), SDE++ notes (money.subsidies) -----------
    "co2.levy_above_dispensation": _Entry(
        "CO2 levy {rate:g} EUR/t, net of the ETS price {net:,.2f} EUR/t, on the tonnes above the dispensation rights "
        "of {dispensation_t:,.0f} t/yr",
        "CO2-heffing {rate:g} EUR/t, na aftrek van de ETS-prijs {net:,.2f} EUR/t, op de tonnen boven de "
        "dispensatierechten van {dispensation_t:,.0f} t/jr"),
    "co2.levy_share": _Entry(
        "CO2 levy: net {net:,.2f} EUR/t counted on {share:.0%} of the direct emissions (data assumption "
        "co2_levy_share_above_dispensation); give co2_dispensation_t_per_yr (the installation's dispensation rights "
        "from the NEa) to count it only above them",
        "CO2-heffing: netto {net:,.2f} EUR/t geteld op {share:.0%} van de directe uitstoot (data-aanname "
        "co2_levy_share_above_dispensation); geef co2_dispensation_t_per_yr op (de dispensatierechten van de "
        "installatie volgens de NEa) om de heffing alleen daarboven te tellen",
        "Give co2_dispensation_t_per_yr to count the CO2 levy only above the dispensation rights: now net "
        "{net:,.2f} EUR/t on {share:.0%} of the direct emissions.",
        "Geef co2_dispensation_t_per_yr op om de CO2-heffing alleen boven de dispensatierechten te tellen: nu netto "
        "{net:,.2f} EUR/t op {share:.0%} van de directe uitstoot."),
    "co2.grid_factor_old": _Entry(
        "grid CO2 factor {factor:g} kg/kWh ({kind}) is the {factor_year} figure ({source}), the latest absolute Dutch "
        "figure in the data for tariff year {year}; newer figures (CBS, co2emissiefactoren.nl) were not in the sources "
        "read: give your own with --tariffs (emission_factors.csv, quantity grid_{kind})",
        "CO2-factor van het net {factor:g} kg/kWh ({kind}) is het cijfer van {factor_year} ({source}), het nieuwste "
        "absolute Nederlandse cijfer in de data voor tariefjaar {year}; nieuwere cijfers (CBS, co2emissiefactoren.nl) "
        "stonden niet in de gelezen bronnen: geef een eigen cijfer op met --tariffs (emission_factors.csv, grootheid "
        "grid_{kind})",
        "Give a newer grid CO2 factor with --tariffs if you have one: {factor:g} kg/kWh ({kind}) is the {factor_year} "
        "figure, used for tariff year {year}.",
        "Geef met --tariffs een nieuwere CO2-factor van het net op als u die hebt: {factor:g} kg/kWh ({kind}) is het "
        "cijfer van {factor_year}, gebruikt voor tariefjaar {year}."),
    "ets.ets2_later": _Entry(
        "EU ETS2 prices the fuel of sites outside ETS1 from {start_year:.0f} (Directive (EU) 2023/959, start moved to "
        "{start_year:.0f}); tariff year {year} is before it, so no ETS2 cost is counted. From then each tonne of gas "
        "CO2 the option saves also saves the ETS2 allowance price; no ETS2 price path is in the data (its 45 EUR/t of "
        "2020 is a trigger of the market stability reserve, not a price)",
        "EU ETS2 beprijst de brandstof van locaties buiten ETS1 vanaf {start_year:.0f} (Richtlijn (EU) 2023/959, "
        "start verschoven naar {start_year:.0f}); tariefjaar {year} ligt daarvoor, dus er zijn geen ETS2-kosten "
        "geteld. Vanaf dan bespaart elke ton CO2 uit aardgas die de optie bespaart ook de ETS2-emissierechtenprijs; "
        "er staat geen prijspad voor ETS2 in de data (de 45 EUR/t van 2020 is een drempel van de "
        "marktstabiliteitsreserve, geen prijs)",
        "No ETS2 cost counted: tariff year {year} is before ETS2 starts ({start_year:.0f}); from then each tonne of "
        "gas CO2 saved also saves the ETS2 allowance price.",
        "Geen ETS2-kosten geteld: tariefjaar {year} ligt vóór de start van ETS2 ({start_year:.0f}); vanaf dan "
        "bespaart elke ton CO2 uit aardgas ook de ETS2-emissierechtenprijs."),
    "subsidy.sde_simplified": _Entry(
        "SDE++ simplified: unprofitable gap paid up to {max_EUR_per_t:g} EUR/t CO2 for {years:g} years (the "
        "category's base amount and full-load hours are not in the data); budget and ranking not checked",
        "SDE++ vereenvoudigd: onrendabele top vergoed tot {max_EUR_per_t:g} EUR/t CO2 gedurende {years:g} jaar "
        "(basisbedrag en vollasturen van de categorie staan niet in de data); budget en rangschikking niet "
        "gecontroleerd",
        "Check the SDE++ budget and ranking with RVO: simplified, the unprofitable gap is paid up to "
        "{max_EUR_per_t:g} EUR/t CO2 for {years:g} years.",
        "Controleer budget en rangschikking van SDE++ bij RVO: vereenvoudigd is de onrendabele top vergoed tot "
        "{max_EUR_per_t:g} EUR/t CO2 gedurende {years:g} jaar."),
    "subsidy.sde_category": _Entry(
        "SDE++ by category: (base amount {base:g} - correction {correction:g}) EUR/MWh x {production_MWh:,.0f} "
        "MWh/yr (capacity x {flh:g} full-load hours at most; {source}), at most {max_EUR_per_t:g} EUR/t CO2",
        "SDE++ per categorie: (basisbedrag {base:g} - correctiebedrag {correction:g}) EUR/MWh x "
        "{production_MWh:,.0f} MWh/jr (hoogstens capaciteit x {flh:g} vollasturen; {source}), hoogstens "
        "{max_EUR_per_t:g} EUR/t CO2"),
    # -- the batch reader's row errors and notes (heatcalc.batch.readers, run, engines) ---------------
    "batch.column_field": _Entry("{column} (field {field})", "{column} (veld {field})"),
    "batch.number_note": _Entry("{column}: {note}", "kolom {column}: {note}"),
    "batch.options_split": _Entry(
        "options {options} were split by the file's separator {sep}; read them as one list (quote the cell to avoid "
        "this note)",
        "opties {options} zijn gesplitst door het scheidingsteken {sep} van het bestand; gelezen als één lijst (zet "
        "de cel tussen aanhalingstekens om deze melding te voorkomen)"),
    "batch.row_other_separator": _Entry(
        "row {row} is separated by {alt} while the file uses {sep}; read it with {alt}",
        "regel {row} is gescheiden door {alt}, terwijl het bestand {sep} gebruikt; gelezen met {alt}"),
    "batch.span_lines": _Entry("lines {start}-{end}", "regels {start}-{end}"),
    "batch.span_line": _Entry("line {start}", "regel {start}"),
    "batch.hint_quote": _Entry(" (a quote \" that is not closed?)", " (een aanhalingsteken \" dat niet gesloten is?)"),
    "batch.hint_decimal_comma": _Entry(
        " (decimal commas in a comma-separated file must be quoted, or use ';' as separator)",
        " (decimale komma's in een bestand met komma als scheidingsteken moeten tussen aanhalingstekens staan, of "
        "gebruik ';' als scheidingsteken)"),
    "batch.one_cell": _Entry("1 cell", "1 cel"),
    "batch.cells": _Entry("{n} cells", "{n} cellen"),
    "batch.row_cells": _Entry(
        "row has {got} but the header has {columns} columns ({span}){hint}; the row was not evaluated",
        "de regel heeft {got}, maar de kopregel heeft {columns} kolommen ({span}){hint}; de regel is niet berekend"),
    "batch.not_utf8_cell": _Entry(
        "column {column} holds bytes that are not UTF-8 ({cell}); save the file as 'CSV UTF-8'",
        "kolom {column} bevat bytes die geen UTF-8 zijn ({cell}); sla het bestand op als 'CSV UTF-8'"),
    "batch.csv_line": _Entry("line {line} cannot be read as CSV: {error}",
                             "regel {line} is niet als CSV te lezen: {error}"),
    "batch.formula_no_value": _Entry(
        "column {column} holds a formula without a saved value ({formula}); open and save the file in Excel, or "
        "paste values",
        "kolom {column} bevat een formule zonder opgeslagen waarde ({formula}); open het bestand in Excel en sla "
        "het op, of plak de waarden"),
    "batch.beyond_header": _Entry("row has values beyond the {columns} header columns; give every column a name",
                                  "de regel heeft waarden buiten de {columns} kolommen van de kopregel; geef elke "
                                  "kolom een naam"),
    "batch.duplicate_id": _Entry("duplicate case_id {case_id} (first on row {first}); evaluated again",
                                 "dubbele case_id {case_id} (eerst op regel {first}); opnieuw berekend"),
    "batch.internal_error": _Entry("internal error (please report): {kind}: {error}",
                                   "interne fout (graag melden): {kind}: {error}"),
    "batch.worker_died": _Entry(
        "internal error (please report): the evaluation of this row stopped its worker process ({kind}); the other "
        "rows are not affected",
        "interne fout (graag melden): de berekening van deze regel stopte het werkproces ({kind}); de andere regels "
        "zijn niet geraakt"),
    # -- numbers of a table (heatcalc.core.numbers.normalise_number) ------------------------------
    "number.ambiguous": _Entry(
        "{cell} may be {small} or {large} ('{mark}' as decimal mark or as thousands separator); write {large} or "
        "{small}",
        "{cell} kan {small} of {large} zijn ('{mark}' als decimaalteken of als scheiding van duizendtallen); schrijf "
        "{large} of {small}"),
    "number.bad_mark": _Entry("decimal mark {mark} is not '.' or ','", "decimaalteken {mark} is geen '.' of ','"),
    "number.rule": _Entry(
        "the file's decimal mark is {mark}; {group} may only separate thousands in groups of three digits ({example})",
        "het decimaalteken van het bestand is {mark}; {group} mag alleen duizendtallen scheiden, in groepen van drie "
        "cijfers ({example})"),
    "number.mark_twice": _Entry("{rule}; {mark} appears more than once", "{rule}; {mark} staat er meer dan eens in"),
    "number.group_after_mark": _Entry("{rule}; {group} after the decimal mark", "{rule}; {group} na het decimaalteken"),
    "number.bad_grouping_write": _Entry("{rule}; write {write}", "{rule}; schrijf {write}"),
    "number.read_grouped": _Entry(
        "{cell} read as {read} (the file's decimal mark is {mark}; {group} separates thousands)",
        "{cell} gelezen als {read} (het decimaalteken van het bestand is {mark}; {group} scheidt duizendtallen)"),
    "number.read_uncertain": _Entry(
        "{cell} read as {read} (decimal mark {mark}: no cell of the first rows shows the file's decimal mark; write "
        "{large} if thousands were meant)",
        "{cell} gelezen als {read} (decimaalteken {mark}: geen cel in de eerste regels toont het decimaalteken van "
        "het bestand; schrijf {large} als duizendtallen bedoeld waren)"),
}


def catalogue() -> dict[str, dict[str, str]]:
    """Every code with its four texts: ``{code: {"en_long", "en_short", "nl_long", "nl_short"}}``."""
    return {c: {"en_long": e.en, "en_short": e.en_short, "nl_long": e.nl, "nl_short": e.nl_short}
            for c, e in _C.items()}


def codes() -> list[str]:
    """The codes of the catalogue, sorted."""
    return sorted(_C)


#: Parameters whose values are names with a label in :func:`heatcalc.present.i18n.choice_label`.
_CHOICE_PARAMS = {"option": ("option",), "technology": ("option", "baseline"), "backup": ("baseline",),
                  "sink_name": ("sink_medium",), "source_name": ("source_medium",),
                  "tech": ("option", "baseline"), "operator": ("grid_operator",), "process": ("process",)}


def _unit_nl(text: str) -> str:
    """`` [t/yr]`` / `` t/yr`` (a unit as an input error shows it) in the Dutch spelling."""
    inner = text.strip().strip("[]")
    return text.replace(inner, unit_text(inner, "nl")) if inner else text


#: Parameters that are texts with a Dutch form of their own: a field's valid range, a unit, pydantic's
#: list of allowed values (``'a', 'b' or 'c'``).
_NL_PARAM_TEXT = {"valid": lambda v: valid_text(v, "nl"), "unit": _unit_nl,
                  "expected": lambda v: v.replace(" or ", " of "), "media": lambda v: v.replace(" or ", " of ")}


class _Formatter(string.Formatter):
    def __init__(self, lang: str, form: str):
        super().__init__()
        self.lang, self.form = lang, form

    def get_field(self, field_name, args, kwargs):
        obj, used = super().get_field(field_name, args, kwargs)
        if self.lang == "nl" and field_name in _NL_PARAM_TEXT and isinstance(obj, str) \
                and not isinstance(obj, Message):
            return _NL_PARAM_TEXT[field_name](obj), used
        if self.lang == "nl" and field_name in _MEDIA_LISTS and isinstance(obj, (list, tuple)):
            kind = _MEDIA_LISTS[field_name]
            return " of ".join(choice_label(kind, str(m), "nl").lower() for m in obj), used
        kinds = _CHOICE_PARAMS.get(field_name)
        if kinds and self.lang == "nl" and isinstance(obj, str) and not isinstance(obj, Message):
            for kind in kinds:
                label = choice_label(kind, obj, self.lang)
                if label != obj:
                    lower = (kind in ("option", "baseline") and field_name == "backup") or kind.endswith("_medium")
                    return label.lower() if lower else label, used
        return obj, used

    def format_field(self, value, format_spec):
        if isinstance(value, Message):
            return render(value, self.lang, "long")
        if isinstance(value, (list, tuple)):
            return "; ".join(self.format_field(v, format_spec) for v in value)
        text = format(value, format_spec)
        if self.lang == "nl" and isinstance(value, (int, float)) and not isinstance(value, bool):
            text = text.translate(_SWAP)
        return text


#: Parameters that are lists of media (a product's sink or source media), shown by their choice labels.
_MEDIA_LISTS = {"sink_media": "sink_medium", "source_media": "source_medium"}

_SWAP = str.maketrans({",": ".", ".": ","})


#: Labels of the contexts a message is passed on with (``economics: …``).
_CONTEXTS = {"economics": "notes_economics", "heat pump": ("heat pump", "warmtepomp"), "NOx": ("NOx", "NOx"),
             "tariffs": ("tariffs", "tarieven"), "COP map": ("COP map", "COP-kaart")}


def _pick_ctx(pair, lang: str) -> str:
    if isinstance(pair, str):
        return t(pair, lang)
    return pair[1] if lang == "nl" else pair[0]


def render(message: Any, lang: str = "en", form: str = "short", *, context: bool = True) -> str:
    """A message as text in ``lang`` (``en``/``nl``), ``short`` (screen) or ``long`` (report).

    Parameters
    ----------
    message : Message or str
        A library message; plain text is returned unchanged.
    lang : str
        ``en`` or ``nl``.
    form : str
        ``short`` — one line for the screen, the remedy first; ``long`` — the full text.
        English ``long`` is the library's own text.
    context : bool
        Keep the prefix a passed-on message carries (``economics: …``; ``economie: …`` in Dutch).
    """
    if not isinstance(message, Message):
        return "" if message is None else str(message)
    lang = norm_lang(lang)
    if lang == "en" and form == "long" and message.code != "joined":
        body = str(message)  # the library's own text
        if message.context and body.startswith(message.context + ": "):
            body = body[len(message.context) + 2:]
    else:
        body = from_template(message, lang, form)
    if context and message.context:
        pair = _CONTEXTS.get(message.context)
        label = _pick_ctx(pair, lang) if pair else message.context
        if form == "short":
            return f"{label}: {body[0].lower() + body[1:] if body[:1].isupper() and not body[1:2].isupper() else body}"
        return f"{label}: {body}"
    return body


def from_template(message: Message, lang: str = "en", form: str = "long") -> str:
    """A message's text made from its catalogue template (without the context prefix).

    A code not in the catalogue, or a template out of step with the parameters its
    emission site gives, falls back to the message's English text.
    """
    lang = norm_lang(lang)
    if message.code == "joined":
        sep = message.params.get("sep", "; ")
        return sep.join(render(p, lang, "long") for p in message.params.get("parts", []))
    entry = _C.get(message.code)
    text = str(message)
    if message.context and text.startswith(message.context + ": "):
        text = text[len(message.context) + 2:]
    if entry is None:
        return text
    template = {("en", "short"): entry.en_short, ("en", "long"): entry.en,
                ("nl", "short"): entry.nl_short, ("nl", "long"): entry.nl}[(lang, form)]
    try:
        return _Formatter(lang, form).format(template, **{"text": text, **message.params})
    except (KeyError, IndexError, ValueError, TypeError):
        return text


def render_all(messages, lang: str = "en", form: str = "short", *, context: bool = True) -> list[str]:
    """:func:`render` of each message of a list."""
    return [render(m, lang, form, context=context) for m in messages or []]


def english_fragments(min_chars: int = 14) -> list[str]:
    """Literal English pieces of every catalogue text (the words between the parameters).

    The Dutch check looks for these in Dutch pages and PDFs: a hit means an English library
    message was shown where Dutch was chosen. Pieces shorter than ``min_chars``, with fewer
    than three words, or that also occur in a Dutch text of the catalogue (names, codes) are
    left out.
    """
    nl = " ".join(e.nl + " " + e.nl_short for e in _C.values())
    out: set[str] = set()
    for e in _C.values():
        for text in (e.en, e.en_short):
            for piece in re.split(r"\{[^{}]*\}", text):
                piece = piece.strip(" ;:,.()-")
                if len(piece) >= min_chars and len(piece.split()) >= 3 and piece not in nl:
                    out.add(piece)
    return sorted(out)
