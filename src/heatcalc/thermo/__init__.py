"""Thermodynamics: fluids (CoolProp), cycles, multi-stage and transcritical heat pumps, MVR, streams,
stream-matched (pinch) design, quick COP models, COP maps and the one cycle runner."""
