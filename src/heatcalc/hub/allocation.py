"""Dividing a hub's cost among its members.

Two rules, both adding up exactly to the hub's total cost:

* **proportional** — each member pays the hub total in proportion to what it would pay alone:
  ``x_i = c_i − (Σc − C_hub) · c_i / Σc`` (every member keeps the same share of its
  stand-alone cost; with stand-alone costs that are not all positive the saving is split
  equally instead);
* **Shapley value** — each member pays its average marginal cost over every order in which
  the members could have joined: ``x_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S∪{i}) − v(S))``
  with ``v(S)`` the least cost of coalition ``S`` dispatched together (each coalition one LP).

An allocation is *individually rational* when no member pays more than alone
(``x_i ≤ c_i``). With ``C_hub ≤ Σc`` the proportional rule always is; the Shapley value is
when the game is convex but not always. When the hub costs more than the members alone
(a heat link whose pipe does not pay), no allocation leaves everyone at least as well off,
and the result says so.

References
----------
L. S. Shapley, "A value for n-person games", in Contributions to the Theory of Games II,
Annals of Mathematics Studies 28, Princeton University Press, 1953, pp. 307-317.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from heatcalc.core.messages import Message, join

#: Tolerance of the individual-rationality check, relative to the member's stand-alone cost [-].
IR_RTOL = 1e-6

#: Absolute tolerance of the individual-rationality check [EUR].
IR_ATOL_EUR = 1.0


def proportional(total_EUR: float, alone_EUR: list[float]) -> list[float]:
    """Allocation proportional to stand-alone cost [EUR]; adds up to ``total_EUR``.

    >>> proportional(90.0, [60.0, 40.0])
    [54.0, 36.0]
    """
    s = float(sum(alone_EUR))
    saving = s - float(total_EUR)
    n = len(alone_EUR)
    if all(c > 0 for c in alone_EUR) and s > 0:
        return [c - saving * c / s for c in alone_EUR]
    return [c - saving / n for c in alone_EUR]


def shapley(n: int, value: Callable[[frozenset], float]) -> list[float]:
    """Shapley value of a cost game with ``n`` players [EUR].

    Parameters
    ----------
    n : int
        Number of members.
    value : callable
        ``value(frozenset of member indices) -> cost`` [EUR]; ``value(frozenset()) = 0`` is not asked.

    Returns
    -------
    list of float
        Each member's share; they add up to ``value(all members)``.

    Examples
    --------
    Two members with costs 10 and 20 alone and 24 together share the saving of 6 equally:

    >>> v = {frozenset({0}): 10.0, frozenset({1}): 20.0, frozenset({0, 1}): 24.0}
    >>> shapley(2, v.__getitem__)
    [7.0, 17.0]
    """
    cache: dict[frozenset, float] = {frozenset(): 0.0}

    def v(s: frozenset) -> float:
        if s not in cache:
            cache[s] = float(value(s))
        return cache[s]

    out = []
    fact = math.factorial
    for i in range(n):
        others = [j for j in range(n) if j != i]
        phi = 0.0
        for size in range(n):
            wgt = fact(size) * fact(n - size - 1) / fact(n)
            for s in itertools.combinations(others, size):
                fs = frozenset(s)
                phi += wgt * (v(fs | {i}) - v(fs))
        out.append(phi)
    return out


def individually_rational(alloc_EUR: list[float], alone_EUR: list[float]) -> list[bool]:
    """Whether each member pays at most its stand-alone cost (within :data:`IR_RTOL`, :data:`IR_ATOL_EUR`)."""
    return [x <= c + IR_ATOL_EUR + IR_RTOL * abs(c) for x, c in zip(alloc_EUR, alone_EUR)]


def allocate(total_EUR: float, alone_EUR: list[float], *, rule: str = "auto",
             shapley_EUR: list[float] | None = None, names: list[str] | None = None) -> dict:
    """Choose the allocation of the hub's cost and say whether it leaves anyone worse off.

    Parameters
    ----------
    total_EUR : float
        The hub's total cost [EUR].
    alone_EUR : list of float
        Each member's stand-alone cost [EUR].
    rule : {"auto", "shapley", "proportional"}
        ``auto``: the Shapley value when given and individually rational, else the
        proportional rule.
    shapley_EUR : list of float, optional
        The Shapley value (``None``: not computed).
    names : list of str, optional
        Member names for the message.

    Returns
    -------
    dict
        ``rule`` (the one used), ``allocated_EUR``, ``proportional_EUR``, ``shapley_EUR``,
        ``individually_rational`` (bool: nobody worse off than alone), ``message``.
    """
    names = names or [f"member {i}" for i in range(len(alone_EUR))]
    prop = proportional(total_EUR, alone_EUR)
    msgs: list[str] = []
    chosen, used = prop, "proportional"
    if rule in ("auto", "shapley") and shapley_EUR is not None:
        ok = individually_rational(shapley_EUR, alone_EUR)
        if all(ok) or rule == "shapley":
            chosen, used = shapley_EUR, "shapley"
        if not all(ok):
            worse = [Message("hub.worse_by", f"{nm} by {x - c:,.0f} EUR", member=nm, EUR=x - c)
                     for nm, x, c, good in zip(names, shapley_EUR, alone_EUR, ok) if not good]
            instead = "" if rule == "shapley" else "; the proportional rule is used instead"
            msgs.append(Message("hub.shapley_worse" if rule == "shapley" else "hub.shapley_worse_proportional",
                                "the Shapley value leaves " + ", ".join(worse) + " worse off than alone" + instead,
                                worse=join(worse, ", ")))
    elif rule == "shapley" and shapley_EUR is None:
        msgs.append(Message("hub.shapley_not_computed", "the Shapley value is computed for hubs of up to 6 members; "
                            "the proportional rule is used"))
    saving = float(sum(alone_EUR)) - float(total_EUR)
    ir = all(individually_rational(chosen, alone_EUR))
    if saving < -IR_ATOL_EUR:
        msgs.append(Message("hub.costs_more", f"the hub costs {-saving:,.0f} EUR more than its members alone: no "
                            "allocation leaves every member at least as well off as alone", EUR=-saving))
    elif not ir:
        msgs.append(Message("hub.member_worse_off", "the allocation used leaves a member worse off than alone"))
    return {"rule": used, "allocated_EUR": [float(x) for x in chosen], "proportional_EUR": prop,
            "shapley_EUR": None if shapley_EUR is None else [float(x) for x in shapley_EUR],
            "individually_rational": ir, "message": join(msgs)}
