"""Heat source and heat sink streams: temperature–heat (T–Q) profiles.

A :class:`Stream` is the process side of a heat exchanger: the sink heated in the
condenser or the waste-heat source cooled in the evaporator. It carries its
T–Q profile as a table of cumulative heat fraction ``q`` (0 at the **cold end**,
1 at the hot end) against temperature, built from CoolProp properties through
:mod:`heatcalc.thermo.fluids` (no hand-written property fits). The mass flow follows
from the heat duty: ``m = Q / |h_out - h_in|``.

Media and the CoolProp fluid behind each (see ``docs/methods.md``, "Streams"):

========================  ==================================================
``water`` (sink, source)  ``Water`` (HEOS, IAPWS-95), liquid kept at
                          ``max(p_sat(T_hot), 1 atm) + 1 bar``
``steam`` (sink)          ``Water``: feed water at ``T_in`` preheated to
                          saturation at ``T_out``, then evaporated at constant
                          temperature to saturated vapour (no superheat); a
                          kinked profile
``thermal_oil`` (sink)    ``INCOMP::T66`` (Therminol 66, 0–380 °C)
``air``, ``ambient_air``  ``Air`` (HEOS pseudo-pure, Lemmon et al. 2000) at
                          1 atm
``exhaust`` (source)      modelled as dry ``Air`` at 1 atm: the latent heat of
                          the exhaust's water vapour is ignored (conservative)
``vapour`` (source)       ``Water``: saturated vapour condensing at ``T_in``
                          (flat), then condensate subcooled to ``T_out`` if
                          lower
========================  ==================================================

A sensible-heat stream whose outlet equals its inlet temperature is isothermal
(an infinite flow): its profile is flat and its mass flow infinite.

References
----------
Bell, I. H., Wronski, J., Quoilin, S., Lemort, V. (2014). Pure and pseudo-pure
fluid thermophysical property evaluation and the open-source thermophysical
property library CoolProp. Ind. Eng. Chem. Res. 53(6), 2498-2508.
doi:10.1021/ie4033999
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from heatcalc.case import SINK_MEDIA, SOURCE_MEDIA
from heatcalc.core.errors import InputError, PhysicalBoundsError, out_of_range
from heatcalc.core.messages import Message
from heatcalc.core.units import P_ATM_PA, K_to_C, Pa_to_bar  # P_ATM_PA: pressure of air and exhaust streams
from heatcalc.thermo.cop_models import log_mean_temperature
from heatcalc.thermo.fluids import get_fluid, get_incompressible

# SINK_MEDIA and SOURCE_MEDIA: the media of the case schema, each modelled below.

#: Pressure margin above saturation (or above 1 atm) that keeps liquid water liquid [Pa].
LIQUID_PRESSURE_MARGIN_PA = 1.0e5
#: Pressure of thermal oil [Pa]; enthalpy of an incompressible liquid depends on it only via p/rho.
OIL_PRESSURE_PA = 5.0e5
#: Water streams must stay this far below the critical temperature of water [K].
WATER_CRIT_MARGIN_K = 5.0
#: Default number of table points per sensible-heat segment [-].
N_POINTS = 25

_CP_FLUID = {  # medium -> (CoolProp name, backend)
    "water": ("Water", "HEOS"),
    "steam": ("Water", "HEOS"),
    "vapour": ("Water", "HEOS"),
    "air": ("Air", "HEOS"),
    "ambient_air": ("Air", "HEOS"),
    "exhaust": ("Air", "HEOS"),
    "thermal_oil": ("T66", "INCOMP"),
}


@dataclass(frozen=True, eq=False)
class Stream:
    """A heat sink or heat source stream with its T–Q profile (all SI).

    Build streams with :func:`sink_stream` and :func:`source_stream`.

    Attributes
    ----------
    medium : str
        ``water``, ``steam``, ``air``, ``thermal_oil``, ``ambient_air``, ``exhaust``, ``vapour``.
    role : str
        ``sink`` (heated) or ``source`` (cooled).
    fluid : str
        CoolProp fluid behind the medium (``HEOS::Water``, ``INCOMP::T66`` ...).
    T_in_K, T_out_K : float
        Inlet and outlet temperature [K].
    p_Pa : float
        Stream pressure [Pa] (constant, no pressure drop).
    q_frac : ndarray
        Cumulative heat fraction from the cold end [-], strictly increasing from 0 to 1.
    T_K : ndarray
        Stream temperature at ``q_frac`` [K], non-decreasing.
    h_in_J_per_kg, h_out_J_per_kg : float
        Specific enthalpy at inlet and outlet [J/kg].
    s_in_J_per_kgK, s_out_J_per_kgK : float
        Specific entropy at inlet and outlet [J/(kg K)].
    segments : tuple of (str, float, float)
        Named parts of the profile with their start and end heat fraction [-]
        (``sensible``, ``preheating``, ``evaporation``, ``condensation``, ``subcooling``).
    warnings : tuple of str
        Possible but questionable conditions.
    """

    medium: str
    role: str
    fluid: str
    T_in_K: float
    T_out_K: float
    p_Pa: float
    q_frac: np.ndarray
    T_K: np.ndarray
    h_in_J_per_kg: float
    h_out_J_per_kg: float
    s_in_J_per_kgK: float
    s_out_J_per_kgK: float
    segments: tuple = ()
    warnings: tuple = field(default_factory=tuple)

    # -- derived quantities --------------------------------------------------
    @property
    def dh_J_per_kg(self) -> float:
        """Heat per kg of stream, ``|h_out - h_in|`` [J/kg] (0 for an isothermal stream)."""
        return abs(self.h_out_J_per_kg - self.h_in_J_per_kg)

    @property
    def T_cold_K(self) -> float:
        """Temperature at the cold end [K] (sink inlet, source outlet)."""
        return float(self.T_K[0])

    @property
    def T_hot_K(self) -> float:
        """Temperature at the hot end [K] (sink outlet, source inlet)."""
        return float(self.T_K[-1])

    @property
    def isothermal(self) -> bool:
        """True when the stream exchanges heat at one temperature with infinite flow."""
        return self.dh_J_per_kg == 0.0

    @property
    def T_mean_K(self) -> float:
        """Thermodynamic (entropic) mean temperature ``Δh/Δs`` [K].

        The temperature at which a reservoir would exchange the same heat with the
        same entropy change; for a constant heat capacity it equals the log-mean
        temperature, for a kinked profile (steam, condensing vapour) it is the
        correct mean for the Lorenz COP.
        """
        ds = abs(self.s_out_J_per_kgK - self.s_in_J_per_kgK)
        if self.isothermal or ds == 0.0:
            return self.T_in_K
        return self.dh_J_per_kg / ds

    @property
    def T_lm_K(self) -> float:
        """Log-mean of inlet and outlet temperature [K] (see :func:`heatcalc.thermo.cop_models.log_mean_temperature`)."""
        return float(log_mean_temperature(self.T_in_K, self.T_out_K))

    def mass_flow_kg_per_s(self, Q_W: float) -> float:
        """Stream mass flow that carries a heat duty [kg/s].

        Parameters
        ----------
        Q_W : float
            Heat duty of the stream [W], positive.

        Returns
        -------
        float
            ``Q / |h_out - h_in|`` [kg/s]; ``inf`` for an isothermal sensible stream.

        Raises
        ------
        InputError
            If ``Q_W`` is not a positive finite number.
        """
        if not (math.isfinite(Q_W) and Q_W > 0):
            raise out_of_range("Q_W", Q_W, "W", "a positive finite heat duty")
        return math.inf if self.isothermal else Q_W / self.dh_J_per_kg

    def T_at_q(self, q_frac):
        """Stream temperature at a cumulative heat fraction from the cold end [K].

        Parameters
        ----------
        q_frac : float or ndarray
            Heat fraction [-], 0 (cold end) to 1 (hot end); clipped to that range.

        Returns
        -------
        float or ndarray
            Temperature [K], linear between the table points.
        """
        return np.interp(np.clip(q_frac, 0.0, 1.0), self.q_frac, self.T_K)

    def profile(self, Q_W: float) -> tuple[np.ndarray, np.ndarray]:
        """T–Q profile for a heat duty: cumulative heat from the cold end [W] and temperature [K].

        Parameters
        ----------
        Q_W : float
            Heat duty [W].

        Returns
        -------
        (ndarray, ndarray)
            ``Q_W`` (0 to ``Q_W``) and ``T_K`` at the table points.
        """
        return self.q_frac * Q_W, self.T_K.copy()

    def to_dict(self) -> dict:
        """Stream with edge units (°C, bar, kJ/kg)."""
        return {
            "medium": self.medium,
            "role": self.role,
            "fluid": self.fluid,
            "T_in_C": K_to_C(self.T_in_K),
            "T_out_C": K_to_C(self.T_out_K),
            "p_bar": Pa_to_bar(self.p_Pa),
            "dh_kJ_per_kg": self.dh_J_per_kg / 1e3,
            "T_mean_C": K_to_C(self.T_mean_K),
            "segments": [{"name": n, "q_start": a, "q_end": b} for n, a, b in self.segments],
            "warnings": list(self.warnings),
        }


# -- construction -----------------------------------------------------------------
def _fluid(medium: str):
    name, backend = _CP_FLUID[medium]
    return get_incompressible(name) if backend == "INCOMP" else get_fluid(name, backend)


def _T_range_K(medium: str) -> tuple[float, float]:
    """Valid temperature range of a medium [K]."""
    fl = _fluid(medium)
    if medium in ("water", "steam", "vapour"):
        return fl.T_min_K, fl.T_crit_K - WATER_CRIT_MARGIN_K
    if medium in ("air", "ambient_air", "exhaust"):
        # Above the critical temperature of air it cannot condense at any pressure.
        return fl.T_crit_K, fl.T_max_K
    return fl.T_min_K, fl.T_max_K


def _check_T(field_name: str, T_K: float, medium: str) -> None:
    lo, hi = _T_range_K(medium)
    try:
        finite = math.isfinite(float(T_K))
    except (TypeError, ValueError):
        finite = False
    if not finite:
        raise InputError(f"{field_name}={T_K!r} K must be a finite temperature")
    if not (lo <= T_K <= hi):
        raise out_of_range(field_name, f"{K_to_C(T_K):.2f}", "°C",
                           f"{K_to_C(lo):.2f} to {K_to_C(hi):.2f} °C for {medium}")


def _sensible(fl, p_Pa: float, T_cold_K: float, T_hot_K: float, n: int, phase):
    T = np.linspace(T_cold_K, T_hot_K, n)
    st = [fl.state_pT(p_Pa, float(t), phase=phase) for t in T]
    return T, np.array([s.h_J_per_kg for s in st]), np.array([s.s_J_per_kgK for s in st])


def _build(role: str, medium: str, T_in_K: float, T_out_K: float, p_Pa: float | None, n_points: int) -> Stream:
    media = SINK_MEDIA if role == "sink" else SOURCE_MEDIA
    if medium not in media:
        raise out_of_range(f"{role}_medium", repr(medium), "-", "one of " + ", ".join(media))
    if not (isinstance(n_points, int) and n_points >= 2):
        raise out_of_range("n_points", n_points, "-", "an integer of at least 2")
    _check_T(f"T_{role}_in", T_in_K, medium)
    _check_T(f"T_{role}_out", T_out_K, medium)
    T_in_K, T_out_K = float(T_in_K), float(T_out_K)
    cin, cout = f"T_{role}_in={K_to_C(T_in_K):.2f} °C", f"T_{role}_out={K_to_C(T_out_K):.2f} °C"
    if role == "sink":
        if T_out_K < T_in_K or (T_out_K == T_in_K and medium != "steam"):
            raise InputError(f"{cout} must be above {cin} (the sink is heated)")
    elif T_out_K > T_in_K:
        raise InputError(f"{cout} must not be above {cin} (the source is cooled)")

    fl = _fluid(medium)
    name, backend = _CP_FLUID[medium]
    warnings: list[str] = []
    T_cold, T_hot = min(T_in_K, T_out_K), max(T_in_K, T_out_K)

    if medium in ("steam", "vapour"):
        if p_Pa is not None:
            raise InputError(f"p_Pa cannot be given for {medium}: it is the saturation pressure of the "
                             f"{'steam' if medium == 'steam' else 'vapour'} temperature")
        T_sat = T_out_K if medium == "steam" else T_in_K
        liq, vap = fl.state_Tq(T_sat, 0.0), fl.state_Tq(T_sat, 1.0)
        p = liq.p_Pa
        if p < P_ATM_PA:
            warnings.append(f"{medium} at {K_to_C(T_sat):.1f} °C is below atmospheric pressure "
                            f"({Pa_to_bar(p):.3f} bar)")
        if T_cold < T_sat:
            T_l, h_l, s_l = _sensible(fl, p, T_cold, T_sat, n_points, "liquid")
            T_l, h_l, s_l = T_l[:-1], h_l[:-1], s_l[:-1]  # replaced by the exact saturated liquid
        else:
            T_l, h_l, s_l = np.empty(0), np.empty(0), np.empty(0)
        T = np.r_[T_l, T_sat, T_sat]
        h = np.r_[h_l, liq.h_J_per_kg, vap.h_J_per_kg]
        s = np.r_[s_l, liq.s_J_per_kgK, vap.s_J_per_kgK]
        seg_names = ("preheating", "evaporation") if medium == "steam" else ("subcooling", "condensation")
    else:
        if p_Pa is None:
            if medium == "water":
                p = max(P_ATM_PA, fl.p_sat_T(T_hot, 0.0)) + LIQUID_PRESSURE_MARGIN_PA
            elif medium == "thermal_oil":
                p = OIL_PRESSURE_PA
            else:
                p = P_ATM_PA
        else:
            p = float(p_Pa)
            if not (math.isfinite(p) and p > 0):
                raise out_of_range("p_Pa", p_Pa, "Pa", "a positive pressure")
            if medium == "water" and p <= fl.p_sat_T(T_hot, 0.0):
                raise PhysicalBoundsError(
                    f"p={Pa_to_bar(p):.3f} bar is at or below the saturation pressure of water at "
                    f"{K_to_C(T_hot):.2f} °C ({Pa_to_bar(fl.p_sat_T(T_hot, 0.0)):.3f} bar): the water would boil; "
                    "valid is above that pressure")
        phase = "liquid" if medium == "water" else None
        if T_hot == T_cold:
            st = fl.state_pT(p, T_hot, phase=phase)
            T, h, s = np.r_[T_hot, T_hot], np.r_[st.h_J_per_kg, st.h_J_per_kg], np.r_[st.s_J_per_kgK, st.s_J_per_kgK]
            warnings.append(f"{role} {medium} enters and leaves at {K_to_C(T_hot):.2f} °C: "
                            "treated as isothermal (infinite flow)")
        else:
            T, h, s = _sensible(fl, p, T_cold, T_hot, n_points, phase)
        seg_names = ("sensible",)
        if medium == "exhaust":
            warnings.append(Message("streams.dry_air",
                                    "exhaust modelled as dry air: latent heat of its water vapour is not counted"))

    dh = h[-1] - h[0]
    q = (h - h[0]) / dh if dh > 0 else np.linspace(0.0, 1.0, len(h))
    if len(seg_names) == 2:
        q_kink = float(q[-2])
        segments = ((seg_names[0], 0.0, q_kink), (seg_names[1], q_kink, 1.0)) if q_kink > 0 else \
            ((seg_names[1], 0.0, 1.0),)
    else:
        segments = ((seg_names[0], 0.0, 1.0),)
    # the cold end is the sink inlet and the source outlet
    i_in, i_out = (0, -1) if role == "sink" else (-1, 0)
    return Stream(
        medium=medium, role=role, fluid=f"{backend}::{name}", T_in_K=float(T_in_K), T_out_K=float(T_out_K),
        p_Pa=float(p), q_frac=q, T_K=T,
        h_in_J_per_kg=float(h[i_in]), h_out_J_per_kg=float(h[i_out]),
        s_in_J_per_kgK=float(s[i_in]), s_out_J_per_kgK=float(s[i_out]),
        segments=segments, warnings=tuple(warnings),
    )


def sink_stream(medium: str, T_in_K: float, T_out_K: float, p_Pa: float | None = None,
                n_points: int = N_POINTS) -> Stream:
    """A heat sink stream (heated in the condenser).

    Parameters
    ----------
    medium : {"water", "steam", "air", "thermal_oil"}
        Sink medium (see the module docstring for the CoolProp fluid behind each).
    T_in_K : float
        Inlet temperature [K] (return water, feed water for steam).
    T_out_K : float
        Outlet temperature [K]; for ``steam`` the saturation temperature of the steam.
    p_Pa : float, optional
        Pressure [Pa] for ``water``, ``air`` and ``thermal_oil``; default 1 atm for
        air, ``max(p_sat(T_out), 1 atm) + 1 bar`` for water, 5 bar for oil. Not
        allowed for ``steam`` (saturation pressure).
    n_points : int
        Table points per sensible-heat segment [-].

    Returns
    -------
    Stream

    Raises
    ------
    InputError
        Unknown medium, temperature outside the medium's range, outlet not above
        inlet (for steam: below), a bad pressure.
    PhysicalBoundsError
        A given water pressure at which the water would boil.

    Examples
    --------
    >>> from heatcalc.core.units import C_to_K
    >>> s = sink_stream("water", C_to_K(60), C_to_K(90))
    >>> round(s.dh_J_per_kg / 1e3, 1)    # kJ/kg
    125.8
    """
    return _build("sink", medium, T_in_K, T_out_K, p_Pa, n_points)


def source_stream(medium: str, T_in_K: float, T_out_K: float, p_Pa: float | None = None,
                  n_points: int = N_POINTS) -> Stream:
    """A heat source stream (cooled in the evaporator).

    Parameters
    ----------
    medium : {"water", "air", "ambient_air", "exhaust", "vapour"}
        Source medium (see the module docstring for the CoolProp fluid behind each).
    T_in_K : float
        Inlet temperature [K]; for ``vapour`` the saturation (condensing) temperature.
    T_out_K : float
        Outlet temperature [K], not above the inlet; equal to the inlet means an
        isothermal source (sensible media) or condensation only (vapour).
    p_Pa : float, optional
        Pressure [Pa] for ``water`` and the air media (defaults as for
        :func:`sink_stream`). Not allowed for ``vapour``.
    n_points : int
        Table points per sensible-heat segment [-].

    Returns
    -------
    Stream

    Raises
    ------
    InputError
        Unknown medium, temperature outside the medium's range, outlet above
        inlet, a bad pressure.
    PhysicalBoundsError
        A given water pressure at which the water would boil.
    """
    return _build("source", medium, T_in_K, T_out_K, p_Pa, n_points)
