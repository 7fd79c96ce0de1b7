"""A supplier's datasheet as a performance map: heating capacity and COP against temperatures.

A datasheet is a CSV table of the machine's published operating points::

    T_source_in_C, T_sink_out_C, Q_heat_kW, P_el_kW      (or cop instead of P_el_kW)
    [, load_fraction]                                     (1 = full load; optional)

The **full-load** points are fitted, by linear least squares (numpy), with the
polynomial form that compressor and heat-pump ratings use (AHRI Standard 540 writes
capacity and power as a cubic polynomial in suction and discharge dew-point
temperatures; heatcalc uses its lower-order terms, for which a datasheet has enough
points): the heat output ``Q`` and the electrical input ``P`` each as

* ``bilinear``  ``c0 + c1·S + c2·K + c3·S·K`` (default, needs 4 points spanning both axes), or
* ``quadratic`` ``c0 + c1·S + c2·K + c3·S² + c4·S·K + c5·K²`` (10 points or more, at least 3 values per axis),
* ``linear`` / ``constant`` where the points do not span both axes,

with ``S = T_source_in_C`` and ``K = T_sink_out_C`` [°C]; ``COP = Q/P``. The fit error
(RMS and largest relative error of COP and Q over the points) is part of the map
and is shown with every result.

Honest edges
    * **No extrapolation**: a query outside the envelope of the full-load points
      (their source range, sink range and lift range) gives ``NaN`` (the machine is
      not used there) and a warning naming the envelope.
    * **Never above Carnot**: a fitted COP above the Carnot COP of the query's stream
      temperatures ``T_sink_out / (T_sink_out − T_source_in)`` is clipped to it with
      a warning; a datasheet point above it is rejected (its columns are probably
      wrong).
    * **Part load**: points with ``load_fraction < 1`` are not fitted; the smallest
      load fraction published is the machine's minimum load, and the ratio of each
      part-load point's COP to the full-load map at its temperatures is reported.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from heatcalc.core.errors import InputError
from heatcalc.core.units import C_to_K
from heatcalc.thermo.cop_models import carnot_cop_streams

#: Columns a datasheet must have, besides one of ``P_el_kW`` / ``cop``.
REQUIRED_COLUMNS = ("T_source_in_C", "T_sink_out_C", "Q_heat_kW")
#: Temperature range accepted in a datasheet [°C].
T_RANGE_C = (-50.0, 400.0)
#: Tolerance of the envelope test [K] (rounding of published temperatures).
ENVELOPE_TOL_K = 1e-6
#: Fit forms, richest first: name, terms as (power of S, power of K), fewest points, fewest distinct values per axis.
FORMS = (
    ("quadratic", ((0, 0), (1, 0), (0, 1), (2, 0), (1, 1), (0, 2)), 10, 3),
    ("bilinear", ((0, 0), (1, 0), (0, 1), (1, 1)), 4, 2),
)


@dataclass(frozen=True)
class DatasheetMap:
    """Performance map fitted to a supplier's datasheet.

    Attributes
    ----------
    source : str
        File the points came from.
    form : str
        ``quadratic``, ``bilinear``, ``linear_source``, ``linear_sink``, ``linear`` or ``constant``.
    terms : tuple of (int, int)
        Powers of (S, K) of each coefficient.
    coef_Q_kW, coef_P_kW : ndarray
        Coefficients of heat output and electrical input [kW per °C^power].
    T_centre_C : (float, float)
        Centre of S and K the polynomials are written around [°C].
    T_source_range_C, T_sink_range_C, lift_range_K : (float, float)
        Envelope of the full-load points [°C], [°C], [K].
    n_points, n_part_load : int
        Full-load points fitted; part-load points read.
    rms_rel_cop, max_rel_cop, rms_rel_Q, max_rel_Q : float
        Fit error over the full-load points, relative [-].
    min_load : float or None
        Smallest ``load_fraction`` published [-] (``None``: no part-load points).
    part_load : list of dict
        Per part-load point: ``load_fraction``, ``cop``, ``cop_ratio`` (to the full-load map).
    warnings : list of str
    """

    source: str
    form: str
    terms: tuple
    coef_Q_kW: np.ndarray
    coef_P_kW: np.ndarray
    T_centre_C: tuple
    T_source_range_C: tuple
    T_sink_range_C: tuple
    lift_range_K: tuple
    n_points: int
    rms_rel_cop: float
    max_rel_cop: float
    rms_rel_Q: float
    max_rel_Q: float
    n_part_load: int = 0
    min_load: float | None = None
    part_load: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    # ---- evaluation ----
    def _basis(self, S, K) -> np.ndarray:
        s = np.asarray(S, dtype=float) - self.T_centre_C[0]
        k = np.asarray(K, dtype=float) - self.T_centre_C[1]
        return np.stack([s ** a * k ** b for a, b in self.terms], axis=-1)

    def inside(self, T_source_in_C, T_sink_out_C) -> np.ndarray:
        """Whether each point lies in the datasheet's envelope (source, sink and lift ranges)."""
        S = np.asarray(T_source_in_C, dtype=float)
        K = np.asarray(T_sink_out_C, dtype=float)
        t = ENVELOPE_TOL_K
        (s0, s1), (k0, k1), (l0, l1) = self.T_source_range_C, self.T_sink_range_C, self.lift_range_K
        return ((S >= s0 - t) & (S <= s1 + t) & (K >= k0 - t) & (K <= k1 + t)
                & (K - S >= l0 - t) & (K - S <= l1 + t))

    def evaluate(self, T_source_in_C, T_sink_out_C):
        """Heat output [kW], electrical input [kW] and COP [-] at the given temperatures.

        Parameters
        ----------
        T_source_in_C, T_sink_out_C : array_like
            Source inlet and sink outlet temperatures [°C].

        Returns
        -------
        (ndarray, ndarray, ndarray, list of str)
            ``Q_heat_kW``, ``P_el_kW``, ``cop`` (NaN outside the envelope; COP clipped to
            Carnot) and warnings.
        """
        S = np.atleast_1d(np.asarray(T_source_in_C, dtype=float))
        K = np.atleast_1d(np.asarray(T_sink_out_C, dtype=float))
        S, K = np.broadcast_arrays(S, K)
        B = self._basis(S, K)
        Q = B @ self.coef_Q_kW
        P = B @ self.coef_P_kW
        warnings = []
        ok = self.inside(S, K) & (Q > 0) & (P > 0)
        n_out = int((~ok).sum())
        if n_out:
            (s0, s1), (k0, k1), (l0, l1) = self.T_source_range_C, self.T_sink_range_C, self.lift_range_K
            warnings.append(f"datasheet {Path(self.source).name}: {n_out} of {S.size} points outside its envelope "
                            f"(T_source_in_C {s0:g} to {s1:g} °C, T_sink_out_C {k0:g} to {k1:g} °C, lift {l0:g} to "
                            f"{l1:g} K): not extrapolated, the machine is not used there")
        with np.errstate(divide="ignore", invalid="ignore"):
            cop = np.where(ok, Q / P, np.nan)
            carnot = C_to_K(K) / (K - S)
        above = ok & (K > S) & (cop > carnot)
        if above.any():
            warnings.append(f"datasheet {Path(self.source).name}: fitted COP above the Carnot COP at "
                            f"{int(above.sum())} points: clipped to Carnot (the fit is poor there)")
            cop = np.where(above, carnot, cop)
            P = np.where(above, Q / carnot, P)
        return np.where(ok, Q, np.nan), np.where(ok, P, np.nan), cop, warnings

    def summary(self) -> str:
        """One line: form, points, envelope and fit error."""
        (s0, s1), (k0, k1) = self.T_source_range_C, self.T_sink_range_C
        return (f"datasheet {Path(self.source).name}: {self.form} fit of {self.n_points} full-load points, "
                f"source {s0:g}–{s1:g} °C, sink {k0:g}–{k1:g} °C; COP fit error RMS {self.rms_rel_cop:.1%}, "
                f"max {self.max_rel_cop:.1%}; capacity RMS {self.rms_rel_Q:.1%}, max {self.max_rel_Q:.1%}")

    def to_dict(self) -> dict:
        """JSON-ready description (no arrays)."""
        return {"source": self.source, "form": self.form, "n_points": self.n_points,
                "n_part_load": self.n_part_load, "T_source_range_C": list(self.T_source_range_C),
                "T_sink_range_C": list(self.T_sink_range_C), "lift_range_K": list(self.lift_range_K),
                "rms_rel_cop": self.rms_rel_cop, "max_rel_cop": self.max_rel_cop, "rms_rel_Q": self.rms_rel_Q,
                "max_rel_Q": self.max_rel_Q, "min_load": self.min_load, "part_load": list(self.part_load),
                "warnings": list(self.warnings)}


# =========================================================================================
# reading and fitting
def _read_table(path: Path):
    import pandas as pd

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"datasheet {str(path)!r} cannot be read: {exc}") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputError(f"datasheet {str(path)!r} is empty: expected columns {', '.join(REQUIRED_COLUMNS)} "
                         "and P_el_kW or cop")
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    import io

    try:
        df = pd.read_csv(io.StringIO("\n".join(lines)), sep=sep, dtype=str, skipinitialspace=True)
    except Exception as exc:  # noqa: BLE001 - any parser error is bad input
        raise InputError(f"datasheet {str(path)!r} is not a readable CSV table: {exc}") from None
    df.columns = [str(c).strip() for c in df.columns]
    return df, sep


def _numbers(df, col: str, path: Path, decimal_comma: bool, lo: float, hi: float, unit: str) -> np.ndarray:
    out = np.empty(len(df))
    for i, v in enumerate(df[col].tolist()):
        s = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
        if decimal_comma:
            s = s.replace(",", ".")
        try:
            x = float(s)
        except ValueError:
            x = math.nan
        u = f" {unit}" if unit != "-" else ""
        if not (math.isfinite(x) and lo <= x <= hi):
            raise InputError(f"datasheet {path.name} row {i + 2}: {col}={s!r}{u} is invalid; valid: "
                             f"{lo:g} to {hi:g}{u}")
        out[i] = x
    return out


def _fit(S, K, y, terms, centre):
    s, k = S - centre[0], K - centre[1]
    B = np.stack([s ** a * k ** b for a, b in terms], axis=-1)
    coef, *_ = np.linalg.lstsq(B, y, rcond=None)
    return coef, B


def _choose_form(S, K):
    n, ns, nk = len(S), len(np.unique(S)), len(np.unique(K))
    for name, terms, n_min, distinct in FORMS:
        if n >= n_min and ns >= distinct and nk >= distinct:
            B = np.stack([(S - S.mean()) ** a * (K - K.mean()) ** b for a, b in terms], axis=-1)
            if np.linalg.matrix_rank(B) == len(terms):
                return name, terms
    if ns >= 2 and nk >= 2:
        return "linear", ((0, 0), (1, 0), (0, 1))
    if ns >= 2:
        return "linear_source", ((0, 0), (1, 0))
    if nk >= 2:
        return "linear_sink", ((0, 0), (0, 1))
    return "constant", ((0, 0),)


def fit_datasheet(path) -> DatasheetMap:
    """Read a datasheet CSV and fit its performance map.

    Parameters
    ----------
    path : str or Path
        CSV with ``T_source_in_C``, ``T_sink_out_C`` [°C], ``Q_heat_kW`` [kW] and
        ``P_el_kW`` [kW] or ``cop`` [-]; optional ``load_fraction`` [-] (1 = full
        load). Comma or semicolon separated (semicolon: decimal comma allowed);
        ``#`` lines are comments.

    Returns
    -------
    DatasheetMap

    Raises
    ------
    InputError
        File unreadable, a column missing, a value not a number or out of range,
        no full-load point, sink not above source, or a point's COP above its
        Carnot COP.

    Examples
    --------
    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
    >>> _ = f.write("T_source_in_C,T_sink_out_C,Q_heat_kW,cop\\n40,80,1000,3.5\\n40,90,950,3.0\\n"
    ...             "50,80,1100,4.2\\n50,90,1040,3.6\\n"); f.close()
    >>> m = fit_datasheet(f.name); os.unlink(f.name)
    >>> m.form, m.n_points
    ('bilinear', 4)
    """
    path = Path(path)
    df, sep = _read_table(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    has_P, has_cop = "P_el_kW" in df.columns, "cop" in df.columns
    if missing or not (has_P or has_cop):
        need = missing + ([] if (has_P or has_cop) else ["P_el_kW or cop"])
        raise InputError(f"datasheet {path.name}: column(s) {', '.join(need)} missing; found "
                         f"{', '.join(df.columns) or 'none'} (needed: {', '.join(REQUIRED_COLUMNS)} and P_el_kW or cop)")
    dc = sep == ";"
    S = _numbers(df, "T_source_in_C", path, dc, *T_RANGE_C, "°C")
    K = _numbers(df, "T_sink_out_C", path, dc, *T_RANGE_C, "°C")
    Q = _numbers(df, "Q_heat_kW", path, dc, 1e-6, 1e8, "kW")
    if has_P:
        P = _numbers(df, "P_el_kW", path, dc, 1e-6, 1e8, "kW")
    else:
        P = Q / _numbers(df, "cop", path, dc, 1.0, 100.0, "-")
    x = _numbers(df, "load_fraction", path, dc, 1e-6, 1.0, "-") if "load_fraction" in df.columns \
        else np.ones(len(df))
    bad = np.flatnonzero(K <= S)
    if len(bad):
        i = int(bad[0])
        raise InputError(f"datasheet {path.name} row {i + 2}: T_sink_out_C={K[i]:g} °C must be above "
                         f"T_source_in_C={S[i]:g} °C")
    cop = Q / P
    carnot = np.asarray(carnot_cop_streams(C_to_K(S), C_to_K(K)), dtype=float)  # the one Carnot convention
    above = np.flatnonzero(cop > carnot)
    if len(above):
        i = int(above[0])
        raise InputError(f"datasheet {path.name} row {i + 2}: COP {cop[i]:.2f} is above the Carnot COP "
                         f"{carnot[i]:.2f} of T_source_in_C={S[i]:g} °C → T_sink_out_C={K[i]:g} °C; check the "
                         "columns (heating capacity and electrical input in kW)")
    full = x >= 1.0 - 1e-9
    if not full.any():
        raise InputError(f"datasheet {path.name}: no full-load point (load_fraction = 1); the map is fitted on "
                         "full-load points")
    Sf, Kf, Qf, Pf = S[full], K[full], Q[full], P[full]
    form, terms = _choose_form(Sf, Kf)
    centre = (float(Sf.mean()), float(Kf.mean()))
    cQ, B = _fit(Sf, Kf, Qf, terms, centre)
    cP, _ = _fit(Sf, Kf, Pf, terms, centre)
    Q_fit, P_fit = B @ cQ, B @ cP
    with np.errstate(divide="ignore", invalid="ignore"):
        e_cop = (Q_fit / P_fit) / (Qf / Pf) - 1.0
    e_Q = Q_fit / Qf - 1.0
    lift = Kf - Sf
    warnings = []
    if form in ("linear", "linear_source", "linear_sink", "constant"):
        warnings.append(f"datasheet {path.name}: the {int(full.sum())} full-load points do not span source and sink "
                        f"temperatures enough for a bilinear fit; {form} fit used")
    m = DatasheetMap(
        source=str(path), form=form, terms=terms, coef_Q_kW=cQ, coef_P_kW=cP, T_centre_C=centre,
        T_source_range_C=(float(Sf.min()), float(Sf.max())), T_sink_range_C=(float(Kf.min()), float(Kf.max())),
        lift_range_K=(float(lift.min()), float(lift.max())), n_points=int(full.sum()),
        rms_rel_cop=float(np.sqrt(np.mean(e_cop ** 2))), max_rel_cop=float(np.max(np.abs(e_cop))),
        rms_rel_Q=float(np.sqrt(np.mean(e_Q ** 2))), max_rel_Q=float(np.max(np.abs(e_Q))),
        n_part_load=int((~full).sum()), min_load=float(x.min()) if (~full).any() else None, warnings=warnings)
    if (~full).any():
        _, _, cop_map, _ = m.evaluate(S[~full], K[~full])
        for xi, ci, cm in zip(x[~full], cop[~full], cop_map):
            m.part_load.append({"load_fraction": float(xi), "cop": float(ci),
                                "cop_ratio": float(ci / cm) if np.isfinite(cm) else None})
    return m


@lru_cache(maxsize=32)
def _cached(path: str, mtime_ns: int, size: int) -> DatasheetMap:
    return fit_datasheet(path)


def load_datasheet(path) -> DatasheetMap:
    """:func:`fit_datasheet`, cached per file (path, modification time and size).

    Raises
    ------
    InputError
        As :func:`fit_datasheet`; also when the file does not exist.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise InputError(f"datasheet {str(p)!r} not found: give the path of a CSV file") from None
    return _cached(str(p.resolve()), st.st_mtime_ns, st.st_size)
