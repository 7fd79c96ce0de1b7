"""Fuzz suite: hypothesis strategies (``strategies.py``) shared by the file, CLI and app fuzz tests."""
