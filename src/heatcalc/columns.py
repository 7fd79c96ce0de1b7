"""The output contract: every result column, its unit, its number format and its label in English and Dutch.

Result rows (``heatcalc evaluate``, ``heatcalc batch``, the app, the report) carry
:data:`RESULT_COLUMNS` in this order, then :data:`EXTRA_COLUMNS`. A column's unit is read
from its name's suffix (:func:`column_unit`); docs/interface.md lists them all.
"""
from __future__ import annotations

#: Result columns fixed by docs/interface.md, in this order.
RESULT_COLUMNS = [
    "case_id", "option", "status", "message", "cop", "heat_delivered_MWh_per_yr", "P_el_kW", "E_el_MWh_per_yr",
    "fuel_MWh_per_yr", "gas_m3_per_yr", "co2_t_per_yr", "co2_saved_t_per_yr", "opex_EUR_per_yr", "capex_EUR",
    "npv_EUR", "irr", "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t", "fits_grid", "warnings",
]

#: Further columns heatcalc adds (energy detail, CO2 split, cost split, design).
EXTRA_COLUMNS = [
    "best", "refrigerant", "heat_backup_MWh_per_yr", "heat_unmet_MWh_per_yr", "capacity_kW_th",
    "full_load_hours_per_yr",
    "co2_fuel_t_per_yr", "co2_process_t_per_yr", "co2_grid_t_per_yr", "saving_EUR_per_yr",
    "opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr", "opex_co2_EUR_per_yr",
    "opex_om_EUR_per_yr", "subsidy_EUR", "subsidy_eia_EUR", "subsidy_veki_EUR", "subsidy_sde_EUR_per_yr",
    "break_even_price_el_EUR_per_MWh", "price_el_EUR_per_MWh_used", "price_gas_EUR_per_MWh_used",
    "co2_price_EUR_per_t_used", "T_evap_C", "T_cond_C", "cop_carnot", "cop_lorenz", "grid_capacity_kW",
    "subsidy_notes", "P_el_own_kW", "P_el_chp_replaced_kW", "subsidy_mia_vamil_EUR", "nox_kg_per_yr",
    "nox_saved_kg_per_yr",
    "contract_kW", "voltage_level", "connection_upgrade", "connection_charge_EUR", "connection_wait_yr",
    "transport_right", "heat_at_risk_MWh_per_yr",
    "capex_integration_EUR", "npv_after_tax_EUR", "irr_after_tax", "hp_compressor",
]

#: Grid-connection columns of a result row (filled from the site bill of the option).
CONNECTION_COLUMNS = ("contract_kW", "voltage_level", "connection_upgrade", "connection_charge_EUR",
                      "connection_wait_yr", "transport_right", "heat_at_risk_MWh_per_yr")

#: Money columns of a result row (filled from the finance of the option).
MONEY_COLUMNS = [
    "opex_EUR_per_yr", "capex_EUR", "npv_EUR", "irr", "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t",
    "opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr",
    "opex_co2_EUR_per_yr", "opex_om_EUR_per_yr", "subsidy_EUR", "subsidy_eia_EUR", "subsidy_veki_EUR",
    "subsidy_sde_EUR_per_yr", "break_even_price_el_EUR_per_MWh", "price_el_EUR_per_MWh_used",
    "price_gas_EUR_per_MWh_used", "co2_price_EUR_per_t_used", "subsidy_mia_vamil_EUR",
    "capex_integration_EUR", "npv_after_tax_EUR", "irr_after_tax",
]

#: Keys of the finance row of one option (money.economics; a superset of the money columns).
FINANCE_KEYS = (
    "opex_EUR_per_yr", "opex_commodity_EUR_per_yr", "opex_energy_tax_EUR_per_yr", "opex_network_EUR_per_yr",
    "opex_co2_EUR_per_yr", "opex_om_EUR_per_yr", "opex_saving_EUR_per_yr", "capex_EUR", "capex_equipment_EUR",
    "capex_grid_EUR", "subsidy_EUR", "subsidy_eia_EUR", "subsidy_veki_EUR", "subsidy_sde_EUR_per_yr", "npv_EUR",
    "subsidy_mia_vamil_EUR", "irr", "payback_yr", "lcoh_EUR_per_MWh", "abatement_EUR_per_t",
    "break_even_price_el_EUR_per_MWh",
    "break_even_price_ratio_el_gas", "co2_saved_t_per_yr", "price_el_EUR_per_MWh_used",
    "price_gas_EUR_per_MWh_used", "co2_price_EUR_per_t_used", "co2_levy_net_EUR_per_t_used",
    "capex_integration_EUR", "npv_after_tax_EUR", "irr_after_tax",
)

#: Report languages.
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
    "heat_unmet_MWh_per_yr": "{:,.0f}",
    "heat_delivered_MWh_per_yr": "{:,.0f}",
    "fuel_MWh_per_yr": "{:,.0f}",
    "grid_capacity_kW": "{:,.0f}",
    "subsidy_EUR": "{:,.0f}",
    "subsidy_eia_EUR": "{:,.0f}",
    "subsidy_veki_EUR": "{:,.0f}",
    "subsidy_sde_EUR_per_yr": "{:,.0f}",
    "subsidy_mia_vamil_EUR": "{:,.0f}",
    "nox_kg_per_yr": "{:,.0f}",
    "nox_saved_kg_per_yr": "{:,.0f}",
    "capex_integration_EUR": "{:,.0f}",
    "npv_after_tax_EUR": "{:,.0f}",
    "irr_after_tax": "{:.1%}",
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

# --------------------------------------------------------------------------------------
# result columns: (English, Dutch) without unit; the unit follows from the name.
#: Labels of the result columns (English, Dutch).
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "case_id": ("Case", "Case"),
    "option": ("Option", "Optie"),
    "status": ("Status", "Status"),
    "message": ("Message", "Melding"),
    "cop": ("COP", "COP"),
    "heat_delivered_MWh_per_yr": ("Heat delivered", "Geleverde warmte"),
    "P_el_kW": ("Electrical load", "Elektrisch vermogen"),
    "E_el_MWh_per_yr": ("Electricity use", "Elektriciteitsverbruik"),
    "fuel_MWh_per_yr": ("Gas use (HHV)", "Gasverbruik (bovenwaarde)"),
    "gas_m3_per_yr": ("Gas use", "Gasverbruik"),
    "co2_t_per_yr": ("CO2 emissions", "CO2-uitstoot"),
    "co2_saved_t_per_yr": ("CO2 saved", "CO2-besparing"),
    "opex_EUR_per_yr": ("Operating cost", "Bedrijfskosten"),
    "capex_EUR": ("Investment", "Investering"),
    "npv_EUR": ("Net present value", "Netto contante waarde"),
    "irr": ("Internal rate of return", "Interne rentevoet"),
    "payback_yr": ("Payback time", "Terugverdientijd"),
    "lcoh_EUR_per_MWh": ("Levelised cost of heat", "Warmtekostprijs"),
    "abatement_EUR_per_t": ("CO2 abatement cost", "CO2-vermijdingskosten"),
    "fits_grid": ("Fits grid capacity", "Past op netcapaciteit"),
    "warnings": ("Warnings", "Waarschuwingen"),
    "saving_EUR_per_yr": ("Annual saving", "Jaarlijkse besparing"),
    "refrigerant": ("Refrigerant", "Koudemiddel"),
    "hp_compressor": ("Compressor type", "Compressortype"),
    "heat_backup_MWh_per_yr": ("Heat from the backup plant", "Warmte uit de back-upinstallatie"),
    "heat_unmet_MWh_per_yr": ("Heat not delivered", "Niet geleverde warmte"),
    "subsidy_notes": ("Why a subsidy gives nothing", "Waarom een subsidie niets oplevert"),
    "P_el_own_kW": ("Own electrical load of the option", "Eigen elektrisch vermogen van de optie"),
    "P_el_chp_replaced_kW": ("CHP power the option replaces", "Vervangen WKK-vermogen"),
    "contract_kW": ("Contracted transport capacity", "Gecontracteerd transportvermogen"),
    "voltage_level": ("Tariff level", "Spanningsniveau (tariefcategorie)"),
    "connection_upgrade": ("Connection change needed", "Aansluiting verzwaren"),
    "connection_charge_EUR": ("One-off connection charge", "Eenmalige aansluitvergoeding"),
    "connection_wait_yr": ("Wait for capacity", "Wachttijd capaciteit"),
    "transport_right": ("Transport right of the new load", "Transportrecht nieuwe last"),
    "heat_at_risk_MWh_per_yr": ("Heat at risk when capacity is withdrawn", "Warmte met risico bij afschakeling"),
    "best": ("Best", "Beste"),
    "opex_commodity_EUR_per_yr": ("Commodity", "Commodity"),
    "opex_energy_tax_EUR_per_yr": ("Energy tax", "Energiebelasting"),
    "opex_network_EUR_per_yr": ("Network", "Netkosten"),
    "opex_co2_EUR_per_yr": ("CO2", "CO2"),
    "opex_om_EUR_per_yr": ("Maintenance", "Onderhoud"),
    "co2_fuel_t_per_yr": ("Scope 1 (fuel)", "Scope 1 (brandstof)"),
    "co2_process_t_per_yr": ("Process", "Proces"),
    "co2_grid_t_per_yr": ("Grid electricity", "Netstroom"),
    # columns whose name has no unit suffix carry the unit in the label
    "capacity_kW_th": ("Heating capacity [kW]", "Verwarmingsvermogen [kW]"),
    "full_load_hours_per_yr": ("Full-load hours", "Vollasturen"),
    "subsidy_EUR": ("Subsidy", "Subsidie"),
    "subsidy_eia_EUR": ("EIA tax benefit", "EIA-belastingvoordeel"),
    "subsidy_veki_EUR": ("VEKI grant", "VEKI-subsidie"),
    "subsidy_sde_EUR_per_yr": ("SDE++ contribution", "SDE++-bijdrage"),
    "subsidy_mia_vamil_EUR": ("MIA/Vamil tax benefit", "MIA/Vamil-belastingvoordeel"),
    "nox_kg_per_yr": ("NOx on site", "NOx op de locatie"),
    "nox_saved_kg_per_yr": ("NOx saved", "NOx bespaard"),
    "capex_integration_EUR": ("Integration costs (piping, electrical, civil, engineering)",
                              "Integratiekosten (leidingwerk, elektra, bouwkundig, engineering)"),
    "npv_after_tax_EUR": ("NPV after tax", "NCW na belasting"),
    "irr_after_tax": ("IRR after tax", "IRR na belasting"),
    "break_even_price_el_EUR_per_MWh": ("Break-even electricity price", "Omslagprijs elektriciteit"),
    "price_el_EUR_per_MWh_used": ("Electricity price used [€/MWh]", "Gebruikte elektriciteitsprijs [€/MWh]"),
    "price_gas_EUR_per_MWh_used": ("Gas price used [€/MWh]", "Gebruikte gasprijs [€/MWh]"),
    "co2_price_EUR_per_t_used": ("CO2 price used [€/t]", "Gebruikte CO2-prijs [€/t]"),
    "T_evap_C": ("Evaporating temperature", "Verdampingstemperatuur"),
    "T_cond_C": ("Condensing temperature", "Condensatietemperatuur"),
    "cop_carnot": ("Carnot COP [-]", "Carnot-COP [-]"),
    "cop_lorenz": ("Lorenz COP [-]", "Lorenz-COP [-]"),
    "grid_capacity_kW": ("Grid capacity for the new load", "Netcapaciteit voor de nieuwe last"),
}

#: Units of name suffixes (longest first), shown in brackets after a column label.
SUFFIX_UNITS = (
    ("_EUR_per_MWh", "€/MWh"), ("_EUR_per_yr", "€/yr"), ("_EUR_per_t", "€/t"), ("_EUR", "€"),
    ("_hours_per_yr", "h/yr"), ("_MWh_per_yr", "MWh/yr"), ("_m3_per_yr", "m³/yr"), ("_kg_per_yr", "kg/yr"),
    ("_t_per_yr", "t/yr"),
    ("_kWh", "kWh"),
    ("_kW", "kW"), ("_yr", "yr"), ("_MWh", "MWh"), ("_C", "°C"), ("_K", "K"), ("_bar", "bar"), ("_h", "h"),
)

def column_unit(col: str) -> str | None:
    """Unit of a result column from its name suffix, or ``None`` (dimensionless/text)."""
    for suffix, unit in SUFFIX_UNITS:
        if col.endswith(suffix):
            return unit
    return None
