"""Benchmark of one single-stage design point against TESPy (prints figures, asserts nothing).

Times :func:`heatcalc.thermo.cycles.single_stage` for R1233zd(E), evaporating at 60 °C and
condensing at 130 °C (superheat 5 K, subcooling 5 K, η_is 0.70): median over many
repeats. In the same run it solves the same cycle as a TESPy network
(cycle closer, compressor, condenser, valve, evaporator; dew/bubble temperatures,
superheat and subcooling specified on the connections) and prints both COPs and the
speed ratio — for building and solving a new network, and for re-solving the built network warm at a neighbouring
design point (evaporating temperature moved by 1 K; re-solving with unchanged inputs would
only re-check convergence).

TESPy is not a project dependency: the script creates ``benchmarks/.venv-tespy``
(``pip install tespy`` + the project's runtime dependencies + the project itself,
editable, ``--no-deps``) on first use and re-runs itself inside it. ``--no-tespy``
skips the comparison. Targets (the work item): ≤ 0.5 ms per design point and
≥ 100× faster than TESPy. Run::

    .venv/bin/python benchmarks/bench_cycle.py [--repeats 3000] [--tespy-repeats 15] [--no-tespy]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "benchmarks" / ".venv-tespy"
#: TESPy version installed into the benchmark venv (the one of the project's validation set).
TESPY_VERSION = "0.11.3"
#: Runtime dependencies heatcalc.thermo.cycles needs inside the benchmark venv.
RUNTIME_DEPS = ["numpy", "scipy", "pandas", "pydantic", "typer"]
_MARK = "HEATCALC_BENCH_TESPY_VENV"

FLUID = "R1233zd(E)"
T_EVAP_C, T_COND_C = 60.0, 130.0
SUPERHEAT_K, SUBCOOLING_K, ETA_IS = 5.0, 5.0, 0.70
Q_COND_W = 1.0e6


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_tespy_venv() -> bool:
    """Make sure TESPy can be imported; otherwise build the benchmark venv and re-run there (never returns)."""
    try:
        import tespy  # noqa: F401

        return True
    except ImportError:
        pass
    if os.environ.get(_MARK):
        print("TESPy could not be imported inside benchmarks/.venv-tespy; comparison skipped")
        return False
    from importlib.metadata import version

    py = _venv_python()
    if not py.exists():
        print(f"creating {VENV.relative_to(ROOT)} with tespy=={TESPY_VERSION} (once) ...", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", f"tespy=={TESPY_VERSION}",
                               f"CoolProp=={version('CoolProp')}", *RUNTIME_DEPS])
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)])
    env = dict(os.environ, **{_MARK: "1"})
    sys.stdout.flush()
    os.execve(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]], env)
    return False  # not reached


def bench_heatcalc(repeats: int):
    from heatcalc.core.units import C_to_K
    from heatcalc.thermo.cycles import single_stage

    args = (FLUID, C_to_K(T_EVAP_C), C_to_K(T_COND_C))
    kw = dict(superheat_K=SUPERHEAT_K, subcooling_K=SUBCOOLING_K, eta_is=ETA_IS)
    r = single_stage(*args, **kw)  # warm-up: CoolProp import, state object, catalogue
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        single_stage(*args, **kw)
        times.append(time.perf_counter() - t0)
    return r.cop_heating, statistics.median(times)


#: Step of the evaporating temperature between warm re-solves [K].
RESOLVE_STEP_K = 1.0


def _tespy_network():
    from tespy.components import Compressor, CycleCloser, SimpleHeatExchanger, Valve
    from tespy.connections import Connection
    from tespy.networks import Network

    from heatcalc.core.units import C_to_K

    nw = Network(iterinfo=False)  # SI units: K, Pa, J/kg
    cc, cp = CycleCloser("cycle closer"), Compressor("compressor")
    cd, va, ev = SimpleHeatExchanger("condenser"), Valve("valve"), SimpleHeatExchanger("evaporator")
    c1 = Connection(cc, "out1", cp, "in1", label="1")
    c2 = Connection(cp, "out1", cd, "in1", label="2")
    c3 = Connection(cd, "out1", va, "in1", label="3")
    c4 = Connection(va, "out1", ev, "in1", label="4")
    c5 = Connection(ev, "out1", cc, "in1", label="5")
    nw.add_conns(c1, c2, c3, c4, c5)
    c1.set_attr(fluid={FLUID: 1}, T_dew=C_to_K(T_EVAP_C), td_dew=SUPERHEAT_K)
    c3.set_attr(T_bubble=C_to_K(T_COND_C), td_bubble=SUBCOOLING_K)
    cp.set_attr(eta_s=ETA_IS)
    cd.set_attr(Q=-Q_COND_W, dp=0)
    ev.set_attr(dp=0)
    return nw, cp, cd, c1


def bench_tespy(repeats: int):
    import logging
    import warnings

    logging.getLogger("tespy").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    from heatcalc.core.units import C_to_K

    nw, cp, cd, c1 = _tespy_network()
    nw.solve("design")  # warm-up
    nw.assert_convergence()
    cop = abs(cd.Q.val) / cp.P.val
    new, again = [], []
    for k in range(repeats):
        t0 = time.perf_counter()
        nw, cp, cd, c1 = _tespy_network()
        nw.solve("design")
        new.append(time.perf_counter() - t0)
        # Warm re-solve of the built network at a neighbouring design point (evaporating
        # temperature moved by RESOLVE_STEP_K), starting from the previous solution:
        # re-solving with unchanged inputs would only re-check convergence.
        c1.set_attr(T_dew=C_to_K(T_EVAP_C + RESOLVE_STEP_K * (1 - k % 2)))
        t0 = time.perf_counter()
        nw.solve("design")
        again.append(time.perf_counter() - t0)
        nw.assert_convergence()
    return cop, statistics.median(new), statistics.median(again)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3000, help="repeats of the heatcalc cycle")
    ap.add_argument("--tespy-repeats", type=int, default=15, help="repeats of the TESPy solve")
    ap.add_argument("--no-tespy", action="store_true", help="skip the TESPy comparison")
    args = ap.parse_args()
    have_tespy = False if args.no_tespy else ensure_tespy_venv()

    cop, t = bench_heatcalc(args.repeats)
    print(f"{FLUID} {T_EVAP_C:g} -> {T_COND_C:g} °C, superheat {SUPERHEAT_K:g} K, subcooling {SUBCOOLING_K:g} K, "
          f"eta_is {ETA_IS:g}  (python {sys.version.split()[0]}, {os.cpu_count()} cores, shared machine: noisy)")
    print(f"heatcalc.thermo.cycles.single_stage: COP {cop:.4f}, median {t * 1e3:.3f} ms over {args.repeats} repeats "
          "(target <= 0.5 ms)")
    if have_tespy:
        import tespy

        cop_t, t_new, t_again = bench_tespy(args.tespy_repeats)
        print(f"TESPy {tespy.__version__}: COP {cop_t:.4f} (difference {abs(cop_t / cop - 1) * 100:.3f} %), "
              f"build + solve median {t_new * 1e3:.1f} ms, warm re-solve of the built network at a "
              f"{RESOLVE_STEP_K:g} K different evaporating temperature {t_again * 1e3:.1f} ms "
              f"over {args.tespy_repeats} repeats")
        print(f"speed ratio: {t_new / t:.0f}x against build + solve, {t_again / t:.0f}x against warm re-solve "
              "(target >= 100x)")


if __name__ == "__main__":
    main()
