"""Presentation shared by the app and the report: texts in English and Dutch, plotly figures."""
