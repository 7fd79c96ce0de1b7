"""Fluid properties through CoolProp's low-level ``AbstractState`` interface.

One :class:`Fluid` per (fluid, backend) is created and cached; its
``AbstractState`` is reused for every property call (never ``PropsSI`` in loops).
Inputs are checked against the fluid's limits here because CoolProp does not
always raise; CoolProp errors become :class:`~heatcalc.core.errors.FluidPropertyError`
naming the fluid and the state asked for.

Tabular backends (``BICUBIC&HEOS``, ``TTSE&HEOS``) may be requested but are not
used by the cycle models by default; their tables are written to heatcalc's cache
folder (``$HEATCALC_CACHE_DIR``, default ``~/.cache/heatcalc/coolprop``), not to
``~/.CoolProp``.

References
----------
Bell, I. H., Wronski, J., Quoilin, S., Lemort, V. (2014). Pure and pseudo-pure
fluid thermophysical property evaluation and the open-source thermophysical
property library CoolProp. Ind. Eng. Chem. Res. 53(6), 2498-2508.
doi:10.1021/ie4033999
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from heatcalc.core.datafiles import read_csv
from heatcalc.core.errors import FluidPropertyError, PhysicalBoundsError
from heatcalc.core.units import J_to_kJ, K_to_C, Pa_to_bar

_CP = None  # CoolProp.CoolProp module, imported lazily (import takes seconds)


def _coolprop():
    global _CP
    if _CP is None:
        import CoolProp.CoolProp as CP  # noqa: N813

        cache = Path(os.environ.get("HEATCALC_CACHE_DIR", Path.home() / ".cache" / "heatcalc")) / "coolprop"
        cache.mkdir(parents=True, exist_ok=True)
        CP.set_config_string(CP.ALTERNATIVE_TABLES_DIRECTORY, str(cache))
        _CP = CP
    return _CP


@dataclass(frozen=True)
class State:
    """A thermodynamic state of a pure fluid (SI units).

    Attributes
    ----------
    T_K : float
        Temperature [K].
    p_Pa : float
        Pressure [Pa].
    h_J_per_kg : float
        Specific enthalpy [J/kg].
    s_J_per_kgK : float
        Specific entropy [J/(kg K)].
    rho_kg_per_m3 : float
        Density [kg/m³].
    quality : float or None
        Vapour mass fraction [-] inside the two-phase dome, else ``None``.
    label : str
        Position in the cycle ("1 compressor suction", ...).
    """

    T_K: float
    p_Pa: float
    h_J_per_kg: float
    s_J_per_kgK: float
    rho_kg_per_m3: float
    quality: float | None
    label: str = ""

    def to_dict(self) -> dict:
        """State with edge units: ``T_C``, ``p_bar``, ``h_kJ_per_kg``, ``s_kJ_per_kgK``, ``quality``."""
        return {
            "label": self.label,
            "T_C": K_to_C(self.T_K),
            "p_bar": Pa_to_bar(self.p_Pa),
            "h_kJ_per_kg": J_to_kJ(self.h_J_per_kg),
            "s_kJ_per_kgK": J_to_kJ(self.s_J_per_kgK),
            "rho_kg_per_m3": self.rho_kg_per_m3,
            "quality": self.quality,
        }

    def labelled(self, label: str) -> "State":
        """Return the same state with another label."""
        return State(self.T_K, self.p_Pa, self.h_J_per_kg, self.s_J_per_kgK, self.rho_kg_per_m3, self.quality, label)


class Fluid:
    """A pure fluid with one reused CoolProp ``AbstractState``.

    Use :func:`get_fluid` rather than the constructor so that the state object is
    shared.

    Parameters
    ----------
    name : str
        CoolProp fluid name or alias (``R1233zd(E)``, ``R600``, ``Water``).
    backend : str
        CoolProp backend, default ``HEOS``.

    Raises
    ------
    FluidPropertyError
        If CoolProp does not know the fluid.
    """

    def __init__(self, name: str, backend: str = "HEOS"):
        CP = _coolprop()
        try:
            self._AS = CP.AbstractState(backend, name)
        except ValueError as exc:
            raise FluidPropertyError(
                f"fluid={name!r} is not a fluid CoolProp knows (backend {backend}); "
                f"choose e.g. one of {', '.join(refrigerant_names())}"
            ) from exc
        self.requested_name = name
        self.backend = backend
        try:  # a mixture given by its components (R32&R125) has no name, critical point or triple point
            self.name = self._AS.name()
            self.T_crit_K = self._AS.T_critical()
            self.p_crit_Pa = self._AS.p_critical()
            self.T_min_K = max(self._AS.Tmin(), self._AS.Ttriple())
            self.T_max_K = self._AS.Tmax()
            self.p_max_Pa = self._AS.pmax()
        except ValueError as exc:
            raise FluidPropertyError(
                f"fluid={name!r} is not a pure or predefined fluid ({exc}); mixtures given by components "
                f"(A&B) are not supported: choose a pure or pseudo-pure fluid such as R410A, R407C or one of "
                f"{', '.join(refrigerant_names())}"
            ) from exc
        self._CP = CP

    def __repr__(self) -> str:
        return f"Fluid({self.name!r}, backend={self.backend!r})"

    # -- low level -----------------------------------------------------------
    def _update(self, pair, a: float, b: float, fmt: str, *args) -> None:
        """``AbstractState.update`` with heatcalc errors; ``fmt.format(*args)`` describes the
        state asked for and is only built when there is an error (hot path)."""
        try:
            if not (math.isfinite(a) and math.isfinite(b)):
                raise FluidPropertyError(f"{self.name}: non-finite input at {fmt.format(*args)}")
            self._AS.update(pair, a, b)
        except ValueError as exc:
            raise FluidPropertyError(
                f"CoolProp could not evaluate {self.name} at {fmt.format(*args)}: {exc}") from exc

    def _state(self, label: str = "", p_Pa: float | None = None, h_J_per_kg: float | None = None,
               s_J_per_kgK: float | None = None) -> State:
        """The current state; given ``p_Pa``/``h_J_per_kg``/``s_J_per_kgK`` replace the flash's values."""
        AS = self._AS
        q = AS.Q()
        two_phase = AS.phase() == self._CP.iphase_twophase and 0.0 <= q <= 1.0
        return State(AS.T(), AS.p() if p_Pa is None else p_Pa, AS.hmass() if h_J_per_kg is None else h_J_per_kg,
                     AS.smass() if s_J_per_kgK is None else s_J_per_kgK, AS.rhomass(), q if two_phase else None,
                     label)

    # -- saturation ----------------------------------------------------------
    def check_saturation_T(self, T_K: float, field: str = "T_sat") -> None:
        """Raise when ``T_K`` has no saturation state (below triple, at/above critical).

        Raises
        ------
        PhysicalBoundsError
        """
        if T_K < self.T_min_K:
            raise PhysicalBoundsError(
                f"{field}={K_to_C(T_K):.2f} °C is below the lowest temperature of {self.name} "
                f"({K_to_C(self.T_min_K):.2f} °C); valid is {K_to_C(self.T_min_K):.2f} to "
                f"{K_to_C(self.T_crit_K):.2f} °C"
            )
        if T_K >= self.T_crit_K:
            raise PhysicalBoundsError(
                f"{field}={K_to_C(T_K):.2f} °C is at or above the critical temperature of {self.name} "
                f"({K_to_C(self.T_crit_K):.2f} °C): no condensation there; use the transcritical model "
                "or a fluid with a higher critical temperature"
            )

    def state_Tq(self, T_K: float, quality: float, label: str = "") -> State:
        """Saturated state from temperature [K] and quality [-] (0 bubble, 1 dew)."""
        self.check_saturation_T(T_K)
        self._update(self._CP.QT_INPUTS, quality, T_K, "T={:.2f} °C, quality={}", K_to_C(T_K), quality)
        return self._state(label)

    def state_pq(self, p_Pa: float, quality: float, label: str = "") -> State:
        """Saturated state from pressure [Pa] and quality [-]."""
        if not (0.0 < p_Pa < self.p_crit_Pa):
            raise PhysicalBoundsError(
                f"p={Pa_to_bar(p_Pa):.3f} bar has no saturation state for {self.name} "
                f"(valid below {Pa_to_bar(self.p_crit_Pa):.2f} bar)"
            )
        self._update(self._CP.PQ_INPUTS, p_Pa, quality, "p={:.3f} bar, quality={}", Pa_to_bar(p_Pa), quality)
        return self._state(label)

    def s_sat_p(self, p_Pa: float, quality: float = 1.0) -> float:
        """Saturation entropy [J/(kg K)] at pressure [Pa] (dew for quality 1); a fast
        path of :meth:`state_pq` for callers that need only the entropy."""
        if not (0.0 < p_Pa < self.p_crit_Pa):
            return self.state_pq(p_Pa, quality).s_J_per_kgK  # raises the bounds error
        self._update(self._CP.PQ_INPUTS, p_Pa, quality, "p={:.3f} bar, quality={}", Pa_to_bar(p_Pa), quality)
        return self._AS.smass()

    def p_sat_T(self, T_K: float, quality: float = 1.0) -> float:
        """Saturation pressure [Pa] at temperature [K] (dew for quality 1)."""
        return self.state_Tq(T_K, quality).p_Pa

    def T_sat_p(self, p_Pa: float, quality: float = 1.0) -> float:
        """Saturation temperature [K] at pressure [Pa] (dew for quality 1)."""
        return self.state_pq(p_Pa, quality).T_K

    # -- single phase / general ----------------------------------------------
    def state_pT(self, p_Pa: float, T_K: float, label: str = "", phase: str | None = None) -> State:
        """State from pressure [Pa] and temperature [K].

        Parameters
        ----------
        phase : {None, "liquid", "gas"}
            Impose the phase when the caller knows it (subcooled liquid,
            superheated vapour). This is faster and stays well defined when the
            state lies within rounding distance of the saturation line, where an
            unimposed flash may fail.
        """
        if not (self.T_min_K <= T_K <= self.T_max_K):
            raise PhysicalBoundsError(
                f"T={K_to_C(T_K):.2f} °C is outside the range of {self.name}'s equation of state "
                f"({K_to_C(self.T_min_K):.2f} to {K_to_C(self.T_max_K):.2f} °C)"
            )
        what = ("p={:.3f} bar, T={:.2f} °C", Pa_to_bar(p_Pa), K_to_C(T_K))
        if phase is None:
            self._update(self._CP.PT_INPUTS, p_Pa, T_K, *what)
            return self._state(label)
        self._AS.specify_phase(self._CP.iphase_liquid if phase == "liquid" else self._CP.iphase_gas)
        try:
            self._update(self._CP.PT_INPUTS, p_Pa, T_K, *what)
        finally:
            self._AS.unspecify_phase()
        return self._state(label)

    def state_ph(self, p_Pa: float, h_J_per_kg: float, label: str = "") -> State:
        """State from pressure [Pa] and specific enthalpy [J/kg]."""
        self._update(self._CP.HmassP_INPUTS, h_J_per_kg, p_Pa, "p={:.3f} bar, h={:.2f} kJ/kg",
                     Pa_to_bar(p_Pa), J_to_kJ(h_J_per_kg))
        # Keep the inputs exactly (the flash returns them only to solver tolerance),
        # so that energy balances built on these states close to machine precision.
        return self._state(label, p_Pa=p_Pa, h_J_per_kg=h_J_per_kg)

    def state_ps(self, p_Pa: float, s_J_per_kgK: float, label: str = "") -> State:
        """State from pressure [Pa] and specific entropy [J/(kg K)]."""
        self._update(self._CP.PSmass_INPUTS, p_Pa, s_J_per_kgK, "p={:.3f} bar, s={:.4f} kJ/(kg K)",
                     Pa_to_bar(p_Pa), J_to_kJ(s_J_per_kgK))
        return self._state(label, p_Pa=p_Pa, s_J_per_kgK=s_J_per_kgK)

    def h_pT(self, p_Pa: float, T_K: float, phase: str | None = None) -> float:
        """Specific enthalpy [J/kg] from pressure [Pa] and temperature [K]."""
        return self.state_pT(p_Pa, T_K, phase=phase).h_J_per_kg

    def cp_pT(self, p_Pa: float, T_K: float) -> float:
        """Isobaric specific heat [J/(kg K)] from pressure [Pa] and temperature [K]."""
        self.state_pT(p_Pa, T_K)
        return self._AS.cpmass()


@lru_cache(maxsize=64)
def get_fluid(name: str, backend: str = "HEOS") -> Fluid:
    """Return the shared :class:`Fluid` for ``name`` and ``backend``.

    Names of the refrigerant catalogue (``R600``, ``R718``) and CoolProp aliases
    are both accepted.

    Raises
    ------
    FluidPropertyError
        If the fluid is unknown.
    """
    cat = refrigerant_catalogue()
    key = name.strip()
    hit = cat.index[cat["ashrae_name"].str.lower() == key.lower()]
    coolprop_name = hit[0] if len(hit) else key
    return Fluid(coolprop_name, backend)


@lru_cache(maxsize=1)
def refrigerant_catalogue():
    """The refrigerant catalogue ``data/refrigerants.csv``, indexed by CoolProp name.

    Columns: ``ashrae_name``, ``T_crit_C``, ``p_crit_bar``, ``gwp100``,
    ``safety_class``, ``halogen_free``, ``T_cond_max_C``, ``T_discharge_max_C``,
    ``source``, ``confidence``, ``notes``.
    """
    df = read_csv("refrigerants.csv").copy()
    df["halogen_free"] = df["halogen_free"].astype(str).str.lower().eq("true")
    return df.set_index("fluid")


def refrigerant_names() -> list[str]:
    """ASHRAE names of the catalogue's refrigerants, in catalogue order."""
    return refrigerant_catalogue()["ashrae_name"].tolist()


def refrigerant_info(fluid: Fluid | str) -> dict | None:
    """Catalogue row of a fluid as a dict, or ``None`` when not in the catalogue."""
    name = fluid.name if isinstance(fluid, Fluid) else get_fluid(fluid).name
    row = _catalogue_rows().get(name)
    return None if row is None else dict(row)


@lru_cache(maxsize=1)
def _catalogue_rows() -> dict[str, dict]:
    cat = refrigerant_catalogue()
    return {name: {"fluid": name, **row} for name, row in cat.to_dict("index").items()}


class IncompressibleFluid:
    """A liquid from CoolProp's incompressible-fluid library (``INCOMP`` backend).

    Used for heat-transfer liquids such as thermal oil (``T66``, Therminol 66).
    Properties depend on temperature only (density, heat capacity) plus the
    ``p/rho`` term of the enthalpy; there is no saturation state. Use
    :func:`get_incompressible` rather than the constructor.

    Parameters
    ----------
    name : str
        CoolProp incompressible fluid name without prefix (``T66``).

    Raises
    ------
    FluidPropertyError
        If CoolProp does not know the fluid.
    """

    def __init__(self, name: str):
        CP = _coolprop()
        try:
            self._AS = CP.AbstractState("INCOMP", name)
        except ValueError as exc:
            raise FluidPropertyError(f"fluid={name!r} is not an incompressible fluid CoolProp knows") from exc
        self.name = name
        self.backend = "INCOMP"
        self.T_min_K = self._AS.Tmin()
        self.T_max_K = self._AS.Tmax()
        self._CP = CP

    def __repr__(self) -> str:
        return f"IncompressibleFluid({self.name!r})"

    def state_pT(self, p_Pa: float, T_K: float, label: str = "", phase: str | None = None) -> State:
        """State from pressure [Pa] and temperature [K] (``phase`` is ignored: always liquid).

        Raises
        ------
        PhysicalBoundsError
            Temperature outside the fluid's validity range.
        FluidPropertyError
            Non-finite input or a failed property call.
        """
        if not (self.T_min_K <= T_K <= self.T_max_K):
            raise PhysicalBoundsError(
                f"T={K_to_C(T_K):.2f} °C is outside the validity range of {self.name} "
                f"({K_to_C(self.T_min_K):.2f} to {K_to_C(self.T_max_K):.2f} °C)"
            )
        if not (math.isfinite(p_Pa) and math.isfinite(T_K)):
            raise FluidPropertyError(f"{self.name}: non-finite input")
        try:
            self._AS.update(self._CP.PT_INPUTS, p_Pa, T_K)
        except ValueError as exc:
            raise FluidPropertyError(
                f"CoolProp could not evaluate {self.name} at p={Pa_to_bar(p_Pa):.3f} bar, "
                f"T={K_to_C(T_K):.2f} °C: {exc}") from exc
        AS = self._AS
        return State(T_K, p_Pa, AS.hmass(), AS.smass(), AS.rhomass(), None, label)

    def h_pT(self, p_Pa: float, T_K: float, phase: str | None = None) -> float:
        """Specific enthalpy [J/kg] from pressure [Pa] and temperature [K]."""
        return self.state_pT(p_Pa, T_K).h_J_per_kg


@lru_cache(maxsize=16)
def get_incompressible(name: str) -> IncompressibleFluid:
    """Return the shared :class:`IncompressibleFluid` for a CoolProp ``INCOMP`` name (``T66``).

    Raises
    ------
    FluidPropertyError
        If the fluid is unknown.
    """
    return IncompressibleFluid(name.strip())
