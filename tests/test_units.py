import numpy as np
import pytest

from heatcalc.core import units


def test_celsius_kelvin_roundtrip_scalar_and_array():
    assert units.C_to_K(0.0) == pytest.approx(273.15)
    arr = np.array([-40.0, 0.0, 150.0])
    np.testing.assert_allclose(units.K_to_C(units.C_to_K(arr)), arr)


def test_gas_conversions_follow_contract():
    # CONTRACTS.md: 35.17 MJ/m3 HHV = 31.65 MJ/m3 LHV
    assert units.gas_m3_to_MWh_HHV(1.0) == pytest.approx(35.17 / 3600)
    assert units.gas_MWh_HHV_to_LHV(1.0) == pytest.approx(31.65 / 35.17)
    assert units.gas_MWh_HHV_to_m3(units.gas_m3_to_MWh_HHV(123.0)) == pytest.approx(123.0)
    assert units.gas_MWh_LHV_to_HHV(units.gas_MWh_HHV_to_LHV(7.0)) == pytest.approx(7.0)
