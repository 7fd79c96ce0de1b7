"""Foundations every layer uses: units, errors, number formats, JSON, the data loader, a bounded optimiser."""
