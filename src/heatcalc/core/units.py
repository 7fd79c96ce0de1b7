"""Unit conversions: the one place where heatcalc converts units.

SI is used inside the thermodynamic models (K, Pa, J/kg); °C, bar, kJ/kg, kW and
MWh appear only at the edges (case schema, command line, app). Every conversion
between them, including natural-gas heating values, lives here.

Natural gas (see ``docs/methods.md``, section "Natural gas conventions"):

* prices are quoted per MWh **higher** heating value (HHV), as the TTF;
* boiler efficiencies are on **lower** heating value (LHV);
* Dutch energy tax is per m³ of Groningen-equivalent gas, 35.17 MJ/m³ (HHV) =
  31.65 MJ/m³ (LHV).
"""
from __future__ import annotations

#: Offset between the Celsius and Kelvin scales [K].
ZERO_CELSIUS_K = 273.15
#: One standard atmosphere [Pa].
P_ATM_PA = 101_325.0
#: Pascal per bar [Pa/bar].
PA_PER_BAR = 1.0e5
#: Joule per kilojoule.
J_PER_KJ = 1.0e3
#: Seconds per hour.
S_PER_H = 3600.0
#: kWh per MWh.
KWH_PER_MWH = 1.0e3
#: MJ per MWh.
MJ_PER_MWH = 3600.0
#: GJ per MWh.
GJ_PER_MWH = 3.6

#: Higher heating value of Groningen-equivalent natural gas [MJ/m³] (PZEM, S7b).
GAS_HHV_MJ_PER_M3 = 35.17
#: Lower heating value of Groningen-equivalent natural gas [MJ/m³] (PZEM, S7b).
GAS_LHV_MJ_PER_M3 = 31.65
#: LHV/HHV ratio of natural gas [-].
GAS_LHV_PER_HHV = GAS_LHV_MJ_PER_M3 / GAS_HHV_MJ_PER_M3


def C_to_K(T_C):
    """Convert a temperature from °C to K.

    Parameters
    ----------
    T_C : float, ndarray or Series
        Temperature [°C].

    Returns
    -------
    float or ndarray
        Temperature [K].

    Examples
    --------
    >>> C_to_K(25.0)
    298.15
    """
    return T_C + ZERO_CELSIUS_K


def K_to_C(T_K):
    """Convert a temperature from K to °C.

    Parameters
    ----------
    T_K : float, ndarray or Series
        Temperature [K].

    Returns
    -------
    float or ndarray
        Temperature [°C].
    """
    return T_K - ZERO_CELSIUS_K


def Pa_to_bar(p_Pa):
    """Pressure [Pa] to [bar]."""
    return p_Pa / PA_PER_BAR


def bar_to_Pa(p_bar):
    """Pressure [bar] to [Pa]."""
    return p_bar * PA_PER_BAR


def J_to_kJ(x_J):
    """Energy (or specific energy) [J] to [kJ]."""
    return x_J / J_PER_KJ


def gas_MWh_HHV_to_m3(E_MWh_HHV):
    """Natural gas energy on HHV [MWh] to volume [m³] (35.17 MJ/m³ HHV)."""
    return E_MWh_HHV * MJ_PER_MWH / GAS_HHV_MJ_PER_M3


def gas_m3_to_MWh_HHV(V_m3):
    """Natural gas volume [m³] to energy on HHV [MWh]."""
    return V_m3 * GAS_HHV_MJ_PER_M3 / MJ_PER_MWH


def gas_MWh_LHV_to_HHV(E_MWh_LHV):
    """Natural gas energy on LHV [MWh] to the same gas on HHV [MWh]."""
    return E_MWh_LHV / GAS_LHV_PER_HHV


def gas_MWh_HHV_to_LHV(E_MWh_HHV):
    """Natural gas energy on HHV [MWh] to the same gas on LHV [MWh]."""
    return E_MWh_HHV * GAS_LHV_PER_HHV


def kWh_to_MWh(E_kWh):
    """Energy [kWh] to [MWh]."""
    return E_kWh / KWH_PER_MWH


def MWh_to_kWh(E_MWh):
    """Energy [MWh] to [kWh]."""
    return E_MWh * KWH_PER_MWH


def MWh_to_GJ(E_MWh):
    """Energy [MWh] to [GJ]."""
    return E_MWh * GJ_PER_MWH


def GJ_to_MWh(E_GJ):
    """Energy [GJ] to [MWh]."""
    return E_GJ / GJ_PER_MWH


#: Kilogram per tonne.
KG_PER_T = 1.0e3


def J_per_kg_to_kWh_per_t(x_J_per_kg):
    """Specific energy [J/kg] to [kWh/t] (numerically also kW per t/h)."""
    return x_J_per_kg * KG_PER_T / (J_PER_KJ * S_PER_H)
