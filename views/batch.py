"""Batch — many sites from one CSV: validation per row before running, a progress bar,
the results table with filters, CSV and Excel downloads."""
from __future__ import annotations

import hashlib
import io
import math
import re
import shutil
import tempfile
import weakref
from pathlib import Path

import pandas as pd
import streamlit as st

from heatcalc.present.i18n import choice_label, column_label
from views import _shared as ui

L = ui.lang()
st.title(ui.tr("page_batch"))
st.caption(ui.tr("bt_intro"))

from heatcalc import batch  # noqa: E402

class _UploadDir:
    """A private folder (``tempfile.mkdtemp``: mode 0700, unique name) for this session's uploads.

    It is kept in the session state; a ``weakref.finalize`` removes the folder when the
    session's state is dropped (the browser tab closed and the session expired) and, at
    the latest, when the server process exits (``finalize`` runs at interpreter exit).
    """

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="heatcalc_app_batch_"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.path), ignore_errors=True)

    def remove(self) -> None:
        self._finalizer()


def _upload_dir() -> Path:
    holder = st.session_state.get("_bt_upload_dir")
    if holder is None or not holder.path.is_dir():
        holder = st.session_state["_bt_upload_dir"] = _UploadDir()
    return holder.path


def _store(name: str, raw: bytes) -> Path:
    """Keep an upload as a file for the library's reader (named by its content hash) in the
    session's private folder; the session's previous upload is removed."""
    digest = hashlib.sha256(raw).hexdigest()[:20]
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".csv", ".txt", ".xlsx") else ".csv"
    folder = _upload_dir()
    p = folder / f"{digest}{suffix}"
    for old in folder.iterdir():
        if old != p:
            old.unlink(missing_ok=True)
    if not p.exists():
        p.write_bytes(raw)
    return p


@st.cache_data(max_entries=16, show_spinner=False)
def _validate(path_str: str, digest: str, shown_name: str = "") -> dict:
    """Read every row and check it against the case schema (no evaluation); messages name the file
    as the user knows it (``shown_name``), never by its path on the server."""
    from heatcalc.case import Case
    from heatcalc.core.errors import HeatCalcError

    reader = batch.open_table(path_str)
    try:
        cmap = batch.map_columns(reader.header, shown_name or Path(path_str).name)
        problems, n, cid_idx = [], 0, cmap.case_id_index
        for raw in reader.rows():
            n += 1
            cid = raw.cells[cid_idx] if cid_idx is not None and cid_idx < len(raw.cells) else None
            if raw.error:
                problems.append({"row": raw.row, "case_id": cid, "message": raw.error})
                continue
            record = {f: raw.cells[i] for i, f in cmap.fields if i < len(raw.cells) and raw.cells[i] is not None}
            try:
                Case.from_dict(record)
            except HeatCalcError as exc:
                problems.append({"row": raw.row, "case_id": cid, "message": str(exc)})
        for p in problems:
            p["message"] = _hide_path(p["message"], path_str, shown_name)
        return {"rows": n, "problems": problems, "fields": [f for _, f in cmap.fields],
                "passthrough": cmap.passthrough_names, "sep": reader.style.sep, "decimal": reader.style.decimal}
    finally:
        reader.close()


def _hide_path(text: str, path: str, name: str) -> str:
    """``text`` with the server's path of a file (and its folder) replaced by the file's name."""
    text = text.replace(path, name or Path(path).name)
    folder = str(Path(path).parent)
    return text.replace(folder + "/", "").replace(folder, "") if folder not in ("", ".", "/") else text


def _excel_bytes(df: pd.DataFrame) -> bytes:
    """The results as .xlsx through the library's download writer (text cells made formula-safe)."""
    from heatcalc.batch.writers import xlsx_download_bytes

    return xlsx_download_bytes(df)


#: Decimals shown per result column (the contract's number formats; others: 0, text as text).
def _decimals(col: str) -> int | None:
    from heatcalc.columns import EXTRA_FORMATS, ROW_FORMATS

    f = ROW_FORMATS.get(col) or EXTRA_FORMATS.get(col)
    if f is None:
        return None
    m = re.search(r"\.(\d+)f", f)
    return int(m.group(1)) if m else 0


BOOL_COLS = ("fits_grid", "best", "connection_upgrade")


def display_table(df: pd.DataFrame, lang_now: str) -> pd.DataFrame:
    """The results for the screen: labelled columns with units (EN/NL), numbers in the session's
    language, options and statuses by name, and empty cells where a row has no value."""
    from heatcalc.columns import COLUMN_LABELS
    from heatcalc.present.i18n import column_label, fmt_number, t

    out = {}
    for c in df.columns:
        col = df[c]
        missing = col.isna()
        if c == "option":
            vals = [choice_label("option", v, lang_now) for v in col.fillna("")]
        elif c == "status":
            vals = [choice_label("status", v, lang_now) for v in col.fillna("")]
        elif c in BOOL_COLS:
            vals = [t("yes", lang_now) if str(v).lower() in ("true", "1") else t("no", lang_now) for v in col]
        elif pd.api.types.is_numeric_dtype(col) and c != "input_row":
            d = _decimals(c)
            if d is None:
                d = 2 if c in ("irr",) else (3 if col.abs().max(skipna=True) < 10 else 0)
            vals = [fmt_number(v, d, lang_now) for v in col]
        else:
            vals = [str(v) for v in col]
        vals = ["" if m else v for v, m in zip(vals, missing)]
        label = column_label(c, lang_now) if c in COLUMN_LABELS else (
            ui.t("bt_row", lang_now) if c == "input_row" else c)
        out[label] = vals
    return pd.DataFrame(out, index=df.index)


# ---------------------------------------------------------------------------------------
c1, c2 = st.columns([2, 1])
up = c1.file_uploader(ui.tr("bt_upload"), type=["csv", "txt", "xlsx"], help=ui.tr("bt_upload_help"), key="bt_upload")
if up is not None and st.session_state.get("_bt_upload_id") != up.file_id:
    st.session_state["_bt_upload_id"] = up.file_id  # a new upload is what the user wants to see
    st.session_state["bt_use_example"] = False
st.session_state.setdefault("bt_use_example", up is None)
use_example = c2.toggle(ui.tr("bt_example"), key="bt_use_example")
if up is not None and use_example:
    c1.info(ui.tr_plain("bt_upload_ignored", name=up.name))
path = None
stem = "heatcalc"  # the download's name: the upload's own name (as a safe stem), never a server path
shown_name = ""
if up is not None and not use_example:
    stem, shown_name = Path(up.name).stem, Path(up.name).name
    path = _store(up.name, up.getvalue())
elif use_example:
    from heatcalc.core.datafiles import DATA_DIR

    ex = Path(DATA_DIR) / "examples" / "sites_25.csv"
    path = ex if ex.exists() else None
    stem, shown_name = ex.stem, ex.name

info = None
if path is not None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with ui.guard("reading the file"):
        try:
            info = _validate(str(path), digest, shown_name)
        except ui.HeatCalcError as exc:
            st.error(ui.tr_plain("bt_read_error", message=_hide_path(str(exc), str(path), shown_name)))

if info is not None:
    st.subheader(ui.tr("bt_validation"))
    n_bad = len({p["row"] for p in info["problems"]})
    (st.success if n_bad == 0 else st.warning)(ui.tr("bt_rows_ok", n_ok=info["rows"] - n_bad, n=info["rows"]))
    st.caption(ui.tr_plain("bt_columns", cols=", ".join(info["fields"]))
               + (f" · pass-through: {ui.plain(', '.join(info['passthrough']))}" if info["passthrough"] else ""))
    if info["problems"]:
        problems = pd.DataFrame(info["problems"]).reindex(columns=["row", "case_id", "message"])
        problems["case_id"] = problems["case_id"].fillna("")
        problems.columns = [ui.tr("bt_row"), column_label("case_id", L), column_label("message", L)]
        st.dataframe(problems, hide_index=True, width="stretch", key="bt_problems")

    key = f"bt_result:{digest}"
    if st.button(ui.tr("bt_run"), type="primary", key="bt_run"):
        bar = st.progress(0.0, text=ui.tr("bt_progress", done=0, n=info["rows"]))

        def progress(done: int, total: int | None) -> None:
            total = total or info["rows"] or 1
            bar.progress(min(done / total, 1.0), text=ui.tr("bt_progress", done=done, n=total))

        with ui.guard("batch"), tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "results.csv"
            n = max(info["rows"], 1)
            summary = batch.run_batch(path, out, workers=1 if n <= 200 else None,
                                      chunk_rows=max(1, min(200, math.ceil(n / 20))), progress=progress)
            csv_bytes = out.read_bytes()
            df = pd.read_csv(io.BytesIO(csv_bytes), sep=info["sep"], decimal=info["decimal"],
                             encoding="utf-8-sig", keep_default_na=True)
            # the summary's last line names the server's temporary output file: not for the screen
            text = _hide_path(summary.text(), str(out), f"{ui.safe_file_stem(stem)}_results.csv")
            st.session_state[key] = {"csv": csv_bytes, "df": df, "summary": text, "stem": stem}
            bar.progress(1.0, text=ui.plain(summary.text().splitlines()[0]))

    res = st.session_state.get(key)
    if res is not None:
        st.subheader(ui.tr("bt_results"))
        st.caption(ui.plain(res["summary"].splitlines()[0]) + " · "
                   + ui.plain(" · ".join(res["summary"].splitlines()[1:2])))
        df = res["df"]
        f1, f2, f3 = st.columns(3)
        statuses = sorted(df["status"].dropna().unique().tolist())
        sel_status = f1.multiselect(ui.tr("bt_filter_status"), statuses, default=statuses, key="bt_f_status",
                                    format_func=lambda s: choice_label("status", s, L))
        options = sorted(o for o in df["option"].dropna().unique().tolist() if o)
        sel_opt = f2.multiselect(ui.tr("bt_filter_option"), options, default=options, key="bt_f_option",
                                 format_func=lambda o: choice_label("option", o, L))
        only_best = f3.checkbox(ui.tr("bt_filter_best"), key="bt_f_best")
        view = df[df["status"].isin(sel_status) & (df["option"].isin(sel_opt) | df["option"].isna())]
        if only_best and "best" in view.columns:
            view = view[view["best"].astype(str).str.lower().isin(("true", "1"))]
        shown = display_table(view, L)
        st.dataframe(shown, hide_index=True, width="stretch", key="bt_table",
                     column_config={c: st.column_config.TextColumn(c) for c in shown.columns})
        stem = ui.safe_file_stem(res.get("stem") or "heatcalc") + "_results"
        d1, d2 = st.columns(2)
        d1.download_button(ui.tr("bt_download_csv"), res["csv"], file_name=f"{stem}.csv", mime="text/csv",
                           key="bt_dl_csv")
        with ui.guard("excel"):
            if "xlsx" not in res:
                res["xlsx"] = _excel_bytes(df)
            d2.download_button(ui.tr("bt_download_xlsx"), res["xlsx"], file_name=f"{stem}.xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               key="bt_dl_xlsx")
