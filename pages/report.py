"""Report — download the customer proposal (PDF or HTML) of the current case.

Thin: takes the case from the quick scan's inputs, calls :mod:`heatcalc.report`
and offers the file. One Chromium session (kaleido) is kept for the app's lifetime
so that each report costs about a second of charts, not a browser start.
"""
import streamlit as st

from pages import _shared as ui

st.title(ui.tr("page_report"))
st.caption(ui.tr("rp_intro"))

LABELS = {
    "en": {"format": "Format", "lang": "Language of the report", "make": "Make the proposal",
           "download": "Download {name}", "charts": "With charts", "made": "Made in {s:.1f} s.",
           "case": "Case: {case_id} (change it on the quick scan page)"},
    "nl": {"format": "Formaat", "lang": "Taal van het rapport", "make": "Voorstel maken",
           "download": "{name} downloaden", "charts": "Met grafieken", "made": "Gemaakt in {s:.1f} s.",
           "case": "Case: {case_id} (wijzig hem op de quick-scan-pagina)"},
}
L = LABELS["nl" if ui.lang() == "nl" else "en"]


@st.cache_resource(show_spinner=False)
def _renderer():
    from heatcalc.report.charts import ChartRenderer

    r = ChartRenderer()
    r.start(wait=False)
    return r


case = ui.case_dict()
st.markdown(L["case"].format(case_id=ui.plain(case.get("case_id", "?"))))
c1, c2, c3 = st.columns(3)
fmt = c1.radio(L["format"], ["pdf", "html"], horizontal=True, key="rp_format")
rlang = c2.radio(L["lang"], ["en", "nl"], index=1 if ui.lang() == "nl" else 0, horizontal=True, key="rp_lang",
                 format_func={"en": "English", "nl": "Nederlands"}.get)
charts = c3.checkbox(L["charts"], value=True, key="rp_charts")

if st.button(L["make"], type="primary", key="rp_make"):
    with ui.guard("report"), st.spinner("…"):
        import time

        from heatcalc.report.render import report_bytes

        t0 = time.perf_counter()
        res = ui.evaluate(case)
        renderer = _renderer() if charts else None
        if renderer is not None and renderer.error:  # a browser that failed once: try a fresh one
            _renderer.clear()
            renderer = _renderer()
        data = report_bytes(res, fmt, rlang, renderer=renderer)
        st.session_state["rp_file"] = (data, fmt, rlang, time.perf_counter() - t0,
                                       (renderer.error if renderer is not None else None))

if "rp_file" in st.session_state:
    data, f, lg, secs, err = st.session_state["rp_file"]
    name = f"proposal_{case.get('case_id', 'case')}_{lg}.{f}".replace(" ", "_")
    st.download_button(L["download"].format(name=name), data=data, file_name=name,
                       mime="application/pdf" if f == "pdf" else "text/html", key="rp_download")
    st.caption(L["made"].format(s=secs))
    if err:
        st.warning(ui.plain(err))
