"""Regional hubs: neighbouring sites sharing grid capacity and heat, dispatched together.

* :mod:`heatcalc.hub.reader` — the hub file (``read_hub``, ``hub_from_dict``) and its checks;
* :mod:`heatcalc.hub.model` — members prepared as ``heatcalc hourly`` prepares a case, heat links,
  and the joint dispatch LP on HiGHS (``solve``);
* :mod:`heatcalc.hub.allocation` — proportional and Shapley allocation of the hub's cost;
* :mod:`heatcalc.hub.run` — ``run_hub``: every member alone, the hub together, the allocation.

See docs/hub.md.
"""

from heatcalc.hub.reader import HeatLinkSpec, HubSpec, MemberSpec, hub_from_dict, read_hub

__all__ = ["HeatLinkSpec", "HubSpec", "MemberSpec", "hub_from_dict", "read_hub", "run_hub"]


def run_hub(*args, **kwargs):
    """:func:`heatcalc.hub.run.run_hub` (imported when first called: it loads the hourly run)."""
    from heatcalc.hub.run import run_hub as _run

    return _run(*args, **kwargs)
