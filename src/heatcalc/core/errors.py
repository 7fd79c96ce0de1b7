"""Exception hierarchy of heatcalc.

Every error a user can cause derives from :class:`HeatCalcError`; the command
line turns them into one ``error:`` line and exit code 2, the app into an inline
message. Anything else escaping is a bug (exit code 1).

Messages name the field, the value given, its unit and the valid range, e.g.
``T_sink_out_C=35 °C must be above T_source_in_C=40 °C``.
"""
from __future__ import annotations


class HeatCalcError(Exception):
    """Base class of all errors heatcalc raises on purpose."""


class InputError(HeatCalcError, ValueError):
    """A user input is missing, of the wrong type or outside its valid range."""


class PhysicalBoundsError(HeatCalcError, ValueError):
    """Inputs are valid one by one but together physically impossible
    (sink below source, condensing above the critical point, ...)."""


class FluidPropertyError(HeatCalcError):
    """A fluid is unknown or a property call failed for the state asked for."""


class TariffDataError(HeatCalcError):
    """Tariff or other reference data is missing, incomplete or malformed."""


def out_of_range(field: str, value, unit: str, valid: str) -> InputError:
    """Build an :class:`InputError` with the standard message.

    Parameters
    ----------
    field : str
        Name of the parameter as the user knows it (``T_sink_out_C``, ``--t-cond``).
    value : object
        The value given.
    unit : str
        Its unit (``°C``, ``K``, ``-``).
    valid : str
        The valid range or choices in words (``between 0 and 1``).

    Returns
    -------
    InputError
    """
    u = f" {unit}" if unit and unit != "-" else ""
    return InputError(f"{field}={value}{u} is out of range: valid is {valid}")


class ReportError(HeatCalcError):
    """The report could not be written (bad output path or format)."""
