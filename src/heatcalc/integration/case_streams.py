"""A case's process streams: their pinch targets, a heat pump on the grand composite curve, and the
part of the case's sink that the site's own streams can heat (the staged option's recovery band).

A case may carry ``streams`` — a stream table file (path relative to the case file) or an inline
list of stream objects with the columns of :mod:`heatcalc.integration.streams`.
:func:`attach_streams` reads and validates them once and returns the case with the validated
streams and the sink's recovery band (:meth:`heatcalc.case.Case.with_process_streams`);
:func:`case_pinch` gives the targets for ``heatcalc evaluate`` at the case's ``dT_min_K``.

**The sink's recovery band.** The case's sink (``T_sink_in_C`` → ``T_sink_out_C``, ``heat_demand_kW``,
constant CP as in the staged option) is added as a cold stream to the other streams of the
inventory (a cold stream equal to the sink — supply and target within :data:`SINK_MATCH_K`, duty
within :data:`SINK_MATCH_REL` — *is* the sink and is left out of the others). The band is the
largest ``T_to`` such that heating the sink from its inlet to ``T_to`` raises the site's minimum hot
utility by nothing: that part of the sink is heated wholly by heat the site's streams have left
after their own best recovery (problem table, so every exchange respects ΔT_min). The minimum hot
utility never falls when cold duty is added, so the set of such ``T_to`` is an interval from the
inlet and bisection finds its end (to :data:`BAND_XTOL_K`).
"""
from __future__ import annotations

import math
from typing import Any

from heatcalc.case import Case
from heatcalc.core.errors import HeatCalcError, InputError
from heatcalc.core.messages import Message, message_of
from heatcalc.integration.pinch import PinchTargets, pinch_targets
from heatcalc.integration.streams import ProcessStream, read_streams, streams_from_records

#: A cold stream of the inventory is the case's sink when its supply and target temperatures are within
#: this of the sink's inlet and outlet [K] ...
SINK_MATCH_K = 0.5
#: ... and its duty within this share of ``heat_demand_kW`` [-].
SINK_MATCH_REL = 0.01
#: Tolerance of the end of the recovery band [K].
BAND_XTOL_K = 1e-6
#: A rise of the minimum hot utility up to this share of the sink's duty counts as none [-].
BAND_RTOL = 1e-9


def read_case_streams(spec: Any) -> list[ProcessStream]:
    """The validated streams of a case's ``streams`` input (a path or a list of stream objects).

    Raises
    ------
    InputError
        Prefixed ``streams:``, naming the row or stream, the column, the value, its unit and range.
    """
    try:
        if isinstance(spec, str):
            return read_streams(spec)
        if isinstance(spec, (list, tuple)):
            return streams_from_records(spec, "streams", 1, "stream")
    except InputError as exc:
        m = message_of(exc)
        raise InputError(m.prefixed("streams") if isinstance(m, Message) else f"streams: {m}") from None
    raise InputError(Message("streams.spec_type", f"streams={spec!r} is {type(spec).__name__}; valid: a stream table "
                             "file or a list of stream objects (docs/integration.md)", value=repr(spec),
                             got=type(spec).__name__))


def attach_streams(case: Case) -> Case:
    """The case with its process streams read and validated and the sink's recovery band set; the
    case itself when it has no ``streams``.

    Raises
    ------
    InputError
        The streams are invalid (see :func:`read_case_streams`).
    """
    if case.streams is None:
        return case
    streams = read_case_streams(case.streams)
    band = None
    if case.heat_demand_kW is not None and case.T_sink_in_C is not None and case.T_sink_out_C is not None:
        band = sink_recovery_band(streams, case.dT_min_K, float(case.T_sink_in_C), float(case.T_sink_out_C),
                                  float(case.heat_demand_kW))
        band.update(source_in_table(streams, case, band))
    return case.with_process_streams(streams, band)


def _is_source(s: ProcessStream, T_in: float, T_out: float, Q_kW: float | None) -> bool:
    return (s.is_hot and abs(s.T_supply_C - T_in) <= SINK_MATCH_K and abs(s.T_target_C - T_out) <= SINK_MATCH_K
            and (Q_kW is None or abs(s.Q_kW - Q_kW) <= SINK_MATCH_REL * Q_kW))


def source_in_table(streams: list[ProcessStream], case: Case, band: dict) -> dict:
    """Whether the case's waste-heat source is a hot stream of the table, and what the site leaves of its heat.

    A hot stream within :data:`SINK_MATCH_K` of the source's inlet and outlet (and, when ``source_heat_kW`` is
    given, within :data:`SINK_MATCH_REL` of it) *is* the case's source. Its heat then already counts in the
    sink's recovery band and in the site's own recovery, so the staged option must not recover it a second time
    or give it whole to a heat pump: after the site's best recovery with the whole sink added as a cold stream,
    the heat left to reject is the minimum cold utility, and a heat pump below the pinch can take no more.

    Returns
    -------
    dict
        ``source_stream`` (the table's name for the source, or ``None``), ``Q_source_left_kW`` (the
        minimum cold utility of the table with the sink) and ``T_source_left_max_C`` (its hot pinch
        temperature: the heat left is below it; ``None`` without a pinch), both ``None`` when the source
        is not in the table.
    """
    none = {"source_stream": None, "Q_source_left_kW": None, "T_source_left_max_C": None}
    if case.T_source_in_C is None:
        return none
    Q_src = None if case.source_heat_kW is None else float(case.source_heat_kW)
    T_in, T_out = float(case.T_source_in_C), float(case.T_source_out_eff_C)
    match = next((s.name for s in streams if _is_source(s, T_in, T_out, Q_src)), None)
    if match is None:
        return none
    others = [s for s in streams if s.name != band.get("sink_stream")]
    T_a, T_b, Q = float(case.T_sink_in_C), float(case.T_sink_out_C), float(case.heat_demand_kW)
    sink = ProcessStream("\x00sink", T_a, T_b, Q / (T_b - T_a))
    t = pinch_targets(others + [sink], case.dT_min_K)
    return {"source_stream": match, "Q_source_left_kW": float(t.Q_cold_min_kW), "T_source_left_max_C":
            None if t.pinch_T_hot_C is None else float(t.pinch_T_hot_C)}


def _is_sink(s: ProcessStream, T_in: float, T_out: float, Q_kW: float) -> bool:
    return (not s.is_hot and abs(s.T_supply_C - T_in) <= SINK_MATCH_K and abs(s.T_target_C - T_out) <= SINK_MATCH_K
            and abs(s.Q_kW - Q_kW) <= SINK_MATCH_REL * Q_kW)


def sink_recovery_band(streams: list[ProcessStream], dT_min_K: float, T_in_C: float, T_out_C: float,
                       Q_kW: float) -> dict:
    """The part of the sink the other streams heat from its inlet without more hot utility.

    Parameters
    ----------
    streams : list of ProcessStream
        The site's inventory (it may hold the sink itself; that stream is left out).
    dT_min_K : float
        Global ΔT_min [K].
    T_in_C, T_out_C : float
        Sink inlet and outlet [°C].
    Q_kW : float
        Sink duty [kW] (CP = Q / (T_out − T_in)).

    Returns
    -------
    dict
        ``Q_kW`` (heat of the band), ``T_to_C`` (its end), ``sink_stream`` (the inventory's name for
        the sink, or ``None``), ``Q_hot_min_others_kW`` (the other streams' minimum hot utility).
    """
    CP = Q_kW / (T_out_C - T_in_C)
    match = next((s.name for s in streams if _is_sink(s, T_in_C, T_out_C, Q_kW)), None)
    others = [s for s in streams if s.name != match]
    base = pinch_targets(others, dT_min_K).Q_hot_min_kW if others else 0.0
    out = {"Q_kW": 0.0, "T_to_C": T_in_C, "sink_stream": match, "Q_hot_min_others_kW": base}
    if not any(s.is_hot for s in others):  # no heat to recover
        return out
    name = "\x00sink"  # not a name a file can give twice (names are unique in the inventory)
    tol = BAND_RTOL * max(Q_kW, 1.0)

    def covered(T: float) -> bool:
        if T - T_in_C < 1e-9:
            return True
        t = pinch_targets(others + [ProcessStream(name, T_in_C, T, CP)], dT_min_K)
        return t.Q_hot_min_kW - base <= tol

    if covered(T_out_C):
        T_to = T_out_C
    else:
        lo, hi = T_in_C, T_out_C
        while hi - lo > BAND_XTOL_K:
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if covered(mid) else (lo, mid)
        T_to = lo
    out.update(Q_kW=CP * (T_to - T_in_C), T_to_C=T_to)
    return out


def _placement_power(case: Case, t: PinchTargets) -> float:
    """Electrical power of the GCC placement [kW]: the grid room, else the minimum hot utility (enough for any
    heat pump, COP ≥ 1, to supply all of it)."""
    if case.grid_capacity_kW is not None:
        return float(case.grid_capacity_kW)
    return float(t.Q_hot_min_kW)


def case_pinch(case: Case, *, place: bool = True) -> dict | None:
    """Pinch targets of the case's streams at its ``dT_min_K`` and the best heat pump on the GCC.

    Returns
    -------
    dict or None
        ``None`` without ``streams``; else the keys of ``heatcalc pinch --json`` (without the
        detail), ``source`` (the file or ``inline``), ``heat_pump`` (the placement's object, or
        ``None`` when nothing can be placed), ``mvr`` (one MVR placement per vapour stream,
        :mod:`heatcalc.integration.mvr_placement`; only when there are vapour streams),
        ``sink_recovery`` (the sink's recovery band) and
        ``notes_coded`` (coded notes for the case's notes, kept out of the JSON by the caller).

    Raises
    ------
    InputError
        The streams are invalid.
    """
    if case.streams is None:
        return None
    if case.process_streams is None:
        case = attach_streams(case)
    t = pinch_targets(list(case.process_streams), case.dT_min_K)
    d = t.to_dict(detail=False)
    d["source"] = case.streams if isinstance(case.streams, str) else "inline"
    d["sink_recovery"] = case.sink_recovery
    n = len(case.process_streams)
    src = "inline" if d["source"] == "inline" else d["source"].replace("\\", "/").rsplit("/", 1)[-1]
    if t.pinch_T_shifted_C is not None:
        notes = [Message("pinch.case_targets", f"process streams ({n}, {src}, ΔT_min {t.dT_min_K:g} K): pinch "
                         f"{t.pinch_T_hot_C:.1f}/{t.pinch_T_cold_C:.1f} °C, minimum hot utility "
                         f"{t.Q_hot_min_kW:,.0f} kW, minimum cold utility {t.Q_cold_min_kW:,.0f} kW, heat recovery "
                         f"{t.Q_recovery_kW:,.0f} kW", n=n, source=src, dT_min_K=t.dT_min_K,
                         T_hot_C=t.pinch_T_hot_C, T_cold_C=t.pinch_T_cold_C, Q_hot_kW=t.Q_hot_min_kW,
                         Q_cold_kW=t.Q_cold_min_kW, Q_rec_kW=t.Q_recovery_kW)]
    else:
        notes = [Message("pinch.case_threshold", f"process streams ({n}, {src}, ΔT_min {t.dT_min_K:g} K): no pinch "
                         f"(threshold problem), minimum hot utility {t.Q_hot_min_kW:,.0f} kW, minimum cold utility "
                         f"{t.Q_cold_min_kW:,.0f} kW, heat recovery {t.Q_recovery_kW:,.0f} kW", n=n, source=src,
                         dT_min_K=t.dT_min_K, Q_hot_kW=t.Q_hot_min_kW, Q_cold_kW=t.Q_cold_min_kW,
                         Q_rec_kW=t.Q_recovery_kW)]
    d["heat_pump"] = None
    P = _placement_power(case, t)
    if place and P > 0 and t.Q_hot_min_kW > 0:
        from heatcalc.integration.heat_pump import place_heat_pump

        try:
            hp = place_heat_pump(t, P, refrigerant=case.refrigerant)
        except HeatCalcError:
            hp = None
        if hp is not None:
            d["heat_pump"] = hp.to_dict()
            d["heat_pump"]["P_el_max_from"] = "grid_capacity_kW" if case.grid_capacity_kW is not None else \
                "Q_hot_min_kW"
            if hp.P_el_kW > 0 and not hp.saves_nothing and math.isfinite(hp.cop):
                notes.append(Message(
                    "pinch.case_heat_pump", f"heat pump on the grand composite curve: {hp.Q_source_kW:,.0f} kW taken "
                    f"at {hp.T_source_shifted_C:.1f} °C and {hp.Q_sink_kW:,.0f} kW delivered at "
                    f"{hp.T_sink_shifted_C:.1f} °C (shifted), COP {hp.cop:.2f}, saving {hp.Q_hot_saved_kW:,.0f} kW of "
                    f"hot utility for {hp.P_el_kW:,.0f} kW electricity", Q_source_kW=hp.Q_source_kW,
                    T_source_C=hp.T_source_shifted_C, Q_sink_kW=hp.Q_sink_kW, T_sink_C=hp.T_sink_shifted_C,
                    cop=hp.cop, Q_saved_kW=hp.Q_hot_saved_kW, P_el_kW=hp.P_el_kW))
    if d["heat_pump"] is None or d["heat_pump"]["saves_nothing"]:
        notes.append(Message("pinch.case_hp_none", "no heat pump on the grand composite curve saves hot utility "
                             "beyond its electricity"))
    from heatcalc.integration.mvr_placement import place_mvrs, vapour_streams

    if place and P > 0 and vapour_streams(t.streams):  # MVR on each vapour stream, with the same power
        placed = place_mvrs(t, P)
        d["mvr"] = [m.to_dict() for m in placed]
        notes += [m.message() for m in placed]
    d["notes_coded"] = notes
    return d
