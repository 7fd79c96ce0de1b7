"""Streamlit glue shared by the app's pages: language, the case inputs in session
state, URL query parameters, cached library calls and error guards.

No computation lives here: numbers come from :mod:`heatcalc`; this module only
keeps the widgets, the session and the library in step.

Session state
-------------
``case_inputs``
    The canonical case inputs (every field of the case schema, ``None`` meaning
    "default"), shared by all pages. Widgets are keyed ``in_<field>`` and copy
    their value here in their ``on_change`` callback, so the store is current at
    the start of every run and survives page switches (Streamlit drops the state
    of widgets that a page does not draw).
``lang``
    ``en`` or ``nl`` (the language switch in the sidebar).
"""
from __future__ import annotations

import json
import logging
import math
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from heatcalc.case import Case, field_meta
from heatcalc.core.errors import HeatCalcError
from heatcalc.core.messages import Message
from heatcalc.present.i18n import LANG_NAMES, LANGS, field_help, field_label, fmt_number, norm_lang, t
from heatcalc.present.messages import render as render_message

log = logging.getLogger("heatcalc.app")

ROOT = Path(__file__).resolve().parents[1]
#: Example case pre-filled on the quick scan (a file of the library's data).
EXAMPLE_FILE = "brewery_hot_water.json"
CASE_KEY = "case_inputs"
WIDGET_PREFIX = "in_"
FIELDS = tuple(Case.model_fields)
#: Query-parameter keys that are not case fields.
QP_LANG = "lang"


# --------------------------------------------------------------------------------------
# language
def lang() -> str:
    """The session's language: the switch, else ``?lang=`` of the link, else English."""
    return norm_lang(st.session_state.get("lang") or st.query_params.get(QP_LANG))


def tr(key: str, **fmt) -> str:
    """UI text in the session's language."""
    return t(key, lang(), **fmt)


#: Characters that can start Markdown syntax in Streamlit (links, images, autolinks, code, emphasis,
#: HTML, headings, tables, strikethrough, LaTeX ``$``, colour/icon directives ``:red[..]``, e-mail autolinks).
_MD_SPECIAL = re.compile(r"([\\`*\[\]()<>#!|~$:@{}&])")
#: ``www.`` starts a GFM autolink literal (without a scheme); the dot is escaped.
_MD_WWW = re.compile(r"(?i)(www)\.")
#: An underscore that could open or close emphasis (not one inside a word such as ``T_sink_out_C``).
_MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def plain(text: Any) -> str:
    """User-provided text made inert for Streamlit's Markdown: shown as typed, never a link.

    Every element that renders Markdown (``st.error``, ``st.warning``, ``st.info``,
    ``st.success``, ``st.caption``, ``st.markdown``, ``st.write`` of a string, labels)
    gets user text — share-link values, uploaded files' names and cells, case ids,
    and library messages that quote them — only through this function (or
    :func:`tr_plain`). Each Markdown-active character is backslash-escaped (CommonMark
    escapes any ASCII punctuation, and the escape is invisible when rendered), so
    ``[clickme](http://evil.example)``, ``<http://x>``, ``http://x``, ``www.x``,
    ``a@b.c`` and ``:red[x]`` render as their characters. Underscores inside words stay
    as they are, so field names such as ``T_sink_out_C`` read the same in the source.
    """
    if isinstance(text, Message):  # a library message: in the session's language, its one-line screen form
        text = render_message(text, lang(), "short")
    s = _MD_SPECIAL.sub(r"\\\1", str(text))
    s = _MD_WWW.sub(r"\1\\.", s)
    return _MD_UNDERSCORE.sub(r"\\_", s)


def message_text(message: Any, form: str = "short", *, context: bool = True) -> str:
    """A library message (:mod:`heatcalc.present.messages`) in the session's language; plain text unchanged."""
    return render_message(message, lang(), form, context=context)


def tr_plain(key: str, **fmt) -> str:
    """:func:`tr` with every argument passed through :func:`plain` (the template's own Markdown stays)."""
    return tr(key, **{k: plain(v) for k, v in fmt.items()})


def language_switch() -> None:
    """Sidebar switch between English and Dutch (starts from ``?lang=`` when given)."""
    # The first value comes from the link as the widget's default (not set through session
    # state, which would override a click made while the first run is still going); the
    # label is in both languages so that the switch itself does not change when used.
    st.sidebar.radio("Language · Taal", LANGS, index=LANGS.index(lang()), key="lang", horizontal=True,
                     format_func=LANG_NAMES.get, on_change=_relabel)


#: Keys of choice widgets whose shown texts depend on the language.
_TRANSLATED_CHOICES = (WIDGET_PREFIX, "qs_focus", "cd_topology", "hr_source", "bt_f_")


def _relabel() -> None:
    """After a language switch, hand every choice widget its value again, so that the
    browser shows the option in the new language instead of the old text."""
    for k in list(st.session_state.keys()):
        if isinstance(k, str) and k.startswith(_TRANSLATED_CHOICES):
            try:
                st.session_state[k] = st.session_state[k]
            except Exception as exc:  # noqa: BLE001 - a widget that cannot be set keeps its text
                log.warning("app: could not relabel %s: %s", k, exc)


# --------------------------------------------------------------------------------------
# errors
@contextmanager
def guard(kind: str):
    """Run a block of the page; a heatcalc error becomes an inline ``st.error`` with its
    message, anything else a short message (the traceback goes to the server log).
    The rest of the page keeps working either way."""
    try:
        yield
    except HeatCalcError as exc:  # a coded error in the session's language (its English text otherwise)
        from heatcalc.core.messages import message_of
        from heatcalc.present.messages import render

        st.error(tr_plain("input_error", message=render(message_of(exc), lang(), "long")))
    except Exception as exc:  # noqa: BLE001 - never show a traceback to users
        log.exception("app: unexpected error in %s", kind)
        st.error(tr("unexpected_error", kind=f"{kind}: {type(exc).__name__}"))


# --------------------------------------------------------------------------------------
# examples and the canonical case inputs
def examples_dir() -> Path:
    from heatcalc.core.datafiles import DATA_DIR

    return Path(DATA_DIR) / "examples"


def example_names() -> list[str]:
    """File names of the library's example cases."""
    return sorted(p.name for p in examples_dir().glob("*.json"))


def read_case_json(raw: bytes | str) -> Case:
    """Parse a case JSON file's content (plain case or ``heatcalc evaluate --json``
    output) as data — never evaluated — and validate it.

    Raises
    ------
    InputError
        Not JSON, not an object, or an invalid case.
    """
    from heatcalc.core.errors import InputError

    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a JSON file: {exc}") from None
    except RecursionError:
        raise InputError("the case file is nested too deeply: a case is one JSON object whose values are numbers, "
                         "text or lists of text") from None
    if isinstance(data, dict) and isinstance(data.get("case"), dict):
        data = data["case"]
    return Case.from_dict(data)


def inputs_of(case: Case) -> dict[str, Any]:
    """Canonical inputs of a validated case (``options`` as a list of option codes)."""
    d = case.to_dict()
    d["options"] = [o for o in case.options if o != "all"]
    return d


def example_inputs(name: str = EXAMPLE_FILE) -> dict[str, Any]:
    return inputs_of(read_case_json((examples_dir() / name).read_bytes()))


def case_inputs() -> dict[str, Any]:
    """The canonical case inputs of the session (created on first use)."""
    if CASE_KEY not in st.session_state:
        st.session_state[CASE_KEY] = example_inputs()
    return st.session_state[CASE_KEY]


def set_case_inputs(inputs: dict[str, Any]) -> None:
    """Replace the case inputs (load, reset, URL) and make the widgets re-read them."""
    st.session_state[CASE_KEY] = dict(inputs)
    for k in list(st.session_state.keys()):
        if isinstance(k, str) and (k.startswith(WIDGET_PREFIX) or k.startswith("range_")):
            del st.session_state[k]


def case_dict(inputs: dict[str, Any] | None = None) -> dict[str, Any]:
    """The case as passed to the library: the fields that apply to the process, with
    ``None`` (default) left out."""
    inputs = case_inputs() if inputs is None else inputs
    kiln = inputs.get("process") in ("lime_kiln", "glass_furnace")
    skip = KILN_ONLY if not kiln else HEAT_ONLY
    out = {}
    for k, v in inputs.items():
        if k in skip or v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        if k == "options":
            v = ";".join(v) if v else "all"
        out[k] = v
    return out


KILN_ONLY = {"production_t_per_yr", "specific_energy_GJ_per_t"}
HEAT_ONLY = {"heat_demand_kW", "sink_medium", "T_sink_in_C", "T_sink_out_C", "source_medium", "T_source_in_C",
             "T_source_out_C", "source_heat_kW", "refrigerant", "eta_is", "dT_min_K"}


# --------------------------------------------------------------------------------------
# URL query parameters
def apply_query_params() -> None:
    """On the first run of a session, take case fields from the URL (once).

    Invalid values are reported and ignored; the rest of the link still applies.
    """
    if st.session_state.get("_qp_applied"):
        return
    st.session_state["_qp_applied"] = True
    qp = {k: st.query_params.get(k) for k in st.query_params.keys()}
    fields = {k: v for k, v in qp.items() if k in FIELDS}
    if not fields:
        return
    base = case_inputs()
    merged = {**case_dict(base), **fields}
    try:
        set_case_inputs(inputs_of(Case.from_dict(merged)))
        return
    except HeatCalcError as exc:
        st.session_state["_qp_error"] = str(exc)
    good = dict(case_dict(base))  # apply field by field, dropping the bad ones
    for k, v in fields.items():
        try:
            Case.from_dict({**good, k: v})
            good[k] = v
        except HeatCalcError:
            continue
    set_case_inputs(inputs_of(Case.from_dict(good)))


def share_params(case: Case | None = None) -> dict[str, str]:
    """Query parameters that reproduce the case: fields that differ from the schema
    defaults, plus the language."""
    d = case.to_dict() if case is not None else case_dict()
    defaults = {k: f.default for k, f in Case.model_fields.items() if not f.is_required()}
    out = {}
    for k, v in d.items():
        if v is None:
            continue
        dv = defaults.get(k)
        if k == "options":
            if v in ("all", ("all",)):
                continue
        elif dv is not None and not isinstance(dv, tuple) and v == dv:
            continue
        out[k] = _qp_text(v)
    out[QP_LANG] = lang()
    return out


def _qp_text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        s = f"{v:g}" if abs(v) < 1e15 else repr(v)
        # one mark before exactly three digits (45.125) is refused as ambiguous when read back: write 45.1250
        return s + "0" if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", s) else s
    return str(v)


def sync_query_params(params: dict[str, str]) -> None:
    """Show the parameters in the address bar (only when they changed)."""
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != params:
        st.query_params.from_dict(params)


def share_url(params: dict[str, str]) -> str:
    """Full link to the quick scan with these parameters."""
    base = ""
    try:
        url = st.context.url or ""
        base = url.split("?")[0]
        # the quick scan is the default page, at the root of the app
        for suffix in ("quick-scan", "cycle-designer", "hourly-grid", "batch", "report"):
            if base.rstrip("/").endswith("/" + suffix):
                base = base.rstrip("/")[: -len(suffix)]
    except Exception:  # noqa: BLE001 - no browser context (tests)
        base = ""
    return f"{base.rstrip('/')}/?{urlencode(params)}"


# --------------------------------------------------------------------------------------
# widgets bound to the canonical inputs
def _key(name: str) -> str:
    return WIDGET_PREFIX + name


def _sync(name: str, convert=None):
    def cb():
        v = st.session_state.get(_key(name))
        inputs = case_inputs()
        old = inputs.get(name)
        inputs[name] = convert(v) if convert else v
        keep_consistent(name, old, inputs[name])
    return cb


#: Notes of inputs adjusted by :func:`keep_consistent`: ``{field: text}``, shown once next to the field moved.
ADJUSTED_KEY = "_adjusted"


def keep_consistent(name: str, old: Any, new: Any) -> None:
    """After ``name`` changed from ``old`` to ``new``, move a *hidden* partner input that
    the new value contradicts, and leave a note for the page to show at ``name``.

    The sliders of the quick scan are always visible while their partners live in the
    "more inputs" expander; moving a slider past a partner the user cannot see would
    otherwise turn the whole page into an error. Rules (those of :class:`heatcalc.case.Case`):

    * ``T_source_in_C`` moved to or below a set ``T_source_out_C``: the outlet goes back
      to its default (inlet − 5 K).
    * ``T_sink_out_C`` moved to or below ``T_sink_in_C``: the inlet moves down, keeping
      the previous temperature lift of the sink (10 K if there was none).

    A partner typed directly into a conflict is not moved: its own error is shown at the
    field and the results of the last valid inputs stay on the page.
    """
    inputs = case_inputs()
    notes = st.session_state.setdefault(ADJUSTED_KEY, {})
    try:
        new_f = float(new)
    except (TypeError, ValueError):
        return
    if not math.isfinite(new_f):
        return
    if name == "T_source_in_C":
        out = inputs.get("T_source_out_C")
        if out is not None and float(out) >= new_f:
            inputs["T_source_out_C"] = None
            st.session_state.pop(_key("T_source_out_C"), None)
            notes[name] = tr("adjusted_source_out", old=fmt_number(out, 1, lang()))
    elif name == "T_sink_out_C":
        t_in = inputs.get("T_sink_in_C")
        if t_in is not None and float(t_in) >= new_f:
            gap = float(old) - float(t_in) if old is not None and float(old) > float(t_in) else 10.0
            lo = field_meta("T_sink_in_C")["min"]
            moved = new_f - gap if lo is None else max(new_f - gap, float(lo))
            if moved >= new_f:  # no room below the outlet: leave it to the case's own message
                return
            moved = math.floor(moved * 10) / 10
            inputs["T_sink_in_C"] = moved
            st.session_state.pop(_key("T_sink_in_C"), None)
            notes[name] = tr("adjusted_sink_in", old=fmt_number(t_in, 1, lang()), new=fmt_number(moved, 1, lang()))


def adjusted_note(name: str) -> str | None:
    """The note of an input adjusted for ``name`` in the last change (removed when read)."""
    return st.session_state.get(ADJUSTED_KEY, {}).pop(name, None)


def _init(name: str, value) -> None:
    if _key(name) not in st.session_state:
        st.session_state[_key(name)] = value


def _help(name: str, default: str | None = None, origin: str | None = None) -> str:
    return field_help(name, lang(), default=default, origin=origin)


def _schema_default_text(name: str) -> str | None:
    f = Case.model_fields[name]
    if f.is_required() or f.default is None:
        return None
    d = f.default
    if isinstance(d, tuple):
        d = ";".join(d)
    unit = field_meta(name)["unit"]
    return f"{d} {unit}" if unit not in ("-", "") else str(d)


def number_field(name: str, *, min_value=None, max_value=None, step=None, fmt: str | None = None,
                 optional: bool = False, container=None, placeholder: str | None = None,
                 integer: bool = False) -> Any:
    """``st.number_input`` for a case field, labelled with its unit."""
    c = container or st
    meta = field_meta(name)
    if min_value is None and meta["min"] is not None:  # an exclusive bound: one step above it
        min_value = meta["min"] + (step or 0.0) * meta["min_exclusive"]
    if max_value is None and meta["max"] is not None:
        max_value = meta["max"]
    if integer:
        min_value = None if min_value is None else int(min_value)
        max_value = None if max_value is None else int(max_value)
    value = case_inputs().get(name)
    if value is not None and integer:
        value = int(value)
    _init(name, value if (value is not None or optional) else min_value)
    return c.number_input(field_label(name, lang()), min_value=min_value, max_value=max_value, step=step,
                          format=fmt, key=_key(name), on_change=_sync(name),
                          help=_help(name, _schema_default_text(name)),
                          placeholder=placeholder)


def slider_field(name: str, lo: float, hi: float, step: float, *, container=None, help_text: str | None = None,
                 label: str | None = None, fmt: str | None = None, default_value: float | None = None) -> float:
    """``st.slider`` for a case field; the range widens (once, when the value is set)
    to include a value loaded from a file or a link.

    With ``default_value`` the field may be ``None`` ("use the default", e.g. the tariff
    data's price): the slider then shows the default, follows it when the default
    changes, and a slider left at the default keeps the field at ``None``.
    """
    c = container or st
    meta = field_meta(name)  # the slider's range stays inside the schema's bounds
    lo = lo if meta["min"] is None else max(lo, meta["min"])
    hi = hi if meta["max"] is None else min(hi, meta["max"])
    key, rkey = _key(name), "range_" + name
    value = case_inputs().get(name)
    if value is None and default_value is not None:
        value = default_value
        if key in st.session_state and not math.isclose(st.session_state[key], default_value, abs_tol=1e-9):
            st.session_state[key] = default_value  # the default moved (other tariff year)
    if rkey not in st.session_state or key not in st.session_state:
        v = lo if value is None else float(value)
        lo_, hi_ = min(lo, _floor(v, step)), max(hi, _ceil(v * 1.5, step) if v > hi else hi)
        st.session_state[rkey] = (lo_, hi_)
        st.session_state[key] = min(max(v, lo_), hi_)
    lo_, hi_ = st.session_state[rkey]
    if default_value is not None:
        if not (lo_ <= default_value <= hi_):
            lo_, hi_ = min(lo_, _floor(default_value, step)), max(hi_, _ceil(default_value, step))
            st.session_state[rkey] = (lo_, hi_)

        def to_case(v, d=default_value):
            return None if v is not None and math.isclose(v, d, abs_tol=1e-9) else v
        cb = _sync(name, to_case)
    else:
        cb = _sync(name)
    return c.slider(label or field_label(name, lang()), min_value=float(lo_), max_value=float(hi_), step=float(step),
                    key=key, on_change=cb, help=help_text or _help(name, _schema_default_text(name)), format=fmt)


def _floor(v: float, step: float) -> float:
    return math.floor(v / step) * step


def _ceil(v: float, step: float) -> float:
    return math.ceil(v / step) * step


def select_field(name: str, choices, *, kind: str | None = None, container=None, format_func=None) -> Any:
    """``st.selectbox`` for a choice field (choices shown in the session's language)."""
    from heatcalc.present.i18n import choice_label

    c = container or st
    choices = list(choices)
    value = case_inputs().get(name)
    _init(name, value if value in choices else choices[0])
    if st.session_state[_key(name)] not in choices:
        st.session_state[_key(name)] = choices[0]
    lang_now = lang()  # bound now: Streamlit may call format_func outside the script run
    fmt = format_func or (lambda v: choice_label(kind or name, v, lang_now))
    return c.selectbox(field_label(name, lang()), choices, key=_key(name), on_change=_sync(name), format_func=fmt,
                       help=_help(name, _schema_default_text(name)))


# --------------------------------------------------------------------------------------
# cached library calls
@st.cache_resource(max_entries=256, show_spinner=False)
def _evaluate_cached(case_json: str, data_folder: str = ""):
    from heatcalc.evaluation.annual import evaluate_case

    with user_data_in_use(data_folder):
        return evaluate_case(json.loads(case_json))


def evaluate(case: dict[str, Any]):
    """Evaluate a case through the cache (keyed on the case's canonical JSON and the session's own tables)."""
    return _evaluate_cached(json.dumps(case, sort_keys=True, default=str), user_data_folder())


# --------------------------------------------------------------------------------------
# the session's own tariff / price tables (heatcalc.money.overlay; docs/app.md, "Your own figures")
def user_overlay():
    """The session's :class:`heatcalc.money.overlay.Overlay` (its uploaded tables), or None."""
    held = st.session_state.get("_user_data")
    return held["overlay"] if held else None


def user_data_folder() -> str:
    """The merged data folder of the session's uploaded tables ("" for the shipped data)."""
    ov = user_overlay()
    return ov.folder if ov is not None else ""


@contextmanager
def user_data_in_use(data_folder: str | None = None):
    """Within the block heatcalc reads the session's own tables (or, given, the merged folder
    ``data_folder``); one block at a time in the server, so no other session sees them. Call library
    functions only inside it, never a Streamlit-cached one (its per-key lock and this one could deadlock)."""
    from heatcalc.money import overlay

    folder = user_data_folder() if data_folder is None else data_folder
    ov = user_overlay()
    if folder and (ov is None or ov.folder != folder):
        ov = overlay.Overlay(folder=folder)  # a cached call of a session whose tables changed since
    with overlay.using(ov if folder else None):
        yield


def set_user_tables(files) -> None:
    """Merge uploaded tables (Streamlit uploads) for this session, or keep the error for the sidebar.
    Each file keeps its name (a table may be matched by it)."""
    import tempfile

    from heatcalc.money import overlay

    folder = Path(tempfile.mkdtemp(prefix="heatcalc-upload-"))
    paths = []
    for f in files:
        p = folder / Path(f.name).name  # the name only: never a path the user chose
        p.write_bytes(f.getvalue())
        paths.append(p)
    try:
        ov = overlay.prepare(paths)
    except HeatCalcError as exc:
        st.session_state["_user_data"] = None
        st.session_state["_user_data_error"] = str(exc)
        return
    ov.rows = [{**r, "file": Path(r["file"]).name} for r in ov.rows]  # shown and reported by name only
    st.session_state["_user_data"] = {"overlay": ov, "ids": [f.file_id for f in files],
                                      "files": [Path(f.name).name for f in files]}
    st.session_state.pop("_user_data_error", None)


def clear_user_tables() -> None:
    """Back to the shipped data for this session."""
    st.session_state["_user_data"] = None
    st.session_state.pop("_user_data_error", None)


def user_tables_sidebar(container) -> None:
    """The upload of the session's own tables, what was merged (every number from the user) or why not."""
    files = container.file_uploader(tr("ud_upload"), type=["csv"], accept_multiple_files=True,
                                    help=tr("ud_upload_help"), key="qs_tariffs_upload")
    held = st.session_state.get("_user_data")
    if files and [f.file_id for f in files] != (held or {}).get("ids"):
        set_user_tables(files)
        held = st.session_state.get("_user_data")
    if err := st.session_state.get("_user_data_error"):
        container.error(tr_plain("ud_failed", message=err))
    if held:
        ov = held["overlay"]
        container.success(tr_plain("ud_applied", n=len(ov.rows), files=", ".join(held["files"])))
        import pandas as pd

        from heatcalc.core.numbers import localise

        container.markdown(f"**{tr('ud_numbers')}**")
        container.dataframe(pd.DataFrame({
            tr("ud_col_table"): [r["table"] for r in ov.rows],
            tr("ud_col_key"): [" ".join(str(v) for v in r["key"].values()) for r in ov.rows],
            tr("ud_col_value"): [localise(f"{r['value']:g}", lang()) for r in ov.rows],
            tr("ud_col_unit"): [r["unit"] for r in ov.rows]}), hide_index=True, key="qs_user_numbers")
        container.button(tr("ud_remove"), key="qs_user_data_remove", on_click=clear_user_tables)


@st.cache_data(show_spinner=False)
def _tariff_years(data_folder: str) -> tuple[list[int], dict[int, str]]:
    from heatcalc.case import TARIFF_YEARS
    from heatcalc.money.data_status import data_status

    years = data_status(TARIFF_YEARS, data_dir=data_folder or None)["years"]
    ok = [y for y in TARIFF_YEARS if years[y]["computes"]]
    why = {y: (list(years[y]["energy_tax"]["missing"]),
               [q for q, p in years[y]["prices"].items() if p["status"] == "missing"])
           for y in TARIFF_YEARS if y not in ok}
    return ok, why


#: A missing-band line of the data status (``gas: bands from 1,000 m3 upward`` / ``gas: no bands``).
_BANDS_FROM = re.compile(r"^(\w+): bands from ([\d,.]+) (\S+) upward$")
_NO_BANDS = re.compile(r"^(\w+): no bands$")


def _carrier(name: str) -> str:
    return tr(f"years_carrier_{name}") if name in ("gas", "electricity") else name


def _missing_text(tax: list[str], prices: list[str]) -> str:
    """What a tariff year lacks, in the session's language (the data status's lines, reworded)."""
    parts = []
    for line in tax:
        if m := _BANDS_FROM.match(line):
            parts.append(tr_plain("years_why_bands", carrier=_carrier(m[1]),
                                  start=fmt_number(float(m[2].replace(",", "")), 0, lang()), unit=m[3]))
        elif m := _NO_BANDS.match(line):
            parts.append(tr_plain("years_why_no_bands", carrier=_carrier(m[1])))
        else:
            parts.append(line)
    if prices:
        parts.append(tr_plain("years_why_prices", quantities=", ".join(prices)))
    return "; ".join(parts)


def tariff_years() -> tuple[list[int], dict[int, str]]:
    """Tariff years whose data compute (with the session's own tables), and for the others what is
    missing (from the data status), in the session's language."""
    ok, why = _tariff_years(user_data_folder())
    return ok, {y: _missing_text(*w) for y, w in why.items()}


@st.cache_data(max_entries=32, show_spinner=False)
def _default_prices(year: int, data_folder: str) -> dict:
    from heatcalc.money.tariffs import default_prices as dp

    with user_data_in_use(data_folder):
        return dp(int(year))


def default_prices(year: int) -> dict:
    """The tariff year's default prices (with the session's own price table)."""
    return _default_prices(int(year), user_data_folder())


def keep_widget_state(prefixes: tuple[str, ...] = ("cd_", "hr_")) -> None:
    """Keep the values of page-local widgets when the user visits another page.

    Streamlit drops the state of widgets a run does not draw; writing a value back
    into session state makes it survive. File uploaders and buttons cannot be set
    this way and are left alone (their keys contain ``upload`` or do not start with a
    listed prefix: page-local buttons are keyed without one). (The report page keeps
    its form in a store of its own, see ``views/report.py``.)
    """
    for k in list(st.session_state.keys()):
        if isinstance(k, str) and k.startswith(prefixes) and "upload" not in k:
            st.session_state[k] = st.session_state[k]


def run_started() -> None:
    """Mark the start of a script run (for the server time a page reports)."""
    st.session_state["_run_t0"] = time.perf_counter()


def run_ms() -> float:
    """Server time of the current script run so far [ms]."""
    t0 = st.session_state.get("_run_t0")
    return (time.perf_counter() - t0) * 1e3 if t0 is not None else float("nan")


class Timer:
    """Wall time of a block [ms] (shown as a caption so users see what a change costs)."""

    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.ms = (time.perf_counter() - self.t0) * 1e3
        return False


def num(x, decimals: int = 0) -> str:
    """A number in the session's language (``–`` for missing)."""
    return fmt_number(x, decimals, lang())


# --------------------------------------------------------------------------------------
# scenarios: saved quick-scan inputs compared side by side (session state only)
SCENARIO_KEY = "_scenarios"
#: Names of the scenario slots, in the order they are shown.
SCENARIO_NAMES = ("A", "B", "C")
#: Key figures of a scenario's best option: (result column, decimals, divisor, label key or None for the column's).
SCENARIO_FIGURES = (
    ("cop", 2, 1.0, None), ("P_el_kW", 0, 1.0, None), ("co2_saved_t_per_yr", 0, 1.0, None),
    ("saving_EUR_per_yr", 0, 1e3, "metric_saving"), ("capex_EUR", 0, 1.0, None), ("npv_EUR", 0, 1.0, None),
    ("payback_yr", 1, 1.0, None),
)


def scenarios() -> dict[str, dict[str, Any]]:
    """The saved scenarios, ``{name: {"inputs": ..., "case": ...}}`` in slot order."""
    store = st.session_state.setdefault(SCENARIO_KEY, {})
    return {n: store[n] for n in SCENARIO_NAMES if n in store}


def save_scenario(name: str) -> None:
    """Keep the current case inputs as scenario ``name`` (replacing what it held)."""
    if name not in SCENARIO_NAMES:
        return
    import copy

    inputs = copy.deepcopy(case_inputs())
    st.session_state.setdefault(SCENARIO_KEY, {})[name] = {"inputs": inputs, "case": case_dict(inputs)}
    st.session_state["_sc_msg"] = tr("sc_saved", name=name)


def remove_scenario(name: str) -> None:
    st.session_state.setdefault(SCENARIO_KEY, {}).pop(name, None)


def restore_scenario(name: str) -> None:
    """Put scenario ``name``'s inputs back into the quick scan's widgets."""
    import copy

    sc = scenarios().get(name)
    if sc is not None:
        set_case_inputs(copy.deepcopy(sc["inputs"]))


def scenario_row(res) -> dict[str, Any] | None:
    """The row a scenario is summarised by: the best option, else the first feasible one."""
    if res.best is not None:
        return res.best
    return next((r for r in res.rows if r["option"] != "baseline" and r.get("status") == "ok"), None)


def _input_text(name: str, value: Any, lang_now: str) -> str:
    from heatcalc.present.i18n import choice_label

    if value is None:
        return t("sc_default", lang_now)
    if name == "options":
        codes = [o for o in str(value).split(";") if o]
        return ", ".join(choice_label("option", o, lang_now) for o in codes) or choice_label("option", "all", lang_now)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang_now)
    if name.endswith("_year"):
        return str(value)
    if isinstance(value, (int, float)):
        v = float(value)
        decimals = 0 if v.is_integer() else (2 if abs(v) < 10 else 1)
        return fmt_number(v, decimals, lang_now)
    kind = {"baseline": "baseline"}.get(name, name)
    return choice_label(kind, str(value), lang_now)


def scenario_tables(results: dict[str, Any], cases: dict[str, dict], lang_now: str):
    """The side-by-side tables of the scenario view.

    Parameters
    ----------
    results : dict
        ``{name: CaseResult}`` of the scenarios that evaluate, in slot order.
    cases : dict
        ``{name: case dict}`` of the same scenarios.

    Returns
    -------
    figures : DataFrame
        One row per key figure (label with unit), one column per scenario: the best option,
        then the numbers in ``lang_now``; a cell that differs from the first scenario carries
        the difference in brackets.
    differs : DataFrame of bool
        Same shape: True where a cell differs from the first scenario (for highlighting).
    inputs : DataFrame
        The inputs in which the scenarios differ (one row per field).
    """
    import pandas as pd

    from heatcalc.present.i18n import choice_label, column_label

    names = list(results)
    rows = {n: scenario_row(results[n]) for n in names}
    label_option = t("best_option", lang_now)
    label_option = label_option[:1].upper() + label_option[1:]
    fig_rows, diff_rows, index = [], [], []
    opt = {n: (choice_label("option", r["option"], lang_now) if r else t("sc_no_option", lang_now))
           for n, r in rows.items()}
    index.append(label_option)
    fig_rows.append([opt[n] for n in names])
    diff_rows.append([opt[n] != opt[names[0]] for n in names])
    for col, dec, div, key in SCENARIO_FIGURES:
        label = t(key, lang_now) if key else column_label(col, lang_now)
        vals = {}
        for n in names:
            try:
                v = float(rows[n][col]) / div if rows[n] is not None else math.nan
            except (TypeError, ValueError, KeyError):
                v = math.nan
            vals[n] = v if math.isfinite(v) else math.nan
        first = vals[names[0]]
        cells, diffs = [], []
        for n in names:
            v = vals[n]
            text = fmt_number(v if not math.isnan(v) else None, dec, lang_now)
            differs = text != fmt_number(first if not math.isnan(first) else None, dec, lang_now)
            if differs and n != names[0] and not math.isnan(v) and not math.isnan(first):
                d = round(v, dec) - round(first, dec)  # the difference of the shown numbers
                text += f" ({'+' if d > 0 else ''}{fmt_number(d, dec, lang_now)})"
            cells.append(text)
            diffs.append(differs)
        index.append(label)
        fig_rows.append(cells)
        diff_rows.append(diffs)
    figures = pd.DataFrame(fig_rows, index=index, columns=names)
    differs = pd.DataFrame(diff_rows, index=index, columns=names)
    fields = [f for f in FIELDS if any(f in cases[n] for n in names) and f != "case_id"]
    in_rows, in_index = [], []
    for f in fields:
        raw = [cases[n].get(f) for n in names]
        if all(r == raw[0] for r in raw):
            continue
        in_index.append(field_label(f, lang_now))
        in_rows.append([_input_text(f, r, lang_now) for r in raw])
    inputs = pd.DataFrame(in_rows, index=in_index, columns=names)
    return figures, differs, inputs


def scenario_figures(results: dict[str, Any], lang_now: str):
    """Grouped bars per scenario: annual operating cost [k€/yr] and CO2 emissions [t/yr] of
    the existing supply and of the scenario's best option."""
    import plotly.graph_objects as go

    from heatcalc.present.plots import TEMPLATE

    names = list(results)
    base = {n: results[n].rows[0] for n in names}
    best = {n: scenario_row(results[n]) for n in names}

    def val(r, col, div=1.0):
        try:
            v = float(r[col]) / div
            return v if math.isfinite(v) else None
        except (TypeError, ValueError, KeyError):
            return None

    out = []
    for col, div, key in (("opex_EUR_per_yr", 1e3, "sc_cost_chart"), ("co2_t_per_yr", 1.0, "sc_co2_chart")):
        fig = go.Figure()
        fig.add_bar(name=t("sc_today", lang_now), x=names, y=[val(base[n], col, div) for n in names],
                    marker_color="#9D9D9D")
        fig.add_bar(name=t("sc_with_option", lang_now), x=names,
                    y=[val(best[n], col, div) if best[n] is not None else None for n in names],
                    marker_color="#D9480F")
        fig.update_layout(title=t(key, lang_now), barmode="group", height=320, margin=dict(l=60, r=20, t=50, b=40),
                          legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
                          separators=",." if lang_now == "nl" else ".,", template=TEMPLATE)
        fig.update_yaxes(rangemode="tozero", tickformat=",~r")
        out.append(fig)
    return out


def safe_file_stem(text: Any, limit: int = 60) -> str:
    """A download file name's stem from user text (a case id): letters, digits, ``.``, ``-`` and ``_``
    only, never a path; ``case`` when nothing is left."""
    s = re.sub(r"[^0-9A-Za-z._-]+", "_", str(text)).strip("._")
    return s[:limit] or "case"


# --------------------------------------------------------------------------------------
# the proposal block of a loaded case file (for the report page's form)
PROPOSAL_BLOCK_KEY = "_proposal_block"


def keep_proposal_block(raw: bytes | str, file_id: str) -> None:
    """Keep the ``proposal`` object of a loaded case file (``heatcalc report``'s proposal fields) for the
    report page to fill its form with, once per loaded file; a file without one clears it."""
    try:
        data = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = {}
    if isinstance(data, dict) and isinstance(data.get("case"), dict):
        data = data["case"]
    block = data.get("proposal") if isinstance(data, dict) else None
    st.session_state[PROPOSAL_BLOCK_KEY] = {"id": file_id, "block": block if isinstance(block, dict) else {}}
