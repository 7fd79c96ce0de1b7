"""Fuzzing of the command line, in-process: argument vectors for every sub-command and hostile case files.

Invariants (docs/interface.md, docs/cli.md "Messages"):

* the exit code of user input is 0 or 2, never 1 (an internal error) and never a traceback;
* exit 2 prints exactly one line on stderr, starting with ``error:``;
* the message names an option the user typed (or a case field / the file), never one of the library's
  parameter names (``T_evap_K``, ``p_intermediate_Pa``, ``n_stages``);
* a numeric option out of its range is refused with its name, the value, the unit the user gives it in and
  the valid range (:data:`heatcalc.cli.params.NUMBERS`);
* ``--json`` output is one JSON object without ``NaN``.

The number of examples follows the fuzz profile (``HEATCALC_FUZZ_PROFILE=ci`` default, ``thorough``); the
deterministic regression tests at the end pin each defect class of issue 17 (classes 3 and 4).
"""
from __future__ import annotations

import contextlib
import inspect
import io
import json
import math
import re
import tempfile
from pathlib import Path

import pytest
import typer.main
from hypothesis import given
from hypothesis import strategies as st

from heatcalc.case import Case
from heatcalc.cli import app, main
from heatcalc.cli.params import NUMBERS, translate
from tests.fuzz.strategies import FAST_CASE, NON_FINITE, UNICODE, fuzz_settings

# -- the command tree ------------------------------------------------------------------------------------------


def _commands() -> dict[str, object]:
    out = {}

    def walk(cmd, path):
        subs = getattr(cmd, "commands", None)
        if subs is None:
            out[" ".join(path)] = cmd
            return
        for name, sub in subs.items():
            walk(sub, path + (name,))

    walk(typer.main.get_command(app), ())
    return out


COMMANDS = _commands()
CASE_FIELDS = set(Case.model_fields)


def _params(command: str):
    return [p for p in COMMANDS[command].params if getattr(p, "opts", None)]


def _kind(p, command: str = "") -> str:
    """``flag``, ``float``, ``int``, ``path`` or ``text`` of a click parameter."""
    if getattr(p, "is_flag", False):
        return "flag"
    spec = NUMBERS.get(command, {}).get(next((o for o in p.opts if o.startswith("--")), p.opts[0]))
    if spec is not None:
        return "int" if spec.integer else "float"
    d = p.default
    if isinstance(d, bool):
        return "flag"
    if isinstance(d, int):
        return "int"
    if isinstance(d, float):
        return "float"
    if p.name in ("output", "out", "profiles", "prices", "input", "case_file"):
        return "path"
    return "text"


def _long(p) -> str:
    return next((o for o in p.opts if o.startswith("--")), p.opts[0])


# -- the library's own parameter names must never reach the user -------------------------------------------------
def _library_names() -> set[str]:
    from heatcalc.evaluation.hourly.prepare import prepare
    from heatcalc.money.tariffs import site_tariff
    from heatcalc.thermo.cycles import single_stage
    from heatcalc.thermo.multistage import cascade, two_stage
    from heatcalc.thermo.mvr import mvr, steam_generating_hp
    from heatcalc.thermo.pinch import design, select_refrigerant
    from heatcalc.thermo.streams import sink_stream, source_stream
    from heatcalc.thermo.topologies import run_cycle
    from heatcalc.thermo.transcritical import transcritical

    names = set()
    for f in (single_stage, two_stage, cascade, transcritical, run_cycle, mvr, steam_generating_hp, design,
              select_refrigerant, sink_stream, source_stream, site_tariff, prepare):
        names |= set(inspect.signature(f).parameters)
    # only names that are identifiers (an underscore), not plain words, and no case field names
    return {n for n in names if "_" in n} - CASE_FIELDS


LIBRARY_NAMES = _library_names()
_LIB_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, LIBRARY_NAMES), key=len, reverse=True))
                     + r")(?![\w-])")
_OPT_VALUE_RE = re.compile(r"(--[a-zA-Z][\w-]*)=([-+]?(?i:nan|inf|[\d.]+(?:e[-+]?\d+)?))(\s?(kWh/yr|m³/yr|kWh|kW|°C|K|"
                           r"bar|points)(?![\w/]))?")

# -- a working directory with inputs ---------------------------------------------------------------------------
WORK = Path(tempfile.mkdtemp(prefix="heatcalc_fuzz_cli_"))
FAST_JSON = WORK / "fast.json"
FAST_JSON.write_text(json.dumps({k: (float(v) if k.endswith(("_kW", "_C")) else v) for k, v in FAST_CASE.items()}))
FAST_CSV = WORK / "fast.csv"
FAST_CSV.write_text(",".join(FAST_CASE) + "\n" + ",".join(FAST_CASE.values()) + "\n")
PROFILE_CSV = WORK / "profile.csv"
PROFILE_CSV.write_text("timestamp,heat_demand_kW\n" + "".join(f"2025-01-01 {h:02d}:00,{900 + h}\n" for h in range(24)))

#: A fast valid argument vector of each command (options → value; ``None``: a flag; ``_args``: arguments).
BASE: dict[str, dict] = {
    "cycle": {"--fluid": "R600", "--t-evap": "40", "--t-cond": "90"},
    "mvr": {"--t-suction": "100", "--t-discharge": "110"},
    "steam-hp": {"--fluid": "R1233zd(E)", "--t-evap": "70", "--t-steam": "120", "--t-feed": "90"},
    "design": {"--t-sink-in": "60", "--t-sink-out": "90", "--t-source-in": "40", "--fluid": "R600"},
    "tariff": {"--gas-m3": "1000"},
    "evaluate": {"_args": [str(FAST_JSON)]},
    "hourly": {"_args": [str(FAST_JSON)]},
    "batch": {"_args": [str(FAST_CSV)], "--output": str(WORK / "out.csv"), "--workers": "1", "--no-progress": None},
    "report": {"_args": [str(FAST_JSON)], "--output": str(WORK / "r.html"), "--no-charts": None},
    "data status": {},
    "pinch": {"_args": [str(Path(__file__).resolve().parents[2] / "data" / "examples" / "dairy_streams.csv")]},
    "hub": {"_args": [str(Path(__file__).resolve().parents[2] / "data" / "examples" / "hub_dairy_biotech"
                          / "hub.json")]},
}
#: Options too slow for the fast profile (each is still covered by the range tests below).
SLOW = {"hourly": {"--method", "--sweep", "--sweep-lp", "--resolution"}, "design": set(), "batch": {"--engine"}}
#: Examples per command relative to the profile (CoolProp-heavy commands get fewer).
SCALE = {"cycle": 1.0, "mvr": 0.75, "steam-hp": 0.75, "design": 0.5, "tariff": 0.75, "evaluate": 0.5,
         "hourly": 0.25, "batch": 0.25, "report": 0.25, "data status": 0.1, "pinch": 0.5, "hub": 0.05}

FLUIDS = ["R32&R125", "R410A", "Water", "INCOMP::T66", "HEOS::R600", "REFPROP::R134a", "R744", "auto", "", " ",
          "R600;R601", "n-Butane", "🔥", "R1234ze(E)", "Air", "Helium", "R717", "nitrogen", "R11", "R" * 300]
NUMBER_TEXT = ["abc", "1,5", "", "1e400", "-1e400", "0x10", "١٢", "½", "5 K", "--5", "1e-400"] + NON_FINITE + UNICODE


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run ``heatcalc argv`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


def to_argv(command: str, opts: dict) -> list[str]:
    argv = command.split()
    for k, v in opts.items():
        if k == "_args":
            continue
        argv += [k] if v is None else ([k] + (v if isinstance(v, list) else [v]))
    return argv + list(opts.get("_args", []))


def problems(command: str, argv: list[str], rc: int, out: str, err: str) -> list[str]:
    """What breaks an invariant of the module docstring (empty: nothing)."""
    bad = []
    if rc not in (0, 2):
        bad.append(f"exit code {rc}")
    if "Traceback" in out + err or "internal error" in err:
        bad.append("internal error / traceback")
    if rc == 2:
        lines = [ln for ln in err.strip().splitlines() if ln.strip()]
        if len(lines) != 1 or not lines[0].startswith("error:"):
            bad.append(f"not one error: line: {lines!r}")
        msg = err
        if command not in ("evaluate", "hourly", "batch", "report"):
            m = _LIB_RE.search(msg)
            if m:
                bad.append(f"library parameter name {m.group(1)!r} in the message")
        names = {_long(p) for p in _params(command)} | {a for a in argv if a.startswith("-")}
        names |= {a for a in argv if "/" in a} | CASE_FIELDS | {"INPUT", "CASE_FILE", "case file"}
        if not any(n in msg for n in names if len(n) > 1):
            bad.append("names no option, field or file")
        for opt, value, _, unit in _OPT_VALUE_RE.findall(msg):
            spec = NUMBERS.get(command, {}).get(opt)
            if spec is not None and spec.unit not in ("-", "") and unit != spec.unit:
                bad.append(f"{opt}={value} without its unit {spec.unit}")
        if "out of range" in msg and "valid" not in msg:
            bad.append("out of range without the valid range")
    if rc == 0 and "--json" in argv and out.strip():
        try:
            json.loads(out, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        except ValueError as exc:
            bad.append(f"--json output is not strict JSON: {exc}")
    return bad


# -- strategies ------------------------------------------------------------------------------------------------
def _number_values(command: str, option: str, integer: bool) -> st.SearchStrategy[str]:
    spec = NUMBERS.get(command, {}).get(option)
    edges = [0.0, -0.0, 1e-300, -3.0, 7.0, 1e308, -1e308]
    if spec is not None:
        for b in (spec.lo, spec.hi):
            if b is not None:
                edges += [b, b - 1, b + 1, b - 1e-9 * max(abs(b), 1), b + 1e-9 * max(abs(b), 1)]
    nums = st.one_of(st.sampled_from(edges), st.floats(allow_nan=True, allow_infinity=True, width=64))
    if integer:
        return st.one_of(st.integers(-10**6, 10**6).map(str), st.sampled_from(["1.5", "nan", "", "1e3", "9" * 30]))
    return st.one_of(nums.map(repr), st.sampled_from(NUMBER_TEXT))


def _text_values(command: str, p) -> st.SearchStrategy[str]:
    choices = list(getattr(getattr(p, "type", None), "choices", []) or [])
    pool = ["", " ", "auto", "none", "UTC", "Mars/Olympus", "../../etc", "ucx://127.0.0.1:1", "tcp://", "🔥", "a\rb",
            "=1+1", "[x](http://evil.example)", "two_stage", "transcritical", "cascade", "single", "lp", "both",
            "15min", "steam_accumulator", "marginal", "liander", "tennet", "nl", "xx", ";", "tab"]
    if "fluid" in _long(p):
        pool = FLUIDS
    return st.one_of(st.sampled_from(pool + choices), st.text(max_size=12))


def _path_values(command: str, p) -> st.SearchStrategy[str]:
    """Paths inside the fuzz folder only (the fuzzer never writes elsewhere)."""
    names = ["x.csv", "x.xlsx", "x.parquet", "x.txt", "x.html", "x.pdf", "nodir/x.csv", "", ".", "x.csv.part",
             "fast.json", "fast.csv", "profile.csv", "missing.json", "🔥.csv"]
    return st.sampled_from(names).map(lambda n: str(WORK / n) if n else "")


@st.composite
def argv_vectors(draw, command: str) -> list[str]:
    """A base vector of ``command`` with one to three options changed, removed or added."""
    opts = {k: (list(v) if isinstance(v, list) else v) for k, v in BASE[command].items()}
    params = [p for p in _params(command) if _long(p) not in SLOW.get(command, set())]
    for _ in range(draw(st.integers(1, 3))):
        if not params:
            break
        p = draw(st.sampled_from(params))
        opt, kind = _long(p), _kind(p, command)
        action = draw(st.sampled_from(["set", "set", "set", "drop"]))
        if action == "drop":
            opts.pop(opt, None)
            continue
        if kind == "flag":
            flag = draw(st.sampled_from(list(p.opts) + list(getattr(p, "secondary_opts", []) or [])))
            opts[flag] = None
        elif kind in ("float", "int"):
            opts[opt] = draw(_number_values(command, opt, kind == "int"))
        elif kind == "path":
            opts[opt] = draw(_path_values(command, p))
        else:
            opts[opt] = draw(_text_values(command, p))
    if "--json" in {_long(p) for p in _params(command)} and draw(st.booleans()):
        opts["--json"] = None
    return to_argv(command, opts)


FUZZED = [c for c in BASE if c in COMMANDS]


@pytest.mark.parametrize("command", FUZZED)
def test_fuzz_argv(command):
    """Random argument vectors of every sub-command keep the invariants of the module docstring."""

    @fuzz_settings(scale=SCALE.get(command, 0.25))
    @given(argv=argv_vectors(command))
    def check(argv):
        rc, out, err = run(argv)
        assert not problems(command, argv, rc, out, err), (argv, rc, err[-500:], problems(command, argv, rc, out,
                                                                                              err))

    check()


def test_every_command_is_fuzzed():
    """A command without a base vector is not fuzzed: list the ones added since (pinch, hub, ...)."""
    missing = sorted(set(COMMANDS) - set(BASE))
    if missing:
        pytest.skip(f"no base vector (not fuzzed, still range-checked by heatcalc.cli.params): {missing}")


# -- every numeric option: not finite or out of range → its name, value, unit and range ---------------------------
RANGE_CASES = []
for _cmd, _specs in NUMBERS.items():
    if _cmd not in BASE:
        continue
    for _opt, _spec in _specs.items():
        bad = ["nan", "inf", "-inf"]
        if _spec.lo is not None:
            bad.append(repr(_spec.lo) if _spec.lo_open else repr(_spec.lo - 1))
        if _spec.hi is not None:
            bad.append(repr(_spec.hi) if _spec.hi_open else repr(_spec.hi + 1))
        if _spec.integer:
            bad = [b for b in bad if not b.endswith(("nan", "inf"))]
            bad = [str(int(float(b))) for b in bad]
            if _spec.hi is not None and _spec.lo is not None and _spec.hi - _spec.lo >= 2:
                pass
        for _v in dict.fromkeys(bad):
            if _spec.ok(float(_v)):
                continue
            RANGE_CASES.append((_cmd, _opt, _v))


@pytest.mark.parametrize("command, option, value", RANGE_CASES)
def test_numeric_option_out_of_range_names_option_value_unit_range(command, option, value):
    opts = dict(BASE[command])
    opts[option] = value
    rc, out, err = run(to_argv(command, opts))
    spec = NUMBERS[command][option]
    assert rc == 2, (command, option, value, rc, err)
    line = err.strip()
    assert line.startswith(f"error: {option}="), line
    assert spec.range_text() in line, line
    if spec.unit not in ("-", ""):
        assert f" {spec.unit} " in line, line


def test_every_numeric_option_has_a_range():
    """Each float/int option of a command in :data:`NUMBERS` has its unit and range there."""
    missing = [(c, _long(p)) for c in NUMBERS for p in _params(c) if _kind(p, c) in ("float", "int")
               and _long(p) not in NUMBERS[c]]
    assert not missing


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - set(NUMBERS)))
def test_numeric_options_of_other_commands_refuse_non_finite(command):
    """Commands without a range table still refuse NaN in a numeric option (the generic boundary check)."""
    from heatcalc.cli.params import check_numbers
    from heatcalc.core.errors import InputError

    for p in _params(command):
        if _kind(p) == "float":
            with pytest.raises(InputError, match=re.escape(_long(p)) + "=nan"):
                check_numbers(command, [p], {p.name: math.nan})


# -- case files through `heatcalc evaluate` --------------------------------------------------------------------------
JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=15), st.sampled_from(["", "NaN", "1e400", "2.500", "1.234,5", "R32&R125", "all;mvr", "🔥",
                                           "\u202e12", "x\r=1+1", "0", "-0", "1e-300"]))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c,
                                                                                              max_size=3),
                           max_leaves=6)
FIELD_NAMES = sorted(CASE_FIELDS)


@st.composite
def case_texts(draw) -> str:
    """A case file: the fast case with fields changed to any JSON value, wrong keys, or a broken document."""
    kind = draw(st.sampled_from(["fields", "fields", "fields", "fields", "document"]))
    if kind == "document":
        depth = draw(st.sampled_from([1, 10, 900, 5000, 100_000]))
        return draw(st.sampled_from([
            "[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth, "", "null", "[]", "5", '"case"',
            '{"case_id": 1e400}', '{"case_id": "a", "heat_demand_kW": ' + "9" * 5000 + "}", "\ufeff{}", "{",
            '{"case": {"case": 5}}', '{"case_id": "a"}\x00']))
    case = json.loads(FAST_JSON.read_text())
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)))
        case[name] = draw(st.one_of(JSON_VALUES, st.sampled_from([0, 0.0, 1e-300, -1e-300, 1e300, 10**400 // 10**395,
                                                                  math.nan, math.inf, -math.inf])))
    return json.dumps(case, allow_nan=True)


@fuzz_settings(scale=1.0)
@given(text=case_texts(), as_json=st.booleans())
def test_fuzz_case_files_through_evaluate(text, as_json):
    path = WORK / "case_fuzz.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    argv = ["evaluate", str(path)] + (["--json"] if as_json else [])
    rc, out, err = run(argv)
    assert not problems("evaluate", argv, rc, out, err), (text[:300], rc, err[-500:])
    if rc == 0 and as_json:
        for row in json.loads(out)["results"]:
            assert row["status"] in ("ok", "infeasible", "error")
            assert row["status"] == "ok" or (row["message"] or "").strip(), row


# -- the defect classes of issue 17 (3: internal errors inside documented ranges; 4: messages) ----------------------
def _case_file(name: str, **fields) -> str:
    base = json.loads(Path("data/examples/brewery_hot_water.json").read_text()) if Path(
        "data/examples/brewery_hot_water.json").exists() else json.loads(FAST_JSON.read_text())
    base.update(fields)
    p = WORK / name
    p.write_text(json.dumps(base))
    return str(p)


def _examples(name: str) -> Path:
    return Path(__file__).resolve().parents[2] / "data" / "examples" / name


@pytest.mark.parametrize("example, fields", [
    ("brewery_hot_water.json", {"source_heat_kW": 1e-300}),      # energy balance of a heat pump of ~0 kW
    ("brewery_hot_water.json", {"source_heat_kW": 0}),
    ("sugar_evaporator_mvr.json", {"source_heat_kW": 1e-300}),
    ("glass_wool_furnace.json", {"electrified_share": 0}),
    ("sugar_lime_kiln.json", {"electrified_share": 0}),
    ("brewery_hot_water.json", {"refrigerant": "R32&R125"}),
])
def test_class3_inputs_inside_the_ranges_give_a_result(example, fields):
    case = json.loads(_examples(example).read_text())
    case.update(fields)
    p = WORK / f"class3_{example}"
    p.write_text(json.dumps(case))
    rc, out, err = run(["evaluate", str(p), "--json"])
    assert rc == 0, err
    rows = json.loads(out)["results"]
    assert all(r["status"] != "error" for r in rows), [r["message"] for r in rows if r["status"] == "error"]


@pytest.mark.parametrize("text, words", [
    (json.dumps({**FAST_CASE, "options": 5}), "options=5"),
    (json.dumps({**FAST_CASE, "heat_demand_kW": True}), "heat_demand_kW=True"),
    (json.dumps({**FAST_CASE, "case_id": {"a": 1}}), "case_id="),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"a":' * 5000 + "1" + "}" * 5000, "nested too deeply"),
    ('{"case_id": "a", "heat_demand_kW": ' + "9" * 5000 + "}", "too many digits"),
])
def test_class3_hostile_case_files_are_errors(text, words):
    p = WORK / "class3_hostile.json"
    p.write_text(text)
    rc, _, err = run(["evaluate", str(p)])
    assert rc == 2 and err.startswith("error:") and words in err, err


@pytest.mark.parametrize("argv, words", [
    (["cycle", "--fluid", "R32&R125", "--t-evap", "10", "--t-cond", "50"], "--fluid='R32&R125'"),
    (["hourly", str(FAST_JSON), "--tz", "Mars/Olympus"], "--tz='Mars/Olympus'"),
    (["hourly", str(FAST_JSON), "--profiles", str(PROFILE_CSV), "--tz", "Not/AZone"], "--tz='Not/AZone'"),
    (["batch", str(FAST_CSV), "-o", str(WORK / "ucx.csv"), "--engine", "dask", "--scheduler", "ucx://127.0.0.1:1"],
     "--scheduler='ucx://127.0.0.1:1'"),
])
def test_class3_option_values_are_errors_not_crashes(argv, words):
    rc, _, err = run(argv)
    assert rc == 2 and err.startswith("error:") and words in err, err


@pytest.mark.parametrize("argv, words", [
    # °C as typed, with the range
    (["cycle", "--fluid", "R600", "--t-evap", "nan", "--t-cond", "130"],
     ["--t-evap=nan °C", "valid is above -273.15 and at most 2000 °C"]),
    # option names, not Python parameter names
    (["cycle", "--topology", "two_stage", "--fluid", "R717", "--t-evap", "-20", "--t-cond", "60", "--p-int", "5",
      "--optimise-p-int"], ["--p-int=5 bar", "--optimise-p-int"]),
    # an invalid value is refused whether or not the MVR stage runs, under its own name
    (["steam-hp", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-steam", "150", "--t-feed", "90", "--mvr-stages",
      "-3"], ["--mvr-stages=-3", "valid is a whole number from 1 to 10"]),
    (["steam-hp", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-steam", "150", "--t-feed", "90", "--eta-is-mvr",
      "7"], ["--eta-is-mvr=7", "above 0 and at most 1"]),
    (["steam-hp", "--fluid", "R1233zd(E)", "--t-evap", "60", "--t-steam", "150", "--t-feed", "90", "--t-flash",
      "120", "--eta-is-mvr", "7"], ["--eta-is-mvr=7"]),
    # a fluid limit from the model, in °C and under the option's name
    (["cycle", "--fluid", "R600", "--t-evap", "-200", "--t-cond", "130"], ["--t-evap=-200", "°C", "valid is"]),
    (["mvr", "--t-suction", "100", "--p-discharge", "900"], ["--p-discharge=900", "bar", "valid is"]),
])
def test_class4_messages_name_the_option_in_the_users_unit(argv, words):
    rc, _, err = run(argv)
    assert rc == 2, err
    assert all(w in err for w in words), err
    assert not _LIB_RE.search(err), err


def test_translate_converts_library_units_to_the_options():
    assert translate("cycle", "T_evap=nan K and T_cond=403.15 K must be finite numbers") == (
        "--t-evap=nan °C and --t-cond=130 °C must be finite numbers")
    assert translate("cycle", "p_intermediate_Pa=500000 Pa") == "--p-int=5 bar"
    assert translate("steam-hp", "n_stages=0 is out of range") == "--mvr-stages=0 is out of range"
    # plain words stay words
    assert translate("cycle", "the fluid's superheat") == "the fluid's superheat"


# -- findings of the argument-vector and case-file fuzzers (each failed before its fix) -----------------------------
@pytest.mark.parametrize("argv, words", [
    # an empty file option was read as '.', the current folder, and reported under the resolved path
    (["evaluate", "--datasheet", "", str(FAST_JSON)], "--datasheet is empty"),
    (["evaluate", "--datasheet", " ", str(FAST_JSON)], "--datasheet is empty"),
    (["hourly", str(FAST_JSON), "--profiles", ""], "--profiles is empty"),
    (["evaluate", ""], "CASE_FILE is empty"),
    (["batch", str(FAST_CSV), "-o", ""], "--output is empty"),
    (["evaluate", "--datasheet", str(WORK), str(FAST_JSON)], f"--datasheet {str(WORK)!r} is a folder"),
    (["evaluate", "--datasheet", "auto", str(FAST_JSON)], "--datasheet 'auto': no such file"),
    # the library's symbol η_is for the option --eta-is
    (["cycle", "--fluid", "R600", "--t-evap", "40", "--t-cond", "90", "--eta-is", "0.03125"], "--eta-is=0.03125"),
])
def test_fuzz_findings_name_the_option(argv, words):
    rc, _, err = run(argv)
    assert rc == 2 and words in err, err
    assert "η_is" not in err


@pytest.mark.parametrize("text, words", [
    ("[]", "holds a list: a case is one JSON object"),
    ('"x"', "holds a text"),
    ("5", "holds a number"),
    ('{"": 1}', "has a key that is empty text ('')"),
    ('{"0": 1}', "unknown field '0'"),
])
def test_fuzz_findings_case_files_name_the_file(text, words):
    p = WORK / "finding.json"
    p.write_text(text)
    rc, _, err = run(["evaluate", str(p)])
    assert rc == 2 and words in err and str(p) in err, err


def test_fuzz_finding_error_line_stays_one_line():
    """A control character that splits lines (``\\x1e``, ``\\u2028``, CR) in a quoted value is shown escaped."""
    for bad in ("0\x1e0", "a\u2028b", "x\ry"):
        rc, _, err = run(["report", str(FAST_JSON), "-o", str(WORK / "r.html"), "--no-charts", "--lang", bad])
        assert rc == 2 and len(err.strip().splitlines()) == 1 and err.startswith("error: --lang="), repr(err)


@pytest.mark.parametrize("name, shown", [("x.html", "'.html'"), ("x", "'(no suffix)'")])
def test_fuzz_finding_batch_output_format_names_the_option(name, shown):
    rc, _, err = run(["batch", str(FAST_CSV), "-o", str(WORK / name), "--workers", "1", "--no-progress"])
    assert rc == 2 and err.startswith(f"error: -o/--output {name!r}: unsupported format {shown}"), err
