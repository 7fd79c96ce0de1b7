"""Reading and checking a hub file (``heatcalc hub hub.json``).

A hub file is one JSON object::

    {"hub_id": "estate-west",
     "shared_capacity_kW": 6000,                      # or a CSV file with timestamp, shared_capacity_kW
     "transport_right": "group_transport_agreement",  # optional, descriptive
     "allocation": "auto",                            # optional: auto, shapley, proportional
     "members": [{"case": {case object}, "profiles": "dairy.csv", "storage_kWh": 20000, ...}, ...],
     "heat_links": [{"from": "dairy", "to": "biotech", "heat_kW": 800, "T_C": 60, "distance_m": 400}]}

Every error is an :class:`~heatcalc.core.errors.InputError` that names the field as
the user wrote it (``members[1].storage_kWh``, ``heat_links[0].distance_m``), the
value, its unit and the valid range. Paths of profile files are relative to the hub
file.
"""
from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from heatcalc.case import Case
from heatcalc.core.errors import InputError
from heatcalc.core.messages import Message, message_of

#: Largest number of members of one hub.
MAX_MEMBERS = 50

#: Largest hub for which the Shapley value is computed (2**n − 1 coalitions, each one LP).
SHAPLEY_MAX_MEMBERS = 6

#: Allocation rules.
ALLOCATIONS = ("auto", "shapley", "proportional")

#: Transport-right types a shared contract may name (descriptive: the model treats every type as one shared limit).
TRANSPORT_RIGHTS = ("group_transport_agreement", "cable_pooling", "firm", "time_bound", "time_block", "flexible")

_HUB_KEYS = ("hub_id", "shared_capacity_kW", "transport_right", "allocation", "members", "heat_links",
             "shared_assets", "objective", "cost_cap_EUR", "cost_cap_pct", "notes")

#: Objectives of the hub dispatch: least cost, or least CO2 under a cost cap.
OBJECTIVES = ("cost", "co2")

#: Kinds of shared asset: an electric battery behind the shared capacity, and a shared heat network's
#: e-boiler, heat pump and heat store.
ASSET_KINDS = ("battery", "eboiler", "heat_pump", "heat_store")

#: Heat assets (on the shared heat network).
HEAT_ASSET_KINDS = ("eboiler", "heat_pump", "heat_store")

_ASSET_KEYS = {"battery": ("kind", "name", "site", "capacity_kWh", "power_kW", "capex_EUR", "notes"),
               "eboiler": ("kind", "name", "site", "heat_kW", "T_C", "serves", "distance_m", "capex_EUR", "notes"),
               "heat_pump": ("kind", "name", "site", "heat_kW", "T_C", "T_source_C", "cop", "serves", "distance_m",
                             "capex_EUR", "notes"),
               "heat_store": ("kind", "name", "site", "capacity_kWh", "power_kW", "T_C", "serves", "distance_m",
                              "capex_EUR", "notes")}

#: (unit, low, high) of the numeric fields of a shared asset.
_ASSET_NUM = {"capacity_kWh": ("kWh", 0.0, 1e9), "power_kW": ("kW", 0.0, 1e7), "heat_kW": ("kW", 0.0, 1e7),
              "T_C": ("°C", 0.0, 400.0), "T_source_C": ("°C", -50.0, 300.0), "cop": ("-", 1.0, 50.0),
              "distance_m": ("m", 0.0, 1e5), "capex_EUR": ("EUR", 0.0, 1e10)}

#: Required numeric fields per asset kind.
_ASSET_REQUIRED = {"battery": ("capacity_kWh", "power_kW"), "eboiler": ("heat_kW", "T_C"),
                   "heat_pump": ("heat_kW", "T_C", "T_source_C"), "heat_store": ("capacity_kWh", "T_C")}
_MEMBER_KEYS = ("case", "profiles", "capacity_kW", "storage_kWh", "storage_kW", "storage_kind", "hp_kW",
                "eboiler_kW", "gas_kW")
_LINK_KEYS = ("from", "to", "heat_kW", "T_C", "distance_m", "loss_W_per_m", "capex_EUR_per_m", "om_share_per_yr",
              "notes")

#: (unit, low, high) of the numeric fields of a member and a heat link.
_MEMBER_NUM = {"capacity_kW": ("kW", 0.0, 1e7), "storage_kWh": ("kWh", 0.0, 1e9), "storage_kW": ("kW", 0.0, 1e7),
               "hp_kW": ("kW", 0.0, 1e7), "eboiler_kW": ("kW", 0.0, 1e7), "gas_kW": ("kW", 0.0, 1e7)}
_LINK_NUM = {"heat_kW": ("kW", 0.0, 1e7), "T_C": ("°C", 0.0, 400.0), "distance_m": ("m", 0.0, 1e5),
             "loss_W_per_m": ("W/m", 0.0, 1e4), "capex_EUR_per_m": ("EUR/m", 0.0, 1e6),
             "om_share_per_yr": ("share/yr", 0.0, 1.0)}


@dataclass
class MemberSpec:
    """One member of a hub: a case, its profiles and its units.

    Attributes
    ----------
    case : Case
    profiles : Profiles or None
        The member's profiles (``None``: constant at the case values).
    capacity_kW : float or None
        The member's share of the shared capacity when it runs alone [kW]; ``None``:
        proportional to its stand-alone peak (see :mod:`heatcalc.hub.model`).
    storage_kWh, storage_kW : float
        Thermal storage capacity [kWh] and charge/discharge limit [kW] (``inf``: not limiting).
    storage_kind : str or None
    hp_kW, eboiler_kW, gas_kW : float or None
        Unit sizes as ``heatcalc hourly --hp-kW/--eboiler-kW/--gas-kW`` [kW].
    """

    case: Case
    profiles: object = None
    capacity_kW: float | None = None
    storage_kWh: float = 0.0
    storage_kW: float = math.inf
    storage_kind: str | None = None
    hp_kW: float | None = None
    eboiler_kW: float | None = None
    gas_kW: float | None = None

    @property
    def case_id(self) -> str:
        return str(self.case.case_id)


@dataclass
class HeatLinkSpec:
    """A pipe carrying heat from one member to another.

    Attributes
    ----------
    from_id, to_id : str
        ``case_id`` of the member giving and of the member taking the heat.
    heat_kW : float or None
        Heat the giving member has available [kW] (constant).
    heat_profile : Profiles or None
        Or an hourly profile of it (column ``heat_kW`` of a CSV, read into ``heat_demand_kW``).
    T_C : float
        Temperature of the heat delivered [°C].
    distance_m : float
        Route length [m].
    loss_W_per_m, capex_EUR_per_m, om_share_per_yr : float or None
        Pipe figures replacing the defaults of ``data/heat_links.csv``.
    """

    from_id: str
    to_id: str
    T_C: float
    distance_m: float
    heat_kW: float | None = None
    heat_profile: object = None
    loss_W_per_m: float | None = None
    capex_EUR_per_m: float | None = None
    om_share_per_yr: float | None = None
    label: str = ""


@dataclass
class SharedAssetSpec:
    """An asset the members share.

    Attributes
    ----------
    kind : str
        ``battery`` (electricity, behind the shared capacity), ``eboiler``, ``heat_pump`` or
        ``heat_store`` (on the shared heat network).
    name : str
        Unique label (default ``<kind><index>``).
    site : str
        ``case_id`` of the member at whose connection the asset stands: its electricity is bought at that
        member's marginal price, and a coalition has the asset only when the site member is in it.
    capacity_kWh, power_kW : float or None
        Battery or heat-store content [kWh] and charge/discharge limit [kW] (``None`` for a store: not
        limiting).
    heat_kW : float or None
        Rated heat output of a shared e-boiler or heat pump [kW].
    T_C : float or None
        Temperature at which a heat asset delivers heat to the members [°C].
    T_source_C : float or None
        Heat source temperature of a shared heat pump [°C].
    cop : float or None
        A shared heat pump's COP (the supplier's figure; default the Carnot fraction of
        ``data/cop_models.csv``); never above Carnot between ``T_source_C`` and ``T_C``.
    serves : list of str
        Members the heat network reaches (default all).
    distance_m : float
        Pipe route from the site to the members served [m].
    capex_EUR : float or None
        Investment replacing the default from the data files.
    """

    kind: str
    name: str
    site: str
    capacity_kWh: float | None = None
    power_kW: float | None = None
    heat_kW: float | None = None
    T_C: float | None = None
    T_source_C: float | None = None
    cop: float | None = None
    serves: list[str] = field(default_factory=list)
    distance_m: float = 0.0
    capex_EUR: float | None = None

    @property
    def is_heat(self) -> bool:
        return self.kind in HEAT_ASSET_KINDS


@dataclass
class HubSpec:
    """A checked hub file.

    Attributes
    ----------
    hub_id : str
    shared_capacity_kW : float or None
        Constant shared capacity [kW].
    shared_profile : Profiles or None
        Or an hourly profile of it (read into the ``grid_capacity_kW`` column).
    transport_right : str or None
    allocation : str
        ``auto``, ``shapley`` or ``proportional``.
    members : list of MemberSpec
    heat_links : list of HeatLinkSpec
    shared_assets : list of SharedAssetSpec
    objective : str
        ``cost`` (default) or ``co2``: least CO2 with the cost at most ``cost_cap_EUR`` (the hub's) or
        ``cost_cap_pct`` per cent above the least cost (every coalition, alone included).
    cost_cap_EUR, cost_cap_pct : float or None
    source : str
        The hub file (or ``<dict>``).
    """

    hub_id: str
    members: list[MemberSpec]
    shared_capacity_kW: float | None = None
    shared_profile: object = None
    transport_right: str | None = None
    allocation: str = "auto"
    heat_links: list[HeatLinkSpec] = field(default_factory=list)
    shared_assets: list[SharedAssetSpec] = field(default_factory=list)
    objective: str = "cost"
    cost_cap_EUR: float | None = None
    cost_cap_pct: float | None = None
    source: str = "<dict>"


def _num(where: str, value, unit: str, lo: float, hi: float) -> float:
    """A finite number in [lo, hi], else an InputError naming ``where``."""
    u = f" {unit}" if unit else ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                value = float(value.strip().replace(",", "."))
            except ValueError:
                raise InputError(_not_a_number(where, value, u, lo, hi)) from None
        else:
            raise InputError(_not_a_number(where, value, u, lo, hi))
    v = float(value)
    if not (math.isfinite(v) and lo <= v <= hi):
        raise InputError(Message("hub.out_of_range", f"{where}={value!r}{u} is out of range: valid is {lo:g} to "
                                 f"{hi:,.0f}{u}", where=where, value=repr(value), unit=u, lo=lo, hi=hi))
    return v


def _not_a_number(where: str, value, u: str, lo: float, hi: float) -> Message:
    return Message("hub.not_a_number", f"{where}={value!r} is not a number; valid: {lo:g} to {hi:,.0f}{u}",
                   where=where, value=repr(value), unit=u, lo=lo, hi=hi)


def _choice(field: str, value, choices) -> InputError:
    """``<field>=<value> is not known; choices: …`` (code ``hub.choice_unknown``)."""
    c = ", ".join(choices)
    return InputError(Message("hub.choice_unknown", f"{field}={value!r} is not known; choices: {c}", field=field,
                              value=repr(value), choices=c))


def _not_member(field: str, value, ids) -> InputError:
    """``<field>=<value> is not a member's case_id; members: …`` (code ``hub.not_member``)."""
    m = ", ".join(ids)
    return InputError(Message("hub.not_member", f"{field}={value!r} is not a member's case_id; members: {m}",
                              field=field, value=repr(value), members=m))


def _passed_on(context: str, exc: InputError) -> InputError:
    """An error of a nested reader passed on as ``<context>: <its text>``, its code kept."""
    m = message_of(exc)
    return InputError(m.prefixed(context) if isinstance(m, Message) else f"{context}: {m}")


def _unknown(where: str, d: dict, known: tuple) -> None:
    import difflib

    for k in d:
        if k not in known:
            close = difflib.get_close_matches(str(k), list(known), n=1)
            kn = ", ".join(known)
            if close:
                raise InputError(Message("hub.unknown_field_hint", f"{where}: unknown field {k!r}; did you mean "
                                         f"{close[0]}? (known: {kn})", where=where, key=repr(k), close=close[0],
                                         known=kn))
            raise InputError(Message("hub.unknown_field", f"{where}: unknown field {k!r} (known: {kn})",
                                     where=where, key=repr(k), known=kn))


def _profile_file(where: str, value, base: Path, column: str | None = None):
    """Read a profiles CSV relative to the hub file; ``column`` is renamed to ``heat_demand_kW`` or
    ``grid_capacity_kW`` for the profile reader (``(name, target)``)."""
    from heatcalc.evaluation.hourly.profiles import read_profiles

    if not isinstance(value, str) or not value.strip():
        raise InputError(Message("hub.file_name_needed", f"{where}={value!r} must be the name of a CSV file "
                                 "(relative to the hub file)", where=where, value=repr(value)))
    path = (base / value).resolve() if not Path(value).is_absolute() else Path(value)
    if not path.is_file():
        raise InputError(Message("hub.file_not_found", f"{where}={value!r}: file not found ({path})", where=where,
                                 value=repr(value), path=str(path)))
    if column is None:
        try:
            return read_profiles(path)
        except InputError as exc:
            raise _passed_on(f"{where}={value!r}", exc) from None
    name, target = column
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Message("hub.file_unreadable", f"{where}={value!r} cannot be read: {exc}", where=where,
                                 value=repr(value), err=str(exc))) from None
    lines = text.splitlines()
    head = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), None)
    if head is None or name.lower() not in [c.strip().strip('"').lower() for c in
                                            lines[head].replace(";", ",").split(",")]:
        raise InputError(Message("hub.profile_no_column", f"{where}={value!r}: the file has no {name!r} column "
                                 f"(needs timestamp and {name})", where=where, value=repr(value), column=repr(name),
                                 name=name))
    cells = [c for c in lines[head].replace(";", ",").split(",")]
    keep = [c.strip().strip('"').lower() in ("timestamp", name.lower()) for c in cells]
    if not all(keep):  # only the two columns, so that other profile columns in the file are not mistaken
        import csv

        sep = ";" if lines[head].count(";") > lines[head].count(",") else ","
        rows = list(csv.reader([ln for ln in lines[head:] if ln.strip() and not ln.lstrip().startswith("#")],
                               delimiter=sep))
        idx = [i for i, c in enumerate(rows[0]) if c.strip().strip('"').lower() in ("timestamp", name.lower())]
        lines = [sep.join(r[i] for i in idx) for r in rows]
        head = 0
    lines[head] = lines[head].replace(name, target).replace(name.lower(), target)
    try:
        prof = read_profiles(io.StringIO("\n".join(lines)))
    except InputError as exc:
        raise InputError(f"{where}={value!r}: {str(exc).replace(target, name)}") from None
    prof.source = path.name
    return prof


def _member(i: int, m, base: Path) -> MemberSpec:
    where = f"members[{i}]"
    if not isinstance(m, dict):
        raise InputError(Message("hub.member_not_object", f"{where} must be an object with a 'case' (got "
                                 f"{type(m).__name__})", where=where, got=type(m).__name__))
    _unknown(where, m, _MEMBER_KEYS)
    if "case" not in m:
        raise InputError(Message("hub.case_required", f"{where}.case is required (a case object as in the case "
                                 "schema)", where=where))
    c = m["case"]
    if isinstance(c, str):  # a case file relative to the hub file
        from heatcalc.case import load_case

        p = base / c
        if not p.is_file():
            raise InputError(Message("hub.file_not_found", f"{where}.case={c!r}: file not found ({p})",
                                     where=f"{where}.case", value=repr(c), path=str(p)))
        try:
            case = load_case(p)
        except InputError as exc:
            raise _passed_on(f"{where}.case", exc) from None
    else:
        try:
            case = Case.from_dict(c)
        except InputError as exc:
            raise _passed_on(f"{where}.case", exc) from None
    if case.process not in ("heat", "dryer") or case.heat_demand_kW is None:
        raise InputError(Message("hub.member_process", f"{where}.case.process={case.process!r}: a hub member is a "
                                 "process-heat case (heat, dryer) with heat_demand_kW", where=where,
                                 process=repr(case.process)))
    spec = MemberSpec(case=case)
    for k, (unit, lo, hi) in _MEMBER_NUM.items():
        if m.get(k) is not None:
            setattr(spec, k, _num(f"{where}.{k}", m[k], unit, lo, hi))
    if m.get("storage_kind") is not None:
        from heatcalc.evaluation.hourly.dispatch import STORAGE_KINDS

        if m["storage_kind"] not in STORAGE_KINDS:
            raise _choice(f"{where}.storage_kind", m["storage_kind"], STORAGE_KINDS)
        spec.storage_kind = m["storage_kind"]
    if m.get("profiles") is not None:
        spec.profiles = _profile_file(f"{where}.profiles", m["profiles"], base)
    return spec


def _link(i: int, lk, ids: list[str], base: Path) -> HeatLinkSpec:
    where = f"heat_links[{i}]"
    if not isinstance(lk, dict):
        raise InputError(Message("hub.link_not_object", f"{where} must be an object with from, to, heat_kW, T_C, "
                                 "distance_m", where=where))
    _unknown(where, lk, _LINK_KEYS)
    for k in ("from", "to"):
        if k not in lk:
            raise InputError(Message("hub.link_end_required", f"{where}.{k} is required (the case_id of a member; "
                                     f"members: {', '.join(ids)})", field=f"{where}.{k}", members=", ".join(ids)))
        if lk[k] not in ids:
            raise _not_member(f"{where}.{k}", lk[k], ids)
    if lk["from"] == lk["to"]:
        raise InputError(Message("hub.link_same_member", f"{where}: from and to are the same member {lk['from']!r}; "
                                 "a link joins two members", where=where, member=repr(lk["from"])))
    for k in ("T_C", "distance_m"):
        if lk.get(k) is None:
            unit, lo, hi = _LINK_NUM[k]
            raise InputError(Message("hub.required_number", f"{where}.{k} is required ({unit}, {lo:g} to "
                                     f"{hi:,.0f})", field=f"{where}.{k}", unit=unit, lo=lo, hi=hi))
    vals = {k: _num(f"{where}.{k}", lk[k], *_LINK_NUM[k]) for k in _LINK_NUM
            if lk.get(k) is not None and not (k == "heat_kW" and isinstance(lk[k], str))}
    spec = HeatLinkSpec(from_id=lk["from"], to_id=lk["to"], T_C=vals["T_C"], distance_m=vals["distance_m"],
                        heat_kW=vals.get("heat_kW"), loss_W_per_m=vals.get("loss_W_per_m"),
                        capex_EUR_per_m=vals.get("capex_EUR_per_m"), om_share_per_yr=vals.get("om_share_per_yr"),
                        label=f"{lk['from']}->{lk['to']}")
    if isinstance(lk.get("heat_kW"), str):  # a CSV file with timestamp and heat_kW
        spec.heat_profile = _profile_file(f"{where}.heat_kW", lk["heat_kW"], base, ("heat_kW", "heat_demand_kW"))
    elif spec.heat_kW is None:
        raise InputError(Message("hub.link_heat_required", f"{where}.heat_kW is required (kW, 0 to 10,000,000, or "
                                 "the name of a CSV file with timestamp and heat_kW)", where=where))
    return spec


def _asset(i: int, a, ids: list[str]) -> SharedAssetSpec:
    where = f"shared_assets[{i}]"
    if not isinstance(a, dict):
        raise InputError(Message("hub.asset_not_object", f"{where} must be an object with a kind "
                                 f"({', '.join(ASSET_KINDS)})", where=where, kinds=", ".join(ASSET_KINDS)))
    kind = a.get("kind")
    if kind not in ASSET_KINDS:
        raise _choice(f"{where}.kind", kind, ASSET_KINDS)
    _unknown(where, a, _ASSET_KEYS[kind])
    site = a.get("site", ids[0])
    if site not in ids:
        raise _not_member(f"{where}.site", site, ids)
    for k in _ASSET_REQUIRED[kind]:
        if a.get(k) is None:
            unit, lo, hi = _ASSET_NUM[k]
            raise InputError(Message("hub.asset_required", f"{where}.{k} is required for a {kind} ({unit}, {lo:g} "
                                     f"to {hi:,.0f})", field=f"{where}.{k}", kind=kind, unit=unit, lo=lo, hi=hi))
    vals = {k: _num(f"{where}.{k}", a[k], *_ASSET_NUM[k]) for k in _ASSET_NUM
            if k in _ASSET_KEYS[kind] and a.get(k) is not None}
    serves = a.get("serves")
    if serves is None:
        serves = list(ids)
    if not isinstance(serves, list) or not serves or not all(isinstance(x, str) for x in serves):
        raise InputError(Message("hub.serves_list", f"{where}.serves={serves!r} must be a list of members' "
                                 f"case_ids; members: {', '.join(ids)}", where=where, value=repr(serves),
                                 members=", ".join(ids)))
    for x in serves:
        if x not in ids:
            raise InputError(Message("hub.serves_not_member", f"{where}.serves: {x!r} is not a member's case_id; "
                                     f"members: {', '.join(ids)}", where=where, value=repr(x), members=", ".join(ids)))
    name = a.get("name", f"{kind}{i}")
    if not isinstance(name, str) or not name.strip():
        raise InputError(Message("hub.asset_name", f"{where}.name={name!r} must be a non-empty text", where=where,
                                 value=repr(name)))
    spec = SharedAssetSpec(kind=kind, name=name.strip(), site=site, serves=list(dict.fromkeys(serves)),
                           **{k: v for k, v in vals.items()})
    if kind == "heat_pump":
        if spec.T_source_C >= spec.T_C:
            raise InputError(Message("hub.asset_hp_source", f"{where}.T_source_C={spec.T_source_C:g} °C must be "
                                     f"below {where}.T_C={spec.T_C:g} °C (a heat pump lifts heat)", where=where,
                                     T_source_C=spec.T_source_C, T_C=spec.T_C))
        if spec.cop is not None:
            from heatcalc.core.units import C_to_K
            from heatcalc.thermo.cop_models import carnot_cop

            top = float(carnot_cop(C_to_K(spec.T_C), C_to_K(spec.T_source_C)))
            if spec.cop > top:
                raise InputError(Message("hub.asset_cop_carnot", f"{where}.cop={spec.cop:g} is above the Carnot COP "
                                         f"{top:.2f} between T_source_C={spec.T_source_C:g} °C and "
                                         f"T_C={spec.T_C:g} °C; valid: 1 to {top:.2f}", where=where, cop=spec.cop,
                                         cop_carnot=top, T_source_C=spec.T_source_C, T_C=spec.T_C))
    return spec


def hub_from_dict(data, base_dir=".", source: str = "<dict>") -> HubSpec:
    """Check a hub mapping and read the files it names.

    Parameters
    ----------
    data : dict
        The hub object (see the module docstring).
    base_dir : str or Path
        Folder that relative file names are taken from.
    source : str
        Name of the hub file, for messages.

    Returns
    -------
    HubSpec

    Raises
    ------
    InputError
        Naming the field as written in the file, the value, its unit and the valid range.
    """
    base = Path(base_dir)
    if not isinstance(data, dict):
        raise InputError(Message("hub.not_object", f"a hub file holds one JSON object (got {type(data).__name__})",
                                 got=type(data).__name__))
    _unknown("hub", data, _HUB_KEYS)
    hub_id = data.get("hub_id")
    if not isinstance(hub_id, (str, int)) or str(hub_id).strip() == "":
        raise InputError(Message("hub.id_required", f"hub_id={hub_id!r} is required: a non-empty name",
                                 value=repr(hub_id)))
    members = data.get("members")
    if not isinstance(members, list) or not members:
        raise InputError(Message("hub.members_list", f"members={members!r} must be a list of one or more members, "
                                 f"each {{\"case\": {{...}}}}", value=repr(members)))
    if len(members) > MAX_MEMBERS:
        raise InputError(Message("hub.members_count", f"members has {len(members)} entries; valid: 1 to "
                                 f"{MAX_MEMBERS}", n=len(members), n_max=MAX_MEMBERS))
    specs = [_member(i, m, base) for i, m in enumerate(members)]
    ids = [s.case_id for s in specs]
    dup = sorted({x for x in ids if ids.count(x) > 1})
    if dup:
        raise InputError(Message("hub.member_twice", f"members: case_id {dup[0]!r} appears twice; every member needs "
                                 "its own case_id", case_id=repr(dup[0])))
    cap = data.get("shared_capacity_kW")
    hub = HubSpec(hub_id=str(hub_id), members=specs, source=source)
    if cap is None:
        raise InputError(Message("hub.capacity_required", "shared_capacity_kW is required: the capacity the members "
                                 "share, in kW (0 to 10,000,000), or the name of a CSV file with timestamp and "
                                 "shared_capacity_kW"))
    if isinstance(cap, str) and not _is_number_text(cap):
        hub.shared_profile = _profile_file("shared_capacity_kW", cap, base, ("shared_capacity_kW", "grid_capacity_kW"))
    else:
        hub.shared_capacity_kW = _num("shared_capacity_kW", cap, "kW", 0.0, 1e7)
    tr = data.get("transport_right")
    if tr is not None and tr not in TRANSPORT_RIGHTS:
        raise _choice("transport_right", tr, TRANSPORT_RIGHTS)
    hub.transport_right = tr
    alloc = data.get("allocation", "auto")
    if alloc not in ALLOCATIONS:
        raise _choice("allocation", alloc, ALLOCATIONS)
    hub.allocation = alloc
    links = data.get("heat_links") or []
    if not isinstance(links, list):
        raise InputError(Message("hub.links_list", f"heat_links={links!r} must be a list of links (from, to, heat_kW, "
                                 "T_C, distance_m)", value=repr(links)))
    hub.heat_links = [_link(i, lk, ids, base) for i, lk in enumerate(links)]
    assets = data.get("shared_assets") or []
    if not isinstance(assets, list):
        raise InputError(Message("hub.assets_list", f"shared_assets={assets!r} must be a list of assets (kind: "
                                 f"{', '.join(ASSET_KINDS)})", value=repr(assets), kinds=", ".join(ASSET_KINDS)))
    hub.shared_assets = [_asset(i, a, ids) for i, a in enumerate(assets)]
    names = [a.name for a in hub.shared_assets]
    dup = sorted({x for x in names if names.count(x) > 1})
    if dup:
        raise InputError(Message("hub.asset_twice", f"shared_assets: name {dup[0]!r} appears twice; every asset needs "
                                 "its own name", name=repr(dup[0])))
    if any(a.kind == "heat_store" for a in hub.shared_assets) and not any(
            a.kind in ("eboiler", "heat_pump") for a in hub.shared_assets):
        i = next(i for i, a in enumerate(hub.shared_assets) if a.kind == "heat_store")
        raise InputError(Message("hub.store_needs_charger", f"shared_assets[{i}]: a shared heat_store is charged by a "
                                 "shared eboiler or heat_pump; add one (or give the store to a member as "
                                 "members[].storage_kWh)", i=i))
    obj = data.get("objective", "cost")
    if obj not in OBJECTIVES:
        raise _choice("objective", obj, OBJECTIVES)
    hub.objective = obj
    for k, (unit, hi) in (("cost_cap_EUR", ("EUR", 1e12)), ("cost_cap_pct", ("%", 1000.0))):
        if data.get(k) is not None:
            setattr(hub, k, _num(k, data[k], unit, 0.0, hi))
    if obj == "co2":
        if (hub.cost_cap_EUR is None) == (hub.cost_cap_pct is None):
            raise InputError(Message("hub.co2_needs_cap", "objective='co2' needs one cost cap: cost_cap_EUR (EUR, the "
                                     "hub's cost over the period) or cost_cap_pct (%, 0 to 1,000, above the least "
                                     "cost)"))
    elif hub.cost_cap_EUR is not None or hub.cost_cap_pct is not None:
        raise InputError(Message("hub.cap_without_co2", "cost_cap_EUR / cost_cap_pct apply with objective='co2' "
                                 "only; set objective to 'co2' or remove the cap"))
    given = [s.capacity_kW for s in specs if s.capacity_kW is not None]
    if given and len(given) != len(specs):
        miss = next(i for i, s in enumerate(specs) if s.capacity_kW is None)
        raise InputError(Message("hub.member_capacity_missing", f"members[{miss}].capacity_kW is missing: give every "
                                 "member's stand-alone share of the shared capacity (kW) or none (then shares are "
                                 "proportional to stand-alone peaks)", i=miss))
    if given and hub.shared_capacity_kW is not None and sum(given) > hub.shared_capacity_kW * (1 + 1e-9):
        raise InputError(Message("hub.member_capacity_sum", f"members[].capacity_kW add up to {sum(given):,.0f} kW, "
                                 f"more than shared_capacity_kW={hub.shared_capacity_kW:,.0f} kW; valid: a total of at "
                                 "most the shared capacity", total_kW=sum(given), shared_kW=hub.shared_capacity_kW))
    return hub


def _is_number_text(s: str) -> bool:
    try:
        float(s.strip().replace(",", "."))
        return True
    except ValueError:
        return False


def read_hub(path) -> HubSpec:
    """Read a hub JSON file (profile files relative to it).

    Raises
    ------
    InputError
        If the file cannot be read, is not JSON, or a field is invalid.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(Message("hub.hub_file_not_found", f"hub file {str(path)!r} not found",
                                 path=repr(str(path)))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Message("hub.hub_file_unreadable", f"hub file {str(path)!r} cannot be read: {exc}",
                                 path=repr(str(path)), err=str(exc))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Message("hub.hub_file_json", f"hub file {str(path)!r} is not valid JSON: {exc.msg} at line "
                                 f"{exc.lineno}, column {exc.colno}", path=repr(str(path)), err=exc.msg,
                                 line=exc.lineno, col=exc.colno)) from None
    return hub_from_dict(data, base_dir=p.parent, source=p.name)
