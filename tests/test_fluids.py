import math

import pytest

from heatcalc.core.errors import FluidPropertyError, PhysicalBoundsError
from heatcalc.core.units import C_to_K
from heatcalc.thermo.fluids import get_fluid, refrigerant_catalogue, refrigerant_info

REQUIRED = ["R1233zd(E)", "R1234ze(Z)", "R1336mzz(Z)", "R245fa", "R600", "R600a", "R601", "R290", "R717",
            "R744", "R134a", "R1234ze(E)", "R718"]
T_CRIT_ATOL_K = 0.01
P_CRIT_RTOL = 1e-3


def test_catalogue_has_required_refrigerants_with_source():
    cat = refrigerant_catalogue()
    assert set(REQUIRED) <= set(cat["ashrae_name"])
    assert cat["source"].str.len().gt(0).all()
    for col in ["gwp100", "safety_class", "halogen_free", "T_cond_max_C", "T_discharge_max_C"]:
        assert cat[col].notna().all(), col


@pytest.mark.parametrize("name", REQUIRED)
def test_catalogue_critical_point_matches_coolprop(name):
    fl = get_fluid(name)
    info = refrigerant_info(fl)
    assert info is not None
    assert C_to_K(info["T_crit_C"]) == pytest.approx(fl.T_crit_K, abs=T_CRIT_ATOL_K)
    assert info["p_crit_bar"] * 1e5 == pytest.approx(fl.p_crit_Pa, rel=P_CRIT_RTOL)
    assert info["T_cond_max_C"] < info["T_crit_C"]


def test_halogen_free_flag_matches_chemistry():
    cat = refrigerant_catalogue().set_index("ashrae_name")
    for hc in ["R600", "R600a", "R601", "R290", "R717", "R744", "R718"]:
        assert cat.loc[hc, "halogen_free"], hc
    for hfo in ["R1233zd(E)", "R1234ze(Z)", "R1336mzz(Z)", "R245fa", "R134a", "R1234ze(E)"]:
        assert not cat.loc[hfo, "halogen_free"], hfo


def test_fluid_is_shared_and_aliases_resolve():
    assert get_fluid("R600") is get_fluid("R600")
    assert get_fluid("R600").name == "n-Butane"
    assert get_fluid("R718").name == "Water"


def test_unknown_fluid_raises_fluid_error_naming_it():
    with pytest.raises(FluidPropertyError, match="NotAFluid"):
        get_fluid("NotAFluid")


def test_saturation_checks():
    fl = get_fluid("R744")
    with pytest.raises(PhysicalBoundsError, match="critical"):
        fl.state_Tq(C_to_K(40.0), 1.0)
    with pytest.raises(PhysicalBoundsError, match="lowest temperature"):
        fl.state_Tq(C_to_K(-80.0), 1.0)
    with pytest.raises(PhysicalBoundsError, match="no saturation"):
        fl.state_pq(100e5, 1.0)


def test_states_roundtrip_and_quality():
    fl = get_fluid("R1233zd(E)")
    sat = fl.state_Tq(C_to_K(80.0), 0.4)
    assert sat.quality == pytest.approx(0.4)
    back = fl.state_ph(sat.p_Pa, sat.h_J_per_kg)
    assert back.T_K == pytest.approx(sat.T_K, abs=1e-6)
    sup = fl.state_pT(sat.p_Pa, C_to_K(100.0))
    assert sup.quality is None
    assert math.isclose(fl.state_ps(sup.p_Pa, sup.s_J_per_kgK).h_J_per_kg, sup.h_J_per_kg, rel_tol=1e-9)


def test_non_finite_input_is_a_fluid_error():
    with pytest.raises(FluidPropertyError):
        get_fluid("R600").state_ph(float("nan"), 1.0)
