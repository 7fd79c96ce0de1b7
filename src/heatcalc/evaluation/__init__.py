"""Orchestration: one case to result rows (annual) and one case over a year of hours (hourly)."""
