"""Process integration: a site's hot and cold process streams, their pinch targets and
where a heat pump pays off.

* :mod:`heatcalc.integration.streams` — the stream inventory (CSV, JSON or a list of
  records), validated once with errors that name the row, column, value, unit and range;
* :mod:`heatcalc.integration.pinch` — the problem table algorithm (shifted temperatures,
  heat cascade): pinch, minimum hot and cold utility, composite and grand composite curves;
* :mod:`heatcalc.integration.heat_pump` — a heat pump placed on the grand composite curve
  for a given electrical power, designed with :func:`heatcalc.thermo.topologies.run_cycle`.

Only numpy is needed for the targets; the heat-pump placement loads CoolProp when it is
first called. This package is unrelated to :mod:`heatcalc.thermo.pinch` (the design of one
heat pump's exchangers against one sink and one source stream).
"""
from __future__ import annotations

from heatcalc.integration.pinch import PinchTargets, pinch_targets
from heatcalc.integration.streams import ProcessStream, read_streams, streams_from_records

__all__ = ["PinchTargets", "ProcessStream", "pinch_targets", "read_streams", "streams_from_records"]
