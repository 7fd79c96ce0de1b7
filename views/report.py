"""Report — the customer proposal (PDF or HTML) of the current case, with the proposal's details.

Thin: takes the case from the quick scan's inputs and the proposal fields from the form
(customer, site, contact, supplier, proposal id, date, validity, the proposed option and an
optional supplier profile with logo), builds them with the library's
:func:`heatcalc.report.content.make_proposal` and renders with
:func:`heatcalc.report.render.report_bytes` — the same functions as ``heatcalc report``.
One Chromium session (kaleido) is kept for the app's lifetime so that each report costs
about a second of charts, not a browser start.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from pathlib import Path

import streamlit as st

from heatcalc.present.i18n import choice_label
from views import _shared as ui

st.title(ui.tr("page_report"))
st.caption(ui.tr("rp_intro"))

#: The page's texts in the session's language (in the one text table, present/i18n.py: keys ``rpl_*``).
_PAGE_TEXTS = (
    'format', 'lang', 'make', 'download', 'charts', 'made', 'case', 'form', 'customer', 'site', 'contact',
    'supplier', 'supplier_help', 'proposal_id', 'date', 'validity', 'validity_help', 'option', 'best',
    'profile', 'profile_help', 'logo', 'profile_ignored_logo', 'no_option', 'profile_bad', 'field_bad',
    'from_file', 'from_file_profile')
L = {k: ui.tr("rpl_" + k) for k in _PAGE_TEXTS}
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


@st.cache_resource(show_spinner=False)
def _renderer():
    from heatcalc.report.charts import ChartRenderer

    r = ChartRenderer()
    r.start(wait=False)
    return r


def _profile(upload, logo) -> tuple[object | None, str | None]:
    """The supplier profile of the uploads, read by the library from a private temporary folder.

    The uploaded file is parsed as data; its ``logo`` key (a path on the machine that wrote it)
    is replaced by the uploaded logo, so no file of the server is ever read. Returns the
    profile (or None) and a message when the profile named a logo path that was dropped.
    """
    from heatcalc.core.errors import InputError
    from heatcalc.report.content import load_supplier_profile

    if upload is None and logo is None:
        return None, None
    note = None
    data: dict = {}
    if upload is not None:
        raw = upload.getvalue()
        try:
            text = raw.decode("utf-8-sig")
            if upload.name.lower().endswith(".toml"):
                import tomllib

                data = tomllib.loads(text)
            else:
                data = json.loads(text)
        except UnicodeDecodeError:
            raise InputError("the file is not UTF-8 text") from None
        except ValueError as exc:  # JSON and TOML decode errors
            raise InputError(f"not valid {'TOML' if upload.name.lower().endswith('.toml') else 'JSON'}: {exc}") \
                from None
        if not isinstance(data, dict):
            raise InputError("the file must hold one object (keys name, logo, primary_colour, secondary_colour, "
                             "footer, validity_days)")
        if any(str(k).strip().lower() == "logo" and v not in (None, "") for k, v in data.items()) and logo is None:
            note = L["profile_ignored_logo"]
        data = {k: v for k, v in data.items() if str(k).strip().lower() != "logo"}
    with tempfile.TemporaryDirectory(prefix="heatcalc_app_profile_") as tmp:
        folder = Path(tmp)
        if logo is not None:
            suffix = Path(logo.name).suffix.lower()
            suffix = suffix if suffix in LOGO_SUFFIXES else ".png"
            (folder / f"logo{suffix}").write_bytes(logo.getvalue())
            data["logo"] = f"logo{suffix}"
        path = folder / "profile.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            prof = load_supplier_profile(path)
        except InputError as exc:  # the message names the temporary file: say the upload's name instead
            raise InputError(str(exc).replace(str(path), upload.name if upload is not None else "")
                             .replace(str(folder) + "/", "")) from None
    return dataclasses.replace(prof, path=None), note


case = ui.case_dict()
st.markdown(L["case"].format(case_id=ui.plain(case.get("case_id", "?"))))
res = None
with ui.guard("evaluate"):
    res = ui.evaluate(case)

# ---------------------------------------------------------------------------------------
# the proposal's details (the fields of heatcalc report --customer ... --supplier-profile)
# Streamlit drops a widget's value when the user visits another page; the form keeps its values in a store of its
# own (``_rp_keep``): each widget starts from the store (``value=``) and copies its value there when changed.
KEEP = "_rp_keep"


def _kept(key: str, default=None):
    return st.session_state.setdefault(KEEP, {}).get(key, default)


def _keep(key: str) -> None:
    st.session_state.setdefault(KEEP, {})[key] = st.session_state.get(key)


def _put(key: str, value) -> None:
    """Set a form value from outside the widget (the case file's proposal): into the store, and the widget
    redrawn from it."""
    st.session_state.setdefault(KEEP, {})[key] = value
    st.session_state.pop(key, None)


def _fill_from_case_file() -> str | None:
    """Start the form from the ``proposal`` object of the case file loaded on the quick scan (once per file).
    Returns a note when the block names a supplier profile (a path on the machine that wrote it: not followed)."""
    held = st.session_state.get(ui.PROPOSAL_BLOCK_KEY)
    if not held or st.session_state.get("_rp_filled_from") == held["id"]:
        return None
    st.session_state["_rp_filled_from"] = held["id"]
    block = {str(k).strip().lower().replace("-", "_"): v for k, v in held["block"].items()}
    for k in ("customer", "site", "contact", "proposal_id"):
        if isinstance(block.get(k), (str, int, float)) and not isinstance(block.get(k), bool):
            _put(f"rp_{k}", str(block[k])[:200])
    if isinstance(block.get("option"), str):
        _put("rp_option", block["option"].strip().lower())  # checked against the feasible options below
    try:
        _put("rp_date", dt.date.fromisoformat(str(block["date"]).strip()))
    except (KeyError, ValueError):
        pass
    try:
        days = int(block["validity_days"])
        if 1 <= days <= 3650:
            _put("rp_validity", days)
    except (KeyError, TypeError, ValueError):
        pass
    sp = block.get("supplier_profile")
    return L["from_file_profile"].format(name=Path(str(sp)).name) if sp not in (None, "") else L["from_file"]


filled_note = _fill_from_case_file()
st.subheader(L["form"])
if filled_note:
    st.caption(ui.plain(filled_note))
f1, f2, f3 = st.columns(3)
customer = f1.text_input(L["customer"], _kept("rp_customer", ""), key="rp_customer", max_chars=200,
                         on_change=_keep, args=("rp_customer",))
site = f2.text_input(L["site"], _kept("rp_site", ""), key="rp_site", max_chars=200, on_change=_keep, args=("rp_site",))
contact = f3.text_input(L["contact"], _kept("rp_contact", ""), key="rp_contact", max_chars=200, on_change=_keep,
                        args=("rp_contact",))
f1, f2, f3 = st.columns(3)
supplier = f1.text_input(L["supplier"], _kept("rp_supplier", ""), key="rp_supplier", max_chars=200,
                         help=L["supplier_help"], on_change=_keep, args=("rp_supplier",))
proposal_id = f2.text_input(L["proposal_id"], _kept("rp_proposal_id", ""), key="rp_proposal_id", max_chars=200,
                            on_change=_keep, args=("rp_proposal_id",))
lang_now = ui.lang()
ok_options = [r["option"] for r in (res.rows[1:] if res is not None else []) if r.get("status") == "ok"]
best_name = choice_label("option", res.best["option"], lang_now) if res is not None and res.best else "–"
option_labels = {"best": L["best"].format(name=best_name), **{o: choice_label("option", o, lang_now)
                                                              for o in ok_options}}
choices = list(option_labels)
wanted = _kept("rp_option", "best")
if wanted not in choices:  # an option that is no longer feasible (the case changed): the calculation's best
    wanted = "best"
    st.session_state.pop("rp_option", None)
option = f3.selectbox(L["option"], choices, index=choices.index(wanted), key="rp_option",
                      format_func=option_labels.get, on_change=_keep, args=("rp_option",))
f1, f2, f3 = st.columns(3)
date = f1.date_input(L["date"], _kept("rp_date", dt.date.today()), key="rp_date", format="YYYY-MM-DD",
                     on_change=_keep, args=("rp_date",))
validity = f2.number_input(L["validity"], min_value=1, max_value=3650, step=1, key="rp_validity",
                           value=_kept("rp_validity"), help=L["validity_help"], placeholder="30",
                           on_change=_keep, args=("rp_validity",))  # empty: the profile's, else none stated
f1, f2 = st.columns(2)
profile_up = f1.file_uploader(L["profile"], type=["json", "toml"], key="rp_profile_upload",
                              help=L["profile_help"])
logo_up = f2.file_uploader(L["logo"], type=["svg", "png", "jpg", "jpeg"], key="rp_logo_upload")
if res is not None and not ok_options:
    st.info(L["no_option"])

proposal = None
with ui.guard("proposal"):
    from heatcalc.core.errors import InputError
    from heatcalc.report.content import SupplierProfile, make_proposal

    profile_ok = True
    try:
        profile, note = _profile(profile_up, logo_up)
        if note:
            st.caption(note)
    except InputError as exc:  # no proposal until the profile is fixed or removed (never silently without it)
        st.error(ui.plain(L["profile_bad"].format(name=profile_up.name if profile_up is not None else "",
                                                   message=str(exc))))
        profile, profile_ok = None, False
    try:
        proposal = None if not profile_ok else make_proposal(
            customer=customer, site=site, contact=contact, proposal_id=proposal_id,
            option=None if option == "best" else option, date=date,
            validity_days=None if validity is None else int(validity))
    except InputError as exc:
        st.error(ui.plain(L["field_bad"].format(message=str(exc))))
        proposal = None
    if proposal is not None:
        if profile is not None:
            proposal.supplier = profile
        if supplier.strip():
            proposal.supplier = dataclasses.replace(proposal.supplier or SupplierProfile(), name=supplier.strip())

# ---------------------------------------------------------------------------------------
# make and download
st.subheader(L["make"])
c1, c2, c3 = st.columns(3)
fmt = c1.radio(L["format"], ["pdf", "html"], index=["pdf", "html"].index(_kept("rp_format", "pdf")), horizontal=True,
               key="rp_format", on_change=_keep, args=("rp_format",))
report_lang = _kept("rp_lang", "nl" if ui.lang() == "nl" else "en")
rlang = c2.radio(L["lang"], ["en", "nl"], index=["en", "nl"].index(report_lang), horizontal=True,
                 key="rp_lang", on_change=_keep, args=("rp_lang",),
                 format_func={"en": "English", "nl": "Nederlands"}.get)
charts = c3.checkbox(L["charts"], value=_kept("rp_charts", True), key="rp_charts", on_change=_keep,
                     args=("rp_charts",))

if st.button(L["make"], type="primary", key="report_make", disabled=res is None or proposal is None):
    with ui.guard("report"), st.spinner("…"):
        import time

        from heatcalc.report.render import report_bytes

        t0 = time.perf_counter()
        renderer = _renderer() if charts else None
        if renderer is not None and renderer.error:  # a browser that failed once: try a fresh one
            _renderer.clear()
            renderer = _renderer()
        with ui.user_data_in_use():  # the session's own tables: used and listed in the report
            data = report_bytes(res, fmt, rlang, renderer=renderer, proposal=proposal)
        stem = ui.safe_file_stem(proposal.proposal_id or case.get("case_id") or "case")
        st.session_state["rp_file"] = (data, fmt, rlang, time.perf_counter() - t0,
                                       (renderer.error if renderer is not None else None), stem)

if "rp_file" in st.session_state:
    data, f, lg, secs, err, stem = st.session_state["rp_file"]
    name = f"proposal_{stem}_{lg}.{f}"
    st.download_button(ui.plain(L["download"].format(name=name)), data=data, file_name=name,
                       mime="application/pdf" if f == "pdf" else "text/html", key="report_download")
    st.caption(L["made"].format(s=secs))
    if err:
        st.warning(ui.plain(err))
