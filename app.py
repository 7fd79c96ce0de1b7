"""heatcalc app — entry point (``streamlit run app.py``).

Thin: page setup, language switch, the case inputs from the URL, and the page list.
The pages live in ``views/``; all computation is in ``src/heatcalc``.
"""
import streamlit as st

from views import _shared as ui

ui.run_started()
# The page icon is an emoji (the browser draws it into an inline SVG): a ":material/...:" icon would make the
# browser fetch its picture from an outside font server. The navigation's material icons come from the font
# Streamlit ships with itself (served by this server).
st.set_page_config(page_title="heatcalc", page_icon="♨️", layout="wide")
ui.language_switch()
ui.apply_query_params()
ui.keep_widget_state()

pages = [
    # The default page is served at the root, whatever its url_path (Streamlit resolves it as ""); a hidden
    # second entry of the same script answers /quick-scan, so that the page's own address works too.
    st.Page("views/quick_scan.py", title=ui.tr("page_quick_scan"), icon=":material/speed:", url_path="start",
            default=True),
    st.Page("views/quick_scan.py", title=ui.tr("page_quick_scan"), icon=":material/speed:", url_path="quick-scan",
            visibility="hidden"),
    st.Page("views/cycle_designer.py", title=ui.tr("page_cycle"), icon=":material/cycle:", url_path="cycle-designer"),
    st.Page("views/hourly_grid.py", title=ui.tr("page_hourly"), icon=":material/show_chart:", url_path="hourly-grid"),
    st.Page("views/batch.py", title=ui.tr("page_batch"), icon=":material/table_view:", url_path="batch"),
    st.Page("views/process_integration.py", title=ui.tr("page_integration"), icon=":material/device_hub:",
            url_path="process-integration"),
    st.Page("views/hub.py", title=ui.tr("page_hub"), icon=":material/hub:",
            url_path="region-hub"),
]
pages.append(st.Page("views/report.py", title=ui.tr("page_report"), icon=":material/description:",
                     url_path="report"))

st.navigation(pages).run()
